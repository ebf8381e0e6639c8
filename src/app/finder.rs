//! The cast finder: actors ranked by how well their name or one of their
//! aliases matches what is typed, fuzzily, as helix and many pickers do
//! (`nucleo-matcher`). "ptn" finds Vladimir Putin, "isil" the Islamic State
//! through its alias.
//!
//! Typing one more letter only narrows what matched before, so a key on a
//! cast of 50,000 actors scores the survivors of the last key, not the
//! whole cast again.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::cast::{ActorId, Cast};

/// How many aliases of an actor are matched besides its name: the most
/// frequent, which are the ones a reader knows it by.
const ALIASES: usize = 6;

/// At most this many actors are listed.
pub const SHOWN: usize = 500;

/// The names the finder matches, and what the last query matched.
pub struct Finder {
    matcher: Matcher,
    /// (actor, name or alias), every live actor's.
    haystacks: Vec<(ActorId, Utf32String)>,
    /// The queries typed since the last fresh start, each with the
    /// haystacks it matched, shortest first: a key typed narrows the last
    /// one's set, a key deleted goes back to a set already known.
    typed: Vec<(String, Vec<u32>)>,
}

impl std::fmt::Debug for Finder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finder")
            .field("haystacks", &self.haystacks.len())
            .finish()
    }
}

impl Finder {
    /// The finder over `cast`'s live actors (dismissed and absorbed ones left out).
    pub fn new(cast: &Cast) -> Finder {
        let mut haystacks = Vec::new();
        for (id, actor) in cast.actors().iter().enumerate() {
            let id = id as ActorId;
            if actor.mentions == 0 || cast.is_dismissed(id) {
                continue;
            }
            haystacks.push((id, Utf32String::from(actor.name.as_str())));
            for alias in actor
                .aliases
                .iter()
                .filter(|a| a.text != actor.name)
                .take(ALIASES)
            {
                haystacks.push((id, Utf32String::from(alias.text.as_str())));
            }
        }
        Finder {
            matcher: Matcher::new(Config::DEFAULT),
            haystacks,
            typed: Vec::new(),
        }
    }

