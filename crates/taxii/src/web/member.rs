//! The members' pages: the collections the caller may read, one collection browsed and
//! searched a page at a time, one object with its versions and sightings, and downloads
//! (STIX, and block lists in `ward export`'s formats). Every object, date and cursor comes
//! from [`crate::handlers::page`] (TAXII's own paged query and read filter); the search by
//! value and TLP only narrows what it serves.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use maud::html;
use serde_json::Value;
use ward_feeds::export::{Batched, ExportFormat, ExportOptions};
use ward_stix::{StixObject, Timestamp, Tlp};
use ward_store::{StoredVersion, VersionSelect};

use super::{blocklist, candidates, page, segment, Session, UiError};
use crate::handlers::{self, stamp, Narrow, Served};
use crate::params::Params;
use crate::{blocking, AppState};

/// Objects on one page of a collection.
const PAGE_SIZE: usize = 50;

/// Sightings an object page counts at most (the newest the caller may read), so that the
/// page's cost does not grow with an indicator's sightings; past them the counts say
/// "at least".
const SIGHTINGS_COUNTED: usize = 100;

/// The block lists of a collection: the name in the URL, the `ward export` format, and what
/// it is for.
const BLOCK_LISTS: [(&str, ExportFormat, &str); 4] = [
    (
        "ip",
        ExportFormat::PlainIp,
        "IP addresses and blocks, IPv4 and IPv6 (a Palo Alto or FortiGate external list, a pfSense or OPNsense URL table)",
    ),
    (
        "domain",
        ExportFormat::PlainDomain,
        "Domain names (a Palo Alto external domain list, DNS filtering)",
    ),
    (
        "url",
        ExportFormat::PlainUrl,
        "URLs without their scheme (a Palo Alto external URL list)",
    ),
    (
        "rpz",
        ExportFormat::Rpz,
        "A DNS response policy zone (BIND, Unbound, PowerDNS)",
    ),
];

/// `GET /ui`: the collections the caller's organization may read.
pub(crate) async fn collections(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
) -> Result<Response, UiError> {
    let org = session.caller.org_id.clone();
    let mine = blocking(&state, move |s| {
        Ok(s.collections()?
            .into_iter()
            .filter(|c| c.can_read(&org))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(page(
        StatusCode::OK,
        "Collections you may read",
        Some(&session),
        html! {
            @if mine.is_empty() {
                p { "Your organization may read no collection on this hub." }
            } @else {
                ul {
                    @for c in &mine {
                        li {
                            a href={ "/ui/collections/" (segment(&c.id)) } { (c.title) }
                            @if let Some(d) = &c.description { " — " (d) }
                        }
                    }
                }
            }
        },
    ))
}

/// The search form of a collection page, as given in its URL.
#[derive(Default)]
struct Search {
    object_type: String,
    text: String,
    /// `""`, `none` (no TLP marking) or a TLP level.
    tlp: String,
    /// `YYYY-MM-DD` as typed.
    added_after: String,
    next: Option<String>,
}

impl Search {
    fn parse(raw: Option<&str>) -> Search {
        let mut s = Search::default();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let v = v.trim().to_string();
            match k.as_ref() {
                "type" => s.object_type = v,
                "q" => s.text = v,
                "tlp" => s.tlp = v,
                "added_after" => s.added_after = v,
                "next" if !v.is_empty() => s.next = Some(v),
                _ => {}
            }
        }
        s
    }

    /// The TAXII parameters and the narrowing test this search means.
    fn to_query(&self, limit: usize) -> Result<(Params, Option<Narrow>), UiError> {
        let mut p = Params {
            limit: Some(limit),
            next: self.next.clone(),
            ..Params::default()
        };
        if !self.object_type.is_empty() {
            if !self
                .object_type
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(UiError::bad_request(
                    "type: expected a STIX type such as indicator or malware",
                ));
            }
            p.types = vec![self.object_type.clone()];
        }
        if !self.added_after.is_empty() {
            let day =
                Timestamp::parse(&format!("{}T00:00:00Z", self.added_after)).map_err(|_| {
                    UiError::bad_request("added after: expected a date such as 2024-05-31")
                })?;
            p.added_after = Some(day.as_micros());
        }
        let tlp = match self.tlp.as_str() {
            "" => None,
            "none" => Some(None),
            other => Some(Some(Tlp::parse(other).ok_or_else(|| {
                UiError::bad_request("TLP: expected clear, green, amber, amber+strict, red or none")
            })?)),
        };
        let text = self.text.to_lowercase();
        let narrow: Option<Narrow> = if text.is_empty() && tlp.is_none() {
            None
        } else {
            Some(Arc::new(move |json: &str| {
                let Ok(v) = serde_json::from_str::<Value>(json) else {
                    return false;
                };
                if let Some(want) = tlp {
                    if tlp_of(&v) != want {
                        return false;
                    }
                }
                text.is_empty()
                    || ["pattern", "name", "value"].iter().any(|k| {
                        v.get(*k)
                            .and_then(Value::as_str)
                            .is_some_and(|s| s.to_lowercase().contains(&text))
                    })
            }))
        };
        Ok((p, narrow))
    }

    /// This search's query string, with `next` replaced.
    fn link(&self, next: Option<&str>) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("type", &self.object_type),
            ("q", &self.text),
            ("tlp", &self.tlp),
            ("added_after", &self.added_after),
        ] {
            if !v.is_empty() {
                q.append_pair(k, v);
            }
        }
        if let Some(n) = next {
            q.append_pair("next", n);
        }
        q.finish()
    }
}

