//! Measures the quote finder's throughput on one core over any collection
//! castlist opens (e.g. `../shared/corpora/bbc`): the actor engine alone, the
//! quote finder alone (extraction and attribution, given each document's
//! actors), and both; the median of five runs each, in CPU time of this thread.
//!
//! ```text
//! cargo run --release --example quotes_speed -- ../shared/corpora/bbc
//! ```
//!
//! A second argument `engine`, `quotes`, `both` or `none` runs only that
//! measure (`none`: loading alone), so that instruction counts of whole runs
//! (`valgrind --tool=callgrind`) can be subtracted from one another without
//! depending on how the compiler inlined the functions measured.

use std::path::PathBuf;
use std::time::Instant;

/// CPU seconds this thread has used (Linux; wall time elsewhere).
fn cpu_seconds(start: Instant) -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return start.elapsed().as_secs_f64();
    };
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: quotes_speed PATH [engine|quotes|both|none]");
        std::process::exit(2);
    };
    let only = std::env::args().nth(2);
    if only
        .as_deref()
        .is_some_and(|m| !matches!(m, "engine" | "quotes" | "both" | "none"))
    {
        eprintln!("usage: quotes_speed PATH [engine|quotes|both|none]");
        std::process::exit(2);
    }
    let measured = |m: &str| only.as_deref().is_none_or(|o| o == m);
    let corpus = match castlist::corpus::load_paths(
        &[PathBuf::from(&dir)],
        &castlist::corpus::LoadOptions::default(),
    ) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let docs: Vec<String> = corpus
        .articles
        .iter()
        .map(|a| a.document().to_string())
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let engine = castlist::cast::Engine::builtin();
    let analysed: Vec<_> = docs.iter().map(|d| engine.analyze(d)).collect();
    // Decode the embedded weights before timing.
    let _ = engine.quotes("", &analysed[0]);
    let start = Instant::now();
    let time = |mode: &str, f: &dyn Fn() -> usize| -> (f64, usize) {
        let mut runs = Vec::new();
        let mut n = 0;
        if !measured(mode) {
            return (f64::NAN, 0);
        }
        for _ in 0..5 {
            let c = cpu_seconds(start);
            n = f();
            runs.push(cpu_seconds(start) - c);
        }
        (median(runs), n)
    };
    let (t_engine, mentions) = time("engine", &|| {
        docs.iter().map(|d| engine.analyze(d).mentions.len()).sum()
    });
    let (t_quotes, quotes) = time("quotes", &|| {
        docs.iter()
            .zip(&analysed)
            .map(|(d, a)| engine.quotes(d, a).len())
            .sum()
    });
    let (t_both, _) = time("both", &|| {
        docs.iter()
            .map(|d| engine.analyze_with_quotes(d).1.len())
            .sum()
    });
    let mb = bytes as f64 / 1e6;
    println!(
        "{dir}: {} documents, {mb:.2} MB, {mentions} mentions, {quotes} attributions (median of 5, CPU seconds, one core)",
        docs.len()
    );
    println!(
        "actor engine alone:                 {t_engine:.3} s = {:.1} MB/s",
        mb / t_engine
    );
    println!(
        "quote extraction and attribution:   {t_quotes:.3} s = {:.1} MB/s",
        mb / t_quotes
    );
    println!(
        "both (analyze_with_quotes):         {t_both:.3} s = {:.1} MB/s ({:.0}% slower than the engine alone)",
        mb / t_both,
        100.0 * (t_both / t_engine - 1.0)
    );
}
