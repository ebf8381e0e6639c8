//! "Index, then print": the commands read a corpus through the same background
//! [`Indexer`] as the reader — bounded channel, every core — and gather what
//! it sends into a corpus and a cast that do not depend on timing.
//!
//! Sources are read in parallel, so articles and their actors arrive in no
//! fixed order. Each is kept with its place in load order (source, record);
//! when indexing is done the records are sorted by it, copies are dropped
//! (the first in load order stays, as [`crate::corpus::load_paths`] keeps it)
//! and the cast is built by adding documents in that order. The result is the
//! same on every run and with any number of threads.
//!
//! Only what the command prints is kept: `castlist actors` keeps each
//! article's actors and the text of its mentions, never its body; `castlist
//! articles` keeps the article without its body and runs no actor analysis;
//! `castlist mentions` keeps everything, as the reader does.

use std::cmp::Ordering;
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::cast::{Cast, DocActors, DocText, Engine};
use crate::corpus::walk::natural_cmp;
use crate::corpus::{self, Article, Corpus, LoadError, LoadOptions, Origin, Warning};
use crate::index::{Event, Indexer};

/// What a command needs of each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The listing (`castlist articles`): every field but the body, no actors.
    Listing,
    /// The cast only (`castlist actors`): no article is kept.
    Cast,
    /// Articles and cast (`castlist mentions`, which quotes the text).
    Everything,
}

/// An article as listed: its body dropped, its size kept.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The article, its `body` and `paragraphs` emptied under [`Keep::Listing`].
    pub article: Article,
    /// Length of the cleaned body in bytes.
    pub bytes: usize,
    pub paragraphs: usize,
}

impl Listed {
    /// The listing entry of `article`; its body is dropped unless `keep_body`.
    pub fn new(mut article: Article, keep_body: bool) -> Listed {
        let (bytes, paragraphs) = (article.body.len(), article.paragraphs.len());
        if !keep_body {
            article.body = String::new();
            article.paragraphs = Vec::new();
        }
        Listed {
            article,
            bytes,
            paragraphs,
        }
    }
}

/// What a command prints from.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Articles in load order, numbered by position (empty under [`Keep::Cast`]).
    pub articles: Vec<Listed>,
    /// Everything skipped or repaired, in load order.
    pub warnings: Vec<Warning>,
    /// The cast (empty under [`Keep::Listing`]).
    pub cast: Cast,
    /// How many articles were read (copies not counted), kept or not.
    pub documents: usize,
}

impl Gathered {
    /// The articles as a corpus (for [`Keep::Everything`]).
    pub fn into_corpus(self) -> (Corpus, Cast) {
        let corpus = Corpus {
            articles: self.articles.into_iter().map(|l| l.article).collect(),
            warnings: self.warnings,
        };
        (corpus, self.cast)
    }
}

/// Reads `paths` (the bundled corpus when there are none) and keeps what
/// `keep` says, finding actors with `engine` (the built-in one if `None`;
/// not used for [`Keep::Listing`]). Nothing readable at all is an error
/// naming the paths.
pub fn gather(
    paths: &[PathBuf],
    options: LoadOptions,
    engine: Option<Arc<Engine>>,
    keep: Keep,
) -> Result<Gathered, LoadError> {
    let engine = match keep {
        Keep::Listing => None,
        Keep::Cast | Keep::Everything => Some(engine.unwrap_or_default()),
    };
    if paths.is_empty() {
        return Ok(bundled(engine.as_deref(), keep));
    }
    corpus::walk::check(paths)?;
    let mut indexer = Indexer::spawn_walk_with(paths.to_vec(), options, engine);
    let mut gathering = Gathering::new(keep);
    while let Some(event) = indexer.recv() {
        if matches!(event, Event::Done) {
            break;
        }
        gathering.take(event);
    }
    let gathered = gathering.finish();
    if gathered.documents == 0 {
        return Err(corpus::load::empty_error(paths, &gathered.warnings));
    }
    Ok(gathered)
}

