//! The promises each stage makes about its output, written once and checked by
//! both the property tests (`tests/props.rs`, in CI) and the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, which include this file by path). A broken promise
//! panics with a message saying which one, so a fuzz crash or a proptest failure
//! names the bug rather than just the input.
//!
//! Only castlist's public API is used: the actor engine is being rewritten, and
//! these checks must hold for any engine that keeps the `Engine::analyze` contract.

#![allow(dead_code)]

use castlist::app::Msg;
use std::ops::{ControlFlow, Range};

use castlist::app::{App, Overlay};
use castlist::cast::{DocActors, Quote};
use castlist::corpus::load::{Emitter, read_text};
use castlist::corpus::{Article, Format, LoadOptions, Loaded};
use castlist::reader::{Layout, RowSrc};
use castlist::sanitize;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Every format the loaders know, for picking one from a fuzz byte.
pub const FORMATS: [Format; 9] = [
    Format::Text,
    Format::Markdown,
    Format::JsonLines,
    Format::Json,
    Format::Csv,
    Format::Tsv,
    Format::Feed,
    Format::Html,
    Format::Sniff,
];

/// Loads `bytes` as one file in `format` and checks every article it yields.
pub fn load(bytes: &[u8], format: Format) -> Vec<Article> {
    let mut found = Vec::new();
    let mut sink = |item: Loaded| {
        if let Loaded::Article(a) = item {
            found.push(a);
        }
        ControlFlow::Continue(())
    };
    let mut out = Emitter::new("fuzz.input", &mut sink);
    let _ = read_text(bytes, format, &LoadOptions::default(), &mut out);
    for article in &found {
        check_article(article);
    }
    found
}

/// A hit's document bytes (see `Article::body_start`) are a
/// valid, char-aligned slice of the title or of the body.
pub fn check_hit(article: &castlist::corpus::Article, range: &Range<usize>, what: &str) {
    use castlist::corpus::Part;
    match article.part(range.clone()) {
        Some(Part::Title { range: r, .. }) => check_range(article.title(), &r, what),
        Some(Part::Body { range: r, .. }) => check_range(article.body(), &r, what),
        None => panic!("{what}: {range:?} is neither in the title nor in the body"),
    }
}

/// `range` is a valid, char-aligned slice of `text`.
pub fn check_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: {range:?} out of bounds (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: {range:?} not on char boundaries"
    );
}

/// No char that may drive the terminal (control, bidi) — `'\n'` allowed in bodies.
pub fn check_safe(text: &str, newline_ok: bool, what: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| sanitize::is_unsafe(c) && !(newline_ok && c == '\n'))
    {
        panic!("{what}: unsafe char {c:?} survived cleaning in {text:?}");
    }
}

/// What cleaning promises: safe text, paragraphs that are ordered, disjoint,
/// char-aligned slices of the body without line breaks.
pub fn check_article(a: &Article) {
    check_safe(a.title(), false, "title");
    check_safe(a.body(), true, "body");
    for field in [&a.source(), &a.url(), &a.date_text()]
        .into_iter()
        .flatten()
    {
        check_safe(field, false, "metadata");
    }
    let mut end = 0;
    for p in a.paragraphs() {
        check_range(a.body(), &p, "paragraph");
        assert!(p.start >= end, "paragraphs overlap or go backwards");
        assert!(
            !a.body()[p.clone()].contains('\n'),
            "a paragraph holds '\\n'"
        );
        end = p.end;
    }
}

/// What `Engine::analyze` promises about `text`: mentions sorted, in bounds, on
/// char boundaries, naming an entity that exists; names of safe text are safe.
pub fn check_doc(text: &str, doc: &DocActors) {
    let mut last = 0;
    for m in &doc.mentions {
        check_range(text, &(m.start..m.end), "mention");
        assert!(m.start < m.end, "empty mention at {}", m.start);
        assert!(m.start >= last, "mentions not sorted by start");
        assert!(m.entity < doc.entity_count(), "mention of a missing entity");
        last = m.start;
    }
    if !text.chars().any(sanitize::is_unsafe) {
        for e in doc.entities() {
            check_safe(e.name, false, "entity name");
        }
    }
}

/// What the quote finder promises: every span inside the text on char
/// boundaries, content present and in order, the entity one of the document's.
pub fn check_quotes(text: &str, doc: &DocActors, quotes: &[Quote]) {
    for q in quotes {
        assert!(!q.content.is_empty(), "an attribution without content");
        let mut last = 0;
        for c in &q.content {
            check_range(text, c, "quote content");
            assert!(c.start < c.end, "empty content part at {}", c.start);
            assert!(c.start >= last, "content parts out of order");
            last = c.end;
        }
        for (r, what) in [(&q.cue, "quote cue"), (&q.source, "quote source")] {
            if let Some(r) = r {
                check_range(text, r, what);
            }
        }
        if let Some(e) = q.entity {
            assert!(e < doc.entity_count(), "quote of a missing entity");
        }
        // The actor's name is the entity's, or words of the text.
        let _ = q.actor(text, doc);
    }
}

