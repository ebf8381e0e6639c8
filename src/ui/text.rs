//! Fitting untrusted text into cells: sanitised, and cut to a display width
//! (not a char count: CJK and emoji take two columns, combining marks none),
//! counted per grapheme cluster as ratatui draws it.

use unicode_segmentation::UnicodeSegmentation;

use crate::sanitize;

/// `text` made safe and cut to at most `width` columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let safe = sanitize::display(text);
    let mut out = String::new();
    let mut used = 0;
    if sanitize::width(&safe) <= width {
        return safe.into_owned();
    }
    let room = width.saturating_sub(1);
    for g in safe.graphemes(true) {
        let w = sanitize::width(g);
        if used + w > room {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` made safe, its first `skip` columns left out, cut to `width`
/// columns: a view of a long line scrolled sideways.
pub fn slice(text: &str, skip: usize, width: usize) -> String {
    let safe = sanitize::display(text);
    let mut skipped = 0;
    let mut start = safe.len();
    for (i, g) in safe.grapheme_indices(true) {
        if skipped >= skip {
            start = i;
            break;
        }
        skipped += sanitize::width(g);
    }
    fit(&safe[start..], width)
}

/// `text` made safe and cut to its last `width` columns, starting with `…`
/// when cut: the end of a line typed, the words just before a mention.
pub fn fit_end(text: &str, width: usize) -> String {
    let safe = sanitize::display(text);
    if sanitize::width(&safe) <= width {
        return safe.into_owned();
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut start = safe.len();
    for (i, g) in safe.grapheme_indices(true).rev() {
        let w = sanitize::width(g);
        if used + w > room {
            break;
        }
        used += w;
        start = i;
    }
    if width == 0 {
        return String::new();
    }
    format!("…{}", &safe[start..])
}

/// Display width of `text` as drawn.
pub fn width(text: &str) -> usize {
    sanitize::width(text)
}

/// 12400 → "12,400".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_columns() {
        assert_eq!(fit("hello world", 5), "hell…");
        assert_eq!(fit("hello", 5), "hello");
        assert_eq!(fit("東京大阪", 5), "東京…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("a\u{1b}[2Jb", 10), "a␛[2Jb");
        assert!(width(&fit("東京大阪京都", 7)) <= 7);
        // Emoji presentation sequences take two columns, and are never split.
        assert_eq!(fit("❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}", 5), "❤\u{fe0f}❤\u{fe0f}…");
    }

    #[test]
    fn slices_skip_columns_then_fit() {
        assert_eq!(slice("hello world", 6, 10), "world");
        assert_eq!(slice("hello world", 0, 5), "hell…");
        assert_eq!(slice("東京大阪", 2, 10), "京大阪");
        assert_eq!(slice("abc", 10, 5), "");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(12400), "12,400");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
