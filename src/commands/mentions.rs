//! `castlist mentions NAME`: every mention of the actor NAME names (its canonical
//! name or an alias), grep-style — article title, line, and the line with the
//! mention marked — or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::cast::{Cast, Form};
use crate::corpus::Corpus;

#[derive(Serialize)]
struct Row<'a> {
    article: usize,
    title: &'a str,
    /// 1-based line (paragraph) of the article body.
    line: usize,
    /// Byte offset of the mention in `context`.
    column: usize,
    start: usize,
    end: usize,
    text: &'a str,
    form: Form,
    /// The whole line the mention is on.
    context: &'a str,
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
            format!("no actor named \"{name}\""),
        )
    })?;
    let mut rows = Vec::new();
    for (article, m) in cast.mentions_of(id) {
        // Article ids are their indices in the corpus.
        let Some(a) = corpus.articles.get(article) else {
            continue;
        };
        let body = a.body.as_str();
        let (start, end) = (m.start as usize, m.end as usize);
        if body.get(start..end).is_none() {
            continue;
        }
        let line_start = body[..start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = body[end..].find('\n').map_or(body.len(), |p| end + p);
        let line = body[..start]
            .split('\n')
            .filter(|l| !l.is_empty())
            .count()
            .max(1);
        rows.push(Row {
            article,
            title: &a.title,
            line,
            column: start - line_start,
            start,
            end,
            text: &body[start..end],
            form: m.form,
            context: &body[line_start..line_end],
        });
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::other)?;
        return writeln!(out);
    }
    for r in &rows {
        let (before, after) = (
            &r.context[..r.column],
            &r.context[r.column + r.text.len()..],
        );
        writeln!(out, "{}:{}: {before}[{}]{after}", r.title, r.line, r.text)?;
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
        let cast = Cast::build(&Engine::builtin(), &corpus);
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
}
