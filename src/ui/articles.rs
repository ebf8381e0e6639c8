//! The article list: one row per article — match count when a target is
//! active, title, source when the collection has sources, date. Only the visible
//! rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{pane_block, text};
use crate::app::{App, Pane, Sort};
use crate::corpus::Article;

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Pane::Articles;
    let list = app.list();
    let mut title = vec![Span::styled(
        format!(" Articles {}", list.shown.len()),
        t.pane_title,
    )];
    if list.filter || list.starred_only() {
        title.push(Span::styled(format!(" of {}", list.total()), t.dim));
    }
    if list.starred_only() {
        title.push(Span::styled(" starred", t.star));
    }
    title.push(Span::styled(format!(" · {} ", list.sort.label()), t.dim));
    let block = pane_block(t, Line::from(title), focused);
    let inner = block.inner(area);
    block.render(area, buf);

    let width = inner.width as usize;
    let source = SourceColumn::choose(list.has_sources, list.sort == Sort::Source, width);
    // A column for stars once there is one to show.
    let stars = app.starred_count() > 0;
    let rows = list
        .shown
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(inner.height as usize);
    for (y, (i, &id)) in (inner.y..).zip(rows) {
        let id = id as usize;
        let Some(article) = app.corpus().articles.get(id) else {
            continue;
        };
        let count = app
            .target()
            .map(|t| t.per_article.get(&id).copied().unwrap_or(0));
        let columns = Columns {
            count,
            source,
            width,
            star: stars.then(|| app.is_starred(id)),
            read: app.is_read(id),
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
    /// Where the article's source goes, if anywhere.
    source: SourceColumn,
    /// The row's width in columns.
    width: usize,
    /// Whether the article is starred, when the list has a star column.
    star: Option<bool>,
    /// Read articles are plain; unread ones bold.
    read: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceColumn {
    None,
    /// Before the title, when the list is sorted by source: the groups show.
    Left(usize),
    /// Between the title and the date, where there is room.
    Right(usize),
}

impl SourceColumn {
    /// Where the source goes in a list `width` columns wide.
    fn choose(has_sources: bool, by_source: bool, width: usize) -> SourceColumn {
        match (has_sources, by_source) {
            (true, true) if width >= 24 => SourceColumn::Left((width / 3).min(16)),
            (true, false) if width >= 40 => SourceColumn::Right(14),
            _ => SourceColumn::None,
        }
    }
}

/// One list row fitted to its width.
fn row(article: &Article, columns: &Columns, t: &Theme) -> Line<'static> {
    let Columns {
        count,
        source,
        width,
        star,
        read,
    } = *columns;
    let mut left: Vec<Span> = Vec::new();
    let mut used = 0;
    if let Some(starred) = star {
        left.push(Span::styled(if starred { "*" } else { " " }, t.star));
        used += 1;
    }
    if let Some(n) = count {
        let badge = if n > 0 {
            format!("{n:>3} ")
        } else {
            "    ".to_string()
        };
        used += badge.len();
        left.push(Span::styled(badge, t.count));
    }
    let name = article.source().unwrap_or("");
    if let SourceColumn::Left(room) = source {
        let shown = text::fit(name, room);
        let pad = room.saturating_sub(text::width(&shown)) + 1;
        used += room + 1;
        left.push(Span::styled(shown, t.meta));
        left.push(Span::raw(" ".repeat(pad)));
    }
    let date = match article.date() {
        Some(d) if width >= 36 => d.format("%Y-%m-%d").to_string(),
        Some(d) if width >= 24 => d.format("%d %b").to_string(),
        _ => String::new(),
    };
    let right_source = match source {
        SourceColumn::Right(room) if !name.is_empty() => text::fit(name, room),
        _ => String::new(),
    };
    let right_width = text::width(&date)
        + text::width(&right_source)
        + usize::from(!date.is_empty())
        + usize::from(!right_source.is_empty());
    let title_room = width.saturating_sub(used + right_width);
    let title = text::fit(article.title(), title_room);
    let pad = title_room.saturating_sub(text::width(&title));
    let title_style = if article.title_derived() {
        t.meta
    } else {
        t.text
    };
    let title_style = if read {
        title_style
    } else {
        title_style.patch(t.unread)
    };
    left.push(Span::styled(title, title_style));
    left.push(Span::raw(" ".repeat(pad)));
    if !right_source.is_empty() {
        left.push(Span::raw(" "));
        left.push(Span::styled(right_source, t.meta));
    }
    if !date.is_empty() {
        left.push(Span::raw(" "));
        left.push(Span::styled(date, t.dim));
    }
    Line::from(left)
}
