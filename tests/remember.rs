//! Memory across launches, end to end: the real binary in a pseudo-terminal,
//! its data directory a temporary one, quit (or killed) and opened again.

mod pty;

use std::time::Duration;

use pty::Session;

/// Where the memory is kept for these tests.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Home {
        Home(tempfile::tempdir().unwrap())
    }

    fn data(&self) -> String {
        self.0.path().join("data").display().to_string()
    }

    fn start(&self) -> Session {
        let s = Session::start(30, 120, &[], &[("XDG_DATA_HOME", &self.data())]);
        s.wait("the three panes", |t| t.contains("Articles 5"));
        s
    }

    fn database(&self) -> std::path::PathBuf {
        self.0.path().join("data/castlist/memory.sqlite3")
    }
}

/// The reader pane's lines once the screen has settled (two reads 100 ms
/// apart agree: a read may fall in the middle of a frame being written).
fn settled_lines(s: &Session) -> Vec<String> {
    let mut last = reader_lines(s);
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = reader_lines(s);
        if now == last {
            return now;
        }
        last = now;
    }
}

/// The reader pane's lines as shown, to know the reader is where it was.
fn reader_lines(s: &Session) -> Vec<String> {
    let screen = s.screen();
    screen
        .lines()
        .skip(1)
        .take(27)
        .map(|line| {
            let cells: Vec<char> = line.chars().collect();
            // The reader is the middle pane: between the list (30 columns)
            // and the cast (24).
            cells
                .get(31..cells.len().saturating_sub(25))
                .unwrap_or_default()
                .iter()
                .collect::<String>()
                // Not the borders or the scrollbar: they follow the focus.
                .trim_matches(|c| " ║█│┃".contains(c))
                .to_string()
        })
        .collect()
}

/// Whether the list's row `n` (1-based) shows a bold (unread) title.
fn bold_title(s: &Session, n: u16) -> bool {
    let parser = s.parser.lock().unwrap();
    // Border, star column, then the title.
    parser.screen().cell(n, 3).is_some_and(|c| c.bold())
}

fn star_on(s: &Session, n: u16) -> bool {
    let parser = s.parser.lock().unwrap();
    parser
        .screen()
        .cell(n, 1)
        .is_some_and(|c| c.contents() == "*")
}

/// Reads articles 1 to 3, stars the third, sets mark a in it, goes back to
/// the second and scrolls: returns the reader's lines at the mark and now.
fn a_session(s: &mut Session) -> (Vec<String>, Vec<String>) {
    s.send("\r");
    s.wait("the first read", |t| t.contains("Reader 1 of 5"));
    s.send("]");
    s.wait("the second", |t| t.contains("Reader 2 of 5"));
    s.send("]");
    s.wait("the third", |t| t.contains("Reader 3 of 5"));
    s.send("*");
    s.wait("starred", |t| t.contains("starred"));
    s.send("jjjj");
    std::thread::sleep(Duration::from_millis(200));
    s.send("ma");
    s.wait("mark set", |t| t.contains("mark a set"));
    let at_mark = settled_lines(s);
    s.send("[");
    s.wait("back on the second", |t| t.contains("Reader 2 of 5"));
    s.send("jj");
    std::thread::sleep(Duration::from_millis(300));
    (at_mark, settled_lines(s))
}

fn check_remembered(s: &mut Session, at_mark: &[String], last: &[String]) {
    s.wait("the reader on the second article", |t| {
        t.contains("Reader 2 of 5")
    });
    // Each condition is waited for: a read may fall in the middle of a frame.
    s.wait_until("the reader where it was", |s| reader_lines(s) == last);
    // Row 2 has the cursor (bold in the focused list): checked after 'a.
    s.wait_until("articles 1 and 3 read, 4 and 5 unread", |s| {
        !bold_title(s, 1) && !bold_title(s, 3) && bold_title(s, 4) && bold_title(s, 5)
    });
    s.wait_until("the third starred", |s| star_on(s, 3) && !star_on(s, 2));
    s.send("'a");
    s.wait("at the mark", |t| t.contains("Reader 3 of 5"));
    s.wait_until("the marked place", |s| reader_lines(s) == at_mark);
    s.wait_until("article 2 read", |s| !bold_title(s, 2));
}

#[test]
fn read_three_star_one_mark_one_quit_and_all_is_there_again() {
    let home = Home::new();
    let mut s = home.start();
    let (at_mark, last) = a_session(&mut s);
    s.send("q");
    assert!(s.exit_status(Duration::from_secs(10)).success());
    let mut s = home.start();
    check_remembered(&mut s, &at_mark, &last);
    s.send("q");
    assert!(s.exit_status(Duration::from_secs(10)).success());
}

#[test]
fn kill_9_loses_at_most_the_last_moment_and_never_the_database() {
    let home = Home::new();
    let mut s = home.start();
    let (at_mark, last) = a_session(&mut s);
    // Past the writer's half second, then no chance to say goodbye.
    std::thread::sleep(Duration::from_millis(1200));
    s.signal("KILL");
    s.exit_status(Duration::from_secs(10));
    let db = rusqlite::Connection::open(home.database()).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(db);
    let mut s = home.start();
    check_remembered(&mut s, &at_mark, &last);
    s.send("q");
    assert!(s.exit_status(Duration::from_secs(10)).success());
}

#[test]
fn a_corrupt_database_is_one_warning_and_the_reader_works() {
    let home = Home::new();
    std::fs::create_dir_all(home.database().parent().unwrap()).unwrap();
    std::fs::write(home.database(), vec![0x5a; 4096]).unwrap();
    let mut s = home.start();
    s.wait("the warning", |t| t.contains("no memory this time"));
    s.send("\r]");
    s.wait("reading on", |t| t.contains("Reader 2 of 5"));
    s.send("w");
    s.wait("the warning in the list", |t| {
        t.contains("memory.sqlite3") && t.contains("not a database")
    });
    s.send("qq");
    assert!(s.exit_status(Duration::from_secs(10)).success());
    assert_eq!(
        std::fs::read(home.database()).unwrap(),
        vec![0x5a; 4096],
        "left alone"
    );
}
