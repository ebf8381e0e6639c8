//! Deciding the actors of a whole corpus from its documents' entities: which
//! keys name one actor, and which actor each short name means in each article.
//!
//! What entity-linking systems do, in small: candidates from a name's
//! structure and from the aliases the corpus itself taught, then a choice
//! weighed by priors and by the article's own evidence.
//!
//! 1. **Keys that are one actor** (union-find over full keys): a name with and
//!    without its one set of initials ("John F. Kerry", "John Kerry");
//!    transliterations of one person ("Sergey"/"Sergei Lavrov"); names an
//!    article declared one ("the al-Nusra Front (Jabhat Fateh al-Sham)").
//! 2. **Short names** — a bare surname ("Blair"), a name shared by people with
//!    different initials ("George Bush": George W. or George H. W.), a short
//!    form the corpus saw inside a longer name ("Nusra") — are decided per
//!    article among their hosts: people whose name ends in the surname, the
//!    initials variants, the longer names they were seen in. Each host weighs
//!    as much as the documents that name it in full; the article's evidence
//!    multiplies: a title it was seen with ("President Clinton" is the
//!    Clinton who is called President elsewhere), gender words ("Mrs."), the
//!    kind the article gave the name (a place is never a person's surname).
//!    The name itself competes too, weighted by the documents where it stands
//!    alone: a frequent actor never disappears into a rare host ("London" into
//!    "Michael London"). A choice the runner-up nearly matched is uncertain.
//!
//! Everything here is a function of the multiset of entities: counts are
//! sums, ties are broken by key text, never by arrival order.

use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use crate::merge::{Cast, EXPLICIT, KINDS, SHORT_FORM, is_known, sort_aliases};
use crate::names::close_names;
use crate::{ActorId, Alias, Gender, Kind};

/// A bare name of a person stands for itself with this share of its
/// documents' weight; anything else with all of it. People are named in full
/// once and by surname after, so a surname alone in a document is usually
/// someone named in full elsewhere; a place or an organisation is not.
const SELF_PERSON: f64 = 0.05;
/// Containment seen in this many documents teaches an alias.
const LEARNED_DOCS: u32 = 2;
/// A choice is uncertain when the runner-up scores at least this share of it.
const UNCERTAIN: f64 = 0.5;

/// Per full key: sums over its entities.
#[derive(Debug, Clone, Copy, Default)]
struct KeyAgg {
    docs: u32,
    votes: [u32; 4],
}

/// The parsed parts of a full key ("n:george bush|w").
struct KeyParts<'a> {
    base: &'a str,
    initials: &'a str,
    /// Inline: a name has a few words, and every key of the cast has parts.
    words: SmallVec<[&'a str; 3]>,
    known: bool,
}

fn parts(key: &str) -> KeyParts<'_> {
    let known = is_known(key);
    let (base, initials) = match key.rsplit_once('|') {
        Some((b, i)) if !known => (b, i),
        _ => (key, ""),
    };
    let words = if known {
        SmallVec::new()
    } else {
        // As `trim_start_matches("n:")`, without a substring searcher for
        // each of the cast's keys.
        let mut name = base;
        while let Some(rest) = name.strip_prefix("n:") {
            name = rest;
        }
        name.split(' ').filter(|w| !w.is_empty()).collect()
    };
    KeyParts {
        base,
        initials,
        words,
        known,
    }
}

/// Which key of a family (its keys in text order) a longer name with its
/// first and last words joins: any, when the family is one set already; of
/// a plain name among initials variants ("George Bush": "George W. Bush",
/// "George H. W. Bush"), the variant whose initials are those of the longer
/// name's added words ("George Herbert Walker Bush" is H. W.'s), and none
/// when no variant's are — the plain name is decided per article.
fn joining_member(keys: &[KeyParts<'_>], members: &[u32], longer: &[&str]) -> Option<u32> {
    let variants = members
        .iter()
        .filter(|&&k| !keys[k as usize].initials.is_empty())
        .count();
    if variants <= 1 {
        return members.first().copied();
    }
    let words = &keys[members[0] as usize].words;
    let added: String = longer
        .iter()
        .filter(|w| !words.contains(w))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    members.iter().copied().find(|&k| {
        let initials = keys[k as usize].initials;
        !initials.is_empty()
            && initials
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .eq(added.chars())
    })
}

/// All of `short`'s words appear in `long`, in order.
fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// The keys of a set.
type Keys = SmallVec<[u32; 2]>;

/// Families of keys, one base name with its initials variants, numbered in
/// the order of their first keys; each family's keys in key order, as runs
/// of one list. Not a map of lists: at 100,000 articles most of the 60,000
/// families have one key, and a hash map of lists held several times their
/// memory at settling's peak.
struct Families<'a> {
    /// Each family's base.
    bases: Vec<&'a str>,
    /// Where each family's keys start in `keys`, and where the last ends.
    starts: Vec<u32>,
    keys: Vec<u32>,
}

