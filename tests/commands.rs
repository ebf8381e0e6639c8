//! The commands as a user runs them, as processes: closed pipes, hostile
//! actors files, endless inputs, named pipes, and `tag --jsonl` end to end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn castlist() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_castlist"));
    // No user actors file from the machine running the tests.
    cmd.env(
        "XDG_CONFIG_HOME",
        std::env::temp_dir().join("castlist-no-config"),
    );
    cmd
}

/// A folder of a few articles and one empty file (a warning on stderr).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        std::fs::write(
            dir.path().join(format!("{i:02}.txt")),
            format!("Story {i}\n\nJohn Kerry met Sergey Lavrov in Geneva on day {i}.\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    dir
}

fn run_with_stdin(cmd: &mut Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A pipe whose reading end is already closed: every write to it fails.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
}

#[test]
fn actors_into_a_closed_pipe_panicked_on_stderr() {
    // Regression: `castlist actors DIR 2>&1 | head -1` panicked ("failed
    // printing to stderr: Broken pipe", exit 101).
    let dir = folder();
    let pipe = closed_pipe();
    let status = castlist()
        .arg("actors")
        .arg(dir.path())
        .stdout(pipe.try_clone().unwrap())
        .stderr(pipe)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    for command in ["articles", "mentions"] {
        let pipe = closed_pipe();
        let mut cmd = castlist();
        cmd.arg(command);
        if command == "mentions" {
            cmd.arg("Kerry");
        }
        let status = cmd
            .arg(dir.path())
            .stdout(pipe.try_clone().unwrap())
            .stderr(pipe)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0), "{command}");
    }
}

#[test]
fn tag_into_a_closed_pipe_exited_2() {
    // Regression: `castlist tag < article | head -1` said "Broken pipe", exit 2.
    for args in [&["tag"][..], &["tag", "--jsonl"][..]] {
        let input: &[u8] = if args.len() == 2 {
            b"{\"text\": \"John Kerry met Sergey Lavrov.\"}\n"
        } else {
            b"John Kerry met Sergey Lavrov in Geneva.\n"
        };
        let out = run_with_stdin(castlist().args(args).stdout(closed_pipe()), input);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A user actors file whose actor's name sets the terminal title and clears
/// the screen.
fn hostile_actors_file(dir: &Path) -> PathBuf {
    let path = dir.join("actors.toml");
    std::fs::write(
        &path,
        "[[actor]]\nname = \"Kerry\\u001b]0;PWNED\\u0007\\u001b[2J\"\nkind = \"person\"\naliases = [\"John Kerry\"]\n",
    )
    .unwrap();
    path
}

#[test]
fn actor_names_from_the_user_file_reached_the_terminal_raw() {
    let dir = folder();
    let actors = hostile_actors_file(dir.path());
    let out = castlist()
        .arg("actors")
        .arg(dir.path())
        .arg("--actors")
        .arg(&actors)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("Kerry␛]0;PWNED␇␛[2J"), "{text}");
    // JSON stays exact: the name as written, escaped by JSON.
    let json = castlist()
        .args(["actors", "--json", "--actors"])
        .arg(&actors)
        .arg(dir.path())
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "Kerry\u{1b}]0;PWNED\u{7}\u{1b}[2J"),
        "{rows}"
    );
    // The mentions listing quotes it too.
    let out = castlist()
        .args(["mentions", "Kerry"])
        .arg(dir.path())
        .arg("--actors")
        .arg(&actors)
        .output()
        .unwrap();
    assert!(
        !out.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn actors_file_warnings_reach_standard_error() {
    let dir = folder();
    let path = dir.path().join("actors.toml");
    std::fs::write(
        &path,
        "[[actor]]\nname = \"Hayat Tahrir al-Sham\"\nkind = \"organization\"\naliases = [\"HTS\", \"the\"]\n",
    )
    .unwrap();
    let out = castlist()
        .arg("actors")
        .arg(dir.path())
        .arg("--actors")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("actors.toml:4: the alias \"the\""), "{err}");
}

#[test]
fn actors_from_dev_zero_grew_to_gigabytes() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let out = castlist()
        .args(["actors", "--actors", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/dev/zero: larger than 8 MB"), "{err}");
}

#[test]
fn tag_of_dev_zero_grew_to_gigabytes() {
    let Ok(zero) = std::fs::File::open("/dev/zero") else {
        return;
    };
    // One endless line: an error naming the input and the limit.
    let out = castlist()
        .arg("tag")
        .stdin(zero.try_clone().unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("standard input: line 1 is longer than 64 MB"),
        "{err}"
    );
    // As JSON lines: binary, not an endless skip.
    let out = castlist()
        .args(["tag", "--jsonl"])
        .stdin(zero)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("standard input:1: binary data"), "{err}");
}

