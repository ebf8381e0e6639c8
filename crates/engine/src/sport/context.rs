//! What the team model reads about a place name: its neighbours in the line,
//! the line's shape and the sport — never the name's own words — and the
//! datelines that are never teams.

use crate::features::shape;
use crate::token::{Token, flag};

/// A context token as a feature value: punctuation as written, numbers by
/// their shape ("#d-d" for "245-6"), words lower-cased.
fn norm(text: &str, t: &Token, out: &mut String, scratch: &mut Vec<u8>) {
    let w = t.text(text);
    if t.has(flag::DIGIT) {
        shape(w, scratch);
        out.push('#');
        out.extend(scratch.iter().map(|&b| b as char));
    } else if t.has(flag::PUNCT) {
        out.extend(w.chars().take(4));
    } else {
        out.extend(w.chars().take(24).flat_map(char::to_lowercase));
    }
}

/// "1996-08-30", "30/08/96": three groups of digits, or two with a year
/// ("1996-08"); not a score ("245-6", "2-1").
fn date_like(w: &str) -> bool {
    let groups = w.split(['-', '/']).collect::<Vec<_>>();
    let digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    digits && (groups.len() == 3 || (groups.len() == 2 && groups.iter().any(|g| g.len() == 4)))
}

/// A place name at the start of a line followed by a date: "MELBOURNE 1996-08-30".
pub fn is_dateline(text: &str, toks: &[Token], first: usize, last: usize) -> bool {
    toks[first].has(flag::LINE_START)
        && toks
            .get(last + 1)
            .is_some_and(|t| !t.has(flag::LINE_START) && date_like(t.text(text)))
}

/// A line of tokens `start..=end` and how many of them hold digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub numbers: usize,
}

/// The line around tokens `first..=last` (which must be in range).
pub fn line_of(toks: &[Token], first: usize, last: usize) -> Line {
    let mut start = first.min(toks.len().saturating_sub(1));
    while start > 0 && !toks[start].has(flag::LINE_START) {
        start -= 1;
    }
    let mut end = last.max(start);
    while end + 1 < toks.len() && !toks[end + 1].has(flag::LINE_START) {
        end += 1;
    }
    let numbers = toks
        .get(start..=end)
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.has(flag::DIGIT))
        .count();
    Line {
        start,
        end,
        numbers,
    }
}

/// Calls `emit` with each context feature of the name on tokens `first..=last`
/// (never the name's own words). Shared by training and scoring.
pub fn context_features(
    text: &str,
    toks: &[Token],
    first: usize,
    last: usize,
    sport: &str,
    line: Line,
    emit: &mut dyn FnMut(&str),
) {
    let n = toks.len();
    if first > last || last >= n {
        return;
    }
    let mut f = String::with_capacity(48);
    // Neighbours inside the line; "<l>" / "</l>" for the line's edges.
    let before = |k: usize| -> Option<usize> {
        let mut i = first;
        for _ in 0..k {
            if toks[i].has(flag::LINE_START) || i == 0 {
                return None;
            }
            i -= 1;
        }
        Some(i)
    };
    let after = |k: usize| -> Option<usize> {
        let i = last + k;
        (i < n && (last + 1..=i).all(|j| !toks[j].has(flag::LINE_START))).then_some(i)
    };
    let mut scratch = Vec::new();
    let mut word = |i: Option<usize>, edge: &str, out: &mut String| match i {
        Some(i) => norm(text, &toks[i], out, &mut scratch),
        None => out.push_str(edge),
    };
    let mut p = [String::new(), String::new()];
    let mut q = [String::new(), String::new()];
    for k in 0..2 {
        word(before(k + 1), "<l>", &mut p[k]);
        word(after(k + 1), "</l>", &mut q[k]);
    }
    let mut put = |parts: &[&str]| {
        f.clear();
        for s in parts {
            f.push_str(s);
        }
        emit(&f);
    };
    put(&["bias"]);
    put(&["p1=", &p[0]]);
    put(&["p2=", &p[1], " ", &p[0]]);
    put(&["n1=", &q[0]]);
    put(&["n2=", &q[0], " ", &q[1]]);
    put(&["p1n1=", &p[0], " ", &q[0]]);
    put(&["sp=", sport]);
    put(&["sp=", sport, " p1=", &p[0]]);
    put(&["sp=", sport, " n1=", &q[0]]);
    // The line's shape: how long, how many numbers, and where the name stands.
    let Line {
        start,
        end,
        numbers,
    } = line;
    let len = end + 1 - start;
    let bucket = |x: usize| match x {
        0 => "0",
        1 => "1",
        2 | 3 => "2-3",
        4..=7 => "4-7",
        8..=15 => "8-15",
        _ => "16+",
    };
    let at = if first == start {
        "first"
    } else if last == end {
        "last"
    } else {
        "mid"
    };
    put(&["len=", bucket(len)]);
    put(&["nums=", bucket(numbers)]);
    put(&["at=", at]);
    put(&["at=", at, " nums=", bucket(numbers)]);
    put(&["sp=", sport, " nums=", bucket(numbers)]);
    if toks[first].has(flag::HEADLINE) {
        put(&["headline"]);
    }
}
