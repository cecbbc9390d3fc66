//! `App::update` performs no I/O. A whole client's assessment — created,
//! answered, its results seen, its summary exported, left and reopened —
//! runs here against a world kept in memory, which answers each effect as
//! the shell would, and the effects the app asked for are read as a log.
//! There is no data folder: the app is never given a path, and the world
//! writes nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::common::{DATA, Keys, drive, persona, press, type_text};

use eis::clients::record::FORMAT;
use eis::clients::{ClientRecord, Listed};
use eis::ui::App;
use eis::ui::app::effect::HandOver;
use eis::ui::app::{Confirmation, Effect, Overlay, Report, Screen, Status};
use eis::ui::keymap::Action;
use eis::ui::theme::ThemeName;
use ratatui::crossterm::event::KeyCode;

const TODAY: &str = "2026-11-23";

/// The app, the effects it has asked for, and a clients folder, settings
/// and exports folder in memory.
struct World {
    app: App,
    log: Vec<Effect>,
    clients: BTreeMap<String, ClientRecord>,
    locked: Vec<String>,
    adviser: Option<String>,
}

impl World {
    fn new() -> Self {
        let mut app = App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono).keeping_clients();
        TODAY.clone_into(&mut app.today);
        Self {
            app,
            log: Vec::new(),
            clients: BTreeMap::new(),
            locked: Vec::new(),
            adviser: None,
        }
    }

    /// Performs effects in order, as the shell does, logging each.
    fn perform(&mut self, effects: Vec<Effect>) {
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            self.log.push(effect.clone());
            if let Some(report) = self.answer(effect) {
                queue.extend(self.app.report(report));
            }
        }
    }

    /// What the shell would answer, with the store's rules: a save must
    /// carry the revision last saved, and bumps it.
    fn answer(&mut self, effect: Effect) -> Option<Report> {
        Some(match effect {
            Effect::ListClients => {
                Report::Listed(self.clients.values().cloned().map(Listed::Client).collect())
            }
            Effect::CreateClient { name, placeholder } => {
                let record = ClientRecord {
                    format: FORMAT,
                    id: format!("client-{}", self.clients.len() + 1),
                    name,
                    created: "2026-11-23T09:00:00Z".to_owned(),
                    updated: "2026-11-23T09:00:00Z".to_owned(),
                    revision: 1,
                    notes: String::new(),
                    assessments: Vec::new(),
                    services: BTreeMap::new(),
                };
                self.clients.insert(record.id.clone(), record.clone());
                self.locked.push(record.id.clone());
                Report::Created {
                    record,
                    placeholder,
                }
            }
            Effect::OpenClient { id, reload } => match self.clients.get(&id) {
                Some(record) => {
                    self.locked.push(id);
                    Report::Opened(record.clone())
                }
                None => Report::OpenFailed {
                    error: format!("there is no client `{id}`"),
                    reload,
                },
            },
            Effect::SaveClient(mut record) => {
                let on_disk = self.clients[&record.id].revision;
                if on_disk != record.revision {
                    return Some(Report::SaveFailed {
                        error: "changed by another window".to_owned(),
                        conflict: true,
                    });
                }
                record.revision += 1;
                let saved = Report::Saved {
                    id: record.id.clone(),
                    revision: record.revision,
                    updated: record.updated.clone(),
                };
                self.clients.insert(record.id.clone(), record);
                saved
            }
            Effect::SaveAsNew(mut record) => {
                self.locked.retain(|held| *held != record.id);
                record.id = format!("client-{}", self.clients.len() + 1);
                record.revision = 2;
                self.clients.insert(record.id.clone(), record.clone());
                self.locked.push(record.id.clone());
                Report::SavedAsNew(record)
            }
            Effect::ReleaseClient { id } => {
                self.locked.retain(|held| *held != id);
                return None;
            }
            // As the store does: a new file under a new id with the saved
            // record, held; the old file and lock go.
            Effect::ReidentifyClient { id, name } => {
                let mut record = self.clients.remove(&id).expect("the client is saved");
                self.locked.retain(|held| *held != id);
                record.id = format!("moved-{}", self.log.len());
                record.name = name;
                self.clients.insert(record.id.clone(), record.clone());
                self.locked.push(record.id.clone());
                Report::Reidentified { old: id, record }
            }
            Effect::ReadAdviser => Report::Adviser(self.adviser.clone()),
            Effect::SaveAdviser { name } => {
                self.adviser.clone_from(&name);
                Report::AdviserSaved(name)
            }
            Effect::WriteExport { stem, documents } => Report::Exported {
                path: PathBuf::from(format!("exports/{stem}.{}", documents[0].extension)),
            },
            Effect::HandOver { how, path } => Report::HandedOver {
                how,
                path,
                program: "xdg-open".to_owned(),
            },
            other => panic!("this flow asks for no {other:?}"),
        })
    }

    /// The effects logged from `from` on, by name.
    fn kinds(&self, from: usize) -> Vec<&'static str> {
        self.log[from..].iter().map(kind).collect()
    }
}

