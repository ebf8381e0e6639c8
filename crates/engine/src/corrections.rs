//! The user's corrections to the cast: merge one actor into another, split an
//! alias off into an actor of its own, rename, change the kind, "not an
//! actor".
//!
//! A correction is applied at once and incrementally: it touches only the
//! actors it names, through their mentions ([`Cast::by_actor`]) and those
//! mentions' entities, never the whole corpus — on 100,000 articles a merge
//! moves one actor's mentions, not everyone's. It is also remembered
//! ([`Fix`], by the names the user saw), so that every later
//! [`Cast::finish`], which decides all actors afresh from the documents,
//! applies the corrections again in the order they were made: a correction
//! made while a collection is still being indexed holds when indexing ends,
//! and one read from the user's actors file (`[[fix]]`) holds on the next
//! launch.
//!
//! Names, not ids, are what is remembered: ids belong to one run, names are
//! what the user saw and what the next run's cast, decided the same way from
//! the same documents, shows again. Of two live actors with one name the
//! one with more mentions is meant.
//!
//! Each correction made in this session can be undone, newest first: the
//! state it changed is kept and put back. A finish in between makes that
//! state stale, and the undo then decides the cast again without it.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::merge::{Cast, Ent, bump_alias, is_known, sort_aliases};
use crate::{Actor, ActorId, Kind};

/// One correction, with the actors named as they were shown when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// The actor called `actor` is the actor called `into`.
    Merge { actor: String, into: String },
    /// The entities called `alias` that the cast gave to the actor called
    /// `from` are an actor of their own (or go back to the actor of that
    /// name, if there is one).
    Split { alias: String, from: String },
    /// The actor called `actor` is called `to`.
    Rename { actor: String, to: String },
    /// The actor called `actor` is of kind `kind`.
    Kind { actor: String, kind: Kind },
    /// The actor called `actor` is no actor: it is listed nowhere.
    NotActor { actor: String },
}

impl Fix {
    /// The fix as the actors file's keys and values (`[[fix]]`), in the
    /// order they are written.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            Fix::Merge { actor, into } => vec![("merge", actor.clone()), ("into", into.clone())],
            Fix::Split { alias, from } => vec![("split", alias.clone()), ("from", from.clone())],
            Fix::Rename { actor, to } => vec![("rename", actor.clone()), ("to", to.clone())],
            Fix::Kind { actor, kind } => {
                vec![("actor", actor.clone()), ("kind", kind.label().to_string())]
            }
            Fix::NotActor { actor } => vec![("not_actor", actor.clone())],
        }
    }

    /// The fix in words, for the status line: "merged Kerry into John Kerry".
    pub fn describe(&self) -> String {
        match self {
            Fix::Merge { actor, into } => format!("merged {actor} into {into}"),
            Fix::Split { alias, from } => format!("split {alias} off {from}"),
            Fix::Rename { actor, to } => format!("renamed {actor} to {to}"),
            Fix::Kind { actor, kind } => format!("{actor} is a{} {}", article(*kind), kind.label()),
            Fix::NotActor { actor } => format!("{actor} is not an actor"),
        }
    }
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Organization => "n",
        _ => "",
    }
}

/// Why a correction could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("no actor called {0}")]
    NoActor(String),
    #[error("an actor cannot be merged into itself")]
    SameActor,
    #[error(
        "no name of {actor} is {alias} on its own: it only stands in articles that name {actor} in full"
    )]
    NotOnItsOwn { alias: String, actor: String },
    #[error("{alias} is {actor}'s own name: rename it, or split another alias off")]
    OwnName { alias: String, actor: String },
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("nothing to undo")]
    NothingToUndo,
}

/// What a correction did, for the interface: the fix (to write to the
/// actors file) and the actor to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub fix: Fix,
    /// The actor the correction leaves selected: the merged-into actor, the
    /// split-off one, the renamed one.
    pub actor: ActorId,
    /// How many mentions changed actor (0 for a rename or a kind).
    pub moved: usize,
}

/// The corrections of a cast: those read from the user's file, then those
/// made in this session, in order; what undoes the latter; the actors that
/// are no actors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Corrections {
    fixes: Vec<Fix>,
    /// How many of `fixes` came from the file (they cannot be undone here).
    loaded: usize,
    /// One for each fix made in this session, in order.
    undo: Vec<Undo>,
    dismissed: FxHashSet<ActorId>,
    /// Bumped by every finish: an undo record of an older generation is stale.
    generation: u64,
}

