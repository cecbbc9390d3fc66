//! The app in every language: the assessment, the results and the kiosk
//! welcome at 80×24 in each, with every key hint of the bar shown in full;
//! switching language from the home screen (keys and clicks) and at the kiosk;
//! and the engine's sentences following the language.

use crate::common::{self, DATA, Keys, press, render, rows};
use std::time::Instant;

use eis::assessment::{Answers, assess};
use eis::i18n::{self, Lang, Text};
use eis::kiosk::KioskConfig;
use eis::ui::App;
use eis::ui::app::Screen;
use eis::ui::keymap::{self, Action};
use eis::ui::theme::ThemeName;
use ratatui::crossterm::event::KeyCode;

/// The persona most screens are shown with.
fn persona() -> Answers {
    common::persona("pomorskie-machining-subcontractor-weak-compliance")
}

/// An app speaking `lang`.
fn app_in(lang: Lang) -> App {
    App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono).speaking(lang)
}

/// Every hint the screen offers is on the bar, whole: none dropped for
/// want of room, none cut.
#[track_caller]
fn assert_hints_fit(app: &App, screen: &str) {
    let rows = rows(screen);
    let bar = rows.last().expect("a hint bar");
    for (key, text, action) in keymap::hinted_bindings(app.context()) {
        if app.allows(action) {
            let hint = format!("{key} {}", app.lang.tr(text));
            assert!(
                bar.contains(&hint),
                "{}: the hint `{hint}` does not fit the bar: {bar:?}",
                app.lang
            );
        }
    }
}

/// The screen's texts are the language's own: none of the English ones
/// that differ from it shows (a missing translation would).
#[track_caller]
fn assert_not_english(lang: Lang, screen: &str, texts: &[Text]) {
    if lang == Lang::En {
        return;
    }
    for text in texts {
        let english = i18n::english(*text);
        if english != lang.tr(*text) {
            assert!(
                !screen.contains(english),
                "{lang}: `{english}` shows in English"
            );
        }
    }
}

/// Answers the persona's questions by setting them directly (the key-driven
/// path is tested in `ui.rs`), up to `stop` or to the review.
fn answer_up_to(app: &mut App, answers: &Answers, stop: Option<&str>) {
    press(app, KeyCode::Enter);
    for _ in 0..100 {
        if app.screen != Screen::Question || Some(app.form.question.as_str()) == stop {
            return;
        }
        let id = app.form.question.clone();
        if let Some(answer) = answers.get(&id) {
            let question = app.bank.question(&id).expect("the question exists");
            app.form = eis::ui::app::form::Form::open(question, Some(answer));
        }
        press(app, KeyCode::Enter);
    }
    panic!("the assessment did not end");
}

/// A kiosk that speaks `lang` (nothing is printed or saved in these tests).
fn kiosk_config(lang: Lang) -> KioskConfig {
    KioskConfig {
        idle_seconds: 120,
        warning_seconds: 30,
        spool: std::env::temp_dir(),
        print_command: Vec::new(),
        admin_passphrase: String::new(),
        language: Some(lang),
    }
}

#[test]
fn the_assessment_in_every_language() {
    let answers = persona();
    for lang in Lang::ALL {
        let mut app = app_in(lang);
        answer_up_to(&mut app, &answers, Some("modes"));
        assert_eq!(app.form.question, "modes");
        let screen = render(&mut app, 80, 24);
        assert_hints_fit(&app, &screen);
        assert_not_english(
            lang,
            &screen,
            &[Text::QuestionOf, Text::KeyNext, Text::KeyLeave],
        );
        let prompt = &app.bank.question("modes").expect("modes").prompt;
        let first_words: String = prompt.chars().take(20).collect();
        assert!(
            screen.contains(&first_words),
            "{lang}: the prompt is not shown"
        );
        insta::assert_snapshot!(format!("{lang}_question_multiple_80x24"), screen);

        answer_up_to(&mut app, &answers, Some("skills"));
        let screen = render(&mut app, 80, 24);
        assert_hints_fit(&app, &screen);
        insta::assert_snapshot!(format!("{lang}_question_scale_80x24"), screen);
    }
}

