//! `ward watch`'s firewall block lists: the same lists as `ward export --format plain-ip`,
//! `plain-domain` and `plain-url` (allow-list, never-block and decay applied by the same
//! code), served over HTTPS to firewalls that fetch them on a schedule, each with a token of
//! its own (`ward watch firewall add`).
//!
//! The lists are rendered in memory when the intel changes (and every few minutes, as scores
//! decay) and served from there, so a firewall's fetch never reads the store but for its
//! token. The server is a few plain threads: one accepts, each connection gets a thread of its
//! own up to [`MAX_CONNECTIONS`], and every connection has a deadline, so a firewall that
//! stalls (or anyone else) holds nothing for long.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use base64::Engine as _;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};
use ward_feeds::export::{Batched, ExportFormat, ExportOptions};
use ward_member::watch::edl::{self as tokens, FirewallListsConfig, ListsTls};
use ward_member::DataDir;
use ward_store::Store;

/// Connections served at once; one more is closed at once.
const MAX_CONNECTIONS: usize = 32;
/// The longest a connection may take, from accept to the last byte of the answer.
const CONNECTION_DEADLINE: Duration = Duration::from_secs(20);
/// The longest one read or write may wait.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// The request line and headers together; a firewall's GET is a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;
/// How often the intel is checked for changes.
const INTEL_EVERY: Duration = Duration::from_secs(2);
/// How often the lists are rendered again even without new intel: scores decay with time.
const REFRESH_EVERY: Duration = Duration::from_secs(300);

/// The three kinds of list, in the order of [`Lists::served`].
/// Indicators handed to the lists at a time.
const BATCH: usize = 1000;

const KINDS: [ExportFormat; 3] = [
    ExportFormat::PlainIp,
    ExportFormat::PlainDomain,
    ExportFormat::PlainUrl,
];

/// Each URL and the kind of list it serves. The vendors read the same one-entry-a-line
/// text with `#` comments; URLs have no scheme (Palo Alto requires that, FortiGate accepts
/// it and then matches either scheme). pfSense and OPNsense URL table aliases take addresses.
const PATHS: [(&str, usize); 8] = [
    ("/paloalto/ip.txt", 0),
    ("/paloalto/domain.txt", 1),
    ("/paloalto/url.txt", 2),
    ("/fortigate/ip.txt", 0),
    ("/fortigate/domain.txt", 1),
    ("/fortigate/url.txt", 2),
    ("/pfsense/ip.txt", 0),
    ("/opnsense/ip.txt", 0),
];

/// One list as served.
struct Served {
    body: Arc<[u8]>,
    etag: String,
    last_modified: String,
}

struct Lists {
    served: Vec<Served>,
}

/// What the connection threads share.
struct Server {
    lists: RwLock<Arc<Lists>>,
    store: Arc<dyn Store>,
    tls: Option<Arc<rustls::ServerConfig>>,
    open: AtomicUsize,
}

/// What `--check-config` says about the section.
pub(crate) fn describe(config: &FirewallListsConfig) -> String {
    match &config.tls {
        ListsTls::Files { cert, .. } => format!(
            "firewall lists on https://{}/ (certificate {})",
            config.listen,
            cert.display()
        ),
        ListsTls::SelfSigned { cert, .. } => format!(
            "firewall lists on https://{}/ (self-signed certificate {}, made on first start)",
            config.listen,
            cert.display()
        ),
        ListsTls::Off => format!(
            "firewall lists on http://{}/ (plain HTTP, loopback only)",
            config.listen
        ),
    }
}

