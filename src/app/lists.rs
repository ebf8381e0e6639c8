//! The article list: sorted, optionally filtered to the current target or
//! the starred, its selection kept as an article id so that re-sorting or
//! arriving articles never make it jump; and the list arithmetic (moves with
//! counts, scrolling, offsets) that the cast pane shares.

use std::collections::HashMap;

use crate::action::Action;
use crate::corpus::Corpus;

/// Article order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// As loaded: file order, then record order.
    Original,
    /// Newest first; undated articles last.
    Date,
    Title,
    Source,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Original => "file order",
            Sort::Date => "date, newest first",
            Sort::Title => "title",
            Sort::Source => "source",
        }
    }

    const CYCLE: [Sort; 4] = [Sort::Original, Sort::Date, Sort::Title, Sort::Source];

    /// The next sort in the cycle (`step` 1), or the one before (-1).
    fn step(self, step: isize) -> Sort {
        let at = Sort::CYCLE.iter().position(|&s| s == self).unwrap_or(0) as isize;
        Sort::CYCLE[(at + step).rem_euclid(Sort::CYCLE.len() as isize) as usize]
    }
}

/// The article list's state. The sort order is kept once, as `position`
/// (the list is per article: a second copy in sort order would cost 4 bytes
/// an article more); [`ArticleList::sorted`] turns it round when wanted.
/// Ids and places are 32-bit (4 bytes an article each, not 8): a reader
/// cannot hold 4 billion articles (at some 300 bytes each, beyond a
/// terabyte); articles past that would not be listed.
#[derive(Debug, Clone)]
pub struct ArticleList {
    /// The ids listed: every article in sort order ([`ArticleList::sorted`]),
    /// less what the filter hides.
    pub shown: Vec<u32>,
    /// For each article id, its place in `sorted`.
    pub position: Vec<u32>,
    /// Index into `shown`.
    pub selected: usize,
    /// First row drawn.
    pub offset: usize,
    pub height: usize,
    pub sort: Sort,
    /// The user picked the sort; indexing no longer chooses it.
    sort_chosen: bool,
    pub filter: bool,
    /// Starred only (`F`): the ids listed, when on.
    only: Option<rustc_hash::FxHashSet<usize>>,
    /// Some article names its source: the list shows a source column.
    pub has_sources: bool,
    /// The query filter's articles, by id, when one is in force.
    query: Option<std::sync::Arc<Vec<bool>>>,
}

impl ArticleList {
    /// The list of `corpus`; `order[id]` is each article's place in load order.
    pub fn new(corpus: &Corpus, order: &[(u32, u32)]) -> ArticleList {
        let mut list = ArticleList {
            shown: Vec::new(),
            position: Vec::new(),
            selected: 0,
            offset: 0,
            height: 1,
            sort: Sort::Original,
            sort_chosen: false,
            filter: false,
            only: None,
            has_sources: false,
            query: None,
        };
        list.rebuild(corpus, order, None);
        list
    }

    /// Re-sorts after articles were added, keeping the selected article on the
    /// same screen row. `hits` is the filter's, when it is on.
    pub fn rebuild(
        &mut self,
        corpus: &Corpus,
        order: &[(u32, u32)],
        hits: Option<&HashMap<usize, usize>>,
    ) {
        if !self.sort_chosen {
            // Sort by date by default only when dates are the rule, not the exception.
            let dated = corpus
                .articles
                .iter()
                .filter(|a| a.date().is_some())
                .count();
            self.sort = if dated * 2 > corpus.articles.len() {
                Sort::Date
            } else {
                Sort::Original
            };
        }
        self.has_sources = corpus.articles.iter().any(|a| a.source().is_some());
        let selected = self.selected_article();
        let screen_row = self.selected.saturating_sub(self.offset);
        let sorted = self.resort(corpus, order);
        self.shown = self.filtered(sorted, hits);
        if let Some(id) = selected {
            self.select_article(id);
            self.offset = self.selected.saturating_sub(screen_row);
            self.keep_visible();
        }
    }

    /// Sorts every article, setting `position`; returns the ids in sort
    /// order. Made in the buffers of `shown` and `position` (the caller has
    /// read the selection), so that a rebuild does not hold two lists at
    /// once.
    fn resort(&mut self, corpus: &Corpus, order: &[(u32, u32)]) -> Vec<u32> {
        let mut ids = std::mem::take(&mut self.shown);
        ids.clear();
        let n = u32::try_from(corpus.articles.len()).unwrap_or(u32::MAX);
        ids.extend(0..n);
        let a = |i: u32| &corpus.articles[i as usize];
        let key = |i: u32| order.get(i as usize).copied().unwrap_or((u32::MAX, i));
        match self.sort {
            // Unstable but total (ids are unique): the same order, without
            // a stable sort's buffer.
            Sort::Original => ids.sort_unstable_by_key(|&i| (key(i), i)),
            Sort::Date => ids.sort_unstable_by(|&x, &y| {
                a(y).date_cmp(a(x))
                    .then(key(x).cmp(&key(y)))
                    .then(x.cmp(&y))
            }),
            Sort::Title => ids.sort_by_cached_key(|&i| (a(i).title().to_lowercase(), key(i))),
            Sort::Source => {
                ids.sort_by_cached_key(|&i| (a(i).source().map(str::to_lowercase), key(i)))
            }
        }
        self.position.clear();
        self.position.resize(ids.len(), 0);
        for (pos, &id) in (0..).zip(&ids) {
            self.position[id as usize] = pos;
        }
        ids
    }

