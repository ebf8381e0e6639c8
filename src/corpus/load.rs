//! Loading: reading one [`Source`] into cleaned articles and warnings, streamed
//! through a callback so that a background indexer can show them as they come;
//! and [`load_paths`], the whole job at once, built on the same two steps.
//!
//! Every bad input becomes a [`Warning`] naming the file (and line), never an
//! error: only "nothing to load at all" is a [`LoadError`].

use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::walk::{Format, Source, discover};
use super::{Corpus, Origin, Warning, decode, formats, text};

use super::emit::Counting;
pub use super::emit::{Emitter, Loaded, MAX_RECORD};
pub use super::error::LoadError;

pub use super::dedup::Dedup;
pub use super::fields::{Field, LoadOptions};

/// Buffer size for streamed formats.
const READ_BUFFER: usize = 256 << 10;

/// Reads one source, sending each article and warning to `sink` in file order.
/// Returns `Break` if the sink asked to stop: the file is closed at once.
pub fn read_source(
    source: &Source,
    options: &LoadOptions,
    sink: &mut dyn FnMut(Loaded) -> ControlFlow<()>,
) -> ControlFlow<()> {
    read_counted(source, options, &Cell::new(0), None, sink)
}

/// Like [`read_source`], and adds the bytes read to `bytes_done` as they are
/// read, so that a progress gauge moves inside one big file. When it returns,
/// at least `source.bytes` has been added in all, whatever was skipped, so the
/// sum over all sources matches [`super::walk::Discovery::total_bytes`].
pub fn read_source_counting(
    source: &Source,
    options: &LoadOptions,
    bytes_done: &AtomicU64,
    sink: &mut dyn FnMut(Loaded) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let consumed = Cell::new(0);
    let flow = read_counted(source, options, &consumed, Some(bytes_done), sink);
    let rest = source.bytes.saturating_sub(consumed.get());
    bytes_done.fetch_add(rest, Ordering::Relaxed);
    flow
}

fn read_counted(
    source: &Source,
    options: &LoadOptions,
    consumed: &Cell<u64>,
    bytes_done: Option<&AtomicU64>,
    sink: &mut dyn FnMut(Loaded) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut out = Emitter::new(&source.shown, sink);
    let file = match File::open(&source.path) {
        Ok(file) => file,
        Err(e) => return out.warn(None, format!("cannot be read: {e}")),
    };
    // Small files get a small buffer: a 256 KB allocation per file would cost
    // more than reading a folder of 20,000 short articles.
    let capacity = usize::try_from(source.bytes)
        .unwrap_or(READ_BUFFER)
        .saturating_add(1);
    let reader = BufReader::with_capacity(capacity.clamp(4096, READ_BUFFER), file);
    let mut reader = Counting::new(reader, consumed, bytes_done);
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(e) => return out.warn(None, format!("cannot be read: {e}")),
    };
    if head.is_empty() {
        return out.warn(None, "empty file; skipped");
    }
    if decode::looks_binary(head) {
        return out.warn(None, "binary file; skipped");
    }
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    match source.format {
        Format::JsonLines if !utf16 => formats::json::read_lines(reader, options, &mut out),
        Format::Json if !utf16 => formats::json::read_array(reader, options, &mut out),
        Format::Csv | Format::Tsv if !utf16 => {
            formats::csv::read(reader, source.format == Format::Tsv, options, &mut out)
        }
        format => {
            let Some(bytes) = read_whole(reader, &mut out)? else {
                return ControlFlow::Continue(());
            };
            read_text(&bytes, format, options, &mut out)
        }
    }
}

/// Reads a whole file, up to [`MAX_RECORD`] bytes.
fn read_whole(reader: impl Read, out: &mut Emitter<'_>) -> ControlFlow<(), Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    let limit = MAX_RECORD as u64 + 1;
    if let Err(e) = reader.take(limit).read_to_end(&mut bytes) {
        out.warn(None, format!("cannot be read: {e}"))?;
        return ControlFlow::Continue(None);
    }
    if bytes.len() > MAX_RECORD {
        out.warn(
            None,
            format!("larger than {} MB; skipped", MAX_RECORD >> 20),
        )?;
        return ControlFlow::Continue(None);
    }
    ControlFlow::Continue(Some(bytes))
}

/// Reads a file held in memory, in `format` (or the one its content shows).
pub fn read_text(
    bytes: &[u8],
    format: Format,
    options: &LoadOptions,
    out: &mut Emitter<'_>,
) -> ControlFlow<()> {
    let decoded = decode::decode(bytes);
    if let Some(problem) = decoded.problem() {
        out.warn(None, problem)?;
    }
    let content: &str = &decoded.text;
    if content.trim().is_empty() {
        return out.warn(None, "empty file; skipped");
    }
    if format == Format::Sniff {
        return read_sniffed(content, options, out);
    }
    read_as(content, format, options, out)
}

