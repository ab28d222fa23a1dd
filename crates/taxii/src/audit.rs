//! The operator's view of what the hub serves: one JSON line per request (the audit log) and
//! the Prometheus counters behind `/metrics`, both fed by one outermost layer, so no handler
//! has to remember to log.
//!
//! A line says when, which request (an id also sent back as `X-Request-Id`), method, path
//! and query, status, bytes of the answer's body, latency until the body was sent, the
//! client's address and, once authentication resolved it, the caller's organization and
//! user. Never a credential (the `Authorization` header is not read here) and never a body.
//! The log is for the operator only: nothing here is served to members, who stay anonymous
//! to each other. `/metrics` is served only on the separate address `ward serve
//! --metrics-listen` binds (see [`serve_metrics`]); on the TAXII address it answers 401 to
//! anyone without credentials and 403 to members.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};

use crate::error::TaxiiError;
use crate::filters::Caller;
use crate::rates::{Counts, PerMinute, Rates};
use crate::AppState;

/// Where audit lines go; each line is written whole under a lock, so lines never interleave.
pub type AuditSink = Box<dyn Write + Send>;

/// Who made a request, filled in by the authentication layer for the audit line.
#[derive(Clone, Default)]
pub(crate) struct AuditCaller(Arc<Mutex<Option<Who>>>);

#[derive(Clone)]
struct Who {
    org: String,
    org_id: String,
    user: String,
}

impl AuditCaller {
    pub(crate) fn set(&self, caller: &Caller) {
        if caller.is_anonymous() {
            return;
        }
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(Who {
            org: caller.org_name.clone(),
            org_id: caller.org_id.clone(),
            user: caller.user_name.clone(),
        });
    }

    fn get(&self) -> Option<Who> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Counters {
    /// (route, method, status) -> requests.
    requests: BTreeMap<(&'static str, &'static str, u16), u64>,
    latency: BTreeMap<&'static str, Histogram>,
}

/// Counts of one hub process since it started (what `/metrics` reports, summed), and the
/// same per minute over the last 5 and 60 minutes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Totals {
    pub requests: u64,
    pub client_errors: u64,
    pub server_errors: u64,
    pub objects_ingested: u64,
    pub auth_failures: u64,
    pub throttled: u64,
    pub last_5: PerMinute,
    pub last_60: PerMinute,
}

/// Seconds since the epoch, for the rates' minutes.
fn epoch_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The audit sink and the metrics of one hub process.
pub struct Observer {
    sink: Option<Mutex<AuditSink>>,
    counters: Mutex<Counters>,
    response_bytes: AtomicU64,
    auth_failures: AtomicU64,
    throttled: AtomicU64,
    objects_ingested: AtomicU64,
    rates: Rates,
    /// Request ids are this process's random prefix and a counter: unique across the hub
    /// processes sharing a store, and short.
    prefix: String,
    next_id: AtomicU64,
}

impl Observer {
    /// Metrics only, no audit log (tests, the demo).
    pub fn new() -> Observer {
        let prefix = uuid::Uuid::new_v4().simple().to_string()[..8].to_string();
        Observer {
            sink: None,
            counters: Mutex::default(),
            response_bytes: AtomicU64::new(0),
            auth_failures: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
            objects_ingested: AtomicU64::new(0),
            rates: Rates::new(epoch_seconds()),
            prefix,
            next_id: AtomicU64::new(1),
        }
    }

    /// Metrics and an audit line per request into `sink`.
    pub fn with_audit(sink: AuditSink) -> Observer {
        Observer {
            sink: Some(Mutex::new(sink)),
            ..Observer::new()
        }
    }

    /// This process's totals since it started, for the operator's page.
    pub(crate) fn totals(&self) -> Totals {
        let c = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        let mut t = Totals::default();
        for ((_, _, status), n) in &c.requests {
            t.requests += n;
            match status {
                400..=499 => t.client_errors += n,
                500..=599 => t.server_errors += n,
                _ => {}
            }
        }
        drop(c);
        t.objects_ingested = self.objects_ingested.load(Ordering::Relaxed);
        t.auth_failures = self.auth_failures.load(Ordering::Relaxed);
        t.throttled = self.throttled.load(Ordering::Relaxed);
        let now = epoch_seconds();
        t.last_5 = self.rates.per_minute(now, 5);
        t.last_60 = self.rates.per_minute(now, 60);
        t
    }

