//! Training the quote finder on PolNeAR-style gold data: the cue lexicon
//! counted from the training articles, then epochs of the averaged perceptron
//! over the three decisions, each made exactly as [`super::run`] makes it.
//!
//! Cues are learnt as B/I/O labels over the tokens the tagger decides on.
//! Sources and contents are learnt from the gold cues: the source ranker's
//! truth is the best-scoring candidate inside the gold source (any word of it
//! will do), or "none"; the content ranker's truth is the candidate that
//! overlaps the gold content best, when one overlaps it by half both ways (the
//! scorer's matching rule).

use rustc_hash::FxHashMap;

use crate::gazetteer::Gazetteer;
use crate::token::{self, flag};
use crate::{DocActors, Engine};

use super::doc::Doc;
use super::lexicon::{CueCounts, HeadCounts, Lexicon};
use super::model::{Scorer, Trainer};
use super::polnear::{Article, Gold};
use super::{boundary, content, cue, source};

/// An article with its actors found once (they do not change between epochs).
pub struct Prepared {
    pub text: String,
    pub actors: DocActors,
    pub gold: Vec<Gold>,
}

pub fn prepare(engine: &Engine, arts: Vec<Article>) -> Vec<Prepared> {
    arts.into_iter()
        .map(|a| Prepared {
            actors: engine.analyze(&a.text),
            text: a.text,
            gold: a.gold,
        })
        .collect()
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// How often each word is inside a gold cue, in all, and first in a cue of
/// several words; sorted by word.
pub fn cue_counts(arts: &[Prepared], gaz: &Gazetteer) -> Vec<(String, CueCounts)> {
    let mut counts: FxHashMap<String, CueCounts> = FxHashMap::default();
    for a in arts {
        let toks = token::tokenize(&a.text, gaz);
        let mut in_cue = vec![false; toks.len()];
        let mut lead = vec![false; toks.len()];
        let mut starts = vec![false; toks.len()];
        for g in &a.gold {
            let (Some(first), Some(last)) = (g.cue.first(), g.cue.last()) else {
                continue;
            };
            let ts: Vec<usize> = (0..toks.len())
                .filter(|&i| (toks[i].start as usize) < last.1 && (toks[i].end as usize) > first.0)
                .collect();
            for &i in &ts {
                in_cue[i] = true;
            }
            if let Some(&i) = ts.first() {
                starts[i] = true;
            }
            if ts.len() > 1 {
                lead[ts[0]] = true;
            }
        }
        for (i, t) in toks.iter().enumerate() {
            if t.has(flag::PUNCT) && t.text(&a.text) != ":" {
                continue;
            }
            let c = counts.entry(lower(t.text(&a.text))).or_default();
            c.total += 1;
            c.cue += in_cue[i] as u32;
            c.lead += lead[i] as u32;
            if i > 0 && toks[i - 1].text(&a.text) == "," {
                c.comma += 1;
                c.comma_cue += starts[i] as u32;
            }
        }
    }
    let mut v: Vec<(String, CueCounts)> = counts
        .into_iter()
        .filter(|(_, c)| c.bucket() > 0 || c.is_lead())
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// How often each lower-case word heads a gold source ([`super::attribute::head_of`]
/// of its first fragment), and occurs in all; sorted by word. Capitalised words
/// inside a sentence are names, not nouns that speak: left out.
pub fn head_counts(arts: &[Prepared], gaz: &Gazetteer) -> Vec<(String, HeadCounts)> {
    let mut counts: FxHashMap<String, HeadCounts> = FxHashMap::default();
    for a in arts {
        let doc = Doc::new(&a.text, gaz, &a.actors);
        let mut is_head = vec![false; doc.len()];
        for g in &a.gold {
            let Some(&first) = g.source.first() else {
                continue;
            };
            let ts = tokens_of(&doc, &[first]);
            if let (Some(&s), Some(&e)) = (ts.first(), ts.last()) {
                is_head[super::attribute::head_of(&doc, (s, e + 1))] = true;
            }
        }
        for (i, &head) in is_head.iter().enumerate() {
            if doc.is_punct(i) || (doc.is_cap(i) && !doc.toks[i].has(flag::SENT_START)) {
                continue;
            }
            let c = counts.entry(lower(doc.word(i))).or_default();
            c.total += 1;
            c.head += head as u32;
        }
    }
    let mut v: Vec<(String, HeadCounts)> =
        counts.into_iter().filter(|(_, c)| c.bucket() > 0).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// `source_heads.tsv` text for the counts.
pub fn heads_tsv(counts: &[(String, HeadCounts)]) -> String {
    let mut s = String::from(
        "# Head words of attribution sources (\"officials\", \"campaign\", \"poll\"): word, times\n\
         # the head of a source, times in all (lower-case uses). Counted over the PolNeAR\n\
         # v1.0 training articles by `examples/train_quotes.rs`; kept from two times on.\n",
    );
    for (w, c) in counts {
        s.push_str(&format!("{w}\t{}\t{}\n", c.head, c.total));
    }
    s
}

/// `cues.tsv` text for the counts.
pub fn cues_tsv(counts: &[(String, CueCounts)]) -> String {
    let mut s = String::from(
        "# Words of attribution cues: word, times inside a cue, times in all, times first\n\
         # in a cue of several words, times after a comma, times first in a cue after a\n\
         # comma. Counted over the PolNeAR v1.0 training articles by\n\
         # `examples/train_quotes.rs`; only words the finder decides on are kept.\n",
    );
    for (w, c) in counts {
        s.push_str(&format!(
            "{w}\t{}\t{}\t{}\t{}\t{}\n",
            c.cue, c.total, c.lead, c.comma, c.comma_cue
        ));
    }
    s
}

/// Token ranges of a gold attribution's spans.
fn tokens_of(doc: &Doc<'_>, spans: &[(usize, usize)]) -> Vec<usize> {
    (0..doc.len())
        .filter(|&i| {
            let t = doc.toks[i];
            spans
                .iter()
                .any(|&(a, b)| (t.start as usize) < b && (t.end as usize) > a)
        })
        .collect()
}

/// The gold cues of an article as token ranges, sorted (for oracle runs).
pub fn gold_cues(doc: &Doc<'_>, gold: &[Gold]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = gold
        .iter()
        .filter_map(|g| {
            let (first, last) = (g.cue.first()?, g.cue.last()?);
            let ts = tokens_of(doc, &[(first.0, last.1)]);
            Some((*ts.first()?, *ts.last()? + 1))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Bytes shared by two sets of ranges (each sorted, non-overlapping).
pub fn overlap(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let mut n = 0;
    for &(x0, x1) in a {
        for &(y0, y1) in b {
            n += x1.min(y1).saturating_sub(x0.max(y0));
        }
    }
    n
}

fn size(a: &[(usize, usize)]) -> usize {
    a.iter().map(|r| r.1.saturating_sub(r.0)).sum()
}

/// Statistics of one epoch.
#[derive(Debug, Default, Clone, Copy)]
pub struct Epoch {
    pub cue_errors: usize,
    pub cue_decisions: usize,
    pub source_errors: usize,
    pub sources: usize,
    pub content_errors: usize,
    pub contents: usize,
    pub end_errors: usize,
    pub ends: usize,
}

/// One pass over `arts` in the order `order`.
pub fn epoch(
    t: &mut Trainer,
    arts: &[Prepared],
    order: &[usize],
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Epoch {
    let mut st = Epoch::default();
    let (mut sf, mut sc) = (Vec::new(), Vec::new());
    let (mut cf, mut cc) = (Vec::new(), Vec::new());
    for &k in order {
        let a = &arts[k];
        let doc = Doc::new(&a.text, gaz, &a.actors);
        // Cue labels.
        let mut truth = vec![cue::O; doc.len()];
        let mut gold_cues = Vec::new();
        for g in &a.gold {
            let (Some(first), Some(last)) = (g.cue.first(), g.cue.last()) else {
                continue;
            };
            let ts = tokens_of(&doc, &[(first.0, last.1)]);
            let (Some(&s), Some(&e)) = (ts.first(), ts.last()) else {
                continue;
            };
            if truth[s] == cue::O {
                truth[s] = cue::B;
                for x in &mut truth[s + 1..=e] {
                    *x = cue::I;
                }
            }
            gold_cues.push(((s, e + 1), g));
        }
        let labels = cue::decode(&doc, lex, &mut |f, allowed, i| {
            if cue::forced(&doc, lex, i, allowed) {
                t.update_label(f, cue::B, cue::B);
                return cue::B;
            }
            let (raw, guess) = cue::choose(&t.scores(f), allowed);
            let mut want = truth[i];
            if allowed & (1 << want) == 0 {
                want = cue::O;
            }
            st.cue_decisions += 1;
            st.cue_errors += (guess != want) as usize;
            // The column that won is the one to blame (I, for a cue it started).
            t.update_label(f, raw, if guess == want { raw } else { want });
            guess
        });
        // The tagger's false cues (touching no gold cue): their content is
        // none, which the content ranker learns to prefer. (The cues it
        // would find with the finder's bias taught it to drop too many.)
        for c in cue::spans(&labels) {
            if truth[c.0..c.1].iter().any(|&l| l != cue::O) {
                continue;
            }
            source::candidates(&doc, lex, gaz, c, &mut sf, &mut sc);
            let src = source_phrase(&doc, lex, gaz, c, sc[source::choose(t, &sf, &sc)].tok);
            let mut stop = |f: &[u32], _| {
                let s = t.scores(f);
                s[boundary::STOP as usize] > s[boundary::GO as usize]
            };
            content::candidates(&doc, lex, c, src, &mut stop, &mut cf, &mut cc);
            let (Some(pred), Some(null)) = (
                content::choose(t, &cf, &cc),
                cc.iter().position(|x| x.ty == content::Type::Null),
            ) else {
                continue;
            };
            st.contents += 1;
            st.content_errors += (pred != null) as usize;
            let (gf, pf) = (
                cf[cc[null].a..cc[null].b].to_vec(),
                cf[cc[pred].a..cc[pred].b].to_vec(),
            );
            t.update_rank(&gf, &pf, pred == null);
        }
        // Sources and contents, from the gold cues.
        for (c, g) in gold_cues {
            source::candidates(&doc, lex, gaz, c, &mut sf, &mut sc);
            let pred = source::choose(t, &sf, &sc);
            // Any word of the gold source is right, but a determiner or a
            // comma is a poor head: prefer the other words when there are any.
            let mut gold_toks = tokens_of(&doc, &g.source);
            let words: Vec<usize> = gold_toks
                .iter()
                .copied()
                .filter(|&i| !doc.is_punct(i) && !source::is_determiner(doc.word(i)))
                .collect();
            if !words.is_empty() {
                gold_toks = words;
            }
            let is_gold = |tok: usize| {
                if g.source.is_empty() {
                    tok == source::NULL
                } else {
                    gold_toks.contains(&tok)
                }
            };
            let mut gold_best: Option<(f32, usize)> = None;
            for (j, cand) in sc.iter().enumerate() {
                if is_gold(cand.tok) {
                    let s = t.rank(&sf[cand.a..cand.b]);
                    if gold_best.is_none_or(|b| s > b.0) {
                        gold_best = Some((s, j));
                    }
                }
            }
            if let Some((_, gb)) = gold_best {
                let same = is_gold(sc[pred].tok);
                st.sources += 1;
                st.source_errors += (!same) as usize;
                let (gf, pf) = (
                    sf[sc[gb].a..sc[gb].b].to_vec(),
                    sf[sc[pred].a..sc[pred].b].to_vec(),
                );
                t.update_rank(&gf, &pf, same);
            }
            // Content, with the source the model would pick now.
            let src = source_phrase(&doc, lex, gaz, c, sc[source::choose(t, &sf, &sc)].tok);
            // Where the content after the cue ends, when gold content starts
            // where the right side does.
            let (ra, rb) = content::right_span(&doc, c, src);
            let right_gold: Vec<usize> = tokens_of(&doc, &g.content)
                .into_iter()
                .filter(|&i| i >= ra)
                .collect();
            if let (Some(&gs), Some(&gl)) = (right_gold.first(), right_gold.last())
                && gs <= ra + 1
                && rb > ra + 1
            {
                let ge = gl + 1;
                boundary::end(&doc, lex, c, ra, rb, &mut |f, j| {
                    // Stopping on the punctuation right after the gold end is
                    // as good as stopping at it.
                    let want = j >= ge && (ge..j).all(|i| doc.is_punct(i));
                    let truth = j >= ge;
                    let s = t.scores(f);
                    let guess = s[boundary::STOP as usize] > s[boundary::GO as usize];
                    st.ends += 1;
                    st.end_errors += (guess != truth && !(guess && want)) as usize;
                    if guess != truth && !(guess && want) {
                        t.update_label(
                            f,
                            u8::from(guess) * boundary::STOP,
                            u8::from(truth) * boundary::STOP,
                        );
                    } else {
                        t.update_label(f, 0, 0);
                    }
                    truth
                });
            }
            let mut stop = |f: &[u32], _| {
                let s = t.scores(f);
                s[boundary::STOP as usize] > s[boundary::GO as usize]
            };
            content::candidates(&doc, lex, c, src, &mut stop, &mut cf, &mut cc);
            let Some(pred) = content::choose(t, &cf, &cc) else {
                continue;
            };
            let gsize = size(&g.content);
            let fit = |cand: &content::Cand| {
                let parts: Vec<(usize, usize)> =
                    cand.ranges().map(|(a, b)| doc.bytes(a, b)).collect();
                let ov = overlap(&parts, &g.content);
                let psize = size(&parts);
                if 2 * ov >= gsize && 2 * ov >= psize && ov > 0 {
                    2.0 * ov as f32 / (gsize + psize) as f32
                } else {
                    0.0
                }
            };
            let fits: Vec<f32> = cc.iter().map(fit).collect();
            let top = fits.iter().copied().fold(0.0f32, f32::max);
            if top <= 0.0 {
                continue;
            }
            // Among the candidates that fit best, the one the model likes most.
            let mut gb = None;
            for (j, cand) in cc.iter().enumerate() {
                if fits[j] >= top - 0.05 {
                    let s = t.rank(&cf[cand.a..cand.b]);
                    if gb.is_none_or(|(b, _)| s > b) {
                        gb = Some((s, j));
                    }
                }
            }
            let Some((_, gb)) = gb else { continue };
            let same = fits[pred] >= top - 0.05;
            st.contents += 1;
            st.content_errors += (!same) as usize;
            let (gf, pf) = (
                cf[cc[gb].a..cc[gb].b].to_vec(),
                cf[cc[pred].a..cc[pred].b].to_vec(),
            );
            t.update_rank(&gf, &pf, same);
        }
    }
    st
}

/// The source phrase of cue `c` around the head word `head` ([`source::NULL`]
/// for none), as [`super::run`] builds it.
fn source_phrase(
    doc: &Doc<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    c: (usize, usize),
    head: usize,
) -> Option<(usize, usize)> {
    let (ss, se) = doc.sentence(c.0);
    (head != source::NULL).then(|| {
        let limit = if head < c.0 { (ss, c.0) } else { (c.1, se) };
        let s = source::phrase(doc, lex, gaz, head, limit);
        source::grow(doc, lex, gaz, s, limit)
    })
}

/// A deterministic shuffle (xorshift), so that training is reproducible.
pub fn shuffle(v: &mut [usize], seed: u64) {
    let mut x = seed | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
}

/// Trains for `epochs` passes; `report` sees each epoch's statistics.
pub fn train(
    arts: &[Prepared],
    lex: &Lexicon,
    gaz: &Gazetteer,
    epochs: usize,
    report: &mut dyn FnMut(usize, Epoch),
) -> Trainer {
    train_run(arts, lex, gaz, epochs, 0, report)
}

/// Run `run` of training: the articles in the run's own orders (run 0 is
/// [`train`]'s), for [`Trainer::save_mean`] over several runs.
pub fn train_run(
    arts: &[Prepared],
    lex: &Lexicon,
    gaz: &Gazetteer,
    epochs: usize,
    run: usize,
    report: &mut dyn FnMut(usize, Epoch),
) -> Trainer {
    let mut t = Trainer::default();
    let mut order: Vec<usize> = (0..arts.len()).collect();
    for e in 0..epochs {
        shuffle(&mut order, 0x5eed + e as u64 + 1000 * run as u64);
        let st = epoch(&mut t, arts, &order, lex, gaz);
        report(e, st);
    }
    t
}
