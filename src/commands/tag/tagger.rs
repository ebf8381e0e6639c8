//! What both forms of `castlist tag` share: documents analysed a batch at a
//! time on the thread pool and added to one [`Cast`] in input order, so that
//! actors are resolved across all of them and the result does not depend on
//! the number of threads; what is kept of each document is its mentions (and
//! the text of each, interned) and, with `--quotes`, its attribution rows,
//! never its text; when the input ends, one JSON line per mention
//! (`"type":"mention"`), then one per attribution (`"type":"quote"`).

use std::io::{self, Write};

use indexmap::IndexSet;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use serde_json::Value;

use crate::cast::{Cast, DocActors, Engine, Quote};
use crate::commands::quotes::QuoteRow;

/// Documents analysed together: enough to keep every core busy, few enough
/// that a batch's texts are all the text held at once.
const BATCH_DOCS: usize = 256;

/// Bytes of text that also close a batch.
const BATCH_BYTES: usize = 4 << 20;

/// One document to tag: the text the engine reads, and how its mentions are
/// reported.
pub struct Doc {
    /// What the engine analyses: the title, a line break, then the text; or
    /// the text alone.
    pub text: String,
    /// Where the reported text starts in `text` (after the title and its
    /// line break); mentions before it are in the title.
    pub text_start: usize,
    /// Added to every offset reported (a piece of a long input).
    pub base: u64,
    /// The `doc` field of each row; `None` for plain `tag`, whose rows have
    /// no `doc`.
    pub id: Option<Value>,
}

/// What is kept of a document once it has been analysed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Kept {
    pub(crate) text_start: u32,
    pub(crate) base: u64,
    pub(crate) id: Option<Value>,
    /// The text of each of the cast's mentions of the document, in
    /// [`Cast::mentions_in`] order, as an index into [`Rows::surfaces`].
    pub(crate) surfaces: Vec<u32>,
}

/// What the output rows need besides the cast: each document's place and
/// the text of its mentions, and the attribution rows (see [`super::summary`]
/// for how they are saved).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Rows {
    pub(crate) kept: Vec<Kept>,
    /// Every mention text seen, once. Hashed with Fx rather than SipHash,
    /// as the engine's own tables hash the same texts: every mention is
    /// looked up here. The set's order is its insertion order whatever the
    /// hasher, so the output does not depend on it.
    pub(crate) surfaces: IndexSet<Box<str>, rustc_hash::FxBuildHasher>,
    /// The attribution rows, in input order.
    pub(crate) quote_lines: Vec<String>,
}

impl Rows {
    /// Adds `other`'s documents after these (as [`Cast::append`] adds their
    /// cast's documents).
    pub fn append(&mut self, other: Rows) {
        let ids: Vec<u32> = other
            .surfaces
            .into_iter()
            .map(|s| u32::try_from(self.surfaces.insert_full(s).0).unwrap_or(u32::MAX))
            .collect();
        for mut kept in other.kept {
            for s in &mut kept.surfaces {
                *s = ids.get(*s as usize).copied().unwrap_or(u32::MAX);
            }
            self.kept.push(kept);
        }
        self.quote_lines.extend(other.quote_lines);
    }

    /// How many documents there are.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }
}

/// A cast built up document by document, and what the rows need.
pub struct Tagger<'e> {
    engine: &'e Engine,
    /// Find attributions too (`--quotes`).
    quotes: bool,
    cast: Cast,
    rows: Rows,
    batch: Vec<Doc>,
    batch_bytes: usize,
}

