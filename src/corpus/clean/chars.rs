//! The character pass of cleaning: one walk over untrusted text that decodes
//! character references, removes terminal escape sequences, control characters and
//! invisible formatting characters, and reduces every kind of space and line break
//! to `' '` and `'\n'`.
//!
//! Whole escape sequences are consumed, not just their ESC: a stray `[31m` or an
//! OSC 52 payload left behind would be noise at best. C1 controls (U+0080–U+009F)
//! are dropped one by one and never start a sequence: in decoded text they are
//! nearly always mojibake ("â€\u{9d}" for a closing quote), and taking U+009D as
//! an OSC would swallow the rest of the line. Bidi overrides and isolates
//! are removed because they can reorder what the terminal shows; zero-width
//! characters because they make equal names compare unequal and confuse width
//! arithmetic.

use super::entities::{self, Decoded};

/// Columns between tab stops when a tab is expanded.
const TAB_WIDTH: usize = 8;

/// Appends the cleaned form of `raw` to `out`. The result holds no control
/// character but `'\n'`, and no space but `' '`.
pub fn normalise_into(raw: &str, out: &mut String) {
    out.reserve(raw.len());
    let mut column = 0usize;
    let mut rest = raw;
    loop {
        // Fast path: most text is printable ASCII and line breaks, copied as a run.
        let plain = plain_len(rest.as_bytes());
        if plain > 0 {
            // The run is ASCII, so `plain` is a char boundary.
            let run = &rest[..plain];
            out.push_str(run);
            column = match run.rfind('\n') {
                Some(nl) => plain - nl - 1,
                None => column + plain,
            };
            rest = &rest[plain..];
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        let mut used = c.len_utf8();
        match c {
            '&' => {
                if let Some((decoded, n)) = entities::decode_at(rest) {
                    used = n;
                    match decoded {
                        Decoded::Char(d) => push_char(d, out, &mut column),
                        Decoded::Text(text) => {
                            for d in text.chars() {
                                push_char(d, out, &mut column);
                            }
                        }
                    }
                } else {
                    push_char('&', out, &mut column);
                }
            }
            '\u{1b}' => used = escape_len(rest),
            '\r' => {
                // "\r\n" and a lone "\r" are both one line break.
                if rest.as_bytes().get(1) == Some(&b'\n') {
                    used = 2;
                }
                push_char('\n', out, &mut column);
            }
            _ => push_char(c, out, &mut column),
        }
        rest = &rest[used..];
    }
}

/// Whether a byte is copied as it is: printable ASCII but `&`, or `'\n'`.
fn is_plain(b: u8) -> bool {
    (b' '..=b'~').contains(&b) && b != b'&' || b == b'\n'
}

/// Length of the run of plain bytes ([`is_plain`]) at the start of `b`. Eight
/// bytes are tested at a time (nearly all of a text is such runs, and this
/// walk was a byte-at-a-time loop over every article): a word holds no byte
/// below `' '` (a newline among them sends the word to the byte test), none
/// above `'~'` and no `&`.
fn plain_len(b: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut n = 0;
    for chunk in b.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        // A byte below 0x20; a byte above 0x7e (or with its high bit set);
        // a byte equal to '&' (zero after the xor).
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let above = (x.wrapping_add(ONES) | x) & HIGHS;
        let amp = x ^ (ONES * u64::from(b'&'));
        let amp = amp.wrapping_sub(ONES) & !amp & HIGHS;
        if below | above | amp != 0 {
            // Maybe only a newline: the bytes decide.
            if let Some(i) = chunk.iter().position(|&b| !is_plain(b)) {
                return n + i;
            }
        }
        n += 8;
    }
    n + b[n..].iter().take_while(|&&b| is_plain(b)).count()
}

/// Pushes one already-decoded character, dropping or replacing what must not pass.
fn push_char(c: char, out: &mut String, column: &mut usize) {
    match classify(c) {
        Class::Keep => {
            out.push(c);
            *column += 1;
        }
        Class::Space => {
            out.push(' ');
            *column += 1;
        }
        Class::Tab => {
            let n = TAB_WIDTH - *column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', n));
            *column += n;
        }
        Class::Newline => {
            out.push('\n');
            *column = 0;
        }
        Class::Drop => {}
    }
}

enum Class {
    Keep,
    Space,
    Tab,
    Newline,
    Drop,
}

fn classify(c: char) -> Class {
    match c {
        ' ' => Class::Keep,
        '\t' => Class::Tab,
        '\n' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => Class::Drop,
        // No-break, en/em and other fixed-width spaces, ideographic space.
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            Class::Space
        }
        // Soft hyphen, zero-width space/joiners, bidi marks, embeddings, overrides,
        // isolates, word joiner and invisible operators, byte-order mark.
        '\u{ad}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        // Deprecated format controls and interlinear annotation marks: as
        // invisible as the rest.
        | '\u{206a}'..='\u{206f}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{feff}' => Class::Drop,
        _ => Class::Keep,
    }
}

