//! The referral as a document: one model of what a referral says — the
//! firm, its readiness per dimension, its stage and why, its needs, the
//! journey stage by stage (each service with its next step, contact,
//! reasons, "check first" and "also through" notes, referral marks and
//! note), the gaps and whom to ask instead, and the adviser's notes — and
//! every rendering of it. Nothing else in the program lays out a journey, a
//! profile or a gap list.
//!
//! ```text
//! Profile ─┐
//! Journey ─┼─ Referral::new / summarize ─→ Referral ─┬─ text      `eis assess`, `eis match`
//! marks,   ┘  (texts translated and                   ├─ spoken    the accessible mode
//! notes,       sanitised once, here)                  ├─ markdown  `eis assess|match|export --format md`
//! delta                                               ├─ html      `eis export`, the app's export
//!                                                     ├─ json      every `--format json`
//!                                                     ├─ slip      the kiosk's referral slip
//!                                                     └─ (the app's results screen lays it out in `ui::view::results`)
//! ```
//!
//! Every text of the model is in the language it was built in (`Referral::new`) and
//! already sanitised (safe for a terminal); the Markdown and HTML renderings
//! escape it further for their formats. The JSON rendering writes the engine's
//! own shapes, which scripts read back.

pub mod html;
pub mod json;
pub mod markdown;
pub mod plain;
pub mod slip;
pub mod spoken;
pub mod text;

use std::collections::BTreeMap;

use crate::assessment::{Profile, QuestionBank, assess};
use crate::catalogue::Catalogue;
use crate::clients::record::Delta;
use crate::clients::{ClientRecord, ServiceMarks};
use crate::i18n::{Counted, Lang, Text};
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::matching::thousands;
use crate::text::sanitize;
use crate::vocab::{Band, Dimension, Need, Stage};

/// A referral, ready to render.
#[derive(Debug, Clone)]
pub struct Referral {
    /// The language its texts are in.
    pub lang: Lang,
    pub company: Company,
    pub stage: StageNow,
    /// The dimensions in the profile's order.
    pub readiness: Vec<Readiness>,
    /// The needs, most pressing first.
    pub needs: Vec<NeedItem>,
    pub plan: Plan,
    /// The journey, when the referral has one (`eis assess` shows none).
    pub journey: Option<Route>,
    /// Who hands it over, and when: set for a client's summary.
    pub handover: Option<Handover>,
    /// The engine's shapes, for the JSON rendering.
    source: Source,
}

/// The firm, as a referral names it.
#[derive(Debug, Clone)]
pub struct Company {
    /// `Name — Region, Country · sector · 42 staff · …`.
    pub line: String,
    pub name: Option<String>,
    /// `Region, Country`, or empty.
    pub place: String,
}

/// The stage the firm is at.
#[derive(Debug, Clone)]
pub struct StageNow {
    pub stage: Stage,
    pub label: &'static str,
    pub reason: String,
    /// The stage at the client's previous assessment, when there is one.
    pub before: Option<Earlier>,
}

/// The client's previous assessment, for what changed since.
#[derive(Debug, Clone)]
pub struct Earlier {
    /// Its date.
    pub since: String,
    /// The stage it gave.
    pub label: &'static str,
    /// Whether the stage is another now.
    pub changed: bool,
}

/// One dimension's readiness.
#[derive(Debug, Clone)]
pub struct Readiness {
    pub dimension: Dimension,
    pub label: &'static str,
    pub score: Option<u8>,
    pub band: Option<Band>,
    /// The score's change since the previous assessment, if assessed both times.
    pub change: Option<i16>,
}

impl Readiness {
    /// The band's name, or "not assessed".
    #[must_use]
    pub fn band_label(&self, lang: Lang) -> &'static str {
        self.band
            .map_or_else(|| lang.tr(Text::NotAssessed), |b| b.label_in(lang))
    }

    /// The change as `+5` or `-3`; empty when there is none to show.
    #[must_use]
    pub fn change_text(&self) -> String {
        self.change.map(|c| format!("{c:+}")).unwrap_or_default()
    }
}

/// A need of the firm.
#[derive(Debug, Clone)]
pub struct NeedItem {
    pub need: Need,
    pub label: &'static str,
    /// The dimension it belongs to, by name.
    pub dimension: &'static str,
    pub reasons: Vec<String>,
}

