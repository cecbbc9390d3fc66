//! Matching a profile to the catalogue: hard eligibility first, then a ranked
//! score, every step with its reasons in plain words.
//!
//! Eligibility (`matching::rules`, all must hold): the service is active; it is
//! available where the firm is (subdivision ⊂ country ⊂ EU ⊂ anywhere); the
//! firm's size, sector and years of trading fit; the service is written for
//! one of the firm's modes or meets a need one of them brings (`matching::modes`); it
//! shares a scope with the firm's markets and — when it is limited to some —
//! a target market; its typed conditions hold. A condition the answers cannot
//! settle leaves the service possibly eligible, with the question to check.
//!
//! Score: needs met (weighted by the need's weight), fit with the current
//! stage, the lowest fitting tier first (municipality before region before
//! state, the Danish model), mode, scope and market fit, minus a penalty when
//! the firm already uses that kind of support or a condition is open. Equal
//! scores fall to relevance ([`Relevance`]). `docs/assessment.md` gives the
//! numbers.

mod modes;
mod rules;

pub use modes::implied_needs;
use modes::related_need;
pub use rules::{Rule, exclusions, failed_rules, is_eligible, open_checks, thousands};
use rules::{eligible_within, open_checks_within};
use serde::Serialize;

use crate::assessment::Profile;
use crate::catalogue::{Area, Catalogue, Service, ServiceId};
use crate::i18n::{Lang, Text};
use crate::vocab::{Scope, Stage, Tier};

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
    /// What the firm must check, for a service it is only possibly eligible
    /// for ([`open_checks`]); empty when its answers settle every condition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<String>,
    /// How it ranks among services of the same score.
    #[serde(skip)]
    pub relevance: Relevance,
    /// The language the reasons are written in, which [`Match::reasons_at`]
    /// goes on writing in.
    #[serde(skip)]
    pub lang: Lang,
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
        let lang = self.lang;
        let mut reasons = self.reasons.clone();
        if self.service.stages.contains(&stage) {
            let text = if current {
                Text::WhyFitsStage
            } else {
                Text::WhyLaterStage
            };
            reasons.push(lang.fill(text, &[("stage", stage.label_in(lang))]));
        }
        reasons
    }
}

/// The eligible services for a profile, best first, their reasons in `lang`. Equal scores are
/// ordered by relevance ([`Relevance`]), and only then by catalogue order.
#[must_use]
pub fn match_services<'c>(
    profile: &Profile,
    catalogue: &'c Catalogue,
    lang: Lang,
) -> Vec<Match<'c>> {
    rank(profile, catalogue.services().iter().enumerate(), lang)
}

/// [`match_services`] among some services only (positions in the
/// catalogue, in order): for a caller that has already set aside those a
/// firm cannot use, such as the landscape's typical firms, which share a
/// location.
#[must_use]
pub fn match_among<'c>(
    profile: &Profile,
    catalogue: &'c Catalogue,
    services: &[usize],
    lang: Lang,
) -> Vec<Match<'c>> {
    let all = catalogue.services();
    rank(profile, services.iter().map(|&i| (i, &all[i])), lang)
}

fn rank<'c>(
    profile: &Profile,
    services: impl Iterator<Item = (usize, &'c Service)>,
    lang: Lang,
) -> Vec<Match<'c>> {
    // The firm's scopes, worked out once rather than for every service.
    let reach = profile.reach();
    let mut matches: Vec<Match<'c>> = services
        .filter(|(_, service)| eligible_within(profile, &reach, service))
        .map(|(place, service)| score(profile, &reach, service, place, lang))
        .collect();
    matches.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.relevance.cmp(&b.relevance))
    });
    matches
}

/// The order of services of equal score, most relevant first (smaller
/// sorts first): certainly eligible before possibly eligible; confirmed on a
/// page of its provider before unconfirmed; the most
/// specific area (a subdivision, then a country, the EU, anywhere); specific
/// to the firm's sector; the lowest tier; the most of the firm's needs met;
/// and last the place in the catalogue, so the order is total and stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Relevance {
    open: bool,
    unconfirmed: bool,
    area: u8,
    open_sector: bool,
    tier: Tier,
    needs_unmet: std::cmp::Reverse<usize>,
    place: usize,
}

impl Relevance {
    /// How closely the service's area fits the firm's location: 0 for its
    /// region, 1 its country, 2 the EU, 3 anywhere.
    #[must_use]
    pub fn area_fit(&self) -> u8 {
        self.area
    }
}

fn relevance(profile: &Profile, service: &Service, place: usize, open: bool) -> Relevance {
    let area = service
        .areas
        .iter()
        .filter(|a| profile.company.in_area(a) != Some(false))
        .map(|a| match a {
            Area::Subdivision(_) | Area::Nuts(_) => 0,
            Area::Country(_) => 1,
            Area::Eu => 2,
            Area::Anywhere => 3,
        })
        .min()
        .unwrap_or(3);
    let met = profile
        .needs
        .iter()
        .filter(|n| service.needs.contains(&n.need))
        .count();
    Relevance {
        open,
        unconfirmed: service.unverified.is_some(),
        area,
        open_sector: service.eligibility.sectors.is_empty()
            && service.eligibility.divisions.is_empty(),
        tier: service.tier,
        needs_unmet: std::cmp::Reverse(met),
        place,
    }
}

/// Points taken from a service the firm is only possibly eligible for, so
/// that one it certainly may use comes first when they are otherwise close.
pub const POSSIBLY_ELIGIBLE: i64 = 10;

