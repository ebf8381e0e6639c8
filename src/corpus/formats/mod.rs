//! Readers for the structured formats (JSON, CSV, feeds, HTML), and the sniffing
//! that picks one when a file's name says nothing. Plain text lives in
//! [`super::text`].

pub mod csv;
pub mod feed;
pub mod html;
pub mod json;
mod markup;
mod record;

use std::io::{self, BufRead};

use super::walk::Format;

/// Reads one line into `buf` (without its line break). `Ok(None)` at the end of
/// the input; `Ok(Some(false))` when the line was longer than `cap` bytes: it is
/// consumed but not kept, so a 10 GB line costs no memory.
pub fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let (mut any, mut overflow) = (false, false);
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(!overflow));
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !overflow && buf.len() + take > cap {
            overflow = true;
            buf.clear();
        }
        if !overflow {
            buf.extend_from_slice(&chunk[..take]);
        }
        reader.consume(if done { take + 1 } else { take });
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(!overflow));
        }
    }
}

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
    fn capped_lines() {
        let mut input: &[u8] = b"short\r\nvery long line\nlast";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 8).ok(),
            Some(Some(true))
        );
        assert_eq!(buf, b"short");
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 8).ok(),
            Some(Some(false))
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 8).ok(),
            Some(Some(true))
        );
        assert_eq!(buf, b"last");
        assert_eq!(read_line_capped(&mut input, &mut buf, 8).ok(), Some(None));
    }

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
