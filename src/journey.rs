//! The customer journey: from the profile's stage to `Grow`, the best few
//! services per stage, each with its next action, and the needs no service
//! meets shown as gaps with a fallback contact.
//!
//! Rules, in order:
//! 1. For each stage, candidates are the eligible services serving that stage
//!    and not already placed earlier in the journey; they rank by their score
//!    at that stage, equal scores by relevance ([`crate::matching::Relevance`]).
//! 2. Up to `per_stage` are taken. At the current stage the first is the
//!    firm's first point of contact close to it: the lowest-tier local or
//!    regional advice, information or diagnostic service. Then the profile's
//!    needs, weighed by how much they matter at that stage ([`stage_weight`]),
//!    each go to the lowest tier that meets them — municipality before region
//!    before state before EU, the Danish model — then the best score; a new
//!    provider is preferred. Places left go by score, one per provider first.
//! 3. A need of the profile that the chosen services do not meet, but some
//!    eligible service does, gets the best such service added at its first
//!    journey stage (the current stage if it serves only earlier ones).
//!    Likewise each mode the firm pursues gets the best eligible service
//!    written for it, when the chosen ones serve it only through related needs.
//! 4. The best-ranked eligible service of all is always in the journey: if
//!    the rules above left it out, it is added at its first journey stage.
//!    And when nothing local or regional made the journey, the best local or
//!    regional service open to the firm at one of its stages is added: the
//!    door closest to home is never missing when there is one.
//! 5. A need no eligible service meets is a gap; its fallback is the area's
//!    general business helpdesk (an eligible local or regional information or
//!    advice service), else the Enterprise Europe Network.
//! 6. A firm whose country has no service of its own in the catalogue is told
//!    so ([`Journey::outside`]): what it is shown is EU-wide or open to all.
//! 0. Before all of this, a programme offered through several doors is one
//!    programme: of its doors the firm is eligible for, only the nearest is
//!    planned — the most local tier, then the area that fits the firm best,
//!    then the best score — and its step names the others as "also through
//!    …" ([`nearest_doors`]).
//!
//! Deterministic: the same profile and catalogue give the same journey.

use crate::i18n::{Lang, Text};
use serde::Serialize;

use crate::assessment::Profile;
use crate::catalogue::{Area, Catalogue, Service};
use crate::geography::country_of;
use crate::matching::{Match, Relevance, match_services};
use crate::vocab::{Need, Stage, Support, Tier};

/// How many services a stage shows by default.
pub const DEFAULT_PER_STAGE: usize = 3;

/// The EEN contact page, the fallback of last resort (EEN has partners in
/// more than 60 countries, also outside the EU).
pub const EEN_CONTACT: &str = "https://een.ec.europa.eu/local-contact-points";

/// One service on the journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub service: String,
    pub name: String,
    pub provider: String,
    /// The next step in the language spoken, or in English when the service
    /// has none in it (then `next_step_in_english` is set).
    pub next_step: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub next_step_in_english: bool,
    pub url: String,
    pub score: i64,
    pub reasons: Vec<String>,
    /// What the firm must check first, for a service it is only possibly
    /// eligible for; empty when its answers settle every condition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<String>,
    /// The providers of the programme's other doors open to the firm, when
    /// this service is the nearest door of a programme offered through
    /// several; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// One stage of the journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StagePlan {
    pub stage: Stage,
    /// Whether this is the profile's current stage.
    pub current: bool,
    pub steps: Vec<Step>,
}

/// Where to turn when no service meets a need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fallback {
    pub name: String,
    pub provider: String,
    pub url: String,
    pub next_step: String,
}

/// A need that no eligible service meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub need: Need,
    pub fallback: Fallback,
}

/// The journey for a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Journey {
    pub stages: Vec<StagePlan>,
    pub gaps: Vec<Gap>,
    /// The firm's country, when the catalogue has no service of its own for
    /// it (no national, regional or local one for the country or one of its
    /// regions): only European or open-to-all services can be shown, and
    /// gaps fall back to EEN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside: Option<Area>,
}

