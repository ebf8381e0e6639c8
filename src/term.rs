//! The terminal's modes, and the signals that concern them. [`take`] puts the
//! terminal in raw mode on the alternate screen; the [`Taken`] it returns gives
//! it back on drop, and so do a panic, a terminating signal and a suspension.
//!
//! - `SIGTERM`, `SIGHUP`, `SIGINT`, `SIGQUIT`: the terminal is restored and the
//!   process exits with 128 + the signal's number, as shells report it.
//! - `SIGTSTP` (`kill -TSTP`, or `Ctrl-z`, which arrives as a key in raw mode
//!   and is turned into a `SIGTSTP` to the job: see [`shell_key`]): the
//!   terminal is restored and the process stops; when it is continued
//!   (`fg`), raw mode and the alternate screen are taken again and
//!   the event loop is asked to redraw everything ([`take_redraw`],
//!   [`redraw_all`]).
//! - `SIGCONT` without our own stop (someone sent `SIGSTOP`): the shell may have
//!   put the tty back in cooked mode meanwhile, so raw mode is taken again and
//!   everything redrawn.
//!
//! Signals are handled on a thread of their own (signal-hook's iterator), not
//! by the event loop: a loop busy with a long frame, or a start-up waiting on a
//! slow file, still lets the terminal go at once. That thread holds the lock of
//! standard output while it restores, so that no half frame is drawn after the
//! terminal was given back; the event loop's next write waits for it.

use std::io::{self, IsTerminal, Write};
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, TryLockError};

use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::crossterm::style::{Attribute, ResetColor, SetAttribute};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;

/// What the reader says when standard input or output is not a terminal.
pub const NEEDS_A_TERMINAL: &str = "castlist's reader needs a terminal; \
     for output to a file use `castlist articles|actors|mentions|tag`";

/// Whether the reader can run here: standard input and output are terminals,
/// and the terminal is not `TERM=dumb` (which cannot move the cursor).
pub fn is_usable() -> bool {
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    io::stdin().is_terminal() && io::stdout().is_terminal() && !dumb
}

/// Who has the terminal now. Every change of mode happens under this lock, so
/// that the event loop, the signal thread and the panic hook never interleave.
struct State {
    /// Raw mode and the alternate screen are on (or would be, but for a stop).
    taken: bool,
    /// Given back for a stop (`Ctrl-z`, `SIGTSTP`), to be taken again on `fg`.
    suspended: bool,
    /// The next `SIGCONT` ends a stop made here, which already took the
    /// terminal back: it needs no second take.
    resuming: bool,
    /// `Ctrl-z` sent `SIGTSTP` to the process group, castlist included, and
    /// stopped castlist itself: that copy of the signal is not acted on.
    own_tstp: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    taken: false,
    suspended: false,
    resuming: false,
    own_tstp: false,
});

/// Set when the screen must be drawn whole again (after a stop, or when the
/// tty's modes may have been changed behind our back).
static REDRAW: AtomicBool = AtomicBool::new(false);

fn state() -> MutexGuard<'static, State> {
    // A panic while the lock was held left the flags as they were; they are
    // still the best knowledge there is.
    STATE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The terminal, taken: raw mode and the alternate screen until drop.
pub struct Taken {
    terminal: DefaultTerminal,
}

impl Deref for Taken {
    type Target = DefaultTerminal;
    fn deref(&self) -> &DefaultTerminal {
        &self.terminal
    }
}

impl DerefMut for Taken {
    fn deref_mut(&mut self) -> &mut DefaultTerminal {
        &mut self.terminal
    }
}

impl Drop for Taken {
    fn drop(&mut self) {
        restore();
    }
}

