//! Going back where you were: the jump list (`Ctrl-o` back, `Ctrl-i` or
//! `Alt-→` forward, as in vim), `''` to the place before the latest jump, and
//! marks (`m{a-z}` sets one, `'{a-z}` returns to it).
//!
//! A place is an article and the document byte at the reader's top (see
//! `Article::body_start`), so that it survives a resize, which re-wraps the
//! article; at the same width it is also the same row. A jump is any move that can take the reader far: `n` / `N`,
//! a search, `g` / `G`, following an actor, opening an article, a mark.

use super::App;
use crate::action::Action;

/// How many places the jump list keeps (vim keeps 100).
const JUMPS: usize = 100;

/// Where the reader is: an article and the document byte at its top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub article: usize,
    pub byte: usize,
    /// The top row, and the width it was wrapped at: a blank row between
    /// paragraphs has no byte of its own, so at the same width the row is
    /// what comes back.
    pub row: Option<(usize, usize)>,
}

impl Place {
    /// A place known by its byte only (remembered across launches).
    pub fn at(article: usize, byte: usize) -> Place {
        Place {
            article,
            byte,
            row: None,
        }
    }
}

/// The places behind and ahead, and the marks.
#[derive(Debug, Clone, Default)]
pub struct Jumps {
    list: Vec<Place>,
    /// Where `Ctrl-o` / `Ctrl-i` stand in `list`; `list.len()` when at the
    /// newest (not on any entry).
    at: usize,
    /// The place before the latest jump, for `''`.
    before_latest: Option<Place>,
    marks: [Option<Place>; 26],
}

/// What the letter after `m` or `'` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkOp {
    Set,
    Go,
}

impl Jumps {
    /// Notes that the reader jumped away from `from`.
    pub(super) fn record(&mut self, from: Place) {
        // A new jump forgets the places ahead, as a browser's history does.
        self.list.truncate(self.at);
        if self.list.last() != Some(&from) {
            self.list.push(from);
        }
        if self.list.len() > JUMPS {
            self.list.remove(0);
        }
        self.at = self.list.len();
        self.before_latest = Some(from);
    }

    /// The mark `letter` names, if it is set.
    pub fn mark(&self, letter: char) -> Option<Place> {
        mark_index(letter).and_then(|i| self.marks[i])
    }

    /// Every mark set, as (letter, place).
    pub fn marks(&self) -> impl Iterator<Item = (char, Place)> + '_ {
        ('a'..='z').filter_map(|c| self.mark(c).map(|p| (c, p)))
    }

    pub(super) fn set_mark(&mut self, letter: char, place: Option<Place>) -> bool {
        match mark_index(letter) {
            Some(i) => {
                self.marks[i] = place;
                true
            }
            None => false,
        }
    }

    /// How many places are behind and ahead.
    pub fn depth(&self) -> (usize, usize) {
        (self.at, self.list.len().saturating_sub(self.at + 1))
    }
}

fn mark_index(letter: char) -> Option<usize> {
    letter
        .is_ascii_lowercase()
        .then(|| (letter as u8 - b'a') as usize)
}

/// Whether `action` may take the reader far, so that the place it leaves is
/// worth going back to.
pub(super) fn is_jump(action: Action) -> bool {
    matches!(
        action,
        Action::NextMatch
            | Action::PrevMatch
            | Action::Top
            | Action::Bottom
            | Action::FollowActor
            | Action::OpenArticle
            | Action::NextArticle
            | Action::PrevArticle
    )
}

impl App {
    /// Where the reader is now.
    pub(super) fn place(&self) -> Place {
        Place {
            article: self.reader.article,
            byte: self.top_doc_byte(),
            row: Some((self.reader.scroll, self.reader.width)),
        }
    }

    /// Notes a jump from `from`, if the reader has moved since.
    pub(super) fn jumped_from(&mut self, from: Place) {
        if self.place() != from {
            self.jumps.record(from);
        }
    }

