//! Sentence boundaries around a byte, found by looking outwards from it — a
//! mention's sentence costs its own length, not its article's. A sentence
//! ends at `.`, `!` or `?` followed by space (closing quotes and brackets
//! belong to it), unless the full stop closes an abbreviation ("Mr.", "U.S.",
//! an initial: `assets/abbreviations.txt`), and at every line break (a
//! paragraph, or the title's end).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use crate::corpus::Article;

/// A sentence is looked for this far either side of its byte at most: text
/// without any punctuation (a table, a list of names) is cut into pieces
/// rather than read to its end for every mention in it.
const REACH: usize = 1500;

fn abbreviations() -> &'static HashSet<String> {
    static LIST: OnceLock<HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../assets/abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// Whether a sentence ends with the byte at `i` (a `.`, `!` or `?`):
/// returns the end (after closing quotes and brackets).
fn end_at(text: &[u8], i: usize) -> Option<usize> {
    let c = *text.get(i)?;
    if !matches!(c, b'.' | b'!' | b'?') {
        return None;
    }
    let mut end = i + 1;
    loop {
        match text.get(end..) {
            Some([b'"' | b'\'' | b')' | b']', ..]) => end += 1,
            // ” and ’ in UTF-8.
            Some([0xE2, 0x80, 0x9D | 0x99, ..]) => end += 3,
            _ => break,
        }
    }
    match text.get(end) {
        None | Some(b' ' | b'\n' | b'\t' | b'\r') => {}
        _ => return None,
    }
    if c == b'.' {
        // The word before the full stop.
        let start = text[..i]
            .iter()
            .rposition(|b| matches!(b, b' ' | b'\n' | b'(' | b'"'))
            .map_or(0, |p| p + 1);
        let word = &text[start..i];
        let letters = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
        if letters == 1 || word.contains(&b'.') {
            return None;
        }
        if word.len() <= 6 {
            // Lower-cased on the stack: this runs for every full stop near
            // every mention.
            let mut lower = [0u8; 6];
            lower[..word.len()].copy_from_slice(word);
            lower.make_ascii_lowercase();
            if std::str::from_utf8(&lower[..word.len()]).is_ok_and(|w| abbreviations().contains(w))
            {
                return None;
            }
        }
    }
    Some(end)
}

/// The sentence of `text` that holds byte `at`, without the space around it.
pub fn around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let floor = at.saturating_sub(REACH);
    let mut start = floor;
    let mut i = at;
    while i > floor {
        i -= 1;
        match bytes[i] {
            b'\n' => {
                start = i + 1;
                break;
            }
            b'.' | b'!' | b'?' => {
                if let Some(end) = end_at(bytes, i).filter(|&e| e <= at) {
                    start = end;
                    break;
                }
            }
            _ => {}
        }
    }
    let ceiling = (at + REACH).min(bytes.len());
    let mut end = ceiling;
    let mut j = at;
    while j < ceiling {
        match bytes[j] {
            b'\n' => {
                end = j;
                break;
            }
            b'.' | b'!' | b'?' => {
                if let Some(e) = end_at(bytes, j) {
                    end = e.min(bytes.len());
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    // Trimmed, and on character boundaries (the reach may cut a character).
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < bytes.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The sentence holding document byte `at` of `article` (title, a line
/// break, the body: see `Article::body_start`), in document bytes.
pub fn in_article(article: &Article, at: usize) -> Range<usize> {
    let shift = article.body_start();
    if at < shift {
        around(article.title(), at)
    } else {
        // A body kept on disk (the index cache) is read for it.
        let r = around(&article.body_text(), at - shift);
        r.start + shift..r.end + shift
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, word: &str) -> String {
        let at = text.find(word).unwrap();
        text[around(text, at)].to_string()
    }

    #[test]
    fn sentences_end_at_stops_not_at_abbreviations() {
        let text = "Mr. Kerry met Sergei V. Lavrov in the U.S. capital. \"It went well,\" he said! Putin? No.\nLondon was quiet";
        assert_eq!(
            sentence(text, "Lavrov"),
            "Mr. Kerry met Sergei V. Lavrov in the U.S. capital."
        );
        assert_eq!(sentence(text, "went"), "\"It went well,\" he said!");
        assert_eq!(sentence(text, "Putin"), "Putin?");
        assert_eq!(sentence(text, "London"), "London was quiet");
    }

    #[test]
    fn every_byte_has_a_sentence_within_bounds() {
        let text = "a. b, c! ü? ".repeat(400) + &"x".repeat(5000);
        for at in (0..text.len()).step_by(7) {
            let r = around(&text, at);
            assert!(r.start <= r.end && r.end <= text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(r.end - r.start <= 2 * REACH + 4);
        }
        assert_eq!(around("", 0), 0..0);
    }
}
