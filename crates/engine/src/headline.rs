//! Lines whose capitals carry no signal — ALL-CAPS headlines, Title Case titles,
//! bylines and table rows — marked so that the tagger judges their words by how
//! the same words appear in running text.

use super::gazetteer::Gazetteer;
use super::token::{Token, flag};

/// Marks the tokens of lines whose capitals say nothing: every word of three or more
/// upper case, or (Title Case) no word that begins in lower case except small
/// function words. Such lines are headlines, bylines, or table rows.
pub fn mark_headlines(text: &str, tokens: &mut [Token], gaz: &Gazetteer) {
    let mut line = 0;
    while line < tokens.len() {
        let mut end = line + 1;
        while end < tokens.len() && !tokens[end].has(flag::LINE_START) {
            end += 1;
        }
        let mut words = 0;
        let mut caps = 0;
        let mut upper = 0;
        let mut lower = 0;
        let mut small = 0;
        for t in &tokens[line..end] {
            if !t.has(flag::ALPHA) || t.has(flag::PUNCT) {
                continue;
            }
            words += 1;
            if t.has(flag::UPPER) {
                upper += 1;
            }
            if t.has(flag::CAP) {
                caps += 1;
            } else if gaz.is_function_word(t.text(text)) {
                small += 1;
            } else {
                lower += 1;
                // One lower-case content word settles it: not a headline.
                break;
            }
        }
        let all_caps = words >= 2 && upper * 10 >= words * 8 && lower == 0;
        let title_case = words >= 4 && caps + small == words && lower == 0;
        if all_caps || title_case {
            for t in &mut tokens[line..end] {
                t.flags |= flag::HEADLINE;
            }
        }
        line = end;
    }
}
