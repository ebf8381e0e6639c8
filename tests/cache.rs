//! The index cache: an unchanged collection opens from it with the cast a
//! fresh index gives; a changed file is read alone; whatever cannot be used
//! (damaged, truncated, another engine, a text store gone) is one warning and
//! a fresh index; two castlists writing at once leave a usable cache.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use castlist::app::{App, Msg};
use castlist::cache::index::Collection;
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Article, Corpus, LoadOptions};
use castlist::index::Indexer;
use castlist::keymap::Keymap;
use castlist::tui::Feeder;

const TEXTS: [(&str, &str); 8] = [
    (
        "Bush on the campaign",
        "Jeb Bush said he would run.\n\nBush told reporters in Miami that George W. Bush would not campaign.",
    ),
    (
        "Former president speaks",
        "George W. Bush spoke in Dallas. President Bush said the war was right. Mr. Bush left.",
    ),
    (
        "Prime minister",
        "Tony Blair met Gordon Brown. Blair and Brown then spoke to the press.",
    ),
    (
        "Blair speaks",
        "Blair said the election would come in May. Blair told MPs so.",
    ),
    (
        "London book",
        "Michael London wrote a book. London said it took years.",
    ),
    (
        "London news",
        "London was hit by storms. Trains in London stopped. London councils met.",
    ),
    (
        "Talks",
        "Secretary of State John Kerry met Sergey Lavrov in Geneva.\n\nKerry said the talks went well.",
    ),
    (
        "More talks",
        "Kerry and Lavrov spoke again. Russian officials said Lavrov was pleased.",
    ),
];

/// A collection of one file per text, in a folder of its own.
fn collection_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, (title, body)) in TEXTS.iter().enumerate() {
        write(&dir.path().join(format!("{i:02}.txt")), title, body);
    }
    dir
}

fn write(path: &Path, title: &str, body: &str) {
    std::fs::write(path, format!("{title}\n\n{body}\n")).unwrap();
}

