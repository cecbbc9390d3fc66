//! The catalogue's rules: everything that parsing alone cannot catch.
//!
//! `check_entries` goes through every provider and service of every file once,
//! collects every problem (it never stops at the first), and builds a
//! [`Catalogue`] from the entries that passed. Each problem names its file,
//! the line:column of the offending value and its field path. The rules are
//! listed in `docs/catalogue.md`; keep the two in step.

use std::collections::BTreeMap;

// Ids come from the catalogue's maintainers, not from strangers: a fast hash
// without flooding protection is the right trade at 100,000 services.
use foldhash::{HashMap, HashMapExt as _, HashSet};

use jiff::civil::Date;

use super::load::ParsedFile;
use super::locate::{Segment, render_path};
use super::raw::{
    Bounds, Contact, Cost, RawProgramme, RawProvider, RawService, Requirement, ServiceText,
};
use super::{Area, Catalogue, Programme, ProgrammeId, Provider, ProviderId, Service, ServiceId};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::text::{self, is_slug};
use crate::vocab::{SizeClass, Status};

/// How old a `verified` date may be before the entry is reported as stale.
pub const STALE_AFTER_MONTHS: i8 = 18;

impl From<&'static str> for Segment {
    fn from(name: &'static str) -> Self {
        Segment::Field(name.into())
    }
}

impl From<usize> for Segment {
    fn from(index: usize) -> Self {
        Segment::Index(index)
    }
}

/// Builds a field path: `path!["services", 3, "areas", 1]`.
macro_rules! path {
    ($($segment:expr),* $(,)?) => { [$(Segment::from($segment)),*] };
}

/// Where an entry was first defined, for duplicate-id messages: its file and
/// its id's path there, located only if a duplicate turns up.
struct Place<'f, 't> {
    file: &'f ParsedFile<'t>,
    path: [Segment; 3],
}

impl std::fmt::Display for Place<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.file.locate(&self.path) {
            Some(position) => write!(f, "{}:{position}", self.file.name),
            None => write!(f, "{}", self.file.name),
        }
    }
}

struct Checker {
    diagnostics: Vec<Diagnostic>,
    today: Date,
}

/// A file after the rules about each entry on its own: the entries that
/// passed, the ids and references of every entry that parsed (for the rules
/// across files), and the file itself, to locate those rules' problems.
#[derive(Debug)]
pub(crate) struct CheckedFile<'t> {
    pub file: ParsedFile<'t>,
    pub programmes: Vec<Programme>,
    pub providers: Vec<Provider>,
    pub services: Vec<Service>,
    /// `(index in the file, id)` of every programme that parsed.
    programme_ids: Vec<(usize, String)>,
    /// `(index in the file, id)` of every provider that parsed.
    provider_ids: Vec<(usize, String)>,
    /// What every service that parsed refers to, for the rules across files.
    service_refs: Vec<ServiceRef>,
}

/// A service's id and what it names: `(index in the file, id, provider id,
/// programme id)`.
type ServiceRef = (usize, String, String, Option<String>);

