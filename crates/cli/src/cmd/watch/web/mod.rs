//! The member's web pages, served by `ward watch` on the `[web]` listener: this week's plan
//! (mark done, not applicable with a reason, past weeks), the alerts watch kept (filtered,
//! a page at a time), the devices with their exposure and an inventory upload with a
//! preview, the share approval queue (the exact dry-run preview; approve sends as
//! `ward share queue approve` does) and coverage.
//!
//! axum on a runtime of its own thread, so a slow page never holds up the follower; every
//! store or file read runs on the runtime's blocking threads. Security is one layer of code
//! here, not in each page: a signed session cookie (`HttpOnly; SameSite=Strict`, see
//! [`session`]) for every visitor, which outlives a restart (as do a form's outcome, shown
//! once from a signed cookie, and an inventory previewed but not yet confirmed, kept in the
//! store); a CSRF token (an HMAC of the
//! session cookie under the store's session key) on every form and checked before any POST
//! changes anything (403 otherwise); a sign-in whenever a password is set (required off
//! loopback; failures throttled per address and over all); a strict content security policy
//! (the one inline style allowed by its hash); bounded bodies and connections; and nothing
//! secret in a URL.

mod forms;
mod multipart;
mod pages;
mod session;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use ward_member::share_queue;
use ward_member::watch::edl::constant_time_eq;
use ward_member::watch::web::WebConfig;
use ward_member::watch::WatchConfig;
use ward_member::DataDir;
use ward_store::Store;

use super::Health;
use crate::cmd::report::today;
use crate::cmd::share::{check_destination_with, post_within as post_share, Destination};

/// Why nothing is served: off loopback and the password was removed.
const NO_PASSWORD: &str = "these pages listen beyond loopback and no password is set any more; set one with `ward watch web-password`";

/// The session cookie's name.
const COOKIE: &str = "ward_session";
/// The cookie of what the last form did, shown once on the page it led to: signed with the
/// session's id, so it survives a restart of watch and shows in no other session.
const FLASH_COOKIE: &str = "ward_flash";
/// A form's outcome is cut to this many characters in its cookie.
const MAX_FLASH_CHARS: usize = 1000;
/// Form bodies at most (a reason, a token, an id).
const FORM_LIMIT: usize = 64 * 1024;
/// An uploaded inventory at most.
const UPLOAD_LIMIT: usize = 16 * 1024 * 1024;
/// A connection that moves no byte this long is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// What every page handler shares.
pub(super) struct Web {
    data: DataDir,
    store: Arc<dyn Store>,
    config: WatchConfig,
    health: Arc<Health>,
    /// The key session cookies and CSRF tokens are signed with, kept in the store.
    key: Vec<u8>,
    /// Held while uploads waiting for their confirm button (kept in the store, see
    /// [`ward_member::watch::web::keep_upload`]) are kept or taken.
    uploads: Mutex<()>,
    /// The queued shares a form is sending or discarding now.
    sending: Mutex<std::collections::HashSet<u64>>,
    throttle: session::SignInThrottle,
    /// `Content-Security-Policy` with the page style's hash.
    csp: String,
    /// Served over TLS.
    secure: bool,
    /// Listening on loopback only; elsewhere nothing is served without a password (one
    /// removed while watch runs included).
    loopback: bool,
}

/// Who is asking: their session, its CSRF token and what to tell them once.
pub(super) struct Visitor {
    /// The session's id.
    session: String,
    /// When the session ends (microseconds since the epoch).
    expires: i64,
    /// The cookie of a session made for this request: the answer sets it.
    new_cookie: Option<String>,
    pub signed_in: bool,
    /// Sign-in is on (a password is set).
    pub sign_in: bool,
    pub csrf: String,
    pub flash: Option<String>,
    /// The request carried a flash cookie: the answer clears it (shown once).
    clear_flash: bool,
    /// The pages are served over TLS: the cookie is marked `Secure`.
    secure: bool,
}

