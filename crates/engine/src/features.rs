//! What the tagger looks at for one token: the features of Ratinov & Roth (2009)
//! reduced to what is cheap — the word, its shape and affixes, its neighbours, the
//! labels already given (in the sentence and to the same word earlier in the
//! document), gazetteer and lexicon membership, and document-level capitalisation
//! evidence. Each feature is a 32-bit hash, so nothing is allocated per feature.
//!
//! The hash function is fixed here (not std's randomised one) because the trained
//! weights in `assets/` are keyed by these hashes.

use rustc_hash::FxHashMap;

use super::gazetteer::{self as gaz, Entry, Gazetteer, word};
use super::token::{Token, flag};

pub use super::hash::{
    LABELS, NL, O, hash_bytes, inside, is_begin, label_type, shape, shape_hash, title_case,
    word_key,
};
use super::hash::{SEED, feat, feat2};

/// Gazetteer facts about a token, from the longest phrase it is part of.
pub mod gaz_tag {
    pub const NONE: u8 = 0;
    pub const PLACE_ACTOR: u8 = 1;
    pub const ORG: u8 = 2;
    pub const DEMONYM: u8 = 3;
    pub const PLACE: u8 = 4;
    pub const PERSON: u8 = 5;
    pub const MISC: u8 = 6;
    /// Or-ed in when the token begins the phrase.
    pub const BEGIN: u8 = 0x10;
    /// Or-ed in when the phrase is one word.
    pub const SINGLE: u8 = 0x20;
}

/// Everything about a document that the per-token features read.
pub struct DocCtx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub gaz: &'a Gazetteer,
    /// Lower-cased text of the tokens the tagger decides on (empty for others).
    lower_buf: String,
    /// Per token, its entry in `lowers` ([`NO_LOWER`] for none): four bytes
    /// a token, the entries only for the few tokens that have one.
    lower_of: Vec<u32>,
    /// Where each decided token's lower-cased text is in `lower_buf`, and
    /// its [`word_key`] (made once, read by every stage).
    lowers: Vec<(u32, u32, u64)>,
    /// Whether the tagger decides on the token at all.
    pub eligible: Vec<bool>,
    /// The tokens it decides on, in order (where `eligible` is true): the
    /// passes over them need not visit the other four fifths of the tokens.
    decided: Vec<u32>,
    pub gaz_tags: Vec<u8>,
    /// What the word lists say about each eligible token ([`word`] bits).
    pub info: Vec<u32>,
    /// Capitalised words of the document → (times seen in lower case in running
    /// text, times seen capitalised in running text not at a sentence start).
    /// Counts, not flags: one lower-case "trump" (the verb) must not outweigh
    /// twenty capitalised "Trump"s.
    pub seen: FxHashMap<u64, (u32, u32)>,
    /// Tokens the tagger began a person's name at, with the type (2 ORG,
    /// 3 LOC, 4 MISC) it scored best after the person's: its second opinion,
    /// for names the document shows are no person's after all.
    pub person_alt: Vec<(usize, u8)>,
}

/// [`DocCtx::lower_of`] for a token without lower-cased text.
const NO_LOWER: u32 = u32::MAX;

/// What the features of a token read of a neighbouring word, from its text
/// alone (and the word lists).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NearFacts {
    /// [`shape_hash`] of the text.
    pub shape: u64,
    /// [`Gazetteer::info_any`] of the text (what [`DocCtx::word_info`] says).
    pub info: u32,
    /// The text's features as the word before, after, two before and two
    /// after a token (templates 6 to 9).
    pub near: [u32; 4],
}

impl NearFacts {
    /// What token `i`'s features read of `w` when it is the word `k`-th of
    /// before, after, two before, two after `i` (0..4): its feature for that
    /// place, its shape next to `i`, its word lists just before. Other
    /// fields are 0.
    pub fn at(w: &str, gaz: &Gazetteer, k: usize) -> NearFacts {
        let b = w.as_bytes();
        let mut near = [0; 4];
        near[k & 3] = feat(6 + (k & 3) as u8, b, true);
        NearFacts {
            shape: if k < 2 { shape_hash(w) } else { 0 },
            info: if k == 0 { gaz.info_any(w) } else { 0 },
            near,
        }
    }
}

