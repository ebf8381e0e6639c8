//! The one state struct. [`App`] owns the corpus, the cast and every piece of view
//! state (focus, selections, scroll, the current target, overlays).
//! [`App::update`] is the one entry for change: keys, indexer results, ticks and
//! resizes all arrive as a [`Msg`]; what the app wants done outside itself comes
//! back as [`Effect`]s. It does no I/O, and it never formats for the screen:
//! it answers with numbers, and `ui` turns them into text.
//!
//! Rendering reads an `&App` through read-only accessors. What depends on the
//! terminal size (pane rectangles, the reader's wrapped rows, list offsets) is
//! recomputed by `Msg::Resize` before each draw, so `update` can answer "page
//! down" and "next mention" with the geometry the user is looking at.

mod cast_view;
mod copies;
mod filter;
pub mod finder;
pub mod geometry;
pub mod help;
mod indexing;
mod jump;
mod jumps;
mod keys;
pub mod kwic;
mod lists;
mod matcher;
pub mod memory;
mod msg;
mod panes;
pub mod query;
pub mod quotes;
mod quotes_view;
mod reader;
mod search;
pub mod target;
mod tools;

use ratatui::layout::Rect;
use rustc_hash::FxHashMap;

pub use cast_view::{CastMode, CastView, FindFor, PickFor, Scope};
pub use filter::QueryFilter;
pub use geometry::Screen;
pub use jump::{TargetStatus, Where};
pub use jumps::{Jumps, MarkOp, Place};
pub use keys::Pending;
pub use kwic::Kwic;
pub use lists::{ArticleList, Sort};
pub use msg::{Effect, Msg};
pub use quotes_view::QuotesView;
pub use reader::ReaderView;
pub use search::SCAN_SLICE;
pub use target::{Hit, Target, TargetKind};
pub use tools::{Input, InputKind};

use crate::cast::{ActorId, Cast};
use crate::corpus::Corpus;
use crate::index::Progress;
use crate::keymap::{Context, KeyChord, Keymap};

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
        /// Display columns scrolled sideways (warnings name long paths).
        column: usize,
    },
    /// The concordance of the target, full screen (its state: `App::kwic`).
    Concordance,
    /// The selected actor's quotes, full screen (`App::quotes_view`).
    Quotes,
}

/// A search being typed, with what to go back to if it is cancelled.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub query: String,
    saved_target: Option<Target>,
    saved_article: usize,
    saved_scroll: usize,
    /// The document byte at the reader's top when the search began.
    saved_byte: usize,
}

/// What a timeline was worked out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TimelineKey {
    actor: ActorId,
    width: usize,
    articles: usize,
    mentions: usize,
}

/// All of castlist's state. Read it through the accessors; change it
/// through [`App::update`].
#[derive(Debug)]
pub struct App {
    corpus: Corpus,
    cast: Cast,
    keymap: Keymap,
    focus: Pane,
    list: ArticleList,
    reader: ReaderView,
    cast_view: CastView,
    target: Option<Target>,
    overlay: Overlay,
    prompt: Option<Prompt>,
    /// A one-off note for the status line ("search wrapped", "no mentions").
    message: Option<String>,
    should_quit: bool,
    screen: Screen,
    /// Background indexing, while it runs (and after, for the status line).
    indexing: Option<Progress>,
    /// How long a key typed into a search may spend counting matches; the
    /// rest is counted between keys (`Msg::Tick`). `search::KEY_SLICE` (1 ms)
    /// unless a test wants every count to be left for later.
    key_slice: std::time::Duration,
    /// Each article's place in load order (source, record), by id.
    order: Vec<(u32, u32)>,
    /// The articles kept, to find arriving copies of them.
    seen: copies::Copies,
    /// Articles arrived since the lists were last rebuilt.
    stale: bool,
    /// A jump waiting for the search count (cleared by any other key).
    pending_jump: Option<target::Seek>,
    /// Articles whose actors are still being found, by load order → id.
    awaiting: FxHashMap<(u32, u32), usize>,
    /// Identical copies skipped while indexing: information, not warnings.
    copies: Vec<crate::corpus::Warning>,
    /// What the update being applied asks of the shell.
    effects: Vec<Effect>,
    /// Keys typed that wait for more (a count).
    pending: Pending,
    /// Read, starred, positions: what is remembered across launches.
    memory: memory::Remembering,
    /// The remembered article, which the reader shows until the user acts
    /// (instead of the top of the list).
    home: Option<usize>,
    /// The places to go back to, and the marks.
    jumps: Jumps,
    /// The reader alone on screen (`z`).
    zoom: bool,
    /// A line being typed other than a search: a name, a query.
    input: Option<Input>,
    /// The cast finder, while it is open.
    finder: Option<finder::Finder>,
    /// The query filter in force.
    query: Option<QueryFilter>,
    /// The concordance, while it is open.
    kwic: Option<Kwic>,
    /// The quotes found this session, per actor, and the quotes view.
    quotes: quotes::Quotes,
    /// The selected actor's timeline, for the cast pane's details: worked
    /// out when the selection, the cast or the width changes.
    timeline: Option<(TimelineKey, Option<crate::analysis::timeline::Timeline>)>,
    /// The articles' dates, first and last, for the timeline.
    span: crate::analysis::timeline::Span,
    /// The user has acted: from now on arriving articles leave the selection
    /// alone (until then it stays on the top of the list).
    touched: bool,
}

