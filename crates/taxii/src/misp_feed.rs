//! Each collection a caller may read, served as a MISP feed, so a MISP instance can subscribe
//! with its standard "Feeds" feature: `GET /misp/api/{collection}/manifest.json`,
//! `/hashes.csv` and `/{event-uuid}.json`, authenticated like TAXII (Basic or Bearer, the
//! feed's custom `Authorization` header) and read through the same [`ReadFilter`] as every
//! TAXII GET: an object the filter hides is not an event, not an attribute and not a count,
//! and a replaced object (anonymized, granular markings removed) is read as replaced.
//!
//! What becomes an event:
//! - each `report` and `grouping` the caller may read, its uuid the event's; the objects its
//!   `object_refs` name that the caller may read become attributes (indicators with
//!   `to_ids: true`, cyber-observables and vulnerabilities with `to_ids: false`);
//! - the indicators the caller may read that no report or grouping it may read refers to,
//!   one event per day of their `created` and TLP level (uuid derived from the collection,
//!   day and level).
//!
//! TLP becomes a `tlp:*` tag on the event and on each attribute, and the event's
//! `distribution`: CLEAR 3 (all communities), GREEN 1 (this community), AMBER, AMBER+STRICT
//! and RED 0 (your organisation only). `manifest.json` has per event `Orgc`, `Tag`, `info`,
//! `date`, `analysis`, `threat_level_id` and `timestamp`; `hashes.csv` one line
//! `md5(value),event-uuid` per attribute value (both halves of a composite value), as MISP's
//! feed generator writes them.
//!
//! Memory: the collection is read a page at a time; what is kept across pages is the
//! manifest's summaries, the ids reports refer to and per-day counts. One event is built at a
//! time, its referenced objects fetched by id in batches. `hashes.csv` is written into memory
//! as its text (about 70 bytes per attribute value) before it is sent. A daily event costs two
//! passes over the collection, `hashes.csv` one plus a lookup per report.
//!
//! Cache: each answer is kept ([`Answers`]) per collection, reader (organization, user and
//! kind of credential: what the read filter decides by) and file, and served again while
//! the collection has neither a version added since it was built (less a minute's margin
//! for writes under way then) nor one fewer or more latest versions (a deletion), for at most
//! [`CACHE_MAX_AGE`] (so a change of the read policy, such as a quarantine or an AMBER
//! audience, reaches the feed within it). A MISP instance reads the manifest and then every
//! event it lacks: each event after the first costs two store lookups instead of passes.

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use md5::{Digest, Md5};
use serde_json::{json, Map, Value};
use ward_pattern::{Compiled, IndexKey};
use ward_stix::tlp::{effective_tlp, EffectiveTlp};
use ward_stix::{Timestamp, Tlp};
use ward_store::{Collection, ObjectQuery, Store, StoreError};

use crate::error::TaxiiError;
use crate::filters::{Caller, ReadDecision, ReadFilter};
use crate::AppState;

/// Versions read per store query.
const PAGE: usize = 1000;
/// Ids asked for in one store query when an event's references are fetched.
const IDS_PER_QUERY: usize = 200;

/// Namespace of the uuids ward derives for the daily events and split attributes.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x5d1c_7e2a_94b3_4c61_a0f8_3e6b_2d19_c7a4);