    /// The actors matching `query`, best first (then the most mentioned),
    /// at most [`SHOWN`]; every actor, most mentioned first, for an empty
    /// query.
    pub fn rank(&mut self, cast: &Cast, query: &str) -> Vec<(ActorId, usize)> {
        let mentions = |a: ActorId| cast.actor(a).map_or(0, |a| a.mentions);
        if query.trim().is_empty() {
            self.typed.clear();
            let mut all: Vec<ActorId> = self.haystacks.iter().map(|h| h.0).collect();
            all.dedup();
            let mut rows: Vec<(ActorId, usize)> =
                all.into_iter().map(|a| (a, mentions(a))).collect();
            top(&mut rows, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            return rows;
        }
        // A query that extends an earlier one matches a subset of what that
        // one matched (nucleo's atoms are and-ed, each fuzzy) — unless either
        // uses nucleo's operators, whose matches need not shrink as they grow.
        let special = |q: &str| q.contains(['|', '\\', '!', '^', '$', '\'']);
        while self
            .typed
            .last()
            .is_some_and(|(q, _)| !query.starts_with(q.as_str()) || special(q) || special(query))
        {
            self.typed.pop();
        }
        if let Some((q, matched)) = self.typed.last()
            && q == query
        {
            // Deleted back to a query already ranked: its set is known.
            let matched = matched.clone();
            return self.ranked(cast, query, matched.into_iter(), false);
        }
        let candidates: Vec<u32> = match self.typed.last() {
            Some((_, matched)) => matched.clone(),
            None => (0..self.haystacks.len() as u32).collect(),
        };
        self.ranked(cast, query, candidates.into_iter(), true)
    }

    /// Scores `candidates` against `query`; remembers the ones it matches
    /// when `remember`; returns the best actors.
    fn ranked(
        &mut self,
        cast: &Cast,
        query: &str,
        candidates: impl Iterator<Item = u32>,
        remember: bool,
    ) -> Vec<(ActorId, usize)> {
        let mentions = |a: ActorId| cast.actor(a).map_or(0, |a| a.mentions);
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut matched = Vec::new();
        let wanted: Vec<char> = query.trim().chars().flat_map(char::to_lowercase).collect();
        // Best (tier, score) per actor: haystacks of one actor are adjacent.
        let mut best: Vec<(ActorId, (u8, u32))> = Vec::new();
        for i in candidates {
            let (actor, text) = &self.haystacks[i as usize];
            if let Some(score) = pattern.score(text.slice(..), &mut self.matcher) {
                matched.push(i);
                let rank = (tier(text, &wanted), score);
                match best.last_mut() {
                    Some((a, s)) if a == actor => *s = (*s).max(rank),
                    _ => best.push((*actor, rank)),
                }
            }
        }
        if remember {
            self.typed.push((query.to_string(), matched));
        }
        top(&mut best, |a, b| {
            b.1.cmp(&a.1)
                .then_with(|| mentions(b.0).cmp(&mentions(a.0)))
                .then(a.0.cmp(&b.0))
        });
        best.into_iter().map(|(a, _)| (a, mentions(a))).collect()
    }

    /// How many names and aliases it matches against.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }
}

/// Keeps the first [`SHOWN`] of `rows` in `order`, sorted: a selection,
/// then a sort of those alone (a one-letter query matches most of a cast).
fn top<T>(rows: &mut Vec<T>, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if rows.len() > SHOWN {
        rows.select_nth_unstable_by(SHOWN - 1, &order);
        rows.truncate(SHOWN);
    }
    rows.sort_unstable_by(order);
}

/// How literally a name matches what is typed, before the fuzzy score: 2
/// for the name itself (case aside), 1 for a name that starts with it, 0
/// otherwise. The fuzzy score alone does not prefer "Donald Trump" to a
/// longer name holding the same letters ("Donald Trump Jr."), nor a whole
/// name to a part of one.
fn tier(text: &Utf32String, wanted: &[char]) -> u8 {
    let mut chars = text.slice(..).chars().flat_map(char::to_lowercase);
    for &w in wanted {
        if chars.next() != Some(w) {
            return 0;
        }
    }
    if chars.next().is_none() { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Engine;

    fn cast() -> Cast {
        Cast::build(&Engine::builtin(), &crate::corpus::bundled().articles)
    }

    fn names(cast: &Cast, rows: &[(ActorId, usize)]) -> Vec<String> {
        rows.iter()
            .map(|(a, _)| cast.actor(*a).unwrap().name.clone())
            .collect()
    }

    #[test]
    fn fuzzy_queries_rank_the_best_match_first() {
        let cast = cast();
        let mut finder = Finder::new(&cast);
        let found = names(&cast, &finder.rank(&cast, "ptn"));
        assert_eq!(
            found.first().map(String::as_str),
            Some("Vladimir Putin"),
            "{found:?}"
        );
        let found = names(&cast, &finder.rank(&cast, "kerry"));
        assert_eq!(
            found.first().map(String::as_str),
            Some("John Kerry"),
            "{found:?}"
        );
    }

    #[test]
    fn aliases_are_matched_too() {
        let cast = cast();
        let (id, alias) = cast
            .actors()
            .iter()
            .enumerate()
            .find_map(|(i, a)| {
                let alias = a.aliases.iter().find(|x| {
                    a.mentions > 0
                        && !x.text.to_lowercase().contains(&a.name.to_lowercase())
                        && !a.name.to_lowercase().contains(&x.text.to_lowercase())
                })?;
                Some((i as ActorId, alias.text.clone()))
            })
            .expect("some actor has an alias unlike its name");
        let mut finder = Finder::new(&cast);
        let rows = finder.rank(&cast, &alias);
        assert!(
            rows.iter().take(5).any(|r| r.0 == id),
            "{alias}: {:?}",
            names(&cast, &rows)
        );
    }

    #[test]
    fn a_whole_name_typed_outranked_by_a_longer_one_regression() {
        // On 100,000 articles "Donald Trump" typed in full put a smaller
        // actor above Donald Trump: the fuzzy score ties (or prefers) other
        // names holding the same letters, and the tie went to mentions.
        use crate::cast::{DocActors, DocMention, Form, Kind};
        let body = "Donald Trump Jr. and Donald Trump Jr. and Donald Trump Jr. met Donald Trump.";
        let mut doc = DocActors::default();
        let jr = doc.add_entity("Donald Trump Jr.", Kind::Person, "donald trump jr.");
        let dad = doc.add_entity("Donald Trump", Kind::Person, "donald trump");
        for (i, _) in body.match_indices("Donald Trump") {
            let junior = body[i..].starts_with("Donald Trump Jr.");
            let len = if junior { 16 } else { 12 };
            doc.mentions.push(DocMention {
                start: 2 + i,
                end: 2 + i + len,
                entity: if junior { jr } else { dad },
                form: Form::Name,
                uncertain: false,
            });
        }
        let article = crate::corpus::Article::new("A", body);
        let mut cast = Cast::default();
        cast.add(0, &article, &doc);
        cast.finish();
        let mut finder = Finder::new(&cast);
        let found = names(&cast, &finder.rank(&cast, "donald trump"));
        assert_eq!(
            found.first().map(String::as_str),
            Some("Donald Trump"),
            "{found:?}"
        );
        let found = names(&cast, &finder.rank(&cast, "Donald Trump J"));
        assert_eq!(
            found.first().map(String::as_str),
            Some("Donald Trump Jr."),
            "{found:?}"
        );
        let wanted = |q: &str| q.chars().flat_map(char::to_lowercase).collect::<Vec<_>>();
        let text = Utf32String::from("Donald Trump");
        assert_eq!(tier(&text, &wanted("donald trump")), 2);
        assert_eq!(tier(&text, &wanted("Donald")), 1);
        assert_eq!(tier(&text, &wanted("trump")), 0);
    }

    #[test]
    fn narrowing_finds_what_a_fresh_query_finds() {
        let cast = cast();
        let mut typed = Finder::new(&cast);
        for q in ["r", "ru", "rus", "russ"] {
            let step = typed.rank(&cast, q);
            let fresh = Finder::new(&cast).rank(&cast, q);
            assert_eq!(step, fresh, "{q}");
        }
        // Deleting letters goes back to sets already known; operators and
        // a second word start again or narrow, as a fresh finder would.
        for q in [
            "rus", "ru", "ru s", "ru !s", "ru", "r", "v p", "v pu", "v p",
        ] {
            let step = typed.rank(&cast, q);
            let fresh = Finder::new(&cast).rank(&cast, q);
            assert_eq!(step, fresh, "{q}");
        }
        assert!(typed.rank(&cast, "zzzzqqq").is_empty());
    }
}
