//! The user's corrections: each applied at once, kept by every later finish,
//! the same when read back from the file on a fresh cast, and undone exactly.

use crate::test_doc::Doc;
use crate::{Cast, Engine, Fix, FixError, Kind};

const TEXTS: &[&str] = &[
    "Secretary of State John Kerry met Sergei Lavrov in Moscow. Kerry said the talks went well.",
    "Kerry flew to Geneva on Monday. Kerry and Lavrov spoke about Syria.",
    "John Kerry spoke in Washington. Lavrov answered from Moscow.",
    "Russia and Moscow were named. Vladimir Putin spoke in Moscow about Russia.",
    "Breaking news from Geneva as Putin called Lavrov.",
];

fn docs() -> Vec<Doc> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(id, t)| Doc {
            id,
            text: format!("Report number {id}\n{t}"),
        })
        .collect()
}

fn cast_with(fixes: Vec<Fix>) -> Cast {
    let mut engine = Engine::builtin();
    let mut toml = String::new();
    for fix in fixes {
        toml.push_str("[[fix]]\n");
        for (k, v) in fix.fields() {
            toml.push_str(&format!("{k} = {v:?}\n"));
        }
    }
    engine.add_user_toml(&toml, "fixes.toml").unwrap();
    Cast::build(&engine, &docs())
}

fn id(cast: &Cast, name: &str) -> u32 {
    let found = cast
        .actors()
        .iter()
        .position(|a| a.mentions > 0 && a.name == name);
    found.unwrap_or_else(|| panic!("no live actor {name}: {:?}", live(cast))) as u32
}

/// Every live actor as (name, kind, mentions, articles, aliases), sorted:
/// what the interface shows of the cast.
/// An actor as the tests compare it: name, kind, mentions, articles, aliases.
type Seen = (String, Kind, usize, usize, Vec<(String, usize)>);

fn live(cast: &Cast) -> Vec<Seen> {
    let mut out: Vec<_> = cast
        .actors()
        .iter()
        .enumerate()
        .filter(|(i, a)| a.mentions > 0 && !cast.is_dismissed(*i as u32))
        .map(|(_, a)| {
            let aliases = a
                .aliases
                .iter()
                .map(|x| (x.text.clone(), x.count))
                .collect();
            (a.name.clone(), a.kind, a.mentions, a.articles, aliases)
        })
        .collect();
    out.sort();
    out
}

/// Each mention's actor by name, per article, and each actor's mention
/// list agreeing with them.
fn mentions(cast: &Cast) -> Vec<Vec<String>> {
    for (a, actor) in cast.actors().iter().enumerate() {
        if actor.mentions > 0 {
            let listed: Vec<_> = cast.mentions_of(a as u32).collect();
            assert_eq!(listed.len(), actor.mentions, "{}", actor.name);
            assert!(listed.iter().all(|(_, m)| m.actor == a as u32));
            assert!(listed.is_sorted_by_key(|(art, m)| (*art, m.start)));
        }
    }
    (0..TEXTS.len())
        .map(|d| {
            cast.mentions_in(d)
                .iter()
                .map(|m| cast.actor(m.actor).unwrap().name.clone())
                .collect()
        })
        .collect()
}

#[test]
fn a_merge_moves_every_mention_and_a_later_finish_keeps_it() {
    let mut cast = Cast::build(&Engine::builtin(), &docs());
    let (moscow, russia) = (id(&cast, "Moscow"), id(&cast, "Russia"));
    let both = cast.actor(moscow).unwrap().mentions + cast.actor(russia).unwrap().mentions;
    let fixed = cast.merge_actors(moscow, russia).unwrap();
    assert_eq!(fixed.actor, russia);
    assert_eq!(
        fixed.fix,
        Fix::Merge {
            actor: "Moscow".into(),
            into: "Russia".into()
        }
    );
    assert_eq!(cast.actor(russia).unwrap().mentions, both);
    assert_eq!(cast.actor(moscow).unwrap().mentions, 0);
    assert_eq!(cast.resolve(moscow), russia, "a follower of Moscow goes on");
    let aliases = &cast.actor(russia).unwrap().aliases;
    assert!(aliases.iter().any(|a| a.text == "Moscow"), "{aliases:?}");
    let incremental = (live(&cast), mentions(&cast));
    cast.finish();
    assert_eq!((live(&cast), mentions(&cast)), incremental);
    // The next launch reads the fix from the file: the same cast.
    let next = cast_with(cast.fixes().to_vec());
    assert_eq!((live(&next), mentions(&next)), incremental);
}

#[test]
fn a_split_takes_the_alias_where_it_stands_alone() {
    let plain = Cast::build(&Engine::builtin(), &docs());
    let kerry = id(&plain, "John Kerry");
    let names = mentions(&plain);
    assert!(
        names[1].iter().filter(|n| *n == "John Kerry").count() >= 2,
        "the bare Kerry of article 1 is John Kerry's: {names:?}"
    );
    let mut cast = plain.clone();
    let fixed = cast.split_alias(kerry, "kerry").unwrap();
    let split = cast.actor(fixed.actor).unwrap();
    assert_eq!(split.name, "kerry", "named as the user typed it");
    assert_eq!(fixed.moved, split.mentions);
    let now = mentions(&cast);
    assert!(now[1].iter().all(|n| n != "John Kerry"), "{now:?}");
    // In the article that names him in full, Kerry stays John Kerry.
    assert_eq!(now[0], names[0]);
    let incremental = (live(&cast), now);
    cast.finish();
    assert_eq!((live(&cast), mentions(&cast)), incremental);
    let next = cast_with(cast.fixes().to_vec());
    assert_eq!((live(&next), mentions(&next)), incremental);
}

