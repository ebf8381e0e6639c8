//! [`DocActors`]: what the engine found in one document — its entities, their
//! mentions, and the evidence about each entity that only this document holds
//! (initials, titles, gender words, the other names it was called), which
//! cross-document resolution ([`crate::Cast`]) weighs.
//!
//! Entity names, keys and evidence texts share one buffer rather than owning a
//! `String` each: results are made on the indexing threads and consumed and
//! dropped by the interface thread, and with glibc's malloc every one of those
//! frees locks the worker's arena — with two strings per entity that
//! contention once cost more context switches than the indexing did work.

use crate::{Form, Kind};

/// One entity of one document, as the engine resolved it (see [`DocActors::entity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityRef<'a> {
    /// The canonical name: the fullest unambiguous form, or the gazetteer's name.
    pub name: &'a str,
    pub kind: Kind,
    /// What the entity is merged on across documents.
    pub key: &'a str,
}

/// Gender words seen with an entity's mentions ("Mr.", "Mrs.", "he said").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gender {
    pub male: u16,
    pub female: u16,
}

impl Gender {
    pub fn add(&mut self, other: Gender) {
        self.male = self.male.saturating_add(other.male);
        self.female = self.female.saturating_add(other.female);
    }

    /// +1 clearly male, -1 clearly female, 0 unknown or mixed: one side must
    /// outweigh the other three to one.
    pub fn sign(self) -> i8 {
        let (m, f) = (u32::from(self.male), u32::from(self.female));
        if m > 0 && m >= 3 * f {
            1
        } else if f > 0 && f >= 3 * m {
            -1
        } else {
            0
        }
    }
}

/// What one document says about one of its entities beyond its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence<'a> {
    doc: &'a DocActors,
    entity: usize,
    /// Initials written inside the name, lower case ("w" for "George W. Bush",
    /// "hw" for "George H. W. Bush"): part of who the name is.
    pub initials: &'a str,
    pub gender: Gender,
}

impl<'a> Evidence<'a> {
    /// Titles written before its mentions, lower case ("president", "mr.").
    pub fn titles(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.facts(FactKind::Title).map(|(t, _)| t)
    }

    /// Keys of other names that this document showed to be this entity:
    /// `(key, explicit)`, explicit when the text said so ("al-Nusra Front
    /// (Jabhat Fateh al-Sham)", "…, known as …") rather than by one name
    /// containing the other ("Nusra" in a text about the Nusra Front).
    pub fn aliases(&self) -> impl Iterator<Item = (&'a str, bool)> + 'a {
        self.facts(FactKind::Alias)
            .map(|(t, _)| (t, false))
            .chain(self.facts(FactKind::ExplicitAlias).map(|(t, _)| (t, true)))
    }

    /// Keys of the short forms its name allows elsewhere: an organisation's
    /// name without its head words ("n:nusra" for the Nusra Front).
    pub fn short_forms(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.facts(FactKind::ShortForm).map(|(t, _)| t)
    }

    fn facts(&self, kind: FactKind) -> impl Iterator<Item = (&'a str, FactKind)> + 'a {
        let doc = self.doc;
        let entity = self.entity as u32;
        let from = doc.facts.partition_point(|f| f.entity < entity);
        doc.facts[from..]
            .iter()
            .take_while(move |f| f.entity == entity)
            .filter(move |f| f.kind == kind)
            .map(move |f| (doc.text(f.text), f.kind))
    }
}

/// An entity as stored: texts are ranges of [`DocActors`]' one buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DocEntity {
    kind: Kind,
    name: (u32, u32),
    key: (u32, u32),
    initials: (u32, u32),
    gender: Gender,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FactKind {
    Title,
    Alias,
    ExplicitAlias,
    ShortForm,
}

/// A title or alias of an entity; kept sorted by entity (see [`DocActors::seal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fact {
    entity: u32,
    kind: FactKind,
    text: (u32, u32),
}

/// One mention in one document: bytes `start..end` of the text name `entity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMention {
    pub start: usize,
    pub end: usize,
    /// Index of the entity (see [`DocActors::entity`]).
    pub entity: usize,
    pub form: Form,
    /// Several entities of the document could be meant ("Bush" after both
    /// George W. and Jeb Bush): the nearest was taken.
    pub uncertain: bool,
}

/// The engine's result for one document; mentions sorted by `start`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocActors {
    entities: Vec<DocEntity>,
    pub mentions: Vec<DocMention>,
    facts: Vec<Fact>,
    names: String,
}

impl DocActors {
    fn span(&mut self, s: &str) -> (u32, u32) {
        let start = self.names.len();
        self.names.push_str(s);
        // A document's names are a few kilobytes; saturating keeps an
        // absurd one from wrapping (its range then reads as empty).
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (at(start), at(self.names.len()))
    }

    fn text(&self, (a, b): (u32, u32)) -> &str {
        self.names.get(a as usize..b as usize).unwrap_or("")
    }