    pub(crate) fn objects_ingested(&self, n: u64) {
        self.objects_ingested.fetch_add(n, Ordering::Relaxed);
        self.rates.record(
            epoch_seconds(),
            &Counts {
                objects_ingested: n,
                ..Counts::default()
            },
        );
    }

    fn request_id(&self) -> String {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        format!("{}-{n:08}", self.prefix)
    }

    fn finish(&self, record: &Record, bytes: u64) {
        let seconds = record.started.elapsed().as_secs_f64();
        self.response_bytes.fetch_add(bytes, Ordering::Relaxed);
        match record.status {
            401 => {
                self.auth_failures.fetch_add(1, Ordering::Relaxed);
            }
            429 => {
                self.throttled.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
        self.rates.record(
            epoch_seconds(),
            &Counts {
                requests: 1,
                client_errors: u64::from((400..500).contains(&record.status)),
                server_errors: u64::from((500..600).contains(&record.status)),
                objects_ingested: 0,
            },
        );
        {
            let mut c = self.counters.lock().unwrap_or_else(|p| p.into_inner());
            *c.requests
                .entry((record.route, record.method_label, record.status))
                .or_insert(0) += 1;
            let h = c.latency.entry(record.route).or_default();
            h.count += 1;
            h.sum += seconds;
            for (i, bound) in BUCKETS.iter().enumerate() {
                if seconds <= *bound {
                    h.counts[i] += 1;
                }
            }
        }
        let Some(sink) = &self.sink else {
            return;
        };
        let who = record.caller.get();
        let line = serde_json::json!({
            "time": ward_stix::Timestamp::now().to_string(),
            "request_id": record.id,
            "method": record.method,
            "path": record.path,
            "query": record.query,
            "status": record.status,
            "bytes": bytes,
            "latency_ms": (seconds * 1_000_000.0).round() / 1_000.0,
            "client": record.client,
            "org": who.as_ref().map(|w| w.org.as_str()),
            "org_id": who.as_ref().map(|w| w.org_id.as_str()),
            "user": who.as_ref().map(|w| w.user.as_str()),
        });
        let mut text = line.to_string();
        text.push('\n');
        let mut sink = sink.lock().unwrap_or_else(|p| p.into_inner());
        // A full disk must not take the hub down; the failure is said once per line lost.
        if let Err(e) = sink.write_all(text.as_bytes()).and_then(|_| sink.flush()) {
            eprintln!("ward serve: writing the audit log: {e}");
        }
    }

    /// The Prometheus text exposition (format 0.0.4) of this process's counters.
    pub fn render(&self, store_bytes: Option<u64>) -> String {
        let mut out = String::new();
        let mut family = |name: &str, kind: &str, help: &str| {
            out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} {kind}\n"));
        };
        family(
            "ward_http_requests_total",
            "counter",
            "HTTP requests answered, by route, method and status.",
        );
        let c = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        let mut lines = String::new();
        for ((route, method, status), n) in &c.requests {
            lines.push_str(&format!(
                "ward_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}\n"
            ));
        }
        out.push_str(&lines);
        out.push_str(
            "# HELP ward_http_request_duration_seconds Time from a request's arrival to the end of its answer's body.\n\
             # TYPE ward_http_request_duration_seconds histogram\n",
        );
        for (route, h) in &c.latency {
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                out.push_str(&format!(
                    "ward_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}\n"
                ));
            }
            out.push_str(&format!(
                "ward_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 ward_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 ward_http_request_duration_seconds_count{{route=\"{route}\"}} {}\n",
                h.count, h.sum, h.count
            ));
        }
        drop(c);
        let simple = [
            (
                "ward_http_response_bytes_total",
                "counter",
                "Bytes of answer bodies sent.",
                self.response_bytes.load(Ordering::Relaxed),
            ),
            (
                "ward_objects_ingested_total",
                "counter",
                "Object versions stored from members' posts.",
                self.objects_ingested.load(Ordering::Relaxed),
            ),
            (
                "ward_auth_failures_total",
                "counter",
                "Requests refused for missing or wrong credentials (401).",
                self.auth_failures.load(Ordering::Relaxed),
            ),
            (
                "ward_auth_throttled_total",
                "counter",
                "Sign-in attempts answered 429 after too many failures.",
                self.throttled.load(Ordering::Relaxed),
            ),
        ];
        for (name, kind, help, value) in simple {
            out.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n"
            ));
        }
        if let Some(bytes) = store_bytes {
            out.push_str(&format!(
                "# HELP ward_store_size_bytes Bytes the store takes (database and WAL, or the PostgreSQL database).\n\
                 # TYPE ward_store_size_bytes gauge\nward_store_size_bytes {bytes}\n"
            ));
        }
        out
    }
}