#[test]
fn the_results_in_every_language() {
    let answers = persona();
    for lang in Lang::ALL {
        let mut app = app_in(lang);
        answer_up_to(&mut app, &answers, None);
        assert_eq!(app.screen, Screen::Review);
        press(&mut app, KeyCode::Char('r'));
        assert_eq!(app.screen, Screen::Results);
        let screen = render(&mut app, 80, 24);
        assert_hints_fit(&app, &screen);
        assert_not_english(
            lang,
            &screen,
            &[Text::ResultsTitle, Text::Readiness, Text::JourneyTitle],
        );
        insta::assert_snapshot!(format!("{lang}_results_80x24"), screen);
    }
}

#[test]
fn the_kiosk_welcome_in_every_language() {
    for lang in Lang::ALL {
        let config = kiosk_config(lang);
        let mut app = App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono)
            .into_kiosk(config, Instant::now());
        assert_eq!(app.lang, lang, "the kiosk speaks its config's language");
        let screen = render(&mut app, 80, 24);
        assert_hints_fit(&app, &screen);
        assert_not_english(lang, &screen, &[Text::KioskWelcome, Text::KioskIntro]);
        insta::assert_snapshot!(format!("{lang}_kiosk_welcome_80x24"), screen);
    }
}

#[test]
fn f2_and_clicks_switch_the_language_and_answers_carry_over() {
    let answers = persona();
    let mut app = app_in(Lang::En);
    answer_up_to(&mut app, &answers, None);
    press(&mut app, KeyCode::Char('r'));
    let english_reason = app
        .outcome
        .as_ref()
        .expect("results")
        .profile
        .stage_reason
        .clone();
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    let before = app.answers.clone();
    press(&mut app, KeyCode::F(2));
    assert_eq!(app.lang, Lang::Da);
    let outcome = app.outcome.as_ref().expect("the results are kept");
    assert_ne!(outcome.profile.stage_reason, english_reason);
    assert_eq!(
        outcome.profile.stage,
        assess(&DATA.0, &app.answers, Lang::En).stage
    );
    assert_eq!(app.answers, before);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains(Lang::Da.tr(Text::HomeResume)), "{screen}");

    // A click on a language's own name chooses it.
    let target = app
        .targets
        .iter()
        .find(|t| t.action == Action::SetLanguage(Lang::Hr))
        .expect("Hrvatski is clickable")
        .area;
    let action = app.target_at(target.x, target.y).expect("a click target");
    app.act(action);
    assert_eq!(app.lang, Lang::Hr);
    assert_eq!(
        app.bank.question("country").map(|q| q.prompt.as_str()),
        DATA.0
            .localized(Lang::Hr)
            .question("country")
            .map(|q| q.prompt.clone())
            .as_deref()
    );
}

#[test]
fn the_kiosk_greets_the_next_visitor_in_its_own_language() {
    let config = kiosk_config(Lang::Pt);
    let start = Instant::now();
    let mut app =
        App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono).into_kiosk(config, start);
    assert_eq!(app.lang, Lang::Pt);
    press(&mut app, KeyCode::F(2));
    assert_eq!(app.lang, Lang::Hr);
    app.act(Action::StartOver);
    assert_eq!(app.lang, Lang::Pt);
}

#[test]
fn engine_sentences_follow_the_language() {
    let answers = persona();
    let english = assess(&DATA.0, &answers, Lang::En);
    for lang in Lang::ALL.into_iter().skip(1) {
        let bank = DATA.0.localized(lang);
        let profile = assess(&bank, &answers, lang);
        // Scores, stage and needs are the same in every language; only the words differ.
        assert_eq!(profile.dimensions, english.dimensions, "{lang}");
        assert_eq!(profile.stage, english.stage, "{lang}");
        assert_eq!(
            profile.needs.iter().map(|n| n.need).collect::<Vec<_>>(),
            english.needs.iter().map(|n| n.need).collect::<Vec<_>>(),
            "{lang}"
        );
        assert_ne!(profile.stage_reason, english.stage_reason, "{lang}");
        let journey =
            eis::journey::plan_journey(&profile, &DATA.1, eis::journey::DEFAULT_PER_STAGE, lang);
        // A Polish firm's first step has Polish text: the catalogue carries it.
        if lang == Lang::Pl {
            let first = &journey.stages[0].steps[0];
            assert!(!first.next_step_in_english, "{first:?}");
        }
    }
}

