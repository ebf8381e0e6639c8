//! Rebuilds the quote finder's cue lexicon and weights from PolNeAR's training
//! articles, and optionally writes its predictions for other articles (dev) as
//! `NAME.jsonl` files that `score_quotes.py GOLD_DIR PRED_DIR` scores:
//!
//! ```text
//! cargo run --release --features castlist-engine/eval --example train_quotes -- ../shared/eval/polnear/train [EPOCHS] [--runs N] [--prune W] [--dev DIR --out PRED_DIR] [--folds N --out PRED_DIR] [--seeds FILE] [--no-save]
//! ```
//!
//! The shipped model is `… train_quotes -- ../shared/eval/polnear/train`
//! with the defaults: 8 epochs, the mean of 3 runs over the articles in
//! other orders (`--runs`; the mean is steadier than any one run), rows
//! under a quarter of an update dropped (`--prune`).
//!
//! `--folds N --out PRED_DIR` is cross-validation on the training articles
//! alone: N models, each trained on all but every N-th article (from the k-th),
//! write their predictions for the articles they did not see, so that
//! `score_quotes.py TRAIN_DIR PRED_DIR` scores every training article out of
//! fold (nothing is saved).
//!
//! `--seeds FILE` writes the bundled articles' attributions as `content<TAB>actor`
//! lines, to check a model against `tests/quotes.rs` before building it in;
//! `QUOTES_CUE_BIAS=N` tries another cue bias on the dev predictions.
//!
//! Writes `assets/quotes/cues.tsv`, `assets/quotes/source_heads.tsv` and
//! `assets/quotes/model.bin`, which the
//! engine embeds (rebuild the binary afterwards). Deterministic: the same data
//! give the same files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use castlist::cast::Engine;
use castlist::cast::quotes::lexicon::{CueCounts, HeadCounts, Lexicon};
use castlist::cast::quotes::model::{Trainer, Weights};
use castlist::cast::quotes::polnear::Article;
use castlist::cast::quotes::{Quoter, polnear, train};

/// A trained finder with the counts its word lists came from and its
/// serialised weights.
struct Fit {
    quoter: Quoter,
    counts: Vec<(String, CueCounts)>,
    heads: Vec<(String, HeadCounts)>,
    bytes: Vec<u8>,
}

fn fit(
    engine: &Engine,
    arts: Vec<Article>,
    epochs: usize,
    runs: usize,
    prune: f32,
) -> Result<Fit, String> {
    eprintln!(
        "{} articles, {} attributions",
        arts.len(),
        arts.iter().map(|a| a.gold.len()).sum::<usize>()
    );
    let prepared = train::prepare(engine, arts);
    let counts = train::cue_counts(&prepared, engine.gazetteer());
    let heads = train::head_counts(&prepared, engine.gazetteer());
    let lex = Lexicon::from_counts(counts.clone(), heads.clone());
    let trainers: Vec<Trainer> = (0..runs)
        .map(|run| {
            train::train_run(&prepared, &lex, engine.gazetteer(), epochs, run, &mut |e, st| {
                eprintln!(
                    "run {} epoch {}: cue decisions {:.2}% wrong, sources {:.2}% wrong, contents {:.2}% wrong, ends {:.2}% wrong",
                    run + 1,
                    e + 1,
                    100.0 * st.cue_errors as f64 / st.cue_decisions.max(1) as f64,
                    100.0 * st.source_errors as f64 / st.sources.max(1) as f64,
                    100.0 * st.content_errors as f64 / st.contents.max(1) as f64,
                    100.0 * st.end_errors as f64 / st.ends.max(1) as f64,
                );
            })
        })
        .collect();
    let bytes = Trainer::save_mean(&trainers, prune);
    let weights = Weights::from_bytes(&bytes).map_err(|e| e.to_string())?;
    eprintln!("{} weight rows, {} bytes", weights.len(), bytes.len());
    Ok(Fit {
        quoter: Quoter { lex, weights },
        counts,
        heads,
        bytes,
    })
}

