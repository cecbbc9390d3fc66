//! A client's name, id and file names: the name given in the prompt is the
//! answer to "What is your business called?", the answer to it names a
//! client started without one, and the id (with the summaries' file names)
//! is made from the company's name once and kept through renames.

use crate::common::{DATA, persona, press, type_text};

use eis::assessment::Answer;
use eis::clients::{Listed, Store};
use eis::ui::theme::ThemeName;
use eis::ui::{App, Shell};
use ratatui::crossterm::event::KeyCode;

fn app_in(dir: &std::path::Path) -> Shell {
    Shell::new(App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono))
        .with_data_dir(dir.to_owned())
        .expect("the data folder opens")
}

fn ids(dir: &std::path::Path) -> Vec<String> {
    let mut ids: Vec<String> = Store::open(dir)
        .unwrap()
        .list()
        .unwrap()
        .into_iter()
        .map(|listed| match listed {
            Listed::Client(client) => client.id,
            Listed::Unreadable { path, message } => panic!("{}: {message}", path.display()),
        })
        .collect();
    ids.sort();
    ids
}

fn open_id(app: &Shell) -> String {
    app.client
        .as_ref()
        .expect("a client is open")
        .record
        .id
        .clone()
}

#[test]
fn the_name_given_in_the_prompt_is_the_first_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::F(2));
    type_text(&mut app, "Nordlys Software ApS");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "company-name");
    assert_eq!(app.form.input.value(), "Nordlys Software ApS");
    // Enter confirms it as it stands, and it is saved with the client.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.question, "country");
    let saved = Store::open(dir.path())
        .unwrap()
        .load("nordlys-software-aps")
        .unwrap();
    assert_eq!(
        saved.current().unwrap().answers.get("company-name"),
        Some(&Answer::Text("Nordlys Software ApS".to_owned()))
    );
}

#[test]
fn a_client_started_from_home_takes_its_id_from_the_company_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, KeyCode::Enter);
    let placeholder = open_id(&app);
    assert!(placeholder.starts_with("new-client"), "{placeholder}");
    type_text(&mut app, "Nordlys Software ApS");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "DK");
    press(&mut app, KeyCode::Enter);
    assert_eq!(open_id(&app), "nordlys-software-aps");
    assert_eq!(
        ids(dir.path()),
        ["nordlys-software-aps"],
        "no placeholder is left"
    );
    let saved = Store::open(dir.path())
        .unwrap()
        .load("nordlys-software-aps")
        .unwrap();
    assert_eq!(saved.name, "Nordlys Software ApS");
    let answers = &saved.current().unwrap().answers;
    assert_eq!(
        answers.get("country"),
        Some(&Answer::Countries(vec!["DK".to_owned()]))
    );
    assert!(answers.get("company-name").is_some());

    // The id is held here: another window cannot open it.
    let mut other = app_in(dir.path());
    other.open_client("nordlys-software-aps");
    assert!(other.client.is_none());

    // Changing the company's name later keeps the id.
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.form.question, "company-name");
    press(&mut app, KeyCode::End);
    type_text(&mut app, " Group");
    press(&mut app, KeyCode::Enter);
    assert_eq!(open_id(&app), "nordlys-software-aps");
    assert_eq!(ids(dir.path()), ["nordlys-software-aps"]);
}

#[test]
fn a_second_firm_of_the_same_name_gets_an_id_of_its_own_and_summaries_say_whose() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path())
        .unwrap()
        .create("Nordlys Software ApS", crate::common::at(0))
        .unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Nordlys Software ApS");
    press(&mut app, KeyCode::Enter);
    assert_eq!(open_id(&app), "nordlys-software-aps-2");
    assert_eq!(
        ids(dir.path()),
        ["nordlys-software-aps", "nordlys-software-aps-2"]
    );

    // A whole assessment, then the summary: named after the company.
    let answers = persona("midtjylland-agritech-joint-rnd");
    crate::common::drive(&mut app, &answers, None);
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('x'));
    type_text(&mut app, "Mette Jensen");
    press(&mut app, KeyCode::Enter);
    let exports: Vec<String> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!exports.is_empty());
    for name in &exports {
        assert!(name.starts_with("nordlys-software-aps-2-"), "{name}");
    }
}
