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

/// Key prefix of the alerts' index by machine: the machine's name (with `%` and `/` written
/// `%25` and `%2F`), a `/`, then the alert's key after [`ALERT_PREFIX`]; the value is empty.
/// A search by machine reads it instead of every alert ([`page_of_machines`]).
pub const BY_MACHINE_PREFIX: &str = "watch/alert-machine/";
/// Key prefix of the machines that alerted (escaped as in [`BY_MACHINE_PREFIX`]), each
/// holding the machine's name as written.
pub const MACHINE_PREFIX: &str = "watch/machine/";
/// The key of the first alert kept with the index: the alerts before it were kept by an
/// older ward, without one, and a search by machine reads them one by one.
pub const INDEXED_FROM: &str = "watch/alert-indexed-from";
/// A search by machine that names more machines than this reads the alerts themselves (so
/// many machines' alerts are common: the scan finds a page soon).
const MACHINES_MERGED: usize = 32;

fn machine_segment(machine: &str) -> String {
    machine.replace('%', "%25").replace('/', "%2F")
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
    let suffix = format!(
        "{:012}-{seq:09}-{}",
        secs.max(0),
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let key = format!("{ALERT_PREFIX}{suffix}");
    let journal = |e: ward_store::StoreError| MemberError::Journal(e.to_string());
    // The index first: an entry whose alert is missing is passed over, an alert missing
    // from the index after INDEXED_FROM would be missed by a search.
    if let Some(machine) = field("machine") {
        if store.setting(INDEXED_FROM).map_err(journal)?.is_none() {
            store
                .set_setting(INDEXED_FROM, Some(&key))
                .map_err(journal)?;
        }
        let segment = machine_segment(machine);
        let listed = format!("{MACHINE_PREFIX}{segment}");
        if store.setting(&listed).map_err(journal)?.is_none() {
            store.set_setting(&listed, Some(machine)).map_err(journal)?;
        }
        store
            .set_setting(&format!("{BY_MACHINE_PREFIX}{segment}/{suffix}"), Some(""))
            .map_err(journal)?;
    }
    store.set_setting(&key, Some(&text)).map_err(journal)
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
/// Past this many alerts looked at, a filtered page also stops once it has taken
/// [`PAGE_TIME_BUDGET`]: on a busy machine the page answers in time and offers to look
/// further from where it stopped (the same `next` as a spent count budget).
const PAGE_SCAN_MIN: usize = 2_000;
const PAGE_TIME_BUDGET: std::time::Duration = std::time::Duration::from_millis(40);

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
    let mut fill = Fill::new(limit, needles);
    fill.scan(store, before, &mut keep_it)?;
    Ok(fill.out)
}

/// A page being filled: what it holds, how many alerts were looked at, and the search.
struct Fill<'a> {
    out: AlertPage,
    scanned: usize,
    limit: usize,
    needles: &'a [&'a str],
    started: std::time::Instant,
}

impl<'a> Fill<'a> {
    fn new(limit: usize, needles: &'a [&'a str]) -> Self {
        Fill {
            out: AlertPage::default(),
            scanned: 0,
            limit,
            needles,
            started: std::time::Instant::now(),
        }
    }

    /// True when the page has looked at enough alerts: the count budget, or the time
    /// budget once [`PAGE_SCAN_MIN`] were looked at (the clock read every 256 alerts).
    fn budget_spent(&self) -> bool {
        self.scanned >= PAGE_SCAN_BUDGET
            || (self.scanned >= PAGE_SCAN_MIN
                && self.scanned.is_multiple_of(256)
                && self.started.elapsed() >= PAGE_TIME_BUDGET)
    }

    /// Looks at one alert; true when the page is done (full, or the scan budget spent).
    fn offer(&mut self, key: String, text: &str, keep_it: &mut impl FnMut(&Value) -> bool) -> bool {
        self.scanned += 1;
        let value = may_contain(text, self.needles)
            .then(|| serde_json::from_str::<Value>(text).ok())
            .flatten();
        let done = |f: &Self| f.out.alerts.len() >= f.limit || f.budget_spent();
        if let Some(value) = value.filter(|v| keep_it(v)) {
            self.out.alerts.push((key.clone(), value));
        }
        if done(self) {
            self.out.next = Some(key);
            return true;
        }
        false
    }

    /// Fills the page from the alerts older than `before`, newest first, read a slice at a
    /// time; true when it is done.
    fn scan(
        &mut self,
        store: &dyn Store,
        before: Option<&str>,
        keep_it: &mut impl FnMut(&Value) -> bool,
    ) -> Result<bool, MemberError> {
        if self.out.alerts.len() >= self.limit {
            return Ok(true);
        }
        let mut cursor = before.map(str::to_string);
        loop {
            let slice = store
                .settings_page(ALERT_PREFIX, cursor.as_deref(), PAGE_READ)
                .map_err(|e| MemberError::Journal(e.to_string()))?;
            let exhausted = slice.len() < PAGE_READ;
            for (key, text) in slice {
                cursor = Some(key.clone());
                if self.offer(key, &text, keep_it) {
                    return Ok(true);
                }
            }
            if exhausted {
                return Ok(false);
            }
        }
    }
}

