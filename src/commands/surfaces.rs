//! The text of a document's mentions and nothing else: what the cast reads
//! of a document while it waits for its turn in `castlist actors`, at a
//! fraction of the document's size (see [`super::gather`]).

use crate::cast::{DocActors, DocText};

/// The text of a document's mentions and nothing else: what [`Cast::add`]
/// reads of a document (each mention's surface form), at a fraction of the
/// document's size.
#[derive(Debug, Default)]
pub struct Surfaces {
    /// (start, end) in the document and where the text is in `text`; sorted.
    spans: Vec<(u32, u32, u32)>,
    text: String,
}

impl Surfaces {
    /// The surfaces of `doc`'s mentions in `document`.
    pub fn new(document: &(impl DocText + ?Sized), doc: &DocActors) -> Surfaces {
        // Sized up front (the mentions' text at most, within a bound: the
        // offsets are not checked yet): grown from nothing and then shrunk,
        // the two buffers were reallocated several times for each document.
        let bytes = doc
            .mentions
            .iter()
            .fold(0usize, |n, m| {
                n.saturating_add(m.end.saturating_sub(m.start))
            })
            .min(1 << 16);
        let mut surfaces = Surfaces {
            spans: Vec::with_capacity(doc.mentions.len()),
            text: String::with_capacity(bytes),
        };
        for m in &doc.mentions {
            let (Ok(start), Ok(end)) = (u32::try_from(m.start), u32::try_from(m.end)) else {
                continue;
            };
            let Some(text) = document.slice(m.start..m.end) else {
                continue;
            };
            let Ok(at) = u32::try_from(surfaces.text.len()) else {
                break;
            };
            surfaces.text.push_str(text);
            surfaces.spans.push((start, end, at));
        }
        surfaces.spans.sort_unstable();
        surfaces.spans.dedup_by_key(|s| (s.0, s.1));
        surfaces.text.shrink_to_fit();
        surfaces.spans.shrink_to_fit();
        surfaces
    }
}

impl DocText for Surfaces {
    fn slice(&self, range: std::ops::Range<usize>) -> Option<&str> {
        let key = (
            u32::try_from(range.start).ok()?,
            u32::try_from(range.end).ok()?,
        );
        let i = self.spans.binary_search_by(|s| (s.0, s.1).cmp(&key)).ok()?;
        let (start, end, at) = self.spans[i];
        let at = at as usize;
        self.text.get(at..at + (end - start) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::{Form, Kind};

    #[test]
    fn surfaces_answer_for_the_mentions_only() {
        let text = "Kerry met Lavrov. Kerry left.";
        let mut doc = DocActors::default();
        let kerry = doc.add_entity("John Kerry", Kind::Person, "n:kerry");
        let lavrov = doc.add_entity("Sergey Lavrov", Kind::Person, "n:lavrov");
        for (start, end, entity) in [(0, 5, kerry), (10, 16, lavrov), (18, 23, kerry)] {
            doc.mentions.push(crate::cast::DocMention {
                start,
                end,
                entity,
                form: Form::Name,
                uncertain: false,
            });
        }
        let surfaces = Surfaces::new(text, &doc);
        assert_eq!(surfaces.slice(0..5), Some("Kerry"));
        assert_eq!(surfaces.slice(10..16), Some("Lavrov"));
        assert_eq!(surfaces.slice(18..23), Some("Kerry"));
        assert_eq!(surfaces.slice(0..4), None);
        assert_eq!(surfaces.text, "KerryLavrovKerry");
    }
}
