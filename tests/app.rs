//! State tests: the fixture corpus, a sequence of actions, assertions on `App`.

mod common;

use castlist::action::Action::{self, *};
use castlist::app::Msg;
use castlist::app::{App, Overlay, Pane, TargetKind};
use castlist::corpus::Part;
use ratatui::layout::Rect;

fn run(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
        let area = app.screen().area;
        app.update(Msg::Resize(area));
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(InsertChar(c));
    }
}

/// Selects `name` in the cast pane (corpus scope) and follows it.
fn follow(app: &mut App, name: &str) {
    if app.cast_view().scope != castlist::app::Scope::Corpus {
        app.update(castlist::action::Action::ToggleCastScope);
    }
    run(app, &[ToggleCastScope, ToggleCastScope]);
    let row = app
        .cast_view()
        .rows
        .iter()
        .position(|(id, _)| app.cast().actor(*id).unwrap().name == name)
        .unwrap();
    app.update(castlist::action::Action::FocusPane(Pane::Cast));
    run(app, &[Top]);
    for _ in 0..row {
        run(app, &[Down]);
    }
    run(app, &[FollowActor]);
}

/// The current hit as (article, body byte); hits count in document bytes
/// (title, then body), and these tests' hits are all in bodies.
fn current_hit(app: &App) -> (usize, usize) {
    let hit = app.target().unwrap().current.clone().unwrap();
    let article = &app.corpus().articles[hit.article];
    match article.part(hit.range.clone()) {
        Some(Part::Body { range, .. }) => (hit.article, range.start),
        other => panic!("hit not in the body: {other:?}"),
    }
}

#[test]
fn following_an_actor_jumps_to_its_first_mention_in_the_current_article() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    assert_eq!(current_hit(&app), (0, 0));
    assert_eq!(
        castlist::ui::target_summary(&app).unwrap(),
        "John Kerry · mention 1 of 6 in 3 articles"
    );
}

#[test]
fn following_from_an_article_without_mentions_goes_to_the_next_that_has_one() {
    let mut app = common::app();
    run(&mut app, &[Down]); // article 1: no Kerry
    assert_eq!(app.reader().article, 1);
    follow(&mut app, "John Kerry");
    assert_eq!(app.reader().article, 2);
    assert_eq!(app.list().selected_article(), Some(2));
}

#[test]
fn n_from_the_last_mention_of_an_article_lands_on_the_first_in_the_next_that_has_one() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    run(&mut app, &[NextMatch]);
    assert_eq!(current_hit(&app).0, 0, "second mention, same article");
    run(&mut app, &[NextMatch]);
    // Article 1 has none: skipped.
    let kerry = app.corpus().articles[2].body().find("Kerry").unwrap();
    assert_eq!(current_hit(&app), (2, kerry));
    assert_eq!(app.reader().article, 2);
    assert_eq!(
        app.list().selected_article(),
        Some(2),
        "the list selection follows"
    );
}

#[test]
fn n_scrolls_the_reader_so_the_mention_is_visible() {
    let mut app = common::app();
    app.update(Msg::Resize(Rect::new(0, 0, 100, 20)));
    follow(&mut app, "John Kerry");
    run(&mut app, &[NextMatch, NextMatch, NextMatch]);
    let (article, start) = current_hit(&app);
    assert_eq!(article, 3);
    let row = app.reader().layout.row_of(start).unwrap();
    assert!(
        row >= app.reader().scroll && row < app.reader().scroll + app.reader().height,
        "row {row} not visible"
    );
    assert!(
        app.reader().scroll > 0,
        "the mention is far down: the reader must have scrolled"
    );
}

#[test]
fn capital_n_wraps_backwards_and_n_wraps_forwards() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    run(&mut app, &[PrevMatch]);
    let last = app.corpus().articles[3].body().rfind("Kerry").unwrap();
    assert_eq!(current_hit(&app), (3, last));
    assert!(
        app.message().unwrap_or("").contains("wrapped"),
        "{:?}",
        app.message()
    );
    run(&mut app, &[NextMatch]);
    assert_eq!(current_hit(&app), (0, 0));
    assert!(app.message().unwrap_or("").contains("wrapped"));
}

