//! The terminal app without a terminal: snapshots of every screen at 80×24
//! and 120×40 (and the too-small message), the keymap and `update` driven by
//! key events through a whole assessment to the journey and a what-if change,
//! and random key sequences at random sizes that must never panic.

use crate::common::{
    self, DATA, Keys, answer_with_keys, drive, press, press_with, render, type_text,
};

use eis::assessment::raw::Kind;
use eis::assessment::{Answer, Answers, assess};
use eis::i18n::Lang;
use eis::journey::{DEFAULT_PER_STAGE, plan_journey};
use eis::ui::App;
use eis::ui::app::Screen;
use eis::ui::keymap;
use eis::ui::theme::ThemeName;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn app() -> App {
    App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono)
}

/// The persona most screens are shown with.
fn persona() -> Answers {
    common::persona("pomorskie-machining-subcontractor-weak-compliance")
}

#[track_caller]
fn snapshot_sizes(name: &str, app: &mut App) {
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = render(app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
}

#[test]
fn home_screen() {
    snapshot_sizes("home", &mut app());
}

#[test]
fn question_screens_of_every_kind() {
    let answers = persona();
    let mut app = app();
    for (id, name) in [
        ("company-name", "question_text"),
        ("country", "question_countries"),
        ("region-pl", "question_single"),
        ("employees", "question_number"),
        ("modes", "question_multiple"),
        ("skills", "question_scale"),
    ] {
        drive(&mut app, &answers, Some(id));
        if id == "country" {
            type_text(&mut app, "pl de");
        }
        snapshot_sizes(name, &mut app);
        if id == "country" {
            for _ in 0..5 {
                press(&mut app, KeyCode::Backspace);
            }
        }
    }
}

#[test]
fn a_wrong_answer_is_explained_in_words_and_focus_stays() {
    let answers = persona();
    let mut app = app();
    drive(&mut app, &answers, Some("employees"));
    type_text(&mut app, "forty");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "employees");
    assert_eq!(
        app.form.error.as_deref(),
        Some("Please type a whole number from 0 to 1000000.")
    );
    snapshot_sizes("question_error", &mut app);
}

/// Enter pressed through the questions answers nothing for the user: a
/// choice is no answer until it is chosen, and Enter on an unanswered
/// question says so where the answer goes.
#[test]
fn enter_alone_chooses_nothing_and_says_what_is_missing() {
    let answers = persona();
    let mut app = app();
    drive(&mut app, &answers, Some("region-pl"));
    assert!(!app.form.pointing && app.form.chosen.is_none());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "region-pl", "nothing was answered");
    assert!(app.answers.get("region-pl").is_none());
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("Nothing chosen yet: ↑↓ then Enter, or the option's number."),
        "{screen}"
    );
    assert!(!screen.contains("(•)"), "no option looks chosen:\n{screen}");
    // The first ↓ puts the cursor on the first option, still unchosen; Enter
    // on it chooses it.
    press(&mut app, KeyCode::Down);
    assert_eq!((app.form.pointing, app.form.cursor), (true, 0));
    assert!(!render(&mut app, 80, 24).contains("(•)"));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.form.chosen, Some(1));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.answers.get("region-pl"),
        Some(&Answer::Choice(app.bank.question("region-pl").map_or_else(
            String::new,
            |q| match &q.kind {
                Kind::Single { options } => options[0].id.clone(),
                _ => String::new(),
            }
        ))),
        "Enter chose the option under the cursor"
    );
    // A scale starts with no point chosen either.
    drive(&mut app, &answers, Some("skills"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "skills");
    assert!(app.form.error.is_some());
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.answers.get("skills"), Some(&Answer::Scale(4)));
    // An answered question shows its answer chosen when opened again.
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.form.question, "skills");
    assert_eq!(app.form.chosen, Some(3));
}

#[test]
fn more_help_opens_on_question_mark() {
    let answers = persona();
    let mut app = app();
    drive(&mut app, &answers, Some("plan"));
    press(&mut app, KeyCode::Char('?'));
    assert!(app.form.more_help);
    snapshot_sizes("question_more_help", &mut app);
}

#[test]
fn review_results_and_details_screens() {
    let answers = persona();
    let mut app = app();
    drive(&mut app, &answers, None);
    assert_eq!(app.screen, Screen::Review);
    snapshot_sizes("review", &mut app);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    snapshot_sizes("results", &mut app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Details);
    snapshot_sizes("details", &mut app);
}