/// Length in bytes of the escape sequence starting at `s` (which starts with ESC).
fn escape_len(s: &str) -> usize {
    let after = &s[1..];
    match after.as_bytes().first() {
        Some(b'[') => 2 + csi_len(&after[1..]),
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ST.
        Some(b']' | b'P' | b'X' | b'^' | b'_') => 2 + string_len(&after[1..]),
        // nF sequences: intermediates 0x20..=0x2F, then one final byte.
        Some(0x20..=0x2f) => {
            let inter = after
                .bytes()
                .take_while(|b| (0x20..=0x2f).contains(b))
                .count();
            match after.as_bytes().get(inter) {
                Some(0x30..=0x7e) => 1 + inter + 1,
                _ => 1 + inter,
            }
        }
        // Two-character sequences such as ESC 7, ESC M, ESC c.
        Some(0x30..=0x7e) => 2,
        _ => 1,
    }
}

/// Length of a CSI body: parameter and intermediate bytes, then a final byte. A
/// sequence broken by anything else ends there, and that character is kept.
fn csi_len(s: &str) -> usize {
    let body = s.bytes().take_while(|b| (0x20..=0x3f).contains(b)).count();
    match s.as_bytes().get(body) {
        Some(0x40..=0x7e) => body + 1,
        _ => body,
    }
}

/// Length of a control string's body up to and including its terminator (BEL,
/// ESC and a backslash, or the C1 ST). An unterminated string ends at the line's end, so that one
/// bad byte cannot swallow the rest of an article.
fn string_len(s: &str) -> usize {
    for (i, c) in s.char_indices() {
        match c {
            '\u{07}' | '\u{9c}' => return i + c.len_utf8(),
            '\u{1b}' if s.as_bytes().get(i + 1) == Some(&b'\\') => return i + 2,
            '\n' | '\r' => return i,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        normalise_into(s, &mut out);
        out
    }

    #[test]
    fn plain_runs_end_at_the_first_byte_copied_otherwise() {
        // Every byte value at every place of a run longer than one word,
        // against the byte-at-a-time test.
        let run = b"plain text,\nmore text";
        for at in 0..run.len() {
            for b in 0..=255u8 {
                let mut s = run.to_vec();
                s[at] = b;
                let slow = s.iter().take_while(|&&b| is_plain(b)).count();
                assert_eq!(plain_len(&s), slow, "byte {b:#04x} at {at}");
            }
        }
    }

    #[test]
    fn csi_sequences_are_consumed_whole() {
        // Reuters 18806.txt: "2.80 DLRS A\x1b[B SHARE".
        assert_eq!(norm("A\x1b[B SHARE"), "A SHARE");
        assert_eq!(norm("\x1b[1;31mred\x1b[0m"), "red");
    }

    #[test]
    fn osc_and_dcs_strings_are_consumed_whole() {
        assert_eq!(norm("a\x1b]52;c;aGVsbG8=\x07b"), "ab");
        assert_eq!(norm("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b"), "alinkb");
        assert_eq!(norm("a\x1bPq#0;2;0\x1b\\b"), "ab");
        assert_eq!(norm("a\x1b]0;title\nb"), "a\nb");
    }

    #[test]
    fn c1_character_in_mojibake_does_not_swallow_the_line() {
        // AllSides: "Romney Ã¢â‚¬â€\u{9d} an Independent choice" lost all after U+009D.
        assert_eq!(
            norm("Romney â€\u{9d} an Independent choice"),
            "Romney â€ an Independent choice"
        );
        assert_eq!(norm("x\u{9b}2Jy"), "x2Jy");
    }

    #[test]
    fn lone_and_short_escapes() {
        assert_eq!(norm("a\x1b"), "a");
        assert_eq!(norm("a\x1b(Bb"), "ab");
        assert_eq!(norm("a\x1bcb"), "ab");
        assert_eq!(norm("a\x1béb"), "aéb");
        assert_eq!(norm("a\x1b[31"), "a");
        assert_eq!(norm("a\x1b[3\u{e9}"), "a\u{e9}");
    }

    #[test]
    fn control_and_invisible_characters_are_dropped() {
        assert_eq!(norm("a\x02b\x03c\x7fd\u{85}e\u{9a}f"), "abcd\nef");
        assert_eq!(norm("\u{202e}evil\u{202c} \u{2066}x\u{2069}"), "evil x");
        assert_eq!(norm("zero\u{200b}width\u{feff}bom\u{2060}"), "zerowidthbom");
    }

    #[test]
    fn spaces_and_line_breaks_are_normalised() {
        assert_eq!(norm("a\u{a0}b\u{2009}c\u{3000}d"), "a b c d");
        assert_eq!(norm("a\r\nb\rc\u{2029}d"), "a\nb\nc\nd");
        assert_eq!(norm("ab\tc"), "ab      c");
        assert_eq!(norm("\tx"), "        x");
    }

    #[test]
    fn entities_decode_through_the_same_filter() {
        assert_eq!(norm("it&#x27;s &amp; caf&#233;"), "it's & café");
        assert_eq!(norm("a&nbsp;b"), "a b");
        // A decoded ESC is dropped, never starts a sequence.
        assert_eq!(norm("&#27;[31m"), "[31m");
        assert_eq!(norm("AT&T R&D &"), "AT&T R&D &");
    }
}
