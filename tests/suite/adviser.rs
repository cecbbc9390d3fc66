//! The adviser's workflow in the terminal app, without a terminal: clients
//! saved as they are answered, the clients screen, notes and referral marks,
//! re-assessment with its changes, the summary, and a client open in two windows.

use crate::common::{DATA, at, persona, press, render, type_text};

use eis::assessment::Answer;
use eis::clients::Store;
use eis::i18n::Lang;
use eis::ui::app::{Screen, Status};
use eis::ui::theme::ThemeName;
use eis::ui::{App, Shell};
use ratatui::crossterm::event::KeyCode;

fn app_in(dir: &std::path::Path) -> Shell {
    Shell::new(App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono))
        .with_data_dir(dir.to_owned())
        .expect("the data folder opens")
}

/// A client whose assessment is complete, in a fresh data folder.
fn folder_with_client() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut client = store.create("Drvni Obrt Drava", at(0)).unwrap();
    let assessment = client.current_mut("2026-05-04");
    assessment.answers = persona("koprivnica-furniture-exporter-weak-finance");
    assessment.completed = Some("2026-05-04".to_owned());
    store.save(&mut client, at(1)).unwrap();
    let mut other = store.create("Baltic Precision Parts", at(2)).unwrap();
    other.current_mut("2026-11-20").answers.set(
        "company-name",
        Answer::Text("Baltic Precision Parts".to_owned()),
    );
    store.save(&mut other, at(3)).unwrap();
    (dir, client.id)
}

#[test]
fn an_assessment_is_saved_after_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Fanad Head Knitwear");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "IE");
    press(&mut app, KeyCode::Enter);
    let id = app
        .client
        .as_ref()
        .expect("a client was started")
        .record
        .id
        .clone();
    let saved = Store::open(dir.path()).unwrap().load(&id).unwrap();
    assert_eq!(
        saved.name, "Fanad Head Knitwear",
        "the client is named after its company"
    );
    let current = saved.current().unwrap();
    assert_eq!(
        current.answers.get("country"),
        Some(&Answer::Countries(vec!["IE".to_owned()]))
    );
    assert_eq!(current.at_question.as_deref(), Some("region-ie"));
}

#[test]
fn the_clients_screen_lists_clients_and_unreadable_files() {
    let (dir, _) = folder_with_client();
    std::fs::write(dir.path().join("clients/broken.ron"), "Client(").unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen, Screen::Clients);
    let screen = render(&mut app, 80, 24);
    let folder = dir.path().display().to_string();
    insta::assert_snapshot!("clients_80x24", screen.replace(&folder, "<data>"));
    insta::assert_snapshot!(
        "clients_120x40",
        render(&mut app, 120, 40).replace(&folder, "<data>")
    );
    // Typing filters, accents and case ignored.
    type_text(&mut app, "drava");
    assert_eq!(app.clients.shown().len(), 1);
}

#[test]
fn a_new_client_is_named_in_a_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::F(2));
    type_text(&mut app, "Lagar do Monte");
    insta::assert_snapshot!("prompt_new_client_80x24", render(&mut app, 80, 24));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(app.client.as_ref().unwrap().record.name, "Lagar do Monte");
    assert!(
        Store::open(dir.path())
            .unwrap()
            .load("lagar-do-monte")
            .is_ok()
    );
}

#[test]
fn opening_a_completed_client_shows_its_results_and_marks_are_saved() {
    let (dir, id) = folder_with_client();
    let mut app = app_in(dir.path());
    app.open_client(&id);
    assert_eq!(app.screen, Screen::Results);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Details);
    let service = app.catalogue.services()[app.details.as_ref().unwrap().service]
        .id
        .to_string();
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Call Ivana");
    press(&mut app, KeyCode::Enter);
    let saved = Store::open(dir.path()).unwrap().load(&id).unwrap();
    let marks = &saved.services[&service];
    assert!(marks.referred.is_some());
    assert_eq!(marks.note, "Call Ivana");
    press(&mut app, KeyCode::Esc);
    assert!(
        render(&mut app, 120, 40).contains("[referred "),
        "the journey shows the mark"
    );
}

#[test]
fn a_reassessment_keeps_the_earlier_one_and_shows_the_change() {
    let (dir, id) = folder_with_client();
    let mut app = app_in(dir.path());
    app.open_client(&id);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.screen, Screen::Review);
    let row = app
        .visible()
        .iter()
        .position(|q| q.id == "working-capital")
        .unwrap();
    while app.review.selected < row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let options = app.question().unwrap().options().len();
    for _ in 0..options {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    let client = &app.client.as_ref().unwrap().record;
    assert_eq!(client.assessments.len(), 2);
    let delta = client.delta(&app.bank).unwrap();
    assert!(
        delta.change(eis::vocab::Dimension::Finance).unwrap() > 0,
        "{delta:?}"
    );
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("On 2026-05-04 the stage was"), "{screen}");
    assert!(
        screen.contains(" +"),
        "the change shows beside the scores: {screen}"
    );
}

