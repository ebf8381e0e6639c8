//! Cast summaries: a [`Cast`] as bytes, and casts put together or cut apart.
//!
//! What [`Cast::add`] records of each document — its entities with their
//! keys, kinds, names, surface counts and evidence, and its mentions — is all
//! that [`Cast::finish`] reads, and it merges by concatenation: the cast of
//! documents `A ∪ B` is the cast of `A`'s records followed by `B`'s, settled
//! once. So a summary of those records is what a partition of a large
//! collection hands on ([`Cast::append`], then [`Cast::finish`]: the same
//! cast as one run over all the documents), and what an index cache keeps
//! ([`Cast::retain_articles`] drops the documents of changed files before
//! their new versions are added).
//!
//! A summary of a settled cast also holds its decisions (actors, and each
//! entity's and mention's actor), so that reading it back needs no
//! [`Cast::finish`]; a summary of an unsettled one does not, and the cast
//! read from it must be finished before use.
//!
//! The bytes are little-endian fixed-width fields, versioned by
//! [`FORMAT`]. Reading checks every count and index against what it has
//! read, so foreign or damaged bytes are an error, never a panic or a cast
//! whose indices point nowhere; checksums are the container's business.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::merge::{Cast, EXPLICIT, Ent, SHORT_FORM};
use crate::{Actor, ActorId, Alias, Form, Gender, Kind, Mention};

/// The layout version; a summary of another version is refused.
pub const FORMAT: u32 = 1;

/// Bytes every summary starts with.
const MAGIC: &[u8; 8] = b"CASTSUM\0";

/// Why bytes could not be read as a summary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SummaryError {
    #[error("not a cast summary")]
    NotASummary,
    #[error("summary format {found}, this castlist reads format {FORMAT}")]
    Version { found: u32 },
    #[error("damaged cast summary ({0})")]
    Damaged(&'static str),
}

/// Appends fixed-width little-endian fields.
struct Enc(Vec<u8>);

/// Bytes an [`Enc`] gathers before [`Enc::spill`] hands them on.
const SPILL: usize = 1 << 20;

impl Enc {
    /// Hands what is gathered to `out` once it passes [`SPILL`] bytes, so
    /// that writing a cast to a file never holds all its bytes (a million
    /// articles' cast is a gigabyte).
    fn spill(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if self.0.len() >= SPILL {
            out.write_all(&self.0)?;
            self.0.clear();
        }
        Ok(())
    }

    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// A count or size; every one the cast holds fits in `u32` (ids are `u32`).
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Reads what [`Enc`] wrote, every read bounds-checked, from a source a
/// window at a time: a million articles' summary is a gigabyte that need
/// not be held beside the cast it decodes to.
struct Dec<'r> {
    src: &'r mut dyn std::io::Read,
    /// The window: bytes read and not yet all decoded.
    buf: Vec<u8>,
    at: usize,
    /// Bytes of the summary not yet read into the window.
    unread: u64,
}

/// How much a [`Dec`] reads at a time (in tests, little: every field and
/// string then crosses a window's edge somewhere).
const WINDOW: usize = if cfg!(test) { 7 } else { 1 << 20 };

type Res<T> = Result<T, SummaryError>;