/// What the firm does and plans, each item by name.
#[derive(Debug, Clone)]
pub struct Plan {
    pub modes: Vec<&'static str>,
    pub scopes: Vec<&'static str>,
    pub markets: Vec<String>,
    pub activity: Option<&'static str>,
    pub support_in_use: Vec<&'static str>,
}

/// The journey: stages in order, then the gaps.
#[derive(Debug, Clone)]
pub struct Route {
    /// The note for a firm whose country the catalogue has no service of its own for.
    pub outside: Option<String>,
    pub stages: Vec<Leg>,
    pub gaps: Vec<GapItem>,
}

/// One stage of the journey.
#[derive(Debug, Clone)]
pub struct Leg {
    pub stage: Stage,
    pub label: &'static str,
    pub current: bool,
    /// The label, with "(you are here)" at the current stage.
    pub heading: String,
    pub steps: Vec<StepItem>,
}

/// A service on the journey.
#[derive(Debug, Clone)]
pub struct StepItem {
    /// The service's id.
    pub service: String,
    pub name: String,
    pub provider: String,
    pub next_step: String,
    /// "(only in English)", when the next step is not in the language spoken.
    pub english: Option<&'static str>,
    pub url: String,
    pub reasons: Vec<String>,
    /// "possibly eligible — check: …", when the firm must check first.
    pub check: Option<String>,
    /// "also through …", for the nearest door of a programme with several.
    pub also: Option<String>,
    /// The referral marks in words ("referred 2026-11-23", …).
    pub marks: Vec<String>,
    /// The adviser's note on the service.
    pub note: String,
}

impl StepItem {
    /// ` (only in English)` after a label, or nothing.
    #[must_use]
    pub fn english_mark(&self) -> String {
        self.english.map(|e| format!(" {e}")).unwrap_or_default()
    }
}

/// A need no service meets, and whom to ask instead.
#[derive(Debug, Clone)]
pub struct GapItem {
    pub need: Need,
    pub label: &'static str,
    pub name: String,
    pub provider: String,
    pub url: String,
}

/// Who hands a client's summary over, when, and the adviser's notes.
#[derive(Debug, Clone)]
pub struct Handover {
    pub client: String,
    /// The client's id in the data folder.
    pub client_id: String,
    /// The day the assessment was finished (or, unfinished, started).
    pub assessed: Option<String>,
    pub date: String,
    pub adviser: Option<String>,
    pub notes: String,
}

/// The engine's shapes the JSON rendering writes.
#[derive(Debug, Clone)]
struct Source {
    profile: Profile,
    journey: Option<Journey>,
    delta: Option<Delta>,
    /// Marks and notes of the services in the journey, by service id.
    services: BTreeMap<String, ServiceMarks>,
    handover: Option<Handover>,
}

impl Referral {
    /// The referral of a profile and, if planned, its journey.
    #[must_use]
    pub fn new(profile: &Profile, journey: Option<&Journey>, lang: Lang) -> Self {
        let readiness = profile
            .dimensions
            .iter()
            .map(|d| Readiness {
                dimension: d.dimension,
                label: d.dimension.label_in(lang),
                score: d.score,
                band: d.band,
                change: None,
            })
            .collect();
        let needs = profile
            .needs
            .iter()
            .map(|n| NeedItem {
                need: n.need,
                label: n.need.label_in(lang),
                dimension: n.need.dimension().label_in(lang),
                reasons: n.reasons.iter().map(|r| clean(r)).collect(),
            })
            .collect();
        Referral {
            lang,
            company: Company {
                line: company_line(profile, lang),
                name: profile.company.name.as_deref().map(clean),
                place: clean(&place(profile, lang)),
            },
            stage: StageNow {
                stage: profile.stage,
                label: profile.stage.label_in(lang),
                reason: clean(&profile.stage_reason),
                before: None,
            },
            readiness,
            needs,
            plan: Plan {
                modes: profile.modes.iter().map(|m| m.label_in(lang)).collect(),
                scopes: profile.scopes.iter().map(|s| s.label_in(lang)).collect(),
                markets: profile
                    .markets
                    .iter()
                    .map(|a| clean(&a.name_in(lang)))
                    .collect(),
                activity: profile.activity.map(|a| a.label_in(lang)),
                support_in_use: profile
                    .support_in_use
                    .iter()
                    .map(|s| s.label_in(lang))
                    .collect(),
            },
            journey: journey.map(|j| route(j, &BTreeMap::new(), lang)),
            handover: None,
            source: Source {
                profile: profile.clone(),
                journey: journey.cloned(),
                delta: None,
                services: BTreeMap::new(),
                handover: None,
            },
        }
    }

