//! Scale-out end to end: two `ward serve` processes on one PostgreSQL database answer as one
//! hub (pages and cursors from either work on the other), concurrent writers through both
//! lose nothing, and `ward admin migrate` moves an embedded store with 100k object versions
//! to PostgreSQL, cursors included.
//!
//! Each test creates its own database (`WARD_TEST_DATABASE_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`) and drops it at the end; without a reachable
//! server the tests fail under `WARD_REQUIRE_PEERS=1` and are skipped otherwise.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use ward_stix::Timestamp;
use ward_store::credentials::{hash_password, token_hash};
use ward_store::{
    NewCollection, NewVersion, ObjectQuery, ScrubRecord, SqliteStore, StatusRecord, StatusState,
    Store, StoredVersion, Submitter, VersionSelect,
};
use ward_store_pg::{scratch, PgStore};

const TAXII: &str = "application/taxii+json;version=2.1";

fn ward() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ward"))
}

/// `ward --database URL admin ARGS...`; returns stdout, panics with stderr on failure.
fn admin(url: &str, args: &[&str], stdin: Option<&str>) -> String {
    let mut child = ward()
        .args(["--database", url, "admin"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ward admin");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    let out = child.wait_with_output().expect("ward admin");
    assert!(
        out.status.success(),
        "ward admin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

use ward_testkit::Hub;

/// A running `ward serve` on the given store (`--database URL` or `--data DIR`).
fn start_hub(store_args: &[&str]) -> Hub {
    let ward = Path::new(env!("CARGO_BIN_EXE_ward"));
    match store_args {
        ["--data", dir] => Hub::start(ward, Path::new(dir), &[], &[]),
        // With --database the data folder is not used for the store.
        _ => {
            let unused = std::env::temp_dir().join(format!("ward-test-{}", std::process::id()));
            Hub::start(ward, &unused, store_args, &[])
        }
    }
}

fn objects_url(hub: &Hub, collection: &str) -> String {
    format!(
        "{}/taxii2/api/collections/{collection}/objects/",
        hub.base()
    )
}

fn agent() -> ureq::Agent {
    // Bounded: no request of these tests may hang the run.
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn indicator_json(n: usize, modified: &str) -> (String, String) {
    let id = format!("indicator--00000000-0000-4000-8000-{n:012}");
    let json = format!(
        r#"{{"type":"indicator","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"{modified}","name":"h{n}","pattern":"[domain-name:value = 'h{n}.example']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}"#
    );
    (id, json)
}

/// POSTs indicators `range` and returns the status resource.
fn post(
    agent: &ureq::Agent,
    hub: &Hub,
    c: &str,
    auth: &str,
    range: std::ops::Range<usize>,
) -> Value {
    let objects: Vec<String> = range
        .map(|n| indicator_json(n, "2024-01-01T00:00:00.000Z").1)
        .collect();
    let body = format!(r#"{{"objects":[{}]}}"#, objects.join(","));
    let reply = agent
        .post(&objects_url(hub, c))
        .set("Authorization", auth)
        .set("Content-Type", TAXII)
        .set("Accept", TAXII)
        .send_string(&body)
        .expect("post");
    assert_eq!(reply.status(), 202);
    reply.into_json().expect("status json")
}

fn get_page(
    agent: &ureq::Agent,
    hub: &Hub,
    c: &str,
    auth: &str,
    limit: usize,
    next: Option<&str>,
) -> Value {
    let mut req = agent
        .get(&objects_url(hub, c))
        .set("Authorization", auth)
        .set("Accept", TAXII)
        .query("limit", &limit.to_string());
    if let Some(n) = next {
        req = req.query("next", n);
    }
    req.call()
        .expect("get page")
        .into_json()
        .expect("page json")
}

fn page_ids(page: &Value) -> Vec<String> {
    page["objects"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|o| o["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Org, user with token, and a collection, made through the CLI on `url`.
fn setup(url: &str) -> (String, String) {
    admin(url, &["init"], None);
    admin(url, &["org", "add", "Mercy"], None);
    admin(url, &["user", "add", "--org", "Mercy", "alice"], None);
    let token = admin(url, &["token", "create", "--user", "alice"], None);
    let c = admin(
        url,
        &[
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy",
            "--write",
            "Mercy",
        ],
        None,
    );
    (c, format!("Bearer {token}"))
}

#[test]
fn two_processes_serve_one_hub_with_cursors_from_either() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let (c, auth) = setup(db.url());
    let hubs = [
        start_hub(&["--database", db.url()]),
        start_hub(&["--database", db.url()]),
    ];
    let agent = agent();
    // Written through the first process only.
    post(&agent, &hubs[0], &c, &auth, 0..250);
    let mut written = 250;
    let mut delivered: Vec<String> = Vec::new();
    let mut next: Option<String> = None;
    // Pages of at most 11 alternate between the processes, each resuming from the cursor the
    // other one issued; writes land while the walk is under way (20 pages read at most 220
    // of the first 250, so the walk is still going on). Bounded: at most 400 pages.
    for turn in 0..400usize {
        let reader = &hubs[1 - turn % 2];
        let page = get_page(&agent, reader, &c, &auth, 3 + turn % 9, next.as_deref());
        delivered.extend(page_ids(&page));
        if turn < 20 && turn % 3 == 0 {
            post(&agent, &hubs[turn % 2], &c, &auth, written..written + 11);
            written += 11;
        }
        if !page["more"].as_bool().unwrap_or(false) {
            break;
        }
        next = Some(page["next"].as_str().expect("next with more").to_string());
    }
    let unique: HashSet<&String> = delivered.iter().collect();
    assert_eq!(
        unique.len(),
        delivered.len(),
        "an object was delivered twice"
    );
    assert_eq!(delivered.len(), written, "an object was skipped");
    let expected: HashSet<String> = (0..written).map(|n| indicator_json(n, "").0).collect();
    assert_eq!(unique, expected.iter().collect());
}

/// Every version stored in `c`, in delivery order.
fn all_versions(store: &dyn Store, c: &str) -> Vec<StoredVersion> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query_objects(
                c,
                &ObjectQuery {
                    after: after.clone(),
                    limit: 5000,
                    versions: VersionSelect::all(),
                    ..Default::default()
                },
            )
            .expect("page");
        out.extend(page.items.iter().cloned());
        after = page.items.last().map(StoredVersion::position);
        if !page.more {
            return out;
        }
    }
}

#[test]
fn concurrent_writers_through_two_processes_lose_nothing() {
    const WRITERS: usize = 8;
    const POSTS: usize = 6;
    const PER_POST: usize = 40;
    let Some(db) = scratch::for_test() else {
        return;
    };
    let (c, auth) = setup(db.url());
    let hubs = [
        start_hub(&["--database", db.url()]),
        start_hub(&["--database", db.url()]),
    ];
    let agent = agent();
    // Bounded in count (8 × 6 posts of 40) and in time (each request times out).
    let statuses: Vec<(usize, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (hubs, agent, c, auth) = (&hubs, &agent, &c, &auth);
                scope.spawn(move || {
                    let mut ids = Vec::new();
                    for p in 0..POSTS {
                        let start = (w * POSTS + p) * PER_POST;
                        let hub = &hubs[(w + p) % 2];
                        let status = post(agent, hub, c, auth, start..start + PER_POST);
                        assert_eq!(status["status"], "complete", "{status}");
                        assert_eq!(status["success_count"], PER_POST, "{status}");
                        let id = status["id"].as_str().expect("status id").to_string();
                        ids.push(((w + p) % 2, id));
                    }
                    ids
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("writer"))
            .collect()
    });
    // Each status resource is readable through the process that did not write it.
    for (writer, id) in &statuses {
        let other = &hubs[1 - writer];
        let status: Value = agent
            .get(&format!("{}/taxii2/api/status/{id}/", other.base()))
            .set("Authorization", &auth)
            .set("Accept", TAXII)
            .call()
            .expect("status")
            .into_json()
            .expect("status json");
        assert_eq!(status["status"], "complete");
        assert_eq!(status["success_count"], PER_POST);
        assert_eq!(status["failure_count"], 0);
    }
    let store = PgStore::open(db.url()).expect("open");
    let stored = all_versions(&store, &c);
    let total = WRITERS * POSTS * PER_POST;
    assert_eq!(stored.len(), total, "objects lost or doubled");
    let ids: HashSet<&str> = stored.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids.len(), total);
    let dates: HashSet<i64> = stored.iter().map(|v| v.date_added).collect();
    assert_eq!(dates.len(), total, "a date_added was handed out twice");
    assert!(
        stored.windows(2).all(|w| w[0].date_added < w[1].date_added),
        "date_added not strictly increasing in delivery order"
    );
}

fn version(n: usize, modified: &str) -> NewVersion {
    let (id, json) = indicator_json(n, modified);
    NewVersion {
        id,
        object_type: "indicator".into(),
        spec_version: "2.1".into(),
        version: Some(Timestamp::parse(modified).expect("timestamp")),
        json,
    }
}

fn done(id: &str) -> StatusRecord {
    StatusRecord {
        id: id.into(),
        owner_org: "org".into(),
        status: StatusState::Complete,
        request_timestamp: 0,
        total_count: 0,
        successes: vec![],
        failures: vec![],
        pendings: vec![],
        unlisted: Default::default(),
    }
}

#[test]
fn migrate_100k_versions_from_the_embedded_store() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (alerts, archive) = {
        let store = SqliteStore::open(dir.path()).expect("sqlite");
        store.add_org("Mercy").expect("org");
        store.add_org("LabB").expect("org");
        let phc = hash_password("s3cret").expect("hash");
        store.add_user("Mercy", "alice", Some(&phc)).expect("user");
        store.add_user("LabB", "bob", None).expect("user");
        store
            .add_token("alice", &token_hash("ward_migrated_token"), "laptop")
            .expect("token");
        let mk = |title: &str, readers: &[&str]| {
            store
                .create_collection(&NewCollection {
                    title: title.into(),
                    description: Some(format!("{title} for the region")),
                    readers: readers.iter().map(|r| r.to_string()).collect(),
                    writers: vec!["Mercy".into()],
                })
                .expect("collection")
                .id
        };
        let alerts = mk("Alerts", &["Mercy", "LabB"]);
        let archive = mk("Archive", &["Mercy"]);
        // 100,000 versions: 70,000 objects in Alerts, 10,000 of them with a second (newer)
        // and 5,000 with an older version posted later; 15,000 objects in Archive.
        for start in (0..70_000).step_by(1000) {
            let batch: Vec<_> = (start..start + 1000)
                .map(|n| version(n, "2024-02-01T00:00:00.000Z"))
                .collect();
            store.add_objects(&alerts, &batch, &done("s")).expect("add");
        }
        for start in (0..10_000).step_by(1000) {
            let newer: Vec<_> = (start..start + 1000)
                .map(|n| version(n * 7, "2024-03-01T00:00:00.000Z"))
                .collect();
            store.add_objects(&alerts, &newer, &done("s")).expect("add");
        }
        for start in (0..5_000).step_by(1000) {
            let older: Vec<_> = (start..start + 1000)
                .map(|n| version(n * 13, "2024-01-01T00:00:00.000Z"))
                .collect();
            store.add_objects(&alerts, &older, &done("s")).expect("add");
        }
        // Archive's versions carry their (private) submitter.
        let by = Submitter {
            org_id: "org-mercy".into(),
            user_id: "user-alice".into(),
        };
        for start in (100_000..115_000).step_by(1000) {
            let batch: Vec<_> = (start..start + 1000)
                .map(|n| version(n, "2024-02-01T00:00:00.000Z"))
                .collect();
            store
                .add_objects_by(&archive, &batch, &done("s"), &by)
                .expect("add");
        }
        store
            .set_setting("org.Mercy.attribution", Some("named"))
            .expect("setting");
        store
            .set_setting("hub.default_tlp", Some("green"))
            .expect("setting");
        for i in 0..3 {
            store
                .record_scrub(&ScrubRecord {
                    at: 1_700_000_000_000_000 + i,
                    collection_id: alerts.clone(),
                    object_id: format!("note--{i}"),
                    org_id: "org-mercy".into(),
                    user_id: "user-alice".into(),
                    findings: "[]".into(),
                })
                .expect("scrub record");
        }
        (alerts, archive)
    };

    // A cursor handed out by the embedded hub before the move.
    let basic = format!("Basic {}", base64(b"alice:s3cret"));
    let agent = agent();
    let data = dir.path().to_str().expect("utf8 path");
    let cursor = {
        let hub = start_hub(&["--data", data]);
        let page = get_page(&agent, &hub, &alerts, &basic, 1000, None);
        page["next"].as_str().expect("next").to_string()
    };

    let out = ward()
        .args([
            "--json",
            "admin",
            "migrate",
            "--from",
            data,
            "--to",
            db.url(),
        ])
        .output()
        .expect("ward admin migrate");
    assert!(
        out.status.success(),
        "migrate failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("report json");
    assert_eq!(report["matches"], true, "{report}");
    let r = &report["report"];
    assert_eq!(r["versions"]["source"], 100_000, "{report}");
    assert_eq!(r["versions"]["target"], 100_000);
    assert_eq!(r["orgs"]["target"], 2);
    assert_eq!(r["users"]["target"], 2);
    assert_eq!(r["collections"]["target"], 2);
    assert_eq!(r["submissions"]["target"], 15_000);
    // The embedded hub may have written settings of its own when it ran.
    assert!(r["settings"]["target"].as_u64() >= Some(2), "{report}");
    assert_eq!(r["scrub_records"]["target"], 3);
    assert_eq!(r["tokens"]["target"], 1, "{report}");
    assert_eq!(r["statuses"]["source"], r["statuses"]["target"]);
    assert!(r["statuses"]["target"].as_u64() >= Some(1), "{report}");
    assert_eq!(r["source_checksum"], r["target_checksum"]);

    // Both stores answer alike, version flags included.
    let sqlite = SqliteStore::open(dir.path()).expect("sqlite");
    let pg = PgStore::open(db.url()).expect("pg");
    for c in [&alerts, &archive] {
        for versions in [
            VersionSelect::last(),
            VersionSelect {
                first: true,
                ..Default::default()
            },
        ] {
            let q = ObjectQuery {
                versions: versions.clone(),
                limit: 100_000,
                ..Default::default()
            };
            let a = sqlite.query_objects(c, &q).expect("sqlite query").items;
            let b = pg.query_objects(c, &q).expect("pg query").items;
            assert_eq!(a.len(), b.len(), "{versions:?}");
            assert!(a == b, "{versions:?} differ after migration");
        }
    }
    assert_eq!(sqlite.signing_key().ok(), pg.signing_key().ok());
    // Members keep their tokens and their posts' status resources across the move.
    let alice = pg
        .user_by_token(&token_hash("ward_migrated_token"))
        .expect("token lookup");
    assert_eq!(alice.map(|u| u.name), Some("alice".to_string()));
    assert_eq!(sqlite.status("s").ok(), pg.status("s").ok());
    assert_eq!(sqlite.settings("").ok(), pg.settings("").ok());
    assert_eq!(sqlite.scrub_records(10).ok(), pg.scrub_records(10).ok());
    let one = &all_versions(&sqlite, &archive)[123];
    let by = pg
        .submitter(&archive, &one.id, &one.version_key)
        .expect("submitter");
    assert_eq!(by.map(|b| b.user_id), Some("user-alice".to_string()));
    assert_eq!(
        pg.count_objects(&alerts).ok(),
        sqlite.count_objects(&alerts).ok()
    );

    // New writes after the move land after everything migrated.
    let before = all_versions(&pg, &alerts).last().map(|v| v.date_added);
    pg.add_objects(
        &alerts,
        &[version(900_000, "2024-04-01T00:00:00.000Z")],
        &done("n"),
    )
    .expect("add after migration");
    let after = all_versions(&pg, &alerts).last().map(|v| v.date_added);
    assert!(after > before);

    // The cursor from the embedded hub resumes on a PostgreSQL hub, password login included.
    let expected_next: Vec<String> = sqlite
        .query_objects(
            &alerts,
            &ObjectQuery {
                limit: 2000,
                ..Default::default()
            },
        )
        .expect("sqlite page")
        .items[1000..]
        .iter()
        .map(|v| v.id.clone())
        .collect();
    let hub = start_hub(&["--database", db.url()]);
    let page = get_page(&agent, &hub, &alerts, &basic, 1000, Some(&cursor));
    assert_eq!(page_ids(&page), expected_next);

    // A second migration into the now filled database is refused with one line.
    let out = ward()
        .args(["admin", "migrate", "--from", data, "--to", db.url()])
        .output()
        .expect("ward admin migrate");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("already holds") && err.lines().count() == 1,
        "{err}"
    );
    // So is a folder without a store.
    let empty = tempfile::tempdir().expect("tempdir");
    let out = ward()
        .args(["admin", "migrate", "--from"])
        .arg(empty.path())
        .args(["--to", db.url()])
        .output()
        .expect("ward admin migrate");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ward.db"));
}

/// SIGTERM stops a hub on PostgreSQL cleanly: exit 0 and no panic (the blocking client used
/// to be dropped inside the async runtime: "Cannot start a runtime from within a runtime").
#[test]
fn sigterm_stops_a_postgres_hub_cleanly() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let (c, auth) = setup(db.url());
    let unused = std::env::temp_dir().join(format!("ward-test-{}", std::process::id()));
    let mut hub = Hub::start_captured(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        &unused,
        &["--database", db.url()],
        &[],
    );
    let agent = agent();
    post(&agent, &hub, &c, &auth, 0..3);
    let page = get_page(&agent, &hub, &c, &auth, 10, None);
    assert_eq!(page_ids(&page).len(), 3);
    let (status, stderr) = hub.terminate();
    assert_eq!(
        status.code(),
        Some(0),
        "exit status {status}; stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}

/// A token revoked through `ward admin` is refused at once by two hub processes on one
/// PostgreSQL database (no process keeps it valid).
#[test]
fn a_revoked_token_is_refused_at_once_by_every_process() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let (c, auth) = setup(db.url());
    let hubs = [
        start_hub(&["--database", db.url()]),
        start_hub(&["--database", db.url()]),
    ];
    let agent = agent();
    let status = |hub: &Hub| match agent
        .get(&objects_url(hub, &c))
        .set("Authorization", &auth)
        .set("Accept", TAXII)
        .call()
    {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(e) => panic!("request failed: {e}"),
    };
    assert_eq!(status(&hubs[0]), 200);
    assert_eq!(status(&hubs[1]), 200);
    let listed: Value =
        serde_json::from_str(&admin_json(db.url(), &["token", "list"])).expect("token list json");
    let id = listed[0]["id"].as_str().expect("id").to_string();
    admin(db.url(), &["token", "revoke", &id], None);
    assert_eq!(status(&hubs[0]), 401);
    assert_eq!(status(&hubs[1]), 401);
}

/// `ward --json --database URL admin ARGS...`.
fn admin_json(url: &str, args: &[&str]) -> String {
    let out = ward()
        .args(["--json", "--database", url, "admin"])
        .args(args)
        .output()
        .expect("ward admin");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
