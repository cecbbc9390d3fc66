//! Languages: the six the app speaks, how a caller names one, and every text
//! of the app (not of the data) in each.
//!
//! - [`Lang`]: English, Danish, Polish, Italian, Portuguese and Croatian, chosen
//!   by `--lang` or the locale environment ([`Lang::from_environment`]);
//! - [`text`]: the named texts ([`Text`]) and their English;
//! - `locales/<code>.ron`: every other language, embedded in the binary, as a
//!   map from key to text. Keys are [`Text`] names, and `Kind.Term` for the
//!   vocabulary's labels (`"Stage.Explore"`). A text missing from a locale
//!   falls back to English, string by string — never to its key.
//! - [`counted`]: texts that show a count ([`Counted`]), with a form per
//!   CLDR plural category of each language; in a locale file their value is
//!   a map from category to form (`{ "one": "…", "other": "…" }`).
//!
//! The language is an argument, never ambient state: a text is asked of a
//! language ([`Lang::tr`], [`Lang::fill`], [`Lang::count`], and `label_in`
//! on the vocabulary), and every engine entry point that writes sentences
//! (`assess`, `match_services`, `plan_journey`, `survey`, `Referral::new`)
//! takes the language to write them in, so a profile scored in Polish carries
//! Polish reasons whichever thread scores it. Only the edges choose: the
//! command line from `--lang` or the locale ([`Lang::from_environment`]), the
//! app from its own state (`App::lang`, switched from the home screen), the
//! kiosk from its config. Texts from data files (questions, service
//! summaries) are translated by the data itself: see
//! [`crate::assessment::QuestionTexts`] and [`crate::catalogue::Service::summary_in`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use strum::IntoEnumIterator;

pub mod counted;
pub mod names;
pub mod text;

pub use counted::{Counted, english_count, english_forms};
pub use text::{Text, english};

/// A language the app speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Da,
    Pl,
    It,
    Pt,
    Hr,
}

impl Lang {
    /// Every language, English first, in the order the language switch cycles.
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Da, Lang::Pl, Lang::It, Lang::Pt, Lang::Hr];

    /// The ISO 639-1 code, as in `--lang` and the locale files' names.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
            Lang::Pl => "pl",
            Lang::It => "it",
            Lang::Pt => "pt",
            Lang::Hr => "hr",
        }
    }

    /// The language's name in itself, as the language switch shows it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Da => "Dansk",
            Lang::Pl => "Polski",
            Lang::It => "Italiano",
            Lang::Pt => "Português",
            Lang::Hr => "Hrvatski",
        }
    }

    /// The language of a code or a locale name: `pl`, `PL`, `pl-PL`,
    /// `pl_PL.UTF-8` and `pl_PL@euro` all give Polish. `None` for any
    /// language the app does not speak.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Lang> {
        let language = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == language)
    }

    /// The language the locale environment asks for, the POSIX way: the first
    /// of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides;
    /// English if it names a language the app does not speak (or `C`/`POSIX`),
    /// or if none is set. `var` reads a variable (`std::env::var` in the app).
    #[must_use]
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_code(&value))
            .unwrap_or_default()
    }

    /// [`Lang::from_environment`] of this process's environment.
    #[must_use]
    pub fn from_environment_variables() -> Lang {
        Lang::from_environment(|name| std::env::var(name).ok())
    }

    /// The language of a country, if the app speaks it (`"DK"` → Danish).
    #[must_use]
    pub fn of_country(code: &str) -> Option<Lang> {
        match code {
            "GB" | "IE" => Some(Lang::En),
            "DK" => Some(Lang::Da),
            "PL" => Some(Lang::Pl),
            "IT" => Some(Lang::It),
            "PT" => Some(Lang::Pt),
            "HR" => Some(Lang::Hr),
            _ => None,
        }
    }

    /// The language's name in English, for messages to maintainers.
    #[must_use]
    pub const fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Da => "Danish",
            Lang::Pl => "Polish",
            Lang::It => "Italian",
            Lang::Pt => "Portuguese",
            Lang::Hr => "Croatian",
        }
    }

    /// Every code, as `en, da, pl, it, pt, hr`, for messages.
    #[must_use]
    pub fn codes() -> String {
        Lang::ALL.map(Lang::code).join(", ")
    }

    /// The next language of the switch, wrapping round to English.
    #[must_use]
    pub fn next(self) -> Lang {
        let i = Lang::ALL.iter().position(|l| *l == self).unwrap_or(0);
        Lang::ALL[(i + 1) % Lang::ALL.len()]
    }

    /// The embedded locale file; English has none (it lives in code).
    const fn source(self) -> Option<&'static str> {
        match self {
            Lang::En => None,
            Lang::Da => Some(include_str!("../locales/da.ron")),
            Lang::Pl => Some(include_str!("../locales/pl.ron")),
            Lang::It => Some(include_str!("../locales/it.ron")),
            Lang::Pt => Some(include_str!("../locales/pt.ron")),
            Lang::Hr => Some(include_str!("../locales/hr.ron")),
        }
    }

    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_code(s)
            .ok_or_else(|| format!("unknown language `{s}`; expected one of: {}", Lang::codes()))
    }
}

