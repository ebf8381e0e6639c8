//! Readers for the structured formats (JSON, CSV, feeds, HTML), and the sniffing
//! that picks one when a file's name says nothing. Plain text lives in
//! [`super::text`].

pub mod csv;
pub mod feed;
pub mod html;
pub mod json;

use super::walk::Format;

/// How much of the start of a file is looked at to guess its format.
const SNIFF_LEN: usize = 4096;

/// Guesses the format of a file from its first characters.
pub fn sniff(content: &str) -> Format {
    let start = content.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let mut cut = start.len().min(SNIFF_LEN);
    while !start.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = start[..cut].to_ascii_lowercase();
    if head.starts_with('<') {
        if ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .any(|tag| head.contains(tag))
        {
            return Format::Feed;
        }
        return Format::Html;
    }
    if head.starts_with('[') {
        return Format::Json;
    }
    if head.starts_with('{') {
        let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty());
        let first_closed = lines.next().is_some_and(|l| l.ends_with('}'));
        let second_opens = lines.next().is_some_and(|l| l.starts_with('{'));
        return if first_closed && second_opens {
            Format::JsonLines
        } else {
            Format::Json
        };
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(
            sniff("\u{feff}<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("  [{\"title\": 1}]"), Format::Json);
        assert_eq!(sniff("{\"a\":1}\n{\"a\":2}\n"), Format::JsonLines);
        assert_eq!(sniff("{\n  \"title\": \"x\"\n}"), Format::Json);
        assert_eq!(sniff("A title\n\nBody"), Format::Text);
    }
}