/// The most restrictive standard TLP marking on an object, if any.
fn tlp_of(v: &Value) -> Option<Tlp> {
    v.get("object_marking_refs")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .filter_map(Tlp::from_marking_id)
        .max()
}

/// What to call an object in a list: its name, value or pattern.
fn label_of(v: &Value) -> String {
    let text = ["name", "value", "pattern"]
        .iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str))
        .unwrap_or("");
    let mut out: String = text.chars().take(120).collect();
    if text.chars().count() > 120 {
        out.push('…');
    }
    out
}

fn served_json(item: &(StoredVersion, Option<String>)) -> &str {
    item.1.as_deref().unwrap_or(&item.0.json)
}

async fn search_page(
    state: &AppState,
    session: &Session,
    cid: String,
    search: &Search,
    limit: usize,
) -> Result<(ward_store::Collection, Served), UiError> {
    let (p, narrow) = search.to_query(limit)?;
    let c = handlers::readable(state, &session.caller, cid).await?;
    let served = latest_page(state, session, &c, &p, narrow).await?;
    Ok((c, served))
}

/// One page of the latest versions in `c` the caller may read: TAXII's own query, cursor and
/// read filter (the objects endpoint), narrowed by `narrow` when given.
async fn latest_page(
    state: &AppState,
    session: &Session,
    c: &ward_store::Collection,
    p: &Params,
    narrow: Option<Narrow>,
) -> Result<Served, UiError> {
    let served = handlers::page(
        state,
        &session.caller,
        c,
        "objects",
        p,
        Vec::new(),
        VersionSelect::last(),
        narrow,
    )
    .await?;
    Ok(served)
}

