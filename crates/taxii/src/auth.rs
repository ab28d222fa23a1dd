//! Authentication layer: `Authorization: Basic` (user and argon2-checked password) or
//! `Authorization: Bearer` (API token, looked up by its hash; `Token` is accepted as a synonym
//! because taxii2-client sends it). The resolved [`Caller`] goes
//! into the request's extensions; anything else is a 401 with `WWW-Authenticate`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use ward_store::credentials::{dummy_password_hash, token_hash, verify_password};
use ward_store::User;

use crate::error::TaxiiError;
use crate::filters::{Caller, Credential};
use crate::AppState;

const BASIC_CACHE_MAX: usize = 10_000;

/// A token's `last_used` is written at most this often per process, so that reads stay
/// reads.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

/// The authentication layer's memory, per process. None of it decides on its own that a
/// credential is valid: every request reads the user or token from the store.
#[derive(Default)]
pub struct AuthState {
    /// Verified Basic credentials: digest of `user:password` -> the stored argon2 hash it was
    /// verified against. A hit counts only while the store still holds that same hash, so a
    /// changed or removed password (by any process sharing the store) fails at once.
    basic: Mutex<HashMap<[u8; 32], String>>,
    /// When this process last wrote each token's `last_used`.
    touched: Mutex<HashMap<String, Instant>>,
    throttle: Throttle,
}

impl AuthState {
    pub(crate) fn new(max_failures: u32, window: Duration) -> AuthState {
        AuthState {
            throttle: Throttle::new(max_failures, window),
            ..AuthState::default()
        }
    }

    fn cached(&self, key: &[u8; 32], stored: &str) -> bool {
        let basic = self.basic.lock().unwrap_or_else(|p| p.into_inner());
        basic.get(key).is_some_and(|phc| phc == stored)
    }

    fn remember(&self, key: [u8; 32], stored: &str) {
        let mut basic = self.basic.lock().unwrap_or_else(|p| p.into_inner());
        if basic.len() >= BASIC_CACHE_MAX {
            basic.clear();
        }
        basic.insert(key, stored.to_string());
    }

    /// Whether this process should write the token's `last_used` now.
    fn should_touch(&self, hash: &str) -> bool {
        let mut touched = self.touched.lock().unwrap_or_else(|p| p.into_inner());
        if touched.len() >= BASIC_CACHE_MAX {
            touched.clear();
        }
        match touched.get(hash) {
            Some(at) if at.elapsed() < TOUCH_EVERY => false,
            _ => {
                touched.insert(hash.to_string(), Instant::now());
                true
            }
        }
    }
}

/// Failed sign-ins counted per client address and per user name in fixed windows: once a
/// key reaches `max_failures` in a window, every attempt under it is answered 429 until the
/// window ends, right credentials or not. `ward watch`'s pages count their sign-ins with it
/// too.
#[derive(Default)]
pub struct Throttle {
    max_failures: u32,
    window: Duration,
    entries: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Throttle {
    /// At most `max_failures` failures per key in each `window`.
    pub fn new(max_failures: u32, window: Duration) -> Throttle {
        Throttle {
            max_failures,
            window,
            entries: Mutex::default(),
        }
    }

    /// How long until `keys` may try again, when one of them is blocked.
    #[cfg(test)]
    fn retry_after(&self, keys: &[String]) -> Option<Duration> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        Self::blocked_for(&entries, keys, self.max_failures, self.window)
    }

    fn blocked_for(
        entries: &HashMap<String, (Instant, u32)>,
        keys: &[String],
        max_failures: u32,
        window: Duration,
    ) -> Option<Duration> {
        keys.iter()
            .filter_map(|k| entries.get(k))
            .filter(|(start, n)| *n >= max_failures && start.elapsed() < window)
            .map(|(start, _)| window.saturating_sub(start.elapsed()))
            .max()
    }

    /// Admits one sign-in attempt for `keys`, or says how long they are blocked. The check
    /// and the count are one step under the lock, and the attempt counts as a failure until
    /// [`Throttle::succeeded`] takes it back: attempts in flight at once (many HTTP/2
    /// streams) cannot all pass a check that none of them has been counted against yet.
    pub fn begin(&self, keys: &[String]) -> Result<(), Duration> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(wait) = Self::blocked_for(&entries, keys, self.max_failures, self.window) {
            return Err(wait);
        }
        Self::count(&mut entries, keys, self.window);
        Ok(())
    }

    /// Takes back the count [`Throttle::begin`] made for an attempt that did not fail.
    pub fn succeeded(&self, keys: &[String]) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        for key in keys {
            if let Some(entry) = entries.get_mut(key) {
                entry.1 = entry.1.saturating_sub(1);
                if entry.1 == 0 {
                    // Nothing failed under this key: keep no entry for it.
                    entries.remove(key);
                }
            }
        }
    }

    /// Counts one failure for `keys` (tests; the hub counts through [`Throttle::begin`]).
    #[cfg(test)]
    fn failed(&self, keys: &[String]) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        Self::count(&mut entries, keys, self.window);
    }

    fn count(entries: &mut HashMap<String, (Instant, u32)>, keys: &[String], window: Duration) {
        if entries.len() >= BASIC_CACHE_MAX {
            entries.retain(|_, (start, _)| start.elapsed() < window);
        }
        for key in keys {
            let entry = entries.entry(key.clone()).or_insert((Instant::now(), 0));
            if entry.0.elapsed() >= window {
                *entry = (Instant::now(), 0);
            }
            entry.1 = entry.1.saturating_add(1);
        }
    }
}

