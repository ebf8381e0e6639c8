//! One test per format and per kind of breakage, over the small fixtures in
//! tests/fixtures/formats (written for these tests).

use std::path::{Path, PathBuf};

use castlist::corpus::{self, Article, Corpus, Field, LoadOptions};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn load(name: &str) -> Corpus {
    load_with(name, &LoadOptions::default())
}

fn load_with(name: &str, options: &LoadOptions) -> Corpus {
    corpus::load_paths(&[fixture(name)], options).expect("the fixture loads")
}

fn date(article: &Article) -> Option<String> {
    article
        .date()
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
}

/// (line, message) of each warning.
fn warnings(corpus: &Corpus) -> Vec<(Option<usize>, String)> {
    corpus
        .warnings
        .iter()
        .map(|w| (w.origin.line(), w.message.clone()))
        .collect()
}

#[test]
fn json_lines_fields_origins_and_broken_lines() {
    let corpus = load("articles.jsonl");
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title()).collect();
    assert_eq!(
        titles,
        vec![
            "Talks resume in Geneva",
            "Ceasefire holds",
            "Empty content_original falls back",
            "Keys in any case"
        ]
    );
    let first = &corpus.articles[0];
    // content_original (as published) is preferred to content (tokenised).
    assert_eq!(
        first.body(),
        "Talks resumed in Geneva on Wednesday.\n\nBoth delegations attended."
    );
    assert_eq!(date(first).as_deref(), Some("2016-09-28 00:00"));
    assert_eq!(first.source(), Some("Example Wire"));
    assert_eq!(first.url(), Some("https://example.org/1"));
    assert_eq!(first.authors(), vec!["A. Writer".to_string()]);
    assert_eq!(first.origin.line(), Some(1));
    assert!(first.origin.path.ends_with("articles.jsonl"));

    let second = &corpus.articles[1];
    assert_eq!(second.origin.line(), Some(3));
    assert_eq!(second.body(), "The ceasefire held overnight.");
    assert_eq!(date(second).as_deref(), Some("2016-09-28 10:00"));
    assert_eq!(second.source(), Some("Example Wire"));
    assert_eq!(
        second.authors(),
        vec!["B. Reporter".to_string(), "C. Editor".to_string()]
    );

    let third = &corpus.articles[2];
    assert_eq!(third.body(), "Fallback text.");
    assert_eq!(third.date(), None);
    assert_eq!(third.date_text(), Some("sometime soon"));
    assert_eq!(
        date(&corpus.articles[3]).as_deref(),
        Some("2016-09-28 10:00")
    );

    let w = warnings(&corpus);
    assert_eq!(w.len(), 3, "{w:?}");
    assert_eq!(w[0].0, Some(4));
    assert!(w[0].1.contains("not valid JSON"));
    assert_eq!(w[1].0, Some(6));
    assert!(w[1].1.contains("no title or body"));
    assert_eq!(w[2].0, Some(7));
    assert!(w[2].1.contains("not a JSON object"));
}

#[test]
fn json_array_skips_a_malformed_element_and_keeps_lines() {
    let corpus = load("articles.json");
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title()).collect();
    assert_eq!(titles, vec!["First in array", "Third in array"]);
    assert_eq!(corpus.articles[0].origin.line(), Some(2));
    assert_eq!(corpus.articles[1].origin.line(), Some(11));
    assert_eq!(
        corpus.articles[1].body(),
        "Array body \"three\", with [brackets] and {braces}."
    );
    assert_eq!(
        date(&corpus.articles[0]).as_deref(),
        Some("2016-09-28 00:00")
    );
    assert_eq!(
        date(&corpus.articles[1]).as_deref(),
        Some("2016-09-28 10:00")
    );
    let w = warnings(&corpus);
    assert_eq!(w.len(), 1, "{w:?}");
    // The record starts on line 7; the error is on line 10.
    assert_eq!(w[0].0, Some(10));
    assert_eq!(w[0].1, "not valid JSON (expected value); skipped");
}

#[test]
fn json_object_wrapping_a_list_of_articles() {
    let corpus = load("wrapped.json");
    assert_eq!(corpus.articles.len(), 2);
    let first = &corpus.articles[0];
    assert_eq!(first.title(), "Wrapped one");
    assert_eq!(first.body(), "Wrapped body one.");
    assert_eq!(first.source(), Some("Example News"));
    assert_eq!(first.origin.record(), Some(1));
    assert_eq!(corpus.articles[1].origin.record(), Some(2));
}

#[test]
fn csv_with_bom_quoted_multiline_field_and_short_row() {
    let corpus = load("articles.csv");
    assert_eq!(corpus.articles.len(), 2);
    let first = &corpus.articles[0];
    assert_eq!(first.title(), "CSV first");
    assert_eq!(
        first.body(),
        "First paragraph, with a comma.\n\nSecond \"quoted\" paragraph."
    );
    assert_eq!(date(first).as_deref(), Some("2016-09-28 00:00"));
    assert_eq!(first.source(), Some("Example Wire"));
    assert_eq!(first.origin.line(), Some(2));
    let third = &corpus.articles[1];
    assert_eq!(third.title(), "CSV third");
    assert_eq!(third.origin.line(), Some(6));
    let w = warnings(&corpus);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, Some(5));
    assert!(w[0].1.contains("row has 2 fields"), "{}", w[0].1);
}

#[test]
fn csv_semicolons_without_title_column_derive_titles() {
    let corpus = load("semicolon.csv");
    assert_eq!(corpus.articles.len(), 2);
    let first = &corpus.articles[0];
    assert_eq!(first.title(), "Officials met in Brussels.");
    assert!(first.title_derived());
    assert_eq!(
        first.body(),
        "Officials met in Brussels. They talked for hours."
    );
    assert_eq!(first.source(), Some("Example Daily"));
    assert_eq!(
        date(&corpus.articles[1]).as_deref(),
        Some("2016-09-29 00:00")
    );
}