/// Starts the pages on `config.listen` (HTTPS with `tls_cert` and `tls_key`); refuses a
/// non-loopback address without a password. Returns the address and scheme.
pub(super) fn start(
    web: &WebConfig,
    data: &DataDir,
    store: Arc<dyn Store>,
    config: &WatchConfig,
    health: Arc<Health>,
) -> anyhow::Result<(SocketAddr, &'static str)> {
    if let Some(why) = web.refusal(&*store)? {
        anyhow::bail!("[web] in watch.toml: {why}");
    }
    let tls = web
        .tls
        .as_ref()
        .map(|(cert, key)| super::edl::tls_from_files(cert, key, "web", "web pages"))
        .transpose()?;
    let secure = tls.is_some();
    let listener = std::net::TcpListener::bind(web.listen)
        .with_context(|| format!("web.listen: cannot listen on {}", web.listen))?;
    let bound = listener.local_addr().context("web.listen")?;
    listener.set_nonblocking(true).context("web.listen")?;
    let key = ward_member::watch::web::session_key(&*store)?;
    let limits = ward_taxii::conn::Limits::new(web.max_connections, IDLE_TIMEOUT, tls.is_none())
        .busy_page(
            "text/plain; charset=utf-8",
            "ward watch: too many open connections to these pages; try again in a moment\n",
        );
    let state = Arc::new(Web {
        data: data.clone(),
        store,
        config: config.clone(),
        health,
        key,
        uploads: Mutex::new(()),
        sending: Mutex::default(),
        throttle: session::SignInThrottle::new(),
        csp: ward_html::style_policy(pages::STYLE),
        secure,
        loopback: web.listen.ip().is_loopback(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(4)
        .thread_name("ward-web")
        .enable_all()
        .build()
        .context("[web]: the pages' runtime")?;
    std::thread::Builder::new()
        .name("ward-web".into())
        .spawn(move || {
            runtime.block_on(async move {
                // The client's address is what wrong passwords are counted by.
                let service = router(state).into_make_service_with_connect_info::<SocketAddr>();
                let served = match (axum_server::from_tcp(listener), tls) {
                    (Err(e), _) => Err(e),
                    (Ok(server), Some(tls)) => {
                        let config = axum_server::tls_rustls::RustlsConfig::from_config(tls);
                        let acceptor =
                            axum_server::tls_rustls::RustlsAcceptor::new(config).acceptor(limits);
                        let mut server = server.acceptor(acceptor);
                        drop_slow_clients(server.http_builder());
                        server.serve(service).await
                    }
                    (Ok(server), None) => {
                        let mut server = server.acceptor(limits);
                        drop_slow_clients(server.http_builder());
                        server.serve(service).await
                    }
                };
                if let Err(e) = served {
                    say!("watch: the web pages stopped: {e}");
                }
            });
        })
        .context("[web]: the pages' thread")?;
    Ok((bound, if secure { "https" } else { "http" }))
}

/// A request head must arrive within this long, or the connection is closed.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

fn drop_slow_clients(
    builder: &mut hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>,
) {
    builder
        .http1()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT);
}

fn router(state: Arc<Web>) -> Router {
    let forms = Router::new()
        .route("/plan/done", post(forms::plan_done))
        .route("/plan/not-applicable", post(forms::plan_not_applicable))
        .route("/devices/confirm", post(forms::devices_confirm))
        .route("/sharing/approve", post(forms::sharing_approve))
        .route("/sharing/discard", post(forms::sharing_discard))
        .route("/signin", post(forms::sign_in))
        .route("/signout", post(forms::sign_out))
        .route("/signout/everywhere", post(forms::sign_out_everywhere))
        .layer(DefaultBodyLimit::max(FORM_LIMIT));
    let upload = Router::new()
        .route("/devices/upload", post(forms::devices_upload))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT));
    Router::new()
        .route("/", get(|| async { see_other("/plan") }))
        .route("/plan", get(plan_page))
        .route("/plan/history", get(history_page))
        .route("/alerts", get(alerts_page))
        .route("/devices", get(devices_page))
        .route("/sharing", get(sharing_page))
        .route("/coverage", get(coverage_page))
        .route("/signin", get(sign_in_page))
        .merge(forms)
        .merge(upload)
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found\n").into_response() })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            loopback_names_only,
        ))
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            security_headers,
        ))
        .with_state(state)
}

