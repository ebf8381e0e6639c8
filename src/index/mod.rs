//! Background indexing: reading, cleaning and actor analysis of a large corpus
//! on a thread pool while the interface runs.
//!
//! Sources are read in parallel (rayon, all cores). Articles go to the event
//! loop as soon as they are read ([`Event::Articles`]) and their actors follow
//! when the [`Engine`] has analysed them ([`Event::Actors`]), so that an
//! article shows before its analysis is done — a 50 MB document at once, not
//! seconds later. Everything travels in batches over a bounded channel —
//! bounded so that memory stays flat if the interface is slower than the
//! workers. The loop drains the channel between frames and hands each batch
//! to `App::absorb`. Quitting sets a flag that stops every worker at its next
//! article.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod cached;
pub use cached::Walked;
pub(crate) use cached::{unchanged_file, walk_all};

use crate::cache::text::{TextStore, TextWriter};
use crate::cast::{DocActors, Engine};
use crate::commands::surfaces::Surfaces;
use crate::corpus::dedup::fingerprint;
use crate::corpus::load::{Loaded, read_source_counting};
use crate::corpus::walk::{Discovery, Source, walk};
use crate::corpus::{Article, LoadOptions, Warning};

/// Articles per batch: large enough that the channel is not the bottleneck,
/// small enough that the first ones show at once.
const BATCH: usize = 256;

/// Bytes of article text that also close a batch: a few huge articles are
/// analysed apart rather than holding up a whole batch of small ones.
const CHUNK_BYTES: usize = 4 << 20;

/// An article as read, with its place in load order (source, record), which
/// also names it in the [`Analysed`] that follows.
#[derive(Debug)]
pub struct Indexed {
    pub article: Article,
    pub order: (u32, u32),
    /// Identifies copies of the same article (see `corpus::Dedup`).
    pub fingerprint: u64,
}

/// The actors of an article sent before, by its place in load order.
#[derive(Debug)]
pub struct Analysed {
    pub order: (u32, u32),
    pub actors: DocActors,
    /// When the article's body went to a text store ([`Mode::texts`]): the
    /// text of its mentions, which is what the cast reads of it.
    pub surfaces: Option<Surfaces>,
}

/// Where the workers put article bodies instead of sending them (see
/// [`crate::cache::text`]): the articles arrive with an empty body and a
/// [`crate::corpus::Stored`] that reads it back.
#[derive(Debug, Clone)]
pub struct Texts {
    pub writer: Arc<TextWriter>,
    pub reader: Arc<TextStore>,
}

/// What the workers send. An article's [`Event::Articles`] always comes
/// before its [`Event::Actors`].
#[derive(Debug)]
pub enum Event {
    Articles(Vec<Indexed>),
    Actors(Vec<Analysed>),
    Warnings(Vec<Warning>),
    /// Identical copies of earlier articles skipped when the index cache
    /// was made, each noted against the article kept (the saved files'
    /// notes; copies found now are skipped by the consumer itself).
    Copies(Vec<Warning>),
    /// Sources read to their end, as (source, articles it gave), each after
    /// all its [`Event::Articles`] (its actors may follow). Sent only when
    /// [`Mode::report_sources`] asks: a consumer that puts articles in load
    /// order learns from it that no more will come from a source.
    SourcesDone(Vec<(u32, u32)>),
    /// The cast of the articles sent so far, by the order they were sent
    /// in (the index cache's, whose articles come first): it replaces the
    /// cast being built; articles sent after it add to it.
    Cast(Box<crate::cast::Cast>),
    /// Every source has been read.
    Done,
}

/// What a producer of sources hands on: a source to read, a place taken by a
/// source whose articles come from elsewhere (the index cache), or an event
/// sent as it is.
pub(crate) enum Produced {
    Source(Source),
    Kept { bytes: u64 },
    Event(Event),
}

/// How an index runs, beyond what it reads.
#[derive(Debug, Clone, Default)]
pub struct Mode {
    /// The engine that finds each article's actors; `None`: articles only,
    /// no [`Event::Actors`] (`castlist articles` needs no actors).
    pub engine: Option<Arc<Engine>>,
    /// Send [`Event::SourcesDone`].
    pub report_sources: bool,
    /// Run the workers at normal priority: nothing waits for keys (a
    /// command). By default they run at the lowest, below the interface.
    pub foreground: bool,
    /// Keep bodies on disk, not in the articles sent.
    pub texts: Option<Texts>,
}

