//! The catalogue as HSDS 3.0 records: nested JSON, as HSDS publishes it.
//!
//! A provider is an `organization` (with its `phones` and `attributes`), a
//! service a `service` (with its `service_areas`, `languages`, `phones`,
//! `cost_options` and `attributes`, each attribute embedding its
//! `taxonomy_term`). Every nested record names its parent (`service_id`,
//! `link_id`, …), so [`super::tabular`] can lay the same records out as
//! one CSV file per object. `docs/hsds.md` is the mapping, field by field.
//!
//! Programmes: when services name the programme they belong to, each
//! programme becomes a `program` of its provider's organization and the
//! service's `program_id` points to it ([`program_id`]).

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::ids;
use super::taxonomy::{self, COST, FIELD, Term, field};
use crate::catalogue::{Bounds, Catalogue, Cost, Programme, Provider, Requirement, Service};
use crate::vocab::Status;

/// An HSDS directory: the records of every file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub organizations: Vec<Value>,
    pub services: Vec<Value>,
    pub taxonomies: Vec<Value>,
    pub taxonomy_terms: Vec<Value>,
}

/// The JSON files of a dataset: `(file name, records)`, one array each.
impl Dataset {
    #[must_use]
    pub fn files(&self) -> [(&'static str, &[Value]); 4] {
        [
            ("organizations.json", &self.organizations),
            ("services.json", &self.services),
            ("taxonomies.json", &self.taxonomies),
            ("taxonomy_terms.json", &self.taxonomy_terms),
        ]
    }

    /// Each file's text: a pretty-printed JSON array ending with a line break.
    pub fn to_json(&self) -> serde_json::Result<Vec<(&'static str, String)>> {
        self.files()
            .into_iter()
            .map(|(name, records)| {
                let mut text = serde_json::to_string_pretty(records)?;
                text.push('\n');
                Ok((name, text))
            })
            .collect()
    }
}

/// How a catalogue entry links to a term: the HSDS `link_type` of each of
/// our fields (an open code list of ours, documented in `docs/hsds.md`).
pub mod link {
    pub const IDENTIFIER: &str = "identifier";
    pub const PROVIDER_KIND: &str = "provider_kind";
    pub const AREA: &str = "area";
    pub const CONTACT: &str = "contact";
    pub const MODE: &str = "mode";
    pub const SCOPE: &str = "scope";
    pub const STAGE: &str = "stage";
    pub const SUPPORT: &str = "support";
    pub const NEED: &str = "need";
    pub const DIMENSION: &str = "dimension";
    pub const TIER: &str = "tier";
    pub const MARKET: &str = "market";
    pub const ELIGIBILITY: &str = "eligibility";
    pub const COST: &str = "cost";
    pub const KEYWORD: &str = "keyword";
    pub const TRANSLATION: &str = "translation";
    pub const PROVENANCE: &str = "provenance";
    pub const PROGRAMME: &str = "programme";
}

/// The catalogue as HSDS records, in the catalogue's order.
#[must_use]
pub fn export(catalogue: &Catalogue) -> Dataset {
    Dataset {
        organizations: catalogue
            .providers()
            .iter()
            .map(|provider| organization(catalogue, provider))
            .collect(),
        services: catalogue
            .services()
            .iter()
            .map(|s| service(catalogue, s))
            .collect(),
        taxonomies: taxonomy::all()
            .iter()
            .map(taxonomy::Taxonomy::record)
            .collect(),
        taxonomy_terms: taxonomy::all()
            .iter()
            .flat_map(|t| &t.terms)
            .map(Term::record)
            .collect(),
    }
}

/// The id of a programme's `program`.
#[must_use]
pub fn program_id(programme: &str) -> Uuid {
    ids::derive("program", programme)
}

/// Collects the attributes of one record, numbering their ids.
struct Attributes {
    entity: &'static str,
    owner: Uuid,
    records: Vec<Value>,
}

impl Attributes {
    fn new(entity: &'static str, owner: Uuid) -> Self {
        Self {
            entity,
            owner,
            records: Vec::new(),
        }
    }

    fn add(&mut self, link_type: &str, taxonomy: &str, code: &str, value: Option<String>) {
        let Some(term) = taxonomy::term(taxonomy, code) else {
            // Every code written here comes from our own vocabularies.
            debug_assert!(false, "no term {taxonomy}:{code}");
            return;
        };
        let mut record = json!({
            "id": ids::child("attribute", self.owner, self.records.len()).to_string(),
            "link_id": self.owner.to_string(),
            "link_type": link_type,
            "link_entity": self.entity,
            "taxonomy_term_id": term.id().to_string(),
            "taxonomy_term": term.record(),
        });
        if let Some(value) = value {
            record["value"] = json!(value);
        }
        self.records.push(record);
    }

