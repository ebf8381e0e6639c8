//! The non-interactive commands, one module each: each is a library function
//! writing to a `&mut dyn Write`, so tests can run them without a process and
//! `main.rs` only parses arguments; [`gather`] reads the corpus for them
//! through the reader's background indexer ("index, then print").

pub mod actors;
pub mod articles;
pub mod gather;
pub mod graph;
pub mod mentions;
pub mod quotes;
pub mod surfaces;
pub mod tag;
pub mod timeline;