/// Display width as ratatui counts it: per grapheme cluster.
pub fn cells(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// What a layout promises: rows are valid slices of their source, body rows are
/// in text order and fit the width, no visible text is lost, and the row lookups
/// answer within the layout for any byte.
pub fn check_layout(layout: &Layout, article: &Article, width: usize) {
    let mut last_end = 0;
    let mut body_rows = 0;
    for row in &layout.rows {
        let (src, range) = match &row.src {
            RowSrc::Title(r) => (article.title(), r),
            RowSrc::Meta(r) => (layout.meta.as_str(), r),
            RowSrc::Body(r) => (article.body(), r),
            RowSrc::Blank => continue,
        };
        check_range(src, range, "row");
        let text = &src[range.clone()];
        assert!(
            cells(text) <= width.max(1) || text.graphemes(true).count() == 1,
            "row {text:?} is {} cells, wider than {width}",
            cells(text)
        );
        if let RowSrc::Body(r) = &row.src {
            assert!(r.start >= last_end, "body rows out of order");
            last_end = r.end;
            body_rows += 1;
        }
    }
    // Every non-space char of every paragraph is on some row.
    let shown: String = layout
        .rows
        .iter()
        .filter(|r| matches!(r.src, RowSrc::Body(_)))
        .map(|r| layout.text(r, article))
        .collect::<String>()
        .split_whitespace()
        .collect();
    let wanted: String = article
        .paragraphs()
        .filter_map(|p| article.body().get(p))
        .collect::<String>()
        .split_whitespace()
        .collect();
    assert_eq!(shown, wanted, "wrapping lost or duplicated text");
    // Lookups for any byte (and one past the end) stay inside the layout.
    let len = article.body().len();
    let probes = [0, 1, len / 3, len / 2, len.saturating_sub(1), len, len + 1];
    for byte in probes {
        match layout.row_of(byte) {
            Some(row) => assert!(row < layout.len(), "row_of({byte}) out of range"),
            None => assert_eq!(body_rows, 0, "row_of({byte}) found nothing"),
        }
        let rows = layout.rows_of(byte..byte.saturating_add(7));
        assert!(rows.start < rows.end || body_rows == 0);
        if body_rows > 0 {
            assert!(rows.end <= layout.len(), "rows_of beyond the layout");
        }
    }
}

/// What `App` keeps true between actions: selections inside their lists, the
/// reader's scroll inside its layout, the current hit inside the target.
pub fn check_app(app: &App) {
    if let Some(v) = app.quotes_view() {
        if v.shown.is_empty() {
            assert_eq!(v.selected, 0, "selection in an empty quotes view");
        } else {
            assert!(v.selected < v.shown.len(), "quote selection past the list");
            assert!(v.offset <= v.selected, "quote selection above the view");
        }
        for i in 0..v.shown.len() {
            let row = app.quote_row(i).expect("a listed quote exists");
            let article = &app.corpus().articles[row.article];
            check_range(article.document(), &row.extent, "quote");
            for part in &row.content {
                check_range(article.document(), part, "quote part");
            }
        }
    }
    let list = &app.list();
    if list.shown.is_empty() {
        assert_eq!(list.selected, 0, "selection in an empty list");
    } else {
        assert!(
            list.selected < list.shown.len(),
            "article selection past the list"
        );
        assert!(
            list.offset <= list.selected,
            "article selection above the view"
        );
    }
    // What the pane lists: its actors, or a correction's choices (`len`).
    let cast = &app.cast_view();
    if cast.is_empty() {
        assert_eq!(cast.selected, 0, "selection in an empty cast");
    } else {
        assert!(cast.selected < cast.len(), "cast selection past the list");
        assert!(
            cast.offset <= cast.selected,
            "cast selection above the view"
        );
    }
    let reader = &app.reader();
    if !app.corpus().articles.is_empty() {
        assert!(
            reader.article < app.corpus().articles.len(),
            "reader on a missing article"
        );
    }
    assert!(
        reader.scroll <= reader.layout.len().saturating_sub(reader.height),
        "reader scrolled past its layout ({} of {} rows, height {})",
        reader.scroll,
        reader.layout.len(),
        reader.height
    );
    if let Some(t) = app.target() {
        if let Some(hit) = &t.current {
            check_hit(
                &app.corpus().articles[hit.article],
                &hit.range,
                "current hit",
            );
            if let Some(known) = t.hits_known(hit.article) {
                assert!(
                    known.contains(&hit.range),
                    "current hit not among its article's hits"
                );
            }
        }
        if let Some(known) = t.hits_known(reader.article) {
            let empty = castlist::corpus::Article::default();
            let article = app.corpus().articles.get(reader.article).unwrap_or(&empty);
            for range in known {
                check_hit(article, range, "hit");
            }
        }
        let counted: usize = t.per_article.values().sum();
        assert_eq!(counted, t.total(), "hits per article do not add up");
    }
    if let Overlay::Help { scroll } | Overlay::Warnings { scroll, .. } = app.overlay() {
        assert!(scroll < 10_000, "overlay scroll runs away");
    }
}

/// Every action but typed characters, for picking one from a fuzz byte.
pub const ACTIONS: [castlist::action::Action; 56] = castlist::action::Action::ALL;

/// Draws `app` at `area` into a fresh buffer, as the event loop does (sync,
/// then render), and checks that no cell holds a control or bidi char.
pub fn draw(app: &mut App, area: ratatui::layout::Rect) -> ratatui::buffer::Buffer {
    app.update(Msg::Resize(area));
    let mut buf = ratatui::buffer::Buffer::empty(area);
    castlist::ui::draw(app, area, &mut buf);
    for cell in &buf.content {
        check_safe(cell.symbol(), false, "screen cell");
    }
    buf
}
