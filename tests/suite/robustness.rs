//! The real binary against hostile surroundings: output that closes or
//! fills up, input files that are not files, shared data folders, symlinks.

use crate::common::eis_command;
use std::path::Path;
use std::process::{Command, Stdio};

/// `eis` from the crate root with a fixed date, no colour and a scratch cache.
fn eis(args: &[&str]) -> Command {
    let mut command = eis_command("2026-11-23");
    command.args(args);
    command
}

/// Exit code and stderr of a finished run.
fn finish(command: &mut Command) -> (i32, String) {
    let output = command.stderr(Stdio::piped()).output().expect("eis runs");
    (
        output.status.code().expect("eis exits, not killed"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every printing command, with what it needs to print something.
fn printing_commands(data: &Path) -> Vec<Vec<String>> {
    let data = format!("--data-dir={}", data.display());
    [
        vec!["search", "e", "--limit", "100"],
        vec!["search", "export", "--format", "json"],
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["landscape", "--format", "json"],
        vec!["landscape"],
        vec![
            "assess",
            "--answers",
            "tests/fixtures/answers/baltic-parts.ron",
        ],
        vec![
            "match",
            "--answers",
            "tests/fixtures/answers/baltic-parts.ron",
        ],
        vec!["clients", &data],
        vec!["clients", "--format", "json", &data],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect()
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly_and_successfully() {
    let data = tempfile::tempdir().unwrap();
    for args in printing_commands(data.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // The reading end is closed before eis starts, so its first write
        // meets a closed pipe whatever the size of the output.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let (code, stderr) = finish(eis(&args).stdout(writer));
        assert_eq!((code, stderr.as_str()), (0, ""), "eis {args:?}");
    }
}

#[test]
fn search_into_head_exits_successfully_and_says_nothing() {
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} search e --limit 1000 | head -c 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\" >&2",
            env!("CARGO_BIN_EXE_eis")
        ))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env(
            "EIS_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/eis-cache"),
        )
        .output()
        .unwrap();
    // eis's exit code, and nothing else on stderr.
    assert_eq!(String::from_utf8_lossy(&output.stderr), "0\n");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_with_a_message_and_exit_code_2() {
    let data = tempfile::tempdir().unwrap();
    for args in printing_commands(data.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let (code, stderr) = finish(eis(&args).stdout(full));
        assert_eq!(code, 2, "eis {args:?}: {stderr}");
        assert!(
            stderr.starts_with("eis: error: cannot write to standard output: "),
            "eis {args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "eis {args:?}: {stderr}");
    }
}

/// Runs `command` to its end, or kills it and fails after ten seconds.
fn finish_in_time(command: &mut Command) -> (i32, String, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("eis starts");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            panic!("eis did not finish within 10 s: {command:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().expect("eis exits, not killed"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A folder holding one valid catalogue file, `a.ron`.
fn catalogue_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/landscape/catalogue.ron"),
        dir.path().join("a.ron"),
    )
    .unwrap();
    dir
}

/// Makes a file system entry at a path.
type Make = dyn Fn(&Path);

#[cfg(unix)]
#[test]
fn entries_of_a_catalogue_folder_that_are_not_files_are_errors() {
    use std::os::unix::fs::symlink;
    let ok = catalogue_folder();
    let (code, _, stderr) = finish_in_time(&mut eis(&["check", ok.path().to_str().unwrap()]));
    assert_eq!(code, 0, "{stderr}");
    let cases: [(&str, &Make, &str); 4] = [
        (
            "fifo.ron",
            &mkfifo,
            "it is a named pipe (FIFO), not a regular file",
        ),
        (
            "dangling.ron",
            &|p| symlink(p.with_file_name("gone.ron"), p).unwrap(),
            "gone.ron, which does not exist",
        ),
        (
            "loop.ron",
            &|p| symlink(p, p).unwrap(),
            "it is a symbolic link in a loop of links",
        ),
        (
            "zero.ron",
            &|p| symlink("/dev/zero", p).unwrap(),
            "it is a device, not a regular file",
        ),
    ];
    for (name, make, message) in cases {
        let dir = catalogue_folder();
        let path = dir.path().join(name);
        make(&path);
        let folder = dir.path().to_str().unwrap();
        let (code, stdout, _) = finish_in_time(&mut eis(&["check", folder]));
        assert_eq!(code, 2, "{name}: {stdout}");
        let line = stdout.lines().next().unwrap_or_default();
        assert!(
            line.starts_with(&format!("{}: error: cannot read: ", path.display()))
                && line.ends_with(message),
            "{name}: {stdout}"
        );
        // Every command that reads a catalogue refuses it the same way.
        let (code, _, stderr) = finish_in_time(&mut eis(&["search", "--catalogue", folder, "e"]));
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn inputs_named_on_the_command_line_must_be_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("input.ron");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    for args in [
        vec!["check", fifo],
        vec!["search", "--catalogue", fifo, "e"],
        vec!["check", "--questions", fifo],
        vec!["assess", "--answers", fifo],
        vec!["match", "--profile", fifo],
        vec!["kiosk", "--config", fifo],
        vec!["assess", "--answers", "/dev/zero"],
        vec!["kiosk", "--config", "/dev/zero"],
    ] {
        let (code, stdout, stderr) = finish_in_time(&mut eis(&args));
        assert_eq!(code, 2, "eis {args:?}: {stdout}{stderr}");
        assert!(
            format!("{stdout}{stderr}").contains("not a regular file"),
            "eis {args:?}: {stdout}{stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_and_a_link_to_dev_zero_among_the_clients_are_named_and_passed_over() {
    let data = tempfile::tempdir().unwrap();
    let clients = data.path().join("clients");
    std::fs::create_dir(&clients).unwrap();
    mkfifo(&clients.join("fifo.ron"));
    std::os::unix::fs::symlink("/dev/zero", clients.join("zero.ron")).unwrap();
    let data_dir = format!("--data-dir={}", data.path().display());
    let (code, stdout, stderr) = finish_in_time(&mut eis(&["clients", &data_dir]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("No clients yet"), "{stdout}");
    assert!(
        stderr.contains("fifo.ron: it is a named pipe (FIFO), not a regular file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("zero.ron: it is a device, not a regular file"),
        "{stderr}"
    );
    let (code, _, stderr) = finish_in_time(&mut eis(&["export", "fifo", &data_dir]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn a_file_that_is_not_of_the_kind_expected_is_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("passwd");
    std::fs::write(&secret, "s3cr3tWord:x:0:0:root:/root:/bin/sh\n").unwrap();
    let secret = secret.to_str().unwrap();
    for args in [
        vec!["check", secret],
        vec!["check", "--questions", secret],
        vec!["assess", "--answers", secret],
        vec!["match", "--profile", secret],
        vec!["kiosk", "--config", secret],
    ] {
        let (code, stdout, stderr) = finish_in_time(&mut eis(&args));
        assert_ne!(code, 0, "eis {args:?}");
        assert!(
            !format!("{stdout}{stderr}").contains("s3cr3t"),
            "eis {args:?}: {stdout}{stderr}"
        );
    }
    // Nor a client file that is some other file.
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join("clients")).unwrap();
    std::fs::copy(secret, data.path().join("clients/acme.ron")).unwrap();
    let data_dir = format!("--data-dir={}", data.path().display());
    let (_, stdout, stderr) = finish_in_time(&mut eis(&["clients", &data_dir]));
    assert!(stderr.contains("acme.ron"), "{stderr}");
    assert!(!format!("{stdout}{stderr}").contains("s3cr3t"), "{stderr}");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

#[cfg(unix)]
#[test]
fn a_data_folder_it_is_given_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt as _;
    let shared = tempfile::tempdir().unwrap();
    std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    let data_dir = format!("--data-dir={}", shared.path().display());
    let (code, _, stderr) = finish_in_time(&mut eis(&["clients", &data_dir]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mode(shared.path()), 0o1777);
    // The clients folder it created is private; one that was there is left as it is.
    assert_eq!(mode(&shared.path().join("clients")), 0o700);
    std::fs::set_permissions(
        shared.path().join("clients"),
        std::fs::Permissions::from_mode(0o2770),
    )
    .unwrap();
    let store = eis::clients::Store::open(shared.path()).unwrap();
    let client = store
        .create("Acme", "2026-11-23T10:00:00Z".parse().unwrap())
        .unwrap();
    assert_eq!(mode(&shared.path().join("clients")), 0o2770);
    assert_eq!(
        mode(&shared.path().join(format!("clients/{}.ron", client.id))),
        0o600
    );
    let (code, _, stderr) = finish_in_time(&mut eis(&["export", &client.id, &data_dir]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mode(shared.path()), 0o1777);
    assert_eq!(mode(&shared.path().join("clients")), 0o2770);
}

#[cfg(unix)]
#[test]
fn export_out_onto_a_link_is_refused_with_or_without_force() {
    use std::os::unix::fs::symlink;
    let data = tempfile::tempdir().unwrap();
    let store = eis::clients::Store::open(data.path()).unwrap();
    let client = store
        .create("Acme", "2026-11-23T10:00:00Z".parse().unwrap())
        .unwrap();
    let data_dir = format!("--data-dir={}", data.path().display());
    let out = tempfile::tempdir().unwrap();
    let missing = out.path().join("missing.md");
    let theirs = out.path().join("theirs.md");
    std::fs::write(&theirs, "someone else's file").unwrap();
    for (target, force) in [(&missing, false), (&missing, true), (&theirs, true)] {
        let link = out.path().join("summary.md");
        let _ = std::fs::remove_file(&link);
        symlink(target, &link).unwrap();
        let mut args = vec![
            "export",
            &client.id,
            &data_dir,
            "--out",
            link.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        let (code, _, stderr) = finish_in_time(&mut eis(&args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("it is a symbolic link; files are never written through links"),
            "{stderr}"
        );
        assert!(!missing.exists());
        assert_eq!(
            std::fs::read_to_string(&theirs).unwrap(),
            "someone else's file"
        );
        assert_eq!(std::fs::read_link(&link).unwrap(), *target);
    }
    // A plain new file is written, the owner's only.
    let plain = out.path().join("plain.md");
    let (code, _, stderr) = finish_in_time(&mut eis(&[
        "export",
        &client.id,
        &data_dir,
        "--out",
        plain.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mode(&plain), 0o600);
}

#[cfg(unix)]
#[test]
fn a_client_lock_that_is_a_link_is_not_followed() {
    let data = tempfile::tempdir().unwrap();
    let store = eis::clients::Store::open(data.path()).unwrap();
    let client = store
        .create("Acme", "2026-11-23T10:00:00Z".parse().unwrap())
        .unwrap();
    let elsewhere = data.path().join("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, store.dir().join(format!("{}.lock", client.id)))
        .unwrap();
    let error = store.lock(&client.id).unwrap_err();
    assert!(error.to_string().contains("symbolic link"), "{error}");
    assert!(!elsewhere.exists());
}

#[cfg(unix)]
#[test]
fn slips_are_the_owners_only_in_a_private_spool_folder() {
    let root = tempfile::tempdir().unwrap();
    let spool = root.path().join("spool");
    let config = eis::kiosk::KioskConfig {
        idle_seconds: 120,
        warning_seconds: 30,
        spool: spool.clone(),
        print_command: Vec::new(),
        admin_passphrase: String::new(),
        language: None,
    };
    let path = eis::kiosk::spool(&config, "K7QM-92XA", "slip").unwrap();
    assert_eq!(mode(&spool), 0o700);
    assert_eq!(mode(&path), 0o600);
    // A slip never replaces another, nor follows a link planted in its name.
    std::os::unix::fs::symlink(root.path().join("planted"), spool.join("AAAA-BBBB.txt")).unwrap();
    eis::kiosk::spool(&config, "AAAA-BBBB", "slip").unwrap_err();
    assert!(!root.path().join("planted").exists());
}

/// A generated catalogue as RON, pretty (a line per field) or on one line,
/// with every service's keywords dropped so that each has a warning to place.
fn generated(services: usize, one_line: bool) -> eis::catalogue::load::SourceFile {
    let mut raw = eis::generate::raw(services, 7);
    for service in &mut raw.services {
        service.keywords.clear();
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = if one_line {
        options.to_string(&raw).unwrap()
    } else {
        options
            .to_string_pretty(&raw, ron::ser::PrettyConfig::new().struct_names(true))
            .unwrap()
    };
    assert_eq!(text.contains('\n'), !one_line);
    eis::catalogue::load::SourceFile {
        name: "generated.ron".to_owned(),
        bytes: text.into_bytes(),
    }
}

/// The fastest of three checks of `file`, and its diagnostics.
fn time_check(file: &eis::catalogue::load::SourceFile) -> (std::time::Duration, Vec<String>) {
    let today = jiff::civil::date(2026, 11, 23);
    let mut best = std::time::Duration::MAX;
    let mut diagnostics = Vec::new();
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let checked = eis::catalogue::load::check_files(std::slice::from_ref(file), today);
        best = best.min(started.elapsed());
        diagnostics = checked
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
    }
    (best, diagnostics)
}

#[test]
fn a_catalogue_on_one_line_checks_in_about_the_time_of_the_same_with_line_breaks() {
    let services: usize = std::env::var("EIS_ONE_LINE_SERVICES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3_000);
    let lines = generated(services, false);
    let line = generated(services, true);
    let (with_breaks, placed) = time_check(&lines);
    let (on_one_line, placed_on_one_line) = time_check(&line);
    eprintln!(
        "{services} services: {} bytes with line breaks, {with_breaks:?}; {} bytes on one line, {on_one_line:?}",
        lines.bytes.len(),
        line.bytes.len()
    );
    // Every service's warning is placed, in both.
    assert!(placed.len() >= services, "{}", placed.len());
    assert_eq!(placed.len(), placed_on_one_line.len());
    assert!(
        placed_on_one_line
            .iter()
            .all(|d| d.starts_with("generated.ron:1:")),
        "{:?}",
        &placed_on_one_line[..3]
    );
    assert!(
        on_one_line < with_breaks * 3 + std::time::Duration::from_millis(300),
        "one line {on_one_line:?}, with line breaks {with_breaks:?}"
    );
}

#[test]
fn a_question_answered_twice_is_an_error_at_the_second_answer() {
    let bank = eis::assessment::bank::load(None).unwrap();
    let text = "{\n  \"employees\": 12,\n  \"employees\": 40,\n}\n";
    let errors = eis::assessment::Answers::read("dup.ron", text.as_bytes(), &bank).unwrap_err();
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [
            "dup.ron:3:16: error: question `employees` is answered twice; keep one answer (at `employees`)"
        ]
    );
    let json = r#"{"employees": 12, "employees": 40}"#;
    let errors = eis::assessment::Answers::read("dup.json", json.as_bytes(), &bank).unwrap_err();
    assert!(
        errors[0].to_string().contains("answered twice"),
        "{errors:?}"
    );
}

#[test]
fn a_client_file_answering_a_question_twice_is_unreadable() {
    let data = tempfile::tempdir().unwrap();
    let store = eis::clients::Store::open(data.path()).unwrap();
    let mut client = store
        .create("Acme", "2026-11-23T10:00:00Z".parse().unwrap())
        .unwrap();
    client
        .current_mut("2026-11-23")
        .answers
        .set("employees", eis::assessment::Answer::Number(12));
    store
        .save(&mut client, "2026-11-23T10:01:00Z".parse().unwrap())
        .unwrap();
    let path = store.dir().join(format!("{}.ron", client.id));
    let text = std::fs::read_to_string(&path).unwrap();
    let doubled = text.replacen(
        "\"employees\": Number(12),",
        "\"employees\": Number(12), \"employees\": Number(40),",
        1,
    );
    assert_ne!(doubled, text);
    std::fs::write(&path, doubled).unwrap();
    let error = store.load(&client.id).unwrap_err().to_string();
    assert!(
        error.contains("question `employees` is answered twice"),
        "{error}"
    );
}

#[test]
fn many_answers_on_one_line_are_read_in_linear_time() {
    let bank = eis::assessment::bank::load(None).unwrap();
    let entries = |n: usize| {
        let body: Vec<String> = (0..n).map(|i| format!("\"no-such-{i}\": {i}")).collect();
        format!("{{{}}}", body.join(", "))
    };
    // The fastest of three reads, so that a busy machine (tests run side
    // by side) does not pass for a slow algorithm.
    let time = |text: &str| {
        let mut fastest = std::time::Duration::MAX;
        let mut errors = 0;
        for _ in 0..3 {
            let started = std::time::Instant::now();
            errors = eis::assessment::Answers::read("many.ron", text.as_bytes(), &bank)
                .unwrap_err()
                .len();
            fastest = fastest.min(started.elapsed());
        }
        (fastest, errors)
    };
    let (small, small_errors) = time(&entries(5_000));
    let (large, large_errors) = time(&entries(40_000));
    assert_eq!((small_errors, large_errors), (5_000, 40_000));
    // Eight times the entries: a linear read takes about eight times as
    // long, a quadratic one sixty-four.
    assert!(
        large < small * 20 + std::time::Duration::from_millis(200),
        "5,000 entries {small:?}, 40,000 entries {large:?}"
    );
}

#[test]
fn texts_past_their_length_limit_are_errors_of_the_checker() {
    let fixture = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/landscape/catalogue.ron"),
    )
    .unwrap();
    let with_name = |chars: usize| {
        let name = "é".repeat(chars);
        fixture.replacen(
            "name: \"National Export Agency\"",
            &format!("name: \"{name}\""),
            1,
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    // Two bytes a character: counted in characters, the limit is met.
    std::fs::write(&path, with_name(300)).unwrap();
    let (code, stdout, _) = finish_in_time(&mut eis(&["check", path.to_str().unwrap()]));
    assert_eq!(code, 0, "{stdout}");
    std::fs::write(&path, with_name(301)).unwrap();
    let (code, stdout, _) = finish_in_time(&mut eis(&["check", path.to_str().unwrap()]));
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with(&format!(
            "{}:16:35: error: `name` is 301 characters long; the limit is 300",
            path.display()
        )),
        "{stdout}"
    );
}

#[test]
fn the_documented_text_limits_are_the_checkers() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/catalogue.md"))
            .unwrap();
    for (texts, limit) in eis::catalogue::check::TEXT_LIMITS {
        let limit = if limit >= 1_000 {
            format!("{},{:03}", limit / 1_000, limit % 1_000)
        } else {
            limit.to_string()
        };
        let row = format!("| {texts} | {limit} |");
        assert!(docs.contains(&row), "docs/catalogue.md lacks `{row}`");
    }
}

#[test]
fn no_key_acts_behind_the_request_to_enlarge_the_window_but_quitting() {
    use eis::ui::keymap::Action;
    use eis::ui::terminal::action_for;
    use ratatui::crossterm::event::{
        Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
    };
    let app = eis::ui::App::new(
        eis::assessment::bank::load(None).unwrap(),
        eis::catalogue::load(&eis::catalogue::Source::Embedded)
            .unwrap()
            .0,
        eis::ui::theme::ThemeName::Default,
    );
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let scroll = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    });
    let fits = eis::ui::view::fits(80, 24);
    assert!(fits && !eis::ui::view::fits(1, 1) && !eis::ui::view::fits(39, 24));
    // On the home screen `a` starts an assessment, Enter opens, `q` quits…
    for event in [
        key(KeyCode::Char('a')),
        key(KeyCode::Enter),
        key(KeyCode::Char('q')),
        scroll.clone(),
    ] {
        assert!(action_for(&app, &event, true).is_some(), "{event:?}");
        // …but not behind "Please enlarge the window".
        assert_eq!(action_for(&app, &event, false), None, "{event:?}");
    }
    assert_eq!(action_for(&app, &ctrl_c, false), Some(Action::Quit));
}

/// The example config of `docs/kiosk.md`, with a real passphrase hash in
/// place of the elided one.
fn documented_kiosk_config() -> String {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/kiosk.md"))
        .unwrap();
    let after = docs.split("## The config file").nth(1).unwrap();
    let example = after
        .split("```ron\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let hash = eis::kiosk::hash_passphrase("open sesame 42").unwrap();
    let start = example.find("$argon2id$").unwrap();
    let end = start + example[start..].find('"').unwrap();
    format!("{}{hash}{}", &example[..start], &example[end..])
}

#[test]
fn the_documented_kiosk_config_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.ron");
    let example = documented_kiosk_config();
    assert!(example.contains("language: \"pl\""), "{example}");
    std::fs::write(&path, &example).unwrap();
    let config = eis::kiosk::KioskConfig::load(&path).unwrap();
    assert_eq!(config.language, Some(eis::i18n::Lang::Pl));
    assert_eq!(config.print_command, ["lp", "-d", "helpdesk"]);
    // The language bare, as RON writes a variant, reads the same; an unknown
    // one is an error that lists the languages.
    std::fs::write(&path, example.replace("\"pl\"", "pl")).unwrap();
    assert_eq!(
        eis::kiosk::KioskConfig::load(&path).unwrap().language,
        Some(eis::i18n::Lang::Pl)
    );
    std::fs::write(&path, example.replace("\"pl\"", "\"xx\"")).unwrap();
    let error = eis::kiosk::KioskConfig::load(&path)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`language` `xx` is not a language the kiosk speaks; use one of en, da"),
        "{error}"
    );
    std::fs::write(&path, example.replace("    language: \"pl\",", "")).unwrap();
    assert_eq!(eis::kiosk::KioskConfig::load(&path).unwrap().language, None);
}

#[test]
fn a_client_whose_id_is_not_its_file_name_is_named_as_unreadable() {
    let data = tempfile::tempdir().unwrap();
    let store = eis::clients::Store::open(data.path()).unwrap();
    let client = store
        .create("Acme", "2026-11-23T10:00:00Z".parse().unwrap())
        .unwrap();
    let path = store.dir().join("acme.ron");
    std::fs::rename(&path, store.dir().join("other.ron")).unwrap();
    let data_dir = format!("--data-dir={}", data.path().display());
    let (code, stdout, stderr) = finish_in_time(&mut eis(&["clients", &data_dir]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("No clients yet"), "{stdout}");
    assert!(
        stderr.contains(
            "other.ron is not a readable client file (its id `acme` is not its file name; name the file `acme.ron` or make the id `other`)"
        ),
        "{stderr}"
    );
    for id in [client.id.as_str(), "other"] {
        let (code, _, stderr) = finish_in_time(&mut eis(&["export", id, &data_dir]));
        assert_eq!(code, 1, "{id}: {stderr}");
    }
}

#[test]
fn escapes_c1_controls_and_bidi_overrides_in_a_client_file_never_reach_the_output() {
    let data = tempfile::tempdir().unwrap();
    let store = eis::clients::Store::open(data.path()).unwrap();
    let hostile_name = "Acme \u{9b}31m\u{202e}Ltd\u{7f}";
    let client = store
        .create(hostile_name, "2026-11-23T10:00:00Z".parse().unwrap())
        .unwrap();
    let path = store.dir().join(format!("{}.ron", client.id));
    let text = std::fs::read_to_string(&path).unwrap();
    let hostile_updated = "2026-11-23T10:00:00Z\u{1b}]0;owned\u{7}\u{1b}[2J";
    let text = text.replace(
        &format!("updated: \"{}\"", client.updated),
        &format!("updated: \"{hostile_updated}\""),
    );
    std::fs::write(&path, text).unwrap();
    let data_dir = format!("--data-dir={}", data.path().display());
    let hostile = |c: char| {
        c.is_control() && c != '\n'
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    for args in [
        vec!["clients", &data_dir],
        vec!["clients", "--format", "json", &data_dir],
        vec!["export", &client.id, "--format", "json", &data_dir],
        vec!["export", &client.id, "--format", "md", &data_dir],
        vec!["export", &client.id, "--format", "html", &data_dir],
    ] {
        let (code, stdout, stderr) = finish_in_time(&mut eis(&args));
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stdout.contains(hostile), "{args:?}: {stdout:?}");
        assert!(!stderr.contains(hostile), "{args:?}: {stderr:?}");
    }
    // JSON escapes them, so the data reads back as it was.
    let (_, json, _) = finish_in_time(&mut eis(&["clients", "--format", "json", &data_dir]));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["clients"][0]["name"], hostile_name);
    assert_eq!(json["clients"][0]["updated"], hostile_updated);
}

#[test]
fn windows_creating_clients_at_the_same_moment_each_get_their_own() {
    let data = tempfile::tempdir().unwrap();
    let store = eis::clients::Store::open(data.path()).unwrap();
    let windows = 8;
    let start = std::sync::Barrier::new(windows);
    let created: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..windows)
            .map(|_| {
                scope.spawn(|| {
                    start.wait();
                    store
                        .create_locked(
                            "New client 2026-11-23",
                            "2026-11-23T10:00:00Z".parse().unwrap(),
                        )
                        .unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut ids: Vec<&str> = created
        .iter()
        .map(|(record, _)| record.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), windows, "{ids:?}");
    // Each window holds its own client and saves its work into it.
    let mut held = created;
    for (n, (record, _lock)) in held.iter_mut().enumerate() {
        record.notes = format!("window {n}");
        store
            .save(record, "2026-11-23T10:01:00Z".parse().unwrap())
            .unwrap();
    }
    for (n, (record, _)) in held.iter().enumerate() {
        assert_eq!(store.load(&record.id).unwrap().notes, format!("window {n}"));
    }
}

/// A few hundred fuzzed cases of every kind of file, on every run (the
/// example `fuzz` runs as many as asked: docs/limits.md).
#[test]
fn fuzzed_files_never_panic_and_problems_stay_inside_them() {
    let cases: usize = std::env::var("EIS_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    for target in eis::fuzz::Target::ALL {
        let scratch = tempfile::tempdir().unwrap();
        let report = eis::fuzz::run(target, cases, 2026, scratch.path());
        assert_eq!(report.cases, cases);
        assert!(
            report.failures.is_empty(),
            "{}: {:?}",
            target.name(),
            report
                .failures
                .iter()
                .map(|(case, _, broken)| format!("case {case}: {broken}"))
                .collect::<Vec<_>>()
        );
        // The mutations reach both sides: some files still read, most do not.
        assert!(report.refused > 0, "{}: {report:?}", target.name());
    }
}

#[cfg(unix)]
#[test]
fn answers_from_standard_input_read_as_from_a_file() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/baltic-parts.ron");
    let from_file = eis(&["assess", "--answers", fixture.to_str().unwrap()])
        .output()
        .unwrap();
    let from_stdin = eis(&["assess", "--answers", "-"])
        .stdin(std::fs::File::open(&fixture).unwrap())
        .output()
        .unwrap();
    assert!(from_file.status.success());
    assert_eq!(from_stdin.status.code(), Some(0));
    assert_eq!(from_stdin.stdout, from_file.stdout);
    // Past the limit, standard input is refused too, and not read to its end.
    let mut big = eis(&["assess", "--answers", "-"]);
    big.stdin(std::fs::File::open("/dev/zero").unwrap());
    let (code, stderr) = finish(&mut big);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot read standard input: the file is too large; the limit for this kind of file is 1 MiB"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_translation_of_the_bank_that_is_not_a_file_is_an_error_of_the_checker() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("questions.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/questions.ron"),
        &bank,
    )
    .unwrap();
    mkfifo(&dir.path().join("questions.da.ron"));
    let (code, stdout, _) =
        finish_in_time(&mut eis(&["check", "--questions", bank.to_str().unwrap()]));
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(
            "questions.da.ron: error: cannot read: it is a named pipe (FIFO), not a regular file"
        ),
        "{stdout}"
    );
}
