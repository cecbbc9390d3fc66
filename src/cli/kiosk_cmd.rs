//! `eis kiosk --config PATH`: the self-service kiosk; and
//! `eis kiosk --hash-passphrase`, which turns a passphrase into the hash the
//! config keeps.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::printer::{Printer, report};
use crate::i18n::Lang;
use crate::kiosk::{KioskConfig, hash_passphrase, reference, spool};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The kiosk's config file (see docs/kiosk.md).
    #[arg(long, value_name = "PATH", required_unless_present = "hash_passphrase")]
    config: Option<PathBuf>,
    /// Read a passphrase from standard input and print its hash for the config.
    #[arg(long)]
    hash_passphrase: bool,
}

pub fn run(
    args: &Args,
    source: &crate::catalogue::Source,
    questions: Option<&Path>,
    accessible: bool,
    asked: Option<crate::i18n::Lang>,
) -> anyhow::Result<ExitCode> {
    if args.hash_passphrase {
        let _ = write!(std::io::stderr(), "Admin passphrase: ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        crate::input::read_line(&mut std::io::stdin().lock(), &mut line)?;
        let passphrase = line.trim_end_matches(['\r', '\n']);
        if passphrase.chars().count() < 8 {
            report!("eis: error: use a passphrase of at least 8 characters");
            return Ok(ExitCode::from(1));
        }
        Printer::stdout().print(&(hash_passphrase(passphrase)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &args.config else {
        return Ok(ExitCode::from(2));
    };
    // The answers are in memory: a core file would hold them.
    no_core_dumps();
    let mut config = match KioskConfig::load(path) {
        Ok(config) => config,
        Err(e) => {
            report!("eis: error: {}", crate::text::sanitize(&e.to_string()));
            return Ok(ExitCode::from(match e {
                crate::kiosk::KioskError::Read { .. } => 2,
                _ => 1,
            }));
        }
    };
    // A kiosk that cannot hand out slips, or cannot draw its screen, is found
    // out now, by whoever starts it, not by the first visitor.
    if let Err(problem) = spool_problem(&config.spool) {
        report!(
            "eis: error: {}: the spool folder {problem}",
            crate::text::sanitize(&path.display().to_string())
        );
        return Ok(ExitCode::from(1));
    }
    let at_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !accessible && !at_terminal {
        report!(
            "eis: error: the kiosk needs a terminal to draw its screen, and its input or output is \
             not one; run it on a console (for example from a getty or a kiosk session), or use \
             --accessible for a kiosk by lines"
        );
        return Ok(ExitCode::from(2));
    }
    let (bank, catalogue) = match super::load_data(source, questions) {
        Ok(data) => data,
        Err(code) => return Ok(code),
    };
    // `--lang` first, then the config's language, then the locale's; the
    // kiosk returns to it after every visitor.
    let lang = asked
        .or(config.language)
        .unwrap_or_else(crate::i18n::Lang::from_environment_variables);
    config.language = Some(lang);
    if accessible {
        return accessible_kiosk(&bank.localized(lang), &catalogue, &config, lang);
    }
    let app = crate::ui::App::new(bank, catalogue, crate::ui::theme::ThemeName::HighContrast)
        .into_kiosk(config, std::time::Instant::now());
    crate::ui::terminal::run(crate::ui::Shell::new(app))?;
    Ok(ExitCode::SUCCESS)
}

/// The kiosk by plain lines: the assessment, then the offer of a slip. At a
/// terminal it cannot be left: Ctrl+C, Ctrl+\ and Ctrl+Z do nothing, and
/// the end of the input (Ctrl+D) or of a visit starts over for the next
/// visitor; it ends on SIGTERM or SIGHUP, as from its supervisor. With
/// input from a pipe or a file, it ends with the input, after one visit.
fn accessible_kiosk(
    bank: &crate::assessment::QuestionBank,
    catalogue: &crate::catalogue::Catalogue,
    config: &KioskConfig,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal as _;
    let at_terminal = std::io::stdin().is_terminal();
    if at_terminal {
        ignore_keyboard_signals()?;
    }
    loop {
        accessible_visit(bank, catalogue, config, lang)?;
        // What the visitor answered went with the visit.
        if !at_terminal {
            return Ok(ExitCode::SUCCESS);
        }
    }
}

/// Why the spool folder cannot take slips, if it cannot: it must exist
/// already (a mistyped path is not created in silence) and be a folder.
fn spool_problem(spool: &Path) -> Result<(), String> {
    let shown = crate::text::sanitize(&spool.display().to_string()).into_owned();
    match std::fs::metadata(spool) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(format!("{shown} is not a folder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "{shown} does not exist; create it for the kiosk's user only (`mkdir -m 700 {shown}`) \
             or correct `spool` in the config"
        )),
        Err(e) => Err(format!("{shown} cannot be read: {e}")),
    }
}

/// The signals a keyboard sends (Ctrl+C, Ctrl+\, Ctrl+Z), caught so that
/// they do nothing: the handlers only set a flag no one reads.
fn ignore_keyboard_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGQUIT, SIGTSTP};
        let ignored = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        for signal in [SIGINT, SIGQUIT, SIGTSTP] {
            signal_hook::flag::register(signal, std::sync::Arc::clone(&ignored))?;
        }
    }
    Ok(())
}

/// Turns core dumps off for this process (best effort): a kiosk's memory
/// holds a visitor's answers.
fn no_core_dumps() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        );
    }
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}

/// One visitor by lines: the assessment, then the offer of a slip.
fn accessible_visit(
    bank: &crate::assessment::QuestionBank,
    catalogue: &crate::catalogue::Catalogue,
    config: &KioskConfig,
    lang: Lang,
) -> anyhow::Result<()> {
    use crate::i18n::Text;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = Printer::stdout();
    let ended = crate::accessible::run(bank, catalogue, true, &mut input, &mut out, lang)?;
    let crate::accessible::Ended::Finished(answers) = ended else {
        return Ok(());
    };
    writeln!(out, "{}? yes / no", lang.tr(Text::SlipButton))?;
    let mut line = String::new();
    crate::input::read_line(&mut input, &mut line)?;
    if line.trim().eq_ignore_ascii_case("yes") || line.trim().eq_ignore_ascii_case("y") {
        let profile = crate::assessment::assess(bank, &answers, lang);
        let journey = crate::journey::plan_journey(
            &profile,
            catalogue,
            crate::journey::DEFAULT_PER_STAGE,
            lang,
        );
        let code = reference();
        let referral = crate::report::Referral::new(&profile, Some(&journey), lang);
        let text = crate::report::slip::render(&referral, &code, &crate::today().to_string());
        match spool(config, &code, &text) {
            Ok(_) => writeln!(
                out,
                "{}",
                lang.fill(Text::SlipWritten, &[("reference", &code)])
            )?,
            Err(_) => writeln!(out, "{}", lang.tr(Text::SlipFailed))?,
        }
    }
    Ok(())
}
