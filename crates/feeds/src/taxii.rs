//! TAXII 2.1 client: pulls a collection into the local store, resumably, and pushes objects
//! to a collection, following the status resource to completion.
//!
//! Paging follows the server's `next` (the only way to page exactly through many objects
//! that share one `date_added`); `X-TAXII-Date-Added-Last` of the last page becomes the
//! `added_after` of the next pull. The position is saved after every page, so an interrupted
//! pull resumes with its `next`, or, when the server has forgotten it, from the last page's
//! `date_added`. Resumes and later pulls ask for everything added from one microsecond before
//! the saved instant: servers whose clocks give many objects one `date_added` may add more at
//! that very instant, and what was already received is recognised by the store as a
//! duplicate, so every object arrives exactly once in the store.
//!
//! Every request is retried on 429 and 5xx answers and on connection failures, a bounded
//! number of times with exponential backoff (honouring `Retry-After`).

use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use serde::Serialize;
use serde_json::{json, Value};
use ward_stix::Timestamp;

use crate::local::{LocalIntel, PullPosition};
use crate::FeedsError;

pub const MEDIA_TYPE: &str = "application/taxii+json;version=2.1";
const MAX_TRIES: u32 = 5;
const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);

/// How the client proves who it is.
#[derive(Clone, Debug, Default)]
pub enum Auth {
    #[default]
    None,
    Basic {
        user: String,
        password: String,
    },
    Bearer(String),
    /// An API key in a header of the server's choosing (`X-API-Key: ...`).
    ApiKey {
        header: String,
        value: String,
    },
}

/// A blocking TAXII 2.1 client.
pub struct Client {
    agent: ureq::Agent,
    auth: Auth,
    /// First backoff delay; doubles with each retry.
    pub retry_base: Duration,
    /// Objects asked for per page.
    pub page_size: usize,
    /// Tries per request (retries on 429, 5xx and transport failures after the first).
    pub max_tries: u32,
}

/// One page of a collection's objects.
#[derive(Debug)]
pub struct ObjectsPage {
    pub objects: Vec<Value>,
    pub more: bool,
    pub next: Option<String>,
    pub date_added_first: Option<String>,
    pub date_added_last: Option<String>,
}

/// What a pull did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PullReport {
    pub api_root: String,
    pub collection: String,
    pub pages: usize,
    /// Objects the server sent.
    pub received: usize,
    /// Of those, versions the local store did not have yet.
    pub new: usize,
    /// Whether the pull continued an interrupted one.
    pub resumed: bool,
    /// Indicators received that are kept out of every block list (special addresses, the
    /// organization's own domains and networks).
    pub kept_out_of_block_lists: crate::never_block::KeptOut,
}

/// One object's outcome in a status resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusDetail {
    pub id: String,
    pub version: Option<String>,
    pub message: Option<String>,
}

/// What a push did, from the final status resource(s).
#[derive(Clone, Debug, Default, Serialize)]
pub struct PushReport {
    pub status_ids: Vec<String>,
    pub total: usize,
    pub successes: usize,
    /// The failures the hub listed (a hub may list only the first ones of a large envelope).
    pub failures: Vec<StatusDetail>,
    /// Objects still pending when the wait ran out, as far as the hub listed them.
    pub pendings: Vec<StatusDetail>,
    /// How many failed and how many were still pending, listed or not.
    pub failure_count: usize,
    pub pending_count: usize,
}

/// A count from a status resource, at least as many as it listed.
fn count(status: &Value, key: &str, listed: usize) -> usize {
    status
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .map_or(listed, |n| n.max(listed))
}

/// The paging headers of an answer.
struct DateHeaders {
    first: Option<String>,
    last: Option<String>,
}

fn ensure_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> &str {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let end = rest.find('/').map_or(url.len(), |j| i + 3 + j);
            &url[..end]
        }
        None => url,
    }
}

/// Resolves an API root named in a discovery document (absolute, absolute path, or relative
/// to the discovery URL).
fn resolve(discovery: &str, root: &str) -> String {
    if root.contains("://") {
        ensure_slash(root)
    } else if root.starts_with('/') {
        ensure_slash(&format!("{}{root}", origin(discovery)))
    } else {
        ensure_slash(&format!("{}{root}", ensure_slash(discovery)))
    }
}

