//! Resolution inside one document: candidates naming the same actor become one
//! entity. Gazetteer phrases join their known actor; full names are grouped by
//! their normalised words and initials ([`crate::names`]: "John F. Kerry" and
//! "John Kerry" are one, George W. and George H. W. Bush two); transliteration
//! variants of one person join ("Sergey"/"Sergei" Lavrov); a short name joins
//! the one longer name that contains all its words ("Kerry", "Mr. Lavrov"); an
//! acronym joins the one organisation whose initials it spells; and names the
//! text declares to be one ("the al-Nusra Front (Jabhat Fateh al-Sham)") are one.
//!
//! Where several people could be meant ("Bush" after George W. and Jeb Bush),
//! each mention goes to the one named last before it and is marked uncertain —
//! as a reader takes it. Each entity carries the document's evidence about it
//! ([`crate::Evidence`]) for the cross-document cast.
//!
//! Every look-up goes through an index (by key, by word, by last word, by
//! acronym), so a document of many distinct names resolves in near-linear time.

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// Group numbers: most names have one group and most groups one or two
/// members, so these live inline and a document's resolution makes no
/// allocation for each (callgrind showed those small vectors, their growth
/// and frees, as much of the time resolution spends).
type Groups = SmallVec<[usize; 2]>;

use crate::candidates::Candidate;
use crate::evidence::{self, Sexes};
use crate::features::DocCtx;
use crate::names::name_parts;
use crate::{DocActors, DocMention, Gender, Kind};

/// A group of candidates that name one entity.
struct Group<'k, 'a> {
    words: &'k [&'k str],
    initials: &'k str,
    known: Option<u32>,
    /// The sport in which it names a team, when it is a place's team.
    team: Option<&'a str>,
    /// The kind of its first (longest) member.
    kind: Kind,
    members: Groups,
    /// What this group was merged into, if it was.
    into: Option<usize>,
    /// A short name several groups could complete: those groups. Its
    /// mentions are shared out among them, each to the one named last before it.
    rivals: Vec<usize>,
}

fn root(groups: &[Group<'_, '_>], mut g: usize) -> usize {
    while let Some(next) = groups[g].into {
        g = next;
    }
    g
}

/// The normalised names of a document's candidates, built into two buffers:
/// resolution looks at every candidate's words many times, and a `String` and
/// a `Vec` per candidate were most of its cost.
struct Names<'b> {
    /// Each candidate's name words joined by single spaces.
    keys: Vec<&'b str>,
    initials: Vec<&'b str>,
    /// Each candidate's words, as a range of `all`.
    spans: Vec<std::ops::Range<usize>>,
    all: Vec<&'b str>,
}

impl<'b> Names<'b> {
    /// `buf` and `ibuf` receive the keys and initials; the result borrows them.
    fn new(
        ctx: &DocCtx<'_>,
        cands: &[Candidate],
        buf: &'b mut String,
        ibuf: &'b mut String,
    ) -> Names<'b> {
        let mut ends = Vec::with_capacity(cands.len());
        // Sized for a typical name up front: growing them from nothing was
        // a good share of the resolver's allocations.
        buf.reserve(16 * cands.len());
        ibuf.reserve(2 * cands.len());
        let (mut one, mut ini) = (String::with_capacity(32), String::with_capacity(8));
        for c in cands {
            name_parts(ctx, c.first, c.last, &mut one, Some(&mut ini));
            buf.push_str(&one);
            ibuf.push_str(&ini);
            ends.push((buf.len(), ibuf.len()));
        }
        let (buf, ibuf): (&'b str, &'b str) = (buf, ibuf);
        let mut keys = Vec::with_capacity(cands.len());
        let mut initials = Vec::with_capacity(cands.len());
        let mut spans = Vec::with_capacity(cands.len());
        let mut all = Vec::with_capacity(2 * cands.len());
        let (mut start, mut istart) = (0, 0);
        for (end, iend) in ends {
            let key = &buf[start..end];
            let first = all.len();
            all.extend(key.split(' ').filter(|w| !w.is_empty()));
            spans.push(first..all.len());
            keys.push(key);
            initials.push(&ibuf[istart..iend]);
            (start, istart) = (end, iend);
        }
        Names {
            keys,
            initials,
            spans,
            all,
        }
    }

    fn words(&self, c: usize) -> &[&'b str] {
        &self.all[self.spans[c].clone()]
    }
}

