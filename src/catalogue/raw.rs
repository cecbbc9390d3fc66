//! The raw serde shape of a catalogue file, exactly as maintainers write it in
//! RON. Nothing here is trusted: ids are plain strings, references are
//! unresolved and texts unchecked. `catalogue::check` turns it into a
//! [`super::Catalogue`]. `docs/catalogue.md` documents every field.
//!
//! Every struct denies unknown fields, and every enum is closed, so a typo is
//! an error with a position rather than a silently ignored field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::vocab::{
    Dimension, Mode, NaceSection, Need, ProviderKind, Scope, SizeClass, Stage, Status, Support,
    Tier,
};
use crate::vocab::{LegalForm, Membership, NaceDivision, Zone};

/// One catalogue file: some programmes, providers and services. Several files merge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Catalogue")]
pub struct RawFile {
    /// Programmes offered through several doors (services of several
    /// providers or places); written first, before the providers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<RawProgramme>,
    #[serde(default)]
    pub providers: Vec<RawProvider>,
    #[serde(default)]
    pub services: Vec<RawService>,
}

/// One programme offered through several doors: an EU programme through
/// its national contact points, a national agency's scheme through its
/// regional offices, a network through its nodes. Each door is a service
/// naming the programme in its `programme` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Programme")]
pub struct RawProgramme {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// An organisation that offers services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Provider")]
pub struct RawProvider {
    pub id: String,
    pub name: String,
    pub kind: ProviderKind,
    /// Where the organisation is based: a country or subdivision code, or `EU`.
    pub area: String,
    pub website: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Contact::is_empty")]
    pub contact: Contact,
}

/// A support service offered by a provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Service")]
pub struct RawService {
    pub id: String,
    pub provider: String,
    /// The programme this service is a door of, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    pub name: String,
    pub summary: String,
    pub modes: Vec<Mode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<Scope>,
    pub stages: Vec<Stage>,
    pub support: Vec<Support>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Need>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    pub tier: Tier,
    pub areas: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markets: Vec<String>,
    #[serde(default, skip_serializing_if = "Eligibility::is_open")]
    pub eligibility: Eligibility,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    pub next_step: String,
    /// The summary and next step in other languages, by ISO 639-1 code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, ServiceText>,
    #[serde(default, skip_serializing_if = "Contact::is_empty")]
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub status: Status,
    pub verified: String,
    pub source: String,
    /// Why the entry could not be checked against a page stating the
    /// service (its `source` is only the provider's home page, or the page
    /// could not be read): `verified` is then the day it was compiled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<String>,
}

/// A service's texts in one other language. A text left out falls back to
/// English (and `eis check` warns).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "ServiceText")]
pub struct ServiceText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
}

/// Who may use a service. Every field is optional; an empty eligibility is open to all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Eligibility")]
pub struct Eligibility {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sizes: Vec<SizeClass>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<Bounds>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turnover_eur: Option<Bounds>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<NaceSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years_trading: Option<u32>,
    /// At most this many years trading (a scheme for start-ups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_years_trading: Option<u32>,
    /// NACE divisions admitted beside the whole `sectors`: a firm fits when
    /// its section is one of `sectors` or its division one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub divisions: Vec<NaceDivision>,
    /// Who may use it, by mode: only firms pursuing one of these modes, as its
    /// provider restricts it. Empty: anyone whose activity involves the needs
    /// it meets (see `matching`), not only firms of the modes it is written for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<Mode>,
    /// Conditions the checker tests against the firm's answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Requirement>,
    /// Conditions in words that no answer can settle (apply before costs are
    /// incurred, one grant a year): shown, never tested.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
}

/// A condition of eligibility that the firm's answers can settle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    /// A share of turnover from sales abroad, in percent, within bounds
    /// (`ExportShare(min: 20)`, `ExportShare(max: 7)`).
    ExportShare {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u8>,
    },
    /// Membership of, or registration with, a kind of body; `body` names the
    /// one it must be when only one will do (`Member(kind: IndustryAssociation,
    /// body: "Dansk Industri")`).
    Member {
        kind: Membership,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// The business has one of these legal forms (`LegalForm([Company])`).
    LegalForm(Vec<LegalForm>),
    /// The business is located in a zone finer than its area codes.
    Zone(Zone),
}

impl Eligibility {
    fn is_open(&self) -> bool {
        *self == Eligibility::default()
    }
}

/// Inclusive bounds on a number; either end may be left open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
}

impl Bounds {
    /// Whether `value` lies within the bounds.
    #[must_use]
    pub fn contains(self, value: u64) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }
}

/// How to reach a provider or a service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Contact")]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Contact {
    /// Whether no way of contact is given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.url.is_none() && self.email.is_none() && self.phone.is_none()
    }
}

/// What a service costs the SME.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cost {
    /// Free of charge to the SME.
    Free,
    /// The SME pays; the text says what (a fee, a premium, interest).
    Paid(String),
    /// Partly paid by the programme; the text says how (a co-financing rate).
    CoFinanced(String),
}