fn score<'c>(
    profile: &Profile,
    reach: &[Scope],
    service: &'c Service,
    place: usize,
    lang: Lang,
) -> Match<'c> {
    let mut base = 0;
    let mut reasons = Vec::new();
    let checks = open_checks_within(profile, reach, service, lang);
    if !checks.is_empty() {
        base -= POSSIBLY_ELIGIBLE;
        reasons.push(lang.fill(Text::WhyPossibly, &[("checks", &checks.join("; "))]));
    }
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
            lang.fill(
                Text::WhyNeedWeakest,
                &[
                    ("need", need.need.label_in(lang)),
                    ("dimension", dimension.label_in(lang)),
                ],
            )
        } else {
            lang.fill(Text::WhyNeed, &[("need", need.need.label_in(lang))])
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
    ) && let Some(area) = service.areas.iter().find(|a| {
        matches!(a, Area::Subdivision(_) | Area::Nuts(_))
            && a.holds(location, profile.company.nuts.as_ref()) == Some(true)
    }) {
        reasons.push(lang.fill(Text::WhyClose, &[("area", &area.name_in(lang))]));
    }
    base += mode_fit(profile, service, &mut reasons, lang);
    let scopes: Vec<&str> = service
        .scopes
        .iter()
        .filter(|s| reach.contains(s))
        .map(|s| s.phrase_in(lang))
        .collect();
    if !scopes.is_empty() && service.scopes.len() < 3 {
        base += 5;
        reasons.push(lang.fill(
            Text::WhyScopes,
            &[("scopes", &scopes.join(lang.tr(Text::ListOr)))],
        ));
    }
    let markets: Vec<String> = service
        .markets
        .iter()
        .filter(|m| profile.markets.contains(m))
        .map(|a| a.name_in(lang))
        .collect();
    if !markets.is_empty() {
        base += 15;
        reasons.push(lang.fill(Text::WhyMarkets, &[("markets", &markets.join(", "))]));
    }
    if !service.support.is_empty()
        && service
            .support
            .iter()
            .all(|s| profile.support_in_use.contains(s))
    {
        base -= 40;
        let kinds: Vec<&str> = service.support.iter().map(|s| s.label_in(lang)).collect();
        let kinds = kinds.join(lang.tr(Text::ListAnd)).to_lowercase();
        reasons.push(lang.fill(Text::WhyAlreadyHave, &[("support", &kinds)]));
    }
    let open = !checks.is_empty();
    let mut found = Match {
        service,
        base,
        score: 0,
        reasons,
        checks,
        relevance: relevance(profile, service, place, open),
        lang,
    };
    found.score = found.score_at(profile.stage);
    found
}

/// Points for the firm's modes a service is written for (8 each), with the
/// reason: which of them a specialised service serves, or the need one of
/// the firm's modes brings that a service written for others meets.
fn mode_fit(profile: &Profile, service: &Service, reasons: &mut Vec<String>, lang: Lang) -> i64 {
    let modes: Vec<&str> = service
        .modes
        .iter()
        .filter(|m| profile.modes.contains(m))
        .map(|m| m.label_in(lang))
        .collect();
    // A service for one or two modes is specialised; say which of yours it serves.
    if !modes.is_empty() && service.modes.len() <= 2 {
        let modes = modes.join(lang.tr(Text::ListAnd)).to_lowercase();
        reasons.push(lang.fill(Text::WhyModes, &[("modes", &modes)]));
    }
    // Open to the firm through a need its own mode brings: say which.
    if modes.is_empty()
        && let Some((mode, need)) = related_need(profile, service)
    {
        let written: Vec<&str> = service.modes.iter().map(|m| m.label_in(lang)).collect();
        reasons.push(lang.fill(
            Text::WhyRelatedMode,
            &[
                ("modes", &written.join(lang.tr(Text::ListOr)).to_lowercase()),
                ("mode", &mode.label_in(lang).to_lowercase()),
                ("need", need.label_in(lang)),
            ],
        ));
    }
    8 * i64::try_from(modes.len()).unwrap_or(0)
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
        /// The journey stage it is placed at, if it is in the journey.
        #[serde(skip_serializing_if = "Option::is_none")]
        stage: Option<Stage>,
        /// Whether and where it is in the journey, in words.
        journey: String,
    },
}

/// Explains one service's place for a profile, or `None` if the id is
/// unknown: why it is excluded, or its rank among the eligible services and
/// whether and where the journey (`per_stage` services a stage) shows it.
#[must_use]
pub fn explain(
    profile: &Profile,
    catalogue: &Catalogue,
    id: &str,
    per_stage: usize,
    lang: Lang,
) -> Option<Explanation> {
    let service = catalogue.service(id)?;
    let reasons = exclusions(profile, service, lang);
    if !reasons.is_empty() {
        return Some(Explanation::Excluded {
            service: service.id.clone(),
            reasons,
        });
    }
    let matches = match_services(profile, catalogue, lang);
    let rank = matches.iter().position(|m| m.service.id == service.id)?;
    let stage = crate::journey::plan_from_matches(profile, catalogue, &matches, per_stage, lang)
        .stage_of(service.id.as_str());
    let journey = match stage {
        Some(stage) => lang.fill(Text::JourneyPlaced, &[("stage", stage.label_in(lang))]),
        None => lang.tr(Text::JourneyNotPlaced).to_owned(),
    };
    Some(Explanation::Ranked {
        service: service.id.clone(),
        rank: rank + 1,
        of: matches.len(),
        score: matches[rank].score,
        reasons: matches[rank].reasons_at(profile.stage, true),
        stage,
        journey,
    })
}
