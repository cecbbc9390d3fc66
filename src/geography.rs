//! How far a market is from a firm's home country: the scopes a target
//! market falls in, derived from the two countries rather than asked.
//!
//! A market can fall in several scopes at once: Germany is both across the
//! border and in the single market for a Danish firm; France is across the
//! border (the Channel Tunnel) and beyond the home market for a UK firm.
//!
//! - **Across the border** ([`Scope::CrossBorder`]): the two countries share a
//!   land border or a fixed link (a bridge or tunnel), or face each other
//!   across a sea that one of the EU's cross-border (Interreg A) programmes
//!   spans — the programmes that fund "cross-border" projects define who the
//!   neighbours are. The pairs are listed in [`NEIGHBOURS`]; a pair missing
//!   from the list only means the market counts as single-market or global.
//! - **Within the single market** ([`Scope::SingleMarket`]): both countries
//!   are members of the EU or the EEA (Norway, Iceland, Liechtenstein). Never
//!   for a firm outside them: for a UK firm the EU is not its single market.
//! - **Beyond the EU** ([`Scope::Global`]): every other market, and also the
//!   EEA countries outside the EU seen from an EU firm (and the EU seen from
//!   an EEA firm): they share the single market but not the EU's customs
//!   union, so customs help applies.
//!
//! `docs/assessment.md` explains how these combine with a scope ticked in the
//! assessment.

use crate::catalogue::Area;
use crate::catalogue::area::EU_MEMBERS;
use crate::vocab::Scope;

/// The EEA members outside the EU, in the single market by the EEA Agreement.
const EEA_NOT_EU: [&str; 3] = ["IS", "LI", "NO"];

/// Neighbouring countries, each pair once (order does not matter): land
/// borders in and around Europe, the fixed links (Øresund bridge: DK–SE;
/// Channel Tunnel: FR–GB), and the sea crossings of Interreg A programmes
/// (Italy–Croatia, Italy–Malta, Greece–Italy; South Baltic: Denmark, Germany,
/// Lithuania, Poland, Sweden; Central Baltic: Estonia, Finland, Latvia,
/// Sweden; Øresund–Kattegat–Skagerrak: Denmark, Norway, Sweden).
pub const NEIGHBOURS: &[(&str, &str)] = &[
    // Western Europe and the British Isles
    ("GB", "IE"),
    ("FR", "GB"),
    ("PT", "ES"),
    ("ES", "FR"),
    ("ES", "AD"),
    ("AD", "FR"),
    ("FR", "BE"),
    ("FR", "LU"),
    ("FR", "DE"),
    ("FR", "CH"),
    ("FR", "IT"),
    ("FR", "MC"),
    ("BE", "NL"),
    ("BE", "DE"),
    ("BE", "LU"),
    ("NL", "DE"),
    ("LU", "DE"),
    // Central Europe and the Alps
    ("DE", "DK"),
    ("DE", "PL"),
    ("DE", "CZ"),
    ("DE", "AT"),
    ("DE", "CH"),
    ("CH", "AT"),
    ("CH", "IT"),
    ("CH", "LI"),
    ("AT", "LI"),
    ("AT", "IT"),
    ("AT", "CZ"),
    ("AT", "SK"),
    ("AT", "HU"),
    ("AT", "SI"),
    ("IT", "SI"),
    ("IT", "SM"),
    ("IT", "VA"),
    ("CZ", "PL"),
    ("CZ", "SK"),
    ("PL", "SK"),
    ("PL", "LT"),
    ("PL", "BY"),
    ("PL", "UA"),
    ("PL", "RU"),
    ("SK", "HU"),
    ("SK", "UA"),
    ("HU", "SI"),
    ("HU", "HR"),
    ("HU", "RS"),
    ("HU", "RO"),
    ("HU", "UA"),
    // South-eastern Europe
    ("SI", "HR"),
    ("HR", "BA"),
    ("HR", "RS"),
    ("HR", "ME"),
    ("BA", "RS"),
    ("BA", "ME"),
    ("RS", "ME"),
    ("RS", "RO"),
    ("RS", "BG"),
    ("RS", "MK"),
    ("ME", "AL"),
    ("AL", "MK"),
    ("AL", "GR"),
    ("MK", "BG"),
    ("MK", "GR"),
    ("GR", "BG"),
    ("GR", "TR"),
    ("BG", "RO"),
    ("BG", "TR"),
    ("RO", "MD"),
    ("RO", "UA"),
    ("MD", "UA"),
    ("CY", "GR"),
    // The Nordic and Baltic countries
    ("DK", "SE"),
    ("SE", "NO"),
    ("SE", "FI"),
    ("NO", "FI"),
    ("NO", "RU"),
    ("FI", "RU"),
    ("EE", "LV"),
    ("EE", "RU"),
    ("LV", "LT"),
    ("LV", "BY"),
    ("LV", "RU"),
    ("LT", "BY"),
    ("LT", "RU"),
    ("BY", "UA"),
    ("BY", "RU"),
    ("UA", "RU"),
    // Sea crossings of Interreg A programmes
    ("IT", "HR"),
    ("IT", "MT"),
    ("IT", "GR"),
    ("DK", "NO"),
    ("DK", "PL"),
    ("DE", "SE"),
    ("PL", "SE"),
    ("LT", "SE"),
    ("EE", "FI"),
    ("LV", "SE"),
    ("EE", "SE"),
    ("FI", "LV"),
    // North America
    ("US", "CA"),
    ("US", "MX"),
];

