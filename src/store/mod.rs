//! The shell's memory: where what the app remembers (`app::memory`) is kept
//! between launches. A small [`Store`] trait — load a collection's memory,
//! save changes — with the real one in SQLite ([`sqlite`]) and an in-memory
//! one for tests ([`Fake`]).
//!
//! The interface thread never waits on the database: a [`Writer`] thread
//! owns the store, loads the memory while the first articles are read, and
//! takes changes through a channel, merging them and writing them in one
//! transaction at most every [`FLUSH`] (so a `kill -9` loses at most that
//! much, and never corrupts: SQLite's write-ahead log sees to it). A store
//! that cannot be used — locked, read-only, corrupt, made by a newer
//! castlist — is reported once (`Msg::StoreFailed`), and the reader goes on
//! without memory.

pub mod actors_file;
pub mod sqlite;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;

use crate::app::Msg;
use crate::app::memory::{ArticleMemory, Change, ContentKey, Memory, Session};

/// How long a change may wait before it is written.
pub const FLUSH: Duration = Duration::from_millis(500);

/// Why the store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{0}: made by a newer castlist (schema {1}, this one knows {2})")]
    Newer(String, i64, i64),
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("no data directory to keep memory in")]
    NoDataDir,
    #[error("the store is gone (a test's fake)")]
    Failing,
}

/// Somewhere memory is kept.
pub trait Store: Send {
    /// What is remembered for this store's collection.
    fn load(&mut self) -> Result<Memory, StoreError>;
    /// Remembers `changes`, all or none.
    fn save(
        &mut self,
        articles: &[(ContentKey, ArticleMemory)],
        session: Option<&Session>,
    ) -> Result<(), StoreError>;
}

/// An in-memory store for tests: shared, so a test can look inside, and it
/// can be told to fail.
#[derive(Debug, Clone, Default)]
pub struct Fake {
    pub memory: Arc<Mutex<Memory>>,
    pub fail: bool,
}

impl Store for Fake {
    fn load(&mut self) -> Result<Memory, StoreError> {
        if self.fail {
            return Err(StoreError::Failing);
        }
        Ok(self.memory.lock().map_err(|_| StoreError::Failing)?.clone())
    }

    fn save(
        &mut self,
        articles: &[(ContentKey, ArticleMemory)],
        session: Option<&Session>,
    ) -> Result<(), StoreError> {
        if self.fail {
            return Err(StoreError::Failing);
        }
        let mut memory = self.memory.lock().map_err(|_| StoreError::Failing)?;
        for &(key, state) in articles {
            if state.is_blank() {
                memory.articles.remove(&key);
            } else {
                memory.articles.insert(key, state);
            }
        }
        if let Some(session) = session {
            memory.session = session.clone();
        }
        Ok(())
    }
}

/// Where the database lives: `castlist/memory.sqlite3` in the XDG data
/// directory (`~/.local/share` on Linux; `$XDG_DATA_HOME` when set).
pub fn default_path() -> Result<PathBuf, StoreError> {
    dirs::data_dir()
        .map(|d| d.join("castlist").join("memory.sqlite3"))
        .ok_or(StoreError::NoDataDir)
}

enum Command {
    Change(Change),
    /// Write what is pending and stop.
    Finish,
}

