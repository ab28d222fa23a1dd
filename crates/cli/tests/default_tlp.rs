//! The hub's default TLP is stamped on an object when it is posted, on SQLite and on
//! PostgreSQL (`WARD_TEST_DATABASE_URL`; skipped without a server unless
//! `WARD_REQUIRE_PEERS=1`): readers see the marking, a later change of the default leaves
//! earlier objects as they were shared, the submitter always reads its own object, and
//! objects an older hub stored unmarked are stamped by `ward admin policy
//! stamp-default-tlp`, in place and still valid STIX.

use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use ward_store::{NewVersion, SqliteStore, StatusRecord, StatusState, Store, Submitter};
use ward_store_pg::{scratch, PgStore};
use ward_testkit::{http, Hub};

const TAXII: &str = "application/taxii+json;version=2.1";
const GREEN: &str = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const AMBER: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

fn ward(store: &[&str], args: &[&str]) -> Output {
    ward_testkit::run_on(Path::new(env!("CARGO_BIN_EXE_ward")), store, args)
}

fn ok(store: &[&str], args: &[&str]) -> String {
    let out = ward(store, args);
    assert!(
        out.status.success(),
        "ward {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn indicator(n: u32) -> Value {
    json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
        "name": "bad address", "pattern": format!("[ipv4-addr:value = '203.0.113.{n}']"),
        "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"
    })
}

fn call(hub: &Hub, method: &str, path: &str, token: &str, body: &str) -> (u16, Value) {
    let auth = format!("Bearer {token}");
    let (status, _, body) = http(
        &hub.addr,
        method,
        path,
        &[
            ("Authorization", &auth),
            ("Accept", TAXII),
            ("Content-Type", TAXII),
        ],
        body.as_bytes(),
    )
    .expect("http");
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// The objects `token` reads, by id, with their markings.
fn markings(hub: &Hub, c: &str, token: &str) -> Vec<(String, Value)> {
    let (status, page) = call(
        hub,
        "GET",
        &format!("/taxii2/api/collections/{c}/objects/"),
        token,
        "",
    );
    assert_eq!(status, 200, "{page}");
    page["objects"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            let id = o["id"].as_str().unwrap_or("").to_string();
            (id, o["object_marking_refs"].clone())
        })
        .collect()
}

fn id(n: u32) -> String {
    format!("indicator--00000000-0000-4000-8000-{n:012}")
}

// Long because: the whole story (post, change the default, post, an old unmarked object
// stamped) on one hub, each step checked from three members' side.
fn default_tlp_is_stamped(store_args: &[&str], hub_data: &Path, open: &dyn Fn() -> Arc<dyn Store>) {
    let s = store_args;
    ok(s, &["admin", "init"]);
    for org in ["Mercy", "Lab", "Clinic"] {
        ok(s, &["admin", "org", "add", org]);
    }
    for (user, org) in [("alice", "Mercy"), ("bob", "Lab"), ("carol", "Clinic")] {
        ok(s, &["admin", "user", "add", "--org", org, user]);
    }
    let token = |user: &str| ok(s, &["admin", "token", "create", "--user", user]);
    let (alice, bob, carol) = (token("alice"), token("bob"), token("carol"));
    let c = ok(
        s,
        &[
            "admin",
            "collection",
            "add",
            "Shared",
            "--read",
            "Mercy,Lab,Clinic",
            "--write",
            "Mercy,Lab,Clinic",
            "--amber",
            "Lab",
        ],
    );
    let global = if s.first() == Some(&"--data") {
        &[][..]
    } else {
        s
    };
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), hub_data, global, &[]);
    let objects = format!("/taxii2/api/collections/{c}/objects/");
    let post = |token: &str, n: u32| {
        let (status, body) = call(
            &hub,
            "POST",
            &objects,
            token,
            &json!({"objects": [indicator(n)]}).to_string(),
        );
        assert_eq!(status, 202, "{body}");
        assert_eq!(body["success_count"], 1, "{body}");
    };

    // Posted unmarked under the default default: stored and served as GREEN.
    post(&alice, 1);
    assert_eq!(markings(&hub, &c, &carol), vec![(id(1), json!([GREEN]))]);

    // The default becomes AMBER: the earlier object stays GREEN for everyone; the new one is
    // AMBER, read by its submitter and the collection's AMBER audience only.
    ok(s, &["admin", "policy", "default-tlp", "amber"]);
    std::thread::sleep(ward_policy::SETTINGS_TTL + Duration::from_millis(300));
    post(&alice, 2);
    assert_eq!(markings(&hub, &c, &carol), vec![(id(1), json!([GREEN]))]);
    let amber = vec![(id(1), json!([GREEN])), (id(2), json!([AMBER]))];
    assert_eq!(markings(&hub, &c, &alice), amber);
    assert_eq!(markings(&hub, &c, &bob), amber);

    // An object an older hub stored unmarked: stamped with the default in force, in place.
    let old = indicator(3).to_string();
    {
        let store = open();
        let orgs = store.orgs().expect("orgs");
        let mercy = orgs.iter().find(|o| o.name == "Mercy").expect("Mercy");
        let status = StatusRecord {
            id: "d1f0a8c4-0000-4000-8000-000000000003".into(),
            owner_org: mercy.id.clone(),
            status: StatusState::Complete,
            request_timestamp: 0,
            total_count: 1,
            successes: vec![],
            failures: vec![],
            pendings: vec![],
            unlisted: Default::default(),
        };
        let users = store.users().expect("users");
        let alice_id = users.iter().find(|u| u.name == "alice").expect("alice");
        store
            .add_objects_by(
                &c,
                &[NewVersion {
                    id: id(3),
                    object_type: "indicator".into(),
                    spec_version: "2.1".into(),
                    version: ward_stix::Timestamp::parse("2026-01-01T00:00:00.000Z").ok(),
                    json: old.clone(),
                }],
                &status,
                &Submitter {
                    org_id: mercy.id.clone(),
                    user_id: alice_id.id.clone(),
                },
            )
            .expect("an unmarked object stored the old way");
    }
    let out = ward(s, &["admin", "policy", "stamp-default-tlp"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains(
            "1 of 3 stored object versions had no TLP marking and are now marked TLP:AMBER"
        ),
        "{said}"
    );
    assert_eq!(
        markings(&hub, &c, &alice).last().cloned(),
        Some((id(3), json!([AMBER])))
    );
    assert_eq!(markings(&hub, &c, &carol).len(), 1);
    // Same version (modified unchanged), and still valid STIX.
    let (_, served) = call(&hub, "GET", &format!("{objects}{}/", id(3)), &alice, "");
    let stored = &served["objects"][0];
    assert_eq!(stored["modified"], "2026-01-01T00:00:00.000Z");
    let file = hub_data.join("stamped.json");
    std::fs::write(&file, stored.to_string()).expect("write");
    let out = ward(&[], &["validate", file.to_str().expect("utf8")]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // Once stamped, running it again finds nothing to do.
    let out = ward(s, &["admin", "policy", "stamp-default-tlp"]);
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("0 of 3"));
}

#[test]
fn default_tlp_is_stamped_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let arg = data.to_str().expect("utf8").to_string();
    let open = || -> Arc<dyn Store> { Arc::new(SqliteStore::open(&data).expect("store")) };
    default_tlp_is_stamped(&["--data", &arg], &data, &open);
}

#[test]
fn default_tlp_is_stamped_on_postgres() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url().to_string();
    let open = || -> Arc<dyn Store> { Arc::new(PgStore::open(&url).expect("store")) };
    default_tlp_is_stamped(&["--database", db.url()], dir.path(), &open);
}
