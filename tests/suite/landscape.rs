//! The landscape engine on a small hand-made catalogue with known holes
//! (`tests/fixtures/landscape`): exactly those gaps and overlaps are found,
//! and nothing else; regions inherit national and EU-wide
//! services; and the shipped catalogue's landscape in every output format.

use crate::common::eis_command;
use eis::i18n::Lang;
use std::path::PathBuf;

use eis::catalogue::{Area, Catalogue, Source, load};
use eis::landscape::{MatrixKind, Severity, in_area, survey};
use eis::vocab::{Mode, Stage, Support, Tier};

fn fixture() -> Catalogue {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/landscape");
    load(&Source::Path(path))
        .expect("the landscape fixture loads")
        .0
}

fn area(code: &str) -> Area {
    Area::parse(code).unwrap()
}

fn ids(catalogue: &Catalogue, services: &[usize]) -> Vec<String> {
    let mut ids: Vec<String> = services
        .iter()
        .map(|&i| catalogue.services()[i].id.to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_region_inherits_national_and_eu_wide_services_but_not_other_regions() {
    let catalogue = fixture();
    assert_eq!(
        ids(&catalogue, &in_area(&catalogue, &area("DK-82"), false)),
        [
            "all-rounder",
            "big-diagnostic",
            "eca-insurance",
            "eu-info",
            "local-advice",
            "reg-voucher-a",
            "reg-voucher-b"
        ]
    );
    // The country counts its regions' services too; Sweden's never.
    let denmark = ids(&catalogue, &in_area(&catalogue, &area("DK"), false));
    assert!(denmark.contains(&"north-guarantee".to_owned()));
    assert!(denmark.contains(&"reg-voucher-a".to_owned()));
    assert!(!denmark.contains(&"se-loan".to_owned()));
}

#[test]
fn exactly_the_known_gaps_are_found_most_important_first() {
    let catalogue = fixture();
    let found = survey(&catalogue, &area("DK-82"), false, Lang::En);
    let gaps: Vec<(Severity, &str)> = found
        .gaps
        .iter()
        .map(|g| (g.severity, g.what.as_str()))
        .collect();
    assert_eq!(
        gaps,
        [
            (
                Severity::Critical,
                "Grow: no finance of any kind (grant, loan, guarantee or insurance)"
            ),
            (Severity::High, "Prepare: no grant"),
            (Severity::High, "Enter: no loan"),
            (Severity::High, "Enter: no guarantee"),
            (
                Severity::High,
                "no service for a firm that wants to sell online across borders"
            ),
        ]
    );
}

#[test]
fn exactly_the_known_overlap_is_found_and_it_crosses_tiers() {
    let catalogue = fixture();
    let found = survey(&catalogue, &area("DK-82"), false, Lang::En);
    assert_eq!(found.overlaps.len(), 1, "{:#?}", found.overlaps);
    let overlap = &found.overlaps[0];
    assert_eq!(
        (overlap.support, overlap.stage, overlap.mode),
        (Support::Advice, Stage::Explore, Mode::Export)
    );
    assert_eq!(overlap.providers, ["local", "nat"]);
    assert_eq!(overlap.tiers, [Tier::Local, Tier::National]);
    assert!(overlap.cross_tier());
    // The large-firms-only benchmark shares a cell with the SME-only programme
    // but not its firms, and the EU portal is no region's to change: neither overlaps.
}

#[test]
fn two_schemes_of_one_provider_are_not_duplicates() {
    // The region's two trade-fair vouchers read alike, but a likely
    // duplicate is one offer made by two providers (tests/duplicates.rs).
    let catalogue = fixture();
    let found = survey(&catalogue, &area("DK-82"), false, Lang::En);
    assert!(found.duplicates.is_empty(), "{:#?}", found.duplicates);
}

#[test]
fn matrices_count_services_and_distinct_providers() {
    let catalogue = fixture();
    let found = survey(&catalogue, &area("DK-82"), false, Lang::En);
    let matrix = found.matrix(MatrixKind::SupportStage).unwrap();
    let grant = Support::ALL
        .iter()
        .position(|s| *s == Support::Grant)
        .unwrap();
    let enter = Stage::ALL.iter().position(|s| *s == Stage::Enter).unwrap();
    let cell = &matrix.cells[grant][enter];
    assert_eq!((cell.services.len(), cell.providers), (2, 1));
    let tiers = found.matrix(MatrixKind::TierSupport).unwrap();
    let local = Tier::ALL.iter().position(|t| *t == Tier::Local).unwrap();
    let advice = Support::ALL
        .iter()
        .position(|s| *s == Support::Advice)
        .unwrap();
    assert_eq!(tiers.cells[local][advice].services.len(), 1);
}

#[test]
fn closed_services_count_only_when_asked() {
    let catalogue = load(&Source::Embedded).unwrap().0;
    let open = in_area(&catalogue, &area("GB"), false);
    let all = in_area(&catalogue, &area("GB"), true);
    assert!(all.len() > open.len());
}

fn eis(args: &[&str]) -> String {
    let output = eis_command("2026-11-23").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_output_format_of_the_fixture() {
    for format in ["text", "md", "csv", "json", "html"] {
        let out = eis(&[
            "landscape",
            "--catalogue",
            "tests/fixtures/landscape",
            "--area",
            "DK-82",
            "--compare",
            "SE",
            "--format",
            format,
        ]);
        insta::assert_snapshot!(format!("landscape_fixture_{format}"), out);
    }
}

#[test]
fn the_csv_has_one_row_per_cell() {
    let csv = eis(&[
        "landscape",
        "--area",
        "PL-22",
        "--matrix",
        "mode-stage",
        "--format",
        "csv",
    ]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "area,matrix,row,column,services,providers");
    assert_eq!(rows.len(), 1 + Mode::ALL.len() * Stage::ALL.len());
}

#[test]
fn the_html_is_self_contained() {
    let html = eis(&["landscape", "--area", "IT-45", "--format", "html"]);
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains("Support × stage"));
}

#[test]
fn pomorskie_beside_emilia_romagna() {
    insta::assert_snapshot!(
        "landscape_pomorskie_vs_emilia_romagna",
        eis(&[
            "landscape",
            "--area",
            "PL-22",
            "--compare",
            "IT-45",
            "--matrix",
            "support-stage"
        ])
    );
}