/// On a loopback listener, a request that names another host is refused (421) before any
/// page or form sees it. Without a password such a listener trusts whoever can reach it,
/// which a web page can do through DNS rebinding (its own name made to point at
/// 127.0.0.1): the browser then sends that name as `Host`. A listener beyond loopback needs
/// a sign-in, and is reached by whatever name its owner gave it.
async fn loopback_names_only(
    State(web): State<Arc<Web>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if web.loopback {
        let named = request.uri().host().map(str::to_string).or_else(|| {
            request
                .headers()
                .get(header::HOST)
                .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        });
        if let Some(host) = named.filter(|h| !is_loopback_name(h)) {
            let body = format!(
                "ward watch: these pages answer only to a loopback name (127.0.0.1, [::1] or \
                 localhost), not to {:?}: open them as http://127.0.0.1:PORT/ on this \
                 machine\n",
                host.chars().take(100).collect::<String>()
            );
            return (StatusCode::MISDIRECTED_REQUEST, body).into_response();
        }
    }
    next.run(request).await
}

/// Whether a `Host` value (a name or address, with or without a port) names this machine's
/// loopback: `localhost`, an address of 127.0.0.0/8 or `::1`.
fn is_loopback_name(host: &str) -> bool {
    let host = host.trim();
    let name = match host.strip_prefix('[') {
        // [::1] or [::1]:port
        Some(rest) => match rest.split_once(']') {
            Some((inside, after)) if after.is_empty() || after.starts_with(':') => inside,
            _ => return false,
        },
        // A bare IPv6 address (an authority without brackets has at most one colon).
        None if host.matches(':').count() > 1 => host,
        None => host.split(':').next().unwrap_or(""),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|a| a.is_loopback())
}

