//! Where a service is available, and where an SME is: ISO 3166-1 alpha-2
//! countries, ISO 3166-2 subdivisions, NUTS regions, the EU as a whole, or
//! anywhere.
//!
//! Codes are checked against the ISO 3166 tables of `rust_iso3166` and the
//! NUTS table of [`super::nuts`], so a maintainer's typo (`"DK-28"`, `"UK"`,
//! `"PT811"`) is an error, not a service that no one can ever be matched with.
//!
//! ISO and NUTS codes are two maps of the same ground that this module does
//! not translate into each other: a NUTS region contains the NUTS regions
//! below it (`DK04` contains `DK041`), a country contains its NUTS regions,
//! and whether a firm is in a NUTS region is settled by the NUTS code its
//! region answer gives ([`Area::holds`]), never guessed from an ISO code.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The member states of the European Union, as ISO 3166-1 alpha-2 codes
/// (Greece is `GR` in ISO, `EL` in EU usage).
pub const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// An area: where a service is available, or where an SME is located.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// `"*"`: anywhere in the world.
    Anywhere,
    /// `"EU"`: every member state of the European Union.
    Eu,
    /// An ISO 3166-1 alpha-2 country code, such as `"DK"`; it covers its subdivisions.
    Country(String),
    /// An ISO 3166-2 subdivision code, such as `"DK-82"`.
    Subdivision(String),
    /// A NUTS code of level 1 to 3 from the embedded table, such as
    /// `"DK04"` or `"PT181"`; it covers the NUTS regions below it.
    Nuts(String),
}

/// Why a text is not an area code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    #[error(
        "`{code}` is not an area code; use an ISO 3166-1 alpha-2 country (\"DK\"), an ISO 3166-2 subdivision (\"DK-82\"), a NUTS code (\"DK04\"), \"EU\" or \"*\""
    )]
    Malformed { code: String },
    #[error("`{code}` is not a NUTS code of the catalogue's table (NUTS 2021){hint}")]
    UnknownNuts { code: String, hint: String },
    #[error("`{code}` is not an ISO 3166-1 country code{hint}")]
    UnknownCountry { code: String, hint: String },
    #[error("`{code}` is not an ISO 3166-2 subdivision code")]
    UnknownSubdivision { code: String },
}

