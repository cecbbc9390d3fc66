//! Kiosk mode: locked keys, the admin exit, the idle wipe, and the referral
//! slip — the only thing that ever leaves the kiosk.

use crate::common::{DATA, press, press_with, render, type_text};
use eis::i18n::Lang;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use eis::assessment::{Answers, assess};
use eis::journey::{DEFAULT_PER_STAGE, plan_journey};
use eis::kiosk::{KioskConfig, hash_passphrase};
use eis::report::Referral;
use eis::report::slip::render as slip;
use eis::ui::app::{Overlay, Screen, Status};
use eis::ui::keymap;
use eis::ui::theme::ThemeName;
use eis::ui::{App, Shell};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

static HASH: LazyLock<String> =
    LazyLock::new(|| hash_passphrase("open sesame 42").expect("a passphrase hashes"));

fn config(spool: &std::path::Path) -> KioskConfig {
    KioskConfig {
        idle_seconds: 120,
        warning_seconds: 30,
        spool: spool.to_owned(),
        print_command: Vec::new(),
        admin_passphrase: HASH.clone(),
        language: None,
    }
}

fn kiosk(spool: &std::path::Path, start: Instant) -> Shell {
    Shell::new(
        App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Default)
            .into_kiosk(config(spool), start),
    )
}

#[test]
fn keys_that_quit_or_suspend_elsewhere_do_nothing_at_a_kiosk() {
    let spool = tempfile::tempdir().unwrap();
    let mut app = kiosk(spool.path(), Instant::now());
    for screen_keys in [vec![], vec![KeyCode::Enter]] {
        for code in screen_keys {
            press(&mut app, code);
        }
        let screen = app.screen;
        for (code, modifiers) in [
            (KeyCode::Char('c'), KeyModifiers::CONTROL),
            (KeyCode::Char('z'), KeyModifiers::CONTROL),
            (KeyCode::Char('\\'), KeyModifiers::CONTROL),
            (KeyCode::Char('q'), KeyModifiers::NONE),
        ] {
            press_with(&mut app, code, modifiers);
            assert!(!app.quit, "{code:?} with {modifiers:?} quit the kiosk");
        }
        press(&mut app, KeyCode::Esc);
        assert!(!app.quit);
        if app.overlay.is_some() {
            press(&mut app, KeyCode::Char('n'));
        }
        assert_eq!(app.screen, screen);
    }
}

#[test]
fn the_admin_exit_needs_the_chord_and_the_right_passphrase() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut app = kiosk(spool.path(), start);
    // F11 alone, or after another key, does nothing.
    press(&mut app, KeyCode::F(11));
    press(&mut app, KeyCode::F(12));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::F(11));
    assert!(app.overlay.is_none());
    // The chord opens the prompt; a wrong passphrase is refused.
    press(&mut app, KeyCode::F(12));
    press(&mut app, KeyCode::F(11));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    type_text(&mut app, "open sesame 41");
    press(&mut app, KeyCode::Enter);
    assert!(!app.quit);
    assert_eq!(app.status, Some(Status::WrongPassphrase));
    assert_eq!(
        app.status.as_ref().map(|s| s.text(Lang::En)).as_deref(),
        Some("That is not the admin passphrase.")
    );
    // The right one, once the second after a wrong one has passed, ends the kiosk.
    app.input_at(start + Duration::from_secs(1));
    press(&mut app, KeyCode::F(12));
    press(&mut app, KeyCode::F(11));
    type_text(&mut app, "open sesame 42");
    press(&mut app, KeyCode::Enter);
    assert!(app.quit);
}

#[test]
fn a_wrong_passphrase_message_goes_with_its_screen_and_with_a_reset() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut app = kiosk(spool.path(), start);
    try_passphrase(&mut app, start, "not it");
    assert!(app.status.is_some());
    // The next visitor starts: the message stays behind.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(app.status, None);
    assert!(!render(&mut app, 80, 24).contains("admin passphrase"));
    // Set on a question, a reset to the welcome screen takes it away too.
    try_passphrase(&mut app, start + Duration::from_secs(5), "still not it");
    assert!(app.status.is_some());
    press(&mut app, KeyCode::F(10));
    assert_eq!(app.screen, Screen::Home);
    assert_eq!(app.status, None);
}

/// Types a passphrase into the admin prompt at `at`.
fn try_passphrase(app: &mut Shell, at: Instant, passphrase: &str) {
    app.input_at(at);
    press(app, KeyCode::F(12));
    press(app, KeyCode::F(11));
    type_text(app, passphrase);
    press(app, KeyCode::Enter);
}

