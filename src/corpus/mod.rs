//! The article model and everything that turns files into articles: loading,
//! cleaning, dates. No terminal code lives here.
//!
//! Data flow: [`walk::discover`] finds the files, [`load::read_source`] reads each
//! (plain text in [`text`], the rest in [`formats`]) and [`clean`] turns what it
//! finds into [`Article`]s whose `body` is the cleaned text. Byte offsets into that
//! cleaned body are the one currency shared by extraction, layout and highlighting.
//! [`load_paths`] does the whole job at once; a background indexer calls
//! `discover` and `read_source` itself.

pub mod clean;
pub mod date;
pub mod decode;
pub mod dedup;
mod emit;
mod error;
mod fields;
pub mod formats;
mod frontmatter;
pub mod load;
#[cfg(test)]
mod proptests;
pub mod text;
pub mod walk;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::cache::text::{TextRef, TextStore};

pub use load::{
    Dedup, Field, LoadError, LoadOptions, Loaded, bundled, load_paths, read_source,
    read_source_counting,
};
pub use walk::{Discovery, Format, Source, discover};

/// Where an article came from: a file, and for multi-article files the line
/// (JSON Lines, CSV: the record's first line) or, where lines mean nothing (feed
/// items), the record number; both 1-based.
///
/// The path is shared (`Arc<str>`): every article of a file points to one
/// copy, rather than each holding its own (a million articles of one JSON
/// Lines file held a million copies of its name).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub path: Arc<str>,
    pub line: Option<usize>,
    pub record: Option<usize>,
}

impl Origin {
    pub fn file(path: impl Into<Arc<str>>) -> Self {
        Origin {
            path: path.into(),
            ..Origin::default()
        }
    }

    pub fn at_line(path: impl Into<Arc<str>>, line: usize) -> Self {
        Origin {
            path: path.into(),
            line: Some(line),
            record: None,
        }
    }

    pub fn record(path: impl Into<Arc<str>>, record: usize) -> Self {
        Origin {
            path: path.into(),
            line: None,
            record: Some(record),
        }
    }
}

/// `file`, `file:12` (line 12) or `file#3` (record 3).
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record {
            write!(f, "#{record}")?;
        }
        Ok(())
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
    /// Where the body is kept on disk, when the index keeps it there rather
    /// than in memory: `body` is then empty but while the article is shown
    /// ([`Article::load_body`]); [`Article::body_text`] reads it either way.
    pub stored: Option<Stored>,
}

/// An article's body in a text store (see [`crate::cache::text`]).
#[derive(Debug, Clone)]
pub struct Stored {
    pub store: Arc<TextStore>,
    pub text: TextRef,
    /// The article's content key (`app::memory::content_key`) and its
    /// copy-finder's fingerprint (`dedup::fingerprint`), made while the body
    /// was at hand.
    pub key: u128,
    pub fingerprint: u64,
}

/// An article's document: its title, one line break, then its body. The actor
/// engine reads the title with the text (a name in a headline is a mention,
/// and the body tells what it names), so mentions, like search hits, are byte
/// ranges of the document.
impl Article {
    /// Where the body starts in the document.
    pub fn body_start(&self) -> usize {
        self.title.len() + 1
    }

    /// The document as one string (a copy: for the engine).
    pub fn document(&self) -> String {
        let mut doc = String::with_capacity(self.body_start() + self.body.len());
        doc.push_str(&self.title);
        doc.push('\n');
        doc.push_str(&self.body);
        doc
    }

    /// Document bytes `range` as the part they are in; `None` when they are
    /// out of it, straddle the break or cut a char.
    pub fn part(&self, range: Range<usize>) -> Option<Part<'_>> {
        let start = self.body_start();
        if range.end <= self.title.len() {
            let text = self.title.get(range.clone())?;
            Some(Part::Title { range, text })
        } else if range.start >= start {
            let range = range.start - start..range.end - start;
            let text = self.body.get(range.clone())?;
            Some(Part::Body { range, text })
        } else {
            None
        }
    }
}

/// Bodies kept on disk.
impl Article {
    /// The body, held or read from its store (empty if the store cannot
    /// give it: the store checks what it reads, so it is never wrong text).
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        match &self.stored {
            Some(s) if self.body.is_empty() && s.text.len > 0 => {
                std::borrow::Cow::Owned(s.store.get(s.text).unwrap_or_default())
            }
            _ => std::borrow::Cow::Borrowed(&self.body),
        }
    }

    /// The length of the body in bytes, whether it is in memory or kept on
    /// disk (read without reading the text).
    pub fn body_len(&self) -> usize {
        match &self.stored {
            Some(s) if self.body.is_empty() => s.text.len as usize,
            _ => self.body.len(),
        }
    }

    /// Reads a stored body into `body`, for as long as the article is shown.
    pub fn load_body(&mut self) -> std::io::Result<()> {
        if let Some(s) = &self.stored
            && self.body.is_empty()
        {
            self.body = s.store.get(s.text)?;
        }
        Ok(())
    }

    /// Drops a stored body from memory again (a body held only in memory
    /// stays).
    pub fn unload_body(&mut self) {
        if self.stored.is_some() {
            self.body = String::new();
        }
    }
}

/// Document bytes located in an article: the range within the title or the
/// body, and the text there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    Title { range: Range<usize>, text: &'a str },
    Body { range: Range<usize>, text: &'a str },
}

impl<'a> Part<'a> {
    pub fn text(&self) -> &'a str {
        match self {
            Part::Title { text, .. } | Part::Body { text, .. } => text,
        }
    }
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

/// A warning about the user's actors file is listed with the loader's.
impl From<crate::cast::UserFileWarning> for Warning {
    fn from(w: crate::cast::UserFileWarning) -> Warning {
        Warning {
            origin: Origin::at_line(w.path, w.line),
            message: w.message,
        }
    }
}

/// The loaded collection.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// Adds an article, numbering it: an article's `id` is its index.
    pub fn push(&mut self, mut article: Article) {
        article.id = self.articles.len();
        self.articles.push(article);
    }
}
