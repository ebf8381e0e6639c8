//! Repairing mojibake: UTF-8 text that was once read as Windows-1252 and saved
//! again, so that "’" became "â€™" (or, done twice, "Ã¢â‚¬â„¢"). Scraped news
//! exports carry it (AllSides does); a reader should show the quote.
//!
//! The rule: a run of characters that Windows-1252 encodes to the bytes of one
//! valid UTF-8 character — a lead byte then its continuation bytes — is that
//! character. Real text almost never spells such a run: it needs an accented
//! letter (the lead) directly followed by one to three symbols from
//! U+0080–U+00BF or Windows-1252's punctuation (the continuations), as in "Ã©"
//! or "â€™". Two-byte runs are taken only with the leads that encode Latin-1
//! and Windows-1252's own characters (0xC2 "Â", 0xC3 "Ã", and 0xC5, 0xC6, 0xCB
//! for "œ", "ƒ", "˜" and the like, which a second encoding needs), because
//! other capitals before a quote are real text: "BEYONCÉ’S" must not become
//! "BEYONCɒS".
//! Repairs are repeated until none is left, which undoes double encoding and
//! makes the repair idempotent.

use std::borrow::Cow;

/// `text` with its mojibake repaired (borrowed when there is none).
pub fn repair(text: &str) -> Cow<'_, str> {
    // Every lead (U+00C2–U+00F4) is encoded in UTF-8 starting with byte 0xC3:
    // text without one has nothing to repair, and is not looked at further.
    if !text.as_bytes().contains(&0xC3) {
        return Cow::Borrowed(text);
    }
    let mut current = Cow::Borrowed(text);
    // Each pass makes the text shorter or leaves it alone, so this ends.
    while let Some(fixed) = repair_once(&current) {
        current = Cow::Owned(fixed);
    }
    current
}

/// One pass; `None` when nothing changed.
fn repair_once(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0; // bytes of `text` already in `out`
    let mut changed = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let Some(lead) =
            byte_of(c).filter(|b| matches!(b, 0xC2 | 0xC3 | 0xC5 | 0xC6 | 0xCB | 0xE0..=0xF4))
        else {
            continue;
        };
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let mut bytes = [lead, 0, 0, 0];
        let mut end = at + c.len_utf8();
        let mut ahead = chars.clone();
        let mut ok = true;
        for slot in bytes.iter_mut().take(len).skip(1) {
            match ahead.next().and_then(|(i, c)| Some((i, c, byte_of(c)?))) {
                Some((i, c, b)) if (0x80..=0xBF).contains(&b) => {
                    *slot = b;
                    end = i + c.len_utf8();
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        // A C1 control is what no text means (and cleaning drops it).
        let Some(decoded) = std::str::from_utf8(&bytes[..len])
            .ok()
            .filter(|d| !d.chars().all(|c| ('\u{80}'..='\u{9f}').contains(&c)))
        else {
            continue;
        };
        out.push_str(&text[copied..at]);
        out.push_str(decoded);
        copied = end;
        changed = true;
        chars = ahead;
    }
    if !changed {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// The Windows-1252 byte that decodes to `c`, if one does (the five bytes the
/// code page leaves undefined read as the C1 control of the same value).
fn byte_of(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x80
        || (0xA0..=0xFF).contains(&code)
        || matches!(code, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
    {
        return u8::try_from(code).ok();
    }
    (0x80..=0x9F).find(|&b| crate::corpus::decode::windows_1252(b) == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_double_encodings_are_undone() {
        assert_eq!(repair("it\u{e2}\u{20ac}\u{2122}s"), "it’s");
        assert_eq!(
            repair("Trump\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{201e}\u{a2}s"),
            "Trump’s"
        );
        assert_eq!(repair("caf\u{c3}\u{a9} \u{c2}\u{a3}5"), "café £5");
        // A closing quote's third byte is undefined in Windows-1252: a C1 control.
        assert_eq!(repair("\u{e2}\u{20ac}\u{9d}end"), "”end");
        assert_eq!(
            repair("\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{c5}\u{201c}quoted"),
            "“quoted"
        );
    }

    #[test]
    fn real_text_is_left_alone() {
        for text in [
            "NÃO, disse Zürich à « Genève » — déjà vu, señor, Ōsaka",
            "Ça va? Éric Öztürk’s “quote” ÷ 2 × 3 … Ø",
            "plain ASCII",
            "À¡ (C0 is never a lead)",
            "BEYONCÉ’S ÖZIL’S NEW ALBUM, JOSÉ“",
        ] {
            assert!(matches!(repair(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn repairing_is_idempotent_and_keeps_char_boundaries() {
        let once = repair("x\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{201e}\u{a2} \u{c3}");
        assert_eq!(once, "x’ Ã");
        assert!(matches!(repair(&once), Cow::Borrowed(_)));
    }
}
