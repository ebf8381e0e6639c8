//! What a document says about who a name is, beyond the name: the title
//! written before it ("President Clinton"), gender words ("Mrs. Clinton", "…,
//! she said"), the sex its given name usually has, and names the text itself
//! declares to be one ("the al-Nusra Front (Jabhat Fateh al-Sham)", "ISIL,
//! also known as …"). Resolution records these per entity ([`crate::Evidence`])
//! so that the cast can tell apart people who share a surname.
//!
//! The word lists are data (`assets/cast/gender_words.tsv`,
//! `assets/cast/given_gender.tsv`); this module only reads text with them.

use rustc_hash::FxHashMap;

use crate::candidates::Candidate;
use crate::features::DocCtx;
use crate::gazetteer::key_of;
use crate::token::flag;
use crate::{Gender, Kind};

const GENDER_WORDS: &str = include_str!("../../../assets/cast/gender_words.tsv");
const GIVEN_GENDER: &str = include_str!("../../../assets/cast/given_gender.tsv");

/// How far after a person's mention a pronoun is taken to refer to it, in tokens.
const PRONOUN_REACH: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    Male,
    Female,
}

/// A gender word: honorifics stand before a name, pronouns refer back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GenderWord {
    sex: Sex,
    pronoun: bool,
}

/// The gender lists, keyed by [`key_of`] the lower-cased word.
#[derive(Debug, Clone, Default)]
pub struct Sexes {
    words: FxHashMap<u64, GenderWord>,
    given: FxHashMap<u64, Sex>,
}

fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn sex(code: &str) -> Option<Sex> {
    match code {
        "m" => Some(Sex::Male),
        "f" => Some(Sex::Female),
        _ => None,
    }
}

impl Sexes {
    pub fn builtin() -> Sexes {
        let mut s = Sexes::default();
        for cols in data_lines(GENDER_WORDS) {
            if let [word, code, what, ..] = cols.as_slice()
                && let Some(sex) = sex(code)
            {
                let pronoun = *what == "pronoun";
                s.words.insert(key_of(word), GenderWord { sex, pronoun });
            }
        }
        // Five thousand names, read at every start: their first two fields
        // taken as they come, without a vector of fields for each line.
        s.given.reserve(GIVEN_GENDER.len() / 8);
        for l in GIVEN_GENDER
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let mut cols = l.split('\t').map(str::trim);
            if let (Some(name), Some(code)) = (cols.next(), cols.next())
                && let Some(sex) = sex(code)
            {
                s.given.insert(key_of(name), sex);
            }
        }
        s
    }

    fn one(sex: Sex) -> Gender {
        match sex {
            Sex::Male => Gender { male: 1, female: 0 },
            Sex::Female => Gender { male: 0, female: 1 },
        }
    }

    /// The sex a given name ("Hillary") usually has.
    pub fn given(&self, word: &str) -> Gender {
        self.given
            .get(&key_of(word))
            .map_or(Gender::default(), |&s| Self::one(s))
    }

    /// The sex an honorific or title ("mrs.", "first lady") tells.
    pub fn of_title(&self, lower: &str) -> Gender {
        match self.words.get(&key_of(lower)) {
            Some(w) if !w.pronoun => Self::one(w.sex),
            // A multi-word title tells by its first word ("Lady Justice").
            _ => match lower.split_once(' ') {
                Some((first, _)) => match self.words.get(&key_of(first)) {
                    Some(w) if !w.pronoun => Self::one(w.sex),
                    _ => Gender::default(),
                },
                None => Gender::default(),
            },
        }
    }

    /// The first third-person pronoun after a person's mention that ends at
    /// token `last`, within the sentence and before any other name
    /// (`next_name`: the token where the next candidate starts).
    pub fn pronoun_after(&self, ctx: &DocCtx<'_>, last: usize, next_name: usize) -> Gender {
        let end = (last + 1 + PRONOUN_REACH)
            .min(next_name)
            .min(ctx.toks.len());
        for i in last + 1..end {
            let t = &ctx.toks[i];
            if t.has(flag::SENT_START) || t.has(flag::LINE_START) {
                break;
            }
            // Pronouns are short words beginning with h or s: most tokens
            // are passed over without hashing.
            let word = t.text(ctx.text);
            if word.len() > 7
                || !matches!(word.as_bytes().first().map(|b| b | 0x20), Some(b'h' | b's'))
            {
                continue;
            }
            if let Some(w) = self.words.get(&key_of(word))
                && w.pronoun
            {
                return Self::one(w.sex);
            }
        }
        Gender::default()
    }
}

/// The title written right before token `first` ("Secretary of State" before
/// "John Kerry"), lower case, the longest of up to four words.
pub fn title_before(ctx: &DocCtx<'_>, first: usize) -> Option<String> {
    // Nearly every name has no title: one look-up says so.
    let prev = first.checked_sub(1)?;
    if ctx.word_info(prev) & crate::gazetteer::word::TITLE_PART == 0 {
        return None;
    }
    let mut best = None;
    let mut phrase = String::new();
    for start in (first.saturating_sub(4)..first).rev() {
        let t = &ctx.toks[start];
        if t.has(flag::PUNCT) && !t.has(flag::DOTTED) {
            break;
        }
        phrase.clear();
        for (n, i) in (start..first).enumerate() {
            if n > 0 {
                phrase.push(' ');
            }
            let w = ctx.toks[i].text(ctx.text);
            if w.is_ascii() {
                // Copied and lower-cased in place: the same text as char by
                // char, without a char's round trip (this runs on each
                // candidate after a title word).
                let at = phrase.len();
                phrase.push_str(w);
                phrase[at..].make_ascii_lowercase();
            } else {
                phrase.extend(w.chars().flat_map(char::to_lowercase));
            }
        }
        if ctx.gaz.is_title(&phrase) {
            best = Some(phrase.clone());
        }
    }
    best
}

