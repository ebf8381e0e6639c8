//! A document held as a string, for the engine's unit tests of the cast.

use std::borrow::Cow;

use crate::{DocText, Document};

pub(crate) struct Doc {
    pub(crate) id: usize,
    pub(crate) text: String,
}

impl DocText for Doc {
    fn slice(&self, range: std::ops::Range<usize>) -> Option<&str> {
        self.text.get(range)
    }
}

impl Document for Doc {
    fn id(&self) -> usize {
        self.id
    }

    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.text)
    }
}
