//! Third-party watch on the hub, ward's extension under `{API_ROOT}ward/vendors/`.
//!
//! - `POST {API_ROOT}ward/vendors/` with `{"vendors": ["change healthcare", ...]}`: the
//!   caller's organization registers the vendors it depends on, as normalised names only
//!   (`ward vendors publish`); each post replaces the organization's list. Kept in the
//!   store's settings under [`ORG_PREFIX`]`{org id}`.
//! - A **vendor incident notice** is a STIX `report` posted to any collection like any other
//!   object, carrying `x_ward_vendor_notice: {"vendor": "Change Healthcare", ...}` (its
//!   `object_refs` should include the vendor's `identity`, class `organization`, with
//!   `x_ward_vendor: true`). Once stored, the hub records a notice for every other
//!   organization that registered that vendor and may read the collection, under
//!   [`NOTICE_PREFIX`]`{org id}/{report id}`. A notice holds the vendor's name (which that
//!   organization registered itself), the report's id, the collection and when it arrived:
//!   nothing of the report's content, which the member reads through TAXII, under the
//!   read filter like any object. Notices are recorded for envelopes under
//!   [`crate::ingest::STREAM_MIN`] objects (a notice is one report and its identity).
//! - `GET {API_ROOT}ward/vendors/notices/`: the caller's organization's notices received
//!   within the notice max age ([`notice_max_age_days`], 30 days unless the operator set
//!   another with `ward admin vendors --notice-max-age`); older ones are deleted as they are
//!   met.
//!
//! The operator sees [`dependency_counts`] ("N members depend on this vendor"): never which
//! members, and no count under [`MIN_SHOWN`], so a vendor with one or two customers in the
//! community cannot point at them.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::Extension;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ward_store::{Collection, NewVersion, ObjectQuery, Store, StoreError};

use crate::error::TaxiiError;
use crate::filters::{Caller, ReadDecision, ReadFilter};
use crate::{blocking, AppState};

/// Settings prefix of each organization's registered vendors.
pub const ORG_PREFIX: &str = "vendors/org/";
/// Settings prefix of the notices recorded for each organization.
pub const NOTICE_PREFIX: &str = "vendors/notice/";
/// Counts under this are never shown to the operator.
pub const MIN_SHOWN: usize = 3;
/// At most this many vendors per organization, each at most [`MAX_NAME`] bytes.
pub const MAX_VENDORS: usize = 500;
pub const MAX_NAME: usize = 200;

/// Settings key of the days a notice is listed after the hub recorded it.
pub const NOTICE_MAX_AGE_KEY: &str = "vendors/notice_max_age_days";
/// The notice max age unless the operator set another.
pub const DEFAULT_NOTICE_MAX_AGE_DAYS: u32 = 30;
/// The longest notice max age accepted (ten years).
pub const NOTICE_MAX_AGE_LIMIT: u32 = 3650;

/// How many days a notice is listed after the hub recorded it.
pub fn notice_max_age_days(store: &dyn Store) -> Result<u32, StoreError> {
    ward_store::days_setting(
        store,
        NOTICE_MAX_AGE_KEY,
        DEFAULT_NOTICE_MAX_AGE_DAYS,
        NOTICE_MAX_AGE_LIMIT,
        "ward admin vendors --notice-max-age DAYS",
    )
}

/// Sets [`notice_max_age_days`] (the caller checked it is 1 to [`NOTICE_MAX_AGE_LIMIT`]).
pub fn set_notice_max_age_days(store: &dyn Store, days: u32) -> Result<(), StoreError> {
    store.set_setting(NOTICE_MAX_AGE_KEY, Some(&days.to_string()))
}

/// Whether a notice received at `received` is past `days` of max age at `now` (a time that
/// does not parse counts as expired: ward wrote it, so it is not one of ward's).
fn expired(received: &str, now: ward_stix::Timestamp, days: u32) -> bool {
    let age = i64::from(days) * 86_400 * 1_000_000;
    ward_stix::Timestamp::parse(received).map_or(true, |t| t.as_micros() < now.as_micros() - age)
}

/// An organization's registered vendors.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Registration {
    pub vendors: Vec<String>,
    pub updated: String,
}

/// One notice recorded for an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The normalised vendor name.
    pub vendor: String,
    /// The report's id.
    pub report: String,
    pub collection: String,
    /// When the hub stored it.
    pub received: String,
}

/// The normalised name of a vendor, as the member toolkit writes it.
pub fn normalise(name: &str) -> String {
    ward_exposure::names::vendor_key(name)
}

