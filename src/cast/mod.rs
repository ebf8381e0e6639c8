//! The cast: the actors (people, organisations, places) named in a corpus, with
//! their aliases merged, and every mention of each.
//!
//! [`Engine::analyze`] works on one document's text and returns its entities and
//! mentions with byte offsets ([`DocActors`]); [`Cast`] merges documents into
//! corpus-wide actors. Documents can be added one at a time and in any order, so
//! the cast can fill in while a large corpus is being indexed; actor ids are stable
//! once given.

pub mod engine;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use engine::Engine;

use crate::corpus::Corpus;

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

/// One entity of one document, as the engine resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocEntity {
    /// The canonical name: the fullest unambiguous form, or the gazetteer's name.
    pub name: String,
    pub kind: Kind,
    /// What the entity is merged on across documents.
    pub key: String,
}

/// One mention in one document: bytes `start..end` of the text name `entity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMention {
    pub start: usize,
    pub end: usize,
    /// Index into [`DocActors::entities`].
    pub entity: usize,
    pub form: Form,
}

/// The engine's result for one document; mentions sorted by `start`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocActors {
    pub entities: Vec<DocEntity>,
    pub mentions: Vec<DocMention>,
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
    pub start: usize,
    pub end: usize,
    pub actor: ActorId,
    pub form: Form,
}

/// All actors of a corpus and all their mentions.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    actors: Vec<Actor>,
    by_key: HashMap<String, ActorId>,
    /// Mentions of each article, sorted by start; indexed by article id.
    per_article: Vec<Vec<Mention>>,
    /// For each actor, the (article, index into `per_article[article]`) of its mentions.
    by_actor: Vec<Vec<(u32, u32)>>,
}

impl Cast {
    /// Analyses every article of `corpus` with `engine`.
    pub fn build(engine: &Engine, corpus: &Corpus) -> Cast {
        let mut cast = Cast::default();
        for article in &corpus.articles {
            let doc = engine.analyze(&article.body);
            cast.add(article.id, &article.body, &doc);
        }
        cast
    }

    /// Merges one document's result into the cast. `text` is the text the engine saw.
    pub fn add(&mut self, article: usize, text: &str, doc: &DocActors) {
        if self.per_article.len() <= article {
            self.per_article.resize_with(article + 1, Vec::new);
        }
        let ids: Vec<ActorId> = doc.entities.iter().map(|e| self.intern(e)).collect();
        let mut mentions: Vec<Mention> = doc
            .mentions
            .iter()
            .filter(|m| m.start < m.end && text.get(m.start..m.end).is_some())
            .map(|m| Mention {
                start: m.start,
                end: m.end,
                actor: ids[m.entity],
                form: m.form,
            })
            .collect();
        mentions.sort_by_key(|m| (m.start, m.end));
        let mut seen = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let actor = &mut self.actors[m.actor as usize];
            actor.mentions += 1;
            bump_alias(&mut actor.aliases, &text[m.start..m.end]);
            if !seen.contains(&m.actor) {
                seen.push(m.actor);
                actor.articles += 1;
            }
            self.by_actor[m.actor as usize].push((article as u32, i as u32));
        }
        self.per_article[article] = mentions;
    }

    fn intern(&mut self, entity: &DocEntity) -> ActorId {
        if let Some(&id) = self.by_key.get(&entity.key) {
            return id;
        }
        let id = self.actors.len() as ActorId;
        self.actors.push(Actor {
            name: entity.name.clone(),
            kind: entity.kind,
            key: entity.key.clone(),
            aliases: Vec::new(),
            mentions: 0,
            articles: 0,
        });
        self.by_actor.push(Vec::new());
        self.by_key.insert(entity.key.clone(), id);
        id
    }

    /// Cross-document work that needs the whole corpus; called once indexing
    /// has finished. Never renumbers actors.
    pub fn finish(&mut self) {}

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors.get(id as usize)
    }

    /// Mentions in one article, sorted by start.
    pub fn mentions_in(&self, article: usize) -> &[Mention] {
        self.per_article
            .get(article)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Every mention of `actor` as (article, mention), in the order they were added.
    pub fn mentions_of(&self, actor: ActorId) -> impl Iterator<Item = (usize, &Mention)> + '_ {
        self.by_actor
            .get(actor as usize)
            .into_iter()
            .flatten()
            .map(|&(a, i)| (a as usize, &self.per_article[a as usize][i as usize]))
    }

    /// The actor that `name` names: its canonical name or one of its aliases,
    /// compared without regard to case.
    pub fn find(&self, name: &str) -> Option<ActorId> {
        let exact = self
            .actors
            .iter()
            .position(|a| a.name.eq_ignore_ascii_case(name));
        exact
            .or_else(|| {
                self.actors.iter().position(|a| {
                    a.aliases
                        .iter()
                        .any(|al| al.text.eq_ignore_ascii_case(name))
                })
            })
            .map(|i| i as ActorId)
    }
}

fn bump_alias(aliases: &mut Vec<Alias>, text: &str) {
    match aliases.iter_mut().find(|a| a.text == text) {
        Some(alias) => alias.count += 1,
        None => aliases.push(Alias {
            text: text.to_string(),
            count: 1,
        }),
    }
    aliases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
}
