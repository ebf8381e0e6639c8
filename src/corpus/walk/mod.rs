//! Finding the files to load: command-line paths, and folders walked recursively
//! in a stable order, without reading any file. Hidden entries are skipped inside
//! folders; folders reached twice (symbolic-link loops) are walked once. How a
//! folder tree is walked, in time linear in its entries at any depth, is
//! [`tree`]'s.

mod tree;

use std::cmp::Ordering;
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use tree::FolderId;

use super::error::LoadError;
use super::{Origin, Warning};

/// A file's format, as its name tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    JsonLines,
    Json,
    Csv,
    Tsv,
    Feed,
    Html,
    /// The name says nothing: look at the content.
    Sniff,
}

impl Format {
    /// The format an extension names (case-insensitively); `None` when the
    /// extension is one castlist does not read (an image, a PDF ...).
    pub fn from_path(path: &Path) -> Option<Format> {
        let Some(ext) = path.extension() else {
            return Some(Format::Sniff);
        };
        let ext = ext.to_string_lossy().to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "jsonl" | "ndjson" => Format::JsonLines,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "xml" | "rss" | "atom" => Format::Feed,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => return None,
        })
    }
}

/// One file to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// The path as shown in origins and messages.
    pub shown: String,
    pub format: Format,
    /// The size when the walk saw it, for progress.
    pub bytes: u64,
    /// When it was last modified as the walk saw it, in nanoseconds since
    /// 1970 (0 if unknown): with the size, what tells the index cache that
    /// a file is unchanged.
    pub modified: u64,
}

/// A file's modification time in nanoseconds since 1970 (0 if unknown).
pub fn modified(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    pub warnings: Vec<Warning>,
}

impl Discovery {
    /// The bytes of all sources, for a progress gauge.
    pub fn total_bytes(&self) -> u64 {
        self.sources.iter().map(|s| s.bytes).sum()
    }
}

/// Finds the files under `paths`, fast: no file is opened. A path that does not
/// exist, or a named folder that cannot be read, is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, LoadError> {
    let mut sources = Vec::new();
    let warnings = walk(paths, &mut |source| {
        sources.push(source);
        ControlFlow::Continue(())
    })?;
    Ok(Discovery { sources, warnings })
}

