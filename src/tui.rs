//! The terminal shell: enter the alternate screen, run the event loop, and
//! restore the terminal on every way out — normal quit, error, or panic
//! (ratatui's init installs a panic hook that restores before the message prints).
//!
//! The loop is synchronous: draw, wait briefly for a key, apply it. While a
//! background index runs, the loop also drains its results between frames and
//! rebuilds the lists at a steady pace, so keys are answered at once however
//! fast articles arrive.

use std::io;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::action::Action;
use crate::app::App;
use crate::index::Indexer;
use crate::keymap::{Context, KeyChord};
use crate::ui;

/// How often the lists are rebuilt while articles arrive.
const REFRESH: Duration = Duration::from_millis(300);
/// How long one turn of the loop may spend taking in indexed articles.
const ABSORB_BUDGET: Duration = Duration::from_millis(6);

/// Runs the interactive reader until the user quits.
pub fn run(app: &mut App, indexer: Option<Indexer>) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app, indexer);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut indexer: Option<Indexer>,
) -> io::Result<()> {
    let mut refreshed = Instant::now();
    while !app.should_quit {
        let mut backlog = false;
        if let Some(ix) = &mut indexer {
            backlog = ix.drain(ABSORB_BUDGET, |event| app.absorb(event));
            app.indexing = Some(ix.progress());
            if refreshed.elapsed() >= REFRESH {
                app.refresh();
                refreshed = Instant::now();
            }
        }
        terminal.draw(|frame| {
            app.sync_viewport(frame.area());
            ui::render(app, frame);
        })?;
        let indexing = indexer.as_ref().is_some_and(|ix| !ix.is_done());
        // Poll rather than block so that progress keeps moving; with batches
        // still queued, only look for keys and go straight on.
        let wait = match (backlog, indexing) {
            (true, _) => Duration::ZERO,
            (false, true) => Duration::from_millis(50),
            (false, false) => Duration::from_millis(500),
        };
        if !event::poll(wait)? {
            continue;
        }
        // Handle every key already queued before drawing again.
        loop {
            handle(app, event::read()?);
            if app.should_quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    if let Some(ix) = &indexer {
        ix.stop();
    }
    Ok(())
}

fn handle(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
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

/// The action a chord means now: the keymap's, or in the search prompt a typed
/// character.
pub fn action_for(app: &App, chord: KeyChord) -> Option<Action> {
    let context = app.context();
    app.keymap.action(context, chord).or_else(|| match context {
        Context::Search => chord.typed_char().map(Action::InsertChar),
        _ => None,
    })
}
