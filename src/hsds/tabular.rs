//! The tabular form of HSDS: one CSV file per object (`services.csv`,
//! `service_areas.csv`, …), each row a record whose links to others are
//! their ids (`service_id`, `link_id`). The columns are the object's fields
//! that are neither arrays nor embedded objects, in the schema's order.
//!
//! Writing flattens the nested records of [`super::export`]; reading
//! nests the rows again under their parents, so [`super::import`] reads
//! both forms the same way.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::export::Dataset;
use super::import::{Input, Record};
use super::schema::{self, Form, Kind, Object};
use crate::diagnostic::{Diagnostic, Position};

/// The tables written, in this order; `programs` and `contacts` are written
/// with their header only, the places programmes and named contacts will take.
pub const TABLES: &[&Object] = &[
    &schema::ORGANIZATION,
    &schema::PROGRAM,
    &schema::SERVICE,
    &schema::SERVICE_AREA,
    &schema::LANGUAGE,
    &schema::PHONE,
    &schema::CONTACT,
    &schema::COST_OPTION,
    &schema::ATTRIBUTE,
    &schema::TAXONOMY,
    &schema::TAXONOMY_TERM,
];

/// The file name of a table.
#[must_use]
pub fn file_name(object: &Object) -> String {
    format!("{}.csv", object.table)
}

fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Adds a record and the records nested in it to their tables.
fn flatten(object: &Object, record: &Value, rows: &mut HashMap<&'static str, Vec<Vec<String>>>) {
    let row = object
        .columns()
        .map(|f| record.get(f.name).map_or_else(String::new, cell))
        .collect();
    rows.entry(object.table).or_default().push(row);
    for f in object.fields {
        if let Kind::Array(Some(of)) = f.kind
            && let Some(child) = schema::object(of)
        {
            for item in record
                .get(f.name)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                flatten(child, item, rows);
            }
        }
    }
}

/// The dataset as CSV files: `(file name, text)`, every table of [`TABLES`].
pub fn write(dataset: &Dataset) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    let mut rows = HashMap::new();
    for record in &dataset.organizations {
        flatten(&schema::ORGANIZATION, record, &mut rows);
    }
    for record in &dataset.services {
        flatten(&schema::SERVICE, record, &mut rows);
    }
    for record in &dataset.taxonomies {
        flatten(&schema::TAXONOMY, record, &mut rows);
    }
    for record in &dataset.taxonomy_terms {
        flatten(&schema::TAXONOMY_TERM, record, &mut rows);
    }
    TABLES
        .iter()
        .map(|object| {
            let mut out = csv::Writer::from_writer(Vec::new());
            out.write_record(object.columns().map(|f| f.name))?;
            for row in rows.get(object.table).into_iter().flatten() {
                out.write_record(row)?;
            }
            let bytes = out.into_inner().map_err(csv::IntoInnerError::into_error)?;
            Ok((file_name(object), bytes))
        })
        .collect()
}

/// A row read, as a JSON record, with its line.
struct Row {
    line: usize,
    value: Map<String, Value>,
}

