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
use std::num::NonZeroU32;
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
/// items), the record number; both 1-based. A JSON line's wrapped records
/// have both.
///
/// The path is shared ([`SharedPath`]): every article of a file points to
/// one copy, rather than each holding its own (a million articles of one JSON
/// Lines file held a million copies of its name). Line and record are kept
/// in 32 bits (an origin is in every article): a number past 4 billion
/// (a file of more than 4 billion lines) is shown as 4,294,967,294.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub path: SharedPath,
    line: Option<NonZeroU32>,
    record: Option<NonZeroU32>,
}

/// A file's path as origins name it, shared by all of them: one pointer
/// (an `Arc<str>` is two), as every article holds one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SharedPath(Arc<String>);

impl std::ops::Deref for SharedPath {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for SharedPath {
    fn from(path: String) -> SharedPath {
        SharedPath(Arc::new(path))
    }
}

impl From<&str> for SharedPath {
    fn from(path: &str) -> SharedPath {
        SharedPath::from(path.to_string())
    }
}

impl fmt::Display for SharedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// A number kept as itself plus one in 32 bits, so that `None` takes no
/// room of its own (saturated).
fn number(n: usize) -> Option<NonZeroU32> {
    NonZeroU32::new(u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1))
}

fn unnumber(n: NonZeroU32) -> usize {
    n.get() as usize - 1
}

impl Origin {
    pub fn file(path: impl Into<SharedPath>) -> Self {
        Origin {
            path: path.into(),
            ..Origin::default()
        }
    }

    pub fn at_line(path: impl Into<SharedPath>, line: usize) -> Self {
        Origin::file(path).with_line(Some(line))
    }

    pub fn at_record(path: impl Into<SharedPath>, record: usize) -> Self {
        Origin::file(path).with_record(Some(record))
    }

    /// This origin at `line` (or none).
    pub fn with_line(self, line: Option<usize>) -> Self {
        Origin {
            line: line.and_then(number),
            ..self
        }
    }

    /// This origin at `record` (or none).
    pub fn with_record(self, record: Option<usize>) -> Self {
        Origin {
            record: record.and_then(number),
            ..self
        }
    }

    pub fn line(&self) -> Option<usize> {
        self.line.map(unnumber)
    }

    pub fn record(&self) -> Option<usize> {
        self.record.map(unnumber)
    }
}

