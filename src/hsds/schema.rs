//! What HSDS 3.0 says of the objects we write and read, and a checker for
//! records against it.
//!
//! The tables below are written from the published HSDS 3.0 JSON schemas
//! (`schema/*.json` of Open Referral's specification): each object's fields
//! with their JSON type, their `format` (`uuid`, `uri`, `email`, dates) and
//! their `enum` where the schema names one, the fields it lists as
//! `required`, and those it lists as `tabular_required` (required in the
//! tabular form, where a nested record must name its parent). Fields that
//! HSDS 3.1 added (`attribute.label`, `organization.additional_websites`,
//! `service.additional_urls` and `capacities`) are left out. Objects we
//! neither write nor read (locations, schedules, funding, …) are not
//! described: an array of them is checked to be an array, no more.
//!
//! Unknown fields are allowed, as HSDS allows extensions; the importer
//! reports the ones it does not keep.

use serde_json::Value;

/// The JSON type of a field, as the schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Number,
    /// An array of records of the named object, or of objects not described here.
    Array(Option<&'static str>),
    /// One embedded record of the named object.
    Object(&'static str),
}

/// A field's `format`, where the schema gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Uuid,
    Uri,
    Email,
    /// `YYYY-MM-DD` (`datapackage_type: date`).
    Date,
    /// RFC 3339 (`format: date-time`).
    DateTime,
}

/// One field of an object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub format: Option<Format>,
    /// The values allowed, where the schema lists them.
    pub values: &'static [&'static str],
}

/// One HSDS object (a table of the tabular form).
#[derive(Debug, Clone, Copy)]
pub struct Object {
    pub name: &'static str,
    /// The file of the tabular form, without `.csv`.
    pub table: &'static str,
    pub fields: &'static [Field],
    pub required: &'static [&'static str],
    /// Required in the tabular form only (the link to the parent record).
    pub tabular_required: &'static [&'static str],
}

impl Object {
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The columns of the object's CSV file: its fields that are neither
    /// arrays nor embedded objects, in the schema's order.
    pub fn columns(&self) -> impl Iterator<Item = &'static Field> {
        self.fields
            .iter()
            .filter(|f| matches!(f.kind, Kind::String | Kind::Number))
    }
}

const fn text(name: &'static str) -> Field {
    Field {
        name,
        kind: Kind::String,
        format: None,
        values: &[],
    }
}

const fn formatted(name: &'static str, format: Format) -> Field {
    Field {
        name,
        kind: Kind::String,
        format: Some(format),
        values: &[],
    }
}

const fn uuid(name: &'static str) -> Field {
    formatted(name, Format::Uuid)
}

const fn number(name: &'static str) -> Field {
    Field {
        name,
        kind: Kind::Number,
        format: None,
        values: &[],
    }
}

