//! The command line: parses arguments, runs one command and returns the exit
//! code. This is the only layer that prints; the commands call the same pure
//! functions the terminal UI will.
//!
//! Exit codes: 0 success; 1 the input has errors (a catalogue that does not
//! check); 2 the input cannot be read, or the command line is wrong.

mod assess;
mod check;
mod clients_cmd;
mod hsds_cmd;
mod kiosk_cmd;
mod landscape_cmd;
mod match_cmd;
pub mod printer;
mod search;
mod style;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::assessment::{Answers, Profile, QuestionBank};
use crate::cache::{Cache, Compiled};
use crate::catalogue::{Catalogue, CatalogueError, Source};
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use printer::{Printer, report};

/// EIS Navigator: find the right support for an SME going international.
#[derive(Debug, Parser)]
#[command(name = "eis", version, about, long_about = None)]
pub struct Cli {
    /// Use this catalogue (a .ron file or a folder of them) instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    catalogue: Option<PathBuf>,

    /// Use this question bank instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    questions: Option<PathBuf>,

    /// Ask the questions as plain numbered lines on standard input and output
    /// (for screen readers and scripts); also `ACCESSIBLE=1`.
    #[arg(long)]
    accessible: bool,

    /// Speak this language: en, da, pl, it, pt or hr (default: from `LC_ALL`,
    /// `LC_MESSAGES` or `LANG`, else English).
    #[arg(long, value_name = "CODE")]
    lang: Option<crate::i18n::Lang>,

    /// With --accessible: save the finished assessment to this client (an id
    /// or a name; a new name creates the client) in the data folder.
    #[arg(long, value_name = "CLIENT", requires = "accessible")]
    client: Option<String>,

    /// Keep client records here instead of the platform's data folder.
    #[arg(long, value_name = "PATH")]
    data_dir: Option<PathBuf>,

    /// Read the catalogue from its source every time: neither use nor write
    /// the compiled copy that speeds up the app, `search`, `match` and
    /// `landscape` (kept in `EIS_CACHE_DIR`, else the platform's cache folder).
    #[arg(long)]
    no_cache: bool,

    /// The terminal app's colours (monochrome by default when `NO_COLOR` is set).
    #[arg(long, value_enum, value_name = "THEME")]
    theme: Option<ThemeArg>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a catalogue: print every problem with its file, line and column, then a summary.
    Check(check::Args),
    /// Search the catalogue's services by name, provider, keywords and summary.
    Search(search::Args),
    /// Assess answers into a readiness profile.
    Assess(assess::Args),
    /// Match a profile (or answers) to services and plan the journey.
    Match(match_cmd::Args),
    /// List the clients in the data folder.
    Clients(clients_cmd::ListArgs),
    /// Write a client's referral summary (Markdown, HTML or JSON).
    Export(clients_cmd::ExportArgs),
    /// Run as a self-service kiosk at a help desk (locked, wiped when idle).
    Kiosk(kiosk_cmd::Args),
    /// Map the support landscape of an area: coverage, gaps, overlaps, duplicates.
    Landscape(landscape_cmd::Args),
    /// Exchange the catalogue with other directories as Open Referral HSDS 3.0 (JSON or CSV).
    Hsds(hsds_cmd::Args),
}

/// The options given before or after any command (`eis --lang pl match …`),
/// by their argument ids.
const GLOBAL_OPTIONS: [&str; 6] = [
    "catalogue",
    "questions",
    "accessible",
    "lang",
    "data_dir",
    "no_cache",
];

/// The global options each command acts on. The others are left out of the
/// command's help and refused when given, so that nobody is led to think
/// that `eis search --data-dir …` does something.
const OPTIONS_OF: [(&str, &[&str]); 9] = [
    ("check", &["catalogue", "questions"]),
    ("search", &["catalogue", "lang", "no_cache"]),
    ("assess", &["questions", "lang", "accessible", "catalogue"]),
    ("match", &["catalogue", "questions", "lang", "no_cache"]),
    ("clients", &["data_dir", "lang"]),
    ("export", &["catalogue", "questions", "lang", "data_dir"]),
    ("kiosk", &["catalogue", "questions", "lang", "accessible"]),
    ("landscape", &["catalogue", "lang", "no_cache"]),
    ("hsds", &["catalogue"]),
];

