//! The engine's knowledge of the world, loaded from the data files in `assets/cast/`
//! (embedded with `include_str!`; the plain word lists and the kinds list as
//! the keyed table `build.rs` prepares from them) and from the user's actors file: countries with
//! their aliases and demonyms, places, organisations with their acronyms, given
//! names and surnames, titles, organisation head words, words that are never actors,
//! and the common-English lexicon.
//!
//! Code here only parses lists; what is in them is data, with sources recorded in
//! `assets/README.md`.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Kind;
use super::features::word_key;
use super::hash::{SEED, hash_bytes};

const COUNTRIES: &str = include_str!("../../../assets/cast/countries.tsv");
const COUNTRY_ALIASES: &str = include_str!("../../../assets/cast/country_aliases.tsv");
const REGIONS: &str = include_str!("../../../assets/cast/regions.tsv");
const PLACES: &str = include_str!("../../../assets/cast/places.txt");
const ORGANIZATIONS: &str = include_str!("../../../assets/cast/organizations.tsv");
#[cfg(test)]
const GIVEN_NAMES: &str = include_str!("../../../assets/cast/given_names.txt");
#[cfg(test)]
const SURNAMES: &str = include_str!("../../../assets/cast/surnames.txt");
#[cfg(test)]
const TITLES: &str = include_str!("../../../assets/cast/titles.txt");
#[cfg(test)]
const NEVER: &str = include_str!("../../../assets/cast/never.txt");
#[cfg(test)]
const ORG_HEADS: &str = include_str!("../../../assets/cast/org_heads.txt");
#[cfg(test)]
const PLACE_HEADS: &str = include_str!("../../../assets/cast/place_heads.txt");
const PERSON_FOLLOWERS: &str = include_str!("../../../assets/cast/person_followers.txt");
#[cfg(test)]
const ABBREVIATIONS: &str = include_str!("../../../assets/cast/abbreviations.txt");
#[cfg(test)]
const PARTICLES: &str = include_str!("../../../assets/cast/particles.txt");
#[cfg(test)]
const COMPOUND_SUFFIXES: &str = include_str!("../../../assets/cast/compound_suffixes.txt");
#[cfg(test)]
const QUALIFIERS: &str = include_str!("../../../assets/cast/qualifiers.txt");
#[cfg(test)]
const TABLE_WORDS: &str = include_str!("../../../assets/cast/table_words.txt");
const CAPTION_PHRASES: &str = include_str!("../../../assets/cast/caption_phrases.txt");
#[cfg(test)]
const LEXICON: &str = include_str!("../../../assets/cast/lexicon.txt");
#[cfg(test)]
const PROPER_NOUNS: &str = include_str!("../../../assets/cast/proper_nouns.txt");
#[cfg(test)]
const MISC_HEADS: &str = include_str!("../../../assets/cast/misc_heads.txt");
#[cfg(test)]
const KINDS: &str = include_str!("../../../assets/cast/kinds.tsv");

/// The plain word lists (lexicon, proper nouns, given names, surnames,
/// titles and title words, never-words, head words, abbreviations,
/// particles, compound suffixes, qualifiers, table words) and the first
/// words of the kinds list, as `build.rs` prepared them from `assets/cast/`:
/// per word, its key (u64) and [`word`] bits (u32), little-endian.
const PREPARED_WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gaz_words.bin"));
/// The kinds list (`assets/cast/kinds.tsv`) as `build.rs` prepared it: per
/// name, its hash (u64, little-endian) and [`kind_of_code`]'s code (u8).
const PREPARED_KINDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gaz_kinds.bin"));

/// The records of [`PREPARED_WORDS`].
fn prepared_words() -> impl ExactSizeIterator<Item = (u64, u32)> {
    PREPARED_WORDS.chunks_exact(12).map(|r| {
        let (key, bits) = r.split_at(8);
        // `split_at` of a 12-byte record: 8 and 4 bytes, so neither fails.
        (
            u64::from_le_bytes(key.try_into().unwrap_or_default()),
            u32::from_le_bytes(bits.try_into().unwrap_or_default()),
        )
    })
}

/// The records of [`PREPARED_KINDS`].
fn prepared_kinds() -> impl ExactSizeIterator<Item = (u64, Option<Kind>)> {
    PREPARED_KINDS.chunks_exact(9).map(|r| {
        let (hash, code) = r.split_at(8);
        (
            u64::from_le_bytes(hash.try_into().unwrap_or_default()),
            kind_of_code(code.first().copied().unwrap_or(0)),
        )
    })
}

