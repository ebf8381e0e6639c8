//! From tagged spans to name candidates: titles stripped off the front ("Secretary
//! of State John Kerry" → "John Kerry", a person), spans made only of never-actor
//! words dropped ("UPDATE", "Friday"), gazetteer phrases given their actor or
//! country (a demonym becomes a mention of its country), and gazetteer actors the
//! tagger missed in running text added back.

use rustc_hash::FxHashMap;

use super::Form;
use super::Kind;
use super::features::{DocCtx, gaz_tag, title_case};
use super::gazetteer::{Entry, word};
use super::names::name_key;
use super::tagger::Span;
use super::token::flag;

/// A name found in the text, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Tokens `first..=last` of the document.
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub form: Form,
    /// The gazetteer actor it names, when it is a gazetteer phrase.
    pub known: Option<u32>,
}

/// Kind of a tagger type (1 PER, 2 ORG, 3 LOC, 4 MISC).
pub fn kind_of(ty: u8) -> Kind {
    match ty {
        1 => Kind::Person,
        2 => Kind::Organization,
        3 => Kind::Place,
        _ => Kind::Misc,
    }
}

/// The span's words joined by single spaces, and its lower-cased form.
pub fn phrase(ctx: &DocCtx<'_>, first: usize, last: usize) -> (String, String) {
    let mut p = String::new();
    let mut l = String::new();
    phrase_into(ctx, first, last, &mut p, &mut l);
    (p, l)
}

fn phrase_into(ctx: &DocCtx<'_>, first: usize, last: usize, p: &mut String, l: &mut String) {
    p.clear();
    l.clear();
    for i in first..=last {
        if i > first {
            p.push(' ');
            l.push(' ');
        }
        let w = ctx.toks[i].text(ctx.text);
        p.push_str(w);
        let lower = ctx.lower(i);
        if lower.is_empty() {
            l.push_str(&w.to_lowercase());
        } else {
            l.push_str(lower);
        }
    }
}

thread_local! {
    /// Buffers for phrase look-ups: one pair per thread, so that looking up a
    /// span allocates nothing.
    static SCRATCH: std::cell::RefCell<(String, String)> = const { std::cell::RefCell::new((String::new(), String::new())) };
}

/// The gazetteer entry a span names, if any (ALL-CAPS spans by their title case).
fn lookup(ctx: &DocCtx<'_>, first: usize, last: usize) -> Option<Entry> {
    // No phrase starts with this word: skip building the phrase at all.
    if ctx.word_info(first) & word::PHRASE_START == 0 {
        return None;
    }
    SCRATCH.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (p, l) = &mut *guard;
        phrase_into(ctx, first, last, p, l);
        ctx.gaz.lookup(p, l).or_else(|| {
            if ctx.toks[first].has(flag::UPPER) {
                ctx.gaz.lookup(&title_case(l), l)
            } else {
                None
            }
        })
    })
}

/// How many tokens at the front of the span end a title, which may have begun
/// before the span ("Secretary of" + "State John Kerry"); the longest wins.
fn title_len(ctx: &DocCtx<'_>, first: usize, last: usize) -> usize {
    let part = |i: usize| ctx.word_info(i) & word::TITLE_PART != 0;
    let mut best = 0;
    for end in first..last.min(first + 4) {
        if !part(end) {
            break;
        }
        for start in first.saturating_sub(3)..=first {
            if !(start..=end).all(part) {
                continue;
            }
            let (_, l) = phrase(ctx, start, end);
            if ctx.gaz.is_title(&l) {
                best = end + 1 - first;
            }
        }
    }
    best
}

/// Whether the title that ends before token `rest` of span `s` is context
/// rather than part of the name. It is part of the name when what follows ends
/// in an organisation's head word ("Justice Department", "General Assembly"),
/// and, in a span the tagger did not call a person, when what follows is
/// neither a gazetteer entry nor begins with a given name ("Major League
/// Baseball"): only a person is named after a title.
fn title_is_context(ctx: &DocCtx<'_>, s: &Span, rest: usize) -> bool {
    if rest > s.last {
        return true;
    }
    if ctx.word_info(s.last) & word::ORG_HEAD != 0 {
        return false;
    }
    kind_of(s.ty) == Kind::Person
        || ctx.word_info(rest) & word::GIVEN != 0
        || !ctx.toks[rest].has(flag::CAP)
        || lookup(ctx, rest, s.last).is_some()
}