/// Checks each entry of one file on its own, and builds the entries that
/// passed. The parsed values are moved into the catalogue's, not copied, and
/// what failed is dropped here, so a large file's parsed form does not outlive
/// its check. Files are independent here, so they can be checked in parallel;
/// `split` checks the runs a large file was parsed in on every core.
pub(crate) fn check_entries(
    mut file: ParsedFile<'_>,
    today: Date,
    split: bool,
) -> (CheckedFile<'_>, Vec<Diagnostic>) {
    let mut checker = Checker {
        diagnostics: Vec::new(),
        today,
    };
    let raw_programmes = std::mem::take(&mut file.programmes);
    let raw_providers = std::mem::take(&mut file.providers);
    let raw_services = std::mem::take(&mut file.services);
    let mut programme_ids = Vec::with_capacity(raw_programmes.len());
    let mut programmes = Vec::with_capacity(raw_programmes.len());
    for (index, raw) in raw_programmes.into_numbered() {
        programme_ids.push((index, raw.id.clone()));
        if let Some(programme) = checker.programme(&file, &path!["programmes", index], raw) {
            programmes.push(programme);
        }
    }
    let mut provider_ids = Vec::with_capacity(raw_providers.len());
    let mut providers = Vec::with_capacity(raw_providers.len());
    for (index, raw) in raw_providers.into_numbered() {
        provider_ids.push((index, raw.id.clone()));
        if let Some(provider) = checker.provider(&file, &path!["providers", index], raw) {
            providers.push(provider);
        }
    }
    // Services are most of a file. A large file parsed in runs on every core
    // has its runs checked on every core too, unless the caller keeps the
    // cores busy with other files.
    let check_runs = |runs: Vec<(usize, Vec<RawService>)>| {
        let mut checker = Checker {
            diagnostics: Vec::new(),
            today,
        };
        let count = runs.iter().map(|(_, run)| run.len()).sum();
        let mut refs = Vec::with_capacity(count);
        let mut services = Vec::with_capacity(count);
        for (first, run) in runs {
            for (index, raw) in (first..).zip(run) {
                refs.push((
                    index,
                    raw.id.clone(),
                    raw.provider.clone(),
                    raw.programme.clone(),
                ));
                if let Some(service) = checker.service(&file, &path!["services", index], raw) {
                    services.push(service);
                }
            }
        }
        (refs, services, checker.diagnostics)
    };
    let runs = raw_services.into_runs();
    let outcomes = if split {
        crate::parallel::map_runs(runs, 1, check_runs)
    } else {
        vec![check_runs(runs)]
    };
    let mut service_refs = Vec::new();
    let mut services = Vec::new();
    for (refs, run_services, mut diagnostics) in outcomes {
        append(&mut service_refs, refs);
        append(&mut services, run_services);
        checker.diagnostics.append(&mut diagnostics);
    }
    let outcome = CheckedFile {
        file,
        programmes,
        providers,
        services,
        programme_ids,
        provider_ids,
        service_refs,
    };
    (outcome, checker.diagnostics)
}

/// Appends `more` to `all`, taking it whole when `all` is empty: a file
/// checked in one run is not copied.
fn append<T>(all: &mut Vec<T>, mut more: Vec<T>) {
    if all.is_empty() {
        *all = more;
    } else {
        all.append(&mut more);
    }
}

/// The rules across entries and files — unique ids, known providers,
/// providers with services — and the catalogue of the entries that passed.
pub(crate) fn across(files: Vec<CheckedFile<'_>>, today: Date) -> (Catalogue, Vec<Diagnostic>) {
    // Moving the entries into the catalogue's lists and indexing them, and
    // the rules on ids, need nothing from each other; at 100,000 services each
    // takes tens of milliseconds on one core, so they run side by side.
    let mut entries = Vec::with_capacity(files.len());
    let mut ids = Vec::with_capacity(files.len());
    let mut programmes = Vec::new();
    for checked in files {
        programmes.extend(checked.programmes);
        entries.push((checked.providers, checked.services));
        ids.push(FileIds {
            file: checked.file,
            programme_ids: checked.programme_ids,
            provider_ids: checked.provider_ids,
            service_refs: checked.service_refs,
        });
    }
    let (diagnostics, catalogue) = crate::parallel::both(
        || {
            let diagnostics = check_ids(&ids, today);
            // Freed here rather than on the thread that waits.
            drop(ids);
            diagnostics
        },
        || {
            // Sized once: at 100,000 services, growing by doubling copies
            // the services several times over.
            let mut providers = Vec::with_capacity(entries.iter().map(|e| e.0.len()).sum());
            let mut services = Vec::with_capacity(entries.iter().map(|e| e.1.len()).sum());
            for (file_providers, file_services) in entries {
                providers.extend(file_providers);
                services.extend(file_services);
            }
            Catalogue::from_parts(programmes, providers, services)
        },
    );
    (catalogue, diagnostics)
}

/// A file's ids and references, for the rules across files.
struct FileIds<'t> {
    file: ParsedFile<'t>,
    programme_ids: Vec<(usize, String)>,
    provider_ids: Vec<(usize, String)>,
    service_refs: Vec<ServiceRef>,
}