/// 429 with `Retry-After` and a TAXII error body.
fn throttled(wait: Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let mut response = TaxiiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many failed sign-ins",
        format!(
            "too many failed sign-ins from this address or for this user; retry in {seconds} s"
        ),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// Checks `password` against the user's stored hash; without one (unknown user, token-only
/// user) against [`dummy_password_hash`], so every failure costs one argon2 verification and
/// the answer's timing does not tell which user names exist or have a password.
fn check_password(
    stored: Option<&str>,
    password: &str,
    verify: &dyn Fn(&str, &str) -> bool,
) -> bool {
    match stored {
        Some(phc) => verify(phc, password),
        None => {
            let _ = verify(dummy_password_hash(), password);
            false
        }
    }
}

fn caller_of(user: User, credential: Credential) -> Caller {
    Caller {
        user_id: user.id,
        user_name: user.name,
        org_id: user.org_id,
        org_name: user.org_name,
        credential,
    }
}

async fn basic(state: &AppState, name: String, password: String) -> Result<Caller, TaxiiError> {
    let memo_key: [u8; 32] = Sha256::digest(format!("{name}:{password}").as_bytes()).into();
    let store = state.store.clone();
    let auth = state.auth.clone();
    let user = tokio::task::spawn_blocking(move || -> Result<Option<User>, TaxiiError> {
        let user = store.user(&name)?;
        let stored = user.as_ref().and_then(|u| u.password_hash.clone());
        if let Some(phc) = &stored {
            if auth.cached(&memo_key, phc) {
                return Ok(user);
            }
        }
        if !check_password(stored.as_deref(), &password, &verify_password) {
            return Ok(None);
        }
        if let Some(phc) = &stored {
            auth.remember(memo_key, phc);
        }
        Ok(user)
    })
    .await
    .map_err(|e| TaxiiError::internal(format!("authentication task failed: {e}")))??;
    user.map(|u| caller_of(u, Credential::Password))
        .ok_or_else(|| TaxiiError::unauthorized("wrong user or password"))
}

async fn bearer(state: &AppState, token: &str) -> Result<Caller, TaxiiError> {
    let hash = token_hash(token.trim());
    let store = state.store.clone();
    let lookup = hash.clone();
    let user = tokio::task::spawn_blocking(move || store.user_by_token(&lookup))
        .await
        .map_err(|e| TaxiiError::internal(format!("authentication task failed: {e}")))??;
    let user = user.ok_or_else(|| TaxiiError::unauthorized("unknown, revoked or expired token"))?;
    if state.auth.should_touch(&hash) {
        // Not awaited: the request does not wait for the note of when the token was used.
        let store = state.store.clone();
        let now = ward_stix::Timestamp::now().as_micros();
        tokio::task::spawn_blocking(move || {
            if let Err(e) = store.touch_token(&hash, now) {
                eprintln!("ward serve: noting a token's last use: {e}");
            }
        });
    }
    Ok(caller_of(user, Credential::Token))
}

/// What a password sign-in came to.
pub(crate) enum SignIn {
    Admitted(Caller),
    /// Wrong user or password, or the store could not answer (the error says which).
    Refused(TaxiiError),
    /// Too many failures from this address or for this user: retry after this long.
    Throttled(Duration),
}

/// A user name and password checked exactly as HTTP Basic is, under the same throttle
/// (counted by client address and by user name): the web interface's sign-in form and the
/// TAXII `Authorization: Basic` header share one budget of failures.
pub(crate) async fn sign_in_password(
    state: &AppState,
    address: Option<SocketAddr>,
    name: String,
    password: String,
) -> SignIn {
    let keys = vec![address_key(address), format!("user {name}")];
    if let Err(wait) = state.auth.throttle.begin(&keys) {
        return SignIn::Throttled(wait);
    }
    match basic(state, name, password).await {
        Ok(caller) => {
            state.auth.throttle.succeeded(&keys);
            SignIn::Admitted(caller)
        }
        Err(e) => {
            if e.status != StatusCode::UNAUTHORIZED {
                state.auth.throttle.succeeded(&keys);
            }
            SignIn::Refused(e)
        }
    }
}

fn address_key(address: Option<SocketAddr>) -> String {
    match address {
        Some(addr) => format!("address {}", addr.ip()),
        None => "address unknown".to_string(),
    }
}

/// Layer: resolves the caller, or answers 401 (429 after too many failures).
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, TaxiiError> {
    let Some(header_value) = request.headers().get(header::AUTHORIZATION) else {
        let is_get = request.method() == axum::http::Method::GET;
        let path = request.uri().path().to_string();
        if is_get && public_read(&state, &path).await {
            request.extensions_mut().insert(Caller::anonymous());
            return Ok(next.run(request).await);
        }
        return Err(TaxiiError::unauthorized(
            "send HTTP Basic credentials or a Bearer token",
        ));
    };
    let value = header_value
        .to_str()
        .map_err(|_| TaxiiError::unauthorized("the Authorization header is not text"))?
        .to_string();
    let (scheme, rest) = value
        .split_once(' ')
        .ok_or_else(|| TaxiiError::unauthorized("expected `Basic ...` or `Bearer ...`"))?;
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    let mut keys = vec![address_key(address)];
    let basic_credentials = if scheme.eq_ignore_ascii_case("basic") {
        let bad = || TaxiiError::unauthorized("Basic credentials are malformed");
        let decoded = STANDARD.decode(rest.trim()).map_err(|_| bad())?;
        let text = String::from_utf8(decoded).map_err(|_| bad())?;
        let (name, password) = text.split_once(':').ok_or_else(bad)?;
        keys.push(format!("user {name}"));
        Some((name.to_string(), password.to_string()))
    } else if scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token") {
        // `Token` is what taxii2-client's TokenAuth sends; same credential, other name.
        None
    } else {
        return Err(TaxiiError::unauthorized(
            "expected `Basic ...` or `Bearer ...`",
        ));
    };
    if let Err(wait) = state.auth.throttle.begin(&keys) {
        return Ok(throttled(wait));
    }
    let resolved = match basic_credentials {
        Some((name, password)) => basic(&state, name, password).await,
        None => bearer(&state, rest).await,
    };
    let caller = match resolved {
        Ok(caller) => {
            state.auth.throttle.succeeded(&keys);
            caller
        }
        Err(e) => {
            // Only a refused credential stays counted; a store error is not the caller's.
            if e.status != StatusCode::UNAUTHORIZED {
                state.auth.throttle.succeeded(&keys);
            }
            return Err(e);
        }
    };
    if let Some(audit) = request.extensions().get::<crate::audit::AuditCaller>() {
        audit.set(&caller);
    }
    request.extensions_mut().insert(caller);
    Ok(next.run(request).await)
}

