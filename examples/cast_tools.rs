//! Measures the cast tools of issue 11 on any collection castlist opens
//! (medians of several runs, one process):
//!
//! - the finder: a key typed into `/` (ranking every name and alias), on the
//!   whole cast and on its first 50,000 actors;
//! - who appears with whom: the co-actors of the actor with mentions nearest
//!   50,000 (and of the most mentioned);
//! - the query filter over every article, for a few queries;
//! - the concordance of that actor: `C` pressed and the first frame drawn;
//! - a merge, its undo and a split in the cast;
//! - a frame of the reader with the co-actors listed.
//!
//! ```text
//! python3 ../shared/tools/make_corpus.py /tmp/real-100k 100000 \
//!     ../shared/corpora/allsides/allsides-2000.jsonl ../shared/corpora/bbc ../shared/corpora/reuters21578/txt
//! cargo run --release --example cast_tools -- /tmp/real-100k
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use castlist::action::Action;
use castlist::app::finder::Finder;
use castlist::app::{App, Msg, Pane};
use castlist::cast::{ActorId, Cast};
use castlist::commands::gather::{Keep, gather};
use castlist::corpus::{Corpus, LoadOptions};
use castlist::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn median(mut xs: Vec<Duration>) -> f64 {
    xs.sort();
    xs[xs.len() / 2].as_secs_f64() * 1e3
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
    }
    (median(times), last.expect("runs > 0"))
}

/// CPU seconds this process has used, all threads (Linux; 0 elsewhere): on
/// a shared machine wall time measures the neighbours too.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Wall median and CPU milliseconds a run (the mean over `runs`).
fn time_cpu<T>(runs: usize, f: impl FnMut() -> T) -> (f64, f64, T) {
    let cpu = cpu_seconds();
    let (wall, last) = time(runs, f);
    (wall, (cpu_seconds() - cpu) * 1e3 / runs as f64, last)
}