impl Journey {
    /// Where a service is in the journey: its stage, if placed.
    #[must_use]
    pub fn stage_of(&self, service: &str) -> Option<Stage> {
        self.stages
            .iter()
            .find(|plan| plan.steps.iter().any(|s| s.service == service))
            .map(|plan| plan.stage)
    }
}

/// How much a need weighs at a journey stage: its weight where the need is
/// typically met at that stage, half of it elsewhere. So an exploring firm's
/// first places go to a first conversation and a plan, not to the finance of
/// orders it does not have yet, and a growing firm's to presence and finance.
#[must_use]
pub fn stage_weight(need: Need, weight: u32, stage: Stage) -> u32 {
    if need_stages(need).contains(&stage) {
        weight
    } else {
        weight / 2
    }
}

/// The stages at which a need is typically met (`docs/assessment.md`).
#[must_use]
pub fn need_stages(need: Need) -> &'static [Stage] {
    use Need as N;
    use Stage as S;
    match need {
        N::Motivation => &[S::Explore],
        N::Strategy | N::ProductFit | N::StaffSkills => &[S::Explore, S::Prepare],
        N::ProductionCapacity => &[S::Prepare, S::Grow],
        N::Certification | N::IntellectualProperty | N::TradeRules => {
            &[S::Prepare, S::Research, S::Enter]
        }
        N::MarketIntelligence => &[S::Explore, S::Research],
        N::Sourcing | N::TechnologyPartners => &[S::Research, S::Enter],
        N::Partners => &[S::Research, S::Enter, S::Grow],
        N::MarketEntryCost | N::CustomsDocuments | N::Contracts => &[S::Enter],
        N::WorkingCapital | N::PaymentRisk | N::PublicTenders => &[S::Enter, S::Grow],
        N::InternationalMarketing | N::DigitalSales => &[S::Prepare, S::Enter, S::Grow],
        N::LocalPresence | N::InvestmentFinance => &[S::Grow],
    }
}

/// The firm's country when the catalogue has no national, regional or local
/// service for it or one of its regions (only European or worldwide ones).
fn outside(profile: &Profile, catalogue: &Catalogue) -> Option<Area> {
    let country = profile.company.location().and_then(country_of)?;
    // European networks that also work in a country (EEN in Norway) do not
    // make it one of the catalogue's countries: its own layer is national,
    // regional and local services.
    let own = catalogue.services().iter().any(|s| {
        s.tier != Tier::European
            && s.areas
                .iter()
                .any(|a| country_of(a).is_some_and(|c| c == country))
    });
    (!own).then(|| Area::Country(country.to_owned()))
}

/// The services placed so far, stage by stage, while a journey is planned.
struct Plan<'m, 'c> {
    stages: Vec<Stage>,
    by_stage: Vec<Vec<&'m Match<'c>>>,
    used: Vec<&'c str>,
}

impl<'m, 'c> Plan<'m, 'c> {
    /// Whether a placed service satisfies `test`.
    fn any(&self, test: impl Fn(&Match<'c>) -> bool) -> bool {
        self.by_stage.iter().flatten().any(|m| test(m))
    }

    /// The first journey stage a service serves, if any.
    fn stage_of(&self, m: &Match<'_>) -> Option<usize> {
        self.stages
            .iter()
            .position(|s| m.service.stages.contains(s))
    }

    /// Adds the best-ranked service not yet placed that passes `test`, at
    /// its first journey stage — or now, when `anywhere` and it serves only
    /// earlier ones. Returns whether one was added.
    fn add_best(
        &mut self,
        matches: &'m [Match<'c>],
        anywhere: bool,
        test: impl Fn(&Match<'c>) -> bool,
    ) -> bool {
        let found = matches
            .iter()
            .filter(|m| test(m) && !self.used.contains(&m.service.id.as_str()))
            .find_map(|m| match self.stage_of(m) {
                Some(stage) => Some((stage, m)),
                None if anywhere => Some((0, m)),
                None => None,
            });
        if let Some((stage, m)) = found {
            self.used.push(m.service.id.as_str());
            self.by_stage[stage].push(m);
        }
        found.is_some()
    }
}

/// Plans the journey for a profile over a catalogue, its words in `lang`.
#[must_use]
pub fn plan_journey(
    profile: &Profile,
    catalogue: &Catalogue,
    per_stage: usize,
    lang: Lang,
) -> Journey {
    plan_from_matches(
        profile,
        catalogue,
        &match_services(profile, catalogue, lang),
        per_stage,
        lang,
    )
}

/// The matches down to one door per programme, and for each nearest door
/// (by place in those matches) the providers of the others.
type OneDoor<'c> = (Vec<Match<'c>>, Vec<(usize, Vec<String>)>);

