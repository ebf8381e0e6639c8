//! Throughput of the actor engine (extraction + resolution) on one core, on
//! generated news-like text, so the benchmark needs no data outside the
//! repository: `cargo bench --bench engine`. Divan reports bytes per second.

use castlist::cast::Engine;
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

const PEOPLE: &[&str] = &[
    "John Kerry",
    "Sergey Lavrov",
    "Angela Merkel",
    "Ban Ki-moon",
    "Bashar al-Assad",
    "Theresa May",
    "Xi Jinping",
    "Emmanuel Macron",
    "Maria Zakharova",
    "John F. Kennedy",
    "Osama bin Laden",
    "Ludwig van Dam",
];
const PLACES: &[&str] = &[
    "Syria",
    "Aleppo",
    "Moscow",
    "Washington",
    "the United States",
    "Brussels",
    "Beijing",
    "Paris",
    "the U.S.",
];
const ORGS: &[&str] = &[
    "the United Nations",
    "NATO",
    "the Foreign Ministry",
    "the European Commission",
    "Islamic State",
    "the Free Syrian Army (FSA)",
    "Reuters",
    "the State Department",
];
const TITLES: &[&str] = &[
    "Secretary of State",
    "Foreign Minister",
    "President",
    "Mr.",
    "spokesman",
    "Chancellor",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "warned",
    "announced",
    "denied",
    "argued",
    "added",
];
const FILLER: &[&str] = &[
    "that the talks would continue despite the latest setback in the negotiations",
    "on Wednesday that a ceasefire agreement could be reached within days",
    "the government was considering all options, including further sanctions",
    "Russian airstrikes had intensified around the besieged city since Sept. 19",
    "However, officials said the plan had not been approved by the council",
    "the economy grew by 2.3% in the third quarter, beating expectations",
];

/// A deterministic stream of varied news-like paragraphs, about `bytes` long.
fn news(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 512);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut pick = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    while out.len() < bytes {
        for _ in 0..4 {
            let person = PEOPLE[pick(PEOPLE.len())];
            let surname = person.rsplit(' ').next().unwrap_or(person);
            match pick(5) {
                0 => out.push_str(&format!(
                    "{} {} {} in {} {}. ",
                    TITLES[pick(TITLES.len())],
                    person,
                    VERBS[pick(VERBS.len())],
                    PLACES[pick(PLACES.len())],
                    FILLER[pick(FILLER.len())]
                )),
                1 => out.push_str(&format!(
                    "{}'s officials met {} in {}, and {} {} {}. ",
                    surname,
                    ORGS[pick(ORGS.len())],
                    PLACES[pick(PLACES.len())],
                    surname,
                    VERBS[pick(VERBS.len())],
                    FILLER[pick(FILLER.len())]
                )),
                2 => out.push_str(&format!("{}. ", FILLER[pick(FILLER.len())])),
                3 => out.push_str(&format!(
                    "According to {}, {} {}. ",
                    ORGS[pick(ORGS.len())],
                    FILLER[pick(FILLER.len())],
                    FILLER[pick(FILLER.len())]
                )),
                _ => out.push_str(&format!(
                    "\u{201c}We will not accept this,\u{201d} {} {} on Friday, as talks in {} stalled. ",
                    surname,
                    VERBS[pick(VERBS.len())],
                    PLACES[pick(PLACES.len())]
                )),
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// Articles of about 3 KB, like a news corpus, analysed one after another.
#[divan::bench(sample_count = 20)]
fn analyze_news_articles(bencher: Bencher) {
    let engine = Engine::builtin();
    let articles: Vec<String> = (0..300).map(|i| news(2_500 + (i % 7) * 200)).collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for a in &articles {
            n += divan::black_box(engine.analyze(a)).mentions.len();
        }
        n
    });
}

/// The built-in engine's start-up: parsing the embedded lists and weights.
#[divan::bench(sample_count = 10)]
fn engine_builtin() -> Engine {
    Engine::builtin()
}