/// Turns the tagger's spans into candidates.
pub fn candidates(ctx: &DocCtx<'_>, spans: &[Span]) -> Vec<Candidate> {
    let mut out = Vec::with_capacity(spans.len());
    let mut covered = vec![false; ctx.toks.len()];
    for s in spans {
        let mut first = s.first;
        let mut kind = kind_of(s.ty);
        // A title before a name is context: it makes a person but is not the name.
        loop {
            let k = title_len(ctx, first, s.last);
            if k == 0 || !title_is_context(ctx, s, first + k) {
                break;
            }
            first += k;
            // "Prince of Wales": what follows a title's particle is a place.
            let mut particle = false;
            while first < s.last
                && !(ctx.toks[first].has(flag::CAP) || ctx.toks[first].has(flag::UPPER))
            {
                first += 1;
                particle = true;
            }
            if particle {
                kind = match lookup(ctx, first, s.last) {
                    Some(Entry::Actor(id)) => ctx.gaz.actors[id as usize].kind,
                    _ => Kind::Place,
                };
            } else if lookup(ctx, first, s.last).is_none() {
                kind = Kind::Person;
            }
        }
        // Also a lone title with nothing after it is no name ("President"),
        // nor the first words of a title the span stops inside ("Vice" |
        // "President Joe Biden").
        if first == s.last && ctx.gaz.is_title(ctx.lower(first)) && s.first == s.last {
            continue;
        }
        let title_part = |i: usize| ctx.word_info(i) & word::TITLE_PART != 0;
        if first == s.first
            && s.last + 1 < ctx.toks.len()
            && (first..=s.last + 1).all(title_part)
            && title_len(ctx, s.last + 1, (s.last + 4).min(ctx.toks.len() - 1)) > 0
        {
            continue;
        }
        if (first..=s.last).all(|i| ctx.gaz.is_never(ctx.lower(i))) {
            continue;
        }
        // "Trump Donald John Trump", "Nancy Pelosi Nancy Pelosi": a name and
        // then the full name again (flattened link and hover-card text) are two.
        if let Some(p) = repeated_name(ctx, first, s.last) {
            for c in covered.iter_mut().take(p + 1).skip(s.first) {
                *c = true;
            }
            out.push(candidate(ctx, first, p, kind, Form::Name, None));
            first = p + 1;
        }
        // "Trump Tower": a name before a place's head word names a place, not
        // a person or an organisation ("John Tower", a given name and a
        // surname, stays a person).
        let info = |i: usize| ctx.word_info(i);
        if matches!(kind, Kind::Person | Kind::Organization)
            && s.last > first
            && info(s.last) & word::PLACE_HEAD != 0
            && info(first) & word::GIVEN == 0
        {
            kind = Kind::Place;
        }
        if first == s.last
            && matches!(kind, Kind::Misc | Kind::Organization)
            && before_person_follower(ctx, first)
        {
            kind = Kind::Person;
        }
        let mut form = Form::Name;
        let mut known = None;
        match lookup(ctx, first, s.last) {
            Some(Entry::Actor(id)) => {
                known = Some(id);
                kind = ctx.gaz.actors[id as usize].kind;
            }
            Some(Entry::Demonym(id)) => {
                known = Some(id);
                form = Form::Demonym;
                kind = ctx.gaz.actors[id as usize].kind;
            }
            Some(Entry::Place) if matches!(kind, Kind::Misc | Kind::Person) => kind = Kind::Place,
            _ => {}
        }
        for c in covered.iter_mut().take(s.last + 1).skip(s.first) {
            *c = true;
        }
        out.push(candidate(ctx, first, s.last, kind, form, known));
    }
    add_missed_gazetteer_actors(ctx, &covered, &mut out);
    for (i, c) in covered.iter_mut().enumerate() {
        if !*c
            && ctx.eligible[i]
            && !ctx.toks[i].has(flag::SENT_START)
            && before_person_follower(ctx, i)
        {
            *c = true;
            out.push(candidate(ctx, i, i, Kind::Person, Form::Name, None));
        }
    }
    extend_given_names(ctx, &mut covered, &mut out);
    document_consistency(ctx, &mut covered, &mut out);
    out.sort_by_key(|c| c.start);
    join_given_names(ctx, &mut out);
    super::repair::repair(ctx, &mut out);
    out
}