    fn terms<T: Copy>(
        &mut self,
        link_type: &str,
        taxonomy: &str,
        terms: &[T],
        code: impl Fn(T) -> &'static str,
    ) {
        for &t in terms {
            self.add(link_type, taxonomy, code(t), None);
        }
    }

    fn value(&mut self, link_type: &str, code: &str, value: impl Into<String>) {
        self.add(link_type, FIELD, code, Some(value.into()));
    }
}

/// Inserts `value` under `key` when there is one.
fn set(record: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        record.insert(key.to_owned(), value.into());
    }
}

fn phone(owner_key: &str, owner: Uuid, number: &str) -> Value {
    json!({
        "id": ids::child("phone", owner, 0).to_string(),
        owner_key: owner.to_string(),
        "number": number,
    })
}

/// A programme as an HSDS `program`. HSDS gives a program one
/// organization, while a programme of ours has doors at several providers:
/// it is listed under the provider of its first door in the catalogue, and
/// every door's service points to it by `program_id`. A programme without
/// doors has no place in HSDS and is left out (`eis check` warns of it).
fn program(programme: &Programme, organization: Uuid) -> Value {
    json!({
        "id": program_id(programme.id.as_str()).to_string(),
        "organization_id": organization.to_string(),
        "name": programme.name,
        "description": programme.name,
    })
}

fn organization(catalogue: &Catalogue, provider: &Provider) -> Value {
    let id = ids::organization(provider.id.as_str());
    let mut record = Map::new();
    record.insert("id".into(), json!(id.to_string()));
    record.insert("name".into(), json!(provider.name));
    // Required by HSDS: a provider without a summary is described by its
    // name, which the import reads back as no summary.
    record.insert(
        "description".into(),
        json!(provider.summary.as_deref().unwrap_or(&provider.name)),
    );
    record.insert("website".into(), json!(provider.website));
    set(&mut record, "email", provider.contact.email.clone());
    if let Some(number) = &provider.contact.phone {
        record.insert(
            "phones".into(),
            json!([phone("organization_id", id, number)]),
        );
    }
    let mut attributes = Attributes::new("organization", id);
    attributes.value(link::IDENTIFIER, field::CATALOGUE_ID, provider.id.as_str());
    attributes.add(
        link::PROVIDER_KIND,
        taxonomy::PROVIDER_KIND,
        provider.kind.as_str(),
        None,
    );
    attributes.value(link::AREA, field::AREA, provider.area.code());
    if let Some(url) = &provider.contact.url {
        attributes.value(link::CONTACT, field::CONTACT_URL, url.clone());
    }
    // The programmes whose first door this provider offers.
    let programs: Vec<Value> = catalogue
        .programmes()
        .iter()
        .filter(|programme| {
            catalogue
                .services()
                .iter()
                .find(|s| s.programme.as_ref() == Some(&programme.id))
                .is_some_and(|door| door.provider == provider.id)
        })
        .map(|programme| program(programme, id))
        .collect();
    if !programs.is_empty() {
        record.insert("programs".into(), Value::Array(programs));
    }
    record.insert("attributes".into(), Value::Array(attributes.records));
    Value::Object(record)
}

fn service(catalogue: &Catalogue, service: &Service) -> Value {
    let id = ids::service(service.id.as_str());
    let mut record = Map::new();
    record.insert("id".into(), json!(id.to_string()));
    record.insert(
        "organization_id".into(),
        json!(ids::organization(service.provider.as_str()).to_string()),
    );
    if let Some(programme) = &service.programme {
        record.insert(
            "program_id".into(),
            json!(program_id(programme.as_str()).to_string()),
        );
    }
    record.insert("name".into(), json!(service.name));
    record.insert("description".into(), json!(service.summary));
    record.insert("url".into(), json!(service.source));
    set(&mut record, "email", service.contact.email.clone());
    record.insert(
        "status".into(),
        json!(match service.status {
            Status::Active => "active",
            Status::Closed => "defunct",
        }),
    );
    record.insert("application_process".into(), json!(service.next_step));
    set(
        &mut record,
        "fees_description",
        service.cost.as_ref().map(|cost| match cost {
            Cost::Free => "Free of charge.".to_owned(),
            Cost::Paid(text) | Cost::CoFinanced(text) => text.clone(),
        }),
    );
    set(
        &mut record,
        "eligibility_description",
        eligibility_description(service),
    );
    record.insert("assured_date".into(), json!(service.verified.to_string()));
    if let Some(number) = &service.contact.phone {
        record.insert("phones".into(), json!([phone("service_id", id, number)]));
    }
    record.insert(
        "service_areas".into(),
        service
            .areas
            .iter()
            .enumerate()
            .map(|(n, area)| {
                json!({
                    "id": ids::child("service_area", id, n).to_string(),
                    "service_id": id.to_string(),
                    "name": area.code(),
                    "description": area_description(area),
                })
            })
            .collect(),
    );
    if !service.languages.is_empty() {
        record.insert(
            "languages".into(),
            service
                .languages
                .iter()
                .enumerate()
                .map(|(n, code)| {
                    let mut language = json!({
                        "id": ids::child("language", id, n).to_string(),
                        "service_id": id.to_string(),
                        "code": code,
                    });
                    if let Some(lang) = crate::i18n::Lang::from_code(code)
                        && lang.code() == code
                    {
                        language["name"] = json!(lang.name());
                    }
                    language
                })
                .collect(),
        );
    }
    if service.cost == Some(Cost::Free) {
        record.insert(
            "cost_options".into(),
            json!([{
                "id": ids::child("cost_option", id, 0).to_string(),
                "service_id": id.to_string(),
                "option": "Free of charge",
                "amount": 0,
            }]),
        );
    }
    record.insert(
        "attributes".into(),
        Value::Array(service_attributes(catalogue, service, id)),
    );
    Value::Object(record)
}

