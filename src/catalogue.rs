//! The catalogue of support services: providers and the services they offer.
//!
//! Data flows one way: text files → [`raw`] serde shapes → [`check`] →
//! a validated [`Catalogue`] whose ids are newtypes, whose provider references
//! are resolved and whose texts are safe. Everything downstream (search,
//! matching, the journey, the landscape) trusts it.
//!
//! - [`load()`] reads a file, a folder of `.ron` files or the embedded default,
//!   and parses each file with positions;
//! - [`check`] collects every problem with file, line:column and field path;
//! - [`locate`] maps field paths back to positions in the text;
//! - [`area`] owns area codes (ISO 3166, `EU`, `*`);
//! - [`summary`] counts the catalogue for `eis check` and the closing report.

pub mod area;
pub mod check;
pub mod load;
pub mod locate;
pub mod nuts;
pub mod raw;
pub mod summary;

use std::collections::BTreeMap;
use std::fmt;

use foldhash::{HashMap, HashMapExt as _};
use serde::Serialize;

pub use area::Area;
pub use load::{CatalogueError, Source, load};
pub use raw::{Bounds, Contact, Cost, Eligibility, Requirement, ServiceText};

use crate::i18n::Lang;
use crate::vocab::{Dimension, Mode, Need, ProviderKind, Scope, Stage, Status, Support, Tier};

macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id that the checker has already validated as a slug.
            pub(crate) fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_newtype!(
    /// The id of a provider: a lowercase slug, unique in the catalogue.
    ProviderId
);
id_newtype!(
    /// The id of a service: a lowercase slug, unique in the catalogue.
    ServiceId
);
id_newtype!(
    /// The id of a programme: a lowercase slug, unique among programmes.
    ProgrammeId
);

/// A programme offered through several doors: each door is a service (of
/// its own provider, tier and areas) naming the programme. A firm is
/// referred to the door nearest to it; the landscape counts the programme
/// once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub id: ProgrammeId,
    pub name: String,
    pub website: Option<String>,
}

/// An organisation offering services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provider {
    pub id: ProviderId,
    pub name: String,
    pub kind: ProviderKind,
    pub area: Area,
    pub website: String,
    pub summary: Option<String>,
    pub contact: Contact,
}

/// A support service, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub id: ServiceId,
    pub provider: ProviderId,
    /// The programme this service is a door of, if it is one.
    pub programme: Option<ProgrammeId>,
    pub name: String,
    pub summary: String,
    pub modes: Vec<Mode>,
    /// Empty means every scope.
    pub scopes: Vec<Scope>,
    pub stages: Vec<Stage>,
    pub support: Vec<Support>,
    pub needs: Vec<Need>,
    pub dimensions: Vec<Dimension>,
    pub tier: Tier,
    pub areas: Vec<Area>,
    /// Target markets the service is limited to; empty means any market.
    pub markets: Vec<Area>,
    pub eligibility: Eligibility,
    pub cost: Option<Cost>,
    pub next_step: String,
    /// The summary and next step in other languages.
    pub translations: BTreeMap<Lang, ServiceText>,
    pub contact: Contact,
    pub languages: Vec<String>,
    pub keywords: Vec<String>,
    pub status: Status,
    #[serde(serialize_with = "serialize_date")]
    pub verified: jiff::civil::Date,
    pub source: String,
    /// Why the entry is not verified against a page stating the service;
    /// `None` when someone read `source` on the `verified` date.
    pub unverified: Option<String>,
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference"
)]
fn serialize_date<S: serde::Serializer>(date: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

/// A text of a service in the language asked for, or in English when the
/// service has none in that language: `fallback` says so, for an adviser
/// to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'s> {
    pub text: &'s str,
    pub fallback: bool,
}

