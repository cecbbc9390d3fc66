//! The NUTS codes the catalogue may name: an embedded table of the regions
//! of the Nomenclature of Territorial Units for Statistics that the partner
//! regions' programmes are defined by, with their names.
//!
//! The table holds the NUTS 2021 version (Regulation (EU) 2019/1755), the one
//! the EU's 2021-2027 programmes list their areas in. It differs from NUTS
//! 2024 only in Portugal, where the 2024 version renumbers the mainland
//! regions (the Alentejo's sub-regions among them); a programme of the
//! 2021-2027 period still names the 2021 codes. The United Kingdom left NUTS
//! with the EU: its own International Territorial Levels are not EU codes,
//! and no open EU programme defines an English area by them, so none is
//! listed. docs/catalogue.md says which codes were confirmed on which page.
//!
//! Each country appears with every level down to NUTS 3 where the partner
//! region's programmes need it (all of Denmark, Ireland and Croatia), and
//! otherwise with the branch of its partner region and the units the
//! programmes of that region name.

/// Every NUTS code the catalogue accepts, with its name, sorted by code.
pub const NUTS: &[(&str, &str)] = &[
    // Denmark: all of it (read on Wikipedia, "NUTS statistical regions of Denmark").
    ("DK0", "Danmark"),
    ("DK01", "Hovedstaden"),
    ("DK011", "Byen København"),
    ("DK012", "Københavns omegn"),
    ("DK013", "Nordsjælland"),
    ("DK014", "Bornholm"),
    ("DK02", "Sjælland"),
    ("DK021", "Østsjælland"),
    ("DK022", "Vest- og Sydsjælland"),
    ("DK03", "Syddanmark"),
    ("DK031", "Fyn"),
    ("DK032", "Sydjylland"),
    ("DK04", "Midtjylland"),
    ("DK041", "Vestjylland"),
    ("DK042", "Østjylland"),
    ("DK05", "Nordjylland"),
    ("DK050", "Nordjylland"),
    // Croatia: all of it, in the four NUTS 2 regions of HR_NUTS 2021.
    ("HR0", "Hrvatska"),
    ("HR02", "Panonska Hrvatska"),
    ("HR021", "Bjelovarsko-bilogorska županija"),
    ("HR022", "Virovitičko-podravska županija"),
    ("HR023", "Požeško-slavonska županija"),
    ("HR024", "Brodsko-posavska županija"),
    ("HR025", "Osječko-baranjska županija"),
    ("HR026", "Vukovarsko-srijemska županija"),
    ("HR027", "Karlovačka županija"),
    ("HR028", "Sisačko-moslavačka županija"),
    ("HR03", "Jadranska Hrvatska"),
    ("HR031", "Primorsko-goranska županija"),
    ("HR032", "Ličko-senjska županija"),
    ("HR033", "Zadarska županija"),
    ("HR034", "Šibensko-kninska županija"),
    ("HR035", "Splitsko-dalmatinska županija"),
    ("HR036", "Istarska županija"),
    ("HR037", "Dubrovačko-neretvanska županija"),
    ("HR05", "Grad Zagreb"),
    ("HR050", "Grad Zagreb"),
    ("HR06", "Sjeverna Hrvatska"),
    ("HR061", "Međimurska županija"),
    ("HR062", "Varaždinska županija"),
    ("HR063", "Koprivničko-križevačka županija"),
    ("HR064", "Krapinsko-zagorska županija"),
    ("HR065", "Zagrebačka županija"),
    // Ireland: all of it.
    ("IE0", "Ireland"),
    ("IE04", "Northern and Western"),
    ("IE041", "Border"),
    ("IE042", "West"),
    ("IE05", "Southern"),
    ("IE051", "Mid-West"),
    ("IE052", "South-East"),
    ("IE053", "South-West"),
    ("IE06", "Eastern and Midland"),
    ("IE061", "Dublin"),
    ("IE062", "Mid-East"),
    ("IE063", "Midland"),
    // Italy: the branch of Emilia-Romagna.
    ("ITH", "Nord-Est"),
    ("ITH5", "Emilia-Romagna"),
    ("ITH51", "Piacenza"),
    ("ITH52", "Parma"),
    ("ITH53", "Reggio nell'Emilia"),
    ("ITH54", "Modena"),
    ("ITH55", "Bologna"),
    ("ITH56", "Ferrara"),
    ("ITH57", "Ravenna"),
    ("ITH58", "Forlì-Cesena"),
    ("ITH59", "Rimini"),
    // Poland: the branch of Pomorskie.
    ("PL6", "Makroregion północny"),
    ("PL63", "Pomorskie"),
    ("PL633", "Trójmiejski"),
    ("PL634", "Gdański"),
    ("PL636", "Słupski"),
    ("PL637", "Chojnicki"),
    ("PL638", "Starogardzki"),
    // Portugal: the mainland's NUTS 2 regions and the Alentejo's sub-regions.
    ("PT1", "Continente"),
    ("PT11", "Norte"),
    ("PT15", "Algarve"),
    ("PT150", "Algarve"),
    ("PT16", "Centro"),
    ("PT17", "Área Metropolitana de Lisboa"),
    ("PT18", "Alentejo"),
    ("PT181", "Alentejo Litoral"),
    ("PT184", "Baixo Alentejo"),
    ("PT185", "Lezíria do Tejo"),
    ("PT186", "Alto Alentejo"),
    ("PT187", "Alentejo Central"),
];