/// A person's name that ends in a given name goes on into the capitalised word
/// right after it, mid-sentence, that no other candidate holds: "Donald" |
/// "Trump" is "Donald Trump" although "trump" is a common word the tagger
/// hesitates over. Never-words, titles and gazetteer words do not extend it.
fn extend_given_names(ctx: &DocCtx<'_>, covered: &mut [bool], out: &mut [Candidate]) {
    for c in out.iter_mut() {
        let next = c.last + 1;
        if c.kind != Kind::Person || c.known.is_some() || next >= ctx.toks.len() || covered[next] {
            continue;
        }
        let t = ctx.toks[next];
        let info = ctx.word_info(c.last);
        let next_info = ctx.info[next];
        if info & word::GIVEN == 0
            || !ctx.eligible[next]
            || !t.has(flag::CAP)
            || t.has(flag::SENT_START)
            || t.has(flag::HEADLINE)
            || t.has(flag::UPPER)
            || next_info & (word::NEVER | word::TITLE_PART | word::PARTICLE) != 0
            || ctx.gaz_tags[next] != gaz_tag::NONE
        {
            continue;
        }
        covered[next] = true;
        *c = candidate(ctx, c.first, next, Kind::Person, c.form, None);
    }
}

/// "the Obama administration": token `i` is a lone name — no gazetteer entry
/// and no common word, unless the dictionary or the surname list has it as a
/// name — right before a lower-case noun of assets/cast/person_followers.txt.
fn before_person_follower(ctx: &DocCtx<'_>, i: usize) -> bool {
    let Some(next) = ctx.toks.get(i + 1) else {
        return false;
    };
    let info = ctx.info[i];
    let name_like = info & (word::PROPER | word::SURNAME) != 0 || info & word::LEXICON == 0;
    // Cheap tests first: this runs for every capitalised word no span holds.
    !next.has(flag::CAP)
        && next.has(flag::ALPHA)
        && ctx.toks[i].has(flag::CAP)
        && ctx.gaz.is_person_follower(next.text(ctx.text))
        && (i == 0 || !ctx.eligible[i - 1] || ctx.info[i - 1] & word::NEVER != 0)
        && name_like
        && info & (word::NEVER | word::TITLE_PART | word::ORG_HEAD) == 0
        && ctx.gaz_tags[i] == gaz_tag::NONE
}

/// Where a span that names someone twice ends its first naming: its last word
/// occurs earlier in it and at least two words follow that occurrence ("Trump
/// | Donald John Trump", "Nita Lowey | Nita Sue Lowey"). A name that repeats
/// one word ("Sirhan Sirhan") is one name.
fn repeated_name(ctx: &DocCtx<'_>, first: usize, last: usize) -> Option<usize> {
    if last < first + 2 {
        return None;
    }
    let w = ctx.lower(last);
    if w.is_empty() {
        return None;
    }
    (first..last - 1).rev().find(|&p| ctx.lower(p) == w)
}

/// A given name or an initial cut off from the surname right after it is one
/// name: the tagger may end a span inside "... Secretary of State John |
/// Kerry" or "George H. | W. Bush".
fn join_given_names(ctx: &DocCtx<'_>, out: &mut Vec<Candidate>) {
    // Compacts in place: removing each joined candidate from the middle of
    // the vector was quadratic in a document of many names.
    let mut kept: usize = 0;
    for i in 0..out.len() {
        if kept > 0 {
            let (a, b) = (&out[kept - 1], &out[i]);
            let last = ctx.toks[a.last].text(ctx.text);
            // ... or an initial: "George H. | W. Bush".
            let initial = matches!(last.as_bytes(), [c, b'.'] if c.is_ascii_uppercase());
            let given = initial || ctx.word_info(a.last) & word::GIVEN != 0;
            if a.kind == Kind::Person
                && b.kind == Kind::Person
                && a.known.is_none()
                && b.known.is_none()
                && b.first == a.last + 1
                && !ctx.toks[b.first].has(flag::LINE_START)
                && given
            {
                out[kept - 1] = candidate(ctx, a.first, b.last, Kind::Person, Form::Name, None);
                continue;
            }
        }
        out.swap(kept, i);
        kept += 1;
    }
    out.truncate(kept);
}

