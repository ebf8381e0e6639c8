//! CoNLL-2003 files as castlist sees them: each document rebuilt as raw text
//! (tokens joined by one space, sentences by a newline, a final newline) with its
//! gold entities as byte spans — the reconstruction `../shared/eval/README.md`
//! prescribes. Used by training (`examples/train.rs`) and evaluation
//! (`examples/eval.rs`); the data files themselves are never in the repository.

use super::features::{self, O};
use super::gazetteer::Gazetteer;
use super::perceptron::{Trainer, best};
use super::tagger;
use super::token::{Token, tokenize};

/// Entity types of CoNLL-2003, in the tagger's order (1 PER, 2 ORG, 3 LOC, 4 MISC).
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// A gold or predicted entity: bytes `start..end`, type 1..=4 as in [`TYPES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub ty: u8,
}

/// One rebuilt document.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub text: String,
    pub entities: Vec<Entity>,
}

/// The type number of a CoNLL type name.
pub fn type_of(name: &str) -> Option<u8> {
    TYPES.iter().position(|t| *t == name).map(|p| p as u8 + 1)
}

/// Parses a CoNLL-2003 file (IOB1 or IOB2 tags in the last column).
pub fn parse(data: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc::default();
    let mut sentence_open = false;
    // The entity being built: (start, end, type).
    let mut open: Option<Entity> = None;
    let close = |doc: &mut Doc, open: &mut Option<Entity>| {
        if let Some(e) = open.take() {
            doc.entities.push(e);
        }
    };
    for line in data.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            close(&mut doc, &mut open);
            if sentence_open {
                doc.text.push('\n');
                sentence_open = false;
            }
            if !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.is_empty() {
            close(&mut doc, &mut open);
            if sentence_open {
                doc.text.push('\n');
                sentence_open = false;
            }
            continue;
        }
        let mut cols = line.split(' ');
        let Some(token) = cols.next() else { continue };
        let tag = cols.next_back().unwrap_or("O");
        if sentence_open {
            doc.text.push(' ');
        }
        sentence_open = true;
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        let (bio, ty) = tag
            .split_once('-')
            .map_or((tag, None), |(b, t)| (b, type_of(t)));
        match ty {
            None => close(&mut doc, &mut open),
            Some(ty) => {
                let continues = open.is_some_and(|e| e.ty == ty) && bio == "I";
                if continues {
                    if let Some(e) = open.as_mut() {
                        e.end = end;
                    }
                } else {
                    close(&mut doc, &mut open);
                    open = Some(Entity { start, end, ty });
                }
            }
        }
    }
    close(&mut doc, &mut open);
    if sentence_open {
        doc.text.push('\n');
    }
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Gold BIO labels for castlist's tokens of a document: a token starting an entity
/// is B-, one inside it I-.
pub fn gold_labels(doc: &Doc, toks: &[Token]) -> Vec<u8> {
    let mut labels = vec![O; toks.len()];
    let mut e = 0;
    for (i, t) in toks.iter().enumerate() {
        let start = t.start as usize;
        while e < doc.entities.len() && doc.entities[e].end <= start {
            e += 1;
        }
        if let Some(ent) = doc.entities.get(e)
            && ent.start <= start
            && start < ent.end
        {
            let b = features::inside(ent.ty) - 1;
            labels[i] = if start == ent.start { b } else { b + 1 };
        }
    }
    labels
}

/// Trains the tagger on `docs` for `epochs` passes, in a fixed shuffled order per
/// epoch (reproducible). `progress` is told each epoch's token accuracy.
pub fn train(
    docs: &[Doc],
    epochs: usize,
    gaz: &Gazetteer,
    progress: &mut dyn FnMut(usize, f64),
) -> Trainer {
    let mut trainer = Trainer::default();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for epoch in 0..epochs {
        // Fisher-Yates with xorshift: no rand dependency for a reproducible order.
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        let (mut right, mut total) = (0usize, 0usize);
        for &d in &order {
            let doc = &docs[d];
            let toks = tokenize(&doc.text, gaz);
            let gold = gold_labels(doc, &toks);
            let mut ctx = features::DocCtx::new(&doc.text, &toks, gaz);
            tagger::decode(&mut ctx, &mut |feats, allowed, i| {
                let guess = best(&trainer.scores(feats), allowed);
                // A gold label the decoder could not produce is learnt as O.
                let truth = if allowed & (1 << gold[i]) != 0 {
                    gold[i]
                } else {
                    O
                };
                trainer.update(feats, guess, truth);
                total += 1;
                right += (guess == truth) as usize;
                guess
            });
        }
        progress(epoch, right as f64 / total.max(1) as f64);
    }
    trainer
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n. . O O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nBONN NNP B-NP B-LOC\n";

    #[test]
    fn rebuilds_text_and_spans() {
        let docs = parse(SAMPLE);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "EU rejects German call .\nPeter Blackburn\n");
        let spans: Vec<(&str, u8)> = docs[0]
            .entities
            .iter()
            .map(|e| (&docs[0].text[e.start..e.end], e.ty))
            .collect();
        assert_eq!(spans, [("EU", 2), ("German", 4), ("Peter Blackburn", 1)]);
        assert_eq!(docs[1].text, "BONN\n");
        assert_eq!(
            docs[1].entities,
            [Entity {
                start: 0,
                end: 4,
                ty: 3
            }]
        );
    }

    #[test]
    fn adjacent_b_tags_make_two_entities() {
        let docs = parse("A x B-PER\nB x B-PER\nC x I-PER\n");
        assert_eq!(docs[0].entities.len(), 2);
        assert_eq!(
            docs[0].entities[1],
            Entity {
                start: 2,
                end: 5,
                ty: 1
            }
        );
    }

    #[test]
    fn gold_labels_align_with_tokens() {
        let gaz = Gazetteer::builtin();
        let docs = parse(SAMPLE);
        let toks = tokenize(&docs[0].text, &gaz);
        assert_eq!(gold_labels(&docs[0], &toks), [3, 0, 7, 0, 0, 1, 2]);
    }
}