/// What a path segment or query value escapes: everything but RFC 3986's unreserved
/// characters.
const NOT_UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, NOT_UNRESERVED).to_string()
}

/// One microsecond before a TAXII timestamp (so that `added_after` includes that instant).
fn just_before(ts: &str) -> String {
    match Timestamp::parse(ts) {
        Ok(t) => Timestamp::from_micros(t.as_micros() - 1).to_string(),
        Err(_) => ts.to_string(),
    }
}

fn taxii_message(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(v) => v
            .get("description")
            .or_else(|| v.get("title"))
            .and_then(Value::as_str)
            .map_or_else(|| body.chars().take(200).collect(), str::to_string),
        Err(_) => body.chars().take(200).collect(),
    }
}

impl Client {
    pub fn new(auth: Auth) -> Client {
        Client::with_agent(auth, crate::net::plain_builder())
    }

    /// A client that also trusts the CA certificates in `ca_cert` (PEM), for a hub with a
    /// self-signed or private-CA certificate. `HTTPS_PROXY` is honoured.
    pub fn with_ca_cert(auth: Auth, ca_cert: Option<&Path>) -> Result<Client, FeedsError> {
        Ok(Client::with_agent(
            auth,
            crate::net::agent_builder(ca_cert)?,
        ))
    }

    /// A client for a person waiting at a page: one try per request, each given up after
    /// `timeout` (no retry of a 429 or a 5xx: the error is shown at once).
    pub fn impatient(
        auth: Auth,
        ca_cert: Option<&Path>,
        timeout: Duration,
    ) -> Result<Client, FeedsError> {
        let agent = crate::net::agent_builder(ca_cert)?
            .timeout_connect(timeout.min(Duration::from_secs(10)))
            .timeout(timeout)
            .build();
        Ok(Client {
            max_tries: 1,
            ..Client::from_agent(auth, agent)
        })
    }

    fn with_agent(auth: Auth, builder: ureq::AgentBuilder) -> Client {
        let agent = builder
            .timeout_connect(Duration::from_secs(10))
            // Some servers take many seconds to build a page.
            .timeout_read(Duration::from_secs(180))
            .build();
        Client::from_agent(auth, agent)
    }

    fn from_agent(auth: Auth, agent: ureq::Agent) -> Client {
        Client {
            agent,
            auth,
            retry_base: Duration::from_millis(500),
            page_size: 1000,
            max_tries: MAX_TRIES,
        }
    }

    fn authorize(&self, req: ureq::Request) -> ureq::Request {
        match &self.auth {
            Auth::None => req,
            Auth::Basic { user, password } => {
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                req.set("Authorization", &format!("Basic {token}"))
            }
            Auth::Bearer(t) => req.set("Authorization", &format!("Bearer {t}")),
            Auth::ApiKey { header, value } => req.set(header, value),
        }
    }

