//! Render tests: the fixture app drawn into a `TestBackend`, with assertions on
//! text and — since snapshots cannot show colour — on the styles of the cells
//! that hold mentions.

mod common;

use castlist::action::Action;
use castlist::app::{App, Msg, Pane};
use castlist::ui::theme::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    draw_in(app, &Theme::COLOR, width, height)
}

fn draw_in(app: &mut App, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            app.update(Msg::Resize(frame.area()));
            castlist::ui::render_with(app, theme, frame);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn screen_text(buf: &Buffer) -> String {
    screen(buf)
}

fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every (x, y) where `word` is drawn.
fn find(buf: &Buffer, word: &str) -> Vec<(u16, u16)> {
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        let cells: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        for x in 0..cells.len() {
            let mut s = String::new();
            for c in &cells[x..] {
                s.push_str(c);
                if s.len() >= word.len() {
                    break;
                }
            }
            if s == word {
                found.push((x as u16, y));
            }
        }
    }
    found
}

fn follow_kerry(app: &mut App) {
    app.update(castlist::action::Action::FocusPane(Pane::Cast));
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    let row = app
        .cast_view()
        .rows
        .iter()
        .position(|(id, _)| app.cast().actor(*id).unwrap().name == "John Kerry")
        .unwrap();
    for _ in 0..row {
        app.update(Action::Down);
    }
    app.update(Action::FollowActor);
}

#[test]
fn three_panes_at_120_by_40() {
    let mut app = common::app();
    let buf = draw(&mut app, 120, 40);
    let text = screen(&buf);
    assert!(text.contains("Articles 4"), "{text}");
    assert!(text.contains("Reader"), "{text}");
    assert!(text.contains("Cast 3"), "{text}");
    assert!(text.contains("Kerry meets Lavrov"));
    assert!(text.contains("Kerry met Lavrov in Geneva."));
    assert!(text.contains("John Kerry"));
    // The focused pane's border stands out.
    assert_eq!(buf[(0, 0)].style().fg, theme::BORDER_FOCUSED.fg);
    let reader_x = app.screen().reader.unwrap().x;
    assert_eq!(buf[(reader_x, 0)].style().fg, theme::BORDER.fg);
    // The status line carries the hints of the focused pane.
    assert!(
        row_text(&buf, 39).contains("Enter open"),
        "{}",
        row_text(&buf, 39)
    );
}

#[test]
fn mention_cells_carry_the_highlight_styles() {
    let mut app = common::app();
    follow_kerry(&mut app);
    let buf = draw(&mut app, 120, 40);
    let reader = app.screen().reader.unwrap();
    let in_reader: Vec<(u16, u16)> = find(&buf, "Kerry")
        .into_iter()
        .filter(|&(x, _)| x > reader.x && x < reader.x + reader.width)
        .collect();
    // Title row "Kerry meets Lavrov" is not highlighted; the two body mentions are.
    let styled: Vec<_> = in_reader
        .iter()
        .filter(|&&(x, y)| {
            buf[(x, y)].style().bg == theme::MENTION.bg
                || buf[(x, y)].style().bg == theme::MENTION_CURRENT.bg
        })
        .collect();
    assert_eq!(styled.len(), 2, "{}", screen(&buf));
    // The current mention (the first) stands out from the other, on every cell.
    let (x0, y0) = *styled[0];
    for dx in 0..5 {
        assert_eq!(buf[(x0 + dx, y0)].style().bg, theme::MENTION_CURRENT.bg);
    }
    let (x1, y1) = *styled[1];
    for dx in 0..5 {
        assert_eq!(buf[(x1 + dx, y1)].style().bg, theme::MENTION.bg);
    }
    // Exactly the mention: the cells either side are plain.
    assert_ne!(buf[(x1 + 5, y1)].style().bg, theme::MENTION.bg);
    assert_ne!(buf[(x1 - 1, y1)].style().bg, theme::MENTION.bg);
    // The status line says where we are; the article list shows counts.
    let status = row_text(&buf, 39);
    assert!(
        status.contains("John Kerry · mention 1 of 6 in 3 articles"),
        "{status}"
    );
    assert!(
        row_text(&buf, 1).contains("  2 Kerry meets Lavrov"),
        "{}",
        row_text(&buf, 1)
    );
}

