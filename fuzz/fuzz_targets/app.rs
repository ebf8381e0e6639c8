//! Fuzz target: `App::update` under random action sequences, typed characters
//! and terminal sizes from 1×1 to 500×200, over a small corpus of fuzzed
//! articles with engine-found and fuzzed mentions. After every step the app is
//! synced and drawn as the event loop would, and its invariants are checked.

#![no_main]

use arbitrary::Arbitrary;
use castlist::app::App;
use castlist::cast::{Cast, DocActors, DocMention, Engine, Form, Kind};
use castlist::corpus::{Corpus, Origin, text};
use castlist::keymap::Keymap;
use libfuzzer_sys::fuzz_target;
use ratatui::layout::Rect;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

#[derive(Debug, Arbitrary)]
enum Step {
    Act(u8),
    Type(char),
    Resize(u16, u16),
    /// What the event loop does between keys: one slice of a search's count.
    Work,
}

/// Built once per process: building it per input (5–14 ms) held the target
/// to about a dozen runs a second.
static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::builtin);

#[derive(Debug, Arbitrary)]
struct Input {
    articles: Vec<String>,
    /// Extra mentions (article, start, end), to stress highlighting.
    mentions: Vec<(u8, u16, u16)>,
    steps: Vec<Step>,
}

fuzz_target!(|input: Input| {
    let mut corpus = Corpus::default();
    for raw in input.articles.iter().take(6) {
        if let Some(article) = text::parse_text(raw, Origin::file("fuzz.txt"), false) {
            corpus.push(article);
        }
    }
    let engine = &*ENGINE;
    let mut cast = Cast::default();
    for article in &corpus.articles {
        let mut doc = engine.analyze(article.document());
        add_fuzzed(&mut doc, article.id(), &input.mentions);
        cast.add(article.id(), article, &doc);
    }
    let mut app = App::new(corpus, cast, Keymap::builtin());
    let mut area = Rect::new(0, 0, 120, 40);
    for step in input.steps.iter().take(64) {
        match *step {
            Step::Act(n) => {
                app.update(invariants::ACTIONS[usize::from(n) % invariants::ACTIONS.len()]);
            }
            Step::Type(c) => {
                app.update(castlist::action::Action::InsertChar(c));
            }
            Step::Resize(w, h) => area = Rect::new(0, 0, 1 + w % 500, 1 + h % 200),
            Step::Work => {
                app.update(castlist::app::Msg::Tick(std::time::Duration::ZERO));
            }
        }
        invariants::draw(&mut app, area);
        invariants::check_app(&app);
    }
});

/// Adds the fuzzed mentions of `article` as one extra entity (kept sorted).
fn add_fuzzed(doc: &mut DocActors, article: usize, mentions: &[(u8, u16, u16)]) {
    let entity = doc.entity_count();
    let mut added = false;
    for &(a, start, end) in mentions {
        if usize::from(a) % 6 == article {
            doc.mentions.push(DocMention {
                start: usize::from(start),
                end: usize::from(end),
                entity,
                form: Form::Name,
                uncertain: usize::from(start) % 2 == 1,
            });
            added = true;
        }
    }
    if added {
        doc.add_entity("Fuzzed \u{1b}]52;c;eA==\u{7} Actor", Kind::Person, "fuzzed");
        doc.mentions.sort_by_key(|m| m.start);
    }
}