/// The NUTS region each partner region's answer places a firm in, by the
/// ISO 3166-2 code of that answer. The question bank's region options carry
/// the same codes (its checker holds them to this table); the landscape and
/// the catalogue summary use it for the typical firm of a partner region.
/// The Beja district spans two NUTS 3 regions (Odemira is on the Alentejo
/// coast), so a Beja firm is known only at NUTS 2; the Alentejo-coast answer
/// names exactly Alentejo Litoral's four Setúbal municipalities.
pub const PARTNER_NUTS: &[(&str, &str)] = &[
    ("DK-82", "DK04"),
    ("HR-06", "HR063"),
    ("IE-DL", "IE041"),
    ("IT-45", "ITH5"),
    ("PL-22", "PL63"),
    ("PT-02", "PT18"),
    ("PT-07", "PT187"),
    ("PT-12", "PT186"),
    ("PT-15", "PT181"),
];

/// The NUTS region of a partner region's answer ([`PARTNER_NUTS`]).
#[must_use]
pub fn partner(region: &super::Area) -> Option<super::Area> {
    PARTNER_NUTS
        .iter()
        .find(|(iso, _)| *iso == region.code())
        .map(|(_, nuts)| super::Area::Nuts((*nuts).to_owned()))
}

/// The name of a NUTS code of the table.
#[must_use]
pub fn name(code: &str) -> Option<&'static str> {
    NUTS.binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| NUTS[i].1)
}

/// Whether a text has the shape of a NUTS code of levels 1 to 3: two
/// capital letters and one to three capital letters or digits.
#[must_use]
pub fn is_shaped(code: &str) -> bool {
    let bytes = code.as_bytes();
    (3..=5).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The NUTS level of a code: 1, 2 or 3.
#[must_use]
pub fn level(code: &str) -> usize {
    code.len().saturating_sub(2)
}

/// The nearest code of the table, for a "did you mean": same country, the
/// fewest edits, then the longest shared beginning (a typo is likelier at
/// the end, where the finer levels are).
#[must_use]
pub fn suggest(code: &str) -> Option<&'static str> {
    let country = code.get(..2)?;
    let shared = |c: &str| {
        c.bytes()
            .zip(code.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    };
    NUTS.iter()
        .filter(|(c, _)| c.starts_with(country))
        .map(|(c, _)| {
            (
                strsim::levenshtein(code, c),
                std::cmp::Reverse(shared(c)),
                *c,
            )
        })
        .filter(|(distance, _, _)| *distance <= 2)
        .min()
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_unique_and_well_shaped() {
        for pair in NUTS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (code, name) in NUTS {
            assert!(is_shaped(code), "{code}");
            assert!(!name.is_empty());
            assert!(
                rust_iso3166::from_alpha2(&code[..2]).is_some(),
                "{code}: its prefix must be the ISO country"
            );
        }
    }

    #[test]
    fn every_code_below_level_one_has_its_parent_in_the_table() {
        for (code, _) in NUTS.iter().filter(|(c, _)| level(c) > 1) {
            let parent = &code[..code.len() - 1];
            assert!(name(parent).is_some(), "{code} has no parent {parent}");
        }
    }

    #[test]
    fn partner_regions_name_codes_of_the_table_in_their_own_country() {
        for (iso, nuts) in PARTNER_NUTS {
            assert!(name(nuts).is_some(), "{nuts}");
            assert_eq!(&iso[..2], &nuts[..2]);
        }
    }

    #[test]
    fn suggestions_stay_in_the_country() {
        assert_eq!(suggest("PT1811"), Some("PT181"));
        assert_eq!(suggest("DK0444"), Some("DK04"));
        assert_eq!(suggest("XX123"), None);
    }
}
