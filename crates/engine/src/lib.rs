//! The cast: the actors (people, organisations, places) named in a corpus, with
//! their aliases merged, and every mention of each.
//!
//! [`Engine::analyze`] works on one document's text and returns its entities and
//! mentions with byte offsets ([`DocActors`]); [`Cast`] merges documents into
//! corpus-wide actors. Documents can be added one at a time and in any order, so
//! the cast can fill in while a large corpus is being indexed; actor ids are stable
//! once given.

pub mod candidates;
#[cfg(any(test, feature = "eval"))]
pub mod conll;
pub mod engine;
#[cfg(any(test, feature = "eval"))]
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod hash;
mod headline;
mod merge;
pub mod perceptron;
pub mod quotes;
pub mod resolve;
pub mod tagger;
pub mod token;
pub mod userfile;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use engine::Engine;
pub use quotes::{Quote, QuoteKind};
pub use userfile::{EngineError, UserFileWarning};

/// What sort of actor a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organization,
    Place,
    Misc,
}

impl Kind {
    /// The one-letter tag shown in the cast pane.
    pub fn letter(self) -> char {
        match self {
            Kind::Person => 'P',
            Kind::Organization => 'O',
            Kind::Place => 'L',
            Kind::Misc => 'M',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Misc => "misc",
        }
    }
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// The actor's name or one of its aliases ("Kerry", "ISIL").
    Name,
    /// An adjective of nationality standing for a country ("Russian airstrikes").
    Demonym,
}

/// One entity of one document, as the engine resolved it (see [`DocActors::entity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityRef<'a> {
    /// The canonical name: the fullest unambiguous form, or the gazetteer's name.
    pub name: &'a str,
    pub kind: Kind,
    /// What the entity is merged on across documents.
    pub key: &'a str,
}

/// An entity as stored: its name and key are ranges of [`DocActors`]' one
/// text buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DocEntity {
    kind: Kind,
    name: (u32, u32),
    key: (u32, u32),
}

/// One mention in one document: bytes `start..end` of the text name `entity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMention {
    pub start: usize,
    pub end: usize,
    /// Index of the entity (see [`DocActors::entity`]).
    pub entity: usize,
    pub form: Form,
}

/// The engine's result for one document; mentions sorted by `start`.
///
/// Entity names and keys share one buffer rather than owning a `String`
/// each: results are made on the indexing threads and consumed and dropped by
/// the interface thread, and with glibc's malloc every one of those frees
/// locks the worker's arena — with two strings per entity that contention
/// once cost more context switches than the indexing did work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocActors {
    entities: Vec<DocEntity>,
    pub mentions: Vec<DocMention>,
    names: String,
}

impl DocActors {
    /// Adds an entity and returns its index, for [`DocMention::entity`].
    pub fn add_entity(&mut self, name: &str, kind: Kind, key: &str) -> usize {
        let mut span = |s: &str| {
            let start = self.names.len();
            self.names.push_str(s);
            // A document's names are a few kilobytes; saturating keeps an
            // absurd one from wrapping (its range then reads as empty).
            let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            (at(start), at(self.names.len()))
        };
        let name = span(name);
        let key = span(key);
        self.entities.push(DocEntity { kind, name, key });
        self.entities.len() - 1
    }

    /// Entity `i`, if there is one.
    pub fn entity(&self, i: usize) -> Option<EntityRef<'_>> {
        self.entities.get(i).map(|e| self.view(e))
    }

    /// Every entity, in index order.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = EntityRef<'_>> + '_ {
        self.entities.iter().map(|e| self.view(e))
    }

    fn view(&self, e: &DocEntity) -> EntityRef<'_> {
        let text = |(a, b): (u32, u32)| self.names.get(a as usize..b as usize).unwrap_or("");
        EntityRef {
            name: text(e.name),
            kind: e.kind,
            key: text(e.key),
        }
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }
}

/// An index into [`Cast::actors`].
pub type ActorId = u32;

/// A surface form of an actor and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alias {
    pub text: String,
    pub count: usize,
}

/// A corpus-wide actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub kind: Kind,
    pub key: String,
    /// Surface forms, most frequent first.
    pub aliases: Vec<Alias>,
    pub mentions: usize,
    pub articles: usize,
}

/// A mention inside an article (the article is implied by where it is stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offsets into the article body. `u32` rather than `usize`: a corpus
    /// holds millions of mentions, and no article is allowed near 4 GB (the
    /// loader skips records over 64 MB; `Cast::add` drops any mention past
    /// `u32::MAX`).
    pub start: u32,
    pub end: u32,
    pub actor: ActorId,
    pub form: Form,
}

impl Mention {
    /// The mention's bytes as a range into the body.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

pub use merge::{Cast, DocText, Document};
