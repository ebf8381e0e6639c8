//! What the user wants, independent of which key asked for it.
//!
//! The keymap (`assets/keymap.toml`) names these in snake_case; the help screen
//! and the status-line hints show [`Action::describe`].

use serde::Deserialize;

/// Every intent the interface understands. `App::update` is the only consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave castlist.
    Quit,
    /// Show or hide the key reference.
    Help,
    /// Close the overlay, or clear the active actor or search.
    Cancel,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus the pane to the left.
    FocusLeft,
    /// Focus the pane to the right.
    FocusRight,
    /// Move down one line or item.
    Down,
    /// Move up one line or item.
    Up,
    /// Move down half a page.
    HalfPageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Move down a page.
    PageDown,
    /// Move up a page.
    PageUp,
    /// Go to the top (with a count, to that line or item).
    Top,
    /// Go to the bottom (with a count, to that line or item).
    Bottom,
    /// Scroll the view down a line, the cursor staying on screen.
    ScrollDown,
    /// Scroll the view up a line, the cursor staying on screen.
    ScrollUp,
    /// Open the selected article in the reader.
    OpenArticle,
    /// Follow the selected actor: highlight it and jump to its first mention.
    FollowActor,
    /// Jump to the next mention or match.
    NextMatch,
    /// Jump to the previous mention or match.
    PrevMatch,
    /// Go back to where the reader was before a jump.
    JumpBack,
    /// Go forward again after going back.
    JumpForward,
    /// Set a mark here (the next key names it, a to z).
    SetMark,
    /// Go to a mark (the next key names it; ' goes back before the latest jump).
    GoToMark,
    /// Open the next article.
    NextArticle,
    /// Open the previous article.
    PrevArticle,
    /// Search the whole corpus as you type.
    Search,
    /// Show the cast of this article or of the whole corpus.
    ToggleCastScope,
    /// Sort the articles by date, title or source.
    CycleSort,
    /// Sort the articles the other way round the cycle.
    CycleSortBack,
    /// Show the reader alone, or all three panes again.
    ToggleZoom,
    /// List only the articles that mention the current actor or search.
    ToggleFilter,
    /// Show what could not be loaded cleanly.
    Warnings,
    /// Mark the article read, or unread again.
    ToggleRead,
    /// Mark every article listed read.
    MarkAllRead,
    /// Star the article, or take the star off.
    ToggleStar,
    /// List only the starred articles, or all again.
    ToggleStarred,
    /// Open the article's web address in the browser.
    OpenUrl,
    /// Copy the article's web address to the clipboard.
    CopyUrl,
    /// Clear the terminal and draw everything again.
    Redraw,
    /// Scroll the view left.
    ScrollLeft,
    /// Scroll the view right.
    ScrollRight,
    /// Find an actor by name as you type (fuzzy, aliases too).
    FindActor,
    /// Merge the selected actor into another (picked with the finder).
    MergeActor,
    /// Split one of the selected actor's aliases off into an actor of its own.
    SplitAlias,
    /// Rename the selected actor.
    RenameActor,
    /// Change the selected actor's kind.
    ChangeKind,
    /// Say the selected actor is no actor.
    NotActor,
    /// Undo the last correction to the cast (in the actors file too).
    UndoFix,
    /// List the actors that share sentences with the selected one.
    Together,
    /// Show every mention of the target, one a line (KWIC).
    Concordance,
    /// Show what the selected actor said, one quote a line.
    Quotes,
    /// Filter the articles with a query (actor:, with:, kind:, source:, after:, before:, words).
    Query,
    /// Take what is typed: run the search, follow the actor found, apply
    /// the query, the name.
    ConfirmSearch,
    /// Delete the last character of the search.
    DeleteChar,
    /// Type a character into the search (printable keys, never from the keymap).
    #[serde(skip)]
    InsertChar(char),
    /// Focus this pane (a click, a test; never from the keymap).
    #[serde(skip)]
    FocusPane(crate::app::Pane),
}

impl Action {
    /// Every action that keys can be bound to (all but `InsertChar`), in
    /// declaration order: for tests and fuzzing that drive the app at random.
    pub const ALL: [Action; 56] = [
        Action::Quit,
        Action::Help,
        Action::Cancel,
        Action::FocusNext,
        Action::FocusPrev,
        Action::FocusLeft,
        Action::FocusRight,
        Action::Down,
        Action::Up,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::ScrollDown,
        Action::ScrollUp,
        Action::OpenArticle,
        Action::FollowActor,
        Action::NextMatch,
        Action::PrevMatch,
        Action::JumpBack,
        Action::JumpForward,
        Action::SetMark,
        Action::GoToMark,
        Action::NextArticle,
        Action::PrevArticle,
        Action::Search,
        Action::ToggleCastScope,
        Action::CycleSort,
        Action::CycleSortBack,
        Action::ToggleZoom,
        Action::ToggleFilter,
        Action::Warnings,
        Action::ToggleRead,
        Action::MarkAllRead,
        Action::ToggleStar,
        Action::ToggleStarred,
        Action::OpenUrl,
        Action::CopyUrl,
        Action::Redraw,
        Action::ScrollLeft,
        Action::ScrollRight,
        Action::FindActor,
        Action::MergeActor,
        Action::SplitAlias,
        Action::RenameActor,
        Action::ChangeKind,
        Action::NotActor,
        Action::UndoFix,
        Action::Together,
        Action::Concordance,
        Action::Quotes,
        Action::Query,
        Action::ConfirmSearch,
        Action::DeleteChar,
    ];

