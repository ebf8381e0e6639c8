//! Memory per article, beyond its text and its cast, measured on tiny JSON
//! Lines articles (`{"title": "Story 17", "text": "Kerry said 17 times."}`).
//!
//! `cargo run --release --example overhead -- [N]` (default 1,000,000) runs
//! itself as child processes, each on a fresh file, and reads their peak
//! memory (VmHWM):
//!
//! - `reader`: the articles indexed as the reader indexes them (background
//!   indexer, `App::absorb`, the lists rebuilt), at N/4 and at N articles;
//! - `cast`: the same files through `castlist actors`' pipeline, which keeps
//!   the cast and no article;
//! - `cast-alone`: the same files through the background indexer, each
//!   article's actors added to a cast as the reader adds them, the article
//!   dropped then: the cast without the pipeline's own per-article records
//!   (`castlist actors` keeps one per article to find copies, about 33
//!   bytes), which the `cast` figure counts as the cast's.
//!
//! The growth from N/4 to N articles, divided by the extra articles, is the
//! memory an article costs (the constant part, the engine's tables and the
//! indexer's window, drops out); less its text (title and body bytes) and
//! less what the cast costs an article, it is the overhead.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use rustc_hash::FxHashMap;

use castlist::app::{App, Msg};
use castlist::cast::{Cast, Engine};
use castlist::commands::gather::{Keep, gather};
use castlist::corpus::{Article, Corpus, LoadOptions};
use castlist::index::{Event, Indexer};
use castlist::keymap::Keymap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("child") {
        return child(&args[1], Path::new(&args[2]));
    }
    let n: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("castlist-overhead-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let quarter = n / 4;
    let (small, small_text) = write_articles(&dir, quarter)?;
    let (big, big_text) = write_articles(&dir, n)?;
    let extra = (n - quarter) as f64;
    let text = (big_text - small_text) as f64 / extra;
    let per = |mode: &str| -> Result<f64, Box<dyn std::error::Error>> {
        let m1 = run_child(mode, &small)?;
        let m4 = run_child(mode, &big)?;
        println!(
            "{mode}: {quarter} articles peak {:.1} MB, {n} articles peak {:.1} MB",
            m1 as f64 / 1e6,
            m4 as f64 / 1e6
        );
        Ok(m4.saturating_sub(m1) as f64 / extra)
    };
    let reader = per("reader")?;
    let cast = per("cast")?;
    let alone = per("cast-alone")?;
    println!(
        "an article costs the reader {reader:.0} bytes: text {text:.1}, cast {cast:.0} (castlist actors), {alone:.0} (the cast alone)"
    );
    println!(
        "overhead beyond text and cast: {:.0} bytes an article ({:.0} beyond the cast alone)",
        reader - text - cast,
        reader - text - alone
    );
    println!(
        "of which the Article itself: {} bytes (its text's allocation, load order, list and copy-finder are the rest)",
        std::mem::size_of::<Article>()
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Writes `n` tiny articles; returns the file and their text bytes as the
/// loader keeps them (title and body).
fn write_articles(dir: &Path, n: usize) -> std::io::Result<(PathBuf, usize)> {
    let path = dir.join(format!("tiny-{n}.jsonl"));
    let mut jsonl = String::new();
    let mut text = 0;
    for i in 0..n {
        let (title, body) = (format!("Story {i}"), format!("Kerry said {i} times."));
        text += title.len() + body.len();
        jsonl.push_str(&format!(
            "{{\"title\": \"{title}\", \"text\": \"{body}\"}}\n"
        ));
    }
    std::fs::write(&path, jsonl)?;
    Ok((path, text))
}

fn run_child(mode: &str, path: &Path) -> Result<u64, Box<dyn std::error::Error>> {
    let out = Command::new(std::env::current_exe()?)
        .args(["child", mode])
        .arg(path)
        .output()?;
    let text = String::from_utf8(out.stdout)?;
    Ok(text.trim().parse()?)
}

/// In a child: indexes `path` in `mode`, prints peak memory in bytes.
fn child(mode: &str, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Arc::new(Engine::builtin());
    match mode {
        "reader" => {
            let mut indexer =
                Indexer::spawn_walk(vec![path.to_path_buf()], LoadOptions::default(), engine);
            let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
            while !indexer.is_done() {
                indexer.drain(Duration::from_millis(50), |event| {
                    app.update(Msg::Indexed(event));
                });
                std::thread::sleep(Duration::from_millis(5));
            }
            app.update(Msg::Refresh);
            std::hint::black_box(&app);
        }
        "cast-alone" => {
            let mut indexer =
                Indexer::spawn_walk(vec![path.to_path_buf()], LoadOptions::default(), engine);
            let mut cast = Cast::default();
            // Articles read, by load order, until their actors come.
            let mut waiting: FxHashMap<(u32, u32), (usize, Article)> = FxHashMap::default();
            let mut next = 0;
            while !indexer.is_done() {
                indexer.drain(Duration::from_millis(50), |event| match event {
                    Event::Articles(batch) => {
                        for indexed in batch {
                            waiting.insert(indexed.order, (next, indexed.article));
                            next += 1;
                        }
                    }
                    Event::Actors(batch) => {
                        for analysed in batch {
                            if let Some((id, article)) = waiting.remove(&analysed.order) {
                                cast.add(id, &article, &analysed.actors);
                            }
                        }
                    }
                    _ => {}
                });
                std::thread::sleep(Duration::from_millis(5));
            }
            cast.finish();
            std::hint::black_box(&cast);
        }
        _ => {
            let gathered = gather(
                &[path.to_path_buf()],
                LoadOptions::default(),
                Some(engine),
                Keep::Cast,
                &mut |_| Ok(()),
            )?;
            std::hint::black_box(&gathered);
        }
    }
    println!("{}", peak_memory().unwrap_or(0));
    Ok(())
}

/// This process's peak resident memory (VmHWM), in bytes.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}
