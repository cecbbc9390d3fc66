//! Properties of the engine over random answers: matches are always eligible,
//! journeys are ordered and start at the profile's stage, the same input gives
//! the same output, and empty inputs give empty journeys with gaps.

use eis::i18n::Lang;
use std::sync::LazyLock;

use eis::assessment::bank;
use eis::assessment::raw::Kind;
use eis::assessment::{Answer, Answers, Profile, QuestionBank, assess};
use eis::catalogue::{Area, Service};
use eis::catalogue::{Catalogue, Source, load};
use eis::journey::{EEN_CONTACT, plan_journey};
use eis::matching::match_services;
use proptest::prelude::*;

/// Countries answers are drawn from: the partner countries, other EU members,
/// and countries the catalogue does not cover.
const COUNTRIES: [&str; 12] = [
    "PL", "DK", "GB", "IE", "HR", "PT", "IT", "DE", "SE", "NO", "US", "JP",
];

/// The shipped bank and catalogue, loaded once for all cases.
static FIXTURES: LazyLock<(QuestionBank, Catalogue)> = LazyLock::new(|| {
    let bank = bank::load(None).expect("the shipped question bank loads");
    let catalogue = load(&Source::Embedded)
        .expect("the shipped catalogue loads")
        .0;
    (bank, catalogue)
});

fn fixtures() -> (&'static QuestionBank, &'static Catalogue) {
    (&FIXTURES.0, &FIXTURES.1)
}

/// Turns random numbers into a valid answer for each question (or none).
fn answers_from(bank: &QuestionBank, seeds: &[(bool, u64)]) -> Answers {
    let mut answers = Answers::new();
    for (question, &(answered, seed)) in bank.questions().iter().zip(seeds.iter().cycle()) {
        if !answered {
            continue;
        }
        let pick = |n: usize| usize::try_from(seed % (n as u64).max(1)).unwrap_or(0);
        let answer = match &question.kind {
            Kind::Single { options } => Answer::Choice(options[pick(options.len())].id.clone()),
            Kind::Multiple { options } => Answer::Choices(
                options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| seed >> (i % 64) & 1 == 1)
                    .map(|(_, o)| o.id.clone())
                    .collect(),
            ),
            Kind::Scale { .. } => Answer::Scale(1 + u8::try_from(seed % 5).unwrap_or(0)),
            Kind::Number { min, max, .. } => Answer::Number(min + seed % (max - min + 1).max(1)),
            Kind::Text { .. } => Answer::Text("Proptest Ltd".to_owned()),
            Kind::Countries { max } => {
                let count = 1 + pick((*max).min(3));
                Answer::Countries(
                    (0..count)
                        .map(|i| {
                            COUNTRIES[(pick(COUNTRIES.len()) + i * 5) % COUNTRIES.len()].to_owned()
                        })
                        .collect(),
                )
            }
        };
        answers.set(question.id.clone(), answer);
    }
    answers
}

fn seeds() -> impl Strategy<Value = Vec<(bool, u64)>> {
    prop::collection::vec((prop::bool::weighted(0.85), any::<u64>()), 50..=50)
}

