//! `castlist mentions NAME`: every mention of the actor NAME names (its canonical
//! name or an alias), grep-style — article title, line (0 for the title), and
//! the line with the mention marked — or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::cast::{Cast, Form};
use crate::corpus::{Article, Corpus, Part};
use crate::sanitize::display;

#[derive(Serialize)]
struct Row<'a> {
    article: usize,
    title: &'a str,
    /// Where the mention is: "title" or "body".
    part: &'static str,
    /// 1-based line (paragraph) of the article body; 0 for the title.
    line: usize,
    /// Byte offset of the mention in `context`.
    column: usize,
    /// Byte offsets of the mention in its part (the title or the body).
    start: usize,
    end: usize,
    text: String,
    form: Form,
    /// The actor was chosen on weak evidence (see the README's "The cast").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    uncertain: bool,
    /// The whole line the mention is on.
    context: String,
}

/// Writes every mention of the actor `name` names. An unknown name is an
/// `io::ErrorKind::NotFound` error whose message says so.
pub fn run(
    corpus: &Corpus,
    cast: &Cast,
    name: &str,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let id = cast.find(name).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("no actor named \"{}\"", display(name)),
        )
    })?;
    let mut rows = Vec::new();
    // The article being looked at, its body read in (a command keeps bodies
    // on disk as the reader does); an actor's mentions come article by article.
    let mut loaded: Option<Article> = None;
    for (article, m) in cast.mentions_of(id) {
        // Article ids are their indices in the corpus.
        let Some(whole) = corpus.articles.get(article) else {
            continue;
        };
        if loaded.as_ref().is_none_or(|l| l.id() != whole.id()) {
            let mut a = whole.clone();
            a.load_body()?;
            loaded = Some(a);
        }
        let Some(a) = loaded.as_ref() else {
            continue;
        };
        // Mentions are document bytes: the title, a line break, the body.
        let (part, text, range) = match a.part(m.range()) {
            Some(Part::Title { range, .. }) => ("title", a.title(), range),
            Some(Part::Body { range, .. }) => ("body", a.body(), range),
            None => continue,
        };
        let (start, end) = (range.start, range.end);
        let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
        let line = if part == "title" {
            0
        } else {
            text[..start]
                .split('\n')
                .filter(|l| !l.is_empty())
                .count()
                .max(1)
        };
        rows.push(Row {
            article,
            title: whole.title(),
            part,
            line,
            column: start - line_start,
            start,
            end,
            text: text[start..end].to_string(),
            form: m.form,
            uncertain: m.uncertain,
            context: text[line_start..line_end].to_string(),
        });
    }
    if json {
        // `io::Error::from` keeps the kind of an I/O error (a closed pipe).
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::from)?;
        return writeln!(out);
    }
    for r in &rows {
        let (before, after) = (
            &r.context[..r.column],
            &r.context[r.column + r.text.len()..],
        );
        writeln!(
            out,
            "{}:{}: {}[{}]{}",
            display(r.title),
            r.line,
            display(before),
            display(&r.text),
            display(after)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Engine;
    use crate::corpus;

    #[test]
    fn marks_every_mention_of_an_alias() {
        let corpus = corpus::bundled();
        let cast = Cast::build(&Engine::builtin(), &corpus.articles);
        let mut out = Vec::new();
        run(&corpus, &cast, "Kerry", false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let id = cast.find("John Kerry").unwrap();
        assert_eq!(text.lines().count(), cast.actor(id).unwrap().mentions);
        assert!(text.lines().all(|l| l.contains("[Kerry]")
            || l.contains("[John Kerry]")
            || l.contains("[John F. Kerry]")));
        let mut json = Vec::new();
        run(&corpus, &cast, "john kerry", true, &mut json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            v.as_array().unwrap().len(),
            cast.actor(id).unwrap().mentions
        );
        let err = run(&corpus, &cast, "Nobody At All", false, &mut Vec::new()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_mention_in_a_title_is_on_line_zero() {
        let corpus = corpus::bundled();
        let cast = Cast::build(&Engine::builtin(), &corpus.articles);
        let mut json = Vec::new();
        run(&corpus, &cast, "Kerry", true, &mut json).unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
        let in_titles: Vec<&serde_json::Value> =
            rows.iter().filter(|r| r["part"] == "title").collect();
        // "Kerry: US looks at ..." and "Kerry Says Russia ..." name him first.
        assert_eq!(in_titles.len(), 2, "{in_titles:?}");
        for r in in_titles {
            assert_eq!(
                (r["line"].as_u64(), r["start"].as_u64()),
                (Some(0), Some(0))
            );
            assert_eq!(r["text"], "Kerry");
            assert_eq!(r["context"], r["title"]);
        }
    }
}