/// The thread that owns the store.
pub struct Writer {
    commands: Sender<Command>,
    replies: Receiver<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the thread: it opens the store (`open` runs there, so a slow
    /// disk holds up nothing), loads the memory and sends it back as
    /// `Msg::Remembered` (or `Msg::StoreFailed`), then writes changes.
    pub fn start<F>(open: F) -> Writer
    where
        F: FnOnce() -> Result<Box<dyn Store>, StoreError> + Send + 'static,
    {
        let (commands, inbox) = channel();
        let (reply, replies) = channel();
        let thread = std::thread::Builder::new()
            .name("castlist-store".into())
            .spawn(move || run(open, &inbox, &reply))
            .ok();
        Writer {
            commands,
            replies,
            thread,
        }
    }

    /// What the store has to say, if anything (never waits).
    pub fn poll(&self) -> Option<Msg> {
        self.replies.try_recv().ok()
    }

    /// Waits up to `timeout` for what the store has to say.
    pub fn wait(&self, timeout: Duration) -> Option<Msg> {
        self.replies.recv_timeout(timeout).ok()
    }

    /// Hands a change to the thread (never waits).
    pub fn send(&self, change: Change) {
        // A thread that stopped (the store failed) drops changes: the
        // reader goes on without memory.
        let _ = self.commands.send(Command::Change(change));
    }

    /// Writes what is pending and waits for the thread, at most `timeout`
    /// (a database locked by another program must not hold up quitting).
    pub fn finish(mut self, timeout: Duration) {
        let _ = self.commands.send(Command::Finish);
        let Some(thread) = self.thread.take() else {
            return;
        };
        let deadline = Instant::now() + timeout;
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
}

/// Changes not written yet, merged: the last state of each article, the
/// last session.
#[derive(Default)]
struct Pending {
    articles: FxHashMap<ContentKey, ArticleMemory>,
    session: Option<Session>,
    since: Option<Instant>,
}

impl Pending {
    fn add(&mut self, change: Change) {
        match change {
            Change::Article(key, state) => {
                self.articles.insert(key, state);
            }
            Change::Session(session) => self.session = Some(session),
        }
        self.since.get_or_insert_with(Instant::now);
    }

    fn write(&mut self, store: &mut dyn Store) -> Result<(), StoreError> {
        if self.since.is_none() {
            return Ok(());
        }
        let articles: Vec<(ContentKey, ArticleMemory)> = self.articles.drain().collect();
        let session = self.session.take();
        self.since = None;
        store.save(&articles, session.as_ref())
    }
}

fn run<F>(open: F, inbox: &Receiver<Command>, reply: &Sender<Msg>)
where
    F: FnOnce() -> Result<Box<dyn Store>, StoreError>,
{
    let fail = |e: StoreError| {
        let _ = reply.send(Msg::StoreFailed(e.to_string()));
    };
    let mut store = match open() {
        Ok(store) => store,
        Err(e) => return fail(e),
    };
    match store.load() {
        Ok(memory) => {
            let _ = reply.send(Msg::Remembered(memory));
        }
        Err(e) => return fail(e),
    }
    let mut pending = Pending::default();
    loop {
        let wait = match pending.since {
            Some(since) => FLUSH.saturating_sub(since.elapsed()),
            None => Duration::from_secs(3600),
        };
        let finish = match inbox.recv_timeout(wait) {
            Ok(Command::Change(change)) => {
                pending.add(change);
                // Take what else is queued before deciding to write.
                let mut finish = false;
                while let Ok(command) = inbox.try_recv() {
                    match command {
                        Command::Change(change) => pending.add(change),
                        Command::Finish => finish = true,
                    }
                }
                finish
            }
            Ok(Command::Finish) | Err(RecvTimeoutError::Disconnected) => true,
            Err(RecvTimeoutError::Timeout) => false,
        };
        let due = pending.since.is_some_and(|t| t.elapsed() >= FLUSH);
        if (due || finish)
            && let Err(e) = pending.write(store.as_mut())
        {
            return fail(e);
        }
        if finish {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u128) -> ContentKey {
        n
    }

    fn read() -> ArticleMemory {
        ArticleMemory {
            read: true,
            ..ArticleMemory::default()
        }
    }

    #[test]
    fn the_writer_loads_then_merges_and_writes_changes() {
        let fake = Fake::default();
        fake.memory.lock().unwrap().articles.insert(key(1), read());
        let shared = fake.clone();
        let writer = Writer::start(move || Ok(Box::new(fake) as Box<dyn Store>));
        let Some(Msg::Remembered(memory)) = writer.wait(Duration::from_secs(5)) else {
            panic!("no memory")
        };
        assert_eq!(memory.articles.get(&key(1)), Some(&read()));
        writer.send(Change::Article(key(2), read()));
        writer.send(Change::Article(key(1), ArticleMemory::default()));
        writer.finish(Duration::from_secs(5));
        let memory = shared.memory.lock().unwrap();
        assert_eq!(memory.articles.get(&key(2)), Some(&read()));
        assert!(!memory.articles.contains_key(&key(1)), "blank rows go");
    }

    #[test]
    fn a_failing_store_says_so_once_and_takes_changes_without_complaint() {
        let writer = Writer::start(|| {
            Ok(Box::new(Fake {
                fail: true,
                ..Fake::default()
            }) as Box<dyn Store>)
        });
        assert!(matches!(
            writer.wait(Duration::from_secs(5)),
            Some(Msg::StoreFailed(_))
        ));
        writer.send(Change::Article(key(2), read()));
        assert!(writer.wait(Duration::from_millis(50)).is_none());
        writer.finish(Duration::from_secs(1));
    }
}
