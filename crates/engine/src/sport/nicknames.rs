//! Team nicknames (`assets/sport/nicknames.tsv`): in a report on its sport,
//! "the All Blacks" is New Zealand's rugby union side — the same actor as the
//! place name used as the team there ("New Zealand (rugby union)").

use rustc_hash::FxHashMap;

use crate::gazetteer::{Entry, Gazetteer, with_lower};

const NICKNAMES: &str = include_str!("../../../../assets/sport/nicknames.tsv");

/// The team a nickname names: its key and name, as the team sense of the
/// place name gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub key: String,
    pub name: String,
}

/// Nicknames by lower-cased nickname, then sport.
#[derive(Debug, Clone, Default)]
pub struct Nicknames {
    /// Looked up by `&str` (no key to build) for every name of a sports report.
    teams: FxHashMap<String, FxHashMap<String, Team>>,
    /// Every nickname, lower case, whatever its sport.
    names: rustc_hash::FxHashSet<String>,
}

/// How resolution keys a place name found in text ("St. Louis" → "n:st louis").
fn text_key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.replace('.', "").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    format!("n:{}", words.join(" "))
}

impl Nicknames {
    /// The built-in list, with places keyed as `gaz` knows them.
    pub fn builtin(gaz: &Gazetteer) -> Nicknames {
        let mut out = Nicknames::default();
        for line in NICKNAMES.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [nick, sport, place] = cols.as_slice() else {
                continue;
            };
            let (key, name) = match gaz.lookup_phrase(place) {
                Some(Entry::Actor(id)) => {
                    let a = &gaz.actors[id as usize];
                    (a.key.clone(), a.name.clone())
                }
                _ => (text_key(place), (*place).to_string()),
            };
            out.names.insert(nick.to_lowercase());
            out.teams.entry(nick.to_lowercase()).or_default().insert(
                (*sport).to_string(),
                Team {
                    key: format!("team:{sport}:{key}"),
                    name: format!("{name} ({sport})"),
                },
            );
        }
        out
    }

    /// `name` (as written, a leading "the" ignored) is some team's nickname.
    pub fn is_nickname(&self, name: &str) -> bool {
        with_lower(name, |lower| {
            self.names
                .contains(lower.strip_prefix("the ").unwrap_or(lower))
        })
    }

    /// The team `name` (as written, a leading "the" ignored) names in a
    /// report on `sport`.
    pub fn team(&self, name: &str, sport: &str) -> Option<&Team> {
        with_lower(name, |lower| {
            let lower = lower.strip_prefix("the ").unwrap_or(lower);
            self.teams.get(lower)?.get(sport)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_name_their_place_teams_in_their_sport_only() {
        let n = Nicknames::builtin(&Gazetteer::builtin());
        let nz = n.team("All Blacks", "rugby union").expect("All Blacks");
        assert!(nz.name.starts_with("New Zealand"), "{nz:?}");
        assert!(nz.key.starts_with("team:rugby union:"), "{nz:?}");
        assert_eq!(
            n.team("Giants", "baseball").map(|t| t.key.as_str()),
            Some("team:baseball:n:san francisco")
        );
        assert!(n.team("Giants", "american football").is_some());
        assert!(n.team("Giants", "cricket").is_none());
    }
}