impl Keys for World {
    fn app(&self) -> &App {
        &self.app
    }

    fn act(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.perform(effects);
    }
}

fn kind(effect: &Effect) -> &'static str {
    match effect {
        Effect::ListClients => "list",
        Effect::CreateClient { .. } => "create",
        Effect::OpenClient { .. } => "open",
        Effect::SaveClient(_) => "save",
        Effect::SaveAsNew(_) => "save as new",
        Effect::ReleaseClient { .. } => "release",
        Effect::RenameClient { .. } => "rename",
        Effect::ReidentifyClient { .. } => "reidentify",
        Effect::DeleteClient { .. } => "delete",
        Effect::ReadAdviser => "read adviser",
        Effect::SaveAdviser { .. } => "save adviser",
        Effect::WriteExport { .. } => "export",
        Effect::PrintSlip(_) => "slip",
        Effect::HandOver { .. } => "hand over",
    }
}

#[test]
fn a_whole_client_flow_runs_on_effects_alone() {
    let answers = persona("pomorskie-machining-subcontractor-weak-compliance");
    let mut world = World::new();

    // A new client, named for now, then after the company.
    drive(&mut world, &answers, Some("country"));
    assert_eq!(
        world.log[0],
        Effect::CreateClient {
            name: "New client 2026-11-23".to_owned(),
            placeholder: true,
        }
    );
    let id = world.app.client.as_ref().unwrap().record.id.clone();
    let named = &world.clients[&id];
    assert_eq!(named.name, answers_company(&answers));
    assert_eq!(
        named.current().unwrap().at_question.as_deref(),
        Some("country"),
        "the place to resume from is saved"
    );

    // Every answer is saved, each save on top of the one before.
    drive(&mut world, &answers, None);
    assert_eq!(world.app.screen, Screen::Review);
    press(&mut world, KeyCode::Char('r'));
    assert_eq!(world.app.screen, Screen::Results);
    assert_eq!(world.app.status, None, "no save was refused");
    // Named after the company, the client moved once to an id of that
    // name, after the save of the answer.
    assert_eq!(
        world.kinds(0)[..4],
        ["create", "save", "save", "reidentify"]
    );
    assert!(
        world.kinds(4).iter().all(|k| *k == "save"),
        "{:?}",
        world.kinds(0)
    );
    let saved = world.clients[&id].current().unwrap();
    assert_eq!(saved.answers, world.app.answers);
    assert_eq!(saved.completed.as_deref(), Some(TODAY));
    assert_eq!(saved.at_question, None);
    let revision = world.clients[&id].revision;
    assert_eq!(revision, world.app.client.as_ref().unwrap().record.revision);
    assert_eq!(
        usize::try_from(revision).unwrap(),
        world.log.len() - 1,
        "one per save, after the first"
    );

    // The summary: the adviser's name is asked once, then the documents
    // go to the shell to write.
    let before_export = world.log.len();
    press(&mut world, KeyCode::Char('x'));
    assert!(matches!(world.app.overlay, Some(Overlay::Prompt(_))));
    type_text(&mut world, "Ana Horvat");
    press(&mut world, KeyCode::Enter);
    assert_eq!(
        world.kinds(before_export),
        ["read adviser", "save adviser", "export"]
    );
    let Some(Effect::WriteExport { stem, documents }) = world.log.last() else {
        unreachable!()
    };
    assert_eq!(stem, &format!("{id}-{TODAY}"));
    let extensions: Vec<_> = documents.iter().map(|d| d.extension).collect();
    assert_eq!(extensions, ["html", "md"]);
    assert!(
        documents
            .iter()
            .all(|d| d.text.contains("Ana Horvat") && d.text.contains(answers_company(&answers)))
    );
    assert_eq!(
        world.app.status,
        Some(Status::Exported {
            path: PathBuf::from(format!("exports/{id}-{TODAY}.html"))
        })
    );

    // Leaving releases the client; reopening it from the clients screen
    // takes it again and shows its results.
    let before_leave = world.log.len();
    press(&mut world, KeyCode::Esc);
    assert_eq!(world.app.screen, Screen::Home);
    assert!(world.app.client.is_none() && world.app.answers.is_empty());
    assert!(world.locked.is_empty(), "the lock went with leaving");
    press(&mut world, KeyCode::Char('c'));
    assert_eq!(world.app.screen, Screen::Clients);
    press(&mut world, KeyCode::Enter);
    assert_eq!(world.kinds(before_leave), ["release", "list", "open"]);
    assert_eq!(
        world.log.last(),
        Some(&Effect::OpenClient {
            id: id.clone(),
            reload: false
        })
    );
    assert_eq!(world.app.screen, Screen::Results);
    assert_eq!(world.locked, std::slice::from_ref(&id));
    assert_eq!(
        world.app.answers,
        world.clients[&id].current().unwrap().answers
    );
}