/// Opens `paths` through the cache in `root` as the reader does, until the
/// index is complete (and saved); returns the app and what the walk said.
fn open(root: &Path, paths: &[PathBuf], engine_version: u64) -> (App, bool) {
    let collection = Collection::new(root, paths, &LoadOptions::default(), engine_version);
    let indexer = Indexer::open_cached(
        paths.to_vec(),
        LoadOptions::default(),
        Arc::new(Engine::builtin()),
        collection.clone(),
    );
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    let mut feeder = Feeder::new(indexer).saving_to(Some(collection));
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut effects = Vec::new();
    while !feeder.is_done() {
        assert!(Instant::now() < deadline, "indexing did not finish");
        if !feeder.pump(&mut app, &mut effects) {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    // One more turn: the save happens in the turn that sees the end.
    feeder.pump(&mut app, &mut effects);
    app.update(Msg::Refresh);
    let read_again = feeder.walked().is_some_and(|w| w.changed);
    (app, read_again)
}

/// The cast as comparable text: every live actor, and each article's
/// mentions (by title) with their actor's name.
fn shown(cast: &Cast, articles: &[Article]) -> (Vec<String>, Vec<String>) {
    let mut actors: Vec<String> = cast
        .actors()
        .iter()
        .filter(|a| a.mentions > 0)
        .map(|a| {
            format!(
                "{} {:?} {} {} {:?}",
                a.name, a.kind, a.mentions, a.articles, a.aliases
            )
        })
        .collect();
    actors.sort();
    let mut mentions = Vec::new();
    for a in articles {
        for m in cast.mentions_in(a.id()) {
            let name = cast.actor(m.actor).map_or("?", |x| x.name.as_str());
            mentions.push(format!("{} {}..{} {name}", a.title(), m.start, m.end));
        }
    }
    mentions.sort();
    (actors, mentions)
}

/// What a fresh index of `paths` gives, without any cache.
fn fresh(paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let corpus = corpus::load_paths(paths, &LoadOptions::default()).unwrap();
    shown(
        &Cast::build(&Engine::builtin(), &corpus.articles),
        &corpus.articles,
    )
}

fn of_app(app: &App) -> (Vec<String>, Vec<String>) {
    shown(app.cast(), &app.corpus().articles)
}

fn cache_warnings(app: &App) -> Vec<String> {
    app.corpus()
        .warnings
        .iter()
        .map(|w| w.message.clone())
        .filter(|m| m.contains("index"))
        .collect()
}

#[test]
fn an_unchanged_collection_opens_from_the_cache_with_the_same_cast() {
    let dir = collection_dir();
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let (first, read) = open(root.path(), &paths, 1);
    assert!(read, "the first open reads everything");
    assert_eq!(of_app(&first), fresh(&paths));
    let (second, read) = open(root.path(), &paths, 1);
    assert!(!read, "nothing is read again");
    assert_eq!(of_app(&second), fresh(&paths));
    assert!(second.cast().is_settled());
    // The text comes from the cache's store, and reads back whole.
    let a = &second.corpus().articles[3];
    assert!(a.stored().is_some());
    assert_eq!(
        a.body_text(),
        TEXTS.iter().find(|t| t.0 == a.title()).unwrap().1
    );
    assert!(
        cache_warnings(&second).is_empty(),
        "{:?}",
        cache_warnings(&second)
    );
}

#[test]
fn one_changed_file_is_read_alone_and_the_cast_is_that_of_the_new_collection() {
    let dir = collection_dir();
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    open(root.path(), &paths, 1);
    // Blair's article now names him in full; a file is removed, one added.
    std::thread::sleep(Duration::from_millis(20));
    write(
        &dir.path().join("03.txt"),
        "Blair speaks",
        "Tony Blair said the election would come in May. Mr. Blair told MPs so. Bush agreed.",
    );
    std::fs::remove_file(dir.path().join("05.txt")).unwrap();
    write(
        &dir.path().join("09.txt"),
        "Bush again",
        "Bush said on Friday that the talks would go on.",
    );
    let (app, read) = open(root.path(), &paths, 1);
    assert!(read);
    assert_eq!(app.corpus().articles.len(), TEXTS.len());
    assert_eq!(of_app(&app), fresh(&paths));
    // The unchanged articles kept their saved text; the changed one is new.
    let stores: std::collections::BTreeSet<PathBuf> = app
        .corpus()
        .articles
        .iter()
        .map(|a| a.stored().unwrap().store.path().to_path_buf())
        .collect();
    assert_eq!(stores.len(), 2, "{stores:?}");
    // And that is saved too: the next open reads nothing.
    let (again, read) = open(root.path(), &paths, 1);
    assert!(!read);
    assert_eq!(of_app(&again), fresh(&paths));
}

/// The cache's index file of the only collection under `root`.
fn index_file(root: &Path) -> PathBuf {
    let dir = std::fs::read_dir(root.join("index"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    dir.join("index.bin")
}

/// A way to damage a saved index's bytes.
type Damage = fn(&mut Vec<u8>);

#[test]
fn a_damaged_or_truncated_index_is_one_warning_and_a_fresh_index() {
    let dir = collection_dir();
    let paths = vec![dir.path().to_path_buf()];
    let damages: [(&str, Damage); 5] = [
        ("bytes flipped", |b| {
            let at = b.len() / 2;
            b[at] ^= 0x55;
        }),
        // The cast is the last section, found damaged only as it is decoded,
        // after its articles were sent: they are analysed again.
        ("a byte of the cast flipped", |b| {
            let at = b.len() - 40;
            b[at] ^= 0x55;
        }),
        ("truncated", |b| b.truncate(b.len() * 2 / 3)),
        ("emptied", |b| b.clear()),
        ("not castlist's", |b| {
            *b = b"PK\x03\x04 some zip file".to_vec()
        }),
    ];
    for (what, damage) in damages {
        let root = tempfile::tempdir().unwrap();
        open(root.path(), &paths, 1);
        let file = index_file(root.path());
        let mut bytes = std::fs::read(&file).unwrap();
        damage(&mut bytes);
        std::fs::write(&file, &bytes).unwrap();
        let (app, read) = open(root.path(), &paths, 1);
        assert!(read, "{what}: indexed again");
        assert_eq!(of_app(&app), fresh(&paths), "{what}");
        assert_eq!(cache_warnings(&app).len(), 1, "{what}: one warning");
        // The rebuilt index is saved: the next open is clean.
        let (app, read) = open(root.path(), &paths, 1);
        assert!(!read && cache_warnings(&app).is_empty(), "{what}");
    }
}

#[test]
fn an_index_made_by_another_engine_or_actors_file_is_not_used() {
    let dir = collection_dir();
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    open(root.path(), &paths, 1);
    let (app, read) = open(root.path(), &paths, 2);
    assert!(read);
    let warnings = cache_warnings(&app);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("another actor engine"), "{warnings:?}");
    assert_eq!(of_app(&app), fresh(&paths));
}

#[test]
fn a_missing_text_store_is_one_warning_and_a_fresh_index() {
    let dir = collection_dir();
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    open(root.path(), &paths, 1);
    let folder = index_file(root.path()).parent().unwrap().to_path_buf();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("text")
        {
            std::fs::remove_file(path).unwrap();
        }
    }
    let (app, read) = open(root.path(), &paths, 1);
    assert!(read);
    assert_eq!(cache_warnings(&app).len(), 1);
    assert_eq!(of_app(&app), fresh(&paths));
}

#[test]
fn two_castlists_indexing_at_once_leave_a_usable_cache() {
    let dir = collection_dir();
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    std::thread::scope(|s| {
        let a = s.spawn(|| open(root.path(), &paths, 1));
        let b = s.spawn(|| open(root.path(), &paths, 1));
        for (app, _) in [a.join().unwrap(), b.join().unwrap()] {
            assert_eq!(of_app(&app), fresh(&paths));
        }
    });
    let (app, read) = open(root.path(), &paths, 1);
    assert!(!read, "one of the two saves is there, whole");
    assert_eq!(of_app(&app), fresh(&paths));
    assert!(cache_warnings(&app).is_empty());
    // No temporary file is left behind.
    let folder = index_file(root.path()).parent().unwrap().to_path_buf();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name}");
    }
}

