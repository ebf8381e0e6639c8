//! An actor's mentions over time: counted per bin of its articles' dates,
//! over the whole collection's span, in the finest unit — day, week, month,
//! quarter, year — that gives no more bins than there is room for.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::cast::{ActorId, Cast};
use crate::corpus::Corpus;

/// How long a bin is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    const ALL: [Unit; 5] = [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
        }
    }

    /// The first day of the bin holding `date`.
    fn floor(self, date: NaiveDate) -> NaiveDate {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(date);
        match self {
            Unit::Day => date,
            Unit::Week => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
            Unit::Month => ymd(date.year(), date.month(), 1),
            Unit::Quarter => ymd(date.year(), (date.month0() / 3) * 3 + 1, 1),
            Unit::Year => ymd(date.year(), 1, 1),
        }
    }

    /// The number of bins from the one holding `from` to the one holding `date`.
    fn index(self, from: NaiveDate, date: NaiveDate) -> i64 {
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        match self {
            Unit::Day => (date - from).num_days(),
            Unit::Week => (self.floor(date) - self.floor(from)).num_days() / 7,
            Unit::Month => months(date) - months(from),
            Unit::Quarter => months(date) / 3 - months(from) / 3,
            Unit::Year => i64::from(date.year() - from.year()),
        }
    }

    /// The first day of bin `i` counted from the one holding `from`.
    fn start(self, from: NaiveDate, i: usize) -> NaiveDate {
        let first = self.floor(from);
        let add_months = |m: usize| {
            let total = i64::from(first.year()) * 12 + i64::from(first.month0()) + m as i64;
            NaiveDate::from_ymd_opt((total / 12) as i32, (total % 12) as u32 + 1, 1)
                .unwrap_or(first)
        };
        match self {
            Unit::Day => first + Duration::days(i as i64),
            Unit::Week => first + Duration::days(7 * i as i64),
            Unit::Month => add_months(i),
            Unit::Quarter => add_months(3 * i),
            Unit::Year => NaiveDate::from_ymd_opt(first.year() + i as i32, 1, 1).unwrap_or(first),
        }
    }

    /// How a bin starting on `date` is named: "2016-09-28", "2016-09-26"
    /// (a week, by its Monday), "2016-09", "2016 Q3", "2016".
    pub fn name(self, date: NaiveDate) -> String {
        match self {
            Unit::Day | Unit::Week => date.format("%Y-%m-%d").to_string(),
            Unit::Month => date.format("%Y-%m").to_string(),
            Unit::Quarter => format!("{} Q{}", date.year(), date.month0() / 3 + 1),
            Unit::Year => date.year().to_string(),
        }
    }
}

/// An actor's mentions per bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub unit: Unit,
    /// The first day of the first bin.
    pub start: NaiveDate,
    pub counts: Vec<u64>,
    /// Mentions in articles without a date.
    pub undated: u64,
}

impl Timeline {
    /// The bin with most mentions (the first of equals) and its count.
    pub fn peak(&self) -> Option<(usize, u64)> {
        let (i, &n) = self
            .counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
        (n > 0).then_some((i, n))
    }

    /// The first day of bin `i`.
    pub fn bin_start(&self, i: usize) -> NaiveDate {
        self.unit.start(self.start, i)
    }

    /// Bin `i`'s name.
    pub fn bin_name(&self, i: usize) -> String {
        self.unit.name(self.bin_start(i))
    }
}

/// The collection's first and last article dates.
pub fn span(corpus: &Corpus) -> Option<(NaiveDate, NaiveDate)> {
    let mut dates = corpus
        .articles
        .iter()
        .filter_map(|a| a.date().map(|d| d.date()));
    let first = dates.next()?;
    Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
}

/// The first and last dates of articles, kept up to date as articles are
/// added (they are only ever appended): the reader's timeline needs the
/// collection's span at every selection, and a million articles are not to
/// be looked through each time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// How many articles have been looked at.
    seen: usize,
    range: Option<(NaiveDate, NaiveDate)>,
}

impl Span {
    /// Takes in the articles added since the last call.
    pub fn update(&mut self, corpus: &Corpus) {
        for a in corpus.articles.get(self.seen..).unwrap_or_default() {
            if let Some(d) = a.date().map(|d| d.date()) {
                self.range = Some(match self.range {
                    Some((lo, hi)) => (lo.min(d), hi.max(d)),
                    None => (d, d),
                });
            }
        }
        self.seen = self.seen.max(corpus.articles.len());
    }

    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.range
    }
}

