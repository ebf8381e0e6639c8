//! Tests of the quote finder on small texts, one construction each: the quote
//! before, after and around its cue, "according to", pronoun and description
//! sources, nested and unbalanced marks, curly and straight ones, a quote over
//! paragraphs. (The bundled articles are tested in the castlist crate:
//! `tests/quotes.rs`.)

use super::{QuoteKind, Quoter};
use crate::Engine;

/// One attribution as text: (actor, cue, source, content parts, kind).
#[derive(Debug)]
struct Found {
    actor: Option<String>,
    cue: String,
    source: Option<String>,
    content: Vec<String>,
    kind: QuoteKind,
}

fn find(text: &str) -> Vec<Found> {
    let engine = Engine::builtin();
    let (actors, quotes) = engine.analyze_with_quotes(text);
    quotes
        .iter()
        .map(|q| {
            for r in q.content.iter().chain(&q.cue).chain(&q.source) {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                assert!(r.start <= r.end && r.end <= text.len());
            }
            Found {
                actor: q.actor(text, &actors).map(str::to_string),
                cue: q.cue.clone().map_or(String::new(), |r| text[r].to_string()),
                source: q.source.clone().map(|r| text[r].to_string()),
                content: q
                    .content
                    .iter()
                    .map(|r| text[r.clone()].to_string())
                    .collect(),
                kind: q.kind,
            }
        })
        .collect()
}

/// The attribution whose content holds `snippet`.
fn with<'a>(found: &'a [Found], snippet: &str) -> &'a Found {
    found
        .iter()
        .find(|f| f.content.iter().any(|c| c.contains(snippet)))
        .unwrap_or_else(|| panic!("no attribution holds {snippet:?}: {found:#?}"))
}

const INTRO: &str = "Secretary of State John Kerry met Russian Foreign Minister Sergey Lavrov in Geneva on Friday.\n\n";

