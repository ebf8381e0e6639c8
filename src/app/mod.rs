//! The one state struct. [`App`] owns the corpus, the cast and every piece of view
//! state (focus, selections, scroll, the current target, overlays);
//! [`App::update`] is the only place state changes, and it does no I/O.
//!
//! Rendering reads an `&App`. What depends on the terminal size (pane rectangles,
//! the reader's wrapped rows, list offsets) is recomputed by
//! [`App::sync_viewport`] before each draw, so `update` can answer "page down" and
//! "next mention" with the geometry the user is looking at.

pub mod geometry;
mod lists;
mod reader;
pub mod target;

use ratatui::layout::Rect;

pub use geometry::Screen;
pub use lists::{ArticleList, CastView, Scope, Sort};
pub use reader::ReaderView;
pub use target::{Hit, Target, TargetKind};

use crate::action::Action;
use crate::cast::{ActorId, Cast};
use crate::corpus::{Corpus, Dedup};
use crate::index::{Event, Progress};
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
    /// Each article's place in load order (source, record), by id.
    order: Vec<(u32, u32)>,
    dedup: Dedup,
    /// Articles arrived since the lists were last rebuilt.
    stale: bool,
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

    fn follow_selected_actor(&mut self) {
        let Some(actor) = self.cast_view.selected_actor() else {
            self.message = Some("no actor selected".into());
            return;
        };
        self.target = Some(Target::actor(&self.cast, actor, &self.list.position));
        let from = (self.list.position_of(self.reader.article), 0);
        self.jump_to(|t, pos| t.first_from(from, pos));
    }

    /// `n` / `N`: the next hit after the current one, or after the top of the
    /// reader when the reader has moved away from it.
    fn jump(&mut self, forward: bool) {
        let Some(target) = &self.target else {
            self.message = Some("no actor or search: Enter on an actor, or / to search".into());
            return;
        };
        let here = match target.current.and_then(|i| target.hits.get(i)) {
            Some(hit) if hit.article == self.reader.article => {
                (self.list.position_of(hit.article), hit.range.start)
            }
            _ => (
                self.list.position_of(self.reader.article),
                self.reader.top_byte(),
            ),
        };
        let on_current = target
            .current
            .is_some_and(|i| target.hits[i].article == self.reader.article);
        let before = target.current;
        if forward {
            if on_current {
                self.jump_to(|t, pos| t.next_after(here, pos));
            } else {
                self.jump_to(|t, pos| t.first_from(here, pos));
            }
        } else {
            self.jump_to(|t, pos| t.prev_before(here, pos));
        }
        let after = self.target.as_ref().and_then(|t| t.current);
        if let (Some(b), Some(a)) = (before, after)
            && ((forward && a < b) || (!forward && a > b))
        {
            let end = if forward { "first" } else { "last" };
            self.message = Some(format!("wrapped around to the {end}"));
        }
    }

    /// Moves to the hit `choose` picks: opens its article, selects it in the list
    /// and scrolls the reader so that the hit is visible.
    fn jump_to(&mut self, choose: impl Fn(&Target, &[usize]) -> Option<usize>) {
        let Some(target) = &self.target else { return };
        let Some(i) = choose(target, &self.list.position) else {
            self.message = Some(match &target.kind {
                TargetKind::Search(q) => format!("not found: {q}"),
                TargetKind::Actor(_) => "no mentions".into(),
            });
            return;
        };
        let hit = target.hits[i].clone();
        if hit.article != self.reader.article {
            self.open(hit.article);
        }
        self.list.select_article(hit.article);
        self.reader.reveal(hit.range.clone());
        if let Some(target) = &mut self.target {
            target.current = Some(i);
        }
    }

    fn toggle_filter(&mut self) {
        if self.list.filter {
            self.list.set_filter(false, None);
        } else if let Some(target) = &self.target {
            self.list.set_filter(true, Some(&target.per_article));
            self.message = Some(format!(
                "showing the {} articles with matches",
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

    fn update_prompt(&mut self, action: Action) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        match action {
            Action::InsertChar(c) => prompt.query.push(c),
            Action::DeleteChar => {
                if prompt.query.pop().is_none() {
                    return self.cancel_prompt();
                }
            }
            Action::ConfirmSearch => {
                let empty = prompt.query.is_empty();
                if empty {
                    return self.cancel_prompt();
                }
                self.prompt = None;
                if self.target.as_ref().is_some_and(|t| t.hits.is_empty()) {
                    self.message = self.target.as_ref().map(|t| match &t.kind {
                        TargetKind::Search(q) => format!("not found: {q}"),
                        TargetKind::Actor(_) => String::new(),
                    });
                }
                return;
            }
            Action::Cancel | Action::Quit => return self.cancel_prompt(),
            _ => return,
        }
        // Incremental: search as the query changes, from where the search began.
        let query = prompt.query.clone();
        let (article, scroll) = (prompt.saved_article, prompt.saved_scroll);
        if article != self.reader.article {
            self.open(article);
        }
        self.reader.set_scroll(scroll);
        let target = Target::search(&self.corpus, &query, &self.list.position);
        let from = (self.list.position_of(article), self.reader.top_byte());
        self.target = Some(target);
        self.jump_to(|t, pos| t.first_from(from, pos));
    }

    fn cancel_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        self.target = prompt.saved_target;
        if prompt.saved_article != self.reader.article {
            self.open(prompt.saved_article);
        }
        self.reader.set_scroll(prompt.saved_scroll);
    }

    /// Takes in what the background indexer found. Articles are numbered in the
    /// order they arrive; the lists are rebuilt by [`App::refresh`], which the
    /// event loop calls at a steady pace rather than for every batch.
    pub fn absorb(&mut self, event: Event) {
        match event {
            Event::Articles(batch) => {
                let first = self.corpus.articles.is_empty();
                for indexed in batch {
                    if let Some(warning) = self
                        .dedup
                        .check_fingerprint(indexed.fingerprint, &indexed.article)
                    {
                        self.corpus.warnings.push(warning);
                        continue;
                    }
                    let id = self.corpus.articles.len();
                    let mut article = indexed.article;
                    article.id = id;
                    self.cast.add(id, &article.body, &indexed.actors);
                    self.corpus.articles.push(article);
                    self.order.push(indexed.order);
                }
                self.stale = true;
                if first && !self.corpus.articles.is_empty() {
                    self.refresh();
                    let first = self.list.shown.first().copied().unwrap_or(0);
                    self.open(first);
                }
            }
            Event::Warnings(warnings) => self.corpus.warnings.extend(warnings),
            Event::Done => {
                self.cast.finish();
                self.stale = true;
                self.refresh();
            }
        }
    }

    /// Rebuilds what depends on the set of articles: the list order, the
    /// target's hits, the cast pane. Nothing the user selected moves: the same
    /// article stays selected on the same row, the same actor in the cast.
    pub fn refresh(&mut self) {
        if !self.stale {
            return;
        }
        self.stale = false;
        let hits = self.target.as_ref().map(|t| &t.per_article);
        self.list.rebuild(&self.corpus, &self.order, hits);
        if let Some(target) = &self.target {
            let current = target.current.map(|i| target.hits[i].clone());
            let mut rebuilt = match &target.kind {
                TargetKind::Actor(id) => {
                    Target::actor(&self.cast, self.cast.resolve(*id), &self.list.position)
                }
                TargetKind::Search(q) => Target::search(&self.corpus, q, &self.list.position),
            };
            rebuilt.current = current.and_then(|c| rebuilt.hits.iter().position(|h| *h == c));
            self.target = Some(rebuilt);
        }
        // The cast grew: the selection stays on the same actor.
        let keep = self
            .cast_view
            .selected_actor()
            .map(|id| self.cast.resolve(id));
        self.refresh_cast_view(keep);
        if self.reader.layout.is_empty() || self.reader.layout.article != self.reader.article {
            let article = self.corpus.articles.get(self.reader.article);
            self.reader.open(article, self.reader.article);
        }
    }

    /// "John Kerry · mention 7 of 36 · article 2 of 5" for the status line.
    pub fn target_summary(&self) -> Option<String> {
        let target = self.target.as_ref()?;
        let name = match &target.kind {
            TargetKind::Actor(id) => self
                .cast
                .actor(*id)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            TargetKind::Search(q) => format!("/{q}"),
        };
        let total = target.hits.len();
        let noun = match target.kind {
            TargetKind::Actor(_) => "mention",
            TargetKind::Search(_) => "match",
        };
        let articles = target.article_count();
        Some(match target.current {
            Some(i) => {
                let nth_article = target.article_rank(i);
                format!(
                    "{name} · {noun} {} of {total} · article {nth_article} of {articles}",
                    i + 1
                )
            }
            None => format!(
                "{name} · {total} {noun}{} in {articles} article{}",
                plural(total),
                plural(articles)
            ),
        })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
