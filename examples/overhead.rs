//! Memory per article, beyond its text and its cast: N tiny JSON Lines
//! articles (`{"title": "Story 17", "text": "Kerry said 17 times."}`) indexed
//! as the reader indexes them (background indexer, `App::absorb`), then taken
//! apart piece by piece while a counting allocator says what each held.
//!
//! `cargo run --release --example overhead -- [N]` (default 200,000). Heap
//! bytes are counted as glibc's malloc spends them on x86_64: each block
//! takes its size plus an 8-byte header, rounded up to 16, at least 32.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use castlist::app::App;
use castlist::cast::{Cast, Engine};
use castlist::corpus::{Corpus, LoadOptions};
use castlist::index::Indexer;
use castlist::keymap::Keymap;

/// The global allocator, counting the bytes of live blocks.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// What a block of `size` bytes costs in glibc's malloc.
fn chunk(size: usize) -> usize {
    ((size + 8 + 15) & !15).max(32)
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counter only observes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(chunk(layout.size()), Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(chunk(layout.size()), Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(chunk(new_size), Ordering::Relaxed);
        LIVE.fetch_sub(chunk(layout.size()), Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// The bytes freed by dropping `value`.
fn held<T>(value: T) -> usize {
    let before = live();
    drop(value);
    before.saturating_sub(live())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    let dir = std::env::temp_dir().join(format!("castlist-overhead-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("tiny.jsonl");
    let mut jsonl = String::new();
    for i in 0..n {
        jsonl.push_str(&format!(
            "{{\"title\": \"Story {i}\", \"text\": \"Kerry said {i} times.\"}}\n"
        ));
    }
    std::fs::write(&path, &jsonl)?;
    let input = jsonl.len();
    drop(jsonl);

    let engine = Arc::new(Engine::builtin());
    let before = live();
    let mut indexer = Indexer::spawn_walk(vec![path], LoadOptions::default(), engine);
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    while !indexer.is_done() {
        indexer.drain(Duration::from_millis(50), |event| app.absorb(event));
        std::thread::sleep(Duration::from_millis(5));
    }
    app.refresh();
    drop(indexer);
    let total = live().saturating_sub(before);
    let articles = app.corpus.articles.len();
    let text: usize = app
        .corpus
        .articles
        .iter()
        .map(|a| a.title.len() + a.body.len())
        .sum();
    let cast = held(std::mem::take(&mut app.cast));
    let bodies = held(
        app.corpus
            .articles
            .iter_mut()
            .map(|a| (std::mem::take(&mut a.title), std::mem::take(&mut a.body)))
            .collect::<Vec<_>>(),
    );
    let rest_of_articles = held(std::mem::take(&mut app.corpus.articles));
    let warnings = held(std::mem::take(&mut app.corpus.warnings));
    let app_rest = total.saturating_sub(cast + bodies + rest_of_articles + warnings);
    let per = |bytes: usize| bytes as f64 / articles.max(1) as f64;
    println!(
        "{articles} articles from {input} bytes of JSON Lines ({:.1} bytes a line)",
        per(input)
    );
    println!(
        "all that indexing keeps: {:.1} bytes an article",
        per(total)
    );
    println!("  text (title and body bytes):     {:>7.1}", per(text));
    println!("  title and body blocks (heap):    {:>7.1}", per(bodies));
    println!("  cast:                            {:>7.1}", per(cast));
    println!(
        "  the Article structs ({} bytes each) and their other blocks: {:.1}",
        std::mem::size_of::<castlist::corpus::Article>(),
        per(rest_of_articles)
    );
    println!("  warnings:                        {:>7.1}", per(warnings));
    println!("  the app's own lists and indexes: {:>7.1}", per(app_rest));
    let overhead = total.saturating_sub(text + cast);
    println!(
        "overhead beyond text and cast: {:.1} bytes an article",
        per(overhead)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
