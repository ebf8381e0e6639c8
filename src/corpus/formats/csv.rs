//! CSV and TSV: a header row mapped to article fields like JSON keys, quoted
//! multi-line fields, a byte-order mark, and `;` or tab delimiters sniffed from the
//! header. Rows are streamed; a malformed row is skipped with a warning naming its
//! line.

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;

use csv::{ByteRecord, ReaderBuilder};

use super::super::decode;
use super::super::emit::{Emitter, MAX_RECORD};
use super::super::fields::{Field, LoadOptions};
use super::record::{self, Fields};

/// Reads a CSV (or, with `tsv`, tab-separated) file.
pub fn read(
    reader: impl BufRead,
    tsv: bool,
    options: &LoadOptions,
    out: &mut Emitter<'_>,
) -> ControlFlow<()> {
    read_capped(reader, tsv, options, out, MAX_RECORD)
}

/// Reads with a cap on one record's size. The csv crate grows its record buffer
/// without limit, so an unclosed quote in a 1 GB file would hold the whole rest
/// of the file; the reader under it refuses to read more than `cap` bytes past
/// the start of the current record, which ends the file with a warning.
fn read_capped(
    reader: impl BufRead,
    tsv: bool,
    options: &LoadOptions,
    out: &mut Emitter<'_>,
    cap: usize,
) -> ControlFlow<()> {
    let limit = Cell::new(cap as u64);
    let mut reader = Capped {
        inner: reader,
        read: 0,
        limit: &limit,
    };
    let head = match reader.inner.fill_buf() {
        Ok(head) => head,
        Err(e) => return out.warn(None, format!("cannot be read: {e}")),
    };
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let delimiter = if tsv {
        b'\t'
    } else {
        sniff_delimiter(&head[bom..])
    };
    // The csv crate counts a record's line from the "\n" of the "\r\n" before it,
    // one line short, when records end in "\r\n"; the header shows which ending
    // the file uses.
    let crlf = memchr::memchr(b'\n', head).is_some_and(|i| i > 0 && head[i - 1] == b'\r');
    let line_fix = usize::from(crlf);
    reader.inner.consume(bom);
    let mut rows = ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(reader);
    let header: Vec<String> = match rows.byte_headers() {
        Ok(header) => header
            .iter()
            .map(|h| decode::utf8_lossy(h).text.trim().to_string())
            .collect(),
        Err(e) => return out.warn(Some(1), format!("no header row ({e}); skipped")),
    };
    let mapping = options.mapping();
    // The columns that name some field, so rows only look at those.
    let columns: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        .filter(|(_, name)| Field::ALL.iter().any(|&f| mapping.rank(f, name).is_some()))
        .map(|(i, name)| (i, name.as_str()))
        .collect();
    let names_text = columns.iter().any(|(_, n)| {
        mapping.rank(Field::Body, n).is_some() || mapping.rank(Field::Title, n).is_some()
    });
    if !names_text {
        let message = format!(
            "no column holds a title or text (columns: {}); name one with --field body=COLUMN",
            some_columns(&header)
        );
        return out.warn(Some(1), message);
    }
    let mut row = ByteRecord::new();
    let mut any_row = false;
    loop {
        let start = rows.position().clone();
        limit.set(start.byte() + cap as u64);
        match rows.read_byte_record(&mut row) {
            Ok(false) if !any_row => return out.warn(Some(1), "a header and no rows; skipped"),
            Ok(false) => return ControlFlow::Continue(()),
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize + line_fix);
                match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        let message =
                            format!("row has {len} fields, the header {expected_len}; skipped");
                        out.warn(line, message)?;
                        continue;
                    }
                    csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::FileTooLarge => {
                        let line = start.line() as usize + line_fix;
                        let message = format!(
                            "row larger than {} MB (an unclosed quote?); the rest of the file is skipped",
                            cap >> 20
                        );
                        return out.warn(Some(line), message);
                    }
                    csv::ErrorKind::Io(_) => return out.warn(line, format!("cannot be read: {e}")),
                    _ => {
                        out.warn(line, format!("malformed row ({e}); skipped"))?;
                        continue;
                    }
                }
            }
        }
        any_row = true;
        let line = row.position().map_or(0, |p| p.line() as usize + line_fix);
        let mut repaired = 0;
        let mut fields = Fields::new(&mapping);
        for &(i, name) in &columns {
            fields.offer(name, || {
                let text = decode::utf8_lossy(row.get(i).unwrap_or_default());
                repaired += text.repaired;
                vec![text.text.into_owned()]
            });
        }
        if repaired > 0 {
            out.warn(
                Some(line),
                format!("not valid UTF-8: {repaired} byte(s) read as Windows-1252"),
            )?;
        }
        record::send(fields, out.origin_at_line(line), out)?;
    }
}