/// Renders the lists, binds the address and serves on threads of their own until the
/// process ends. Errors (a certificate that cannot be read, an address in use) stop `ward
/// watch` before it starts following, with the reason.
pub(crate) fn start(
    config: &FirewallListsConfig,
    data: &DataDir,
    store: Arc<dyn Store>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<()> {
    let tls = server_tls(&config.tls, config.listen)?;
    let lists = build(data, &store, None).context("firewall lists: rendering the block lists")?;
    let listener = TcpListener::bind(config.listen)
        .with_context(|| format!("firewall_lists.listen: cannot listen on {}", config.listen))?;
    let bound = listener.local_addr().context("firewall_lists.listen")?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    say!("watch: firewall lists on {scheme}://{bound}/");
    let server = Arc::new(Server {
        lists: RwLock::new(Arc::new(lists)),
        store: store.clone(),
        tls,
        open: AtomicUsize::new(0),
    });
    let refresher = server.clone();
    let data = data.clone();
    std::thread::spawn(move || refresh_lists(&refresher, &data, &stop));
    std::thread::spawn(move || accept_loop(&listener, &server));
    Ok(())
}

/// The rustls configuration, or `None` for plain HTTP. A missing self-signed pair is made.
fn server_tls(
    tls: &ListsTls,
    listen: SocketAddr,
) -> anyhow::Result<Option<Arc<rustls::ServerConfig>>> {
    let (cert, key) = match tls {
        ListsTls::Off => return Ok(None),
        ListsTls::Files { cert, key } => (cert, key),
        ListsTls::SelfSigned { cert, key } => {
            match (cert.exists(), key.exists()) {
                (true, true) => {}
                (false, false) => make_self_signed(cert, key, listen)?,
                _ => bail!(
                    "firewall lists: only one of {} and {} is there; remove the other too and \
                     ward watch makes a new pair (the firewalls must then pin the new fingerprint)",
                    cert.display(),
                    key.display()
                ),
            }
            (cert, key)
        }
    };
    tls_from_files(cert, key, "firewall_lists", "firewall lists").map(Some)
}

/// The rustls configuration of a PEM certificate chain and key; errors name the section's
/// keys (`SECTION.tls_cert`), and the certificate's fingerprint is said at start.
pub(super) fn tls_from_files(
    cert: &Path,
    key: &Path,
    section: &str,
    what: &str,
) -> anyhow::Result<Arc<rustls::ServerConfig>> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect())
        .map_err(|e| {
            anyhow::anyhow!(
                "{section}.tls_cert: {}: expected a PEM certificate: {e}",
                cert.display()
            )
        })?;
    let Some(first) = chain.first() else {
        bail!(
            "{section}.tls_cert: {}: no certificate in it (expected a PEM \"BEGIN CERTIFICATE\" block)",
            cert.display()
        );
    };
    let private = PrivateKeyDer::from_pem_file(key).map_err(|e| {
        anyhow::anyhow!(
            "{section}.tls_key: {}: expected a PEM private key: {e}",
            key.display()
        )
    })?;
    say!(
        "watch: {what} certificate {} SHA-256 fingerprint {}",
        cert.display(),
        fingerprint(first)
    );
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .with_context(|| format!("{what}: TLS versions"))?
        .with_no_client_auth()
        .with_single_cert(chain, private)
        .with_context(|| {
            format!(
                "{what}: the certificate {} and key {} do not go together",
                cert.display(),
                key.display()
            )
        })?;
    Ok(Arc::new(config))
}

/// Makes a self-signed certificate for this machine's names, the key readable by its owner
/// only. The firewall trusts it by its fingerprint (printed at every start).
fn make_self_signed(cert: &Path, key: &Path, listen: SocketAddr) -> anyhow::Result<()> {
    let mut names = vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
    ];
    if !listen.ip().is_unspecified() && !listen.ip().is_loopback() {
        names.push(listen.ip().to_string());
    }
    if let Some(host) = host_name() {
        names.push(host);
    }
    let made = rcgen::generate_simple_self_signed(names)
        .context("firewall lists: making a self-signed certificate")?;
    write_new(key, made.key_pair.serialize_pem().as_bytes(), 0o600)?;
    write_new(cert, made.cert.pem().as_bytes(), 0o644)?;
    say!(
        "watch: made a self-signed certificate for the firewall lists: {} (key {})",
        cert.display(),
        key.display()
    );
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8], mode: u32) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options
        .open(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// The machine's name, for the certificate (Linux; elsewhere the admin brings a certificate).
fn host_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim();
    (!name.is_empty() && name != "localhost").then(|| name.to_string())
}

