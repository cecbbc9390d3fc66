//! A person's reply to a question, checked: the option or scale point
//! chosen, the options ticked, or what was typed, turned into an [`Answer`]
//! — or a message in words saying what is wrong — and an answer put back
//! into words. The app's form and the accessible mode both check replies
//! here, so both accept and refuse the same.

use super::raw::Kind;
use super::{Answer, Question};
use crate::i18n::{Counted, Lang, Text};
use crate::text::sanitize;

/// What a person gave for a question, before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply<'a> {
    /// The option (single choice) or scale point chosen, 0-based; `None`
    /// for none.
    Chosen(Option<usize>),
    /// The ids of the options ticked (multiple choice), in any order.
    Ticked(&'a [String]),
    /// What was typed: a number, a text, or countries.
    Typed(&'a str),
}

/// The answer a reply gives, `Ok(None)` for an optional question left
/// empty, or what is wrong, in words in `lang`. A reply of the
/// wrong kind for the question counts as an empty one.
pub fn check(question: &Question, reply: Reply<'_>, lang: Lang) -> Result<Option<Answer>, String> {
    let empty_ok = |message: Text| {
        if question.optional {
            Ok(None)
        } else {
            Err(lang.tr(message).to_owned())
        }
    };
    let chosen = match reply {
        Reply::Chosen(row) => row,
        _ => None,
    };
    let ticked = match reply {
        Reply::Ticked(ids) => ids,
        _ => &[],
    };
    let typed = match reply {
        Reply::Typed(text) => text.trim(),
        _ => "",
    };
    match &question.kind {
        Kind::Single { options } => match chosen.and_then(|row| options.get(row)) {
            Some(option) => Ok(Some(Answer::Choice(option.id.clone()))),
            None => empty_ok(Text::NothingChosen),
        },
        Kind::Multiple { options } => {
            if ticked.is_empty() {
                return empty_ok(Text::ChooseAtLeastOne);
            }
            // "No, not yet" beside "A chamber of commerce" says two things.
            if ticked.len() > 1
                && let Some(alone) = options
                    .iter()
                    .find(|o| o.exclusive && ticked.contains(&o.id))
            {
                return Err(lang.fill(
                    Text::ExclusiveOption,
                    &[("option", &sanitize(&alone.label))],
                ));
            }
            // Keep the options' order, whatever the order of ticking.
            let ticked = options
                .iter()
                .filter(|o| ticked.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            Ok(Some(Answer::Choices(ticked)))
        }
        Kind::Scale { .. } => match chosen {
            Some(row) => Ok(Some(Answer::Scale(
                u8::try_from(row.min(4) + 1).unwrap_or(3),
            ))),
            None => empty_ok(Text::NothingChosen),
        },
        Kind::Number { min, max, .. } => {
            if typed.is_empty() {
                return empty_ok(Text::EnterNumber);
            }
            let range = || {
                lang.fill(
                    Text::NumberRange,
                    &[("min", &min.to_string()), ("max", &max.to_string())],
                )
            };
            let number = super::typed::whole_number(typed).ok_or_else(range)?;
            if (*min..=*max).contains(&number) {
                Ok(Some(Answer::Number(number)))
            } else {
                Err(range())
            }
        }
        Kind::Text { max_chars } => {
            if typed.is_empty() {
                return empty_ok(Text::EnterText);
            }
            if typed.chars().count() > *max_chars {
                return Err(lang.count(Counted::TextTooLong, *max_chars as u64, &[]));
            }
            Ok(Some(Answer::Text(sanitize(typed).into_owned())))
        }
        Kind::Countries { max } => {
            let codes = super::typed::countries(typed)
                .map_err(|bad| lang.fill(Text::UnknownCountry, &[("code", &sanitize(&bad))]))?;
            if codes.is_empty() {
                return empty_ok(Text::EnterCountries);
            }
            if codes.len() > *max {
                return Err(if *max == 1 {
                    lang.tr(Text::OneCountryOnly).to_owned()
                } else {
                    lang.count(Counted::TooManyCountries, *max as u64, &[])
                });
            }
            Ok(Some(Answer::Countries(codes)))
        }
    }
}

/// An answer in words, in `lang` where words are the app's: the option
/// labels, the number with its unit, the text.
#[must_use]
pub fn answer_text(question: &Question, answer: Option<&Answer>, lang: Lang) -> String {
    let label = |id: &str| {
        question
            .option(id)
            .map_or_else(|| id.to_owned(), |o| o.label.clone())
    };
    match (answer, &question.kind) {
        (None, _) => lang.tr(Text::NotAnswered).to_owned(),
        (Some(Answer::Choice(id)), _) => label(id),
        (Some(Answer::Choices(ids)), _) => ids
            .iter()
            .map(|id| label(id))
            .collect::<Vec<_>>()
            .join("; "),
        (Some(Answer::Scale(v)), _) => format!("{v} / 5"),
        (
            Some(Answer::Number(n)),
            Kind::Number {
                unit, unit_forms, ..
            },
        ) => super::raw::counted_unit(*n, unit, unit_forms, lang),
        (Some(Answer::Number(n)), _) => n.to_string(),
        (Some(Answer::Text(t)), _) => t.clone(),
        (Some(Answer::Countries(codes)), _) => codes
            .iter()
            .map(|c| {
                crate::catalogue::Area::parse(c).map_or_else(|_| c.clone(), |a| a.name_in(lang))
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::QuestionBank;

    fn bank() -> QuestionBank {
        crate::assessment::bank::load(None).expect("the built-in bank loads")
    }

    /// [`super::check`] in English, the language these tests read.
    fn check(question: &Question, reply: Reply<'_>) -> Result<Option<Answer>, String> {
        super::check(question, reply, Lang::En)
    }

    /// The first required question of the bank matching `kind`.
    fn first(bank: &QuestionBank, kind: fn(&Kind) -> bool) -> Question {
        let mut question = bank
            .questions()
            .iter()
            .find(|q| kind(&q.kind))
            .expect("the bank asks a question of this kind")
            .clone();
        question.optional = false;
        question
    }

    #[test]
    fn a_chosen_option_is_its_id_and_none_chosen_says_so() {
        let bank = bank();
        let q = first(&bank, |k| matches!(k, Kind::Single { .. }));
        let id = q.options()[1].id.clone();
        assert_eq!(
            check(&q, Reply::Chosen(Some(1))),
            Ok(Some(Answer::Choice(id)))
        );
        assert_eq!(
            check(&q, Reply::Chosen(None)),
            Err(Lang::En.tr(Text::NothingChosen).to_owned())
        );
        assert_eq!(
            check(&q, Reply::Chosen(Some(q.options().len()))),
            Err(Lang::En.tr(Text::NothingChosen).to_owned()),
            "a row past the options chooses nothing"
        );
    }

    #[test]
    fn ticks_keep_the_options_order_whatever_the_order_of_ticking() {
        let bank = bank();
        let q = first(&bank, |k| matches!(k, Kind::Multiple { .. }));
        let ids: Vec<String> = q.options().iter().map(|o| o.id.clone()).collect();
        let ticked = [ids[1].clone(), ids[0].clone()];
        assert_eq!(
            check(&q, Reply::Ticked(&ticked)),
            Ok(Some(Answer::Choices(vec![ids[0].clone(), ids[1].clone()])))
        );
        assert!(check(&q, Reply::Ticked(&[])).is_err());
    }

    #[test]
    fn an_optional_question_left_empty_is_no_answer() {
        let bank = bank();
        let mut q = first(&bank, |k| matches!(k, Kind::Number { .. }));
        q.optional = true;
        assert_eq!(check(&q, Reply::Typed("  ")), Ok(None));
        q.optional = false;
        assert_eq!(
            check(&q, Reply::Typed("  ")),
            Err(Lang::En.tr(Text::EnterNumber).to_owned())
        );
    }

    #[test]
    fn numbers_are_read_as_people_write_them_and_kept_in_range() {
        let bank = bank();
        let q = first(
            &bank,
            |k| matches!(k, Kind::Number { max, .. } if *max >= 2500),
        );
        let Kind::Number { max, .. } = q.kind else {
            unreachable!()
        };
        assert_eq!(
            check(&q, Reply::Typed("2,500")),
            Ok(Some(Answer::Number(2500)))
        );
        assert!(
            check(&q, Reply::Typed("2,5")).is_err(),
            "not a whole number"
        );
        assert!(check(&q, Reply::Typed(&(max + 1).to_string())).is_err());
    }

    #[test]
    fn countries_are_read_by_name_or_code_and_an_unknown_one_is_named() {
        let bank = bank();
        let q = first(&bank, |k| matches!(k, Kind::Countries { max } if *max > 1));
        assert_eq!(
            check(&q, Reply::Typed("Denmark, pl")),
            Ok(Some(Answer::Countries(vec![
                "DK".to_owned(),
                "PL".to_owned()
            ])))
        );
        let error = check(&q, Reply::Typed("Denmark, Narnia")).unwrap_err();
        assert!(error.contains("Narnia"), "{error}");
    }

    #[test]
    fn a_reply_of_the_wrong_kind_counts_as_empty() {
        let bank = bank();
        let q = first(&bank, |k| matches!(k, Kind::Single { .. }));
        assert_eq!(
            check(&q, Reply::Typed("1")),
            Err(Lang::En.tr(Text::NothingChosen).to_owned())
        );
    }

    #[test]
    fn an_answer_in_words_names_the_options_chosen() {
        let bank = bank();
        let q = first(&bank, |k| matches!(k, Kind::Multiple { .. }));
        let ids: Vec<String> = q.options().iter().take(2).map(|o| o.id.clone()).collect();
        let words = answer_text(&q, Some(&Answer::Choices(ids)), Lang::En);
        assert_eq!(
            words,
            format!("{}; {}", q.options()[0].label, q.options()[1].label)
        );
        assert_eq!(
            answer_text(&q, None, Lang::En),
            Lang::En.tr(Text::NotAnswered)
        );
    }
}
