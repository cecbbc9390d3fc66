//! The domain vocabulary shared by the catalogue, the assessment and the UI:
//! modes, scopes, stages, support kinds, tiers, dimensions, needs, size classes,
//! NACE sections and service status.
//!
//! Every term is a closed enum. Data files name the variants exactly (so an
//! unknown variant is a load error, never silently ignored); the command line
//! accepts the same names case-insensitively and with `-`/`_` folded away, so
//! `--support in-market` and `--support InMarket` both work.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The error for a word that is not one of a vocabulary's terms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{given}`; expected one of: {expected}")]
pub struct UnknownTerm {
    pub kind: &'static str,
    pub given: String,
    pub expected: String,
}

/// Defines a vocabulary enum with its ordered list of terms, its data name,
/// a label (English in code, other languages in `locales/`) and
/// case-insensitive parsing.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every term, in the vocabulary's canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The term as written in data files and JSON.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),+ }
            }

            /// A short label for people, in `lang`.
            #[must_use]
            pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
                lang.term(stringify!($name), self.as_str(), self.english_label())
            }

            /// The label in English, the reference for translations.
            #[must_use]
            pub const fn english_label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;

            /// The term's name (`InMarket`, `in-market`) or the label people
            /// see, in any language the app speaks, English first
            /// (`"in-market help"`, `"pomoc na rynku"`).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = fold_term(s);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|term| fold_term(term.as_str()) == wanted)
                    .or_else(|| {
                        // English first, then the other languages in turn:
                        // parsing has no language of its own to prefer.
                        crate::i18n::Lang::ALL.into_iter().find_map(|lang| {
                            Self::ALL
                                .iter()
                                .copied()
                                .find(|term| fold_term(term.label_in(lang)) == wanted)
                        })
                    })
                    .ok_or_else(|| UnknownTerm {
                        kind: $kind,
                        given: s.to_owned(),
                        expected: Self::ALL
                            .iter()
                            .map(|t| t.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
            }
        }
    };
}

/// Lower-cases a term and keeps only its letters and digits, so that
/// `in-market`, `in_market` and `InMarket` name the same term, and a label
/// such as "IP, standards and certification" can be typed without its comma.
fn fold_term(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

vocabulary! {
    /// A kind of international activity (the EU's five modes).
    Mode, "mode" {
        Export => "Export",
        Import => "Import",
        /// Outward foreign direct investment: a subsidiary, relocation or outsourcing abroad.
        Investment => "Investment abroad",
        /// International subcontracting, on either side.
        Subcontracting => "International subcontracting",
        /// International technical cooperation: joint R&D, licensing, technology partnerships.
        Cooperation => "Technical cooperation",
    }
}

vocabulary! {
    /// How far from the SME's home country a service helps it go.
    Scope, "scope" {
        CrossBorder => "Cross-border",
        SingleMarket => "EU single market",
        Global => "Beyond the EU",
    }
}

vocabulary! {
    /// A stage of the customer journey, in order.
    Stage, "stage" {
        Explore => "Explore",
        Prepare => "Prepare",
        Research => "Research markets",
        Enter => "Enter",
        Grow => "Grow",
    }
}

vocabulary! {
    /// What a service gives.
    Support, "support kind" {
        Awareness => "Awareness",
        Information => "Information",
        Diagnostic => "Diagnostic",
        Advice => "Advice and mentoring",
        Training => "Training",
        Matchmaking => "Matchmaking",
        Promotion => "Trade missions and fairs",
        InMarket => "In-market help",
        Grant => "Grant",
        Loan => "Loan",
        Guarantee => "Guarantee",
        Insurance => "Insurance",
        Documentation => "Trade documents",
        Collective => "Collective action",
        Talent => "Talent",
        Regulatory => "IP, standards and certification",
        Procurement => "Public procurement",
    }
}

vocabulary! {
    /// The level a provider works at; referral routes to the lowest tier that fits.
    Tier, "tier" {
        Local => "Local",
        Regional => "Regional",
        National => "National",
        European => "European",
    }
}

vocabulary! {
    /// A dimension of internationalisation readiness.
    Dimension, "dimension" {
        Commitment => "Commitment",
        Offer => "Offer",
        Capacity => "Capacity",
        Finance => "Finance",
        Knowledge => "Knowledge",
        Experience => "Experience",
        Compliance => "Compliance",
        Marketing => "Marketing",
    }
}

vocabulary! {
    /// A situation an SME is in that a service can meet.
    Need, "need" {
        Motivation => "is not yet sure going international is right for it",
        Strategy => "needs an international strategy or plan",
        ProductFit => "must adapt its product or service for foreign customers",
        StaffSkills => "lacks the staff, skills or time for international work",
        ProductionCapacity => "needs capacity for larger or foreign orders",
        WorkingCapital => "needs working capital to fulfil foreign orders",
        PaymentRisk => "fears not being paid by foreign buyers",
        MarketEntryCost => "cannot meet the cost of fairs, travel or market visits",
        InvestmentFinance => "needs finance for an investment abroad",
        MarketIntelligence => "needs market information to choose a market",
        Sourcing => "needs reliable suppliers abroad",
        Partners => "has no buyers, agents or partners in the target market",
        TechnologyPartners => "needs technology or research partners abroad",
        LocalPresence => "needs a presence in the target market",
        TradeRules => "needs to understand tariffs, origin rules and trade agreements",
        CustomsDocuments => "needs help with customs and trade documents",
        Certification => "must meet standards or certify the product for the market",
        IntellectualProperty => "must protect its intellectual property abroad",
        Contracts => "needs help with international contracts and legal questions",
        InternationalMarketing => "needs to promote itself to foreign customers",
        DigitalSales => "wants to sell online across borders",
        PublicTenders => "wants to win public tenders abroad",
    }
}

impl Dimension {
    /// The need a gap in this dimension most often means, raised when the
    /// answers show a gap but name no more specific need.
    #[must_use]
    pub const fn primary_need(self) -> Need {
        match self {
            Dimension::Commitment => Need::Strategy,
            Dimension::Offer => Need::ProductFit,
            Dimension::Capacity => Need::StaffSkills,
            Dimension::Finance => Need::WorkingCapital,
            Dimension::Knowledge => Need::MarketIntelligence,
            Dimension::Experience => Need::Partners,
            Dimension::Compliance => Need::TradeRules,
            Dimension::Marketing => Need::InternationalMarketing,
        }
    }
}

impl Scope {
    /// The scope as a phrase, in `lang`: "business beyond the EU".
    #[must_use]
    pub fn phrase_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.term("ScopePhrase", self.as_str(), self.english_phrase())
    }

    const fn english_phrase(self) -> &'static str {
        match self {
            Scope::CrossBorder => "cross-border business",
            Scope::SingleMarket => "business in the EU single market",
            Scope::Global => "business beyond the EU",
        }
    }
}

