//! The kiosk's two parts: a visitor starts with the short check, gets a
//! stage, needs and a first referral (with its slip), and may then go on to
//! the full assessment, which keeps every answer and asks only what is
//! left. The idle wipe, "start over", leaving and the slip work in both.

use std::time::{Duration, Instant};

use eis::assessment::assess;
use eis::kiosk::KioskConfig;
use eis::ui::app::{HomeItem, Overlay, Screen, Status};
use eis::ui::theme::ThemeName;
use eis::ui::{App, Shell};
use ratatui::crossterm::event::KeyCode;

use crate::common::{DATA, answer_with_keys, persona, press, render};

const PERSONA: &str = "pomorskie-machining-subcontractor-weak-compliance";

fn kiosk(spool: &std::path::Path, start: Instant) -> Shell {
    let config = KioskConfig {
        idle_seconds: 120,
        warning_seconds: 30,
        spool: spool.to_owned(),
        print_command: Vec::new(),
        // Never checked here: no test opens the admin prompt.
        admin_passphrase: String::new(),
        language: None,
    };
    Shell::new(
        App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Default).into_kiosk(config, start),
    )
}

/// Answers questions as the persona would until no question is open;
/// returns the ids asked, in order.
fn answer_all(app: &mut Shell, name: &str) -> Vec<String> {
    let answers = persona(name);
    let mut asked = Vec::new();
    while app.screen == Screen::Question && asked.len() < 100 {
        let id = app.form.question.clone();
        asked.push(id.clone());
        answer_with_keys(app, answers.get(&id));
        assert_ne!(
            (app.screen, app.form.question.as_str()),
            (Screen::Question, id.as_str()),
            "the answer to `{id}` was refused: {:?}",
            app.form.error
        );
    }
    asked
}

fn slips(spool: &std::path::Path) -> usize {
    std::fs::read_dir(spool).map_or(0, Iterator::count)
}

/// The kiosk on the short check's results for the persona.
fn on_short_results(spool: &std::path::Path, start: Instant) -> (Shell, Vec<String>) {
    let mut app = kiosk(spool, start);
    assert!(app.in_short_check());
    press(&mut app, KeyCode::Enter);
    let asked = answer_all(&mut app, PERSONA);
    assert_eq!(app.screen, Screen::Review);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    (app, asked)
}

#[test]
fn a_visitor_gets_a_first_referral_from_the_short_check_then_the_rest_of_the_assessment() {
    let spool = tempfile::tempdir().unwrap();
    let (mut app, short) = on_short_results(spool.path(), Instant::now());
    assert_eq!(short.first().map(String::as_str), Some("country"));
    assert!(short.len() <= 12, "{short:?}");
    assert_eq!(app.answers.len(), short.len());
    // The short check's results: the stage the full assessment gives.
    let full = assess(&DATA.0, &persona(PERSONA), eis::i18n::Lang::En);
    let outcome = app.outcome.as_ref().expect("results");
    assert_eq!(outcome.profile.stage, full.stage);
    assert!(!outcome.profile.needs.is_empty(), "top needs are shown");
    assert_eq!(app.status, Some(Status::QuickCheckDone));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("f full assessment"), "{screen}");
    // Its slip.
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(slips(spool.path()), 1);

    // One key on: the first question the short check did not ask.
    press(&mut app, KeyCode::Char('f'));
    assert!(!app.in_short_check());
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(app.answers.len(), short.len(), "every answer is kept");
    let rest = answer_all(&mut app, PERSONA);
    for id in &rest {
        assert!(!short.contains(id), "`{id}` was asked twice");
    }
    let visible: Vec<String> = DATA
        .0
        .visible(&app.answers)
        .iter()
        .map(|q| q.id.clone())
        .collect();
    let mut all: Vec<String> = short.iter().chain(&rest).cloned().collect();
    all.sort();
    let mut expected = visible.clone();
    expected.sort();
    assert_eq!(all, expected, "every question is asked once");
    assert_eq!(app.screen, Screen::Review);

    // The full results: no offer of more, and a slip of their own.
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.status, None);
    let outcome = app.outcome.as_ref().expect("results");
    assert_eq!(outcome.profile.stage, full.stage);
    assert_eq!(outcome.profile, assess(&DATA.0, &app.answers, app.lang));
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("full assessment"), "{screen}");
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.screen, Screen::Results, "f does nothing any more");
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(slips(spool.path()), 2);
}

