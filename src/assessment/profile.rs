//! From answers to a readiness profile: the company's facts, a score and band
//! per dimension, the current stage with its reason, ranked needs, and the
//! support already in use. Every rule here is explained for advisers in
//! `docs/assessment.md`; keep the two in step.

use crate::i18n::{Lang, Text};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Answers};
use super::bank::QuestionBank;
use super::raw::{Fact, Kind, Value};
use crate::catalogue::Area;
use crate::diagnostic::{Diagnostic, Position};
use crate::ronfile;
use crate::vocab::{
    Activity, Band, Dimension, LegalForm, Membership, Mode, NaceDivision, NaceSection, Need, Scope,
    SizeClass, Stage, Support, Zone,
};

/// The company's facts, as far as the answers give them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Area>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Area>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<NaceSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turnover_eur: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_trading: Option<u64>,
    /// The NACE division, when the answers name one (food products, `10`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<NaceDivision>,
    /// Divisions of its sector the firm is known not to be in: those the
    /// sector question offered as options of their own, not chosen ("other
    /// manufacturing" is not food or drinks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_divisions: Vec<NaceDivision>,
    /// The share of turnover from sales abroad, in per cent (0 for a firm
    /// with no business abroad yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_share: Option<u8>,
    /// The bodies the firm belongs to; `None` when not asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memberships: Option<Vec<Membership>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<LegalForm>,
    /// The zones (finer than area codes) the firm is in; `None` when not asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<Vec<Zone>>,
    /// The NUTS region the firm's region answer places it in, as finely as
    /// that answer tells (`PT181` for the Alentejo coast, `DK04` for Central
    /// Denmark); `None` when the answer names no NUTS region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nuts: Option<Area>,
}

impl Company {
    /// Where the company is: its region if known, else its country.
    #[must_use]
    pub fn location(&self) -> Option<&Area> {
        self.region.as_ref().or(self.country.as_ref())
    }

    /// Whether the company is in `area`, as far as its answers tell: `None`
    /// when it has no location, or when the area is a NUTS region finer than
    /// the firm is known by ([`Area::holds`]).
    #[must_use]
    pub fn in_area(&self, area: &Area) -> Option<bool> {
        area.holds(self.location()?, self.nuts.as_ref())
    }

    /// The EU size class by head count and turnover (Recommendation
    /// 2003/361/EC; the balance-sheet alternative is not asked). `None` when
    /// the head count is unknown.
    #[must_use]
    pub fn size_class(&self) -> Option<SizeClass> {
        let employees = self.employees?;
        let turnover = self.turnover_eur.unwrap_or(0);
        Some(if employees < 10 && turnover <= 2_000_000 {
            SizeClass::Micro
        } else if employees < 50 && turnover <= 10_000_000 {
            SizeClass::Small
        } else if employees < 250 && turnover <= 50_000_000 {
            SizeClass::Medium
        } else {
            SizeClass::Large
        })
    }
}

/// One dimension's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionScore {
    pub dimension: Dimension,
    /// 0–100, or `None` when no answered question scores this dimension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    /// How many answers the score rests on.
    pub answers: usize,
}

/// A need, with how much it weighs and why it was raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankedNeed {
    pub need: Need,
    /// Higher is more pressing; needs are listed by weight.
    pub weight: u32,
    pub reasons: Vec<String>,
}

/// The readiness profile of an SME.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub company: Company,
    #[serde(default)]
    pub modes: Vec<Mode>,
    #[serde(default)]
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub markets: Vec<Area>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Activity>,
    pub stage: Stage,
    pub stage_reason: String,
    pub dimensions: Vec<DimensionScore>,
    #[serde(default)]
    pub needs: Vec<RankedNeed>,
    #[serde(default)]
    pub support_in_use: Vec<Support>,
}

impl Profile {
    /// The score of a dimension, if assessed.
    #[must_use]
    pub fn score(&self, dimension: Dimension) -> Option<u8> {
        self.dimensions
            .iter()
            .find(|d| d.dimension == dimension)
            .and_then(|d| d.score)
    }

    /// The scopes the firm's business abroad falls in: those of its named
    /// markets, seen from its country, with any it ticked
    /// ([`crate::geography::reach`]).
    #[must_use]
    pub fn reach(&self) -> Vec<Scope> {
        crate::geography::reach(self.company.location(), &self.scopes, &self.markets)
    }

    /// The assessed dimension with the lowest score (first in order on ties).
    #[must_use]
    pub fn weakest(&self) -> Option<Dimension> {
        self.dimensions
            .iter()
            .filter_map(|d| d.score.map(|s| (s, d.dimension)))
            .min()
            .map(|(_, d)| d)
    }

