//! Pathological but legal inputs finish in time proportional to their size: a
//! line without spaces, a long run of capitalised words, an article of
//! distinct names, one actor mentioned
//! over and over, deeply nested HTML, a tag with a huge number of attributes,
//! one huge JSON line, a folder thousands deep. Each goes through the
//! whole pipeline — loader and cleaner, actor engine, cast, reader layout, and
//! the app following the actor and drawing a frame.
//!
//! Wall-clock limits flake on a shared machine, so nothing here asserts a
//! duration. Each case runs at a size and at four times that size (best of
//! three runs each; the size grows first until a run takes long enough to
//! measure) and asserts that the bigger run took less than ten times as long:
//! linear work takes four times as long, quadratic work sixteen. The
//! CI sizes run in seconds in a debug build; the full sizes named in the issue
//! (10 MB line, 100,000 capitalised words, 1,000,000 mentions, 50 MB JSON line,
//! one tag with 400,000 attributes)
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
    let mut t4 = best_of_three(&big, &engine);
    // On a loaded machine one slow spell can land on either run: a ratio that
    // looks superlinear is measured again, both sizes, and the fastest of each
    // kept. A really superlinear stage (16× for 4× the input) stays far over.
    // Up to five times: at a load of 8 on two cores, two were once not enough
    // (ratio 10.6; 4.0 alone).
    for _ in 0..5 {
        if t4.as_secs_f64() / t1.as_secs_f64().max(1e-6) < 10.0 {
            break;
        }
        t1 = t1.min(best_of_three(&small, &engine));
        t4 = t4.min(best_of_three(&big, &engine));
    }
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

