//! One sync run with one peer: pull (the peer's collection into the local one), then push
//! (the local collection to the peer's), each resuming from its cursor in [`PeerState`], which
//! is saved after every page so an interrupted run loses at most one page of work.
//!
//! A MISP peer is pulled through its instance's REST API: each page of events changed since
//! the cursor is read by the MISP importer `ward pull-misp` uses, and what it makes goes
//! through the same decisions and publish path as a TAXII page ([`Run::receive`]).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use ward_feeds::misp_rest::{self, MispClient};
use ward_feeds::taxii::{Auth, Client, ObjectsPage};
use ward_feeds::FeedsError;
use ward_hub_api::{Caller, Credential};
use ward_policy::view::View;
use ward_policy::Policy;
use ward_stix::tlp::{effective_tlp, EffectiveTlp, Tlp};
use ward_stix::Timestamp;
use ward_store::{version_key, Collection, ObjectQuery, Position, Store, VersionSelect};

use crate::peers::{self, PeerConfig, PeerState, PushCursor, RunStats};
use crate::provenance;
use crate::FederationError;

/// Objects asked of the peer per page, and local versions read per pushed envelope.
pub const PAGE: usize = 1000;

/// Events asked of a MISP peer per page.
pub const MISP_PAGE: u32 = 100;

/// How long a push waits for the peer's status resource to complete.
const PUSH_WAIT: Duration = Duration::from_secs(120);

/// What one run did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SyncReport {
    pub peer: String,
    pub pulled: bool,
    pub pushed: bool,
    pub stats: RunStats,
    /// Set when the run stopped on an error (what was done before it is kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Everything a run needs about the peer and this hub.
struct Run<'a> {
    store: &'a dyn Store,
    policy: &'a Policy,
    config: &'a PeerConfig,
    /// This hub's name in provenance.
    me: String,
    collection: Collection,
    /// The peer as a caller of this hub.
    caller: Caller,
    default_tlp: Tlp,
    remote: Remote,
    stop: &'a AtomicBool,
}

/// How this hub speaks to the peer.
enum Remote {
    Taxii(TaxiiPeer),
    /// A MISP instance's REST API, and what to ask it for.
    Misp {
        client: MispClient,
        source: peers::MispSource,
    },
}

/// A TAXII 2.1 server and its API root.
struct TaxiiPeer {
    client: Client,
    api_root: String,
}

/// A secret of the peer's, read from its file now (never stored).
fn secret(
    config: &PeerConfig,
    path: &std::path::Path,
    what: &str,
) -> Result<String, FederationError> {
    let text = std::fs::read_to_string(path).map_err(|e| FederationError::Peer {
        peer: config.name.clone(),
        message: format!("{what} {}: {e}", path.display()),
    })?;
    let secret = text.trim().to_string();
    if secret.is_empty() {
        return Err(FederationError::Peer {
            peer: config.name.clone(),
            message: format!("{what} {}: the file is empty", path.display()),
        });
    }
    Ok(secret)
}

/// The peer's credentials, read from their files now (never stored).
fn auth(config: &PeerConfig) -> Result<Auth, FederationError> {
    let read = |path: &std::path::Path, what: &str| secret(config, path, what);
    if let Some(file) = &config.token_file {
        return Ok(Auth::Bearer(read(file, "token file")?));
    }
    match (&config.user, &config.password_file) {
        (Some(user), Some(file)) => Ok(Auth::Basic {
            user: user.clone(),
            password: read(file, "password file")?,
        }),
        _ => Ok(Auth::None),
    }
}

/// The peer as a caller of this hub: its organization, signed in with a token (so never
/// cleared for TLP:RED, which only people signed in with a password may read).
pub fn peer_caller(config: &PeerConfig) -> Caller {
    Caller {
        user_id: format!("peer:{}", config.name),
        user_name: format!("peer {}", config.name),
        org_id: config.org_id.clone(),
        org_name: config.name.clone(),
        credential: Credential::Token,
    }
}

fn level(object: &Value, default_tlp: Tlp) -> Tlp {
    match effective_tlp(object) {
        EffectiveTlp::Level(l) => l,
        EffectiveTlp::Unmarked => default_tlp,
    }
}

