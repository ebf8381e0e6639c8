//! The last guard before text reaches the terminal.
//!
//! Article text is written by strangers. The cleaner removes control characters
//! and escape sequences from bodies once, at load; this module is the belt to that
//! braces: every string the UI draws (titles, actor names, the search prompt,
//! warnings) passes through [`display`], which keeps one char for one char so that
//! byte offsets computed on the original still line up char by char.

use std::borrow::Cow;

/// Whether a char must never be written to the terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// What an unsafe char is shown as: C0 controls as their control picture
/// (U+2400 block, so ESC is visible as `␛`), everything else as U+FFFD.
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
    }

    #[test]
    fn clean_text_is_borrowed_untouched() {
        assert!(matches!(
            display("Secretary of State John Kerry — “quoted” 東京"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn one_char_for_one_char() {
        let raw = "x\u{1b}]52;c;ZXZpbA==\u{7}y";
        assert_eq!(display(raw).chars().count(), raw.chars().count());
    }
}
