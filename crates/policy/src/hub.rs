//! The policy as the hub runs it: [`Policy`] implements the TAXII server's three seams
//! (publish filter, read filter, sighting counter) over the store, caching what it looks up.
//!
//! Settings are re-read after [`SETTINGS_TTL`], so a change made with `ward admin` reaches
//! every hub process sharing the store within that time. Facts that never change once
//! written (who submitted a stored version, a statement marking) are cached without expiry.
//! Every store failure on the read path hides the object (fail closed); on the publish path
//! it refuses the object with a reason to try again.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use ward_hub_api::{
    Caller, EnvelopeRecords, PublishDecision, PublishFilter, ReadDecision, ReadFacts, ReadFilter,
    SightingCounter, SightingSummary,
};
use ward_scrub::{ScrubConfig, Scrubber};
use ward_stix::tlp::{effective_tlp, EffectiveTlp, Tlp};
use ward_stix::Timestamp;
use ward_store::{
    Collection, ObjectQuery, ScrubRecord, SightingRecord, Store, StoredVersion, Submitter,
    VersionSelect,
};

use crate::clearance::Reader;
use crate::settings::{self, Attribution, CollectionSettings, OrgSettings};
use crate::sightings::aggregate;
use crate::view::{quick_view, served, view, AccessFacts, View, ViewContext};
use crate::PolicyError;

/// How long a setting read from the store is trusted.
pub const SETTINGS_TTL: Duration = Duration::from_secs(5);

/// Bound on each fact cache; reaching it empties that cache (facts are simply read again).
const FACT_CACHE_MAX: usize = 100_000;

type SubmitterKey = (String, String, String, i64);

struct Timed<T> {
    value: T,
    at: Instant,
}

#[derive(Default)]
struct Caches {
    default_tlp: Option<Timed<Tlp>>,
    orgs: HashMap<String, Timed<Arc<OrgSettings>>>,
    collections: HashMap<String, Timed<Arc<CollectionSettings>>>,
    scrubbers: HashMap<String, Timed<Arc<Result<Scrubber, String>>>>,
    submitters: HashMap<SubmitterKey, Option<Submitter>>,
    statements: HashSet<(String, String)>,
    /// Identity id -> the organizations that submitted it as their own identity (an
    /// organization, individual or unclassified identity).
    identities: HashMap<String, Timed<Arc<Vec<String>>>>,
    /// (collection id, object id) of every object the operator quarantined.
    quarantined: Option<Timed<Arc<Quarantine>>>,
}

/// (collection id, object id) pairs.
type Quarantine = HashSet<(String, String)>;

/// Prefix of the hub settings that quarantine an object: `quarantine/<collection>/<object>`,
/// its value a JSON note of when and why (`ward admin policy rescan --quarantine`).
pub const QUARANTINE_PREFIX: &str = "quarantine/";

/// The hub's sharing policy over one store.
pub struct Policy {
    store: Arc<dyn Store>,
    hub_identity: String,
    caches: Mutex<Caches>,
}

fn fresh<T: Clone>(entry: Option<&Timed<T>>) -> Option<T> {
    entry
        .filter(|t| t.at.elapsed() < SETTINGS_TTL)
        .map(|t| t.value.clone())
}

impl Policy {
    /// Reads (creating on first use) the hub's identity, and stamps the default TLP on
    /// objects stored unmarked by an older ward, once per store (see [`crate::stamp`]).
    pub fn new(store: Arc<dyn Store>) -> Result<Policy, PolicyError> {
        let hub_identity = settings::hub_identity(store.as_ref())?;
        if !crate::stamp::stamped(store.as_ref())? {
            let report = crate::stamp::stamp_stored(store.as_ref())?;
            if report.versions_stamped > 0 {
                eprintln!(
                    "ward serve: stamped {} on {} object versions stored without a TLP marking",
                    report.level, report.versions_stamped
                );
            }
        }
        ward_scrub::warm_up();
        Ok(Policy {
            store,
            hub_identity,
            caches: Mutex::default(),
        })
    }

    /// The STIX identity id served in place of anonymous submitters.
    pub fn hub_identity(&self) -> &str {
        &self.hub_identity
    }

