//! An article's web address: shown in the reader's header, opened with `o`
//! (web addresses only), copied with `y`.

mod common;

use castlist::action::Action::*;
use castlist::app::{App, Effect, Msg};
use ratatui::layout::Rect;

fn app_with_urls(urls: &[Option<&str>]) -> App {
    let articles = urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            let mut a = common::article(i, &format!("Story {i}"), &["Some text."]);
            a.set_url(url.map(str::to_string));
            a
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
    app.update(Msg::Resize(Rect::new(0, 0, 120, 30)));
    app
}

#[test]
fn o_opens_and_y_copies_the_web_address() {
    let url = "https://example.com/2016/09/28/syria?ref=castlist";
    let mut app = app_with_urls(&[Some(url), None, Some("javascript:alert(1)")]);
    assert_eq!(app.update(OpenUrl), [Effect::Open(url.into())]);
    assert_eq!(app.update(CopyUrl), [Effect::Copy(url.into())]);
    app.update(Down);
    assert!(app.update(OpenUrl).is_empty());
    assert_eq!(app.message(), Some("this article has no web address"));
    app.update(Down);
    assert!(
        app.update(OpenUrl).is_empty(),
        "only web addresses are opened"
    );
    assert_eq!(
        app.message(),
        Some("only http and https addresses are opened")
    );
    assert_eq!(
        app.update(CopyUrl),
        [Effect::Copy("javascript:alert(1)".into())],
        "but any can be copied"
    );
    // What the shell says back shows in the status line.
    app.update(Msg::Notice("opened with firefox".into()));
    assert_eq!(app.message(), Some("opened with firefox"));
}

#[test]
fn the_web_address_is_in_the_reader_header() {
    let url = "https://example.com/a/long/path/to/the/story/of/the/day/that/goes/on";
    let mut app = app_with_urls(&[Some(url)]);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| {
            app.update(Msg::Resize(f.area()));
            castlist::ui::render(&app, f);
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    let reader = app.screen().reader.unwrap();
    let text: String = (0..24)
        .map(|y| {
            (reader.x + 2..reader.x + reader.width - 2)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    assert!(text.contains(url), "the whole address, wrapped:\n{text}");
}
