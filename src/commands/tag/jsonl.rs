//! `castlist tag --jsonl`: documents as JSON lines, `{"id": any, "text":
//! "...", "title": "..."}` (`id` and `title` optional, other keys ignored),
//! tagged as one corpus: one actor namespace across all the lines. After the
//! last line, one JSON line per mention:
//!
//! ```json
//! {"type":"mention","doc":"a1","start":19,"end":29,"text":"John Kerry","kind":"person","actor":"John Kerry","form":"name"}
//! ```
//!
//! `doc` is the line's `id`, or its 1-based line number when it has none;
//! `start` and `end` are byte offsets into the line's `text` (decoded from
//! JSON, as UTF-8), or into its `title` for a mention there, which carries
//! `"field": "title"`. The title is read with the text, as the reader reads a
//! headline with its article. With `--quotes`, the attributions follow the
//! mentions, each naming its `doc`, with offsets made the same way.
//!
//! Lines are read one at a time and dropped once analysed: what grows is the
//! mentions found, not the bytes read. A line that is not such an object is
//! skipped with a warning naming its line.

use std::io::{self, BufRead, Write};

use serde_json::{Map, Value};

use super::tagger::Doc;
pub use super::tagger::Tagger;
use crate::cast::Engine;
use crate::corpus::load::MAX_RECORD;
use crate::sanitize::display;

/// Tags the JSON lines on `input`; warnings about bad lines go to `warnings`
/// as they are met, the mentions to `out` once the input has ended. A line
/// longer than the loaders' limit for one record is skipped unread; binary
/// input (a NUL byte, which JSON text never holds) is an `InvalidData`
/// error, so that `tag --jsonl < /dev/zero` stops.
pub fn run(
    engine: &Engine,
    quotes: bool,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> io::Result<()> {
    read(engine, quotes, input, warnings)?.finish(out)
}

/// Reads and analyses the JSON lines on `input` (warnings about bad lines
/// to `warnings`), and returns the tagger holding their cast, not yet
/// settled: [`Tagger::finish`] writes the rows, [`Tagger::end`] hands over
/// the cast and rows (for a summary file).
pub fn read<'e>(
    engine: &'e Engine,
    quotes: bool,
    input: &mut dyn BufRead,
    warnings: &mut dyn Write,
) -> io::Result<Tagger<'e>> {
    let mut tagger = Tagger::new(engine, quotes);
    let mut buf = Vec::new();
    let mut line = 0usize;
    let mut input = input;
    loop {
        line += 1;
        match read_line(&mut input, &mut buf, MAX_RECORD)? {
            Line::End => break,
            Line::TooLong => {
                let message = format!("longer than {} MB; skipped", MAX_RECORD >> 20);
                warn(warnings, line, &message)?;
                continue;
            }
            Line::Binary => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("standard input:{line}: binary data (a NUL byte), not JSON lines"),
                ));
            }
            Line::Read => {}
        }
        let bytes = buf.trim_ascii();
        if bytes.is_empty() {
            continue;
        }
        match document(bytes, line) {
            Ok(doc) => tagger.push(doc),
            Err(message) => warn(warnings, line, &message)?,
        }
    }
    Ok(tagger)
}

/// How reading one line ended.
enum Line {
    Read,
    /// Longer than the cap: consumed, not kept.
    TooLong,
    /// A NUL byte: the rest is not read.
    Binary,
    End,
}

