//! Wide and combining characters on screen: CJK, emoji (presentation
//! sequences, skin tones, flags), accents precomposed and combining, Arabic,
//! Hebrew, fullwidth and halfwidth forms. Drawn at many sizes, each frame is
//! checked twice — in ratatui's buffer, and on the screen of a terminal emulator
//! (the `vt100` crate) fed the real crossterm byte stream:
//!
//! - every pane border is in its column on every row (columns stay aligned);
//! - the reader's margin columns stay blank (nothing spills over the border);
//! - every reader row fits the text width as drawn (wrapping counts width);
//! - the cells of a highlighted mention are exactly the cells its text takes.
//!
//! Right-to-left text is stored and drawn in logical order, as terminals
//! without bidi support show it; castlist does not reorder it.
//!
//! Halfwidth katakana sound marks (U+FF9E, U+FF9F) are kept apart from
//! mentions: ratatui 0.30 counts each as one column more than unicode-width
//! 0.2.3 already does, so a terminal following Unicode (as `vt100` does) shows
//! the rest of such a row shifted. Borders still hold (ratatui moves the
//! cursor after every wide cell), which the border test checks.

mod common;

use castlist::app::Msg;
use std::collections::BTreeSet;

use castlist::action::Action;
use castlist::app::{App, Pane};
use castlist::cast::{Cast, Kind};
use castlist::corpus::{Corpus, Origin, text};
use castlist::keymap::Keymap;
use castlist::reader::RowSrc;
use castlist::sanitize;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_segmentation::UnicodeSegmentation;

/// Articles as files would hold them; they go through the real cleaner.
const ARTICLES: &[&str] = &[
    "東京と大阪の会談 — Tokyo talks\n\n\
     東京で首脳が会談した。東京の天気は晴れ、大阪は雨。会談は東京都庁で行われ、\
     両首脳は東京から大阪へ向かった。\n\n\
     Leaders met in 東京 on Monday; 東京 officials said the 東京 summit went well.",
    "Café talks with José Martí\n\n\
     Jose\u{301} Marti\u{301} and José Martí met at the café in Zürich. \
     Ça va, said Jose\u{301} Marti\u{301}; naïve coöperation, façade, Ångström.\n\n\
     Ｆｕｌｌｗｉｄｔｈ ＡＢＣ text next to José Martí.\n\n\
     Halfwidth ｶﾞｷﾞｸﾞ katakana with sound marks.",
    "Emoji 😀 report 🇫🇷\n\n\
     Fans ❤\u{fe0f} the team 👍🏽 and 🇫🇷 🇯🇵 flags; 😀😀😀 everywhere, \
     ❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f} said 😀 Corp.\n\n\
     😀 Corp shares rose; 😀 Corp said so.",
    "محمد عباس في القدس — שלום בירושלים\n\n\
     قال محمد عباس إن المحادثات مستمرة. والتقى محمد عباس بالوفد لا سلام بلا عدل.\n\n\
     ראש הממשלה נתניהו אמר שלום. נתניהו נפגש עם محمد عباس בירושלים.",
];

/// The actors, by surface form as written in the cleaned bodies.
const ACTORS: &[(&str, &str, Kind)] = &[
    ("東京", "東京", Kind::Place),
    ("José Martí", "José Martí", Kind::Person),
    ("Jose\u{301} Marti\u{301}", "José Martí", Kind::Person),
    ("😀 Corp", "😀 Corp", Kind::Organization),
    ("محمد عباس", "محمد عباس", Kind::Person),
    ("נתניהו", "נתניהו", Kind::Person),
];

fn corpus() -> Corpus {
    let mut corpus = Corpus::default();
    for raw in ARTICLES {
        corpus.push(text::parse_text(raw, Origin::file("wide.txt"), false).unwrap());
    }
    corpus
}

fn cast(corpus: &Corpus) -> Cast {
    common::cast_of(corpus, ACTORS)
}

fn app() -> App {
    let corpus = corpus();
    let cast = cast(&corpus);
    App::new(corpus, cast, Keymap::builtin())
}

/// Follows the actor named `name` (corpus scope, so it is always listed).
fn follow(app: &mut App, name: &str) {
    if app.cast_view().scope != castlist::app::Scope::Corpus {
        app.update(castlist::action::Action::ToggleCastScope);
    }
    app.update(Action::ToggleCastScope);
    app.update(Action::ToggleCastScope);
    let row = app
        .cast_view()
        .rows
        .iter()
        .position(|(id, _)| app.cast().actor(*id).unwrap().name == name)
        .unwrap_or_else(|| panic!("{name} not in the cast"));
    app.update(castlist::action::Action::FocusPane(Pane::Cast));
    app.update(Action::Top);
    for _ in 0..row {
        app.update(Action::Down);
    }
    app.update(Action::FollowActor);
    app.update(castlist::action::Action::FocusPane(Pane::Reader));
}

