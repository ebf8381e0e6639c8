//! Scale: the jump to the next mention of an actor with 50,000 mentions, the
//! time from starting an index of 10,000 files to the first frame drawn, and a
//! complete index of 10,000 synthetic articles (54 MB of JSON Lines) through
//! the same pipeline the reader uses.
//!
//! Run: `cargo bench --bench index`. Targets: jump ≤ 1 ms; first frame ≤ 200 ms;
//! the complete index at 35 MB/s or better (100,000 articles in 15 s).
//! Whole-process figures at 100,000 articles (index time, frame times while
//! indexing, peak memory) come from `examples/index.rs`; see the README.

#[path = "support/synth.rs"]
mod synth;

use castlist::app::Msg;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use castlist::action::Action;
use castlist::app::{App, Pane};
use castlist::cast::{Cast, DocActors, DocMention, Engine, Form, Kind};
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::index::{Event, Indexer};
use castlist::keymap::Keymap;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// 10,000 articles in which one actor ("Kerry") has 5 mentions each.
fn app_with_50k_mentions() -> App {
    let corpus: Corpus = synth::corpus(10_000, 1_500);
    let mut cast = Cast::default();
    for article in &corpus.articles {
        let mut doc = DocActors::default();
        doc.add_entity("John Kerry", Kind::Person, "john kerry");
        let body = article.body();
        // Five evenly spread words stand in for mentions.
        let spaces: Vec<usize> = body.match_indices(' ').map(|(i, _)| i).collect();
        for k in 0..5 {
            let i = spaces.len() * k / 5;
            if let (Some(&a), Some(&b)) = (spaces.get(i), spaces.get(i + 1)) {
                // Mentions are document bytes: the body starts after the title.
                let shift = article.body_start();
                doc.mentions.push(DocMention {
                    start: shift + a + 1,
                    end: shift + b,
                    entity: 0,
                    form: Form::Name,
                    uncertain: false,
                });
            }
        }
        cast.add(article.id(), article, &doc);
    }
    let mut app = App::new(corpus, cast, Keymap::builtin());
    app.update(castlist::action::Action::FocusPane(Pane::Cast));
    app.update(Action::FollowActor);
    app
}

#[divan::bench]
fn next_mention_of_50k(bencher: Bencher) {
    let mut app = app_with_50k_mentions();
    assert!(app.target().is_some_and(|t| t.total() >= 49_000));
    bencher.bench_local(|| app.update(Action::NextMatch));
}

#[divan::bench]
fn prev_mention_of_50k(bencher: Bencher) {
    let mut app = app_with_50k_mentions();
    bencher.bench_local(|| app.update(Action::PrevMatch));
}

/// A folder of 10,000 small text files, written once.
static FOLDER: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (i, article) in synth::corpus(10_000, 3_000).articles.iter().enumerate() {
        let path = dir.path().join(format!("{i:05}.txt"));
        std::fs::write(path, format!("{}\n\n{}", article.title(), article.body()))
            .expect("writable temp folder");
    }
    dir
});

/// 10,000 synthetic articles as one JSON Lines file, written once.
static JSONL: LazyLock<tempfile::NamedTempFile> = LazyLock::new(|| {
    use std::io::Write;
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        for i in 0..10_000 {
            writeln!(out, "{}", synth::json_line(i, 5_000)).expect("writable temp file");
        }
    }
    file
});

#[divan::bench(sample_count = 5, sample_size = 1)]
fn complete_index_of_10k_jsonl(bencher: Bencher) {
    let path = JSONL.path().to_path_buf();
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    let engine = Arc::new(Engine::builtin());
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench_local(|| {
            let discovery = corpus::discover(std::slice::from_ref(&path)).unwrap();
            let mut indexer =
                Indexer::spawn(discovery, LoadOptions::default(), Arc::clone(&engine));
            let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
            // The event loop's part: absorb each batch as it comes.
            while !indexer.is_done() {
                indexer.drain(Duration::from_millis(6), |event| {
                    app.update(Msg::Indexed(event));
                });
                if let Some(event) = indexer.wait(Duration::from_millis(5)) {
                    app.update(Msg::Indexed(event));
                }
            }
            app.update(Msg::Refresh);
            assert_eq!(app.awaiting_actors(), 0);
            app.corpus().articles.len()
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn first_frame_of_10k_files(bencher: Bencher) {
    let folder = FOLDER.path().to_path_buf();
    let engine = Arc::new(Engine::builtin());
    bencher.bench_local(|| {
        let discovery = corpus::discover(std::slice::from_ref(&folder)).unwrap();
        let mut indexer = Indexer::spawn(discovery, LoadOptions::default(), Arc::clone(&engine));
        let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
        while app.corpus().articles.is_empty() {
            if let Some(event) = indexer.wait(Duration::from_millis(5)) {
                let done = matches!(event, Event::Done);
                app.update(Msg::Indexed(event));
                if done {
                    break;
                }
            }
        }
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
        terminal
            .draw(|f| {
                app.update(Msg::Resize(f.area()));
                castlist::ui::render(&app, f);
            })
            .unwrap();
        indexer.stop();
        app.corpus().articles.len()
    });
}