/// The grouping state of one document.
struct Resolver<'a, 'k> {
    ctx: &'a DocCtx<'a>,
    cands: &'a [Candidate],
    names: &'k Names<'k>,
    groups: Vec<Group<'k, 'a>>,
    of_cand: Vec<usize>,
    by_known: FxHashMap<(u32, Option<&'a str>), usize>,
    /// Key (and team sense) → groups with those words (one per set of initials).
    by_key: FxHashMap<(&'k str, Option<&'a str>), Groups>,
    /// Word → multi-word groups containing it (for "contains all its words").
    by_word: FxHashMap<&'k str, Groups>,
    /// Last word → multi-word person groups (for transliteration variants).
    by_last: FxHashMap<&'k str, Groups>,
    /// Initial letters → multi-word organisations and places (for acronyms).
    by_acronym: FxHashMap<String, Groups>,
    /// Scratch: the hosts of the candidate being placed, as (root, same kind).
    hosts: Vec<(usize, bool)>,
    /// Groups merged because the text declared them one: (into, merged key).
    declared: Vec<(usize, &'k str)>,
    /// The title written before each candidate, lower case.
    titles: Vec<Option<String>>,
    sexes: &'a Sexes,
    /// Each candidate's team sense: the sport it names a team in.
    teams: &'a [Option<&'a str>],
    /// The token where the title line ends (0 when the first line is no title).
    title_end: usize,
    /// Running-text person names whose only hosts were headline-only names.
    headline_only: Vec<usize>,
    /// Candidates of a headline-only name absorbed by a running-text name:
    /// never the name of their entity.
    absorbed: Vec<bool>,
}

/// The token where the document's title line ends, or 0 when its first line
/// is not a title. The first line is a title when more follows and it reads
/// like one: short, or not ended by a full stop. Computed once per document:
/// per candidate it made a one-line document quadratic.
fn title_end(ctx: &DocCtx<'_>) -> usize {
    let first_line = ctx
        .toks
        .iter()
        .skip(1)
        .position(|t| t.has(crate::token::flag::LINE_START))
        .map_or(0, |p| p + 1);
    match first_line
        .checked_sub(1)
        .map(|l| ctx.toks[l].text(ctx.text))
    {
        Some(last) if first_line <= 12 || last != "." => first_line,
        _ => 0,
    }
}

/// Resolves one document's candidates (sorted by start) into entities and
/// mentions. `teams[c]` names the sport in which candidate `c`, a place, names
/// a team (see [`crate::sport`]); such names are teams, apart from the place.
pub fn resolve(
    ctx: &DocCtx<'_>,
    cands: &[Candidate],
    sexes: &Sexes,
    teams: &[Option<&str>],
) -> DocActors {
    let (mut buf, mut ibuf) = (String::new(), String::new());
    let names = Names::new(ctx, cands, &mut buf, &mut ibuf);
    let mut r = Resolver {
        ctx,
        cands,
        names: &names,
        // Sized for the document up front: at most one group per candidate,
        // one word entry per name word (growing them was a cost of its own).
        groups: Vec::with_capacity(cands.len()),
        of_cand: vec![usize::MAX; cands.len()],
        by_known: FxHashMap::default(),
        by_key: FxHashMap::with_capacity_and_hasher(cands.len(), Default::default()),
        by_word: FxHashMap::with_capacity_and_hasher(names.all.len(), Default::default()),
        by_last: FxHashMap::default(),
        by_acronym: FxHashMap::default(),
        hosts: Vec::new(),
        declared: Vec::new(),
        titles: cands
            .iter()
            .map(|c| evidence::title_before(ctx, c.first))
            .collect(),
        sexes,
        teams,
        title_end: title_end(ctx),
        headline_only: Vec::new(),
        absorbed: vec![false; cands.len()],
    };
    // Known actors first, then longest names, names with initials before the
    // same names without, so that short names find their full form.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&c| {
        (
            cands[c].known.is_none(),
            std::cmp::Reverse(names.words(c).len()),
            names.initials[c].is_empty(),
            c,
        )
    });
    for c in order {
        r.place(c);
    }
    for (a, b) in evidence::declared_aliases(ctx, cands) {
        r.declare(a, b);
    }
    r.absorb_headline_names();
    r.build(sexes)
}

impl<'a, 'k> Resolver<'a, 'k> {
    /// Whether candidate `c` is in the title line or a headline-styled line.
    fn in_headline(&self, c: usize) -> bool {
        let first = self.cands[c].first;
        first < self.title_end || self.ctx.toks[first].has(crate::token::flag::HEADLINE)
    }

