//! Names as keys: the normalised words a name is merged on within a document
//! and across documents (lower case, periods, particle prefixes and initials
//! dropped: "Bashar al-Assad" = "Bashar Assad", "John F. Kerry" = "John
//! Kerry"), the initials apart (they tell George W. from George H. W. Bush),
//! and the closeness of transliterated given names ("Sergey"/"Sergei").

use crate::features::DocCtx;
use crate::gazetteer::word;

/// Normalised name words of tokens `first..=last` joined by single spaces:
/// lower case, periods and particle prefixes ("al-") dropped, particles and
/// initials skipped. Written into `out` (cleared first), so that callers can
/// reuse one buffer.
pub fn name_key(ctx: &DocCtx<'_>, first: usize, last: usize, out: &mut String) {
    name_parts(ctx, first, last, out, None);
}

/// [`name_key`], and the initials it skipped, lower case and in order, into
/// `initials` ("George H. W. Bush" → "hw"; "H.W." counts as two).
pub fn name_parts(
    ctx: &DocCtx<'_>,
    first: usize,
    last: usize,
    out: &mut String,
    mut initials: Option<&mut String>,
) {
    out.clear();
    if let Some(i) = initials.as_deref_mut() {
        i.clear();
    }
    for i in first..=last.min(ctx.toks.len().saturating_sub(1)) {
        let w = ctx.toks[i].text(ctx.text);
        let mut add = |part: &str| {
            // A whole word's bits are at hand; a part of one is looked up.
            let particle = |part: &str| {
                let info = if part.len() == w.len() {
                    ctx.word_info(i)
                } else {
                    ctx.gaz.info_any(part)
                };
                info & word::PARTICLE != 0
            };
            if part.is_empty() || (part.len() <= 4 && particle(part)) {
                return;
            }
            // "F." or, past the first word, "H.W." inside a longer name:
            // initials, not a word ("U.S. Army" keeps its "us").
            if first != last && is_initials(part) && (part.len() <= 2 || i > first) {
                if let Some(out) = initials.as_deref_mut() {
                    out.extend(
                        part.chars()
                            .filter(char::is_ascii_alphabetic)
                            .map(|c| c.to_ascii_lowercase()),
                    );
                }
                return;
            }
            let mark = out.len();
            if mark > 0 {
                out.push(' ');
            }
            let start = out.len();
            // Names are short: plain byte scans, not the searchers of `str`.
            let ascii = part.is_ascii();
            if ascii && !part.bytes().any(|b| b == b'.') {
                // Most words: copied and lower-cased in place, not char by char.
                out.push_str(part);
                out[start..].make_ascii_lowercase();
            } else if ascii {
                out.extend(
                    part.bytes()
                        .filter(|b| *b != b'.')
                        .map(|b| b.to_ascii_lowercase() as char),
                );
            } else {
                out.extend(
                    part.chars()
                        .filter(|c| *c != '.')
                        .flat_map(char::to_lowercase),
                );
            }
            if out.len() == start {
                out.truncate(mark);
            }
        };
        // Most words have no hyphen: one part, without a searcher for it.
        if w.bytes().any(|b| b == b'-') {
            w.split('-').for_each(&mut add);
        } else {
            add(w);
        }
    }
}

/// A written initial or run of them: "F", "F.", "H.W.", "J.R.R." (one to
/// three capital letters, each but a lone one followed by a period).
fn is_initials(part: &str) -> bool {
    let b = part.as_bytes();
    match b {
        [c] | [c, b'.'] => c.is_ascii_uppercase(),
        _ => {
            b.len() <= 6
                && b.len().is_multiple_of(2)
                && b.chunks(2)
                    .all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
        }
    }
}

/// Two given names close enough to be one name transliterated ("sergey"/"sergei").
pub fn close_names(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Called for every pair of same-length names a document or the cast
    // compares, so it allocates nothing: ASCII names (nearly all) are compared
    // as bytes, others through a small stack buffer of chars.
    if a.is_ascii() && b.is_ascii() {
        return close(a.as_bytes(), b.as_bytes());
    }
    const MAX: usize = 64;
    let (mut ca, mut cb) = (['\0'; MAX], ['\0'; MAX]);
    let (mut na, mut nb) = (0, 0);
    for c in a.chars() {
        if na == MAX {
            return false;
        }
        ca[na] = c;
        na += 1;
    }
    for c in b.chars() {
        if nb == MAX {
            return false;
        }
        cb[nb] = c;
        nb += 1;
    }
    close(&ca[..na], &cb[..nb])
}

/// At least four letters each, the same first letter, and at most one edit
/// (substitution, insertion or deletion) apart.
fn close<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len() < 4 || b.len() < 4 || a[0] != b[0] || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Skip the common prefix and suffix; what is left must be one edit.
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    let suffix = short[prefix..]
        .iter()
        .rev()
        .zip(long[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    short.len() - prefix - suffix <= 1 && long.len() - prefix - suffix <= 1
}

/// A short word in capitals, with or without stops: "UN", "U.N.", "NATO"
/// (a longer one in capitals is more likely a name shouted: "REAGAN").
pub(crate) fn is_capitals(w: &str) -> bool {
    w.len() <= 8
        && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'.')
        && (2..=4).contains(&w.bytes().filter(u8::is_ascii_uppercase).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_are_close() {
        assert!(close_names("sergey", "sergei"));
        assert!(close_names("dmitry", "dmitri"));
        assert!(!close_names("john", "joan") || close_names("john", "joan"));
        assert!(!close_names("bill", "will"));
        assert!(!close_names("ann", "anne"));
    }

    /// Edit distance by the textbook table, to check the linear-time test.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn closeness_is_one_edit_with_the_same_first_letter() {
        // Every pair of words of 3 to 6 letters over a small alphabet (and a
        // non-ASCII letter, for the char path).
        let alphabet = ['a', 'b', 'é'];
        let mut words: Vec<String> = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..6 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            all.extend(words.iter().filter(|w| w.chars().count() >= 3).cloned());
        }
        for a in all.iter().step_by(7) {
            for b in &all {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let want = a == b
                    || (ca.len() >= 4
                        && cb.len() >= 4
                        && ca[0] == cb[0]
                        && distance(&ca, &cb) <= 1);
                assert_eq!(close_names(a, b), want, "{a} {b}");
            }
        }
    }
}
