//! The `eis` binary as users and scripts meet it: golden output of `check` and
//! `search` in text and JSON, exit codes, and inputs that cannot be read.

use crate::common::eis_command;
use std::path::Path;

/// The result of one run: exit code, stdout and stderr.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The run as one text for a golden file.
    fn golden(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `eis` from the crate root with a fixed date and no colour.
fn eis(args: &[&str]) -> Run {
    let output = eis_command("2026-12-07")
        .args(args)
        .output()
        .expect("eis runs");
    Run {
        code: output.status.code().expect("eis exits normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

#[test]
fn check_of_the_shipped_data_prints_the_summary() {
    let run = eis(&["check", "data"]);
    assert_eq!(run.code, 0, "{}", run.golden());
    insta::assert_snapshot!("check_data_text", run.golden());
}

#[test]
fn check_without_a_path_checks_the_embedded_catalogue() {
    let embedded = eis(&["check"]);
    let folder = eis(&["check", "data"]);
    // The data folder also holds the referral cases, which only a folder
    // check runs; the rest is the same.
    let golden = folder.golden();
    let mut without_cases = String::new();
    for line in golden.lines().filter(|l| !l.starts_with("Referral cases:")) {
        without_cases.push_str(line);
        without_cases.push('\n');
    }
    assert_eq!(embedded.golden(), without_cases);
    assert!(
        folder.golden().contains("Referral cases:"),
        "{}",
        folder.golden()
    );
}

#[test]
fn check_of_the_shipped_data_as_json() {
    let run = eis(&["check", "data", "--format", "json"]);
    assert_eq!(run.code, 0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(report["ok"], true);
    assert_eq!(report["errors"], 0);
    insta::assert_snapshot!("check_data_json", run.golden());
}

#[test]
fn check_of_a_broken_folder_lists_every_problem_and_exits_1() {
    let run = eis(&["check", "tests/fixtures/broken"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_broken_text", run.golden());
}

#[test]
fn check_of_a_broken_folder_as_json() {
    let run = eis(&["check", "tests/fixtures/broken", "--format", "json"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_broken_json", run.golden());
}

#[test]
fn check_of_a_missing_path_exits_2() {
    let run = eis(&["check", "tests/fixtures/no-such-file.ron"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .starts_with("tests/fixtures/no-such-file.ron: error: cannot read: "),
        "{}",
        run.stdout
    );
}

#[test]
fn check_of_a_folder_without_ron_files_exits_2() {
    let run = eis(&["check", "tests/fixtures/no-ron"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("check_no_ron", run.golden());
}

#[test]
fn check_of_a_file_too_large_to_read_exits_2_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // A sparse file: its size is over the limit, yet it takes no disk space.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(eis::catalogue::load::MAX_FILE_BYTES + 1)
        .unwrap();
    let run = eis(&["check", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains(
            "huge.ron: error: the file is too large (129 MiB); the limit for this kind of file is 128 MiB; split it into several files in one folder"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn search_prints_name_provider_area_summary_and_url() {
    let run = eis(&["search", "export insurance", "--area", "PL"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("search_export_insurance_pl_text", run.golden());
}

#[test]
fn search_as_json_carries_match_positions() {
    let run = eis(&[
        "search",
        "lodz",
        "--format",
        "json",
        "--catalogue",
        "tests/fixtures/search",
    ]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("search_lodz_json", run.golden());
}

#[test]
fn search_filters_by_mode_stage_and_support() {
    let run = eis(&[
        "search",
        "fair",
        "--mode",
        "export",
        "--stage",
        "enter",
        "--support",
        "grant",
        "--area",
        "IT-45",
        "--limit",
        "3",
    ]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("search_fair_filtered_text", run.golden());
}

#[test]
fn search_with_no_hits_says_so() {
    let run = eis(&["search", "qqqqzzzz"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "No services match \"qqqqzzzz\".\nNo word of the catalogue begins with \"qqqqzzzz\".\n"
    );
}

#[test]
fn search_rejects_an_unknown_filter_term() {
    let run = eis(&["search", "x", "--mode", "exprt"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("search_bad_mode", run.golden());
}

#[test]
fn search_rejects_a_bad_area_code() {
    let run = eis(&["search", "x", "--area", "UK"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the United Kingdom is \"GB\""),
        "{}",
        run.stderr
    );
}

#[test]
fn search_on_a_broken_catalogue_reports_errors_and_exits_1() {
    let run = eis(&["search", "advice", "--catalogue", "tests/fixtures/broken"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .ends_with("eis: error: the catalogue has 13 errors; run `eis check` for details\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn eis_alone_prints_help() {
    let run = eis(&[]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Usage: eis"), "{}", run.stdout);
    assert!(run.stdout.contains("check"));
    assert!(run.stdout.contains("search"));
}

#[test]
fn the_fixtures_used_here_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(root.join("tests/fixtures/broken/a.ron").is_file());
    assert!(root.join("tests/fixtures/no-ron/README.txt").is_file());
}

const ANSWERS: &str = "tests/fixtures/answers/baltic-parts.ron";

#[test]
fn assess_prints_the_profile_in_every_format() {
    for format in ["text", "md", "json", "ron"] {
        let run = eis(&["assess", "--answers", ANSWERS, "--format", format]);
        assert_eq!(run.code, 0, "{}", run.golden());
        insta::assert_snapshot!(format!("assess_{format}"), run.golden());
    }
}

#[test]
fn match_prints_the_journey_in_every_format() {
    for format in ["text", "md", "json"] {
        let run = eis(&["match", "--answers", ANSWERS, "--format", format]);
        assert_eq!(run.code, 0, "{}", run.golden());
        insta::assert_snapshot!(format!("match_{format}"), run.golden());
    }
}

#[test]
fn match_from_a_saved_profile_equals_match_from_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["ron", "json"] {
        let profile = eis(&["assess", "--answers", ANSWERS, "--format", format]);
        let path = dir.path().join(format!("profile.{format}"));
        std::fs::write(&path, &profile.stdout).unwrap();
        let from_profile = eis(&["match", "--profile", path.to_str().unwrap()]);
        let from_answers = eis(&["match", "--answers", ANSWERS]);
        assert_eq!(from_profile.golden(), from_answers.golden());
    }
}

#[test]
fn match_explains_an_exclusion_and_a_rank() {
    let excluded = eis(&[
        "match",
        "--answers",
        ANSWERS,
        "--explain",
        "ukef-export-insurance-policy",
    ]);
    assert_eq!(excluded.code, 0);
    insta::assert_snapshot!("match_explain_excluded", excluded.golden());
    let ranked = eis(&[
        "match",
        "--answers",
        ANSWERS,
        "--explain",
        "kuke-ubezpieczenie-naleznosci",
    ]);
    assert_eq!(ranked.code, 0);
    insta::assert_snapshot!("match_explain_ranked", ranked.golden());
    let unknown = eis(&[
        "match",
        "--answers",
        ANSWERS,
        "--explain",
        "no-such-service",
    ]);
    assert_eq!(unknown.code, 1);
}

#[test]
fn bad_answers_name_the_file_the_position_and_the_question() {
    let run = eis(&["assess", "--answers", "tests/fixtures/answers/bad.json"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("assess_bad_answers", run.golden());
}

#[test]
fn an_answer_to_a_question_not_asked_is_a_warning() {
    let run = eis(&["assess", "--answers", "tests/fixtures/answers/hidden.ron"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains(
            "hidden.ron:2:56: warning: the answer to `suppliers` is not used: with these answers the question is not asked"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn match_needs_a_profile_or_answers() {
    let run = eis(&["match"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--profile <FILE>"), "{}", run.stderr);
}

#[test]
fn a_firm_outside_the_catalogue_is_told_so_in_every_format() {
    let answers = "tests/fixtures/personas/norway-seafood-exporter.ron";
    let text = eis(&["match", "--answers", answers]);
    assert_eq!(text.code, 0, "{}", text.golden());
    assert!(
        text.stdout
            .contains("Your country (Norway) is not in this catalogue yet"),
        "{}",
        text.stdout
    );
    let md = eis(&["match", "--answers", answers, "--format", "md"]);
    assert!(
        md.stdout.contains("is not in this catalogue yet"),
        "{}",
        md.stdout
    );
    let json = eis(&["match", "--answers", answers, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(value["outside"], "NO");
    // A firm in one of the catalogue's countries is told nothing of the kind.
    let inside = eis(&[
        "match",
        "--answers",
        "tests/fixtures/answers/baltic-parts.ron",
    ]);
    assert!(
        !inside.stdout.contains("not in this catalogue"),
        "{}",
        inside.stdout
    );
}

#[test]
fn search_says_how_many_it_leaves_out_and_limit_zero_shows_all() {
    let ten = eis(&["search", "export"]);
    assert_eq!(ten.code, 0, "{}", ten.golden());
    let line = ten
        .stdout
        .lines()
        .find(|l| l.contains("services shown"))
        .unwrap_or_else(|| panic!("no count line:\n{}", ten.stdout));
    let (shown, total) = line
        .split_once(" of ")
        .map(|(shown, rest)| {
            (
                shown.to_owned(),
                rest.split_whitespace().next().unwrap_or("").to_owned(),
            )
        })
        .expect("N of M");
    assert_eq!(shown, "10", "{line}");
    let total: usize = total.parse().expect("a count");
    assert!(total > 10, "{line}");
    let all = eis(&["search", "export", "--limit", "0", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&all.stdout).expect("valid JSON");
    assert_eq!(hits.as_array().map(Vec::len), Some(total));
    let all_text = eis(&["search", "export", "--limit", "0"]);
    assert!(
        !all_text.stdout.contains("services shown"),
        "{}",
        all_text.stdout
    );
}

#[test]
fn areas_and_support_kinds_are_understood_as_people_type_them() {
    let lower = eis(&["search", "export", "--area", "dk", "--format", "json"]);
    let upper = eis(&["search", "export", "--area", "DK", "--format", "json"]);
    assert_eq!(lower.code, 0, "{}", lower.golden());
    assert_eq!(lower.stdout, upper.stdout);
    let label = eis(&["search", "--support", "in-market help", "--format", "json"]);
    let name = eis(&["search", "--support", "InMarket", "--format", "json"]);
    assert_eq!(label.code, 0, "{}", label.golden());
    assert_eq!(label.stdout, name.stdout);
    let landscape = eis(&["landscape", "--area", "pl-22"]);
    assert_eq!(landscape.code, 0, "{}", landscape.golden());
}

#[test]
fn a_data_folder_without_its_own_questions_still_runs_its_cases() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let catalogue = root.path().join("catalogue");
    let cases = root.path().join("cases");
    std::fs::create_dir(&catalogue).unwrap();
    std::fs::create_dir(&cases).unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalogue")).unwrap()
    {
        let path = entry.unwrap().path();
        std::fs::copy(&path, catalogue.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        cases.join("wrong.ron"),
        "Case(about: \"x\", answers: {\"country\": [\"PL\"]}, expect: [Outside(true)])\n",
    )
    .unwrap();
    let run = eis(&["check", root.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.golden());
    assert!(
        run.stdout
            .contains("wrong.ron:1:57: error: expected the firm to be outside"),
        "{}",
        run.stdout
    );
}

/// The sample of `eis check data` in the command reference is what the
/// command prints today: its first line, then everything from the count
/// of errors and warnings on.
#[test]
fn the_documented_check_sample_is_what_check_prints() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/commands.md"))
        .expect("the command reference exists");
    let sample: Vec<&str> = docs
        .split("$ eis check data\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the reference has an `eis check data` sample")
        .lines()
        .collect();
    let run = eis(&["check", "data"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(sample.first(), printed.first(), "the first line");
    assert_eq!(sample.get(1), Some(&"…"));
    let counts = printed
        .iter()
        .position(|l| l.contains(" errors, ") || l.contains(" error, "))
        .expect("a count of errors");
    assert_eq!(&sample[2..], &printed[counts..]);
}

/// Each command's help lists the options it acts on and no other; an
/// option it does not act on is refused, before or after its name, rather
/// than ignored; one it acts on works in either place.
#[test]
fn a_command_takes_only_the_options_it_acts_on() {
    let help = eis(&["search", "--help"]);
    assert_eq!(help.code, 0);
    for shown in ["--catalogue", "--lang", "--no-cache", "--limit"] {
        assert!(help.stdout.contains(shown), "{shown}: {}", help.stdout);
    }
    for hidden in ["--data-dir", "--questions", "--accessible", "--theme"] {
        assert!(!help.stdout.contains(hidden), "{hidden}: {}", help.stdout);
    }
    let refused = eis(&["--data-dir", "/tmp", "search", "export"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("--data-dir does nothing for `eis search`"),
        "{}",
        refused.stderr
    );
    // BGK's purchase of export receivables has a Polish summary.
    let before = eis(&["--lang", "pl", "search", "wykup", "--limit", "1"]);
    let after = eis(&["search", "wykup", "--limit", "1", "--lang", "pl"]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert_eq!(before.stdout, after.stdout);
    assert!(
        after.stdout.contains("W ramach rządowego programu"),
        "{}",
        after.stdout
    );
    let clients = eis(&["clients", "--help"]);
    assert!(clients.stdout.contains("--data-dir") && !clients.stdout.contains("--catalogue"));
}

#[test]
fn search_reads_a_country_as_a_target_market_when_nothing_matches() {
    let run = eis(&["search", "export", "germany", "--limit", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "\"export germany\" matches no service word for word; Germany read as a target market: the services for \"export\" open to firms selling there or anywhere."
    );
    // The services shown are those "export" finds, none limited to other markets.
    let plain = eis(&["search", "export", "--limit", "2"]);
    let names = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with(' ') && !l.is_empty() && !l.starts_with('"'))
            .filter(|l| !l.contains("services shown"))
            .map(str::to_owned)
            .collect()
    };
    assert!(!names(&run.stdout).is_empty());
    assert_eq!(names(&run.stdout), names(&plain.stdout));
}

#[test]
fn search_suggests_the_nearest_word_when_nothing_matches() {
    let run = eis(&["search", "exprot", "zzqx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("search_did_you_mean", run.golden());
}
