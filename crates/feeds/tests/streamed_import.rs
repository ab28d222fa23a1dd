//! A large list imported in batches as it is read (what `ward import` does) stores exactly
//! what importing it whole stores: the same versions of the same objects, the same problems
//! with their lines, the same counts, also when values come again far apart (in different
//! batches) and when the store already holds part of the list.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use ward_feeds::import::{import_path_known, import_path_streamed, survey_path};
use ward_feeds::local::AddSummary;
use ward_feeds::{FeedsError, Format, LocalIntel, Problem};
use ward_stix::Timestamp;
use ward_store::{ObjectQuery, SqliteStore, Store, VersionSelect};

mod common;

/// Lines of the generated list.
const LINES: usize = 200_000;
/// Objects per batch of the streamed import: small, so the list spans 200 batches.
const BATCH: usize = 1_000;

/// A public-looking IPv4 address for `i` (a fixed permutation: no two alike).
fn address(i: usize) -> String {
    let x = (i as u32).wrapping_mul(2_654_435_761) ^ 0x5bd1_e995;
    format!(
        "{}.{}.{}.{}",
        11 + (x >> 24) % 150,
        (x >> 16) & 255,
        (x >> 8) & 255,
        x & 255
    )
}

/// `LINES` lines from `first`: mostly addresses, every 997th line one listed 50,000 lines
/// earlier (so in another batch), every 4,999th line a bad value, a comment now and then.
fn list(first: usize) -> String {
    let mut out = String::new();
    for i in 0..LINES {
        let line = if i % 4_999 == 17 {
            format!("not a value {i} !!")
        } else if i % 997 == 3 && i > 50_000 {
            address(first + i - 50_000)
        } else if i % 10_007 == 0 {
            format!("# part {i}")
        } else {
            address(first + i)
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

struct Outcome {
    problems: Vec<Problem>,
    objects: usize,
    summary: AddSummary,
    clamped: usize,
}

fn open(dir: &Path) -> (Arc<SqliteStore>, LocalIntel) {
    let store = Arc::new(SqliteStore::open(dir).unwrap());
    let intel = common::local_on(store.clone(), dir).unwrap();
    (store, intel)
}

/// Imports whole: every object built, then stored.
fn whole(intel: &LocalIntel, path: &Path, now: Timestamp) -> Outcome {
    let known = intel.known_index_for(LINES as u64).unwrap().map(Arc::new);
    let r = import_path_known(path, Some(Format::Text), now, known).unwrap();
    let summary = intel.add_imported_at(&r, now).unwrap();
    Outcome {
        objects: r.objects.len() + r.already_stored,
        problems: r.problems,
        summary,
        clamped: r.clamped,
    }
}

/// Imports in batches of `BATCH`, as `ward import` does.
fn streamed(intel: &LocalIntel, path: &Path, now: Timestamp) -> Outcome {
    let known = intel.known_index_for(LINES as u64).unwrap().map(Arc::new);
    let surveyed = survey_path(path, Some(Format::Text), now).unwrap();
    let s = intel
        .add_streamed(now, |out| {
            import_path_streamed(path, Some(Format::Text), now, known, surveyed, BATCH, out)
        })
        .unwrap();
    assert!(s.result.objects.is_empty());
    Outcome {
        objects: s.objects,
        problems: s.result.problems,
        summary: s.summary,
        clamped: s.result.clamped,
    }
}

/// Every stored version, by (id, modified).
fn versions(store: &SqliteStore, intel: &LocalIntel) -> BTreeMap<(String, String), Value> {
    let mut out = BTreeMap::new();
    let mut query = ObjectQuery {
        versions: VersionSelect::all(),
        limit: 5_000,
        ..ObjectQuery::default()
    };
    loop {
        let page = store.query_objects(intel.collection_id(), &query).unwrap();
        for v in &page.items {
            let json: Value = serde_json::from_str(&v.json).unwrap();
            let modified = json["modified"].as_str().unwrap_or("").to_string();
            assert!(
                out.insert((v.id.clone(), modified), json).is_none(),
                "{} stored twice",
                v.id
            );
        }
        match page.items.last() {
            Some(last) if page.more => query.after = Some(last.position()),
            _ => return out,
        }
    }
}

fn assert_same(a: &Outcome, b: &Outcome) {
    assert_eq!(a.problems, b.problems);
    assert_eq!(a.objects, b.objects);
    assert_eq!(a.summary, b.summary);
    assert_eq!(a.clamped, b.clamped);
}

#[test]
fn a_large_list_streamed_in_batches_stores_what_a_whole_import_stores() {
    let dir = tempfile::tempdir().unwrap();
    let day1 = Timestamp::parse("2025-03-01T00:00:00Z").unwrap();
    let day2 = Timestamp::parse("2025-03-02T00:00:00Z").unwrap();
    let first = dir.path().join("list-a.txt");
    std::fs::write(&first, list(0)).unwrap();
    // The next day's list: half of it listed again, half new.
    let second = dir.path().join("list-b.txt");
    std::fs::write(&second, list(LINES / 2)).unwrap();

    let whole_side = open(&dir.path().join("whole"));
    let stream_side = open(&dir.path().join("streamed"));
    // Imports `path` both ways and checks they agree; the streamed outcome.
    let round = |path: &Path, now: Timestamp| {
        let a = whole(&whole_side.1, path, now);
        let b = streamed(&stream_side.1, path, now);
        assert_same(&a, &b);
        assert_eq!(
            versions(&whole_side.0, &whole_side.1),
            versions(&stream_side.0, &stream_side.1)
        );
        b
    };

    let b = round(&first, day1);
    // The bad lines, named by line, and values listed twice merged into one indicator.
    assert_eq!(b.problems.len(), LINES / 4_999 + 1);
    assert_eq!(b.problems[0].location, "18");
    assert!(b.summary.added < LINES - b.problems.len());
    assert!(b.summary.added > LINES * 9 / 10);
    // Again a day later: the already-stored counts and the merged versions agree too.
    round(&second, day2);
    // The same list once more the same day: everything already stored, nothing written.
    let b = round(&second, day2);
    assert_eq!(b.summary.added, 0);
    assert!(b.summary.duplicates > 0);
}

#[test]
fn an_import_failing_midway_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.txt");
    let all = list(0);
    let lines: Vec<&str> = all.lines().take(20_000).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let now = Timestamp::parse("2025-03-01T00:00:00Z").unwrap();
    let (_store, intel) = open(&dir.path().join("data"));
    let surveyed = survey_path(&path, Some(Format::Text), now).unwrap();
    // Every batch of the list is handed over (and written), then reading fails.
    let err = intel
        .add_streamed(now, |out| {
            import_path_streamed(&path, Some(Format::Text), now, None, surveyed, BATCH, out)?;
            Err(FeedsError::Unreadable {
                path: path.clone(),
                message: "the disk went away".into(),
            })
        })
        .unwrap_err();
    assert!(err.to_string().contains("the disk went away"), "{err}");
    assert_eq!(intel.count().unwrap(), 0);
    // And the same import, not failing, stores it all.
    let surveyed = survey_path(&path, Some(Format::Text), now).unwrap();
    let s = intel
        .add_streamed(now, |out| {
            import_path_streamed(&path, Some(Format::Text), now, None, surveyed, BATCH, out)
        })
        .unwrap();
    assert_eq!(intel.count().unwrap(), s.summary.added as u64);
}
