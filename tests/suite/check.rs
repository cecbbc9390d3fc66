//! The catalogue checker, one problem kind at a time: each fixture is a small
//! valid catalogue with one thing broken, and each test asserts the exact
//! message and its file, line and column, as `eis check` prints it.

use eis::catalogue::load::{SourceFile, check_files};

/// A valid catalogue of one provider and one service. Line numbers in the
/// expectations below refer to this layout.
const BASE: &str = r#"Catalogue(
    providers: [
        Provider(
            id: "acme",
            name: "Acme Export Agency",
            kind: Agency,
            area: "DK",
            website: "https://acme.example.org",
        ),
    ],
    services: [
        Service(
            id: "acme-advice",
            provider: "acme",
            name: "Export advice",
            summary: "One-to-one export advice.",
            modes: [Export],
            stages: [Prepare],
            support: [Advice],
            tier: National,
            areas: ["DK"],
            next_step: "Call the agency.", translations: { "da": (summary: "Rådgivning om eksport.", next_step: "Ring til styrelsen.") },
            keywords: ["advice"],
            verified: "2026-06-01",
            source: "https://acme.example.org/advice",
        ),
    ],
)
"#;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 23)
}

/// Checks files given as `(name, text)` and returns the diagnostics as printed.
fn check_texts(files: &[(&str, &[u8])]) -> Vec<String> {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(name, bytes)| SourceFile {
            name: (*name).to_owned(),
            bytes: bytes.to_vec(),
        })
        .collect();
    let got: Vec<String> = check_files(&files, today())
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    got
}

/// `BASE` with `from` replaced by `to` (which must occur), checked as `test.ron`.
fn check_edit(from: &str, to: &str) -> Vec<String> {
    assert!(BASE.contains(from), "fixture does not contain {from:?}");
    check_texts(&[("test.ron", BASE.replacen(from, to, 1).as_bytes())])
}

#[track_caller]
fn case(from: &str, to: &str, expected: &[&str]) {
    assert_eq!(check_edit(from, to), expected);
}

#[test]
fn the_base_fixture_is_clean() {
    assert_eq!(
        check_texts(&[("test.ron", BASE.as_bytes())]),
        Vec::<String>::new()
    );
}

#[test]
fn ron_syntax_errors_are_positioned() {
    case(
        "            kind: Agency,\n",
        "            kind: Agency\n",
        &["test.ron:7:13: error: Expected comma"],
    );
}

#[test]
fn unknown_fields_are_errors() {
    case(
        "            tier: National,",
        "            tier: National,\n            teir: National,",
        &[
            "test.ron:21:13: error: Unexpected field named `teir` in `Service`, expected one of `id`, `provider`, `programme`, `name`, `summary`, `modes`, `scopes`, `stages`, `support`, `needs`, `dimensions`, `tier`, `areas`, `markets`, `eligibility`, `cost`, `next_step`, `translations`, `contact`, `languages`, `keywords`, `status`, `verified`, `source`, or `unverified` instead (at `services[0].teir`)",
        ],
    );
}

#[test]
fn missing_fields_are_errors() {
    case(
        "            next_step: \"Call the agency.\", ",
        "            ",
        &[
            "test.ron:26:9: error: Unexpected missing field named `next_step` in `Service` (at `services[0]`)",
        ],
    );
}

#[test]
fn unknown_variants_are_errors() {
    case(
        "stages: [Prepare]",
        "stages: [Prepre]",
        &[
            "test.ron:18:22: error: Unexpected variant named `Prepre` in enum `Stage`, expected one of `Explore`, `Prepare`, `Research`, `Enter`, or `Grow` instead (at `services[0].stages[0]`)",
        ],
    );
}

#[test]
fn duplicate_ids_in_one_file_name_both_places() {
    case(
        "    ],\n)\n",
        "        Service(id: \"acme-advice\", provider: \"acme\", name: \"Again\", summary: \"Again.\", modes: [Export], stages: [Enter], support: [Advice], tier: National, areas: [\"DK\"], next_step: \"Call.\", translations: { \"da\": (summary: \"Igen.\", next_step: \"Ring.\") }, keywords: [\"x\"], verified: \"2026-06-01\", source: \"https://acme.example.org\"),\n    ],\n)\n",
        &[
            "test.ron:27:21: error: duplicate service id `acme-advice`; it is first defined at test.ron:13:17 (at `services[1].id`)",
        ],
    );
}

