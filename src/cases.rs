//! Referral test cases: an answers map and what a domain expert expects of
//! the referral it gives, kept as data beside the catalogue (`data/cases/`),
//! so that a maintainer learns at once when a change to the data breaks a
//! referral someone relies on. `docs/catalogue.md` documents the format.
//!
//! ```ron
//! Case(
//!     about: "A Danish software firm selling to Germany",
//!     answers: { "country": ["DK"], "modes": ["export"], "markets": ["DE"] },
//!     expect: [
//!         Eligible("eksportraadet-raadgivning"),
//!         InJourney("eksportraadet-*"),
//!         NoGap(TradeRules),
//!     ],
//! )
//! ```
//!
//! [`run`] checks one case file against a catalogue and a question bank and
//! returns every failed expectation as a diagnostic at its line and column,
//! with the journey the case actually got. Pure: no terminal, no disk.

use serde::Deserialize;

use crate::assessment::{Answers, Profile, QuestionBank, assess};
use crate::catalogue::Catalogue;
use crate::catalogue::locate::{self, Segment};
use crate::diagnostic::{Diagnostic, Position};
use crate::i18n::Lang;
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::matching::{Rule, failed_rules, is_eligible, open_checks};
use crate::ronfile;
use crate::text::sanitize;
use crate::vocab::{Need, Stage};

/// One expectation of a case. Service and provider ids may hold `*`, which
/// stands for any run of characters (`"eksportraadet-*"`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Expect {
    /// The stage is one of these.
    Stage(Vec<Stage>),
    /// A service of this id is in the journey.
    InJourney(String),
    /// No service of this id is in the journey.
    NotInJourney(String),
    /// A service of this provider is in the journey.
    ProviderInJourney(String),
    /// No service of this provider is in the journey.
    ProviderNotInJourney(String),
    /// The service may be referred (certainly or possibly).
    Eligible(String),
    /// The service may be referred, but only possibly: an open question remains.
    Possibly(String),
    /// The service is excluded, failing (at least) this rule.
    Excluded(String, Rule),
    /// The service is the first of the journey's current stage.
    First(String),
    /// A gap of this need: no eligible service meets it.
    Gap(Need),
    /// No gap of this need.
    NoGap(Need),
    /// The journey holds at least this many services.
    AtLeastServices(usize),
    /// The journey shows at most this many gaps.
    AtMostGaps(usize),
    /// The firm's country is (true) or is not (false) outside the catalogue.
    Outside(bool),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Case")]
struct RawCase {
    /// Who the firm is, for the report.
    about: String,
    /// Read again, with positions, by [`Answers::read`].
    #[allow(
        dead_code,
        reason = "parsed for its shape; the answers are read with positions"
    )]
    answers: ron::Value,
    expect: Vec<Expect>,
}

/// The outcome of one case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub file: String,
    pub about: String,
    /// How many expectations the case holds.
    pub expectations: usize,
    /// One error per failed expectation (or per problem reading the case).
    pub failures: Vec<Diagnostic>,
}

impl Outcome {
    #[must_use]
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs one case file's text against a catalogue and a question bank.
#[must_use]
pub fn run(
    file: &str,
    bytes: &[u8],
    catalogue: &Catalogue,
    bank: &QuestionBank,
    lang: Lang,
) -> Outcome {
    let mut outcome = Outcome {
        file: file.to_owned(),
        about: String::new(),
        expectations: 0,
        failures: Vec::new(),
    };
    let shape = "a case file holds `Case(about: \"…\", answers: { … }, expect: [ … ])`";
    let text = match ronfile::decode(file, bytes, shape) {
        Ok(text) => text,
        Err(diagnostic) => {
            outcome.failures.push(diagnostic);
            return outcome;
        }
    };
    let raw: RawCase = match ronfile::parse(text) {
        Ok(raw) => raw,
        Err(failure) => {
            outcome
                .failures
                .push(failure.into_diagnostic(file, Position::new(1, 1)));
            return outcome;
        }
    };
    outcome.about = raw.about;
    outcome.expectations = raw.expect.len();
    let tree = locate::scan(text);
    let at = |path: &[Segment]| tree.as_ref().map(|t| t.locate(path));
    // The answers, read where they stand in the case file: the text before
    // them is blanked (line breaks kept), so positions are the file's own.
    let Some(answers_node) = tree
        .as_ref()
        .and_then(|t| t.get(&[Segment::Field("answers".into())]))
    else {
        outcome
            .failures
            .push(Diagnostic::error(file, "the case has no `answers` map"));
        return outcome;
    };
    let mut answers_text: String = text[..answers_node.span.start]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    answers_text.push_str(&text[answers_node.span.clone()]);
    let answers = match Answers::read(file, answers_text.as_bytes(), bank) {
        Ok((answers, warnings)) => {
            // An answer that no longer counts is a case that no longer says
            // what its author meant.
            outcome.failures.extend(warnings.into_iter().map(|mut w| {
                w.severity = crate::diagnostic::Severity::Error;
                w
            }));
            answers
        }
        Err(errors) => {
            outcome.failures.extend(errors);
            return outcome;
        }
    };
    let profile = assess(bank, &answers, lang);
    let journey = plan_journey(&profile, catalogue, DEFAULT_PER_STAGE, lang);
    let got = Got {
        profile: &profile,
        journey: &journey,
        catalogue,
    };
    for (i, expect) in raw.expect.iter().enumerate() {
        if let Some(problem) = got.check(expect, lang) {
            let position = at(&[Segment::Field("expect".into()), Segment::Index(i)]);
            let message = format!(
                "{problem} (the firm: {}; stage {}; journey: {})",
                sanitize(&outcome.about),
                profile.stage.as_str(),
                got.summary()
            );
            outcome.failures.push(
                Diagnostic::error(file, message)
                    .at(position)
                    .path(format!("expect[{i}]")),
            );
        }
    }
    outcome
}

/// What a case got: its profile and journey.
struct Got<'a> {
    profile: &'a Profile,
    journey: &'a Journey,
    catalogue: &'a Catalogue,
}