/// The rules on ids across files: unique ids, known providers, providers
/// with services.
fn check_ids(files: &[FileIds<'_>], today: Date) -> Vec<Diagnostic> {
    let mut checker = Checker {
        diagnostics: Vec::new(),
        today,
    };
    let provider_count = files.iter().map(|f| f.provider_ids.len()).sum();
    let service_count = files.iter().map(|f| f.service_refs.len()).sum();
    let mut seen: HashMap<&str, Place> = HashMap::with_capacity(provider_count);
    for checked in files {
        for (index, id) in &checked.provider_ids {
            checker.unique_id(&checked.file, ("providers", *index), id, &mut seen);
        }
    }

    // A reference to a provider that exists but has other errors is not unknown.
    let known_providers: HashSet<&str> = files
        .iter()
        .flat_map(|f| {
            f.provider_ids
                .iter()
                .map(|(_, id)| id.as_str())
                .chain(f.file.broken_ids.iter().map(String::as_str))
        })
        .collect();
    let mut seen: HashMap<&str, Place> = HashMap::with_capacity(service_count);
    let mut used_providers: HashSet<&str> = files
        .iter()
        .flat_map(|f| f.file.broken_references.iter().map(String::as_str))
        .collect();
    for checked in files {
        let file = &checked.file;
        for (index, id, provider, _) in &checked.service_refs {
            checker.unique_id(file, ("services", *index), id, &mut seen);
            used_providers.insert(provider.as_str());
            if !known_providers.contains(provider.as_str()) {
                let message = format!(
                    "service `{id}` names provider `{provider}`, which is not in the catalogue{}",
                    suggestion(provider, known_providers.iter().copied())
                );
                checker.error(file, &path!["services", *index, "provider"], message);
            }
        }
    }

    for checked in files {
        for (index, id) in &checked.provider_ids {
            if !used_providers.contains(id.as_str()) {
                checker.warning(
                    &checked.file,
                    &path!["providers", *index],
                    format!("provider `{id}` has no services"),
                );
            }
        }
    }
    check_doors(&mut checker, files);
    checker.diagnostics
}

/// The rules on programmes: unique ids, doors naming known programmes, and
/// at least two doors to each.
fn check_doors(checker: &mut Checker, files: &[FileIds<'_>]) {
    let mut seen: HashMap<&str, Place> = HashMap::new();
    for checked in files {
        for (index, id) in &checked.programme_ids {
            checker.unique_id(&checked.file, ("programmes", *index), id, &mut seen);
        }
    }
    let known: HashSet<&str> = files
        .iter()
        .flat_map(|f| {
            f.programme_ids
                .iter()
                .map(|(_, id)| id.as_str())
                .chain(f.file.broken_ids.iter().map(String::as_str))
        })
        .collect();
    // The doors of each programme, by service id, in reading order.
    let mut doors: HashMap<&str, Vec<&str>> = HashMap::new();
    for checked in files {
        for (index, id, _, programme) in &checked.service_refs {
            let Some(programme) = programme else {
                continue;
            };
            if known.contains(programme.as_str()) {
                doors
                    .entry(programme.as_str())
                    .or_default()
                    .push(id.as_str());
            } else {
                let message = format!(
                    "service `{id}` is a door of programme `{programme}`, which is not in the catalogue; list it under `programmes`{}",
                    suggestion(programme, known.iter().copied())
                );
                checker.error(
                    &checked.file,
                    &path!["services", *index, "programme"],
                    message,
                );
            }
        }
    }
    for checked in files {
        for (index, id) in &checked.programme_ids {
            let message = match doors.get(id.as_str()).map(Vec::as_slice) {
                None | Some([]) => format!(
                    "programme `{id}` has no doors; name it in the `programme` field of each service that offers it"
                ),
                Some([only]) => format!(
                    "programme `{id}` has one door, `{only}`; a programme is listed for the several services (providers, places) that offer it, so name it in the others or leave the field out"
                ),
                Some(_) => continue,
            };
            checker.warning(&checked.file, &path!["programmes", *index, "id"], message);
        }
    }
}

/// The name of the last field along a path: `name` for `services[0].name`,
/// `keywords` for `services[0].keywords[2]`.
/// The longest a catalogue text may be, in characters, by field: room for
/// what an adviser reads at a glance, many times over, while keeping a
/// hostile catalogue from making search and display cost without bound.
/// Documented in `docs/catalogue.md`.
pub const TEXT_LIMITS: [(&str, usize); 5] = [
    ("`id`, each keyword", 100),
    ("`name`, `contact.email`, `contact.phone`", 300),
    ("`next_step`, `cost`, each eligibility condition", 1_000),
    ("`summary`, URLs (`website`, `url`, `source`)", 2_000),
    ("any other text", 2_000),
];

/// The limit for a text field, by its name (see [`TEXT_LIMITS`]).
fn max_chars(field: &str) -> usize {
    match field {
        "id" | "keywords" => TEXT_LIMITS[0].1,
        "name" | "email" | "phone" => TEXT_LIMITS[1].1,
        "next_step" | "cost" | "conditions" => TEXT_LIMITS[2].1,
        "summary" | "website" | "url" | "source" => TEXT_LIMITS[3].1,
        _ => TEXT_LIMITS[4].1,
    }
}

fn field_name(path: &[Segment]) -> &str {
    path.iter()
        .rev()
        .find_map(|segment| match segment {
            Segment::Field(name) => Some(name.as_ref()),
            Segment::Index(_) => None,
        })
        .unwrap_or_default()
}

fn join(base: &[Segment], rest: &[Segment]) -> Vec<Segment> {
    base.iter().chain(rest).cloned().collect()
}

/// "; did you mean `x`?" when a known id is one or two edits away.
fn suggestion<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (strsim::levenshtein(given, k), k))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, k)| format!("; did you mean `{k}`?"))
        .unwrap_or_default()
}

