//! Tests of the sport models on small texts (the trained data are built in).

use super::train::{self, Fit, Names};
use super::*;
use crate::Engine;
use crate::conll;
use crate::token::tokenize;

/// One engine for all tests (building one is most of a small test's time).
fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(Engine::builtin)
}

/// The team senses of a text's candidates, as (candidate text, sport name).
fn senses(e: &Engine, text: &str) -> Vec<(String, Option<String>)> {
    let toks = tokenize(text, e.gazetteer());
    let ctx = DocCtx::new(text, &toks, e.gazetteer());
    let cands = e.candidates(text);
    let model = e.sport_model();
    team_senses(&ctx, &cands, model)
        .into_iter()
        .zip(&cands)
        .map(|(s, c)| {
            (
                text[c.start..c.end].to_string(),
                s.map(|s| model.name(s).to_string()),
            )
        })
        .collect()
}

fn sense_of<'a>(all: &'a [(String, Option<String>)], name: &str) -> Vec<Option<&'a str>> {
    all.iter()
        .filter(|(t, _)| t == name)
        .map(|(_, s)| s.as_deref())
        .collect()
}

#[test]
fn the_built_in_model_loads() {
    let m = SportModel::builtin();
    assert!(!m.is_empty());
    assert!(m.sports.len() >= 10);
    for team in ["soccer", "cricket", "rugby union", "baseball"] {
        let s = m.sport(team).expect(team);
        assert!(m.info(s).is_some_and(|i| i.team), "{team}");
    }
    let tennis = m.sport("tennis").expect("tennis");
    assert!(!m.info(tennis).is_some_and(|i| i.team));
}

#[test]
fn a_headline_names_the_sport() {
    let m = SportModel::builtin();
    let name = |t: &str| m.headline_sport(t).map(|s| m.name(s).to_string());
    assert_eq!(
        name("CRICKET - ENGLAND BEAT PAKISTAN .\nLONDON 1996-08-30\n").as_deref(),
        Some("cricket")
    );
    assert_eq!(name("  Soccer - Late goal .").as_deref(), Some("soccer"));
    assert_eq!(
        name("RUGBY UNION - WALLABIES ...").as_deref(),
        Some("rugby union")
    );
    assert_eq!(name("RUGBY LEAGUE - x").as_deref(), Some("rugby league"));
    assert_eq!(name("PRESS DIGEST - Iraq - Aug 30 ."), None);
    assert_eq!(name("Cricket is a game."), None);
    assert_eq!(name(""), None);
}

const FOOTBALL: &str = "Chelsea striker scores twice as leaders win again\n\n\
    Chelsea extended their lead at the top of the Premiership to nine points with a 2-0 \
    win over Everton on Saturday. The striker scored in each half and the goalkeeper \
    saved a penalty before half-time. \"The players were superb,\" the manager said. \
    \"We defended well and the midfield controlled the game.\" Everton, who had won \
    their previous three league matches, missed the chance to go third in the table \
    after their captain was sent off for a second bookable offence.\n";

const MARKETS: &str = "Shares fall as rates rise\n\n\
    The central bank raised interest rates by a quarter point on Tuesday and shares \
    fell as investors worried about inflation. The government said the budget deficit \
    would narrow next year as tax revenue grew, and the finance minister told \
    parliament that economic growth would slow. Analysts said the company's profits \
    were likely to suffer from weaker demand in Australia and Germany.\n";

#[test]
fn the_words_tell_the_sport_without_a_headline() {
    let e = engine();
    let m = e.sport_model();
    let sport = |t: &str| {
        let toks = tokenize(t, e.gazetteer());
        m.document_sport(t, &toks).map(|s| m.name(s).to_string())
    };
    assert_eq!(sport(FOOTBALL).as_deref(), Some("soccer"));
    assert_eq!(sport(MARKETS), None);
}

const CRICKET: &str = "CRICKET - AUSTRALIA BEAT SRI LANKA BY FOUR WICKETS .\n\
    MELBOURNE 1996-08-30\n\
    Australia beat Sri Lanka by four wickets in the first one-day international at the \
    Melbourne Cricket Ground on Friday .\n\
    Sri Lanka 228-9 ( 50 overs )\n\
    Australia 229-6 ( 47.2 overs )\n\
    The touring side were without their captain , who flew home to Colombo on Thursday .\n";

#[test]
fn place_names_are_teams_in_a_cricket_report_but_not_datelines() {
    let e = engine();
    let all = senses(e, CRICKET);
    // A dateline is never a team.
    assert_eq!(sense_of(&all, "MELBOURNE"), [None], "{all:?}");
    // The sides in the results lines are.
    let australia = sense_of(&all, "Australia");
    assert!(australia.len() >= 2, "{all:?}");
    assert!(australia.iter().all(|s| *s == Some("cricket")), "{all:?}");
    let sri_lanka = sense_of(&all, "Sri Lanka");
    assert!(sri_lanka.iter().all(|s| *s == Some("cricket")), "{all:?}");
    // Nothing that is no place name gets a team sense.
    for (text, sense) in &all {
        if sense.is_some() {
            assert!(
                ["Australia", "Sri Lanka", "AUSTRALIA", "SRI LANKA"].contains(&text.as_str()),
                "{text}"
            );
        }
    }
}

