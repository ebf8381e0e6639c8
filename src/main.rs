//! castlist's command line: parse arguments (clap), load the corpus, then run the
//! interactive reader or a non-interactive command. Errors that stop start-up are
//! printed before the terminal is touched, with exit code 2.

use std::error::Error;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use castlist::app::{App, Msg};
use castlist::cast::{Cast, Engine};
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::index::{Event, Indexer};
use castlist::keymap::Keymap;
use castlist::sanitize::display;
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        None => interactive(&cli.input)?,
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
        Some(Command::Tag { actors }) => {
            let engine = Engine::from_config(actors.as_deref())?;
            let mut out = stdout();
            castlist::commands::tag::run(&engine, &mut io::stdin().lock(), &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The reader. The bundled corpus is tiny and loads at once; anything else is
/// indexed in the background, and the window opens as soon as the first article
/// is ready.
fn interactive(input: &Input) -> Result<(), Box<dyn Error>> {
    let engine = Arc::new(Engine::from_config(input.actors.as_deref())?);
    if input.paths.is_empty() {
        let corpus = corpus::bundled();
        let cast = Cast::build(&engine, &corpus.articles);
        let mut app = App::new(corpus, cast, Keymap::builtin());
        castlist::tui::run(&mut app, None, &theme())?;
        return Ok(());
    }
    // Missing paths and unlistable folders are errors now, before the terminal;
    // the walk itself runs in the background, feeding the readers as it goes.
    corpus::walk::check(&input.paths)?;
    let mut indexer = Indexer::spawn_walk(input.paths.clone(), options(input), Arc::clone(&engine));
    let mut app = App::new(Corpus::default(), Cast::default(), Keymap::builtin());
    // Sized to the terminal now, so that the first article is wrapped once, at
    // the width it is drawn (a 50 MB article takes a while to wrap).
    if let Ok((width, height)) = ratatui::crossterm::terminal::size() {
        app.update(Msg::Resize(ratatui::layout::Rect::new(0, 0, width, height)));
    }
    // Wait for the first article (or the end, if there is none).
    while app.corpus().articles.is_empty() {
        match indexer.wait(Duration::from_millis(20)) {
            Some(Event::Done) => {
                app.update(Msg::Indexed(Event::Done));
                break;
            }
            Some(event) => {
                app.update(Msg::Indexed(event));
            }
            None => {}
        }
    }
    if app.corpus().articles.is_empty() {
        return Err(corpus::load::empty_error(&input.paths, &app.corpus().warnings).into());
    }
    castlist::tui::run(&mut app, Some(indexer), &theme())?;
    Ok(())
}

/// The theme for this terminal (see `Theme::for_terminal`).
fn theme() -> castlist::ui::Theme {
    castlist::ui::Theme::for_terminal(std::env::var_os("NO_COLOR").as_deref())
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
