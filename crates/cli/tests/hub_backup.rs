//! Backup, restore and verify end to end: `ward admin backup` of a store a running
//! `ward serve` keeps writing to, restored with every acknowledged object present;
//! `restore` refusing what it must not overwrite or read; `verify` between the embedded
//! store, a backup file and PostgreSQL.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;
use ward_store::{SqliteStore, Store};
use ward_store_pg::scratch;
use ward_testkit::Hub;

const TAXII: &str = "application/taxii+json;version=2.1";

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// A hub store with one member who may write collection "Alerts"; (collection, token).
fn setup(data: &Path) -> (String, String) {
    ok(ward(data, &["admin", "init"]));
    ok(ward(data, &["admin", "org", "add", "Mercy"]));
    ok(ward(
        data,
        &["admin", "user", "add", "--org", "Mercy", "alice"],
    ));
    let token = ok(ward(data, &["admin", "token", "create", "--user", "alice"]));
    let c = ok(ward(
        data,
        &[
            "admin",
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy",
            "--write",
            "Mercy",
        ],
    ));
    (c, token)
}

fn indicator(n: usize) -> (String, String) {
    let id = format!("indicator--00000000-0000-4000-8000-{n:012}");
    let json = format!(
        r#"{{"type":"indicator","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.{}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}"#,
        n % 250
    );
    (id, json)
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .build()
}

