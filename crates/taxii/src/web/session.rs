//! Sign-in, sign-out and the session every other page needs.
//!
//! A session is a cookie the hub signs (HMAC-SHA256 under a key derived from the store's
//! cursor-signing key, which every process sharing the store has): the user's name, when the
//! session began and when it ends, and a MAC over those with the user's id and a digest of
//! their password hash. Nothing is kept per session, so a session survives a restart and works
//! on every `ward serve` process of one store. It ends at its expiry, when the user is
//! removed, disabled or re-created, when their password changes (the MAC no longer matches),
//! or when they sign out: sign-out writes the store setting `web.signed_out.<user id>` (the
//! time), and sessions that began before it are refused by every process.
//!
//! CSRF: every form carries a token that is a MAC of the session cookie, checked on every
//! POST (a POST without it, or with another session's, is answered 403 and changes nothing).
//! The sign-in form, before any session, is tied the same way to a random `ward_signin`
//! cookie. Cookies are `HttpOnly; SameSite=Strict; Path=/ui`, and `Secure` when the hub
//! serves TLS. No credential or token ever goes into a URL.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use hmac::{Hmac, Mac};
use maud::html;
use sha2::{Digest, Sha256};
use ward_store::User;

use super::{page, FormFields, UiError};
use crate::auth::{sign_in_password, SignIn};
use crate::filters::{Caller, Credential};
use crate::misp_feed::hex;
use crate::{blocking, AppState};

type HmacSha256 = Hmac<Sha256>;

const SESSION_COOKIE: &str = "ward_session";
const SIGNIN_COOKIE: &str = "ward_signin";
/// How long a session lasts from sign-in.
const SESSION_MICROS: i64 = 8 * 3600 * 1_000_000;
/// The store setting, per user, of when they last signed out (microseconds).
const SIGNED_OUT_PREFIX: &str = "web.signed_out.";

/// A signed-in caller, as every page of the interface sees it.
#[derive(Clone, Debug)]
pub(crate) struct Session {
    pub caller: Caller,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    /// Whether the caller's organization is one of the hub's operators
    /// ([`crate::HubConfig::operator_orgs`]).
    pub operator: bool,
}

/// The session key: derived from the store's signing key, so that a session cookie can never
/// pass as a pagination cursor or the other way round.
pub(crate) fn derive_key(signing_key: &[u8]) -> [u8; 32] {
    mac(signing_key, &[b"ward web session key v1"])
}

fn mac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes a key of any length.
    let mut m = match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return [0; 32],
    };
    for part in parts {
        m.update(&(part.len() as u64).to_be_bytes());
        m.update(part);
    }
    m.finalize().into_bytes().into()
}

/// Compares two MACs in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn password_digest(user: &User) -> [u8; 32] {
    Sha256::digest(user.password_hash.as_deref().unwrap_or("").as_bytes()).into()
}

fn session_mac(key: &[u8], user: &User, issued: i64, expires: i64) -> String {
    hex(&mac(
        key,
        &[
            b"session",
            user.name.as_bytes(),
            user.id.as_bytes(),
            &password_digest(user),
            &issued.to_be_bytes(),
            &expires.to_be_bytes(),
        ],
    ))
}

/// The cookie value of a new session for `user`.
fn new_session(key: &[u8], user: &User, now: i64) -> String {
    let expires = now.saturating_add(SESSION_MICROS);
    let name = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        user.name.as_bytes(),
    );
    format!(
        "{name}.{now}.{expires}.{}",
        session_mac(key, user, now, expires)
    )
}

/// A session cookie taken apart (not yet checked).
struct Claimed {
    name: String,
    issued: i64,
    expires: i64,
    mac: String,
}

fn claim(value: &str) -> Option<Claimed> {
    let mut parts = value.split('.');
    let name = parts.next()?;
    let issued = parts.next()?.parse().ok()?;
    let expires = parts.next()?.parse().ok()?;
    let mac = parts.next()?.to_string();
    if parts.next().is_some() {
        return None;
    }
    let name = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, name)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())?;
    Some(Claimed {
        name,
        issued,
        expires,
        mac,
    })
}

fn csrf_for(key: &[u8], purpose: &[u8], cookie: &str) -> String {
    hex(&mac(key, &[b"csrf", purpose, cookie.as_bytes()]))
}

/// The value of cookie `name` in the request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut text = format!("{name}={value}; Path=/ui; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        text.push_str(&format!("; Max-Age={age}"));
    }
    if state.secure_cookies {
        text.push_str("; Secure");
    }
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn now() -> i64 {
    ward_stix::Timestamp::now().as_micros()
}

fn is_operator(state: &AppState, caller: &Caller) -> bool {
    state
        .config
        .operator_orgs
        .iter()
        .any(|o| o.eq_ignore_ascii_case(&caller.org_name))
}