fn area_description(area: &crate::catalogue::Area) -> String {
    use crate::catalogue::Area;
    match area {
        Area::Anywhere => "Anywhere".to_owned(),
        Area::Eu => "Every member state of the European Union".to_owned(),
        Area::Country(_) => format!("{} (ISO 3166-1)", area.english_name()),
        Area::Subdivision(_) => format!("{} (ISO 3166-2)", area.english_name()),
        Area::Nuts(_) => format!("{}, NUTS 2021", area.english_name()),
    }
}

fn range(bounds: Bounds) -> String {
    let end = |n: Option<u64>| n.map_or_else(String::new, |n| n.to_string());
    format!("{}..{}", end(bounds.min), end(bounds.max))
}

fn service_attributes(catalogue: &Catalogue, service: &Service, id: Uuid) -> Vec<Value> {
    use crate::vocab::{Dimension, Mode, NaceSection, Need, Scope, SizeClass, Stage, Support};
    let mut a = Attributes::new("service", id);
    a.value(link::IDENTIFIER, field::CATALOGUE_ID, service.id.as_str());
    if let Some(programme) = catalogue.programme_of(service) {
        a.value(link::PROGRAMME, field::PROGRAMME, programme.id.as_str());
        if let Some(website) = &programme.website {
            a.value(link::PROGRAMME, field::PROGRAMME_WEBSITE, website.clone());
        }
    }
    a.terms(link::MODE, taxonomy::MODE, &service.modes, Mode::as_str);
    a.terms(link::SCOPE, taxonomy::SCOPE, &service.scopes, Scope::as_str);
    a.terms(link::STAGE, taxonomy::STAGE, &service.stages, Stage::as_str);
    a.terms(
        link::SUPPORT,
        taxonomy::SUPPORT,
        &service.support,
        Support::as_str,
    );
    a.terms(link::NEED, taxonomy::NEED, &service.needs, Need::as_str);
    a.terms(
        link::DIMENSION,
        taxonomy::DIMENSION,
        &service.dimensions,
        Dimension::as_str,
    );
    a.add(link::TIER, taxonomy::TIER, service.tier.as_str(), None);
    for market in &service.markets {
        a.value(link::MARKET, field::MARKET, market.code());
    }
    let e = &service.eligibility;
    a.terms(
        link::ELIGIBILITY,
        taxonomy::SIZE,
        &e.sizes,
        SizeClass::as_str,
    );
    if let Some(bounds) = e.employees {
        a.value(link::ELIGIBILITY, field::EMPLOYEES, range(bounds));
    }
    if let Some(bounds) = e.turnover_eur {
        a.value(link::ELIGIBILITY, field::TURNOVER_EUR, range(bounds));
    }
    a.terms(
        link::ELIGIBILITY,
        taxonomy::NACE,
        &e.sectors,
        NaceSection::as_str,
    );
    for division in &e.divisions {
        a.add(
            link::ELIGIBILITY,
            taxonomy::NACE,
            &division.to_string(),
            None,
        );
    }
    if e.min_years_trading.is_some() || e.max_years_trading.is_some() {
        let years = Bounds {
            min: e.min_years_trading.map(u64::from),
            max: e.max_years_trading.map(u64::from),
        };
        a.value(link::ELIGIBILITY, field::YEARS_TRADING, range(years));
    }
    a.terms(link::ELIGIBILITY, taxonomy::MODE, &e.modes, Mode::as_str);
    for requirement in &e.requires {
        let (code, value) = requirement_value(requirement);
        a.value(link::ELIGIBILITY, code, value);
    }
    for condition in &e.conditions {
        a.value(link::ELIGIBILITY, field::CONDITION, condition.clone());
    }
    if let Some(cost) = &service.cost {
        let code = match cost {
            Cost::Free => taxonomy::COST_FREE,
            Cost::Paid(_) => taxonomy::COST_PAID,
            Cost::CoFinanced(_) => taxonomy::COST_CO_FINANCED,
        };
        a.add(link::COST, COST, code, None);
    }
    if let Some(url) = &service.contact.url {
        a.value(link::CONTACT, field::CONTACT_URL, url.clone());
    }
    for keyword in &service.keywords {
        a.value(link::KEYWORD, field::KEYWORD, keyword.clone());
    }
    for (lang, text) in &service.translations {
        if let Some(summary) = &text.summary {
            let code = format!("{}{}", field::SUMMARY_PREFIX, lang.code());
            a.value(link::TRANSLATION, &code, summary.clone());
        }
        if let Some(next_step) = &text.next_step {
            let code = format!("{}{}", field::NEXT_STEP_PREFIX, lang.code());
            a.value(link::TRANSLATION, &code, next_step.clone());
        }
    }
    if let Some(why) = &service.unverified {
        a.value(link::PROVENANCE, field::UNVERIFIED, why.clone());
    }
    a.records
}