/// The version key of an object's own version (`modified`, else `created`), if it has one.
fn own_version(object: &Value) -> Option<String> {
    ["modified", "created"]
        .iter()
        .find_map(|k| object.get(*k).and_then(Value::as_str))
        .and_then(|t| Timestamp::parse(t).ok())
        .map(version_key)
}

fn remote(config: &PeerConfig) -> impl Fn(FeedsError) -> FederationError + '_ {
    move |source| FederationError::Remote {
        peer: config.name.clone(),
        source,
    }
}

/// One microsecond before a TAXII timestamp: resumes include that instant, since some
/// servers give several objects one `date_added`; what arrives again is recognised.
fn just_before(ts: &str) -> String {
    match Timestamp::parse(ts) {
        Ok(t) => Timestamp::from_micros(t.as_micros() - 1).to_string(),
        Err(_) => ts.to_string(),
    }
}

impl Run<'_> {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn save(&self, state: &PeerState) -> Result<(), FederationError> {
        peers::save_state(self.store, &self.config.name, state)
    }

    /// The stored JSON of the versions of `ids` in the local collection, by (id, version key).
    fn stored(
        &self,
        ids: Vec<String>,
    ) -> Result<HashMap<(String, String), String>, FederationError> {
        let mut out = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut query = ObjectQuery {
            ids,
            versions: VersionSelect::all(),
            limit: PAGE,
            ..ObjectQuery::default()
        };
        loop {
            let page = self.store.query_objects(&self.collection.id, &query)?;
            let last = page.items.last().map(|v| v.position());
            for v in page.items {
                out.insert((v.id, v.version_key), v.json);
            }
            match last {
                Some(p) if page.more => query.after = Some(p),
                _ => return Ok(out),
            }
        }
    }

    /// Decides each received object and posts the admitted ones through the hub's own Add
    /// Objects path, as the peer.
    fn receive(&self, objects: Vec<Value>, stats: &mut RunStats) -> Result<(), FederationError> {
        stats.received += objects.len() as u64;
        let ids = objects
            .iter()
            .filter_map(|o| o.get("id").and_then(Value::as_str))
            .map(str::to_string)
            .collect();
        let stored = self.stored(ids)?;
        let mut admitted = Vec::with_capacity(objects.len());
        for mut object in objects {
            if !object.is_object() {
                stats.failed += 1;
                continue;
            }
            let tlp = level(&object, self.default_tlp);
            if tlp > self.config.max_in() || tlp >= Tlp::AmberStrict {
                stats.refused_tlp += 1;
                continue;
            }
            if provenance::passed_through(&object, &self.me) {
                stats.looped += 1;
                continue;
            }
            // A version already held is not posted again: the store keeps the first copy of
            // each version (TAXII), so nothing would change. Counted apart when the copies
            // differ in more than their path (another hub's scrubber or default TLP, say).
            let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
            let held = match own_version(&object) {
                Some(key) => stored
                    .get(&(id.to_string(), key))
                    .map(|json| serde_json::from_str::<Value>(json).ok()),
                // An object without `modified` or `created` (a 2.1 SCO) gets a new version
                // from each store: it is held when any stored version is the same.
                None => {
                    let bare = provenance::without_path(&object);
                    stored
                        .iter()
                        .filter(|((held_id, _), _)| held_id == id)
                        .filter_map(|(_, json)| serde_json::from_str::<Value>(json).ok())
                        .find(|held| provenance::without_path(held) == bare)
                        .map(Some)
                }
            };
            match held {
                Some(Some(held))
                    if provenance::without_path(&held) == provenance::without_path(&object) =>
                {
                    stats.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    stats.held_differs += 1;
                    continue;
                }
                None => {}
            }
            provenance::extend(&mut object, &[&self.config.name, &self.me]);
            admitted.push(object);
        }
        if admitted.is_empty() {
            return Ok(());
        }
        let status = ward_taxii::ingest::add_values(
            self.store,
            &self.caller,
            &self.collection,
            &crate::provenance::KeepPath::for_pulls(self.policy),
            admitted,
        )
        .map_err(|e| FederationError::Peer {
            peer: self.config.name.clone(),
            message: format!("storing what it sent: {e}"),
        })?;
        stats.stored += status.success_count();
        stats.failed += status.failures.len() as u64 + status.unlisted.failures;
        for f in status.failures.iter().take(3) {
            eprintln!(
                "ward: peer {}: {} refused: {}",
                self.config.name,
                f.id,
                f.message.as_deref().unwrap_or("no reason given")
            );
        }
        Ok(())
    }

    /// Pulls every page added since the cursor.
    fn pull(
        &self,
        peer: &TaxiiPeer,
        state: &mut PeerState,
        stats: &mut RunStats,
    ) -> Result<(), FederationError> {
        let (client, api_root) = (&peer.client, peer.api_root.as_str());
        let remote_collection = &self.config.remote_collection;
        let mut run_after = state.pull.added_after.as_deref().map(just_before);
        let mut next = None;
        if let Some(n) = state.pull.next.clone() {
            run_after = state.pull.next_added_after.clone();
            next = Some(n);
        }
        let mut first = true;
        // The page after the one being stored, asked for while it is stored, so the peer
        // reads and this hub checks and writes at the same time.
        let mut prefetched: Option<Result<ObjectsPage, FeedsError>> = None;
        loop {
            if self.stopped() {
                return Ok(());
            }
            let fetched = prefetched.take().unwrap_or_else(|| {
                client.objects_page(
                    api_root,
                    remote_collection,
                    run_after.as_deref(),
                    next.as_deref(),
                )
            });
            let page = match fetched {
                Ok(p) => p,
                // The peer forgot an interrupted run's `next`: start again from the last
                // page received; what arrives again is recognised as unchanged.
                Err(FeedsError::HttpStatus {
                    status: 400 | 404 | 410,
                    ..
                }) if next.is_some() && first => {
                    run_after = state.pull.added_after.as_deref().map(just_before);
                    next = None;
                    first = false;
                    continue;
                }
                Err(e) => return Err(remote(self.config)(e)),
            };
            first = false;
            let empty = page.objects.is_empty();
            // Only a `next` link is followed ahead: paging by date alone needs this page's
            // outcome first.
            let ahead = page.next.clone().filter(|_| page.more);
            let after_now = run_after.clone();
            std::thread::scope(|scope| -> Result<(), FederationError> {
                let fetching = ahead.map(|n| {
                    scope.spawn(move || {
                        client.objects_page(
                            api_root,
                            remote_collection,
                            after_now.as_deref(),
                            Some(&n),
                        )
                    })
                });
                let received = self.receive(page.objects, stats);
                if let Some(handle) = fetching {
                    prefetched = handle.join().ok();
                }
                received
            })?;
            if let Some(last) = &page.date_added_last {
                let newer = match (&state.pull.added_after, Timestamp::parse(last)) {
                    (Some(saved), Ok(t)) => Timestamp::parse(saved).map_or(true, |s| t > s),
                    (None, Ok(_)) => true,
                    (_, Err(_)) => false,
                };
                if newer {
                    state.pull.added_after = Some(last.clone());
                }
            }
            if page.more {
                if let Some(n) = page.next {
                    state.pull.next = Some(n.clone());
                    state.pull.next_added_after = run_after.clone();
                    self.save(state)?;
                    next = Some(n);
                    continue;
                }
                // A server that pages by date only: continue after this page's last instant.
                if let Some(last) = page.date_added_last {
                    if empty || run_after.as_deref() == Some(last.as_str()) {
                        break;
                    }
                    state.pull.next = None;
                    state.pull.next_added_after = None;
                    self.save(state)?;
                    run_after = Some(last);
                    next = None;
                    continue;
                }
            }
            break;
        }
        state.pull.next = None;
        state.pull.next_added_after = None;
        self.save(state)
    }

    /// Pushes every local version added since the cursor that the peer may have.
    fn push(
        &self,
        peer: &TaxiiPeer,
        state: &mut PeerState,
        stats: &mut RunStats,
    ) -> Result<(), FederationError> {
        loop {
            if self.stopped() {
                return Ok(());
            }
            let query = ObjectQuery {
                versions: VersionSelect::all(),
                after: state.push.as_ref().map(|c| Position {
                    date_added: c.date_added,
                    id: c.id.clone(),
                    version: c.version.clone(),
                }),
                limit: PAGE,
                ..ObjectQuery::default()
            };
            let page = self.store.query_objects(&self.collection.id, &query)?;
            let Some(last) = page.items.last().map(|v| v.position()) else {
                return Ok(());
            };
            let mut out = Vec::with_capacity(page.items.len());
            for version in &page.items {
                let object = match self
                    .policy
                    .view_of(&self.caller, &self.collection, version)?
                {
                    View::Hidden(_) => None,
                    View::Changed(v) => Some(v),
                    View::Unchanged => serde_json::from_str::<Value>(&version.json).ok(),
                };
                let Some(mut object) = object else {
                    stats.withheld += 1;
                    continue;
                };
                let allowed = ward_policy::reshare_allowed(&object)
                    && level(&object, self.default_tlp) <= self.config.max_out()
                    && !provenance::passed_through(&object, &self.config.name);
                if !allowed {
                    stats.withheld += 1;
                    continue;
                }
                provenance::extend(&mut object, &[&self.me]);
                out.push(object);
            }
            if !out.is_empty() {
                let report = ward_feeds::taxii::push(
                    &peer.client,
                    &peer.api_root,
                    &self.config.remote_collection,
                    &out,
                    PUSH_WAIT,
                )
                .map_err(remote(self.config))?;
                stats.pushed += out.len() as u64;
                stats.push_failed += (report.failure_count + report.pending_count) as u64;
                for f in report.failures.iter().take(3) {
                    eprintln!(
                        "ward: peer {}: refused {}: {}",
                        self.config.name,
                        f.id,
                        f.message.as_deref().unwrap_or("no reason given")
                    );
                }
            }
            state.push = Some(PushCursor {
                date_added: last.date_added,
                id: last.id,
                version: last.version,
            });
            self.save(state)?;
            if !page.more {
                return Ok(());
            }
        }
    }
}

