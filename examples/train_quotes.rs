//! Rebuilds the quote finder's cue lexicon and weights from PolNeAR's training
//! articles, and optionally writes its predictions for other articles (dev) as
//! `NAME.jsonl` files that `score_quotes.py GOLD_DIR PRED_DIR` scores:
//!
//! ```text
//! cargo run --release --example train_quotes -- ../shared/eval/polnear/train [EPOCHS] [--dev DIR --out PRED_DIR] [--seeds FILE] [--no-save]
//! ```
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
use castlist::cast::quotes::lexicon::Lexicon;
use castlist::cast::quotes::model::Weights;
use castlist::cast::quotes::{Quoter, polnear, train};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(train_dir) = args.first() else {
        eprintln!(
            "usage: train_quotes TRAIN_DIR [EPOCHS] [--dev DIR --out PRED_DIR] [--seeds FILE] [--no-save]"
        );
        return ExitCode::from(2);
    };
    let epochs: usize = args.get(1).and_then(|e| e.parse().ok()).unwrap_or(8);
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
    };
    let save = !args.iter().any(|a| a == "--no-save");
    let engine = Engine::builtin();
    let arts = match polnear::read_dir(Path::new(train_dir)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    eprintln!(
        "{} articles, {} attributions",
        arts.len(),
        arts.iter().map(|a| a.gold.len()).sum::<usize>()
    );
    let prepared = train::prepare(&engine, arts);
    let counts = train::cue_counts(&prepared, engine.gazetteer());
    let heads = train::head_counts(&prepared, engine.gazetteer());
    let lex = Lexicon::from_counts(counts.clone(), heads.clone());
    let trainer = train::train(&prepared, &lex, engine.gazetteer(), epochs, &mut |e, st| {
        eprintln!(
            "epoch {}: cue decisions {:.2}% wrong, sources {:.2}% wrong, contents {:.2}% wrong, ends {:.2}% wrong",
            e + 1,
            100.0 * st.cue_errors as f64 / st.cue_decisions.max(1) as f64,
            100.0 * st.source_errors as f64 / st.sources.max(1) as f64,
            100.0 * st.content_errors as f64 / st.contents.max(1) as f64,
            100.0 * st.end_errors as f64 / st.ends.max(1) as f64,
        );
    });
    // Rows that never reach a tenth of an update are noise.
    let bytes = trainer.save(0.1);
    let weights = match Weights::from_bytes(&bytes) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    eprintln!("{} weight rows, {} bytes", weights.len(), bytes.len());
    if save {
        for (path, data) in [
            (
                "assets/quotes/cues.tsv",
                train::cues_tsv(&counts).into_bytes(),
            ),
            (
                "assets/quotes/source_heads.tsv",
                train::heads_tsv(&heads).into_bytes(),
            ),
            ("assets/quotes/model.bin", bytes),
        ] {
            if let Err(e) = std::fs::write(path, data) {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
            eprintln!("wrote {path}");
        }
    }
    let quoter = Quoter { lex, weights };
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
        if let Err(e) = std::fs::write(&path, rows) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    if let (Some(dev), Some(out)) = (flag("--dev"), flag("--out")) {
        // QUOTES_CUE_BIAS tries another cue bias on the predictions.
        let bias = std::env::var("QUOTES_CUE_BIAS")
            .ok()
            .and_then(|b| b.parse().ok())
            .unwrap_or(castlist::cast::quotes::cue::START_BIAS);
        let dev_arts = match polnear::read_dir(&dev) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        if let Err(e) = std::fs::create_dir_all(&out) {
            eprintln!("{}: {e}", out.display());
            return ExitCode::from(1);
        }
        for a in dev_arts {
            let actors = engine.analyze(&a.text);
            let quotes = if std::env::var_os("QUOTES_ORACLE_CUES").is_some() {
                let doc =
                    castlist::cast::quotes::doc::Doc::new(&a.text, engine.gazetteer(), &actors);
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
            if let Err(e) =
                castlist::commands::quotes::write_rows(&a.text, &actors, &quotes, &mut buf)
            {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
            let path = out.join(format!("{}.jsonl", a.name));
            if let Err(e) = std::fs::write(&path, buf) {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(1);
            }
        }
        eprintln!("predictions in {}", out.display());
    }
    ExitCode::SUCCESS
}
