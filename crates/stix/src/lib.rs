//! STIX 2.1 for ward: objects with typed common properties (unknown properties kept
//! verbatim), validation of the specification's MUST rules, identifiers, timestamps and TLP
//! markings, and a streaming reader of STIX documents.
//!
//! This crate must never know about HTTP, storage or logs: it reads and checks JSON values.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod document;
pub mod hashes;
pub mod id;
pub mod jsonpath;
pub mod object;
pub mod timestamp;
pub mod tlp;
pub mod types;
pub mod upgrade;
pub mod validate;

pub use object::{Bundle, StixObject};
pub use timestamp::{day, Lenient, Timestamp};
pub use tlp::Tlp;