/// Eligibility read straight from the catalogue's fields and the firm's
/// answers, written apart from `matching`'s rules so that the two can
/// disagree: the facts a firm has answered that plainly rule a service out,
/// or `None`. Unanswered facts rule nothing out (such a service may show
/// as possibly eligible).
fn plainly_ineligible(profile: &Profile, service: &Service) -> Option<String> {
    let firm = &profile.company;
    let rules = &service.eligibility;
    if !service.is_active() {
        return Some("closed".into());
    }
    if let (Some(bounds), Some(n)) = (rules.employees, firm.employees)
        && (bounds.min.is_some_and(|min| n < min) || bounds.max.is_some_and(|max| n > max))
    {
        return Some(format!("{n} employees outside {bounds:?}"));
    }
    if let Some(years) = firm.years_trading {
        if rules
            .min_years_trading
            .is_some_and(|min| years < u64::from(min))
        {
            return Some(format!("{years} years trading, fewer than asked"));
        }
        if rules
            .max_years_trading
            .is_some_and(|max| years > u64::from(max))
        {
            return Some(format!("{years} years trading, more than allowed"));
        }
    }
    if !rules.modes.is_empty()
        && !profile.modes.is_empty()
        && !rules.modes.iter().any(|m| profile.modes.contains(m))
    {
        return Some(format!(
            "modes {:?} not among {:?}",
            profile.modes, rules.modes
        ));
    }
    // A firm whose division is unknown may yet be in a division the service
    // admits: only a known division, or a service naming no divisions,
    // settles it.
    if let Some(section) = firm.sector
        && (!rules.sectors.is_empty() || !rules.divisions.is_empty())
        && !rules.sectors.contains(&section)
        && (firm.division.is_some() || rules.divisions.is_empty())
        && !firm.division.is_some_and(|d| rules.divisions.contains(&d))
    {
        return Some(format!("sector {section:?} not admitted"));
    }
    // A NUTS area leaves out only a firm of another country, or one whose
    // NUTS region lies beside it (neither within nor around it).
    let could_be_in = |area: &Area, place: &Area| match area {
        Area::Nuts(code) => {
            place.country() == area.country()
                && firm.nuts.as_ref().is_none_or(|known| {
                    known.code().starts_with(code.as_str()) || code.starts_with(known.code())
                })
        }
        _ => area.contains(place),
    };
    if let Some(place) = firm.location()
        && !service.areas.iter().any(|area| could_be_in(area, place))
    {
        return Some(format!("{place:?} outside {:?}", service.areas));
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_match_is_ever_ineligible(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        for found in match_services(&profile, catalogue, Lang::En) {
            if let Some(broken) = plainly_ineligible(&profile, found.service) {
                return Err(TestCaseError::fail(format!("{} matched: {broken}", found.service.id)));
            }
        }
        let journey = plan_journey(&profile, catalogue, 3, Lang::En);
        for step in journey.stages.iter().flat_map(|s| &s.steps) {
            let service = catalogue.service(&step.service).expect("journey services exist");
            if let Some(broken) = plainly_ineligible(&profile, service) {
                return Err(TestCaseError::fail(format!("{} in the journey: {broken}", service.id)));
            }
        }
    }

    #[test]
    fn journey_stages_are_in_order_and_start_at_the_profile_stage(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        let journey = plan_journey(&profile, catalogue, 3, Lang::En);
        prop_assert_eq!(journey.stages.first().map(|s| s.stage), Some(profile.stage));
        prop_assert!(journey.stages.windows(2).all(|w| w[0].stage < w[1].stage));
        prop_assert_eq!(journey.stages.last().map(|s| s.stage), Some(eis::vocab::Stage::Grow));
        prop_assert_eq!(journey.stages.iter().filter(|s| s.current).count(), 1);
    }

    #[test]
    fn a_service_appears_at_most_once_in_a_journey(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        let journey = plan_journey(&profile, catalogue, 3, Lang::En);
        let mut ids: Vec<&str> = journey.stages.iter().flat_map(|s| &s.steps).map(|s| s.service.as_str()).collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), all);
    }

    #[test]
    fn the_same_input_gives_the_same_output(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let answers = answers_from(bank, &seeds);
        let first = assess(bank, &answers, Lang::En);
        prop_assert_eq!(&assess(bank, &answers, Lang::En), &first);
        prop_assert_eq!(plan_journey(&first, catalogue, 3, Lang::En), plan_journey(&first, catalogue, 3, Lang::En));
    }

    #[test]
    fn scores_stay_in_range_and_needs_are_ranked(seeds in seeds()) {
        let (bank, _) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        for d in &profile.dimensions {
            prop_assert!(d.score.is_none_or(|s| s <= 100));
            prop_assert_eq!(d.score.is_some(), d.answers > 0);
        }
        prop_assert!(profile.needs.windows(2).all(|w| w[0].weight >= w[1].weight));
    }

    #[test]
    fn a_profile_survives_a_round_trip_through_ron_and_json(seeds in seeds()) {
        let (bank, _) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        let ron = profile.to_ron().unwrap();
        prop_assert_eq!(&Profile::read("p.ron", ron.as_bytes()).unwrap(), &profile);
        let json = serde_json::to_string(&profile).unwrap();
        prop_assert_eq!(&Profile::read("p.json", json.as_bytes()).unwrap(), &profile);
    }

    #[test]
    fn an_empty_catalogue_gives_an_empty_journey_with_gaps(seeds in seeds()) {
        let (bank, _) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        let journey = plan_journey(&profile, &Catalogue::default(), 3, Lang::En);
        prop_assert!(journey.stages.iter().all(|s| s.steps.is_empty()));
        prop_assert_eq!(journey.gaps.len(), profile.needs.len());
        prop_assert!(journey.gaps.iter().all(|g| g.fallback.url == EEN_CONTACT));
    }
}

