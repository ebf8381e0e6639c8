//! Terminal safety: hostile text must never reach the terminal as a control
//! sequence. Articles made of escape sequences (CSI, OSC 0/2 window titles,
//! OSC 8 links, OSC 52 clipboard writes, DCS), C0 and C1 controls, DEL, bidi
//! overrides and isolates, zero-width characters and BOMs are put in every place
//! castlist draws text — titles, bodies, metadata, actor names, the search
//! prompt and its messages, the warnings view, the help — and drawn through the
//! *real* crossterm backend into a byte buffer. The bytes are then parsed as a
//! terminal would and every escape sequence is checked against a whitelist of
//! what castlist's own drawing emits: cursor moves, SGR styles, clears, cursor
//! show/hide.
//!
//! Two paths are covered: fixtures loaded through the real loader and cleaner
//! (`tests/fixtures/hostile/`, including two shaped like Reuters-21578
//! `18806.txt` and `21288.txt`, which carry real `ESC [ B`), and raw articles
//! that bypass the cleaner, to prove the last guard (`sanitize::display`) holds
//! on its own.

mod common;
mod pty;

use castlist::app::Msg;
use std::ops::ControlFlow;
use std::path::Path;

use castlist::action::Action;
use castlist::app::{App, Pane};
use castlist::cast::{Cast, DocMention, Engine, Form, Kind};
use castlist::corpus::load::{Emitter, read_text};
use castlist::corpus::{Article, Corpus, Format, LoadOptions, Loaded, Origin, Warning};
use castlist::keymap::Keymap;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Every hostile payload, each a few bytes that would make a terminal do
/// something if written as is.
const PAYLOADS: &[&str] = &[
    "\u{1b}]0;pwned title\u{7}",
    "\u{1b}]2;pwned title\u{1b}\\",
    "\u{1b}]52;c;cm0gLXJmIH4K\u{7}",
    "\u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{1b}P1$r0m\u{1b}\\",
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}[6n",
    "\u{1b}[?1049l",
    "\u{1b}[B",
    "\u{1b}7\u{1b}8\u{1b}c",
    "\u{9b}31m",
    "\u{9d}0;t\u{9c}",
    "\u{90}q\u{9c}",
    "\u{85}",
    "\u{7f}",
    "\u{7}",
    "\u{8}\u{8}",
    "\r",
    "\u{0}",
    "\u{b}\u{c}",
    "\u{202e}exe.txt\u{202c}",
    "\u{2066}\u{2067}\u{2068}\u{2069}",
    "\u{202a}\u{202b}\u{202d}",
    "\u{200e}\u{200f}\u{61c}",
    "zero\u{200b}width",
    "\u{feff}bom",
    "word\u{2060}joiner",
];

/// All payloads glued into one string between ordinary words.
fn hostile(label: &str) -> String {
    let mut s = format!("{label} ");
    for p in PAYLOADS {
        s.push_str(p);
        s.push_str(" ok ");
    }
    s
}

// ---------------------------------------------------------------------------
// The byte-stream checker.

use common::Sink;

/// A terminal over the real crossterm backend writing into a [`Sink`], with a
/// fixed viewport: the backend is not a terminal, so it cannot be asked its size.
fn byte_terminal(width: u16, height: u16) -> (Terminal<CrosstermBackend<Sink>>, Sink) {
    let sink = Sink::default();
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let terminal = Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
    (terminal, sink)
}

/// Characters that must never be written: C0 and C1 controls, DEL, bidi
/// embeddings, overrides, isolates and marks, and invisible characters whose
/// width terminals disagree on. (ESC is handled by the sequence parser.)
fn forbidden(c: char) -> bool {
    let c0 = (c as u32) < 0x20 && c != '\u{1b}';
    let c1 = ('\u{7f}'..='\u{9f}').contains(&c);
    let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}');
    let invisible = matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}');
    c0 || c1 || bidi || invisible
}

