//! Where a service is available, and where an SME is: ISO 3166-1 alpha-2
//! countries, ISO 3166-2 subdivisions, the EU as a whole, or anywhere.
//!
//! Codes are checked against the ISO 3166 tables of `rust_iso3166`, so a
//! maintainer's typo (`"DK-28"`, `"UK"`) is an error, not a service that no
//! one can ever be matched with.

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
}

/// Why a text is not an area code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    #[error(
        "`{code}` is not an area code; use an ISO 3166-1 alpha-2 country (\"DK\"), an ISO 3166-2 subdivision (\"DK-82\"), \"EU\" or \"*\""
    )]
    Malformed { code: String },
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

    /// The area's code as written in data files.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Area::Anywhere => "*",
            Area::Eu => "EU",
            Area::Country(code) | Area::Subdivision(code) => code,
        }
    }

    /// The country of a country or subdivision.
    #[must_use]
    pub fn country(&self) -> Option<&str> {
        match self {
            Area::Country(code) => Some(code),
            Area::Subdivision(code) => code.split_once('-').map(|(country, _)| country),
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
    /// subdivisions, a country contains its subdivisions.
    #[must_use]
    pub fn contains(&self, place: &Area) -> bool {
        match (self, place) {
            (Area::Anywhere, _) => true,
            (Area::Eu, place) => place.is_in_eu(),
            (Area::Country(country), place) => place.country() == Some(country.as_str()),
            (Area::Subdivision(code), Area::Subdivision(other)) => code == other,
            (Area::Subdivision(_), _) => false,
        }
    }

    /// Whether the two areas share any place: one contains the other.
    #[must_use]
    pub fn overlaps(&self, other: &Area) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// A readable name in the language spoken: a country's as its speakers
    /// write it (CLDR's, through [`crate::i18n::names`]); a subdivision's
    /// ISO name, which is already the local one ("Pomorskie", "Midtjylland").
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Area::Anywhere => crate::i18n::tr(crate::i18n::Text::AreaAnywhere).to_owned(),
            Area::Eu => crate::i18n::tr(crate::i18n::Text::AreaEu).to_owned(),
            Area::Country(code) => crate::i18n::names::country(code, crate::i18n::current())
                .unwrap_or_else(|| code.clone()),
            Area::Subdivision(_) => self.english_name(),
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
        for (outer, inner, expected) in cases {
            assert_eq!(
                area(outer).contains(&area(inner)),
                expected,
                "{outer} ⊇ {inner}"
            );
        }
    }

    #[test]
    fn names_come_from_iso_tables() {
        assert_eq!(area("DK").name(), "Denmark");
        assert_eq!(area("*").name(), "anywhere");
    }
}
