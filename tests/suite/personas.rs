//! Realistic SME personas, one answers file each in `tests/fixtures/personas`,
//! checked the way an internationalisation adviser would check the result:
//! the stage and why, the weak dimension and its needs, and a journey whose
//! services are all open to the firm, where it is, for what it does.

use eis::i18n::Lang;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eis::assessment::{Answers, Profile, QuestionBank, assess, bank};
use eis::catalogue::{self, Area, Catalogue, Service, Source};
use eis::journey::{Journey, plan_journey};
use eis::matching::{Explanation, exclusions, explain, match_services};
use eis::vocab::{Activity, Band, Dimension, Mode, Need, Scope, SizeClass, Stage, Support, Tier};

/// Services shown per stage, as the `match` command does by default.
const PER_STAGE: usize = 3;

/// The seven EIS partner regions; Alentejo is three districts.
const PARTNER_REGIONS: [&[&str]; 7] = [
    &["GB-HAM"],
    &["DK-82"],
    &["IE-DL"],
    &["HR-06"],
    &["PT-02", "PT-07", "PT-12"],
    &["PL-22"],
    &["IT-45"],
];

/// The countries the catalogue covers with national schemes.
const CATALOGUE_COUNTRIES: [&str; 7] = ["GB", "DK", "IE", "HR", "PT", "PL", "IT"];

/// Whether a service not written for `mode` still serves a firm of that
/// mode: it meets a need the mode brings and its provider does not limit it
/// to other modes.
fn serves_through(service: &Service, mode: Mode) -> bool {
    (service.eligibility.modes.is_empty() || service.eligibility.modes.contains(&mode))
        && eis::matching::implied_needs(mode)
            .iter()
            .any(|n| service.needs.contains(n))
}

fn personas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/personas")
}

/// One persona: its answers, profile, the catalogue and its journey.
struct Persona {
    file: String,
    bank: QuestionBank,
    answers: Answers,
    profile: Profile,
    catalogue: Catalogue,
    journey: Journey,
}

impl Persona {
    /// Loads `tests/fixtures/personas/<name>.ron`, insisting that it answers
    /// every question it is asked and nothing else, and plans its journey.
    fn load(name: &str) -> Persona {
        let path = personas_dir().join(format!("{name}.ron"));
        let file = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        let bank = bank::load(None).expect("the built-in question bank loads");
        let (answers, warnings) = Answers::read(&file, &bytes, &bank).unwrap_or_else(|errors| {
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("{file} does not read:\n{}", errors.join("\n"))
        });
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(
            warnings.is_empty(),
            "{file} has unused answers:\n{}",
            warnings.join("\n")
        );
        let unanswered: Vec<&str> = bank
            .visible(&answers)
            .iter()
            .filter(|q| answers.get(&q.id).is_none())
            .map(|q| q.id.as_str())
            .collect();
        assert!(
            unanswered.is_empty(),
            "{file} leaves questions unanswered: {unanswered:?}"
        );
        let profile = assess(&bank, &answers, Lang::En);
        let (catalogue, _warnings) =
            catalogue::load(&Source::Embedded).expect("the embedded catalogue loads");
        let journey = plan_journey(&profile, &catalogue, PER_STAGE, Lang::En);
        Persona {
            file,
            bank,
            answers,
            profile,
            catalogue,
            journey,
        }
    }

    fn location(&self) -> &Area {
        self.profile
            .company
            .location()
            .unwrap_or_else(|| panic!("{}: the profile has no location", self.file))
    }

    fn service(&self, id: &str) -> &Service {
        self.catalogue
            .service(id)
            .unwrap_or_else(|| panic!("no service `{id}` in the catalogue"))
    }

    /// The journey's services in order, with the stage each is placed at.
    fn steps(&self) -> Vec<(Stage, &Service)> {
        self.journey
            .stages
            .iter()
            .flat_map(|plan| plan.steps.iter().map(move |step| (plan.stage, step)))
            .map(|(stage, step)| (stage, self.service(&step.service)))
            .collect()
    }

    fn services(&self) -> Vec<&Service> {
        self.steps().into_iter().map(|(_, s)| s).collect()
    }

    fn ids(&self) -> Vec<&str> {
        self.services().iter().map(|s| s.id.as_str()).collect()
    }

