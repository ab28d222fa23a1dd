//! Authentication layer: `Authorization: Basic` (user and argon2-checked password) or
//! `Authorization: Bearer` (API token, looked up by its hash; `Token` is accepted as a synonym
//! because taxii2-client sends it). The resolved [`Caller`] goes
//! into the request's extensions; anything else is a 401 with `WWW-Authenticate`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use ward_store::credentials::{token_hash, verify_password};
use ward_store::User;

use crate::error::TaxiiError;
use crate::filters::{Caller, Credential};
use crate::AppState;

/// How long a verified Basic credential is trusted without re-running argon2, which is
/// deliberately slow (tens of milliseconds) and would otherwise cap Basic-auth throughput.
const BASIC_CACHE_TTL: Duration = Duration::from_secs(60);
const BASIC_CACHE_MAX: usize = 10_000;

/// Per-process memo of verified Basic credentials, keyed by a digest of `user:password`.
/// Only a cache: a fresh process verifies again, so hub processes stay interchangeable.
#[derive(Default)]
pub struct BasicCache {
    entries: Mutex<HashMap<[u8; 32], (Caller, Instant)>>,
}

impl BasicCache {
    fn get(&self, key: &[u8; 32]) -> Option<Caller> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|(_, at)| at.elapsed() < BASIC_CACHE_TTL)
            .map(|(c, _)| c.clone())
    }
    fn put(&self, key: [u8; 32], caller: Caller) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= BASIC_CACHE_MAX {
            entries.clear();
        }
        entries.insert(key, (caller, Instant::now()));
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

async fn basic(state: &AppState, encoded: &str) -> Result<Caller, TaxiiError> {
    let bad = || TaxiiError::unauthorized("Basic credentials are malformed");
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (name, password) = text.split_once(':').ok_or_else(bad)?;
    let memo_key: [u8; 32] = Sha256::digest(text.as_bytes()).into();
    if let Some(caller) = state.basic_cache.get(&memo_key) {
        return Ok(caller);
    }
    let (name, password) = (name.to_string(), password.to_string());
    let store = state.store.clone();
    let user = tokio::task::spawn_blocking(move || -> Result<Option<User>, TaxiiError> {
        let Some(user) = store.user(&name)? else {
            return Ok(None);
        };
        let ok = user
            .password_hash
            .as_deref()
            .is_some_and(|phc| verify_password(phc, &password));
        Ok(ok.then_some(user))
    })
    .await
    .map_err(|e| TaxiiError::internal(format!("authentication task failed: {e}")))??;
    let caller = caller_of(
        user.ok_or_else(|| TaxiiError::unauthorized("wrong user or password"))?,
        Credential::Password,
    );
    state.basic_cache.put(memo_key, caller.clone());
    Ok(caller)
}

async fn bearer(state: &AppState, token: &str) -> Result<Caller, TaxiiError> {
    let hash = token_hash(token.trim());
    let store = state.store.clone();
    let user = tokio::task::spawn_blocking(move || store.user_by_token(&hash))
        .await
        .map_err(|e| TaxiiError::internal(format!("authentication task failed: {e}")))??;
    user.map(|u| caller_of(u, Credential::Token))
        .ok_or_else(|| TaxiiError::unauthorized("unknown or revoked token"))
}

/// Layer: resolves the caller or answers 401.
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
    let caller = if scheme.eq_ignore_ascii_case("basic") {
        basic(&state, rest).await?
    } else if scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token") {
        // `Token` is what taxii2-client's TokenAuth sends; same credential, other name.
        bearer(&state, rest).await?
    } else {
        return Err(TaxiiError::unauthorized(
            "expected `Basic ...` or `Bearer ...`",
        ));
    };
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
