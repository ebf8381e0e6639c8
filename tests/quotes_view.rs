//! The quotes view (`"`), as a reader uses it on the bundled articles: the
//! selected actor's quotes found off the interface thread (here: the job the
//! app asks for is run in the test, its results fed back as the shell does),
//! listed, narrowed, and `Enter` to jump there; drawn into a `TestBackend` at
//! 120×40 and 80×24, and down to one cell without panic.

mod common;

use castlist::action::Action::{self, *};
use castlist::app::quotes::{QuoteJob, find as find_quotes};
use castlist::app::{App, Effect, Msg, Overlay, Pane, TargetKind, Where};
use castlist::cast::{Cast, Engine};
use castlist::keymap::Keymap;
use common::{draw, screen};
use ratatui::layout::Rect;

/// The bundled articles and their cast, at `width`×`height`.
fn bundled_app(width: u16, height: u16) -> App {
    let corpus = castlist::corpus::bundled();
    let cast = Cast::build(&Engine::builtin(), &corpus.articles);
    let mut app = App::new(corpus, cast, Keymap::builtin());
    app.update(Msg::Resize(Rect::new(0, 0, width, height)));
    app
}

/// Runs `actions`; returns the quote jobs they asked the shell for.
fn act(app: &mut App, actions: &[Action]) -> Vec<QuoteJob> {
    let mut jobs = Vec::new();
    for &action in actions {
        for effect in app.update(action) {
            if let Effect::FindQuotes(job) = effect {
                jobs.push(job);
            }
        }
        let area = app.screen().area;
        app.update(Msg::Resize(area));
    }
    jobs
}

/// What the shell's worker does: runs each job, handing every result to the app.
fn run(app: &mut App, jobs: Vec<QuoteJob>) {
    let engine = Engine::builtin();
    for job in jobs {
        let mut found = Vec::new();
        find_quotes(&engine, job, |m| {
            found.push(m);
            true
        });
        for m in found {
            app.update(m);
        }
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(InsertChar(c));
    }
}

/// Selects `name` in the cast pane with the finder.
fn select(app: &mut App, name: &str) {
    act(app, &[FocusPane(Pane::Cast), FindActor]);
    typed(app, name);
    act(app, &[ConfirmSearch, FocusPane(Pane::Cast)]);
}

#[test]
fn quotes_of_lavrov_are_listed_and_enter_jumps_to_one() {
    let mut app = bundled_app(120, 40);
    select(&mut app, "Lavrov");
    let lavrov = app
        .cast()
        .find("Sergei Lavrov")
        .expect("Lavrov is in the cast");
    assert_eq!(app.cast_view().selected_actor(), Some(lavrov));
    let jobs = act(&mut app, &[Action::Quotes]);
    assert_eq!(app.overlay(), Overlay::Quotes);
    assert_eq!(jobs.len(), 1, "the quotes are asked of the shell");
    assert_eq!(jobs[0].actor, lavrov);
    // The articles the cast says mention him, and no others.
    let mut mentioning: Vec<usize> = app.cast().mentions_of(lavrov).map(|(a, _)| a).collect();
    mentioning.dedup();
    let asked: Vec<usize> = jobs[0].articles.iter().map(|a| a.id()).collect();
    assert_eq!(asked, mentioning);
    assert!(app.quote_count(lavrov).is_none(), "not known until found");
    run(&mut app, jobs);
    let count = app.quote_count(lavrov).expect("all found");
    assert!(count >= 1, "Lavrov is quoted in the bundled articles");
    assert_eq!(app.quotes_view().unwrap().shown.len(), count);
    // Opening it again asks nothing more: the quotes are kept.
    act(&mut app, &[Action::Quotes]);
    assert_eq!(app.overlay(), Overlay::None);
    let jobs = act(&mut app, &[Action::Quotes]);
    assert!(jobs.is_empty(), "found once a session");
    let row = app.quote_row(0).unwrap().clone();
    let before = app.reader().article;
    act(&mut app, &[Down, Up, OpenArticle]);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(app.focus(), Pane::Reader);
    assert_eq!(app.reader().article, row.article);
    assert_eq!(app.list().selected_article(), Some(row.article));
    // The quote is on screen, drawn clear (italic and bold).
    let buf = draw(&mut app);
    let text = screen(&buf);
    let clear = ratatui::style::Modifier::ITALIC | ratatui::style::Modifier::BOLD;
    assert!(
        buf.content.iter().any(|c| c.modifier.contains(clear)),
        "the current quote is marked:\n{text}"
    );
    let first_words: String = row
        .text
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = first_words.trim_start_matches(['"', '“', '\'']);
    assert!(flat.contains(start), "{start:?} not on screen:\n{text}");
    // The quotes are the target now: n goes from quote to quote.
    assert_eq!(
        app.target().map(|t| t.kind.clone()),
        Some(TargetKind::Quotes(lavrov))
    );
    assert_eq!(app.target().unwrap().total(), count);
    assert!(text.contains("said · quote 1 of"), "{text}");
    let status = app.target_status().unwrap();
    assert_eq!(status.at, Where::At { nth: 1 });
    act(&mut app, &[NextMatch]);
    let current = app.target().unwrap().current.clone().unwrap();
    if count > 1 {
        assert_eq!(app.target_status().unwrap().at, Where::At { nth: 2 });
        assert_ne!(current.range, row.extent, "n moved to another quote");
    }
    act(&mut app, &[PrevMatch]);
    assert_eq!(
        app.target().unwrap().current.as_ref().unwrap().range,
        row.extent
    );
    // A jump: Ctrl-o goes back.
    if before != row.article {
        act(&mut app, &[JumpBack]);
        assert_eq!(app.reader().article, before);
    }
}