impl Run<'_> {
    /// Pulls the events a MISP instance changed since the cursor. The cursor moves only when
    /// every page was read (MISP does not promise to page in time order), so an interrupted
    /// run asks again for all of it; what arrives again is recognised as held.
    fn pull_misp(
        &self,
        client: &MispClient,
        source: &peers::MispSource,
        state: &mut PeerState,
        stats: &mut RunStats,
    ) -> Result<(), FederationError> {
        let since = state.pull.misp_timestamp.unwrap_or(source.since);
        let mut newest = state.pull.misp_timestamp;
        for got in client.pages(since, &source.tags, MISP_PAGE) {
            if self.stopped() {
                return Ok(());
            }
            let (page, got) = got.map_err(remote(self.config))?;
            let mut objects = Vec::new();
            for (i, event) in got.events.iter().enumerate() {
                // Each event is read at its own time (its `timestamp`), so an event asked for
                // again gives the very same versions, and a changed one new versions.
                let at = misp_rest::event_timestamp(event).map_or_else(Timestamp::now, |s| {
                    Timestamp::from_micros(s.saturating_mul(1_000_000))
                });
                let label = format!("{} page {page} event {i}", self.config.name);
                let result =
                    ward_feeds::import::import_misp_events(&label, std::slice::from_ref(event), at);
                for p in result.problems.iter().take(3) {
                    eprintln!("ward: peer {}: skipped {p}", self.config.name);
                }
                objects.extend(result.objects);
            }
            self.receive(objects, stats)?;
            if let Some(t) = got.newest {
                newest = Some(newest.map_or(t, |n| n.max(t)));
            }
        }
        state.pull.misp_timestamp = newest;
        self.save(state)
    }
}

