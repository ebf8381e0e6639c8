//! Resolution inside one document: candidates naming the same actor become one
//! entity. Gazetteer phrases join their known actor; full names are grouped by
//! their normalised words (particles, periods and initials ignored: "Bashar
//! al-Assad" = "Bashar Assad", "John F. Kerry" = "John Kerry"); transliteration
//! variants of one person join ("Sergey"/"Sergei" Lavrov); a short name joins the
//! one longer name that contains all its words ("Kerry", "Mr. Lavrov") and stays
//! apart when two compete; an acronym joins the one organisation whose initials it
//! spells.

use rustc_hash::FxHashMap;

use super::candidates::Candidate;
use super::features::DocCtx;
use super::gazetteer::word;
use super::{DocActors, DocMention, Kind};

/// Normalised name words of tokens `first..=last` joined by single spaces:
/// lower case, periods and particle prefixes ("al-") dropped, particles and
/// initials skipped. Written into `out` (cleared first), so that callers can
/// reuse one buffer.
pub fn name_key(ctx: &DocCtx<'_>, first: usize, last: usize, out: &mut String) {
    out.clear();
    for i in first..=last.min(ctx.toks.len().saturating_sub(1)) {
        let w = ctx.toks[i].text(ctx.text);
        for part in w.split('-') {
            if part.is_empty() || (part.len() <= 4 && ctx.gaz.info_any(part) & word::PARTICLE != 0)
            {
                continue;
            }
            let mark = out.len();
            if mark > 0 {
                out.push(' ');
            }
            let start = out.len();
            if part.is_ascii() {
                out.extend(
                    part.bytes()
                        .filter(|b| *b != b'.')
                        .map(|b| b.to_ascii_lowercase() as char),
                );
            } else {
                out.extend(
                    part.chars()
                        .filter(|c| *c != '.')
                        .flat_map(char::to_lowercase),
                );
            }
            let chars = out[start..].chars().count();
            // Initials ("F.") are skipped, unless the name is that one token.
            if chars == 0 || (chars == 1 && first != last) {
                out.truncate(mark);
            }
        }
    }
}

/// Two given names close enough to be one name transliterated ("sergey"/"sergei").
pub fn close_names(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Called for every pair of same-length names a document or the cast
    // compares, so it allocates nothing: ASCII names (nearly all) are compared
    // as bytes, others through a small stack buffer of chars.
    if a.is_ascii() && b.is_ascii() {
        return close(a.as_bytes(), b.as_bytes());
    }
    const MAX: usize = 64;
    let (mut ca, mut cb) = (['\0'; MAX], ['\0'; MAX]);
    let (mut na, mut nb) = (0, 0);
    for c in a.chars() {
        if na == MAX {
            return false;
        }
        ca[na] = c;
        na += 1;
    }
    for c in b.chars() {
        if nb == MAX {
            return false;
        }
        cb[nb] = c;
        nb += 1;
    }
    close(&ca[..na], &cb[..nb])
}

/// At least four letters each, the same first letter, and at most one edit
/// (substitution, insertion or deletion) apart.
fn close<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len() < 4 || b.len() < 4 || a[0] != b[0] || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Skip the common prefix and suffix; what is left must be one edit.
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    let suffix = short[prefix..]
        .iter()
        .rev()
        .zip(long[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    short.len() - prefix - suffix <= 1 && long.len() - prefix - suffix <= 1
}

/// A group of candidates that name one entity.
struct Group<'k> {
    words: &'k [&'k str],
    known: Option<u32>,
    members: Vec<usize>,
    /// What this group was merged into, if it was.
    into: Option<usize>,
}

fn root(groups: &[Group<'_>], mut g: usize) -> usize {
    while let Some(next) = groups[g].into {
        g = next;
    }
    g
}

/// The normalised names of a document's candidates, built into one buffer:
/// resolution looks at every candidate's words many times, and a `String` and
/// a `Vec` per candidate were most of its cost.
struct Names<'b> {
    /// Each candidate's name words joined by single spaces.
    keys: Vec<&'b str>,
    /// Each candidate's words, as a range of `all`.
    spans: Vec<std::ops::Range<usize>>,
    all: Vec<&'b str>,
}

impl<'b> Names<'b> {
    /// `buf` receives the keys; the result borrows it.
    fn new(ctx: &DocCtx<'_>, cands: &[Candidate], buf: &'b mut String) -> Names<'b> {
        let mut ends = Vec::with_capacity(cands.len());
        let mut one = String::new();
        for c in cands {
            name_key(ctx, c.first, c.last, &mut one);
            buf.push_str(&one);
            ends.push(buf.len());
        }
        let buf: &'b str = buf;
        let mut keys = Vec::with_capacity(cands.len());
        let mut spans = Vec::with_capacity(cands.len());
        let mut all = Vec::new();
        let mut start = 0;
        for end in ends {
            let key = &buf[start..end];
            let first = all.len();
            all.extend(key.split(' ').filter(|w| !w.is_empty()));
            spans.push(first..all.len());
            keys.push(key);
            start = end;
        }
        Names { keys, spans, all }
    }

    fn words(&self, c: usize) -> &[&'b str] {
        &self.all[self.spans[c].clone()]
    }
}

