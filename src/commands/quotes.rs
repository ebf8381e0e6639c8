//! `castlist quotes [NAME] [PATH...]`: every attribution of an actor (or of
//! all actors), grep-style — article, date, who, the cue and the quote — or
//! as JSON; and the `"type":"quote"` rows that `castlist tag --quotes` prints.

use std::io::{self, Write};

use serde::Serialize;

use crate::cast::{ActorId, Cast, DocActors, Engine, Quote, QuoteKind};
use crate::corpus::{Corpus, Part};
use crate::sanitize::display;

/// Bytes `start..end` of a text, and the text there.
#[derive(Debug, Serialize)]
pub struct SpanRow<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> SpanRow<'a> {
    fn new(text: &'a str, r: &std::ops::Range<usize>) -> SpanRow<'a> {
        SpanRow {
            start: r.start,
            end: r.end,
            text: text.get(r.clone()).unwrap_or(""),
        }
    }
}

/// One attribution as `tag --quotes` prints it (byte offsets into the input).
#[derive(Debug, Serialize)]
pub struct QuoteRow<'a> {
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub cue: Option<SpanRow<'a>>,
    pub source: Option<SpanRow<'a>>,
    pub content: Vec<SpanRow<'a>>,
    pub actor: Option<&'a str>,
    pub kind: QuoteKind,
}

impl<'a> QuoteRow<'a> {
    /// The row of `q`, found in `text` whose actors are `actors`.
    pub fn new(text: &'a str, actors: &'a DocActors, q: &Quote) -> QuoteRow<'a> {
        QuoteRow {
            ty: "quote",
            cue: q.cue.as_ref().map(|r| SpanRow::new(text, r)),
            source: q.source.as_ref().map(|r| SpanRow::new(text, r)),
            content: q.content.iter().map(|r| SpanRow::new(text, r)).collect(),
            actor: q.actor(text, actors),
            kind: q.kind,
        }
    }
}

/// Writes one JSON line per attribution of `text`.
pub fn write_rows(
    text: &str,
    actors: &DocActors,
    quotes: &[Quote],
    out: &mut dyn Write,
) -> io::Result<()> {
    for q in quotes {
        // `io::Error::from` keeps the kind of an I/O error (a closed pipe).
        serde_json::to_writer(&mut *out, &QuoteRow::new(text, actors, q))
            .map_err(io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One attribution in the corpus, for `castlist quotes`.
#[derive(Debug, Serialize)]
struct Found<'a> {
    article: usize,
    title: &'a str,
    date: Option<String>,
    /// 1-based line (paragraph) of the body where the content starts; 0 for the title.
    line: usize,
    actor: Option<&'a str>,
    source: Option<String>,
    cue: Option<String>,
    /// The content's parts joined by " … ".
    quote: String,
    kind: QuoteKind,
    /// Document bytes (title, line break, body) of the content, first to last.
    start: usize,
    end: usize,
}

/// The cast actor of a quote's entity: the actor of any mention of that
/// entity in the article (the cast stores mentions by document bytes).
pub fn actor_of(cast: &Cast, article: usize, actors: &DocActors, q: &Quote) -> Option<ActorId> {
    let e = q.entity?;
    let m = actors.mentions.iter().find(|m| m.entity == e)?;
    cast.mentions_in(article)
        .iter()
        .find(|c| c.start as usize == m.start && c.end as usize == m.end)
        .map(|c| cast.resolve(c.actor))
}

/// Writes the attributions of the actor `name` names (every attribution when
/// `name` is `None`). An unknown name is an `io::ErrorKind::NotFound` error.
pub fn run(
    corpus: &Corpus,
    cast: &Cast,
    engine: &Engine,
    name: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let want = match name {
        Some(n) => Some(cast.find(n).ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, format!("no actor named \"{n}\""))
        })?),
        None => None,
    };
    let mut rows = Vec::new();
    for whole in &corpus.articles {
        // A command keeps bodies on disk as the reader does: read in here.
        let mut a = whole.clone();
        a.load_body()?;
        let doc = a.document();
        let (actors, quotes) = engine.analyze_with_quotes(doc);
        for q in &quotes {
            let actor = actor_of(cast, a.id(), &actors, q);
            if want.is_some() && actor != want {
                continue;
            }
            let span = q.extent();
            let line = match a.part(span.start..span.start) {
                Some(Part::Body { range, .. }) => a.body()[..range.start].matches('\n').count() + 1,
                _ => 0,
            };
            let piece = |r: &std::ops::Range<usize>| doc.get(r.clone()).unwrap_or("").to_string();
            rows.push(Found {
                article: a.id(),
                title: whole.title(),
                date: a.date().map(|d| d.format("%Y-%m-%d").to_string()),
                line,
                actor: actor.and_then(|id| cast.actor(id)).map(|x| x.name.as_str()),
                source: q.source.as_ref().map(piece),
                cue: q.cue.as_ref().map(piece),
                quote: q.content.iter().map(piece).collect::<Vec<_>>().join(" … "),
                kind: q.kind,
                start: span.start,
                end: span.end,
            });
        }
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::from)?;
        return writeln!(out);
    }
    for r in &rows {
        let date = r.date.as_deref().unwrap_or("-");
        let who = r.actor.or(r.source.as_deref()).unwrap_or("?");
        let cue = r.cue.as_deref().unwrap_or("");
        let quote = r.quote.replace('\n', " ");
        // Titles, names and quotes come from the text (and the user's actors
        // file): sanitised for the terminal, as every command's plain output.
        writeln!(
            out,
            "{}:{}: {}: {} [{}] {}",
            display(r.title),
            r.line,
            display(date),
            display(who),
            display(cue),
            display(&quote)
        )?;
    }
    Ok(())
}