/// Every vocabulary label as `(kind, term, English)`: the keys the locale
/// files translate (`"Stage.Explore"`).
#[must_use]
pub fn english_terms() -> Vec<(&'static str, &'static str, &'static str)> {
    fn all<T: Copy>(
        kind: &'static str,
        terms: &[T],
        name: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
        terms.iter().map(move |t| (kind, name(*t), label(*t)))
    }
    let mut out = Vec::new();
    out.extend(all("Mode", Mode::ALL, Mode::as_str, Mode::english_label));
    out.extend(all(
        "Scope",
        Scope::ALL,
        Scope::as_str,
        Scope::english_label,
    ));
    out.extend(all(
        "ScopePhrase",
        Scope::ALL,
        Scope::as_str,
        Scope::english_phrase,
    ));
    out.extend(all(
        "Stage",
        Stage::ALL,
        Stage::as_str,
        Stage::english_label,
    ));
    out.extend(all(
        "Support",
        Support::ALL,
        Support::as_str,
        Support::english_label,
    ));
    out.extend(all("Tier", Tier::ALL, Tier::as_str, Tier::english_label));
    out.extend(all(
        "Dimension",
        Dimension::ALL,
        Dimension::as_str,
        Dimension::english_label,
    ));
    out.extend(all("Need", Need::ALL, Need::as_str, Need::english_label));
    out.extend(all(
        "SizeClass",
        SizeClass::ALL,
        SizeClass::as_str,
        SizeClass::english_label,
    ));
    out.extend(all(
        "NaceSection",
        NaceSection::ALL,
        NaceSection::as_str,
        NaceSection::english_label,
    ));
    out.extend(all(
        "Membership",
        Membership::ALL,
        Membership::as_str,
        Membership::english_label,
    ));
    out.extend(all(
        "LegalForm",
        LegalForm::ALL,
        LegalForm::as_str,
        LegalForm::english_label,
    ));
    out.extend(all("Zone", Zone::ALL, Zone::as_str, Zone::english_label));
    out.extend(all(
        "ProviderKind",
        ProviderKind::ALL,
        ProviderKind::as_str,
        ProviderKind::english_label,
    ));
    out.extend(all(
        "Activity",
        Activity::ALL,
        Activity::as_str,
        Activity::english_label,
    ));
    out.extend(all("Band", Band::ALL, Band::as_str, Band::english_label));
    out.extend(all(
        "Status",
        Status::ALL,
        Status::as_str,
        Status::english_label,
    ));
    out
}

