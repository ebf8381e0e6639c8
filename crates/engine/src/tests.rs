//! End-to-end tests of the engine on small texts (the bundled corpus is tested
//! where it lives, in the castlist crate: `src/documents.rs`).

use super::{Cast, Engine, Form, Kind};

/// (surface, entity name, kind, form) of every mention.
fn tag(text: &str) -> Vec<(String, String, Kind, Form)> {
    let engine = Engine::builtin();
    let doc = engine.analyze(text);
    doc.mentions
        .iter()
        .map(|m| {
            let e = doc.entity(m.entity).unwrap();
            (
                text[m.start..m.end].to_string(),
                e.name.to_string(),
                e.kind,
                m.form,
            )
        })
        .collect()
}

fn has(tags: &[(String, String, Kind, Form)], surface: &str, name: &str, kind: Kind) -> bool {
    tags.iter()
        .any(|t| t.0 == surface && t.1 == name && t.2 == kind)
}

#[test]
fn titles_are_context_and_surnames_join_full_names() {
    let t = tag(
        "U.S. Secretary of State John Kerry met Russian Foreign Minister Sergey Lavrov on Friday. \
                 Mr. Kerry's aides said Lavrov had left. Kerry said so.",
    );
    assert!(has(&t, "John Kerry", "John Kerry", Kind::Person), "{t:?}");
    assert!(has(&t, "Kerry", "John Kerry", Kind::Person), "{t:?}");
    assert!(
        has(&t, "Sergey Lavrov", "Sergey Lavrov", Kind::Person),
        "{t:?}"
    );
    assert!(has(&t, "Lavrov", "Sergey Lavrov", Kind::Person), "{t:?}");
    assert!(has(&t, "U.S.", "United States", Kind::Place), "{t:?}");
    assert!(
        t.iter()
            .any(|x| x.0 == "Russian" && x.1 == "Russia" && x.3 == Form::Demonym),
        "{t:?}"
    );
    assert!(
        !t.iter()
            .any(|x| x.0.contains("Friday") || x.0.contains("Secretary") || x.0.contains("Mr.")),
        "{t:?}"
    );
}

#[test]
fn particles_and_variants_merge() {
    let t =
        tag("Syrian President Bashar al-Assad spoke. Critics of Assad and of al-Assad protested.");
    let assad: Vec<_> = t
        .iter()
        .filter(|x| x.1 == "Bashar al-Assad")
        .map(|x| x.0.as_str())
        .collect();
    assert_eq!(assad, ["Bashar al-Assad", "Assad", "al-Assad"], "{t:?}");
}

#[test]
fn sentence_initial_words_are_not_actors() {
    let t =
        tag("However, the talks failed. Since Monday, Earlier talks in Geneva collapsed. Share");
    assert!(
        t.iter()
            .all(|x| !["However", "Since", "Monday", "Earlier", "Share"].contains(&x.0.as_str())),
        "{t:?}"
    );
    assert!(has(&t, "Geneva", "Geneva", Kind::Place), "{t:?}");
}

#[test]
fn acronyms_join_their_expansion() {
    let t = tag(
        "Fighters of the Free Syrian Army (FSA) advanced. The FSA said NATO and ISIL were wrong.",
    );
    assert!(
        has(&t, "FSA", "Free Syrian Army", Kind::Organization),
        "{t:?}"
    );
    assert!(
        has(&t, "ISIL", "Islamic State", Kind::Organization),
        "{t:?}"
    );
}

#[test]
fn offsets_are_char_boundaries_on_odd_text() {
    let engine = Engine::builtin();
    for text in [
        "",
        "\u{0}\u{1b}[2J",
        "ÉÉÉ Ü.S. Ü.",
        "al-",
        "x'",
        "A".repeat(10_000).as_str(),
        "Mr. É. Żółć’s",
    ] {
        let doc = engine.analyze(text);
        for m in &doc.mentions {
            assert!(
                text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end
            );
        }
    }
}

#[test]
fn cast_merges_a_surname_seen_before_its_full_name() {
    let engine = Engine::builtin();
    let docs = [
        "Kerry said the talks would go on.",
        "Secretary of State John Kerry met reporters.",
    ];
    let mut cast = Cast::default();
    for (i, d) in docs.iter().enumerate() {
        cast.add(i, *d, &engine.analyze(d));
    }
    let before: Vec<String> = cast.actors().iter().map(|a| a.name.clone()).collect();
    cast.finish();
    let after: Vec<String> = cast.actors().iter().map(|a| a.name.clone()).collect();
    assert_eq!(before, after, "ids and names stay put");
    let id = cast.find("Kerry").unwrap();
    assert_eq!(cast.actor(id).unwrap().name, "John Kerry");
    assert_eq!(cast.actor(id).unwrap().mentions, 2);
    assert_eq!(cast.actor(id).unwrap().articles, 2);
    assert!(cast.mentions_in(0).iter().all(|m| m.actor == id));
}

mod props {
    use proptest::prelude::*;

    use crate::Engine;