/// `GET /misp/{api_root}/{collection}/{file}`.
pub async fn feed_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((root, cid, file)): Path<(String, String, String)>,
) -> Result<Response, TaxiiError> {
    if root != "api" {
        return Err(TaxiiError::not_found(
            "no such API root; the hub's one is `api`",
        ));
    }
    enum Want {
        Manifest,
        Hashes,
        Event(String),
    }
    let want = match file.as_str() {
        "manifest.json" => Want::Manifest,
        "hashes.csv" => Want::Hashes,
        f => match f.strip_suffix(".json").map(uuid::Uuid::parse_str) {
            Some(Ok(u)) => Want::Event(u.hyphenated().to_string()),
            _ => {
                return Err(TaxiiError::not_found(
                    "expected manifest.json, hashes.csv or EVENT-UUID.json",
                ))
            }
        },
    };
    let c = crate::handlers::readable(&state, &caller, cid).await?;
    let filter = state.read_filter.clone();
    let hub = state.config.title.clone();
    let key = AnswerKey {
        collection: c.id.clone(),
        org: caller.org_id.clone(),
        user: caller.user_id.clone(),
        credential: caller.credential,
        file,
    };
    let answer = crate::blocking(&state, move |s| {
        if let Some(hit) = answers().get(s, &key)? {
            return Ok(Some(hit));
        }
        let mark = Mark::now(s, &c.id)?;
        let feed = Feed {
            store: s,
            filter: filter.as_ref(),
            caller: &caller,
            coll: &c,
            hub: &hub,
        };
        let built = match want {
            Want::Manifest => Some(("application/json", feed.manifest()?.to_string())),
            Want::Hashes => Some(("text/csv", feed.hashes()?)),
            Want::Event(uuid) => feed
                .event(&uuid)?
                .map(|e| ("application/json", json!({ "Event": e }).to_string())),
        };
        Ok(built.map(|(media, body)| answers().put(key, mark, media, body)))
    })
    .await?;
    let (media, body) = answer.ok_or_else(|| TaxiiError::not_found("no such event"))?;
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    Ok(response)
}

/// How long a built answer may be served again at most.
pub const CACHE_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60);
/// Bytes of answers kept at most (the oldest are dropped first).
const CACHE_BYTES: usize = 64 << 20;
/// Writes under way when an answer was built may commit with an earlier `date_added`: a
/// version added within this margin before it still makes the answer stale.
const CACHE_MARGIN_MICROS: i64 = 60_000_000;

/// Which answer: the collection, what the read filter decides by, and the file.
#[derive(Clone, PartialEq, Eq, Hash)]
struct AnswerKey {
    collection: String,
    org: String,
    user: String,
    credential: crate::filters::Credential,
    file: String,
}

/// Where the collection stood when an answer was built.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Mark {
    /// Its latest versions.
    count: u64,
    /// When the build began (microseconds).
    at: i64,
}

impl Mark {
    fn now(store: &dyn Store, collection: &str) -> Result<Mark, StoreError> {
        let at = Timestamp::now().as_micros();
        Ok(Mark {
            count: store.count_objects(collection)?,
            at,
        })
    }

    /// Nothing added since (less the margin) and nothing deleted.
    fn holds(&self, store: &dyn Store, collection: &str) -> Result<bool, StoreError> {
        let added = ObjectQuery {
            versions: ward_store::VersionSelect::all(),
            added_after: Some(self.at - CACHE_MARGIN_MICROS),
            limit: 1,
            ..ObjectQuery::default()
        };
        Ok(store.query_objects(collection, &added)?.items.is_empty()
            && store.count_objects(collection)? == self.count)
    }
}

struct Answer {
    mark: Mark,
    built: std::time::Instant,
    media: &'static str,
    body: std::sync::Arc<str>,
}

/// The answers kept, and their total size.
#[derive(Default)]
struct Answers {
    kept: std::sync::Mutex<(HashMap<AnswerKey, Answer>, usize)>,
}

type Served = (&'static str, std::sync::Arc<str>);

/// The process's answers (a key names its collection by id, unique across stores).
fn answers() -> &'static Answers {
    static ANSWERS: std::sync::OnceLock<Answers> = std::sync::OnceLock::new();
    ANSWERS.get_or_init(Answers::default)
}