fn caller_of(user: User) -> Caller {
    Caller {
        user_id: user.id,
        user_name: user.name,
        org_id: user.org_id,
        org_name: user.org_name,
        credential: Credential::Password,
    }
}

/// Checks the session cookie against the store; `None` when there is none or it no longer
/// holds.
async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<Option<Session>, UiError> {
    let Some(value) = cookie(headers, SESSION_COOKIE).map(str::to_string) else {
        return Ok(None);
    };
    let Some(claimed) = claim(&value) else {
        return Ok(None);
    };
    if claimed.expires <= now() {
        return Ok(None);
    }
    let name = claimed.name.clone();
    let (user, signed_out) = blocking(state, move |s| {
        let user = s.user(&name)?;
        let signed_out = match &user {
            Some(u) => s.setting(&format!("{SIGNED_OUT_PREFIX}{}", u.id))?,
            None => None,
        };
        Ok((user, signed_out))
    })
    .await?;
    let Some(user) = user else {
        return Ok(None);
    };
    let expected = session_mac(&state.web_key[..], &user, claimed.issued, claimed.expires);
    if !same(&expected, &claimed.mac) {
        return Ok(None);
    }
    let ended = signed_out.and_then(|t| t.parse::<i64>().ok());
    if ended.is_some_and(|t| claimed.issued <= t) {
        return Ok(None);
    }
    let caller = caller_of(user);
    Ok(Some(Session {
        operator: is_operator(state, &caller),
        csrf: csrf_for(&state.web_key[..], b"session", &value),
        caller,
    }))
}

/// Layer: a signed-in session, or a way to sign in (GET is sent to the sign-in page; any
/// other method is refused 403).
pub(crate) async fn require_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    match resolve(&state, request.headers()).await {
        Ok(Some(session)) => {
            if let Some(audit) = request.extensions().get::<crate::audit::AuditCaller>() {
                audit.set(&session.caller);
            }
            request.extensions_mut().insert(session.caller.clone());
            request.extensions_mut().insert(session);
            next.run(request).await
        }
        Ok(None) if request.method() == Method::GET => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            response
                .headers_mut()
                .insert(header::LOCATION, HeaderValue::from_static("/ui/signin"));
            response
        }
        Ok(None) => UiError::forbidden("sign in first").into_response(),
        Err(e) => e.into_response(),
    }
}

/// Refuses a posted form whose CSRF token is not the session's.
pub(crate) fn check_csrf(session: &Session, form: &FormFields) -> Result<(), UiError> {
    match form.get("csrf") {
        Some(token) if same(token, &session.csrf) => Ok(()),
        _ => Err(UiError::forbidden(
            "this form has expired or did not come from this hub; reload the page and try again",
        )),
    }
}

fn sign_in_page(
    state: &AppState,
    status: StatusCode,
    nonce: &str,
    fresh_nonce: bool,
    message: Option<&str>,
    name: &str,
) -> Response {
    let csrf = csrf_for(&state.web_key[..], b"signin", nonce);
    let mut response = page(
        status,
        "Sign in",
        None,
        html! {
            @if let Some(m) = message {
                p.error role="alert" { (m) }
            }
            form method="post" action="/ui/signin" {
                input type="hidden" name="csrf" value=(csrf);
                label for="user" { "User name" }
                input id="user" name="user" type="text" autocomplete="username" required value=(name);
                label for="password" { "Password" }
                input id="password" name="password" type="password" autocomplete="current-password" required;
                div { button type="submit" { "Sign in" } }
            }
        },
    );
    if fresh_nonce {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(state, SIGNIN_COOKIE, nonce, Some(3600)),
        );
    }
    response
}

/// `GET /ui/signin`: the form, tied to a fresh `ward_signin` cookie.
pub(crate) async fn sign_in_form(State(state): State<AppState>) -> Result<Response, UiError> {
    let nonce = ward_store::credentials::random_secret()
        .map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(sign_in_page(
        &state,
        StatusCode::OK,
        &hex(&nonce),
        true,
        None,
        "",
    ))
}

