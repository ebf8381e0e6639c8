//! Memory across launches, as the app sees it: what it says to remember
//! (`Effect::Persist`) and what it makes of what is remembered
//! (`Msg::Remembered`). The store itself is tested in `src/store`, and the
//! whole round trip through SQLite in `tests/e2e.rs`.

mod common;

use castlist::action::Action::{self, *};
use castlist::app::memory::{ArticleMemory, Change, Memory, Session, content_key};
use castlist::app::{App, Effect, Msg, Pane};
use castlist::keymap::KeyChord;

/// The changes an update asked to remember.
fn persisted(effects: Vec<Effect>) -> Vec<Change> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Persist(change) => Some(change),
            _ => None,
        })
        .collect()
}

fn act(app: &mut App, actions: &[Action]) -> Vec<Change> {
    let mut all = Vec::new();
    for &a in actions {
        all.extend(persisted(app.update(a)));
        let area = app.screen().area;
        all.extend(persisted(app.update(Msg::Resize(area))));
    }
    all
}

fn key(app: &App, id: usize) -> u128 {
    content_key(&app.corpus().articles[id])
}

#[test]
fn an_article_shown_with_the_focus_on_it_is_read_and_remembered() {
    let mut app = common::app();
    // Browsing the list shows articles without reading them.
    let browsing = act(&mut app, &[Down]);
    assert!(!app.is_read(1));
    assert!(
        browsing
            .iter()
            .all(|c| !matches!(c, Change::Article(_, s) if s.read))
    );
    let mut changes = act(&mut app, &[OpenArticle]);
    changes.extend(browsing);
    assert!(app.is_read(1));
    let k1 = key(&app, 1);
    assert!(changes.contains(&Change::Article(
        k1,
        ArticleMemory {
            read: true,
            ..ArticleMemory::default()
        }
    )));
    // The session says where the reader is.
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Session(s) if s.article == Some(k1)))
    );
    // r: unread again, and it stays unread while shown.
    act(&mut app, &[ToggleRead]);
    assert!(!app.is_read(1));
    act(&mut app, &[Down, Up]);
    assert!(!app.is_read(1));
    act(&mut app, &[NextArticle]);
    assert!(app.is_read(2));
}

#[test]
fn stars_and_mark_all_read_and_starred_only() {
    let mut app = common::app();
    act(&mut app, &[Down, ToggleStar, Down, Down, ToggleStar]);
    assert!(app.is_starred(1) && app.is_starred(3));
    assert_eq!(app.starred_count(), 2);
    act(&mut app, &[ToggleStarred]);
    assert_eq!(app.list().shown, [1, 3]);
    act(&mut app, &[Up, ToggleStar]);
    assert_eq!(app.list().shown, [3], "unstarred: gone from the list");
    act(&mut app, &[ToggleStarred]);
    assert_eq!(app.list().shown.len(), 4);
    let changes = act(&mut app, &[MarkAllRead]);
    assert!((0..4).all(|id| app.is_read(id)));
    assert_eq!(
        changes
            .iter()
            .filter(|c| matches!(c, Change::Article(..)))
            .count(),
        4
    );
}

#[test]
fn the_reading_position_is_remembered_per_article() {
    let mut app = common::app();
    app.update(FocusPane(Pane::Articles));
    act(&mut app, &[Bottom, OpenArticle, PageDown, Down]);
    let (scroll, top) = (app.reader().scroll, app.reader().top_byte());
    assert!(scroll > 0);
    act(&mut app, &[FocusPane(Pane::Articles), Top]);
    assert_eq!(app.reader().scroll, 0);
    act(&mut app, &[Bottom]);
    assert_eq!(app.reader().article, 3);
    assert_eq!(app.reader().scroll, scroll, "back where it was");
    assert_eq!(app.reader().top_byte(), top);
}

/// What a previous session left: article 2 read and starred, article 3
/// read and scrolled to "At the end", the reader on article 3, mark a in
/// article 3 at "At the end".
fn remembered(app: &App) -> Memory {
    let a3 = &app.corpus().articles[3];
    let end = a3.body_start() + a3.body().find("At the end").unwrap();
    let mut memory = Memory::default();
    memory.articles.insert(
        key(app, 2),
        ArticleMemory {
            read: true,
            starred: true,
            position: 0,
        },
    );
    memory.articles.insert(
        key(app, 3),
        ArticleMemory {
            read: true,
            starred: false,
            position: end as u32,
        },
    );
    memory.session = Session {
        article: Some(key(app, 3)),
        actor: Some("John Kerry".into()),
        marks: vec![('a', key(app, 3), end as u32)],
    };
    memory
}

#[test]
fn what_was_remembered_is_restored_when_it_arrives() {
    let mut app = common::app();
    let memory = remembered(&app);
    app.update(Msg::Remembered(memory));
    app.update(Msg::Resize(app.screen().area));
    assert!(app.is_read(2) && app.is_starred(2) && app.is_read(3));
    assert!(!app.is_read(0));
    assert_eq!(app.reader().article, 3, "the last article");
    assert_eq!(app.list().selected_article(), Some(3));
    let a3 = &app.corpus().articles[3];
    let row = app
        .reader()
        .layout
        .row_of(a3.body().find("At the end").unwrap())
        .unwrap()
        .min(app.reader().max_scroll_row());
    assert!(row > 0);
    assert_eq!(app.reader().scroll, row, "where it was");
    // The mark: from another article, 'a comes back here.
    for name in ["g", "'", "a"] {
        app.update(Msg::Key(name.parse::<KeyChord>().unwrap()));
    }
    assert_eq!(app.reader().scroll, row);
}

