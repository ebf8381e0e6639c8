//! RSS 2.0, RSS 1.0 and Atom feeds (through feed-rs): each item an article, its
//! HTML content turned into text with the paragraphs kept and the links listed at
//! the end. The feed's title is each article's source.

use std::ops::ControlFlow;

use super::super::load::Emitter;
use super::super::{Origin, RawRecord, clean};
use super::html;

/// Reads a feed held in memory.
pub fn read(content: &str, out: &mut Emitter<'_>) -> ControlFlow<()> {
    let feed = match feed_rs::parser::parse(content.as_bytes()) {
        Ok(feed) => feed,
        Err(e) => return out.warn(None, format!("not an RSS or Atom feed ({e}); skipped")),
    };
    if feed.entries.is_empty() {
        return out.warn(None, "feed has no items");
    }
    let source = feed.title.map(|t| html_to_text(&t.content, false));
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let record = i + 1;
        let body = entry
            .content
            .and_then(|c| c.body)
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.map(|s| s.content))
            .unwrap_or_default();
        let raw = RawRecord {
            title: entry.title.map(|t| html_to_text(&t.content, false)),
            body: html_to_text(&body, true),
            date: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            source: source.clone(),
            url: entry.links.first().map(|l| l.href.clone()),
            authors: entry.authors.into_iter().filter_map(|p| p.name).collect(),
            origin: Origin::record(out.path(), record),
        };
        let mut article = clean::article(raw, 0);
        html::drop_repeated_title(&mut article);
        if article.body.is_empty() && (article.title.is_empty() || article.title_derived) {
            out.warn_record(record, "item has no title or text; skipped")?;
            continue;
        }
        out.article(article)?;
    }
    ControlFlow::Continue(())
}

/// Feed text is HTML more often than its declared type says: anything that looks
/// like markup is converted, the rest kept as it is.
fn html_to_text(text: &str, with_links: bool) -> String {
    if !(text.contains('<') && text.contains('>')) {
        return text.to_string();
    }
    let converted = html::fragment_to_text(text);
    if with_links {
        converted.with_links()
    } else {
        converted.text
    }
}
