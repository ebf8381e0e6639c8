//! Every colour and style castlist draws with. Render code names these; it never
//! holds a colour literal.

use ratatui::style::{Color, Modifier, Style};

use crate::cast::Kind;

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const PANE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const TEXT: Style = Style::new();

/// The list row under the cursor; brighter when its pane has focus.
pub const SELECTED: Style = Style::new().bg(Color::DarkGray).fg(Color::White);
/// The style of a list row: the selected one stands out, more so in the
/// focused pane.
pub const fn list_row(selected: bool, focused: bool) -> Style {
    match (selected, focused) {
        (true, true) => SELECTED_FOCUSED,
        (true, false) => SELECTED,
        _ => TEXT,
    }
}

pub const SELECTED_FOCUSED: Style = Style::new()
    .bg(Color::Blue)
    .fg(Color::White)
    .add_modifier(Modifier::BOLD);

pub const ARTICLE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const META: Style = Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC);
pub const COUNT: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);

/// Every mention of the active actor (or search match) in the reader.
pub const MENTION: Style = Style::new().bg(Color::Yellow).fg(Color::Black);
/// The mention `n` / `N` landed on.
pub const MENTION_CURRENT: Style = Style::new()
    .bg(Color::LightRed)
    .fg(Color::Black)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));

pub const STATUS: Style = Style::new().bg(Color::Black).fg(Color::Gray);
pub const STATUS_TARGET: Style = Style::new()
    .bg(Color::Black)
    .fg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub const STATUS_KEY: Style = Style::new()
    .bg(Color::Black)
    .fg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const STATUS_WARN: Style = Style::new().bg(Color::Black).fg(Color::LightRed);
pub const PROMPT: Style = Style::new()
    .bg(Color::Black)
    .fg(Color::White)
    .add_modifier(Modifier::BOLD);

pub const TAB: Style = Style::new().fg(Color::Gray);
pub const TAB_FOCUSED: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);

pub const HELP_HEADING: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const HELP_KEY: Style = Style::new().fg(Color::Yellow);

/// The colour of an actor's kind letter.
pub const fn kind(kind: Kind) -> Style {
    match kind {
        Kind::Person => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        Kind::Organization => Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        Kind::Place => Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        Kind::Misc => Style::new().fg(Color::Gray),
    }
}