fn name(cast: &Cast, a: ActorId) -> String {
    cast.actor(a).map(|x| x.name.clone()).unwrap_or_default()
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cast_tools PATH");
        std::process::exit(2);
    };
    let t = Instant::now();
    let gathered = match gather(
        &[PathBuf::from(&path)],
        LoadOptions::default(),
        None,
        Keep::Everything,
        &mut |_| Ok(()),
    ) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let corpus = Corpus {
        articles: gathered.articles,
        warnings: Vec::new(),
    };
    let cast = gathered.cast;
    let live: Vec<ActorId> = (0..cast.actors().len() as ActorId)
        .filter(|&a| cast.actor(a).is_some_and(|x| x.mentions > 0))
        .collect();
    let mentions: usize = live.iter().map(|&a| cast.actor(a).unwrap().mentions).sum();
    println!(
        "{path}: {} articles, {} live actors, {mentions} mentions; read and cast in {:.1} s",
        corpus.articles.len(),
        live.len(),
        t.elapsed().as_secs_f64()
    );

    // The finder: each prefix of a few names typed, a key at a time.
    let queries = ["vladimir putin", "kerry", "united nations", "xq"];
    let (build, mut finder) = time(3, || Finder::new(&cast));
    println!(
        "finder: built over {} names and aliases in {build:.1} ms (once, when / is pressed)",
        finder.len()
    );
    let mut keys = Vec::new();
    let mut fresh = Vec::new();
    for q in queries {
        for end in 1..=q.len() {
            let t = Instant::now();
            finder.rank(&cast, &q[..end]);
            keys.push(t.elapsed());
        }
        // Deleting back to the first letter, a key at a time.
        for end in (1..q.len()).rev() {
            let t = Instant::now();
            finder.rank(&cast, &q[..end]);
            keys.push(t.elapsed());
        }
        // A first key (no narrowing to help).
        let mut cold = Finder::new(&cast);
        let t = Instant::now();
        cold.rank(&cast, &q[..1]);
        fresh.push(t.elapsed());
        finder.rank(&cast, "");
    }
    let worst = keys.iter().max().copied().unwrap_or_default();
    println!(
        "finder: a key typed or deleted, median {:.2} ms (worst {:.2} ms) over {} keys; a first letter {:.2} ms median",
        median(keys.clone()),
        worst.as_secs_f64() * 1e3,
        keys.len(),
        median(fresh)
    );

    // The actor whose mentions are nearest 50,000, and the most mentioned.
    let by_mentions = |a: &ActorId| cast.actor(*a).map_or(0, |x| x.mentions);
    let near = *live
        .iter()
        .min_by_key(|a| by_mentions(a).abs_diff(50_000))
        .expect("a live actor");
    let top = *live
        .iter()
        .max_by_key(|a| by_mentions(a))
        .expect("a live actor");
    for actor in [near, top] {
        let (ms, cpu, found) = time_cpu(5, || {
            castlist::analysis::cooccur::co_actors(&corpus, &cast, actor)
        });
        let first: Vec<String> = found.iter().take(5).map(|c| name(&cast, c.actor)).collect();
        println!(
            "co-actors of {} ({} mentions): {ms:.1} ms median ({cpu:.0} ms CPU), {} co-actors; first {first:?}",
            name(&cast, actor),
            by_mentions(&actor),
            found.len()
        );
    }

    // The query filter over every article.
    let near_name = name(&cast, near);
    let second = found_second(&cast, near);
    let queries = [
        format!("actor:\"{near_name}\""),
        format!("actor:\"{near_name}\" with:\"{second}\""),
        format!("actor:\"{near_name}\" kind:person source:bbc after:2016-09-01 before:2016-10"),
        "ceasefire -aleppo".to_string(),
        format!("actor:\"{near_name}\" with:\"{second}\" government -minister"),
    ];
    for q in &queries {
        let (ms, cpu, result) = time_cpu(5, || castlist::app::query::evaluate(q, &corpus, &cast));
        match result {
            Ok(on) => println!(
                "query {q}: {ms:.1} ms median ({cpu:.0} ms CPU), {} articles",
                on.iter().filter(|x| **x).count()
            ),
            Err(e) => println!("query {q}: {e}"),
        }
    }

    // Corrections in the cast: a merge of the second actor into the first,
    // its undo, and a split of an alias.
    let mut fixing = cast.clone();
    let second_id = fixing.find(&second).unwrap_or(top);
    let mut merges = Vec::new();
    let mut undos = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let fixed = fixing.merge_actors(second_id, near);
        merges.push(t.elapsed());
        let t = Instant::now();
        let _ = fixing.undo_fix();
        undos.push(t.elapsed());
        if let Err(e) = fixed {
            println!("merge: {e}");
            break;
        }
    }
    println!(
        "merge {second} ({} mentions) into {near_name}: {:.1} ms median; undo {:.1} ms",
        by_mentions(&second_id),
        median(merges),
        median(undos)
    );
    let alias = fixing.actor(near).and_then(|a| {
        a.aliases
            .iter()
            .find(|x| x.text != a.name)
            .map(|x| x.text.clone())
    });
    if let Some(alias) = alias {
        let t = Instant::now();
        let split = fixing.split_alias(near, &alias);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        match split {
            Ok(f) => println!(
                "split {alias} off {near_name}: {ms:.1} ms ({} mentions)",
                f.moved
            ),
            Err(e) => println!("split {alias} off {near_name}: {e} ({ms:.1} ms)"),
        }
    }

    // The concordance and frames, in the app, at 200×50.
    let mut app = App::new(corpus, cast, Keymap::builtin());
    let area = Rect::new(0, 0, 200, 50);
    app.update(Msg::Resize(area));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("a test backend");
    let mut frame = |app: &mut App| {
        terminal
            .draw(|f| castlist::ui::render(app, f))
            .expect("drawing to memory");
    };
    // Follow `near`: find it, Enter.
    app.update(Action::FocusPane(Pane::Cast));
    app.update(Action::FindActor);
    for c in near_name.chars() {
        app.update(Action::InsertChar(c));
    }
    app.update(Action::ConfirmSearch);
    app.update(Msg::Resize(area));
    frame(&mut app);
    let followed = app.target().map_or(0, |t| t.total());
    let chosen = app.followed_actor().map(|a| name(app.cast(), a));
    println!("the finder's Enter on {near_name:?} followed {chosen:?}");
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        app.update(Action::Concordance);
        app.update(Msg::Resize(area));
        frame(&mut app);
        opens.push(t.elapsed());
        app.update(Action::Concordance);
    }
    println!(
        "concordance of {near_name} ({followed} lines): C and the first frame {:.2} ms median",
        median(opens)
    );
    app.update(Action::Concordance);
    let mut scrolls = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        app.update(Action::PageDown);
        app.update(Msg::Resize(area));
        frame(&mut app);
        scrolls.push(t.elapsed());
    }
    println!(
        "concordance: a page down and its frame {:.2} ms median",
        median(scrolls)
    );
    app.update(Action::Concordance);
    // Frames with the co-actors listed and the timeline in the detail.
    app.update(Action::FocusPane(Pane::Cast));
    let t = Instant::now();
    app.update(Action::Together);
    let together = t.elapsed().as_secs_f64() * 1e3;
    let mut frames = Vec::new();
    for i in 0..100 {
        let t = Instant::now();
        app.update(if i % 2 == 0 { Action::Down } else { Action::Up });
        app.update(Msg::Resize(area));
        frame(&mut app);
        frames.push(t.elapsed());
    }
    println!(
        "t (co-actors listed) {together:.1} ms; then a frame (j/k, detail with its timeline) {:.2} ms median",
        median(frames)
    );
}

/// The most mentioned actor other than `actor` (for `with:` and a merge):
/// cheap, and always there.
fn found_second(cast: &Cast, actor: ActorId) -> String {
    let mut live: Vec<(usize, ActorId)> = (0..cast.actors().len() as ActorId)
        .filter(|&a| a != actor)
        .filter_map(|a| cast.actor(a).map(|x| (x.mentions, a)))
        .collect();
    live.sort_unstable_by(|a, b| b.cmp(a));
    live.first()
        .map(|&(_, a)| name(cast, a))
        .unwrap_or_default()
}
