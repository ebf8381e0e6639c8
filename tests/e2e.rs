//! End to end: the real binary in a pseudo-terminal, keys typed as a person
//! would, the screen read back through a terminal emulator (vt100).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(rows: u16, cols: u16) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_castlist"));
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        // Keep the master alive for the session's duration.
        std::mem::forget(pair.master);
        Session {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the screen satisfies `ok`; fails with the screen shown.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

#[test]
fn a_person_reads_follows_an_actor_asks_for_help_and_quits() {
    let mut s = Session::start(30, 120);
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
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "castlist did not quit");
        std::thread::sleep(Duration::from_millis(30));
    };
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(100));
    let parser = s.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "the alternate screen was left"
    );
    assert!(!parser.screen().hide_cursor(), "the cursor is shown again");
}

#[test]
fn a_missing_path_fails_before_the_terminal_is_touched() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_castlist"))
        .arg("/no/such/place")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/place"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        out.stdout.is_empty(),
        "nothing drawn: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}