/// Whether a CSI sequence (parameters, final byte) is one castlist's drawing
/// emits: cursor position, SGR, clear screen / line, cursor show / hide.
fn allowed_csi(params: &str, last: char) -> bool {
    let numeric = params
        .chars()
        .all(|c| c.is_ascii_digit() || c == ';' || c == ':');
    match last {
        'H' | 'm' => numeric,
        'J' | 'K' => matches!(params, "" | "0" | "1" | "2"),
        'h' | 'l' => params == "?25",
        _ => false,
    }
}

/// Parses terminal output and returns what is not on the whitelist, each as a
/// printable description. Empty means safe.
fn violations(bytes: &[u8]) -> Vec<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec!["output is not UTF-8".into()];
    };
    let mut bad = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\u{1b}' {
            if forbidden(c) {
                bad.push(format!("char {c:?} at byte {i}"));
            }
            continue;
        }
        // ESC: only CSI is allowed, and only some CSIs.
        match chars.next() {
            Some((_, '[')) => {
                let mut params = String::new();
                let mut last = None;
                for (_, c) in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        last = Some(c);
                        break;
                    }
                    params.push(c);
                }
                match last {
                    Some(l) if allowed_csi(&params, l) => {}
                    _ => bad.push(format!("CSI {params:?} {last:?} at byte {i}")),
                }
            }
            other => bad.push(format!("ESC {:?} at byte {i}", other.map(|o| o.1))),
        }
    }
    bad
}

/// Draws `app` through the real crossterm backend into bytes, as a first frame.
fn crossterm_frame(app: &mut App, width: u16, height: u16) -> Vec<u8> {
    // A fresh terminal: the first draw writes every non-blank cell.
    let (mut terminal, sink) = byte_terminal(width, height);
    terminal
        .draw(|frame| {
            app.update(Msg::Resize(frame.area()));
            castlist::ui::render(app, frame);
        })
        .unwrap();
    sink.bytes()
}

#[track_caller]
fn assert_safe(bytes: &[u8], what: &str) {
    let bad = violations(bytes);
    assert!(
        bad.is_empty(),
        "{what}: {} unsafe thing(s) reached the terminal: {:?}",
        bad.len(),
        &bad[..bad.len().min(10)]
    );
}

/// Every state worth drawing, at a wide and a one-pane size, checked.
fn assert_every_view_safe(app: &mut App, what: &str) {
    let states: &[(&str, &[Action])] = &[
        ("list", &[]),
        ("reader", &[Action::OpenArticle]),
        ("cast", &[Action::FocusNext]),
        ("follow", &[Action::FollowActor, Action::NextMatch]),
        ("corpus cast", &[Action::ToggleCastScope]),
        ("help", &[Action::Help]),
        ("help scrolled", &[Action::Bottom]),
        ("warnings", &[Action::Help, Action::Warnings]),
        ("back", &[Action::Warnings, Action::Top]),
    ];
    for (name, actions) in states {
        for &a in *actions {
            app.update(a);
        }
        for (w, h) in [(160, 45), (80, 24), (40, 12), (20, 6), (5, 3)] {
            let bytes = crossterm_frame(app, w, h);
            assert_safe(&bytes, &format!("{what} / {name} at {w}×{h}"));
        }
    }
    // The search prompt, typed with hostile characters, then its "not found".
    app.update(Action::Search);
    for c in hostile("find").chars() {
        app.update(Action::InsertChar(c));
    }
    assert_safe(&crossterm_frame(app, 120, 30), &format!("{what} / prompt"));
    app.update(Action::ConfirmSearch);
    assert_safe(
        &crossterm_frame(app, 120, 30),
        &format!("{what} / searched"),
    );
}

// ---------------------------------------------------------------------------
// Building hostile apps.

