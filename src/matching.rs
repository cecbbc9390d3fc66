//! Matching a profile to the catalogue: hard eligibility first, then a ranked
//! score, every step with its reasons in plain words.
//!
//! Eligibility (all must hold): the service is active; it is available where
//! the firm is (subdivision ⊂ country ⊂ EU ⊂ anywhere); the firm's size,
//! sector and years of trading fit; the service serves one of the firm's
//! modes, scopes and — when it is limited to some — target markets. A fact the
//! firm has not given does not exclude a service.
//!
//! Score: needs met (weighted by the need's weight), fit with the current
//! stage, the lowest fitting tier first (municipality before region before
//! state, the Danish model), mode, scope and market fit, minus a penalty when
//! the firm already uses that kind of support. `docs/assessment.md` gives the
//! numbers.

use serde::Serialize;

use crate::assessment::Profile;
use crate::catalogue::{Area, Catalogue, Service, ServiceId};
use crate::i18n::{Text, fill, tr};
use crate::vocab::{NaceSection, SizeClass, Stage, Status, Tier};

/// Points for a service that serves the profile's current stage.
pub const STAGE_FIT: i64 = 30;

/// An eligible service with its score and the reasons for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match<'c> {
    #[serde(serialize_with = "serialize_id")]
    pub service: &'c Service,
    /// The score without the stage bonus, so a journey can rank by any stage.
    pub base: i64,
    /// The score at the profile's own stage.
    pub score: i64,
    /// Why, apart from the stage (see [`Match::reasons_at`]).
    pub reasons: Vec<String>,
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference"
)]
fn serialize_id<S: serde::Serializer>(service: &&Service, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(service.id.as_str())
}

impl Match<'_> {
    /// The score of the service for a given journey stage.
    #[must_use]
    pub fn score_at(&self, stage: Stage) -> i64 {
        self.base
            + if self.service.stages.contains(&stage) {
                STAGE_FIT
            } else {
                0
            }
    }

    /// The reasons, with how the service fits `stage` (`current` when that is
    /// the profile's own stage).
    #[must_use]
    pub fn reasons_at(&self, stage: Stage, current: bool) -> Vec<String> {
        let mut reasons = self.reasons.clone();
        if self.service.stages.contains(&stage) {
            let text = if current {
                Text::WhyFitsStage
            } else {
                Text::WhyLaterStage
            };
            reasons.push(fill(text, &[("stage", stage.label())]));
        }
        reasons
    }
}

/// One rule of eligibility. The rules are tested without a word written —
/// most services of a large catalogue fail one, and only an explanation
/// needs it put into words ([`Rule::words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Closed services are history only.
    Active,
    /// Without a location nothing can be confirmed, not even "anywhere":
    /// the firm's country also decides its scope and which schemes compete.
    Located,
    Area,
    Size,
    Staff,
    Turnover,
    Sector,
    Years,
    Modes,
    Scopes,
    Markets,
}

impl Rule {
    /// Every rule, in the order its reason is given.
    const ALL: [Rule; 11] = [
        Rule::Active,
        Rule::Located,
        Rule::Area,
        Rule::Size,
        Rule::Staff,
        Rule::Turnover,
        Rule::Sector,
        Rule::Years,
        Rule::Modes,
        Rule::Scopes,
        Rule::Markets,
    ];

    /// Whether the service fails this rule for the profile. A fact the firm
    /// has not given fails no rule but `Located`.
    fn fails(self, profile: &Profile, service: &Service) -> bool {
        let company = &profile.company;
        let eligibility = &service.eligibility;
        match self {
            Rule::Active => service.status == Status::Closed,
            Rule::Located => company.location().is_none(),
            Rule::Area => company
                .location()
                .is_some_and(|location| !service.areas.iter().any(|a| a.contains(location))),
            Rule::Size => company.size_class().is_some_and(|size| {
                !eligibility.sizes.is_empty() && !eligibility.sizes.contains(&size)
            }),
            Rule::Staff => matches!(
                (eligibility.employees, company.employees),
                (Some(bounds), Some(employees)) if !bounds.contains(employees)
            ),
            Rule::Turnover => matches!(
                (eligibility.turnover_eur, company.turnover_eur),
                (Some(bounds), Some(turnover)) if !bounds.contains(turnover)
            ),
            Rule::Sector => company.sector.is_some_and(|sector| {
                !eligibility.sectors.is_empty() && !eligibility.sectors.contains(&sector)
            }),
            Rule::Years => matches!(
                (eligibility.min_years_trading, company.years_trading),
                (Some(minimum), Some(years)) if years < u64::from(minimum)
            ),
            Rule::Modes => {
                !profile.modes.is_empty()
                    && !service.modes.iter().any(|m| profile.modes.contains(m))
            }
            Rule::Scopes => {
                !profile.scopes.is_empty()
                    && !service.scopes.is_empty()
                    && !service.scopes.iter().any(|s| profile.scopes.contains(s))
            }
            Rule::Markets => {
                !profile.markets.is_empty()
                    && !service.markets.is_empty()
                    && !service.markets.iter().any(|m| profile.markets.contains(m))
            }
        }
    }

