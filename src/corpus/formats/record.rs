//! Records with named fields (JSON objects, CSV rows) turned into articles: for
//! each article field, the best-ranked key that holds some text wins, so that an
//! empty `content_original` falls back to `content`.

use std::ops::ControlFlow;

use super::super::emit::Emitter;
use super::super::fields::{Field, Mapping};
use super::super::{Origin, RawRecord, clean};

/// The values found so far for each field, with the rank of the key they came from.
pub struct Fields<'a> {
    mapping: &'a Mapping,
    best: [Option<(usize, Vec<String>)>; 6],
}

impl<'a> Fields<'a> {
    pub fn new(mapping: &'a Mapping) -> Self {
        Fields {
            mapping,
            best: Default::default(),
        }
    }

    /// Offers the value of `key`; `values` is only called if the key names a field.
    pub fn offer(&mut self, key: &str, values: impl FnOnce() -> Vec<String>) {
        let mut values = Some(values);
        let mut computed: Option<Vec<String>> = None;
        for field in Field::ALL {
            let Some(rank) = self.mapping.rank(field, key) else {
                continue;
            };
            if self.best[field as usize]
                .as_ref()
                .is_some_and(|(r, _)| *r <= rank)
            {
                continue;
            }
            if computed.is_none() {
                computed = values.take().map(|f| f());
            }
            let found: Vec<String> = computed
                .iter()
                .flatten()
                .filter(|v| !v.trim().is_empty())
                .cloned()
                .collect();
            if !found.is_empty() {
                self.best[field as usize] = Some((rank, found));
            }
        }
    }

    fn take(&mut self, field: Field) -> Vec<String> {
        self.best[field as usize]
            .take()
            .map(|(_, v)| v)
            .unwrap_or_default()
    }

    /// The record, before cleaning.
    pub fn into_raw(mut self, origin: Origin) -> RawRecord {
        let join = |v: Vec<String>, sep: &str| (!v.is_empty()).then(|| v.join(sep));
        RawRecord {
            title: join(self.take(Field::Title), " "),
            body: self.take(Field::Body).join("\n\n"),
            date: self.take(Field::Date).into_iter().next(),
            source: join(self.take(Field::Source), ", "),
            url: self.take(Field::Url).into_iter().next(),
            authors: self.take(Field::Authors),
            origin,
        }
    }
}

/// Cleans the record and sends it; one with neither title nor text is skipped
/// with a warning.
pub fn send(fields: Fields<'_>, origin: Origin, out: &mut Emitter<'_>) -> ControlFlow<()> {
    let mut raw = fields.into_raw(origin.clone());
    if looks_like_html(&raw.body) {
        // Exports of web content (WordPress, scraped pages) keep the markup.
        raw.body = super::html::fragment_to_text(&raw.body).with_links();
    }
    let article = clean::article(raw, 0);
    if article.body().is_empty() && (article.title().is_empty() || article.title_derived()) {
        let names = |f: Field| f.to_string();
        let message = format!(
            "no {} or {} field with text; skipped",
            names(Field::Title),
            names(Field::Body)
        );
        return match origin.record() {
            Some(record) if origin.line().is_none() => out.warn_record(record, message),
            _ => out.warn(origin.line(), message),
        };
    }
    out.article(article)
}

/// Whether a field holds HTML markup rather than text: closing paragraph or
/// block tags, or line breaks written as tags.
fn looks_like_html(body: &str) -> bool {
    const MARKERS: [&[u8]; 8] = [
        b"</p>", b"</P>", b"<br>", b"<br/>", b"<br />", b"<BR>", b"</div>", b"</li>",
    ];
    let bytes = body.as_bytes();
    MARKERS
        .iter()
        .any(|m| memchr::memmem::find(bytes, m).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_fields_are_recognised() {
        assert!(looks_like_html("<p>One.</p><p>Two.</p>"));
        assert!(looks_like_html("Line<br/>line"));
        assert!(!looks_like_html("He wrote 3 < 4 and <p> is a tag name."));
    }
}
