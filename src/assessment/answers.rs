//! Answers by question id, and reading them from RON or JSON files.
//!
//! An answers file is a map from question id to a plain value: a string (an
//! option id or a text), a number, or a list of strings (option ids or country
//! codes):
//!
//! ```ron
//! { "company-name": "Baltic Parts", "country": ["PL"], "modes": ["export", "subcontracting"], "employees": 42 }
//! ```
//!
//! The same map in JSON works too (files ending in `.json`). Values are typed
//! by the question they answer; a wrong type, an unknown question or option, or
//! a number out of range is an error naming the file, the position and the
//! question.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::bank::QuestionBank;
use super::raw::Kind;
use crate::catalogue::Area;
use crate::catalogue::locate::{self, Node, NodeKind};
use crate::diagnostic::{Diagnostic, Position};
use crate::i18n::english_count;
use crate::ronfile;
use crate::text;

/// The answer to one question. Stored with its kind (`Choice("x")`,
/// `Number(42)`) in client records, so it reads back without the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The id of the option chosen (single choice).
    Choice(String),
    /// The ids of the options chosen (multiple choice).
    Choices(Vec<String>),
    /// A rating from 1 to 5.
    Scale(u8),
    Number(u64),
    Text(String),
    /// ISO 3166-1 alpha-2 codes.
    Countries(Vec<String>),
}

impl Answer {
    /// Whether the answer includes an option id (or, for countries, a code).
    #[must_use]
    pub fn includes(&self, option: &str) -> bool {
        match self {
            Answer::Choice(id) => id == option,
            Answer::Choices(ids) | Answer::Countries(ids) => ids.iter().any(|id| id == option),
            Answer::Scale(_) | Answer::Number(_) | Answer::Text(_) => false,
        }
    }
}

/// Answers by question id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Answer>);

/// Read as a map in which no question is answered twice: a second answer
/// would silently replace the first (in a client file, too).
impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Answers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from question id to answer")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Answers, A::Error> {
                let mut answers = BTreeMap::new();
                while let Some(id) = map.next_key::<String>()? {
                    let answer = map.next_value()?;
                    if answers.contains_key(&id) {
                        return Err(serde::de::Error::custom(format_args!(
                            "question `{}` is answered twice",
                            text::sanitize(&id)
                        )));
                    }
                    answers.insert(id, answer);
                }
                Ok(Answers(answers))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// The question ids of a map, in order, repeats kept.