/// The doors of programmes the firm is eligible for, down to the nearest of
/// each: the most local tier, then the area that fits the firm best, then
/// the best score and relevance. `None` when no programme has two eligible
/// doors (the matches stand as they are); else the matches without the
/// other doors, in their order, and for each nearest door the providers of
/// the others, in the same order.
#[must_use]
pub fn nearest_doors<'c>(matches: &[Match<'c>], catalogue: &Catalogue) -> Option<OneDoor<'c>> {
    // Each programme's eligible doors, by place in `matches`.
    let mut doors: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        let Some(programme) = catalogue.programme_position(m.service) else {
            continue;
        };
        match doors.iter_mut().find(|(p, _)| *p == programme) {
            Some((_, list)) => list.push(i),
            None => doors.push((programme, vec![i])),
        }
    }
    doors.retain(|(_, list)| list.len() > 1);
    if doors.is_empty() {
        return None;
    }
    let nearness = |&i: &usize| {
        let m = &matches[i];
        (
            m.service.tier,
            m.relevance.area_fit(),
            std::cmp::Reverse(m.base),
            m.relevance,
        )
    };
    let mut dropped = vec![false; matches.len()];
    let mut others: Vec<(usize, Vec<usize>)> = Vec::new();
    for (_, list) in &doors {
        let nearest = *list.iter().min_by_key(|i| nearness(i))?;
        for &i in list {
            dropped[i] = i != nearest;
        }
        others.push((
            nearest,
            list.iter().copied().filter(|&i| i != nearest).collect(),
        ));
    }
    let mut kept = Vec::with_capacity(matches.len());
    let mut also = Vec::with_capacity(others.len());
    for (i, m) in matches.iter().enumerate() {
        if dropped[i] {
            continue;
        }
        if let Some((_, rest)) = others.iter().find(|(nearest, _)| *nearest == i) {
            let names = rest
                .iter()
                .map(|&j| catalogue.provider_of(matches[j].service).name.clone())
                .collect();
            also.push((kept.len(), names));
        }
        kept.push(m.clone());
    }
    Some((kept, also))
}