/// A kind as `build.rs` codes it (0: no actor at all).
fn kind_of_code(code: u8) -> Option<Kind> {
    match code {
        1 => Some(Kind::Organization),
        2 => Some(Kind::Place),
        3 => Some(Kind::Misc),
        4 => Some(Kind::Person),
        _ => None,
    }
}

/// Words that stay lower case inside a Title Case headline.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
    "from", "as", "vs", "via", "is", "be", "de", "van", "von", "al", "bin",
];

/// What a gazetteer phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// One of the actors in [`Gazetteer::actors`], by its name or an alias.
    Actor(u32),
    /// An adjective or plural standing for an actor of [`Gazetteer::actors`]:
    /// a country's ("Russian"), a region's ("Scottish"), a party's members
    /// ("Tory", "Republicans").
    Demonym(u32),
    /// A city, region or continent with no alias list.
    Place,
}

/// An actor the gazetteer knows by name, with its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownActor {
    pub name: String,
    pub kind: Kind,
    /// The merge key shared by all its aliases ("gaz:us").
    pub key: String,
}

#[derive(Debug, Clone, Copy)]
struct Phrase {
    entry: Entry,
    /// Short aliases ("US", "IS", "WHO") count only in exactly this case:
    /// for them the index of the phrase as written in
    /// [`Gazetteer::written`], else [`ANY_CASE`].
    exact: u32,
}

/// [`Phrase::exact`] of a phrase that counts in any case.
const ANY_CASE: u32 = u32::MAX;

/// The key of a lower-cased phrase in [`Gazetteer::phrases`]: a 64-bit hash,
/// as the word table is keyed, so that an entry is a few bytes with no
/// string to follow (a look-up in a map of strings read a line of control
/// bytes, a line of entries and the key's own text, for each of the
/// document's candidate names).
fn phrase_key(lower: &str) -> u64 {
    hash_bytes(SEED, lower.as_bytes(), false)
}

/// The loaded lists.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub actors: Vec<KnownActor>,
    /// Lower-cased phrase ([`phrase_key`]) → entry.
    phrases: FxHashMap<u64, Phrase>,
    /// Exact-case phrases as written (see [`Phrase::exact`]).
    written: Vec<Box<str>>,
    /// The longest phrase, in words.
    pub max_phrase_words: usize,
    /// Caption and player furniture ("hide caption"), lower case, words joined
    /// by single spaces.
    captions: FxHashSet<String>,
    /// The longest caption phrase, in words.
    pub max_caption_words: usize,
    /// Nouns that make a lone name before them a person's ("administration"):
    /// a handful, compared directly rather than hashed.
    person_followers: Vec<String>,
    /// Names the tagger may misjudge and what they are, written exactly so
    /// (`assets/cast/kinds.tsv`): `None` is no actor at all ("GMT").
    /// Keyed by the exact phrase's hash ([`hash_bytes`], case kept).
    kinds: FxHashMap<u64, Option<Kind>>,
    /// Lower-cased word (or multi-word title) → [`word`] bits: one look-up tells
    /// everything the lists know about a word.
    /// Keyed by [`word_key`] of the lower-cased word: a 64-bit hash, so a look-up
    /// compares no strings (collisions among 100,000 words are negligible).
    words: FxHashMap<u64, u32>,
    /// The keys of [`Self::words`] with the [`word::ABBREVIATION`] bit,
    /// sorted: a few dozen, looked up at every period that follows a short
    /// word (a read of the large table there was seldom in cache).
    abbreviations: Vec<u64>,
}

