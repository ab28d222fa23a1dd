//! `ward serve`: runs the hub on the store at `--data`. Prints one line
//! `listening on http(s)://ADDR` on stdout once the port is bound (with `--listen
//! 127.0.0.1:0` that is how a caller learns the port).

use std::io::Write;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// The longest any of the hub's timeouts may be (a day): a larger value would overflow the
/// clock's arithmetic, and no client should hold a connection that long.
const MAX_TIMEOUT_SECS: u64 = 86_400;

use anyhow::Context;
use clap::Args;
use ward_policy::Policy;
use ward_taxii::{AppState, HubConfig, Observer, Tls};

use crate::Global;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, default_value = "127.0.0.1:8443", value_name = "ADDR")]
    pub listen: String,
    /// PEM certificate chain for built-in TLS
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for built-in TLS
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Largest request body in bytes (larger posts get 413)
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_body: usize,
    /// Largest page of objects served (and the default page size)
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub page_max: usize,
    /// Seconds a request may take before it is answered 503
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub timeout: u64,
    /// Seconds a request body may go without a byte before it is answered 408
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub body_timeout: u64,
    /// Seconds a client may take to send a request's headers once it has started
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub header_timeout: u64,
    /// Seconds a connection may stay without moving a byte (before its first request or
    /// between two) before the hub closes it; at least --timeout
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub idle_timeout: u64,
    /// Connections open at once; one more is answered 503 and closed. Lowered to fit the
    /// process's open-file limit (`ulimit -n`) less 32 for the store and logs
    #[arg(long, default_value_t = 512, value_name = "N")]
    pub max_connections: usize,
    /// Create the hub store when --data/--database holds none (without it, a missing store
    /// is an error: a mistyped --data must not start an empty hub)
    #[arg(long)]
    pub init: bool,
    /// Append the audit log (one JSON line per request: time, request id, method, path,
    /// status, bytes, latency, caller organization and user; never credentials or bodies)
    /// to FILE instead of standard error. Query it with `ward admin audit --file FILE`
    #[arg(long, value_name = "FILE")]
    pub audit_log: Option<PathBuf>,
    /// Serve Prometheus metrics at http://ADDR/metrics, for the operator's monitoring only
    /// (no credentials asked: bind it to loopback or a management network). On the TAXII
    /// address /metrics is refused to members
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<String>,
    /// An organization (by name) whose users are operators in the web interface: they see
    /// /ui/admin (members, tokens, collections, scrub log counts) and may create and revoke
    /// tokens there. Repeat for several; without it nobody has the operator pages
    #[arg(long = "operator-org", value_name = "NAME")]
    pub operator_orgs: Vec<String>,
    /// Mark the web interface's session cookies `Secure` without --tls-cert: the hub is
    /// behind a proxy that terminates TLS (with --tls-cert they always are)
    #[arg(long)]
    pub secure_cookies: bool,
}

/// `--max-connections`, lowered so that connections never take the file descriptors the
/// store and the listener need (hitting the limit made the hub unreachable).
#[cfg(not(unix))]
fn connection_limit(wanted: usize) -> usize {
    wanted.max(1)
}

#[cfg(unix)]
#[allow(unsafe_code)] // one libc call; the SAFETY comment is at the block
fn connection_limit(wanted: usize) -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    let known = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    if !known || limit.rlim_cur == libc::RLIM_INFINITY {
        return wanted.max(1);
    }
    let fit = usize::try_from(limit.rlim_cur)
        .unwrap_or(usize::MAX)
        .saturating_sub(32);
    wanted.min(fit).max(1)
}

/// How long a stopping hub waits for work still under way once connections are closed.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

fn resolve(option: &str, listen: &str) -> anyhow::Result<SocketAddr> {
    listen
        .to_socket_addrs()
        .with_context(|| format!("{option} {listen}: expected HOST:PORT such as 127.0.0.1:8443"))?
        .next()
        .with_context(|| format!("{option} {listen}: the name resolves to no address"))
}

