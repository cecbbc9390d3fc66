//! Open Referral HSDS 3.0, both ways: the shipped catalogue survives an
//! export and an import unchanged in both forms, every exported record is
//! what HSDS 3.0 requires, and an import says what does not map, where.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::common::eis_command;
use eis::catalogue::load::{SourceFile, check_files};
use eis::catalogue::{Catalogue, Source};
use eis::hsds::export::{Dataset, export};
use eis::hsds::import::{Imported, import, read_json};
use eis::hsds::schema::{self, Form, Kind};
use eis::hsds::tabular;
use serde_json::{Value, json};

const TODAY: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

fn shipped() -> Catalogue {
    eis::catalogue::load(&Source::Embedded)
        .expect("the shipped catalogue loads")
        .0
}

/// The JSON files of a dataset as an import reads them.
fn json_files(dataset: &Dataset) -> Vec<(&'static str, String, Vec<u8>)> {
    dataset
        .to_json()
        .unwrap()
        .into_iter()
        .map(|(name, text)| (name, format!("hsds/{name}"), text.into_bytes()))
        .collect()
}

fn csv_files(dataset: &Dataset) -> Vec<(String, Vec<u8>)> {
    tabular::write(dataset).unwrap()
}

/// The imported catalogue, checked as `eis check` checks a file.
fn reloaded(imported: &Imported) -> Catalogue {
    let errors: Vec<String> = imported
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let checked = check_files(
        &[SourceFile {
            name: "imported.ron".to_owned(),
            bytes: imported.text.as_bytes().to_vec(),
        }],
        TODAY,
    );
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    checked.catalogue
}

#[test]
fn the_shipped_catalogue_survives_a_round_trip_through_hsds_json() {
    let original = shipped();
    let files = json_files(&export(&original));
    let imported = import(read_json(&files), "imported.ron", TODAY);
    assert_eq!(reloaded(&imported), original);
}

#[test]
fn the_shipped_catalogue_survives_a_round_trip_through_hsds_csv() {
    let original = shipped();
    let files = csv_files(&export(&original));
    let files: Vec<(&str, String, Vec<u8>)> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), format!("hsds/{name}"), bytes.clone()))
        .collect();
    let imported = import(tabular::read(&files), "imported.ron", TODAY);
    assert_eq!(reloaded(&imported), original);
}

#[test]
fn an_export_is_the_same_every_time() {
    let catalogue = shipped();
    assert_eq!(export(&catalogue), export(&catalogue));
    assert_eq!(
        csv_files(&export(&catalogue)),
        csv_files(&export(&catalogue))
    );
}

#[test]
fn every_exported_record_is_what_hsds_3_requires_of_it() {
    let dataset = export(&shipped());
    let lists = [
        (&schema::ORGANIZATION, &dataset.organizations),
        (&schema::SERVICE, &dataset.services),
        (&schema::TAXONOMY, &dataset.taxonomies),
        (&schema::TAXONOMY_TERM, &dataset.taxonomy_terms),
    ];
    for (object, records) in lists {
        assert!(!records.is_empty(), "{}", object.name);
        for record in records {
            // Nested records name their parents too, so they meet the
            // tabular form's requirements as well as the JSON form's.
            let problems = schema::check(object, record, Form::Tabular);
            assert!(
                problems.is_empty(),
                "{}: {problems:#?}\n{record:#}",
                object.name
            );
        }
    }
}

#[test]
fn every_exported_csv_row_is_what_hsds_3_requires_of_it() {
    for (name, bytes) in csv_files(&export(&shipped())) {
        let object = tabular::TABLES
            .iter()
            .find(|o| tabular::file_name(o) == name)
            .unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let columns: Vec<&str> = object.columns().map(|f| f.name).collect();
        assert_eq!(
            headers, columns,
            "{name} has the object's fields as columns"
        );
        for row in reader.records() {
            let row = row.unwrap();
            let mut record = serde_json::Map::new();
            for (column, cell) in headers.iter().zip(row.iter()) {
                if cell.is_empty() {
                    continue;
                }
                let number = object.field(column).unwrap().kind == Kind::Number;
                let value = if number {
                    json!(cell.parse::<f64>().expect("a number column holds numbers"))
                } else {
                    json!(cell)
                };
                record.insert(column.clone(), value);
            }
            let problems = schema::check(object, &Value::Object(record), Form::Tabular);
            assert!(problems.is_empty(), "{name}: {problems:#?}");
        }
    }
}