// ---------------------------------------------------------------------------
// Drawing: the buffer, and a terminal emulator's screen.

use common::Sink;

/// Draws `app` through crossterm into bytes and returns ratatui's buffer and
/// the screen a terminal emulator shows after reading those bytes.
fn draw(app: &mut App, width: u16, height: u16) -> (Buffer, vt100::Parser) {
    let sink = Sink::default();
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
    let completed = terminal
        .draw(|frame| {
            app.update(Msg::Resize(frame.area()));
            castlist::ui::render(app, frame);
        })
        .unwrap();
    let buffer = completed.buffer.clone();
    let mut parser = vt100::Parser::new(height, width, 0);
    parser.process(&sink.bytes());
    (buffer, parser)
}

const VERTICAL: &[&str] = &["│", "┃", "║", "█", "▐", "▌"];
const HORIZONTAL: &[&str] = &["─", "━", "═"];

/// Every pane's border cells hold border symbols, in the buffer and on the
/// emulator's screen.
fn assert_borders(app: &App, buf: &Buffer, vt: &vt100::Parser, what: &str) {
    let screen = vt.screen();
    let panes = [
        app.screen().articles,
        app.screen().reader,
        app.screen().cast,
    ];
    for r in panes.into_iter().flatten() {
        let (left, right) = (r.x, r.x + r.width - 1);
        for y in r.y + 1..r.y + r.height - 1 {
            for x in [left, right] {
                let b = buf[(x, y)].symbol();
                let v = screen
                    .cell(y, x)
                    .map(|c| c.contents().to_string())
                    .unwrap_or_default();
                assert!(VERTICAL.contains(&b), "{what}: buffer ({x},{y}) is {b:?}");
                assert!(
                    VERTICAL.contains(&v.as_str()),
                    "{what}: terminal ({x},{y}) is {v:?}\n{}",
                    screen.contents()
                );
            }
        }
        // The bottom edge, where no title is drawn in its middle.
        let bottom = r.y + r.height - 1;
        let x = r.x + 1;
        let v = screen.cell(bottom, x).map(|c| c.contents().to_string());
        assert!(
            HORIZONTAL.contains(&buf[(x, bottom)].symbol())
                && v.is_some_and(|v| HORIZONTAL.contains(&v.as_str())),
            "{what}: bottom border of {r:?}"
        );
    }
}

/// The reader's text rows: every row fits the width as drawn, and the margin
/// columns either side of the text stay blank.
fn assert_reader_fits(app: &App, buf: &Buffer, vt: &vt100::Parser, what: &str) {
    let Some(pane) = app.screen().reader else {
        return;
    };
    let text = castlist::app::geometry::reader_text(pane);
    let article = &app.corpus().articles[app.reader().article];
    for row in &app.reader().layout.rows {
        let t = app.reader().layout.text(row, article);
        assert!(
            sanitize::width(t) <= text.width as usize || t.graphemes(true).count() == 1,
            "{what}: row {t:?} wider than {}",
            text.width
        );
    }
    for y in text.y..text.y + text.height {
        for x in [text.x - 1, text.x + text.width] {
            let v = vt.screen().cell(y, x).map(|c| c.contents().to_string());
            assert_eq!(buf[(x, y)].symbol(), " ", "{what}: margin ({x},{y})");
            assert!(
                v.as_deref().is_none_or(|v| v.is_empty() || v == " "),
                "{what}: terminal margin ({x},{y}) holds {v:?}"
            );
        }
    }
}

/// The cells each visible hit should cover, from the layout and display widths.
fn expected_hit_cells(app: &App) -> BTreeSet<(u16, u16)> {
    let mut cells = BTreeSet::new();
    let Some(pane) = app.screen().reader else {
        return cells;
    };
    let text = castlist::app::geometry::reader_text(pane);
    let article = &app.corpus().articles[app.reader().article];
    let Some(target) = app.target() else {
        return cells;
    };
    let visible = app.reader().layout.rows.iter().enumerate();
    let visible = visible.skip(app.reader().scroll).take(text.height as usize);
    for (i, (_, row)) in visible.enumerate() {
        let RowSrc::Body(range) = &row.src else {
            continue;
        };
        // Hits are in document bytes: the body's start after the title.
        let shift = article.body_start();
        for hit in target.hits_known(app.reader().article).unwrap_or_default() {
            let hit = hit.start.saturating_sub(shift)..hit.end.saturating_sub(shift);
            let start = hit.start.max(range.start);
            let end = hit.end.min(range.end);
            if start >= end {
                continue;
            }
            let before = sanitize::width(&article.body()[range.start..start]);
            let width = sanitize::width(&article.body()[start..end]);
            for dx in before..before + width {
                if dx < text.width as usize {
                    cells.insert((text.x + dx as u16, text.y + i as u16));
                }
            }
        }
    }
    cells
}