#[test]
fn each_wrong_passphrase_doubles_the_wait_before_the_next_is_checked() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut app = kiosk(spool.path(), start);
    // Ten wrong guesses, each as soon as the one before allows: 1 + 2 + 4 +
    // … + 256 s pass before the tenth.
    let mut at = start;
    for wrong in 0..10 {
        if wrong > 0 {
            at += Duration::from_secs(1 << (wrong - 1));
        }
        try_passphrase(&mut app, at, "open sesame 41");
        assert_eq!(app.status, Some(Status::WrongPassphrase), "guess {wrong}");
    }
    assert_eq!(at - start, Duration::from_secs(511));
    // After the tenth, even the right passphrase is not checked for five
    // minutes (not 512 s: the wait is capped)…
    try_passphrase(&mut app, at + Duration::from_secs(1), "open sesame 42");
    assert!(!app.quit);
    assert_eq!(app.status, Some(Status::PassphraseWait { seconds: 299 }));
    assert_eq!(
        app.status.as_ref().map(|s| s.text(Lang::En)).as_deref(),
        Some("Too many wrong passphrases: try again in 299 s.")
    );
    // …and then it is.
    try_passphrase(&mut app, at + Duration::from_secs(300), "open sesame 42");
    assert!(app.quit);
}

#[test]
fn idleness_warns_with_a_countdown_then_wipes_everything() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut app = kiosk(spool.path(), start);
    // The short check: the country, then the region.
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "PL");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.answers.len(), 2);
    app.input_at(start + Duration::from_secs(5));

    app.tick(start + Duration::from_secs(80));
    assert!(
        app.overlay.is_none(),
        "no warning before the last 30 seconds"
    );
    app.tick(start + Duration::from_secs(100));
    assert!(matches!(app.overlay, Some(Overlay::IdleWarning)));
    assert_eq!(app.kiosk.as_ref().unwrap().warning_left, Some(25));
    // A key dismisses the warning and restarts the clock.
    assert!(app.input_at(start + Duration::from_secs(101)));
    assert!(app.overlay.is_none());
    app.tick(start + Duration::from_secs(200));
    assert!(app.overlay.is_some());
    app.tick(start + Duration::from_secs(221));
    assert_eq!(app.screen, Screen::Home);
    assert!(app.answers.is_empty(), "every answer is wiped");
    assert!(app.outcome.is_none());
    assert!(app.overlay.is_none());
    assert_eq!(app.search.input.value(), "");
    assert!(!spool.path().join("any").exists());
    assert_eq!(
        std::fs::read_dir(spool.path()).unwrap().count(),
        0,
        "nothing was written"
    );
}

#[test]
fn start_over_wipes_at_once() {
    let spool = tempfile::tempdir().unwrap();
    let mut app = kiosk(spool.path(), Instant::now());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Someone");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(10));
    assert_eq!(app.screen, Screen::Home);
    assert!(app.answers.is_empty());
}