/// Headers every answer carries.
async fn security_headers(State(web): State<Arc<Web>>, mut response: Response) -> Response {
    let h = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&web.csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    for (name, value) in ward_html::PAGE_HEADERS {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

impl Web {
    /// The visitor's session, made when the request has none that holds.
    fn visitor(&self, headers: &HeaderMap) -> anyhow::Result<Visitor> {
        let hash = ward_member::watch::web::password_hash(&*self.store)?;
        let sign_in = hash.is_some();
        if !sign_in && !self.loopback {
            anyhow::bail!(NO_PASSWORD);
        }
        let password = session::password_digest(hash.as_deref());
        let now = session::now();
        let mut held = cookie(headers, COOKIE).and_then(|value| {
            let claim = session::verify(&self.key, &password, &value, now)?;
            Some((value, claim))
        });
        if let Some((_, claim)) = &held {
            if claim.signed_in && self.ended(claim)? {
                held = None;
            }
        }
        let (value, claim, new) = match held {
            Some((value, claim)) => (value, claim, false),
            None => {
                let (value, claim) = session::issue(&self.key, &password, now, false)?;
                (value, claim, true)
            }
        };
        let flash_cookie = cookie(headers, FLASH_COOKIE);
        let flash = flash_cookie
            .as_deref()
            .and_then(|value| self.flash_text(&claim.id, value));
        Ok(Visitor {
            clear_flash: flash_cookie.is_some(),
            csrf: self.csrf_token(&value),
            session: claim.id,
            expires: claim.expires,
            new_cookie: new.then_some(value),
            signed_in: claim.signed_in,
            sign_in,
            flash,
            secure: self.secure,
        })
    }

    /// True when a signed-in session was ended: by its own sign-out, or by a sign-out
    /// everywhere after it began.
    fn ended(&self, claim: &session::Claim) -> anyhow::Result<bool> {
        use ward_member::watch::web::{session_ended, signed_out_at};
        Ok(
            signed_out_at(&*self.store)?.is_some_and(|t| claim.issued <= t)
                || session_ended(&*self.store, &claim.id)?,
        )
    }

    /// The CSRF token of a session cookie.
    fn csrf_token(&self, cookie: &str) -> String {
        session::mac(&self.key, &[b"csrf", cookie.as_bytes()])
    }

    /// The visitor of a POST, when it comes from one of our forms: a session that holds, the
    /// right token and, with sign-in on, signed in. Otherwise the 403 to answer.
    fn form_visitor(
        &self,
        headers: &HeaderMap,
        token: Option<&str>,
        needs_sign_in: bool,
    ) -> Result<Visitor, Box<Response>> {
        let visitor = self.visitor(headers).map_err(|e| Box::new(failure(&e)))?;
        let good = visitor.new_cookie.is_none()
            && !visitor.csrf.is_empty()
            && token.is_some_and(|t| constant_time_eq(t.as_bytes(), visitor.csrf.as_bytes()));
        if !good {
            return Err(Box::new(forbidden(
                "this form's security token is missing or out of date; reload the page and try again",
            )));
        }
        if needs_sign_in && visitor.sign_in && !visitor.signed_in {
            return Err(Box::new(forbidden("sign in first")));
        }
        Ok(visitor)
    }

    fn flash_mac(&self, session: &str, text: &str) -> String {
        session::mac(&self.key, &[b"flash", session.as_bytes(), text.as_bytes()])
    }

    /// The text of a flash cookie, when it was signed for this session.
    fn flash_text(&self, session: &str, value: &str) -> Option<String> {
        use base64::Engine as _;
        let (text, given) = value.split_once('.')?;
        let text = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())?;
        let expected = self.flash_mac(session, &text);
        constant_time_eq(expected.as_bytes(), given.as_bytes()).then_some(text)
    }

    /// A redirect to `to` that shows `text` once on the page it leads to (in a signed
    /// cookie, so a restart of watch in between does not lose it).
    fn flashed(&self, visitor: &Visitor, text: &str, to: &str) -> Response {
        use base64::Engine as _;
        let text: String = text.chars().take(MAX_FLASH_CHARS).collect();
        let value = format!(
            "{}.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text.as_bytes()),
            self.flash_mac(&visitor.session, &text)
        );
        let mut response = see_other(to);
        set_cookie(&mut response, visitor, FLASH_COOKIE, &value, None);
        response
    }
}

/// Appends a `Set-Cookie` for the pages (`Path=/; HttpOnly; SameSite=Strict`, `Secure`
/// over TLS; `Max-Age` when given).
fn set_cookie(
    response: &mut Response,
    visitor: &Visitor,
    name: &str,
    value: &str,
    max_age: Option<u32>,
) {
    let secure = if visitor.secure { "; Secure" } else { "" };
    let age = max_age
        .map(|a| format!("; Max-Age={a}"))
        .unwrap_or_default();
    let text = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{age}{secure}");
    if let Ok(v) = HeaderValue::from_str(&text) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// The value of the request's cookie `name`.
fn cookie(headers: &HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            (name.trim() == wanted).then(|| value.trim().to_string())
        })
}

/// A GET page: the sign-in page instead when sign-in is on and the visitor is not signed in.
async fn page(
    web: Arc<Web>,
    headers: HeaderMap,
    render: impl FnOnce(&Web, &Visitor) -> anyhow::Result<Response> + Send + 'static,
) -> Response {
    blocking(move || {
        let visitor = match web.visitor(&headers) {
            Ok(v) => v,
            Err(e) => return failure(&e),
        };
        let response = if visitor.sign_in && !visitor.signed_in {
            see_other("/signin")
        } else {
            render(&web, &visitor).unwrap_or_else(|e| failure(&e))
        };
        with_cookie(response, &visitor)
    })
    .await
}

/// Runs store and file work on the runtime's blocking threads.
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| failure(&anyhow::anyhow!("the page failed")))
}

/// The answer with the visitor's new session cookie, and its flash cookie cleared (shown).
fn with_cookie(mut response: Response, visitor: &Visitor) -> Response {
    if let Some(cookie) = &visitor.new_cookie {
        set_cookie(&mut response, visitor, COOKIE, cookie, None);
    }
    if visitor.clear_flash {
        set_cookie(&mut response, visitor, FLASH_COOKIE, "", Some(0));
    }
    response
}

fn html(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        text,
    )
        .into_response()
}

fn see_other(to: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap_or_else(|_| StatusCode::SEE_OTHER.into_response())
}

fn forbidden(why: &str) -> Response {
    html(StatusCode::FORBIDDEN, pages::message("Not allowed", why))
}

