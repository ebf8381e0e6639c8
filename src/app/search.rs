//! The incremental search prompt: the corpus is searched as the query changes,
//! from where the search began; `Enter` keeps the result as the current target,
//! `Esc` restores the target and the view from before.

use super::{App, Target, TargetKind};
use crate::action::Action;

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

    pub(super) fn cancel_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        if prompt.saved_article != self.reader.article {
            self.open(prompt.saved_article);
        }
        // After opening: opening an article forgets the current hit, and the
        // restored target must keep the one the reader was on.
        self.target = prompt.saved_target;
        self.reader.set_scroll(prompt.saved_scroll);
    }
}
