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
//!
//! [[fix]]                         # corrections made in the reader, in order
//! merge = "Kerry"                 # the actor called Kerry is John Kerry
//! into = "John Kerry"
//!
//! [[fix]]
//! split = "London"                # "London" on its own is not Michael London
//! from = "Michael London"
//! ```
//!
//! The other corrections are `rename = "A"` with `to = "B"`, `actor = "A"`
//! with `kind = "place"`, and `not_actor = "A"` (see [`crate::Fix`]).
//!
//! A bad file is an error naming the file, line and column: bad TOML, an
//! empty or blank name, an empty alias. An alias that would match ordinary
//! text — one letter, or a word the engine's own lists call a function word
//! or never an actor ("the", "a") — is accepted with a [`UserFileWarning`],
//! which the loading functions return for the caller to show.
//!
//! Reading is bounded: at most [`MAX_USER_FILE`] bytes, and a named pipe or
//! a device that gives nothing within a few seconds is an error rather than
//! a wait without end.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::gazetteer::{Entry, Gazetteer};
use super::{Fix, Kind};

/// The largest actors file read. A hand-written list of even 100,000 actors
/// stays well under it; `--actors /dev/zero` stops here.
pub const MAX_USER_FILE: usize = 8 << 20;

/// How long a named pipe, socket or device may take to give the whole file.
pub const SPECIAL_FILE_WAIT: Duration = Duration::from_secs(5);

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

/// Something in an actors file that was accepted but is probably a mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFileWarning {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for UserFileWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFile {
    #[serde(default)]
    never: Vec<String>,
    #[serde(default)]
    actor: Vec<UserActor>,
    #[serde(default)]
    fix: Vec<Spanned<FixEntry>>,
}

/// One `[[fix]]` table: one correction, named by its first key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixEntry {
    merge: Option<Spanned<String>>,
    into: Option<Spanned<String>>,
    split: Option<Spanned<String>>,
    from: Option<Spanned<String>>,
    rename: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
    actor: Option<Spanned<String>>,
    kind: Option<Kind>,
    not_actor: Option<Spanned<String>>,
}