impl Default for Observer {
    fn default() -> Self {
        Observer::new()
    }
}

/// A request as the layer saw it, written out once its answer's body is sent (or dropped).
struct Record {
    id: String,
    started: Instant,
    method: String,
    method_label: &'static str,
    path: String,
    query: Option<String>,
    route: &'static str,
    status: u16,
    client: Option<String>,
    caller: AuditCaller,
}

/// The route a path belongs to, with ids replaced by placeholders, so metric labels stay
/// few whatever ids clients send.
pub(crate) fn route_of(path: &str) -> &'static str {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => "/",
        ["healthz"] => "/healthz",
        ["metrics"] => "/metrics",
        ["taxii2"] => "/taxii2/",
        ["taxii2", "api"] => "/taxii2/api/",
        ["taxii2", "api", "status", _] => "/taxii2/api/status/{id}/",
        ["taxii2", "api", "collections"] => "/taxii2/api/collections/",
        ["taxii2", "api", "collections", _] => "/taxii2/api/collections/{cid}/",
        ["taxii2", "api", "collections", _, "manifest"] => {
            "/taxii2/api/collections/{cid}/manifest/"
        }
        ["taxii2", "api", "collections", _, "objects"] => "/taxii2/api/collections/{cid}/objects/",
        ["taxii2", "api", "collections", _, "objects", _] => {
            "/taxii2/api/collections/{cid}/objects/{oid}/"
        }
        ["taxii2", "api", "collections", _, "objects", _, "versions"] => {
            "/taxii2/api/collections/{cid}/objects/{oid}/versions/"
        }
        ["taxii2", "api", "collections", _, "sightings", _] => {
            "/taxii2/api/collections/{cid}/sightings/{oid}/"
        }
        // The web interface's pages, as one route (ids stay out of the labels).
        ["ui", ..] => "/ui/",
        _ => "other",
    }
}

fn method_label(method: &axum::http::Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "DELETE" => "DELETE",
        "PUT" => "PUT",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}

/// Outermost layer: gives the request an id, lets authentication name the caller, and
/// wraps the answer's body so the line is written when the body has been sent.
pub(crate) async fn observe(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let observer = state.observer.clone();
    let caller = AuditCaller::default();
    request.extensions_mut().insert(caller.clone());
    let uri = request.uri().clone();
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip().to_string());
    let id = observer.request_id();
    let mut record = Record {
        id,
        started: Instant::now(),
        method: request.method().as_str().to_string(),
        method_label: method_label(request.method()),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
        route: route_of(uri.path()),
        status: 0,
        client,
        caller,
    };
    let response = next.run(request).await;
    record.status = response.status().as_u16();
    let (mut parts, body) = response.into_parts();
    if let Ok(v) = HeaderValue::from_str(&record.id) {
        parts.headers.insert("x-request-id", v);
    }
    let counted = Counted {
        inner: body,
        bytes: 0,
        record: Some(record),
        observer,
    };
    Response::from_parts(parts, Body::new(counted))
}

