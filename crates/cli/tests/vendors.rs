//! Third-party watch end to end on the real binary: `ward vendors` keeps the list, intel
//! that names a listed vendor becomes an action in `ward report --format json`, a word that
//! merely looks like a vendor's name does not; and on a real `ward serve`, members register
//! their vendors, a member's vendor incident notice reaches exactly the members that listed
//! the vendor, and the operator sees counts without names.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};
use ward_store::Store;
use ward_testkit::Hub;

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

const T: &str = "2026-11-30T09:00:00.000Z";
const DAY: &str = "2026-12-01";
/// The report of the Change Healthcare notice in the hub test.
const NOTICE_REPORT: &str = "report--0a0b0c0d-1111-4222-8333-000000000042";

fn report(id: &str, name: &str, description: &str) -> Value {
    json!({"type": "report", "spec_version": "2.1", "id": id, "created": T, "modified": T,
        "name": name, "description": description, "published": T,
        "report_types": ["threat-report"],
        "object_refs": ["indicator--0a0b0c0d-1111-4222-8333-444455556666"]})
}

fn indicator() -> Value {
    json!({"type": "indicator", "spec_version": "2.1",
        "id": "indicator--0a0b0c0d-1111-4222-8333-444455556666", "created": T, "modified": T,
        "name": "Ransomware C2", "pattern": "[ipv4-addr:value = '203.0.113.77']",
        "pattern_type": "stix", "valid_from": T})
}

fn import(data: &Path, dir: &Path, name: &str, objects: Vec<Value>) {
    let file = dir.join(name);
    let bundle = json!({"type": "bundle", "id": "bundle--0a0b0c0d-1111-4222-8333-000000000001",
        "objects": objects});
    std::fs::write(&file, bundle.to_string()).unwrap();
    ok(ward(data, &["import", file.to_str().unwrap()]));
}