/// How far indexing has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub sources_done: usize,
    /// Sources found so far (all of them once `walking` is over).
    pub sources: usize,
    pub bytes_done: u64,
    pub bytes: u64,
    /// The walk is still finding files: `sources` and `bytes` may grow.
    pub walking: bool,
    pub started: Instant,
    /// When indexing finished, if it has.
    pub finished: Option<Instant>,
}

impl Progress {
    pub fn elapsed(&self) -> Duration {
        self.finished.unwrap_or_else(Instant::now) - self.started
    }
}

/// A running (or finished) background index.
pub struct Indexer {
    events: Receiver<Event>,
    /// What a cached open walked (see [`Indexer::walked`]).
    walked: Arc<Mutex<Option<Walked>>>,
    stop: Arc<AtomicBool>,
    counts: Arc<Counts>,
    progress: Progress,
}

/// What the walker and the workers count as they go, for [`Progress`].
#[derive(Debug, Default)]
struct Counts {
    sources: AtomicUsize,
    bytes: AtomicU64,
    sources_done: AtomicUsize,
    bytes_done: AtomicU64,
    walking: AtomicBool,
}

/// The paths as one name, for a warning about the walk itself.
fn paths_shown(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

impl Indexer {
    /// Starts reading `discovery`'s sources (found by a walk made beforehand).
    pub fn spawn(discovery: Discovery, options: LoadOptions, engine: Arc<Engine>) -> Indexer {
        let totals = (discovery.sources.len(), discovery.total_bytes());
        let Discovery { sources, warnings } = discovery;
        let mode = Mode {
            engine: Some(engine),
            ..Mode::default()
        };
        Indexer::start(options, mode, Some(totals), move |emit| {
            for source in sources {
                if emit(Produced::Source(source)).is_break() {
                    break;
                }
            }
            warnings
        })
    }

    /// Walks `paths` in the background and reads each file as the walk finds
    /// it, so that a folder of 100,000 files shows its first article before
    /// the walk is over. Check the paths first (`corpus::walk::check`): what
    /// the walk meets later becomes a warning.
    pub fn spawn_walk(paths: Vec<PathBuf>, options: LoadOptions, engine: Arc<Engine>) -> Indexer {
        let mode = Mode {
            engine: Some(engine),
            ..Mode::default()
        };
        Indexer::spawn_walk_with(paths, options, mode)
    }

    /// [`Indexer::spawn_walk`] in a [`Mode`] of the caller's choosing.
    pub fn spawn_walk_with(paths: Vec<PathBuf>, options: LoadOptions, mode: Mode) -> Indexer {
        Indexer::start(options, mode, None, move |emit| {
            walk(&paths, &mut |source| emit(Produced::Source(source))).unwrap_or_else(|e| {
                vec![Warning {
                    origin: crate::corpus::Origin::file(paths_shown(&paths)),
                    message: e.to_string(),
                }]
            })
        })
    }

    /// Runs `produce` (which hands each source to its callback and returns
    /// the warnings) on a thread of its own while the pool reads what it
    /// produces. `totals` (sources, bytes) when known in advance; otherwise
    /// they grow as sources are produced.
    fn start(
        options: LoadOptions,
        mode: Mode,
        totals: Option<(usize, u64)>,
        produce: impl FnOnce(&mut dyn FnMut(Produced) -> ControlFlow<()>) -> Vec<Warning>
        + Send
        + 'static,
    ) -> Indexer {
        // At most 16 batches (4,096 articles) wait for the interface.
        let (tx, events) = sync_channel(16);
        let stop = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(Counts::default());
        let (sources, bytes) = totals.unwrap_or_default();
        counts.sources.store(sources, Ordering::Relaxed);
        counts.bytes.store(bytes, Ordering::Relaxed);
        counts.walking.store(totals.is_none(), Ordering::Relaxed);
        let progress = Progress {
            sources_done: 0,
            sources,
            bytes_done: 0,
            bytes,
            walking: totals.is_none(),
            started: Instant::now(),
            finished: None,
        };
        let foreground = mode.foreground;
        let worker = Worker {
            options,
            texts: mode.texts,
            engine: mode.engine,
            report_sources: mode.report_sources,
            stop: Arc::clone(&stop),
            counts: Arc::clone(&counts),
        };
        let walker_stop = Arc::clone(&stop);
        thread::spawn(move || {
            let (found, queue) = channel::<(usize, Source)>();
            let walker = {
                let tx = tx.clone();
                let counts = Arc::clone(&worker.counts);
                let growing = totals.is_none();
                thread::spawn(move || {
                    let mut index = 0;
                    let warnings = produce(&mut |produced| {
                        if walker_stop.load(Ordering::Relaxed) {
                            return ControlFlow::Break(());
                        }
                        let bytes = match &produced {
                            Produced::Source(source) => source.bytes,
                            Produced::Kept { bytes } => *bytes,
                            Produced::Event(_) => 0,
                        };
                        if growing && !matches!(produced, Produced::Event(_)) {
                            counts.sources.fetch_add(1, Ordering::Relaxed);
                            counts.bytes.fetch_add(bytes, Ordering::Relaxed);
                        }
                        let sent = match produced {
                            Produced::Source(source) => {
                                index += 1;
                                found.send((index - 1, source)).is_ok()
                            }
                            Produced::Kept { bytes } => {
                                index += 1;
                                counts.sources_done.fetch_add(1, Ordering::Relaxed);
                                counts.bytes_done.fetch_add(bytes, Ordering::Relaxed);
                                true
                            }
                            Produced::Event(event) => tx.send(event).is_ok(),
                        };
                        if sent {
                            ControlFlow::Continue(())
                        } else {
                            ControlFlow::Break(())
                        }
                    });
                    drop(found);
                    counts.walking.store(false, Ordering::Relaxed);
                    let _ = tx.send(Event::Warnings(warnings));
                })
            };
            let pool = indexing_pool(foreground);
            let shared = Mutex::new(tx.clone());
            // One pending buffer per rayon job, so that a folder of small files
            // still travels in batches; it flushes when full and when dropped.
            let run = || {
                queue.into_iter().par_bridge().for_each_init(
                    || {
                        let tx = shared.lock().map(|tx| tx.clone()).ok();
                        Pending::new(tx, worker.texts.clone())
                    },
                    |pending, (i, source)| worker.read(i, &source, pending),
                )
            };
            match &pool {
                Some(pool) => pool.install(run),
                None => run(),
            }
            let _ = walker.join();
            let _ = tx.send(Event::Done);
        });
        Indexer {
            events,
            walked: Arc::default(),
            stop,
            counts,
            progress,
        }
    }

    /// What the workers have sent since the last call, without waiting, for at
    /// most about `budget` (the caller absorbs each batch as it comes; the rest
    /// waits in the channel for the next turn, so keys are never held up long).
    pub fn drain(&mut self, budget: Duration, mut absorb: impl FnMut(Event)) -> bool {
        let start = Instant::now();
        let mut more = false;
        loop {
            if start.elapsed() >= budget {
                more = true;
                break;
            }
            match self.events.try_recv() {
                Ok(Event::Done) => {
                    self.progress.finished = Some(Instant::now());
                    absorb(Event::Done);
                }
                Ok(event) => absorb(event),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if self.progress.finished.is_none() {
                        self.progress.finished = Some(Instant::now());
                        absorb(Event::Done);
                    }
                    break;
                }
            }
        }
        let c = &self.counts;
        self.progress.sources_done = c.sources_done.load(Ordering::Relaxed);
        self.progress.bytes_done = c.bytes_done.load(Ordering::Relaxed);
        self.progress.sources = c.sources.load(Ordering::Relaxed);
        self.progress.bytes = c.bytes.load(Ordering::Relaxed);
        self.progress.walking = c.walking.load(Ordering::Relaxed);
        more
    }

    /// Waits for the next event, as long as it takes; `None` once every
    /// event has been received (after [`Event::Done`], or if the workers
    /// are gone). For a command that indexes, then prints.
    pub fn recv(&mut self) -> Option<Event> {
        let event = self.events.recv().ok();
        if matches!(event, Some(Event::Done) | None) && self.progress.finished.is_none() {
            self.progress.finished = Some(Instant::now());
        }
        event
    }

    /// Waits up to `timeout` for the next event.
    pub fn wait(&mut self, timeout: Duration) -> Option<Event> {
        let event = self.events.recv_timeout(timeout).ok();
        if matches!(event, Some(Event::Done)) {
            self.progress.finished = Some(Instant::now());
        }
        event
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    pub fn is_done(&self) -> bool {
        self.progress.finished.is_some()
    }

    /// Asks every worker to stop at its next article.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Drop for Indexer {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Worker {
    options: LoadOptions,
    texts: Option<Texts>,
    /// `None`: articles only, no actor analysis.
    engine: Option<Arc<Engine>>,
    report_sources: bool,
    stop: Arc<AtomicBool>,
    counts: Arc<Counts>,
}

/// A pool of one thread per core whose threads run at the lowest scheduling
/// priority: they use every idle cycle, but when a key arrives the interface
/// thread gets a core at once instead of waiting for a worker's time slice.
/// In the `foreground` (a command) they keep their normal priority. `None`
/// (use the global pool) if the pool cannot be built.
fn indexing_pool(foreground: bool) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("castlist-index-{i}"))
        .start_handler(move |_| {
            if foreground {
                return;
            }
            // Lowering one's own priority needs no privilege; if the platform
            // refuses, indexing simply runs at normal priority.
            let _ =
                thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
        })
        .build()
        .ok()
}

