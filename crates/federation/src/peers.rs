//! The peers a hub syncs with and where each sync stands, kept in the hub's settings
//! (`Store::setting`), so they work on every store and every hub process sees the same.
//!
//! - `federation/name`: the name this hub goes by in provenance (default: its STIX identity).
//! - `federation/peer/<name>`: a [`PeerConfig`] as JSON (the operator's choices).
//! - `federation/state/<name>`: a [`PeerState`] as JSON (cursors, last success and error,
//!   counts), written by every sync run; kept apart so a run never overwrites a change of
//!   configuration made meanwhile.
//!
//! A peer's secret (API token or password) is never stored: the configuration names the file
//! it is read from at each sync, so rotating it is replacing the file, and a backup or a copy
//! of the store holds no credential of another server.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ward_stix::tlp::Tlp;
use ward_store::{MemberChange, Store};

use crate::FederationError;

const NAME_KEY: &str = "federation/name";
pub(crate) const PEER_PREFIX: &str = "federation/peer/";
const STATE_PREFIX: &str = "federation/state/";

/// Which way objects flow between this hub and a peer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the peer's collection into the local one.
    Pull,
    /// From the local collection to the peer's.
    Push,
    Both,
}

impl Direction {
    pub fn parse(text: &str) -> Result<Direction, FederationError> {
        match text {
            "pull" => Ok(Direction::Pull),
            "push" => Ok(Direction::Push),
            "both" => Ok(Direction::Both),
            _ => Err(FederationError::Invalid {
                what: "--direction",
                value: text.to_string(),
                expected: "pull, push or both".into(),
            }),
        }
    }

    pub fn pulls(self) -> bool {
        matches!(self, Direction::Pull | Direction::Both)
    }

    pub fn pushes(self) -> bool {
        matches!(self, Direction::Push | Direction::Both)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Pull => "pull",
            Direction::Push => "push",
            Direction::Both => "both",
        }
    }
}

/// One peer, as `ward admin peer add` configured it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerConfig {
    /// The name the peer goes by in provenance: for another ward hub, the name it gives
    /// itself (`ward admin peer name` there), so loops through it are recognised.
    pub name: String,
    /// Discovery URL or API root of the peer.
    pub url: String,
    pub remote_collection: String,
    /// Id of the collection on this hub.
    pub local_collection: String,
    pub direction: Direction,
    /// Seconds between scheduled runs.
    pub every_secs: u64,
    /// Highest TLP accepted from the peer (CLEAR, GREEN or AMBER).
    pub max_tlp_in: String,
    /// Highest TLP sent to the peer (CLEAR, GREEN or AMBER).
    pub max_tlp_out: String,
    /// The organization standing for the peer on this hub: the submitter of what it sends,
    /// and the reader whose view is pushed to it (named in AMBER audiences like any member).
    pub org_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_file: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<PathBuf>,
    /// Set when the peer is a MISP instance pulled through its REST API (`--misp`): `url` is
    /// then the instance's address, `token_file` the file holding its API key, there is no
    /// remote collection, and the direction is pull.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misp: Option<MispSource>,
}

/// What a MISP peer asks its instance for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MispSource {
    /// Only events with one of these tags (none: every event the key may read).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Where the first run starts: events changed at or after this time (seconds since the
    /// epoch; `--since` when the peer was added).
    pub since: i64,
}

impl PeerConfig {
    pub fn max_in(&self) -> Tlp {
        Tlp::parse(&self.max_tlp_in).unwrap_or(Tlp::Clear)
    }

    pub fn max_out(&self) -> Tlp {
        Tlp::parse(&self.max_tlp_out).unwrap_or(Tlp::Clear)
    }

    pub fn every(&self) -> Duration {
        Duration::from_secs(self.every_secs.max(1))
    }
}

/// Counts of one sync run (or, summed, of all runs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStats {
    /// Objects the peer sent.
    pub received: u64,
    /// Of those, accepted by the publish path and stored.
    pub stored: u64,
    /// Already held at that version (differing at most in provenance): not posted again.
    pub unchanged: u64,
    /// Already held at that version with other content (the first copy stored is kept).
    #[serde(default)]
    pub held_differs: u64,
    /// Above the peer's `--max-tlp-in`, or AMBER+STRICT/RED: refused.
    pub refused_tlp: u64,
    /// That had already passed through this hub: refused (a loop).
    pub looped: u64,
    /// Refused by validation or the publish filter.
    pub failed: u64,
    /// Versions sent to the peer.
    pub pushed: u64,
    /// Of those, that the peer reported as failures.
    pub push_failed: u64,
    /// Local versions not sent: above the ceiling, not to be re-shared, hidden from the
    /// peer by the read policy, or already through the peer.
    pub withheld: u64,
}