/// The command line as clap builds it: each command takes, before or after
/// its name, the global options it acts on, and only those (its help shows
/// them; any other is an error that says so).
fn command() -> clap::Command {
    let root = <Cli as clap::CommandFactory>::command();
    let globals: Vec<clap::Arg> = root
        .get_arguments()
        .filter(|arg| GLOBAL_OPTIONS.contains(&arg.get_id().as_str()))
        .cloned()
        .collect();
    let mut command = root;
    for (name, used) in OPTIONS_OF {
        command = command.mut_subcommand(name, |sub| {
            sub.args(
                globals
                    .iter()
                    .filter(|arg| used.contains(&arg.get_id().as_str()))
                    .cloned(),
            )
        });
    }
    command
}

/// Parses the arguments: an option may come before a command's name or
/// after it; one the command does not act on is an error.
fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::FromArgMatches as _;
    use clap::parser::ValueSource;
    let mut command = command();
    let matches = command.try_get_matches_from_mut(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    let Some((name, sub)) = matches.subcommand() else {
        return Ok(cli);
    };
    let used = OPTIONS_OF
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, used)| used);
    let given = |m: &clap::ArgMatches, id: &str| {
        m.try_contains_id(id).unwrap_or(false)
            && m.value_source(id) == Some(ValueSource::CommandLine)
    };
    for option in GLOBAL_OPTIONS.iter().filter(|o| !used.contains(o)) {
        if given(&matches, option) {
            let flag = format!("--{}", option.replace('_', "-"));
            return Err(command.error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("{flag} does nothing for `eis {name}`; see `eis {name} --help`"),
            ));
        }
    }
    // After the command's name, the command's own copy holds the value.
    if given(sub, "catalogue") {
        cli.catalogue = sub.get_one::<PathBuf>("catalogue").cloned();
    }
    if given(sub, "questions") {
        cli.questions = sub.get_one::<PathBuf>("questions").cloned();
    }
    if given(sub, "data_dir") {
        cli.data_dir = sub.get_one::<PathBuf>("data_dir").cloned();
    }
    if given(sub, "lang") {
        cli.lang = sub.get_one::<crate::i18n::Lang>("lang").copied();
    }
    cli.accessible |= given(sub, "accessible");
    cli.no_cache |= given(sub, "no_cache");
    Ok(cli)
}

/// A command-line twin of a library enum: the library's types know nothing
/// of clap, and the twin, with the same variants in the same order, gives
/// the command line the same values and help as deriving on them would.
macro_rules! value_enum {
    ($(#[$meta:meta])* $name:ident => $target:path { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name {
            $($variant),+
        }

        impl From<$name> for $target {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => <$target>::$variant),+
                }
            }
        }
    };
}
pub(crate) use value_enum;

value_enum! {
    /// The terminal app's themes.
    ThemeArg => crate::ui::theme::ThemeName { Default, HighContrast, Mono }
}

