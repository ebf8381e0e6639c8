//! Cleaning: the one pass that turns untrusted source text into the body every
//! later stage reads. Cleaning happens once, before extraction, so that byte
//! offsets into [`Article::body`] mean the same thing everywhere.
//!
//! The pipeline: [`chars`] (references, escapes, control and invisible characters,
//! spaces) → lines, each trimmed with its whitespace collapsed → [`furniture`]
//! lines dropped, a line repeated right after itself kept once → paragraphs, whose
//! lines are joined with one space (wire copy is hard-wrapped).

mod chars;
mod entities;
mod furniture;
mod mojibake;
mod title;

use std::sync::OnceLock;

use memchr::memmem::Finder;

use super::{Article, RawRecord};

pub use furniture::is_furniture;
pub use title::{derive_title, strip_markdown_heading};

/// A cleaned line: trimmed, whitespace collapsed, furniture and repeats removed.
/// An empty `text` is a blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// Leading spaces in the source line (tabs expanded).
    pub indent: usize,
    /// The line was furniture: blank now, but not a blank line of the source.
    pub furniture: bool,
    /// A row of a plain-text table (columns aligned with runs of spaces, or dot
    /// leaders): kept as its own paragraph rather than joined with its neighbours.
    pub tabular: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Where paragraphs break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Plain-text files: a blank line, or a line indented deeper than the one
    /// before it (wire copy marks paragraphs by indentation alone).
    Text,
    /// Every line is a paragraph: fields of JSON or CSV records, which are not
    /// hard-wrapped and often separate paragraphs with a single line break.
    Lines,
}

/// Cleans a whole text into lines.
pub fn clean_lines(raw: &str) -> Vec<Line> {
    let mut normal = String::new();
    chars::normalise_into(&mojibake::repair(raw), &mut normal);
    let mut lines: Vec<Line> = Vec::new();
    let mut last_kept: Option<usize> = None;
    for source in normal.split('\n') {
        let indent = source.len() - source.trim_start_matches(' ').len();
        let text = collapse_spaces(source);
        if is_furniture(&text) {
            // Furniture interrupts the text around it, like a blank line.
            lines.push(Line {
                text: String::new(),
                indent: 0,
                furniture: true,
                tabular: false,
            });
            continue;
        }
        if !text.is_empty() {
            if last_kept.is_some_and(|i| lines[i].text == text) {
                continue;
            }
            last_kept = Some(lines.len());
        }
        lines.push(Line {
            text,
            indent,
            furniture: false,
            tabular: is_tabular(source.trim()),
        });
    }
    lines
}

// Searchers built once: building one per line cost more than the search.
static TWO_SPACES: OnceLock<Finder<'static>> = OnceLock::new();
static THREE_SPACES: OnceLock<Finder<'static>> = OnceLock::new();
static FOUR_DOTS: OnceLock<Finder<'static>> = OnceLock::new();

fn finder(
    cell: &'static OnceLock<Finder<'static>>,
    needle: &'static [u8],
) -> &'static Finder<'static> {
    cell.get_or_init(|| Finder::new(needle))
}

/// Whether a (trimmed) source line looks like a table row: a run of three
/// spaces between words, or a dot leader ("Bank borrowings.......680").
fn is_tabular(line: &str) -> bool {
    let bytes = line.as_bytes();
    finder(&THREE_SPACES, b"   ").find(bytes).is_some()
        || finder(&FOUR_DOTS, b"....").find(bytes).is_some()
}

/// Joins cleaned lines into a body of paragraphs separated by `"\n\n"` (see
/// `Article::paragraphs`).
pub fn join_paragraphs<'a>(lines: impl IntoIterator<Item = &'a Line>, breaks: Breaks) -> String {
    let mut body = String::new();
    let mut open = false;
    let mut last_indent = 0;
    let mut last_tabular = false;
    for line in lines {
        if line.is_blank() {
            open = false;
            continue;
        }
        let new_para = !open
            || breaks == Breaks::Lines
            || line.tabular
            || last_tabular
            || (breaks == Breaks::Text && line.indent > last_indent);
        last_indent = line.indent;
        last_tabular = line.tabular;
        if new_para {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            open = true;
        } else {
            body.push(' ');
        }
        body.push_str(&line.text);
    }
    body
}

/// Cleans a body into paragraphs joined by `"\n\n"`. A body with blank lines is split on them (and on
/// indentation); one without is split at every line break.
pub fn clean_body(raw: &str) -> String {
    let lines = clean_lines(raw);
    let first = lines.iter().position(|l| !l.is_blank()).unwrap_or(0);
    let last = lines.iter().rposition(|l| !l.is_blank()).unwrap_or(0);
    let has_blank = lines
        .get(first..last)
        .is_some_and(|inner| inner.iter().any(|l| l.is_blank() && !l.furniture));
    let breaks = if has_blank {
        Breaks::Text
    } else {
        Breaks::Lines
    };
    join_paragraphs(&lines, breaks)
}

/// Cleans one line of metadata (a title, a source name): the same character
/// rules as bodies, every line break and run of spaces made one space.
pub fn clean_inline(raw: &str) -> String {
    let mut normal = String::new();
    chars::normalise_into(&mojibake::repair(raw), &mut normal);
    collapse_spaces(&normal.replace('\n', " "))
}

/// Trims and collapses runs of `' '` (the only space left after [`chars`]).
fn collapse_spaces(s: &str) -> String {
    let s = s.trim_matches(' ');
    // Most lines hold no run of spaces: copy them whole.
    if finder(&TWO_SPACES, b"  ").find(s.as_bytes()).is_none() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Turns a raw record into an article. The title falls back to the body's first
/// sentence (marked `title_derived`); the date is parsed, and kept as text either way.
pub fn article(raw: RawRecord, id: usize) -> Article {
    let body = clean_body(&raw.body);
    let mut title = raw.title.as_deref().map(clean_inline).unwrap_or_default();
    let mut title_derived = false;
    if title.is_empty() {
        title = derive_title(&body);
        title_derived = true;
    }
    let date_text = raw
        .date
        .as_deref()
        .map(clean_inline)
        .filter(|d| !d.is_empty());
    let mut article = Article::new(&title, &body);
    article.set_id(id);
    article.set_title_derived(title_derived);
    article.set_date(date_text.as_deref().and_then(super::date::parse_date));
    article.set_date_text(date_text);
    article.set_source(clean_optional(raw.source.as_deref()));
    article.set_url(clean_optional(raw.url.as_deref()));
    article.set_authors(
        raw.authors
            .iter()
            .map(|a| clean_inline(a))
            .filter(|a| !a.is_empty())
            .collect(),
    );
    article.origin = raw.origin;
    article
}

/// Cleans an optional one-line field; an empty result is no value.
pub fn clean_optional(raw: Option<&str>) -> Option<String> {
    raw.map(clean_inline).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests;
