//! Page furniture: the "Share" and "Advertisement" lines that scrapers copy into
//! article text. The list is data (`assets/furniture.txt`); this module only knows
//! how to match a line against it.

use std::collections::HashSet;
use std::sync::OnceLock;

/// A prefix entry only drops lines up to this many bytes: furniture is short, and
/// a long line that starts like it ("Sign up for the draft was ...") is prose.
const PREFIX_MAX_LINE: usize = 160;

/// Lines longer than this are never furniture, so they are not even normalised.
const EXACT_MAX_LINE: usize = 80;

struct Furniture {
    exact: HashSet<String>,
    prefixes: Vec<String>,
}

fn furniture() -> &'static Furniture {
    static LIST: OnceLock<Furniture> = OnceLock::new();
    LIST.get_or_init(|| parse(include_str!("../../../assets/furniture.txt")))
}

fn parse(list: &str) -> Furniture {
    let mut exact = HashSet::new();
    let mut prefixes = Vec::new();
    for line in list.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.strip_suffix('*') {
            Some(prefix) => prefixes.push(prefix.to_lowercase()),
            None => {
                exact.insert(normalise(line));
            }
        }
    }
    Furniture { exact, prefixes }
}

/// Lower case, without the trailing arrows, bars and colons that decorate links.
fn normalise(line: &str) -> String {
    line.trim()
        .trim_end_matches(|c: char| "»›>:|•·…-–— ".contains(c))
        .to_lowercase()
}

/// Whether `line` (already cleaned, trimmed, whitespace collapsed) is furniture.
pub fn is_furniture(line: &str) -> bool {
    if line.is_empty() || line.len() > PREFIX_MAX_LINE {
        return false;
    }
    let list = furniture();
    let normal = normalise(line);
    if line.len() <= EXACT_MAX_LINE && list.exact.contains(&normal) {
        return true;
    }
    list.prefixes.iter().any(|p| normal.starts_with(p.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_lines_any_case() {
        assert!(is_furniture("Share"));
        assert!(is_furniture("ADVERTISEMENT"));
        assert!(is_furniture("Read more »"));
        assert!(is_furniture("Reuter"));
        assert!(!is_furniture("Shares of the company rose."));
        assert!(!is_furniture("Share prices fell"));
    }

    #[test]
    fn prefixes_only_on_short_lines() {
        assert!(is_furniture(
            "See the most-read stories in World News this hour »"
        ));
        assert!(is_furniture("Sign up for our newsletter"));
        let long = format!("Sign up for {}", "the draft was voluntary and ".repeat(8));
        assert!(!is_furniture(&long));
    }

    #[test]
    fn list_parses() {
        let list = parse("# c\nshare\nread more*\n\n");
        assert!(list.exact.contains("share"));
        assert_eq!(list.prefixes, vec!["read more".to_string()]);
    }
}
