//! Moving between the hits of the current target: following an actor, `n` /
//! `N` across articles in list order, and the "mention 7 of 36 · article 2 of
//! 5" summary the status line shows.

use super::{App, Target, TargetKind};

impl App {
    pub(super) fn follow_selected_actor(&mut self) {
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
    pub(super) fn jump(&mut self, forward: bool) {
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
    pub(super) fn jump_to(&mut self, choose: impl Fn(&Target, &[usize]) -> Option<usize>) {
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
