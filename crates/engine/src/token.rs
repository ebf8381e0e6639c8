//! Tokens with byte offsets: words (with abbreviations, initials, dotted acronyms,
//! hyphenated compounds and name particles kept whole), punctuation, possessive
//! endings, and the sentence and headline facts the tagger needs.
//!
//! Works on any `&str`: offsets always fall on char boundaries, and nothing here can
//! panic on odd input (control characters, huge lines, no spaces at all).

use super::gazetteer::Gazetteer;

/// Facts about one token, as bits.
pub mod flag {
    /// The first character is an upper-case letter.
    pub const CAP: u16 = 1;
    /// Every letter is upper case and there are at least two characters.
    pub const UPPER: u16 = 1 << 1;
    /// Holds a digit.
    pub const DIGIT: u16 = 1 << 2;
    /// Holds a letter.
    pub const ALPHA: u16 = 1 << 3;
    /// The first word of a sentence (after skipping opening quotes and brackets).
    pub const SENT_START: u16 = 1 << 4;
    /// Its line carries no capitalisation signal (an ALL-CAPS or Title Case line).
    pub const HEADLINE: u16 = 1 << 5;
    /// Not a word: punctuation or a symbol.
    pub const PUNCT: u16 = 1 << 6;
    /// The possessive ending "'s" / "’s" (its own token, after the name).
    pub const POSS: u16 = 1 << 7;
    /// Holds an inner or final period ("U.S.", "Mr.", "F.").
    pub const DOTTED: u16 = 1 << 8;
    /// Holds a hyphen ("Ki-moon", "al-Assad", "Russia-backed").
    pub const HYPHEN: u16 = 1 << 9;
    /// The first word of a line.
    pub const LINE_START: u16 = 1 << 10;
}

/// One token: bytes `start..end` of the text. Offsets are `u32` (12 bytes a
/// token rather than 24): a document has a token every five bytes or so, and
/// a 50 MB one made a quarter of a gigabyte of them. [`tokenize`] stops at
/// 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub flags: u16,
}

impl Token {
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        // Offsets come from char_indices, so they are always boundaries.
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | ';' | '…')
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '-' | '–' | '—' | '*'
    )
}

/// The char at byte `i`, if any.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// End of the run of alphanumeric chars starting at `i`.
fn alnum_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    // ASCII fast path; the first non-ASCII byte falls back to decoding chars.
    while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j >= bytes.len() || bytes[j] < 0x80 {
        return j;
    }
    let rest = text.get(j..).unwrap_or("");
    let i = j;
    rest.char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(j, _)| i + j)
}

/// Splits `text` into tokens (of its first 4 GiB: see [`Token`]).
pub fn tokenize(text: &str, gaz: &Gazetteer) -> Vec<Token> {
    let mut cap = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(cap) {
        cap -= 1;
    }
    let text = &text[..cap];
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut sent_pending = true;
    let mut line_pending = true;
    // Where text glued on to a repeated name begins (see [`glued_at`]).
    let mut glued: Vec<u32> = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // A space between words (every token or so) is skipped before any
        // char is made of it: it changes no sentence or line state.
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let c = if bytes[i] < 0x80 {
            bytes[i] as char
        } else {
            let Some(c) = char_at(text, i) else { break };
            c
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                sent_pending = true;
                line_pending = true;
            }
            i += clen;
            continue;
        }
        if c.is_alphanumeric() {
            // Most words are a run of ASCII letters and digits followed by
            // a space or a punctuation mark that cannot continue them: their
            // end and flags come from one scan. The rest (hyphens, periods,
            // apostrophes, other scripts) take the general path.
            let (mut end, mut known_flags) = match plain_ascii_word(bytes, i) {
                Some((end, flags)) => (end, Some(flags)),
                None => (word_end(text, i, gaz), None),
            };
            // Glue needs a capitalised word before it and a capital here.
            if c.is_uppercase()
                && tokens.last().is_some_and(|t| t.has(flag::CAP))
                && let Some(cut) = glued_at(text, &tokens, i, end)
            {
                end = cut;
                glued.push(cut as u32);
                known_flags = None;
            }
            let mut flags = known_flags.unwrap_or_else(|| word_flags(&text[i..end]));
            if flags & flag::HYPHEN != 0 {
                // "Russia-backed", "U.S.-Russian-brokered": the names before the
                // hyphens are words of their own, the suffix another.
                let cut = compound_cut(&text[i..end], gaz)
                    .or_else(|| name_pair_cut(text, tokens.last(), i, end, gaz));
                if let Some(cut) = cut {
                    end = i + cut;
                    flags = word_flags(&text[i..end]);
                }
                if flags & flag::CAP == 0 && particle_prefixed(&text[i..end], gaz) {
                    flags |= flag::CAP;
                }
            }
            if sent_pending {
                flags |= flag::SENT_START;
            }
            if line_pending {
                flags |= flag::LINE_START;
            }
            sent_pending = false;
            line_pending = false;
            tokens.push(Token {
                start: i as u32,
                end: end as u32,
                flags,
            });
            i = end;
            continue;
        }
        // Possessive ending right after a word: "Kerry's", "Russia’s", "Jones'".
        if is_apostrophe(c)
            && tokens
                .last()
                .is_some_and(|t| t.end as usize == i && !t.has(flag::PUNCT))
        {
            let after = i + clen;
            let s_end = match char_at(text, after) {
                Some('s' | 'S') => after + 1,
                _ => after,
            };
            if char_at(text, s_end).is_none_or(|n| !n.is_alphanumeric()) {
                tokens.push(Token {
                    start: i as u32,
                    end: s_end as u32,
                    flags: flag::POSS | flag::PUNCT,
                });
                i = s_end;
                continue;
            }
        }
        let mut flags = flag::PUNCT;
        if line_pending {
            flags |= flag::LINE_START;
        }
        tokens.push(Token {
            start: i as u32,
            end: (i + clen) as u32,
            flags,
        });
        if is_sentence_end(c) {
            sent_pending = true;
        } else if !is_opening(c) {
            sent_pending = false;
        }
        i += clen;
    }
    super::headline::mark_headlines(text, &mut tokens, gaz);
    // After the headline pass, which must not take the few words before the
    // glue for a line of their own.
    for g in glued {
        if let Ok(k) = tokens.binary_search_by_key(&g, |t| t.start) {
            tokens[k].flags |= flag::LINE_START | flag::SENT_START;
        }
    }
    tokens
}

