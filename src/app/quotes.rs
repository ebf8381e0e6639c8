//! The quotes view (`"`): what the selected actor said, one attribution a
//! row — the quote, its article and date — to narrow (`/`) and jump to
//! (`Enter`).
//!
//! Quotes are not found while indexing (they would about double its cost):
//! they are found when the view first opens for an actor, over the articles
//! the cast says mention it, and kept for the session. The finding runs off
//! the interface thread: the app asks for it with [`Effect::FindQuotes`], the
//! shell runs [`find`] on a worker, and each article's attributions come back
//! as a [`Msg::Quotes`], so that the view fills in ("finding quotes… 3 of 17
//! articles") while keys keep working. A job carries [`CHUNK`] articles at a
//! time (copies, made on the interface thread): the next is asked for when
//! half of the last has come back, so an actor of 100,000 articles never
//! copies the collection in one keystroke, and a finding the app no longer
//! wants (the cast changed) stops within a chunk. The quote finder's source entity is
//! mapped to a cast actor as `castlist quotes` does
//! ([`crate::commands::quotes::actor_of`]). The view's keys are
//! `quotes_view.rs`'s.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::lists::visible_offset;
use super::{App, Effect, Msg, Overlay};
use crate::cast::{ActorId, DocActors, Engine, Quote};
use crate::corpus::Article;

/// How many articles one [`QuoteJob`] carries: small enough that copying
/// them costs a frame nothing, large enough that the worker is rarely idle
/// waiting for the next.
pub const CHUNK: usize = 64;

/// What the shell is asked to find: the attributions of (a chunk of) the
/// articles that mention `actor`.
#[derive(Debug, Clone)]
pub struct QuoteJob {
    pub actor: ActorId,
    /// Tells this finding from an earlier one for the same actor (the cast
    /// or the corpus changed since): results of an old one are dropped.
    pub generation: u64,
    /// The articles (copies: a body kept on disk is read on the worker).
    pub articles: Vec<Article>,
}

impl PartialEq for QuoteJob {
    fn eq(&self, other: &Self) -> bool {
        self.actor == other.actor && self.generation == other.generation
    }
}

impl Eq for QuoteJob {}

/// One article's attributions, found for a [`QuoteJob`].
#[derive(Debug)]
pub struct QuotesFound {
    pub actor: ActorId,
    pub generation: u64,
    pub article: usize,
    /// The article's document (title, line break, body), to read the quotes.
    pub doc: String,
    pub actors: DocActors,
    pub quotes: Vec<Quote>,
}

/// Runs a job: each article's attributions are handed to `send` as a
/// [`Msg::Quotes`] as soon as they are found. Stops early when `send`
/// answers `false` (the app is gone).
pub fn find(engine: &Engine, job: QuoteJob, mut send: impl FnMut(Msg) -> bool) {
    for a in job.articles {
        let mut doc = String::with_capacity(a.body_start() + a.body().len());
        doc.push_str(a.title());
        doc.push('\n');
        doc.push_str(&a.body_text());
        let (actors, quotes) = engine.analyze_with_quotes(&doc);
        let found = QuotesFound {
            actor: job.actor,
            generation: job.generation,
            article: a.id(),
            doc,
            actors,
            quotes,
        };
        if !send(Msg::Quotes(Box::new(found))) {
            return;
        }
    }
}

/// One quote of the actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub article: usize,
    /// Document bytes from the first content byte to the last.
    pub extent: Range<usize>,
    /// The content's parts, in document bytes.
    pub content: Vec<Range<usize>>,
    /// The content's parts joined by " … ", as the text has it (the UI
    /// sanitises it and puts it on one line).
    pub text: String,
}

/// An actor's quotes, as far as they are found.
#[derive(Debug, Clone, Default)]
pub struct ActorQuotes {
    pub generation: u64,
    /// Articles looked at, and how many there are to look at.
    pub done: usize,
    pub of: usize,
    /// How many articles mentioned the actor when the finding began: when
    /// more arrive (indexing), the quotes are found again.
    articles: usize,
    /// Articles not yet handed to a job, last first (popped from the end).
    queue: Vec<usize>,
    /// Articles handed to jobs whose results have not all come back.
    in_flight: usize,
    /// In list order once complete; in arrival order before.
    pub rows: Vec<QuoteRow>,
}

