//! The terminal shell: take the terminal, run the event loop, and restore the
//! terminal on every way out — normal quit, error, panic or signal (the modes
//! and the signals are [`crate::term`]'s).
//!
//! On a panic (there should be none) the order matters: taking the terminal
//! installs a hook that restores it and then calls the hook installed before
//! it, which is [`panic_report`]'s — so the user gets a working terminal back
//! first, then one short message saying what happened and where a report file
//! was written.
//!
//! The loop is synchronous: draw, wait briefly for a key, apply it. While a
//! background index runs, the loop also drains its results between frames and
//! rebuilds the lists at a steady pace, so keys are answered at once however
//! fast articles arrive.

use std::io::{self, Write};
use std::panic::PanicHookInfo;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::action::Action;
use crate::app::{App, SCAN_SLICE};
use crate::index::Indexer;
use crate::keymap::{Context, KeyChord};
use crate::opening::{self, Opened, Opening};
use crate::{term, ui};

/// How often the lists are rebuilt while articles arrive.
const REFRESH: Duration = Duration::from_millis(300);
/// How long one turn of the loop may spend taking in indexed articles.
const ABSORB_BUDGET: Duration = Duration::from_millis(6);
/// While indexing and no key is pressed, redraw (for the progress line) this
/// often; drawing every turn would take a core from the indexing workers.
const PROGRESS_FRAME: Duration = Duration::from_millis(100);

/// Feeds a background index into the app at the interface's pace: a bounded
/// slice of work per turn, the lists rebuilt at a steady rate.
pub struct Feeder {
    indexer: Indexer,
    refreshed: Instant,
    /// How long the last rebuild took: rebuilds are spaced at least ten times
    /// that apart, so that at 100,000 articles they stay a small share of the
    /// interface thread's time.
    refresh_cost: Duration,
}

impl Feeder {
    pub fn new(indexer: Indexer) -> Feeder {
        Feeder {
            indexer,
            refreshed: Instant::now(),
            refresh_cost: Duration::ZERO,
        }
    }

    /// Takes in what fits in one turn's budget and rebuilds the lists when due.
    /// Returns whether results are still queued.
    pub fn pump(&mut self, app: &mut App) -> bool {
        let backlog = self.indexer.drain(ABSORB_BUDGET, |event| app.absorb(event));
        app.indexing = Some(self.indexer.progress());
        if self.refreshed.elapsed() >= REFRESH.max(self.refresh_cost * 10) {
            let start = Instant::now();
            app.refresh();
            self.refreshed = Instant::now();
            self.refresh_cost = self.refreshed - start;
        }
        backlog
    }

    pub fn is_done(&self) -> bool {
        self.indexer.is_done()
    }

    pub fn stop(&self) {
        self.indexer.stop();
    }
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// The collection was read to the end without one article (the caller
    /// says why, on the normal screen).
    Empty,
}

