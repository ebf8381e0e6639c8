//! Taking in what the background indexer found: articles are numbered as they
//! arrive, their actors join the cast when they follow, and the lists are
//! rebuilt at the event loop's pace without moving anything the user selected.

use super::{App, Target, TargetKind};
use crate::index::Event;

impl App {
    /// Takes in what the background indexer found. Articles are numbered in the
    /// order they arrive; the lists are rebuilt by [`App::refresh`], which the
    /// shell asks for (`Msg::Refresh`) at a steady pace rather than for every batch.
    pub(super) fn absorb(&mut self, event: Event) {
        match event {
            Event::Articles(batch) => {
                let first = self.corpus.articles.is_empty();
                for mut indexed in batch {
                    // Numbered before the check, so that the copy kept is known by id.
                    let id = self.corpus.articles.len();
                    indexed.article.set_id(id);
                    let key = super::memory::content_key(&indexed.article);
                    if let Some(kept) = self.seen.find(key, &self.corpus.articles) {
                        // Dropping an identical copy is by design: a note
                        // for the `w` view, not a warning.
                        let note = self.keep_earlier_copy(kept, indexed);
                        self.copies.push(note);
                        continue;
                    }
                    self.memory.push_key(key);
                    self.corpus.articles.push(indexed.article);
                    self.seen.insert(id, &self.corpus.articles);
                    self.order.push(indexed.order);
                    self.awaiting.insert(indexed.order, id);
                }
                self.stale = true;
                if first && !self.corpus.articles.is_empty() {
                    self.refresh();
                    let first = self.list.shown.first().map(|&id| id as usize).unwrap_or(0);
                    self.open(first);
                }
                // The remembered article may have been among these.
                self.resume();
            }
            Event::Actors(batch) => {
                for analysed in batch {
                    // A duplicate was never numbered: its actors are not wanted.
                    let Some(id) = self.awaiting.remove(&analysed.order) else {
                        continue;
                    };
                    // A body kept on disk sent the text of its mentions instead.
                    if let Some(surfaces) = &analysed.surfaces {
                        self.cast.add(id, surfaces, &analysed.actors);
                    } else if let Some(article) = self.corpus.articles.get(id) {
                        self.cast.add(id, article, &analysed.actors);
                    }
                }
                self.stale = true;
            }
            // The index cache's cast of the articles it sent, which came first.
            Event::Cast(cast) => {
                let cached = cast.article_count();
                let mut cast = *cast;
                cast.take_fixes_of(&self.cast);
                self.cast = cast;
                self.awaiting.retain(|_, id| *id >= cached);
                self.stale = true;
            }
            Event::Warnings(warnings) => self.corpus.warnings.extend(warnings),
            Event::Copies(notes) => self.copies.extend(notes),
            // Only for consumers that ask for it (the commands' load order).
            Event::SourcesDone(_) => {}
            Event::Done => {
                self.memory.complete = true;
                self.memory.forget_the_rest();
                // A remembered article that never came is gone: the rest of
                // the session (the marks) is restored without it.
                self.resume();
                self.awaiting = Default::default();
                // A cast taken whole from the index cache is settled already.
                if !self.cast.is_settled() {
                    self.cast.finish();
                }
                self.stale = true;
                self.refresh();
            }
        }
    }

    /// Of two copies of an article the one that comes first in load order is
    /// kept, as loading at once keeps it — but sources are read in parallel,
    /// and the later copy may arrive first. When `copy` is the earlier, it
    /// takes the kept one's place (same id, title and text: the mentions
    /// stay valid; its file, date and source) and the warning names the other.
    /// `id` is the kept copy's.
    fn keep_earlier_copy(
        &mut self,
        id: usize,
        copy: crate::index::Indexed,
    ) -> crate::corpus::Warning {
        let skipped =
            |later: crate::corpus::Origin, first: &crate::corpus::Origin| crate::corpus::Warning {
                origin: later,
                message: format!("same title and text as {first}; skipped"),
            };
        let Some(kept) = self.corpus.articles.get_mut(id) else {
            return skipped(copy.article.origin, &crate::corpus::Origin::default());
        };
        if self.order.get(id).is_none_or(|&kept| copy.order >= kept) {
            return skipped(copy.article.origin, &kept.origin);
        }
        let mut article = copy.article;
        article.set_id(id);
        let first = article.origin.clone();
        let later = std::mem::replace(kept, article);
        // Later copies are reported against the kept article's origin,
        // now the earlier copy's.
        self.order[id] = copy.order;
        self.stale = true;
        if self.reader.article == id {
            // Its date and source may differ: re-wrap at the same place
            // (its body, if kept on disk, read again).
            self.show_body(id);
            self.reader.relayout_soon();
        }
        skipped(later.origin, &first)
    }

    /// How many articles are shown whose actors are still being found.
    pub fn awaiting_actors(&self) -> usize {
        self.awaiting.len()
    }

    /// Rebuilds what depends on the set of articles: the list order, the
    /// target's hits, the cast pane. Nothing the user selected moves: the same
    /// article stays selected on the same row, the same actor in the cast.
    pub(super) fn refresh(&mut self) {
        if !self.stale {
            return;
        }
        self.stale = false;
        if self.query.is_some() {
            // New articles: ask the query of them too.
            self.requery();
            let matching = self
                .query
                .as_ref()
                .map(|q| std::sync::Arc::clone(&q.matching));
            self.list.set_query(matching, None);
        }
        let hits = self.target.as_ref().map(|t| &t.per_article);
        self.list.rebuild(&self.corpus, &self.order, hits);
        if let Some(target) = &mut self.target {
            match &target.kind {
                // The cast grew (and may have merged actors): count again.
                TargetKind::Actor(id) => {
                    let within = self.query.as_ref().map(|q| q.matching.as_slice());
                    let mut rebuilt = Target::actor_within(
                        &self.cast,
                        self.cast.resolve(*id),
                        &self.list.position,
                        within,
                    );
                    rebuilt.current = target
                        .current
                        .take()
                        .filter(|c| rebuilt.per_article.contains_key(&c.article));
                    *target = rebuilt;
                }
                // A search counts new articles as it goes (`Msg::Tick`); only
                // the list order changed.
                // Quotes are what the view found: only the list order changed.
                TargetKind::Search(_) | TargetKind::Quotes(_) => {
                    target.reorder(&self.list.position)
                }
                TargetKind::Pair(a, b) => {
                    let within = self.query.as_ref().map(|q| q.matching.as_slice());
                    let (a, b) = (self.cast.resolve(*a), self.cast.resolve(*b));
                    let mut rebuilt =
                        Target::pair(&self.corpus, &self.cast, a, b, &self.list.position, within);
                    rebuilt.current = target
                        .current
                        .take()
                        .filter(|c| rebuilt.per_article.contains_key(&c.article));
                    *target = rebuilt;
                }
            }
        }
        // Until the user acts, the reader shows the top of the list (or the
        // article remembered from last time): articles that sort before the
        // first one shown must not hide above it.
        if !self.touched
            && let Some(top) = self.home.or(self.list.shown.first().map(|&id| id as usize))
        {
            if top != self.reader.article {
                self.open(top);
            }
            self.list.select_article(top);
        }
        // The cast grew: the selection stays on the same actor.
        let keep = self
            .cast_view
            .selected_actor()
            .map(|id| self.cast.resolve(id));
        self.refresh_cast_view(keep);
        if self.reader.layout.is_empty() || self.reader.layout.article != self.reader.article {
            self.show_body(self.reader.article);
            let article = self.corpus.articles.get(self.reader.article);
            self.reader.open(article, self.reader.article);
        }
    }
}
