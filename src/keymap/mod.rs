//! Key bindings as data: `(context, chord) → action`, loaded from
//! `assets/keymap.toml`. The help screen and the status-line hints are generated
//! from the same table, so they cannot drift from what the keys do.
//!
//! Terminals disagree about modifiers (some send `?` with SHIFT, some without;
//! Shift-Tab arrives as BackTab), so crossterm events are normalised into our own
//! [`KeyChord`] before lookup.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::action::Action;

mod chord;

pub use chord::{Key, KeyChord};

/// Where a key is pressed; bindings are looked up in the context, then `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Articles,
    Reader,
    Cast,
    Help,
    Warnings,
    Search,
    /// The concordance (KWIC) view.
    Concordance,
    /// The quotes view.
    Quotes,
}

impl Context {
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::Articles,
        Context::Reader,
        Context::Cast,
        Context::Help,
        Context::Warnings,
        Context::Search,
        Context::Concordance,
        Context::Quotes,
    ];

    /// The context's table name in keymap files (`global`, `articles`, …).
    pub fn table(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Articles => "articles",
            Context::Reader => "reader",
            Context::Cast => "cast",
            Context::Help => "help",
            Context::Warnings => "warnings",
            Context::Search => "search",
            Context::Concordance => "concordance",
            Context::Quotes => "quotes",
        }
    }

    /// The context a table name names.
    pub fn from_table(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.table() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Articles => "Articles pane",
            Context::Reader => "Reader pane",
            Context::Cast => "Cast pane",
            Context::Help => "This help",
            Context::Warnings => "Warnings view",
            Context::Search => "Typing (a search, a name, a query)",
            Context::Concordance => "Concordance view",
            Context::Quotes => "Quotes view",
        }
    }

    /// Overlays and the search prompt take every key: global bindings do not
    /// reach through them.
    fn is_modal(self) -> bool {
        matches!(
            self,
            Context::Help
                | Context::Warnings
                | Context::Search
                | Context::Concordance
                | Context::Quotes
        )
    }
}

/// Why a keymap could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("keymap: [{table}] {action}: {message}")]
    BadKey {
        table: String,
        action: String,
        message: String,
    },
    #[error("keymap: [{table}] binds {key} to both {first} and {second}")]
    Conflict {
        table: String,
        key: String,
        first: String,
        second: String,
    },
    #[error("keymap: unknown table [{0}]")]
    UnknownTable(String),
    #[error("keymap: [hints] {0}")]
    BadHint(String),
}

/// The bindings of one context, in the order the file gives them.
#[derive(Debug, Clone, Default)]
pub struct Bindings {
    /// Each action with its keys, first key first.
    pub entries: Vec<(Action, Vec<KeyChord>)>,
}

/// The loaded key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    lookup: HashMap<(Context, KeyChord), Action>,
    tables: BTreeMap<Context, Bindings>,
    hints: HashMap<Context, Vec<Action>>,
}

const DEFAULT: &str = include_str!("../../assets/keymap.toml");

impl Keymap {
    /// The bindings built into the binary.
    pub fn builtin() -> Keymap {
        // The embedded table is checked by the `builtin_keymap_loads` test, so a
        // failure here is a build defect, not a user error.
        #[allow(clippy::expect_used)]
        Keymap::parse(DEFAULT).expect("the built-in keymap is valid")
    }

