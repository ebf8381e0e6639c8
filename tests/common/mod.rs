//! Fixtures shared by the integration tests: a small corpus written for the
//! tests and a cast built from hand-made engine output, so that state and render
//! tests do not depend on how good the actor engine is.

#![allow(dead_code)]

use castlist::app::App;
use castlist::app::Msg;
use castlist::cast::{Cast, DocActors, DocMention, Form, Kind};
use castlist::corpus::{Article, Corpus};
use castlist::keymap::Keymap;
use ratatui::layout::Rect;

/// An article whose paragraphs are given as they should appear.
pub fn article(id: usize, title: &str, paragraphs: &[&str]) -> Article {
    let mut article = Article::new(title, &paragraphs.join("\n\n"));
    article.set_id(id);
    article
}

/// Four articles: Kerry in 0 (twice), not in 1, in 2 (once), in 3 (three times, far down).
pub fn corpus() -> Corpus {
    let filler = "Talks went on late into the night without any result worth reporting here.";
    let mut long: Vec<&str> = vec![filler; 30];
    long.push("At the end Kerry spoke, and Kerry left, and then Kerry came back.");
    let articles = vec![
        article(
            0,
            "Kerry meets Lavrov",
            &[
                "Kerry met Lavrov in Geneva.",
                "Later Kerry said the truce held.",
            ],
        ),
        article(
            1,
            "Weather report",
            &["Rain in Geneva and sun elsewhere; no truce in sight."],
        ),
        article(
            2,
            "Lavrov speaks",
            &["Lavrov spoke, and Kerry listened to the ceasefire plan."],
        ),
        article(3, "A long day", &long),
    ];
    Corpus {
        articles,
        warnings: vec![],
    }
}

/// The cast of [`corpus`]: every occurrence of "Kerry", "Lavrov" and "Geneva".
pub fn cast(corpus: &Corpus) -> Cast {
    cast_of(
        corpus,
        &[
            ("Kerry", "John Kerry", Kind::Person),
            ("Lavrov", "Sergey Lavrov", Kind::Person),
            ("Geneva", "Geneva", Kind::Place),
        ],
    )
}

/// A hand-made cast: every occurrence of each `(surface, name, kind)`; several
/// surfaces may name one actor.
pub fn cast_of(corpus: &Corpus, actors: &[(&str, &str, Kind)]) -> Cast {
    let mut cast = Cast::default();
    for article in &corpus.articles {
        let mut doc = DocActors::default();
        for &(surface, name, kind) in actors {
            let found: Vec<usize> = article
                .body()
                .match_indices(surface)
                .map(|(i, _)| i)
                .collect();
            if found.is_empty() {
                continue;
            }
            let known = doc.entities().position(|e| e.name == name);
            let entity = match known {
                Some(e) => e,
                None => doc.add_entity(name, kind, &name.to_lowercase()),
            };
            // Mentions are document bytes (title, line break, body); these
            // hand-made ones are all in bodies.
            let shift = article.body_start();
            for start in found {
                doc.mentions.push(DocMention {
                    start: shift + start,
                    end: shift + start + surface.len(),
                    entity,
                    form: Form::Name,
                    uncertain: false,
                });
            }
        }
        doc.mentions.sort_by_key(|m| m.start);
        cast.add(article.id(), article, &doc);
    }
    cast
}

/// A `Write` that keeps what is written, shared with its clones: the bytes a
/// terminal backend sends, for tests to parse.
#[derive(Clone, Default)]
pub struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Sink {
    pub fn bytes(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fixture app at 120×40.
pub fn app() -> App {
    let corpus = corpus();
    let cast = cast(&corpus);
    let mut app = App::new(corpus, cast, Keymap::builtin()).with_key_slice(PATIENT);
    app.update(Msg::Resize(Rect::new(0, 0, 120, 40)));
    app
}

/// A search's counting budget per key for tests that step through hits: a
/// test's corpus is counted whole at each key however busy the machine is
/// (the reader's 1 ms slice leaves the rest to `Msg::Tick`, which these
/// tests do not send, so on a loaded machine their jumps would wait).
pub const PATIENT: std::time::Duration = std::time::Duration::from_secs(60);

/// An article as the background indexer sends it, `order`-th in load order.
pub fn indexed(order: u32, article: Article) -> castlist::index::Indexed {
    castlist::index::Indexed {
        fingerprint: castlist::corpus::dedup::fingerprint(&article),
        order: (0, order),
        article,
    }
}

/// An empty app, as the reader starts before indexing, at 120×40.
pub fn empty_app() -> App {
    let mut app =
        App::new(Corpus::default(), Cast::default(), Keymap::builtin()).with_key_slice(PATIENT);
    app.update(castlist::app::Msg::Resize(Rect::new(0, 0, 120, 40)));
    app
}

/// The app drawn at its screen size, with colours.
pub fn draw(app: &mut App) -> ratatui::buffer::Buffer {
    use ratatui::{Terminal, backend::TestBackend};
    let area = app.screen().area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal
        .draw(|frame| {
            app.update(Msg::Resize(frame.area()));
            castlist::ui::render_with(app, &castlist::ui::Theme::COLOR, frame);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// A drawn buffer as text, a line per row.
pub fn screen(buf: &ratatui::buffer::Buffer) -> String {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect::<Vec<String>>()
        .join("\n")
}