impl FixEntry {
    /// The correction, or what is wrong with the table.
    fn fix(self) -> Result<Fix, (Option<std::ops::Range<usize>>, String)> {
        let text = |v: Spanned<String>| {
            let span = v.span();
            let t = v.into_inner().trim().to_string();
            if t.is_empty() {
                Err((Some(span), "a name in a [[fix]] is empty".to_string()))
            } else {
                Ok(t)
            }
        };
        let need = |v: Option<Spanned<String>>, key: &str, with: &str| match v {
            Some(v) => text(v),
            None => Err((None, format!("a [[fix]] with `{key}` needs `{with}` too"))),
        };
        let FixEntry {
            merge,
            into,
            split,
            from,
            rename,
            to,
            actor,
            kind,
            not_actor,
        } = self;
        let ops = [
            merge.is_some(),
            split.is_some(),
            rename.is_some(),
            actor.is_some() || kind.is_some(),
            not_actor.is_some(),
        ];
        if ops.iter().filter(|&&x| x).count() != 1 {
            return Err((
                None,
                "a [[fix]] holds one correction: merge/into, split/from, rename/to, \
                 actor/kind or not_actor"
                    .into(),
            ));
        }
        Ok(if let Some(m) = merge {
            Fix::Merge {
                actor: text(m)?,
                into: need(into, "merge", "into")?,
            }
        } else if let Some(s) = split {
            Fix::Split {
                alias: text(s)?,
                from: need(from, "split", "from")?,
            }
        } else if let Some(r) = rename {
            Fix::Rename {
                actor: text(r)?,
                to: need(to, "rename", "to")?,
            }
        } else if let Some(n) = not_actor {
            Fix::NotActor { actor: text(n)? }
        } else {
            let Some(kind) = kind else {
                return Err((None, "a [[fix]] with `actor` needs `kind` too".into()));
            };
            Fix::Kind {
                actor: need(actor, "kind", "actor")?,
                kind,
            }
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserActor {
    name: Spanned<String>,
    kind: Kind,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

/// 1-based line and column of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Reads an actors file whole, within bounds: a folder, a file larger than
/// [`MAX_USER_FILE`], text that is not UTF-8, or a pipe or device that gives
/// nothing within [`SPECIAL_FILE_WAIT`] is an error naming the file.
pub fn read(path: &Path) -> Result<String, EngineError> {
    read_waiting(path, SPECIAL_FILE_WAIT)
}

fn read_waiting(path: &Path, wait: Duration) -> Result<String, EngineError> {
    let shown = path.display().to_string();
    let error = |message: String| EngineError::Io {
        path: shown.clone(),
        message,
    };
    // metadata() follows links and opens nothing, so it never blocks.
    let meta = std::fs::metadata(path).map_err(|e| error(e.to_string()))?;
    if meta.is_dir() {
        return Err(error("is a folder, not an actors file".into()));
    }
    let bytes = if meta.is_file() {
        File::open(path)
            .and_then(read_bounded)
            .map_err(|e| error(e.to_string()))?
    } else {
        // Opening a named pipe waits for a writer, and a device may never
        // end: read on a thread of its own, and give up after `wait` (the
        // thread is left blocked; the program is about to stop anyway).
        let (tx, rx) = mpsc::channel();
        let owned = path.to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(File::open(&owned).and_then(read_bounded));
        });
        match rx.recv_timeout(wait) {
            Ok(read) => read.map_err(|e| error(e.to_string()))?,
            Err(_) => {
                return Err(error(format!(
                    "is {}, and it gave no complete file within {} s",
                    special_kind(&meta),
                    wait.as_secs_f32()
                )));
            }
        }
    };
    if bytes.len() > MAX_USER_FILE {
        return Err(error(format!(
            "larger than {} MB, the limit for an actors file",
            MAX_USER_FILE >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        error(format!("not valid UTF-8 (byte {at})"))
    })
}

/// Reads at most one byte more than [`MAX_USER_FILE`], enough to tell that
/// a file is too large.
fn read_bounded(file: File) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(MAX_USER_FILE as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a file that is neither a regular file nor a folder is, in words.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Parses `text` and adds its actors and never-words to `gaz`. User actors take
/// precedence over built-in phrases with the same spelling. Returns what was
/// accepted but looks wrong.
pub fn apply(
    gaz: &mut Gazetteer,
    text: &str,
    path: &str,
) -> Result<Vec<UserFileWarning>, EngineError> {
    apply_with_fixes(gaz, &mut Vec::new(), text, path)
}

/// [`apply`], and the file's corrections (`[[fix]]`) added to `fixes`.
pub fn apply_with_fixes(
    gaz: &mut Gazetteer,
    fixes: &mut Vec<Fix>,
    text: &str,
    path: &str,
) -> Result<Vec<UserFileWarning>, EngineError> {
    read_into(Some(gaz), fixes, text, path)
}

/// Whether `text` is an actors file [`apply`] accepts (without the
/// gazetteer's word lists, so without warnings); returns its corrections.
pub fn check(text: &str, path: &str) -> Result<Vec<Fix>, EngineError> {
    let mut fixes = Vec::new();
    read_into(None, &mut fixes, text, path)?;
    Ok(fixes)
}

fn read_into(
    gaz: Option<&mut Gazetteer>,
    fixes: &mut Vec<Fix>,
    text: &str,
    path: &str,
) -> Result<Vec<UserFileWarning>, EngineError> {
    let file: UserFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        EngineError::Syntax {
            path: path.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let at = |value: &Spanned<String>, message: String| {
        let (line, column) = line_col(text, value.span().start);
        EngineError::Syntax {
            path: path.to_string(),
            line,
            column,
            message,
        }
    };
    // Checked before anything is added: a bad file changes nothing.
    let mut found = Vec::new();
    for entry in file.fix {
        let span = entry.span();
        let fix = entry.into_inner().fix().map_err(|(at, message)| {
            let (line, column) = line_col(text, at.unwrap_or(span).start);
            EngineError::Syntax {
                path: path.to_string(),
                line,
                column,
                message,
            }
        })?;
        found.push(fix);
    }
    let mut warnings = Vec::new();
    for a in &file.actor {
        if a.name.get_ref().trim().is_empty() {
            return Err(at(&a.name, "an actor's name is empty".into()));
        }
        for alias in &a.aliases {
            let text_of = alias.get_ref().trim();
            if text_of.is_empty() {
                return Err(at(
                    alias,
                    format!("an alias of \"{}\" is empty", a.name.get_ref().trim()),
                ));
            }
            if let Some(why) = gaz.as_deref().and_then(|g| too_common(g, text_of)) {
                let (line, _) = line_col(text, alias.span().start);
                warnings.push(UserFileWarning {
                    path: path.to_string(),
                    line,
                    message: format!(
                        "the alias \"{text_of}\" of \"{}\" is {why}: it will match ordinary text",
                        a.name.get_ref().trim()
                    ),
                });
            }
        }
    }
    fixes.extend(found);
    let Some(gaz) = gaz else {
        return Ok(warnings);
    };
    for word in &file.never {
        gaz.add_never(word);
    }
    for a in &file.actor {
        let name = a.name.get_ref().trim();
        let key = format!("user:{}", name.to_lowercase());
        let id = gaz.add_actor(name, a.kind, &key);
        gaz.set_phrase(name, Entry::Actor(id));
        for alias in &a.aliases {
            gaz.set_phrase(alias.get_ref().trim(), Entry::Actor(id));
        }
    }
    Ok(warnings)
}

/// Why an alias would match ordinary text, if it would: a single letter, or
/// one word that the engine's lists call a function word ("the", "of") or a
/// word that is never an actor ("Monday", "However").
fn too_common(gaz: &Gazetteer, alias: &str) -> Option<&'static str> {
    let letters = alias.chars().filter(|c| c.is_alphanumeric()).count();
    if letters <= 1 {
        return Some("a single letter");
    }
    if alias.contains(char::is_whitespace) {
        return None;
    }
    let lower = alias.to_lowercase();
    if gaz.is_function_word(&lower) || gaz.is_never(&lower) {
        return Some("a common word");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_actors_and_never_words() {
        let mut g = Gazetteer::builtin();
        let text = "never = [\"Breaking\"]\n[[actor]]\nname = \"Jabhat Fateh al-Sham\"\nkind = \"organization\"\naliases = [\"JFS\"]\n";
        assert_eq!(apply(&mut g, text, "a.toml"), Ok(Vec::new()));
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

    #[test]
    fn a_blank_name_made_a_blank_actor() {
        for name in ["", "   "] {
            let mut g = Gazetteer::builtin();
            let actors = g.actors.len();
            let text = format!("[[actor]]\nkind = \"person\"\nname = \"{name}\"\n");
            let err = apply(&mut g, &text, "a.toml").unwrap_err().to_string();
            assert!(err.starts_with("a.toml:3:"), "{err}");
            assert!(err.contains("name is empty"), "{err}");
            assert_eq!(g.actors.len(), actors, "nothing added");
        }
    }

    #[test]
    fn an_empty_alias_was_accepted_silently() {
        let mut g = Gazetteer::builtin();
        let text = "[[actor]]\nname = \"Hayat Tahrir al-Sham\"\nkind = \"organization\"\naliases = [\n  \"HTS\",\n  \"\",\n]\n";
        let err = apply(&mut g, text, "a.toml").unwrap_err().to_string();
        assert!(err.starts_with("a.toml:6:"), "{err}");
        assert!(
            err.contains("alias of \"Hayat Tahrir al-Sham\" is empty"),
            "{err}"
        );
        assert!(g.lookup_phrase("HTS").is_none(), "nothing added");
    }

    #[test]
    fn one_letter_and_stop_word_aliases_were_accepted_silently() {
        let mut g = Gazetteer::builtin();
        let text = "[[actor]]\nname = \"Hayat Tahrir al-Sham\"\nkind = \"organization\"\naliases = [\"HTS\",\n \"H\", \"the\",\n \"A\", \"Monday\", \"The Levant Front\"]\n";
        let warnings = apply(&mut g, text, "a.toml").unwrap();
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert!(
            shown[0].starts_with("a.toml:5: the alias \"H\""),
            "{shown:?}"
        );
        assert!(shown[0].contains("single letter"), "{shown:?}");
        assert!(
            shown[1].starts_with("a.toml:5: the alias \"the\""),
            "{shown:?}"
        );
        assert!(shown[1].contains("common word"), "{shown:?}");
        assert!(
            shown[2].starts_with("a.toml:6: the alias \"A\""),
            "{shown:?}"
        );
        assert!(shown[3].contains("\"Monday\""), "{shown:?}");
        // Accepted all the same.
        assert!(g.lookup_phrase("HTS").is_some());
    }

    #[test]
    fn actors_from_dev_zero_grew_without_limit() {
        // Regression: `--actors /dev/zero` read to the end of an endless file.
        let path = Path::new("/dev/zero");
        if !path.exists() {
            return;
        }
        let err = read(path).unwrap_err().to_string();
        assert!(err.starts_with("/dev/zero: larger than 8 MB"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_without_writer_blocked_forever() {
        let dir = std::env::temp_dir().join(format!("castlist-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("actors.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let err = read_waiting(&fifo, Duration::from_millis(200))
            .unwrap_err()
            .to_string();
        // A writer lets the reading thread go.
        drop(std::fs::OpenOptions::new().write(true).open(&fifo));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(err.contains("is a named pipe (FIFO)"), "{err}");
        assert!(err.contains("within 0.2 s"), "{err}");
    }

    #[test]
    fn fixes_are_read_in_order() {
        let mut g = Gazetteer::builtin();
        let mut fixes = Vec::new();
        let text = "# mine\n[[fix]]\nmerge = \"Kerry\"\ninto = \"John Kerry\"\n\n[[fix]]\nsplit = \"London\"\nfrom = \"Michael London\"\n[[fix]]\nactor = \"ISIS\"\nkind = \"organization\"\n[[fix]]\nnot_actor = \"Breaking\"\n[[fix]]\nrename = \"A\"\nto = \"B\"\n";
        apply_with_fixes(&mut g, &mut fixes, text, "a.toml").unwrap();
        assert_eq!(
            fixes,
            [
                Fix::Merge {
                    actor: "Kerry".into(),
                    into: "John Kerry".into()
                },
                Fix::Split {
                    alias: "London".into(),
                    from: "Michael London".into()
                },
                Fix::Kind {
                    actor: "ISIS".into(),
                    kind: Kind::Organization
                },
                Fix::NotActor {
                    actor: "Breaking".into()
                },
                Fix::Rename {
                    actor: "A".into(),
                    to: "B".into()
                },
            ]
        );
        // What a fix writes reads back as the same fix.
        for fix in &fixes {
            let table: String = fix
                .fields()
                .iter()
                .map(|(k, v)| format!("{k} = \"{v}\"\n"))
                .collect();
            let mut again = Vec::new();
            apply_with_fixes(&mut g, &mut again, &format!("[[fix]]\n{table}"), "b.toml").unwrap();
            assert_eq!(&again, std::slice::from_ref(fix));
        }
    }

    #[test]
    fn a_bad_fix_names_its_line() {
        for (text, line, says) in [
            ("[[fix]]\nmerge = \"A\"\n", 1, "needs `into`"),
            (
                "\n[[fix]]\nmerge = \"A\"\nsplit = \"B\"\n",
                2,
                "one correction",
            ),
            ("[[fix]]\nnot_actor = \"  \"\n", 2, "empty"),
            ("[[fix]]\nactor = \"A\"\nkind = \"alien\"\n", 3, "alien"),
            ("[[fix]]\nmerge = \"A\"\nonto = \"B\"\n", 3, "onto"),
        ] {
            let mut g = Gazetteer::builtin();
            let err = apply_with_fixes(&mut g, &mut Vec::new(), text, "a.toml")
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!("a.toml:{line}:")),
                "{text:?}: {err}"
            );
            assert!(err.contains(says), "{text:?}: {err}");
        }
    }

    #[test]
    fn a_folder_is_not_an_actors_file() {
        let err = read(&std::env::temp_dir()).unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
    }
}