    /// The services placed at one stage of the journey.
    fn at(&self, stage: Stage) -> Vec<&Service> {
        self.steps()
            .into_iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, service)| service)
            .collect()
    }

    fn needs(&self) -> Vec<Need> {
        self.profile.needs.iter().map(|n| n.need).collect()
    }

    /// The `n` most pressing needs.
    fn top_needs(&self, n: usize) -> Vec<Need> {
        self.needs().into_iter().take(n).collect()
    }

    fn band(&self, dimension: Dimension) -> Option<Band> {
        self.profile
            .dimensions
            .iter()
            .find(|d| d.dimension == dimension)
            .and_then(|d| d.band)
    }

    fn is_gap(&self, need: Need) -> bool {
        self.journey.gaps.iter().any(|g| g.need == need)
    }

    /// Whether the service is open where the firm is.
    fn available_here(&self, service: &Service) -> bool {
        // A NUTS area is open to a firm its answers place in it, or place
        // more coarsely in a region around it (a condition to check).
        service.areas.iter().any(|a| match a {
            Area::Nuts(code) => self.profile.company.nuts.as_ref().is_some_and(|known| {
                known.code().starts_with(code.as_str()) || code.starts_with(known.code())
            }),
            _ => a.contains(self.location()),
        })
    }

    /// What every journey must satisfy, whoever the firm is.
    fn assert_well_formed_journey(&self) {
        let file = &self.file;
        let stages: Vec<Stage> = self.journey.stages.iter().map(|s| s.stage).collect();
        let expected: Vec<Stage> = Stage::ALL
            .iter()
            .copied()
            .filter(|s| *s >= self.profile.stage)
            .collect();
        assert_eq!(
            stages, expected,
            "{file}: the journey runs in order from the profile's stage to Grow"
        );
        for plan in &self.journey.stages {
            assert_eq!(
                plan.current,
                plan.stage == self.profile.stage,
                "{file}: only the profile's stage is marked current"
            );
        }
        let mut seen = BTreeSet::new();
        for (stage, service) in self.steps() {
            let id = service.id.as_str();
            assert!(seen.insert(id), "{file}: {id} appears twice in the journey");
            assert!(
                service.is_active(),
                "{file}: {id} is closed but on the journey"
            );
            assert_eq!(
                exclusions(&self.profile, service, Lang::En),
                Vec::<String>::new(),
                "{file}: {id} is on the journey but not eligible"
            );
            assert!(
                self.available_here(service),
                "{file}: {id} (areas {:?}) is not available in {}",
                service.areas,
                self.location().code()
            );
            let serves_stage = service.stages.contains(&stage);
            let earlier_only_placed_now = stage == self.profile.stage
                && service.stages.iter().all(|s| *s < self.profile.stage);
            assert!(
                serves_stage || earlier_only_placed_now,
                "{file}: {id} is placed at {stage:?} but serves {:?}",
                service.stages
            );
        }
        let matches = match_services(&self.profile, &self.catalogue, Lang::En);
        for need in self.needs() {
            let met = self.services().iter().any(|s| s.needs.contains(&need));
            let eligible = matches.iter().any(|m| m.service.needs.contains(&need));
            assert_eq!(
                self.is_gap(need),
                !met,
                "{file}: {need:?} is a gap exactly when no journey service meets it"
            );
            assert_eq!(
                met, eligible,
                "{file}: {need:?} is met on the journey exactly when an eligible service meets it"
            );
        }
    }

    /// No journey service is a scheme only for firms in the United Kingdom.
    fn assert_no_uk_only_services(&self) {
        for service in self.services() {
            assert!(
                !service.areas.iter().all(|a| a.country() == Some("GB")),
                "{}: {} is a UK-only scheme",
                self.file,
                service.id
            );
        }
    }

    /// The rank and reasons of a service that must be eligible.
    fn ranked(&self, id: &str) -> (usize, Vec<String>) {
        match explain(&self.profile, &self.catalogue, id, PER_STAGE, Lang::En) {
            Some(Explanation::Ranked { rank, reasons, .. }) => (rank, reasons),
            other => panic!("{}: expected {id} to be ranked, got {other:?}", self.file),
        }
    }

    /// The reasons a service is excluded; it must be.
    fn excluded(&self, id: &str) -> Vec<String> {
        match explain(&self.profile, &self.catalogue, id, PER_STAGE, Lang::En) {
            Some(Explanation::Excluded { reasons, .. }) => reasons,
            other => panic!("{}: expected {id} to be excluded, got {other:?}", self.file),
        }
    }
}