#[test]
fn the_summary_is_handed_over_once_it_is_written() {
    let answers = persona("pomorskie-machining-subcontractor-weak-compliance");
    let mut world = World::new();
    world.adviser = Some("Ana Horvat".to_owned());
    drive(&mut world, &answers, None);
    press(&mut world, KeyCode::Char('r'));
    assert_eq!(world.app.screen, Screen::Results);
    let id = world.app.client.as_ref().unwrap().record.id.clone();
    let html = PathBuf::from(format!("exports/{id}-{TODAY}.html"));

    // Opened: written afresh first, then the written file is opened.
    let before = world.log.len();
    press(&mut world, KeyCode::Char('o'));
    assert_eq!(world.kinds(before), ["read adviser", "export", "hand over"]);
    assert_eq!(
        world.log.last(),
        Some(&Effect::HandOver {
            how: HandOver::Open,
            path: html.clone(),
        })
    );
    assert_eq!(
        world.app.status,
        Some(Status::HandedOver {
            how: HandOver::Open,
            path: html.clone(),
            program: "xdg-open".to_owned(),
        })
    );

    // Printed: the Markdown file, which prints as plain text.
    let before = world.log.len();
    press(&mut world, KeyCode::Char('P'));
    assert_eq!(world.kinds(before), ["read adviser", "export", "hand over"]);
    assert_eq!(
        world.log.last(),
        Some(&Effect::HandOver {
            how: HandOver::Print,
            path: html.with_extension("md"),
        })
    );

    // A plain export hands nothing over.
    let before = world.log.len();
    press(&mut world, KeyCode::Char('x'));
    assert_eq!(world.kinds(before), ["read adviser", "export"]);
}

#[test]
fn a_refused_save_is_put_to_the_user_and_never_retried_silently() {
    let answers = persona("pomorskie-machining-subcontractor-weak-compliance");
    let mut world = World::new();
    drive(&mut world, &answers, Some("country"));
    let id = world.app.client.as_ref().unwrap().record.id.clone();
    // Another window saves the client.
    world.clients.get_mut(&id).unwrap().revision += 1;
    let before = world.log.len();
    drive(&mut world, &answers, Some("region-pl"));
    assert_eq!(world.kinds(before), ["save"]);
    assert!(
        matches!(
            world.app.overlay,
            Some(Overlay::Confirm(Confirmation::SaveAsNew))
        ),
        "{:?}",
        world.app.overlay
    );
    assert!(matches!(world.app.status, Some(Status::SaveFailed { .. })));
    // Yes: this version goes to the shell to be saved as a new client,
    // and the work goes on in that one.
    let theirs = world.clients[&id].clone();
    press(&mut world, KeyCode::Char('y'));
    let Some(Effect::SaveAsNew(record)) = world.log.last() else {
        panic!("{:?}", world.log.last());
    };
    assert_eq!(record.id, id);
    assert_eq!(
        record.current().unwrap().answers.get("country"),
        answers.get("country")
    );
    let mine = world.app.client.as_ref().unwrap().record.id.clone();
    assert_ne!(mine, id);
    assert_eq!(world.app.status, None);
    assert_eq!(world.clients[&id], theirs, "the other version is untouched");
    let before = world.log.len();
    drive(&mut world, &answers, Some("employees"));
    assert!(
        world.log[before..]
            .iter()
            .all(|e| matches!(e, Effect::SaveClient(r) if r.id == mine)),
        "{:?}",
        world.kinds(before)
    );
    assert!(world.log.len() > before);
    assert!(world.app.overlay.is_none());
}