    /// Parses a keymap file; conflicting bindings within one table are an error.
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let tables: BTreeMap<String, toml::Table> = toml::from_str(text)?;
        if let Some(name) = tables
            .keys()
            .find(|name| *name != "hints" && !Context::ALL.iter().any(|c| c.table() == *name))
        {
            return Err(KeymapError::UnknownTable(name.clone()));
        }
        let mut keymap = Keymap {
            lookup: HashMap::new(),
            tables: BTreeMap::new(),
            hints: HashMap::new(),
        };
        for context in Context::ALL {
            let Some(table) = tables.get(context.table()) else {
                continue;
            };
            let mut bindings = Bindings::default();
            for (name, keys) in table {
                let action = parse_action(name).map_err(|message| KeymapError::BadKey {
                    table: context.table().into(),
                    action: name.clone(),
                    message,
                })?;
                let bad = |message: String| KeymapError::BadKey {
                    table: context.table().into(),
                    action: name.clone(),
                    message,
                };
                let list = keys
                    .as_array()
                    .ok_or_else(|| bad("expected a list of keys".into()))?;
                let mut chords = Vec::new();
                for key in list {
                    let text = key
                        .as_str()
                        .ok_or_else(|| bad("a key must be a string".into()))?;
                    let chord: KeyChord = text.parse().map_err(bad)?;
                    if let Some(first) = keymap.lookup.insert((context, chord), action) {
                        return Err(KeymapError::Conflict {
                            table: context.table().into(),
                            key: chord.to_string(),
                            first: format!("{first:?}"),
                            second: format!("{action:?}"),
                        });
                    }
                    chords.push(chord);
                }
                bindings.entries.push((action, chords));
            }
            keymap.tables.insert(context, bindings);
        }
        if let Some(hints) = tables.get("hints") {
            for context in Context::ALL {
                let Some(list) = hints.get(context.table()).and_then(|v| v.as_array()) else {
                    continue;
                };
                let mut actions = Vec::new();
                for name in list {
                    let name = name.as_str().unwrap_or_default();
                    actions.push(parse_action(name).map_err(KeymapError::BadHint)?);
                }
                keymap.hints.insert(context, actions);
            }
        }
        Ok(keymap)
    }

    /// Gives `action` in `context` the keys `keys` instead of its own (adding
    /// it to the table if it had none). Call [`Keymap::relink`] after.
    pub fn rebind(&mut self, context: Context, action: Action, keys: Vec<KeyChord>) {
        let table = self.tables.entry(context).or_default();
        match table.entries.iter_mut().find(|(a, _)| *a == action) {
            Some(entry) => entry.1 = keys,
            None => table.entries.push((action, keys)),
        }
    }

    /// Rebuilds the lookup after [`Keymap::rebind`]; a key bound to two
    /// actions in one table is returned as (table, key, first, second).
    pub fn relink(&mut self) -> Result<(), (Context, KeyChord, Action, Action)> {
        self.lookup.clear();
        for (&context, bindings) in &self.tables {
            for (action, keys) in &bindings.entries {
                for &chord in keys {
                    if let Some(first) = self.lookup.insert((context, chord), *action)
                        && first != *action
                    {
                        return Err((context, chord, first, *action));
                    }
                }
            }
        }
        Ok(())
    }

    /// Every table with its bindings, for printing the configuration.
    pub fn tables(&self) -> impl Iterator<Item = (Context, &Bindings)> {
        self.tables.iter().map(|(c, b)| (*c, b))
    }

    /// The action a chord triggers in `context`, falling back to global bindings
    /// for the panes.
    pub fn action(&self, context: Context, chord: KeyChord) -> Option<Action> {
        self.lookup.get(&(context, chord)).copied().or_else(|| {
            (!context.is_modal())
                .then(|| self.lookup.get(&(Context::Global, chord)).copied())
                .flatten()
        })
    }

    /// The bindings of one context, for the help screen.
    pub fn bindings(&self, context: Context) -> Option<&Bindings> {
        self.tables.get(&context)
    }

    /// The contexts the help screen lists, in order, with their bindings.
    pub fn help_sections(&self) -> impl Iterator<Item = (Context, &Bindings)> {
        const SHOWN: [Context; 7] = [
            Context::Global,
            Context::Articles,
            Context::Reader,
            Context::Cast,
            Context::Search,
            Context::Concordance,
            Context::Quotes,
        ];
        SHOWN.into_iter().filter_map(|c| {
            self.tables
                .get(&c)
                .filter(|b| !b.entries.is_empty())
                .map(|b| (c, b))
        })
    }

    /// The first key bound to `action` where `context` would find it.
    pub fn key_for(&self, context: Context, action: Action) -> Option<KeyChord> {
        let find = |ctx: Context| {
            self.tables
                .get(&ctx)
                .and_then(|b| b.entries.iter().find(|(a, _)| *a == action))
                .and_then(|(_, keys)| keys.first().copied())
        };
        find(context).or_else(|| {
            (!context.is_modal())
                .then(|| find(Context::Global))
                .flatten()
        })
    }

    /// The status-line hints for `context`: (key, description) pairs.
    pub fn hints(&self, context: Context) -> Vec<(KeyChord, &'static str)> {
        self.hints
            .get(&context)
            .into_iter()
            .flatten()
            .filter_map(|&action| {
                self.key_for(context, action)
                    .map(|key| (key, action.describe()))
            })
            .collect()
    }
}

