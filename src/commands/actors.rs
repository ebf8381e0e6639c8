//! `castlist actors`: every actor of a corpus with its kind, mention and article
//! counts and aliases, sorted by mentions; as a table or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::cast::{Alias, Cast, Kind};
use crate::sanitize::display;

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    kind: Kind,
    mentions: usize,
    articles: usize,
    /// Mentions assigned on weak evidence (a surname namesakes share).
    #[serde(skip_serializing_if = "is_zero")]
    uncertain: usize,
    aliases: &'a [Alias],
    #[serde(skip)]
    key: &'a str,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Writes the actors of `cast` (empty, absorbed actors skipped), most mentioned
/// first; ties by name.
pub fn run(cast: &Cast, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: Vec<Row<'_>> = cast
        .actors()
        .iter()
        .filter(|a| a.mentions > 0)
        .map(|a| Row {
            name: &a.name,
            kind: a.kind,
            mentions: a.mentions,
            articles: a.articles,
            uncertain: a.uncertain,
            aliases: &a.aliases,
            key: &a.key,
        })
        .collect();
    // Ties by name, then by key: two actors may share a name.
    rows.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(b.name))
            .then_with(|| a.key.cmp(b.key))
    });
    if json {
        // `io::Error::from` keeps the kind of an I/O error (a closed pipe).
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::from)?;
        return writeln!(out);
    }
    writeln!(
        out,
        "{:>8} {:>8}  {:<13} {:<32} aliases",
        "mentions", "articles", "kind", "name"
    )?;
    // Names come from the text and from the user's actors file, which may
    // hold anything: every one goes through the sanitiser (JSON escapes them).
    // The rows are laid out by hand into one buffer, written in large pieces:
    // a corpus has thousands of actors, and `format_args!` padding and a
    // write per row cost more than finding the cast of a small corpus did.
    // The columns are as `{:>8} {:>8}  {:<13} {:<32}` would make them
    // (padded by chars, never cut).
    let mut buf = String::with_capacity(OUT_CHUNK + 4096);
    for r in &rows {
        push_right(&mut buf, r.mentions, 8);
        buf.push(' ');
        push_right(&mut buf, r.articles, 8);
        buf.push_str("  ");
        push_left(&mut buf, r.kind.label(), 13);
        buf.push(' ');
        push_left(&mut buf, &display(r.name), 32);
        buf.push(' ');
        for (k, a) in r.aliases.iter().enumerate() {
            if k > 0 {
                buf.push_str(", ");
            }
            buf.push_str(&display(&a.text));
            buf.push_str(" (");
            push_number(&mut buf, a.count);
            buf.push(')');
        }
        buf.push('\n');
        if buf.len() >= OUT_CHUNK {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    out.write_all(buf.as_bytes())
}

/// How much of the table is gathered before it is written.
const OUT_CHUNK: usize = 1 << 16;

/// `n` in decimal.
fn push_number(buf: &mut String, n: usize) {
    buf.push_str(super::decimal(n as u64, &mut [0; 20]));
}

/// `n` right-aligned in `width` columns, as `{:>width}` writes it.
fn push_right(buf: &mut String, n: usize, width: usize) {
    let digits = n.checked_ilog10().map_or(1, |l| l as usize + 1);
    for _ in digits..width {
        buf.push(' ');
    }
    push_number(buf, n);
}

/// `text` left-aligned in `width` chars, as `{:<width}` writes it.
fn push_left(buf: &mut String, text: &str, width: usize) {
    buf.push_str(text);
    for _ in text.chars().count()..width {
        buf.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Engine;
    use crate::corpus;

    #[test]
    fn json_has_the_documented_fields() {
        let cast = Cast::build(&Engine::builtin(), &corpus::bundled().articles);
        let mut out = Vec::new();
        run(&cast, true, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let first = &v[0];
        for field in ["name", "kind", "mentions", "articles", "aliases"] {
            assert!(first.get(field).is_some(), "{field}");
        }
        assert!(
            first["aliases"][0].get("text").is_some() && first["aliases"][0].get("count").is_some()
        );
        let mentions: Vec<u64> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["mentions"].as_u64().unwrap())
            .collect();
        assert!(mentions.windows(2).all(|w| w[0] >= w[1]));
    }
    #[test]
    fn hand_made_columns_match_the_format_strings() {
        for n in [0usize, 7, 10, 99, 12_345_678, 123_456_789, usize::MAX] {
            let mut b = String::new();
            push_right(&mut b, n, 8);
            assert_eq!(b, format!("{n:>8}"));
        }
        for t in [
            "",
            "place",
            "Zoë Ball",
            "a name of more than thirteen chars",
            "東京",
        ] {
            let mut b = String::new();
            push_left(&mut b, t, 13);
            assert_eq!(b, format!("{t:<13}"));
        }
    }
}
