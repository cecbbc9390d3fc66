//! Referral summaries: golden Markdown, HTML and JSON of a fixed client
//! (through the real `eis export`), the HTML well-formed and self-contained,
//! hostile text escaped in every format, and `eis clients`.

use crate::common::{at, eis_command, persona};
use std::path::Path;

use eis::assessment::Answer;
use eis::clients::config::Config;
use eis::clients::{ServiceMarks, Store};

/// A data folder with the adviser's name and two clients: a Croatian
/// furniture maker assessed twice, with notes and referral marks, and one
/// whose texts are hostile.
fn data_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    Config {
        adviser: Some("Ana Horvat".to_owned()),
    }
    .save(dir.path())
    .unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut client = store.create("Drvni Obrt Drava", at(0)).unwrap();
    client.current_mut("2026-05-04").answers =
        persona("koprivnica-furniture-exporter-weak-finance");
    client.reassess("2026-11-23");
    let current = client.current_mut("2026-11-23");
    current
        .answers
        .set("working-capital", Answer::Choice("ready".to_owned()));
    current
        .answers
        .set("budget", Answer::Choice("multi-year".to_owned()));
    "Owner wants to show at Salone del Mobile; ask HGK about the national stand."
        .clone_into(&mut client.notes);
    client.services.insert(
        "hgk-zajednicki-nastupi-sajmovi".to_owned(),
        ServiceMarks {
            note: "Call Ivana at HGK Koprivnica.".to_owned(),
            referred: Some("2026-11-23".to_owned()),
            contacted: None,
            outcome: None,
        },
    );
    store.save(&mut client, at(5)).unwrap();

    let mut hostile = store
        .create("Evil <script>alert(1)</script> Ltd", at(10))
        .unwrap();
    let mut answers = persona("koprivnica-furniture-exporter-weak-finance");
    answers.set(
        "company-name",
        Answer::Text("<b>Bold</b> & \"quoted\" \u{1b}[31mred".to_owned()),
    );
    hostile.current_mut("2026-11-23").answers = answers;
    "<img src=x onerror=alert(1)> **not bold** [link](javascript:alert(1)) \u{1b}]0;title\u{7}"
        .clone_into(&mut hostile.notes);
    hostile.services.insert(
        "hgk-zajednicki-nastupi-sajmovi".to_owned(),
        ServiceMarks {
            note: "</div><script>steal()</script>".to_owned(),
            referred: Some("2026-11-23".to_owned()),
            contacted: Some("2026-11-24".to_owned()),
            outcome: Some("<i>booked</i>\u{1b}[2J".to_owned()),
        },
    );
    store.save(&mut hostile, at(15)).unwrap();
    dir
}

