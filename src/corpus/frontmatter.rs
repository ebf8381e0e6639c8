//! Front matter: the `---` block of `key: value` lines that static-site and
//! note-taking exports put at the top of Markdown and text files. Its title,
//! date, source, url and authors are taken by the same common names as JSON keys.

use super::Field;
use super::fields::LoadOptions;

/// The front matter is looked for in this many lines at most.
const MAX_LINES: usize = 200;

/// Fields found in front matter, raw (cleaning comes later).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
}

/// Splits front matter from the start of `text`: `Some((fields, rest))` when the
/// text opens with a `---` line and the block closes with `---` or `...`.
pub fn split(text: &str) -> Option<(FrontMatter, &str)> {
    let start = text
        .trim_start_matches('\u{feff}')
        .trim_start_matches(['\r', '\n']);
    let mut lines = start.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mapping = LoadOptions::default().mapping();
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    let mut consumed = first.len();
    for line in lines.take(MAX_LINES) {
        consumed += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return Some((collect(pairs, &mapping), &start[consumed..]));
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            // A YAML list item continues the key before it ("authors:\n  - A").
            if let Some((_, values)) = pairs.last_mut() {
                values.push(unquote(item).to_string());
            }
        } else if let Some((key, value)) = trimmed.split_once(':') {
            let value = unquote(value.trim());
            let values = if value.is_empty() {
                Vec::new()
            } else {
                list(value)
            };
            pairs.push((key.trim().to_string(), values));
        }
    }
    None
}

/// `[a, b]` as two values, anything else as one.
fn list(value: &str) -> Vec<String> {
    match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(items) => items
            .split(',')
            .map(|i| unquote(i.trim()).to_string())
            .filter(|i| !i.is_empty())
            .collect(),
        None => vec![value.to_string()],
    }
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Picks each field's best-ranked key.
fn collect(pairs: Vec<(String, Vec<String>)>, mapping: &super::fields::Mapping) -> FrontMatter {
    let best = |field: Field| -> Vec<String> {
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .filter_map(|(k, v)| mapping.rank(field, k).map(|r| (r, v)))
            .min_by_key(|(r, _)| *r)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let first = |field: Field| best(field).into_iter().next();
    FrontMatter {
        title: first(Field::Title),
        date: first(Field::Date),
        source: first(Field::Source),
        url: first(Field::Url),
        authors: best(Field::Authors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_and_rest() {
        let text = "---\ntitle: \"Talks resume\"\ndate: 2016-09-28\nlayout: post\nauthors:\n  - A. Writer\n  - B. Editor\ntags: [a, b]\n---\n# Talks resume\n\nBody.\n";
        let (fm, rest) = split(text).expect("front matter");
        assert_eq!(fm.title.as_deref(), Some("Talks resume"));
        assert_eq!(fm.date.as_deref(), Some("2016-09-28"));
        assert_eq!(
            fm.authors,
            vec!["A. Writer".to_string(), "B. Editor".to_string()]
        );
        assert_eq!(rest, "# Talks resume\n\nBody.\n");
    }

    #[test]
    fn no_front_matter() {
        assert!(split("Title\n\n---\nBody").is_none());
        assert!(split("---\ntitle: never closed\n").is_none());
        assert!(split("").is_none());
        assert!(split("---").is_none());
    }
}