/// Why a URL is not acceptable, if it is not.
fn url_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("must start with https:// or http://");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || !host.contains('.') {
        return Some("has no host name");
    }
    if url.chars().any(char::is_whitespace) {
        return Some("contains white space");
    }
    None
}

fn email_problem(email: &str) -> Option<&'static str> {
    match email.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@') =>
        {
            None
        }
        _ => Some("is not an e-mail address like name@example.org"),
    }
}

impl Checker {
    fn push(&mut self, severity: Severity, file: &ParsedFile, path: &[Segment], message: String) {
        let placed = severity == Severity::Error || file.place_warnings;
        self.diagnostics.push(Diagnostic {
            severity,
            file: file.name.clone(),
            position: if placed { file.locate(path) } else { None },
            path: render_path(path),
            message,
        });
    }

    fn error(&mut self, file: &ParsedFile, path: &[Segment], message: String) {
        self.push(Severity::Error, file, path, message);
    }

    fn warning(&mut self, file: &ParsedFile, path: &[Segment], message: String) {
        self.push(Severity::Warning, file, path, message);
    }

    /// Reports `list[index].id` if an earlier entry has the same id.
    fn unique_id<'f, 't>(
        &mut self,
        file: &'f ParsedFile<'t>,
        (list, index): (&'static str, usize),
        id: &'f str,
        seen: &mut HashMap<&'f str, Place<'f, 't>>,
    ) {
        let path = path![list, index, "id"];
        if let Some(first) = seen.get(id) {
            let what = list.trim_end_matches('s');
            let message = format!("duplicate {what} id `{id}`; it is first defined at {first}");
            self.error(file, &path, message);
        } else {
            seen.insert(id, Place { file, path });
        }
    }

    /// Checks a text field: no forbidden characters, within its length, and
    /// not blank when required. Returns whether it passed.
    fn text(&mut self, file: &ParsedFile, path: &[Segment], value: &str, required: bool) -> bool {
        let field = field_name(path);
        if let Some((index, c)) = text::first_forbidden(value) {
            let message = format!(
                "`{field}` contains the control character {} at character {}; texts must be plain, without control characters or escape sequences",
                text::describe(c),
                index + 1
            );
            self.error(file, path, message);
            return false;
        }
        let limit = max_chars(field);
        // Bytes are at least as many as characters: most texts pass unread.
        if value.len() > limit {
            let chars = value.chars().count();
            if chars > limit {
                let message = format!(
                    "`{field}` is {chars} characters long; the limit is {limit} (docs/catalogue.md, \"Limits\")"
                );
                self.error(file, path, message);
                return false;
            }
        }
        if required && value.trim().is_empty() {
            self.error(file, path, format!("`{field}` is empty"));
            return false;
        }
        true
    }

    fn id(&mut self, file: &ParsedFile, base: &[Segment], id: &str, what: &str) -> bool {
        let path = join(base, &path!["id"]);
        if !self.text(file, &path, id, true) {
            return false;
        }
        if !is_slug(id) {
            let message = format!(
                "{what} id `{id}` is not a slug; use lowercase letters, digits and single hyphens, like `ukef-export-insurance`"
            );
            self.error(file, &path, message);
            return false;
        }
        true
    }

    fn url(&mut self, file: &ParsedFile, path: &[Segment], url: &str) -> bool {
        if !self.text(file, path, url, true) {
            return false;
        }
        if let Some(problem) = url_problem(url) {
            let field = field_name(path);
            self.error(file, path, format!("`{field}` URL `{url}` {problem}"));
            return false;
        }
        true
    }

    fn area(&mut self, file: &ParsedFile, path: &[Segment], code: &str) -> Option<Area> {
        match Area::parse(code) {
            Ok(area) => Some(area),
            Err(e) => {
                self.error(file, path, e.to_string());
                None
            }
        }
    }

    fn contact(&mut self, file: &ParsedFile, base: &[Segment], contact: &Contact) -> bool {
        let mut ok = true;
        if let Some(url) = &contact.url {
            ok &= self.url(file, &join(base, &path!["contact", "url"]), url);
        }
        if let Some(email) = &contact.email {
            let path = join(base, &path!["contact", "email"]);
            if self.text(file, &path, email, true) {
                if let Some(problem) = email_problem(email) {
                    self.error(file, &path, format!("`contact.email` `{email}` {problem}"));
                    ok = false;
                }
            } else {
                ok = false;
            }
        }
        if let Some(phone) = &contact.phone {
            let path = join(base, &path!["contact", "phone"]);
            if self.text(file, &path, phone, true) {
                let valid = phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
                    && phone.chars().filter(char::is_ascii_digit).count() >= 6;
                if !valid {
                    let message = format!(
                        "`contact.phone` `{phone}` is not a phone number; use digits, spaces and a leading + for the country code"
                    );
                    self.error(file, &path, message);
                    ok = false;
                }
            } else {
                ok = false;
            }
        }
        ok
    }

    fn provider(
        &mut self,
        file: &ParsedFile,
        base: &[Segment],
        raw: RawProvider,
    ) -> Option<Provider> {
        let mut ok = self.id(file, base, &raw.id, "provider");
        ok &= self.text(file, &join(base, &path!["name"]), &raw.name, true);
        if let Some(summary) = &raw.summary {
            ok &= self.text(file, &join(base, &path!["summary"]), summary, true);
        }
        ok &= self.url(file, &join(base, &path!["website"]), &raw.website);
        ok &= self.contact(file, base, &raw.contact);
        let area = self.area(file, &join(base, &path!["area"]), &raw.area);
        if !ok {
            return None;
        }
        Some(Provider {
            id: ProviderId::new(&raw.id),
            name: raw.name,
            kind: raw.kind,
            area: area?,
            website: raw.website,
            summary: raw.summary,
            contact: raw.contact,
        })
    }

    fn programme(
        &mut self,
        file: &ParsedFile,
        base: &[Segment],
        raw: RawProgramme,
    ) -> Option<Programme> {
        let mut ok = self.id(file, base, &raw.id, "programme");
        ok &= self.text(file, &join(base, &path!["name"]), &raw.name, true);
        if let Some(website) = &raw.website {
            ok &= self.url(file, &join(base, &path!["website"]), website);
        }
        ok.then(|| Programme {
            id: ProgrammeId::new(&raw.id),
            name: raw.name,
            website: raw.website,
        })
    }

    /// Checks the programme id a door names: a slug (whether it is listed is
    /// a rule across files).
    fn programme_ref(&mut self, file: &ParsedFile, path: &[Segment], id: &str) -> bool {
        if !self.text(file, path, id, true) {
            return false;
        }
        if !is_slug(id) {
            let message = format!(
                "programme id `{id}` is not a slug; use lowercase letters, digits and single hyphens, like `horizon-europe`"
            );
            self.error(file, path, message);
            return false;
        }
        true
    }

    fn service(&mut self, file: &ParsedFile, base: &[Segment], raw: RawService) -> Option<Service> {
        let at = |rest: &[Segment]| join(base, rest);
        let mut ok = self.id(file, base, &raw.id, "service");
        if let Some(programme) = &raw.programme {
            ok &= self.programme_ref(file, &at(&path!["programme"]), programme);
        }
        ok &= self.text(file, &at(&path!["name"]), &raw.name, true);
        ok &= self.text(file, &at(&path!["summary"]), &raw.summary, true);
        ok &= self.text(file, &at(&path!["next_step"]), &raw.next_step, true);
        for (list, empty) in [
            ("modes", raw.modes.is_empty()),
            ("stages", raw.stages.is_empty()),
            ("support", raw.support.is_empty()),
            ("areas", raw.areas.is_empty()),
        ] {
            if empty {
                let message = format!("service `{}` has no {list}; name at least one", raw.id);
                self.error(file, &at(&path![list]), message);
                ok = false;
            }
        }
        let mut areas = Vec::new();
        for (i, code) in raw.areas.iter().enumerate() {
            match self.area(file, &at(&path!["areas", i]), code) {
                Some(area) => areas.push(area),
                None => ok = false,
            }
        }
        let mut markets = Vec::new();
        for (i, code) in raw.markets.iter().enumerate() {
            let path = at(&path!["markets", i]);
            match self.area(file, &path, code) {
                Some(area @ Area::Country(_)) => markets.push(area),
                Some(_) => {
                    let message =
                        format!("target market `{code}` must be a country code such as \"US\"");
                    self.error(file, &path, message);
                    ok = false;
                }
                None => ok = false,
            }
        }
        ok &= self.eligibility(file, base, &raw);
        if let Some(Cost::Paid(note) | Cost::CoFinanced(note)) = &raw.cost {
            ok &= self.text(file, &at(&path!["cost"]), note, true);
        }
        ok &= self.contact(file, base, &raw.contact);
        ok &= self.languages(file, base, &raw);
        let translations = self.translations(file, base, &raw, &areas);
        for (i, keyword) in raw.keywords.iter().enumerate() {
            ok &= self.text(file, &at(&path!["keywords", i]), keyword, true);
        }
        if raw.keywords.is_empty() {
            let message = format!(
                "service `{}` has no keywords; search finds it less easily",
                raw.id
            );
            self.warning(file, &at(&path!["id"]), message);
        }
        ok &= self.url(file, &at(&path!["source"]), &raw.source);
        if let Some(why) = &raw.unverified {
            ok &= self.text(file, &at(&path!["unverified"]), why, true);
        }
        let verified = self.verified(file, &at(&path!["verified"]), &raw.verified);
        if raw.status == Status::Closed {
            let message = format!(
                "service `{}` is closed; it is kept for the landscape's history and never referred",
                raw.id
            );
            self.warning(file, &at(&path!["status"]), message);
        }
        if !ok {
            return None;
        }
        Some(Service {
            id: ServiceId::new(&raw.id),
            provider: ProviderId::new(&raw.provider),
            programme: raw.programme.map(ProgrammeId::new),
            name: raw.name,
            summary: raw.summary,
            modes: raw.modes,
            scopes: raw.scopes,
            stages: raw.stages,
            support: raw.support,
            needs: raw.needs,
            dimensions: raw.dimensions,
            tier: raw.tier,
            areas,
            markets,
            eligibility: raw.eligibility,
            cost: raw.cost,
            next_step: raw.next_step,
            translations: translations?,
            contact: raw.contact,
            languages: raw.languages,
            keywords: raw.keywords,
            status: raw.status,
            verified: verified?,
            source: raw.source,
            unverified: raw.unverified,
        })
    }

    /// Checks that the languages a service is offered in are ISO 639-1 codes.
    fn languages(&mut self, file: &ParsedFile, base: &[Segment], raw: &RawService) -> bool {
        let mut ok = true;
        for (i, language) in raw.languages.iter().enumerate() {
            let path = join(base, &path!["languages", i]);
            if !(language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase())) {
                let message = format!(
                    "language `{}` is not an ISO 639-1 code such as \"en\" or \"da\"",
                    text::sanitize(language)
                );
                self.error(file, &path, message);
                ok = false;
            }
        }
        ok
    }

