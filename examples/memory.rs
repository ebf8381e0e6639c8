//! Memory across launches at scale: a collection whose every article is
//! remembered as read (and some starred), opened the way the reader opens it.
//!
//! `cargo run --release --example memory -- PATH...` (e.g. the 100,000-article
//! `/tmp/synth-100k.jsonl` from `cargo run --release --example synth -- 100000
//! /tmp/synth-100k.jsonl`) prints:
//! - the launch with memory: the store's thread opens the database and loads
//!   it while the indexer reads the first articles; time to the first frame
//!   (drawn as the shell draws it, after waiting for the memory at most
//!   100 ms) and whether the memory was there for it;
//! - restoring: loading N remembered articles from SQLite, and applying them
//!   to an app holding the N articles (`Msg::Remembered`);
//! - a key with memory: update + frame + handing the changes to the store's
//!   thread, median and 99th percentile, against the same without a store.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use castlist::action::Action;
use castlist::app::memory::{ArticleMemory, ContentKey, content_key};
use castlist::app::{App, Effect, Msg};
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::index::Indexer;
use castlist::keymap::Keymap;
use castlist::store::sqlite::Sqlite;
use castlist::store::{Store, Writer};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("memory.sqlite3");

    // The collection, loaded whole once to know its articles' keys.
    let t = Instant::now();
    let whole = corpus::load_paths(&paths, &LoadOptions::default())?;
    let keys: Vec<ContentKey> = whole.articles.iter().map(content_key).collect();
    println!(
        "corpus: {} articles (loaded and keyed in {:.1} s)",
        keys.len(),
        t.elapsed().as_secs_f64()
    );
    // Every article read, one in ten starred, one in three scrolled.
    let remembered: Vec<(ContentKey, ArticleMemory)> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let state = ArticleMemory {
                read: true,
                starred: i % 10 == 0,
                position: if i % 3 == 0 { 500 } else { 0 },
            };
            (k, state)
        })
        .collect();
    let t = Instant::now();
    Sqlite::open(&db, "bench")?.save(&remembered, None)?;
    println!(
        "written: {} rows in {:.1} s (one transaction)",
        remembered.len(),
        t.elapsed().as_secs_f64()
    );

    launch(&paths, &db)?;
    restore(&db, whole)?;
    Ok(())
}

/// The launch: memory and indexing start together; the first frame waits
/// for the memory at most 100 ms, as the shell does.
fn launch(paths: &[std::path::PathBuf], db: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let path = db.to_path_buf();
    let writer =
        Writer::start(move || Ok(Box::new(Sqlite::open(&path, "bench")?) as Box<dyn Store>));
    let indexer = Indexer::spawn_walk(
        paths.to_vec(),
        LoadOptions::default(),
        Arc::new(Engine::builtin()),
    );
    let mut app =
        App::new(Corpus::default(), Cast::default(), Keymap::builtin()).expecting_memory();
    let mut terminal = Terminal::new(TestBackend::new(200, 50))?;
    app.update(Msg::Resize(terminal.get_frame().area()));
    let mut feeder = castlist::tui::Feeder::new(indexer);
    while app.corpus().articles.is_empty() {
        feeder.pump(&mut app, &mut Vec::new());
        std::thread::sleep(Duration::from_millis(1));
    }
    let first_article = start.elapsed();
    let mut remembered_at = None;
    if let Some(msg) = writer.wait(Duration::from_millis(100)) {
        app.update(msg);
        remembered_at = Some(start.elapsed());
    }
    terminal.draw(|f| {
        app.update(Msg::Resize(f.area()));
        castlist::ui::render(&app, f);
    })?;
    let first_frame = start.elapsed();
    let loaded = match remembered_at {
        Some(_) => "with the memory",
        None => "before the memory came",
    };
    println!(
        "launch: first article {:.1} ms, first frame {:.1} ms ({loaded}{})",
        ms(first_article),
        ms(first_frame),
        remembered_at
            .map(|t| format!(", memory there at {:.1} ms", ms(t)))
            .unwrap_or_default()
    );
    feeder.stop();
    writer.finish(Duration::from_secs(5));
    Ok(())
}

/// Restoring N remembered articles: the store's load, then the app's.
fn restore(db: &Path, whole: Corpus) -> Result<(), Box<dyn std::error::Error>> {
    let mut loads = Vec::new();
    let mut opens = Vec::new();
    let mut memory = None;
    for _ in 0..15 {
        let t = Instant::now();
        let mut store = Sqlite::open(db, "bench")?;
        opens.push(t.elapsed());
        memory = Some(store.load()?);
        loads.push(t.elapsed());
    }
    let memory = memory.ok_or("no memory")?;
    let n = memory.articles.len();
    let cast = Cast::default();
    let mut applies = Vec::new();
    let mut app = App::new(whole, cast, Keymap::builtin());
    for _ in 0..7 {
        let mut fresh = app;
        let t = Instant::now();
        fresh.update(Msg::Remembered(memory.clone()));
        applies.push(t.elapsed());
        app = fresh;
    }
    let read = (0..app.corpus().articles.len())
        .filter(|&i| app.is_read(i))
        .count();
    println!(
        "restore {n} remembered articles: SQLite open + load {:.1} ms (the open {:.1} ms), \
         applied to the app {:.1} ms (medians of 15 and 7; {read} shown read)",
        ms(median(&mut loads)),
        ms(median(&mut opens)),
        ms(median(&mut applies)),
    );

    // A key with memory: every update's changes handed to the store's thread.
    let path = db.to_path_buf();
    let writer =
        Writer::start(move || Ok(Box::new(Sqlite::open(&path, "bench")?) as Box<dyn Store>));
    let _ = writer.wait(Duration::from_secs(10));
    let mut terminal = Terminal::new(TestBackend::new(200, 50))?;
    app.update(Action::FocusNext);
    let keys = [
        Action::Down,
        Action::Down,
        Action::ToggleStar,
        Action::NextArticle,
        Action::Up,
    ];
    let mut with = Vec::new();
    let mut sends = Vec::new();
    for i in 0..3000 {
        let t = Instant::now();
        let effects = app.update(keys[i % keys.len()]);
        let s = Instant::now();
        for effect in effects {
            if let Effect::Persist(change) = effect {
                writer.send(change);
            }
        }
        sends.push(s.elapsed());
        terminal.draw(|f| {
            app.update(Msg::Resize(f.area()));
            castlist::ui::render(&app, f);
        })?;
        with.push(t.elapsed());
    }
    writer.finish(Duration::from_secs(10));
    println!(
        "a key with memory at 200x50: frame median {:.3} ms, p99 {:.3} ms; handing its \
         changes to the store's thread: median {:.1} µs, p99 {:.1} µs",
        ms(median(&mut with)),
        ms(percentile(&mut with, 99)),
        median(&mut sends).as_secs_f64() * 1e6,
        percentile(&mut sends, 99).as_secs_f64() * 1e6,
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(times: &mut [Duration]) -> Duration {
    percentile(times, 50)
}

fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort_unstable();
    times
        .get((times.len() * p / 100).min(times.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}
