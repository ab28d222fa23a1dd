//! `watch.toml`'s `[web]` section and what the member's web pages keep in the data folder:
//! the sign-in password (an argon2id hash in the store's settings, never the password), the
//! key session cookies are signed with and the sessions ended by a sign-out (store settings
//! too, so sessions outlive a restart of `ward watch` and a sign-out does not), inventories
//! uploaded and previewed but not yet confirmed (store settings, bounded and expiring, so a
//! restart between the preview and the confirm button loses nothing), and the inventory
//! saved from the devices page (`inventory/`).
//!
//! The pages listen on loopback unless a password is set: a `listen` address elsewhere
//! without one is refused when watch starts, so the member's alerts and plan are never on
//! the network without a sign-in.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
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
/// Inventories uploaded and previewed, waiting for their confirm button: one setting each,
/// `PREFIX<id>`, the id being when it was uploaded (microseconds since the epoch, 20 digits)
/// and a random part, so they list oldest first and expire by their key alone.
pub const UPLOAD_PREFIX: &str = "watch/web/upload/";
/// Uploads waiting at most; a new one drops the oldest beyond this.
pub const MAX_PENDING_UPLOADS: usize = 4;
/// What the uploads waiting may hold together, as stored (base64 in JSON), at most; a new
/// one drops the oldest beyond this.
pub const MAX_PENDING_BYTES: usize = 48 * 1024 * 1024;
/// How long an upload waits for its confirm button, in microseconds.
pub const PENDING_UPLOAD_MICROS: i64 = 3600 * 1_000_000;
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

/// An upload as kept in its setting.
#[derive(Serialize, Deserialize)]
struct Pending {
    session: String,
    extension: String,
    /// The file, base64.
    bytes: String,
}

/// An inventory uploaded and previewed, handed back by [`take_upload`].
#[derive(Debug, PartialEq, Eq)]
pub struct PendingUpload {
    /// The uploaded file's extension (lower case), what it is saved under.
    pub extension: String,
    pub bytes: Vec<u8>,
}

/// When upload `id` was kept (microseconds), if `id` is one [`keep_upload`] made.
fn uploaded_at(id: &str) -> Option<i64> {
    let (at, random) = id.split_once('-')?;
    let well_formed = at.len() == 20
        && at.bytes().all(|b| b.is_ascii_digit())
        && random.len() == 32
        && random.bytes().all(|b| b.is_ascii_hexdigit());
    well_formed.then(|| at.parse().ok()).flatten()
}

fn upload_fresh(at: i64, now: i64) -> bool {
    now.saturating_sub(at) < PENDING_UPLOAD_MICROS
}

