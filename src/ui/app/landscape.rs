//! The landscape screen's state: the area, the matrix, the selected cell,
//! the services of a cell, and the findings.

use super::{App, DetailsState, Screen};
use crate::catalogue::Area;
use crate::landscape::{MatrixKind, Survey, survey};
use crate::ui::keymap::Action;

/// The areas the screen cycles through: the whole catalogue, the EU, then
/// the partner countries and regions.
pub const LANDSCAPE_AREAS: [&str; 19] = [
    "*", "EU", "GB", "GB-HAM", "DK", "DK-82", "IE", "IE-DL", "HR", "HR-06", "PT", "PT-02", "PT-07",
    "PT-12", "PL", "PL-22", "IT", "IT-45", "SE",
];

#[derive(Debug, Clone)]
pub struct LandscapeState {
    pub area: usize,
    pub kind: MatrixKind,
    pub row: usize,
    pub column: usize,
    /// The survey of the current area, computed when the area changes.
    pub survey: Option<Survey>,
    /// Whether the services of the selected cell are listed.
    pub drill: bool,
    pub drill_selected: usize,
    pub findings: bool,
    /// The finding the cursor is on, counted through gaps, overlaps,
    /// duplicates and journey complexity in that order.
    pub findings_selected: usize,
}

impl Default for LandscapeState {
    fn default() -> Self {
        Self {
            area: 0,
            kind: MatrixKind::SupportStage,
            row: 0,
            column: 0,
            survey: None,
            drill: false,
            drill_selected: 0,
            findings: false,
            findings_selected: 0,
        }
    }
}

impl LandscapeState {
    /// The services of the selected cell.
    #[must_use]
    pub fn cell_services(&self) -> &[usize] {
        self.survey
            .as_ref()
            .and_then(|s| s.matrix(self.kind))
            .and_then(|m| m.cells.get(self.row)?.get(self.column))
            .map_or(&[], |c| c.services.as_slice())
    }

    /// How many findings the survey lists.
    #[must_use]
    pub fn findings_len(&self) -> usize {
        self.survey.as_ref().map_or(0, |s| {
            s.gaps.len() + s.overlaps.len() + s.duplicates.len() + s.complexity.len()
        })
    }
}

impl App {
    pub(super) fn open_landscape(&mut self) {
        if self.landscape.survey.is_none() {
            self.survey_area();
        }
        self.screen = Screen::Landscape;
    }

    fn survey_area(&mut self) {
        let lang = self.lang;
        let area = Area::parse(LANDSCAPE_AREAS[self.landscape.area % LANDSCAPE_AREAS.len()])
            .unwrap_or(Area::Anywhere);
        self.landscape.survey = Some(survey(&self.catalogue, &area, false, lang));
    }

    pub(super) fn on_landscape(&mut self, action: Action) {
        let state = &mut self.landscape;
        let (rows, columns) = state
            .survey
            .as_ref()
            .and_then(|s| s.matrix(state.kind))
            .map_or((1, 1), |m| (m.rows.len(), m.columns.len()));
        let services = state.cell_services().len();
        let last_finding = state.findings_len().saturating_sub(1);
        match action {
            Action::Up if state.findings => {
                state.findings_selected = state.findings_selected.saturating_sub(1);
            }
            Action::Down if state.findings => {
                state.findings_selected = (state.findings_selected + 1).min(last_finding);
            }
            Action::PageUp if state.findings => {
                state.findings_selected = state.findings_selected.saturating_sub(10);
            }
            Action::PageDown if state.findings => {
                state.findings_selected = (state.findings_selected + 10).min(last_finding);
            }
            Action::Start if state.findings => state.findings_selected = 0,
            Action::End if state.findings => state.findings_selected = last_finding,
            Action::Left | Action::Right if state.findings => {}
            Action::Up if state.drill => {
                state.drill_selected = state.drill_selected.saturating_sub(1);
            }
            Action::Down if state.drill => {
                state.drill_selected = (state.drill_selected + 1).min(services.saturating_sub(1));
            }
            Action::Up => state.row = state.row.saturating_sub(1),
            Action::Down => state.row = (state.row + 1).min(rows - 1),
            Action::Left => state.column = state.column.saturating_sub(1),
            Action::Right => state.column = (state.column + 1).min(columns - 1),
            Action::Select if state.drill => {
                if let Some(&service) = state.cell_services().get(state.drill_selected) {
                    self.details = Some(DetailsState {
                        service,
                        back: Screen::Landscape,
                        reasons: Vec::new(),
                        excluded: false,
                        scroll: 0,
                    });
                    self.screen = Screen::Details;
                }
            }
            Action::Select => {
                state.drill = services > 0;
                state.drill_selected = 0;
                state.findings = false;
            }
            Action::NextMatrix => {
                state.kind = state.kind.next();
                state.row = 0;
                state.column = 0;
                state.drill = false;
            }
            Action::NextArea => {
                state.area = (state.area + 1) % LANDSCAPE_AREAS.len();
                state.drill = false;
                state.findings_selected = 0;
                self.survey_area();
            }
            Action::Findings => {
                state.findings = !state.findings;
                state.findings_selected = 0;
                state.drill = false;
            }
            Action::Help => self.open_help(),
            Action::Close if state.drill || state.findings => {
                state.drill = false;
                state.findings = false;
            }
            Action::Close => self.screen = Screen::Home,
            _ => {}
        }
    }
}
