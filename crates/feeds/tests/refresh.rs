//! Re-importing a feed whose entries the local store already holds: nothing new is stored and
//! the entries are reported as already stored; an entry another feed also lists, or one
//! listed again a day later, gets exactly one new version, and the store's first/last
//! version flags stay right among thousands of other indicators.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use ward_feeds::import::import_path_at;
use ward_feeds::{Format, LocalIntel};
use ward_stix::Timestamp;
use ward_store::{ObjectQuery, SqliteStore, Store, VersionSelect};

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// `count` IPv4 addresses from 198.18.0.0/15 (benchmarking range, RFC 2544), from `start`.
fn addresses(start: usize, count: usize) -> Vec<String> {
    (start..start + count)
        .map(|i| {
            format!(
                "198.{}.{}.{}",
                18 + ((i >> 16) & 1),
                (i >> 8) & 255,
                i & 255
            )
        })
        .collect()
}

fn write_list(dir: &Path, name: &str, values: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, values.join("\n")).unwrap();
    path
}

struct Local {
    store: Arc<SqliteStore>,
    intel: LocalIntel,
}

impl Local {
    fn open(dir: &Path) -> Local {
        let store = Arc::new(SqliteStore::open(&dir.join("data")).unwrap());
        let intel = LocalIntel::with_store(store.clone(), &dir.join("data")).unwrap();
        Local { store, intel }
    }

    fn import(&self, path: &Path, now: Timestamp) -> (usize, ward_feeds::local::AddSummary) {
        let r = import_path_at(path, Some(Format::Text), now).unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let summary = self.intel.add_objects_at(&r.objects, now).unwrap();
        (r.objects.len(), summary)
    }

    /// Every stored version, as JSON, grouped by object id.
    fn versions(&self, select: VersionSelect) -> HashMap<String, Vec<Value>> {
        let mut out: HashMap<String, Vec<Value>> = HashMap::new();
        let mut query = ObjectQuery {
            versions: select,
            limit: 1000,
            ..ObjectQuery::default()
        };
        loop {
            let page = self
                .store
                .query_objects(self.intel.collection_id(), &query)
                .unwrap();
            for v in &page.items {
                out.entry(v.id.clone())
                    .or_default()
                    .push(serde_json::from_str(&v.json).unwrap());
            }
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => return out,
            }
        }
    }
}

fn sources(o: &Value) -> Vec<&str> {
    o["x_ward_sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn re_importing_known_entries_stores_nothing_and_reports_them_already_stored() {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path());
    let t0 = ts("2026-03-01T08:00:00Z");
    let other = write_list(dir.path(), "other.txt", &addresses(0, 3000));
    let feed = write_list(dir.path(), "feed.txt", &addresses(3000, 1500));
    local.import(&other, t0);
    let (objects, first) = local.import(&feed, t0);
    assert_eq!((objects, first.added, first.duplicates), (1501, 1501, 0));
    let before = local.versions(VersionSelect::all());

    // The same feed an hour later: every entry (and the feed's identity) already stored.
    let (objects, again) = local.import(&feed, ts("2026-03-01T09:00:00Z"));
    assert_eq!(objects, 1501);
    assert_eq!((again.added, again.duplicates), (0, 1501));
    assert_eq!(local.versions(VersionSelect::all()), before);
}

#[test]
fn entries_listed_by_another_feed_get_one_new_version_with_both_sources() {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path());
    let t0 = ts("2026-03-01T08:00:00Z");
    let a = write_list(dir.path(), "a.txt", &addresses(0, 4000));
    local.import(&a, t0);
    // b lists 1,000 of a's addresses and 500 new ones.
    let b = write_list(dir.path(), "b.txt", &addresses(3000, 1500));
    let (objects, summary) = local.import(&b, ts("2026-03-01T09:00:00Z"));
    // 1,000 updated, 500 new, and b's identity.
    assert_eq!(objects, 1501);
    assert_eq!((summary.added, summary.duplicates), (1501, 0));

    let all = local.versions(VersionSelect::all());
    let last = local.versions(VersionSelect::last());
    let first = local.versions(VersionSelect {
        first: true,
        ..VersionSelect::default()
    });
    // 4,000 + 500 indicators and two identities; one latest and one first version each.
    assert_eq!(last.len(), 4502);
    assert!(last.values().all(|v| v.len() == 1));
    assert!(first.values().all(|v| v.len() == 1));
    let index: HashMap<String, usize> = addresses(0, 4500)
        .into_iter()
        .enumerate()
        .map(|(i, a)| (a, i))
        .collect();
    let mut updated = 0;
    for (id, versions) in &all {
        let latest = &last[id][0];
        if latest["type"] != "indicator" {
            continue;
        }
        let name = latest["name"].as_str().unwrap();
        let n = index[name];
        match n {
            0..=2999 => {
                assert_eq!(versions.len(), 1, "{name}");
                assert_eq!(sources(latest), ["list:a.txt"]);
            }
            3000..=3999 => {
                updated += 1;
                assert_eq!(versions.len(), 2, "{name}");
                assert_eq!(sources(latest), ["list:a.txt", "list:b.txt"]);
                assert_eq!(sources(&first[id][0]), ["list:a.txt"]);
                assert!(latest["modified"].as_str() > first[id][0]["modified"].as_str());
            }
            _ => {
                assert_eq!(versions.len(), 1, "{name}");
                assert_eq!(sources(latest), ["list:b.txt"]);
            }
        }
    }
    assert_eq!(updated, 1000);
}

#[test]
fn a_refresh_a_day_later_adds_one_version_of_each_known_entry() {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path());
    let feed = write_list(dir.path(), "feed.txt", &addresses(0, 2500));
    local.import(&feed, ts("2026-03-01T08:00:00Z"));
    let next_day = ts("2026-03-02T09:00:00Z");
    let (objects, summary) = local.import(&feed, next_day);
    // Every indicator is listed again a day later: one new version each, so its age counts
    // from now; the identity is unchanged.
    assert_eq!(objects, 2501);
    assert_eq!((summary.added, summary.duplicates), (2500, 1));
    let all = local.versions(VersionSelect::all());
    let last = local.versions(VersionSelect::last());
    assert_eq!(last.len(), 2501);
    for (id, versions) in &all {
        let latest = &last[id];
        assert_eq!(latest.len(), 1);
        if latest[0]["type"] == "indicator" {
            assert_eq!(versions.len(), 2);
            assert_eq!(
                Timestamp::parse(latest[0]["modified"].as_str().unwrap()).unwrap(),
                next_day
            );
        }
    }
    // And again the same day: nothing new.
    let (_, again) = local.import(&feed, ts("2026-03-02T10:00:00Z"));
    assert_eq!((again.added, again.duplicates), (0, 2501));
}