/// One machine's entries of the index, newest first, read a slice at a time.
struct MachineIndex {
    prefix: String,
    slice_cursor: Option<String>,
    slice: std::collections::VecDeque<String>,
    exhausted: bool,
}

impl MachineIndex {
    /// The newest alert key (after [`ALERT_PREFIX`]) not yet taken, reading on as needed.
    fn head(&mut self, store: &dyn Store) -> Result<Option<&str>, MemberError> {
        if self.slice.is_empty() && !self.exhausted {
            let cursor = self.slice_cursor.take();
            let read = store
                .settings_page(&self.prefix, cursor.as_deref(), PAGE_READ)
                .map_err(|e| MemberError::Journal(e.to_string()))?;
            self.exhausted = read.len() < PAGE_READ;
            self.slice_cursor = read.last().map(|(k, _)| k.clone());
            let prefix = self.prefix.len();
            self.slice = read
                .into_iter()
                .map(|(k, _)| k[prefix..].to_string())
                .collect();
        }
        Ok(self.slice.front().map(String::as_str))
    }
}

/// [`page_containing`] for a search by machine: the alerts of the machines whose name
/// holds `machine` (lower case) are read through the index by machine
/// ([`BY_MACHINE_PREFIX`]), merged newest first, instead of every alert; alerts kept before
/// the index began ([`INDEXED_FROM`]) are then read one by one as before. An empty
/// `machine`, or one that names many machines, reads the alerts themselves. `keep_it`
/// still decides every alert.
pub fn page_of_machines(
    store: &dyn Store,
    before: Option<&str>,
    limit: usize,
    machine: &str,
    needles: &[&str],
    mut keep_it: impl FnMut(&Value) -> bool,
) -> Result<AlertPage, MemberError> {
    let journal = |e: ward_store::StoreError| MemberError::Journal(e.to_string());
    let from = store.setting(INDEXED_FROM).map_err(journal)?;
    let (Some(from), false) = (from, machine.is_empty()) else {
        return page_containing(store, before, limit, needles, keep_it);
    };
    let named: Vec<String> = store
        .settings(MACHINE_PREFIX)
        .map_err(journal)?
        .into_iter()
        .filter(|(_, name)| name.to_lowercase().contains(machine))
        .map(|(key, _)| key[MACHINE_PREFIX.len()..].to_string())
        .collect();
    if named.len() > MACHINES_MERGED {
        return page_containing(store, before, limit, needles, keep_it);
    }
    let mut fill = Fill::new(limit, needles);
    let from_suffix = from.strip_prefix(ALERT_PREFIX).unwrap_or(&from);
    // Index entries sort as their alerts do: `before` maps onto each machine's entries.
    let before_suffix = before.map(|b| b.strip_prefix(ALERT_PREFIX).unwrap_or(""));
    let mut streams: Vec<MachineIndex> = named
        .iter()
        .map(|segment| {
            let prefix = format!("{BY_MACHINE_PREFIX}{segment}/");
            MachineIndex {
                slice_cursor: before_suffix.map(|b| format!("{prefix}{b}")),
                prefix,
                slice: Default::default(),
                exhausted: false,
            }
        })
        .collect();
    loop {
        // The stream whose next entry is the newest.
        let mut newest: Option<(usize, String)> = None;
        for (i, s) in streams.iter_mut().enumerate() {
            if let Some(head) = s.head(store)? {
                if head >= from_suffix && newest.as_ref().is_none_or(|(_, n)| head > n.as_str()) {
                    newest = Some((i, head.to_string()));
                }
            }
        }
        let Some((i, suffix)) = newest else { break };
        streams[i].slice.pop_front();
        let key = format!("{ALERT_PREFIX}{suffix}");
        let Some(text) = store.setting(&key).map_err(journal)? else {
            continue;
        };
        if fill.offer(key, &text, &mut keep_it) {
            return Ok(fill.out);
        }
    }
    // Then the alerts older than the index, if any.
    let older = match before {
        Some(b) if b < from.as_str() => b,
        _ => from.as_str(),
    };
    fill.scan(store, Some(older), &mut keep_it)?;
    Ok(fill.out)
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
    // ASCII text (nearly every alert) is searched in place, case-insensitively: no
    // lower-cased copy. Other text is lower-cased whole, as the filter itself does (some
    // non-ASCII letters lower-case to ASCII ones, e.g. the Kelvin sign to `k`).
    if text.is_ascii() {
        return needles
            .iter()
            .all(|n| contains_ascii_caseless(text.as_bytes(), n.as_bytes()));
    }
    let lower = text.to_lowercase();
    needles.iter().all(|n| lower.contains(n))
}