/// Where the word at `start..end` is two texts glued together, as link and
/// hover-card text is when a page is flattened: "President Trump Donald John
/// TrumpGOP senators balk at ...", "Speaker Nancy Pelosi Nancy
/// PelosiOvernight Health Care: ...". The word splits where a lower-case
/// letter meets a capital and the part before repeats one of the capitalised
/// words just before it; camel-case names ("McConnell", "BankAmerica",
/// "YouTube") repeat nothing and stay whole.
fn glued_at(text: &str, tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    let word = text.get(start..end)?;
    // Called for every word: ASCII words (nearly all) are scanned as bytes.
    let cut = if word.is_ascii() {
        let b = word.as_bytes();
        (2..b.len()).find(|&k| b[k].is_ascii_uppercase() && b[k - 1].is_ascii_lowercase())?
    } else {
        let mut prev_lower = false;
        let mut cut = None;
        for (k, c) in word.char_indices() {
            if prev_lower && c.is_uppercase() && k >= 2 {
                cut = Some(k);
                break;
            }
            prev_lower = c.is_lowercase();
        }
        cut?
    };
    let prefix = &word[..cut];
    let repeats = tokens
        .iter()
        .rev()
        .take(4)
        .take_while(|t| t.has(flag::CAP) && !t.has(flag::PUNCT))
        .any(|t| t.text(text) == prefix);
    repeats.then_some(start + cut)
}

/// Where the word starting at `start` ends: alphanumeric runs joined by inner
/// hyphens and apostrophes, dotted acronyms ("U.S."), abbreviations and initials
/// with their period ("Mr.", "F."), and a particle's trailing hyphen ("al- Assad").
fn word_end(text: &str, start: usize, gaz: &Gazetteer) -> usize {
    let mut end = alnum_end(text, start);
    let mut seg_start = start;
    let mut dotted = false;
    loop {
        match char_at(text, end) {
            Some('-') => {
                let next = end + 1;
                if char_at(text, next).is_some_and(char::is_alphanumeric) {
                    seg_start = next;
                    end = alnum_end(text, next);
                    continue;
                }
                // "al- Assad": a particle with its hyphen, cut off by a typo'd space.
                if gaz.is_particle(&text[seg_start..end]) && seg_start == start {
                    end = next;
                }
                return end;
            }
            Some(c) if is_apostrophe(c) => {
                let next = end + c.len_utf8();
                let Some(n) = char_at(text, next) else {
                    return end;
                };
                if !n.is_alphabetic() {
                    return end;
                }
                let run = alnum_end(text, next);
                // "'s" is the possessive, its own token; so are the endings of
                // "I'm", "we've", "they're", "I'll", "I'd" (as news tokenisers split
                // them). "hasn't", "O'Brien" stay whole.
                let ending = &text[next..run];
                if ["s", "m", "re", "ve", "ll", "d"]
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case(ending))
                {
                    return end;
                }
                seg_start = next;
                end = run;
            }
            Some('.') => {
                let seg = &text[seg_start..end];
                let seg_chars = seg.chars().count();
                let short_alpha = seg_chars <= 2 && seg.chars().all(char::is_alphabetic);
                let next = end + 1;
                // A dotted acronym goes on: "U.S", "p.m", "U.S.A".
                if short_alpha && char_at(text, next).is_some_and(char::is_alphabetic) {
                    let run = alnum_end(text, next);
                    if run - next <= 2 && char_at(text, run) == Some('.') {
                        dotted = true;
                        seg_start = next;
                        end = run;
                        continue;
                    }
                }
                let initial = seg_chars == 1 && seg.chars().all(char::is_uppercase);
                if dotted || initial || (seg_start == start && gaz.is_abbreviation(seg)) {
                    return next;
                }
                return end;
            }
            _ => return end,
        }
    }
}

