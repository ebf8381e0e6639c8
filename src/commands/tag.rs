//! `castlist tag`: one document's raw text on standard input, one JSON object a
//! line per mention, with byte offsets into the input exactly as given.
//!
//! Input need not be valid UTF-8: each invalid byte is analysed as a one-byte
//! stand-in (U+001A), so offsets still count the input's own bytes.

use std::io::{self, Read, Write};

use serde::Serialize;

use crate::cast::{Engine, Form, Kind};

#[derive(Serialize)]
struct Row<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: Kind,
    actor: &'a str,
    form: Form,
}

/// Reads all of `input`, writes one JSON line per mention to `out`.
pub fn run(engine: &Engine, input: &mut dyn Read, out: &mut dyn Write) -> io::Result<()> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let text = same_length_text(&bytes);
    let doc = engine.analyze(&text);
    for m in &doc.mentions {
        let Some(e) = doc.entity(m.entity) else {
            continue;
        };
        let row = Row {
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
        run(&Engine::builtin(), &mut &input[..], &mut out).unwrap();
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
        let russian = rows.iter().find(|r| r["text"] == "Russian").unwrap();
        assert_eq!(
            (russian["actor"].as_str(), russian["form"].as_str()),
            (Some("Russia"), Some("demonym"))
        );
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