    /// A short description for the help screen and hints.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Cancel => "close / clear",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::FocusLeft => "pane left",
            Action::FocusRight => "pane right",
            Action::Down => "down",
            Action::Up => "up",
            Action::HalfPageDown => "half page down",
            Action::HalfPageUp => "half page up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::ScrollDown => "scroll down a line",
            Action::ScrollUp => "scroll up a line",
            Action::OpenArticle => "open",
            Action::FollowActor => "follow actor",
            Action::NextMatch => "next mention",
            Action::PrevMatch => "previous mention",
            Action::JumpBack => "back to the place before",
            Action::JumpForward => "forward again",
            Action::SetMark => "set mark (a–z)",
            Action::GoToMark => "go to mark (' for the place before)",
            Action::NextArticle => "next article",
            Action::PrevArticle => "previous article",
            Action::Search => "search",
            Action::ToggleCastScope => "article / corpus cast",
            Action::CycleSort => "sort",
            Action::CycleSortBack => "sort back",
            Action::ToggleZoom => "zoom the reader",
            Action::ToggleFilter => "only matching articles",
            Action::Warnings => "warnings",
            Action::ToggleRead => "read / unread",
            Action::MarkAllRead => "mark all listed read",
            Action::ToggleStar => "star / unstar",
            Action::ToggleStarred => "only starred articles",
            Action::OpenUrl => "open the web address",
            Action::CopyUrl => "copy the web address",
            Action::Redraw => "redraw the screen",
            Action::ScrollLeft => "scroll left",
            Action::ScrollRight => "scroll right",
            Action::FindActor => "find an actor",
            Action::MergeActor => "merge into another actor",
            Action::SplitAlias => "split an alias off",
            Action::RenameActor => "rename the actor",
            Action::ChangeKind => "change its kind",
            Action::NotActor => "not an actor",
            Action::UndoFix => "undo the last correction",
            Action::Together => "who appears with it",
            Action::Concordance => "concordance of the target",
            Action::Quotes => "quotes of the selected actor",
            Action::Query => "filter by a query",
            Action::ConfirmSearch => "confirm",
            Action::DeleteChar => "delete character",
            Action::InsertChar(_) => "type",
            Action::FocusPane(_) => "focus pane",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    /// Fails to compile when a variant is added and not named here, and fails
    /// when a named variant is missing from `ALL`.
    #[test]
    fn all_lists_every_bindable_action() {
        let every = |a: Action| match a {
            Action::Quit
            | Action::Help
            | Action::Cancel
            | Action::FocusNext
            | Action::FocusPrev
            | Action::FocusLeft
            | Action::FocusRight
            | Action::Down
            | Action::Up
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::ScrollDown
            | Action::ScrollUp
            | Action::OpenArticle
            | Action::FollowActor
            | Action::NextMatch
            | Action::PrevMatch
            | Action::JumpBack
            | Action::JumpForward
            | Action::SetMark
            | Action::GoToMark
            | Action::NextArticle
            | Action::PrevArticle
            | Action::Search
            | Action::ToggleCastScope
            | Action::CycleSort
            | Action::CycleSortBack
            | Action::ToggleZoom
            | Action::ToggleFilter
            | Action::Warnings
            | Action::ToggleRead
            | Action::MarkAllRead
            | Action::ToggleStar
            | Action::ToggleStarred
            | Action::OpenUrl
            | Action::CopyUrl
            | Action::Redraw
            | Action::ScrollLeft
            | Action::ScrollRight
            | Action::FindActor
            | Action::MergeActor
            | Action::SplitAlias
            | Action::RenameActor
            | Action::ChangeKind
            | Action::NotActor
            | Action::UndoFix
            | Action::Together
            | Action::Concordance
            | Action::Quotes
            | Action::Query
            | Action::ConfirmSearch
            | Action::DeleteChar => true,
            Action::InsertChar(_) | Action::FocusPane(_) => false,
        };
        assert!(Action::ALL.iter().all(|&a| every(a)));
        let mut unique = Action::ALL.to_vec();
        unique.dedup();
        assert_eq!(unique.len(), Action::ALL.len());
        // One per arm above that returns true.
        assert_eq!(Action::ALL.len(), 56);
    }
}