    /// A person named only in a headline, with extra capitalised words around
    /// a name the running text uses alone ("Back Hillary" over "Hillary"),
    /// joins that name's group instead of standing as a person of its own:
    /// headline capitals carry little signal, and as its own actor it became
    /// the host of the name in other articles. Its surface stays a form of
    /// the group; its key is no alias of anything.
    fn absorb_headline_names(&mut self) {
        for i in 0..self.headline_only.len() {
            let c = self.headline_only[i];
            let body = root(&self.groups, self.of_cand[c]);
            let w = self.names.words(c);
            let Some(word) = w.first() else { continue };
            let heads: Vec<usize> = self
                .by_word
                .get(word)
                .into_iter()
                .flatten()
                .map(|&g| root(&self.groups, g))
                .filter(|&g| {
                    let grp = &self.groups[g];
                    g != body
                        && grp.kind == Kind::Person
                        && grp.words.contains(word)
                        && grp.members.iter().all(|&m| self.in_headline(m))
                })
                .collect();
            for g in heads {
                if self.groups[g].into.is_some() || self.groups[body].kind != Kind::Person {
                    continue;
                }
                let moved = std::mem::take(&mut self.groups[g].members);
                for &m in &moved {
                    self.of_cand[m] = body;
                    self.absorbed[m] = true;
                }
                self.groups[body].members.extend(moved);
                self.groups[g].into = Some(body);
            }
        }
    }