/// Colon-separated upper-case hex, as firewalls and browsers show fingerprints.
fn fingerprint(cert: &CertificateDer<'_>) -> String {
    Sha256::digest(cert.as_ref())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Renders every list. A list whose entries did not change keeps its ETag and date (its
/// header's "Made:" line aside), so a firewall's conditional fetch is answered 304. The
/// intel is read a page at a time and each page's indicators go to every list at once
/// ([`Batched`]: it keeps one small entry per value listed), so memory holds the lists,
/// not the intel.
fn build(data: &DataDir, store: &Arc<dyn Store>, old: Option<&Lists>) -> anyhow::Result<Lists> {
    let local = data.local_intel_on(store.clone())?;
    let options = ExportOptions::default();
    let mut lists = KINDS
        .into_iter()
        .map(|format| Batched::new(format, options.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    local
        .each_scored_batch(options.now, BATCH, |batch| {
            for list in &mut lists {
                list.add(batch);
            }
        })
        .context("reading the local intel")?;
    let mut served = Vec::new();
    for (n, list) in lists.into_iter().enumerate() {
        let text = list.finish().text;
        let previous = old.and_then(|o| o.served.get(n));
        match previous {
            Some(p) if same_entries(&p.body, text.as_bytes()) => served.push(Served {
                body: p.body.clone(),
                etag: p.etag.clone(),
                last_modified: p.last_modified.clone(),
            }),
            _ => served.push(Served {
                etag: format!(
                    "\"{}\"",
                    &tokens::hex(&Sha256::digest(text.as_bytes()))[..32]
                ),
                body: Arc::from(text.into_bytes()),
                last_modified: http_date(),
            }),
        }
    }
    Ok(Lists { served })
}

/// Equal but for the header's "Made:" line.
fn same_entries(a: &[u8], b: &[u8]) -> bool {
    let lines = |t: &[u8]| -> Vec<Vec<u8>> {
        t.split(|c| *c == b'\n')
            .filter(|l| !l.starts_with(b"# Made:"))
            .map(<[u8]>::to_vec)
            .collect()
    };
    lines(a) == lines(b)
}

fn http_date() -> String {
    chrono::Utc::now()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// Renders the lists again when `ward import` or `ward pull` records new intel, and every
/// [`REFRESH_EVERY`]; a failure keeps the lists being served.
fn refresh_lists(server: &Server, data: &DataDir, stop: &AtomicBool) {
    let mut seen = super::intel_marker(&*server.store);
    let mut rendered = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(INTEL_EVERY);
        let marker = super::intel_marker(&*server.store);
        if marker == seen && rendered.elapsed() < REFRESH_EVERY {
            continue;
        }
        let old = current(server);
        match build(data, &server.store, Some(&old)) {
            Ok(new) => {
                let changed = new
                    .served
                    .iter()
                    .zip(&old.served)
                    .any(|(a, b)| a.etag != b.etag);
                if changed {
                    say!("watch: firewall lists rendered again (the intel changed)");
                }
                if let Ok(mut lists) = server.lists.write() {
                    *lists = Arc::new(new);
                }
                seen = marker;
                rendered = Instant::now();
            }
            Err(e) => {
                say!("watch: firewall lists not rendered again, the old ones stay: {e:#}")
            }
        }
    }
}

fn current(server: &Server) -> Arc<Lists> {
    match server.lists.read() {
        Ok(l) => l.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

/// Gives its slot back however the connection ends.
struct Slot<'a>(&'a AtomicUsize);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept_loop(listener: &TcpListener, server: &Arc<Server>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if server.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            server.open.fetch_sub(1, Ordering::SeqCst);
            continue; // dropped: closed at once
        }
        let server = server.clone();
        std::thread::spawn(move || {
            let _slot = Slot(&server.open);
            let _ = connection(&server, stream);
        });
    }
}

fn connection(server: &Server, tcp: TcpStream) -> io::Result<()> {
    let peer = tcp.peer_addr()?;
    let deadline = Instant::now() + CONNECTION_DEADLINE;
    let mut stream = Deadlined { tcp, deadline };
    match &server.tls {
        Some(config) => {
            let conn = rustls::ServerConnection::new(config.clone()).map_err(io::Error::other)?;
            let mut tls = rustls::StreamOwned::new(conn, stream);
            exchange(server, &mut tls, peer, deadline)?;
            tls.conn.send_close_notify();
            tls.conn.complete_io(&mut tls.sock)?;
            Ok(())
        }
        None => exchange(server, &mut stream, peer, deadline),
    }
}

/// A socket whose every read and write ends by the connection's deadline, so a client that
/// trickles its TLS handshake or its request byte by byte is cut off like a silent one.
struct Deadlined {
    tcp: TcpStream,
    deadline: Instant,
}

impl Deadlined {
    fn left(&self) -> io::Result<Duration> {
        self.deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .map(|d| d.min(IO_TIMEOUT))
            .ok_or_else(|| io::Error::new(io::ErrorKind::TimedOut, "the connection took too long"))
    }
}

impl Read for Deadlined {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.tcp.set_read_timeout(Some(self.left()?))?;
        self.tcp.read(buf)
    }
}

impl Write for Deadlined {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tcp.set_write_timeout(Some(self.left()?))?;
        self.tcp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tcp.flush()
    }
}

/// A request's parts that matter here.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An answer; `body` is left out for HEAD.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Arc<[u8]>,
}

