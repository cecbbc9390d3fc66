//! The mapping's core: resolving attributes to our taxonomies, reporting
//! what is not kept, and organizations to providers.

use std::collections::HashMap;

use serde_json::Value;

use super::At;
use super::Record;
use crate::catalogue::Contact;
use crate::catalogue::raw::RawProvider;
use crate::diagnostic::Diagnostic;
use crate::hsds::export::link;
use crate::hsds::schema::{self, Form, Object};
use crate::hsds::taxonomy::{self, field};
use crate::vocab::ProviderKind;

/// A term an attribute links to, resolved.
pub(super) struct Linked<'v> {
    pub(super) link_type: String,
    pub(super) taxonomy: &'static str,
    pub(super) code: String,
    pub(super) value: Option<&'v str>,
    /// The attribute's place in its record: `attributes[3]`.
    pub(super) path: String,
}

pub(super) struct Mapper {
    terms: HashMap<String, Value>,
    diagnostics: Vec<Diagnostic>,
    /// Organization id → provider slug.
    slugs: HashMap<String, String>,
    /// Slugs given so far, for making generated ones unique.
    used: HashMap<String, usize>,
    /// Program id → its name, from the organizations' `programs`.
    pub(super) program_names: HashMap<String, String>,
    /// The programmes the services are doors of, in order of first door.
    pub(super) programmes: Vec<crate::catalogue::raw::RawProgramme>,
}

pub(super) fn text<'v>(record: &'v Value, name: &str) -> Option<&'v str> {
    record
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

pub(super) fn items<'v>(record: &'v Value, name: &str) -> &'v [Value] {
    record
        .get(name)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Whether a field holds anything: not null, not an empty text or list.
pub(super) fn holds(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// The organization fields the catalogue keeps.
const ORGANIZATION_KEPT: &[&str] = &[
    "id",
    "name",
    "description",
    "website",
    "email",
    "phones",
    "attributes",
];

/// The service fields the catalogue keeps.
pub(super) const SERVICE_KEPT: &[&str] = &[
    "id",
    "organization_id",
    "organization",
    "name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "fees_description",
    "eligibility_description",
    "assured_date",
    "phones",
    "service_areas",
    "languages",
    "cost_options",
    "contacts",
    "attributes",
];

/// Makes a slug out of a name: `Export Voucher (2026)` → `export-voucher-2026`.
#[must_use]
pub(super) fn slugify(name: &str) -> String {
    let folded = crate::search::fold::fold_str(name);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 80 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "entry".to_owned()
    } else {
        slug
    }
}

pub(super) fn parse_term<T: std::str::FromStr>(code: &str) -> Option<T> {
    code.trim().parse().ok()
}

impl Mapper {
    pub(super) fn push(&mut self, at: &At, error: bool, field: &str, message: impl Into<String>) {
        self.diagnostics.push(at.diagnostic(error, field, message));
    }

    pub(super) fn schema(&mut self, object: &Object, record: &Record, form: Form, at: &At) {
        for problem in schema::check(object, &record.value, form) {
            self.push(at, true, &problem.path, problem.message);
        }
    }