#[test]
fn n_after_moving_away_continues_from_the_reading_position() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    app.update(castlist::action::Action::FocusPane(Pane::Articles));
    run(&mut app, &[Down, Down]); // open article 2 by hand
    run(&mut app, &[NextMatch]);
    assert_eq!(current_hit(&app).0, 2);
}

#[test]
fn resize_keeps_the_same_text_at_the_top() {
    let mut app = common::app();
    app.update(castlist::action::Action::FocusPane(Pane::Articles));
    run(&mut app, &[Bottom]);
    assert_eq!(app.reader().article, 3);
    app.update(Msg::Resize(Rect::new(0, 0, 90, 20)));
    app.update(castlist::action::Action::FocusPane(Pane::Reader));
    run(&mut app, &[Down, Down, Down, Down, Down, Down, Down]);
    let top = app.reader().top_byte();
    for (w, h) in [(160, 45), (75, 30), (200, 10), (90, 20)] {
        app.update(Msg::Resize(Rect::new(0, 0, w, h)));
        let row = app.reader().layout.row_of(top).unwrap();
        assert_eq!(app.reader().scroll, row, "at {w}x{h}");
    }
}

#[test]
fn search_is_incremental_and_escape_restores_the_view() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    let before = app.target().cloned();
    run(&mut app, &[Search]);
    typed(&mut app, "tru");
    let t = app.target().unwrap();
    assert_eq!(t.kind, TargetKind::Search("tru".into()));
    assert_eq!(t.total(), 2); // "truce" in articles 0 and 1
    typed(&mut app, "ce");
    assert_eq!(app.target().unwrap().total(), 2);
    run(&mut app, &[Cancel]);
    assert!(app.prompt().is_none());
    assert_eq!(
        app.target(),
        before.as_ref(),
        "Esc brings the followed actor back"
    );
}

#[test]
fn a_confirmed_search_is_the_target_for_n_across_articles() {
    let mut app = common::app();
    run(&mut app, &[Search]);
    typed(&mut app, "geneva");
    run(&mut app, &[ConfirmSearch]);
    assert!(app.prompt().is_none());
    assert_eq!(current_hit(&app).0, 0);
    run(&mut app, &[NextMatch]);
    assert_eq!(current_hit(&app).0, 1);
    assert_eq!(app.reader().article, 1);
    // Smart case: a capital letter makes it exact.
    run(&mut app, &[Search]);
    typed(&mut app, "GENEVA");
    assert_eq!(app.target().unwrap().total(), 0);
    run(&mut app, &[ConfirmSearch]);
    assert!(app.message().unwrap_or("").contains("not found"));
}

#[test]
fn following_an_actor_replaces_the_search() {
    let mut app = common::app();
    run(&mut app, &[Search]);
    typed(&mut app, "truce");
    run(&mut app, &[ConfirmSearch]);
    follow(&mut app, "Sergey Lavrov");
    assert!(matches!(app.target().unwrap().kind, TargetKind::Actor(_)));
    run(&mut app, &[Cancel]);
    assert!(app.target().is_none());
}

#[test]
fn focus_cycles_and_moves_left_and_right() {
    let mut app = common::app();
    assert_eq!(app.focus(), Pane::Articles);
    run(&mut app, &[FocusNext]);
    assert_eq!(app.focus(), Pane::Reader);
    run(&mut app, &[FocusNext, FocusNext]);
    assert_eq!(app.focus(), Pane::Articles, "Tab wraps");
    run(&mut app, &[FocusPrev]);
    assert_eq!(app.focus(), Pane::Cast, "Shift-Tab wraps");
    run(&mut app, &[FocusRight]);
    assert_eq!(app.focus(), Pane::Cast, "l stops at the edge");
    run(&mut app, &[FocusLeft, FocusLeft, FocusLeft]);
    assert_eq!(app.focus(), Pane::Articles);
}

