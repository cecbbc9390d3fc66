//! A deterministic generator of valid synthetic catalogues of any size, for
//! benchmarks and large-catalogue tests: realistic multilingual names and
//! summaries (with accents and letters such as ł, ø, đ) over a vocabulary
//! that grows with the catalogue as a real one does — a few words
//! everywhere, tens of thousands of rare ones — areas across the
//! partner countries and beyond, every mode, stage and support kind, and
//! eligibility rules. The same seed always gives the same catalogue.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalogue::Area;
use crate::catalogue::raw::{
    Bounds, Contact, Cost, Eligibility, RawFile, RawProgramme, RawProvider, RawService, ServiceText,
};
use crate::i18n::Lang;
use crate::vocab::{
    Mode, NaceSection, Need, ProviderKind, Scope, SizeClass, Stage, Status, Support, Tier,
};

/// `SplitMix64`: small, fast, and good enough to spread synthetic data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % (n as u64).max(1)).unwrap_or(0)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One to `max` distinct items.
    pub fn some<T: Copy + PartialEq>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let count = 1 + self.below(max.min(items.len()));
        let mut chosen = Vec::new();
        while chosen.len() < count {
            let item = *self.pick(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen
    }
}

/// The most frequent words of the catalogue's texts, most frequent first:
/// the small words of its languages, then the support vocabulary itself —
/// export, markets, guarantees, fairs — in several languages, accents and
/// all. Drawn by [`word`], they make up about a third of a text, as the
/// commonest words of a real one do.
const FREQUENT: [&str; 96] = [
    "and",
    "i",
    "dla",
    "for",
    "e",
    "za",
    "the",
    "og",
    "und",
    "na",
    "per",
    "de",
    "et",
    "til",
    "für",
    "w",
    "di",
    "do",
    "u",
    "la",
    "z",
    "SMEs",
    "MŚP",
    "PMI",
    "PME",
    "KMU",
    "poduzeća",
    "virksomheder",
    "empresas",
    "imprese",
    "firmy",
    "entreprises",
    "export",
    "eksport",
    "izvoz",
    "esportazione",
    "exportação",
    "Ausfuhr",
    "internacionalização",
    "internacionalizacija",
    "internazionalizzazione",
    "rådgivning",
    "doradztwo",
    "savjetovanje",
    "consulenza",
    "aconselhamento",
    "förderung",
    "étude",
    "marché",
    "mercato",
    "mercado",
    "rynek",
    "tržište",
    "marked",
    "finansiering",
    "finansowanie",
    "financiranje",
    "finanziamento",
    "financiamento",
    "garanti",
    "gwarancja",
    "jamstvo",
    "garanzia",
    "garantia",
    "ubezpieczenie",
    "osiguranje",
    "assicurazione",
    "seguro",
    "forsikring",
    "partner",
    "partnerstwo",
    "partnerstvo",
    "sajam",
    "targi",
    "fiera",
    "feira",
    "messe",
    "kompetencje",
    "vještine",
    "competenze",
    "competências",
    "kompetencer",
    "łańcuch",
    "dostaw",
    "lieferkette",
    "filiera",
    "đakovo",
    "søgning",
    "innovation",
    "innowacje",
    "inovacije",
    "innovazione",
    "inovação",
    "grønn",
    "zielony",
    "verde",
];

