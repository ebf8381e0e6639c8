//! Regression tests of the cast across documents, one per way it once went
//! wrong on real corpora (issue 9): frequent actors swallowed by rare hosts,
//! one person split over many actors, two people merged, names the text
//! declares one kept apart. Each builds a small corpus and looks at the actors.

use crate::test_doc::Doc;
use crate::{Cast, Engine, Kind};

/// A corpus of `texts`, each the body of an article with a plain title
/// (as the reader gives the engine: title, line break, body).
fn cast_of(texts: &[&str]) -> (Cast, Vec<Doc>) {
    let docs: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(id, t)| Doc {
            id,
            text: format!("Report number {id}\n{t}"),
        })
        .collect();
    (Cast::build(&Engine::builtin(), &docs), docs)
}

/// The actor each occurrence of `surface` in document `doc` names.
fn actors_of<'c>(cast: &'c Cast, docs: &[Doc], doc: usize, surface: &str) -> Vec<&'c str> {
    cast.mentions_in(doc)
        .iter()
        .filter(|m| docs[doc].text.get(m.range()) == Some(surface))
        .filter_map(|m| cast.actor(m.actor).map(|a| a.name.as_str()))
        .collect()
}

fn repeat(text: &str, n: usize) -> Vec<String> {
    (0..n).map(|_| text.to_string()).collect()
}

#[test]
fn london_is_not_swallowed_by_michael_london() {
    let mut texts =
        vec!["Michael London produced the film. London said it took years.".to_string()];
    texts.extend(repeat(
        "Trains in London stopped on Monday as storms hit London.",
        6,
    ));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    for d in 1..docs.len() {
        assert!(
            actors_of(&cast, &docs, d, "London")
                .iter()
                .all(|a| *a == "London"),
            "{:?}",
            actors_of(&cast, &docs, d, "London")
        );
    }
    let london = cast.find("London").map(|id| cast.actor(id).unwrap());
    assert_eq!(london.map(|a| a.kind), Some(Kind::Place));
    assert!(london.is_some_and(|a| a.mentions >= 12));
}

#[test]
fn scotland_and_washington_are_places_not_peoples_surnames() {
    let mut texts = vec![
        "Jason Scotland scored twice for Swansea.".to_string(),
        "George Washington crossed the river. Denzel Washington starred in the film.".to_string(),
    ];
    texts.extend(repeat(
        "Scotland voted on Thursday. Officials in Washington said the result was clear.",
        5,
    ));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    for d in 2..docs.len() {
        assert_eq!(actors_of(&cast, &docs, d, "Scotland"), ["Scotland"]);
        assert_eq!(actors_of(&cast, &docs, d, "Washington"), ["Washington"]);
    }
}

#[test]
fn a_bare_surname_joins_the_person_named_in_full_elsewhere() {
    // BBC: "Blair" (89 mentions) apart from Tony Blair.
    let mut texts = repeat(
        "Prime Minister Tony Blair spoke. Blair said the election would come in May.",
        4,
    );
    texts.extend(repeat("Blair told MPs the plan would work.", 3));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    for d in 4..docs.len() {
        assert_eq!(actors_of(&cast, &docs, d, "Blair"), ["Tony Blair"]);
    }
    let blair = cast.actor(cast.find("Tony Blair").unwrap()).unwrap();
    assert_eq!(blair.mentions, 4 * 2 + 3);
}

#[test]
fn a_surname_the_family_shares_goes_to_the_one_most_named_in_full() {
    // AllSides: "Trump" (1,764 mentions) apart from Donald Trump, who shared
    // the surname with Ivanka and Melania. (The tagger does not yet propose a
    // bare "Trump" it never saw in full — "trump" is an English word — so the
    // fixture uses another family.)
    let mut texts = repeat(
        "President Joe Kennedy signed the bill. Kennedy said it was great.",
        6,
    );
    texts.push("Ethel Kennedy visited Berlin.".into());
    texts.push("Rory Kennedy opened the garden.".into());
    texts.extend(repeat("On Monday, Kennedy attacked the press again.", 3));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    for d in 8..docs.len() {
        assert_eq!(actors_of(&cast, &docs, d, "Kennedy"), ["Joe Kennedy"]);
    }
}

#[test]
fn initials_tell_george_w_from_george_h_w_bush() {
    let mut texts = repeat("George W. Bush spoke in Texas about the war.", 3);
    texts.extend(repeat(
        "George H. W. Bush was taken to hospital in Houston.",
        2,
    ));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    assert_eq!(
        actors_of(&cast, &docs, 0, "George W. Bush"),
        ["George W. Bush"]
    );
    assert_eq!(
        actors_of(&cast, &docs, 3, "George H. W. Bush"),
        ["George H. W. Bush"]
    );
}