#[test]
fn enter_on_an_article_opens_it_and_focuses_the_reader() {
    let mut app = common::app();
    run(&mut app, &[Down, Down, OpenArticle]);
    assert_eq!(app.reader().article, 2);
    assert_eq!(app.focus(), Pane::Reader);
    run(&mut app, &[NextArticle]);
    assert_eq!(app.reader().article, 3);
    run(&mut app, &[NextArticle]);
    assert_eq!(app.reader().article, 3, "] at the last article stays");
    assert_eq!(app.message(), Some("last article"));
    run(&mut app, &[PrevArticle, PrevArticle]);
    assert_eq!(app.reader().article, 1);
}

#[test]
fn reader_paging_and_ends() {
    let mut app = common::app();
    app.update(Msg::Resize(Rect::new(0, 0, 100, 20)));
    app.update(castlist::action::Action::FocusPane(Pane::Articles));
    run(&mut app, &[Bottom, FocusNext]);
    run(&mut app, &[PageDown]);
    let page = app.reader().scroll;
    assert_eq!(
        page,
        app.reader().height - 2,
        "a page keeps two rows of overlap"
    );
    run(&mut app, &[HalfPageDown]);
    assert_eq!(app.reader().scroll, page + app.reader().height.div_ceil(2));
    run(&mut app, &[Bottom]);
    assert_eq!(
        app.reader().scroll + app.reader().height,
        app.reader().layout.len()
    );
    run(&mut app, &[Down]);
    assert_eq!(
        app.reader().scroll + app.reader().height,
        app.reader().layout.len(),
        "no scrolling past the end"
    );
    run(&mut app, &[Top]);
    assert_eq!(app.reader().scroll, 0);
}

#[test]
fn filter_lists_only_articles_with_the_target() {
    let mut app = common::app();
    run(&mut app, &[ToggleFilter]);
    assert!(!app.list().filter, "nothing to filter by yet");
    follow(&mut app, "John Kerry");
    run(&mut app, &[ToggleFilter]);
    assert_eq!(app.list().shown, [0, 2, 3]);
    run(&mut app, &[ToggleFilter]);
    assert_eq!(app.list().shown.len(), 4);
}

#[test]
fn sorting_keeps_the_selected_article_and_the_hit_order() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    run(&mut app, &[CycleSort, CycleSort]); // date, then title
    assert_eq!(app.list().sort, castlist::app::Sort::Title);
    // By title: "A long day"(3), "Kerry meets Lavrov"(0), "Lavrov speaks"(2), "Weather report"(1).
    assert_eq!(app.list().shown, [3, 0, 2, 1]);
    assert_eq!(app.list().selected_article(), Some(0));
    // In title order the hits are in articles 3, 3, 3, 0, 0, 2; the reader is
    // on the first in article 0, the fourth of six.
    let t = app.target().unwrap();
    assert_eq!(t.ordinal(&app.list().position), Some((4, 2)));
    let mut visited = Vec::new();
    for _ in 0..6 {
        run(&mut app, &[NextMatch]);
        visited.push(current_hit(&app).0);
    }
    assert_eq!(visited, [0, 2, 3, 3, 3, 0]);
}

#[test]
fn help_opens_scrolls_within_bounds_and_closes() {
    let mut app = common::app();
    run(&mut app, &[Help]);
    assert_eq!(app.overlay(), Overlay::Help { scroll: 0 });
    run(&mut app, &[Bottom, Down, Down]);
    let Overlay::Help { scroll } = app.overlay() else {
        panic!()
    };
    run(&mut app, &[Up]);
    assert_eq!(
        app.overlay(),
        Overlay::Help {
            scroll: scroll.saturating_sub(1)
        }
    );
    run(&mut app, &[Help]);
    assert_eq!(app.overlay(), Overlay::None);
    assert!(!app.should_quit());
    run(&mut app, &[Quit]);
    assert!(app.should_quit());
}

