//! Repairs of the tagger's person and name spans that the document as a whole,
//! or a list of known kinds, can justify, after the candidates are made:
//!
//! - a capital letter alone is no name ("S" of "A/S", of "S and P");
//! - a person's name does not end in a day or a month ("President Trump
//!   Thursday"), nor begin with a common word that only starts the sentence
//!   ("Will Hillary Clinton run again?"), nor with an epithet ("Crooked
//!   Hillary"), nor with a word after "the" ("Chancellor of the Exchequer
//!   Nigel Lawson");
//! - two names run together are two when the document names both apart
//!   ("press secretary Jay Carney Obama's 'paid liar'" where "Carney" and
//!   "Obama" stand alone elsewhere);
//! - a full name whose surname the document calls a person alone is a
//!   person's ("Mitt Romney" beside "Romney said"), whatever the tagger made
//!   of an unknown first word;
//! - a given name after an article, where no one in the document bears it
//!   in a full name, is no person's ("an Oscar nomination"): the tagger's
//!   second choice;
//! - a name ending in a law's or a treaty's head word is misc ("Affordable
//!   Care Act", "the Constitution": `assets/cast/misc_heads.txt`);
//! - names that `assets/cast/kinds.tsv` knows take its kind: companies are
//!   organisations ("Sony"), things and classes of people are misc ("DVD",
//!   "PCs", "Muslim"), and time words are no actors ("GMT").

use rustc_hash::FxHashMap;

use super::Kind;
use super::candidates::{Candidate, candidate, kind_of};
use super::features::{DocCtx, title_case};
use super::gazetteer::{key_of, word};
use super::token::flag;

/// Applies every repair to the document's candidates, sorted by start.
pub fn repair(ctx: &DocCtx<'_>, out: &mut Vec<Candidate>) {
    single_letters(ctx, out);
    trim_edges(ctx, out);
    split_name_runs(ctx, out);
    person_by_surname(ctx, out);
    lone_given_names(ctx, out);
    misc_heads(ctx, out);
    known_kinds(ctx, out);
}

/// The word lists' bits for token `i` (looked up once per document for the
/// words the tagger decides on).
fn info(ctx: &DocCtx<'_>, i: usize) -> u32 {
    if ctx.eligible[i] {
        ctx.info[i]
    } else {
        ctx.gaz.info_any(ctx.toks[i].text(ctx.text))
    }
}

/// A capital letter alone ("S" of "A/S", of Reuters' "S and P") names
/// nothing by itself: dropped unless a gazetteer entry holds it.
fn single_letters(ctx: &DocCtx<'_>, out: &mut Vec<Candidate>) {
    out.retain(|c| {
        c.first != c.last
            || c.known.is_some()
            || !matches!(ctx.toks[c.first].text(ctx.text).as_bytes(), [b] if b.is_ascii_uppercase())
    });
}

/// "the Exchequer Nigel Lawson" or "the Exchequer Nigel" + "Lawson",
/// whatever the tagger called it: a word after "the" is a thing's name, and
/// a given name after it starts a person's, which takes a name right after.
fn after_the(ctx: &DocCtx<'_>, out: &mut Vec<Candidate>) {
    let mut j = 0;
    while j < out.len() {
        let c = &out[j];
        if c.known.is_none()
            && c.last > c.first
            && c.first > 0
            && ctx.toks[c.first - 1]
                .text(ctx.text)
                .eq_ignore_ascii_case("the")
            && info(ctx, c.first) & (word::LEXICON | word::GIVEN) == word::LEXICON
            && info(ctx, c.first + 1) & word::GIVEN != 0
            && ctx.toks[c.first + 1].has(flag::CAP)
        {
            let mut last = c.last;
            if let Some(next) = out.get(j + 1)
                && next.first == last + 1
                && next.first == next.last
                && next.known.is_none()
                && ctx.toks[next.first].has(flag::CAP)
            {
                last = next.last;
                out.remove(j + 1);
            }
            out[j] = candidate(ctx, out[j].first + 1, last, Kind::Person, out[j].form, None);
        }
        j += 1;
    }
}

/// Days and months off the end of a person's name; a common word off its
/// start when it only starts the sentence and a given name follows.
fn trim_edges(ctx: &DocCtx<'_>, out: &mut Vec<Candidate>) {
    after_the(ctx, out);
    for c in out.iter_mut() {
        if c.known.is_some() || c.last == c.first {
            continue;
        }
        if c.kind != Kind::Person {
            continue;
        }
        let (mut first, mut last) = (c.first, c.last);
        // "May" and "June" are given names too: only words no name list has.
        while last > first
            && info(ctx, last) & word::NEVER != 0
            && info(ctx, last) & (word::GIVEN | word::SURNAME) == 0
        {
            last -= 1;
        }
        let t = ctx.toks[first];
        let (lower, capital) = ctx.seen.get(&ctx.key(first)).copied().unwrap_or_default();
        if last >= first + 2
            && t.has(flag::SENT_START)
            && t.has(flag::CAP)
            && !t.has(flag::UPPER)
            && info(ctx, first) & word::LEXICON != 0
            && lower > 0
            && capital == 0
            && info(ctx, first + 1) & word::GIVEN != 0
        {
            first += 1;
        }
        // "Crooked Hillary": an English word that no list has as a name,
        // title or proper noun is an epithet before a given name, not part
        // of the name.
        let name_like = word::GIVEN | word::SURNAME | word::PROPER | word::TITLE;
        if last > first
            && t.has(flag::CAP)
            && !t.has(flag::UPPER)
            && info(ctx, first) & (word::LEXICON | name_like) == word::LEXICON
            && info(ctx, first + 1) & word::GIVEN != 0
        {
            first += 1;
        }
        if (first, last) != (c.first, c.last) {
            *c = candidate(ctx, first, last, c.kind, c.form, None);
        }
    }
}

