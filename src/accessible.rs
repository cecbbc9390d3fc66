//! The accessible mode: the whole assessment as plain numbered lines on
//! standard input and output, for screen readers and scripts. No alternate
//! screen, no cursor movement, no colour, no spinners: every question is
//! printed with its numbered answers, every reply is read as one line, and
//! the results are printed as sentences that read well aloud.
//!
//! `help` (or `?`) prints the question's longer help, `back` returns to the
//! previous question, an invalid reply is explained and asked again, and the
//! end of the input ends the session with a message. The same validation as
//! the full-screen app applies: both check replies with
//! [`crate::assessment::reply`].

use std::io::{self, BufRead, Write};

use crate::assessment::raw::Kind;
use crate::assessment::reply::{self, Reply};
use crate::assessment::{Answers, Profile, Question, QuestionBank, assess};
use crate::catalogue::Catalogue;
use crate::i18n::{Text, fill, tr};
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::text::sanitize;

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// Every question was answered; here are the answers.
    Finished(Answers),
    /// The input ended first.
    InputEnded,
}

/// Asks every question by lines; returns the answers, or that the input ended.
pub fn ask(
    bank: &QuestionBank,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Ended> {
    writeln!(out, "{}", tr(Text::LineIntro))?;
    let mut answers = Answers::new();
    let mut asked: Vec<String> = Vec::new();
    let Some(mut current) = bank.visible(&answers).first().map(|q| q.id.clone()) else {
        return Ok(Ended::Finished(answers));
    };
    loop {
        let Some(question) = bank.question(&current) else {
            return Ok(Ended::Finished(answers));
        };
        print_question(bank, &answers, question, out)?;
        let reply = loop {
            writeln!(out, "{}", tr(Text::LinePrompt))?;
            out.flush()?;
            let mut line = String::new();
            if crate::input::read_line(input, &mut line)? == 0 {
                writeln!(out, "{}", tr(Text::LineEof))?;
                return Ok(Ended::InputEnded);
            }
            let line = line.trim();
            // The English commands always work, beside the language's own.
            let command = line.to_lowercase();
            let wants_help =
                command == "help" || command == "?" || command == tr(Text::CommandHelp);
            let wants_back = command == "back" || command == tr(Text::CommandBack);
            match command.as_str() {
                _ if wants_help => {
                    let more = question
                        .more_help
                        .as_deref()
                        .unwrap_or(tr(Text::NoMoreHelp));
                    writeln!(out, "{}", sanitize(more))?;
                }
                _ if wants_back => match asked.pop() {
                    Some(previous) => break Move::Back(previous),
                    None => writeln!(out, "{}", tr(Text::LineFirstQuestion))?,
                },
                "" if answers.get(&question.id).is_some() => {
                    break Move::Answer(answers.get(&question.id).cloned());
                }
                _ => match parse(question, line) {
                    Ok(answer) => break Move::Answer(answer),
                    Err(reason) => {
                        writeln!(out, "{}", fill(Text::LineInvalid, &[("reason", &reason)]))?;
                    }
                },
            }
        };
        match reply {
            Move::Back(previous) => current = previous,
            Move::Answer(answer) => {
                match answer {
                    Some(answer) => answers.set(current.clone(), answer),
                    None => {
                        answers.remove(&current);
                    }
                }
                let visible = bank.visible(&answers);
                let next = visible
                    .iter()
                    .position(|q| q.id == current)
                    .and_then(|i| visible.get(i + 1))
                    .map(|q| q.id.clone());
                asked.push(current.clone());
                match next {
                    Some(next) => current = next,
                    None => return Ok(Ended::Finished(answers)),
                }
            }
        }
    }
}

/// What a reply does: go back to a question, or answer this one.
enum Move {
    Back(String),
    Answer(Option<crate::assessment::Answer>),
}

fn print_question(
    bank: &QuestionBank,
    answers: &Answers,
    question: &Question,
    out: &mut impl Write,
) -> io::Result<()> {
    let visible = bank.visible(answers);
    let k = visible
        .iter()
        .position(|q| q.id == question.id)
        .map_or(1, |i| i + 1);
    let section = bank
        .sections()
        .get(question.section)
        .map_or("", |s| s.title.as_str());
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        fill(
            Text::LineQuestion,
            &[
                ("k", &k.to_string()),
                ("n", &visible.len().to_string()),
                ("section", &sanitize(section))
            ]
        )
    )?;
    writeln!(out, "{}", sanitize(&question.prompt))?;
    writeln!(out, "{}", sanitize(&question.help))?;
    match &question.kind {
        Kind::Single { options } | Kind::Multiple { options } => {
            let how = if matches!(question.kind, Kind::Single { .. }) {
                Text::LineChooseOne
            } else {
                Text::LineChooseMany
            };
            writeln!(out, "{}", tr(how))?;
            for (i, option) in options.iter().enumerate() {
                writeln!(out, "{}. {}", i + 1, sanitize(&option.label))?;
            }
        }
        Kind::Scale { low, high, .. } => {
            writeln!(
                out,
                "{}",
                fill(
                    Text::LineScale,
                    &[("low", &sanitize(low)), ("high", &sanitize(high))]
                )
            )?;
        }
        Kind::Number { unit, .. } => writeln!(
            out,
            "{}",
            fill(Text::LineNumber, &[("unit", &sanitize(unit))])
        )?,
        Kind::Text { .. } => writeln!(out, "{}", tr(Text::LineText))?,
        Kind::Countries { .. } => writeln!(out, "{}", tr(Text::LineCountries))?,
    }
    if question.optional {
        writeln!(out, "{}", tr(Text::LineOptionalSkip))?;
    }
    if let Some(answer) = answers.get(&question.id) {
        let text = reply::answer_text(question, Some(answer));
        writeln!(
            out,
            "{}",
            fill(Text::LineCurrentAnswer, &[("answer", &sanitize(&text))])
        )?;
    }
    Ok(())
}