impl<'a> Families<'a> {
    /// Of (base, key) pairs in key order.
    fn new(pairs: impl Iterator<Item = (&'a str, u32)>) -> Families<'a> {
        let mut bases = Vec::new();
        let mut family: Vec<(u32, u32)> = Vec::new();
        let mut index: FxHashMap<&'a str, u32> = FxHashMap::default();
        for (base, key) in pairs {
            let f = *index.entry(base).or_insert_with(|| {
                bases.push(base);
                bases.len() as u32 - 1
            });
            family.push((f, key));
        }
        drop(index);
        // The keys by family, each family's in the order they came.
        let mut starts = vec![0u32; bases.len() + 1];
        for &(f, _) in &family {
            starts[f as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut keys = vec![0u32; family.len()];
        for &(f, key) in &family {
            keys[next[f as usize] as usize] = key;
            next[f as usize] += 1;
        }
        Families {
            bases,
            starts,
            keys,
        }
    }

    /// Puts each family's keys in the order of their texts: the keys'
    /// numbers follow the order documents arrived in, and what is done with
    /// a family's first key must not.
    fn sort_members(&mut self, text: impl Fn(u32) -> &'a str) {
        for f in 0..self.bases.len() {
            let (a, b) = (self.starts[f] as usize, self.starts[f + 1] as usize);
            self.keys[a..b].sort_by_key(|&k| text(k));
        }
    }

    /// The keys of family `f` (an index into `bases`): never empty.
    fn members(&self, f: u32) -> &[u32] {
        let f = f as usize;
        &self.keys[self.starts[f] as usize..self.starts[f + 1] as usize]
    }

    fn iter(&self) -> impl Iterator<Item = (&'a str, &[u32])> {
        (0..self.bases.len()).map(|f| (self.bases[f], self.members(f as u32)))
    }
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let up = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = up;
            x = up;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            self.0[hi as usize] = lo;
        }
    }
}

fn majority(votes: [u32; 4]) -> Kind {
    KINDS
        .into_iter()
        .max_by_key(|k| (votes[*k as usize], std::cmp::Reverse(*k as usize)))
        .unwrap_or(Kind::Misc)
}

/// What the cast knows about a set of keys that name one actor.
#[derive(Debug, Clone, Default)]
struct SetInfo {
    docs: u32,
    votes: [u32; 4],
    gender: Gender,
    /// Title (string id) → documents.
    titles: FxHashMap<u32, u32>,
    /// First letter of its given name, for an initial written with a surname.
    first_letter: Option<char>,
    /// Multi-word, mostly a person: a host for bare surnames.
    person: bool,
    /// All its keys are short names, decided per article.
    short: bool,
}

impl SetInfo {
    fn sign(&self) -> i8 {
        self.gender.sign()
    }
}

/// Host candidates of a short set: (host set root, weight).
type Hosts = Vec<(u32, f64)>;

/// What each set is, by its root (a key id): dense, because the per-entity
/// loops look sets up millions of times at a million articles, and a hash
/// map's probes were most of their time.
struct Sets {
    info: Vec<SetInfo>,
    live: Vec<bool>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets {
            info: std::iter::repeat_with(SetInfo::default).take(n).collect(),
            live: vec![false; n],
        }
    }

    fn get(&self, r: u32) -> Option<&SetInfo> {
        self.live[r as usize].then(|| &self.info[r as usize])
    }

    fn get_mut(&mut self, r: u32) -> Option<&mut SetInfo> {
        self.live[r as usize].then(|| &mut self.info[r as usize])
    }

    fn iter(&self) -> impl Iterator<Item = (u32, &SetInfo)> {
        self.live
            .iter()
            .zip(&self.info)
            .enumerate()
            .filter(|(_, (live, _))| **live)
            .map(|(r, (_, s))| (r as u32, s))
    }
}

impl std::ops::Index<&u32> for Sets {
    type Output = SetInfo;
    fn index(&self, r: &u32) -> &SetInfo {
        &self.info[*r as usize]
    }
}

/// The key that names each set, by root; `NONE` where no set is rooted.
struct Rep(Vec<u32>);

const NONE: u32 = u32::MAX;

impl Rep {
    fn get(&self, r: u32) -> Option<u32> {
        Some(self.0[r as usize]).filter(|&k| k != NONE)
    }
}

impl std::ops::Index<&u32> for Rep {
    type Output = u32;
    fn index(&self, r: &u32) -> &u32 {
        &self.0[*r as usize]
    }
}

pub(crate) fn settle(cast: &mut Cast) {
    let n = cast.keys.len();
    let mut agg = vec![KeyAgg::default(); n];
    let mut hosted: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut explicit: Vec<(u32, u32)> = Vec::new();
    let mut short_forms: FxHashSet<(u32, u32)> = FxHashSet::default();
    for e in &cast.ents {
        let a = &mut agg[e.key as usize];
        a.docs += 1;
        a.votes[e.kind as usize] += e.mentions;
        let start = (e.facts + u32::from(e.titles)) as usize;
        for &fact in &cast.facts[start..start + e.aliases as usize] {
            let text = cast.strings.text(fact & !(EXPLICIT | SHORT_FORM));
            let Some(short) = cast.keys.get(text) else {
                continue;
            };
            if short == e.key {
                continue;
            }
            if fact & EXPLICIT != 0 {
                explicit.push((e.key, short));
            } else if fact & SHORT_FORM != 0 {
                short_forms.insert((short, e.key));
            } else {
                *hosted.entry((short, e.key)).or_default() += 1;
            }
        }
    }
    let keys: Vec<KeyParts<'_>> = cast.keys.iter().map(parts).collect();
    let mut uf = UnionFind((0..n as u32).collect());

    // Families: one base name, with its initials variants.
    let mut families = Families::new(
        keys.iter()
            .enumerate()
            .filter(|&(id, k)| !k.known && agg[id].docs > 0)
            .map(|(id, k)| (k.base, id as u32)),
    );
    families.sort_members(|k| cast.keys.text(k));
    // A plain name among two or more initials variants is decided per article.
    let mut plain_rivals: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (_, members) in families.iter() {
        let variants: Vec<u32> = members
            .iter()
            .copied()
            .filter(|&k| !keys[k as usize].initials.is_empty())
            .collect();
        if variants.len() <= 1 {
            for w in members.windows(2) {
                uf.union(w[0], w[1]);
            }
        } else if let Some(&plain) = members
            .iter()
            .find(|&&k| keys[k as usize].initials.is_empty())
        {
            plain_rivals.insert(plain, variants);
        }
    }
    // Transliterations of one person: same word count and last word, each
    // word one edit from the other's, same first letters.
    let family_votes = |members: &[u32]| {
        let mut v = [0u32; 4];
        for &m in members {
            for (t, x) in v.iter_mut().zip(agg[m as usize].votes) {
                *t += x;
            }
        }
        v
    };
    // Families by their index in `families`, in the order of their bases.
    let mut buckets: FxHashMap<(usize, &str, String), Vec<u32>> = FxHashMap::default();
    for (f, (_, members)) in families.iter().enumerate() {
        let words = &keys[members[0] as usize].words;
        if words.len() >= 2 && majority(family_votes(members)) == Kind::Person {
            let letters: String = words.iter().filter_map(|w| w.chars().next()).collect();
            if let Some(last) = words.last() {
                buckets
                    .entry((words.len(), last, letters))
                    .or_default()
                    .push(f as u32);
            }
        }
    }
    for bases in buckets.values_mut() {
        if bases.len() < 2 {
            continue;
        }
        bases.sort_unstable_by_key(|&f| families.bases[f as usize]);
        for i in 0..bases.len() {
            for j in i + 1..bases.len() {
                let (a, b) = (families.members(bases[i]), families.members(bases[j]));
                let (wa, wb) = (&keys[a[0] as usize].words, &keys[b[0] as usize].words);
                if wa.iter().zip(wb).all(|(x, y)| close_names(x, y)) {
                    uf.union(a[0], b[0]);
                }
            }
        }
    }
    // Each temporary is let go once used: settling a first open's cast is
    // near the open's peak of memory.
    drop(buckets);
    // A middle name more or less is one person ("Hillary Clinton", "Hillary
    // Rodham Clinton"): a name joins the one longer name with its first and
    // last words and all its words in order; among several it is decided per
    // article, as a plain name among initials variants is.
    let family_docs = |members: &[u32]| members.iter().map(|&m| agg[m as usize].docs).sum::<u32>();
    let mut by_ends: FxHashMap<(&str, &str), Vec<u32>> = FxHashMap::default();
    for (f, (_, members)) in families.iter().enumerate() {
        let words = &keys[members[0] as usize].words;
        if words.len() >= 2 && majority(family_votes(members)) == Kind::Person {
            by_ends
                .entry((words[0], words[words.len() - 1]))
                .or_default()
                .push(f as u32);
        }
    }
    for bases in by_ends.values_mut() {
        if bases.len() < 2 {
            continue;
        }
        bases.sort_unstable_by_key(|&f| families.bases[f as usize]);
        for &a in bases.iter() {
            let wa = &keys[families.members(a)[0] as usize].words;
            // Longer names, as families (their first key is the one
            // joined). A name repeats no word: "Hillary Clinton Hillary
            // Clinton" is link text run together, not a longer name.
            let mut longer: Vec<u32> = bases
                .iter()
                .copied()
                .filter(|&b| {
                    let wb = &keys[families.members(b)[0] as usize].words;
                    wb.len() > wa.len()
                        && is_subsequence(wa, wb)
                        && wb.iter().enumerate().all(|(i, w)| !wb[..i].contains(w))
                })
                .collect();
            let docs = |f: u32| family_docs(families.members(f));
            longer.sort_by_key(|&b| std::cmp::Reverse(docs(b)));
            // One longer name in three times the documents of any other is the one.
            if longer.len() > 1 && docs(longer[0]) >= 3 * docs(longer[1]) {
                longer.truncate(1);
            }
            match longer.as_slice() {
                [] => {}
                [b] => {
                    let (ma, mb) = (families.members(a), families.members(*b));
                    if let Some(k) = joining_member(&keys, ma, &keys[mb[0] as usize].words) {
                        uf.union(k, mb[0]);
                    }
                }
                _ => {
                    for &m in families.members(a) {
                        plain_rivals
                            .entry(m)
                            .or_default()
                            .extend(longer.iter().map(|&b| families.members(b)[0]));
                    }
                }
            }
        }
    }
    drop(by_ends);
    for &(a, b) in &explicit {
        if !(keys[a as usize].known && keys[b as usize].known) {
            uf.union(a, b);
        }
    }
    drop(explicit);

    // Sets: each key's root, and what each set is.
    let root: Vec<u32> = (0..n as u32).map(|k| uf.find(k)).collect();
    drop(uf);
    drop(families);
    let mut sets = Sets::new(n);
    let mut members: FxHashMap<u32, Keys> = FxHashMap::default();
    for k in 0..n as u32 {
        if agg[k as usize].docs > 0 {
            members.entry(root[k as usize]).or_default().push(k);
        }
    }
    // In the order of their texts, not of their numbers (the order the
    // documents arrived in): what a set takes from its first key must not
    // depend on that.
    for ms in members.values_mut() {
        if ms.len() > 1 {
            ms.sort_by_key(|&k| cast.keys.text(k));
        }
    }
    for (&r, ms) in &members {
        let mut s = SetInfo::default();
        let mut multi = false;
        let mut all_short = true;
        for &m in ms {
            let a = agg[m as usize];
            s.docs += a.docs;
            for (t, x) in s.votes.iter_mut().zip(a.votes) {
                *t += x;
            }
            let k = &keys[m as usize];
            multi |= k.words.len() >= 2;
            let short = !k.known && (k.words.len() == 1 || plain_rivals.contains_key(&m));
            all_short &= short;
            if s.first_letter.is_none() && k.words.len() >= 2 {
                s.first_letter = k.words[0].chars().next();
            }
        }
        s.person = multi && majority(s.votes) == Kind::Person;
        s.short = all_short;
        sets.info[r as usize] = s;
        sets.live[r as usize] = true;
    }
    // Titles and gender of each set, from its own (not short-assigned) entities.
    for e in &cast.ents {
        let Some(s) = sets.get_mut(root[e.key as usize]) else {
            continue;
        };
        s.gender.add(e.gender);
        for &t in &cast.facts[e.facts as usize..e.facts as usize + e.titles as usize] {
            *s.titles.entry(t).or_default() += 1;
        }
    }

    // The best key of each set names it: a known actor's, else the one in
    // most documents, then by key text.
    let mut rep = Rep(vec![NONE; n]);
    for (&r, ms) in &members {
        let best = ms
            .iter()
            .copied()
            .max_by(|&a, &b| {
                (keys[a as usize].known, agg[a as usize].docs)
                    .cmp(&(keys[b as usize].known, agg[b as usize].docs))
                    .then_with(|| cast.keys.text(b).cmp(cast.keys.text(a)))
            })
            .unwrap_or(r);
        rep.0[r as usize] = best;
    }

    // Hosts of each short set.
    let mut by_last: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (r, s) in sets.iter() {
        if s.person && !s.short {
            let k = &keys[rep[&r] as usize];
            if let Some(last) = k.words.last() {
                by_last.entry(last).or_default().push(r);
            }
        }
    }
    // People the corpus calls by their given name alone: a document that
    // names "Hillary Clinton" and then says "Hillary" teaches that a bare
    // "Hillary" elsewhere may be her. Learned from usage, as aliases are: a
    // given name nobody is called by alone ("John") finds no holder this way.
    let mut called: FxHashSet<(&str, u32, u32)> = FxHashSet::default();
    for e in &cast.ents {
        let r = root[e.key as usize];
        let k = &keys[e.key as usize];
        let (Some(first), true) = (k.words.first(), k.words.len() >= 2) else {
            continue;
        };
        if !sets.get(r).is_some_and(|s| s.person && !s.short) {
            continue;
        }
        let start = (e.facts + u32::from(e.titles) + u32::from(e.aliases)) as usize;
        let surfaces = &cast.facts[start..start + 2 * e.surfaces as usize];
        if surfaces
            .chunks(2)
            .any(|p| cast.strings.text(p[0]).eq_ignore_ascii_case(first))
        {
            called.insert((first, r, e.article));
        }
    }
    let mut by_first: FxHashMap<&str, FxHashMap<u32, u32>> = FxHashMap::default();
    for &(first, r, _) in &called {
        *by_first.entry(first).or_default().entry(r).or_default() += 1;
    }
    let mut learned: FxHashMap<u32, FxHashMap<u32, u32>> = FxHashMap::default();
    for (&(short, host), &docs) in &hosted {
        let (rs, rh) = (root[short as usize], root[host as usize]);
        if rs != rh && sets.get(rh).is_some_and(|s| !s.short) {
            *learned.entry(rs).or_default().entry(rh).or_default() += docs;
        }
    }
    // Organisations whose name allows a short form: short key → host sets.
    let mut structural: FxHashMap<u32, Vec<(u32, ())>> = FxHashMap::default();
    for &(short, host) in &short_forms {
        let rh = root[host as usize];
        if root[short as usize] != rh {
            structural.entry(short).or_default().push((rh, ()));
        }
    }
    // By root, dense as `sets` is; empty where a set has none.
    let mut hosts: Vec<Hosts> = vec![Vec::new(); n];
    for (r, s) in sets.iter() {
        let mut list: FxHashMap<u32, f64> = FxHashMap::default();
        if s.short {
            for &m in &members[&r] {
                let k = &keys[m as usize];
                if let Some(rivals) = plain_rivals.get(&m) {
                    for &v in rivals {
                        let rv = root[v as usize];
                        list.insert(rv, f64::from(sets[&rv].docs));
                    }
                } else if let [word] = k.words.as_slice() {
                    for &h in by_last.get(word).into_iter().flatten() {
                        list.insert(h, f64::from(sets[&h].docs));
                    }
                    // A given name alone is its holder's when the corpus
                    // calls that holder so in at least as many documents as
                    // it writes the name unattached, and more often than all
                    // its other holders together: "Hillary" is Hillary
                    // Clinton's, "David" nobody's. Weighed, as a learned
                    // alias is, by the documents that taught it.
                    if majority(s.votes) == Kind::Person
                        && let Some(holders) = by_first.get(word)
                    {
                        let total: u32 = holders.values().sum();
                        let best = holders.iter().max_by(|a, b| {
                            // Ties by name, not by arrival order.
                            a.1.cmp(b.1).then_with(|| {
                                cast.keys.text(rep[b.0]).cmp(cast.keys.text(rep[a.0]))
                            })
                        });
                        if let Some((&h, &docs)) = best
                            && docs >= LEARNED_DOCS
                            && docs >= s.docs
                            && 2 * docs > total
                        {
                            *list.entry(h).or_insert(0.0) += 2.0 * f64::from(docs);
                        }
                    }
                }
            }
        }
        for &m in &members[&r] {
            for &(h, _) in structural.get(&m).into_iter().flatten() {
                if sets.get(h).is_some_and(|s| !s.short) {
                    list.insert(h, f64::from(sets[&h].docs));
                }
            }
        }
        if let Some(l) = learned.get(&r) {
            for (&h, &docs) in l {
                // A learned alias weighs by the documents that taught it, not
                // by its host's fame: "European" inside the European Union
                // now and then does not make every "European" the Union.
                if docs >= LEARNED_DOCS || list.contains_key(&h) {
                    *list.entry(h).or_insert(0.0) += 2.0 * f64::from(docs);
                }
            }
        }
        list.remove(&r);
        if !list.is_empty() {
            let mut list: Hosts = list.into_iter().collect();
            list.sort_by_key(|&(h, _)| cast.keys.text(rep[&h]));
            hosts[r as usize] = list;
        }
    }

    // Decide each entity.
    // A title before the name ("President Bush") says person, whatever the
    // tagger called it there.
    let self_weight = |s: &SetInfo, titled: bool| {
        // What the tagger mostly called the bare name says how likely it is
        // to be someone's surname: a place is itself, a "misc" word rarely.
        let f = if titled {
            SELF_PERSON
        } else {
            match majority(s.votes) {
                Kind::Person => SELF_PERSON,
                Kind::Misc => 0.2,
                Kind::Organization => 0.5,
                Kind::Place => 1.0,
            }
        };
        f64::from(s.docs) * f
    };
    // The corpus's dominant holder of a bare name is told by the mentions
    // whose own evidence chose a holder: "President Reagan" in hundreds of
    // wire stories says whom the bare "Reagan" of the others names, even
    // where "Ronald Reagan" is written in full in only a few. Each document
    // in which a titled mention chose a host adds one to that host's weight.
    let mut confirmed: FxHashMap<(u32, u32), FxHashSet<u32>> = FxHashMap::default();
    for e in &cast.ents {
        let r = root[e.key as usize];
        if e.titles == 0 {
            continue;
        }
        if let Some(list) = Some(&hosts[r as usize]).filter(|l| !l.is_empty()) {
            let weight = self_weight(&sets[&r], true);
            // Chosen even narrowly: the title, not the bare name's frequency,
            // is the evidence counted.
            let (choice, _) = choose(cast, &sets, &rep, list, r, weight, Some(e));
            if choice == rep[&r] {
                continue;
            }
            if let Some(&(h, _)) = list.iter().find(|&&(h, _)| rep[&h] == choice) {
                confirmed.entry((r, h)).or_default().insert(e.article);
            }
        }
    }
    for (&(r, h), docs) in &confirmed {
        if let Some(list) = hosts.get_mut(r as usize)
            && let Some(entry) = list.iter_mut().find(|(x, _)| *x == h)
        {
            entry.1 += docs.len() as f64;
        }
    }
    let mut default_of: FxHashMap<u32, u32> = FxHashMap::default();
    for (r, list) in hosts.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        let r = r as u32;
        let s = &sets[&r];
        let choice = choose(cast, &sets, &rep, list, r, self_weight(s, false), None).0;
        default_of.insert(r, choice);
    }
    for i in 0..cast.ents.len() {
        let e = cast.ents[i];
        let r = root[e.key as usize];
        let (actor, uncertain) = match Some(&hosts[r as usize]).filter(|l| !l.is_empty()) {
            None => (rep[&r], false),
            Some(list) => {
                let weight = self_weight(&sets[&r], e.titles > 0);
                let (choice, uncertain) = choose(cast, &sets, &rep, list, r, weight, Some(&e));
                (choice, uncertain)
            }
        };
        let ent = &mut cast.ents[i];
        ent.actor = actor;
        ent.uncertain = uncertain;
    }
    for (k, &r) in root.iter().enumerate() {
        cast.default_actor[k] = default_of
            .get(&r)
            .copied()
            .or_else(|| rep.get(r))
            .unwrap_or(k as u32);
    }
    // The key parts borrow the cast's key texts: let go before the cast is
    // rebuilt.
    drop(keys);
    rebuild(cast, &root, &rep);
}

