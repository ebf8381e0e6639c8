//! End to end: the real binary in a pseudo-terminal, keys typed as a person
//! would, the screen read back through a terminal emulator (vt100).

mod pty;

use std::time::Duration;

use pty::Session;

#[test]
fn a_person_reads_follows_an_actor_asks_for_help_and_quits() {
    let mut s = Session::start(30, 120, &[], &[]);
    s.wait("the three panes", |t| {
        t.contains("Articles 5") && t.contains("Reader") && t.contains("Cast")
    });
    assert!(
        s.parser.lock().unwrap().screen().alternate_screen(),
        "the reader runs in the alternate screen"
    );

    // Tab twice: focus the cast; its hints replace the article list's.
    s.send("\t");
    s.wait("reader hints", |t| t.contains("next mention"));
    s.send("\t");
    s.wait("cast hints", |t| t.contains("follow actor"));

    // j then Enter: follow the second actor of the first article.
    s.send("j");
    s.send("\r");
    let screen = s.wait("an active actor", |t| t.contains("· mention 1 of"));
    assert!(
        screen.contains('●'),
        "the followed actor is marked in the cast:\n{screen}"
    );

    // n: the next mention.
    s.send("n");
    s.wait("the second mention", |t| t.contains("· mention 2 of"));

    // ?: the help overlay, generated from the keymap.
    s.send("?");
    let help = s.wait("the help overlay", |t| {
        t.contains(" Help ") && t.contains("q / Ctrl-c")
    });
    assert!(
        help.find("quit") < help.find("next mention"),
        "in the keymap's order:\n{help}"
    );
    s.send("G");
    s.wait("the end of the help", |t| {
        t.contains("follow actor") && t.contains("Typing a search")
    });

    // q closes the help, a second q quits.
    s.send("q");
    s.wait("help closed", |t| !t.contains(" Help "));
    s.send("q");
    let status = s.exit_status(Duration::from_secs(10));
    assert!(status.success(), "{status:?}");
    let parser = s.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "the alternate screen was left"
    );
    assert!(!parser.screen().hide_cursor(), "the cursor is shown again");
}