/// The counts the plural tests take: 0, one, and numbers that fall in a
/// different category in some language (2 and 22 `few`, 5 and 25 `many`
/// in Polish; 21 `one` in Croatian).
const COUNTS: [u64; 7] = [0, 1, 2, 5, 21, 22, 25];

fn counts_in(lang: Lang, text: i18n::Counted) -> Vec<String> {
    COUNTS
        .iter()
        .map(|&n| lang.count(text, n, &[("updated", "2026-11-23")]))
        .collect()
}

#[test]
fn the_service_count_agrees_with_its_number_in_every_language() {
    let expected: [(Lang, [&str; 7]); 6] = [
        (
            Lang::En,
            [
                "0 services",
                "1 service",
                "2 services",
                "5 services",
                "21 services",
                "22 services",
                "25 services",
            ],
        ),
        (
            Lang::Da,
            [
                "0 tilbud",
                "1 tilbud",
                "2 tilbud",
                "5 tilbud",
                "21 tilbud",
                "22 tilbud",
                "25 tilbud",
            ],
        ),
        (
            Lang::Pl,
            [
                "0 usług",
                "1 usługa",
                "2 usługi",
                "5 usług",
                "21 usług",
                "22 usługi",
                "25 usług",
            ],
        ),
        (
            Lang::It,
            [
                "0 servizi",
                "1 servizio",
                "2 servizi",
                "5 servizi",
                "21 servizi",
                "22 servizi",
                "25 servizi",
            ],
        ),
        (
            Lang::Pt,
            [
                "0 serviços",
                "1 serviço",
                "2 serviços",
                "5 serviços",
                "21 serviços",
                "22 serviços",
                "25 serviços",
            ],
        ),
        (
            Lang::Hr,
            [
                "0 usluga",
                "1 usluga",
                "2 usluge",
                "5 usluga",
                "21 usluga",
                "22 usluge",
                "25 usluga",
            ],
        ),
    ];
    for (lang, forms) in expected {
        assert_eq!(counts_in(lang, i18n::Counted::HitsCount), forms, "{lang}");
    }
}

