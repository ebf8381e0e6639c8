//! What the help screen says about the screen itself, before the keys: what
//! the marks and columns mean. Kept here as data, so that the app (which
//! scrolls the help) and the UI (which draws it) count the same lines.

use crate::cast::Kind;

/// One line of the help's "The screen" section: what is seen, and what it means.
pub type Note = (String, &'static str);

/// The notes, in the order they are shown. Each fits the help's box (78
/// columns, the note column starting at 24).
pub fn screen_notes() -> Vec<Note> {
    let mut notes: Vec<Note> = vec![
        ("Articles".into(), "the list: unread titles bold, * starred"),
        ("  12".into(), "an actor's or a search's count per article"),
        (
            "Reader 3 of 120".into(),
            "the article, by its row in the list as shown",
        ),
        ("Cast".into(), "this article's actors, until c shows all"),
        ("  ●".into(), "the actor followed (Enter): n / N step on"),
        ("  17".into(), "its mentions here (or in all articles)"),
    ];
    for kind in [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc] {
        notes.push((format!("  {}", kind.letter()), kind_note(kind)));
    }
    notes.extend([
        (
            "⚠ 3 (w)".into(),
            "what could not be read cleanly: w lists it",
        ),
        (
            "5j  10G  3n".into(),
            "a count repeats a key, or picks that line",
        ),
        (
            "ma  'a  ''".into(),
            "set mark a; go to it; back before a jump",
        ),
    ]);
    notes
}

fn kind_note(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "a person",
        Kind::Organization => "an organisation",
        Kind::Place => "a place",
        Kind::Misc => "other names (events, laws, groups…)",
    }
}

/// How many lines the help holds: a title line and a line of how to leave,
/// the notes under a heading, then each keymap section under a blank line
/// and its heading (`ui::overlay::help_lines` draws the same).
pub fn help_len(keymap: &crate::keymap::Keymap) -> usize {
    2 + 2
        + screen_notes().len()
        + keymap
            .help_sections()
            .map(|(_, b)| 2 + b.entries.len())
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_fits_the_help_box() {
        for (seen, meaning) in screen_notes() {
            assert!(seen.chars().count() <= 20, "{seen}");
            assert!(meaning.chars().count() <= 50, "{meaning}");
        }
    }
}
