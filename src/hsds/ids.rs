//! HSDS identifiers are UUIDs. Ours are slugs (`ukef-export-insurance`), so
//! each HSDS id is a version 5 UUID over a fixed namespace and a name made of
//! the object's table and our id: the same catalogue always exports the same
//! ids, and a region that re-imports an export finds its records again.

use uuid::Uuid;

/// The namespace of every id this program derives. Never change it: every
/// id ever exported depends on it.
const NAMESPACE: Uuid = Uuid::from_u128(0x6a1f_3c2e_5b7d_4e80_9c41_d2a8_f0e7_b315);

/// The id of an HSDS record of `table` whose own key is `key`.
#[must_use]
pub fn derive(table: &str, key: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{table}:{key}").as_bytes())
}

/// The id of a provider's `organization`.
#[must_use]
pub fn organization(provider: &str) -> Uuid {
    derive("organization", provider)
}

/// The id of a service's `service`.
#[must_use]
pub fn service(service: &str) -> Uuid {
    derive("service", service)
}

/// The id of the `n`th record of `table` belonging to the record `owner`
/// (a service's second service area, an organization's first phone).
#[must_use]
pub fn child(table: &str, owner: Uuid, n: usize) -> Uuid {
    derive(table, &format!("{owner}:{n}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_version_5_uuids() {
        let id = service("ukef-export-insurance");
        assert_eq!(id, service("ukef-export-insurance"));
        assert_eq!(id.get_version_num(), 5);
        assert_ne!(id, organization("ukef-export-insurance"));
        assert_ne!(child("phone", id, 0), child("phone", id, 1));
    }
}
