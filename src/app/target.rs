//! The current target: the active actor or the active search — one at a time —
//! and where in the corpus it occurs.
//!
//! A target keeps how many hits each article has, and the articles with hits
//! in list order with a running count, so that `n` / `N` across articles and
//! "match 7 of 36 · article 2 of 5" are binary searches. The hits themselves
//! (byte ranges) are worked out for one article at a time, when the reader
//! shows it or a jump lands in it: a one-letter search of 500 MB has tens of
//! millions of hits, and holding them all would cost more memory than the
//! corpus. For the same reason a search counts its hits by a scan that runs a
//! few milliseconds at a time ([`Target::scan`]) rather than all at once, so
//! that typing a query never waits for the whole corpus.

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use super::matcher::Matcher;

use crate::cast::{ActorId, Cast};
use crate::corpus::Corpus;

/// What the reader is following.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    Actor(ActorId),
    Search(String),
    /// The sentences that name both actors.
    Pair(ActorId, ActorId),
    /// What the actor said: its quotes as the quotes view found them.
    Quotes(ActorId),
}

/// One occurrence of the target in an article, in document bytes (the title,
/// a line break, the body: see `Article::body_start`), so that a search finds
/// titles too, and in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    pub range: Range<usize>,
}

/// A place in list order: (list position of the article, document byte).
pub type Place = (usize, usize);

/// Which hit a jump wants: the first at or after `from` (`strict`: after it
/// only), or the last before it when `!forward`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seek {
    pub from: Place,
    pub forward: bool,
    pub strict: bool,
}

/// What finding hits reads: the articles, the cast, and each article's place
/// in the list.
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    pub corpus: &'a Corpus,
    pub cast: &'a Cast,
    pub position: &'a [u32],
}

/// The target and where it occurs.
#[derive(Debug, Clone)]
pub struct Target {
    pub kind: TargetKind,
    /// The hit the reader is on, if it has jumped to one.
    pub current: Option<Hit>,
    /// Hits per article id, for the articles that have any.
    pub per_article: HashMap<usize, usize>,
    total: usize,
    /// The articles with hits in list order, each with the number of hits in
    /// the articles before it; `None` until rebuilt after a change.
    order: Option<Vec<(usize, usize)>>,
    /// The hits of one article, in body order: the one last asked for.
    here: Option<(usize, Vec<Range<usize>>)>,
    /// For a search: its matcher, and the article ids below `scanned` are counted.
    matcher: Option<Matcher>,
    scanned: usize,
    /// A search counts only the articles marked here (the query filter's).
    within: Option<std::sync::Arc<Vec<bool>>>,
    /// For an actor's quotes: each article's, sorted, not overlapping.
    quotes: Option<std::sync::Arc<QuoteHits>>,
}

/// An actor's quotes by article: each quote's extent in document bytes.
pub type QuoteHits = HashMap<usize, Vec<Range<usize>>>;

/// Two targets are equal when they follow the same thing to the same hit
/// with the same counts (the matcher and the cached hits are derived).
impl PartialEq for Target {
    fn eq(&self, other: &Target) -> bool {
        self.kind == other.kind
            && self.current == other.current
            && self.total == other.total
            && self.per_article == other.per_article
    }
}

impl Eq for Target {}

impl Target {
    /// Every mention of `actor` (a live id: see `Cast::resolve`).
    pub fn actor(cast: &Cast, actor: ActorId, position: &[u32]) -> Target {
        Target::actor_within(cast, actor, position, None)
    }

    /// Every mention of `actor` in the articles `within` marks (all, if `None`).
    pub fn actor_within(
        cast: &Cast,
        actor: ActorId,
        position: &[u32],
        within: Option<&[bool]>,
    ) -> Target {
        let mut per_article: HashMap<usize, usize> = HashMap::new();
        for (article, _) in cast.mentions_of(actor) {
            if within.is_none_or(|w| w.get(article).copied().unwrap_or(false)) {
                *per_article.entry(article).or_default() += 1;
            }
        }
        let mut target = Target::new(TargetKind::Actor(actor), None);
        target.total = per_article.values().sum();
        target.per_article = per_article;
        target.reorder(position);
        target
    }

