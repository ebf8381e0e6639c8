//! The real binary in a pseudo-terminal, for end-to-end tests: keys written as a
//! person types them, the output fed to a terminal emulator (vt100) and also
//! kept as raw bytes, so a test can read the screen or the byte stream.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// The terminal's device (`/dev/pts/N`), to read its modes.
    tty: Option<PathBuf>,
    /// castlist's data and config folders for this session (none of the
    /// user's memory or configuration is read or written by a test).
    _home: tempfile::TempDir,
    // Kept so the terminal stays open for the session's duration.
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts castlist with `args` and extra environment in a `rows`×`cols` terminal.
    pub fn start(rows: u16, cols: u16, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_castlist"), rows, cols, args, env)
    }

    /// Starts `program` (a shell, say, to redirect castlist's output) as
    /// [`Session::start`] starts castlist.
    pub fn start_program(
        program: &str,
        rows: u16,
        cols: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        let home = tempfile::tempdir().unwrap();
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (sink, bytes) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                bytes.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            tty: pair.master.tty_name(),
            _home: home,
            _master: pair.master,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the screen satisfies `ok`; fails with the screen shown.
    pub fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits for castlist to exit, then for its last output to arrive.
    pub fn exit_status(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + within;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "castlist did not exit");
            std::thread::sleep(Duration::from_millis(30));
        };
        std::thread::sleep(Duration::from_millis(300));
        status
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("castlist has a process id")
    }

    /// Sends `signal` ("TERM", "TSTP", ...) to castlist, as `kill -s` does.
    pub fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .args(["-s", signal, &self.pid().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -s {signal} failed");
    }

    /// The terminal's modes as `stty -a` prints them (read from the terminal
    /// itself, as a shell sharing it would see them).
    pub fn modes(&self) -> Modes {
        let tty = self.tty.as_ref().expect("the pseudo-terminal has a name");
        let out = Command::new("stty")
            .arg("-a")
            .stdin(std::fs::File::open(tty).unwrap())
            .output()
            .unwrap();
        assert!(out.status.success(), "stty -a: {out:?}");
        Modes(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Whether castlist is stopped (job control), from `ps`.
    pub fn stopped(&self) -> bool {
        let out = Command::new("ps")
            .args(["-o", "stat=", "-p", &self.pid().to_string()])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .trim_start()
            .starts_with('T')
    }

    /// Waits until `ok` holds of the session; fails naming `what`, with the screen.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ok(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// The alternate screen is on and the cursor hidden (the reader has the
    /// terminal), from the emulator's state.
    pub fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }
}

/// A terminal's modes, as `stty -a` printed them.
#[derive(Debug)]
pub struct Modes(pub String);

impl Modes {
    /// Whether `flag` ("icanon", "echo") is on: listed bare, not as `-flag`.
    pub fn on(&self, flag: &str) -> bool {
        self.0
            .split(|c: char| c.is_whitespace() || c == ';')
            .any(|word| word == flag)
    }

    /// Cooked: lines are edited by the terminal and typed keys echoed.
    pub fn cooked(&self) -> bool {
        self.on("icanon") && self.on("echo")
    }

    /// Raw, as the reader sets it: neither.
    pub fn raw(&self) -> bool {
        !self.on("icanon") && !self.on("echo")
    }
}
