//! Plain-text and Markdown articles: the first non-empty line (after cleaning and
//! furniture removal) is the title, a dateline such as "date 2016-09-28" gives the
//! date, and the rest is the body, split into paragraphs on blank lines. Front
//! matter (a `---` block of `key: value` lines), when present, gives the title,
//! date and the rest.

use super::clean::{self, Breaks, Line};
use super::{Article, Origin, date, frontmatter};

/// How many words after a dateline label may belong to the date.
const MAX_DATE_WORDS: usize = 7;

/// Words that introduce a dateline, compared case-insensitively.
const DATE_LABELS: [&str; 4] = ["date", "dated", "published", "posted"];

/// A wrapped title (wire copy) is joined from at most this many lines...
const MAX_TITLE_LINES: usize = 3;
/// ...each at most this long, the first at least `MIN_WRAPPED_LINE` long.
const MAX_TITLE_LINE: usize = 80;
const MIN_WRAPPED_LINE: usize = 40;

/// Reads one plain-text article; `None` when the text holds nothing but furniture
/// and whitespace. `markdown` drops "#" heading marks.
pub fn parse_text(text: &str, origin: Origin, markdown: bool) -> Option<Article> {
    let Some((fm, rest)) = frontmatter::split(text) else {
        return parse_lines(text, origin, markdown, None);
    };
    let title = clean::clean_optional(fm.title.as_deref());
    let mut article = parse_lines(rest, origin, markdown, title.as_deref())?;
    if let Some(title) = title {
        article.set_title(&title);
        article.set_title_derived(false);
    }
    if let Some(date_text) = clean::clean_optional(fm.date.as_deref()) {
        article.set_date(date::parse_date(&date_text));
        article.set_date_text(Some(date_text));
    }
    let source = clean::clean_optional(fm.source.as_deref());
    let source = source.or_else(|| article.source().map(str::to_string));
    article.set_source(source);
    let url = clean::clean_optional(fm.url.as_deref());
    let url = url.or_else(|| article.url().map(str::to_string));
    article.set_url(url);
    article.set_authors(
        fm.authors
            .iter()
            .filter_map(|a| clean::clean_optional(Some(a)))
            .collect(),
    );
    Some(article)
}

/// Reads the lines of a text. With `given_title` (from front matter) no line is
/// taken as the title, except a first line that repeats it.
fn parse_lines(
    text: &str,
    origin: Origin,
    markdown: bool,
    given_title: Option<&str>,
) -> Option<Article> {
    let mut lines = clean::clean_lines(text);
    if markdown {
        for line in &mut lines {
            let stripped = clean::strip_markdown_heading(&line.text);
            if stripped.len() != line.text.len() {
                line.text = stripped.to_string();
            }
        }
    }
    let first = lines.iter().position(|l| !l.is_blank())?;
    let mut date = None;
    let mut date_text = None;
    let mut title = String::new();
    let mut body_start = first;
    let first_line = lines[first].text.clone();
    if let Some((when, text, rest)) = dateline(&first_line) {
        // The file opens with its dateline: no title line at all.
        date = Some(when);
        date_text = Some(text);
        lines[first].text = rest;
    } else if let Some(given) = given_title {
        if lines[first].text.eq_ignore_ascii_case(given) {
            body_start = first + 1;
        }
    } else {
        let title_end = title_block_end(&lines, first);
        title = lines[first..title_end]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        body_start = title_end;
        if let Some(next) = lines[body_start..].iter().position(|l| !l.is_blank()) {
            let next = body_start + next;
            let next_line = lines[next].text.clone();
            if let Some((when, text, rest)) = dateline(&next_line) {
                date = Some(when);
                date_text = Some(text);
                lines[next].text = rest;
            }
        }
    }
    let body = clean::join_paragraphs(&lines[body_start..], Breaks::Text);
    let derived = title.is_empty();
    if derived {
        title = clean::derive_title(&body);
    }
    let mut article = Article::new(&title, &body);
    article.set_title_derived(derived);
    article.origin = origin;
    article.set_date(date);
    article.set_date_text(date_text);
    Some(article)
}

/// The end (exclusive) of the title: the first line, plus the lines that continue
/// it when it looks hard-wrapped (a few short lines, then a blank line).
fn title_block_end(lines: &[Line], first: usize) -> usize {
    let block = lines[first..].iter().take_while(|l| !l.is_blank()).count();
    let wrapped = (2..=MAX_TITLE_LINES).contains(&block)
        && lines[first].text.len() >= MIN_WRAPPED_LINE
        && lines[first..first + block]
            .iter()
            .all(|l| l.text.len() <= MAX_TITLE_LINE)
        && lines
            .get(first + block)
            .is_some_and(|l| l.is_blank() && !l.furniture);
    if wrapped { first + block } else { first + 1 }
}