#[test]
fn duplicate_ids_across_files_name_both_files() {
    let other = BASE.replace("id: \"acme-advice\"", "id: \"acme-other\"");
    assert_eq!(
        check_texts(&[("a.ron", BASE.as_bytes()), ("b.ron", other.as_bytes())]),
        &[
            "b.ron:4:17: error: duplicate provider id `acme`; it is first defined at a.ron:4:17 (at `providers[0].id`)",
        ]
    );
}

#[test]
fn a_service_naming_an_unknown_provider_is_an_error() {
    case(
        "provider: \"acme\"",
        "provider: \"acne\"",
        &[
            "test.ron:3:9: warning: provider `acme` has no services (at `providers[0]`)",
            "test.ron:14:23: error: service `acme-advice` names provider `acne`, which is not in the catalogue; did you mean `acme`? (at `services[0].provider`)",
        ],
    );
}

#[test]
fn area_codes_must_be_iso_3166_nuts_eu_or_anywhere() {
    case(
        "areas: [\"DK\"]",
        "areas: [\"DK\", \"UK\", \"DK-99\", \"eu\"]",
        &[
            "test.ron:21:27: error: `UK` is not an ISO 3166-1 country code; the United Kingdom is \"GB\" (at `services[0].areas[1]`)",
            "test.ron:21:33: error: `DK-99` is not an ISO 3166-2 subdivision code (at `services[0].areas[2]`)",
            "test.ron:21:42: error: `eu` is not an area code; use an ISO 3166-1 alpha-2 country (\"DK\"), an ISO 3166-2 subdivision (\"DK-82\"), a NUTS code (\"DK04\"), \"EU\" or \"*\" (at `services[0].areas[3]`)",
        ],
    );
}

#[test]
fn an_unknown_nuts_code_is_an_error_naming_the_nearest_code() {
    case(
        "areas: [\"DK\"]",
        "areas: [\"DK04\", \"PT1881\", \"PT188\", \"UKJ31\"]",
        &[
            "test.ron:21:29: error: `PT1881` is not an area code; use an ISO 3166-1 alpha-2 country (\"DK\"), an ISO 3166-2 subdivision (\"DK-82\"), a NUTS code (\"DK04\"), \"EU\" or \"*\" (at `services[0].areas[1]`)",
            "test.ron:21:39: error: `PT188` is not a NUTS code of the catalogue's table (NUTS 2021); did you mean \"PT18\" (Alentejo)? (at `services[0].areas[2]`)",
            "test.ron:21:48: error: `UKJ31` is not a NUTS code of the catalogue's table (NUTS 2021); the United Kingdom left NUTS: use ISO 3166-2 codes such as \"GB-HAM\" (at `services[0].areas[3]`)",
        ],
    );
}

#[test]
fn empty_names_and_summaries_are_errors() {
    case(
        "name: \"Export advice\"",
        "name: \"  \"",
        &["test.ron:15:19: error: `name` is empty (at `services[0].name`)"],
    );
    case(
        "summary: \"One-to-one export advice.\"",
        "summary: \"\"",
        &["test.ron:16:22: error: `summary` is empty (at `services[0].summary`)"],
    );
}

#[test]
fn urls_must_be_http_or_https() {
    case(
        "source: \"https://acme.example.org/advice\"",
        "source: \"ftp://acme.example.org\"",
        &[
            "test.ron:25:21: error: `source` URL `ftp://acme.example.org` must start with https:// or http:// (at `services[0].source`)",
        ],
    );
    case(
        "website: \"https://acme.example.org\"",
        "website: \"acme.example.org\"",
        &[
            "test.ron:8:22: error: `website` URL `acme.example.org` must start with https:// or http:// (at `providers[0].website`)",
        ],
    );
}

#[test]
fn control_characters_and_escape_sequences_are_errors() {
    case(
        "Export advice",
        "Export \\u{1b}[31madvice",
        &[
            "test.ron:15:19: error: `name` contains the control character U+001B (escape) at character 8; texts must be plain, without control characters or escape sequences (at `services[0].name`)",
        ],
    );
    case(
        "One-to-one export advice.",
        "One-to-one\\texport advice.",
        &[
            "test.ron:16:22: error: `summary` contains the control character U+0009 (tab) at character 11; texts must be plain, without control characters or escape sequences (at `services[0].summary`)",
        ],
    );
}