    /// Writes the profile as RON.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        ronfile::options().to_string_pretty(
            self,
            ron::ser::PrettyConfig::new()
                .struct_names(true)
                .indentor("    ".to_owned()),
        )
    }

    /// Reads a profile from RON, or JSON when `name` ends in `.json`.
    pub fn read(name: &str, bytes: &[u8]) -> Result<Profile, Diagnostic> {
        let text = ronfile::decode(
            name,
            bytes,
            "a profile file holds `Profile(...)` as written by `eis assess --format ron`",
        )?;
        if ronfile::is_json(name) {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                Diagnostic::error(name, inner.to_string())
                    .at(Some(Position::new(inner.line(), inner.column())))
                    .path(path)
            })
        } else {
            ronfile::parse(text)
                .map_err(|failure| failure.into_diagnostic(name, Position::new(1, 1)))
        }
    }
}

/// Computes the profile from the answers of the questions that are asked,
/// with its reasons written in `lang` (the bank's own texts, quoted in some
/// reasons, are in whatever language the bank was localised to).
#[must_use]
pub fn assess(bank: &QuestionBank, answers: &Answers, lang: Lang) -> Profile {
    let mut tally = Tally {
        lang,
        ..Tally::default()
    };
    for question in bank.counted(answers) {
        let Some(answer) = answers.get(&question.id) else {
            continue;
        };
        tally.answer(question, answer);
    }
    tally.into_profile()
}

#[derive(Default)]
struct Tally {
    /// The language the reasons are written in.
    lang: Lang,
    company: Company,
    modes: Vec<Mode>,
    scopes: Vec<Scope>,
    markets: Vec<Area>,
    activity: Option<Activity>,
    support_in_use: Vec<Support>,
    samples: BTreeMap<Dimension, Vec<u8>>,
    /// Needs raised so far, with their reasons.
    needs: BTreeMap<Need, Raised>,
}

/// A need's reasons, and whether an answer asked for it (rather than only a
/// weak score implying it).
#[derive(Default)]
struct Raised {
    by_answer: bool,
    reasons: Vec<String>,
}

impl Raised {
    fn add(&mut self, reason: String) {
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }
}

impl Tally {
    fn answer(&mut self, question: &super::Question, answer: &Answer) {
        let lang = self.lang;
        match (&question.kind, answer) {
            (Kind::Single { options }, Answer::Choice(id)) => {
                if let Some(option) = question.option(id) {
                    if let (Some(Fact::Sector), Some(Value::Sector(section))) =
                        (question.fills, &option.value)
                    {
                        self.company.not_divisions = options
                            .iter()
                            .filter_map(|o| match &o.value {
                                Some(Value::Division(d)) if d.section() == *section => Some(*d),
                                _ => None,
                            })
                            .collect();
                    }
                    self.choose(
                        question.fills,
                        option,
                        &option.scores.iter().copied().collect(),
                    );
                }
            }
            (Kind::Multiple { .. }, Answer::Choices(ids)) => {
                // Several options of one question add up, to at most 100 per dimension.
                let mut sums: BTreeMap<Dimension, u16> = BTreeMap::new();
                for option in ids.iter().filter_map(|id| question.option(id)) {
                    for (dimension, score) in &option.scores {
                        *sums.entry(*dimension).or_insert(0) += u16::from(*score);
                    }
                }
                let capped: BTreeMap<Dimension, u8> = sums
                    .into_iter()
                    .map(|(d, s)| (d, u8::try_from(s.min(100)).unwrap_or(100)))
                    .collect();
                for (dimension, score) in &capped {
                    self.samples.entry(*dimension).or_default().push(*score);
                }
                for option in ids.iter().filter_map(|id| question.option(id)) {
                    self.choose(question.fills, option, &BTreeMap::new());
                }
            }
            (
                Kind::Scale {
                    dimension,
                    needs_when_low,
                    ..
                },
                Answer::Scale(value),
            ) => {
                let value = (*value).clamp(1, 5);
                self.samples
                    .entry(*dimension)
                    .or_default()
                    .push((value - 1) * 25);
                if value <= 2 {
                    for need in needs_when_low {
                        self.ask(
                            *need,
                            lang.fill(
                                Text::NeedRated,
                                &[
                                    ("question", &question.prompt),
                                    ("value", &value.to_string()),
                                ],
                            ),
                        );
                    }
                }
            }
            (Kind::Number { .. }, Answer::Number(n)) => match question.fills {
                Some(Fact::Employees) => {
                    self.company.employees = Some(*n);
                }
                Some(Fact::TurnoverThousandEur) => {
                    self.company.turnover_eur = Some(n.saturating_mul(1000));
                }
                Some(Fact::YearsTrading) => {
                    self.company.years_trading = Some(*n);
                }
                Some(Fact::ExportShare) => {
                    self.company.export_share = u8::try_from((*n).min(100)).ok();
                }
                _ => {}
            },
            (Kind::Text { .. }, Answer::Text(text))
                if question.fills == Some(Fact::CompanyName) =>
            {
                self.company.name = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
            }
            (Kind::Countries { .. }, Answer::Countries(codes)) => {
                let areas = codes.iter().filter_map(|c| Area::parse(c).ok());
                match question.fills {
                    Some(Fact::Country) => self.company.country = areas.into_iter().next(),
                    Some(Fact::Markets) => self.markets = areas.collect(),
                    _ => {}
                }
            }
            // An answer of the wrong shape (only possible through the API) counts for nothing.
            _ => {}
        }
    }

