//! Opening a collection through its index cache ([`crate::cache::index`]):
//! the files are walked first (while the saved index is read); the articles
//! of every file unchanged since the index was saved are sent as saved —
//! while the saved cast is still being decoded, so the list shows before the
//! cast — then the cast cut down to them (one [`Event::Cast`]); the files that changed or appeared are read
//! and analysed as usual, their bodies going to a new text store. Without a
//! usable saved index everything is read, and the bodies still go to disk,
//! for the index saved at the end.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::{Analysed, Event, Indexed, Indexer, Mode, Produced, Texts, paths_shown};
use crate::cache::index::{CacheError, Collection, FileState, Saved};
use crate::cast::{Cast, Engine};
use crate::commands::surfaces::Surfaces;
use crate::corpus::walk::{Source, walk};
use crate::corpus::{LoadOptions, Origin, Warning};

/// Articles sent in one batch from the cache.
const BATCH: usize = 4096;

/// What the walk of a cached open found, for saving the index at the end.
#[derive(Debug, Clone, Default)]
pub struct Walked {
    /// Every file, in walk order (an article's `order.0` indexes it).
    pub files: Vec<FileState>,
    /// Something differs from the saved index (or there was none): save.
    pub changed: bool,
}

impl Indexer {
    /// Opens `paths` through the index cache of `collection`: what it holds
    /// of unchanged files is sent at once, the rest is read and analysed.
    /// [`Indexer::walked`] says, once done, what to save.
    pub fn open_cached(
        paths: Vec<PathBuf>,
        options: LoadOptions,
        engine: Arc<Engine>,
        collection: Collection,
    ) -> Indexer {
        let mut warnings = Vec::new();
        let texts = match collection.new_texts() {
            Ok((writer, reader)) => Some(Texts { writer, reader }),
            Err(e) => {
                warnings.push(cache_warning(
                    &collection,
                    format!("cannot write the index cache ({e}); articles kept in memory"),
                ));
                None
            }
        };
        let can_save = texts.is_some();
        let text_file = texts.as_ref().map(|t| t.writer.path().to_path_buf());
        let mode = Mode {
            engine: Some(Arc::clone(&engine)),
            texts,
            ..Mode::default()
        };
        let walked = Arc::new(Mutex::new(None));
        let report = Arc::clone(&walked);
        let mut indexer = Indexer::start(options, mode, None, move |emit| {
            let mut files: Vec<FileState> = Vec::new();
            let changed = if collection.has_saved() {
                // The saved index is read while the files are walked; what
                // changed is known once both are done.
                let loader = collection.clone();
                let (head_to, head) = std::sync::mpsc::sync_channel(1);
                let loading = std::thread::spawn(move || -> Result<Cast, CacheError> {
                    let (saved, cast) = loader.load()?;
                    // The articles go out while the cast is decoded.
                    head_to
                        .send(saved)
                        .map_err(|_| CacheError::Damaged("nobody to send to".into()))?;
                    cast.read()
                });
                let mut sources = Vec::new();
                warnings.extend(walk_all(&paths, &mut |source| {
                    sources.push(source);
                    ControlFlow::Continue(())
                }));
                files = sources.iter().map(file_state).collect();
                let cast = move || {
                    loading
                        .join()
                        .unwrap_or_else(|_| Err(CacheError::Damaged("the loader stopped".into())))
                };
                match head.recv() {
                    Ok(saved) => {
                        let redo = || collection.load().map(|(saved, _)| saved);
                        let sent = send_saved(saved, cast, redo, &engine, &sources, emit);
                        if let Some(e) = sent.cast_error {
                            warnings.push(cache_warning(
                                &collection,
                                format!(
                                    "the saved index's cast is not used ({e}); \
                                     its articles' actors found again"
                                ),
                            ));
                        }
                        sent.changed
                    }
                    Err(_) => {
                        // The loader stopped before the articles: say why.
                        let e = cast().err().unwrap_or(CacheError::Missing);
                        if !matches!(e, CacheError::Missing) {
                            warnings.push(cache_warning(
                                &collection,
                                format!("the saved index is not used ({e}); indexing again"),
                            ));
                        }
                        for source in sources {
                            if emit(Produced::Source(source)).is_break() {
                                break;
                            }
                        }
                        true
                    }
                }
            } else {
                // Nothing saved: files are read as the walk finds them.
                warnings.extend(walk_all(&paths, &mut |source| {
                    files.push(file_state(&source));
                    emit(Produced::Source(source))
                }));
                true
            };
            if !changed && let Some(path) = &text_file {
                // Nothing was read: the new text store stays empty.
                let _ = std::fs::remove_file(path);
            }
            if let Ok(mut w) = report.lock() {
                *w = Some(Walked {
                    files,
                    changed: changed && can_save,
                });
            }
            warnings
        });
        indexer.walked = walked;
        indexer
    }

