//! The cast pane's tools: finding an actor by name as you type (`/`),
//! correcting the cast where you read it (merge `M`, split an alias off `X`,
//! rename `R`, kind `K`, not an actor `D`, undo `u`), the actors that share
//! sentences with one (`t`), and the one-line inputs they type into — a
//! name, a new name, a query (`:`), the concordance's narrowing.
//!
//! A correction changes the cast at once (incrementally: see the engine's
//! `corrections`), and asks the shell to write it to the user's actors file
//! (`Effect::WriteFix`); `u` undoes it in both.

use super::cast_view::{CastMode, FindFor, PickFor};
use super::finder::Finder;
use super::{App, Pane, Target, TargetKind};
use crate::action::Action;
use crate::cast::{ActorId, Fix, FixError, Fixed, Kind};

/// What a one-line input is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The cast finder's query.
    Find(FindFor),
    /// A new name for an actor.
    Rename(ActorId),
    /// The query filter.
    Query,
    /// Narrowing the concordance or the quotes view.
    Narrow,
}

/// A line being typed, and what is wrong with it (a query's mistake).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub kind: InputKind,
    pub text: String,
    pub error: Option<String>,
}

const KINDS: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc];

impl App {
    /// The line being typed, if one is (other than a search).
    pub fn input(&self) -> Option<&Input> {
        self.input.as_ref()
    }

    fn open_input(&mut self, kind: InputKind, text: String) {
        self.input = Some(Input {
            kind,
            text,
            error: None,
        });
    }

    /// The cast tools' actions (cast pane keys, `:`).
    pub(super) fn cast_tool(&mut self, action: Action) {
        let selected = self.cast_view.selected_actor();
        let need = |app: &mut App| {
            if selected.is_none() {
                app.message = Some("no actor selected".into());
            }
            selected
        };
        match action {
            Action::FindActor => self.open_finder(FindFor::Follow),
            Action::MergeActor => {
                if let Some(a) = need(self) {
                    self.open_finder(FindFor::MergeInto(a));
                }
            }
            Action::SplitAlias => {
                if let Some(a) = need(self) {
                    let Some(actor) = self.cast.actor(a) else {
                        return;
                    };
                    let items = actor
                        .aliases
                        .iter()
                        .filter(|x| x.text != actor.name)
                        .map(|x| (x.text.clone(), x.count))
                        .collect::<Vec<_>>();
                    if items.is_empty() {
                        self.message = Some(format!("{} has no other alias", actor.name));
                        return;
                    }
                    self.pick(a, PickFor::Alias, items);
                }
            }
            Action::ChangeKind => {
                if let Some(a) = need(self) {
                    let items = KINDS.iter().map(|k| (k.label().to_string(), 0)).collect();
                    self.pick(a, PickFor::Kind, items);
                }
            }
            Action::RenameActor => {
                if let Some(a) = need(self) {
                    let name = self
                        .cast
                        .actor(a)
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    self.open_input(InputKind::Rename(a), name);
                }
            }
            Action::NotActor => {
                if let Some(a) = need(self) {
                    let result = self.cast.dismiss(a);
                    self.corrected(result);
                }
            }
            Action::UndoFix => match self.cast.undo_fix() {
                Ok(fix) => {
                    self.effects.push(super::Effect::UnwriteFix(fix.clone()));
                    // The actor the correction was made to is selected again
                    // (after an undone merge it may be the only one of the two
                    // this article names).
                    let corrected = match &fix {
                        Fix::Split { from, .. } => from,
                        Fix::Merge { actor, .. }
                        | Fix::Rename { actor, .. }
                        | Fix::Kind { actor, .. }
                        | Fix::NotActor { actor } => actor,
                    };
                    let keep = self.cast.find(corrected).or(selected);
                    self.after_cast_change(keep);
                    self.message = Some(format!("undone: {}", fix.describe()));
                }
                Err(e) => self.message = Some(e.to_string()),
            },
            Action::Together => self.toggle_together(),
            Action::Query => {
                let text = self
                    .query
                    .as_ref()
                    .map(|q| q.text.clone())
                    .unwrap_or_default();
                self.open_input(InputKind::Query, text);
            }
            _ => {}
        }
    }

    /// Lists `items` in the cast pane to choose one for a correction of `actor`.
    fn pick(&mut self, actor: ActorId, what: PickFor, items: Vec<(String, usize)>) {
        self.focus_cast();
        self.cast_view.mode = CastMode::Pick { actor, what, items };
        self.cast_view.selected = 0;
        self.cast_view.offset = 0;
    }

