//! What a person types where the bank asks for a number or countries, read
//! as they meant it: `2,500` and `2 500` are two thousand five hundred;
//! `Denmark`, `dk` and `DNK` are all Denmark. The app's forms and the
//! accessible mode read typed answers through here, so both accept the same.

/// A whole number as people write it: digits, optionally grouped by
/// thousands with a space, a comma, a dot, an apostrophe or an underscore
/// (`2 500`, `2,500`, `2.500`, `1'000'000`). A separator that does not group
/// thousands (`2,5`, a decimal) makes it no whole number: `None`, rather
/// than a guess that is off by a thousand.
#[must_use]
pub fn whole_number(typed: &str) -> Option<u64> {
    let typed = typed.trim();
    let is_separator = |c: char| matches!(c, ' ' | ',' | '.' | '\'' | '_' | '\u{a0}' | '\u{202f}');
    let groups: Vec<&str> = typed.split(is_separator).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if groups.len() > 1 {
        // One kind of separator, grouping thousands.
        let mut separators = typed.chars().filter(|&c| is_separator(c));
        let first = separators.next()?;
        if separators.any(|c| c != first)
            || !digits(groups[0])
            || groups[0].len() > 3
            || !groups[1..].iter().all(|g| g.len() == 3 && digits(g))
        {
            return None;
        }
    } else if !digits(typed) {
        return None;
    }
    groups.concat().parse().ok()
}

/// Other names people type for a country than its ISO code or its English
/// short name in ISO 3166: the names in common use where the official one
/// is long, and the parts of the United Kingdom.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("united kingdom", "GB"),
    ("uk", "GB"),
    ("great britain", "GB"),
    ("britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northern ireland", "GB"),
    ("united states", "US"),
    ("usa", "US"),
    ("america", "US"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("russia", "RU"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("holland", "NL"),
    ("netherlands", "NL"),
    ("vietnam", "VN"),
    ("iran", "IR"),
    ("syria", "SY"),
    ("taiwan", "TW"),
    ("bolivia", "BO"),
    ("venezuela", "VE"),
    ("tanzania", "TZ"),
    ("moldova", "MD"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
];

/// The ISO 3166-1 alpha-2 code of a country as typed: its alpha-2 or
/// alpha-3 code in any case, its English short name in ISO 3166 (without
/// the part in brackets: "Bolivia (Plurinational State of)" is "Bolivia"),
/// or a name in common use; case, accents and a leading "the" aside.
#[must_use]
pub fn country(typed: &str) -> Option<String> {
    let folded = crate::search::fold::fold_str(typed.trim());
    let folded = folded.strip_prefix("the ").unwrap_or(&folded).trim();
    if folded.is_empty() {
        return None;
    }
    let upper = folded.to_uppercase();
    if let Some(country) = rust_iso3166::from_alpha2(&upper) {
        return Some(country.alpha2.to_owned());
    }
    if let Some(country) = rust_iso3166::from_alpha3(&upper) {
        return Some(country.alpha2.to_owned());
    }
    if let Some((_, code)) = OTHER_NAMES.iter().find(|(name, _)| *name == folded) {
        return Some((*code).to_owned());
    }
    rust_iso3166::ALL
        .iter()
        .find(|c| {
            let name = crate::search::fold::fold_str(c.name);
            let short = name.split(" (").next().unwrap_or(&name).trim();
            name == folded || short == folded
        })
        .map(|c| c.alpha2.to_owned())
        .or_else(|| local_names().get(folded).map(|&code| code.to_owned()))
}

/// Every country's name in each language the app speaks, folded, to its
/// code: an adviser in Gdańsk types "Niemcy", one in Zagreb "Njemačka".
/// Built once, on the first name that is not English.
fn local_names() -> &'static std::collections::HashMap<String, &'static str> {
    static NAMES: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = std::collections::HashMap::new();
        for country in rust_iso3166::ALL {
            for lang in crate::i18n::Lang::ALL {
                if lang == crate::i18n::Lang::En {
                    continue;
                }
                if let Some(name) = crate::i18n::names::country(country.alpha2, lang) {
                    names
                        .entry(crate::search::fold::fold_str(&name))
                        .or_insert(country.alpha2);
                }
            }
        }
        names
    })
}