/// `n` sentences each naming two people no other sentence names: one
/// article of distinct random names (which resolution once compared pairwise:
/// 0.25 MB took 1.9 s, 2 MB 105 s).
fn distinct_names(n: usize) -> Case {
    const LETTERS: &[u8] = b"bcdfghklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    // A pronounceable, distinct word for each number, capitalised.
    let word = |mut i: usize, salt: usize| {
        let mut w = String::new();
        i = i * 7919 + salt;
        for k in 0..4 {
            let c = LETTERS[(i >> (4 * k)) % LETTERS.len()] as char;
            let v = VOWELS[(i >> (4 * k + 2)) % VOWELS.len()] as char;
            w.push(if k == 0 { c.to_ascii_uppercase() } else { c });
            w.push(v);
        }
        w.push_str(
            &format!("{}", i % 97)
                .chars()
                .map(|d| (b'a' + d as u8 - b'0') as char)
                .collect::<String>(),
        );
        w
    };
    let mut body = String::new();
    for i in 0..n {
        body.push_str(&format!(
            "{} {} met {} {} on Monday. ",
            word(i, 1),
            word(i, 2),
            word(i, 3),
            word(i, 4)
        ));
        if i % 40 == 39 {
            body.push_str("\n\n");
        }
    }
    text(body)
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

/// `n` mentions of one actor on a single line: no line break after the first
/// line, so the title line's end was searched for through the whole text once
/// per mention.
fn mentions_on_one_line(n: usize) -> Case {
    let mut body = String::from("Secretary of State John Kerry arrived");
    for _ in 0..n {
        body.push_str(", Kerry said, and");
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

/// A page whose one tag carries `n` attributes.
fn many_attributes(n: usize) -> Case {
    let mut html = String::from("<html><head><title>Attributes</title></head><body><div");
    for i in 0..n {
        html.push_str(&format!(" data-a{i}=\"{i}\""));
    }
    html.push_str(">John Kerry met Sergey Lavrov.</div></body></html>");
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
fn an_article_of_distinct_names_was_resolved_in_quadratic_time() {
    assert_linear("distinct names", 1_000, distinct_names);
}

#[test]
fn many_mentions_of_one_actor_scale_linearly() {
    assert_linear("mentions", 10_000, many_mentions);
}

#[test]
fn mentions_on_one_line_were_resolved_in_quadratic_time() {
    assert_linear("mentions on one line", 10_000, mentions_on_one_line);
}

#[test]
fn deeply_nested_html_scales_linearly() {
    assert_linear("nested html", 2_000, nested_html);
}

#[test]
fn a_tag_with_many_attributes_scales_linearly() {
    // Regression: html5ever compares each attribute with all before it:
    // 100,000 attributes took 2.6 s, 400,000 took 46 s.
    assert_linear("attributes", 20_000, many_attributes);
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
    let cases: [(&str, Case); 7] = [
        ("2 MB of distinct names", distinct_names(40_000)),
        ("10 MB line without spaces", long_line(10 << 20)),
        ("100,000 capitalised words", capitalised_words(100_000)),
        ("1,000,000 mentions of one actor", many_mentions(1_000_000)),
        ("HTML nested 10,000 deep", nested_html(10_000)),
        ("50 MB JSON line", json_line(50 << 20)),
        ("one tag with 400,000 attributes", many_attributes(400_000)),
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
    assert_linear("distinct names (release)", 10_000, distinct_names);
    assert_linear("nested html (release)", 10_000, nested_html);
    assert_linear("json line (release)", 12 << 20, json_line);
    assert_linear("attributes (release)", 100_000, many_attributes);
}

// ---------------------------------------------------------------------------
// Shapes of the file system and of markup.

/// A folder `depth` levels deep (one-letter names) with one article at the
/// bottom.
fn deep_folder(depth: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut path = dir.path().to_path_buf();
    for _ in 0..depth {
        path.push("d");
    }
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(
        path.join("a.txt"),
        "Deep\n\nJohn Kerry met Sergey Lavrov.\n",
    )
    .unwrap();
    dir
}

/// Walks `dir`; returns the files found.
fn walk_and_load(dir: &std::path::Path) -> usize {
    let mut found = 0;
    castlist::corpus::walk::walk(&[dir.to_path_buf()], &mut |_| {
        found += 1;
        ControlFlow::Continue(())
    })
    .expect("a folder that can be walked");
    found
}

#[test]
fn deep_folders_walked_in_cubic_time() {
    // Regression: every folder's canonical path cost a readlink per component,
    // cubic in the depth: 1,000 deep took 10 s, 2,000 deep 138 s. Paths stop
    // at 4,096 bytes, so the sizes are fixed rather than grown.
    let (small, big) = (deep_folder(400), deep_folder(1_600));
    let time = |dir: &std::path::Path| {
        (0..5)
            .map(|_| {
                let start = Instant::now();
                assert_eq!(walk_and_load(dir), 1);
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let (mut t1, mut t4) = (time(small.path()), time(big.path()));
    // As `assert_linear` does: a ratio that looks superlinear on a loaded
    // machine is measured again, both depths, keeping the fastest of each
    // (cubic walking, 64× for 4× the depth, stays far over).
    for _ in 0..2 {
        if t4.as_secs_f64() / t1.as_secs_f64().max(1e-6) < 10.0 {
            break;
        }
        t1 = t1.min(time(small.path()));
        t4 = t4.min(time(big.path()));
    }
    let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    eprintln!("deep folders: 400 {t1:?}, 1,600 {t4:?}, ratio {ratio:.1}");
    assert!(
        ratio < 10.0 || t4 < Duration::from_millis(40),
        "4× the depth took {ratio:.1}× the time ({t1:?} → {t4:?}): worse than linear"
    );
}

// ---------------------------------------------------------------------------
// Memory: what a command holds grows with what it must keep, not with the
// bytes read. Each case runs the real binary on an input and on four times
// that input and compares the growth of its peak resident memory with the
// growth of the input (the constant part, the engine's tables, drops out).
// Exact figures at full size come from `examples/overhead.rs` and the
// README's commands.

/// Peak resident memory (VmHWM) of `castlist ARGS` reading `stdin`, sampled
/// from /proc while it runs; `None` where /proc is not there.
fn peak_memory(args: &[&str], stdin: &std::path::Path) -> Option<u64> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_castlist"))
        .args(args)
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("castlist-no-config"),
        )
        .stdin(std::fs::File::open(stdin).ok()?)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let status = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = Some(peak.unwrap_or(0).max(kb * 1024));
        }
        if child.try_wait().ok()?.is_some() {
            return peak;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// A JSON Lines file of `n` news-like articles (about 1.3 KB, a name or two
/// a sentence in a few sentences), or with `names` false of lower-case text
/// only.
fn articles_file(dir: &std::path::Path, n: usize, names: bool) -> (std::path::PathBuf, u64) {
    let path = dir.join(format!("articles-{n}-{names}.jsonl"));
    let mut out = String::new();
    for i in 0..n {
        let text = if names {
            format!(
                "Secretary of State John Kerry met Sergey Lavrov in Geneva on day {i}. \
                 the talks went on late into the night without any result worth a line. \
                 officials said little, and the reporters waiting outside heard less. \
                 Kerry said the talks with Russia would go on. \
                 the delegations left before dawn, and nobody would say when they would meet. \
                 the next round is expected in the spring, if it happens at all. "
            )
            .repeat(3)
        } else {
            format!("the talks went on late into the night without any result on day {i}. ")
                .repeat(16)
        };
        out.push_str(&format!(
            "{{\"id\": {i}, \"title\": \"Story {i}\", \"text\": \"{text}\"}}\n"
        ));
    }
    std::fs::write(&path, &out).unwrap();
    (path, out.len() as u64)
}

/// Asserts that 4× the input grows peak memory by at most `per_byte` times
/// the extra input.
fn assert_memory_growth(
    name: &str,
    per_byte: f64,
    args: &[&str],
    small: (&std::path::Path, u64),
    big: (&std::path::Path, u64),
) {
    let with_path = |path: &std::path::Path| {
        let mut full: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        if !args.contains(&"tag") {
            full.push(path.display().to_string());
        }
        full
    };
    let run = |path: &std::path::Path| {
        let args = with_path(path);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        peak_memory(&args, path)
    };
    let (Some(m1), Some(m4)) = (run(small.0), run(big.0)) else {
        eprintln!("{name}: no /proc here; not measured");
        return;
    };
    let growth = m4.saturating_sub(m1) as f64 / (big.1 - small.1) as f64;
    eprintln!(
        "{name}: {} MB → peak {} MB; {} MB → peak {} MB; {growth:.2} bytes of memory per extra input byte",
        small.1 >> 20,
        m1 >> 20,
        big.1 >> 20,
        m4 >> 20
    );
    assert!(
        growth <= per_byte,
        "{name}: memory grew {growth:.2} bytes per input byte (limit {per_byte})"
    );
}

#[test]
fn commands_held_the_whole_corpus_in_memory() {
    // Regression: `castlist actors` on a 277 MB JSON Lines file peaked at
    // 1,345 MB; `articles` held every article; `tag` read all its input
    // before the first document (100 MB of text: 1.7 GB).
    let dir = tempfile::tempdir().unwrap();
    // Past the indexer's window (a few MB in flight) at both sizes.
    let (news1, news1_len) = articles_file(dir.path(), 3_000, true);
    let (news4, news4_len) = articles_file(dir.path(), 12_000, true);
    let (plain1, plain1_len) = articles_file(dir.path(), 2_000, false);
    let (plain4, plain4_len) = articles_file(dir.path(), 8_000, false);
    fn news(p: &std::path::Path, l: u64) -> (&std::path::Path, u64) {
        (p, l)
    }
    // The listing keeps nothing but a hash an article.
    assert_memory_growth(
        "articles",
        0.5,
        &["articles"],
        news(&news1, news1_len),
        news(&news4, news4_len),
    );
    // The cast grows with the mentions, well under the text.
    assert_memory_growth(
        "actors",
        1.5,
        &["actors"],
        news(&news1, news1_len),
        news(&news4, news4_len),
    );
    // Text without names: tagging keeps nothing of it.
    assert_memory_growth(
        "tag --jsonl",
        0.5,
        &["tag", "--jsonl"],
        news(&plain1, plain1_len),
        news(&plain4, plain4_len),
    );
    // Plain text in paragraphs, tagged a piece at a time.
    let text = |n: usize| {
        let path = dir.path().join(format!("plain-{n}.txt"));
        let paragraph = "the talks went on late into the night without any result worth a line, \
                         and the officials said little.\n\n";
        let body = paragraph.repeat(n / paragraph.len());
        std::fs::write(&path, &body).unwrap();
        (path, body.len() as u64)
    };
    let (text1, text1_len) = text(4 << 20);
    let (text4, text4_len) = text(16 << 20);
    assert_memory_growth(
        "tag",
        0.5,
        &["tag"],
        news(&text1, text1_len),
        news(&text4, text4_len),
    );
}
