//! The accessible mode end to end: `eis --accessible` driven through a whole
//! assessment by piped standard input, its standard output compared with a
//! golden file; and a session with invalid replies, `help` and `back`.

use std::io::Write as _;
use std::process::{Command, Stdio};

use eis::assessment::raw::Kind;
use eis::assessment::{Answer, Answers, bank};

/// The replies a person would type for a persona's answers, in asking order.
fn replies_for(persona: &str) -> Vec<String> {
    let bank = bank::load(None).unwrap();
    let path = format!(
        "{}/tests/fixtures/personas/{persona}.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let wanted = Answers::read(&path, &std::fs::read(&path).unwrap(), &bank)
        .unwrap()
        .0;
    let mut given = Answers::new();
    let mut replies = Vec::new();
    let mut current = bank.visible(&given).first().map(|q| q.id.clone());
    while let Some(id) = current {
        let question = bank.question(&id).unwrap();
        let answer = wanted.get(&id);
        let position = |option: &str| {
            question
                .options()
                .iter()
                .position(|o| o.id == option)
                .unwrap()
                + 1
        };
        replies.push(match (answer, &question.kind) {
            (None, _) => String::new(),
            (Some(Answer::Choice(option)), _) => position(option).to_string(),
            (Some(Answer::Choices(options)), _) => options
                .iter()
                .map(|o| position(o).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            (Some(Answer::Scale(v)), Kind::Scale { .. }) => v.to_string(),
            (Some(Answer::Number(n)), _) => n.to_string(),
            (Some(Answer::Text(t)), _) => t.clone(),
            (Some(Answer::Countries(codes)), _) => codes.join(", "),
            (Some(other), kind) => panic!("{other:?} does not answer {kind:?}"),
        });
        if let Some(answer) = answer {
            given.set(id.clone(), answer.clone());
        }
        let visible = bank.visible(&given);
        current = visible
            .iter()
            .position(|q| q.id == id)
            .and_then(|i| visible.get(i + 1))
            .map(|q| q.id.clone());
    }
    replies
}

/// Runs `eis --accessible` with these lines piped in.
fn run(lines: &[String]) -> (i32, String) {
    run_with(&[], lines)
}

/// Runs `eis --accessible` with more arguments and these lines piped in,
/// in the C locale (English unless `--lang` says otherwise).
fn run_with(args: &[&str], lines: &[String]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eis"))
        .arg("--accessible")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("EIS_TODAY", "2026-11-23")
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for line in lines {
        writeln!(stdin, "{line}").unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn a_whole_assessment_by_piped_lines() {
    let (code, stdout) = run(&replies_for("alentejo-olive-oil-first-markets"));
    assert_eq!(code, 0);
    assert!(
        !stdout.contains('\u{1b}'),
        "no escape sequences: no colour, no cursor movement"
    );
    assert!(stdout.contains("Your journey, stage by stage."));
    insta::assert_snapshot!("accessible_whole_assessment", stdout);
}

#[test]
fn a_whole_assessment_in_polish() {
    let (code, stdout) = run_with(
        &["--lang", "pl"],
        &replies_for("pomorskie-machining-subcontractor-weak-compliance"),
    );
    assert_eq!(code, 0);
    // The questions, the labels, the reasons and the services' own texts are
    // Polish; nothing of the English interface is left.
    for english in [
        "Your answer:",
        "Question 1 of",
        "Your journey",
        "Your business",
    ] {
        assert!(
            !stdout.contains(english),
            "`{english}` is in English: {stdout}"
        );
    }
    assert!(stdout.contains("Jak nazywa się Twoja firma?"), "{stdout}");
    insta::assert_snapshot!("accessible_whole_assessment_pl", stdout);
}

#[test]
fn the_language_s_own_commands_work_beside_the_english_ones() {
    let (code, stdout) = run_with(&["--lang", "da"], &["Acme".to_owned(), "hjælp".to_owned()]);
    assert_eq!(code, 0);
    let bank = bank::load(None).unwrap().localized(eis::i18n::Lang::Da);
    let more = bank.question("country").unwrap().more_help.clone().unwrap();
    assert!(stdout.contains(&more), "{stdout}");
}

#[test]
fn invalid_replies_are_explained_and_back_goes_back() {
    let mut lines: Vec<String> = [
        "Cortiças da Serra",
        "PT",
        "7",
        "help",
        "back",
        "",
        "seven",
        "9",
        "back",
        "DK, PT",
        "PT",
        "3",
    ]
    .map(String::from)
    .to_vec();
    lines.extend(
        replies_for("portalegre-cork-workshop-getting-ready")
            .into_iter()
            .skip(3),
    );
    let (code, stdout) = run(&lines);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("There is no answer number 7; the numbers go from 1 to 5."),
        "{stdout}"
    );
    assert!(stdout.contains("“seven” is not one of the answer numbers."));
    assert!(stdout.contains("Your answer so far: Portugal. Press Enter to keep it."));
    assert!(stdout.contains("Please name one country only."), "{stdout}");
    assert!(stdout.contains("End of your results. Thank you."));
    insta::assert_snapshot!("accessible_invalid_and_back", stdout);
}

#[test]
fn the_end_of_input_ends_cleanly_with_a_message() {
    let (code, stdout) = run(&["Acme".to_owned()]);
    assert_eq!(code, 0);
    assert!(
        stdout.trim_end().ends_with(
            "Input ended before the assessment was finished. Nothing was saved. Goodbye."
        )
    );
}

/// A country typed by its name, and a number grouped by thousands, are
/// read as the person meant them, in the accessible mode as in the app.
#[test]
fn a_country_name_and_a_grouped_number_are_understood() {
    let lines: Vec<String> = ["Nordlys Software ApS", "Denmark", "1", "5", "2,500"]
        .iter()
        .map(ToString::to_string)
        .collect();
    let (code, stdout) = run(&lines);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Which part of Denmark is your business in?"),
        "{stdout}"
    );
    // The head count, 2,500, is taken: the input ends there, so question 6
    // is reached only if question 5 did not ask again.
    assert!(stdout.contains("Question 6 of"), "{stdout}");
}

/// `--client` keeps what a person answered by lines in the adviser's
/// client records: a new name creates the client, the same name again adds
/// a second assessment and keeps the first, and a session whose input ends
/// early leaves no empty client behind.
#[test]
fn the_accessible_mode_saves_to_a_client_record() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let replies = replies_for("alentejo-olive-oil-first-markets");
    let args = ["--client", "Lagar do Monte", "--data-dir", dir];
    for round in 1..=2 {
        let (code, stdout) = run_with(&args, &replies);
        assert_eq!(code, 0, "{stdout}");
        let store = eis::clients::Store::open(data.path()).unwrap();
        let listed = store.list().unwrap();
        assert_eq!(listed.len(), 1);
        let eis::clients::Listed::Client(client) = &listed[0] else {
            panic!("the client reads");
        };
        assert_eq!(client.name, "Lagar do Monte");
        assert_eq!(client.assessments.len(), round);
        let last = client.current().unwrap();
        assert!(last.completed.is_some());
        assert_eq!(
            last.answers.get("country"),
            Some(&Answer::Countries(vec!["PT".to_owned()]))
        );
    }
    let (code, _) = run_with(
        &["--client", "Someone New", "--data-dir", dir],
        &replies[..3],
    );
    assert_eq!(code, 0);
    let store = eis::clients::Store::open(data.path()).unwrap();
    assert_eq!(
        store.list().unwrap().len(),
        1,
        "no empty client left behind"
    );
}

/// "No, not yet" ticked with "A chamber of commerce" says two things: the
/// reply is refused in words, the question asked again, and the visit goes
/// on with the reply that follows.
#[test]
fn a_reply_ticking_an_exclusive_option_with_another_is_asked_again() {
    let persona = "pomorskie-machining-subcontractor-weak-compliance";
    let mut replies = replies_for(persona);
    let bank = bank::load(None).unwrap();
    let question = bank.question("support-in-use").unwrap();
    let number = |id: &str| question.options().iter().position(|o| o.id == id).unwrap() + 1;
    let none = number("none");
    // Where the persona replies to this question ("none" alone): its
    // place in the asking order of the persona's answers.
    let path = format!(
        "{}/tests/fixtures/personas/{persona}.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let answers = Answers::read(&path, &std::fs::read(&path).unwrap(), &bank)
        .unwrap()
        .0;
    let at = bank
        .visible(&answers)
        .iter()
        .position(|q| q.id == "support-in-use")
        .expect("asked");
    assert_eq!(replies[at], none.to_string());
    replies.insert(at, format!("{none}, {}", number("chamber")));
    let (code, stdout) = run(&replies);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("“No, not yet” cannot be chosen together with another answer."),
        "{stdout}"
    );
    assert!(stdout.contains("Your journey, stage by stage."));
}