/// Where to cut a capitalised hyphenated word whose last part is a compound suffix
/// ("Russia-backed" → 6, "U.S.-Russian-brokered" → 4): before the first hyphen.
fn compound_cut(word: &str, gaz: &Gazetteer) -> Option<usize> {
    let (head, suffix) = word.rsplit_once('-')?;
    let first = word.chars().next()?;
    if !first.is_uppercase() || head.is_empty() || !gaz.is_compound_suffix(&suffix.to_lowercase()) {
        return None;
    }
    word.find('-')
}

/// Where a hyphen joins two names rather than making one: "the first Hillary
/// Clinton-Donald Trump debate", "the Scotland-England match". The word is cut
/// before its hyphen (`start..end` is the word, `prev` the token before it)
/// when it has one hyphen between two capitalised parts and either
/// - both parts are places or known actors of the gazetteer and the whole is
///   not ("Bosnia-Herzegovina" stays whole), or
/// - a given name (or an initial) comes before it, the part after the hyphen
///   is a given name, and a capitalised word follows: the hyphen ends one
///   person's name and starts the next one's. A double given name
///   ("Prime Minister Jean-Pierre Raffarin") has a title or nothing before
///   it; a double surname ("Robert Kilroy-Silk") no given name after it.
fn name_pair_cut(
    text: &str,
    prev: Option<&Token>,
    start: usize,
    end: usize,
    gaz: &Gazetteer,
) -> Option<usize> {
    let word = text.get(start..end)?;
    let (a, b) = word.split_once('-')?;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if b.contains('-') || a.chars().count() < 2 || !capital(a) || !capital(b) {
        return None;
    }
    let known = |w: &str| {
        matches!(
            gaz.lookup_phrase(w),
            Some(super::gazetteer::Entry::Actor(_) | super::gazetteer::Entry::Place)
        )
    };
    if known(a) && known(b) && gaz.lookup_phrase(word).is_none() {
        return Some(a.len());
    }
    let given = |w: &str| gaz.info_any(w) & super::gazetteer::word::GIVEN != 0;
    let prev_given = prev.is_some_and(|p| {
        let w = p.text(text);
        !p.has(flag::PUNCT)
            && p.end as usize + 1 == start
            && (given(w) || matches!(w.as_bytes(), [c, b'.'] if c.is_ascii_uppercase()))
    });
    let next_capital = text
        .get(end..)
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(capital);
    (prev_given && given(b) && next_capital).then_some(a.len())
}

/// "al-Assad", "bin-Talal": a lower-case particle joined to a capitalised name.
fn particle_prefixed(word: &str, gaz: &Gazetteer) -> bool {
    match word.split_once('-') {
        Some((p, rest)) => {
            gaz.is_particle(p) && rest.chars().next().is_some_and(char::is_uppercase)
        }
        None => false,
    }
}

fn word_flags(word: &str) -> u16 {
    ascii_word_flags(word.as_bytes()).unwrap_or_else(|| char_word_flags(word))
}

/// [`word_flags`] char by char, for any word.
fn char_word_flags(word: &str) -> u16 {
    let mut flags = 0;
    let mut letters = 0;
    let mut lower = false;
    for (k, c) in word.chars().enumerate() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_lowercase() {
                lower = true;
            }
            if k == 0 && c.is_uppercase() {
                flags |= flag::CAP;
            }
        } else if c.is_numeric() {
            flags |= flag::DIGIT;
        } else if c == '.' {
            flags |= flag::DOTTED;
        } else if c == '-' {
            flags |= flag::HYPHEN;
        }
    }
    if letters > 0 {
        flags |= flag::ALPHA;
        if !lower && word.len() >= 2 {
            flags |= flag::UPPER;
        }
    }
    flags
}