    fn caches(&self) -> std::sync::MutexGuard<'_, Caches> {
        // A panic elsewhere cannot leave a cache half-written in a way that matters: every
        // entry is inserted whole.
        self.caches.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn default_tlp(&self) -> Result<Tlp, PolicyError> {
        if let Some(t) = fresh(self.caches().default_tlp.as_ref()) {
            return Ok(t);
        }
        let t = settings::default_tlp(self.store.as_ref())?;
        self.caches().default_tlp = Some(Timed {
            value: t,
            at: Instant::now(),
        });
        Ok(t)
    }

    fn org(&self, org_id: &str) -> Result<Arc<OrgSettings>, PolicyError> {
        if let Some(s) = fresh(self.caches().orgs.get(org_id)) {
            return Ok(s);
        }
        let s = Arc::new(settings::org_settings(self.store.as_ref(), org_id)?);
        self.caches().orgs.insert(
            org_id.to_string(),
            Timed {
                value: s.clone(),
                at: Instant::now(),
            },
        );
        Ok(s)
    }

    fn collection(&self, collection_id: &str) -> Result<Arc<CollectionSettings>, PolicyError> {
        if let Some(s) = fresh(self.caches().collections.get(collection_id)) {
            return Ok(s);
        }
        let s = Arc::new(settings::collection_settings(
            self.store.as_ref(),
            collection_id,
        )?);
        self.caches().collections.insert(
            collection_id.to_string(),
            Timed {
                value: s.clone(),
                at: Instant::now(),
            },
        );
        Ok(s)
    }

    /// What the current scrubber would still remove from a stored object that `caller`'s
    /// organization posted (`ward admin policy rescan`, after a scrubber upgrade): the
    /// findings as the scrub log keeps them (kinds and places, never text), or `None` when
    /// it would keep the object as it is.
    pub fn rescan(&self, caller: &Caller, object: &Value) -> Result<Option<Value>, PolicyError> {
        let scrubber = self.scrubber(caller)?;
        let scrubber = match scrubber.as_ref() {
            Ok(s) => s,
            Err(e) => {
                return Err(PolicyError::Setting {
                    what: format!("scrubber settings of organization {}", caller.org_name),
                    value: e.clone(),
                    expected: "valid domains and names",
                })
            }
        };
        let out = scrubber.scrub_stix_borrowed(object)?;
        if out.document.is_none() {
            return Ok(Some(
                json!({ "findings": out.findings, "dropped": out.dropped }),
            ));
        }
        if out.findings.iter().all(|f| is_placeholder(object, f)) {
            return Ok(None);
        }
        Ok(Some(json!({ "findings": out.findings })))
    }

