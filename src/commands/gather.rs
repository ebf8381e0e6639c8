//! "Index, then print": the commands read a corpus through the same background
//! [`Indexer`] as the reader — bounded channel, every core — and take in what
//! it sends in load order, so that the result does not depend on timing.
//!
//! Sources are read in parallel, so articles and their actors arrive in no
//! fixed order. Each waits, with its place in load order (source, record),
//! until every article before it has been taken in; the indexer reports when
//! a source has given all its articles, which is how the next source's turn
//! is known. In load order, a copy of an article seen before is dropped (the
//! first stays, as [`crate::corpus::load_paths`] keeps it) and the rest is
//! added to the cast. Only the articles that arrive ahead of their turn wait
//! in memory; what is kept after that depends on the command:
//!
//! - `castlist articles` ([`Keep::Listing`]) runs no actor analysis and
//!   prints each article as its turn comes: nothing is kept but a hash per
//!   article, to find copies;
//! - `castlist actors` ([`Keep::Cast`]) keeps the cast only;
//! - `castlist mentions` ([`Keep::Everything`]) keeps the articles and the
//!   cast, as the reader does, because it quotes the text; as the reader
//!   does, it keeps their bodies on disk (a scratch text store) and reads
//!   one back when it is quoted.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::surfaces::Surfaces;
use crate::cast::{Cast, DocActors, Engine};
use crate::corpus::walk::natural_cmp;
use crate::corpus::{self, Article, LoadError, LoadOptions, Origin, Warning};
use crate::index::{Event, Indexed, Indexer, Mode, Texts};

/// What a command needs of each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The listing (`castlist articles`): handed over in order, no actors,
    /// nothing kept.
    Listing,
    /// The cast only (`castlist actors`).
    Cast,
    /// Articles and cast (`castlist mentions`, which quotes the text).
    Everything,
}

/// Why a command's reading stopped.
#[derive(Debug, thiserror::Error)]
pub enum GatherError {
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Writing what was read failed (a closed pipe).
    #[error(transparent)]
    Write(#[from] io::Error),
}

/// An article as listed: its body dropped, its size kept.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The article, its body emptied.
    pub article: Article,
    /// Length of the cleaned body in bytes.
    pub bytes: usize,
    pub paragraphs: usize,
}

impl Listed {
    /// The listing entry of `article`, without its body.
    pub fn new(mut article: Article) -> Listed {
        let (bytes, paragraphs) = (article.body().len(), article.paragraphs().count());
        article.set_body("");
        Listed {
            article,
            bytes,
            paragraphs,
        }
    }
}

/// What a command prints from, once everything has been read.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Articles in load order, numbered by position (under
    /// [`Keep::Everything`] only).
    pub articles: Vec<Article>,
    /// Everything skipped or repaired, in load order.
    pub warnings: Vec<Warning>,
    /// The cast (empty under [`Keep::Listing`]).
    pub cast: Cast,
    /// How many articles were read (copies not counted), kept or not.
    pub documents: usize,
}

/// Reads `paths` (the bundled corpus when there are none), hands each
/// article to `each` in load order under [`Keep::Listing`], and keeps what
/// `keep` says; actors are found with `engine` (the built-in one if `None`;
/// none are for [`Keep::Listing`]). Nothing readable at all is an error
/// naming the paths; an error from `each` stops the reading.
pub fn gather(
    paths: &[PathBuf],
    options: LoadOptions,
    engine: Option<Arc<Engine>>,
    keep: Keep,
    each: &mut dyn FnMut(Listed) -> io::Result<()>,
) -> Result<Gathered, GatherError> {
    let engine = match keep {
        Keep::Listing => None,
        Keep::Cast | Keep::Everything => Some(engine.unwrap_or_default()),
    };
    let mut gathering = Gathering::new(keep, engine.is_some());
    // The user's corrections ([[fix]] in the actors file) hold here too.
    if let Some(engine) = &engine {
        gathering.gathered.cast = Cast::with_fixes(engine.fixes().to_vec());
    }
    if paths.is_empty() {
        let corpus = corpus::bundled();
        let found: Vec<DocActors> = match &engine {
            Some(engine) => corpus
                .articles
                .iter()
                .map(|a| engine.analyze(a.document()))
                .collect(),
            None => Vec::new(),
        };
        let mut found = found.into_iter();
        for (i, article) in corpus.articles.into_iter().enumerate() {
            gathering.deliver(0, i as u32, article, found.next(), each)?;
        }
        return Ok(gathering.finish());
    }
    corpus::walk::check(paths)?;
    // The commands that keep articles keep their bodies on disk, as the
    // reader does (a scratch text store, gone when the command ends); where
    // none can be made, in memory.
    let texts = match keep {
        Keep::Everything => scratch_texts().ok(),
        Keep::Listing | Keep::Cast => None,
    };
    let mode = Mode {
        engine,
        report_sources: true,
        foreground: true,
        texts,
    };
    let mut indexer = Indexer::spawn_walk_with(paths.to_vec(), options, mode);
    while let Some(event) = indexer.recv() {
        if matches!(event, Event::Done) {
            break;
        }
        // A failed write (a closed pipe) drops the indexer, which stops it.
        gathering.take(event, each)?;
    }
    gathering.flush_all(each)?;
    let gathered = gathering.finish();
    if gathered.documents == 0 {
        return Err(corpus::load::empty_error(paths, &gathered.warnings).into());
    }
    Ok(gathered)
}

