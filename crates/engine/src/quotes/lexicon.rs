//! The word lists the quote finder reads (`assets/quotes/`): cue words with how
//! often each was a cue in the training data, pronouns and what they may refer
//! to, description nouns ("spokesman", "ministry") with the kind of actor they
//! stand for, given names with a sex, for "he" and "she", and the closed-class
//! words that never head a source.

use rustc_hash::FxHashMap;

use crate::Kind;
use crate::hash::word_key;

const CUES: &str = include_str!("../../../../assets/quotes/cues.tsv");
const PRONOUNS: &str = include_str!("../../../../assets/quotes/pronouns.tsv");
const NOUNS: &str = include_str!("../../../../assets/quotes/source_nouns.tsv");
const NAMES: &str = include_str!("../../../../assets/cast/given_gender.tsv");
const HEADS: &str = include_str!("../../../../assets/quotes/source_heads.tsv");
const NON_HEADS: &str = include_str!("../../../../assets/quotes/non_heads.tsv");

/// A word that headed a source at least this many times is a noun that speaks.
pub const HEAD_MIN_COUNT: u32 = 2;

/// A word that was part of a cue often enough to be decided on: at least this
/// many times, and in at least this share of its occurrences.
pub const CUE_MIN_COUNT: u32 = 2;
pub const CUE_MIN_SHARE: f32 = 0.05;
/// A word that often starts a longer cue ("has said", "is expected"): decided
/// on when a cue word follows within three tokens.
pub const LEAD_MIN_COUNT: u32 = 3;
pub const LEAD_MIN_SHARE: f32 = 0.01;
/// A word that, right after a comma, started a cue at least this many times
/// and in at least this share of those uses (", saying", ", adding"): a
/// participle clause of speech, a cue whatever the clause before it holds.
pub const COMMA_MIN_COUNT: u32 = 20;
pub const COMMA_MIN_SHARE: f32 = 0.9;

/// What a pronoun may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pron {
    Male,
    Female,
    Group,
    Org,
    /// "I", "we": the speaker of the quote the cue stands in.
    Speaker,
    /// "who", "which": the name just before.
    Relative,
}

/// A person's sex as far as pronouns go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// One line of `cues.tsv`: how often a word was in a cue, in all, at the
/// start of a cue of several words, and right after a comma: in all, and
/// starting a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CueCounts {
    pub cue: u32,
    pub total: u32,
    pub lead: u32,
    pub comma: u32,
    pub comma_cue: u32,
}

impl CueCounts {
    /// The prior bucket of a cue word (1..=6 by share), 0 when it is not one.
    pub fn bucket(&self) -> u8 {
        if self.cue < CUE_MIN_COUNT || self.total == 0 {
            return 0;
        }
        let share = self.cue as f32 / self.total as f32;
        match share {
            s if s < CUE_MIN_SHARE => 0,
            s if s < 0.1 => 1,
            s if s < 0.2 => 2,
            s if s < 0.4 => 3,
            s if s < 0.7 => 4,
            _ => 5 + u8::from(self.cue >= 50),
        }
    }

    /// Whether the word, right after a comma, is a cue (see [`COMMA_MIN_COUNT`]).
    pub fn is_sure_after_comma(&self) -> bool {
        self.comma_cue >= COMMA_MIN_COUNT
            && self.comma_cue as f32 >= COMMA_MIN_SHARE * self.comma as f32
    }

    pub fn is_lead(&self) -> bool {
        self.lead >= LEAD_MIN_COUNT
            && self.total > 0
            && self.lead as f32 / self.total as f32 >= LEAD_MIN_SHARE
    }
}

