//! The TAXII 2.1 endpoints, one small function each, in the order of the specification's
//! endpoint table. Authentication, media types, limits and error bodies are layers; here is
//! only what each endpoint means.

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::{json, Value};
use ward_stix::Timestamp;
use ward_store::{Collection, ObjectQuery, StatusRecord, StoredVersion, VersionSelect};

use crate::error::TaxiiError;
use crate::filters::{Caller, ReadDecision};
use crate::media::{STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE};
use crate::params::{self, Params};
use crate::{blocking, AppState, API_ROOT};

/// A 200 (or `status`) answer with a TAXII body and optional date-added headers.
fn taxii(status: StatusCode, body: String, dates: Option<(String, String)>) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(TAXII_MEDIA_TYPE),
    );
    if let Some((first, last)) = dates {
        if let (Ok(f), Ok(l)) = (HeaderValue::from_str(&first), HeaderValue::from_str(&last)) {
            headers.insert("X-TAXII-Date-Added-First", f);
            headers.insert("X-TAXII-Date-Added-Last", l);
        }
    }
    response
}

pub(crate) fn ok_json(value: Value) -> Response {
    taxii(StatusCode::OK, value.to_string(), None)
}

pub(crate) fn stamp(micros: i64) -> String {
    Timestamp::from_micros(micros).to_string()
}

fn query_params(raw: Option<String>) -> Result<Params, TaxiiError> {
    params::parse(raw.as_deref()).map_err(TaxiiError::bad_request)
}

/// The collection if the caller may see it (read or write); 404 otherwise, so that callers
/// cannot probe for collections they are not part of.
async fn visible(state: &AppState, caller: &Caller, id: String) -> Result<Collection, TaxiiError> {
    let found = blocking(state, move |s| s.collection(&id)).await?;
    found
        .filter(|c| may_read(state, caller, c) || c.can_write(&caller.org_id))
        .ok_or_else(|| TaxiiError::not_found("no such collection"))
}

/// Members read what their organization may read; a reader without credentials only a
/// collection the policy makes public.
fn may_read(state: &AppState, caller: &Caller, c: &Collection) -> bool {
    if caller.is_anonymous() {
        state.read_filter.admits_anonymous(c)
    } else {
        c.can_read(&caller.org_id)
    }
}

pub(crate) async fn readable(
    state: &AppState,
    caller: &Caller,
    id: String,
) -> Result<Collection, TaxiiError> {
    let c = visible(state, caller, id).await?;
    if !may_read(state, caller, &c) {
        return Err(TaxiiError::forbidden(
            "your organization may not read this collection",
        ));
    }
    Ok(c)
}

fn collection_json(state: &AppState, c: &Collection, caller: &Caller) -> Value {
    let mut v = json!({
        "id": c.id,
        "title": c.title,
        "can_read": may_read(state, caller, c),
        "can_write": c.can_write(&caller.org_id),
        "media_types": [STIX_MEDIA_TYPE],
    });
    if let (Some(d), Some(map)) = (&c.description, v.as_object_mut()) {
        map.insert("description".into(), Value::String(d.clone()));
    }
    v
}

fn status_json(s: &StatusRecord) -> Value {
    json!({
        "id": s.id,
        "status": s.status,
        "request_timestamp": stamp(s.request_timestamp),
        "total_count": s.total_count,
        "success_count": s.success_count(),
        "successes": s.successes,
        "failure_count": s.failure_count(),
        "failures": s.failures,
        "pending_count": s.pending_count(),
        "pendings": s.pendings,
    })
}

// --- discovery, API root, status -------------------------------------------------------------

pub async fn discovery(State(state): State<AppState>) -> Response {
    ok_json(json!({
        "title": state.config.title,
        "description": "ward hub: TAXII 2.1 sharing for healthcare",
        "default": API_ROOT,
        "api_roots": [API_ROOT],
    }))
}