/// Plans the journey from the profile's matches, already ranked by
/// [`match_services`] (for a caller that has them, such as `explain`).
#[must_use]
pub fn plan_from_matches(
    profile: &Profile,
    catalogue: &Catalogue,
    matches: &[Match<'_>],
    per_stage: usize,
    lang: Lang,
) -> Journey {
    // One door per programme: the nearest of those open to the firm.
    let doors = nearest_doors(matches, catalogue);
    let (matches, also): (&[Match<'_>], &[(usize, Vec<String>)]) = match &doors {
        Some((kept, also)) => (kept, also),
        None => (matches, &[]),
    };
    let also_of = |m: &Match<'_>| -> Vec<String> {
        also.iter()
            .find(|(i, _)| matches[*i].service.id == m.service.id)
            .map(|(_, names)| names.clone())
            .unwrap_or_default()
    };
    let stages: Vec<Stage> = Stage::ALL
        .iter()
        .copied()
        .filter(|s| *s >= profile.stage)
        .collect();
    let mut plan = Plan {
        by_stage: vec![Vec::new(); stages.len()],
        stages,
        used: Vec::new(),
    };
    for i in 0..plan.stages.len() {
        let stage = plan.stages[i];
        let mut candidates: Vec<&Match<'_>> = matches
            .iter()
            .filter(|m| {
                m.service.stages.contains(&stage) && !plan.used.contains(&m.service.id.as_str())
            })
            .collect();
        candidates.sort_by(|a, b| {
            b.score_at(stage)
                .cmp(&a.score_at(stage))
                .then_with(|| a.relevance.cmp(&b.relevance))
        });
        let chosen = choose(profile, &candidates, stage, per_stage);
        plan.used
            .extend(chosen.iter().map(|m| m.service.id.as_str()));
        plan.by_stage[i] = chosen;
    }

    // A need the chosen services do not meet gets the best eligible service
    // meeting it, at its first journey stage; one for earlier stages only
    // still helps now. A need none meets is a gap.
    let mut gaps = Vec::new();
    for need in &profile.needs {
        let meets = |m: &Match<'_>| m.service.needs.contains(&need.need);
        if !plan.any(meets) && !plan.add_best(matches, true, meets) {
            gaps.push(Gap {
                need: need.need,
                fallback: fallback(matches, catalogue, lang),
            });
        }
    }
    // Every mode the firm pursues gets a service written for it, when one is
    // open to it: services that serve a mode only through a need it brings
    // must not crowd out all of those written for it.
    for mode in &profile.modes {
        let written = |m: &Match<'_>| m.service.modes.contains(mode);
        if !plan.any(written) {
            plan.add_best(matches, true, written);
        }
    }
    // The best-ranked service of all is never left out: at its first
    // journey stage, or now if it serves only earlier ones.
    if let Some(top) = matches.first() {
        plan.add_best(matches, true, |m| m.service.id == top.service.id);
    }
    // A door close to home: when nothing local or regional made the
    // journey but such a service is open to the firm at one of its stages,
    // the best of them is added at its first journey stage.
    let close = |m: &Match<'_>| matches!(m.service.tier, Tier::Local | Tier::Regional);
    if !plan.any(close) {
        plan.add_best(matches, false, close);
    }

    Journey {
        stages: plan
            .stages
            .iter()
            .zip(plan.by_stage)
            .map(|(stage, chosen)| StagePlan {
                stage: *stage,
                current: *stage == profile.stage,
                steps: chosen
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let current = *stage == profile.stage;
                        let first = current && i == 0 && is_first_contact(m.service);
                        let mut step = step(m, *stage, current, first, catalogue, lang);
                        step.also = also_of(m);
                        step
                    })
                    .collect(),
            })
            .collect(),
        gaps,
        outside: outside(profile, catalogue),
    }
}

/// Whether a service is a first point of contact: a local or regional
/// service giving advice, information or a diagnostic.
fn is_first_contact(service: &Service) -> bool {
    matches!(service.tier, Tier::Local | Tier::Regional)
        && service.support.iter().any(|k| {
            matches!(
                k,
                Support::Advice | Support::Information | Support::Diagnostic
            )
        })
}