fn every_persona_name() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(personas_dir())
        .expect("the personas folder exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .map(|path| {
            path.file_stem()
                .expect("a file name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn is_sme_only(service: &Service) -> bool {
    !service.eligibility.sizes.is_empty() && !service.eligibility.sizes.contains(&SizeClass::Large)
}

fn is_finance(need: Need) -> bool {
    need.dimension() == Dimension::Finance
}

// ---------------------------------------------------------------------------
// The personas together

#[test]
fn personas_cover_all_seven_partner_regions_and_all_five_modes() {
    let personas: Vec<Persona> = every_persona_name()
        .iter()
        .map(|n| Persona::load(n))
        .collect();
    assert!(personas.len() >= 11, "only {} personas", personas.len());
    for region in PARTNER_REGIONS {
        assert!(
            personas
                .iter()
                .any(|p| region.contains(&p.location().code())),
            "no persona in {region:?}"
        );
    }
    let modes: BTreeSet<Mode> = personas
        .iter()
        .flat_map(|p| p.profile.modes.iter().copied())
        .collect();
    assert_eq!(modes, Mode::ALL.iter().copied().collect());
    assert!(
        personas.iter().any(|p| p
            .location()
            .country()
            .is_some_and(|c| !CATALOGUE_COUNTRIES.contains(&c))),
        "no persona from a country the catalogue does not cover"
    );
    let stages: BTreeSet<Stage> = personas.iter().map(|p| p.profile.stage).collect();
    assert!(
        stages.len() >= 4,
        "personas reach only the stages {stages:?}"
    );
}

#[test]
fn every_persona_answers_every_question_asked_and_gets_a_well_formed_journey() {
    for name in every_persona_name() {
        let persona = Persona::load(&name);
        persona.assert_well_formed_journey();
        assert!(
            persona.profile.company.name.is_some()
                && persona.profile.company.employees.is_some()
                && persona.profile.company.sector.is_some()
                && persona.profile.activity.is_some(),
            "{name}: the profile lacks a basic fact"
        );
        if persona.location().country() != Some("GB") {
            persona.assert_no_uk_only_services();
        }
    }
}

#[test]
fn an_sme_pursuing_all_five_modes_is_asked_at_most_45_questions() {
    let persona = Persona::load("emilia-romagna-automation-all-modes");
    assert_eq!(persona.profile.modes, Mode::ALL.to_vec());
    let visible: Vec<&str> = persona
        .bank
        .visible(&persona.answers)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    for mode_question in [
        "suppliers",
        "import-rules",
        "entity-abroad",
        "country-risk",
        "quality-certificates",
        "contractor-volumes",
        "know-how-protection",
        "technology-partners",
    ] {
        assert!(
            visible.contains(&mode_question),
            "{mode_question} is not asked"
        );
    }
    // One region question, not seven.
    assert_eq!(
        visible
            .iter()
            .filter(|id| id.starts_with("region-"))
            .count(),
        1
    );
    assert!(
        visible.len() <= 45,
        "{} questions asked: {visible:?}",
        visible.len()
    );
}

// ---------------------------------------------------------------------------
// One test per persona

#[test]
fn donegal_micro_firm_that_never_exported_explores_first_and_meets_leo_donegal_before_enterprise_ireland()
 {
    let p = Persona::load("donegal-micro-knitwear-never-exported");
    assert_eq!(p.location(), &Area::Subdivision("IE-DL".to_owned()));
    assert_eq!(p.profile.company.size_class(), Some(SizeClass::Micro));
    assert_eq!(p.profile.activity, Some(Activity::NotYet));
    assert_eq!(p.profile.stage, Stage::Explore);
    let commitment = p.profile.score(Dimension::Commitment).expect("scored");
    assert!(commitment < 40, "commitment {commitment}");
    assert!(
        p.profile
            .stage_reason
            .contains(&format!("commitment scores {commitment}")),
        "{}",
        p.profile.stage_reason
    );
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    // LEO Donegal's first-stop advice is on the journey at the current stage.
    let explore: Vec<&str> = p.at(Stage::Explore).iter().map(|s| s.id.as_str()).collect();
    assert!(
        explore.contains(&"leo-donegal-advice-mentoring"),
        "{explore:?}"
    );

    // The local office comes before the national agency, and the local or
    // regional tier before any national service.
    let ids = p.ids();
    let first_of = |provider: &str| {
        p.services()
            .iter()
            .position(|s| s.provider.as_str() == provider)
    };
    let leo = first_of("leo-donegal").expect("LEO Donegal is on the journey");
    if let Some(ei) = first_of("enterprise-ireland") {
        assert!(leo < ei, "Enterprise Ireland before LEO Donegal: {ids:?}");
    }
    let tier_at = |tiers: &[Tier]| p.services().iter().position(|s| tiers.contains(&s.tier));
    let close = tier_at(&[Tier::Local, Tier::Regional]).expect("a local or regional service");
    let national = tier_at(&[Tier::National]).unwrap_or(usize::MAX);
    assert!(close < national, "a national service comes first: {ids:?}");

    // Enterprise Ireland's market-discovery grant is for later stages only.
    for service in p.at(Stage::Explore) {
        assert_ne!(service.provider.as_str(), "enterprise-ireland");
    }
    // Services sized for larger firms are not offered to a micro firm.
    for service in p.services() {
        assert!(
            service.eligibility.sizes.is_empty()
                || service.eligibility.sizes.contains(&SizeClass::Micro),
            "{} is not for micro firms",
            service.id
        );
    }
}

#[test]
fn donegal_micro_firm_is_first_referred_to_its_local_enterprise_office() {
    let p = Persona::load("donegal-micro-knitwear-never-exported");
    let first = p.at(p.profile.stage)[0];
    assert!(
        matches!(first.tier, Tier::Local | Tier::Regional),
        "first referral is {} ({:?}): {:?}",
        first.id,
        first.tier,
        p.ids()
    );
}

#[test]
fn donegal_knitwear_maker_is_not_sent_to_the_irish_food_board() {
    let p = Persona::load("donegal-micro-knitwear-never-exported");
    let ids = p.ids();
    assert!(
        p.services()
            .iter()
            .all(|s| s.provider.as_str() != "bord-bia"),
        "{ids:?}"
    );
}

#[test]
fn central_denmark_importer_buying_only_from_asia_gets_only_services_that_support_import() {
    let p = Persona::load("midtjylland-textile-importer-from-asia");
    assert_eq!(p.location(), &Area::Subdivision("DK-82".to_owned()));
    assert_eq!(p.profile.modes, vec![Mode::Import]);
    assert_eq!(p.profile.scopes, vec![Scope::Global]);
    assert_eq!(p.profile.stage, Stage::Enter);
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    assert!(!p.services().is_empty());
    // Written for import, or meeting a need that importing brings (customs,
    // suppliers, product rules) and not limited by its provider to exporters.
    for service in p.services() {
        assert!(
            service.modes.contains(&Mode::Import) || serves_through(service, Mode::Import),
            "{} does not support import: {:?}",
            service.id,
            service.modes
        );
    }
    // Export-only schemes are excluded, and the reason says so.
    for service in p.catalogue.services() {
        if service.modes == [Mode::Export]
            && p.available_here(service)
            && !serves_through(service, Mode::Import)
        {
            let why = exclusions(&p.profile, service, Lang::En);
            assert!(
                why.iter().any(|r| r.contains("which you do not pursue")),
                "{}: {why:?}",
                service.id
            );
        }
    }
    // Finding reliable suppliers is a need, and it is met at the current stage.
    let needs = p.needs();
    assert!(needs.contains(&Need::Sourcing), "{needs:?}");
    assert!(
        p.at(Stage::Enter)
            .iter()
            .any(|s| s.needs.contains(&Need::Sourcing)),
        "{:?}",
        p.ids()
    );
    // Duties and customs are covered by a Danish service, not left to the forwarder.
    assert!(needs.contains(&Need::TradeRules));
    assert!(
        p.services().iter().any(|s| {
            s.areas.iter().any(|a| a.country() == Some("DK"))
                && (s.needs.contains(&Need::TradeRules)
                    || s.needs.contains(&Need::CustomsDocuments))
        }),
        "{:?}",
        p.ids()
    );
    // The EU SME Centre is for firms dealing with China, which this firm named.
    let (_, reasons) = p.ranked("eu-sme-centre-china");
    assert!(reasons.iter().any(|r| r.contains("China")), "{reasons:?}");
}

#[test]
fn importer_that_sells_only_at_home_is_not_told_to_promote_itself_abroad() {
    let p = Persona::load("midtjylland-textile-importer-from-asia");
    let needs = p.needs();
    for need in [Need::InternationalMarketing, Need::DigitalSales] {
        assert!(!needs.contains(&need), "{need:?} raised: {needs:?}");
    }
}

#[test]
fn emilia_romagna_machinery_maker_opening_a_us_subsidiary_grows_with_italian_investment_finance() {
    let p = Persona::load("emilia-romagna-packaging-subsidiary-usa");
    assert_eq!(p.location(), &Area::Subdivision("IT-45".to_owned()));
    assert!(p.profile.modes.contains(&Mode::Investment));
    assert_eq!(p.profile.activity, Some(Activity::Established));
    assert_eq!(p.profile.stage, Stage::Grow);
    assert!(
        p.profile.stage_reason.contains("established"),
        "{}",
        p.profile.stage_reason
    );
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    // No funding yet for the subsidiary: investment finance is a need, from that answer.
    let need = p
        .profile
        .needs
        .iter()
        .find(|n| n.need == Need::InvestmentFinance)
        .expect("investment finance is a need");
    assert!(
        need.reasons.iter().any(|r| r.starts_with("you answered")),
        "{:?}",
        need.reasons
    );
    assert!(!p.is_gap(Need::InvestmentFinance));
    // It is met by an Italian scheme for investing abroad (SACE or SIMEST).
    let italian_investment_finance: Vec<&str> = p
        .services()
        .iter()
        .filter(|s| {
            s.modes.contains(&Mode::Investment)
                && s.needs.contains(&Need::InvestmentFinance)
                && s.areas.iter().any(|a| a.country() == Some("IT"))
        })
        .map(|s| s.id.as_str())
        .collect();
    assert!(
        !italian_investment_finance.is_empty(),
        "no Italian investment finance: {:?}",
        p.ids()
    );
    let (_, reasons) = p.ranked("simest-inserimento-mercati");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("needs finance for an investment abroad")),
        "{reasons:?}"
    );
    // Other countries' outward-investment schemes are not for an Italian firm.
    for id in [
        "ifu-investering",
        "kuke-inwestycje-zagraniczne",
        "sofid-financiamento",
        "ukef-overseas-investment-insurance",
    ] {
        let why = p.excluded(id);
        assert!(
            why.iter().any(|r| r.contains("Emilia-Romagna")),
            "{id}: {why:?}"
        );
    }
}

