//! [`Cast`]: documents' entities merged into corpus-wide actors, incrementally.
//!
//! Documents arrive one at a time, in any order (a rayon pool indexes, the UI
//! shows the cast as it fills in), and an actor's id never changes once given.
//! Merging therefore happens in two cheap ways that never renumber:
//!
//! - on [`Cast::add`], an entity joins the actor with the same key (normalised
//!   name or gazetteer key); a one-word name ("Kerry") joins the one multi-word
//!   person whose last word it is, when there is exactly one (only people are
//!   named by one word of their name across articles: "Liverpool" is not "BBC
//!   Liverpool");
//!   a full name joins the one actor that is its transliteration variant
//!   ("Sergei Lavrov" → "Sergey Lavrov");
//! - [`Cast::finish`] (run by [`Cast::build`], and by an indexer when it is done or
//!   now and then) redirects one-word actors created before their full name
//!   arrived. The absorbed actor stays in [`Cast::actors`] as an empty tombstone
//!   (`mentions == 0`) so ids stay valid; lists should skip such actors.
//!
//! Kinds and canonical names are voted: each actor shows the kind most of its
//! mentions carry and the name most documents gave it (gazetteer actors keep
//! theirs). Why not a renumbering pass at the end: the UI holds actor ids (the
//! selection, the active actor) while indexing goes on, and a tombstone costs
//! one empty row, while a renumbered id would make the selection jump.

use rustc_hash::FxHashMap;

use super::resolve::close_names;
use super::{Actor, ActorId, Alias, DocActors, EntityRef, Kind, Mention};
use crate::Engine;

/// Merge bookkeeping for one actor.
#[derive(Debug, Clone, Default)]
struct Info {
    /// Name words from the key, for "n:" keys (normalised names).
    words: Vec<String>,
    votes: [usize; 4],
    names: Vec<(String, usize)>,
    merged_into: Option<ActorId>,
    /// Named by the gazetteer or the user file: kind and name are fixed.
    known: bool,
}

/// All actors of a corpus and all their mentions.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    actors: Vec<Actor>,
    info: Vec<Info>,
    by_key: FxHashMap<String, ActorId>,
    /// Last name word → multi-word actors ending in it.
    by_last: FxHashMap<String, Vec<ActorId>>,
    /// Mentions of each article, sorted by start; indexed by article id.
    per_article: Vec<Vec<Mention>>,
    /// For each actor, the (article, index into `per_article[article]`) of its mentions.
    by_actor: Vec<Vec<(u32, u32)>>,
}

const KINDS: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc];

/// The text a document's mention offsets point into: a string, or an
/// article's document (title, line break, body) read in place.
pub trait DocText {
    fn slice(&self, range: std::ops::Range<usize>) -> Option<&str>;
}

impl DocText for str {
    fn slice(&self, range: std::ops::Range<usize>) -> Option<&str> {
        self.get(range)
    }
}

/// A document the cast can be built from: an id (the index its mentions are
/// stored under), the text the engine reads, and that text read in place.
pub trait Document: DocText + Sync {
    fn id(&self) -> usize;
    /// The text the engine analyses; mention offsets point into it.
    fn text(&self) -> std::borrow::Cow<'_, str>;
}

impl Cast {
    /// Analyses every document with `engine` (in parallel: documents are
    /// independent), adds them in order, then merges what only the whole
    /// corpus shows.
    pub fn build<D: Document>(engine: &Engine, docs: &[D]) -> Cast {
        use rayon::prelude::*;
        let found: Vec<DocActors> = docs.par_iter().map(|d| engine.analyze(&d.text())).collect();
        let mut cast = Cast::default();
        for (d, found) in docs.iter().zip(&found) {
            cast.add(d.id(), d, found);
        }
        cast.finish();
        cast
    }