#[test]
fn contradictory_eligibility_is_an_error() {
    case(
        "            tier: National,",
        "            tier: National,\n            eligibility: (employees: (min: 50, max: 9)),",
        &[
            "test.ron:21:38: error: eligibility is contradictory: `employees` minimum 50 is above its maximum 9 (at `services[0].eligibility.employees`)",
        ],
    );
    case(
        "            tier: National,",
        "            tier: National,\n            eligibility: (sizes: [Micro], employees: (min: 50)),",
        &[
            "test.ron:21:54: error: eligibility is contradictory: no firm of size Micro has the head count that `employees` allows (at `services[0].eligibility.employees`)",
        ],
    );
}

#[test]
fn a_service_needs_a_mode_a_stage_and_a_support_kind() {
    case(
        "modes: [Export]",
        "modes: []",
        &[
            "test.ron:17:20: error: service `acme-advice` has no modes; name at least one (at `services[0].modes`)",
        ],
    );
    case(
        "stages: [Prepare]",
        "stages: []",
        &[
            "test.ron:18:21: error: service `acme-advice` has no stages; name at least one (at `services[0].stages`)",
        ],
    );
    case(
        "support: [Advice]",
        "support: []",
        &[
            "test.ron:19:22: error: service `acme-advice` has no support; name at least one (at `services[0].support`)",
        ],
    );
}

#[test]
fn every_bad_item_of_a_file_is_reported_in_one_pass() {
    let text = BASE
        .replace("kind: Agency", "kind: Agncy")
        .replace("stages: [Prepare]", "stages: [Prepre]")
        .replace("areas: [\"DK\"]", "areas: [\"XX\"]");
    assert_eq!(
        check_texts(&[("test.ron", text.as_bytes())]),
        &[
            "test.ron:6:19: error: Unexpected variant named `Agncy` in enum `ProviderKind`, expected one of `Ministry`, `Agency`, `ExportCredit`, `DevelopmentBank`, `RegionalDevelopment`, `LocalAuthority`, `Chamber`, `Association`, `Network`, `Incubator`, or `EuInstitution` instead (at `providers[0].kind`)",
            "test.ron:18:22: error: Unexpected variant named `Prepre` in enum `Stage`, expected one of `Explore`, `Prepare`, `Research`, `Enter`, or `Grow` instead (at `services[0].stages[0]`)",
        ]
    );
}

#[test]
fn warnings_flag_what_a_maintainer_should_look_at() {
    case(
        "keywords: [\"advice\"]",
        "keywords: []",
        &[
            "test.ron:13:17: warning: service `acme-advice` has no keywords; search finds it less easily (at `services[0].id`)",
        ],
    );
    case(
        "verified: \"2026-06-01\"",
        "verified: \"2024-01-31\"",
        &[
            "test.ron:24:23: warning: `verified` date 2024-01-31 is more than 18 months old; check the entry against its source (at `services[0].verified`)",
        ],
    );
    case(
        "            tier: National,",
        "            tier: National,\n            status: Closed,",
        &[
            "test.ron:21:21: warning: service `acme-advice` is closed; it is kept for the landscape's history and never referred (at `services[0].status`)",
        ],
    );
    case(
        "    ],\n    services",
        "        Provider(id: \"idle\", name: \"Idle\", kind: Chamber, area: \"DK-82\", website: \"https://idle.example.org\"),\n    ],\n    services",
        &["test.ron:10:9: warning: provider `idle` has no services (at `providers[1]`)"],
    );
}

