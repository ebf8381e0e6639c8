//! The article list: one row per article — match count when a target is
//! active, title, source when the collection has sources, date. Only the visible
//! rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{pane_block, text, theme};
use crate::app::{App, Pane};
use crate::corpus::Article;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Pane::Articles;
    let list = &app.list();
    let mut title = vec![Span::styled(
        format!(" Articles {}", list.shown.len()),
        theme::PANE_TITLE,
    )];
    if list.filter {
        title.push(Span::styled(
            format!(" of {}", list.sorted.len()),
            theme::DIM,
        ));
    }
    title.push(Span::styled(
        format!(" · {} ", list.sort.label()),
        theme::DIM,
    ));
    let block = pane_block(Line::from(title), focused);
    let inner = block.inner(area);
    block.render(area, buf);

    let width = inner.width as usize;
    let has_sources = list.has_sources;
    let rows = list
        .shown
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(inner.height as usize);
    for (y, (i, &id)) in (inner.y..).zip(rows) {
        let Some(article) = app.corpus().articles.get(id) else {
            continue;
        };
        let count = app
            .target()
            .map(|t| t.per_article.get(&id).copied().unwrap_or(0));
        let line = row(article, count, has_sources, width);
        let style = theme::list_row(i == list.selected, focused);
        let rect = Rect {
            y,
            height: 1,
            ..inner
        };
        buf.set_style(rect, style);
        line.render(rect, buf);
    }
}

/// One list row fitted to `width` columns.
fn row(article: &Article, count: Option<usize>, has_sources: bool, width: usize) -> Line<'static> {
    let mut left: Vec<Span> = Vec::new();
    let mut used = 0;
    if let Some(n) = count {
        let badge = if n > 0 {
            format!("{n:>3} ")
        } else {
            "    ".to_string()
        };
        used += badge.len();
        left.push(Span::styled(badge, theme::COUNT));
    }
    let date = match article.date {
        Some(d) if width >= 36 => d.format("%Y-%m-%d").to_string(),
        Some(d) if width >= 24 => d.format("%d %b").to_string(),
        _ => String::new(),
    };
    let source = match &article.source {
        Some(s) if has_sources && width >= 50 => text::fit(s, 14),
        _ => String::new(),
    };
    let right_width = text::width(&date)
        + text::width(&source)
        + usize::from(!date.is_empty())
        + usize::from(!source.is_empty());
    let title_room = width.saturating_sub(used + right_width);
    let title = text::fit(&article.title, title_room);
    let pad = title_room.saturating_sub(text::width(&title));
    let title_style = if article.title_derived {
        theme::META
    } else {
        theme::TEXT
    };
    left.push(Span::styled(title, title_style));
    left.push(Span::raw(" ".repeat(pad)));
    if !source.is_empty() {
        left.push(Span::raw(" "));
        left.push(Span::styled(source, theme::META));
    }
    if !date.is_empty() {
        left.push(Span::raw(" "));
        left.push(Span::styled(date, theme::DIM));
    }
    Line::from(left)
}
