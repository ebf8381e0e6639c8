//! Property tests — the CI-sized cousins of the cargo-fuzz targets in `fuzz/`:
//! the loaders, the cleaner, the actor engine, the wrapper and `App::update`
//! never panic on hostile input and keep their promises (the checks live in
//! `tests/invariants/mod.rs`, shared with the fuzz targets).
//!
//! Inputs are built from fragments chosen to hit the edges — escape sequences
//! cut anywhere, C0/C1 controls, entities with and without their semicolon,
//! multi-byte and wide chars, combining marks, bidi and zero-width chars, odd
//! whitespace — as well as from arbitrary strings and bytes. Case counts are
//! modest so the file runs in seconds; `PROPTEST_CASES=10000` digs deeper.

mod invariants;

use castlist::action::Action;
use castlist::app::App;
use castlist::cast::{Cast, Engine};
use castlist::corpus::{Article, Corpus, Origin, clean, text};
use castlist::keymap::Keymap;
use castlist::reader::Layout;
use proptest::prelude::*;
use ratatui::layout::Rect;

/// `n` cases, unless `PROPTEST_CASES` says otherwise.
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of text that have broken text handling somewhere before.
const FRAGMENTS: &[&str] = &[
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "the",
    "said",
    "Kerry",
    "John Kerry",
    "Mr. Lavrov",
    "U.S.",
    "al-Assad",
    "Russia",
    "ISIL",
    "NEW YORK",
    "Share",
    "Advertisement",
    "date 2016-09-28",
    "&amp;",
    "&#x27",
    "&#233;",
    "&#27;",
    "&#0;",
    "&#x202e;",
    "&",
    ";",
    "<b>",
    "</p>",
    "{",
    "}",
    "\"",
    ",",
    "[",
    "]",
    "#",
    "\u{1b}",
    "\u{1b}[",
    "\u{1b}[31m",
    "\u{1b}[B",
    "\u{1b}]",
    "\u{1b}]52;c;",
    "\u{1b}]0;t\u{7}",
    "\u{1b}\\",
    "\u{1b}P",
    "\u{7}",
    "\u{9b}",
    "\u{9c}",
    "\u{9d}",
    "\u{90}",
    "\u{7f}",
    "\u{0}",
    "\u{3}",
    "\u{2}",
    "é",
    "e\u{301}",
    "東京",
    "大阪",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "❤\u{fe0f}",
    "🇫🇷",
    "مرحبا",
    "لا",
    "שלום",
    "\u{5b4}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "İ",
    "ß",
    "ﬁ",
    "Ǆ",
    "\u{10ffff}",
    "\u{fffd}",
];

/// Text made of fragments (or, one time in four, any string at all).
fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(FRAGMENTS), 0..max)
            .prop_map(|parts| parts.concat()),
        1 => any::<String>(),
    ]
}

/// Bytes: hostile text, possibly with raw invalid bytes mixed in.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        hostile_text(80).prop_map(String::into_bytes),
        (
            hostile_text(40),
            any::<Vec<u8>>(),
            any::<prop::sample::Index>()
        )
            .prop_map(|(text, noise, at)| {
                let mut bytes = text.into_bytes();
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, noise);
                bytes
            }),
        // JSON- and CSV-shaped records with hostile fields.
        (hostile_text(20), hostile_text(40)).prop_map(|(t, b)| {
            format!(
                "{{\"title\": {:?}, \"content\": {:?}}}\n{{\"title\": \"x\"}}\n",
                t, b
            )
            .into_bytes()
        }),
        (hostile_text(20), hostile_text(40)).prop_map(|(t, b)| format!(
            "title,body\n\"{}\",\"{}\"\n",
            t.replace('"', "\"\""),
            b.replace('"', "\"\"")
        )
        .into_bytes()),
    ]
}

fn article_from(title: &str, body: &str) -> Article {
    Article::new(&clean::clean_inline(title), &clean::clean_body(body))
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn loaders_never_panic_and_yield_clean_articles(
        bytes in hostile_bytes(),
        format in 0..invariants::FORMATS.len(),
    ) {
        invariants::load(&bytes, invariants::FORMATS[format]);
    }

    #[test]
    fn cleaning_leaves_nothing_unsafe(raw in hostile_text(120)) {
        let body = clean::clean_body(&raw);
        invariants::check_safe(&body, true, "clean_body");
        for p in castlist::corpus::paragraphs(&body) {
            invariants::check_range(&body, &p, "paragraph");
        }
        invariants::check_safe(&clean::clean_inline(&raw), false, "clean_inline");
        if let Some(article) = text::parse_text(&raw, Origin::file("p.txt"), false) {
            invariants::check_article(&article);
        }
        if let Some(article) = text::parse_text(&raw, Origin::file("p.md"), true) {
            invariants::check_article(&article);
        }
    }

    #[test]
    fn cleaning_twice_changes_nothing_without_entities(raw in hostile_text(80)) {
        // A cleaned body is a fixed point: no half-removed escape sequence turns
        // into a new one. (Entities are the exception by nature: "&amp;lt;" is
        // "&lt;" once cleaned and "<" twice.)
        let once = clean::clean_body(&raw.replace('&', ""));
        let twice = clean::clean_body(&once);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn the_engine_finds_valid_mentions(raw in hostile_text(120)) {
        let engine = engine();
        invariants::check_doc(&raw, &engine.analyze(&raw));
        let body = clean::clean_body(&raw);
        invariants::check_doc(&body, &engine.analyze(&body));
    }

    #[test]
    fn the_quote_finder_keeps_its_spans_valid(
        raw in hostile_text(60),
        pieces in prop::collection::vec(prop::sample::select(QUOTE_FRAGMENTS), 0..40),
    ) {
        // Hostile text with quotation marks and cues strewn in, so that the
        // finder's every path runs on broken input.
        let mid = pieces.len() / 2;
        let text = format!("{}{raw}{}", pieces[..mid].concat(), pieces[mid..].concat());
        let engine = engine();
        let (doc, quotes) = engine.analyze_with_quotes(&text);
        invariants::check_doc(&text, &doc);
        invariants::check_quotes(&text, &doc, &quotes);
    }

    #[test]
    fn wrapping_keeps_every_char_within_the_width(
        title in hostile_text(20),
        body in hostile_text(120),
        width in 0usize..120,
        ranges in prop::collection::vec((0usize..2000, 0usize..2000), 0..8),
    ) {
        let article = article_from(&title, &body);
        let layout = Layout::new(&article, width);
        invariants::check_layout(&layout, &article, width);
        for (start, end) in ranges {
            let rows = layout.rows_of(start..end);
            prop_assert!(rows.start <= rows.end);
            if layout.row_of(0).is_some() {
                prop_assert!(rows.end <= layout.len());
            }
        }
    }
}

/// Pieces of attributions, marks and cues, for the quote finder.
const QUOTE_FRAGMENTS: &[&str] = &[
    "“",
    "”",
    "\"",
    "''",
    "‘",
    "’",
    "'",
    "«",
    "»",
    " said",
    " says",
    " told reporters",
    " according to",
    " he",
    " she",
    " I",
    " Kerry",
    " John Kerry",
    " the ministry",
    " the spokesman",
    ",",
    ".",
    ":",
    "\n",
    "\n\n",
    " that",
    " We will win",
    " é",
    "\u{1b}[31m",
];

/// One engine for all cases: loading its data once keeps the file fast.
fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(Engine::builtin)
}