/// An answer's body that counts what it sends and writes the request's line when it ends.
struct Counted {
    inner: Body,
    bytes: u64,
    record: Option<Record>,
    observer: Arc<Observer>,
}

impl Counted {
    fn finish(&mut self) {
        if let Some(record) = self.record.take() {
            self.observer.finish(&record, self.bytes);
        }
    }
}

impl http_body::Body for Counted {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.bytes += data.len() as u64;
                }
            }
            Poll::Ready(None) => this.finish(),
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        // An answer whose body was never polled (empty, or the client went away) is logged
        // here, with what was sent.
        self.finish();
    }
}

/// `/metrics` on the TAXII address: the caller authenticated (a member), but metrics are
/// the operator's and are served only on `--metrics-listen`.
pub(crate) async fn metrics_refused() -> TaxiiError {
    TaxiiError::forbidden(
        "metrics are for the hub's operator: they are served on the address given to \
         `ward serve --metrics-listen`",
    )
}

async fn metrics(State(state): State<AppState>) -> Response {
    let store = state.store.clone();
    let size = tokio::task::spawn_blocking(move || store.size_bytes())
        .await
        .ok()
        .and_then(Result::ok)
        .flatten();
    let mut response = (StatusCode::OK, state.observer.render(size)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

/// Serves `GET /metrics` (and nothing else) on `listener`, in plain HTTP, until the process
/// ends. Bind it to an address only the operator's monitoring reaches (loopback, or a
/// management network): it takes no credentials.
pub async fn serve_metrics(
    state: AppState,
    listener: std::net::TcpListener,
) -> Result<(), crate::HubError> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = axum::Router::new()
        .route("/metrics", axum::routing::get(metrics))
        .fallback(|| async { (StatusCode::NOT_FOUND, "only /metrics is served here\n") })
        .with_state(state);
    axum::serve(listener, app).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_keep_ids_out_of_labels() {
        assert_eq!(
            route_of("/taxii2/api/collections/abc/objects/indicator--1/versions/"),
            "/taxii2/api/collections/{cid}/objects/{oid}/versions/"
        );
        assert_eq!(
            route_of("/taxii2/api/collections/abc"),
            "/taxii2/api/collections/{cid}/"
        );
        assert_eq!(route_of("/"), "/");
        assert_eq!(route_of("/wp-login.php"), "other");
        assert_eq!(route_of("/ui/collections/abc/objects/indicator--1"), "/ui/");
    }

    #[test]
    fn exposition_counts_requests_latency_and_failures() {
        let o = Observer::new();
        let record = |status: u16| Record {
            id: "x".into(),
            started: Instant::now(),
            method: "GET".into(),
            method_label: "GET",
            path: "/taxii2/api/collections/c/objects/".into(),
            query: None,
            route: "/taxii2/api/collections/{cid}/objects/",
            status,
            client: None,
            caller: AuditCaller::default(),
        };
        o.finish(&record(200), 10);
        o.finish(&record(200), 5);
        o.finish(&record(401), 0);
        o.objects_ingested(7);
        let text = o.render(Some(4096));
        assert!(text.contains(
            "ward_http_requests_total{route=\"/taxii2/api/collections/{cid}/objects/\",method=\"GET\",status=\"200\"} 2\n"
        ), "{text}");
        assert!(text.contains("ward_http_request_duration_seconds_bucket{route=\"/taxii2/api/collections/{cid}/objects/\",le=\"+Inf\"} 3\n"), "{text}");
        assert!(
            text.contains("ward_http_response_bytes_total 15\n"),
            "{text}"
        );
        assert!(text.contains("ward_auth_failures_total 1\n"), "{text}");
        assert!(text.contains("ward_objects_ingested_total 7\n"), "{text}");
        assert!(text.contains("ward_store_size_bytes 4096\n"), "{text}");
        // Every sample line belongs to a declared family.
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let name = line.split(['{', ' ']).next().unwrap_or("");
            let family = name
                .trim_end_matches("_bucket")
                .trim_end_matches("_sum")
                .trim_end_matches("_count");
            assert!(text.contains(&format!("# TYPE {family} ")), "{line}");
        }
    }
}