    /// Why a service fails this rule, in words; for a rule it fails.
    fn words(self, profile: &Profile, service: &Service) -> String {
        let company = &profile.company;
        let eligibility = &service.eligibility;
        let location = || company.location().map(Area::name).unwrap_or_default();
        match self {
            Rule::Active => tr(Text::NotClosed).to_owned(),
            Rule::Located => tr(Text::NotLocated).to_owned(),
            Rule::Area => {
                let areas: Vec<String> = service.areas.iter().map(Area::name).collect();
                fill(
                    Text::NotArea,
                    &[("areas", &areas.join(", ")), ("location", &location())],
                )
            }
            Rule::Size => size_words(profile, service),
            Rule::Staff => fill(
                Text::NotStaff,
                &[
                    (
                        "bounds",
                        &describe_bounds(eligibility.employees.unwrap_or_default()),
                    ),
                    ("staff", &company.employees.unwrap_or_default().to_string()),
                ],
            ),
            Rule::Turnover => fill(
                Text::NotTurnover,
                &[
                    (
                        "bounds",
                        &describe_bounds(eligibility.turnover_eur.unwrap_or_default()),
                    ),
                    (
                        "turnover",
                        &thousands(company.turnover_eur.unwrap_or_default()),
                    ),
                ],
            ),
            Rule::Sector => {
                let sectors: Vec<&str> = eligibility.sectors.iter().map(|s| s.label()).collect();
                let sector = company.sector.map(NaceSection::label).unwrap_or_default();
                fill(
                    Text::NotSector,
                    &[("sectors", &sectors.join(", ")), ("sector", sector)],
                )
            }
            Rule::Years => fill(
                Text::NotYears,
                &[
                    (
                        "minimum",
                        &eligibility
                            .min_years_trading
                            .unwrap_or_default()
                            .to_string(),
                    ),
                    (
                        "years",
                        &company.years_trading.unwrap_or_default().to_string(),
                    ),
                ],
            ),
            Rule::Modes => {
                let modes: Vec<&str> = service.modes.iter().map(|m| m.label()).collect();
                fill(Text::NotModes, &[("modes", &modes.join(", "))])
            }
            Rule::Scopes => {
                let scopes: Vec<&str> = service.scopes.iter().map(|s| s.phrase()).collect();
                fill(
                    Text::NotScopes,
                    &[("scopes", &scopes.join(tr(Text::ListOr)))],
                )
            }
            Rule::Markets => {
                let markets: Vec<String> = service.markets.iter().map(Area::name).collect();
                fill(Text::NotMarkets, &[("markets", &markets.join(", "))])
            }
        }
    }
}

/// Why the firm's size does not fit a service's sizes, in words.
fn size_words(profile: &Profile, service: &Service) -> String {
    let company = &profile.company;
    let sizes = &service.eligibility.sizes;
    let size = company.size_class().unwrap_or(SizeClass::Large);
    let allowed: Vec<&str> = sizes.iter().map(|s| s.label()).collect();
    let sme_only = !sizes.contains(&SizeClass::Large);
    let staff = company.employees.unwrap_or_default().to_string();
    if size == SizeClass::Large && sme_only {
        let sizes = allowed.join(", ");
        match company.turnover_eur {
            Some(t) => fill(
                Text::NotSmeTurnover,
                &[
                    ("sizes", &sizes),
                    ("staff", &staff),
                    ("turnover", &thousands(t)),
                ],
            ),
            None => fill(Text::NotSme, &[("sizes", &sizes), ("staff", &staff)]),
        }
    } else {
        fill(
            Text::NotSize,
            &[
                ("sizes", &allowed.join(tr(Text::ListOr))),
                ("size", size.label()),
            ],
        )
    }
}

/// Why a service cannot be referred, one reason per failed rule.
#[must_use]
pub fn exclusions(profile: &Profile, service: &Service) -> Vec<String> {
    Rule::ALL
        .iter()
        .filter(|rule| rule.fails(profile, service))
        .map(|rule| rule.words(profile, service))
        .collect()
}

/// Whether a service may be referred to the firm: it fails no rule of
/// [`exclusions`], found without putting any reason into words.
#[must_use]
pub fn is_eligible(profile: &Profile, service: &Service) -> bool {
    !Rule::ALL.iter().any(|rule| rule.fails(profile, service))
}

/// The eligible services for a profile, best first (ties by id).
#[must_use]
pub fn match_services<'c>(profile: &Profile, catalogue: &'c Catalogue) -> Vec<Match<'c>> {
    let mut matches: Vec<Match<'c>> = catalogue
        .services()
        .iter()
        .filter(|service| is_eligible(profile, service))
        .map(|service| score(profile, service))
        .collect();
    matches.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.service.id.cmp(&b.service.id))
    });
    matches
}