/// Output formats of the one-shot commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs `eis` with the given arguments (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match parse(args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout and usage errors to stderr.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // The command line's language, handed to every command that writes.
    let lang = cli.lang.unwrap_or_else(Lang::from_environment_variables);
    let source = cli.catalogue.clone().map_or(Source::Embedded, Source::Path);
    let cache = if cli.no_cache {
        None
    } else {
        Cache::from_environment()
    };
    let accessible =
        cli.accessible || std::env::var_os("ACCESSIBLE").is_some_and(|v| !v.is_empty() && v != "0");
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(
            &args,
            &source,
            cli.questions.as_deref(),
            &mut Printer::stdout(),
            lang,
        ),
        Some(Command::Search(args)) => {
            search::run(&args, &source, cache.as_ref(), &mut Printer::stdout(), lang)
        }
        Some(Command::Assess(args)) if accessible && args.answers.is_none() => {
            run_accessible(&source, cli.questions.as_deref(), false, lang)
        }
        Some(Command::Assess(args)) => assess::run(
            &args,
            cli.questions.as_deref(),
            &mut Printer::stdout(),
            lang,
        ),
        Some(Command::Match(args)) => match_cmd::run(
            &args,
            &source,
            cache.as_ref(),
            cli.questions.as_deref(),
            &mut Printer::stdout(),
            lang,
        ),
        Some(Command::Clients(args)) => with_data_dir(cli.data_dir.clone(), |dir| {
            clients_cmd::list(&args, dir, &mut Printer::stdout())
        }),
        Some(Command::Export(args)) => with_data_dir(cli.data_dir.clone(), |dir| {
            clients_cmd::export(
                &args,
                dir,
                &source,
                cli.questions.as_deref(),
                &mut Printer::stdout(),
                lang,
            )
        }),
        Some(Command::Landscape(args)) => {
            landscape_cmd::run(&args, &source, cache.as_ref(), &mut Printer::stdout(), lang)
        }
        Some(Command::Hsds(args)) => hsds_cmd::run(&args, &source),
        Some(Command::Kiosk(args)) => kiosk_cmd::run(
            &args,
            &source,
            cli.questions.as_deref(),
            accessible,
            cli.lang,
        ),
        None if accessible => match &cli.client {
            None => run_accessible(&source, cli.questions.as_deref(), true, lang),
            Some(client) => with_data_dir(cli.data_dir.clone(), |dir| {
                clients_cmd::accessible_for_client(
                    &source,
                    cli.questions.as_deref(),
                    dir,
                    client,
                    lang,
                )
            }),
        },
        None => run_app(
            &source,
            cache.as_ref(),
            cli.questions.as_deref(),
            cli.theme.map(Into::into),
            cli.data_dir.clone(),
            lang,
        ),
    };
    result.unwrap_or_else(|e| {
        // A reader that closed the pipe has read all it wanted.
        if printer::output_failure(&e) == Some(true) {
            return ExitCode::SUCCESS;
        }
        report!("eis: error: {}", crate::text::sanitize(&format!("{e:#}")));
        ExitCode::from(2)
    })
}

/// Runs a command that needs the data folder.
fn with_data_dir(
    overridden: Option<PathBuf>,
    command: impl FnOnce(&Path) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    if let Some(dir) = crate::clients::data_dir(overridden) {
        command(&dir)
    } else {
        report!("eis: error: no data folder could be found for this user; pass --data-dir PATH");
        Ok(ExitCode::from(2))
    }
}