/// Puts the bodies of `articles` in the text store, in one go, and empties
/// them; if the store cannot be written, they stay in memory (with a
/// warning).
fn store(texts: &Texts, articles: &mut [Indexed], warnings: &mut Vec<Warning>) {
    let bodies: Vec<&str> = articles.iter().map(|a| a.article.body()).collect();
    match texts.writer.store(&bodies) {
        Ok(refs) => {
            for (indexed, text) in articles.iter_mut().zip(refs) {
                let article = &mut indexed.article;
                let key = crate::app::memory::content_key(article);
                article.set_stored(crate::corpus::Stored {
                    store: Arc::clone(&texts.reader),
                    text,
                    key,
                    fingerprint: indexed.fingerprint,
                });
            }
        }
        Err(e) => warnings.push(Warning {
            origin: crate::corpus::Origin::file(texts.writer.path().display().to_string()),
            message: format!("cannot keep article text on disk ({e}); kept in memory"),
        }),
    }
}

/// Results on their way to the interface, sent in batches.
struct Pending {
    tx: Option<SyncSender<Event>>,
    /// Where the articles' bodies go when they are sent (see [`Mode::texts`]):
    /// a whole batch at once, so that a folder of one-article files writes
    /// one compressed block per batch, not a tiny block (and a locked
    /// append) per file.
    texts: Option<Texts>,
    articles: Vec<Indexed>,
    actors: Vec<Analysed>,
    warnings: Vec<Warning>,
    /// Sources read to their end (see [`Event::SourcesDone`]).
    sources: Vec<(u32, u32)>,
    /// Articles have been sent: the first ones go at once, not in a batch.
    sent: bool,
    /// Bytes of text in `articles`: a batch of long articles goes before
    /// it has [`BATCH`] of them (their text waits here to be stored).
    bytes: usize,
}

