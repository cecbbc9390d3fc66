//! Texts that count: [`Counted`], their English forms, and the plural rules
//! that choose a form.
//!
//! A counted text has one form per plural category of its language, as the
//! Unicode CLDR defines them: English has `one` (1) and `other` (0, 2, 5…);
//! Polish has `one` (1), `few` (2–4, 22–24…), `many` (0, 5–21, 25…) and
//! `other` (fractions); Croatian has `one` (1, 21, 31…), `few` (2–4, 22–24…)
//! and `other`. The rules come from ICU4X's `icu_plurals`, with its data
//! compiled in (nothing is loaded at run time); `docs/plurals.md` says why.
//!
//! In a locale file a counted text is a map from category to form:
//!
//! ```ron
//! "HitsCount": { "one": "{n} usługa", "few": "{n} usługi", "many": "{n} usług", "other": "{n} usługi" },
//! ```
//!
//! Every form holds the same placeholders as the English ones, `{n}` (the
//! count, its digits grouped the language's way) among them; the checker
//! asks for exactly the categories the language's rules have.

use icu_locale_core::{LanguageIdentifier, langid};
use icu_plurals::{PluralCategory, PluralRules};
use std::cell::OnceCell;

use super::Lang;

/// A text of the app that shows a count. Its name is its key in the
/// locale files, beside the [`super::Text`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter, strum::IntoStaticStr)]
pub enum Counted {
    /// The hits of a catalogue search.
    HitsCount,
    /// A client's assessments, with the date of the last change.
    ClientAssessments,
    /// Too many countries typed.
    TooManyCountries,
    /// A typed text too long.
    TextTooLong,
    /// A service's minimum years of trading, in its details.
    TradingYears,
    /// The seconds before an idle kiosk clears.
    IdleWarning,
    /// Services in a landscape heading or cell (`{services}` there).
    LandscapeServices,
    /// Providers in a landscape heading or cell (`{providers}` there).
    LandscapeProviders,
    /// Not an SME by its staff.
    NotSme,
    /// Not an SME by its staff and turnover.
    NotSmeTurnover,
    /// A number of years in the sentences on years of trading
    /// (`{minimum}`, `{maximum}` and `{years}` of `NotYears`, `NotYearsMax`).
    Years,
    /// The firm's staff, in the CLI's profile line.
    CompanyStaff,
    /// The firm's years of trading, in the CLI's profile line.
    CompanyYears,
    /// A service's rank among the eligible ones.
    CliRanked,
}

/// The English forms of a counted text: `one` and `other`, English's two
/// categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnglishForms {
    pub one: &'static str,
    pub other: &'static str,
}

/// English, the reference language.
#[must_use]
#[allow(
    clippy::match_same_arms,
    reason = "counted texts equal in English may differ in other languages"
)]
pub fn english_forms(counted: Counted) -> EnglishForms {
    use Counted as C;
    let (one, other) = match counted {
        C::HitsCount => ("{n} service", "{n} services"),
        C::ClientAssessments => (
            "{n} assessment, updated {updated}",
            "{n} assessments, updated {updated}",
        ),
        C::TooManyCountries => (
            "Please name at most {n} country.",
            "Please name at most {n} countries.",
        ),
        C::TextTooLong => (
            "Please keep it to {n} character.",
            "Please keep it to {n} characters.",
        ),
        C::TradingYears => (
            "trading for at least {n} year",
            "trading for at least {n} years",
        ),
        C::IdleWarning => (
            "Everything will be cleared in {n} second. Press any key to carry on.",
            "Everything will be cleared in {n} seconds. Press any key to carry on.",
        ),
        C::LandscapeServices => ("{n} service", "{n} services"),
        C::LandscapeProviders => ("from {n} provider", "from {n} providers"),
        C::NotSme => (
            "it is for SMEs only ({sizes}), and with {n} member of staff your firm is not an SME",
            "it is for SMEs only ({sizes}), and with {n} staff your firm is not an SME",
        ),
        C::NotSmeTurnover => (
            "it is for SMEs only ({sizes}), and with {n} member of staff and €{turnover} turnover your firm is not an SME",
            "it is for SMEs only ({sizes}), and with {n} staff and €{turnover} turnover your firm is not an SME",
        ),
        C::Years => ("{n} year", "{n} years"),
        C::CompanyStaff => ("{n} member of staff", "{n} staff"),
        C::CompanyYears => ("{n} year trading", "{n} years trading"),
        C::CliRanked => (
            "ranks {rank} of {n} eligible service (score {score})",
            "ranks {rank} of {n} eligible services (score {score})",
        ),
    };
    EnglishForms { one, other }
}

