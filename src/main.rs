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
use castlist::config::Config;
use castlist::corpus::{self, Corpus, LoadOptions};
use castlist::index::{Event, Indexer};
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
    /// Print the configuration in effect (config.toml in the config
    /// directory over the built-in defaults) and exit.
    #[arg(long)]
    print_config: bool,
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
    /// Neither use nor save the index cache (the reader saves each
    /// collection's analysis, and opens it again without reading what has
    /// not changed; the commands print from it when no file has changed).
    #[arg(long)]
    no_cache: bool,
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
    /// Tag the text read from standard input: a JSON object a line per
    /// mention, with byte offsets into the input exactly as given.
    Tag {
        /// A TOML file of extra actors, as for the reader.
        #[arg(long, value_name = "FILE")]
        actors: Option<PathBuf>,
        /// Read documents as JSON lines, {"id": ..., "text": "...", "title":
        /// "..."}, and resolve actors across all of them; each mention names
        /// its document ("doc") and has offsets into that line's text.
        #[arg(long)]
        jsonl: bool,
        /// Also print one line per attribution (quote or reported speech):
        /// cue, source, content spans, actor and kind.
        #[arg(long)]
        quotes: bool,
        /// With --jsonl: write this partition's summary to FILE instead of
        /// printing rows; `castlist merge` puts partitions together.
        #[arg(long, value_name = "FILE", requires = "jsonl")]
        summary: Option<PathBuf>,
    },
    /// Put together partitions tagged apart (`tag --jsonl --summary`): the
    /// mention rows one `tag --jsonl` run over all their lines would print.
    Merge {
        /// Summary files, in the order of their partitions.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Print the merged cast's actors (as `actors --json`) instead.
        #[arg(long)]
        cast: bool,
        /// Write the merged summary to FILE (to merge it again) instead.
        #[arg(long, value_name = "FILE")]
        summary: Option<PathBuf>,
        /// The actors file the partitions were tagged with.
        #[arg(long, value_name = "FILE")]
        actors: Option<PathBuf>,
    },
    /// Show the index cache (where it is, each collection kept and its size),
    /// or with --clear remove it.
    Cache {
        /// Remove every saved index.
        #[arg(long)]
        clear: bool,
    },
    /// The mentions of the actor NAME over the collection's dates, by day,
    /// week, month, quarter or year (at most 60 bins), the peak marked.
    Timeline {
        /// The actor's name or one of its aliases.
        name: String,
        #[command(flatten)]
        input: Input,
        /// Print a JSON object: unit, bins (start, label, mentions), undated, peak.
        #[arg(long)]
        json: bool,
    },
    /// The co-occurrence network (actors as nodes, an edge weighted by the
    /// sentences that name both) for Gephi, networkx and the like.
    Graph {
        #[command(flatten)]
        input: Input,
        /// graphml, gexf (1.2) or json (networkx node-link).
        #[arg(long, value_enum, default_value = "graphml")]
        format: castlist::analysis::graph::Format,
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
        // `castlist actors | head`: the reader of our output (or of our
        // warnings) has gone, which is how pipes end, not an error.
        Err(err) if is_broken_pipe(err.as_ref()) => ExitCode::SUCCESS,
        Err(err) => {
            // Errors name files, and file names found in a folder are untrusted.
            // `eprintln!` would panic if standard error were closed.
            let _ = writeln!(io::stderr(), "castlist: {}", display(&err.to_string()));
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
    use castlist::commands::gather::GatherError;
    let io = err
        .downcast_ref::<io::Error>()
        .or_else(|| match err.downcast_ref() {
            Some(GatherError::Write(e)) => Some(e),
            _ => None,
        });
    io.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Standard output, buffered: Rust's stdout flushes every line, which made
/// `castlist articles` on 100,000 articles spend half its time in write calls.
fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

fn run(cli: Cli) -> Result<ExitCode, Box<dyn Error>> {
    use castlist::commands::{self, gather::Keep};
    match cli.command {
        None if cli.print_config => {
            let config = Config::load(castlist::config::default_path().as_deref())?;
            let mut out = stdout();
            out.write_all(config.print(no_color()).as_bytes())?;
            out.flush()?;
        }
        None => return interactive(&cli.input),
        Some(Command::Articles { input, json }) => {
            // Printed as read, in load order.
            let mut out = stdout();
            let mut listing = commands::articles::Listing::new(json);
            let gathered = gather(&input, Keep::Listing, &mut |listed| {
                listing.write(&listed, &mut out)
            })?;
            print_warnings(&gathered.warnings)?;
            listing.finish(&mut out)?;
        }
        Some(Command::Actors { input, json }) => {
            let gathered = gather(&input, Keep::Cast, &mut |_| Ok(()))?;
            print_warnings(&gathered.warnings)?;
            let mut out = stdout();
            commands::actors::run(&gathered.cast, json, &mut out)?;
            out.flush()?;
            // The process ends here: freeing the cast's and the corpus's
            // allocations one by one (a million in a large corpus) is work
            // the exit does at once.
            std::mem::forget(gathered);
        }
        Some(Command::Mentions { name, input, json }) => {
            let (corpus, cast) = gather_all(&input)?;
            let mut out = stdout();
            commands::mentions::run(&corpus, &cast, &name, json, &mut out)?;
            out.flush()?;
        }
        Some(Command::Timeline { name, input, json }) => {
            let (corpus, cast) = gather_all(&input)?;
            let mut out = stdout();
            commands::timeline::run(&corpus, &cast, &name, json, &mut out)?;
            out.flush()?;
        }
        Some(Command::Graph { input, format }) => {
            let (corpus, cast) = gather_all(&input)?;
            let mut out = stdout();
            commands::graph::run(&corpus, &cast, format, &mut out)?;
            out.flush()?;
        }
        Some(Command::Tag {
            actors,
            jsonl,
            quotes,
            summary,
        }) => {
            let engine = engine(actors.as_deref())?;
            let mut out = stdout();
            let mut input = io::stdin().lock();
            if let Some(path) = summary {
                let tagger =
                    commands::tag::jsonl::read(&engine, quotes, &mut input, &mut io::stderr())?;
                let (cast, rows) = tagger.end();
                let version = castlist::cache::engine_version(actors.as_deref());
                commands::tag::summary::write(&path, version, &cast, &rows)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            } else if jsonl {
                commands::tag::jsonl::run(
                    &engine,
                    quotes,
                    &mut input,
                    &mut out,
                    &mut io::stderr(),
                )?;
            } else {
                commands::tag::run(&engine, quotes, &mut input, &mut out)?;
            }
            out.flush()?;
        }
        Some(Command::Cache { clear }) => {
            let mut out = stdout();
            castlist::commands::cache::run(
                castlist::cache::index::default_dir().as_deref(),
                clear,
                &mut out,
            )?;
            out.flush()?;
        }
        Some(Command::Merge {
            parts,
            cast: list,
            summary,
            actors,
        }) => {
            let version = castlist::cache::engine_version(actors.as_deref());
            let (mut cast, rows) = commands::merge::merge(&parts, version)?;
            if let Some(path) = summary {
                commands::tag::summary::write(&path, version, &cast, &rows)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                return Ok(ExitCode::SUCCESS);
            }
            cast.finish();
            let mut out = stdout();
            if list {
                commands::actors::run(&cast, true, &mut out)?;
            } else {
                commands::tag::write_rows(&cast, &rows, &mut out)?;
            }
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
            let engine = Arc::new(engine(input.actors.as_deref())?);
            let gathered = match from_cache(&input, Keep::Everything) {
                Some(gathered) => gathered,
                None => commands::gather::gather(
                    &input.paths,
                    options(&input),
                    Some(Arc::clone(&engine)),
                    Keep::Everything,
                    &mut |_| Ok(()),
                )?,
            };
            print_warnings(&gathered.warnings)?;
            let corpus = Corpus {
                articles: gathered.articles,
                warnings: Vec::new(),
            };
            let mut out = stdout();
            commands::quotes::run(
                &corpus,
                &gathered.cast,
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

/// The engine with the user's actors files; their warnings go to standard
/// error.
fn engine(actors: Option<&std::path::Path>) -> Result<Engine, Box<dyn Error>> {
    let (engine, warnings) = Engine::from_config(actors)?;
    let warnings: Vec<corpus::Warning> = warnings.into_iter().map(Into::into).collect();
    print_warnings(&warnings)?;
    Ok(engine)
}

/// Indexes the input for a command, keeping what `keep` says and handing
/// each article to `each` as its turn comes.
/// Every article kept and the settled cast, warnings printed: what the
/// commands that read texts (`mentions`, `timeline`, `graph`) need.
fn gather_all(input: &Input) -> Result<(Corpus, castlist::cast::Cast), Box<dyn Error>> {
    use castlist::commands::gather::Keep;
    let gathered = gather(input, Keep::Everything, &mut |_| Ok(()))?;
    print_warnings(&gathered.warnings)?;
    let corpus = Corpus {
        articles: gathered.articles,
        warnings: Vec::new(),
    };
    Ok((corpus, gathered.cast))
}

fn gather(
    input: &Input,
    keep: castlist::commands::gather::Keep,
    each: &mut dyn FnMut(castlist::commands::gather::Listed) -> io::Result<()>,
) -> Result<castlist::commands::gather::Gathered, Box<dyn Error>> {
    use castlist::commands::gather::Keep;
    // `castlist articles` finds no actors: it needs no engine.
    let engine = match keep {
        Keep::Listing => None,
        Keep::Cast | Keep::Everything => Some(Arc::new(engine(input.actors.as_deref())?)),
    };
    if let Some(gathered) = from_cache(input, keep) {
        return Ok(gathered);
    }
    Ok(castlist::commands::gather::gather(
        &input.paths,
        options(input),
        engine,
        keep,
        each,
    )?)
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
    // A bad config.toml stops here, with its file and line, before the terminal.
    let config = Config::load(castlist::config::default_path().as_deref())?;
    let mut input = input.clone();
    if input.paths.is_empty() {
        input.paths = config.default_paths.clone();
    }
    let input = &input;
    let (engine, notes) = Engine::from_config(input.actors.as_deref())?;
    let engine = Arc::new(engine);
    // The actors file's warnings are listed with the loader's, under `w`.
    let notes: Vec<corpus::Warning> = notes.into_iter().map(Into::into).collect();
    if input.paths.is_empty() {
        // The bundled corpus is tiny and loads at once.
        let mut corpus = corpus::bundled();
        corpus.warnings.extend(notes);
        let cast = Cast::build(&engine, &corpus.articles);
        let mut app = App::new(corpus, cast, config.keymap.clone()).expecting_memory();
        let mut shell = shell(&input.paths, &config);
        shell.engine = Some(Arc::clone(&engine));
        castlist::tui::run(&mut app, None, shell)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Missing paths and unlistable folders are errors now, before the terminal;
    // the walk itself runs in the background, feeding the readers as it goes.
    corpus::walk::check(&input.paths)?;
    let cache = collection_cache(input);
    let indexer = match &cache {
        Some(collection) => Indexer::open_cached(
            input.paths.clone(),
            options(input),
            Arc::clone(&engine),
            collection.clone(),
        ),
        None => Indexer::spawn_walk(input.paths.clone(), options(input), Arc::clone(&engine)),
    };
    // The user's corrections ([[fix]]) hold from the first article indexed.
    let cast = Cast::with_fixes(engine.fixes().to_vec());
    let mut app = App::new(Corpus::default(), cast, config.keymap.clone()).expecting_memory();
    app.update(castlist::app::Msg::Indexed(Event::Warnings(notes)));
    let opening = Opening {
        indexer,
        paths: input.paths.clone(),
    };
    let mut shell = shell(&input.paths, &config);
    shell.cache = cache;
    shell.engine = Some(engine);
    match castlist::tui::run(&mut app, Some(opening), shell)? {
        Ended::Quit => Ok(ExitCode::SUCCESS),
        // Said after the terminal was given back.
        Ended::Empty => Err(corpus::load::empty_error(&input.paths, &app.corpus().warnings).into()),
    }
}

/// Whether the terminal is to have no colour (`NO_COLOR` set and not empty).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// What the reader's shell needs: the theme (the configuration's, without
/// colour under `NO_COLOR`) and the memory of this collection, whose loading
/// starts now, beside the reading of the first articles.
fn shell(paths: &[PathBuf], config: &Config) -> castlist::tui::Shell {
    use castlist::store::{self, Store, sqlite::Sqlite};
    let collection = collection_name(paths);
    let memory = store::Writer::start(move || {
        let path = store::default_path()?;
        Ok(Box::new(Sqlite::open(&path, &collection)?) as Box<dyn Store>)
    });
    castlist::tui::Shell {
        theme: config.theme(no_color()),
        memory: Some(memory),
        cache: None,
        engine: None,
    }
}

/// What `keep` asks of `input`'s collection, from the index cache the
/// reader saved, when every file is as saved (see `commands::cached`).
fn from_cache(
    input: &Input,
    keep: castlist::commands::gather::Keep,
) -> Option<castlist::commands::gather::Gathered> {
    castlist::commands::cached::from_cache(&input.paths, &collection_cache(input)?, keep)
}

/// The index cache of the collection `input` names, unless `--no-cache`
/// (or there is no cache directory).
fn collection_cache(input: &Input) -> Option<castlist::cache::index::Collection> {
    if input.no_cache {
        return None;
    }
    let root = castlist::cache::index::default_dir()?;
    let engine = castlist::cache::engine_version(input.actors.as_deref());
    Some(castlist::cache::index::Collection::new(
        &root,
        &input.paths,
        &options(input),
        engine,
    ))
}

/// The name a collection is remembered by: its paths, absolute, or
/// "bundled" for the sample articles. (Articles are remembered by content;
/// only the last place and the marks are the collection's.)
fn collection_name(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "bundled".into();
    }
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    names.join("\n")
}

fn options(input: &Input) -> LoadOptions {
    LoadOptions {
        fields: input.fields.clone(),
    }
}

/// Writes warnings to standard error, sanitised (they quote file names and
/// text). A closed standard error is a `BrokenPipe` error, which ends the
/// command quietly; `eprintln!` would panic.
fn print_warnings(warnings: &[corpus::Warning]) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for warning in warnings {
        writeln!(err, "castlist: warning: {}", display(&warning.to_string()))?;
    }
    err.flush()
}