/// Whether two countries are neighbours in the sense of [`NEIGHBOURS`].
#[must_use]
pub fn neighbours(a: &str, b: &str) -> bool {
    NEIGHBOURS
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

/// Whether a country is in the EU/EEA single market.
#[must_use]
pub fn in_single_market(country: &str) -> bool {
    EU_MEMBERS.contains(&country) || EEA_NOT_EU.contains(&country)
}

/// The country code of an area (`"DK"` for `"DK-82"`); `None` for `EU` and `*`.
#[must_use]
pub fn country_of(area: &Area) -> Option<&str> {
    match area {
        Area::Country(code) => Some(code),
        Area::Subdivision(code) => code.split_once('-').map(|(country, _)| country),
        Area::Nuts(code) => code.get(..2),
        Area::Eu | Area::Anywhere => None,
    }
}

/// The scopes a market falls in, seen from the firm's home country. The
/// home country itself is no market abroad and falls in none.
#[must_use]
pub fn scopes_of(home: &str, market: &str) -> Vec<Scope> {
    let mut scopes = Vec::new();
    if home == market {
        return scopes;
    }
    if neighbours(home, market) {
        scopes.push(Scope::CrossBorder);
    }
    let single = in_single_market(home) && in_single_market(market);
    if single {
        scopes.push(Scope::SingleMarket);
    }
    // Beyond the EU: outside the single market, or in it through the EEA
    // only (Norway, Iceland, Liechtenstein are outside the EU and its customs
    // union, so goods sent there need customs formalities), or seen from a
    // firm outside the EU.
    if !single || !EU_MEMBERS.contains(&market) || !EU_MEMBERS.contains(&home) {
        scopes.push(Scope::Global);
    }
    scopes
}

/// A scope the firm ticked, read from where it stands: "elsewhere in the
/// single market" means, for a firm outside the EU/EEA (a UK firm), markets
/// beyond its home market.
#[must_use]
pub fn ticked_scope(home: Option<&str>, scope: Scope) -> Scope {
    match (home, scope) {
        (Some(home), Scope::SingleMarket) if !in_single_market(home) => Scope::Global,
        _ => scope,
    }
}

/// The firm's scopes: those its markets fall in, with those it ticked (read
/// by [`ticked_scope`]), in the vocabulary's order and without repeats.
#[must_use]
pub fn reach(home: Option<&Area>, ticked: &[Scope], markets: &[Area]) -> Vec<Scope> {
    let home = home.and_then(country_of);
    let mut scopes: Vec<Scope> = ticked.iter().map(|&s| ticked_scope(home, s)).collect();
    if let Some(home) = home {
        for market in markets.iter().filter_map(country_of) {
            scopes.extend(scopes_of(home, market));
        }
    }
    scopes.sort_unstable();
    scopes.dedup();
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> Area {
        Area::Country(code.to_owned())
    }

    #[test]
    fn germany_is_across_the_border_and_in_the_single_market_for_a_danish_firm() {
        assert_eq!(
            scopes_of("DK", "DE"),
            [Scope::CrossBorder, Scope::SingleMarket]
        );
    }

    #[test]
    fn the_eu_is_never_a_uk_firms_single_market() {
        assert_eq!(scopes_of("GB", "FR"), [Scope::CrossBorder, Scope::Global]);
        assert_eq!(scopes_of("GB", "DE"), [Scope::Global]);
        assert_eq!(ticked_scope(Some("GB"), Scope::SingleMarket), Scope::Global);
        assert_eq!(
            ticked_scope(Some("DK"), Scope::SingleMarket),
            Scope::SingleMarket
        );
    }

    #[test]
    fn norway_is_in_the_single_market_and_switzerland_is_not() {
        assert_eq!(scopes_of("PL", "NO"), [Scope::SingleMarket, Scope::Global]);
        assert_eq!(
            scopes_of("PL", "DE"),
            [Scope::CrossBorder, Scope::SingleMarket]
        );
        assert_eq!(scopes_of("DE", "CH"), [Scope::CrossBorder, Scope::Global]);
    }

    #[test]
    fn the_home_country_is_no_market() {
        assert!(scopes_of("HR", "HR").is_empty());
    }

    #[test]
    fn reach_joins_ticked_scopes_and_those_of_the_markets() {
        let home = Area::Subdivision("HR-06".to_owned());
        assert_eq!(
            reach(Some(&home), &[Scope::CrossBorder], &[country("SI")]),
            [Scope::CrossBorder, Scope::SingleMarket]
        );
        assert_eq!(
            reach(None, &[Scope::Global], &[country("SI")]),
            [Scope::Global]
        );
    }

    #[test]
    fn every_neighbour_pair_is_two_valid_distinct_countries_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for &(a, b) in NEIGHBOURS {
            assert_ne!(a, b);
            for code in [a, b] {
                assert!(
                    matches!(Area::parse(code), Ok(Area::Country(_))),
                    "{code} is not a country code"
                );
            }
            let key = if a < b { (a, b) } else { (b, a) };
            assert!(seen.insert(key), "{a}-{b} is listed twice");
        }
    }
}