    /// The scrubber for what `caller`'s organization posts: its configured domains and
    /// names, plus its registered name when it shares anonymously.
    fn scrubber(&self, caller: &Caller) -> Result<Arc<Result<Scrubber, String>>, PolicyError> {
        if let Some(s) = fresh(self.caches().scrubbers.get(&caller.org_id)) {
            return Ok(s);
        }
        let org = self.org(&caller.org_id)?;
        let mut names = org.names.clone();
        if org.attribution == Attribution::Anonymous
            && !names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&caller.org_name))
        {
            names.push(caller.org_name.clone());
        }
        let built = Scrubber::new(ScrubConfig {
            org_domains: org.domains.clone(),
            org_names: names,
            ..Default::default()
        })
        .map_err(|e| e.to_string());
        let s = Arc::new(built);
        self.caches().scrubbers.insert(
            caller.org_id.clone(),
            Timed {
                value: s.clone(),
                at: Instant::now(),
            },
        );
        Ok(s)
    }

    fn submitter(
        &self,
        collection: &Collection,
        v: &StoredVersion,
    ) -> Result<Option<Submitter>, PolicyError> {
        // date_added is part of the key: a version deleted and posted again is a new fact.
        let key = (
            collection.id.clone(),
            v.id.clone(),
            v.version_key.clone(),
            v.date_added,
        );
        if let Some(s) = self.caches().submitters.get(&key) {
            return Ok(s.clone());
        }
        let s = self
            .store
            .submitter(&collection.id, &v.id, &v.version_key)?;
        let mut caches = self.caches();
        if caches.submitters.len() >= FACT_CACHE_MAX {
            caches.submitters.clear();
        }
        caches.submitters.insert(key, s.clone());
        Ok(s)
    }

    /// Is `marking_id` a statement marking-definition stored in the collection? Every
    /// stored version must be one; anything else is a marking the hub does not understand.
    fn is_statement(&self, collection_id: &str, marking_id: &str) -> bool {
        let key = (collection_id.to_string(), marking_id.to_string());
        if self.caches().statements.contains(&key) {
            return true;
        }
        let query = ObjectQuery {
            ids: vec![marking_id.to_string()],
            types: vec!["marking-definition".into()],
            versions: VersionSelect::all(),
            limit: 20,
            ..ObjectQuery::default()
        };
        let Ok(page) = self.store.query_objects(collection_id, &query) else {
            return false;
        };
        let statement = !page.items.is_empty()
            && !page.more
            && page.items.iter().all(|v| {
                serde_json::from_str::<Value>(&v.json).is_ok_and(|m| {
                    m.get("definition_type").and_then(Value::as_str) == Some("statement")
                        && m.pointer("/definition/statement")
                            .is_some_and(Value::is_string)
                })
            });
        if statement {
            let mut caches = self.caches();
            if caches.statements.len() >= FACT_CACHE_MAX {
                caches.statements.clear();
            }
            caches.statements.insert(key);
        }
        statement
    }

    /// The organizations that submitted `identity_id` as an author identity, in any
    /// collection.
    fn identity_owners(&self, identity_id: &str) -> Result<Arc<Vec<String>>, PolicyError> {
        if let Some(owners) = fresh(self.caches().identities.get(identity_id)) {
            return Ok(owners);
        }
        let mut owners = Vec::new();
        for s in self.store.submissions(identity_id)? {
            if owners.contains(&s.org_id) {
                continue;
            }
            let query = ObjectQuery {
                ids: vec![identity_id.to_string()],
                versions: VersionSelect {
                    at: vec![s.version.clone()],
                    ..VersionSelect::default()
                },
                limit: 1,
                ..ObjectQuery::default()
            };
            let own_identity = self
                .store
                .query_objects(&s.collection_id, &query)?
                .items
                .iter()
                .any(|v| {
                    serde_json::from_str::<Value>(&v.json)
                        .is_ok_and(|o| o.as_object().is_some_and(crate::view::is_author_identity))
                });
            if own_identity {
                owners.push(s.org_id);
            }
        }
        let owners = Arc::new(owners);
        let mut caches = self.caches();
        if caches.identities.len() >= FACT_CACHE_MAX {
            caches.identities.clear();
        }
        caches.identities.insert(
            identity_id.to_string(),
            Timed {
                value: owners.clone(),
                at: Instant::now(),
            },
        );
        Ok(owners)
    }

    /// Is `identity_id` the identity of an anonymous organization other than `reader_org`?
    /// When the store cannot say, it is treated as hidden (the reference is replaced).
    fn is_hidden_identity(&self, reader_org: &str, identity_id: &str) -> bool {
        let owners = match self.identity_owners(identity_id) {
            Ok(owners) => owners,
            Err(e) => {
                eprintln!("ward serve: policy: {e}; identity reference replaced");
                return true;
            }
        };
        if owners.iter().any(|o| o == reader_org) {
            return false;
        }
        owners.iter().any(|o| {
            self.org(o)
                .map(|s| s.attribution != Attribution::Named)
                .unwrap_or(true)
        })
    }

    /// The objects the operator quarantined, as (collection id, object id).
    fn quarantine(&self) -> Result<Arc<Quarantine>, PolicyError> {
        // The cache's lock is released before the store is read (and taken again after).
        if let Some(set) = fresh(self.caches().quarantined.as_ref()) {
            return Ok(set);
        }
        let set: Quarantine = self
            .store
            .settings(QUARANTINE_PREFIX)?
            .into_iter()
            .filter_map(|(k, _)| {
                let rest = k.strip_prefix(QUARANTINE_PREFIX)?;
                let (c, o) = rest.split_once('/')?;
                Some((c.to_string(), o.to_string()))
            })
            .collect();
        let set = Arc::new(set);
        self.caches().quarantined = Some(Timed {
            value: set.clone(),
            at: Instant::now(),
        });
        Ok(set)
    }

    /// Whether the operator quarantined the object (every version of it) in the collection.
    fn is_quarantined(&self, collection_id: &str, object_id: &str) -> Result<bool, PolicyError> {
        let set = self.quarantine()?;
        Ok(quarantined(&set, collection_id, object_id))
    }

    /// What `caller` gets of one stored version.
    pub fn view_of(
        &self,
        caller: &Caller,
        collection: &Collection,
        version: &StoredVersion,
    ) -> Result<View, PolicyError> {
        // A quarantined object is kept for the operator (`ward admin`) and served to no one.
        if self.is_quarantined(&collection.id, &version.id)? {
            return Ok(View::Hidden("quarantined by the operator"));
        }
        let reader = Reader::from_caller(caller);
        let default_tlp = self.default_tlp()?;
        if let Some(quick) = quick_view(&version.json, &reader, default_tlp) {
            return Ok(quick);
        }
        let Ok(object) = serde_json::from_str::<Value>(&version.json) else {
            return Ok(View::Hidden("stored JSON does not parse"));
        };
        let submitter = self.submitter(collection, version)?;
        self.view_parsed(caller, collection, &object, submitter.as_ref())
    }

    /// [`Policy::view_of`] of a version already parsed (`object`) whose submitter is known
    /// (a store join gave it), once the quarantine has been checked.
    fn view_parsed(
        &self,
        caller: &Caller,
        collection: &Collection,
        object: &Value,
        submitter: Option<&Submitter>,
    ) -> Result<View, PolicyError> {
        Judge::new(self, caller, collection)?.decide(submitter, |ctx| view(object, ctx))
    }

    /// Keeps what the scrubber changed in an object for the operator, in the envelope's
    /// records: the hub writes them once the envelope is stored.
    fn record(
        &self,
        records: &EnvelopeRecords,
        caller: &Caller,
        collection: &Collection,
        id: &str,
        findings: Value,
    ) {
        records.push(ScrubRecord {
            at: Timestamp::now().as_micros(),
            collection_id: collection.id.clone(),
            object_id: id.to_string(),
            org_id: caller.org_id.clone(),
            user_id: caller.user_id.clone(),
            findings: findings.to_string(),
        });
    }

    /// TLP at publish time: AMBER+STRICT and RED may not be shared onward, so such an
    /// object that came from this hub (the hub's identity as author) or that another
    /// organization already submitted, in a version the poster may read, is refused.
    fn reshare_refusal(&self, caller: &Caller, object: &Value) -> Option<String> {
        let EffectiveTlp::Level(level) = effective_tlp(object) else {
            return None;
        };
        if level < Tlp::AmberStrict {
            return None;
        }
        let refuse = || {
            Some(format!(
                "{level} objects may not be shared onward; only their submitter may post them"
            ))
        };
        if object.get("created_by_ref").and_then(Value::as_str) == Some(&self.hub_identity) {
            return refuse();
        }
        let id = object.get("id").and_then(Value::as_str).unwrap_or("");
        match self.received_from_others(caller, id) {
            Ok(true) => refuse(),
            Ok(false) => None,
            Err(e) => {
                eprintln!("ward serve: policy: looking up submissions: {e}");
                Some("the hub could not check who shared this object first; try again".into())
            }
        }
    }

    /// Did another organization submit a version of `object_id` that `caller` may read (so
    /// `caller` may have it from the hub)? Versions `caller` may not read do not count: the
    /// answer to a post must not say that they exist.
    fn received_from_others(&self, caller: &Caller, object_id: &str) -> Result<bool, PolicyError> {
        let mut collections: HashMap<String, Option<Collection>> = HashMap::new();
        for s in self.store.submissions(object_id)? {
            if s.org_id == caller.org_id {
                continue;
            }
            let collection = match collections.get(&s.collection_id) {
                Some(c) => c.clone(),
                None => {
                    let c = self
                        .store
                        .collection(&s.collection_id)?
                        .filter(|c| c.can_read(&caller.org_id));
                    collections.insert(s.collection_id.clone(), c.clone());
                    c
                }
            };
            let Some(collection) = collection else {
                continue;
            };
            let query = ObjectQuery {
                ids: vec![object_id.to_string()],
                versions: VersionSelect {
                    at: vec![s.version.clone()],
                    ..VersionSelect::default()
                },
                limit: 1,
                ..ObjectQuery::default()
            };
            for v in self.store.query_objects(&collection.id, &query)?.items {
                if matches!(
                    self.view_of(caller, &collection, &v)?,
                    View::Unchanged | View::Changed(_)
                ) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }
}

/// Is this finding a placeholder the member's own scrubber already put there? What `ward
/// share` sends has been scrubbed once; the scrubber may take the inside of a placeholder
/// (`[INTERNAL-HOST]`) for an identifier again, and rewriting it would make the hub store
/// something other than what the member previewed, while removing nothing.
fn is_placeholder(object: &Value, finding: &ward_scrub::StixFinding) -> bool {
    let Some(text) = object.pointer(&finding.pointer).and_then(Value::as_str) else {
        return false;
    };
    let span = &finding.finding.original_span;
    let widened = span.start.checked_sub(1).zip(span.end.checked_add(1));
    let candidates = [
        text.get(span.clone()),
        widened.and_then(|(start, end)| text.get(start..end)),
    ];
    candidates
        .into_iter()
        .flatten()
        .any(|t| ward_scrub::Kind::ALL.iter().any(|k| k.placeholder() == t))
}

/// Whether `object_id` is quarantined in `collection_id` by `set`.
fn quarantined(set: &Quarantine, collection_id: &str, object_id: &str) -> bool {
    !set.is_empty() && set.contains(&(collection_id.to_string(), object_id.to_string()))
}

/// What the policy needs, besides the object, to decide for one caller in one collection:
/// the policy's settings, read once for as many versions as there are to decide.
struct Judge<'p> {
    policy: &'p Policy,
    caller: &'p Caller,
    reader: Reader,
    default_tlp: Tlp,
    settings: Arc<CollectionSettings>,
    collection_id: &'p str,
}