/// A value of a locale file: a text, or the forms of a counted text by
/// plural category.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Entry {
    Text(String),
    Forms(BTreeMap<String, String>),
}

/// A parsed locale: texts by key, counted texts by key and category, and
/// vocabulary labels by kind and term (two levels, so that looking a label
/// up allocates nothing).
#[derive(Debug, Default)]
struct Table {
    texts: HashMap<String, String>,
    counted: HashMap<String, BTreeMap<String, String>>,
    terms: HashMap<String, HashMap<String, String>>,
}

impl Table {
    fn parse(source: &str) -> Result<Table, ron::error::SpannedError> {
        let entries: BTreeMap<String, Entry> = ron::from_str(source)?;
        let mut table = Table::default();
        for (key, value) in entries {
            let value = match value {
                Entry::Text(text) => text,
                Entry::Forms(forms) => {
                    table.counted.insert(key, forms);
                    continue;
                }
            };
            match key.split_once('.') {
                Some((kind, term)) => {
                    table
                        .terms
                        .entry(kind.to_owned())
                        .or_default()
                        .insert(term.to_owned(), value);
                }
                None => {
                    table.texts.insert(key, value);
                }
            }
        }
        Ok(table)
    }
}

/// The locale of a language, parsed once. `None` for English, and for a
/// locale that does not parse — then the app speaks English rather than fail
/// (the tests make sure every shipped locale parses).
fn table(lang: Lang) -> Option<&'static Table> {
    static TABLES: [OnceLock<Option<Table>>; 6] = [const { OnceLock::new() }; 6];
    TABLES[lang.index()]
        .get_or_init(|| lang.source().and_then(|s| Table::parse(s).ok()))
        .as_ref()
}