/// What [`walk`] would fail on, checked without walking: every path exists,
/// and every named folder can be listed. For a walk that runs later, in the
/// background, after the interface has started.
pub fn check(paths: &[PathBuf]) -> Result<(), LoadError> {
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| std::fs::metadata(p).is_err())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        return Err(LoadError::NotFound {
            path: missing.join(", "),
        });
    }
    for path in paths.iter().filter(|p| p.is_dir()) {
        std::fs::read_dir(path).map_err(|e| LoadError::Unreadable {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    }
    Ok(())
}

/// Walks `paths` in a stable order, handing each file to read to `emit` as it
/// is found (a `Break` stops the walk), and returns the warnings. Errors as
/// [`discover`]'s.
pub fn walk(
    paths: &[PathBuf],
    emit: &mut dyn FnMut(Source) -> ControlFlow<()>,
) -> Result<Vec<Warning>, LoadError> {
    check(paths)?;
    let mut walk = Walk {
        emit,
        stopped: false,
        warnings: Vec::new(),
        visited: HashSet::new(),
        skipped: 0,
        skipped_example: String::new(),
    };
    for path in paths {
        if walk.stopped {
            break;
        }
        let shown = path.display().to_string();
        // metadata() follows a symbolic link, so a link to a folder is a folder.
        let meta = std::fs::metadata(path).map_err(|e| LoadError::Unreadable {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        if meta.is_dir() {
            if !walk.visited.insert(FolderId::of(path, &meta)) {
                continue;
            }
            walk.tree(path).map_err(|e| LoadError::Unreadable {
                path: shown.clone(),
                message: e.to_string(),
            })?;
            if walk.skipped > 0 {
                let message = format!(
                    "skipped {} file(s) of other types, such as {}",
                    walk.skipped, walk.skipped_example
                );
                walk.warn(shown, message);
                walk.skipped = 0;
            }
        } else {
            // A file named on the command line is read whatever its extension.
            let format = Format::from_path(path).unwrap_or(Format::Sniff);
            walk.emit(Source {
                path: path.clone(),
                shown,
                format,
                bytes: meta.len(),
                modified: modified(&meta),
            });
        }
    }
    Ok(walk.warnings)
}

struct Walk<'e> {
    emit: &'e mut dyn FnMut(Source) -> ControlFlow<()>,
    /// `emit` asked to stop.
    stopped: bool,
    warnings: Vec<Warning>,
    /// The folders entered, by identity, so that a loop is walked once.
    visited: HashSet<FolderId>,
    skipped: usize,
    skipped_example: String,
}

impl Walk<'_> {
    fn emit(&mut self, source: Source) {
        self.stopped |= (self.emit)(source).is_break();
    }

    fn warn(&mut self, path: String, message: String) {
        self.warnings.push(Warning {
            origin: Origin::file(path),
            message,
        });
    }
}

/// Compares names with runs of digits taken as numbers, then byte-wise so that the
/// order is total and stable.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let dx = x.iter().take_while(|c| c.is_ascii_digit()).count();
                let dy = y.iter().take_while(|c| c.is_ascii_digit()).count();
                let nx = trim_zeros(&x[..dx]);
                let ny = trim_zeros(&y[..dy]);
                let by_value = nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                x = &x[dx..];
                y = &y[dy..];
            }
            (Some(p), Some(q)) => {
                if p != q {
                    return p.cmp(q);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&d| d == b'0').count();
    &digits[zeros..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut names = vec!["10.txt", "2.txt", "1.txt", "b", "a10", "a9", "002.txt"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            vec!["1.txt", "002.txt", "2.txt", "10.txt", "a9", "a10", "b"]
        );
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a.TXT")), Some(Format::Text));
        assert_eq!(
            Format::from_path(Path::new("a.ndjson")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::from_path(Path::new("README")), Some(Format::Sniff));
        assert_eq!(Format::from_path(Path::new("photo.jpg")), None);
    }

    #[test]
    fn a_walk_hands_over_files_in_order_and_stops_when_told() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["10.txt", "2.txt", "1.txt", "notes.pdf"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let paths = [dir.path().to_path_buf()];
        let mut names = Vec::new();
        let warnings = walk(&paths, &mut |s| {
            names.push(s.path.file_name().unwrap().to_string_lossy().into_owned());
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(names, ["1.txt", "2.txt", "10.txt"]);
        assert!(warnings[0].to_string().contains("skipped 1 file(s)"));
        let mut seen = 0;
        walk(&paths, &mut |_| {
            seen += 1;
            ControlFlow::Break(())
        })
        .unwrap();
        assert_eq!(seen, 1, "a Break ends the walk");
        // What would fail, fails up front.
        let missing = [dir.path().join("nope")];
        assert!(matches!(check(&missing), Err(LoadError::NotFound { .. })));
        assert!(check(&paths).is_ok());
    }

    #[test]
    fn a_tree_deeper_than_the_folders_held_open_keeps_natural_order() {
        // 100 levels, each with a subfolder and, after it in natural order, a
        // file: the walk must return to folders whose descriptor it closed.
        let dir = tempfile::tempdir().unwrap();
        let mut path = dir.path().to_path_buf();
        let mut expected = Vec::new();
        for level in 0..100 {
            std::fs::create_dir(path.join("a")).unwrap();
            std::fs::write(path.join(format!("z{level}.txt")), "x").unwrap();
            std::fs::write(path.join(".hidden.txt"), "x").unwrap();
            expected.push(format!("z{level}.txt"));
            path.push("a");
        }
        expected.reverse();
        let mut names = Vec::new();
        walk(&[dir.path().to_path_buf()], &mut |s| {
            names.push(s.path.file_name().unwrap().to_string_lossy().into_owned());
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(names, expected);
    }
}