#[test]
fn the_cast_selection_is_restored_by_name() {
    let mut app = common::app();
    let mut memory = remembered(&app);
    // Article 2 names Kerry and Lavrov once each: Kerry comes first.
    memory.session.article = Some(key(&app, 2));
    memory.session.actor = Some("Sergey Lavrov".into());
    app.update(Msg::Remembered(memory));
    assert_eq!(app.reader().article, 2);
    let selected = app.cast_view().selected_actor().unwrap();
    assert_eq!(app.cast().actor(selected).unwrap().name, "Sergey Lavrov");
    assert!(app.cast_view().selected > 0);
}

#[test]
fn memory_arriving_before_its_article_waits_for_it_and_the_user_wins() {
    use castlist::index::Event;
    let full = common::app();
    let memory = remembered(&full);
    let arrive = |app: &mut App| {
        let batch = common::corpus()
            .articles
            .into_iter()
            .enumerate()
            .map(|(i, a)| common::indexed(i as u32, a))
            .collect();
        app.update(Msg::Indexed(Event::Articles(batch)));
        app.update(Msg::Indexed(Event::Done));
        app.update(Msg::Resize(app.screen().area));
    };
    let mut app = common::empty_app();
    app.update(Msg::Remembered(memory.clone()));
    arrive(&mut app);
    assert_eq!(app.reader().article, 3, "restored on arrival");
    assert!(app.is_starred(2));
    // A user who has already moved keeps their place; the stars come all the same.
    let mut app = common::empty_app();
    app.update(Msg::Indexed(Event::Articles(vec![common::indexed(
        0,
        common::corpus().articles[0].clone(),
    )])));
    app.update(Down);
    app.update(Msg::Remembered(memory));
    arrive(&mut app);
    assert_eq!(app.reader().article, 0);
    assert!(app.is_starred(2));
}

/// The session's articles are found as they come, batch by batch: a mark
/// in an article of an earlier batch than the last article's is restored.
#[test]
fn a_remembered_session_finds_its_articles_across_batches() {
    use castlist::index::Event;
    let full = common::app();
    let mut memory = remembered(&full);
    memory.session.marks.push(('b', key(&full, 1), 0));
    let mut app = common::empty_app();
    app.update(Msg::Remembered(memory));
    let articles = common::corpus().articles;
    let (early, late) = articles.split_at(2);
    for (first, batch) in [(0u32, early), (2, late)] {
        let batch = (first..)
            .zip(batch)
            .map(|(i, a)| common::indexed(i, a.clone()))
            .collect();
        app.update(Msg::Indexed(Event::Articles(batch)));
    }
    app.update(Msg::Indexed(Event::Done));
    app.update(Msg::Resize(app.screen().area));
    assert_eq!(app.reader().article, 3, "restored on arrival");
    for name in ["'", "b"] {
        app.update(Msg::Key(name.parse::<KeyChord>().unwrap()));
    }
    assert_eq!(app.reader().article, 1, "the mark of an earlier batch");
    assert!(app.is_starred(2) && app.is_read(3));
}

#[test]
fn a_store_that_fails_is_one_warning_and_the_reader_goes_on() {
    let mut app = common::app();
    app.update(Msg::StoreFailed(
        "/home/x/.local/share/castlist/memory.sqlite3: database is locked".into(),
    ));
    assert_eq!(app.corpus().warnings.len(), 1);
    assert!(app.message().unwrap().contains("database is locked"));
    act(&mut app, &[OpenArticle, ToggleStar]);
    assert!(app.is_starred(0), "stars still work, for this session");
}

#[test]
fn what_is_read_before_the_memory_arrives_is_remembered_all_the_same() {
    let mut app = common::app().expecting_memory();
    // Read and starred before the store has answered: nothing said yet.
    let early = act(&mut app, &[OpenArticle, ToggleStar]);
    assert!(early.is_empty(), "{early:?}");
    assert!(app.is_read(0) && app.is_starred(0));
    // The store remembers article 0 as scrolled, not starred, and 1 as read.
    let mut memory = Memory::default();
    memory.articles.insert(
        key(&app, 0),
        ArticleMemory {
            read: false,
            starred: false,
            position: 7,
        },
    );
    memory.articles.insert(
        key(&app, 1),
        ArticleMemory {
            read: true,
            ..ArticleMemory::default()
        },
    );
    let said = persisted(app.update(Msg::Remembered(memory)));
    assert!(app.is_read(0) && app.is_starred(0), "the early change wins");
    assert!(app.is_read(1), "the rest is remembered");
    assert!(
        said.iter().any(
            |c| matches!(c, Change::Article(k, s) if *k == key(&app, 0) && s.read && s.starred)
        ),
        "and said now: {said:?}"
    );
}
