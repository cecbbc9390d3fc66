//! Country names in the language spoken, from the Unicode CLDR data that
//! ICU4X compiles in (`icu_locale`'s region display names), rather than a
//! table typed by hand: every ISO 3166-1 country in all six languages.
//!
//! English names stay those of the ISO tables the catalogue is checked
//! against (`rust_iso3166`), so English output does not change; the other
//! languages take CLDR's, which are the names their speakers use
//! ("Tyskland", "Niemcy", "Njemačka").

use icu_locale::LanguageIdentifier;
use icu_locale::names::RegionDisplayName;
use icu_locale::subtags::Region;

use super::Lang;

/// The name of the country `code` (ISO 3166-1 alpha-2) in `lang`; `None` for
/// a code neither table knows.
#[must_use]
pub fn country(code: &str, lang: Lang) -> Option<String> {
    let iso = rust_iso3166::from_alpha2(code);
    if lang == Lang::En {
        return iso.map(|c| c.name.to_owned());
    }
    let region: Region = code.parse().ok()?;
    // CLDR's plain `pt` is Brazilian ("Polônia"); the app writes the
    // Portuguese of Portugal ("Polónia"), as its own texts do.
    let locale: LanguageIdentifier = match lang {
        Lang::Pt => "pt-PT",
        other => other.code(),
    }
    .parse()
    .ok()?;
    let name = RegionDisplayName::try_new_light(locale.into(), region)
        .ok()?
        .to_string();
    // CLDR answers a code it has no name for with the code itself.
    (name != code)
        .then_some(name)
        .or_else(|| iso.map(|c| c.name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_named_in_each_language() {
        let names: Vec<String> = Lang::ALL
            .iter()
            .map(|&lang| country("DE", lang).expect("Germany has a name"))
            .collect();
        assert_eq!(
            names,
            [
                "Germany",
                "Tyskland",
                "Niemcy",
                "Germania",
                "Alemanha",
                "Njemačka"
            ]
        );
        assert_eq!(country("HR", Lang::Pl).as_deref(), Some("Chorwacja"));
        assert_eq!(
            country("GB", Lang::Hr).as_deref(),
            Some("Ujedinjeno Kraljevstvo")
        );
        // European Portuguese, not Brazilian.
        assert_eq!(country("PL", Lang::Pt).as_deref(), Some("Polónia"));
    }

    #[test]
    fn english_names_stay_those_of_the_iso_tables() {
        assert_eq!(
            country("GB", Lang::En).as_deref(),
            Some("United Kingdom of Great Britain and Northern Ireland")
        );
    }

    #[test]
    fn unknown_codes_have_no_name() {
        assert_eq!(country("XX", Lang::En), None);
        assert_eq!(country("XX", Lang::Da), None);
        assert_eq!(country("not a code", Lang::Pl), None);
    }
}
