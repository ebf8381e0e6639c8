//! What castlist works out about the cast beyond its actors, for the reader
//! and the commands alike: sentences around a byte (a cheap splitter, no
//! tokenising), who appears with whom and how strongly
//! ([`cooccur`]), an actor's mentions over time ([`timeline`]), the
//! co-occurrence network as files other tools read ([`graph`]).

pub mod cooccur;
pub mod graph;
pub mod sentences;
pub mod timeline;