#[test]
fn tag_jsonl_skips_a_line_past_the_limit_and_goes_on() {
    let mut input = b"{\"text\": \"John Kerry met Sergey Lavrov.\"}\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', (64 << 20) + 10));
    input.extend_from_slice(b"\n{\"text\": \"Kerry spoke.\"}\n");
    let out = run_with_stdin(castlist().args(["tag", "--jsonl"]), &input);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("standard input:2: longer than 64 MB; skipped"),
        "{err}"
    );
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r["doc"] == 3 && r["actor"] == "John Kerry"),
        "{rows:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_actors_file_blocked_forever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("actors.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let out = castlist()
        .args(["actors", "--actors"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("is a named pipe (FIFO)"), "{err}");
}

#[test]
fn tag_jsonl_end_to_end() {
    let input = concat!(
        "{\"id\": \"x1\", \"text\": \"Secretary of State John Kerry met Sergey Lavrov.\"}\n",
        "{\"text\": \"Kerry \\u00e9 Lavrov.\"}\n",
    );
    let out = run_with_stdin(castlist().args(["tag", "--jsonl"]), input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let texts = [
        "Secretary of State John Kerry met Sergey Lavrov.",
        "Kerry é Lavrov.",
    ];
    for r in &rows {
        let text = if r["doc"] == "x1" { texts[0] } else { texts[1] };
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], r["text"].as_str().unwrap(), "{r}");
    }
    let second: Vec<&str> = rows
        .iter()
        .filter(|r| r["doc"] == 2)
        .map(|r| r["actor"].as_str().unwrap())
        .collect();
    assert_eq!(second, ["John Kerry", "Sergey Lavrov"]);
}

// ---------------------------------------------------------------------------
// "Index, then print": the commands read through the background indexer and
// get what loading at once gives, in the same order, on every run.

mod gathered {
    use std::path::PathBuf;
    use std::sync::Arc;

    use castlist::cast::{Cast, Engine};
    use castlist::commands::gather::{Keep, gather};
    use castlist::corpus::{self, LoadOptions};

    /// Sources of different sizes, so that they finish out of order, with
    /// copies across them and a malformed line.
    fn corpus_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        let lines: Vec<String> = (0..2000)
            .map(|i| {
                let who = ["John Kerry", "Kerry", "Sergey Lavrov", "Lavrov", "Bashar al-Assad"][i % 5];
                format!(r#"{{"title": "Wire {i}", "content": "{who} spoke in Moscow, wire {i}. Assad was absent."}}"#)
            })
            .collect();
        write("a-wire.jsonl", &(lines.join("\n") + "\n{not json}\n"));
        for i in 0..60 {
            write(
                &format!("story{i}.txt"),
                &format!(
                    "Story {i}\n\nSecretary of State John Kerry met Sergey Lavrov in Geneva, story {i}.\n"
                ),
            );
        }
        // Copies: of a story, and of a wire line (the first copy is kept).
        write(
            "story7-copy.txt",
            "Story 7\n\nSecretary of State John Kerry met Sergey Lavrov in Geneva, story 7.\n",
        );
        write(
            "b-copy.jsonl",
            "{\"title\": \"Wire 3\", \"content\": \"Lavrov spoke in Moscow, wire 3. Assad was absent.\"}\n",
        );
        write("empty.txt", "");
        dir
    }

    fn cast_summary(cast: &Cast) -> Vec<String> {
        let mut rows: Vec<String> = cast
            .actors()
            .iter()
            .filter(|a| a.mentions > 0)
            .map(|a| {
                format!(
                    "{} {:?} {} {} {:?}",
                    a.name, a.kind, a.mentions, a.articles, a.aliases
                )
            })
            .collect();
        rows.sort();
        rows
    }

