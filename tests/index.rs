//! The background indexer: what it feeds the app equals what loading in one go
//! gives, in the same order, with duplicates and warnings accounted for.

use castlist::app::Msg;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use castlist::app::App;
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::index::Indexer;
use castlist::keymap::Keymap;

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    for i in 0..40 {
        write(
            &format!("{i:02}.txt"),
            &format!("Story {i}\n\nJohn Kerry met Sergey Lavrov in Geneva, story {i}.\n"),
        );
    }
    write(
        "dup.txt",
        "Story 7\n\nJohn Kerry met Sergey Lavrov in Geneva, story 7.\n",
    );
    write("empty.txt", "");
    let lines: Vec<String> = (0..300)
        .map(|i| format!(r#"{{"title": "Wire {i}", "content": "Kerry spoke in Moscow, wire {i}.", "date": "2016-09-{:02}"}}"#, 1 + i % 28))
        .collect();
    write("wire.jsonl", &(lines.join("\n") + "\n{not json}\n"));
    dir
}

/// Indexes `paths` in the background: walked beforehand, or (`walking`) while
/// the files are read, as the reader does.
fn index(paths: &[PathBuf], walking: bool) -> App {
    let engine = Arc::new(Engine::builtin());
    let mut indexer = if walking {
        corpus::walk::check(paths).unwrap();
        Indexer::spawn_walk(paths.to_vec(), LoadOptions::default(), engine)
    } else {
        let discovery = corpus::discover(paths).unwrap();
        Indexer::spawn(discovery, LoadOptions::default(), engine)
    };
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    let deadline = Instant::now() + Duration::from_secs(60);
    while !indexer.is_done() {
        assert!(Instant::now() < deadline, "indexing did not finish");
        indexer.drain(Duration::from_millis(5), |event| {
            app.update(Msg::Indexed(event));
        });
        std::thread::sleep(Duration::from_millis(1));
    }
    app.update(Msg::Refresh);
    app
}

/// The app's warnings as the warnings view shows them.
fn warnings_of(app: &App) -> Vec<String> {
    app.corpus()
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The identical copies the app skipped (information, apart from warnings).
fn copies_of(app: &App) -> Vec<String> {
    app.copies().iter().map(ToString::to_string).collect()
}

#[test]
fn background_index_equals_loading_at_once() {
    let dir = folder();
    let paths = vec![dir.path().to_path_buf()];
    let whole = corpus::load_paths(&paths, &LoadOptions::default()).unwrap();
    for walking in [false, true] {
        same_as_loaded(index(&paths, walking), &whole);
    }
}

fn same_as_loaded(app: App, whole: &Corpus) {
    assert_eq!(app.corpus().articles.len(), whole.articles.len());
    assert_eq!(
        app.corpus().articles.len(),
        40 + 300,
        "the duplicate is kept once"
    );
    // Dates are the rule here, so the list is newest first...
    assert_eq!(app.list().sort, castlist::app::Sort::Date);
    let dates: Vec<_> = app
        .list()
        .sorted()
        .into_iter()
        .map(|id| app.corpus().articles[id as usize].date())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first, undated last"
    );
    // ...and in file order it is exactly what loading at once gives.
    let mut app = app;
    while app.list().sort != castlist::app::Sort::Original {
        app.update(castlist::action::Action::CycleSort);
    }
    let listed: Vec<&str> = app
        .list()
        .sorted()
        .into_iter()
        .map(|id| app.corpus().articles[id as usize].title())
        .collect();
    let loaded: Vec<&str> = whole.articles.iter().map(|a| a.title()).collect();
    assert_eq!(listed, loaded);
    // Warnings: the empty file, the bad JSON line (with its line); the
    // duplicate is noted apart.
    let warnings = warnings_of(&app);
    assert!(
        warnings.iter().any(|w| w.contains("empty.txt")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("wire.jsonl:301")),
        "{warnings:?}"
    );
    let copies = copies_of(&app);
    assert!(
        copies
            .iter()
            .any(|w| w.contains("dup.txt") || w.contains("07.txt")),
        "{copies:?}"
    );
    // The cast is the same as building it at once.
    let cast = Cast::build(&Engine::builtin(), &whole.articles);
    let kerry = |c: &Cast| {
        c.find("John Kerry")
            .and_then(|id| c.actor(id))
            .map(|a| a.mentions)
    };
    assert_eq!(kerry(app.cast()), kerry(&cast));
    assert!(kerry(app.cast()).unwrap() >= 340);
}

#[test]
fn stopping_ends_the_workers() {
    let dir = folder();
    let discovery = corpus::discover(&[dir.path().to_path_buf()]).unwrap();
    let mut indexer = Indexer::spawn(
        discovery,
        LoadOptions::default(),
        Arc::new(Engine::builtin()),
    );
    indexer.stop();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !indexer.is_done() {
        assert!(
            Instant::now() < deadline,
            "a stopped index must finish promptly"
        );
        indexer.drain(Duration::from_millis(5), |_| {});
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn articles_show_before_their_actors_and_a_duplicates_actors_are_dropped() {
    use castlist::corpus::Article;
    use castlist::corpus::dedup::fingerprint;
    use castlist::index::{Analysed, Event, Indexed};
    let engine = Engine::builtin();
    let story = |title: &str| Article::new(title, "John Kerry met Sergey Lavrov in Geneva.");
    let read = |order: u32, article: Article| Indexed {
        fingerprint: fingerprint(&article),
        order: (0, order),
        article,
    };
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    app.update(Msg::Indexed(Event::Articles(vec![
        read(0, story("Talks")),
        read(1, story("Talks")), // the same article again
        read(2, story("More talks")),
    ])));
    assert_eq!(app.corpus().articles.len(), 2, "the copy is skipped");
    assert_eq!(app.awaiting_actors(), 2);
    assert!(app.cast().mentions_in(0).is_empty(), "no actors yet");
    // The engine reads each article's document: title, line break, body.
    let analysed = |order: u32, title: &str| Analysed {
        order: (0, order),
        actors: engine.analyze(story(title).document()),
        surfaces: None,
    };
    app.update(Msg::Indexed(Event::Actors(vec![
        analysed(2, "More talks"),
        analysed(1, "Talks"),
        analysed(0, "Talks"),
    ])));
    assert_eq!(app.awaiting_actors(), 0);
    app.update(Msg::Indexed(Event::Done));
    // Article ids 0 and 1 are orders 0 and 2; the copy's actors went nowhere.
    assert_eq!(app.cast().mentions_in(0).len(), 3);
    assert_eq!(app.cast().mentions_in(1).len(), 3);
    let kerry = app
        .cast()
        .actors()
        .iter()
        .find(|a| a.name == "John Kerry")
        .unwrap();
    assert_eq!((kerry.mentions, kerry.articles), (2, 2));
}

#[test]
fn of_two_copies_the_first_in_load_order_is_kept_whichever_arrives_first() {
    use castlist::corpus::dedup::fingerprint;
    use castlist::corpus::{Article, Origin};
    use castlist::index::{Event, Indexed};
    let copy = |file: &str, order: u32| {
        let mut article = Article::new("Talks", "John Kerry met Sergey Lavrov.");
        article.origin = Origin::file(file);
        Indexed {
            fingerprint: fingerprint(&article),
            order: (order, 0),
            article,
        }
    };
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    // The later file's copy arrives first.
    app.update(Msg::Indexed(Event::Articles(vec![copy("b.txt", 1)])));
    app.update(Msg::Indexed(Event::Articles(vec![
        copy("a.txt", 0),
        copy("c.txt", 2),
    ])));
    assert_eq!(app.corpus().articles.len(), 1);
    assert_eq!(app.corpus().articles[0].origin.to_string(), "a.txt");
    assert!(warnings_of(&app).is_empty());
    assert_eq!(
        copies_of(&app),
        [
            "b.txt: same title and text as a.txt; skipped",
            "c.txt: same title and text as a.txt; skipped"
        ]
    );
}

#[test]
fn the_detail_timeline_follows_indexing_at_a_steady_pace_and_is_exact_at_its_end() {
    // While indexing, the selected actor's timeline is not counted again for
    // every few mentions that arrive (at a million mentions that is a frame's
    // time); once the index is complete it counts them all.
    use castlist::action::Action;
    use castlist::app::Pane;
    use castlist::corpus::Article;
    use castlist::corpus::dedup::fingerprint;
    use castlist::index::{Analysed, Event, Indexed, Progress};
    use ratatui::layout::Rect;
    let engine = Engine::builtin();
    let story = |i: u32| {
        let mut a = Article::new(
            &format!("Talks, day {i}"),
            &format!("John Kerry met officials on day {i}. Kerry left."),
        );
        let day = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap()
            + chrono::Duration::days(i64::from(i % 300));
        a.set_date(day.and_hms_opt(12, 0, 0));
        a
    };
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    let progress = |finished: bool| Progress {
        sources_done: 0,
        sources: 1,
        bytes_done: 0,
        bytes: 1,
        walking: false,
        started: Instant::now(),
        finished: finished.then(Instant::now),
    };
    let add = |app: &mut App, i: u32| {
        let a = story(i);
        let actors = engine.analyze(a.document());
        app.update(Msg::Indexed(Event::Articles(vec![Indexed {
            fingerprint: fingerprint(&a),
            order: (0, i),
            article: a,
        }])));
        app.update(Msg::Indexed(Event::Actors(vec![Analysed {
            order: (0, i),
            actors,
            surfaces: None,
        }])));
        app.update(Msg::Progress(progress(false)));
        app.update(Msg::Refresh);
        // As a frame does: the panes fitted to the screen.
        app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    };
    for i in 0..40 {
        add(&mut app, i);
    }
    app.update(Action::FocusPane(Pane::Cast));
    app.update(Action::FindActor);
    for c in "Kerry".chars() {
        app.update(Action::InsertChar(c));
    }
    app.update(Action::ConfirmSearch);
    app.update(Action::FocusPane(Pane::Cast));
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    let kerry = app.cast().find("John Kerry").expect("Kerry in the cast");
    assert_eq!(app.cast_view().selected_actor(), Some(kerry));
    let counted = |app: &App| {
        let t = app
            .detail_timeline()
            .expect("a timeline: dated articles, room");
        t.counts.iter().sum::<u64>() + t.undated
    };
    let before = counted(&app);
    assert_eq!(before as usize, app.cast().actor(kerry).unwrap().mentions);
    // One more article: a thirty-second more mentions or less, not counted yet.
    add(&mut app, 40);
    assert_eq!(counted(&app), before, "not counted again for two mentions");
    for i in 41..60 {
        add(&mut app, i);
    }
    assert!(counted(&app) > before, "counted again once grown enough");
    // The index completes: the timeline holds every mention.
    app.update(Msg::Indexed(Event::Done));
    app.update(Msg::Progress(progress(true)));
    app.update(Msg::Refresh);
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    let all = app.cast().actor(kerry).unwrap().mentions;
    assert_eq!(counted(&app) as usize, all);
    assert_eq!(all, 120, "two mentions in each of 60 articles");
}