#[test]
fn going_back_from_the_rest_shows_the_short_checks_answers_then_skips_them_again() {
    let spool = tempfile::tempdir().unwrap();
    let (mut app, short) = on_short_results(spool.path(), Instant::now());
    press(&mut app, KeyCode::Char('f'));
    // On to the first question left that follows one of the short check's.
    let answers = persona(PERSONA);
    let follows_short = |app: &Shell| {
        let visible = app.visible();
        let at = visible.iter().position(|q| q.id == app.form.question);
        at.and_then(|i| i.checked_sub(1))
            .is_some_and(|i| short.contains(&visible[i].id))
    };
    while !follows_short(&app) {
        let id = app.form.question.clone();
        answer_with_keys(&mut app, answers.get(&id));
        assert_eq!(app.screen, Screen::Question);
    }
    let first = app.form.question.clone();
    // Back one: a question of the short check, with its answer.
    press(&mut app, KeyCode::BackTab);
    let previous = app.form.question.clone();
    assert!(short.contains(&previous), "{previous}");
    assert!(
        app.form
            .answer(app.question().unwrap(), app.lang)
            .unwrap()
            .is_some()
    );
    // Forward again: the question left, not the short check's next.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, first);
}

#[test]
fn the_welcome_screen_offers_the_full_assessment_once_the_short_check_has_results() {
    let spool = tempfile::tempdir().unwrap();
    let app = kiosk(spool.path(), Instant::now());
    assert!(!app.home_items().contains(&HomeItem::FullAssessment));
    let (mut app, _) = on_short_results(spool.path(), Instant::now());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    let items = app.home_items();
    let at = items
        .iter()
        .position(|i| *i == HomeItem::FullAssessment)
        .expect("offered");
    insta::assert_snapshot!("kiosk_short_home_after_80x24", render(&mut app, 80, 24));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Go on to the full assessment"), "{screen}");
    app.update(eis::ui::keymap::Action::Pick(at));
    assert_eq!(app.screen, Screen::Question);
    assert!(!app.in_short_check());
    assert!(!app.home_items().contains(&HomeItem::FullAssessment));
}

#[test]
fn leaving_either_part_keeps_its_answers_and_start_over_returns_to_the_short_check() {
    let spool = tempfile::tempdir().unwrap();
    let mut app = kiosk(spool.path(), Instant::now());
    // The short check, left at its second question.
    press(&mut app, KeyCode::Enter);
    answer_with_keys(&mut app, persona(PERSONA).get("country"));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.screen, Screen::Home);
    assert_eq!(app.answers.len(), 1);
    assert!(app.in_short_check());
    // Continuing reviews the short check's questions only.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Review);
    assert!(app.visible().len() <= 12);

    // The rest, left at its first question: the whole bank is reviewed.
    let (mut app, short) = on_short_results(spool.path(), Instant::now());
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.screen, Screen::Home);
    assert_eq!(app.answers.len(), short.len());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Review);
    assert!(app.visible().len() > 12);

    // Start over: the next visitor begins with the short check.
    press(&mut app, KeyCode::F(10));
    assert!(app.in_short_check());
    assert!(app.answers.is_empty());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "country");
}

#[test]
fn the_idle_wipe_in_the_full_assessment_returns_to_the_short_check() {
    let spool = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let (mut app, _) = on_short_results(spool.path(), start);
    press(&mut app, KeyCode::Char('f'));
    assert!(!app.in_short_check());
    app.tick(start + Duration::from_secs(121));
    assert_eq!(app.screen, Screen::Home);
    assert!(app.answers.is_empty());
    assert!(app.outcome.is_none());
    assert!(app.in_short_check());
    assert!(app.bank.questions().len() <= DATA.0.short_check().questions().len());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "country");
}

#[test]
fn the_short_check_screens_at_80x24() {
    let spool = tempfile::tempdir().unwrap();
    let mut app = kiosk(spool.path(), Instant::now());
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("kiosk_short_question_80x24", render(&mut app, 80, 24));
    let (mut app, _) = on_short_results(spool.path(), Instant::now());
    insta::assert_snapshot!("kiosk_short_results_80x24", render(&mut app, 80, 24));
    press(&mut app, KeyCode::Char('f'));
    insta::assert_snapshot!("kiosk_short_rest_first_80x24", render(&mut app, 80, 24));
}
