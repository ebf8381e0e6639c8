//! Loader tests over small fixtures written for them (tests/fixtures) and over
//! files made at run time for the kinds of breakage that cannot be checked in
//! (symbolic-link loops, unreadable bytes).

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use castlist::corpus::{self, Corpus, LoadError, LoadOptions, Loaded};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn load(paths: &[PathBuf]) -> Corpus {
    corpus::load_paths(paths, &LoadOptions::default()).expect("the fixtures load")
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title()).collect()
}

fn file_name(origin_path: &str) -> &str {
    origin_path.rsplit('/').next().unwrap_or(origin_path)
}

#[test]
fn folder_is_walked_recursively_in_natural_order_skipping_hidden_entries() {
    let corpus = load(&[fixture("text")]);
    assert_eq!(
        titles(&corpus),
        vec![
            "Extensionless article",
            "First article",
            "Notes from Aleppo",
            "Second nested",
            "Dated piece",
        ]
    );
    let ids: Vec<usize> = corpus.articles.iter().map(|a| a.id()).collect();
    assert_eq!(ids, vec![0, 1, 2, 3, 4]);
    // picture.png is another type of file: skipped, and said once.
    assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
    assert!(
        corpus.warnings[0]
            .message
            .contains("1 file(s) of other types")
    );
}

#[test]
fn text_fixture_bodies_titles_and_dates() {
    let corpus = load(&[fixture("text")]);
    let first = &corpus.articles[1];
    assert_eq!(
        first.body(),
        "It has one paragraph wrapped over two lines.\n\nAnd a second one."
    );
    assert_eq!(first.paragraphs().collect::<Vec<_>>(), vec![0..44, 46..63]);
    assert_eq!(file_name(&first.origin.path), "a.txt");
    assert_eq!(first.origin.line(), None);
    let md = &corpus.articles[2];
    assert_eq!(md.body(), "The convoy arrived on Monday.");
    let dated = &corpus.articles[4];
    assert_eq!(
        dated.date().map(|d| d.date().to_string()).as_deref(),
        Some("2016-09-28")
    );
    assert_eq!(dated.body(), "Body text here.");
}

#[test]
fn nonexistent_path_is_an_error_naming_it() {
    let missing = fixture("no/such/place");
    let err = corpus::load_paths(&[fixture("text"), missing.clone()], &LoadOptions::default())
        .expect_err("a missing path is an error");
    assert!(matches!(err, LoadError::NotFound { .. }));
    let message = err.to_string();
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    assert!(!message.contains('\n'));
}

#[test]
fn folder_without_articles_is_an_error_saying_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    std::fs::write(dir.path().join("blob.txt"), b"\x00\x01\x02binary").expect("write");
    let err = corpus::load_paths(&[dir.path().to_path_buf()], &LoadOptions::default())
        .expect_err("nothing loads");
    let message = err.to_string();
    assert!(message.starts_with("no readable article in "), "{message}");
    assert!(message.contains("empty file"), "{message}");
    assert!(message.contains("binary file"), "{message}");
    assert!(!message.contains('\n'));
}

#[test]
fn broken_files_are_skipped_or_repaired_with_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    std::fs::write(p.join("1.txt"), "").expect("write");
    std::fs::write(p.join("2.txt"), b"PK\x03\x04\x00\x00zip").expect("write");
    std::fs::write(p.join("3.txt"), b"Price rise\n\nIt cost \xA3600m.\n").expect("write");
    std::fs::write(p.join("4.txt"), "Good\n\nFine.").expect("write");
    let corpus = load(&[p.to_path_buf()]);
    assert_eq!(titles(&corpus), vec!["Price rise", "Good"]);
    // BBC sport/199.txt: a raw Latin-1 pound sign.
    assert_eq!(corpus.articles[0].body(), "It cost £600m.");
    let warnings: Vec<(String, String)> = corpus
        .warnings
        .iter()
        .map(|w| (file_name(&w.origin.path).to_string(), w.message.clone()))
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert_eq!(warnings[0].0, "1.txt");
    assert!(warnings[0].1.contains("empty"));
    assert_eq!(warnings[1].0, "2.txt");
    assert!(warnings[1].1.contains("binary"));
    assert_eq!(warnings[2].0, "3.txt");
    assert!(warnings[2].1.contains("not valid UTF-8"));
}

#[test]
fn identical_articles_appear_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Same\n\nText.").expect("write");
    std::fs::write(dir.path().join("b.txt"), "Same\n\nText.\n\n").expect("write");
    std::fs::write(dir.path().join("c.txt"), "Same\n\nOther text.").expect("write");
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 2);
    assert_eq!(file_name(&corpus.articles[1].origin.path), "c.txt");
    assert_eq!(corpus.warnings.len(), 1);
    assert!(
        corpus.warnings[0]
            .message
            .contains("same title and text as")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_walked_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(sub.join("a.txt"), "Looped\n\nText.").expect("write");
    std::os::unix::fs::symlink(dir.path(), sub.join("back")).expect("symlink");
    std::os::unix::fs::symlink(sub.join("nowhere"), dir.path().join("dangling.txt"))
        .expect("symlink");
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(titles(&corpus), vec!["Looped"]);
    assert!(
        corpus
            .warnings
            .iter()
            .any(|w| w.origin.path.ends_with("dangling.txt"))
    );
}

