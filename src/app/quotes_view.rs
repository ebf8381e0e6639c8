//! The quotes view's keys: moving, narrowing (`/`), closing, and `Enter`,
//! which goes to the quote in the reader and, once all the actor's quotes
//! are found, makes them the target for `n` / `N`. What it lists is
//! `quotes.rs`'s.

use super::lists::{moved, visible_offset};
use super::quotes::QuoteRow;
use super::target::Hit;
use super::{App, Overlay};
use crate::action::Action;
use crate::cast::ActorId;

/// The quotes view's state.
#[derive(Debug, Clone, Default)]
pub struct QuotesView {
    pub actor: ActorId,
    /// The rows listed (indices into the actor's rows).
    pub shown: Vec<u32>,
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    /// What the rows are narrowed to.
    pub narrow: String,
}

impl App {
    /// Keys in the quotes view.
    pub(super) fn update_quotes(&mut self, action: Action, count: Option<usize>) {
        match action {
            Action::Quotes | Action::Cancel => {
                self.quotes.view = None;
                self.overlay = Overlay::None;
            }
            Action::Search => {
                let text = self.quotes.narrowed_by();
                self.input = Some(super::tools::Input {
                    kind: super::tools::InputKind::Narrow,
                    text,
                    error: None,
                });
            }
            Action::OpenArticle => self.quote_jump(),
            _ => self.quotes_move(action, count),
        }
    }

    pub(super) fn quotes_move(&mut self, action: Action, count: Option<usize>) {
        if let Some(v) = &mut self.quotes.view {
            v.selected = moved(v.selected, v.shown.len(), v.height, action, count);
            v.offset = visible_offset(v.offset, v.selected, v.height, v.shown.len());
        }
    }

    /// Keeps the rows whose quote or article title holds `text` (case
    /// aside); all for "".
    pub(super) fn narrow_quotes(&mut self, text: &str) {
        let Some(v) = &mut self.quotes.view else {
            return;
        };
        v.narrow = text.to_string();
        v.shown.clear();
        v.selected = 0;
        v.offset = 0;
        self.narrow_more(0);
    }

    /// Adds to the listed rows those from `first` on that the narrowing keeps.
    pub(super) fn narrow_more(&mut self, first: usize) {
        let Some(v) = &mut self.quotes.view else {
            return;
        };
        let want = v.narrow.to_lowercase();
        let rows = self
            .quotes
            .by_actor
            .get(&v.actor)
            .map_or(&[][..], |q| &q.rows[..]);
        let articles = &self.corpus.articles;
        let keeps = |r: &QuoteRow| {
            want.is_empty()
                || r.text.to_lowercase().contains(&want)
                || articles
                    .get(r.article)
                    .is_some_and(|a| a.title().to_lowercase().contains(&want))
        };
        v.shown.extend(
            (first..rows.len())
                .filter(|&i| keeps(&rows[i]))
                .map(|i| i as u32),
        );
    }

    /// `Enter`: the reader on the selected quote, the view closed.
    fn quote_jump(&mut self) {
        let Some(row) = self
            .quotes
            .view
            .as_ref()
            .and_then(|v| self.quote_row(v.selected))
            .cloned()
        else {
            return;
        };
        let actor = self.quotes.view.take().map(|v| v.actor);
        self.overlay = Overlay::None;
        self.quotes.current = Some((row.article, row.content.clone()));
        let from = self.place();
        // Once all are found, the actor's quotes become the target: `n` / `N`
        // go from quote to quote ("quote 3 of 17"). Until then the target
        // stays what it was, and a quote is not one of its hits.
        let hits = actor
            .and_then(|a| self.quotes.by_actor.get(&a))
            .filter(|q| q.complete())
            .map(|q| {
                let mut hits = super::target::QuoteHits::new();
                // A target's hits lie in the title or in the body: a quote
                // running from one into the other (a headline's) is left out.
                let in_one_part = |r: &QuoteRow| {
                    self.corpus
                        .articles
                        .get(r.article)
                        .and_then(|a| a.part(r.extent.clone()))
                        .is_some()
                };
                for r in q.rows.iter().filter(|r| in_one_part(r)) {
                    hits.entry(r.article).or_default().push(r.extent.clone());
                }
                hits
            });
        let current = match (actor, hits) {
            (Some(actor), Some(hits)) => {
                let target =
                    super::Target::quotes(actor, &hits, &self.list.position, self.within());
                self.set_target(Some(target));
                None
            }
            _ => Some(self.target.as_ref().and_then(|t| t.current.clone())),
        };
        self.land(Hit {
            article: row.article,
            range: row.extent,
        });
        if let (Some(current), Some(t)) = (current, &mut self.target) {
            t.current = current;
        }
        self.jumped_from(from);
        self.focus = super::Pane::Reader;
    }

    /// The view's page follows the screen.
    pub(super) fn fit_quotes(&mut self) {
        let height = self.screen.area.height.saturating_sub(3).max(1) as usize;
        if let Some(v) = &mut self.quotes.view {
            v.height = height;
            v.offset = visible_offset(v.offset, v.selected, v.height, v.shown.len());
        }
    }
}