pub async fn api_root(State(state): State<AppState>) -> Response {
    ok_json(json!({
        "title": state.config.title,
        "versions": [TAXII_MEDIA_TYPE],
        "max_content_length": state.config.max_body,
    }))
}

pub async fn status(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, TaxiiError> {
    let found = blocking(&state, move |s| s.status(&id)).await?;
    let s = found
        .filter(|s| s.owner_org == caller.org_id)
        .ok_or_else(|| TaxiiError::not_found("no such status"))?;
    Ok(ok_json(status_json(&s)))
}

// --- collections -----------------------------------------------------------------------------

pub async fn collections(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, TaxiiError> {
    let all = blocking(&state, |s| s.collections()).await?;
    let mine: Vec<Value> = all
        .iter()
        .filter(|c| c.can_read(&caller.org_id) || c.can_write(&caller.org_id))
        .map(|c| collection_json(&state, c, &caller))
        .collect();
    // TAXII: an API root without collections answers an empty resource.
    Ok(ok_json(if mine.is_empty() {
        json!({})
    } else {
        json!({ "collections": mine })
    }))
}

pub async fn collection(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, TaxiiError> {
    let c = visible(&state, &caller, id).await?;
    Ok(ok_json(collection_json(&state, &c, &caller)))
}

// --- pages of versions -----------------------------------------------------------------------

/// A page after the read filter, with what the response needs.
pub(crate) struct Served {
    /// Each version with the JSON the read filter replaced it by, if it did.
    pub(crate) items: Vec<(StoredVersion, Option<String>)>,
    pub(crate) more: bool,
    pub(crate) next: Option<String>,
    /// `date_added` of the first and last version served; none for an empty page.
    pub(crate) dates: Option<(String, String)>,
}

/// A further test a version must pass, after the read filter, on the JSON the caller would
/// be served (the web interface's search by value and TLP). TAXII passes none.
pub(crate) type Narrow = std::sync::Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// Versions the read filter may look at for one page. A page is filled with versions the
/// caller may read, reading past hidden ones; a stretch of hidden versions longer than this
/// ends the page early, with `more` and a cursor past what was read, so one request's work
/// stays bounded.
const SCAN_BUDGET: usize = 10_000;
/// The scan budget of a page narrowed further (the web interface's search by value or TLP):
/// every version read is parsed by the read filter and by the search, so a search that
/// matches little answers a page from a fifth of [`SCAN_BUDGET`] and offers to read on.
const NARROW_SCAN_BUDGET: usize = 2_000;

/// A page of one object's versions; 404 when a first page finds none (the object is not
/// there, or not for this reader).
pub(crate) async fn one_object(
    state: &AppState,
    caller: &Caller,
    collection: &Collection,
    endpoint: &str,
    p: &Params,
    id: String,
    versions: VersionSelect,
) -> Result<Served, TaxiiError> {
    let served = page(
        state,
        caller,
        collection,
        endpoint,
        p,
        vec![id],
        versions,
        None,
    )
    .await?;
    // A first page that read past hidden versions up to its budget is empty but has more:
    // that is not "no such object".
    if served.items.is_empty() && !served.more && p.next.is_none() && p.added_after.is_none() {
        return Err(TaxiiError::not_found("no such object in this collection"));
    }
    Ok(served)
}

/// Runs one paged query: applies `limit` caps, the cursor and the read filter. Everything
/// the answer says (the versions, `more`, `next`, the date headers) comes from what the
/// caller is served, so hidden versions leave no trace in it. `narrow`, when given, drops
/// further versions after the read filter, within the same scan budget.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn page(
    state: &AppState,
    caller: &Caller,
    collection: &Collection,
    endpoint: &str,
    p: &Params,
    ids: Vec<String>,
    versions: VersionSelect,
    narrow: Option<Narrow>,
) -> Result<Served, TaxiiError> {
    let digest = p.digest(endpoint, &versions);
    let after = match &p.next {
        Some(next) => Some(
            state
                .signer
                .decode(&collection.id, &digest, next)
                .map_err(|e| TaxiiError::bad_request(format!("next: {e}")))?,
        ),
        None => None,
    };
    let limit = p
        .limit
        .unwrap_or(state.config.page_max)
        .min(state.config.page_max)
        .max(1);
    let mut query = ObjectQuery {
        ids,
        types: p.types.clone(),
        spec_versions: p.spec_versions.clone(),
        versions,
        added_after: p.added_after,
        after,
        // One more than the page: a readable one past it is what `more` means.
        limit: limit + 1,
    };
    // The read filter runs beside the query, off the async threads: it parses each version
    // and may look up who submitted it, which would hold up every other connection.
    let filter = state.read_filter.clone();
    let (who, coll) = (caller.clone(), collection.clone());
    let budget = match narrow {
        Some(_) => NARROW_SCAN_BUDGET,
        None => SCAN_BUDGET,
    };
    let (items, more, resume) = blocking(state, move |s| {
        let mut served: Vec<(StoredVersion, Option<String>)> = Vec::new();
        let mut scanned = 0usize;
        loop {
            let page = s.query_objects(&coll.id, &query)?;
            let read_to = page.items.last().map(StoredVersion::position);
            let decisions = filter.check_page(&who, &coll, &page.items);
            for (item, decision) in page.items.into_iter().zip(decisions) {
                scanned += 1;
                let replaced = match decision {
                    ReadDecision::Keep => None,
                    ReadDecision::Replace(json) => Some(json),
                    ReadDecision::Hide => continue,
                };
                if let Some(narrow) = &narrow {
                    if !narrow(replaced.as_deref().unwrap_or(&item.json)) {
                        continue;
                    }
                }
                if served.len() == limit {
                    // A further version the caller may read: the next page starts with it.
                    return Ok((served, true, None));
                }
                served.push((item, replaced));
            }
            match read_to {
                Some(position) if page.more => {
                    if scanned >= budget {
                        return Ok((served, true, Some(position)));
                    }
                    query.after = Some(position);
                }
                _ => return Ok((served, false, None)),
            }
        }
    })
    .await?;
    let next = if more {
        resume
            .or_else(|| items.last().map(|(last, _)| last.position()))
            .map(|position| state.signer.encode(&collection.id, &digest, &position))
    } else {
        None
    };
    let dates = match (items.first(), items.last()) {
        (Some((f, _)), Some((l, _))) => Some((stamp(f.date_added), stamp(l.date_added))),
        _ => None,
    };
    Ok(Served {
        items,
        more,
        next,
        dates,
    })
}

/// `{"more":..,"next":..,"<key>":[..]}` with each element written by `item`.
fn paged_body(
    served: &Served,
    key: &str,
    mut item: impl FnMut(&mut String, &StoredVersion, Option<&str>),
) -> String {
    let mut body = String::with_capacity(
        64 + served
            .items
            .iter()
            .map(|(v, r)| r.as_ref().map_or(v.json.len(), String::len) + 1)
            .sum::<usize>(),
    );
    body.push_str("{\"more\":");
    body.push_str(if served.more { "true" } else { "false" });
    if let Some(next) = &served.next {
        body.push_str(",\"next\":");
        body.push_str(&Value::String(next.clone()).to_string());
    }
    body.push_str(",\"");
    body.push_str(key);
    body.push_str("\":[");
    for (i, (v, replaced)) in served.items.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        item(&mut body, v, replaced.as_deref());
    }
    body.push_str("]}");
    body
}

fn envelope(served: Served) -> Response {
    let body = paged_body(&served, "objects", |out, v, replaced| {
        // Stored bytes go out verbatim: no re-serialization on the hot path.
        out.push_str(replaced.unwrap_or(&v.json));
    });
    taxii(StatusCode::OK, body, served.dates)
}

pub async fn get_objects(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(cid): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, TaxiiError> {
    let p = query_params(raw)?;
    let c = readable(&state, &caller, cid).await?;
    let versions = p.versions.clone().unwrap_or_else(VersionSelect::last);
    let served = page(
        &state,
        &caller,
        &c,
        "objects",
        &p,
        p.ids.clone(),
        versions,
        None,
    )
    .await?;
    Ok(envelope(served))
}

pub async fn manifest(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(cid): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, TaxiiError> {
    let p = query_params(raw)?;
    let c = readable(&state, &caller, cid).await?;
    let versions = p.versions.clone().unwrap_or_else(VersionSelect::last);
    let served = page(
        &state,
        &caller,
        &c,
        "manifest",
        &p,
        p.ids.clone(),
        versions,
        None,
    )
    .await?;
    let body = paged_body(&served, "objects", |out, v, _| {
        out.push_str(
            &json!({
                "id": v.id,
                "date_added": stamp(v.date_added),
                "version": v.version,
                "media_type": STIX_MEDIA_TYPE,
            })
            .to_string(),
        );
    });
    Ok(taxii(StatusCode::OK, body, served.dates))
}

pub async fn get_object(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((cid, oid)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, TaxiiError> {
    let p = query_params(raw)?;
    let c = readable(&state, &caller, cid).await?;
    let versions = p.versions.clone().unwrap_or_else(VersionSelect::last);
    let served = one_object(&state, &caller, &c, "object", &p, oid, versions).await?;
    Ok(envelope(served))
}

pub async fn versions(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((cid, oid)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, TaxiiError> {
    let p = query_params(raw)?;
    let c = readable(&state, &caller, cid).await?;
    let served = one_object(
        &state,
        &caller,
        &c,
        "versions",
        &p,
        oid,
        VersionSelect::all(),
    )
    .await?;
    let body = paged_body(&served, "versions", |out, v, _| {
        out.push_str(&Value::String(v.version.clone()).to_string());
    });
    Ok(taxii(StatusCode::OK, body, served.dates))
}

/// ward's extension endpoint: how many organizations sighted one indicator, never who.
pub async fn sightings(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((cid, oid)): Path<(String, String)>,
) -> Result<Response, TaxiiError> {
    let c = readable(&state, &caller, cid).await?;
    let counter = state
        .sightings
        .clone()
        .ok_or_else(|| TaxiiError::not_found("this hub does not aggregate sightings"))?;
    let summary = tokio::task::spawn_blocking(move || counter.summary(&caller, &c, &oid))
        .await
        .map_err(|e| TaxiiError::internal(format!("sightings task failed: {e}")))?
        .map_err(|e| {
            eprintln!("ward serve: sightings: {e}");
            TaxiiError::unavailable("the store could not answer; try again")
        })?;
    let body = serde_json::to_value(&summary)
        .map_err(|e| TaxiiError::internal(format!("sightings: {e}")))?;
    Ok(ok_json(body))
}

/// Versions named in one store delete (keeps the statement's parameter list short).
const DELETE_BATCH: usize = 500;

pub async fn delete_object(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((cid, oid)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, TaxiiError> {
    let p = query_params(raw)?;
    let c = visible(&state, &caller, cid).await?;
    // Deleting needs both: TAXII says the caller must be able to read and write.
    if !(c.can_read(&caller.org_id) && c.can_write(&caller.org_id)) {
        return Err(TaxiiError::forbidden(
            "your organization may not delete from this collection",
        ));
    }
    let versions = p.versions.clone().unwrap_or_else(VersionSelect::all);
    let spec = p.spec_versions.clone();
    // Only what the caller may read is deleted, and what it may not read answers as if it
    // were not there: a write grant must not reveal (or destroy) what the read filter hides.
    let filter = state.read_filter.clone();
    let page_max = state.config.page_max.max(1);
    let removed = blocking(&state, move |s| {
        let mut query = ObjectQuery {
            ids: vec![oid.clone()],
            spec_versions: spec.clone(),
            versions,
            limit: page_max,
            ..ObjectQuery::default()
        };
        let mut readable = Vec::new();
        loop {
            let page = s.query_objects(&c.id, &query)?;
            for v in &page.items {
                if filter.check(&caller, &c, v) != ReadDecision::Hide {
                    readable.push(v.version_key.clone());
                }
            }
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => break,
            }
        }
        let mut removed = 0;
        for keys in readable.chunks(DELETE_BATCH) {
            let select = VersionSelect {
                at: keys.to_vec(),
                ..VersionSelect::default()
            };
            removed += s.delete_object(&c.id, &oid, &select, &spec)?;
        }
        Ok(removed)
    })
    .await?;
    if removed == 0 {
        return Err(TaxiiError::not_found("no such object in this collection"));
    }
    Ok(taxii(StatusCode::OK, String::new(), None))
}

pub async fn add_objects(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(cid): Path<String>,
    request: Request,
) -> Result<Response, TaxiiError> {
    let max = state.config.max_body;
    let too_large = || {
        TaxiiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Payload too large",
            format!("the body may hold at most {max} bytes"),
        )
    };
    let declared = content_length(request.headers());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let c = visible(&state, &caller, cid).await?;
    if !c.can_write(&caller.org_id) {
        return Err(TaxiiError::forbidden(
            "your organization may not write to this collection",
        ));
    }
    let body = axum::body::to_bytes(request.into_body(), max)
        .await
        .map_err(|e| {
            // `to_bytes` reports the limit and broken connections alike; the limit is the
            // one a client can fix.
            let inner = e.into_inner();
            if inner
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                too_large()
            } else {
                TaxiiError::bad_request(format!("body: {inner}"))
            }
        })?;
    let store = state.store.clone();
    let publish = state.publish_filter.clone();
    let status = tokio::task::spawn_blocking(move || {
        crate::ingest::add_envelope(store.as_ref(), &caller, &c, publish.as_ref(), &body)
    })
    .await
    .map_err(|e| TaxiiError::internal(format!("ingest task failed: {e}")))??;
    state.observer.objects_ingested(status.success_count());
    Ok(taxii(
        StatusCode::ACCEPTED,
        status_json(&status).to_string(),
        None,
    ))
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

// --- outside TAXII ---------------------------------------------------------------------------

pub async fn healthz(State(state): State<AppState>) -> Response {
    let ok = blocking(&state, |s| s.ping()).await.is_ok();
    let (status, text) = if ok {
        (StatusCode::OK, r#"{"status":"ok"}"#)
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"status":"store unavailable"}"#,
        )
    };
    let mut response = (status, text).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

pub async fn not_found() -> TaxiiError {
    TaxiiError::not_found("no such endpoint; TAXII 2.1 lives under /taxii2/")
}

/// Rewrites any error answer not produced by [`TaxiiError`] (framework rejections, 405,
/// timeouts) into a TAXII error body, so clients never see anything else.
pub async fn ensure_taxii_errors(request: Request, next: axum::middleware::Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let content_type = response.headers().get(header::CONTENT_TYPE);
    let is_taxii =
        content_type.is_some_and(|v| v.as_bytes().starts_with(b"application/taxii+json"));
    // The web interface answers its errors as pages of its own.
    let is_page = content_type.is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if status.is_client_error() || status.is_server_error() {
        if is_taxii || is_page {
            return response;
        }
        let (parts, body) = response.into_parts();
        let detail = axum::body::to_bytes(body, 4096)
            .await
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let title = match parts.status {
            StatusCode::METHOD_NOT_ALLOWED => "Method not allowed",
            StatusCode::PAYLOAD_TOO_LARGE => "Payload too large",
            s if s.is_server_error() => "Server error",
            _ => "Bad request",
        };
        let mut err = TaxiiError::new(parts.status, title, detail);
        if parts.status == StatusCode::UNAUTHORIZED {
            err.challenge = true;
        }
        let mut rebuilt = err.into_response();
        // Keep what the framework said besides the body (e.g. `Allow` on 405).
        for (name, value) in parts.headers.iter() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                rebuilt.headers_mut().insert(name.clone(), value.clone());
            }
        }
        return rebuilt;
    }
    response
}