#[test]
fn search_opened_again_starts_empty_and_its_field_clears_by_field_or_word() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "eksportraadet");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Details);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.search.input.value(),
        "eksportraadet",
        "back from a hit, the query is still there"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "insurance");
    assert_eq!(app.search.input.value(), "insurance");
    assert!(!app.search.hits.is_empty());
    type_text(&mut app, " credit");
    press_with(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(app.search.input.value(), "insurance ");
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.search.input.value(), "");
    // The same keys in a question's field.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Acme Export Ltd");
    press_with(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(app.form.input.value(), "Acme Export ");
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.form.input.value(), "");
}

#[test]
fn search_screen_with_a_query_and_filters() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "export insurance");
    snapshot_sizes("search", &mut app);
    press(&mut app, KeyCode::F(2));
    for _ in 0..14 {
        press(&mut app, KeyCode::F(5));
    }
    assert_eq!(
        app.search.area.as_ref().map(eis::catalogue::Area::code),
        Some("PL-22")
    );
    snapshot_sizes("search_filtered", &mut app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Details);
    snapshot_sizes("search_details", &mut app);
}

#[test]
fn help_and_leave_overlays() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    snapshot_sizes("help_home", &mut app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    snapshot_sizes("confirm_leave", &mut app);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.screen, Screen::Home);
}

#[test]
fn a_window_too_small_asks_to_be_enlarged() {
    let mut app = app();
    insta::assert_snapshot!("too_small_39x11", render(&mut app, 39, 11));
    let tiny = render(&mut app, 1, 1);
    assert_eq!(tiny.lines().count(), 1);
}

#[test]
fn the_whole_assessment_by_keys_reaches_the_journey_and_a_what_if_changes_it() {
    let answers = persona();
    let mut app = app();
    drive(&mut app, &answers, None);
    assert_eq!(app.answers, answers, "every answer given by keys is stored");
    press(&mut app, KeyCode::Char('r'));
    let (bank, catalogue) = (&DATA.0, &DATA.1);
    let expected = plan_journey(
        &assess(bank, &answers, Lang::En),
        catalogue,
        DEFAULT_PER_STAGE,
        Lang::En,
    );
    let before = app.outcome.clone().expect("results are shown");
    assert_eq!(before.journey, expected);

    // What-if: from the results, change "activity" to established, and come back.
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.screen, Screen::Review);
    let row = app
        .visible()
        .iter()
        .position(|q| q.id == "activity")
        .expect("activity is asked");
    while app.review.selected < row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "activity");
    let mut changed = answers.clone();
    changed.set("activity", Answer::Choice("established".to_owned()));
    answer_with_keys(&mut app, changed.get("activity"));
    assert_eq!(
        app.screen,
        Screen::Results,
        "a what-if change returns to the results"
    );
    let after = app.outcome.clone().expect("results are shown");
    assert_ne!(after.journey, before.journey);
    assert_eq!(after.profile.stage, eis::vocab::Stage::Grow);
    assert_eq!(
        after.journey,
        plan_journey(
            &assess(bank, &changed, Lang::En),
            catalogue,
            DEFAULT_PER_STAGE,
            Lang::En
        )
    );
    // And the results say what moved.
    let what_if = app
        .results
        .what_if
        .clone()
        .expect("the change moved things");
    assert_eq!(
        what_if.stage,
        Some((before.profile.stage, eis::vocab::Stage::Grow))
    );
    assert!(!what_if.entered.is_empty() || !what_if.left.is_empty());
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains(&format!(
            "Changed: stage {} → Grow",
            before.profile.stage.label_in(Lang::En)
        )),
        "{screen}"
    );
    insta::assert_snapshot!("results_after_a_what_if_80x24", screen);

    // Going to the results again without a change says nothing moved.
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.results.what_if, None);
}

#[test]
fn going_back_keeps_answers() {
    let answers = persona();
    let mut app = app();
    drive(&mut app, &answers, Some("sector"));
    press_with(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    press_with(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.form.question, "country");
    assert_eq!(app.form.input.value(), "PL");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "region-pl");
}

