//! Scores the actor engine on human-annotated data (paths given; the data are not
//! in the repository):
//!
//! ```text
//! cargo run --release --example eval -- conll ../shared/eval/conll2003/valid.txt
//! cargo run --release --example eval -- aida ../shared/eval/aida/aida-conll-dev.benchmark.jsonl [CONLL_VALID]
//! ```
//!
//! `conll`: entity-level exact-match P/R/F1 per type and over PER+ORG+LOC (MISC
//! reported apart). `aida`: pairwise merge P/R/F1 over the PER/ORG/LOC mentions
//! castlist found whose span is a gold mention of a known entity, and the share of
//! alias pairs merged. AIDA's text is masked, so the documents are rebuilt from the
//! CoNLL file with the same documents (default: `../conll2003/valid.txt` beside it).

use std::path::Path;
use std::process::ExitCode;

use castlist::cast::conll::{self, Entity, TYPES};
use castlist::cast::eval::{self, ClusterScores, Counts, Linked, PairCounts, Pooled};
use castlist::cast::{Cast, DocActors, Engine, Form, Kind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("conll") if args.len() >= 2 => conll_eval(&args[1]),
        Some("aida") if args.len() >= 2 => {
            let default = Path::new(&args[1])
                .parent()
                .map(|p| p.join("../conll2003/valid.txt"));
            let conll = args.get(2).map(Into::into).or(default).unwrap_or_default();
            aida_eval(&args[1], &conll.display().to_string())
        }
        _ => Err("usage: eval conll FILE | eval aida AIDA_JSONL [CONLL_FILE]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn type_of(kind: Kind, form: Form) -> u8 {
    match (kind, form) {
        (_, Form::Demonym) | (Kind::Misc, _) => 4,
        (Kind::Person, _) => 1,
        (Kind::Organization, _) => 2,
        (Kind::Place, _) => 3,
    }
}

fn conll_eval(path: &str) -> Result<(), String> {
    let docs = conll::parse(&read(path)?);
    let engine = Engine::builtin();
    let mut total = [Counts::default(); 4];
    let started = std::time::Instant::now();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    for doc in &docs {
        let predicted: Vec<Entity> = engine
            .candidates(&doc.text)
            .iter()
            .map(|c| Entity {
                start: c.start,
                end: c.end,
                ty: type_of(c.kind, c.form),
            })
            .collect();
        for (t, c) in total
            .iter_mut()
            .zip(eval::score_entities(&doc.entities, &predicted))
        {
            t.add(c);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{path}: {} documents, {bytes} bytes, {:.2} MB/s",
        docs.len(),
        bytes as f64 / secs / 1e6
    );
    println!(
        "{:<14} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "type", "P", "R", "F1", "tp", "fp", "fn"
    );
    let row = |name: &str, c: Counts| {
        println!(
            "{name:<14} {:>6.2} {:>6.2} {:>6.2} {:>6} {:>6} {:>6}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    };
    for (name, c) in TYPES.iter().zip(total) {
        row(name, c);
    }
    row("PER+ORG+LOC", eval::core(&total));
    Ok(())
}

#[derive(serde::Deserialize)]
struct AidaDoc {
    labels: Vec<AidaLabel>,
}

#[derive(serde::Deserialize)]
struct AidaLabel {
    span: [usize; 2],
    entity_id: String,
}

fn aida_eval(aida: &str, conll_path: &str) -> Result<(), String> {
    let docs = conll::parse(&read(conll_path)?);
    let engine = Engine::builtin();
    let mut total = PairCounts::default();
    let mut found = 0usize;
    let mut gold_known = 0usize;
    let aida_text = read(aida)?;
    let lines: Vec<&str> = aida_text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != docs.len() {
        return Err(format!(
            "{aida}: {} documents but {conll_path} has {}",
            lines.len(),
            docs.len()
        ));
    }
    let mut golds = Vec::with_capacity(lines.len());
    for line in &lines {
        let a: AidaDoc = serde_json::from_str(line).map_err(|e| format!("{aida}: {e}"))?;
        golds.push(a);
    }
    let results: Vec<DocActors> = docs.iter().map(|d| engine.analyze(&d.text)).collect();
    // The whole split as one corpus, for the cross-document figures.
    let mut cast = Cast::default();
    for (i, (doc, result)) in docs.iter().zip(&results).enumerate() {
        cast.add(i, doc.text.as_str(), result);
    }
    cast.finish();
    let debug = std::env::var("EVAL_DEBUG").is_ok();
    // Pooled mentions for three clusterings: the cast's actors, the per-article
    // entity names, and the exact texts.
    let mut by_actor = Vec::new();
    let mut by_name = Vec::new();
    let mut by_text = Vec::new();
    let hash = |s: &str| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        s.hash(&mut h);
        h.finish()
    };
    for (i, ((a, doc), result)) in golds.iter().zip(&docs).zip(&results).enumerate() {
        let mut linked = Vec::new();
        for label in &a.labels {
            if label.entity_id.starts_with('<') {
                continue;
            }
            gold_known += 1;
            let [start, end] = label.span;
            let text = doc.text.get(start..end).unwrap_or("");
            let hit = result
                .mentions
                .iter()
                .find(|m| m.start == start && m.end == end);
            if let Some(m) = hit {
                let Some(entity) = result.entity(m.entity) else {
                    continue;
                };
                if m.form == Form::Name && entity.kind != Kind::Misc {
                    linked.push(Linked {
                        text,
                        gold: &label.entity_id,
                        actor: m.entity,
                    });
                    by_name.push(Pooled {
                        text,
                        gold: &label.entity_id,
                        cluster: hash(entity.name),
                    });
                    by_text.push(Pooled {
                        text,
                        gold: &label.entity_id,
                        cluster: hash(text),
                    });
                    let actor = cast
                        .mentions_in(i)
                        .iter()
                        .find(|m| m.start as usize == start && m.end as usize == end)
                        .map(|m| cast.resolve(m.actor));
                    if let Some(actor) = actor {
                        by_actor.push(Pooled {
                            text,
                            gold: &label.entity_id,
                            cluster: u64::from(actor),
                        });
                    }
                }
            }
        }
        if debug {
            for (i, a) in linked.iter().enumerate() {
                for b in &linked[i + 1..] {
                    if (a.gold == b.gold) != (a.actor == b.actor) {
                        let what = if a.gold == b.gold { "MISSED" } else { "WRONG" };
                        println!("{what}\t{}\t{}\t{} / {}", a.text, b.text, a.gold, b.gold);
                    }
                }
            }
        }
        found += linked.len();
        total.add(eval::score_pairs(&linked));
    }
    let c = total.pairs;
    println!(
        "{aida}: {} documents, {found} of {gold_known} linked gold mentions found as PER/ORG/LOC",
        docs.len()
    );
    println!(
        "within documents: pairwise merge P {:.2} R {:.2} F1 {:.2} (tp {} fp {} fn {}); alias pairs merged {:.1}% ({} of {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_,
        total.alias_share(),
        total.alias_merged,
        total.alias_pairs
    );
    println!("across the split (every pair of the pooled mentions):");
    let row = |what: &str, s: ClusterScores| {
        let share = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        println!(
            "  {what:<22} {:>5} mentions  pair P {:.2} R {:.2} F1 {:.2}  B-cubed P {:.2} R {:.2} F1 {:.2}  alias pairs merged {:.1}% ({} of {})  same text, other entity merged {:.1}% ({} of {})",
            s.mentions,
            s.pairs.precision(),
            s.pairs.recall(),
            s.pairs.f1(),
            s.bcubed_p,
            s.bcubed_r,
            s.bcubed_f1(),
            share(s.alias_merged, s.alias_pairs),
            s.alias_merged,
            s.alias_pairs,
            share(s.homonym_merged, s.homonym_pairs),
            s.homonym_merged,
            s.homonym_pairs,
        );
    };
    row("exact text", eval::score_clusters(&by_text));
    row("per-article names", eval::score_clusters(&by_name));
    row("castlist's cast", eval::score_clusters(&by_actor));
    if debug {
        cluster_debug(&cast, &by_actor);
    }
    Ok(())
}

/// Prints, for each predicted actor that mixes gold entities and each gold
/// entity split over actors, what it holds (`EVAL_DEBUG=1`).
fn cluster_debug(cast: &Cast, pooled: &[Pooled<'_>]) {
    use std::collections::BTreeMap;
    let mut by_cluster: BTreeMap<u64, BTreeMap<(&str, &str), usize>> = BTreeMap::new();
    let mut by_gold: BTreeMap<&str, BTreeMap<u64, usize>> = BTreeMap::new();
    for p in pooled {
        *by_cluster
            .entry(p.cluster)
            .or_default()
            .entry((p.gold, p.text))
            .or_default() += 1;
        *by_gold
            .entry(p.gold)
            .or_default()
            .entry(p.cluster)
            .or_default() += 1;
    }
    let name = |c: u64| {
        cast.actor(c as u32)
            .map_or("?", |a| a.name.as_str())
            .to_string()
    };
    for (c, members) in &by_cluster {
        let golds: std::collections::BTreeSet<&str> = members.keys().map(|k| k.0).collect();
        if golds.len() > 1 {
            println!("MIXED\t{}\t{members:?}", name(*c));
        }
    }
    for (g, clusters) in &by_gold {
        if clusters.len() > 1 {
            let named: Vec<(String, usize)> =
                clusters.iter().map(|(c, n)| (name(*c), *n)).collect();
            println!("SPLIT\t{g}\t{named:?}");
        }
    }
}