/// `GET /ui/collections/{cid}`: one page of the collection's objects the caller may read,
/// searched by type, value, TLP and date added.
pub(crate) async fn collection(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(cid): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, UiError> {
    let search = Search::parse(raw.as_deref());
    let (c, served) = search_page(&state, &session, cid, &search, PAGE_SIZE).await?;
    let base = format!("/ui/collections/{}", segment(&c.id));
    let rows: Vec<(String, String, String, String, Option<Tlp>, String)> = served
        .items
        .iter()
        .map(|item| {
            let v: Value = serde_json::from_str(served_json(item)).unwrap_or(Value::Null);
            (
                item.0.id.clone(),
                item.0.object_type.clone(),
                label_of(&v),
                item.0.version.clone(),
                tlp_of(&v),
                stamp(item.0.date_added),
            )
        })
        .collect();
    let tlps = ["clear", "green", "amber", "amber+strict", "red", "none"];
    let body = html! {
        @if let Some(d) = &c.description { p { (d) } }
        form method="get" action=(base) role="search" {
            fieldset {
                legend { "Search" }
                div.row {
                    div {
                        label for="type" { "Type" }
                        input id="type" name="type" type="text" placeholder="indicator" value=(search.object_type);
                    }
                    div {
                        label for="q" { "Value contains" }
                        input id="q" name="q" type="search" value=(search.text);
                    }
                    div {
                        label for="tlp" { "TLP" }
                        select id="tlp" name="tlp" {
                            option value="" selected[search.tlp.is_empty()] { "any" }
                            @for t in tlps {
                                option value=(t) selected[search.tlp == t] { (t) }
                            }
                        }
                    }
                    div {
                        label for="added_after" { "Added after" }
                        input id="added_after" name="added_after" type="date" value=(search.added_after);
                    }
                }
                button type="submit" { "Search" }
            }
        }
        @if rows.is_empty() && served.next.is_some() {
            p { "No match among the objects read so far; the next page reads on." }
        } @else if rows.is_empty() {
            p { "No object matches." }
        } @else {
            div.scroll tabindex="0" role="region" aria-label="Objects" {
                table {
                    caption { "Objects (newest additions last)" }
                    thead { tr { th scope="col" { "Type" } th scope="col" { "Name or value" } th scope="col" { "TLP" } th scope="col" { "Version" } th scope="col" { "Added" } } }
                    tbody {
                        @for (id, ty, label, version, tlp, added) in &rows {
                            tr {
                                td { (ty) }
                                td { a href={ (base) "/objects/" (segment(id)) } { @if label.is_empty() { (id) } @else { (label) } } }
                                td { @match tlp { Some(t) => (t), None => "unmarked" } }
                                td { (version) }
                                td { (added) }
                            }
                        }
                    }
                }
            }
        }
        p {
            @if let Some(next) = &served.next {
                a href={ (base) "?" (search.link(Some(next))) } rel="next" { "Next page" }
                " · "
            }
            a href={ (base) "/download?" (search.link(search.next.as_deref())) } { "Download this page as STIX" }
        }
        h2 { "Block lists" }
        p {
            "Every indicator of this collection you may read that scores at least "
            (ExportOptions::default().min_score) " and is marked TLP:AMBER or lower, as "
            code { "ward export" } " writes it: allow-listed values and private, loopback and "
            "other special addresses left out."
        }
        ul {
            @for (name, _, what) in BLOCK_LISTS {
                li { a href={ (base) "/blocklist/" (name) } download { (what) } }
            }
        }
    };
    Ok(page(StatusCode::OK, &c.title, Some(&session), body))
}

/// A STIX bundle of served objects, as a download.
fn bundle(items: &[(StoredVersion, Option<String>)], file: &str) -> Response {
    let mut body = String::from("{\"type\":\"bundle\",\"id\":\"bundle--");
    body.push_str(&uuid::Uuid::new_v4().to_string());
    body.push_str("\",\"objects\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(served_json(item));
    }
    body.push_str("]}");
    let mut response = (StatusCode::OK, body).into_response();
    let h = response.headers_mut();
    super::secure_headers(h, "application/stix+json;version=2.1");
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// `GET /ui/collections/{cid}/download`: the page the same search shows, as a STIX bundle
/// (up to the hub's page size; follow the page's next link for more).
pub(crate) async fn download_page(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(cid): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, UiError> {
    let search = Search::parse(raw.as_deref());
    let limit = state.config.page_max;
    let (_, served) = search_page(&state, &session, cid, &search, limit).await?;
    Ok(bundle(&served.items, "objects.json"))
}

/// Every version of one object the caller may read (at most 1000), oldest first.
async fn versions_of(
    state: &AppState,
    session: &Session,
    cid: String,
    oid: String,
    select: VersionSelect,
) -> Result<(ward_store::Collection, Served), UiError> {
    let c = handlers::readable(state, &session.caller, cid).await?;
    let p = Params {
        limit: Some(1000),
        ..Params::default()
    };
    let served =
        handlers::one_object(state, &session.caller, &c, "versions", &p, oid, select).await?;
    Ok((c, served))
}

/// `GET /ui/collections/{cid}/objects/{oid}`: one object, its versions and its sightings.
pub(crate) async fn object(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path((cid, oid)): Path<(String, String)>,
) -> Result<Response, UiError> {
    let (c, served) = versions_of(&state, &session, cid, oid.clone(), VersionSelect::all()).await?;
    let latest = served
        .items
        .iter()
        .max_by(|a, b| a.0.version_key.cmp(&b.0.version_key));
    let pretty = latest
        .and_then(|item| serde_json::from_str::<Value>(served_json(item)).ok())
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_default();
    let sightings = match (&state.sightings, latest) {
        (Some(counter), Some(item)) if item.0.object_type == "indicator" => {
            let (counter, caller, coll, id) = (
                counter.clone(),
                session.caller.clone(),
                c.clone(),
                oid.clone(),
            );
            tokio::task::spawn_blocking(move || {
                counter.summary_newest(&caller, &coll, &id, SIGHTINGS_COUNTED)
            })
            .await
            .ok()
            .and_then(Result::ok)
        }
        _ => None,
    };
    let base = format!("/ui/collections/{}", segment(&c.id));
    let body = html! {
        p { a href=(base) { "Back to " (c.title) } }
        @if let Some((s, complete)) = &sightings {
            h2 { "Sightings" }
            @let at_least = if *complete { "" } else { "at least " };
            p data-sightings=(if *complete { "all" } else { "newest" }) {
                (at_least) (s.organizations) " organization(s) sighted it (" (at_least)
                (s.organizations_last_7_days) " in the last 7 days, " (at_least)
                (s.organizations_last_30_days) " in the last 30); " (at_least)
                (s.false_positives) " false positive(s)"
                @if let Some(last) = &s.last_seen { "; last seen " (last) }
                "."
            }
            @if !*complete {
                p {
                    "Counted from the newest " (SIGHTINGS_COUNTED) " sightings you may read; "
                    "the sightings endpoint of TAXII counts them all."
                }
            }
        }
        h2 { "Versions" }
        div.scroll tabindex="0" role="region" aria-label="Versions" {
            table {
                thead { tr { th scope="col" { "Version" } th scope="col" { "Added" } } }
                tbody {
                    @for (v, _) in &served.items {
                        tr { td { (v.version) } td { (stamp(v.date_added)) } }
                    }
                }
            }
        }
        @if served.more { p { "Older versions are not listed here." } }
        p { a href={ (base) "/objects/" (segment(&oid)) "/download" } { "Download as STIX" } }
        h2 { "Latest version" }
        pre { code { (pretty) } }
    };
    Ok(page(StatusCode::OK, &oid, Some(&session), body))
}

/// `GET /ui/collections/{cid}/objects/{oid}/download`: the latest version as a STIX bundle.
pub(crate) async fn download_object(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path((cid, oid)): Path<(String, String)>,
) -> Result<Response, UiError> {
    let (_, served) = versions_of(&state, &session, cid, oid, VersionSelect::last()).await?;
    Ok(bundle(&served.items, "object.json"))
}

/// `GET /ui/collections/{cid}/blocklist/{kind}`: a block list of every indicator of the
/// collection the caller may read, in a `ward export` format, with `ward export`'s selection
/// (score, TLP up to AMBER, allow-lists, never-blocked addresses). The list is built once per
/// reader and kept until the collection or the policy changes ([`super::blocklist`]); it
/// carries an `ETag`, and a client that sends it back in `If-None-Match` gets `304`.
pub(crate) async fn block_list(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path((cid, kind)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, UiError> {
    let Some((name, format, _)) = BLOCK_LISTS.iter().find(|(n, ..)| *n == kind) else {
        return Err(UiError::new(
            StatusCode::NOT_FOUND,
            "no such block list: ip, domain, url or rpz",
        ));
    };
    let c = handlers::readable(&state, &session.caller, cid).await?;
    let key = blocklist::Key::new(&c, &session.caller, name);
    let (format, failed) = (*format, |_| {
        UiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the block list failed")
    });
    let earlier = match kept_list(&state, &c, &key).await?.1 {
        blocklist::Lookup::Current(built) => {
            return Ok(block_list_reply(&headers, &c, name, format, built))
        }
        blocklist::Lookup::Added(built) => Some(built),
        blocklist::Lookup::None => None,
    };
    // One build per list at a time, in a task of its own: a request that gives up (the
    // hub's time limit) leaves the build to finish and be kept for the next one. The task
    // waits for the lock, so that a download behind another's build waits no longer than
    // the first one does (then 503, or the earlier list).
    let lock = state.block_lists.build_lock(&key);
    let (task_state, coll) = (state.clone(), c.clone());
    let task = tokio::spawn(async move {
        let _one_at_a_time = lock.lock_owned().await;
        // Another build may have finished while this one waited for the lock.
        let (stamp, kept) = kept_list(&task_state, &coll, &key).await?;
        if let blocklist::Lookup::Current(built) = kept {
            return Ok::<_, UiError>(built);
        }
        let text = build_list(&task_state, &session, &coll, format).await?;
        let built = blocklist::Built::new(text);
        task_state.block_lists.put(key, stamp, built.clone());
        Ok(built)
    });
    let built = match earlier {
        // The kept list misses only versions added since: served if the new one is slow.
        Some(earlier) => match tokio::time::timeout(blocklist::STALE_WAIT, task).await {
            Ok(done) => done.map_err(failed)??,
            Err(_) => earlier,
        },
        // Nothing to serve meanwhile: a clear "not yet" rather than a request held until
        // the hub's time limit. The build goes on and is kept for the next download.
        None => match tokio::time::timeout(state.block_lists.first_wait(), task).await {
            Ok(done) => done.map_err(failed)??,
            Err(_) => return Ok(being_built(state.block_lists.first_wait())),
        },
    };
    Ok(block_list_reply(&headers, &c, name, format, built))
}

/// `503` with `Retry-After` (`wait`, at least a second): the list is being built and there
/// is no earlier one to serve.
fn being_built(wait: Duration) -> Response {
    let body = "This block list is being built and is not ready yet; nothing partial is \
                served. Ask again in a few seconds.\n";
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, body).into_response();
    let h = response.headers_mut();
    super::secure_headers(h, "text/plain; charset=utf-8");
    h.insert(
        header::RETRY_AFTER,
        HeaderValue::from(wait.as_secs().max(1)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The stamp of `c` as it stands, and what the cache holds for `key` under it.
async fn kept_list(
    state: &AppState,
    c: &ward_store::Collection,
    key: &blocklist::Key,
) -> Result<(blocklist::Stamp, blocklist::Lookup), UiError> {
    let (cache, id, k) = (state.block_lists.clone(), c.id.clone(), key.clone());
    Ok(blocking(state, move |s| {
        let stamp = cache.stamp(s, &id)?;
        let kept = cache.get(&k, &stamp);
        Ok((stamp, kept))
    })
    .await?)
}

/// A block list's answer: the list, or `304` to a client that holds it.
fn block_list_reply(
    headers: &HeaderMap,
    c: &ward_store::Collection,
    name: &str,
    format: ExportFormat,
    built: blocklist::Built,
) -> Response {
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| blocklist::matches(v, &built.etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, Body::from(built.body)).into_response()
    };
    let h = response.headers_mut();
    super::secure_headers(h, "text/plain; charset=utf-8");
    if let Ok(v) = HeaderValue::from_str(&built.etag) {
        h.insert(header::ETAG, v);
    }
    // Kept by a client, but asked again each time (the answer may be a 304).
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    let extension = if format == ExportFormat::Rpz {
        "rpz"
    } else {
        "txt"
    };
    let file = format!("{}-{name}.{extension}", segment(&c.id));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// Builds a block list of `c` for the caller. The indicators that may be in some reader's
/// list are known without reading the collection again (`super::candidates`, brought up to
/// date first), most with what the read filter decides with and their scores: the read
/// filter decides from those facts which of them the caller may read
/// ([`ward_hub_api::ReadFilter::may_read`], TAXII's decision on the same facts), and they
/// are scored again at the time of the list. The others (the filter keeps no facts of them,
/// or cannot decide from them) are read a TAXII page of ids at a time through the read
/// filter, as the pages and TAXII read them, and scored. A store that keeps no change count
/// has no pre-selection: the whole collection is read a page at a time. Only the values
/// selected so far are kept between batches.
async fn build_list(
    state: &AppState,
    session: &Session,
    c: &ward_store::Collection,
    format: ExportFormat,
) -> Result<String, UiError> {
    let (pre, coll, filter) = (
        state.block_candidates.clone(),
        c.clone(),
        state.read_filter.clone(),
    );
    let selection = blocking(state, move |s| {
        pre.current(s, &coll, candidates::shipped_allow_list(), filter.as_ref())
    })
    .await?;
    // Made after the pre-selection: scores only fall with time, so nothing it left out
    // could score now.
    let options = ExportOptions::default();
    let bad = |e: ward_feeds::FeedsError| UiError::bad_request(e.to_string());
    let mut list = Batched::new(format, options.clone()).map_err(bad)?;
    let mut p = Params {
        limit: Some(state.config.page_max),
        types: vec!["indicator".into()],
        ..Params::default()
    };
    let Some(selection) = selection else {
        let mut served = latest_page(state, session, c, &p, None).await?;
        loop {
            list = score_into(list, std::mem::take(&mut served.items), options.now).await?;
            match served.next.take() {
                Some(next) if served.more => p.next = Some(next),
                _ => break,
            }
            served = latest_page(state, session, c, &p, None).await?;
        }
        return Ok(list.finish().text);
    };
    let (filter, caller, coll) = (state.read_filter.clone(), session.caller.clone(), c.clone());
    let now = options.now;
    let (mut list, ids) = tokio::task::spawn_blocking(move || {
        let config = ward_feeds::config::FeedsConfig::default();
        let mut unknown: Vec<String> = Vec::new();
        // Decides a batch of candidates from their facts and adds the readable ones; those
        // the filter cannot decide from their facts are read through TAXII as the rest.
        let mut decide = |list: &mut Batched, batch: &[(&str, &candidates::Known)]| {
            if batch.is_empty() {
                return;
            }
            let facts: Vec<&ward_hub_api::ReadFacts> =
                batch.iter().map(|(_, k)| &k.facts).collect();
            match filter.may_read(&caller, &coll, &facts) {
                Some(readable) if readable.len() == batch.len() => {
                    for ((_, k), may) in batch.iter().zip(readable) {
                        if may {
                            list.add_rescored(&k.scored, &config, now);
                        }
                    }
                }
                _ => unknown.extend(batch.iter().map(|(id, _)| id.to_string())),
            }
        };
        let mut batch: Vec<(&str, &candidates::Known)> = Vec::with_capacity(FACTS_CHUNK);
        let mut without_facts: Vec<String> = Vec::new();
        for (id, known) in selection.candidates() {
            match known {
                None => without_facts.push(id.to_string()),
                // Those that cannot change this list (another kind of value, neither
                // allow-listed nor never blocked) are left out before anything is decided.
                Some(k) if list.may_change_reach(k.reach) => {
                    batch.push((id, k));
                    if batch.len() == FACTS_CHUNK {
                        decide(&mut list, &batch);
                        batch.clear();
                    }
                }
                Some(_) => {}
            }
        }
        decide(&mut list, &batch);
        unknown.extend(without_facts);
        (list, unknown)
    })
    .await
    .map_err(|_| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the block list failed"))?;
    for chunk in ids.chunks(state.config.page_max.clamp(1, ID_CHUNK)) {
        p.next = None;
        loop {
            let served = handlers::page(
                state,
                &session.caller,
                c,
                "objects",
                &p,
                chunk.to_vec(),
                VersionSelect::last(),
                None,
            )
            .await?;
            list = score_into(list, served.items, options.now).await?;
            match served.next {
                Some(next) if served.more => p.next = Some(next),
                _ => break,
            }
        }
    }
    Ok(list.finish().text)
}

/// Candidates decided by the read filter from their facts at a time.
const FACTS_CHUNK: usize = 4096;

/// Ids asked for in one page query of a block list's build.
const ID_CHUNK: usize = 500;

/// Adds what the reader is served of `items` to `list`, scored at `now` (pattern parsing:
/// off the async threads).
async fn score_into(
    mut list: Batched,
    items: Vec<(StoredVersion, Option<String>)>,
    now: Timestamp,
) -> Result<Batched, UiError> {
    tokio::task::spawn_blocking(move || {
        let objects: Vec<StixObject> = items
            .iter()
            .filter_map(|item| serde_json::from_str::<StixObject>(served_json(item)).ok())
            .collect();
        let scored = ward_feeds::local::score_objects(
            &objects,
            &ward_feeds::config::FeedsConfig::default(),
            candidates::shipped_allow_list(),
            now,
        );
        list.add(&scored);
        list
    })
    .await
    .map_err(|_| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the block list failed"))
}