impl App {
    pub fn new(corpus: Corpus, cast: Cast, keymap: Keymap) -> App {
        let order: Vec<(u32, u32)> = (0..corpus.articles.len()).map(|i| (0, i as u32)).collect();
        let list = ArticleList::new(&corpus, &order);
        let first = list.shown.first().map(|&id| id as usize).unwrap_or(0);
        let mut app = App {
            indexing: None,
            order,
            seen: copies::Copies::default(),
            stale: false,
            pending_jump: None,
            key_slice: search::KEY_SLICE,
            awaiting: FxHashMap::default(),
            effects: Vec::new(),
            copies: Vec::new(),
            touched: false,
            pending: Pending::default(),
            zoom: false,
            input: None,
            finder: None,
            query: None,
            kwic: None,
            quotes: quotes::Quotes::default(),
            timeline: None,
            span: Default::default(),
            jumps: Jumps::default(),
            memory: memory::Remembering::default(),
            home: None,
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
        for article in &app.corpus.articles {
            app.memory.push(article);
        }
        // Given whole (the bundled articles, a test's): nothing more comes.
        app.memory.complete = !app.corpus.articles.is_empty();
        app.sync_viewport(Rect::new(0, 0, 120, 40));
        app.list.select_article(first);
        app.refresh_cast_view(None);
        app
    }

    /// The app with another budget for counting a search's matches per key
    /// (tests set zero, to leave every count for `Msg::Tick`).
    pub fn with_key_slice(mut self, slice: std::time::Duration) -> App {
        self.key_slice = slice;
        self
    }

    /// Applies one change and returns what the shell should do about it.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        match msg.into() {
            Msg::Key(chord) => self.key(chord),
            Msg::Action(action) => self.act_counted(action, None),
            Msg::Paste(text) => {
                if self.prompt.is_some() || self.input.is_some() {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        self.act(crate::action::Action::InsertChar(c), None);
                    }
                }
            }
            Msg::Indexed(event) => self.absorb(event),
            Msg::Progress(progress) => self.indexing = Some(progress),
            Msg::Refresh => self.refresh(),
            Msg::Tick(budget) => self.work(budget),
            Msg::Resize(area) => self.sync_viewport(area),
            Msg::Notice(text) => self.message = Some(text),
            Msg::Quotes(found) => self.quotes_found(*found),
            Msg::Remembered(memory) => self.remembered(memory),
            Msg::StoreFailed(why) => {
                self.forget();
                self.message = Some(format!("no memory this time: {why}"));
                self.corpus.warnings.push(crate::corpus::Warning {
                    origin: crate::corpus::Origin::file("memory"),
                    message: format!("{why}; castlist will not remember this session"),
                });
            }
        }
        self.note_changes();
        std::mem::take(&mut self.effects)
    }

    /// The action a chord means now: the keymap's, or in the search prompt a
    /// typed character.
    pub fn action_for(&self, chord: KeyChord) -> Option<crate::action::Action> {
        let context = self.context();
        self.keymap
            .action(context, chord)
            .or_else(|| match context {
                Context::Search => chord.typed_char().map(crate::action::Action::InsertChar),
                _ => None,
            })
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        if self.prompt.is_some() || self.input.is_some() {
            return Context::Search;
        }
        match self.overlay {
            Overlay::Help { .. } => Context::Help,
            Overlay::Warnings { .. } => Context::Warnings,
            Overlay::Concordance => Context::Concordance,
            Overlay::Quotes => Context::Quotes,
            Overlay::None => match self.focus {
                Pane::Articles => Context::Articles,
                Pane::Reader => Context::Reader,
                Pane::Cast => Context::Cast,
            },
        }
    }

    /// Recomputes everything that depends on the terminal size. Called before
    /// each draw; cheap when nothing changed.
    fn sync_viewport(&mut self, area: Rect) {
        self.screen = Screen::new(area, self.focus, self.zoom);
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
        if geometry::cast_details_timeline(cast_rect) {
            self.fit_timeline(cast_rect.width as usize);
        }
        self.fit_kwic();
        self.fit_quotes();
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

    /// Each article's place in load order (source, record), by id.
    pub fn load_order(&self) -> &[(u32, u32)] {
        &self.order
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn cast(&self) -> &Cast {
        &self.cast
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn list(&self) -> &ArticleList {
        &self.list
    }

    pub fn reader(&self) -> &ReaderView {
        &self.reader
    }

    pub fn cast_view(&self) -> &CastView {
        &self.cast_view
    }

    /// The active actor or search.
    pub fn target(&self) -> Option<&Target> {
        self.target.as_ref()
    }

    pub fn overlay(&self) -> Overlay {
        self.overlay
    }

    /// The search being typed.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// A one-off note for the status line.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    /// The screen's arrangement as of the last `Msg::Resize`.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Background indexing's progress, once it has started.
    pub fn indexing(&self) -> Option<Progress> {
        self.indexing
    }

    /// The identical copies skipped as articles arrived, each naming the copy
    /// and the one kept (the `w` view lists them apart from the warnings).
    pub fn copies(&self) -> &[crate::corpus::Warning] {
        &self.copies
    }

    /// Whether the reader is zoomed (the other panes hidden).
    pub fn zoomed(&self) -> bool {
        self.zoom
    }

    /// Whether work waits for the next `Msg::Tick` (a search's count).
    pub fn busy(&self) -> bool {
        self.target
            .as_ref()
            .is_some_and(|t| t.scanning(&self.corpus))
    }

    /// The selected actor's timeline as the cast pane's details draw it
    /// (`None`: no room, no actor, or no article has a date).
    pub fn detail_timeline(&self) -> Option<&crate::analysis::timeline::Timeline> {
        let (key, timeline) = self.timeline.as_ref()?;
        (Some(key.actor) == self.cast_view.selected_actor()).then_some(timeline.as_ref()?)
    }

    /// Works out the selected actor's timeline for `width` bins, unless it
    /// is known already. While indexing, counts that grew by less than a
    /// thirty-second keep the timeline drawn: an actor of a million mentions
    /// is not counted again at every frame (it is, once, when the index is
    /// complete).
    fn fit_timeline(&mut self, width: usize) {
        let Some(actor) = self.cast_view.selected_actor() else {
            return;
        };
        let key = TimelineKey {
            actor,
            width,
            articles: self.corpus.articles.len(),
            mentions: self.cast.actor(actor).map_or(0, |a| a.mentions),
        };
        if let Some((k, _)) = &self.timeline {
            let close = |was: usize, now: usize| now.abs_diff(was) <= was / 32;
            let indexing = self.indexing.is_some_and(|p| p.finished.is_none());
            if *k == key
                || (indexing
                    && k.actor == key.actor
                    && k.width == key.width
                    && close(k.articles, key.articles)
                    && close(k.mentions, key.mentions))
            {
                return;
            }
        }
        self.span.update(&self.corpus);
        let timeline = self.span.range().and_then(|span| {
            crate::analysis::timeline::timeline_within(span, &self.corpus, &self.cast, actor, width)
        });
        self.timeline = Some((key, timeline));
    }

    /// The actor being followed, if the target is one.
    pub fn followed_actor(&self) -> Option<ActorId> {
        match self.target.as_ref().map(|t| &t.kind) {
            Some(TargetKind::Actor(id)) => Some(*id),
            _ => None,
        }
    }
}
