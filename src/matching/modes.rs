//! What each mode brings: the needs a firm's international activity implies,
//! whether or not it named them. A service written for other modes is open to
//! a firm when it meets one of these and its provider has not restricted it
//! to its own modes (`eligibility.modes` in the catalogue).

use crate::assessment::Profile;
use crate::catalogue::Service;
use crate::vocab::{Mode, Need};

/// What each mode a firm pursues brings with it: the needs its flows imply,
/// whether or not the firm named them. A service written for other modes is
/// open to the firm when it meets one of these and its provider has not
/// restricted it to its modes (`eligibility.modes`). `docs/assessment.md`
/// gives the table with the reasoning.
#[must_use]
pub fn implied_needs(mode: Mode) -> &'static [Need] {
    use Need as N;
    match mode {
        // Selling abroad: everything a sale across a border involves.
        Mode::Export => &[
            N::MarketIntelligence,
            N::Partners,
            N::TradeRules,
            N::CustomsDocuments,
            N::Certification,
            N::IntellectualProperty,
            N::Contracts,
            N::PaymentRisk,
            N::WorkingCapital,
            N::MarketEntryCost,
            N::InternationalMarketing,
            N::DigitalSales,
            N::PublicTenders,
            N::LocalPresence,
        ],
        // Buying abroad: suppliers, customs, product rules, contracts. Not
        // market information or partners: those services help sell abroad.
        Mode::Import => &[
            N::Sourcing,
            N::TradeRules,
            N::CustomsDocuments,
            N::Certification,
            N::Contracts,
        ],
        // Investing abroad: the finance and the legal set-up of a presence.
        // Not market information or partners: those services help sell.
        Mode::Investment => &[
            N::InvestmentFinance,
            N::LocalPresence,
            N::Contracts,
            N::IntellectualProperty,
        ],
        // A subcontractor to a foreign main contractor delivers abroad: its
        // goods cross a border, it signs a foreign contract and must be paid;
        // it must meet the buyer's standards and find main contractors. Work
        // subcontracted abroad raises the same questions the other way round.
        Mode::Subcontracting => &[
            N::CustomsDocuments,
            N::TradeRules,
            N::Contracts,
            N::PaymentRisk,
            N::WorkingCapital,
            N::IntellectualProperty,
            N::Certification,
            N::Partners,
            N::MarketIntelligence,
            N::ProductionCapacity,
            N::InternationalMarketing,
            N::MarketEntryCost,
            N::Sourcing,
        ],
        // Technical cooperation: technology partners, their agreements and
        // the IP; not the buyers and agents that sales partners are.
        Mode::Cooperation => &[N::TechnologyPartners, N::IntellectualProperty, N::Contracts],
    }
}

/// The first need, in the vocabulary's order, that a service meets and one
/// of the firm's modes implies, with that mode.
pub(super) fn related_need(profile: &Profile, service: &Service) -> Option<(Mode, Need)> {
    profile.modes.iter().find_map(|&mode| {
        implied_needs(mode)
            .iter()
            .find(|n| service.needs.contains(n))
            .map(|&n| (mode, n))
    })
}