const fn one_of(name: &'static str, values: &'static [&'static str]) -> Field {
    Field {
        name,
        kind: Kind::String,
        format: None,
        values,
    }
}

const fn array(name: &'static str, of: &'static str) -> Field {
    Field {
        name,
        kind: Kind::Array(Some(of)),
        format: None,
        values: &[],
    }
}

const fn other_array(name: &'static str) -> Field {
    Field {
        name,
        kind: Kind::Array(None),
        format: None,
        values: &[],
    }
}

const fn embedded(name: &'static str, of: &'static str) -> Field {
    Field {
        name,
        kind: Kind::Object(of),
        format: None,
        values: &[],
    }
}

/// `service.status`.
pub const SERVICE_STATUS: &[&str] = &["active", "inactive", "defunct", "temporarily closed"];
/// `service_area.extent_type`, as its description lists them.
pub const EXTENT_TYPES: &[&str] = &["geojson", "topojson", "kml", "text"];

pub const ORGANIZATION: Object = Object {
    name: "organization",
    table: "organizations",
    fields: &[
        uuid("id"),
        text("name"),
        text("alternate_name"),
        text("description"),
        formatted("email", Format::Email),
        formatted("website", Format::Uri),
        text("tax_status"),
        text("tax_id"),
        number("year_incorporated"),
        text("legal_status"),
        text("logo"),
        formatted("uri", Format::Uri),
        uuid("parent_organization_id"),
        other_array("funding"),
        array("contacts", "contact"),
        array("phones", "phone"),
        other_array("locations"),
        array("programs", "program"),
        other_array("organization_identifiers"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id", "name", "description"],
    tabular_required: &[],
};

pub const PROGRAM: Object = Object {
    name: "program",
    table: "programs",
    fields: &[
        uuid("id"),
        uuid("organization_id"),
        text("name"),
        text("alternate_name"),
        text("description"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id", "name", "description"],
    tabular_required: &["organization_id"],
};

pub const SERVICE: Object = Object {
    name: "service",
    table: "services",
    fields: &[
        uuid("id"),
        uuid("organization_id"),
        uuid("program_id"),
        text("name"),
        text("alternate_name"),
        text("description"),
        formatted("url", Format::Uri),
        formatted("email", Format::Email),
        one_of("status", SERVICE_STATUS),
        text("interpretation_services"),
        text("application_process"),
        text("fees_description"),
        text("wait_time"),
        text("fees"),
        text("accreditations"),
        text("eligibility_description"),
        number("minimum_age"),
        number("maximum_age"),
        formatted("assured_date", Format::Date),
        formatted("assurer_email", Format::Email),
        text("licenses"),
        text("alert"),
        formatted("last_modified", Format::DateTime),
        array("phones", "phone"),
        other_array("schedules"),
        array("service_areas", "service_area"),
        other_array("service_at_locations"),
        array("languages", "language"),
        embedded("organization", "organization"),
        other_array("funding"),
        array("cost_options", "cost_option"),
        embedded("program", "program"),
        other_array("required_documents"),
        array("contacts", "contact"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id", "name", "status"],
    tabular_required: &["organization_id"],
};

pub const SERVICE_AREA: Object = Object {
    name: "service_area",
    table: "service_areas",
    fields: &[
        uuid("id"),
        uuid("service_id"),
        text("name"),
        text("description"),
        text("extent"),
        one_of("extent_type", EXTENT_TYPES),
        text("uri"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id"],
    tabular_required: &[],
};

pub const LANGUAGE: Object = Object {
    name: "language",
    table: "languages",
    fields: &[
        uuid("id"),
        uuid("service_id"),
        uuid("location_id"),
        uuid("phone_id"),
        text("name"),
        text("code"),
        text("note"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id"],
    tabular_required: &[],
};

pub const PHONE: Object = Object {
    name: "phone",
    table: "phones",
    fields: &[
        uuid("id"),
        uuid("location_id"),
        uuid("service_id"),
        uuid("organization_id"),
        uuid("contact_id"),
        uuid("service_at_location_id"),
        text("number"),
        number("extension"),
        text("type"),
        text("description"),
        array("languages", "language"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id", "number"],
    tabular_required: &[],
};

pub const CONTACT: Object = Object {
    name: "contact",
    table: "contacts",
    fields: &[
        uuid("id"),
        uuid("organization_id"),
        uuid("service_id"),
        uuid("service_at_location_id"),
        uuid("location_id"),
        text("name"),
        text("title"),
        text("department"),
        formatted("email", Format::Email),
        array("phones", "phone"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id"],
    tabular_required: &[],
};

pub const COST_OPTION: Object = Object {
    name: "cost_option",
    table: "cost_options",
    fields: &[
        uuid("id"),
        uuid("service_id"),
        formatted("valid_from", Format::Date),
        formatted("valid_to", Format::Date),
        text("option"),
        text("currency"),
        number("amount"),
        text("amount_description"),
        array("attributes", "attribute"),
        other_array("metadata"),
    ],
    required: &["id"],
    tabular_required: &["service_id"],
};

pub const ATTRIBUTE: Object = Object {
    name: "attribute",
    table: "attributes",
    fields: &[
        uuid("id"),
        uuid("link_id"),
        uuid("taxonomy_term_id"),
        text("link_type"),
        text("link_entity"),
        text("value"),
        embedded("taxonomy_term", "taxonomy_term"),
        other_array("metadata"),
    ],
    required: &["id"],
    tabular_required: &["link_id", "taxonomy_term_id", "link_entity"],
};

pub const TAXONOMY_TERM: Object = Object {
    name: "taxonomy_term",
    table: "taxonomy_terms",
    fields: &[
        uuid("id"),
        text("code"),
        text("name"),
        text("description"),
        uuid("parent_id"),
        text("taxonomy"),
        embedded("taxonomy_detail", "taxonomy"),
        text("language"),
        uuid("taxonomy_id"),
        formatted("term_uri", Format::Uri),
        other_array("metadata"),
    ],
    required: &["id", "name", "description"],
    tabular_required: &[],
};

pub const TAXONOMY: Object = Object {
    name: "taxonomy",
    table: "taxonomies",
    fields: &[
        uuid("id"),
        text("name"),
        text("description"),
        formatted("uri", Format::Uri),
        text("version"),
        other_array("metadata"),
    ],
    required: &["id", "name", "description"],
    tabular_required: &[],
};

/// Every object described here.
pub const OBJECTS: &[Object] = &[
    ORGANIZATION,
    PROGRAM,
    SERVICE,
    SERVICE_AREA,
    LANGUAGE,
    PHONE,
    CONTACT,
    COST_OPTION,
    ATTRIBUTE,
    TAXONOMY_TERM,
    TAXONOMY,
];

/// The object of this name.
#[must_use]
pub fn object(name: &str) -> Option<&'static Object> {
    OBJECTS.iter().find(|o| o.name == name)
}

/// A record that breaks the schema: where (a path such as
/// `service_areas[1].id`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// Whether to hold records to the tabular form's extra required fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Nested JSON: a child record's link to its parent is its place.
    Nested,
    /// The tabular form (or a record that must stand alone): links are required too.
    Tabular,
}

/// Checks a record of `object`, and the records nested in it, against the
/// schema: every problem, with its path inside the record.
#[must_use]
pub fn check(object: &Object, record: &Value, form: Form) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_into(object, record, form, "", &mut problems);
    problems
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn check_into(object: &Object, record: &Value, form: Form, at: &str, problems: &mut Vec<Problem>) {
    let Some(fields) = record.as_object() else {
        problems.push(Problem {
            path: at.to_owned(),
            message: format!("a {} must be a JSON object", object.name),
        });
        return;
    };
    let extra: &[&str] = match form {
        Form::Nested => &[],
        Form::Tabular => object.tabular_required,
    };
    for name in object.required.iter().chain(extra) {
        if fields.get(*name).is_none_or(Value::is_null) {
            problems.push(Problem {
                path: join(at, name),
                message: format!("`{name}` is required in every {}", object.name),
            });
        }
    }
    for (name, value) in fields {
        let Some(field) = object.field(name) else {
            continue;
        };
        if value.is_null() {
            continue;
        }
        check_field(field, value, form, &join(at, name), problems);
    }
}

fn check_field(field: &Field, value: &Value, form: Form, at: &str, problems: &mut Vec<Problem>) {
    let mut problem = |message: String| {
        problems.push(Problem {
            path: at.to_owned(),
            message,
        });
    };
    match field.kind {
        Kind::String => {
            let Some(text) = value.as_str() else {
                problem(format!("`{}` must be a string", field.name));
                return;
            };
            if let Some(format) = field.format
                && !matches_format(format, text)
            {
                problem(format!(
                    "`{}` must be {}: `{}`",
                    field.name,
                    format_name(format),
                    crate::text::sanitize(text)
                ));
            }
            if !field.values.is_empty() && !field.values.contains(&text) {
                problem(format!(
                    "`{}` must be one of {}: `{}`",
                    field.name,
                    field
                        .values
                        .iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    crate::text::sanitize(text)
                ));
            }
        }
        Kind::Number => {
            if !value.is_number() {
                problem(format!("`{}` must be a number", field.name));
            }
        }
        Kind::Array(of) => {
            let Some(items) = value.as_array() else {
                problem(format!("`{}` must be an array", field.name));
                return;
            };
            if let Some(item) = of.and_then(object) {
                for (i, value) in items.iter().enumerate() {
                    check_into(item, value, form, &format!("{at}[{i}]"), problems);
                }
            }
        }
        Kind::Object(of) => {
            if let Some(item) = object(of) {
                check_into(item, value, form, at, problems);
            }
        }
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Uuid => "a UUID",
        Format::Uri => "a URI",
        Format::Email => "an e-mail address",
        Format::Date => "a date (YYYY-MM-DD)",
        Format::DateTime => "a date and time (RFC 3339)",
    }
}

/// Whether `text` is of `format`. A UUID is the hyphenated form of 36
/// characters; a URI has a scheme (`https:`, `urn:`); an e-mail address has
/// a local part and a domain.
#[must_use]
pub fn matches_format(format: Format, text: &str) -> bool {
    match format {
        Format::Uuid => text.len() == 36 && uuid::Uuid::try_parse(text).is_ok(),
        Format::Uri => text.split_once(':').is_some_and(|(scheme, rest)| {
            !rest.is_empty()
                && !text.contains(char::is_whitespace)
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }),
        Format::Email => text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
        }),
        Format::Date => text.len() == 10 && text.parse::<jiff::civil::Date>().is_ok(),
        Format::DateTime => text.parse::<jiff::Timestamp>().is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(object: &Object, record: &Value, form: Form) -> Vec<String> {
        check(object, record, form)
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    }

    #[test]
    fn a_service_needs_id_name_and_status() {
        assert_eq!(
            messages(&SERVICE, &json!({"name": "Advice"}), Form::Nested),
            [
                "id: `id` is required in every service",
                "status: `status` is required in every service"
            ]
        );
    }

    #[test]
    fn the_tabular_form_also_needs_the_link_to_the_parent() {
        let service = json!({
            "id": "ac148810-d857-441c-9679-408f346de14b",
            "name": "Advice",
            "status": "active",
        });
        assert!(messages(&SERVICE, &service, Form::Nested).is_empty());
        assert_eq!(
            messages(&SERVICE, &service, Form::Tabular),
            ["organization_id: `organization_id` is required in every service"]
        );
    }

    #[test]
    fn types_formats_and_enumerations_are_checked_in_nested_records() {
        let service = json!({
            "id": "not-a-uuid",
            "name": 7,
            "status": "open",
            "url": "www.example.org",
            "assured_date": "2026-13-01",
            "minimum_age": "12",
            "service_areas": [{"id": "381c64f1-a724-4884-9c21-ac96c21cca3e", "extent_type": "svg"}],
            "phones": [{"id": "1554f2e2-a373-45db-a3fa-9fc48a61c15e"}],
        });
        assert_eq!(
            messages(&SERVICE, &service, Form::Nested),
            [
                "assured_date: `assured_date` must be a date (YYYY-MM-DD): `2026-13-01`",
                "id: `id` must be a UUID: `not-a-uuid`",
                "minimum_age: `minimum_age` must be a number",
                "name: `name` must be a string",
                "phones[0].number: `number` is required in every phone",
                "service_areas[0].extent_type: `extent_type` must be one of `geojson`, `topojson`, `kml`, `text`: `svg`",
                "status: `status` must be one of `active`, `inactive`, `defunct`, `temporarily closed`: `open`",
                "url: `url` must be a URI: `www.example.org`",
            ]
        );
    }

    #[test]
    fn formats_accept_what_they_should() {
        assert!(matches_format(Format::Uri, "https://example.org/a?b=c"));
        assert!(matches_format(Format::Uri, "urn:iso:std:iso:3166"));
        assert!(!matches_format(Format::Uri, "example.org"));
        assert!(matches_format(Format::Email, "export@acme.example.org"));
        assert!(!matches_format(Format::Email, "export@localhost"));
        assert!(matches_format(Format::Date, "2026-11-23"));
        assert!(matches_format(Format::DateTime, "2023-03-15T10:30:45.123Z"));
        assert!(!matches_format(
            Format::Uuid,
            "ac148810d857441c9679408f346de14b"
        ));
    }

    #[test]
    fn every_array_and_embedded_object_names_a_described_object_or_none() {
        for o in OBJECTS {
            for f in o.fields {
                match f.kind {
                    Kind::Array(Some(of)) | Kind::Object(of) => {
                        assert!(object(of).is_some(), "{}.{}", o.name, f.name);
                    }
                    _ => {}
                }
            }
            for r in o.required.iter().chain(o.tabular_required) {
                assert!(o.field(r).is_some(), "{}.{r}", o.name);
            }
        }
    }
}