impl<'r> Dec<'r> {
    fn new(src: &'r mut dyn std::io::Read, len: u64) -> Dec<'r> {
        Dec {
            src,
            buf: Vec::new(),
            at: 0,
            unread: len,
        }
    }
    /// Bytes of the summary not yet decoded.
    fn remaining(&self) -> u64 {
        (self.buf.len() - self.at) as u64 + self.unread
    }
    #[inline]
    fn take(&mut self, n: usize) -> Res<&[u8]> {
        if self.buf.len() - self.at < n {
            self.fill(n)?;
        }
        let out = &self.buf[self.at..self.at + n];
        self.at += n;
        Ok(out)
    }
    /// Makes the window hold at least `n` undecoded bytes.
    #[cold]
    fn fill(&mut self, n: usize) -> Res<()> {
        if n as u64 > self.remaining() {
            return Err(SummaryError::Damaged("cut short"));
        }
        self.buf.drain(..self.at);
        self.at = 0;
        let have = self.buf.len();
        // At most what is left: `n` is within it, checked above.
        let more = ((n.max(WINDOW) - have) as u64).min(self.unread) as usize;
        self.buf.resize(have + more, 0);
        self.src
            .read_exact(&mut self.buf[have..])
            .map_err(|_| SummaryError::Damaged("cut short"))?;
        self.unread -= more as u64;
        Ok(())
    }
    #[inline]
    fn array<const N: usize>(&mut self) -> Res<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    #[inline]
    fn u8(&mut self) -> Res<u8> {
        Ok(self.array::<1>()?[0])
    }
    #[inline]
    fn u16(&mut self) -> Res<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    #[inline]
    fn u32(&mut self) -> Res<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    #[inline]
    fn u64(&mut self) -> Res<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A count of items at least `min_size` bytes each: a count the rest of
    /// the bytes cannot hold is damage, found before anything is allocated.
    fn count(&mut self, min_size: usize) -> Res<usize> {
        let n = self.u32()? as usize;
        if (n as u64).saturating_mul(min_size.max(1) as u64) > self.remaining() {
            return Err(SummaryError::Damaged("count past the end"));
        }
        Ok(n)
    }
    fn str(&mut self) -> Res<&str> {
        let n = self.count(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| SummaryError::Damaged("text not UTF-8"))
    }
    fn bool(&mut self) -> Res<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(SummaryError::Damaged("bad flag")),
        }
    }
}

fn kind_of(v: u8) -> Res<Kind> {
    crate::merge::KINDS
        .get(v as usize)
        .copied()
        .ok_or(SummaryError::Damaged("bad kind"))
}

fn form_of(v: u8) -> Res<Form> {
    match v {
        0 => Ok(Form::Name),
        1 => Ok(Form::Demonym),
        _ => Err(SummaryError::Damaged("bad form")),
    }
}

fn form_code(f: Form) -> u8 {
    match f {
        Form::Name => 0,
        Form::Demonym => 1,
    }
}

/// `index < len`, or damage.
fn check(index: u32, len: usize, what: &'static str) -> Res<u32> {
    if (index as usize) < len {
        Ok(index)
    } else {
        Err(SummaryError::Damaged(what))
    }
}

/// The facts of an entity: titles, aliases, then (surface, count) pairs.
fn fact_range(e: &Ent) -> Range<usize> {
    let start = e.facts as usize;
    start..start + e.titles as usize + e.aliases as usize + 2 * e.surfaces as usize
}

