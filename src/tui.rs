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

use crate::app::{App, Effect, Msg, SCAN_SLICE};
use crate::background::Background;
use crate::cache::index::{Collection, SavedFile};
use crate::index::Indexer;
use crate::keymap::KeyChord;
use crate::opening::{self, Opened, Opening};
use crate::store::Writer;
use crate::ui::Theme;
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
    /// Where to save the index once it is complete (a cached open).
    cache: Option<Collection>,
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
            cache: None,
            refreshed: Instant::now(),
            refresh_cost: Duration::ZERO,
        }
    }

    /// Takes in what fits in one turn's budget and rebuilds the lists when due;
    /// what the app asks for on the way goes to `effects`. Returns whether
    /// results are still queued.
    pub fn pump(&mut self, app: &mut App, effects: &mut Vec<Effect>) -> bool {
        let backlog = self.indexer.drain(ABSORB_BUDGET, |event| {
            effects.extend(app.update(Msg::Indexed(event)));
        });
        effects.extend(app.update(Msg::Progress(self.indexer.progress())));
        if self.refreshed.elapsed() >= REFRESH.max(self.refresh_cost * 10) {
            let start = Instant::now();
            effects.extend(app.update(Msg::Refresh));
            self.refreshed = Instant::now();
            self.refresh_cost = self.refreshed - start;
        }
        if self.indexer.is_done()
            && let Some(cache) = self.cache.take()
            && let Err(e) = save_index(&cache, &self.indexer, app)
        {
            effects.extend(app.update(Msg::Notice(format!("the index was not saved: {e}"))));
        }
        backlog
    }

    /// Saves the index into `cache` once it is complete (see [`save_index`]).
    pub fn saving_to(mut self, cache: Option<Collection>) -> Feeder {
        self.cache = cache;
        self
    }

    pub fn is_done(&self) -> bool {
        self.indexer.is_done()
    }

    /// What a cached open walked (see [`Indexer::walked`]).
    pub fn walked(&self) -> Option<crate::index::Walked> {
        self.indexer.walked()
    }

    pub fn stop(&self) {
        self.indexer.stop();
    }
}

/// Saves the complete index of a cached open ([`Indexer::open_cached`]) when
/// anything in it is new: the files walked, with the warnings each gave, and
/// the app's articles, their load order and its settled cast.
pub fn save_index(cache: &Collection, indexer: &Indexer, app: &App) -> io::Result<()> {
    let Some(walked) = indexer.walked().filter(|w| w.changed) else {
        return Ok(());
    };
    let mut files: Vec<SavedFile> = walked
        .files
        .into_iter()
        .map(|state| SavedFile {
            state,
            warnings: Vec::new(),
            copies: Vec::new(),
        })
        .collect();
    let by_shown: rustc_hash::FxHashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.state.shown.clone(), i))
        .collect();
    for warning in &app.corpus().warnings {
        if let Some(&i) = by_shown.get(&*warning.origin.path) {
            files[i].warnings.push(warning.clone());
        }
    }
    for copy in app.copies() {
        if let Some(&i) = by_shown.get(&*copy.origin.path) {
            files[i].copies.push(copy.clone());
        }
    }
    cache.save(&files, &app.corpus().articles, app.load_order(), app.cast())
}

/// What the shell brings to the reader besides the app: how to draw, and
/// where to remember.
pub struct Shell {
    pub theme: Theme,
    /// Where the index is saved once complete (`None`: `--no-cache`).
    pub cache: Option<Collection>,
    /// The store's thread, when there is memory.
    pub memory: Option<Writer>,
    /// The engine, for the work asked of the background (finding quotes);
    /// without one that work is declined in the status line.
    pub engine: Option<std::sync::Arc<crate::cast::Engine>>,
}

/// How long the first frame waits for the memory, so that it opens where the
/// reader was rather than jumping there a moment later (the memory is loaded
/// while the first articles are read, and is usually there already).
const MEMORY_WAIT: Duration = Duration::from_millis(100);

