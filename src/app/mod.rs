//! The one state struct. [`App`] owns the corpus, the cast and every piece of view
//! state (focus, selections, scroll, the current target, overlays);
//! [`App::update`] is the only place state changes, and it does no I/O.
//!
//! Rendering reads an `&App`. What depends on the terminal size (pane rectangles,
//! the reader's wrapped rows, list offsets) is recomputed by
//! [`App::sync_viewport`] before each draw, so `update` can answer "page down" and
//! "next mention" with the geometry the user is looking at.

pub mod geometry;
mod indexing;
mod jump;
mod lists;
mod reader;
mod search;
pub mod target;

use ratatui::layout::Rect;
use rustc_hash::FxHashMap;

pub use geometry::Screen;
pub use lists::{ArticleList, CastView, Scope, Sort};
pub use reader::ReaderView;
pub use search::SCAN_SLICE;
pub use target::{Hit, Target, TargetKind};

use crate::action::Action;
use crate::cast::{ActorId, Cast};
use crate::corpus::{Corpus, Dedup};
use crate::index::Progress;
use crate::keymap::{Context, Keymap};

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Articles,
    Reader,
    Cast,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Articles, Pane::Reader, Pane::Cast];

    fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Articles => "Articles",
            Pane::Reader => "Reader",
            Pane::Cast => "Cast",
        }
    }
}

/// A view drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    Warnings {
        scroll: usize,
    },
}

/// A search being typed, with what to go back to if it is cancelled.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub query: String,
    saved_target: Option<Target>,
    saved_article: usize,
    saved_scroll: usize,
}

/// All of castlist's state.
#[derive(Debug)]
pub struct App {
    pub corpus: Corpus,
    pub cast: Cast,
    pub keymap: Keymap,
    pub focus: Pane,
    pub list: ArticleList,
    pub reader: ReaderView,
    pub cast_view: CastView,
    pub target: Option<Target>,
    pub overlay: Overlay,
    pub prompt: Option<Prompt>,
    /// A one-off note for the status line ("search wrapped", "no mentions").
    pub message: Option<String>,
    pub should_quit: bool,
    pub screen: Screen,
    /// Background indexing, while it runs (and after, for the status line).
    pub indexing: Option<Progress>,
    /// How long a key typed into a search may spend counting matches; the
    /// rest is counted between keys (`App::work`). `search::KEY_SLICE` (1 ms) unless
    /// a test wants every count to be left for later.
    pub key_slice: std::time::Duration,
    /// Each article's place in load order (source, record), by id.
    order: Vec<(u32, u32)>,
    dedup: Dedup,
    /// Articles arrived since the lists were last rebuilt.
    stale: bool,
    /// A jump waiting for the search count (cleared by any other key).
    pending_jump: Option<target::Seek>,
    /// Articles whose actors are still being found, by load order → id.
    awaiting: FxHashMap<(u32, u32), usize>,
}

impl App {
    pub fn new(corpus: Corpus, cast: Cast, keymap: Keymap) -> App {
        let order: Vec<(u32, u32)> = (0..corpus.articles.len()).map(|i| (0, i as u32)).collect();
        let list = ArticleList::new(&corpus, &order);
        let first = list.shown.first().copied().unwrap_or(0);
        let mut app = App {
            indexing: None,
            order,
            dedup: Dedup::default(),
            stale: false,
            pending_jump: None,
            key_slice: search::KEY_SLICE,
            awaiting: FxHashMap::default(),
            reader: ReaderView::new(first),
            corpus,
            cast,
            keymap,
            focus: Pane::Articles,
            list,
            cast_view: CastView::default(),
            target: None,
            overlay: Overlay::None,
            prompt: None,
            message: None,
            should_quit: false,
            screen: Screen::default(),
        };
        // Sizing the viewport wraps the first article (the reader already
        // points at it); opening it again would wrap it twice.
        app.sync_viewport(Rect::new(0, 0, 120, 40));
        app.list.select_article(first);
        app.refresh_cast_view(None);
        app
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        if self.prompt.is_some() {
            return Context::Search;
        }
        match self.overlay {
            Overlay::Help { .. } => Context::Help,
            Overlay::Warnings { .. } => Context::Warnings,
            Overlay::None => match self.focus {
                Pane::Articles => Context::Articles,
                Pane::Reader => Context::Reader,
                Pane::Cast => Context::Cast,
            },
        }
    }