/// The texts of the app in one language. Every sentence the engine writes
/// goes through one of these, with the language its caller chose: nothing
/// below the app and the command line decides the language.
impl Lang {
    /// The text in this language, or in English if the locale lacks it.
    #[must_use]
    pub fn tr(self, text: Text) -> &'static str {
        table(self)
            .and_then(|t| t.texts.get(<&'static str>::from(text)))
            .map_or_else(|| english(text), String::as_str)
    }

    /// Fills the `{name}` placeholders of a text in this language, in one
    /// pass ([`substitute`]).
    #[must_use]
    pub fn fill(self, text: Text, values: &[(&str, &str)]) -> String {
        substitute(self.tr(text), values)
    }

    /// A counted text for `n` in this language, in the form its plural
    /// rules choose, with `{n}` filled by the count (digits grouped the
    /// language's way) and the other placeholders by `values`, in one pass.
    /// English's forms stand in for a locale that lacks the text.
    #[must_use]
    pub fn count(self, text: Counted, n: u64, values: &[(&str, &str)]) -> String {
        let key: &'static str = text.into();
        let category = counted::category_name(counted::category(self, n));
        let form = table(self)
            .and_then(|t| t.counted.get(key))
            .and_then(|forms| forms.get(category).or_else(|| forms.get("other")))
            .map_or_else(
                || {
                    let english = english_forms(text);
                    if counted::category(Lang::En, n) == icu_plurals::PluralCategory::One {
                        english.one
                    } else {
                        english.other
                    }
                },
                String::as_str,
            );
        let digits = self.group_digits(n);
        let mut all = Vec::with_capacity(values.len() + 1);
        all.push(("n", digits.as_str()));
        all.extend_from_slice(values);
        substitute(form, &all)
    }

    /// `1234567` as `1,234,567`, grouped this language's way (`1.234.567`
    /// in Danish, `1 234 567` in Polish).
    #[must_use]
    pub fn group_digits(self, n: u64) -> String {
        let digits = n.to_string();
        let separator = self.tr(Text::DigitGroup);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }

    /// A vocabulary label (`kind` `"Stage"`, `term` `"Explore"`) in this
    /// language, or `english` if the locale lacks it.
    #[must_use]
    pub fn term(self, kind: &str, term: &str, english: &'static str) -> &'static str {
        table(self)
            .and_then(|t| t.terms.get(kind))
            .and_then(|terms| terms.get(term))
            .map_or(english, String::as_str)
    }
}

/// Fills the `{name}` placeholders of `template` in one pass from left to
/// right: a value is copied as it is and never searched again, so a typed
/// company name that holds `{updated}` shows as typed. A placeholder without
/// a value, and a lone brace, stay as they are.
#[must_use]
pub fn substitute(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        if let Some((value, close)) = value {
            out.push_str(value);
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Every key a locale should have, with its English text: the [`Text`]s,
/// then the vocabulary's labels.
#[must_use]
pub fn reference() -> Vec<(String, &'static str)> {
    let mut keys: Vec<(String, &'static str)> = Text::iter()
        .map(|t| (<&'static str>::from(t).to_owned(), english(t)))
        .collect();
    keys.extend(
        crate::vocab::english_terms()
            .into_iter()
            .map(|(kind, term, english)| (format!("{kind}.{term}"), english)),
    );
    keys
}

/// What is wrong with a locale file, against the English reference.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LocaleReport {
    /// Keys the reference has and the locale lacks.
    pub missing: Vec<String>,
    /// Keys the locale has and the reference does not.
    pub extra: Vec<String>,
    /// Keys whose `{placeholders}` differ from the English ones.
    pub placeholders: Vec<String>,
    /// Counted texts whose forms are not exactly the language's plural
    /// categories (or that are given as a single text), and texts given as
    /// forms, each with what is wrong.
    pub forms: Vec<String>,
}

impl LocaleReport {
    /// Whether the locale is complete and exact.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty()
            && self.extra.is_empty()
            && self.placeholders.is_empty()
            && self.forms.is_empty()
    }
}

/// Checks the source of `lang`'s locale against the English reference: every
/// text, every counted text with exactly the plural categories of `lang`'s
/// CLDR rules, and the same placeholders as English in each.
///
/// # Errors
///
/// The RON error, with its position, if the source does not parse.
pub fn check_locale(source: &str, lang: Lang) -> Result<LocaleReport, ron::error::SpannedError> {
    let entries: BTreeMap<String, Entry> = ron::from_str(source)?;
    let reference = reference();
    let counted_keys: Vec<(&'static str, counted::EnglishForms)> = Counted::iter()
        .map(|c| (<&'static str>::from(c), english_forms(c)))
        .collect();
    let known: BTreeSet<&str> = reference
        .iter()
        .map(|(k, _)| k.as_str())
        .chain(counted_keys.iter().map(|(k, _)| *k))
        .collect();
    let mut report = LocaleReport::default();
    for (key, english) in &reference {
        match entries.get(key) {
            None => report.missing.push(key.clone()),
            Some(Entry::Forms(_)) => report
                .forms
                .push(format!("{key}: a text, not a counted one, but given forms")),
            Some(Entry::Text(text)) if placeholders(text) != placeholders(english) => {
                report.placeholders.push(key.clone());
            }
            Some(Entry::Text(_)) => {}
        }
    }
    let wanted = counted::categories(lang);
    for (key, english) in &counted_keys {
        let forms = match entries.get(*key) {
            None => {
                report.missing.push((*key).to_owned());
                continue;
            }
            Some(Entry::Text(_)) => {
                report.forms.push(format!(
                    "{key}: counts, so it needs the forms {}",
                    wanted.join(", ")
                ));
                continue;
            }
            Some(Entry::Forms(forms)) => forms,
        };
        let given: Vec<&str> = forms.keys().map(String::as_str).collect();
        let mut sorted_wanted = wanted.clone();
        sorted_wanted.sort_unstable();
        if given != sorted_wanted {
            report.forms.push(format!(
                "{key}: has the forms {}; {} needs exactly {}",
                given.join(", "),
                lang.english_name(),
                wanted.join(", ")
            ));
        }
        let reference = placeholders(english.other);
        if forms.values().any(|form| placeholders(form) != reference) {
            report.placeholders.push((*key).to_owned());
        }
    }
    report.extra = entries
        .keys()
        .filter(|k| !known.contains(k.as_str()))
        .cloned()
        .collect();
    Ok(report)
}

/// The locale file shipped for a language (`None` for English).
#[must_use]
pub fn shipped_locale(lang: Lang) -> Option<&'static str> {
    lang.source()
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.insert(&after[..close]);
        rest = &after[close + 1..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_chooses_the_language_the_posix_way() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_environment(env(&[])), Lang::En);
        assert_eq!(
            Lang::from_environment(env(&[("LANG", "pl_PL.UTF-8")])),
            Lang::Pl
        );
        assert_eq!(
            Lang::from_environment(env(&[("LANG", "pl_PL.UTF-8"), ("LC_MESSAGES", "da_DK")])),
            Lang::Da
        );
        assert_eq!(
            Lang::from_environment(env(&[("LC_ALL", "hr_HR@euro"), ("LC_MESSAGES", "da_DK")])),
            Lang::Hr
        );
        // An empty variable does not count; an unknown language or C means English.
        assert_eq!(
            Lang::from_environment(env(&[("LC_ALL", ""), ("LANG", "it_IT")])),
            Lang::It
        );
        assert_eq!(
            Lang::from_environment(env(&[("LC_ALL", "de_DE.UTF-8"), ("LANG", "it_IT")])),
            Lang::En
        );
        assert_eq!(Lang::from_environment(env(&[("LANG", "C")])), Lang::En);
    }

    #[test]
    fn codes_parse_in_every_spelling() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert_eq!(Lang::from_code("PT-pt"), Some(Lang::Pt));
        assert_eq!(Lang::from_code("sv"), None);
        assert!(
            "sv".parse::<Lang>()
                .unwrap_err()
                .contains("en, da, pl, it, pt, hr")
        );
    }

    #[test]
    fn the_switch_visits_every_language_and_comes_back() {
        let mut lang = Lang::En;
        let mut seen = Vec::new();
        for _ in Lang::ALL {
            seen.push(lang);
            lang = lang.next();
        }
        assert_eq!(lang, Lang::En);
        assert_eq!(seen, Lang::ALL);
    }

    #[test]
    fn every_language_has_every_text_and_no_other() {
        for lang in Lang::ALL.into_iter().skip(1) {
            let source = shipped_locale(lang).expect("a locale file");
            let report = check_locale(source, lang)
                .unwrap_or_else(|e| panic!("locales/{lang}.ron does not parse: {e}"));
            assert!(report.is_clean(), "locales/{lang}.ron: {report:#?}");
        }
    }

    #[test]
    fn a_missing_text_falls_back_to_english_and_never_to_its_key() {
        let table = Table::parse(r#"{ "Yes": "Ja" }"#).unwrap();
        assert_eq!(table.texts.get("Yes").map(String::as_str), Some("Ja"));
        // Through the real lookup: every text of every language is non-empty
        // and is not its own key (unless English says so too, as for `Free`).
        for lang in Lang::ALL {
            for text in Text::iter() {
                let shown = lang.tr(text);
                let key: &str = text.into();
                // Not trimmed: a space is a real thousands separator.
                assert!(!shown.is_empty(), "{lang}: {key} is empty");
                assert!(
                    shown != key || english(text) == key,
                    "{lang}: {key} shows its key"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        // A typed value that looks like a placeholder is shown as typed.
        assert_eq!(
            substitute(
                "{name}, updated {updated}",
                &[("name", "ACME {updated} {name}"), ("updated", "2026-01-02")]
            ),
            "ACME {updated} {name}, updated 2026-01-02"
        );
        // Unknown placeholders and lone braces stay; a value may repeat.
        assert_eq!(
            substitute("{a}{a} {b} { x} {", &[("a", "1")]),
            "11 {b} { x} {"
        );
        assert_eq!(substitute("{{a}}", &[("a", "1")]), "{1}");
        assert_eq!(substitute("", &[("a", "1")]), "");
        // Through a real text: a typed name holding the next placeholder.
        assert_eq!(
            Lang::En.fill(
                Text::GapAsk,
                &[("name", "Fjord {provider} {updated}"), ("provider", "EEN")]
            ),
            "Ask: Fjord {provider} {updated} — EEN"
        );
    }

    #[test]
    fn counted_texts_need_exactly_the_languages_categories() {
        let source = shipped_locale(Lang::Pl).expect("Polish");
        // Polish without `few`, and a counted text given as one text.
        let broken = source.replacen("\"few\": \"{n} usługi\",", "", 1).replacen(
            "\"TextTooLong\": {",
            "\"TextTooLong\": \"za długo\",\n    \"Unused\": {",
            1,
        );
        let report = check_locale(&broken, Lang::Pl).expect("it parses");
        assert!(
            report
                .forms
                .iter()
                .any(|f| f.starts_with("HitsCount: has the forms many, one, other")),
            "{report:#?}"
        );
        assert!(
            report
                .forms
                .iter()
                .any(|f| f.starts_with("TextTooLong: counts")),
            "{report:#?}"
        );
        // The same file is not Croatian: Croatian has no `many`.
        let report = check_locale(source, Lang::Hr).expect("it parses");
        assert!(
            report
                .forms
                .iter()
                .any(|f| f.contains("Croatian needs exactly one, few, other")),
            "{report:#?}"
        );
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("Question {k} of {n}")
                .into_iter()
                .collect::<Vec<_>>(),
            ["k", "n"]
        );
        assert!(placeholders("no braces").is_empty());
    }
}
