//! JSON Lines (one object a line) and JSON (an array of objects, one object, or
//! objects one after another), read one record at a time so that a 1 GB file
//! needs no more memory than its largest record. A malformed record is skipped
//! with a warning naming its line; the rest loads.

use std::io::{self, BufRead};
use std::ops::ControlFlow;

use serde_json::{Map, Value};

use super::super::decode;
use super::super::emit::{Emitter, MAX_RECORD};
use super::super::fields::{LoadOptions, Mapping};
use super::{read_line_capped, record};

/// Reads JSON Lines: every non-blank line one object.
pub fn read_lines(
    mut reader: impl BufRead,
    options: &LoadOptions,
    out: &mut Emitter<'_>,
) -> ControlFlow<()> {
    let mapping = options.mapping();
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        line += 1;
        match read_line_capped(&mut reader, &mut buf, MAX_RECORD) {
            Err(e) => return out.warn(Some(line), format!("cannot be read: {e}")),
            Ok(None) => return ControlFlow::Continue(()),
            Ok(Some(false)) => {
                out.warn(
                    Some(line),
                    format!("line longer than {} MB; skipped", MAX_RECORD >> 20),
                )?;
                continue;
            }
            Ok(Some(true)) => {}
        }
        let bytes = buf
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&buf)
            .trim_ascii();
        if bytes.is_empty() {
            continue;
        }
        parse_record(bytes, line, &mapping, out)?;
    }
}

/// Reads a JSON file: an array of objects, one object (or one that wraps an
/// array of them, as in `{"articles": [...]}`), or objects back to back.
pub fn read_array(
    reader: impl BufRead,
    options: &LoadOptions,
    out: &mut Emitter<'_>,
) -> ControlFlow<()> {
    let mapping = options.mapping();
    let mut values = Values { reader, line: 1 };
    let io_error =
        |e: io::Error, out: &mut Emitter<'_>| out.warn(None, format!("cannot be read: {e}"));
    let first = match values.peek(b"\xEF\xBB\xBF") {
        Ok(first) => first,
        Err(e) => return io_error(e, out),
    };
    let in_array = first == Some(b'[');
    if in_array {
        values.reader.consume(1);
    }
    let skip: &[u8] = if in_array { b"," } else { b"" };
    let mut buf = Vec::new();
    loop {
        let next = match values.peek(skip) {
            Ok(next) => next,
            Err(e) => return io_error(e, out),
        };
        let line = values.line;
        match next {
            None if in_array => return out.warn(Some(line), "array not closed at end of file"),
            None => return ControlFlow::Continue(()),
            Some(b']') if in_array => return ControlFlow::Continue(()),
            Some(_) => {}
        }
        match values.read_value(&mut buf) {
            Err(e) => return io_error(e, out),
            Ok(Scan::Unfinished) => {
                return out.warn(Some(line), "record not finished at end of file; skipped");
            }
            Ok(Scan::Oversized) => {
                out.warn(
                    Some(line),
                    format!("record larger than {} MB; skipped", MAX_RECORD >> 20),
                )?;
            }
            Ok(Scan::Empty) => {
                // A stray closing bracket: step over it so the scan moves on.
                values.reader.consume(1);
                out.warn(Some(line), "unexpected character; skipped")?;
            }
            Ok(Scan::Complete) => parse_record(&buf, line, &mapping, out)?,
        }
    }
}

/// Parses one record's bytes and sends the article or a warning.
fn parse_record(
    bytes: &[u8],
    line: usize,
    mapping: &Mapping,
    out: &mut Emitter<'_>,
) -> ControlFlow<()> {
    let text = decode::utf8_lossy(bytes);
    if text.repaired > 0 {
        let message = format!(
            "not valid UTF-8: {} byte(s) read as Windows-1252",
            text.repaired
        );
        out.warn(Some(line), message)?;
    }
    let value: Value = match serde_json::from_str(&text.text) {
        Ok(value) => value,
        Err(e) => {
            // serde counts lines from the record's start; report the file's line.
            let at = line + e.line().saturating_sub(1);
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            return out.warn(Some(at), format!("not valid JSON ({message}); skipped"));
        }
    };
    let origin = out.origin_at_line(line);
    let Value::Object(map) = value else {
        return out.warn(Some(line), "not a JSON object; skipped");
    };
    if let Some(items) = wrapped_records(&map, mapping) {
        for (i, item) in items.iter().enumerate() {
            let origin = origin.clone().with_record(Some(i + 1));
            match item {
                Value::Object(item) => record::send(object_fields(item, mapping), origin, out)?,
                _ => out.warn(
                    Some(line),
                    format!("item {} is not an object; skipped", i + 1),
                )?,
            }
        }
        return ControlFlow::Continue(());
    }
    record::send(object_fields(&map, mapping), origin, out)
}