    /// The sentences that name both `a` and `b`, in the articles `within`
    /// marks (all, if `None`).
    pub fn pair(
        corpus: &Corpus,
        cast: &Cast,
        a: ActorId,
        b: ActorId,
        position: &[u32],
        within: Option<&[bool]>,
    ) -> Target {
        let counts = crate::analysis::cooccur::shared_counts(corpus, cast, a, b);
        let per_article: HashMap<usize, usize> = counts
            .into_iter()
            .filter(|(article, _)| within.is_none_or(|w| w.get(*article).copied().unwrap_or(false)))
            .collect();
        let mut target = Target::new(TargetKind::Pair(a, b), None);
        target.total = per_article.values().sum();
        target.per_article = per_article;
        target.reorder(position);
        target
    }

    /// The quotes `hits` (an actor's), in the articles `within` marks (all,
    /// if `None`). Each article's are sorted, and a quote overlapping the one
    /// before it is left out: hits never overlap.
    pub fn quotes(
        actor: ActorId,
        hits: &QuoteHits,
        position: &[u32],
        within: Option<&[bool]>,
    ) -> Target {
        let mut kept = QuoteHits::new();
        for (&article, ranges) in hits {
            if !within.is_none_or(|w| w.get(article).copied().unwrap_or(false)) {
                continue;
            }
            let mut ranges = ranges.clone();
            ranges.sort_by_key(|r| (r.start, r.end));
            let mut end = 0;
            ranges.retain(|r| {
                let keep = r.start >= end && r.start < r.end;
                if keep {
                    end = r.end;
                }
                keep
            });
            if !ranges.is_empty() {
                kept.insert(article, ranges);
            }
        }
        let mut target = Target::new(TargetKind::Quotes(actor), None);
        target.per_article = kept.iter().map(|(a, r)| (*a, r.len())).collect();
        target.total = target.per_article.values().sum();
        target.quotes = Some(std::sync::Arc::new(kept));
        target.reorder(position);
        target
    }

    /// The same target counted again within the articles `within` marks.
    pub fn restricted(
        self,
        corpus: &Corpus,
        cast: &Cast,
        position: &[u32],
        within: Option<std::sync::Arc<Vec<bool>>>,
    ) -> Target {
        let marks = within.as_deref().map(Vec::as_slice);
        match &self.kind {
            TargetKind::Actor(a) => Target::actor_within(cast, *a, position, marks),
            TargetKind::Pair(a, b) => Target::pair(corpus, cast, *a, *b, position, marks),
            TargetKind::Quotes(a) => {
                let hits = self.quotes.as_deref().cloned().unwrap_or_default();
                Target::quotes(*a, &hits, position, marks)
            }
            TargetKind::Search(q) => {
                let mut target = Target::search(q);
                target.within = within;
                target
            }
        }
    }

    /// A search restricted to the articles `within` marks.
    pub fn search_within(query: &str, within: Option<std::sync::Arc<Vec<bool>>>) -> Target {
        let mut target = Target::search(query);
        target.within = within;
        target
    }

    /// A search for `query` in the corpus titles and bodies, as typed or as
    /// a regular expression (see `matcher.rs`): case-insensitive unless the
    /// query holds a capital letter (vim's smartcase). Nothing is counted yet:
    /// see [`Target::scan`].
    pub fn search(query: &str) -> Target {
        Target::new(TargetKind::Search(query.to_string()), Matcher::new(query))
    }

    fn new(kind: TargetKind, matcher: Option<Matcher>) -> Target {
        Target {
            kind,
            current: None,
            per_article: HashMap::new(),
            total: 0,
            order: None,
            here: None,
            matcher,
            scanned: 0,
            within: None,
            quotes: None,
        }
    }

    /// Counts the hits of the articles not counted yet, for at most about
    /// `budget` (all of them when `None`). Returns whether some are left.
    pub fn scan(&mut self, corpus: &Corpus, position: &[u32], budget: Option<Duration>) -> bool {
        let Some(matcher) = &self.matcher else {
            self.scanned = corpus.articles.len();
            return false;
        };
        let start = Instant::now();
        let before = self.total;
        while let Some(article) = corpus.articles.get(self.scanned) {
            let wanted = self
                .within
                .as_ref()
                .is_none_or(|w| w.get(self.scanned).copied().unwrap_or(false));
            let n = if wanted {
                matcher.find_iter(article.title()).count()
                    + matcher.find_iter(&article.body_text()).count()
            } else {
                0
            };
            if n > 0 {
                self.per_article.insert(self.scanned, n);
                self.total += n;
            }
            self.scanned += 1;
            if budget.is_some_and(|b| start.elapsed() >= b) {
                break;
            }
        }
        let more = self.scanned < corpus.articles.len();
        if self.total != before || (!more && self.order.is_none()) {
            // The list order of the articles with hits is rebuilt once the scan
            // is done (or when a jump needs it), not on every step.
            self.order = None;
            if !more {
                self.reorder(position);
            }
        }
        more
    }