    /// With one pane on screen, the cast pane's tools show it.
    fn focus_cast(&mut self) {
        self.focus = Pane::Cast;
    }

    fn open_finder(&mut self, purpose: FindFor) {
        self.focus_cast();
        let finder = Finder::new(&self.cast);
        self.finder = Some(finder);
        self.cast_view.mode = CastMode::Find(purpose);
        self.open_input(InputKind::Find(purpose), String::new());
        self.rerank();
    }

    /// The finder's rows for what is typed now.
    fn rerank(&mut self) {
        let query = self
            .input
            .as_ref()
            .map(|i| i.text.clone())
            .unwrap_or_default();
        if let Some(finder) = &mut self.finder {
            let rows = finder.rank(&self.cast, &query);
            self.cast_view.set_rows(rows, None);
            self.cast_view.selected = 0;
            self.cast_view.offset = 0;
        }
    }

    /// The pane lists the cast again, `keep` selected.
    pub(super) fn leave_cast_mode(&mut self, keep: Option<ActorId>) {
        self.finder = None;
        self.cast_view.mode = CastMode::Actors;
        self.refresh_cast_view(keep);
    }

    /// `Enter` in the cast pane: follow, merge, split, set the kind, or
    /// follow a pair — by what the pane lists.
    pub(super) fn choose_in_cast(&mut self) -> bool {
        match self.cast_view.mode.clone() {
            CastMode::Actors | CastMode::Find(FindFor::Follow) => false,
            CastMode::Find(FindFor::MergeInto(a)) => {
                if let Some(into) = self.cast_view.selected_actor() {
                    let result = self.cast.merge_actors(a, into);
                    self.corrected(result);
                }
                true
            }
            CastMode::Together { actor, .. } => {
                if let Some(b) = self.cast_view.selected_actor() {
                    let target = Target::pair(
                        &self.corpus,
                        &self.cast,
                        actor,
                        b,
                        &self.list.position,
                        self.within(),
                    );
                    self.set_target(Some(target));
                    let from = (self.list.position_of(self.reader.article), 0);
                    self.jump_to(super::target::Seek {
                        from,
                        forward: true,
                        strict: false,
                    });
                    if self.screen.tabs.is_some() && self.target.is_some() {
                        self.focus = Pane::Reader;
                    }
                }
                true
            }
            CastMode::Pick { actor, what, items } => {
                let Some((choice, _)) = items.get(self.cast_view.selected).cloned() else {
                    return true;
                };
                let result = match what {
                    PickFor::Alias => self.cast.split_alias(actor, &choice),
                    PickFor::Kind => {
                        let kind = KINDS
                            .into_iter()
                            .find(|k| k.label() == choice)
                            .unwrap_or(Kind::Misc);
                        self.cast.set_kind(actor, kind)
                    }
                };
                self.corrected(result);
                true
            }
        }
    }

    /// After a correction: write it, show the cast as it is now.
    fn corrected(&mut self, result: Result<Fixed, FixError>) {
        match result {
            Ok(fixed) => {
                self.effects
                    .push(super::Effect::WriteFix(fixed.fix.clone()));
                self.input = None;
                self.after_cast_change(Some(fixed.actor));
                let moved = match fixed.moved {
                    0 => String::new(),
                    1 => " (1 mention)".into(),
                    n => format!(" ({n} mentions)"),
                };
                self.message = Some(format!("{}{moved} · u undoes", fixed.fix.describe()));
            }
            Err(e) => {
                self.message = Some(e.to_string());
            }
        }
    }

    /// The cast changed under the views: the target follows its actor (or
    /// is dropped with it), the list's counts and the pane follow.
    pub(super) fn after_cast_change(&mut self, keep: Option<ActorId>) {
        self.forget_quotes();
        if let Some(kind) = self.target.as_ref().map(|t| t.kind.clone()) {
            let live = |app: &App, a: ActorId| {
                let a = app.cast.resolve(a);
                app.cast
                    .actor(a)
                    .is_some_and(|x| x.mentions > 0)
                    .then_some(a)
            };
            let rebuilt = match kind {
                TargetKind::Actor(a) => live(self, a).map(|a| self.actor_target(a)),
                TargetKind::Pair(a, b) => match (live(self, a), live(self, b)) {
                    (Some(a), Some(b)) if a != b => Some(Target::pair(
                        &self.corpus,
                        &self.cast,
                        a,
                        b,
                        &self.list.position,
                        self.within(),
                    )),
                    _ => None,
                },
                TargetKind::Search(_) => self.target.take(),
                // Which quote is whose may have changed: found again on `"`.
                TargetKind::Quotes(_) => None,
            };
            self.set_target(rebuilt);
        }
        self.leave_cast_mode(keep);
    }

