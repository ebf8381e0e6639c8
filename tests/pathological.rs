//! Pathological but legal inputs finish in time proportional to their size: a
//! line without spaces, a long run of capitalised words, one actor mentioned
//! over and over, deeply nested HTML, one huge JSON line. Each goes through the
//! whole pipeline — loader and cleaner, actor engine, cast, reader layout, and
//! the app following the actor and drawing a frame.
//!
//! Wall-clock limits flake on a shared machine, so nothing here asserts a
//! duration. Each case runs at a size and at four times that size (best of
//! three runs each; the size grows first until a run takes long enough to
//! measure) and asserts that the bigger run took less than ten times as long:
//! linear work takes four times as long, quadratic work sixteen. The
//! CI sizes run in seconds in a debug build; the full sizes named in the issue
//! (10 MB line, 100,000 capitalised words, 1,000,000 mentions, 50 MB JSON line)
//! run with `cargo test --release --test pathological -- --ignored --nocapture`,
//! which prints their figures.

use castlist::app::Msg;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use castlist::action::Action;
use castlist::app::{App, Pane, Scope};
use castlist::cast::{Cast, Engine};
use castlist::corpus::load::{Emitter, read_text};
use castlist::corpus::{Corpus, Format, LoadOptions, Loaded};
use castlist::keymap::Keymap;
use castlist::reader::Layout;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// One pathological input: a file's bytes and the format it is read as.
struct Case {
    bytes: Vec<u8>,
    format: Format,
}

/// Loads, analyses, lays out and shows `case`; returns how many articles came out.
fn pipeline(case: &Case, engine: &Engine) -> usize {
    let mut corpus = Corpus::default();
    let mut sink = |item: Loaded| {
        if let Loaded::Article(a) = item {
            corpus.push(a);
        }
        ControlFlow::Continue(())
    };
    let mut out = Emitter::new("pathological", &mut sink);
    let _ = read_text(&case.bytes, case.format, &LoadOptions::default(), &mut out);
    let articles = corpus.articles.len();
    for article in &corpus.articles {
        let _ = Layout::new(article, 80);
    }
    let cast = Cast::build(engine, &corpus.articles);
    let mut app = App::new(corpus, cast, Keymap::builtin());
    let area = Rect::new(0, 0, 160, 45);
    app.update(Msg::Resize(area));
    // Follow the most mentioned actor, step through a few mentions, go to the end.
    if app.cast_view().scope != Scope::Corpus {
        app.update(castlist::action::Action::ToggleCastScope);
    }
    app.update(Action::ToggleCastScope);
    app.update(Action::ToggleCastScope);
    app.update(castlist::action::Action::FocusPane(Pane::Cast));
    app.update(Action::FollowActor);
    for action in [Action::NextMatch, Action::NextMatch, Action::PrevMatch] {
        app.update(action);
    }
    app.update(castlist::action::Action::FocusPane(Pane::Reader));
    app.update(Action::Bottom);
    app.update(Msg::Resize(area));
    let mut buf = Buffer::empty(area);
    castlist::ui::draw(&app, area, &mut buf);
    articles
}

fn best_of_three(case: &Case, engine: &Engine) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(pipeline(case, engine));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Asserts that `make(4n)` costs less than ten times `make(n)`. `n` is doubled
/// (up to 64 times, and to 8 MB) until the smaller run takes long enough for its time to
/// mean something, so the same test judges a debug and a release build.
fn assert_linear(name: &str, n: usize, make: impl Fn(usize) -> Case) {
    const MEANINGFUL: Duration = Duration::from_millis(40);
    let engine = Engine::builtin();
    let mut n = n;
    let mut small = make(n);
    // Warm up (first-touch allocation, lazily built tables).
    pipeline(&small, &engine);
    let mut t1 = best_of_three(&small, &engine);
    for _ in 0..6 {
        // Past 8 MB a fast stage is fast: memory, not time, would be tested.
        if t1 >= MEANINGFUL || small.bytes.len() > 8 << 20 {
            break;
        }
        n *= 2;
        small = make(n);
        t1 = best_of_three(&small, &engine);
    }
    let big = make(4 * n);
    let t4 = best_of_three(&big, &engine);
    let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    eprintln!(
        "{name}: {} bytes {:.1} ms, {} bytes {:.1} ms, ratio {ratio:.1}",
        small.bytes.len(),
        t1.as_secs_f64() * 1e3,
        big.bytes.len(),
        t4.as_secs_f64() * 1e3
    );
    // A run that stays this fast even at 64 times the size is not judged.
    assert!(
        ratio < 10.0 || t4 < MEANINGFUL,
        "{name}: 4× the input took {ratio:.1}× the time ({t1:?} → {t4:?}): worse than linear"
    );
}

// ---------------------------------------------------------------------------
// The inputs.

fn text(body: String) -> Case {
    Case {
        bytes: format!("A pathological article\n\n{body}\n").into_bytes(),
        format: Format::Text,
    }
}

