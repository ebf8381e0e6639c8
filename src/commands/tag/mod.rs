//! `castlist tag`: raw text on standard input, one JSON object a line per
//! mention (`"type":"mention"`), with byte offsets into the input exactly as
//! given; with `--quotes`, also one line per attribution (`"type":"quote"`,
//! see [`super::quotes::QuoteRow`]); with `--jsonl`, many documents as JSON
//! lines (see [`jsonl`]).
//!
//! Input need not be valid UTF-8: each invalid byte is analysed as a one-byte
//! stand-in (U+001A), so offsets still count the input's own bytes.
//!
//! The input is read as it comes, never whole: a long text is analysed in
//! pieces cut at a paragraph break once a piece passes [`PIECE`] bytes (at
//! any line break past [`MAX_PIECE`]), and the pieces are resolved together
//! into one cast (see [`tagger`]), so memory follows the mentions found, not
//! the bytes read. A line longer than [`MAX_LINE`] is an error.

pub mod jsonl;
pub mod summary;
mod tagger;

use std::io::{self, BufRead, Write};

use crate::cast::Engine;
use crate::corpus::load::MAX_RECORD;
use tagger::{Doc, Tagger};
pub use tagger::{Rows, write_rows};

/// A piece of plain text is cut at the first paragraph break past this size.
/// An article is nearly always shorter, and is then analysed whole.
pub const PIECE: usize = 1 << 20;

/// Without a paragraph break, a piece is cut at the first line break past this.
pub const MAX_PIECE: usize = 4 << 20;

/// The longest line read: the loaders' limit for one record.
pub const MAX_LINE: usize = MAX_RECORD;

/// Tags the text on `input`, writing one JSON line per mention to `out` once
/// the input has ended. A line longer than [`MAX_LINE`] is an
/// `InvalidData` error that names the limit.
pub fn run(
    engine: &Engine,
    quotes: bool,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut tagger = Tagger::new(engine, quotes);
    let mut piece: Vec<u8> = Vec::new();
    let mut base = 0u64;
    let mut line_no = 0usize;
    loop {
        let start = piece.len();
        line_no += 1;
        if !read_line_raw(input, &mut piece, MAX_LINE).map_err(|e| line_error(e, line_no))? {
            break;
        }
        let blank = piece[start..].iter().all(u8::is_ascii_whitespace);
        if (blank && piece.len() >= PIECE) || piece.len() >= MAX_PIECE {
            let bytes = std::mem::take(&mut piece);
            let len = bytes.len() as u64;
            tagger.push(doc(&bytes, base));
            base += len;
        }
    }
    if !piece.is_empty() {
        tagger.push(doc(&piece, base));
    }
    tagger.finish(out)
}

/// A piece of plain input as a document whose offsets start at `base`.
fn doc(bytes: &[u8], base: u64) -> Doc {
    Doc {
        text: same_length_text(bytes),
        text_start: 0,
        base,
        id: None,
    }
}

/// The error for a line past the limit names the line and the limit.
fn line_error(e: io::Error, line: usize) -> io::Error {
    if e.kind() == io::ErrorKind::FileTooLarge {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "standard input: line {line} is longer than {} MB, the limit for one line; nothing tagged",
                MAX_LINE >> 20
            ),
        )
    } else {
        e
    }
}

/// Appends one line, with its line break, to `buf`; `false` at the end of
/// the input. A line longer than `cap` is a `FileTooLarge` error, raised
/// before more than `cap` bytes of it are held.
pub fn read_line_raw(input: &mut dyn BufRead, buf: &mut Vec<u8>, cap: usize) -> io::Result<bool> {
    let mut len = 0usize;
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(len > 0);
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if len + take > cap {
            return Err(io::Error::new(io::ErrorKind::FileTooLarge, "line too long"));
        }
        buf.extend_from_slice(&chunk[..take]);
        len += take;
        input.consume(take);
        if done {
            return Ok(true);
        }
    }
}