    /// Sends a request, retrying on 429/5xx and transport failures.
    fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
    ) -> Result<ureq::Response, FeedsError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let req = self
                .authorize(self.agent.request(method, url))
                .set("Accept", MEDIA_TYPE);
            let result = match body {
                Some(b) => req
                    .set("Content-Type", MEDIA_TYPE)
                    .send_string(&b.to_string()),
                None => req.call(),
            };
            let delay = self.retry_base * 2u32.saturating_pow(attempt - 1);
            match result {
                Ok(resp) => return Ok(resp),
                Err(ureq::Error::Status(code, resp)) => {
                    let retryable = code == 429 || (500..600).contains(&code);
                    if retryable && attempt < self.max_tries {
                        let wait = resp
                            .header("Retry-After")
                            .and_then(|s| s.trim().parse::<u64>().ok())
                            .map_or(delay, |s| Duration::from_secs(s).min(RETRY_AFTER_CAP));
                        std::thread::sleep(wait);
                        continue;
                    }
                    let text = resp.into_string().unwrap_or_default();
                    return Err(FeedsError::HttpStatus {
                        url: url.to_string(),
                        status: code,
                        message: taxii_message(&text),
                    });
                }
                Err(ureq::Error::Transport(t)) => {
                    let (message, retry) = crate::net::explain_transport(url, &t);
                    if retry && attempt < self.max_tries {
                        std::thread::sleep(delay);
                        continue;
                    }
                    return Err(FeedsError::Http {
                        url: url.to_string(),
                        message: if attempt > 1 {
                            format!("{message} (after {attempt} tries)")
                        } else {
                            message
                        },
                    });
                }
            }
        }
    }

    fn json(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
        what: &'static str,
    ) -> Result<(Value, DateHeaders), FeedsError> {
        let resp = self.send(method, url, body)?;
        let headers = DateHeaders {
            first: resp.header("X-TAXII-Date-Added-First").map(str::to_string),
            last: resp.header("X-TAXII-Date-Added-Last").map(str::to_string),
        };
        let text = resp.into_string().map_err(|e| FeedsError::Http {
            url: url.to_string(),
            message: format!("reading the answer: {e}"),
        })?;
        let value = serde_json::from_str(&text).map_err(|e| FeedsError::BadResponse {
            url: url.to_string(),
            what,
            message: format!("not JSON: {e}"),
        })?;
        Ok((value, headers))
    }

    /// The API root URL for `url`, which may be a discovery URL or an API root.
    pub fn api_root(&self, url: &str) -> Result<String, FeedsError> {
        let url = ensure_slash(url);
        let (doc, _) = self.json("GET", &url, None, "discovery or API root document")?;
        if let Some(roots) = doc.get("api_roots").and_then(Value::as_array) {
            let chosen = doc
                .get("default")
                .and_then(Value::as_str)
                .or_else(|| roots.iter().find_map(Value::as_str))
                .ok_or_else(|| FeedsError::BadResponse {
                    url: url.clone(),
                    what: "discovery document",
                    message: "it lists no API root".into(),
                })?;
            return Ok(resolve(&url, chosen));
        }
        if doc.get("versions").is_some() || doc.get("title").is_some() {
            return Ok(url);
        }
        Err(FeedsError::BadResponse {
            url,
            what: "discovery or API root document",
            message: "expected `api_roots` or `versions`".into(),
        })
    }

    /// The collections this caller can see at an API root (`GET {api_root}/collections/`).
    pub fn collections(&self, api_root: &str) -> Result<Vec<Value>, FeedsError> {
        let url = format!("{}collections/", ensure_slash(api_root));
        let (doc, _) = self.json("GET", &url, None, "collections")?;
        Ok(doc
            .get("collections")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default())
    }

    /// A collection's description (`GET {api_root}/collections/{id}/`): it exists and this
    /// caller may see it; `can_write` says whether it may add to it.
    pub fn collection(&self, api_root: &str, id: &str) -> Result<Value, FeedsError> {
        let url = format!("{}collections/{}/", ensure_slash(api_root), encode(id));
        Ok(self.json("GET", &url, None, "collection")?.0)
    }

    /// One page of objects.
    pub fn objects_page(
        &self,
        api_root: &str,
        collection: &str,
        added_after: Option<&str>,
        next: Option<&str>,
    ) -> Result<ObjectsPage, FeedsError> {
        let mut url = format!(
            "{}collections/{}/objects/?limit={}",
            ensure_slash(api_root),
            encode(collection),
            self.page_size
        );
        if let Some(a) = added_after {
            url.push_str(&format!("&added_after={}", encode(a)));
        }
        if let Some(n) = next {
            url.push_str(&format!("&next={}", encode(n)));
        }
        let (mut env, headers) = self.json("GET", &url, None, "envelope")?;
        if !env.is_object() {
            return Err(FeedsError::BadResponse {
                url,
                what: "envelope",
                message: "expected a JSON object".into(),
            });
        }
        let objects = match env.get_mut("objects").map(Value::take) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a,
            Some(_) => {
                return Err(FeedsError::BadResponse {
                    url,
                    what: "envelope",
                    message: "`objects` is not a list".into(),
                })
            }
        };
        let next = env.get("next").and_then(|n| match n {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        Ok(ObjectsPage {
            objects,
            more: env.get("more").and_then(Value::as_bool).unwrap_or(false),
            next,
            date_added_first: headers.first,
            date_added_last: headers.last,
        })
    }

    /// The API root's `max_content_length`, when it says.
    fn max_content_length(&self, api_root: &str) -> Option<usize> {
        let (doc, _) = self
            .json("GET", &ensure_slash(api_root), None, "API root")
            .ok()?;
        doc.get("max_content_length")
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    }

    /// The hub's aggregate of members' sightings of one indicator (ward's extension
    /// endpoint `collections/{id}/sightings/{indicator}/`): counts only, no member named.
    /// `None` when the server does not offer it (another TAXII server) or knows no such
    /// indicator.
    pub fn sightings_summary(
        &self,
        api_root: &str,
        collection: &str,
        indicator: &str,
    ) -> Option<Value> {
        let url = format!(
            "{}collections/{}/sightings/{}/",
            ensure_slash(api_root),
            encode(collection),
            encode(indicator)
        );
        self.json("GET", &url, None, "sightings summary")
            .ok()
            .map(|(v, _)| v)
            .filter(|v| v.get("organizations").is_some())
    }

    /// Registers the vendors this member depends on with a ward hub (ward's extension
    /// `{api_root}ward/vendors/`): normalised names only, replacing what was registered.
    pub fn publish_vendors(&self, api_root: &str, keys: &[String]) -> Result<Value, FeedsError> {
        let url = format!("{}ward/vendors/", ensure_slash(api_root));
        let body = serde_json::json!({ "vendors": keys });
        Ok(self
            .json("POST", &url, Some(&body), "vendor registration")?
            .0)
    }

    /// The vendor incident notices a ward hub recorded for this member's organization
    /// (`{api_root}ward/vendors/notices/`).
    pub fn vendor_notices(&self, api_root: &str) -> Result<Value, FeedsError> {
        let url = format!("{}ward/vendors/notices/", ensure_slash(api_root));
        Ok(self.json("GET", &url, None, "vendor notices")?.0)
    }

    /// A status resource.
    pub fn status(&self, api_root: &str, id: &str) -> Result<Value, FeedsError> {
        let url = format!("{}status/{}/", ensure_slash(api_root), encode(id));
        Ok(self.json("GET", &url, None, "status resource")?.0)
    }
}