/// What the word lists say about a lower-cased word, as bits.
pub mod word {
    pub const LEXICON: u32 = 1;
    pub const GIVEN: u32 = 1 << 1;
    pub const SURNAME: u32 = 1 << 2;
    pub const TITLE: u32 = 1 << 3;
    pub const NEVER: u32 = 1 << 4;
    pub const ORG_HEAD: u32 = 1 << 5;
    pub const ABBREVIATION: u32 = 1 << 6;
    pub const PARTICLE: u32 = 1 << 7;
    pub const COMPOUND_SUFFIX: u32 = 1 << 8;
    /// The first word of some gazetteer phrase.
    pub const PHRASE_START: u32 = 1 << 9;
    pub const FUNCTION: u32 = 1 << 10;
    /// A word of some title ("secretary", "of", "state").
    pub const TITLE_PART: u32 = 1 << 11;
    /// Makes another place of a place name ("East", "New").
    pub const QUALIFIER: u32 = 1 << 12;
    /// Labels a row of figures in a table ("Shr", "Revs", "Net").
    pub const TABLE: u32 = 1 << 13;
    /// The first word of some caption phrase ("Hide" of "Hide Caption").
    pub const CAPTION_START: u32 = 1 << 14;
    /// Makes a name a place: a building, street or natural feature ("Tower").
    pub const PLACE_HEAD: u32 = 1 << 15;
    /// A proper noun of the dictionary ("Obama", "Trump", "Nairobi").
    pub const PROPER: u32 = 1 << 16;
    /// Makes a name a law, treaty or founding document: misc ("Act").
    pub const MISC_HEAD: u32 = 1 << 17;
    /// The first word of some name of the kinds list (also without a
    /// possessive ending, and a one-word thing's plural): the list is looked
    /// up only for names that start with one.
    pub const KIND_START: u32 = 1 << 18;
}

/// The key of a word in any case: [`word_key`] lower-cases ASCII on the fly;
/// other scripts are lower-cased first.
pub fn key_of(w: &str) -> u64 {
    if w.is_ascii() {
        word_key(w)
    } else {
        word_key(&w.to_lowercase())
    }
}

/// Calls `f` with `w` lower-cased, without allocating for short ASCII words.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = w.as_bytes();
    if b.len() <= 32 && b.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // Lower-casing ASCII bytes keeps them ASCII, hence valid UTF-8.
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or(""))
    } else {
        f(&w.to_lowercase())
    }
}

