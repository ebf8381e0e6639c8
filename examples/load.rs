//! Loads the paths given on the command line and prints how many articles and
//! warnings came out and how long it took: a check of the loaders on real
//! corpora. `--show N` prints the first N articles; `--warnings` every warning;
//! `--list` or `--json` the listing of `castlist articles` instead.
//!
//!     cargo run --release --example load -- ../shared/corpora/bbc

use std::path::PathBuf;
use std::time::Instant;

use castlist::corpus::{self, LoadOptions};

fn main() {
    let mut paths = Vec::new();
    let mut show = 0usize;
    let mut all_warnings = false;
    let mut list: Option<bool> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--show" => show = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            "--warnings" => all_warnings = true,
            "--list" => list = Some(false),
            "--json" => list = Some(true),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let start = Instant::now();
    let corpus = if paths.is_empty() {
        corpus::bundled()
    } else {
        match corpus::load_paths(&paths, &LoadOptions::default()) {
            Ok(corpus) => corpus,
            Err(e) => {
                eprintln!("castlist: {e}");
                std::process::exit(2);
            }
        }
    };
    let elapsed = start.elapsed();
    if let Some(json) = list {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let listed: Vec<castlist::commands::gather::Listed> = corpus
            .articles
            .into_iter()
            .map(castlist::commands::gather::Listed::new)
            .collect();
        if let Err(e) = castlist::commands::articles::run(&listed, json, &mut out) {
            eprintln!("castlist: {e}");
        }
        return;
    }
    let bytes: usize = corpus
        .articles
        .iter()
        .map(|a| a.body().len() + a.title().len())
        .sum();
    let dated = corpus
        .articles
        .iter()
        .filter(|a| a.date().is_some())
        .count();
    let derived = corpus.articles.iter().filter(|a| a.title_derived()).count();
    println!(
        "{} articles ({} dated, {} derived titles), {:.1} MB of text, {} warnings, {:.0} ms",
        corpus.articles.len(),
        dated,
        derived,
        bytes as f64 / 1e6,
        corpus.warnings.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    let shown_warnings = if all_warnings {
        corpus.warnings.len()
    } else {
        10
    };
    for w in corpus.warnings.iter().take(shown_warnings) {
        println!("warning: {w}");
    }
    for a in corpus.articles.iter().take(show) {
        println!(
            "\n== {} [{}] {:?} derived={} date={:?} source={:?}",
            a.origin,
            a.id(),
            a.title(),
            a.title_derived(),
            a.date(),
            a.source()
        );
        println!("{}", a.body());
    }
}