impl Area {
    /// Parses and checks an area code. Codes are case-sensitive, as in ISO 3166.
    pub fn parse(code: &str) -> Result<Area, AreaError> {
        match code {
            "*" => return Ok(Area::Anywhere),
            "EU" => return Ok(Area::Eu),
            _ => {}
        }
        let malformed = || AreaError::Malformed {
            code: code.to_owned(),
        };
        if !code.contains('-') && super::nuts::is_shaped(code) {
            return Area::parse_nuts(code);
        }
        let (country, rest) = match code.split_once('-') {
            Some((country, rest)) => (country, Some(rest)),
            None => (code, None),
        };
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(malformed());
        }
        if rust_iso3166::from_alpha2(country).is_none() {
            let hint = match country {
                "UK" => "; the United Kingdom is \"GB\"",
                "EL" => "; Greece is \"GR\"",
                _ => "",
            };
            return Err(AreaError::UnknownCountry {
                code: code.to_owned(),
                hint: hint.to_owned(),
            });
        }
        match rest {
            None => Ok(Area::Country(code.to_owned())),
            Some(sub) if sub.is_empty() || !sub.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Err(malformed())
            }
            Some(_) if rust_iso3166::iso3166_2::from_code(code).is_none() => {
                Err(AreaError::UnknownSubdivision {
                    code: code.to_owned(),
                })
            }
            Some(_) => Ok(Area::Subdivision(code.to_owned())),
        }
    }

    /// A NUTS code, checked against the table; an unknown one is answered
    /// with the nearest code of its country.
    fn parse_nuts(code: &str) -> Result<Area, AreaError> {
        if super::nuts::name(code).is_some() {
            return Ok(Area::Nuts(code.to_owned()));
        }
        let hint = match &code[..2] {
            "UK" => {
                "; the United Kingdom left NUTS: use ISO 3166-2 codes such as \"GB-HAM\"".to_owned()
            }
            "EL" => "; Greece's NUTS regions are not in the table".to_owned(),
            _ => match super::nuts::suggest(code) {
                Some(near) => format!(
                    "; did you mean \"{near}\" ({})?",
                    super::nuts::name(near).unwrap_or_default()
                ),
                None => "; docs/catalogue.md lists the regions the table holds".to_owned(),
            },
        };
        Err(AreaError::UnknownNuts {
            code: code.to_owned(),
            hint,
        })
    }

    /// The area's code as written in data files.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Area::Anywhere => "*",
            Area::Eu => "EU",
            Area::Country(code) | Area::Subdivision(code) | Area::Nuts(code) => code,
        }
    }

    /// The country of a country, subdivision or NUTS region (the table
    /// holds only NUTS codes whose prefix is the ISO country code).
    #[must_use]
    pub fn country(&self) -> Option<&str> {
        match self {
            Area::Country(code) => Some(code),
            Area::Subdivision(code) => code.split_once('-').map(|(country, _)| country),
            Area::Nuts(code) => code.get(..2),
            Area::Anywhere | Area::Eu => None,
        }
    }

    /// Whether the area is, or lies in, an EU member state.
    #[must_use]
    pub fn is_in_eu(&self) -> bool {
        matches!(self, Area::Eu) || self.country().is_some_and(|c| EU_MEMBERS.contains(&c))
    }

    /// Whether a service available in `self` is available everywhere in `place`:
    /// `*` contains everything, `EU` contains its member states and their
    /// subdivisions, a country contains its subdivisions and NUTS regions,
    /// a NUTS region the NUTS regions below it.
    #[must_use]
    pub fn contains(&self, place: &Area) -> bool {
        match (self, place) {
            (Area::Anywhere, _) => true,
            (Area::Eu, place) => place.is_in_eu(),
            (Area::Country(country), place) => place.country() == Some(country.as_str()),
            (Area::Subdivision(code), Area::Subdivision(other)) => code == other,
            (Area::Nuts(code), Area::Nuts(other)) => other.starts_with(code.as_str()),
            (Area::Subdivision(_) | Area::Nuts(_), _) => false,
        }
    }

    /// Whether a firm at `location` (its ISO region, or its country) whose
    /// region answer put it in the NUTS region `nuts` is in this area:
    /// `Some(true)` or `Some(false)` when its answers settle it, `None` when
    /// the area is a NUTS region finer than what the firm is known by (a
    /// firm known only by its country, or by a NUTS 2 region, and a service
    /// of one NUTS 3 region in it): a condition to check, not a match and
    /// not an exclusion.
    #[must_use]
    pub fn holds(&self, location: &Area, nuts: Option<&Area>) -> Option<bool> {
        let Area::Nuts(_) = self else {
            return Some(self.contains(location));
        };
        if location.country() != self.country() {
            return Some(false);
        }
        match nuts {
            Some(known) if self.contains(known) => Some(true),
            Some(known) if known.contains(self) => None,
            Some(_) => Some(false),
            None => None,
        }
    }

    /// Whether the two areas share any place: one contains the other.
    #[must_use]
    pub fn overlaps(&self, other: &Area) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// A readable name in `lang`: a country's as its speakers
    /// write it (CLDR's, through [`crate::i18n::names`]); a subdivision's
    /// ISO name and a NUTS region's, which are already the local ones
    /// ("Pomorskie", "Midtjylland", "Alentejo Litoral").
    #[must_use]
    pub fn name_in(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Area::Anywhere => lang.tr(crate::i18n::Text::AreaAnywhere).to_owned(),
            Area::Eu => lang.tr(crate::i18n::Text::AreaEu).to_owned(),
            Area::Country(code) => {
                crate::i18n::names::country(code, lang).unwrap_or_else(|| code.clone())
            }
            Area::Subdivision(_) | Area::Nuts(_) => self.english_name(),
        }
    }

    /// The name in English whatever the language spoken: the ISO short name
    /// of a country or subdivision (for open data, which names areas in one
    /// language).
    #[must_use]
    pub fn english_name(&self) -> String {
        match self {
            Area::Anywhere => "anywhere".to_owned(),
            Area::Eu => "European Union".to_owned(),
            Area::Country(code) => {
                rust_iso3166::from_alpha2(code).map_or_else(|| code.clone(), |c| c.name.to_owned())
            }
            Area::Subdivision(code) => rust_iso3166::iso3166_2::from_code(code)
                .map_or_else(|| code.clone(), |s| s.name.to_owned()),
            Area::Nuts(code) => super::nuts::name(code)
                .map_or_else(|| code.clone(), |name| format!("{name} (NUTS {code})")),
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Area {
    /// Parses an area code as a person types it on the command line, in any
    /// case (`dk`, `pl-22`, `eu`); data files keep the exact ISO spelling.
    pub fn parse_typed(code: &str) -> Result<Area, AreaError> {
        Area::parse(&code.trim().to_uppercase())
    }
}

impl std::str::FromStr for Area {
    type Err = AreaError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Area::parse(s)
    }
}

impl Serialize for Area {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Area {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Area::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(code: &str) -> Area {
        Area::parse(code).unwrap()
    }

    #[test]
    fn partner_region_codes_are_valid() {
        for code in [
            "GB-HAM", "DK-82", "IE-DL", "HR-06", "PL-22", "IT-45", "PT-02", "PT-07", "PT-12",
        ] {
            assert_eq!(area(code), Area::Subdivision(code.to_owned()));
        }
    }

    #[test]
    fn bad_codes_say_why() {
        assert_eq!(
            Area::parse("UK").unwrap_err().to_string(),
            "`UK` is not an ISO 3166-1 country code; the United Kingdom is \"GB\""
        );
        assert!(matches!(
            Area::parse("DK-99"),
            Err(AreaError::UnknownSubdivision { .. })
        ));
        assert!(matches!(
            Area::parse("dk"),
            Err(AreaError::Malformed { .. })
        ));
        assert!(matches!(Area::parse(""), Err(AreaError::Malformed { .. })));
    }

    #[track_caller]
    fn assert_containment(cases: &[(&str, &str, bool)]) {
        for &(outer, inner, expected) in cases {
            assert_eq!(
                area(outer).contains(&area(inner)),
                expected,
                "{outer} ⊇ {inner}"
            );
        }
    }

    #[test]
    fn containment_follows_country_eu_and_anywhere() {
        let cases = [
            ("*", "GB-HAM", true),
            ("EU", "HR-06", true),
            ("EU", "GB", false),
            ("HR", "HR-06", true),
            ("HR-06", "HR", false),
            ("HR-06", "HR-06", true),
            ("HR-01", "HR-06", false),
            ("DK", "PL", false),
        ];
        assert_containment(&cases);
    }

    #[test]
    fn names_come_from_iso_tables() {
        assert_eq!(area("DK").name_in(crate::i18n::Lang::En), "Denmark");
        assert_eq!(area("*").name_in(crate::i18n::Lang::En), "anywhere");
        assert_eq!(
            area("PT181").name_in(crate::i18n::Lang::En),
            "Alentejo Litoral (NUTS PT181)"
        );
    }

    #[test]
    fn nuts_codes_parse_by_shape_and_table() {
        let cases = [
            ("DK04", Ok(Area::Nuts("DK04".to_owned()))),
            ("PT181", Ok(Area::Nuts("PT181".to_owned()))),
            ("HR063", Ok(Area::Nuts("HR063".to_owned()))),
            ("ITH5", Ok(Area::Nuts("ITH5".to_owned()))),
            ("DK", Ok(Area::Country("DK".to_owned()))),
            ("DK-82", Ok(Area::Subdivision("DK-82".to_owned()))),
            ("dk04", Err("malformed")),
            ("DK044", Err("nuts")),
            ("UKJ31", Err("nuts")),
            ("PT1811", Err("malformed")),
        ];
        for (code, expected) in cases {
            let got = Area::parse(code);
            match (expected, &got) {
                (Ok(area), Ok(parsed)) => assert_eq!(parsed, &area, "{code}"),
                (Err("nuts"), Err(AreaError::UnknownNuts { .. }))
                | (Err("malformed"), Err(AreaError::Malformed { .. })) => {}
                (expected, got) => panic!("{code}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn an_unknown_nuts_code_names_the_nearest_one_or_the_uk_rule() {
        assert!(
            Area::parse("PT1811")
                .unwrap_err()
                .to_string()
                .contains("not an area code")
        );
        assert_eq!(
            Area::parse("DK044").unwrap_err().to_string(),
            "`DK044` is not a NUTS code of the catalogue's table (NUTS 2021); did you mean \"DK04\" (Midtjylland)?"
        );
        assert!(
            Area::parse("UKJ31")
                .unwrap_err()
                .to_string()
                .contains("left NUTS")
        );
    }

    #[test]
    fn nuts_regions_contain_the_regions_below_them() {
        let cases = [
            ("DK04", "DK041", true),
            ("DK041", "DK04", false),
            ("DK04", "DK04", true),
            ("DK04", "DK05", false),
            ("DK", "DK041", true),
            ("EU", "PT181", true),
            ("PT18", "PT-15", false),
            ("PT-15", "PT181", false),
        ];
        assert_containment(&cases);
    }

    #[test]
    fn a_firm_known_more_coarsely_than_a_nuts_area_is_a_condition_to_check() {
        // (service area, firm's ISO location, firm's NUTS region, verdict)
        let cases = [
            // A firm at NUTS 3, a service at NUTS 2 above it: in.
            ("PT18", "PT-15", Some("PT181"), Some(true)),
            // A firm at NUTS 2, a service at NUTS 3 within it: check.
            ("DK041", "DK-82", Some("DK04"), None),
            // The same level, the same region: in; another region: out.
            ("DK04", "DK-82", Some("DK04"), Some(true)),
            ("DK03", "DK-82", Some("DK04"), Some(false)),
            ("PT184", "PT-15", Some("PT181"), Some(false)),
            // Known only by its country: check; another country: out.
            ("DK04", "DK", None, None),
            ("DK04", "PL-22", Some("PL63"), Some(false)),
            // ISO areas are settled by the ISO location, as before.
            ("PT-15", "PT-15", Some("PT181"), Some(true)),
            ("DK", "DK-82", Some("DK04"), Some(true)),
        ];
        for (service, location, nuts, expected) in cases {
            let nuts = nuts.map(area);
            assert_eq!(
                area(service).holds(&area(location), nuts.as_ref()),
                expected,
                "{service} for a firm at {location} / {nuts:?}"
            );
        }
    }
}
