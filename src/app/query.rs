//! The query filter (`:`): which articles the list, its counts, `n` / `N`
//! and the cast follow. A query is clauses, all of which an article must
//! meet (and-ed); `-` before one negates it:
//!
//! - `word`, `"a phrase"`: in the title or the text, as a whole word (case
//!   aside);
//! - `actor:NAME`: the article names the actor NAME names (its name or an
//!   alias; quotes for spaces: `actor:"John Kerry"`);
//! - `with:NAME`: the actor is named in a sentence with the `actor:` actor
//!   (with no `actor:` clause, as `actor:`);
//! - `kind:person|organization|place|misc`: names in `actor:` and `with:`
//!   are looked up among actors of that kind; alone, the article names
//!   some actor of that kind;
//! - `source:TEXT`: the source (or, without one, the file) contains TEXT;
//! - `after:DATE`, `before:DATE`: dated on or after the start of DATE, or
//!   before it (`2016`, `2016-09`, `2016-09-01`).
//!
//! A mistake is an error naming its place in the query (1-based column).
//! The cheap clauses (dates, sources, actors: lists the cast keeps) run
//! first, the text scan and the sentence checks only on what is left.

use std::ops::Range;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::analysis::cooccur::within;
use crate::analysis::sentences;
use crate::cast::{ActorId, Cast, Kind};
use crate::corpus::{Article, Corpus};

/// A query's mistake: where (a 1-based column) and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

/// What one clause asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Words(String),
    Actor(String),
    With(String),
    Kind(Kind),
    Source(String),
    After(NaiveDate),
    Before(NaiveDate),
}

/// One clause: its term, negated or not, and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub term: Term,
    pub negated: bool,
    /// Character column (0-based) of the clause in the query.
    pub at: usize,
}

const FIELDS: &str = "actor, with, kind, source, after, before";

/// Parses a query into clauses.
pub fn parse(query: &str) -> Result<Vec<Clause>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let err = |at: usize, message: String| QueryError {
        column: at + 1,
        message,
    };
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let at = i;
        let negated = chars[i] == '-';
        if negated {
            i += 1;
        }
        // A field name: letters up to a colon.
        let word_end = (i..chars.len())
            .find(|&j| !chars[j].is_ascii_alphabetic() && chars[j] != '_')
            .unwrap_or(chars.len());
        let field = (word_end < chars.len() && chars[word_end] == ':' && word_end > i)
            .then(|| chars[i..word_end].iter().collect::<String>().to_lowercase());
        if field.is_some() {
            i = word_end + 1;
        }
        let value_at = i;
        let value = if chars.get(i) == Some(&'"') {
            let close = (i + 1..chars.len())
                .find(|&j| chars[j] == '"')
                .ok_or_else(|| err(i, "a quote that is never closed".into()))?;
            let v: String = chars[i + 1..close].iter().collect();
            i = close + 1;
            v
        } else {
            let end = (i..chars.len())
                .find(|&j| chars[j].is_whitespace())
                .unwrap_or(chars.len());
            let v: String = chars[i..end].iter().collect();
            i = end;
            v
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(err(
                value_at,
                match &field {
                    Some(f) => format!("{f}: needs a value"),
                    None => "a - with nothing after it".into(),
                },
            ));
        }
        let date = |v: &str, end: bool| {
            parse_date(v, end).ok_or_else(|| {
                err(
                    value_at,
                    format!("{v:?} is not a date (2016, 2016-09 or 2016-09-01)"),
                )
            })
        };
        let term = match field.as_deref() {
            None => Term::Words(value.to_lowercase()),
            Some("actor") => Term::Actor(value),
            Some("with") => Term::With(value),
            Some("kind") => Term::Kind(parse_kind(&value).ok_or_else(|| {
                err(
                    value_at,
                    format!("{value:?} is not a kind (person, organization, place, misc)"),
                )
            })?),
            Some("source") => Term::Source(value.to_lowercase()),
            Some("after") => Term::After(date(&value, false)?),
            Some("before") => Term::Before(date(&value, false)?),
            Some(other) => {
                return Err(err(
                    at + usize::from(negated),
                    format!("no field called {other:?} (fields: {FIELDS})"),
                ));
            }
        };
        clauses.push(Clause { term, negated, at });
    }
    if clauses.is_empty() {
        return Err(err(0, "an empty query".into()));
    }
    Ok(clauses)
}