/// Every record's `id`, in every list and nested list.
fn collect_ids(
    object: &schema::Object,
    record: &Value,
    ids: &mut HashMap<&'static str, Vec<String>>,
) {
    ids.entry(object.table)
        .or_default()
        .push(record["id"].as_str().unwrap().to_owned());
    for f in object.fields {
        if let Kind::Array(Some(of)) = f.kind {
            for item in record
                .get(f.name)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect_ids(schema::object(of).unwrap(), item, ids);
            }
        }
    }
}

#[test]
fn ids_are_unique_version_5_uuids_and_every_link_resolves() {
    let dataset = export(&shipped());
    let mut ids = HashMap::new();
    for record in &dataset.organizations {
        collect_ids(&schema::ORGANIZATION, record, &mut ids);
    }
    for record in &dataset.services {
        collect_ids(&schema::SERVICE, record, &mut ids);
    }
    for record in &dataset.taxonomies {
        collect_ids(&schema::TAXONOMY, record, &mut ids);
    }
    for record in &dataset.taxonomy_terms {
        collect_ids(&schema::TAXONOMY_TERM, record, &mut ids);
    }
    for (table, list) in &ids {
        let unique: HashSet<&String> = list.iter().collect();
        assert_eq!(unique.len(), list.len(), "{table} ids are unique");
        for id in list {
            assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 5);
        }
    }
    let set = |table: &str| -> HashSet<&String> { ids[table].iter().collect() };
    let organizations = set("organizations");
    let terms = set("taxonomy_terms");
    let taxonomies = set("taxonomies");
    for service in &dataset.services {
        let organization = service["organization_id"].as_str().unwrap().to_owned();
        assert!(organizations.contains(&organization));
        for attribute in service["attributes"].as_array().unwrap() {
            assert_eq!(attribute["link_id"], service["id"]);
            assert_eq!(attribute["link_entity"], "service");
            let term = attribute["taxonomy_term_id"].as_str().unwrap().to_owned();
            assert!(terms.contains(&term));
            assert_eq!(
                attribute["taxonomy_term"]["id"],
                attribute["taxonomy_term_id"]
            );
        }
        for area in service["service_areas"].as_array().unwrap() {
            assert_eq!(area["service_id"], service["id"]);
        }
    }
    for term in &dataset.taxonomy_terms {
        let taxonomy = term["taxonomy_id"].as_str().unwrap().to_owned();
        assert!(taxonomies.contains(&taxonomy));
        if let Some(parent) = term.get("parent_id").and_then(Value::as_str) {
            assert!(terms.contains(&parent.to_owned()));
        }
    }
}

