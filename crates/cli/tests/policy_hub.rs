//! The sharing policy on a real `ward serve`, configured with `ward admin`: attribution,
//! org domains, AMBER audience, a public collection, the default TLP, the operator's views
//! (scrub log, submitter, dashboard), and bad settings refused with one line and exit 2.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use serde_json::{json, Value};

const TAXII: &str = "application/taxii+json;version=2.1";

/// One TAXII request as a member: (status, body).
fn call(hub: &Hub, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Accept", TAXII), ("Content-Type", TAXII)];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    let (status, _, body) =
        ward_testkit::http(&hub.addr, method, path, &headers, body.as_bytes()).expect("request");
    (status, String::from_utf8_lossy(&body).into_owned())
}

use ward_testkit::Hub;

/// A running `ward serve` on a free loopback port (see ward_testkit::Hub).
fn start_hub(data: &Path) -> Hub {
    Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), data, &[], &[])
}

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn ok(data: &Path, args: &[&str]) -> String {
    ward_testkit::stdout_of(ward(data, args))
}

fn indicator(n: usize, marking: Option<&str>, author: Option<&str>) -> Value {
    let mut o = json!({"type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "pattern": format!("[ipv4-addr:value = '203.0.113.{n}']"), "pattern_type": "stix",
        "valid_from": "2024-01-01T00:00:00Z"});
    if let Some(m) = marking {
        o["object_marking_refs"] = json!([m]);
    }
    if let Some(a) = author {
        o["created_by_ref"] = json!(a);
    }
    o
}

const CLEAR: &str = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
const AMBER: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const LAB_ID: &str = "identity--11111111-1111-4111-8111-111111111111";
const MERCY_ID: &str = "identity--22222222-2222-4222-8222-222222222222";

#[test]
fn admin_settings_shape_what_a_running_hub_serves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path();
    ok(data, &["admin", "init"]);
    ok(
        data,
        &["admin", "org", "add", "Mercy", "--domain", "mercy.org"],
    );
    ok(
        data,
        &["admin", "org", "add", "Lab", "--attribution", "named"],
    );
    ok(data, &["admin", "org", "add", "Clinic"]);
    for (user, org) in [("alice", "Mercy"), ("bob", "Lab"), ("carol", "Clinic")] {
        ok(data, &["admin", "user", "add", "--org", org, user]);
    }
    let token = |user: &str| ok(data, &["admin", "token", "create", "--user", user]);
    let (alice, bob, carol) = (token("alice"), token("bob"), token("carol"));
    let c = ok(
        data,
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
            "--public",
        ],
    );
    ok(data, &["admin", "policy", "default-tlp", "amber"]);
    let shown: Value =
        serde_json::from_str(&ok(data, &["--json", "admin", "policy", "show"])).expect("json");
    assert_eq!(shown["default_tlp"], "TLP:AMBER");
    assert_eq!(shown["collections"][0]["public"], true);
    assert_eq!(shown["collections"][0]["amber"], json!(["Lab"]));

    let hub = start_hub(data);
    let objects = format!("/taxii2/api/collections/{c}/objects/");
    let post = |token: &str, objs: Vec<Value>| {
        let (status, body) = call(
            &hub,
            "POST",
            &objects,
            Some(token),
            &json!({"objects": objs}).to_string(),
        );
        assert_eq!(status, 202, "{body}");
        let v: Value = serde_json::from_str(&body).expect("status");
        assert_eq!(v["failure_count"], 0, "{body}");
    };
    post(
        &alice,
        vec![
            indicator(1, Some(CLEAR), Some(MERCY_ID)),
            indicator(2, None, Some(MERCY_ID)),
            indicator(3, Some(AMBER), Some(MERCY_ID)),
        ],
    );
    post(&bob, vec![indicator(4, Some(CLEAR), Some(LAB_ID))]);

    let ids = |token: Option<&str>| -> (String, usize) {
        let (status, body) = call(&hub, "GET", &objects, token, "");
        assert_eq!(status, 200, "{body}");
        let v: Value = serde_json::from_str(&body).expect("json");
        (body, v["objects"].as_array().map_or(0, Vec::len))
    };
    // Without credentials: the public collection's CLEAR objects only.
    let (body, n) = ids(None);
    assert_eq!(n, 2, "{body}");
    // Anonymous Mercy's name is replaced; named Lab keeps its own.
    assert!(!body.contains(MERCY_ID) && body.contains(LAB_ID), "{body}");
    // Unmarked objects are AMBER on this hub: Lab (the audience) reads them, Clinic not.
    assert_eq!(ids(Some(&bob)).1, 4);
    assert_eq!(ids(Some(&carol)).1, 2);

    // The dashboard: counts for a signed-in member (what that member may read: Clinic 2 of
    // the 4 objects, Lab all 4), a challenge for anyone else.
    let (status, page) = call(&hub, "GET", "/", Some(&carol), "");
    assert_eq!(status, 200);
    assert!(
        page.contains("<html") && page.contains("Shared") && page.contains(">2<"),
        "{page}"
    );
    assert!(call(&hub, "GET", "/", Some(&bob), "").1.contains(">4<"));
    assert!(!page.contains("203.0.113") && !page.contains("http://") && !page.contains("https://"));
    assert_eq!(call(&hub, "GET", "/", None, "").0, 401);

    // The operator finds who submitted an object; members never do.
    let who = ok(
        data,
        &[
            "admin",
            "policy",
            "submitter",
            "indicator--00000000-0000-4000-8000-000000000001",
        ],
    );
    assert!(who.contains(&c), "{who}");
    let none = ward(
        data,
        &[
            "admin",
            "policy",
            "submitter",
            "indicator--00000000-0000-4000-8000-000000000099",
        ],
    );
    assert_eq!(none.status.code(), Some(1));

    // Switching the collection private takes effect without a restart.
    ok(data, &["admin", "collection", "set", &c, "--private"]);
    std::thread::sleep(ward_policy::SETTINGS_TTL + Duration::from_millis(300));
    assert_eq!(call(&hub, "GET", &objects, None, "").0, 401);
}

#[test]
fn bad_settings_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path();
    ok(data, &["admin", "init"]);
    ok(data, &["admin", "org", "add", "Mercy"]);
    for args in [
        &["admin", "org", "set", "Mercy", "--attribution", "loud"][..],
        &["admin", "org", "set", "Mercy", "--domain", "nodot"],
        &["admin", "org", "set", "Nobody", "--attribution", "named"],
        &["admin", "policy", "default-tlp", "purple"],
        &[
            "admin",
            "collection",
            "set",
            "no-such-collection",
            "--public",
        ],
    ] {
        let out = ward(data, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    }
    let set = ok(
        data,
        &[
            "--json",
            "admin",
            "org",
            "set",
            "Mercy",
            "--attribution",
            "named",
            "--domain",
            "mercy.org",
        ],
    );
    let v: Value = serde_json::from_str(&set).expect("json");
    assert_eq!(v["attribution"], "named");
    assert_eq!(v["domains"], json!(["mercy.org"]));
}
