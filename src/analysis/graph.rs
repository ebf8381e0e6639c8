//! The co-occurrence network of a whole collection, as the files network
//! tools read: actors as nodes (name, kind, mentions, articles), an edge
//! between two actors named in one sentence, weighted by the number of
//! sentences that name both. GraphML and GEXF (1.2, which Gephi and networkx
//! both read) and networkx's node-link JSON.

use std::fmt::Write as _;
use std::io::{self, Write};

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::sentences;
use crate::cast::{ActorId, Cast};
use crate::corpus::Corpus;

/// The network: nodes (live actors named in some sentence with another, or
/// alone), and weighted edges.
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub nodes: Vec<ActorId>,
    /// (node index, node index, sentences), the smaller index first, sorted.
    pub edges: Vec<(usize, usize, u64)>,
}

/// Counts, for every pair of live actors, the sentences that name both.
pub fn network(corpus: &Corpus, cast: &Cast) -> Network {
    let live = |a: ActorId| cast.actor(a).is_some_and(|x| x.mentions > 0) && !cast.is_dismissed(a);
    let mut pairs: FxHashMap<(ActorId, ActorId), u64> = FxHashMap::default();
    let mut in_sentence: Vec<ActorId> = Vec::new();
    for (id, article) in corpus.articles.iter().enumerate() {
        let mentions = cast.mentions_in(id);
        let mut i = 0;
        while i < mentions.len() {
            let range = sentences::in_article(article, mentions[i].start as usize);
            in_sentence.clear();
            // The first mention is in its own sentence; the next ones while
            // they start before its end.
            let first = i;
            while i < mentions.len() && (i == first || (mentions[i].start as usize) < range.end) {
                let a = mentions[i].actor;
                if live(a) && !in_sentence.contains(&a) {
                    in_sentence.push(a);
                }
                i += 1;
            }
            in_sentence.sort_unstable();
            for x in 0..in_sentence.len() {
                for y in x + 1..in_sentence.len() {
                    *pairs.entry((in_sentence[x], in_sentence[y])).or_default() += 1;
                }
            }
        }
    }
    let mut nodes: Vec<ActorId> = (0..cast.actors().len() as ActorId)
        .filter(|&a| live(a))
        .collect();
    nodes.sort_by(|&a, &b| {
        let (x, y) = (&cast.actors()[a as usize], &cast.actors()[b as usize]);
        // Ties by name and key, as `castlist actors` orders them: actor
        // ids differ between a fresh cast and a saved one.
        y.mentions
            .cmp(&x.mentions)
            .then_with(|| x.name.cmp(&y.name))
            .then_with(|| x.key.cmp(&y.key))
            .then(a.cmp(&b))
    });
    let index: FxHashMap<ActorId, usize> = nodes.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    let mut edges: Vec<(usize, usize, u64)> = pairs
        .into_iter()
        .map(|((a, b), w)| {
            let (i, j) = (index[&a], index[&b]);
            (i.min(j), i.max(j), w)
        })
        .collect();
    edges.sort_unstable();
    Network { nodes, edges }
}

/// The file formats written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Graphml,
    Gexf,
    Json,
}

