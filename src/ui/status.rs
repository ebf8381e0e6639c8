//! The status line: on the left the search being typed, a one-off message, or
//! where the reader is in the current target; on the right the focused pane's
//! main keys, generated from the keymap, and the warnings count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text;
use super::theme::Theme;
use crate::app::{App, MarkOp, TargetKind, TargetStatus, Where};

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, t.status);
    let width = area.width as usize;

    let mut right: Vec<Span> = Vec::new();
    // A count being typed, where vim shows it.
    let pending = app.pending();
    if let Some(count) = pending.count {
        right.push(Span::styled(format!("{count} "), t.status_key));
    }
    if let Some(op) = pending.mark {
        let (key, what) = match op {
            MarkOp::Set => ("m", "set mark: a–z"),
            MarkOp::Go => ("'", "go to mark: a–z, ' for the place before"),
        };
        right.push(Span::styled(key, t.status_key));
        right.push(Span::styled(format!(" {what}  "), t.status));
    }
    if app.list().starred_only() {
        right.push(Span::styled("starred only ", t.status_target));
    }
    let warnings = app.corpus().warnings.len();
    if warnings > 0 {
        right.push(Span::styled(format!("⚠ {warnings} (w) "), t.status_warn));
    }
    for (key, what) in app.keymap().hints(app.context()) {
        right.push(Span::styled(key.to_string(), t.status_key));
        right.push(Span::styled(format!(" {what}  "), t.status));
    }
    let left: Vec<Span> = if let Some(input) = app.input() {
        input_line(app, t, input, width)
    } else if let Some(prompt) = app.prompt() {
        let found = app.target().map(|t| t.total()).unwrap_or(0);
        let more = if app.target().is_some_and(|t| t.scanning(app.corpus())) {
            "…"
        } else {
            ""
        };
        vec![
            Span::styled(
                format!("/{}", text::fit(&prompt.query, width.saturating_sub(20))),
                t.prompt,
            ),
            Span::styled("█", t.prompt),
            Span::styled(
                if prompt.query.is_empty() {
                    String::new()
                } else {
                    let regex = if app.target().is_some_and(|t| t.is_regex()) {
                        " · regex"
                    } else {
                        ""
                    };
                    format!("  {}{more} matches{regex}", text::thousands(found))
                },
                t.status,
            ),
        ]
    } else if let Some(message) = &app.message() {
        vec![Span::styled(text::fit(message, width), t.status)]
    } else if let Some(progress) = app.indexing().filter(|p| p.finished.is_none()) {
        let mb = |bytes: u64| bytes as f64 / 1e6;
        let articles = app.corpus().articles.len();
        // Articles show as soon as they are read; their actors follow.
        let pending = match app.awaiting_actors() {
            0 => String::new(),
            n => format!(" · finding actors in {}", text::thousands(n)),
        };
        // While the walk goes on, the totals are what it has found so far.
        let more = if progress.walking { "+" } else { "" };
        let text = format!(
            "indexing {} article{}{pending} · {:.0} of {:.0}{more} MB · {} of {}{more} files · {:.1} s",
            text::thousands(articles),
            if articles == 1 { "" } else { "s" },
            mb(progress.bytes_done),
            mb(progress.bytes),
            text::thousands(progress.sources_done),
            text::thousands(progress.sources),
            progress.elapsed().as_secs_f64()
        );
        vec![Span::styled(text::fit(&text, width), t.status_target)]
    } else if let Some(summary) = target_summary(app) {
        vec![Span::styled(text::fit(&summary, width), t.status_target)]
    } else {
        Vec::new()
    };
    let left_width: usize = left.iter().map(|s| text::width(&s.content)).sum();
    Line::from(left).render(
        Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(1),
            ..area
        },
        buf,
    );

    // The hints yield to the left part: drop them from the end until they fit.
    let mut right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    while right_width + left_width + 3 > width && !right.is_empty() {
        right.truncate(right.len().saturating_sub(2));
        right_width = right.iter().map(|s| text::width(&s.content)).sum();
    }
    if !right.is_empty() {
        let x = area.x + (width - right_width) as u16;
        Line::from(right).render(
            Rect {
                x,
                width: right_width as u16,
                ..area
            },
            buf,
        );
    }
}

