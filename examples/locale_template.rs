//! Prints a locale file for translators: every key of the app with its
//! English text, in the order of the reference. Given an existing locale,
//! keeps its translations and marks each key it lacks with `// new`, so a
//! translator sees exactly what to add after the English grew.
//!
//! `cargo run --example locale_template > locales/xx.ron` starts a language;
//! `cargo run --example locale_template -- locales/pl.ron` updates one.

use std::collections::BTreeMap;
use std::process::ExitCode;

fn main() -> ExitCode {
    let existing: BTreeMap<String, String> = match std::env::args().nth(1) {
        None => BTreeMap::new(),
        Some(path) => {
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| ron::from_str(&text).map_err(|e| e.to_string()));
            match parsed {
                Ok(map) => map,
                Err(e) => {
                    eprintln!("locale_template: {path}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    println!("// Texts of EIS Navigator in one language: key → text. English is the");
    println!("// reference (src/i18n/text.rs and the vocabulary's labels); a key left out");
    println!("// falls back to English. Keep every {{placeholder}}.");
    println!("{{");
    for (key, english) in eis::i18n::reference() {
        match existing.get(&key) {
            Some(text) => println!("    {}: {},", quote(&key), quote(text)),
            None if existing.is_empty() => println!("    {}: {},", quote(&key), quote(english)),
            None => println!("    // new\n    {}: {},", quote(&key), quote(english)),
        }
    }
    println!("}}");
    ExitCode::SUCCESS
}