#[test]
fn the_summary_asks_the_advisers_name_once_and_is_written_to_the_exports_folder() {
    let (dir, id) = folder_with_client();
    let mut app = app_in(dir.path());
    app.open_client(&id);
    press(&mut app, KeyCode::Char('x'));
    type_text(&mut app, "Ana Horvat");
    press(&mut app, KeyCode::Enter);
    let status = app.status.clone();
    assert!(
        matches!(&status, Some(Status::Exported { path }) if path.starts_with(dir.path().join("exports"))),
        "{status:?}"
    );
    assert!(
        status
            .unwrap()
            .text(Lang::En)
            .starts_with("Summary written to ")
    );
    let exports: Vec<String> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(exports.len(), 2, "{exports:?}");
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none(), "the name is not asked again");
    assert_eq!(
        std::fs::read_dir(dir.path().join("exports"))
            .unwrap()
            .count(),
        4,
        "nothing is overwritten"
    );
    // The message belongs to the results: it does not follow into search.
    assert!(app.status.is_some());
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.status, None);
    assert!(!render(&mut app, 80, 24).contains("Summary written"));
}

#[test]
fn a_client_open_in_one_window_is_refused_in_another() {
    let (dir, id) = folder_with_client();
    let mut first = app_in(dir.path());
    first.open_client(&id);
    let mut second = app_in(dir.path());
    second.open_client(&id);
    assert!(second.client.is_none());
    let status = second
        .status
        .as_ref()
        .map(|s| s.text(Lang::En))
        .unwrap_or_default();
    assert!(
        status.contains("open in another EIS Navigator window"),
        "{status}"
    );
    drop(first);
    second.open_client(&id);
    assert!(
        second.client.is_some(),
        "closing the first window frees the client"
    );
}

#[test]
fn a_client_left_from_its_results_opens_again_here_and_in_another_window() {
    let (dir, id) = folder_with_client();
    let mut app = app_in(dir.path());
    app.open_client(&id);
    assert_eq!(app.screen, Screen::Results);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    assert!(app.client.is_none(), "home closes the client");
    let mut other = app_in(dir.path());
    other.open_client(&id);
    assert!(other.client.is_some(), "its lock went with it");
    drop(other);
    press(&mut app, KeyCode::Char('c'));
    app.open_client(&id);
    assert!(app.client.is_some(), "{:?}", app.status);
    assert_eq!(app.screen, Screen::Results);
    // Opening it again while it is open here keeps it open.
    app.open_client(&id);
    assert!(app.client.is_some(), "{:?}", app.status);
}

#[test]
fn leaving_a_clients_assessment_says_the_answers_are_saved_with_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Fanad Head Knitwear");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("confirm_leave_client_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("confirm_leave_client_120x40", render(&mut app, 120, 40));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("saved with the client"), "{screen}");
    assert!(screen.contains("Fanad Head Knitwear"), "{screen}");
    assert!(!screen.contains("until you quit"), "{screen}");
}

/// An app that has answered the company's name for a new client, whose
/// file another writer then saves: returns the app and the client's id.
fn overtaken_client(dir: &std::path::Path) -> (Shell, String) {
    let mut app = app_in(dir);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.screen, Screen::Question);
    type_text(&mut app, "Overtaken Ltd");
    press(&mut app, KeyCode::Enter);
    let id = app.client.as_ref().unwrap().record.id.clone();
    let store = Store::open(dir).unwrap();
    let mut elsewhere = store.load(&id).unwrap();
    "saved elsewhere".clone_into(&mut elsewhere.notes);
    store.save(&mut elsewhere, at(30)).unwrap();
    // The next answer cannot be saved to it: the app says so on the screen.
    type_text(&mut app, "PL");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(
            app.overlay,
            Some(eis::ui::app::Overlay::Confirm(
                eis::ui::app::Confirmation::SaveAsNew
            ))
        ),
        "{:?}",
        app.overlay
    );
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Not saved"), "{screen}");
    assert!(screen.contains("changed in another window"), "{screen}");
    (app, id)
}

#[test]
fn a_version_that_can_no_longer_be_saved_is_saved_as_a_new_client_on_yes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, id) = overtaken_client(dir.path());
    press(&mut app, KeyCode::Char('y'));
    assert!(app.overlay.is_none());
    let new_id = app.client.as_ref().unwrap().record.id.clone();
    assert_ne!(new_id, id);
    let store = Store::open(dir.path()).unwrap();
    let mine = store.load(&new_id).unwrap();
    let answers = &mine.current().unwrap().answers;
    assert_eq!(
        answers.get("company-name"),
        Some(&Answer::Text("Overtaken Ltd".to_owned()))
    );
    assert_eq!(
        answers.get("country"),
        Some(&Answer::Countries(vec!["PL".to_owned()]))
    );
    // The other writer's version is left as it was saved.
    let theirs = store.load(&id).unwrap();
    assert_eq!(theirs.notes, "saved elsewhere");
    assert_eq!(theirs.current().unwrap().answers.get("country"), None);
    // And the work goes on, saved into the new client.
    "carried on".clone_into(&mut app.client.as_mut().unwrap().record.notes);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert!(store.load(&new_id).unwrap().revision > mine.revision);
}

#[test]
fn a_version_that_can_no_longer_be_saved_gives_way_to_the_saved_one_on_no() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, id) = overtaken_client(dir.path());
    press(&mut app, KeyCode::Char('n'));
    assert!(app.overlay.is_none());
    let client = app.client.as_ref().unwrap();
    assert_eq!(client.record.id, id);
    assert_eq!(client.record.notes, "saved elsewhere");
    assert_eq!(app.answers.get("country"), None);
    // Saving works again, on top of the version saved elsewhere.
    type_text(&mut app, "DK");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let saved = Store::open(dir.path()).unwrap().load(&id).unwrap();
    assert_eq!(saved.notes, "saved elsewhere");
    assert_eq!(
        saved.current().unwrap().answers.get("country"),
        Some(&Answer::Countries(vec!["DK".to_owned()]))
    );
}