#[test]
fn no_action_panics_at_any_size() {
    // Typing into a search prompt too, not only the bindable actions.
    let all: Vec<Action> = Action::ALL
        .iter()
        .copied()
        .chain([InsertChar('e')])
        .collect();
    for (w, h) in [
        (1, 1),
        (0, 0),
        (5, 2),
        (20, 6),
        (40, 10),
        (71, 24),
        (80, 24),
        (300, 100),
    ] {
        let mut app = common::app();
        let mut state = 7u64;
        for _ in 0..400 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let action = all[(state >> 33) as usize % all.len()];
            if action == Quit {
                continue;
            }
            app.update(action);
            app.update(Msg::Resize(Rect::new(0, 0, w, h)));
            let backend = ratatui::backend::TestBackend::new(w, h);
            let mut terminal = ratatui::Terminal::new(backend).unwrap();
            terminal.draw(|f| castlist::ui::render(&app, f)).unwrap();
        }
    }
}

#[test]
fn the_cast_selection_follows_the_followed_actor_and_otherwise_starts_at_the_top() {
    let mut app = common::app();
    app.update(castlist::action::Action::FocusPane(Pane::Cast));
    run(&mut app, &[Bottom]);
    assert!(app.cast_view().selected > 0);
    // Browsing articles without a followed actor: each cast starts at the top.
    app.update(castlist::action::Action::FocusPane(Pane::Articles));
    run(&mut app, &[Down]);
    assert_eq!(app.cast_view().selected, 0);
    // Following Lavrov: he stays selected wherever he is listed.
    run(&mut app, &[Top]);
    follow(&mut app, "Sergey Lavrov");
    let lavrov = app.followed_actor().unwrap();
    app.update(castlist::action::Action::FocusPane(Pane::Articles));
    run(&mut app, &[Down, Down]);
    assert_eq!(app.reader().article, 2);
    assert_eq!(app.cast_view().selected_actor(), Some(lavrov));
    run(&mut app, &[ToggleCastScope]);
    assert_eq!(
        app.cast_view().selected_actor(),
        Some(lavrov),
        "and in the corpus cast"
    );
}

#[test]
fn escape_from_a_search_that_moved_to_another_article_keeps_the_current_mention() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    run(&mut app, &[PrevMatch]); // the last mention, in article 3
    let before = app.target().cloned();
    assert_eq!(current_hit(&app).0, 3);
    run(&mut app, &[Search]);
    typed(&mut app, "geneva"); // only in articles 0 and 1
    assert_ne!(app.reader().article, 3);
    run(&mut app, &[Cancel]);
    assert_eq!(app.reader().article, 3);
    assert_eq!(app.target(), before.as_ref());
    assert!(
        castlist::ui::target_summary(&app)
            .unwrap()
            .contains("mention 6 of 6"),
        "{:?}",
        castlist::ui::target_summary(&app)
    );
}

/// A corpus too large to count in one keystroke's slice: 400 articles of
/// about 64 KB, the word "needle" only in every 100th article, far down.
fn big_app() -> App {
    let filler = "Officials met on Tuesday and talks went on. ".repeat(1_500);
    let articles = (0..400)
        .map(|id| {
            let tail = if id % 100 == 57 {
                "A needle here."
            } else {
                "Nothing."
            };
            common::article(id, &format!("Article {id:03}"), &[&filler, tail])
        })
        .collect();
    let corpus = castlist::corpus::Corpus {
        articles,
        warnings: Vec::new(),
    };
    let mut app = App::new(
        corpus,
        castlist::cast::Cast::default(),
        castlist::keymap::Keymap::builtin(),
    );
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    app
}

