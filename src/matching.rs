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
use crate::catalogue::{Area, Bounds, Catalogue, Requirement, Service, ServiceId};
use crate::i18n::{Text, fill, tr};
use crate::vocab::{LegalForm, Mode, NaceSection, Need, SizeClass, Stage, Status, Tier};

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

/// How one rule of eligibility stands for a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Pass,
    Fail,
    /// The profile cannot tell: the service is possibly eligible, and the
    /// open question is put to the firm ("check: …").
    Open,
}

impl Verdict {
    /// The verdict of a condition on a fact: `None` when the fact is unknown.
    fn of(known: Option<bool>) -> Self {
        match known {
            Some(true) => Verdict::Pass,
            Some(false) => Verdict::Fail,
            None => Verdict::Open,
        }
    }

    /// Both must pass: a failure wins over an open question.
    fn and(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::Fail, _) | (_, Verdict::Fail) => Verdict::Fail,
            (Verdict::Open, _) | (_, Verdict::Open) => Verdict::Open,
            _ => Verdict::Pass,
        }
    }
}

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
        Mode::Cooperation => &[
            N::TechnologyPartners,
            N::IntellectualProperty,
            N::Contracts,
        ],
    }
}

/// The first need, in the vocabulary's order, that a service meets and one
/// of the firm's modes implies, with that mode.
fn related_need(profile: &Profile, service: &Service) -> Option<(Mode, Need)> {
    profile.modes.iter().find_map(|&mode| {
        implied_needs(mode)
            .iter()
            .find(|n| service.needs.contains(n))
            .map(|&n| (mode, n))
    })
}

/// One rule of eligibility. The rules are tested without a word written —
/// most services of a large catalogue fail one, and only an explanation
/// needs it put into words ([`Rule::words`]). Referral test cases name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
pub enum Rule {
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
    /// The typed conditions of `eligibility.requires`.
    Requires,
}

impl Rule {
    /// Every rule, in the order its reason is given.
    const ALL: [Rule; 12] = [
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
        Rule::Requires,
    ];