/// Syllables and endings of the catalogue's languages, from which the rarer
/// words are built: a real catalogue of many thousands of services holds
/// tens of thousands of distinct words (places, programmes, sectors, firms'
/// names), and a search index is only measured fairly on as many.
const SYLLABLES: [(&[&str], &[&str]); 8] = [
    (
        &[
            "prze", "sięb", "ior", "czo", "roz", "wój", "ryn", "ków", "zag", "ra", "ni", "spo",
            "dar", "ka", "wo", "łą", "ży", "dzi", "ał", "no",
        ],
        &["owy", "acja", "ość", "ski", "nie"],
    ),
    (
        &[
            "po", "du", "zet", "ni", "štvo", "raz", "voj", "tr", "ži", "šte", "ko", "ope", "ra",
            "ci", "ja", "đa", "ći", "čk", "pri", "go",
        ],
        &["ija", "ski", "ost", "nje"],
    ),
    (
        &[
            "im", "pre", "sa", "in", "ter", "na", "zio", "le", "svi", "lup", "po", "com", "mer",
            "cia", "gio", "vi", "tà", "fi", "ren", "ze",
        ],
        &["zione", "mento", "ità", "ale"],
    ),
    (
        &[
            "em", "pre", "sa", "de", "sen", "vol", "vi", "men", "to", "co", "mér", "cio", "ção",
            "ões", "lha", "nho", "rei", "ju", "ven", "tu",
        ],
        &["ção", "mento", "idade", "al"],
    ),
    (
        &[
            "virk", "som", "hed", "er", "ud", "vik", "ling", "han", "del", "eks", "port", "mar",
            "ked", "sø", "gå", "fø", "ræ", "ny", "by", "ved",
        ],
        &["hed", "ning", "else", "sk"],
    ),
    (
        &[
            "unter", "neh", "men", "wirt", "schaft", "för", "de", "rung", "aus", "land", "ge",
            "schäft", "ent", "wick", "lung", "be", "ra", "tung", "mä", "ßig",
        ],
        &["ung", "keit", "schaft", "lich"],
    ),
    (
        &[
            "en", "tre", "pri", "se", "dé", "ve", "lop", "pe", "ment", "com", "mer", "ce", "ex",
            "té", "rieur", "ac", "pa", "gne", "ré", "gion",
        ],
        &["ment", "tion", "ique", "eur"],
    ),
    (
        &[
            "busi", "ness", "de", "vel", "op", "ment", "trade", "mar", "ket", "in", "vest", "sup",
            "port", "man", "u", "fac", "tur", "ing", "glo", "bal",
        ],
        &["ing", "tion", "ment", "er", "al"],
    ),
];

/// Draws are spread over this many words, the first [`FREQUENT`], the rest
/// built by [`rare_word`]: 2¹⁷, about the distinct words of 100,000 real
/// services.
const VOCABULARY_BITS: u32 = 17;

/// The word of a rank beyond [`FREQUENT`]: two to four syllables of one
/// language and, often, one of its endings; always the same for a rank.
fn rare_word(rank: usize) -> String {
    let mut rng = Rng::new(rank as u64 ^ 0x5eed_f0ca);
    let (syllables, endings) = SYLLABLES[rng.below(SYLLABLES.len())];
    let mut word = String::new();
    for _ in 0..2 + rng.below(3) {
        let syllable = syllables[rng.below(syllables.len())];
        word.push_str(syllable);
    }
    if rng.below(3) > 0 {
        let ending = endings[rng.below(endings.len())];
        word.push_str(ending);
    }
    word
}

/// A word of the catalogue's languages, drawn as words fall in real text: a
/// word's chance falls with its rank (about as one over the rank, in whole
/// numbers only, so that every platform draws the same), so that a few words
/// are everywhere and most are rare.
fn word(rng: &mut Rng) -> std::borrow::Cow<'static, str> {
    // A band of ranks [2^k − 1, 2^(k+1) − 1), each band as likely as the next.
    let band = rng.below(VOCABULARY_BITS as usize);
    let rank = (1 << band) - 1 + rng.below(1 << band);
    FREQUENT
        .get(rank)
        .map_or_else(|| rare_word(rank).into(), |&word| word.into())
}

const AREAS: [&str; 24] = [
    "EU", "*", "GB", "GB-HAM", "DK", "DK-82", "IE", "IE-DL", "HR", "HR-06", "PT", "PT-02", "PT-07",
    "PT-12", "PL", "PL-22", "IT", "IT-45", "DE", "FR", "SE", "ES", "NL", "AT",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&word(rng));
    }
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect::<String>() + ".")
        .unwrap_or_default()
}