#[test]
fn dates_must_be_iso_dates() {
    case(
        "verified: \"2026-06-01\"",
        "verified: \"1 June 2026\"",
        &[
            "test.ron:24:23: error: `verified` date `1 June 2026` is not a date like \"2026-11-23\" (at `services[0].verified`)",
        ],
    );
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_with_its_position() {
    let mut bytes = BASE.as_bytes().to_vec();
    let at = BASE.find("Export advice").unwrap();
    bytes[at] = 0xff;
    assert_eq!(
        check_texts(&[("test.ron", &bytes)]),
        &["test.ron:15:20: error: the file is not valid UTF-8; save it as UTF-8",]
    );
}

#[test]
fn an_empty_file_is_an_error() {
    assert_eq!(
        check_texts(&[("test.ron", b"  \n")]),
        &[
            "test.ron: error: the file is empty; a catalogue file holds `Catalogue(providers: [...], services: [...])`",
        ]
    );
}

#[test]
fn a_deeply_nested_file_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "Catalogue(providers: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        check_texts(&[("deep.ron", deep.as_bytes())]),
        &["deep.ron:1:23: error: Expected opening `(` for struct `Provider` (at `providers[0]`)",]
    );
}

/// `BASE` with a list of programmes before the providers and `door` in its
/// service (`programme: "…",` or nothing), checked as `a.ron` beside `b.ron`:
/// the same provider and service again, for Central Denmark only, under
/// other ids and with the same door.
fn with_programmes(programmes: &str, door: &str) -> Vec<String> {
    let with_door = BASE.replacen(
        "            provider: \"acme\",",
        &format!("            provider: \"acme\",{door}"),
        1,
    );
    let first = with_door.replacen(
        "    providers: [",
        &format!("    programmes: [{programmes}],\n    providers: ["),
        1,
    );
    let second = with_door
        .replace("acme-advice", "acme-advice-north")
        .replace("\"DK\"", "\"DK-81\"")
        .replace("\"acme\"", "\"acme-north\"");
    check_texts(&[("a.ron", first.as_bytes()), ("b.ron", second.as_bytes())])
}

#[test]
fn a_programme_offered_through_two_doors_is_clean() {
    assert_eq!(
        with_programmes(
            "Programme(id: \"export-hub\", name: \"Export Hub\")",
            " programme: \"export-hub\","
        ),
        Vec::<String>::new()
    );
}

#[test]
fn a_door_of_an_unknown_programme_is_an_error() {
    assert_eq!(
        with_programmes(
            "Programme(id: \"export-hub\", name: \"Export Hub\")",
            " programme: \"export-hbu\","
        ),
        [
            "a.ron:2:32: warning: programme `export-hub` has no doors; name it in the `programme` field of each service that offers it (at `programmes[0].id`)",
            "a.ron:15:42: error: service `acme-advice` is a door of programme `export-hbu`, which is not in the catalogue; list it under `programmes`; did you mean `export-hub`? (at `services[0].programme`)",
            "b.ron:14:48: error: service `acme-advice-north` is a door of programme `export-hbu`, which is not in the catalogue; list it under `programmes`; did you mean `export-hub`? (at `services[0].programme`)",
        ]
    );
}

#[test]
fn a_programme_with_one_door_is_a_warning() {
    let one = check_edit(
        "    providers: [",
        "    programmes: [Programme(id: \"export-hub\", name: \"Export Hub\")],\n    providers: [",
    );
    let one_door = BASE
        .replacen(
            "    providers: [",
            "    programmes: [Programme(id: \"export-hub\", name: \"Export Hub\")],\n    providers: [",
            1,
        )
        .replacen("provider: \"acme\",", "provider: \"acme\", programme: \"export-hub\",", 1);
    assert_eq!(
        one,
        [
            "test.ron:2:32: warning: programme `export-hub` has no doors; name it in the `programme` field of each service that offers it (at `programmes[0].id`)"
        ]
    );
    assert_eq!(
        check_texts(&[("test.ron", one_door.as_bytes())]),
        [
            "test.ron:2:32: warning: programme `export-hub` has one door, `acme-advice`; a programme is listed for the several services (providers, places) that offer it, so name it in the others or leave the field out (at `programmes[0].id`)"
        ]
    );
}

#[test]
fn duplicate_programme_ids_and_bad_slugs_are_errors() {
    let found = with_programmes(
        "Programme(id: \"export-hub\", name: \"Export Hub\"), Programme(id: \"export-hub\", name: \"Again\", website: \"ftp://x\")",
        " programme: \"export-hub\",",
    );
    assert_eq!(
        found,
        [
            "a.ron:2:81: error: duplicate programme id `export-hub`; it is first defined at a.ron:2:32 (at `programmes[1].id`)",
            "a.ron:2:119: error: `website` URL `ftp://x` must start with https:// or http:// (at `programmes[1].website`)",
        ]
    );
}
