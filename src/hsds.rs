//! Open Referral's Human Services Data Specification (HSDS) 3.0, both ways:
//! the catalogue as an HSDS directory, and an HSDS directory as a catalogue.
//!
//! Regions keep their directories of support in other systems; HSDS is the
//! open format those systems exchange. A provider is an HSDS `organization`,
//! a service a `service` with its `service_areas`, `languages`, `phones` and
//! `cost_options`, and every vocabulary of ours (modes, stages, support kinds,
//! needs, …) a `taxonomy` whose terms are linked to services by `attribute`s.
//! `docs/hsds.md` has the whole mapping and what does not map.
//!
//! - [`schema`] holds what HSDS 3.0 says of each object we write or read —
//!   fields, types, formats, enumerations, required fields — and checks
//!   records against it;
//! - [`ids`] derives HSDS's UUIDs from our ids, so that exports are stable;
//! - [`taxonomy`] publishes our vocabularies as HSDS taxonomies;
//! - [`export`] turns a catalogue into HSDS records (JSON, nested);
//! - [`tabular`] writes and reads the tabular form: one CSV file per object;
//! - [`import`] reads HSDS records into a raw catalogue, with diagnostics on
//!   what does not map, and checks the result as `eis check` would.
//!
//! Everything here is pure: files are read and written by the command line.

pub mod export;
pub mod ids;
pub mod import;
pub mod schema;
pub mod tabular;
pub mod taxonomy;

/// The HSDS version the export follows and the import expects.
pub const VERSION: &str = "3.0";