    /// With the client's referral marks and notes on the journey's services
    /// (those of services not in it are left out).
    #[must_use]
    pub fn with_marks(mut self, marks: &BTreeMap<String, ServiceMarks>) -> Self {
        let Some(journey) = &self.source.journey else {
            return self;
        };
        let services: BTreeMap<String, ServiceMarks> = marks
            .iter()
            .filter(|(id, marks)| journey.stage_of(id).is_some() && !marks.is_empty())
            .map(|(id, marks)| (id.clone(), marks.clone()))
            .collect();
        self.journey = Some(route(journey, &services, self.lang));
        self.source.services = services;
        self
    }

    /// With what changed since the client's previous assessment.
    #[must_use]
    pub fn with_delta(mut self, delta: Option<Delta>) -> Self {
        let lang = self.lang;
        if let Some(delta) = &delta {
            for r in &mut self.readiness {
                r.change = delta.change(r.dimension);
            }
            self.stage.before = Some(Earlier {
                since: clean(&delta.since),
                label: delta.stage_before.label_in(lang),
                changed: delta.stage_before != delta.stage_now,
            });
        }
        self.source.delta = delta;
        self
    }

    /// With who hands it over, when, and the adviser's notes.
    #[must_use]
    pub fn with_handover(mut self, handover: Handover) -> Self {
        self.handover = Some(Handover {
            client: clean(&handover.client),
            client_id: clean(&handover.client_id),
            assessed: handover.assessed.as_deref().map(clean),
            date: clean(&handover.date),
            adviser: handover
                .adviser
                .as_deref()
                .filter(|a| !a.trim().is_empty())
                .map(clean),
            notes: clean(&handover.notes),
        });
        self.source.handover = Some(handover);
        self
    }

    /// The dimensions weakest first; unassessed ones last, in their usual order.
    #[must_use]
    pub fn weakest_first(&self) -> Vec<&Readiness> {
        let mut dims: Vec<_> = self.readiness.iter().collect();
        dims.sort_by_key(|d| (d.score.is_none(), d.score));
        dims
    }

    /// The date of the previous assessment, when there is one.
    #[must_use]
    pub fn since(&self) -> Option<&str> {
        self.stage.before.as_ref().map(|b| b.since.as_str())
    }
}

/// The documents a client's summary is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Md,
    Html,
    Json,
    /// Plain text for e-mail, wrapped at 72 columns.
    Txt,
}

impl SummaryFormat {
    /// The file name extension of the format.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            SummaryFormat::Md => "md",
            SummaryFormat::Html => "html",
            SummaryFormat::Json => "json",
            SummaryFormat::Txt => "txt",
        }
    }

    /// A client's summary ([`summarize`]) in this format.
    pub fn render(self, referral: &Referral) -> serde_json::Result<String> {
        Ok(match self {
            SummaryFormat::Md => markdown::summary(referral),
            SummaryFormat::Html => html::summary(referral),
            SummaryFormat::Json => json::summary(referral)?,
            SummaryFormat::Txt => plain::summary(referral),
        })
    }
}

/// The summary of a client's current assessment: its profile, journey,
/// marks, notes and what changed since the assessment before.
#[must_use]
pub fn summarize(
    client: &ClientRecord,
    bank: &QuestionBank,
    catalogue: &Catalogue,
    adviser: Option<&str>,
    date: &str,
    lang: Lang,
) -> Referral {
    let answers = client
        .current()
        .map(|a| a.answers.clone())
        .unwrap_or_default();
    let profile = assess(bank, &answers, lang);
    let journey = plan_journey(&profile, catalogue, DEFAULT_PER_STAGE, lang);
    Referral::new(&profile, Some(&journey), lang)
        .with_marks(&client.services)
        .with_delta(client.delta(bank))
        .with_handover(Handover {
            client: client.name.clone(),
            client_id: client.id.clone(),
            assessed: client
                .current()
                .map(|a| a.completed.clone().unwrap_or_else(|| a.started.clone())),
            date: date.to_owned(),
            adviser: adviser.map(str::to_owned),
            notes: client.notes.clone(),
        })
}

