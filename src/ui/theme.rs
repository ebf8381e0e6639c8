//! Every colour and style castlist draws with. Render code reads them from a
//! [`Theme`]; it never holds a colour literal.
//!
//! Two themes are built in: [`Theme::COLOR`] (the constants below) and
//! [`Theme::MONO`] for terminals without colour (`NO_COLOR`), where every
//! emphasis that colour gave is carried by reverse video, bold or underline —
//! the cursor, the mentions and the focused pane must show without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::cast::Kind;

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const PANE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const TEXT: Style = Style::new();

/// The list row under the cursor; brighter when its pane has focus.
pub const SELECTED: Style = Style::new().bg(Color::DarkGray).fg(Color::White);
pub const SELECTED_FOCUSED: Style = Style::new()
    .bg(Color::Blue)
    .fg(Color::White)
    .add_modifier(Modifier::BOLD);

pub const ARTICLE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const UNREAD: Style = Style::new().add_modifier(Modifier::BOLD);
pub const META: Style = Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC);
pub const COUNT: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);

/// Every mention of the active actor (or search match) in the reader.
pub const MENTION: Style = Style::new().bg(Color::Yellow).fg(Color::Black);
/// The mention `n` / `N` landed on.
pub const MENTION_CURRENT: Style = Style::new()
    .bg(Color::LightRed)
    .fg(Color::Black)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));

/// A sentence that names both actors of a pair, and the one `n` landed on.
pub const SENTENCE: Style = Style::new()
    .fg(Color::Yellow)
    .add_modifier(Modifier::UNDERLINED);
pub const SENTENCE_CURRENT: Style = Style::new()
    .bg(Color::Yellow)
    .fg(Color::Black)
    .add_modifier(Modifier::BOLD);
/// The bars of a timeline.
pub const CHART: Style = Style::new().fg(Color::Cyan);
/// A mistake in what is typed (a query's).
pub const ERROR: Style = Style::new()
    .bg(Color::Black)
    .fg(Color::LightRed)
    .add_modifier(Modifier::BOLD);

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

/// The colours of the actors' kind letters.
pub const PERSON: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub const ORGANIZATION: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
pub const PLACE: Style = Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD);
pub const MISC: Style = Style::new().fg(Color::Gray);

/// Every style the interface draws with, by what it marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub dim: Style,
    pub text: Style,
    /// The list row under the cursor in a pane without focus.
    pub selected: Style,
    /// The list row under the cursor in the focused pane.
    pub selected_focused: Style,
    pub article_title: Style,
    /// Added to an unread article's title in the list.
    pub unread: Style,
    /// The star of a starred article in the list.
    pub star: Style,
    pub meta: Style,
    pub count: Style,
    pub mention: Style,
    pub mention_current: Style,
    pub sentence: Style,
    pub sentence_current: Style,
    pub chart: Style,
    pub error: Style,
    pub status: Style,
    pub status_target: Style,
    pub status_key: Style,
    pub status_warn: Style,
    pub prompt: Style,
    pub tab: Style,
    pub tab_focused: Style,
    pub help_heading: Style,
    pub help_key: Style,
    pub person: Style,
    pub organization: Style,
    pub place: Style,
    pub misc: Style,
}

const BOLD: Modifier = Modifier::BOLD;
const REVERSED: Modifier = Modifier::REVERSED;
const UNDERLINED: Modifier = Modifier::UNDERLINED;

impl Theme {
    /// The colour theme: the constants of this module.
    pub const COLOR: Theme = Theme {
        border: BORDER,
        border_focused: BORDER_FOCUSED,
        pane_title: PANE_TITLE,
        dim: DIM,
        text: TEXT,
        selected: SELECTED,
        selected_focused: SELECTED_FOCUSED,
        article_title: ARTICLE_TITLE,
        unread: UNREAD,
        star: COUNT,
        meta: META,
        count: COUNT,
        mention: MENTION,
        mention_current: MENTION_CURRENT,
        sentence: SENTENCE,
        sentence_current: SENTENCE_CURRENT,
        chart: CHART,
        error: ERROR,
        status: STATUS,
        status_target: STATUS_TARGET,
        status_key: STATUS_KEY,
        status_warn: STATUS_WARN,
        prompt: PROMPT,
        tab: TAB,
        tab_focused: TAB_FOCUSED,
        help_heading: HELP_HEADING,
        help_key: HELP_KEY,
        person: PERSON,
        organization: ORGANIZATION,
        place: PLACE,
        misc: MISC,
    };

    /// No colour at all: emphasis by reverse video, bold and underline.
    pub const MONO: Theme = {
        let plain = Style::new();
        let bold = Style::new().add_modifier(BOLD);
        let strong = Style::new().add_modifier(REVERSED.union(BOLD));
        Theme {
            border: plain,
            border_focused: bold,
            pane_title: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            text: plain,
            selected: Style::new().add_modifier(REVERSED),
            selected_focused: strong,
            article_title: bold,
            unread: bold,
            star: bold,
            meta: Style::new().add_modifier(Modifier::ITALIC),
            count: bold,
            mention: Style::new().add_modifier(UNDERLINED),
            mention_current: Style::new().add_modifier(REVERSED.union(BOLD).union(UNDERLINED)),
            sentence: Style::new().add_modifier(UNDERLINED),
            sentence_current: Style::new().add_modifier(REVERSED.union(BOLD)),
            chart: bold,
            error: strong,
            status: Style::new().add_modifier(REVERSED),
            status_target: strong,
            status_key: strong,
            status_warn: strong,
            prompt: strong,
            tab: plain,
            tab_focused: strong,
            help_heading: Style::new().add_modifier(BOLD.union(UNDERLINED)),
            help_key: bold,
            person: bold,
            organization: bold,
            place: bold,
            misc: plain,
        }
    };