#[test]
fn a_search_of_a_large_corpus_counts_between_keys_and_then_jumps() {
    let mut app = big_app();
    run(&mut app, &[Search]);
    typed(&mut app, "needle");
    // The open article (0) has no match: the jump waits for the count, which
    // goes on between keys; when it is done the reader is on the first match.
    let mut slices = 0;
    while {
        app.update(Msg::Tick(castlist::app::SCAN_SLICE));
        app.busy()
    } {
        slices += 1;
        assert!(slices < 100_000, "the count never ends");
    }
    assert_eq!(
        current_hit(&app).0,
        57,
        "landed on the first match in list order"
    );
    assert_eq!(app.reader().article, 57);
    run(&mut app, &[ConfirmSearch]);
    let summary = castlist::ui::target_summary(&app).unwrap();
    assert_eq!(summary, "/needle · match 1 of 4 in 4 articles");
    run(&mut app, &[NextMatch]);
    assert_eq!(current_hit(&app).0, 157);
    run(&mut app, &[PrevMatch, PrevMatch]);
    assert_eq!(
        current_hit(&app).0,
        357,
        "back from the first wraps to the last"
    );
    assert!(app.message().unwrap_or("").contains("wrapped"));
}

#[test]
fn a_key_pressed_while_the_count_runs_cancels_the_waiting_jump() {
    let mut app = big_app();
    run(&mut app, &[Search]);
    typed(&mut app, "needle");
    run(&mut app, &[ConfirmSearch]);
    if !app.target().unwrap().scanning(app.corpus()) {
        // A machine fast enough to count 25 MB in one slice has jumped already.
        assert_eq!(current_hit(&app).0, 57);
        return;
    }
    let summary = castlist::ui::target_summary(&app).unwrap();
    assert!(summary.starts_with("/needle · searching "), "{summary}");
    // The reader moves on by itself: the late count must not pull it away.
    run(&mut app, &[NextArticle]);
    while {
        app.update(Msg::Tick(castlist::app::SCAN_SLICE));
        app.busy()
    } {}
    assert_eq!(app.reader().article, 1);
    assert!(app.target().unwrap().current.is_none());
    assert_eq!(app.target().unwrap().total(), 4);
}

/// An article dated the `day`-th day of 2016, for sorting newest first.
fn dated(day: u32) -> castlist::corpus::Article {
    let mut a = common::article(0, &format!("Day {day}"), &["Some text."]);
    a.set_date(chrono::NaiveDate::from_yo_opt(2016, day).and_then(|d| d.and_hms_opt(12, 0, 0)));
    a
}

#[test]
fn the_list_opens_at_its_top_when_newer_articles_arrive_after_the_first() {
    use castlist::index::Event;
    let mut app = common::empty_app();
    // The oldest arrives first and is shown; thirty newer ones follow.
    app.update(Msg::Indexed(Event::Articles(vec![common::indexed(
        0,
        dated(1),
    )])));
    let newer = (1..=30).map(|i| common::indexed(i, dated(1 + i))).collect();
    app.update(Msg::Indexed(Event::Articles(newer)));
    app.update(Msg::Refresh);
    app.update(Msg::Indexed(Event::Done));
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    let list = app.list();
    assert_eq!(list.sort, castlist::app::Sort::Date);
    assert_eq!((list.selected, list.offset), (0, 0), "the top, selected");
    assert_eq!(app.reader().article, list.shown[0] as usize, "and shown");
    assert_eq!(
        app.corpus().articles[list.shown[0] as usize].title(),
        "Day 31"
    );
    // Once the user has moved, arrivals leave the selection where it is.
    run(&mut app, &[Down, Down]);
    let chosen = app.reader().article;
    app.update(Msg::Indexed(Event::Articles(vec![common::indexed(
        40,
        dated(100),
    )])));
    app.update(Msg::Refresh);
    assert_eq!(app.reader().article, chosen);
    assert_eq!(app.list().selected_article(), Some(chosen));
}