#[test]
fn a_mention_straddling_rows_is_highlighted_on_both() {
    let mut app = common::app();
    follow_kerry(&mut app);
    app.update(Action::NextMatch);
    app.update(Action::NextMatch); // article 2: "Lavrov spoke, and Kerry listened ..."
    // Narrow enough that the reader wraps; check every drawn "Kerry" cell is highlighted.
    let buf = draw(&mut app, 80, 24);
    let reader = app.screen().reader.unwrap();
    let hits: Vec<_> = find(&buf, "Kerry")
        .into_iter()
        .filter(|&(x, _)| x > reader.x && x < reader.x + reader.width)
        .collect();
    assert!(!hits.is_empty(), "{}", screen(&buf));
    for (x, y) in hits {
        if buf[(x, y)].style().bg.is_some() {
            assert_eq!(buf[(x, y)].style().bg, theme::MENTION_CURRENT.bg);
        }
    }
}

#[test]
fn tiny_terminal_says_so() {
    let mut app = common::app();
    let buf = draw(&mut app, 20, 6);
    let text = screen(&buf);
    // 20×6 is the smallest supported size: one pane, with tabs.
    assert!(text.contains("Articles"), "{text}");
    let buf = draw(&mut app, 19, 6);
    assert!(screen(&buf).contains("terminal too"), "{}", screen(&buf));
    for (w, h) in [(1, 1), (2, 1), (1, 3), (0, 0)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn help_lists_every_binding_from_the_keymap() {
    let mut app = common::app();
    app.update(Action::Help);
    let buf = draw(&mut app, 120, 150);
    let text = screen(&buf);
    for needle in [
        "Help",
        "quit",
        "q / Ctrl-c",
        "next mention",
        "Enter",
        "follow actor",
        "Shift-Tab",
        "search",
    ] {
        assert!(text.contains(needle), "help lacks {needle:?}:\n{text}");
    }
}

#[test]
fn one_pane_mode_shows_the_focused_pane_and_the_tabs() {
    let mut app = common::app();
    app.update(Action::FocusNext);
    let buf = draw(&mut app, 60, 20);
    let text = screen(&buf);
    let tabs = row_text(&buf, 0);
    assert!(tabs.starts_with(" Articles   Reader   Cast "), "{tabs}");
    // The focused pane's tab is the highlighted one.
    let reader_tab = tabs.find("Reader").unwrap() as u16;
    assert_eq!(buf[(reader_tab, 0)].style().bg, theme::TAB_FOCUSED.bg);
    assert_ne!(buf[(2, 0)].style().bg, theme::TAB_FOCUSED.bg);
    assert!(text.contains("Kerry met Lavrov"), "{text}");
    assert!(
        !text.contains("Weather report"),
        "the article list is hidden:\n{text}"
    );
}

#[test]
fn help_scrolls_to_its_last_line_and_no_further() {
    let mut app = common::app();
    app.update(Action::Help);
    draw(&mut app, 100, 16);
    let lines = castlist::ui::help_lines(&app, &Theme::COLOR);
    let text_of = |i: usize| -> String {
        lines[i]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
            .trim_end()
            .to_string()
    };
    let (last, before) = (text_of(lines.len() - 1), text_of(lines.len() - 2));
    // The help box's last text row is the row above its bottom border (the
    // screen's row 13 of 16: the box leaves a row above and below).
    app.update(Action::Bottom);
    let buf = draw(&mut app, 100, 16);
    assert!(
        row_text(&buf, 13).contains(&last),
        "the last line is at the bottom:\n{}",
        screen(&buf)
    );
    app.update(Action::Down);
    let buf = draw(&mut app, 100, 16);
    assert!(row_text(&buf, 13).contains(&last), "and no further");
    app.update(Action::Up);
    let buf = draw(&mut app, 100, 16);
    assert!(
        row_text(&buf, 13).contains(&before),
        "one line up:\n{}",
        screen(&buf)
    );
}

#[test]
fn warnings_view_lists_file_and_line_and_the_status_counts_them() {
    use castlist::corpus::{Origin, Warning};
    let mut corpus = common::corpus();
    corpus.warnings.push(Warning {
        origin: Origin::at_line("feeds/a.jsonl", 17),
        message: "malformed JSON; skipped".into(),
    });
    let cast = common::cast(&corpus);
    let mut app = App::new(corpus, cast, castlist::keymap::Keymap::builtin());
    let buf = draw(&mut app, 120, 30);
    assert!(
        row_text(&buf, 29).contains("⚠ 1 (w)"),
        "{}",
        row_text(&buf, 29)
    );
    app.update(Action::Warnings);
    let text = screen(&draw(&mut app, 120, 30));
    assert!(
        text.contains("feeds/a.jsonl:17: malformed JSON; skipped"),
        "{text}"
    );
    // Esc, as the keymap resolves it in the warnings view, closes it.
    let esc = castlist::keymap::KeyChord::plain(castlist::keymap::Key::Esc);
    app.update(Msg::Key(esc));
    assert_eq!(app.overlay(), castlist::app::Overlay::None);
}

#[test]
fn a_search_finds_and_highlights_titles() {
    let mut app = common::app();
    app.update(castlist::action::Action::FocusPane(Pane::Reader));
    app.update(Action::Search);
    for c in "meets".chars() {
        app.update(Action::InsertChar(c));
    }
    app.update(Action::ConfirmSearch);
    let target = app.target().unwrap();
    assert_eq!(target.total(), 1, "only the title of article 0 says it");
    assert_eq!(app.reader().article, 0);
    let buf = draw(&mut app, 120, 40);
    let reader_x = app.screen().reader.unwrap().x;
    let cells: Vec<(u16, u16)> = find(&buf, "meets")
        .into_iter()
        .filter(|&(x, _)| x > reader_x)
        .collect();
    assert_eq!(cells.len(), 1, "{}", screen(&buf));
    let (x, y) = cells[0];
    for dx in 0..5 {
        assert_eq!(buf[(x + dx, y)].style().bg, theme::MENTION_CURRENT.bg);
    }
    // The rest of the title keeps the title's style.
    let before = buf[(x - 2, y)].style();
    assert_ne!(before.bg, theme::MENTION_CURRENT.bg);
    assert!(
        before
            .add_modifier
            .contains(theme::ARTICLE_TITLE.add_modifier)
    );
    assert!(
        castlist::ui::target_summary(&app)
            .unwrap()
            .contains("match 1 of 1 in 1 article")
    );
}

#[test]
fn a_followed_actor_is_highlighted_in_titles_too() {
    use castlist::cast::{Cast, Engine};
    use castlist::corpus::Part;
    let corpus = castlist::corpus::bundled();
    let cast = Cast::build(&Engine::builtin(), &corpus.articles);
    let mut app = App::new(corpus, cast, castlist::keymap::Keymap::builtin());
    follow_kerry(&mut app);
    // Step through his mentions to one in a headline.
    let total = app.target().unwrap().total();
    let mut in_title = false;
    for _ in 0..total {
        let hit = app.target().unwrap().current.clone().unwrap();
        let article = &app.corpus().articles[hit.article];
        if let Some(Part::Title { .. }) = article.part(hit.range.clone()) {
            in_title = true;
            break;
        }
        app.update(Action::NextMatch);
    }
    assert!(in_title, "two headlines name Kerry");
    let buf = draw(&mut app, 120, 40);
    let reader_x = app.screen().reader.unwrap().x;
    let (x, y) = find(&buf, "Kerry")
        .into_iter()
        .filter(|&(x, _)| x > reader_x)
        .min_by_key(|&(_, y)| y)
        .unwrap();
    assert_eq!(y, 1, "the title is the reader's first row");
    for dx in 0..5 {
        assert_eq!(buf[(x + dx, y)].style().bg, theme::MENTION_CURRENT.bg);
    }
}

/// The cells of row `y` between `x0` and `x1` (exclusive).
fn cells(buf: &Buffer, y: u16, x0: u16, x1: u16) -> Vec<&ratatui::buffer::Cell> {
    (x0..x1).map(|x| &buf[(x, y)]).collect()
}

#[test]
fn without_colour_the_cursor_the_mentions_and_the_focus_still_show() {
    let mut app = common::app();
    follow_kerry(&mut app);
    let buf = draw_in(&mut app, &Theme::MONO, 120, 40);
    // No colour anywhere.
    for cell in &buf.content {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "a coloured cell {cell:?}"
        );
    }
    let screen = *app.screen();
    // The focused pane (the cast) has a bold border; the others do not.
    let cast = screen.cast.unwrap();
    assert!(buf[(cast.x, cast.y)].modifier.contains(Modifier::BOLD));
    let articles = screen.articles.unwrap();
    assert!(
        !buf[(articles.x, articles.y)]
            .modifier
            .contains(Modifier::BOLD)
    );
    // The cursor rows are reversed, in the focused pane bold too.
    let cast_row = cast.y + 1 + app.cast_view().selected as u16;
    for cell in cells(&buf, cast_row, cast.x + 1, cast.x + cast.width - 1) {
        assert!(
            cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD),
            "{cell:?}"
        );
    }
    let list_row = articles.y + 1 + app.list().selected as u16;
    for cell in cells(
        &buf,
        list_row,
        articles.x + 1,
        articles.x + articles.width - 1,
    ) {
        assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    }
    // The mentions: the current one reversed, the others underlined, the
    // text between them plain.
    let reader = screen.reader.unwrap();
    let kerry: Vec<(u16, u16)> = find(&buf, "Kerry")
        .into_iter()
        .filter(|&(x, y)| x > reader.x && x < reader.x + reader.width && y > 2)
        .collect();
    assert_eq!(kerry.len(), 2, "{}", screen_text(&buf));
    for dx in 0..5 {
        let (x, y) = kerry[0];
        assert!(
            buf[(x + dx, y)]
                .modifier
                .contains(Modifier::REVERSED | Modifier::UNDERLINED)
        );
        let (x, y) = kerry[1];
        assert!(buf[(x + dx, y)].modifier.contains(Modifier::UNDERLINED));
        assert!(!buf[(x + dx, y)].modifier.contains(Modifier::REVERSED));
    }
    let (x, y) = kerry[1];
    assert!(buf[(x + 5, y)].modifier.is_empty(), "{:?}", buf[(x + 5, y)]);
    // The status line stands apart from the panes.
    assert!(buf[(0, 39)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn selected_rows_never_draw_text_in_the_cursor_colour() {
    use castlist::cast::{Cast, Engine, Kind};
    let corpus = castlist::corpus::bundled();
    let cast = Cast::build(&Engine::builtin(), &corpus.articles);
    let mut app = App::new(corpus, cast, castlist::keymap::Keymap::builtin());
    // The last sample article is the dated one: its date shows in the list.
    app.update(Action::Bottom);
    app.update(Action::FocusPane(Pane::Cast));
    draw(&mut app, 160, 45);
    // Select a place in the focused cast (blue letter, blue cursor).
    let place = app
        .cast_view()
        .rows
        .iter()
        .position(|&(id, _)| app.cast().actor(id).unwrap().kind == Kind::Place)
        .expect("the sample articles name places");
    for _ in 0..place {
        app.update(Action::Down);
    }
    let buf = draw(&mut app, 160, 45);
    let screen = *app.screen();
    let visible = |cell: &ratatui::buffer::Cell| {
        cell.symbol() == " " || cell.fg == Color::Reset || cell.fg != cell.bg
    };
    let cast = screen.cast.unwrap();
    let y = cast.y + 1 + (app.cast_view().selected - app.cast_view().offset) as u16;
    for cell in cells(&buf, y, cast.x + 1, cast.x + cast.width - 1) {
        assert!(visible(cell), "invisible in the focused cast: {cell:?}");
    }
    // The unfocused article list's cursor row, with its grey date.
    let articles = screen.articles.unwrap();
    let y = articles.y + 1 + (app.list().selected - app.list().offset) as u16;
    let row = cells(&buf, y, articles.x + 1, articles.x + articles.width - 1);
    assert!(
        row.iter()
            .any(|c| c.symbol().chars().all(|c| c.is_ascii_digit()))
    );
    for cell in row {
        assert!(visible(cell), "invisible in the unfocused list: {cell:?}");
    }
}

#[test]
fn identical_copies_are_information_not_a_warning() {
    use castlist::index::Event;
    let mut app = common::empty_app();
    let story = || common::article(0, "Talks", &["Kerry met Lavrov."]);
    app.update(Msg::Indexed(Event::Articles(vec![
        common::indexed(0, story()),
        common::indexed(1, story()),
    ])));
    app.update(Msg::Indexed(Event::Done));
    assert!(app.corpus().warnings.is_empty());
    assert_eq!(app.copies().len(), 1);
    let buf = draw(&mut app, 120, 30);
    assert!(!row_text(&buf, 29).contains('⚠'), "{}", row_text(&buf, 29));
    app.update(Action::Warnings);
    let text = screen(&draw(&mut app, 120, 30));
    assert!(text.contains("Everything loaded cleanly."), "{text}");
    assert!(text.contains("Identical copies skipped (1)"), "{text}");
}

#[test]
fn the_warnings_view_scrolls_sideways_to_the_end_of_long_lines() {
    use castlist::corpus::{Origin, Warning};
    let mut corpus = common::corpus();
    let deep = format!("{}/feed.jsonl", "very-long-folder-name".repeat(8));
    corpus.warnings.push(Warning {
        origin: Origin::at_line(deep.as_str(), 17),
        message: "malformed JSON; skipped (THE END)".into(),
    });
    let cast = common::cast(&corpus);
    let mut app = App::new(corpus, cast, castlist::keymap::Keymap::builtin());
    app.update(Action::Warnings);
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("very-long-folder-name"), "{text}");
    assert!(!text.contains("THE END"), "cut at first:\n{text}");
    for _ in 0..40 {
        app.update(Action::ScrollRight);
    }
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("skipped (THE END)"), "{text}");
    // And no further than the end: the end stays at the right edge.
    assert!(text.contains("(THE END)│"), "{text}");
    app.update(Action::Top);
    for _ in 0..40 {
        app.update(Action::ScrollLeft);
    }
    assert!(screen(&draw(&mut app, 80, 24)).contains("very-long-folder-namevery"));
}

#[test]
fn the_list_shows_sources_where_there_is_room_and_when_sorted_by_source() {
    let mut corpus = common::corpus();
    for (i, a) in corpus.articles.iter_mut().enumerate() {
        a.set_source(Some(if i % 2 == 0 { "Reuters" } else { "AP" }.into()));
    }
    let cast = common::cast(&corpus);
    let mut app = App::new(corpus, cast, castlist::keymap::Keymap::builtin());
    // 120 columns: the list is 30 wide, too narrow beside the titles.
    let buf = draw(&mut app, 120, 30);
    let list_width = app.screen().articles.unwrap().width;
    let list_row = |buf: &Buffer, y: u16| -> String {
        (0..list_width).map(|x| buf[(x, y)].symbol()).collect()
    };
    assert!(
        !list_row(&buf, 1).contains("Reuters"),
        "{}",
        list_row(&buf, 1)
    );
    // 200 columns: room for it, after the title.
    let buf = draw(&mut app, 200, 30);
    let list_width = app.screen().articles.unwrap().width;
    let row: String = (0..list_width).map(|x| buf[(x, 1)].symbol()).collect();
    assert!(row.find("Kerry meets") < row.find("Reuters"), "{row}");
    // Sorted by source, at 120: the source comes first, so the groups show.
    app.update(Action::CycleSortBack);
    let buf = draw(&mut app, 120, 30);
    let first = list_row(&buf, 1);
    assert!(first.trim_start_matches('┃').starts_with("AP "), "{first}");
    let last = list_row(&buf, 4);
    assert!(last.contains("Reuters"), "{last}");
}

#[test]
fn help_explains_the_screen_before_the_keys() {
    let mut app = common::app();
    app.update(Action::Help);
    let text = screen(&draw(&mut app, 120, 60));
    for needle in [
        "The screen",
        "P",
        "a person",
        "an organisation",
        "a place",
        "●",
        "the actor followed",
        "count per article",
        "until c shows all",
        "unread titles bold",
    ] {
        assert!(text.contains(needle), "help lacks {needle:?}:\n{text}");
    }
    assert!(text.find("The screen") < text.find("Everywhere"), "{text}");
}