#[test]
fn quote_before_the_cue() {
    let text = format!("{INTRO}“We will not give up on the Syrian people,” Kerry said.\n");
    let f = find(&text);
    let q = with(&f, "We will not give up");
    assert_eq!(q.actor.as_deref(), Some("John Kerry"), "{f:#?}");
    assert_eq!(q.cue, "said");
    assert_eq!(q.source.as_deref(), Some("Kerry"));
    assert_eq!(q.content, ["“We will not give up on the Syrian people,”"]);
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn quote_after_the_cue() {
    let text = format!("{INTRO}Lavrov told reporters: “The ceasefire was broken by the rebels.”\n");
    let f = find(&text);
    let q = with(&f, "The ceasefire was broken");
    assert_eq!(q.actor.as_deref(), Some("Sergey Lavrov"), "{f:#?}");
    assert!(q.cue.starts_with("told"), "{q:?}");
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn inverted_cue_and_source() {
    let text = format!("{INTRO}“It is time to act,” said Lavrov.\n");
    let f = find(&text);
    let q = with(&f, "It is time to act");
    assert_eq!(q.actor.as_deref(), Some("Sergey Lavrov"), "{f:#?}");
    assert_eq!(q.source.as_deref(), Some("Lavrov"));
}

#[test]
fn quote_around_the_cue() {
    let text = format!(
        "{INTRO}“The results will not be immediate,” Kerry said. “But our patience is not limitless.”\n"
    );
    let f = find(&text);
    let q = with(&f, "The results will not be immediate");
    assert_eq!(q.actor.as_deref(), Some("John Kerry"), "{f:#?}");
    assert_eq!(q.content.len(), 2, "{q:?}");
    assert!(q.content[1].contains("our patience"), "{q:?}");
}

#[test]
fn a_signature_signs_the_quotation_before_it() {
    // Before the rule, the content ranker could take the words after the dash
    // (the name) or the rest of the line as what was said.
    let text = format!(
        "{INTRO}Readers wrote in.\n\n“The talks were a waste of everyone’s time and nobody believes them.” — Sergey Lavrov\n"
    );
    let f = find(&text);
    let q = with(&f, "The talks were a waste");
    assert_eq!(q.cue, "—", "{f:#?}");
    assert_eq!(
        q.content,
        ["“The talks were a waste of everyone’s time and nobody believes them.”"]
    );
    assert_eq!(q.actor.as_deref(), Some("Sergey Lavrov"), "{f:#?}");
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn reported_speech_with_that() {
    let text = format!("{INTRO}Kerry said that Russia must end its bombing campaign in Aleppo.\n");
    let f = find(&text);
    let q = with(&f, "Russia must end its bombing campaign");
    assert_eq!(q.actor.as_deref(), Some("John Kerry"), "{f:#?}");
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn according_to() {
    let text = format!(
        "{INTRO}The Kremlin has ordered more air attacks on rebel groups, according to the Interfax news agency.\n"
    );
    let f = find(&text);
    let q = with(&f, "ordered more air attacks");
    assert_eq!(q.cue, "according to", "{f:#?}");
    assert!(
        q.source.as_deref().is_some_and(|s| s.contains("Interfax")),
        "{q:?}"
    );
}

#[test]
fn pronoun_sources_resolve_to_the_subject() {
    let text = format!(
        "{INTRO}Kerry called Lavrov on Wednesday, and he warned that talks could end.\n\n\
         “We are not going to leave the multilateral field,” he said.\n"
    );
    let f = find(&text);
    let q = with(&f, "leave the multilateral field");
    assert_eq!(q.source.as_deref(), Some("he"), "{f:#?}");
    assert_eq!(q.actor.as_deref(), Some("John Kerry"), "{f:#?}");
    let w = with(&f, "talks could end");
    assert_eq!(w.actor.as_deref(), Some("John Kerry"), "{f:#?}");
}

#[test]
fn she_finds_a_woman() {
    let text = "Foreign Ministry spokeswoman Maria Zakharova spoke after John Kerry left.\n\n\
                She said Moscow was happy to talk to Washington about its military presence.\n";
    let f = find(text);
    let q = with(&f, "happy to talk");
    assert_eq!(q.actor.as_deref(), Some("Maria Zakharova"), "{f:#?}");
}

#[test]
fn role_before_a_name_is_the_name() {
    let text = "“We remain open to talks,” State Department spokesman John Kirby said on Monday.\n";
    let f = find(text);
    let q = with(&f, "We remain open to talks");
    assert_eq!(q.actor.as_deref(), Some("John Kirby"), "{f:#?}");
}

#[test]
fn a_description_in_apposition_is_the_name_after_it() {
    let text = format!(
        "{INTRO}Kerry and his Russian counterpart, Sergey Lavrov, said on Friday that the talks would go on.\n"
    );
    let f = find(&text);
    let q = with(&f, "the talks would go on");
    assert_eq!(q.actor.as_deref(), Some("Sergey Lavrov"), "{f:#?}");
}

#[test]
fn a_participle_after_a_comma_is_a_cue_of_the_clause_subject() {
    let text = format!(
        "{INTRO}Lavrov also cast doubt on the plan, saying “many issues remain” before any cooperation.\n"
    );
    let f = find(&text);
    let q = with(&f, "many issues remain");
    assert_eq!(q.actor.as_deref(), Some("Sergey Lavrov"), "{f:#?}");
}

#[test]
fn an_anonymous_source_is_described_not_named() {
    let text = format!(
        "{INTRO}“This leaves us with zero credibility,” said an anonymous U.S. official.\n"
    );
    let f = find(&text);
    let q = with(&f, "zero credibility");
    let actor = q.actor.as_deref().unwrap_or("");
    assert!(actor.contains("official"), "{q:?}");
    assert!(
        !actor.contains("Kerry") && !actor.contains("Lavrov"),
        "{q:?}"
    );
}

#[test]
fn nested_quotes_stay_in_the_outer_one() {
    let text =
        format!("{INTRO}“He told me ‘never again,’ and then he left the room,” Kerry said.\n");
    let f = find(&text);
    let q = with(&f, "never again");
    assert_eq!(
        q.content,
        ["“He told me ‘never again,’ and then he left the room,”"],
        "{f:#?}"
    );
    assert_eq!(q.actor.as_deref(), Some("John Kerry"));
}

#[test]
fn straight_marks_work_like_curly_ones() {
    let curly = format!("{INTRO}“We will not give up on the Syrian people,” Kerry said.\n");
    let straight = curly.replace(['“', '”'], "\"");
    let a = find(&curly);
    let b = find(&straight);
    let qa = with(&a, "We will not give up");
    let qb = with(&b, "We will not give up");
    assert_eq!(qa.actor, qb.actor);
    assert_eq!(
        qb.content,
        ["\"We will not give up on the Syrian people,\""]
    );
    assert_eq!(qb.kind, QuoteKind::Direct);
}

#[test]
fn unbalanced_quote_ends_with_its_paragraph() {
    let text = format!(
        "{INTRO}Kerry said: “We will not give up on the Syrian people.\n\nLavrov left early.\n"
    );
    let f = find(&text);
    let q = with(&f, "We will not give up");
    assert!(
        q.content.iter().all(|c| !c.contains("Lavrov left")),
        "{q:?}"
    );
    assert_eq!(q.actor.as_deref(), Some("John Kerry"));
}

#[test]
fn quote_spanning_paragraphs() {
    let text = format!(
        "{INTRO}Kerry said: “We are not giving up on the Syrian people.\n\n\
         “We are going to continue to try to find a way forward.”\n"
    );
    let f = find(&text);
    let q = with(&f, "not giving up");
    let all = q.content.join(" ");
    assert!(all.contains("find a way forward"), "{q:?}");
    assert_eq!(q.actor.as_deref(), Some("John Kerry"));
}

#[test]
fn text_without_attributions_has_none() {
    assert!(find("").is_empty());
    assert!(find("Aleppo is a city in Syria. It is old.\n").is_empty());
}

#[test]
fn the_builtin_model_is_loaded() {
    let q = Quoter::builtin();
    assert!(q.weights.len() > 10_000, "weights: {}", q.weights.len());
}

/// The content candidates of the first cue word `cue` in `text`, with the
/// finder's own source for it, as (type, text of each part).
fn content_candidates(text: &str, cue: &str) -> Vec<(super::content::Type, Vec<String>)> {
    use super::{content, doc::Doc, source};
    let engine = Engine::builtin();
    let q = Quoter::builtin();
    let actors = engine.analyze(text);
    let doc = Doc::new(text, engine.gazetteer(), &actors);
    let Some(c) = (0..doc.len()).find(|&i| doc.word(i) == cue) else {
        panic!("no {cue:?} in {text:?}");
    };
    let c = (c, c + 1);
    let (mut sf, mut sc) = (Vec::new(), Vec::new());
    source::candidates(&doc, &q.lex, engine.gazetteer(), c, &mut sf, &mut sc);
    let head = sc[source::choose(&q.weights, &sf, &sc)].tok;
    let src = (head != source::NULL).then(|| {
        let limit = if head < c.0 {
            (doc.sentence(c.0).0, c.0)
        } else {
            (c.1, doc.sentence(c.0).1)
        };
        let s = source::phrase(&doc, &q.lex, engine.gazetteer(), head, limit);
        source::grow(&doc, &q.lex, engine.gazetteer(), s, limit)
    });
    let (mut cf, mut cc) = (Vec::new(), Vec::new());
    let mut stop = |_: &[u32], _| false;
    content::candidates(&doc, &q.lex, c, src, &mut stop, &mut cf, &mut cc);
    cc.iter()
        .map(|k| {
            let parts = k
                .ranges()
                .map(|(a, b)| {
                    let (x, y) = doc.bytes(a, b);
                    text[x..y].to_string()
                })
                .collect();
            (k.ty, parts)
        })
        .collect()
}

#[test]
fn reported_speech_may_go_on_in_the_next_sentences_quote() {
    use super::content::Type;
    let text = format!(
        "{INTRO}Lavrov promised that Russia would stay in the talks. “Let me be as clear as I can be: we are in till the end.”\n"
    );
    let cands = content_candidates(&text, "promised");
    let joined = cands
        .iter()
        .find(|(ty, _)| *ty == Type::RightNext)
        .unwrap_or_else(|| panic!("no right-and-next candidate: {cands:#?}"));
    assert_eq!(
        joined.1,
        [
            "that Russia would stay in the talks",
            "“Let me be as clear as I can be: we are in till the end.”"
        ]
    );
    // Not when the next sentence is no quotation, nor in another paragraph.
    for other in [
        "Lavrov promised that Russia would stay in the talks. The talks go on.\n",
        "Lavrov promised that Russia would stay in the talks.\n\n“Let me be clear.”\n",
    ] {
        let cands = content_candidates(&format!("{INTRO}{other}"), "promised");
        assert!(
            cands.iter().all(|(ty, _)| *ty != Type::RightNext),
            "{other}: {cands:#?}"
        );
    }
}

#[test]
fn every_cue_may_have_no_content() {
    use super::content::Type;
    for (text, cue) in [
        ("“It is time to act,” said Lavrov.\n", "said"),
        (
            "The ad targets a “rigged economy” in its last minute.\n",
            "targets",
        ),
        ("Kerry said.\n", "said"),
    ] {
        let cands = content_candidates(&format!("{INTRO}{text}"), cue);
        let nulls: Vec<_> = cands.iter().filter(|(ty, _)| *ty == Type::Null).collect();
        assert_eq!(nulls.len(), 1, "{text}: {cands:#?}");
        assert!(nulls[0].1.is_empty());
    }
}

#[test]
fn a_cue_whose_content_is_none_gives_no_attribution() {
    use super::model::Scorer;
    use super::{content, doc::Doc, run_cues};
    /// Ranks the null content above every other and scores nothing else.
    struct NullFirst(Vec<u32>);
    impl Scorer for NullFirst {
        fn scores(&self, feats: &[u32]) -> [f32; super::model::NC] {
            let null = feats.iter().any(|f| self.0.contains(f));
            [if null { 1.0 } else { 0.0 }, 0.0, 0.0]
        }
    }
    let text = format!("{INTRO}“It is time to act,” said Lavrov.\n");
    let engine = Engine::builtin();
    let q = Quoter::builtin();
    let actors = engine.analyze(&text);
    let doc = Doc::new(&text, engine.gazetteer(), &actors);
    let Some(c) = (0..doc.len()).find(|&i| doc.word(i) == "said") else {
        panic!("no cue");
    };
    // The null candidate's first feature is its type's.
    let (mut cf, mut cc) = (Vec::new(), Vec::new());
    let mut stop = |_: &[u32], _| false;
    content::candidates(&doc, &q.lex, (c, c + 1), None, &mut stop, &mut cf, &mut cc);
    let Some(null) = cc.iter().find(|k| k.ty == content::Type::Null) else {
        panic!("no null candidate");
    };
    let m = NullFirst(vec![cf[null.a]]);
    let none = run_cues(&doc, &q.lex, engine.gazetteer(), &m, vec![(c, c + 1)]);
    assert!(none.is_empty(), "{none:?}");
    // The trained weights keep this one.
    let kept = run_cues(
        &doc,
        &q.lex,
        engine.gazetteer(),
        &q.weights,
        vec![(c, c + 1)],
    );
    assert_eq!(kept.len(), 1);
}

mod props {
    use proptest::prelude::*;

    use crate::Engine;

    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        "''",
        "‘",
        "’",
        "'",
        " said",
        " told",
        " according to",
        " he",
        " she",
        " Kerry",
        " Sergey Lavrov",
        " the ministry",
        ",",
        ".",
        ":",
        "\n",
        "\n\n",
        " that",
        " é",
        " 中文",
        "\u{301}",
        " We",
    ];

    fn check(text: &str) {
        thread_local!(static ENGINE: Engine = Engine::builtin());
        ENGINE.with(|e| {
            let (doc, quotes) = e.analyze_with_quotes(text);
            for q in &quotes {
                assert!(!q.content.is_empty());
                for r in q.content.iter().chain(&q.cue).chain(&q.source) {
                    assert!(r.start <= r.end && r.end <= text.len());
                    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                }
                assert!(q.entity.is_none_or(|e| e < doc.entity_count()));
            }
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_text_gives_valid_quote_spans(text in any::<String>()) {
            check(&text);
        }

        #[test]
        fn quote_like_text_gives_valid_spans(
            words in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(PIECES).prop_map(str::to_string),
                    "[A-Z][a-z]{0,6}", "[a-z]{1,5}",
                ],
                0..80,
            )
        ) {
            check(&words.concat());
        }
    }
}

/// The word the grammar gives as the source head of the first cue word
/// `cue` in `text` ([`super::source::fallback`]), and the words the source
/// ranker may choose from.
fn grammar_head(text: &str, cue: &str) -> (Option<String>, Vec<String>) {
    use super::{doc::Doc, source};
    let engine = Engine::builtin();
    let q = Quoter::builtin();
    let actors = engine.analyze(text);
    let doc = Doc::new(text, engine.gazetteer(), &actors);
    let Some(c) = (0..doc.len()).find(|&i| doc.word(i) == cue) else {
        panic!("no {cue:?} in {text:?}");
    };
    let c = (c, c + 1);
    let (mut sf, mut sc) = (Vec::new(), Vec::new());
    source::candidates(&doc, &q.lex, engine.gazetteer(), c, &mut sf, &mut sc);
    let words = sc
        .iter()
        .filter(|k| k.tok != source::NULL)
        .map(|k| doc.word(k.tok).to_string())
        .collect();
    let head = source::fallback(&doc, &q.lex, c).map(|h| doc.word(h).to_string());
    (head, words)
}

#[test]
fn closed_class_words_and_adverbs_head_no_source() {
    let (_, words) = grammar_head(
        "Obama's aides would perhaps angrily say that imitation is flattery, despite everything.",
        "say",
    );
    for w in ["would", "perhaps", "angrily", "despite"] {
        assert!(!words.iter().any(|x| x == w), "{w} in {words:?}");
    }
    for w in ["Obama", "aides", "imitation"] {
        assert!(words.iter().any(|x| x == w), "{w} not in {words:?}");
    }
}

#[test]
fn a_noun_ending_in_ly_is_no_adverb() {
    use super::{doc::Doc, source};
    let text = "Scott's family angrily called on police to release the videos.";
    let engine = Engine::builtin();
    let q = Quoter::builtin();
    let actors = engine.analyze(text);
    let doc = Doc::new(text, engine.gazetteer(), &actors);
    let at = |w: &str| (0..doc.len()).find(|&i| doc.word(i) == w);
    let (Some(family), Some(angrily)) = (at("family"), at("angrily")) else {
        panic!("tokens of {text:?}");
    };
    assert!(source::nounlike(&doc, &q.lex, family));
    assert!(!source::nounlike(&doc, &q.lex, angrily));
}

#[test]
fn the_subject_before_auxiliaries_and_adverbs_is_the_source() {
    let (head, _) = grammar_head(
        "Scott's family has also called on police to release the videos.",
        "called",
    );
    assert_eq!(head.as_deref(), Some("family"));
}

#[test]
fn the_subject_before_a_qualifying_phrase_is_the_source() {
    let (head, _) = grammar_head(
        "Johnnie Wilson, 70, of Springfield, Virginia, said he had fought in Vietnam.",
        "said",
    );
    assert_eq!(head.as_deref(), Some("Wilson"));
}

#[test]
fn a_verb_between_subject_and_cue_leaves_the_grammar_silent() {
    let (head, _) = grammar_head(
        "Anderson largely agreed with McLenny and seemed to think the outreach was phony.",
        "seemed",
    );
    assert_eq!(head, None);
}

#[test]
fn a_participle_after_a_comma_takes_the_sentence_subject() {
    let (head, _) = grammar_head(
        "Marco Rubio fired back forcefully at the critics of his plan on Cuba and its regime, referencing the many Cuban immigrants in the region.",
        "referencing",
    );
    assert_eq!(head.as_deref(), Some("Rubio"));
}

#[test]
fn an_opening_participle_takes_the_subject_after_it() {
    let (head, _) = grammar_head(
        "Noting that both men battled the media, Schlafly wrote her last column.",
        "Noting",
    );
    assert_eq!(head.as_deref(), Some("Schlafly"));
}

#[test]
fn the_person_after_said_is_the_source() {
    let (head, _) = grammar_head(
        "“They are 100 percent wrong,” said 9/11 widow Terry Strada.",
        "said",
    );
    assert!(
        matches!(head.as_deref(), Some("Terry" | "Strada")),
        "{head:?}"
    );
}

#[test]
fn a_comma_after_an_abbreviation_goes_on_with_the_sentence() {
    use super::doc::Doc;
    let text = "“Our assumption is that the veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.\n";
    let engine = Engine::builtin();
    let actors = engine.analyze(text);
    let doc = Doc::new(text, engine.gazetteer(), &actors);
    let said = (0..doc.len()).find(|&i| doc.word(i) == "said");
    let Some(said) = said else {
        panic!("no said");
    };
    assert_eq!(doc.sentence(said).0, 0, "the sentence starts at the quote");
    let f = find(text);
    let q = with(&f, "Our assumption");
    assert_eq!(q.actor.as_deref(), Some("Mitch McConnell"), "{f:#?}");
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn the_quote_before_a_source_with_an_aside_is_a_candidate() {
    use super::content::Type;
    let text = "Several states have sued.\n\n“It is an invasion, in our estimation, of the state regulatory domain,” Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing, said.\n";
    let cands = content_candidates(text, "said");
    let lq = cands
        .iter()
        .find(|(ty, _)| *ty == Type::LeftQuote)
        .unwrap_or_else(|| panic!("no left quote candidate: {cands:#?}"));
    assert_eq!(
        lq.1,
        ["“It is an invasion, in our estimation, of the state regulatory domain,”"]
    );
}

#[test]
fn a_quote_opened_by_a_closing_mark_is_signed() {
    let text = "Readers wrote in.\n\n”Fear. I am truly afraid that he will win. He has spread hate.” ― Edwin G. Monroy\n";
    let f = find(text);
    let q = with(&f, "Fear. I am truly afraid");
    assert_eq!(q.actor.as_deref(), Some("Edwin G. Monroy"), "{f:#?}");
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn numbers_and_times_head_no_source() {
    let (_, words) = grammar_head(
        "Wells Fargo just this month announced on 9/11 that the incentives end.",
        "announced",
    );
    assert!(!words.iter().any(|x| x == "month"), "{words:?}");
    assert!(
        words.iter().all(|x| x.chars().any(char::is_alphabetic)),
        "{words:?}"
    );
    assert!(words.iter().any(|x| x == "Fargo"), "{words:?}");
}

#[test]
fn a_name_after_a_quotation_beyond_the_usual_reach_is_a_candidate() {
    let text = "''It has the important virtue of being fiscally responsible,'' Leonard E. Burman, director of the centrist Urban-Brookings Tax Policy Center and a professor at the Maxwell School of Syracuse University, said of the plan.\n";
    let (_, words) = grammar_head(text, "said");
    assert!(words.iter().any(|x| x == "Leonard"), "{words:?}");
}
