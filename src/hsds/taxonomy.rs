//! Our vocabularies as HSDS taxonomies. Each vocabulary of `crate::vocab`
//! (modes, scopes, stages, support kinds, needs, dimensions, tiers, provider
//! kinds, size classes), NACE Rev. 2 and the kinds of cost is a `taxonomy`
//! whose terms are the vocabulary's terms: `code` is the term as data files
//! write it (`InMarket`), `name` its English label. A service's modes are
//! `attribute`s linking the service to the `eis-mode` terms.
//!
//! What has no vocabulary but must travel — our ids, a provider's area,
//! keywords, eligibility bounds, conditions in words, translations — is an
//! attribute with a term of the `eis-field` taxonomy and the text in the
//! attribute's `value`.
//!
//! Term and taxonomy ids derive from their codes ([`super::ids`]), so they
//! are the same in every export.

use std::sync::OnceLock;

use serde_json::{Value, json};
use uuid::Uuid;

use super::ids;
use crate::i18n::Lang;
use crate::vocab::{
    Dimension, Mode, NaceDivision, NaceSection, Need, ProviderKind, Scope, SizeClass, Stage,
    Support, Tier,
};

/// One of our taxonomies.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Also the taxonomy's `name` in HSDS, and what terms give as `taxonomy`.
    pub code: &'static str,
    pub description: &'static str,
    pub terms: Vec<Term>,
}

/// A term of one of our taxonomies.
#[derive(Debug, Clone)]
pub struct Term {
    pub taxonomy: &'static str,
    pub code: String,
    pub name: String,
    pub description: String,
    /// The code of the parent term in the same taxonomy (a NACE division's section).
    pub parent: Option<String>,
    /// The language of a term that stands for a text in one language.
    pub language: Option<&'static str>,
}

impl Taxonomy {
    #[must_use]
    pub fn id(&self) -> Uuid {
        taxonomy_id(self.code)
    }

    /// The HSDS `taxonomy` record.
    #[must_use]
    pub fn record(&self) -> Value {
        json!({
            "id": self.id().to_string(),
            "name": self.code,
            "description": self.description,
            "version": super::VERSION,
        })
    }
}

impl Term {
    #[must_use]
    pub fn id(&self) -> Uuid {
        term_id(self.taxonomy, &self.code)
    }

    /// The HSDS `taxonomy_term` record.
    #[must_use]
    pub fn record(&self) -> Value {
        let mut record = json!({
            "id": self.id().to_string(),
            "code": self.code,
            "name": self.name,
            "description": self.description,
            "taxonomy": self.taxonomy,
            "taxonomy_id": taxonomy_id(self.taxonomy).to_string(),
        });
        if let Some(parent) = &self.parent {
            record["parent_id"] = json!(term_id(self.taxonomy, parent).to_string());
        }
        if let Some(language) = self.language {
            record["language"] = json!(language);
        }
        record
    }
}

#[must_use]
pub fn taxonomy_id(code: &str) -> Uuid {
    ids::derive("taxonomy", code)
}

#[must_use]
pub fn term_id(taxonomy: &str, code: &str) -> Uuid {
    ids::derive("taxonomy_term", &format!("{taxonomy}:{code}"))
}

pub const MODE: &str = "eis-mode";
pub const SCOPE: &str = "eis-scope";
pub const STAGE: &str = "eis-stage";
pub const SUPPORT: &str = "eis-support";
pub const NEED: &str = "eis-need";
pub const DIMENSION: &str = "eis-dimension";
pub const TIER: &str = "eis-tier";
pub const PROVIDER_KIND: &str = "eis-provider-kind";
pub const SIZE: &str = "eis-size";
pub const NACE: &str = "nace-rev2";
pub const COST: &str = "eis-cost";
pub const FIELD: &str = "eis-field";

/// The terms of the `eis-cost` taxonomy.
pub const COST_FREE: &str = "Free";
pub const COST_PAID: &str = "Paid";
pub const COST_CO_FINANCED: &str = "CoFinanced";

/// The terms of the `eis-field` taxonomy: each carries a text in the
/// attribute's `value`, documented in `docs/hsds.md`.
pub mod field {
    /// Our id of a provider or service (`ukef-export-insurance`).
    pub const CATALOGUE_ID: &str = "catalogue-id";
    /// Where a provider is based: an area code.
    pub const AREA: &str = "area";
    /// The contact page of a provider or service.
    pub const CONTACT_URL: &str = "contact-url";
    /// A target market the service is limited to: a country code.
    pub const MARKET: &str = "market";
    pub const KEYWORD: &str = "keyword";
    /// Why the entry is not verified against a page stating the service.
    pub const UNVERIFIED: &str = "unverified";
    /// Our id of the programme a service is a door of (`eurostars`).
    pub const PROGRAMME: &str = "programme";
    /// The web site of that programme.
    pub const PROGRAMME_WEBSITE: &str = "programme-website";
    /// An eligibility condition in words.
    pub const CONDITION: &str = "condition";
    /// Head count bounds: `10..249`, `10..`, `..49`.
    pub const EMPLOYEES: &str = "employees";
    /// Turnover bounds in euros, as `employees`.
    pub const TURNOVER_EUR: &str = "turnover-eur";
    /// Years trading bounds, as `employees`.
    pub const YEARS_TRADING: &str = "years-trading";
    /// Export share bounds in per cent, as `employees`.
    pub const EXPORT_SHARE: &str = "export-share";
    /// A membership: `ChamberOfCrafts`, or `IndustryAssociation: Dansk Industri`.
    pub const MEMBER: &str = "member";
    /// Legal forms: `Company, SoleTrader`.
    pub const LEGAL_FORM: &str = "legal-form";
    /// A zone finer than any area code: `Gaeltacht`.
    pub const ZONE: &str = "zone";
    /// The translated summary in a language: `summary-pl`.
    pub const SUMMARY_PREFIX: &str = "summary-";
    /// The translated next step in a language: `next-step-pl`.
    pub const NEXT_STEP_PREFIX: &str = "next-step-";
}