impl Answers {
    fn lock(&self) -> std::sync::MutexGuard<'_, (HashMap<AnswerKey, Answer>, usize)> {
        // Entries are inserted and removed whole: a panic elsewhere leaves the map sound.
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The kept answer for `key` when it still holds (checked outside the lock).
    fn get(&self, store: &dyn Store, key: &AnswerKey) -> Result<Option<Served>, StoreError> {
        let found = self.lock().0.get(key).and_then(|a| {
            (a.built.elapsed() < CACHE_MAX_AGE).then(|| (a.mark, a.media, a.body.clone()))
        });
        let Some((mark, media, body)) = found else {
            return Ok(None);
        };
        if mark.holds(store, &key.collection)? {
            return Ok(Some((media, body)));
        }
        let mut kept = self.lock();
        if let Some(stale) = kept.0.remove(key) {
            kept.1 -= stale.body.len();
        }
        Ok(None)
    }

    /// Keeps an answer just built (unless it alone is over the bound) and hands it back.
    fn put(&self, key: AnswerKey, mark: Mark, media: &'static str, body: String) -> Served {
        let body: std::sync::Arc<str> = body.into();
        if body.len() > CACHE_BYTES / 4 {
            return (media, body);
        }
        let mut kept = self.lock();
        let (map, bytes) = &mut *kept;
        if let Some(old) = map.remove(&key) {
            *bytes -= old.body.len();
        }
        while *bytes + body.len() > CACHE_BYTES {
            let Some(oldest) = map
                .iter()
                .min_by_key(|(_, a)| a.built)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(a) = map.remove(&oldest) {
                *bytes -= a.body.len();
            }
        }
        *bytes += body.len();
        map.insert(
            key,
            Answer {
                mark,
                built: std::time::Instant::now(),
                media,
                body: body.clone(),
            },
        );
        (media, body)
    }
}

/// One request's view of a collection: the caller, and what the read filter lets it read.
struct Feed<'a> {
    store: &'a dyn Store,
    filter: &'a dyn ReadFilter,
    caller: &'a Caller,
    coll: &'a Collection,
    hub: &'a str,
}

/// What the manifest says of one event, and what its attributes are built from.
struct Summary {
    uuid: String,
    info: String,
    date: String,
    timestamp: i64,
    tlp: Option<Tlp>,
    org: Value,
}

/// A day's unreferenced indicators at one TLP level.
#[derive(Clone, Copy, Default)]
struct DayCount {
    indicators: usize,
    last_modified: i64,
}