    /// Whether the target is a search by regular expression.
    pub fn is_regex(&self) -> bool {
        self.matcher.as_ref().is_some_and(Matcher::is_regex)
    }

    /// Whether a search still has articles to count.
    pub fn scanning(&self, corpus: &Corpus) -> bool {
        self.matcher.is_some() && self.scanned < corpus.articles.len()
    }

    /// How far the scan has got, 0..=1.
    pub fn scanned_fraction(&self, corpus: &Corpus) -> f64 {
        if corpus.articles.is_empty() {
            1.0
        } else {
            self.scanned.min(corpus.articles.len()) as f64 / corpus.articles.len() as f64
        }
    }

    /// Hits counted so far.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many distinct articles hold a hit.
    pub fn article_count(&self) -> usize {
        self.per_article.len()
    }

    /// Rebuilds the list order of the articles with hits, after the list
    /// order changed. The current hit stays.
    pub fn reorder(&mut self, position: &[u32]) {
        let mut articles: Vec<usize> = self
            .per_article
            .keys()
            .copied()
            // Articles the list does not know yet are left for the next rebuild.
            .filter(|&a| position.get(a).is_some())
            .collect();
        articles.sort_unstable_by_key(|&a| position[a]);
        let mut before = 0;
        self.order = Some(
            articles
                .into_iter()
                .map(|a| {
                    let entry = (a, before);
                    before += self.per_article.get(&a).copied().unwrap_or(0);
                    entry
                })
                .collect(),
        );
    }

    /// The hits of `article` in body order (remembered until another article is asked for).
    pub fn hits_in(&mut self, article: usize, corpus: &Corpus, cast: &Cast) -> &[Range<usize>] {
        if self.here.as_ref().is_none_or(|(a, _)| *a != article) {
            let ranges = self.compute(article, corpus, cast);
            self.here = Some((article, ranges));
        }
        self.here.as_ref().map_or(&[], |(_, r)| r.as_slice())
    }

    /// Every hit of the target, article by article in list order: what the
    /// concordance lists. A search works out the hits of each article with
    /// hits (of its count so far).
    pub fn all_hits(&self, corpus: &Corpus, cast: &Cast, position: &[u32]) -> Vec<Hit> {
        let mut articles: Vec<usize> = self.per_article.keys().copied().collect();
        articles.sort_unstable_by_key(|&a| position.get(a).map_or(usize::MAX, |&p| p as usize));
        let mut hits = Vec::with_capacity(self.total);
        for article in articles {
            for range in self.compute(article, corpus, cast) {
                hits.push(Hit { article, range });
            }
        }
        hits
    }

    /// The hits of `article` if they were worked out already (the reader's
    /// article always is, by `Msg::Resize`).
    pub fn hits_known(&self, article: usize) -> Option<&[Range<usize>]> {
        match &self.here {
            Some((a, ranges)) if *a == article => Some(ranges),
            _ => None,
        }
    }

    fn compute(&self, article: usize, corpus: &Corpus, cast: &Cast) -> Vec<Range<usize>> {
        let Some(a) = corpus.articles.get(article) else {
            return Vec::new();
        };
        let shift = a.body_start();
        let body = |r: Range<usize>| r.start + shift..r.end + shift;
        // Not limited to the articles counted so far: while a scan runs, the
        // open article is searched ahead of it.
        match (&self.kind, &self.matcher) {
            // Mentions are document bytes already.
            (TargetKind::Actor(actor), _) => cast
                .mentions_in(article)
                .iter()
                .filter(|m| m.actor == *actor)
                .map(|m| m.range())
                .collect(),
            (TargetKind::Pair(a, b), _) => {
                crate::analysis::cooccur::shared_in(corpus, cast, article, *a, *b)
            }
            (TargetKind::Search(_), Some(matcher)) => {
                let text = a.body_text();
                matcher
                    .find_iter(a.title())
                    .chain(matcher.find_iter(&text).map(body))
                    .collect()
            }
            (TargetKind::Quotes(_), _) => self
                .quotes
                .as_ref()
                .and_then(|q| q.get(&article))
                .cloned()
                .unwrap_or_default(),
            (TargetKind::Search(_), None) => Vec::new(),
        }
    }