/// Loads a fixture file through the real loader and cleaner.
fn load_fixture(name: &str) -> Vec<Article> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let mut found = Vec::new();
    let mut sink = |item: Loaded| {
        if let Loaded::Article(a) = item {
            found.push(a);
        }
        ControlFlow::Continue(())
    };
    let mut out = Emitter::new(name, &mut sink);
    let _ = read_text(&bytes, Format::Text, &LoadOptions::default(), &mut out);
    found
}

/// An app over `articles`, with the engine's cast plus one actor per article
/// whose name is hostile, and hostile warnings.
fn hostile_app(articles: Vec<Article>) -> App {
    let mut corpus = Corpus::default();
    for a in articles {
        corpus.push(a);
    }
    corpus.warnings = vec![
        Warning {
            origin: Origin::at_line(hostile("path/\u{1b}]52;c;eA==\u{7}.jsonl"), 3),
            message: hostile("message"),
        },
        Warning {
            origin: Origin::at_record("feed\u{9b}2J.xml", 2),
            message: "bidi \u{202e}gnirts".into(),
        },
    ];
    let engine = Engine::builtin();
    let mut cast = Cast::default();
    for a in &corpus.articles {
        let text = a.document();
        let mut doc = engine.analyze(text);
        // A hand-made actor with a hostile name over the body's first word:
        // actor names are drawn in the cast list, the details and the status
        // line. Mentions are document bytes: the body starts after the title.
        if let Some(end) = a.body().find(' ').filter(|&e| e > 0) {
            let start = a.body_start();
            doc.mentions
                .retain(|m| m.end <= start || m.start >= start + end);
            let entity = doc.add_entity(&hostile("Actor"), Kind::Person, "hostile actor");
            doc.mentions.push(DocMention {
                start,
                end: start + end,
                entity,
                form: Form::Name,
                uncertain: false,
            });
            doc.mentions.sort_by_key(|m| m.start);
        }
        cast.add(a.id(), a, &doc);
    }
    let mut app = App::new(corpus, cast, Keymap::builtin());
    app.update(castlist::action::Action::FocusPane(Pane::Articles));
    app
}