/// The concordance, the sentence finder and the article filter read article
/// texts kept in memory; an article opened from the cache keeps its text on
/// disk, and they found nothing in it (an empty concordance line, a word
/// search that missed, a sentence of nothing).
#[test]
fn texts_kept_on_disk_are_read_by_the_concordance_sentences_and_filter() {
    let dir = collection_dir();
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    open(root.path(), &paths, 1);
    let (app, read) = open(root.path(), &paths, 1);
    assert!(!read, "opened from the cache");
    let articles = &app.corpus().articles;
    let id = articles
        .iter()
        .position(|a| a.title() == "More talks")
        .unwrap();
    let article = &articles[id];
    assert!(
        article.stored().is_some() && article.body().is_empty(),
        "on disk"
    );
    assert_eq!(article.body_len(), TEXTS[7].1.len());
    let lavrov = app
        .cast()
        .mentions_in(id)
        .iter()
        .find(|m| m.start as usize >= article.body_start())
        .expect("a mention in the body");
    let (_, hit, right) = castlist::app::kwic::line_of(article, lavrov.range());
    assert!(!hit.is_empty() && !right.is_empty(), "{hit:?} {right:?}");
    let sentence = castlist::analysis::sentences::in_article(article, lavrov.start as usize);
    assert!(sentence.len() > hit.len(), "{sentence:?}");
    let found = castlist::app::query::evaluate("pleased", app.corpus(), app.cast()).unwrap();
    assert!(found[id], "{found:?}");
}

