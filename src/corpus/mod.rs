//! The article model and everything that turns files into articles: loading,
//! cleaning, dates. No terminal code lives here.
//!
//! Data flow: a loader yields [`RawRecord`]s, [`clean`] turns each into an
//! [`Article`] whose `body` is the cleaned text. Byte offsets into that cleaned body
//! are the one currency shared by extraction, layout and highlighting.

pub mod clean;
pub mod date;
pub mod load;
pub mod text;

use std::fmt;
use std::ops::Range;

use chrono::NaiveDateTime;

pub use load::{LoadError, LoadOptions, bundled, load_paths};

/// Where an article came from: a file, and for multi-article files the line or
/// record number (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub path: String,
    pub line: Option<usize>,
}

impl Origin {
    pub fn file(path: impl Into<String>) -> Self {
        Origin {
            path: path.into(),
            line: None,
        }
    }

    pub fn at_line(path: impl Into<String>, line: usize) -> Self {
        Origin {
            path: path.into(),
            line: Some(line),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
    }
}

/// A record as a loader found it, before cleaning. Every field is untrusted text.
#[derive(Debug, Clone, Default)]
pub struct RawRecord {
    pub title: Option<String>,
    pub body: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub origin: Origin,
}

/// One cleaned article. `body` holds paragraphs separated by `"\n\n"`; a paragraph
/// holds no newline. `paragraphs` are the byte ranges of the paragraphs in `body`.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub id: usize,
    pub title: String,
    /// The title was not given by the source but taken from the first sentence.
    pub title_derived: bool,
    pub date: Option<NaiveDateTime>,
    /// The date as the source wrote it, kept when it could not be parsed.
    pub date_text: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub origin: Origin,
    pub body: String,
    pub paragraphs: Vec<Range<usize>>,
}

/// Something the loader skipped or repaired, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub origin: Origin,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// The loaded collection.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}
