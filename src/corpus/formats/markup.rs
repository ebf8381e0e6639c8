//! A linear-time fallback for HTML that a full parser would take too long on.
//!
//! html5ever's tree builder scans its stack of open elements for many tags, so
//! markup nested tens of thousands deep costs quadratic time (minutes for a few
//! hundred kilobytes); and its tokenizer compares each attribute of a tag with
//! every one before it (to drop duplicates), so one tag with 400,000
//! attributes took 46 s. [`too_costly`] estimates the depth, the number of
//! tags and the attribute comparisons in one pass; past a limit,
//! [`strip_tags`] drops the tags instead of parsing.

/// Elements that never take an end tag, so they do not nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose start or end tag breaks a paragraph in the fallback.
const BREAKS: [&str; 12] = [
    "p", "div", "section", "article", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
];

/// Elements whose content is dropped in the fallback.
const DROPPED: [&str; 3] = ["script", "style", "noscript"];

/// Depth past which a document is not given to the full parser.
const MAX_PARSED_DEPTH: usize = 2_000;

/// Tags times depth past which a document is not given to the full parser: the
/// parser's cost grows with both. Real pages stay far below (a long Wikipedia
/// article: about 50,000 tags, 40 deep).
const MAX_PARSE_WORK: usize = 50_000_000;

/// Attribute comparisons (the sum over tags of the square of their number of
/// attributes) past which a document is not given to the full parser: a few
/// milliseconds of work. A real tag has a handful of attributes.
const MAX_ATTRIBUTE_WORK: usize = 10_000_000;

/// Why parsing `html` with html5ever could take too long, if it could; then
/// use [`strip_tags`].
pub fn too_costly(html: &str) -> Option<&'static str> {
    let shape = shape(html);
    if shape.depth > MAX_PARSED_DEPTH || shape.depth.saturating_mul(shape.tags) > MAX_PARSE_WORK {
        Some("markup nested too deep to parse")
    } else if shape.attribute_work > MAX_ATTRIBUTE_WORK {
        Some("a tag with too many attributes to parse")
    } else {
        None
    }
}

/// Elements that a start tag of the same name closes when it is the innermost
/// open one ("<p>a<p>b"), as browsers do.
const SELF_CLOSING_SIBLINGS: [&str; 9] = ["p", "li", "dt", "dd", "tr", "td", "th", "option", "a"];

/// An end tag closes the nearest open element of its name among this many.
const END_TAG_REACH: usize = 64;

/// The deepest nesting of open elements, estimated the way a browser would build
/// them: an end tag closes the nearest open element of its name (an end tag with
/// no such element changes nothing: "<b>x</i>" keeps `<b>` open), and `<p>`,
/// `<li>` and the like close a sibling of the same name.
#[cfg(test)]
fn nesting_depth(html: &str) -> usize {
    shape(html).depth
}

/// What makes a document costly to parse.
struct Shape {
    /// The estimated deepest nesting.
    depth: usize,
    tags: usize,
    /// The sum over tags of their number of attributes, squared.
    attribute_work: usize,
}

fn shape(html: &str) -> Shape {
    let mut open: Vec<String> = Vec::new();
    let (mut max, mut tags, mut work) = (0usize, 0usize, 0usize);
    let mut scan = Scanner::new(html);
    while let Some((_, tag)) = scan.next_tag() {
        tags += 1;
        work = work.saturating_add(tag.attributes.saturating_mul(tag.attributes));
        let name = tag.name.as_str();
        if name.is_empty() {
            continue;
        }
        if tag.closing {
            let reach = open.len().saturating_sub(END_TAG_REACH);
            if let Some(at) = open[reach..].iter().rposition(|o| o == name) {
                open.truncate(reach + at);
            }
        } else if !tag.self_closing && !VOID.contains(&name) {
            if SELF_CLOSING_SIBLINGS.contains(&name) && open.last().is_some_and(|o| o == name) {
                open.pop();
            }
            open.push(tag.name);
            max = max.max(open.len());
        }
    }
    Shape {
        depth: max,
        tags,
        attribute_work: work,
    }
}

/// The text of `html` without its tags: paragraph-breaking tags become blank
/// lines, `<br>` a line break, scripts and styles go with their content.
/// Character references are left for cleaning to decode.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut scan = Scanner::new(html);
    let mut text_from = 0;
    while let Some((at, tag)) = scan.next_tag() {
        out.push_str(&html[text_from..at]);
        let name = tag.name.as_str();
        if DROPPED.contains(&name) && !tag.closing {
            // Script and style content is raw text up to its end tag.
            scan.pos = end_of_element(html, scan.pos, name).unwrap_or(html.len());
        } else if name == "br" {
            out.push('\n');
        } else if BREAKS.contains(&name) {
            out.push_str("\n\n");
        }
        text_from = scan.pos;
    }
    out.push_str(&html[text_from..]);
    out
}

