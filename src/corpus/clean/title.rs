//! Titles for articles whose source gives none: the first sentence of the body,
//! without a leading place dateline ("WASHINGTON:"), shortened at a word.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Derived titles longer than this many characters are cut at a word and end in "…".
const MAX_TITLE_CHARS: usize = 100;

/// A leading dateline is only looked for in this many bytes.
const MAX_DATELINE: usize = 60;

fn abbreviations() -> &'static HashSet<String> {
    static LIST: OnceLock<HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../../assets/abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// The title taken from the first sentence of a cleaned body ("" for an empty body).
pub fn derive_title(body: &str) -> String {
    let first_para = body.split("\n\n").next().unwrap_or("");
    let text = strip_dateline(first_para);
    let sentence = first_sentence(text);
    shorten(sentence, MAX_TITLE_CHARS)
}

/// Drops "# " and the like from a Markdown heading.
pub fn strip_markdown_heading(line: &str) -> &str {
    let rest = line.trim_start_matches('#');
    if rest.len() < line.len() && (rest.is_empty() || rest.starts_with(' ')) {
        rest.trim()
    } else {
        line
    }
}

/// Drops a leading place dateline: an upper-case place (with an optional agency in
/// brackets) ended by ":" or a dash, as in "WASHINGTON:" or "LONDON (Reuters) -".
fn strip_dateline(text: &str) -> &str {
    let head_end = text
        .char_indices()
        .take_while(|(i, _)| *i < MAX_DATELINE)
        .find_map(|(i, c)| match c {
            ':' => Some((i, i + 1)),
            '-' | '–' | '—' if text[..i].ends_with(' ') => Some((i, i + c.len_utf8())),
            _ => None,
        });
    let Some((end, after)) = head_end else {
        return text;
    };
    let head = &text[..end];
    let place: String = strip_brackets(head);
    let has_upper = place.chars().any(char::is_uppercase);
    let has_lower = place.chars().any(char::is_lowercase);
    if has_upper && !has_lower && !text[after..].trim().is_empty() {
        text[after..].trim_start()
    } else {
        text
    }
}

fn strip_brackets(s: &str) -> String {
    let mut depth = 0usize;
    s.chars()
        .filter(|&c| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// The text up to the first full stop, question or exclamation mark that ends a
/// sentence: followed by a space and not closing an abbreviation or an initial.
fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they end.
        let mut end = i + 1;
        while let Some(q) = text[end..].chars().next().filter(|q| "\"'”’)".contains(*q)) {
            end += q.len_utf8();
        }
        if end < bytes.len() && bytes[end] != b' ' {
            continue;
        }
        if c == '.' && is_abbreviation(&text[..i]) {
            continue;
        }
        return &text[..end];
    }
    text
}

/// Whether the word just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit([' ', '(', '"', '“']).next().unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters == 1 || word.contains('.') || abbreviations().contains(&word.to_lowercase())
}

/// Cuts `text` to at most `max` characters at a word boundary, adding "…".
fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > max / 2 => &head[..space],
        _ => head,
    };
    format!(
        "{}…",
        head.trim_end_matches([',', ';', ':', ' ', '-', '—', '–'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_skips_abbreviations_and_initials() {
        assert_eq!(
            derive_title("Mr. Kerry met U.S. officials on Sept. 19 in D.C. today. Then he left."),
            "Mr. Kerry met U.S. officials on Sept. 19 in D.C. today."
        );
        assert_eq!(
            derive_title("John F. Kennedy spoke. More."),
            "John F. Kennedy spoke."
        );
        assert_eq!(
            derive_title("“We will,” he said. Next."),
            "“We will,” he said."
        );
        assert_eq!(derive_title("Is it over? Yes."), "Is it over?");
    }

    #[test]
    fn place_dateline_is_not_part_of_the_title() {
        assert_eq!(
            derive_title("WASHINGTON: The talks ended. More."),
            "The talks ended."
        );
        assert_eq!(
            derive_title("LONDON (Reuters) - Shares fell. More."),
            "Shares fell."
        );
        assert_eq!(
            derive_title("Update: the talks ended."),
            "Update: the talks ended."
        );
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let long = "The United States threatened on Wednesday to halt its diplomacy with Russia on Syria and it said it held Russia accountable for the use of bombs.";
        let title = derive_title(long);
        assert!(title.ends_with('…'), "{title}");
        assert!(title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(title.starts_with("The United States threatened"));
        assert!(!title.contains("accou…"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            ".",
            "é.",
            "A",
            "ÉÉÉ: é",
            "x -",
            "((((",
            "é. é. é",
            "…”’.",
        ] {
            let _ = derive_title(s);
        }
        assert_eq!(derive_title(""), "");
    }

    #[test]
    fn markdown_headings() {
        assert_eq!(strip_markdown_heading("## Title"), "Title");
        assert_eq!(strip_markdown_heading("#hashtag"), "#hashtag");
        assert_eq!(strip_markdown_heading("Plain"), "Plain");
    }
}
