//! Issue 5's acceptance test on the real binaries: `ward share --dry-run` shows exactly what
//! a running `ward serve` then stores. The hub scrubs again with the organization's own
//! settings (`ward admin org add --domain`), so a member that shares with the same settings
//! sees its preview stored byte for byte, and a member that forgot them still leaks nothing:
//! the hub removes it and records what it removed for the operator.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};
use ward_store::{ObjectQuery, SqliteStore, Store, VersionSelect};

use ward_testkit::Hub;

/// A running `ward serve` on a free loopback port (see ward_testkit::Hub).
fn start_hub(data: &Path) -> Hub {
    Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), data, &[], &[])
}

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

const NARRATIVE: &str = "Patient John Smith (MRN 4821937, DOB 03/14/1962) called from (555) 123-4567 \
about the lure from billing@secure-invoices.ru sent to jsmith@mercy-general.org. \
Workstation ws-0425.mercy-general.org (10.20.1.15) beaconed to 185.220.101.5; Mercy General IT isolated it.";

fn bundle() -> Value {
    let ts = "2024-03-04T10:00:00.000Z";
    json!({"type": "bundle", "id": "bundle--6f2a6c1e-1d1b-4f7e-9a55-1b8f0e3d2c11", "objects": [
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--55555555-5555-4555-8555-555555555555",
         "created": ts, "modified": ts, "name": "C2 seen by Mercy General",
         "pattern": "[ipv4-addr:value = '185.220.101.5']", "pattern_type": "stix", "valid_from": ts,
         "description": NARRATIVE},
        {"type": "ipv4-addr", "spec_version": "2.1", "id": "ipv4-addr--6a1b7c2d-0000-5000-8000-000000000001",
         "value": "10.20.1.15"},
        {"type": "sighting", "spec_version": "2.1", "id": "sighting--77777777-7777-4777-8777-777777777777",
         "created": ts, "modified": ts, "sighting_of_ref": "indicator--55555555-5555-4555-8555-555555555555",
         "count": 3, "description": "Seen on ws-0425.mercy-general.org by Nurse Delphine Oyelaran"}
    ]})
}

struct Setup {
    _dir: tempfile::TempDir,
    data: std::path::PathBuf,
    token: String,
    collection: String,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    ok(ward(&data, &["admin", "init"]));
    ok(ward(
        &data,
        &[
            "admin",
            "org",
            "add",
            "Mercy",
            "--domain",
            "mercy-general.org",
            "--org-name",
            "Mercy General",
        ],
    ));
    ok(ward(
        &data,
        &["admin", "user", "add", "--org", "Mercy", "alice"],
    ));
    let token = ok(ward(
        &data,
        &["admin", "token", "create", "--user", "alice"],
    ));
    let collection = ok(ward(
        &data,
        &[
            "admin",
            "collection",
            "add",
            "Shared",
            "--read",
            "Mercy",
            "--write",
            "Mercy",
        ],
    ));
    // `ward share` needs the member's organization profile.
    ok(ward(
        &data,
        &[
            "init",
            "--org",
            "Share Test Clinic",
            "--domain",
            "share-test.example",
        ],
    ));
    Setup {
        _dir: dir,
        data,
        token,
        collection,
    }
}

fn share(s: &Setup, hub: &Hub, file: &Path, extra: &[&str], dry_run: bool) -> Output {
    let url = format!("{}/taxii2/api/", hub.base());
    let mut args = vec![
        "--json".to_string(),
        "share".into(),
        file.display().to_string(),
        "--to".into(),
        url,
        "--collection".into(),
        s.collection.clone(),
        "--token".into(),
        s.token.clone(),
    ];
    if dry_run {
        args.push("--dry-run".into());
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    ward(&s.data, &refs)
}

/// The hub's stored objects (every version), by id, as stored bytes.
fn stored(data: &Path, collection: &str) -> Vec<(String, String)> {
    let store = SqliteStore::open(data).expect("open the hub's store");
    let page = store
        .query_objects(
            collection,
            &ObjectQuery {
                versions: VersionSelect::all(),
                limit: 1000,
                ..ObjectQuery::default()
            },
        )
        .expect("query");
    page.items.into_iter().map(|v| (v.id, v.json)).collect()
}

#[test]
fn dry_run_preview_equals_what_the_hub_stores() {
    let s = setup();
    let hub = start_hub(&s.data);
    let file = s.data.parent().expect("parent").join("incident.json");
    std::fs::write(&file, bundle().to_string()).expect("write");
    let member_settings = [
        "--org-domain",
        "mercy-general.org",
        "--org-name",
        "Mercy General",
        "--org-name",
        "Mercy",
    ];

    let preview = ok(share(&s, &hub, &file, &member_settings, true));
    let preview: Value =
        serde_json::from_str(&preview).expect("the dry run prints the request body");
    let sent = ok(share(&s, &hub, &file, &member_settings, false));
    let sent: Value = serde_json::from_str(&sent).expect("json");
    assert_eq!(sent["response"]["failure_count"], 0, "{sent}");

    let objects = preview["objects"].as_array().expect("objects");
    // The internal address was dropped by the member's scrubber before anything left.
    assert_eq!(objects.len(), 2, "{preview}");
    let stored = stored(&s.data, &s.collection);
    assert_eq!(stored.len(), objects.len());
    for o in objects {
        let id = o["id"].as_str().expect("id");
        let (_, bytes) = stored
            .iter()
            .find(|(sid, _)| sid == id)
            .unwrap_or_else(|| panic!("{id} not stored"));
        // Byte for byte: the hub had nothing more to remove and kept what was sent, with
        // only its default TLP (GREEN) stamped on an object sent without a TLP marking.
        let mut expected = o.clone();
        if expected.get("object_marking_refs").is_none() {
            expected["object_marking_refs"] =
                json!(["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]);
        }
        assert_eq!(
            bytes,
            &expected.to_string(),
            "stored bytes differ from the preview"
        );
    }
    let store = SqliteStore::open(&s.data).expect("store");
    assert!(
        store.scrub_records(10).expect("records").is_empty(),
        "the hub changed what the member had previewed"
    );
}

#[test]
fn the_hub_scrubs_what_a_member_forgot() {
    let s = setup();
    let hub = start_hub(&s.data);
    let file = s.data.parent().expect("parent").join("incident.json");
    std::fs::write(&file, bundle().to_string()).expect("write");
    // No --org-domain: the member's own scrubber does not know its domain.
    let sent = ok(share(&s, &hub, &file, &[], false));
    let sent: Value = serde_json::from_str(&sent).expect("json");
    assert_eq!(sent["response"]["success_count"], 2, "{sent}");
    let all: String = stored(&s.data, &s.collection)
        .into_iter()
        .map(|(_, json)| json)
        .collect();
    for leaked in [
        "mercy-general.org",
        "Mercy General",
        "John Smith",
        "4821937",
        "10.20.1.15",
    ] {
        assert!(!all.contains(leaked), "{leaked} stored: {all}");
    }
    assert!(
        all.contains("185.220.101.5"),
        "the indicator must stay: {all}"
    );
    let records = ok(ward(&s.data, &["--json", "admin", "policy", "scrub-log"]));
    assert!(
        records.contains("org-domain") || records.contains("internal-host"),
        "{records}"
    );
    assert!(
        !records.contains("mercy-general.org"),
        "the record holds what it removed: {records}"
    );
}
