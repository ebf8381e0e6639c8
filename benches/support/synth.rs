//! A synthetic news corpus of any size, built from varied sentences with a fixed
//! seed, so that benchmarks run on a fresh clone without ../shared.

#![allow(dead_code)]

use castlist::corpus::{Article, Corpus};

const GIVEN: &[&str] = &[
    "John", "Maria", "Sergei", "Angela", "Ahmed", "Li", "Fatima", "David", "Elena", "Carlos",
    "Yuki", "Olga", "Pierre", "Amina", "Viktor", "Sarah", "Hassan", "Ingrid", "Rahul", "Chen",
];
const SURNAMES: &[&str] = &[
    "Kerry", "Lavrov", "Merkel", "Okafor", "Tanaka", "Hussein", "Novak", "Fischer", "Moreau",
    "Petrov", "Haddad", "Silva", "Kowalski", "Nakamura", "Ivanova", "Mensah", "Larsen", "Costa",
    "Singh", "Wang",
];
const PLACES: &[&str] = &[
    "Geneva",
    "Moscow",
    "Washington",
    "Aleppo",
    "Brussels",
    "Nairobi",
    "Tokyo",
    "Berlin",
    "Paris",
    "Cairo",
    "Lima",
    "Oslo",
    "Ankara",
    "Kyiv",
    "Manila",
    "Lagos",
    "Madrid",
    "Seoul",
    "Beirut",
    "Vienna",
];
const ORGS: &[&str] = &[
    "the United Nations",
    "NATO",
    "the European Union",
    "the World Bank",
    "the Red Cross",
    "Reuters",
    "the State Department",
    "the Foreign Ministry",
    "the Central Bank",
    "Amnesty International",
];
const VERBS: &[&str] = &[
    "said",
    "warned",
    "told reporters",
    "announced",
    "denied",
    "confirmed",
    "argued",
    "insisted",
    "added",
];
const TOPICS: &[&str] = &[
    "the ceasefire would hold only if both sides kept their word",
    "talks on trade and sanctions had stalled again this week",
    "aid convoys were still waiting at the border for permission",
    "the election results would be announced on Monday evening",
    "prices of fuel and bread had risen sharply since the spring",
    "a new round of negotiations was planned for later this month",
    "the agreement did not cover the disputed northern region",
];

/// A small deterministic generator (PCG-style LCG); quality is not the point.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

fn sentence(rng: &mut Rng) -> String {
    let person = format!("{} {}", rng.pick(GIVEN), rng.pick(SURNAMES));
    match rng.next() % 5 {
        0 => format!(
            "{person} {} in {} that {}.",
            rng.pick(VERBS),
            rng.pick(PLACES),
            rng.pick(TOPICS)
        ),
        1 => format!(
            "Officials from {} met in {} on Tuesday, and {} {} that {}.",
            rng.pick(ORGS),
            rng.pick(PLACES),
            rng.pick(SURNAMES),
            rng.pick(VERBS),
            rng.pick(TOPICS)
        ),
        2 => format!(
            "\u{201c}We are not giving up,\u{201d} {} {}, adding that {}.",
            rng.pick(SURNAMES),
            rng.pick(VERBS),
            rng.pick(TOPICS)
        ),
        3 => format!(
            "However, {} and {} disagreed over whether {}.",
            rng.pick(ORGS),
            rng.pick(PLACES),
            rng.pick(TOPICS)
        ),
        _ => format!(
            "A spokesman for {} in {} {} that {}.",
            rng.pick(ORGS),
            rng.pick(PLACES),
            rng.pick(VERBS),
            rng.pick(TOPICS)
        ),
    }
}

/// An article body of about `bytes` bytes, in paragraphs of three sentences.
pub fn body(rng_seed: u64, bytes: usize) -> String {
    let mut rng = Rng(rng_seed);
    let mut body = String::new();
    while body.len() < bytes {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let para: Vec<String> = (0..3).map(|_| sentence(&mut rng)).collect();
        body.push_str(&para.join(" "));
    }
    body
}

const OUTLETS: &[&str] = &[
    "Reuters",
    "Associated Press",
    "BBC News",
    "The Guardian",
    "Al Jazeera",
    "NPR",
    "Le Monde",
    "Der Spiegel",
    "The Hindu",
    "Daily Nation",
    "NHK",
    "El País",
];

/// One article as a JSON Lines record, as a news export would hold it.
pub fn json_line(id: usize, bytes: usize) -> String {
    let mut rng = Rng(id as u64 * 7919 + 3);
    let title = format!(
        "{} {} in {}",
        rng.pick(SURNAMES),
        rng.pick(VERBS),
        rng.pick(PLACES)
    );
    let day = 1 + rng.next() % 28;
    let month = 1 + rng.next() % 12;
    let year = 2010 + rng.next() % 10;
    let record = serde_json::json!({
        "title": title,
        "date": format!("{year}-{month:02}-{day:02}"),
        "source": rng.pick(OUTLETS),
        "url": format!("https://example.org/news/{id}"),
        "content_original": body(id as u64 + 1, bytes),
    });
    record.to_string()
}

/// `n` articles of about `bytes` bytes each.
pub fn corpus(n: usize, bytes: usize) -> Corpus {
    let articles = (0..n)
        .map(|id| {
            let body = body(id as u64 + 1, bytes);
            let mut rng = Rng(id as u64 * 7919 + 3);
            let title = format!(
                "{} {} in {}",
                rng.pick(SURNAMES),
                rng.pick(VERBS),
                rng.pick(PLACES)
            );
            let mut article = Article::new(&title, &body);
            article.set_id(id);
            article
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}