impl Need {
    /// The readiness dimension this need is a symptom of.
    #[must_use]
    pub const fn dimension(self) -> Dimension {
        use Dimension as D;
        match self {
            Need::Motivation | Need::Strategy => D::Commitment,
            Need::ProductFit => D::Offer,
            Need::StaffSkills | Need::ProductionCapacity => D::Capacity,
            Need::WorkingCapital
            | Need::PaymentRisk
            | Need::MarketEntryCost
            | Need::InvestmentFinance => D::Finance,
            Need::MarketIntelligence | Need::Sourcing => D::Knowledge,
            Need::Partners | Need::TechnologyPartners | Need::LocalPresence => D::Experience,
            Need::TradeRules
            | Need::CustomsDocuments
            | Need::Certification
            | Need::IntellectualProperty
            | Need::Contracts => D::Compliance,
            Need::InternationalMarketing | Need::DigitalSales | Need::PublicTenders => D::Marketing,
        }
    }
}

vocabulary! {
    /// An EU SME size class (Commission Recommendation 2003/361/EC), plus `Large`.
    SizeClass, "size class" {
        Micro => "Micro (fewer than 10 staff)",
        Small => "Small (fewer than 50 staff)",
        Medium => "Medium-sized (fewer than 250 staff)",
        Large => "Large (not an SME)",
    }
}

impl SizeClass {
    /// The head-count range of the class, as `(min, max)` inclusive; `Large` has no maximum.
    #[must_use]
    pub const fn employees(self) -> (u64, Option<u64>) {
        match self {
            SizeClass::Micro => (0, Some(9)),
            SizeClass::Small => (10, Some(49)),
            SizeClass::Medium => (50, Some(249)),
            SizeClass::Large => (250, None),
        }
    }
}

vocabulary! {
    /// A NACE Rev. 2 section: the broad sector of an economic activity.
    NaceSection, "NACE section" {
        A => "Agriculture, forestry and fishing",
        B => "Mining and quarrying",
        C => "Manufacturing",
        D => "Electricity, gas, steam and air conditioning supply",
        E => "Water supply, sewerage and waste management",
        F => "Construction",
        G => "Wholesale and retail trade",
        H => "Transportation and storage",
        I => "Accommodation and food service",
        J => "Information and communication",
        K => "Financial and insurance activities",
        L => "Real estate activities",
        M => "Professional, scientific and technical activities",
        N => "Administrative and support services",
        O => "Public administration and defence",
        P => "Education",
        Q => "Human health and social work",
        R => "Arts, entertainment and recreation",
        S => "Other service activities",
        T => "Activities of households as employers",
        U => "Activities of extraterritorial organisations",
    }
}

vocabulary! {
    /// A body a firm may belong to, or be registered with, which some
    /// services require.
    Membership, "membership" {
        ChamberOfCommerce => "a chamber of commerce",
        ChamberOfCrafts => "a chamber of trades and crafts",
        IndustryAssociation => "an employers' or industry association",
        /// A client company of the national enterprise or trade agency
        /// (an Enterprise Ireland client, for example).
        AgencyClient => "a client of the national enterprise agency",
    }
}

vocabulary! {
    /// The legal form of a business, as far as schemes distinguish them.
    LegalForm, "legal form" {
        Company => "a company",
        SoleTrader => "a sole trader",
        Partnership => "a partnership",
        Cooperative => "a cooperative",
    }
}

vocabulary! {
    /// An area finer than any ISO 3166-2 code that a scheme is limited to.
    Zone, "zone" {
        /// The Irish-speaking areas served by Údarás na Gaeltachta.
        Gaeltacht => "a Gaeltacht area",
        /// The City of Koprivnica (Grad Koprivnica), within Koprivnica-Križevci County.
        KoprivnicaCity => "the City of Koprivnica",
    }
}

/// A NACE Rev. 2 division: two digits, finer than a section (`"10"`, food
/// products, in section C). Only codes of the published classification exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NaceDivision(u8);

impl NaceDivision {
    /// The division of a two-digit code, if NACE Rev. 2 has it.
    #[must_use]
    pub fn new(code: u8) -> Option<Self> {
        Self::section_of(code).map(|_| Self(code))
    }

    /// The two digits.
    #[must_use]
    pub fn code(self) -> u8 {
        self.0
    }

    /// The section the division belongs to.
    #[must_use]
    pub fn section(self) -> NaceSection {
        Self::section_of(self.0).unwrap_or(NaceSection::C)
    }