/// Every taxonomy of ours, built once.
#[must_use]
pub fn all() -> &'static [Taxonomy] {
    static ALL: OnceLock<Vec<Taxonomy>> = OnceLock::new();
    ALL.get_or_init(build)
}

/// The term `code` of our taxonomy `taxonomy`.
#[must_use]
pub fn term(taxonomy: &str, code: &str) -> Option<&'static Term> {
    all()
        .iter()
        .find(|t| t.code == taxonomy)?
        .terms
        .iter()
        .find(|t| t.code == code)
}

/// Whether `code` names one of our taxonomies.
#[must_use]
pub fn is_ours(code: &str) -> bool {
    all().iter().any(|t| t.code == code)
}

/// The taxonomy of this id, if it is one of ours.
#[must_use]
pub fn by_id(id: &str) -> Option<&'static Taxonomy> {
    all().iter().find(|t| t.id().to_string() == id)
}

fn terms<T: Copy>(
    taxonomy: &'static str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    kind: &str,
) -> Vec<Term> {
    all.iter()
        .map(|&t| Term {
            taxonomy,
            code: code(t).to_owned(),
            name: label(t).to_owned(),
            description: format!("{kind}: {}.", label(t)),
            parent: None,
            language: None,
        })
        .collect()
}

macro_rules! vocabulary_taxonomy {
    ($code:expr, $ty:ty, $description:literal, $kind:literal) => {
        Taxonomy {
            code: $code,
            description: $description,
            terms: terms(
                $code,
                <$ty>::ALL,
                <$ty>::as_str,
                <$ty>::english_label,
                $kind,
            ),
        }
    };
}

fn build() -> Vec<Taxonomy> {
    vec![
        vocabulary_taxonomy!(
            MODE,
            Mode,
            "EIS Navigator: the kinds of international activity (the EU's five modes).",
            "A kind of international activity"
        ),
        vocabulary_taxonomy!(
            SCOPE,
            Scope,
            "EIS Navigator: how far from the firm's home country a service helps it go.",
            "A scope of international business"
        ),
        vocabulary_taxonomy!(
            STAGE,
            Stage,
            "EIS Navigator: the stages of an SME's journey into international business, in order.",
            "A stage of the journey"
        ),
        vocabulary_taxonomy!(
            SUPPORT,
            Support,
            "EIS Navigator: what a support service gives.",
            "A kind of support"
        ),
        vocabulary_taxonomy!(
            NEED,
            Need,
            "EIS Navigator: situations an SME is in that a service can meet.",
            "The SME"
        ),
        vocabulary_taxonomy!(
            DIMENSION,
            Dimension,
            "EIS Navigator: the dimensions of readiness for international business.",
            "A dimension of readiness"
        ),
        vocabulary_taxonomy!(
            TIER,
            Tier,
            "EIS Navigator: the level a service works at; referral prefers the lowest that fits.",
            "A tier"
        ),
        vocabulary_taxonomy!(
            PROVIDER_KIND,
            ProviderKind,
            "EIS Navigator: what sort of organisation a provider is.",
            "A kind of provider"
        ),
        vocabulary_taxonomy!(
            SIZE,
            SizeClass,
            "EIS Navigator: firm size classes by head count (EU SME definition, 2003/361/EC), plus large firms.",
            "A size class"
        ),
        nace(),
        Taxonomy {
            code: COST,
            description: "EIS Navigator: what a service costs the SME.",
            terms: [
                (COST_FREE, "Free", "Free of charge to the SME."),
                (
                    COST_PAID,
                    "Paid",
                    "The SME pays; fees_description says what.",
                ),
                (
                    COST_CO_FINANCED,
                    "Co-financed",
                    "The programme pays part; fees_description says how much.",
                ),
            ]
            .into_iter()
            .map(|(code, name, description)| Term {
                taxonomy: COST,
                code: code.to_owned(),
                name: name.to_owned(),
                description: description.to_owned(),
                parent: None,
                language: None,
            })
            .collect(),
        },
        fields(),
    ]
}