/// Reads a dateline: a label ("date", "Published:"), then a date. Returns the
/// date, its text, and what follows it on the line.
fn dateline(line: &str) -> Option<(chrono::NaiveDateTime, String, String)> {
    let (label, rest) = line.split_once(' ')?;
    let label = label.trim_end_matches(':').to_ascii_lowercase();
    if !DATE_LABELS.contains(&label.as_str()) {
        return None;
    }
    let words: Vec<&str> = rest.split(' ').collect();
    // The shortest run of words that is a date, lengthened while more words
    // change the value (a time of day), so the words after it stay in the body.
    let mut best: Option<(usize, chrono::NaiveDateTime)> = None;
    for n in 1..=words.len().min(MAX_DATE_WORDS) {
        let Some(when) = date::parse_date(&words[..n].join(" ")) else {
            continue;
        };
        match best {
            None => best = Some((n, when)),
            Some((_, seen)) if seen != when => best = Some((n, when)),
            Some(_) => {}
        }
    }
    let (mut n, when) = best?;
    // "10:30 AM EST": words that do not change the value but belong to the time.
    let has_time = when.time() != chrono::NaiveTime::MIN;
    while has_time
        && words
            .get(n)
            .is_some_and(|w| date::is_meridiem(w) || date::is_zone_name(w))
    {
        n += 1;
    }
    Some((when, words[..n].join(" "), words[n..].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Article {
        parse_text(text, Origin::file("t.txt"), false).expect("an article")
    }

    #[test]
    fn first_line_is_the_title() {
        let a = parse("\n\nThe title\n\nFirst para\nwrapped.\n\nSecond.");
        assert_eq!(a.title(), "The title");
        assert!(!a.title_derived());
        assert_eq!(a.body(), "First para wrapped.\n\nSecond.");
    }

    #[test]
    fn furniture_before_the_title_is_skipped() {
        // Seed 002 starts with a "Share" line.
        let a = parse("Share\n\nKerry: US looks at talks\n\nBody.");
        assert_eq!(a.title(), "Kerry: US looks at talks");
    }

    #[test]
    fn leading_dateline_gives_date_and_derived_title() {
        // Seed 004's first line is its dateline.
        let a = parse(
            " date 2016-09-28 WASHINGTON: The United States threatened on Wednesday to halt talks. More.\n\nSecond.",
        );
        assert_eq!(
            a.date().map(|d| d.to_string()).as_deref(),
            Some("2016-09-28 00:00:00")
        );
        assert_eq!(a.date_text(), Some("2016-09-28"));
        assert!(
            a.body().starts_with("WASHINGTON: The United States"),
            "{}",
            a.body()
        );
        assert!(!a.body().contains("date"));
        assert_eq!(
            a.title(),
            "The United States threatened on Wednesday to halt talks."
        );
        assert!(a.title_derived());
    }

    #[test]
    fn dateline_after_the_title() {
        let a = parse("Title\n\nPublished: September 28, 2016 10:30 AM\n\nBody.");
        assert_eq!(a.title(), "Title");
        assert_eq!(
            a.date().map(|d| d.to_string()).as_deref(),
            Some("2016-09-28 10:30:00")
        );
        assert_eq!(a.body(), "Body.");
    }

    #[test]
    fn update_line_is_not_a_dateline() {
        let a = parse("UPDATE: Russia orders more airstrikes\n\nBody.");
        assert_eq!(a.title(), "UPDATE: Russia orders more airstrikes");
        assert_eq!(a.date(), None);
    }

    #[test]
    fn wrapped_wire_title_is_joined() {
        let a = parse(
            "FIRST WISCONSIN ADDS LOAN LOSSES, SEE 2ND QTR LOSS OF\n2.80 DLRS A\u{1b}[B SHARE\n\nBody.",
        );
        assert_eq!(
            a.title(),
            "FIRST WISCONSIN ADDS LOAN LOSSES, SEE 2ND QTR LOSS OF 2.80 DLRS A SHARE"
        );
        assert_eq!(a.body(), "Body.");
    }

    #[test]
    fn short_title_is_not_joined_with_the_body() {
        let a = parse("Short title\nBody line one\n\nTwo.");
        assert_eq!(a.title(), "Short title");
        assert_eq!(a.body(), "Body line one\n\nTwo.");
    }

    #[test]
    fn markdown_heading_marks_are_dropped() {
        let a = parse_text(
            "# A heading\n\n## Part\n\nText.",
            Origin::file("a.md"),
            true,
        )
        .expect("article");
        assert_eq!(a.title(), "A heading");
        assert_eq!(a.body(), "Part\n\nText.");
    }

    #[test]
    fn front_matter_gives_title_and_date() {
        let text = "---\ntitle: Talks resume\ndate: September 28, 2016\nauthor: A. Writer\n---\n\n# Talks resume\n\nFirst line of the body.\n";
        let a = parse_text(text, Origin::file("a.md"), true).expect("article");
        assert_eq!(a.title(), "Talks resume");
        assert!(!a.title_derived());
        assert_eq!(
            a.date().map(|d| d.to_string()).as_deref(),
            Some("2016-09-28 00:00:00")
        );
        assert_eq!(a.authors(), vec!["A. Writer".to_string()]);
        assert_eq!(a.body(), "First line of the body.");
        // Without a repeated heading, the first line stays in the body.
        let a = parse_text(
            "---\ntitle: T\n---\nBody one.\n\nTwo.",
            Origin::file("b.md"),
            true,
        )
        .expect("article");
        assert_eq!(a.title(), "T");
        assert_eq!(a.body(), "Body one.\n\nTwo.");
    }

    #[test]
    fn nothing_but_furniture_is_no_article() {
        assert!(parse_text("Share\n\n  \nAdvertisement\n", Origin::file("x"), false).is_none());
    }
}
