//! Re-importing a feed whose entries the local store already holds: nothing new is stored and
//! the entries are reported as already stored; an entry another feed also lists, or one
//! listed again a day later, gets exactly one new version, and the store's first/last
//! version flags stay right among thousands of other indicators.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use ward_feeds::import::{import_path_at, import_path_known};
use ward_feeds::{Format, LocalIntel};
use ward_stix::Timestamp;
use ward_store::{ObjectQuery, SqliteStore, Store, VersionSelect};

mod common;

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
    /// Imports read the store's compact index first and leave out the entries it holds
    /// unchanged (what `ward import` does with a large list), or merge every entry.
    known: bool,
}

impl Local {
    fn open(dir: &Path, known: bool) -> Local {
        let store = Arc::new(SqliteStore::open(&dir.join("data")).unwrap());
        let intel = common::local_on(store.clone(), &dir.join("data")).unwrap();
        Local {
            store,
            intel,
            known,
        }
    }

    /// Imports a list: how many objects it names (built or left out as already stored) and
    /// what was stored.
    fn import(&self, path: &Path, now: Timestamp) -> (usize, ward_feeds::local::AddSummary) {
        let r = if self.known {
            let index = Arc::new(self.intel.known_index().unwrap());
            import_path_known(path, Some(Format::Text), now, Some(index)).unwrap()
        } else {
            let r = import_path_at(path, Some(Format::Text), now).unwrap();
            assert_eq!(r.already_stored, 0);
            r
        };
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let summary = self.intel.add_imported_at(&r, now).unwrap();
        (r.objects.len() + r.already_stored, summary)
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

fn re_importing_known_entries_stores_nothing_and_reports_them_already_stored(known: bool) {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path(), known);
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

fn entries_listed_by_another_feed_get_one_new_version_with_both_sources(known: bool) {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path(), known);
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

fn a_refresh_a_day_later_adds_one_version_of_each_known_entry(known: bool) {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path(), known);
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

/// Each test with and without the compact index of what the store holds.
macro_rules! both {
    ($($name:ident => $plain:ident, $known:ident;)*) => {$(
        #[test]
        fn $plain() {
            $name(false)
        }
        #[test]
        fn $known() {
            $name(true)
        }
    )*};
}

both! {
    re_importing_known_entries_stores_nothing_and_reports_them_already_stored => re_import_merging_every_entry, re_import_with_the_known_index;
    entries_listed_by_another_feed_get_one_new_version_with_both_sources => another_feed_merging_every_entry, another_feed_with_the_known_index;
    a_refresh_a_day_later_adds_one_version_of_each_known_entry => next_day_merging_every_entry, next_day_with_the_known_index;
}

#[test]
fn with_the_known_index_a_re_import_builds_no_indicator_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path(), true);
    let t0 = ts("2026-03-01T08:00:00Z");
    let feed = write_list(dir.path(), "feed.txt", &addresses(0, 1200));
    local.import(&feed, t0);
    let index = Arc::new(local.intel.known_index().unwrap());
    assert_eq!(index.len(), 1200);
    let r = import_path_known(
        &feed,
        Some(Format::Text),
        ts("2026-03-01T09:00:00Z"),
        Some(index),
    )
    .unwrap();
    // Only the feed's identity is built; every indicator is counted as already stored.
    assert_eq!(r.already_stored, 1200);
    assert_eq!(r.objects.len(), 1);
    assert_eq!(r.objects[0]["type"], "identity");
}

#[test]
fn a_known_value_listed_again_in_the_same_import_by_another_feed_gets_both_sources() {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::open(dir.path(), true);
    let t0 = ts("2026-03-01T08:00:00Z");
    let feeds = dir.path().join("feeds");
    std::fs::create_dir(&feeds).unwrap();
    let a = write_list(&feeds, "a.txt", &addresses(0, 1000));
    local.import(&a, t0);
    // One folder: a.txt again (all known, left out), then b.txt listing 200 of them again
    // (twice over, to be sure) and 100 new ones.
    let mut b_values = addresses(800, 300);
    b_values.extend(addresses(800, 200));
    write_list(&feeds, "b.txt", &b_values);
    let (objects, summary) = local.import(&feeds, ts("2026-03-01T09:00:00Z"));
    // 1,100 indicators and two identities.
    assert_eq!(objects, 1102);
    // 200 updated, 100 new, b's identity; 800 indicators and a's identity already stored.
    assert_eq!((summary.added, summary.duplicates), (301, 801));
    let all = local.versions(VersionSelect::all());
    let last = local.versions(VersionSelect::last());
    let index: HashMap<String, usize> = addresses(0, 1100)
        .into_iter()
        .enumerate()
        .map(|(i, a)| (a, i))
        .collect();
    for (id, versions) in &all {
        let latest = &last[id][0];
        if latest["type"] != "indicator" {
            continue;
        }
        let name = latest["name"].as_str().unwrap();
        match index[name] {
            0..=799 => assert_eq!(
                (versions.len(), sources(latest)),
                (1, vec!["list:a.txt"]),
                "{name}"
            ),
            800..=999 => assert_eq!(
                (versions.len(), sources(latest)),
                (2, vec!["list:a.txt", "list:b.txt"]),
                "{name}"
            ),
            _ => assert_eq!(
                (versions.len(), sources(latest)),
                (1, vec!["list:b.txt"]),
                "{name}"
            ),
        }
    }
}