impl ActorQuotes {
    pub fn complete(&self) -> bool {
        self.done >= self.of
    }
}

/// The session's quotes: per actor, and the view while it is open.
#[derive(Debug, Default)]
pub struct Quotes {
    pub(super) by_actor: FxHashMap<ActorId, ActorQuotes>,
    /// Each article looked at: its attributions' content, sorted, not
    /// overlapping (the reader marks them).
    by_article: FxHashMap<usize, Vec<Range<usize>>>,
    /// The quote last jumped to (article, content parts): drawn clear.
    pub(super) current: Option<(usize, Vec<Range<usize>>)>,
    generation: u64,
    pub view: Option<super::quotes_view::QuotesView>,
}

impl Quotes {
    /// What the open view's list is narrowed by ("" for none).
    pub(super) fn narrowed_by(&self) -> String {
        self.view
            .as_ref()
            .map(|v| v.narrow.clone())
            .unwrap_or_default()
    }
}

impl App {
    /// The quotes view, while it is open.
    pub fn quotes_view(&self) -> Option<&super::QuotesView> {
        self.quotes.view.as_ref()
    }

    /// The content of the attributions found in `article` (document
    /// bytes, sorted, not overlapping); empty when none were looked for.
    pub fn quote_spans(&self, article: usize) -> &[Range<usize>] {
        self.quotes
            .by_article
            .get(&article)
            .map_or(&[][..], Vec::as_slice)
    }

    /// The quote last jumped to, when it is in `article`: its content parts.
    pub fn current_quote(&self, article: usize) -> &[Range<usize>] {
        match &self.quotes.current {
            Some((a, parts)) if *a == article => parts,
            _ => &[],
        }
    }

    /// `actor`'s quotes as far as they are found (`None`: never looked for).
    pub fn quotes_of(&self, actor: ActorId) -> Option<&ActorQuotes> {
        self.quotes.by_actor.get(&actor)
    }

    /// How many quotes `actor` has, once all are found.
    pub fn quote_count(&self, actor: ActorId) -> Option<usize> {
        self.quotes_of(actor)
            .filter(|q| q.complete())
            .map(|q| q.rows.len())
    }

    /// The quote on row `i` of the listed rows.
    pub fn quote_row(&self, i: usize) -> Option<&QuoteRow> {
        let v = self.quotes.view.as_ref()?;
        let rows = &self.quotes.by_actor.get(&v.actor)?.rows;
        rows.get(*v.shown.get(i)? as usize)
    }

    /// `"`: the selected actor's quotes; found first if they are not known.
    pub(super) fn open_quotes(&mut self) {
        let Some(actor) = self.cast_view.selected_actor() else {
            self.message = Some("no actor selected: select one in the cast pane".into());
            return;
        };
        let actor = self.cast.resolve(actor);
        let articles: Vec<usize> = {
            let mut ids: Vec<usize> = self.cast.mentions_of(actor).map(|(a, _)| a).collect();
            ids.dedup();
            ids
        };
        let known = self
            .quotes
            .by_actor
            .get(&actor)
            .is_some_and(|q| q.articles == articles.len());
        if !known {
            self.quotes.generation += 1;
            let generation = self.quotes.generation;
            let of = articles.len();
            let mut queue = articles;
            queue.reverse();
            self.quotes.by_actor.insert(
                actor,
                ActorQuotes {
                    generation,
                    done: 0,
                    of,
                    articles: of,
                    rows: Vec::new(),
                    queue,
                    in_flight: 0,
                },
            );
            self.ask_quotes(actor);
        }
        self.quotes.view = Some(super::quotes_view::QuotesView {
            actor,
            height: self.screen.area.height.saturating_sub(3).max(1) as usize,
            ..Default::default()
        });
        self.overlay = Overlay::Quotes;
        self.sort_quotes(actor);
        self.narrow_quotes("");
    }

