//! `castlist actors` as an example, for trying the engine before the binary wires
//! it: `cargo run --release --example actors [-- [--json] [DIR]]`, on the bundled
//! corpus or on every `.txt` file under DIR.

use std::path::Path;

fn collect(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt")
            && let Ok(text) = std::fs::read_to_string(&p)
        {
            out.push((p.display().to_string(), text));
        }
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let corpus = match args.iter().find(|a| !a.starts_with("--")) {
        None => castlist::corpus::bundled(),
        Some(dir) => {
            let mut files = Vec::new();
            collect(Path::new(dir), &mut files);
            let articles = files
                .into_iter()
                .enumerate()
                .map(|(id, (path, text))| {
                    let raw = castlist::corpus::text::parse_text(
                        &text,
                        castlist::corpus::Origin::file(path),
                    );
                    castlist::corpus::clean::article(raw, id)
                })
                .collect();
            castlist::corpus::Corpus {
                articles,
                warnings: Vec::new(),
            }
        }
    };
    let engine = castlist::cast::Engine::builtin();
    let cast = castlist::cast::Cast::build(&engine, &corpus);
    castlist::commands::actors::run(&cast, json, &mut std::io::stdout())
}
