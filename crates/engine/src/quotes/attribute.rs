//! From a source phrase to an actor of the article: a name in the phrase is
//! that name's entity ("Kremlin spokesman Dmitry Peskov", "a Clinton aide",
//! "O'Malley's campaign"); a pronoun is the nearest compatible actor before it
//! — a man or a woman for "he" / "she" (by title and given name), the speaker
//! of the surrounding quote for "I" / "we", an organisation for "it" / "they";
//! a definite description ("the spokesman", "the ministry") the nearest actor
//! of its kind. Indefinite ones ("an official", "officials") stay anonymous.

use crate::Kind;

use super::doc::{Doc, NONE};
use super::lexicon::{Lexicon, Pron, Sex};

/// Per-document facts the resolver reuses between attributions.
pub struct Resolver {
    /// The sex of each entity, when the text or the name tells.
    sex: Vec<Option<Sex>>,
}

/// One attribution already resolved, for "he added" and "I think".
#[derive(Debug, Clone, Copy)]
pub struct Prior {
    pub cue: usize,
    pub entity: Option<usize>,
    /// Byte range of its content (the first and last part).
    pub content: (usize, usize),
}

impl Resolver {
    pub fn new(doc: &Doc<'_>, lex: &Lexicon) -> Resolver {
        let mut sex = vec![None; doc.actors.entity_count()];
        for (i, e) in doc.actors.entities().enumerate() {
            if e.kind == Kind::Person {
                sex[i] = e.name.split_whitespace().next().and_then(|g| lex.sex(g));
                // Else what the actor engine saw with its mentions ("Mr.",
                // "she said"), when one side clearly outweighs the other.
                if sex[i].is_none() {
                    sex[i] = doc
                        .actors
                        .evidence(i)
                        .and_then(|ev| match ev.gender.sign() {
                            1 => Some(Sex::Male),
                            -1 => Some(Sex::Female),
                            _ => None,
                        });
                }
            }
        }
        // "Mr. Kerry", "Mrs. Clinton", "Ms. Morris" tell for sure.
        for (i, &e) in doc.ent_of.iter().enumerate() {
            if e == NONE || i == 0 || doc.ent_of[i - 1] == e {
                continue;
            }
            let title = doc.word(i - 1).trim_end_matches('.').to_ascii_lowercase();
            let s = match title.as_str() {
                "mr" | "sir" | "lord" => Some(Sex::Male),
                "mrs" | "ms" | "miss" | "lady" | "dame" => Some(Sex::Female),
                _ => None,
            };
            if let (Some(s), Some(slot)) = (s, sex.get_mut(e as usize)) {
                *slot = Some(s);
            }
        }
        Resolver { sex }
    }

    fn kind(doc: &Doc<'_>, e: u32) -> Option<Kind> {
        doc.actors.entity(e as usize).map(|e| e.kind)
    }

    /// The entity a pronoun or description at token `before` most likely
    /// refers to, among those `ok` accepts: the first one (the subject, more
    /// often than not) of its own sentence before it, else of the sentence
    /// before, and so on back over about three paragraphs; names inside
    /// quotes are not candidates. "Kerry called Lavrov, in which he voiced
    /// concern": he is Kerry, not the nearer Lavrov.
    fn nearest(&self, doc: &Doc<'_>, before: usize, ok: &dyn Fn(u32) -> bool) -> Option<usize> {
        let para = doc.para_of.get(before).copied().unwrap_or(0);
        let mut s = doc.sent_of.get(before).copied().unwrap_or(0) as usize;
        let mut end = before;
        // Never further back than this many tokens: linear time on a text
        // that is one endless paragraph.
        let floor = before.saturating_sub(600);
        loop {
            let (a, _) = doc
                .sents
                .get(s)
                .map_or((0, 0), |&(a, b)| (a as usize, b as usize));
            if a < doc.len() && doc.para_of[a] + 3 < para {
                return None;
            }
            for i in a.max(floor)..end.min(doc.len()) {
                let e = doc.ent_of[i];
                if e != NONE && !doc.in_quote(i) && ok(e) {
                    return Some(e as usize);
                }
            }
            if s == 0 || a <= floor {
                return None;
            }
            s -= 1;
            end = a;
        }
    }

    fn person_ok(&self, doc: &Doc<'_>, e: u32, want: Option<Sex>) -> bool {
        Self::kind(doc, e) == Some(Kind::Person)
            && match (want, self.sex.get(e as usize).copied().flatten()) {
                (Some(w), Some(s)) => w == s,
                _ => true,
            }
    }

