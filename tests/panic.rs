//! A panic (there should be none) restores the terminal first, then says what
//! happened and where a report was written. The real binary runs in a
//! pseudo-terminal with `CASTLIST_DEBUG_PANIC` set, which makes it panic right
//! after its first frame; the terminal emulator then shows whether the
//! alternate screen was left and the cursor shown before the message printed.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn a_panic_restores_the_terminal_then_reports_where_the_report_is() {
    let reports = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_castlist"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("CASTLIST_DEBUG_PANIC", "1");
    cmd.env("CASTLIST_REPORT_DIR", reports.path());
    cmd.env("RUST_BACKTRACE", "0");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 100, 0)));
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
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "castlist did not exit after panicking"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    std::thread::sleep(Duration::from_millis(300));
    assert!(!status.success());

    let screen = parser.lock().unwrap().screen().clone();
    let text = screen.contents();
    assert!(
        !screen.alternate_screen(),
        "still in the alternate screen:\n{text}"
    );
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert!(text.contains("castlist crashed"), "{text}");
    assert!(text.contains("deliberate panic"), "{text}");
    assert!(text.contains("src/tui.rs"), "where it happened:\n{text}");
    // The message comes after the restore: in the byte stream, the alternate
    // screen is left before "castlist crashed" is written.
    let raw = String::from_utf8_lossy(&raw.lock().unwrap()).into_owned();
    let left = raw.rfind("\u{1b}[?1049l").expect("alternate screen left");
    let said = raw.find("castlist crashed").expect("message written");
    assert!(
        left < said,
        "the message was written before the terminal was restored"
    );

    let files: Vec<_> = std::fs::read_dir(reports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one report file");
    let report = std::fs::read_to_string(&files[0]).unwrap();
    assert!(report.contains("deliberate panic") && report.contains("backtrace"));
    let shown = text.split_whitespace().collect::<String>();
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(shown.contains(&name), "the report's path is shown:\n{text}");
}