/// Runs one sync with `config`'s peer now, in its direction(s), and records the outcome in
/// the peer's state. `Err` only when the run could not start or its state could not be
/// saved; a failure of the peer is in the report's `error` (and the state's `last_error`).
pub fn sync_peer(
    store: &dyn Store,
    policy: &Policy,
    config: &PeerConfig,
    stop: &AtomicBool,
) -> Result<SyncReport, FederationError> {
    let mut state = peers::state(store, &config.name)?;
    state.last_attempt = Some(Timestamp::now().as_micros());
    let mut report = SyncReport {
        peer: config.name.clone(),
        pulled: config.direction.pulls(),
        pushed: config.direction.pushes(),
        ..SyncReport::default()
    };
    let mut stats = RunStats::default();
    let outcome = run(store, policy, config, stop, &mut state, &mut stats);
    match &outcome {
        Ok(()) => {
            state.last_success = Some(Timestamp::now().as_micros());
            state.last_error = None;
            state.failures = 0;
        }
        Err(e) => {
            state.last_error = Some(e.to_string());
            state.failures = state.failures.saturating_add(1);
            report.error = Some(e.to_string());
        }
    }
    state.total.add(&stats);
    state.last_run = stats.clone();
    report.stats = stats;
    peers::save_state(store, &config.name, &state)?;
    Ok(report)
}

