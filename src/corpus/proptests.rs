//! Property tests: no input makes the cleaner or a loader panic, and what comes
//! out keeps the article model's promises (paragraph ranges on char boundaries,
//! no control character but the paragraph breaks).

use std::ops::ControlFlow;

use proptest::prelude::*;

use super::load::{Emitter, LoadOptions, Loaded, read_text};
use super::walk::Format;
use super::{Article, Origin, clean, date, text};

/// Text biased towards what breaks cleaners: escapes, references, odd spaces.
fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z .,:;\"'-]{0,12}",
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\u{1b}[".to_string()),
        Just("\u{1b}]52;c;".to_string()),
        Just("\u{7}".to_string()),
        Just("\u{9b}".to_string()),
        Just("\u{9d}".to_string()),
        Just("&#x27".to_string()),
        Just("&#".to_string()),
        Just("&amp;".to_string()),
        Just("&#1114112;".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{a0}".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        Just("Share".to_string()),
        Just(" date 2016-09-28 ".to_string()),
        Just("<p>".to_string()),
        Just("{\"title\":".to_string()),
        Just("\"".to_string()),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_article(a: &Article) {
    assert!(!a.title().contains('\n'));
    let mut prev_end = 0;
    let mut pieces = Vec::new();
    for r in a.paragraphs() {
        assert!(r.start >= prev_end && r.end <= a.body().len());
        let para = a
            .body()
            .get(r.clone())
            .expect("ranges fall on char boundaries");
        assert!(!para.is_empty() && !para.contains('\n'));
        pieces.push(para);
        prev_end = r.end;
    }
    // The paragraphs and their breaks are the whole body: none is empty
    // and no break is wider than one blank line.
    assert_eq!(pieces.join("\n\n"), a.body());
    assert!(
        !a.body().chars().any(|c| c.is_control() && c != '\n'),
        "control character in {:?}",
        a.body()
    );
    assert!(
        !a.body()
            .chars()
            .any(|c| ('\u{202a}'..='\u{202e}').contains(&c))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_keeps_its_promises(raw in nasty_text()) {
        let body = clean::clean_body(&raw);
        check_article(&Article::new("", &body));
        let inline = clean::clean_inline(&raw);
        prop_assert!(!inline.chars().any(char::is_control));
        let _ = clean::derive_title(&inline);
    }

    #[test]
    fn plain_text_never_panics(raw in nasty_text()) {
        if let Some(a) = text::parse_text(&raw, Origin::file("p"), false) {
            check_article(&a);
        }
    }

    #[test]
    fn dates_never_panic(raw in "[0-9a-zA-Z :/,.+TZé-]{0,30}") {
        let _ = date::parse_date(&raw);
    }

    #[test]
    fn every_format_survives_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300), which in 0usize..8) {
        let formats = [Format::Text, Format::Markdown, Format::JsonLines, Format::Json, Format::Csv, Format::Feed, Format::Html, Format::Sniff];
        let mut sink = |item: Loaded| {
            if let Loaded::Article(a) = &item {
                check_article(a);
            }
            ControlFlow::Continue(())
        };
        let _ = read_text(&bytes, formats[which], &LoadOptions::default(), &mut Emitter::new("f", &mut sink));
    }

    #[test]
    fn every_format_survives_nasty_text(raw in nasty_text(), which in 0usize..8) {
        let formats = [Format::Text, Format::Markdown, Format::JsonLines, Format::Json, Format::Csv, Format::Feed, Format::Html, Format::Sniff];
        let mut sink = |item: Loaded| {
            if let Loaded::Article(a) = &item {
                check_article(a);
            }
            ControlFlow::Continue(())
        };
        let _ = read_text(raw.as_bytes(), formats[which], &LoadOptions::default(), &mut Emitter::new("f", &mut sink));
    }
}
