//! castlist's command line: parse arguments (clap), load the corpus, then run the
//! interactive reader or a non-interactive command. Errors that stop start-up are
//! printed before the terminal is touched, with exit code 2; everything printed
//! passes through the sanitiser, clap's messages too.

use std::error::Error;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use castlist::app::App;
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::index::Indexer;
use castlist::keymap::Keymap;
use castlist::opening::Opening;
use castlist::sanitize::display;
use castlist::tui::Ended;
use clap::{Args, Parser, Subcommand};

/// A keyboard-only terminal reader for collections of news articles that knows
/// who is in them.
///
/// With no PATH, opens the bundled sample corpus. Press ? in the reader for keys.
#[derive(Parser, Debug)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(flatten)]
    input: Input,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where articles come from and how to read them.
#[derive(Args, Debug, Clone, Default)]
struct Input {
    /// Files or folders of articles: text (.txt, .md), JSON Lines, JSON, CSV/TSV,
    /// RSS/Atom, HTML. Folders are read recursively.
    paths: Vec<PathBuf>,
    /// Which column or key holds a field, e.g. --field body=content (fields:
    /// title, body, date, source, url, authors). Repeatable.
    #[arg(long = "field", value_name = "FIELD=NAME", value_parser = LoadOptions::parse_field)]
    fields: Vec<(corpus::Field, String)>,
    /// A TOML file of extra actors, aliases and never-actor words, read after
    /// actors.toml in the config directory.
    #[arg(long, value_name = "FILE")]
    actors: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the articles that were loaded (warnings on standard error).
    Articles {
        #[command(flatten)]
        input: Input,
        /// Print a JSON array instead of one line an article.
        #[arg(long)]
        json: bool,
    },
    /// List every actor: name, kind, mentions, articles, aliases; most mentioned first.
    Actors {
        #[command(flatten)]
        input: Input,
        /// Print a JSON array of objects.
        #[arg(long)]
        json: bool,
    },
    /// Every mention of the actor NAME names (canonical name or alias), grep-style.
    Mentions {
        /// The actor's name or one of its aliases.
        name: String,
        #[command(flatten)]
        input: Input,
        /// Print a JSON array of objects.
        #[arg(long)]
        json: bool,
    },
    /// Tag one document read from standard input: a JSON object a line per
    /// mention, with byte offsets into the input exactly as given.
    Tag {
        /// A TOML file of extra actors, as for the reader.
        #[arg(long, value_name = "FILE")]
        actors: Option<PathBuf>,
        /// Also print one line per attribution (quote or reported speech):
        /// cue, source, content spans, actor and kind.
        #[arg(long)]
        quotes: bool,
    },
    /// Every attribution (quote or reported speech) of the actor NAME, or of
    /// everyone: article, date, who, the cue and the quote.
    Quotes {
        /// The actor's name or one of its aliases; without it, every
        /// attribution. A NAME that is an existing file or folder is read as
        /// a PATH instead.
        name: Option<String>,
        #[command(flatten)]
        input: Input,
        /// Print a JSON array of objects.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return command_line_error(&err),
    };
    match run(cli) {
        Ok(code) => code,
        // `castlist actors | head`: the reader of our output has gone, which is
        // how pipes end, not an error.
        Err(err) if is_broken_pipe(err.as_ref()) => ExitCode::SUCCESS,
        Err(err) => {
            // Errors name files, and file names found in a folder are untrusted.
            eprintln!("castlist: {}", display(&err.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Prints clap's message (an error, or the help or version asked for) and
/// returns its exit code. The message quotes the arguments as given, and an
/// argument may hold escape sequences: it is printed as plain text (no
/// colours), every line through the sanitiser.
fn command_line_error(err: &clap::Error) -> ExitCode {
    let text = err.render().to_string();
    let safe: String = text
        .split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            format!("{}{end}", display(body))
        })
        .collect();
    // A closed output is no reason to panic: the message simply goes nowhere.
    let _ = if err.use_stderr() {
        io::stderr().write_all(safe.as_bytes())
    } else {
        io::stdout().write_all(safe.as_bytes())
    };
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

fn is_broken_pipe(err: &(dyn Error + 'static)) -> bool {
    err.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Standard output, buffered: Rust's stdout flushes every line, which made
/// `castlist articles` on 100,000 articles spend half its time in write calls.
fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

fn run(cli: Cli) -> Result<ExitCode, Box<dyn Error>> {
    match cli.command {
        None => return interactive(&cli.input),
        Some(Command::Articles { input, json }) => {
            let corpus = load(&input)?;
            print_warnings(&corpus);
            let mut out = stdout();
            castlist::commands::articles::run(&corpus, json, &mut out)?;
            out.flush()?;
        }
        Some(Command::Actors { input, json }) => {
            let (corpus, cast) = load_with_cast(&input)?;
            print_warnings(&corpus);
            let mut out = stdout();
            castlist::commands::actors::run(&cast, json, &mut out)?;
            out.flush()?;
        }
        Some(Command::Mentions { name, input, json }) => {
            let (corpus, cast) = load_with_cast(&input)?;
            print_warnings(&corpus);
            let mut out = stdout();
            castlist::commands::mentions::run(&corpus, &cast, &name, json, &mut out)?;
            out.flush()?;
        }
        Some(Command::Tag { actors, quotes }) => {
            let engine = Engine::from_config(actors.as_deref())?;
            let mut out = stdout();
            castlist::commands::tag::run(&engine, quotes, &mut io::stdin().lock(), &mut out)?;
            out.flush()?;
        }
        Some(Command::Quotes {
            mut name,
            mut input,
            json,
        }) => {
            if let Some(n) = name.take_if(|n| std::path::Path::new(n).exists()) {
                input.paths.insert(0, PathBuf::from(n));
            }
            let (corpus, cast) = load_with_cast(&input)?;
            print_warnings(&corpus);
            let engine = Engine::from_config(input.actors.as_deref())?;
            let mut out = stdout();
            castlist::commands::quotes::run(
                &corpus,
                &cast,
                &engine,
                name.as_deref(),
                json,
                &mut out,
            )?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The reader. Whatever can be checked at once (a terminal to draw on, the
/// actors file, the paths) is checked before the terminal is taken, and its
/// errors printed on the normal screen; the reading itself happens after, in
/// the background, with the opening screen showing its progress.
fn interactive(input: &Input) -> Result<ExitCode, Box<dyn Error>> {
    if !castlist::term::is_usable() {
        // Written, not `eprintln!`: a closed standard error is no reason to panic.
        let _ = writeln!(io::stderr(), "{}", castlist::term::NEEDS_A_TERMINAL);
        return Ok(ExitCode::from(2));
    }
    let engine = Arc::new(Engine::from_config(input.actors.as_deref())?);
    if input.paths.is_empty() {
        // The bundled corpus is tiny and loads at once.
        let corpus = corpus::bundled();
        let cast = Cast::build(&engine, &corpus.articles);
        let mut app = App::new(corpus, cast, Keymap::builtin());
        castlist::tui::run(&mut app, None)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Missing paths and unlistable folders are errors now, before the terminal;
    // the walk itself runs in the background, feeding the readers as it goes.
    corpus::walk::check(&input.paths)?;
    let indexer = Indexer::spawn_walk(input.paths.clone(), options(input), Arc::clone(&engine));
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    let opening = Opening {
        indexer,
        paths: input.paths.clone(),
    };
    match castlist::tui::run(&mut app, Some(opening))? {
        Ended::Quit => Ok(ExitCode::SUCCESS),
        // Said after the terminal was given back.
        Ended::Empty => Err(corpus::load::empty_error(&input.paths, &app.corpus.warnings).into()),
    }
}

fn options(input: &Input) -> LoadOptions {
    LoadOptions {
        fields: input.fields.clone(),
    }
}

/// The whole corpus and its cast, for the non-interactive commands.
fn load_with_cast(input: &Input) -> Result<(Corpus, Cast), Box<dyn Error>> {
    let engine = Engine::from_config(input.actors.as_deref())?;
    let corpus = load(input)?;
    let cast = Cast::build(&engine, &corpus.articles);
    Ok((corpus, cast))
}

/// The whole corpus, for the non-interactive commands.
fn load(input: &Input) -> Result<Corpus, corpus::LoadError> {
    if input.paths.is_empty() {
        Ok(corpus::bundled())
    } else {
        corpus::load_paths(&input.paths, &options(input))
    }
}

fn print_warnings(corpus: &Corpus) {
    for warning in &corpus.warnings {
        eprintln!("castlist: warning: {}", display(&warning.to_string()));
    }
}
