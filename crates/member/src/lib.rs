//! The member's front door. Everything a member keeps between commands lives in its data
//! folder (`--data`), and only this crate knows what is in there: the local store and the
//! local intel on it, the feeds configuration and allow-lists, pull positions, the indicator
//! index cache, the latest scan and exposure results, the hub's sightings counts and the
//! weekly plan's history. The `ward` CLI, and later the watch service and the web pages, open
//! a [`DataDir`] and ask it; none of them joins a file name onto the data folder.
//!
//! Besides the folder, this crate turns a scrubbed narrative into the STIX report `ward share`
//! sends ([`share`]), and gathers the weekly plan's input ([`DataDir::plan_input`]).
//!
//! It never runs the hub: the local store is reached through the [`ward_store::Store`] trait
//! (SQLite in the folder, or a store opened elsewhere), the hub through `ward-feeds`' blocking
//! TAXII client.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod data_dir;
mod error;
pub mod files;
mod index;
pub mod journal;
mod plan;
pub mod profile;
pub mod share;
pub mod share_queue;
pub mod vendors;
mod vulndata;
pub mod watch;

pub use data_dir::{
    DataDir, CACHE_DIR, EXPORTS_DIR, HUB_SIGHTINGS_FILE, MAX_SIGHTING_QUERIES, PLAN_DIR,
    PULL_STATE_FILE, STORE_FILE,
};
pub use error::MemberError;
pub use files::write_atomic;
pub use index::LoadedIndex;
pub use journal::{Entry, Journal, LogFile, Run};
pub use profile::{read_staff, OrgProfile, Staff, PROFILE_FILE};
pub use vulndata::{VulnSource, VulnStatus, VULNDATA_DIR};