/// Keeps an uploaded inventory for session `session` until [`take_upload`] takes it or it
/// expires ([`PENDING_UPLOAD_MICROS`]); returns its id. Expired uploads are dropped, and the
/// oldest beyond [`MAX_PENDING_UPLOADS`] or [`MAX_PENDING_BYTES`] with this one.
pub fn keep_upload(
    store: &dyn Store,
    session: &str,
    extension: &str,
    bytes: &[u8],
    now: i64,
) -> Result<String, MemberError> {
    let random = ward_store::credentials::random_secret().map_err(journal_error)?;
    let id = format!(
        "{:020}-{}",
        now.max(0),
        crate::watch::edl::hex(&random[..16])
    );
    let value = serde_json::to_string(&Pending {
        session: session.to_string(),
        extension: extension.to_ascii_lowercase(),
        bytes: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
    .map_err(journal_error)?;
    if value.len() > MAX_PENDING_BYTES {
        return Err(MemberError::Journal(format!(
            "an upload of {} bytes is more than the {} MB kept for confirmation",
            bytes.len(),
            MAX_PENDING_BYTES / 4 * 3 / (1024 * 1024)
        )));
    }
    prune_uploads(
        store,
        now,
        MAX_PENDING_UPLOADS - 1,
        MAX_PENDING_BYTES - value.len(),
    )?;
    store
        .set_setting(&format!("{UPLOAD_PREFIX}{id}"), Some(&value))
        .map_err(journal_error)?;
    Ok(id)
}

/// Drops every upload waiting that expired by `now`, and the oldest beyond `count` uploads
/// or `bytes` stored; reads one upload at a time, newest first.
fn prune_uploads(
    store: &dyn Store,
    now: i64,
    count: usize,
    bytes: usize,
) -> Result<(), MemberError> {
    let (mut before, mut kept, mut held) = (None::<String>, 0usize, 0usize);
    loop {
        let page = store
            .settings_page(UPLOAD_PREFIX, before.as_deref(), 1)
            .map_err(journal_error)?;
        let Some((key, value)) = page.into_iter().next() else {
            return Ok(());
        };
        let fresh =
            uploaded_at(&key[UPLOAD_PREFIX.len()..]).is_some_and(|at| upload_fresh(at, now));
        if fresh && kept < count && held + value.len() <= bytes {
            kept += 1;
            held += value.len();
        } else {
            store.set_setting(&key, None).map_err(journal_error)?;
        }
        before = Some(key);
    }
}

/// Takes upload `id` back for its confirm button: the upload, when `id` names one kept for
/// this `session` that has not expired by `now` (it is then no longer kept); `None`
/// otherwise (another session's upload stays kept for it).
pub fn take_upload(
    store: &dyn Store,
    id: &str,
    session: &str,
    now: i64,
) -> Result<Option<PendingUpload>, MemberError> {
    let Some(at) = uploaded_at(id) else {
        return Ok(None);
    };
    let key = format!("{UPLOAD_PREFIX}{id}");
    let Some(value) = store.setting(&key).map_err(journal_error)? else {
        return Ok(None);
    };
    let pending: Option<Pending> = serde_json::from_str(&value).ok();
    let bytes = pending.as_ref().and_then(|p| {
        base64::engine::general_purpose::STANDARD
            .decode(&p.bytes)
            .ok()
    });
    let (Some(pending), Some(bytes)) = (pending, bytes) else {
        // Not one of ours any more: dropped rather than kept forever.
        store.set_setting(&key, None).map_err(journal_error)?;
        return Ok(None);
    };
    if pending.session != session {
        return Ok(None);
    }
    store.set_setting(&key, None).map_err(journal_error)?;
    Ok(upload_fresh(at, now).then_some(PendingUpload {
        extension: pending.extension,
        bytes,
    }))
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

    #[test]
    fn uploads_wait_in_the_store_bounded_and_expiring() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let store = data.open_store().unwrap();
        let t0 = 1_700_000_000_000_000;
        let id = keep_upload(&*store, "s1", "CSV", b"name\nPC\n", t0).unwrap();
        assert!(uploaded_at(&id).is_some(), "{id}");
        // Another store handle (a restarted watch) finds it; another session does not.
        let reopened = data.open_store().unwrap();
        assert_eq!(take_upload(&*reopened, &id, "s2", t0).unwrap(), None);
        let taken = take_upload(&*reopened, &id, "s1", t0 + 1).unwrap().unwrap();
        assert_eq!(taken.extension, "csv");
        assert_eq!(taken.bytes, b"name\nPC\n");
        assert_eq!(
            take_upload(&*store, &id, "s1", t0).unwrap(),
            None,
            "taken once"
        );
        // Expired: not handed back, and gone.
        let old = keep_upload(&*store, "s1", "csv", b"x", t0).unwrap();
        let late = t0 + PENDING_UPLOAD_MICROS;
        assert_eq!(take_upload(&*store, &old, "s1", late).unwrap(), None);
        assert!(store
            .setting(&format!("{UPLOAD_PREFIX}{old}"))
            .unwrap()
            .is_none());
        // At most MAX_PENDING_UPLOADS wait: the oldest goes first.
        let ids: Vec<String> = (0..=MAX_PENDING_UPLOADS as i64)
            .map(|n| keep_upload(&*store, "s1", "csv", b"y", t0 + n).unwrap())
            .collect();
        assert_eq!(
            store.settings(UPLOAD_PREFIX).unwrap().len(),
            MAX_PENDING_UPLOADS
        );
        assert_eq!(take_upload(&*store, &ids[0], "s1", t0).unwrap(), None);
        assert!(take_upload(&*store, &ids[1], "s1", t0).unwrap().is_some());
        // The bytes bound drops the oldest too (each of these is about 50 bytes kept, so 60
        // holds the newest alone); a later keep drops what expired.
        prune_uploads(&*store, t0, 10, 60).unwrap();
        assert_eq!(store.settings(UPLOAD_PREFIX).unwrap().len(), 1);
        keep_upload(&*store, "s1", "csv", b"z", late + 10).unwrap();
        assert_eq!(store.settings(UPLOAD_PREFIX).unwrap().len(), 1);
        // Ids not made here name nothing, never another setting.
        for bad in ["", "../password", "1-2", &format!("{}x", &ids[2][..52])] {
            assert_eq!(take_upload(&*store, bad, "s1", t0).unwrap(), None, "{bad}");
        }
    }
}
