//! Measures the sport models (`castlist_engine::sport`) on data they were not
//! trained on:
//!
//! ```text
//! cargo run --release --example sport_eval -- docs ../shared/eval/conll2003/valid.txt ../shared/corpora/bbc
//! cargo run --release --example sport_eval -- aida ../shared/eval/aida/aida-conll-dev.benchmark.jsonl [CONLL_VALID]
//! ```
//!
//! `docs`: the document classifier's accuracy on CoNLL-2003 dev (labels from the
//! headline, which the classifier does not read) and on BBC (folder = label; the
//! sport folder's files run athletics 001–094, football 095–283, rugby union
//! 284–420, tennis 421–511, as in the original BBC Sport release).
//!
//! `aida`: every gold-linked mention the engine finds with the exact span as a
//! PER/ORG/LOC name, pooled over the split, clustered (a) by its lower-cased text,
//! (b) by the engine's cast actor, each without and with the team sense (a mention
//! marked a team in sport S becomes the cluster (text or actor, S)); pairwise and
//! B-cubed scores as in `eval::score_clusters`. Then precision and recall of
//! "team" per place-name mention: gold says team when its entity is not the
//! place's, the entity that string names most often outside team-sport reports.
//! `EVAL_DEBUG=1` lists the place-name mentions judged wrongly.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;

