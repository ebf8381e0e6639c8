//! The user's configuration: `config.toml` in castlist's config directory
//! (beside `actors.toml`; `~/.config/castlist/` on Linux). Three tables, each
//! optional:
//!
//! ```toml
//! [keys.global]            # the keymap's tables: global, articles, reader, …
//! toggle_star = ["x"]      # the action's keys, instead of the built-in ones
//!
//! [theme]
//! base = "mono"            # or "color" (the default; NO_COLOR means mono)
//! mention = "black on yellow bold"
//!
//! [paths]
//! default = ["~/news"]     # opened when castlist is given no path
//! ```
//!
//! A key bound to two actions in one table is rejected with the file and
//! line of the binding that clashes, as is anything else wrong. `castlist
//! --print-config` prints the configuration in effect, in this format.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::keymap::{Context, KeyChord, Keymap, parse_action};
use crate::ui::Theme;

/// Why the configuration could not be used: always names the file, and the
/// line when there is one.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// The configuration in effect.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    /// The theme before `NO_COLOR` is taken into account (see [`Config::theme`]).
    pub base: Base,
    pub styles: BTreeMap<String, Style>,
    /// What castlist opens when given no path (none: the bundled articles).
    pub default_paths: Vec<PathBuf>,
    /// Where it was read from, if a file was there.
    pub file: Option<PathBuf>,
}

/// The theme a configuration starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Base {
    #[default]
    Color,
    Mono,
}

/// A table of the keymap as the file writes it: action → keys, with where
/// each was written.
type KeyTable = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, KeyTable>,
    #[serde(default)]
    theme: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    paths: Paths,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Paths {
    #[serde(default)]
    default: Vec<String>,
}

/// Where `config.toml` is looked for.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("castlist").join("config.toml"))
}

impl Config {
    /// The built-in configuration.
    pub fn builtin() -> Config {
        Config {
            keymap: Keymap::builtin(),
            base: Base::Color,
            styles: BTreeMap::new(),
            default_paths: Vec::new(),
            file: None,
        }
    }