    /// `t`: the actors that share sentences with the selected one, or the
    /// cast again.
    fn toggle_together(&mut self) {
        if let CastMode::Together { actor, .. } = self.cast_view.mode {
            return self.leave_cast_mode(Some(actor));
        }
        let Some(actor) = self.cast_view.selected_actor() else {
            self.message = Some("no actor selected".into());
            return;
        };
        let found = crate::analysis::cooccur::co_actors(&self.corpus, &self.cast, actor);
        if found.is_empty() {
            let name = self
                .cast
                .actor(actor)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            self.message = Some(format!("no actor shares sentences with {name}"));
            return;
        }
        self.focus_cast();
        let rows = found.iter().map(|c| (c.actor, c.shared)).collect();
        let scores = found.iter().map(|c| c.score).collect();
        self.finder = None;
        self.cast_view.mode = CastMode::Together { actor, scores };
        self.cast_view.set_rows(rows, None);
        self.cast_view.selected = 0;
        self.cast_view.offset = 0;
    }

    /// Keys while a line is typed.
    pub(super) fn update_input(&mut self, action: Action) {
        let Some(input) = &mut self.input else {
            return;
        };
        let kind = input.kind;
        match action {
            Action::InsertChar(c) => {
                input.text.push(c);
                input.error = None;
            }
            Action::DeleteChar => {
                input.error = None;
                if input.text.pop().is_none() && !matches!(kind, InputKind::Narrow) {
                    return self.cancel_input();
                }
            }
            Action::Down | Action::Up => {
                if let InputKind::Find(_) = kind {
                    self.cast_view.move_by(action, None);
                } else if kind == InputKind::Narrow {
                    if self.overlay == super::Overlay::Quotes {
                        self.quotes_move(action, None);
                    } else {
                        self.kwic_move(action, None);
                    }
                }
                return;
            }
            Action::ConfirmSearch => return self.confirm_input(),
            Action::Cancel | Action::Quit => return self.cancel_input(),
            _ => return,
        }
        match kind {
            InputKind::Find(_) => self.rerank(),
            InputKind::Narrow => {
                let text = self
                    .input
                    .as_ref()
                    .map(|i| i.text.clone())
                    .unwrap_or_default();
                self.narrow_either(&text);
            }
            InputKind::Rename(_) | InputKind::Query => {}
        }
    }

    fn confirm_input(&mut self) {
        let Some(input) = self.input.clone() else {
            return;
        };
        match input.kind {
            InputKind::Find(FindFor::Follow) => {
                self.input = None;
                let chosen = self.cast_view.selected_actor();
                self.leave_cast_mode(chosen);
                // The chosen actor, not the pane's row: the pane lists this
                // article's cast again, which need not name it.
                if let Some(actor) = chosen {
                    self.follow_actor(actor);
                    self.refresh_cast_view(Some(actor));
                    if self.screen.tabs.is_some() && self.target.is_some() {
                        self.focus = Pane::Reader;
                    }
                }
            }
            InputKind::Find(FindFor::MergeInto(_)) => {
                if !self.choose_in_cast() {
                    self.input = None;
                }
            }
            InputKind::Rename(a) => {
                let result = self.cast.rename_actor(a, &input.text);
                self.corrected(result);
            }
            InputKind::Query => self.apply_query(&input.text),
            InputKind::Narrow => self.input = None,
        }
    }

    fn cancel_input(&mut self) {
        let Some(input) = self.input.take() else {
            return;
        };
        match input.kind {
            InputKind::Find(_) => {
                let keep = self.followed_actor();
                self.leave_cast_mode(keep);
            }
            InputKind::Narrow => self.narrow_either(""),
            InputKind::Rename(_) | InputKind::Query => {}
        }
    }

    /// Narrows what the open view lists: the quotes or the concordance.
    fn narrow_either(&mut self, text: &str) {
        if self.overlay == super::Overlay::Quotes {
            self.narrow_quotes(text);
        } else {
            self.narrow_kwic(text);
        }
    }
}