#[test]
fn explicit_file_with_unknown_extension_is_sniffed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("story.dat");
    std::fs::write(&path, "A story\n\nIn a .dat file.").expect("write");
    let corpus = load(&[path]);
    assert_eq!(titles(&corpus), vec!["A story"]);
}

#[test]
fn streaming_api_reports_in_order_and_can_stop() {
    let found = corpus::discover(&[fixture("text")]).expect("discover");
    assert_eq!(found.sources.len(), 5);
    assert!(found.total_bytes() > 0);
    let mut seen = Vec::new();
    let flow = corpus::read_source(&found.sources[1], &LoadOptions::default(), &mut |item| {
        seen.push(item);
        ControlFlow::Break(())
    });
    assert_eq!(flow, ControlFlow::Break(()));
    assert!(matches!(&seen[..], [Loaded::Article(a)] if a.title() == "First article"));
}

#[test]
fn bundled_corpus_has_five_cleaned_articles() {
    let corpus = corpus::bundled();
    assert_eq!(corpus.articles.len(), 5);
    // Seed 002 starts with "Share" and ends with a truncated "&#x27".
    let seed2 = &corpus.articles[2];
    assert_eq!(
        seed2.title(),
        "Kerry: US looks at Russian offer of military talks on Syria"
    );
    assert!(
        seed2
            .body()
            .ends_with("'military-to-military' talks with the US regarding Syria")
    );
    assert!(!seed2.body().contains("Advertisement"));
    // Seed 004's first line is its dateline.
    let seed4 = &corpus.articles[4];
    assert_eq!(
        seed4.date().map(|d| d.date().to_string()).as_deref(),
        Some("2016-09-28")
    );
    assert!(seed4.title_derived());
    assert!(seed4.title().starts_with("The United States threatened"));
    assert!(seed4.body().starts_with("WASHINGTON: The United States"));
    for article in &corpus.articles {
        assert!(!article.body().contains("\n\n\n"));
        for range in article.paragraphs() {
            assert!(!article.body()[range.clone()].contains('\n'));
        }
    }
}

#[test]
fn counting_reader_moves_progress_inside_a_big_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.jsonl");
    let line = format!(
        "{{\"title\": \"T\", \"text\": \"{}\"}}\n",
        "word ".repeat(2000)
    );
    std::fs::write(&path, line.repeat(500)).expect("write");
    let found = corpus::discover(&[path]).expect("discover");
    let source = &found.sources[0];
    let done = std::sync::atomic::AtomicU64::new(0);
    let mut seen_at_first = None;
    let mut articles = 0;
    let flow = corpus::read_source_counting(source, &LoadOptions::default(), &done, &mut |item| {
        if let Loaded::Article(_) = item {
            articles += 1;
            seen_at_first.get_or_insert(done.load(std::sync::atomic::Ordering::Relaxed));
        }
        ControlFlow::Continue(())
    });
    assert_eq!(flow, ControlFlow::Continue(()));
    assert_eq!(articles, 500);
    let first = seen_at_first.expect("an article");
    assert!(
        first > 0 && first < source.bytes / 2,
        "{first} of {}",
        source.bytes
    );
    assert_eq!(
        done.load(std::sync::atomic::Ordering::Relaxed),
        source.bytes
    );
}

#[test]
fn counting_adds_the_whole_size_of_a_skipped_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("blob.txt");
    std::fs::write(&path, b"\x00binary\x00 data").expect("write");
    let found = corpus::discover(&[path]).expect("discover");
    let done = std::sync::atomic::AtomicU64::new(0);
    let _ = corpus::read_source_counting(
        &found.sources[0],
        &LoadOptions::default(),
        &done,
        &mut |_| ControlFlow::Continue(()),
    );
    assert_eq!(
        done.load(std::sync::atomic::Ordering::Relaxed),
        found.sources[0].bytes
    );
}

/// DESIGN.md §8, "loaders flow one way": `load.rs` orchestrates, and no module
/// it calls — the format readers, the walk, the cleaner, the leaves — imports
/// it back (ten corpus files once formed one import circle through it).
#[test]
fn loaders_flow_one_way_nothing_load_calls_imports_it() {
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/corpus is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/corpus");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    // The orchestrator, the module that declares it, and load's own tests.
    let exempt = ["load.rs", "mod.rs", "proptests.rs"];
    let mut offenders = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&root).expect("under src/corpus");
        if rel.parent() == Some(Path::new("")) && exempt.iter().any(|e| rel == Path::new(e)) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a source file is UTF-8");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if code.contains("load::") || code.contains("corpus::load") {
                offenders.push(format!("{}:{}: {}", rel.display(), n + 1, code));
            }
        }
    }
    assert!(files.len() > 15, "the corpus sources were found");
    assert!(
        offenders.is_empty(),
        "import load.rs back:\n{}",
        offenders.join("\n")
    );
}