    /// Every article id, in sort order.
    pub fn sorted(&self) -> Vec<u32> {
        let mut sorted = vec![0; self.position.len()];
        for (id, &pos) in (0..).zip(&self.position) {
            sorted[pos as usize] = id;
        }
        sorted
    }

    /// How many articles there are, listed or not.
    pub fn total(&self) -> usize {
        self.position.len()
    }

    /// Sorts by the next order in the cycle (`step` 1) or the one before (-1).
    pub fn cycle_sort(&mut self, corpus: &Corpus, order: &[(u32, u32)], step: isize) {
        let selected = self.selected_article();
        self.sort = self.sort.step(step);
        self.sort_chosen = true;
        let keep: std::collections::HashSet<u32> = self.shown.iter().copied().collect();
        let sorted = self.resort(corpus, order);
        self.shown = sorted.into_iter().filter(|id| keep.contains(id)).collect();
        if let Some(id) = selected {
            self.select_article(id);
        }
    }

    /// Shows only articles with a count in `hits` (or all, when `on` is false).
    pub fn set_filter(&mut self, on: bool, hits: Option<&HashMap<usize, usize>>) {
        let selected = self.selected_article();
        self.filter = on && hits.is_some();
        self.shown = self.filtered(self.sorted(), hits);
        if let Some(id) = selected {
            self.select_article(id);
        }
        // The selected article may be the one the filter hid: stay on the list.
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.keep_visible();
    }

    /// `sorted`, less the articles without hits when the filter is on, and
    /// the articles not starred when only starred ones are listed.
    fn filtered(&self, sorted: Vec<u32>, hits: Option<&HashMap<usize, usize>>) -> Vec<u32> {
        let hits = hits.filter(|_| self.filter);
        if hits.is_none() && self.only.is_none() && self.query.is_none() {
            return sorted;
        }
        sorted
            .into_iter()
            .filter(|&id| hits.is_none_or(|h| h.contains_key(&(id as usize))))
            .filter(|&id| {
                self.only
                    .as_ref()
                    .is_none_or(|o| o.contains(&(id as usize)))
            })
            .filter(|&id| {
                self.query
                    .as_ref()
                    .is_none_or(|q| q.get(id as usize).copied().unwrap_or(false))
            })
            .collect()
    }