/// Writes the finder's attributions of each article as `out/NAME.jsonl`.
fn predict(engine: &Engine, quoter: &Quoter, arts: &[Article], out: &Path) -> Result<(), String> {
    // QUOTES_CUE_BIAS tries another cue bias on the predictions.
    let bias = std::env::var("QUOTES_CUE_BIAS")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(castlist::cast::quotes::cue::START_BIAS);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for a in arts {
        let actors = engine.analyze(&a.text);
        let quotes = if std::env::var_os("QUOTES_ORACLE_CUES").is_some() {
            let doc = castlist::cast::quotes::doc::Doc::new(&a.text, engine.gazetteer(), &actors);
            let cues = train::gold_cues(&doc, &a.gold);
            castlist::cast::quotes::run_cues(
                &doc,
                &quoter.lex,
                engine.gazetteer(),
                &quoter.weights,
                cues,
            )
        } else {
            quoter.extract_with_bias(&a.text, engine.gazetteer(), &actors, bias)
        };
        let mut buf = Vec::new();
        castlist::commands::quotes::write_rows(&a.text, &actors, &quotes, &mut buf)
            .map_err(|e| e.to_string())?;
        let path = out.join(format!("{}.jsonl", a.name));
        std::fs::write(&path, buf).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}

fn run() -> Result<(), (u8, String)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(train_dir) = args.first() else {
        return Err((
            2,
            "usage: train_quotes TRAIN_DIR [EPOCHS] [--runs N] [--prune W] [--dev DIR --out PRED_DIR] [--folds N --out PRED_DIR] [--seeds FILE] [--no-save]".into(),
        ));
    };
    let epochs: usize = args.get(1).and_then(|e| e.parse().ok()).unwrap_or(8);
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
    };
    let fail = |e: String| (1u8, e);
    let save = !args.iter().any(|a| a == "--no-save");
    // Models trained on the articles in other orders, averaged.
    let runs: usize = flag("--runs")
        .and_then(|r| r.to_str().and_then(|r| r.parse().ok()))
        .unwrap_or(3)
        .max(1);
    // Rows whose weights stay under this many perceptron updates are noise
    // (a quarter, by default: as accurate as a tenth on the training data's
    // folds, with a fourth fewer rows).
    let prune: f32 = flag("--prune")
        .and_then(|r| r.to_str().and_then(|r| r.parse().ok()))
        .unwrap_or(0.25);
    let engine = Engine::builtin();
    let arts = polnear::read_dir(Path::new(train_dir)).map_err(|e| (2, e.to_string()))?;
    if let Some(folds) = flag("--folds") {
        let n: usize = folds
            .to_str()
            .and_then(|f| f.parse().ok())
            .filter(|&n| n >= 2)
            .ok_or((2, "--folds wants a number from 2 on".to_string()))?;
        let out = flag("--out").ok_or((2, "--folds wants --out PRED_DIR".to_string()))?;
        for k in 0..n {
            // Every n-th article from the k-th is held out.
            let fold = |held: bool| -> Vec<Article> {
                arts.iter()
                    .enumerate()
                    .filter(|(i, _)| (i % n == k) == held)
                    .map(|(_, a)| a.clone())
                    .collect()
            };
            let f = fit(&engine, fold(false), epochs, runs, prune).map_err(fail)?;
            let held = fold(true);
            predict(&engine, &f.quoter, &held, &out).map_err(fail)?;
            eprintln!("fold {} of {n} predicted", k + 1);
        }
        eprintln!("out-of-fold predictions in {}", out.display());
        return Ok(());
    }
    let f = fit(&engine, arts, epochs, runs, prune).map_err(fail)?;
    if save {
        for (path, data) in [
            (
                "assets/quotes/cues.tsv",
                train::cues_tsv(&f.counts).into_bytes(),
            ),
            (
                "assets/quotes/source_heads.tsv",
                train::heads_tsv(&f.heads).into_bytes(),
            ),
            ("assets/quotes/model.bin", f.bytes.clone()),
        ] {
            std::fs::write(path, data).map_err(|e| fail(format!("{path}: {e}")))?;
            eprintln!("wrote {path}");
        }
    }
    let quoter = f.quoter;
    if let Some(path) = flag("--seeds") {
        // The bundled articles' attributions as `content<TAB>actor` lines, to
        // check a model against tests/quotes.rs before building it in.
        let mut rows = String::new();
        for a in &castlist::corpus::bundled().articles {
            let doc = a.document();
            let actors = engine.analyze(doc);
            for q in quoter.extract(doc, engine.gazetteer(), &actors) {
                let text: Vec<&str> = q.content.iter().map(|r| &doc[r.clone()]).collect();
                let actor = q.actor(doc, &actors).unwrap_or("");
                rows.push_str(&format!(
                    "{}\t{actor}\n",
                    text.join(" … ").replace('\n', " ")
                ));
            }
        }
        std::fs::write(&path, rows).map_err(|e| fail(format!("{}: {e}", path.display())))?;
    }
    if let (Some(dev), Some(out)) = (flag("--dev"), flag("--out")) {
        let dev_arts = polnear::read_dir(&dev).map_err(|e| (2, e.to_string()))?;
        predict(&engine, &quoter, &dev_arts, &out).map_err(fail)?;
        eprintln!("predictions in {}", out.display());
    }
    Ok(())
}
