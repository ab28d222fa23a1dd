//! `watch.toml`'s `[web]` section and what the member's web pages keep in the data folder:
//! the sign-in password (an argon2id hash in the store's settings, never the password) and
//! the inventory uploaded from the devices page (`inventory/`).
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

/// `[web]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeb {
    listen: Option<String>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
}

/// A checked `[web]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebConfig {
    pub listen: SocketAddr,
    /// `tls_cert` and `tls_key` (PEM), resolved against the data folder: HTTPS, and the
    /// session cookie marked `Secure`.
    pub tls: Option<(PathBuf, PathBuf)>,
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
    Ok(WebConfig { listen, tls })
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
            },
            dir.path(),
        )
        .unwrap();
        assert_eq!(
            wide.tls,
            Some((dir.path().join("web.pem"), dir.path().join("web-key.pem")))
        );
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