    /// Checks a service's translations: known languages, safe texts, both
    /// texts given, and a translation into the language of the country the
    /// service is for. Only unsafe text is an error; the rest are warnings,
    /// since a missing translation falls back to English.
    fn translations(
        &mut self,
        file: &ParsedFile,
        base: &[Segment],
        raw: &RawService,
        areas: &[Area],
    ) -> Option<BTreeMap<Lang, ServiceText>> {
        let at = |rest: &[Segment]| join(base, rest);
        let mut ok = true;
        let mut out = BTreeMap::new();
        for (code, texts) in &raw.translations {
            let path = at(&["translations".into(), Segment::Field(code.clone().into())]);
            let lang = match Lang::from_code(code) {
                Some(Lang::En) => {
                    let message = format!(
                        "service `{}` has an English translation; English is the service's own `summary` and `next_step`, so it is never shown",
                        raw.id
                    );
                    self.warning(file, &path, message);
                    continue;
                }
                Some(lang) if lang.code() == code => lang,
                _ => {
                    let message = format!(
                        "service `{}` has a translation into `{}`, which is not a language the app speaks ({}); it is never shown",
                        raw.id,
                        text::sanitize(code),
                        Lang::codes()
                    );
                    self.warning(file, &path, message);
                    continue;
                }
            };
            for (field, value) in [("summary", &texts.summary), ("next_step", &texts.next_step)] {
                let field_path = join(&path, &path![field]);
                if let Some(value) = value {
                    ok &= self.text(file, &field_path, value, true);
                } else {
                    let message = format!(
                        "service `{}` has no {} `{field}`; the English one is shown",
                        raw.id,
                        lang.english_name()
                    );
                    self.warning(file, &path, message);
                }
            }
            out.insert(lang, texts.clone());
        }
        let mut own: Vec<Lang> = areas
            .iter()
            .filter_map(Area::country)
            .filter_map(Lang::of_country)
            .filter(|lang| *lang != Lang::En)
            .collect();
        own.dedup();
        for lang in own {
            if !out.contains_key(&lang) {
                let message = format!(
                    "service `{}` is for firms in a {}-speaking country but has no {} texts; add `translations: {{ \"{}\": (summary: …, next_step: …) }}`",
                    raw.id,
                    lang.english_name(),
                    lang.english_name(),
                    lang.code()
                );
                self.warning(file, &at(&path!["next_step"]), message);
            }
        }
        ok.then_some(out)
    }