#[test]
fn jeb_bush_does_not_take_his_brothers_mentions_in_one_article() {
    let (cast, docs) = cast_of(&[
        "Former Gov. Jeb Bush spoke in Miami. Former President George W. Bush spoke later. Bush said the war was right.",
        "Jeb Bush campaigned. George W. Bush stayed home.",
    ]);
    assert_eq!(actors_of(&cast, &docs, 0, "Bush"), ["George W. Bush"]);
}

#[test]
fn hillary_does_not_take_president_clinton() {
    let mut texts = repeat(
        "President Bill Clinton signed the law. President Clinton said it was fair.",
        4,
    );
    texts.extend(repeat(
        "Secretary of State Hillary Clinton flew to Beijing. Mrs. Clinton met officials.",
        4,
    ));
    texts
        .push("Hillary Clinton spoke at the convention. President Clinton spoke after her.".into());
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    let last = docs.len() - 1;
    assert_eq!(
        actors_of(&cast, &docs, last, "Hillary Clinton"),
        ["Hillary Clinton"]
    );
    assert_eq!(actors_of(&cast, &docs, last, "Clinton"), ["Bill Clinton"]);
}

#[test]
fn the_house_is_not_the_white_house() {
    let (cast, docs) = cast_of(&[
        "The White House said the House would vote on Friday.",
        "The House passed the bill.",
        "The House adjourned.",
    ]);
    assert_eq!(actors_of(&cast, &docs, 0, "White House"), ["White House"]);
    for d in 0..3 {
        assert!(
            actors_of(&cast, &docs, d, "House")
                .iter()
                .all(|a| *a != "White House"),
            "{d}"
        );
    }
}

#[test]
fn trump_is_not_trump_towers_person() {
    let (cast, docs) = cast_of(&[
        "Donald Trump spoke to reporters at Trump Tower in New York. Trump spoke first.",
    ]);
    assert_eq!(actors_of(&cast, &docs, 0, "Trump"), ["Donald Trump"]);
}

#[test]
fn a_name_in_parentheses_is_the_same_group() {
    // The bundled corpus: "the al-Nusra Front (Jabhat Fateh al-Sham)", "Al
    // Nusra Front" and "Nusra" were three actors.
    let (cast, docs) = cast_of(&[
        "Rebels drew closer to the al-Nusra Front (Jabhat Fateh al-Sham), officials said.",
        "Strikes against Islamic State and Al Nusra Front forces went on.",
        "Nusra is the Syrian branch of al-Qaeda.",
        "Jabhat Fateh al-Sham fighters left Aleppo.",
    ]);
    let of = |d: usize, s: &str| actors_of(&cast, &docs, d, s);
    let nusra = of(0, "al-Nusra Front");
    assert_eq!(nusra.len(), 1);
    assert_eq!(of(0, "Jabhat Fateh al-Sham"), nusra);
    assert_eq!(of(1, "Al Nusra Front"), nusra);
    assert_eq!(of(2, "Nusra"), nusra);
    assert_eq!(of(3, "Jabhat Fateh al-Sham"), nusra);
}

#[test]
fn a_middle_name_more_or_less_is_one_person() {
    let (cast, docs) = cast_of(&[
        "Hillary Rodham Clinton spoke in Iowa.",
        "Hillary Clinton spoke in Ohio.",
    ]);
    assert_eq!(
        actors_of(&cast, &docs, 0, "Hillary Rodham Clinton"),
        actors_of(&cast, &docs, 1, "Hillary Clinton")
    );
}

#[test]
fn a_weak_choice_between_namesakes_is_marked_uncertain() {
    let (cast, docs) = cast_of(&[
        "Gordon Brown spoke in Edinburgh.",
        "Wes Brown played for United.",
        "On Friday, Brown said it was over.",
    ]);
    let brown = cast
        .mentions_in(2)
        .iter()
        .find(|m| docs[2].text.get(m.range()) == Some("Brown"))
        .expect("Brown");
    assert!(brown.uncertain, "two namesakes in one document each");
    let actor = cast.actor(brown.actor).unwrap();
    assert!(actor.uncertain >= 1);
}