    /// Recomputes everything that depends on the terminal size. Called before
    /// each draw; cheap when nothing changed.
    pub fn sync_viewport(&mut self, area: Rect) {
        self.screen = Screen::new(area, self.focus);
        let reader_rect = self
            .screen
            .reader
            .unwrap_or_else(|| self.offscreen_pane(area));
        let text = geometry::reader_text(reader_rect);
        let article = self.corpus.articles.get(self.reader.article);
        self.reader
            .fit(article, text.width as usize, text.height as usize);
        let list_rect = self
            .screen
            .articles
            .unwrap_or_else(|| self.offscreen_pane(area));
        self.list.fit(geometry::inner(list_rect).height as usize);
        let cast_rect = geometry::inner(
            self.screen
                .cast
                .unwrap_or_else(|| self.offscreen_pane(area)),
        );
        self.cast_view
            .fit((cast_rect.height - geometry::cast_details_height(cast_rect)) as usize);
        // The reader draws the target's hits in its article.
        if let Some(target) = &mut self.target {
            target.hits_in(self.reader.article, &self.corpus, &self.cast);
        }
    }

    /// In one-pane mode the hidden panes keep the size they would have if shown,
    /// so switching focus does not re-wrap the reader.
    fn offscreen_pane(&self, area: Rect) -> Rect {
        Rect {
            height: area.height.saturating_sub(2),
            ..area
        }
    }

