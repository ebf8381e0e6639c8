//! Reading keys as vim and less do: a count typed before a motion (`5j`,
//! `10G`, `3n`) applies to it, and the key after `m` or `'` names a mark.
//! What was typed is kept here, where the state is, so the status line can
//! show it while it waits for the rest.

use super::App;
use super::jumps::MarkOp;
use crate::action::Action;
use crate::keymap::{Context, Key, KeyChord};

/// A count larger than this is taken as this: no list or article is longer,
/// and repeated jumps stay quick.
const MAX_COUNT: usize = 99_999;

/// Repeated actions (`1000n`) are repeated at most this many times.
const MAX_REPEAT: usize = 1_000;

/// Keys typed that wait for more: a count so far, or `m` / `'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pending {
    /// The count typed so far, if one is being typed.
    pub count: Option<usize>,
    /// `m` or `'` was typed: the next key names the mark.
    pub mark: Option<MarkOp>,
}

impl App {
    /// One key: a digit of a count, or the action the keymap binds to it,
    /// applied with the count typed before it.
    pub(super) fn key(&mut self, chord: KeyChord) {
        if let Some(op) = self.pending.mark.take() {
            self.pending.count = None;
            self.message = None;
            // Any key that types no character (Esc) lets it go.
            if let Some(letter) = chord.typed_char() {
                self.touched = true;
                self.mark_key(op, letter);
            }
            return;
        }
        let context = self.context();
        let in_pane = matches!(context, Context::Articles | Context::Reader | Context::Cast);
        if in_pane
            && let Some(digit) = count_digit(chord, self.pending.count.is_some())
            && self.keymap.action(context, chord).is_none()
        {
            let count = self.pending.count.unwrap_or(0);
            self.pending.count = Some((count * 10 + digit).min(MAX_COUNT));
            return;
        }
        let count = self.pending.count.take();
        if let Some(action) = self.action_for(chord) {
            self.act_counted(action, count);
        }
    }

    /// Applies `action` with the count typed before it: motions take it
    /// themselves (`10G`: to row 10); jumps are repeated.
    pub(super) fn act_counted(&mut self, action: Action, count: Option<usize>) {
        let repeated = matches!(
            action,
            Action::NextMatch | Action::PrevMatch | Action::NextArticle | Action::PrevArticle
        );
        match count {
            Some(n) if repeated => {
                for _ in 0..n.min(MAX_REPEAT) {
                    self.act(action, None);
                }
            }
            _ => self.act(action, count),
        }
    }

    /// What keys typed so far wait for more.
    pub fn pending(&self) -> Pending {
        self.pending
    }
}

/// The digit `chord` types into a count: 1–9 start one, 0 only continues it.
fn count_digit(chord: KeyChord, counting: bool) -> Option<usize> {
    match chord.key {
        Key::Char(c @ '0'..='9') if !chord.ctrl && !chord.alt && (c != '0' || counting) => {
            c.to_digit(10).map(|d| d as usize)
        }
        _ => None,
    }
}