/// How long quitting waits for the last changes to be written.
const MEMORY_FINISH: Duration = Duration::from_secs(2);

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
pub fn run(app: &mut App, opening: Option<Opening>, shell: Shell) -> io::Result<Ended> {
    let Shell {
        theme,
        memory,
        cache,
        engine,
    } = shell;
    let background = engine.map(Background::new);
    let theme = &theme;
    // Before the terminal's hook, which restores the terminal and then calls this.
    std::panic::set_hook(Box::new(panic_report));
    let mut terminal = term::take()?;
    if std::env::var_os("CASTLIST_DEBUG_PANIC").is_some() {
        // Lets an end-to-end test see a real panic inside the running interface.
        terminal.draw(|frame| {
            app.update(Msg::Resize(frame.area()));
            ui::render_with(app, theme, frame);
        })?;
        panic!("CASTLIST_DEBUG_PANIC is set: a deliberate panic, to test crash handling");
    }
    let feeder = match opening {
        Some(mut opening) => match opening::run(&mut terminal, app, &mut opening)? {
            Opened::Ready => Some(Feeder::new(opening.indexer).saving_to(cache)),
            Opened::Quit => return Ok(Ended::Quit),
            Opened::Empty => return Ok(Ended::Empty),
        },
        None => None,
    };
    let result = event_loop(
        &mut terminal,
        app,
        feeder,
        theme,
        (memory.as_ref(), background.as_ref()),
    );
    if let Some(memory) = memory {
        memory.finish(MEMORY_FINISH);
    }
    result?;
    Ok(Ended::Quit)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut feeder: Option<Feeder>,
    theme: &Theme,
    (memory, background): (Option<&Writer>, Option<&Background>),
) -> io::Result<()> {
    let mut drawn: Option<Instant> = None;
    let mut dirty = true;
    let mut was_busy = false;
    let mut effects = Vec::new();
    if let Some(msg) = memory.and_then(|m| m.wait(MEMORY_WAIT)) {
        effects.extend(app.update(msg));
    }
    while !app.should_quit() {
        if term::take_redraw() {
            term::redraw_all(terminal)?;
            dirty = true;
        }
        while let Some(msg) = memory.and_then(Writer::poll) {
            effects.extend(app.update(msg));
            dirty = true;
        }
        // Asked before draining: a worker sends all it found before it
        // counts itself done, so nothing found is left behind when idle.
        let quoting = background.is_some_and(Background::is_busy);
        while let Some(msg) = background.and_then(Background::poll) {
            effects.extend(app.update(msg));
            dirty = true;
        }
        let backlog = feeder.as_mut().is_some_and(|f| f.pump(app, &mut effects));
        let indexing = feeder.as_ref().is_some_and(|f| !f.is_done());
        // A search still counting its matches: one slice a turn, between keys.
        effects.extend(app.update(Msg::Tick(SCAN_SLICE)));
        let searching = app.busy();
        let busy = indexing || searching || quoting;
        // The end of indexing or of a count changes the screen (the status
        // line, the lists, a jump that waited for the count): it is drawn at
        // once, not at the next key.
        dirty |= was_busy && !busy;
        was_busy = busy;
        apply_all(terminal, app, (memory, background), &mut effects)?;
        let progress_due = busy && drawn.is_none_or(|t| t.elapsed() >= PROGRESS_FRAME);
        if dirty || progress_due {
            terminal.draw(|frame| {
                app.update(Msg::Resize(frame.area()));
                ui::render_with(app, theme, frame);
            })?;
            drawn = Some(Instant::now());
            dirty = false;
        }
        // Poll rather than block so that progress keeps moving; with batches
        // still queued, only look for keys and go straight on.
        let wait = match (backlog || searching, indexing || quoting) {
            (true, _) => Duration::ZERO,
            (false, true) => Duration::from_millis(50),
            (false, false) => Duration::from_millis(500),
        };
        if !event::poll(wait)? {
            continue;
        }
        // Handle every event already queued, then draw at once.
        loop {
            effects.extend(handle(app, event::read()?));
            if app.should_quit() || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        dirty = true;
    }
    // What the last keys asked for (quitting may ask to remember things).
    apply_all(terminal, app, (memory, background), &mut effects)?;
    if let Some(feeder) = &feeder {
        feeder.stop();
    }
    Ok(())
}

/// Turns a terminal event into a message for the app.
fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if term::shell_key(&key) {
                return Vec::new();
            }
            match KeyChord::from_event(&key) {
                Some(chord) => app.update(Msg::Key(chord)),
                None => Vec::new(),
            }
        }
        Event::Paste(text) => app.update(Msg::Paste(text)),
        // A resize needs no message now: the next draw sends `Msg::Resize`.
        _ => Vec::new(),
    }
}

/// Carries out every effect asked for, and tells the app how they went.
fn apply_all(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    shell: (Option<&Writer>, Option<&Background>),
    effects: &mut Vec<Effect>,
) -> io::Result<()> {
    while !effects.is_empty() {
        for effect in std::mem::take(effects) {
            if let Some(msg) = apply(terminal, shell, effect)? {
                effects.extend(app.update(msg));
            }
        }
    }
    Ok(())
}

/// Carries out what the app asked for; what the app should hear of it comes
/// back as a message.
fn apply(
    terminal: &mut DefaultTerminal,
    (memory, background): (Option<&Writer>, Option<&Background>),
    effect: Effect,
) -> io::Result<Option<Msg>> {
    Ok(match effect {
        // Handed to the store's thread: a key never waits on the database.
        Effect::Persist(change) => {
            if let Some(memory) = memory {
                memory.send(change);
            }
            None
        }
        Effect::Open(url) => Some(Msg::Notice(match crate::system::open_url(&url) {
            Ok(program) => format!("opened with {program}"),
            Err(why) => why,
        })),
        Effect::Copy(text) => {
            // OSC 52: the terminal puts it on the clipboard (through ssh and
            // tmux with `set-clipboard on` too). Sanitised, then base64: no
            // byte of the text reaches the terminal raw.
            let safe = crate::sanitize::display(&text);
            ratatui::crossterm::execute!(
                terminal.backend_mut(),
                crossterm::clipboard::CopyToClipboard::to_clipboard_from(safe.as_bytes())
            )?;
            Some(Msg::Notice(
                "copied the web address (by the terminal: OSC 52)".into(),
            ))
        }
        Effect::Redraw => {
            term::redraw_all(terminal)?;
            None
        }
        Effect::WriteFix(fix) => {
            fix_written(crate::store::actors_file::append(&actors_file()?, &fix).map(|_| ()))
        }
        Effect::UnwriteFix(fix) => {
            fix_written(crate::store::actors_file::remove_last(&actors_file()?, &fix).map(|_| ()))
        }
        // Handed to a worker: its results come back through `Background::poll`.
        Effect::FindQuotes(job) => match background {
            Some(background) => background.find_quotes(job),
            None => Some(Msg::Notice("quotes cannot be found here".into())),
        },
    })
}

/// The user's actors file, where corrections are written.
fn actors_file() -> io::Result<PathBuf> {
    Ok(crate::cast::engine::default_user_file().unwrap_or_else(|| PathBuf::from("actors.toml")))
}

/// What the app hears of a correction's writing: nothing when it worked.
fn fix_written(result: Result<(), crate::store::actors_file::WriteError>) -> Option<Msg> {
    result.err().map(|e| {
        Msg::Notice(format!(
            "correction not saved, it holds for this session only: {e}"
        ))
    })
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