/// A step of a random session.
#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Type(char),
    Resize(u16, u16),
    /// What the event loop does between keys: one slice of a search count
    /// (a zero budget counts one article).
    Work,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => prop::sample::select(&invariants::ACTIONS[..]).prop_map(Step::Act),
        1 => any::<char>().prop_map(Step::Type),
        1 => (1u16..=500, 1u16..=200).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (1u16..=30, 1u16..=10).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => Just(Step::Work),
    ]
}

fn app_of(texts: &[String]) -> App {
    let mut corpus = Corpus::default();
    for raw in texts {
        if let Some(a) = text::parse_text(raw, Origin::file("p.txt"), false) {
            corpus.push(a);
        }
    }
    let cast = Cast::build(engine(), &corpus.articles);
    App::new(corpus, cast, Keymap::builtin())
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn random_sessions_at_random_sizes_keep_the_app_consistent(
        texts in prop::collection::vec(hostile_text(150), 0..5),
        steps in prop::collection::vec(step(), 1..40),
        counts_later in any::<bool>(),
    ) {
        let mut app = app_of(&texts);
        if counts_later {
            // Every search count is left to `Work` steps, as on a corpus too
            // big to count in a keystroke: jumps wait for it.
            app = app.with_key_slice(std::time::Duration::ZERO);
        }
        let mut area = Rect::new(0, 0, 120, 40);
        for s in steps {
            match s {
                Step::Act(a) => {
                    // The quotes the view asks for, found as the shell's
                    // worker would and handed back.
                    for effect in app.update(a) {
                        if let castlist::app::Effect::FindQuotes(job) = effect {
                            let mut found = Vec::new();
                            castlist::app::quotes::find(engine(), job, |m| {
                                found.push(m);
                                true
                            });
                            for m in found {
                                app.update(m);
                            }
                        }
                    }
                }
                Step::Type(c) => {
                    app.update(Action::InsertChar(c));
                }
                Step::Resize(w, h) => area = Rect::new(0, 0, w, h),
                Step::Work => {
                    app.update(castlist::app::Msg::Tick(std::time::Duration::ZERO));
                }
            }
            invariants::draw(&mut app, area);
            invariants::check_app(&app);
        }
    }
}

#[test]
fn fuzz_crashes_stay_fixed() {
    // Every input a fuzz target crashed on, kept under
    // tests/fixtures/fuzz/<target>/ and named after its bug, replayed through
    // the same checks the target runs.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for target in ["load", "clean", "engine"] {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for file in dir {
            let path = file.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            match target {
                "load" => {
                    if let Some((&pick, bytes)) = data.split_first() {
                        let format =
                            invariants::FORMATS[usize::from(pick) % invariants::FORMATS.len()];
                        invariants::load(bytes, format);
                    }
                }
                _ => {
                    let raw = String::from_utf8_lossy(&data);
                    let body = clean::clean_body(&raw);
                    invariants::check_safe(&body, true, "clean_body");
                    let (doc, quotes) = engine().analyze_with_quotes(&raw);
                    invariants::check_doc(&raw, &doc);
                    invariants::check_quotes(&raw, &doc, &quotes);
                }
            }
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no fuzz regressions found under {}",
        root.display()
    );
}

#[test]
fn every_size_from_one_by_one_draws() {
    // Not random: every width and height up to 80×30 once, over a corpus with
    // names to follow, so that tiny sizes are all visited in CI.
    let mut app = app_of(&[
        "Kerry meets Lavrov\n\nJohn Kerry met Sergey Lavrov in Geneva. Kerry said so.".into(),
        "東京 report\n\n東京 and 大阪 with 😀 and مرحبا and John Kerry again.".into(),
    ]);
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    app.update(Action::FollowActor);
    for w in 1..=80 {
        for h in 1..=30 {
            invariants::draw(&mut app, Rect::new(0, 0, w, h));
            invariants::check_app(&app);
        }
    }
}