#[test]
fn renames_kinds_and_dismissals_survive_a_finish() {
    let mut cast = Cast::build(&Engine::builtin(), &docs());
    let putin = id(&cast, "Vladimir Putin");
    cast.rename_actor(putin, "President Putin").unwrap();
    cast.set_kind(id(&cast, "Geneva"), Kind::Misc).unwrap();
    let dismissed = cast
        .actors()
        .iter()
        .position(|a| a.mentions > 0 && a.name != "Geneva" && a.kind == Kind::Place)
        .unwrap() as u32;
    cast.dismiss(dismissed).unwrap();
    assert!(cast.is_dismissed(dismissed));
    assert_eq!(cast.actor(dismissed).unwrap().mentions, 0);
    let incremental = live(&cast);
    assert!(incremental.iter().any(|a| a.0 == "President Putin"));
    assert!(
        incremental
            .iter()
            .any(|a| a.0 == "Geneva" && a.1 == Kind::Misc)
    );
    cast.finish();
    assert_eq!(live(&cast), incremental);
    assert_eq!(live(&cast_with(cast.fixes().to_vec())), incremental);
}

#[test]
fn undo_puts_back_exactly_what_was_there() {
    let plain = Cast::build(&Engine::builtin(), &docs());
    let before = (live(&plain), mentions(&plain));
    let mut cast = plain.clone();
    let kerry = id(&cast, "John Kerry");
    cast.split_alias(kerry, "Kerry").unwrap();
    cast.merge_actors(id(&cast, "Moscow"), id(&cast, "Russia"))
        .unwrap();
    cast.rename_actor(id(&cast, "Geneva"), "Genf").unwrap();
    cast.dismiss(id(&cast, "Sergei Lavrov")).unwrap();
    assert_eq!(cast.undoable(), 4);
    for _ in 0..4 {
        cast.undo_fix().unwrap();
    }
    assert_eq!(cast.undo_fix(), Err(FixError::NothingToUndo));
    assert_eq!((live(&cast), mentions(&cast)), before);
    assert!(cast.fixes().is_empty());
    assert_eq!(cast.resolve(id(&cast, "Moscow")), id(&cast, "Moscow"));
}

#[test]
fn an_undo_after_a_finish_decides_the_cast_again() {
    let plain = Cast::build(&Engine::builtin(), &docs());
    let before = (live(&plain), mentions(&plain));
    let mut cast = plain.clone();
    cast.merge_actors(id(&cast, "Moscow"), id(&cast, "Russia"))
        .unwrap();
    cast.finish();
    assert_eq!(
        cast.undo_fix(),
        Ok(Fix::Merge {
            actor: "Moscow".into(),
            into: "Russia".into()
        })
    );
    assert_eq!((live(&cast), mentions(&cast)), before);
}

#[test]
fn fixes_from_the_file_are_not_undone_and_unknown_names_do_nothing() {
    let plain = Cast::build(&Engine::builtin(), &docs());
    let cast = cast_with(vec![
        Fix::Merge {
            actor: "Atlantis".into(),
            into: "Russia".into(),
        },
        Fix::Split {
            alias: "Lavrov".into(),
            from: "Nobody".into(),
        },
    ]);
    assert_eq!(live(&cast), live(&plain));
    assert_eq!(cast.undoable(), 0);
    assert_eq!(cast.fixes().len(), 2);
}

#[test]
fn impossible_fixes_say_why() {
    let mut cast = Cast::build(&Engine::builtin(), &docs());
    let kerry = id(&cast, "John Kerry");
    assert_eq!(cast.merge_actors(kerry, kerry), Err(FixError::SameActor));
    assert!(matches!(
        cast.split_alias(kerry, "Lavrov"),
        Err(FixError::NotOnItsOwn { .. })
    ));
    assert!(matches!(
        cast.split_alias(kerry, "John Kerry"),
        Err(FixError::OwnName { .. })
    ));
    assert_eq!(cast.rename_actor(kerry, "  "), Err(FixError::EmptyName));
    assert_eq!(cast.undoable(), 0, "nothing was changed");
}

#[test]
fn a_later_document_of_a_merged_actor_goes_to_its_new_actor() {
    let mut cast = Cast::build(&Engine::builtin(), &docs());
    cast.merge_actors(id(&cast, "Moscow"), id(&cast, "Russia"))
        .unwrap();
    let engine = Engine::builtin();
    let text = "Report number 5\nSnow fell in Moscow.";
    cast.add(5, text, &engine.analyze(text));
    let russia = id(&cast, "Russia");
    assert!(cast.mentions_in(5).iter().any(|m| m.actor == russia));
    cast.finish();
    assert!(cast.mentions_in(5).iter().any(|m| m.actor == russia));
}
