//! ward's TAXII 2.1 server (the hub's HTTP face). It owns the endpoints of the TAXII 2.1
//! specification under `/taxii2/` (discovery, API root, status, collections, manifest, objects,
//! object, versions), `/healthz`, authentication (HTTP Basic and Bearer tokens), media-type
//! checks, request limits, TAXII error bodies, stateless signed pagination cursors and TLS.
//!
//! It must never know SQL or which database sits behind [`ward_store::Store`]: the server
//! keeps no state of its own that matters (the cursor key and the status resources live in the
//! store), so several hub processes can serve one store.
//!
//! # Seams for policy
//!
//! Two trait objects in [`AppState`] are where the rest of ward plugs in (the traits live in
//! `ward-hub-api`, re-exported here):
//! - [`PublishFilter`]: every posted object that passed STIX validation goes through it before
//!   it is stored. The PHI scrubber (issue 5) implements it: `Replace` with the scrubbed JSON,
//!   or `Reject` with a reason that lands in the status resource.
//! - [`ReadFilter`]: every stored version goes through it before it is served by the objects,
//!   object, manifest and versions endpoints. TLP clearance and anonymization (issue 7)
//!   implement it: `Hide` or `Replace`.
//!
//! Both default to [`PassThrough`]; install others with [`AppState::with_publish_filter`] and
//! [`AppState::with_read_filter`]. A read filter may also make a collection public
//! ([`ReadFilter::admits_anonymous`]): GETs of it then need no credentials and are read as
//! [`Caller::anonymous`]. A third seam, [`SightingCounter`] (none by default), answers ward's
//! one extension endpoint, `GET {API_ROOT}collections/{id}/sightings/{indicator-id}`: how many
//! organizations sighted an indicator, never which.
//!
//! Each stored version is written together with its submitter
//! ([`ward_store::Store::add_objects_by`]), which the policy keeps private.
//!
//! The operator's dashboard at `/` (an HTML page of counts) needs the same credentials. The
//! web interface under `/ui/` (`web`) signs in with a password form and a session cookie
//! instead, and reads objects through the same paged query and read filter as TAXII.
//!
//! # Layers
//!
//! Requests pass, outermost first: path normalization (trailing slash optional), the
//! audit line and metrics ([`audit`]), a panic catcher (500 with a TAXII error body, logged), TAXII error bodies for anything the
//! framework answers, a request time limit, then on TAXII routes the
//! media-type check (406/415) and authentication (401). Handlers only do their endpoint.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod audit;
mod auth;
mod body;
pub mod conn;
pub mod cursor;
mod dashboard;
pub mod error;
mod handlers;
pub mod ingest;
pub mod media;
mod misp_feed;
pub mod params;
mod rates;
pub mod vendors;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower::Layer;
use tower_http::normalize_path::{NormalizePath, NormalizePathLayer};
use ward_store::{Store, StoreError};

pub use audit::{serve_metrics, AuditSink, Observer};
pub use auth::Throttle;
pub use cursor::CursorSigner;
pub use error::TaxiiError;
/// The seams where policy plugs into the hub, under their old path; they live in
/// `ward-hub-api` so a crate that only implements one compiles no HTTP.
pub use ward_hub_api as filters;
pub use ward_hub_api::{
    Caller, Credential, EnvelopeRecords, HubSettings, PassThrough, PublishDecision, PublishFilter,
    ReadDecision, ReadFilter, SightingCounter, SightingSummary,
};

/// Path of the hub's one API root.
pub const API_ROOT: &str = "/taxii2/api/";

/// Limits and names of a hub.
#[derive(Clone, Debug)]
pub struct HubConfig {
    pub title: String,
    /// Largest request body accepted (413 above).
    pub max_body: usize,
    /// Largest page served; `limit` above it is lowered to it, and it is the default.
    pub page_max: usize,
    /// Requests taking longer are answered 503.
    pub request_timeout: Duration,
    /// Failed sign-ins (401) allowed per client address and per user name within
    /// `auth_window`; beyond them, every attempt is answered 429 until the window ends.
    pub auth_failures: u32,
    pub auth_window: Duration,
    /// A client must send a request's headers within this long once it starts them.
    pub header_timeout: Duration,
    /// A connection that moves no byte for this long is closed (before its first request
    /// too). Keep it at least `request_timeout`: a request being answered moves none.
    pub idle_timeout: Duration,
    /// Connections open at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// A request body that sends no byte for this long is answered 408.
    pub body_timeout: Duration,
    /// Organizations (by name, any case) whose users are the hub's operators in the web
    /// interface (`/ui/admin`). `ward admin` needs no such role: it works on the store
    /// directly, so whoever runs it is an operator by holding the store.
    pub operator_orgs: Vec<String>,
}