    /// Hands the next chunk of `actor`'s articles to the shell.
    fn ask_quotes(&mut self, actor: ActorId) {
        let Some(entry) = self.quotes.by_actor.get_mut(&actor) else {
            return;
        };
        let take = entry.queue.len().min(CHUNK);
        if take == 0 {
            return;
        }
        let ids = entry.queue.split_off(entry.queue.len() - take);
        entry.in_flight += take;
        let articles = ids
            .iter()
            .rev()
            .filter_map(|&a| self.corpus.articles.get(a).cloned())
            .collect::<Vec<_>>();
        // An id the corpus does not hold (cannot happen: the cast's articles
        // are the corpus's) would never come back: count it done now.
        let missing = take - articles.len();
        entry.in_flight -= missing;
        entry.done += missing;
        self.effects.push(Effect::FindQuotes(QuoteJob {
            actor,
            generation: entry.generation,
            articles,
        }));
    }

    /// One article's attributions arrived: the actor's are kept.
    pub(super) fn quotes_found(&mut self, found: QuotesFound) {
        let Some(entry) = self.quotes.by_actor.get(&found.actor) else {
            return;
        };
        if entry.generation != found.generation {
            return;
        }
        let mut rows = Vec::new();
        for q in &found.quotes {
            let who =
                crate::commands::quotes::actor_of(&self.cast, found.article, &found.actors, q)
                    .map(|a| self.cast.resolve(a));
            if who != Some(found.actor) || q.content.is_empty() {
                continue;
            }
            let text = q
                .content
                .iter()
                .filter_map(|r| found.doc.get(r.clone()))
                .collect::<Vec<_>>()
                .join(" … ");
            rows.push(QuoteRow {
                article: found.article,
                extent: q.extent(),
                content: q.content.clone(),
                text,
            });
        }
        // Every attribution's content, whoever said it, for the reader to
        // mark (sorted, overlaps merged).
        let mut spans: Vec<Range<usize>> = found
            .quotes
            .iter()
            .flat_map(|q| q.content.iter().cloned())
            .filter(|r| r.start < r.end)
            .collect();
        spans.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        self.quotes.by_article.insert(found.article, merged);
        let Some(entry) = self.quotes.by_actor.get_mut(&found.actor) else {
            return;
        };
        entry.done += 1;
        entry.in_flight = entry.in_flight.saturating_sub(1);
        let first_new = entry.rows.len();
        entry.rows.extend(rows);
        let complete = entry.complete();
        // The next chunk is asked for while half of this one is still being
        // found, so the worker does not wait on the interface.
        if !entry.queue.is_empty() && entry.in_flight <= CHUNK / 2 {
            self.ask_quotes(found.actor);
        }
        if complete {
            self.sort_quotes(found.actor);
        }
        let shown = self
            .quotes
            .view
            .as_ref()
            .is_some_and(|v| v.actor == found.actor);
        if shown {
            let selected = self.quotes.view.as_ref().map_or(0, |v| v.selected);
            if complete {
                // Sorted into list order: narrowed again, once.
                let narrow = self.quotes.narrowed_by();
                self.narrow_quotes(&narrow);
            } else {
                // Only the new rows are looked at: an actor with thousands
                // of articles is not narrowed again for each.
                self.narrow_more(first_new);
            }
            if let Some(v) = &mut self.quotes.view {
                v.selected = selected.min(v.shown.len().saturating_sub(1));
                v.offset = visible_offset(v.offset, v.selected, v.height, v.shown.len());
            }
        }
    }

    /// The actor's quotes in list order (the articles pane's), then by place.
    fn sort_quotes(&mut self, actor: ActorId) {
        let position = &self.list.position;
        if let Some(q) = self.quotes.by_actor.get_mut(&actor) {
            q.rows.sort_by_key(|r| {
                (
                    position.get(r.article).map_or(usize::MAX, |&p| p as usize),
                    r.extent.start,
                )
            });
        }
    }

    /// The cast changed: which quote is whose may have too.
    pub(super) fn forget_quotes(&mut self) {
        self.quotes.by_actor.clear();
        self.quotes.current = None;
        if self.quotes.view.take().is_some() {
            self.overlay = Overlay::None;
        }
    }
}