/// A bit (0..1024) from a word's length and first two bytes, ASCII-lower-cased.
fn filter_bit(w: &[u8]) -> usize {
    let a = w.first().map_or(0, u8::to_ascii_lowercase) as usize;
    let b = w.get(1).map_or(0, u8::to_ascii_lowercase) as usize;
    (w.len() * 131 + a * 31 + b * 7) % 1024
}

/// `w` is a word the tagger may decide on by itself: capitalised or all upper case.
fn capitalised(t: &Token) -> bool {
    t.has(flag::CAP) || (t.has(flag::UPPER) && t.has(flag::ALPHA))
}

impl<'a> DocCtx<'a> {
    pub fn new(text: &'a str, toks: &'a [Token], gaz: &'a Gazetteer) -> Self {
        let n = toks.len();
        let mut ctx = DocCtx {
            text,
            toks,
            gaz,
            lower_buf: String::with_capacity(text.len() / 4),
            lower_of: vec![NO_LOWER; n],
            // Capitalised words are a fifth of a news text's tokens or so.
            lowers: Vec::with_capacity(n / 4 + 4),
            eligible: vec![false; n],
            decided: Vec::with_capacity(n / 4 + 4),
            gaz_tags: vec![gaz_tag::NONE; n],
            info: vec![0; n],
            // Room for the distinct capitalised words of a usual news text
            // (a tenth of its tokens or fewer), not grown five times a document.
            seen: FxHashMap::with_capacity_and_hasher(n / 8, Default::default()),
            person_alt: Vec::new(),
        };
        // Lower-case sightings matter only for words also seen capitalised: look
        // those up rather than collecting every word of the document, and skip
        // the hash for words whose length and first letters no capitalised word has.
        let mut filter = [0u64; 16];
        for (i, t) in toks.iter().enumerate() {
            if t.has(flag::PUNCT) || !t.has(flag::ALPHA) || !capitalised(t) {
                continue;
            }
            let w = t.text(text);
            ctx.eligible[i] = true;
            ctx.decided.push(i as u32);
            ctx.set_lower(i, w);
            let key = ctx.key(i);
            ctx.info[i] = gaz.info_key(key);
            let mid = !t.has(flag::SENT_START) && !t.has(flag::HEADLINE);
            ctx.seen.entry(key).or_default().1 += u32::from(mid);
            let b = filter_bit(ctx.lower(i).as_bytes());
            filter[b / 64] |= 1 << (b % 64);
        }
        for t in toks {
            if t.has(flag::PUNCT) || !t.has(flag::ALPHA) || capitalised(t) || t.has(flag::HEADLINE)
            {
                continue;
            }
            // The filter reads bytes: no need to make the word a `str` yet.
            let bytes = text.as_bytes().get(t.start as usize..t.end as usize);
            let b = filter_bit(bytes.unwrap_or_default());
            if filter[b / 64] & (1 << (b % 64)) == 0 {
                continue;
            }
            if let Some(s) = ctx.seen.get_mut(&gaz::key_of(t.text(text))) {
                s.0 += 1;
            }
        }
        // Particles inside names: "Bashar al-Assad" is capitalised already, but
        // "Osama bin Laden", "Bank of England" need the lower-case word: the
        // one token between two decided ones.
        let mut particles = Vec::new();
        for pair in ctx.decided.windows(2) {
            let (a, b) = (pair[0] as usize, pair[1] as usize);
            if b != a + 2 {
                continue;
            }
            let i = a + 1;
            let t = toks[i];
            let w = t.text(text);
            if !t.has(flag::PUNCT) && gaz.is_particle(w) {
                particles.push(i as u32);
            }
        }
        for &i in &particles {
            let i = i as usize;
            ctx.eligible[i] = true;
            ctx.set_lower(i, toks[i].text(text));
            ctx.info[i] = gaz.info_key(ctx.key(i));
        }
        if !particles.is_empty() {
            ctx.decided.extend_from_slice(&particles);
            ctx.decided.sort_unstable();
        }
        ctx.drop_furniture();
        // A never-actor word standing alone ("However ,", "on Friday") is not
        // worth a decision: it is O. Judged on the tokens decided on before
        // any is dropped here.
        let lone: Vec<usize> = ctx
            .decided_now()
            .filter(|&i| {
                ctx.info[i] & word::NEVER != 0
                    && (i == 0 || !ctx.eligible[i - 1])
                    && (i + 1 >= n || !ctx.eligible[i + 1])
            })
            .collect();
        for i in lone {
            ctx.eligible[i] = false;
        }
        ctx.tag_gazetteer();
        ctx.judge_headline_words();
        let eligible = &ctx.eligible;
        ctx.decided.retain(|&i| eligible[i as usize]);
        ctx
    }

