//! Training the sport models from CoNLL-2003 train (`examples/train_sport.rs`):
//! the labels come free from the headline convention ("CRICKET - ...") for the
//! document classifier, and from CoNLL's ORG/LOC labels of place names in sports
//! documents for the team-sense model. Deterministic: the same file gives the
//! same tables byte for byte.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::{
    BAYES_ALPHA, NONE, OTHER, SportInfo, VOTE_ALPHA, VOTE_CUT, context_features, doc_words,
    is_dateline, line_of, parse_sports,
};
use crate::Kind;
use crate::conll::Doc;
use crate::features::title_case;
use crate::gazetteer::{Entry, Gazetteer};
use crate::token::{Token, tokenize};

/// Sports with fewer training documents than this are one class, "other".
pub const MIN_DOCS: usize = 5;

/// The sport a headline names and where its prefix ends ("CRICKET - " → end of
/// " - "), by the names in `sports.tsv`.
pub fn headline_label(sports: &[SportInfo], text: &str) -> Option<(usize, usize)> {
    let lead = text.len() - text.trim_start().len();
    let first = text[lead..].lines().next()?;
    let at = first.find(" - ")?;
    let prefix = first[..at].trim();
    let s = sports
        .iter()
        .position(|s| s.headlines.iter().any(|h| h.eq_ignore_ascii_case(prefix)))?;
    Some((s, lead + at + 3))
}

/// `doc.tsv`: per word, in how many training documents of each class it occurs.
/// Classes: "none", each sport of `sports.tsv` with at least [`MIN_DOCS`]
/// documents, "other" for the rest.
pub fn doc_table(docs: &[Doc], sports_text: &str, gaz: &Gazetteer) -> String {
    let sports = parse_sports(sports_text);
    let labels: Vec<Option<(usize, usize)>> = docs
        .iter()
        .map(|d| headline_label(&sports, &d.text))
        .collect();
    let mut per_sport = vec![0usize; sports.len()];
    for (s, _) in labels.iter().flatten() {
        per_sport[*s] += 1;
    }
    let mut classes = vec![NONE.to_string()];
    let mut class_of_sport = vec![usize::MAX; sports.len()];
    for (i, s) in sports.iter().enumerate() {
        if per_sport[i] >= MIN_DOCS {
            class_of_sport[i] = classes.len();
            classes.push(s.name.clone());
        }
    }
    let other = classes.len();
    classes.push(OTHER.to_string());
    let mut n_docs = vec![0usize; classes.len()];
    let mut df: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (doc, label) in docs.iter().zip(&labels) {
        let (class, skip) = match label {
            Some((s, end)) if class_of_sport[*s] != usize::MAX => (class_of_sport[*s], *end),
            Some((_, end)) => (other, *end),
            None => (0, 0),
        };
        n_docs[class] += 1;
        let toks = tokenize(&doc.text, gaz);
        let words: BTreeSet<String> = doc_words(&doc.text, &toks, skip)
            .map(str::to_lowercase)
            .collect();
        for w in words {
            df.entry(w).or_insert_with(|| vec![0; classes.len()])[class] += 1;
        }
    }
    let n_sport: usize = n_docs[1..].iter().sum();
    let mut out = String::new();
    out.push_str(
        "# Document frequencies of words in CoNLL-2003 train, by the sport its headline\n\
         # names (none: no sport headline). Written by examples/train_sport.rs; do not edit.\n\
         # Kept: words in two documents or more that vote (sport or not) or occur in two\n\
         # sports documents.\n",
    );
    out.push_str(&format!("classes\t{}\n", classes.join("\t")));
    let counts: Vec<String> = n_docs.iter().map(usize::to_string).collect();
    out.push_str(&format!("docs\t{}\n", counts.join("\t")));
    for (w, n) in &df {
        let total: usize = n.iter().sum();
        let in_sport: usize = n[1..].iter().sum();
        let llr = ((in_sport as f64 + VOTE_ALPHA) / (n_sport as f64 + 2.0 * VOTE_ALPHA)).ln()
            - ((n[0] as f64 + VOTE_ALPHA) / (n_docs[0] as f64 + 2.0 * VOTE_ALPHA)).ln();
        if total < 2 || (llr.abs() <= VOTE_CUT && in_sport < 2) || w.contains('\t') {
            continue;
        }
        let cols: Vec<String> = n.iter().map(usize::to_string).collect();
        out.push_str(&format!("{w}\t{}\n", cols.join("\t")));
    }
    // Keeps the smoothing constants visible to whoever reads the table.
    out.push_str(&format!(
        "# vote: smoothing {VOTE_ALPHA}, cut {VOTE_CUT}; naive Bayes smoothing {BAYES_ALPHA}\n"
    ));
    out
}

