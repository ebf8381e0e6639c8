//! `castlist articles [PATH...] [--json]`: lists what was loaded, one article a
//! line (title, date, source, origin), or as a JSON array. Warnings are the
//! caller's to print, on standard error.

use std::io::{self, Write};

use chrono::{NaiveDateTime, Timelike};
use serde::Serialize;

use super::gather::Listed;
use crate::sanitize::display;

/// One article in the JSON listing.
#[derive(Serialize)]
struct Entry<'a> {
    id: usize,
    title: &'a str,
    title_derived: bool,
    /// ISO 8601 without a zone (the wall-clock time the source wrote), or null.
    date: Option<String>,
    /// The date as the source wrote it.
    date_text: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    authors: &'a [String],
    /// `file`, `file:line` or `file#record`.
    origin: String,
    path: &'a str,
    line: Option<usize>,
    record: Option<usize>,
    /// Length of the cleaned body in bytes.
    bytes: usize,
    paragraphs: usize,
}

impl<'a> Entry<'a> {
    fn new(listed: &'a Listed) -> Self {
        let a = &listed.article;
        Entry {
            id: a.id(),
            title: a.title(),
            title_derived: a.title_derived(),
            date: a.date().map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string()),
            date_text: a.date_text(),
            source: a.source(),
            url: a.url(),
            authors: a.authors(),
            origin: a.origin.to_string(),
            path: &a.origin.path,
            line: a.origin.line(),
            record: a.origin.record(),
            bytes: listed.bytes,
            paragraphs: listed.paragraphs,
        }
    }
}

/// Writes the listing of `articles` to `out`: tab-separated lines (title, date,
/// source, origin; `-` for what is unknown), or with `json` an array of objects,
/// one a line so that a long listing streams.
pub fn run(articles: &[Listed], json: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut listing = Listing::new(json);
    for listed in articles {
        listing.write(listed, out)?;
    }
    listing.finish(out)
}

/// A listing written an article at a time, as articles are read.
#[derive(Debug)]
pub struct Listing {
    json: bool,
    written: usize,
}

impl Listing {
    pub fn new(json: bool) -> Listing {
        Listing { json, written: 0 }
    }

    /// Writes one article's line (or JSON object).
    pub fn write(&mut self, listed: &Listed, out: &mut dyn Write) -> io::Result<()> {
        self.written += 1;
        if self.json {
            out.write_all(if self.written == 1 { b"[\n" } else { b",\n" })?;
            // `io::Error::from` keeps the kind of an I/O error (a closed pipe).
            return serde_json::to_writer(&mut *out, &Entry::new(listed)).map_err(io::Error::from);
        }
        let a = &listed.article;
        let date = a.date().map_or_else(|| "-".to_string(), short_date);
        let source = a.source().unwrap_or("-");
        // Every field goes through the sanitiser, so each article is exactly
        // one line of four fields and nothing reaches a terminal raw: titles
        // and sources are cleaned at load, but the origin is a file name,
        // which may hold anything, escape sequences included.
        let origin = a.origin.to_string();
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            display(a.title()),
            date,
            display(source),
            display(&origin)
        )
    }

    /// Ends the listing (closes the JSON array).
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.json {
            out.write_all(if self.written == 0 {
                b"[\n]\n"
            } else {
                b"\n]\n"
            })?;
        }
        out.flush()
    }
}

/// "2016-09-28", or "2016-09-28 10:00" when the source gave a time.
fn short_date(d: NaiveDateTime) -> String {
    if d.hour() == 0 && d.minute() == 0 && d.second() == 0 {
        d.format("%Y-%m-%d").to_string()
    } else {
        d.format("%Y-%m-%d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Corpus, Origin, Warning};

    fn corpus() -> Vec<Listed> {
        let mut corpus = Corpus::default();
        let mut kerry = Article::new("Kerry & \"Lavrov\" meet", "Body é.");
        kerry.set_date(
            chrono::NaiveDate::from_ymd_opt(2016, 9, 28).and_then(|d| d.and_hms_opt(10, 5, 0)),
        );
        kerry.set_date_text(Some("Wed, 28 Sep 2016 10:05:00 +0000".into()));
        kerry.set_source(Some("Example Wire".into()));
        kerry.set_url(Some("https://example.org/1".into()));
        kerry.origin = Origin::at_line("news.jsonl", 3);
        corpus.push(kerry);
        let mut undated = Article::new("Undated", "");
        undated.origin = Origin::at_record("feed.xml", 2);
        corpus.push(undated);
        corpus.warnings.push(Warning {
            origin: Origin::file("x"),
            message: "not listed".into(),
        });
        corpus.articles.into_iter().map(Listed::new).collect()
    }

    fn output(json: bool) -> String {
        let mut out = Vec::new();
        run(&corpus(), json, &mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("the listing is UTF-8")
    }

    #[test]
    fn one_line_per_article() {
        assert_eq!(
            output(false),
            "Kerry & \"Lavrov\" meet\t2016-09-28 10:05\tExample Wire\tnews.jsonl:3\nUndated\t-\t-\tfeed.xml#2\n"
        );
    }

    #[test]
    fn json_array_with_the_promised_fields() {
        let text = output(true);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let items = value.as_array().expect("an array");
        assert_eq!(items.len(), 2);
        let first = &items[0];
        assert_eq!(first["title"], "Kerry & \"Lavrov\" meet");
        assert_eq!(first["date"], "2016-09-28T10:05:00");
        assert_eq!(first["source"], "Example Wire");
        assert_eq!(first["url"], "https://example.org/1");
        assert_eq!(first["origin"], "news.jsonl:3");
        assert_eq!(first["line"], 3);
        assert_eq!(first["bytes"], 8);
        let second = &items[1];
        assert!(second["date"].is_null());
        assert!(second["source"].is_null());
        assert_eq!(second["origin"], "feed.xml#2");
        assert_eq!(second["record"], 2);
        assert_eq!(second["id"], 1);
    }

    #[test]
    fn empty_corpus_is_an_empty_array() {
        let mut out = Vec::new();
        run(&[], true, &mut out).expect("write");
        let value: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
        assert_eq!(value, serde_json::json!([]));
    }
}