    /// Applies a chosen option: its scores (`scores`, which the caller may
    /// have combined), its needs and its value.
    fn choose(
        &mut self,
        fact: Option<Fact>,
        option: &super::raw::Choice,
        scores: &BTreeMap<Dimension, u8>,
    ) {
        let lang = self.lang;
        for (dimension, score) in scores {
            self.samples.entry(*dimension).or_default().push(*score);
        }
        for need in &option.needs {
            self.ask(
                *need,
                lang.fill(Text::NeedAnswered, &[("answer", &option.label)]),
            );
        }
        match (&option.value, fact) {
            (Some(Value::Mode(mode)), Some(Fact::Modes)) => {
                push_unique(&mut self.modes, *mode);
            }
            (Some(Value::Scope(scope)), Some(Fact::Scopes)) => {
                push_unique(&mut self.scopes, *scope);
            }
            (Some(Value::Sector(sector)), Some(Fact::Sector)) => {
                self.company.sector = Some(*sector);
            }
            (Some(Value::Division(division)), Some(Fact::Sector)) => {
                self.company.sector = Some(division.section());
                self.company.division = Some(*division);
            }
            (Some(Value::Member(kinds)), Some(Fact::Memberships)) => {
                let memberships = self.company.memberships.get_or_insert_with(Vec::new);
                for kind in kinds {
                    push_unique(memberships, *kind);
                }
            }
            (Some(Value::Zones(zones)), Some(Fact::Zones)) => {
                let known = self.company.zones.get_or_insert_with(Vec::new);
                for zone in zones {
                    push_unique(known, *zone);
                }
            }
            (Some(Value::Activity(activity)), Some(Fact::Activity)) => {
                self.activity = Some(*activity);
            }
            (Some(Value::Region(code)), Some(Fact::Region)) => {
                self.company.region = Area::parse(code).ok();
                self.company.nuts = option
                    .nuts
                    .as_deref()
                    .and_then(|c| Area::parse(c).ok())
                    .filter(|a| matches!(a, Area::Nuts(_)));
            }
            (Some(Value::Support(kinds)), Some(Fact::SupportInUse)) => {
                for kind in kinds {
                    push_unique(&mut self.support_in_use, *kind);
                }
            }
            _ => {}
        }
    }

    /// An answer raised a need.
    fn ask(&mut self, need: Need, reason: String) {
        let raised = self.needs.entry(need).or_default();
        raised.by_answer = true;
        raised.add(reason);
    }