impl Got<'_> {
    fn placed(&self) -> impl Iterator<Item = (Stage, &str)> {
        self.journey.stages.iter().flat_map(|plan| {
            plan.steps
                .iter()
                .map(move |step| (plan.stage, step.service.as_str()))
        })
    }

    fn providers(&self) -> impl Iterator<Item = &str> {
        self.placed()
            .filter_map(|(_, id)| self.catalogue.service(id).map(|s| s.provider.as_str()))
    }

    /// The journey in one line: `Enter: a, b; Grow: c; gaps: Need, Need`.
    fn summary(&self) -> String {
        let mut parts: Vec<String> = self
            .journey
            .stages
            .iter()
            .map(|plan| {
                let ids: Vec<&str> = plan.steps.iter().map(|s| s.service.as_str()).collect();
                format!("{}: {}", plan.stage.as_str(), ids.join(", "))
            })
            .collect();
        if !self.journey.gaps.is_empty() {
            let gaps: Vec<&str> = self.journey.gaps.iter().map(|g| g.need.as_str()).collect();
            parts.push(format!("gaps: {}", gaps.join(", ")));
        }
        parts.join("; ")
    }

    /// `None` when the expectation holds, else what went wrong.
    fn check(&self, expect: &Expect, lang: Lang) -> Option<String> {
        let fail = |holds: bool, message: String| (!holds).then_some(message);
        match expect {
            Expect::Eligible(_) | Expect::Possibly(_) | Expect::Excluded(..) => {
                self.check_service(expect, lang)
            }
            Expect::Stage(stages) => fail(
                stages.contains(&self.profile.stage),
                format!(
                    "expected the stage to be one of {}, got {}",
                    list(stages.iter().map(|s| s.as_str())),
                    self.profile.stage.as_str()
                ),
            ),
            Expect::InJourney(pattern) => fail(
                self.placed().any(|(_, id)| matches(pattern, id)),
                format!("expected `{}` in the journey", sanitize(pattern)),
            ),
            Expect::NotInJourney(pattern) => fail(
                !self.placed().any(|(_, id)| matches(pattern, id)),
                format!("expected `{}` not to be in the journey", sanitize(pattern)),
            ),
            Expect::ProviderInJourney(pattern) => fail(
                self.providers().any(|p| matches(pattern, p)),
                format!(
                    "expected a service of provider `{}` in the journey",
                    sanitize(pattern)
                ),
            ),
            Expect::ProviderNotInJourney(pattern) => fail(
                !self.providers().any(|p| matches(pattern, p)),
                format!(
                    "expected no service of provider `{}` in the journey",
                    sanitize(pattern)
                ),
            ),
            Expect::First(pattern) => {
                let first = self
                    .journey
                    .stages
                    .iter()
                    .find(|plan| plan.current)
                    .and_then(|plan| plan.steps.first())
                    .map(|step| step.service.as_str());
                fail(
                    first.is_some_and(|id| matches(pattern, id)),
                    format!(
                        "expected `{}` first at the current stage, got {}",
                        sanitize(pattern),
                        first.map_or_else(|| "no service".to_owned(), |id| format!("`{id}`"))
                    ),
                )
            }
            Expect::Gap(need) => fail(
                self.journey.gaps.iter().any(|g| g.need == *need),
                format!("expected a gap of {}", need.as_str()),
            ),
            Expect::NoGap(need) => fail(
                !self.journey.gaps.iter().any(|g| g.need == *need),
                format!("expected no gap of {}", need.as_str()),
            ),
            Expect::AtLeastServices(n) => {
                let count = self.placed().count();
                fail(
                    count >= *n,
                    format!("expected at least {n} services in the journey, got {count}"),
                )
            }
            Expect::AtMostGaps(n) => {
                let count = self.journey.gaps.len();
                fail(
                    count <= *n,
                    format!("expected at most {n} gaps, got {count}"),
                )
            }
            Expect::Outside(outside) => fail(
                self.journey.outside.is_some() == *outside,
                if *outside {
                    "expected the firm to be outside the catalogue's countries".to_owned()
                } else {
                    "expected the firm's country to be in the catalogue".to_owned()
                },
            ),
        }
    }

    /// An expectation about one or more services' eligibility.
    fn check_service(&self, expect: &Expect, lang: Lang) -> Option<String> {
        let fail = |holds: bool, message: String| (!holds).then_some(message);
        match expect {
            Expect::Eligible(pattern) => self.each_service(pattern, |service| {
                let reasons = crate::matching::exclusions(self.profile, service, lang);
                fail(
                    reasons.is_empty(),
                    format!(
                        "expected `{}` to be eligible; it is excluded: {}",
                        service.id,
                        sanitize(&reasons.join("; "))
                    ),
                )
            }),
            Expect::Possibly(pattern) => self.each_service(pattern, |service| {
                let eligible = is_eligible(self.profile, service);
                let checks = open_checks(self.profile, service, lang);
                fail(
                    eligible && !checks.is_empty(),
                    if eligible {
                        format!(
                            "expected `{}` to be only possibly eligible; the answers settle every condition",
                            service.id
                        )
                    } else {
                        format!("expected `{}` to be possibly eligible; it is excluded", service.id)
                    },
                )
            }),
            Expect::Excluded(pattern, rule) => self.each_service(pattern, |service| {
                let failed = failed_rules(self.profile, service);
                fail(
                    failed.contains(rule),
                    format!(
                        "expected `{}` to be excluded by the rule {rule:?}; it fails {}",
                        service.id,
                        if failed.is_empty() {
                            "no rule".to_owned()
                        } else {
                            list(failed.iter().map(|r| format!("{r:?}")))
                        }
                    ),
                )
            }),
            _ => None,
        }
    }

    /// Checks every service whose id matches `pattern`; a pattern that
    /// matches none is itself a failure (a renamed service must not make a
    /// case pass silently).
    fn each_service(
        &self,
        pattern: &str,
        check: impl Fn(&crate::catalogue::Service) -> Option<String>,
    ) -> Option<String> {
        let mut found = false;
        for service in self.catalogue.services() {
            if matches(pattern, service.id.as_str()) {
                found = true;
                if let Some(problem) = check(service) {
                    return Some(problem);
                }
            }
        }
        (!found).then(|| {
            format!(
                "no service in the catalogue matches `{}`",
                sanitize(pattern)
            )
        })
    }
}

