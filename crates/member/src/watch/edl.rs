//! `[firewall_lists]` in `watch.toml` and the firewalls' tokens: `ward watch` serves its block
//! lists to firewalls that fetch them on a schedule (Palo Alto external dynamic lists,
//! FortiGate external threat feeds, pfSense/OPNsense URL table aliases). This module owns
//! what the section may say and how a token is kept and checked; the server lives in the CLI.
//!
//! A token is shown once when made and kept only as its SHA-256 hash in the store's settings
//! under [`TOKEN_PREFIX`], so a copy of the store gives no firewall's password away, and a
//! token removed there stops working at the next request.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ward_store::{Store, StoreError};

/// Where each firewall's token hash is kept in the store's settings.
pub const TOKEN_PREFIX: &str = "watch/firewall/";
/// The default `listen` address.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:9443";
/// The generated certificate and key, in the data folder, when none is configured.
pub const SELF_SIGNED_CERT: &str = "firewall-lists-cert.pem";
pub const SELF_SIGNED_KEY: &str = "firewall-lists-key.pem";

/// The section as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFirewallLists {
    listen: Option<String>,
    tls: Option<bool>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
}

/// How the lists are served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListsTls {
    /// The admin's own certificate and key.
    Files { cert: PathBuf, key: PathBuf },
    /// A certificate made on first start and kept in the data folder, for the firewall to pin.
    SelfSigned { cert: PathBuf, key: PathBuf },
    /// Plain HTTP: only on a loopback address (a reverse proxy in front, or a test).
    Off,
}

/// A checked `[firewall_lists]`, paths resolved against the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirewallListsConfig {
    pub listen: SocketAddr,
    pub tls: ListsTls,
}

impl RawFirewallLists {
    /// Checks the section; the error names the key and what was expected.
    pub fn check(self, root: &Path) -> Result<FirewallListsConfig, String> {
        let text = self.listen.as_deref().unwrap_or(DEFAULT_LISTEN);
        let listen: SocketAddr = text.parse().map_err(|_| {
            format!(
                "firewall_lists.listen: expected an address and port such as {DEFAULT_LISTEN}, found \"{text}\""
            )
        })?;
        let tls = match (self.tls.unwrap_or(true), self.tls_cert, self.tls_key) {
            (false, None, None) if listen.ip().is_loopback() => ListsTls::Off,
            (false, None, None) => {
                return Err(format!(
                    "firewall_lists.tls = false: plain HTTP is allowed on a loopback listen address only \
                     (127.0.0.1, ::1), not {listen}; the tokens and the lists would cross the network \
                     readable by anyone on the way. Remove `tls = false` to serve HTTPS (a certificate \
                     is made for you), or put a TLS proxy in front and listen on 127.0.0.1"
                ))
            }
            (false, _, _) => {
                return Err(
                    "firewall_lists.tls = false: tls_cert and tls_key are for HTTPS; remove them or remove `tls = false`"
                        .into(),
                )
            }
            (true, Some(cert), Some(key)) => ListsTls::Files {
                cert: root.join(cert),
                key: root.join(key),
            },
            (true, None, None) => ListsTls::SelfSigned {
                cert: root.join(SELF_SIGNED_CERT),
                key: root.join(SELF_SIGNED_KEY),
            },
            (true, Some(_), None) => {
                return Err("firewall_lists.tls_key: expected with tls_cert (a PEM private key file)".into())
            }
            (true, None, Some(_)) => {
                return Err("firewall_lists.tls_cert: expected with tls_key (a PEM certificate file)".into())
            }
        };
        Ok(FirewallListsConfig { listen, tls })
    }
}

/// Why a firewall cannot be added or removed.
#[derive(Debug, thiserror::Error)]
pub enum FirewallError {
    #[error("firewall name {0:?}: expected 1 to 64 letters, digits, '.', '_' or '-' (it is the user name the firewall sends)")]
    BadName(String),
    #[error("firewall {0:?} already has a token; remove it first (`ward watch firewall remove {0}`) to make a new one")]
    Exists(String),
    #[error("a random token could not be made: {0}")]
    Random(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the store keeps per firewall.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FirewallEntry {
    /// Hex SHA-256 of the token.
    pub sha256: String,
    /// When the token was made (RFC 3339).
    pub created: String,
}

/// A firewall's name: the HTTP Basic user name, so no ':' and nothing a config file mangles.
pub fn check_name(name: &str) -> Result<(), FirewallError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(FirewallError::BadName(name.to_string()))
    }
}

/// Makes a token for `name`, keeps its hash and gives the token (shown once, never stored).
pub fn add(store: &dyn Store, name: &str, now: &str) -> Result<String, FirewallError> {
    check_name(name)?;
    let key = format!("{TOKEN_PREFIX}{name}");
    if store.setting(&key)?.is_some() {
        return Err(FirewallError::Exists(name.to_string()));
    }
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| FirewallError::Random(e.to_string()))?;
    // Hex: safe in a URL's query and in a Basic password without any escaping.
    let token = hex(&bytes);
    let entry = FirewallEntry {
        sha256: hex(&Sha256::digest(token.as_bytes())),
        created: now.to_string(),
    };
    let value = serde_json::to_string(&entry).map_err(|e| StoreError::Backend(e.to_string()))?;
    store.set_setting(&key, Some(&value))?;
    Ok(token)
}