#[test]
fn narrowing_the_quotes_keeps_the_rows_holding_the_text() {
    let mut app = bundled_app(120, 40);
    select(&mut app, "Lavrov");
    let jobs = act(&mut app, &[Action::Quotes]);
    run(&mut app, jobs);
    let all = app.quotes_view().unwrap().shown.len();
    let word = app
        .quote_row(0)
        .unwrap()
        .text
        .split_whitespace()
        .find(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .expect("a word in the quote")
        .to_string();
    act(&mut app, &[Search]);
    typed(&mut app, &word);
    let shown = app.quotes_view().unwrap().shown.len();
    assert!(shown >= 1 && shown <= all);
    for i in 0..shown {
        let row = app.quote_row(i).unwrap();
        let title = &app.corpus().articles[row.article].title();
        let want = word.to_lowercase();
        assert!(row.text.to_lowercase().contains(&want) || title.to_lowercase().contains(&want));
    }
    typed(&mut app, "zzzqqq");
    assert_eq!(app.quotes_view().unwrap().shown.len(), 0);
    act(&mut app, &[Cancel]);
    assert_eq!(
        app.quotes_view().unwrap().shown.len(),
        all,
        "Esc un-narrows"
    );
    act(&mut app, &[Cancel]);
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn the_quotes_view_shows_progress_then_the_quotes_at_both_sizes() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = bundled_app(w, h);
        select(&mut app, "Lavrov");
        let jobs = act(&mut app, &[Action::Quotes]);
        let of = jobs[0].articles.len();
        let text = screen(&draw(&mut app));
        assert!(
            text.contains(&format!("finding quotes… 0 of {of} articles")),
            "{w}×{h}:\n{text}"
        );
        run(&mut app, jobs);
        let lavrov = app.cast().find("Sergei Lavrov").unwrap();
        let count = app.quote_count(lavrov).unwrap();
        let buf = draw(&mut app);
        let text = screen(&buf);
        assert!(text.contains("Quotes"), "{w}×{h}:\n{text}");
        assert!(
            text.contains(&format!("{count} quotes")),
            "{w}×{h}:\n{text}"
        );
        assert!(!text.contains("finding quotes"), "{w}×{h}:\n{text}");
        // The first quote's opening words on the first row, the view's width.
        let row = app.quote_row(0).unwrap();
        let opening: String = row
            .text
            .split_whitespace()
            .next()
            .unwrap()
            .chars()
            .take(6)
            .collect();
        let line1: String = (0..w).map(|x| buf[(x, 1)].symbol()).collect();
        assert!(
            line1.contains(&opening),
            "{w}×{h}: {opening:?} in {line1:?}"
        );
        // The actor's detail gives the count once the view is closed.
        act(&mut app, &[Cancel]);
        let flat: String = screen(&draw(&mut app))
            .chars()
            .filter(|c| !c.is_whitespace() && !"│┃║".contains(*c))
            .collect();
        let said = if count == 1 { "quote" } else { "quotes" };
        assert!(
            flat.contains(&format!("·{count}{said}")),
            "{w}×{h}:\n{flat}"
        );
    }
}