#[test]
fn leaving_a_kiosk_assessment_says_the_answers_last_until_start_over() {
    let spool = tempfile::tempdir().unwrap();
    let mut app = kiosk(spool.path(), Instant::now());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("kiosk_confirm_leave_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("kiosk_confirm_leave_120x40", render(&mut app, 120, 40));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("until you start over"), "{screen}");
    assert!(!screen.contains("until you quit"), "{screen}");
}

#[test]
fn the_slip_is_written_only_when_asked_and_only_to_the_spool() {
    let root = tempfile::tempdir().unwrap();
    let spool = root.path().join("spool");
    let mut app = kiosk(&spool, Instant::now());
    app.answers = answers_of("personas/alentejo-olive-oil-first-markets");
    app.update(keymap::Action::StartAssessment);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    assert!(!spool.exists(), "nothing leaves the kiosk unasked");
    press(&mut app, KeyCode::Char('p'));
    let slips: Vec<_> = std::fs::read_dir(&spool)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(slips.len(), 1);
    let text = std::fs::read_to_string(&slips[0]).unwrap();
    let reference = slips[0].file_stem().unwrap().to_str().unwrap();
    assert!(text.contains(&format!("Reference: {reference}")));
    assert!(
        !text.contains("Lagar"),
        "the slip carries no answers, not even the company's name"
    );
    assert_eq!(
        std::fs::read_dir(root.path()).unwrap().count(),
        1,
        "only the spool folder appeared"
    );
    assert_eq!(
        app.status,
        Some(Status::SlipWritten {
            reference: reference.to_owned()
        })
    );
    let status = app
        .status
        .as_ref()
        .map(|s| s.text(Lang::En))
        .unwrap_or_default();
    assert!(status.contains(reference), "{status}");
}

/// The referral slip of a persona of `tests/fixtures/personas`.
fn slip_of(persona: &str) -> String {
    slip_of_file(&format!("personas/{persona}"))
}

/// The answers of a file of `tests/fixtures` (without `.ron`).
fn answers_of(file: &str) -> Answers {
    let path = format!("{}/tests/fixtures/{file}.ron", env!("CARGO_MANIFEST_DIR"));
    Answers::read(&path, &std::fs::read(&path).unwrap(), &DATA.0)
        .unwrap()
        .0
}

/// The referral slip of an answers file of `tests/fixtures` (without `.ron`).
fn slip_of_file(file: &str) -> String {
    let answers = answers_of(file);
    let profile = assess(&DATA.0, &answers, Lang::En);
    let journey = plan_journey(&profile, &DATA.1, DEFAULT_PER_STAGE, Lang::En);
    slip(
        &Referral::new(&profile, Some(&journey), Lang::En),
        "K7QM-92XA",
        "2026-11-23",
    )
}

#[test]
fn the_slip_reads_as_a_short_plain_journey() {
    insta::assert_snapshot!("kiosk_slip", slip_of("alentejo-olive-oil-first-markets"));
}

#[test]
fn a_service_the_visitor_may_not_be_eligible_for_says_what_to_check() {
    // A journey long enough to hold Údarás na Gaeltachta, which a Donegal
    // firm that does not know whether it is in the Gaeltacht may possibly
    // use: how the slip says so, whatever the ranking places first.
    let answers = answers_of("answers/donegal-gaeltacht-dont-know");
    let profile = assess(&DATA.0, &answers, Lang::En);
    let journey = plan_journey(&profile, &DATA.1, 10, Lang::En);
    assert!(
        journey
            .stages
            .iter()
            .flat_map(|s| &s.steps)
            .any(|step| step.service.as_str() == "udaras-enterprise-supports"),
        "Údarás is in the longer journey"
    );
    let text = slip(
        &Referral::new(&profile, Some(&journey), Lang::En),
        "K7QM-92XA",
        "2026-11-23",
    );
    assert!(
        text.contains("possibly eligible — check: whether your business is in a Gaeltacht area"),
        "{text}"
    );
}

#[test]
fn the_slip_of_a_firm_outside_the_catalogue_says_so_first() {
    let text = slip_of("norway-seafood-exporter");
    let note = text
        .find("Your country (Norway) is not in this catalogue yet")
        .unwrap_or_else(|| panic!("no note in:\n{text}"));
    // Before any service is listed.
    assert!(text.find("1. ").is_none_or(|first| note < first), "{text}");
}

#[test]
fn the_config_needs_a_real_hash_not_a_plain_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.ron");
    std::fs::write(
        &path,
        "Kiosk(spool: \"/tmp/slips\", admin_passphrase: \"open sesame 42\")",
    )
    .unwrap();
    let error = KioskConfig::load(&path).unwrap_err().to_string();
    assert!(error.contains("is not a passphrase hash"), "{error}");
    std::fs::write(
        &path,
        format!(
            "Kiosk(idle_seconds: 60, spool: \"/tmp/slips\", admin_passphrase: \"{}\")",
            *HASH
        ),
    )
    .unwrap();
    let config = KioskConfig::load(&path).unwrap();
    assert_eq!((config.idle_seconds, config.warning_seconds), (60, 30));
    assert!(config.admits("open sesame 42"));
    assert!(!config.admits("open sesame"));
}

#[test]
fn the_welcome_screen_and_the_idle_warning() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut app = kiosk(spool.path(), start);
    insta::assert_snapshot!("kiosk_welcome_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("kiosk_welcome_120x40", render(&mut app, 120, 40));
    let start_over = app
        .targets
        .iter()
        .find(|t| t.action == keymap::Action::StartOver)
        .expect("Start over is always there");
    assert!(start_over.area.width >= 10);
    app.tick(start + Duration::from_secs(110));
    insta::assert_snapshot!("kiosk_idle_warning_80x24", render(&mut app, 80, 24));
}

