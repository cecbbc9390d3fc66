//! The short check: the questions marked `short` in the bank, asked alone at
//! a help desk. It must stay short on every path, and what it concludes must
//! be what the full assessment would conclude from the same answers.

use eis::i18n::Lang;
use std::collections::BTreeSet;

use eis::assessment::raw::Kind;
use eis::assessment::{Answer, Answers, assess};
use eis::journey::plan_journey;

use crate::common::{DATA, persona};

/// Every persona of `tests/fixtures/personas/`.
const PERSONAS: [&str; 13] = [
    "alentejo-olive-oil-first-markets",
    "donegal-micro-knitwear-never-exported",
    "emilia-romagna-automation-all-modes",
    "emilia-romagna-packaging-subsidiary-usa",
    "hampshire-marine-electronics-grow",
    "koprivnica-furniture-exporter-weak-finance",
    "koprivnica-large-food-processor",
    "midtjylland-agritech-joint-rnd",
    "midtjylland-textile-importer-from-asia",
    "norway-seafood-exporter",
    "pomorskie-machining-subcontractor-weak-compliance",
    "portalegre-cork-workshop-getting-ready",
    "united-states-software-entering-eu",
];

/// The most questions the short check may ask (about three minutes).
const MOST: usize = 12;

/// The questions the short check's conditions may look at: where the firm
/// is, and whether it named its markets. The walk below tries every answer
/// of these, so it covers every path only if no other question branches.
fn branching(id: &str) -> bool {
    id == "country" || id == "markets" || id.starts_with("region-") || id.starts_with("zone-")
}

#[test]
fn only_location_and_markets_decide_what_the_short_check_asks() {
    let short = DATA.0.short_check();
    for question in short.questions() {
        let Some(when) = &question.when else { continue };
        let text = format!("{when:?}");
        let named: Vec<&str> = short
            .questions()
            .iter()
            .map(|q| q.id.as_str())
            .filter(|id| text.contains(&format!("\"{id}\"")))
            .collect();
        assert!(
            !named.is_empty() && named.iter().all(|id| branching(id)),
            "`{}` depends on {named:?}: the walk of every path must try its answers",
            question.id
        );
    }
}

#[test]
fn the_short_check_asks_at_most_twelve_questions_on_any_path() {
    let short = DATA.0.short_check();
    assert!(DATA.0.has_short_check());
    let option_ids = |id: &str| -> Vec<String> {
        short
            .question(id)
            .map(|q| q.options().iter().map(|o| o.id.clone()).collect())
            .unwrap_or_default()
    };
    let mut longest = 0;
    // Each partner country, one the catalogue has a few services for, and
    // one it has none for.
    for country in ["GB", "DK", "IE", "HR", "PT", "PL", "IT", "NO", "US"] {
        let region = format!("region-{}", country.to_lowercase());
        let mut regions: Vec<Option<String>> = option_ids(&region).into_iter().map(Some).collect();
        if regions.is_empty() {
            regions.push(None);
        }
        for chosen_region in &regions {
            let zone = format!("zone-{}", country.to_lowercase());
            let mut zones: Vec<Option<String>> = option_ids(&zone).into_iter().map(Some).collect();
            zones.push(None);
            for chosen_zone in &zones {
                for markets in [true, false] {
                    let mut answers = Answers::new();
                    answers.set("country", Answer::Countries(vec![country.to_owned()]));
                    if let Some(option) = chosen_region {
                        answers.set(region.clone(), Answer::Choice(option.clone()));
                    }
                    if let Some(option) = chosen_zone {
                        answers.set(zone.clone(), Answer::Choice(option.clone()));
                    }
                    if markets {
                        answers.set("markets", Answer::Countries(vec!["DE".to_owned()]));
                    }
                    let asked = short.visible(&answers);
                    longest = longest.max(asked.len());
                    assert!(
                        asked.len() <= MOST,
                        "{country} {chosen_region:?} {chosen_zone:?} markets {markets}: {} questions: {:?}",
                        asked.len(),
                        asked.iter().map(|q| &q.id).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
    // The walk reached the longest paths (a region with a zone question).
    assert_eq!(longest, MOST);
}

#[test]
fn the_short_check_needs_no_text_typed_but_numbers() {
    // At a kiosk every answer is a choice, a country or a number: nothing
    // that names the firm.
    for question in DATA.0.short_check().questions() {
        assert!(
            !matches!(question.kind, Kind::Text { .. }),
            "`{}` asks for text",
            question.id
        );
    }
}

#[test]
fn the_short_check_concludes_what_the_full_assessment_would() {
    let bank = &DATA.0;
    let short = bank.short_check();
    let catalogue = &DATA.1;
    for name in PERSONAS {
        let full_answers = persona(name);
        let mut answers = Answers::new();
        for question in short.questions() {
            if let Some(answer) = full_answers.get(&question.id) {
                answers.set(question.id.clone(), answer.clone());
            }
        }
        let unanswered: Vec<&str> = short
            .visible(&answers)
            .iter()
            .filter(|q| answers.get(&q.id).is_none() && !q.optional)
            .map(|q| q.id.as_str())
            .collect();
        assert!(unanswered.is_empty(), "{name}: {unanswered:?} unanswered");

        let quick = assess(&short, &answers, Lang::En);
        let full = assess(bank, &full_answers, Lang::En);
        // The facts the referral rests on most are the same: where the firm
        // is, what it does and its size. (Turnover, years and memberships
        // are left open, so schemes that ask them show a condition to check.)
        let (q, f) = (&quick.company, &full.company);
        assert_eq!(
            (
                &q.country,
                &q.region,
                &q.zones,
                q.sector,
                q.division,
                q.employees
            ),
            (
                &f.country,
                &f.region,
                &f.zones,
                f.sector,
                f.division,
                f.employees
            ),
            "{name}"
        );
        assert_eq!(quick.modes, full.modes, "{name}");
        assert_eq!(quick.markets, full.markets, "{name}");
        // The stage is the one the full assessment gives, for every persona:
        // what the firm does abroad decides it, and for a firm not yet
        // active its plan, its budget and its knowledge of markets.
        assert_eq!(quick.stage, full.stage, "{name}");
        // Every need it raises the full assessment raises too, unless it is
        // the first need of a dimension the short check finds weak on fewer
        // answers (an exporter's experience judged by how often it exports,
        // before its contacts and languages are asked).
        let full_needs: BTreeSet<_> = full.needs.iter().map(|n| n.need).collect();
        for need in &quick.needs {
            let thin_gap = quick.dimensions.iter().any(|d| {
                d.dimension.primary_need() == need.need && d.band == Some(eis::vocab::Band::Gap)
            });
            assert!(
                full_needs.contains(&need.need) || thin_gap,
                "{name}: the short check raises {:?}, the full assessment does not",
                need.need
            );
        }
        // And it ends with a first referral.
        let journey = plan_journey(&quick, catalogue, 3, Lang::En);
        let first = journey.stages.iter().flat_map(|s| &s.steps).next();
        assert!(first.is_some(), "{name}: no service to refer to");
    }
}
