//! `castlist timeline NAME`: an actor's mentions over the collection's
//! dates, one bin a line (the unit chosen as in the reader's cast detail,
//! here for up to 60 bins), the peak marked — or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::timeline::{Unit, timeline};
use crate::cast::Cast;
use crate::corpus::Corpus;
use crate::sanitize::display;

/// How many bins the command prints at most.
pub const BINS: usize = 60;

#[derive(Serialize)]
struct Bin {
    start: String,
    label: String,
    mentions: u64,
}

#[derive(Serialize)]
struct Series<'a> {
    actor: &'a str,
    unit: Unit,
    bins: Vec<Bin>,
    undated: u64,
    peak: Option<String>,
}

/// Writes the timeline of the actor `name` names. An unknown name, or a
/// collection without dates, is an `io::ErrorKind::NotFound` error saying so.
pub fn run(
    corpus: &Corpus,
    cast: &Cast,
    name: &str,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let not_found = |what: String| io::Error::new(io::ErrorKind::NotFound, what);
    let id = cast
        .find(name)
        .ok_or_else(|| not_found(format!("no actor named \"{}\"", display(name))))?;
    let actor = cast.actor(id).map(|a| a.name.as_str()).unwrap_or_default();
    let t = timeline(corpus, cast, id, BINS)
        .ok_or_else(|| not_found("no article of this collection has a date".into()))?;
    let peak = t.peak();
    if json {
        let series = Series {
            actor,
            unit: t.unit,
            bins: (0..t.counts.len())
                .map(|i| Bin {
                    start: t.bin_start(i).format("%Y-%m-%d").to_string(),
                    label: t.bin_name(i),
                    mentions: t.counts[i],
                })
                .collect(),
            undated: t.undated,
            peak: peak.map(|(i, _)| t.bin_name(i)),
        };
        serde_json::to_writer(&mut *out, &series)?;
        return writeln!(out);
    }
    let total: u64 = t.counts.iter().sum();
    writeln!(
        out,
        "{}: {total} dated mention{} by {}{}",
        display(actor),
        if total == 1 { "" } else { "s" },
        t.unit.label(),
        match t.undated {
            0 => String::new(),
            n => format!(" ({n} more in undated articles)"),
        }
    )?;
    let most = peak.map_or(0, |(_, n)| n).max(1);
    for (i, &n) in t.counts.iter().enumerate() {
        let bar = "█".repeat(((n * 40).div_ceil(most)) as usize);
        let mark = if peak.is_some_and(|(p, _)| p == i) {
            "  ← peak"
        } else {
            ""
        };
        writeln!(out, "{:>10}  {n:>6}  {bar}{mark}", t.bin_name(i))?;
    }
    Ok(())
}
