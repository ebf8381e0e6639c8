//! The cast pane's list: the actors of the article in the reader, of the
//! whole corpus, or of the articles a query left, most mentioned first. The
//! selection is kept as an actor, so a growing or re-merged cast never makes
//! it jump. The pane also lists what its tools find ([`CastMode`]): the
//! finder's actors, the actors that share sentences with one, or the
//! choices of a correction (an alias to split off, a kind).

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
    /// The actors of the articles the query filter leaves.
    Filtered,
}

/// What the cast pane lists.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CastMode {
    /// The cast, in its scope.
    #[default]
    Actors,
    /// The finder's actors for what is being typed.
    Find(FindFor),
    /// The actors that share sentences with `actor`, most associated first;
    /// `scores` (log-likelihood) parallel to the rows.
    Together { actor: ActorId, scores: Vec<f64> },
    /// A choice for a correction of `actor`.
    Pick {
        actor: ActorId,
        what: PickFor,
        items: Vec<(String, usize)>,
    },
}

/// What the finder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindFor {
    /// `Enter` follows the actor.
    Follow,
    /// `Enter` merges this actor into the one chosen.
    MergeInto(ActorId),
}

/// What a pick chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    /// An alias to split off.
    Alias,
    /// A kind.
    Kind,
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
    pub mode: CastMode,
}

impl CastView {
    /// Rebuilds the rows for `article` (or the corpus, or the articles
    /// `within` marks), selecting `keep` if it is listed and the first row
    /// otherwise. The tools' lists ([`CastMode`]) are left as they are.
    pub fn rebuild(
        &mut self,
        cast: &Cast,
        article: usize,
        keep: Option<ActorId>,
        within: Option<&[bool]>,
    ) {
        if self.mode != CastMode::Actors {
            return;
        }
        let mut rows: Vec<(ActorId, usize)> = match (self.scope, within) {
            (Scope::Article, _) => {
                let mut counts: HashMap<ActorId, usize> = HashMap::new();
                for m in cast.mentions_in(article) {
                    *counts.entry(m.actor).or_default() += 1;
                }
                counts
                    .into_iter()
                    // Not an actor any more (the user said so).
                    .filter(|&(a, _)| cast.actor(a).is_some_and(|a| a.mentions > 0))
                    .collect()
            }
            (Scope::Filtered, Some(within)) => {
                let mut counts: Vec<usize> = vec![0; cast.actors().len()];
                for (article, _) in within.iter().enumerate().filter(|(_, on)| **on) {
                    for m in cast.mentions_in(article) {
                        counts[m.actor as usize] += 1;
                    }
                }
                counts
                    .into_iter()
                    .enumerate()
                    .filter(|&(a, n)| n > 0 && cast.actors()[a].mentions > 0)
                    .map(|(a, n)| (a as ActorId, n))
                    .collect()
            }
            // Actors merged into another after the fact stay as empty
            // tombstones (ids are never reused): not listed.
            (Scope::Corpus | Scope::Filtered, _) => cast
                .actors()
                .iter()
                .enumerate()
                .filter(|(_, a)| a.mentions > 0)
                .map(|(id, a)| (id as ActorId, a.mentions))
                .collect(),
        };
        let name = |id: ActorId| cast.actor(id).map(|a| a.name.as_str()).unwrap_or("");
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0))));
        self.set_rows(rows, keep);
    }

    /// Lists `rows`, selecting `keep` if it is among them.
    pub fn set_rows(&mut self, rows: Vec<(ActorId, usize)>, keep: Option<ActorId>) {
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

    /// The actor under the cursor (none while a pick lists other things).
    pub fn selected_actor(&self) -> Option<ActorId> {
        match self.mode {
            CastMode::Pick { .. } => None,
            _ => self.rows.get(self.selected).map(|r| r.0),
        }
    }

    /// How many rows the pane lists now.
    pub fn len(&self) -> usize {
        match &self.mode {
            CastMode::Pick { items, .. } => items.len(),
            _ => self.rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn move_by(&mut self, action: Action, count: Option<usize>) {
        if matches!(action, Action::ScrollDown | Action::ScrollUp) {
            (self.offset, self.selected) = scrolled(
                self.offset,
                self.selected,
                self.height,
                self.len(),
                action,
                count,
            );
            return;
        }
        self.selected = moved(self.selected, self.len(), self.height, action, count);
        self.offset = visible_offset(self.offset, self.selected, self.height.max(1), self.len());
    }

    pub fn fit(&mut self, height: usize) {
        self.height = height.max(1);
        self.offset = visible_offset(self.offset, self.selected, self.height, self.len());
    }
}
