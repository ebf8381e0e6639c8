//! The article list: one row per article — match count when a target is
//! active, title, source when the collection has sources, date. Only the visible
//! rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{pane_block, text};
use crate::app::{App, Pane};
use crate::corpus::Article;

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Pane::Articles;
    let list = &app.list();
    let mut title = vec![Span::styled(
        format!(" Articles {}", list.shown.len()),
        t.pane_title,
    )];
    if list.filter {
        title.push(Span::styled(format!(" of {}", list.sorted.len()), t.dim));
    }
    title.push(Span::styled(format!(" · {} ", list.sort.label()), t.dim));
    let block = pane_block(t, Line::from(title), focused);
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
        let columns = Columns {
            count,
            source: has_sources,
            width,
        };
        let mut line = row(article, &columns, t);
        let selected = i == list.selected;
        if selected {
            for span in &mut line.spans {
                span.style = Theme::on_selected(span.style);
            }
        }
        let style = t.list_row(selected, focused);
        let rect = Rect {
            y,
            height: 1,
            ..inner
        };
        buf.set_style(rect, style);
        line.render(rect, buf);
    }
}

/// What a list row shows besides the title.
struct Columns {
    /// The current target's hits in the article, when there is a target.
    count: Option<usize>,
    /// The collection names sources: show the article's.
    source: bool,
    /// The row's width in columns.
    width: usize,
}

/// One list row fitted to its width.
fn row(article: &Article, columns: &Columns, t: &Theme) -> Line<'static> {
    let Columns {
        count,
        source: has_sources,
        width,
    } = *columns;
    let mut left: Vec<Span> = Vec::new();
    let mut used = 0;
    if let Some(n) = count {
        let badge = if n > 0 {
            format!("{n:>3} ")
        } else {
            "    ".to_string()
        };
        used += badge.len();
        left.push(Span::styled(badge, t.count));
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
        t.meta
    } else {
        t.text
    };
    left.push(Span::styled(title, title_style));
    left.push(Span::raw(" ".repeat(pad)));
    if !source.is_empty() {
        left.push(Span::raw(" "));
        left.push(Span::styled(source, t.meta));
    }
    if !date.is_empty() {
        left.push(Span::raw(" "));
        left.push(Span::styled(date, t.dim));
    }
    Line::from(left)
}
