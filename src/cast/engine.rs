//! The actor engine: finds names in one document, classifies and resolves them.
//! (Placeholder: runs of capitalised words; the real engine replaces this.)

use super::{DocActors, DocEntity, DocMention, Form, Kind};

/// The engine with its gazetteers and word lists loaded.
#[derive(Debug, Default)]
pub struct Engine {}

impl Engine {
    /// The engine with the data built into the binary.
    pub fn builtin() -> Engine {
        Engine {}
    }

    /// Finds, classifies and resolves the actors of one document.
    pub fn analyze(&self, text: &str) -> DocActors {
        let mut doc = DocActors::default();
        let mut run: Option<(usize, usize)> = None;
        let flush = |run: &mut Option<(usize, usize)>, doc: &mut DocActors| {
            if let Some((s, e)) = run.take() {
                let name = &text[s..e];
                if name.contains(' ') {
                    let key = name.to_lowercase();
                    let entity = match doc.entities.iter().position(|x| x.key == key) {
                        Some(i) => i,
                        None => {
                            doc.entities.push(DocEntity {
                                name: name.to_string(),
                                kind: Kind::Misc,
                                key,
                            });
                            doc.entities.len() - 1
                        }
                    };
                    doc.mentions.push(DocMention {
                        start: s,
                        end: e,
                        entity,
                        form: Form::Name,
                    });
                }
            }
        };
        let words = text
            .split(|c: char| !c.is_alphanumeric())
            .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w));
        for (start, word) in words {
            if word.chars().next().is_some_and(char::is_uppercase) {
                run = Some((run.map_or(start, |r| r.0), start + word.len()));
            } else if !word.is_empty() || run.is_some_and(|r| r.1 + 1 != start) {
                flush(&mut run, &mut doc);
            }
        }
        flush(&mut run, &mut doc);
        doc
    }
}
