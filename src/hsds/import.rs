//! An HSDS 3.0 directory as a catalogue: records in, a raw catalogue and
//! diagnostics out.
//!
//! Every record is first held to the HSDS schema ([`super::schema`]), then
//! mapped field by field (the reverse of [`super::export`]); what has no
//! place in the catalogue is a warning, what the catalogue needs and the
//! record lacks is an error. The catalogue that results is then checked
//! exactly as `eis check` checks a file, and each problem found there is
//! reported at the HSDS record it came from. A result with any error must
//! not be written.
//!
//! Diagnostics name the file, the record's line (in the tabular form), the
//! record (`service[<id>]`) and the field inside it.

mod mapper;
mod service;

use std::collections::HashMap;

use serde_json::Value;

use super::schema::{self, Form};
use crate::catalogue::load::{SourceFile, check_files};
use crate::catalogue::raw::RawFile;
use crate::diagnostic::{Diagnostic, Position};
use mapper::Mapper;

/// One top-level record and where it was read.
#[derive(Debug, Clone)]
pub struct Record {
    pub file: String,
    /// The line of a CSV row; `None` in JSON.
    pub line: Option<usize>,
    pub value: Value,
}

/// What an HSDS directory holds, read from JSON or CSV.
#[derive(Debug, Clone)]
pub struct Input {
    pub organizations: Vec<Record>,
    pub services: Vec<Record>,
    /// Taxonomy terms by id, for attributes that name a term without embedding it.
    pub terms: HashMap<String, Value>,
    pub form: Form,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// The catalogue read from a directory, and every problem.
#[derive(Debug, Clone)]
pub struct Imported {
    pub catalogue: RawFile,
    /// The catalogue as RON, ready to be written when there is no error.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Imported {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads the JSON form: `organizations.json` and `services.json`, each an
/// array of records, and `taxonomy_terms.json` when given. `files` holds
/// `(base name, name shown in messages, bytes)`.
#[must_use]
pub fn read_json(files: &[(&str, String, Vec<u8>)]) -> Input {
    let mut input = Input {
        organizations: Vec::new(),
        services: Vec::new(),
        terms: HashMap::new(),
        form: Form::Nested,
        diagnostics: Vec::new(),
    };
    for (base, name, bytes) in files {
        let records = match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Array(records)) => records,
            Ok(_) => {
                input.diagnostics.push(Diagnostic::error(
                    name,
                    "the file must hold a JSON array of records",
                ));
                continue;
            }
            Err(e) => {
                input.diagnostics.push(
                    Diagnostic::error(name, format!("not valid JSON: {e}"))
                        .at(Some(Position::new(e.line(), e.column()))),
                );
                continue;
            }
        };
        let records = records.into_iter().map(|value| Record {
            file: name.clone(),
            line: None,
            value,
        });
        match *base {
            "organizations.json" => input.organizations.extend(records),
            "services.json" => input.services.extend(records),
            "taxonomy_terms.json" => {
                for record in records {
                    if let Some(id) = record.value.get("id").and_then(Value::as_str) {
                        input.terms.insert(id.to_owned(), record.value.clone());
                    }
                }
            }
            _ => {}
        }
    }
    input
}

/// Where diagnostics about one record go.
#[derive(Debug, Clone)]
pub(super) struct At {
    file: String,
    line: Option<usize>,
    /// `service[<id>]`.
    label: String,
}

impl At {
    pub(super) fn of(kind: &str, record: &Record, index: usize) -> Self {
        let id = record
            .value
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("#{}", index + 1), str::to_owned);
        Self {
            file: record.file.clone(),
            line: record.line,
            label: format!("{kind}[{}]", crate::text::sanitize(&id)),
        }
    }

    pub(super) fn diagnostic(
        &self,
        error: bool,
        field: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let d = if error {
            Diagnostic::error(&self.file, message)
        } else {
            Diagnostic::warning(&self.file, message)
        };
        let path = if field.is_empty() {
            self.label.clone()
        } else {
            format!("{}.{field}", self.label)
        };
        d.at(self.line.map(|l| Position::new(l, 1))).path(path)
    }
}

/// Reads a directory's records into a catalogue. `out` names the catalogue
/// file for problems that belong to no record; `today` is the checker's.
#[must_use]
pub fn import(input: Input, out: &str, today: jiff::civil::Date) -> Imported {
    let mut mapper = Mapper::new(input.terms, input.diagnostics);
    let mut organizations = input.organizations;
    // A service may embed its organization instead of the directory listing it.
    for service in &input.services {
        if let Some(embedded) = service.value.get("organization").filter(|o| o.is_object()) {
            let id = embedded.get("id").and_then(Value::as_str);
            let listed = organizations
                .iter()
                .any(|o| o.value.get("id").and_then(Value::as_str) == id);
            if id.is_some() && !listed {
                organizations.push(Record {
                    value: embedded.clone(),
                    ..service.clone()
                });
            }
        }
    }
    for record in &organizations {
        for program in mapper::items(&record.value, "programs") {
            if let (Some(id), Some(name)) =
                (mapper::text(program, "id"), mapper::text(program, "name"))
            {
                mapper.program_names.insert(id.to_owned(), name.to_owned());
            }
        }
    }
    let mut providers = Vec::new();
    let mut provider_at = Vec::new();
    for (i, record) in organizations.iter().enumerate() {
        let at = At::of("organization", record, i);
        mapper.schema(&schema::ORGANIZATION, record, input.form, &at);
        providers.push(mapper.provider(&record.value, &at));
        provider_at.push(at);
    }
    let mut services = Vec::new();
    let mut service_at = Vec::new();
    for (i, record) in input.services.iter().enumerate() {
        let at = At::of("service", record, i);
        mapper.schema(&schema::SERVICE, record, input.form, &at);
        services.push(mapper.service(&record.value, &at));
        service_at.push(at);
    }
    let catalogue = RawFile {
        programmes: std::mem::take(&mut mapper.programmes),
        providers,
        services,
    };
    let mut diagnostics = mapper.into_diagnostics();
    let text = match crate::catalogue::load::raw_to_ron(&catalogue) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                out,
                format!("the catalogue cannot be written as RON: {e}"),
            ));
            String::new()
        }
    };
    if !text.is_empty() {
        let checked = check_files(
            &[SourceFile {
                name: out.to_owned(),
                bytes: text.as_bytes().to_vec(),
            }],
            today,
        );
        diagnostics.extend(
            checked
                .diagnostics
                .into_iter()
                .map(|d| relocate(d, &provider_at, &service_at)),
        );
    }
    Imported {
        catalogue,
        text,
        diagnostics,
    }
}

/// Moves a problem the catalogue checker found in `services[3].areas[0]`
/// to the HSDS record that entry came from.
fn relocate(d: Diagnostic, providers: &[At], services: &[At]) -> Diagnostic {
    let entry = |prefix: &str, list: &[At]| -> Option<(At, String)> {
        let rest = d.path.strip_prefix(prefix)?;
        let (index, rest) = rest.split_once(']')?;
        let at = list.get(index.parse::<usize>().ok()?)?.clone();
        Some((at, rest.trim_start_matches('.').to_owned()))
    };
    let Some((at, rest)) = entry("providers[", providers).or_else(|| entry("services[", services))
    else {
        return d;
    };
    let error = d.is_error();
    let message = if rest.is_empty() {
        d.message
    } else {
        format!("{} (catalogue field `{rest}`)", d.message)
    };
    at.diagnostic(error, "", message)
}