    fn team(&self, c: usize) -> Option<&'a str> {
        self.teams.get(c).copied().flatten()
    }

    fn join(&mut self, c: usize, g: usize) {
        let g = root(&self.groups, g);
        self.groups[g].members.push(c);
        self.of_cand[c] = g;
    }

    fn new_group(&mut self, c: usize, rivals: Vec<usize>) {
        let words = self.names.words(c);
        let cand = &self.cands[c];
        let g = self.groups.len();
        let team = self.team(c);
        self.groups.push(Group {
            words,
            initials: self.names.initials[c],
            known: cand.known,
            team,
            kind: cand.kind,
            members: smallvec::smallvec![c],
            into: None,
            rivals,
        });
        self.of_cand[c] = g;
        if let Some(id) = cand.known {
            self.by_known.insert((id, team), g);
        } else {
            self.by_key
                .entry((self.names.keys[c], team))
                .or_default()
                .push(g);
        }
        // A name that repeats a word is link text run together ("Hillary
        // Clinton Hillary Clinton"), not a longer form of anything.
        let repeats = words
            .iter()
            .enumerate()
            .any(|(i, w)| words[..i].contains(w));
        if words.len() > 1 && self.groups[g].rivals.is_empty() && !repeats {
            for (i, w) in words.iter().enumerate() {
                if !words[..i].contains(w) {
                    self.by_word.entry(w).or_default().push(g);
                }
            }
            if cand.known.is_some() {
                // Known actors are hosts by their words only.
            } else if cand.kind == Kind::Person
                && let Some(last) = words.last()
            {
                self.by_last.entry(last).or_default().push(g);
            } else if cand.kind != Kind::Person {
                let acronym: String = words.iter().filter_map(|w| w.chars().next()).collect();
                self.by_acronym.entry(acronym).or_default().push(g);
            }
        }
    }

    fn place(&mut self, c: usize) {
        let cand = &self.cands[c];
        if self.names.words(c).is_empty() {
            return;
        }
        let team = self.team(c);
        if let Some(id) = cand.known {
            match self.by_known.get(&(id, team)) {
                Some(&g) => self.join(c, g),
                None => self.new_group(c, Vec::new()),
            }
            return;
        }
        let (key, initials) = (self.names.keys[c], self.names.initials[c]);
        if let Some(list) = self.by_key.get(&(key, team)) {
            let list: Vec<usize> = list.iter().map(|&g| root(&self.groups, g)).collect();
            if let Some(&g) = list.iter().find(|&&g| self.groups[g].initials == initials) {
                return self.join(c, g);
            }
            let mut variants: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&g| {
                    !self.groups[g].initials.is_empty() && self.groups[g].rivals.is_empty()
                })
                .collect();
            variants.sort_unstable();
            variants.dedup();
            if initials.is_empty() {
                // "George Bush" after George W. and George H. W. Bush: the one
                // named last; after only one of them, that one.
                match variants.as_slice() {
                    [g] => return self.join(c, *g),
                    [] => {}
                    _ => return self.new_group(c, variants),
                }
            } else if variants.is_empty()
                && let Some(&plain) = list.iter().find(|&&g| self.groups[g].rivals.is_empty())
            {
                // "John Kerry" and then "John F. Kerry": one person, with initials.
                self.groups[plain].initials = initials;
                return self.join(c, plain);
            }
            // Other initials: another person of the same name.
            return self.new_group(c, Vec::new());
        }
        self.find_hosts(c);
        // Two candidates compete: one of the same kind wins, else the mention
        // goes to whichever was named last.
        if self.hosts.len() > 1 && self.hosts.iter().any(|h| h.1) {
            self.hosts.retain(|h| h.1);
        }
        self.hosts.dedup_by_key(|h| h.0);
        match self.hosts.as_slice() {
            [] => self.new_group(c, Vec::new()),
            [(g, _)] => self.join(c, *g),
            many => {
                let rivals = many.iter().map(|h| h.0).collect();
                self.new_group(c, rivals)
            }
        }
    }

    /// Every group that `c` could be a short form of, into `self.hosts`:
    /// a longer name containing all its words, a transliteration variant, or
    /// the organisation whose initials it spells.
    fn find_hosts(&mut self, c: usize) {
        let ctx = self.ctx;
        let w = self.names.words(c);
        let cand = &self.cands[c];
        let kind = cand.kind;
        self.hosts.clear();
        // In one article a bare surname of someone named there in full is
        // that person even where it is also a place ("Neil Jordan ...
        // Jordan", "Joe Kennedy ... Kennedy"); a common word is not an
        // organisation's short form ("House" is not the White House,
        // "Department" not the Justice Department).
        let one_word = w.len() == 1 && cand.first == cand.last;
        let common = w.len() == 1 && ctx.gaz.in_lexicon(w[0]);
        // A "misc" word beside an organisation is mostly an adjective
        // ("Olympic" in the International Olympic Committee, "European" in
        // the European Union), not its short form.
        let compatible = |hk: Kind| hk == Kind::Person || (hk == kind && !common);
        // A bare surname with an office before it that its full name never
        // had here ("Hillary Clinton ... President Clinton") may be someone
        // else of the name: the cast decides, from the corpus. An honorific
        // of the other sex rules a person out ("Mrs." is not Bill).
        let title = self.titles[c].as_deref();
        let title_sex = title.map_or(0, |t| self.sexes.of_title(t).sign());
        let office = one_word && title.is_some() && title_sex == 0;
        // Capitals in running text ("UN", "U.N.") spell an acronym, not a
        // word of a person's name ("Kim Jong Un"); a headline's capitals say
        // nothing ("KIM MEETS MOON").
        let acronym = one_word
            && crate::names::is_capitals(ctx.toks[cand.first].text(ctx.text))
            && cand.first >= self.title_end
            && !ctx.toks[cand.first].has(crate::token::flag::HEADLINE);
        let team = self.team(c);
        let groups = &self.groups;
        let titles = &self.titles;
        let sexes = self.sexes;
        let person_fits = |g: &Group<'_, '_>| {
            // One word of a person's name is the surname or the given name,
            // not a middle word.
            if w.len() == 1 && g.words.last() != Some(&w[0]) && g.words[0] != w[0] {
                return false;
            }
            if acronym {
                return false;
            }
            let same = |m: usize| {
                titles[m]
                    .as_deref()
                    .zip(title)
                    .is_some_and(|(a, b)| evidence::titles_match(a, b))
            };
            if office && !g.members.iter().any(|&m| same(m)) {
                return false;
            }
            title_sex == 0 || sexes.given(g.words[0]).sign() != -title_sex
        };
        // Containment: look through the groups of the rarest word.
        // (The first of the shortest lists, and none unless every word has one.)
        let mut shortest: Option<&Groups> = None;
        let mut every = true;
        for x in w {
            match self.by_word.get(x) {
                Some(l) if shortest.is_none_or(|s| l.len() < s.len()) => shortest = Some(l),
                Some(_) => {}
                None => {
                    every = false;
                    break;
                }
            }
        }
        if every && let Some(shortest) = shortest {
            for &gi in shortest {
                let g = &groups[gi];
                if g.words.len() <= w.len() || !compatible(g.kind) || g.team != team {
                    continue;
                }
                // "Jerusalem" is not "East Jerusalem": a place qualifier in the
                // longer name that the short one lacks makes another place.
                let qualified = g.kind != Kind::Person
                    && g.words.iter().any(|x| {
                        !w.contains(x) && ctx.gaz.info(x) & crate::gazetteer::word::QUALIFIER != 0
                    });
                // "Sony" is not "Sony PSP" nor "Liverpool" the "Liverpool
                // Echo": a name that adds words after an organisation's or a
                // place's name is something of it, unless what it adds is an
                // organisation's head word ("Nusra" → "Nusra Front").
                let of_it = g.kind != Kind::Person
                    && g.words.starts_with(w)
                    && !g.words[w.len()..]
                        .iter()
                        .any(|x| ctx.gaz.info(x) & crate::gazetteer::word::ORG_HEAD != 0);
                if g.kind == Kind::Person && !person_fits(g) {
                    continue;
                }
                if !qualified && !of_it && w.iter().all(|x| g.words.contains(x)) {
                    self.hosts.push((root(&self.groups, gi), g.kind == kind));
                }
            }
        }
        // A surname before a given name: where "Trump" may be Donald Trump's
        // surname or the first word of "Trump Tower", it is the surname.
        if w.len() == 1 {
            let surname = |h: &(usize, bool)| {
                let g = &self.groups[h.0];
                g.kind == Kind::Person && g.words.last() == Some(&w[0])
            };
            if self.hosts.iter().any(surname) {
                let groups = &self.groups;
                self.hosts.retain(|h| {
                    groups[h.0].kind != Kind::Person || groups[h.0].words.last() == Some(&w[0])
                });
            }
        }
        // A name seen only in a headline — the title line or an ALL-CAPS or
        // Title Case line — is no host for running text: headline capitals
        // carry little signal ("Yeltsin endorses Lebed Chechnya peace plan").
        let title_end = self.title_end;
        let headline = |c: usize| {
            let first = self.cands[c].first;
            first < title_end || ctx.toks[first].has(crate::token::flag::HEADLINE)
        };
        if !headline(c) {
            let groups = &self.groups;
            let before = self.hosts.len();
            self.hosts
                .retain(|h| !groups[h.0].members.iter().all(|&m| headline(m)));
            // A person's name in running text that a headline-only name
            // contains: the headline's extra capitals are likely not part of
            // the name ("How to Back Hillary Into a Corner").
            if kind == Kind::Person && self.hosts.len() < before && self.hosts.is_empty() {
                self.headline_only.push(c);
            }
        }
        if kind == Kind::Person
            && w.len() >= 2
            && let Some(list) = w.last().and_then(|l| self.by_last.get(l))
        {
            for &gi in list {
                let g = &self.groups[gi];
                if g.words.len() == w.len()
                    && g.kind == Kind::Person
                    && g.words
                        .iter()
                        .zip(w)
                        .all(|(a, b)| crate::names::close_names(a, b))
                {
                    self.hosts.push((root(&self.groups, gi), true));
                }
            }
        }
        if self.hosts.is_empty()
            && w.len() == 1
            && is_acronym(ctx, cand)
            && let Some(list) = self.by_acronym.get(w[0])
        {
            for &gi in list {
                let g = &self.groups[gi];
                if g.known.is_none() && g.kind != Kind::Person && g.team == self.team(c) {
                    self.hosts.push((root(&self.groups, gi), true));
                }
            }
        }
        self.hosts.sort_unstable();
        self.hosts.dedup();
    }

    /// Candidates `a` and `b` are declared one name by the text.
    fn declare(&mut self, a: usize, b: usize) {
        let (ga, gb) = (self.of_cand[a], self.of_cand[b]);
        if ga == usize::MAX || gb == usize::MAX {
            return;
        }
        let (ga, gb) = (root(&self.groups, ga), root(&self.groups, gb));
        let (x, y) = (&self.groups[ga], &self.groups[gb]);
        let acronym = |c: usize, other: &Group| {
            other.kind == Kind::Organization && is_acronym(self.ctx, &self.cands[c])
        };
        let kinds = (x.kind == y.kind || acronym(b, x) || acronym(a, y)) && x.team == y.team;
        if ga == gb
            || !kinds
            || !x.rivals.is_empty()
            || !y.rivals.is_empty()
            || (x.known.is_some() && y.known.is_some())
        {
            return;
        }
        // A known actor absorbs the other name; else the first-named does.
        let (into, from, from_cand) = if y.known.is_some() {
            (gb, ga, a)
        } else {
            (ga, gb, b)
        };
        let moved = std::mem::take(&mut self.groups[from].members);
        self.groups[into].members.extend(moved);
        self.groups[from].into = Some(into);
        self.declared.push((into, self.names.keys[from_cand]));
    }

    fn build(self, sexes: &Sexes) -> DocActors {
        let Resolver {
            ctx,
            cands,
            names,
            groups,
            of_cand,
            declared,
            titles,
            absorbed,
            ..
        } = self;
        let mut doc = DocActors::default();
        let mut entity_of = vec![usize::MAX; groups.len()];
        let mut bufs = (String::new(), String::new());
        for (gi, g) in groups.iter().enumerate() {
            if g.members.is_empty() || g.into.is_some() || !g.rivals.is_empty() {
                continue;
            }
            entity_of[gi] = entity(ctx, cands, names, g, &absorbed, &mut doc, &mut bufs);
        }
        // Where each entity was named in full, for sharing out rivalled short
        // names (a short name of it is no sign of which one a later short
        // name means), with the gender and title evidence of each mention.
        // Only an article with rivalled short names needs to know where
        // each entity was named and how (most have none).
        let rivalled = groups
            .iter()
            .any(|g| !g.rivals.is_empty() && g.into.is_none());
        let n_entities = if rivalled { doc.entity_count() } else { 0 };
        let mut named_at: Vec<Vec<usize>> = vec![Vec::new(); n_entities];
        let mut profile: Vec<(Gender, Vec<&str>)> =
            vec![(Gender::default(), Vec::new()); n_entities];
        let next_first: Vec<usize> = (0..cands.len())
            .map(|c| cands.get(c + 1).map_or(usize::MAX, |n| n.first))
            .collect();
        let mut said: Vec<(Gender, Option<&str>)> = Vec::with_capacity(cands.len());
        for (c, cand) in cands.iter().enumerate() {
            let g = (of_cand[c] != usize::MAX).then(|| root(&groups, of_cand[c]));
            let person =
                cand.kind == Kind::Person || g.is_some_and(|g| groups[g].kind == Kind::Person);
            let mut gender = Gender::default();
            let mut title = None;
            if person {
                title = titles[c].as_deref();
                if let Some(t) = title {
                    gender.add(sexes.of_title(t));
                }
                gender.add(sexes.pronoun_after(ctx, cand.last, next_first[c]));
            }
            if rivalled
                && let Some(g) = g
                && let Some(&e) = entity_of.get(g).filter(|e| **e != usize::MAX)
            {
                if names.words(c).len() >= 2 || groups[g].words.len() < 2 {
                    named_at[e].push(cand.start);
                }
                let p = &mut profile[e];
                p.0.add(gender);
                if let Some(t) = title
                    && !p.1.contains(&t)
                {
                    p.1.push(t);
                }
            }
            said.push((gender, title));
        }
        if rivalled {
            for (gi, g) in groups.iter().enumerate() {
                if let Some(&e) = entity_of.get(gi).filter(|e| **e != usize::MAX)
                    && g.kind == Kind::Person
                    && g.words.len() >= 2
                {
                    profile[e].0.add(sexes.given(g.words[0]));
                }
            }
        }
        let mut facts: rustc_hash::FxHashSet<(usize, u8, &str)> = Default::default();
        for (c, cand) in cands.iter().enumerate() {
            let g = of_cand[c];
            if g == usize::MAX {
                continue;
            }
            let g = root(&groups, g);
            let (e, uncertain) = if groups[g].rivals.is_empty() {
                (entity_of[g], false)
            } else {
                let evidence = (&said[c], &profile[..]);
                (
                    nearest(&groups, &entity_of, &named_at, g, cand.start, evidence),
                    true,
                )
            };
            if e == usize::MAX {
                continue;
            }
            doc.mentions.push(DocMention {
                start: cand.start,
                end: cand.end,
                entity: e,
                form: cand.form,
                uncertain,
            });
            if uncertain {
                continue;
            }
            // Short forms of organisations and places ("Nusra" for the Nusra
            // Front) teach the cast aliases; a person's surname needs no
            // teaching. A known actor's names as the text wrote them are its
            // names wherever the gazetteer misses them ("Al Nusra Front").
            let key = names.keys[c];
            // (Names of several words only: a one-word alias of the
            // gazetteer may be a word with other uses, "European".)
            if groups[g].known.is_some()
                && groups[g].team.is_none()
                && cand.form == crate::Form::Name
                && key.contains(' ')
            {
                facts.insert((e, 1, key));
            }
            if doc
                .entity(e)
                .is_some_and(|x| x.kind != Kind::Person && x.key.strip_prefix("n:") != Some(key))
                && groups[g].known.is_none()
            {
                facts.insert((e, 0, key));
            }
            let (gender, title) = &said[c];
            doc.add_gender(e, *gender);
            if let Some(title) = title {
                facts.insert((e, 2, title));
            }
        }
        // Each fact once, in a fixed order (a document repeats its names).
        let mut facts: Vec<(usize, u8, &str)> = facts.into_iter().collect();
        facts.sort_unstable();
        let mut buf = String::new();
        for (e, what, text) in facts {
            if what == 2 {
                doc.add_title(e, text);
            } else {
                buf.clear();
                buf.push_str("n:");
                buf.push_str(text);
                doc.add_alias(e, &buf, what == 1);
            }
        }
        for (g, key) in declared {
            let e = entity_of[root(&groups, g)];
            if e != usize::MAX {
                doc.add_alias(e, &format!("n:{key}"), true);
            }
        }
        for (gi, g) in groups.iter().enumerate() {
            let e = entity_of[gi];
            if e == usize::MAX {
                continue;
            }
            if !g.initials.is_empty() {
                doc.set_initials(e, g.initials);
            }
            if g.kind == Kind::Person && g.words.len() >= 2 {
                doc.add_gender(e, sexes.given(g.words[0]));
            }
            // "Nusra" alone may be the Nusra Front elsewhere: an
            // organisation's name without its head words, unless that is a
            // common word ("State" is not the Islamic State).
            if g.kind == Kind::Organization && g.words.len() >= 2 && g.team.is_none() {
                let heads = g
                    .words
                    .iter()
                    .rev()
                    .take_while(|w| ctx.gaz.info(w) & crate::gazetteer::word::ORG_HEAD != 0)
                    .count();
                let rest = &g.words[..g.words.len() - heads];
                if heads > 0 && rest.len() == 1 && !ctx.gaz.in_lexicon(rest[0]) {
                    doc.add_short_form(e, &format!("n:{}", rest[0]));
                }
            }
        }
        doc.mentions.sort_by_key(|m| (m.start, m.end));
        // Mentions never overlap (the stages above keep them apart; this guards it).
        let mut end = 0;
        doc.mentions.retain(|m| {
            let keep = m.start >= end;
            if keep {
                end = m.end;
            }
            keep
        });
        doc.seal();
        doc
    }
}

