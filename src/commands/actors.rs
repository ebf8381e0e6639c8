//! `castlist actors`: every actor of a corpus with its kind, mention and article
//! counts and aliases, sorted by mentions; as a table or as JSON.

use std::fmt::Write as _;
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
    // One buffer for every row's aliases, not a string for each alias.
    let mut aliases = String::new();
    for r in &rows {
        aliases.clear();
        for (k, a) in r.aliases.iter().enumerate() {
            if k > 0 {
                aliases.push_str(", ");
            }
            // Writing to a `String` cannot fail.
            let _ = write!(aliases, "{} ({})", display(&a.text), a.count);
        }
        writeln!(
            out,
            "{:>8} {:>8}  {:<13} {:<32} {}",
            r.mentions,
            r.articles,
            r.kind.label(),
            display(r.name),
            aliases
        )?;
    }
    Ok(())
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
}