/// The key of token `i` as a one-word name: its lower-cased text, hashed
/// (already lower-cased for the words the tagger decides on).
fn tok_key(ctx: &DocCtx<'_>, i: usize) -> u64 {
    if ctx.eligible[i] {
        ctx.key(i)
    } else {
        key_of(ctx.toks[i].text(ctx.text))
    }
}

/// Single-word names of the document and how often each was called a
/// person or something else, by the hash of their key.
fn lone_names(ctx: &DocCtx<'_>, out: &[Candidate]) -> FxHashMap<u64, (u32, u32)> {
    let mut lone: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
    for c in out.iter().filter(|c| c.first == c.last) {
        let e = lone.entry(tok_key(ctx, c.first)).or_default();
        if c.kind == Kind::Person {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    lone
}

/// "Jay Carney Obama": a person's name of three words or more whose last
/// two words each stand alone elsewhere in the document is two names.
fn split_name_runs(ctx: &DocCtx<'_>, out: &mut Vec<Candidate>) {
    let runs: Vec<usize> = (0..out.len())
        .filter(|&j| {
            let c = &out[j];
            c.kind == Kind::Person
                && c.known.is_none()
                && c.last >= c.first + 2
                && (c.first..=c.last).all(|i| {
                    let t = ctx.toks[i];
                    t.has(flag::CAP) && !t.has(flag::DOTTED) && !t.has(flag::HEADLINE)
                })
        })
        .collect();
    if runs.is_empty() {
        return;
    }
    let lone = lone_names(ctx, out);
    let mut extra = Vec::new();
    for j in runs {
        let c = &mut out[j];
        let (a, b) = (tok_key(ctx, c.last - 1), tok_key(ctx, c.last));
        if a != b && lone.contains_key(&a) && lone.contains_key(&b) {
            extra.push(candidate(ctx, c.last, c.last, Kind::Person, c.form, None));
            *c = candidate(ctx, c.first, c.last - 1, Kind::Person, c.form, None);
        }
    }
    if !extra.is_empty() {
        out.extend(extra);
        out.sort_by_key(|c| c.start);
    }
}

/// "Mitt Romney" tagged an organisation where "Romney" alone is a person:
/// a two- or three-word name, capitalised, whose last word the document
/// calls a person alone more often than anything else, is a person's.
fn person_by_surname(ctx: &DocCtx<'_>, out: &mut [Candidate]) {
    let heads = word::ORG_HEAD | word::PLACE_HEAD | word::NEVER | word::TITLE_PART;
    let names: Vec<usize> = (0..out.len())
        .filter(|&j| {
            let c = &out[j];
            c.kind != Kind::Person
                && c.known.is_none()
                && c.last > c.first
                && c.last <= c.first + 2
                && (c.first..=c.last).all(|i| {
                    let t = ctx.toks[i];
                    t.has(flag::CAP) && !t.has(flag::UPPER) && info(ctx, i) & heads == 0
                })
        })
        .collect();
    if names.is_empty() {
        return;
    }
    let lone = lone_names(ctx, out);
    for j in names {
        let c = &mut out[j];
        if lone.get(&tok_key(ctx, c.last)).is_some_and(|&(p, o)| p > o) {
            c.kind = Kind::Person;
        }
    }
}

/// "an Oscar nomination", "the Oscar": a given name (no surname too) after
/// an article is no one's name, and neither is it anywhere else in the
/// document, where no full name holds it and no title stands before it (a
/// bare "Kerry spoke" stays a person): the kind the tagger scored next.
fn lone_given_names(ctx: &DocCtx<'_>, out: &mut [Candidate]) {
    let lone = |c: &Candidate| {
        c.kind == Kind::Person
            && c.first == c.last
            && c.known.is_none()
            && info(ctx, c.first) & (word::GIVEN | word::SURNAME) == word::GIVEN
            && (c.first == 0 || info(ctx, c.first - 1) & word::TITLE == 0)
            // "Ken⏎Green" in a list: a surname on the next line.
            && ctx.toks.get(c.first + 1).is_none_or(|t| !t.has(flag::CAP))
    };
    let article = |i: usize| {
        i > 0
            && matches!(
                ctx.toks[i - 1].text(ctx.text),
                "a" | "an" | "the" | "A" | "An" | "The"
            )
    };
    // The given names the document writes after an article.
    let things: Vec<u64> = out
        .iter()
        .filter(|c| lone(c) && article(c.first))
        .map(|c| tok_key(ctx, c.first))
        .collect();
    if things.is_empty() {
        return;
    }
    // Every word of the document's people named in full, by key.
    let full: Vec<u64> = out
        .iter()
        .filter(|c| c.kind == Kind::Person && c.last > c.first)
        .flat_map(|c| c.first..=c.last)
        .map(|i| tok_key(ctx, i))
        .collect();
    for c in out.iter_mut() {
        if !lone(c) {
            continue;
        }
        let key = tok_key(ctx, c.first);
        if !things.contains(&key) || full.contains(&key) {
            continue;
        }
        if let Some(&(_, ty)) = ctx.person_alt.iter().find(|a| a.0 == c.first) {
            c.kind = kind_of(ty);
        }
    }
}

/// "Affordable Care Act", "the Constitution": a name whose last word, in
/// Title Case, is a head of `assets/cast/misc_heads.txt` is a law or a
/// treaty, misc whatever the tagger made of it.
fn misc_heads(ctx: &DocCtx<'_>, out: &mut [Candidate]) {
    for c in out.iter_mut() {
        let t = ctx.toks[c.last];
        if c.kind != Kind::Misc
            && c.known.is_none()
            && t.has(flag::CAP)
            && !t.has(flag::UPPER)
            && info(ctx, c.last) & word::MISC_HEAD != 0
        {
            c.kind = Kind::Misc;
        }
    }
}

/// Kinds from `assets/cast/kinds.tsv` for names no gazetteer entry holds:
/// the whole name as written (an ALL-CAPS one also in Title Case), a
/// plural of a misc thing ("PCs"), or with its possessive ending where that
/// makes a listed name ("Moody's"). A name listed as no actor is dropped.
///
/// The list knows what a name usually is, the tagger what it is here, so
/// the list wins only where the tagger's error is the likely one:
/// - a company is an organisation whatever the tagger said ("Sony" is no
///   place), unless the document names a person by it as a surname;
/// - a thing or a class of people is misc where the tagger made it a person
///   or an organisation ("DVD", "Muslim"), but a place stays a place;
/// - a place is a place only where the tagger made it a person ("Capitol
///   Hill"): place names also name teams and events ("Somerset" the county
///   side, "Wimbledon" the tournament), which the tagger sees in context.
fn known_kinds(ctx: &DocCtx<'_>, out: &mut Vec<Candidate>) {
    let mut phrase = String::new();
    let mut hints = Vec::new();
    let mut possessive = Vec::new();
    for c in out.iter() {
        if c.known.is_some() || info(ctx, c.first) & word::KIND_START == 0 {
            hints.push(None);
            continue;
        }
        phrase.clear();
        for i in c.first..=c.last {
            if i > c.first {
                phrase.push(' ');
            }
            phrase.push_str(ctx.toks[i].text(ctx.text));
        }
        let mut hint = ctx.gaz.kind_of_name(&phrase);
        if hint.is_none() && ctx.toks[c.first].has(flag::UPPER) && phrase.len() > 3 {
            hint = ctx.gaz.kind_of_name(&title_case(&phrase.to_lowercase()));
        }
        if hint.is_none()
            && let Some(one) = phrase.strip_suffix('s')
            && ctx.gaz.kind_of_name(one) == Some(Some(Kind::Misc))
        {
            hint = Some(Some(Kind::Misc));
        }
        // "Moody's": a listed name with its possessive ending is the whole
        // name, not a possessive. Not for a person ("Carter's decision").
        if c.kind != Kind::Person
            && ctx.toks.get(c.last + 1).is_some_and(|t| t.has(flag::POSS))
            && let Some(Some(kind)) = ctx.gaz.kind_of_name(&format!("{phrase}'s"))
        {
            possessive.push(c.last + 1);
            hint = Some(Some(kind));
        }
        hints.push(hint);
    }
    if hints.iter().all(Option::is_none) {
        return;
    }
    // Surnames of the document's people named in full ("Harrison Ford").
    let surnames: Vec<u64> = out
        .iter()
        .filter(|c| c.kind == Kind::Person && c.last > c.first)
        .map(|c| tok_key(ctx, c.last))
        .collect();
    let mut hints = hints.into_iter();
    out.retain_mut(|c| {
        let Some(hint) = hints.next().flatten() else {
            return true;
        };
        let Some(kind) = hint else {
            return false;
        };
        let apply = match (kind, c.kind) {
            (Kind::Organization, Kind::Person) => {
                c.first < c.last || !surnames.contains(&tok_key(ctx, c.last))
            }
            (Kind::Organization, _) => true,
            (Kind::Misc, Kind::Person | Kind::Organization) => true,
            (Kind::Place, Kind::Person) => true,
            _ => false,
        };
        if possessive.contains(&(c.last + 1)) {
            *c = candidate(ctx, c.first, c.last + 1, kind, c.form, None);
        } else if apply {
            c.kind = kind;
        }
        true
    });
}
