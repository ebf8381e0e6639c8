//! Regression tests for bugs that the property tests and fuzzing found outside
//! the modules this file's owner maintains, each named after its bug. (Bugs in
//! a module with unit tests have their regression test next to the code.)

use castlist::action::Action::{self, *};
use castlist::app::App;
use castlist::app::Msg;
use castlist::cast::{Cast, Engine};
use castlist::corpus::{Corpus, Origin, text};
use castlist::keymap::Keymap;
use ratatui::layout::Rect;

fn app_of(texts: &[&str]) -> App {
    let mut corpus = Corpus::default();
    for raw in texts {
        if let Some(a) = text::parse_text(raw, Origin::file("r.txt"), false) {
            corpus.push(a);
        }
    }
    let cast = Cast::build(&Engine::builtin(), &corpus.articles);
    App::new(corpus, cast, Keymap::builtin())
}

fn run(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
        app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    }
}

#[test]
fn filter_that_hides_the_selected_article_keeps_the_selection_in_the_list() {
    // Found by tests/props.rs: with the reader on an article without matches,
    // `f` filtered the list to the matching articles but left the selection
    // index where it was — past the end of the shorter list, so nothing was
    // highlighted and Enter did nothing.
    let mut app = app_of(&[
        "One\n\nnothing here",
        "Two\n\nnor here",
        "Three\n\nJohn Kerry",
    ]);
    run(&mut app, &[Bottom, FollowActor, Up, ToggleFilter]);
    assert_eq!(app.list().shown, vec![2]);
    assert!(app.list().selected < app.list().shown.len());
    assert_eq!(app.list().selected_article(), Some(2));
}

#[test]
fn filter_by_a_search_without_matches_keeps_the_selection_in_the_list() {
    // The same bug with an empty filtered list: the selection must be 0.
    let mut app = app_of(&["One\n\nalpha", "Two\n\nbeta", "Three\n\ngamma"]);
    run(&mut app, &[Bottom, Search]);
    for c in "zzz".chars() {
        app.update(InsertChar(c));
    }
    run(&mut app, &[ConfirmSearch, ToggleFilter]);
    assert!(app.list().shown.is_empty());
    assert_eq!(app.list().selected, 0);
    assert_eq!(app.list().selected_article(), None);
}

#[test]
fn deprecated_format_chars_survived_cleaning() {
    // Found by the `load` fuzz target: U+206A..U+206F (deprecated format
    // controls) and U+FFF9..U+FFFB (interlinear annotation) are invisible like
    // the zero-width chars the cleaner drops, but were kept in bodies.
    let raw = "Title\n\nA\u{206a}B\u{206f}C \u{fff9}D\u{fffa}E\u{fffb}";
    let article = text::parse_text(raw, Origin::file("r.txt"), false).unwrap();
    assert_eq!(article.body(), "ABC DE");
}