    /// Once a cached open is done: the files it walked and whether the
    /// index should be saved.
    pub fn walked(&self) -> Option<Walked> {
        self.walked.lock().ok().and_then(|w| w.clone())
    }
}

/// Walks `paths`, handing each file to `each`; the walk's warnings (and
/// an error, as one).
pub(crate) fn walk_all(
    paths: &[PathBuf],
    each: &mut dyn FnMut(Source) -> ControlFlow<()>,
) -> Vec<Warning> {
    walk(paths, each).unwrap_or_else(|e| {
        vec![Warning {
            origin: Origin::file(paths_shown(paths)),
            message: e.to_string(),
        }]
    })
}

fn cache_warning(collection: &Collection, message: String) -> Warning {
    Warning {
        origin: Origin::file(collection.dir().display().to_string()),
        message,
    }
}

/// Whether `source`, as walked now, is the file `saved` was: same path,
/// size and modification time. A file without a modification time is never
/// known unchanged.
pub(crate) fn unchanged_file(saved: &FileState, source: &Source) -> bool {
    *saved == file_state(source) && source.modified != 0
}

/// The state of a walked file, as the index saves it.
fn file_state(source: &Source) -> FileState {
    FileState {
        shown: source.shown.clone(),
        bytes: source.bytes,
        modified: source.modified,
    }
}

/// What [`send_saved`] did: whether anything changed (the index is to be
/// saved again), and why the saved cast could not be used, if it could not.
struct Sent {
    changed: bool,
    cast_error: Option<CacheError>,
}

