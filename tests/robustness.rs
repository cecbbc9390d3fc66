//! The real binary against hostile surroundings: output that closes or
//! fills up, input files that are not files, shared data folders, symlinks.

use std::path::Path;
use std::process::{Command, Stdio};

/// `eis` from the crate root with a fixed date, no colour and a scratch cache.
fn eis(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eis"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LC_ALL", "C")
        .env("EIS_TODAY", "2026-11-23")
        .env("NO_COLOR", "1")
        .env(
            "EIS_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/eis-cache"),
        )
        .stdin(Stdio::null());
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