    /// The hit `want` asks for, in list order; wraps around. Returns the hit
    /// and whether it wrapped.
    pub fn seek(&mut self, want: Seek, on: Lookup<'_>) -> Option<(Hit, bool)> {
        if self.order.is_none() {
            self.reorder(on.position);
        }
        let order = self.order.take()?;
        let found = self.seek_in(&order, want, on);
        self.order = Some(order);
        found
    }

    fn seek_in(
        &mut self,
        order: &[(usize, usize)],
        want: Seek,
        Lookup {
            corpus,
            cast,
            position,
        }: Lookup<'_>,
    ) -> Option<(Hit, bool)> {
        let Seek {
            from: (pos, _),
            forward,
            ..
        } = want;
        let last = order.len().checked_sub(1)?;
        let at = |i: usize| position.get(order[i].0).map_or(usize::MAX, |&p| p as usize);
        let i = order
            .partition_point(|&(a, _)| position.get(a).map_or(usize::MAX, |&p| p as usize) < pos);
        if i <= last && at(i) == pos {
            let article = order[i].0;
            let ranges = self.hits_in(article, corpus, cast);
            if let Some(range) = within(ranges, want) {
                return Some((Hit { article, range }, false));
            }
        }
        let (j, wrapped) = if forward {
            let next = if i <= last && at(i) == pos { i + 1 } else { i };
            if next > last {
                (0, true)
            } else {
                (next, false)
            }
        } else if i == 0 {
            (last, true)
        } else {
            (i - 1, false)
        };
        let article = order[j].0;
        let ranges = self.hits_in(article, corpus, cast);
        let range = if forward {
            ranges.first()
        } else {
            ranges.last()
        }?
        .clone();
        Some((Hit { article, range }, wrapped))
    }

    /// The current hit's number among all hits (1-based) and its article's
    /// among the articles with hits, when the list order is known.
    pub fn ordinal(&self, position: &[u32]) -> Option<(usize, usize)> {
        let hit = self.current.as_ref()?;
        let order = self.order.as_ref()?;
        let pos = *position.get(hit.article)? as usize;
        let k = order
            .partition_point(|&(a, _)| position.get(a).map_or(usize::MAX, |&p| p as usize) < pos);
        let &(article, before) = order.get(k)?;
        if article != hit.article {
            return None;
        }
        let nth = self
            .hits_known(article)?
            .iter()
            .position(|r| *r == hit.range)?;
        Some((before + nth + 1, k + 1))
    }
}