/// Runs the interactive reader until the user quits. With a collection still
/// being opened, the terminal is taken at once and the opening screen shows
/// until its first article is there (see [`crate::opening`]).
pub fn run(app: &mut App, opening: Option<Opening>) -> io::Result<Ended> {
    // Before the terminal's hook, which restores the terminal and then calls this.
    std::panic::set_hook(Box::new(panic_report));
    let mut terminal = term::take()?;
    if std::env::var_os("CASTLIST_DEBUG_PANIC").is_some() {
        // Lets an end-to-end test see a real panic inside the running interface.
        terminal.draw(|frame| {
            app.sync_viewport(frame.area());
            ui::render(app, frame);
        })?;
        panic!("CASTLIST_DEBUG_PANIC is set: a deliberate panic, to test crash handling");
    }
    let feeder = match opening {
        Some(mut opening) => match opening::run(&mut terminal, app, &mut opening)? {
            Opened::Ready => Some(Feeder::new(opening.indexer)),
            Opened::Quit => return Ok(Ended::Quit),
            Opened::Empty => return Ok(Ended::Empty),
        },
        None => None,
    };
    event_loop(&mut terminal, app, feeder)?;
    Ok(Ended::Quit)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut feeder: Option<Feeder>,
) -> io::Result<()> {
    let mut drawn: Option<Instant> = None;
    let mut dirty = true;
    let mut was_searching = false;
    while !app.should_quit {
        if term::take_redraw() {
            term::redraw_all(terminal)?;
            dirty = true;
        }
        let backlog = feeder.as_mut().is_some_and(|f| f.pump(app));
        let indexing = feeder.as_ref().is_some_and(|f| !f.is_done());
        // A search still counting its matches: one slice a turn, between keys.
        let searching = app.work(SCAN_SLICE);
        // Its end changes the status line, and a jump may have waited for it.
        dirty |= was_searching && !searching;
        was_searching = searching;
        let progress_due =
            (indexing || searching) && drawn.is_none_or(|t| t.elapsed() >= PROGRESS_FRAME);
        if dirty || progress_due {
            terminal.draw(|frame| {
                app.sync_viewport(frame.area());
                ui::render(app, frame);
            })?;
            drawn = Some(Instant::now());
            dirty = false;
        }
        // Poll rather than block so that progress keeps moving; with batches
        // still queued, only look for keys and go straight on.
        let wait = match (backlog || searching, indexing) {
            (true, _) => Duration::ZERO,
            (false, true) => Duration::from_millis(50),
            (false, false) => Duration::from_millis(500),
        };
        if !event::poll(wait)? {
            // The last turn of indexing changed the status line.
            dirty |= feeder.as_ref().is_some_and(Feeder::is_done) && indexing;
            continue;
        }
        // Handle every event already queued, then draw at once.
        loop {
            handle(app, event::read()?);
            if app.should_quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        dirty = true;
    }
    if let Some(feeder) = &feeder {
        feeder.stop();
    }
    Ok(())
}

fn handle(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if term::shell_key(&key) {
                return;
            }
            if let Some(action) =
                KeyChord::from_event(&key).and_then(|chord| action_for(app, chord))
            {
                app.update(action);
            }
        }
        Event::Paste(text) if app.prompt.is_some() => {
            for c in text.chars().filter(|c| !c.is_control()) {
                app.update(Action::InsertChar(c));
            }
        }
        // A resize needs no action: the next draw re-syncs the viewport.
        _ => {}
    }
}

/// The panic hook: writes a report file (what, where, a backtrace; never any
/// article text) and tells the user in three lines. Runs after the terminal was
/// restored, so plain `eprintln!` lands on a normal screen.
fn panic_report(info: &PanicHookInfo<'_>) {
    let what = panic_message(info);
    let place = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_else(|| "an unknown place".into());
    let report = format!(
        "castlist {} crashed\nmessage: {what}\nlocation: {place}\n\nbacktrace:\n{}\n",
        env!("CARGO_PKG_VERSION"),
        std::backtrace::Backtrace::force_capture()
    );
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "castlist crashed (this is a bug): {what}\n  at {place}"
    );
    let _ = match write_report(&report) {
        Ok(path) => writeln!(
            err,
            "A report was written to {}\nPlease attach it to a bug report.",
            path.display()
        ),
        Err(e) => writeln!(err, "No report could be written ({e}):\n{report}"),
    };
}

/// The panic's message, when it is a string (it nearly always is).
fn panic_message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into());
    // The message may quote article text: keep it off the terminal's controls.
    crate::sanitize::display(&text).into_owned()
}

/// Writes `report` to a new file in the report folder and returns its path.
pub fn write_report(report: &str) -> io::Result<PathBuf> {
    let dir = report_dir();
    std::fs::create_dir_all(&dir)?;
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let path = dir.join(format!("panic-{secs}-{}.txt", std::process::id()));
    std::fs::write(&path, report)?;
    Ok(path)
}

/// Where crash reports go: `$CASTLIST_REPORT_DIR`, else castlist's folder in the
/// state (or cache) directory, else the temporary directory.
pub fn report_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CASTLIST_REPORT_DIR") {
        return PathBuf::from(dir);
    }
    dirs::state_dir()
        .or_else(dirs::cache_dir)
        .map(|d| d.join("castlist"))
        .unwrap_or_else(std::env::temp_dir)
}

/// The action a chord means now: the keymap's, or in the search prompt a typed
/// character.
pub fn action_for(app: &App, chord: KeyChord) -> Option<Action> {
    let context = app.context();
    app.keymap.action(context, chord).or_else(|| match context {
        Context::Search => chord.typed_char().map(Action::InsertChar),
        _ => None,
    })
}