/// `actor`'s mentions over the collection's dates, in at most `max_bins`
/// bins (at least one); `None` when no article has a date.
pub fn timeline(corpus: &Corpus, cast: &Cast, actor: ActorId, max_bins: usize) -> Option<Timeline> {
    timeline_within(span(corpus)?, corpus, cast, actor, max_bins)
}

/// [`timeline`] over a span already known (see [`Span`]).
pub fn timeline_within(
    (lo, hi): (NaiveDate, NaiveDate),
    corpus: &Corpus,
    cast: &Cast,
    actor: ActorId,
    max_bins: usize,
) -> Option<Timeline> {
    let max_bins = max_bins.max(1) as i64;
    let unit = Unit::ALL
        .into_iter()
        .find(|u| u.index(lo, hi) < max_bins)
        .unwrap_or(Unit::Year);
    let bins = (unit.index(lo, hi) + 1).max(1) as usize;
    let mut counts = vec![0u64; bins];
    let mut undated = 0;
    // An article's mentions come together: its bin is found once.
    let mut last: Option<(usize, Option<usize>)> = None;
    for (article, _) in cast.mentions_of(actor) {
        let bin = match last {
            Some((a, bin)) if a == article => bin,
            _ => {
                let bin = corpus
                    .articles
                    .get(article)
                    .and_then(|a| a.date())
                    .map(|d| unit.index(lo, d.date()).clamp(0, bins as i64 - 1) as usize);
                last = Some((article, bin));
                bin
            }
        };
        match bin {
            Some(i) => counts[i] += 1,
            None => undated += 1,
        }
    }
    Some(Timeline {
        unit,
        start: unit.floor(lo),
        counts,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn units_step_and_name_their_bins() {
        let from = day("2016-09-28");
        assert_eq!(Unit::Week.floor(from), day("2016-09-26"));
        assert_eq!(Unit::Month.index(from, day("2017-01-02")), 4);
        assert_eq!(Unit::Quarter.index(from, day("2017-01-02")), 2);
        assert_eq!(Unit::Month.start(from, 4), day("2017-01-01"));
        assert_eq!(Unit::Quarter.name(day("2016-07-01")), "2016 Q3");
        assert_eq!(Unit::Week.index(day("2016-09-25"), day("2016-09-26")), 1);
    }

    #[test]
    fn a_span_kept_as_articles_arrive_is_the_collections_span() {
        let all = crate::corpus::bundled();
        let mut corpus = Corpus::default();
        let mut kept = Span::default();
        kept.update(&corpus);
        assert_eq!(kept.range(), None);
        // Articles arrive one by one, newest first, then an undated one.
        let mut articles = all.articles.clone();
        articles.sort_by_key(|a| std::cmp::Reverse(a.date()));
        articles.push(crate::corpus::Article::new("Undated", "No date here."));
        for a in articles {
            corpus.push(a);
            kept.update(&corpus);
            kept.update(&corpus);
            assert_eq!(kept.range(), span(&corpus));
        }
        assert!(kept.range().is_some());
    }

    #[test]
    fn the_bundled_articles_fall_in_days() {
        let corpus = crate::corpus::bundled();
        let cast = Cast::build(&crate::cast::Engine::builtin(), &corpus.articles);
        let kerry = cast.find("John Kerry").unwrap();
        let t = timeline(&corpus, &cast, kerry, 60).unwrap();
        let total: u64 = t.counts.iter().sum::<u64>() + t.undated;
        assert_eq!(total as usize, cast.actor(kerry).unwrap().mentions);
        assert!(t.counts.len() <= 60);
        let (peak, n) = t.peak().unwrap();
        assert!(t.counts.iter().all(|&c| c <= n));
        assert!(!t.bin_name(peak).is_empty());
        // Two bins at most: the finest unit that fits is coarser.
        let narrow = timeline(&corpus, &cast, kerry, 2).unwrap();
        assert!(narrow.counts.len() <= 2, "{narrow:?}");
        assert_eq!(
            narrow.counts.iter().sum::<u64>(),
            t.counts.iter().sum::<u64>()
        );
    }
}