impl Service {
    /// The summary in `lang`, falling back to English.
    #[must_use]
    pub fn summary_in(&self, lang: Lang) -> Localized<'_> {
        self.localized(lang, &self.summary, |t| t.summary.as_deref())
    }

    /// The summary in every language it has, English first: `(language,
    /// text)`. Search looks in all of them; the index of one is its `item`
    /// in [`crate::search::FieldMatch`].
    pub fn summaries(&self) -> impl Iterator<Item = (Lang, &str)> {
        std::iter::once((Lang::En, self.summary.as_str())).chain(
            self.translations
                .iter()
                .filter_map(|(lang, t)| t.summary.as_deref().map(|s| (*lang, s))),
        )
    }

    /// The next step in `lang`, falling back to English.
    #[must_use]
    pub fn next_step_in(&self, lang: Lang) -> Localized<'_> {
        self.localized(lang, &self.next_step, |t| t.next_step.as_deref())
    }

    fn localized<'s>(
        &'s self,
        lang: Lang,
        english: &'s str,
        pick: impl Fn(&'s ServiceText) -> Option<&'s str>,
    ) -> Localized<'s> {
        if lang == Lang::En {
            return Localized {
                text: english,
                fallback: false,
            };
        }
        match self.translations.get(&lang).and_then(pick) {
            Some(text) => Localized {
                text,
                fallback: false,
            },
            None => Localized {
                text: english,
                fallback: true,
            },
        }
    }

    /// Whether the service may be referred to (closed ones are history only).
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// The dimensions the service serves: those named, plus those of its needs.
    #[must_use]
    pub fn dimensions_served(&self) -> Vec<Dimension> {
        let mut dims: Vec<Dimension> = self
            .dimensions
            .iter()
            .copied()
            .chain(self.needs.iter().map(|n| n.dimension()))
            .collect();
        dims.sort_unstable();
        dims.dedup();
        dims
    }

    /// The first web address to send an SME to: the contact page, else the source.
    #[must_use]
    pub fn url(&self) -> &str {
        self.contact.url.as_deref().unwrap_or(&self.source)
    }
}

/// A validated catalogue: every provider reference resolves, ids are unique.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    programmes: Vec<Programme>,
    providers: Vec<Provider>,
    services: Vec<Service>,
    provider_index: HashMap<ProviderId, usize>,
    service_index: HashMap<ServiceId, usize>,
    programme_index: HashMap<ProgrammeId, usize>,
}

impl PartialEq for Catalogue {
    /// Two catalogues are equal when they hold the same providers and services
    /// in the same order; the indexes are derived from those.
    fn eq(&self, other: &Self) -> bool {
        self.programmes == other.programmes
            && self.providers == other.providers
            && self.services == other.services
    }
}

impl Catalogue {
    /// Builds a catalogue from entries the checker has validated. Services whose
    /// provider is missing are the checker's to reject; here they would panic
    /// in [`Catalogue::provider_of`], so they are dropped. A programme a
    /// service names that is not among `programmes` is dropped from it.
    pub(crate) fn from_parts(
        mut programmes: Vec<Programme>,
        providers: Vec<Provider>,
        mut services: Vec<Service>,
    ) -> Self {
        let mut provider_index = HashMap::with_capacity(providers.len());
        for (i, provider) in providers.iter().enumerate() {
            provider_index.insert(provider.id.clone(), i);
        }
        services.retain(|s| provider_index.contains_key(&s.provider));
        // Programmes in the order of their first door, whichever file lists
        // them: the order is then the catalogue's own, and an HSDS directory,
        // which only has the doors to go by, reads back the same catalogue.
        let first_door = |programme: &Programme| {
            services
                .iter()
                .position(|s| s.programme.as_ref() == Some(&programme.id))
                .unwrap_or(usize::MAX)
        };
        programmes.sort_by_cached_key(first_door);
        let mut programme_index = HashMap::with_capacity(programmes.len());
        for (i, programme) in programmes.iter().enumerate() {
            programme_index.insert(programme.id.clone(), i);
        }
        for service in &mut services {
            if service
                .programme
                .as_ref()
                .is_some_and(|id| !programme_index.contains_key(id))
            {
                service.programme = None;
            }
        }
        let mut service_index = HashMap::with_capacity(services.len());
        for (i, service) in services.iter().enumerate() {
            service_index.insert(service.id.clone(), i);
        }
        Self {
            programmes,
            providers,
            services,
            provider_index,
            service_index,
            programme_index,
        }
    }

