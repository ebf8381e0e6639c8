//! HTML: saved web pages (`.html`, `.htm`) and the HTML inside feed items, turned
//! into text whose paragraphs follow the block elements. Scripts, styles,
//! navigation, headers, footers, forms and hidden elements are dropped. A page's
//! title comes from `<title>`, else its first `<h1>`.
//!
//! The tree is walked without recursion, so deeply nested markup cannot overflow
//! the stack.

use std::ops::ControlFlow;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::super::emit::Emitter;
use super::super::{RawRecord, clean};
use super::markup;

/// Elements whose content is never article text.
const SKIPPED: [&str; 17] = [
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "svg", "iframe", "object", "dialog",
];

/// Elements that start and end a paragraph.
const BLOCKS: [&str; 28] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "address",
    "hr",
    "body",
    "details",
    "summary",
];

/// Text converted from HTML, and the links found in it (text, address).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    pub links: Vec<(String, String)>,
}

impl Converted {
    /// The text with the links listed after it, one paragraph each.
    pub fn with_links(mut self) -> String {
        let mut seen = std::collections::HashSet::new();
        let links: Vec<String> = self
            .links
            .iter()
            .filter(|(_, href)| href.starts_with("http") && seen.insert(href.as_str()))
            .map(|(text, href)| {
                if text.is_empty() || text == href {
                    href.clone()
                } else {
                    format!("{text}: {href}")
                }
            })
            .collect();
        if !links.is_empty() {
            self.text.push_str("\n\nLinks:\n\n");
            self.text.push_str(&links.join("\n\n"));
        }
        self.text
    }
}

/// Converts HTML (a fragment, such as a feed item's content) to text, with its
/// links; markup nested too deep for the parser has its tags stripped instead.
pub fn fragment_to_text(html: &str) -> Converted {
    if markup::too_costly(html).is_some() {
        return Converted {
            text: markup::strip_tags(html),
            links: Vec::new(),
        };
    }
    convert(Html::parse_fragment(html).root_element())
}

/// Converts an element's content to text: blocks become paragraphs separated by a
/// blank line, `<br>` a line break, other whitespace one space.
pub fn convert(root: ElementRef<'_>) -> Converted {
    let mut out = Converted::default();
    let mut skip_depth = 0usize;
    let mut open_links: Vec<(String, usize)> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || is_skipped(name, el) {
                        skip_depth += 1;
                    } else if name == "br" {
                        out.text.push('\n');
                    } else if BLOCKS.contains(&name) {
                        out.text.push_str("\n\n");
                    } else if name == "a" {
                        let href = el.attr("href").unwrap_or("").trim().to_string();
                        open_links.push((href, out.text.len()));
                    } else if name == "td" || name == "th" {
                        out.text.push(' ');
                    }
                }
                Node::Text(text) if skip_depth == 0 => {
                    out.text.extend(
                        text.chars()
                            .map(|c| if c.is_whitespace() { ' ' } else { c }),
                    );
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let name = el.name();
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else if BLOCKS.contains(&name) {
                    out.text.push_str("\n\n");
                } else if name == "a"
                    && let Some((href, start)) = open_links.pop()
                {
                    // `start` was the text's length when the link opened, a char
                    // boundary; `get` keeps this panic-free regardless.
                    let text = out.text.get(start..).unwrap_or("");
                    out.links.push((clean::clean_inline(text), href));
                }
            }
        }
    }
    out
}

fn is_skipped(name: &str, el: &scraper::node::Element) -> bool {
    SKIPPED.contains(&name) || el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true")
}

/// Reads a saved web page as one article.
pub fn read(content: &str, out: &mut Emitter<'_>) -> ControlFlow<()> {
    if let Some(why) = markup::too_costly(content) {
        out.warn(None, format!("{why}; read without its structure"))?;
        let raw = RawRecord {
            body: markup::strip_tags(content),
            origin: out.origin(),
            ..RawRecord::default()
        };
        return out.article(clean::article(raw, 0));
    }
    let page = Html::parse_document(content);
    let title = first_text(&page, "title").or_else(|| first_text(&page, "h1"));
    let main = main_element(&page);
    let body = convert(main).text;
    let raw = RawRecord {
        title,
        body,
        date: meta(
            &page,
            &[
                "meta[property='article:published_time']",
                "meta[name='date']",
                "meta[itemprop='datePublished']",
                "meta[name='pubdate']",
                "time[datetime]",
            ],
        ),
        source: meta(&page, &["meta[property='og:site_name']"]),
        url: meta(&page, &["link[rel='canonical']", "meta[property='og:url']"]),
        authors: meta(&page, &["meta[name='author']"]).into_iter().collect(),
        origin: out.origin(),
    };
    let mut article = clean::article(raw, 0);
    drop_repeated_title(&mut article);
    if article.body().is_empty() && article.title().is_empty() {
        return out.warn(None, "no text in the page; skipped");
    }
    out.article(article)
}