    /// Lists only the articles in `only` (the starred ones), or all again.
    pub fn set_only(
        &mut self,
        only: Option<rustc_hash::FxHashSet<usize>>,
        hits: Option<&HashMap<usize, usize>>,
    ) {
        let selected = self.selected_article();
        self.only = only;
        self.shown = self.filtered(self.sorted(), hits);
        if let Some(id) = selected {
            self.select_article(id);
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.keep_visible();
    }

    /// Lists only the articles `query` marks (the query filter's), or all again.
    pub fn set_query(
        &mut self,
        query: Option<std::sync::Arc<Vec<bool>>>,
        hits: Option<&HashMap<usize, usize>>,
    ) {
        let selected = self.selected_article();
        self.query = query;
        self.shown = self.filtered(self.sorted(), hits);
        if let Some(id) = selected {
            self.select_article(id);
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.keep_visible();
    }

    /// Whether only starred articles are listed.
    pub fn starred_only(&self) -> bool {
        self.only.is_some()
    }

    pub fn position_of(&self, article: usize) -> usize {
        self.position.get(article).map_or(0, |&p| p as usize)
    }

    /// Where `article` is listed (an index into `shown`), if it is.
    pub fn index_of(&self, article: usize) -> Option<usize> {
        if self.selected_article() == Some(article) {
            return Some(self.selected);
        }
        self.shown.iter().position(|&id| id as usize == article)
    }

    pub fn selected_article(&self) -> Option<usize> {
        self.shown.get(self.selected).map(|&id| id as usize)
    }

    /// Moves the selection to `article` if it is listed.
    pub fn select_article(&mut self, article: usize) {
        if let Some(i) = self.shown.iter().position(|&id| id as usize == article) {
            self.selected = i;
            self.keep_visible();
        }
    }

    /// Moves the selection (`count` times, or to item `count` for top and
    /// bottom); returns whether it moved.
    pub fn move_by(&mut self, action: Action, count: Option<usize>) -> bool {
        let before = self.selected;
        if matches!(action, Action::ScrollDown | Action::ScrollUp) {
            let (offset, selected) = scrolled(
                self.offset,
                self.selected,
                self.height,
                self.shown.len(),
                action,
                count,
            );
            self.offset = offset;
            self.selected = selected;
            return before != self.selected;
        }
        self.selected = moved(self.selected, self.shown.len(), self.height, action, count);
        self.keep_visible();
        before != self.selected
    }

    /// Moves the selection one article forward or back; returns whether it moved.
    pub fn step(&mut self, step: isize) -> bool {
        let target = self.selected as isize + step;
        if target < 0 || target as usize >= self.shown.len() {
            return false;
        }
        self.selected = target as usize;
        self.keep_visible();
        true
    }

    pub fn fit(&mut self, height: usize) {
        self.height = height.max(1);
        self.keep_visible();
    }

    fn keep_visible(&mut self) {
        self.offset = visible_offset(self.offset, self.selected, self.height, self.shown.len());
    }
}

/// A selection moved by a navigation action in a list of `len` items:
/// `count` times, or for top and bottom to item `count` (1-based), as vim's
/// `5j` and `10G`.
pub(super) fn moved(
    selected: usize,
    len: usize,
    height: usize,
    action: Action,
    count: Option<usize>,
) -> usize {
    let last = len.saturating_sub(1);
    let page = height.max(1);
    let n = count.unwrap_or(1);
    let to = match action {
        Action::Down => selected.saturating_add(n),
        Action::Up => selected.saturating_sub(n),
        Action::HalfPageDown => selected.saturating_add(page.div_ceil(2).saturating_mul(n)),
        Action::HalfPageUp => selected.saturating_sub(page.div_ceil(2).saturating_mul(n)),
        Action::PageDown => selected.saturating_add(page.saturating_mul(n)),
        Action::PageUp => selected.saturating_sub(page.saturating_mul(n)),
        Action::Top | Action::Bottom if count.is_some() => n.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected,
    };
    to.min(last)
}

/// The view of a list scrolled by `Ctrl-e` / `Ctrl-y` (`count` rows): the
/// offset moves, and the selection only as far as it must to stay on
/// screen, as in vim. Returns (offset, selection).
pub(super) fn scrolled(
    offset: usize,
    selected: usize,
    height: usize,
    len: usize,
    action: Action,
    count: Option<usize>,
) -> (usize, usize) {
    let height = height.max(1);
    let n = count.unwrap_or(1);
    let offset = match action {
        Action::ScrollDown => offset.saturating_add(n).min(len.saturating_sub(height)),
        _ => offset.saturating_sub(n),
    };
    let last_visible = (offset + height - 1).min(len.saturating_sub(1));
    (
        offset,
        selected.clamp(offset.min(last_visible), last_visible),
    )
}

/// The first visible row so that `selected` is on screen, moving as little as
/// possible, and no blank rows below the end of the list.
pub fn visible_offset(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_move_as_little_as_possible() {
        assert_eq!(visible_offset(0, 5, 10, 100), 0);
        assert_eq!(visible_offset(0, 10, 10, 100), 1);
        assert_eq!(visible_offset(20, 5, 10, 100), 5);
        assert_eq!(visible_offset(95, 99, 10, 100), 90);
        assert_eq!(visible_offset(0, 0, 0, 0), 0);
    }

    #[test]
    fn moves_clamp_to_the_list() {
        assert_eq!(moved(0, 10, 4, Action::Up, None), 0);
        assert_eq!(moved(9, 10, 4, Action::Down, None), 9);
        assert_eq!(moved(0, 10, 4, Action::PageDown, None), 4);
        assert_eq!(moved(0, 10, 4, Action::HalfPageDown, None), 2);
        assert_eq!(moved(3, 10, 4, Action::Bottom, None), 9);
        assert_eq!(moved(0, 0, 4, Action::Bottom, None), 0);
    }

    #[test]
    fn counts_repeat_moves_and_pick_items() {
        assert_eq!(moved(0, 100, 4, Action::Down, Some(5)), 5);
        assert_eq!(moved(50, 100, 4, Action::Up, Some(70)), 0);
        assert_eq!(moved(0, 100, 10, Action::PageDown, Some(3)), 30);
        assert_eq!(moved(0, 100, 4, Action::Bottom, Some(10)), 9);
        assert_eq!(moved(90, 100, 4, Action::Top, Some(10)), 9);
        assert_eq!(moved(0, 100, 4, Action::Bottom, Some(1000)), 99);
        assert_eq!(moved(0, 100, 4, Action::Down, Some(usize::MAX)), 99);
    }

    #[test]
    fn scrolling_the_view_drags_the_selection_only_at_the_edge() {
        // 100 items, 10 rows, the selection on row 3 of the view.
        assert_eq!(scrolled(0, 3, 10, 100, Action::ScrollDown, None), (1, 3));
        assert_eq!(scrolled(0, 3, 10, 100, Action::ScrollDown, Some(5)), (5, 5));
        assert_eq!(
            scrolled(90, 95, 10, 100, Action::ScrollDown, None),
            (90, 95)
        );
        assert_eq!(
            scrolled(20, 29, 10, 100, Action::ScrollUp, Some(3)),
            (17, 26)
        );
        assert_eq!(scrolled(0, 0, 10, 3, Action::ScrollDown, None), (0, 0));
    }
}
