//! The user's actors file: extra actors with their aliases, and words that are
//! never actors. TOML, read from the config directory and from `--actors FILE`:
//!
//! ```toml
//! never = ["Breaking", "Live"]
//!
//! [[actor]]
//! name = "Jabhat Fateh al-Sham"
//! kind = "organization"          # person | organization | place | misc
//! aliases = ["JFS", "Nusra"]
//! ```
//!
//! A bad file is an error naming the file, line and column.

use serde::Deserialize;

use super::Kind;
use super::gazetteer::{Entry, Gazetteer};

/// Why the engine could not be set up.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EngineError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFile {
    #[serde(default)]
    never: Vec<String>,
    #[serde(default)]
    actor: Vec<UserActor>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserActor {
    name: String,
    kind: Kind,
    #[serde(default)]
    aliases: Vec<String>,
}

/// 1-based line and column of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses `text` and adds its actors and never-words to `gaz`. User actors take
/// precedence over built-in phrases with the same spelling.
pub fn apply(gaz: &mut Gazetteer, text: &str, path: &str) -> Result<(), EngineError> {
    let file: UserFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        EngineError::Syntax {
            path: path.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    for word in &file.never {
        gaz.add_never(word);
    }
    for a in &file.actor {
        let key = format!("user:{}", a.name.to_lowercase());
        let id = gaz.add_actor(&a.name, a.kind, &key);
        gaz.set_phrase(&a.name, Entry::Actor(id));
        for alias in &a.aliases {
            gaz.set_phrase(alias, Entry::Actor(id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_actors_and_never_words() {
        let mut g = Gazetteer::builtin();
        let text = "never = [\"Breaking\"]\n[[actor]]\nname = \"Jabhat Fateh al-Sham\"\nkind = \"organization\"\naliases = [\"JFS\"]\n";
        apply(&mut g, text, "a.toml").unwrap();
        assert!(g.is_never("breaking"));
        let Some(Entry::Actor(id)) = g.lookup_phrase("JFS") else {
            panic!()
        };
        assert_eq!(g.actors[id as usize].name, "Jabhat Fateh al-Sham");
        assert_eq!(
            g.lookup_phrase("Jabhat Fateh al-Sham"),
            Some(Entry::Actor(id))
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let mut g = Gazetteer::builtin();
        let text = "[[actor]]\nname = \"X\"\nkind = \"alien\"\n";
        match apply(&mut g, text, "a.toml").unwrap_err() {
            EngineError::Syntax {
                line, column, path, ..
            } => {
                assert_eq!((path.as_str(), line), ("a.toml", 3));
                assert!(column >= 1);
            }
            other => panic!("{other:?}"),
        }
        let err = apply(&mut g, "never = [", "b.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("b.toml:1:"), "{err}");
    }
}
