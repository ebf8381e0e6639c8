//! Rebuilds the tagger's weights from a CoNLL-2003 training file:
//!
//! ```text
//! cargo run --release --example train -- ../shared/eval/conll2003/train.txt [EPOCHS] [OUT]
//! ```
//!
//! OUT defaults to `assets/cast/model.bin`, which the engine embeds.

use std::process::ExitCode;

use castlist::cast::conll;
use castlist::cast::gazetteer::Gazetteer;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: train CONLL_TRAIN_FILE [EPOCHS] [OUT]");
        return ExitCode::from(2);
    };
    let epochs: usize = args.get(1).and_then(|e| e.parse().ok()).unwrap_or(10);
    let out = args.get(2).map_or("assets/cast/model.bin", String::as_str);
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let docs = conll::parse(&data);
    let gaz = Gazetteer::builtin();
    eprintln!(
        "{} documents, {} entities",
        docs.len(),
        docs.iter().map(|d| d.entities.len()).sum::<usize>()
    );
    let trainer = conll::train(&docs, epochs, &gaz, &mut |epoch, acc| {
        eprintln!("epoch {}: decision accuracy {:.2}%", epoch + 1, acc * 100.0);
    });
    // Features whose weights never reach one update are dropped (measured:
    // no loss on the development set, a smaller table to look up).
    let min_weight: f32 = std::env::var("CASTLIST_PRUNE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let bytes = trainer.save(min_weight);
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("{out}: {e}");
        return ExitCode::from(1);
    }
    eprintln!("wrote {out}: {} bytes", bytes.len());
    ExitCode::SUCCESS
}
