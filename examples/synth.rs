//! Writes a synthetic news corpus as JSON Lines, for benchmarks at scale.
//!
//! `cargo run --release --example synth -- 100000 /tmp/synth-100k.jsonl [BYTES]`
//! writes 100,000 articles of about BYTES (default 5,000) bytes of body each.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(path)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: synth N OUT.jsonl [BYTES]");
        std::process::exit(2);
    };
    let bytes = args.get(2).and_then(|b| b.parse().ok()).unwrap_or(5_000);
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    for id in 0..n {
        writeln!(out, "{}", synth::json_line(id, bytes))?;
    }
    out.flush()
}
