//! Finding articles on disk (and in the binary): walking paths, choosing a loader.
//! (Placeholder: files only.)

use std::path::PathBuf;

use super::{Corpus, Origin, clean, text};

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

/// Choices that change how files are read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {}

/// Why nothing could be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("no readable article in {paths}")]
    Empty { paths: String },
}

/// The bundled sample corpus.
pub fn bundled() -> Corpus {
    let articles = SEEDS
        .iter()
        .enumerate()
        .map(|(id, (name, content))| {
            clean::article(
                text::parse_text(content, Origin::file(format!("seeds/{name}"))),
                id,
            )
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

/// Loads every article found under `paths`.
pub fn load_paths(paths: &[PathBuf], _options: &LoadOptions) -> Result<Corpus, LoadError> {
    let mut corpus = Corpus::default();
    for path in paths {
        let shown = path.display().to_string();
        if !path.exists() {
            return Err(LoadError::NotFound { path: shown });
        }
        let content = std::fs::read_to_string(path).map_err(|e| LoadError::Unreadable {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let id = corpus.articles.len();
        corpus.articles.push(clean::article(
            text::parse_text(&content, Origin::file(shown)),
            id,
        ));
    }
    if corpus.articles.is_empty() {
        return Err(LoadError::Empty {
            paths: String::new(),
        });
    }
    Ok(corpus)
}
