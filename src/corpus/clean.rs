//! Cleaning: the one pass that turns untrusted source text into the body every
//! later stage reads. (Placeholder: the full cleaner lands with the corpus work.)

use std::ops::Range;

use super::{Article, RawRecord};

/// Cleans a body into paragraphs joined by `"\n\n"`, returning the body and the
/// byte range of each paragraph.
pub fn clean_body(raw: &str) -> (String, Vec<Range<usize>>) {
    let mut body = String::new();
    let mut paragraphs = Vec::new();
    for para in raw.split("\n\n") {
        let para: String = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if para.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(&para);
        paragraphs.push(start..body.len());
    }
    (body, paragraphs)
}

/// Cleans one line of metadata (a title, a source name).
pub fn clean_inline(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns a raw record into an article.
pub fn article(raw: RawRecord, id: usize) -> Article {
    let (body, paragraphs) = clean_body(&raw.body);
    let title = raw.title.as_deref().map(clean_inline).unwrap_or_default();
    Article {
        id,
        title,
        title_derived: false,
        date: raw.date.as_deref().and_then(super::date::parse_date),
        date_text: raw.date,
        source: raw.source,
        url: raw.url,
        authors: raw.authors,
        origin: raw.origin,
        body,
        paragraphs,
    }
}
