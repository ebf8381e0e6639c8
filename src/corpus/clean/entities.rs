//! HTML character references (`&amp;`, `&#233;`, `&#x27;`) as scraped news text
//! carries them, including the truncated forms that real pages leave behind.
//!
//! Named references need their `;` (otherwise "AT&T" or "R&D" could change), and are
//! looked up in html-escape's full HTML5 table. Numeric references are decoded even
//! without the `;` when the next character cannot continue the number, because
//! scrapers cut `&#x27;` to `&#x27` often enough to matter.

/// Tries to decode the character reference at the start of `s` (which starts with
/// `&`). Returns the decoded text and how many bytes of `s` it used.
pub fn decode_at(s: &str) -> Option<(Decoded, usize)> {
    let rest = s.strip_prefix('&')?;
    if let Some(num) = rest.strip_prefix('#') {
        return decode_numeric(num).map(|(c, used)| (Decoded::Char(c), used + 2));
    }
    decode_named(rest).map(|(text, used)| (Decoded::Text(text), used + 1))
}

/// What a reference stood for.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Char(char),
    Text(String),
}

/// `num` follows `&#`: digits, or `x` and hex digits, then an optional `;`.
fn decode_numeric(num: &str) -> Option<(char, usize)> {
    let (hex, digits_at) = match num.as_bytes().first() {
        Some(b'x' | b'X') => (true, 1),
        _ => (false, 0),
    };
    let radix = if hex { 16 } else { 10 };
    let digits = num[digits_at..]
        .bytes()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 {
        return None;
    }
    let end = digits_at + digits;
    let used = match num.as_bytes().get(end) {
        Some(b';') => end + 1,
        // Without `;`, a letter or digit right after would make the reference
        // ambiguous ("&#x27abc"): leave such text alone.
        Some(b) if b.is_ascii_alphanumeric() => return None,
        _ => end,
    };
    // `digits` counts ASCII bytes only, so `end` is a char boundary.
    let value = u32::from_str_radix(&num[digits_at..end], radix).unwrap_or(u32::MAX);
    Some((numeric_char(value), used))
}

/// The character a numeric reference stands for, with the HTML5 repairs: C1 code
/// points were meant as Windows-1252, and nothing invalid is passed on.
fn numeric_char(value: u32) -> char {
    if (0x80..=0x9f).contains(&value) {
        // The byte is in 0x80..=0x9F, so the cast cannot truncate.
        return crate::corpus::decode::windows_1252(value as u8);
    }
    match char::from_u32(value) {
        Some('\0') | None => char::REPLACEMENT_CHARACTER,
        Some(c) => c,
    }
}

/// `rest` follows `&`: a name of letters and digits, then `;`.
fn decode_named(rest: &str) -> Option<(String, usize)> {
    let name_len = rest
        .bytes()
        .take(40)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if name_len == 0 || rest.as_bytes().get(name_len) != Some(&b';') {
        return None;
    }
    // The name and `;` are ASCII, so these slices fall on char boundaries.
    let reference = &rest[..=name_len];
    let with_amp = format!("&{reference}");
    let decoded = html_escape::decode_html_entities(&with_amp);
    if decoded == with_amp {
        return None;
    }
    Some((decoded.into_owned(), name_len + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Option<(Decoded, usize)> {
        decode_at(s)
    }

    #[test]
    fn numeric_references() {
        assert_eq!(decode("&#233; x"), Some((Decoded::Char('é'), 6)));
        assert_eq!(decode("&#x27;s"), Some((Decoded::Char('\''), 6)));
        assert_eq!(decode("&#X27;"), Some((Decoded::Char('\''), 6)));
    }

    #[test]
    fn truncated_numeric_reference_without_semicolon() {
        // Seed 002 ends "'military-to-military&#x27 talks".
        assert_eq!(decode("&#x27 talks"), Some((Decoded::Char('\''), 5)));
        assert_eq!(decode("&#x27"), Some((Decoded::Char('\''), 5)));
        assert_eq!(decode("&#x27xyz"), None);
        assert_eq!(decode("&#233rd"), None);
    }

    #[test]
    fn named_references_need_semicolon() {
        assert_eq!(decode("&amp; b"), Some((Decoded::Text("&".into()), 5)));
        assert_eq!(decode("&eacute;"), Some((Decoded::Text("é".into()), 8)));
        assert_eq!(decode("&T"), None);
        assert_eq!(decode("&nosuchentity;"), None);
        assert_eq!(decode("& b"), None);
    }

    #[test]
    fn invalid_code_points_become_replacement() {
        assert_eq!(decode("&#0;"), Some((Decoded::Char('\u{fffd}'), 4)));
        assert_eq!(decode("&#xD800;"), Some((Decoded::Char('\u{fffd}'), 8)));
        assert_eq!(
            decode("&#99999999999;").map(|d| d.0),
            Some(Decoded::Char('\u{fffd}'))
        );
        assert_eq!(decode("&#150;"), Some((Decoded::Char('\u{2013}'), 6)));
    }
}
