//! Seeded mutation fuzzing of everything the program reads from files:
//! catalogues, answers files, client files and kiosk configs. Each case takes
//! a valid file, mutates it one to four times (flipped and inserted bytes,
//! RON's syntax, escape sequences and control characters, deep nesting, long
//! words, cut and duplicated ranges, lines joined) and reads it the way the
//! program does. A case fails if reading panics, or if a catalogue problem
//! is placed outside the file. The same seed gives the same cases.
//!
//! `cargo run --release --example fuzz -- all 100000` runs it (see
//! `docs/limits.md`); `tests/robustness.rs` runs a few hundred cases of each
//! on every `cargo test`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::generate::Rng;

/// What is fuzzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Catalogue,
    Answers,
    Client,
    KioskConfig,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::Catalogue,
        Target::Answers,
        Target::Client,
        Target::KioskConfig,
    ];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Target::Catalogue => "catalogue",
            Target::Answers => "answers",
            Target::Client => "client",
            Target::KioskConfig => "kiosk",
        }
    }
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    pub cases: usize,
    /// Cases read without an error.
    pub accepted: usize,
    /// Cases refused with an error (as most mutations should be).
    pub refused: usize,
    /// Cases that broke a rule: the case's number, its input and what broke.
    pub failures: Vec<(usize, Vec<u8>, String)>,
}

/// Runs `cases` cases of `target` from `seed`, in `scratch` (a folder for
/// the files that are read from disk).
///
/// # Panics
/// If the built-in question bank or the seed files cannot be made (a bug,
/// caught by the tests), or `scratch` cannot be written.
#[must_use]
pub fn run(target: Target, cases: usize, seed: u64, scratch: &Path) -> Report {
    let bank = crate::assessment::bank::load(None).expect("the built-in question bank loads");
    let seeds = seeds(target, scratch);
    let mut rng = Rng::new(seed ^ (target as u64).wrapping_mul(0x9E37_79B9));
    let mut report = Report::default();
    let clients = crate::clients::Store::open(scratch).ok();
    for case in 0..cases {
        let mut input = rng.pick(&seeds).clone();
        for _ in 0..=rng.below(4) {
            mutate(&mut input, &seeds, &mut rng);
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            read(target, &input, &bank, clients.as_ref(), scratch)
        }));
        report.cases += 1;
        match outcome {
            Ok(Ok(true)) => report.accepted += 1,
            Ok(Ok(false)) => report.refused += 1,
            Ok(Err(broken)) => report.failures.push((case, input, broken)),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                report
                    .failures
                    .push((case, input, format!("panicked: {message}")));
            }
        }
    }
    report
}

/// Reads one input as the program would: whether it was accepted, or what
/// rule it broke.
fn read(
    target: Target,
    input: &[u8],
    bank: &crate::assessment::QuestionBank,
    clients: Option<&crate::clients::Store>,
    scratch: &Path,
) -> Result<bool, String> {
    match target {
        Target::Catalogue => {
            let file = crate::catalogue::load::SourceFile {
                name: "fuzz.ron".to_owned(),
                bytes: input.to_vec(),
            };
            let checked = crate::catalogue::load::check_files(
                std::slice::from_ref(&file),
                jiff::civil::date(2026, 11, 23),
            );
            let lines = 1 + memchr::memchr_iter(b'\n', input).count();
            for d in &checked.diagnostics {
                if let Some(at) = d.position
                    && (at.line == 0 || at.line > lines || at.column == 0)
                {
                    return Err(format!("placed outside the file ({lines} lines): {d}"));
                }
            }
            Ok(!checked.has_errors())
        }
        Target::Answers => {
            let ron = crate::assessment::Answers::read("fuzz.ron", input, bank).is_ok();
            let json = crate::assessment::Answers::read("fuzz.json", input, bank).is_ok();
            Ok(ron || json)
        }
        Target::Client => {
            let Some(store) = clients else {
                return Err("no clients folder".to_owned());
            };
            std::fs::write(store.dir().join("fuzz.ron"), input).map_err(|e| e.to_string())?;
            let listed = store.list().map_err(|e| e.to_string())?;
            Ok(store.load("fuzz").is_ok() && !listed.is_empty())
        }
        Target::KioskConfig => {
            let path = scratch.join("kiosk.ron");
            std::fs::write(&path, input).map_err(|e| e.to_string())?;
            Ok(crate::kiosk::KioskConfig::load(&path).is_ok())
        }
    }
}