/// One training example of the team model: a name in a sports document.
#[derive(Debug, Clone)]
pub struct Example {
    pub doc: usize,
    pub first: usize,
    pub last: usize,
    pub sport: String,
    pub team: bool,
}

/// Which names of the training data teach the team model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// Gazetteer cities and regions only (ORG = a club named after its town).
    Places,
    /// Every ORG and LOC name but countries (national teams are LOC in CoNLL).
    AllButCountries,
}

/// Token indices of the byte span `start..end`, if tokens begin and end there.
pub fn token_span(toks: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = toks.iter().position(|t| t.start as usize == start)?;
    let last = toks[first..].iter().position(|t| t.end as usize == end)? + first;
    Some((first, last))
}

fn lookup(gaz: &Gazetteer, phrase: &str) -> Option<Entry> {
    let lower = phrase.to_lowercase();
    gaz.lookup(phrase, &lower)
        .or_else(|| gaz.lookup(&title_case(&lower), &lower))
}

/// The ORG (team) and LOC (place) names of the training documents about a sport.
pub fn examples(
    docs: &[Doc],
    toks: &[Vec<Token>],
    sports_text: &str,
    gaz: &Gazetteer,
    names: Names,
) -> Vec<Example> {
    let sports = parse_sports(sports_text);
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let Some((s, _)) = headline_label(&sports, &doc.text) else {
            continue;
        };
        for e in &doc.entities {
            if e.ty != 2 && e.ty != 3 {
                continue;
            }
            let Some((first, last)) = token_span(&toks[d], e.start, e.end) else {
                continue;
            };
            if is_dateline(&doc.text, &toks[d], first, last) {
                continue;
            }
            let text = doc.text.get(e.start..e.end).unwrap_or("");
            let phrase = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let country =
                |id: u32| gaz.actors.get(id as usize).map(|a| a.kind) == Some(Kind::Place);
            let keep = match (lookup(gaz, &phrase), names) {
                (Some(Entry::Demonym(_)), _) => false,
                (Some(Entry::Actor(id)), _) if country(id) => false,
                (Some(Entry::Place), _) => true,
                (_, Names::Places) => false,
                (_, Names::AllButCountries) => true,
            };
            if keep {
                out.push(Example {
                    doc: d,
                    first,
                    last,
                    sport: sports[s].name.clone(),
                    team: e.ty == 2,
                });
            }
        }
    }
    out
}

/// How the team model is fitted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// Averaged perceptron, this many epochs.
    Perceptron(usize),
    /// Logistic regression with this L2 penalty (full-batch gradient descent,
    /// adaptive steps).
    Logistic(f64),
}

/// Fits "names a team" over the context features of `examples`; returns
/// `team.tsv` (feature, weight; weights under 0.02 dropped: no change on the
/// development data, a quarter of the table). Features whose
/// text starts with one of `drop` are left out.
pub fn train_team(
    docs: &[Doc],
    toks: &[Vec<Token>],
    examples: &[Example],
    fit: Fit,
    drop: &[&str],
) -> String {
    let out = fit_team(docs, toks, examples, fit, drop);
    let mut s = String::from(
        "# Weights of \"this place name names a team\" over its context (never the name\n\
         # itself), learnt from CoNLL-2003 train. Written by examples/train_sport.rs;\n\
         # do not edit.\n",
    );
    for (n, x) in out {
        s.push_str(&format!("{n}\t{x:.3}\n"));
    }
    s
}