impl Cast {
    /// The cast as bytes: every document's records, and, if the cast is
    /// settled ([`Cast::finish`] was called after the last [`Cast::add`]),
    /// its decisions.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(64 + self.ents.len() * 40 + self.facts.len() * 4);
        // Writing to memory cannot fail.
        let _ = self.write_to(&mut bytes);
        bytes
    }

    /// Writes what [`Cast::to_bytes`] returns to `out`, a megabyte at a
    /// time, without holding it all.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut e = Enc(Vec::with_capacity(SPILL + 4096));
        e.0.extend_from_slice(MAGIC);
        e.u32(FORMAT);
        for interner in [&self.keys, &self.strings] {
            e.len(interner.len());
            for s in interner.iter() {
                e.str(s);
            }
        }
        e.len(self.ents.len());
        for ent in &self.ents {
            e.u32(ent.article);
            e.u32(ent.key);
            e.u32(ent.name);
            e.u32(ent.mentions);
            e.u16(ent.gender.male);
            e.u16(ent.gender.female);
            e.u32(ent.facts);
            e.u8(ent.titles);
            e.u8(ent.aliases);
            e.u16(ent.surfaces);
            e.u8(ent.kind as u8);
            e.spill(out)?;
        }
        e.len(self.facts.len());
        for &f in &self.facts {
            e.u32(f);
            e.spill(out)?;
        }
        e.len(self.per_article.len());
        for mentions in &self.per_article {
            e.len(mentions.len());
            for m in mentions {
                e.u32(m.start);
                e.u32(m.end);
                e.u32(m.ent);
                e.u8(form_code(m.form) | (u8::from(m.doc_uncertain) << 1));
            }
            e.spill(out)?;
        }
        let settled = !self.dirty;
        e.u8(u8::from(settled));
        if settled {
            self.decisions_to(&mut e, out)?;
        }
        out.write_all(&e.0)
    }

    fn decisions_to(&self, e: &mut Enc, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for a in &self.actors {
            e.str(&a.name);
            e.u8(a.kind as u8);
            e.u64(a.mentions as u64);
            e.u64(a.articles as u64);
            e.u64(a.uncertain as u64);
            e.len(a.aliases.len());
            for alias in &a.aliases {
                e.str(&alias.text);
                e.u64(alias.count as u64);
            }
            e.spill(out)?;
        }
        for &d in &self.default_actor {
            e.u32(d);
            e.spill(out)?;
        }
        for ent in &self.ents {
            e.u32(ent.actor);
            e.u8(u8::from(ent.uncertain));
            e.spill(out)?;
        }
        for mentions in &self.per_article {
            for m in mentions {
                e.u32(m.actor);
                e.u8(u8::from(m.uncertain));
            }
            e.spill(out)?;
        }
        Ok(())
    }

    /// Takes on the corrections `from` applies (the user's actors file's),
    /// for a cast read back from bytes, which holds none: its decisions were
    /// made with them (the file's version is in the cache's stamp), and the
    /// next settling (a changed file read again) makes them again.
    pub fn take_fixes_of(&mut self, from: &Cast) {
        self.corrections = from.corrections.clone();
    }

    /// Reads a cast written by [`Cast::to_bytes`]. A settled cast comes back
    /// settled; an unsettled one with provisional actors, to be finished.
    pub fn from_bytes(bytes: &[u8]) -> Result<Cast, SummaryError> {
        Cast::from_reader(&mut &bytes[..], bytes.len() as u64)
    }

    /// [`Cast::from_bytes`] on the `len` bytes `src` gives, read a window at
    /// a time (an index cache's cast, straight from its file).
    pub fn from_reader(src: &mut dyn std::io::Read, len: u64) -> Result<Cast, SummaryError> {
        let mut d = Dec::new(src, len);
        if d.take(MAGIC.len()).ok() != Some(MAGIC) {
            return Err(SummaryError::NotASummary);
        }
        let found = d.u32()?;
        if found != FORMAT {
            return Err(SummaryError::Version { found });
        }
        let mut cast = Cast::default();
        for interner in [&mut cast.keys, &mut cast.strings] {
            let n = d.count(4)?;
            interner.reserve(n, 0);
            for _ in 0..n {
                let s = d.str()?;
                if interner.add_new(s).is_none() {
                    return Err(SummaryError::Damaged("a string twice"));
                }
            }
        }
        let (nkeys, nstrings) = (cast.keys.len(), cast.strings.len());
        let n = d.count(29)?;
        cast.ents.reserve_exact(n);
        for _ in 0..n {
            let article = d.u32()?;
            let key = check(d.u32()?, nkeys, "key out of range")?;
            let name = check(d.u32()?, nstrings, "name out of range")?;
            let mentions = d.u32()?;
            let gender = Gender {
                male: d.u16()?,
                female: d.u16()?,
            };
            let facts = d.u32()?;
            let (titles, aliases, surfaces) = (d.u8()?, d.u8()?, d.u16()?);
            let kind = kind_of(d.u8()?)?;
            cast.ents.push(Ent {
                article,
                key,
                name,
                actor: key,
                mentions,
                gender,
                facts,
                titles,
                aliases,
                surfaces,
                kind,
                uncertain: false,
            });
        }
        let n = d.count(4)?;
        cast.facts.reserve_exact(n);
        for _ in 0..n {
            cast.facts.push(d.u32()?);
        }
        let articles = d.count(4)?;
        cast.per_article.reserve_exact(articles);
        for _ in 0..articles {
            let n = d.count(13)?;
            let mut list = Vec::with_capacity(n);
            for _ in 0..n {
                let (start, end) = (d.u32()?, d.u32()?);
                let ent = check(d.u32()?, cast.ents.len(), "entity out of range")?;
                let flags = d.u8()?;
                if start > end || flags > 3 {
                    return Err(SummaryError::Damaged("bad mention"));
                }
                list.push(Mention {
                    start,
                    end,
                    actor: cast.ents[ent as usize].key,
                    form: form_of(flags & 1)?,
                    uncertain: flags & 2 != 0,
                    doc_uncertain: flags & 2 != 0,
                    ent,
                });
            }
            cast.per_article.push(list);
        }
        cast.check_records()?;
        cast.make_actors();
        if d.bool()? {
            cast.decisions_from(&mut d)?;
            cast.dirty = false;
        } else {
            cast.dirty = true;
        }
        if d.remaining() != 0 {
            return Err(SummaryError::Damaged("bytes after the end"));
        }
        cast.index_mentions();
        Ok(cast)
    }

    /// Every entity's facts lie inside the facts, point at strings, and its
    /// article and mentions agree with where its mentions are.
    fn check_records(&self) -> Res<()> {
        let nstrings = self.strings.len();
        for e in &self.ents {
            let facts = self
                .facts
                .get(fact_range(e))
                .ok_or(SummaryError::Damaged("facts out of range"))?;
            let (named, pairs) = facts.split_at(e.titles as usize + e.aliases as usize);
            for (i, &f) in named.iter().enumerate() {
                let id = if i < e.titles as usize {
                    f
                } else {
                    f & !(EXPLICIT | SHORT_FORM)
                };
                check(id, nstrings, "fact out of range")?;
            }
            for pair in pairs.chunks(2) {
                check(pair[0], nstrings, "surface out of range")?;
            }
            if e.article as usize >= self.per_article.len() {
                return Err(SummaryError::Damaged("article out of range"));
            }
        }
        let mut counts = vec![0u32; self.ents.len()];
        for (article, list) in self.per_article.iter().enumerate() {
            for m in list {
                if self.ents[m.ent as usize].article as usize != article {
                    return Err(SummaryError::Damaged("mention in another article"));
                }
                counts[m.ent as usize] += 1;
            }
        }
        if counts.iter().zip(&self.ents).any(|(&c, e)| c != e.mentions) {
            return Err(SummaryError::Damaged("mention counts disagree"));
        }
        Ok(())
    }

    /// An actor for every key, named and kinded by its first entity, as
    /// [`Cast::add`] makes them; counts and aliases wait for a finish.
    fn make_actors(&mut self) {
        let n = self.keys.len();
        let mut first: Vec<Option<(u32, Kind)>> = vec![None; n];
        for e in &self.ents {
            first[e.key as usize].get_or_insert((e.name, e.kind));
        }
        self.actors = (0..n)
            .map(|k| {
                let (name, kind) = first[k].unwrap_or((u32::MAX, Kind::Misc));
                Actor {
                    name: self.strings.text(name).to_string(),
                    kind,
                    key: self.keys.text(k as u32).to_string(),
                    aliases: Vec::new(),
                    mentions: 0,
                    articles: 0,
                    uncertain: 0,
                }
            })
            .collect();
        self.default_actor = (0..n as u32).collect();
        self.votes = vec![[0; 4]; n];
        self.by_actor = vec![Vec::new(); n];
    }

    fn decisions_from(&mut self, d: &mut Dec<'_>) -> Res<()> {
        let n = self.actors.len();
        for a in &mut self.actors {
            a.name = d.str()?.to_string();
            a.kind = kind_of(d.u8()?)?;
            a.mentions = d.u64()? as usize;
            a.articles = d.u64()? as usize;
            a.uncertain = d.u64()? as usize;
            let aliases = d.count(12)?;
            a.aliases = Vec::with_capacity(aliases);
            for _ in 0..aliases {
                let text = d.str()?.to_string();
                let count = d.u64()? as usize;
                a.aliases.push(Alias { text, count });
            }
        }
        for k in 0..n {
            self.default_actor[k] = check(d.u32()?, n, "actor out of range")?;
        }
        for e in &mut self.ents {
            e.actor = check(d.u32()?, n, "actor out of range")?;
            e.uncertain = d.bool()?;
        }
        for list in &mut self.per_article {
            for m in list {
                m.actor = check(d.u32()?, n, "actor out of range")?;
                m.uncertain = d.bool()?;
            }
        }
        for e in &self.ents {
            self.votes[e.actor as usize][e.kind as usize] += e.mentions;
        }
        Ok(())
    }

    /// Rebuilds each actor's list of mentions from the articles' mentions.
    fn index_mentions(&mut self) {
        // Counted first, so that each list is made at its size rather than
        // grown by doubling (a million articles: 235 MB of lists grown, about
        // 165 MB made at their size).
        let mut counts = vec![0usize; self.by_actor.len()];
        for m in self.per_article.iter().flatten() {
            if let Some(n) = counts.get_mut(m.actor as usize) {
                *n += 1;
            }
        }
        for (list, &n) in self.by_actor.iter_mut().zip(&counts) {
            list.clear();
            list.shrink_to(n);
            list.reserve_exact(n);
        }
        for (article, list) in self.per_article.iter().enumerate() {
            for (i, m) in list.iter().enumerate() {
                if let Some(of) = self.by_actor.get_mut(m.actor as usize) {
                    of.push((article as u32, i as u32));
                }
            }
        }
        self.by_name = std::sync::OnceLock::new();
    }

    /// Adds every document of `other` after this cast's documents (its
    /// article `i` becomes article `self.article_count() + i`). The result is
    /// the cast of both sets of documents, as if each of `other`'s had been
    /// [`Cast::add`]ed here in its order: finish it before use.
    pub fn append(&mut self, other: &Cast) {
        let offset = self.per_article.len() as u32;
        let mut keys: FxHashMap<u32, ActorId> = FxHashMap::default();
        let mut strings: Vec<u32> = vec![u32::MAX; other.strings.len()];
        let mut string = |this: &mut Cast, id: u32| {
            let id = id as usize;
            if strings[id] == u32::MAX {
                strings[id] = this.strings.id(other.strings.text(id as u32));
            }
            strings[id]
        };
        let first_ent = self.ents.len() as u32;
        for e in &other.ents {
            let key = match keys.get(&e.key) {
                Some(&k) => k,
                None => {
                    let name = other.strings.text(e.name);
                    let k = self.intern_key(other.keys.text(e.key), name, e.kind);
                    keys.insert(e.key, k);
                    k
                }
            };
            let facts = self.facts.len() as u32;
            let (named, pairs) =
                other.facts[fact_range(e)].split_at(e.titles as usize + e.aliases as usize);
            for (i, &f) in named.iter().enumerate() {
                let (id, flags) = if i < e.titles as usize {
                    (f, 0)
                } else {
                    (f & !(EXPLICIT | SHORT_FORM), f & (EXPLICIT | SHORT_FORM))
                };
                let id = string(self, id);
                self.facts.push(id | flags);
            }
            for pair in pairs.chunks(2) {
                let id = string(self, pair[0]);
                self.facts.extend([id, pair[1]]);
            }
            let name = string(self, e.name);
            self.ents.push(Ent {
                article: e.article + offset,
                key,
                name,
                actor: self.default_actor[key as usize],
                facts,
                uncertain: false,
                ..*e
            });
        }
        for list in &other.per_article {
            let article = self.per_article.len() as u32;
            let list: Vec<Mention> = list
                .iter()
                .map(|m| {
                    let ent = m.ent + first_ent;
                    Mention {
                        actor: self.ents[ent as usize].actor,
                        uncertain: m.doc_uncertain,
                        ent,
                        ..*m
                    }
                })
                .collect();
            for (i, m) in list.iter().enumerate() {
                self.by_actor[m.actor as usize].push((article, i as u32));
            }
            self.per_article.push(list);
        }
        self.dirty = true;
    }

    /// Keeps the documents `renumber` gives a new number (below `count`),
    /// under that number, and drops the others with everything they
    /// contributed: the cast of the documents kept, once finished.
    pub fn retain_articles(&mut self, count: usize, renumber: impl Fn(usize) -> Option<usize>) {
        let new_id: Vec<Option<u32>> = (0..self.per_article.len())
            .map(|a| renumber(a).filter(|&n| n < count).map(|n| n as u32))
            .collect();
        let mut ent_map = vec![u32::MAX; self.ents.len()];
        let mut ents = Vec::with_capacity(self.ents.len());
        let mut facts = Vec::with_capacity(self.facts.len());
        for (i, e) in self.ents.iter().enumerate() {
            let Some(article) = new_id[e.article as usize] else {
                continue;
            };
            ent_map[i] = ents.len() as u32;
            let start = facts.len() as u32;
            facts.extend_from_slice(&self.facts[fact_range(e)]);
            ents.push(Ent {
                article,
                facts: start,
                ..*e
            });
        }
        let mut per_article = vec![Vec::new(); count];
        for (old, list) in std::mem::take(&mut self.per_article)
            .into_iter()
            .enumerate()
        {
            if let Some(new) = new_id[old] {
                let mut list = list;
                for m in &mut list {
                    m.ent = ent_map[m.ent as usize];
                }
                per_article[new as usize] = list;
            }
        }
        self.ents = ents;
        self.facts = facts;
        self.per_article = per_article;
        self.index_mentions();
        self.dirty = true;
    }

    /// Roughly how many heap bytes each part of the cast holds (capacity, not
    /// allocator overhead), for measuring.
    pub fn footprint(&self) -> Vec<(&'static str, usize)> {
        use std::mem::size_of;
        let strings = |i: &crate::merge::Interner| i.footprint();
        let mentions: usize = self
            .per_article
            .iter()
            .map(|m| m.capacity() * size_of::<Mention>())
            .sum::<usize>()
            + self.per_article.capacity() * size_of::<Vec<Mention>>();
        let by_actor: usize = self
            .by_actor
            .iter()
            .map(|m| m.capacity() * 8)
            .sum::<usize>()
            + self.by_actor.capacity() * size_of::<Vec<(u32, u32)>>();
        let actors: usize = self
            .actors
            .iter()
            .map(|a| {
                a.name.capacity()
                    + a.key.capacity()
                    + a.aliases
                        .iter()
                        .map(|x| x.text.capacity() + size_of::<Alias>())
                        .sum::<usize>()
            })
            .sum::<usize>()
            + self.actors.capacity() * size_of::<Actor>();
        vec![
            ("mentions", mentions),
            ("by_actor", by_actor),
            ("ents", self.ents.capacity() * size_of::<Ent>()),
            ("facts", self.facts.capacity() * 4),
            ("keys", strings(&self.keys)),
            ("strings", strings(&self.strings)),
            ("actors", actors),
            (
                "per-key",
                self.default_actor.capacity() * 4 + self.votes.capacity() * 16,
            ),
        ]
    }

    /// How many documents the cast holds (the highest article id plus one).
    pub fn article_count(&self) -> usize {
        self.per_article.len()
    }

    /// Whether documents were added since the last [`Cast::finish`].
    pub fn is_settled(&self) -> bool {
        !self.dirty
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    const TEXTS: [&str; 6] = [
        "Jeb Bush said he would run. Bush told reporters in Miami that George W. Bush would not campaign.",
        "George W. Bush spoke in Dallas. President Bush said the war was right. Mr. Bush left.",
        "Tony Blair met Gordon Brown. Blair and Brown then spoke to the press in London.",
        "Blair said the election would come in May. Russian officials met Blair.",
        "The al-Nusra Front (Jabhat Fateh al-Sham) fought on. Nusra fighters left.",
        "Michael London wrote a book. London said it took years.",
    ];

    fn cast_of(engine: &Engine, texts: &[&str]) -> Cast {
        let mut cast = Cast::default();
        for (i, t) in texts.iter().enumerate() {
            cast.add(i, *t, &engine.analyze(t));
        }
        cast
    }

    /// Everything the cast shows: actors (skipping empty ones) and each
    /// mention's actor by name.
    fn shown(cast: &Cast) -> (Vec<Actor>, Vec<Vec<(Mention, String)>>) {
        let actors = cast
            .actors()
            .iter()
            .filter(|a| a.mentions > 0)
            .cloned()
            .collect();
        let mentions = (0..cast.article_count())
            .map(|a| {
                cast.mentions_in(a)
                    .iter()
                    .map(|m| (*m, cast.actor(m.actor).unwrap().name.clone()))
                    .collect()
            })
            .collect();
        (actors, mentions)
    }

    #[test]
    fn a_settled_cast_reads_back_the_same_without_a_finish() {
        let engine = Engine::builtin();
        let mut cast = cast_of(&engine, &TEXTS);
        cast.finish();
        let back = Cast::from_bytes(&cast.to_bytes()).unwrap();
        assert!(back.is_settled());
        assert_eq!(shown(&back), shown(&cast));
        assert_eq!(back.find("bush"), cast.find("bush"));
        let blair: Vec<_> = back.mentions_of(back.find("Blair").unwrap()).collect();
        assert_eq!(blair.len(), 4);
    }

    #[test]
    fn appended_summaries_give_the_cast_of_one_run() {
        let engine = Engine::builtin();
        let mut whole = cast_of(&engine, &TEXTS);
        whole.finish();
        for split in 1..TEXTS.len() {
            let (a, b) = TEXTS.split_at(split);
            let (mut left, right) = (cast_of(&engine, a), cast_of(&engine, b));
            left.finish();
            let mut merged = Cast::from_bytes(&left.to_bytes()).unwrap();
            merged.append(&Cast::from_bytes(&right.to_bytes()).unwrap());
            merged.finish();
            // The same actors under the same ids, and the same mentions.
            assert_eq!(shown(&merged), shown(&whole), "split at {split}");
        }
    }

    #[test]
    fn retained_articles_give_the_cast_of_those_alone() {
        let engine = Engine::builtin();
        let mut cast = cast_of(&engine, &TEXTS);
        cast.finish();
        // Drop articles 1 and 3; the rest move down.
        let kept = [0usize, 2, 4, 5];
        cast.retain_articles(kept.len(), |a| kept.iter().position(|&k| k == a));
        cast.finish();
        let texts: Vec<&str> = kept.iter().map(|&k| TEXTS[k]).collect();
        let mut alone = cast_of(&engine, &texts);
        alone.finish();
        let (mut a, mut b) = (shown(&cast), shown(&alone));
        // Actor ids differ (keys of dropped articles keep theirs): compare
        // by name.
        for m in a.1.iter_mut().chain(b.1.iter_mut()).flatten() {
            m.0.actor = 0;
        }
        a.0.sort_by(|x, y| x.key.cmp(&y.key));
        b.0.sort_by(|x, y| x.key.cmp(&y.key));
        assert_eq!(a, b);
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_panic() {
        let engine = Engine::builtin();
        let mut cast = cast_of(&engine, &TEXTS);
        cast.finish();
        let bytes = cast.to_bytes();
        assert_eq!(
            Cast::from_bytes(b"hello").err(),
            Some(SummaryError::NotASummary)
        );
        let mut other = bytes.clone();
        other[8] = 9;
        assert_eq!(
            Cast::from_bytes(&other).err(),
            Some(SummaryError::Version { found: 9 })
        );
        for cut in [9, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(Cast::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Every byte flipped in turn (a stride keeps it quick): an error or a
        // cast whose every index is valid, never a panic.
        for i in (12..bytes.len()).step_by(7) {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            if let Ok(c) = Cast::from_bytes(&b) {
                for a in 0..c.article_count() {
                    for m in c.mentions_in(a) {
                        assert!(c.actor(m.actor).is_some());
                    }
                }
            }
        }
    }
}
