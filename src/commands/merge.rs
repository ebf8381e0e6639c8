//! `castlist merge PART.cast...`: the cast of a collection tagged in
//! partitions (`castlist tag --jsonl --summary PART.cast < PART.jsonl`, on
//! one machine or many), put together. Each summary holds its partition's
//! cast records; appended in the order given and settled once, they make the
//! cast one run over all the partitions' lines would have made (the cast is
//! a function of its documents: see the engine's `summary` module), and the
//! mention rows come out as that run would have written them, with the
//! merged actors' names.

use std::path::PathBuf;

use super::tag::Rows;
use super::tag::summary::{self, SummaryFileError};
use crate::cast::Cast;

/// Reads the summaries at `parts` (made by the engine whose version is
/// `engine`) and appends them in order. The cast is not yet settled: write
/// it as a summary again, or finish it.
pub fn merge(parts: &[PathBuf], engine: u64) -> Result<(Cast, Rows), SummaryFileError> {
    let mut cast = Cast::default();
    let mut rows = Rows::default();
    for path in parts {
        let (part, part_rows) = summary::read(path, engine)?;
        cast.append(&part);
        rows.append(part_rows);
    }
    Ok((cast, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Engine;
    use crate::commands::tag::{jsonl, write_rows};

    /// Lines where the merge matters: people who share a surname in
    /// different lines, short names whose host is in another line, a place
    /// that is also a surname, an alias declared in one line and used in
    /// another.
    fn lines() -> Vec<String> {
        let texts = [
            (
                "Bush on the campaign",
                "Jeb Bush said he would run. Bush told reporters in Miami that George W. Bush would not campaign.",
            ),
            (
                "Former president",
                "George W. Bush spoke in Dallas. President Bush said the war was right. Mr. Bush left.",
            ),
            (
                "The elder Bush",
                "George H. W. Bush was in hospital. Bush, 92, is recovering. His wife Barbara Bush visited.",
            ),
            (
                "Bush again",
                "Bush said on Friday that the talks would go on. President Bush flew to Texas.",
            ),
            (
                "Blair",
                "Blair said the election would come in May. Blair told MPs so.",
            ),
            (
                "Prime minister",
                "Tony Blair met Gordon Brown. Blair and Brown then spoke to the press.",
            ),
            (
                "London book",
                "Michael London wrote a book. London said it took years.",
            ),
            (
                "London news",
                "London was hit by storms. Trains in London stopped.",
            ),
            (
                "Nusra",
                "The al-Nusra Front (Jabhat Fateh al-Sham) fought on. Nusra fighters left.",
            ),
            (
                "Nusra again",
                "Nusra said it would stay. Jabhat Fateh al-Sham fighters stayed.",
            ),
            (
                "Talks",
                "“We will not give up,” Secretary of State John Kerry said. Kerry met Sergey Lavrov.",
            ),
            (
                "More talks",
                "Kerry and Lavrov spoke in Geneva. Russian officials said Lavrov was pleased.",
            ),
        ];
        texts
            .iter()
            .enumerate()
            .map(|(i, (title, text))| {
                serde_json::json!({"id": format!("d{i}"), "title": title, "text": text}).to_string()
            })
            .collect()
    }

    fn tag_whole(engine: &Engine, lines: &[String]) -> Vec<u8> {
        let input = lines.join("\n");
        let mut out = Vec::new();
        jsonl::run(
            engine,
            true,
            &mut input.as_bytes(),
            &mut out,
            &mut Vec::new(),
        )
        .unwrap();
        out
    }

    #[test]
    fn merged_partitions_give_the_rows_of_one_run_however_split() {
        let engine = Engine::builtin();
        let lines = lines();
        let whole = tag_whole(&engine, &lines);
        assert!(whole.len() > 1000, "{}", String::from_utf8_lossy(&whole));
        let dir = tempfile::tempdir().unwrap();
        let n = lines.len();
        // Split points: halves, thirds, uneven, one line a part, an empty part.
        let splits: [&[usize]; 5] = [
            &[6],
            &[4, 8],
            &[1, 2, 11],
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
            &[0, 5],
        ];
        for cuts in splits {
            let mut bounds = vec![0];
            bounds.extend_from_slice(cuts);
            bounds.push(n);
            let mut parts = Vec::new();
            let mut separately = Vec::new();
            for (p, w) in bounds.windows(2).enumerate() {
                let input = lines[w[0]..w[1]].join("\n");
                separately.extend(tag_whole(&engine, &lines[w[0]..w[1]]));
                let tagger =
                    jsonl::read(&engine, true, &mut input.as_bytes(), &mut Vec::new()).unwrap();
                let (cast, rows) = tagger.end();
                let path = dir.path().join(format!("part{p}.cast"));
                summary::write(&path, 42, &cast, &rows).unwrap();
                parts.push(path);
            }
            let (mut cast, rows) = merge(&parts, 42).unwrap();
            cast.finish();
            let mut out = Vec::new();
            write_rows(&cast, &rows, &mut out).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&whole),
                "split at {cuts:?}"
            );
            // Tagged apart and not merged, the parts name some actors otherwise
            // (a bare "Bush" alone in its part): the merge is what agrees.
            if cuts.len() > 5 {
                assert_ne!(separately, whole);
            }
        }
    }

    #[test]
    fn a_part_made_by_another_engine_or_damaged_is_refused_by_name() {
        let engine = Engine::builtin();
        let input = lines().join("\n");
        let (cast, rows) = jsonl::read(&engine, false, &mut input.as_bytes(), &mut Vec::new())
            .unwrap()
            .end();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.cast");
        summary::write(&path, 1, &cast, &rows).unwrap();
        let err = merge(std::slice::from_ref(&path), 2)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("p.cast") && err.contains("another actor engine"),
            "{err}"
        );
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.len() - 10;
        bytes[at] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let err = merge(std::slice::from_ref(&path), 1)
            .unwrap_err()
            .to_string();
        assert!(err.contains("checksum"), "{err}");
    }
}
