//! Evidence for a region: the anonymous referral record kept for each
//! finished assessment, so that what SMEs needed can be set against what the
//! catalogue offers.
//!
//! A record holds what a programme manager counts and nothing that names or
//! singles out a firm: the month (not the day), the most precise area the
//! firm gave, its sector, a size band (not its head count or turnover), its
//! aims and markets, its stage, a band per readiness dimension, its needs in
//! order, the services of its journey, the gaps, whether it was outside the
//! catalogue's countries, the catalogue's version and the channel. No name,
//! no client id, no notes, no typed text, no exact figures. Which fields are
//! kept, and why, is set out for a data-protection officer in
//! `docs/evidence.md`; a test holds that no text the firm or its adviser
//! typed can reach a record.
//!
//! Building a record is pure: the id, the month and the catalogue's version
//! are given, so the same inputs always give the same record.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::assessment::Profile;
use crate::catalogue::Catalogue;
use crate::journey::Journey;
use crate::vocab::{Band, Dimension, Mode, NaceSection, Need, SizeClass, Stage};

/// The version of the record's layout; a reader refuses a newer one.
pub const RECORD_VERSION: u32 = 1;

/// How the assessment was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// An adviser with a client, in the app.
    Adviser,
    /// A visitor at a help-desk kiosk.
    Kiosk,
    /// The accessible (line by line) mode.
    Accessible,
    /// `eis match` on an answers file.
    CommandLine,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Adviser,
        Channel::Kiosk,
        Channel::Accessible,
        Channel::CommandLine,
    ];

    /// The name used in files and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Adviser => "adviser",
            Channel::Kiosk => "kiosk",
            Channel::Accessible => "accessible",
            Channel::CommandLine => "command-line",
        }
    }
}

/// One readiness dimension's band; `None` when the assessment did not
/// assess it (the short check asks about a few dimensions only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionBand {
    pub dimension: Dimension,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
}

/// A service placed in the journey, at its stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referred {
    pub stage: Stage,
    pub service: String,
}

/// The anonymous record of one finished assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralRecord {
    /// The layout's version ([`RECORD_VERSION`]).
    pub version: u32,
    /// A random id, made once: a record sent twice is counted once.
    pub id: String,
    /// The month of the assessment, `YYYY-MM`; never the day.
    pub month: String,
    /// The most precise area the firm gave (a region or zone's area code, or
    /// its country); `None` when it gave none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<NaceSection>,
    /// The NACE division, two digits, where the firm gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<u8>,
    /// The EU size band; never the head count or the turnover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<SizeClass>,
    pub modes: Vec<Mode>,
    /// The target markets' country codes.
    pub markets: Vec<String>,
    pub stage: Stage,
    pub dimensions: Vec<DimensionBand>,
    /// The needs, most pressing first.
    pub needs: Vec<Need>,
    /// The services of the journey, stage by stage, in order.
    pub journey: Vec<Referred>,
    /// The needs no eligible service met.
    pub gaps: Vec<Need>,
    /// The firm's country had no service of its own in the catalogue.
    pub outside_catalogue: bool,
    /// The catalogue's version: [`catalogue_version`].
    pub catalogue: String,
    pub channel: Channel,
}

impl ReferralRecord {
    /// The record of an assessment: its profile and journey, taken through
    /// `channel` in `month` (`YYYY-MM`), against the catalogue of version
    /// `catalogue`, under the random `id`.
    #[must_use]
    pub fn new(
        profile: &Profile,
        journey: &Journey,
        channel: Channel,
        month: &str,
        catalogue: &str,
        id: &str,
    ) -> ReferralRecord {
        let company = &profile.company;
        ReferralRecord {
            version: RECORD_VERSION,
            id: id.to_owned(),
            month: month.to_owned(),
            area: company.location().map(ToString::to_string),
            sector: company
                .sector
                .or_else(|| company.division.map(crate::vocab::NaceDivision::section)),
            division: company.division.map(crate::vocab::NaceDivision::code),
            size: company.size_class(),
            modes: profile.modes.clone(),
            markets: profile.markets.iter().map(ToString::to_string).collect(),
            stage: profile.stage,
            dimensions: profile
                .dimensions
                .iter()
                .map(|d| DimensionBand {
                    dimension: d.dimension,
                    band: d.band,
                })
                .collect(),
            needs: profile.needs.iter().map(|n| n.need).collect(),
            journey: journey
                .stages
                .iter()
                .flat_map(|plan| {
                    plan.steps.iter().map(|step| Referred {
                        stage: plan.stage,
                        service: step.service.clone(),
                    })
                })
                .collect(),
            gaps: journey.gaps.iter().map(|g| g.need).collect(),
            outside_catalogue: journey.outside.is_some(),
            catalogue: catalogue.to_owned(),
            channel,
        }
    }
}

/// A new random record id (a version 4 UUID from the system's random
/// source); `None` if the system has none to give.
#[must_use]
pub fn new_id() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string(),
    )
}

/// The month of a date, as records keep it.
#[must_use]
pub fn month_of(date: jiff::civil::Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The catalogue's version: the first 16 hex digits of the SHA-256 of its
/// contents (every programme, provider and service, in order), so records
/// made against the same catalogue say so wherever it was loaded from.
#[must_use]
pub fn catalogue_version(catalogue: &Catalogue) -> String {
    let json = serde_json::to_vec(&catalogue.to_raw()).unwrap_or_default();
    let digest = Sha256::digest(&json);
    let mut hex = String::with_capacity(16);
    for byte in digest.iter().take(8) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_keep_no_day() {
        let date = jiff::civil::date(2026, 3, 9);
        assert_eq!(month_of(date), "2026-03");
    }

    #[test]
    fn ids_are_random_version_4_uuids() {
        let a = new_id().expect("a random source");
        let b = new_id().expect("a random source");
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(&a).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 4);
    }

    #[test]
    fn the_catalogue_version_follows_its_contents() {
        let one = crate::generate::catalogue(20, 1);
        let same = crate::generate::catalogue(20, 1);
        let other = crate::generate::catalogue(20, 2);
        assert_eq!(catalogue_version(&one), catalogue_version(&same));
        assert_ne!(catalogue_version(&one), catalogue_version(&other));
        assert_eq!(catalogue_version(&one).len(), 16);
    }

    #[test]
    fn channels_are_named_as_files_write_them() {
        for channel in Channel::ALL {
            let json = serde_json::to_string(&channel).expect("serialises");
            assert_eq!(json, format!("\"{}\"", channel.as_str()));
        }
    }
}