fn tier_for(area: &str) -> Tier {
    match area {
        "EU" | "*" => Tier::European,
        code if code.contains('-') => Tier::Regional,
        _ => Tier::National,
    }
}

/// A raw catalogue of `services` services from about a fifth as many providers.
#[must_use]
pub fn raw(services: usize, seed: u64) -> RawFile {
    let mut rng = Rng::new(seed);
    let provider_count = (services / 5).max(1);
    let providers: Vec<RawProvider> = (0..provider_count)
        .map(|p| {
            let area = (*rng.pick(&AREAS[..])).to_owned();
            RawProvider {
                id: format!("provider-{p}"),
                name: format!(
                    "{} {} {p}",
                    capitalised(&word(&mut rng)),
                    capitalised(&word(&mut rng))
                ),
                kind: *rng.pick(ProviderKind::ALL),
                website: format!("https://provider-{p}.example.org"),
                summary: Some(sentence(&mut rng, 10)),
                contact: Contact::default(),
                area,
            }
        })
        .collect();
    let mut services: Vec<RawService> = (0..services)
        .map(|s| {
            // Every provider offers at least one service, as in a kept catalogue.
            let p = if s < provider_count {
                s
            } else {
                rng.below(provider_count)
            };
            let area = providers[p].area.clone();
            let first = rng.below(Stage::ALL.len());
            let last = (first + rng.below(3)).min(Stage::ALL.len() - 1);
            let summary_words = 12 + rng.below(10);
            let mut name = String::new();
            let _ = write!(
                name,
                "{} {} {s}",
                capitalised(&word(&mut rng)),
                word(&mut rng)
            );
            let translations = translations(&mut rng, &area);
            RawService {
                id: format!("service-{s}"),
                provider: providers[p].id.clone(),
                programme: None,
                name,
                summary: sentence(&mut rng, summary_words),
                modes: rng.some(Mode::ALL, 3),
                scopes: if rng.below(3) == 0 {
                    rng.some(Scope::ALL, 2)
                } else {
                    Vec::new()
                },
                stages: Stage::ALL[first..=last].to_vec(),
                support: rng.some(Support::ALL, 3),
                needs: rng.some(Need::ALL, 4),
                dimensions: Vec::new(),
                tier: tier_for(&area),
                areas: vec![area],
                markets: Vec::new(),
                eligibility: if rng.below(4) == 0 {
                    Eligibility {
                        sizes: rng
                            .some(&[SizeClass::Micro, SizeClass::Small, SizeClass::Medium], 3),
                        employees: None,
                        turnover_eur: (rng.below(5) == 0).then_some(Bounds {
                            min: None,
                            max: Some(50_000_000),
                        }),
                        sectors: if rng.below(5) == 0 {
                            rng.some(NaceSection::ALL, 3)
                        } else {
                            Vec::new()
                        },
                        min_years_trading: (rng.below(6) == 0).then_some(1),
                        ..Eligibility::default()
                    }
                } else {
                    Eligibility::default()
                },
                cost: Some(Cost::Free),
                next_step: sentence(&mut rng, 8),
                translations,
                contact: Contact::default(),
                languages: vec!["en".to_owned()],
                keywords: (0..3).map(|_| word(&mut rng).into_owned()).collect(),
                status: [Status::Active, Status::Closed][usize::from(rng.below(40) == 0)],
                verified: "2026-11-01".to_owned(),
                source: format!("https://provider-{p}.example.org/service-{s}"),
                unverified: None,
            }
        })
        .collect();
    let programmes = doors(&mut services, seed);
    RawFile {
        programmes,
        providers,
        services,
    }
}