/// What a byte of an ASCII word is, for [`ascii_word_flags`].
mod class {
    pub const LOWER: u8 = 1;
    pub const UPPER: u8 = 1 << 1;
    pub const DIGIT: u8 = 1 << 2;
    pub const DOT: u8 = 1 << 3;
    pub const HYPHEN: u8 = 1 << 4;
    /// Not ASCII.
    pub const HIGH: u8 = 1 << 5;
}

/// [`class`] bits of every byte.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' => class::LOWER,
            b'A'..=b'Z' => class::UPPER,
            b'0'..=b'9' => class::DIGIT,
            b'.' => class::DOT,
            b'-' => class::HYPHEN,
            0x80..=0xff => class::HIGH,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// [`word_flags`] for ASCII words (`None` for others): the bytes' classes
/// or-ed together, one table look-up a byte, as this runs on every word.
fn ascii_word_flags(word: &[u8]) -> Option<u16> {
    let all = word.iter().fold(0u8, |acc, &b| acc | CLASS[b as usize]);
    if all & class::HIGH != 0 {
        return None;
    }
    Some(class_flags(all, word))
}

/// The end and [`word_flags`] of the word at byte `i` when it is a run of
/// ASCII letters and digits that [`word_end`] would end where the run ends:
/// the text ends there or an ASCII byte follows that is no hyphen, period
/// or apostrophe. `None` for any other word.
fn plain_ascii_word(bytes: &[u8], i: usize) -> Option<(usize, u16)> {
    const ALNUM: u8 = class::LOWER | class::UPPER | class::DIGIT;
    let mut j = i;
    let mut all = 0u8;
    while let Some(&b) = bytes.get(j) {
        let c = CLASS[b as usize];
        if c & ALNUM == 0 {
            break;
        }
        all |= c;
        j += 1;
    }
    match bytes.get(j) {
        Some(b'-' | b'.' | b'\'') => return None,
        Some(&b) if b >= 0x80 => return None,
        _ => {}
    }
    let word = bytes.get(i..j).filter(|w| !w.is_empty())?;
    Some((j, class_flags(all, word)))
}