impl Feed<'_> {
    /// Calls `f` with each latest version (as served to the caller) of the given types, or of
    /// the given ids, a page at a time. Hidden versions are skipped, exactly as TAXII GETs
    /// skip them.
    fn each(
        &self,
        types: &[&str],
        ids: Vec<String>,
        mut f: impl FnMut(Value),
    ) -> Result<(), StoreError> {
        let mut query = ObjectQuery {
            ids,
            types: types.iter().map(|t| t.to_string()).collect(),
            limit: PAGE,
            ..ObjectQuery::default()
        };
        loop {
            let page = self.store.query_objects(&self.coll.id, &query)?;
            for item in &page.items {
                let text = match self.filter.check(self.caller, self.coll, item) {
                    ReadDecision::Keep => None,
                    ReadDecision::Replace(json) => Some(json),
                    ReadDecision::Hide => continue,
                };
                if let Ok(v) = serde_json::from_str::<Value>(text.as_deref().unwrap_or(&item.json))
                {
                    f(v);
                }
            }
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => return Ok(()),
            }
        }
    }

    /// The objects with these ids the caller may read, in batches.
    fn by_ids(&self, ids: &[String], mut f: impl FnMut(Value)) -> Result<(), StoreError> {
        for chunk in ids.chunks(IDS_PER_QUERY) {
            self.each(&[], chunk.to_vec(), &mut f)?;
        }
        Ok(())
    }

    /// The event's organisation: the report's author when the caller may read that
    /// identity (anonymous members' objects are served with the hub's), else the hub.
    fn org(&self, created_by: Option<&str>, names: &mut HashMap<String, Value>) -> Value {
        let hub = || json!({"name": self.hub, "uuid": derived(&format!("hub:{}", self.hub))});
        let Some(id) = created_by else { return hub() };
        if let Some(v) = names.get(id) {
            return v.clone();
        }
        let mut found = None;
        let _ = self.by_ids(&[id.to_string()], |v| {
            if let Some(name) = v.get("name").and_then(Value::as_str) {
                found = Some(json!({"name": name, "uuid": uuid_of(id)}));
            }
        });
        let org = found.unwrap_or_else(hub);
        if names.len() < 10_000 {
            names.insert(id.to_string(), org.clone());
        }
        org
    }

    fn summary(&self, report: &Value, names: &mut HashMap<String, Value>) -> Option<Summary> {
        let id = report.get("id").and_then(Value::as_str)?;
        let s = |k: &str| report.get(k).and_then(Value::as_str);
        let kind = s("type").unwrap_or("report");
        let modified = s("modified").and_then(micros).unwrap_or(0);
        let date = s("published")
            .or_else(|| s("created"))
            .map(day_of)
            .unwrap_or_else(|| day_of(&Timestamp::from_micros(modified).to_string()));
        Some(Summary {
            uuid: uuid_of(id),
            info: s("name")
                .map(str::to_string)
                .unwrap_or_else(|| format!("untitled {kind}")),
            date,
            timestamp: modified / 1_000_000,
            tlp: tlp_of(report),
            org: self.org(s("created_by_ref"), names),
        })
    }

    /// Every readable report and grouping, and the ids they refer to.
    fn reports(&self) -> Result<(Vec<Summary>, HashSet<String>), StoreError> {
        let mut names = HashMap::new();
        let mut summaries = Vec::new();
        let mut refs = HashSet::new();
        self.each(&["report", "grouping"], Vec::new(), |r| {
            if let Some(list) = r.get("object_refs").and_then(Value::as_array) {
                refs.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
            }
            if let Some(s) = self.summary(&r, &mut names) {
                summaries.push(s);
            }
        })?;
        Ok((summaries, refs))
    }

    /// The readable indicators no readable report refers to, counted by (day, TLP).
    fn days(
        &self,
        refs: &HashSet<String>,
    ) -> Result<BTreeMap<(String, Option<Tlp>), DayCount>, StoreError> {
        let mut days: BTreeMap<(String, Option<Tlp>), DayCount> = BTreeMap::new();
        self.each(&["indicator"], Vec::new(), |i| {
            let Some(id) = i.get("id").and_then(Value::as_str) else {
                return;
            };
            if refs.contains(id) || attributes_of(&i).is_empty() {
                return;
            }
            let created = i.get("created").and_then(Value::as_str).unwrap_or("");
            let modified = i
                .get("modified")
                .and_then(Value::as_str)
                .and_then(micros)
                .unwrap_or(0);
            let d = days.entry((day_of(created), tlp_of(&i))).or_default();
            d.indicators += 1;
            d.last_modified = d.last_modified.max(modified / 1_000_000);
        })?;
        Ok(days)
    }

    fn day_uuid(&self, day: &str, tlp: Option<Tlp>) -> String {
        derived(&format!(
            "day:{}:{day}:{}",
            self.coll.id,
            tlp.map_or("unmarked", tlp_name)
        ))
    }

    fn day_summary(&self, day: &str, tlp: Option<Tlp>, count: DayCount) -> Summary {
        let level = tlp.map_or(String::new(), |t| {
            format!(" (TLP:{})", tlp_name(t).to_uppercase())
        });
        Summary {
            uuid: self.day_uuid(day, tlp),
            info: format!(
                "{}: {} of {day}{level} not in any report",
                self.hub,
                plural(count.indicators, "indicator")
            ),
            date: day.to_string(),
            timestamp: count.last_modified,
            tlp,
            org: json!({"name": self.hub, "uuid": derived(&format!("hub:{}", self.hub))}),
        }
    }

    /// Every event's summary: the reports' and the days'.
    fn summaries(&self) -> Result<(Vec<Summary>, HashSet<String>), StoreError> {
        let (mut all, refs) = self.reports()?;
        for ((day, tlp), count) in self.days(&refs)? {
            all.push(self.day_summary(&day, tlp, count));
        }
        Ok((all, refs))
    }

    fn manifest(&self) -> Result<Value, StoreError> {
        let (summaries, _) = self.summaries()?;
        let mut m = Map::new();
        for s in summaries {
            m.insert(
                s.uuid.clone(),
                json!({
                    "Orgc": s.org,
                    "Tag": tags(s.tlp),
                    "info": s.info,
                    "date": s.date,
                    "analysis": "2",
                    "threat_level_id": "4",
                    "timestamp": s.timestamp.to_string(),
                }),
            );
        }
        Ok(Value::Object(m))
    }

    /// `md5(value),event-uuid` for every attribute value of every event: each report's
    /// event built in turn, then one pass over the indicators for the daily events.
    fn hashes(&self) -> Result<String, StoreError> {
        let (reports, refs) = self.reports()?;
        let mut out = String::new();
        for s in &reports {
            for a in self.report_attributes(&s.uuid)?.unwrap_or_default() {
                hash_lines(&mut out, &a, &s.uuid);
            }
        }
        self.each(&["indicator"], Vec::new(), |i| {
            let id = i.get("id").and_then(Value::as_str).unwrap_or("");
            if refs.contains(id) {
                return;
            }
            let created = i.get("created").and_then(Value::as_str).unwrap_or("");
            let event = self.day_uuid(&day_of(created), tlp_of(&i));
            for a in attributes_of(&i) {
                hash_lines(&mut out, &a, &event);
            }
        })?;
        Ok(out)
    }

    /// The report or grouping with this uuid, when the caller may read it.
    fn report(&self, uuid: &str) -> Result<Option<Value>, StoreError> {
        let ids = vec![format!("report--{uuid}"), format!("grouping--{uuid}")];
        let mut found = None;
        self.each(&["report", "grouping"], ids, |v| found = Some(v))?;
        Ok(found)
    }

    /// The attributes of a report's event: what it refers to that the caller may read.
    fn report_attributes(&self, uuid: &str) -> Result<Option<Vec<Value>>, StoreError> {
        let Some(report) = self.report(uuid)? else {
            return Ok(None);
        };
        let refs: Vec<String> = report
            .get("object_refs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        let mut attributes = Vec::new();
        self.by_ids(&refs, |o| attributes.extend(attributes_of(&o)))?;
        Ok(Some(attributes))
    }

    fn day_attributes(
        &self,
        day: &str,
        tlp: Option<Tlp>,
        refs: &HashSet<String>,
    ) -> Result<Vec<Value>, StoreError> {
        let mut attributes = Vec::new();
        self.each(&["indicator"], Vec::new(), |i| {
            let id = i.get("id").and_then(Value::as_str).unwrap_or("");
            let created = i.get("created").and_then(Value::as_str).unwrap_or("");
            if !refs.contains(id) && day_of(created) == day && tlp_of(&i) == tlp {
                attributes.extend(attributes_of(&i));
            }
        })?;
        Ok(attributes)
    }

    /// The event with this uuid, when the caller may read it.
    fn event(&self, uuid: &str) -> Result<Option<Value>, StoreError> {
        let mut names = HashMap::new();
        if let Some(report) = self.report(uuid)? {
            let Some(s) = self.summary(&report, &mut names) else {
                return Ok(None);
            };
            let attributes = self.report_attributes(uuid)?.unwrap_or_default();
            let mut e = event_json(&s, attributes);
            if let Some(d) = report.get("description").and_then(Value::as_str) {
                if let Some(m) = e.as_object_mut() {
                    m.insert(
                        "EventReport".into(),
                        json!([{
                        "uuid": derived(&format!("description:{uuid}")),
                        "name": s.info, "content": d,
                        "timestamp": s.timestamp.to_string(), "deleted": false}]),
                    );
                }
            }
            return Ok(Some(e));
        }
        let (_, refs) = self.reports()?;
        for ((day, tlp), count) in self.days(&refs)? {
            if self.day_uuid(&day, tlp) == uuid {
                let s = self.day_summary(&day, tlp, count);
                let attributes = self.day_attributes(&day, tlp, &refs)?;
                return Ok(Some(event_json(&s, attributes)));
            }
        }
        Ok(None)
    }
}