#[test]
fn people_and_assessments_count_in_english_polish_and_croatian() {
    use i18n::Counted::{ClientAssessments, CompanyStaff};
    assert_eq!(
        counts_in(Lang::En, CompanyStaff),
        [
            "0 staff",
            "1 member of staff",
            "2 staff",
            "5 staff",
            "21 staff",
            "22 staff",
            "25 staff"
        ]
    );
    assert_eq!(
        counts_in(Lang::Pl, CompanyStaff),
        [
            "zatrudnienie: 0 osób",
            "zatrudnienie: 1 osoba",
            "zatrudnienie: 2 osoby",
            "zatrudnienie: 5 osób",
            "zatrudnienie: 21 osób",
            "zatrudnienie: 22 osoby",
            "zatrudnienie: 25 osób"
        ]
    );
    assert_eq!(
        counts_in(Lang::Hr, CompanyStaff),
        [
            "0 zaposlenika",
            "1 zaposlenik",
            "2 zaposlenika",
            "5 zaposlenika",
            "21 zaposlenik",
            "22 zaposlenika",
            "25 zaposlenika"
        ]
    );
    let assessments = |lang| {
        counts_in(lang, ClientAssessments)
            .into_iter()
            .map(|s| {
                s.split([',', '·'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        assessments(Lang::En),
        [
            "0 assessments",
            "1 assessment",
            "2 assessments",
            "5 assessments",
            "21 assessments",
            "22 assessments",
            "25 assessments"
        ]
    );
    assert_eq!(
        assessments(Lang::Pl),
        [
            "0 ocen", "1 ocena", "2 oceny", "5 ocen", "21 ocen", "22 oceny", "25 ocen"
        ]
    );
    assert_eq!(
        assessments(Lang::Hr),
        [
            "0 procjena",
            "1 procjena",
            "2 procjene",
            "5 procjena",
            "21 procjena",
            "22 procjene",
            "25 procjena"
        ]
    );
}

#[test]
fn a_typed_placeholder_survives_a_counted_text() {
    // A value that looks like a placeholder is shown as typed, in every language.
    for lang in Lang::ALL {
        let shown = lang.count(
            i18n::Counted::ClientAssessments,
            2,
            &[("updated", "{updated} {n}")],
        );
        assert!(shown.contains("{updated} {n}"), "{lang}: {shown}");
        assert!(shown.contains('2'), "{lang}: {shown}");
    }
}

#[test]
fn a_number_answer_shows_its_unit_in_the_form_of_its_count() {
    let employees = |lang: Lang| {
        let bank = DATA.0.localized(lang);
        let question = bank.question("employees").expect("employees").clone();
        let eis::assessment::raw::Kind::Number {
            unit, unit_forms, ..
        } = &question.kind
        else {
            panic!("employees is a number question")
        };
        COUNTS
            .iter()
            .map(|&n| eis::assessment::raw::counted_unit(n, unit, unit_forms, lang))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        employees(Lang::En),
        [
            "0 people",
            "1 person",
            "2 people",
            "5 people",
            "21 people",
            "22 people",
            "25 people"
        ]
    );
    assert_eq!(
        employees(Lang::Pl),
        [
            "0 osób", "1 osoba", "2 osoby", "5 osób", "21 osób", "22 osoby", "25 osób"
        ]
    );
    assert_eq!(
        employees(Lang::Hr),
        [
            "0 osoba", "1 osoba", "2 osobe", "5 osoba", "21 osoba", "22 osobe", "25 osoba"
        ]
    );
}

#[test]
fn two_threads_plan_journeys_in_two_languages_at_the_same_time() {
    use eis::journey::{DEFAULT_PER_STAGE, plan_journey};
    use std::sync::Barrier;
    const ROUNDS: usize = 8;
    let answers = persona();
    // The profile and journey as words: everything a reader sees of them.
    let plan = |lang: Lang| {
        let bank = DATA.0.localized(lang);
        let profile = assess(&bank, &answers, lang);
        let journey = plan_journey(&profile, &DATA.1, DEFAULT_PER_STAGE, lang);
        format!("{profile:?}\n{journey:?}")
    };
    let alone = [plan(Lang::Pl), plan(Lang::Da)];
    assert_ne!(alone[0], alone[1], "the two languages read differently");
    assert!(
        alone[0].contains(Lang::Pl.tr(Text::WhyFirstContact)),
        "{}",
        alone[0]
    );
    // Each thread plans again and again while the other does, starting
    // together, and must write its own language every time.
    let start = Barrier::new(2);
    let together: Vec<Vec<String>> = std::thread::scope(|scope| {
        let threads: Vec<_> = [Lang::Pl, Lang::Da]
            .into_iter()
            .map(|lang| {
                let (start, plan) = (&start, &plan);
                scope.spawn(move || {
                    start.wait();
                    (0..ROUNDS).map(|_| plan(lang)).collect()
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("a planning thread"))
            .collect()
    });
    for (plans, expected) in together.iter().zip(&alone) {
        assert_eq!(plans.len(), ROUNDS);
        assert!(plans.iter().all(|p| p == expected));
    }
}

/// The language is an argument of every call that writes words: nothing in
/// `src/` keeps a language of its own for the engine to read, and only the
/// command line (`--lang`, then the locale) asks the environment for one.
/// The app keeps its language in its state.
#[test]
fn no_module_reads_a_language_it_was_not_given() {
    const HIDDEN: [&str; 5] = [
        "i18n::current",
        "i18n::set(",
        "i18n::with(",
        "Cell<Lang>",
        "static CURRENT",
    ];
    // The edges that may choose a language from the environment.
    const CHOOSERS: [&str; 3] = ["src/i18n.rs", "src/cli.rs", "src/cli/kiosk_cmd.rs"];
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("src")];
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 80, "{files:?}");
    let mut choosers = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for hidden in HIDDEN {
            assert!(!text.contains(hidden), "{name} names {hidden}");
        }
        if text.contains("Lang::from_environment") {
            choosers.push(name);
        }
    }
    choosers.sort();
    for name in &choosers {
        assert!(
            CHOOSERS.contains(&name.as_str()),
            "{name} chooses a language"
        );
    }
    assert!(choosers.iter().any(|n| n == "src/cli.rs"), "{choosers:?}");
}