/// The journey's texts, translated and sanitised.
fn route(journey: &Journey, marks: &BTreeMap<String, ServiceMarks>, lang: Lang) -> Route {
    let here = format!(" ({})", lang.tr(Text::YouAreHere));
    Route {
        outside: journey.outside.as_ref().map(|country| {
            clean(&lang.fill(
                Text::OutsideCatalogue,
                &[("country", &country.name_in(lang))],
            ))
        }),
        stages: journey
            .stages
            .iter()
            .map(|plan| Leg {
                stage: plan.stage,
                label: plan.stage.label_in(lang),
                current: plan.current,
                heading: if plan.current {
                    format!("{}{here}", plan.stage.label_in(lang))
                } else {
                    plan.stage.label_in(lang).to_owned()
                },
                steps: plan
                    .steps
                    .iter()
                    .map(|step| {
                        let marks = marks.get(&step.service);
                        StepItem {
                            service: step.service.clone(),
                            name: clean(&step.name),
                            provider: clean(&step.provider),
                            next_step: clean(&step.next_step),
                            english: step
                                .next_step_in_english
                                .then(|| lang.tr(Text::OnlyInEnglish)),
                            url: clean(&step.url),
                            reasons: step.reasons.iter().map(|r| clean(r)).collect(),
                            check: (!step.checks.is_empty()).then(|| {
                                clean(&lang.fill(
                                    Text::WhyPossibly,
                                    &[("checks", &step.checks.join("; "))],
                                ))
                            }),
                            also: (!step.also.is_empty()).then(|| {
                                clean(
                                    &lang.fill(
                                        Text::AlsoThrough,
                                        &[("doors", &step.also.join(", "))],
                                    ),
                                )
                            }),
                            marks: marks.map(|m| mark_words(m, lang)).unwrap_or_default(),
                            note: marks.map(|m| clean(&m.note)).unwrap_or_default(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        gaps: journey
            .gaps
            .iter()
            .map(|gap| GapItem {
                need: gap.need,
                label: gap.need.label_in(lang),
                name: clean(&gap.fallback.name),
                provider: clean(&gap.fallback.provider),
                url: clean(&gap.fallback.url),
            })
            .collect(),
    }
}

/// A service's referral marks in words, in `lang`:
/// "referred 2026-11-23", "contacted 2026-11-30", "outcome: …". The note is
/// not among them.
#[must_use]
pub fn mark_words(marks: &ServiceMarks, lang: Lang) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(date) = &marks.referred {
        words.push(lang.fill(Text::MarkReferred, &[("date", date)]));
    }
    if let Some(date) = &marks.contacted {
        words.push(lang.fill(Text::MarkContacted, &[("date", date)]));
    }
    if let Some(outcome) = &marks.outcome {
        words.push(lang.fill(Text::MarkOutcome, &[("outcome", outcome)]));
    }
    words.into_iter().map(|w| clean(&w)).collect()
}

/// `Name — Region, Country · sector · 42 staff · €6,500,000 turnover · 12 years trading`.
fn company_line(profile: &Profile, lang: Lang) -> String {
    let c = &profile.company;
    let mut parts = Vec::new();
    let place = place(profile, lang);
    if !place.is_empty() {
        parts.push(place);
    }
    if let Some(sector) = c.sector {
        parts.push(sector.label_in(lang).to_owned());
    }
    if let Some(n) = c.employees {
        parts.push(lang.count(Counted::CompanyStaff, n, &[]));
    }
    if let Some(t) = c.turnover_eur {
        parts.push(lang.fill(Text::CompanyTurnover, &[("n", &thousands(t, lang))]));
    }
    if let Some(y) = c.years_trading {
        parts.push(lang.count(Counted::CompanyYears, y, &[]));
    }
    let name = c
        .name
        .as_deref()
        .map_or_else(|| lang.tr(Text::CompanyYours).to_owned(), str::to_owned);
    let line = if parts.is_empty() {
        name
    } else {
        format!("{name} — {}", parts.join(" · "))
    };
    clean(&line)
}

/// `Region, Country`, or empty.
fn place(profile: &Profile, lang: Lang) -> String {
    [
        profile.company.region.as_ref(),
        profile.company.country.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|a| a.name_in(lang))
    .collect::<Vec<_>>()
    .join(", ")
}

/// A text made safe to print.
fn clean(text: &str) -> String {
    sanitize(text).into_owned()
}

#[cfg(test)]
mod tests;
