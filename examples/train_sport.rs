//! Rebuilds the sport models (`assets/sport/doc.tsv`, `assets/sport/team.tsv`) from
//! CoNLL-2003 train:
//!
//! ```text
//! cargo run --release --example train_sport -- ../shared/eval/conll2003/train.txt [OUT_DIR]
//! ```
//!
//! Deterministic: the same training file writes the same tables.

use std::process::ExitCode;

use castlist::cast::conll;
use castlist::cast::gazetteer::Gazetteer;
use castlist::cast::sport::train::{self, Fit, Names};
use castlist::cast::token::tokenize;

const SPORTS: &str = include_str!("../assets/sport/sports.tsv");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: train_sport CONLL_TRAIN_FILE [OUT_DIR]");
        return ExitCode::from(2);
    };
    let dir = args.get(1).map_or("assets/sport", String::as_str);
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let docs = conll::parse(&data);
    let gaz = Gazetteer::builtin();
    let doc = train::doc_table(&docs, SPORTS, &gaz);
    let toks: Vec<_> = docs.iter().map(|d| tokenize(&d.text, &gaz)).collect();
    let names = match std::env::var("SPORT_NAMES").as_deref() {
        Ok("places") => Names::Places,
        _ => Names::AllButCountries,
    };
    let examples = train::examples(&docs, &toks, SPORTS, &gaz, names);
    let teams = examples.iter().filter(|x| x.team).count();
    eprintln!(
        "{} documents; team model: {} names ({teams} teams) in sports documents",
        docs.len(),
        examples.len()
    );
    // Experiments: SPORT_FIT=perceptron, SPORT_L2=x, SPORT_DROP=prefix,prefix.
    let fit = match std::env::var("SPORT_FIT").as_deref() {
        Ok("perceptron") => Fit::Perceptron(10),
        _ => Fit::Logistic(
            std::env::var("SPORT_L2")
                .ok()
                .and_then(|x| x.parse().ok())
                .unwrap_or(1e-3),
        ),
    };
    let drop = std::env::var("SPORT_DROP").unwrap_or_default();
    let drop: Vec<&str> = drop.split(',').filter(|d| !d.is_empty()).collect();
    if let Some(k) = std::env::var("SPORT_CV").ok().and_then(|k| k.parse().ok()) {
        let acc = train::cross_validate(&docs, &toks, &examples, fit, &drop, k);
        eprintln!(
            "{k}-fold held-out accuracy of the team model: {:.2}%",
            100.0 * acc
        );
    }
    let team = train::train_team(&docs, &toks, &examples, fit, &drop);
    for (name, text) in [("doc.tsv", doc), ("team.tsv", team)] {
        let out = format!("{dir}/{name}");
        if let Err(e) = std::fs::write(&out, text) {
            eprintln!("{out}: {e}");
            return ExitCode::from(2);
        }
        eprintln!("wrote {out}");
    }
    ExitCode::SUCCESS
}
