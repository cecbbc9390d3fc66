//! Prints a locale file for translators: every key of the app with its
//! English text, in the order of the reference. Given an existing locale,
//! keeps its translations and marks each key it lacks with `// new`, so a
//! translator sees exactly what to add after the English grew. A counted
//! text comes with one form per plural category of the file's language (by
//! its name, `pl.ron`), or English's `one` and `other` for a new language.
//!
//! `cargo run --example locale_template > locales/xx.ron` starts a language;
//! `cargo run --example locale_template -- locales/pl.ron` updates one.

use std::collections::BTreeMap;
use std::process::ExitCode;

use eis::i18n::{Counted, Lang, counted, english_forms};
use strum::IntoEnumIterator;

/// A value of a locale file: a text, or a counted text's forms.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Entry {
    Text(String),
    Forms(BTreeMap<String, String>),
}

fn main() -> ExitCode {
    let path = std::env::args().nth(1);
    let lang = path.as_deref().and_then(|p| {
        let stem = std::path::Path::new(p).file_stem()?.to_str()?;
        Lang::from_code(stem)
    });
    let existing: BTreeMap<String, Entry> = match &path {
        None => BTreeMap::new(),
        Some(path) => {
            let parsed = std::fs::read_to_string(path)
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
            Some(Entry::Text(text)) => println!("    {}: {},", quote(&key), quote(text)),
            None | Some(Entry::Forms(_)) if existing.is_empty() => {
                println!("    {}: {},", quote(&key), quote(english));
            }
            None | Some(Entry::Forms(_)) => {
                println!("    // new\n    {}: {},", quote(&key), quote(english));
            }
        }
    }
    println!();
    println!("    // Texts that count: one form per plural category of the language (CLDR).");
    for text in Counted::iter() {
        let key: &str = text.into();
        let english = english_forms(text);
        let categories = lang.map_or_else(|| vec!["one", "other"], counted::categories);
        let given = match existing.get(key) {
            Some(Entry::Forms(forms)) => Some(forms),
            _ => None,
        };
        if given.is_none() && !existing.is_empty() {
            println!("    // new");
        }
        println!("    {}: {{", quote(key));
        for category in categories {
            let form = given.and_then(|forms| forms.get(category)).map_or(
                if category == "one" {
                    english.one
                } else {
                    english.other
                },
                String::as_str,
            );
            println!("        {}: {},", quote(category), quote(form));
        }
        println!("    }},");
    }
    println!("}}");
    ExitCode::SUCCESS
}