fn member(caller: &Caller) -> Result<String, TaxiiError> {
    if caller.is_anonymous() || caller.org_id.is_empty() {
        return Err(TaxiiError::unauthorized(
            "vendor registration and notices are for signed-in members",
        ));
    }
    Ok(caller.org_id.clone())
}

/// Reads `{"vendors": [names]}`; the error says which entry is wrong.
fn parse_registration(body: &[u8]) -> Result<Vec<String>, TaxiiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| TaxiiError::bad_request(format!("body: expected JSON ({e})")))?;
    let Some(list) = value.get("vendors").and_then(Value::as_array) else {
        return Err(TaxiiError::bad_request(
            "body: expected {\"vendors\": [\"vendor name\", ...]}",
        ));
    };
    if list.len() > MAX_VENDORS {
        return Err(TaxiiError::bad_request(format!(
            "vendors: at most {MAX_VENDORS} names, found {}",
            list.len()
        )));
    }
    let mut names = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let Some(text) = item.as_str() else {
            return Err(TaxiiError::bad_request(format!(
                "vendors[{i}]: expected a string"
            )));
        };
        if text.len() > MAX_NAME {
            return Err(TaxiiError::bad_request(format!(
                "vendors[{i}]: at most {MAX_NAME} bytes"
            )));
        }
        let key = normalise(text);
        if key.is_empty() {
            return Err(TaxiiError::bad_request(format!(
                "vendors[{i}]: expected a vendor name, found {text:?}"
            )));
        }
        names.push(key);
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// `POST {API_ROOT}ward/vendors/`.
pub async fn register(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Result<Response, TaxiiError> {
    let org = member(&caller)?;
    let names = parse_registration(&body)?;
    let count = names.len();
    let record = Registration {
        vendors: names,
        updated: ward_stix::Timestamp::now().to_string(),
    };
    let text = serde_json::to_string(&record)
        .map_err(|e| TaxiiError::internal(format!("vendors: {e}")))?;
    blocking(&state, move |s| {
        s.set_setting(&format!("{ORG_PREFIX}{org}"), Some(&text))
    })
    .await?;
    Ok(crate::handlers::ok_json(json!({ "vendors": count })))
}

/// `GET {API_ROOT}ward/vendors/notices/`.
pub async fn notices(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, TaxiiError> {
    let org = member(&caller)?;
    let filter = state.read_filter.clone();
    let mut list = blocking(&state, move |s| {
        let rows = s.settings(&format!("{NOTICE_PREFIX}{org}/"))?;
        let days = notice_max_age_days(s)?;
        let now = ward_stix::Timestamp::now();
        let mut list = Vec::new();
        for (key, v) in rows {
            let Ok(notice) = serde_json::from_str::<Notice>(&v) else {
                continue;
            };
            // Past the max age: the notice is no news any more, and is forgotten.
            if expired(&notice.received, now, days) {
                s.set_setting(&key, None)?;
                continue;
            }
            // A notice says no more than the caller may read: the report must still be
            // there and pass the same read filter as a TAXII GET (its TLP, its audience,
            // the collection's readers as they are now), else the notice is not shown.
            if readable_report(s, &*filter, &caller, &notice)? {
                list.push(notice);
            }
        }
        Ok(list)
    })
    .await?;
    list.sort_by(|a, b| b.received.cmp(&a.received));
    Ok(crate::handlers::ok_json(json!({ "notices": list })))
}

/// Whether `caller` may read the notice's report now, by the TAXII read rules.
fn readable_report(
    store: &dyn Store,
    filter: &dyn ReadFilter,
    caller: &Caller,
    notice: &Notice,
) -> Result<bool, StoreError> {
    let Some(coll) = store.collection(&notice.collection)? else {
        return Ok(false);
    };
    if !coll.can_read(&caller.org_id) {
        return Ok(false);
    }
    let query = ObjectQuery {
        ids: vec![notice.report.clone()],
        ..ObjectQuery::default()
    };
    let page = store.query_objects(&coll.id, &query)?;
    Ok(page
        .items
        .iter()
        .any(|v| !matches!(filter.check(caller, &coll, v), ReadDecision::Hide)))
}

/// The organizations' registrations, by organization id.
fn registrations(store: &dyn Store) -> Result<BTreeMap<String, Registration>, StoreError> {
    Ok(store
        .settings(ORG_PREFIX)?
        .into_iter()
        .filter_map(|(k, v)| {
            let org = k.strip_prefix(ORG_PREFIX)?.to_string();
            serde_json::from_str(&v).ok().map(|r| (org, r))
        })
        .collect())
}

/// The vendor a stored object is a notice about (normalised), when it is one.
fn notice_vendor(json: &str) -> Option<String> {
    let value: Value = serde_json::from_str(json).ok()?;
    if value.get("type").and_then(Value::as_str) != Some("report") {
        return None;
    }
    let name = match value.get("x_ward_vendor_notice")? {
        Value::String(s) => s.clone(),
        Value::Object(m) => m.get("vendor")?.as_str()?.to_string(),
        _ => return None,
    };
    Some(normalise(&name)).filter(|k| !k.is_empty())
}

/// Records a notice for every organization (but the poster) that registered the vendor of a
/// notice among `stored` and may read `collection`. A failure loses only notices: it is said
/// on the hub's standard error, the objects are stored.
pub fn record_notices(
    store: &dyn Store,
    caller: &Caller,
    collection: &Collection,
    stored: &[NewVersion],
) {
    let notices: Vec<(String, &NewVersion)> = stored
        .iter()
        .filter(|v| v.object_type == "report" && v.json.contains("x_ward_vendor_notice"))
        .filter_map(|v| notice_vendor(&v.json).map(|k| (k, v)))
        .collect();
    if notices.is_empty() {
        return;
    }
    let result = (|| -> Result<usize, StoreError> {
        let orgs = registrations(store)?;
        let mut recorded = 0;
        for (vendor, version) in &notices {
            for (org, reg) in &orgs {
                if *org == caller.org_id
                    || !collection.can_read(org)
                    || !reg.vendors.iter().any(|v| v == vendor)
                {
                    continue;
                }
                let notice = Notice {
                    vendor: vendor.clone(),
                    report: version.id.clone(),
                    collection: collection.id.clone(),
                    received: ward_stix::Timestamp::now().to_string(),
                };
                let text = serde_json::to_string(&notice)
                    .map_err(|e| StoreError::Backend(e.to_string()))?;
                store.set_setting(&format!("{NOTICE_PREFIX}{org}/{}", version.id), Some(&text))?;
                recorded += 1;
            }
        }
        Ok(recorded)
    })();
    if let Err(e) = result {
        eprintln!("ward serve: recording vendor notices: {e}");
    }
}

/// How many organizations depend on each vendor, for the operator: `(vendor, Some(n))` when
/// at least [`MIN_SHOWN`] do, `(vendor, None)` otherwise. Never which organizations.
pub fn dependency_counts(store: &dyn Store) -> Result<Vec<(String, Option<usize>)>, StoreError> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for reg in registrations(store)?.into_values() {
        for v in reg.vendors {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut out: Vec<(String, Option<usize>)> = counts
        .into_iter()
        .map(|(v, n)| (v, (n >= MIN_SHOWN).then_some(n)))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrations_are_normalised_and_bad_entries_named() {
        let names = parse_registration(
            br#"{"vendors": ["Change Healthcare Inc.", "change healthcare", "Epic Systems"]}"#,
        )
        .unwrap();
        assert_eq!(names, ["change healthcare", "epic systems"]);
        for (body, says) in [
            (&br#"{"vendors": [1]}"#[..], "vendors[0]"),
            (br#"{"vendors": ["Inc."]}"#, "vendors[0]"),
            (br#"{"names": []}"#, "expected {"),
            (b"[", "expected JSON"),
        ] {
            let e = parse_registration(body).unwrap_err();
            assert!(format!("{e:?}").contains(says), "{e:?}");
        }
    }

    #[test]
    fn notices_expire_after_the_max_age() {
        let now = ward_stix::Timestamp::parse("2026-12-31T00:00:00Z").unwrap();
        assert!(!expired("2026-12-30T00:00:00Z", now, 30));
        assert!(!expired("2026-12-01T00:00:01Z", now, 30));
        assert!(expired("2026-11-30T23:59:59Z", now, 30));
        assert!(!expired("2026-11-30T23:59:59Z", now, 31));
        assert!(expired("yesterday", now, 30));
    }

    #[test]
    fn a_notice_names_its_vendor() {
        let r = r#"{"type":"report","x_ward_vendor_notice":{"vendor":"Change Healthcare, Inc."}}"#;
        assert_eq!(notice_vendor(r).as_deref(), Some("change healthcare"));
        assert_eq!(
            notice_vendor(r#"{"type":"note","x_ward_vendor_notice":"X Y"}"#),
            None
        );
    }
}
