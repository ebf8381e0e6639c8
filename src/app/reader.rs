//! The reader's view state: which article, the wrapped rows for the current
//! width, and the scroll position — kept as a byte anchor too, so that a re-wrap
//! after a resize leaves the same text at the top.

use std::ops::Range;

use crate::action::Action;
use crate::corpus::Article;
use crate::reader::{Layout, RowSrc};

/// The reader pane's state.
#[derive(Debug, Clone)]
pub struct ReaderView {
    /// The article shown (an id).
    pub article: usize,
    /// The first row shown.
    pub scroll: usize,
    /// The body byte at the top of the pane, when the top row is body text.
    anchor: Option<usize>,
    /// The article wrapped to the pane's width; rebuilt when either changes.
    pub layout: Layout,
    pub width: usize,
    pub height: usize,
}

impl ReaderView {
    pub fn new(article: usize) -> ReaderView {
        ReaderView {
            article,
            scroll: 0,
            anchor: None,
            layout: Layout::new(&Article::default(), 1),
            width: 0,
            height: 1,
        }
    }

    /// Shows `article` from its top.
    pub fn open(&mut self, article: Option<&Article>, id: usize) {
        self.article = id;
        self.scroll = 0;
        self.anchor = None;
        self.relayout(article);
    }

    fn relayout(&mut self, article: Option<&Article>) {
        let empty = Article::default();
        self.layout = Layout::new(article.unwrap_or(&empty), self.width);
        self.layout.article = self.article;
    }

    /// Makes the next [`ReaderView::fit`] wrap the article again (its meta
    /// lines changed), keeping the same text at the top.
    pub fn relayout_soon(&mut self) {
        self.width = 0;
    }

    /// Adapts to the pane's size, re-wrapping when the width changed and keeping
    /// the same text at the top.
    pub fn fit(&mut self, article: Option<&Article>, width: usize, height: usize) {
        self.height = height.max(1);
        if width != self.width || self.layout.article != self.article {
            self.width = width;
            self.relayout(article);
            if let Some(row) = self.anchor.and_then(|byte| self.layout.row_of(byte)) {
                self.scroll = row;
            }
        }
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        self.layout.len().saturating_sub(self.height)
    }

    pub fn set_scroll(&mut self, row: usize) {
        self.scroll = row.min(self.max_scroll());
        // A blank row at the top anchors to the paragraph below it; title rows
        // keep their row number (they re-wrap the same way at any width).
        self.anchor = match self.layout.rows.get(self.scroll).map(|r| &r.src) {
            Some(RowSrc::Body(range)) => Some(range.start),
            Some(RowSrc::Blank) => self.layout.anchor_of(self.scroll),
            _ => None,
        };
    }

    /// Scrolls `count` times (or to row `count` for top and bottom, as
    /// less's `10G`).
    pub fn scroll_by(&mut self, action: Action, count: Option<usize>) {
        let page = self.height.max(1);
        let n = count.unwrap_or(1);
        let times = |step: usize| step.saturating_mul(n);
        // Keep two rows of overlap so the eye finds its place, as less does.
        let full = page.saturating_sub(2).max(1);
        let row = match action {
            Action::Down | Action::ScrollDown => self.scroll.saturating_add(n),
            Action::Up | Action::ScrollUp => self.scroll.saturating_sub(n),
            Action::HalfPageDown => self.scroll.saturating_add(times(page.div_ceil(2))),
            Action::HalfPageUp => self.scroll.saturating_sub(times(page.div_ceil(2))),
            Action::PageDown => self.scroll.saturating_add(times(full)),
            Action::PageUp => self.scroll.saturating_sub(times(full)),
            Action::Top | Action::Bottom if count.is_some() => n - 1,
            Action::Top => 0,
            Action::Bottom => self.max_scroll(),
            _ => self.scroll,
        };
        self.set_scroll(row);
    }

    /// The first body byte at or below the top of the pane.
    pub fn top_byte(&self) -> usize {
        self.anchor
            .or_else(|| self.layout.anchor_of(self.scroll))
            .unwrap_or(0)
    }

    /// The top of the pane as a document byte (see `Article::body_start`): the
    /// start of the title while a title row is at the top, else the body's.
    /// A blank row before a paragraph is the line break before it (for the
    /// first paragraph, the one between title and body), so that
    /// [`ReaderView::row_of_doc_byte`] gives the blank row back.
    pub fn top_doc_byte(&self, article: Option<&Article>) -> usize {
        let start = article.map_or(0, Article::body_start);
        match self.layout.rows.get(self.scroll).map(|r| &r.src) {
            Some(RowSrc::Title(_) | RowSrc::Meta(_)) | None => 0,
            Some(RowSrc::Blank) => (start + self.top_byte()).saturating_sub(1),
            _ => start + self.top_byte(),
        }
    }

    /// The row at whose top document byte `byte` was (the inverse of
    /// [`ReaderView::top_doc_byte`], at any width).
    pub fn row_of_doc_byte(&self, article: &Article, byte: usize) -> usize {
        let Some(body) = byte.checked_sub(article.body_start()) else {
            // The break between title and body: the blank row before the
            // first paragraph.
            let first = self.layout.row_of(0).unwrap_or(0);
            return if byte + 1 == article.body_start() && byte > 0 {
                first.saturating_sub(1)
            } else {
                0
            };
        };
        let row = self.layout.row_of(body).unwrap_or(0);
        // A line break between paragraphs: the blank row after the row that
        // holds the byte before it.
        let between = article.body().as_bytes().get(body) == Some(&b'\n');
        if between { row + 1 } else { row }
    }

    /// Scrolls so that the title is on screen.
    pub fn reveal_title(&mut self) {
        let first_body = self
            .layout
            .rows
            .iter()
            .position(|r| matches!(r.src, RowSrc::Body(_)))
            .unwrap_or(0);
        if self.scroll > first_body {
            self.set_scroll(0);
        }
    }

    /// Scrolls so that body bytes `range` are on screen, with some context above
    /// when the reader has to move.
    pub fn reveal(&mut self, range: Range<usize>) {
        let rows = self.layout.rows_of(range);
        let visible = self.scroll..self.scroll + self.height;
        if visible.contains(&rows.start) && visible.contains(&(rows.end - 1)) {
            return;
        }
        self.set_scroll(rows.start.saturating_sub(self.height / 3));
    }

    /// Where the pane is in the article, as vim says it: "All", "Top", "Bot" or
    /// the percentage scrolled.
    pub fn position_label(&self) -> String {
        let max = self.max_scroll();
        match self.scroll {
            _ if max == 0 => "All".into(),
            0 => "Top".into(),
            s if s >= max => "Bot".into(),
            s => format!("{}%", s * 100 / max),
        }
    }

    pub fn max_scroll_row(&self) -> usize {
        self.max_scroll()
    }
}