pub fn run(args: ServeArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if args.page_max == 0 {
        anyhow::bail!("--page-max: expected at least 1");
    }
    if args.idle_timeout < args.timeout {
        anyhow::bail!(
            "--idle-timeout {}: expected at least --timeout ({}); a request being answered moves no byte",
            args.idle_timeout,
            args.timeout
        );
    }
    if args.max_connections == 0 {
        anyhow::bail!("--max-connections: expected at least 1");
    }
    let store = super::admin::open_store(global, args.init)?;
    // Said before anything else, so an operator sees at once which hub is being served.
    eprintln!(
        "serving the {}",
        super::admin::describe_store(store.as_ref(), global)?
    );
    let config = HubConfig {
        max_body: args.max_body,
        page_max: args.page_max,
        request_timeout: Duration::from_secs(args.timeout.clamp(1, MAX_TIMEOUT_SECS)),
        header_timeout: Duration::from_secs(args.header_timeout.clamp(1, MAX_TIMEOUT_SECS)),
        body_timeout: Duration::from_secs(args.body_timeout.clamp(1, MAX_TIMEOUT_SECS)),
        idle_timeout: Duration::from_secs(args.idle_timeout.clamp(1, MAX_TIMEOUT_SECS)),
        max_connections: connection_limit(args.max_connections),
        operator_orgs: args.operator_orgs.clone(),
        ..HubConfig::default()
    };
    // Every object in and out passes the sharing policy: scrubbing and TLP on the way in,
    // clearance and anonymization on the way out, and the sightings counts.
    let policy = Arc::new(Policy::new(store.clone()).context("loading the sharing policy")?);
    // This handle outlives the runtime: the last reference to the store is dropped here,
    // outside any async context. The PostgreSQL client is blocking and owns a runtime of its
    // own, which must not be shut down from inside Tokio's (that panics on every stop).
    let keep = store.clone();
    let observer = match &args.audit_log {
        Some(path) => {
            let mut options = std::fs::OpenOptions::new();
            options.create(true).append(true);
            // Who asked for what is the operator's alone: a new log is readable by its owner.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let file = options.open(path).with_context(|| {
                format!("--audit-log {}: cannot open for appending", path.display())
            })?;
            Observer::with_audit(Box::new(file))
        }
        None => Observer::with_audit(Box::new(std::io::stderr())),
    };
    let metrics_listener = match &args.metrics_listen {
        Some(listen) => {
            let addr = resolve("--metrics-listen", listen)?;
            Some(
                TcpListener::bind(addr)
                    .with_context(|| format!("--metrics-listen {listen}: cannot bind"))?,
            )
        }
        None => None,
    };
    // Hub-to-hub sync with the peers of `ward admin peer`, on its own thread (blocking
    // HTTP client); it reads the peer list again every few seconds.
    let federation =
        ward_federation::schedule::Schedule::start(store.clone(), policy.clone(), |line| {
            eprintln!("ward serve: {line}")
        })
        .context("starting hub-to-hub sync")?;
    let peer_store = store.clone();
    let state = AppState::new(store, config)
        .context("preparing the hub")?
        .with_observer(Arc::new(observer))
        .with_secure_cookies(args.secure_cookies)
        // Provenance between hubs (ward-federation) is kept out of the scrubber when a peer
        // posted it and it is only hub names; everything else is the policy's as before.
        .with_publish_filter(Arc::new(ward_federation::provenance::KeepPath::for_posts(
            policy.clone(),
            peer_store,
        )))
        .with_read_filter(policy.clone())
        .with_settings(policy.clone())
        .with_sightings(policy);
    let addr = resolve("--listen", &args.listen)?;
    let listener = TcpListener::bind(addr)
        .with_context(|| format!("--listen {}: cannot bind", args.listen))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let tls = Tls {
        cert: args.tls_cert,
        key: args.tls_key,
    };
    if let Some(metrics) = metrics_listener {
        let bound = metrics.local_addr().context("--metrics-listen")?;
        let state = state.clone();
        runtime.spawn(async move {
            if let Err(e) = ward_taxii::serve_metrics(state, metrics).await {
                eprintln!("ward serve: metrics on {bound}: {e}");
            }
        });
        eprintln!("metrics on http://{bound}/metrics");
    }
    let served = runtime.block_on(ward_taxii::serve(state, listener, tls, |bound, secure| {
        let scheme = if secure { "https" } else { "http" };
        println!("listening on {scheme}://{bound}");
        let _ = std::io::stdout().flush();
    }));
    // Tasks still holding the state (a connection past the grace period, a store call on a
    // blocking thread) end with the runtime; only then does the store go.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    federation.stop(SHUTDOWN_GRACE);
    drop(keep);
    served.context("serving")?;
    Ok(ExitCode::SUCCESS)
}
