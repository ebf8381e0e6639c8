//! Bytes to text: UTF-8 with repairs, UTF-16 with a byte-order mark, and the test
//! for binary files. Nothing here fails: every input yields text, and the caller
//! learns what had to be repaired so it can say so.

use std::borrow::Cow;

/// How much of the first part of a file is looked at to call it binary.
const SNIFF_LEN: usize = 8 * 1024;

/// Text decoded from bytes, and how many bytes were not valid UTF-8.
#[derive(Debug)]
pub struct Text<'a> {
    pub text: Cow<'a, str>,
    /// Bytes that were not valid UTF-8 and were read as Windows-1252 instead;
    /// for UTF-16, the bytes of units that were not valid UTF-16 (unpaired
    /// surrogates), replaced by U+FFFD.
    pub repaired: usize,
    /// The text was UTF-16 (with a byte-order mark).
    pub utf16: bool,
    /// UTF-16 that ended in half a unit: an odd number of bytes, the last
    /// one dropped.
    pub odd_byte: bool,
}

impl Text<'_> {
    /// What had to be repaired, as a warning, if anything was.
    pub fn problem(&self) -> Option<String> {
        let mut problems = Vec::new();
        if self.utf16 {
            if self.odd_byte {
                problems.push(
                    "UTF-16 text with an odd number of bytes: the last byte, half a character, dropped"
                        .to_string(),
                );
            }
            if self.repaired > 0 {
                problems.push(format!(
                    "not valid UTF-16: {} unpaired surrogate(s) replaced by U+FFFD",
                    self.repaired / 2
                ));
            }
        } else if self.repaired > 0 {
            problems.push(format!(
                "not valid UTF-8: {} byte(s) read as Windows-1252",
                self.repaired
            ));
        }
        (!problems.is_empty()).then(|| problems.join("; "))
    }
}

/// A file is binary when a NUL byte shows up early and it is not UTF-16 text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if utf16_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    memchr::memchr(0, head).is_some()
}

/// Decodes a whole file: a UTF-8 byte-order mark is dropped, UTF-16 with a mark is
/// decoded, anything else is read as UTF-8 with repairs (see [`utf8_lossy`]).
pub fn decode(bytes: &[u8]) -> Text<'_> {
    if let Some(big_endian) = utf16_bom(bytes) {
        return decode_utf16(&bytes[2..], big_endian);
    }
    utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// Reads UTF-8, taking each invalid byte as Windows-1252. A file that is not UTF-8
/// is nearly always Latin-1 or Windows-1252 (a raw 0xA3 is a pound sign), and
/// this keeps such characters instead of turning them into U+FFFD, while valid
/// multi-byte sequences in the same file still decode as UTF-8.
pub fn utf8_lossy(bytes: &[u8]) -> Text<'_> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Text {
            text: Cow::Borrowed(text),
            repaired: 0,
            utf16: false,
            odd_byte: false,
        };
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut repaired = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for &b in chunk.invalid() {
            text.push(windows_1252(b));
            repaired += 1;
        }
    }
    Text {
        text: Cow::Owned(text),
        repaired,
        utf16: false,
        odd_byte: false,
    }
}

/// `Some(true)` for a big-endian UTF-16 mark, `Some(false)` for little-endian.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        _ => None,
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Text<'static> {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut repaired = 0;
    let text = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                repaired += 2;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Text {
        text: Cow::Owned(text),
        repaired,
        utf16: true,
        odd_byte: bytes.len() % 2 == 1,
    }
}

/// The character a Windows-1252 byte stands for. The five bytes that code page
/// leaves undefined map to the C1 control of the same value, which cleaning drops.
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed() {
        let t = decode("café".as_bytes());
        assert!(matches!(t.text, Cow::Borrowed("café")));
        assert_eq!(t.repaired, 0);
    }

    #[test]
    fn latin1_pound_sign_is_kept() {
        // BBC sport/199.txt carries a raw 0xA3.
        let t = decode(b"cost \xA3600m and caf\xC3\xA9");
        assert_eq!(t.text, "cost £600m and café");
        assert_eq!(t.repaired, 1);
    }

    #[test]
    fn utf8_bom_is_dropped_and_utf16_is_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBFTitle").text, "Title");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).text, "Hé");
        assert!(!looks_binary(&le));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).text, "Hé");
    }

    #[test]
    fn utf16_with_an_odd_byte_was_called_invalid_utf8() {
        let mut odd: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        odd.push(b'x');
        let t = decode(&odd);
        assert_eq!(t.text, "Hi");
        let problem = t.problem().unwrap();
        assert!(
            problem.starts_with("UTF-16 text with an odd number of bytes"),
            "{problem}"
        );
        assert!(!problem.contains("UTF-8"), "{problem}");
        // An unpaired surrogate is a UTF-16 problem too.
        let lone = [0xFF, 0xFE, 0x00, 0xD8, b'a', 0];
        assert_eq!(
            decode(&lone).problem().as_deref(),
            Some("not valid UTF-16: 1 unpaired surrogate(s) replaced by U+FFFD")
        );
        assert_eq!(decode("fine".as_bytes()).problem(), None);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary(b"plain text"));
    }

    #[test]
    fn windows_1252_punctuation() {
        assert_eq!(windows_1252(0x93), '“');
        assert_eq!(windows_1252(0xFC), 'ü');
        assert_eq!(windows_1252(b'a'), 'a');
    }
}