fn nace() -> Taxonomy {
    let mut terms = terms(
        NACE,
        NaceSection::ALL,
        NaceSection::as_str,
        NaceSection::english_label,
        "NACE Rev. 2 section",
    );
    for code in 1..=99 {
        if let Some(division) = NaceDivision::new(code) {
            let section = division.section();
            terms.push(Term {
                taxonomy: NACE,
                code: division.to_string(),
                name: format!("Division {division}"),
                description: format!(
                    "NACE Rev. 2 division {division}, in section {section} ({}).",
                    section.english_label()
                ),
                parent: Some(section.as_str().to_owned()),
                language: None,
            });
        }
    }
    Taxonomy {
        code: NACE,
        description: "NACE Rev. 2, the statistical classification of economic activities in the European Community: sections (letters) and divisions (two digits).",
        terms,
    }
}

fn fields() -> Taxonomy {
    use field::{
        AREA, CATALOGUE_ID, CONDITION, CONTACT_URL, EMPLOYEES, EXPORT_SHARE, KEYWORD, LEGAL_FORM,
        MARKET, MEMBER, PROGRAMME, PROGRAMME_WEBSITE, TURNOVER_EUR, UNVERIFIED, YEARS_TRADING,
        ZONE,
    };
    let plain = |code: &str, name: &str, description: &str| Term {
        taxonomy: FIELD,
        code: code.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        parent: None,
        language: None,
    };
    let mut terms = vec![
        plain(
            CATALOGUE_ID,
            "Catalogue id",
            "The record's id in the EIS Navigator catalogue.",
        ),
        plain(
            AREA,
            "Based in",
            "Where the organisation is based: an ISO 3166-1 or ISO 3166-2 code, or EU.",
        ),
        plain(
            CONTACT_URL,
            "Contact page",
            "The web page to reach the service or organisation.",
        ),
        plain(
            MARKET,
            "Target market",
            "A target market the service is limited to: an ISO 3166-1 alpha-2 code.",
        ),
        plain(KEYWORD, "Keyword", "A word people search with."),
        plain(
            UNVERIFIED,
            "Not verified",
            "Why the entry is not checked against a page stating the service.",
        ),
        plain(
            PROGRAMME,
            "Programme",
            "The catalogue id of the programme the service is one door of; the service's program_id names its program.",
        ),
        plain(
            PROGRAMME_WEBSITE,
            "Programme web site",
            "The web site of the programme the service is one door of.",
        ),
        plain(
            CONDITION,
            "Condition",
            "A condition of eligibility in words.",
        ),
        plain(
            EMPLOYEES,
            "Head count",
            "Head count admitted, inclusive: min..max, min.. or ..max.",
        ),
        plain(
            TURNOVER_EUR,
            "Turnover (EUR)",
            "Annual turnover admitted in euros, inclusive: min..max, min.. or ..max.",
        ),
        plain(
            YEARS_TRADING,
            "Years trading",
            "Years the firm has traded, inclusive: min..max, min.. or ..max.",
        ),
        plain(
            EXPORT_SHARE,
            "Export share (%)",
            "Share of turnover from sales abroad in per cent, inclusive: min..max, min.. or ..max.",
        ),
        plain(
            MEMBER,
            "Membership",
            "Membership required: a kind of body (ChamberOfCommerce, ChamberOfCrafts, IndustryAssociation, AgencyClient), optionally followed by ': ' and the body's name.",
        ),
        plain(
            LEGAL_FORM,
            "Legal form",
            "Legal forms admitted, separated by commas: Company, SoleTrader, Partnership, Cooperative.",
        ),
        plain(
            ZONE,
            "Zone",
            "An area finer than any ISO 3166-2 code that the firm must be in: Gaeltacht, KoprivnicaCity.",
        ),
    ];
    terms.extend(translation_terms());
    Taxonomy {
        code: FIELD,
        description: "EIS Navigator: catalogue fields that HSDS 3.0 has no place for, each carried in an attribute's value.",
        terms,
    }
}

/// A term for each text a translation carries, in each language but English.
fn translation_terms() -> Vec<Term> {
    let mut terms = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let code = lang.code();
        for (prefix, name, field) in [
            (field::SUMMARY_PREFIX, "Summary", "description"),
            (field::NEXT_STEP_PREFIX, "Next step", "application process"),
        ] {
            terms.push(Term {
                taxonomy: FIELD,
                code: format!("{prefix}{code}"),
                name: format!("{name} ({code})"),
                description: format!("The service's {field} in the language {code}."),
                parent: None,
                language: Some(code),
            });
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_found_by_taxonomy_and_code() {
        assert_eq!(term(MODE, "Export").unwrap().name, "Export");
        assert_eq!(term(NACE, "10").unwrap().parent.as_deref(), Some("C"));
        assert_eq!(term(FIELD, "summary-pl").unwrap().language, Some("pl"));
        assert!(term(MODE, "Smuggling").is_none());
    }

    #[test]
    fn term_ids_are_unique() {
        let mut ids: Vec<Uuid> = all().iter().flat_map(|t| &t.terms).map(Term::id).collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }
}