/// Text fit for XML 1.0: the five special characters escaped, and the
/// characters XML cannot hold at all left out.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `net` in `format`.
pub fn write(net: &Network, cast: &Cast, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let actor = |a: ActorId| &cast.actors()[a as usize];
    let mut s = String::new();
    match format {
        Format::Graphml => {
            s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
            s.push_str(
                "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
            );
            s.push_str(
                "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
            );
            s.push_str(
                "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n",
            );
            s.push_str(
                "  <key id=\"articles\" for=\"node\" attr.name=\"articles\" attr.type=\"int\"/>\n",
            );
            s.push_str(
                "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n",
            );
            s.push_str("  <graph id=\"cast\" edgedefault=\"undirected\">\n");
            for (i, &a) in net.nodes.iter().enumerate() {
                let x = actor(a);
                let _ = writeln!(
                    s,
                    "    <node id=\"n{i}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data><data key=\"mentions\">{}</data><data key=\"articles\">{}</data></node>",
                    xml(&x.name),
                    x.kind.label(),
                    x.mentions,
                    x.articles
                );
                flush(&mut s, out)?;
            }
            for (k, &(i, j, w)) in net.edges.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "    <edge id=\"e{k}\" source=\"n{i}\" target=\"n{j}\"><data key=\"weight\">{w}</data></edge>"
                );
                flush(&mut s, out)?;
            }
            s.push_str("  </graph>\n</graphml>\n");
        }
        Format::Gexf => {
            s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n");
            s.push_str("  <meta><creator>castlist</creator><description>actors named in one sentence; weight: sentences</description></meta>\n");
            s.push_str("  <graph mode=\"static\" defaultedgetype=\"undirected\">\n");
            s.push_str("    <attributes class=\"node\">\n      <attribute id=\"0\" title=\"kind\" type=\"string\"/>\n      <attribute id=\"1\" title=\"mentions\" type=\"integer\"/>\n      <attribute id=\"2\" title=\"articles\" type=\"integer\"/>\n    </attributes>\n");
            s.push_str("    <nodes>\n");
            for (i, &a) in net.nodes.iter().enumerate() {
                let x = actor(a);
                let _ = writeln!(
                    s,
                    "      <node id=\"{i}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{}\"/><attvalue for=\"2\" value=\"{}\"/></attvalues></node>",
                    xml(&x.name),
                    x.kind.label(),
                    x.mentions,
                    x.articles
                );
                flush(&mut s, out)?;
            }
            s.push_str("    </nodes>\n    <edges>\n");
            for (k, &(i, j, w)) in net.edges.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "      <edge id=\"{k}\" source=\"{i}\" target=\"{j}\" weight=\"{w}\"/>"
                );
                flush(&mut s, out)?;
            }
            s.push_str("    </edges>\n  </graph>\n</gexf>\n");
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Node<'a> {
                id: usize,
                label: &'a str,
                kind: &'static str,
                mentions: usize,
                articles: usize,
            }
            #[derive(Serialize)]
            struct Link {
                source: usize,
                target: usize,
                weight: u64,
            }
            #[derive(Serialize)]
            struct Graph<'a> {
                directed: bool,
                multigraph: bool,
                graph: serde_json::Map<String, serde_json::Value>,
                nodes: Vec<Node<'a>>,
                links: Vec<Link>,
            }
            let graph = Graph {
                directed: false,
                multigraph: false,
                graph: serde_json::Map::new(),
                nodes: net
                    .nodes
                    .iter()
                    .enumerate()
                    .map(|(i, &a)| {
                        let x = actor(a);
                        Node {
                            id: i,
                            label: &x.name,
                            kind: x.kind.label(),
                            mentions: x.mentions,
                            articles: x.articles,
                        }
                    })
                    .collect(),
                links: net
                    .edges
                    .iter()
                    .map(|&(i, j, w)| Link {
                        source: i,
                        target: j,
                        weight: w,
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut *out, &graph)?;
            s.push('\n');
        }
    }
    out.write_all(s.as_bytes())
}

/// Writes what has been built up once it is large, so that a network of a
/// million edges is not held as one string.
fn flush(s: &mut String, out: &mut dyn Write) -> io::Result<()> {
    if s.len() > 1 << 16 {
        out.write_all(s.as_bytes())?;
        s.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Engine;

    #[test]
    fn edges_count_sentences_that_name_both() {
        let corpus = crate::corpus::bundled();
        let cast = Cast::build(&Engine::builtin(), &corpus.articles);
        let net = network(&corpus, &cast);
        let kerry = cast.find("John Kerry").unwrap();
        let lavrov = cast.find("Lavrov").unwrap();
        let pos = |a| net.nodes.iter().position(|&x| x == a).unwrap();
        let (i, j) = (pos(kerry).min(pos(lavrov)), pos(kerry).max(pos(lavrov)));
        let w = net.edges.iter().find(|e| e.0 == i && e.1 == j).unwrap().2;
        let counted: usize = super::super::cooccur::shared_counts(&corpus, &cast, kerry, lavrov)
            .values()
            .sum();
        assert_eq!(w as usize, counted);
        assert!(net.edges.iter().all(|e| e.0 < e.1 && e.2 > 0));
    }

    #[test]
    fn names_are_escaped_for_xml() {
        assert_eq!(xml("AT&T <\"x\">\u{1}"), "AT&amp;T &lt;&quot;x&quot;&gt;");
    }
}