    /// Shows `place`: its article, scrolled so that its byte is at the top.
    pub(super) fn go(&mut self, place: Place) {
        if self.corpus.articles.get(place.article).is_none() {
            self.message = Some("that article is gone".into());
            return;
        }
        if place.article != self.reader.article {
            self.open(place.article);
        }
        self.list.select_article(place.article);
        let row = match place.row {
            Some((row, width)) if width == self.reader.width => row,
            _ => self
                .reader
                .row_of_doc_byte(&self.corpus.articles[place.article], place.byte),
        };
        self.reader.set_scroll(row);
    }

    /// `Ctrl-o`: back to the place before.
    pub(super) fn jump_back(&mut self) {
        if self.jumps.at == 0 {
            self.message = Some("no older place".into());
            return;
        }
        // Remember where we are, so that Ctrl-i comes back here.
        let here = self.place();
        if self.jumps.at == self.jumps.list.len() {
            self.jumps.list.push(here);
        } else {
            self.jumps.list[self.jumps.at] = here;
        }
        self.jumps.at -= 1;
        self.go(self.jumps.list[self.jumps.at]);
    }

    /// `Ctrl-i`: forward again, after `Ctrl-o`.
    pub(super) fn jump_forward(&mut self) {
        if self.jumps.at + 1 >= self.jumps.list.len() {
            self.message = Some("no newer place".into());
            return;
        }
        self.jumps.list[self.jumps.at] = self.place();
        self.jumps.at += 1;
        self.go(self.jumps.list[self.jumps.at]);
    }

    /// The letter typed after `m` (set a mark) or `'` (go to one; `''` goes
    /// to the place before the latest jump).
    pub(super) fn mark_key(&mut self, op: MarkOp, letter: char) {
        let here = self.place();
        match op {
            MarkOp::Set => {
                if self.jumps.set_mark(letter, Some(here)) {
                    self.message = Some(format!("mark {letter} set"));
                } else {
                    self.message = Some("marks are the letters a to z".into());
                }
            }
            MarkOp::Go => {
                let place = if letter == '\'' {
                    self.jumps.before_latest
                } else if mark_index(letter).is_none() {
                    self.message = Some("marks are the letters a to z".into());
                    return;
                } else {
                    self.jumps.mark(letter)
                };
                let Some(place) = place else {
                    self.message = Some(if letter == '\'' {
                        "no jump yet".into()
                    } else {
                        format!("mark {letter} is not set")
                    });
                    return;
                };
                self.go(place);
                self.jumped_from(here);
            }
        }
    }

    /// The jump list and the marks.
    pub fn jumps(&self) -> &Jumps {
        &self.jumps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(article: usize) -> Place {
        Place::at(article, 0)
    }

    #[test]
    fn a_new_jump_forgets_the_places_ahead_and_the_list_is_bounded() {
        let mut j = Jumps::default();
        for a in 0..3 {
            j.record(p(a));
        }
        assert_eq!((j.list.len(), j.at), (3, 3));
        j.at = 1; // as after two Ctrl-o
        j.record(p(9));
        assert_eq!(j.list, [p(0), p(9)]);
        j.record(p(9));
        assert_eq!(j.list.len(), 2, "the same place twice is kept once");
        for a in 0..200 {
            j.record(p(a));
        }
        assert_eq!(j.list.len(), JUMPS);
        assert_eq!(j.before_latest, Some(p(199)));
    }

    #[test]
    fn marks_are_lowercase_letters() {
        let mut j = Jumps::default();
        assert!(j.set_mark('a', Some(p(3))));
        assert!(!j.set_mark('A', Some(p(3))));
        assert!(!j.set_mark('1', Some(p(3))));
        assert_eq!(j.mark('a'), Some(p(3)));
        assert_eq!(j.marks().collect::<Vec<_>>(), [('a', p(3))]);
    }
}