impl<'e> Tagger<'e> {
    pub fn new(engine: &'e Engine, quotes: bool) -> Tagger<'e> {
        Tagger {
            engine,
            quotes,
            cast: Cast::default(),
            rows: Rows::default(),
            batch: Vec::new(),
            batch_bytes: 0,
        }
    }

    /// Queues a document; a full batch is analysed at once.
    pub fn push(&mut self, doc: Doc) {
        self.batch_bytes += doc.text.len();
        self.batch.push(doc);
        if self.batch.len() >= BATCH_DOCS || self.batch_bytes >= BATCH_BYTES {
            self.flush();
        }
    }

    /// Analyses the queued documents in parallel and adds them to the cast in
    /// the order they came; their texts are dropped.
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let (engine, quotes) = (self.engine, self.quotes);
        let found: Vec<(DocActors, Vec<String>)> = batch
            .par_iter()
            .map(|d| {
                let found = engine.analyze(&d.text);
                let lines = if quotes {
                    let found_quotes = engine.quotes(&d.text, &found);
                    found_quotes
                        .iter()
                        .filter_map(|q| quote_line(d, &found, q))
                        .collect()
                } else {
                    Vec::new()
                };
                (found, lines)
            })
            .collect();
        for (doc, (found, lines)) in batch.into_iter().zip(found) {
            let found = &found;
            self.rows.quote_lines.extend(lines);
            let id = self.rows.kept.len();
            self.cast.add(id, doc.text.as_str(), found);
            let surfaces = self
                .cast
                .mentions_in(id)
                .iter()
                .map(|m| {
                    let text = doc.text.get(m.range()).unwrap_or_default();
                    // Most mention texts are seen before: look them up
                    // before making a box for one.
                    let index = match self.rows.surfaces.get_index_of(text) {
                        Some(index) => index,
                        None => self.rows.surfaces.insert_full(text.into()).0,
                    };
                    // More distinct mention texts than u32 holds would take
                    // terabytes of input; saturating keeps it panic-free.
                    u32::try_from(index).unwrap_or(u32::MAX)
                })
                .collect();
            self.rows.kept.push(Kept {
                text_start: u32::try_from(doc.text_start).unwrap_or(u32::MAX),
                base: doc.base,
                id: doc.id,
                surfaces,
            });
        }
    }

    /// Ends the input: analyses what is queued, and returns the cast (not
    /// yet settled) with what the rows need.
    pub fn end(mut self) -> (Cast, Rows) {
        self.flush();
        (self.cast, self.rows)
    }

    /// Ends the input, settles the cast and writes the rows (see [`write_rows`]).
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        let (mut cast, rows) = self.end();
        cast.finish();
        write_rows(&cast, &rows, out)
    }
}

/// Writes one JSON line per mention of a settled cast, document by
/// document, then the attribution rows.
pub fn write_rows(cast: &Cast, rows: &Rows, out: &mut dyn Write) -> io::Result<()> {
    let names = unique_names(cast);
    // Each row is laid out by hand in this buffer and written at once, as
    // serde would write `{"type":"mention","doc":…,"start":…,"end":…,
    // "text":…,"kind":…,"actor":…,"form":…,"field":…,"uncertain":true}`
    // (`doc`, `field` and `uncertain` only when there is one): a quarter
    // of a million rows for 2,000 articles, where serde's generic path
    // (a write per piece, every string escaped byte by byte) cost a tenth
    // of the command. A document's id is serialised once for all its rows.
    let mut line = Vec::with_capacity(256);
    let mut doc = Vec::new();
    for (id, kept) in rows.kept.iter().enumerate() {
        doc.clear();
        if let Some(v) = &kept.id {
            doc.extend_from_slice(b",\"doc\":");
            serde_json::to_writer(&mut doc, v).map_err(io::Error::from)?;
        }
        for (m, &surface) in cast.mentions_in(id).iter().zip(&kept.surfaces) {
            let actor = cast.resolve(m.actor);
            let (Some(a), Some(name)) = (cast.actor(actor), names.get(&actor)) else {
                continue;
            };
            let text_start = kept.text_start;
            let (field, start, end) = if m.start >= text_start {
                (None, m.start - text_start, m.end - text_start)
            } else {
                (Some("title"), m.start, m.end)
            };
            let text = rows.surfaces.get_index(surface as usize).map_or("", |s| s);
            line.clear();
            line.extend_from_slice(b"{\"type\":\"mention\"");
            line.extend_from_slice(&doc);
            line.extend_from_slice(b",\"start\":");
            push_number(&mut line, kept.base + u64::from(start));
            line.extend_from_slice(b",\"end\":");
            push_number(&mut line, kept.base + u64::from(end));
            line.extend_from_slice(b",\"text\":");
            push_json_str(&mut line, text)?;
            line.extend_from_slice(b",\"kind\":");
            // `io::Error::from` keeps the kind of an I/O error (a closed pipe).
            serde_json::to_writer(&mut line, &a.kind).map_err(io::Error::from)?;
            line.extend_from_slice(b",\"actor\":");
            push_json_str(&mut line, name)?;
            line.extend_from_slice(b",\"form\":");
            serde_json::to_writer(&mut line, &m.form).map_err(io::Error::from)?;
            if let Some(f) = field {
                line.extend_from_slice(b",\"field\":");
                push_json_str(&mut line, f)?;
            }
            if m.uncertain {
                line.extend_from_slice(b",\"uncertain\":true");
            }
            line.extend_from_slice(b"}\n");
            out.write_all(&line)?;
        }
    }
    for line in &rows.quote_lines {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// `n` in decimal, as serde_json writes it.
fn push_number(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(crate::commands::decimal(n, &mut [0; 20]).as_bytes());
}

/// `s` as a JSON string, as serde_json writes it: as it is between quotes
/// when it has nothing to escape (serde_json escapes only `"`, `\` and
/// control characters), else by serde_json itself.
fn push_json_str(buf: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        return serde_json::to_writer(buf, s).map_err(io::Error::from);
    }
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
    Ok(())
}

/// An attribution row as `tag` prints it: the row, and for `--jsonl` its
/// document, and `"field": "title"` when it is in the line's title.
#[derive(Serialize)]
struct QuoteLine<'a> {
    #[serde(flatten)]
    row: QuoteRow<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
}

