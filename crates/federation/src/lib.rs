//! Hub-to-hub federation: a ward hub pulls from and pushes to other TAXII 2.1 servers (other
//! ward hubs, medallion, any server that speaks the protocol), per peer and per collection.
//!
//! It owns the peer configuration and state kept in the hub's settings ([`peers`]), the
//! provenance ward writes into every object that crosses between hubs ([`provenance`]), one
//! sync run in each direction ([`sync`]) and the schedule `ward serve` runs them on
//! ([`schedule`]).
//!
//! It applies no rule of its own where the hub already has one: what is pulled goes through
//! `ward_taxii::ingest::add_values`, the code that stores a member's POST (validation, STIX
//! 2.0 upgrade, the publish filter); what is pushed is read through the policy's read view for
//! a `Caller` standing for the peer (its organization on this hub, signed in with a token, so
//! never TLP:RED), then `ward_policy::reshare_allowed` and the peer's ceiling. It knows no
//! SQL (only the `Store` trait) and no HTTP server.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod peers;
pub mod provenance;
pub mod schedule;
pub mod sync;

pub use peers::{Direction, PeerConfig, PeerState, RunStats};
pub use sync::{sync_peer, SyncReport};

/// Why a federation operation failed.
#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error("store: {0}")]
    Store(#[from] ward_store::StoreError),
    #[error("{0}")]
    Policy(#[from] ward_policy::PolicyError),
    #[error("peer {peer}: {source}")]
    Remote {
        peer: String,
        source: ward_feeds::FeedsError,
    },
    #[error("peer {peer}: {message}")]
    Peer { peer: String, message: String },
    #[error("{what} {value:?}: expected {expected}")]
    Invalid {
        what: &'static str,
        value: String,
        expected: String,
    },
    #[error("hub setting {key}: {message}")]
    Corrupt { key: String, message: String },
    #[error("no peer named {0:?} (see `ward admin peer list`)")]
    UnknownPeer(String),
    #[error("a peer named {0:?} already exists (remove it first)")]
    DuplicatePeer(String),
    #[error("local collection {0:?} does not exist")]
    UnknownCollection(String),
}