    /// The slug of a record: its `catalogue-id` attribute, else one made
    /// from its name, unique among those made.
    pub(super) fn slug(&mut self, given: Option<String>, name: &str) -> String {
        if let Some(slug) = given {
            *self.used.entry(slug.clone()).or_default() += 1;
            return slug;
        }
        let base = slugify(name);
        let mut slug = base.clone();
        let mut n = 1;
        while self.used.contains_key(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        self.used.insert(slug.clone(), 1);
        slug
    }

    /// Warns of each field that holds something the catalogue does not keep.
    pub(super) fn not_kept(&mut self, record: &Value, kept: &[&str], at: &At) {
        let Some(fields) = record.as_object() else {
            return;
        };
        for (name, value) in fields {
            if kept.contains(&name.as_str()) || !holds(value) {
                continue;
            }
            let why = match name.as_str() {
                "program_id" | "program" | "programs" => {
                    "programmes are not kept: the catalogue has no programme field yet"
                }
                "locations" | "service_at_locations" => {
                    "locations are not kept: the catalogue knows where a service is available (service areas), not where it is delivered"
                }
                "schedules" => "schedules are not kept: the catalogue has no opening hours",
                _ => "the catalogue has no such field",
            };
            self.push(at, false, name, format!("`{name}` is not kept: {why}"));
        }
    }

    /// The attributes of a record whose terms are ours, in order; others
    /// are reported.
    pub(super) fn linked<'v>(&mut self, record: &'v Value, at: &At) -> Vec<Linked<'v>> {
        let mut linked = Vec::new();
        for (i, attribute) in items(record, "attributes").iter().enumerate() {
            let path = format!("attributes[{i}]");
            let term = attribute
                .get("taxonomy_term")
                .filter(|t| t.is_object())
                .cloned()
                .or_else(|| {
                    text(attribute, "taxonomy_term_id").and_then(|id| self.terms.get(id).cloned())
                });
            let Some(term) = term else {
                self.push(
                    at,
                    false,
                    &path,
                    "not kept: its taxonomy term is neither embedded nor in the directory's taxonomy terms",
                );
                continue;
            };
            let taxonomy = text(&term, "taxonomy_id")
                .and_then(taxonomy::by_id)
                .map(|t| t.code)
                .or_else(|| {
                    let named = text(&term, "taxonomy")?;
                    taxonomy::all()
                        .iter()
                        .find(|t| t.code == named)
                        .map(|t| t.code)
                });
            let code = text(&term, "code").or_else(|| text(&term, "name"));
            let Some(taxonomy) = taxonomy else {
                let name = code.unwrap_or("?");
                let from = text(&term, "taxonomy").unwrap_or("an unnamed taxonomy");
                self.push(
                    at,
                    false,
                    &path,
                    format!(
                        "not kept: the term `{}` of {} is not one of the catalogue's vocabularies",
                        crate::text::sanitize(name),
                        crate::text::sanitize(from)
                    ),
                );
                continue;
            };
            let Some(code) = code.filter(|c| taxonomy::term(taxonomy, c).is_some()) else {
                self.push(
                    at,
                    true,
                    &format!("{path}.taxonomy_term"),
                    format!(
                        "unknown term `{}` of the taxonomy `{taxonomy}`",
                        crate::text::sanitize(code.unwrap_or(""))
                    ),
                );
                continue;
            };
            linked.push(Linked {
                link_type: text(attribute, "link_type").unwrap_or("").to_owned(),
                taxonomy,
                code: code.to_owned(),
                value: attribute.get("value").and_then(Value::as_str),
                path,
            });
        }
        linked
    }

    /// A linked attribute's value, which its term needs.
    pub(super) fn value<'v>(&mut self, at: &At, linked: &Linked<'v>) -> Option<&'v str> {
        let value = linked.value.filter(|v| !v.trim().is_empty());
        if value.is_none() {
            self.push(
                at,
                true,
                &format!("{}.value", linked.path),
                format!("the term `{}` needs a value", linked.code),
            );
        }
        value
    }

    pub(super) fn unplaced(&mut self, at: &At, linked: &Linked) {
        self.push(
            at,
            false,
            &linked.path,
            format!(
                "not kept: the term `{}:{}` linked as `{}` has no place in the catalogue",
                linked.taxonomy,
                linked.code,
                crate::text::sanitize(&linked.link_type)
            ),
        );
    }

    pub(super) fn required<'v>(
        &mut self,
        record: &'v Value,
        name: &str,
        at: &At,
        what: &str,
    ) -> &'v str {
        let value = text(record, name);
        if value.is_none() && record.get(name).is_some_and(holds) {
            // Present but not a text: the schema check has said so.
            return "";
        }
        if value.is_none() {
            self.push(
                at,
                true,
                name,
                format!("`{name}` is missing: the catalogue needs {what}"),
            );
        }
        value.unwrap_or("")
    }

    pub(super) fn first_phone(&mut self, record: &Value, at: &At) -> Option<String> {
        let phones = items(record, "phones");
        if phones.len() > 1 {
            self.push(
                at,
                false,
                "phones",
                format!(
                    "only the first of {} phones is kept: the catalogue has one phone number per entry",
                    phones.len()
                ),
            );
        }
        phones
            .first()
            .and_then(|p| text(p, "number"))
            .map(str::to_owned)
    }

    pub(super) fn provider(&mut self, record: &Value, at: &At) -> RawProvider {
        self.not_kept(record, ORGANIZATION_KEPT, at);
        let name = self.required(record, "name", at, "the organisation's name");
        let website = self.required(record, "website", at, "the organisation's home page");
        let mut given = None;
        let mut kind = None;
        let mut area = None;
        let mut url = None;
        for linked in self.linked(record, at) {
            match (linked.link_type.as_str(), linked.taxonomy) {
                (link::IDENTIFIER, taxonomy::FIELD) if linked.code == field::CATALOGUE_ID => {
                    given = self.value(at, &linked).map(str::to_owned);
                }
                (link::PROVIDER_KIND, taxonomy::PROVIDER_KIND) => {
                    kind = parse_term::<ProviderKind>(&linked.code);
                }
                (link::AREA, taxonomy::FIELD) if linked.code == field::AREA => {
                    area = self.value(at, &linked).map(str::to_owned);
                }
                (link::CONTACT, taxonomy::FIELD) if linked.code == field::CONTACT_URL => {
                    url = self.value(at, &linked).map(str::to_owned);
                }
                _ => self.unplaced(at, &linked),
            }
        }
        if kind.is_none() {
            self.push(
                at,
                true,
                "attributes",
                format!(
                    "no provider kind: the catalogue needs an attribute linking a term of `{}`",
                    taxonomy::PROVIDER_KIND
                ),
            );
        }
        if area.is_none() {
            self.push(
                at,
                true,
                "attributes",
                format!(
                    "no area: the catalogue needs where the organisation is based, an attribute with the term `{}:{}`",
                    taxonomy::FIELD,
                    field::AREA
                ),
            );
        }
        let slug = self.slug(given, name);
        if let Some(id) = text(record, "id") {
            self.slugs.insert(id.to_owned(), slug.clone());
        }
        RawProvider {
            id: slug,
            name: name.to_owned(),
            kind: kind.unwrap_or(ProviderKind::Agency),
            area: area.unwrap_or_else(|| "EU".to_owned()),
            website: website.to_owned(),
            // A description that only repeats the name is no summary.
            summary: text(record, "description")
                .filter(|d| *d != name)
                .map(str::to_owned),
            contact: Contact {
                url,
                email: text(record, "email").map(str::to_owned),
                phone: self.first_phone(record, at),
            },
        }
    }
}

impl Mapper {
    pub(super) fn new(terms: HashMap<String, Value>, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            terms,
            diagnostics,
            slugs: HashMap::new(),
            used: HashMap::new(),
            program_names: HashMap::new(),
            programmes: Vec::new(),
        }
    }

    /// The provider slug given to the organization of this id.
    pub(super) fn slug_of(&self, organization: &str) -> Option<String> {
        self.slugs.get(organization).cloned()
    }

    pub(super) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_slugs() {
        assert_eq!(slugify("Export Voucher (2026)"), "export-voucher-2026");
        assert_eq!(slugify("Łódź — Étude"), "lodz-etude");
        assert_eq!(slugify("!!!"), "entry");
    }
}