#[test]
fn vocabularies_become_taxonomy_attributes_and_areas_service_areas() {
    let dataset = export(&shipped());
    let service = dataset
        .services
        .iter()
        .find(|s| {
            s["attributes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["value"] == "ukef-export-insurance-policy")
        })
        .expect("the UKEF export insurance service is exported");
    assert_eq!(service["status"], "active");
    let linked: Vec<(String, String)> = service["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["link_type"].as_str().unwrap().to_owned(),
                a["taxonomy_term"]["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(linked.contains(&("mode".to_owned(), "Export".to_owned())));
    assert!(linked.contains(&("support".to_owned(), "Insurance".to_owned())));
    assert!(linked.contains(&("tier".to_owned(), "National".to_owned())));
    assert_eq!(service["service_areas"][0]["name"], "GB");
}

/// A small directory, written by hand as another system might: one good
/// organization and services with what does not map.
fn foreign_directory() -> Vec<(&'static str, String, Vec<u8>)> {
    let organization = json!([{
        "id": "0fdfb57f-c147-4cfb-864c-44788a335d8c",
        "name": "Acme Regional Export Agency",
        "description": "The region's agency for exports.",
        "website": "https://acme.example.org",
        "attributes": [
            {"id": "b0f1f3f6-9f0e-4a35-8d0c-6e3f3f0a1a01", "link_type": "provider_kind",
             "link_entity": "organization", "link_id": "0fdfb57f-c147-4cfb-864c-44788a335d8c",
             "taxonomy_term_id": "11111111-1111-4111-8111-111111111111",
             "taxonomy_term": {"id": "11111111-1111-4111-8111-111111111111", "code": "RegionalDevelopment",
                               "name": "Regional development", "description": "x", "taxonomy": "eis-provider-kind"}},
            {"id": "b0f1f3f6-9f0e-4a35-8d0c-6e3f3f0a1a02", "link_type": "area",
             "link_entity": "organization", "link_id": "0fdfb57f-c147-4cfb-864c-44788a335d8c",
             "taxonomy_term_id": "22222222-2222-4222-8222-222222222222", "value": "DK-82",
             "taxonomy_term": {"id": "22222222-2222-4222-8222-222222222222", "code": "area",
                               "name": "Based in", "description": "x", "taxonomy": "eis-field"}}
        ]
    }]);
    let services = json!([
        {
            "id": "ac148810-d857-441c-9679-408f346de14b",
            "organization_id": "0fdfb57f-c147-4cfb-864c-44788a335d8c",
            "name": "Export voucher",
            "status": "active",
            "description": "Co-finances a first export plan.",
            "application_process": "Book a meeting.",
            "url": "https://acme.example.org/voucher",
            "assured_date": "2026-11-23",
            "service_areas": [{"id": "381c64f1-a724-4884-9c21-ac96c21cca3e", "name": "MyCity area"}],
            "schedules": [{"id": "48102e86-bb50-41c4-8f1e-e269368c41d1", "freq": "WEEKLY"}],
            "attributes": [
                {"id": "c0f1f3f6-9f0e-4a35-8d0c-6e3f3f0a1a03", "link_type": "mode",
                 "link_entity": "service", "link_id": "ac148810-d857-441c-9679-408f346de14b",
                 "taxonomy_term_id": "33333333-3333-4333-8333-333333333333",
                 "taxonomy_term": {"id": "33333333-3333-4333-8333-333333333333", "code": "Smuggling",
                                   "name": "Smuggling", "description": "x", "taxonomy": "eis-mode"}},
                {"id": "c0f1f3f6-9f0e-4a35-8d0c-6e3f3f0a1a04", "link_type": "service_type",
                 "link_entity": "service", "link_id": "ac148810-d857-441c-9679-408f346de14b",
                 "taxonomy_term_id": "44444444-4444-4444-8444-444444444444",
                 "taxonomy_term": {"id": "44444444-4444-4444-8444-444444444444", "code": "BD-1800",
                                   "name": "Business development", "description": "x", "taxonomy": "AIRS"}}
            ]
        },
        {
            "id": "not-a-uuid",
            "organization_id": "9d2f1d58-0000-4000-8000-000000000000",
            "status": "open"
        }
    ]);
    vec![
        (
            "organizations.json",
            "in/organizations.json".to_owned(),
            organization.to_string().into_bytes(),
        ),
        (
            "services.json",
            "in/services.json".to_owned(),
            services.to_string().into_bytes(),
        ),
    ]
}

#[test]
fn an_import_names_the_file_record_and_field_of_what_does_not_map() {
    let imported = import(read_json(&foreign_directory()), "out.ron", TODAY);
    assert!(imported.has_errors());
    let shown: Vec<String> = imported
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    let expect = |part: &str| {
        assert!(
            shown.iter().any(|line| line.contains(part)),
            "no diagnostic contains {part:?}:\n{}",
            shown.join("\n")
        );
    };
    let voucher = "service[ac148810-d857-441c-9679-408f346de14b]";
    // An area HSDS allows as free text, that the catalogue cannot express.
    expect(&format!(
        "in/services.json: error: an area the catalogue cannot express: `MyCity area` is not an area code; use an ISO 3166-1 alpha-2 country (\"DK\"), an ISO 3166-2 subdivision (\"DK-82\"), a NUTS code (\"DK04\"), \"EU\" or \"*\" (at `{voucher}.service_areas[0].name`)"
    ));
    // A term of one of our taxonomies that does not exist.
    expect(&format!(
        "in/services.json: error: unknown term `Smuggling` of the taxonomy `eis-mode` (at `{voucher}.attributes[0].taxonomy_term`)"
    ));
    // Another taxonomy's term: not ours to keep, said so.
    expect(&format!(
        "in/services.json: warning: not kept: the term `BD-1800` of AIRS is not one of the catalogue's vocabularies (at `{voucher}.attributes[1]`)"
    ));
    expect(&format!(
        "warning: `schedules` is not kept: schedules are not kept: the catalogue has no opening hours (at `{voucher}.schedules`)"
    ));
    expect(&format!(
        "error: no tier: the catalogue needs an attribute linking a term of `eis-tier` (at `{voucher}.attributes`)"
    ));
    // The checker's own rules, reported at the record they came from.
    expect(&format!("(at `{voucher}`)"));
    // Missing required values, wrong types and enumerations, per the schema.
    expect(
        "in/services.json: error: `name` is required in every service (at `service[not-a-uuid].name`)",
    );
    expect(
        "in/services.json: error: `id` must be a UUID: `not-a-uuid` (at `service[not-a-uuid].id`)",
    );
    expect(
        "error: `status` must be one of `active`, `inactive`, `defunct`, `temporarily closed`: `open` (at `service[not-a-uuid].status`)",
    );
    expect(
        "error: names the organization `9d2f1d58-0000-4000-8000-000000000000`, which is not in the directory (at `service[not-a-uuid].organization_id`)",
    );
}

#[test]
fn csv_diagnostics_carry_the_line_of_the_row() {
    let mut files: Vec<(String, Vec<u8>)> = csv_files(&export(&shipped()));
    let (_, services) = files.iter_mut().find(|(n, _)| n == "services.csv").unwrap();
    let text = String::from_utf8(services.clone()).unwrap();
    // The third row loses its status: a required field of every service.
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[3] = lines[3].replace(",active,", ",,");
    *services = (lines.join("\n") + "\n").into_bytes();
    let files: Vec<(&str, String, Vec<u8>)> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), format!("hsds/{name}"), bytes.clone()))
        .collect();
    let imported = import(tabular::read(&files), "out.ron", TODAY);
    let errors: Vec<String> = imported
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(
            "hsds/services.csv:4:1: error: `status` is required in every service (at `service["
        ),
        "{}",
        errors[0]
    );
}