/// One programme for about every 200 services, each offered through two to
/// four of them (its doors), as EU programmes are through national contact
/// points and agencies through regional offices. Drawn from a generator of
/// their own, so the services are those the seed always gave.
fn doors(services: &mut [RawService], seed: u64) -> Vec<RawProgramme> {
    let mut rng = Rng::new(seed ^ 0xd005_5eed);
    let count = services.len() / 200;
    let mut programmes = Vec::with_capacity(count);
    for k in 0..count {
        let id = format!("programme-{k}");
        let wanted = 2 + rng.below(3);
        let mut placed = Vec::with_capacity(wanted);
        for _ in 0..4 * wanted {
            let door = rng.below(services.len());
            if placed.len() < wanted && services[door].programme.is_none() {
                services[door].programme = Some(id.clone());
                placed.push(door);
            }
        }
        // A programme of one door is none: the catalogue's checker warns.
        if placed.len() < 2 {
            for door in placed {
                services[door].programme = None;
            }
            continue;
        }
        programmes.push(RawProgramme {
            name: format!(
                "{} {} programme {k}",
                capitalised(&word(&mut rng)),
                word(&mut rng)
            ),
            website: Some(format!("https://programme-{k}.example.org")),
            id,
        });
    }
    programmes
}

/// Texts in the language of the service's country, which a kept catalogue
/// has for every service of a country whose language the app speaks.
fn translations(rng: &mut Rng, area: &str) -> BTreeMap<String, ServiceText> {
    let lang = Area::parse(area)
        .ok()
        .and_then(|area| area.country().and_then(Lang::of_country))
        .filter(|lang| *lang != Lang::En);
    lang.map(|lang| {
        let texts = ServiceText {
            summary: Some(sentence(rng, 14)),
            next_step: Some(sentence(rng, 8)),
        };
        (lang.code().to_owned(), texts)
    })
    .into_iter()
    .collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The same catalogue as RON text, as a maintainer would write it.
pub fn ron(services: usize, seed: u64) -> Result<String, ron::Error> {
    crate::ronfile::options().to_string_pretty(
        &raw(services, seed),
        ron::ser::PrettyConfig::new()
            .struct_names(true)
            .indentor("    ".to_owned()),
    )
}

/// The catalogue as files of at most 10,000 services each (providers in the
/// first), the way a national catalogue would be kept: one file per region.
pub fn files(
    services: usize,
    seed: u64,
) -> Result<Vec<crate::catalogue::load::SourceFile>, ron::Error> {
    const PER_FILE: usize = 10_000;
    let all = raw(services, seed);
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned());
    let mut files = Vec::new();
    let mut chunks = all.services.chunks(PER_FILE).peekable();
    let mut providers = all.providers;
    let mut programmes = all.programmes;
    let mut n = 0;
    while chunks.peek().is_some() || n == 0 {
        let chunk = RawFile {
            programmes: std::mem::take(&mut programmes),
            providers: std::mem::take(&mut providers),
            services: chunks
                .next()
                .map(<[RawService]>::to_vec)
                .unwrap_or_default(),
        };
        files.push(crate::catalogue::load::SourceFile {
            name: format!("generated-{n:02}.ron"),
            bytes: crate::ronfile::options()
                .to_string_pretty(&chunk, config.clone())?
                .into_bytes(),
        });
        n += 1;
    }
    Ok(files)
}

/// A validated catalogue of `services` services.
///
/// # Panics
/// If the generator made an invalid catalogue (a bug, caught by its tests).
#[must_use]
pub fn catalogue(services: usize, seed: u64) -> crate::catalogue::Catalogue {
    let files = files(services, seed).expect("a generated catalogue serialises");
    let checked = crate::catalogue::load::check_files(&files, jiff::civil::date(2026, 11, 23));
    assert!(
        !checked.has_errors(),
        "generated catalogue is invalid: {:?}",
        checked.diagnostics.first()
    );
    checked.catalogue
}

/// Each service of a catalogue as one plain line — name, provider, keywords
/// and summary — as a line filter such as `fzf --filter` or a plain matcher
/// is given it, for measuring our search beside theirs on the same entries.
#[must_use]
pub fn plain_lines(catalogue: &crate::catalogue::Catalogue) -> Vec<String> {
    catalogue
        .services()
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {}",
                s.name,
                catalogue.provider_of(s).name,
                s.keywords.join(" "),
                s.summary
            )
        })
        .collect()
}
