//! Moving between the hits of the current target: following an actor, `n` /
//! `N` across articles in list order, and the "mention 7 of 36 · article 2 of
//! 5" summary the status line shows.

use std::time::Duration;

use super::target::{Hit, Lookup, Seek, within};
use super::{App, Target, TargetKind};
use crate::corpus::Part;
use crate::ui::text::thousands;

impl App {
    pub(super) fn follow_selected_actor(&mut self) {
        let Some(actor) = self.cast_view.selected_actor() else {
            self.message = Some("no actor selected".into());
            return;
        };
        self.target = Some(Target::actor(&self.cast, actor, &self.list.position));
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
    /// [`App::work`]).
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

    fn land(&mut self, hit: Hit) {
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
    /// when it is done. Returns whether there is more to do.
    pub fn work(&mut self, budget: Duration) -> bool {
        let Some(target) = &mut self.target else {
            return false;
        };
        if !target.scanning(&self.corpus) {
            return false;
        }
        let more = target.scan(&self.corpus, &self.list.position, Some(budget));
        if !more && let Some(want) = self.pending_jump.take() {
            self.jump_to(want);
        }
        more
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
        let total = target.total();
        let (noun, nouns) = match target.kind {
            TargetKind::Actor(_) => ("mention", "mentions"),
            TargetKind::Search(_) => ("match", "matches"),
        };
        let counted = |n: usize| if n == 1 { noun } else { nouns };
        let articles = target.article_count();
        let n = thousands;
        if target.scanning(&self.corpus) {
            let done = target.scanned_fraction(&self.corpus) * 100.0;
            return Some(format!(
                "{name} · searching {done:.0}% · {} {} so far",
                n(total),
                counted(total)
            ));
        }
        Some(match target.ordinal(&self.list.position) {
            Some((nth, nth_article)) => format!(
                "{name} · {noun} {} of {} · article {} of {}",
                n(nth),
                n(total),
                n(nth_article),
                n(articles)
            ),
            None => format!(
                "{name} · {} {} in {} article{}",
                n(total),
                counted(total),
                n(articles),
                plural(articles)
            ),
        })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
