//! The cast is a function of the documents, not of how they arrived: the same
//! actors (names, kinds, counts, aliases; ids may differ) and the same actor
//! for every mention whatever the order, the thread count, the batches and
//! the points where the cast was settled in between — as the reader (which
//! adds documents as the indexer's threads finish them) and `castlist actors`
//! (which builds at once) must agree.

use std::sync::Arc;
use std::time::{Duration, Instant};

use castlist::cast::{Cast, DocActors, Engine};
use castlist::corpus::{self, Article, LoadOptions};
use castlist::index::{Event, Indexer};

/// Articles where the order matters to a naive merge: surnames several people
/// share, bare surnames before and after their full names, a place that is
/// also someone's surname.
fn tricky() -> Vec<Article> {
    let texts = [
        (
            "Bush on the campaign",
            "Jeb Bush said he would run. Bush told reporters in Miami that George W. Bush would not campaign. Bush smiled.",
        ),
        (
            "Former president speaks",
            "George W. Bush spoke in Dallas. President Bush said the war was right. Mr. Bush left.",
        ),
        (
            "The elder Bush",
            "George H. W. Bush was in hospital. Bush, 92, is recovering. His wife Barbara Bush visited. She said Bush was well.",
        ),
        (
            "Bush again",
            "Bush said on Friday that the talks would go on. President Bush flew to Texas.",
        ),
        (
            "Blair speaks",
            "Blair said the election would come in May. Blair told MPs so.",
        ),
        (
            "Prime minister",
            "Tony Blair met Gordon Brown. Blair and Brown then spoke to the press.",
        ),
        (
            "London book",
            "Michael London wrote a book. London said it took years.",
        ),
        (
            "London news",
            "London was hit by storms. Trains in London stopped. London councils met.",
        ),
        (
            "More London",
            "In London, prices rose. London mayors spoke.",
        ),
        (
            "Nusra",
            "The al-Nusra Front (Jabhat Fateh al-Sham) fought on. Nusra fighters left.",
        ),
        (
            "Nusra again",
            "Nusra said it would stay. Al Nusra Front fighters stayed.",
        ),
        // A longer name whose added words are one initials variant's ("H. W.
        // is Herbert Walker"), beside a plain "George Bush" decided per article.
        (
            "The pledge",
            "Norquist said the elder Bush, George Herbert Walker Bush, broke his pledge. George Bush lost in 1992.",
        ),
        (
            "Houston",
            "George Bush spoke in Houston. George H. W. Bush was there with George W. Bush.",
        ),
        // A name in a headline's capitals and in running text's case.
        (
            "E.F. HUTTON TO BUY STAKE IN BANK",
            "E.F. Hutton Group Inc said it would buy a stake. Hutton did not say more.",
        ),
        (
            "Hutton results",
            "Hutton posted a profit. E.F. HUTTON shares rose, and Hutton said so.",
        ),
    ];
    let mut articles: Vec<Article> = corpus::bundled().articles;
    for (title, body) in texts {
        articles.push(Article::new(title, body));
    }
    for (i, a) in articles.iter_mut().enumerate() {
        a.set_id(i);
    }
    articles
}

/// The cast as a comparable value: every live actor (name, kind, mentions,
/// articles, uncertain, aliases), and every mention's actor by name.
fn canonical(cast: &Cast, articles: &[Article]) -> (Vec<String>, Vec<String>) {
    let mut actors: Vec<String> = cast
        .actors()
        .iter()
        .filter(|a| a.mentions > 0)
        .map(|a| {
            format!(
                "{} {:?} {} {} {} {:?}",
                a.name, a.kind, a.mentions, a.articles, a.uncertain, a.aliases
            )
        })
        .collect();
    actors.sort();
    let mut mentions = Vec::new();
    for a in articles {
        for m in cast.mentions_in(a.id()) {
            let name = cast.actor(m.actor).map_or("?", |x| x.name.as_str());
            mentions.push(format!(
                "{} {}..{} {name} {}",
                a.id(),
                m.start,
                m.end,
                m.uncertain
            ));
        }
    }
    (actors, mentions)
}

fn analyse(engine: &Engine, articles: &[Article]) -> Vec<DocActors> {
    articles
        .iter()
        .map(|a| engine.analyze(a.document()))
        .collect()
}

/// A small deterministic shuffle (no randomness in tests that must not flake).
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut out = items.to_vec();
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..out.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.swap(i, (x % (i as u64 + 1)) as usize);
    }
    out
}