impl RunStats {
    pub fn add(&mut self, other: &RunStats) {
        self.received += other.received;
        self.stored += other.stored;
        self.unchanged += other.unchanged;
        self.held_differs += other.held_differs;
        self.refused_tlp += other.refused_tlp;
        self.looped += other.looped;
        self.failed += other.failed;
        self.pushed += other.pushed;
        self.push_failed += other.push_failed;
        self.withheld += other.withheld;
    }
}

impl std::fmt::Display for RunStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "received {}, stored {}, already held {} ({} with other content), refused {} \
             (TLP) {} (loop) {} (invalid); pushed {}, refused by the peer {}, withheld {}",
            self.received,
            self.stored,
            self.unchanged + self.held_differs,
            self.held_differs,
            self.refused_tlp,
            self.looped,
            self.failed,
            self.pushed,
            self.push_failed,
            self.withheld
        )
    }
}

/// Where the pull from a peer stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullCursor {
    /// `X-TAXII-Date-Added-Last` of the last page received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_after: Option<String>,
    /// The peer's `next` of an interrupted run, with the `added_after` it pages under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_added_after: Option<String>,
    /// For a MISP peer: the newest event `timestamp` (seconds) of the last complete run; the
    /// next asks for the events changed at or after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misp_timestamp: Option<i64>,
}

/// Where the push to a peer stands: the position of the last local version handled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushCursor {
    pub date_added: i64,
    pub id: String,
    pub version: String,
}

/// What the last runs of a peer did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerState {
    #[serde(default)]
    pub pull: PullCursor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push: Option<PushCursor>,
    /// Microseconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempt: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Failed runs in a row (the schedule backs off by it).
    #[serde(default)]
    pub failures: u32,
    #[serde(default)]
    pub last_run: RunStats,
    #[serde(default)]
    pub total: RunStats,
}

/// Checks a peer name: 1 to 64 letters, digits, `.`, `_` or `-`.
pub fn check_name(name: &str) -> Result<(), FederationError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(FederationError::Invalid {
            what: "peer name",
            value: name.to_string(),
            expected: "1 to 64 letters, digits, '.', '_' or '-'".into(),
        })
    }
}

/// Parses a ceiling: CLEAR, GREEN or AMBER (AMBER+STRICT and RED never cross to another hub).
pub fn parse_ceiling(what: &'static str, text: &str) -> Result<Tlp, FederationError> {
    match Tlp::parse(text) {
        Some(t) if t <= Tlp::Amber => Ok(t),
        _ => Err(FederationError::Invalid {
            what,
            value: text.to_string(),
            expected: "clear, green or amber (AMBER+STRICT and RED are never exchanged)".into(),
        }),
    }
}

