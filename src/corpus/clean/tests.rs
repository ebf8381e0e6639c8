//! Tests of the cleaning pipeline as a whole: lines, furniture, paragraphs.

use super::*;

fn body(raw: &str) -> String {
    clean_body(raw)
}

#[test]
fn paragraphs_join_wrapped_lines_with_one_space() {
    let text = clean_body("Standard Oil and BP\nsaid they plan\n\nSecond  para.\n");
    let paras: Vec<_> = crate::corpus::paragraphs(&text).collect();
    assert_eq!(text, "Standard Oil and BP said they plan\n\nSecond para.");
    assert_eq!(paras.len(), 2);
    assert_eq!(
        &text[paras[0].clone()],
        "Standard Oil and BP said they plan"
    );
    assert_eq!(&text[paras[1].clone()], "Second para.");
}

#[test]
fn indented_line_starts_a_paragraph_in_wire_copy() {
    let raw = "Standard Oil Co and BP North America\nInc said they plan.\n    BP North America is a subsidiary\nof British Petroleum.\n\n Reuter\n\u{3}";
    let text = join_paragraphs(&clean_lines(raw), Breaks::Text);
    assert_eq!(
        text,
        "Standard Oil Co and BP North America Inc said they plan.\n\nBP North America is a subsidiary of British Petroleum."
    );
}

#[test]
fn record_bodies_without_blank_lines_split_at_each_line() {
    assert_eq!(
        body("First para.\nSecond para.\n"),
        "First para.\n\nSecond para."
    );
    assert_eq!(
        body("One.\nAdvertisement\nTwo.\nThree."),
        "One.\n\nTwo.\n\nThree."
    );
}

#[test]
fn furniture_lines_are_dropped() {
    let raw = "Share\n\nThe talks ended.\n\nAdvertisement\n\nSee the most-read stories in World News this hour »\n\nMore talks.";
    assert_eq!(body(raw), "The talks ended.\n\nMore talks.");
}

#[test]
fn photo_caption_repeated_right_after_itself_is_kept_once() {
    let raw = "Title\n\nWorkers remove rubble in Aleppo.\nWorkers remove rubble in Aleppo.\n(AFP/Getty Images)\n\nText.";
    assert_eq!(
        body(raw),
        "Title\n\nWorkers remove rubble in Aleppo. (AFP/Getty Images)\n\nText."
    );
}

#[test]
fn repeated_paragraph_across_a_blank_line_is_kept_once() {
    assert_eq!(
        body("Same line.\n\nSame line.\n\nOther."),
        "Same line.\n\nOther."
    );
}

#[test]
fn no_control_character_survives() {
    let raw = "a\u{1b}[31mred\u{1b}[0m\u{7}\u{0}\u{2}\u{3}\u{7f}\u{9b}1m\tb\u{200b}\u{202e}c\r\nd";
    let text = body(raw);
    // The C1 CSI goes; what followed it stays as text.
    assert_eq!(text, "ared1m bc\n\nd");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn inline_fields_are_one_line() {
    assert_eq!(
        clean_inline("  Kerry:\tUS &amp; Russia\n talks &#x27;soon&#x27  "),
        "Kerry: US & Russia talks 'soon'"
    );
    assert_eq!(clean_inline("\u{feff}\u{a0}"), "");
}

#[test]
fn article_derives_a_missing_title() {
    let raw = RawRecord {
        body: "WASHINGTON: The talks ended. More.".into(),
        ..RawRecord::default()
    };
    let a = article(raw, 3);
    assert_eq!(a.id(), 3);
    assert_eq!(a.title(), "The talks ended.");
    assert!(a.title_derived());
}

#[test]
fn article_keeps_unparsed_dates_as_text() {
    let raw = RawRecord {
        title: Some("T".into()),
        body: "B".into(),
        date: Some("sometime in spring".into()),
        source: Some("  ".into()),
        authors: vec!["A. Writer".into(), " ".into()],
        ..RawRecord::default()
    };
    let a = article(raw, 0);
    assert_eq!(a.date(), None);
    assert_eq!(a.date_text(), Some("sometime in spring"));
    assert_eq!(a.source(), None);
    assert_eq!(a.authors(), vec!["A. Writer".to_string()]);
}

#[test]
fn paragraph_ranges_cover_the_body() {
    let text = clean_body("é\n\n\n  ü ü \n\nx");
    let paras: Vec<_> = crate::corpus::paragraphs(&text).collect();
    assert_eq!(text, "é\n\nü ü\n\nx");
    let rebuilt: Vec<&str> = paras.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(rebuilt.join("\n\n"), text);
}

#[test]
fn table_rows_in_wire_copy_stay_separate_paragraphs() {
    // Reuters 00132.txt: a table joined into one paragraph was unreadable.
    let raw = "Reserves rose.\n    Two weeks ended Feb 25      daily avgs-mlns\n Net free reserves.............644 vs.....1,337\n Bank borrowings...............680 vs.......425\nText after\nthe table.";
    let text = join_paragraphs(&clean_lines(raw), Breaks::Text);
    assert_eq!(
        text,
        "Reserves rose.\n\nTwo weeks ended Feb 25 daily avgs-mlns\n\nNet free reserves.............644 vs.....1,337\n\nBank borrowings...............680 vs.......425\n\nText after the table."
    );
}

#[test]
fn double_encoded_quotes_in_titles_and_bodies_are_repaired() {
    // AllSides record 330's title, as its bytes are: "’" encoded twice.
    let title = "Romney sees retreat in Obama\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{201e}\u{a2}s foreign policy";
    assert_eq!(
        clean_inline(title),
        "Romney sees retreat in Obama’s foreign policy"
    );
    let body = clean_body(
        "He said \u{e2}\u{20ac}\u{153}no\u{e2}\u{20ac}\u{9d}.\n\nCaf\u{c3}\u{a9} Zürich",
    );
    assert_eq!(body, "He said “no”.\n\nCafé Zürich");
}
