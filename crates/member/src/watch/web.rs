//! `watch.toml`'s `[web]` section and what the member's web pages keep in the data folder:
//! the sign-in password (an argon2id hash in the store's settings, never the password), the
//! key session cookies are signed with and the sessions ended by a sign-out (store settings
//! too, so sessions outlive a restart of `ward watch` and a sign-out does not), and the
//! inventory uploaded from the devices page (`inventory/`).
//!
//! The pages listen on loopback unless a password is set: a `listen` address elsewhere
//! without one is refused when watch starts, so the member's alerts and plan are never on
//! the network without a sign-in.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use ward_store::Store;

use crate::files::write_atomic;
use crate::{DataDir, MemberError};

/// The address when `[web]` is present without `listen`.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8765";
/// Where the sign-in password's hash is kept in the store's settings.
pub const PASSWORD_KEY: &str = "watch/web/password";
/// The folder of the inventory saved from the devices page.
pub const INVENTORY_DIR: &str = "inventory";
/// Where the key session cookies are signed with is kept (hex), made on first use.
pub const SESSION_KEY: &str = "watch/web/session_key";
/// When every session was last ended at once ("sign out everywhere"), in seconds since the
/// epoch: sessions that began by then are refused.
pub const SIGNED_OUT_KEY: &str = "watch/web/signed_out";
/// One setting per session ended by its own sign-out (`PREFIX<session id>` = when the
/// session would have expired), kept until then.
pub const ENDED_PREFIX: &str = "watch/web/ended/";
/// Connections the pages serve at once when `max_connections` is not given.
pub const DEFAULT_MAX_CONNECTIONS: usize = 64;

/// `[web]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeb {
    listen: Option<String>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    max_connections: Option<i64>,
}

/// A checked `[web]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebConfig {
    pub listen: SocketAddr,
    /// `tls_cert` and `tls_key` (PEM), resolved against the data folder: HTTPS, and the
    /// session cookie marked `Secure`.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Connections served at once; one more is refused at once (503 over plain HTTP).
    pub max_connections: usize,
}

/// Checks `[web]`, paths resolved against `root`; errors name the key.
pub fn check(raw: RawWeb, root: &Path) -> Result<WebConfig, String> {
    let tls = match (raw.tls_cert, raw.tls_key) {
        (Some(cert), Some(key)) => Some((root.join(cert), root.join(key))),
        (None, None) => None,
        (Some(_), None) => {
            return Err("web.tls_key: expected with tls_cert (a PEM private key file)".into())
        }
        (None, Some(_)) => {
            return Err("web.tls_cert: expected with tls_key (a PEM certificate file)".into())
        }
    };
    let text = raw.listen.unwrap_or_else(|| DEFAULT_LISTEN.to_string());
    let listen = text.parse::<SocketAddr>().map_err(|_| {
        format!(
            "web.listen: expected an address and port such as {DEFAULT_LISTEN}, found \"{text}\""
        )
    })?;
    let max_connections = match raw.max_connections {
        None => DEFAULT_MAX_CONNECTIONS,
        Some(n @ 1..=10_000) => n as usize,
        Some(n) => {
            return Err(format!(
                "web.max_connections: expected 1 to 10000 connections served at once, found {n}"
            ))
        }
    };
    Ok(WebConfig {
        listen,
        tls,
        max_connections,
    })
}

impl WebConfig {
    /// Why the pages may not start on this address: `None` on loopback, or elsewhere when a
    /// password is set.
    pub fn refusal(&self, store: &dyn Store) -> Result<Option<String>, MemberError> {
        if self.listen.ip().is_loopback() || password_hash(store)?.is_some() {
            return Ok(None);
        }
        Ok(Some(format!(
            "web.listen = \"{}\" is not a loopback address and no sign-in password is set; set one with `ward watch web-password` or listen on 127.0.0.1",
            self.listen
        )))
    }
}

/// The sign-in password's argon2id hash, if one is set.
pub fn password_hash(store: &dyn Store) -> Result<Option<String>, MemberError> {
    store
        .setting(PASSWORD_KEY)
        .map_err(|e| MemberError::Journal(e.to_string()))
}

