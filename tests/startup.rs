//! The reader's start-up, end to end: the window opens at once whatever is
//! being read, quitting works before the first article, a missing terminal is
//! said plainly, and nothing printed on the way reaches the terminal raw.

#![cfg(unix)]

mod pty;

use std::process::{Command, Stdio};
use std::time::Duration;

use pty::Session;

const NEEDS_A_TERMINAL: &str = "castlist's reader needs a terminal; \
     for output to a file use `castlist articles|actors|mentions|tag`";

fn mkfifo(path: &std::path::Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_without_a_writer_left_the_screen_blank_and_q_echoed() {
    // Opening a FIFO blocks until someone writes to it: nobody will.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("news.txt");
    mkfifo(&fifo);
    let mut s = Session::start(24, 100, &[fifo.to_str().unwrap()], &[]);
    let screen = s.wait("the opening screen", |t| {
        t.contains("opening") && t.contains("news.txt")
    });
    assert!(screen.contains("q quit"), "{screen}");
    assert!(s.in_alternate_screen(), "the window is open:\n{screen}");
    assert!(s.modes().raw(), "keys are read as typed");
    // The progress moves on its own: the seconds count.
    let before = s.screen();
    s.wait("the progress to move", |t| t != before);

    s.send("q");
    // The reader blocked in the FIFO is not waited for.
    let status = s.exit_status(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    assert!(!s.in_alternate_screen() && !s.cursor_hidden());
    assert!(s.modes().cooked());
}

#[test]
fn a_collection_with_no_article_is_said_on_the_normal_screen_after_the_window() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("picture.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let mut s = Session::start(24, 100, &[dir.path().to_str().unwrap()], &[]);
    let status = s.exit_status(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let screen = s.screen();
    assert!(!s.in_alternate_screen(), "{screen}");
    assert!(screen.contains("castlist: no readable article"), "{screen}");
    assert!(s.modes().cooked());
}

#[test]
fn a_missing_path_fails_before_the_terminal_is_taken() {
    let mut s = Session::start(24, 100, &["/no/such/place"], &[]);
    let status = s.exit_status(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let screen = s.screen();
    assert!(screen.contains("/no/such/place"), "{screen}");
    let raw = s.raw.lock().unwrap().clone();
    assert!(
        !String::from_utf8_lossy(&raw).contains("\u{1b}[?1049h"),
        "the alternate screen was entered: {raw:?}"
    );
}

#[test]
fn output_to_a_file_was_written_frames() {
    // `castlist > out.txt` typed in a shell: input the terminal, output a file.
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.txt");
    let mut s = Session::start_program(
        "sh",
        24,
        120,
        &[
            "-c",
            "exec \"$0\" > \"$1\"",
            env!("CARGO_BIN_EXE_castlist"),
            out_path.to_str().unwrap(),
        ],
        &[],
    );
    let status = s.exit_status(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 2, "{status:?}");
    assert_eq!(s.screen().trim_end(), NEEDS_A_TERMINAL);
    assert_eq!(
        std::fs::read(&out_path).unwrap(),
        b"",
        "nothing in the file"
    );
    assert!(s.modes().cooked());
}

#[test]
fn no_terminal_at_all_said_no_such_device_or_address() {
    let run = Command::new(env!("CARGO_BIN_EXE_castlist"))
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr).trim_end(),
        NEEDS_A_TERMINAL
    );
}

#[test]
fn term_dumb_got_escape_sequences() {
    let mut s = Session::start(24, 120, &[], &[("TERM", "dumb")]);
    let status = s.exit_status(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert_eq!(raw.trim_end(), NEEDS_A_TERMINAL, "only the message");
}

#[test]
fn a_bad_field_argument_with_escapes_reached_the_terminal_raw() {
    // clap quotes a bad argument in its error; this one sets the window's
    // title, clears the screen and starts a C1 CSI.
    let arg = "x\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{7}=body";
    let mut s = Session::start(24, 120, &["--field", arg], &[]);
    let status = s.exit_status(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 2, "clap's code for a usage error");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    for unsafe_char in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(
            !raw.contains(unsafe_char),
            "{unsafe_char:?} reached the terminal: {raw:?}"
        );
    }
    let screen = s.screen();
    assert!(
        screen.contains("invalid value") && screen.contains("--field"),
        "{screen}"
    );
    assert!(
        screen.contains("unknown field"),
        "the reason is still said: {screen}"
    );
}