fn exchange<S: Read + Write>(
    server: &Server,
    stream: &mut S,
    peer: SocketAddr,
    deadline: Instant,
) -> io::Result<()> {
    let response = match read_head(stream, deadline)? {
        Head::Closed => return Ok(()),
        Head::TooLarge => error(431, "the request's headers are larger than 16 KiB"),
        Head::Malformed => error(400, "expected an HTTP/1.1 request line and headers"),
        Head::Request(request) => {
            let response = answer(server, &request);
            if response.status == 401 {
                say!(
                    "watch: firewall lists: refused {} {} from {peer}: wrong, missing or removed token",
                    request.method,
                    request.target.split('?').next().unwrap_or("")
                );
            }
            let mut out = Vec::new();
            write_head(&mut out, &response);
            if request.method != "HEAD" {
                out.extend_from_slice(&response.body);
            }
            stream.write_all(&out)?;
            return stream.flush();
        }
    };
    let mut out = Vec::new();
    write_head(&mut out, &response);
    out.extend_from_slice(&response.body);
    stream.write_all(&out)?;
    stream.flush()
}

enum Head {
    Request(Request),
    Closed,
    TooLarge,
    Malformed,
}

/// Reads up to the blank line after the headers (a GET has no body to read).
fn read_head<S: Read>(stream: &mut S, deadline: Instant) -> io::Result<Head> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    let end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        if buf.len() > MAX_HEAD {
            return Ok(Head::TooLarge);
        }
        if Instant::now() > deadline {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "request too slow"));
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(if buf.is_empty() {
                Head::Closed
            } else {
                Head::Malformed
            });
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    };
    let text = String::from_utf8_lossy(buf.get(..end).unwrap_or_default()).into_owned();
    Ok(parse_head(&text).map_or(Head::Malformed, Head::Request))
}

fn parse_head(text: &str) -> Option<Request> {
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target, version) = (first.next()?, first.next()?, first.next()?);
    if first.next().is_some() || !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return None;
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    })
}

/// Path, then method, then token, then the conditional request.
fn answer(server: &Server, request: &Request) -> Response {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    let Some(&(_, kind)) = PATHS.iter().find(|(p, _)| *p == path) else {
        let known: Vec<&str> = PATHS.iter().map(|(p, _)| *p).collect();
        return error(
            404,
            &format!("no such list; the lists are {}", known.join(", ")),
        );
    };
    if request.method != "GET" && request.method != "HEAD" {
        let mut r = error(405, "the lists are read with GET (or HEAD)");
        r.headers.push(("allow", "GET, HEAD".into()));
        return r;
    }
    match authenticate(server, request, query) {
        Ok(true) => {}
        Ok(false) => {
            let mut r = error(401, "a firewall token is needed: HTTP Basic (user the firewall's name, password its token), Authorization: Bearer, or ?token=");
            r.headers.push((
                "www-authenticate",
                "Basic realm=\"ward firewall lists\"".into(),
            ));
            return r;
        }
        Err(e) => {
            say!("watch: firewall lists: reading the tokens: {e}");
            return error(503, "the tokens could not be read; try again shortly");
        }
    }
    let lists = current(server);
    let Some(list) = lists.served.get(kind) else {
        return error(404, "no such list");
    };
    let fresh = request.header("if-none-match").is_some_and(|tags| {
        tags.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == "*" || t == list.etag)
    });
    let headers = vec![
        ("content-type", "text/plain; charset=utf-8".to_string()),
        ("etag", list.etag.clone()),
        ("last-modified", list.last_modified.clone()),
        ("cache-control", "no-cache".to_string()),
    ];
    if fresh {
        return Response {
            status: 304,
            headers,
            body: Arc::from(Vec::new()),
        };
    }
    Response {
        status: 200,
        headers,
        body: list.body.clone(),
    }
}

