//! What a search looks for: the query as typed, or — when it has regex
//! metacharacters and is a valid regular expression — a regex (`/blair|brown`,
//! `/^The`, `/\bU\.?S\.?\b`). Both are smart-case, as in vim: case-insensitive
//! unless the query holds a capital letter.
//!
//! As in vim, `^` is an anchor only at the start and `$` only at the end:
//! "$5 billion" is searched for as written, not as "the end, then 5".

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};

/// Characters that make a query a regular expression.
const META: &[char] = &[
    '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
];

/// How large a compiled regex may grow: a query typed at a prompt never
/// needs more, and a bigger one would slow every key.
const REGEX_SIZE: usize = 1 << 20;

/// A compiled search.
#[derive(Debug, Clone)]
pub enum Matcher {
    Literal(AhoCorasick),
    Regex(Regex),
}

impl Matcher {
    /// The matcher for `query`; `None` for an empty one.
    pub fn new(query: &str) -> Option<Matcher> {
        if query.is_empty() {
            return None;
        }
        if query.contains(META)
            && let Some(regex) = regex(query)
        {
            return Some(Matcher::Regex(regex));
        }
        let smart_case = !query.chars().any(char::is_uppercase);
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(smart_case)
            .match_kind(MatchKind::LeftmostFirst)
            .build([query])
            .ok()
            .map(Matcher::Literal)
    }

    pub fn is_regex(&self) -> bool {
        matches!(self, Matcher::Regex(_))
    }

    /// The matches in `text`, in order. A regex's empty matches (`a*` matches
    /// nothing everywhere) are no hits: there is nothing to show or land on.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = Range<usize>> + 'a> {
        match self {
            Matcher::Literal(ac) => Box::new(ac.find_iter(text).map(|m| m.range())),
            Matcher::Regex(re) => Box::new(
                re.find_iter(text)
                    .map(|m| m.range())
                    .filter(|r| !r.is_empty()),
            ),
        }
    }
}

/// `query` as a regex, if it is a valid one.
fn regex(query: &str) -> Option<Regex> {
    let pattern = anchors_at_the_ends_only(query);
    RegexBuilder::new(&pattern)
        .case_insensitive(!has_capital(query))
        .multi_line(true)
        .size_limit(REGEX_SIZE)
        .build()
        .ok()
}

/// Capital letters outside escapes (`\S`, `\W`, `\B`, `\P{Lu}` name classes,
/// not letters to match).
fn has_capital(query: &str) -> bool {
    let mut escaped = false;
    let mut in_class_name = false;
    for c in query.chars() {
        if escaped {
            escaped = false;
            in_class_name = matches!(c, 'p' | 'P');
            continue;
        }
        match c {
            '\\' => escaped = true,
            '{' if in_class_name => {}
            '}' => in_class_name = false,
            c if c.is_uppercase() && !in_class_name => return true,
            _ => {}
        }
    }
    false
}

/// Escapes `^` and `$` everywhere but at the start and the end.
fn anchors_at_the_ends_only(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 4);
    let last = query.chars().count().saturating_sub(1);
    let mut escaped = false;
    for (i, c) in query.chars().enumerate() {
        let literal = match c {
            '^' => i != 0,
            '$' => i != last,
            _ => false,
        };
        if literal && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(query: &str, text: &str) -> Vec<String> {
        let m = Matcher::new(query).unwrap();
        m.find_iter(text).map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn alternatives_and_anchors_are_regexes() {
        let text = "Blair met Brown.\nThe talks went on; brown envelopes.";
        assert!(Matcher::new("blair|brown").unwrap().is_regex());
        assert_eq!(found("blair|brown", text), ["Blair", "Brown", "brown"]);
        assert_eq!(found("^the", text), ["The"], "start of a line");
        assert_eq!(found("Brown", text), ["Brown"], "smart case");
    }

    #[test]
    fn plain_words_and_invalid_regexes_are_literal() {
        assert!(!Matcher::new("truce").unwrap().is_regex());
        let m = Matcher::new("(AP").unwrap();
        assert!(!m.is_regex(), "unbalanced: searched as typed");
        assert_eq!(found("(ap", "Reuters (AP) said"), ["(AP"]);
    }

    #[test]
    fn dollars_and_carets_inside_are_literal() {
        assert_eq!(found("$5 billion", "a $5 billion deal"), ["$5 billion"]);
        assert_eq!(found("a^b", "x a^b y"), ["a^b"]);
        assert_eq!(found("deal$", "a deal\nno deal here"), ["deal"]);
    }

    #[test]
    fn escaped_classes_are_not_capitals_and_empty_matches_are_no_hits() {
        assert_eq!(found(r"u\.s\.", "The U.S. and the u.s."), ["U.S.", "u.s."]);
        assert_eq!(found(r"\Sx", "ax BX"), ["ax", "BX"], "\\S is no capital");
        assert!(!has_capital(r"\p{Lu}x") && has_capital(r"\p{Lu}X"));
        assert!(found("z*", "abc").is_empty());
        assert!(Matcher::new("").is_none());
    }
}
