//! Wrapping an article into rows that remember their byte ranges.
//!
//! textwrap returns slices of its input, so a row's range is a pointer
//! difference; that is what lets the reader answer "which row holds byte 4,012"
//! (for scrolling to a mention) and "which cells of this row are a mention" (for
//! highlighting) without searching text. `Paragraph::wrap` cannot tell us either.

use std::ops::Range;

use textwrap::{Options, WordSplitter};
use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::Article;
use crate::sanitize;

/// Where a row's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowSrc {
    /// Bytes of `Article::title`.
    Title(Range<usize>),
    /// Bytes of [`Layout::meta`] (date, source; the web address).
    Meta(Range<usize>),
    /// Bytes of `Article::body`.
    Body(Range<usize>),
    /// An empty row between blocks.
    Blank,
}

/// One screen row of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub src: RowSrc,
}

/// An article wrapped to one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub article: usize,
    pub width: usize,
    pub rows: Vec<Row>,
    /// The date/source line shown under the title, then the article's web
    /// address, if it has one (each wrapped on rows of its own).
    pub meta: String,
    /// Indices into `rows` of the body rows, in text order.
    body_rows: Vec<usize>,
}

impl Layout {
    /// Wraps `article` to `width` columns (at least one).
    pub fn new(article: &Article, width: usize) -> Layout {
        let width = width.max(1);
        let mut rows = Vec::new();
        for range in wrap(article.title(), width) {
            rows.push(Row {
                src: RowSrc::Title(range),
            });
        }
        let mut meta = meta_line(article);
        for range in wrap(&meta, width) {
            rows.push(Row {
                src: RowSrc::Meta(range),
            });
        }
        // The address on rows of its own, so that it reads (and copies) whole.
        if let Some(url) = article.url().map(str::trim).filter(|u| !u.is_empty()) {
            let start = meta.len();
            meta.push_str(&crate::corpus::clean::clean_inline(url));
            for range in wrap(&meta[start..], width) {
                rows.push(Row {
                    src: RowSrc::Meta(start + range.start..start + range.end),
                });
            }
        }
        let mut body_rows = Vec::new();
        for paragraph in article.paragraphs() {
            let Some(text) = article.body().get(paragraph.clone()) else {
                continue;
            };
            rows.push(Row { src: RowSrc::Blank });
            for range in wrap(text, width) {
                body_rows.push(rows.len());
                rows.push(Row {
                    src: RowSrc::Body(paragraph.start + range.start..paragraph.start + range.end),
                });
            }
        }
        Layout {
            article: article.id(),
            width,
            rows,
            meta,
            body_rows,
        }
    }

    /// The row that shows body byte `byte` (or, for a byte between rows, the row
    /// before it). `None` only when the article has no body.
    pub fn row_of(&self, byte: usize) -> Option<usize> {
        let after = self
            .body_rows
            .partition_point(|&row| self.body_range(row).start <= byte);
        self.body_rows.get(after.saturating_sub(1)).copied()
    }

    /// The rows a body byte range spans (a mention may straddle a line break).
    pub fn rows_of(&self, range: Range<usize>) -> Range<usize> {
        let first = self.row_of(range.start).unwrap_or(0);
        let last = self
            .row_of(range.end.saturating_sub(1).max(range.start))
            .unwrap_or(first);
        first..last.max(first) + 1
    }

    /// The first body byte at or after `row`; used as the reading position that
    /// survives a re-wrap.
    pub fn anchor_of(&self, row: usize) -> Option<usize> {
        let at = self.body_rows.partition_point(|&r| r < row);
        self.body_rows.get(at).map(|&r| self.body_range(r).start)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The text of a row.
    pub fn text<'a>(&'a self, row: &Row, article: &'a Article) -> &'a str {
        match &row.src {
            RowSrc::Title(r) => article.title().get(r.clone()).unwrap_or(""),
            RowSrc::Meta(r) => self.meta.get(r.clone()).unwrap_or(""),
            RowSrc::Body(r) => article.body().get(r.clone()).unwrap_or(""),
            RowSrc::Blank => "",
        }
    }

    fn body_range(&self, row: usize) -> Range<usize> {
        match &self.rows[row].src {
            RowSrc::Body(r) => r.clone(),
            _ => 0..0,
        }
    }
}

/// The line under the title: date (or the date as written), source, authors.
fn meta_line(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(date) = article.date() {
        parts.push(date.format("%A, %-d %B %Y").to_string());
    } else if let Some(text) = article.date_text().filter(|t| !t.trim().is_empty()) {
        parts.push(text.trim().to_string());
    }
    if let Some(source) = article.source().filter(|s| !s.is_empty()) {
        parts.push(source.to_string());
    }
    if !article.authors().is_empty() {
        parts.push(article.authors().join(", "));
    }
    crate::corpus::clean::clean_inline(&parts.join(" · "))
}

/// Wraps one line of text (no newlines) and returns each row's byte range in it.
/// No row is wider than `width` columns as drawn, unless it is a single grapheme
/// cluster wider than `width`.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let rows = textwrap_rows(text, width);
    // textwrap sums char widths; the screen counts grapheme clusters, and "❤"
    // + U+FE0F is one column to the first and two to the second. A row that
    // only textwrap thinks fits is broken again where the screen says it ends,
    // instead of being cut off at the pane's edge.
    let width = width.max(1);
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if sanitize::width(&text[row.clone()]) <= width {
            out.push(row);
            continue;
        }
        let mut start = row.start;
        let mut used = 0;
        for (i, g) in text[row.clone()].grapheme_indices(true) {
            let w = sanitize::width(g);
            let at = row.start + i;
            if used + w > width && at > start {
                out.push(start..at);
                start = at;
                used = 0;
            }
            used += w;
        }
        out.push(start..row.end);
    }
    out
}