fn eis(data: &Path, args: &[&str]) -> (i32, String, String) {
    let output = eis_command("2026-11-23")
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_summary_formats_of_a_fixed_client() {
    let data = data_folder();
    for format in ["md", "html", "json", "txt"] {
        let (code, stdout, stderr) = eis(
            data.path(),
            &["export", "drvni-obrt-drava", "--format", format],
        );
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(format!("export_{format}"), stdout);
    }
    // And in Polish, the texts a Polish client reads.
    for format in ["md", "json", "txt"] {
        let (code, stdout, stderr) = eis(
            data.path(),
            &[
                "export",
                "drvni-obrt-drava",
                "--format",
                format,
                "--lang",
                "pl",
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(format!("export_{format}_pl"), stdout);
    }
}

#[test]
fn the_text_summary_fits_an_e_mail() {
    let data = data_folder();
    for lang in ["en", "pl", "da", "hr"] {
        let (code, text, stderr) = eis(
            data.path(),
            &[
                "export",
                "drvni-obrt-drava",
                "--format",
                "txt",
                "--lang",
                lang,
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        for line in text.lines() {
            let width = textwrap::core::display_width(line);
            assert!(
                width <= 72 || line.contains("https://"),
                "{lang}: {width} columns: {line:?}"
            );
        }
        // No markup: a mail client shows what is written.
        assert!(!text.contains("**") && !text.contains("<https"), "{lang}");
        assert!(
            text.contains("https://www.hgk.hr"),
            "{lang}: links stay whole"
        );
    }
}

/// Checks that every element that is opened is closed, in order.
fn assert_well_formed(html: &str) {
    const VOID: [&str; 4] = ["meta", "br", "hr", "img"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("every tag is closed") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "unbalanced </{name}>"
            );
        } else if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn the_html_is_well_formed_and_self_contained() {
    let data = data_folder();
    let (_, html, _) = eis(
        data.path(),
        &["export", "drvni-obrt-drava", "--format", "html"],
    );
    assert_well_formed(&html);
    for external in [
        "<script", "<link", "src=", "@import", "url(", "<iframe", "<object",
    ] {
        assert!(
            !html.contains(external),
            "the HTML references an external asset: {external}"
        );
    }
    assert!(html.contains("@page{size:A4"));
    assert!(html.contains("<svg"), "readiness bars are inline SVG");
    assert!(html.contains("Adviser: Ana Horvat"));
    assert!(html.contains("Referral: referred 2026-11-23"));
}

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let data = data_folder();
    let id = "evil-script-alert-1-script-ltd";
    let (_, md, _) = eis(data.path(), &["export", id, "--format", "md"]);
    let (_, html, _) = eis(data.path(), &["export", id, "--format", "html"]);
    let (_, json, _) = eis(data.path(), &["export", id, "--format", "json"]);
    for (format, text) in [("md", &md), ("html", &html), ("json", &json)] {
        assert!(
            !text.contains('\u{1b}'),
            "{format} carries an escape character"
        );
        assert!(!text.contains('\u{7}'), "{format} carries a bell character");
    }
    assert_well_formed(&html);
    for raw in ["<script>", "<img", "</div><script>", "<i>booked", "<b>Bold"] {
        assert!(!html.contains(raw), "html carries raw {raw}");
        // In Markdown the markup may stand only escaped, as `\<img`.
        for (at, _) in md.match_indices(raw) {
            assert!(md[..at].ends_with('\\'), "md carries raw {raw}");
        }
    }
    assert!(html.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; Ltd"));
    assert!(html.contains("&lt;/div&gt;&lt;script&gt;steal()&lt;/script&gt;"));
    assert!(md.contains("Evil \\<script\\>alert(1)\\</script\\> Ltd"));
    assert!(md.contains("\\*\\*not bold\\*\\*"));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        parsed["client"]["name"],
        "Evil <script>alert(1)</script> Ltd"
    );
}

#[test]
fn an_existing_file_is_not_overwritten_without_force() {
    let data = data_folder();
    let out = data.path().join("summary.md");
    std::fs::write(&out, "keep me").unwrap();
    let out_arg = out.to_str().unwrap();
    let (code, _, stderr) = eis(
        data.path(),
        &["export", "drvni-obrt-drava", "--out", out_arg],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("exists; use --force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let (code, _, _) = eis(
        data.path(),
        &["export", "drvni-obrt-drava", "--out", out_arg, "--force"],
    );
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Referral summary")
    );
}

#[test]
fn clients_lists_every_client_and_names_unreadable_files() {
    let data = data_folder();
    std::fs::write(data.path().join("clients/broken.ron"), "Client(").unwrap();
    let (code, stdout, stderr) = eis(data.path(), &["clients"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("drvni-obrt-drava"), "{stdout}");
    assert!(stdout.contains("2 assessments"), "{stdout}");
    assert!(stderr.contains("broken.ron"), "{stderr}");
    let (_, json, _) = eis(data.path(), &["clients", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["clients"].as_array().unwrap().len(), 2);
    assert_eq!(parsed["unreadable"].as_array().unwrap().len(), 1);
}

/// The link destinations of a `CommonMark` text, as a `CommonMark` parser reads them.
fn link_targets(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_markdown_link_points_at_the_exact_source_url() {
    let data = data_folder();
    let (code, markdown, stderr) = eis(
        data.path(),
        &["export", "drvni-obrt-drava", "--format", "md"],
    );
    assert_eq!(code, 0, "{stderr}");
    let (json_code, json, _) = eis(
        data.path(),
        &["export", "drvni-obrt-drava", "--format", "json"],
    );
    assert_eq!(json_code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let mut expected: Vec<String> = Vec::new();
    for stage in value["journey"]["stages"].as_array().expect("stages") {
        for step in stage["services"].as_array().expect("services") {
            expected.push(step["url"].as_str().expect("a url").to_owned());
        }
    }
    for gap in value["journey"]["gaps"].as_array().expect("gaps") {
        expected.push(gap["ask"]["url"].as_str().expect("a url").to_owned());
    }
    let targets = link_targets(&markdown);
    assert!(!expected.is_empty());
    assert_eq!(targets, expected, "{markdown}");
    // The URL that broke before: an underscore, which Markdown text escapes.
    assert!(
        link_targets("<https://europa.eu/youreurope/business/index_en.htm>")
            == ["https://europa.eu/youreurope/business/index_en.htm"]
    );
}

#[test]
fn match_markdown_links_point_at_the_exact_urls() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_eis"))
        .args([
            "match",
            "--answers",
            "tests/fixtures/answers/baltic-parts.ron",
            "--format",
            "md",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("eis runs");
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    let targets = link_targets(&markdown);
    assert!(!targets.is_empty(), "{markdown}");
    for target in &targets {
        assert!(target.starts_with("http"), "{target}");
        assert!(!target.contains('\\'), "{target} keeps a backslash");
    }
    assert!(
        targets.contains(&"https://europa.eu/youreurope/business/index_en.htm".to_owned()),
        "{targets:?}"
    );
}

/// An adviser names the client as they know it: the name finds the client
/// whatever its case and accents, and a name that is nearly right gets a
/// suggestion rather than a bare refusal.
#[test]
fn a_client_is_found_by_its_name_and_a_near_miss_is_suggested() {
    let data = data_folder();
    let (code, by_id, _) = eis(
        data.path(),
        &["export", "drvni-obrt-drava", "--format", "md"],
    );
    assert_eq!(code, 0);
    let (code, by_name, stderr) = eis(
        data.path(),
        &["export", "DRVNI obrt Dráva", "--format", "md"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(by_name, by_id);
    let (code, out, stderr) = eis(data.path(), &["export", "Drvni Obrt Drva"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        stderr.contains("did you mean `drvni-obrt-drava` (Drvni Obrt Drava)?"),
        "{stderr}"
    );
    let (code, _, stderr) = eis(data.path(), &["export", "Nordlys Software ApS"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("there is no client `Nordlys Software ApS` (`eis clients` lists them)"),
        "{stderr}"
    );
}

/// The paths of every field of a JSON value: `a.b`, `a[].c` for arrays.
fn json_paths(value: &serde_json::Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                out.insert(path.clone());
                json_paths(inner, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                json_paths(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

/// The fields `docs/clients.md` documents in its JSON summary table; in a
/// cell, `.name` after `a.b.id` stands for `a.b.name`.
fn documented_paths() -> std::collections::BTreeSet<String> {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/clients.md"))
        .expect("docs/clients.md");
    let section = docs
        .split("## The JSON summary")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a JSON summary section");
    let mut paths = std::collections::BTreeSet::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cell = line.split(" | ").next().unwrap_or_default();
        let mut last = String::new();
        for code in cell.split('`').skip(1).step_by(2) {
            let path = if let Some(rest) = code.strip_prefix('.') {
                let parent = last.rsplit_once('.').map_or("", |(p, _)| p);
                format!("{parent}.{rest}")
            } else {
                code.to_owned()
            };
            paths.insert(path.clone());
            last = path;
        }
    }
    paths
}

#[test]
fn the_json_summary_is_the_layout_its_documentation_gives() {
    let data = data_folder();
    // A firm whose journey has gaps, beside the one with marks and history.
    let store = Store::open(data.path()).unwrap();
    let mut gaps = store.create("Hamble Marine Controls", at(20)).unwrap();
    gaps.current_mut("2026-11-23").answers = persona("hampshire-marine-electronics-grow");
    store.save(&mut gaps, at(21)).unwrap();
    let mut output = std::collections::BTreeSet::new();
    for id in ["drvni-obrt-drava", gaps.id.as_str()] {
        let (code, json, stderr) = eis(data.path(), &["export", id, "--format", "json"]);
        assert_eq!(code, 0, "{stderr}");
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["format"], "eis-navigator-summary");
        assert_eq!(value["version"], 1);
        json_paths(&value, "", &mut output);
    }
    let documented = documented_paths();
    // Every field written is documented, itself or as part of a field
    // documented whole (`{code, label}`, the marks).
    // A field holding documented fields (`client`, `journey.stages`) is
    // documented by them.
    let covered = |path: &str| {
        if documented
            .iter()
            .any(|d| d.starts_with(&format!("{path}.")) || d.starts_with(&format!("{path}[]")))
        {
            return true;
        }
        let mut at = path.to_owned();
        loop {
            if documented.contains(&at) {
                return true;
            }
            match at.rsplit_once('.') {
                Some((parent, _)) => at = parent.trim_end_matches("[]").to_owned(),
                None => return false,
            }
        }
    };
    let undocumented: Vec<&String> = output.iter().filter(|p| !covered(p)).collect();
    assert!(
        undocumented.is_empty(),
        "not in docs/clients.md: {undocumented:?}"
    );
    // And every field documented is written.
    let missing: Vec<&String> = documented.iter().filter(|p| !output.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "documented but not written: {missing:?}"
    );
}