#[test]
fn pomeranian_subcontractor_with_weak_compliance_gets_polish_or_eu_certification_help() {
    let p = Persona::load("pomorskie-machining-subcontractor-weak-compliance");
    let pomorskie = Area::Subdivision("PL-22".to_owned());
    assert_eq!(p.location(), &pomorskie);
    assert!(p.profile.modes.contains(&Mode::Subcontracting));
    assert_eq!(p.profile.stage, Stage::Enter);
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    // Compliance is the weakest dimension, a gap, and its needs come first.
    assert_eq!(p.profile.weakest(), Some(Dimension::Compliance));
    assert_eq!(p.band(Dimension::Compliance), Some(Band::Gap));
    let top = p.top_needs(3);
    assert!(
        top.iter().all(|n| n.dimension() == Dimension::Compliance),
        "{top:?}"
    );
    assert!(p.needs().contains(&Need::Certification));

    let polish_or_eu = |s: &Service| {
        s.areas
            .iter()
            .all(|a| matches!(a, Area::Eu) || a.country() == Some("PL"))
    };
    let ids = p.ids();
    assert!(
        p.services().iter().any(|s| polish_or_eu(s)
            && (s.needs.contains(&Need::Certification)
                || s.support.contains(&Support::Regulatory))),
        "no Polish or EU certification help: {ids:?}"
    );
    assert!(
        p.services().iter().any(|s| polish_or_eu(s)
            && (s.needs.contains(&Need::Partners) || s.support.contains(&Support::Matchmaking))),
        "no Polish or EU partner search: {ids:?}"
    );
    assert!(!p.is_gap(Need::Certification));
    assert!(!p.is_gap(Need::Partners));
    // The weakest area is worked on now, at the current stage.
    assert!(
        p.at(Stage::Enter).iter().any(|s| s
            .needs
            .iter()
            .any(|n| n.dimension() == Dimension::Compliance)),
        "{ids:?}"
    );
    // UK schemes are excluded because of where the firm is, in words naming it.
    for id in ["ukef-general-export-facility", "dbt-export-opportunities"] {
        let why = p.excluded(id);
        assert!(
            why.iter()
                .any(|r| r.contains("available only to firms in") && r.contains("Pomorskie")),
            "{id}: {why:?}"
        );
    }
}

