//! One frame: an action applied and the screen drawn into a 200×50 TestBackend,
//! on the bundled corpus and on a synthetic corpus of 10,000 articles.
//!
//! Run: `cargo bench --bench frame`. Target: median under 1 ms for both.

#[path = "support/synth.rs"]
mod synth;

use castlist::action::Action;
use castlist::app::Msg;
use castlist::app::{App, Pane};
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Corpus};
use castlist::keymap::Keymap;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn app(corpus: Corpus) -> App {
    let cast = Cast::build(&Engine::builtin(), &corpus.articles);
    App::new(corpus, cast, Keymap::builtin())
}

/// Applies `actions` in turn, one per frame, drawing each.
fn frames(bencher: Bencher, mut app: App, focus: Pane, actions: &[Action]) {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    app.update(castlist::action::Action::FocusPane(focus));
    if focus == Pane::Cast {
        app.update(Action::FollowActor);
    }
    let mut i = 0;
    bencher.bench_local(|| {
        app.update(actions[i % actions.len()]);
        i += 1;
        terminal
            .draw(|frame| {
                app.update(Msg::Resize(frame.area()));
                castlist::ui::render(&app, frame);
            })
            .unwrap();
    });
}

const SCROLL: &[Action] = &[Action::Down, Action::Down, Action::Up];
const LIST: &[Action] = &[Action::Down, Action::Down, Action::Down, Action::Top];
const MENTIONS: &[Action] = &[Action::NextMatch];
/// Typing "/the" and leaving: each key starts a new search of the corpus
/// (counted for at most a millisecond per key, the rest between keys).
const SEARCH: &[Action] = &[
    Action::Search,
    Action::InsertChar('t'),
    Action::InsertChar('h'),
    Action::InsertChar('e'),
    Action::Cancel,
];

#[divan::bench(args = ["scroll", "list", "next_mention"])]
fn bundled(bencher: Bencher, what: &str) {
    let (focus, actions) = match what {
        "scroll" => (Pane::Reader, SCROLL),
        "list" => (Pane::Articles, LIST),
        _ => (Pane::Cast, MENTIONS),
    };
    frames(bencher, app(corpus::bundled()), focus, actions);
}

#[divan::bench(args = ["scroll", "list", "next_mention", "search_typing"], sample_count = 200)]
fn synthetic_10k(bencher: Bencher, what: &str) {
    let (focus, actions) = match what {
        "scroll" => (Pane::Reader, SCROLL),
        "list" => (Pane::Articles, LIST),
        "search_typing" => (Pane::Reader, SEARCH),
        _ => (Pane::Cast, MENTIONS),
    };
    frames(bencher, app(synth::corpus(10_000, 3_000)), focus, actions);
}
