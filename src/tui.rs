//! The terminal shell: enter the alternate screen, run the blocking event loop,
//! and restore the terminal on every way out — normal quit, error, or panic
//! (ratatui's init installs a panic hook that restores before the message prints).

use std::io;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::action::Action;
use crate::app::App;
use crate::keymap::{Context, KeyChord};
use crate::ui;

/// Runs the interactive reader until the user quits.
pub fn run(app: &mut App) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    while !app.should_quit {
        terminal.draw(|frame| {
            app.sync_viewport(frame.area());
            ui::render(app, frame);
        })?;
        // Poll rather than block so that background work can report progress.
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        match event::read()? {
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
    Ok(())
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