#[test]
fn clicks_select_options_and_press_buttons() {
    let answers = persona();
    let mut app = app();
    drive(&mut app, &answers, Some("region-pl"));
    render(&mut app, 80, 24);
    let option = app
        .targets
        .iter()
        .find(|t| t.action == keymap::Action::Pick(1))
        .expect("the second option is clickable")
        .area;
    let click = app
        .target_at(option.x + 3, option.y)
        .expect("a click hits the option");
    app.act(click);
    assert_eq!(app.form.cursor, 1);
    let next = app
        .targets
        .iter()
        .find(|t| t.action == keymap::Action::Next)
        .expect("Next is clickable")
        .area;
    let click = app.target_at(next.x, next.y).expect("a click hits Next");
    app.act(click);
    assert_eq!(app.form.question, "sector");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        keys in prop::collection::vec(0usize..24, 1..120),
        sizes in prop::collection::vec((1u16..140, 1u16..50), 1..4),
    ) {
        const KEYS: [KeyCode; 24] = [
            KeyCode::Enter, KeyCode::Tab, KeyCode::BackTab, KeyCode::Esc, KeyCode::Up, KeyCode::Down,
            KeyCode::Left, KeyCode::Right, KeyCode::Backspace, KeyCode::Char(' '), KeyCode::Char('a'),
            KeyCode::Char('/'), KeyCode::Char('?'), KeyCode::Char('e'), KeyCode::Char('r'), KeyCode::Char('y'),
            KeyCode::Char('n'), KeyCode::Char('3'), KeyCode::Char('x'), KeyCode::F(1), KeyCode::F(2),
            KeyCode::F(5), KeyCode::PageDown, KeyCode::Char('t'),
        ];
        let mut app = app();
        for (i, key) in keys.iter().enumerate() {
            press(&mut app, KEYS[*key]);
            if app.quit {
                break;
            }
            let (width, height) = sizes[i % sizes.len()];
            render(&mut app, width, height);
        }
    }
}

#[test]
fn landscape_screen_heat_map_cell_and_findings() {
    let mut app = app();
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.screen, Screen::Landscape);
    // Move to Pomorskie, and to Grant × Enter.
    while app.landscape.survey.as_ref().map(|s| s.area.code()) != Some("PL-22") {
        press(&mut app, KeyCode::Char('a'));
    }
    for _ in 0..8 {
        press(&mut app, KeyCode::Down);
    }
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    snapshot_sizes("landscape", &mut app);
    press(&mut app, KeyCode::Enter);
    assert!(app.landscape.drill);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.screen,
        Screen::Details,
        "a cell's service opens its details"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Landscape);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('f'));
    snapshot_sizes("landscape_findings", &mut app);
    let screen = render(&mut app, 80, 24);
    assert!(
        !screen.contains("arp-pomorze"),
        "overlaps name providers, not ids:\n{screen}"
    );
    // The findings scroll, at either size, to the last line of journey
    // complexity; the matrix underneath stays where it was.
    let (row, column) = (app.landscape.row, app.landscape.column);
    let survey = app.landscape.survey.clone().expect("a survey");
    let last = survey.complexity.last().expect("journey complexity");
    let last_line = format!(
        "{}, from {} on:",
        last.mode.label_in(Lang::En),
        last.stage.label_in(Lang::En)
    );
    for (width, height) in [(80, 24), (120, 40)] {
        press(&mut app, KeyCode::Home);
        assert!(!render(&mut app, width, height).contains(&last_line));
        for _ in 0..app.landscape.findings_len() {
            press(&mut app, KeyCode::Down);
        }
        let screen = render(&mut app, width, height);
        assert!(screen.contains(&format!("▶ {last_line}")), "{screen}");
        assert!(screen.contains("Journey complexity"), "{screen}");
        press(&mut app, KeyCode::PageUp);
        press(&mut app, KeyCode::Home);
        assert_eq!(app.landscape.findings_selected, 0);
        press(&mut app, KeyCode::End);
        assert!(render(&mut app, width, height).contains(&format!("▶ {last_line}")));
    }
    assert_eq!((app.landscape.row, app.landscape.column), (row, column));
    snapshot_sizes("landscape_findings_end", &mut app);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::PageDown);
    snapshot_sizes("landscape_findings_page", &mut app);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.landscape.kind, eis::landscape::MatrixKind::ModeStage);
}

