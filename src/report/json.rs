//! The referral as JSON, for scripts: the engine's own shapes (the profile
//! as `eis match --profile` reads it back, the journey with scores and
//! reasons), not the translated texts of the other renderings.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Referral;
use crate::assessment::Profile;
use crate::assessment::profile::Company;
use crate::clients::ServiceMarks;
use crate::clients::record::Delta;
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

#[derive(Serialize)]
struct JsonSummary<'a> {
    client: &'a str,
    date: &'a str,
    adviser: Option<&'a str>,
    profile: &'a Profile,
    journey: Option<&'a Journey>,
    delta: Option<&'a Delta>,
    notes: &'a str,
    /// Notes and marks of the services in the journey, by service id.
    services: &'a BTreeMap<String, ServiceMarks>,
}

/// A client's summary (`eis export --format json`).
pub fn summary(referral: &Referral) -> serde_json::Result<String> {
    let source = &referral.source;
    let handover = source.handover.as_ref();
    crate::text::to_json(&JsonSummary {
        client: handover.map_or("", |h| h.client.as_str()),
        date: handover.map_or("", |h| h.date.as_str()),
        adviser: handover
            .and_then(|h| h.adviser.as_deref())
            .filter(|a| !a.trim().is_empty()),
        profile: &source.profile,
        journey: source.journey.as_ref(),
        delta: source.delta.as_ref(),
        notes: handover.map_or("", |h| h.notes.as_str()),
        services: &source.services,
    })
}