/// Held-out accuracy of the team model on the training examples: `k` folds by
/// document, each fitted on the others.
pub fn cross_validate(
    docs: &[Doc],
    toks: &[Vec<Token>],
    examples: &[Example],
    fit: Fit,
    drop: &[&str],
    k: usize,
) -> f64 {
    let mut right = 0usize;
    for fold in 0..k {
        let (test, train): (Vec<Example>, Vec<Example>) =
            examples.iter().cloned().partition(|x| x.doc % k == fold);
        let weights: FxHashMap<String, f64> = fit_team(docs, toks, &train, fit, drop)
            .into_iter()
            .collect();
        for x in &test {
            let mut score = 0.0;
            context_features(
                &docs[x.doc].text,
                &toks[x.doc],
                x.first,
                x.last,
                &x.sport,
                line_of(&toks[x.doc], x.first, x.last),
                &mut |f| {
                    score += weights.get(f).copied().unwrap_or(0.0);
                },
            );
            right += usize::from((score > 0.0) == x.team);
        }
    }
    right as f64 / examples.len().max(1) as f64
}

/// The fitted weights, by feature, sorted; tiny ones dropped.
fn fit_team(
    docs: &[Doc],
    toks: &[Vec<Token>],
    examples: &[Example],
    fit: Fit,
    drop: &[&str],
) -> Vec<(String, f64)> {
    let feats: Vec<Vec<String>> = examples
        .iter()
        .map(|x| {
            let mut f = Vec::new();
            context_features(
                &docs[x.doc].text,
                &toks[x.doc],
                x.first,
                x.last,
                &x.sport,
                line_of(&toks[x.doc], x.first, x.last),
                &mut |s| {
                    if !drop.iter().any(|d| s.starts_with(d)) {
                        f.push(s.to_string())
                    }
                },
            );
            f
        })
        .collect();
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut names: Vec<&str> = Vec::new();
    let rows: Vec<Vec<usize>> = feats
        .iter()
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    *ids.entry(f.as_str()).or_insert_with(|| {
                        names.push(f.as_str());
                        names.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let truth: Vec<f64> = examples
        .iter()
        .map(|x| if x.team { 1.0 } else { -1.0 })
        .collect();
    let weights = match fit {
        Fit::Perceptron(epochs) => perceptron(&rows, &truth, names.len(), epochs),
        Fit::Logistic(l2) => logistic(&rows, &truth, names.len(), l2),
    };
    let mut out: Vec<(String, f64)> = names
        .iter()
        .zip(weights)
        .map(|(n, w)| (n.to_string(), w))
        .filter(|(_, x)| x.abs() >= 0.02)
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn perceptron(rows: &[Vec<usize>], truth: &[f64], n: usize, epochs: usize) -> Vec<f64> {
    let (mut w, mut u) = (vec![0.0f64; n], vec![0.0f64; n]);
    let mut c = 1.0f64;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &i in &order {
            let score: f64 = rows[i].iter().map(|&f| w[f]).sum();
            if score * truth[i] <= 0.0 {
                for &f in &rows[i] {
                    w[f] += truth[i];
                    u[f] += truth[i] * c;
                }
            }
            c += 1.0;
        }
    }
    w.iter().zip(&u).map(|(w, u)| w - u / c).collect()
}

/// Minimises the mean logistic loss plus `l2`/2 of the squared weights, with
/// AdaGrad steps over the full batch (deterministic, no order to shuffle).
fn logistic(rows: &[Vec<usize>], truth: &[f64], n: usize, l2: f64) -> Vec<f64> {
    let mut w = vec![0.0f64; n];
    let mut g2 = vec![1e-8f64; n];
    let m = rows.len().max(1) as f64;
    for _ in 0..400 {
        let mut grad: Vec<f64> = w.iter().map(|x| l2 * x).collect();
        for (row, &y) in rows.iter().zip(truth) {
            let z: f64 = row.iter().map(|&f| w[f]).sum::<f64>() * y;
            // d/dz of ln(1 + e^-z) is -1 / (1 + e^z).
            let d = -y / (1.0 + z.exp()) / m;
            for &f in row {
                grad[f] += d;
            }
        }
        for ((w, g), s) in w.iter_mut().zip(&grad).zip(g2.iter_mut()) {
            *s += g * g;
            *w -= 0.5 * g / s.sqrt();
        }
    }
    w
}