    /// Adds an entity and returns its index, for [`DocMention::entity`].
    pub fn add_entity(&mut self, name: &str, kind: Kind, key: &str) -> usize {
        let name = self.span(name);
        let key = self.span(key);
        self.entities.push(DocEntity {
            kind,
            name,
            key,
            initials: (0, 0),
            gender: Gender::default(),
        });
        self.entities.len() - 1
    }

    /// Gives entity `i` another name, kind and key (a nickname found to be a
    /// team: "All Blacks" → "New Zealand (rugby union)").
    pub fn rename_entity(&mut self, i: usize, name: &str, kind: Kind, key: &str) {
        let name = self.span(name);
        let key = self.span(key);
        if let Some(e) = self.entities.get_mut(i) {
            e.name = name;
            e.key = key;
            e.kind = kind;
        }
    }

    /// Records the initials written inside entity `i`'s name.
    pub fn set_initials(&mut self, i: usize, initials: &str) {
        let span = self.span(initials);
        if let Some(e) = self.entities.get_mut(i) {
            e.initials = span;
        }
    }

    pub fn add_gender(&mut self, i: usize, gender: Gender) {
        if let Some(e) = self.entities.get_mut(i) {
            e.gender.add(gender);
        }
    }

    /// Records a title written before one of entity `i`'s mentions.
    pub fn add_title(&mut self, i: usize, title: &str) {
        self.add_fact(i, FactKind::Title, title);
    }

    /// Records that the name with key `key` names entity `i` in this document
    /// (`explicit`: the text says so; otherwise one name contains the other).
    pub fn add_alias(&mut self, i: usize, key: &str, explicit: bool) {
        let kind = if explicit {
            FactKind::ExplicitAlias
        } else {
            FactKind::Alias
        };
        self.add_fact(i, kind, key);
    }

    /// Records a short form entity `i`'s name allows (see [`Evidence::short_forms`]).
    pub fn add_short_form(&mut self, i: usize, key: &str) {
        self.add_fact(i, FactKind::ShortForm, key);
    }

    fn add_fact(&mut self, i: usize, kind: FactKind, text: &str) {
        if i >= self.entities.len() || text.is_empty() {
            return;
        }
        let entity = i as u32;
        let text = self.span(text);
        self.facts.push(Fact { entity, kind, text });
    }

    /// Orders the evidence for look-up; the engine calls it once it is done
    /// adding (hand-made results without evidence need not).
    pub fn seal(&mut self) {
        let mut facts = std::mem::take(&mut self.facts);
        facts.sort_by(|a, b| {
            (a.entity, a.kind, self.text(a.text)).cmp(&(b.entity, b.kind, self.text(b.text)))
        });
        facts.dedup_by(|a, b| {
            (a.entity, a.kind) == (b.entity, b.kind) && self.text(a.text) == self.text(b.text)
        });
        self.facts = facts;
    }

    /// Entity `i`, if there is one.
    pub fn entity(&self, i: usize) -> Option<EntityRef<'_>> {
        self.entities.get(i).map(|e| self.view(e))
    }

    /// What this document says about entity `i` beyond its name.
    pub fn evidence(&self, i: usize) -> Option<Evidence<'_>> {
        let e = self.entities.get(i)?;
        debug_assert!(self.facts.is_sorted_by_key(|f| f.entity), "seal() first");
        Some(Evidence {
            doc: self,
            entity: i,
            initials: self.text(e.initials),
            gender: e.gender,
        })
    }

    /// Every entity, in index order.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = EntityRef<'_>> + '_ {
        self.entities.iter().map(|e| self.view(e))
    }

    fn view(&self, e: &DocEntity) -> EntityRef<'_> {
        EntityRef {
            name: self.text(e.name),
            kind: e.kind,
            key: self.text(e.key),
        }
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_kept_per_entity() {
        let mut doc = DocActors::default();
        let bush = doc.add_entity("George W. Bush", Kind::Person, "n:george bush");
        let nusra = doc.add_entity("Nusra Front", Kind::Organization, "n:nusra front");
        doc.add_alias(nusra, "n:jabhat fateh sham", true);
        doc.set_initials(bush, "w");
        doc.add_title(bush, "president");
        doc.add_title(bush, "president");
        doc.add_alias(nusra, "n:nusra", false);
        doc.add_gender(bush, Gender { male: 2, female: 0 });
        doc.seal();
        let e = doc.evidence(bush).unwrap();
        assert_eq!(e.initials, "w");
        assert_eq!(e.titles().collect::<Vec<_>>(), ["president"]);
        assert_eq!(e.gender.sign(), 1);
        assert_eq!(e.aliases().count(), 0);
        let n = doc.evidence(nusra).unwrap();
        assert_eq!(
            n.aliases().collect::<Vec<_>>(),
            [("n:nusra", false), ("n:jabhat fateh sham", true)]
        );
        assert!(doc.evidence(7).is_none());
    }
}
