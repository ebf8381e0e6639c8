//! Whole-process indexing figures, measured the way the interface runs: the
//! background indexer feeds an `App`, and every loop turn applies a key and
//! draws a 200×50 frame (into a `TestBackend`), timed.
//!
//! `cargo run --release --example index -- PATH...` prints time to first frame,
//! time to a complete index, frame times while indexing and after (median,
//! 99th percentile), and peak memory (VmHWM) against the corpus size.
//!
//! With `INDEX_CACHE=DIR` set, the collection is opened through the index
//! cache in DIR, as the reader does (bodies on disk, the index saved when
//! complete): run it twice to time the second open.

use castlist::app::Msg;
use std::sync::Arc;
use std::time::{Duration, Instant};

use castlist::action::Action;
use castlist::app::{App, Pane};
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::index::Indexer;
use castlist::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    // As the program does: check the paths, then walk them in the background.
    corpus::walk::check(&paths)?;
    let discovered = start.elapsed();
    let engine = Arc::new(Engine::builtin());
    let cache = std::env::var_os("INDEX_CACHE").map(|dir| {
        let version = castlist::cache::engine_version(None);
        castlist::cache::index::Collection::new(
            std::path::Path::new(&dir),
            &paths,
            &LoadOptions::default(),
            version,
        )
    });
    let indexer = match &cache {
        Some(c) => Indexer::open_cached(paths.clone(), LoadOptions::default(), engine, c.clone()),
        None => Indexer::spawn_walk(paths.clone(), LoadOptions::default(), engine),
    };
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    let mut terminal = Terminal::new(TestBackend::new(200, 50))?;
    // As the program does: sized to the terminal before the first article.
    app.update(Msg::Resize(terminal.get_frame().area()));
    let keys = [
        Action::Down,
        Action::Down,
        Action::PageDown,
        Action::Up,
        Action::FocusNext,
        Action::Down,
        Action::FocusPrev,
    ];

    let mut first_frame = None;
    let mut during = Vec::new();
    let mut turn = 0usize;
    let mut feeder = castlist::tui::Feeder::new(indexer).saving_to(cache);
    // The event loop of src/tui.rs, with a key "pressed" every 50 ms: each
    // press is handled and drawn at once (that is the frame time measured);
    // in between the loop only feeds the index.
    let mut pressed = Instant::now() - Duration::from_secs(1);
    let mut last_turn;
    let mut threads = Threads::default();
    let mut sampled = Instant::now() - Duration::from_secs(1);
    loop {
        // The indexing threads end with the index: their figures are read
        // as they go (a few small files every 100 ms).
        if sampled.elapsed() >= Duration::from_millis(100) {
            threads.sample();
            sampled = Instant::now();
        }
        let turn_start = Instant::now();
        let backlog = feeder.pump(&mut app, &mut Vec::new());
        last_turn = turn_start.elapsed();
        if !app.corpus().articles.is_empty() && pressed.elapsed() >= Duration::from_millis(50) {
            let frame_start = Instant::now();
            app.update(keys[turn % keys.len()]);
            turn += 1;
            terminal.draw(|f| {
                app.update(Msg::Resize(f.area()));
                castlist::ui::render(&app, f);
            })?;
            during.push(frame_start.elapsed());
            first_frame.get_or_insert_with(|| start.elapsed());
            pressed = Instant::now();
        }
        if feeder.is_done() {
            break;
        }
        if !backlog {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let indexed = start.elapsed();
    let cpu_indexed = cpu_seconds();
    threads.sample();
    let bytes = app.indexing().map_or(0, |p| p.bytes);

    let mut after = Vec::new();
    for turn in 0..2000 {
        let t = Instant::now();
        app.update(keys[turn % keys.len()]);
        terminal.draw(|f| {
            app.update(Msg::Resize(f.area()));
            castlist::ui::render(&app, f);
        })?;
        after.push(t.elapsed());
    }

    // The next mention of the actor with the most mentions: the cast pane
    // lists actors by mentions, most first; of its two scopes (the article's
    // actors, the whole corpus's) the one whose top actor has more is used.
    let follow = |app: &mut App| {
        app.update(Action::FocusPane(Pane::Cast));
        app.update(Action::Top);
        app.update(Action::FollowActor);
        app.target().map_or(0, |t| t.total())
    };
    let mut followed = follow(&mut app);
    app.update(Action::ToggleCastScope);
    let other = follow(&mut app);
    if other < followed {
        app.update(Action::ToggleCastScope);
        followed = follow(&mut app);
    } else {
        followed = other;
    }
    let mut jumps = Vec::new();
    let mut jump_frames = Vec::new();
    for turn in 0..2000 {
        let t = Instant::now();
        app.update(Action::NextMatch);
        jumps.push(t.elapsed());
        if turn % 10 == 0 {
            let t = Instant::now();
            app.update(Action::NextMatch);
            terminal.draw(|f| {
                app.update(Msg::Resize(f.area()));
                castlist::ui::render(&app, f);
            })?;
            jump_frames.push(t.elapsed());
        }
    }
    app.update(Action::Cancel);

    // Typing a search over the whole corpus, as the event loop runs it: each
    // keystroke is one update and one frame, and between keys the matches
    // are counted a slice at a time (keys come every 50 ms here).
    let mut typing = Vec::new();
    let search_start = Instant::now();
    let mut counted = None;
    for action in std::iter::once(Action::Search)
        .chain("officials".chars().map(Action::InsertChar))
        .chain([Action::ConfirmSearch, Action::NextMatch])
    {
        let t = Instant::now();
        app.update(action);
        terminal.draw(|f| {
            app.update(Msg::Resize(f.area()));
            castlist::ui::render(&app, f);
        })?;
        typing.push(t.elapsed());
        let pause = Instant::now();
        while pause.elapsed() < Duration::from_millis(50) {
            if !{
                app.update(Msg::Tick(castlist::app::SCAN_SLICE));
                app.busy()
            } {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
    while {
        app.update(Msg::Tick(castlist::app::SCAN_SLICE));
        app.busy()
    } {}
    counted.get_or_insert_with(|| search_start.elapsed());

    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} articles, {} actors, {:.1} MB in {} warnings",
        app.corpus().articles.len(),
        app.cast().actors().len(),
        mb,
        app.corpus().warnings.len()
    );
    println!("paths checked: {:.1} ms", discovered.as_secs_f64() * 1e3);
    println!(
        "first frame: {:.1} ms",
        first_frame.unwrap_or_default().as_secs_f64() * 1e3
    );
    println!(
        "complete index: {:.2} s ({:.1} MB/s)",
        indexed.as_secs_f64(),
        mb / indexed.as_secs_f64()
    );
    // Other work on the machine moves the wall clock; the CPU time spent
    // does not (much): both are shown, and the load the run met.
    if let Some((user, sys)) = cpu_indexed {
        println!(
            "  CPU by then: {:.2} s ({user:.2} user + {sys:.2} sys, {:.2} cores); last turn (cast settled, index saved): {:.2} s; load average {}",
            user + sys,
            (user + sys) / indexed.as_secs_f64(),
            last_turn.as_secs_f64(),
            load_average().unwrap_or_default()
        );
    }
    println!("  {}", threads.summary());
    println!(
        "frames while indexing (key handled + drawn): {}",
        summary(&mut during)
    );
    println!("frames after: {}", summary(&mut after));
    println!(
        "next mention of an actor with {followed} mentions: {}; with its frame: {}",
        summary(&mut jumps),
        summary(&mut jump_frames)
    );
    println!(
        "typing a search (/officials, Enter, n; key + frame): {}",
        summary(&mut typing)
    );
    println!(
        "  all matches counted {:.2} s after the first key: {}",
        counted.unwrap_or_default().as_secs_f64(),
        castlist::ui::target_summary(&app).unwrap_or_default()
    );
    let mentions: usize = app.cast().actors().iter().map(|a| a.mentions).sum();
    let body: usize = app.corpus().articles.iter().map(|a| a.body().len()).sum();
    println!(
        "held: {:.1} MB of article text, {} mentions",
        body as f64 / 1e6,
        mentions
    );
    let parts = app.cast().footprint();
    let total: usize = parts.iter().map(|p| p.1).sum();
    let shown: Vec<String> = parts
        .iter()
        .map(|(k, v)| format!("{k} {:.1}", *v as f64 / 1e6))
        .collect();
    println!("cast: {:.1} MB ({})", total as f64 / 1e6, shown.join(", "));
    let peak = peak_rss_kb().unwrap_or(0) as f64 / 1e3;
    println!(
        "peak memory: {:.0} MB ({:.2}× the corpus bytes)",
        peak,
        peak / mb.max(1e-9)
    );
    Ok(())
}

fn summary(times: &mut [Duration]) -> String {
    if times.is_empty() {
        return "none".into();
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
    format!(
        "n={} median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    )
}

/// The process's CPU time so far, (user, system) in seconds, from /proc
/// (Linux; clock ticks of 1/100 s).
fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok().map(|t| t / 100.0);
    Some((ticks(11)?, ticks(12)?))
}

/// Per thread, what the scheduler says of it (Linux, `/proc/self/task/*/
/// schedstat`): time on a CPU and time runnable but waiting for one. A
/// thread that neither ran nor waited for a CPU was blocked on the
/// pipeline (a channel, a lock, I/O): that separates a serial stage from
/// cores taken by other work on the machine.
#[derive(Default)]
struct Threads {
    /// By thread id: name, seconds on a CPU, seconds waiting for one.
    seen: std::collections::BTreeMap<u32, (String, f64, f64)>,
}

impl Threads {
    fn sample(&mut self) {
        let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
            return;
        };
        for task in tasks.flatten() {
            let Some(tid) = task.file_name().to_str().and_then(|t| t.parse().ok()) else {
                continue;
            };
            let path = task.path();
            let (Ok(name), Ok(stat)) = (
                std::fs::read_to_string(path.join("comm")),
                std::fs::read_to_string(path.join("schedstat")),
            ) else {
                continue;
            };
            let mut ns = stat
                .split_whitespace()
                .map(|f| f.parse::<f64>().unwrap_or(0.0) / 1e9);
            let (run, wait) = (ns.next().unwrap_or(0.0), ns.next().unwrap_or(0.0));
            // The interface is the process's first thread; the walker's
            // and the dispatcher's threads bear the program's name.
            let name = if tid == std::process::id() {
                "interface".to_string()
            } else {
                name.trim().to_string()
            };
            self.seen.insert(tid, (name, run, wait));
        }
    }

    /// On CPU and waiting for a CPU, summed by thread name.
    fn summary(&self) -> String {
        let mut by_name: Vec<(String, f64, f64, usize)> = Vec::new();
        for (name, run, wait) in self.seen.values() {
            match by_name.iter_mut().find(|(n, ..)| n == name) {
                Some(entry) => {
                    entry.1 += run;
                    entry.2 += wait;
                    entry.3 += 1;
                }
                None => by_name.push((name.clone(), *run, *wait, 1)),
            }
        }
        let parts: Vec<String> = by_name
            .iter()
            .map(|(name, run, wait, n)| {
                format!("{name}×{n} {run:.2} s on a CPU, {wait:.2} s waiting for one")
            })
            .collect();
        format!("threads: {}", parts.join("; "))
    }
}

/// The system's load averages (1, 5, 15 minutes), as /proc shows them.
fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(
        text.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Peak resident set size in kB, from /proc (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
