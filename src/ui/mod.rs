//! Drawing. [`render`] reads an `&App` (after `Msg::Resize`) and draws it; it
//! never changes state. One module per pane, plus the status line, the
//! overlays and the theme, which the shell picks ([`render_with`]).

mod articles;
mod cast;
mod kwic;
mod overlay;
mod quotes;
mod reader;
mod status;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};

use crate::app::{App, Overlay, Pane};

pub use overlay::help_lines;
pub use status::target_summary;
pub use theme::Theme;

/// Draws the whole screen in the colour theme.
pub fn render(app: &App, frame: &mut Frame) {
    render_with(app, &Theme::COLOR, frame);
}

/// Draws the whole screen in `theme`.
pub fn render_with(app: &App, theme: &Theme, frame: &mut Frame) {
    draw_with(app, theme, frame.area(), frame.buffer_mut());
}

/// Draws the whole screen into a buffer (what [`render`] does, minus the frame).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    draw_with(app, &Theme::COLOR, area, buf);
}

/// Draws the whole screen into a buffer in `t`.
pub fn draw_with(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let screen = app.screen();
    if screen.too_small || area != screen.area {
        return too_small(t, area, buf);
    }
    if let Some(rect) = screen.tabs {
        tabs(t, app.focus(), rect, buf);
    }
    if let Some(rect) = screen.articles {
        articles::render(app, t, rect, buf);
    }
    if let Some(rect) = screen.reader {
        reader::render(app, t, rect, buf);
    }
    if let Some(rect) = screen.cast {
        cast::render(app, t, rect, buf);
    }
    if let Some(rect) = screen.status {
        status::render(app, t, rect, buf);
    }
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help { scroll } => overlay::help(app, t, scroll, area, buf),
        Overlay::Warnings { scroll, column } => {
            overlay::warnings(app, t, (scroll, column), area, buf)
        }
        Overlay::Concordance => kwic::render(app, t, area, buf),
        Overlay::Quotes => quotes::render(app, t, area, buf),
    }
}

/// A pane's frame: rounded border, highlighted when focused.
fn pane_block<'a>(t: &Theme, title: Line<'a>, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused { t.border_focused } else { t.border })
        .title(title)
}

fn tabs(t: &Theme, focus: Pane, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for pane in Pane::ALL {
        let style = if pane == focus { t.tab_focused } else { t.tab };
        spans.push(Span::styled(format!(" {} ", pane.title()), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans).render(area, buf);
}

fn too_small(t: &Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new("terminal too small")
        .wrap(Wrap { trim: true })
        .style(t.dim)
        .render(area, buf);
}
