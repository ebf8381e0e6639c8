//! How long settling a large cast takes (`Cast::finish`, run when indexing
//! completes and after a changed file is read again), on the cast saved in an
//! index cache: `cargo run --release --example settle -- ~/.cache/castlist/index/HASH/index.bin`.

use std::time::Instant;

use castlist::cast::Cast;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: settle INDEX.bin")?;
    let t = Instant::now();
    let (_, bytes) = castlist::cache::frame::peek(path.as_ref(), *b"INDX", b"CAST")?;
    let bytes = bytes.ok_or("no cast in it")?;
    println!(
        "read {:.1} MB in {:.3} s",
        bytes.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut cast = Cast::from_bytes(&bytes)?;
    println!("decoded in {:.3} s", t.elapsed().as_secs_f64());
    let mentions: usize = (0..cast.article_count())
        .map(|a| cast.mentions_in(a).len())
        .sum();
    println!("{} articles, {} mentions", cast.article_count(), mentions);
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        cast.finish();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "finish: median {:.3} s (min {:.3}, max {:.3})",
        times[2], times[0], times[4]
    );
    Ok(())
}