/// `bytes` as text of the same length: valid UTF-8 kept, each invalid byte
/// replaced by U+001A (one byte).
fn same_length_text(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for _ in chunk.invalid() {
            text.push('\u{1a}');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn tag(input: &[u8]) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        run(&Engine::builtin(), true, &mut &input[..], &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn offsets_index_the_raw_input() {
        let input = "Secretary of State John Kerry met Russian officials.\n".as_bytes();
        let rows = tag(input);
        let kerry = rows.iter().find(|r| r["text"] == "John Kerry").unwrap();
        assert_eq!(kerry["start"], 19);
        assert_eq!(kerry["end"], 29);
        assert_eq!(kerry["kind"], "person");
        assert_eq!(kerry["form"], "name");
        assert_eq!(kerry["type"], "mention");
        assert!(kerry.get("doc").is_none());
        let russian = rows.iter().find(|r| r["text"] == "Russian").unwrap();
        assert_eq!(
            (russian["actor"].as_str(), russian["form"].as_str()),
            (Some("Russia"), Some("demonym"))
        );
    }

    #[test]
    fn quote_lines_follow_the_mentions() {
        let input = "“We will not give up,” John Kerry said on Tuesday.\n".as_bytes();
        let rows = tag(input);
        let q: Vec<_> = rows.iter().filter(|r| r["type"] == "quote").collect();
        assert_eq!(q.len(), 1, "{rows:?}");
        let q = q[0];
        assert_eq!(q["actor"], "John Kerry");
        assert_eq!(q["kind"], "direct");
        assert_eq!(q["cue"]["text"], "said");
        assert_eq!(q["source"]["text"], "John Kerry");
        let c = &q["content"][0];
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..e], "“We will not give up,”".as_bytes());
        assert_eq!(c["text"], "“We will not give up,”");
        // Every mention line comes before the quote lines.
        let first_quote = rows.iter().position(|r| r["type"] == "quote").unwrap();
        assert!(rows[..first_quote].iter().all(|r| r["type"] == "mention"));
    }

    #[test]
    fn invalid_utf8_keeps_byte_offsets() {
        let mut input = b"\xff\xfe Vladimir Putin said".to_vec();
        input.extend_from_slice(b" \xc3 Putin");
        let rows = tag(&input);
        let first = &rows[0];
        let (s, e) = (
            first["start"].as_u64().unwrap() as usize,
            first["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..e], b"Vladimir Putin");
        assert_eq!(same_length_text(&input).len(), input.len());
    }

    #[test]
    fn a_long_text_is_tagged_in_pieces_with_offsets_into_the_whole() {
        // Past PIECE bytes the text is cut at a paragraph break; the pieces
        // share one cast, so "Kerry" far down is still John Kerry.
        let mut input = String::from("Secretary of State John Kerry arrived in Geneva.\n\n");
        let filler = "The talks went on for hours without any result worth a line.\n\n";
        while input.len() < PIECE + 1000 {
            input.push_str(filler);
        }
        let late = input.len();
        input.push_str("Kerry said the talks would resume.\n");
        let rows = tag(input.as_bytes());
        let last = rows.iter().rfind(|r| r["type"] == "mention").unwrap();
        assert_eq!(last["start"].as_u64(), Some(late as u64));
        assert_eq!(last["text"], "Kerry");
        assert_eq!(last["actor"], "John Kerry");
    }

    #[test]
    fn tag_of_dev_zero_grew_without_limit() {
        // Regression: `tag < /dev/zero` read to the end of an endless input.
        let mut zeros = io::repeat(0).take((MAX_LINE + 10) as u64);
        let mut reader = io::BufReader::new(&mut zeros);
        let err = run(&Engine::builtin(), false, &mut reader, &mut Vec::new()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        let message = err.to_string();
        assert!(
            message.contains("standard input") && message.contains("64 MB"),
            "{message}"
        );
    }
}