fn list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    items
        .map(|s| s.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The largest case file read: a case is a page of answers and expectations.
pub const MAX_CASE_BYTES: u64 = 1 << 20;

/// Runs every `.ron` case file directly in `dir`, in name order. A file that
/// cannot be read (not a regular file, too large, unreadable) is a failed
/// case naming the file.
#[must_use]
pub fn run_folder(
    dir: &std::path::Path,
    catalogue: &Catalogue,
    bank: &QuestionBank,
    lang: Lang,
) -> Vec<Outcome> {
    let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect(),
        Err(e) => {
            let name = dir.display().to_string();
            return vec![Outcome {
                failures: vec![Diagnostic::error(
                    &name,
                    format!("cannot read the folder: {e}"),
                )],
                file: name,
                about: String::new(),
                expectations: 0,
            }];
        }
    };
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            match read_bounded(path) {
                Ok(bytes) => run(&name, &bytes, catalogue, bank, lang),
                Err(message) => Outcome {
                    failures: vec![Diagnostic::error(&name, message)],
                    file: name,
                    about: String::new(),
                    expectations: 0,
                },
            }
        })
        .collect()
}

/// Reads a regular file of at most [`MAX_CASE_BYTES`].
fn read_bounded(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !metadata.is_file() {
        return Err("not a regular file".to_owned());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_CASE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_CASE_BYTES {
        return Err(format!("a case file may be at most {MAX_CASE_BYTES} bytes"));
    }
    Ok(bytes)
}

/// Whether `id` matches `pattern`, where `*` stands for any run of
/// characters. Linear in the two lengths for the patterns cases use.
#[must_use]
pub fn matches(pattern: &str, id: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = id.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn patterns_match_ids_with_stars_for_any_run() {
        assert!(matches("een-advice", "een-advice"));
        assert!(!matches("een-advice", "een-advice-2"));
        assert!(matches("een-*", "een-advice"));
        assert!(matches("*-eurostars", "innovate-uk-eurostars"));
        assert!(matches("ukef-*-scheme", "ukef-bond-support-scheme"));
        assert!(!matches("ukef-*-scheme", "ukef-export-insurance-policy"));
        assert!(matches("*", "anything"));
        assert!(!matches("a*a", "a"));
    }
}
