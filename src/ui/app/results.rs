//! The results screen: the profile and journey of the answers (computed
//! once per change of answers or language), the cursor through the journey
//! and its gaps, and the ways on from there.

use super::effect::HandOver;
use super::{App, DetailsState, PromptPurpose, Screen};
use crate::assessment::{Profile, assess};
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::ui::keymap::Action;

#[derive(Debug, Clone)]
pub struct Outcome {
    pub profile: Profile,
    pub journey: Journey,
}

impl Outcome {
    /// The journey's services in display order, as `(stage index, step index)`.
    #[must_use]
    pub fn steps(&self) -> Vec<(usize, usize)> {
        self.journey
            .stages
            .iter()
            .enumerate()
            .flat_map(|(s, plan)| (0..plan.steps.len()).map(move |i| (s, i)))
            .collect()
    }

    /// How many rows the results' cursor moves over: the journey's services,
    /// then the needs no service meets.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.steps().len() + self.journey.gaps.len()
    }
}

/// The results screen's cursor: the journey's services, then its gaps.
#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    pub selected: usize,
    /// What the last change of an answer, made from these results, moved.
    pub what_if: Option<crate::whatif::WhatIf>,
    /// The results as they were when an answer was opened to change.
    before_edit: Option<Outcome>,
}

impl App {
    /// The profile and journey of the answers, in the language spoken now.
    pub(super) fn compute_outcome(&self) -> Outcome {
        let lang = self.lang;
        let profile = assess(&self.bank, &self.answers, lang);
        let journey = plan_journey(&profile, &self.catalogue, DEFAULT_PER_STAGE, lang);
        Outcome { profile, journey }
    }

    /// Recomputes the profile and journey when the answers changed, and shows them.
    pub(super) fn open_results(&mut self) {
        if self.outcome.is_none() {
            self.outcome = Some(self.compute_outcome());
        }
        // Back from changing an answer: say what moved (nothing said when
        // nothing did).
        self.results.what_if = self
            .results
            .before_edit
            .take()
            .zip(self.outcome.as_ref())
            .map(|(before, now)| {
                crate::whatif::WhatIf::between(
                    (&before.profile, &before.journey),
                    (&now.profile, &now.journey),
                )
            })
            .filter(|what_if| !what_if.is_empty());
        let rows = self.outcome.as_ref().map_or(0, Outcome::rows);
        self.results.selected = self.results.selected.min(rows.saturating_sub(1));
        self.screen = Screen::Results;
        if self.in_short_check() {
            // Said on arrival, so that the visitor knows these results rest
            // on a few questions and how to go further.
            self.status = Some(super::Status::QuickCheckDone);
        }
        self.complete_assessment();
    }

    pub(super) fn on_results(&mut self, action: Action) {
        let steps = self
            .outcome
            .as_ref()
            .map(Outcome::steps)
            .unwrap_or_default();
        // The cursor goes through the services, then the needs no service
        // meets, so that every part of the results can be brought into view.
        let last = self
            .outcome
            .as_ref()
            .map_or(0, Outcome::rows)
            .saturating_sub(1);
        match action {
            Action::Up => self.results.selected = self.results.selected.saturating_sub(1),
            Action::Down => self.results.selected = (self.results.selected + 1).min(last),
            Action::PageUp => self.results.selected = self.results.selected.saturating_sub(5),
            Action::PageDown => self.results.selected = (self.results.selected + 5).min(last),
            Action::Start => self.results.selected = 0,
            Action::End => self.results.selected = last,
            Action::Pick(i) if i < steps.len() => {
                self.results.selected = i;
                self.open_step_details(steps[i]);
            }
            Action::Select => {
                if let Some(&step) = steps.get(self.results.selected) {
                    self.open_step_details(step);
                }
            }
            Action::EditAnswers => {
                self.results.before_edit.clone_from(&self.outcome);
                self.open_review(true);
            }
            Action::Export => self.export_summary(),
            Action::OpenSummary | Action::PrintSummary
                if self.keeps_clients && self.client.is_some() =>
            {
                // Written afresh, so that what is handed over is what is on
                // the screen; the shell's report of the file starts the rest.
                self.handover = Some(if action == Action::OpenSummary {
                    HandOver::Open
                } else {
                    HandOver::Print
                });
                self.export_summary();
            }
            Action::Note if self.client.is_some() => {
                let notes = self
                    .client
                    .as_ref()
                    .map(|c| c.record.notes.clone())
                    .unwrap_or_default();
                self.prompt(PromptPurpose::ClientNote, notes);
            }
            Action::Reassess => self.reassess(),
            Action::OpenSearch => self.open_search(),
            Action::Help => self.open_help(),
            Action::Leave => self.go_home(),
            _ => {}
        }
    }

    pub(super) fn open_step_details(&mut self, (stage, step): (usize, usize)) {
        let Some(outcome) = &self.outcome else { return };
        let step = &outcome.journey.stages[stage].steps[step];
        if let Some(service) = self.catalogue.position(&step.service) {
            self.details = Some(DetailsState {
                service,
                back: Screen::Results,
                reasons: step.reasons.clone(),
                excluded: false,
                scroll: 0,
            });
            self.screen = Screen::Details;
        }
    }
}
