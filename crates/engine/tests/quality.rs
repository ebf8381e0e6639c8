//! Per-document quality on small fixtures: each test pins one bug found on the
//! shared corpora (BBC, Reuters-21578, AllSides) and is named after it. The
//! fixtures are written for these tests, in the shape of the text that showed
//! the bug; none is copied from a corpus.

use castlist_engine::{Engine, Form, Kind};

/// (surface, entity name, kind, form) of every mention of one document.
fn tag(text: &str) -> Vec<(String, String, Kind, Form)> {
    let engine = Engine::builtin();
    let doc = engine.analyze(text);
    doc.mentions
        .iter()
        .map(|m| {
            let e = doc.entity(m.entity).expect("mentions name entities");
            (
                text[m.start..m.end].to_string(),
                e.name.to_string(),
                e.kind,
                m.form,
            )
        })
        .collect()
}

/// The surfaces of the mentions.
fn surfaces(t: &[(String, String, Kind, Form)]) -> Vec<&str> {
    t.iter().map(|x| x.0.as_str()).collect()
}

/// How many mentions have this surface and this entity name.
fn count(t: &[(String, String, Kind, Form)], surface: &str, name: &str) -> usize {
    t.iter().filter(|x| x.0 == surface && x.1 == name).count()
}

#[test]
fn a_lower_case_trump_the_verb_does_not_cancel_the_capitalised_trumps() {
    let text = "President Donald Trump spoke in Ohio on Monday. Trump said the deal was \
                good for workers. Critics said that facts trump feelings. Aides to Trump \
                disagreed, and Trump left early.";
    let t = tag(text);
    assert_eq!(count(&t, "Donald Trump", "Donald Trump"), 1, "{t:?}");
    assert_eq!(count(&t, "Trump", "Donald Trump"), 3, "{t:?}");
    assert!(!surfaces(&t).contains(&"trump"), "{t:?}");
}

#[test]
fn justice_department_is_not_cut_to_a_person_named_department() {
    // "Justice" is also a title ("Justice Kennedy"); before an organisation's
    // head word it is part of the name.
    let text = "The probe was referred to the Justice Department on Tuesday. A Justice \
                Department lawyer declined to comment, and Chief Justice John Roberts \
                said nothing. Major League Baseball was silent.";
    let t = tag(text);
    assert_eq!(count(&t, "Justice Department", "Justice Department"), 2, "{t:?}");
    assert!(!surfaces(&t).contains(&"Department"), "{t:?}");
    assert!(!surfaces(&t).contains(&"League Baseball"), "{t:?}");
    assert_eq!(count(&t, "John Roberts", "John Roberts"), 1, "{t:?}");
}
