//! The raw serde shape of a question bank, as written in RON. Nothing here is
//! trusted; [`super::bank::check`] checks it and builds a
//! [`super::QuestionBank`]. `docs/assessment.md` documents every field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::vocab::{
    Activity, Dimension, Membership, Mode, NaceDivision, NaceSection, Need, Scope, Support, Zone,
};

/// A question bank: sections of questions, asked in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "QuestionBank")]
pub struct RawBank {
    pub sections: Vec<RawSection>,
}

/// A titled group of questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Section")]
pub struct RawSection {
    pub id: String,
    pub title: String,
    pub questions: Vec<RawQuestion>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Question")]
pub struct RawQuestion {
    pub id: String,
    /// The question as the SME reads it, in plain language.
    pub prompt: String,
    /// One line of help, always shown.
    pub help: String,
    /// Longer help, shown on request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_help: Option<String>,
    pub kind: Kind,
    /// Asked only when this holds; always asked without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The fact of the SME's profile that the answer gives, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fills: Option<Fact>,
    /// Whether the SME may leave it unanswered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// Whether an answer still counts when `when` does not hold: for a
    /// question made conditional after answers files were written, so that
    /// those files keep their meaning. The question is not asked then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept: bool,
    /// Whether the question belongs to the short check: the few questions a
    /// help desk asks first, enough for a stage, the top needs and a first
    /// referral ([`super::QuestionBank::short_check`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub short: bool,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    /// Exactly one of the options.
    Single { options: Vec<Choice> },
    /// Any number of the options (at least one unless the question is optional).
    Multiple { options: Vec<Choice> },
    /// A rating from 1 to 5; 1 scores 0 and 5 scores 100 on `dimension`.
    Scale {
        low: String,
        high: String,
        dimension: Dimension,
        /// Needs raised by an answer of 1 or 2.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        needs_when_low: Vec<Need>,
    },
    /// A whole number within bounds. `unit` is the label ("people");
    /// `unit_forms` the word after a count, by plural category
    /// (`{ "one": "person", "other": "people" }`); without them the label
    /// stands after every count.
    Number {
        min: u64,
        max: u64,
        unit: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        unit_forms: BTreeMap<String, String>,
    },
    /// A short text.
    Text { max_chars: usize },
    /// ISO 3166-1 alpha-2 country codes, at most `max` of them.
    Countries { max: usize },
}

/// A count with its unit in `lang`: `42 osoby`, `1 person`,
/// the unit's form chosen by the language's plural rules (the label when
/// the bank gives no forms).
#[must_use]
pub fn counted_unit(n: u64, unit: &str, forms: &BTreeMap<String, String>, lang: Lang) -> String {
    format!(
        "{} {}",
        lang.group_digits(n),
        unit_word(n, unit, forms, lang)
    )
}

/// The unit's word after the count `n` in `lang`: its form
/// for `n`'s plural category, else its `other` form, else its label.
#[must_use]
pub fn unit_word<'a>(
    n: u64,
    unit: &'a str,
    forms: &'a BTreeMap<String, String>,
    lang: Lang,
) -> &'a str {
    let category = crate::i18n::counted::category_name(crate::i18n::counted::category(lang, n));
    forms
        .get(category)
        .or_else(|| forms.get("other"))
        .map_or(unit, String::as_str)
}

/// An option of a choice question, with its effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Choice")]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// Scores (0–100) this answer gives readiness dimensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<(Dimension, u8)>,
    /// Needs this answer raises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Need>,
    /// The value this option gives the question's fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// For an option with a `Region` value: the NUTS code of the region the
    /// answer places the firm in, as finely as the answer tells (`"PT181"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nuts: Option<String>,
    /// In a multiple choice: an option that rules out every other ("No,
    /// not yet", "None of these"). Ticking it clears the others, ticking
    /// another clears it, and a reply with it and another is refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// A value an option gives a fact of the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Mode(Mode),
    Scope(Scope),
    Sector(NaceSection),
    /// An ISO 3166-2 subdivision code, such as `"DK-82"`.
    Region(String),
    Activity(Activity),
    Support(Vec<Support>),
    /// A NACE division (`Division("10")`), finer than a sector; fills
    /// `Sector` with the division's section.
    Division(NaceDivision),
    /// Bodies the firm belongs to (possibly none).
    Member(Vec<Membership>),
    /// Zones the firm is located in (possibly none).
    Zones(Vec<Zone>),
}

/// A fact of the SME's profile that a question's answer gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Fact {
    /// A text question: the company's name.
    CompanyName,
    /// A countries question with `max: 1`: where the company is.
    Country,
    /// A single choice whose options carry `Region("…")` values.
    Region,
    /// A single choice whose options carry `Sector(…)` values.
    Sector,
    /// A number question: staff head count.
    Employees,
    /// A number question: annual turnover in thousands of euros.
    TurnoverThousandEur,
    /// A number question: years the company has traded.
    YearsTrading,
    /// A multiple choice whose options carry `Mode(…)` values.
    Modes,
    /// A multiple choice whose options carry `Scope(…)` values.
    Scopes,
    /// A countries question: target markets.
    Markets,
    /// A single choice whose options carry `Activity(…)` values.
    Activity,
    /// A multiple choice whose options carry `Support([…])` values (possibly empty).
    SupportInUse,
    /// A number question: the share of turnover from sales abroad, in per cent.
    ExportShare,
    /// A multiple choice whose options carry `Member([…])` values (possibly empty).
    Memberships,
    /// A single or multiple choice whose options carry `Zones([…])` values;
    /// several questions may fill it (one per region that has zones).
    Zones,
}

/// When a question is asked, in terms of earlier answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// The option (second) was chosen in the question (first).
    Chosen(String, String),
    /// The question was answered.
    Answered(String),
    AnyOf(Vec<Condition>),
    AllOf(Vec<Condition>),
    Not(Box<Condition>),
}