/// Reads one table: each row as a JSON record, cells of number fields as
/// numbers (a cell that is not a number stays text, for the schema check to
/// name), empty cells left out.
fn read_table(
    object: &Object,
    name: &str,
    bytes: &[u8],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Row> {
    let text = match crate::ronfile::decode(
        name,
        bytes,
        "a CSV file of the HSDS tabular form, with a header row",
    ) {
        Ok(text) => text,
        Err(d) => {
            diagnostics.push(d);
            return Vec::new();
        }
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => {
            diagnostics.push(csv_error(name, &e));
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                diagnostics.push(csv_error(name, &e));
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        let mut value = Map::new();
        for (header, cell) in headers.iter().zip(record.iter()) {
            if cell.is_empty() {
                continue;
            }
            let number = object.field(header).is_some_and(|f| f.kind == Kind::Number);
            let parsed = if number {
                cell.trim()
                    .parse::<serde_json::Number>()
                    .map_or_else(|_| Value::String(cell.to_owned()), Value::Number)
            } else {
                Value::String(cell.to_owned())
            };
            value.insert(header.to_owned(), parsed);
        }
        rows.push(Row { line, value });
    }
    rows
}

fn csv_error(name: &str, e: &csv::Error) -> Diagnostic {
    let position = e
        .position()
        .and_then(|p| usize::try_from(p.line()).ok())
        .map(|line| Position::new(line, 1));
    Diagnostic::error(name, format!("not a valid CSV file: {e}")).at(position)
}

/// Rows of child tables, waiting to be nested under their parents.
struct Children {
    /// `(table, file name)` → rows not yet claimed.
    rows: HashMap<&'static str, (String, Vec<Option<Row>>)>,
}

impl Children {
    /// Takes the rows of `table` whose `key` is `id`, in file order.
    fn take(
        &mut self,
        table: &str,
        key: &str,
        id: &str,
        only: impl Fn(&Map<String, Value>) -> bool,
    ) -> Vec<Value> {
        let Some((_, rows)) = self.rows.get_mut(table) else {
            return Vec::new();
        };
        rows.iter_mut()
            .filter(|row| {
                row.as_ref().is_some_and(|r| {
                    r.value.get(key).and_then(Value::as_str) == Some(id) && only(&r.value)
                })
            })
            .filter_map(|row| row.take().map(|r| Value::Object(r.value)))
            .collect()
    }
}

/// Whether a row names none of these other owners: an organization's own
/// phone, not the phone of one of its services or locations.
fn owned_by_nothing_else(row: &Map<String, Value>) -> bool {
    [
        "service_id",
        "location_id",
        "contact_id",
        "service_at_location_id",
    ]
    .iter()
    .all(|k| row.get(*k).is_none())
}

/// Each record of `rows`, with its children nested by `nest`.
fn records(
    file: &str,
    rows: Vec<Row>,
    mut nest: impl FnMut(&str, &mut Map<String, Value>),
) -> Vec<Record> {
    rows.into_iter()
        .map(|mut row| {
            if let Some(id) = row
                .value
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_owned)
            {
                nest(&id, &mut row.value);
            }
            Record {
                file: file.to_owned(),
                line: Some(row.line),
                value: Value::Object(row.value),
            }
        })
        .collect()
}

/// The attributes linked to `id`, each with its taxonomy term embedded.
fn attributes(children: &mut Children, terms: &HashMap<String, Value>, id: &str) -> Vec<Value> {
    let mut found = children.take("attributes", "link_id", id, |_| true);
    for attribute in &mut found {
        let term = attribute
            .get("taxonomy_term_id")
            .and_then(Value::as_str)
            .and_then(|id| terms.get(id))
            .cloned();
        if let (Some(term), Some(fields)) = (term, attribute.as_object_mut()) {
            fields.insert("taxonomy_term".to_owned(), term);
        }
    }
    found
}

fn insert(value: &mut Map<String, Value>, field: &str, found: Vec<Value>) {
    if !found.is_empty() {
        value.insert(field.to_owned(), Value::Array(found));
    }
}

fn nest_service(
    children: &mut Children,
    terms: &HashMap<String, Value>,
    id: &str,
    value: &mut Map<String, Value>,
) {
    for table in [
        "service_areas",
        "languages",
        "phones",
        "contacts",
        "cost_options",
    ] {
        let found = children.take(table, "service_id", id, |_| true);
        insert(value, table, found);
    }
    insert(value, "attributes", attributes(children, terms, id));
}

fn nest_organization(
    children: &mut Children,
    terms: &HashMap<String, Value>,
    id: &str,
    value: &mut Map<String, Value>,
) {
    for table in ["phones", "contacts", "programs"] {
        let found = children.take(table, "organization_id", id, owned_by_nothing_else);
        insert(value, table, found);
    }
    insert(value, "attributes", attributes(children, terms, id));
}

/// Reads the tabular form. `files` holds `(base name, name shown, bytes)`
/// for each table present; `organizations.csv` and `services.csv` are
/// needed, the others optional.
#[must_use]
pub fn read(files: &[(&str, String, Vec<u8>)]) -> Input {
    let mut diagnostics = Vec::new();
    let mut tables: HashMap<&'static str, (String, Vec<Row>)> = HashMap::new();
    for object in TABLES {
        let file = file_name(object);
        if let Some((_, name, bytes)) = files.iter().find(|(base, _, _)| *base == file) {
            let rows = read_table(object, name, bytes, &mut diagnostics);
            tables.insert(object.table, (name.clone(), rows));
        }
    }
    let mut take_table = |table: &str| tables.remove(table).unwrap_or_default();
    let (organizations_file, organizations) = take_table("organizations");
    let (services_file, services) = take_table("services");
    let terms: HashMap<String, Value> = take_table("taxonomy_terms")
        .1
        .into_iter()
        .filter_map(|r| {
            let id = r.value.get("id")?.as_str()?.to_owned();
            Some((id, Value::Object(r.value)))
        })
        .collect();
    let mut children = Children {
        rows: [
            "service_areas",
            "languages",
            "phones",
            "contacts",
            "cost_options",
            "attributes",
            "programs",
        ]
        .into_iter()
        .map(|table| {
            let (file, rows) = take_table(table);
            (table, (file, rows.into_iter().map(Some).collect()))
        })
        .collect(),
    };
    let services = records(&services_file, services, |id, value| {
        nest_service(&mut children, &terms, id, value);
    });
    let organizations = records(&organizations_file, organizations, |id, value| {
        nest_organization(&mut children, &terms, id, value);
    });
    // Rows that belong to no record read are reported, not silently dropped.
    for (table, (file, rows)) in &children.rows {
        for row in rows.iter().flatten() {
            diagnostics.push(
                Diagnostic::warning(
                    file,
                    format!(
                        "not kept: the row is linked to no service or organization of the directory ({table})"
                    ),
                )
                .at(Some(Position::new(row.line, 1))),
            );
        }
    }
    Input {
        organizations,
        services,
        terms,
        form: Form::Tabular,
        diagnostics,
    }
}