/// Posts indicators `range`; the ids the status resource acknowledges as stored.
fn post(
    agent: &ureq::Agent,
    hub: &Hub,
    c: &str,
    token: &str,
    range: std::ops::Range<usize>,
) -> Vec<String> {
    let (ids, objects): (Vec<String>, Vec<String>) = range.map(indicator).unzip();
    let body = format!(r#"{{"objects":[{}]}}"#, objects.join(","));
    let status: Value = agent
        .post(&format!(
            "{}/taxii2/api/collections/{c}/objects/",
            hub.base()
        ))
        .set("Authorization", &format!("Bearer {token}"))
        .set("Accept", TAXII)
        .set("Content-Type", TAXII)
        .send_string(&body)
        .expect("post")
        .into_json()
        .expect("status json");
    assert_eq!(status["status"], "complete", "{status}");
    assert_eq!(status["success_count"], ids.len() as u64, "{status}");
    ids
}

fn stored_ids(data: &Path, c: &str) -> std::collections::HashSet<String> {
    let store = SqliteStore::open(data).expect("open restored store");
    let mut seen = std::collections::HashSet::new();
    let mut query = ward_store::ObjectQuery {
        limit: 1000,
        ..Default::default()
    };
    loop {
        let page = store.query_objects(c, &query).expect("page");
        for v in &page.items {
            seen.insert(v.id.clone());
        }
        match page.items.last() {
            Some(last) if page.more => query.after = Some(last.position()),
            _ => return seen,
        }
    }
}

/// The issue's operator copied ward.db while serving and got 4 of 3,004 objects back (the
/// rest were in the WAL). A backup taken while posts keep arriving holds every object
/// acknowledged before it started, and restores to a store that serves them.
#[test]
fn backup_while_serving_restores_every_acknowledged_object() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let (c, token) = setup(&data);
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &data, &[], &[]);
    let acknowledged: Mutex<Vec<(Instant, Vec<String>)>> = Mutex::new(Vec::new());
    let stop = AtomicBool::new(false);
    let file = dir.path().join("hub-backup.db");
    let started = std::thread::scope(|scope| {
        scope.spawn(|| {
            let agent = agent();
            let mut n = 0;
            // Bounded: at most 400 posts however slow the backup is.
            while !stop.load(Ordering::SeqCst) && n < 400 * 25 {
                let ids = post(&agent, &hub, &c, &token, n..n + 25);
                acknowledged
                    .lock()
                    .expect("lock")
                    .push((Instant::now(), ids));
                n += 25;
            }
        });
        // Let the WAL fill with commits first.
        while acknowledged.lock().expect("lock").len() < 40 {
            std::thread::sleep(Duration::from_millis(20));
        }
        let started = Instant::now();
        let out = ward(
            &data,
            &["admin", "backup", "--to", file.to_str().expect("utf8")],
        );
        assert!(out.status.success(), "backup: {}", stderr(&out));
        assert!(stderr(&out).contains("object versions"), "{}", stderr(&out));
        // A backup holds everything the store does: readable by its owner only.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file)
                .expect("backup")
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "backup mode {mode:o}");
        }
        // Posts go on after the backup too; they may or may not be in it.
        std::thread::sleep(Duration::from_millis(300));
        stop.store(true, Ordering::SeqCst);
        started
    });
    let before: Vec<String> = acknowledged
        .lock()
        .expect("lock")
        .iter()
        .filter(|(at, _)| *at < started)
        .flat_map(|(_, ids)| ids.clone())
        .collect();
    let total: usize = acknowledged
        .lock()
        .expect("lock")
        .iter()
        .map(|(_, i)| i.len())
        .sum();
    assert!(before.len() >= 1000, "{} acknowledged", before.len());
    assert!(total > before.len(), "posts went on while backing up");

    let restored = dir.path().join("restored");
    let out = ward(
        &restored,
        &["admin", "restore", "--from", file.to_str().expect("utf8")],
    );
    assert!(out.status.success(), "restore: {}", stderr(&out));
    let present = stored_ids(&restored, &c);
    let missing: Vec<&String> = before.iter().filter(|id| !present.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged objects missing, e.g. {:?}",
        missing.len(),
        before.len(),
        missing.first()
    );
    // The restored store is the backup, page for page.
    let out = ward(
        &restored,
        &["admin", "verify", "--against", file.to_str().expect("utf8")],
    );
    assert!(out.status.success(), "verify: {}", stderr(&out));
    // The live store took more posts after the backup: verify says they differ (exit 1).
    drop(hub);
    let out = ward(
        &data,
        &[
            "admin",
            "verify",
            "--against",
            restored.to_str().expect("utf8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("object versions"), "{}", stderr(&out));

    // The restored store serves: the member reads what was acknowledged.
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &restored, &[], &[]);
    let (first, _) = indicator(0);
    let got: Value = agent()
        .get(&format!(
            "{}/taxii2/api/collections/{c}/objects/{first}/",
            hub.base()
        ))
        .set("Authorization", &format!("Bearer {token}"))
        .set("Accept", TAXII)
        .call()
        .expect("get")
        .into_json()
        .expect("json");
    assert_eq!(got["objects"][0]["id"], first.as_str());
}

#[test]
fn restore_refuses_a_file_that_is_no_store_and_a_store_in_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    setup(&data);
    let file = dir.path().join("b.db");
    ok(ward(
        &data,
        &["admin", "backup", "--to", file.to_str().expect("utf8")],
    ));

    // Not a database at all: named, exit 2, nothing created.
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "minutes of the board meeting, not a database, honestly",
    )
    .expect("write");
    let fresh = dir.path().join("fresh");
    let out = ward(
        &fresh,
        &["admin", "restore", "--from", text.to_str().expect("utf8")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("notes.txt"), "{}", stderr(&out));
    assert!(!fresh.join(ward_store::DB_FILE).exists());

    // A non-empty store is not replaced without --force.
    let other = dir.path().join("other");
    ok(ward(&other, &["admin", "init"]));
    ok(ward(&other, &["admin", "org", "add", "Lab B"]));
    let out = ward(
        &other,
        &["admin", "restore", "--from", file.to_str().expect("utf8")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 organizations"), "{}", stderr(&out));
    assert_eq!(
        ok(ward(&other, &["admin", "org", "list"])).lines().count(),
        1
    );
    let out = ward(
        &other,
        &[
            "admin",
            "restore",
            "--force",
            "--from",
            file.to_str().expect("utf8"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let orgs = ok(ward(&other, &["admin", "org", "list"]));
    assert!(orgs.contains("Mercy") && !orgs.contains("Lab B"), "{orgs}");

    // backup never creates a store at a mistyped --data.
    let typo = dir.path().join("hbu");
    let out = ward(&typo, &["admin", "backup", "--to", "x.db"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!typo.join(ward_store::DB_FILE).exists());
}

/// A PostgreSQL hub is backed up with pg_dump; `ward admin verify` then compares it with
/// the embedded store it came from, or any copy, by counts and checksums per collection.
#[test]
fn verify_compares_postgres_with_the_embedded_store() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let (c, token) = setup(&data);
    {
        let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &data, &[], &[]);
        post(&agent(), &hub, &c, &token, 0..50);
    }
    ok(ward(
        &data,
        &[
            "admin",
            "migrate",
            "--from",
            data.to_str().expect("utf8"),
            "--to",
            db.url(),
        ],
    ));
    let pg = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ward"))
            .args(["--database", db.url(), "admin"])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("ward")
    };
    let out = pg(&["verify", "--against", data.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pg(&[
        "--json",
        "verify",
        "--against",
        data.to_str().expect("utf8"),
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["matches"], true);
    assert_eq!(report["summary"]["versions"], 50);
    assert_eq!(report["summary"]["per_collection"][0]["id"], c.as_str());

    // One more object on the PostgreSQL side: the collection's line says where.
    let store = ward_store_pg::PgStore::open(db.url()).expect("pg");
    let (id, json) = indicator(999);
    store
        .add_objects(
            &c,
            &[ward_store::NewVersion {
                id,
                object_type: "indicator".into(),
                spec_version: "2.1".into(),
                version: None,
                json,
            }],
            &ward_store::StatusRecord {
                id: "s-extra".into(),
                owner_org: "x".into(),
                status: ward_store::StatusState::Complete,
                request_timestamp: 0,
                total_count: 1,
                successes: vec![],
                failures: vec![],
                pendings: vec![],
                unlisted: Default::default(),
            },
        )
        .expect("add");
    drop(store);
    let out = pg(&["verify", "--against", data.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("collection {c}")), "{err}");
    assert!(
        err.contains("object versions: 51 here, 50 in the other"),
        "{err}"
    );

    // backup of a PostgreSQL store points to pg_dump.
    let out = pg(&["backup", "--to", "x.db"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pg_dump"), "{}", stderr(&out));
}