    /// Reads `path` if it exists (no file: the built-in configuration).
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path.filter(|p| p.exists()) else {
            return Ok(Config::builtin());
        };
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.display().to_string(),
            line: None,
            message: e.to_string(),
        })?;
        let mut config = Config::parse(&text, &path.display().to_string())?;
        config.file = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses a configuration file's text; `name` names it in errors.
    pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
            file: name.to_string(),
            line: span.map(|s| line_of(text, s.start)),
            message,
        };
        let file: File =
            toml::from_str(text).map_err(|e| error(e.span(), e.message().trim().to_string()))?;
        let mut config = Config::builtin();
        // Keys: each action's keys replace the built-in ones in that table;
        // where each chord was written, to point at a clash.
        let mut written: BTreeMap<(Context, KeyChord), usize> = BTreeMap::new();
        for (table, actions) in &file.keys {
            let context = Context::from_table(table.get_ref()).ok_or_else(|| {
                error(
                    Some(table.span()),
                    format!("[keys.{}]: no such table", table.get_ref()),
                )
            })?;
            for (action_name, keys) in actions {
                let action = parse_action(action_name.get_ref())
                    .map_err(|m| error(Some(action_name.span()), m))?;
                let mut chords = Vec::new();
                for key in keys {
                    let chord: KeyChord = key
                        .get_ref()
                        .parse()
                        .map_err(|m| error(Some(key.span()), m))?;
                    written.insert((context, chord), line_of(text, key.span().start));
                    chords.push(chord);
                }
                config.keymap.rebind(context, action, chords);
            }
        }
        if let Err((context, chord, first, second)) = config.keymap.relink() {
            let line = written.get(&(context, chord)).copied();
            return Err(ConfigError {
                file: name.to_string(),
                line,
                message: format!(
                    "[keys.{}] binds {} to both {} and {}: give one of them other keys",
                    context.table(),
                    chord.to_config(),
                    action_name(first),
                    action_name(second)
                ),
            });
        }
        for (field, value) in &file.theme {
            if field.get_ref() == "base" {
                config.base = match value.get_ref().as_str() {
                    "color" => Base::Color,
                    "mono" => Base::Mono,
                    other => {
                        return Err(error(
                            Some(value.span()),
                            format!("base is \"color\" or \"mono\", not {other:?}"),
                        ));
                    }
                };
                continue;
            }
            if Theme::COLOR.get(field.get_ref()).is_none() {
                return Err(error(
                    Some(field.span()),
                    format!(
                        "no style called {:?} (they are: {})",
                        field.get_ref(),
                        Theme::FIELDS.join(", ")
                    ),
                ));
            }
            let style = parse_style(value.get_ref()).map_err(|m| error(Some(value.span()), m))?;
            config.styles.insert(field.get_ref().clone(), style);
        }
        config.default_paths = file.paths.default.iter().map(|p| expand_home(p)).collect();
        Ok(config)
    }

    /// The theme to draw with: the base (mono where `NO_COLOR` is set), then
    /// the configured styles; without colour, their colours are dropped and
    /// their bold, reverse and underline kept.
    pub fn theme(&self, no_color: bool) -> Theme {
        let mono = no_color || self.base == Base::Mono;
        let mut theme = if mono { Theme::MONO } else { Theme::COLOR };
        for (name, style) in &self.styles {
            if let Some(slot) = theme.get_mut(name) {
                *slot = if no_color {
                    Theme::colourless(*style)
                } else {
                    *style
                };
            }
        }
        theme
    }

    /// The configuration in effect, as a `config.toml` would say it.
    pub fn print(&self, no_color: bool) -> String {
        let mut out = String::new();
        let from = match &self.file {
            Some(path) => format!("the built-in defaults and {}", path.display()),
            None => match default_path() {
                Some(path) => format!("the built-in defaults ({} does not exist)", path.display()),
                None => "the built-in defaults".into(),
            },
        };
        let _ = writeln!(out, "# castlist's configuration in effect: {from}.");
        for (context, bindings) in self.keymap.tables() {
            if bindings.entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n[keys.{}]", context.table());
            for (action, keys) in &bindings.entries {
                let keys: Vec<String> = keys.iter().map(|k| quote(&k.to_config())).collect();
                let _ = writeln!(out, "{} = [{}]", action_name(*action), keys.join(", "));
            }
        }
        let base = match (no_color, self.base) {
            (false, Base::Color) => "color",
            _ => "mono",
        };
        let _ = writeln!(out, "\n[theme]\nbase = \"{base}\"");
        let theme = self.theme(no_color);
        for name in Theme::FIELDS {
            if let Some(style) = theme.get(name) {
                let _ = writeln!(out, "{name} = {}", quote(&style_text(style)));
            }
        }
        let paths: Vec<String> = self
            .default_paths
            .iter()
            .map(|p| quote(&p.display().to_string()))
            .collect();
        let _ = writeln!(out, "\n[paths]\ndefault = [{}]", paths.join(", "));
        out
    }
}

/// An action as keymap files name it (`toggle_star`).
fn action_name(action: crate::action::Action) -> String {
    // The serde name: the variant's, in snake case.
    let debug = format!("{action:?}");
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `~/x` as a path in the home directory.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

const MODIFIERS: [(&str, Modifier); 5] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];

/// "yellow on black bold": a foreground colour, "on" a background colour,
/// modifiers; any part may be left out ("bold", "on blue", "" for plain).
/// Colours by name ("lightred", "darkgray"), index ("208") or "#rrggbb".
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let lower = word.to_lowercase();
        if let Some(&(_, m)) = MODIFIERS.iter().find(|(n, _)| *n == lower) {
            style = style.add_modifier(m);
        } else if lower == "on" {
            let color = words.next().ok_or("\"on\" wants a colour after it")?;
            style = style.bg(color_of(color)?);
        } else {
            style = style.fg(color_of(word)?);
        }
    }
    Ok(style)
}

fn color_of(word: &str) -> Result<Color, String> {
    Color::from_str(word).map_err(|_| {
        format!(
            "{word:?} is no colour or modifier (colours: black, red, green, yellow, blue, \
             magenta, cyan, gray, darkgray, light…, white, 0-255, #rrggbb; modifiers: \
             bold, dim, italic, underlined, reversed)"
        )
    })
}

/// A style as [`parse_style`] reads it.
fn style_text(style: Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(color_text(fg));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("on {}", color_text(bg)));
    }
    for (name, m) in MODIFIERS {
        if style.add_modifier.contains(m) {
            parts.push(name.to_string());
        }
    }
    parts.join(" ")
}