impl Default for HubConfig {
    fn default() -> Self {
        HubConfig {
            title: "ward hub".into(),
            max_body: 16 * 1024 * 1024,
            page_max: 1000,
            request_timeout: Duration::from_secs(30),
            auth_failures: 20,
            auth_window: Duration::from_secs(300),
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
            body_timeout: Duration::from_secs(10),
            operator_orgs: Vec::new(),
        }
    }
}

/// Why the hub could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("cursor key: {0}")]
    Cursor(#[from] cursor::CursorError),
    #[error("TLS certificate {cert} / key {key} could not be loaded")]
    Tls {
        cert: String,
        key: String,
        source: std::io::Error,
    },
    #[error("listener: {0}")]
    Io(#[from] std::io::Error),
}

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) signer: Arc<CursorSigner>,
    pub(crate) config: Arc<HubConfig>,
    pub(crate) publish_filter: Arc<dyn PublishFilter>,
    pub(crate) read_filter: Arc<dyn ReadFilter>,
    pub(crate) sightings: Option<Arc<dyn SightingCounter>>,
    /// Policy settings the operator's page may change (none: the page only shows them).
    pub(crate) settings: Option<Arc<dyn HubSettings>>,
    pub(crate) auth: Arc<auth::AuthState>,
    /// The audit log and the metrics (see [`audit`]).
    pub(crate) observer: Arc<Observer>,
    /// The key that signs the web interface's session cookies and CSRF tokens, derived from
    /// the store's signing key (see `web::session`).
    pub(crate) web_key: Arc<[u8; 32]>,
    /// Whether session cookies are marked `Secure` (the hub serves TLS).
    pub(crate) secure_cookies: bool,
    /// The block lists built for the web interface, kept until their collection changes.
    pub(crate) block_lists: Arc<web::blocklist::Cache>,
    /// The indicators that may be in some reader's block list, per collection.
    pub(crate) block_candidates: Arc<web::candidates::Candidates>,
}

impl AppState {
    /// Loads (or creates) the cursor key from the store; filters start as [`PassThrough`].
    pub fn new(store: Arc<dyn Store>, config: HubConfig) -> Result<AppState, HubError> {
        let key = store.signing_key()?;
        let signer = CursorSigner::new(&key)?;
        let web_key = web::session::derive_key(&key);
        let auth = auth::AuthState::new(config.auth_failures, config.auth_window);
        Ok(AppState {
            store,
            signer: Arc::new(signer),
            config: Arc::new(config),
            publish_filter: Arc::new(PassThrough),
            read_filter: Arc::new(PassThrough),
            sightings: None,
            settings: None,
            auth: Arc::new(auth),
            observer: Arc::new(Observer::new()),
            web_key: Arc::new(web_key),
            secure_cookies: false,
            block_lists: Arc::default(),
            block_candidates: Arc::default(),
        })
    }

    /// Marks the web interface's cookies `Secure` (set by [`serve`] when it serves TLS; a
    /// hub behind a TLS-terminating proxy sets it too).
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }

    /// Installs the audit log and metrics the hub reports into (by default metrics only).
    pub fn with_observer(mut self, observer: Arc<Observer>) -> Self {
        self.observer = observer;
        self
    }

    pub fn with_publish_filter(mut self, filter: Arc<dyn PublishFilter>) -> Self {
        self.publish_filter = filter;
        self
    }

    pub fn with_read_filter(mut self, filter: Arc<dyn ReadFilter>) -> Self {
        self.read_filter = filter;
        self
    }

    pub fn with_sightings(mut self, counter: Arc<dyn SightingCounter>) -> Self {
        self.sightings = Some(counter);
        self
    }

    pub fn with_settings(mut self, settings: Arc<dyn HubSettings>) -> Self {
        self.settings = Some(settings);
        self
    }

    /// How long a web block-list download with no list built yet waits for the build
    /// before it is answered `503` with `Retry-After` (10 s by default; the build goes on
    /// and is kept for the next download). Starts with an empty block-list cache.
    pub fn with_block_list_wait(mut self, wait: std::time::Duration) -> Self {
        self.block_lists = Arc::new(web::blocklist::Cache::with_first_wait(wait));
        self
    }
}

/// Runs a store call on a blocking thread (the store API is synchronous).
pub(crate) async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, TaxiiError>
where
    T: Send + 'static,
    F: FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
{
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || f(store.as_ref()))
        .await
        .map_err(|e| TaxiiError::internal(format!("store task failed: {e}")))?
        .map_err(TaxiiError::from)
}