/// Parses `--every`: a number followed by `s`, `m`, `h` or `d` (`15m`, `1h`); at least 10s.
pub fn parse_every(text: &str) -> Result<Duration, FederationError> {
    let bad = || FederationError::Invalid {
        what: "--every",
        value: text.to_string(),
        expected: "a number and a unit s, m, h or d, at least 10s (e.g. 15m)".into(),
    };
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (n, unit) = t.split_at(split);
    let n: u64 = n.parse().map_err(|_| bad())?;
    let secs = match unit {
        "s" => n,
        "m" => n.checked_mul(60).ok_or_else(bad)?,
        "h" => n.checked_mul(3600).ok_or_else(bad)?,
        "d" => n.checked_mul(86_400).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if secs < 10 {
        return Err(bad());
    }
    Ok(Duration::from_secs(secs))
}

/// The name this hub goes by in provenance: the one set with [`set_hub_name`], else its STIX
/// identity id (unique, but meaningless to the operators of other hubs).
pub fn hub_name(store: &dyn Store) -> Result<String, FederationError> {
    if let Some(name) = store.setting(NAME_KEY)? {
        return Ok(name);
    }
    Ok(ward_policy::settings::hub_identity(store)?)
}

pub fn set_hub_name(store: &dyn Store, name: &str) -> Result<(), FederationError> {
    check_name(name)?;
    store.set_setting(NAME_KEY, Some(name))?;
    Ok(())
}

fn corrupt(key: &str, e: impl std::fmt::Display) -> FederationError {
    FederationError::Corrupt {
        key: key.to_string(),
        message: e.to_string(),
    }
}

/// Every configured peer, by name.
pub fn list(store: &dyn Store) -> Result<Vec<PeerConfig>, FederationError> {
    store
        .settings(PEER_PREFIX)?
        .into_iter()
        .map(|(key, value)| serde_json::from_str(&value).map_err(|e| corrupt(&key, e)))
        .collect()
}

pub fn get(store: &dyn Store, name: &str) -> Result<PeerConfig, FederationError> {
    let key = format!("{PEER_PREFIX}{name}");
    let text = store
        .setting(&key)?
        .ok_or_else(|| FederationError::UnknownPeer(name.to_string()))?;
    serde_json::from_str(&text).map_err(|e| corrupt(&key, e))
}

/// Adds a peer. `org_name` (the peer's name when `None`) is the organization standing for
/// it: an existing one is reused (a partner already admitted as a member), else it is
/// admitted with no collections; `config.org_id` is filled in.
pub fn add(
    store: &dyn Store,
    mut config: PeerConfig,
    org_name: Option<&str>,
) -> Result<PeerConfig, FederationError> {
    check_name(&config.name)?;
    let key = format!("{PEER_PREFIX}{}", config.name);
    if store.setting(&key)?.is_some() {
        return Err(FederationError::DuplicatePeer(config.name));
    }
    if store.collection(&config.local_collection)?.is_none() {
        return Err(FederationError::UnknownCollection(config.local_collection));
    }
    let org_name = org_name.unwrap_or(&config.name);
    // Organization names are unique whatever their case.
    let existing = store
        .orgs()?
        .into_iter()
        .find(|o| o.name.to_lowercase() == org_name.to_lowercase());
    config.org_id = match existing {
        Some(org) => org.id,
        None => {
            let outcome = store.change_members(&MemberChange::AddOrg {
                name: org_name.to_string(),
                read: Vec::new(),
                write: Vec::new(),
                settings: Vec::new(),
            })?;
            outcome
                .org
                .map(|o| o.id)
                .ok_or_else(|| FederationError::Peer {
                    peer: config.name.clone(),
                    message: "the store did not return the organization it admitted".into(),
                })?
        }
    };
    let text = serde_json::to_string(&config).map_err(|e| corrupt(&key, e))?;
    store.set_setting(&key, Some(&text))?;
    Ok(config)
}

/// Removes a peer and its state (the organization standing for it stays, with what it sent).
pub fn remove(store: &dyn Store, name: &str) -> Result<PeerConfig, FederationError> {
    let config = get(store, name)?;
    store.set_setting(&format!("{PEER_PREFIX}{name}"), None)?;
    store.set_setting(&format!("{STATE_PREFIX}{name}"), None)?;
    Ok(config)
}

pub fn state(store: &dyn Store, name: &str) -> Result<PeerState, FederationError> {
    let key = format!("{STATE_PREFIX}{name}");
    match store.setting(&key)? {
        None => Ok(PeerState::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| corrupt(&key, e)),
    }
}

pub fn save_state(store: &dyn Store, name: &str, state: &PeerState) -> Result<(), FederationError> {
    let key = format!("{STATE_PREFIX}{name}");
    let text = serde_json::to_string(state).map_err(|e| corrupt(&key, e))?;
    store.set_setting(&key, Some(&text))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        assert_eq!(parse_every("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_every("2h").unwrap(), Duration::from_secs(7200));
        assert!(parse_every("5s").is_err());
        assert!(parse_every("15").is_err());
        assert!(parse_every("m").is_err());
        assert!(parse_every("99999999999999999999d").is_err());
        assert_eq!(parse_ceiling("x", "AMBER").unwrap(), Tlp::Amber);
        assert!(parse_ceiling("x", "red").is_err());
        assert!(parse_ceiling("x", "amber+strict").is_err());
        assert!(check_name("hub-b.example_1").is_ok());
        assert!(check_name("a/b").is_err());
        assert!(check_name("").is_err());
        assert_eq!(Direction::parse("both").unwrap(), Direction::Both);
        assert!(Direction::parse("sideways").is_err());
    }
}
