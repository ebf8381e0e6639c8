//! Counts, motions and jumps as less and vim fingers expect them: `5j`,
//! `10G`, `Ctrl-e` / `Ctrl-y`, `d` / `u`, `s` / `S`, `z` to read zoomed, the
//! jump list (`Ctrl-o` / `Ctrl-i`, `''`) and marks (`ma`, `'a`).

mod common;

use castlist::action::Action::*;
use castlist::app::{App, Msg, Pane, Sort};
use castlist::keymap::KeyChord;
use ratatui::layout::Rect;

/// Types `keys` (keymap names separated by spaces, e.g. "5 j ctrl-e").
fn keys(app: &mut App, keys: &str) {
    for name in keys.split(' ') {
        let chord: KeyChord = name.parse().unwrap();
        app.update(Msg::Key(chord));
        let area = app.screen().area;
        app.update(Msg::Resize(area));
    }
}

/// Forty short articles, "Article 00" to "Article 39", with a long one at 7.
fn forty() -> App {
    let long = vec!["A line of text that goes on for a while, as lines do."; 200];
    let articles = (0..40)
        .map(|i| {
            let title = format!("Article {i:02}");
            if i == 7 {
                common::article(i, &title, &long)
            } else {
                common::article(i, &title, &["Short."])
            }
        })
        .collect();
    let corpus = castlist::corpus::Corpus {
        articles,
        warnings: Vec::new(),
    };
    let cast = common::cast(&corpus);
    let mut app =
        App::new(corpus, cast, castlist::keymap::Keymap::builtin()).with_key_slice(common::PATIENT);
    app.update(Msg::Resize(Rect::new(0, 0, 120, 30)));
    app
}

#[test]
fn a_count_repeats_a_motion_and_picks_a_line_with_g() {
    let mut app = forty();
    keys(&mut app, "5 j");
    assert_eq!(app.list().selected, 5);
    assert_eq!(app.reader().article, 5, "the article follows");
    assert_eq!(app.pending().count, None, "the count is used up");
    keys(&mut app, "2 k");
    assert_eq!(app.list().selected, 3);
    keys(&mut app, "1 2 G");
    assert_eq!(app.list().selected, 11, "12G: the twelfth");
    keys(&mut app, "G");
    assert_eq!(app.list().selected, 39);
    keys(&mut app, "3 0 0 g");
    assert_eq!(app.list().selected, 39, "past the end: the last");
    // A count being typed shows, and Esc drops it.
    keys(&mut app, "4");
    assert_eq!(app.pending().count, Some(4));
    keys(&mut app, "esc k");
    assert_eq!(
        app.list().selected,
        38,
        "Esc dropped the count: k moved one"
    );
}

#[test]
fn counts_in_the_reader_go_to_rows_and_repeat_article_steps() {
    let mut app = forty();
    keys(&mut app, "8 G enter");
    assert_eq!(app.reader().article, 7);
    assert_eq!(app.focus(), Pane::Reader);
    keys(&mut app, "1 0 G");
    assert_eq!(app.reader().scroll, 9, "10G: row 10 at the top");
    keys(&mut app, "3 j");
    assert_eq!(app.reader().scroll, 12);
    keys(&mut app, "ctrl-e");
    assert_eq!(app.reader().scroll, 13);
    keys(&mut app, "5 ctrl-y");
    assert_eq!(app.reader().scroll, 8);
    // d and u: half a page, as in less.
    let half = app.reader().height.div_ceil(2);
    keys(&mut app, "d");
    assert_eq!(app.reader().scroll, 8 + half);
    keys(&mut app, "u u");
    assert_eq!(app.reader().scroll, 0);
    keys(&mut app, "3 ]");
    assert_eq!(app.reader().article, 10);
    keys(&mut app, "2 [");
    assert_eq!(app.reader().article, 8);
}

#[test]
fn ctrl_e_scrolls_the_list_and_drags_the_cursor_only_at_the_edge() {
    let mut app = forty();
    keys(&mut app, "3 j");
    let height = app.list().height;
    keys(&mut app, "ctrl-e");
    assert_eq!((app.list().offset, app.list().selected), (1, 3));
    keys(&mut app, "5 ctrl-e");
    assert_eq!((app.list().offset, app.list().selected), (6, 6));
    assert_eq!(
        app.reader().article,
        6,
        "the dragged cursor opens its article"
    );
    keys(&mut app, "ctrl-y");
    assert_eq!(app.list().offset, 5);
    assert_eq!(app.list().selected, 6);
    keys(&mut app, "G 9 9 ctrl-e");
    assert_eq!(app.list().offset, 40 - height, "no further than the end");
}

