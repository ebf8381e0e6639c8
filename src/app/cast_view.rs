//! The cast pane's list: the actors of the article in the reader, or of the
//! whole corpus, most mentioned first. The selection is kept as an actor, so
//! a growing or re-merged cast never makes it jump.

use std::collections::HashMap;

use super::lists::{moved, scrolled, visible_offset};
use crate::action::Action;
use crate::cast::{ActorId, Cast};

/// Which actors the cast pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The actors of the article in the reader.
    #[default]
    Article,
    /// Every actor of the corpus.
    Corpus,
}

/// The cast pane's state.
#[derive(Debug, Clone, Default)]
pub struct CastView {
    pub scope: Scope,
    /// Actors listed, with their mention counts in the scope, most first.
    pub rows: Vec<(ActorId, usize)>,
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
}

impl CastView {
    /// Rebuilds the rows for `article` (or the corpus), selecting `keep` if it
    /// is listed and the first row otherwise.
    pub fn rebuild(&mut self, cast: &Cast, article: usize, keep: Option<ActorId>) {
        let mut rows: Vec<(ActorId, usize)> = match self.scope {
            Scope::Article => {
                let mut counts: HashMap<ActorId, usize> = HashMap::new();
                for m in cast.mentions_in(article) {
                    *counts.entry(m.actor).or_default() += 1;
                }
                counts.into_iter().collect()
            }
            // Actors merged into another after the fact stay as empty
            // tombstones (ids are never reused): not listed.
            Scope::Corpus => cast
                .actors()
                .iter()
                .enumerate()
                .filter(|(_, a)| a.mentions > 0)
                .map(|(id, a)| (id as ActorId, a.mentions))
                .collect(),
        };
        let name = |id: ActorId| cast.actor(id).map(|a| a.name.as_str()).unwrap_or("");
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0))));
        self.rows = rows;
        self.selected = keep
            .and_then(|id| self.rows.iter().position(|r| r.0 == id))
            .unwrap_or(0);
        self.offset = visible_offset(
            self.offset,
            self.selected,
            self.height.max(1),
            self.rows.len(),
        );
    }

    /// Selects the actor called `name`, if it is listed.
    pub fn select_named(&mut self, cast: &Cast, name: &str) {
        if let Some(i) = self
            .rows
            .iter()
            .position(|&(id, _)| cast.actor(id).is_some_and(|a| a.name == name))
        {
            self.selected = i;
            self.offset = visible_offset(self.offset, i, self.height.max(1), self.rows.len());
        }
    }

    pub fn selected_actor(&self) -> Option<ActorId> {
        self.rows.get(self.selected).map(|r| r.0)
    }

    pub fn move_by(&mut self, action: Action, count: Option<usize>) {
        if matches!(action, Action::ScrollDown | Action::ScrollUp) {
            (self.offset, self.selected) = scrolled(
                self.offset,
                self.selected,
                self.height,
                self.rows.len(),
                action,
                count,
            );
            return;
        }
        self.selected = moved(self.selected, self.rows.len(), self.height, action, count);
        self.offset = visible_offset(
            self.offset,
            self.selected,
            self.height.max(1),
            self.rows.len(),
        );
    }

    pub fn fit(&mut self, height: usize) {
        self.height = height.max(1);
        self.offset = visible_offset(self.offset, self.selected, self.height, self.rows.len());
    }
}