async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(state.config.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => TaxiiError::unavailable("the request took too long").into_response(),
    }
}

/// A future that turns a panic while it is polled into `Err` with the panic's message.
struct CatchUnwind<F>(std::pin::Pin<Box<F>>);

impl<F: std::future::Future> std::future::Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(std::task::Poll::Ready(out)) => std::task::Poll::Ready(Ok(out)),
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".into());
                std::task::Poll::Ready(Err(message))
            }
        }
    }
}

/// Outermost layer: a panic anywhere below (handler, filter, layer) is answered 500 with a
/// TAXII error body and logged, instead of dropping the client's connection.
async fn catch_panics(request: Request, next: Next) -> Response {
    let what = format!("{} {}", request.method(), request.uri().path());
    match CatchUnwind(Box::pin(next.run(request))).await {
        Ok(response) => response,
        Err(message) => {
            eprintln!("ward serve: {what}: a handler panicked: {message}");
            TaxiiError::internal("the hub failed while answering; the failure is logged")
                .into_response()
        }
    }
}

/// The hub's routes with every layer, ready to serve.
pub fn app(state: AppState) -> NormalizePath<Router> {
    use handlers::*;
    let taxii = Router::new()
        .route("/taxii2", get(discovery))
        .route("/taxii2/api", get(api_root))
        .route("/taxii2/api/status/{id}", get(status))
        .route("/taxii2/api/collections", get(collections))
        .route("/taxii2/api/collections/{cid}", get(collection))
        .route("/taxii2/api/collections/{cid}/manifest", get(manifest))
        .route(
            "/taxii2/api/collections/{cid}/objects",
            get(get_objects).post(add_objects),
        )
        .route(
            "/taxii2/api/collections/{cid}/objects/{oid}",
            get(get_object).delete(delete_object),
        )
        .route(
            "/taxii2/api/collections/{cid}/objects/{oid}/versions",
            get(versions),
        )
        .route(
            "/taxii2/api/collections/{cid}/sightings/{oid}",
            get(sightings),
        )
        .route("/taxii2/api/ward/vendors", post(vendors::register))
        .route("/taxii2/api/ward/vendors/notices", get(vendors::notices))
        // Added last runs first: media types are checked before credentials.
        .route_layer(from_fn_with_state(state.clone(), auth::authenticate))
        .route_layer(from_fn(media::check_media_types));
    // The same collections as MISP feeds: the same credentials and read filter, no TAXII
    // media types (MISP asks with its own Accept header).
    let misp = Router::new()
        .route("/misp/{root}/{cid}/{file}", get(misp_feed::feed_file))
        .route_layer(from_fn_with_state(state.clone(), auth::authenticate));
    let operator = Router::new()
        .route("/", get(dashboard::dashboard))
        .route("/metrics", get(audit::metrics_refused))
        .route_layer(from_fn_with_state(state.clone(), auth::authenticate));
    let router = Router::new()
        .merge(taxii)
        .merge(misp)
        .merge(operator)
        .merge(web::routes(state.clone()))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .layer(from_fn_with_state(state.clone(), body::limit_requests))
        .layer(from_fn_with_state(state.clone(), time_limit))
        .layer(from_fn(ensure_taxii_errors))
        .layer(from_fn(catch_panics))
        // Outermost: a panic's 500 and every refusal are in the audit log and the metrics.
        .layer(from_fn_with_state(state.clone(), audit::observe))
        .with_state(state);
    NormalizePathLayer::trim_trailing_slash().layer(router)
}

/// How to serve: plain HTTP, or TLS with PEM files.
#[derive(Clone, Debug, Default)]
pub struct Tls {
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
}