/// Articles that bypass the cleaner: every field raw and hostile.
fn raw_articles() -> Vec<Article> {
    let body = hostile("Body");
    let second = "plain text\u{1b}[31m in red\u{1b}[0m and a \u{1b}]52;c;ZXZpbA==\u{7} write";
    let text = [body.as_str(), second].join("\n\n");
    let mut first = Article::new(&hostile("Title"), &text);
    first.set_date_text(Some(hostile("date")));
    first.set_source(Some(hostile("source")));
    first.set_url(Some("https://x/\u{1b}]8;;evil\u{7}".into()));
    first.set_authors(vec![hostile("author")]);
    let mut second = Article::new("\u{1b}]0;title only\u{7}", &text);
    second.set_source(Some("\u{202e}sretueR".into()));
    vec![first, second]
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn the_checker_catches_what_it_must() {
    // The test can fail: each of these must be reported.
    for bad in [
        &b"\x1b]52;c;ZXZpbA==\x07"[..],
        b"\x1b]0;title\x1b\\",
        b"\x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\",
        b"\x1bP1$r\x1b\\",
        b"\x1b[6n",
        b"\x1b[?1049l",
        b"\x1b[B",
        b"\x1b7",
        b"a\x07b",
        b"a\x7fb",
        "a\u{9b}2Jb".as_bytes(),
        "x\u{202e}y".as_bytes(),
        "x\u{2066}y".as_bytes(),
        "x\u{feff}y".as_bytes(),
        b"\r",
    ] {
        assert!(
            !violations(bad).is_empty(),
            "{:?} passed the checker",
            String::from_utf8_lossy(bad)
        );
    }
    // ...and castlist's own drawing passes.
    let ok = b"\x1b[2J\x1b[1;1H\x1b[38;5;12m\x1b[48;2;1;2;3mtext\x1b[0m\x1b[?25l\x1b[K";
    assert_eq!(violations(ok), Vec::<String>::new());
}

#[test]
fn an_unsanitised_line_would_be_caught() {
    // What the guard is for: ratatui alone drops C0 controls but passes bidi
    // overrides (zero-width graphemes are appended to the cell before them).
    use ratatui::text::Line;
    let (mut terminal, sink) = byte_terminal(30, 1);
    terminal
        .draw(|f| f.render_widget(Line::raw("evil\u{202e}txt.exe"), f.area()))
        .unwrap();
    assert!(!violations(&sink.bytes()).is_empty());
}

#[test]
fn reuters_shaped_title_with_a_cursor_down_sequence() {
    // Shaped like Reuters-21578 18806.txt: a wire title wrapped over two lines,
    // the second holding a real ESC [ B, and no body.
    let articles = load_fixture("wire-title-esc.txt");
    assert_eq!(articles.len(), 1);
    assert_eq!(
        articles[0].title(),
        "ACME HOLDINGS POSTS LOSS ON WRITEDOWNS, SEES 3RD QTR LOSS OF 1.15 DLRS A SHARE"
    );
    let mut app = hostile_app(articles);
    assert_every_view_safe(&mut app, "wire-title-esc");
}

#[test]
fn reuters_shaped_body_with_a_cursor_down_sequence_inside_a_word() {
    // Shaped like Reuters-21578 21288.txt: ESC [ B inside a word of the body, a
    // trailing " Reuter" and an ETX byte.
    let articles = load_fixture("wire-body-esc.txt");
    assert_eq!(articles.len(), 1);
    let body = articles[0].body();
    assert!(body.contains("Optics Division"), "{body}");
    assert!(!body.contains('\u{3}') && !body.contains('\u{1b}'));
    let mut app = hostile_app(articles);
    assert_every_view_safe(&mut app, "wire-body-esc");
}

#[test]
fn every_kind_of_escape_through_the_loader() {
    let mut articles = load_fixture("osc-everything.txt");
    articles.extend(load_fixture("unterminated.txt"));
    assert_eq!(articles.len(), 2);
    // Whole sequences are consumed, not just their ESC: no payload is left behind.
    let all: String = articles
        .iter()
        .map(|a| format!("{}\n{}", a.title(), a.body()))
        .collect();
    for leftover in [
        "pwned",
        "cm0gLXJmIH4K",
        "evil.example",
        "1$r0m",
        "c3VkbyByZWJvb3QK",
    ] {
        assert!(!all.contains(leftover), "{leftover:?} left in {all:?}");
    }
    assert!(
        all.contains("Globex said so"),
        "text after an unterminated OSC is kept"
    );
    let mut app = hostile_app(articles);
    assert_every_view_safe(&mut app, "osc-everything");
}

#[test]
fn raw_hostile_fields_that_bypass_the_cleaner() {
    let mut app = hostile_app(raw_articles());
    assert_every_view_safe(&mut app, "raw");
}

#[test]
fn hostile_text_is_shown_visibly_not_dropped_silently() {
    // The guard shows what it neutralised: ESC as ␛, bidi overrides as U+FFFD.
    let mut app = hostile_app(raw_articles());
    let bytes = crossterm_frame(&mut app, 160, 45);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains('␛'), "ESC is drawn as a control picture");
    assert!(
        text.contains('\u{fffd}'),
        "bidi overrides are drawn as U+FFFD"
    );
}

#[test]
fn redraws_after_scrolling_stay_safe() {
    // Later frames are diffs, drawn with cursor moves between changed cells.
    let mut app = hostile_app(raw_articles());
    let (mut terminal, sink) = byte_terminal(100, 30);
    let steps = [
        Action::OpenArticle,
        Action::Down,
        Action::PageDown,
        Action::NextArticle,
        Action::FocusNext,
        Action::FollowActor,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Help,
        Action::Help,
    ];
    for a in steps {
        app.update(a);
        terminal
            .draw(|f| {
                app.update(Msg::Resize(f.area()));
                castlist::ui::render(&app, f);
            })
            .unwrap();
    }
    assert_safe(&sink.bytes(), "redraws");
}

