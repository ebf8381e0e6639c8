//! What castlist remembers across launches, as plain data: which articles
//! were read and starred and where the reader was in each, and per collection
//! the last article, the cast selection and the marks. The app keeps it and
//! says what changed ([`Change`], in `Effect::Persist`); the shell's store
//! writes it (`crate::store`). Nothing here does I/O.
//!
//! Articles are known by their content — a hash of title and text — not by
//! file or position, so the memory survives moved, renamed or re-exported
//! files, and an article read in one collection is read in another.

use rustc_hash::FxHashMap;

use super::jumps::Place;
use super::{App, Pane};
use crate::action::Action;
use crate::corpus::Article;

pub use crate::corpus::dedup::{ContentKey, content_key};

/// What is remembered of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArticleMemory {
    pub read: bool,
    pub starred: bool,
    /// The document byte at the reader's top when it was last shown (see
    /// `Article::body_start`): 0 is the top.
    pub position: u32,
}

impl ArticleMemory {
    /// Nothing worth a row in the database.
    pub fn is_blank(&self) -> bool {
        *self == ArticleMemory::default()
    }
}

/// What is remembered of one collection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Session {
    /// The article the reader showed last.
    pub article: Option<ContentKey>,
    /// The actor selected in the cast pane, by name (actor ids are numbers
    /// of one run).
    pub actor: Option<String>,
    /// The marks: letter, article, document byte.
    pub marks: Vec<(char, ContentKey, u32)>,
}

/// Everything the store remembered for this collection.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    pub articles: FxHashMap<ContentKey, ArticleMemory>,
    pub session: Session,
}

/// One thing to remember.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Article(ContentKey, ArticleMemory),
    Session(Session),
}

/// The app's side of memory: each article's state, what the store
/// remembered of articles not arrived yet, and what was last said to it.
///
/// An article's key is not kept: it is made again from the article (a hash
/// of its text, or the key a body kept on disk was stored with) when a state
/// is said, which is a few times a session; kept, it cost 16 bytes an article
/// for the whole run.
#[derive(Debug, Default)]
pub(super) struct Remembering {
    /// How many articles there are (their ids are `0..count`).
    count: usize,
    /// By article id, only those not blank: most articles of a large
    /// collection are never opened, and a state for each would cost 8 bytes
    /// an article for the whole run.
    states: FxHashMap<usize, ArticleMemory>,
    /// What the store remembered, for articles still to arrive (each taken
    /// out as its article comes; dropped when all have come).
    remembered: FxHashMap<ContentKey, ArticleMemory>,
    /// The remembered session, until its article has arrived.
    pending: Option<Session>,
    /// The ids of the pending session's articles (its last article, its
    /// marks') that have arrived, by key.
    found: FxHashMap<ContentKey, usize>,
    /// The article last marked read by being shown (so that `r` can mark it
    /// unread again without the next frame marking it read).
    shown: Option<usize>,
    /// What was last said about the session, by article id (ids hold for
    /// the run; a key is made only when something is to be said).
    said: Option<SaidSession>,
    starred: usize,
    /// A store will answer (`Msg::Remembered` or `Msg::StoreFailed`): until
    /// then nothing is said to it, lest it overwrite what it remembers with
    /// the blank state of a first look.
    awaiting: bool,
    /// Articles changed while the store had not answered: said when it has.
    unsaid: Vec<usize>,
    /// Every article has arrived (the corpus was whole from the start, or
    /// indexing is done): a remembered article not among them is gone.
    pub(super) complete: bool,
}

/// A session as the app holds it: articles by id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SaidSession {
    article: usize,
    actor: Option<String>,
    marks: Vec<(char, usize, u32)>,
}

impl Remembering {
    /// Takes in a newly numbered article (its id is the next one).
    pub(super) fn push(&mut self, article: &Article) {
        self.push_key(content_key(article));
    }

    /// [`Remembering::push`] with the article's key already made.
    pub(super) fn push_key(&mut self, key: ContentKey) {
        let id = self.count;
        self.count += 1;
        let state = self.remembered.remove(&key).unwrap_or_default();
        self.starred += usize::from(state.starred);
        self.put(id, state);
        if self.pending.as_ref().is_some_and(|s| s.names(key)) {
            self.found.entry(key).or_insert(id);
        }
    }

    /// How many articles there are.
    pub(super) fn len(&self) -> usize {
        self.count
    }

    /// The article's state (default for an unknown id).
    pub(super) fn state(&self, id: usize) -> ArticleMemory {
        self.states.get(&id).copied().unwrap_or_default()
    }

    /// Sets the state of a known article (a blank one takes no room).
    fn put(&mut self, id: usize, state: ArticleMemory) {
        if state.is_blank() {
            self.states.remove(&id);
        } else {
            self.states.insert(id, state);
        }
    }

