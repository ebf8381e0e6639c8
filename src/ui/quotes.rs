//! The quotes view: the selected actor's quotes, one a line — the quote
//! (sanitised, on one line, cut to the width), then its article's title and
//! date — while they are being found too ("finding quotes… 3 of 17
//! articles"). Only the rows on screen are laid out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::sanitize::display;

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(v) = app.quotes_view() else {
        return;
    };
    let area = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    Clear.render(area, buf);
    let name = app
        .cast()
        .actor(v.actor)
        .map(|a| display(&a.name))
        .unwrap_or_default();
    let found = app.quotes_of(v.actor);
    let progress = match found {
        Some(q) if !q.complete() => format!(
            " · finding quotes… {} of {} articles",
            text::thousands(q.done),
            text::thousands(q.of)
        ),
        _ => String::new(),
    };
    let narrowed = if v.narrow.is_empty() {
        String::new()
    } else {
        format!(" · \"{}\"", text::fit(&display(&v.narrow), 20))
    };
    let title = Line::from(vec![
        Span::styled(" Quotes ", t.pane_title),
        Span::styled(
            format!(
                "{} · {} quotes{narrowed}{progress} ",
                text::fit(&name, 40),
                text::thousands(v.shown.len()),
            ),
            t.dim,
        ),
    ]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focused)
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    // The title and date on the right when there is room for them.
    let meta = if width >= 100 {
        44
    } else if width >= 60 {
        22
    } else {
        0
    };
    let quote_room = width.saturating_sub(meta);
    for (row, y) in (v.offset..v.shown.len()).zip(inner.y..inner.y + inner.height) {
        let Some(q) = app.quote_row(row) else {
            continue;
        };
        let Some(a) = app.corpus().articles.get(q.article) else {
            continue;
        };
        let quote = text::fit(&one_line(&q.text), quote_room.saturating_sub(1));
        let pad = quote_room.saturating_sub(text::width(&quote));
        let mut spans = vec![Span::styled(quote, t.text), Span::raw(" ".repeat(pad))];
        if meta > 0 {
            let date = a
                .date()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let date_room = if meta >= 44 { 11 } else { 0 };
            spans.push(Span::styled("│ ", t.border));
            spans.push(Span::styled(
                text::fit(&display(a.title()), meta - date_room - 2),
                t.article_title,
            ));
            if date_room > 0 {
                let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
                let gap = width.saturating_sub(used + 10);
                spans.push(Span::raw(" ".repeat(gap)));
                spans.push(Span::styled(date, t.meta));
            }
        }
        let rect = Rect {
            y,
            height: 1,
            ..inner
        };
        if row == v.selected {
            buf.set_style(rect, t.selected_focused);
            for span in &mut spans {
                span.style = Theme::on_selected(span.style).patch(t.selected_focused);
            }
        }
        Line::from(spans).render(rect, buf);
    }
    if v.shown.is_empty() && inner.height > 0 {
        let why = match found {
            Some(q) if !q.complete() => "finding quotes…",
            _ if !v.narrow.is_empty() => "no quote holds that",
            _ => "no quotes found",
        };
        Line::styled(why, t.dim).render(inner, buf);
    }
}

/// The quote on one line, safe for the terminal: control characters and
/// line breaks made harmless, runs of space one.
fn one_line(s: &str) -> String {
    let flat = s.replace(['\n', '\t', '\r'], " ");
    display(&flat)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