/// Sends the saved articles of the files that have not changed, their
/// warnings and the cast cut down to them (from `cast`, decoded meanwhile),
/// then the sources: the unchanged ones as taken, the others to be read.
///
/// A cast that cannot be decoded once its articles are out (damaged, or
/// one this castlist wrote and cannot read) is a warning, and those
/// articles are analysed again here (`redo` reads the saved articles
/// once more): nothing shown is taken back, and no article lacks its actors.
fn send_saved(
    saved: Saved,
    cast: impl FnOnce() -> Result<Cast, CacheError>,
    redo: impl FnOnce() -> Result<Saved, CacheError>,
    engine: &Engine,
    sources: &[Source],
    emit: &mut dyn FnMut(Produced) -> ControlFlow<()>,
) -> Sent {
    let Saved { files, articles } = saved;
    let by_shown: FxHashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.state.shown.as_str(), i))
        .collect();
    // Where each saved file is in this walk, if it has not changed.
    let mut now_at: Vec<Option<u32>> = vec![None; files.len()];
    let mut unchanged = vec![false; sources.len()];
    for (i, source) in sources.iter().enumerate() {
        if let Some(&f) = by_shown.get(source.shown.as_str())
            && unchanged_file(&files[f].state, source)
        {
            now_at[f] = Some(i as u32);
            unchanged[i] = true;
        }
    }
    // A file holding copies of other files' articles has articles no saved
    // list names (they were skipped): when anything changed, its first
    // copies may be gone, and it is read again, its copies found anew.
    let any_change = unchanged.iter().any(|u| !u) || now_at.iter().any(Option::is_none);
    if any_change {
        for (f, file) in files.iter().enumerate() {
            if !file.copies.is_empty()
                && let Some(at) = now_at[f].take()
                && let Some(u) = unchanged.get_mut(at as usize)
            {
                *u = false;
            }
        }
    }
    let mut new_id: Vec<Option<usize>> = vec![None; articles.len()];
    let mut kept = 0;
    for (id, a) in articles.iter().enumerate() {
        if now_at[a.file as usize].is_some() {
            new_id[id] = Some(kept);
            kept += 1;
        }
    }
    let mut cast_error = None;
    let mut changed = any_change || kept != articles.len();
    let mut batch = Vec::with_capacity(BATCH.min(kept));
    for a in articles {
        let Some(at) = now_at[a.file as usize] else {
            continue;
        };
        let fingerprint = a.article.stored().map_or(0, |s| s.fingerprint);
        batch.push(Indexed {
            article: a.article,
            order: (at, a.record),
            fingerprint,
        });
        if batch.len() >= BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if emit(Produced::Event(Event::Articles(full))).is_break() {
                return Sent {
                    changed,
                    cast_error,
                };
            }
        }
    }
    if !batch.is_empty() && emit(Produced::Event(Event::Articles(batch))).is_break() {
        return Sent {
            changed,
            cast_error,
        };
    }
    let mut file_warnings = Vec::new();
    let mut copies = Vec::new();
    for (f, at) in files.into_iter().zip(&now_at) {
        if at.is_some() {
            file_warnings.extend(f.warnings);
            copies.extend(f.copies);
        }
    }
    let notes = [
        (file_warnings.is_empty(), Event::Warnings(file_warnings)),
        (copies.is_empty(), Event::Copies(copies)),
    ];
    for (empty, event) in notes {
        if !empty && emit(Produced::Event(event)).is_break() {
            return Sent {
                changed,
                cast_error,
            };
        }
    }
    match cast() {
        Ok(mut cast) => {
            if changed {
                cast.retain_articles(kept, |a| new_id.get(a).copied().flatten());
            }
            if emit(Produced::Event(Event::Cast(Box::new(cast)))).is_break() {
                return Sent {
                    changed,
                    cast_error,
                };
            }
        }
        Err(e) => {
            cast_error = Some(e);
            changed = true;
            if analyse_again(redo, engine, &now_at, emit).is_break() {
                return Sent {
                    changed,
                    cast_error,
                };
            }
        }
    }
    for (i, source) in sources.iter().enumerate() {
        let produced = if unchanged[i] {
            Produced::Kept {
                bytes: source.bytes,
            }
        } else {
            Produced::Source(source.clone())
        };
        if emit(produced).is_break() {
            break;
        }
    }
    Sent {
        changed,
        cast_error,
    }
}

/// The actors of the saved articles already sent (those of files at
/// `now_at`), found again from their texts, as the workers would.
fn analyse_again(
    redo: impl FnOnce() -> Result<Saved, CacheError>,
    engine: &Engine,
    now_at: &[Option<u32>],
    emit: &mut dyn FnMut(Produced) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let Ok(saved) = redo() else {
        return ControlFlow::Continue(());
    };
    let mut batch = Vec::new();
    for a in saved.articles {
        let Some(at) = now_at.get(a.file as usize).copied().flatten() else {
            continue;
        };
        let body = a.article.body_text();
        let mut doc = String::with_capacity(a.article.title().len() + 1 + body.len());
        doc.push_str(a.article.title());
        doc.push('\n');
        doc.push_str(&body);
        let actors = engine.analyze(&doc);
        let surfaces = Some(Surfaces::new(doc.as_str(), &actors));
        batch.push(Analysed {
            order: (at, a.record),
            actors,
            surfaces,
        });
        if batch.len() >= 256 {
            emit(Produced::Event(Event::Actors(std::mem::take(&mut batch))))?;
        }
    }
    if !batch.is_empty() {
        emit(Produced::Event(Event::Actors(batch)))?;
    }
    ControlFlow::Continue(())
}
