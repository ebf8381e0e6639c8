//! The concordance (KWIC: key word in context): every hit of the target,
//! one a line — the words before, the hit in one column, the words after —
//! with its article's title and date. Only the rows on screen are ever
//! laid out, so that 50,000 mentions open at once: the view holds the
//! hits' places (12 bytes each) and the rows' order, nothing more.
//! `/` narrows it to the lines holding some text; `Enter` goes to the hit in
//! the reader (a jump, which `Ctrl-o` comes back from).

use super::lists::{moved, visible_offset};
use super::target::Hit;
use super::{App, Overlay};
use crate::action::Action;
use crate::corpus::Article;

/// How many bytes of context either side of a hit are looked at.
pub const CONTEXT: usize = 240;

/// The concordance's state.
#[derive(Debug, Clone, Default)]
pub struct Kwic {
    /// Every hit, in list order: (article, document start, end).
    pub hits: Vec<(u32, u32, u32)>,
    /// The rows listed (indices into `hits`): all, or those the narrowing keeps.
    pub shown: Vec<u32>,
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    /// What the rows are narrowed to.
    pub narrow: String,
}

impl Kwic {
    /// The hit on row `i` of the listed rows.
    pub fn row(&self, i: usize) -> Option<(usize, std::ops::Range<usize>)> {
        let &(a, s, e) = self.hits.get(*self.shown.get(i)? as usize)?;
        Some((a as usize, s as usize..e as usize))
    }
}

/// A hit's line: (left context, the hit, right context), within its title
/// or its paragraph, at most [`CONTEXT`] bytes a side, on character
/// boundaries.
pub fn line_of(article: &Article, range: std::ops::Range<usize>) -> (String, String, String) {
    // A body kept on disk (the index cache) is read for the line.
    let body;
    let shift = article.body_start();
    let (text, r) = if range.end <= article.title().len() {
        (article.title(), range)
    } else if range.start >= shift {
        body = article.body_text();
        (&*body, range.start - shift..range.end - shift)
    } else {
        return Default::default();
    };
    if text.get(r.clone()).is_none() {
        return Default::default();
    }
    let mut lo = r.start.saturating_sub(CONTEXT);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let lo = text[lo..r.start].rfind('\n').map_or(lo, |p| lo + p + 1);
    let mut hi = (r.end + CONTEXT).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let hi = text[r.end..hi].find('\n').map_or(hi, |p| r.end + p);
    (
        text[lo..r.start].to_string(),
        text[r.clone()].to_string(),
        text[r.end..hi].to_string(),
    )
}

impl App {
    /// The concordance, while it is open.
    pub fn kwic(&self) -> Option<&Kwic> {
        self.kwic.as_ref()
    }

    /// Opens the concordance of the current target.
    pub(super) fn open_kwic(&mut self) {
        let Some(target) = &self.target else {
            self.message = Some("no actor or search: Enter on an actor, or / to search".into());
            return;
        };
        let hits: Vec<(u32, u32, u32)> = match &target.kind {
            // An actor's mentions are its list already: no text is read.
            super::TargetKind::Actor(a) => self
                .cast
                .mentions_of(*a)
                .filter(|(article, _)| target.per_article.contains_key(article))
                .map(|(article, m)| (article as u32, m.start, m.end))
                .collect(),
            _ => target
                .all_hits(&self.corpus, &self.cast, &self.list.position)
                .into_iter()
                .map(|Hit { article, range }| {
                    (article as u32, range.start as u32, range.end as u32)
                })
                .collect(),
        };
        let mut hits = hits;
        let position = &self.list.position;
        hits.sort_by_key(|&(a, s, _)| {
            (
                position.get(a as usize).map_or(usize::MAX, |&p| p as usize),
                s,
            )
        });
        let shown = (0..hits.len() as u32).collect();
        self.kwic = Some(Kwic {
            hits,
            shown,
            height: self.screen.area.height.saturating_sub(3).max(1) as usize,
            ..Kwic::default()
        });
        self.overlay = Overlay::Concordance;
    }

    /// Keys in the concordance.
    pub(super) fn update_kwic(&mut self, action: Action, count: Option<usize>) {
        match action {
            Action::Concordance | Action::Cancel => {
                self.kwic = None;
                self.overlay = Overlay::None;
            }
            Action::Search => self.open_narrow(),
            Action::OpenArticle => self.kwic_jump(),
            _ => self.kwic_move(action, count),
        }
    }

    fn open_narrow(&mut self) {
        let text = self
            .kwic
            .as_ref()
            .map(|k| k.narrow.clone())
            .unwrap_or_default();
        self.input = Some(super::tools::Input {
            kind: super::tools::InputKind::Narrow,
            text,
            error: None,
        });
    }

    pub(super) fn kwic_move(&mut self, action: Action, count: Option<usize>) {
        if let Some(k) = &mut self.kwic {
            k.selected = moved(k.selected, k.shown.len(), k.height, action, count);
            k.offset = visible_offset(k.offset, k.selected, k.height, k.shown.len());
        }
    }

    /// Keeps the rows whose line holds `text` (case aside); all for "".
    pub(super) fn narrow_kwic(&mut self, text: &str) {
        let Some(k) = &mut self.kwic else {
            return;
        };
        let want = text.to_lowercase();
        k.narrow = text.to_string();
        k.shown = (0..k.hits.len() as u32)
            .filter(|&i| {
                if want.is_empty() {
                    return true;
                }
                let (a, s, e) = k.hits[i as usize];
                let Some(article) = self.corpus.articles.get(a as usize) else {
                    return false;
                };
                let (l, m, r) = line_of(article, s as usize..e as usize);
                [l.as_str(), m.as_str(), r.as_str(), article.title()]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&want))
            })
            .collect();
        k.selected = 0;
        k.offset = 0;
    }

    /// `Enter`: the reader on the selected hit, the concordance closed.
    fn kwic_jump(&mut self) {
        let Some((article, range)) = self.kwic.as_ref().and_then(|k| k.row(k.selected)) else {
            return;
        };
        self.kwic = None;
        self.overlay = Overlay::None;
        let from = self.place();
        self.land(Hit { article, range });
        self.jumped_from(from);
        self.focus = super::Pane::Reader;
    }

    /// The concordance's page follows the screen.
    pub(super) fn fit_kwic(&mut self) {
        let height = self.screen.area.height.saturating_sub(3).max(1) as usize;
        if let Some(k) = &mut self.kwic {
            k.height = height;
            k.offset = visible_offset(k.offset, k.selected, k.height, k.shown.len());
        }
    }
}
