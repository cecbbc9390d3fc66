//! The referral as JSON, for scripts: the engine's own shapes (the profile
//! as `eis match --profile` reads it back, the journey with scores and
//! reasons), not the translated texts of the other renderings.

use serde::Serialize;

use super::Referral;
use crate::assessment::profile::Company;
use crate::clients::ServiceMarks;
use crate::journey::Journey;
use crate::vocab::Stage;

/// The profile (`eis assess --format json`).
pub fn profile(referral: &Referral) -> serde_json::Result<String> {
    crate::text::to_json(&referral.source.profile)
}

#[derive(Serialize)]
struct JsonJourney<'a> {
    company: &'a Company,
    stage: Stage,
    stage_reason: &'a str,
    #[serde(flatten)]
    journey: Option<&'a Journey>,
}

/// The firm, its stage and the journey (`eis match --format json`).
pub fn journey(referral: &Referral) -> serde_json::Result<String> {
    let profile = &referral.source.profile;
    crate::text::to_json(&JsonJourney {
        company: &profile.company,
        stage: profile.stage,
        stage_reason: &profile.stage_reason,
        journey: referral.source.journey.as_ref(),
    })
}

/// The name of the summary's layout, and its version: a reader checks both
/// (`docs/clients.md`, "The JSON summary").
pub const SUMMARY_FORMAT: &str = "eis-navigator-summary";
pub const SUMMARY_VERSION: u32 = 1;

/// A code of the vocabulary with its label in the summary's language.
#[derive(Serialize)]
struct Coded<'a> {
    code: &'a str,
    label: &'a str,
}

fn coded<'a>(code: &'a str, label: &'a str) -> Coded<'a> {
    Coded { code, label }
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    format: &'static str,
    version: u32,
    client: JsonClient<'a>,
    assessed: Option<&'a str>,
    exported: &'a str,
    language: &'static str,
    adviser: Option<&'a str>,
    firm: JsonFirm<'a>,
    stage: JsonStage<'a>,
    readiness: Vec<JsonReadiness<'a>>,
    needs: Vec<JsonNeed<'a>>,
    plan: JsonPlan<'a>,
    journey: Option<JsonRoute<'a>>,
    notes: &'a str,
}

#[derive(Serialize)]
struct JsonClient<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonFirm<'a> {
    name: Option<&'a str>,
    country: Option<Coded<'a>>,
    region: Option<Coded<'a>>,
    sector: Option<Coded<'a>>,
    division: Option<String>,
    employees: Option<u64>,
    turnover_eur: Option<u64>,
    years_trading: Option<u64>,
    export_share: Option<u8>,
}

#[derive(Serialize)]
struct JsonStage<'a> {
    code: &'static str,
    label: &'a str,
    reason: &'a str,
    /// The stage at the client's previous assessment, when there is one.
    before: Option<JsonEarlier<'a>>,
}

#[derive(Serialize)]
struct JsonEarlier<'a> {
    assessed: &'a str,
    code: &'static str,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonReadiness<'a> {
    dimension: Coded<'a>,
    /// 0–100; `null` when not assessed.
    score: Option<u8>,
    band: Option<Coded<'a>>,
    /// Points up or down since the previous assessment.
    change: Option<i16>,
}

#[derive(Serialize)]
struct JsonNeed<'a> {
    code: &'static str,
    label: &'a str,
    dimension: &'a str,
    reasons: &'a [String],
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    modes: Vec<Coded<'a>>,
    scopes: Vec<Coded<'a>>,
    markets: Vec<Coded<'a>>,
    activity: Option<Coded<'a>>,
    support_in_use: Vec<Coded<'a>>,
}

#[derive(Serialize)]
struct JsonRoute<'a> {
    /// Said when the firm's country has no service of its own in the catalogue.
    outside: Option<&'a str>,
    stages: Vec<JsonLeg<'a>>,
    gaps: Vec<JsonGap<'a>>,
}

#[derive(Serialize)]
struct JsonLeg<'a> {
    stage: Coded<'a>,
    current: bool,
    services: Vec<JsonStep<'a>>,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    /// The order in the whole journey, from 1.
    number: usize,
    id: &'a str,
    name: &'a str,
    provider: &'a str,
    next_step: &'a str,
    next_step_in_english: bool,
    url: &'a str,
    reasons: &'a [String],
    check: Option<&'a str>,
    also_through: Option<&'a str>,
    marks: Option<&'a ServiceMarks>,
}

#[derive(Serialize)]
struct JsonGap<'a> {
    need: Coded<'a>,
    ask: JsonAsk<'a>,
}

#[derive(Serialize)]
struct JsonAsk<'a> {
    name: &'a str,
    provider: &'a str,
    url: &'a str,
}