/// Document-level consistency, after the tagger: what a name is called in one
/// place tells what it is elsewhere in the document.
///
/// - A span the tagger ran together from two names of different kinds seen apart
///   elsewhere is split ("told Lavrov Washington was ...", a headline "Lebed
///   Chechnya peace plan").
/// - A person's surname named in full is that person even where it is also a
///   gazetteer word ("Neil Jordan ... Jordan said").
/// - A person's name word is a name wherever it appears, also where the tagger
///   left it out ("criticized al-Assad").
fn document_consistency(ctx: &DocCtx<'_>, covered: &mut [bool], out: &mut Vec<Candidate>) {
    // Keys are built into these buffers and looked up by `&str`: a `String`
    // per look-up was a good part of this stage's cost.
    let (mut k, mut l, mut r) = (String::new(), String::new(), String::new());
    // Each candidate's key, in one buffer (with the end of each key in it):
    // the maps below borrow their keys from it rather than owning a copy
    // each, and the second pass reads them again.
    let mut keys = String::new();
    let mut key_ends: Vec<usize> = Vec::with_capacity(out.len());
    for c in out.iter() {
        name_key(ctx, c.first, c.last, &mut k);
        keys.push_str(&k);
        key_ends.push(keys.len());
    }
    let key_of = |i: usize| &keys[if i == 0 { 0 } else { key_ends[i - 1] }..key_ends[i]];
    // At most one entry a candidate: room up front rather than rehashing.
    let mut seen: FxHashMap<&str, (Kind, Option<u32>, usize)> =
        FxHashMap::with_capacity_and_hasher(out.len(), Default::default());
    let mut surnames: FxHashMap<&str, bool> =
        FxHashMap::with_capacity_and_hasher(out.len(), Default::default());
    for (i, c) in out.iter().enumerate() {
        let k = key_of(i);
        if c.form == Form::Name {
            seen.entry(k)
                .and_modify(|s| s.2 += 1)
                .or_insert((c.kind, c.known, 1));
        }
        if c.kind == Kind::Person
            && c.known.is_none()
            && let Some(last) = k.rsplit(' ').next().filter(|w| !w.is_empty())
        {
            let full = last.len() < k.len();
            *surnames.entry(last).or_insert(false) |= full;
        }
    }
    let mut extra = Vec::new();
    for (i, c) in out.iter_mut().enumerate() {
        let key = key_of(i);
        if c.known.is_some() && c.first == c.last {
            // A known name that is also a surname named in full here is
            // the person ("Jordan" beside "Neil Jordan"), unless it is
            // written in capitals in running text: "UN" beside "Kim Jong Un"
            // is the acronym.
            let acronym = crate::names::is_capitals(ctx.toks[c.first].text(ctx.text))
                && !ctx.toks[c.first].has(crate::token::flag::HEADLINE);
            if surnames.get(key) == Some(&true) && c.form == Form::Name && !acronym {
                *c = candidate(ctx, c.first, c.first, Kind::Person, Form::Name, None);
            }
            continue;
        }
        if c.known.is_some() || c.last == c.first {
            continue;
        }
        if seen.get(key).is_some_and(|s| s.2 > 1) {
            continue;
        }
        for k in c.first..c.last {
            name_key(ctx, c.first, k, &mut l);
            name_key(ctx, k + 1, c.last, &mut r);
            let left = seen.get(l.as_str()).map(|s| (s.0, s.1)).or_else(|| {
                surnames
                    .contains_key(l.as_str())
                    .then_some((Kind::Person, None))
            });
            let right = seen.get(r.as_str()).map(|s| (s.0, s.1)).or_else(|| {
                match lookup(ctx, k + 1, c.last) {
                    Some(Entry::Actor(id)) => Some((ctx.gaz.actors[id as usize].kind, Some(id))),
                    Some(Entry::Place) => Some((Kind::Place, None)),
                    _ => None,
                }
            });
            // Two names of one kind side by side are one name ("Alan" and
            // "Shearer" seen apart are still "Alan Shearer"); a person next to a
            // place is two.
            if let (Some(left), Some(right)) = (left, right)
                && left.0 != right.0
            {
                extra.push(candidate(ctx, k + 1, c.last, right.0, Form::Name, right.1));
                *c = candidate(ctx, c.first, k, left.0, Form::Name, left.1);
                break;
            }
        }
    }
    out.extend(extra);
    if surnames.is_empty() {
        return;
    }
    let mut buf = String::new();
    for (i, t) in ctx.toks.iter().enumerate() {
        if covered[i] || !t.has(flag::CAP) || t.has(flag::HEADLINE) || !ctx.eligible[i] {
            continue;
        }
        // A plain ASCII word (no hyphen, no period) is its own key, lower
        // case, or none for a particle: what `name_key` makes of it, read
        // from the tagger's lower-cased text. This runs on every capitalised
        // word that no candidate holds.
        let w = t.text(ctx.text);
        let key = if w.is_ascii() && !w.bytes().any(|b| b == b'-' || b == b'.') {
            if w.len() <= 4 && ctx.info[i] & word::PARTICLE != 0 {
                ""
            } else {
                ctx.lower(i)
            }
        } else {
            name_key(ctx, i, i, &mut buf);
            buf.as_str()
        };
        if surnames.contains_key(key)
            && !(t.has(flag::SENT_START) && ctx.gaz.in_lexicon(ctx.lower(i)))
        {
            covered[i] = true;
            out.push(candidate(ctx, i, i, Kind::Person, Form::Name, None));
        }
    }
}