/// The position after `</name ...>` at or after `from`, the name in any case.
fn end_of_element(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"</") {
        let start = at + i + 2;
        let candidate = bytes.get(start..start + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            let gt = memchr::memchr(b'>', &bytes[start..])?;
            return Some(start + gt + 1);
        }
        at = start;
    }
    None
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Words after the name (an estimate of the attributes: a quoted value
    /// with spaces counts more than once).
    attributes: usize,
}

/// Finds tags left to right in linear time: the position of the next `>` is
/// remembered, so a run of `<` without one is not rescanned for each `<`, and
/// a tag's span is read once. A tag of any length is a tag, as a browser
/// reads it: one long tag of attributes is dropped, not shown as text.
struct Scanner<'a> {
    html: &'a str,
    pos: usize,
    next_gt: Option<usize>,
}

impl<'a> Scanner<'a> {
    fn new(html: &'a str) -> Self {
        Scanner {
            html,
            pos: 0,
            next_gt: None,
        }
    }

    /// The next tag and where its `<` is; `pos` moves past its `>`.
    fn next_tag(&mut self) -> Option<(usize, Tag)> {
        let bytes = self.html.as_bytes();
        loop {
            let lt = self.pos + memchr::memchr(b'<', &bytes[self.pos..])?;
            if self.next_gt.is_none_or(|gt| gt < lt) {
                self.next_gt = memchr::memchr(b'>', &bytes[lt..]).map(|i| lt + i);
            }
            let gt = self.next_gt?;
            // `<` and `>` are ASCII, so these slices are on char boundaries.
            let inner = &self.html[lt + 1..gt];
            match parse_tag(inner) {
                Some(tag) => {
                    self.pos = gt + 1;
                    return Some((lt, tag));
                }
                None => self.pos = lt + 1,
            }
        }
    }
}

/// Reads what is between `<` and `>`: `name ...` or `/name`. Comments and
/// declarations come back with an empty name; anything else is no tag.
fn parse_tag(inner: &str) -> Option<Tag> {
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name = body
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect::<String>();
    if name.is_empty() && !(inner.starts_with('!') || inner.starts_with('?')) {
        return None;
    }
    let rest = &body.as_bytes()[name.len().min(body.len())..];
    let attributes = rest
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty() && *w != b"/")
        .count();
    Some(Tag {
        name,
        closing,
        self_closing: inner.ends_with('/'),
        attributes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_estimate() {
        assert_eq!(nesting_depth("<div><p>a<br>b</p><img src=x></div>"), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth("a < b and c > d"), 0);
        assert_eq!(nesting_depth(&"<p>unclosed paragraph".repeat(5000)), 1);
        assert_eq!(nesting_depth("<div><span></div>"), 2);
    }

    #[test]
    fn end_tags_without_an_open_element_do_not_reduce_depth() {
        // Regression: "<b>x</i>" 50,000 times took html5ever 33 s, and the old
        // estimate (any end tag closes one element) saw depth 1.
        assert_eq!(nesting_depth(&"<b>x</i>".repeat(3000)), 3000);
    }

    #[test]
    fn tags_are_stripped_with_paragraph_breaks() {
        let html = "<html><head><style>p{}</style></head><body><p>One &amp; two</p><div>Three<br/>four</div><script>x<y</script>end";
        assert_eq!(
            strip_tags(html),
            "\n\nOne &amp; two\n\n\n\nThree\nfour\n\nend"
        );
        assert_eq!(strip_tags("a < b"), "a < b");
        assert_eq!(strip_tags(&"<".repeat(100_000)).len(), 100_000);
    }

    #[test]
    fn a_tag_with_many_attributes_is_too_costly_and_stripped_whole() {
        // Regression: one tag with 400,000 attributes took html5ever 46 s.
        let attributes: Vec<String> = (0..5_000).map(|i| format!("a{i}=\"{i}\"")).collect();
        let html = format!("<p>Intro</p><div {}>Text</div>", attributes.join(" "));
        assert_eq!(
            too_costly(&html),
            Some("a tag with too many attributes to parse")
        );
        assert_eq!(strip_tags(&html), "\n\nIntro\n\n\n\nText\n\n");
        // A normal tag's few attributes are no cost.
        assert_eq!(too_costly("<a href=\"x\" class=\"y\">z</a>"), None);
    }
}
