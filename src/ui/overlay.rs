//! Overlays drawn over the panes: the key reference (generated from the keymap,
//! so it always tells the truth) and the list of load warnings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};

use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::app::help::screen_notes;

/// The help screen's lines: what the screen shows, then one section of keys
/// per context. `app::help::help_len` counts the same lines: keep the two
/// in step.
pub fn help_lines(app: &App, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled("castlist — follow who is in the news", t.pane_title),
        Line::styled("Esc, q or ? closes this help; j/k scroll it.", t.dim),
        Line::default(),
        Line::styled("The screen", t.help_heading),
    ];
    for (seen, meaning) in screen_notes() {
        let pad = 22usize.saturating_sub(text::width(&seen));
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(seen, t.help_key),
            Span::raw(" ".repeat(pad)),
            Span::raw(meaning),
        ]));
    }
    for (context, bindings) in app.keymap().help_sections() {
        lines.push(Line::default());
        lines.push(Line::styled(context.title(), t.help_heading));
        for (action, keys) in &bindings.entries {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            let keys = keys.join(" / ");
            let pad = 22usize.saturating_sub(text::width(&keys));
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, t.help_key),
                Span::raw(" ".repeat(pad)),
                Span::raw(action.describe()),
            ]));
        }
    }
    lines
}

pub fn help(app: &App, t: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    framed(t, " Help ", help_lines(app, t), scroll, area, buf);
}

/// The load warnings, then the identical copies skipped (information, not
/// warnings), scrolled by `(row, column)`: long paths scroll sideways rather
/// than being cut. `App::overlay_len` counts the same lines.
pub fn warnings(
    app: &App,
    t: &Theme,
    (scroll, column): (usize, usize),
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(6) as usize;
    let line = |w: &crate::corpus::Warning| Line::raw(text::slice(&w.to_string(), column, width));
    let warnings = &app.corpus().warnings;
    let mut lines: Vec<Line> = warnings.iter().map(line).collect();
    if lines.is_empty() {
        lines.push(Line::styled("Everything loaded cleanly.", t.dim));
    }
    let copies = app.copies();
    if !copies.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "Identical copies skipped ({}): the first copy is kept",
                text::thousands(copies.len())
            ),
            t.help_heading,
        ));
        lines.extend(copies.iter().map(line));
    }
    let mut title = format!(" Warnings {} ", warnings.len());
    if !copies.is_empty() {
        title.push_str(&format!(
            "· {} copies skipped ",
            text::thousands(copies.len())
        ));
    }
    framed(t, &title, lines, scroll, area, buf);
}

/// A centred box over most of the screen holding `lines`, scrolled.
fn framed(
    t: &Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(4).min(78);
    let height = area.height.saturating_sub(2);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(t.border_focused)
        .title(Span::styled(title.to_string(), t.pane_title));
    let inner = block.inner(rect);
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    let scroll = scroll.min(max_scroll);
    block.render(rect, buf);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(inner.height as usize)
        .collect();
    Paragraph::new(visible).render(inner, buf);
}
