//! The non-interactive subcommands: each a library function writing to a
//! `&mut dyn Write`, so that each is a plain unit test; `main.rs` wires clap.

pub mod actors;
pub mod mentions;
pub mod tag;