/// `POST /ui/signin`: user name and password, checked and throttled as HTTP Basic is.
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, UiError> {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| *a);
    let headers = request.headers().clone();
    // The body limit layer has already bounded it; a sign-in form is small.
    let body = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .map_err(|_| UiError::bad_request("the form could not be read"))?;
    let form = FormFields::parse(&body);
    let nonce = cookie(&headers, SIGNIN_COOKIE).unwrap_or("").to_string();
    let expected = csrf_for(&state.web_key[..], b"signin", &nonce);
    if nonce.is_empty() || !form.get("csrf").is_some_and(|t| same(t, &expected)) {
        return Err(UiError::forbidden(
            "this sign-in form has expired or did not come from this hub; reload it and try again",
        ));
    }
    let name = form.get("user").unwrap_or("").trim().to_string();
    let password = form.get("password").unwrap_or("").to_string();
    if name.is_empty() || password.is_empty() {
        return Ok(sign_in_page(
            &state,
            StatusCode::BAD_REQUEST,
            &nonce,
            false,
            Some("Enter your user name and password."),
            &name,
        ));
    }
    match sign_in_password(&state, address, name.clone(), password).await {
        SignIn::Admitted(caller) => {
            let lookup = caller.user_name.clone();
            let user = blocking(&state, move |s| s.user(&lookup))
                .await?
                .ok_or_else(|| UiError::new(StatusCode::UNAUTHORIZED, "wrong user or password"))?;
            let value = new_session(&state.web_key[..], &user, now());
            let mut response = StatusCode::SEE_OTHER.into_response();
            let h = response.headers_mut();
            h.insert(header::LOCATION, HeaderValue::from_static("/ui"));
            h.append(
                header::SET_COOKIE,
                set_cookie(&state, SESSION_COOKIE, &value, None),
            );
            h.append(
                header::SET_COOKIE,
                set_cookie(&state, SIGNIN_COOKIE, "", Some(0)),
            );
            Ok(response)
        }
        SignIn::Refused(e) if e.status == StatusCode::UNAUTHORIZED => Ok(sign_in_page(
            &state,
            StatusCode::UNAUTHORIZED,
            &nonce,
            false,
            Some("Wrong user name or password."),
            &name,
        )),
        SignIn::Refused(e) => Err(e.into()),
        SignIn::Throttled(wait) => {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut response = sign_in_page(
                &state,
                StatusCode::TOO_MANY_REQUESTS,
                &nonce,
                false,
                Some(&format!(
                    "Too many failed sign-ins from this address or for this user; try again in {seconds} s."
                )),
                &name,
            );
            if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Ok(response)
        }
    }
}

/// `POST /ui/signout`: ends every session of this user that began until now, on every
/// process, and clears the cookie.
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    check_csrf(&session, &FormFields::parse(&body))?;
    let key = format!("{SIGNED_OUT_PREFIX}{}", session.caller.user_id);
    let at = now().to_string();
    blocking(&state, move |s| s.set_setting(&key, Some(&at))).await?;
    let mut response = StatusCode::SEE_OTHER.into_response();
    let h = response.headers_mut();
    h.insert(header::LOCATION, HeaderValue::from_static("/ui/signin"));
    h.append(
        header::SET_COOKIE,
        set_cookie(&state, SESSION_COOKIE, "", Some(0)),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(pw: Option<&str>) -> User {
        User {
            id: "u1".into(),
            name: "alice.o'neil".into(),
            org_id: "o1".into(),
            org_name: "Mercy".into(),
            password_hash: pw.map(str::to_string),
        }
    }

    #[test]
    fn a_session_holds_only_for_the_same_user_key_and_password() {
        let key = derive_key(b"store key");
        let u = user(Some("$argon2id$a"));
        let value = new_session(&key, &u, 1_000);
        let c = claim(&value).unwrap();
        assert_eq!(c.name, u.name);
        assert_eq!(c.expires, 1_000 + SESSION_MICROS);
        assert!(same(&session_mac(&key, &u, c.issued, c.expires), &c.mac));
        // Another key, another password hash, another user id, a stretched expiry: refused.
        let other = derive_key(b"other store");
        assert!(!same(&session_mac(&other, &u, c.issued, c.expires), &c.mac));
        assert!(!same(
            &session_mac(&key, &user(Some("$argon2id$b")), c.issued, c.expires),
            &c.mac
        ));
        let renamed = User {
            id: "u2".into(),
            ..u.clone()
        };
        assert!(!same(
            &session_mac(&key, &renamed, c.issued, c.expires),
            &c.mac
        ));
        assert!(!same(
            &session_mac(&key, &u, c.issued, c.expires + 1),
            &c.mac
        ));
        // Malformed cookies are no session, never a panic.
        for bad in ["", "a.b", "....", "%%%.1.2.x", "YQ.1.2.x.y", "YQ.x.2.m"] {
            assert!(claim(bad).is_none(), "{bad}");
        }
    }

    proptest::proptest! {
        /// Any cookie text is a session or none, never a panic; and a session made for any
        /// user name reads back as that name.
        #[test]
        fn any_cookie_text_is_taken_apart_safely(text in ".{0,200}", name in ".{1,40}") {
            let _ = claim(&text);
            let u = User { name: name.clone(), ..user(None) };
            let key = derive_key(b"k");
            let value = new_session(&key, &u, 5);
            let c = claim(&value).unwrap();
            proptest::prop_assert_eq!(c.name, name);
            proptest::prop_assert!(same(&session_mac(&key, &u, c.issued, c.expires), &c.mac));
        }
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("x_ward_session=1; ward_session=abc.1.2.m"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc.1.2.m"));
        assert_eq!(cookie(&h, SIGNIN_COOKIE), None);
    }
}