#[test]
fn central_denmark_agritech_seeking_joint_rnd_gets_technology_partners_and_rnd_funding() {
    let p = Persona::load("midtjylland-agritech-joint-rnd");
    assert_eq!(p.location(), &Area::Subdivision("DK-82".to_owned()));
    assert_eq!(p.profile.modes, vec![Mode::Cooperation]);
    assert_eq!(p.profile.activity, Some(Activity::NotYet));
    // Committed and fairly ready, but has not studied its target countries.
    assert_eq!(p.profile.stage, Stage::Research);
    assert!(p.profile.score(Dimension::Commitment) >= Some(40));
    assert!(p.profile.score(Dimension::Knowledge) < Some(50));
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    assert!(
        p.top_needs(3).contains(&Need::TechnologyPartners),
        "{:?}",
        p.needs()
    );
    for service in p.services() {
        assert!(
            service.modes.contains(&Mode::Cooperation)
                || serves_through(service, Mode::Cooperation),
            "{} does not support technical cooperation",
            service.id
        );
    }
    // Partner search starts now, close to home: the Central Denmark EU Office.
    let research = p.at(Stage::Research);
    assert!(
        research
            .iter()
            .any(|s| s.needs.contains(&Need::TechnologyPartners)),
        "{:?}",
        p.ids()
    );
    let first = research[0];
    assert!(
        first.areas.contains(&Area::Subdivision("DK-82".to_owned())),
        "first referral {} is not in Central Denmark",
        first.id
    );
    // Joint R&D funding (Eurostars or EUREKA) is on the way.
    // (Since services written for other modes serve it through the needs
    // its cooperation brings, the grant competes with more advisers for
    // three places a stage: it must be open to the firm and among its ten
    // best-ranked services, if not in the journey itself.)
    let ranked = match_services(&p.profile, &p.catalogue, Lang::En);
    assert!(
        ranked
            .iter()
            .take(10)
            .any(|m| m.service.support.contains(&Support::Grant)
                && m.service.needs.contains(&Need::TechnologyPartners)),
        "no R&D grant among the ten best: {:?}",
        p.ids()
    );
    // Sharing know-how on trust alone calls for IP protection, which is met.
    assert!(p.needs().contains(&Need::IntellectualProperty));
    assert!(!p.is_gap(Need::IntellectualProperty));
}

