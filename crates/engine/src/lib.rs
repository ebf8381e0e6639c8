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
mod corrections;
mod doc;
pub mod engine;
#[cfg(any(test, feature = "eval"))]
pub mod eval;
pub mod evidence;
pub mod features;
pub mod gazetteer;
pub mod hash;
mod headline;
mod link;
mod merge;
pub mod names;
pub mod perceptron;
pub mod quotes;
mod repair;
pub mod resolve;
pub mod sport;
pub mod summary;
pub mod tagger;
pub mod token;
pub mod userfile;

#[cfg(test)]
mod cast_tests;
#[cfg(test)]
mod test_doc;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use corrections::{Fix, FixError, Fixed};
pub use doc::{DocActors, DocMention, EntityRef, Evidence, Gender};
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
    /// Of its mentions, how many were assigned on weak evidence: a bare
    /// surname that several people of the corpus share, with nothing in its
    /// article to tell which ([`Mention::uncertain`]).
    pub uncertain: usize,
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
    /// The actor was chosen on weak evidence (see [`Actor::uncertain`]).
    pub uncertain: bool,
    /// Its article said more than one person could be meant.
    doc_uncertain: bool,
    /// The document entity it names, an index into the cast's entities.
    ent: u32,
}

impl Mention {
    /// The mention's bytes as a range into the body.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

pub use merge::{Cast, DocText, Document};
