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

/// Keeps one alert (the JSON line the alerts file got), written at `secs` (seconds since
/// the epoch); `seq` tells apart alerts of the same second.
pub fn keep(store: &dyn Store, secs: i64, seq: u64, alert: &Value) -> Result<(), MemberError> {
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
        assert_eq!(prune(&*store, now).unwrap(), 1);
        assert_eq!(machines(since(&*store, 0).unwrap()), ["a", "b", "c"]);
    }
}