/// Sets (`Some`) or removes (`None`) the sign-in password; only its hash is kept.
pub fn set_password(store: &dyn Store, password: Option<&str>) -> Result<(), MemberError> {
    let hash = match password {
        Some(p) => Some(
            ward_store::credentials::hash_password(p)
                .map_err(|e| MemberError::Journal(e.to_string()))?,
        ),
        None => None,
    };
    store
        .set_setting(PASSWORD_KEY, hash.as_deref())
        .map_err(|e| MemberError::Journal(e.to_string()))
}

/// True when `password` is the one set. With none set, every password is wrong; the hash is
/// still computed against a dummy, so the answer takes as long either way.
pub fn check_password(store: &dyn Store, password: &str) -> Result<bool, MemberError> {
    match password_hash(store)? {
        Some(hash) => Ok(ward_store::credentials::verify_password(&hash, password)),
        None => {
            let _ = ward_store::credentials::verify_password(
                ward_store::credentials::dummy_password_hash(),
                password,
            );
            Ok(false)
        }
    }
}

fn journal_error(e: impl std::fmt::Display) -> MemberError {
    MemberError::Journal(e.to_string())
}

/// The key the pages sign session cookies with: kept in the store's settings, so a session
/// outlives a restart of `ward watch`; made (random, 32 bytes) on first use.
pub fn session_key(store: &dyn Store) -> Result<Vec<u8>, MemberError> {
    if let Some(hex) = store.setting(SESSION_KEY).map_err(journal_error)? {
        if let Some(key) = crate::watch::edl::unhex(&hex).filter(|k| k.len() >= 32) {
            return Ok(key);
        }
    }
    let key = ward_store::credentials::random_secret().map_err(journal_error)?;
    store
        .set_setting(SESSION_KEY, Some(&crate::watch::edl::hex(&key)))
        .map_err(journal_error)?;
    Ok(key)
}

/// When every session was last ended at once (seconds since the epoch), if ever.
pub fn signed_out_at(store: &dyn Store) -> Result<Option<i64>, MemberError> {
    Ok(store
        .setting(SIGNED_OUT_KEY)
        .map_err(journal_error)?
        .and_then(|t| t.parse().ok()))
}

/// Ends every session that began by `now` ("sign out everywhere").
pub fn sign_out_everywhere(store: &dyn Store, now: i64) -> Result<(), MemberError> {
    store
        .set_setting(SIGNED_OUT_KEY, Some(&now.to_string()))
        .map_err(journal_error)
}

/// Ends one session (`id`, which would expire at `expires`), and forgets sessions ended
/// before that have expired since.
pub fn end_session(store: &dyn Store, id: &str, expires: i64, now: i64) -> Result<(), MemberError> {
    let mut before: Option<String> = None;
    loop {
        let page = store
            .settings_page(ENDED_PREFIX, before.as_deref(), 500)
            .map_err(journal_error)?;
        for (key, until) in &page {
            if until.parse::<i64>().map_or(true, |t| t <= now) {
                store.set_setting(key, None).map_err(journal_error)?;
            }
        }
        match page.last() {
            Some((key, _)) if page.len() == 500 => before = Some(key.clone()),
            _ => break,
        }
    }
    store
        .set_setting(&format!("{ENDED_PREFIX}{id}"), Some(&expires.to_string()))
        .map_err(journal_error)
}

/// True when session `id` was ended by its own sign-out.
pub fn session_ended(store: &dyn Store, id: &str) -> Result<bool, MemberError> {
    Ok(store
        .setting(&format!("{ENDED_PREFIX}{id}"))
        .map_err(journal_error)?
        .is_some())
}

impl DataDir {
    /// The folder of the inventory saved from the devices page.
    pub fn inventory_dir(&self) -> PathBuf {
        self.root().join(INVENTORY_DIR)
    }