/// A client's summary (`eis export --format json`): the layout named and
/// versioned, codes with their labels, every field named.
pub fn summary(referral: &Referral) -> serde_json::Result<String> {
    let source = &referral.source;
    let handover = referral.handover.as_ref();
    let company = &source.profile.company;
    let area = |a: &Option<crate::catalogue::Area>| -> Option<(String, String)> {
        a.as_ref()
            .map(|a| (a.code().to_owned(), a.name_in(referral.lang)))
    };
    let (country, region) = (area(&company.country), area(&company.region));
    let sector = company
        .sector
        .map(|s| (s.as_str(), s.label_in(referral.lang)));
    let json = JsonSummary {
        format: SUMMARY_FORMAT,
        version: SUMMARY_VERSION,
        client: JsonClient {
            id: handover.map_or("", |h| h.client_id.as_str()),
            name: handover.map_or("", |h| h.client.as_str()),
        },
        assessed: handover.and_then(|h| h.assessed.as_deref()),
        exported: handover.map_or("", |h| h.date.as_str()),
        language: referral.lang.code(),
        adviser: handover.and_then(|h| h.adviser.as_deref()),
        firm: JsonFirm {
            name: referral.company.name.as_deref(),
            country: country.as_ref().map(|(c, l)| coded(c, l)),
            region: region.as_ref().map(|(c, l)| coded(c, l)),
            sector: sector.map(|(c, l)| coded(c, l)),
            division: company.division.map(|d| format!("{:02}", d.code())),
            employees: company.employees,
            turnover_eur: company.turnover_eur,
            years_trading: company.years_trading,
            export_share: company.export_share,
        },
        stage: JsonStage {
            code: referral.stage.stage.as_str(),
            label: referral.stage.label,
            reason: &referral.stage.reason,
            before: referral.stage.before.as_ref().map(|b| JsonEarlier {
                assessed: &b.since,
                code: source
                    .delta
                    .as_ref()
                    .map_or("", |d| d.stage_before.as_str()),
                label: b.label,
            }),
        },
        readiness: referral
            .readiness
            .iter()
            .map(|r| JsonReadiness {
                dimension: coded(r.dimension.as_str(), r.label),
                score: r.score,
                band: r.band.map(|b| coded(b.as_str(), b.label_in(referral.lang))),
                change: r.change,
            })
            .collect(),
        needs: referral
            .needs
            .iter()
            .map(|n| JsonNeed {
                code: n.need.as_str(),
                label: n.label,
                dimension: n.need.dimension().as_str(),
                reasons: &n.reasons,
            })
            .collect(),
        plan: plan(referral),
        journey: route(referral),
        notes: handover.map_or("", |h| h.notes.as_str()),
    };
    crate::text::to_json(&json)
}

fn plan(referral: &Referral) -> JsonPlan<'_> {
    let profile = &referral.source.profile;
    JsonPlan {
        modes: profile
            .modes
            .iter()
            .map(|m| coded(m.as_str(), m.label_in(referral.lang)))
            .collect(),
        scopes: profile
            .scopes
            .iter()
            .map(|s| coded(s.as_str(), s.label_in(referral.lang)))
            .collect(),
        markets: profile
            .markets
            .iter()
            .zip(&referral.plan.markets)
            .map(|(m, name)| coded(m.code(), name))
            .collect(),
        activity: profile
            .activity
            .map(|a| coded(a.as_str(), a.label_in(referral.lang))),
        support_in_use: profile
            .support_in_use
            .iter()
            .map(|s| coded(s.as_str(), s.label_in(referral.lang)))
            .collect(),
    }
}

fn route(referral: &Referral) -> Option<JsonRoute<'_>> {
    let source = &referral.source;
    let mut number = 0;
    referral.journey.as_ref().map(|route| JsonRoute {
        outside: route.outside.as_deref(),
        stages: route
            .stages
            .iter()
            .map(|leg| JsonLeg {
                stage: coded(leg.stage.as_str(), leg.label),
                current: leg.current,
                services: leg
                    .steps
                    .iter()
                    .map(|step| {
                        number += 1;
                        JsonStep {
                            number,
                            id: &step.service,
                            name: &step.name,
                            provider: &step.provider,
                            next_step: &step.next_step,
                            next_step_in_english: step.english.is_some(),
                            url: &step.url,
                            reasons: &step.reasons,
                            check: step.check.as_deref(),
                            also_through: step.also.as_deref(),
                            marks: source.services.get(&step.service),
                        }
                    })
                    .collect(),
            })
            .collect(),
        gaps: route
            .gaps
            .iter()
            .map(|gap| JsonGap {
                need: coded(gap.need.as_str(), gap.label),
                ask: JsonAsk {
                    name: &gap.name,
                    provider: &gap.provider,
                    url: &gap.url,
                },
            })
            .collect(),
    })
}