#[test]
fn tsv() {
    let corpus = load("articles.tsv");
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title()).collect();
    assert_eq!(titles, vec!["Tab first", "Tab second"]);
    assert_eq!(corpus.articles[1].date(), None);
    assert_eq!(corpus.articles[1].date_text(), None);
}

#[test]
fn field_overrides_name_the_columns() {
    let err = corpus::load_paths(&[fixture("custom.csv")], &LoadOptions::default())
        .expect_err("no known column");
    assert!(err.to_string().contains("--field body=COLUMN"), "{err}");
    let options = LoadOptions {
        fields: vec![
            LoadOptions::parse_field("title=HEADLINE_TEXT").expect("valid"),
            (Field::Body, "story".to_string()),
        ],
    };
    let corpus = load_with("custom.csv", &options);
    assert_eq!(corpus.articles[0].title(), "Custom columns");
    assert_eq!(corpus.articles[0].body(), "Named by the user.");
}

#[test]
fn rss_items_with_html_content_and_links() {
    let corpus = load("feed.rss");
    assert_eq!(corpus.articles.len(), 2);
    let first = &corpus.articles[0];
    assert_eq!(first.title(), "Kerry & Lavrov meet");
    assert_eq!(
        first.body(),
        "The ministers met in Geneva.\n\nThey spoke for hours.\n\nLinks:\n\nGeneva: https://example.org/geneva"
    );
    assert_eq!(date(first).as_deref(), Some("2016-09-28 10:00"));
    assert_eq!(first.source(), Some("Example Feed"));
    assert_eq!(first.url(), Some("https://example.org/rss/1"));
    assert_eq!(first.origin.record(), Some(1));
    assert_eq!(
        first.origin.to_string(),
        format!("{}#1", fixture("feed.rss").display())
    );
    assert_eq!(corpus.articles[1].body(), "Plain text description.");
}

#[test]
fn atom_entry() {
    let corpus = load("feed.atom");
    let entry = &corpus.articles[0];
    assert_eq!(entry.title(), "Atom entry");
    assert_eq!(entry.body(), "Atom paragraph one.\n\nAtom paragraph two.");
    assert_eq!(date(entry).as_deref(), Some("2016-09-29 08:30"));
    assert_eq!(entry.authors(), vec!["A. Writer".to_string()]);
    assert_eq!(entry.source(), Some("Example Atom"));
}

#[test]
fn html_page_main_text_only() {
    let corpus = load("page.html");
    let page = &corpus.articles[0];
    assert_eq!(page.title(), "Page title from the head");
    assert_eq!(
        page.body(),
        "First paragraph of the page, wrapped in the source.\n\nSecond paragraph with bold and é."
    );
    assert_eq!(date(page).as_deref(), Some("2016-09-28 09:15"));
    assert_eq!(page.source(), Some("Example Site"));
    assert_eq!(page.url(), Some("https://example.org/page"));
}

#[test]
fn content_is_sniffed_when_the_name_says_nothing() {
    let corpus = load("feed-without-extension");
    assert_eq!(corpus.articles.len(), 2);
    assert_eq!(corpus.articles[0].title(), "Kerry & Lavrov meet");
    // Regression: a text file starting with "[" is not lost as bad JSON.
    let corpus = load("bracket-text");
    assert_eq!(corpus.articles[0].title(), "[BBC] is not JSON");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn whole_folder_of_formats_loads_in_order() {
    let corpus = corpus::load_paths(&[fixture("")], &LoadOptions::default()).expect("loads");
    // articles.csv: 2, articles.json: 2, articles.jsonl: 4, articles.tsv: 2, bracket-text: 1,
    // crlf.csv: 3, html-fields.jsonl: 1,
    // custom.csv: 0, feed-without-extension: 2 (copies of feed.rss, which are then
    // skipped as duplicates), feed.atom: 1, page.html: 1, semicolon.csv: 2, wrapped.json: 2.
    assert_eq!(
        corpus.articles.len(),
        23,
        "{:#?}",
        corpus
            .articles
            .iter()
            .map(|a| a.title())
            .collect::<Vec<_>>()
    );
    let ids: Vec<usize> = corpus.articles.iter().map(|a| a.id()).collect();
    assert_eq!(ids, (0..23).collect::<Vec<_>>());
    let duplicates = corpus
        .warnings
        .iter()
        .filter(|w| w.message.contains("same title and text"))
        .count();
    assert_eq!(duplicates, 2);
}

#[test]
fn csv_with_crlf_reports_the_record_first_line() {
    // Regression: AllSides' CSV ends records in "\r\n" and every origin was one
    // line short (the csv crate counts from the previous "\n").
    let corpus = load("crlf.csv");
    let lines: Vec<Option<usize>> = corpus.articles.iter().map(|a| a.origin.line()).collect();
    assert_eq!(lines, vec![Some(2), Some(3), Some(6)]);
    assert_eq!(corpus.articles[1].body(), "two\n\nlines");
    assert_eq!(
        warnings(&corpus),
        vec![(
            Some(5),
            "row has 1 fields, the header 2; skipped".to_string()
        )]
    );
}

#[test]
fn html_in_a_record_field_becomes_paragraphs() {
    let corpus = load("html-fields.jsonl");
    assert_eq!(
        corpus.articles[0].body(),
        "First linked paragraph.\n\nSecond paragraph.\n\nLinks:\n\nlinked: https://example.org/x"
    );
}