#[test]
fn f_follows_the_new_target_and_the_reader_and_list_agree() {
    let mut app = common::app();
    follow(&mut app, "John Kerry");
    run(&mut app, &[ToggleFilter]);
    assert_eq!(app.list().shown, [0, 2, 3]);
    // Following Geneva with the filter on: the list shows Geneva's articles.
    follow(&mut app, "Geneva");
    assert_eq!(app.list().shown, [0, 1], "the filter follows the target");
    for _ in 0..3 {
        run(&mut app, &[NextMatch]);
        assert_eq!(
            app.list().selected_article(),
            Some(app.reader().article),
            "the list highlights the article the reader shows"
        );
    }
    // One numbering on screen, the list's: the reader is "2 of 2" in the
    // filtered list, and the status line does not number articles apart.
    assert_eq!(app.reader().article, 1);
    let buf = draw_at(&mut app, 120, 40);
    assert!(buf.contains("Reader 2 of 2"), "{buf}");
    let summary = castlist::ui::target_summary(&app).unwrap();
    assert!(!summary.contains("article 2"), "{summary}");
    // A search typed with the filter on filters by the search.
    run(&mut app, &[Search]);
    typed(&mut app, "truce");
    run(&mut app, &[ConfirmSearch]);
    assert_eq!(app.list().shown, [0, 1]);
    run(&mut app, &[Search]);
    typed(&mut app, "ceasefire");
    run(&mut app, &[ConfirmSearch]);
    assert_eq!(app.list().shown, [2]);
    assert_eq!(app.list().selected_article(), Some(app.reader().article));
}

/// The screen as text, drawn at `width`×`height`.
fn draw_at(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            app.update(Msg::Resize(frame.area()));
            castlist::ui::render(app, frame);
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn ctrl_l_asks_the_shell_to_redraw_everywhere() {
    use castlist::app::Effect;
    use castlist::keymap::KeyChord;
    let ctrl_l: KeyChord = "ctrl-l".parse().unwrap();
    let mut app = common::app();
    assert_eq!(app.update(ctrl_l), [Effect::Redraw]);
    run(&mut app, &[Help]);
    assert_eq!(app.update(ctrl_l), [Effect::Redraw]);
    assert!(
        matches!(app.overlay(), Overlay::Help { .. }),
        "help stays open"
    );
    run(&mut app, &[Help, Search]);
    typed(&mut app, "kerry");
    assert_eq!(app.update(ctrl_l), [Effect::Redraw]);
    assert_eq!(app.prompt().unwrap().query, "kerry", "the search goes on");
}

#[test]
fn following_an_actor_in_one_pane_mode_shows_the_reader() {
    let mut app = common::app();
    app.update(Msg::Resize(Rect::new(0, 0, 50, 15)));
    follow(&mut app, "Sergey Lavrov");
    assert_eq!(app.focus(), Pane::Reader, "the jump is seen");
    let text = draw_at(&mut app, 50, 15);
    assert!(text.contains("Lavrov"), "{text}");
    assert!(text.contains("mention 1 of"), "{text}");
    // With three panes the cast keeps the focus, to pick another actor.
    let mut app = common::app();
    follow(&mut app, "Sergey Lavrov");
    assert_eq!(app.focus(), Pane::Cast);
}

#[test]
fn a_query_with_regex_metacharacters_is_a_regex_when_it_is_valid() {
    let mut app = common::app();
    run(&mut app, &[Search]);
    typed(&mut app, "lavrov|geneva");
    // Counted between keys on a slow machine: let the count finish.
    while app.busy() {
        app.update(Msg::Tick(castlist::app::SCAN_SLICE));
    }
    let t = app.target().unwrap();
    assert!(t.is_regex());
    // Lavrov: two titles and two bodies; Geneva: two bodies.
    assert_eq!((t.total(), t.article_count()), (6, 3));
    let text = draw_at(&mut app, 120, 40);
    assert!(text.contains("6 matches · regex"), "{text}");
    run(&mut app, &[ConfirmSearch, NextMatch]);
    assert_eq!(
        current_hit(&app),
        (0, 10),
        "Lavrov in the body after the title"
    );
    // Not valid as a regex: searched as typed.
    run(&mut app, &[Search]);
    typed(&mut app, "(truce");
    assert!(!app.target().unwrap().is_regex());
    assert_eq!(app.target().unwrap().total(), 0);
}
