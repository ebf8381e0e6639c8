//! RSS 2.0, RSS 1.0 and Atom feeds (through feed-rs): each item an article, its
//! HTML content turned into text with the paragraphs kept and the links listed at
//! the end. The feed's title is each article's source.

use std::ops::ControlFlow;

use super::super::emit::Emitter;
use super::super::{RawRecord, clean};
use super::html;

/// Reads a feed held in memory.
pub fn read(content: &str, out: &mut Emitter<'_>) -> ControlFlow<()> {
    let feed = match feed_rs::parser::parse(content.as_bytes()) {
        Ok(feed) => feed,
        Err(e) => return out.warn(None, parse_error(&e.to_string())),
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
            origin: out.origin_record(record),
        };
        let mut article = clean::article(raw, 0);
        html::drop_repeated_title(&mut article);
        if article.body().is_empty() && (article.title().is_empty() || article.title_derived()) {
            out.warn_record(record, "item has no title or text; skipped")?;
            continue;
        }
        out.article(article)?;
    }
    ControlFlow::Continue(())
}

/// What was wrong with a file the feed parser refused, said of the file: the
/// XML parser's limits come with advice for programmers ("raise the limit
/// with NamespaceResolver::set_max_namespace_bindings"), which a reader can
/// do nothing with.
fn parse_error(message: &str) -> String {
    let number_before = |marker: &str| -> Option<String> {
        let at = message.find(marker)?;
        let digits: String = message[..at]
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        (!digits.is_empty()).then(|| digits.chars().rev().collect())
    };
    if let Some(limit) = number_before("namespace bindings in scope") {
        return format!(
            "cannot be read as a feed: it declares more than {limit} XML namespaces at once (a feed needs a few); skipped"
        );
    }
    if let Some(at) = message.find("deeper than the supported limit of ") {
        let limit = &message[at + "deeper than the supported limit of ".len()..];
        let limit: String = limit.chars().take_while(char::is_ascii_digit).collect();
        return format!(
            "cannot be read as a feed: its elements are nested more than {limit} deep; skipped"
        );
    }
    // Any other advice to programmers goes too.
    let message = message.split("; raise ").next().unwrap_or(message);
    format!("not an RSS or Atom feed ({message}); skipped")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_namespace_limit_error_gave_library_advice() {
        let namespaces: Vec<String> = (0..200)
            .map(|i| format!("xmlns:n{i}=\"http://example.org/{i}\""))
            .collect();
        let feed = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item {}><title>A</title></item></channel></rss>",
            namespaces.join(" ")
        );
        let mut warnings = Vec::new();
        let mut sink = |item| {
            if let crate::corpus::Loaded::Warning(w) = item {
                warnings.push(w.message);
            }
            ControlFlow::Continue(())
        };
        let _ = read(&feed, &mut Emitter::new("ns.xml", &mut sink));
        assert_eq!(
            warnings,
            [
                "cannot be read as a feed: it declares more than 128 XML namespaces at once (a feed needs a few); skipped"
            ]
        );
        assert_eq!(
            parse_error("document nests elements deeper than the supported limit of 65535"),
            "cannot be read as a feed: its elements are nested more than 65535 deep; skipped"
        );
        assert_eq!(
            parse_error("something; raise the limit with X::y"),
            "not an RSS or Atom feed (something); skipped"
        );
    }
}