/// The line being typed: what it is for, the text, the cursor, and a query's
/// mistake or the finder's count.
fn input_line<'a>(
    app: &App,
    t: &Theme,
    input: &'a crate::app::Input,
    width: usize,
) -> Vec<Span<'a>> {
    use crate::app::{FindFor, InputKind};
    let name = |a: crate::cast::ActorId| {
        app.cast()
            .actor(a)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let label = match input.kind {
        InputKind::Find(FindFor::Follow) => "find: ".to_string(),
        // Names come from the articles (or were typed): made safe, and
        // short enough to leave room for what is typed.
        InputKind::Find(FindFor::MergeInto(a)) => {
            format!("merge {} into: ", text::fit(&name(a), width / 3))
        }
        InputKind::Rename(a) => format!("rename {}: ", text::fit(&name(a), width / 3)),
        InputKind::Query => "query: ".to_string(),
        InputKind::Narrow => "narrow: ".to_string(),
    };
    let after = match (&input.error, input.kind) {
        // A query's mistake quotes the query: made safe too.
        (Some(e), _) => Span::styled(
            text::fit(
                &format!("  {e}"),
                width.saturating_sub(text::width(&label) + 6),
            ),
            t.error,
        ),
        (None, InputKind::Find(_)) => Span::styled(
            match app.cast_view().rows.len() {
                1 => "  1 actor".to_string(),
                n => format!("  {} actors", text::thousands(n)),
            },
            t.status,
        ),
        (None, InputKind::Narrow) => Span::styled(
            format!(
                "  {} lines",
                text::thousands(app.kwic().map_or(0, |k| k.shown.len()))
            ),
            t.status,
        ),
        _ => Span::raw(""),
    };
    let room = width.saturating_sub(text::width(&label) + text::width(&after.content) + 4);
    vec![
        Span::styled(label, t.status_key),
        Span::styled(text::fit_end(&input.text, room), t.prompt),
        Span::styled("█", t.prompt),
        after,
    ]
}

/// "John Kerry · mention 7 of 36 in 5 articles": where the reader is in the
/// current target, worded for the status line.
pub fn target_summary(app: &App) -> Option<String> {
    let TargetStatus {
        kind,
        total,
        articles,
        at,
    } = app.target_status()?;
    let name = match &kind {
        TargetKind::Actor(id) => app
            .cast()
            .actor(*id)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        TargetKind::Search(q) => format!("/{q}"),
        TargetKind::Pair(a, b) => {
            let name = |x: &crate::cast::ActorId| {
                app.cast()
                    .actor(*x)
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            };
            format!("{} with {}", name(a), name(b))
        }
        TargetKind::Quotes(id) => app
            .cast()
            .actor(*id)
            .map(|a| format!("{} said", a.name))
            .unwrap_or_default(),
    };
    let (noun, nouns) = match kind {
        TargetKind::Actor(_) => ("mention", "mentions"),
        TargetKind::Search(_) => ("match", "matches"),
        TargetKind::Pair(..) => ("sentence", "sentences"),
        TargetKind::Quotes(_) => ("quote", "quotes"),
    };
    let counted = |n: usize| if n == 1 { noun } else { nouns };
    let n = text::thousands;
    Some(match at {
        Where::Counting { fraction } => format!(
            "{name} · searching {:.0}% · {} {} so far",
            fraction * 100.0,
            n(total),
            counted(total)
        ),
        Where::At { nth } => format!(
            "{name} · {noun} {} of {} in {} article{}",
            n(nth),
            n(total),
            n(articles),
            if articles == 1 { "" } else { "s" }
        ),
        Where::Counted => format!(
            "{name} · {} {} in {} article{}",
            n(total),
            counted(total),
            n(articles),
            if articles == 1 { "" } else { "s" }
        ),
    })
}