    /// The tokens the tagger decides on, in order.
    pub fn decided(&self) -> &[u32] {
        &self.decided
    }

    /// The tokens still decided on, while [`Self::new`] drops some: those
    /// of `decided` that are eligible.
    fn decided_now(&self) -> impl Iterator<Item = usize> + '_ {
        self.decided
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| self.eligible[i])
    }

    /// Headline words are judged by how the document's running text writes
    /// them: a common English word in a Title Case line ("Lanny Davis
    /// Obliterates CNN") that the running text never capitalises mid-sentence,
    /// and that no gazetteer phrase or name list knows, is no name and is not
    /// decided on. ALL-CAPS lines are left to the tagger's learnt features: in
    /// wire copy they name teams and companies that the text below may not
    /// repeat (measured: the same rule on them cost 0.45 F1 on CoNLL dev).
    fn judge_headline_words(&mut self) {
        for k in 0..self.decided.len() {
            let i = self.decided[k] as usize;
            let t = self.toks[i];
            if !self.eligible[i]
                || !t.has(flag::HEADLINE)
                || t.has(flag::UPPER)
                || self.info[i] & word::LEXICON == 0
                || self.info[i] & (word::GIVEN | word::SURNAME | word::ORG_HEAD | word::PARTICLE)
                    != 0
                || (t.end - t.start < 3 && self.info[i] & word::FUNCTION == 0)
                || self.gaz_tags[i] != gaz_tag::NONE
            {
                continue;
            }
            let cap = self.seen.get(&self.key(i)).map_or(0, |s| s.1);
            if cap == 0 {
                self.eligible[i] = false;
            }
        }
    }

    /// Table and caption furniture is never a name, and not decided on:
    /// - row labels of tables ("Shr 34 cts vs 1.19 dlrs", "Oper net 13.5
    ///   mln"): a table word followed within three tokens by a figure or by
    ///   another table word. The test is on tokens, not lines, because a
    ///   cleaner may have joined a table's rows into one line;
    /// - caption and player phrases ("Hide Caption", "Replay More Videos");
    /// - a ticker's exchange letter ("<DAXR.O>").
    fn drop_furniture(&mut self) {
        let n = self.toks.len();
        let mut phrase = String::new();
        // One pass over the decided tokens: this runs on every document.
        for k in 0..self.decided.len() {
            let i = self.decided[k] as usize;
            if !self.eligible[i] {
                continue;
            }
            let t = self.toks[i];
            // A letter glued after a word and a period is a code's suffix,
            // not an initial: the exchange of a ticker, "<DAXR.O>".
            if t.end - t.start == 1 && i >= 2 {
                let (w, dot) = (self.toks[i - 2], self.toks[i - 1]);
                if dot.start == w.end
                    && t.start == dot.end
                    && !w.has(flag::PUNCT)
                    && self.text.get(dot.start as usize..dot.end as usize) == Some(".")
                {
                    self.eligible[i] = false;
                    continue;
                }
            }
            let info = self.info[i];
            if info & word::TABLE != 0 {
                let row = (i + 1..n.min(i + 4)).any(|j| {
                    let t = self.toks[j];
                    t.has(flag::DIGIT)
                        || (t.has(flag::ALPHA) && self.word_info(j) & word::TABLE != 0)
                });
                if row {
                    self.eligible[i] = false;
                    continue;
                }
            }
            if info & word::CAPTION_START != 0 {
                phrase.clear();
                let mut longest = None;
                for j in i..n.min(i + self.gaz.max_caption_words) {
                    let t = self.toks[j];
                    if !t.has(flag::ALPHA) || t.has(flag::PUNCT) {
                        break;
                    }
                    if j > i {
                        phrase.push(' ');
                    }
                    phrase.push_str(&t.text(self.text).to_lowercase());
                    if self.gaz.is_caption(&phrase) {
                        longest = Some(j);
                    }
                }
                if let Some(last) = longest {
                    self.eligible[i..=last].fill(false);
                }
            }
        }
    }

    fn set_lower(&mut self, i: usize, w: &str) {
        let start = self.lower_buf.len();
        if w.is_ascii() {
            self.lower_buf.push_str(w);
            self.lower_buf[start..].make_ascii_lowercase();
        } else {
            self.lower_buf
                .extend(w.chars().flat_map(char::to_lowercase));
        }
        let entry = (
            start as u32,
            self.lower_buf.len() as u32,
            word_key(&self.lower_buf[start..]),
        );
        match self.lower_of.get(i).map(|&k| k as usize) {
            Some(k) if k < self.lowers.len() => self.lowers[k] = entry,
            Some(_) => {
                self.lower_of[i] = self.lowers.len() as u32;
                self.lowers.push(entry);
            }
            None => {}
        }
    }

    /// Token `i`'s entry in `lowers`, if it has lower-cased text.
    fn lower_entry(&self, i: usize) -> Option<(u32, u32, u64)> {
        let k = *self.lower_of.get(i)?;
        self.lowers.get(k as usize).copied()
    }

    /// What the word lists say about token `i`'s text in any case
    /// ([`Gazetteer::info_any`]): looked up already for the words the tagger
    /// decides on (ASCII ones: others are lower-cased char by char there, as
    /// a whole string by `info_any`), looked up now for the others.
    pub fn word_info(&self, i: usize) -> u32 {
        let w = self.toks[i].text(self.text);
        if self.lower_entry(i).is_some_and(|(a, b, _)| b > a) && w.is_ascii() {
            self.info[i]
        } else {
            self.gaz.info_any(w)
        }
    }

    /// [`word_key`] of [`Self::lower`]: the key the document's word counts
    /// (`seen`) and the tagger's history are kept under.
    pub fn key(&self, i: usize) -> u64 {
        match self.lower_entry(i) {
            Some((_, _, key)) => key,
            None => word_key(""),
        }
    }

    /// The lower-cased text of a token the tagger decides on ("" for others).
    pub fn lower(&self, i: usize) -> &str {
        let (a, b, _) = self.lower_entry(i).unwrap_or((0, 0, 0));
        self.lower_buf.get(a as usize..b as usize).unwrap_or("")
    }

    /// Marks the longest gazetteer phrase at each position of each run of
    /// eligible tokens.
    fn tag_gazetteer(&mut self) {
        let max = self.gaz.max_phrase_words.clamp(1, 8);
        let mut phrase = String::new();
        let mut lower = String::new();
        let n = self.toks.len();
        // Where the next phrase may begin: after the last one found.
        let mut from = 0;
        for k in 0..self.decided.len() {
            let i = self.decided[k] as usize;
            if i < from || !self.eligible[i] || self.info[i] & word::PHRASE_START == 0 {
                continue;
            }
            let mut best: Option<(usize, Entry)> = None;
            phrase.clear();
            lower.clear();
            let mut j = i;
            while j < n && j - i < max && self.eligible[j] {
                if j > i {
                    phrase.push(' ');
                    lower.push(' ');
                }
                phrase.push_str(self.toks[j].text(self.text));
                lower.push_str(self.lower(j));
                let entry = self.gaz.lookup(&phrase, &lower).or_else(|| {
                    // ALL-CAPS text names a country as "RUSSIA": accept the phrase
                    // when its title-cased form is in the gazetteer.
                    if self.toks[i].has(flag::UPPER) {
                        let titled = title_case(&lower);
                        self.gaz.lookup(&titled, &lower)
                    } else {
                        None
                    }
                });
                if let Some(e) = entry {
                    best = Some((j, e));
                }
                j += 1;
            }
            match best {
                Some((last, entry)) => {
                    let code = match entry {
                        Entry::Actor(id) => match self.gaz.actors[id as usize].kind {
                            super::Kind::Place => gaz_tag::PLACE_ACTOR,
                            super::Kind::Organization => gaz_tag::ORG,
                            super::Kind::Person => gaz_tag::PERSON,
                            super::Kind::Misc => gaz_tag::MISC,
                        },
                        Entry::Demonym(_) => gaz_tag::DEMONYM,
                        Entry::Place => gaz_tag::PLACE,
                    };
                    for t in i..=last {
                        let mut c = code;
                        if t == i {
                            c |= gaz_tag::BEGIN;
                        }
                        if last == i {
                            c |= gaz_tag::SINGLE;
                        }
                        self.gaz_tags[t] = c;
                    }
                    from = last + 1;
                }
                None => from = i + 1,
            }
        }
    }

    /// Writes the features of token `i` into `out`, given the labels of the two
    /// tokens before it (in decoding order) and `hist`, the label last given to the
    /// same word in this document (0 when none): its type features
    /// ([`Self::type_features`]), then its context features
    /// ([`Self::context_features`]).
    pub fn features(&self, i: usize, prev: u8, prev2: u8, hist: u8, out: &mut Vec<u32>) {
        let sh = shape_hash(self.toks[i].text(self.text));
        out.clear();
        self.type_features(i, sh, out);
        self.context_features(i, sh, (prev, prev2, hist), out);
    }

    /// The facts besides its text that token `i`'s type features read, as
    /// bits: its line is a headline, it starts a sentence, it is in capitals,
    /// and how the document writes the word (more often in lower case than
    /// capitalised mid-sentence; capitalised mid-sentence at all). Two
    /// eligible tokens with the same text and bits in one engine have the
    /// same [`Self::type_features`], in any document.
    pub fn type_bits(&self, i: usize) -> u8 {
        let t = self.toks[i];
        let (low, cap) = self.seen.get(&self.key(i)).copied().unwrap_or_default();
        (t.has(flag::HEADLINE) as u8)
            | (t.has(flag::SENT_START) as u8) << 1
            | (t.has(flag::UPPER) as u8) << 2
            | ((low > cap) as u8) << 3
            | ((cap > 0) as u8) << 4
    }

    /// Appends the features of eligible token `i` that depend only on its
    /// text (`sh` is its [`shape_hash`]) and its [`Self::type_bits`]: the
    /// word, its shape and affixes, capitalisation evidence and word lists.
    pub fn type_features(&self, i: usize, sh: u64, out: &mut Vec<u32>) {
        let t = self.toks[i];
        let w = t.text(self.text);
        let lw = self.lower(i);
        let wb = w.as_bytes();
        let bits = self.type_bits(i);
        let info = self.info[i];
        let lex = info & word::LEXICON != 0;
        // The document's case evidence: a word written in lower case more often
        // than capitalised mid-sentence is a common word here.
        let (low_seen, cap_seen) = (bits & 8 != 0, bits & 16 != 0);

        // Written a group of features at a time, where they are made
        // whatever the token: one check of the room left a group, not one a
        // feature (this runs on every word the tagger decides on).
        out.extend_from_slice(&[
            feat(0, b"bias", false),
            feat(1, wb, false),
            feat(2, lw.as_bytes(), false),
            feat2(3, sh, 0),
        ]);
        // The last three and first three chars, for words of four or more;
        // ASCII words (nearly all) without decoding chars.
        let affixes = if lw.is_ascii() {
            (lw.len() >= 4).then(|| (3, lw.len() - 3))
        } else {
            match (lw.char_indices().nth(3), lw.char_indices().nth_back(2)) {
                (Some((pre, _)), Some((suf, _))) => Some((pre, suf)),
                _ => None,
            }
        };
        if let Some((pre, suf)) = affixes {
            out.extend_from_slice(&[
                feat(4, &lw.as_bytes()[suf..], false),
                feat(5, &lw.as_bytes()[..pre], false),
            ]);
        }
        let flags = Self::case_flags(t, info);
        let proper = info & word::PROPER != 0;
        let given = info & word::GIVEN != 0;
        let surname = info & word::SURNAME != 0;
        out.extend_from_slice(&[
            // Capitalisation evidence.
            feat2(14, flags, 0),
            feat2(15, flags, (low_seen as u64) | (cap_seen as u64) << 1),
            feat2(
                16,
                (lex as u64) | (low_seen as u64) << 1 | (cap_seen as u64) << 2,
                sh,
            ),
            // Word lists.
            feat2(29, (proper as u64) | (lex as u64) << 1, flags),
            feat2(19, (given as u64) | (surname as u64) << 1, lex as u64),
        ]);
        if info & word::ORG_HEAD != 0 {
            out.push(feat2(21, 1, 0));
        }
        if info & word::NEVER != 0 {
            out.push(feat2(23, 1, flags));
        }
    }

    /// Capitalisation evidence of a token as bits: headline, sentence start,
    /// an English word, all capitals.
    fn case_flags(t: Token, info: u32) -> u64 {
        (t.has(flag::HEADLINE) as u64)
            | (t.has(flag::SENT_START) as u64) << 1
            | ((info & word::LEXICON != 0) as u64) << 2
            | (t.has(flag::UPPER) as u64) << 3
    }

    /// Appends the features of eligible token `i` that depend on where it
    /// stands (`sh` is its [`shape_hash`]): its neighbours and their shapes,
    /// the labels before it and its history (`(prev, prev2, hist)` as for
    /// [`Self::features`]), the gazetteer phrase it is in.
    pub fn context_features(
        &self,
        i: usize,
        sh: u64,
        (prev, prev2, hist): (u8, u8, u8),
        out: &mut Vec<u32>,
    ) {
        let n = self.toks.len();
        let t = self.toks[i];
        let wb = t.text(self.text).as_bytes();
        let info = self.info[i];
        // Neighbours: the words two before to two after, `<edge>` beyond the text.
        let at = |j: Option<usize>, k: usize| {
            j.filter(|&j| j < n)
                .map(|j| NearFacts::at(self.toks[j].text(self.text), self.gaz, k))
        };
        let before = at(i.checked_sub(1), 0);
        let after = at(Some(i + 1), 1);
        let before2 = at(i.checked_sub(2), 2);
        let after2 = at(Some(i + 2), 3);
        let edge = |k: usize| feat(6 + k as u8, b"<edge>", true);
        let flags = Self::case_flags(t, info);
        // Gazetteers.
        let g = self.gaz_tags[i];
        let gnext = self.gaz_tags.get(i + 1).copied().unwrap_or(0);
        out.extend_from_slice(&[
            // Neighbours.
            before.map_or_else(|| edge(0), |f| f.near[0]),
            after.map_or_else(|| edge(1), |f| f.near[1]),
            before2.map_or_else(|| edge(2), |f| f.near[2]),
            after2.map_or_else(|| edge(3), |f| f.near[3]),
            // Previous labels.
            feat2(10, prev as u64, 0),
            feat2(11, prev as u64, prev2 as u64),
            feat2(12, prev as u64, sh),
            feat2(13, prev as u64, hash_bytes(SEED, wb, true)),
            // Gazetteers.
            feat2(17, g as u64, 0),
            feat2(18, gnext as u64, 0),
            // What this word was called earlier in the document.
            feat2(24, hist as u64, 0),
            feat2(25, hist as u64, flags),
        ]);
        if before.is_some_and(|f| f.info & word::TITLE != 0) {
            out.push(feat2(20, 1, 0));
        }
        if let Some(next) = self.next_word(i)
            && self.info[next] & word::ORG_HEAD != 0
        {
            out.push(feat2(22, 1, 0));
        }
        // Shapes around.
        if let Some(f) = after {
            out.push(feat2(26, f.shape, sh));
        }
        if let Some(f) = before {
            out.push(feat2(27, f.shape, sh));
        }
        if t.has(flag::POSS) || self.toks.get(i + 1).is_some_and(|n| n.has(flag::POSS)) {
            out.push(feat2(28, 1, 0));
        }
    }

    /// The next eligible token right after `i`, if the tokens are adjacent in order.
    fn next_word(&self, i: usize) -> Option<usize> {
        let n = i + 1;
        (n < self.toks.len() && self.eligible[n]).then_some(n)
    }
}