#[test]
fn a_hash_asking_argon2_for_too_much_is_refused_before_any_try() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.ron");
    assert!(HASH.contains("$m=19456,t=2,p=1$"), "{}", *HASH);
    for (params, accepted) in [
        ("m=262144,t=16,p=8", true),
        ("m=4194304,t=2,p=1", false),
        ("m=19456,t=1000,p=1", false),
        ("m=19456,t=2,p=64", false),
    ] {
        let hash = HASH.replace("m=19456,t=2,p=1", params);
        std::fs::write(
            &path,
            format!("Kiosk(spool: \"/tmp/slips\", admin_passphrase: \"{hash}\")"),
        )
        .unwrap();
        match KioskConfig::load(&path) {
            Ok(_) => assert!(accepted, "{params} accepted"),
            Err(e) => {
                assert!(!accepted, "{params}: {e}");
                assert!(
                    e.to_string().contains(&format!(
                        "`admin_passphrase` asks Argon2 for {}, more than a kiosk can spend on each try",
                        params.replace(',', ", ")
                    )),
                    "{e}"
                );
            }
        }
    }
}

/// A kiosk whose print command is `command`, on the results of a persona.
#[cfg(unix)]
fn kiosk_on_results(spool: &std::path::Path, command: &[&str], start: Instant) -> Shell {
    let mut config = config(spool);
    config.print_command = command.iter().map(|&s| s.to_owned()).collect();
    let mut app = Shell::new(
        App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Default).into_kiosk(config, start),
    );
    app.answers = answers_of("personas/alentejo-olive-oil-first-markets");
    app.update(keymap::Action::StartAssessment);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    app
}

#[cfg(unix)]
#[test]
fn a_slow_print_command_never_holds_the_kiosk_up() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut app = kiosk_on_results(spool.path(), &["sleep", "5"], start);
    let pressed = Instant::now();
    press(&mut app, KeyCode::Char('p'));
    assert!(
        pressed.elapsed() < Duration::from_secs(2),
        "{:?}",
        pressed.elapsed()
    );
    assert!(matches!(app.status, Some(Status::SlipWritten { .. })));
    assert!(
        app.status
            .as_ref()
            .map(|s| s.text(Lang::En))
            .unwrap_or_default()
            .contains("slip is ready")
    );
    // The idle wipe still comes on time, and drops the print job's news.
    app.tick(start + Duration::from_secs(121));
    assert_eq!(app.screen, Screen::Home);
    assert!(app.kiosk.as_ref().unwrap().printing.is_none());
}

#[cfg(unix)]
#[test]
fn a_failed_print_command_is_told_once_it_ends() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut app = kiosk_on_results(spool.path(), &["false"], start);
    press(&mut app, KeyCode::Char('p'));
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.kiosk.as_ref().unwrap().printing.is_some() {
        assert!(Instant::now() < deadline, "the print command never ended");
        std::thread::sleep(Duration::from_millis(20));
        app.tick(start + Duration::from_secs(1));
    }
    assert_eq!(app.status, Some(Status::SlipFailed));
    assert_eq!(
        app.status.as_ref().map(|s| s.text(Lang::En)).as_deref(),
        Some("Sorry, the slip could not be printed. Please ask at the desk.")
    );
}

#[cfg(unix)]
#[test]
fn a_print_command_past_its_time_is_stopped() {
    let started = Instant::now();
    let mut command = std::process::Command::new("sleep");
    command.arg("20");
    let error = eis::kiosk::run_for_at_most(command, Duration::from_millis(200)).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

/// Whoever starts a kiosk learns at once what would stop it from serving:
/// a spool folder that does not exist (a mistyped path is not created in
/// silence), or no terminal to draw on.
#[test]
fn a_kiosk_refuses_to_start_without_its_spool_folder_or_a_terminal() {
    let root = tempfile::tempdir().unwrap();
    let spool = root.path().join("slipz");
    let config = root.path().join("kiosk.ron");
    let write_config = || {
        std::fs::write(
            &config,
            format!(
                "Kiosk(spool: \"{}\", admin_passphrase: \"{}\")",
                spool.display(),
                *HASH
            ),
        )
        .unwrap();
    };
    write_config();
    let run = || {
        crate::common::eis_command("2026-11-23")
            .arg("kiosk")
            .arg("--config")
            .arg(&config)
            .output()
            .unwrap()
    };
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("does not exist; create it"), "{stderr}");
    assert!(!spool.exists(), "the mistyped folder was not created");

    std::fs::create_dir(&spool).unwrap();
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the kiosk needs a terminal"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}