#[test]
fn a_sound_index_whose_cast_cannot_be_read_shows_its_articles_with_their_actors() {
    // Articles are sent before the saved cast is decoded. A cast whose
    // bytes pass their checksum but cannot be decoded (one this castlist
    // wrote and cannot read) must not leave those articles without actors.
    use castlist::cache::frame::{self, Header};
    let dir = collection_dir();
    let paths = vec![dir.path().to_path_buf()];
    let root = tempfile::tempdir().unwrap();
    open(root.path(), &paths, 1);
    let file = index_file(root.path());
    let bytes = std::fs::read(&file).unwrap();
    let header = Header {
        kind: bytes[8..12].try_into().unwrap(),
        format: u32::from_le_bytes(bytes[12..16].try_into().unwrap()),
        engine: u64::from_le_bytes(bytes[16..24].try_into().unwrap()),
    };
    let saved = frame::read(&file, header).unwrap();
    let tags = [b"COLL", b"TEXT", b"FILE", b"ARTS", b"CAST"];
    let garbage = b"not a cast at all".to_vec();
    let sections: Vec<(&[u8; 4], &[u8])> = tags
        .iter()
        .map(|&t| {
            let body = if t == b"CAST" {
                &garbage[..]
            } else {
                saved.section(t).unwrap()
            };
            (t, body)
        })
        .collect();
    frame::write_atomic(&file, header, &sections).unwrap();
    let (app, read) = open(root.path(), &paths, 1);
    assert!(read, "the index is saved again");
    assert_eq!(
        of_app(&app),
        fresh(&paths),
        "the same cast as a fresh index"
    );
    let warnings = cache_warnings(&app);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("cast"), "{warnings:?}");
    let (app, read) = open(root.path(), &paths, 1);
    assert!(!read && cache_warnings(&app).is_empty());
    assert_eq!(of_app(&app), fresh(&paths));
}

#[test]
fn a_folder_of_one_article_files_is_stored_in_shared_blocks_and_reads_back() {
    // More one-article files than a batch of the indexer (256): the bodies
    // of a batch go to the text store together, not a block per file.
    let dir = tempfile::tempdir().unwrap();
    let count = 600;
    let body_of = |i: usize| format!("{} Item {i} was filed.", TEXTS[i % TEXTS.len()].1);
    for i in 0..count {
        write(
            &dir.path().join(format!("{i:04}.txt")),
            &format!("Story {i}"),
            &body_of(i),
        );
    }
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let (first, read) = open(root.path(), &paths, 1);
    assert!(read);
    let articles = &first.corpus().articles;
    assert_eq!(articles.len(), count);
    let mut blocks = std::collections::HashSet::new();
    for a in articles {
        let stored = a.stored().expect("the body is on disk");
        blocks.insert(stored.text.block);
        let i: usize = a.title().trim_start_matches("Story ").parse().unwrap();
        assert_eq!(a.body_text(), body_of(i), "{}", a.title());
    }
    assert!(
        blocks.len() * 8 < count,
        "{} blocks for {count} articles",
        blocks.len()
    );
    assert_eq!(of_app(&first), fresh(&paths));
    assert!(
        cache_warnings(&first).is_empty(),
        "{:?}",
        cache_warnings(&first)
    );
    let (second, read) = open(root.path(), &paths, 1);
    assert!(!read, "nothing is read again");
    assert_eq!(of_app(&second), fresh(&paths));
}

#[test]
fn long_articles_go_to_the_text_store_a_few_megabytes_at_a_time() {
    // One long article a file: their texts wait to be stored with their
    // batch, so a batch goes once it holds a few megabytes (4 MB), not
    // once it has 256 articles — 16 MB of text would wait otherwise.
    use castlist::cache::text::{TextStore, TextWriter};
    use castlist::index::{Event, Mode, Texts};
    let dir = tempfile::tempdir().unwrap();
    let count = 16;
    let paragraph = |i: usize, p: usize| {
        format!("Paragraph {p} of story {i} says that the council met again on Monday.")
    };
    for i in 0..count {
        let body: Vec<String> = (0..14_000).map(|p| paragraph(i, p)).collect();
        write(
            &dir.path().join(format!("{i:02}.txt")),
            &format!("Long story {i}"),
            &body.join("\n\n"),
        );
    }
    let store = tempfile::tempdir().unwrap();
    let path = store.path().join("text.bin");
    let texts = Texts {
        writer: Arc::new(TextWriter::create(&path).unwrap()),
        reader: Arc::new(TextStore::open(&path).unwrap()),
    };
    let mode = Mode {
        engine: None,
        texts: Some(texts),
        ..Mode::default()
    };
    let paths = vec![dir.path().to_path_buf()];
    let mut indexer = Indexer::spawn_walk_with(paths, LoadOptions::default(), mode);
    let mut batches = Vec::new();
    let mut articles = Vec::new();
    while let Some(event) = indexer.recv() {
        match event {
            Event::Articles(batch) => {
                batches.push(batch.len());
                articles.extend(batch.into_iter().map(|a| a.article));
            }
            Event::Done => break,
            _ => {}
        }
    }
    assert_eq!(articles.len(), count);
    assert!(batches.iter().all(|&n| n <= 5), "{batches:?}");
    for a in &articles {
        assert!(a.stored().is_some() && a.body().is_empty());
        let i: usize = a.title().trim_start_matches("Long story ").parse().unwrap();
        let body = a.body_text();
        assert!(body.starts_with(&paragraph(i, 0)), "{}", a.title());
        assert!(body.ends_with(&paragraph(i, 13_999)), "{}", a.title());
    }
}