#[test]
fn the_cast_is_the_same_in_any_order_and_batches() {
    let engine = Engine::builtin();
    let articles = tricky();
    let docs = analyse(&engine, &articles);
    let whole = canonical(&Cast::build(&engine, &articles), &articles);
    let order: Vec<usize> = (0..articles.len()).collect();
    for seed in 0..8u64 {
        for batch in [1usize, 3, 7, 100] {
            let mut cast = Cast::default();
            for (n, &i) in shuffled(&order, seed).iter().enumerate() {
                cast.add(i, &articles[i], &docs[i]);
                // Settled now and then while documents arrive, as the reader does.
                if (n + 1) % batch == 0 {
                    cast.finish();
                }
            }
            cast.finish();
            assert_eq!(
                canonical(&cast, &articles),
                whole,
                "order seed {seed}, settled every {batch}"
            );
        }
    }
}

/// The reader numbers articles as they arrive, a command in load order: the
/// cast must not depend on the numbers either. Each article here gets the
/// number of its place in a shuffled arrival.
fn assert_the_same_whatever_numbers(articles: &[Article]) {
    let engine = Engine::builtin();
    let docs = analyse(&engine, articles);
    let whole = canonical(&Cast::build(&engine, articles), articles);
    // Mentions by each article's place in `articles`, whatever its number.
    let by_place = |cast: &Cast, ids: &[usize]| -> Vec<String> {
        let mut mentions = Vec::new();
        for (place, &id) in ids.iter().enumerate() {
            for m in cast.mentions_in(id) {
                let name = cast.actor(m.actor).map_or("?", |x| x.name.as_str());
                mentions.push(format!(
                    "{place} {}..{} {name} {}",
                    m.start, m.end, m.uncertain
                ));
            }
        }
        mentions
    };
    let order: Vec<usize> = (0..articles.len()).collect();
    let expected = by_place(&Cast::build(&engine, articles), &order);
    for seed in 0..8u64 {
        let arrival = shuffled(&order, seed);
        // ids[place] = the number the article at `place` arrived with.
        let mut ids = vec![0; articles.len()];
        for (n, &place) in arrival.iter().enumerate() {
            ids[place] = n;
        }
        let mut numbered = articles.to_vec();
        for (place, a) in numbered.iter_mut().enumerate() {
            a.set_id(ids[place]);
        }
        let mut cast = Cast::default();
        for &place in &arrival {
            cast.add(ids[place], &numbered[place], &docs[place]);
        }
        cast.finish();
        assert_eq!(
            canonical(&cast, &numbered).0,
            whole.0,
            "arrival seed {seed}"
        );
        assert_eq!(by_place(&cast, &ids), expected, "arrival seed {seed}");
    }
}

#[test]
fn the_cast_is_the_same_whatever_numbers_the_articles_arrive_with() {
    assert_the_same_whatever_numbers(&tricky());
}

/// The articles of `texts`, each a file (title, then body) of a folder read
/// as a collection is: cleaned and numbered in load order.
fn loaded(texts: &[&str]) -> Vec<Article> {
    let dir = tempfile::tempdir().unwrap();
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:02}.txt")), text).unwrap();
    }
    let paths = vec![dir.path().to_path_buf()];
    corpus::load_paths(&paths, &LoadOptions::default())
        .unwrap()
        .articles
}

/// Wire copy naming one company several ways, in pieces as a folder of
/// wire stories gives them: the actor a short name ("Corvane") went to,
/// whose own key's entities went to other actors, was named by whichever
/// document came first ("Corvane Corp." or "Corvane Corp").
#[test]
fn an_actor_of_taken_names_is_named_the_same_whatever_came_first() {
    let texts = [
        "<MARALDI AG> COMPLETES CORVANE <CV> ACQUISITION\n\nit has completed the acquisition of Corvane Corp.\n",
        "Report\nrecently formed from the merger of the Corvane Corp with\n",
        "Report\noperations of Corvane Corp, Pellmont Corp bought from United\n",
        "Report\n<Maraldi Corvane Corp> said it\nCorvane Corp and American Maraldi Corp. The merger took place\n    Maraldi Corvane said it has the option of divesting either\na package of polyester textile fiber facilities of the former\nCorvane.\n",
        "Report\nMaraldi Corvane Corp, a recently\n    Maraldi, which acquired Corvane Corp on Feb 27, said it\n",
    ];
    assert_the_same_whatever_numbers(&loaded(&texts));
}