/// A mention's own evidence (gender words, title) and each entity's
/// (gender, titles).
type Said<'s> = (&'s (Gender, Option<&'s str>), &'s [(Gender, Vec<&'s str>)]);

/// The entity of the rival of group `g` named in full last before byte `at`,
/// or, before any of them, the one named most often. Rivals the mention's own
/// evidence contradicts are passed over ("Mrs. Clinton" is not Bill; "Yeltsin
/// …, he said" not Naina), a title seen with one of them picks it, and an
/// untitled mention prefers the rivals the article titled.
fn nearest(
    groups: &[Group<'_, '_>],
    entity_of: &[usize],
    named_at: &[Vec<usize>],
    g: usize,
    at: usize,
    (said, profile): Said<'_>,
) -> usize {
    let mut rivals: Vec<usize> = groups[g]
        .rivals
        .iter()
        .map(|&r| entity_of[root(groups, r)])
        .filter(|&e| e != usize::MAX)
        .collect();
    rivals.sort_unstable();
    rivals.dedup();
    let sign = said.0.sign();
    let fits: Vec<usize> = rivals
        .iter()
        .copied()
        .filter(|&e| sign == 0 || profile[e].0.sign() != -sign)
        .collect();
    if !fits.is_empty() {
        rivals = fits;
    }
    if let Some(t) = said.1 {
        let titled: Vec<usize> = rivals
            .iter()
            .copied()
            .filter(|&e| profile[e].1.iter().any(|x| evidence::titles_match(x, t)))
            .collect();
        if !titled.is_empty() {
            rivals = titled;
        }
    } else {
        // Of people who share a surname, the one the article gave a title
        // is the one its bare surname means, unless the mention says otherwise
        // (news names the prominent person with their office).
        let office: Vec<usize> = rivals
            .iter()
            .copied()
            .filter(|&e| !profile[e].1.is_empty())
            .collect();
        if !office.is_empty() {
            rivals = office;
        }
    }
    let before = |e: usize| {
        let at_list = &named_at[e];
        let i = at_list.partition_point(|&s| s < at);
        i.checked_sub(1).map(|i| at_list[i])
    };
    rivals
        .iter()
        .copied()
        .filter_map(|e| before(e).map(|s| (s, e)))
        .max()
        .map(|(_, e)| e)
        .or_else(|| {
            rivals
                .iter()
                .copied()
                .max_by_key(|&e| (named_at[e].len(), std::cmp::Reverse(e)))
        })
        .unwrap_or(usize::MAX)
}

fn is_acronym(ctx: &DocCtx<'_>, c: &Candidate) -> bool {
    let w = ctx.toks[c.first].text(ctx.text);
    c.first == c.last && (2..=6).contains(&w.len()) && w.chars().all(|ch| ch.is_ascii_uppercase())
}

/// Adds the entity of a group to `doc`: the gazetteer's name, or the fullest
/// form seen (most name words, then most frequent, then first), and the kind
/// most members have. Returns its index. `bufs` are scratch for its name and
/// key (two strings a document, not two an entity).
fn entity(
    ctx: &DocCtx<'_>,
    cands: &[Candidate],
    names: &Names<'_>,
    g: &Group<'_, '_>,
    absorbed: &[bool],
    doc: &mut DocActors,
    bufs: &mut (String, String),
) -> usize {
    if let Some(id) = g.known {
        let a = &ctx.gaz.actors[id as usize];
        return match g.team {
            Some(sport) => doc.add_entity(
                &format!("{} ({sport})", a.name),
                Kind::Organization,
                &format!("team:{sport}:{}", a.key),
            ),
            None => doc.add_entity(&a.name, a.kind, &a.key),
        };
    }
    let mut votes = [0usize; 4];
    // Rank: (not absorbed from a headline, name words, initials, times this
    // surface occurs, fewer tokens, earlier).
    let mut best: Option<(bool, usize, bool, usize, usize, usize)> = None;
    let surface = |m: usize| &ctx.text[cands[m].start..cands[m].end];
    // Most groups are a mention or two: counting by comparison needs no map.
    let small = g.members.len() <= 8;
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for &m in &g.members {
        if !small {
            *counts.entry(surface(m)).or_default() += 1;
        }
        votes[cands[m].kind as usize] += 1;
    }
    let count = |m: usize| {
        if small {
            let s = surface(m);
            g.members.iter().filter(|&&o| surface(o) == s).count()
        } else {
            counts[surface(m)]
        }
    };
    for &m in &g.members {
        let tokens = cands[m].last - cands[m].first;
        let rank = (
            !absorbed.get(m).copied().unwrap_or(false),
            names.words(m).len(),
            !names.initials[m].is_empty(),
            count(m),
            usize::MAX - tokens,
            usize::MAX - m,
        );
        if best.is_none_or(|b| rank > b) {
            best = Some(rank);
        }
    }
    let member = best.map_or(g.members[0], |b| usize::MAX - b.5);
    let c = &cands[member];
    let (name, key) = bufs;
    name.clear();
    display_name_into(&ctx.text[c.start..c.end], name);
    // A full personal name settles the kind: "Kennedy" mistaken for a place three
    // times is still Charles Kennedy.
    let kind = if g.kind == Kind::Person && g.words.len() >= 2 {
        Kind::Person
    } else {
        [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc]
            .into_iter()
            .max_by_key(|k| (votes[*k as usize], *k == g.kind))
            .unwrap_or(g.kind)
    };
    key.clear();
    key.push_str("n:");
    key.push_str(names.keys[member]);
    match g.team {
        Some(sport) => doc.add_entity(
            &format!("{name} ({sport})"),
            Kind::Organization,
            &format!("team:{sport}:{key}"),
        ),
        None => doc.add_entity(name, kind, key),
    }
}

/// A surface form as a name to show: whitespace collapsed, and a particle's
/// hyphen joined to the name it was cut from ("Bashar al- Assad" → "Bashar al-Assad").
pub fn display_name(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    display_name_into(surface, &mut out);
    out
}

/// [`display_name`] appended to `out` (which the caller has cleared).
fn display_name_into(surface: &str, out: &mut String) {
    let start = out.len();
    for w in surface.split_whitespace() {
        if out.len() > start && !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_join_cut_particles() {
        assert_eq!(display_name("Bashar al-  Assad"), "Bashar al-Assad");
        assert_eq!(display_name("John  Kerry"), "John Kerry");
    }
}