    /// How the rule stands for the service and the profile. A condition on
    /// a fact the firm has not given is open, never a silent pass.
    fn verdict(self, profile: &Profile, service: &Service) -> Verdict {
        let company = &profile.company;
        let eligibility = &service.eligibility;
        match self {
            Rule::Active => Verdict::of(Some(service.status != Status::Closed)),
            Rule::Located => Verdict::of(Some(company.location().is_some())),
            Rule::Area => match company.location() {
                Some(location) => {
                    Verdict::of(Some(service.areas.iter().any(|a| a.contains(location))))
                }
                None => Verdict::Pass,
            },
            Rule::Size => {
                if eligibility.sizes.is_empty() {
                    Verdict::Pass
                } else {
                    Verdict::of(company.size_class().map(|s| eligibility.sizes.contains(&s)))
                }
            }
            Rule::Staff => match eligibility.employees {
                Some(bounds) => Verdict::of(company.employees.map(|e| bounds.contains(e))),
                None => Verdict::Pass,
            },
            Rule::Turnover => match eligibility.turnover_eur {
                Some(bounds) => Verdict::of(company.turnover_eur.map(|t| bounds.contains(t))),
                None => Verdict::Pass,
            },
            Rule::Sector => sector_verdict(profile, service),
            Rule::Years => {
                let bounds = Bounds {
                    min: eligibility.min_years_trading.map(u64::from),
                    max: eligibility.max_years_trading.map(u64::from),
                };
                if bounds.min.is_none() && bounds.max.is_none() {
                    Verdict::Pass
                } else {
                    Verdict::of(company.years_trading.map(|y| bounds.contains(y)))
                }
            }
            Rule::Modes => {
                let pursues = |modes: &[Mode]| modes.iter().any(|m| profile.modes.contains(m));
                if profile.modes.is_empty() {
                    Verdict::Pass
                } else if !eligibility.modes.is_empty() && !pursues(&eligibility.modes) {
                    Verdict::Fail
                } else {
                    Verdict::of(Some(
                        pursues(&service.modes) || related_need(profile, service).is_some(),
                    ))
                }
            }
            Rule::Scopes => {
                let reach = profile.reach();
                Verdict::of(Some(
                    reach.is_empty()
                        || service.scopes.is_empty()
                        || service.scopes.iter().any(|s| reach.contains(s)),
                ))
            }
            Rule::Markets => Verdict::of(Some(
                profile.markets.is_empty()
                    || service.markets.is_empty()
                    || service.markets.iter().any(|m| profile.markets.contains(m)),
            )),
            Rule::Requires => eligibility
                .requires
                .iter()
                .map(|r| requirement_verdict(profile, r))
                .fold(Verdict::Pass, Verdict::and),
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
                let sector = company.sector.map(NaceSection::label).unwrap_or_default();
                fill(
                    Text::NotSector,
                    &[("sectors", &sectors_words(service)), ("sector", sector)],
                )
            }
            Rule::Years => {
                let years = company.years_trading.unwrap_or_default().to_string();
                match (eligibility.min_years_trading, eligibility.max_years_trading) {
                    (Some(minimum), _)
                        if company.years_trading.is_some_and(|y| y < u64::from(minimum)) =>
                    {
                        fill(
                            Text::NotYears,
                            &[("minimum", &minimum.to_string()), ("years", &years)],
                        )
                    }
                    (_, maximum) => fill(
                        Text::NotYearsMax,
                        &[
                            ("maximum", &maximum.unwrap_or_default().to_string()),
                            ("years", &years),
                        ],
                    ),
                }
            }
            Rule::Modes => {
                if eligibility.modes.is_empty() {
                    let modes: Vec<&str> = service.modes.iter().map(|m| m.label()).collect();
                    fill(Text::NotModes, &[("modes", &modes.join(", "))])
                } else {
                    let modes: Vec<&str> = eligibility.modes.iter().map(|m| m.label()).collect();
                    fill(Text::NotModesRestricted, &[("modes", &modes.join(", "))])
                }
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
            Rule::Requires => eligibility
                .requires
                .iter()
                .filter(|r| requirement_verdict(profile, r) == Verdict::Fail)
                .map(|r| requirement_words(profile, r))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The open question of a rule that the profile cannot settle.
    fn check_words(self, profile: &Profile, service: &Service) -> Vec<String> {
        let eligibility = &service.eligibility;
        match self {
            Rule::Size => {
                let sizes: Vec<&str> = eligibility.sizes.iter().map(|s| s.label()).collect();
                vec![fill(
                    Text::CheckSize,
                    &[("sizes", &sizes.join(tr(Text::ListOr)))],
                )]
            }
            Rule::Staff => vec![fill(
                Text::CheckStaff,
                &[(
                    "bounds",
                    &describe_bounds(eligibility.employees.unwrap_or_default()),
                )],
            )],
            Rule::Turnover => vec![fill(
                Text::CheckTurnover,
                &[(
                    "bounds",
                    &describe_bounds(eligibility.turnover_eur.unwrap_or_default()),
                )],
            )],
            Rule::Sector => vec![fill(
                Text::CheckSector,
                &[("sectors", &sectors_words(service))],
            )],
            Rule::Years => vec![fill(
                Text::CheckYears,
                &[(
                    "bounds",
                    &describe_bounds(Bounds {
                        min: eligibility.min_years_trading.map(u64::from),
                        max: eligibility.max_years_trading.map(u64::from),
                    }),
                )],
            )],
            Rule::Requires => eligibility
                .requires
                .iter()
                .filter(|r| requirement_verdict(profile, r) == Verdict::Open)
                .map(requirement_check)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A firm fits a service's sectors when its NACE section is one of
/// `sectors`, or its division one of `divisions`. Knowing only the section,
/// a firm whose section holds one of the divisions may fit: that is open.
fn sector_verdict(profile: &Profile, service: &Service) -> Verdict {
    let eligibility = &service.eligibility;
    if eligibility.sectors.is_empty() && eligibility.divisions.is_empty() {
        return Verdict::Pass;
    }
    let Some(section) = profile.company.sector else {
        return Verdict::Open;
    };
    if eligibility.sectors.contains(&section) {
        return Verdict::Pass;
    }
    match profile.company.division {
        Some(division) => Verdict::of(Some(eligibility.divisions.contains(&division))),
        None if eligibility
            .divisions
            .iter()
            .any(|d| d.section() == section && !profile.company.not_divisions.contains(d)) =>
        {
            Verdict::Open
        }
        None => Verdict::Fail,
    }
}

/// The sectors and divisions a service admits, in words.
fn sectors_words(service: &Service) -> String {
    let eligibility = &service.eligibility;
    let mut parts: Vec<String> = eligibility
        .sectors
        .iter()
        .map(|s| s.label().to_owned())
        .collect();
    if !eligibility.divisions.is_empty() {
        let divisions: Vec<String> = eligibility.divisions.iter().map(ToString::to_string).collect();
        parts.push(fill(
            Text::NaceDivisions,
            &[("divisions", &divisions.join(tr(Text::ListOr)))],
        ));
    }
    parts.join(", ")
}

fn requirement_verdict(profile: &Profile, requirement: &Requirement) -> Verdict {
    let company = &profile.company;
    match requirement {
        Requirement::ExportShare { min, max } => Verdict::of(company.export_share.map(|share| {
            min.is_none_or(|min| share >= min) && max.is_none_or(|max| share <= max)
        })),
        Requirement::Member { kind, body } => match &company.memberships {
            None => Verdict::Open,
            Some(memberships) if memberships.contains(kind) => {
                // Belonging to a kind of body does not say which one.
                if body.is_some() {
                    Verdict::Open
                } else {
                    Verdict::Pass
                }
            }
            Some(_) => Verdict::Fail,
        },
        Requirement::LegalForm(forms) => {
            Verdict::of(company.legal_form.map(|form| forms.contains(&form)))
        }
        Requirement::Zone(zone) => Verdict::of(company.zones.as_ref().map(|z| z.contains(zone))),
    }
}

/// Why the firm fails a typed condition, in words.
fn requirement_words(profile: &Profile, requirement: &Requirement) -> String {
    let company = &profile.company;
    match requirement {
        Requirement::ExportShare { min, max } => fill(
            Text::NotExportShare,
            &[
                ("bounds", &share_bounds(*min, *max)),
                ("share", &company.export_share.unwrap_or_default().to_string()),
            ],
        ),
        Requirement::Member { kind, body } => fill(
            Text::NotMember,
            &[("body", body.as_deref().unwrap_or(kind.label()))],
        ),
        Requirement::LegalForm(forms) => fill(
            Text::NotLegalForm,
            &[
                ("forms", &labels(forms, LegalForm::label, Text::ListOr)),
                ("form", company.legal_form.map(LegalForm::label).unwrap_or_default()),
            ],
        ),
        Requirement::Zone(zone) => fill(Text::NotZone, &[("zone", zone.label())]),
    }
}

/// The open question of a typed condition, in words.
fn requirement_check(requirement: &Requirement) -> String {
    match requirement {
        Requirement::ExportShare { min, max } => {
            fill(Text::CheckExportShare, &[("bounds", &share_bounds(*min, *max))])
        }
        Requirement::Member { kind, body: None } => {
            fill(Text::CheckMember, &[("body", kind.label())])
        }
        Requirement::Member {
            body: Some(body), ..
        } => fill(Text::CheckMemberBody, &[("body", body)]),
        Requirement::LegalForm(forms) => fill(
            Text::CheckLegalForm,
            &[("forms", &labels(forms, LegalForm::label, Text::ListOr))],
        ),
        Requirement::Zone(zone) => fill(Text::CheckZone, &[("zone", zone.label())]),
    }
}

fn share_bounds(min: Option<u8>, max: Option<u8>) -> String {
    describe_bounds(Bounds {
        min: min.map(u64::from),
        max: max.map(u64::from),
    })
}

fn labels<T: Copy>(items: &[T], label: fn(T) -> &'static str, joiner: Text) -> String {
    items
        .iter()
        .map(|&i| label(i))
        .collect::<Vec<_>>()
        .join(tr(joiner))
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
        .filter(|rule| rule.verdict(profile, service) == Verdict::Fail)
        .map(|rule| rule.words(profile, service))
        .collect()
}

/// The rules a service fails for the profile, in the order of [`Rule`].
#[must_use]
pub fn failed_rules(profile: &Profile, service: &Service) -> Vec<Rule> {
    Rule::ALL
        .into_iter()
        .filter(|rule| rule.verdict(profile, service) == Verdict::Fail)
        .collect()
}

/// What the firm must check before it can be sure a service is open to it:
/// the conditions its answers cannot settle. Empty for a service it is
/// certainly eligible for (or excluded from).
#[must_use]
pub fn open_checks(profile: &Profile, service: &Service) -> Vec<String> {
    Rule::ALL
        .iter()
        .filter(|rule| rule.verdict(profile, service) == Verdict::Open)
        .flat_map(|rule| rule.check_words(profile, service))
        .collect()
}

/// Whether a service may be referred to the firm: it fails no rule of
/// [`exclusions`] (it may be only possibly eligible, see [`open_checks`]),
/// found without putting any reason into words.
#[must_use]
pub fn is_eligible(profile: &Profile, service: &Service) -> bool {
    !Rule::ALL
        .iter()
        .any(|rule| rule.verdict(profile, service) == Verdict::Fail)
}

/// The eligible services for a profile, best first. Equal scores are
/// ordered by relevance ([`relevance`]), and only then by catalogue order.
#[must_use]
pub fn match_services<'c>(profile: &Profile, catalogue: &'c Catalogue) -> Vec<Match<'c>> {
    let mut matches: Vec<Match<'c>> = catalogue
        .services()
        .iter()
        .enumerate()
        .filter(|(_, service)| is_eligible(profile, service))
        .map(|(place, service)| score(profile, service, place))
        .collect();
    matches.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.relevance.cmp(&b.relevance)));
    matches
}

/// The order of services of equal score, most relevant first (smaller
/// sorts first): certainly eligible before possibly eligible; the most
/// specific area (a subdivision, then a country, the EU, anywhere); specific
/// to the firm's sector; the lowest tier; the most of the firm's needs met;
/// and last the place in the catalogue, so the order is total and stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Relevance {
    open: bool,
    area: u8,
    open_sector: bool,
    tier: Tier,
    needs_unmet: std::cmp::Reverse<usize>,
    place: usize,
}

