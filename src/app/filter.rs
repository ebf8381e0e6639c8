//! The query filter in the app: the articles a query leaves are the ones the
//! list shows, the target counts and `n` / `N` visit, and whose cast `c`
//! shows ("cast of these N articles"). `Esc` clears it. While articles
//! arrive, the query is asked again of the whole collection at each refresh.

use std::sync::Arc;

use super::{App, Scope, Target};
use crate::cast::ActorId;

/// The query in force and the articles it leaves.
#[derive(Debug, Clone)]
pub struct QueryFilter {
    pub text: String,
    /// By article id.
    pub matching: Arc<Vec<bool>>,
    pub count: usize,
}

impl App {
    /// The query filter, when one is in force.
    pub fn query(&self) -> Option<&QueryFilter> {
        self.query.as_ref()
    }

    /// The articles the query leaves (`None`: all).
    pub(super) fn within(&self) -> Option<&[bool]> {
        self.query.as_ref().map(|q| q.matching.as_slice())
    }

    /// A target following `actor` within the query's articles.
    pub(super) fn actor_target(&self, actor: ActorId) -> Target {
        Target::actor_within(&self.cast, actor, &self.list.position, self.within())
    }

    /// Runs `text` as the query filter; a mistake keeps the line open with
    /// its message.
    pub(super) fn apply_query(&mut self, text: &str) {
        match super::query::evaluate(text, &self.corpus, &self.cast) {
            Ok(matching) => {
                self.input = None;
                let count = matching.iter().filter(|x| **x).count();
                self.query = Some(QueryFilter {
                    text: text.to_string(),
                    matching: Arc::new(matching),
                    count,
                });
                if self.cast_view.scope == Scope::Corpus {
                    self.cast_view.scope = Scope::Filtered;
                }
                self.requery_views();
                self.message = Some(format!(
                    "{count} article{} match · c: their cast · Esc clears",
                    if count == 1 { "" } else { "s" }
                ));
            }
            Err(e) => {
                if let Some(input) = &mut self.input {
                    input.error = Some(e.to_string());
                } else {
                    self.message = Some(format!("query: {e}"));
                }
            }
        }
    }

    /// Drops the query filter.
    pub(super) fn clear_query(&mut self) {
        self.query = None;
        if self.cast_view.scope == Scope::Filtered {
            self.cast_view.scope = Scope::Corpus;
        }
        self.requery_views();
        self.message = Some("all articles again".into());
    }

    /// Asks the query again of every article (new ones arrived).
    pub(super) fn requery(&mut self) {
        let Some(text) = self.query.as_ref().map(|q| q.text.clone()) else {
            return;
        };
        if let Ok(matching) = super::query::evaluate(&text, &self.corpus, &self.cast) {
            let count = matching.iter().filter(|x| **x).count();
            self.query = Some(QueryFilter {
                text,
                matching: Arc::new(matching),
                count,
            });
        }
    }

    /// The list, the target and the cast pane follow the query.
    pub(super) fn requery_views(&mut self) {
        let hits = self.target.as_ref().map(|t| &t.per_article);
        let matching = self.query.as_ref().map(|q| Arc::clone(&q.matching));
        self.list.set_query(matching, hits);
        if let Some(target) = self.target.take() {
            let within = self.query.as_ref().map(|q| Arc::clone(&q.matching));
            let retargeted =
                target.restricted(&self.corpus, &self.cast, &self.list.position, within);
            self.set_target(Some(retargeted));
        }
        self.list.select_article(self.reader.article);
        self.refresh_cast_view(self.followed_actor().or(self.cast_view.selected_actor()));
    }
}