/// Among one article's hits (in order), the one `want` asks for, by its byte
/// alone (the article is the caller's).
pub fn within(ranges: &[Range<usize>], want: Seek) -> Option<Range<usize>> {
    let Seek {
        from: (_, byte),
        forward,
        strict,
    } = want;
    if forward {
        ranges
            .iter()
            .find(|r| r.start > byte || (!strict && r.start == byte))
            .cloned()
    } else {
        ranges.iter().rev().find(|r| r.start < byte).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Corpus, Part};

    fn corpus(bodies: &[&str]) -> Corpus {
        let articles = bodies
            .iter()
            .enumerate()
            .map(|(id, b)| {
                let mut article = Article::new("", b);
                article.set_id(id);
                article
            })
            .collect();
        Corpus {
            articles,
            warnings: vec![],
        }
    }

    /// A search whose scan of `corpus` is complete.
    fn search_all(corpus: &Corpus, query: &str, position: &[u32]) -> Target {
        let mut target = Target::search(query);
        target.scan(corpus, position, None);
        target
    }

    fn forward_from(from: Place) -> Seek {
        Seek {
            from,
            forward: true,
            strict: false,
        }
    }

    #[test]
    fn search_is_smart_case() {
        let c = corpus(&["Truce and truce and TRUCE"]);
        let pos = [0];
        assert_eq!(search_all(&c, "truce", &pos).total(), 3);
        assert_eq!(search_all(&c, "Truce", &pos).total(), 1);
        assert_eq!(search_all(&c, "", &pos).total(), 0);
    }

    #[test]
    fn navigation_follows_list_order_and_wraps() {
        let c = corpus(&["x a", "a a", "none", "a"]);
        let cast = Cast::default();
        // List order: article 3 first, then 0, 1, 2.
        let pos = [1, 2, 3, 0];
        let mut t = search_all(&c, "a", &pos);
        assert_eq!(t.per_article[&1], 2);
        assert_eq!((t.total(), t.article_count()), (4, 3));
        let on = Lookup {
            corpus: &c,
            cast: &cast,
            position: &pos,
        };
        let mut seek = |from, forward, strict| {
            t.seek(
                Seek {
                    from,
                    forward,
                    strict,
                },
                on,
            )
            .map(|(h, w)| (h.article, h.range.start, w))
        };
        // The titles are empty: body byte b is document byte b + 1.
        // Forward from the top of the list visits 3, 0, 1, 1, then wraps.
        assert_eq!(seek((0, 1), true, false), Some((3, 1, false)));
        assert_eq!(seek((0, 1), true, true), Some((0, 3, false)));
        assert_eq!(seek((1, 3), true, true), Some((1, 1, false)));
        assert_eq!(seek((2, 1), true, true), Some((1, 3, false)));
        assert_eq!(seek((2, 3), true, true), Some((3, 1, true)));
        // Before the first hit, back wraps to the last.
        assert_eq!(seek((0, 1), false, false), Some((1, 3, true)));
        assert_eq!(seek((2, 3), false, false), Some((1, 1, false)));
        // From article 2 (position 3, no hits) forward is the wrap.
        assert_eq!(seek((3, 1), true, false), Some((3, 1, true)));
    }

    #[test]
    fn ordinals_count_in_list_order_and_survive_a_reorder() {
        let c = corpus(&["a", "a a"]);
        let cast = Cast::default();
        let mut t = search_all(&c, "a", &[0, 1]);
        // Body byte 1 is document byte 2 (the titles are empty).
        let on = Lookup {
            corpus: &c,
            cast: &cast,
            position: &[0, 1],
        };
        let (hit, _) = t.seek(forward_from((1, 2)), on).unwrap();
        assert_eq!(
            hit,
            Hit {
                article: 1,
                range: 3..4
            }
        );
        t.current = Some(hit);
        assert_eq!(t.ordinal(&[0, 1]), Some((3, 2)));
        // Article 1 moves to the top of the list: its second hit is the second.
        t.reorder(&[1, 0]);
        assert_eq!(t.ordinal(&[1, 0]), Some((2, 1)));
    }

    #[test]
    fn titles_are_searched_before_their_bodies() {
        let mut c = corpus(&["no match here", "Truce holds, truce says"]);
        c.articles[0].set_title("Truce talks");
        c.articles[1].set_title("Ceasefire");
        let cast = Cast::default();
        let pos = [0, 1];
        let mut t = search_all(&c, "truce", &pos);
        assert_eq!((t.total(), t.article_count()), (3, 2));
        let on = Lookup {
            corpus: &c,
            cast: &cast,
            position: &pos,
        };
        let (hit, _) = t.seek(forward_from((0, 0)), on).unwrap();
        assert_eq!(hit.range, 0..5);
        assert!(matches!(
            c.articles[0].part(hit.range.clone()),
            Some(Part::Title { .. })
        ));
        let after = Seek {
            strict: true,
            ..forward_from((0, 0))
        };
        let (hit, _) = t.seek(after, on).unwrap();
        assert_eq!(hit.article, 1);
        // "Ceasefire" and the break are 10 bytes: body byte 0 is byte 10.
        assert_eq!(hit.range, 10..15);
        assert_eq!(
            c.articles[1].part(hit.range.clone()),
            Some(Part::Body {
                range: 0..5,
                text: "Truce"
            })
        );
        assert_eq!(c.articles[1].part(8..11), None, "straddles the break");
        assert_eq!(c.articles[1].part(30..40), None, "past the body");
    }

    #[test]
    fn a_scan_in_steps_counts_what_one_pass_counts() {
        let bodies: Vec<String> = (0..50).map(|i| "ab ".repeat(i)).collect();
        let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        let pos: Vec<u32> = (0..50).collect();
        let mut t = Target::search("ab");
        let mut steps = 0;
        while t.scan(&c, &pos, Some(Duration::ZERO)) {
            steps += 1;
        }
        assert_eq!(steps, 49, "one article per step with a zero budget");
        assert!(!t.scanning(&c));
        assert_eq!(t.total(), (0..50).sum::<usize>());
        assert_eq!(t.per_article, search_all(&c, "ab", &pos).per_article);
        // Articles added later are counted by the next scan.
        let mut more = c.clone();
        let mut article = Article::new("", "ab");
        article.set_id(50);
        more.articles.push(article);
        assert!(t.scanning(&more));
        t.scan(&more, &(0..51).collect::<Vec<_>>(), None);
        assert_eq!(t.per_article.get(&50), Some(&1));
    }
}