fn parse_kind(text: &str) -> Option<Kind> {
    match text.to_lowercase().as_str() {
        "person" | "people" | "p" => Some(Kind::Person),
        "organization" | "organisation" | "org" | "o" => Some(Kind::Organization),
        "place" | "location" | "l" => Some(Kind::Place),
        "misc" | "m" => Some(Kind::Misc),
        _ => None,
    }
}

/// The first day of a year, month or day written as `2016`, `2016-09`,
/// `2016-09-01` (or with slashes).
fn parse_date(text: &str, _end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let num = |i: usize| parts.get(i).map(|p| p.parse::<u32>().ok());
    let year = num(0)??;
    let month = match num(1) {
        None => 1,
        Some(m) => m?,
    };
    let day = match num(2) {
        None => 1,
        Some(d) => d?,
    };
    if parts.len() > 3 || !(1000..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// The actor a name names, among actors of `kind` when one is given: its
/// name, else an alias, case aside; of several, the most mentioned.
fn actor_named(cast: &Cast, name: &str, kind: Option<Kind>) -> Option<ActorId> {
    let Some(kind) = kind else {
        return cast.find(name);
    };
    let lower = name.to_lowercase();
    let live = cast
        .actors()
        .iter()
        .enumerate()
        .filter(|(i, a)| a.mentions > 0 && a.kind == kind && !cast.is_dismissed(*i as ActorId));
    let best = |it: &mut dyn Iterator<Item = (usize, &crate::cast::Actor)>| {
        it.max_by_key(|(i, a)| (a.mentions, std::cmp::Reverse(*i)))
            .map(|(i, _)| i as ActorId)
    };
    best(&mut live.clone().filter(|(_, a)| a.name.to_lowercase() == lower)).or_else(|| {
        best(&mut live.filter(|(_, a)| a.aliases.iter().any(|x| x.text.to_lowercase() == lower)))
    })
}

/// The articles (by id) that meet every clause of `query`.
pub fn evaluate(query: &str, corpus: &Corpus, cast: &Cast) -> Result<Vec<bool>, QueryError> {
    let clauses = parse(query)?;
    let n = corpus.articles.len();
    let kind = clauses.iter().find_map(|c| match c.term {
        Term::Kind(k) if !c.negated => Some(k),
        _ => None,
    });
    let named = |c: &Clause, name: &str| {
        actor_named(cast, name, kind).ok_or_else(|| QueryError {
            column: c.at + 1,
            message: format!(
                "no {}actor called {name:?}",
                kind.map(|k| format!("{} ", k.label())).unwrap_or_default()
            ),
        })
    };
    // The actors `with:` names its companions to.
    let mut leads: Vec<ActorId> = Vec::new();
    for c in &clauses {
        if let (Term::Actor(name), false) = (&c.term, c.negated) {
            leads.push(named(c, name)?);
        }
    }
    let mut keep = vec![true; n];
    let mut slow: Vec<(&Clause, Slow)> = Vec::new();
    let has_lead_or_with = clauses
        .iter()
        .any(|c| matches!(c.term, Term::Actor(_) | Term::With(_)));
    for c in &clauses {
        let mut on: Vec<bool> = match &c.term {
            Term::Actor(name) => in_articles(cast, named(c, name)?, n),
            Term::With(name) if leads.is_empty() => in_articles(cast, named(c, name)?, n),
            Term::With(name) => {
                // Where both are named; which sentences, later.
                let b = named(c, name)?;
                let mut on = in_articles(cast, b, n);
                for &a in &leads {
                    let of_a = in_articles(cast, a, n);
                    for (x, y) in on.iter_mut().zip(of_a) {
                        *x &= y;
                    }
                }
                slow.push((c, Slow::With(b)));
                if c.negated {
                    // Decided by the sentence check alone.
                    continue;
                }
                on
            }
            Term::Kind(k) if has_lead_or_with && !c.negated => continue,
            Term::Kind(k) => {
                let mut on = vec![false; n];
                for (a, x) in on.iter_mut().enumerate() {
                    *x = cast.mentions_in(a).iter().any(|m| {
                        cast.actor(m.actor)
                            .is_some_and(|x| x.kind == *k && x.mentions > 0)
                    });
                }
                on
            }
            Term::Source(s) => corpus.articles.iter().map(|a| source_has(a, s)).collect(),
            Term::After(d) => corpus
                .articles
                .iter()
                .map(|a| a.date().is_some_and(|x| x.date() >= *d))
                .collect(),
            Term::Before(d) => corpus
                .articles
                .iter()
                .map(|a| a.date().is_some_and(|x| x.date() < *d))
                .collect(),
            Term::Words(w) => {
                slow.push((c, Slow::Words(w.clone())));
                continue;
            }
        };
        if c.negated {
            on.iter_mut().for_each(|x| *x = !*x);
        }
        for (k, x) in keep.iter_mut().zip(on) {
            *k &= x;
        }
    }
    // The text and the sentences, of what is left only, on every core.
    for (c, what) in slow {
        let test: Box<ArticleTest> = match what {
            Slow::Words(w) => {
                // ASCII case aside; the regex crate finds the literal's
                // case variants with its SIMD prefilters, far faster here
                // than a case-folding automaton.
                let Ok(re) =
                    regex::bytes::RegexBuilder::new(&format!("(?i-u){}", regex::escape(&w)))
                        .unicode(false)
                        .build()
                else {
                    continue;
                };
                Box::new(move |_, a: &Article| {
                    // A body kept on disk (the index cache) is read for it.
                    has_word(&re, a.title()) || has_word(&re, &a.body_text())
                })
            }
            Slow::With(b) => {
                let leads = leads.clone();
                Box::new(move |id, a: &Article| {
                    leads.iter().any(|&l| shares_sentence(cast, id, a, l, b))
                })
            }
        };
        let negated = c.negated;
        keep.par_iter_mut()
            .enumerate()
            .filter(|(_, k)| **k)
            .for_each(|(id, k)| {
                *k = corpus.articles.get(id).is_some_and(|a| test(id, a)) != negated;
            });
    }
    Ok(keep)
}

/// A check of one article (by id) that reads its text.
type ArticleTest<'a> = dyn Fn(usize, &Article) -> bool + Sync + 'a;

enum Slow {
    Words(String),
    With(ActorId),
}

/// Which articles name `actor`.
fn in_articles(cast: &Cast, actor: ActorId, n: usize) -> Vec<bool> {
    let mut on = vec![false; n];
    for (article, _) in cast.mentions_of(actor) {
        if let Some(x) = on.get_mut(article) {
            *x = true;
        }
    }
    on
}

fn source_has(article: &Article, wanted: &str) -> bool {
    match &article.source() {
        Some(s) => s.to_lowercase().contains(wanted),
        None => article.origin.path.to_lowercase().contains(wanted),
    }
}

/// Whether `text` holds the word or phrase as a whole word (not inside
/// another: "war" is not in "award").
fn has_word(re: &regex::bytes::Regex, text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |i: usize| {
        text.get(i..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_alphanumeric)
    };
    let before = |i: usize| {
        text.get(..i)
            .and_then(|s| s.chars().next_back())
            .is_some_and(char::is_alphanumeric)
    };
    re.find_iter(bytes)
        .any(|m| !before(m.start()) && !word(m.end()))
}

/// Whether some sentence of article `id` names both `a` and `b`.
fn shares_sentence(cast: &Cast, id: usize, article: &Article, a: ActorId, b: ActorId) -> bool {
    let mentions = cast.mentions_in(id);
    let mut last: Option<Range<usize>> = None;
    for m in mentions.iter().filter(|m| m.actor == a) {
        if last
            .as_ref()
            .is_some_and(|r| r.contains(&(m.start as usize)))
        {
            continue;
        }
        let range = sentences::in_article(article, m.start as usize);
        if within(mentions, &range).iter().any(|x| x.actor == b) {
            return true;
        }
        last = Some(range);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Engine;

    #[test]
    fn the_issue_s_query_parses() {
        let q = parse(
            r#"actor:"John Kerry" with:Lavrov kind:person source:bbc after:2016-09-01 before:2016-10 ceasefire -aleppo"#,
        )
        .unwrap();
        let terms: Vec<&Term> = q.iter().map(|c| &c.term).collect();
        assert_eq!(terms[0], &Term::Actor("John Kerry".into()));
        assert_eq!(terms[1], &Term::With("Lavrov".into()));
        assert_eq!(terms[2], &Term::Kind(Kind::Person));
        assert_eq!(terms[3], &Term::Source("bbc".into()));
        assert_eq!(
            terms[4],
            &Term::After(NaiveDate::from_ymd_opt(2016, 9, 1).unwrap())
        );
        assert_eq!(
            terms[5],
            &Term::Before(NaiveDate::from_ymd_opt(2016, 10, 1).unwrap())
        );
        assert_eq!(terms[6], &Term::Words("ceasefire".into()));
        assert!(q[7].negated && q[7].term == Term::Words("aleppo".into()));
        assert_eq!(
            parse("\"cease fire\"").unwrap()[0].term,
            Term::Words("cease fire".into())
        );
    }

    #[test]
    fn mistakes_name_their_column() {
        for (query, column, says) in [
            ("kerry \"cease", 7, "never closed"),
            ("colour:red", 1, "no field called \"colour\""),
            ("x -colour:red", 4, "no field"),
            ("after:yesterday", 7, "not a date"),
            ("before:2016-13", 8, "not a date"),
            ("kind:alien", 6, "not a kind"),
            ("actor:", 7, "needs a value"),
            ("   ", 1, "empty"),
        ] {
            let e = parse(query).unwrap_err();
            assert_eq!(e.column, column, "{query}: {e}");
            assert!(e.message.contains(says), "{query}: {e}");
        }
    }

    fn bundled() -> (Corpus, Cast) {
        let corpus = crate::corpus::bundled();
        let cast = Cast::build(&Engine::builtin(), &corpus.articles);
        (corpus, cast)
    }

    fn ids(on: &[bool]) -> Vec<usize> {
        on.iter()
            .enumerate()
            .filter(|(_, x)| **x)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn words_are_whole_words_case_aside_accents_kept() {
        let corpus = Corpus {
            articles: vec![
                crate::corpus::Article::new(
                    "Zürich talks",
                    "An award. The CEASE-FIRE (held) in Genève.",
                ),
                crate::corpus::Article::new("War", "Nothing here."),
            ],
            warnings: Vec::new(),
        };
        let cast = Cast::default();
        let found = |q: &str| ids(&evaluate(q, &corpus, &cast).unwrap());
        assert_eq!(found("zürich"), vec![0]);
        assert_eq!(found("genève"), vec![0]);
        assert_eq!(found("cease-fire"), vec![0]);
        assert_eq!(found("war"), vec![1], "not inside \"award\"");
        assert_eq!(
            found("\"fire (held)\""),
            vec![0],
            "regex characters are literal"
        );
        assert_eq!(found("-war"), vec![0]);
    }

    #[test]
    fn clauses_are_and_ed_and_negated() {
        let (corpus, cast) = bundled();
        let all = corpus.articles.len();
        let kerry = ids(&evaluate("actor:\"John Kerry\"", &corpus, &cast).unwrap());
        let expected: Vec<usize> = (0..all)
            .filter(|&a| {
                cast.mentions_in(a)
                    .iter()
                    .any(|m| cast.actor(m.actor).unwrap().name == "John Kerry")
            })
            .collect();
        assert_eq!(kerry, expected);
        let not = ids(&evaluate("-actor:kerry", &corpus, &cast).unwrap());
        assert_eq!(kerry.len() + not.len(), all);
        let word = ids(&evaluate("ceasefire", &corpus, &cast).unwrap());
        let by_hand: Vec<usize> = (0..all)
            .filter(|&a| {
                let t = format!(
                    "{} {}",
                    corpus.articles[a].title(),
                    corpus.articles[a].body()
                )
                .to_lowercase();
                t.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == "ceasefire")
            })
            .collect();
        assert_eq!(word, by_hand);
        let both = ids(&evaluate("actor:kerry ceasefire", &corpus, &cast).unwrap());
        assert_eq!(
            both,
            kerry
                .iter()
                .copied()
                .filter(|a| word.contains(a))
                .collect::<Vec<_>>()
        );
        assert!(ids(&evaluate("after:2030", &corpus, &cast).unwrap()).is_empty());
    }

    #[test]
    fn with_asks_for_one_sentence() {
        let (corpus, cast) = bundled();
        let with = ids(&evaluate("actor:kerry with:lavrov", &corpus, &cast).unwrap());
        let kerry = cast.find("kerry").unwrap();
        let lavrov = cast.find("lavrov").unwrap();
        let expected: Vec<usize> = (0..corpus.articles.len())
            .filter(|&a| {
                !crate::analysis::cooccur::shared_in(&corpus, &cast, a, kerry, lavrov).is_empty()
            })
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(with, expected);
        let err = evaluate("actor:nobody-at-all", &corpus, &cast).unwrap_err();
        assert_eq!(err.column, 1);
        assert!(err.message.contains("no actor called"), "{err}");
        let err = evaluate("x actor:kerry kind:place", &corpus, &cast).unwrap_err();
        assert_eq!(err.column, 3, "{err}");
    }
}
