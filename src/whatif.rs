//! What moved when an answer changed: the stage, each dimension's score, and
//! the services that entered or left the journey — so that an adviser trying
//! "what if the firm had a budget?" sees the effect, not just a new page.

use crate::assessment::Profile;
use crate::journey::Journey;
use crate::vocab::{Dimension, Stage};

/// The difference between two results of the same firm.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WhatIf {
    /// The stage before and after, when it changed.
    pub stage: Option<(Stage, Stage)>,
    /// Score changes of the dimensions assessed both times, in the
    /// dimensions' order; unchanged ones left out.
    pub dimensions: Vec<(Dimension, i16)>,
    /// Service ids now in the journey that were not, in journey order.
    pub entered: Vec<String>,
    /// Service ids no longer in the journey, in their former order.
    pub left: Vec<String>,
}

impl WhatIf {
    /// What changed from `before` to `after`.
    #[must_use]
    pub fn between(before: (&Profile, &Journey), after: (&Profile, &Journey)) -> WhatIf {
        let ((was, was_journey), (now, now_journey)) = (before, after);
        let ids = |journey: &Journey| -> Vec<String> {
            journey
                .stages
                .iter()
                .flat_map(|s| s.steps.iter().map(|step| step.service.clone()))
                .collect()
        };
        let (old, new) = (ids(was_journey), ids(now_journey));
        WhatIf {
            stage: (was.stage != now.stage).then_some((was.stage, now.stage)),
            dimensions: Dimension::ALL
                .iter()
                .filter_map(|&d| {
                    let change = i16::from(now.score(d)?) - i16::from(was.score(d)?);
                    (change != 0).then_some((d, change))
                })
                .collect(),
            entered: new.iter().filter(|id| !old.contains(id)).cloned().collect(),
            left: old.iter().filter(|id| !new.contains(id)).cloned().collect(),
        }
    }

    /// Whether nothing moved.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stage.is_none()
            && self.dimensions.is_empty()
            && self.entered.is_empty()
            && self.left.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Answer, Answers, assess, bank};
    use crate::catalogue::{Source, load};
    use crate::journey::plan_journey;

    fn answers() -> Answers {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/personas/portalegre-cork-workshop-getting-ready.ron"
        );
        let bank = bank::load(None).expect("the bank loads");
        let bytes = std::fs::read(path).expect("the persona exists");
        Answers::read(path, &bytes, &bank)
            .expect("the persona reads")
            .0
    }

    #[test]
    fn a_changed_answer_shows_what_moved() {
        let bank = bank::load(None).expect("the bank loads");
        let (catalogue, _) = load(&Source::Embedded).expect("the catalogue loads");
        let before = answers();
        let mut after = before.clone();
        // The cork workshop starts trading abroad regularly.
        after.set("activity", Answer::Choice("regular".to_owned()));
        let (p0, p1) = (
            assess(&bank, &before, crate::i18n::Lang::En),
            assess(&bank, &after, crate::i18n::Lang::En),
        );
        let (j0, j1) = (
            plan_journey(&p0, &catalogue, 3, crate::i18n::Lang::En),
            plan_journey(&p1, &catalogue, 3, crate::i18n::Lang::En),
        );
        let what_if = WhatIf::between((&p0, &j0), (&p1, &j1));
        assert_eq!(what_if.stage, Some((Stage::Prepare, Stage::Grow)));
        assert!(
            what_if
                .dimensions
                .iter()
                .any(|&(d, c)| d == Dimension::Experience && c > 0),
            "{what_if:?}"
        );
        assert!(!what_if.entered.is_empty() && !what_if.left.is_empty());
        for id in &what_if.entered {
            assert!(!what_if.left.contains(id));
        }

        let same = WhatIf::between((&p0, &j0), (&p0, &j0));
        assert!(same.is_empty());
    }
}