/// Reads a file whose name says nothing: as the format its content suggests,
/// but as plain text if that yields no article (a text that starts with "[").
fn read_sniffed(content: &str, options: &LoadOptions, out: &mut Emitter<'_>) -> ControlFlow<()> {
    let format = formats::sniff(content);
    if format == Format::Text {
        return read_as(content, Format::Text, options, out);
    }
    let mut items = Vec::new();
    let _ = read_as(
        content,
        format,
        options,
        &mut Emitter::new(out.path(), &mut |item| {
            items.push(item);
            ControlFlow::Continue(())
        }),
    );
    if !items.iter().any(|item| matches!(item, Loaded::Article(_))) {
        return read_as(content, Format::Text, options, out);
    }
    for item in items {
        out.send(item)?;
    }
    ControlFlow::Continue(())
}

fn read_as(
    content: &str,
    format: Format,
    options: &LoadOptions,
    out: &mut Emitter<'_>,
) -> ControlFlow<()> {
    match format {
        Format::JsonLines => formats::json::read_lines(content.as_bytes(), options, out),
        Format::Json => formats::json::read_array(content.as_bytes(), options, out),
        Format::Csv | Format::Tsv => {
            formats::csv::read(content.as_bytes(), format == Format::Tsv, options, out)
        }
        Format::Feed => formats::feed::read(content, out),
        Format::Html => formats::html::read(content, out),
        Format::Text | Format::Markdown | Format::Sniff => {
            let origin = out.origin();
            match text::parse_text(content, origin, format == Format::Markdown) {
                Some(article) => out.article(article),
                None => out.warn(None, "no text left after cleaning; skipped"),
            }
        }
    }
}

/// Loads every article found under `paths`: sources are read in parallel, and
/// the result is in source order, then record order. Identical articles (same
/// title and body) are kept once.
pub fn load_paths(paths: &[PathBuf], options: &LoadOptions) -> Result<Corpus, LoadError> {
    let found = discover(paths)?;
    let per_source: Vec<Vec<Loaded>> = found
        .sources
        .par_iter()
        .map(|source| {
            let mut items = Vec::new();
            let _ = read_source(source, options, &mut |item| {
                items.push(item);
                ControlFlow::Continue(())
            });
            items
        })
        .collect();
    let mut corpus = Corpus {
        articles: Vec::new(),
        warnings: found.warnings,
    };
    let mut dedup = Dedup::default();
    for item in per_source.into_iter().flatten() {
        match item {
            Loaded::Article(mut article) => {
                // Numbered before the check, so that the copy kept is known by id.
                article.set_id(corpus.articles.len());
                if let Some(warning) = dedup.check(&article, &corpus.articles) {
                    corpus.warnings.push(warning);
                } else {
                    corpus.push(article);
                }
            }
            Loaded::Warning(warning) => corpus.warnings.push(warning),
        }
    }
    if corpus.articles.is_empty() {
        return Err(empty_error(paths, &corpus.warnings));
    }
    Ok(corpus)
}

/// "no readable article in a.txt, b/ (a.txt: empty file; skipped; ...)".
pub fn empty_error(paths: &[PathBuf], warnings: &[Warning]) -> LoadError {
    let paths = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut reasons: Vec<String> = warnings.iter().take(3).map(Warning::to_string).collect();
    if warnings.len() > 3 {
        reasons.push(format!("{} more", warnings.len() - 3));
    }
    let reason = if reasons.is_empty() {
        " (no file of a known type found)".to_string()
    } else {
        format!(" ({})", reasons.join("; "))
    };
    LoadError::Empty { paths, reason }
}

/// The sample corpus, embedded so that `castlist` with no argument works anywhere.
const SEEDS: &[(&str, &str)] = &[
    (
        "000_477046f5c18a39ee.txt",
        include_str!("../../seeds/000_477046f5c18a39ee.txt"),
    ),
    (
        "001_3735d2e7b7ffb88c.txt",
        include_str!("../../seeds/001_3735d2e7b7ffb88c.txt"),
    ),
    (
        "002_129e46a7a127545a.txt",
        include_str!("../../seeds/002_129e46a7a127545a.txt"),
    ),
    (
        "003_4ca6876f9b814905.txt",
        include_str!("../../seeds/003_4ca6876f9b814905.txt"),
    ),
    (
        "004_0a0d0bfccd64b9a6.txt",
        include_str!("../../seeds/004_0a0d0bfccd64b9a6.txt"),
    ),
];

/// The bundled sample corpus.
pub fn bundled() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, content) in SEEDS {
        let origin = Origin::file(format!("seeds/{name}"));
        if let Some(article) = text::parse_text(content, origin, false) {
            corpus.push(article);
        }
    }
    corpus
}