impl<'p> Judge<'p> {
    fn new(
        policy: &'p Policy,
        caller: &'p Caller,
        collection: &'p Collection,
    ) -> Result<Judge<'p>, PolicyError> {
        Ok(Judge {
            policy,
            caller,
            reader: Reader::from_caller(caller),
            default_tlp: policy.default_tlp()?,
            settings: policy.collection(&collection.id)?,
            collection_id: &collection.id,
        })
    }

    /// `decide` with the context of a version submitted by `submitter`.
    fn decide<R>(
        &self,
        submitter: Option<&Submitter>,
        decide: impl FnOnce(&ViewContext<'_>) -> R,
    ) -> Result<R, PolicyError> {
        let policy = self.policy;
        let named = match submitter {
            Some(s) => policy.org(&s.org_id)?.attribution == Attribution::Named,
            None => false,
        };
        let is_statement = |id: &str| policy.is_statement(self.collection_id, id);
        let hidden_identity = |id: &str| policy.is_hidden_identity(&self.caller.org_id, id);
        let ctx = ViewContext {
            reader: &self.reader,
            submitter_org: submitter.map(|s| s.org_id.as_str()),
            submitter_user: submitter.map(|s| s.user_id.as_str()),
            submitter_named: named,
            default_tlp: self.default_tlp,
            collection_amber: &self.settings.amber,
            hub_identity: &policy.hub_identity,
            is_statement: &is_statement,
            hidden_identity: &hidden_identity,
        };
        Ok(decide(&ctx))
    }
}