/// The company's name in a persona's answers.
fn answers_company(answers: &eis::assessment::Answers) -> &str {
    match answers.get("company-name") {
        Some(eis::assessment::Answer::Text(name)) => name,
        other => panic!("{other:?}"),
    }
}

/// The app's state and views name none of the ways to reach a disk, a
/// lock, a process or the clock: what they need done goes out as an effect.
/// (A guard against the next change that would save "just this once" from
/// inside `update`; the flows above show the effects are enough.)
#[test]
fn the_state_and_the_views_name_no_way_to_the_world() {
    const WAYS: [&str; 16] = [
        "std::fs",
        "std::io",
        "std::env",
        "std::net",
        "std::process",
        "File::",
        "OpenOptions",
        "Command::new",
        "crate::save",
        "Store",
        "ClientLock",
        "Config::load",
        "kiosk::print",
        "write_slip(&",
        "reference()",
        "Timestamp::now",
    ];
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
    let mut files = vec![
        PathBuf::from(root).join("app.rs"),
        PathBuf::from(root).join("view.rs"),
    ];
    for folder in ["app", "view"] {
        for entry in std::fs::read_dir(PathBuf::from(root).join(folder)).unwrap() {
            let path = entry.unwrap().path();
            // The search worker is a thread of the app's own, started with
            // it, that computes and reads nothing: it is no way out.
            if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("searcher.rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for way in WAYS {
            // As a whole word: "Stores the answer" does not name `Store`.
            let named = text.match_indices(way).any(|(at, _)| {
                let next = text[at + way.len()..].chars().next();
                !way.ends_with(char::is_alphanumeric)
                    || !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            assert!(!named, "{} names {way}", file.display());
        }
    }
}

/// The shell's side: the program named is started on the file, with no
/// terminal, and a missing program or file is told, not hidden.
#[cfg(unix)]
#[test]
fn the_shell_starts_the_opener_on_the_written_file() {
    use eis::ui::shell::{Programs, hand_over};

    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("acme-2026-11-23.html");
    std::fs::write(&summary, "<html></html>").unwrap();
    let seen = dir.path().join("seen");
    let programs = Programs {
        // `sh -c SCRIPT FILE`: the file is the script's $0.
        open: vec![
            "sh".to_owned(),
            "-c".to_owned(),
            format!("printf %s \"$0\" > '{}'", seen.display()),
        ],
        print: vec!["eis-no-such-printer-command".to_owned()],
    };

    let report = hand_over(HandOver::Open, summary.clone(), &programs);
    assert!(
        matches!(&report, Report::HandedOver { program, .. } if program == "sh"),
        "{report:?}"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::read_to_string(&seen).map_or(true, |s| s.is_empty()) {
        assert!(std::time::Instant::now() < deadline, "the opener never ran");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap(),
        summary.display().to_string()
    );

    let report = hand_over(HandOver::Print, summary.clone(), &programs);
    assert!(
        matches!(&report, Report::HandOverFailed { error: None, .. }),
        "a missing program is told as not installed: {report:?}"
    );
    let report = hand_over(HandOver::Open, dir.path().join("gone.html"), &programs);
    assert!(
        matches!(&report, Report::HandOverFailed { error: Some(_), .. }),
        "{report:?}"
    );
}

#[test]
fn the_clients_list_puts_the_last_worked_on_first() {
    let mut world = World::new();
    let record = |id: &str, name: &str, updated: &str| ClientRecord {
        format: FORMAT,
        id: id.to_owned(),
        name: name.to_owned(),
        created: "2026-11-01T09:00:00Z".to_owned(),
        updated: updated.to_owned(),
        revision: 1,
        notes: String::new(),
        assessments: Vec::new(),
        services: BTreeMap::new(),
    };
    let listed = vec![
        Listed::Client(record("a", "Aarhus Agritech", "2026-11-20T09:00:00Z")),
        Listed::Unreadable {
            path: PathBuf::from("clients/broken.ron"),
            message: "not a client file".to_owned(),
        },
        Listed::Client(record("b", "Bologna Packaging", "2026-11-23T15:30:00Z")),
        Listed::Client(record("c", "Cork Workshop", "2026-11-22T11:00:00Z")),
    ];
    let effects = world.app.report(Report::Listed(listed));
    assert!(effects.is_empty());
    let order: Vec<&str> = world
        .app
        .clients
        .listed
        .iter()
        .map(|l| match l {
            Listed::Client(c) => c.id.as_str(),
            Listed::Unreadable { .. } => "unreadable",
        })
        .collect();
    assert_eq!(order, ["b", "c", "a", "unreadable"]);
}
