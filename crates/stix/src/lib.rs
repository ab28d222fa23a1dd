//! STIX 2.1 for ward: objects with typed common properties (unknown properties kept
//! verbatim), validation of the specification's MUST rules, identifiers, timestamps and TLP
//! markings.
//!
//! This crate must never know about HTTP, storage or logs: it reads and checks JSON values.

pub mod hashes;
pub mod timestamp;
pub mod validate;

pub use timestamp::Timestamp;
