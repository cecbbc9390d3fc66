//! Services: every field of a catalogue service from an HSDS service,
//! its service areas, languages, phones, cost options and attributes.

use std::collections::BTreeMap;

use serde_json::Value;

use super::At;
use super::mapper::{Linked, Mapper, SERVICE_KEPT, holds, items, parse_term, text};
use crate::catalogue::raw::RawService;
use crate::catalogue::{Area, Bounds, Contact, Cost, Eligibility, Requirement, ServiceText};
use crate::hsds::export::link;
use crate::hsds::taxonomy::{self, field};
use crate::vocab::{
    Dimension, LegalForm, Membership, Mode, NaceDivision, NaceSection, Need, Scope, SizeClass,
    Stage, Status, Support, Tier, Zone,
};

impl Mapper {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per catalogue field, in the order of docs/hsds.md"
    )]
    pub(super) fn service(&mut self, record: &Value, at: &At) -> RawService {
        self.not_kept(record, SERVICE_KEPT, at);
        let name = self.required(record, "name", at, "the service's name");
        let summary = self.required(record, "description", at, "a summary of the service");
        let next_step = self.required(
            record,
            "application_process",
            at,
            "what the SME should do next",
        );
        let source = self.required(record, "url", at, "the page that states the service");
        let verified = self.required(record, "assured_date", at, "the day the entry was checked");
        let provider = self.provider_of(record, at);
        let status = match text(record, "status") {
            Some("active") | None => Status::Active,
            Some("temporarily closed") => {
                self.push(
                    at,
                    false,
                    "status",
                    "`temporarily closed` is read as `Closed`: the catalogue never refers to a closed service",
                );
                Status::Closed
            }
            Some(_) => Status::Closed,
        };
        let mut given = None;
        let mut modes = Vec::new();
        let mut scopes = Vec::new();
        let mut stages = Vec::new();
        let mut support = Vec::new();
        let mut needs = Vec::new();
        let mut dimensions = Vec::new();
        let mut tier = None;
        let mut markets = Vec::new();
        let mut eligibility = Eligibility::default();
        let mut structured = false;
        let mut cost_kind = None;
        let mut url = None;
        let mut keywords = Vec::new();
        let mut translations: BTreeMap<String, ServiceText> = BTreeMap::new();
        let mut unverified = None;
        let mut programme: Option<String> = None;
        let mut programme_website: Option<String> = None;
        for linked in self.linked(record, at) {
            let code = linked.code.as_str();
            match (linked.link_type.as_str(), linked.taxonomy) {
                (link::IDENTIFIER, taxonomy::FIELD) if code == field::CATALOGUE_ID => {
                    given = self.value(at, &linked).map(str::to_owned);
                }
                (link::MODE, taxonomy::MODE) => modes.extend(parse_term::<Mode>(code)),
                (link::SCOPE, taxonomy::SCOPE) => scopes.extend(parse_term::<Scope>(code)),
                (link::STAGE, taxonomy::STAGE) => stages.extend(parse_term::<Stage>(code)),
                (link::SUPPORT, taxonomy::SUPPORT) => {
                    support.extend(parse_term::<Support>(code));
                }
                (link::NEED, taxonomy::NEED) => needs.extend(parse_term::<Need>(code)),
                (link::DIMENSION, taxonomy::DIMENSION) => {
                    dimensions.extend(parse_term::<Dimension>(code));
                }
                (link::TIER, taxonomy::TIER) => {
                    if tier.is_some() {
                        self.push(
                            at,
                            true,
                            &linked.path,
                            "a second tier: the catalogue gives a service one tier",
                        );
                    }
                    tier = tier.or(parse_term::<Tier>(code));
                }
                (link::MARKET, taxonomy::FIELD) if code == field::MARKET => {
                    markets.extend(self.value(at, &linked).map(str::to_owned));
                }
                (link::ELIGIBILITY, _) => {
                    structured = true;
                    self.eligibility(&mut eligibility, &linked, at);
                }
                (link::COST, taxonomy::COST) => cost_kind = Some(code.to_owned()),
                (link::CONTACT, taxonomy::FIELD) if code == field::CONTACT_URL => {
                    url = self.value(at, &linked).map(str::to_owned);
                }
                (link::KEYWORD, taxonomy::FIELD) if code == field::KEYWORD => {
                    keywords.extend(self.value(at, &linked).map(str::to_owned));
                }
                (link::TRANSLATION, taxonomy::FIELD) => {
                    let (summary, lang) =
                        if let Some(lang) = code.strip_prefix(field::SUMMARY_PREFIX) {
                            (true, lang)
                        } else if let Some(lang) = code.strip_prefix(field::NEXT_STEP_PREFIX) {
                            (false, lang)
                        } else {
                            self.unplaced(at, &linked);
                            continue;
                        };
                    if let Some(value) = self.value(at, &linked) {
                        let entry = translations.entry(lang.to_owned()).or_default();
                        if summary {
                            entry.summary = Some(value.to_owned());
                        } else {
                            entry.next_step = Some(value.to_owned());
                        }
                    }
                }
                (link::PROVENANCE, taxonomy::FIELD) if code == field::UNVERIFIED => {
                    unverified = self.value(at, &linked).map(str::to_owned);
                }
                (link::PROGRAMME, taxonomy::FIELD) if code == field::PROGRAMME => {
                    programme = self.value(at, &linked).map(str::to_owned);
                }
                (link::PROGRAMME, taxonomy::FIELD) if code == field::PROGRAMME_WEBSITE => {
                    programme_website = self.value(at, &linked).map(str::to_owned);
                }
                _ => self.unplaced(at, &linked),
            }
        }
        if !structured && let Some(words) = text(record, "eligibility_description") {
            self.push(
                at,
                false,
                "eligibility_description",
                "kept as a condition in words: no attribute gives the rules it states, so the matcher cannot test them",
            );
            eligibility.conditions.push(words.to_owned());
        }
        if tier.is_none() {
            self.push(
                at,
                true,
                "attributes",
                format!(
                    "no tier: the catalogue needs an attribute linking a term of `{}`",
                    taxonomy::TIER
                ),
            );
        }
        let fees = text(record, "fees_description");
        let cost = match cost_kind.as_deref() {
            Some(taxonomy::COST_FREE) => Some(Cost::Free),
            Some(taxonomy::COST_PAID) => Some(Cost::Paid(fees.unwrap_or_default().to_owned())),
            Some(_) => Some(Cost::CoFinanced(fees.unwrap_or_default().to_owned())),
            None if items(record, "cost_options")
                .iter()
                .any(|o| o.get("amount").and_then(Value::as_f64) == Some(0.0)) =>
            {
                Some(Cost::Free)
            }
            None => fees.map(|fees| {
                self.push(
                    at,
                    false,
                    "fees_description",
                    format!("read as a paid service: no attribute of `{}` says which kind of cost it is", taxonomy::COST),
                );
                Cost::Paid(fees.to_owned())
            }),
        };
        let mut contact = Contact {
            url,
            email: text(record, "email").map(str::to_owned),
            phone: self.first_phone(record, at),
        };
        self.contacts(record, &mut contact, at);
        let areas = self.areas(record, at);
        let languages = items(record, "languages")
            .iter()
            .enumerate()
            .filter_map(|(i, language)| {
                let code = text(language, "code").map(str::to_owned);
                if code.is_none() {
                    self.push(
                        at,
                        false,
                        &format!("languages[{i}]"),
                        "not kept: a language without an ISO 639 `code`",
                    );
                }
                code
            })
            .collect();
        let slug = self.slug(given, name);
        // A door of a programme: the programme is listed once, named as its
        // program is (or by its id when the directory has no such program).
        if let Some(id) = &programme
            && !self.programmes.iter().any(|p| &p.id == id)
        {
            let name = text(record, "program_id")
                .and_then(|program| self.program_names.get(program))
                .cloned()
                .unwrap_or_else(|| id.clone());
            self.programmes.push(crate::catalogue::raw::RawProgramme {
                id: id.clone(),
                name,
                website: programme_website,
            });
        }
        RawService {
            id: slug,
            provider,
            name: name.to_owned(),
            summary: summary.to_owned(),
            modes,
            scopes,
            stages,
            support,
            needs,
            dimensions,
            tier: tier.unwrap_or(Tier::Local),
            areas,
            markets,
            eligibility,
            cost,
            next_step: next_step.to_owned(),
            translations,
            contact,
            languages,
            keywords,
            status,
            verified: if verified.is_empty() {
                "1970-01-01".to_owned()
            } else {
                verified.to_owned()
            },
            source: source.to_owned(),
            unverified,
            programme,
        }
    }

    /// The slug of the provider a service names, by its organization id.
    fn provider_of(&mut self, record: &Value, at: &At) -> String {
        let id = text(record, "organization_id")
            .or_else(|| record.get("organization").and_then(|o| text(o, "id")));
        let Some(id) = id else {
            self.push(
                at,
                true,
                "organization_id",
                "`organization_id` is missing: the catalogue needs the service's provider",
            );
            return String::new();
        };
        if let Some(slug) = self.slug_of(id) {
            return slug;
        }
        self.push(
            at,
            true,
            "organization_id",
            format!(
                "names the organization `{}`, which is not in the directory",
                crate::text::sanitize(id)
            ),
        );
        String::new()
    }

    /// Named contacts: the catalogue keeps one e-mail and one phone, so the
    /// first contact's fill what the service lacks.
    pub(super) fn contacts(&mut self, record: &Value, contact: &mut Contact, at: &At) {
        let contacts = items(record, "contacts");
        let Some(first) = contacts.first() else {
            return;
        };
        if contact.email.is_none() {
            contact.email = text(first, "email").map(str::to_owned);
        }
        if contact.phone.is_none() {
            contact.phone = items(first, "phones")
                .first()
                .and_then(|p| text(p, "number"))
                .map(str::to_owned);
        }
        self.push(
            at,
            false,
            "contacts",
            "named contacts are not kept: the catalogue has one e-mail and one phone per service; the first contact's fill those the service lacks",
        );
    }

    /// Service areas: each must be an area code the catalogue can express.
    pub(super) fn areas(&mut self, record: &Value, at: &At) -> Vec<String> {
        let mut areas = Vec::new();
        for (i, area) in items(record, "service_areas").iter().enumerate() {
            let path = format!("service_areas[{i}]");
            if area.get("extent").is_some_and(holds) {
                self.push(
                    at,
                    false,
                    &format!("{path}.extent"),
                    "not kept: the catalogue's areas are codes, not shapes",
                );
            }
            let Some(name) = text(area, "name") else {
                self.push(
                    at,
                    true,
                    &format!("{path}.name"),
                    "an area the catalogue cannot express: no `name` holding an area code",
                );
                continue;
            };
            match Area::parse(name.trim()) {
                Ok(code) => areas.push(code.code().to_owned()),
                Err(e) => self.push(
                    at,
                    true,
                    &format!("{path}.name"),
                    format!("an area the catalogue cannot express: {e}"),
                ),
            }
        }
        areas
    }

    pub(super) fn eligibility(&mut self, e: &mut Eligibility, linked: &Linked, at: &At) {
        let code = linked.code.as_str();
        match linked.taxonomy {
            taxonomy::SIZE => e.sizes.extend(parse_term::<SizeClass>(code)),
            taxonomy::NACE => {
                if let Some(section) = parse_term::<NaceSection>(code).filter(|_| code.len() == 1) {
                    e.sectors.push(section);
                } else {
                    e.divisions.extend(parse_term::<NaceDivision>(code));
                }
            }
            taxonomy::MODE => e.modes.extend(parse_term::<Mode>(code)),
            taxonomy::FIELD => {
                let Some(value) = self.value(at, linked) else {
                    return;
                };
                if let Err(message) = eligibility_value(e, code, value) {
                    self.push(at, true, &format!("{}.value", linked.path), message);
                }
            }
            _ => self.unplaced(at, linked),
        }
    }
}

