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
//! [`crate::assessment::reply`]. The results are the referral's spoken
//! rendering ([`crate::report::spoken`]).

use std::io::{self, BufRead, Write};

use crate::assessment::raw::Kind;
use crate::assessment::reply::{self, Reply};
use crate::assessment::{Answers, Question, QuestionBank, assess};
use crate::catalogue::Catalogue;
use crate::i18n::{Lang, Text};
use crate::journey::{DEFAULT_PER_STAGE, plan_journey};
use crate::report::{Referral, spoken};
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
    lang: Lang,
) -> io::Result<Ended> {
    writeln!(out, "{}", lang.tr(Text::LineIntro))?;
    let mut answers = Answers::new();
    let mut asked: Vec<String> = Vec::new();
    let Some(mut current) = bank.visible(&answers).first().map(|q| q.id.clone()) else {
        return Ok(Ended::Finished(answers));
    };
    loop {
        let Some(question) = bank.question(&current) else {
            return Ok(Ended::Finished(answers));
        };
        print_question(bank, &answers, question, out, lang)?;
        let reply = loop {
            writeln!(out, "{}", lang.tr(Text::LinePrompt))?;
            out.flush()?;
            let mut line = String::new();
            if crate::input::read_line(input, &mut line)? == 0 {
                writeln!(out, "{}", lang.tr(Text::LineEof))?;
                return Ok(Ended::InputEnded);
            }
            let line = line.trim();
            // The English commands always work, beside the language's own.
            let command = line.to_lowercase();
            let wants_help =
                command == "help" || command == "?" || command == lang.tr(Text::CommandHelp);
            let wants_back = command == "back" || command == lang.tr(Text::CommandBack);
            match command.as_str() {
                _ if wants_help => {
                    let more = question
                        .more_help
                        .as_deref()
                        .unwrap_or(lang.tr(Text::NoMoreHelp));
                    writeln!(out, "{}", sanitize(more))?;
                }
                _ if wants_back => match asked.pop() {
                    Some(previous) => break Move::Back(previous),
                    None => writeln!(out, "{}", lang.tr(Text::LineFirstQuestion))?,
                },
                "" if answers.get(&question.id).is_some() => {
                    break Move::Answer(answers.get(&question.id).cloned());
                }
                _ => match parse(question, line, lang) {
                    Ok(answer) => break Move::Answer(answer),
                    Err(reason) => {
                        writeln!(
                            out,
                            "{}",
                            lang.fill(Text::LineInvalid, &[("reason", &reason)])
                        )?;
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
    lang: Lang,
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
        lang.fill(
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
            writeln!(out, "{}", lang.tr(how))?;
            for (i, option) in options.iter().enumerate() {
                writeln!(out, "{}. {}", i + 1, sanitize(&option.label))?;
            }
        }
        Kind::Scale { low, high, .. } => {
            writeln!(
                out,
                "{}",
                lang.fill(
                    Text::LineScale,
                    &[("low", &sanitize(low)), ("high", &sanitize(high))]
                )
            )?;
        }
        Kind::Number { unit, .. } => writeln!(
            out,
            "{}",
            lang.fill(Text::LineNumber, &[("unit", &sanitize(unit))])
        )?,
        Kind::Text { .. } => writeln!(out, "{}", lang.tr(Text::LineText))?,
        Kind::Countries { .. } => writeln!(out, "{}", lang.tr(Text::LineCountries))?,
    }
    if question.optional {
        writeln!(out, "{}", lang.tr(Text::LineOptionalSkip))?;
    }
    if let Some(answer) = answers.get(&question.id) {
        let text = reply::answer_text(question, Some(answer), lang);
        writeln!(
            out,
            "{}",
            lang.fill(Text::LineCurrentAnswer, &[("answer", &sanitize(&text))])
        )?;
    }
    Ok(())
}

/// A reply as an answer (`None` to skip an optional question): the
/// numbers of the options read here, the answer checked by
/// [`crate::assessment::reply`], as the full-screen app's are.
fn parse(
    question: &Question,
    line: &str,
    lang: Lang,
) -> Result<Option<crate::assessment::Answer>, String> {
    let numbers = |line: &str| -> Result<Vec<usize>, String> {
        line.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<usize>()
                    .map_err(|_| lang.fill(Text::LineNotANumber, &[("input", &sanitize(part))]))
            })
            .collect()
    };
    let in_range = |n: usize, max: usize| {
        if (1..=max).contains(&n) {
            Ok(n - 1)
        } else {
            Err(lang.fill(
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
            _ => return Err(lang.tr(Text::ChooseOne).to_owned()),
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
                return Err(lang.fill(Text::LineNoSuchOption, &[("number", line), ("max", "5")]));
            }
        },
        Kind::Number { .. } | Kind::Text { .. } | Kind::Countries { .. } => Reply::Typed(line),
    };
    reply::check(question, reply, lang)
}

/// The whole session: questions, then the profile and (with `journey`) the journey.
pub fn run(
    bank: &QuestionBank,
    catalogue: &Catalogue,
    journey: bool,
    input: &mut impl BufRead,
    out: &mut impl Write,
    lang: Lang,
) -> io::Result<Ended> {
    let ended = ask(bank, input, out, lang)?;
    if let Ended::Finished(answers) = &ended {
        let profile = assess(bank, answers, lang);
        if journey {
            let journey = plan_journey(&profile, catalogue, DEFAULT_PER_STAGE, lang);
            let referral = Referral::new(&profile, Some(&journey), lang);
            write!(out, "{}", spoken::profile(&referral))?;
            write!(out, "{}", spoken::journey(&referral))?;
        } else {
            write!(
                out,
                "{}",
                spoken::profile(&Referral::new(&profile, None, lang))
            )?;
            writeln!(out, "{}", lang.tr(Text::LineEnd))?;
        }
    }
    out.flush()?;
    Ok(ended)
}