#[test]
fn croatian_food_processor_with_400_staff_is_not_an_sme_and_is_told_so_for_every_sme_only_scheme() {
    let p = Persona::load("koprivnica-large-food-processor");
    assert_eq!(p.location(), &Area::Subdivision("HR-06".to_owned()));
    assert_eq!(p.profile.company.employees, Some(400));
    assert_eq!(p.profile.company.size_class(), Some(SizeClass::Large));
    assert_eq!(p.profile.stage, Stage::Grow);
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    let mut sme_only_here = 0;
    for service in p.catalogue.services() {
        if !is_sme_only(service) {
            continue;
        }
        let why = exclusions(&p.profile, service, Lang::En);
        assert!(
            why.iter()
                .any(|r| r.contains("SMEs") && r.contains("400 staff")),
            "{}: {why:?}",
            service.id
        );
        if p.available_here(service) {
            sme_only_here += 1;
        }
    }
    assert!(
        sme_only_here >= 5,
        "only {sme_only_here} SME-only schemes in Croatia"
    );
    for service in p.services() {
        assert!(!is_sme_only(service), "{} is for SMEs only", service.id);
        if let Some(bounds) = service.eligibility.employees {
            assert!(bounds.contains(400), "{} is for fewer staff", service.id);
        }
    }
    let why = p.excluded("mingo-potpora-internacionalizacija");
    assert!(
        why.iter()
            .any(|r| r.contains("not an SME") && r.contains("400 staff")),
        "{why:?}"
    );
    // Schemes open to any size remain: the journey is not empty.
    assert!(!p.services().is_empty());
}

#[test]
fn norwegian_firm_outside_the_catalogue_gets_no_national_or_eu_schemes_and_is_pointed_to_een() {
    let p = Persona::load("norway-seafood-exporter");
    assert_out_of_area(&p, "Norway");
}

#[test]
fn us_firm_outside_the_catalogue_gets_no_national_or_eu_schemes_and_is_pointed_to_een() {
    let p = Persona::load("united-states-software-entering-eu");
    assert_out_of_area(&p, "United States");
}

/// A firm in a country the catalogue does not cover: it is told so, national
/// and EU schemes are excluded for where it is (only the networks that also
/// work in its country, and services open anywhere, remain), the journey has
/// gaps, and the gaps point to the Enterprise Europe Network.
fn assert_out_of_area(p: &Persona, country_name: &str) {
    let country = p.location().country().expect("a country").to_owned();
    assert!(!CATALOGUE_COUNTRIES.contains(&country.as_str()));
    assert_eq!(p.location(), &Area::Country(country.clone()));
    assert_eq!(p.journey.outside, Some(Area::Country(country.clone())));
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    let here = Area::Country(country.clone());
    let works_here = |s: &Service| s.areas.contains(&Area::Anywhere) || s.areas.contains(&here);
    let mut checked = 0;
    for service in p.catalogue.services() {
        if works_here(service) {
            continue;
        }
        checked += 1;
        let why = exclusions(&p.profile, service, Lang::En);
        assert!(
            why.iter()
                .any(|r| r.contains("available only to firms in") && r.contains(country_name)),
            "{}: {why:?}",
            service.id
        );
    }
    assert!(checked > 100, "only {checked} services checked");
    for service in p.services() {
        assert!(works_here(service), "{}: {:?}", service.id, service.areas);
        assert_eq!(service.tier, Tier::European, "{}", service.id);
    }
    assert!(!p.journey.gaps.is_empty(), "no gaps");
    for gap in &p.journey.gaps {
        assert!(
            gap.fallback.url.contains("een.ec.europa.eu"),
            "{:?} falls back to {:?}",
            gap.need,
            gap.fallback
        );
    }
}

