//! The incremental search prompt: the corpus is searched as the query changes,
//! from where the search began; `Enter` keeps the result as the current target,
//! `Esc` restores the target and the view from before. Matches are counted a
//! slice at a time (see `Target::scan`), so a keystroke never waits for a
//! large corpus.

use std::time::Duration;

use super::target::Seek;
use super::{App, Target, TargetKind};
use crate::action::Action;

/// How long a keystroke may spend counting matches before the screen is
/// drawn (all of a small corpus): a frame should take under 2 ms.
pub const KEY_SLICE: Duration = Duration::from_millis(1);

/// How long the event loop counts at a time between keys: a key that comes
/// meanwhile waits at most this long.
pub const SCAN_SLICE: Duration = Duration::from_millis(5);

impl App {
    pub(super) fn update_prompt(&mut self, action: Action) {
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
                // The search took the reader from where it began (or will,
                // when its count is done): a jump to come back from.
                let from = super::Place {
                    article: prompt.saved_article,
                    byte: prompt.saved_byte,
                    row: Some((prompt.saved_scroll, self.reader.width)),
                };
                let moved = self.place() != from || self.pending_jump.is_some();
                self.prompt = None;
                if moved {
                    self.jumps.record(from);
                }
                let counted = self
                    .target
                    .as_ref()
                    .is_some_and(|t| !t.scanning(&self.corpus));
                if counted && self.target.as_ref().is_some_and(|t| t.total() == 0) {
                    self.message = self.target.as_ref().map(|t| match &t.kind {
                        TargetKind::Search(q) => format!("not found: {q}"),
                        TargetKind::Actor(_) | TargetKind::Pair(..) | TargetKind::Quotes(_) => {
                            String::new()
                        }
                    });
                }
                return;
            }
            Action::Cancel | Action::Quit => return self.cancel_prompt(),
            _ => return,
        }
        // Incremental: search as the query changes, from where the search
        // began. The corpus is counted a slice at a time (all of a small one
        // now, the rest by `Msg::Tick` between keys); the open article is
        // searched at once.
        let query = prompt.query.clone();
        let (article, scroll) = (prompt.saved_article, prompt.saved_scroll);
        if article != self.reader.article {
            self.open(article);
        }
        self.reader.set_scroll(scroll);
        let within = self
            .query
            .as_ref()
            .map(|q| std::sync::Arc::clone(&q.matching));
        let mut target = Target::search_within(&query, within);
        target.scan(&self.corpus, &self.list.position, Some(self.key_slice));
        let from = (self.list.position_of(article), self.top_doc_byte());
        self.set_target(Some(target));
        self.jump_to(Seek {
            from,
            forward: true,
            strict: false,
        });
    }

    pub(super) fn cancel_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        if prompt.saved_article != self.reader.article {
            self.open(prompt.saved_article);
        }
        // After opening: opening an article forgets the current hit, and the
        // restored target must keep the one the reader was on.
        self.set_target(prompt.saved_target);
        self.pending_jump = None;
        self.reader.set_scroll(prompt.saved_scroll);
    }
}