/// The bundled sample corpus, as [`gather`] would keep it.
fn bundled(engine: Option<&Engine>, keep: Keep) -> Gathered {
    let corpus = corpus::bundled();
    let documents = corpus.articles.len();
    let cast = match engine {
        Some(engine) => Cast::build(engine, &corpus.articles),
        None => Cast::default(),
    };
    let articles = match keep {
        Keep::Cast => Vec::new(),
        _ => corpus
            .articles
            .into_iter()
            .map(|a| Listed::new(a, keep == Keep::Everything))
            .collect(),
    };
    Gathered {
        documents,
        articles,
        warnings: corpus.warnings,
        cast,
    }
}

/// One article on its way: where it is in load order and what is kept of it.
struct Record {
    order: (u32, u32),
    fingerprint: u64,
    kept: Kept,
    actors: Option<DocActors>,
}

enum Kept {
    Article(Listed),
    /// Under [`Keep::Cast`]: where the article came from (for a warning
    /// about a copy) and the text of its mentions.
    Mentions {
        line: Option<usize>,
        record: Option<usize>,
        surfaces: Surfaces,
    },
}

/// The events of one index, gathered.
struct Gathering {
    keep: Keep,
    records: Vec<Record>,
    /// Articles whose actors have not arrived, by load order: index into
    /// `records`, and under [`Keep::Cast`] the article itself until then.
    awaiting: FxHashMap<(u32, u32), (usize, Option<Article>)>,
    /// The path of each source, by its number (shared by all its records).
    paths: FxHashMap<u32, String>,
    warnings: Vec<Warning>,
}

impl Gathering {
    fn new(keep: Keep) -> Gathering {
        Gathering {
            keep,
            records: Vec::new(),
            awaiting: FxHashMap::default(),
            paths: FxHashMap::default(),
            warnings: Vec::new(),
        }
    }

    fn take(&mut self, event: Event) {
        match event {
            Event::Articles(batch) => {
                for indexed in batch {
                    let at = self.records.len();
                    let order = indexed.order;
                    let article = indexed.article;
                    let kept = match self.keep {
                        Keep::Cast => {
                            self.paths
                                .entry(order.0)
                                .or_insert_with(|| article.origin.path.clone());
                            // The article waits for its actors; only the text of
                            // its mentions is kept after that.
                            let kept = Kept::Mentions {
                                line: article.origin.line,
                                record: article.origin.record,
                                surfaces: Surfaces::default(),
                            };
                            self.awaiting.insert(order, (at, Some(article)));
                            kept
                        }
                        Keep::Everything => {
                            self.awaiting.insert(order, (at, None));
                            Kept::Article(Listed::new(article, true))
                        }
                        Keep::Listing => Kept::Article(Listed::new(article, false)),
                    };
                    self.records.push(Record {
                        order,
                        fingerprint: indexed.fingerprint,
                        kept,
                        actors: None,
                    });
                }
            }
            Event::Actors(batch) => {
                for analysed in batch {
                    let Some((at, article)) = self.awaiting.remove(&analysed.order) else {
                        continue;
                    };
                    let Some(record) = self.records.get_mut(at) else {
                        continue;
                    };
                    if let (Some(article), Kept::Mentions { surfaces, .. }) =
                        (article, &mut record.kept)
                    {
                        *surfaces = Surfaces::new(&article, &analysed.actors);
                    }
                    record.actors = Some(analysed.actors);
                }
            }
            Event::Warnings(warnings) => self.warnings.extend(warnings),
            Event::Done => {}
        }
    }

