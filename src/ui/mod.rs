//! Drawing. [`render`] reads an `&App` (after `App::sync_viewport`) and draws it;
//! it never changes state. One module per pane, plus the status line, the
//! overlays and the theme.

mod articles;
mod cast;
mod overlay;
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

pub use status::target_summary;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame.area(), frame.buffer_mut());
}

/// Draws the whole screen into a buffer (what [`render`] does, minus the frame).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let screen = &app.screen();
    if screen.too_small || area != screen.area {
        return too_small(area, buf);
    }
    if let Some(rect) = screen.tabs {
        tabs(app.focus(), rect, buf);
    }
    if let Some(rect) = screen.articles {
        articles::render(app, rect, buf);
    }
    if let Some(rect) = screen.reader {
        reader::render(app, rect, buf);
    }
    if let Some(rect) = screen.cast {
        cast::render(app, rect, buf);
    }
    if let Some(rect) = screen.status {
        status::render(app, rect, buf);
    }
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help { scroll } => overlay::help(app, scroll, area, buf),
        Overlay::Warnings { scroll } => overlay::warnings(app, scroll, area, buf),
    }
}

/// A pane's frame: rounded border, highlighted when focused.
fn pane_block(title: Line<'_>, focused: bool) -> Block<'_> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused {
            theme::BORDER_FOCUSED
        } else {
            theme::BORDER
        })
        .title(title)
}

fn tabs(focus: Pane, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for pane in Pane::ALL {
        let style = if pane == focus {
            theme::TAB_FOCUSED
        } else {
            theme::TAB
        };
        spans.push(Span::styled(format!(" {} ", pane.title()), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans).render(area, buf);
}

fn too_small(area: Rect, buf: &mut Buffer) {
    Paragraph::new("terminal too small")
        .wrap(Wrap { trim: true })
        .style(theme::DIM)
        .render(area, buf);
}