    /// The programmes offered through several doors.
    #[must_use]
    pub fn programmes(&self) -> &[Programme] {
        &self.programmes
    }

    /// The programme a service is a door of, if any.
    #[must_use]
    pub fn programme_of(&self, service: &Service) -> Option<&Programme> {
        self.programme_position(service)
            .map(|i| &self.programmes[i])
    }

    /// The position in [`Catalogue::programmes`] of the programme a service
    /// is a door of, if any.
    #[must_use]
    pub fn programme_position(&self, service: &Service) -> Option<usize> {
        self.programme_index
            .get(service.programme.as_ref()?)
            .copied()
    }

    #[must_use]
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }

    #[must_use]
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    #[must_use]
    pub fn provider(&self, id: &ProviderId) -> Option<&Provider> {
        self.provider_index.get(id).map(|&i| &self.providers[i])
    }

    /// The position in [`Catalogue::providers`] of a provider.
    #[must_use]
    pub fn provider_position(&self, id: &ProviderId) -> Option<usize> {
        self.provider_index.get(id).copied()
    }

    /// The position of a service in [`Catalogue::services`].
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.service_index.get(&ServiceId::new(id)).copied()
    }

    #[must_use]
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.service_index
            .get(&ServiceId::new(id))
            .map(|&i| &self.services[i])
    }

    /// The provider of a service of this catalogue.
    ///
    /// # Panics
    /// If the service is not from this catalogue (construction guarantees that
    /// every service's provider exists).
    #[must_use]
    pub fn provider_of(&self, service: &Service) -> &Provider {
        self.provider(&service.provider)
            .expect("a validated catalogue resolves every provider")
    }

    /// The catalogue as one raw file, for writing back out as RON.
    #[must_use]
    pub fn to_raw(&self) -> raw::RawFile {
        raw::RawFile {
            programmes: self.programmes.iter().map(Programme::to_raw).collect(),
            providers: self.providers.iter().map(Provider::to_raw).collect(),
            services: self.services.iter().map(Service::to_raw).collect(),
        }
    }
}

impl Programme {
    fn to_raw(&self) -> raw::RawProgramme {
        raw::RawProgramme {
            id: self.id.to_string(),
            name: self.name.clone(),
            website: self.website.clone(),
        }
    }
}

impl Provider {
    fn to_raw(&self) -> raw::RawProvider {
        raw::RawProvider {
            id: self.id.to_string(),
            name: self.name.clone(),
            kind: self.kind,
            area: self.area.to_string(),
            website: self.website.clone(),
            summary: self.summary.clone(),
            contact: self.contact.clone(),
        }
    }
}

impl Service {
    fn to_raw(&self) -> raw::RawService {
        let codes = |areas: &[Area]| areas.iter().map(ToString::to_string).collect();
        raw::RawService {
            id: self.id.to_string(),
            provider: self.provider.to_string(),
            programme: self.programme.as_ref().map(ToString::to_string),
            name: self.name.clone(),
            summary: self.summary.clone(),
            modes: self.modes.clone(),
            scopes: self.scopes.clone(),
            stages: self.stages.clone(),
            support: self.support.clone(),
            needs: self.needs.clone(),
            dimensions: self.dimensions.clone(),
            tier: self.tier,
            areas: codes(&self.areas),
            markets: codes(&self.markets),
            eligibility: self.eligibility.clone(),
            cost: self.cost.clone(),
            next_step: self.next_step.clone(),
            translations: self
                .translations
                .iter()
                .map(|(lang, text)| (lang.code().to_owned(), text.clone()))
                .collect(),
            contact: self.contact.clone(),
            languages: self.languages.clone(),
            keywords: self.keywords.clone(),
            status: self.status,
            verified: self.verified.to_string(),
            source: self.source.clone(),
            unverified: self.unverified.clone(),
        }
    }
}