impl Pending {
    fn new(tx: Option<SyncSender<Event>>, texts: Option<Texts>) -> Pending {
        Pending {
            tx,
            texts,
            articles: Vec::new(),
            actors: Vec::new(),
            warnings: Vec::new(),
            sources: Vec::new(),
            sent: false,
            bytes: 0,
        }
    }

    /// Sends what is pending, articles before actors; `false` when the
    /// interface has gone.
    fn flush(&mut self) -> bool {
        if self.tx.is_none() {
            return false;
        }
        if let Some(texts) = &self.texts
            && !self.articles.is_empty()
        {
            store(texts, &mut self.articles, &mut self.warnings);
        }
        self.bytes = 0;
        let Some(tx) = &self.tx else { return false };
        let mut open = true;
        if !self.warnings.is_empty() {
            open &= tx
                .send(Event::Warnings(std::mem::take(&mut self.warnings)))
                .is_ok();
        }
        if !self.articles.is_empty() {
            self.sent = true;
            open &= tx
                .send(Event::Articles(std::mem::take(&mut self.articles)))
                .is_ok();
        }
        if !self.actors.is_empty() {
            open &= tx
                .send(Event::Actors(std::mem::take(&mut self.actors)))
                .is_ok();
        }
        // After the articles: a source is reported done once all its
        // articles have been sent.
        if !self.sources.is_empty() {
            open &= tx
                .send(Event::SourcesDone(std::mem::take(&mut self.sources)))
                .is_ok();
        }
        open
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.flush();
    }
}

