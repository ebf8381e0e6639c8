//! Signals while the reader runs: the real binary in a pseudo-terminal, a
//! signal sent with `kill`, then the terminal looked at as the shell sharing
//! it would find it — its modes read with `stty -a` from the device itself,
//! the screen from the terminal emulator (vt100).
//!
//! A terminating signal (TERM, HUP, INT, QUIT) must give the terminal back
//! (cooked mode with echo, the normal screen, the cursor shown) and exit with
//! 128 + the signal's number. A stop (`kill -TSTP`, `Ctrl-z`) gives it back
//! too, and a `SIGCONT` (`fg`) takes it again and redraws everything.

#![cfg(unix)]

mod pty;

use std::time::Duration;

use pty::Session;

/// The reader on the bundled corpus, once it has drawn and holds the terminal.
fn reader() -> Session {
    let s = Session::start(24, 100, &[], &[]);
    s.wait("the reader", |t| {
        t.contains("Articles 5") && t.contains("Cast")
    });
    // The cursor is hidden just after the frame is written.
    s.wait_until("the cursor hidden", |s| {
        s.in_alternate_screen() && s.cursor_hidden()
    });
    let modes = s.modes();
    assert!(modes.raw(), "the reader runs in raw mode: {modes:?}");
    s
}

/// The terminal as a shell wants it back.
fn assert_given_back(s: &Session, after: &str) {
    let screen = s.screen();
    assert!(
        !s.in_alternate_screen(),
        "{after}: still in the alternate screen:\n{screen}"
    );
    assert!(!s.cursor_hidden(), "{after}: the cursor is still hidden");
    let modes = s.modes();
    assert!(
        modes.cooked(),
        "{after}: the tty is not back in cooked mode with echo: {modes:?}"
    );
}

fn a_terminating_signal_restores_the_terminal_and_exits(signal: &str, number: u32) {
    let mut s = reader();
    s.signal(signal);
    let status = s.exit_status(Duration::from_secs(10));
    assert_eq!(
        (status.exit_code(), status.signal()),
        (128 + number, None),
        "SIG{signal}: exit status {status:?}"
    );
    assert_given_back(&s, &format!("SIG{signal}"));
}

#[test]
fn sigterm_left_the_terminal_raw_in_the_alternate_screen() {
    a_terminating_signal_restores_the_terminal_and_exits("TERM", 15);
}

#[test]
fn sighup_left_the_terminal_raw_in_the_alternate_screen() {
    a_terminating_signal_restores_the_terminal_and_exits("HUP", 1);
}

#[test]
fn sigint_left_the_terminal_raw_in_the_alternate_screen() {
    a_terminating_signal_restores_the_terminal_and_exits("INT", 2);
}

#[test]
fn sigquit_left_the_terminal_raw_in_the_alternate_screen() {
    a_terminating_signal_restores_the_terminal_and_exits("QUIT", 3);
}

/// Stops the reader with `stop` (a signal or a key), checks the terminal was
/// given back, continues it, and checks it was taken again and redrawn whole.
fn a_stop_gives_the_terminal_back_and_fg_redraws(stop: impl FnOnce(&mut Session)) {
    let mut s = reader();
    // Moved to the second article, so that the redraw shows state, not a
    // fresh start.
    s.send("j");
    s.wait("the second article", |t| t.contains("Reader 2 of 5"));
    stop(&mut s);
    s.wait_until("castlist to stop", |s| s.stopped());
    s.wait_until("the normal screen", |s| {
        !s.in_alternate_screen() && !s.cursor_hidden()
    });
    assert_given_back(&s, "stopped");

    // `fg`: the alternate screen is entered afresh (the emulator clears it),
    // so the panes show again only if everything was redrawn.
    s.signal("CONT");
    s.wait_until("the reader redrawn", |s| {
        s.in_alternate_screen() && s.screen().contains("Reader 2 of 5")
    });
    let screen = s.screen();
    assert!(
        screen.contains("Articles 5") && screen.contains("Cast"),
        "{screen}"
    );
    s.wait_until("the cursor hidden", |s| s.cursor_hidden());
    s.wait_until("raw mode again", |s| s.modes().raw());
    // Keys are read one by one again, not a line at a time.
    s.send("j");
    s.wait("the third article", |t| t.contains("Reader 3 of 5"));

    s.send("q");
    let status = s.exit_status(Duration::from_secs(10));
    assert!(status.success(), "{status:?}");
    assert_given_back(&s, "quit after fg");
}

#[test]
fn sigtstp_left_the_terminal_raw_and_fg_did_not_redraw() {
    a_stop_gives_the_terminal_back_and_fg_redraws(|s| s.signal("TSTP"));
}

#[test]
fn ctrl_z_was_ignored_instead_of_suspending() {
    a_stop_gives_the_terminal_back_and_fg_redraws(|s| s.send("\u{1a}"));
}