fn relevance(profile: &Profile, service: &Service, place: usize, open: bool) -> Relevance {
    let area = service
        .areas
        .iter()
        .filter(|a| profile.company.location().is_none_or(|l| a.contains(l)))
        .map(|a| match a {
            Area::Subdivision(_) => 0,
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

fn score<'c>(profile: &Profile, service: &'c Service, place: usize) -> Match<'c> {
    let mut base = 0;
    let mut reasons = Vec::new();
    let checks = open_checks(profile, service);
    if !checks.is_empty() {
        base -= POSSIBLY_ELIGIBLE;
        reasons.push(fill(
            Text::WhyPossibly,
            &[("checks", &checks.join("; "))],
        ));
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
    // Open to the firm through a need its own mode brings: say which.
    if modes.is_empty()
        && let Some((mode, need)) = related_need(profile, service)
    {
        let written: Vec<&str> = service.modes.iter().map(|m| m.label()).collect();
        reasons.push(fill(
            Text::WhyRelatedMode,
            &[
                ("modes", &written.join(tr(Text::ListOr)).to_lowercase()),
                ("mode", &mode.label().to_lowercase()),
                ("need", need.label()),
            ],
        ));
    }
    let reach = profile.reach();
    let scopes: Vec<&str> = service
        .scopes
        .iter()
        .filter(|s| reach.contains(s))
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
    let open = !checks.is_empty();
    let mut found = Match {
        service,
        base,
        score: 0,
        reasons,
        checks,
        relevance: relevance(profile, service, place, open),
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
) -> Option<Explanation> {
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
    let stage = crate::journey::plan_journey(profile, catalogue, per_stage)
        .stage_of(service.id.as_str());
    let journey = match stage {
        Some(stage) => fill(Text::JourneyPlaced, &[("stage", stage.label())]),
        None => tr(Text::JourneyNotPlaced).to_owned(),
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