/// An actor as a correction found it: its id, itself, its mention list
/// ((article, index) pairs) and its kind votes.
type SavedActor = (ActorId, Actor, Vec<(u32, u32)>, [u32; 4]);

/// The state a correction changed, as it was.
#[derive(Debug, Clone, Default)]
struct Undo {
    generation: u64,
    /// Actors with their mention lists (and kind votes).
    actors: Vec<SavedActor>,
    /// (article, index, actor) of mentions moved.
    mentions: Vec<(u32, u32, ActorId)>,
    /// (entity, actor) of entities moved.
    ents: Vec<(u32, ActorId)>,
    /// (key, default actor) changed.
    defaults: Vec<(u32, ActorId)>,
    dismissed: Option<ActorId>,
}

impl Cast {
    /// An empty cast that will apply `fixes` (from the user's actors file)
    /// whenever it decides its actors.
    pub fn with_fixes(fixes: Vec<Fix>) -> Cast {
        let mut cast = Cast::default();
        cast.corrections.loaded = fixes.len();
        cast.corrections.fixes = fixes;
        cast
    }

    /// Every correction in force: the file's, then this session's.
    pub fn fixes(&self) -> &[Fix] {
        &self.corrections.fixes
    }

    /// How many corrections of this session can be undone.
    pub fn undoable(&self) -> usize {
        self.corrections.undo.len()
    }

    /// Whether the user said this actor is no actor.
    pub fn is_dismissed(&self, actor: ActorId) -> bool {
        self.corrections.dismissed.contains(&actor)
    }

    /// Merges actor `actor` into `into`: every mention of the one is the
    /// other's.
    pub fn merge_actors(&mut self, actor: ActorId, into: ActorId) -> Result<Fixed, FixError> {
        let (from, to) = (self.live_name(actor)?, self.live_name(into)?);
        if actor == into {
            return Err(FixError::SameActor);
        }
        let mut undo = self.undo_record();
        let moved = self.move_ents(actor, into, |_| true, &mut undo);
        self.redirect_defaults(actor, into, &mut undo);
        let fix = Fix::Merge {
            actor: from,
            into: to,
        };
        Ok(self.push_fix(fix, undo, into, moved))
    }

    /// Splits the entities called `alias` off actor `from` (case aside): in
    /// the articles where `alias` stands for itself rather than for a name
    /// given in full, it becomes an actor of its own.
    pub fn split_alias(&mut self, from: ActorId, alias: &str) -> Result<Fixed, FixError> {
        let name = self.live_name(from)?;
        let mut undo = self.undo_record();
        let (to, names) = self.split_target(from, alias)?;
        let was_empty = self.actors[to as usize].mentions == 0;
        let moved = self.move_ents(from, to, |e| names.contains(&e.name), &mut undo);
        if was_empty {
            self.actors[to as usize].name = alias.trim().to_string();
        }
        self.point_keys_at(to, &mut undo);
        let fix = Fix::Split {
            alias: alias.trim().to_string(),
            from: name,
        };
        Ok(self.push_fix(fix, undo, to, moved))
    }

    /// Renames actor `actor`.
    pub fn rename_actor(&mut self, actor: ActorId, to: &str) -> Result<Fixed, FixError> {
        let name = self.live_name(actor)?;
        let to = to.trim();
        if to.is_empty() {
            return Err(FixError::EmptyName);
        }
        let mut undo = self.undo_record();
        self.snapshot(actor, &mut undo);
        self.actors[actor as usize].name = to.to_string();
        let fix = Fix::Rename {
            actor: name,
            to: to.to_string(),
        };
        Ok(self.push_fix(fix, undo, actor, 0))
    }

    /// Gives actor `actor` the kind `kind`.
    pub fn set_kind(&mut self, actor: ActorId, kind: Kind) -> Result<Fixed, FixError> {
        let name = self.live_name(actor)?;
        let mut undo = self.undo_record();
        self.snapshot(actor, &mut undo);
        self.actors[actor as usize].kind = kind;
        Ok(self.push_fix(Fix::Kind { actor: name, kind }, undo, actor, 0))
    }

    /// Says actor `actor` is no actor: it leaves every list (its mentions
    /// stay where they are, unlisted, so that an undo is cheap).
    pub fn dismiss(&mut self, actor: ActorId) -> Result<Fixed, FixError> {
        let name = self.live_name(actor)?;
        let mut undo = self.undo_record();
        self.snapshot(actor, &mut undo);
        let moved = self.actors[actor as usize].mentions;
        self.hide(actor);
        undo.dismissed = Some(actor);
        Ok(self.push_fix(Fix::NotActor { actor: name }, undo, actor, moved))
    }