    /// The section of a division code, by the ranges of NACE Rev. 2.
    fn section_of(code: u8) -> Option<NaceSection> {
        use NaceSection as S;
        Some(match code {
            1..=3 => S::A,
            5..=9 => S::B,
            10..=33 => S::C,
            35 => S::D,
            36..=39 => S::E,
            41..=43 => S::F,
            45..=47 => S::G,
            49..=53 => S::H,
            55 | 56 => S::I,
            58..=63 => S::J,
            64..=66 => S::K,
            68 => S::L,
            69..=75 => S::M,
            77..=82 => S::N,
            84 => S::O,
            85 => S::P,
            86..=88 => S::Q,
            90..=93 => S::R,
            94..=96 => S::S,
            97 | 98 => S::T,
            99 => S::U,
            _ => return None,
        })
    }
}

impl fmt::Display for NaceDivision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl FromStr for NaceDivision {
    type Err = UnknownTerm;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownTerm {
            kind: "NACE division",
            given: s.to_owned(),
            expected: "two digits of a NACE Rev. 2 division, such as \"10\" (food products)"
                .to_owned(),
        };
        if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unknown());
        }
        s.parse::<u8>()
            .ok()
            .and_then(NaceDivision::new)
            .ok_or_else(unknown)
    }
}

impl TryFrom<String> for NaceDivision {
    type Error = UnknownTerm;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<NaceDivision> for String {
    fn from(d: NaceDivision) -> String {
        d.to_string()
    }
}

vocabulary! {
    /// The kind of organisation a provider is.
    ProviderKind, "provider kind" {
        Ministry => "Government department",
        Agency => "Public agency",
        ExportCredit => "Export credit agency",
        DevelopmentBank => "Development or promotional bank",
        RegionalDevelopment => "Regional development agency",
        LocalAuthority => "Local authority",
        Chamber => "Chamber of commerce",
        Association => "Business association",
        Network => "Support network",
        Incubator => "Incubator or enterprise centre",
        EuInstitution => "EU institution",
    }
}

vocabulary! {
    /// How much international business a firm does today.
    Activity, "activity" {
        /// No business abroad yet.
        NotYet => "No international business yet",
        /// Orders or deals from abroad now and then, no regular business.
        Occasional => "Occasional international business",
        /// Regular business in one or a few foreign markets.
        Regular => "Regular international business",
        /// Established in several markets, or with a presence abroad.
        Established => "Established in several markets",
    }
}

vocabulary! {
    /// A readiness band: how a dimension's score reads.
    Band, "band" {
        Gap => "gap",
        Developing => "developing",
        Strong => "strong",
    }
}

impl Band {
    /// The band of a 0–100 score: strong from 70, developing from 40, else a gap.
    #[must_use]
    pub const fn of(score: u8) -> Band {
        match score {
            70.. => Band::Strong,
            40..=69 => Band::Developing,
            _ => Band::Gap,
        }
    }
}

vocabulary! {
    /// Whether a service can be referred to today.
    #[derive(Default)]
    Status, "status" {
        #[default]
        Active => "Active",
        /// Kept for the landscape's history; never referred.
        Closed => "Closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse_case_insensitively_and_ignore_separators() {
        assert_eq!("in-market".parse::<Support>(), Ok(Support::InMarket));
        assert_eq!("IN_MARKET".parse::<Support>(), Ok(Support::InMarket));
        assert_eq!("export".parse::<Mode>(), Ok(Mode::Export));
        assert_eq!("single market".parse::<Scope>(), Ok(Scope::SingleMarket));
    }

    #[test]
    fn terms_parse_from_the_labels_people_see() {
        assert_eq!("In-market help".parse::<Support>(), Ok(Support::InMarket));
        assert_eq!(
            "trade missions and fairs".parse::<Support>(),
            Ok(Support::Promotion)
        );
        assert_eq!(
            "IP standards and certification".parse::<Support>(),
            Ok(Support::Regulatory)
        );
        assert_eq!("research markets".parse::<Stage>(), Ok(Stage::Research));
        // A name still wins over a label that folds alike.
        assert_eq!("research".parse::<Stage>(), Ok(Stage::Research));
    }

    #[test]
    fn an_unknown_term_lists_the_expected_ones() {
        let err = "exprt".parse::<Mode>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown mode `exprt`; expected one of: Export, Import, Investment, Subcontracting, Cooperation"
        );
    }

    #[test]
    fn every_dimension_has_at_least_one_need() {
        for dimension in Dimension::ALL {
            assert!(
                Need::ALL.iter().any(|n| n.dimension() == *dimension),
                "{dimension} has no need"
            );
        }
    }

    #[test]
    fn size_classes_tile_the_head_count_line() {
        let mut next = 0;
        for class in SizeClass::ALL {
            let (min, max) = class.employees();
            assert_eq!(min, next);
            next = max.map_or(u64::MAX, |m| m + 1);
        }
    }
}