    /// Every article has arrived: what is remembered of others is not needed.
    pub(super) fn forget_the_rest(&mut self) {
        self.remembered = FxHashMap::default();
    }

    /// The id of an article of the pending session (see `found`).
    fn id_of(&self, key: ContentKey) -> Option<usize> {
        self.found.get(&key).copied()
    }

    /// Sets the state of article `id`, whose key is `key`: the change to
    /// say, if it is one.
    fn set(&mut self, id: usize, key: ContentKey, state: ArticleMemory) -> Option<Change> {
        if id >= self.count {
            return None;
        }
        let before = self.state(id);
        if before == state {
            return None;
        }
        self.starred = self.starred + usize::from(state.starred) - usize::from(before.starred);
        self.put(id, state);
        Some(Change::Article(key, state))
    }
}

impl Session {
    /// Whether the session names the article with `key` (as its last one or
    /// a mark's).
    fn names(&self, key: ContentKey) -> bool {
        self.article == Some(key) || self.marks.iter().any(|&(_, k, _)| k == key)
    }
}

impl App {
    /// The app, told that a store will answer with what it remembers: until
    /// it does, nothing is said to it (see `Remembering::awaiting`).
    pub fn expecting_memory(mut self) -> App {
        self.memory.awaiting = true;
        self
    }

    /// The store has failed: memory is off for this run.
    pub(super) fn forget(&mut self) {
        self.memory.awaiting = false;
    }

    /// The key of article `id`, made from the article.
    fn key_of(&self, id: usize) -> Option<ContentKey> {
        self.corpus.articles.get(id).map(content_key)
    }

    /// Whether article `id` has been read.
    pub fn is_read(&self, id: usize) -> bool {
        self.memory.state(id).read
    }

    /// Whether article `id` is starred.
    pub fn is_starred(&self, id: usize) -> bool {
        self.memory.state(id).starred
    }

    /// How many articles are starred.
    pub fn starred_count(&self) -> usize {
        self.memory.starred
    }

    /// What was remembered from the store: every article's state (those to
    /// come get theirs as they arrive) and, unless the user has already
    /// moved, the last article at its place, the cast selection, the marks.
    pub(super) fn remembered(&mut self, memory: Memory) {
        let Memory { articles, session } = memory;
        self.memory.awaiting = false;
        let unsaid: rustc_hash::FxHashSet<usize> = self.memory.unsaid.iter().copied().collect();
        // One pass over the articles come so far: their states, and those
        // the session names (later ones are found as they come).
        let mut found = FxHashMap::default();
        let count = self.memory.count.min(self.corpus.articles.len());
        for id in 0..count {
            let key = content_key(&self.corpus.articles[id]);
            if session.names(key) {
                found.entry(key).or_insert(id);
            }
            if let Some(&remembered) = articles.get(&key) {
                let before = self.memory.state(id);
                // Changed while the memory was on its way: the change wins,
                // and read stays read.
                let state = if unsaid.contains(&id) {
                    ArticleMemory {
                        read: remembered.read || before.read,
                        ..before
                    }
                } else {
                    remembered
                };
                self.memory.starred =
                    self.memory.starred + usize::from(state.starred) - usize::from(before.starred);
                self.memory.put(id, state);
            }
        }
        self.memory.remembered = articles;
        self.memory.found = found;
        self.memory.pending = Some(session);
        // What changed meanwhile is said now, as it stands.
        for id in std::mem::take(&mut self.memory.unsaid) {
            if let Some(key) = self.key_of(id) {
                let change = Change::Article(key, self.memory.state(id));
                self.effects.push(super::Effect::Persist(change));
            }
        }
        self.resume();
        self.refilter_starred();
    }

    /// Says `change` of article `id` to the store, or keeps it until the
    /// store has answered.
    fn say(&mut self, id: usize, change: Change) {
        if self.memory.awaiting {
            self.memory.unsaid.push(id);
        } else {
            self.effects.push(super::Effect::Persist(change));
        }
    }

    /// Restores the remembered session once its article is there (called
    /// when memory arrives and as articles do).
    pub(super) fn resume(&mut self) {
        let Some(session) = &self.memory.pending else {
            return;
        };
        let article = session.article.and_then(|k| self.memory.id_of(k));
        if session.article.is_some() && article.is_none() && !self.touched && !self.memory.complete
        {
            return; // not arrived yet
        }
        let Some(session) = self.memory.pending.take() else {
            return;
        };
        let found = std::mem::take(&mut self.memory.found);
        let id_of = |key: ContentKey| found.get(&key).copied();
        for &(letter, key, byte) in &session.marks {
            if let Some(id) = id_of(key) {
                self.jumps
                    .set_mark(letter, Some(Place::at(id, byte as usize)));
            }
        }
        if self.touched {
            // The user has moved on already: their place wins.
            self.memory.said = None;
            return;
        }
        if let Some(id) = article {
            self.home = Some(id);
            self.open(id);
        }
        if let Some(name) = &session.actor {
            self.cast_view.select_named(&self.cast, name);
        }
    }

