//! Plain-text articles: the first non-empty line is the title, the rest the body.
//! (Placeholder: the dateline rule lands with the corpus work.)

use super::{Origin, RawRecord};

/// Reads one plain-text article.
pub fn parse_text(text: &str, origin: Origin) -> RawRecord {
    let text = text.trim_start();
    let (title, body) = text.split_once('\n').unwrap_or((text, ""));
    RawRecord {
        title: Some(title.to_string()),
        body: body.to_string(),
        origin,
        ..RawRecord::default()
    }
}
