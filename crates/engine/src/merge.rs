//! [`Cast`]: documents' entities merged into corpus-wide actors.
//!
//! The cast is a function of its documents, not of the order they came in:
//! [`Cast::add`] records each document's entities (their keys, kinds, names,
//! surface forms and evidence) and gives their mentions a provisional actor at
//! once, so that the cast fills in while a large corpus is indexed;
//! [`Cast::finish`] then decides every actor from the whole corpus
//! ([`crate::link`]) — the same result in whatever order, on however many
//! threads, in whatever batches the documents arrived.
//!
//! An actor's id is the id of the key it is named by, and keys are never
//! renumbered: when the cast decides that one key names another's actor, the
//! absorbed actor stays in [`Cast::actors`] empty (`mentions == 0`), lists skip
//! it, and [`Cast::resolve`] says where a user following it went.

use rustc_hash::FxHashMap;

use crate::{Actor, ActorId, Alias, DocActors, DocMention, Engine, Gender, Kind, Mention};

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

/// Strings stored once, by number: their bytes one after another in one
/// buffer, found through a table of ids. A corpus interns tens of thousands
/// of names; a string apiece (twice: in the list and as the map's key) was
/// two allocations a name and names scattered over the heap, which settling
/// reads all of.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    /// Every string, in id order.
    text: String,
    /// Where string `i` ends in `text` (it starts where `i - 1` ends).
    ends: Vec<usize>,
    /// Ids, hashed by their strings' [`hash_str`].
    table: hashbrown::HashTable<u32>,
}

/// The hash an [`Interner`] keeps a string under.
fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl Interner {
    pub(crate) fn id(&mut self, s: &str) -> u32 {
        let hash = hash_str(s);
        if let Some(&id) = self.find(hash, s) {
            return id;
        }
        self.push(hash, s)
    }

    /// Adds `s` as a new string; `None` when it is there already.
    pub(crate) fn add_new(&mut self, s: &str) -> Option<u32> {
        let hash = hash_str(s);
        match self.find(hash, s) {
            Some(_) => None,
            None => Some(self.push(hash, s)),
        }
    }

    fn find(&self, hash: u64, s: &str) -> Option<&u32> {
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .find(hash, |&id| slice(text, ends, id as usize) == s)
    }

    fn push(&mut self, hash: u64, s: &str) -> u32 {
        let id = self.ends.len() as u32;
        self.text.push_str(s);
        self.ends.push(self.text.len());
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .insert_unique(hash, id, |&i| hash_str(slice(text, ends, i as usize)));
        id
    }

    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.find(hash_str(s), s).copied()
    }

    pub(crate) fn text(&self, id: u32) -> &str {
        slice(&self.text, &self.ends, id as usize)
    }

    /// How many strings there are (ids are `0..len`).
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The strings in id order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| slice(&self.text, &self.ends, i))
    }

    /// Room for `n` more strings of `bytes` bytes in all.
    pub(crate) fn reserve(&mut self, n: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.ends.reserve_exact(n);
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .reserve(n, |&i| hash_str(slice(text, ends, i as usize)));
    }

    /// Heap bytes held (capacity, not allocator overhead).
    pub(crate) fn footprint(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.table.capacity() * (std::mem::size_of::<u32>() + 1)
    }
}

/// String `i` of an [`Interner`]'s buffer ("" past the end).
fn slice<'a>(text: &'a str, ends: &[usize], i: usize) -> &'a str {
    let start = if i == 0 {
        0
    } else {
        ends.get(i - 1).copied().unwrap_or(0)
    };
    let end = ends.get(i).copied().unwrap_or(start);
    // Each string was pushed whole, so its ends are char boundaries.
    text.get(start..end).unwrap_or("")
}