    fn into_profile(mut self) -> Profile {
        let lang = self.lang;
        let dimensions: Vec<DimensionScore> = Dimension::ALL
            .iter()
            .map(|&dimension| {
                let samples = self.samples.get(&dimension).map_or(&[][..], Vec::as_slice);
                let score = mean(samples);
                DimensionScore {
                    dimension,
                    score,
                    band: score.map(Band::of),
                    answers: samples.len(),
                }
            })
            .collect();
        let score_of = |need: Need| {
            dimensions
                .iter()
                .find(|d| d.dimension == need.dimension())
                .and_then(|d| d.score)
        };
        // Knowing nothing of the firm's commitment, the first need is a first
        // conversation about whether going international is right for it.
        if score_of(Need::Motivation).is_none()
            && self.activity.is_none_or(|a| a == Activity::NotYet)
        {
            self.needs
                .entry(Need::Motivation)
                .or_default()
                .add(lang.tr(Text::NeedPlansUnknown).to_owned());
        }
        // Gaps raise their dimension's primary need, with the gap as the reason.
        for d in &dimensions {
            if let (Some(score), Some(Band::Gap)) = (d.score, d.band) {
                let reason = lang.fill(
                    Text::NeedGap,
                    &[
                        ("dimension", d.dimension.label_in(lang)),
                        ("score", &score.to_string()),
                    ],
                );
                self.needs
                    .entry(d.dimension.primary_need())
                    .or_default()
                    .add(reason);
            }
        }
        // A firm with no business abroad yet answers the finance questions
        // about orders it does not have: the needs of those orders (working
        // capital, the risk of not being paid) count by the Finance score
        // alone, not as needs it asked for.
        if self.activity == Some(Activity::NotYet) {
            for need in [Need::WorkingCapital, Need::PaymentRisk] {
                if let Some(raised) = self.needs.get_mut(&need) {
                    raised.by_answer = false;
                }
            }
        }
        // No customs within the EU's customs union: a firm in the EU whose
        // named markets are all EU members has no customs papers to fill,
        // whatever it answered about "paperwork" (VAT rules stay a trade-rules
        // need).
        let in_eu = |area: &Area| {
            crate::geography::country_of(area)
                .is_some_and(|c| crate::catalogue::area::EU_MEMBERS.contains(&c))
        };
        if self.company.location().is_some_and(in_eu)
            && !self.markets.is_empty()
            && self.markets.iter().all(in_eu)
        {
            self.needs.remove(&Need::CustomsDocuments);
        }
        let mut needs: Vec<RankedNeed> = self
            .needs
            .into_iter()
            .map(|(need, raised)| {
                let shortfall = score_of(need).map_or(50, |s| 100 - u32::from(s));
                RankedNeed {
                    need,
                    weight: shortfall + if raised.by_answer { 100 } else { 0 },
                    reasons: raised.reasons,
                }
            })
            .collect();
        needs.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.need.cmp(&b.need)));
        let (stage, stage_reason) = stage(self.activity, &dimensions, &self.markets, self.lang);
        // A firm with no business abroad yet has no turnover from it.
        if self.activity == Some(Activity::NotYet) {
            self.company.export_share.get_or_insert(0);
        }
        self.modes.sort_unstable();
        // The markets decide the scopes; a ticked scope adds to them.
        let scopes = crate::geography::reach(self.company.location(), &self.scopes, &self.markets);
        self.support_in_use.sort_unstable();
        Profile {
            company: self.company,
            modes: self.modes,
            scopes,
            markets: self.markets,
            activity: self.activity,
            stage,
            stage_reason,
            dimensions,
            needs,
            support_in_use: self.support_in_use,
        }
    }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// The rounded mean of scores, or `None` for none.
fn mean(samples: &[u8]) -> Option<u8> {
    if samples.is_empty() {
        return None;
    }
    let sum: usize = samples.iter().map(|&s| usize::from(s)).sum();
    let n = samples.len();
    u8::try_from((sum + n / 2) / n).ok()
}

/// The readiness score below which a firm not yet active abroad is still preparing.
const PREPARED: u8 = 50;

/// The journey stage, and why, in words an adviser can repeat.
fn stage(
    activity: Option<Activity>,
    dimensions: &[DimensionScore],
    markets: &[Area],
    lang: Lang,
) -> (Stage, String) {
    let score = |d: Dimension| {
        dimensions
            .iter()
            .find(|s| s.dimension == d)
            .and_then(|s| s.score)
    };
    match activity {
        Some(Activity::Established) => (Stage::Grow, lang.tr(Text::StageWhyEstablished).to_owned()),
        Some(Activity::Regular) => (Stage::Grow, lang.tr(Text::StageWhyRegular).to_owned()),
        Some(Activity::Occasional) => (Stage::Enter, lang.tr(Text::StageWhyOccasional).to_owned()),
        Some(Activity::NotYet) | None => {
            let commitment = score(Dimension::Commitment);
            if commitment.is_none_or(|c| c < 40) {
                let why = match commitment {
                    Some(c) => lang.fill(Text::StageWhyExplore, &[("score", &c.to_string())]),
                    None => lang.tr(Text::StageWhyExploreUnknown).to_owned(),
                };
                return (Stage::Explore, why);
            }
            let readiness: Vec<u8> = [
                Dimension::Offer,
                Dimension::Capacity,
                Dimension::Finance,
                Dimension::Compliance,
            ]
            .iter()
            .filter_map(|&d| score(d))
            .collect();
            let ready = mean(&readiness);
            if ready.is_none_or(|r| r < PREPARED) {
                let why = ready.map_or_else(
                    || lang.tr(Text::StageWhyPrepareUnknown).to_owned(),
                    |r| lang.fill(Text::StageWhyPrepare, &[("score", &r.to_string())]),
                );
                return (Stage::Prepare, why);
            }
            let knowledge = score(Dimension::Knowledge);
            if markets.is_empty() || knowledge.is_none_or(|k| k < PREPARED) {
                return (Stage::Research, lang.tr(Text::StageWhyResearch).to_owned());
            }
            (Stage::Enter, lang.tr(Text::StageWhyEnter).to_owned())
        }
    }
}