/// How much of a paragraph textwrap sees at once. textwrap holds every word of
/// its input in memory (about 56 bytes a word), so a 50 MB paragraph would cost
/// half a gigabyte; windows keep that bounded.
const WINDOW: usize = 64 << 10;

/// textwrap's rows, as byte ranges of `text`. Long text is wrapped a window at
/// a time: first-fit wrapping decides each row from where the row starts, so
/// starting the next window at the start of this window's last row (which the
/// window may have cut short) gives exactly the rows of wrapping it whole.
fn textwrap_rows(text: &str, width: usize) -> Vec<Range<usize>> {
    if text.len() <= WINDOW {
        return textwrap_window(text, width);
    }
    let mut rows = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut window = textwrap_window(&text[start..end], width);
        if end < text.len() && window.len() > 1 {
            // The last row may continue past the window: wrap it again next time.
            let last = window.pop().map_or(0, |r| r.start);
            rows.extend(window.into_iter().map(|r| start + r.start..start + r.end));
            start += last;
        } else {
            rows.extend(window.into_iter().map(|r| start + r.start..start + r.end));
            start = end;
        }
    }
    rows
}

/// textwrap's rows of one window, as byte ranges of it.
fn textwrap_window(text: &str, width: usize) -> Vec<Range<usize>> {
    if text.is_empty() {
        return Vec::new();
    }
    let options = Options::new(width.max(1)).break_words(true);
    let base = text.as_ptr() as usize;
    let ranges: Option<Vec<Range<usize>>> = textwrap::wrap(text, &options)
        .iter()
        .map(|line| {
            // A borrowed line is a slice of `text`: its offset is a pointer
            // difference. An owned one (textwrap added a hyphen) is not.
            let start = (line.as_ptr() as usize).checked_sub(base)?;
            let end = start + line.len();
            (matches!(line, std::borrow::Cow::Borrowed(_)) && text.get(start..end).is_some())
                .then_some(start..end)
        })
        .collect();
    ranges.unwrap_or_else(|| {
        let options = Options::new(width.max(1))
            .break_words(true)
            .word_splitter(WordSplitter::NoHyphenation);
        textwrap::wrap(text, &options)
            .iter()
            .filter_map(|line| {
                let start = (line.as_ptr() as usize).checked_sub(base)?;
                text.get(start..start + line.len())
                    .map(|_| start..start + line.len())
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;
    use crate::corpus::clean::clean_body;

    fn article(title: &str, body: &str) -> Article {
        Article::new(title, &clean_body(body))
    }

    fn body_texts<'a>(layout: &'a Layout, article: &'a Article) -> Vec<&'a str> {
        layout
            .rows
            .iter()
            .filter(|r| matches!(r.src, RowSrc::Body(_)))
            .map(|r| layout.text(r, article))
            .collect()
    }

    #[test]
    fn rows_cover_the_words_in_order_within_the_width() {
        let a = article(
            "Title",
            "one two three four five six seven eight nine ten\n\nsecond paragraph here",
        );
        let layout = Layout::new(&a, 12);
        let texts = body_texts(&layout, &a);
        assert_eq!(
            texts,
            [
                "one two",
                "three four",
                "five six",
                "seven eight",
                "nine ten",
                "second",
                "paragraph",
                "here"
            ]
        );
        assert!(texts.iter().all(|t| t.width() <= 12));
        // Title, blank, 5 rows, blank, 3 rows.
        assert_eq!(layout.len(), 1 + 1 + 5 + 1 + 3);
    }

    #[test]
    fn row_of_a_byte() {
        let a = article("T", "alpha beta gamma delta");
        let layout = Layout::new(&a, 11);
        let texts = body_texts(&layout, &a);
        assert_eq!(texts, ["alpha beta", "gamma delta"]);
        let gamma = a.body().find("gamma").unwrap();
        let second = layout.row_of(gamma).unwrap();
        assert_eq!(layout.text(&layout.rows[second], &a), "gamma delta");
        // The space between rows belongs to the row before it.
        assert_eq!(layout.row_of(gamma - 1), Some(second - 1));
        assert_eq!(layout.row_of(0), Some(second - 1));
    }

    #[test]
    fn a_mention_that_straddles_a_line_break_spans_two_rows() {
        let a = article("T", "Talks with John Kerry went on");
        let layout = Layout::new(&a, 15);
        let start = a.body().find("John").unwrap();
        let end = start + "John Kerry".len();
        let rows = layout.rows_of(start..end);
        assert_eq!(rows.len(), 2, "{:?}", body_texts(&layout, &a));
        assert!(layout.text(&layout.rows[rows.start], &a).ends_with("John"));
        assert!(
            layout
                .text(&layout.rows[rows.end - 1], &a)
                .starts_with("Kerry")
        );
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let a = article("T", "東京 大阪 京都 札幌 福岡");
        let layout = Layout::new(&a, 10);
        let texts = body_texts(&layout, &a);
        assert!(texts.iter().all(|t| t.width() <= 10), "{texts:?}");
        assert_eq!(texts, ["東京 大阪", "京都 札幌", "福岡"]);
        let kyoto = a.body().find("京都").unwrap();
        assert_eq!(
            layout.text(&layout.rows[layout.row_of(kyoto).unwrap()], &a),
            "京都 札幌"
        );
    }

    #[test]
    fn emoji_presentation_sequences_wrap_by_their_drawn_width() {
        // Regression (found by tests/props.rs): textwrap counted "❤\u{fe0f}" as
        // one column, the screen draws two, and rows overflowed the pane.
        let hearts = "❤\u{fe0f}".repeat(12);
        let a = article("T", &format!("{hearts} end"));
        let layout = Layout::new(&a, 10);
        let texts = body_texts(&layout, &a);
        assert!(texts.iter().all(|t| sanitize::width(t) <= 10), "{texts:?}");
        assert_eq!(texts.concat().replace(' ', ""), format!("{hearts}end"));
    }

    #[test]
    fn a_word_longer_than_the_width_is_broken_not_lost() {
        let a = article("T", "aaaaaaaaaaaaaaaaaaaaaaaa b");
        let layout = Layout::new(&a, 5);
        let joined: String = body_texts(&layout, &a).concat();
        assert_eq!(joined, "aaaaaaaaaaaaaaaaaaaaaaaab");
    }

    #[test]
    fn long_paragraphs_wrap_in_windows_exactly_as_whole() {
        // Longer than one window, with words of varied length and some wide text.
        let words = [
            "Kerry",
            "met",
            "Lavrov",
            "in",
            "Geneva;",
            "東京",
            "ceasefire",
            "talks",
            "went",
            "on.",
        ];
        let text: String = (0..40_000)
            .map(|i| words[(i * 7 + i / 3) % words.len()])
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.len() > 3 * WINDOW);
        for width in [1, 7, 33, 80] {
            let windowed = textwrap_rows(&text, width);
            let whole = textwrap_window(&text, width);
            assert_eq!(windowed, whole, "width {width}");
        }
    }

    #[test]
    fn width_zero_and_empty_articles_do_not_panic() {
        let a = article("", "");
        let layout = Layout::new(&a, 0);
        assert_eq!(layout.row_of(0), None);
        assert_eq!(layout.anchor_of(0), None);
        let b = article("x", "é ü 東");
        assert!(!Layout::new(&b, 0).is_empty());
    }

    #[test]
    fn anchor_survives_a_rewrap() {
        let text = "word ".repeat(200);
        let a = article("Title", &text);
        let narrow = Layout::new(&a, 20);
        let anchor = narrow.anchor_of(10).unwrap();
        let wide = Layout::new(&a, 50);
        let row = wide.row_of(anchor).unwrap();
        let shown = wide.text(&wide.rows[row], &a);
        let at = match &wide.rows[row].src {
            RowSrc::Body(r) => r.clone(),
            _ => unreachable!(),
        };
        assert!(at.contains(&anchor) || at.start == anchor, "{shown}");
    }
}