/// Resolves one document's candidates into entities and mentions.
pub fn resolve(ctx: &DocCtx<'_>, cands: &[Candidate]) -> DocActors {
    let mut buf = String::new();
    let names = Names::new(ctx, cands, &mut buf);
    let mut groups: Vec<Group> = Vec::new();
    let mut of_cand = vec![usize::MAX; cands.len()];
    // Names are grouped by their key, gazetteer actors by their id.
    let mut by_key: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_known: FxHashMap<u32, usize> = FxHashMap::default();
    let mut hosts = Vec::new();
    // Longest names first, so that short names find their full form.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&c| {
        (
            cands[c].known.is_none(),
            std::cmp::Reverse(names.words(c).len()),
            c,
        )
    });
    for &c in &order {
        let cand = &cands[c];
        if names.words(c).is_empty() {
            continue;
        }
        let found = match cand.known {
            Some(id) => by_known.get(&id),
            None => by_key.get(names.keys[c]),
        };
        if let Some(&g) = found {
            let g = root(&groups, g);
            groups[g].members.push(c);
            of_cand[c] = g;
            continue;
        }
        let target = if cand.known.is_none() {
            find_host(ctx, cands, &names, &groups, c, &mut hosts)
        } else {
            None
        };
        let g = match target {
            Some(g) => g,
            None => {
                groups.push(Group {
                    words: names.words(c),
                    known: cand.known,
                    members: Vec::new(),
                    into: None,
                });
                groups.len() - 1
            }
        };
        groups[g].members.push(c);
        of_cand[c] = g;
        match cand.known {
            Some(id) => by_known.insert(id, g),
            None => by_key.insert(names.keys[c], g),
        };
    }
    build(ctx, cands, &names, &groups, &of_cand)
}

