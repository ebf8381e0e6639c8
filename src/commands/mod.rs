//! (in progress)

pub mod articles;
