//! End-to-end tests of the TAXII client: `ward push` and `ward pull` against a real
//! `ward serve`, and `ward pull` against medallion (PyPI) seeded with 300 objects over 3+
//! pages, many sharing one `date_added`. Servers run on free loopback ports and are killed at
//! the end of each test.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use serde_json::{json, Value};
use ward_testkit::medallion::{Medallion, Seed};

fn ward(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ward"));
    c.arg("--data").arg(data);
    c
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A server process killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn indicator(i: usize) -> Value {
    json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{i:012}"),
        "created": "2025-08-01T00:00:00.000Z", "modified": "2025-08-01T00:00:00.000Z",
        "valid_from": "2025-08-01T00:00:00Z", "confidence": 80,
        "pattern": format!("[ipv4-addr:value = '94.156.66.{}']", i % 250),
        "pattern_type": "stix"
    })
}

fn pull(
    data: &Path,
    url: &str,
    collection: &str,
    auth: &[&str],
    extra_env: &[(&str, &str)],
) -> Value {
    let mut cmd = ward(data);
    cmd.args([
        "--json",
        "pull",
        "--from",
        url,
        "--collection",
        collection,
        "--page-size",
        "100",
    ])
    .args(auth);
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    serde_json::from_str(&ok(cmd.output().unwrap())).unwrap()
}

#[test]
fn push_then_pull_from_the_hub_and_pull_again_gets_nothing_new() {
    let hub_data = tempfile::tempdir().unwrap();
    let admin = |args: &[&str]| {
        ok(ward(hub_data.path())
            .arg("admin")
            .args(args)
            .output()
            .unwrap())
    };
    admin(&["init"]);
    admin(&["org", "add", "clinic"]);
    admin(&["user", "add", "--org", "clinic", "pat"]);
    let token = admin(&["token", "create", "--user", "pat"]);
    let collection = admin(&[
        "collection",
        "add",
        "shared",
        "--read",
        "clinic",
        "--write",
        "clinic",
    ]);

    let mut child = ward(hub_data.path())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _hub = Server(child);
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_string();
    let discovery = format!("{base}/taxii2/");

    // Push 250 objects and one the hub must refuse.
    let member = tempfile::tempdir().unwrap();
    let mut objects: Vec<Value> = (0..250).map(indicator).collect();
    objects.push(
        json!({"type": "indicator", "spec_version": "2.1", "id": "indicator--bad",
        "created": "2025-08-01T00:00:00Z", "modified": "2025-08-01T00:00:00Z"}),
    );
    let file = member.path().join("bundle.json");
    std::fs::write(&file, json!({"type": "bundle", "id": "bundle--5d0c8a2e-4f3d-4b2a-9c1e-8d7f6a5b4c3d", "objects": objects}).to_string()).unwrap();
    let out = ward(member.path())
        .args([
            "push",
            "--to",
            &discovery,
            "--collection",
            &collection,
            "--token",
            &token,
        ])
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("250 accepted, 1 failed"), "{stdout}");
    assert!(stderr.contains("failed: indicator--bad"), "{stderr}");

    let auth = ["--token", token.as_str()];
    let first = pull(member.path(), &discovery, &collection, &auth, &[]);
    assert_eq!(first["new"], 250, "{first}");
    assert!(first["pages"].as_u64().unwrap() >= 3, "{first}");
    let second = pull(member.path(), &discovery, &collection, &auth, &[]);
    assert_eq!(second["new"], 0, "{second}");

    // The pulled intel is in the local store, ready for exports.
    let plain = ok(ward(member.path())
        .args(["export", "--format", "plain-ip", "--min-score", "0"])
        .output()
        .unwrap());
    assert!(plain.contains("\n94.156.66.7\n"));

    // A wrong token is refused with one line, exit 2.
    let out = ward(member.path())
        .args([
            "pull",
            "--from",
            &discovery,
            "--collection",
            &collection,
            "--token",
            "nope",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("401"));
}

#[test]
fn pull_from_medallion_gets_300_objects_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let collection = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
    // 300 objects over 30 instants: ten objects share each date_added.
    let objects: Vec<Value> = (0..300).map(indicator).collect();
    let manifest: Vec<Value> = (0..300)
        .map(|i| {
            json!({
                "id": format!("indicator--00000000-0000-4000-8000-{i:012}"),
                "date_added": format!("2025-08-02T00:00:{:02}.000000Z", i / 10),
                "version": "2025-08-01T00:00:00.000Z",
                "media_type": "application/stix+json;version=2.1"
            })
        })
        .collect();
    let seed = Seed {
        collection,
        objects,
        manifest,
        user: ("member", "s3cret"),
        page_size: 100,
    };
    let Some(medallion) = Medallion::start(dir.path(), seed) else {
        return;
    };

    let member = tempfile::tempdir().unwrap();
    let discovery = medallion.discovery();
    let auth = ["--user", "member"];
    let env = [("WARD_PASSWORD", "s3cret")];
    let first = pull(member.path(), &discovery, collection, &auth, &env);
    assert_eq!(first["received"], 300, "{first}");
    assert_eq!(first["new"], 300, "{first}");
    assert!(first["pages"].as_u64().unwrap() >= 3, "{first}");
    let second = pull(member.path(), &discovery, collection, &auth, &env);
    assert_eq!(second["new"], 0, "{second}");
    let stix: Value = serde_json::from_str(&ok(ward(member.path())
        .args(["export", "--format", "stix", "--min-score", "0"])
        .output()
        .unwrap()))
    .unwrap();
    let ids: std::collections::BTreeSet<&str> = stix["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 300);
}