/// Reads one `eis-field` eligibility rule into `e`.
fn eligibility_value(e: &mut Eligibility, code: &str, value: &str) -> Result<(), String> {
    let bad_range =
        || format!("`{code}` must be a range of whole numbers: `min..max`, `min..` or `..max`");
    match code {
        field::EMPLOYEES => e.employees = Some(parse_range(value).ok_or_else(bad_range)?),
        field::TURNOVER_EUR => e.turnover_eur = Some(parse_range(value).ok_or_else(bad_range)?),
        field::YEARS_TRADING => {
            let b = parse_range(value).ok_or_else(bad_range)?;
            let years = |n: Option<u64>| n.map(u32::try_from).transpose().map_err(|_| bad_range());
            e.min_years_trading = years(b.min)?;
            e.max_years_trading = years(b.max)?;
        }
        field::EXPORT_SHARE => {
            let b = parse_range(value).ok_or_else(bad_range)?;
            let share = |n: Option<u64>| n.map(u8::try_from).transpose().map_err(|_| bad_range());
            e.requires.push(Requirement::ExportShare {
                min: share(b.min)?,
                max: share(b.max)?,
            });
        }
        field::MEMBER => {
            let (kind, body) = match value.split_once(':') {
                Some((kind, body)) => (kind, Some(body.trim().to_owned())),
                None => (value, None),
            };
            let kind = kind
                .trim()
                .parse::<Membership>()
                .map_err(|e| e.to_string())?;
            e.requires.push(Requirement::Member { kind, body });
        }
        field::LEGAL_FORM => {
            let forms = value
                .split(',')
                .map(|f| f.trim().parse::<LegalForm>().map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            e.requires.push(Requirement::LegalForm(forms));
        }
        field::ZONE => {
            let zone = value.trim().parse::<Zone>().map_err(|e| e.to_string())?;
            e.requires.push(Requirement::Zone(zone));
        }
        field::CONDITION => e.conditions.push(value.to_owned()),
        _ => return Err(format!("the term `{code}` is not a rule of eligibility")),
    }
    Ok(())
}

fn parse_range(text: &str) -> Option<Bounds> {
    let (min, max) = text.trim().split_once("..")?;
    let end = |s: &str| -> Option<Option<u64>> {
        let s = s.trim();
        if s.is_empty() {
            Some(None)
        } else {
            s.parse().ok().map(Some)
        }
    };
    Some(Bounds {
        min: end(min)?,
        max: end(max)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_both_ends_or_one() {
        assert_eq!(
            parse_range("10..249"),
            Some(Bounds {
                min: Some(10),
                max: Some(249)
            })
        );
        assert_eq!(
            parse_range("..49"),
            Some(Bounds {
                min: None,
                max: Some(49)
            })
        );
        assert_eq!(parse_range("ten..20"), None);
        assert_eq!(parse_range("10"), None);
    }

    #[test]
    fn requirements_read_back_as_written() {
        let mut e = Eligibility::default();
        eligibility_value(&mut e, field::MEMBER, "IndustryAssociation: Dansk Industri").unwrap();
        eligibility_value(&mut e, field::LEGAL_FORM, "Company, SoleTrader").unwrap();
        eligibility_value(&mut e, field::EXPORT_SHARE, "..25").unwrap();
        assert_eq!(
            e.requires,
            [
                Requirement::Member {
                    kind: Membership::IndustryAssociation,
                    body: Some("Dansk Industri".to_owned())
                },
                Requirement::LegalForm(vec![LegalForm::Company, LegalForm::SoleTrader]),
                Requirement::ExportShare {
                    min: None,
                    max: Some(25)
                },
            ]
        );
        assert!(eligibility_value(&mut e, field::EXPORT_SHARE, "..300").is_err());
        assert!(eligibility_value(&mut e, field::ZONE, "Atlantis").is_err());
    }
}
