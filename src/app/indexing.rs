//! Taking in what the background indexer found: articles are numbered as they
//! arrive, their actors join the cast when they follow, and the lists are
//! rebuilt at the event loop's pace without moving anything the user selected.

use super::{App, Target, TargetKind};
use crate::index::Event;

impl App {
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
                    self.corpus.articles.push(article);
                    self.order.push(indexed.order);
                    self.awaiting.insert(indexed.order, id);
                }
                self.stale = true;
                if first && !self.corpus.articles.is_empty() {
                    self.refresh();
                    let first = self.list.shown.first().copied().unwrap_or(0);
                    self.open(first);
                }
            }
            Event::Actors(batch) => {
                for analysed in batch {
                    // A duplicate was never numbered: its actors are not wanted.
                    let Some(id) = self.awaiting.remove(&analysed.order) else {
                        continue;
                    };
                    if let Some(article) = self.corpus.articles.get(id) {
                        self.cast.add(id, &article.body, &analysed.actors);
                    }
                }
                self.stale = true;
            }
            Event::Warnings(warnings) => self.corpus.warnings.extend(warnings),
            Event::Done => {
                self.awaiting = Default::default();
                self.cast.finish();
                self.stale = true;
                self.refresh();
            }
        }
    }

    /// How many articles are shown whose actors are still being found.
    pub fn awaiting_actors(&self) -> usize {
        self.awaiting.len()
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
        if let Some(target) = &mut self.target {
            match &target.kind {
                // The cast grew (and may have merged actors): count again.
                TargetKind::Actor(id) => {
                    let mut rebuilt =
                        Target::actor(&self.cast, self.cast.resolve(*id), &self.list.position);
                    rebuilt.current = target
                        .current
                        .take()
                        .filter(|c| rebuilt.per_article.contains_key(&c.article));
                    *target = rebuilt;
                }
                // A search counts new articles as it goes (`App::work`); only
                // the list order changed.
                TargetKind::Search(_) => target.reorder(&self.list.position),
            }
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
}
