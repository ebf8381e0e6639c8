//! What a source reader sends to its caller: articles, warnings and progress, in
//! file order, through a callback that can stop the reading.

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;
use std::rc::Rc;

use super::{Article, Origin, Warning};

/// Progress is reported at most once per this many bytes read.
const PROGRESS_STEP: u64 = 1 << 20;

/// One thing read from a source.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// A cleaned article. Its `id` is 0: the caller numbers articles in the order
    /// it keeps them (see [`super::Corpus::push`]).
    Article(Article),
    Warning(Warning),
    /// So many bytes of this source have been read. Sent by the streamed formats
    /// (JSON, JSON Lines, CSV) about every megabyte, before an article; for the
    /// others count [`super::Source::bytes`] when `read_source` returns.
    Progress(u64),
}

/// Where a format reader sends what it finds. `Break` from the callback stops
/// reading (the user quit, or the receiver is gone).
pub struct Emitter<'a> {
    path: &'a str,
    sink: &'a mut dyn FnMut(Loaded) -> ControlFlow<()>,
    consumed: Option<Rc<Cell<u64>>>,
    reported: u64,
}

impl<'a> Emitter<'a> {
    pub fn new(path: &'a str, sink: &'a mut dyn FnMut(Loaded) -> ControlFlow<()>) -> Self {
        Emitter {
            path,
            sink,
            consumed: None,
            reported: 0,
        }
    }

    /// Reports progress from this byte counter (see [`Counting`]).
    pub fn track(&mut self, consumed: Rc<Cell<u64>>) {
        self.consumed = Some(consumed);
    }

    pub fn path(&self) -> &'a str {
        self.path
    }

    pub fn send(&mut self, item: Loaded) -> ControlFlow<()> {
        (self.sink)(item)
    }

    pub fn article(&mut self, article: Article) -> ControlFlow<()> {
        if let Some(consumed) = self.consumed.as_ref().map(|c| c.get())
            && consumed >= self.reported + PROGRESS_STEP
        {
            self.reported = consumed;
            (self.sink)(Loaded::Progress(consumed))?;
        }
        (self.sink)(Loaded::Article(article))
    }

    /// A warning about the whole file (`line` `None`) or one line of it.
    pub fn warn(&mut self, line: Option<usize>, message: impl Into<String>) -> ControlFlow<()> {
        let origin = Origin {
            path: self.path.to_string(),
            line,
            ..Origin::default()
        };
        (self.sink)(Loaded::Warning(Warning {
            origin,
            message: message.into(),
        }))
    }

    /// A warning about one record of a file without lines (a feed item).
    pub fn warn_record(&mut self, record: usize, message: impl Into<String>) -> ControlFlow<()> {
        let origin = Origin::record(self.path, record);
        (self.sink)(Loaded::Warning(Warning {
            origin,
            message: message.into(),
        }))
    }
}

/// A reader that counts the bytes taken from it, whether through `read` (the csv
/// crate) or `fill_buf` and `consume` (the line and JSON scanners).
pub struct Counting<R> {
    inner: R,
    consumed: Rc<Cell<u64>>,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> Self {
        Counting {
            inner,
            consumed: Rc::new(Cell::new(0)),
        }
    }

    pub fn consumed(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.consumed)
    }

    fn add(&self, n: usize) {
        self.consumed.set(self.consumed.get() + n as u64);
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.add(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
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
    fn counts_reads_and_consumes() {
        let data = [b'x'; 10];
        let mut reader = Counting::new(&data[..]);
        let counter = reader.consumed();
        let mut buf = [0u8; 4];
        assert_eq!(reader.read(&mut buf).ok(), Some(4));
        reader.consume(3);
        assert_eq!(counter.get(), 7);
    }

    #[test]
    fn progress_comes_before_an_article_once_a_megabyte_is_read() {
        let counter = Rc::new(Cell::new(0));
        let mut seen = Vec::new();
        let mut sink = |item: Loaded| {
            seen.push(match item {
                Loaded::Progress(n) => format!("progress {n}"),
                Loaded::Article(_) => "article".to_string(),
                Loaded::Warning(_) => "warning".to_string(),
            });
            ControlFlow::Continue(())
        };
        let mut out = Emitter::new("f", &mut sink);
        out.track(Rc::clone(&counter));
        let _ = out.article(Article::default());
        counter.set(PROGRESS_STEP + 5);
        let _ = out.article(Article::default());
        let _ = out.article(Article::default());
        assert_eq!(
            seen,
            vec![
                "article",
                &format!("progress {}", PROGRESS_STEP + 5),
                "article",
                "article"
            ]
        );
    }
}