use castlist::cast::conll;
use castlist::cast::eval::{self, ClusterScores, Pooled};
use castlist::cast::features::DocCtx;
use castlist::cast::sport::{self, Sport, SportModel, train};
use castlist::cast::token::tokenize;
use castlist::cast::{Cast, DocActors, Engine, Form, Kind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("docs") if args.len() >= 3 => docs_eval(&args[1], &args[2]),
        Some("aida") if args.len() >= 2 => {
            let default = Path::new(&args[1])
                .parent()
                .map(|p| p.join("../conll2003/valid.txt"));
            let conll = args.get(2).map(Into::into).or(default).unwrap_or_default();
            aida_eval(&args[1], &conll.display().to_string())
        }
        _ => Err(
            "usage: sport_eval docs CONLL_VALID BBC_DIR | sport_eval aida AIDA_JSONL [CONLL_VALID]"
                .into(),
        ),
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

/// A classifier answer as a label: "none", "other" or the sport's name.
fn label(model: &SportModel, c: Option<Option<Sport>>) -> String {
    match c {
        None => "none".into(),
        Some(None) => "other".into(),
        Some(Some(s)) => model.name(s).to_string(),
    }
}

/// Accuracy table: gold label → predicted label → count.
type Confusion = BTreeMap<String, BTreeMap<String, usize>>;

fn report(what: &str, conf: &Confusion) {
    let total: usize = conf.values().flat_map(|m| m.values()).sum();
    let right: usize = conf
        .iter()
        .map(|(g, m)| m.get(g).copied().unwrap_or(0))
        .sum();
    let binary: usize = conf
        .iter()
        .flat_map(|(g, m)| {
            m.iter()
                .map(move |(p, n)| ((g == "none") == (p == "none"), *n))
        })
        .filter(|(ok, _)| *ok)
        .map(|(_, n)| n)
        .sum();
    println!(
        "{what}: {total} documents, sport exact {:.1}% ({right}), sport-or-not {:.1}% ({binary})",
        100.0 * right as f64 / total.max(1) as f64,
        100.0 * binary as f64 / total.max(1) as f64
    );
    for (g, m) in conf {
        let n: usize = m.values().sum();
        let mut row: Vec<(&String, &usize)> = m.iter().collect();
        row.sort_by(|a, b| b.1.cmp(a.1));
        let row: Vec<String> = row.iter().map(|(p, k)| format!("{p} {k}")).collect();
        println!(
            "  {g:<14} {n:>5}  right {:>5.1}%  [{}]",
            100.0 * m.get(g).copied().unwrap_or(0) as f64 / n.max(1) as f64,
            row.join(", ")
        );
    }
}

fn docs_eval(conll_path: &str, bbc: &str) -> Result<(), String> {
    let engine = Engine::builtin();
    let model = &load_model(&engine)?;
    let gaz = engine.gazetteer();
    let sports = &model.sports;
    let t = std::time::Instant::now();
    for _ in 0..20 {
        std::hint::black_box(SportModel::builtin());
    }
    println!(
        "loading the built-in sport model: {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3 / 20.0
    );
    // Which labels the classifier can give: the classes of doc.tsv.
    let classes: Vec<String> = include_str!("../assets/sport/doc.tsv")
        .lines()
        .find_map(|l| l.strip_prefix("classes\t"))
        .map(|l| l.split('\t').map(String::from).collect())
        .unwrap_or_default();
    let docs = conll::parse(&read(conll_path)?);
    let mut conf = Confusion::new();
    let mut headline = 0usize;
    for d in &docs {
        let toks = tokenize(&d.text, gaz);
        let (gold, skip) = match train::headline_label(sports, &d.text) {
            Some((s, end)) => {
                let name = &sports[s].name;
                let g = if classes.contains(name) {
                    name.clone()
                } else {
                    "other".into()
                };
                (g, end)
            }
            None => ("none".into(), 0),
        };
        if model.headline_sport(&d.text).is_some() {
            headline += 1;
        }
        let p = label(model, model.classify_words(&d.text, &toks, skip));
        *conf.entry(gold).or_default().entry(p).or_default() += 1;
    }
    report(
        &format!("{conll_path} (body only; {headline} documents have a sport headline)"),
        &conf,
    );
    let mut conf = Confusion::new();
    let mut bytes = 0usize;
    let mut cats: Vec<_> = std::fs::read_dir(bbc)
        .map_err(|e| format!("{bbc}: {e}"))?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    cats.sort_by_key(|e| e.file_name());
    let mut engine_time = std::time::Duration::ZERO;
    let mut sense_time = std::time::Duration::ZERO;
    let mut decide_time = std::time::Duration::ZERO;
    let mut teams = 0usize;
    for cat in cats {
        let name = cat.file_name().to_string_lossy().to_string();
        let mut files: Vec<_> = std::fs::read_dir(cat.path())
            .map_err(|e| format!("{name}: {e}"))?
            .filter_map(Result::ok)
            .collect();
        files.sort_by_key(|e| e.file_name());
        for f in files {
            let Ok(text) = std::fs::read(f.path()) else {
                continue;
            };
            let text = String::from_utf8_lossy(&text);
            let number: usize = f
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".txt")
                .parse()
                .unwrap_or(0);
            let gold = match (name.as_str(), number) {
                ("sport", 0..=94) => "athletics",
                ("sport", 95..=283) => "soccer",
                ("sport", 284..=420) => "rugby union",
                ("sport", _) => "tennis",
                _ => "none",
            };
            let t = std::time::Instant::now();
            let analysed = engine.analyze(&text);
            engine_time += t.elapsed();
            std::hint::black_box(analysed);
            let toks = tokenize(&text, gaz);
            let ctx = DocCtx::new(&text, &toks, gaz);
            let cands = engine.candidates(&text);
            bytes += text.len();
            let reps = if std::env::var("SPORT_PROFILE").is_ok() {
                50
            } else {
                1
            };
            let t = std::time::Instant::now();
            let mut senses = Vec::new();
            for _ in 0..reps {
                senses = sport::team_senses(&ctx, &cands, model);
            }
            sense_time += t.elapsed() / reps;
            teams += senses.iter().flatten().count();
            let p = label(model, model.classify_words(&text, &toks, 0));
            let t = std::time::Instant::now();
            std::hint::black_box(model.document_sport(&text, &toks));
            decide_time += t.elapsed();
            *conf.entry(gold.into()).or_default().entry(p).or_default() += 1;
        }
    }
    report(&format!("{bbc} (folder = label)"), &conf);
    let rate = |d: std::time::Duration| bytes as f64 / d.as_secs_f64().max(1e-9) / 1e6;
    println!(
        "speed over {bytes} bytes, one thread: engine.analyze {:.1} MB/s; team_senses {:.0} MB/s \
         ({:.1}% of the engine's time; {teams} team senses), of which deciding the document \
         {:.1}% of the engine's time",
        rate(engine_time),
        rate(sense_time),
        100.0 * sense_time.as_secs_f64() / engine_time.as_secs_f64().max(1e-9),
        100.0 * decide_time.as_secs_f64() / engine_time.as_secs_f64().max(1e-9)
    );
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
    #[serde(default)]
    name: String,
}

/// One pooled place-name or other mention, with what the sport model said.
struct Item<'a> {
    text: String,
    gold: &'a str,
    /// The gold entity's name, lower-cased, cut at ", " ("washington, d.c.").
    gold_name: String,
    actor: Option<u32>,
    /// Is a place name by `sport::is_place_name`.
    place: bool,
    team: Option<Sport>,
    /// The document has a team-sport headline.
    team_doc: bool,
    doc: usize,
    /// The team model's features and weights, for `EVAL_DEBUG`.
    why: String,
    context: String,
}