/// A text store in the temporary directory for one command's article
/// bodies. Its name is removed at once: the open files keep it readable,
/// and nothing is left behind however the command ends (where an open file
/// cannot be removed, it stays in the temporary directory).
fn scratch_texts() -> io::Result<Texts> {
    let path = crate::cache::frame::temp_name(&std::env::temp_dir().join("castlist-texts"))
        .with_extension("bin");
    let writer = crate::cache::text::TextWriter::create(&path)?;
    let reader = crate::cache::text::TextStore::open(&path)?;
    let _ = std::fs::remove_file(&path);
    Ok(Texts {
        writer: Arc::new(writer),
        reader: Arc::new(reader),
    })
}

/// An article that arrived before its turn.
struct Waiting {
    fingerprint: u64,
    /// The article, until its actors have arrived (when its actors are found).
    article: Option<Article>,
    /// Under [`Keep::Cast`], once the actors are in: where the article came
    /// from and the text of its mentions, which is all the cast reads.
    reduced: Option<(Origin, Surfaces)>,
    actors: Option<DocActors>,
    /// Under [`Keep::Everything`], when the body went to a text store: the
    /// text of its mentions, which is what the cast reads.
    surfaces: Option<Surfaces>,
}

/// Where the first copy of an article came from: its source and line or
/// record (0 for none), compact because one is kept per article.
#[derive(Clone, Copy)]
struct First {
    source: u32,
    line: u32,
    record: u32,
}

/// The events of one index, taken in in load order.
struct Gathering {
    keep: Keep,
    analysing: bool,
    waiting: FxHashMap<(u32, u32), Waiting>,
    /// Sources read to their end, with how many articles they gave.
    sources_done: FxHashMap<u32, u32>,
    /// The next (source, record) to take in.
    next: (u32, u32),
    /// The first copy of each article taken in, by fingerprint.
    firsts: FxHashMap<u64, First>,
    /// The path of each source, by number.
    paths: FxHashMap<u32, crate::corpus::SharedPath>,
    warnings: Vec<Warning>,
    gathered: Gathered,
}

impl Gathering {
    fn new(keep: Keep, analysing: bool) -> Gathering {
        Gathering {
            keep,
            analysing,
            waiting: FxHashMap::default(),
            sources_done: FxHashMap::default(),
            next: (0, 0),
            firsts: FxHashMap::default(),
            paths: FxHashMap::default(),
            warnings: Vec::new(),
            gathered: Gathered::default(),
        }
    }

    fn take(
        &mut self,
        event: Event,
        each: &mut dyn FnMut(Listed) -> io::Result<()>,
    ) -> io::Result<()> {
        match event {
            Event::Articles(batch) => {
                for Indexed {
                    article,
                    order,
                    fingerprint,
                } in batch
                {
                    self.waiting.insert(
                        order,
                        Waiting {
                            fingerprint,
                            article: Some(article),
                            reduced: None,
                            actors: None,
                            surfaces: None,
                        },
                    );
                }
            }
            Event::Actors(batch) => {
                for analysed in batch {
                    let Some(waiting) = self.waiting.get_mut(&analysed.order) else {
                        continue;
                    };
                    if self.keep == Keep::Cast
                        && analysed.order != self.next
                        && let Some(article) = waiting.article.take()
                    {
                        // Not its turn yet: keep what the cast reads, not the text.
                        let surfaces = Surfaces::new(&article, &analysed.actors);
                        waiting.reduced = Some((article.origin, surfaces));
                    }
                    waiting.actors = Some(analysed.actors);
                    waiting.surfaces = analysed.surfaces;
                }
            }
            Event::SourcesDone(done) => self.sources_done.extend(done),
            // A command prints the copies it skipped among its warnings.
            Event::Warnings(warnings) | Event::Copies(warnings) => self.warnings.extend(warnings),
            // Only the index cache sends a cast; the commands do not use it.
            Event::Done | Event::Cast(_) => {}
        }
        self.advance(each)
    }

