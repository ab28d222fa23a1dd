//! The scrub log an operator can use: "did any PHI reach the hub this month, from whom?"
//! answered with filters, a summary, names instead of ids, and findings as JSON arrays;
//! numbers that are counts or sizes no longer fill it; `policy rescan` re-checks stored
//! objects with the current scrubber. On the embedded store and on PostgreSQL.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use ward_store::{NewVersion, SqliteStore, StatusRecord, StatusState, Store, Submitter};
use ward_store_pg::scratch;
use ward_testkit::{http, Hub};

const TAXII: &str = "application/taxii+json;version=2.1";

fn run(store: &[&str], args: &[&str]) -> Output {
    ward_testkit::run_on(Path::new(env!("CARGO_BIN_EXE_ward")), store, args)
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

fn report(n: usize, description: &str) -> (String, String) {
    let id = format!("report--00000000-0000-4000-8000-{n:012}");
    let json = format!(
        r#"{{"type":"report","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Incident {n}","published":"2024-01-01T00:00:00Z","report_types":["threat-report"],"object_refs":["indicator--00000000-0000-4000-8000-000000000001"],"description":"{description}"}}"#
    );
    (id, json)
}

fn post(hub: &Hub, c: &str, token: &str, objects: &[&str]) {
    let body = format!(r#"{{"objects":[{}]}}"#, objects.join(","));
    let auth = format!("Bearer {token}");
    let (status, _, answer) = http(
        &hub.addr,
        "POST",
        &format!("/taxii2/api/collections/{c}/objects/"),
        &[
            ("Authorization", &auth),
            ("Content-Type", TAXII),
            ("Accept", TAXII),
        ],
        body.as_bytes(),
    )
    .expect("post");
    assert_eq!(status, 202, "{}", String::from_utf8_lossy(&answer));
}

#[test]
fn scrub_log_filters_sums_up_and_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let d = ["--data", data.to_str().expect("utf8")];
    ok(run(&d, &["admin", "init"]));
    ok(run(&d, &["admin", "org", "add", "Mercy General"]));
    ok(run(&d, &["admin", "org", "add", "Lab B"]));
    ok(run(
        &d,
        &["admin", "user", "add", "--org", "Mercy General", "alice"],
    ));
    ok(run(&d, &["admin", "user", "add", "--org", "Lab B", "bob"]));
    let alice = ok(run(&d, &["admin", "token", "create", "--user", "alice"]));
    let bob = ok(run(&d, &["admin", "token", "create", "--user", "bob"]));
    let c = ok(run(
        &d,
        &[
            "admin",
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy General,Lab B",
            "--write",
            "Mercy General,Lab B",
        ],
    ));
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &data, &[], &[]);
    let (mrn_id, mrn) = report(1, "Patient MRN 48213377 was in the stolen export.");
    let (_, ssn) = report(2, "The file held SSN 123-45-6789 of a patient.");
    let (bulk_id, bulk) = report(
        3,
        "The spam run used bulk 100000 over port 8443 in 12000 bytes chunks on build 22631.",
    );
    post(&hub, &c, &alice, &[&mrn, &bulk]);
    post(&hub, &c, &bob, &[&ssn]);

    let json = |args: &[&str]| -> Value {
        let mut all = vec!["--json", "admin", "policy"];
        all.extend_from_slice(args);
        serde_json::from_str(&ok(run(&d, &all))).expect("json")
    };
    let all = json(&["scrub-log"]);
    let rows = all.as_array().expect("array");
    // Counts, sizes, ports and builds are kept: no record for the third report.
    assert_eq!(rows.len(), 2, "{all}");
    assert!(
        rows.iter().all(|r| r["object_id"] != bulk_id.as_str()),
        "{all}"
    );
    let mercy = rows
        .iter()
        .find(|r| r["object_id"] == mrn_id.as_str())
        .expect("the MRN record");
    assert_eq!(mercy["org"]["name"], "Mercy General");
    assert_eq!(mercy["user"]["name"], "alice");
    assert_eq!(mercy["collection"]["title"], "Alerts");
    let findings = mercy["findings"].as_array().expect("findings as an array");
    assert!(findings.iter().any(|f| f["kind"] == "mrn"), "{mercy}");
    assert!(!all.to_string().contains("48213377"), "no PHI in the log");

    assert_eq!(
        json(&["scrub-log", "--org", "lab b"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        json(&["scrub-log", "--kind", "mrn"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        json(&["scrub-log", "--kind", "ssn"])[0]["org"]["name"],
        "Lab B"
    );
    assert_eq!(
        json(&["scrub-log", "--collection", "alerts"])
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        json(&["scrub-log", "--since", "2999-01-01"])
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        json(&["scrub-log", "--until", "2999-01-01"])
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let summary = json(&["scrub-log", "--summary"]);
    assert_eq!(summary["records"], 2);
    assert_eq!(summary["by_kind"]["mrn"], 1);
    assert_eq!(summary["by_kind"]["ssn"], 1);
    let by_org = summary["by_org"].as_array().expect("by_org");
    assert!(by_org
        .iter()
        .any(|o| o["org"] == "Mercy General" && o["records"] == 1));
    let text = ok(run(&d, &["admin", "policy", "scrub-log"]));
    assert!(
        text.contains("Mercy General") && text.contains("mrn x1"),
        "{text}"
    );
    // Bad filters are usage errors naming the option.
    let out = run(&d, &["admin", "policy", "scrub-log", "--org", "Nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--org Nobody"));
    let out = run(&d, &["admin", "policy", "scrub-log", "--since", "June"]);
    assert_eq!(out.status.code(), Some(2));

    // Who submitted, by name.
    let who = ok(run(&d, &["admin", "policy", "submitter", &mrn_id]));
    assert!(
        who.contains("Alerts") && who.contains("Mercy General") && who.contains("alice"),
        "{who}"
    );
    drop(hub);

    // Rescan: every stored object was scrubbed on the way in, so nothing is found (exit 0);
    // an object stored by an older scrubber (written straight into the store here) is found.
    let out = run(&d, &["admin", "policy", "rescan"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    {
        let store = SqliteStore::open(&data).expect("store");
        let orgs = store.orgs().expect("orgs");
        let users = store.users().expect("users");
        let (id, json) = report(9, "Call the patient John Smith, MRN 77812345, at home.");
        store
            .add_objects_by(
                &c,
                &[NewVersion {
                    id,
                    object_type: "report".into(),
                    spec_version: "2.1".into(),
                    version: None,
                    json,
                }],
                &StatusRecord {
                    id: "old".into(),
                    owner_org: orgs[0].id.clone(),
                    status: StatusState::Complete,
                    request_timestamp: 0,
                    total_count: 1,
                    successes: vec![],
                    failures: vec![],
                    pendings: vec![],
                    unlisted: Default::default(),
                },
                &Submitter {
                    org_id: users[0].org_id.clone(),
                    user_id: users[0].id.clone(),
                },
            )
            .expect("older object");
    }
    let out = run(&d, &["--json", "admin", "policy", "rescan"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(found["checked"], 4);
    let hits = found["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{found}");
    assert!(hits[0]["findings"]
        .as_array()
        .is_some_and(|f| f.iter().any(|f| f["kind"] == "mrn")));

    // --quarantine hides it from every member (its submitter too) and keeps it in the store;
    // release serves it again.
    let old_id = report(9, "").0;
    let out = run(&d, &["admin", "policy", "rescan", "--quarantine"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("quarantined"));
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &data, &[], &[]);
    let get = |id: &str, token: &str| {
        let auth = format!("Bearer {token}");
        http(
            &hub.addr,
            "GET",
            &format!("/taxii2/api/collections/{c}/objects/{id}/"),
            &[("Authorization", &auth), ("Accept", TAXII)],
            b"",
        )
        .expect("get")
        .0
    };
    assert_eq!(get(&old_id, &alice), 404);
    assert_eq!(get(&old_id, &bob), 404);
    assert_eq!(get(&mrn_id, &bob), 200, "other objects are still served");
    ok(run(&d, &["admin", "policy", "release", &old_id]));
    std::thread::sleep(ward_policy::SETTINGS_TTL + std::time::Duration::from_millis(300));
    assert_eq!(get(&old_id, &alice), 200);
    drop(hub);
    let out = run(&d, &["admin", "policy", "release", &old_id]);
    assert_eq!(out.status.code(), Some(1), "no longer quarantined");
    // Quarantine it again for the PostgreSQL half below.
    run(&d, &["admin", "policy", "rescan", "--quarantine"]);

    // The same answers from PostgreSQL after a migration.
    let Some(db) = scratch::for_test() else {
        return;
    };
    ok(run(
        &d,
        &[
            "admin",
            "migrate",
            "--from",
            data.to_str().expect("utf8"),
            "--to",
            db.url(),
        ],
    ));
    let pg = ["--database", db.url()];
    let from_pg: Value = serde_json::from_str(&ok(run(
        &pg,
        &["--json", "admin", "policy", "scrub-log", "--summary"],
    )))
    .expect("json");
    assert_eq!(from_pg, summary);
    let out = run(&pg, &["--json", "admin", "policy", "rescan"]);
    assert_eq!(out.status.code(), Some(1));
    let found_pg: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(found_pg["hits"].as_array().map(Vec::len), Some(1));
    // The quarantine moved with the store: a hub on PostgreSQL hides the object too.
    let unused = dir.path().join("unused");
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &unused, &pg, &[]);
    let auth = format!("Bearer {alice}");
    let status = |id: &str| {
        http(
            &hub.addr,
            "GET",
            &format!("/taxii2/api/collections/{c}/objects/{id}/"),
            &[("Authorization", &auth), ("Accept", TAXII)],
            b"",
        )
        .expect("get")
        .0
    };
    assert_eq!(status(&old_id), 404);
    assert_eq!(status(&mrn_id), 200);
}