/// Every firewall with a token, in name order.
pub fn list(store: &dyn Store) -> Result<Vec<(String, FirewallEntry)>, FirewallError> {
    let mut out: Vec<(String, FirewallEntry)> = store
        .settings(TOKEN_PREFIX)?
        .into_iter()
        .filter_map(|(key, value)| {
            let name = key.strip_prefix(TOKEN_PREFIX)?.to_string();
            let entry = serde_json::from_str(&value).ok()?;
            Some((name, entry))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Forgets `name`'s token; false when it had none.
pub fn remove(store: &dyn Store, name: &str) -> Result<bool, FirewallError> {
    check_name(name)?;
    let key = format!("{TOKEN_PREFIX}{name}");
    if store.setting(&key)?.is_none() {
        return Ok(false);
    }
    store.set_setting(&key, None)?;
    Ok(true)
}

/// The firewall a presented token belongs to. With `name` (HTTP Basic) only that firewall's
/// token is accepted; without (a bearer token, `?token=`) any firewall's. Every stored hash is
/// compared in full, so the time taken says nothing about how close a guess was.
pub fn verify(
    store: &dyn Store,
    name: Option<&str>,
    token: &str,
) -> Result<Option<String>, FirewallError> {
    let presented = Sha256::digest(token.as_bytes());
    let mut found = None;
    for (firewall, entry) in list(store)? {
        let Some(stored) = unhex(&entry.sha256) else {
            continue;
        };
        let same = constant_time_eq(&stored, presented.as_slice());
        let named = name.is_none_or(|n| n == firewall);
        if same && named && found.is_none() {
            found = Some(firewall);
        }
    }
    Ok(found)
}

/// Equal contents, in a time that depends on the length only.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from hex (either case); `None` when it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<FirewallListsConfig, String> {
        let raw: RawFirewallLists = toml::from_str(text).unwrap();
        raw.check(Path::new("d"))
    }

    #[test]
    fn https_by_default_with_a_made_certificate() {
        let c = check("").unwrap();
        assert_eq!(c.listen, DEFAULT_LISTEN.parse().unwrap());
        assert_eq!(
            c.tls,
            ListsTls::SelfSigned {
                cert: Path::new("d").join(SELF_SIGNED_CERT),
                key: Path::new("d").join(SELF_SIGNED_KEY)
            }
        );
        let c = check("tls_cert = \"c.pem\"\ntls_key = \"k.pem\"").unwrap();
        assert!(matches!(c.tls, ListsTls::Files { .. }));
    }

    #[test]
    fn plain_http_only_on_loopback() {
        let c = check("listen = \"127.0.0.1:0\"\ntls = false").unwrap();
        assert_eq!(c.tls, ListsTls::Off);
        let e = check("listen = \"0.0.0.0:9443\"\ntls = false").unwrap_err();
        assert!(e.contains("loopback"), "{e}");
        let e = check("tls_cert = \"c.pem\"").unwrap_err();
        assert!(e.contains("tls_key"), "{e}");
        let e = check("listen = \"nowhere\"").unwrap_err();
        assert!(e.contains("firewall_lists.listen"), "{e}");
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("pa-1.hq_fw").is_ok());
        for bad in ["", "a:b", "a b", &"x".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_token_is_kept_as_a_hash_and_stops_working_when_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = ward_store::SqliteStore::open(dir.path()).unwrap();
        let token = add(&store, "pa-1", "2026-12-03T10:00:00Z").unwrap();
        assert_eq!(token.len(), 64);
        let kept = store.setting("watch/firewall/pa-1").unwrap().unwrap();
        assert!(!kept.contains(&token), "the token itself is never stored");
        assert!(matches!(
            add(&store, "pa-1", "x"),
            Err(FirewallError::Exists(_))
        ));
        assert_eq!(
            verify(&store, Some("pa-1"), &token).unwrap().as_deref(),
            Some("pa-1")
        );
        assert_eq!(
            verify(&store, None, &token).unwrap().as_deref(),
            Some("pa-1")
        );
        assert_eq!(verify(&store, Some("other"), &token).unwrap(), None);
        assert_eq!(verify(&store, None, "wrong").unwrap(), None);
        assert_eq!(list(&store).unwrap().len(), 1);
        assert!(remove(&store, "pa-1").unwrap());
        assert!(!remove(&store, "pa-1").unwrap());
        assert_eq!(verify(&store, None, &token).unwrap(), None);
    }

    #[test]
    fn hashes_compare_in_full() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert_eq!(unhex(&hex(&[0, 255, 16])), Some(vec![0, 255, 16]));
    }
}
