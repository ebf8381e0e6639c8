//! castlist's command line: parse arguments (clap), load the corpus, then run the
//! interactive reader or a non-interactive command. Errors that stop start-up are
//! printed before the terminal is touched.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use castlist::app::App;
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::keymap::Keymap;
use clap::{Parser, Subcommand};

/// A keyboard-only terminal reader for collections of news articles that knows
/// who is in them.
///
/// With no PATH, opens the bundled sample corpus. Press ? in the reader for keys.
#[derive(Parser, Debug)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Files or folders of articles (.txt, .md).
    paths: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the articles that were loaded (warnings on standard error).
    Articles {
        paths: Vec<PathBuf>,
        /// Print a JSON array instead of one line an article.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("castlist: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match cli.command {
        None => {
            let corpus = load(&cli.paths)?;
            let engine = Engine::builtin();
            let cast = Cast::build(&engine, &corpus);
            let mut app = App::new(corpus, cast, Keymap::builtin());
            castlist::tui::run(&mut app)?;
        }
        Some(Command::Articles { paths, json }) => {
            let corpus = load(&paths)?;
            print_warnings(&corpus);
            let mut out = io::stdout().lock();
            for article in &corpus.articles {
                if json {
                    continue;
                }
                writeln!(out, "{}\t{}", article.title, article.origin)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn load(paths: &[PathBuf]) -> Result<Corpus, corpus::LoadError> {
    if paths.is_empty() {
        Ok(corpus::bundled())
    } else {
        corpus::load_paths(paths, &LoadOptions::default())
    }
}

fn print_warnings(corpus: &Corpus) {
    for warning in &corpus.warnings {
        eprintln!("castlist: warning: {warning}");
    }
}
