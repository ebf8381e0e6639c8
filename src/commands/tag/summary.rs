//! Summary files (`castlist tag --jsonl --summary PART.cast`): a partition
//! of a collection, tagged on its own, saved so that `castlist merge` can
//! put the partitions' casts together into the cast of one run.
//!
//! A summary holds the partition's cast records (the engine's
//! [`Cast::to_bytes`]: every document's entities, evidence and mentions) and
//! what the output rows need (each document's `id`, where its text starts,
//! the text of each mention, the attribution rows), in castlist's framed
//! file ([`crate::cache::frame`]): checksummed, and stamped with the engine
//! and actors files that made it, so that parts tagged with different ones
//! are refused rather than merged into a cast no single run would give.

use std::path::Path;

use serde_json::Value;

use super::tagger::{Kept, Rows};
use crate::cache::bytes::{Dec, Enc, Short};
use crate::cache::frame::{self, FrameError, Header};
use crate::cast::Cast;

/// The kind of file and its layout version.
const KIND: [u8; 4] = *b"CSUM";
const FORMAT: u32 = 1;

/// Why a summary could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SummaryFileError {
    #[error("{path}: {source}")]
    Frame { path: String, source: FrameError },
    #[error("{path}: {message}")]
    Damaged { path: String, message: String },
}

/// The header a summary made by `engine` carries.
fn header(engine: u64) -> Header {
    Header {
        kind: KIND,
        format: FORMAT,
        engine,
    }
}

/// Writes the summary of `cast` (its records; it need not be settled) and
/// `rows` to `path`, atomically.
pub fn write(path: &Path, engine: u64, cast: &Cast, rows: &Rows) -> std::io::Result<()> {
    let cast_bytes = cast.to_bytes();
    let rows_bytes = encode_rows(rows);
    frame::write_atomic(
        path,
        header(engine),
        &[(b"CAST", &cast_bytes), (b"ROWS", &rows_bytes)],
    )
}

/// Reads the summary at `path`, made by the engine whose version is `engine`.
pub fn read(path: &Path, engine: u64) -> Result<(Cast, Rows), SummaryFileError> {
    let shown = path.display().to_string();
    let frame = frame::read(path, header(engine)).map_err(|source| match source {
        FrameError::Foreign(_) => SummaryFileError::Damaged {
            path: shown.clone(),
            message: "not a summary file (castlist tag --jsonl --summary writes them)".into(),
        },
        source => SummaryFileError::Frame {
            path: shown.clone(),
            source,
        },
    })?;
    let damaged = |message: String| SummaryFileError::Damaged {
        path: shown.clone(),
        message,
    };
    let cast_bytes = frame.require(b"CAST").map_err(|e| damaged(e.to_string()))?;
    let rows_bytes = frame.require(b"ROWS").map_err(|e| damaged(e.to_string()))?;
    let cast = Cast::from_bytes(cast_bytes).map_err(|e| damaged(e.to_string()))?;
    let rows = decode_rows(rows_bytes).map_err(|e| damaged(e.to_string()))?;
    // Each document's rows name its mentions in the cast's order.
    let agree = rows.kept.len() == cast.article_count()
        && rows
            .kept
            .iter()
            .enumerate()
            .all(|(i, k)| k.surfaces.len() == cast.mentions_in(i).len());
    if !agree {
        return Err(damaged("its rows and its cast disagree".into()));
    }
    Ok((cast, rows))
}

fn encode_rows(rows: &Rows) -> Vec<u8> {
    let mut e = Enc::default();
    e.len(rows.surfaces.len());
    for s in &rows.surfaces {
        e.str(s);
    }
    e.len(rows.kept.len());
    for k in &rows.kept {
        let id = k.id.as_ref().map(Value::to_string);
        e.opt_str(id.as_deref());
        e.u32(k.text_start);
        e.u64(k.base);
        e.len(k.surfaces.len());
        for &s in &k.surfaces {
            e.u32(s);
        }
    }
    e.len(rows.quote_lines.len());
    for line in &rows.quote_lines {
        e.str(line);
    }
    e.0
}

fn decode_rows(bytes: &[u8]) -> Result<Rows, Short> {
    let mut d = Dec::new(bytes);
    let mut rows = Rows::default();
    let n = d.count(4)?;
    for _ in 0..n {
        rows.surfaces.insert(d.str()?.into());
    }
    if rows.surfaces.len() != n {
        return Err(Short("a mention text twice"));
    }
    let docs = d.count(20)?;
    rows.kept.reserve_exact(docs);
    for _ in 0..docs {
        let id = match d.opt_str()? {
            None => None,
            Some(text) => Some(serde_json::from_str(text).map_err(|_| Short("bad id"))?),
        };
        let text_start = d.u32()?;
        let base = d.u64()?;
        let m = d.count(4)?;
        let mut surfaces = Vec::with_capacity(m);
        for _ in 0..m {
            let s = d.u32()?;
            if s as usize >= n {
                return Err(Short("mention text out of range"));
            }
            surfaces.push(s);
        }
        rows.kept.push(Kept {
            text_start,
            base,
            id,
            surfaces,
        });
    }
    let lines = d.count(4)?;
    for _ in 0..lines {
        rows.quote_lines.push(d.str()?.to_string());
    }
    if !d.is_done() {
        return Err(Short("bytes after the end"));
    }
    Ok(rows)
}
