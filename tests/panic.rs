//! A panic (there should be none) restores the terminal first, then says what
//! happened and where a report was written. The real binary runs in a
//! pseudo-terminal with `CASTLIST_DEBUG_PANIC` set, which makes it panic right
//! after its first frame; the terminal emulator then shows whether the
//! alternate screen was left and the cursor shown before the message printed.

mod pty;

use std::time::Duration;

use pty::Session;

#[test]
fn a_panic_restores_the_terminal_then_reports_where_the_report_is() {
    let reports = tempfile::tempdir().unwrap();
    let dir = reports.path().to_string_lossy().into_owned();
    let mut s = Session::start(
        24,
        100,
        &[],
        &[
            ("CASTLIST_DEBUG_PANIC", "1"),
            ("CASTLIST_REPORT_DIR", &dir),
            ("RUST_BACKTRACE", "0"),
        ],
    );
    let status = s.exit_status(Duration::from_secs(20));
    assert!(!status.success());

    let screen = s.parser.lock().unwrap().screen().clone();
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
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
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