#[test]
fn a_team_in_a_sports_report_is_not_its_country() {
    let mut texts = repeat(
        "Australia beat England by 57 runs in the third test at Lord's. Australia 312 (Ponting 98), England 255.",
        3,
    );
    texts.extend(repeat(
        "The government of Australia raised interest rates on Tuesday.",
        3,
    ));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    let team = actors_of(&cast, &docs, 0, "Australia");
    let country = actors_of(&cast, &docs, 3, "Australia");
    assert_eq!(country, ["Australia"]);
    assert!(team.iter().all(|a| *a != "Australia"), "{team:?}");
}

#[test]
fn reagan_written_bare_in_most_wire_stories_was_an_actor_of_its_own() {
    // Reuters writes "Ronald Reagan" in full in a few stories, "President
    // Reagan" in more, and a bare "Reagan" in most: the titled mentions say
    // whom the bare ones name (186 bare mentions were an actor "Reagan").
    let mut texts = vec!["President Ronald Reagan signed the trade bill on Friday.".to_string()];
    texts.extend(repeat(
        "President Reagan met congressional leaders on Tuesday about the budget.",
        6,
    ));
    texts.extend(repeat(
        "Aides said Reagan would veto the measure if it reached his desk.",
        40,
    ));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    for d in 7..docs.len() {
        assert_eq!(
            actors_of(&cast, &docs, d, "Reagan"),
            ["Ronald Reagan"],
            "doc {d}"
        );
    }
}

#[test]
fn a_headline_word_before_a_name_made_an_actor_of_its_own() {
    // AllSides: the title "How to Back Hillary Into a Corner" made "Back
    // Hillary" a person, who then held the article's 33 "Hillary".
    let texts = [
        "How to Back Hillary Into a Corner\nThe debate is coming. Hillary has a plan, and Hillary will use it. Republicans must press Hillary on Benghazi.",
        "Clinton campaigns in Ohio\nHillary Clinton spoke in Columbus on Monday. Clinton said the economy came first.",
    ];
    let docs: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(id, t)| Doc {
            id,
            text: t.to_string(),
        })
        .collect();
    let cast = Cast::build(&Engine::builtin(), &docs);
    assert!(
        cast.actors()
            .iter()
            .all(|a| a.name != "Back Hillary" || a.mentions == 0)
    );
    let held = actors_of(&cast, &docs, 0, "Hillary");
    assert_eq!(held.len(), 3, "{held:?}");
    assert!(held.iter().all(|a| *a != "Back Hillary"), "{held:?}");
}

#[test]
fn a_given_name_alone_is_the_person_the_corpus_calls_so() {
    // AllSides: 34 bare "Hillary" in articles that never write her full
    // name were an actor of their own (issue 9's followed actor at 94.2 %).
    let mut texts = repeat(
        "Hillary Clinton spoke in Ohio on Monday. Hillary told voters the economy came first.",
        3,
    );
    texts
        .push("Republicans say Hillary has no plan. Voters will judge Hillary in November.".into());
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    assert_eq!(
        actors_of(&cast, &docs, 3, "Hillary"),
        ["Hillary Clinton", "Hillary Clinton"]
    );
}

#[test]
fn a_common_given_name_alone_stays_unattached() {
    // BBC: "David" alone names a twin, a song, a sitcom character; one
    // minister called "David" in two articles does not make them his.
    let mut texts = repeat(
        "David Blunkett spoke in Sheffield. David told the crowd he would return.",
        2,
    );
    for t in [
        "The Barclay twins, Frederick and David, bought the paper last year.",
        "Their singles include Year 3000 and Who's David? said the label.",
        "He played his Office character David for two series.",
    ] {
        texts.push(t.to_string());
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (cast, docs) = cast_of(&texts);
    for d in 2..docs.len() {
        assert!(
            actors_of(&cast, &docs, d, "David")
                .iter()
                .all(|a| *a != "David Blunkett"),
            "{d}: {:?}",
            actors_of(&cast, &docs, d, "David")
        );
    }
}

#[test]
fn the_un_is_not_kim_jong_uns_surname() {
    // AllSides: ten "UN" and "U.N." were mentions of Kim Jong Un, whose
    // last word the acronym spells in lower case.
    let (cast, docs) = cast_of(&[
        "Kim Jong Un met envoys on Monday. Kim said the UN sanctions were unfair.",
        "The UN voted on Friday. Diplomats at the UN said more was needed.",
    ]);
    assert_eq!(actors_of(&cast, &docs, 0, "UN"), ["United Nations"]);
    assert_eq!(actors_of(&cast, &docs, 0, "Kim"), ["Kim Jong Un"]);
}