/// A reply as an answer (`None` to skip an optional question): the
/// numbers of the options read here, the answer checked by
/// [`crate::assessment::reply`], as the full-screen app's are.
fn parse(question: &Question, line: &str) -> Result<Option<crate::assessment::Answer>, String> {
    let numbers = |line: &str| -> Result<Vec<usize>, String> {
        line.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<usize>()
                    .map_err(|_| fill(Text::LineNotANumber, &[("input", &sanitize(part))]))
            })
            .collect()
    };
    let in_range = |n: usize, max: usize| {
        if (1..=max).contains(&n) {
            Ok(n - 1)
        } else {
            Err(fill(
                Text::LineNoSuchOption,
                &[("number", &n.to_string()), ("max", &max.to_string())],
            ))
        }
    };
    let ticked: Vec<String>;
    let reply = match &question.kind {
        Kind::Single { options } => match numbers(line)?.as_slice() {
            [n] => Reply::Chosen(Some(in_range(*n, options.len())?)),
            [] if question.optional => return Ok(None),
            _ => return Err(tr(Text::ChooseOne).to_owned()),
        },
        Kind::Multiple { options } => {
            let mut ids: Vec<String> = Vec::new();
            for n in numbers(line)? {
                let id = &options[in_range(n, options.len())?].id;
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
            ticked = ids;
            Reply::Ticked(&ticked)
        }
        Kind::Scale { .. } => match numbers(line)?.as_slice() {
            [n] => Reply::Chosen(Some(in_range(*n, 5)?)),
            _ => {
                return Err(fill(
                    Text::LineNoSuchOption,
                    &[("number", line), ("max", "5")],
                ));
            }
        },
        Kind::Number { .. } | Kind::Text { .. } | Kind::Countries { .. } => Reply::Typed(line),
    };
    reply::check(question, reply)
}