/// The `"type":"quote"` row of an attribution in `doc`, its offsets made
/// like the mentions' (into the input, or into a `--jsonl` line's text or,
/// for a quote in it, its title) and, for `--jsonl`, naming its document.
fn quote_line(doc: &Doc, found: &DocActors, q: &Quote) -> Option<String> {
    let mut row = QuoteRow::new(&doc.text, found, q);
    let in_title = row
        .content
        .iter()
        .chain(&row.cue)
        .chain(&row.source)
        .any(|span| span.start < doc.text_start);
    if !in_title {
        let shift = |n: usize| {
            let n = (n - doc.text_start) as u64 + doc.base;
            // Offsets past usize only on a 32-bit machine reading 4 GB.
            usize::try_from(n).unwrap_or(usize::MAX)
        };
        for span in row
            .content
            .iter_mut()
            .chain(row.cue.iter_mut())
            .chain(row.source.iter_mut())
        {
            (span.start, span.end) = (shift(span.start), shift(span.end));
        }
    }
    let line = QuoteLine {
        row,
        doc: doc.id.as_ref(),
        field: in_title.then_some("title"),
    };
    serde_json::to_string(&line).ok()
}

/// A name for each live actor, unique across the input: the actor's name,
/// and for a second actor of the same name "Name (2)", and so on (in the
/// order actors were found), so that a name stands for one actor.
fn unique_names(cast: &Cast) -> FxHashMap<u32, String> {
    let mut taken: FxHashSet<String> = FxHashSet::default();
    let mut names = FxHashMap::default();
    for (id, actor) in cast.actors().iter().enumerate() {
        if actor.mentions == 0 {
            continue;
        }
        // Told apart regardless of case, as `castlist mentions` finds names.
        let mut name = actor.name.clone();
        let mut n = 1;
        while taken.contains(&name.to_lowercase()) {
            n += 1;
            name = format!("{} ({n})", actor.name);
        }
        taken.insert(name.to_lowercase());
        names.insert(id as u32, name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::{DocMention, Form, Kind};

    #[test]
    fn actors_of_the_same_name_get_names_of_their_own() {
        let text = "Bush spoke. Bush left. BUSH returned.";
        let mut doc = DocActors::default();
        let keys = ["n:george w bush", "n:jeb bush", "n:george h w bush"];
        let names = ["Bush", "Bush", "BUSH"];
        for (i, (start, end)) in [(0, 4), (12, 16), (23, 27)].into_iter().enumerate() {
            let entity = doc.add_entity(names[i], Kind::Person, keys[i]);
            doc.mentions.push(DocMention {
                start,
                end,
                entity,
                form: Form::Name,
                uncertain: false,
            });
        }
        let mut cast = Cast::default();
        cast.add(0, text, &doc);
        let names = unique_names(&cast);
        let mut shown: Vec<&str> = names.values().map(String::as_str).collect();
        shown.sort_unstable();
        assert_eq!(shown, ["BUSH (3)", "Bush", "Bush (2)"]);
    }
    #[test]
    fn hand_made_json_matches_serde_json() {
        for s in [
            "",
            "Trump",
            "Zoë \"Z\" Ball",
            "a\\b",
            "tab\there",
            "\u{1}\u{1f}\u{7f}",
            "東京/x",
        ] {
            let mut b = Vec::new();
            push_json_str(&mut b, s).unwrap();
            assert_eq!(
                String::from_utf8(b).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
        for n in [0u64, 9, 10, 1234567, u64::MAX] {
            let mut b = Vec::new();
            push_number(&mut b, n);
            assert_eq!(String::from_utf8(b).unwrap(), n.to_string());
        }
    }
}