/// One line of `n` bytes without a space (a base64 blob, a run-on URL).
fn long_line(n: usize) -> Case {
    let line: String = (0..n).map(|i| (b'a' + (i % 26) as u8) as char).collect();
    text(line)
}

/// `n` capitalised words in a row, no punctuation: one endless "name".
fn capitalised_words(n: usize) -> Case {
    const WORDS: [&str; 12] = [
        "John", "Kerry", "Sergey", "Lavrov", "Moscow", "United", "States", "Aleppo", "Geneva",
        "Bashar", "Syria", "Council",
    ];
    let body: Vec<&str> = (0..n)
        .map(|i| WORDS[(i * 7 + i / 12) % WORDS.len()])
        .collect();
    text(body.join(" "))
}

/// `n` mentions of one actor, as sentences in paragraphs of fifty.
fn many_mentions(n: usize) -> Case {
    let mut body = String::from("Secretary of State John Kerry arrived. ");
    for i in 0..n {
        body.push_str("Kerry said. ");
        if i % 50 == 49 {
            body.push_str("\n\n");
        }
    }
    text(body)
}

/// HTML nested `n` levels deep around a short text.
fn nested_html(n: usize) -> Case {
    let mut html = String::from("<html><head><title>Deep</title></head><body>");
    for _ in 0..n {
        html.push_str("<div><span>");
    }
    html.push_str("John Kerry met Sergey Lavrov.");
    for _ in 0..n {
        html.push_str("</span></div>");
    }
    html.push_str("</body></html>");
    Case {
        bytes: html.into_bytes(),
        format: Format::Html,
    }
}

/// One JSON Lines record of about `n` bytes, its body one long field.
fn json_line(n: usize) -> Case {
    let words = "John Kerry met Sergey Lavrov in Geneva on Friday. ";
    let body = words.repeat(n / words.len() + 1);
    let line = format!("{{\"title\": \"One long line\", \"content\": \"{body}\"}}\n");
    Case {
        bytes: line.into_bytes(),
        format: Format::JsonLines,
    }
}

// ---------------------------------------------------------------------------
// CI sizes: seconds in a debug build.

#[test]
fn a_line_without_spaces_scales_linearly() {
    assert_linear("long line", 100_000, long_line);
}

#[test]
fn consecutive_capitalised_words_scale_linearly() {
    assert_linear("capitalised words", 5_000, capitalised_words);
}

#[test]
fn many_mentions_of_one_actor_scale_linearly() {
    assert_linear("mentions", 10_000, many_mentions);
}

#[test]
fn deeply_nested_html_scales_linearly() {
    assert_linear("nested html", 2_000, nested_html);
}

#[test]
fn one_long_json_line_scales_linearly() {
    assert_linear("json line", 500_000, json_line);
}

#[test]
fn the_long_line_is_wrapped_and_shown_whole() {
    // Not just fast: a line without spaces is broken at the width, not lost.
    let case = long_line(50_000);
    let mut found = Vec::new();
    let mut sink = |item: Loaded| {
        if let Loaded::Article(a) = item {
            found.push(a);
        }
        ControlFlow::Continue(())
    };
    let mut out = Emitter::new("long", &mut sink);
    let _ = read_text(&case.bytes, case.format, &LoadOptions::default(), &mut out);
    let article = &found[0];
    let layout = Layout::new(article, 80);
    let body_rows = layout
        .rows
        .iter()
        .filter(|r| matches!(r.src, castlist::reader::RowSrc::Body(_)))
        .count();
    assert_eq!(body_rows, 50_000 / 80);
}

// ---------------------------------------------------------------------------
// Full sizes, for a release run.

#[test]
#[ignore = "full-size inputs: run in release with --ignored --nocapture"]
fn full_sizes() {
    let engine = Engine::builtin();
    let cases: [(&str, Case); 5] = [
        ("10 MB line without spaces", long_line(10 << 20)),
        ("100,000 capitalised words", capitalised_words(100_000)),
        ("1,000,000 mentions of one actor", many_mentions(1_000_000)),
        ("HTML nested 10,000 deep", nested_html(10_000)),
        ("50 MB JSON line", json_line(50 << 20)),
    ];
    for (name, case) in &cases {
        let start = Instant::now();
        let articles = pipeline(case, &engine);
        eprintln!(
            "{name}: {:.1} MB, {articles} article(s), {:.2} s",
            case.bytes.len() as f64 / (1 << 20) as f64,
            start.elapsed().as_secs_f64()
        );
    }
    assert_linear("long line (release)", 2 << 20, long_line);
    assert_linear("capitalised words (release)", 25_000, capitalised_words);
    assert_linear("mentions (release)", 250_000, many_mentions);
    assert_linear("nested html (release)", 10_000, nested_html);
    assert_linear("json line (release)", 12 << 20, json_line);
}
