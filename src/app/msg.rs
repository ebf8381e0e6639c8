//! What goes into the app and what comes out of it. Every change to [`App`]
//! arrives as one [`Msg`] through `App::update`; everything the app wants done
//! outside itself (the database, the browser, the clipboard, the terminal)
//! comes back as an [`Effect`] for the shell to carry out. The core does no I/O.
//!
//! [`App`]: super::App

use std::time::Duration;

use ratatui::layout::Rect;

use super::memory::{Change, Memory};
use crate::action::Action;
use crate::index::{Event, Progress};
use crate::keymap::KeyChord;

/// One change to the app's world.
#[derive(Debug)]
pub enum Msg {
    /// A key as the terminal sent it: looked up in the keymap here, so that
    /// counts (`5j`) and mark letters (`ma`) are read where the state is.
    Key(KeyChord),
    /// An intent, as a key would give it (tests, fuzzing, benchmarks).
    Action(Action),
    /// Text pasted into the terminal (typed into a search being typed).
    Paste(String),
    /// What the background indexer found.
    Indexed(Event),
    /// How far the background indexer has got, for the status line.
    Progress(Progress),
    /// Articles arrived: rebuild the lists now (the shell paces this, so
    /// that 100,000 arriving articles do not rebuild them 400 times).
    Refresh,
    /// Time between keys: count the current search's matches for at most
    /// this long (see [`super::App::busy`]).
    Tick(Duration),
    /// What the store remembered of this collection.
    Remembered(Memory),
    /// The store cannot be used (locked, read-only, corrupt): the reader goes
    /// on without memory, and says so once.
    StoreFailed(String),
    /// One article's attributions, found for an [`Effect::FindQuotes`].
    Quotes(Box<super::quotes::QuotesFound>),
    /// A word from the shell for the status line ("copied", "no browser").
    Notice(String),
    /// The terminal's size. Sent before each draw: the pane rectangles, the
    /// reader's rows and the list offsets follow it.
    Resize(Rect),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

impl From<KeyChord> for Msg {
    fn from(chord: KeyChord) -> Msg {
        Msg::Key(chord)
    }
}

/// What the app asks the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Remember this across launches (the store batches the writes).
    Persist(Change),
    /// Open this web address in the system's browser.
    Open(String),
    /// Put this text on the clipboard.
    Copy(String),
    /// Clear the terminal and draw every cell again (`Ctrl-l`).
    Redraw,
    /// Add this correction to the user's actors file.
    WriteFix(crate::cast::Fix),
    /// Take this correction (the last equal one) out of the actors file.
    UnwriteFix(crate::cast::Fix),
    /// Find these articles' attributions off the interface thread (see
    /// [`super::quotes::find`]), each article's answered by a [`Msg::Quotes`].
    FindQuotes(super::quotes::QuoteJob),
}