    /// The entity the source phrase `src` (token range) stands for, given the
    /// attributions before it: the entity its head names ("Kremlin spokesman
    /// Dmitry Peskov", "Clinton, the former secretary of State"), or a name in
    /// apposition to a description ("his former partner, Lawrence Cummings");
    /// the referent of a pronoun or of a bare definite description ("the
    /// spokesman"). A description whose head is no name is nobody of the cast
    /// even when a name qualifies it: "a Clinton aide" is not Clinton, "the
    /// Trump campaign" not Trump.
    pub fn resolve(
        &self,
        doc: &Doc<'_>,
        lex: &Lexicon,
        src: (usize, usize),
        cue: usize,
        prior: &[Prior],
    ) -> Option<usize> {
        let head = head_of(doc, src);
        if let Some(e) = named(doc, head) {
            return Some(e);
        }
        if let Some(p) = doc.pronoun(lex, head) {
            return self.pronoun(doc, lex, p, head, cue, prior);
        }
        // A person's name in apposition: "Another critic, Laurence H. Tribe".
        let mut comma = false;
        for i in head + 1..src.1 {
            comma |= doc.word(i) == ",";
            if comma
                && let Some(e) = named(doc, i)
                && Self::kind(doc, e as u32) == Some(Kind::Person)
            {
                return Some(e);
            }
        }
        if let Some(kind) = lex.noun(doc.keys[head]) {
            // Only a bare definite description ("the spokesman", "the
            // ministry") points back; "the Vermont senator" says more than
            // the nearest senator, and "an official" is nobody in particular.
            let first = doc.word(src.0).to_ascii_lowercase();
            let definite = matches!(first.as_str(), "the" | "this" | "that");
            let modified = (src.0 + 1..head).any(|i| doc.is_cap(i));
            if definite && !modified {
                return self.nearest(doc, src.0, &|e| Self::kind(doc, e) == Some(kind));
            }
        }
        None
    }

    fn pronoun(
        &self,
        doc: &Doc<'_>,
        lex: &Lexicon,
        p: Pron,
        head: usize,
        cue: usize,
        prior: &[Prior],
    ) -> Option<usize> {
        let para = doc.para_of[cue];
        let recent = prior
            .iter()
            .rev()
            .take(8)
            .find(|q| doc.para_of[q.cue] + 1 >= para && q.cue < cue);
        match p {
            Pron::Male | Pron::Female => {
                let want = Some(if p == Pron::Male {
                    Sex::Male
                } else {
                    Sex::Female
                });
                if let Some(e) = recent.and_then(|q| q.entity)
                    && self.person_ok(doc, e as u32, want)
                {
                    return Some(e);
                }
                self.nearest(doc, head, &|e| self.person_ok(doc, e, want))
            }
            Pron::Speaker => {
                // "I think …" inside a quote: whoever the quote is by.
                let q = doc.quote(cue)?;
                let qa = q.q.start;
                prior
                    .iter()
                    .rev()
                    .take(8)
                    .find(|p| p.content.0 <= qa && qa < p.content.1)
                    .and_then(|p| p.entity)
            }
            Pron::Group | Pron::Org => {
                // "It said": an organisation, or a country acting as one.
                let ok = |e: u32| match Self::kind(doc, e) {
                    Some(Kind::Organization) => true,
                    Some(Kind::Place) => p == Pron::Org,
                    _ => false,
                };
                if let Some(e) = recent.and_then(|q| q.entity)
                    && ok(e as u32)
                {
                    return Some(e);
                }
                self.nearest(doc, head, &ok)
            }
            Pron::Relative => {
                // "Kerry, who said": the name just before, or before the
                // description in apposition to it ("Douglas Brinkley, a
                // historian who attended").
                let mut i = head;
                let mut commas = 0;
                while i > 0 && i + 10 > head && commas < 2 {
                    i -= 1;
                    let e = doc.ent_of[i];
                    if e != NONE {
                        return matches!(
                            Self::kind(doc, e),
                            Some(Kind::Person | Kind::Organization)
                        )
                        .then_some(e as usize);
                    }
                    match doc.word(i) {
                        "," => commas += 1,
                        w if doc.is_punct(i) || lex.cue(doc.keys[i]) > 2 || ends_chunk(w) => {
                            break;
                        }
                        _ => {}
                    }
                }
                None
            }
        }
    }
}

/// The entity a name mention covering token `i` names, when it names a
/// person, an organisation or a place (a country speaking as its government);
/// a demonym ("Mexicans said") is not the country.
pub fn named(doc: &Doc<'_>, i: usize) -> Option<usize> {
    let m = *doc.mention_of.get(i)?;
    let dm = doc.actors.mentions.get(m as usize)?;
    let kind = doc.actors.entity(dm.entity).map(|e| e.kind);
    (dm.form == crate::Form::Name
        && matches!(kind, Some(Kind::Person | Kind::Organization | Kind::Place)))
    .then_some(dm.entity)
}

/// Words that end the first part of a noun phrase: what follows qualifies it
/// ("a reporter for USA Today", "the director of debate at …", "Donna
/// Rawlings, 59, of Ashton", "officials who …").
pub fn ends_chunk(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "," | "("
            | ";"
            | ":"
            | "—"
            | "–"
            | "--"
            | "of"
            | "for"
            | "at"
            | "in"
            | "on"
            | "from"
            | "with"
            | "to"
            | "by"
            | "who"
            | "whom"
            | "whose"
            | "which"
            | "that"
    )
}

/// The head word of a source phrase: the last word of its first part
/// ("Kremlin spokesman Dmitry Peskov" → Peskov, "a reporter for USA Today" →
/// reporter, "Trump's" → Trump, "Obama's former campaign strategist" →
/// strategist).
pub fn head_of(doc: &Doc<'_>, src: (usize, usize)) -> usize {
    let (a, b) = src;
    let mut end = a + 1;
    while end < b && !ends_chunk(doc.word(end)) {
        end += 1;
    }
    // The last word, skipping a possessive ending and punctuation.
    let mut h = end - 1;
    while h > a && doc.is_punct(h) {
        h -= 1;
    }
    h
}