/// What the policy keeps of a stored version for [`ReadFilter::may_read`]: who submitted
/// it and what [`view`] decides with before the granular markings ([`served`]), for a
/// version without granular markings.
struct VersionFacts {
    object_id: String,
    submitter: Option<Submitter>,
    access: AccessFacts,
}

fn log_hidden(e: &PolicyError) -> ReadDecision {
    eprintln!("ward serve: policy: {e}; object withheld");
    ReadDecision::Hide
}

/// What the read filter answers for a view.
fn decision(view: View) -> ReadDecision {
    match view {
        View::Unchanged => ReadDecision::Keep,
        View::Changed(v) => ReadDecision::Replace(v.to_string()),
        View::Hidden(_) => ReadDecision::Hide,
    }
}

impl ReadFilter for Policy {
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        version: &StoredVersion,
    ) -> ReadDecision {
        match self.view_of(caller, collection, version) {
            Ok(view) => decision(view),
            Err(e) => log_hidden(&e),
        }
    }

    /// [`Policy::view_of`] of each version, with the submitters of those that need one
    /// read from the store in one call for the page instead of one query each.
    fn check_page(
        &self,
        caller: &Caller,
        collection: &Collection,
        versions: &[StoredVersion],
    ) -> Vec<ReadDecision> {
        let reader = Reader::from_caller(caller);
        let default_tlp = match self.default_tlp() {
            Ok(t) => t,
            Err(e) => {
                log_hidden(&e);
                return versions.iter().map(|_| ReadDecision::Hide).collect();
            }
        };
        // What view_of decides before it needs the submitter; the rest, parsed.
        let mut decided: Vec<Result<ReadDecision, Value>> = Vec::with_capacity(versions.len());
        for v in versions {
            decided.push(match self.is_quarantined(&collection.id, &v.id) {
                Err(e) => Ok(log_hidden(&e)),
                Ok(true) => Ok(ReadDecision::Hide),
                Ok(false) => match quick_view(&v.json, &reader, default_tlp) {
                    Some(quick) => Ok(decision(quick)),
                    None => match serde_json::from_str::<Value>(&v.json) {
                        Ok(object) => Err(object),
                        Err(_) => Ok(ReadDecision::Hide),
                    },
                },
            });
        }
        if decided.iter().all(Result::is_ok) {
            return decided.into_iter().flatten().collect();
        }
        let submitters = match self.store.submitters_of_versions(&collection.id, versions) {
            Ok(s) => s,
            Err(e) => {
                log_hidden(&e.into());
                return versions.iter().map(|_| ReadDecision::Hide).collect();
            }
        };
        decided
            .into_iter()
            .zip(versions)
            .map(|(d, v)| match d {
                Ok(decided) => decided,
                Err(object) => {
                    let by = submitters.get(&(v.id.clone(), v.version_key.clone()));
                    match self.view_parsed(caller, collection, &object, by) {
                        Ok(view) => decision(view),
                        Err(e) => log_hidden(&e),
                    }
                }
            })
            .collect()
    }

    fn admits_anonymous(&self, collection: &Collection) -> bool {
        self.collection(&collection.id)
            .map(|c| c.public)
            .unwrap_or(false)
    }

    /// The submitter and [`AccessFacts`] of each version that parses to an object without
    /// granular markings (the rest: none). The submitters are read in one store call.
    fn read_facts(
        &self,
        collection: &Collection,
        versions: &[StoredVersion],
    ) -> Vec<Option<ReadFacts>> {
        let none = || versions.iter().map(|_| None).collect();
        let submitters = match self.store.submitters_of_versions(&collection.id, versions) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("ward serve: policy: {e}; read facts not kept");
                return none();
            }
        };
        versions
            .iter()
            .map(|v| {
                let object = serde_json::from_str::<Value>(&v.json).ok()?;
                let access = AccessFacts::of(object.as_object()?);
                if access.granular {
                    return None;
                }
                let submitter = submitters
                    .get(&(v.id.clone(), v.version_key.clone()))
                    .cloned();
                Some(ReadFacts::new(VersionFacts {
                    object_id: v.id.clone(),
                    submitter,
                    access,
                }))
            })
            .collect()
    }

    /// [`Policy::view_of`]'s decision to serve or hide, from the facts: the quarantine,
    /// then [`served`] with the same context as [`view`] (the policy's settings as they are
    /// now). A store failure hides every version (fail closed).
    fn may_read(
        &self,
        caller: &Caller,
        collection: &Collection,
        facts: &[&ReadFacts],
    ) -> Option<Vec<bool>> {
        let facts: Vec<&VersionFacts> = facts.iter().map(|f| f.get()).collect::<Option<_>>()?;
        let judged = (|| {
            let quarantine = self.quarantine()?;
            let judge = Judge::new(self, caller, collection)?;
            facts
                .iter()
                .map(|f| {
                    if quarantined(&quarantine, &collection.id, &f.object_id) {
                        return Ok(false);
                    }
                    judge.decide(f.submitter.as_ref(), |ctx| served(&f.access, ctx).is_ok())
                })
                .collect::<Result<Vec<bool>, PolicyError>>()
        })();
        Some(judged.unwrap_or_else(|e| {
            log_hidden(&e);
            vec![false; facts.len()]
        }))
    }
}

