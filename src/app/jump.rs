//! Moving between the hits of the current target: following an actor, `n` /
//! `N` across articles in list order, and the numbers behind the status
//! line's "mention 7 of 36" (the UI words them).

use std::time::Duration;

use super::target::{Hit, Lookup, Seek, within};
use super::{App, TargetKind};
use crate::corpus::Part;

impl App {
    pub(super) fn follow_selected_actor(&mut self) {
        let Some(actor) = self.cast_view.selected_actor() else {
            self.message = Some("no actor selected".into());
            return;
        };
        self.follow_actor(actor);
    }

    /// Makes `actor` the target and goes to its first mention from here.
    pub(super) fn follow_actor(&mut self, actor: crate::cast::ActorId) {
        self.set_target(Some(self.actor_target(actor)));
        let from = (self.list.position_of(self.reader.article), 0);
        self.jump_to(Seek {
            from,
            forward: true,
            strict: false,
        });
    }

    /// `n` / `N`: the next hit after the current one, or after the top of the
    /// reader when the reader has moved away from it.
    pub(super) fn jump(&mut self, forward: bool) {
        let Some(target) = &self.target else {
            self.message = Some("no actor or search: Enter on an actor, or / to search".into());
            return;
        };
        let on_current = target
            .current
            .as_ref()
            .filter(|hit| hit.article == self.reader.article);
        let pos = self.list.position_of(self.reader.article);
        // From the current hit, the next one; else from the reader's top.
        let want = match on_current {
            Some(hit) => Seek {
                from: (pos, hit.range.start),
                forward,
                strict: true,
            },
            None => Seek {
                from: (pos, self.top_doc_byte()),
                forward,
                strict: false,
            },
        };
        self.jump_to(want);
    }

    /// Moves to the hit `want` asks for: opens its article, selects it in the
    /// list and scrolls the reader so that the hit is visible. `want.from` is
    /// in the reader's article. While a search is still counting, only the
    /// reader's article is certain: a jump beyond it waits for the count (see
    /// `Msg::Tick`).
    pub(super) fn jump_to(&mut self, want: Seek) {
        self.pending_jump = None;
        let Some(target) = &mut self.target else {
            return;
        };
        let had_current = target.current.is_some();
        if target.scanning(&self.corpus) {
            let article = self.reader.article;
            let ranges = target.hits_in(article, &self.corpus, &self.cast);
            match within(ranges, want) {
                Some(range) => self.land(Hit { article, range }),
                None => {
                    self.pending_jump = Some(want);
                    self.message = Some("searching…".into());
                }
            }
            return;
        }
        let on = Lookup {
            corpus: &self.corpus,
            cast: &self.cast,
            position: &self.list.position,
        };
        let found = target.seek(want, on);
        let Some((hit, wrapped)) = found else {
            self.message = Some(match &target.kind {
                TargetKind::Search(q) => format!("not found: {q}"),
                TargetKind::Actor(_) => "no mentions".into(),
                TargetKind::Pair(..) => "no sentence names both".into(),
                TargetKind::Quotes(_) => "no quotes".into(),
            });
            return;
        };
        self.land(hit);
        // Only a move from one hit to another wraps; the first jump to a
        // target just lands on its first hit.
        if wrapped && had_current {
            let end = if want.forward { "first" } else { "last" };
            self.message = Some(format!("wrapped around to the {end}"));
        }
    }

    /// The reader's top as a document byte.
    pub(super) fn top_doc_byte(&self) -> usize {
        let article = self.corpus.articles.get(self.reader.article);
        self.reader.top_doc_byte(article)
    }

    pub(super) fn land(&mut self, hit: Hit) {
        if hit.article != self.reader.article {
            self.open(hit.article);
        }
        self.list.select_article(hit.article);
        let article = self.corpus.articles.get(hit.article);
        match article.and_then(|a| a.part(hit.range.clone())) {
            Some(Part::Title { .. }) => self.reader.reveal_title(),
            Some(Part::Body { range, .. }) => self.reader.reveal(range),
            None => {}
        }
        if let Some(target) = &mut self.target {
            // The landing article's hits are wanted for the ordinal.
            target.hits_in(hit.article, &self.corpus, &self.cast);
            target.current = Some(hit);
        }
    }

    /// Does what waits between keys: counting the current search's matches,
    /// for at most about `budget`. A jump that waited for the count is made
    /// when it is done.
    pub(super) fn work(&mut self, budget: Duration) {
        let Some(target) = &mut self.target else {
            return;
        };
        if !target.scanning(&self.corpus) {
            return;
        }
        let before = target.total();
        let more = target.scan(&self.corpus, &self.list.position, Some(budget));
        if self.list.filter && target.total() != before {
            self.refilter();
        }
        if !more && let Some(want) = self.pending_jump.take() {
            self.jump_to(want);
        }
    }

    /// Where the reader is in the current target, as numbers for the status line.
    pub fn target_status(&self) -> Option<TargetStatus> {
        let target = self.target.as_ref()?;
        let total = target.total();
        let articles = target.article_count();
        let at = if target.scanning(&self.corpus) {
            Where::Counting {
                fraction: target.scanned_fraction(&self.corpus),
            }
        } else {
            match target.ordinal(&self.list.position) {
                Some((nth, _)) => Where::At { nth },
                None => Where::Counted,
            }
        };
        Some(TargetStatus {
            kind: target.kind.clone(),
            total,
            articles,
            at,
        })
    }
}

/// Where the reader is in the current target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetStatus {
    pub kind: TargetKind,
    /// Hits counted (so far, while counting).
    pub total: usize,
    /// Articles with hits (so far).
    pub articles: usize,
    pub at: Where,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Where {
    /// A search still counting: this share of the corpus is counted.
    Counting { fraction: f64 },
    /// On hit `nth` of all. (Which article of how many the list says: one
    /// numbering on screen.)
    At { nth: usize },
    /// Counted, but the reader is on none of the hits.
    Counted,
}