/// Pulls a collection into the local store, from where the last pull of this server and
/// collection stopped. `progress` is called after every page with the report so far.
pub fn pull(
    client: &Client,
    local: &LocalIntel,
    url: &str,
    collection: &str,
    progress: &mut dyn FnMut(&PullReport),
) -> Result<PullReport, FeedsError> {
    let api_root = client.api_root(url)?;
    let mut position = local.pull_position(&api_root, collection)?;
    let mut report = PullReport {
        api_root: api_root.clone(),
        collection: collection.to_string(),
        ..PullReport::default()
    };
    // The added_after this run pages under, and the next to continue with.
    let mut run_after: Option<String> = position.added_after.as_deref().map(just_before);
    let mut next: Option<String> = None;
    if let Some(n) = position.next.clone() {
        report.resumed = true;
        run_after = position.next_added_after.clone();
        next = Some(n);
    }
    let mut latest: Option<String> = position.added_after.clone();
    loop {
        let page =
            match client.objects_page(&api_root, collection, run_after.as_deref(), next.as_deref())
            {
                Ok(p) => p,
                // The server forgot an interrupted pull's `next`: start over from the last page
                // received (inclusive); the store recognises what already arrived.
                Err(FeedsError::HttpStatus {
                    status: 400 | 404 | 410,
                    ..
                }) if next.is_some() && report.pages == 0 => {
                    run_after = position.added_after.as_deref().map(just_before);
                    next = None;
                    continue;
                }
                Err(e) => return Err(e),
            };
        report.pages += 1;
        report.received += page.objects.len();
        report.new += local.add_verbatim(&page.objects)?.added;
        report
            .kept_out_of_block_lists
            .add(&local.kept_out_of_block_lists(&page.objects));
        if let Some(last) = &page.date_added_last {
            let newer = match (&latest, Timestamp::parse(last)) {
                (Some(l), Ok(t)) => Timestamp::parse(l).map_or(true, |lt| t > lt),
                (None, Ok(_)) => true,
                (_, Err(_)) => false,
            };
            if newer {
                latest = Some(last.clone());
            }
        }
        progress(&report);
        if page.more {
            if let Some(n) = page.next {
                next = Some(n);
                position.next = next.clone();
                position.next_added_after = run_after.clone();
                // Where to start over from if this `next` is forgotten.
                position.added_after = latest.clone();
                local.save_pull_position(&api_root, collection, &position)?;
                continue;
            }
            // A server that pages by date only: continue after this page's last instant.
            if let Some(last) = page.date_added_last {
                if page.objects.is_empty() || run_after.as_deref() == Some(last.as_str()) {
                    break;
                }
                run_after = Some(last);
                next = None;
                continue;
            }
        }
        break;
    }
    let done = PullPosition {
        added_after: latest,
        next: None,
        next_added_after: None,
    };
    local.save_pull_position(&api_root, collection, &done)?;
    Ok(report)
}