/// The `hashes.csv` lines of one attribute: each half of a composite (`a|b`) value apart.
fn hash_lines(out: &mut String, attribute: &Value, event: &str) {
    let value = attribute.get("value").and_then(Value::as_str).unwrap_or("");
    let kind = attribute.get("type").and_then(Value::as_str).unwrap_or("");
    let parts: Vec<&str> = if kind.contains('|') {
        value.split('|').collect()
    } else {
        vec![value]
    };
    for p in parts {
        out.push_str(&hex(&Md5::digest(p.as_bytes())));
        out.push(',');
        out.push_str(event);
        out.push('\n');
    }
}

fn event_json(s: &Summary, attributes: Vec<Value>) -> Value {
    json!({
        "uuid": s.uuid,
        "info": s.info,
        "date": s.date,
        "timestamp": s.timestamp.to_string(),
        "publish_timestamp": s.timestamp.to_string(),
        "published": true,
        "analysis": "2",
        "threat_level_id": "4",
        "distribution": distribution(s.tlp),
        "Orgc": s.org,
        "Tag": tags(s.tlp),
        "Attribute": attributes,
    })
}

/// The MISP attributes one STIX object becomes (none for objects with no value to share).
fn attributes_of(o: &Value) -> Vec<Value> {
    let s = |k: &str| o.get(k).and_then(Value::as_str);
    let (Some(kind), Some(id)) = (s("type"), s("id")) else {
        return Vec::new();
    };
    let mut values: Vec<(&'static str, String)> = Vec::new();
    let to_ids = kind == "indicator";
    match kind {
        "indicator" if s("pattern_type").unwrap_or("stix") == "stix" => {
            if let Some(Ok(p)) = s("pattern").map(ward_pattern::parse) {
                if let Compiled::Keys(keys) = ward_pattern::compile(&p) {
                    values.extend(keys.into_iter().filter_map(key_attribute));
                }
            }
        }
        "ipv4-addr" | "ipv6-addr" => values.extend(s("value").map(|v| ("ip-dst", v.into()))),
        "domain-name" => values.extend(s("value").map(|v| ("domain", v.into()))),
        "url" => values.extend(s("value").map(|v| ("url", v.into()))),
        "email-addr" => values.extend(s("value").map(|v| ("email-src", v.into()))),
        "file" => {
            if let Some(h) = o.get("hashes").and_then(Value::as_object) {
                for (alg, v) in h {
                    let key = IndexKey::FileHash {
                        algorithm: alg.to_ascii_uppercase(),
                        value: v.as_str().unwrap_or("").to_ascii_lowercase(),
                    };
                    values.extend(key_attribute(key));
                }
            }
        }
        "vulnerability" => values.extend(s("name").map(|v| ("vulnerability", v.into()))),
        _ => {}
    }
    let modified = s("modified")
        .and_then(micros)
        .map_or_else(|| "0".to_string(), |m| (m / 1_000_000).to_string());
    let comment = s("name").or(s("description")).unwrap_or("");
    let tlp = tlp_of(o);
    let several = values.len() > 1;
    values
        .into_iter()
        .map(|(t, value)| {
            let uuid = if several {
                derived(&format!("{id}:{t}:{value}"))
            } else {
                uuid_of(id)
            };
            json!({
                "uuid": uuid,
                "type": t,
                "category": category(t),
                "value": value,
                "to_ids": to_ids,
                "comment": if kind == "vulnerability" { "" } else { comment },
                "timestamp": modified,
                "distribution": "5",
                "disable_correlation": false,
                "Tag": tags(tlp),
            })
        })
        .collect()
}

fn key_attribute(key: IndexKey) -> Option<(&'static str, String)> {
    Some(match key {
        IndexKey::Ipv4(a) => ("ip-dst", a.to_string()),
        IndexKey::Ipv6(a) => ("ip-dst", a.to_string()),
        IndexKey::Ipv4Net { network, prefix } => ("ip-dst", format!("{network}/{prefix}")),
        IndexKey::Ipv6Net { network, prefix } => ("ip-dst", format!("{network}/{prefix}")),
        IndexKey::Domain(d) => ("domain", d),
        IndexKey::Url(u) => ("url", u),
        IndexKey::EmailAddress(e) => ("email-src", e),
        IndexKey::FileHash { algorithm, value } => match algorithm.as_str() {
            "MD5" => ("md5", value),
            "SHA-1" | "SHA1" => ("sha1", value),
            "SHA-256" | "SHA256" => ("sha256", value),
            "SHA-512" | "SHA512" => ("sha512", value),
            "SSDEEP" => ("ssdeep", value),
            "TLSH" => ("tlsh", value),
            _ => return None,
        },
        IndexKey::DomainSuffix(_) => return None,
    })
}

fn category(t: &str) -> &'static str {
    match t {
        "md5" | "sha1" | "sha256" | "sha512" | "ssdeep" | "tlsh" | "email-src" => {
            "Payload delivery"
        }
        "vulnerability" => "External analysis",
        _ => "Network activity",
    }
}