/// One document's entity, as the cast keeps it: everything the cross-document
/// decision reads, in a few words (a corpus has millions).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ent {
    pub(crate) article: u32,
    /// The full key: the engine's key, and "|initials" when the name had some.
    pub(crate) key: ActorId,
    pub(crate) name: u32,
    pub(crate) actor: ActorId,
    pub(crate) mentions: u32,
    pub(crate) gender: Gender,
    /// Start of its facts in [`Cast::facts`]: titles, then aliases, then
    /// (surface, count) pairs.
    pub(crate) facts: u32,
    pub(crate) titles: u8,
    pub(crate) aliases: u8,
    pub(crate) surfaces: u16,
    pub(crate) kind: Kind,
    /// The cast chose its actor on weak evidence.
    pub(crate) uncertain: bool,
}

/// Alias facts mark an explicit alias ("A (B)") with this bit,
pub(crate) const EXPLICIT: u32 = 1 << 31;
/// and a short form the name allows ("Nusra" for the Nusra Front) with this.
pub(crate) const SHORT_FORM: u32 = 1 << 30;

/// All actors of a corpus and all their mentions.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    pub(crate) actors: Vec<Actor>,
    /// Full keys; a key's id is its actor's id.
    pub(crate) keys: Interner,
    /// Display names, surface forms, titles and alias keys.
    pub(crate) strings: Interner,
    pub(crate) ents: Vec<Ent>,
    pub(crate) facts: Vec<u32>,
    /// Mentions of each article, sorted by start; indexed by article id.
    pub(crate) per_article: Vec<Vec<Mention>>,
    /// For each actor, the (article, index into `per_article[article]`) of its mentions.
    pub(crate) by_actor: Vec<Vec<(u32, u32)>>,
    /// Where each key's entities went at the last [`Cast::finish`] (without
    /// per-document evidence): new documents' provisional actors.
    pub(crate) default_actor: Vec<ActorId>,
    /// Provisional kind votes of each actor, for documents added since the
    /// last [`Cast::finish`].
    pub(crate) votes: Vec<[u32; 4]>,
    /// Lower-cased names and aliases → actor, as of the last finish; made
    /// on the first look-up after it.
    pub(crate) by_name: std::sync::OnceLock<FxHashMap<String, ActorId>>,
    /// Documents were added since the last finish.
    pub(crate) dirty: bool,
    /// The user's corrections, applied again by every finish.
    pub(crate) corrections: crate::corrections::Corrections,
}

impl Cast {
    /// Analyses every document with `engine` (in parallel: documents are
    /// independent), adds them, then decides the actors from the whole corpus.
    pub fn build<D: Document>(engine: &Engine, docs: &[D]) -> Cast {
        use rayon::prelude::*;
        let found: Vec<DocActors> = docs.par_iter().map(|d| engine.analyze(&d.text())).collect();
        let mut cast = Cast::with_fixes(engine.fixes().to_vec());
        for (d, found) in docs.iter().zip(&found) {
            cast.add(d.id(), d, found);
        }
        cast.finish();
        cast
    }