#[test]
fn s_and_capital_s_sort_forth_and_back() {
    let mut app = forty();
    assert_eq!(app.list().sort, Sort::Original);
    keys(&mut app, "s");
    assert_eq!(app.list().sort, Sort::Date);
    keys(&mut app, "s");
    assert_eq!(app.list().sort, Sort::Title);
    keys(&mut app, "S S");
    assert_eq!(app.list().sort, Sort::Original);
    keys(&mut app, "S");
    assert_eq!(app.list().sort, Sort::Source, "back wraps round");
}

#[test]
fn z_zooms_the_reader_and_back() {
    let mut app = forty();
    app.update(FocusPane(Pane::Cast));
    keys(&mut app, "z");
    assert!(app.zoomed());
    assert_eq!(app.focus(), Pane::Reader);
    let screen = *app.screen();
    assert!(screen.articles.is_none() && screen.cast.is_none());
    assert_eq!(screen.reader.unwrap().width, 120, "the whole width");
    keys(&mut app, "z");
    assert!(!app.zoomed());
    assert!(app.screen().articles.is_some() && app.screen().cast.is_some());
}

/// (article, reader's top row) — where the reader is.
fn at(app: &App) -> (usize, usize) {
    (app.reader().article, app.reader().scroll)
}

#[test]
fn ctrl_o_goes_back_across_jumps_and_ctrl_i_forward_again() {
    let mut app = forty();
    keys(&mut app, "8 G enter");
    assert_eq!(at(&app), (7, 0));
    keys(&mut app, "G");
    let bottom = at(&app);
    assert!(bottom.1 > 0);
    keys(&mut app, "j j");
    let below = at(&app);
    keys(&mut app, "ctrl-o");
    assert_eq!(at(&app), (7, 0), "back before G");
    keys(&mut app, "ctrl-o");
    assert_eq!(at(&app), (0, 0), "back before 8G");
    assert_eq!(app.list().selected_article(), Some(0), "the list follows");
    keys(&mut app, "ctrl-o");
    assert_eq!(at(&app), (0, 0), "nothing older");
    assert_eq!(app.message(), Some("no older place"));
    keys(&mut app, "alt-right");
    assert_eq!(at(&app), (7, 0));
    keys(&mut app, "ctrl-i");
    assert_eq!(at(&app), below, "forward to where Ctrl-o left from");
    // A new jump forgets the places ahead.
    keys(&mut app, "ctrl-o ctrl-o ]");
    keys(&mut app, "alt-right");
    assert_eq!(app.message(), Some("no newer place"));
}

#[test]
fn quote_quote_goes_back_before_the_latest_jump_and_toggles() {
    let mut app = forty();
    keys(&mut app, "8 G enter 5 j");
    let before = at(&app);
    keys(&mut app, "G");
    let bottom = at(&app);
    keys(&mut app, "' '");
    assert_eq!(at(&app), before);
    keys(&mut app, "' '");
    assert_eq!(at(&app), bottom);
}

#[test]
fn marks_remember_an_article_and_a_place_in_it() {
    let mut app = forty();
    keys(&mut app, "8 G enter 1 2 j m a");
    let marked = at(&app);
    assert_eq!(app.message(), Some("mark a set"));
    keys(&mut app, "g [ [ [");
    assert_ne!(at(&app), marked);
    keys(&mut app, "' a");
    assert_eq!(at(&app), marked);
    // Resized, the mark keeps its text at the top, not its row.
    app.update(Msg::Resize(Rect::new(0, 0, 90, 30)));
    keys(&mut app, "g ' a");
    let top = app.reader().top_byte();
    app.update(Msg::Resize(Rect::new(0, 0, 120, 30)));
    keys(&mut app, "g ' a");
    assert_eq!(at(&app), marked);
    assert!(app.reader().top_byte() <= top);
    keys(&mut app, "' b");
    assert_eq!(app.message(), Some("mark b is not set"));
    keys(&mut app, "m A");
    assert_eq!(app.message(), Some("marks are the letters a to z"));
    // While the letter is awaited the status line says so; Esc lets it go.
    keys(&mut app, "m");
    assert!(app.pending().mark.is_some());
    keys(&mut app, "esc j");
    assert!(app.pending().mark.is_none());
}

#[test]
fn n_and_a_search_are_jumps_to_come_back_from() {
    let mut app = common::app();
    app.update(FocusPane(Pane::Reader));
    keys(&mut app, "/ l a v r o v enter");
    let first = at(&app);
    keys(&mut app, "n n");
    assert_ne!(at(&app), first);
    keys(&mut app, "ctrl-o");
    keys(&mut app, "ctrl-o");
    assert_eq!(at(&app), first);
    keys(&mut app, "ctrl-o");
    assert_eq!(at(&app), (0, 0), "back before the search");
}