/// Takes the terminal: starts the signal thread and the restoring panic hook
/// (once), then raw mode and the alternate screen.
pub fn take() -> io::Result<Taken> {
    static SETUP: Once = Once::new();
    SETUP.call_once(|| {
        install_panic_hook();
        signals::start();
    });
    {
        let mut state = state();
        if let Err(e) = enter() {
            leave();
            return Err(e);
        }
        state.taken = true;
    }
    match ratatui::Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(terminal) => Ok(Taken { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Gives the terminal back: cooked mode, the normal screen, the cursor shown.
/// Does nothing when it is not taken; safe to call from anywhere, any time.
pub fn restore() {
    let mut state = state();
    if state.taken {
        // Held so that the event loop cannot draw between these and the exit.
        let _out = io::stdout().lock();
        leave();
        state.taken = false;
    }
}

/// Whether the whole screen must be drawn again (and clears the request): the
/// event loop asks before each frame and then calls [`redraw_all`].
pub fn take_redraw() -> bool {
    REDRAW.swap(false, Ordering::Relaxed)
}

/// Clears the screen and makes the next frame draw every cell, whatever
/// ratatui believes is already there. Not `Terminal::clear`, which first asks
/// the terminal where its cursor is and waits up to two seconds for a terminal
/// that does not answer; a resize to the same size clears without asking.
pub fn redraw_all(terminal: &mut DefaultTerminal) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}

/// Asks the event loop to draw the whole screen again at its next turn.
pub fn request_redraw() {
    REDRAW.store(true, Ordering::Relaxed);
}

/// Handles the keys that belong to the shell rather than to the reader:
/// `Ctrl-z` suspends (raw mode turns off the tty's own `Ctrl-z`), where there
/// is job control. Returns whether the key was used.
pub fn shell_key(key: &KeyEvent) -> bool {
    let ctrl_z =
        cfg!(unix) && key.code == KeyCode::Char('z') && key.modifiers == KeyModifiers::CONTROL;
    if ctrl_z {
        suspend_job();
    }
    ctrl_z
}

/// `Ctrl-z`: what the tty's own `Ctrl-z` would do, in an order that leaves
/// no window for a half-given-back terminal. The terminal is given back
/// first, while castlist is still the foreground job; then `SIGTSTP` goes to
/// the whole process group, so that a wrapper (`cargo run`, a script) stops
/// too and the shell gets its prompt back (a shell may take the terminal as
/// soon as the wrapper stops); then castlist stops itself.
pub fn suspend_job() {
    let mut state = state();
    let _out = io::stdout().lock();
    if state.taken && !state.suspended {
        leave();
        state.suspended = true;
    }
    // Castlist's own copy of the signal reaches the signal thread, which
    // must not stop the process a second time after `fg`.
    state.own_tstp = signals::stop_job();
    stop_here(&mut state);
}

/// `SIGTSTP` from outside (`kill -TSTP`): gives the terminal back and stops.
fn tstp() {
    let mut state = state();
    if std::mem::take(&mut state.own_tstp) {
        return;
    }
    let _out = io::stdout().lock();
    if state.taken && !state.suspended {
        leave();
        state.suspended = true;
    }
    stop_here(&mut state);
}

/// Stops the process as `SIGTSTP`'s default would and, once continued (`fg`),
/// takes the terminal again and asks for a full redraw. Called with the state
/// and standard output locked, which they stay across the stop: nothing is
/// drawn over the shell's prompt.
fn stop_here(state: &mut State) {
    signals::stop();
    // Continued.
    if std::mem::take(&mut state.suspended) {
        // If taking fails (the tty has gone) the next frame fails and the
        // event loop ends, restoring what it can.
        let _ = enter();
    }
    state.resuming = true;
    request_redraw();
    signals::wake();
}

/// After a `SIGCONT`: unless it ended a stop made here, take raw mode
/// again (the shell may have reset the tty) and redraw.
fn continued() {
    let mut state = state();
    if std::mem::take(&mut state.resuming) {
        return;
    }
    if state.taken && !state.suspended {
        // crossterm re-applies raw mode only after it was turned off.
        let _ = disable_raw_mode();
        let _ = enable_raw_mode();
        request_redraw();
        signals::wake();
    }
}

/// Gives the terminal back and exits as a terminating signal asks.
fn terminate(signal: i32) -> ! {
    let state = state();
    // Kept until the exit: the event loop must not draw after the restore.
    let mut out = io::stdout().lock();
    if state.taken {
        leave();
    }
    let _ = out.flush();
    std::process::exit(128 + signal)
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)
}

/// Every step is tried even if one fails: a hung-up terminal refuses them all,
/// and a half-restored one is worse than a fully tried one.
fn leave() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        SetAttribute(Attribute::Reset),
        ResetColor,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal before the panic hook installed before it (the crash
/// report) runs, so that its message lands on a normal screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        match STATE.try_lock() {
            Ok(state) => drop(state),
            Err(TryLockError::Poisoned(poisoned)) => drop(poisoned.into_inner()),
            // The panic is inside a change of mode (the lock is this thread's,
            // and waiting for it would wait forever) or the signal thread is
            // about to exit anyway: give the terminal back regardless.
            Err(TryLockError::WouldBlock) => {
                leave();
                return previous(info);
            }
        }
        restore();
        previous(info);
    }));
}

#[cfg(unix)]
mod signals {
    //! The signal thread (unix).

    use signal_hook::consts::signal::{
        SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH,
    };
    use signal_hook::iterator::Signals;
    use signal_hook::low_level;

    /// Starts the thread that handles the signals of the module's list. If the
    /// handlers cannot be installed, the reader runs without them, as before.
    pub fn start() {
        let Ok(mut signals) = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])
        else {
            return;
        };
        // If the thread cannot start, the closure and its `Signals` are
        // dropped, which takes the handlers away again: the signals keep their
        // default action rather than being caught and never acted on.
        let _ = std::thread::Builder::new()
            .name("castlist-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    match signal {
                        SIGTSTP => super::tstp(),
                        SIGCONT => super::continued(),
                        other => super::terminate(other),
                    }
                }
            });
    }

    /// Sends `SIGTSTP` to the whole process group, as the tty's own `Ctrl-z`
    /// would. Returns whether it was sent.
    pub fn stop_job() -> bool {
        use rustix::process::{Signal, kill_current_process_group};
        kill_current_process_group(Signal::TSTP).is_ok()
    }

    /// Stops the process as `SIGTSTP`'s default would (with `SIGSTOP`, which
    /// works in an orphaned process group too) and returns when continued.
    pub fn stop() {
        let _ = low_level::emulate_default_handler(SIGTSTP);
    }

    /// Wakes the event loop out of its wait for a key: crossterm turns a
    /// `SIGWINCH` into a resize event, which is drawn at once.
    pub fn wake() {
        let _ = low_level::raise(SIGWINCH);
    }
}

#[cfg(not(unix))]
mod signals {
    //! No signals to handle here; `Ctrl-z` does nothing.
    pub fn start() {}
    pub fn stop_job() -> bool {
        false
    }
    pub fn stop() {}
    pub fn wake() {}
}
