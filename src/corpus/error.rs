//! Why nothing could be loaded: the one error of loading (everything else is a
//! warning). A leaf, so that the walk and the loader both name it without the
//! walk importing the loader (DESIGN.md §8: loaders flow one way).

/// Why nothing could be loaded. The message is one line, naming the path(s).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("no readable article in {paths}{reason}")]
    Empty { paths: String, reason: String },
}
