//! The bridge from the corpus to the actor engine: an [`Article`] is a
//! [`Document`] the cast is built from. The engine reads each article's
//! document — title, a line break, body — so that a name in a headline is a
//! mention too; mention offsets are bytes of that document, read back in place
//! through [`Article::part`] without copying the text.

use std::borrow::Cow;

use crate::cast::{DocText, Document};
use crate::corpus::Article;

impl DocText for Article {
    fn slice(&self, range: std::ops::Range<usize>) -> Option<&str> {
        self.part(range).map(|p| p.text())
    }
}

impl Document for Article {
    fn id(&self) -> usize {
        Article::id(self)
    }

    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.document())
    }
}

#[cfg(test)]
mod tests {
    use crate::cast::{Cast, Engine, Form, Kind};
    use crate::corpus::{self, Article, Corpus, Part};

    #[test]
    fn bundled_corpus_actors() {
        let cast = Cast::build(&Engine::builtin(), &corpus::bundled().articles);
        let actor = |name: &str| {
            let id = cast.find(name).unwrap_or_else(|| panic!("{name} missing"));
            cast.actor(id).unwrap()
        };
        let expect = [
            (
                "John Kerry",
                Kind::Person,
                &["Kerry", "John Kerry", "John F. Kerry"][..],
            ),
            (
                "Sergey Lavrov",
                Kind::Person,
                &["Sergey Lavrov", "Sergei Lavrov", "Lavrov"][..],
            ),
            (
                "Vladimir Putin",
                Kind::Person,
                &["Putin", "Vladimir Putin"][..],
            ),
            (
                "Bashar al-Assad",
                Kind::Person,
                &["Assad", "Bashar Assad", "Bashar al- Assad", "al-Assad"][..],
            ),
            (
                "Russia",
                Kind::Place,
                &["Russia", "Russian", "Russian Federation"][..],
            ),
            ("Syria", Kind::Place, &["Syria", "Syrian"][..]),
            (
                "United States",
                Kind::Place,
                &["U.S.", "US", "USA", "America", "United States"][..],
            ),
            ("Aleppo", Kind::Place, &["Aleppo"][..]),
        ];
        for (name, kind, aliases) in expect {
            let a = actor(name);
            assert_eq!(a.name, name);
            assert_eq!(a.kind, kind, "{name}");
            for alias in aliases {
                assert!(
                    a.aliases.iter().any(|x| x.text == *alias),
                    "{name} lacks {alias}: {:?}",
                    a.aliases
                );
            }
            // Every alias names the same actor.
            for alias in aliases {
                assert_eq!(cast.find(alias), cast.find(name), "{alias}");
            }
        }
        let demonyms = cast
            .mentions_of(cast.find("Russia").unwrap())
            .filter(|(_, m)| m.form == Form::Demonym)
            .count();
        assert!(demonyms > 0);
        for junk in [
            "However",
            "Share",
            "Friday",
            "Since",
            "Earlier",
            "UPDATE",
            "Wednesday",
            "September",
            "Sept.",
        ] {
            assert!(cast.find(junk).is_none(), "{junk} is an actor");
        }
        // One actor per person: no separate "Kerry" or "Lavrov".
        let live: Vec<&str> = cast
            .actors()
            .iter()
            .filter(|a| a.mentions > 0)
            .map(|a| a.name.as_str())
            .collect();
        for single in ["Kerry", "Lavrov", "Assad", "Putin"] {
            assert!(!live.contains(&single), "{single} is its own actor");
        }
    }

    #[test]
    fn titles_are_read_with_their_articles() {
        let article = Article::new(
            "Kerry meets Lavrov in Geneva",
            "Secretary of State John Kerry said the talks would go on.",
        );
        let corpus = Corpus {
            articles: vec![article],
            warnings: Vec::new(),
        };
        let cast = Cast::build(&Engine::builtin(), &corpus.articles);
        let kerry = cast.find("John Kerry").expect("John Kerry");
        let parts: Vec<Part> = cast
            .mentions_of(kerry)
            .filter_map(|(a, m)| corpus.articles[a].part(m.range()))
            .collect();
        assert!(
            parts.contains(&Part::Title {
                range: 0..5,
                text: "Kerry"
            }),
            "the headline's surname joins the full name in the text: {parts:?}"
        );
        assert!(parts.iter().any(|p| matches!(
            p,
            Part::Body {
                text: "John Kerry",
                ..
            }
        )));
    }
}