/// True when the request carries a token that a firewall holds now.
fn authenticate(
    server: &Server,
    request: &Request,
    query: &str,
) -> Result<bool, tokens::FirewallError> {
    let Some((name, token)) = credentials(request, query) else {
        return Ok(false);
    };
    Ok(tokens::verify(&*server.store, name.as_deref(), &token)?.is_some())
}

/// (firewall name for Basic, token) from the Authorization header, or else `?token=`.
fn credentials(request: &Request, query: &str) -> Option<(Option<String>, String)> {
    if let Some(value) = request.header("authorization") {
        let (scheme, rest) = value.split_once(' ')?;
        let rest = rest.trim();
        if scheme.eq_ignore_ascii_case("basic") {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(rest)
                .ok()?;
            let text = String::from_utf8(decoded).ok()?;
            let (user, password) = text.split_once(':')?;
            return Some((Some(user.to_string()), password.to_string()));
        }
        if scheme.eq_ignore_ascii_case("bearer") {
            return Some((None, rest.to_string()));
        }
        return None;
    }
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(|t| (None, t.to_string()))
}

fn error(status: u16, message: &str) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    Response {
        status,
        headers: vec![("content-type", "application/json".to_string())],
        body: Arc::from(body.into_bytes()),
    }
}

fn write_head(out: &mut Vec<u8>, response: &Response) {
    let reason = match response.status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Service Unavailable",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.status != 304 {
        head.push_str(&format!("content-length: {}\r\n", response.body.len()));
    }
    head.push_str("connection: close\r\n\r\n");
    out.extend_from_slice(head.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> Request {
        parse_head(text).unwrap()
    }

    #[test]
    fn credentials_come_from_basic_bearer_or_the_query() {
        let basic = base64::engine::general_purpose::STANDARD.encode("pa-1:abc");
        let r = request(&format!("GET /x HTTP/1.1\r\nAuthorization: Basic {basic}"));
        assert_eq!(
            credentials(&r, ""),
            Some((Some("pa-1".into()), "abc".into()))
        );
        let r = request("GET /x HTTP/1.1\r\nauthorization: bearer abc");
        assert_eq!(credentials(&r, ""), Some((None, "abc".into())));
        let r = request("GET /x HTTP/1.1\r\nHost: h");
        assert_eq!(credentials(&r, "a=1&token=abc"), Some((None, "abc".into())));
        assert_eq!(credentials(&r, "a=1"), None);
    }

    #[test]
    fn bad_request_lines_are_refused() {
        assert!(parse_head("GET /x HTTP/1.1\r\nHost h").is_none());
        assert!(parse_head("GET x HTTP/1.1").is_none());
        assert!(parse_head("GET /x SMTP").is_none());
    }

    #[test]
    fn an_endless_head_is_cut_at_its_limit() {
        let deadline = Instant::now() + CONNECTION_DEADLINE;
        let mut big = b"GET /paloalto/ip.txt HTTP/1.1\r\nX-Pad: ".to_vec();
        big.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        let got = read_head(&mut io::Cursor::new(big), deadline).unwrap();
        assert!(matches!(got, Head::TooLarge));
        let got = read_head(
            &mut io::Cursor::new(b"GET /x HTTP/1.1\r\n".to_vec()),
            deadline,
        );
        assert!(matches!(got.unwrap(), Head::Malformed), "cut short");
        let got = read_head(&mut io::Cursor::new(Vec::new()), deadline).unwrap();
        assert!(matches!(got, Head::Closed));
    }

    #[test]
    fn the_made_line_alone_keeps_the_etag() {
        assert!(same_entries(
            b"# Made: 1\n198.51.100.7\n",
            b"# Made: 2\n198.51.100.7\n"
        ));
        assert!(!same_entries(
            b"# Made: 1\n198.51.100.7\n",
            b"# Made: 1\n198.51.100.8\n"
        ));
    }
}