pub(crate) fn candidate(
    ctx: &DocCtx<'_>,
    first: usize,
    last: usize,
    kind: Kind,
    form: Form,
    known: Option<u32>,
) -> Candidate {
    Candidate {
        first,
        last,
        start: ctx.toks[first].start as usize,
        end: ctx.toks[last].end as usize,
        kind,
        form,
        known,
    }
}

/// Countries, known organisations and demonyms in running text that the tagger
/// left unlabelled: the gazetteer is sure of these ("U.S.", "NATO", "Russian").
fn add_missed_gazetteer_actors(ctx: &DocCtx<'_>, covered: &[bool], out: &mut Vec<Candidate>) {
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        let tag = ctx.gaz_tags[i];
        if tag & gaz_tag::BEGIN == 0 || ctx.toks[i].has(flag::HEADLINE) {
            i += 1;
            continue;
        }
        let code = tag & 0x0f;
        let mut last = i;
        while last + 1 < n
            && ctx.gaz_tags[last + 1] & 0x0f == code
            && ctx.gaz_tags[last + 1] & gaz_tag::BEGIN == 0
        {
            last += 1;
        }
        let sure = matches!(code, gaz_tag::PLACE_ACTOR | gaz_tag::ORG | gaz_tag::DEMONYM);
        if sure && !(i..=last).any(|k| covered[k]) {
            let (form, kind) = match lookup(ctx, i, last) {
                // A party's member form at a sentence's start ("Conservative
                // groups said") is a common word unless the text capitalises
                // it mid-sentence too.
                Some(Entry::Demonym(id))
                    if ctx.gaz.actors[id as usize].kind != Kind::Place
                        && ctx.toks[i].has(flag::SENT_START)
                        && ctx.gaz.in_lexicon(ctx.lower(i))
                        && ctx.seen.get(&ctx.key(i)).is_none_or(|s| s.1 == 0) =>
                {
                    (None, Kind::Misc)
                }
                Some(Entry::Demonym(id)) => {
                    (Some((Form::Demonym, id)), ctx.gaz.actors[id as usize].kind)
                }
                Some(Entry::Actor(id)) => {
                    (Some((Form::Name, id)), ctx.gaz.actors[id as usize].kind)
                }
                _ => (None, Kind::Misc),
            };
            if let Some((form, id)) = form {
                out.push(candidate(ctx, i, last, kind, form, Some(id)));
            }
        }
        i = last + 1;
    }
}