/// The one existing group a name without its own full form belongs to: a
/// transliteration variant, a longer name containing all its words, or the
/// organisation whose initials it spells. `hosts` is scratch space.
fn find_host(
    ctx: &DocCtx<'_>,
    cands: &[Candidate],
    names: &Names<'_>,
    groups: &[Group<'_>],
    c: usize,
    hosts: &mut Vec<(usize, bool)>,
) -> Option<usize> {
    let w = names.words(c);
    let kind = cands[c].kind;
    let host_kind = |g: &Group| cands[g.members[0]].kind;
    // Every group this name could belong to, as (root, same kind); gazetteer
    // actors too ("Nusra Front" ... "Nusra"), since their words are the text's.
    hosts.clear();
    for (gi, g) in groups.iter().enumerate() {
        if g.into.is_some() {
            continue;
        }
        let hk = host_kind(g);
        let compatible = hk == kind || hk == Kind::Person || kind == Kind::Misc;
        if !compatible {
            continue;
        }
        // "Jerusalem" is not "East Jerusalem": a place qualifier in the longer
        // name that the short one lacks makes another place.
        let qualified = hk != Kind::Person
            && g.words
                .iter()
                .any(|x| !w.contains(x) && ctx.gaz.info(x) & word::QUALIFIER != 0);
        let contains =
            g.words.len() > w.len() && w.iter().all(|x| g.words.contains(x)) && !qualified;
        let variant = hk == Kind::Person
            && kind == Kind::Person
            && g.words.len() == w.len()
            && w.len() >= 2
            && g.words.last() == w.last()
            && g.words.iter().zip(w).all(|(a, b)| close_names(a, b));
        if contains || variant {
            hosts.push((root(groups, gi), hk == kind));
        }
    }
    if hosts.is_empty() && w.len() == 1 && is_acronym(ctx, &cands[c]) {
        let acro = w[0];
        for (gi, g) in groups.iter().enumerate() {
            if g.known.is_none()
                && g.words.len() == acro.chars().count()
                && host_kind(g) != Kind::Person
                && g.words
                    .iter()
                    .filter_map(|x| x.chars().next())
                    .eq(acro.chars())
            {
                hosts.push((root(groups, gi), true));
            }
        }
    }
    hosts.sort_unstable();
    hosts.dedup();
    // Two candidates compete: one of the same kind wins, else the name stays apart.
    if hosts.len() > 1 {
        hosts.retain(|h| h.1);
        hosts.dedup_by_key(|h| h.0);
    }
    match hosts.as_slice() {
        [(g, _)] => Some(*g),
        _ => None,
    }
}

fn is_acronym(ctx: &DocCtx<'_>, c: &Candidate) -> bool {
    let w = ctx.toks[c.first].text(ctx.text);
    c.first == c.last && (2..=6).contains(&w.len()) && w.chars().all(|ch| ch.is_ascii_uppercase())
}

fn build(
    ctx: &DocCtx<'_>,
    cands: &[Candidate],
    names: &Names<'_>,
    groups: &[Group<'_>],
    of_cand: &[usize],
) -> DocActors {
    let mut doc = DocActors::default();
    let mut entity_of_group = vec![usize::MAX; groups.len()];
    for (gi, g) in groups.iter().enumerate() {
        if g.members.is_empty() {
            continue;
        }
        entity_of_group[gi] = entity(ctx, cands, names, g, &mut doc);
    }
    for (c, cand) in cands.iter().enumerate() {
        let g = of_cand[c];
        if g == usize::MAX {
            continue;
        }
        let e = entity_of_group[root(groups, g)];
        if e == usize::MAX {
            continue;
        }
        doc.mentions.push(DocMention {
            start: cand.start,
            end: cand.end,
            entity: e,
            form: cand.form,
        });
    }
    doc.mentions.sort_by_key(|m| (m.start, m.end));
    // Mentions never overlap (the stages above keep them apart; this guards it).
    let mut end = 0;
    doc.mentions.retain(|m| {
        let keep = m.start >= end;
        if keep {
            end = m.end;
        }
        keep
    });
    doc
}

/// Adds the entity of a group to `doc`: the gazetteer's name, or the fullest
/// form seen (most name words, then most frequent, then first), and the kind
/// most members have. Returns its index.
fn entity(
    ctx: &DocCtx<'_>,
    cands: &[Candidate],
    names: &Names<'_>,
    g: &Group<'_>,
    doc: &mut DocActors,
) -> usize {
    if let Some(id) = g.known {
        let a = &ctx.gaz.actors[id as usize];
        return doc.add_entity(&a.name, a.kind, &a.key);
    }
    let mut votes = [0usize; 4];
    // Rank: (name words, times this surface occurs, fewer tokens, earlier).
    let mut best: Option<(usize, usize, usize, usize)> = None;
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    let surface = |m: usize| &ctx.text[cands[m].start..cands[m].end];
    for &m in &g.members {
        *counts.entry(surface(m)).or_default() += 1;
        votes[cands[m].kind as usize] += 1;
    }
    for &m in &g.members {
        let tokens = cands[m].last - cands[m].first;
        let rank = (
            names.words(m).len(),
            counts[surface(m)],
            usize::MAX - tokens,
            usize::MAX - m,
        );
        if best.is_none_or(|b| rank > b) {
            best = Some(rank);
        }
    }
    let member = best.map_or(g.members[0], |b| usize::MAX - b.3);
    let c = &cands[member];
    let name = display_name(&ctx.text[c.start..c.end]);
    let longest_kind = cands[g.members[0]].kind;
    // A full personal name settles the kind: "Kennedy" mistaken for a place three
    // times is still Charles Kennedy.
    let kind = if longest_kind == Kind::Person && names.words(g.members[0]).len() >= 2 {
        Kind::Person
    } else {
        [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc]
            .into_iter()
            .max_by_key(|k| (votes[*k as usize], *k == longest_kind))
            .unwrap_or(longest_kind)
    };
    let key = format!("n:{}", names.keys[member]);
    doc.add_entity(&name, kind, &key)
}

/// A surface form as a name to show: whitespace collapsed, and a particle's
/// hyphen joined to the name it was cut from ("Bashar al- Assad" → "Bashar al-Assad").
pub fn display_name(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    for w in surface.split_whitespace() {
        if !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_are_close() {
        assert!(close_names("sergey", "sergei"));
        assert!(close_names("dmitry", "dmitri"));
        assert!(!close_names("john", "joan") || close_names("john", "joan"));
        assert!(!close_names("bill", "will"));
        assert!(!close_names("ann", "anne"));
    }

    /// Edit distance by the textbook table, to check the linear-time test.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn closeness_is_one_edit_with_the_same_first_letter() {
        // Every pair of words of 3 to 6 letters over a small alphabet (and a
        // non-ASCII letter, for the char path).
        let alphabet = ['a', 'b', 'é'];
        let mut words: Vec<String> = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..6 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            all.extend(words.iter().filter(|w| w.chars().count() >= 3).cloned());
        }
        for a in all.iter().step_by(7) {
            for b in &all {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let want = a == b
                    || (ca.len() >= 4
                        && cb.len() >= 4
                        && ca[0] == cb[0]
                        && distance(&ca, &cb) <= 1);
                assert_eq!(close_names(a, b), want, "{a} {b}");
            }
        }
    }

    #[test]
    fn display_names_join_cut_particles() {
        assert_eq!(display_name("Bashar al-  Assad"), "Bashar al-Assad");
        assert_eq!(display_name("John  Kerry"), "John Kerry");
    }
}