impl Worker {
    /// Reads one source. Articles are collected in chunks of [`BATCH`] (or
    /// [`CHUNK_BYTES`]) and sent to the interface at once; each chunk's bodies
    /// are then analysed by another thread of the pool while this one reads
    /// on, so that one large file (a JSON Lines export) keeps every core busy.
    /// At most two chunks per thread wait to be analysed; past that the reader
    /// analyses the chunk itself, which bounds memory without ever idling.
    fn read(&self, index: usize, source: &Source, pending: &mut Pending) {
        if self.stop.load(Ordering::Relaxed) {
            return;
        }
        let in_flight = AtomicUsize::new(0);
        let limit = 2 * rayon::current_num_threads();
        rayon::in_place_scope(|scope| {
            let mut chunk: Vec<Article> = Vec::new();
            let mut chunk_bytes = 0;
            let mut record = 0u32;
            let _ = read_source_counting(
                source,
                &self.options,
                &self.counts.bytes_done,
                &mut |item| {
                    if self.stop.load(Ordering::Relaxed) {
                        return ControlFlow::Break(());
                    }
                    match item {
                        Loaded::Article(article) => {
                            // An article's text is allocated to its size (see
                            // `corpus::Article`): no spare capacity to trim.
                            chunk_bytes += article.body().len();
                            chunk.push(article);
                        }
                        Loaded::Warning(warning) => pending.warnings.push(warning),
                    }
                    if chunk.len() < BATCH && chunk_bytes < CHUNK_BYTES {
                        return ControlFlow::Continue(());
                    }
                    let first = record;
                    record += chunk.len() as u32;
                    chunk_bytes = 0;
                    let bodies = self.hand_over(index, first, std::mem::take(&mut chunk), pending);
                    // A closed channel means the interface has gone: stop.
                    if !pending.flush() {
                        return ControlFlow::Break(());
                    }
                    if in_flight.load(Ordering::Relaxed) < limit {
                        in_flight.fetch_add(1, Ordering::Relaxed);
                        // Actors only: nothing to store.
                        let mut sender = Pending::new(pending.tx.clone(), None);
                        let in_flight = &in_flight;
                        scope.spawn(move |_| {
                            sender.actors = self.analyse(index, first, bodies);
                            sender.flush();
                            in_flight.fetch_sub(1, Ordering::Relaxed);
                        });
                        return ControlFlow::Continue(());
                    }
                    pending.actors.extend(self.analyse(index, first, bodies));
                    if pending.flush() {
                        ControlFlow::Continue(())
                    } else {
                        ControlFlow::Break(())
                    }
                },
            );
            if !chunk.is_empty() {
                let last = chunk.len() as u32;
                let bodies = self.hand_over(index, record, chunk, pending);
                if !pending.sent {
                    // The window waits for a first article: do not make it
                    // wait for this one's analysis too.
                    pending.flush();
                }
                pending.actors.extend(self.analyse(index, record, bodies));
                record += last;
            }
            // Not when stopped early: the source was not read to its end.
            if self.report_sources && !self.stop.load(Ordering::Relaxed) {
                pending.sources.push((index as u32, record));
            }
        });
        if pending.articles.len() >= BATCH || pending.bytes >= CHUNK_BYTES {
            pending.flush();
        }
        self.counts.sources_done.fetch_add(1, Ordering::Relaxed);
    }

    /// Queues a chunk of articles of source `source`, whose first is record
    /// `first`, for the interface, and returns their documents (title and
    /// body, `Article::document`) to analyse. A copy costs a memcpy; sharing
    /// the text instead would mean reference-counted bodies everywhere for
    /// the few milliseconds a chunk is in flight.
    fn hand_over(
        &self,
        source: usize,
        first: u32,
        chunk: Vec<Article>,
        pending: &mut Pending,
    ) -> Vec<String> {
        // Without an engine nothing is analysed: no copy is needed.
        let bodies = if self.engine.is_some() {
            chunk.iter().map(|a| a.document().to_string()).collect()
        } else {
            Vec::new()
        };
        let fingerprints: Vec<u64> = chunk.iter().map(fingerprint).collect();
        pending.bytes += chunk.iter().map(|a| a.body().len()).sum::<usize>();
        pending
            .articles
            .extend(chunk.into_iter().zip(fingerprints).enumerate().map(
                |(i, (article, fingerprint))| Indexed {
                    fingerprint,
                    order: (source as u32, first + i as u32),
                    article,
                },
            ));
        bodies
    }

    /// Finds the actors of a chunk's documents; stops early (returning what
    /// it has) when asked to stop.
    fn analyse(&self, source: usize, first: u32, bodies: Vec<String>) -> Vec<Analysed> {
        let Some(engine) = &self.engine else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(bodies.len());
        for (i, body) in bodies.iter().enumerate() {
            if self.stop.load(Ordering::Relaxed) {
                break;
            }
            let actors = engine.analyze(body);
            // The body is not sent: the cast reads the mentions' text here.
            let surfaces = self
                .texts
                .is_some()
                .then(|| Surfaces::new(body.as_str(), &actors));
            out.push(Analysed {
                order: (source as u32, first + i as u32),
                actors,
                surfaces,
            });
        }
        out
    }
}