impl PublishFilter for Policy {
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        object: &Value,
        _raw: &str,
        records: &EnvelopeRecords,
    ) -> PublishDecision {
        if let Some(reason) = self.reshare_refusal(caller, object) {
            return PublishDecision::Reject(reason);
        }
        let scrubber = match self.scrubber(caller) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("ward serve: policy: {e}");
                return PublishDecision::Reject(
                    "the hub could not load your organization's settings; try again".into(),
                );
            }
        };
        let scrubber = match scrubber.as_ref() {
            Ok(s) => s,
            Err(e) => {
                return PublishDecision::Reject(format!(
                    "your organization's scrubber settings are invalid ({e}); ask the hub operator"
                ))
            }
        };
        let id = object.get("id").and_then(Value::as_str).unwrap_or("");
        let out = match scrubber.scrub_stix_borrowed(object) {
            Ok(out) => out,
            Err(e) => return PublishDecision::Reject(format!("the PHI scrubber: {e}")),
        };
        let default_tlp = match self.default_tlp() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("ward serve: policy: {e}");
                return PublishDecision::Reject(
                    "the hub could not read its default TLP; try again".into(),
                );
            }
        };
        let Some(document) = &out.document else {
            let reason = out.dropped.first().map_or("internal", |d| d.reason);
            self.record(
                records,
                caller,
                collection,
                id,
                json!({ "findings": out.findings, "dropped": out.dropped }),
            );
            return PublishDecision::Reject(format!("withheld by the PHI scrubber: {reason}"));
        };
        let scrubbed = !out.findings.iter().all(|f| is_placeholder(object, f));
        if scrubbed {
            self.record(
                records,
                caller,
                collection,
                id,
                json!({ "findings": out.findings }),
            );
        }
        // The default TLP is stamped now, so that it is the level in force when the object
        // was shared (see crate::stamp).
        let base = if scrubbed { document.as_ref() } else { object };
        let mut stamped = None;
        if effective_tlp(base) == EffectiveTlp::Unmarked {
            if let Value::Object(map) = base {
                let mut map = map.clone();
                if crate::stamp::stamp(&mut map, default_tlp) {
                    stamped = Some(Value::Object(map));
                }
            }
        }
        if !scrubbed && stamped.is_none() {
            return PublishDecision::Keep;
        }
        match serde_json::to_string(stamped.as_ref().unwrap_or(base)) {
            Ok(text) => PublishDecision::Replace(text),
            Err(e) => PublishDecision::Reject(format!("the scrubbed object: {e}")),
        }
    }

    /// The policy decides on the parsed object alone.
    fn reads_raw(&self) -> bool {
        false
    }
}