/// The plan as JSON on `DAY` (exit 0 or 1: nothing else was checked this week).
fn plan(data: &Path) -> Value {
    let out = ward(data, &["report", "--format", "json", "--date", DAY]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("plan JSON")
}

fn actions(plan: &Value) -> Vec<Value> {
    let mut all = plan["top"].as_array().cloned().unwrap_or_default();
    all.extend(plan["rest"].as_array().cloned().unwrap_or_default());
    all
}

fn vendor_actions(plan: &Value) -> Vec<Value> {
    actions(plan)
        .into_iter()
        .filter(|a| a["title"].as_str().unwrap_or("").starts_with("Your "))
        .collect()
}

#[test]
fn the_list_normalises_names_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let said = ok(ward(
        &data,
        &[
            "vendors",
            "add",
            "Change Healthcare Inc.",
            "--kind",
            "clearinghouse",
        ],
    ));
    assert!(said.contains("change healthcare"), "{said}");
    let again = ok(ward(
        &data,
        &[
            "vendors",
            "add",
            "change healthcare",
            "--kind",
            "clearinghouse",
            "--contact",
            "Pat, 555-0100",
        ],
    ));
    assert!(again.starts_with("Updated"), "{again}");
    let list: Value =
        serde_json::from_str(&ok(ward(&data, &["--json", "vendors", "list"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["contact"], "Pat, 555-0100");

    let bad_kind = ward(&data, &["vendors", "add", "Acme", "--kind", "bank"]);
    assert_eq!(bad_kind.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_kind.stderr).contains("clearinghouse"));
    let empty = ward(&data, &["vendors", "add", "Inc.", "--kind", "other"]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("vendor name \"Inc.\""));

    // The inventory's vendor column counts too, as device makers.
    let inv = dir.path().join("inventory.csv");
    std::fs::write(
        &inv,
        "name,vendor,product,version\nICU monitor 1,Philips Healthcare,IntelliVue MX450,K.10\n\
         Front desk,Change Healthcare,Assurance Reimbursement,2.1\n",
    )
    .unwrap();
    let out = ward(&data, &["exposure", "--inventory", inv.to_str().unwrap()]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let list: Value =
        serde_json::from_str(&ok(ward(&data, &["--json", "vendors", "list"]))).unwrap();
    let keys: Vec<(&str, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["key"].as_str().unwrap(),
                v["from_inventory"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [("change healthcare", false), ("philips", true)],
        "{list}"
    );

    ok(ward(&data, &["vendors", "remove", "CHANGE HEALTHCARE"]));
    let gone = ward(&data, &["vendors", "remove", "Change Healthcare"]);
    assert_eq!(gone.status.code(), Some(1));
    let left = ok(ward(&data, &["vendors", "list"]));
    // Removed from the list, it is still in the inventory (as a device maker).
    assert_eq!(left.lines().count(), 2, "{left}");
    assert!(
        left.lines().all(|l| l.ends_with("(from the inventory)"))
            && !left.contains("clearinghouse"),
        "{left}"
    );
}

#[test]
fn intel_naming_a_listed_vendor_becomes_a_plan_action() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(ward(
        &data,
        &[
            "vendors",
            "add",
            "Change Healthcare",
            "--kind",
            "clearinghouse",
            "--contact",
            "Pat Doe, 555-0100",
        ],
    ));
    import(
        &data,
        dir.path(),
        "intel.json",
        vec![
            indicator(),
            report(
                "report--0a0b0c0d-1111-4222-8333-000000000010",
                "Ransomware at a billing clearinghouse",
                "Change Healthcare, Inc. reports that its claims systems were encrypted.",
            ),
        ],
    );
    let p = plan(&data);
    let found = vendor_actions(&p);
    assert_eq!(found.len(), 1, "{p:#}");
    let a = &found[0];
    assert!(
        a["title"]
            .as_str()
            .unwrap()
            .contains("clearinghouse Change Healthcare"),
        "{a:#}"
    );
    let steps = a["what"].to_string();
    assert!(
        steps.contains("Cut off") && steps.contains("Pat Doe, 555-0100"),
        "{steps}"
    );
    assert!(a["why"]
        .as_str()
        .unwrap()
        .contains("Ransomware at a billing clearinghouse"));
    assert!(a["csf"].to_string().contains("GV.SC-08"));

    // Once removed from the list, the same intel makes no action.
    ok(ward(&data, &["vendors", "remove", "Change Healthcare"]));
    assert!(vendor_actions(&plan(&data)).is_empty());
}

#[test]
fn the_word_epic_is_not_the_vendor_epic() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(ward(&data, &["vendors", "add", "Epic", "--kind", "ehr"]));
    ok(ward(
        &data,
        &[
            "vendors",
            "add",
            "Epic Systems Corporation",
            "--kind",
            "ehr",
        ],
    ));
    import(
        &data,
        dir.path(),
        "intel.json",
        vec![
            indicator(),
            report(
                "report--0a0b0c0d-1111-4222-8333-000000000020",
                "An epic phishing wave",
                "An epic campaign of invoice lures hit the billing systems of small clinics.",
            ),
        ],
    );
    assert!(vendor_actions(&plan(&data)).is_empty());

    // An identity named Epic that a campaign targets is the vendor.
    import(
        &data,
        dir.path(),
        "targets.json",
        vec![
            json!({"type": "identity", "spec_version": "2.1",
                "id": "identity--0a0b0c0d-1111-4222-8333-000000000030", "created": T, "modified": T,
                "name": "Epic", "identity_class": "organization"}),
            json!({"type": "campaign", "spec_version": "2.1",
                "id": "campaign--0a0b0c0d-1111-4222-8333-000000000031", "created": T, "modified": T,
                "name": "Credential theft at EHR hosts"}),
            json!({"type": "relationship", "spec_version": "2.1",
                "id": "relationship--0a0b0c0d-1111-4222-8333-000000000032", "created": T,
                "modified": T, "relationship_type": "targets",
                "source_ref": "campaign--0a0b0c0d-1111-4222-8333-000000000031",
                "target_ref": "identity--0a0b0c0d-1111-4222-8333-000000000030"}),
        ],
    );
    let found = vendor_actions(&plan(&data));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["why"].as_str().unwrap().contains("targets it"),
        "{:#}",
        found[0]
    );
}

// --- the hub -------------------------------------------------------------------------------

struct Member {
    data: std::path::PathBuf,
    token: String,
}

fn member(hub_data: &Path, dir: &Path, name: &str) -> Member {
    ok(ward(
        hub_data,
        &[
            "admin", "org", "add", name, "--read", "Shared", "--write", "Shared",
        ],
    ));
    let user = format!("{}-user", name.to_lowercase());
    ok(ward(
        hub_data,
        &["admin", "user", "add", "--org", name, &user],
    ));
    let token = ok(ward(
        hub_data,
        &["admin", "token", "create", "--user", &user],
    ));
    Member {
        data: dir.join(name),
        token,
    }
}

#[test]
fn a_notice_reaches_the_members_that_listed_the_vendor_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let hub_data = dir.path().join("hub");
    ok(ward(&hub_data, &["admin", "init"]));
    let collection = ok(ward(&hub_data, &["admin", "collection", "add", "Shared"]));
    let a = member(&hub_data, dir.path(), "Alder");
    let b = member(&hub_data, dir.path(), "Birch");
    let c = member(&hub_data, dir.path(), "Cedar");
    let d = member(&hub_data, dir.path(), "Dogwood");
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &hub_data, &[], &[]);
    let api = format!("{}/taxii2/api/", hub.base());

    let lists: [(&Member, &[&str]); 4] = [
        (&a, &["Change Healthcare Inc.", "Epic Systems"]),
        (&b, &["Epic Systems"]),
        (&c, &["Change Healthcare"]),
        (&d, &["change healthcare"]),
    ];
    for (m, names) in lists {
        for name in names {
            ok(ward(&m.data, &["vendors", "add", name, "--kind", "other"]));
        }
        let said = ok(ward(
            &m.data,
            &["vendors", "publish", "--hub", &api, "--token", &m.token],
        ));
        assert!(
            said.contains(&format!("Registered {}", names.len())),
            "{said}"
        );
    }

    // Cedar posts a notice about Change Healthcare.
    let notice = json!({"type": "bundle", "id": "bundle--0a0b0c0d-1111-4222-8333-000000000040",
    "objects": [
        {"type": "identity", "spec_version": "2.1",
         "id": "identity--0a0b0c0d-1111-4222-8333-000000000041", "created": T, "modified": T,
         "name": "Change Healthcare", "identity_class": "organization", "x_ward_vendor": true},
        {"type": "report", "spec_version": "2.1",
         "id": "report--0a0b0c0d-1111-4222-8333-000000000042", "created": T, "modified": T,
         "name": "Clearinghouse outage after ransomware", "published": T,
         "report_types": ["threat-report"],
         "x_ward_vendor_notice": {"vendor": "Change Healthcare", "kind": "clearinghouse"},
         "object_refs": ["identity--0a0b0c0d-1111-4222-8333-000000000041"]}
    ]});
    // Cedar pushes a bundle to the shared collection.
    let push = |name: &str, bundle: &Value| {
        let file = dir.path().join(name);
        std::fs::write(&file, bundle.to_string()).unwrap();
        ok(ward(
            &c.data,
            &[
                "push",
                "--to",
                &api,
                "--collection",
                &collection,
                "--token",
                &c.token,
                file.to_str().unwrap(),
            ],
        ));
    };
    push("notice.json", &notice);

    // And one about Epic Systems at TLP:RED: no member reads RED through a token, so no
    // member is told of it (a notice never says more than TAXII would show).
    let red = json!({"type": "bundle", "id": "bundle--0a0b0c0d-1111-4222-8333-000000000050",
    "objects": [
        {"type": "report", "spec_version": "2.1",
         "id": "report--0a0b0c0d-1111-4222-8333-000000000052", "created": T, "modified": T,
         "name": "EHR vendor breach, do not share", "published": T,
         "report_types": ["threat-report"],
         "object_marking_refs": ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"],
         "x_ward_vendor_notice": {"vendor": "Epic Systems", "kind": "ehr"},
         "object_refs": ["identity--0a0b0c0d-1111-4222-8333-000000000041"]}
    ]});
    push("red-notice.json", &red);

    let notices = |m: &Member| {
        ward(
            &m.data,
            &[
                "--json", "vendors", "notices", "--hub", &api, "--token", &m.token,
            ],
        )
    };
    for m in [&a, &d] {
        let out = notices(m);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let list = v["notices"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{v}");
        assert_eq!(list[0]["vendor"], "change healthcare");
        assert_eq!(
            list[0]["report"],
            "report--0a0b0c0d-1111-4222-8333-000000000042"
        );
    }
    for m in [&b, &c] {
        let out = notices(m);
        assert_eq!(
            out.status.code(),
            Some(1),
            "Birch did not list it; Cedar posted it"
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["notices"].as_array().unwrap().is_empty(), "{v}");
    }

    // The operator: three members depend on Change Healthcare; Epic Systems has two, so no
    // count is shown for it; no member is named.
    let text = ok(ward(&hub_data, &["admin", "vendors"]));
    assert!(
        text.contains("change healthcare: 3 members depend on this vendor"),
        "{text}"
    );
    assert!(
        text.contains("epic systems: fewer than 3 members (not shown)"),
        "{text}"
    );
    for name in ["Alder", "Birch", "Cedar", "Dogwood"] {
        assert!(!text.contains(name), "{text}");
    }
    let json: Value =
        serde_json::from_str(&ok(ward(&hub_data, &["--json", "admin", "vendors"]))).unwrap();
    assert_eq!(json["vendors"][0]["members"], 3, "{json}");
    assert_eq!(json["vendors"][1]["members"], Value::Null, "{json}");

    // Notices expire: one the hub recorded 31 days ago is listed under a 45-day max age,
    // not under the default 30 days, and is then forgotten.
    assert_eq!(json["notice_max_age_days"], 30, "{json}");
    {
        let store = ward_store::SqliteStore::open_existing(&hub_data).unwrap();
        let month_ago = ward_stix::Timestamp::from_micros(
            ward_stix::Timestamp::now().as_micros() - 31 * 86_400 * 1_000_000,
        );
        let rows: Vec<_> = store
            .settings("vendors/notice/")
            .unwrap()
            .into_iter()
            .filter(|(_, v)| v.contains(NOTICE_REPORT))
            .collect();
        assert_eq!(rows.len(), 2, "Alder's and Dogwood's");
        for (key, value) in rows {
            let mut notice: Value = serde_json::from_str(&value).unwrap();
            notice["received"] = json!(month_ago.to_string());
            store.set_setting(&key, Some(&notice.to_string())).unwrap();
        }
    }
    ok(ward(
        &hub_data,
        &["admin", "vendors", "--notice-max-age", "45"],
    ));
    assert_eq!(notices(&a).status.code(), Some(0), "31 days < 45");
    let json: Value = serde_json::from_str(&ok(ward(
        &hub_data,
        &["--json", "admin", "vendors", "--notice-max-age", "30"],
    )))
    .unwrap();
    assert_eq!(json["notice_max_age_days"], 30, "{json}");
    let out = notices(&a);
    assert_eq!(out.status.code(), Some(1), "31 days > 30: expired");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["notices"].as_array().unwrap().is_empty(), "{v}");
    let left: Vec<_> = ward_store::SqliteStore::open_existing(&hub_data)
        .unwrap()
        .settings("vendors/notice/")
        .unwrap()
        .into_iter()
        .filter(|(_, v)| v.contains(NOTICE_REPORT))
        .collect();
    assert_eq!(
        left.len(),
        1,
        "Alder's expired notice is forgotten, Dogwood's not read yet: {left:?}"
    );
    let out = ward(&hub_data, &["admin", "vendors", "--notice-max-age", "0"]);
    assert_eq!(out.status.code(), Some(2));

    // Bad input gets a TAXII error body, never a 500; a wrong token is refused.
    let refused = ward(
        &a.data,
        &["vendors", "notices", "--hub", &api, "--token", "wrong"],
    );
    assert_eq!(refused.status.code(), Some(2));
    let addr = hub.base().trim_start_matches("http://").to_string();
    let bearer = format!("Bearer {}", a.token);
    let taxii = "application/taxii+json;version=2.1";
    for (body, says) in [
        (&br#"{"vendors": [1]}"#[..], "vendors[0]"),
        (br#"{"vendors": "Change Healthcare"}"#, "expected {"),
        (b"{not json", "expected JSON"),
    ] {
        let (status, headers, reply) = ward_testkit::http(
            &addr,
            "POST",
            "/taxii2/api/ward/vendors/",
            &[
                ("Authorization", &bearer),
                ("Accept", taxii),
                ("Content-Type", taxii),
            ],
            body,
        )
        .unwrap();
        assert_eq!(status, 400, "{}", String::from_utf8_lossy(&reply));
        assert!(headers
            .iter()
            .any(|(k, v)| k == "content-type" && v.starts_with("application/taxii+json")));
        let error: Value = serde_json::from_slice(&reply).unwrap();
        assert!(
            error["description"].as_str().unwrap().contains(says),
            "{error}"
        );
    }
    // The refused posts changed nothing Alder registered.
    let again = ok(ward(&hub_data, &["admin", "vendors"]));
    assert!(again.contains("change healthcare: 3 members"), "{again}");
}

// --- the watch -----------------------------------------------------------------------------

mod common;

#[test]
fn the_watch_alerts_once_when_new_intel_names_a_listed_vendor() {
    use common::watch::{alert_lines, wait_secs, Watch};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let now = ward_stix::Timestamp::now().to_string();
    let dated = |mut v: Value| {
        v["created"] = json!(now);
        v["modified"] = json!(now);
        v
    };
    import(&data, dir.path(), "first.json", vec![dated(indicator())]);
    ok(ward(
        &data,
        &[
            "vendors",
            "add",
            "Change Healthcare",
            "--kind",
            "clearinghouse",
        ],
    ));
    std::fs::create_dir_all(dir.path().join("logs")).unwrap();
    std::fs::write(
        data.join("watch.toml"),
        "[[logs]]\npath = \"../logs/*.json\"\n",
    )
    .unwrap();
    let mut watch = Watch::spawn(&data, &dir.path().join("watch.err"), &[]);
    wait_secs("watch to start", 30, || watch.said("watch:"));
    import(
        &data,
        dir.path(),
        "second.json",
        vec![
            dated(report(
                "report--0a0b0c0d-1111-4222-8333-000000000050",
                "An epic week for phishing",
                "Nothing about any vendor we use.",
            )),
            dated(report(
                "report--0a0b0c0d-1111-4222-8333-000000000051",
                "Clearinghouse ransomware",
                "Change Healthcare systems were encrypted.",
            )),
            // A notice dated 47 days ago: past the max age (30 days), so no alert.
            {
                let mut old = report(
                    "report--0a0b0c0d-1111-4222-8333-000000000053",
                    "Clearinghouse outage last quarter",
                    "Change Healthcare claims were delayed.",
                );
                let then = ward_stix::Timestamp::from_micros(
                    ward_stix::Timestamp::now().as_micros() - 47 * 86_400 * 1_000_000,
                )
                .to_string();
                for k in ["created", "modified", "published"] {
                    old[k] = json!(then);
                }
                old["x_ward_vendor_notice"] = json!({"vendor": "Change Healthcare"});
                old
            },
        ],
    );
    wait_secs("the vendor alert", 30, || !alert_lines(&data).is_empty());
    // A third import that changes nothing about the vendor repeats no alert.
    import(
        &data,
        dir.path(),
        "third.json",
        vec![dated(
            indicator()
                .as_object()
                .cloned()
                .map(|mut o| {
                    o.insert(
                        "id".into(),
                        json!("indicator--0a0b0c0d-1111-4222-8333-000000000099"),
                    );
                    Value::Object(o)
                })
                .unwrap(),
        )],
    );
    wait_secs("the second intel change", 30, || {
        watch.text().matches("intel changed").count() >= 2
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    let lines = alert_lines(&data);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(lines[0]["field"], "vendor");
    assert_eq!(
        lines[0]["indicator_id"],
        "report--0a0b0c0d-1111-4222-8333-000000000051"
    );
    assert!(
        lines[0]["sentence"]
            .as_str()
            .unwrap()
            .contains("your clearinghouse Change Healthcare"),
        "{lines:#?}"
    );
    assert!(watch.terminate().success());
}

#[test]
fn intel_older_than_the_max_age_makes_no_action() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let listed = ["Change Healthcare", "--kind", "clearinghouse"];
    ok(ward(&data, &[&["vendors", "add"][..], &listed].concat()));
    // A notice dated 47 days before the plan's day.
    let old = "2026-10-15T09:00:00.000Z";
    let mut notice = report(
        "report--0a0b0c0d-1111-4222-8333-000000000060",
        "Clearinghouse outage",
        "Change Healthcare claims systems were encrypted.",
    );
    for k in ["created", "modified", "published"] {
        notice[k] = json!(old);
    }
    notice["x_ward_vendor_notice"] = json!({"vendor": "Change Healthcare"});
    import(&data, dir.path(), "old.json", vec![indicator(), notice]);
    assert!(vendor_actions(&plan(&data)).is_empty(), "47 days > 30");
    let said: Value =
        serde_json::from_str(&ok(ward(&data, &["--json", "vendors", "max-age", "60"]))).unwrap();
    assert_eq!(said["max_age_days"], 60);
    assert_eq!(vendor_actions(&plan(&data)).len(), 1, "47 days < 60");
    ok(ward(&data, &["vendors", "max-age", "30"]));
    assert!(vendor_actions(&plan(&data)).is_empty());
    for bad in ["0", "5000", "soon"] {
        let out = ward(&data, &["vendors", "max-age", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
}