    /// Undoes the newest correction made in this session; returns it.
    pub fn undo_fix(&mut self) -> Result<Fix, FixError> {
        let undo = self.corrections.undo.pop().ok_or(FixError::NothingToUndo)?;
        let fix = self
            .corrections
            .fixes
            .pop()
            .ok_or(FixError::NothingToUndo)?;
        if undo.generation != self.corrections.generation {
            // The cast was decided again since: decide it once more without.
            self.finish();
            return Ok(fix);
        }
        if let Some(a) = undo.dismissed {
            self.corrections.dismissed.remove(&a);
        }
        for &(art, i, actor) in undo.mentions.iter().rev() {
            if let Some(m) = self
                .per_article
                .get_mut(art as usize)
                .and_then(|ms| ms.get_mut(i as usize))
            {
                m.actor = actor;
            }
        }
        for &(e, actor) in undo.ents.iter().rev() {
            self.ents[e as usize].actor = actor;
        }
        for &(k, actor) in undo.defaults.iter().rev() {
            self.default_actor[k as usize] = actor;
        }
        for (id, actor, list, votes) in undo.actors.into_iter().rev() {
            self.actors[id as usize] = actor;
            self.by_actor[id as usize] = list;
            self.votes[id as usize] = votes;
        }
        self.by_name = std::sync::OnceLock::new();
        Ok(fix)
    }

    /// Applies every remembered correction again, in order, after
    /// [`Cast::finish`] decided the actors afresh. A correction that names
    /// an actor the cast no longer has (or not yet) does nothing.
    pub(crate) fn replay_fixes(&mut self) {
        self.corrections.generation += 1;
        self.corrections.dismissed.clear();
        if self.corrections.fixes.is_empty() {
            return;
        }
        let mut names = NameMap::new(self);
        let fixes = self.corrections.fixes.clone();
        let mut none = Undo::default();
        for fix in &fixes {
            match fix {
                Fix::Merge { actor, into } => {
                    let (Some(a), Some(b)) = (names.find(self, actor), names.find(self, into))
                    else {
                        continue;
                    };
                    if a != b {
                        self.move_ents(a, b, |_| true, &mut none);
                        self.redirect_defaults(a, b, &mut none);
                        names.remove(self, a);
                    }
                }
                Fix::Split { alias, from } => {
                    let Some(a) = names.find(self, from) else {
                        continue;
                    };
                    let Ok((to, called)) = self.split_target(a, alias) else {
                        continue;
                    };
                    let was_empty = self.actors[to as usize].mentions == 0;
                    self.move_ents(a, to, |e| called.contains(&e.name), &mut none);
                    if was_empty {
                        self.actors[to as usize].name = alias.trim().to_string();
                        names.add(self, to);
                    }
                    self.point_keys_at(to, &mut none);
                }
                Fix::Rename { actor, to } => {
                    if let Some(a) = names.find(self, actor) {
                        names.remove(self, a);
                        self.actors[a as usize].name = to.clone();
                        names.add(self, a);
                    }
                }
                Fix::Kind { actor, kind } => {
                    if let Some(a) = names.find(self, actor) {
                        self.actors[a as usize].kind = *kind;
                    }
                }
                Fix::NotActor { actor } => {
                    if let Some(a) = names.find(self, actor) {
                        names.remove(self, a);
                        self.hide(a);
                    }
                }
            }
            none = Undo::default();
        }
        self.by_name = std::sync::OnceLock::new();
    }

    /// The name of a live actor, or why it is none.
    fn live_name(&self, actor: ActorId) -> Result<String, FixError> {
        match self.actors.get(actor as usize) {
            Some(a) if a.mentions > 0 => Ok(a.name.clone()),
            Some(a) => Err(FixError::NoActor(a.name.clone())),
            None => Err(FixError::NoActor(format!("#{actor}"))),
        }
    }

    fn undo_record(&self) -> Undo {
        Undo {
            generation: self.corrections.generation,
            ..Undo::default()
        }
    }

    /// Remembers `fix` with what undoes it, and says what it did.
    fn push_fix(&mut self, fix: Fix, undo: Undo, actor: ActorId, moved: usize) -> Fixed {
        self.corrections.fixes.push(fix.clone());
        self.corrections.undo.push(undo);
        self.by_name = std::sync::OnceLock::new();
        Fixed { fix, actor, moved }
    }