fn color_text(color: Color) -> String {
    // ratatui prints "LightRed", "Indexed(208)", "#FF0000"; files say
    // "lightred", "208", "#ff0000".
    match color {
        Color::Indexed(i) => i.to_string(),
        other => other.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    fn chord(text: &str) -> KeyChord {
        text.parse().unwrap()
    }

    #[test]
    fn keys_override_the_built_in_ones() {
        let text = "[keys.global]\ntoggle_star = [\"x\"]\nquit = [\"Q\", \"ctrl-c\"]\n";
        let config = Config::parse(text, "config.toml").unwrap();
        let keymap = &config.keymap;
        assert_eq!(
            keymap.action(Context::Reader, chord("x")),
            Some(Action::ToggleStar)
        );
        assert_eq!(keymap.action(Context::Reader, chord("*")), None);
        assert_eq!(
            keymap.action(Context::Reader, chord("Q")),
            Some(Action::Quit)
        );
        assert_eq!(keymap.action(Context::Reader, chord("q")), None);
    }

    #[test]
    fn a_clash_is_rejected_with_file_and_line() {
        let text = "# mine\n[keys.global]\n\ntoggle_star = [\"x\", \"j\"]\n";
        let err = Config::parse(text, "/home/u/.config/castlist/config.toml").unwrap_err();
        assert_eq!(err.line, Some(4));
        let shown = err.to_string();
        assert!(
            shown.starts_with(
                "/home/u/.config/castlist/config.toml:4: [keys.global] binds j to both"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("toggle_star") && shown.contains("down"),
            "{shown}"
        );
    }

    #[test]
    fn mistakes_name_their_line() {
        for (text, line, says) in [
            ("[keys.global]\nfly = [\"x\"]\n", 2, "fly"),
            ("[keys.nowhere]\nquit = [\"x\"]\n", 1, "no such table"),
            ("[keys.global]\nquit = [\"hyper-x\"]\n", 2, "hyper-x"),
            ("\n[theme]\nmention = \"purple\"\n", 3, "purple"),
            ("[theme]\nglow = \"red\"\n", 2, "no style called"),
            ("[theme]\nbase = \"sepia\"\n", 2, "sepia"),
            ("[paths]\ndefault = \"~/news\"\n", 2, "sequence"),
            ("[colours]\n", 1, "unknown field"),
        ] {
            let err = Config::parse(text, "c.toml").unwrap_err();
            assert_eq!(err.line, Some(line), "{text:?}: {err}");
            assert!(err.to_string().contains(says), "{text:?}: {err}");
        }
    }

    #[test]
    fn styles_and_paths_are_read() {
        let text = "[theme]\nbase = \"mono\"\nmention = \"black on #ffcc00 bold\"\n\
                    [paths]\ndefault = [\"~/news\", \"/data\"]\n";
        let config = Config::parse(text, "c.toml").unwrap();
        let theme = config.theme(false);
        assert_eq!(
            theme.mention,
            Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(0xff, 0xcc, 0))
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(theme.selected, Theme::MONO.selected, "the base is mono");
        // Without colour the colours go and the emphasis stays.
        let plain = config.theme(true).mention;
        assert_eq!((plain.fg, plain.bg), (None, None));
        assert!(plain.add_modifier.contains(Modifier::BOLD));
        assert_eq!(config.default_paths[1], PathBuf::from("/data"));
        assert!(config.default_paths[0].ends_with("news"));
    }

    #[test]
    fn the_printed_configuration_reads_back_the_same() {
        let text = "[keys.reader]\ntoggle_star = [\"x\"]\n[theme]\nmention = \"208 on darkgray underlined\"\n";
        let config = Config::parse(text, "c.toml").unwrap();
        let printed = config.print(false);
        assert!(
            printed.contains("[keys.global]\nquit = [\"q\", \"ctrl-c\"]"),
            "{printed}"
        );
        let again = Config::parse(&printed, "printed").unwrap();
        assert_eq!(again.theme(false), config.theme(false));
        assert_eq!(again.print(false), printed);
        for (context, bindings) in config.keymap.tables() {
            for (action, keys) in &bindings.entries {
                for &key in keys {
                    assert_eq!(again.keymap.action(context, key), Some(*action));
                }
            }
        }
    }
}