/// Runs `eis` with a fixed date.
fn eis(args: &[&str]) -> (i32, String) {
    let output = eis_command("2026-12-07")
        .args(args)
        .output()
        .expect("eis runs");
    (
        output.status.code().expect("eis exits normally"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_commands_export_and_import_a_directory_in_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "csv"] {
        let out = dir.path().join(format);
        let (code, stderr) = eis(&["hsds", "export", "--out", path(&out), "--format", format]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains(" organizations, "), "{stderr}");
        // A second export does not overwrite the first without --force.
        let (code, stderr) = eis(&["hsds", "export", "--out", path(&out), "--format", format]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("use --force"), "{stderr}");
        let ron = dir.path().join(format!("{format}.ron"));
        let (code, stderr) = eis(&["hsds", "import", path(&out), "--out", path(&ron)]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains("0 errors"), "{stderr}");
        let (code, stderr) = eis(&["check", path(&ron)]);
        assert_eq!(code, 0, "{stderr}");
    }
}

#[test]
fn an_import_with_errors_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    for (name, _, bytes) in foreign_directory() {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let ron = dir.path().join("out.ron");
    let (code, stderr) = eis(&["hsds", "import", path(dir.path()), "--out", path(&ron)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("was not written"), "{stderr}");
    assert!(!ron.exists());
}

#[test]
fn an_import_refuses_what_is_not_a_regular_file_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("services.json")).unwrap();
    std::fs::write(dir.path().join("organizations.json"), "[]").unwrap();
    let ron = dir.path().join("out.ron");
    let (code, stderr) = eis(&["hsds", "import", path(dir.path()), "--out", path(&ron)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("services.json: it is a folder, not a regular file"),
        "{stderr}"
    );
    let (code, stderr) = eis(&[
        "hsds",
        "import",
        path(&dir.path().join("missing")),
        "--out",
        path(&ron),
    ]);
    assert_eq!(code, 2, "{stderr}");
}
