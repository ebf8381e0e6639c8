//! A command's reading taken from the index cache the reader saved. When every
//! file of the collection is as the saved index found it (same paths, sizes
//! and modification times, none new, none gone), `castlist actors` and the
//! commands that read texts (`mentions`, `quotes`, `timeline`, `graph`) print
//! from the saved analysis: the articles in load order, their bodies read back
//! from the cache's text stores when quoted, and the saved cast — the cast a
//! fresh reading gives (the reader's cast is the commands'; see
//! `tests/determinism.rs` and `tests/cache.rs`). Anything else — nothing
//! saved, a file changed, an index that cannot be read — is `None`, and the
//! command reads the collection as it always does: a command never prints
//! from an index that does not fit the files.

use std::ops::ControlFlow;
use std::path::PathBuf;

use rustc_hash::{FxHashMap, FxHashSet};

use super::gather::{Gathered, Keep, warning_order};
use crate::cache::index::{Collection, Saved};
use crate::index::{unchanged_file, walk_all};

/// What `keep` asks of the collection of `paths`, from `collection`'s saved
/// index, if every file is as saved (see the module's text).
pub fn from_cache(paths: &[PathBuf], collection: &Collection, keep: Keep) -> Option<Gathered> {
    // The listing reads each article's text to count it: nothing to gain.
    if keep == Keep::Listing || paths.is_empty() || !collection.has_saved() {
        return None;
    }
    let (saved, cast) = collection.load().ok()?;
    let mut sources = Vec::new();
    let walk_warnings = walk_all(paths, &mut |source| {
        sources.push(source);
        ControlFlow::Continue(())
    });
    let Saved { files, articles } = saved;
    if sources.len() != files.len() || articles.is_empty() {
        return None;
    }
    // Each saved file's place in this walk: the load order of its articles.
    let by_shown: FxHashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.state.shown.as_str(), i))
        .collect();
    let mut at = vec![u32::MAX; files.len()];
    for (i, source) in sources.iter().enumerate() {
        let f = *by_shown.get(source.shown.as_str())?;
        if !unchanged_file(&files[f].state, source) || at[f] != u32::MAX {
            return None;
        }
        at[f] = i as u32;
    }
    let mut cast = cast.read().ok()?;
    // The reader saves articles in the order they arrived; a command numbers
    // them in load order, as reading them afresh does.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_unstable_by_key(|&i| {
        let a = &articles[i];
        (
            at.get(a.file as usize).copied().unwrap_or(u32::MAX),
            a.record,
        )
    });
    if keep == Keep::Everything && order.iter().enumerate().any(|(new, &old)| new != old) {
        let mut new_id = vec![0; articles.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new;
        }
        cast.retain_articles(articles.len(), |old| new_id.get(old).copied());
    }
    if !cast.is_settled() {
        cast.finish();
    }
    // The walk's own warnings are this walk's; a saved file's warnings are
    // those its reading gave (bytes repaired, a record skipped), once each.
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut warnings = Vec::new();
    // A command prints the copies it skipped among its warnings.
    for w in walk_warnings.into_iter().chain(
        files
            .into_iter()
            .flat_map(|f| f.warnings.into_iter().chain(f.copies)),
    ) {
        if seen.insert(w.to_string()) {
            warnings.push(w);
        }
    }
    warnings.sort_by(warning_order);
    let documents = articles.len();
    let articles = match keep {
        Keep::Everything => {
            let mut slots: Vec<Option<_>> = articles.into_iter().map(Some).collect();
            let mut kept = Vec::with_capacity(documents);
            for (new, &old) in order.iter().enumerate() {
                let mut article = slots.get_mut(old)?.take()?.article;
                article.set_id(new);
                kept.push(article);
            }
            kept
        }
        Keep::Cast | Keep::Listing => Vec::new(),
    };
    Some(Gathered {
        articles,
        warnings,
        cast,
        documents,
    })
}