    fn check(engine: &Engine, text: &str) {
        let doc = engine.analyze(text);
        let mut end = 0;
        for m in &doc.mentions {
            assert!(m.start >= end, "sorted, non-overlapping");
            assert!(
                m.start < m.end && text.is_char_boundary(m.start) && text.is_char_boundary(m.end)
            );
            assert!(m.entity < doc.entity_count());
            end = m.end;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_text_gives_valid_spans(text in any::<String>()) {
            thread_local!(static ENGINE: Engine = Engine::builtin());
            ENGINE.with(|e| check(e, &text));
        }

        #[test]
        fn name_like_text_gives_valid_spans(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("Kerry".to_string()), Just("al-".to_string()), Just("U.S.".to_string()),
                    Just("Mr.".to_string()), Just("’s".to_string()), Just("\n".to_string()),
                    Just("-".to_string()), Just("RUSSIA".to_string()), Just("of".to_string()),
                    "[A-Z][a-z]{0,6}", "[a-z]{1,5}", "[ .,'’\u{e9}\u{1b}-]{1,3}",
                ],
                0..60,
            )
        ) {
            thread_local!(static ENGINE: Engine = Engine::builtin());
            let text = words.join(" ");
            ENGINE.with(|e| check(e, &text));
        }
    }
}

#[test]
fn engine_is_shareable_across_threads() {
    fn assert_sync_send<T: Sync + Send>() {}
    assert_sync_send::<Engine>();
    assert_sync_send::<Cast>();
}

#[test]
fn user_file_adds_actors_and_never_words() {
    let mut engine = Engine::builtin();
    engine
        .add_user_toml(
            "never = [\"Breaking\"]\n[[actor]]\nname = \"Hayat Tahrir al-Sham\"\nkind = \"organization\"\naliases = [\"HTS\"]\n",
            "test.toml",
        )
        .unwrap();
    let text = "Breaking: fighters of HTS advanced near Idlib.";
    let doc = engine.analyze(text);
    let names: Vec<(&str, &str)> = doc
        .mentions
        .iter()
        .map(|m| (&text[m.start..m.end], doc.entity(m.entity).unwrap().name))
        .collect();
    assert!(
        names.contains(&("HTS", "Hayat Tahrir al-Sham")),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.0 == "Breaking"), "{names:?}");
    let err = engine
        .add_user_toml("[[actor]]\nname = 3\n", "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("bad.toml:2:"), "{err}");
}

#[test]
fn a_title_with_a_particle_leaves_the_place() {
    let t = tag("The Prince of Wales visited Cardiff on Monday.");
    assert!(
        !t.iter()
            .any(|x| x.0.starts_with("of ") || x.0.contains("Prince")),
        "{t:?}"
    );
}

#[test]
fn a_full_name_is_not_split_into_its_parts_seen_alone() {
    let t = tag("Alan Shearer was named captain. Shearer said Alan would stay. Alan agreed.");
    assert!(
        has(&t, "Alan Shearer", "Alan Shearer", Kind::Person),
        "{t:?}"
    );
    assert!(
        t.iter().filter(|x| x.1 == "Alan Shearer").count() >= 3,
        "{t:?}"
    );
}

#[test]
fn an_actor_merged_after_the_fact_resolves_to_its_host() {
    use crate::{Cast, DocActors, DocMention, Form, Kind};
    let doc = |name: &str, text: &str| {
        let mut doc = DocActors::default();
        let entity = doc.add_entity(name, Kind::Person, &format!("n:{}", name.to_lowercase()));
        doc.mentions.push(DocMention {
            start: 0,
            end: text
                .find(' ')
                .unwrap_or(text.len())
                .max(name.len().min(text.len())),
            entity,
            form: Form::Name,
            uncertain: false,
        });
        doc
    };
    let mut cast = Cast::default();
    // The surname arrives first, the full name later: only `finish` can join them.
    cast.add(0, "Lavrov spoke.", &doc("Lavrov", "Lavrov spoke."));
    cast.add(
        1,
        "Sergey Lavrov spoke.",
        &doc("Sergey Lavrov", "Sergey Lavrov spoke."),
    );
    let surname = cast.find("Lavrov").unwrap();
    cast.finish();
    let host = cast.resolve(surname);
    assert_eq!(cast.actor(host).unwrap().name, "Sergey Lavrov");
    assert_eq!(cast.resolve(host), host);
    assert_eq!(cast.mentions_of(host).count(), 2);
}

#[test]
fn document_entities_keep_their_names_and_keys_apart() {
    use crate::{DocActors, Kind};
    let mut doc = DocActors::default();
    let a = doc.add_entity("John Kerry", Kind::Person, "n:john kerry");
    let b = doc.add_entity("", Kind::Place, "g:russia");
    let c = doc.add_entity("Islamic State", Kind::Organization, "");
    assert_eq!((a, b, c, doc.entity_count()), (0, 1, 2, 3));
    let got: Vec<_> = doc.entities().map(|e| (e.name, e.kind, e.key)).collect();
    assert_eq!(
        got,
        [
            ("John Kerry", Kind::Person, "n:john kerry"),
            ("", Kind::Place, "g:russia"),
            ("Islamic State", Kind::Organization, ""),
        ]
    );
    assert!(doc.entity(3).is_none());
}