    /// The theme for this terminal: without colour when `NO_COLOR` is set to
    /// anything but the empty string (no-color.org).
    pub fn for_terminal(no_color: Option<&std::ffi::OsStr>) -> Theme {
        match no_color {
            Some(v) if !v.is_empty() => Theme::MONO,
            _ => Theme::COLOR,
        }
    }

    /// The style of a list row: the selected one stands out, more so in the
    /// focused pane.
    pub const fn list_row(&self, selected: bool, focused: bool) -> Style {
        match (selected, focused) {
            (true, true) => self.selected_focused,
            (true, false) => self.selected,
            _ => self.text,
        }
    }

    /// The style of an actor's kind letter.
    pub const fn kind(&self, kind: Kind) -> Style {
        match kind {
            Kind::Person => self.person,
            Kind::Organization => self.organization,
            Kind::Place => self.place,
            Kind::Misc => self.misc,
        }
    }

    /// The styles' names, as `config.toml` and `--print-config` say them.
    pub const FIELDS: [&'static str; 31] = [
        "border",
        "border_focused",
        "pane_title",
        "dim",
        "text",
        "selected",
        "selected_focused",
        "article_title",
        "unread",
        "star",
        "meta",
        "count",
        "mention",
        "mention_current",
        "sentence",
        "sentence_current",
        "chart",
        "error",
        "status",
        "status_target",
        "status_key",
        "status_warn",
        "prompt",
        "tab",
        "tab_focused",
        "help_heading",
        "help_key",
        "person",
        "organization",
        "place",
        "misc",
    ];

    /// The style called `name`.
    pub fn get(&self, name: &str) -> Option<Style> {
        Some(match name {
            "border" => self.border,
            "border_focused" => self.border_focused,
            "pane_title" => self.pane_title,
            "dim" => self.dim,
            "text" => self.text,
            "selected" => self.selected,
            "selected_focused" => self.selected_focused,
            "article_title" => self.article_title,
            "unread" => self.unread,
            "star" => self.star,
            "meta" => self.meta,
            "count" => self.count,
            "mention" => self.mention,
            "mention_current" => self.mention_current,
            "sentence" => self.sentence,
            "sentence_current" => self.sentence_current,
            "chart" => self.chart,
            "error" => self.error,
            "status" => self.status,
            "status_target" => self.status_target,
            "status_key" => self.status_key,
            "status_warn" => self.status_warn,
            "prompt" => self.prompt,
            "tab" => self.tab,
            "tab_focused" => self.tab_focused,
            "help_heading" => self.help_heading,
            "help_key" => self.help_key,
            "person" => self.person,
            "organization" => self.organization,
            "place" => self.place,
            "misc" => self.misc,
            _ => return None,
        })
    }

    /// The style called `name`, to change it.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "pane_title" => &mut self.pane_title,
            "dim" => &mut self.dim,
            "text" => &mut self.text,
            "selected" => &mut self.selected,
            "selected_focused" => &mut self.selected_focused,
            "article_title" => &mut self.article_title,
            "unread" => &mut self.unread,
            "star" => &mut self.star,
            "meta" => &mut self.meta,
            "count" => &mut self.count,
            "mention" => &mut self.mention,
            "mention_current" => &mut self.mention_current,
            "sentence" => &mut self.sentence,
            "sentence_current" => &mut self.sentence_current,
            "chart" => &mut self.chart,
            "error" => &mut self.error,
            "status" => &mut self.status,
            "status_target" => &mut self.status_target,
            "status_key" => &mut self.status_key,
            "status_warn" => &mut self.status_warn,
            "prompt" => &mut self.prompt,
            "tab" => &mut self.tab,
            "tab_focused" => &mut self.tab_focused,
            "help_heading" => &mut self.help_heading,
            "help_key" => &mut self.help_key,
            "person" => &mut self.person,
            "organization" => &mut self.organization,
            "place" => &mut self.place,
            "misc" => &mut self.misc,
            _ => return None,
        })
    }

    /// A span's style on a selected row: its colours give way to the row's
    /// (a blue place letter on a blue cursor, a grey date on a grey one, would
    /// vanish); its bold, italic or underline stay.
    pub fn on_selected(style: Style) -> Style {
        Theme::colourless(style)
    }

    /// `style` without its colours: its bold, reverse or underline only.
    pub fn colourless(style: Style) -> Style {
        Style {
            fg: None,
            bg: None,
            ..style
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::COLOR
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_is_named_once() {
        let mut theme = Theme::COLOR;
        for (i, name) in Theme::FIELDS.iter().enumerate() {
            *theme.get_mut(name).unwrap() = Style::new().fg(Color::Indexed(i as u8));
        }
        // Two names for one field would leave the first with the second's.
        for (i, name) in Theme::FIELDS.iter().enumerate() {
            assert_eq!(
                theme.get(name),
                Some(Style::new().fg(Color::Indexed(i as u8)))
            );
        }
        assert!(theme.get("glow").is_none());
    }
}
