//! What a source reader sends to its caller: articles and warnings in file
//! order, through a callback that can stop the reading; the size limit of one
//! record; and the byte counter behind the progress of
//! [`super::load::read_source_counting`]. A leaf: the format readers send
//! through it and never import the loader that calls them.

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Article, Origin, SharedPath, Warning};

/// A whole-file format (text, HTML, a feed) or a single record bigger than this is
/// skipped with a warning: nobody reads a 64 MB article, and it bounds memory.
pub const MAX_RECORD: usize = 64 << 20;

/// One thing read from a source.
// Handed to a callback one at a time, never stored in bulk: the size of the
// article variant costs nothing, and a box would cost an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Loaded {
    /// A cleaned article. Its `id` is 0: the caller numbers articles in the order
    /// it keeps them (see [`super::Corpus::push`]).
    Article(Article),
    Warning(Warning),
}

/// Where a format reader sends what it finds. `Break` from the callback stops
/// reading (the user quit, or the receiver is gone).
pub struct Emitter<'a> {
    path: &'a str,
    /// The path once, shared by the origin of everything sent.
    shared: SharedPath,
    sink: &'a mut dyn FnMut(Loaded) -> ControlFlow<()>,
}

impl<'a> Emitter<'a> {
    pub fn new(path: &'a str, sink: &'a mut dyn FnMut(Loaded) -> ControlFlow<()>) -> Self {
        Emitter {
            path,
            shared: SharedPath::from(path),
            sink,
        }
    }

    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The whole file as an origin (its path shared, not copied).
    pub fn origin(&self) -> Origin {
        Origin::file(self.shared.clone())
    }

    /// A line of the file as an origin.
    pub fn origin_at_line(&self, line: usize) -> Origin {
        self.origin().with_line(Some(line))
    }

    /// A record of the file (a feed item) as an origin.
    pub fn origin_record(&self, record: usize) -> Origin {
        self.origin().with_record(Some(record))
    }

    pub fn send(&mut self, item: Loaded) -> ControlFlow<()> {
        (self.sink)(item)
    }

    pub fn article(&mut self, article: Article) -> ControlFlow<()> {
        (self.sink)(Loaded::Article(article))
    }

    /// A warning about the whole file (`line` `None`) or one line of it.
    pub fn warn(&mut self, line: Option<usize>, message: impl Into<String>) -> ControlFlow<()> {
        let origin = self.origin().with_line(line);
        (self.sink)(Loaded::Warning(Warning {
            origin,
            message: message.into(),
        }))
    }

    /// A warning about one record of a file without lines (a feed item).
    pub fn warn_record(&mut self, record: usize, message: impl Into<String>) -> ControlFlow<()> {
        let origin = self.origin_record(record);
        (self.sink)(Loaded::Warning(Warning {
            origin,
            message: message.into(),
        }))
    }
}

/// A reader that counts the bytes taken from it, whether through `read` (the csv
/// crate, whole files) or `fill_buf` and `consume` (the line and JSON scanners),
/// into a counter other threads may read for a progress gauge.
pub struct Counting<'a, R> {
    inner: R,
    /// Bytes taken from this reader.
    consumed: &'a Cell<u64>,
    /// A counter shared with the thread that shows progress.
    shared: Option<&'a AtomicU64>,
}

impl<'a, R> Counting<'a, R> {
    pub fn new(inner: R, consumed: &'a Cell<u64>, shared: Option<&'a AtomicU64>) -> Self {
        Counting {
            inner,
            consumed,
            shared,
        }
    }

    fn add(&mut self, n: usize) {
        self.consumed.set(self.consumed.get() + n as u64);
        if let Some(shared) = self.shared {
            shared.fetch_add(n as u64, Ordering::Relaxed);
        }
    }
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.add(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.add(amt);
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_reads_and_consumes_into_the_shared_counter() {
        let data = [b'x'; 10];
        let shared = AtomicU64::new(100);
        let consumed = Cell::new(0);
        let mut reader = Counting::new(&data[..], &consumed, Some(&shared));
        let mut buf = [0u8; 4];
        assert_eq!(reader.read(&mut buf).ok(), Some(4));
        reader.consume(3);
        assert_eq!(consumed.get(), 7);
        assert_eq!(shared.load(Ordering::Relaxed), 107);
    }
}
