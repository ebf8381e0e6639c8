//! The reader's text geometry: how an article becomes rows at a given width, and
//! where any byte of it landed. See [`layout`].

pub mod layout;

pub use layout::{Layout, Row, RowSrc};
