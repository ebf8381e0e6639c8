//! Quotation marks paired into quoted spans: curly and straight double marks,
//! doubled apostrophes ('' as some wire copy writes “), single marks, « ».
//!
//! News style decides the hard cases: a quote that runs over several paragraphs
//! leaves each paragraph but the last unclosed and opens the next one with a
//! fresh mark, so an open quote at a paragraph's end continues when the next
//! paragraph starts with an opening mark; otherwise an unbalanced quote ends
//! with its paragraph. Single marks inside double ones are nested quotes;
//! apostrophes inside words ("don't", "O'Brien") are neither.
//!
//! One pass over the bytes, so linear in the text; offsets are byte offsets on
//! char boundaries (every mark is a whole char).

/// One quoted span: bytes `start..end`, the marks included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    pub start: usize,
    pub end: usize,
    /// Found its closing mark (false: ended with its paragraph or the text).
    pub closed: bool,
    /// Made of double marks (“ ” " '' « »); false for single ones.
    pub double: bool,
    /// Inside another quoted span.
    pub nested: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Opens only: “ « ‘
    Open,
    /// Closes only: ” » (’ is judged by its neighbours).
    Close,
    /// Either, by context: " ''
    Either,
}

/// The mark at byte `i`, its length and whether it is a double mark.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Mark, usize, bool)> {
    match bytes[i] {
        b'"' => Some((Mark::Either, 1, true)),
        b'\'' if bytes.get(i + 1) == Some(&b'\'') => Some((Mark::Either, 2, true)),
        b'\'' => Some((Mark::Either, 1, false)),
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(0x9C) => Some((Mark::Open, 3, true)),    // “
            Some(0x9D) => Some((Mark::Close, 3, true)),   // ”
            Some(0x98) => Some((Mark::Open, 3, false)),   // ‘
            Some(0x99) => Some((Mark::Either, 3, false)), // ’
            _ => None,
        },
        0xC2 => match bytes.get(i + 1) {
            Some(0xAB) => Some((Mark::Open, 2, true)),  // «
            Some(0xBB) => Some((Mark::Close, 2, true)), // »
            _ => None,
        },
        _ => None,
    }
}

/// The char ending just before byte `i` (ASCII fast path), if any.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn char_after(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Whether a mark between `before` and `after` can open a quote: at a word's start.
fn can_open(before: Option<char>, after: Option<char>) -> bool {
    let b_ok = before.is_none_or(|c| c.is_whitespace() || "([{—–-/:".contains(c));
    let a_ok = after.is_some_and(|c| !c.is_whitespace());
    b_ok && a_ok
}

/// Whether it can close one: after a word or punctuation, not before a letter.
fn can_close(before: Option<char>, after: Option<char>) -> bool {
    let b_ok = before.is_some_and(|c| !c.is_whitespace());
    let a_ok = after.is_none_or(|c| !c.is_alphanumeric());
    b_ok && a_ok
}

/// Whether the line starting at `from` (after any blank lines and spaces) opens
/// with an opening double mark.
fn next_para_opens_quote(text: &str, from: usize) -> bool {
    let rest = text.get(from..).unwrap_or("");
    let rest = rest.trim_start();
    rest.starts_with('“')
        || rest.starts_with('"')
        || rest.starts_with("''")
        || rest.starts_with('«')
}

/// Every quoted span of `text`, sorted by start; nested spans follow their parent.
pub fn quoted_spans(text: &str) -> Vec<Quoted> {
    let bytes = text.as_bytes();
    let mut out: Vec<Quoted> = Vec::new();
    // Open spans: (index into `out`, double). At most one double and one single
    // open at a time: deeper nesting is rare enough to read as closing.
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    // Where the current line's first non-space char is (found once per line).
    let mut line_start = 0;
    let mut first_solid: Option<usize> = None;
    // The next line end or mark byte, looked up with memchr (most of a
    // text is neither): the next of "\n", '"', '\'', and the next lead
    // byte of a curly mark or «» (0xE2, 0xC2), each kept until passed.
    let next_ascii =
        |i: usize| memchr::memchr3(b'\n', b'"', b'\'', &bytes[i..]).map_or(bytes.len(), |p| i + p);
    let next_multi =
        |i: usize| memchr::memchr2(0xE2, 0xC2, &bytes[i..]).map_or(bytes.len(), |p| i + p);
    let mut ascii = next_ascii(0);
    let mut multi = next_multi(0);
    let mut i = 0;
    while i < bytes.len() {
        if ascii < i {
            ascii = next_ascii(i);
        }
        if multi < i {
            multi = next_multi(i);
        }
        i = ascii.min(multi);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if b == b'\n' {
            line_start = i + 1;
            first_solid = None;
            // A paragraph ends: single quotes never cross it; a double quote does
            // only when the next paragraph opens with a mark (news style).
            if let Some(k) = open_single.take() {
                out[k].end = i;
            }
            if let Some(k) = open_double
                && !next_para_opens_quote(text, i + 1)
            {
                out[k].end = i;
                open_double = None;
            }
            i += 1;
            continue;
        }
        if !matches!(b, b'"' | b'\'' | 0xE2 | 0xC2) {
            i += 1;
            continue;
        }
        let Some((mark, len, double)) = mark_at(bytes, i) else {
            i += 1;
            continue;
        };
        let before = char_before(text, i);
        let after = char_after(text, i + len);
        let slot = if double {
            &mut open_double
        } else {
            &mut open_single
        };
        let closes = slot.is_some()
            && match mark {
                Mark::Open => false,
                Mark::Close => true,
                // A straight mark between spaces cannot open; with a quote
                // open it closes it: "… 'African American outreach,' " he
                // told the group.
                Mark::Either => {
                    can_close(before, after)
                        || before.is_some_and(char::is_whitespace)
                            && after.is_none_or(char::is_whitespace)
                }
            };
        let opens = !closes
            && match mark {
                Mark::Open => true,
                // A ” with nothing open, at a word's start, is an opening mark
                // typed the wrong way round: ”Fear. I am afraid.” ― Name.
                Mark::Close => {
                    double
                        && bytes[i] == 0xE2
                        && can_open(before, after)
                        && after.is_some_and(char::is_alphanumeric)
                }
                Mark::Either => can_open(before, after),
            };
        if closes {
            if let Some(k) = slot.take() {
                out[k].end = i + len;
                out[k].closed = true;
                if double && let Some(s) = open_single.take() {
                    out[s].end = i;
                }
            }
        } else if opens {
            if let Some(k) = *slot {
                let solid = *first_solid.get_or_insert_with(|| first_non_space(text, line_start));
                if double && solid == i {
                    // The fresh mark of a quote's next paragraph: the quote goes on.
                    i += len;
                    continue;
                }
                // A second opening mark of the same kind: the first was never
                // closed. End it here.
                out[k].end = i;
            }
            if double && let Some(s) = open_single.take() {
                // A double mark opening inside a single quote ends the single one.
                out[s].end = i;
            }
            out.push(Quoted {
                start: i,
                end: text.len(),
                closed: false,
                double,
                nested: !double && open_double.is_some(),
            });
            let k = out.len() - 1;
            if double {
                open_double = Some(k);
            } else {
                open_single = Some(k);
            }
        }
        // A closing mark with nothing open (or an apostrophe) is not a quote.
        i += len;
    }
    // An unclosed single mark is far more often an apostrophe ("'90s",
    // "the Joneses' house") than a quote: dropped.
    let _ = open_single;
    out.retain(|q| q.end > q.start && (q.double || q.closed));
    out.sort_by_key(|q| (q.start, std::cmp::Reverse(q.end)));
    out
}