/// The action a keymap file names (`half_page_down`).
pub fn parse_action(name: &str) -> Result<Action, String> {
    Action::deserialize(toml::Value::String(name.to_string()))
        .map_err(|_| format!("unknown action {name:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn chord(text: &str) -> KeyChord {
        text.parse().unwrap()
    }

    #[test]
    fn builtin_keymap_loads() {
        Keymap::parse(DEFAULT).unwrap();
    }

    #[test]
    fn pane_bindings_fall_back_to_global() {
        let keymap = Keymap::builtin();
        assert_eq!(
            keymap.action(Context::Articles, chord("enter")),
            Some(Action::OpenArticle)
        );
        assert_eq!(
            keymap.action(Context::Cast, chord("enter")),
            Some(Action::FollowActor)
        );
        assert_eq!(
            keymap.action(Context::Reader, chord("n")),
            Some(Action::NextMatch)
        );
        assert_eq!(
            keymap.action(Context::Reader, chord("ctrl-d")),
            Some(Action::HalfPageDown)
        );
        assert_eq!(keymap.action(Context::Reader, chord("enter")), None);
    }

    #[test]
    fn overlays_do_not_fall_through_to_global() {
        let keymap = Keymap::builtin();
        assert_eq!(keymap.action(Context::Help, chord("q")), Some(Action::Help));
        assert_eq!(keymap.action(Context::Help, chord("n")), None);
        assert_eq!(keymap.action(Context::Search, chord("q")), None);
        assert_eq!(
            keymap.action(Context::Search, chord("enter")),
            Some(Action::ConfirmSearch)
        );
    }

    #[test]
    fn shifted_characters_match_whatever_the_terminal_sends() {
        let keymap = Keymap::builtin();
        for modifiers in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            let question =
                KeyChord::from_event(&KeyEvent::new(KeyCode::Char('?'), modifiers)).unwrap();
            assert_eq!(keymap.action(Context::Reader, question), Some(Action::Help));
            let big_g =
                KeyChord::from_event(&KeyEvent::new(KeyCode::Char('G'), modifiers)).unwrap();
            assert_eq!(keymap.action(Context::Reader, big_g), Some(Action::Bottom));
        }
        let shift_tab =
            KeyChord::from_event(&KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(
            keymap.action(Context::Articles, shift_tab),
            Some(Action::FocusPrev)
        );
        let back_tab =
            KeyChord::from_event(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(
            keymap.action(Context::Articles, back_tab),
            Some(Action::FocusPrev)
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere_but_cancels_a_search() {
        let keymap = Keymap::builtin();
        let ctrl_c =
            KeyChord::from_event(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
                .unwrap();
        for context in [
            Context::Articles,
            Context::Reader,
            Context::Cast,
            Context::Help,
            Context::Warnings,
        ] {
            assert_eq!(
                keymap.action(context, ctrl_c),
                Some(Action::Quit),
                "{context:?}"
            );
        }
        assert_eq!(keymap.action(Context::Search, ctrl_c), Some(Action::Cancel));
        assert_eq!(ctrl_c.typed_char(), None);
    }

    #[test]
    fn a_key_bound_twice_in_one_table_is_rejected() {
        let err = Keymap::parse("[global]\nquit = [\"q\"]\nhelp = [\"q\"]\n").unwrap_err();
        assert!(matches!(err, KeymapError::Conflict { .. }), "{err}");
        assert!(err.to_string().contains("binds q to both"), "{err}");
    }

    #[test]
    fn unknown_actions_and_keys_are_rejected_with_their_names() {
        let err = Keymap::parse("[global]\nfly = [\"q\"]\n").unwrap_err();
        assert!(err.to_string().contains("fly"), "{err}");
        let err = Keymap::parse("[global]\nquit = [\"hyper-q\"]\n").unwrap_err();
        assert!(err.to_string().contains("hyper-q"), "{err}");
    }

    #[test]
    fn chords_parse_and_print() {
        assert_eq!(
            chord("ctrl-d"),
            KeyChord {
                key: Key::Char('d'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(chord("space").to_string(), "Space");
        assert_eq!(chord("backtab").to_string(), "Shift-Tab");
        assert_eq!(chord("-"), KeyChord::plain(Key::Char('-')));
        assert_eq!(chord("f5"), KeyChord::plain(Key::F(5)));
        assert!("ctrl-".parse::<KeyChord>().is_err());
    }

    #[test]
    fn chords_print_as_files_write_them() {
        for text in [
            "ctrl-d", "space", "G", "?", "backtab", "pgdn", "alt-left", "f5", "'",
        ] {
            assert_eq!(chord(text).to_config(), text);
        }
    }

    #[test]
    fn rebinding_replaces_an_actions_keys_and_relinking_finds_conflicts() {
        let mut keymap = Keymap::builtin();
        keymap.rebind(Context::Global, Action::Quit, vec![chord("x")]);
        keymap.relink().unwrap();
        assert_eq!(
            keymap.action(Context::Reader, chord("x")),
            Some(Action::Quit)
        );
        assert_eq!(keymap.action(Context::Reader, chord("q")), None);
        keymap.rebind(Context::Global, Action::Help, vec![chord("j")]);
        let (context, key, first, second) = keymap.relink().unwrap_err();
        assert_eq!((context, key), (Context::Global, chord("j")));
        assert!([first, second].contains(&Action::Down) && [first, second].contains(&Action::Help));
    }

    #[test]
    fn hints_use_the_bound_keys() {
        let keymap = Keymap::builtin();
        let hints = keymap.hints(Context::Articles);
        assert!(hints.contains(&(chord("enter"), "open")), "{hints:?}");
        assert!(hints.contains(&(chord("?"), "help")), "{hints:?}");
    }
}