/// [`word_flags`] of an ASCII word from the or of its bytes' classes.
fn class_flags(all: u8, word: &[u8]) -> u16 {
    let mut flags = 0;
    if all & class::DIGIT != 0 {
        flags |= flag::DIGIT;
    }
    if all & class::DOT != 0 {
        flags |= flag::DOTTED;
    }
    if all & class::HYPHEN != 0 {
        flags |= flag::HYPHEN;
    }
    if word.first().is_some_and(u8::is_ascii_uppercase) {
        flags |= flag::CAP;
    }
    if all & (class::LOWER | class::UPPER) != 0 {
        flags |= flag::ALPHA;
        if all & class::LOWER == 0 && word.len() >= 2 {
            flags |= flag::UPPER;
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let gaz = Gazetteer::builtin();
        tokenize(text, &gaz).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        assert_eq!(
            words("Mr. Kerry met U.S. officials Sept. 19 at 5 p.m. with John F. Kerry."),
            [
                "Mr.",
                "Kerry",
                "met",
                "U.S.",
                "officials",
                "Sept.",
                "19",
                "at",
                "5",
                "p.m.",
                "with",
                "John",
                "F.",
                "Kerry",
                "."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_start_sentences() {
        let text = "Mr. Kerry met the U.S. envoy. However, Lavrov left.";
        let gaz = Gazetteer::builtin();
        let toks = tokenize(text, &gaz);
        let starts: Vec<&str> = toks
            .iter()
            .filter(|t| t.has(flag::SENT_START))
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["Mr.", "However"]);
    }

    #[test]
    fn possessives_are_split_off() {
        assert_eq!(words("Kerry's call"), ["Kerry", "'s", "call"]);
        assert_eq!(words("Russia’s actions"), ["Russia", "’s", "actions"]);
        assert_eq!(
            words("it hasn't, O'Brien"),
            ["it", "hasn't", ",", "O'Brien"]
        );
    }

    #[test]
    fn particles_and_hyphens() {
        assert_eq!(
            words("Bashar al-Assad and Ban Ki-moon"),
            ["Bashar", "al-Assad", "and", "Ban", "Ki-moon"]
        );
        assert_eq!(words("Bashar al- Assad"), ["Bashar", "al-", "Assad"]);
        assert_eq!(words("Osama bin Laden"), ["Osama", "bin", "Laden"]);
        assert_eq!(
            words("Ludwig van Beethoven"),
            ["Ludwig", "van", "Beethoven"]
        );
        assert_eq!(
            words("a U.S.-Russian-brokered truce"),
            ["a", "U.S.", "-", "Russian", "-", "brokered", "truce"]
        );
        assert_eq!(
            words("Russia-backed forces"),
            ["Russia", "-", "backed", "forces"]
        );
        assert_eq!(words("Bosnia-Herzegovina"), ["Bosnia-Herzegovina"]);
        assert_eq!(
            words("Robert Kilroy-Silk said"),
            ["Robert", "Kilroy-Silk", "said"]
        );
        assert_eq!(
            words("Minister Jean-Pierre Raffarin"),
            ["Minister", "Jean-Pierre", "Raffarin"]
        );
        assert_eq!(words("Ki-moon"), ["Ki-moon"]);
    }

    #[test]
    fn headlines_are_marked() {
        let text = "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP\nWest Indian all-rounder Phil Simmons took four.";
        let gaz = Gazetteer::builtin();
        let toks = tokenize(text, &gaz);
        assert!(toks[0].has(flag::HEADLINE) && toks[2].has(flag::HEADLINE));
        assert!(
            !toks
                .iter()
                .find(|t| t.text(text) == "Phil")
                .unwrap()
                .has(flag::HEADLINE)
        );
        let title = "Kerry Says Russia 'Knows What It Needs To Do' To Reach Truce In Syria";
        assert!(tokenize(title, &gaz).iter().all(|t| t.has(flag::HEADLINE)));
    }

    #[test]
    fn text_glued_to_a_repeated_name_is_split_off() {
        let text = "President Trump Donald John TrumpGOP senators balk";
        assert_eq!(
            words(text),
            [
                "President",
                "Trump",
                "Donald",
                "John",
                "Trump",
                "GOP",
                "senators",
                "balk"
            ]
        );
        let gaz = Gazetteer::builtin();
        let toks = tokenize(text, &gaz);
        assert!(toks[5].has(flag::LINE_START) && !toks[4].has(flag::LINE_START));
        // Nothing repeated: camel case stays one word.
        assert_eq!(
            words("the McConnell and BankAmerica deal"),
            ["the", "McConnell", "and", "BankAmerica", "deal"]
        );
    }

    #[test]
    fn plain_words_end_where_the_general_path_ends_them() {
        let gaz = Gazetteer::builtin();
        let text = "Mr. Kerry's U.S. trip, al-Assad O'Brien 5 p.m. Zürich x\u{2019}s F-16 \
                    ab1 Z9. end-of-text 'quoted' (Paris) Jones' A B.C and";
        let mut plain = 0;
        for i in 0..text.len() {
            if !text.is_char_boundary(i) {
                continue;
            }
            if let Some((end, flags)) = plain_ascii_word(text.as_bytes(), i) {
                plain += 1;
                assert_eq!(end, word_end(text, i, &gaz), "at {i}");
                assert_eq!(flags, word_flags(&text[i..end]), "at {i}");
            }
        }
        assert!(plain > 20);
    }

    #[test]
    fn ascii_flags_are_the_char_flags() {
        for w in [
            "",
            "a",
            "A",
            "AB",
            "Ab",
            "aB",
            "U.S.",
            "Ki-moon",
            "1996",
            "F-16",
            "A1",
            "a.",
            "-",
            "O'Brien",
            "MP3",
            "X",
            "p.m.",
            "RUSSIA-BACKED",
            "_",
            "~!",
        ] {
            assert_eq!(
                ascii_word_flags(w.as_bytes()),
                Some(char_word_flags(w)),
                "{w}"
            );
        }
        assert_eq!(ascii_word_flags("Zürich".as_bytes()), None);
    }

    #[test]
    fn odd_input_gives_boundaries() {
        for text in [
            "",
            "'",
            "’s",
            "a.",
            "é.é.é",
            "\u{1b}[31mX\u{0}",
            "al-",
            "-",
            "U.S.",
            "ab\u{2019}",
        ] {
            let gaz = Gazetteer::builtin();
            for t in tokenize(text, &gaz) {
                assert!(
                    t.start < t.end
                        && text.is_char_boundary(t.start as usize)
                        && text.is_char_boundary(t.end as usize)
                );
            }
        }
    }
}