    /// Takes in every article whose turn has come.
    fn advance(&mut self, each: &mut dyn FnMut(Listed) -> io::Result<()>) -> io::Result<()> {
        loop {
            let ready = self.waiting.get(&self.next).is_some_and(|w| {
                (w.article.is_some() || w.reduced.is_some())
                    && (w.actors.is_some() || !self.analysing)
            });
            if ready {
                if let Some(w) = self.waiting.remove(&self.next) {
                    self.deliver_parts(self.next, w, each)?;
                }
                self.next.1 += 1;
            } else if self.sources_done.get(&self.next.0) == Some(&self.next.1) {
                self.sources_done.remove(&self.next.0);
                self.next = (self.next.0 + 1, 0);
            } else {
                return Ok(());
            }
        }
    }

    /// At the end, whatever still waits (a source whose end was never
    /// reported, which only a stopped worker leaves), in load order.
    fn flush_all(&mut self, each: &mut dyn FnMut(Listed) -> io::Result<()>) -> io::Result<()> {
        let mut rest: Vec<((u32, u32), Waiting)> = self.waiting.drain().collect();
        rest.sort_unstable_by_key(|(order, _)| *order);
        for (order, w) in rest {
            if w.article.is_some() || w.reduced.is_some() {
                self.deliver_parts(order, w, each)?;
            }
        }
        Ok(())
    }

    /// Takes in an article given whole (the bundled corpus).
    fn deliver(
        &mut self,
        source: u32,
        record: u32,
        article: Article,
        actors: Option<DocActors>,
        each: &mut dyn FnMut(Listed) -> io::Result<()>,
    ) -> io::Result<()> {
        let waiting = Waiting {
            fingerprint: corpus::dedup::fingerprint(&article),
            article: Some(article),
            reduced: None,
            actors,
            surfaces: None,
        };
        self.deliver_parts((source, record), waiting, each)
    }

    /// Takes in an article in its turn: a copy is noted and dropped, the
    /// rest handed on or added to the cast as `keep` says.
    fn deliver_parts(
        &mut self,
        order: (u32, u32),
        waiting: Waiting,
        each: &mut dyn FnMut(Listed) -> io::Result<()>,
    ) -> io::Result<()> {
        let Waiting {
            fingerprint,
            article,
            reduced,
            actors,
            surfaces,
        } = waiting;
        let doc = actors.unwrap_or_default();
        let origin = match (&article, &reduced) {
            (Some(a), _) => &a.origin,
            (None, Some((origin, _))) => origin,
            (None, None) => return Ok(()),
        };
        if let Some(first) = self.firsts.get(&fingerprint) {
            let first = Origin::file(self.paths.get(&first.source).cloned().unwrap_or_default())
                .with_line((first.line > 0).then_some(first.line as usize))
                .with_record((first.record > 0).then_some(first.record as usize));
            self.warnings.push(Warning {
                origin: origin.clone(),
                message: format!("same title and text as {first}; skipped"),
            });
            return Ok(());
        }
        let small = |n: Option<usize>| n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
        self.firsts.insert(
            fingerprint,
            First {
                source: order.0,
                line: small(origin.line()),
                record: small(origin.record()),
            },
        );
        self.paths
            .entry(order.0)
            .or_insert_with(|| origin.path.clone());
        let id = self.gathered.documents;
        self.gathered.documents += 1;
        match (self.keep, article, reduced) {
            (Keep::Listing, Some(article), _) => each(Listed::new(article))?,
            (Keep::Cast, Some(article), _) => self.gathered.cast.add(id, &article, &doc),
            (Keep::Cast, None, Some((_, surfaces))) => {
                self.gathered.cast.add(id, &surfaces, &doc);
            }
            (Keep::Everything, Some(mut article), _) => {
                article.set_id(id);
                // A body kept on disk is not in the article: the cast reads
                // its mentions' text from what the worker took of it.
                match &surfaces {
                    Some(surfaces) => self.gathered.cast.add(id, surfaces, &doc),
                    None => self.gathered.cast.add(id, &article, &doc),
                }
                self.gathered.articles.push(article);
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(mut self) -> Gathered {
        self.gathered.cast.finish();
        // Stable: a file's warnings stay in the order they were found.
        self.warnings.sort_by(warning_order);
        self.gathered.warnings = self.warnings;
        self.gathered
    }
}

/// Warnings in a fixed order whatever order they arrived in: by file (in the
/// walk's natural order), then line and record.
pub(crate) fn warning_order(a: &Warning, b: &Warning) -> std::cmp::Ordering {
    natural_cmp(&a.origin.path, &b.origin.path)
        .then_with(|| a.origin.line().cmp(&b.origin.line()))
        .then_with(|| a.origin.record().cmp(&b.origin.record()))
}