/// Two titles name one office, or one the other shortens: the words of the
/// shorter begin or end the longer ("Secretary" and "Secretary of State",
/// "Minister" and "Foreign Minister"); "former" is dropped first.
pub fn titles_match(a: &str, b: &str) -> bool {
    // Called for every pair of titles the cast compares: no allocation.
    fn words(t: &str) -> impl DoubleEndedIterator<Item = &str> + Clone {
        t.split(' ')
            .map(|w| w.trim_end_matches('.'))
            .filter(|w| !w.is_empty() && *w != "former")
    }
    let (na, nb) = (words(a).count(), words(b).count());
    let (short, long, n) = if na <= nb { (a, b, na) } else { (b, a, nb) };
    n > 0
        && (words(short).zip(words(long)).all(|(x, y)| x == y)
            || words(short)
                .rev()
                .zip(words(long).rev())
                .all(|(x, y)| x == y))
}

/// Pairs of candidates (indices into `cands`, sorted by start) that the text
/// declares to be one name: "A (B)" where B spells A's initials ("UK
/// Independence Party (UKIP)") or both are organisations of several words
/// ("the al-Nusra Front (Jabhat Fateh al-Sham)"), and "A, also/formerly known
/// as B". A parenthesis after a name holds much else — a source, a place, a
/// party ("England (Sun)", "Kaine (D-Va.)") — so nothing looser is taken.
pub fn declared_aliases(ctx: &DocCtx<'_>, cands: &[Candidate]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let word = |i: usize| ctx.toks.get(i).map_or("", |t| t.text(ctx.text));
    for (a, b) in (0..cands.len()).zip(1..cands.len()) {
        let (ca, cb) = (&cands[a], &cands[b]);
        // Both forms have at most five words between the names (", also
        // known as the"): most neighbours are further apart.
        if cb.first <= ca.last + 1 || cb.first - (ca.last + 1) > 5 {
            continue;
        }
        let between: Vec<&str> = (ca.last + 1..cb.first).map(word).collect();
        let paren = between == ["("]
            && word(cb.last + 1) == ")"
            && (spells_initials(ctx, cb, ca)
                || spells_initials(ctx, ca, cb)
                || (ca.kind == Kind::Organization
                    && cb.kind == Kind::Organization
                    && ca.last > ca.first
                    && cb.last > cb.first));
        let known_as = {
            let mut w: &[&str] = &between;
            if w.first() == Some(&",") {
                w = &w[1..];
            }
            if let Some(first) = w.first()
                && ["also", "formerly", "now", "previously", "once", "better"]
                    .contains(&first.to_ascii_lowercase().as_str())
            {
                w = &w[1..];
            }
            if w.last().is_some_and(|l| l.eq_ignore_ascii_case("the")) {
                w = &w[..w.len() - 1];
            }
            w.len() == 2 && w[0].eq_ignore_ascii_case("known") && w[1].eq_ignore_ascii_case("as")
        };
        if paren || known_as {
            out.push((a, b));
        }
    }
    out
}

/// `short` is one token whose capital letters are the initials of `long`'s
/// words, with or without its small words ("UKIP", "BoE" for "Bank of
/// England", "SOHR").
fn spells_initials(ctx: &DocCtx<'_>, short: &Candidate, long: &Candidate) -> bool {
    if short.first != short.last || long.last == long.first {
        return false;
    }
    let caps: String = ctx.toks[short.first]
        .text(ctx.text)
        .chars()
        .filter(char::is_ascii_uppercase)
        .collect();
    if caps.len() < 2 {
        return false;
    }
    let initials = |all: bool| -> String {
        (long.first..=long.last)
            .flat_map(|i| ctx.toks[i].text(ctx.text).split('-'))
            .filter_map(|w| w.chars().next())
            .filter(|c| all || c.is_uppercase())
            .flat_map(char::to_uppercase)
            .collect()
    };
    caps == initials(false) || caps == initials(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_their_short_forms() {
        assert!(titles_match("secretary", "secretary of state"));
        assert!(titles_match("minister", "foreign minister"));
        assert!(titles_match("former president", "president"));
        assert!(titles_match("mr.", "mr"));
        assert!(!titles_match("president", "secretary of state"));
        assert!(!titles_match("governor", "gov"));
    }

    #[test]
    fn lists_load() {
        let s = Sexes::builtin();
        assert_eq!(s.given("Hillary").sign(), -1);
        assert_eq!(s.given("Bill").sign(), 1);
        assert_eq!(s.given("Kerry").sign(), 0, "not a name one sex holds");
        assert_eq!(s.of_title("mrs.").sign(), -1);
        assert_eq!(s.of_title("first lady").sign(), -1);
        assert_eq!(s.of_title("president").sign(), 0);
        assert_eq!(s.of_title("she").sign(), 0, "a pronoun is not a title");
    }
}