/// A typed condition as an `eis-field` term and its value.
fn requirement_value(requirement: &Requirement) -> (&'static str, String) {
    match requirement {
        Requirement::ExportShare { min, max } => (
            field::EXPORT_SHARE,
            range(Bounds {
                min: min.map(u64::from),
                max: max.map(u64::from),
            }),
        ),
        Requirement::Member { kind, body } => (
            field::MEMBER,
            match body {
                Some(body) => format!("{kind}: {body}"),
                None => kind.to_string(),
            },
        ),
        Requirement::LegalForm(forms) => (
            field::LEGAL_FORM,
            forms
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Requirement::Zone(zone) => (field::ZONE, zone.to_string()),
    }
}

/// Who may use the service, in plain English, for people reading the
/// directory; the attributes carry the same rules for programs.
fn eligibility_description(service: &Service) -> Option<String> {
    let e = &service.eligibility;
    let labels = |labels: Vec<&str>| labels.join(", ");
    let bounds = |what: &str, b: Bounds, unit: &str| match (b.min, b.max) {
        (Some(min), Some(max)) => format!("{what} {min} to {max}{unit}"),
        (Some(min), None) => format!("{what} at least {min}{unit}"),
        (None, Some(max)) => format!("{what} at most {max}{unit}"),
        (None, None) => format!("{what} any"),
    };
    let mut parts = Vec::new();
    if !e.sizes.is_empty() {
        parts.push(format!(
            "Size: {}",
            labels(e.sizes.iter().map(|s| s.english_label()).collect())
        ));
    }
    if let Some(b) = e.employees {
        parts.push(bounds("Staff:", b, ""));
    }
    if let Some(b) = e.turnover_eur {
        parts.push(bounds("Turnover:", b, " EUR"));
    }
    if !e.sectors.is_empty() || !e.divisions.is_empty() {
        let mut sectors: Vec<String> = e
            .sectors
            .iter()
            .map(|s| format!("{s} {}", s.english_label()))
            .collect();
        sectors.extend(e.divisions.iter().map(|d| format!("division {d}")));
        parts.push(format!("Sectors (NACE Rev. 2): {}", sectors.join(", ")));
    }
    if e.min_years_trading.is_some() || e.max_years_trading.is_some() {
        let years = Bounds {
            min: e.min_years_trading.map(u64::from),
            max: e.max_years_trading.map(u64::from),
        };
        parts.push(bounds("Years trading:", years, ""));
    }
    if !e.modes.is_empty() {
        parts.push(format!(
            "Only for firms pursuing: {}",
            labels(e.modes.iter().map(|m| m.english_label()).collect())
        ));
    }
    for requirement in &e.requires {
        parts.push(match requirement {
            Requirement::ExportShare { min, max } => bounds(
                "Export share of turnover:",
                Bounds {
                    min: min.map(u64::from),
                    max: max.map(u64::from),
                },
                "%",
            ),
            Requirement::Member { kind, body } => match body {
                Some(body) => format!("Member of {body} ({})", kind.english_label()),
                None => format!("Member of {}", kind.english_label()),
            },
            Requirement::LegalForm(forms) => format!(
                "Legal form: {}",
                labels(forms.iter().map(|f| f.english_label()).collect())
            ),
            Requirement::Zone(zone) => format!("Located in {}", zone.english_label()),
        });
    }
    parts.extend(e.conditions.iter().cloned());
    if parts.is_empty() {
        None
    } else {
        let parts: Vec<&str> = parts.iter().map(|p| p.trim_end_matches('.')).collect();
        Some(format!("{}.", parts.join(". ")))
    }
}
