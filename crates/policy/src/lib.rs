//! ward's sharing policy on the hub: who may read what, and what members learn about each
//! other. It owns the TLP 2.0 clearance rules (CLEAR, GREEN, AMBER, AMBER+STRICT, RED; TLP
//! 1.0 mapped; the hub's default for unmarked objects; unknown markings held back),
//! removal of properties under granular markings above a reader's clearance, anonymous
//! submission (the hub's identity in place of the submitter's, which stays in the store's
//! private submitter table), the PHI scrubbing of everything members post, the refusal to
//! re-share AMBER+STRICT and RED, and sightings aggregation (how many organizations, never
//! which). [`Policy`] plugs all of it into the TAXII server's seams.
//!
//! It must never know HTTP details (requests, status codes, headers, media types) nor SQL:
//! it works on a [`ward_hub_api::Caller`], JSON values and [`ward_store::Store`] lookups. The
//! rules themselves ([`view`], [`clearance`], [`sightings`]) are pure functions.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod clearance;
pub mod ext;
mod hub;
pub mod settings;
pub mod sightings;
pub mod stamp;
pub mod view;

pub use clearance::{cleared, Reader, ReaderKind};
pub use hub::{Policy, QUARANTINE_PREFIX, SETTINGS_TTL};
pub use settings::{Attribution, CollectionChange, OrgChange};

use serde_json::Value;
use ward_stix::tlp::{effective_tlp, EffectiveTlp, Tlp};

/// Why a policy operation failed.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("store: {0}")]
    Store(#[from] ward_store::StoreError),
    #[error("{what} {value:?}: expected {expected}")]
    Setting {
        what: String,
        value: String,
        expected: &'static str,
    },
    #[error("hub setting {key}: expected {expected}")]
    Corrupt { key: String, expected: &'static str },
    #[error("organization {0:?} does not exist")]
    UnknownOrg(String),
    #[error("collection {0:?} does not exist")]
    UnknownCollection(String),
    #[error("{0}")]
    Scrub(#[from] ward_scrub::ScrubError),
}

/// May this object go into a machine export (a blocklist, a SIEM feed, a file)? Never when
/// it is TLP:RED or carries a marking that is not TLP (it cannot be judged here).
pub fn export_allowed(object: &Value) -> bool {
    let only_tlp = object
        .get("object_marking_refs")
        .and_then(Value::as_array)
        .is_none_or(|refs| {
            refs.iter().all(|r| {
                r.as_str()
                    .is_some_and(|id| Tlp::from_marking_id(id).is_some())
            })
        });
    only_tlp && effective_tlp(object) != EffectiveTlp::Level(Tlp::Red)
}

/// May a member share this object onward (sync to another hub, re-post)? Never when it is
/// TLP:AMBER+STRICT or TLP:RED, nor when it carries a marking that is not TLP.
pub fn reshare_allowed(object: &Value) -> bool {
    export_allowed(object)
        && !matches!(
            effective_tlp(object),
            EffectiveTlp::Level(Tlp::AmberStrict | Tlp::Red)
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn exports_and_reshares() {
        let marked = |ids: &[&str]| json!({"type": "indicator", "object_marking_refs": ids});
        assert!(export_allowed(&json!({"type": "indicator"})));
        assert!(export_allowed(&marked(&[Tlp::AmberStrict.marking_id()])));
        assert!(!reshare_allowed(&marked(&[Tlp::AmberStrict.marking_id()])));
        assert!(reshare_allowed(&marked(&[Tlp::Amber.marking_id()])));
        assert!(!export_allowed(&marked(&[
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
        ])));
        assert!(!export_allowed(&marked(&[
            "marking-definition--00000000-0000-4000-8000-000000000001"
        ])));
    }
}