/// Columns shown in a message about the header.
const COLUMNS_SHOWN: usize = 8;

/// The first few column names, and how many more there are: a header of a
/// million columns makes a one-line message, not a 3 MB one.
fn some_columns(header: &[String]) -> String {
    let mut shown: Vec<String> = header
        .iter()
        .take(COLUMNS_SHOWN)
        .map(|name| {
            // A column name can be as long as a row.
            if name.chars().count() > 40 {
                format!("{}…", name.chars().take(40).collect::<String>())
            } else {
                name.clone()
            }
        })
        .collect();
    if header.len() > COLUMNS_SHOWN {
        shown.push(format!("… {} more", header.len() - COLUMNS_SHOWN));
    }
    shown.join(", ")
}

/// A reader that fails with `FileTooLarge` once more than `limit` bytes have been
/// read from it.
struct Capped<'a, R> {
    inner: R,
    read: u64,
    limit: &'a Cell<u64>,
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read > self.limit.get() {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "record too large",
            ));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// The delimiter the header line uses most: `,`, `;` or tab (`,` on a tie).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line_end = memchr::memchr(b'\n', head).unwrap_or(head.len());
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in &head[..line_end] {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    // max_by_key keeps the last maximum, so list order is reversed for ties.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, _)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Loaded;

    #[test]
    fn unclosed_quote_stops_at_the_cap_with_a_warning() {
        let mut input = b"title,text\nOne,first\nTwo,\"never closed\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 200_000));
        let mut items = Vec::new();
        let mut sink = |item| {
            items.push(item);
            ControlFlow::Continue(())
        };
        let mut out = Emitter::new("big.csv", &mut sink);
        let _ = read_capped(&input[..], false, &LoadOptions::default(), &mut out, 50_000);
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(matches!(&items[0], Loaded::Article(a) if a.title() == "One"));
        match &items[1] {
            Loaded::Warning(w) => {
                assert_eq!(w.origin.line(), Some(3));
                assert!(w.message.contains("unclosed quote"), "{}", w.message);
            }
            other => panic!("expected a warning, got {other:?}"),
        }
    }

    fn warnings_of(input: &[u8]) -> Vec<(Option<usize>, String)> {
        let mut warnings = Vec::new();
        let mut sink = |item| {
            if let Loaded::Warning(w) = item {
                warnings.push((w.origin.line(), w.message));
            }
            ControlFlow::Continue(())
        };
        let mut out = Emitter::new("x.csv", &mut sink);
        let _ = read(input, false, &LoadOptions::default(), &mut out);
        warnings
    }

    #[test]
    fn a_header_only_csv_said_no_file_of_a_known_type() {
        for input in [
            &b"title,text\n"[..],
            b"title,text",
            b"\xEF\xBB\xBFtitle;text\r\n",
        ] {
            assert_eq!(
                warnings_of(input),
                [(Some(1), "a header and no rows; skipped".to_string())]
            );
        }
    }

    #[test]
    fn a_million_columns_made_a_three_megabyte_message() {
        let header: Vec<String> = (0..1_000_000).map(|i| format!("c{i}")).collect();
        let input = format!("{}\n", header.join(","));
        let warnings = warnings_of(input.as_bytes());
        let message = &warnings[0].1;
        assert!(message.len() < 300, "{} bytes", message.len());
        assert!(
            message.contains("(columns: c0, c1, c2, c3, c4, c5, c6, c7, … 999992 more)"),
            "{message}"
        );
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"title,date,text\n"), b',');
        assert_eq!(sniff_delimiter(b"title;date;\"a,b,c\"\n"), b';');
        assert_eq!(sniff_delimiter(b"title\tdate\n"), b'\t');
        assert_eq!(sniff_delimiter(b"title\n"), b',');
    }
}