struct Keys(Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(Keys(keys))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

impl Answers {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }

    /// Sets (or replaces) the answer to a question.
    pub fn set(&mut self, question: impl Into<String>, answer: Answer) {
        self.0.insert(question.into(), answer);
    }

    pub fn remove(&mut self, question: &str) -> Option<Answer> {
        self.0.remove(question)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Reads answers from a file's bytes: JSON when `name` ends in `.json`,
    /// RON otherwise. Returns the answers and warnings, or every error.
    pub fn read(
        name: &str,
        bytes: &[u8],
        bank: &QuestionBank,
    ) -> Result<(Answers, Vec<Diagnostic>), Vec<Diagnostic>> {
        let shape =
            "an answers file holds a map from question id to answer, like { \"employees\": 12 }";
        let text = ronfile::decode(name, bytes, shape).map_err(|d| vec![d])?;
        let loose = if ronfile::is_json(name) {
            parse_json(name, text)?
        } else {
            parse_ron(name, text)?
        };
        // Where each answer is, looked up once: a file of many answers
        // (each with an error) is placed in time linear in its size.
        let mut places: HashMap<String, Vec<Position>> = HashMap::new();
        if let Some(Node {
            kind: NodeKind::Fields(fields),
            ..
        }) = locate::scan(text)
        {
            for (key, node) in fields {
                places.entry(key).or_default().push(node.start);
            }
        }
        let at = |key: &str| places.get(key).and_then(|p| p.first().copied());
        let mut answers = Answers::new();
        let mut errors = Vec::new();
        let keys = if ronfile::is_json(name) {
            serde_json::from_str::<Keys>(text).ok()
        } else {
            ronfile::options().from_str::<Keys>(text).ok()
        };
        let mut seen = HashSet::new();
        for key in keys.map(|k| k.0).unwrap_or_default() {
            if !seen.insert(key.clone()) {
                let second = places.get(&key).and_then(|p| p.get(1).copied());
                errors.push(
                    Diagnostic::error(
                        name,
                        format!(
                            "question `{}` is answered twice; keep one answer",
                            text::sanitize(&key)
                        ),
                    )
                    .at(second.or_else(|| at(&key)))
                    .path(key.clone()),
                );
            }
        }
        for (key, value) in &loose {
            let Some(question) = bank.question(key) else {
                let message = format!(
                    "there is no question `{}` in the question bank",
                    text::sanitize(key)
                );
                errors.push(
                    Diagnostic::error(name, message)
                        .at(at(key))
                        .path(key.clone()),
                );
                continue;
            };
            match typed(&question.kind, value) {
                Ok(answer) => answers.set(key.clone(), answer),
                Err(problem) => {
                    let message = format!(
                        "answer to question `{key}` ({}): {problem}",
                        question.prompt
                    );
                    errors.push(
                        Diagnostic::error(name, message)
                            .at(at(key))
                            .path(key.clone()),
                    );
                }
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|d| d.position);
            return Err(errors);
        }
        let visible: Vec<&str> = bank
            .counted(&answers)
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        let warnings = answers
            .iter()
            .filter(|(id, _)| !visible.contains(id))
            .map(|(id, _)| {
                Diagnostic::warning(
                    name,
                    format!("the answer to `{id}` is not used: with these answers the question is not asked"),
                )
                .at(at(id))
                .path(id.to_owned())
            })
            .collect();
        Ok((answers, warnings))
    }
}

/// An answer value before it is typed by its question.
#[derive(Debug, Clone, PartialEq)]
enum Loose {
    Text(String),
    Number(f64),
    List(Vec<Loose>),
    Other(&'static str),
}

impl Loose {
    fn describe(&self) -> String {
        match self {
            Loose::Text(s) => format!("\"{}\"", text::sanitize(s)),
            Loose::Number(n) => n.to_string(),
            Loose::List(_) => "a list".to_owned(),
            Loose::Other(kind) => (*kind).to_owned(),
        }
    }

    /// A string, or a list of strings (a lone string counts as a list of one).
    fn strings(&self) -> Option<Vec<String>> {
        match self {
            Loose::Text(s) => Some(vec![s.clone()]),
            Loose::List(items) => items
                .iter()
                .map(|i| match i {
                    Loose::Text(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    }
}

fn parse_ron(name: &str, text: &str) -> Result<Vec<(String, Loose)>, Vec<Diagnostic>> {
    let value: ron::Value = ronfile::parse(text)
        .map_err(|failure| vec![failure.into_diagnostic(name, Position::new(1, 1))])?;
    let ron::Value::Map(map) = value else {
        return Err(vec![Diagnostic::error(
            name,
            "an answers file holds a map from question id to answer, like { \"employees\": 12 }",
        )
        .at(Some(Position::new(1, 1)))]);
    };
    let mut out = Vec::new();
    for (key, value) in map {
        let ron::Value::String(key) = key else {
            return Err(vec![Diagnostic::error(
                name,
                "question ids must be strings in quotes",
            )]);
        };
        out.push((key, from_ron(value)));
    }
    Ok(out)
}

fn from_ron(value: ron::Value) -> Loose {
    match value {
        ron::Value::String(s) => Loose::Text(s),
        ron::Value::Number(n) => Loose::Number(n.into_f64()),
        ron::Value::Seq(items) => Loose::List(items.into_iter().map(from_ron).collect()),
        ron::Value::Option(Some(inner)) => from_ron(*inner),
        ron::Value::Bool(_) => Loose::Other("true or false"),
        ron::Value::Map(_) => Loose::Other("a map"),
        _ => Loose::Other("an empty value"),
    }
}

fn parse_json(name: &str, text: &str) -> Result<Vec<(String, Loose)>, Vec<Diagnostic>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![Diagnostic::error(name, e.to_string()).at(Some(Position::new(e.line(), e.column())))]
    })?;
    let serde_json::Value::Object(map) = value else {
        return Err(vec![Diagnostic::error(
            name,
            "an answers file holds an object from question id to answer, like { \"employees\": 12 }",
        )
        .at(Some(Position::new(1, 1)))]);
    };
    Ok(map.into_iter().map(|(k, v)| (k, from_json(v))).collect())
}

fn from_json(value: serde_json::Value) -> Loose {
    match value {
        serde_json::Value::String(s) => Loose::Text(s),
        serde_json::Value::Number(n) => n.as_f64().map_or(Loose::Other("a number"), Loose::Number),
        serde_json::Value::Array(items) => Loose::List(items.into_iter().map(from_json).collect()),
        serde_json::Value::Bool(_) => Loose::Other("true or false"),
        serde_json::Value::Object(_) => Loose::Other("an object"),
        serde_json::Value::Null => Loose::Other("null"),
    }
}

/// Types a loose value by the question's kind, or says what is wrong with it.
fn typed(kind: &Kind, value: &Loose) -> Result<Answer, String> {
    let option_list = |options: &[super::raw::Choice]| {
        options
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kind {
        Kind::Single { options } => match value {
            Loose::Text(id) if options.iter().any(|o| &o.id == id) => {
                Ok(Answer::Choice(id.clone()))
            }
            Loose::Text(id) => Err(format!(
                "there is no option \"{}\"; the options are: {}",
                text::sanitize(id),
                option_list(options)
            )),
            other => Err(format!(
                "expected one option id, found {}",
                other.describe()
            )),
        },
        Kind::Multiple { options } => {
            let ids = value.strings().ok_or_else(|| {
                format!("expected a list of option ids, found {}", value.describe())
            })?;
            if let Some(bad) = ids.iter().find(|id| !options.iter().any(|o| &o.id == *id)) {
                return Err(format!(
                    "there is no option \"{}\"; the options are: {}",
                    text::sanitize(bad),
                    option_list(options)
                ));
            }
            let mut ids = ids;
            ids.dedup();
            Ok(Answer::Choices(ids))
        }
        Kind::Scale { .. } => match value {
            Loose::Number(n) if n.fract() == 0.0 && (1.0..=5.0).contains(n) => {
                Ok(Answer::Scale(whole(*n).try_into().unwrap_or(1)))
            }
            other => Err(format!(
                "expected a whole number from 1 to 5, found {}",
                other.describe()
            )),
        },
        Kind::Number { min, max, unit, .. } => match value {
            Loose::Number(n)
                if n.fract() == 0.0 && *n >= 0.0 && (*min..=*max).contains(&whole(*n)) =>
            {
                Ok(Answer::Number(whole(*n)))
            }
            other => Err(format!(
                "expected a whole number of {unit} from {min} to {max}, found {}",
                other.describe()
            )),
        },
        Kind::Text { max_chars } => match value {
            Loose::Text(s) if text::first_forbidden(s).is_some() => {
                Err("the text contains control characters".to_owned())
            }
            Loose::Text(s) if s.chars().count() > *max_chars => Err(format!(
                "the text is longer than {}",
                english_count(*max_chars, "character", "characters")
            )),
            Loose::Text(s) => Ok(Answer::Text(s.clone())),
            other => Err(format!(
                "expected a text in quotes, found {}",
                other.describe()
            )),
        },
        Kind::Countries { max } => {
            let codes = value.strings().ok_or_else(|| {
                format!(
                    "expected a list of country codes like [\"DK\"], found {}",
                    value.describe()
                )
            })?;
            if codes.len() > *max {
                return Err(format!(
                    "at most {}, found {}",
                    english_count(*max, "country", "countries"),
                    codes.len()
                ));
            }
            for code in &codes {
                if !matches!(Area::parse(code), Ok(Area::Country(_))) {
                    return Err(format!(
                        "\"{}\" is not an ISO 3166-1 alpha-2 country code such as \"DK\"",
                        text::sanitize(code)
                    ));
                }
            }
            Ok(Answer::Countries(codes))
        }
    }
}

/// A non-negative whole `f64` as `u64` (callers check it is whole and in range).
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "callers check the value is a whole number within the question's u64 bounds"
)]
fn whole(n: f64) -> u64 {
    n as u64
}