#[test]
fn the_quotes_view_draws_without_panic_down_to_one_cell() {
    for (w, h) in [(1, 1), (2, 3), (12, 5), (30, 8)] {
        let mut app = bundled_app(120, 40);
        select(&mut app, "Lavrov");
        app.update(Msg::Resize(Rect::new(0, 0, w, h)));
        let jobs = act(&mut app, &[Action::Quotes]);
        draw(&mut app);
        run(&mut app, jobs);
        for step in [&[Down][..], &[Bottom], &[Search], &[Cancel], &[OpenArticle]] {
            act(&mut app, step);
            typed(&mut app, "a");
            draw(&mut app);
        }
    }
}

#[test]
fn quotes_with_no_actor_selected_say_so() {
    let mut app = App::new(
        castlist::corpus::Corpus::default(),
        Cast::default(),
        Keymap::builtin(),
    );
    app.update(Msg::Resize(Rect::new(0, 0, 80, 24)));
    let jobs = act(&mut app, &[Action::Quotes]);
    assert!(jobs.is_empty());
    assert_eq!(app.overlay(), Overlay::None);
    assert!(app.message().unwrap_or("").contains("no actor"));
}

/// An app over `n` articles, each quoting Maria Zakharova once.
fn many_quotes_app(n: usize) -> App {
    let mut corpus = castlist::corpus::Corpus::default();
    for i in 0..n {
        corpus.push(castlist::corpus::Article::new(
            &format!("Briefing number {i}"),
            &format!(
                "Russian Foreign Ministry spokeswoman Maria Zakharova spoke on day {i}. \
                 \"We will answer every question on day {i},\" Zakharova said."
            ),
        ));
    }
    let cast = Cast::build(&Engine::builtin(), &corpus.articles);
    let mut app = App::new(corpus, cast, Keymap::builtin());
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    app
}

#[test]
fn an_actor_of_many_articles_is_handed_to_the_worker_a_chunk_at_a_time() {
    use castlist::app::quotes::CHUNK;
    let n = CHUNK * 3 + 5;
    let mut app = many_quotes_app(n);
    select(&mut app, "Zakharova");
    let actor = app.cast_view().selected_actor().expect("an actor selected");
    let mut jobs = act(&mut app, &[Action::Quotes]);
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].articles.len(), CHUNK, "one chunk copied, not {n}");
    let mut asked = 0;
    let mut most = 0;
    // The shell's worker, one job at a time; each result may ask for more.
    while let Some(job) = jobs.pop() {
        asked += job.articles.len();
        most = most.max(job.articles.len());
        let mut found = Vec::new();
        find_quotes(&Engine::builtin(), job, |m| {
            found.push(m);
            true
        });
        for m in found {
            for effect in app.update(m) {
                if let Effect::FindQuotes(job) = effect {
                    jobs.push(job);
                }
            }
        }
    }
    assert_eq!(asked, n, "every article asked for once");
    assert_eq!(most, CHUNK);
    assert_eq!(app.quote_count(actor), Some(n), "one quote an article");
    assert_eq!(app.quotes_view().unwrap().shown.len(), n);
}

#[test]
fn a_finding_the_cast_has_outdated_asks_for_no_more_chunks() {
    use castlist::app::quotes::CHUNK;
    let mut app = many_quotes_app(CHUNK * 2);
    select(&mut app, "Zakharova");
    let jobs = act(&mut app, &[Action::Quotes]);
    assert_eq!(jobs.len(), 1);
    act(&mut app, &[Cancel]);
    // The cast changes (a rename) while the first chunk is being found.
    act(&mut app, &[FocusPane(Pane::Cast), RenameActor]);
    typed(&mut app, " Jr");
    act(&mut app, &[ConfirmSearch]);
    let mut found = Vec::new();
    for job in jobs {
        find_quotes(&Engine::builtin(), job, |m| {
            found.push(m);
            true
        });
    }
    for m in found {
        let more = app
            .update(m)
            .into_iter()
            .filter(|e| matches!(e, Effect::FindQuotes(_)))
            .count();
        assert_eq!(more, 0, "an outdated finding stops at its chunk");
    }
}