fn bad_request(why: &str) -> Response {
    html(StatusCode::BAD_REQUEST, pages::message("Not done", why))
}

fn failure(e: &anyhow::Error) -> Response {
    if e.to_string() == NO_PASSWORD {
        return forbidden(NO_PASSWORD);
    }
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::message("Something failed", &format!("{e:#}")),
    )
}

/// The fields of a URL-encoded form or query.
fn fields(bytes: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

fn query(uri: &Uri) -> HashMap<String, String> {
    fields(uri.query().unwrap_or("").as_bytes())
}

// ---- pages ----

async fn plan_page(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    page(web, headers, |web, v| {
        // The newest plan, and the earlier days with the action counts of the newest few:
        // a year of plans is never read for one page.
        let days = web.data.plan_days()?;
        let latest = latest_plan(&web.data, &days)?;
        let mut past = Vec::new();
        for (i, day) in days.iter().skip(1).enumerate() {
            let count = match i < pages::PAST_PLANS_COUNTED {
                true => web.data.plan_action_count(day)?,
                false => None,
            };
            past.push((day.clone(), count));
        }
        let marks = web.data.done_marks()?;
        Ok(html(
            StatusCode::OK,
            pages::plan(v, latest.as_ref(), &marks, &past),
        ))
    })
    .await
}

async fn history_page(State(web): State<Arc<Web>>, headers: HeaderMap, uri: Uri) -> Response {
    let day = query(&uri).remove("day").unwrap_or_default();
    page(web, headers, move |web, v| {
        Ok(match web.data.plan_on(&day)? {
            Some(plan) => html(StatusCode::OK, pages::past_plan(v, &(day, plan))),
            None => html(
                StatusCode::NOT_FOUND,
                pages::message("No such plan", "no plan was kept for that day"),
            ),
        })
    })
    .await
}

async fn alerts_page(State(web): State<Arc<Web>>, headers: HeaderMap, uri: Uri) -> Response {
    let q = query(&uri);
    let filter = pages::AlertFilter {
        machine: q.get("machine").cloned().unwrap_or_default(),
        text: q.get("q").cloned().unwrap_or_default(),
        before: q.get("before").cloned().filter(|b| !b.is_empty()),
    };
    page(web, headers, move |web, v| {
        let machine = filter.machine.to_lowercase();
        let text = filter.text.to_lowercase();
        let found = ward_member::watch::alerts::page_of_machines(
            &*web.store,
            filter.before.as_deref(),
            pages::ALERTS_PER_PAGE,
            &machine,
            &[&machine, &text],
            |a| pages::alert_matches(a, &machine, &text),
        )?;
        let sightings = web.data.hub_sightings()?;
        // Each (indicator, machine) of the page: when it first and last alerted.
        let mut seen = HashMap::new();
        for (_, a) in &found.alerts {
            let field = |k: &str| a.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
            let pair = (
                field("indicator_id").to_string(),
                field("machine").to_string(),
            );
            if let std::collections::hash_map::Entry::Vacant(slot) = seen.entry(pair) {
                let (indicator, machine) = slot.key();
                let s = ward_member::watch::alerts::seen(&*web.store, indicator, machine)?;
                slot.insert(s);
            }
        }
        Ok(html(
            StatusCode::OK,
            pages::alerts(v, &filter, &found, &sightings, &seen),
        ))
    })
    .await
}

async fn devices_page(State(web): State<Arc<Web>>, headers: HeaderMap, uri: Uri) -> Response {
    let from: usize = query(&uri)
        .get("from")
        .and_then(|f| f.parse().ok())
        .unwrap_or(0);
    page(web, headers, move |web, v| {
        let report = web.data.latest_exposure()?;
        let saved = saved_inventory(&web.data);
        Ok(html(
            StatusCode::OK,
            pages::devices(v, report.as_ref(), from, saved.as_deref()),
        ))
    })
    .await
}

/// The newest of the plans kept on `days` (newest first), with its day.
fn latest_plan(
    data: &DataDir,
    days: &[String],
) -> anyhow::Result<Option<(String, ward_plan::Plan)>> {
    Ok(match days.first() {
        Some(day) => data.plan_on(day)?.map(|plan| (day.clone(), plan)),
        None => None,
    })
}

/// The inventory saved from this page, if any.
fn saved_inventory(data: &DataDir) -> Option<String> {
    let entries = std::fs::read_dir(data.inventory_dir()).ok()?;
    entries
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_stem().is_some_and(|s| s == "inventory"))
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
}

