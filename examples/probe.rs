//! Probes the cast of a real collection the way a reader following actors
//! would judge it: the top N actors (for a person to read for junk, wrong
//! kinds and wrong merges), and for each followed actor how many of the
//! mentions written with its names it holds (recall) and how many of its
//! mentions are written with them (purity), with the other actors that hold
//! its names.
//!
//! ```text
//! cargo run --release --example probe -- ../shared/corpora/bbc 100 \
//!     "Tony Blair=Tony Blair,Blair,Mr Blair" "London=London"
//! ```
//!
//! A followed actor is `NAME=FORM,FORM,...`: the actor the cast calls NAME
//! (or that has NAME as an alias) and the surface forms that name it. Forms
//! are compared exactly (case included). Teams in sports reports are actors of
//! their own ("Scotland (rugby union)"): their mentions are other entities
//! and are counted apart, not against the place.

use std::collections::BTreeMap;
use std::path::PathBuf;

use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Article};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(top)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: probe PATH TOP [NAME=FORM,FORM...]...");
        std::process::exit(2);
    };
    let top: usize = top;
    let corpus = match corpus::load_paths(&[PathBuf::from(path)], &Default::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let cast = Cast::build(&Engine::builtin(), &corpus.articles);
    let mut live: Vec<usize> = (0..cast.actors().len())
        .filter(|&a| cast.actors()[a].mentions > 0)
        .collect();
    live.sort_by(|&a, &b| {
        let (x, y) = (&cast.actors()[a], &cast.actors()[b]);
        y.mentions
            .cmp(&x.mentions)
            .then_with(|| x.name.cmp(&y.name))
    });
    println!(
        "{path}: {} articles, {} actors; the top {top}:",
        corpus.articles.len(),
        live.len()
    );
    for (rank, &a) in live.iter().take(top).enumerate() {
        let actor = &cast.actors()[a];
        let aliases: Vec<String> = actor
            .aliases
            .iter()
            .take(6)
            .map(|al| format!("{} {}", al.text, al.count))
            .collect();
        println!(
            "{:>4} {:>6} {:<13} {:<34} {}",
            rank + 1,
            actor.mentions,
            actor.kind.label(),
            actor.name,
            aliases.join(", ")
        );
    }
    for spec in &args[2..] {
        let Some((name, forms)) = spec.split_once('=') else {
            eprintln!("{spec}: expected NAME=FORM,FORM...");
            continue;
        };
        let forms: Vec<&str> = forms.split(',').map(str::trim).collect();
        follow(&cast, &corpus.articles, name, &forms);
    }
}

/// Recall and purity of the actor named `name` over the mentions written as
/// one of `forms`.
fn follow(cast: &Cast, articles: &[Article], name: &str, forms: &[&str]) {
    let Some(id) = cast.find(name) else {
        println!("{name}: no such actor");
        return;
    };
    let surface = |article: usize, m: &castlist::cast::Mention| {
        articles
            .get(article)
            .and_then(|a| a.part(m.range()))
            .map_or("", |p| p.text())
    };
    // Every mention written with one of the forms, by the actor holding it.
    let mut holders: BTreeMap<u32, usize> = BTreeMap::new();
    // Of the actor's own, those written with the forms other than as an
    // adjective ("Tory" in "Tory MP" is a party form): purity compares them
    // with the actor's mentions less its demonyms.
    let mut held_as_names = 0;
    for (article, a) in articles.iter().enumerate() {
        let _ = a;
        for m in cast.mentions_in(article) {
            if forms.contains(&surface(article, m)) {
                *holders.entry(m.actor).or_default() += 1;
                if m.actor == id && m.form != castlist::cast::Form::Demonym {
                    held_as_names += 1;
                }
            }
        }
    }
    let is_team = |a: u32| cast.actor(a).is_some_and(|x| x.key.starts_with("team:"));
    let held = holders.get(&id).copied().unwrap_or(0);
    let teams: usize = holders
        .iter()
        .filter(|(a, _)| is_team(**a))
        .map(|(_, n)| n)
        .sum();
    let written: usize = holders.values().sum::<usize>() - teams;
    // Purity over its names: demonyms ("Scottish" for Scotland) are its own.
    let actor = cast
        .mentions_of(id)
        .filter(|(_, m)| m.form != castlist::cast::Form::Demonym)
        .count();
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "{name}: {held} of {written} mentions written {forms:?} ({:.1} % recall), {held_as_names} of its {actor} mentions ({:.1} % purity); {teams} more are teams' in sports reports",
        pct(held, written),
        pct(held_as_names, actor)
    );
    let mut others: Vec<(usize, u32)> = holders
        .iter()
        .filter(|(a, _)| **a != id)
        .map(|(a, n)| (*n, *a))
        .collect();
    others.sort_unstable_by(|x, y| y.cmp(x));
    for (n, a) in others.into_iter().take(6) {
        println!(
            "    also {n} in {:?}",
            cast.actor(a).map_or("?", |x| x.name.as_str())
        );
    }
    let mut foreign: BTreeMap<&str, usize> = BTreeMap::new();
    let mut demonyms = 0;
    for (article, m) in cast.mentions_of(id) {
        let s = surface(article, m);
        if m.form == castlist::cast::Form::Demonym {
            demonyms += 1;
        } else if !forms.contains(&s) {
            *foreign.entry(s).or_default() += 1;
        }
    }
    if demonyms > 0 {
        println!("    and {demonyms} demonyms (\"Scottish\"), its own and not counted above");
    }
    let mut foreign: Vec<(usize, &str)> = foreign.into_iter().map(|(s, n)| (n, s)).collect();
    foreign.sort_unstable_by(|x, y| y.cmp(x));
    if !foreign.is_empty() {
        let shown: Vec<String> = foreign
            .iter()
            .take(8)
            .map(|(n, s)| format!("{s} {n}"))
            .collect();
        println!("    its other forms: {}", shown.join(", "));
    }
}