    /// After every update: notes what changed that is worth remembering —
    /// the article the reader shows with the focus on it is read; where it
    /// is; the session — and says so to the shell.
    pub(super) fn note_changes(&mut self) {
        let id = self.reader.article;
        if id >= self.memory.len() {
            return;
        }
        let mut state = self.memory.state(id);
        if self.focus == Pane::Reader && self.memory.shown != Some(id) {
            self.memory.shown = Some(id);
            state.read = true;
        }
        state.position = u32::try_from(self.top_doc_byte()).unwrap_or(u32::MAX);
        if state != self.memory.state(id)
            && let Some(key) = self.key_of(id)
            && let Some(change) = self.memory.set(id, key, state)
        {
            self.say(id, change);
        }
        if self.memory.awaiting || self.memory.pending.is_some() {
            return; // the session is said once the remembered one is restored
        }
        let actor = self
            .cast_view
            .selected_actor()
            .and_then(|a| self.cast.actor(a))
            .map(|a| a.name.as_str());
        let count = self.memory.len();
        let marks: Vec<(char, usize, u32)> = self
            .jumps
            .marks()
            .filter(|(_, p)| p.article < count)
            .map(|(c, p)| (c, p.article, u32::try_from(p.byte).unwrap_or(u32::MAX)))
            .collect();
        let same = self.memory.said.as_ref().is_some_and(|said| {
            said.article == id && said.actor.as_deref() == actor && said.marks == marks
        });
        if !same {
            let session = Session {
                article: self.key_of(id),
                actor: actor.map(str::to_string),
                marks: marks
                    .iter()
                    .filter_map(|&(c, article, byte)| Some((c, self.key_of(article)?, byte)))
                    .collect(),
            };
            self.memory.said = Some(SaidSession {
                article: id,
                actor: actor.map(str::to_string),
                marks,
            });
            self.effects
                .push(super::Effect::Persist(Change::Session(session)));
        }
    }

    /// `r`, `A`, `*`: read, all read, starred.
    pub(super) fn mark_articles(&mut self, action: Action) {
        let id = self.reader.article;
        let ids: Vec<usize> = match action {
            Action::MarkAllRead => self.list.shown.iter().map(|&id| id as usize).collect(),
            _ => vec![id],
        };
        let mut changes = 0;
        for id in ids {
            let mut state = self.memory.state(id);
            match action {
                Action::ToggleRead => state.read = !state.read,
                Action::MarkAllRead => state.read = true,
                _ => state.starred = !state.starred,
            }
            if state != self.memory.state(id)
                && let Some(key) = self.key_of(id)
                && let Some(change) = self.memory.set(id, key, state)
            {
                self.say(id, change);
                changes += 1;
            }
        }
        // Shown with the focus on it, it would be read again at once.
        self.memory.shown = Some(id);
        let state = self.memory.state(id);
        self.message = Some(match action {
            Action::ToggleRead if state.read => "marked read".into(),
            Action::ToggleRead => "marked unread".into(),
            Action::MarkAllRead => format!("marked {changes} articles read"),
            _ if state.starred => "starred".into(),
            _ => "star taken off".into(),
        });
        self.refilter_starred();
    }

    /// The position remembered for article `id`, as a row of its layout.
    pub(super) fn remembered_row(&self, id: usize) -> Option<usize> {
        let byte = self.memory.state(id).position as usize;
        let article = self.corpus.articles.get(id)?;
        (byte > 0).then(|| self.reader.row_of_doc_byte(article, byte))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        Article::new(title, body)
    }

    #[test]
    fn keys_depend_on_title_and_text_only_and_are_stable() {
        let a = article("Talks", "Kerry met Lavrov.");
        let mut moved = a.clone();
        moved.origin = crate::corpus::Origin::file("elsewhere/a.txt");
        moved.set_id(7);
        assert_eq!(content_key(&a), content_key(&moved));
        assert_ne!(
            content_key(&a),
            content_key(&article("Talk", "sKerry met Lavrov."))
        );
        // Fixed by the XXH3 specification: a change here forgets every
        // reader's memory, so it must be deliberate.
        assert_eq!(
            content_key(&a),
            0x88f3_30d2_ae88_72dc_1414_2956_5aba_11e6,
            "{:#x}",
            content_key(&a)
        );
    }
}