    /// Records one document's result and gives its mentions provisional
    /// actors. `text` is the text the engine saw: a string, or an article,
    /// whose document (`Article::document`) the engine reads. Each article is
    /// added once; [`Cast::finish`] settles the actors.
    pub fn add(&mut self, article: usize, text: &(impl DocText + ?Sized), doc: &DocActors) {
        if self.per_article.len() <= article {
            self.per_article.resize_with(article + 1, Vec::new);
        }
        self.dirty = true;
        let first_ent = self.ents.len() as u32;
        let mut counts = vec![0u32; doc.entity_count()];
        // Which mentions are valid, found once: the text is read once a
        // mention (an article's text may be read through a search).
        let mut valid = vec![false; doc.mentions.len()];
        // (entity, surface) of every mention, sorted: each entity's surface
        // forms with their counts are runs.
        let mut surfaces: Vec<(usize, u32)> = Vec::with_capacity(doc.mentions.len());
        for (m, ok) in doc.mentions.iter().zip(valid.iter_mut()) {
            if m.start >= m.end || m.entity >= doc.entity_count() || u32::try_from(m.end).is_err() {
                continue;
            }
            let Some(surface) = text.slice(m.start..m.end) else {
                continue;
            };
            *ok = true;
            surfaces.push((m.entity, self.strings.id(surface)));
            counts[m.entity] += 1;
        }
        surfaces.sort_unstable();
        let mut run = 0;
        let mut ent_of = vec![u32::MAX; doc.entity_count()];
        let mut full = String::new();
        for (i, entity) in doc.entities().enumerate() {
            if counts[i] == 0 {
                continue;
            }
            let Some(ev) = doc.evidence(i) else { continue };
            full.clear();
            full.push_str(entity.key);
            if !ev.initials.is_empty() {
                full.push('|');
                full.push_str(ev.initials);
            }
            let key = self.intern_key(&full, entity.name, entity.kind);
            let facts = self.facts.len() as u32;
            let mut titles = 0u8;
            for t in ev.titles().take(u8::MAX as usize) {
                let id = self.strings.id(t);
                self.facts.push(id);
                titles += 1;
            }
            let mut aliases = 0u8;
            for (k, explicit) in ev.aliases().take(u8::MAX as usize / 2) {
                let id = self.strings.id(k) & !(EXPLICIT | SHORT_FORM);
                self.facts.push(if explicit { id | EXPLICIT } else { id });
                aliases += 1;
            }
            for k in ev.short_forms().take(u8::MAX as usize / 2) {
                let id = self.strings.id(k) & !(EXPLICIT | SHORT_FORM);
                self.facts.push(id | SHORT_FORM);
                aliases += 1;
            }
            while run < surfaces.len() && surfaces[run].0 < i {
                run += 1;
            }
            let mut kinds = 0u16;
            while run < surfaces.len() && surfaces[run].0 == i {
                let s = surfaces[run].1;
                let mut n = 0u32;
                while run < surfaces.len() && surfaces[run] == (i, s) {
                    n += 1;
                    run += 1;
                }
                if kinds < u16::MAX {
                    self.facts.extend([s, n]);
                    kinds += 1;
                }
            }
            let actor = self.default_actor[key as usize];
            ent_of[i] = self.ents.len() as u32;
            self.ents.push(Ent {
                article: article as u32,
                key,
                name: self.strings.id(entity.name),
                actor,
                mentions: counts[i],
                gender: ev.gender,
                facts,
                titles,
                aliases,
                surfaces: kinds,
                kind: entity.kind,
                uncertain: false,
            });
        }
        let kept = |&(m, ok): &(&DocMention, &bool)| *ok && ent_of[m.entity] != u32::MAX;
        // Counted first, so that the list is made at its size: collected
        // through a filter it grew by doubling and was then shrunk.
        let n = doc.mentions.iter().zip(&valid).filter(kept).count();
        let mut mentions: Vec<Mention> = Vec::with_capacity(n);
        mentions.extend(
            doc.mentions
                .iter()
                .zip(&valid)
                .filter(kept)
                .map(|(m, _)| m)
                .map(|m| {
                    let ent = ent_of[m.entity];
                    Mention {
                        // In range: checked by the filter above.
                        start: m.start as u32,
                        end: m.end as u32,
                        actor: self.ents[ent as usize].actor,
                        form: m.form,
                        uncertain: m.uncertain,
                        doc_uncertain: m.uncertain,
                        ent,
                    }
                }),
        );
        mentions.sort_by_key(|m| (m.start, m.end));
        for (i, m) in mentions.iter().enumerate() {
            self.by_actor[m.actor as usize].push((article as u32, i as u32));
        }
        // Provisional aggregates; finish() recomputes them all.
        for e in first_ent as usize..self.ents.len() {
            let ent = self.ents[e];
            let a = ent.actor as usize;
            self.votes[a][ent.kind as usize] += ent.mentions;
            let actor = &mut self.actors[a];
            actor.mentions += ent.mentions as usize;
            let start = (ent.facts + u32::from(ent.titles) + u32::from(ent.aliases)) as usize;
            for pair in self.facts[start..start + 2 * ent.surfaces as usize].chunks(2) {
                bump_alias(
                    &mut actor.aliases,
                    self.strings.text(pair[0]),
                    pair[1] as usize,
                );
            }
            sort_aliases(&mut actor.aliases);
            if !is_known(&actor.key) {
                let v = self.votes[a];
                if let Some(k) = KINDS
                    .into_iter()
                    .max_by_key(|k| (v[*k as usize], *k == actor.kind))
                {
                    actor.kind = k;
                }
            }
        }
        // Several entities of the article may share an actor: count it once.
        let mut seen: Vec<ActorId> = self.ents[first_ent as usize..]
            .iter()
            .map(|e| e.actor)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for a in seen {
            self.actors[a as usize].articles += 1;
        }
        self.per_article[article] = mentions;
    }