/// The assessment by plain lines on stdin and stdout; with `journey`, the
/// journey follows the profile.
pub(crate) fn run_accessible(
    source: &Source,
    questions: Option<&Path>,
    journey: bool,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let (bank, catalogue) = match load_data(source, questions) {
        Ok((bank, catalogue)) => (bank.localized(lang), catalogue),
        Err(code) => return Ok(code),
    };
    let stdin = std::io::stdin();
    crate::accessible::run(
        &bank,
        &catalogue,
        journey,
        &mut stdin.lock(),
        &mut Printer::stdout(),
        lang,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the full-screen app; without a terminal, prints the help instead.
fn run_app(
    source: &Source,
    cache: Option<&Cache>,
    questions: Option<&Path>,
    theme: Option<crate::ui::theme::ThemeName>,
    data_dir: Option<PathBuf>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        let mut command = <Cli as clap::CommandFactory>::command();
        Printer::stdout().print(&command.render_help().to_string())?;
        return Ok(ExitCode::SUCCESS);
    }
    let bank = match load_bank(questions) {
        Ok(bank) => bank,
        Err(code) => return Ok(code),
    };
    let (catalogue, index) = match load_compiled(source, cache, true) {
        Ok(compiled) => compiled.with_index(),
        Err(code) => return Ok(code),
    };
    let mut app = crate::ui::Shell::new(
        crate::ui::App::with_index(
            bank,
            catalogue,
            index,
            crate::ui::theme::ThemeName::from_env(theme),
        )
        .speaking(lang),
    );
    if let Some(dir) = crate::clients::data_dir(data_dir) {
        match app.with_data_dir(dir) {
            Ok(with_clients) => app = with_clients,
            Err(e) => {
                report!("eis: error: {}", crate::text::sanitize(&e.to_string()));
                return Ok(ExitCode::from(2));
            }
        }
    } else {
        report!(
            "eis: warning: no data folder found; clients will not be saved (use --data-dir PATH)"
        );
    }
    crate::ui::terminal::run(app)?;
    Ok(ExitCode::SUCCESS)
}

/// Loads the question bank and the catalogue, for commands that need both.
fn load_data(
    source: &Source,
    questions: Option<&Path>,
) -> Result<(QuestionBank, Catalogue), ExitCode> {
    Ok((load_bank(questions)?, load_catalogue(source)?))
}

/// Loads the catalogue for a command that needs a valid one. On failure the
/// problems go to stderr and the exit code says which kind of failure it was.
fn load_catalogue(source: &Source) -> Result<Catalogue, ExitCode> {
    load_compiled(source, None, false).map(|compiled| compiled.catalogue)
}

/// [`load_catalogue`] through the compiled-catalogue cache when one is given,
/// with the search index when `with_index`.
fn load_compiled(
    source: &Source,
    cache: Option<&Cache>,
    with_index: bool,
) -> Result<Compiled, ExitCode> {
    let loaded = match cache {
        Some(cache) => cache.load(source, with_index),
        None => crate::cache::uncached(source, with_index),
    };
    loaded.map_err(|e| {
        print_diagnostics_to_stderr(e.diagnostics());
        report!("eis: error: {e}; run `eis check` for details");
        ExitCode::from(match e {
            CatalogueError::Unreadable { .. } => 2,
            CatalogueError::Invalid { .. } => 1,
        })
    })
}

/// Loads the question bank (the built-in one, or `path`); on failure the
/// problems go to stderr.
fn load_bank(path: Option<&Path>) -> Result<QuestionBank, ExitCode> {
    crate::assessment::bank::load(path).map_err(|diagnostics| {
        print_diagnostics_to_stderr(&diagnostics);
        report!("eis: error: the question bank cannot be used; run `eis check` for details");
        ExitCode::from(
            if diagnostics
                .iter()
                .any(|d| d.message.starts_with("cannot read"))
            {
                2
            } else {
                1
            },
        )
    })
}

/// Reads a file for a command (`-`: standard input): its name for messages,
/// and its bytes. An unreadable file is reported and gives exit code 2.
fn read_input(path: &Path) -> Result<(String, Vec<u8>), ExitCode> {
    let limit = crate::input::SMALL_FILE;
    let (name, read) = if path == Path::new("-") {
        ("standard input".to_owned(), crate::input::read_stdin(limit))
    } else {
        (path.display().to_string(), crate::input::read(path, limit))
    };
    match read {
        Ok(bytes) => Ok((name, bytes)),
        Err(e) => {
            report!(
                "eis: error: cannot read {}: {e}",
                crate::text::sanitize(&name)
            );
            Err(ExitCode::from(2))
        }
    }
}

/// Reads an answers file against the bank; warnings go to stderr.
fn read_answers(path: &Path, bank: &QuestionBank) -> Result<Answers, ExitCode> {
    let (name, bytes) = read_input(path)?;
    match Answers::read(&name, &bytes, bank) {
        Ok((answers, warnings)) => {
            for w in &warnings {
                report!("{}", crate::text::sanitize(&w.to_string()));
            }
            Ok(answers)
        }
        Err(errors) => {
            print_diagnostics_to_stderr(&errors);
            Err(ExitCode::from(1))
        }
    }
}

/// Reads a profile file (RON, or JSON for `.json`).
fn read_profile(path: &Path) -> Result<Profile, ExitCode> {
    let (name, bytes) = read_input(path)?;
    Profile::read(&name, &bytes).map_err(|d| {
        print_diagnostics_to_stderr(&[d]);
        ExitCode::from(1)
    })
}

fn print_diagnostics_to_stderr(diagnostics: &[Diagnostic]) {
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        report!("{}", crate::text::sanitize(&d.to_string()));
    }
}
