//! `castlist tag`: one document's raw text on standard input, one JSON object a
//! line per mention (`"type":"mention"`), with byte offsets into the input
//! exactly as given; with `--quotes`, also one line per attribution
//! (`"type":"quote"`, see [`super::quotes::QuoteRow`]).
//!
//! Input need not be valid UTF-8: each invalid byte is analysed as a one-byte
//! stand-in (U+001A), so offsets still count the input's own bytes.

use std::io::{self, Read, Write};

use serde::Serialize;

use crate::cast::{Engine, Form, Kind};

#[derive(Serialize)]
struct Row<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    kind: Kind,
    actor: &'a str,
    form: Form,
}

/// Reads all of `input`, writes one JSON line per mention to `out`, and with
/// `quotes` one per attribution after them.
pub fn run(
    engine: &Engine,
    quotes: bool,
    input: &mut dyn Read,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let text = same_length_text(&bytes);
    let doc = engine.analyze(&text);
    for m in &doc.mentions {
        let Some(e) = doc.entity(m.entity) else {
            continue;
        };
        let row = Row {
            ty: "mention",
            start: m.start,
            end: m.end,
            text: text.get(m.start..m.end).unwrap_or(""),
            kind: e.kind,
            actor: e.name,
            form: m.form,
        };
        serde_json::to_writer(&mut *out, &row).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    if quotes {
        let found = engine.quotes(&text, &doc);
        super::quotes::write_rows(&text, &doc, &found, out)?;
    }
    Ok(())
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
}