#[test]
fn koprivnica_furniture_maker_short_of_cash_has_finance_as_its_gap_and_gets_croatian_finance_help()
{
    let p = Persona::load("koprivnica-furniture-exporter-weak-finance");
    assert_eq!(p.location(), &Area::Subdivision("HR-06".to_owned()));
    assert_eq!(p.profile.stage, Stage::Enter);
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    assert_eq!(p.profile.weakest(), Some(Dimension::Finance));
    assert_eq!(p.band(Dimension::Finance), Some(Band::Gap));
    let top = p.top_needs(3);
    assert!(top.iter().all(|n| is_finance(*n)), "{top:?}");
    assert_eq!(top[0], Need::WorkingCapital, "{top:?}");
    for need in [
        Need::WorkingCapital,
        Need::PaymentRisk,
        Need::MarketEntryCost,
    ] {
        assert!(!p.is_gap(need), "{need:?} is a gap");
    }
    // A finance need is worked on at the current stage.
    assert!(
        p.at(Stage::Enter)
            .iter()
            .any(|s| s.needs.iter().any(|n| is_finance(*n))),
        "{:?}",
        p.ids()
    );
    // Croatia's finance bodies (HAMAG-BICRO or HBOR) are on the journey.
    assert!(
        p.services()
            .iter()
            .any(|s| matches!(s.provider.as_str(), "hamag-bicro" | "hbor")),
        "{:?}",
        p.ids()
    );
    // And something close to home in Koprivnica-Križevci.
    assert!(
        p.services()
            .iter()
            .any(|s| s.areas.contains(&Area::Subdivision("HR-06".to_owned()))),
        "{:?}",
        p.ids()
    );
}

#[test]
fn koprivnica_furniture_maker_short_of_cash_gets_croatian_working_capital_at_its_current_stage() {
    let p = Persona::load("koprivnica-furniture-exporter-weak-finance");
    let enter: Vec<&str> = p.at(Stage::Enter).iter().map(|s| s.id.as_str()).collect();
    assert!(
        p.at(Stage::Enter).iter().any(|s| {
            matches!(s.provider.as_str(), "hamag-bicro" | "hbor")
                && s.needs.contains(&Need::WorkingCapital)
        }),
        "Enter: {enter:?}"
    );
}

#[test]
fn established_hampshire_exporter_is_at_grow_and_gets_only_uk_services_near_home() {
    let p = Persona::load("hampshire-marine-electronics-grow");
    let hampshire = Area::Subdivision("GB-HAM".to_owned());
    assert_eq!(p.location(), &hampshire);
    assert_eq!(p.profile.activity, Some(Activity::Regular));
    assert_eq!(p.profile.stage, Stage::Grow);
    assert!(
        p.profile.stage_reason.contains("regular business abroad"),
        "{}",
        p.profile.stage_reason
    );
    p.assert_well_formed_journey();
    let stages: Vec<Stage> = p.journey.stages.iter().map(|s| s.stage).collect();
    assert_eq!(stages, vec![Stage::Grow]);

    // The United Kingdom is not in the EU: no EU-only scheme is eligible.
    for service in p.catalogue.services() {
        if service.areas == [Area::Eu] {
            let why = exclusions(&p.profile, service, Lang::En);
            assert!(
                why.iter()
                    .any(|r| r.contains("European Union") && r.contains("Hampshire")),
                "{}: {why:?}",
                service.id
            );
        }
    }
    for service in p.services() {
        assert!(
            service
                .areas
                .iter()
                .all(|a| a.country() == Some("GB") || *a == Area::Anywhere),
            "{} is not a UK service",
            service.id
        );
        // No beginners' support for an established exporter.
        assert!(
            service.stages.iter().any(|s| *s >= Stage::Enter),
            "{} is only for beginners",
            service.id
        );
    }
    assert!(
        p.services().iter().any(|s| s.areas.contains(&hampshire)),
        "nothing from Hampshire: {:?}",
        p.ids()
    );
    // Marketing is its weak spot, and its needs come first.
    assert_eq!(p.profile.weakest(), Some(Dimension::Marketing));
    let top = p.top_needs(2);
    assert!(
        top.iter().all(|n| n.dimension() == Dimension::Marketing),
        "{top:?}"
    );
    // Where the catalogue has nothing, the local growth hub is the fallback.
    for gap in &p.journey.gaps {
        assert!(
            gap.fallback.provider.contains("Hampshire"),
            "{:?} falls back to {:?}",
            gap.need,
            gap.fallback
        );
    }
}

#[test]
fn alentejo_olive_oil_mill_not_yet_exporting_researches_markets_with_alentejo_and_portuguese_help()
{
    let p = Persona::load("alentejo-olive-oil-first-markets");
    let evora = Area::Subdivision("PT-07".to_owned());
    assert_eq!(p.location(), &evora);
    assert_eq!(p.profile.activity, Some(Activity::NotYet));
    assert_eq!(p.profile.stage, Stage::Research);
    assert!(
        p.profile.stage_reason.contains("research"),
        "{}",
        p.profile.stage_reason
    );
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    // No contacts and no compared markets: partners and market information first.
    let top = p.top_needs(2);
    assert!(top.contains(&Need::Partners), "{top:?}");
    assert!(top.contains(&Need::MarketIntelligence), "{top:?}");
    let research = p.at(Stage::Research);
    assert!(
        research
            .iter()
            .any(|s| s.needs.contains(&Need::MarketIntelligence)),
        "{:?}",
        p.ids()
    );
    // Only Portuguese, Alentejo or EU-wide services.
    for service in p.services() {
        assert!(
            service
                .areas
                .iter()
                .any(|a| *a == Area::Eu || a.country() == Some("PT")),
            "{} is not Portuguese or EU-wide",
            service.id
        );
    }
    // The Alentejo region's own internationalisation support is on the journey.
    assert!(
        p.services()
            .iter()
            .any(|s| s.areas.contains(&evora) && matches!(s.tier, Tier::Local | Tier::Regional)),
        "nothing from the Alentejo: {:?}",
        p.ids()
    );
    // Brazil was named: the EU's Latin America IP helpdesk fits, and says why.
    let (_, reasons) = p.ranked("latin-america-ip-sme-helpdesk");
    assert!(reasons.iter().any(|r| r.contains("Brazil")), "{reasons:?}");
}