#[test]
fn a_report_on_no_sport_has_no_teams() {
    let e = engine();
    assert!(senses(e, MARKETS).iter().all(|(_, s)| s.is_none()));
    // Nor has a sport whose competitors are people.
    let tennis = "TENNIS - BECKER WINS IN NEW HAVEN .\nNEW HAVEN 1996-08-22\nBoris Becker of Germany beat Andrei Medvedev ( Ukraine ) 6-3 6-4 .\n";
    assert!(senses(e, tennis).iter().all(|(_, s)| s.is_none()));
}

#[test]
fn datelines_are_a_place_and_a_date_opening_a_line() {
    let g = crate::gazetteer::Gazetteer::builtin();
    let text = "LONDON 1996-08-30\nLondon 5 Paris 3\nAustralia 245-6\nLeeds 2-1\n";
    let toks = tokenize(text, &g);
    assert!(is_dateline(text, &toks, 0, 0));
    for name in ["London", "Australia", "Leeds"] {
        let i = toks.iter().position(|t| t.text(text) == name).unwrap();
        assert!(!is_dateline(text, &toks, i, i), "{name}");
    }
}

#[test]
fn the_context_never_reads_the_name_itself() {
    let g = crate::gazetteer::Gazetteer::builtin();
    let feats = |text: &str| {
        let toks = tokenize(text, &g);
        let mut out = Vec::new();
        context_features(
            text,
            &toks,
            0,
            0,
            "soccer",
            line_of(&toks, 0, 0),
            &mut |f| out.push(f.to_string()),
        );
        out
    };
    let a = feats("Australia beat Italy 2-1 .\n");
    assert!(!a.is_empty());
    assert_eq!(a, feats("Germany beat Italy 2-1 .\n"));
    assert!(a.iter().all(|f| !f.contains("australia")));
}

#[test]
fn broken_model_data_marks_nothing() {
    let m = SportModel::from_data(
        "soccer\tteam\tSOCCER\n",
        "classes\tnone\nwhat\t1\t2\t3\n",
        "x\tnot a number\n",
    );
    assert!(m.is_empty());
    let e = engine();
    let text = "SOCCER - ITALY BEAT GERMANY .\nItaly 2 Germany 1\n";
    let toks = tokenize(text, e.gazetteer());
    let ctx = DocCtx::new(text, &toks, e.gazetteer());
    let cands = e.candidates(text);
    assert!(team_senses(&ctx, &cands, &m).iter().all(Option::is_none));
    assert_eq!(
        team_senses(&ctx, &[], e.sport_model()),
        Vec::<Option<Sport>>::new()
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any text after a team-sport headline: one sense per candidate, no panic.
    #[test]
    fn any_text_gets_one_sense_per_candidate(body in "\\PC{0,300}") {
        let e = engine();
        let text = format!("SOCCER - {body}\nItaly 2 Germany 1\n{body}");
        let toks = tokenize(&text, e.gazetteer());
        let ctx = DocCtx::new(&text, &toks, e.gazetteer());
        let cands = e.candidates(&text);
        proptest::prop_assert_eq!(team_senses(&ctx, &cands, e.sport_model()).len(), cands.len());
    }
}

const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\n\
    SOCCER NN O O\n- : O O\nLEEDS NNP O B-ORG\nWIN VB O O\n. . O O\n\n\
    Leeds NNP O B-ORG\nbeat VB O O\nChelsea NNP O B-ORG\n2-1 CD O O\nin IN O O\n\
    London NNP O B-LOC\n. . O O\n\n\
    -DOCSTART- -X- -X- O\n\n\
    Shares NNS O O\nfell VBD O O\nin IN O O\nLondon NNP O B-LOC\n. . O O\n\n\
    -DOCSTART- -X- -X- O\n\n\
    Cricket NN O O\n- : O O\nEssex NNP O B-ORG\nwin VB O O\n\n\
    Essex NNP O B-ORG\nbeat VB O O\nKent NNP O B-ORG\nat IN O O\nLeeds NNP O B-LOC\n. . O O\n";

#[test]
fn training_is_deterministic_and_labels_come_from_headlines() {
    let g = crate::gazetteer::Gazetteer::builtin();
    let docs = conll::parse(SAMPLE);
    let table = train::doc_table(&docs, SPORTS, &g);
    assert_eq!(table, train::doc_table(&docs, SPORTS, &g));
    // Two sports documents, too few for a class of their own: "other".
    assert!(table.contains("classes\tnone\tother\n"), "{table}");
    assert!(table.contains("docs\t1\t2\n"), "{table}");
    let toks: Vec<_> = docs.iter().map(|d| tokenize(&d.text, &g)).collect();
    let examples = train::examples(&docs, &toks, SPORTS, &g, Names::AllButCountries);
    // Leeds, Chelsea, London in the soccer report; Essex, Kent, Leeds in the
    // cricket one (the headline's "LEEDS" and "Essex" too); none from the markets.
    assert!(examples.iter().all(|x| x.doc != 1));
    let teams: Vec<bool> = examples.iter().map(|x| x.team).collect();
    assert!(teams.contains(&true) && teams.contains(&false));
    let a = train::train_team(&docs, &toks, &examples, Fit::Logistic(1e-3), &[]);
    assert_eq!(
        a,
        train::train_team(&docs, &toks, &examples, Fit::Logistic(1e-3), &[])
    );
    let model = SportModel::from_data(SPORTS, DOC, &a);
    assert!(!model.team.is_empty());
    assert_eq!(
        train::headline_label(&model.sports, "Cricket - Essex win\n").map(|x| x.1),
        Some(10)
    );
}