/// Serves `state` on `listener` until Ctrl-C or SIGTERM. `on_listening` is called once with
/// the bound address (the CLI prints it, which is how tests find a port-0 server).
pub async fn serve(
    state: AppState,
    listener: std::net::TcpListener,
    tls: Tls,
    on_listening: impl FnOnce(SocketAddr, bool),
) -> Result<(), HubError> {
    let addr = listener.local_addr()?;
    // Tokio takes the listener as it is; a blocking one would stall a runtime thread in accept.
    listener.set_nonblocking(true)?;
    let tls_served = tls.cert.is_some() && tls.key.is_some();
    let state = if tls_served {
        state.with_secure_cookies(true)
    } else {
        state
    };
    tokio::spawn(finish_interrupted_statuses(state.clone()));
    tokio::spawn(web::candidates::keep_current(state.clone()));
    let config = state.config.clone();
    let handle = axum_server::Handle::new();
    let shutdown = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        shutdown.graceful_shutdown(Some(Duration::from_secs(10)));
    });
    // The client's address is what failed sign-ins are counted by.
    let service =
        axum::ServiceExt::<Request>::into_make_service_with_connect_info::<SocketAddr>(app(state));
    match (tls.cert, tls.key) {
        (Some(cert), Some(key)) => {
            // One process-wide provider; a second install (tests) is harmless.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let tls_config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                .await
                .map_err(|source| HubError::Tls {
                    cert: cert.display().to_string(),
                    key: key.display().to_string(),
                    source,
                })?;
            tokio::spawn(reload_on_hangup(Some((tls_config.clone(), cert, key))));
            on_listening(addr, true);
            let limits = conn::Limits::new(config.max_connections, config.idle_timeout, false);
            let tls = axum_server::tls_rustls::RustlsAcceptor::new(tls_config).acceptor(limits);
            let mut server = axum_server::from_tcp(listener)?
                .acceptor(tls)
                .handle(handle);
            limit_slow_clients(server.http_builder(), &config);
            server.serve(service).await?;
        }
        _ => {
            // SIGHUP's default action ends the process: a plain hub ignores it instead.
            tokio::spawn(reload_on_hangup(None));
            on_listening(addr, false);
            let limits = conn::Limits::new(config.max_connections, config.idle_timeout, true);
            let mut server = axum_server::from_tcp(listener)?
                .acceptor(limits)
                .handle(handle);
            limit_slow_clients(server.http_builder(), &config);
            server.serve(service).await?;
        }
    }
    Ok(())
}

/// On every SIGHUP (`systemctl reload`), reads the certificate and key files again and
/// swaps them in atomically: connections already open keep the session they have, new ones
/// get the new certificate. A file that cannot be read or parsed leaves the previous
/// certificate in service (and says so), so a botched renewal never stops the hub.
async fn reload_on_hangup(tls: Option<(axum_server::tls_rustls::RustlsConfig, PathBuf, PathBuf)>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut hangups = match signal(SignalKind::hangup()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("ward serve: SIGHUP cannot be handled ({e}); certificates reload on restart only");
                return;
            }
        };
        while hangups.recv().await.is_some() {
            let Some((config, cert, key)) = &tls else {
                eprintln!("ward serve: SIGHUP: no TLS certificate to reload (plain HTTP)");
                continue;
            };
            match config.reload_from_pem_file(cert, key).await {
                Ok(()) => eprintln!(
                    "ward serve: SIGHUP: TLS certificate reloaded from {}",
                    cert.display()
                ),
                Err(e) => eprintln!(
                    "ward serve: SIGHUP: TLS certificate {} / key {} not reloaded, the previous one \
                     stays in service: {e}",
                    cert.display(),
                    key.display()
                ),
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tls;
    }
}

/// How often a hub looks for statuses left pending by a hub that stopped mid-envelope.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// At start-up and then every [`SWEEP_EVERY`]: statuses still pending twice the request time
/// limit after their request (their hub was killed between two transactions of a large
/// envelope, or a store write failed) are finished from what the store holds
/// ([`ward_store::recovery::finish_interrupted`]). Should the envelope's own hub still be
/// writing after all, its next write replaces the status with its own, which is complete.
/// The first sweep reads every status; later ones only those requested since the last.
async fn finish_interrupted_statuses(state: AppState) {
    let stale = state.config.request_timeout.saturating_mul(2);
    let stale = i64::try_from(stale.as_micros()).unwrap_or(i64::MAX);
    let mut after = i64::MIN;
    loop {
        let store = state.store.clone();
        let before = ward_stix::Timestamp::now()
            .as_micros()
            .saturating_sub(stale);
        let done = tokio::task::spawn_blocking(move || {
            ward_store::recovery::finish_interrupted(store.as_ref(), after, before)
        })
        .await;
        match done {
            Ok(Ok(n)) => {
                after = before;
                if n > 0 {
                    eprintln!("ward serve: finished {n} status(es) left pending by a stopped hub");
                }
            }
            Ok(Err(e)) => eprintln!("ward serve: finishing statuses left pending: {e}"),
            Err(e) => eprintln!("ward serve: finishing statuses left pending: {e}"),
        }
        tokio::time::sleep(SWEEP_EVERY).await;
    }
}

/// A client that trickles its request headers is dropped after `header_timeout`, so slow
/// or malicious connections cannot pin the hub's connection slots (idle ones are closed
/// below HTTP, see `conn`).
fn limit_slow_clients(
    builder: &mut hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>,
    config: &HubConfig,
) {
    builder
        .http1()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(config.header_timeout);
}

/// Resolves on Ctrl-C, or SIGTERM on Unix: the hub's graceful stop, and `ward watch`'s.
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