/// `phrase`'s words joined by single spaces; copied as it is when they are
/// so already (the data's phrases are: no list of words is made for them).
fn single_spaced(phrase: &str) -> String {
    let b = phrase.as_bytes();
    let plain = !b.first().is_some_and(u8::is_ascii_whitespace)
        && !b.last().is_some_and(u8::is_ascii_whitespace)
        && !b.windows(2).any(|w| w == b"  ")
        && phrase.chars().all(|c| c == ' ' || !c.is_whitespace());
    if plain {
        phrase.to_string()
    } else {
        phrase.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Data lines: not empty, not a `#` comment.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    // Most lines are a word or two: scanning their bytes costs less than
    // `str::lines`, whose search sets up for long lines at every line (a
    // tenth of the engine's start-up went there).
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
        // A newline is one byte, so `end` and `end + 1` are char boundaries.
        let line = rest.get(..end).unwrap_or("");
        rest = rest.get(end + 1..).unwrap_or("");
        Some(line)
    })
    .map(str::trim_end)
    // After trim_end a line is blank only if empty.
    .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// The lists built into the binary.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer::default();
        // The plain word lists and the kinds list, read and hashed when the
        // engine was built (`build.rs`; the test `prepared_tables_are_the_lists`
        // checks them against the lists read here).
        let words = prepared_words();
        g.words.reserve(words.len() + 20_000);
        for (key, bits) in words {
            g.words.insert(key, bits);
            if bits & word::ABBREVIATION != 0 {
                g.abbreviations.push(key);
            }
        }
        g.abbreviations.sort_unstable();
        let kinds = prepared_kinds();
        g.kinds.reserve(kinds.len());
        g.kinds.extend(kinds);
        for f in FUNCTION_WORDS {
            g.mark(f, word::FUNCTION);
        }
        g.person_followers = lines(PERSON_FOLLOWERS)
            .map(|l| l.trim().to_string())
            .collect();
        for l in lines(CAPTION_PHRASES) {
            let phrase = l
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if let Some(first) = phrase.split(' ').next() {
                g.mark(first, word::CAPTION_START);
            }
            g.max_caption_words = g.max_caption_words.max(phrase.split(' ').count());
            g.captions.insert(phrase);
        }
        let mut by_iso: FxHashMap<String, u32> = FxHashMap::default();
        for line in lines(COUNTRIES) {
            let mut cols = line.split('\t');
            let (Some(iso), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            let id = g.add_actor(name, Kind::Place, &format!("gaz:{}", iso.to_lowercase()));
            by_iso.insert(iso.to_string(), id);
            for alias in cols.next().unwrap_or("").split('|') {
                g.add_phrase(alias, Entry::Actor(id));
            }
        }
        for line in lines(COUNTRY_ALIASES) {
            let mut cols = line.split('\t');
            let Some(&id) = cols.next().and_then(|iso| by_iso.get(iso)) else {
                continue;
            };
            for alias in cols.next().unwrap_or("").split('|') {
                g.add_phrase(alias, Entry::Actor(id));
            }
            for demonym in cols.next().unwrap_or("").split('|') {
                g.add_phrase(demonym, Entry::Demonym(id));
            }
        }
        // Nations and continents: places with demonyms ("Scottish" → Scotland).
        for line in lines(REGIONS) {
            let mut cols = line.split('\t');
            let (Some(code), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            let id = g.add_actor(name, Kind::Place, &format!("gaz:{}", code.to_lowercase()));
            for alias in cols.next().unwrap_or("").split('|') {
                g.add_phrase(alias, Entry::Actor(id));
            }
            for demonym in cols.next().unwrap_or("").split('|') {
                g.add_phrase(demonym, Entry::Demonym(id));
            }
        }
        for line in lines(ORGANIZATIONS) {
            let mut cols = line.split('\t');
            let Some(name) = cols.next() else { continue };
            let key = format!("gaz:{}", name.to_lowercase());
            let id = g.add_actor(name, Kind::Organization, &key);
            for alias in cols.next().unwrap_or("").split('|') {
                g.add_phrase(alias, Entry::Actor(id));
            }
            for form in cols.next().unwrap_or("").split('|') {
                g.add_phrase(form, Entry::Demonym(id));
            }
        }
        for place in lines(PLACES) {
            g.add_phrase(place, Entry::Place);
        }
        g
    }

    /// What a name written exactly as `phrase` (words joined by single
    /// spaces) is, when the kinds list knows: `Some(None)` is no actor.
    pub fn kind_of_name(&self, phrase: &str) -> Option<Option<Kind>> {
        self.kinds
            .get(&hash_bytes(SEED, phrase.as_bytes(), false))
            .copied()
    }

    /// Adds an actor known by name (from the data or the user file) and returns its id.
    pub fn add_actor(&mut self, name: &str, kind: Kind, key: &str) -> u32 {
        let id = self.actors.len() as u32;
        self.actors.push(KnownActor {
            name: name.to_string(),
            kind,
            key: key.to_string(),
        });
        self.add_phrase(name, Entry::Actor(id));
        id
    }

    /// Adds a phrase; the first entry for a phrase wins (a country over a US state).
    pub fn add_phrase(&mut self, phrase: &str, entry: Entry) {
        let phrase = single_spaced(phrase);
        if phrase.is_empty() {
            return;
        }
        let lower = phrase.to_lowercase();
        let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
        let exact_case = letters <= 3 || self.in_lexicon(&lower);
        if let Some(first) = lower.split(' ').next() {
            self.mark(first, word::PHRASE_START);
        }
        self.max_phrase_words = self.max_phrase_words.max(phrase.split(' ').count());
        if let std::collections::hash_map::Entry::Vacant(v) = self.phrases.entry(phrase_key(&lower))
        {
            let exact = Self::exact(&mut self.written, &phrase, exact_case);
            v.insert(Phrase { entry, exact });
        }
    }

    /// Adds a phrase, replacing any entry it had (user actors win over built-ins).
    pub fn set_phrase(&mut self, phrase: &str, entry: Entry) {
        let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        if phrase.is_empty() {
            return;
        }
        let lower = phrase.to_lowercase();
        if let Some(first) = lower.split(' ').next() {
            self.mark(first, word::PHRASE_START);
        }
        self.max_phrase_words = self.max_phrase_words.max(phrase.split(' ').count());
        // The user wrote exactly what they mean: match in that case only when short.
        let exact_case = phrase.chars().filter(|c| c.is_alphabetic()).count() <= 3;
        let exact = Self::exact(&mut self.written, &phrase, exact_case);
        self.phrases
            .insert(phrase_key(&lower), Phrase { entry, exact });
    }

    /// [`Phrase::exact`] for `phrase`: where it is kept as written when it
    /// counts only in that case (`written` is [`Self::written`], borrowed
    /// apart from the phrase map the caller holds an entry of).
    fn exact(written: &mut Vec<Box<str>>, phrase: &str, exact_case: bool) -> u32 {
        if !exact_case {
            return ANY_CASE;
        }
        written.push(phrase.into());
        written.len() as u32 - 1
    }

    /// Adds a word that is never an actor on its own.
    pub fn add_never(&mut self, word: &str) {
        self.mark(word.trim(), word::NEVER);
    }

    fn mark(&mut self, w: &str, bit: u32) {
        let key = key_of(w);
        *self.words.entry(key).or_default() |= bit;
        if bit & word::ABBREVIATION != 0
            && let Err(at) = self.abbreviations.binary_search(&key)
        {
            self.abbreviations.insert(at, key);
        }
    }

    /// What the lists say about a word, given in lower case ([`word`] bits).
    pub fn info(&self, lower: &str) -> u32 {
        self.info_key(word_key(lower))
    }

    /// What the lists say about a word in any case.
    pub fn info_any(&self, w: &str) -> u32 {
        self.info_key(key_of(w))
    }

    /// What the lists say about the word whose [`key_of`] is `key`.
    pub fn info_key(&self, key: u64) -> u32 {
        self.words.get(&key).copied().unwrap_or(0)
    }

    /// The entry for a phrase (words joined by single spaces) written as `phrase`.
    /// `lower` is its lower-cased form, which the caller usually has at hand.
    pub fn lookup(&self, phrase: &str, lower: &str) -> Option<Entry> {
        let p = self.phrases.get(&phrase_key(lower))?;
        if p.exact != ANY_CASE && self.written.get(p.exact as usize).map(|w| &**w) != Some(phrase) {
            return None;
        }
        Some(p.entry)
    }

    /// Convenience: [`Self::lookup`] lower-casing for the caller.
    pub fn lookup_phrase(&self, phrase: &str) -> Option<Entry> {
        self.lookup(phrase, &phrase.to_lowercase())
    }

    /// `lower` is a title or honorific ("mr.", "president", "secretary of state").
    pub fn is_title(&self, lower: &str) -> bool {
        self.info(lower) & word::TITLE != 0
    }

    /// `w` (any case) is a noun that makes a lone name before it a person's.
    pub fn is_person_follower(&self, w: &str) -> bool {
        self.person_followers
            .iter()
            .any(|f| f.len() == w.len() && f.eq_ignore_ascii_case(w))
    }

    /// `lower` (words joined by single spaces) is caption or player furniture.
    pub fn is_caption(&self, lower: &str) -> bool {
        self.captions.contains(lower)
    }

    pub fn is_never(&self, lower: &str) -> bool {
        self.info(lower) & word::NEVER != 0
    }

    /// `word` (without its period, any case) is written with a period that does not
    /// end a sentence.
    pub fn is_abbreviation(&self, w: &str) -> bool {
        w.len() <= 5 && self.abbreviations.binary_search(&key_of(w)).is_ok()
    }

    /// `w` may stand inside a name in lower case ("al", "bin", "of"); a trailing
    /// hyphen is ignored ("al-").
    pub fn is_particle(&self, w: &str) -> bool {
        let w = w.strip_suffix('-').unwrap_or(w);
        w.len() <= 4 && self.info(w) & word::PARTICLE != 0
    }

    pub fn is_compound_suffix(&self, lower: &str) -> bool {
        self.info(lower) & word::COMPOUND_SUFFIX != 0
    }

    /// `lower` is a common English word.
    pub fn in_lexicon(&self, lower: &str) -> bool {
        self.info(lower) & word::LEXICON != 0
    }

    /// A word that stays lower case inside a Title Case headline. Called for
    /// every lower-case word, so a plain comparison rather than a look-up.
    pub fn is_function_word(&self, w: &str) -> bool {
        w.len() <= 4
            && FUNCTION_WORDS
                .iter()
                .any(|f| f.len() == w.len() && f.eq_ignore_ascii_case(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_have_aliases_and_demonyms() {
        let g = Gazetteer::builtin();
        let us = match g.lookup_phrase("United States") {
            Some(Entry::Actor(id)) => id,
            other => panic!("{other:?}"),
        };
        for alias in ["U.S.", "US", "USA", "America"] {
            assert_eq!(g.lookup_phrase(alias), Some(Entry::Actor(us)), "{alias}");
        }
        assert_eq!(g.lookup_phrase("American"), Some(Entry::Demonym(us)));
        assert_eq!(g.actors[us as usize].name, "United States");
        assert_eq!(g.actors[us as usize].kind, Kind::Place);
        // Short aliases only in their own case: "us" is a pronoun.
        assert_eq!(g.lookup_phrase("us"), None);
        let ru = g.lookup_phrase("Russia");
        assert_eq!(g.lookup_phrase("Russian Federation"), ru);
    }

    #[test]
    fn phrases_are_single_spaced() {
        for p in [
            "New York",
            " New  York ",
            "New\tYork",
            "New\u{a0}York",
            "",
            " ",
            "a",
            "Côte d'Ivoire",
        ] {
            assert_eq!(
                single_spaced(p),
                p.split_whitespace().collect::<Vec<_>>().join(" "),
                "{p:?}"
            );
        }
    }

    #[test]
    fn data_lines_skip_blanks_and_comments() {
        let text = "# list\nalpha\r\n\n  \nbeta gamma  \n#x\ndelta";
        assert_eq!(
            lines(text).collect::<Vec<_>>(),
            ["alpha", "beta gamma", "delta"]
        );
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("\n\n").count(), 0);
    }

    #[test]
    fn organisations_and_places() {
        let g = Gazetteer::builtin();
        let isis = g.lookup_phrase("ISIS");
        assert!(isis.is_some());
        assert_eq!(g.lookup_phrase("ISIL"), isis);
        assert_eq!(g.lookup_phrase("Islamic State"), isis);
        assert_eq!(g.lookup_phrase("Aleppo"), Some(Entry::Place));
        assert!(g.is_title("secretary of state") && g.is_title("mr."));
        assert!(g.is_never("friday") && g.is_never("however") && g.is_never("update"));
        assert!(g.in_lexicon("however") && !g.in_lexicon("lavrov"));
        assert!(g.is_abbreviation("Corp") && g.is_abbreviation("corp"));
        assert!(!g.is_abbreviation("however") && !g.is_abbreviation("Blair"));
        // Prepared and added bits together.
        assert_eq!(g.info("of") & word::FUNCTION, word::FUNCTION);
        assert_eq!(g.info("of") & word::TITLE_PART, word::TITLE_PART);
    }

    /// What `build.rs` prepared is what reading the lists here gives.
    #[test]
    fn prepared_tables_are_the_lists() {
        let mut words: FxHashMap<u64, u32> = FxHashMap::default();
        let mut mark = |w: &str, bit: u32| *words.entry(key_of(w)).or_default() |= bit;
        for (text, bit) in [
            (LEXICON, word::LEXICON),
            (PROPER_NOUNS, word::PROPER),
            (GIVEN_NAMES, word::GIVEN),
            (SURNAMES, word::SURNAME),
            (TITLES, word::TITLE),
            (NEVER, word::NEVER),
            (ORG_HEADS, word::ORG_HEAD),
            (PLACE_HEADS, word::PLACE_HEAD),
            (MISC_HEADS, word::MISC_HEAD),
            (ABBREVIATIONS, word::ABBREVIATION),
            (PARTICLES, word::PARTICLE),
            (COMPOUND_SUFFIXES, word::COMPOUND_SUFFIX),
            (QUALIFIERS, word::QUALIFIER),
            (TABLE_WORDS, word::TABLE),
        ] {
            for l in lines(text) {
                mark(l.trim(), bit);
            }
        }
        for l in lines(TITLES) {
            for w in l.split_whitespace() {
                mark(w, word::TITLE_PART);
            }
        }
        let mut kinds: FxHashMap<u64, Option<Kind>> = FxHashMap::default();
        for line in lines(KINDS) {
            let Some((name, kind)) = line.split_once('\t') else {
                continue;
            };
            let kind = match kind.trim() {
                "organization" => Some(Kind::Organization),
                "place" => Some(Kind::Place),
                "misc" => Some(Kind::Misc),
                "person" => Some(Kind::Person),
                _ => None,
            };
            let first = name.split(' ').next().unwrap_or(name);
            mark(first, word::KIND_START);
            if let Some(stem) = first.strip_suffix("'s") {
                mark(stem, word::KIND_START);
            }
            if kind == Some(Kind::Misc) && first == name {
                mark(&format!("{name}s"), word::KIND_START);
            }
            kinds.insert(hash_bytes(SEED, name.as_bytes(), false), kind);
        }
        let prepared: FxHashMap<u64, u32> = prepared_words().collect();
        assert_eq!(prepared_words().len(), prepared.len(), "a word twice");
        assert!(prepared.len() > 50_000, "{}", prepared.len());
        assert_eq!(prepared, words);
        let prepared: FxHashMap<u64, Option<Kind>> = prepared_kinds().collect();
        assert_eq!(prepared_kinds().len(), prepared.len(), "a name twice");
        assert_eq!(prepared, kinds);
    }
}