fn details(v: Option<&Value>) -> Vec<StatusDetail> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| {
            Some(StatusDetail {
                id: d.get("id")?.as_str()?.to_string(),
                version: d.get("version").and_then(Value::as_str).map(str::to_string),
                message: d.get("message").and_then(Value::as_str).map(str::to_string),
            })
        })
        .collect()
}

/// Pushes objects to a collection in envelopes that fit the server's `max_content_length`,
/// and follows each status resource until it is complete or `wait` has passed.
pub fn push(
    client: &Client,
    url: &str,
    collection: &str,
    objects: &[Value],
    wait: Duration,
) -> Result<PushReport, FeedsError> {
    let api_root = client.api_root(url)?;
    let limit = client
        .max_content_length(&api_root)
        .unwrap_or(10 * 1024 * 1024);
    let budget = limit.saturating_sub(1024).max(1024);
    let mut batches: Vec<Vec<Value>> = Vec::new();
    let mut size = 0usize;
    for o in objects {
        let len = o.to_string().len() + 1;
        if batches.is_empty() || size + len > budget {
            batches.push(Vec::new());
            size = 0;
        }
        size += len;
        if let Some(b) = batches.last_mut() {
            b.push(o.clone());
        }
    }
    let mut report = PushReport::default();
    let post_url = format!(
        "{}collections/{}/objects/",
        ensure_slash(&api_root),
        encode(collection)
    );
    for batch in batches {
        let envelope = json!({ "objects": batch });
        let (mut status, _) = client.json("POST", &post_url, Some(&envelope), "status resource")?;
        let id = status
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| FeedsError::BadResponse {
                url: post_url.clone(),
                what: "status resource",
                message: "it has no `id`".into(),
            })?;
        let started = std::time::Instant::now();
        let mut delay = Duration::from_millis(200);
        while status.get("status").and_then(Value::as_str) == Some("pending")
            && started.elapsed() < wait
        {
            std::thread::sleep(delay);
            delay = (delay * 2).min(Duration::from_secs(5));
            status = client.status(&api_root, &id)?;
        }
        report.total += status
            .get("total_count")
            .and_then(Value::as_u64)
            .map_or(batch.len(), |n| usize::try_from(n).unwrap_or(batch.len()));
        report.successes += status
            .get("success_count")
            .and_then(Value::as_u64)
            .map_or_else(
                || details(status.get("successes")).len(),
                |n| usize::try_from(n).unwrap_or(0),
            );
        let failures = details(status.get("failures"));
        report.failure_count += count(&status, "failure_count", failures.len());
        report.failures.extend(failures);
        if status.get("status").and_then(Value::as_str) == Some("pending") {
            let pendings = details(status.get("pendings"));
            report.pending_count += count(&status, "pending_count", pendings.len());
            report.pendings.extend(pendings);
        }
        report.status_ids.push(id);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_roots_resolve() {
        assert_eq!(resolve("http://h:1/taxii2/", "/api1/"), "http://h:1/api1/");
        assert_eq!(resolve("http://h:1/taxii2/", "http://x/y"), "http://x/y/");
        assert_eq!(
            resolve("http://h:1/taxii2", "api/"),
            "http://h:1/taxii2/api/"
        );
    }

    #[test]
    fn added_after_includes_the_saved_instant() {
        assert_eq!(
            just_before("2025-01-01T00:00:00.000001Z"),
            "2025-01-01T00:00:00.000000Z"
        );
        assert_eq!(just_before("garbage"), "garbage");
        assert_eq!(encode("a+b:c"), "a%2Bb%3Ac");
        assert_eq!(encode("A-z_0.9~ é/%"), "A-z_0.9~%20%C3%A9%2F%25");
    }
}
