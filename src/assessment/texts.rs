//! Translations of the question bank: `questions.<code>.ron` beside
//! `questions.ron`, one file per language, keyed by section, question and
//! option id. A translation carries only texts — prompts, help, option labels,
//! scale anchors, units, section titles — never effects, so a translation
//! cannot change how answers score.
//!
//! A text missing from a translation falls back to English; `eis check`
//! reports missing and extra texts as warnings with their positions, and only
//! unsafe text (control characters) as an error.
//! `docs/assessment.md` documents the format.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::bank::QuestionBank;
use super::raw::Kind;
use crate::catalogue::locate::{self, Segment, render_path};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::{ronfile, text};

/// The translations compiled into the binary, beside the embedded bank.
pub const EMBEDDED: [(Lang, &str, &str); 5] = [
    (
        Lang::Da,
        "data/questions.da.ron",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/questions.da.ron"
        )),
    ),
    (
        Lang::Pl,
        "data/questions.pl.ron",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/questions.pl.ron"
        )),
    ),
    (
        Lang::It,
        "data/questions.it.ron",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/questions.it.ron"
        )),
    ),
    (
        Lang::Pt,
        "data/questions.pt.ron",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/questions.pt.ron"
        )),
    ),
    (
        Lang::Hr,
        "data/questions.hr.ron",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/questions.hr.ron"
        )),
    ),
];

/// The texts of a question bank in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "QuestionTexts")]
pub struct QuestionTexts {
    /// Section titles by section id.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionText>,
}

/// One question's texts; each falls back to English when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "QuestionText")]
pub struct QuestionText {
    pub prompt: Option<String>,
    pub help: Option<String>,
    pub more_help: Option<String>,
    /// A scale's low anchor.
    pub low: Option<String>,
    /// A scale's high anchor.
    pub high: Option<String>,
    /// A number's unit, as a label.
    pub unit: Option<String>,
    /// A number's unit after a count, by plural category of the language.
    pub unit_forms: Option<BTreeMap<String, String>>,
    /// Option labels by option id.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

/// The translation files of a bank at `bank_path` (`questions.ron` →
/// `questions.<code>.ron` beside it), or the embedded ones. Each is
/// `(language, name, bytes)`; a language without a file is left out, and
/// one whose file cannot be read (a FIFO, a file too large) comes with why.
#[must_use]
pub fn sources(bank_path: Option<&Path>) -> Vec<(Lang, String, std::io::Result<Vec<u8>>)> {
    let Some(path) = bank_path else {
        return EMBEDDED
            .iter()
            .map(|(lang, name, text)| (*lang, (*name).to_owned(), Ok(text.as_bytes().to_vec())))
            .collect();
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("questions");
    Lang::ALL
        .into_iter()
        .filter(|lang| *lang != Lang::En)
        .filter_map(|lang| {
            let file = path.with_file_name(format!("{stem}.{}.ron", lang.code()));
            let bytes = crate::input::read(&file, crate::input::QUESTION_BANK);
            if bytes
                .as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                && std::fs::symlink_metadata(&file).is_err()
            {
                return None;
            }
            Some((lang, file.display().to_string(), bytes))
        })
        .collect()
}

/// Loads every translation of `bank` that checks without errors; the
/// problems of all of them come back as diagnostics (a translation with
/// errors is left out, and its language falls back to English).
#[must_use]
pub fn load(
    bank_path: Option<&Path>,
    bank: &QuestionBank,
) -> (BTreeMap<Lang, QuestionTexts>, Vec<Diagnostic>) {
    let mut found = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for (lang, name, bytes) in sources(bank_path) {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                diagnostics.push(Diagnostic::error(&name, format!("cannot read: {e}")));
                continue;
            }
        };
        let (texts, problems) = check(&name, &bytes, bank, lang);
        if let Some(texts) = texts {
            found.insert(lang, texts);
        }
        diagnostics.extend(problems);
    }
    (found, diagnostics)
}

/// Parses and checks a translation against the (English) bank.
#[must_use]
pub fn check(
    name: &str,
    bytes: &[u8],
    bank: &QuestionBank,
    lang: Lang,
) -> (Option<QuestionTexts>, Vec<Diagnostic>) {
    let (text, texts): (&str, QuestionTexts) = match ronfile::read(
        name,
        bytes,
        "a translation of the question bank holds `QuestionTexts(sections: {...}, questions: {...})`",
    ) {
        Ok(read) => read,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let mut checker = Checker {
        name,
        lang,
        tree: locate::scan(text),
        diagnostics: Vec::new(),
    };
    checker.compare(&texts, bank);
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| d.position);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    (ok.then_some(texts), diagnostics)
}