/// The profile as sentences.
pub fn print_profile(profile: &Profile, out: &mut impl Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", tr(Text::LineResults))?;
    writeln!(out, "{}", tr(Text::Readiness))?;
    let mut dims: Vec<_> = profile.dimensions.iter().collect();
    dims.sort_by_key(|d| (d.score.is_none(), d.score));
    for d in dims {
        match (d.score, d.band) {
            (Some(score), Some(band)) => writeln!(
                out,
                "{}",
                fill(
                    Text::LineDimension,
                    &[
                        ("dimension", d.dimension.label()),
                        ("score", &score.to_string()),
                        ("band", band.label())
                    ]
                )
            )?,
            _ => writeln!(
                out,
                "{}",
                fill(
                    Text::LineDimensionNotAssessed,
                    &[("dimension", d.dimension.label())]
                )
            )?,
        }
    }
    writeln!(
        out,
        "{}",
        fill(
            Text::LineStage,
            &[
                ("stage", profile.stage.label()),
                ("reason", &profile.stage_reason)
            ]
        )
    )?;
    writeln!(out, "{}", tr(Text::LineNeedsTitle))?;
    for (i, need) in profile.needs.iter().take(5).enumerate() {
        let n = (i + 1).to_string();
        writeln!(
            out,
            "{}",
            fill(Text::LineNeed, &[("n", &n), ("need", need.need.label())])
        )?;
    }
    Ok(())
}

/// The journey as sentences.
pub fn print_journey(journey: &Journey, out: &mut impl Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", tr(Text::LineJourneyTitle))?;
    if let Some(note) = journey.outside_note() {
        writeln!(out, "{}", sanitize(&note))?;
    }
    for plan in &journey.stages {
        let heading = if plan.current {
            Text::LineStageHeadingCurrent
        } else {
            Text::LineStageHeading
        };
        writeln!(out, "{}", fill(heading, &[("stage", plan.stage.label())]))?;
        if plan.steps.is_empty() {
            writeln!(out, "{}", tr(Text::LineNoService))?;
        }
        for (i, step) in plan.steps.iter().enumerate() {
            writeln!(
                out,
                "{}",
                fill(
                    Text::LineService,
                    &[
                        ("n", &(i + 1).to_string()),
                        ("name", &sanitize(&step.name)),
                        ("provider", &sanitize(&step.provider))
                    ]
                )
            )?;
            if let Some(note) = step.check_note() {
                writeln!(out, "{}", sanitize(&note))?;
            }
            if let Some(note) = step.also_note() {
                writeln!(out, "{}", sanitize(&note))?;
            }
            writeln!(
                out,
                "{}",
                fill(Text::LineNextStep, &[("step", &step_text(step))])
            )?;
            writeln!(
                out,
                "{}",
                fill(Text::LineWeb, &[("url", &sanitize(&step.url))])
            )?;
        }
    }
    for gap in &journey.gaps {
        writeln!(
            out,
            "{}",
            fill(
                Text::LineGap,
                &[
                    ("need", gap.need.label()),
                    ("name", &sanitize(&gap.fallback.name)),
                    ("provider", &sanitize(&gap.fallback.provider)),
                    ("url", &sanitize(&gap.fallback.url)),
                ]
            )
        )?;
    }
    writeln!(out, "{}", tr(Text::LineEnd))?;
    Ok(())
}

/// The whole session: questions, then the profile and (with `journey`) the journey.
pub fn run(
    bank: &QuestionBank,
    catalogue: &Catalogue,
    journey: bool,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Ended> {
    let ended = ask(bank, input, out)?;
    if let Ended::Finished(answers) = &ended {
        let profile = assess(bank, answers);
        print_profile(&profile, out)?;
        if journey {
            print_journey(&plan_journey(&profile, catalogue, DEFAULT_PER_STAGE), out)?;
        } else {
            writeln!(out, "{}", tr(Text::LineEnd))?;
        }
    }
    out.flush()?;
    Ok(ended)
}

/// A step's next step, said to be in English when the service has no text
/// in the language spoken (so a listener knows why the language changes).
fn step_text(step: &crate::journey::Step) -> String {
    let text = sanitize(&step.next_step);
    let mark = step.english_mark();
    if mark.is_empty() {
        text.into_owned()
    } else {
        format!("{} {text}", mark.trim_start())
    }
}
