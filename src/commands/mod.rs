//! The non-interactive commands, one module each: each is a library function
//! writing to a `&mut dyn Write`, so tests can run them without a process and
//! `main.rs` only parses arguments and loads the corpus.

pub mod actors;
pub mod articles;
pub mod mentions;
pub mod quotes;
pub mod tag;