    /// Keeps actor `a` as it is now, once per record.
    fn snapshot(&self, a: ActorId, undo: &mut Undo) {
        if undo.actors.iter().any(|s| s.0 == a) {
            return;
        }
        let i = a as usize;
        undo.actors.push((
            a,
            self.actors[i].clone(),
            self.by_actor[i].clone(),
            self.votes[i],
        ));
    }

    fn hide(&mut self, a: ActorId) {
        self.corrections.dismissed.insert(a);
        let actor = &mut self.actors[a as usize];
        actor.mentions = 0;
        actor.articles = 0;
        actor.uncertain = 0;
    }

    /// Moves the mentions of `from` whose entity `pick` accepts to `to`,
    /// then counts both actors again from their mentions. Returns how many
    /// mentions moved. Touches only these two actors' mentions.
    fn move_ents(
        &mut self,
        from: ActorId,
        to: ActorId,
        pick: impl Fn(&Ent) -> bool,
        undo: &mut Undo,
    ) -> usize {
        self.snapshot(from, undo);
        self.snapshot(to, undo);
        let list = std::mem::take(&mut self.by_actor[from as usize]);
        let mut keep = Vec::with_capacity(list.len());
        let mut moved = Vec::new();
        for &(art, i) in &list {
            let Some(m) = self
                .per_article
                .get_mut(art as usize)
                .and_then(|ms| ms.get_mut(i as usize))
            else {
                continue;
            };
            let e = &mut self.ents[m.ent as usize];
            if !pick(e) {
                keep.push((art, i));
                continue;
            }
            undo.mentions.push((art, i, m.actor));
            m.actor = to;
            if e.actor != to {
                undo.ents.push((m.ent, e.actor));
                e.actor = to;
            }
            moved.push((art, i));
        }
        let n = moved.len();
        self.by_actor[from as usize] = keep;
        let into = std::mem::take(&mut self.by_actor[to as usize]);
        self.by_actor[to as usize] = merge_sorted(into, moved);
        let (f, t) = (from as usize, to as usize);
        let votes = self.votes[f];
        for (v, x) in self.votes[t].iter_mut().zip(votes) {
            *v += x;
        }
        self.recount(from);
        self.recount(to);
        n
    }

    /// Counts actor `a`'s mentions, articles, uncertain mentions and aliases
    /// again from its mention list; its kind from its entities when it was
    /// empty before (an actor a split made).
    fn recount(&mut self, a: ActorId) {
        let list = &self.by_actor[a as usize];
        let mut articles = 0;
        let mut last = u32::MAX;
        let mut uncertain = 0;
        let mut ents: Vec<u32> = Vec::new();
        for &(art, i) in list {
            if art != last {
                articles += 1;
                last = art;
            }
            if let Some(m) = self
                .per_article
                .get(art as usize)
                .and_then(|ms| ms.get(i as usize))
            {
                uncertain += usize::from(m.uncertain);
                ents.push(m.ent);
            }
        }
        ents.sort_unstable();
        ents.dedup();
        let mut aliases = Vec::new();
        let mut votes = [0u32; 4];
        for &e in &ents {
            let ent = self.ents[e as usize];
            votes[ent.kind as usize] += ent.mentions;
            let start = (ent.facts + u32::from(ent.titles) + u32::from(ent.aliases)) as usize;
            let end = start + 2 * ent.surfaces as usize;
            for pair in self.facts[start..end].chunks(2) {
                bump_alias(&mut aliases, self.strings.text(pair[0]), pair[1] as usize);
            }
        }
        sort_aliases(&mut aliases);
        let mentions = list.len();
        let actor = &mut self.actors[a as usize];
        if actor.mentions == 0 && mentions > 0 && !is_known(&actor.key) {
            actor.kind = crate::merge::KINDS
                .into_iter()
                .max_by_key(|k| (votes[*k as usize], std::cmp::Reverse(*k as usize)))
                .unwrap_or(actor.kind);
        }
        actor.mentions = mentions;
        actor.articles = articles;
        actor.uncertain = uncertain;
        actor.aliases = aliases;
    }

    /// Keys whose new documents went to `from` go to `to`, and a user
    /// following `from` follows `to` ([`Cast::resolve`]).
    fn redirect_defaults(&mut self, from: ActorId, to: ActorId, undo: &mut Undo) {
        for (k, d) in self.default_actor.iter_mut().enumerate() {
            if *d == from || k == from as usize {
                undo.defaults.push((k as u32, *d));
                *d = to;
            }
        }
    }

