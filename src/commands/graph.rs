//! `castlist graph`: the collection's co-occurrence network (actors named in
//! one sentence) as GraphML, GEXF or node-link JSON, for Gephi, networkx
//! and the like ([`crate::analysis::graph`]).

use std::io::{self, Write};

use crate::analysis::graph::{Format, network, write};
use crate::cast::Cast;
use crate::corpus::Corpus;

pub fn run(corpus: &Corpus, cast: &Cast, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let net = network(corpus, cast);
    write(&net, cast, format, out)
}