impl SightingCounter for Policy {
    fn summary(
        &self,
        caller: &Caller,
        collection: &Collection,
        indicator_id: &str,
    ) -> Result<SightingSummary, String> {
        let records = match self.visible_indicator(caller, collection, indicator_id)? {
            true => self
                .store
                .sightings_of(&collection.id, indicator_id)
                .map_err(|e| e.to_string())?,
            false => Vec::new(),
        };
        let visible = self.readable_sightings(caller, collection, records, usize::MAX)?;
        Ok(aggregate(
            indicator_id,
            visible.iter().map(|(v, o)| (v, o.as_deref())),
            Timestamp::now().as_micros(),
        ))
    }

    fn summary_newest(
        &self,
        caller: &Caller,
        collection: &Collection,
        indicator_id: &str,
        max: usize,
    ) -> Result<(SightingSummary, bool), String> {
        // The newest sightings stored, up to SIGHTING_SCAN_FACTOR times `max`: the first
        // `max` the caller may read among them are counted. When the read stopped short of
        // the end (enough were counted, or the scan budget ran out on sightings the caller
        // may not read, as a TAXII page ends early), the counts are lower bounds.
        let budget = max.saturating_mul(SIGHTING_SCAN_FACTOR).max(1);
        let records = match self.visible_indicator(caller, collection, indicator_id)? {
            true => self
                .store
                .sightings_newest(&collection.id, indicator_id, budget.saturating_add(1))
                .map_err(|e| e.to_string())?,
            false => Vec::new(),
        };
        let unread = records.len() > budget;
        let scanned = records.len().min(budget);
        let records: Vec<SightingRecord> = records.into_iter().take(budget).collect();
        let visible = self.readable_sightings(caller, collection, records, max)?;
        let complete = !unread && (visible.len() < max || visible.len() == scanned);
        let summary = aggregate(
            indicator_id,
            visible.iter().map(|(v, o)| (v, o.as_deref())),
            Timestamp::now().as_micros(),
        );
        Ok((summary, complete))
    }
}