fn score<'c>(profile: &Profile, service: &'c Service) -> Match<'c> {
    let mut base = 0;
    let mut reasons = Vec::new();
    let weakest = profile.weakest();
    // Needs met count with diminishing returns — the most pressing in full,
    // the next half, then a quarter — so a broad service claiming many needs
    // does not drown a specialist one that meets the most pressing need.
    // (Profile needs are listed most pressing first.)
    let mut share = 1;
    for need in profile
        .needs
        .iter()
        .filter(|n| service.needs.contains(&n.need))
    {
        base += i64::from(need.weight) / share;
        share *= 2;
        let dimension = need.need.dimension();
        reasons.push(if Some(dimension) == weakest {
            fill(
                Text::WhyNeedWeakest,
                &[
                    ("need", need.need.label()),
                    ("dimension", dimension.label()),
                ],
            )
        } else {
            fill(Text::WhyNeed, &[("need", need.need.label())])
        });
    }
    let tier_points = match service.tier {
        Tier::Local => 12,
        Tier::Regional => 9,
        Tier::National => 6,
        Tier::European => 3,
    };
    base += tier_points;
    if let (Some(location), true) = (
        profile.company.location(),
        matches!(service.tier, Tier::Local | Tier::Regional),
    ) && let Some(area) = service
        .areas
        .iter()
        .find(|a| matches!(a, Area::Subdivision(_)) && a.contains(location))
    {
        reasons.push(fill(Text::WhyClose, &[("area", &area.name())]));
    }
    let modes: Vec<&str> = service
        .modes
        .iter()
        .filter(|m| profile.modes.contains(m))
        .map(|m| m.label())
        .collect();
    base += 8 * i64::try_from(modes.len()).unwrap_or(0);
    // A service for one or two modes is specialised; say which of yours it serves.
    if !modes.is_empty() && service.modes.len() <= 2 {
        let modes = modes.join(tr(Text::ListAnd)).to_lowercase();
        reasons.push(fill(Text::WhyModes, &[("modes", &modes)]));
    }
    let scopes: Vec<&str> = service
        .scopes
        .iter()
        .filter(|s| profile.scopes.contains(s))
        .map(|s| s.phrase())
        .collect();
    if !scopes.is_empty() && service.scopes.len() < 3 {
        base += 5;
        reasons.push(fill(
            Text::WhyScopes,
            &[("scopes", &scopes.join(tr(Text::ListOr)))],
        ));
    }
    let markets: Vec<String> = service
        .markets
        .iter()
        .filter(|m| profile.markets.contains(m))
        .map(Area::name)
        .collect();
    if !markets.is_empty() {
        base += 15;
        reasons.push(fill(Text::WhyMarkets, &[("markets", &markets.join(", "))]));
    }
    if !service.support.is_empty()
        && service
            .support
            .iter()
            .all(|s| profile.support_in_use.contains(s))
    {
        base -= 40;
        let kinds: Vec<&str> = service.support.iter().map(|s| s.label()).collect();
        let kinds = kinds.join(tr(Text::ListAnd)).to_lowercase();
        reasons.push(fill(Text::WhyAlreadyHave, &[("support", &kinds)]));
    }
    let mut found = Match {
        service,
        base,
        score: 0,
        reasons,
    };
    found.score = found.score_at(profile.stage);
    found
}

/// Why a service was excluded, or where it ranked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "lowercase")]
pub enum Explanation {
    Excluded {
        service: ServiceId,
        reasons: Vec<String>,
    },
    Ranked {
        service: ServiceId,
        rank: usize,
        of: usize,
        score: i64,
        reasons: Vec<String>,
    },
}

/// Explains one service's place for a profile, or `None` if the id is unknown.
#[must_use]
pub fn explain(profile: &Profile, catalogue: &Catalogue, id: &str) -> Option<Explanation> {
    let service = catalogue.service(id)?;
    let reasons = exclusions(profile, service);
    if !reasons.is_empty() {
        return Some(Explanation::Excluded {
            service: service.id.clone(),
            reasons,
        });
    }
    let matches = match_services(profile, catalogue);
    let rank = matches.iter().position(|m| m.service.id == service.id)?;
    Some(Explanation::Ranked {
        service: service.id.clone(),
        rank: rank + 1,
        of: matches.len(),
        score: matches[rank].score,
        reasons: matches[rank].reasons_at(profile.stage, true),
    })
}

fn describe_bounds(bounds: crate::catalogue::Bounds) -> String {
    match (bounds.min, bounds.max) {
        (Some(min), Some(max)) => fill(
            Text::BoundsBetween,
            &[("min", &thousands(min)), ("max", &thousands(max))],
        ),
        (Some(min), None) => fill(Text::BoundsAtLeast, &[("min", &thousands(min))]),
        (None, Some(max)) => fill(Text::BoundsAtMost, &[("max", &thousands(max))]),
        (None, None) => tr(Text::BoundsAny).to_owned(),
    }
}

/// `1234567` as `1,234,567`, grouped the current language's way
/// (`1.234.567` in Danish, `1 234 567` in Polish).
#[must_use]
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let separator = tr(Text::DigitGroup);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