    /// The id of a full key, with an empty actor made for it if it is new.
    pub(crate) fn intern_key(&mut self, full: &str, name: &str, kind: Kind) -> ActorId {
        let id = self.keys.id(full);
        if id as usize == self.actors.len() {
            self.actors.push(Actor {
                name: name.to_string(),
                kind,
                key: full.to_string(),
                aliases: Vec::new(),
                mentions: 0,
                articles: 0,
                uncertain: 0,
            });
            self.by_actor.push(Vec::new());
            self.default_actor.push(id);
            self.votes.push([0; 4]);
        }
        id
    }

    /// Decides every actor from the whole corpus: which keys name one actor,
    /// which actor each bare surname means in each article, and each actor's
    /// name, kind, aliases and counts. The result depends only on the
    /// documents added, never on their order; it is cheap enough (linear in
    /// entities and mentions) to run when indexing ends. The user's
    /// corrections ([`crate::Fix`]) are applied after, in the order made.
    pub fn finish(&mut self) {
        crate::link::settle(self);
        self.replay_fixes();
        // Each actor's list grew by doubling while documents came in; the
        // lists are kept for the session (8 bytes a mention).
        for list in &mut self.by_actor {
            list.shrink_to_fit();
        }
        // So did the documents' records (a million articles: 600 MB of
        // entities held in up to twice that); a shrink of a large block
        // moves no bytes (the allocator remaps it).
        self.ents.shrink_to_fit();
        self.facts.shrink_to_fit();
        self.dirty = false;
    }

    /// The actor `id` now stands for: itself, or the actor its key was found
    /// to name (so that a user following it goes on following the same person).
    pub fn resolve(&self, id: ActorId) -> ActorId {
        let mut id = id;
        // Keys point at their actor directly; one step, guarded against a
        // key absorbed into a key that was itself absorbed since.
        for _ in 0..4 {
            match self.default_actor.get(id as usize) {
                Some(&next) if next != id => id = next,
                _ => break,
            }
        }
        id
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

    /// Every mention of `actor` as (article, mention), by article id, then by
    /// position.
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
    /// compared without regard to case; of several, the one with most
    /// mentions. Absorbed (empty) actors are never found.
    pub fn find(&self, name: &str) -> Option<ActorId> {
        if !self.dirty {
            return self
                .by_name
                .get_or_init(|| crate::link::name_index(self))
                .get(&name.to_lowercase())
                .copied()
                .filter(|&a| self.actors[a as usize].mentions > 0);
        }
        let best = |pred: &dyn Fn(&Actor) -> bool| {
            self.actors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.mentions > 0 && pred(a))
                .max_by_key(|(i, a)| (a.mentions, std::cmp::Reverse(*i)))
                .map(|(i, _)| i as ActorId)
        };
        best(&|a| a.name.to_lowercase() == name.to_lowercase()).or_else(|| {
            best(&|a| {
                a.aliases
                    .iter()
                    .any(|al| al.text.to_lowercase() == name.to_lowercase())
            })
        })
    }
}

pub(crate) const KINDS: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc];

/// Keys of the gazetteer and the user's file name a known actor: its name
/// and kind are fixed. Names found in text have `n:` keys.
pub(crate) fn is_known(key: &str) -> bool {
    !key.starts_with("n:")
}

pub(crate) fn bump_alias(aliases: &mut Vec<Alias>, text: &str, by: usize) {
    match aliases.iter_mut().find(|a| a.text == text) {
        Some(alias) => alias.count += by,
        None => aliases.push(Alias {
            text: text.to_string(),
            count: by,
        }),
    }
}

pub(crate) fn sort_aliases(aliases: &mut [Alias]) {
    aliases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
}