/// The actor an entity of short set `r` names (`e`: `None` for a default
/// without an article's evidence), and whether the choice is uncertain.
fn choose(
    cast: &Cast,
    sets: &Sets,
    rep: &Rep,
    hosts: &Hosts,
    r: u32,
    self_weight: f64,
    e: Option<&crate::merge::Ent>,
) -> (ActorId, bool) {
    let mut best = (self_weight, rep[&r]);
    let mut second = 0.0f64;
    for &(h, weight) in hosts {
        let s = &sets[&h];
        let mut score = weight;
        if let Some(e) = e {
            let titles = &cast.facts[e.facts as usize..e.facts as usize + e.titles as usize];
            if s.person {
                // The tagger's kind for a bare name is weak evidence: a place
                // of the gazetteer may be someone's surname ("Kennedy"), and
                // a frequent place is protected by its own weight ("London").
                score *= match e.kind {
                    Kind::Place | Kind::Organization if titles.is_empty() => 0.5,
                    _ => 1.0,
                };
            } else if e.kind != majority(s.votes) && e.kind != Kind::Misc {
                score *= 0.2;
            }
            if !titles.is_empty() && !s.titles.is_empty() {
                let matches = |t: &u32| {
                    let t = cast.strings.text(*t);
                    s.titles
                        .keys()
                        .any(|x| crate::evidence::titles_match(cast.strings.text(*x), t))
                };
                score *= if titles.iter().any(matches) { 3.0 } else { 0.5 };
            }
            let (mine, theirs) = (e.gender.sign(), s.sign());
            if mine != 0 && theirs != 0 {
                score *= if mine == theirs { 2.0 } else { 0.05 };
            }
            let initial = cast
                .keys
                .text(e.key)
                .rsplit_once('|')
                .and_then(|(_, i)| i.chars().next());
            if let (Some(i), Some(f)) = (initial, s.first_letter)
                && i != f
            {
                score *= 0.05;
            }
        }
        let actor = rep[&h];
        // A tie with the name standing for itself goes to the host: the
        // name is as often itself as the host's short form, and a name in
        // full elsewhere is the better guess.
        let self_best = best.1 == rep[&r];
        let better = score > best.0
            || (score > 0.0
                && score == best.0
                && (self_best || cast.keys.text(actor) < cast.keys.text(best.1)));
        if better {
            second = second.max(best.0);
            best = (score, actor);
        } else {
            second = second.max(score);
        }
    }
    let chose_host = best.1 != rep[&r];
    (best.1, chose_host && second >= best.0 * UNCERTAIN)
}