/// Whether `hay` holds `needle` (lower case) ignoring ASCII case.
fn contains_ascii_caseless(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let upper = first.to_ascii_uppercase();
    (0..=hay.len() - needle.len()).any(|i| {
        (hay[i] == first || hay[i] == upper)
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// Drops alerts older than [`KEEP_DAYS`] before `now`; returns how many.
pub fn prune(store: &dyn Store, now: i64) -> Result<usize, MemberError> {
    let before = now - KEEP_DAYS * 86_400;
    let journal = |e: ward_store::StoreError| MemberError::Journal(e.to_string());
    for (key, _) in store.settings(BY_MACHINE_PREFIX).map_err(journal)? {
        let alert = key.rsplit('/').next().unwrap_or("");
        if key_secs(&format!("{ALERT_PREFIX}{alert}")).is_some_and(|s| s < before) {
            store.set_setting(&key, None).map_err(journal)?;
        }
    }
    let all = store.settings(ALERT_PREFIX).map_err(journal)?;
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
    fn a_search_by_machine_reads_the_index_and_finds_what_the_scan_finds() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::DataDir::new(dir.path()).open_store().unwrap();
        let t0 = 1_800_000_000;
        // Alerts an older ward kept, without the index.
        for i in 0..6 {
            let machine = if i % 3 == 0 { "PACS/91" } else { "ws-1" };
            let text = serde_json::json!({"machine": machine, "n": i}).to_string();
            store
                .set_setting(
                    &format!("{ALERT_PREFIX}{:012}-000000000-old{i}", t0 + i),
                    Some(&text),
                )
                .unwrap();
        }
        // Then many alerts of common machines, and a rare one now and then.
        for i in 10..3000 {
            let machine = match i % 500 {
                0 => "PACS/91".to_string(),
                7 => "pacs-9%".to_string(),
                _ => format!("ws-{}", i % 7),
            };
            keep(
                &*store,
                t0 + i,
                0,
                &serde_json::json!({"machine": machine, "n": i}),
            )
            .unwrap();
        }
        let ns = |p: &AlertPage| -> Vec<i64> {
            p.alerts
                .iter()
                .map(|(_, v)| v["n"].as_i64().unwrap())
                .collect()
        };
        let wanted = |m: &'static str| {
            move |v: &Value| v["machine"].as_str().unwrap().to_lowercase().contains(m)
        };
        for m in ["pacs/91", "pacs-9%", "pacs", "ws-3", "nobody"] {
            let mut before: Option<String> = None;
            loop {
                let scan = page_containing(&*store, before.as_deref(), 4, &[m], wanted(m)).unwrap();
                let index =
                    page_of_machines(&*store, before.as_deref(), 4, m, &[m], wanted(m)).unwrap();
                assert_eq!(ns(&index), ns(&scan), "{m} before {before:?}");
                if index.next.is_none() {
                    break;
                }
                assert_eq!(index.next, scan.next, "{m}");
                before = index.next;
            }
        }
        let rare = |store: &dyn Store| {
            page_of_machines(store, None, 50, "pacs/91", &["pacs/91"], wanted("pacs/91")).unwrap()
        };
        let all = rare(&*store);
        assert_eq!(ns(&all), [2500, 2000, 1500, 1000, 500, 3, 0]);
        assert!(all.next.is_none());
        // Pruning drops the index entries with their alerts.
        let entries = |s: &dyn Store| s.settings(BY_MACHINE_PREFIX).unwrap().len();
        assert_eq!(entries(&*store), 2990);
        prune(&*store, t0 + 2000 + KEEP_DAYS * 86_400).unwrap();
        assert_eq!(entries(&*store), 1000);
        assert_eq!(ns(&rare(&*store)), [2500, 2000]);
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
        // ASCII text is searched without a lower-cased copy: case still does not matter,
        // and a match at the very end or across a mixed-case word is found.
        let ascii = r#"{"machine":"PACS-Archive-01","value":"Evil.Example.COM"}"#;
        assert!(may_contain(ascii, &["pacs-archive-01", "evil.example.com"]));
        assert!(!may_contain(ascii, &["pacs-archive-02"]));
        assert!(may_contain("ends with ABC", &["abc"]));
        assert!(!may_contain("AB", &["abc"]));
        assert!(!may_contain(ascii, &["évil"]));
        // A non-ASCII letter that lower-cases to an ASCII one is still found.
        let kelvin = "{\"value\":\"300\u{212a}\"}";
        assert!(may_contain(kelvin, &["300k"]));

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