    /// Saves an uploaded inventory as `inventory/inventory.EXT` (EXT one of the inventory
    /// reader's: csv, tsv, txt, json, xlsx, xlsm, ods), replacing the one saved before, and
    /// returns its path. `ward exposure --inventory` reads it from there.
    pub fn save_inventory(&self, extension: &str, bytes: &[u8]) -> Result<PathBuf, MemberError> {
        let ext = extension.to_ascii_lowercase();
        if !["csv", "tsv", "txt", "json", "xlsx", "xlsm", "ods"].contains(&ext.as_str()) {
            return Err(MemberError::Journal(format!(
                "an inventory is saved as csv, tsv, txt, json, xlsx, xlsm or ods, not \"{ext}\""
            )));
        }
        let dir = self.inventory_dir();
        let path = dir.join(format!("inventory.{ext}"));
        write_atomic(&path, bytes)?;
        // One inventory at a time: another format saved before would be read beside it.
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let p = e.path();
                let is_old = p.file_stem().is_some_and(|s| s == "inventory") && p != path;
                if is_old {
                    let _ = std::fs::remove_file(p);
                }
            }
        }
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_loopback_address_needs_a_password() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let store = data.open_store().unwrap();
        let local = check(RawWeb::default(), dir.path()).unwrap();
        assert!(local.tls.is_none());
        assert_eq!(local.listen.to_string(), DEFAULT_LISTEN);
        assert!(local.refusal(&*store).unwrap().is_none());
        let wide = check(
            RawWeb {
                listen: Some("0.0.0.0:8765".into()),
                tls_cert: Some("web.pem".into()),
                tls_key: Some("web-key.pem".into()),
                max_connections: Some(8),
            },
            dir.path(),
        )
        .unwrap();
        assert_eq!(
            wide.tls,
            Some((dir.path().join("web.pem"), dir.path().join("web-key.pem")))
        );
        assert_eq!(wide.max_connections, 8);
        let why = wide.refusal(&*store).unwrap().unwrap();
        assert!(why.contains("web-password"), "{why}");
        assert!(!check_password(&*store, "secret words").unwrap());
        set_password(&*store, Some("secret words")).unwrap();
        assert!(wide.refusal(&*store).unwrap().is_none());
        assert!(check_password(&*store, "secret words").unwrap());
        assert!(!check_password(&*store, "secret word").unwrap());
        let kept = password_hash(&*store).unwrap().unwrap();
        assert!(!kept.contains("secret"), "{kept}");
        let err = check(
            RawWeb {
                listen: Some("nowhere".into()),
                ..RawWeb::default()
            },
            dir.path(),
        )
        .unwrap_err();
        assert!(err.starts_with("web.listen"), "{err}");
        let err = check(
            RawWeb {
                tls_cert: Some("web.pem".into()),
                ..RawWeb::default()
            },
            dir.path(),
        )
        .unwrap_err();
        assert!(err.starts_with("web.tls_key"), "{err}");
        assert_eq!(local.max_connections, DEFAULT_MAX_CONNECTIONS);
        for bad in [0, -1, 10_001] {
            let err = check(
                RawWeb {
                    max_connections: Some(bad),
                    ..RawWeb::default()
                },
                dir.path(),
            )
            .unwrap_err();
            assert!(err.starts_with("web.max_connections"), "{err}");
        }
    }

    #[test]
    fn the_session_key_and_ended_sessions_are_kept_in_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let store = data.open_store().unwrap();
        let key = session_key(&*store).unwrap();
        assert_eq!(key.len(), 32);
        let reopened = data.open_store().unwrap();
        assert_eq!(
            session_key(&*reopened).unwrap(),
            key,
            "the same after a restart"
        );
        assert_eq!(signed_out_at(&*store).unwrap(), None);
        sign_out_everywhere(&*store, 1_000).unwrap();
        assert_eq!(signed_out_at(&*reopened).unwrap(), Some(1_000));
        end_session(&*store, "aaaa", 2_000, 1_000).unwrap();
        end_session(&*store, "bbbb", 5_000, 1_500).unwrap();
        assert!(session_ended(&*reopened, "aaaa").unwrap());
        assert!(!session_ended(&*store, "cccc").unwrap());
        // A later sign-out forgets the ended sessions that have expired meanwhile.
        end_session(&*store, "cccc", 9_000, 3_000).unwrap();
        assert!(!session_ended(&*store, "aaaa").unwrap());
        assert!(session_ended(&*store, "bbbb").unwrap());
    }

    #[test]
    fn one_inventory_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let csv = data
            .save_inventory("CSV", b"name,vendor,product,version\n")
            .unwrap();
        assert!(csv.ends_with("inventory/inventory.csv"));
        let xlsx = data.save_inventory("xlsx", b"PK\x03\x04").unwrap();
        assert!(xlsx.is_file() && !csv.exists());
        assert!(data.save_inventory("exe", b"MZ").is_err());
    }
}