/// Picks up to `per_stage` services for a stage from its candidates (best
/// first): each of the most pressing needs in turn goes to the lowest tier
/// that meets it (then the best score), a new provider where one can; free
/// places then go by score, new providers first.
fn choose<'m, 'c>(
    profile: &Profile,
    candidates: &[&'m Match<'c>],
    stage: Stage,
    per_stage: usize,
) -> Vec<&'m Match<'c>> {
    let mut chosen: Vec<&Match<'_>> = Vec::new();
    let new_provider = |chosen: &[&Match<'_>], m: &Match<'_>| {
        !chosen
            .iter()
            .any(|c| c.service.provider == m.service.provider)
    };
    // At the current stage, the first referral is the first point of contact
    // close to the firm: its local or regional advice, information or
    // diagnostic service.
    if stage == profile.stage && per_stage > 0 {
        let first = candidates
            .iter()
            .filter(|m| is_first_contact(m.service))
            .min_by_key(|m| {
                (
                    m.service.tier,
                    std::cmp::Reverse(m.score_at(stage)),
                    m.relevance,
                )
            });
        chosen.extend(first);
    }
    // The needs in the order they matter at this stage; equal weights keep
    // the profile's order.
    let mut needs: Vec<&crate::assessment::profile::RankedNeed> = profile.needs.iter().collect();
    needs.sort_by_key(|n| std::cmp::Reverse(stage_weight(n.need, n.weight, stage)));
    for need in needs {
        if chosen.len() >= per_stage {
            break;
        }
        if chosen.iter().any(|c| c.service.needs.contains(&need.need)) {
            continue;
        }
        let meeting = |m: &&&Match<'_>| {
            m.service.needs.contains(&need.need)
                && !chosen.iter().any(|c| c.service.id == m.service.id)
        };
        let lowest = |m: &&&Match<'c>| -> (Tier, std::cmp::Reverse<i64>, Relevance) {
            (
                m.service.tier,
                std::cmp::Reverse(m.score_at(stage)),
                m.relevance,
            )
        };
        let pick = candidates
            .iter()
            .filter(meeting)
            .filter(|m| new_provider(&chosen, m))
            .min_by_key(lowest)
            .or_else(|| candidates.iter().filter(meeting).min_by_key(lowest));
        if let Some(m) = pick {
            chosen.push(m);
        }
    }
    for m in candidates {
        if chosen.len() < per_stage && new_provider(&chosen, m) {
            chosen.push(m);
        }
    }
    for m in candidates {
        if chosen.len() < per_stage && !chosen.iter().any(|c| c.service.id == m.service.id) {
            chosen.push(m);
        }
    }
    chosen
}

fn step(
    m: &Match<'_>,
    stage: Stage,
    current: bool,
    first: bool,
    catalogue: &Catalogue,
    lang: Lang,
) -> Step {
    let mut reasons = m.reasons_at(stage, current);
    if first {
        reasons.insert(0, lang.tr(Text::WhyFirstContact).to_owned());
    }
    let next_step = m.service.next_step_in(lang);
    Step {
        service: m.service.id.to_string(),
        name: m.service.name.clone(),
        provider: catalogue.provider_of(m.service).name.clone(),
        next_step: next_step.text.to_owned(),
        next_step_in_english: next_step.fallback,
        url: m.service.url().to_owned(),
        score: m.score_at(stage),
        reasons,
        checks: m.checks.clone(),
        also: Vec::new(),
    }
}

/// The area's general business helpdesk — the most relevant eligible local or
/// regional service giving information or advice — else the Enterprise Europe
/// Network where it is open to the firm, else the country's own national
/// information or advice service, else the network's contact page.
fn fallback(matches: &[Match<'_>], catalogue: &Catalogue, lang: Lang) -> Fallback {
    let general = |s: &Service| {
        s.support
            .iter()
            .any(|k| matches!(k, Support::Information | Support::Advice))
    };
    // The most relevant general service of some tiers: the best score, then
    // relevance (never the id).
    let best_of = |tiers: &[Tier]| {
        matches
            .iter()
            .filter(|m| tiers.contains(&m.service.tier) && general(m.service))
            .min_by_key(|m| (std::cmp::Reverse(m.base), m.service.tier, m.relevance))
    };
    let local = best_of(&[Tier::Local, Tier::Regional]);
    let een = || {
        matches
            .iter()
            .filter(|m| {
                m.service.provider.as_str() == "een" && m.service.support.contains(&Support::Advice)
            })
            .min_by_key(|m| m.relevance)
    };
    // Where EEN is not open to the firm (its country is not known to be in
    // the network), the country's own general helpdesk comes before a link
    // to a network that may not serve it.
    let national = || best_of(&[Tier::National]);
    match local.or_else(een).or_else(national) {
        Some(m) => Fallback {
            name: m.service.name.clone(),
            provider: catalogue.provider_of(m.service).name.clone(),
            url: m.service.url().to_owned(),
            next_step: m.service.next_step_in(lang).text.to_owned(),
        },
        None => Fallback {
            name: "Enterprise Europe Network".to_owned(),
            provider: "Enterprise Europe Network".to_owned(),
            url: EEN_CONTACT.to_owned(),
            next_step: lang.tr(Text::FallbackNextStep).to_owned(),
        },
    }
}