/// Is a GET of `path` a read of a collection the policy makes public? Only paths under
/// `/taxii2/api/collections/{id}` qualify; everything else keeps needing credentials.
async fn public_read(state: &AppState, path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/taxii2/api/collections/") else {
        return false;
    };
    let id = rest.split('/').next().unwrap_or("").to_string();
    if id.is_empty() {
        return false;
    }
    let store = state.store.clone();
    let found = tokio::task::spawn_blocking(move || store.collection(&id)).await;
    match found {
        Ok(Ok(Some(collection))) => state.read_filter.admits_anonymous(&collection),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Every outcome costs exactly one argon2 verification: unknown and token-only users are
    /// checked against the dummy hash, not answered at once.
    #[test]
    fn every_failure_verifies_one_hash() {
        let real = ward_store::credentials::hash_password("right").unwrap();
        let seen = RefCell::new(Vec::new());
        let verify = |phc: &str, pw: &str| {
            seen.borrow_mut().push(phc.to_string());
            verify_password(phc, pw)
        };
        assert!(check_password(Some(&real), "right", &verify));
        assert!(!check_password(Some(&real), "wrong", &verify));
        assert!(!check_password(None, "right", &verify));
        assert!(!check_password(None, "", &verify));
        let seen = seen.into_inner();
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[2], dummy_password_hash());
        assert_eq!(seen[3], dummy_password_hash());
    }

    #[test]
    fn the_throttle_blocks_a_key_for_the_rest_of_its_window() {
        let t = AuthState::new(3, Duration::from_secs(600)).throttle;
        let keys = ["address 192.0.2.1".to_string(), "user alice".to_string()];
        for _ in 0..2 {
            t.failed(&keys);
        }
        assert!(t.retry_after(&keys).is_none());
        t.failed(&keys);
        let wait = t.retry_after(&keys).expect("blocked");
        assert!(wait <= Duration::from_secs(600) && wait > Duration::from_secs(500));
        // The user is blocked from another address too; another user from another is not.
        assert!(t
            .retry_after(&["address 192.0.2.9".into(), "user alice".into()])
            .is_some());
        assert!(t
            .retry_after(&["address 192.0.2.9".into(), "user bob".into()])
            .is_none());
        // Attempts in flight count before they are verified: of five started at once under
        // a limit of three, two are refused; one that succeeds gives its count back.
        let t = AuthState::new(3, Duration::from_secs(600)).throttle;
        let keys = ["address 192.0.2.2".to_string()];
        let admitted = (0..5).filter(|_| t.begin(&keys).is_ok()).count();
        assert_eq!(admitted, 3);
        t.succeeded(&keys);
        assert!(t.begin(&keys).is_ok());
        assert!(t.begin(&keys).is_err());
        // A window that has ended blocks nothing.
        let t = AuthState::new(1, Duration::ZERO).throttle;
        t.failed(&keys);
        assert!(t.retry_after(&keys).is_none());
    }
}
