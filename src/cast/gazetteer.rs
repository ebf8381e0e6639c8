//! The engine's knowledge of the world, loaded from the data files in `assets/cast/`
//! (embedded with `include_str!`) and from the user's actors file: countries with
//! their aliases and demonyms, places, organisations with their acronyms, given
//! names and surnames, titles, organisation head words, words that are never actors,
//! and the common-English lexicon.
//!
//! Code here only parses lists; what is in them is data, with sources recorded in
//! `assets/README.md`.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Kind;

const COUNTRIES: &str = include_str!("../../assets/cast/countries.tsv");
const COUNTRY_ALIASES: &str = include_str!("../../assets/cast/country_aliases.tsv");
const PLACES: &str = include_str!("../../assets/cast/places.txt");
const ORGANIZATIONS: &str = include_str!("../../assets/cast/organizations.tsv");
const GIVEN_NAMES: &str = include_str!("../../assets/cast/given_names.txt");
const SURNAMES: &str = include_str!("../../assets/cast/surnames.txt");
const TITLES: &str = include_str!("../../assets/cast/titles.txt");
const NEVER: &str = include_str!("../../assets/cast/never.txt");
const ORG_HEADS: &str = include_str!("../../assets/cast/org_heads.txt");
const ABBREVIATIONS: &str = include_str!("../../assets/cast/abbreviations.txt");
const PARTICLES: &str = include_str!("../../assets/cast/particles.txt");
const COMPOUND_SUFFIXES: &str = include_str!("../../assets/cast/compound_suffixes.txt");
const LEXICON: &str = include_str!("../../assets/cast/lexicon.txt");

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
    /// The adjective or plural of a country in [`Gazetteer::actors`] ("Russian").
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
    /// Short aliases ("US", "IS", "WHO") count only in exactly this case.
    exact_case: bool,
}

/// The loaded lists.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub actors: Vec<KnownActor>,
    /// Lower-cased phrase → entry, and the phrase as written for exact-case entries.
    phrases: FxHashMap<String, (Phrase, String)>,
    /// The longest phrase, in words.
    pub max_phrase_words: usize,
    given: FxHashSet<String>,
    surnames: FxHashSet<String>,
    titles: FxHashSet<String>,
    never: FxHashSet<String>,
    org_heads: FxHashSet<String>,
    abbreviations: FxHashSet<String>,
    particles: FxHashSet<String>,
    compound_suffixes: FxHashSet<String>,
    lexicon: FxHashSet<String>,
}

/// Data lines: not empty, not a `#` comment.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn set(text: &str, lower: bool) -> FxHashSet<String> {
    lines(text)
        .map(|l| {
            if lower {
                l.trim().to_lowercase()
            } else {
                l.trim().to_string()
            }
        })
        .collect()
}

impl Gazetteer {
    /// The lists built into the binary.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer {
            given: set(GIVEN_NAMES, false),
            surnames: set(SURNAMES, false),
            titles: set(TITLES, true),
            never: set(NEVER, true),
            org_heads: set(ORG_HEADS, true),
            abbreviations: set(ABBREVIATIONS, true),
            particles: set(PARTICLES, true),
            compound_suffixes: set(COMPOUND_SUFFIXES, true),
            lexicon: set(LEXICON, true),
            ..Gazetteer::default()
        };
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
        for line in lines(ORGANIZATIONS) {
            let mut cols = line.split('\t');
            let Some(name) = cols.next() else { continue };
            let key = format!("gaz:{}", name.to_lowercase());
            let id = g.add_actor(name, Kind::Organization, &key);
            for alias in cols.next().unwrap_or("").split('|') {
                g.add_phrase(alias, Entry::Actor(id));
            }
        }
        for place in lines(PLACES) {
            g.add_phrase(place, Entry::Place);
        }
        g
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
        let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        if phrase.is_empty() {
            return;
        }
        let lower = phrase.to_lowercase();
        let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
        let exact_case = letters <= 3 || self.lexicon.contains(&lower);
        self.max_phrase_words = self.max_phrase_words.max(phrase.split(' ').count());
        self.phrases
            .entry(lower)
            .or_insert((Phrase { entry, exact_case }, phrase));
    }

    /// Adds a phrase, replacing any entry it had (user actors win over built-ins).
    pub fn set_phrase(&mut self, phrase: &str, entry: Entry) {
        let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        if phrase.is_empty() {
            return;
        }
        let lower = phrase.to_lowercase();
        self.max_phrase_words = self.max_phrase_words.max(phrase.split(' ').count());
        // The user wrote exactly what they mean: match in that case only when short.
        let exact_case = phrase.chars().filter(|c| c.is_alphabetic()).count() <= 3;
        self.phrases
            .insert(lower, (Phrase { entry, exact_case }, phrase));
    }

    /// Adds a word that is never an actor on its own.
    pub fn add_never(&mut self, word: &str) {
        self.never.insert(word.trim().to_lowercase());
    }

    /// The entry for a phrase (words joined by single spaces) written as `phrase`.
    /// `lower` is its lower-cased form, which the caller usually has at hand.
    pub fn lookup(&self, phrase: &str, lower: &str) -> Option<Entry> {
        let (p, written) = self.phrases.get(lower)?;
        if p.exact_case && written != phrase {
            return None;
        }
        Some(p.entry)
    }

    /// Convenience: [`Self::lookup`] lower-casing for the caller.
    pub fn lookup_phrase(&self, phrase: &str) -> Option<Entry> {
        self.lookup(phrase, &phrase.to_lowercase())
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given.contains(word)
    }

    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// `lower` is a title or honorific ("mr.", "president", "secretary of state").
    pub fn is_title(&self, lower: &str) -> bool {
        self.titles.contains(lower)
    }

    pub fn is_never(&self, lower: &str) -> bool {
        self.never.contains(lower)
    }

    pub fn is_org_head(&self, lower: &str) -> bool {
        self.org_heads.contains(lower)
    }

    /// `word` (without its period, any case) is written with a period that does not
    /// end a sentence.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        word.len() <= 5 && self.abbreviations.contains(&word.to_ascii_lowercase())
    }

    /// `word` may stand inside a name in lower case ("al", "bin", "of"); a trailing
    /// hyphen is ignored ("al-").
    pub fn is_particle(&self, word: &str) -> bool {
        let word = word.strip_suffix('-').unwrap_or(word);
        word.len() <= 4 && self.particles.contains(word)
    }

    pub fn is_compound_suffix(&self, lower: &str) -> bool {
        self.compound_suffixes.contains(lower)
    }

    /// `lower` is a common English word.
    pub fn in_lexicon(&self, lower: &str) -> bool {
        self.lexicon.contains(lower)
    }

    pub fn is_function_word(&self, word: &str) -> bool {
        FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
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
    }
}