#[test]
fn zero_width_and_bom_do_not_move_the_borders() {
    // Borders of the three panes stay in their columns on every row when titles
    // and bodies are full of invisible characters.
    let mut app = hostile_app(raw_articles());
    let area = Rect::new(0, 0, 120, 30);
    app.update(Msg::Resize(area));
    let mut buf = ratatui::buffer::Buffer::empty(area);
    castlist::ui::draw(&app, area, &mut buf);
    let screen = app.screen();
    let edges: Vec<u16> = [screen.articles, screen.reader, screen.cast]
        .into_iter()
        .flatten()
        .flat_map(|r| [r.x, r.x + r.width - 1])
        .collect();
    for y in 1..area.height - 2 {
        for &x in &edges {
            let s = buf[(x, y)].symbol();
            assert!(
                matches!(s, "│" | "┃" | "║" | "█" | "▐" | "▌" | "▕" | "▏"),
                "row {y} col {x} is {s:?}, not a border"
            );
        }
    }
}

#[test]
fn the_common_fixture_is_safe_too() {
    // Ordinary text must pass without complaint (the checker is not too strict).
    let mut app = common::app();
    assert_every_view_safe(&mut app, "common");
}

#[test]
fn hostile_file_names_in_error_messages_reached_the_terminal() {
    // Messages printed outside the interface (start-up errors, warnings of
    // the `articles` command) name files, and a file name found while
    // walking a folder is as hostile as the text inside it.
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}.txt";
    std::fs::write(dir.path().join(name), "").unwrap();
    // The reader opens its window, finds no article, gives the terminal
    // back and says why: the message is what follows the last "show cursor".
    let mut session = pty::Session::start(24, 200, &[dir.path().to_str().unwrap()], &[]);
    let status = session.exit_status(std::time::Duration::from_secs(10));
    assert_eq!(status.exit_code(), 2);
    let raw = session.raw.lock().unwrap().clone();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let message = &raw[raw.rfind("\u{1b}[?25h").map_or(0, |i| i + 6)..];
    assert!(message.contains("evil"), "{message:?}");
    assert_safe(message.trim_end().as_bytes(), "start-up error");
    let bin = env!("CARGO_BIN_EXE_castlist");
    std::fs::write(dir.path().join("ok.txt"), "Title\n\nBody.").unwrap();
    let out = std::process::Command::new(bin)
        .arg("articles")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        // The listing is tab-separated by design: each field must be safe.
        for field in text.lines().flat_map(|line| line.split('\t')) {
            assert_safe(field.as_bytes(), "articles command");
        }
    }
}

#[test]
fn a_followed_hostile_actor_is_shown_safely_in_the_cast_and_the_status_line() {
    let mut app = hostile_app(raw_articles());
    app.update(Msg::Resize(Rect::new(0, 0, 160, 45)));
    let row = app
        .cast_view()
        .rows
        .iter()
        .position(|(id, _)| app.cast().actor(*id).unwrap().key == "hostile actor")
        .expect("the hostile actor is listed");
    app.update(castlist::action::Action::FocusPane(Pane::Cast));
    app.update(Action::Top);
    for _ in 0..row {
        app.update(Action::Down);
    }
    app.update(Action::FollowActor);
    let bytes = crossterm_frame(&mut app, 160, 45);
    assert_safe(&bytes, "followed hostile actor");
    let mut vt = vt100::Parser::new(45, 160, 0);
    vt.process(&bytes);
    let screen = vt.screen().contents();
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.starts_with(" Actor ␛]0;pwned"), "{status}");
    let summary = castlist::ui::target_summary(&app).unwrap_or_default();
    assert!(
        summary.contains("· mention 1 of 2 in 2 articles"),
        "{summary}"
    );
    // The details under the cast list show the name too.
    assert!(screen.matches("Actor ␛]0;pwned").count() >= 3, "{screen}");
}
