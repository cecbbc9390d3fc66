//! What a client file holds, and the change between two assessments.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assessment::{Answers, Profile, QuestionBank, assess};
use crate::i18n::Lang;
use crate::vocab::{Dimension, Stage};

/// The version of the client file format written by this program.
pub const FORMAT: u32 = 1;

/// One client of an adviser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Client")]
pub struct ClientRecord {
    pub format: u32,
    /// The file name without `.ron`; a slug.
    pub id: String,
    pub name: String,
    /// RFC 3339 timestamps.
    pub created: String,
    pub updated: String,
    /// Bumped by every save; a save whose revision no longer matches the
    /// file's was overtaken by another window and is refused.
    pub revision: u64,
    #[serde(default)]
    pub notes: String,
    /// Oldest first; the last is the current one.
    #[serde(default)]
    pub assessments: Vec<AssessmentRecord>,
    /// Notes and referral marks by service id.
    #[serde(default)]
    pub services: BTreeMap<String, ServiceMarks>,
}

/// One assessment of the client.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Assessment")]
pub struct AssessmentRecord {
    /// `YYYY-MM-DD`.
    pub started: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<String>,
    #[serde(default)]
    pub answers: Answers,
    /// The question the adviser was on, to resume exactly there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_question: Option<String>,
}

/// An adviser's note on a service for this client, and the referral marks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Marks")]
pub struct ServiceMarks {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Dates (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacted: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

impl ServiceMarks {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == ServiceMarks::default()
    }
}

impl ClientRecord {
    /// The current assessment, if any.
    #[must_use]
    pub fn current(&self) -> Option<&AssessmentRecord> {
        self.assessments.last()
    }

    /// The current assessment, started now if there is none.
    pub fn current_mut(&mut self, today: &str) -> &mut AssessmentRecord {
        if self.assessments.is_empty() {
            self.assessments.push(AssessmentRecord {
                started: today.to_owned(),
                ..AssessmentRecord::default()
            });
        }
        let last = self.assessments.len() - 1;
        &mut self.assessments[last]
    }

    /// Starts a re-assessment: a new assessment that begins with the answers
    /// of the last one, which is kept unchanged.
    pub fn reassess(&mut self, today: &str) {
        let answers = self
            .current()
            .map(|a| a.answers.clone())
            .unwrap_or_default();
        self.assessments.push(AssessmentRecord {
            started: today.to_owned(),
            completed: None,
            answers,
            at_question: None,
        });
    }

    /// The change since the previous assessment, if there is one.
    #[must_use]
    pub fn delta(&self, bank: &QuestionBank) -> Option<Delta> {
        let [.., previous, current] = self.assessments.as_slice() else {
            return None;
        };
        // The change is in scores and stages only: the reasons, and so
        // their language, are not used.
        Some(Delta::between(
            &assess(bank, &previous.answers, Lang::En),
            &assess(bank, &current.answers, Lang::En),
            &previous.started,
        ))
    }
}

/// How a profile changed since the previous assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delta {
    /// The date of the previous assessment.
    pub since: String,
    pub stage_before: Stage,
    pub stage_now: Stage,
    /// Score change per dimension assessed both times (now minus before).
    pub dimensions: Vec<(Dimension, i16)>,
}

impl Delta {
    #[must_use]
    pub fn between(before: &Profile, now: &Profile, since: &str) -> Self {
        let dimensions = Dimension::ALL
            .iter()
            .filter_map(|&d| Some((d, i16::from(now.score(d)?) - i16::from(before.score(d)?))))
            .collect();
        Self {
            since: since.to_owned(),
            stage_before: before.stage,
            stage_now: now.stage,
            dimensions,
        }
    }

    /// The change of one dimension, if assessed both times.
    #[must_use]
    pub fn change(&self, dimension: Dimension) -> Option<i16> {
        self.dimensions
            .iter()
            .find(|(d, _)| *d == dimension)
            .map(|(_, c)| *c)
    }
}