    #[test]
    fn commands_gather_what_loading_at_once_gives_on_every_run() {
        let dir = corpus_folder();
        let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
        let engine = Arc::new(Engine::builtin());
        let whole = corpus::load_paths(&paths, &LoadOptions::default()).unwrap();
        let cast = Cast::build(&engine, &whole.articles);
        let titles: Vec<String> = whole
            .articles
            .iter()
            .map(|a| a.title().to_string())
            .collect();
        let mut warnings: Vec<String> = whole.warnings.iter().map(ToString::to_string).collect();
        warnings.sort();
        for _ in 0..3 {
            // The listing, handed over in load order.
            let mut listed = Vec::new();
            let g = gather(
                &paths,
                LoadOptions::default(),
                None,
                Keep::Listing,
                &mut |l| {
                    listed.push(l.article.title().to_string());
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(listed, titles);
            let mut got: Vec<String> = g.warnings.iter().map(ToString::to_string).collect();
            got.sort();
            assert_eq!(got, warnings);
            // The cast alone, and with the articles.
            let g = gather(
                &paths,
                LoadOptions::default(),
                Some(Arc::clone(&engine)),
                Keep::Cast,
                &mut |_| Ok(()),
            )
            .unwrap();
            assert!(g.articles.is_empty());
            assert_eq!(g.documents, titles.len());
            assert_eq!(cast_summary(&g.cast), cast_summary(&cast));
            let g = gather(
                &paths,
                LoadOptions::default(),
                Some(Arc::clone(&engine)),
                Keep::Everything,
                &mut |_| Ok(()),
            )
            .unwrap();
            let got: Vec<String> = g.articles.iter().map(|a| a.title().to_string()).collect();
            assert_eq!(got, titles);
            assert_eq!(cast_summary(&g.cast), cast_summary(&cast));
            for (a, b) in g.articles.iter().zip(&whole.articles) {
                assert_eq!(g.cast.mentions_in(a.id()), cast.mentions_in(b.id()));
                // The bodies are kept on disk, as the reader keeps them, and
                // read back whole.
                assert!(a.body().is_empty() && a.stored().is_some(), "{}", a.title());
                assert_eq!(a.body_text(), b.body());
            }
            // `mentions` quotes them as from bodies held in memory.
            let kept = corpus::Corpus {
                articles: g.articles,
                warnings: Vec::new(),
            };
            let (mut from_disk, mut in_memory) = (Vec::new(), Vec::new());
            castlist::commands::mentions::run(&kept, &g.cast, "Kerry", true, &mut from_disk)
                .unwrap();
            castlist::commands::mentions::run(&whole, &cast, "Kerry", true, &mut in_memory)
                .unwrap();
            assert!(from_disk.len() > 1000);
            assert_eq!(from_disk, in_memory);
        }
    }

    #[test]
    fn nothing_readable_is_an_error_naming_why() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("h.csv"), "title,text\n").unwrap();
        let err = gather(
            &[dir.path().to_path_buf()],
            LoadOptions::default(),
            None,
            Keep::Listing,
            &mut |_| Ok(()),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("h.csv:1: a header and no rows"), "{err}");
    }
}

#[test]
fn timeline_prints_the_series_as_text_and_json() {
    let out = castlist()
        .args(["timeline", "John Kerry", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["actor"], "John Kerry");
    let bins = v["bins"].as_array().unwrap();
    assert!(!bins.is_empty() && bins.len() <= 60, "{v}");
    let dated: u64 = bins.iter().map(|b| b["mentions"].as_u64().unwrap()).sum();
    let undated = v["undated"].as_u64().unwrap();
    assert!(dated + undated > 0, "{v}");
    assert!(v["peak"].is_string() || dated == 0, "{v}");
    let text = castlist().args(["timeline", "Kerry"]).output().unwrap();
    assert!(text.status.success(), "{text:?}");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("John Kerry: "), "{text}");
    let missing = castlist()
        .args(["timeline", "Nobody Atall"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Nobody Atall"));
}

#[test]
fn graph_writes_nodes_and_weighted_edges_in_each_format() {
    let dir = folder();
    let path = dir.path().to_str().unwrap();
    let out = castlist()
        .args(["graph", path, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    let label = |i: &serde_json::Value| nodes[i.as_u64().unwrap() as usize]["label"].clone();
    let links = v["links"].as_array().unwrap();
    // Thirty sentences name Kerry and Lavrov together.
    assert!(
        links.iter().any(|l| {
            let pair = [label(&l["source"]), label(&l["target"])];
            pair.contains(&"John Kerry".into())
                && pair.contains(&"Sergey Lavrov".into())
                && l["weight"] == 30
        }),
        "{v}"
    );
    for format in ["graphml", "gexf"] {
        let out = castlist()
            .args(["graph", path, "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with("<?xml"), "{text}");
        assert!(
            text.contains("John Kerry") && text.contains("weight"),
            "{text}"
        );
        assert_eq!(text.matches("<node ").count(), nodes.len(), "{text}");
    }
}
