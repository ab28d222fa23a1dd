//! Every alert `ward watch` writes is also kept in the member's store (settings under
//! [`ALERT_PREFIX`], the time in the key so they list in order), for [`KEEP_DAYS`] days: the
//! alerts file can be rotated away or read by other tools, the store keeps what happened for
//! `ward watch alerts` and for the plan's readers.

use serde_json::Value;
use ward_store::Store;

use crate::MemberError;

/// Key prefix of the alerts in the store's settings.
pub const ALERT_PREFIX: &str = "watch/alert/";
/// How long alerts are kept (as the journal keeps its record).
pub const KEEP_DAYS: i64 = 90;

/// Key prefix of when each machine first and last alerted on each indicator; the indicator
/// id, a `/` and the machine follow.
pub const SEEN_PREFIX: &str = "watch/seen/";

/// When one machine first and last alerted on one indicator, and how often (alerts of the
/// same pair within an hour are one, as watch writes them).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Seen {
    /// Seconds since the epoch.
    pub first: i64,
    pub last: i64,
    pub alerts: u64,
}

fn seen_key(indicator_id: &str, machine: &str) -> String {
    format!("{SEEN_PREFIX}{indicator_id}/{machine}")
}

/// When `machine` first and last alerted on `indicator_id`, if it ever did (since the
/// record began).
pub fn seen(
    store: &dyn Store,
    indicator_id: &str,
    machine: &str,
) -> Result<Option<Seen>, MemberError> {
    let text = store
        .setting(&seen_key(indicator_id, machine))
        .map_err(|e| MemberError::Journal(e.to_string()))?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Keeps one alert (the JSON line the alerts file got), written at `secs` (seconds since
/// the epoch); `seq` tells apart alerts of the same second. Its machine and indicator's
/// first and last time are brought up to date ([`seen`]).
pub fn keep(store: &dyn Store, secs: i64, seq: u64, alert: &Value) -> Result<(), MemberError> {
    let field = |k: &str| alert.get(k).and_then(Value::as_str);
    if let (Some(indicator), Some(machine)) = (field("indicator_id"), field("machine")) {
        let mut s = seen(store, indicator, machine)?.unwrap_or(Seen {
            first: secs,
            last: secs,
            alerts: 0,
        });
        s.first = s.first.min(secs);
        s.last = s.last.max(secs);
        s.alerts += 1;
        let text = serde_json::to_string(&s).map_err(MemberError::Serialize)?;
        store
            .set_setting(&seen_key(indicator, machine), Some(&text))
            .map_err(|e| MemberError::Journal(e.to_string()))?;
    }
    let text = serde_json::to_string(alert).map_err(MemberError::Serialize)?;
    let key = format!(
        "{ALERT_PREFIX}{:012}-{seq:09}-{}",
        secs.max(0),
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    store
        .set_setting(&key, Some(&text))
        .map_err(|e| MemberError::Journal(e.to_string()))
}

/// The alerts kept at or after `since` (seconds since the epoch), oldest first.
pub fn since(store: &dyn Store, since: i64) -> Result<Vec<Value>, MemberError> {
    let all = store
        .settings(ALERT_PREFIX)
        .map_err(|e| MemberError::Journal(e.to_string()))?;
    Ok(all
        .into_iter()
        .filter(|(k, _)| key_secs(k).is_some_and(|s| s >= since))
        .filter_map(|(_, v)| serde_json::from_str(&v).ok())
        .collect())
}

/// One page of kept alerts, newest first.
#[derive(Debug, Default)]
pub struct AlertPage {
    /// Each alert with its key (the position to page from).
    pub alerts: Vec<(String, Value)>,
    /// The key to pass as `before` for the next (older) page; `None` on the last page.
    pub next: Option<String>,
}

/// Alerts read per store query while filling a page.
const PAGE_READ: usize = 500;
/// Alerts looked at for one filtered page at most, so a filter that matches nothing in a
/// year of alerts answers in bounded time (the page then offers to look further).
const PAGE_SCAN_BUDGET: usize = 20_000;

/// At most `limit` kept alerts older than the key `before` (the newest when `None`) for which
/// `keep_it` holds, newest first, read from the store a slice at a time: never the whole
/// list.
pub fn page(
    store: &dyn Store,
    before: Option<&str>,
    limit: usize,
    keep_it: impl FnMut(&Value) -> bool,
) -> Result<AlertPage, MemberError> {
    page_containing(store, before, limit, &[], keep_it)
}

/// [`page`] for a filter that only keeps alerts whose fields hold each of `needles`
/// (lower-cased, as typed in a search): an alert whose JSON text cannot hold them
/// ([`may_contain`]) is passed over before it is parsed, so a search that matches little
/// in a year of alerts reads its scan budget quickly.
pub fn page_containing(
    store: &dyn Store,
    before: Option<&str>,
    limit: usize,
    needles: &[&str],
    mut keep_it: impl FnMut(&Value) -> bool,
) -> Result<AlertPage, MemberError> {
    let mut out = AlertPage::default();
    let mut cursor = before.map(str::to_string);
    let mut scanned = 0;
    loop {
        let slice = store
            .settings_page(ALERT_PREFIX, cursor.as_deref(), PAGE_READ)
            .map_err(|e| MemberError::Journal(e.to_string()))?;
        let exhausted = slice.len() < PAGE_READ;
        for (key, text) in slice {
            scanned += 1;
            cursor = Some(key.clone());
            let value = may_contain(&text, needles)
                .then(|| serde_json::from_str::<Value>(&text).ok())
                .flatten();
            if let Some(value) = value.filter(|v| keep_it(v)) {
                out.alerts.push((key, value));
                if out.alerts.len() == limit {
                    out.next = cursor;
                    return Ok(out);
                }
            }
            if scanned >= PAGE_SCAN_BUDGET {
                out.next = cursor;
                return Ok(out);
            }
        }
        if exhausted {
            return Ok(out);
        }
    }
}

/// Whether the JSON text of an alert may hold each of `needles` (lower-case; empty ones are
/// ignored) in its values: false only when it certainly does not. serde_json writes every
/// character of a string as itself except `"`, `\` and control characters, so a needle
/// without those occurs in the lower-cased text whenever it occurs in a lower-cased value;
/// a needle with them is never ruled out here.
pub fn may_contain(text: &str, needles: &[&str]) -> bool {
    let needles: Vec<&str> = needles
        .iter()
        .copied()
        .filter(|n| !n.is_empty() && !n.chars().any(|c| c == '"' || c == '\\' || c.is_control()))
        .collect();
    if needles.is_empty() {
        return true;
    }
    let lower = text.to_lowercase();
    needles.iter().all(|n| lower.contains(n))
}

/// Drops alerts older than [`KEEP_DAYS`] before `now`; returns how many.
pub fn prune(store: &dyn Store, now: i64) -> Result<usize, MemberError> {
    let before = now - KEEP_DAYS * 86_400;
    let all = store
        .settings(ALERT_PREFIX)
        .map_err(|e| MemberError::Journal(e.to_string()))?;
    let mut dropped = 0;
    for (key, _) in all {
        if key_secs(&key).is_some_and(|s| s < before) {
            store
                .set_setting(&key, None)
                .map_err(|e| MemberError::Journal(e.to_string()))?;
            dropped += 1;
        }
    }
    Ok(dropped)
}

fn key_secs(key: &str) -> Option<i64> {
    key.strip_prefix(ALERT_PREFIX)?
        .split('-')
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_are_kept_in_order_and_pruned_after_their_days() {
        let dir = tempfile::tempdir().unwrap();
        let data = crate::DataDir::new(dir.path());
        let store = data.open_store().unwrap();
        let day = 86_400;
        let now = 1_800_000_000;
        keep(
            &*store,
            now - 100 * day,
            0,
            &serde_json::json!({"machine": "old"}),
        )
        .unwrap();
        keep(&*store, now - day, 0, &serde_json::json!({"machine": "a"})).unwrap();
        keep(&*store, now, 0, &serde_json::json!({"machine": "b"})).unwrap();
        keep(&*store, now, 1, &serde_json::json!({"machine": "c"})).unwrap();
        let machines = |list: Vec<Value>| -> Vec<String> {
            list.iter()
                .map(|v| v["machine"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            machines(since(&*store, now - 2 * day).unwrap()),
            ["a", "b", "c"]
        );
        let first = page(&*store, None, 2, |_| true).unwrap();
        let names = |p: &AlertPage| -> Vec<String> {
            p.alerts
                .iter()
                .map(|(_, v)| v["machine"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(names(&first), ["c", "b"]);
        let second = page(&*store, first.next.as_deref(), 2, |_| true).unwrap();
        assert_eq!(names(&second), ["a", "old"]);
        let last = page(&*store, second.next.as_deref(), 2, |_| true).unwrap();
        assert!(last.alerts.is_empty() && last.next.is_none());
        let only_a = page(&*store, None, 10, |v| v["machine"] == "a").unwrap();
        assert_eq!(names(&only_a), ["a"]);
        assert!(only_a.next.is_none());
        // Settings under another prefix are never read as alerts.
        store.set_setting("watch/alerts-other", Some("{}")).unwrap();
        store.set_setting("watch/alert0", Some("{}")).unwrap();
        assert_eq!(page(&*store, None, 10, |_| true).unwrap().alerts.len(), 4);
        assert_eq!(prune(&*store, now).unwrap(), 1);
        assert_eq!(machines(since(&*store, 0).unwrap()), ["a", "b", "c"]);
        let pair = |m: &str| serde_json::json!({"machine": m, "indicator_id": "indicator--x"});
        keep(&*store, now + 10, 0, &pair("ws-1")).unwrap();
        keep(&*store, now + 5000, 0, &pair("ws-1")).unwrap();
        keep(&*store, now + 20, 0, &pair("ws-2")).unwrap();
        let s = seen(&*store, "indicator--x", "ws-1").unwrap().unwrap();
        assert_eq!((s.first, s.last, s.alerts), (now + 10, now + 5000, 2));
        assert_eq!(
            seen(&*store, "indicator--x", "ws-2")
                .unwrap()
                .unwrap()
                .alerts,
            1
        );
        assert!(seen(&*store, "indicator--y", "ws-1").unwrap().is_none());
    }

    #[test]
    fn a_search_passes_over_only_alerts_that_cannot_match() {
        let alert = serde_json::json!({"machine": "WS-12", "value": "Ünïcode.Example",
            "sentence": "a \"quoted\" name\tand a tab"});
        let text = serde_json::to_string(&alert).unwrap();
        assert!(may_contain(&text, &[]));
        assert!(may_contain(&text, &["", "ws-1"]));
        assert!(may_contain(&text, &["ws-12", "ünïcode.example"]));
        assert!(!may_contain(&text, &["ws-13"]));
        assert!(!may_contain(&text, &["ws-12", "evil"]));
        // Characters JSON escapes are never ruled out on the text: the value decides.
        assert!(may_contain(&text, &["\"quoted\""]));
        assert!(may_contain(&text, &["name\tand"]));
        assert!(may_contain(&text, &["no\"such"]));

        let dir = tempfile::tempdir().unwrap();
        let store = crate::DataDir::new(dir.path()).open_store().unwrap();
        for i in 0..30 {
            let machine = format!("WS-{}", i % 3);
            keep(
                &*store,
                1_800_000_000 + i,
                0,
                &serde_json::json!({"machine": machine}),
            )
            .unwrap();
        }
        let machines = |p: &AlertPage| -> Vec<String> {
            p.alerts
                .iter()
                .map(|(_, v)| v["machine"].as_str().unwrap().to_string())
                .collect()
        };
        let wanted = |v: &Value| {
            v["machine"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("ws-1")
        };
        let plain = page(&*store, None, 4, wanted).unwrap();
        let searched = page_containing(&*store, None, 4, &["ws-1"], wanted).unwrap();
        assert_eq!(machines(&searched), ["WS-1"; 4]);
        assert_eq!(machines(&plain), machines(&searched));
        assert_eq!(plain.next, searched.next);
        let rest =
            page_containing(&*store, searched.next.as_deref(), 10, &["ws-1"], wanted).unwrap();
        assert_eq!(rest.alerts.len(), 6);
        assert!(rest.next.is_none());
    }
}
