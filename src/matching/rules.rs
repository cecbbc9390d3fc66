//! The rules of eligibility, each tested for a profile without a word
//! written (most services of a large catalogue fail one), and put into words
//! only for an explanation: why a service fails, or what the firm must check
//! when its answers cannot settle a condition.

use super::modes::related_need;
use crate::assessment::Profile;
use crate::catalogue::{Bounds, Requirement, Service};
use crate::i18n::{Counted, Lang, Text};
use crate::vocab::{LegalForm, Mode, Scope, SizeClass, Status};

/// How one rule of eligibility stands for a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
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

    /// Either may pass: a pass wins over an open question.
    fn or(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::Pass, _) | (_, Verdict::Pass) => Verdict::Pass,
            (Verdict::Open, _) | (_, Verdict::Open) => Verdict::Open,
            _ => Verdict::Fail,
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

/// One rule of eligibility. The rules are tested without a word written —
/// most services of a large catalogue fail one, and only an explanation
/// needs it put into words (`Rule::words`). Referral test cases name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
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
    pub(super) const ALL: [Rule; 12] = [
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
    pub(super) fn verdict(self, profile: &Profile, reach: &[Scope], service: &Service) -> Verdict {
        let company = &profile.company;
        let eligibility = &service.eligibility;
        match self {
            Rule::Active => Verdict::of(Some(service.status != Status::Closed)),
            Rule::Located => Verdict::of(Some(company.location().is_some())),
            // In any of the areas: one the answers settle as in passes; else a
            // NUTS region finer than the firm is known by leaves it open.
            Rule::Area => match company.location() {
                Some(_) => service
                    .areas
                    .iter()
                    .map(|a| Verdict::of(company.in_area(a)))
                    .fold(Verdict::Fail, Verdict::or),
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
            Rule::Scopes => Verdict::of(Some(
                reach.is_empty()
                    || service.scopes.is_empty()
                    || service.scopes.iter().any(|s| reach.contains(s)),
            )),
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
    fn words(self, profile: &Profile, service: &Service, lang: Lang) -> String {
        let company = &profile.company;
        let eligibility = &service.eligibility;
        let location = || {
            company
                .location()
                .map(|a| a.name_in(lang))
                .unwrap_or_default()
        };
        match self {
            Rule::Active => lang.tr(Text::NotClosed).to_owned(),
            Rule::Located => lang.tr(Text::NotLocated).to_owned(),
            Rule::Area => {
                let areas: Vec<String> = service.areas.iter().map(|a| a.name_in(lang)).collect();
                lang.fill(
                    Text::NotArea,
                    &[("areas", &areas.join(", ")), ("location", &location())],
                )
            }
            Rule::Size => size_words(profile, service, lang),
            Rule::Staff => lang.fill(
                Text::NotStaff,
                &[
                    (
                        "bounds",
                        &describe_bounds(eligibility.employees.unwrap_or_default(), lang),
                    ),
                    ("staff", &company.employees.unwrap_or_default().to_string()),
                ],
            ),
            Rule::Turnover => lang.fill(
                Text::NotTurnover,
                &[
                    (
                        "bounds",
                        &describe_bounds(eligibility.turnover_eur.unwrap_or_default(), lang),
                    ),
                    (
                        "turnover",
                        &thousands(company.turnover_eur.unwrap_or_default(), lang),
                    ),
                ],
            ),
            Rule::Sector => {
                let sector = company.sector.map(|l| l.label_in(lang)).unwrap_or_default();
                lang.fill(
                    Text::NotSector,
                    &[
                        ("sectors", &sectors_words(service, lang)),
                        ("sector", sector),
                    ],
                )
            }
            Rule::Years => {
                let years = |n: u64| lang.count(Counted::Years, n, &[]);
                let traded = company.years_trading.unwrap_or_default();
                let (text, bound, value) =
                    match (eligibility.min_years_trading, eligibility.max_years_trading) {
                        (Some(min), _)
                            if company.years_trading.is_some_and(|y| y < u64::from(min)) =>
                        {
                            (Text::NotYears, "minimum", min)
                        }
                        (_, max) => (Text::NotYearsMax, "maximum", max.unwrap_or_default()),
                    };
                lang.fill(
                    text,
                    &[(bound, &years(value.into())), ("years", &years(traded))],
                )
            }
            Rule::Modes => {
                if eligibility.modes.is_empty() {
                    let modes: Vec<&str> = service.modes.iter().map(|m| m.label_in(lang)).collect();
                    lang.fill(Text::NotModes, &[("modes", &modes.join(", "))])
                } else {
                    let modes: Vec<&str> =
                        eligibility.modes.iter().map(|m| m.label_in(lang)).collect();
                    lang.fill(Text::NotModesRestricted, &[("modes", &modes.join(", "))])
                }
            }
            Rule::Scopes => {
                let scopes: Vec<&str> = service.scopes.iter().map(|s| s.phrase_in(lang)).collect();
                lang.fill(
                    Text::NotScopes,
                    &[("scopes", &scopes.join(lang.tr(Text::ListOr)))],
                )
            }
            Rule::Markets => {
                let markets: Vec<String> =
                    service.markets.iter().map(|a| a.name_in(lang)).collect();
                lang.fill(Text::NotMarkets, &[("markets", &markets.join(", "))])
            }
            Rule::Requires => eligibility
                .requires
                .iter()
                .filter(|r| requirement_verdict(profile, r) == Verdict::Fail)
                .map(|r| requirement_words(profile, r, lang))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The open question of a rule that the profile cannot settle.
    fn check_words(self, profile: &Profile, service: &Service, lang: Lang) -> Vec<String> {
        let eligibility = &service.eligibility;
        match self {
            Rule::Area => {
                let areas: Vec<String> = service
                    .areas
                    .iter()
                    .filter(|a| profile.company.in_area(a).is_none())
                    .map(|a| a.name_in(lang))
                    .collect();
                vec![lang.fill(
                    Text::CheckZone,
                    &[("zone", &areas.join(lang.tr(Text::ListOr)))],
                )]
            }
            Rule::Size => {
                let sizes: Vec<&str> = eligibility.sizes.iter().map(|s| s.label_in(lang)).collect();
                vec![lang.fill(
                    Text::CheckSize,
                    &[("sizes", &sizes.join(lang.tr(Text::ListOr)))],
                )]
            }
            Rule::Staff => vec![lang.fill(
                Text::CheckStaff,
                &[(
                    "bounds",
                    &describe_bounds(eligibility.employees.unwrap_or_default(), lang),
                )],
            )],
            Rule::Turnover => vec![lang.fill(
                Text::CheckTurnover,
                &[(
                    "bounds",
                    &describe_bounds(eligibility.turnover_eur.unwrap_or_default(), lang),
                )],
            )],
            Rule::Sector => vec![lang.fill(
                Text::CheckSector,
                &[("sectors", &sectors_words(service, lang))],
            )],
            Rule::Years => vec![lang.fill(
                Text::CheckYears,
                &[(
                    "bounds",
                    &describe_bounds(
                        Bounds {
                            min: eligibility.min_years_trading.map(u64::from),
                            max: eligibility.max_years_trading.map(u64::from),
                        },
                        lang,
                    ),
                )],
            )],
            Rule::Requires => eligibility
                .requires
                .iter()
                .filter(|r| requirement_verdict(profile, r) == Verdict::Open)
                .map(|r| requirement_check(r, lang))
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
fn sectors_words(service: &Service, lang: Lang) -> String {
    let eligibility = &service.eligibility;
    let mut parts: Vec<String> = eligibility
        .sectors
        .iter()
        .map(|s| s.label_in(lang).to_owned())
        .collect();
    if !eligibility.divisions.is_empty() {
        let divisions: Vec<String> = eligibility
            .divisions
            .iter()
            .map(ToString::to_string)
            .collect();
        parts.push(lang.fill(
            Text::NaceDivisions,
            &[("divisions", &divisions.join(lang.tr(Text::ListOr)))],
        ));
    }
    parts.join(", ")
}

fn requirement_verdict(profile: &Profile, requirement: &Requirement) -> Verdict {
    let company = &profile.company;
    match requirement {
        Requirement::ExportShare { min, max } => {
            Verdict::of(company.export_share.map(|share| {
                min.is_none_or(|min| share >= min) && max.is_none_or(|max| share <= max)
            }))
        }
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
fn requirement_words(profile: &Profile, requirement: &Requirement, lang: Lang) -> String {
    let company = &profile.company;
    match requirement {
        Requirement::ExportShare { min, max } => lang.fill(
            Text::NotExportShare,
            &[
                ("bounds", &share_bounds(*min, *max, lang)),
                (
                    "share",
                    &company.export_share.unwrap_or_default().to_string(),
                ),
            ],
        ),
        Requirement::Member { kind, body } => lang.fill(
            Text::NotMember,
            &[("body", body.as_deref().unwrap_or(kind.label_in(lang)))],
        ),
        Requirement::LegalForm(forms) => lang.fill(
            Text::NotLegalForm,
            &[
                (
                    "forms",
                    &labels(forms, LegalForm::label_in, Text::ListOr, lang),
                ),
                (
                    "form",
                    company
                        .legal_form
                        .map(|l| l.label_in(lang))
                        .unwrap_or_default(),
                ),
            ],
        ),
        Requirement::Zone(zone) => lang.fill(Text::NotZone, &[("zone", zone.label_in(lang))]),
    }
}

/// The open question of a typed condition, in words.
fn requirement_check(requirement: &Requirement, lang: Lang) -> String {
    match requirement {
        Requirement::ExportShare { min, max } => lang.fill(
            Text::CheckExportShare,
            &[("bounds", &share_bounds(*min, *max, lang))],
        ),
        Requirement::Member { kind, body: None } => {
            lang.fill(Text::CheckMember, &[("body", kind.label_in(lang))])
        }
        Requirement::Member {
            body: Some(body), ..
        } => lang.fill(Text::CheckMemberBody, &[("body", body)]),
        Requirement::LegalForm(forms) => lang.fill(
            Text::CheckLegalForm,
            &[(
                "forms",
                &labels(forms, LegalForm::label_in, Text::ListOr, lang),
            )],
        ),
        Requirement::Zone(zone) => lang.fill(Text::CheckZone, &[("zone", zone.label_in(lang))]),
    }
}

fn share_bounds(min: Option<u8>, max: Option<u8>, lang: Lang) -> String {
    describe_bounds(
        Bounds {
            min: min.map(u64::from),
            max: max.map(u64::from),
        },
        lang,
    )
}

fn labels<T: Copy>(
    items: &[T],
    label: fn(T, Lang) -> &'static str,
    joiner: Text,
    lang: Lang,
) -> String {
    items
        .iter()
        .map(|&i| label(i, lang))
        .collect::<Vec<_>>()
        .join(lang.tr(joiner))
}

/// Why the firm's size does not fit a service's sizes, in words.
fn size_words(profile: &Profile, service: &Service, lang: Lang) -> String {
    let company = &profile.company;
    let sizes = &service.eligibility.sizes;
    let size = company.size_class().unwrap_or(SizeClass::Large);
    let allowed: Vec<&str> = sizes.iter().map(|s| s.label_in(lang)).collect();
    let sme_only = !sizes.contains(&SizeClass::Large);
    let staff = company.employees.unwrap_or_default();
    if size == SizeClass::Large && sme_only {
        let sizes = allowed.join(", ");
        match company.turnover_eur {
            Some(t) => lang.count(
                Counted::NotSmeTurnover,
                staff,
                &[("sizes", &sizes), ("turnover", &thousands(t, lang))],
            ),
            None => lang.count(Counted::NotSme, staff, &[("sizes", &sizes)]),
        }
    } else {
        lang.fill(
            Text::NotSize,
            &[
                ("sizes", &allowed.join(lang.tr(Text::ListOr))),
                ("size", size.label_in(lang)),
            ],
        )
    }
}

/// Why a service cannot be referred, one reason per failed rule.
#[must_use]
pub fn exclusions(profile: &Profile, service: &Service, lang: Lang) -> Vec<String> {
    let reach = profile.reach();
    Rule::ALL
        .iter()
        .filter(|rule| rule.verdict(profile, &reach, service) == Verdict::Fail)
        .map(|rule| rule.words(profile, service, lang))
        .collect()
}

/// The rules a service fails for the profile, in the order of [`Rule`].
#[must_use]
pub fn failed_rules(profile: &Profile, service: &Service) -> Vec<Rule> {
    let reach = profile.reach();
    Rule::ALL
        .into_iter()
        .filter(|rule| rule.verdict(profile, &reach, service) == Verdict::Fail)
        .collect()
}

/// What the firm must check before it can be sure a service is open to it:
/// the conditions its answers cannot settle. Empty for a service it is
/// certainly eligible for (or excluded from).
#[must_use]
pub fn open_checks(profile: &Profile, service: &Service, lang: Lang) -> Vec<String> {
    open_checks_within(profile, &profile.reach(), service, lang)
}

/// [`open_checks`], with the firm's scopes ([`Profile::reach`]) worked out
/// once by the caller that asks for many services.
pub(super) fn open_checks_within(
    profile: &Profile,
    reach: &[Scope],
    service: &Service,
    lang: Lang,
) -> Vec<String> {
    Rule::ALL
        .iter()
        .filter(|rule| rule.verdict(profile, reach, service) == Verdict::Open)
        .flat_map(|rule| rule.check_words(profile, service, lang))
        .collect()
}

/// Whether a service may be referred to the firm: it fails no rule of
/// [`exclusions`] (it may be only possibly eligible, see [`open_checks`]),
/// found without putting any reason into words.
#[must_use]
pub fn is_eligible(profile: &Profile, service: &Service) -> bool {
    eligible_within(profile, &profile.reach(), service)
}

/// [`is_eligible`], with the firm's scopes worked out once by the caller.
pub(super) fn eligible_within(profile: &Profile, reach: &[Scope], service: &Service) -> bool {
    !Rule::ALL
        .iter()
        .any(|rule| rule.verdict(profile, reach, service) == Verdict::Fail)
}

pub(super) fn describe_bounds(bounds: Bounds, lang: Lang) -> String {
    match (bounds.min, bounds.max) {
        (Some(min), Some(max)) => lang.fill(
            Text::BoundsBetween,
            &[
                ("min", &thousands(min, lang)),
                ("max", &thousands(max, lang)),
            ],
        ),
        (Some(min), None) => lang.fill(Text::BoundsAtLeast, &[("min", &thousands(min, lang))]),
        (None, Some(max)) => lang.fill(Text::BoundsAtMost, &[("max", &thousands(max, lang))]),
        (None, None) => lang.tr(Text::BoundsAny).to_owned(),
    }
}

/// `1234567` as `1,234,567`, grouped `lang`'s way
/// (`1.234.567` in Danish, `1 234 567` in Polish).
#[must_use]
pub fn thousands(n: u64, lang: Lang) -> String {
    lang.group_digits(n)
}

#[cfg(test)]
mod tests {
    use super::thousands;
    use crate::i18n::Lang;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0, Lang::En), "0");
        assert_eq!(thousands(999, Lang::En), "999");
        assert_eq!(thousands(1_234_567, Lang::En), "1,234,567");
    }
}