/// For an object that is no article itself but wraps a list of them
/// (`{"status": "ok", "articles": [...]}`), the list.
fn wrapped_records<'a>(map: &'a Map<String, Value>, mapping: &Mapping) -> Option<&'a Vec<Value>> {
    let is_article = map.keys().any(|k| {
        mapping.rank(super::super::Field::Title, k).is_some()
            || mapping.rank(super::super::Field::Body, k).is_some()
    });
    if is_article {
        return None;
    }
    map.values().find_map(|v| match v {
        Value::Array(items) if items.first().is_some_and(Value::is_object) => Some(items),
        _ => None,
    })
}

/// The keys and values of an object as text, for [`record::Fields`].
fn object_fields<'a>(map: &'a Map<String, Value>, mapping: &'a Mapping) -> record::Fields<'a> {
    let mut fields = record::Fields::new(mapping);
    for (key, value) in map {
        fields.offer(key, || texts(value));
    }
    fields
}

/// The text values of a JSON value: a string or number itself, the items of an
/// array, the `name` of an object (`"source": {"id": "cnn", "name": "CNN"}`).
fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        Value::Object(map) => ["name", "title", "text", "value"]
            .iter()
            .find_map(|k| map.get(*k).filter(|v| v.is_string()))
            .map(texts)
            .unwrap_or_default(),
        Value::Null | Value::Bool(_) => Vec::new(),
    }
}

/// How reading one value ended.
enum Scan {
    Complete,
    Oversized,
    /// Nothing before a delimiter.
    Empty,
    Unfinished,
}

/// A scanner over top-level JSON values that counts lines.
struct Values<R> {
    reader: R,
    line: usize,
}

impl<R: BufRead> Values<R> {
    /// Skips whitespace and the bytes of `skip`; the next byte, not consumed.
    fn peek(&mut self, skip: &[u8]) -> io::Result<Option<u8>> {
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let n = chunk
                .iter()
                .take_while(|b| b.is_ascii_whitespace() || skip.contains(b))
                .count();
            self.line += memchr::memchr_iter(b'\n', &chunk[..n]).count();
            let next = chunk.get(n).copied();
            self.reader.consume(n);
            if next.is_some() {
                return Ok(next);
            }
        }
    }

    /// Reads one value into `buf`: an object or array up to its closing bracket,
    /// a string up to its closing quote, anything else up to a delimiter.
    fn read_value(&mut self, buf: &mut Vec<u8>) -> io::Result<Scan> {
        buf.clear();
        let (mut depth, mut in_string, mut escaped, mut oversized) = (0usize, false, false, false);
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(if buf.is_empty() && !oversized {
                    Scan::Empty
                } else {
                    Scan::Unfinished
                });
            }
            let mut used = chunk.len();
            let mut done = false;
            for (i, &b) in chunk.iter().enumerate() {
                let started = i > 0 || !buf.is_empty() || oversized;
                if in_string {
                    match b {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b'"' => {
                            in_string = false;
                            if depth == 0 {
                                (used, done) = (i + 1, true);
                                break;
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth == 0 => {
                        (used, done) = (i, true);
                        break;
                    }
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            (used, done) = (i + 1, true);
                            break;
                        }
                    }
                    b',' if depth == 0 => {
                        (used, done) = (i, true);
                        break;
                    }
                    _ if depth == 0 && started && b.is_ascii_whitespace() => {
                        (used, done) = (i, true);
                        break;
                    }
                    _ => {}
                }
            }
            if buf.len() + used > MAX_RECORD {
                oversized = true;
                buf.clear();
            } else if !oversized {
                buf.extend_from_slice(&chunk[..used]);
            }
            self.line += memchr::memchr_iter(b'\n', &chunk[..used]).count();
            self.reader.consume(used);
            if done {
                return Ok(match (oversized, buf.is_empty()) {
                    (true, _) => Scan::Oversized,
                    (false, true) => Scan::Empty,
                    (false, false) => Scan::Complete,
                });
            }
        }
    }
}