fn tlp_of(o: &Value) -> Option<Tlp> {
    match effective_tlp(o) {
        EffectiveTlp::Level(t) => Some(t),
        EffectiveTlp::Unmarked => None,
    }
}

fn tlp_name(t: Tlp) -> &'static str {
    match t {
        Tlp::Clear => "clear",
        Tlp::Green => "green",
        Tlp::Amber => "amber",
        Tlp::AmberStrict => "amber+strict",
        Tlp::Red => "red",
    }
}

/// The `tlp:*` tag MISP's taxonomy uses for a level.
fn tags(tlp: Option<Tlp>) -> Value {
    match tlp {
        None => json!([]),
        Some(t) => {
            let colour = match t {
                Tlp::Clear => "#ffffff",
                Tlp::Green => "#33ff00",
                Tlp::Amber | Tlp::AmberStrict => "#ffc000",
                Tlp::Red => "#ff0000",
            };
            json!([{"name": format!("tlp:{}", tlp_name(t)), "colour": colour}])
        }
    }
}

/// MISP's distribution for a TLP level (see the module documentation).
fn distribution(tlp: Option<Tlp>) -> &'static str {
    match tlp {
        Some(Tlp::Clear) => "3",
        Some(Tlp::Green) | None => "1",
        Some(Tlp::Amber | Tlp::AmberStrict | Tlp::Red) => "0",
    }
}

/// The UUID part of a STIX id.
fn uuid_of(id: &str) -> String {
    id.rsplit_once("--").map_or(id, |(_, u)| u).to_string()
}

fn derived(seed: &str) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, seed.as_bytes())
        .hyphenated()
        .to_string()
}

fn micros(text: &str) -> Option<i64> {
    Timestamp::parse(text).ok().map(|t| t.as_micros())
}

/// `YYYY-MM-DD` of a STIX timestamp (the first ten characters when it parses).
fn day_of(text: &str) -> String {
    match Timestamp::parse(text) {
        Ok(t) => t.to_string().chars().take(10).collect(),
        Err(_) => "1970-01-01".into(),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