/// `file`, `file:12` (line 12) or `file#3` (record 3).
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line() {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record() {
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

/// One cleaned article: its title and body, where it came from, and what the
/// source said of it.
///
/// Compact, because a reader holds one per article for the whole run (a
/// million tiny articles once cost 248 bytes each here, beyond their text):
/// the title and the body share one allocation, which is the document the
/// engine reads (title, `'\n'`, body); the metadata most articles lack (date
/// as written, source, address, authors) is one optional box; a body kept on
/// disk is another. The body's paragraphs are not stored: the body holds
/// paragraphs separated by `"\n\n"` and a paragraph holds no newline, so
/// [`Article::paragraphs`] finds them. The id is kept in 32 bits (as the
/// article list keeps ids) and the date in 64 ([`PackedDate`]): 64 bytes.
#[derive(Debug, Clone)]
pub struct Article {
    /// The article's number, its index in the corpus ([`Article::id`]).
    id: u32,
    pub origin: Origin,
    /// [`Article::date`].
    date: PackedDate,
    /// The title, `'\n'`, the body (empty while a body kept on disk is not
    /// loaded).
    text: Box<str>,
    /// The title's length in bytes, and in the top bit whether it was
    /// derived (see [`TitleLen`]).
    title: TitleLen,
    /// Date as written, source, address, authors: `None` when all are empty.
    more: Option<Box<More>>,
    /// Where the body is kept on disk, when the index keeps it there rather
    /// than in memory: the body is then empty but while the article is shown
    /// ([`Article::load_body`]); [`Article::body_text`] reads it either way.
    stored: Option<Box<Stored>>,
}

/// The title's length (31 bits) and the derived flag (the top bit). Titles
/// come from records of at most `emit::MAX_RECORD` (64 MB) that cleaning
/// grows at most threefold, far below 2 GB; a longer one (never seen) is cut
/// at a char boundary rather than wrap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct TitleLen(u32);

impl TitleLen {
    const DERIVED: u32 = 1 << 31;

    fn len(self) -> usize {
        (self.0 & !Self::DERIVED) as usize
    }

    fn derived(self) -> bool {
        self.0 & Self::DERIVED != 0
    }
}

/// An article's date in 8 bytes: nanoseconds since 1970 (UTC, as the
/// dates are naive), which an `i64` holds from 1677 to 2262. A date outside
/// those years (or a leap second, which the count cannot name) is kept whole
/// in the metadata block instead: never seen in news, kept all the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PackedDate(i64);

impl PackedDate {
    /// No date.
    const NONE: PackedDate = PackedDate(i64::MIN);
    /// The date is in [`More::date`].
    const IN_MORE: PackedDate = PackedDate(i64::MIN + 1);

    /// `date` packed, or `None` when it must be kept whole.
    fn pack(date: NaiveDateTime) -> Option<PackedDate> {
        let nanos = date.and_utc().timestamp_nanos_opt()?;
        let packed = PackedDate(nanos);
        (nanos > Self::IN_MORE.0 && packed.unpack() == Some(date)).then_some(packed)
    }

    /// The packed date (`None` for the two marks).
    fn unpack(self) -> Option<NaiveDateTime> {
        if self == Self::NONE || self == Self::IN_MORE {
            return None;
        }
        Some(chrono::DateTime::from_timestamp_nanos(self.0).naive_utc())
    }
}

/// The rarely given metadata, boxed apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct More {
    /// The date, when it cannot be packed (see [`PackedDate`]).
    date: Option<NaiveDateTime>,
    /// The date as the source wrote it, kept when it could not be parsed.
    date_text: Option<Box<str>>,
    source: Option<Box<str>>,
    url: Option<Box<str>>,
    authors: Vec<String>,
}

impl Default for Article {
    fn default() -> Article {
        Article::new("", "")
    }
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

/// Building and reading the parts.
impl Article {
    /// An article of `title` and `body` (paragraphs separated by `"\n\n"`),
    /// id 0, from nowhere, with no metadata.
    pub fn new(title: &str, body: &str) -> Article {
        let mut article = Article {
            id: 0,
            origin: Origin::default(),
            date: PackedDate::NONE,
            text: Box::from(""),
            title: TitleLen::default(),
            more: None,
            stored: None,
        };
        article.set_text(title, body);
        article
    }

    /// Sets title and body at once (one allocation); keeps the derived flag.
    fn set_text(&mut self, title: &str, body: &str) {
        let mut cut = title.len().min((TitleLen::DERIVED - 1) as usize);
        while !title.is_char_boundary(cut) {
            cut -= 1;
        }
        let title = &title[..cut];
        let mut text = String::with_capacity(title.len() + 1 + body.len());
        text.push_str(title);
        text.push('\n');
        text.push_str(body);
        self.text = text.into_boxed_str();
        // At most DERIVED - 1: fits in 31 bits.
        self.title = TitleLen(cut as u32 | (self.title.0 & TitleLen::DERIVED));
    }

    pub fn title(&self) -> &str {
        self.text.get(..self.title.len()).unwrap_or_default()
    }

    /// The body held in memory (empty while a body kept on disk is not
    /// loaded: see [`Article::body_text`]).
    pub fn body(&self) -> &str {
        self.text.get(self.body_start()..).unwrap_or_default()
    }

    pub fn set_title(&mut self, title: &str) {
        let body = std::mem::take(&mut self.text);
        let start = self.body_start();
        self.set_text(title, body.get(start..).unwrap_or_default());
    }

    pub fn set_body(&mut self, body: &str) {
        let text = std::mem::take(&mut self.text);
        let title = text.get(..self.title.len()).unwrap_or_default();
        self.set_text(title, body);
    }

    /// The title was not given by the source but taken from the first sentence.
    pub fn title_derived(&self) -> bool {
        self.title.derived()
    }

    pub fn set_title_derived(&mut self, derived: bool) {
        let len = self.title.0 & !TitleLen::DERIVED;
        self.title = TitleLen(if derived {
            len | TitleLen::DERIVED
        } else {
            len
        });
    }

    /// The byte ranges of the body's paragraphs: the non-empty pieces
    /// between `"\n\n"` (none for an empty body).
    pub fn paragraphs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        paragraphs(self.body())
    }

    /// The article's number: its index in the corpus.
    pub fn id(&self) -> usize {
        self.id as usize
    }

    /// Numbers the article. Ids are kept in 32 bits, as the article list
    /// keeps them: a corpus of more than 4 billion articles (a terabyte of
    /// memory at the least) is not held, and its last ids would saturate.
    pub fn set_id(&mut self, id: usize) {
        self.id = u32::try_from(id).unwrap_or(u32::MAX);
    }

    /// The date, as parsed from the source.
    pub fn date(&self) -> Option<NaiveDateTime> {
        if self.date == PackedDate::IN_MORE {
            return self.more.as_ref()?.date;
        }
        self.date.unpack()
    }

    /// `self.date().cmp(&other.date())`, without unpacking the dates when
    /// both are packed (sorting a million articles by date compares them
    /// twenty million times): packed, they compare as their counts, and no
    /// date is below every date.
    pub fn date_cmp(&self, other: &Article) -> std::cmp::Ordering {
        if self.date == PackedDate::IN_MORE || other.date == PackedDate::IN_MORE {
            return self.date().cmp(&other.date());
        }
        self.date.0.cmp(&other.date.0)
    }

    pub fn set_date(&mut self, date: Option<NaiveDateTime>) {
        let packed = match date {
            None => PackedDate::NONE,
            Some(d) => PackedDate::pack(d).unwrap_or(PackedDate::IN_MORE),
        };
        self.date = packed;
        let whole = date.filter(|_| packed == PackedDate::IN_MORE);
        if whole.is_some() || self.more.as_ref().is_some_and(|m| m.date.is_some()) {
            self.change_more(|m| m.date = whole);
        }
    }

    /// The date as the source wrote it, kept when it could not be parsed.
    pub fn date_text(&self) -> Option<&str> {
        self.more.as_ref()?.date_text.as_deref()
    }

    pub fn source(&self) -> Option<&str> {
        self.more.as_ref()?.source.as_deref()
    }

    pub fn url(&self) -> Option<&str> {
        self.more.as_ref()?.url.as_deref()
    }

    pub fn authors(&self) -> &[String] {
        self.more.as_ref().map_or(&[], |m| &m.authors)
    }

    pub fn set_date_text(&mut self, date_text: Option<String>) {
        self.change_more(|m| m.date_text = date_text.map(String::into_boxed_str));
    }

    pub fn set_source(&mut self, source: Option<String>) {
        self.change_more(|m| m.source = source.map(String::into_boxed_str));
    }

    pub fn set_url(&mut self, url: Option<String>) {
        self.change_more(|m| m.url = url.map(String::into_boxed_str));
    }

    pub fn set_authors(&mut self, authors: Vec<String>) {
        self.change_more(|m| m.authors = authors);
    }

    /// Changes the metadata block, dropping it when it is left empty.
    fn change_more(&mut self, change: impl FnOnce(&mut More)) {
        let mut more = self.more.take().unwrap_or_default();
        change(&mut more);
        if *more != More::default() {
            more.authors.shrink_to_fit();
            self.more = Some(more);
        }
    }

    /// Where the body is kept on disk, if it is.
    pub fn stored(&self) -> Option<&Stored> {
        self.stored.as_deref()
    }

    /// Keeps the body on disk at `stored`, dropping it from memory.
    pub fn set_stored(&mut self, stored: Stored) {
        self.stored = Some(Box::new(stored));
        self.set_body("");
    }
}

/// The byte ranges of the paragraphs of `body` (see [`Article::paragraphs`]).
pub fn paragraphs(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < body.len() {
            let end = memchr::memmem::find(&body.as_bytes()[at..], b"\n\n")
                .map_or(body.len(), |i| at + i);
            let paragraph = at..end;
            at = end + 2;
            if !paragraph.is_empty() {
                return Some(paragraph);
            }
        }
        None
    })
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

    /// The document: title, line break, body (as held in memory).
    pub fn document(&self) -> &str {
        &self.text
    }

    /// Document bytes `range` as the part they are in; `None` when they are
    /// out of it, straddle the break or cut a char.
    pub fn part(&self, range: Range<usize>) -> Option<Part<'_>> {
        let start = self.body_start();
        if range.end <= self.title.len() {
            let text = self.title().get(range.clone())?;
            Some(Part::Title { range, text })
        } else if range.start >= start {
            let range = range.start - start..range.end - start;
            let text = self.body().get(range.clone())?;
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
            Some(s) if self.body().is_empty() && s.text.len > 0 => {
                std::borrow::Cow::Owned(s.store.get(s.text).unwrap_or_default())
            }
            _ => std::borrow::Cow::Borrowed(self.body()),
        }
    }

    /// The length of the body in bytes, whether it is in memory or kept on
    /// disk (read without reading the text).
    pub fn body_len(&self) -> usize {
        match &self.stored {
            Some(s) if self.body().is_empty() => s.text.len as usize,
            _ => self.body().len(),
        }
    }

    /// Reads a stored body into memory, for as long as the article is shown.
    pub fn load_body(&mut self) -> std::io::Result<()> {
        if let Some(s) = &self.stored
            && self.body().is_empty()
        {
            let body = s.store.get(s.text)?;
            self.set_body(&body);
        }
        Ok(())
    }

    /// Drops a stored body from memory again (a body held only in memory
    /// stays).
    pub fn unload_body(&mut self) {
        if self.stored.is_some() {
            self.set_body("");
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
        article.set_id(self.articles.len());
        self.articles.push(article);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader holds one `Article` per article for the whole run: its
    /// size is most of the memory an article costs beyond its text (issue
    /// 13 asks at most 100 bytes; `cargo run --release --example overhead`
    /// measures it). A field added here should go in the boxed metadata
    /// (`More`) unless most articles have it.
    #[test]
    fn an_article_stays_compact() {
        assert!(
            std::mem::size_of::<Article>() <= 64,
            "Article grew to {} bytes",
            std::mem::size_of::<Article>()
        );
        assert!(std::mem::size_of::<Origin>() <= 16);
    }

    #[test]
    fn dates_are_kept_packed_or_whole() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let dates = [
            day(2016, 9, 28).and_hms_nano_opt(10, 5, 0, 123_456_789),
            day(1970, 1, 1).and_hms_opt(0, 0, 0),
            day(1969, 12, 31).and_hms_opt(23, 59, 59),
            // Outside what 64 bits of nanoseconds hold: kept whole.
            day(1500, 3, 1).and_hms_opt(12, 0, 0),
            day(9999, 12, 31).and_hms_opt(23, 59, 59),
            // A leap second: kept whole.
            day(2016, 12, 31).and_hms_milli_opt(23, 59, 59, 1_500),
            None,
        ];
        for date in dates {
            let mut a = Article::new("T", "B");
            a.set_date(date);
            assert_eq!(a.date(), date);
            a.set_source(Some("Wire".into()));
            assert_eq!((a.date(), a.source()), (date, Some("Wire")));
            a.set_source(None);
            a.set_date(None);
            assert_eq!(a.date(), None);
            assert!(a.more.is_none(), "no block left for {date:?}");
        }
        // Sorting by date compares as the dates do.
        let articles: Vec<Article> = dates
            .iter()
            .map(|&d| {
                let mut a = Article::new("T", "B");
                a.set_date(d);
                a
            })
            .collect();
        for x in &articles {
            for y in &articles {
                assert_eq!(x.date_cmp(y), x.date().cmp(&y.date()));
            }
        }
        let mut a = Article::new("T", "B");
        a.set_date(dates[3]);
        assert!(a.more.is_some(), "a date of 1500 is kept whole");
        a.set_date(dates[0]);
        assert!(a.more.is_none(), "a date packed again drops the block");
        assert_eq!(a.date(), dates[0]);
    }

    #[test]
    fn ids_are_kept_in_32_bits() {
        let mut a = Article::new("T", "B");
        a.set_id(4_000_000_000);
        assert_eq!(a.id(), 4_000_000_000);
        a.set_id(usize::MAX);
        assert_eq!(a.id(), u32::MAX as usize, "saturated");
    }

    #[test]
    fn title_and_body_share_the_document() {
        let mut a = Article::new("Talks", "One.\n\nTwo.");
        assert_eq!(a.document(), "Talks\nOne.\n\nTwo.");
        assert_eq!(
            (a.title(), a.body(), a.body_start()),
            ("Talks", "One.\n\nTwo.", 6)
        );
        a.set_title_derived(true);
        a.set_title("Talks resume");
        assert_eq!((a.title(), a.body()), ("Talks resume", "One.\n\nTwo."));
        assert!(a.title_derived(), "a new title keeps the flag");
        a.set_body("Three.");
        assert_eq!(a.document(), "Talks resume\nThree.");
        assert_eq!(Article::default().document(), "\n");
    }

    #[test]
    fn paragraphs_are_the_pieces_between_blank_lines() {
        let para = |body: &str| -> Vec<String> {
            let a = Article::new("T", body);
            a.paragraphs().map(|r| a.body()[r].to_string()).collect()
        };
        assert_eq!(para(""), Vec::<String>::new());
        assert_eq!(para("One."), ["One."]);
        assert_eq!(
            para("One.\n\nTwo words.\n\nThree."),
            ["One.", "Two words.", "Three."]
        );
    }

    #[test]
    fn metadata_is_kept_only_when_given() {
        let mut a = Article::new("T", "B");
        assert!(a.more.is_none());
        a.set_source(Some("Wire".into()));
        a.set_authors(vec!["A. Writer".into()]);
        assert_eq!(
            (a.source(), a.authors()),
            (Some("Wire"), &["A. Writer".to_string()][..])
        );
        assert_eq!((a.url(), a.date_text()), (None, None));
        a.set_source(None);
        a.set_authors(Vec::new());
        assert!(a.more.is_none(), "emptied, the block goes");
    }

    #[test]
    fn origins_keep_their_numbers() {
        let o = Origin::at_line("a.jsonl", 0).with_record(Some(3));
        assert_eq!((o.line(), o.record()), (Some(0), Some(3)));
        assert_eq!(o.to_string(), "a.jsonl:0#3");
        assert_eq!(Origin::file("f").line(), None);
        let far = Origin::at_line("f", usize::MAX);
        assert_eq!(far.line(), Some(u32::MAX as usize - 1), "saturated");
    }
}