/// The cells of the reader's text area that the emulator shows with a
/// background colour (a wide char's second column counts with its first).
fn highlighted_cells(app: &App, vt: &vt100::Parser) -> BTreeSet<(u16, u16)> {
    let mut cells = BTreeSet::new();
    let Some(pane) = app.screen().reader else {
        return cells;
    };
    let text = castlist::app::geometry::reader_text(pane);
    let screen = vt.screen();
    for y in text.y..text.y + text.height {
        let mut lit = false;
        for x in text.x..text.x + text.width {
            let Some(cell) = screen.cell(y, x) else {
                continue;
            };
            if !cell.is_wide_continuation() {
                lit = cell.bgcolor() != vt100::Color::Default;
            }
            if lit {
                cells.insert((x, y));
            }
        }
    }
    cells
}

const SIZES: &[(u16, u16)] = &[
    (20, 8),
    (31, 12),
    (50, 16),
    (72, 20),
    (80, 24),
    (101, 30),
    (133, 24),
    (160, 45),
];

#[test]
fn borders_stay_in_their_columns_with_wide_text_everywhere() {
    let mut app = app();
    for (w, h) in SIZES.iter().copied() {
        for focus in [Pane::Articles, Pane::Reader, Pane::Cast] {
            app.update(castlist::action::Action::FocusPane(focus));
            for article in 0..ARTICLES.len() {
                app.update(castlist::action::Action::FocusPane(Pane::Articles));
                app.update(Action::Top);
                for _ in 0..article {
                    app.update(Action::Down);
                }
                app.update(castlist::action::Action::FocusPane(focus));
                let what = format!("{w}×{h}, article {article}, {focus:?}");
                let (buf, vt) = draw(&mut app, w, h);
                assert_borders(&app, &buf, &vt, &what);
                assert_reader_fits(&app, &buf, &vt, &what);
            }
        }
    }
}

#[test]
fn highlighted_mentions_cover_exactly_their_cells() {
    for (_, name, _) in ACTORS {
        for (w, h) in SIZES.iter().copied() {
            let mut app = app();
            // Follow at the size drawn: a resize keeps the top line, not the mention.
            app.update(Msg::Resize(Rect::new(0, 0, w, h)));
            follow(&mut app, name);
            let hits = app.target().unwrap().total();
            assert!(hits > 0, "{name} has mentions");
            // Visit every mention: the reader scrolls and changes article.
            for n in 0..hits {
                let what = format!("{name} mention {n} at {w}×{h}");
                let (buf, vt) = draw(&mut app, w, h);
                assert_borders(&app, &buf, &vt, &what);
                assert_reader_fits(&app, &buf, &vt, &what);
                let expected = expected_hit_cells(&app);
                assert!(
                    !expected.is_empty() || app.screen().reader.is_none(),
                    "{what}: the current mention is on screen\n{}\nscroll {}, rows {:?}, target {:?}",
                    vt.screen().contents(),
                    app.reader().scroll,
                    app.reader().layout.rows,
                    app.target()
                );
                assert_eq!(
                    highlighted_cells(&app, &vt),
                    expected,
                    "{what}\n{}",
                    vt.screen().contents()
                );
                app.update(Action::NextMatch);
            }
        }
    }
}

#[test]
fn wrapping_counts_columns_not_chars() {
    // 東京 is two chars and four columns: at a text width of 10 a row holds at
    // most five CJK chars, and a row of ASCII holds ten.
    let app = app();
    for width in [2usize, 3, 5, 10, 17, 40] {
        for article in &app.corpus().articles {
            let layout = castlist::reader::Layout::new(article, width);
            for row in &layout.rows {
                let t = layout.text(row, article);
                // A single grapheme wider than the width cannot be broken.
                if t.graphemes(true).count() == 1 {
                    continue;
                }
                assert!(
                    sanitize::width(t) <= width,
                    "{t:?} is {} columns, wider than {width}",
                    sanitize::width(t)
                );
            }
        }
    }
    let cjk = &app.corpus().articles[0];
    let layout = castlist::reader::Layout::new(cjk, 10);
    let first_body = layout
        .rows
        .iter()
        .find(|r| matches!(r.src, RowSrc::Body(_)))
        .unwrap();
    let t = layout.text(first_body, cjk);
    assert_eq!(t.chars().count(), 5, "{t:?}");
    assert_eq!(sanitize::width(t), 10);
}

#[test]
fn the_common_fixture_passes_the_same_checks() {
    // The checks are not specific to wide text: plain ASCII passes them too.
    let mut app = common::app();
    for (w, h) in SIZES.iter().copied() {
        let (buf, vt) = draw(&mut app, w, h);
        assert_borders(&app, &buf, &vt, "common");
        assert_reader_fits(&app, &buf, &vt, "common");
    }
}