/// Each note's text, for comparing.
fn notes(warnings: &[castlist::corpus::Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn copies_are_noted_again_on_reopening_and_a_copy_outlives_its_first() {
    let dir = collection_dir();
    // A copy of the third article, in a file of its own: noted, not kept.
    write(&dir.path().join("08.txt"), TEXTS[2].0, TEXTS[2].1);
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let (first, _) = open(root.path(), &paths, 1);
    assert_eq!(first.copies().len(), 1, "{:?}", first.copies());
    let (second, read) = open(root.path(), &paths, 1);
    assert!(!read);
    assert_eq!(notes(second.copies()), notes(first.copies()));
    // The first copy's file changes: the file holding the copy, unchanged,
    // is read again, and its article is kept now.
    std::thread::sleep(Duration::from_millis(20));
    write(
        &dir.path().join("02.txt"),
        "Prime minister",
        "Gordon Brown met the press alone.",
    );
    let (third, read) = open(root.path(), &paths, 1);
    assert!(read);
    assert!(third.copies().is_empty(), "{:?}", third.copies());
    assert_eq!(third.corpus().articles.len(), TEXTS.len() + 1);
    assert_eq!(of_app(&third), fresh(&paths));
}

#[test]
fn a_command_prints_from_an_unchanged_collections_index_what_reading_gives() {
    use castlist::commands::cached::from_cache;
    use castlist::commands::gather::{Gathered, Keep, gather};
    let dir = collection_dir();
    write(&dir.path().join("08.txt"), TEXTS[2].0, TEXTS[2].1);
    let root = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let collection = Collection::new(root.path(), &paths, &LoadOptions::default(), 1);
    assert!(from_cache(&paths, &collection, Keep::Cast).is_none());
    open(root.path(), &paths, 1);
    let read = |keep| gather(&paths, LoadOptions::default(), None, keep, &mut |_| Ok(())).unwrap();
    let articles = |g: &Gathered| -> Vec<(usize, String, String)> {
        g.articles
            .iter()
            .map(|a| (a.id(), a.title().to_string(), a.body_text().to_string()))
            .collect()
    };
    for keep in [Keep::Cast, Keep::Everything] {
        let saved = from_cache(&paths, &collection, keep).expect("every file is as saved");
        let afresh = read(keep);
        assert_eq!(
            shown(&saved.cast, &saved.articles),
            shown(&afresh.cast, &afresh.articles)
        );
        assert_eq!(saved.documents, afresh.documents);
        assert_eq!(articles(&saved), articles(&afresh));
        // The copy skipped is among the warnings, as when reading.
        assert_eq!(notes(&saved.warnings), notes(&afresh.warnings));
        assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
    }
    // One file changed: the command reads the collection.
    std::thread::sleep(Duration::from_millis(20));
    write(
        &dir.path().join("03.txt"),
        "Blair speaks",
        "Tony Blair said so.",
    );
    assert!(from_cache(&paths, &collection, Keep::Everything).is_none());
}