#[test]
fn empty_answers_give_an_empty_journey_with_gaps() {
    let (bank, catalogue) = fixtures();
    let profile = assess(bank, &Answers::new(), Lang::En);
    let journey = plan_journey(&profile, catalogue, 3, Lang::En);
    assert!(journey.stages.iter().all(|s| s.steps.is_empty()));
    assert!(!journey.gaps.is_empty());
    assert_eq!(journey.gaps[0].need, eis::vocab::Need::Motivation);
}

/// The scopes question's option id for a scope.
fn scope_option(scope: eis::vocab::Scope) -> &'static str {
    match scope {
        eis::vocab::Scope::CrossBorder => "cross-border",
        eis::vocab::Scope::SingleMarket => "single-market",
        eis::vocab::Scope::Global => "global",
    }
}

/// Random answers that name at least one market (and a country, so the
/// markets can be placed).
fn answers_with_markets(seeds: &[(bool, u64)], markets: &[usize]) -> Answers {
    let (bank, _) = fixtures();
    let mut answers = answers_from(bank, seeds);
    if answers.get("country").is_none() {
        answers.set("country", Answer::Countries(vec!["PL".to_owned()]));
    }
    answers.remove("scopes");
    let codes: Vec<String> = markets
        .iter()
        .map(|&i| COUNTRIES[i % COUNTRIES.len()].to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    answers.set("markets", Answer::Countries(codes));
    answers
}

fn eligible_ids(profile: &Profile, catalogue: &Catalogue) -> std::collections::BTreeSet<String> {
    catalogue
        .services()
        .iter()
        .filter(|s| eis::matching::is_eligible(profile, s))
        .map(|s| s.id.to_string())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Ticking the scopes its markets already fall in changes nothing for a
    /// firm that names markets: the markets decide.
    #[test]
    fn ticking_the_scopes_of_the_named_markets_changes_nothing(
        seeds in seeds(),
        markets in prop::collection::vec(0usize..12, 1..4),
    ) {
        let (bank, catalogue) = fixtures();
        let plain = answers_with_markets(&seeds, &markets);
        let profile = assess(bank, &plain, Lang::En);
        let implied = profile.reach();
        prop_assume!(!implied.is_empty());
        let mut ticked = plain.clone();
        ticked.set(
            "scopes",
            Answer::Choices(implied.iter().map(|&s| scope_option(s).to_owned()).collect()),
        );
        let with_ticks = assess(bank, &ticked, Lang::En);
        prop_assert_eq!(&with_ticks, &profile);
        prop_assert_eq!(
            plan_journey(&with_ticks, catalogue, 3, Lang::En),
            plan_journey(&profile, catalogue, 3, Lang::En)
        );
    }

    /// Naming one more market never takes away a service the firm could use
    /// with the scopes it already had.
    #[test]
    fn adding_a_market_never_removes_an_eligible_service(
        seeds in seeds(),
        markets in prop::collection::vec(0usize..12, 1..4),
        extra in 0usize..12,
    ) {
        let (bank, catalogue) = fixtures();
        let before = answers_with_markets(&seeds, &markets);
        let mut more = markets.clone();
        more.push(extra);
        let after = answers_with_markets(&seeds, &more);
        let profile = assess(bank, &before, Lang::En);
        // A firm whose markets give no scope (it named only its own country)
        // is not limited by scope at all; the promise is about the scopes a
        // firm already has.
        prop_assume!(!profile.reach().is_empty());
        let had = eligible_ids(&profile, catalogue);
        let has = eligible_ids(&assess(bank, &after, Lang::En), catalogue);
        let lost: Vec<&String> = had.difference(&has).collect();
        prop_assert!(lost.is_empty(), "lost {:?}", lost);
    }

    /// Every service of a journey is open to the firm; one it is only
    /// possibly eligible for carries the open questions, and says so.
    #[test]
    fn every_journey_service_is_eligible_or_flagged_with_its_open_question(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        let journey = plan_journey(&profile, catalogue, 3, Lang::En);
        for step in journey.stages.iter().flat_map(|p| &p.steps) {
            let service = catalogue.service(&step.service).expect("a catalogue service");
            prop_assert_eq!(plainly_ineligible(&profile, service), None, "{}", step.service);
            let open = eis::matching::open_checks(&profile, service, Lang::En);
            prop_assert_eq!(&step.checks, &open, "{}", step.service);
            for check in &open {
                prop_assert!(
                    step.reasons.iter().any(|r| r.contains(check.as_str())),
                    "{}: the reasons do not name the check {}", step.service, check
                );
            }
        }
    }

    /// The best-ranked eligible service is always somewhere in the journey;
    /// when it is one door of a programme, the journey plans the door
    /// nearest to the firm instead, so some door of that programme is there.
    #[test]
    fn the_best_ranked_service_is_always_in_the_journey(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        let matches = match_services(&profile, catalogue, Lang::En);
        let journey = plan_journey(&profile, catalogue, 3, Lang::En);
        if let Some(top) = matches.first() {
            let planned = |id: &str| journey.stage_of(id).is_some();
            let present = match &top.service.programme {
                Some(programme) => catalogue
                    .services()
                    .iter()
                    .filter(|s| s.programme.as_ref() == Some(programme))
                    .any(|door| planned(door.id.as_str())),
                None => planned(top.service.id.as_str()),
            };
            prop_assert!(present, "{} ranks first but is not in the journey", top.service.id);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// No customs within the EU's customs union: a firm in the EU selling
    /// only to EU members is never told it needs customs papers, whatever it
    /// answered; one that also names a market outside the EU may be.
    #[test]
    fn a_firm_trading_only_inside_the_eu_has_no_customs_need(
        seeds in seeds(),
        markets in prop::collection::vec(0usize..8, 1..4),
    ) {
        let (bank, _) = fixtures();
        let mut answers = answers_with_markets(&seeds, &markets);
        answers.set("country", Answer::Countries(vec!["PL".to_owned()]));
        // Only EU members among the drawn markets (DK, IE, HR, PT, IT, DE; not GB).
        let eu: Vec<String> = ["DK", "IE", "HR", "PT", "IT", "DE"]
            .iter()
            .cycle()
            .skip(markets[0])
            .take(markets.len())
            .map(|&c| c.to_owned())
            .collect();
        answers.set("markets", Answer::Countries(eu));
        answers.set("modes", Answer::Choices(vec!["export".to_owned()]));
        answers.set("customs", Answer::Choice("no-idea".to_owned()));
        let profile = assess(bank, &answers, Lang::En);
        prop_assert!(
            !profile.needs.iter().any(|n| n.need == eis::vocab::Need::CustomsDocuments),
            "{:?}", profile.needs
        );
        // With Norway, outside the customs union, the same answer raises it.
        let mut wider = answers.clone();
        wider.set("markets", Answer::Countries(vec!["NO".to_owned()]));
        prop_assert!(bank.visible(&wider).iter().any(|q| q.id == "customs"));
        let wider = assess(bank, &wider, Lang::En);
        {
            prop_assert!(
                wider.needs.iter().any(|n| n.need == eis::vocab::Need::CustomsDocuments),
                "{:?}", wider.needs
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Each mode the firm pursues has a service written for it in the
    /// journey whenever one is open to the firm.
    #[test]
    fn every_mode_pursued_has_a_service_written_for_it(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds), Lang::En);
        let matches = match_services(&profile, catalogue, Lang::En);
        let journey = plan_journey(&profile, catalogue, 3, Lang::En);
        for mode in &profile.modes {
            let open = matches.iter().any(|m| m.service.modes.contains(mode));
            let served = journey.stages.iter().flat_map(|p| &p.steps).any(|step| {
                catalogue
                    .service(&step.service)
                    .is_some_and(|s| s.modes.contains(mode))
            });
            prop_assert!(!open || served, "{mode:?} has no service written for it");
        }
    }
}
