//! castlist: a keyboard-only terminal reader for collections of news articles that
//! knows who is in them.
//!
//! The crate is split into a pure core and a terminal shell. Everything here except
//! [`tui`], [`term`] and [`opening`] runs without a terminal, so every
//! behaviour is a plain unit test:
//!
//! - [`corpus`] loads and cleans articles (no ratatui, no crossterm);
//! - [`cast`] (the `castlist-engine` crate) finds the actors named in them and
//!   merges their aliases;
//! - [`app`] owns all view state; [`app::App::update`] (a [`app::Msg`] in,
//!   [`app::Effect`]s out) is the only mutation, and does no I/O;
//! - [`keymap`] turns key chords into [`action::Action`]s, from a data table;
//! - [`reader`] wraps article text into rows that remember their byte ranges;
//! - [`ui`] draws an `&App` into a frame and never writes to it;
//! - [`index`] loads and analyses large corpora on a thread pool meanwhile;
//! - [`analysis`] finds sentences, who appears with whom, timelines and the
//!   co-occurrence network, for the reader and the commands;
//! - [`commands`] are the non-interactive subcommands;
//! - [`store`] keeps what the reader remembers (SQLite, on a thread of its
//!   own), [`config`] reads `config.toml`, [`system`] opens web addresses;
//! - [`tui`] is the event loop, [`opening`] the screen before the first
//!   article, [`term`] the terminal's modes and the signals that concern them.

pub mod action;
pub mod analysis;
/// The actor engine, a crate of its own (`crates/engine`).
pub use castlist_engine as cast;
pub mod app;
pub mod background;
pub mod cache;
pub mod commands;
pub mod config;
pub mod corpus;
mod documents;
pub mod index;
pub mod keymap;
pub mod opening;
pub mod reader;
pub mod sanitize;
pub mod store;
pub mod system;
pub mod term;
pub mod tui;
pub mod ui;