    fn verified(&mut self, file: &ParsedFile, path: &[Segment], value: &str) -> Option<Date> {
        if !self.text(file, path, value, true) {
            return None;
        }
        let Ok(date) = value.parse::<Date>() else {
            let message = format!("`verified` date `{value}` is not a date like \"2026-11-23\"");
            self.error(file, path, message);
            return None;
        };
        if date > self.today {
            let message = format!("`verified` date {date} is in the future");
            self.warning(file, path, message);
        } else if let Ok(limit) = self
            .today
            .checked_sub(jiff::Span::new().months(STALE_AFTER_MONTHS))
            && date < limit
        {
            let message = format!(
                "`verified` date {date} is more than {STALE_AFTER_MONTHS} months old; check the entry against its source"
            );
            self.warning(file, path, message);
        }
        Some(date)
    }

    fn eligibility(&mut self, file: &ParsedFile, base: &[Segment], raw: &RawService) -> bool {
        let eligibility = &raw.eligibility;
        let at = |rest: &[Segment]| join(base, &join(&path!["eligibility"], rest));
        let mut ok = true;
        for (name, bounds) in [
            ("employees", eligibility.employees),
            ("turnover_eur", eligibility.turnover_eur),
        ] {
            if let Some(Bounds {
                min: Some(min),
                max: Some(max),
            }) = bounds
                && min > max
            {
                let message = format!(
                    "eligibility is contradictory: `{name}` minimum {min} is above its maximum {max}"
                );
                self.error(file, &at(&path![name]), message);
                ok = false;
            }
        }
        if let (false, Some(bounds)) = (eligibility.sizes.is_empty(), eligibility.employees) {
            let overlaps = |class: &SizeClass| {
                let (low, high) = class.employees();
                bounds.max.is_none_or(|max| low <= max)
                    && high.is_none_or(|high| bounds.min.is_none_or(|min| min <= high))
            };
            if ok && !eligibility.sizes.iter().any(overlaps) {
                let sizes: Vec<&str> = eligibility.sizes.iter().map(|s| s.as_str()).collect();
                let message = format!(
                    "eligibility is contradictory: no firm of size {} has the head count that `employees` allows",
                    sizes.join(" or ")
                );
                self.error(file, &at(&path!["employees"]), message);
                ok = false;
            }
        }
        if let (Some(min), Some(max)) =
            (eligibility.min_years_trading, eligibility.max_years_trading)
            && min > max
        {
            let message = format!(
                "eligibility is contradictory: `min_years_trading` {min} is above `max_years_trading` {max}"
            );
            self.error(file, &at(&path!["max_years_trading"]), message);
            ok = false;
        }
        for (i, requirement) in eligibility.requires.iter().enumerate() {
            let here = at(&path!["requires", i]);
            match requirement {
                Requirement::ExportShare { min, max } => {
                    let problem = if min.is_none() && max.is_none() {
                        Some("an export share needs a `min` or a `max`".to_owned())
                    } else if min.is_some_and(|m| m > 100) || max.is_some_and(|m| m > 100) {
                        Some("an export share is a percentage, from 0 to 100".to_owned())
                    } else if let (Some(min), Some(max)) = (min, max)
                        && min > max
                    {
                        Some(format!(
                            "eligibility is contradictory: export share minimum {min} is above its maximum {max}"
                        ))
                    } else {
                        None
                    };
                    if let Some(message) = problem {
                        self.error(file, &here, message);
                        ok = false;
                    }
                }
                Requirement::Member {
                    body: Some(body), ..
                } => {
                    ok &= self.text(file, &join(&here, &path!["body"]), body, true);
                }
                Requirement::LegalForm(forms) if forms.is_empty() => {
                    self.error(
                        file,
                        &here,
                        "a legal-form condition names at least one legal form".to_owned(),
                    );
                    ok = false;
                }
                Requirement::Member { .. } | Requirement::LegalForm(_) | Requirement::Zone(_) => {}
            }
        }
        for (i, condition) in eligibility.conditions.iter().enumerate() {
            ok &= self.text(file, &at(&path!["conditions", i]), condition, true);
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        for (id, expected) in [
            ("ukef-export-insurance", true),
            ("een", true),
            ("a1-b2", true),
            ("UKEF", false),
            ("double--hyphen", false),
            ("-leading", false),
            ("with space", false),
            ("", false),
        ] {
            assert_eq!(is_slug(id), expected, "{id}");
        }
    }

    #[test]
    fn urls_need_a_web_scheme_and_a_host() {
        assert_eq!(url_problem("https://een.ec.europa.eu/x"), None);
        assert_eq!(
            url_problem("ftp://example.org"),
            Some("must start with https:// or http://")
        );
        assert_eq!(url_problem("https://"), Some("has no host name"));
        assert_eq!(url_problem("https://a.b/c d"), Some("contains white space"));
    }

    #[test]
    fn near_ids_are_suggested() {
        let known = ["ukef", "een", "paih"];
        assert_eq!(
            suggestion("ukfe", known.into_iter()),
            "; did you mean `ukef`?"
        );
        assert_eq!(suggestion("something-else", known.into_iter()), "");
    }
}