    /// Merges one document's result into the cast. `text` is the text the engine
    /// saw: a string, or an article, whose document (`Article::document`) the
    /// engine reads. Each article is added once.
    pub fn add(&mut self, article: usize, text: &(impl DocText + ?Sized), doc: &DocActors) {
        if self.per_article.len() <= article {
            self.per_article.resize_with(article + 1, Vec::new);
        }
        let mut counts = vec![0usize; doc.entity_count()];
        for m in &doc.mentions {
            if let Some(c) = counts.get_mut(m.entity) {
                *c += 1;
            }
        }
        let ids: Vec<ActorId> = doc
            .entities()
            .zip(&counts)
            .map(|(e, &n)| self.intern(e, n))
            .collect();
        let mut mentions: Vec<Mention> = doc
            .mentions
            .iter()
            .filter(|m| {
                m.start < m.end
                    && m.entity < ids.len()
                    && u32::try_from(m.end).is_ok()
                    && text.slice(m.start..m.end).is_some()
            })
            .map(|m| Mention {
                // In range: checked by the filter above.
                start: m.start as u32,
                end: m.end as u32,
                actor: ids[m.entity],
                form: m.form,
            })
            .collect();
        mentions.sort_by_key(|m| (m.start, m.end));
        let mut seen = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let actor = &mut self.actors[m.actor as usize];
            actor.mentions += 1;
            bump_alias(
                &mut actor.aliases,
                text.slice(m.range()).unwrap_or_default(),
                1,
            );
            if !seen.contains(&m.actor) {
                seen.push(m.actor);
                actor.articles += 1;
            }
            self.by_actor[m.actor as usize].push((article as u32, i as u32));
        }
        for a in seen {
            sort_aliases(&mut self.actors[a as usize].aliases);
        }
        self.per_article[article] = mentions;
    }

    /// The actor an entity belongs to, created if new; records its kind and name votes.
    fn intern(&mut self, entity: EntityRef<'_>, mentions: usize) -> ActorId {
        let id = match self.existing(entity) {
            Some(id) => id,
            None => self.create(entity),
        };
        let info = &mut self.info[id as usize];
        info.votes[entity.kind as usize] += mentions.max(1);
        match info.names.iter_mut().find(|(n, _)| *n == entity.name) {
            Some((_, c)) => *c += 1,
            None => info.names.push((entity.name.to_string(), 1)),
        }
        self.refresh(id);
        id
    }

    fn existing(&self, entity: EntityRef<'_>) -> Option<ActorId> {
        if let Some(&id) = self.by_key.get(entity.key) {
            return Some(self.live(id));
        }
        let words: Vec<&str> = entity.key.strip_prefix("n:")?.split(' ').collect();
        let last = *words.last()?;
        let hosts = self.by_last.get(last)?;
        let mut found = None;
        for &h in hosts {
            let h = self.live(h);
            let info = &self.info[h as usize];
            let hk = self.actors[h as usize].kind;
            // Across documents only people are named by one word of their full
            // name ("Lavrov", whatever the tagger called it there); "Liverpool"
            // alone is not "BBC Liverpool".
            let fits = if words.len() == 1 {
                hk == Kind::Person
            } else {
                entity.kind == Kind::Person
                    && hk == Kind::Person
                    && info.words.len() == words.len()
                    && info
                        .words
                        .iter()
                        .zip(&words)
                        .all(|(a, b)| close_names(a, b))
            };
            if fits {
                if found.is_some_and(|f| f != h) {
                    return None;
                }
                found = Some(h);
            }
        }
        found
    }

    fn create(&mut self, entity: EntityRef<'_>) -> ActorId {
        let id = self.actors.len() as ActorId;
        let words: Vec<String> = entity
            .key
            .strip_prefix("n:")
            .map(|k| k.split(' ').map(str::to_string).collect())
            .unwrap_or_default();
        if words.len() > 1
            && let Some(last) = words.last()
        {
            self.by_last.entry(last.clone()).or_default().push(id);
        }
        self.actors.push(Actor {
            name: entity.name.to_string(),
            kind: entity.kind,
            key: entity.key.to_string(),
            aliases: Vec::new(),
            mentions: 0,
            articles: 0,
        });
        self.info.push(Info {
            words,
            known: !entity.key.starts_with("n:"),
            ..Info::default()
        });
        self.by_actor.push(Vec::new());
        self.by_key.insert(entity.key.to_string(), id);
        id
    }

    /// Follows merges to the actor that holds the mentions now.
    fn live(&self, mut id: ActorId) -> ActorId {
        while let Some(next) = self.info.get(id as usize).and_then(|i| i.merged_into) {
            id = next;
        }
        id
    }

    /// Re-derives an actor's shown kind and name from its votes.
    fn refresh(&mut self, id: ActorId) {
        let info = &self.info[id as usize];
        if info.known {
            return;
        }
        let actor = &mut self.actors[id as usize];
        if let Some(k) = KINDS
            .into_iter()
            .max_by_key(|k| (info.votes[*k as usize], *k == actor.kind))
        {
            actor.kind = k;
        }
        if let Some((name, _)) = info
            .names
            .iter()
            .max_by_key(|(n, c)| (*c, n.split(' ').count(), n.len()))
        {
            actor.name.clone_from(name);
        }
    }

    /// Merges what only the whole corpus shows: a one-word actor created before
    /// the one full name it belongs to arrived. Never renumbers; the absorbed
    /// actor is left empty.
    pub fn finish(&mut self) {
        for id in 0..self.actors.len() as ActorId {
            let info = &self.info[id as usize];
            if info.merged_into.is_some()
                || info.words.len() != 1
                || self.actors[id as usize].mentions == 0
            {
                continue;
            }
            let (name, key) = (
                self.actors[id as usize].name.clone(),
                self.actors[id as usize].key.clone(),
            );
            let entity = EntityRef {
                name: &name,
                kind: self.actors[id as usize].kind,
                key: &key,
            };
            let by_key = self.by_key.remove(entity.key);
            let host = self.existing(entity);
            if let Some(k) = by_key {
                self.by_key.insert(key.clone(), k);
            }
            if let Some(host) = host.filter(|&h| h != id) {
                self.absorb(id, host);
            }
        }
    }

    /// The actor `id` now stands for: itself, or the actor it was merged into
    /// (so that a user following it goes on following the same person).
    pub fn resolve(&self, id: ActorId) -> ActorId {
        self.live(id)
    }

    /// Moves every mention of `from` to `into`.
    fn absorb(&mut self, from: ActorId, into: ActorId) {
        let moved = std::mem::take(&mut self.by_actor[from as usize]);
        for &(a, i) in &moved {
            if let Some(m) = self
                .per_article
                .get_mut(a as usize)
                .and_then(|v| v.get_mut(i as usize))
            {
                m.actor = into;
            }
        }
        let target = &mut self.by_actor[into as usize];
        target.extend(moved);
        target.sort_unstable();
        let mut articles: Vec<u32> = target.iter().map(|&(a, _)| a).collect();
        articles.dedup();
        let src = std::mem::take(&mut self.actors[from as usize].aliases);
        let n = std::mem::take(&mut self.actors[from as usize].mentions);
        self.actors[from as usize].articles = 0;
        let dst = &mut self.actors[into as usize];
        dst.mentions += n;
        dst.articles = articles.len();
        for a in src {
            bump_alias(&mut dst.aliases, &a.text, a.count);
        }
        sort_aliases(&mut dst.aliases);
        let votes = self.info[from as usize].votes;
        self.info[from as usize].merged_into = Some(into);
        for (k, v) in votes.iter().enumerate() {
            self.info[into as usize].votes[k] += v;
        }
        self.refresh(into);
        let key = self.actors[from as usize].key.clone();
        self.by_key.insert(key, into);
    }

    /// Every actor ever given an id, including the empty ones absorbed by
    /// [`Cast::finish`] (`mentions == 0`), which lists should skip.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors.get(id as usize)
    }

    /// Mentions in one article, sorted by start.
    pub fn mentions_in(&self, article: usize) -> &[Mention] {
        self.per_article
            .get(article)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Every mention of `actor` as (article, mention), by article in the order
    /// articles were added, then by position.
    pub fn mentions_of(&self, actor: ActorId) -> impl Iterator<Item = (usize, &Mention)> + '_ {
        self.by_actor
            .get(actor as usize)
            .into_iter()
            .flatten()
            .filter_map(|&(a, i)| {
                Some((
                    a as usize,
                    self.per_article.get(a as usize)?.get(i as usize)?,
                ))
            })
    }

    /// The actor that `name` names: its canonical name or one of its aliases,
    /// compared without regard to case. Absorbed (empty) actors are never found.
    pub fn find(&self, name: &str) -> Option<ActorId> {
        let pos = |pred: &dyn Fn(&Actor) -> bool| {
            self.actors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.mentions > 0)
                .find(|(_, a)| pred(a))
                .map(|(i, _)| i as ActorId)
        };
        pos(&|a| a.name.eq_ignore_ascii_case(name)).or_else(|| {
            pos(&|a| {
                a.aliases
                    .iter()
                    .any(|al| al.text.eq_ignore_ascii_case(name))
            })
        })
    }
}

fn bump_alias(aliases: &mut Vec<Alias>, text: &str, by: usize) {
    match aliases.iter_mut().find(|a| a.text == text) {
        Some(alias) => alias.count += by,
        None => aliases.push(Alias {
            text: text.to_string(),
            count: by,
        }),
    }
}

fn sort_aliases(aliases: &mut [Alias]) {
    aliases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
}
