//! Reads PolNeAR (Newell, Margolin & Ruths, LREC 2018): one article is
//! `NAME.txt` and its brat standoff `NAME.ann`, whose offsets count
//! **characters** (code points) of the text read as UTF-8 without newline
//! translation. Every `E` line with a Content argument is one attribution;
//! offsets are turned into byte offsets here, so the rest of the engine sees
//! only bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One gold attribution, as byte ranges into the article text (fragments of
/// discontinuous spans kept apart, sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gold {
    pub cue: Vec<(usize, usize)>,
    pub source: Vec<(usize, usize)>,
    pub content: Vec<(usize, usize)>,
}

/// One annotated article.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    pub gold: Vec<Gold>,
}

/// Why PolNeAR files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PolnearError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}:{line}: {message}")]
    Bad {
        path: String,
        line: usize,
        message: String,
    },
}

/// Byte offset of every char offset of `text` (one past the end included).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Parses one `.ann` file for `text`; `path` names it in errors.
pub fn parse(text: &str, ann: &str, path: &str) -> Result<Vec<Gold>, PolnearError> {
    let c2b = char_to_byte(text);
    let bad = |line: usize, message: String| PolnearError::Bad {
        path: path.to_string(),
        line,
        message,
    };
    // Span id → its fragments (the span's type is implied by its role in events).
    let mut spans: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let mut events: Vec<(usize, Vec<(&str, &str)>)> = Vec::new();
    for (k, line) in ann.lines().enumerate() {
        let lineno = k + 1;
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            // A span's text may run over several lines: only record lines count.
            continue;
        };
        if id.starts_with('T') {
            let (_, offs) = body
                .split_once(' ')
                .ok_or_else(|| bad(lineno, format!("no offsets in {body:?}")))?;
            let mut frags = Vec::new();
            for frag in offs.split(';') {
                let mut it = frag.split_whitespace().map(str::parse::<usize>);
                let (Some(Ok(a)), Some(Ok(b))) = (it.next(), it.next()) else {
                    return Err(bad(lineno, format!("bad offsets {frag:?}")));
                };
                let (Some(&x), Some(&y)) = (c2b.get(a), c2b.get(b)) else {
                    return Err(bad(lineno, format!("offsets {a} {b} past the text's end")));
                };
                if x > y {
                    return Err(bad(lineno, format!("offsets {a} {b} reversed")));
                }
                frags.push((x, y));
            }
            spans.insert(id, frags);
        } else if id.starts_with('E') {
            let args = body
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .collect();
            events.push((lineno, args));
        }
    }
    let mut out = Vec::new();
    for (_, args) in events {
        let mut g = Gold::default();
        for (role, tid) in args {
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            let Some(frags) = spans.get(tid) else {
                continue;
            };
            match role {
                "Cue" => g.cue.extend(frags),
                "Source" => g.source.extend(frags),
                "Content" => g.content.extend(frags),
                _ => {}
            }
        }
        if g.content.is_empty() {
            continue;
        }
        g.cue.sort_unstable();
        g.source.sort_unstable();
        g.content.sort_unstable();
        out.push(g);
    }
    Ok(out)
}

/// Reads every article of a PolNeAR folder (`NAME.txt` + `NAME.ann`), sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<Article>, PolnearError> {
    let io = |p: &Path, e: std::io::Error| PolnearError::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for ann_path in names {
        let txt_path = ann_path.with_extension("txt");
        let text = std::fs::read_to_string(&txt_path).map_err(|e| io(&txt_path, e))?;
        let ann = std::fs::read_to_string(&ann_path).map_err(|e| io(&ann_path, e))?;
        let gold = parse(&text, &ann, &ann_path.display().to_string())?;
        let name = ann_path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        out.push(Article { name, text, gold });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_become_byte_offsets() {
        let text = "Café “We’ll win,” Trump said.";
        let ann = "T1\tContent 5 17\t“We’ll win,”\nT2\tSource 18 23\tTrump\n\
                   T3\tCue 24 28\tsaid\nT4\tAttribution 24 28\tsaid\n\
                   E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n\
                   E2\tAttribution:T4 Cue:T3\n";
        let g = parse(text, ann, "a.ann").unwrap();
        assert_eq!(g.len(), 1, "an event without content is skipped");
        let s = |r: (usize, usize)| &text[r.0..r.1];
        assert_eq!(s(g[0].content[0]), "“We’ll win,”");
        assert_eq!(s(g[0].source[0]), "Trump");
        assert_eq!(s(g[0].cue[0]), "said");
    }

    #[test]
    fn discontinuous_spans_and_numbered_roles() {
        let text = "“A,” he said, “B.”";
        let ann = "T1\tContent 0 4;14 18\tx\nT2\tContent2 14 18\ty\nT3\tCue 8 12\tsaid\n\
                   E1\tAttribution:T3 Content:T1 Content2:T2 Cue:T3\n";
        let g = parse(text, ann, "b.ann").unwrap();
        assert_eq!(g[0].content.len(), 3);
        assert!(g[0].source.is_empty());
    }

    #[test]
    fn bad_offsets_name_the_file_and_line() {
        let err = parse("short", "T1\tContent 0 99\tx\n", "c.ann").unwrap_err();
        assert!(err.to_string().starts_with("c.ann:1:"), "{err}");
        let err = parse("short", "\nT1\tContent x y\tx\n", "c.ann").unwrap_err();
        assert!(err.to_string().starts_with("c.ann:2:"), "{err}");
    }
}