    /// Applies one user intent.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        if self.prompt.is_some() {
            return self.update_prompt(action);
        }
        // A key moves on from a jump that was waiting for a search count.
        self.pending_jump = None;
        match (self.overlay, action) {
            (_, Action::Quit) => self.should_quit = true,
            (Overlay::Help { .. }, Action::Help) | (Overlay::Warnings { .. }, Action::Warnings) => {
                self.overlay = Overlay::None
            }
            (Overlay::Help { scroll } | Overlay::Warnings { scroll }, _) => {
                let scroll = self.scroll_overlay(scroll, action);
                self.overlay = match self.overlay {
                    Overlay::Help { .. } => Overlay::Help { scroll },
                    _ => Overlay::Warnings { scroll },
                };
            }
            (Overlay::None, action) => self.update_panes(action),
        }
    }

    fn update_panes(&mut self, action: Action) {
        match action {
            Action::Quit => self.should_quit = true,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Warnings => self.overlay = Overlay::Warnings { scroll: 0 },
            Action::Cancel => {
                if self.target.take().is_none() {
                    self.message = Some("nothing to clear".into());
                }
                self.list.set_filter(false, None);
            }
            Action::FocusNext | Action::FocusRight => {
                self.focus_step(1, action == Action::FocusNext)
            }
            Action::FocusPrev | Action::FocusLeft => {
                self.focus_step(-1, action == Action::FocusPrev)
            }
            Action::Down
            | Action::Up
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => self.move_in_pane(action),
            Action::OpenArticle => {
                self.open_selected();
                self.focus = Pane::Reader;
            }
            Action::FollowActor => self.follow_selected_actor(),
            Action::NextMatch => self.jump(true),
            Action::PrevMatch => self.jump(false),
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::Search => {
                self.prompt = Some(Prompt {
                    query: String::new(),
                    saved_target: self.target.clone(),
                    saved_article: self.reader.article,
                    saved_scroll: self.reader.scroll,
                })
            }
            Action::ToggleCastScope => {
                self.cast_view.scope = match self.cast_view.scope {
                    Scope::Article => Scope::Corpus,
                    Scope::Corpus => Scope::Article,
                };
                self.refresh_cast_view(self.followed_actor());
            }
            Action::CycleSort => {
                self.list.cycle_sort(&self.corpus, &self.order);
                self.after_reorder();
                self.message = Some(format!("sorted by {}", self.list.sort.label()));
            }
            Action::ToggleFilter => self.toggle_filter(),
            Action::ConfirmSearch | Action::DeleteChar | Action::InsertChar(_) => {}
        }
    }

    fn focus_step(&mut self, step: isize, wrap: bool) {
        let i = self.focus.index() as isize + step;
        let i = if wrap { i.rem_euclid(3) } else { i.clamp(0, 2) };
        self.focus = Pane::ALL[i as usize];
    }

    fn move_in_pane(&mut self, action: Action) {
        match self.focus {
            Pane::Reader => self.reader.scroll_by(action),
            Pane::Articles => {
                if self.list.move_by(action) {
                    self.open_selected();
                }
            }
            Pane::Cast => self.cast_view.move_by(action),
        }
    }

    /// How many lines the open overlay holds (see `ui::overlay`).
    fn overlay_len(&self) -> usize {
        match self.overlay {
            Overlay::None => 0,
            Overlay::Help { .. } => {
                2 + self
                    .keymap
                    .help_sections()
                    .map(|(_, b)| 2 + b.entries.len())
                    .sum::<usize>()
            }
            Overlay::Warnings { .. } => self.corpus.warnings.len().max(1),
        }
    }

    fn scroll_overlay(&self, scroll: usize, action: Action) -> usize {
        // The overlay's box is the screen less a margin and its border.
        let page = self.screen.area.height.saturating_sub(4).max(1) as usize;
        let max = self.overlay_len().saturating_sub(page);
        let scroll = match action {
            Action::Down => scroll + 1,
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => scroll + page,
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => scroll,
        };
        scroll.min(max)
    }

    /// Shows the article at the list selection in the reader.
    fn open_selected(&mut self) {
        if let Some(id) = self.list.selected_article()
            && id != self.reader.article
        {
            self.open(id);
        }
    }

    /// Shows article `id` from its top.
    fn open(&mut self, id: usize) {
        self.reader.open(self.corpus.articles.get(id), id);
        self.list.select_article(id);
        if let Some(target) = &mut self.target {
            target.current = None;
        }
        self.refresh_cast_view(self.followed_actor());
    }

    fn step_article(&mut self, step: isize) {
        if self.list.step(step) {
            self.open_selected();
        } else {
            self.message = Some(
                if step > 0 {
                    "last article"
                } else {
                    "first article"
                }
                .into(),
            );
        }
    }

    fn toggle_filter(&mut self) {
        if self.list.filter {
            self.list.set_filter(false, None);
        } else if let Some(target) = &self.target {
            self.list.set_filter(true, Some(&target.per_article));
            let partial = if target.scanning(&self.corpus) {
                " found so far"
            } else {
                ""
            };
            self.message = Some(format!(
                "showing the {} articles with matches{partial}",
                self.list.shown.len()
            ));
        } else {
            self.message = Some("nothing to filter by: follow an actor or search first".into());
        }
        self.list.select_article(self.reader.article);
    }

    /// After the article order changed: the target's hits follow the new order.
    fn after_reorder(&mut self) {
        if let Some(target) = &mut self.target {
            target.reorder(&self.list.position);
        }
        self.list.select_article(self.reader.article);
    }

    /// Rebuilds the cast pane's rows, selecting `keep` if it is listed.
    fn refresh_cast_view(&mut self, keep: Option<ActorId>) {
        self.cast_view
            .rebuild(&self.cast, self.reader.article, keep);
    }

    /// The actor being followed, if the target is one.
    pub fn followed_actor(&self) -> Option<ActorId> {
        match self.target.as_ref().map(|t| &t.kind) {
            Some(TargetKind::Actor(id)) => Some(*id),
            _ => None,
        }
    }
}