    /// The keys of `to`'s entities send new documents to `to`.
    fn point_keys_at(&mut self, to: ActorId, undo: &mut Undo) {
        let mut keys: Vec<u32> = self.by_actor[to as usize]
            .iter()
            .filter_map(|&(art, i)| {
                let m = self.per_article.get(art as usize)?.get(i as usize)?;
                Some(self.ents[m.ent as usize].key)
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            let d = &mut self.default_actor[k as usize];
            if *d != to {
                undo.defaults.push((k, *d));
                *d = to;
            }
        }
    }

    /// The actor the entities called `alias` go to when split off `from` —
    /// the actor of their key with the most mentions (itself empty, or the
    /// actor of that name the cast had kept apart) — and the names (string
    /// ids) those entities have: `alias`, case aside.
    fn split_target(
        &self,
        from: ActorId,
        alias: &str,
    ) -> Result<(ActorId, FxHashSet<u32>), FixError> {
        let actor = self.actors[from as usize].name.clone();
        let wanted = alias.trim().to_lowercase();
        let mut names: FxHashSet<u32> = FxHashSet::default();
        let mut other: FxHashSet<u32> = FxHashSet::default();
        let mut keys: FxHashMap<ActorId, u32> = FxHashMap::default();
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        for &(art, i) in &self.by_actor[from as usize] {
            let Some(m) = self
                .per_article
                .get(art as usize)
                .and_then(|ms| ms.get(i as usize))
            else {
                continue;
            };
            if !seen.insert(m.ent) {
                continue;
            }
            let e = &self.ents[m.ent as usize];
            if other.contains(&e.name) {
                continue;
            }
            if !names.contains(&e.name) {
                if self.strings.text(e.name).to_lowercase() != wanted {
                    other.insert(e.name);
                    continue;
                }
                names.insert(e.name);
            }
            *keys.entry(e.key).or_default() += e.mentions;
        }
        let best = keys
            .into_iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| self.keys.text(b.0).cmp(self.keys.text(a.0)))
            })
            .map(|(k, _)| k);
        match best {
            None => Err(FixError::NotOnItsOwn {
                alias: alias.trim().to_string(),
                actor,
            }),
            Some(k) if k == from => Err(FixError::OwnName {
                alias: alias.trim().to_string(),
                actor,
            }),
            Some(k) => Ok((k, names)),
        }
    }
}

/// Two lists of (article, index), each sorted, as one sorted list.
fn merge_sorted(a: Vec<(u32, u32)>, b: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Live actors by their lower-cased names, kept up to date while the
/// corrections are applied again (a rename changes what the next one finds).
struct NameMap(FxHashMap<String, Vec<ActorId>>);

impl NameMap {
    fn new(cast: &Cast) -> NameMap {
        let mut map: FxHashMap<String, Vec<ActorId>> = FxHashMap::default();
        for (id, a) in cast.actors.iter().enumerate() {
            if a.mentions > 0 {
                map.entry(a.name.to_lowercase())
                    .or_default()
                    .push(id as ActorId);
            }
        }
        NameMap(map)
    }

    /// The live actor called `name`, the one with most mentions of several;
    /// failing a name, the one with that alias (a hand-written file may use one).
    fn find(&self, cast: &Cast, name: &str) -> Option<ActorId> {
        let lower = name.trim().to_lowercase();
        let live = |a: &ActorId| cast.actors[*a as usize].mentions > 0;
        let best = |ids: &mut dyn Iterator<Item = ActorId>| {
            ids.max_by_key(|&a| (cast.actors[a as usize].mentions, std::cmp::Reverse(a)))
        };
        if let Some(found) = self
            .0
            .get(&lower)
            .and_then(|ids| best(&mut ids.iter().copied().filter(live)))
        {
            return Some(found);
        }
        best(&mut (0..cast.actors.len() as ActorId).filter(|&a| {
            let actor = &cast.actors[a as usize];
            actor.mentions > 0
                && actor
                    .aliases
                    .iter()
                    .any(|al| al.text.to_lowercase() == lower)
        }))
    }

    fn remove(&mut self, cast: &Cast, a: ActorId) {
        if let Some(ids) = self.0.get_mut(&cast.actors[a as usize].name.to_lowercase()) {
            ids.retain(|&x| x != a);
        }
    }

    fn add(&mut self, cast: &Cast, a: ActorId) {
        let ids = self
            .0
            .entry(cast.actors[a as usize].name.to_lowercase())
            .or_default();
        if !ids.contains(&a) {
            ids.push(a);
        }
    }
}

#[cfg(test)]
#[path = "corrections_tests.rs"]
mod tests;