struct Checker<'a> {
    name: &'a str,
    lang: Lang,
    tree: Option<locate::Node>,
    diagnostics: Vec<Diagnostic>,
}

fn field(name: &str) -> Segment {
    Segment::Field(name.to_owned().into())
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, path: &[Segment], message: String) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.name.to_owned(),
            position: self.tree.as_ref().map(|t| t.locate(path)),
            path: render_path(path),
            message,
        });
    }

    fn missing(&mut self, path: &[Segment], what: &str) {
        self.push(
            Severity::Warning,
            path,
            format!("no translation of {what}; the English text is shown"),
        );
    }

    fn extra(&mut self, path: &[Segment], what: &str) {
        self.push(
            Severity::Warning,
            path,
            format!("{what} is not in the question bank; this translation is never shown"),
        );
    }

    fn text(&mut self, path: &[Segment], value: &str) {
        if let Some((index, c)) = text::first_forbidden(value) {
            let message = format!(
                "the text contains the control character {} at character {}; texts must be plain, without control characters or escape sequences",
                text::describe(c),
                index + 1
            );
            self.push(Severity::Error, path, message);
        } else if value.trim().is_empty() {
            self.push(
                Severity::Warning,
                path,
                "the text is empty; the English text is shown".to_owned(),
            );
        }
    }

    /// A unit's forms: exactly the plural categories of the language.
    fn forms(&mut self, path: &[Segment], forms: &BTreeMap<String, String>) {
        let mut wanted = crate::i18n::counted::categories(self.lang);
        let shown = wanted.join(", ");
        wanted.sort_unstable();
        let given: Vec<&str> = forms.keys().map(String::as_str).collect();
        if given != wanted {
            self.push(
                Severity::Warning,
                path,
                format!(
                    "the unit has the forms {}; {} needs exactly {shown}",
                    given.join(", "),
                    self.lang.english_name()
                ),
            );
        }
        for (category, form) in forms {
            let mut at = path.to_vec();
            at.push(field(category));
            self.text(&at, form);
        }
    }

    fn compare(&mut self, texts: &QuestionTexts, bank: &QuestionBank) {
        let sections = [field("sections")];
        for section in bank.sections() {
            match texts.sections.get(&section.id) {
                Some(title) => self.text(&[field("sections"), field(&section.id)], title),
                None => self.missing(&sections, &format!("section `{}`", section.id)),
            }
        }
        for id in texts.sections.keys() {
            if !bank.sections().iter().any(|s| &s.id == id) {
                self.extra(&[field("sections"), field(id)], &format!("section `{id}`"));
            }
        }
        let questions = [field("questions")];
        for question in bank.questions() {
            let Some(translated) = texts.questions.get(&question.id) else {
                self.missing(&questions, &format!("question `{}`", question.id));
                continue;
            };
            let base = [field("questions"), field(&question.id)];
            let (scale, number) = match &question.kind {
                Kind::Scale { .. } => (true, false),
                Kind::Number { .. } => (false, true),
                _ => (false, false),
            };
            let fields = [
                ("prompt", &translated.prompt, true),
                ("help", &translated.help, true),
                (
                    "more_help",
                    &translated.more_help,
                    question.more_help.is_some(),
                ),
                ("low", &translated.low, scale),
                ("high", &translated.high, scale),
                ("unit", &translated.unit, number),
            ];
            for (name, value, expected) in fields {
                let path = [base[0].clone(), base[1].clone(), field(name)];
                match (value, expected) {
                    (Some(value), true) => self.text(&path, value),
                    (None, true) => {
                        self.missing(&base, &format!("`{name}` of question `{}`", question.id));
                    }
                    (Some(_), false) => {
                        self.extra(&path, &format!("`{name}` of question `{}`", question.id));
                    }
                    (None, false) => {}
                }
            }
            let forms_path = [base[0].clone(), base[1].clone(), field("unit_forms")];
            match (&translated.unit_forms, number) {
                (Some(forms), true) => self.forms(&forms_path, forms),
                (None, true) => self.missing(
                    &base,
                    &format!("`unit_forms` of question `{}`", question.id),
                ),
                (Some(_), false) => self.extra(
                    &forms_path,
                    &format!("`unit_forms` of question `{}`", question.id),
                ),
                (None, false) => {}
            }
            let options_path = [base[0].clone(), base[1].clone(), field("options")];
            for option in question.options() {
                match translated.options.get(&option.id) {
                    Some(label) => {
                        let mut path = options_path.to_vec();
                        path.push(field(&option.id));
                        self.text(&path, label);
                    }
                    None => self.missing(
                        &options_path,
                        &format!("option `{}` of question `{}`", option.id, question.id),
                    ),
                }
            }
            for id in translated.options.keys() {
                if question.option(id).is_none() {
                    let mut path = options_path.to_vec();
                    path.push(field(id));
                    self.extra(
                        &path,
                        &format!("option `{id}` of question `{}`", question.id),
                    );
                }
            }
        }
        for id in texts.questions.keys() {
            if bank.question(id).is_none() {
                self.extra(
                    &[field("questions"), field(id)],
                    &format!("question `{id}`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::bank;
    use crate::diagnostic::Position;

    fn check_da(
        name: &str,
        bytes: &[u8],
        bank: &QuestionBank,
    ) -> (Option<QuestionTexts>, Vec<Diagnostic>) {
        check(name, bytes, bank, Lang::Da)
    }

    fn english() -> QuestionBank {
        bank::load(None).expect("the embedded bank")
    }

    #[test]
    fn every_shipped_translation_has_every_text_and_no_other() {
        let bank = english();
        for (lang, name, source) in EMBEDDED {
            let (texts, diagnostics) = check(name, source.as_bytes(), &bank, lang);
            assert!(texts.is_some(), "{lang}: {diagnostics:#?}");
            assert!(diagnostics.is_empty(), "{name}: {diagnostics:#?}");
        }
    }

    #[test]
    fn missing_and_extra_texts_are_warnings_with_positions() {
        let bank = english();
        let source = r#"QuestionTexts(
    sections: { "business": "Din virksomhed", "nowhere": "Ingen steder" },
    questions: {
        "company-name": (prompt: "Hvad hedder din virksomhed?", unit: "kr."),
        "region-gb": (
            prompt: "Hvor i Storbritannien?",
            help: "Noget støtte er kun for et område.",
            options: { "hampshire": "Hampshire", "atlantis": "Atlantis" },
        ),
    },
)"#;
        let (texts, diagnostics) = check_da("t.ron", source.as_bytes(), &bank);
        assert!(texts.is_some(), "warnings only: {diagnostics:#?}");
        let find = |needle: &str| {
            diagnostics
                .iter()
                .find(|d| d.message.contains(needle))
                .unwrap_or_else(|| panic!("no diagnostic about {needle}: {diagnostics:#?}"))
        };
        let extra = find("section `nowhere`");
        assert_eq!(extra.severity, Severity::Warning);
        assert_eq!(extra.position, Some(Position::new(2, 58)));
        let help = find("`help` of question `company-name`");
        assert_eq!(help.position, Some(Position::new(4, 25)));
        assert_eq!(
            find("`unit` of question `company-name`").position,
            Some(Position::new(4, 71))
        );
        assert_eq!(
            find("option `atlantis`").position,
            Some(Position::new(8, 62))
        );
        find("option `elsewhere` of question `region-gb`");
        find("question `country`");
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn control_characters_are_errors_and_the_translation_is_not_used() {
        let source = "QuestionTexts(sections: { \"business\": \"Din\\u{1b}[31m\" })";
        let (texts, diagnostics) = check_da("t.ron", source.as_bytes(), &english());
        assert!(texts.is_none());
        assert!(
            diagnostics
                .iter()
                .any(|d| d.is_error() && d.message.contains("control"))
        );
    }

    #[test]
    fn a_broken_translation_names_its_line_and_column() {
        let (texts, diagnostics) = check_da(
            "t.ron",
            b"QuestionTexts(\n  sections: { \"business\" \"x\" },\n)",
            &english(),
        );
        assert!(texts.is_none());
        let error = &diagnostics[0];
        assert!(error.is_error());
        assert_eq!(error.position.map(|p| p.line), Some(2));
    }
}
