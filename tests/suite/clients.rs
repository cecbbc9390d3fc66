//! Client records on disk: saving safely, corrupt files, re-assessment
//! deltas, and two writers on one folder.

use eis::assessment::{Answer, Answers, bank};
use eis::clients::record::Delta;
use eis::clients::{ClientError, Listed, Store};
use eis::vocab::{Dimension, Stage};

fn now() -> jiff::Timestamp {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

fn later(minutes: i64) -> jiff::Timestamp {
    now() + jiff::SignedDuration::from_mins(minutes)
}

#[test]
fn a_client_round_trips_through_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut client = store.create("Baltic Precision Parts", now()).unwrap();
    assert_eq!(client.id, "baltic-precision-parts");
    assert_eq!(client.revision, 1);
    let assessment = client.current_mut("2026-11-23");
    assessment.answers.set("employees", Answer::Number(42));
    assessment.at_question = Some("turnover".to_owned());
    client.notes = "Met at the Gdańsk fair.".to_owned();
    store.save(&mut client, later(1)).unwrap();
    assert_eq!(client.revision, 2);
    let loaded = store.load(&client.id).unwrap();
    assert_eq!(loaded, client);
    // Nothing but the client file (and no temporary file) is left behind.
    let files: Vec<String> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files, ["baltic-precision-parts.ron"]);
}

#[cfg(unix)]
#[test]
fn client_files_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let client = store.create("Acme", now()).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(&store.dir().join(format!("{}.ron", client.id))), 0o600);
}

#[test]
fn a_corrupt_file_is_named_the_others_still_load_and_it_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let good = store.create("Good Client", now()).unwrap();
    let mut damaged = store.create("Damaged Client", now()).unwrap();
    let path = store.dir().join(format!("{}.ron", damaged.id));
    std::fs::write(&path, "Client(format: 1, id: \"damaged-client\", name: ").unwrap();

    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(matches!(&listed[0], Listed::Client(c) if c.id == good.id));
    match &listed[1] {
        Listed::Unreadable { path: p, message } => {
            assert_eq!(p, &path);
            assert!(message.contains("damaged-client.ron:1:"), "{message}");
            assert!(message.contains("left untouched"), "{message}");
        }
        other @ Listed::Client(_) => panic!("expected an unreadable entry, got {other:?}"),
    }
    assert!(matches!(
        store.load(&damaged.id),
        Err(ClientError::Corrupt { .. })
    ));
    damaged.notes = "this save must not land".to_owned();
    assert!(matches!(
        store.save(&mut damaged, later(1)),
        Err(ClientError::Corrupt { .. })
    ));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Client(format: 1, id: \"damaged-client\", name: "
    );
    // A new client never takes the corrupt file's name.
    assert_eq!(
        store.create("Damaged Client", now()).unwrap().id,
        "damaged-client-2"
    );
}

#[test]
fn a_client_open_in_one_window_cannot_be_opened_in_another() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open(dir.path()).unwrap();
    let second = Store::open(dir.path()).unwrap();
    let client = first.create("Shared Client", now()).unwrap();
    let lock = first.lock(&client.id).unwrap();
    assert!(matches!(
        second.lock(&client.id),
        Err(ClientError::Locked { .. })
    ));
    assert!(matches!(
        second.delete(&client.id),
        Err(ClientError::Locked { .. })
    ));
    drop(lock);
    assert!(second.lock(&client.id).is_ok());
}

#[test]
fn two_writers_never_lose_each_others_work() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open(dir.path()).unwrap();
    let second = Store::open(dir.path()).unwrap();
    // Both windows create clients at the same time: distinct files.
    let mut a = first.create("Same Name", now()).unwrap();
    let mut b = second.create("Same Name", now()).unwrap();
    assert_ne!(a.id, b.id);
    // Both read the same client; the first saves; the second's stale save is refused.
    let mut stale = second.load(&a.id).unwrap();
    a.notes = "first window's note".to_owned();
    first.save(&mut a, later(1)).unwrap();
    stale.notes = "second window's note".to_owned();
    assert!(matches!(
        second.save(&mut stale, later(2)),
        Err(ClientError::Conflict { .. })
    ));
    assert_eq!(first.load(&a.id).unwrap().notes, "first window's note");
    // After reloading, the second window's change lands on top.
    let mut fresh = second.load(&a.id).unwrap();
    fresh.notes.push_str("; second window's note");
    second.save(&mut fresh, later(3)).unwrap();
    assert_eq!(
        first.load(&a.id).unwrap().notes,
        "first window's note; second window's note"
    );
    b.notes = "unrelated".to_owned();
    second.save(&mut b, later(4)).unwrap();
    assert_eq!(first.list().unwrap().len(), 2);
}

#[test]
fn a_client_deleted_elsewhere_is_not_resurrected_by_a_stale_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut client = store.create("Gone", now()).unwrap();
    store.delete(&client.id).unwrap();
    assert!(matches!(
        store.save(&mut client, later(1)),
        Err(ClientError::Conflict { .. })
    ));
    assert!(store.list().unwrap().is_empty());
}

#[test]
fn reassessment_keeps_the_earlier_one_and_reports_the_change() {
    let bank = bank::load(None).unwrap();
    let path = format!(
        "{}/tests/fixtures/personas/koprivnica-furniture-exporter-weak-finance.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let answers = Answers::read(&path, &std::fs::read(&path).unwrap(), &bank)
        .unwrap()
        .0;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut client = store.create("Drvni Obrt Drava", now()).unwrap();
    client.current_mut("2026-05-04").answers = answers.clone();
    client.reassess("2026-11-23");
    assert_eq!(client.assessments.len(), 2);
    assert_eq!(
        client.assessments[1].answers, answers,
        "a re-assessment starts from the last answers"
    );
    // Half a year later: money set aside, and regular business abroad.
    let current = client.current_mut("2026-11-23");
    current
        .answers
        .set("budget", Answer::Choice("multi-year".to_owned()));
    current
        .answers
        .set("working-capital", Answer::Choice("ready".to_owned()));
    current
        .answers
        .set("activity", Answer::Choice("regular".to_owned()));
    store.save(&mut client, later(1)).unwrap();
    let client = store.load(&client.id).unwrap();
    assert_eq!(
        client.assessments[0].answers, answers,
        "the earlier assessment is kept unchanged"
    );
    let delta: Delta = client.delta(&bank).expect("two assessments give a delta");
    assert_eq!(delta.since, "2026-05-04");
    assert_eq!(
        (delta.stage_before, delta.stage_now),
        (Stage::Enter, Stage::Grow)
    );
    assert!(delta.change(Dimension::Finance).unwrap() > 30, "{delta:?}");
    assert_eq!(delta.change(Dimension::Compliance), Some(0));
}