/// Valid files of the target's kind to start from.
fn seeds(target: Target, scratch: &Path) -> Vec<Vec<u8>> {
    match target {
        Target::Catalogue => {
            let mut seeds: Vec<Vec<u8>> = [1, 3, 8]
                .into_iter()
                .filter_map(|n| crate::generate::ron(n, 7).ok())
                .map(String::into_bytes)
                .collect();
            seeds.push(include_bytes!("../tests/fixtures/landscape/catalogue.ron").to_vec());
            seeds
        }
        Target::Answers => vec![
            include_bytes!("../tests/fixtures/answers/baltic-parts.ron").to_vec(),
            include_bytes!("../tests/fixtures/answers/hidden.ron").to_vec(),
            br#"{"company-name": "Acme", "country": ["DK"], "employees": 12, "modes": ["export"]}"#
                .to_vec(),
        ],
        Target::Client => {
            let store = crate::clients::Store::open(&scratch.join("seed"))
                .expect("a scratch clients folder");
            let now = "2026-11-23T10:00:00Z".parse().expect("a timestamp");
            let mut client = store.create("Fuzz", now).expect("a client");
            client
                .current_mut("2026-11-23")
                .answers
                .set("employees", crate::assessment::Answer::Number(12));
            "Met at the fair.".clone_into(&mut client.notes);
            store.save(&mut client, now).expect("a save");
            let bytes = std::fs::read(store.dir().join("fuzz.ron")).expect("the client file");
            vec![bytes]
        }
        Target::KioskConfig => vec![
            concat!(
                "Kiosk(\n    idle_seconds: 120,\n    warning_seconds: 30,\n",
                "    spool: \"/tmp/eis-fuzz-spool\",\n    print_command: [\"lp\"],\n",
                "    admin_passphrase: \"$argon2id$v=19$m=19456,t=2,p=1$",
                "c2FsdHNhbHRzYWx0$u9YJ3wqtdLCHIxxY8/jT0uP4OTnkz5Ya2pj2aDqtIcs\",\n",
                "    language: \"pl\",\n)\n"
            )
            .as_bytes()
            .to_vec(),
        ],
    }
}

/// Fragments that mean something to RON, JSON, UTF-8 or a terminal.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b":",
    b"\n",
    b"//",
    b"/*",
    b"*/",
    b"r#\"",
    b"\"#",
    b"'",
    b"\\",
    b"\\u{1b}",
    b"\x1b[31m",
    b"\x1b]0;title\x07",
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"\xe2\x81\xa6",
    b"\x00",
    b"\x7f",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"#![enable(implicit_some)]",
    b"Some(",
    b"None",
    b"-1",
    b"0",
    b"4294967296",
    b"99999999999999999999999",
    b"1e308",
    b"NaN",
    b"inf",
    b"true",
    b"\"\"",
    b"()",
    b"[]",
    b"Catalogue(",
    b"Provider(",
    b"Service(",
    b"Client(",
    b"Kiosk(",
    b"\"*\"",
    b"\"EU\"",
    b"\"PL-22\"",
    b"\"xx\"",
    b"Number(",
    b"Choice(",
    b"m=4194304",
    b"t=100000",
    b"p=255",
];

/// One random change to `input`.
fn mutate(input: &mut Vec<u8>, seeds: &[Vec<u8>], rng: &mut Rng) {
    let len = input.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        0 if len > 0 => {
            let i = rng.below(len);
            input[i] = u8::try_from(rng.below(256)).unwrap_or(0);
        }
        1..=3 => {
            let token = rng.pick(TOKENS);
            input.splice(at..at, token.iter().copied());
        }
        4 if len > 0 => {
            let end = (at + 1 + rng.below(64)).min(len);
            input.drain(at.min(end)..end);
        }
        5 if len > 0 => {
            let from = rng.below(len);
            let end = (from + 1 + rng.below(256)).min(len);
            let copy = input[from..end].to_vec();
            input.splice(at..at, copy);
        }
        6 => input.truncate(at),
        7 => {
            let other = rng.pick(seeds);
            if !other.is_empty() {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(512)).min(other.len());
                let end_here = (at + rng.below(64)).min(len);
                input.splice(at..end_here, other[from..end].iter().copied());
            }
        }
        8 => {
            // Deep nesting, or a very long word.
            let (byte, count) = if rng.below(2) == 0 {
                (b'[', 1 + rng.below(400))
            } else {
                (b'a', 1 + rng.below(20_000))
            };
            input.splice(at..at, std::iter::repeat_n(byte, count));
        }
        _ => {
            for b in input.iter_mut() {
                if *b == b'\n' {
                    *b = b' ';
                }
            }
        }
    }
}