/// A plural category's name in the locale files (CLDR's own names).
#[must_use]
pub const fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

fn language_id(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::En => langid!("en"),
        Lang::Da => langid!("da"),
        Lang::Pl => langid!("pl"),
        Lang::It => langid!("it"),
        Lang::Pt => langid!("pt-PT"),
        Lang::Hr => langid!("hr"),
    }
}

/// Runs `f` with the cardinal plural rules of a language, built once per
/// thread from the compiled CLDR data (ICU4X's rules are not `Sync`
/// without a feature that costs every other use of its data).
fn with_rules<T>(lang: Lang, f: impl FnOnce(&PluralRules) -> T) -> T {
    thread_local! {
        static RULES: [OnceCell<PluralRules>; 6] = const { [const { OnceCell::new() }; 6] };
    }
    RULES.with(|rules| {
        f(rules[lang.index()].get_or_init(|| {
            // The data of all six languages is compiled in: this cannot fail.
            PluralRules::try_new_cardinal((&language_id(lang)).into())
                .expect("CLDR plural rules are compiled in for every language the app speaks")
        }))
    })
}

/// The plural category of a whole number in a language: in Polish 1 is
/// `one`, 22 `few` and 25 `many`.
#[must_use]
pub fn category(lang: Lang, n: u64) -> PluralCategory {
    with_rules(lang, |rules| rules.category_for(n))
}

/// The names of the categories a language's rules have, in CLDR order
/// (`zero`, `one`, `two`, `few`, `many`, `other`): exactly the forms a
/// counted text of that language's locale must give.
#[must_use]
pub fn categories(lang: Lang) -> Vec<&'static str> {
    with_rules(lang, |rules| {
        rules.categories().map(category_name).collect()
    })
}

/// The English form for a count, by English's rules: for messages that
/// exist only in English (`eis check`, the landscape report).
#[must_use]
pub fn english_count(n: usize, one: &str, other: &str) -> String {
    let form = match category(Lang::En, n as u64) {
        PluralCategory::One => one,
        _ => other,
    };
    format!("{n} {form}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn each_language_has_its_cldr_categories() {
        let expected: [(Lang, &[&str]); 6] = [
            (Lang::En, &["one", "other"]),
            (Lang::Da, &["one", "other"]),
            (Lang::Pl, &["one", "few", "many", "other"]),
            // `many` is for a million and up: "1.000.000 di servizi".
            (Lang::It, &["one", "many", "other"]),
            (Lang::Pt, &["one", "many", "other"]),
            (Lang::Hr, &["one", "few", "other"]),
        ];
        for (lang, categories_of) in expected {
            assert_eq!(categories(lang), categories_of, "{lang}");
        }
    }

    #[test]
    fn whole_numbers_fall_in_the_right_category() {
        let of = |lang, n| category_name(category(lang, n));
        let counts = [0, 1, 2, 5, 22, 25, 1_000_000];
        let table: [(Lang, [&str; 7]); 6] = [
            (
                Lang::En,
                ["other", "one", "other", "other", "other", "other", "other"],
            ),
            (
                Lang::Da,
                ["other", "one", "other", "other", "other", "other", "other"],
            ),
            (
                Lang::Pl,
                ["many", "one", "few", "many", "few", "many", "many"],
            ),
            (
                Lang::It,
                ["other", "one", "other", "other", "other", "other", "many"],
            ),
            // European Portuguese, as the locale is written: 0 is not `one`.
            (
                Lang::Pt,
                ["other", "one", "other", "other", "other", "other", "many"],
            ),
            (
                Lang::Hr,
                ["other", "one", "few", "other", "few", "other", "other"],
            ),
        ];
        for (lang, names) in table {
            for (n, name) in counts.into_iter().zip(names) {
                assert_eq!(of(lang, n), name, "{lang} {n}");
            }
        }
        assert_eq!(of(Lang::Hr, 21), "one");
        assert_eq!(of(Lang::Pl, 21), "many");
        assert_eq!(of(Lang::Pl, 112), "many");
    }

    #[test]
    fn english_forms_share_their_placeholders_and_count_with_n() {
        for counted in Counted::iter() {
            let forms = english_forms(counted);
            assert_eq!(
                super::super::placeholders(forms.one),
                super::super::placeholders(forms.other),
                "{counted:?}"
            );
            assert!(forms.other.contains("{n}"), "{counted:?}");
        }
    }

    #[test]
    fn english_only_counts_follow_english_rules() {
        assert_eq!(english_count(1, "error", "errors"), "1 error");
        assert_eq!(english_count(0, "error", "errors"), "0 errors");
        assert_eq!(english_count(2, "error", "errors"), "2 errors");
    }
}
