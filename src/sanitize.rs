//! The last guard before text reaches the terminal.
//!
//! Article text is written by strangers. The cleaner removes control characters
//! and escape sequences from bodies once, at load; this module is the belt to that
//! braces: every string the UI draws (titles, actor names, the search prompt,
//! warnings) passes through [`display`], which keeps one char for one char so that
//! byte offsets computed on the original still line up char by char.
//!
//! Three kinds of char are replaced by a visible placeholder:
//! - controls (C0, DEL, C1): ratatui drops C0 itself, but a C1 char such as
//!   U+009B is a CSI to some terminals;
//! - bidi embeddings, overrides, isolates and marks: they reorder what the
//!   terminal shows ("user" U+202E "exe.txt" drawn as "usertxt.exe") and ratatui passes
//!   them on, appended to the cell before them;
//! - invisible format chars (zero-width space, word joiner, BOM, ...): terminals
//!   disagree on whether they take a column, so a row holding one may push the
//!   pane border out of place. Zero-width joiners and non-joiners stay: emoji
//!   sequences and Persian or Indic text need them.
//!
//! The placeholders all take exactly one column.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether a char must never be written to the terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || is_bidi(c)
        || is_invisible(c)
}

/// Bidi embeddings, overrides, isolates and the directional marks.
fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Format chars that draw nothing and whose width terminals disagree on; line
/// and paragraph separators, which some terminals take for a line break.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{180E}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// What an unsafe char is shown as: C0 controls as their control picture
/// (U+2400 block, so ESC is visible as `␛`), DEL as `␡`, everything else as
/// U+FFFD.
pub fn placeholder(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// `text` with every unsafe char replaced by a visible placeholder.
pub fn display(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// How many columns `text` takes once drawn: the sum of its grapheme clusters'
/// widths, which is how ratatui places text in cells. Summing char widths (as
/// textwrap does) differs for emoji presentation sequences ("❤" + U+FE0F takes
/// two columns, not one) and ZWJ sequences; anything that fits text into a
/// width must count the way the drawing will, or text is cut off at the edge.
pub fn width(text: &str) -> usize {
    // Printable ASCII is one column a byte, and nearly all text is: skip the
    // grapheme segmentation (wrapping a long article calls this for every word).
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.len();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// One grapheme cluster's width, as ratatui's `CellWidth` counts it: the
/// halfwidth katakana sound marks U+FF9E and U+FF9F take a column of their own
/// in terminals although Unicode calls them zero-width.
fn grapheme_width(g: &str) -> usize {
    let marks = g
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    g.width() + marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(display("a\u{1b}[31mred"), "a␛[31mred");
        assert_eq!(display("bell\u{7}"), "bell␇");
        assert_eq!(display("c1\u{9b}x"), "c1\u{FFFD}x");
        assert_eq!(display("rtl\u{202E}x"), "rtl\u{FFFD}x");
        assert_eq!(display("tab\there"), "tab␉here");
        assert_eq!(display("del\u{7f}"), "del␡");
    }

    #[test]
    fn invisible_format_chars_become_visible() {
        assert_eq!(
            display("a\u{200B}b\u{FEFF}c\u{2060}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(display("line\u{2028}sep"), "line\u{FFFD}sep");
    }

    #[test]
    fn joiners_that_text_needs_are_kept() {
        // A family emoji (ZWJ sequence) and Persian "mi-khaham" (ZWNJ).
        for text in ["👨\u{200D}👩\u{200D}👧", "می\u{200C}خواهم"] {
            assert!(matches!(display(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn clean_text_is_borrowed_untouched() {
        assert!(matches!(
            display("Secretary of State John Kerry — “quoted” 東京"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn width_counts_grapheme_clusters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("東京"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("❤\u{fe0f}"), 2);
        assert_eq!(width("👨\u{200D}👩\u{200D}👧"), 2);
        assert_eq!(width("🇫🇷"), 2);
    }

    #[test]
    fn one_char_for_one_char() {
        let raw = "x\u{1b}]52;c;ZXZpbA==\u{7}y\u{FEFF}\u{202E}";
        assert_eq!(display(raw).chars().count(), raw.chars().count());
    }
}
