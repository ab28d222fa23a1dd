//! The hub's MISP feed on a real `ward serve`: one collection at several TLP levels, read by
//! two members of different clearance. Each event loads in PyMISP's `MISPEvent`, `manifest.json`
//! and `hashes.csv` agree with the events as PyMISP computes them, nothing a TAXII GET hides
//! from a member reaches it through the feed, and `ward import` reads the served feed back.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};
use ward_testkit::Hub;

const TAXII: &str = "application/taxii+json;version=2.1";
const CLEAR: &str = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
const GREEN: &str = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const AMBER: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn ok(data: &Path, args: &[&str]) -> String {
    ward_testkit::stdout_of(ward(data, args))
}

fn get(hub: &Hub, path: &str, token: Option<&str>) -> (u16, String) {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Accept", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    let (status, _, body) =
        ward_testkit::http(&hub.addr, "GET", path, &headers, b"").expect("request");
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// POSTs `objects` to the collection; the HTTP status and the status resource.
fn post(hub: &Hub, cid: &str, auth: &str, objects: &[Value]) -> (u16, Value) {
    let (status, _, body) = ward_testkit::http(
        &hub.addr,
        "POST",
        &format!("/taxii2/api/collections/{cid}/objects/"),
        &[
            ("Accept", TAXII),
            ("Content-Type", TAXII),
            ("Authorization", auth),
        ],
        json!({ "objects": objects }).to_string().as_bytes(),
    )
    .expect("post");
    (status, serde_json::from_slice(&body).expect("status"))
}

fn id(kind: &str, n: u32) -> String {
    format!("{kind}--00000000-0000-4000-8000-{n:012}")
}

fn indicator(n: u32, pattern: &str, marking: &str, created: &str) -> Value {
    json!({"type": "indicator", "spec_version": "2.1", "id": id("indicator", n),
        "created": created, "modified": created, "name": format!("indicator {n}"),
        "pattern": pattern, "pattern_type": "stix", "valid_from": created,
        "object_marking_refs": [marking]})
}

fn report(n: u32, name: &str, marking: &str, refs: &[String]) -> Value {
    json!({"type": "report", "spec_version": "2.1", "id": id("report", n),
        "created": "2026-12-01T08:00:00.000Z", "modified": "2026-12-01T09:00:00.000Z",
        "name": name, "published": "2026-12-01T09:00:00Z", "object_refs": refs,
        "object_marking_refs": [marking]})
}

/// What one member reads through the feed: the manifest, hashes.csv and each event.
struct Read {
    manifest: Value,
    hashes: String,
    events: Vec<(String, String)>,
}

fn read_feed(hub: &Hub, base: &str, token: &str) -> Read {
    let (status, manifest) = get(hub, &format!("{base}/manifest.json"), Some(token));
    assert_eq!(status, 200, "{manifest}");
    let manifest: Value = serde_json::from_str(&manifest).expect("manifest json");
    let (status, hashes) = get(hub, &format!("{base}/hashes.csv"), Some(token));
    assert_eq!(status, 200, "{hashes}");
    let mut events = Vec::new();
    for uuid in manifest.as_object().expect("manifest object").keys() {
        let (status, body) = get(hub, &format!("{base}/{uuid}.json"), Some(token));
        assert_eq!(status, 200, "{uuid}: {body}");
        events.push((uuid.clone(), body));
    }
    Read {
        manifest,
        hashes,
        events,
    }
}

/// Every object id a TAXII GET serves to this member.
fn taxii_ids(hub: &Hub, cid: &str, token: &str) -> HashSet<String> {
    let auth = format!("Bearer {token}");
    let (status, _, body) = ward_testkit::http(
        &hub.addr,
        "GET",
        &format!("/taxii2/api/collections/{cid}/objects/"),
        &[("Accept", TAXII), ("Authorization", &auth)],
        b"",
    )
    .expect("taxii get");
    assert_eq!(status, 200);
    let v: Value = serde_json::from_slice(&body).expect("json");
    v["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .map(|o| o["id"].as_str().expect("id").to_string())
        .collect()
}

/// Loads each event with PyMISP and prints, per event, its uuid, attribute count, tags and
/// the md5 hashes MISP's feed generator would write for it.
const PYMISP_CHECK: &str = r#"
import json, sys
from pymisp import MISPEvent
out = {}
for path in sys.argv[1:]:
    e = MISPEvent()
    e.load(open(path).read())
    out[str(e.uuid)] = {
        "attributes": len(e.attributes),
        "tags": sorted(t.name for t in e.tags),
        "hashes": sorted(e.attributes_hashes('md5')),
        "to_ids": sorted(a.value for a in e.attributes if a.to_ids),
        "info": e.info,
    }
print(json.dumps(out))
"#;

#[test]
fn the_hub_serves_each_collection_as_a_misp_feed_within_each_readers_clearance() {
    let Some(python) = ward_testkit::python_with("pymisp") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let data = data.as_path();
    ok(data, &["admin", "init"]);
    ok(data, &["admin", "org", "add", "Mercy"]);
    ok(data, &["admin", "org", "add", "Lab"]);
    ok(data, &["admin", "user", "add", "--org", "Mercy", "alice"]);
    ok(data, &["admin", "user", "add", "--org", "Lab", "bob"]);
    let alice = ok(data, &["admin", "token", "create", "--user", "alice"]);
    let bob = ok(data, &["admin", "token", "create", "--user", "bob"]);
    let cid = ok(
        data,
        &[
            "admin",
            "collection",
            "add",
            "Shared",
            "--read",
            "Mercy,Lab",
            "--write",
            "Mercy",
        ],
    );
    ok(
        data,
        &[
            "admin",
            "collection",
            "add",
            "Mercy only",
            "--read",
            "Mercy",
        ],
    );
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), data, &[], &[]);

    let day1 = "2026-12-01T08:00:00.000Z";
    let file = json!({"type": "file", "spec_version": "2.1",
        "id": "file--6f3a1d52-1b34-5b5e-9b1a-0b8c3c0f7a11",
        "hashes": {"SHA-256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
        "object_marking_refs": [GREEN]});
    let objects = vec![
        indicator(1, "[ipv4-addr:value = '45.133.1.20']", CLEAR, day1),
        indicator(2, "[domain-name:value = 'evil.example']", GREEN, day1),
        // AMBER: Mercy (the submitter) reads it, Lab may not.
        indicator(3, "[ipv4-addr:value = '185.220.101.77']", AMBER, day1),
        // In no report: the daily events.
        indicator(
            4,
            "[url:value = 'http://clear.example/drop']",
            CLEAR,
            "2026-11-30T10:00:00.000Z",
        ),
        indicator(
            5,
            "[file:hashes.'SHA-256' = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']",
            AMBER,
            "2026-11-29T10:00:00.000Z",
        ),
        file.clone(),
        report(
            101,
            "Ransomware staging seen at two clinics",
            CLEAR,
            &[id("indicator", 1), id("indicator", 2), id("indicator", 3)],
        ),
        report(102, "Secret lead", AMBER, &[id("indicator", 3)]),
        report(
            103,
            "Phishing kit",
            GREEN,
            &[id("indicator", 2), file["id"].as_str().unwrap().to_string()],
        ),
    ];
    let auth = format!("Bearer {alice}");
    let (status, status_body) = post(&hub, &cid, &auth, &objects);
    assert_eq!(status, 202);
    assert_eq!(status_body["failure_count"], 0, "{status_body}");

    let base = format!("/misp/api/{cid}");
    let mercy = read_feed(&hub, &base, &alice);
    let lab = read_feed(&hub, &base, &bob);

    // Mercy: three reports and two days (CLEAR on 11-30, AMBER on 11-29); Lab: two reports
    // and one day. The AMBER report and the AMBER day are not there for Lab at all.
    assert_eq!(mercy.events.len(), 5, "{}", mercy.manifest);
    assert_eq!(lab.events.len(), 3, "{}", lab.manifest);
    let r1 = "00000000-0000-4000-8000-000000000101";
    let r2 = "00000000-0000-4000-8000-000000000102";
    assert!(mercy.manifest.get(r2).is_some());
    assert!(lab.manifest.get(r2).is_none());
    assert_eq!(
        lab.manifest[r1]["info"],
        "Ransomware staging seen at two clinics"
    );
    assert_eq!(lab.manifest[r1]["date"], "2026-12-01");
    assert_eq!(lab.manifest[r1]["Tag"][0]["name"], "tlp:clear");
    for key in [
        "Orgc",
        "Tag",
        "info",
        "date",
        "analysis",
        "threat_level_id",
        "timestamp",
    ] {
        assert!(lab.manifest[r1].get(key).is_some(), "manifest lacks {key}");
    }

    // Nothing Lab may not read, in any byte it is served: not the AMBER values, not the
    // AMBER report's name or uuid.
    let everything = format!(
        "{}{}{}",
        lab.manifest,
        lab.hashes,
        lab.events
            .iter()
            .map(|(_, b)| b.as_str())
            .collect::<String>()
    );
    for secret in ["185.220.101.77", "aaaaaaaaaaaaaaaa", "Secret lead", r2] {
        assert!(!everything.contains(secret), "{secret} leaked to Lab");
    }
    // md5("185.220.101.77") is not among Lab's hashes either (a count or a hash is a trace).
    let mercy_all: String = mercy.events.iter().map(|(_, b)| b.as_str()).collect();
    assert!(mercy_all.contains("185.220.101.77") && mercy_all.contains("Secret lead"));
    let secret_hash = mercy
        .hashes
        .lines()
        .find_map(|l| l.strip_suffix(&format!(",{r2}")))
        .expect("the AMBER report's hash line for Mercy");
    assert!(!lab.hashes.contains(secret_hash), "{}", lab.hashes);

    // Every attribute Lab gets stands for an object a TAXII GET serves Lab.
    let readable = taxii_ids(&hub, &cid, &bob);
    for (uuid, body) in &lab.events {
        let e: Value = serde_json::from_str(body).expect("event json");
        for a in e["Event"]["Attribute"].as_array().expect("attributes") {
            let u = a["uuid"].as_str().expect("uuid");
            assert!(
                readable.iter().any(|id| id.ends_with(u)),
                "{uuid}: attribute {u} is not readable by TAXII"
            );
        }
    }

    // PyMISP loads every event; hashes.csv is what MISP's generator would write for them.
    let check = |read: &Read, name: &str| -> Value {
        let folder = dir.path().join(name);
        std::fs::create_dir_all(&folder).expect("folder");
        let mut paths = Vec::new();
        for (uuid, body) in &read.events {
            let p = folder.join(format!("{uuid}.json"));
            std::fs::write(&p, body).expect("write event");
            paths.push(p);
        }
        std::fs::write(folder.join("manifest.json"), read.manifest.to_string()).expect("write");
        let out = Command::new(&python)
            .arg("-c")
            .arg(PYMISP_CHECK)
            .args(&paths)
            .output()
            .expect("python");
        assert!(
            out.status.success(),
            "PyMISP refused an event: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("python json")
    };
    let loaded = check(&lab, "lab-feed");
    assert_eq!(loaded.as_object().unwrap().len(), 3);
    assert_eq!(loaded[r1]["attributes"], 2, "{loaded}");
    assert_eq!(loaded[r1]["to_ids"], json!(["45.133.1.20", "evil.example"]));
    assert_eq!(loaded[r1]["tags"], json!(["tlp:clear"]));
    let r3 = "00000000-0000-4000-8000-000000000103";
    assert_eq!(loaded[r3]["attributes"], 2, "{loaded}");
    let mut expected: Vec<String> = Vec::new();
    for (uuid, v) in loaded.as_object().unwrap() {
        for h in v["hashes"].as_array().unwrap() {
            expected.push(format!("{},{uuid}", h.as_str().unwrap()));
        }
    }
    let mut served: Vec<String> = lab.hashes.lines().map(str::to_string).collect();
    expected.sort();
    served.sort();
    assert_eq!(served, expected);
    let mercy_loaded = check(&mercy, "mercy-feed");
    assert_eq!(mercy_loaded[r1]["attributes"], 3, "{mercy_loaded}");
    assert_eq!(mercy.hashes.lines().count(), 8, "{}", mercy.hashes);

    // Clearance of the collection itself, as on TAXII.
    assert_eq!(get(&hub, &format!("{base}/manifest.json"), None).0, 401);
    let (status, body) = get(&hub, &format!("{base}/{r2}.json"), Some(&bob));
    assert_eq!(status, 404, "{body}");
    let others = ok(data, &["--json", "admin", "collection", "list"]);
    let mercy_only = serde_json::from_str::<Value>(&others)
        .ok()
        .and_then(|v| {
            v.as_array()?
                .iter()
                .find(|c| c["title"] == "Mercy only")
                .and_then(|c| c["id"].as_str().map(str::to_string))
        })
        .expect("the second collection");
    let (status, body) = get(
        &hub,
        &format!("/misp/api/{mercy_only}/manifest.json"),
        Some(&bob),
    );
    assert!(status == 403 || status == 404, "{status} {body}");
    assert_eq!(get(&hub, &format!("{base}/nothing.txt"), Some(&bob)).0, 404);

    // The member's MISP importer reads the served feed back.
    let member = dir.path().join("member");
    let imported = ok(
        &member,
        &[
            "--json",
            "import",
            dir.path().join("lab-feed").to_str().unwrap(),
        ],
    );
    let imported: Value = serde_json::from_str(&imported).expect("import json");
    assert_eq!(imported["indicators"], 3, "{imported}");
    let ips = ok(&member, &["export", "--format", "plain-ip"]);
    assert!(
        ips.contains("45.133.1.20") && !ips.contains("185.220.101.77"),
        "{ips}"
    );

    // Answers are kept, and a new object is in the next one: the same manifest twice, then
    // a report posted, then the manifest and hashes.csv with it.
    let (_, first) = get(&hub, &format!("{base}/manifest.json"), Some(&bob));
    let (_, again) = get(&hub, &format!("{base}/manifest.json"), Some(&bob));
    assert_eq!(first, again);
    let newer = vec![
        indicator(6, "[domain-name:value = 'late.example']", GREEN, day1),
        report(104, "Late report", GREEN, &[id("indicator", 6)]),
    ];
    let (status, _) = post(&hub, &cid, &auth, &newer);
    assert_eq!(status, 202);
    let r4 = "00000000-0000-4000-8000-000000000104";
    let (_, after) = get(&hub, &format!("{base}/manifest.json"), Some(&bob));
    let after: Value = serde_json::from_str(&after).expect("manifest");
    assert!(after.get(r4).is_some(), "{after}");
    let (_, hashes) = get(&hub, &format!("{base}/hashes.csv"), Some(&bob));
    assert!(hashes.contains(r4), "{hashes}");
    // Another reader's answer is its own: Lab's kept manifest is not Mercy's.
    let (_, mercy_manifest) = get(&hub, &format!("{base}/manifest.json"), Some(&alice));
    assert!(mercy_manifest.contains(r2), "{mercy_manifest}");
    let (_, lab_manifest) = get(&hub, &format!("{base}/manifest.json"), Some(&bob));
    assert!(!lab_manifest.contains(r2), "{lab_manifest}");
}