/// A page's body often repeats its `<h1>` title as its first paragraph.
pub fn drop_repeated_title(article: &mut super::super::Article) {
    let mut paragraphs = article.paragraphs();
    let Some(first) = paragraphs.next() else {
        return;
    };
    if article.title().is_empty() || article.body()[first] != *article.title() {
        return;
    }
    let rest_start = paragraphs.next().map_or(article.body().len(), |p| p.start);
    drop(paragraphs);
    let rest = article.body()[rest_start..].to_string();
    article.set_body(&rest);
}

/// The element holding the article: the `<article>` with the most text, else
/// `<main>`, else the body.
fn main_element(page: &Html) -> ElementRef<'_> {
    let text_len = |el: &ElementRef<'_>| el.text().map(str::len).sum::<usize>();
    if let Some(article) = select(page, "article").max_by_key(text_len) {
        return article;
    }
    select(page, "main, [role='main']")
        .next()
        .or_else(|| select(page, "body").next())
        .unwrap_or_else(|| page.root_element())
}

fn select<'a>(page: &'a Html, selector: &str) -> impl Iterator<Item = ElementRef<'a>> {
    // The selectors are constants of this module; a bad one would select nothing.
    let selector = Selector::parse(selector).ok();
    selector
        .into_iter()
        .flat_map(move |s| page.select(&s).collect::<Vec<_>>())
}

fn first_text(page: &Html, selector: &str) -> Option<String> {
    select(page, selector)
        .map(|el| clean::clean_inline(&el.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// The first `content`, `href` or `datetime` attribute of the first selector that
/// finds one.
fn meta(page: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        select(page, s).find_map(|el| {
            ["content", "href", "datetime"]
                .iter()
                .find_map(|a| el.attr(a))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> Converted {
        let fragment = Html::parse_fragment(html);
        convert(fragment.root_element())
    }

    #[test]
    fn blocks_become_paragraphs_and_scripts_go() {
        let c = text_of(
            "<p>One <b>bold</b>\nline.</p><script>var x;</script><div>Two<br>lines</div><nav>Menu</nav>",
        );
        let body = clean::clean_body(&c.text);
        assert_eq!(body, "One bold line.\n\nTwo lines");
    }

    #[test]
    fn links_are_listed_at_the_end() {
        let c = text_of(
            "<p>See <a href=\"https://example.org/a\">the report</a> and <a href=\"#top\">top</a>.</p>",
        );
        assert_eq!(
            c.links[0],
            (
                "the report".to_string(),
                "https://example.org/a".to_string()
            )
        );
        let body = clean::clean_body(&c.with_links());
        assert_eq!(
            body,
            "See the report and top.\n\nLinks:\n\nthe report: https://example.org/a"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}deep{}", "<div>".repeat(1_500), "</div>".repeat(1_500));
        assert!(text_of(&html).text.contains("deep"));
    }

    #[test]
    fn deep_nesting_past_the_limit_is_stripped_not_parsed() {
        // Regression: 20,000 nested <div>s took html5ever minutes.
        let html = format!(
            "<p>Intro</p>{}deep{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        let c = fragment_to_text(&html);
        let body = clean::clean_body(&c.text);
        assert_eq!(body, "Intro\n\ndeep");
    }

    #[test]
    fn misnested_formatting_tags_are_stripped_not_parsed() {
        // Regression: "<b>x</i>" 50,000 times took html5ever 33 s (each <b> stays
        // open); the depth estimate now sees that and strips the tags instead.
        let c = fragment_to_text(&format!("<p>Start</p>{}", "<b>x</i>".repeat(20_000)));
        assert!(c.text.starts_with("\n\nStart\n\nxx"));
    }
}
