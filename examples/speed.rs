//! Measures the engine's throughput on one core over any collection castlist
//! opens (e.g. `../shared/corpora/bbc`, or a JSONL file from `--example synth`),
//! optionally only its first N articles:
//!
//! ```text
//! cargo run --release --example speed -- ../shared/corpora/bbc
//! cargo run --release --example speed -- /tmp/synth-100k.jsonl 5000
//! ```

use std::path::PathBuf;
use std::time::Instant;

/// CPU seconds this thread has used (Linux; 0 elsewhere): on a shared machine
/// wall time measures the neighbours too.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses): utime is 14th, stime 15th.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: speed PATH [N]");
        std::process::exit(2);
    };
    let limit: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    // What `castlist actors PATH` does, end to end: read, clean, analyse on all
    // cores, merge, print.
    let t = Instant::now();
    let mut corpus = match castlist::corpus::load_paths(
        &[PathBuf::from(&dir)],
        &castlist::corpus::LoadOptions::default(),
    ) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    corpus.articles.truncate(limit);
    let docs: Vec<String> = corpus
        .articles
        .iter()
        .map(|a| a.body().to_string())
        .collect();
    let engine = castlist::cast::Engine::builtin();
    let cast = castlist::cast::Cast::build(&engine, &corpus.articles);
    let mut sink = Vec::new();
    let _ = castlist::commands::actors::run(&cast, true, &mut sink);
    println!(
        "actors end to end (read, clean, analyse on {} threads, merge, JSON): {:.3} s wall, {} actors",
        rayon::current_num_threads(),
        t.elapsed().as_secs_f64(),
        cast.actors().iter().filter(|a| a.mentions > 0).count()
    );
    let bytes: usize = docs.iter().map(String::len).sum();
    let t = Instant::now();
    let engine = castlist::cast::Engine::builtin();
    let load = t.elapsed();
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut mentions = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let c = cpu_seconds();
        mentions = 0;
        for d in &docs {
            mentions += engine.analyze(d).mentions.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_seconds() - c);
    }
    // The same analysis on every core, to show how it scales.
    let t = Instant::now();
    let all: usize = {
        use rayon::prelude::*;
        docs.par_iter()
            .map(|d| engine.analyze(d).mentions.len())
            .sum()
    };
    let par = t.elapsed().as_secs_f64();
    assert_eq!(all, mentions);
    // The merge alone: documents analysed beforehand, added one by one, finished.
    let analysed: Vec<_> = docs.iter().map(|d| engine.analyze(d)).collect();
    let t = Instant::now();
    let mut cast = castlist::cast::Cast::default();
    for (i, (d, a)) in docs.iter().zip(&analysed).enumerate() {
        cast.add(i, d.as_str(), a);
    }
    let added = t.elapsed().as_secs_f64() * 1e3;
    let f = Instant::now();
    cast.finish();
    let finished = f.elapsed().as_secs_f64() * 1e3;
    println!("  of which adding {added:.1} ms, deciding the actors (finish) {finished:.1} ms");
    println!(
        "merge of {} documents into the cast: {:.1} ms",
        docs.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "{dir}: {} documents, {:.2} MB, {mentions} mentions; engine load {:.1} ms; analyze best of 3: {:.3} s wall = {:.1} MB/s, {:.2} s CPU = {:.1} MB/s on one core",
        docs.len(),
        bytes as f64 / 1e6,
        load.as_secs_f64() * 1e3,
        best,
        bytes as f64 / best / 1e6,
        best_cpu,
        bytes as f64 / best_cpu / 1e6
    );
    println!(
        "analyze on {} threads: {par:.3} s wall = {:.1} MB/s ({:.2}x one core)",
        rayon::current_num_threads(),
        bytes as f64 / par / 1e6,
        best / par
    );
}
