//! The cast pane: actors of this article (or the corpus, or the articles a
//! query leaves) by mention count, each with its kind as a coloured letter
//! — or what a tool lists there: the finder's actors, the actors that share
//! sentences with one, a correction's choices. Below, the selected actor's
//! details: its aliases as they appear in the text, how many articles
//! mention it and how many of its mentions are uncertain, and its mentions
//! over time with the peak named.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Widget, Wrap};

use super::theme::Theme;
use super::{pane_block, text};
use crate::app::{App, CastMode, FindFor, Pane, PickFor, Scope, geometry};

/// The pane's title: what it lists.
fn title(app: &App) -> (String, String) {
    let view = app.cast_view();
    // Names come from the articles: made safe (and kept short) for a title.
    let name = |a| {
        app.cast()
            .actor(a)
            .map(|x| text::fit(&x.name, 40))
            .unwrap_or_default()
    };
    match &view.mode {
        CastMode::Actors => {
            let scope = match (view.scope, app.query()) {
                (Scope::Article, _) => "this article".to_string(),
                (Scope::Corpus, _) | (Scope::Filtered, None) => "all articles".to_string(),
                (Scope::Filtered, Some(q)) => {
                    format!("these {} articles", text::thousands(q.count))
                }
            };
            (format!(" Cast {}", view.rows.len()), format!(" · {scope} "))
        }
        CastMode::Find(FindFor::Follow) => (
            format!(" Find {}", text::thousands(view.rows.len())),
            if view.rows.len() == 1 {
                " actor "
            } else {
                " actors "
            }
            .into(),
        ),
        CastMode::Find(FindFor::MergeInto(a)) => (" Merge ".into(), format!("{} into… ", name(*a))),
        CastMode::Together { actor, .. } => (" With ".into(), format!("{} ", name(*actor))),
        CastMode::Pick { actor, what, .. } => match what {
            PickFor::Alias => (" Split off ".into(), format!("{} ", name(*actor))),
            PickFor::Kind => (" Kind of ".into(), format!("{} ", name(*actor))),
        },
    }
}

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Pane::Cast;
    let view = &app.cast_view();
    let (head, rest) = title(app);
    let title = Line::from(vec![
        Span::styled(head, t.pane_title),
        Span::styled(rest, t.dim),
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
    // Each row: (marker, kind letter and its style, name, count).
    let rows: Vec<(String, Span, String, String)> = match &view.mode {
        CastMode::Pick { items, what, .. } => items
            .iter()
            .skip(view.offset)
            .take(list.height as usize)
            .map(|(label, count)| {
                let count = match what {
                    PickFor::Alias => format!("×{count}"),
                    PickFor::Kind => String::new(),
                };
                (" ".to_string(), Span::raw(" "), label.clone(), count)
            })
            .collect(),
        _ => view
            .rows
            .iter()
            .skip(view.offset)
            .take(list.height as usize)
            .filter_map(|&(id, count)| {
                let actor = app.cast().actor(id)?;
                let marker = if active == Some(id) { "●" } else { " " };
                Some((
                    marker.to_string(),
                    Span::styled(actor.kind.letter().to_string(), t.kind(actor.kind)),
                    actor.name.clone(),
                    count.to_string(),
                ))
            })
            .collect(),
    };
    for (i, (y, (marker, letter, name, count))) in (view.offset..).zip((list.y..).zip(rows)) {
        let name_room = width.saturating_sub(4 + count.len());
        // marker, kind letter, space, name, padding, space, count
        let name = text::fit(&name, name_room);
        let pad = name_room.saturating_sub(text::width(&name));
        let mut line = Line::from(vec![
            Span::styled(marker, t.count),
            letter,
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
    if view.is_empty() && list.height > 0 {
        let empty = match view.mode {
            CastMode::Find(_) => "no actor matches",
            _ if app.awaiting_actors() > 0 => "finding actors…",
            _ => "no actors",
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", text::thousands(n), if n == 1 { one } else { many })
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
    let mut counts = vec![Span::styled(
        format!(
            "{} in {}",
            plural(actor.mentions, "mention", "mentions"),
            plural(actor.articles, "article", "articles")
        ),
        t.dim,
    )];
    // Quotes are found when asked for (`"`): their count once they are.
    if let Some(n) = app
        .cast_view()
        .selected_actor()
        .and_then(|id| app.quote_count(app.cast().resolve(id)))
    {
        counts.push(Span::styled(
            format!(" · {}", plural(n, "quote", "quotes")),
            t.dim,
        ));
    }
    if actor.uncertain > 0 {
        counts.push(Span::styled(
            format!(" · {} uncertain", text::thousands(actor.uncertain)),
            t.count,
        ));
    }
    // What the co-actor list's selected row shares with the actor.
    if let CastMode::Together { scores, .. } = &app.cast_view().mode
        && let Some(score) = scores.get(app.cast_view().selected)
    {
        counts.push(Span::styled(format!(" · G² {score:.0}"), t.dim));
    }
    let lines = vec![
        Line::styled(rule, t.border),
        Line::from(vec![
            Span::styled(text::fit(&actor.name, area.width as usize), t.pane_title),
            Span::styled(format!(" {}", actor.kind.label()), t.kind(actor.kind)),
        ]),
        Line::from(counts),
        Line::from([vec![Span::styled("as ", t.dim)], aliases].concat()),
    ];
    let timeline = app.detail_timeline();
    let text_rows = match timeline {
        Some(_) => area.height.saturating_sub(4),
        None => area.height,
    };
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(
        Rect {
            height: text_rows,
            ..area
        },
        buf,
    );
    let Some(timeline) = timeline else {
        return;
    };
    let chart = Rect {
        y: area.y + text_rows,
        height: 3,
        ..area
    };
    Sparkline::default()
        .data(&timeline.counts)
        .style(t.chart)
        .render(chart, buf);
    let label = match timeline.peak() {
        Some((i, n)) => format!(
            "peak {}: {} · by {}",
            timeline.bin_name(i),
            text::thousands(n as usize),
            timeline.unit.label()
        ),
        None => "no dated mention".into(),
    };
    Line::styled(text::fit(&label, area.width as usize), t.count).render(
        Rect {
            y: chart.y + 3,
            height: 1,
            ..area
        },
        buf,
    );
}
