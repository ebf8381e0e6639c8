//! Writing the user's corrections into their actors file (`actors.toml` in
//! the config directory), as `[[fix]]` tables after whatever the file holds.
//!
//! The file is the user's: it is edited, never rewritten from a model —
//! `toml_edit` keeps its comments, blank lines and the order of everything
//! in it, and a correction adds (or, undone, removes) one table. The new
//! text is checked by the engine's own reader before it is written, so that
//! castlist never writes a file it would refuse on the next launch, and it
//! is written atomically: to a temporary file beside it, flushed, then
//! renamed over it, so a crash leaves the old file or the new, never half.

use std::io::Write;
use std::path::{Path, PathBuf};

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use crate::cast::Fix;
use crate::cast::userfile;

/// What a new actors file starts with.
const HEADER: &str = "\
# castlist's actors file: extra actors, words that are never actors, and the
# corrections made in the reader ([[fix]], newest last; `u` in the cast pane
# undoes the last one made). See castlist's README, \"Commands\".
";

/// Why a correction could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{0}")]
    Read(#[from] crate::cast::EngineError),
    #[error("{path}: not TOML castlist can edit ({message})")]
    Parse { path: String, message: String },
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> WriteError {
    WriteError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Adds `fix` to the end of the actors file at `path` (made, with its
/// folder, if it does not exist).
pub fn append(path: &Path, fix: &Fix) -> Result<(), WriteError> {
    edit(path, |fixes, trailing| {
        let mut table = table_of(fix);
        // Comments at the end of the file (or a new file's header) stay
        // above the new table rather than below it.
        if !trailing.trim().is_empty() {
            table.decor_mut().set_prefix(format!("{trailing}\n"));
            trailing.clear();
        }
        fixes.push(table);
        true
    })
}

/// Takes the last `[[fix]]` equal to `fix` out of the actors file at `path`.
/// Returns whether there was one (a hand edit may have taken it already).
pub fn remove_last(path: &Path, fix: &Fix) -> Result<bool, WriteError> {
    let mut found = false;
    edit(path, |fixes, trailing| {
        let want = fix.fields();
        let at = (0..fixes.len())
            .rev()
            .find(|&i| fixes.get(i).is_some_and(|t| same(t, &want)));
        let Some(i) = at else {
            return false;
        };
        // The comments above the table are the file's, not the fix's: they
        // go to the next table, or back to the end of the file.
        let above = fixes
            .get(i)
            .and_then(|t| t.decor().prefix())
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .to_string();
        fixes.remove(i);
        let kept = above.trim_end_matches('\n');
        if !kept.trim().is_empty() {
            match fixes.get_mut(i) {
                Some(next) => {
                    let own = next
                        .decor()
                        .prefix()
                        .and_then(|p| p.as_str())
                        .unwrap_or_default()
                        .to_string();
                    next.decor_mut().set_prefix(format!("{kept}\n{own}"));
                }
                None => *trailing = format!("{kept}\n{trailing}"),
            }
        }
        found = true;
        true
    })?;
    Ok(found)
}

/// A `[[fix]]` table with the fix's keys in order.
fn table_of(fix: &Fix) -> Table {
    let mut table = Table::new();
    for (key, text) in fix.fields() {
        table.insert(key, value(text));
    }
    table
}

/// Whether a table holds exactly these keys and values.
fn same(table: &Table, fields: &[(&'static str, String)]) -> bool {
    table.len() == fields.len()
        && fields
            .iter()
            .all(|(k, v)| table.get(k).and_then(Item::as_str) == Some(v.as_str()))
}

/// Reads the file (an absent one is a header), lets `change` edit its `fix`
/// array and the comments at its end, checks the result reads back, and
/// writes it atomically when `change` says it changed something.
fn edit(
    path: &Path,
    change: impl FnOnce(&mut ArrayOfTables, &mut String) -> bool,
) -> Result<(), WriteError> {
    let text = if path.exists() {
        userfile::read(path)?
    } else {
        HEADER.to_string()
    };
    let parse_error = |message: String| WriteError::Parse {
        path: path.display().to_string(),
        message,
    };
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| parse_error(e.message().trim().to_string()))?;
    if !doc.contains_key("fix") {
        doc.insert("fix", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let mut trailing = doc.trailing().as_str().unwrap_or_default().to_string();
    let Some(fixes) = doc.get_mut("fix").and_then(Item::as_array_of_tables_mut) else {
        return Err(parse_error("`fix` is not a list of [[fix]] tables".into()));
    };
    if !change(fixes, &mut trailing) {
        return Ok(());
    }
    doc.set_trailing(trailing);
    let new = doc.to_string();
    // Never write what the next launch would refuse.
    userfile::check(&new, &path.display().to_string())?;
    write_atomically(path, &new)
}

/// Writes `text` to a temporary file beside `path`, flushes it to the disk
/// and renames it over `path`.
fn write_atomically(path: &Path, text: &str) -> Result<(), WriteError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "actors.toml".into());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(io_error(path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Kind;

    fn merge() -> Fix {
        Fix::Merge {
            actor: "Kerry".into(),
            into: "John Kerry".into(),
        }
    }

    #[test]
    fn a_fix_is_added_after_the_file_with_its_comments_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("actors.toml");
        let mine = "# my actors\nnever = [\"Breaking\"] # noise\n\n[[actor]]\nname = \"JFS\" # short\nkind = \"organization\"\n";
        std::fs::write(&path, mine).unwrap();
        append(&path, &merge()).unwrap();
        let kind = Fix::Kind {
            actor: "ISIS".into(),
            kind: Kind::Organization,
        };
        append(&path, &kind).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(mine), "{text}");
        assert!(
            text.ends_with("[[fix]]\nmerge = \"Kerry\"\ninto = \"John Kerry\"\n\n[[fix]]\nactor = \"ISIS\"\nkind = \"organization\"\n"),
            "{text}"
        );
        let mut engine = crate::cast::Engine::builtin();
        engine.add_user_file(&path).unwrap();
        assert_eq!(engine.fixes(), [merge(), kind.clone()]);
        // Undone: the last equal table goes, the rest stays as it was.
        assert!(remove_last(&path, &kind).unwrap());
        assert!(!remove_last(&path, &kind).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(mine) && !text.contains("ISIS"), "{text}");
        assert!(remove_last(&path, &merge()).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.trim_end(),
            mine.trim_end(),
            "back to the user's own file"
        );
        assert!(
            std::fs::read_dir(dir.path()).unwrap().count() == 1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_missing_file_is_made_with_its_folder_and_a_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("castlist").join("actors.toml");
        append(&path, &merge()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# castlist's actors file"), "{text}");
        assert!(text.contains("[[fix]]\nmerge = \"Kerry\""), "{text}");
    }

    #[test]
    fn undoing_the_only_fix_kept_the_header_regression() {
        // The header rode on the one table's decor and went with it: the
        // file was left empty.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("actors.toml");
        append(&path, &merge()).unwrap();
        assert!(remove_last(&path, &merge()).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.trim_end(), HEADER.trim_end());
        append(&path, &merge()).unwrap();
        let again = std::fs::read_to_string(&path).unwrap();
        assert!(
            again.starts_with(HEADER) && again.contains("[[fix]]"),
            "{again}"
        );
    }

    #[test]
    fn a_file_castlist_cannot_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("actors.toml");
        std::fs::write(&path, "never = [").unwrap();
        let err = append(&path, &merge()).unwrap_err().to_string();
        assert!(err.contains("actors.toml"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "never = [");
    }

    #[test]
    fn an_unwritable_place_is_a_clear_error() {
        // A folder that is a file: no one, not even root, can write there.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        std::fs::write(&file, "").unwrap();
        let err = append(&file.join("actors.toml"), &merge())
            .unwrap_err()
            .to_string();
        assert!(err.contains("plain"), "{err}");
    }
}
