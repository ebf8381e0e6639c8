//! The cast pane: actors of this article (or the corpus) by mention count, each
//! with its kind as a coloured letter; below, the selected actor's details — its
//! aliases as they appear in the text and how many articles mention it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::{pane_block, text};
use crate::app::{App, Pane, Scope, geometry};

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Pane::Cast;
    let view = &app.cast_view();
    let scope = match view.scope {
        Scope::Article => "this article",
        Scope::Corpus => "all articles",
    };
    let title = Line::from(vec![
        Span::styled(format!(" Cast {}", view.rows.len()), t.pane_title),
        Span::styled(format!(" · {scope} "), t.dim),
    ]);
    let block = pane_block(t, title, focused);
    let inner = block.inner(area);
    block.render(area, buf);

    let details_height = geometry::cast_details_height(inner);
    let list = Rect {
        height: inner.height - details_height,
        ..inner
    };
    let active = app.followed_actor();
    let width = list.width as usize;
    let rows = view
        .rows
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(list.height as usize);
    for (y, (i, &(id, count))) in (list.y..).zip(rows) {
        let Some(actor) = app.cast().actor(id) else {
            continue;
        };
        let count = count.to_string();
        let marker = if active == Some(id) { "●" } else { " " };
        let name_room = width.saturating_sub(4 + count.len());
        // marker, kind letter, space, name, padding, space, count
        let name = text::fit(&actor.name, name_room);
        let pad = name_room.saturating_sub(text::width(&name));
        let mut line = Line::from(vec![
            Span::styled(marker, t.count),
            Span::styled(actor.kind.letter().to_string(), t.kind(actor.kind)),
            Span::raw(" "),
            Span::raw(name),
            Span::raw(" ".repeat(pad + 1)),
            Span::styled(count, t.dim),
        ]);
        let rect = Rect {
            y,
            height: 1,
            ..list
        };
        let selected = i == view.selected;
        if selected {
            for span in &mut line.spans {
                span.style = Theme::on_selected(span.style);
            }
        }
        buf.set_style(rect, t.list_row(selected, focused));
        line.render(rect, buf);
    }
    if view.rows.is_empty() && list.height > 0 {
        let empty = if app.awaiting_actors() > 0 {
            "finding actors…"
        } else {
            "no actors"
        };
        Line::styled(empty, t.dim).render(list, buf);
    }

    if details_height > 0 {
        let rect = Rect {
            y: list.y + list.height,
            height: details_height,
            ..inner
        };
        details(app, t, rect, buf);
    }
}

fn details(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(actor) = app
        .cast_view()
        .selected_actor()
        .and_then(|id| app.cast().actor(id))
    else {
        return;
    };
    let rule = "─".repeat(area.width as usize);
    let aliases: Vec<Span> = actor
        .aliases
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            let sep = if i == 0 { "" } else { ", " };
            [
                Span::raw(sep),
                Span::raw(text::fit(&a.text, 40)),
                Span::styled(format!(" ×{}", a.count), t.dim),
            ]
        })
        .collect();
    let lines = vec![
        Line::styled(rule, t.border),
        Line::from(vec![
            Span::styled(text::fit(&actor.name, area.width as usize), t.pane_title),
            Span::styled(format!(" {}", actor.kind.label()), t.kind(actor.kind)),
        ]),
        Line::styled(
            format!(
                "{} mention{} in {} article{}",
                actor.mentions,
                if actor.mentions == 1 { "" } else { "s" },
                actor.articles,
                if actor.articles == 1 { "" } else { "s" }
            ),
            t.dim,
        ),
        Line::from([vec![Span::styled("as ", t.dim)], aliases].concat()),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