    /// Sorts into load order, drops copies and builds the cast.
    fn finish(mut self) -> Gathered {
        self.records.sort_unstable_by_key(|r| r.order);
        self.warnings.sort_by(warning_order);
        let mut first: FxHashMap<u64, usize> = FxHashMap::default();
        let mut gathered = Gathered::default();
        let mut kept: Vec<Origin> = Vec::new();
        let mut id = 0;
        for record in self.records {
            let origin = match &record.kept {
                Kept::Article(listed) => listed.article.origin.clone(),
                Kept::Mentions {
                    line, record: r, ..
                } => Origin {
                    path: self.paths.get(&record.order.0).cloned().unwrap_or_default(),
                    line: *line,
                    record: *r,
                },
            };
            if let Some(&k) = first.get(&record.fingerprint) {
                gathered.warnings.push(Warning {
                    message: format!("same title and text as {}; skipped", kept[k]),
                    origin,
                });
                continue;
            }
            first.insert(record.fingerprint, kept.len());
            kept.push(origin);
            let doc = record.actors.unwrap_or_default();
            match record.kept {
                Kept::Article(mut listed) => {
                    listed.article.id = id;
                    if self.keep == Keep::Everything {
                        gathered.cast.add(id, &listed.article, &doc);
                    }
                    gathered.articles.push(listed);
                }
                Kept::Mentions { surfaces, .. } => gathered.cast.add(id, &surfaces, &doc),
            }
            id += 1;
        }
        gathered.documents = id;
        gathered.cast.finish();
        let mut warnings = self.warnings;
        warnings.append(&mut gathered.warnings);
        gathered.warnings = warnings;
        gathered
    }
}

/// Warnings in a fixed order whatever order they arrived in: by file (in the
/// walk's natural order), then line and record.
fn warning_order(a: &Warning, b: &Warning) -> Ordering {
    natural_cmp(&a.origin.path, &b.origin.path)
        .then_with(|| a.origin.line.cmp(&b.origin.line))
        .then_with(|| a.origin.record.cmp(&b.origin.record))
        .then_with(|| a.message.cmp(&b.message))
}

/// The text of a document's mentions and nothing else: what [`Cast::add`]
/// reads of a document (each mention's surface form), at a fraction of the
/// document's size.
#[derive(Debug, Default)]
pub struct Surfaces {
    /// (start, end) in the document and where the text is in `text`; sorted.
    spans: Vec<(u32, u32, u32)>,
    text: String,
}

impl Surfaces {
    /// The surfaces of `doc`'s mentions in `document`.
    pub fn new(document: &(impl DocText + ?Sized), doc: &DocActors) -> Surfaces {
        let mut surfaces = Surfaces::default();
        for m in &doc.mentions {
            let (Ok(start), Ok(end)) = (u32::try_from(m.start), u32::try_from(m.end)) else {
                continue;
            };
            let Some(text) = document.slice(m.start..m.end) else {
                continue;
            };
            if surfaces.text.len() + text.len() > u32::MAX as usize {
                break;
            }
            let at = surfaces.text.len() as u32;
            surfaces.text.push_str(text);
            surfaces.spans.push((start, end, at));
        }
        surfaces.spans.sort_unstable();
        surfaces.spans.dedup_by_key(|s| (s.0, s.1));
        surfaces.text.shrink_to_fit();
        surfaces.spans.shrink_to_fit();
        surfaces
    }
}

impl DocText for Surfaces {
    fn slice(&self, range: std::ops::Range<usize>) -> Option<&str> {
        let key = (
            u32::try_from(range.start).ok()?,
            u32::try_from(range.end).ok()?,
        );
        let i = self.spans.binary_search_by(|s| (s.0, s.1).cmp(&key)).ok()?;
        let (start, end, at) = self.spans[i];
        let at = at as usize;
        self.text.get(at..at + (end - start) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::{DocActors, Form, Kind};

    #[test]
    fn surfaces_answer_for_the_mentions_only() {
        let text = "Kerry met Lavrov. Kerry left.";
        let mut doc = DocActors::default();
        let kerry = doc.add_entity("John Kerry", Kind::Person, "n:kerry");
        let lavrov = doc.add_entity("Sergey Lavrov", Kind::Person, "n:lavrov");
        for (start, end, entity) in [(0, 5, kerry), (10, 16, lavrov), (18, 23, kerry)] {
            doc.mentions.push(crate::cast::DocMention {
                start,
                end,
                entity,
                form: Form::Name,
            });
        }
        let surfaces = Surfaces::new(text, &doc);
        assert_eq!(surfaces.slice(0..5), Some("Kerry"));
        assert_eq!(surfaces.slice(10..16), Some("Lavrov"));
        assert_eq!(surfaces.slice(18..23), Some("Kerry"));
        assert_eq!(surfaces.slice(0..4), None);
        assert_eq!(surfaces.text, "KerryLavrovKerry");
    }
}