/// Recomputes every actor's counts, aliases, name and kind, and every
/// mention's actor, from the entities' decided actors.
fn rebuild(cast: &mut Cast, root: &[u32], rep: &Rep) {
    for a in &mut cast.actors {
        a.mentions = 0;
        a.articles = 0;
        a.uncertain = 0;
        a.aliases.clear();
    }
    let n = cast.actors.len();
    let mut last_article = vec![u32::MAX; n];
    let mut own_votes = vec![[0u32; 4]; n];
    let mut all_votes = vec![[0u32; 4]; n];
    let mut surfaces: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut names: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for e in &cast.ents {
        let a = e.actor as usize;
        let actor = &mut cast.actors[a];
        actor.mentions += e.mentions as usize;
        if last_article[a] != e.article {
            last_article[a] = e.article;
            actor.articles += 1;
        }
        all_votes[a][e.kind as usize] += e.mentions;
        // The actor's own keys name it and settle its kind; short names it
        // took from other articles only add their mentions.
        if rep.get(root[e.key as usize]) == Some(e.actor) {
            own_votes[a][e.kind as usize] += e.mentions;
            // A known actor keeps the gazetteer's name.
            if e.key == e.actor || !is_known(&actor.key) {
                *names.entry((e.actor, e.name)).or_default() += 1;
            }
            if e.key == e.actor && is_known(&actor.key) {
                actor.kind = e.kind;
            }
        }
        let start = (e.facts + u32::from(e.titles) + u32::from(e.aliases)) as usize;
        for pair in cast.facts[start..start + 2 * e.surfaces as usize].chunks(2) {
            *surfaces.entry((e.actor, pair[0])).or_default() += pair[1];
        }
    }
    for ((a, s), count) in surfaces {
        cast.actors[a as usize].aliases.push(Alias {
            text: cast.strings.text(s).to_string(),
            count: count as usize,
        });
    }
    let best_of = |names: &FxHashMap<(u32, u32), u32>| {
        let mut best: Vec<Option<(u32, u32)>> = vec![None; n];
        for (&(a, name), &docs) in names {
            let better = match best[a as usize] {
                None => true,
                Some((b, bdocs)) => {
                    let (x, y) = (cast.strings.text(name), cast.strings.text(b));
                    // Ties: a name of several words in running text's case
                    // before one in a headline's capitals ("ConAgra Inc",
                    // not "CONAGRA INC"); one word may be an acronym.
                    let cased = |s: &str| !s.contains(' ') || s.chars().any(char::is_lowercase);
                    (
                        docs,
                        cased(x),
                        x.split(' ').count(),
                        x.len(),
                        std::cmp::Reverse(x),
                    ) > (
                        bdocs,
                        cased(y),
                        y.split(' ').count(),
                        y.len(),
                        std::cmp::Reverse(y),
                    )
                }
            };
            if better {
                best[a as usize] = Some((name, docs));
            }
        }
        best
    };
    let mut best_name = best_of(&names);
    drop(names);
    // An actor none of whose own entities names it (its key's went to other
    // actors, its mentions are short names it took in) is named by its
    // key's names, by the same rule — not by the name its key first came
    // with, which is the first document to arrive's. Few actors: their
    // keys' names are gathered in a second pass, for them alone.
    let unnamed: Vec<bool> = (0..n)
        .map(|a| {
            let actor = &cast.actors[a];
            best_name[a].is_none() && actor.mentions > 0 && !is_known(&actor.key)
        })
        .collect();
    if unnamed.contains(&true) {
        let mut key_names: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for e in cast.ents.iter().filter(|e| unnamed[e.key as usize]) {
            *key_names.entry((e.key, e.name)).or_default() += 1;
        }
        for (a, named) in best_of(&key_names).into_iter().enumerate() {
            if unnamed[a] {
                best_name[a] = named;
            }
        }
    }
    for (a, actor) in cast.actors.iter_mut().enumerate() {
        sort_aliases(&mut actor.aliases);
        if actor.mentions == 0 {
            continue;
        }
        if let Some((name, _)) = best_name[a] {
            actor.name = cast.strings.text(name).to_string();
        }
        let votes = if own_votes[a].iter().any(|&v| v > 0) {
            own_votes[a]
        } else {
            all_votes[a]
        };
        if !is_known(&actor.key) {
            actor.kind = majority(votes);
        }
        cast.votes[a] = all_votes[a];
    }
    for list in &mut cast.by_actor {
        list.clear();
    }
    for (article, mentions) in cast.per_article.iter_mut().enumerate() {
        for (i, m) in mentions.iter_mut().enumerate() {
            let e = &cast.ents[m.ent as usize];
            m.actor = e.actor;
            m.uncertain = m.doc_uncertain || e.uncertain;
            if m.uncertain {
                cast.actors[m.actor as usize].uncertain += 1;
            }
            cast.by_actor[m.actor as usize].push((article as u32, i as u32));
        }
    }
    cast.by_name = std::sync::OnceLock::new();
}

/// Names and aliases for look-up, lower case: names before aliases, and of
/// two actors with one name the one with more mentions (then the smaller key).
pub(crate) fn name_index(cast: &Cast) -> FxHashMap<String, ActorId> {
    let mut index: FxHashMap<String, ActorId> = FxHashMap::default();
    let mut order: Vec<usize> = (0..cast.actors.len())
        .filter(|&a| cast.actors[a].mentions > 0)
        .collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&cast.actors[a], &cast.actors[b]);
        y.mentions.cmp(&x.mentions).then_with(|| x.key.cmp(&y.key))
    });
    for &a in &order {
        index
            .entry(cast.actors[a].name.to_lowercase())
            .or_insert(a as ActorId);
    }
    let names: FxHashSet<String> = index.keys().cloned().collect();
    for &a in &order {
        for Alias { text, .. } in &cast.actors[a].aliases {
            let lower = text.to_lowercase();
            if !names.contains(&lower) {
                index.entry(lower).or_insert(a as ActorId);
            }
        }
    }
    index
}
