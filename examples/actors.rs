//! `castlist actors` as an example, for trying the engine alone:
//! `cargo run --release --example actors [-- [--json] [PATH...]]`, on the bundled
//! corpus or on the files and folders given (loaded as `castlist` loads them).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let corpus = if paths.is_empty() {
        castlist::corpus::bundled()
    } else {
        match castlist::corpus::load_paths(&paths, &castlist::corpus::LoadOptions::default()) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    };
    let engine = castlist::cast::Engine::builtin();
    let cast = castlist::cast::Cast::build(&engine, &corpus);
    match castlist::commands::actors::run(&cast, json, &mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