fn run(
    store: &dyn Store,
    policy: &Policy,
    config: &PeerConfig,
    stop: &AtomicBool,
    state: &mut PeerState,
    stats: &mut RunStats,
) -> Result<(), FederationError> {
    let collection = store
        .collection(&config.local_collection)?
        .ok_or_else(|| FederationError::UnknownCollection(config.local_collection.clone()))?;
    let remote_end = match &config.misp {
        Some(source) => {
            let file = config
                .token_file
                .as_deref()
                .ok_or_else(|| FederationError::Peer {
                    peer: config.name.clone(),
                    message: "a MISP peer needs its API key file (--api-key-file)".into(),
                })?;
            let key = secret(config, file, "API key file")?;
            Remote::Misp {
                client: MispClient::new(&config.url, &key, config.ca_cert.as_deref())
                    .map_err(remote(config))?,
                source: source.clone(),
            }
        }
        None => {
            let mut client = Client::with_ca_cert(auth(config)?, config.ca_cert.as_deref())
                .map_err(remote(config))?;
            client.page_size = PAGE;
            let api_root = client.api_root(&config.url).map_err(remote(config))?;
            Remote::Taxii(TaxiiPeer { client, api_root })
        }
    };
    let run = Run {
        store,
        policy,
        config,
        me: peers::hub_name(store)?,
        collection,
        caller: peer_caller(config),
        default_tlp: ward_policy::settings::default_tlp(store)?,
        remote: remote_end,
        stop,
    };
    match &run.remote {
        Remote::Misp { client, source } => run.pull_misp(client, source, state, stats)?,
        Remote::Taxii(peer) => {
            if config.direction.pulls() {
                run.pull(peer, state, stats)?;
            }
            if config.direction.pushes() {
                run.push(peer, state, stats)?;
            }
        }
    }
    Ok(())
}

/// Runs every peer (or the one named) once, up to
/// [`crate::schedule::CONCURRENT_PEERS`] at a time; the reports in name order.
pub fn sync_all(
    store: Arc<dyn Store>,
    policy: &Policy,
    only: Option<&str>,
) -> Result<Vec<SyncReport>, FederationError> {
    let configs = match only {
        Some(name) => vec![peers::get(store.as_ref(), name)?],
        None => peers::list(store.as_ref())?,
    };
    let stop = AtomicBool::new(false);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let reports: Vec<std::sync::Mutex<Option<Result<SyncReport, FederationError>>>> =
        configs.iter().map(|_| Default::default()).collect();
    // Each worker takes the next peer not taken yet; this thread works too, so the runs
    // happen even when no thread can be started.
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(config) = configs.get(i) else {
            return;
        };
        let report = sync_peer(store.as_ref(), policy, config, &stop);
        *reports[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(report);
    };
    std::thread::scope(|scope| {
        for _ in 1..crate::schedule::CONCURRENT_PEERS.min(configs.len()) {
            let _ = std::thread::Builder::new().spawn_scoped(scope, work);
        }
        work();
    });
    reports
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .unwrap_or_else(|| {
                    Err(FederationError::Peer {
                        peer: String::new(),
                        message: "the sync stopped before this peer's turn".into(),
                    })
                })
        })
        .collect()
}