/// How many stored sightings [`SightingCounter::summary_newest`] reads for each one it may
/// count: a stretch of sightings the caller may not read ends the read early.
const SIGHTING_SCAN_FACTOR: usize = 4;

impl Policy {
    /// Whether the caller may read the indicator (counts about an indicator the reader may
    /// not read would say that it exists). An indicator not stored here may be sighted.
    fn visible_indicator(
        &self,
        caller: &Caller,
        collection: &Collection,
        indicator_id: &str,
    ) -> Result<bool, String> {
        let query = ObjectQuery {
            ids: vec![indicator_id.to_string()],
            limit: 1,
            ..ObjectQuery::default()
        };
        let found = self
            .store
            .query_objects(&collection.id, &query)
            .map_err(|e| e.to_string())?;
        if let Some(v) = found.items.first() {
            if !matches!(
                self.view_of(caller, collection, v),
                Ok(View::Unchanged | View::Changed(_))
            ) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The first `max` of `records` the caller may read, each parsed once and judged with
    /// the submitter the store's join gave, with the submitting organization.
    fn readable_sightings(
        &self,
        caller: &Caller,
        collection: &Collection,
        records: Vec<SightingRecord>,
        max: usize,
    ) -> Result<Vec<(Value, Option<String>)>, String> {
        let mut visible: Vec<(Value, Option<String>)> = Vec::new();
        for r in records {
            if visible.len() >= max {
                break;
            }
            let quarantined = self
                .is_quarantined(&collection.id, &r.version.id)
                .map_err(|e| e.to_string())?;
            let Ok(object) = serde_json::from_str::<Value>(&r.version.json) else {
                continue;
            };
            let readable = !quarantined
                && matches!(
                    self.view_parsed(caller, collection, &object, r.submitter.as_ref()),
                    Ok(View::Unchanged | View::Changed(_))
                );
            if readable {
                visible.push((object, r.submitter.map(|s| s.org_id)));
            }
        }
        Ok(visible)
    }
}

impl ward_hub_api::HubSettings for Policy {
    fn default_tlp(&self) -> Result<String, String> {
        settings::default_tlp(self.store.as_ref())
            .map(|t| settings::tlp_name(t).to_string())
            .map_err(|e| e.to_string())
    }

    fn set_default_tlp(&self, level: &str) -> Result<(), String> {
        let tlp = Tlp::parse(level).ok_or_else(|| {
            format!("{level:?}: expected clear, green, amber, amber+strict or red")
        })?;
        settings::set_default_tlp(self.store.as_ref(), tlp).map_err(|e| e.to_string())
    }

    fn amber_orgs(&self, collection_id: &str) -> Result<Vec<String>, String> {
        settings::collection_settings(self.store.as_ref(), collection_id)
            .map(|c| c.amber)
            .map_err(|e| e.to_string())
    }

    fn amber_settings(
        &self,
        collection_id: &str,
        org_ids: &[String],
    ) -> Result<Vec<(String, Option<String>)>, String> {
        let orgs = self.store.orgs().map_err(|e| e.to_string())?;
        let names = org_ids
            .iter()
            .map(|id| {
                orgs.iter()
                    .find(|o| &o.id == id)
                    .map(|o| o.name.clone())
                    .ok_or_else(|| format!("no organization with id {id:?}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let change = settings::CollectionChange {
            amber: Some(names),
            ..settings::CollectionChange::default()
        };
        settings::collection_change_settings(self.store.as_ref(), collection_id, &change)
            .map_err(|e| e.to_string())
    }
}