async fn sharing_page(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    page(web, headers, |web, v| {
        let items = share_queue::list(&*web.store)?;
        let token_from_config = web
            .config
            .share
            .as_ref()
            .is_some_and(|s| s.token_file.is_some());
        Ok(html(
            StatusCode::OK,
            pages::sharing(v, &items, token_from_config),
        ))
    })
    .await
}

async fn coverage_page(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    page(web, headers, |web, v| {
        let mut sources = Vec::new();
        for s in &web.config.schedule.sources {
            let st = ward_member::watch::schedule::SourceStatus::load(&*web.store, &s.key)?;
            sources.push((s.key.clone(), s.every, st));
        }
        let followed: Vec<(String, u64, u64)> = {
            let lines = web
                .health
                .lines_by_source
                .lock()
                .map(|m| m.clone())
                .unwrap_or_default();
            let lag = web
                .health
                .lag_by_source
                .lock()
                .map(|m| m.clone())
                .unwrap_or_default();
            let mut rows: Vec<_> = lines
                .iter()
                .map(|(k, n)| (k.clone(), *n, lag.get(k).copied().unwrap_or(0)))
                .collect();
            rows.sort();
            rows
        };
        let h = &web.health;
        use std::sync::atomic::Ordering::Relaxed;
        let facts = pages::Facts {
            files: h.files.load(Relaxed),
            not_followed: h.files_not_followed.load(Relaxed),
            lines: h.lines.load(Relaxed),
            alerts: h.alerts.load(Relaxed),
            indicators: h.indicators.load(Relaxed),
            last_intel_load: h
                .last_intel_load
                .lock()
                .map(|t| t.clone())
                .unwrap_or_default(),
            log_patterns: web
                .config
                .logs
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        };
        let latest = latest_plan(&web.data, &web.data.plan_days()?)?;
        Ok(html(
            StatusCode::OK,
            pages::coverage(v, &facts, &sources, &followed, latest.as_ref()),
        ))
    })
    .await
}

async fn sign_in_page(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    blocking(move || {
        let visitor = match web.visitor(&headers) {
            Ok(v) => v,
            Err(e) => return failure(&e),
        };
        let response = if !visitor.sign_in || visitor.signed_in {
            see_other("/plan")
        } else {
            html(StatusCode::OK, pages::sign_in(&visitor, None))
        };
        with_cookie(response, &visitor)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_count_as_this_machine() {
        for good in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "127.1.2.3:1",
            "localhost",
            "LocalHost:9",
            "[::1]",
            "[::1]:8443",
            "::1",
        ] {
            assert!(is_loopback_name(good), "{good}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.5:80",
            "[::2]:80",
            "[::1]x",
            "",
            "[",
        ] {
            assert!(!is_loopback_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_session_comes_from_its_own_cookie_only() {
        let mut h = HeaderMap::new();
        assert_eq!(cookie(&h, COOKIE), None);
        h.append(
            header::COOKIE,
            HeaderValue::from_static("other=1; ward_session=abc ; x=y"),
        );
        assert_eq!(cookie(&h, COOKIE).as_deref(), Some("abc"));
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("not_ward_session=abc"),
        );
        assert_eq!(cookie(&h, COOKIE), None);
    }

    #[test]
    fn alerts_match_by_machine_and_indicator_text() {
        let a = serde_json::json!({"machine": "WS-12", "value": "198.51.100.7",
            "indicator_name": "Known C2", "indicator_id": "indicator--1"});
        assert!(pages::alert_matches(&a, "", ""));
        assert!(pages::alert_matches(&a, "ws-1", "c2"));
        assert!(pages::alert_matches(&a, "", "198.51"));
        assert!(!pages::alert_matches(&a, "ws-2", ""));
        assert!(!pages::alert_matches(&a, "", "evil"));
        assert!(!pages::alert_matches(&serde_json::json!(null), "ws", ""));
    }
}