/// The loaded lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Word key → (prior bucket, leads a longer cue, a cue after a comma).
    cues: FxHashMap<u64, (u8, bool, bool)>,
    pronouns: FxHashMap<u64, Pron>,
    nouns: FxHashMap<u64, Kind>,
    names: FxHashMap<u64, Sex>,
    /// Word key → how often it headed a source, as a share of its uses (1..=4).
    heads: FxHashMap<u64, u8>,
    /// Word keys of the closed classes that never head a source.
    non_heads: rustc_hash::FxHashSet<u64>,
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    /// The lists built into the binary.
    pub fn builtin() -> Lexicon {
        Lexicon::from_counts(parse_cues(CUES), parse_heads(HEADS))
    }

    /// The built-in pronouns, nouns and names with these cue and source head
    /// counts (training makes its own from the training data).
    pub fn from_counts(
        cues: impl IntoIterator<Item = (String, CueCounts)>,
        heads: impl IntoIterator<Item = (String, HeadCounts)>,
    ) -> Lexicon {
        let mut lex = Lexicon::default();
        for (w, h) in heads {
            let b = h.bucket();
            if b > 0 {
                lex.heads.insert(word_key(&w), b);
            }
        }
        for (w, c) in cues {
            let b = c.bucket();
            if b > 0 || c.is_lead() {
                lex.cues
                    .insert(word_key(&w), (b, c.is_lead(), c.is_sure_after_comma()));
            }
        }
        for r in rows(PRONOUNS) {
            let p = match r.get(1).copied() {
                Some("m") => Pron::Male,
                Some("f") => Pron::Female,
                Some("group") => Pron::Group,
                Some("org") => Pron::Org,
                Some("self") => Pron::Speaker,
                Some("rel") => Pron::Relative,
                _ => continue,
            };
            lex.pronouns.insert(word_key(r[0]), p);
        }
        for r in rows(NOUNS) {
            let k = match r.get(1).copied() {
                Some("person") => Kind::Person,
                Some("organization") => Kind::Organization,
                _ => continue,
            };
            lex.nouns.insert(word_key(r[0]), k);
        }
        for r in rows(NAMES) {
            let s = match r.get(1).copied() {
                Some("m") => Sex::Male,
                Some("f") => Sex::Female,
                _ => continue,
            };
            lex.names.insert(word_key(r[0]), s);
        }
        for r in rows(NON_HEADS) {
            lex.non_heads.insert(word_key(r[0]));
        }
        lex
    }

    /// The cue prior bucket of a word key (0: not a cue word).
    pub fn cue(&self, key: u64) -> u8 {
        self.cues.get(&key).map_or(0, |c| c.0)
    }

    /// [`Lexicon::cue`] and [`Lexicon::lead`] in one lookup (made for every
    /// token of a document).
    pub fn cue_and_lead(&self, key: u64) -> (u8, bool) {
        self.cues.get(&key).map_or((0, false), |c| (c.0, c.1))
    }

    /// Whether the word, right after a comma, is always taken as a cue.
    pub fn sure_after_comma(&self, key: u64) -> bool {
        self.cues.get(&key).is_some_and(|c| c.2)
    }

    /// Whether the word often starts a cue of several words.
    pub fn lead(&self, key: u64) -> bool {
        self.cues.get(&key).is_some_and(|c| c.1)
    }

    pub fn pronoun(&self, key: u64) -> Option<Pron> {
        self.pronouns.get(&key).copied()
    }

    pub fn noun(&self, key: u64) -> Option<Kind> {
        self.nouns.get(&key).copied()
    }

    /// How strongly a word heads sources (0: it never did, often enough).
    pub fn head(&self, key: u64) -> u8 {
        self.heads.get(&key).copied().unwrap_or(0)
    }

    /// Whether a word is of a closed class that never heads a source phrase
    /// ("and", "despite", "would", "perhaps"; `non_heads.tsv`).
    pub fn non_head(&self, key: u64) -> bool {
        self.non_heads.contains(&key)
    }

    /// Whether a word is a noun that speaks: it headed sources in the
    /// training data, or it is a role or body of `source_nouns.tsv`.
    pub fn speaker_noun(&self, key: u64) -> bool {
        self.head(key) > 0 || self.nouns.contains_key(&key)
    }

    /// The sex of a given name, when the name says it.
    pub fn sex(&self, given: &str) -> Option<Sex> {
        self.names.get(&word_key(given)).copied()
    }
}

/// One line of `source_heads.tsv`: how often a word was the head of a gold
/// source, and how often it occurs in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeadCounts {
    pub head: u32,
    pub total: u32,
}

impl HeadCounts {
    /// 1..=4 by the share of its uses that head a source; 0 when too rare.
    pub fn bucket(&self) -> u8 {
        if self.head < HEAD_MIN_COUNT || self.total == 0 {
            return 0;
        }
        match self.head as f32 / self.total as f32 {
            s if s < 0.05 => 1,
            s if s < 0.2 => 2,
            s if s < 0.5 => 3,
            _ => 4,
        }
    }
}

/// Parses `source_heads.tsv`: word, times a source's head, times in all.
pub fn parse_heads(text: &str) -> Vec<(String, HeadCounts)> {
    rows(text)
        .filter_map(|r| {
            let n = |i: usize| r.get(i).and_then(|v| v.parse::<u32>().ok());
            Some((
                r.first()?.to_string(),
                HeadCounts {
                    head: n(1)?,
                    total: n(2)?,
                },
            ))
        })
        .collect()
}

/// Parses `cues.tsv`: word, in-cue count, total count, leading count, count
/// after a comma, count starting a cue after a comma.
pub fn parse_cues(text: &str) -> Vec<(String, CueCounts)> {
    rows(text)
        .filter_map(|r| {
            let n = |i: usize| r.get(i).and_then(|v| v.parse::<u32>().ok());
            Some((
                r.first()?.to_string(),
                CueCounts {
                    cue: n(1)?,
                    total: n(2)?,
                    lead: n(3).unwrap_or(0),
                    comma: n(4).unwrap_or(0),
                    comma_cue: n(5).unwrap_or(0),
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_the_share() {
        let c = |cue, total| CueCounts {
            cue,
            total,
            ..CueCounts::default()
        };
        assert_eq!(c(1, 1).bucket(), 0);
        assert_eq!(c(3, 1000).bucket(), 0);
        assert_eq!(c(10, 100).bucket(), 2);
        assert_eq!(c(900, 1000).bucket(), 6);
    }

    #[test]
    fn builtin_lists_load() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.pronoun(word_key("He")), Some(Pron::Male));
        assert_eq!(lex.noun(word_key("ministry")), Some(Kind::Organization));
        assert_eq!(lex.sex("Hillary"), Some(Sex::Female));
        assert_eq!(lex.sex("John"), Some(Sex::Male));
    }
}
