//! Intel in and out for a member: the importers of outside feed formats (STIX bundles, MISP
//! feeds, CSV and text lists, abuse.ch, Spamhaus DROP, CISA KEV, EPSS, CSAF 2.0, NVD), the
//! TAXII 2.1 client that pulls from and pushes to a hub, the member's local intel store
//! ([`local`]), ageing of indicators into a score ([`decay`]), the allow-lists of things never
//! to block ([`allowlist`]) and the blocklist exports for firewalls, DNS servers and IDSs
//! ([`export`]).
//!
//! Everything that comes in becomes STIX 2.1 here, and nothing leaves for a blocking device
//! without its score, TLP and allow-list verdict having been decided here. This crate must
//! never know about the hub's HTTP server or SQL: it talks to the store through the
//! [`ward_store::Store`] trait and to TAXII servers as a client only. It reads values that name
//! observables through `ward_pattern`'s compiler, never by parsing patterns itself.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod allowlist;
pub mod config;
pub mod decay;
pub mod error;
pub mod export;
pub mod import;
pub mod indicator;
pub mod known;
pub mod local;
pub mod misp_rest;
pub mod net;
pub mod never_block;
pub mod observable;
pub mod taxii;
pub mod update;

pub use error::FeedsError;
pub use import::{import_path, Format, ImportResult, Problem};
pub use local::{LocalIntel, ScoredIndicator};
pub use observable::Observable;
