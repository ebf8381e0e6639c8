//! Fitting untrusted text into cells: sanitised, and cut to a display width
//! (not a char count: CJK and emoji take two columns, combining marks none).

use unicode_width::UnicodeWidthChar;

use crate::sanitize;

/// `text` made safe and cut to at most `width` columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let safe = sanitize::display(text);
    let mut out = String::new();
    let mut used = 0;
    let total: usize = safe.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return safe.into_owned();
    }
    let room = width.saturating_sub(1);
    for c in safe.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Display width of `text` as drawn.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
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
    }
}