#[test]
fn bologna_automation_firm_in_all_five_modes_grows_with_services_for_each_mode() {
    let p = Persona::load("emilia-romagna-automation-all-modes");
    assert_eq!(p.location(), &Area::Subdivision("IT-45".to_owned()));
    assert_eq!(p.profile.modes, Mode::ALL.to_vec());
    assert_eq!(p.profile.stage, Stage::Grow);
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    for mode in Mode::ALL {
        assert!(
            p.services().iter().any(|s| s.modes.contains(mode)),
            "no journey service for {mode:?}: {:?}",
            p.ids()
        );
    }
    // Bidding for tenders abroad is a need, met by the EU's tender portal.
    assert!(p.needs().contains(&Need::PublicTenders));
    assert!(!p.is_gap(Need::PublicTenders));
    // Support already in use is listed lower, and says so.
    let matches = match_services(&p.profile, &p.catalogue, Lang::En);
    let already = matches
        .iter()
        .find(|m| m.service.id.as_str() == "eif-investeu-sme-guarantees")
        .expect("InvestEU guarantees are eligible");
    assert!(
        already
            .reasons
            .iter()
            .any(|r| r.contains("you already have")),
        "{:?}",
        already.reasons
    );
}

#[test]
fn portalegre_cork_workshop_committed_but_not_ready_prepares_with_alentejo_support() {
    let p = Persona::load("portalegre-cork-workshop-getting-ready");
    let portalegre = Area::Subdivision("PT-12".to_owned());
    assert_eq!(p.location(), &portalegre);
    assert_eq!(p.profile.activity, Some(Activity::NotYet));
    // Committed, but offer, capacity, finance and paperwork are not ready.
    assert!(p.profile.score(Dimension::Commitment) >= Some(40));
    // The scores these answers give, pinned: offer, capacity, finance and
    // paperwork average (50 + 18 + 33 + 17) / 4 = 29.5, which the stage
    // reason must round to 30; below 50 a committed firm prepares first.
    let readiness = [
        Dimension::Offer,
        Dimension::Capacity,
        Dimension::Finance,
        Dimension::Compliance,
    ]
    .map(|d| p.profile.score(d));
    assert_eq!(readiness, [Some(50), Some(18), Some(33), Some(17)]);
    assert_eq!(p.profile.stage, Stage::Prepare);
    assert!(
        p.profile.stage_reason.contains("average 30 of 100"),
        "{}",
        p.profile.stage_reason
    );
    p.assert_well_formed_journey();
    p.assert_no_uk_only_services();

    // Its weak readiness areas are gaps whose needs are met on the journey:
    // capacity, and the certificates its markets ask for, which belong to
    // compliance (the offer itself, a craft product with an edge, is not
    // the problem).
    for (dimension, need) in [
        (Dimension::Compliance, Need::Certification),
        (Dimension::Capacity, Need::ProductionCapacity),
    ] {
        assert_eq!(p.band(dimension), Some(Band::Gap), "{dimension:?}");
        assert!(p.needs().contains(&need), "{need:?}");
        assert!(!p.is_gap(need), "{need:?} is a gap");
    }
    // Évora's business association is for Évora, not Portalegre, and says so.
    let why = p.excluded("nere-apoio-empresas");
    assert!(
        why.iter()
            .any(|r| r.contains("Évora") && r.contains("Portalegre")),
        "{why:?}"
    );
    // The Alentejo-wide collective actions do reach Portalegre.
    assert!(
        p.services().iter().any(
            |s| s.areas.contains(&portalegre) && matches!(s.tier, Tier::Local | Tier::Regional)
        ),
        "nothing from the Alentejo: {:?}",
        p.ids()
    );
}

#[test]
fn portalegre_cork_workshop_getting_ready_is_referred_to_the_alentejo_development_agency() {
    let p = Persona::load("portalegre-cork-workshop-getting-ready");
    let prepare: Vec<&str> = p.at(Stage::Prepare).iter().map(|s| s.id.as_str()).collect();
    assert!(
        prepare.contains(&"adral-apoio-empresarial"),
        "Prepare: {prepare:?}"
    );
}