/// On a catalogue large enough for the search worker: typing never waits for
/// a search, the screen says one is running while the last hits stay shown,
/// and the hits that come in are those of the last query typed, exactly as
/// the engine ranks them.
#[test]
fn large_catalogues_search_beside_the_user() {
    let catalogue = eis::generate::catalogue(eis::ui::app::searcher::BACKGROUND_FROM + 500, 9);
    let mut app = App::new(DATA.0.clone(), catalogue, ThemeName::Mono);
    assert!(app.searcher.is_some());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "garanzia");
    // Nothing collects the worker's answer but `collect_search`, so the app
    // is still waiting here, however fast the worker was.
    assert!(app.searching());
    assert!(render(&mut app, 120, 40).contains("searching…"));
    type_text(&mut app, " rynek");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !app.collect_search() {
        assert!(
            std::time::Instant::now() < deadline,
            "no hits within a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!app.searching());
    let expected: Vec<usize> = eis::search::search(
        &app.catalogue,
        "garanzia rynek",
        &eis::search::Filters::default(),
        None,
    )
    .iter()
    .filter_map(|hit| app.catalogue.position(hit.service.id.as_str()))
    .collect();
    assert!(!expected.is_empty());
    let shown: Vec<usize> = app.search.hits.iter().map(|hit| hit.service).collect();
    assert_eq!(shown, expected);
    assert!(render(&mut app, 120, 40).contains(&format!("{} services", expected.len())));
}

#[test]
fn the_results_of_a_firm_outside_the_catalogue_say_so_above_the_journey() {
    let path = format!(
        "{}/tests/fixtures/personas/norway-seafood-exporter.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("the persona exists");
    let answers = Answers::read(&path, &bytes, &DATA.0)
        .expect("the persona reads")
        .0;
    let mut app = app();
    drive(&mut app, &answers, None);
    press(&mut app, KeyCode::Char('r'));
    assert!(app.outcome.is_some(), "results are shown");
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = render(&mut app, width, height);
        // Wrapped, the note spans lines: its opening words are on screen.
        assert!(
            screen.contains("Your country (Norway) is not in this"),
            "{width}x{height}:\n{screen}"
        );
    }
}

/// A pasted text is typed into the search field, its line break as a
/// space; on the home screen, where letters are keys (`q` quits), a paste
/// does nothing.
#[test]
fn a_paste_types_into_a_text_field_and_nowhere_else() {
    let mut app = app();
    assert!(eis::ui::terminal::paste_actions(&app, "quit\n").is_empty());
    press(&mut app, KeyCode::Char('/'));
    for action in eis::ui::terminal::paste_actions(&app, "export\r\ninsurance\u{1b}[31m") {
        app.act(action);
    }
    assert_eq!(app.search.input.value(), "export  insurance[31m");
    assert!(!app.quit);
}

/// The screen in the README is the results screen as the app draws it
/// today (the snapshot `results_80x24`), so it cannot drift.
#[test]
fn the_readme_shows_the_results_screen_as_drawn() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("a README");
    let shown = readme
        .split("## A screen")
        .nth(1)
        .and_then(|rest| rest.split("```text\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("the README shows a screen");
    let snapshot = std::fs::read_to_string(format!(
        "{root}/tests/suite/snapshots/suite__ui__results_80x24.snap"
    ))
    .expect("the results snapshot");
    let drawn: Vec<&str> = snapshot
        .splitn(3, "---\n")
        .nth(2)
        .expect("a snapshot body")
        .lines()
        .map(|l| l.trim_matches('"'))
        .collect();
    assert_eq!(shown.lines().collect::<Vec<_>>(), drawn);
}

/// A persona whose journey has more needs that no service meets than fit
/// at 80×24: the cursor goes on from the services to each of them.
#[test]
fn every_need_no_service_meets_can_be_scrolled_to_at_80x24() {
    let answers = common::persona("norway-seafood-exporter");
    let mut app = app();
    drive(&mut app, &answers, None);
    press(&mut app, KeyCode::Char('r'));
    let outcome = app.outcome.clone().expect("results are shown");
    let gaps = &outcome.journey.gaps;
    assert!(gaps.len() >= 3, "the persona has gaps: {gaps:?}");
    let last_gap = gaps.last().unwrap().need.label_in(Lang::En);
    let first_gap = gaps.first().unwrap().need.label_in(Lang::En);
    let screen = render(&mut app, 80, 24);
    assert!(
        !screen.contains(last_gap),
        "not all fits at first:\n{screen}"
    );
    // Down, one row at a time, through the services and then every gap.
    for _ in 0..outcome.rows() + 3 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.results.selected, outcome.rows() - 1);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(&format!("▶ • {last_gap}")), "{screen}");
    insta::assert_snapshot!("results_last_gap_80x24", screen);
    // Home, End, PgUp and PgDn jump.
    press(&mut app, KeyCode::Home);
    assert_eq!(app.results.selected, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.results.selected, outcome.rows() - 1);
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.results.selected, 5.min(outcome.rows() - 1));
    // On a gap, Enter opens nothing.
    press(&mut app, KeyCode::Home);
    for _ in 0..outcome.steps().len() {
        press(&mut app, KeyCode::Down);
    }
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(&format!("▶ • {first_gap}")), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Results);
}