/// The built-in model, or (for experiments) the one whose three files are in
/// `$SPORT_DIR`; with `SPORT_NO_HEADLINE=1` it ignores headlines, so that only
/// the words decide a document's sport.
fn load_model(engine: &Engine) -> Result<SportModel, String> {
    let mut model = match std::env::var("SPORT_DIR") {
        Err(_) => engine.sport_model().clone(),
        Ok(dir) => {
            let file = |n: &str| read(&format!("{dir}/{n}"));
            SportModel::from_data(&file("sports.tsv")?, &file("doc.tsv")?, &file("team.tsv")?)
        }
    };
    if std::env::var("SPORT_NO_HEADLINE").is_ok() {
        for s in &mut model.sports {
            s.headlines.clear();
        }
    }
    Ok(model)
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn aida_eval(aida: &str, conll_path: &str) -> Result<(), String> {
    let docs = conll::parse(&read(conll_path)?);
    let engine = Engine::builtin();
    let model = &load_model(&engine)?;
    let gaz = engine.gazetteer();
    let aida_text = read(aida)?;
    let lines: Vec<&str> = aida_text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != docs.len() {
        return Err(format!(
            "{aida}: {} documents but {conll_path} has {}",
            lines.len(),
            docs.len()
        ));
    }
    let golds: Vec<AidaDoc> = lines
        .iter()
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{aida}: {e}")))
        .collect::<Result<_, _>>()?;
    let results: Vec<DocActors> = docs.iter().map(|d| engine.analyze(&d.text)).collect();
    let mut cast = Cast::default();
    for (i, (doc, result)) in docs.iter().zip(&results).enumerate() {
        cast.add(i, doc.text.as_str(), result);
    }
    cast.finish();
    let mut items = Vec::new();
    let mut sport_docs = 0usize;
    let started = std::time::Instant::now();
    let mut sense_time = std::time::Duration::ZERO;
    let mut decide_time = std::time::Duration::ZERO;
    for (i, ((a, doc), result)) in golds.iter().zip(&docs).zip(&results).enumerate() {
        let text = doc.text.as_str();
        let toks = tokenize(text, gaz);
        let ctx = DocCtx::new(text, &toks, gaz);
        let cands = engine.candidates(text);
        let t = std::time::Instant::now();
        let senses = sport::team_senses(&ctx, &cands, model);
        sense_time += t.elapsed();
        // Gold's side: the headline, whatever the model is told to read.
        let builtin = engine.sport_model();
        let team_doc = builtin
            .headline_sport(text)
            .and_then(|s| builtin.info(s))
            .is_some_and(|s| s.team);
        let t = std::time::Instant::now();
        if model.document_sport(text, &toks).is_some() {
            sport_docs += 1;
        }
        decide_time += t.elapsed();
        for label in &a.labels {
            if label.entity_id.starts_with('<') {
                continue;
            }
            let [start, end] = label.span;
            let Some(m) = result
                .mentions
                .iter()
                .find(|m| m.start == start && m.end == end)
            else {
                continue;
            };
            let Some(entity) = result.entity(m.entity) else {
                continue;
            };
            if m.form != Form::Name || entity.kind == Kind::Misc {
                continue;
            }
            let cand = cands.iter().position(|c| c.start == start && c.end == end);
            let actor = cast
                .mentions_in(i)
                .iter()
                .find(|m| m.start as usize == start && m.end as usize == end)
                .map(|m| cast.resolve(m.actor));
            let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
            let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
            let context = format!(
                "{}[{}]{}",
                &text[line_start.max(start.saturating_sub(50))..start],
                &text[start..end],
                &text[end..line_end.min(end + 50)]
            );
            items.push(Item {
                text: text[start..end].to_lowercase(),
                gold: &label.entity_id,
                gold_name: label.name.split(", ").next().unwrap_or("").to_lowercase(),
                actor,
                place: cand.is_some_and(|c| sport::is_place_name(&ctx, &cands[c])),
                team: cand.and_then(|c| senses[c]),
                team_doc,
                doc: i,
                why: match (cand, model.document_sport(text, &toks)) {
                    (Some(c), Some(s)) => model
                        .explain(text, &toks, cands[c].first, cands[c].last, model.name(s))
                        .iter()
                        .filter(|(_, w)| *w != 0.0)
                        .map(|(f, w)| format!("{f}:{w:.1}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                    _ => String::new(),
                },
                context,
            });
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{aida}: {} documents ({sport_docs} about a sport by the model), {} linked PER/ORG/LOC mentions found; team_senses {:.1} ms (deciding the documents alone {:.1} ms) of {:.1} s",
        docs.len(),
        items.len(),
        sense_time.as_secs_f64() * 1e3,
        decide_time.as_secs_f64() * 1e3,
        elapsed.as_secs_f64()
    );
    let row = |what: &str, s: ClusterScores| {
        let share = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        println!(
            "  {what:<32} pair P {:.2} R {:.2} F1 {:.2}  B-cubed P {:.2} R {:.2} F1 {:.2}  alias merged {:.1}%  same text, other entity merged {:.1}% ({} of {})",
            s.pairs.precision(),
            s.pairs.recall(),
            s.pairs.f1(),
            s.bcubed_p,
            s.bcubed_r,
            s.bcubed_f1(),
            share(s.alias_merged, s.alias_pairs),
            share(s.homonym_merged, s.homonym_pairs),
            s.homonym_merged,
            s.homonym_pairs,
        );
    };
    let pooled = |key: &dyn Fn(&Item) -> String| -> Vec<Pooled<'_>> {
        items
            .iter()
            .map(|it| Pooled {
                text: &it.text,
                gold: it.gold,
                cluster: hash(&key(it)),
            })
            .collect()
    };
    let sense = |it: &Item| {
        it.team
            .map_or(String::new(), |s| format!("|team:{}", model.name(s)))
    };
    let actor = |it: &Item| {
        it.actor
            .map_or_else(|| format!("text:{}", it.text), |a| format!("actor:{a}"))
    };
    println!("across the split ({} mentions):", items.len());
    row(
        "exact text",
        eval::score_clusters(&pooled(&|it| it.text.clone())),
    );
    row(
        "exact text + team sense",
        eval::score_clusters(&pooled(&|it| format!("{}{}", it.text, sense(it)))),
    );
    row(
        "cast actors",
        eval::score_clusters(&pooled(&|it| actor(it))),
    );
    row(
        "cast actors + team sense",
        eval::score_clusters(&pooled(&|it| format!("{}{}", actor(it), sense(it)))),
    );
    // What a perfect alias merger would reach with and without the senses: each
    // text's most frequent entity stands for the text.
    let mut by_text: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for it in &items {
        *by_text
            .entry(&it.text)
            .or_default()
            .entry(it.gold)
            .or_default() += 1;
    }
    let dominant = |m: &HashMap<&str, usize>| -> String {
        let mut v: Vec<(&&str, &usize)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.first().map_or(String::new(), |(g, _)| g.to_string())
    };
    let oracle: HashMap<&str, String> = by_text.iter().map(|(t, m)| (*t, dominant(m))).collect();
    row(
        "text's main entity (ceiling)",
        eval::score_clusters(&pooled(&|it| oracle[it.text.as_str()].clone())),
    );
    row(
        "text's main entity + team sense",
        eval::score_clusters(&pooled(&|it| {
            format!("{}{}", oracle[it.text.as_str()], sense(it))
        })),
    );
    // Per mention: gold says place when the entity is what the string names
    // most often outside team-sport reports, or when the entity's name is the
    // string ("Nottingham"); a team otherwise ("A.F.C. Bournemouth", "England
    // cricket team").
    let mut outside: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for it in items.iter().filter(|it| !it.team_doc) {
        *outside
            .entry(&it.text)
            .or_default()
            .entry(it.gold)
            .or_default() += 1;
    }
    let place_of = |t: &str| outside.get(t).map(&dominant);
    let (mut tp, mut fp, mut fn_, mut places) = (0usize, 0usize, 0usize, 0usize);
    let debug = std::env::var("EVAL_DEBUG").is_ok();
    for it in items.iter().filter(|it| it.place) {
        places += 1;
        let gold = it.gold_name != it.text && place_of(&it.text).is_none_or(|p| p != it.gold);
        let pred = it.team.is_some();
        match (gold, pred) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
        if debug && gold != pred {
            let what = if pred { "FALSE-TEAM" } else { "MISSED-TEAM" };
            println!(
                "{what}\tdoc {}\t{} {}\t{}\t{}",
                it.doc,
                it.gold,
                it.gold_name,
                it.context.replace('\n', " "),
                it.why
            );
        }
    }
    let p = 100.0 * tp as f64 / (tp + fp).max(1) as f64;
    let r = 100.0 * tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "team sense per place-name mention ({places}): P {p:.1} R {r:.1} F1 {:.1} (tp {tp} fp {fp} fn {fn_})",
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    );
    Ok(())
}