/// The byte offset of the first non-space char at or after `from`.
fn first_non_space(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + (rest.len() - rest.trim_start().len())
}

/// Whether `c` is a quotation mark (any kind).
pub fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»')
}

/// Whether the text `s` starts and ends with a quotation mark (a pure direct quote).
pub fn fully_quoted(s: &str) -> bool {
    let s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':'));
    let mut cs = s.chars();
    let (Some(a), Some(b)) = (cs.next(), cs.next_back()) else {
        return false;
    };
    is_mark(a) && is_mark(b)
}

/// Whether `s` holds a double quotation mark (or starts/ends with a single one).
pub fn has_quote(s: &str) -> bool {
    s.contains(['"', '“', '”', '«', '»']) || s.contains("''") || {
        let t = s.trim();
        t.starts_with(['‘', '’', '\'']) || t.ends_with(['‘', '’', '\''])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        quoted_spans(text)
            .iter()
            .map(|q| &text[q.start..q.end])
            .collect()
    }

    #[test]
    fn curly_and_straight_pair() {
        assert_eq!(
            spans("He said “no way” and \"yes\" then."),
            ["“no way”", "\"yes\""]
        );
        assert_eq!(spans("It's ''cultural war'' now"), ["''cultural war''"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(spans("Kerry's aides don't know O'Brien's view.").is_empty());
        assert_eq!(
            spans("Russia 'Knows What It Needs To Do' To Reach"),
            ["'Knows What It Needs To Do'"]
        );
    }

    #[test]
    fn nested_single_inside_double() {
        let text = "“He told me ‘never again,’ and left,” she said.";
        let q = quoted_spans(text);
        assert_eq!(q.len(), 2);
        assert_eq!(
            &text[q[0].start..q[0].end],
            "“He told me ‘never again,’ and left,”"
        );
        assert!(q[1].nested && !q[1].double);
        assert_eq!(&text[q[1].start..q[1].end], "‘never again,’");
    }

    #[test]
    fn unbalanced_quote_ends_with_its_paragraph() {
        let text = "He said “we will win.\nNext paragraph “ok” here.";
        assert_eq!(spans(text), ["“we will win.", "“ok”"]);
        let q = quoted_spans(text);
        assert!(!q[0].closed && q[1].closed);
    }

    #[test]
    fn quote_spanning_paragraphs_continues() {
        let text = "He said: “First part.\n\n“Second part,” he added.";
        let s = spans(text);
        assert_eq!(s, ["“First part.\n\n“Second part,”"]);
    }

    #[test]
    fn stray_closing_marks_are_ignored() {
        assert!(spans("odd ” mark and ’ here").is_empty());
        assert_eq!(spans("“a” ” “b”"), ["“a”", "“b”"]);
    }

    #[test]
    fn closing_mark_at_a_word_start_opens() {
        assert_eq!(
            spans("Photo.\n\n”Fear. He is scary.” ― Edwin Monroy"),
            ["”Fear. He is scary.”"]
        );
        // Not while a quote is open, nor after a word.
        assert_eq!(spans("“a ”b” c"), ["“a ”"]);
        assert!(spans("odd” mark").is_empty());
    }

    #[test]
    fn a_straight_mark_between_spaces_closes_the_open_quote() {
        let text = "\"I hate the term 'outreach,' \" he told the group.";
        assert_eq!(
            spans(text),
            ["\"I hate the term 'outreach,' \"", "'outreach,'"]
        );
        // With nothing open it opens nothing.
        assert!(spans("a \" b").is_empty());
    }

    #[test]
    fn kinds_of_content() {
        assert!(fully_quoted("“We win,”"));
        assert!(!fully_quoted("he has “always run”, he said"));
        assert!(has_quote("he has “always run”"));
        assert!(!has_quote("it will shift staff"));
    }
}