/// Reads one line into `buf`, without its line break (`\r\n` or `\n`).
fn read_line(input: &mut dyn BufRead, buf: &mut Vec<u8>, cap: usize) -> io::Result<Line> {
    buf.clear();
    let (mut any, mut too_long) = (false, false);
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if memchr::memchr(0, &chunk[..take]).is_some() {
            return Ok(Line::Binary);
        }
        if !too_long && buf.len() + take > cap {
            too_long = true;
            buf.clear();
        }
        if !too_long {
            buf.extend_from_slice(&chunk[..take]);
        }
        input.consume(if done { take + 1 } else { take });
        if done {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(match (any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

/// One warning line. The message may quote the input: it is sanitised.
fn warn(warnings: &mut dyn Write, line: usize, message: &str) -> io::Result<()> {
    writeln!(
        warnings,
        "castlist: warning: standard input:{line}: {}",
        display(message)
    )
}

/// The document on one line, or why there is none.
fn document(bytes: &[u8], line: usize) -> Result<Doc, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        format!("not valid JSON ({message}); skipped")
    })?;
    let Value::Object(mut object) = value else {
        return Err("not a JSON object; skipped".into());
    };
    let text = take_string(&mut object, "text")?.ok_or("no \"text\"; skipped")?;
    let title = take_string(&mut object, "title")?;
    let id = object
        .remove("id")
        .unwrap_or_else(|| Value::from(line as u64));
    let (text, text_start) = match title {
        Some(mut title) => {
            let start = title.len() + 1;
            title.reserve_exact(1 + text.len());
            title.push('\n');
            title.push_str(&text);
            (title, start)
        }
        None => (text, 0),
    };
    Ok(Doc {
        text,
        text_start,
        base: 0,
        id: Some(id),
    })
}

/// The string under `key`: `None` if absent (or null), an error if it is
/// not a string.
fn take_string(object: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("\"{key}\" is not a string; skipped")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(input: &str) -> (Vec<Value>, String) {
        let (mut out, mut warnings) = (Vec::new(), Vec::new());
        run(
            &Engine::builtin(),
            false,
            &mut input.as_bytes(),
            &mut out,
            &mut warnings,
        )
        .unwrap();
        let rows = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (rows, String::from_utf8(warnings).unwrap())
    }

    #[test]
    fn actors_are_resolved_across_lines_with_offsets_into_each_text() {
        let input = concat!(
            r#"{"id": "a", "text": "Secretary of State John Kerry met Sergey Lavrov."}"#,
            "\n",
            r#"{"text": "Kerry said the talks would go on.", "title": "Talks in Geneva"}"#,
            "\n",
            r#"{"id": 7, "text": "Lavrov disagreed."}"#,
            "\n"
        );
        let (rows, warnings) = tag(input);
        assert!(warnings.is_empty(), "{warnings}");
        let kerry: Vec<&Value> = rows.iter().filter(|r| r["text"] == "Kerry").collect();
        assert_eq!(kerry.len(), 1, "{rows:?}");
        // The second line has no id: its line number stands in.
        assert_eq!(kerry[0]["doc"], 2);
        assert_eq!(
            (kerry[0]["start"].as_u64(), kerry[0]["end"].as_u64()),
            (Some(0), Some(5))
        );
        assert_eq!(kerry[0]["actor"], "John Kerry");
        assert!(kerry[0].get("field").is_none());
        let lavrov = rows.iter().find(|r| r["doc"] == 7).unwrap();
        assert_eq!(lavrov["actor"], "Sergey Lavrov");
        let geneva = rows.iter().find(|r| r["text"] == "Geneva").unwrap();
        assert_eq!(geneva["field"], "title");
        assert_eq!(geneva["start"], 9);
        let first = rows
            .iter()
            .find(|r| r["doc"] == "a" && r["text"] == "John Kerry")
            .unwrap();
        assert_eq!(
            (first["start"].as_u64(), first["end"].as_u64()),
            (Some(19), Some(29))
        );
    }

    #[test]
    fn a_bad_line_is_a_warning_with_its_number_and_the_rest_goes_on() {
        let input = "{\"text\": \"John Kerry spoke.\"}\n\nnot json\n{\"text\": 5}\n[1]\n{\"text\": \"Kerry left.\"}\n";
        let (rows, warnings) = tag(input);
        let lines: Vec<&str> = warnings.lines().collect();
        assert_eq!(lines.len(), 3, "{warnings}");
        assert!(
            lines[0].contains("standard input:3: not valid JSON"),
            "{warnings}"
        );
        assert!(
            lines[1].contains(":4: \"text\" is not a string"),
            "{warnings}"
        );
        assert!(lines[2].contains(":5: not a JSON object"), "{warnings}");
        let docs: Vec<&Value> = rows.iter().map(|r| &r["doc"]).collect();
        assert_eq!(docs, [&Value::from(1), &Value::from(6)]);
        assert!(rows.iter().all(|r| r["actor"] == "John Kerry"));
    }

    #[test]
    fn output_does_not_depend_on_the_number_of_threads() {
        let mut input = String::new();
        for i in 0..600 {
            let text = match i % 3 {
                0 => "Secretary of State John Kerry met Sergey Lavrov in Geneva.",
                1 => "Kerry and Lavrov spoke to reporters in Moscow.",
                _ => "Bashar al-Assad said Syria would not attend; Assad was absent.",
            };
            input.push_str(&format!("{{\"id\": {i}, \"text\": \"{text} ({i})\"}}\n"));
        }
        let run_on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| tag(&input).0)
        };
        let one = run_on(1);
        assert!(one.len() > 1000);
        assert_eq!(one, run_on(3));
    }

    #[test]
    fn quotes_name_their_document_with_offsets_into_its_text() {
        let text = "“We will not give up,” John Kerry said on Tuesday.";
        let input = format!("{{\"id\": \"q\", \"title\": \"Talks\", \"text\": \"{text}\"}}\n");
        let (mut out, mut warnings) = (Vec::new(), Vec::new());
        run(
            &Engine::builtin(),
            true,
            &mut input.as_bytes(),
            &mut out,
            &mut warnings,
        )
        .unwrap();
        let rows: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let quote = rows
            .iter()
            .find(|r| r["type"] == "quote")
            .expect("a quote row");
        assert_eq!(quote["doc"], "q");
        let c = &quote["content"][0];
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], "“We will not give up,”");
        assert!(quote.get("field").is_none());
    }
}