/// Countries typed as a list: separated by commas or semicolons, each a
/// code or a name (`Germany, Sweden`), or codes separated by spaces
/// (`de se us`). Duplicates are dropped, the order kept. On a part that is
/// no country, `Err` with that part as typed.
pub fn countries(typed: &str) -> Result<Vec<String>, String> {
    let (codes, unknown) = read_countries(typed);
    match unknown {
        Some(part) => Err(part),
        None => Ok(codes),
    }
}

/// The countries understood so far in a list being typed, the parts not
/// (yet) a country left out: what the form shows as "recognised".
#[must_use]
pub fn countries_so_far(typed: &str) -> Vec<String> {
    read_countries(typed).0
}

/// The countries of a typed list, and the first part that is none.
fn read_countries(typed: &str) -> (Vec<String>, Option<String>) {
    let mut unknown = None;
    let mut codes: Vec<String> = Vec::new();
    let mut add = |code: String| {
        if !codes.contains(&code) {
            codes.push(code);
        }
    };
    for part in typed
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(code) = country(part) {
            add(code);
            continue;
        }
        for word in part.split_whitespace() {
            match country(word) {
                Some(code) => add(code),
                None => {
                    unknown.get_or_insert_with(|| word.to_owned());
                }
            }
        }
    }
    (codes, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_grouped_by_thousands_are_read_as_meant() {
        for (typed, number) in [
            ("2500", 2_500),
            ("2,500", 2_500),
            ("2 500", 2_500),
            ("2.500", 2_500),
            ("1'000'000", 1_000_000),
            ("1\u{a0}250\u{a0}000", 1_250_000),
            (" 42 ", 42),
            ("0", 0),
        ] {
            assert_eq!(whole_number(typed), Some(number), "{typed:?}");
        }
        for typed in [
            "2,5",
            "2.50",
            "1,000.5",
            "1,000 000",
            "12,34,567",
            "",
            "-3",
            "3 kg",
            ",500",
        ] {
            assert_eq!(whole_number(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn countries_are_read_by_code_or_name() {
        assert_eq!(country("Denmark").as_deref(), Some("DK"));
        assert_eq!(country("dk").as_deref(), Some("DK"));
        assert_eq!(country("DNK").as_deref(), Some("DK"));
        assert_eq!(country("the United Kingdom").as_deref(), Some("GB"));
        assert_eq!(country("United States").as_deref(), Some("US"));
        assert_eq!(country("Bolivia").as_deref(), Some("BO"));
        assert_eq!(country("côte d'ivoire").as_deref(), Some("CI"));
        assert_eq!(country("Narnia"), None);
        assert_eq!(
            countries("Germany, Sweden; us").unwrap(),
            ["DE", "SE", "US"]
        );
        assert_eq!(countries("de se de").unwrap(), ["DE", "SE"]);
        assert_eq!(countries("Germany, Narnia"), Err("Narnia".to_owned()));
        assert_eq!(countries("  ").unwrap(), Vec::<String>::new());
        assert_eq!(countries_so_far("Germany, Swed"), ["DE"]);
    }

    #[test]
    fn countries_are_read_by_their_names_in_every_language_spoken() {
        assert_eq!(country("Niemcy").as_deref(), Some("DE"));
        assert_eq!(country("njemacka").as_deref(), Some("DE"));
        assert_eq!(country("Tyskland").as_deref(), Some("DE"));
        assert_eq!(country("Regno Unito").as_deref(), Some("GB"));
        assert_eq!(country("Estados Unidos").as_deref(), Some("US"));
        assert_eq!(countries("Chorwacja, Dania").unwrap(), ["HR", "DK"]);
    }
}