#[test]
fn a_longer_name_joins_the_initials_variant_its_added_words_spell() {
    let engine = Engine::builtin();
    let articles = tricky();
    let cast = Cast::build(&engine, &articles);
    let holder = cast
        .actors()
        .iter()
        .find(|a| {
            a.aliases
                .iter()
                .any(|x| x.text == "George Herbert Walker Bush")
        })
        .map(|a| a.name.clone());
    assert_eq!(holder.as_deref(), Some("George H. W. Bush"));
}

#[test]
fn the_cast_is_the_same_on_one_two_and_eight_threads() {
    let engine = Engine::builtin();
    let articles = tricky();
    let mut results = Vec::new();
    for threads in [1, 2, 8] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let cast = pool.install(|| Cast::build(&engine, &articles));
        results.push(canonical(&cast, &articles));
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0], results[2]);
}

#[test]
fn the_background_indexer_gives_the_cast_built_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for (i, a) in tricky().iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("{}\n\n{}\n", a.title(), a.body()),
        )
        .unwrap();
    }
    let paths = vec![dir.path().to_path_buf()];
    let whole = corpus::load_paths(&paths, &LoadOptions::default()).unwrap();
    let engine = Arc::new(Engine::builtin());
    let at_once = canonical(&Cast::build(&engine, &whole.articles), &whole.articles);
    for _ in 0..3 {
        let discovery = corpus::discover(&paths).unwrap();
        let mut indexer = Indexer::spawn(discovery, LoadOptions::default(), engine.clone());
        // Articles arrive numbered by arrival, as in the reader; their
        // analyses follow, matched by load order.
        let mut articles: Vec<Article> = Vec::new();
        let mut by_order = std::collections::HashMap::new();
        let mut cast = Cast::default();
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut absorb = |event: Event| match event {
            Event::Articles(batch) => {
                for indexed in batch {
                    let mut article = indexed.article;
                    article.set_id(articles.len());
                    by_order.insert(indexed.order, article.id());
                    articles.push(article);
                }
            }
            Event::Actors(batch) => {
                for analysed in batch {
                    if let Some(&id) = by_order.get(&analysed.order) {
                        cast.add(id, &articles[id], &analysed.actors);
                        cast.finish();
                    }
                }
            }
            _ => {}
        };
        while !indexer.is_done() {
            assert!(Instant::now() < deadline, "indexing did not finish");
            indexer.drain(Duration::from_millis(5), &mut absorb);
            std::thread::sleep(Duration::from_millis(1));
        }
        indexer.drain(Duration::from_secs(5), &mut absorb);
        cast.finish();
        // Compare by content: the same article may have another id here.
        let by_title = |c: &Cast, arts: &[Article]| {
            let (actors, _) = canonical(c, arts);
            let mut mentions: Vec<String> = arts
                .iter()
                .flat_map(|a| {
                    c.mentions_in(a.id()).iter().map(move |m| {
                        let name = c.actor(m.actor).map_or("?", |x| x.name.as_str());
                        format!(
                            "{} {}..{} {name} {}",
                            a.title(),
                            m.start,
                            m.end,
                            m.uncertain
                        )
                    })
                })
                .collect();
            mentions.sort();
            (actors, mentions)
        };
        assert_eq!(
            by_title(&cast, &articles),
            by_title(&Cast::build(&engine, &whole.articles), &whole.articles)
        );
        assert_eq!(canonical(&cast, &articles).0, at_once.0);
    }
}

/// Of two names in as many documents, the one in running text's case names
/// the actor, not a headline's capitals.
#[test]
fn a_name_in_running_text_case_is_preferred_to_headline_capitals() {
    let texts = [
        "HARTWELL ENERGY CORP SETS QUARTERLY DIVIDEND\n\nHartwell said the dividend was raised. Hartwell also named a new chairman.\n",
        "Hartwell results\n\nHartwell Energy Corp said its profit rose. Hartwell shares gained.\n",
    ];
    let cast = Cast::build(&Engine::builtin(), &loaded(&texts));
    let names: Vec<&str> = cast
        .actors()
        .iter()
        .filter(|a| a.mentions > 0 && a.kind == castlist::cast::Kind::Organization)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Hartwell Energy Corp"]);
}
