//! A member's data folder for the tests of `ward watch`'s web pages (`watch_web` over HTTP,
//! `browser_member` in Chromium): real intel, a week of findings (a scan with a hit, an
//! exposure ranking, two plans), shares queued for a hub, the sign-in password, and what the
//! store and the hub hold afterwards.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::watch::{wait_secs, Watch};

const WARD: &str = env!("CARGO_BIN_EXE_ward");
pub const INDICATOR: &str = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
const INTEL: &str = r#"{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"Known C2 host",
 "pattern":"[ipv4-addr:value = '198.51.100.77']","pattern_type":"stix",
 "valid_from":"2026-01-01T00:00:00Z"}]}"#;

pub fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(WARD), data, args)
}

pub fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

pub fn fixture(name: &str) -> String {
    ward_testkit::workspace_root()
        .join("crates/exposure/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// A Suricata EVE flow from `device` to the indicator's address.
pub fn eve(device: &str) -> String {
    format!(
        "{{\"timestamp\":\"2026-12-03T10:00:00.000000+0000\",\"event_type\":\"flow\",\"src_ip\":\"{device}\",\"src_port\":5555,\"dest_ip\":\"198.51.100.77\",\"dest_port\":443,\"proto\":\"TCP\"}}\n"
    )
}

/// A member folder with its profile, intel and a log, and watch.toml with `[web]` on a free
/// loopback port (plus `extra` in `[web]`).
pub fn member(dir: &Path, extra: &str) -> PathBuf {
    let data = dir.join("member");
    ok(ward(
        &data,
        &[
            "init",
            "--org",
            "Web Test Clinic",
            "--domain",
            "web-test.example",
        ],
    ));
    let intel = dir.join("intel.json");
    fs::write(&intel, INTEL).unwrap();
    ok(ward(&data, &["import", intel.to_str().unwrap()]));
    let logs = data.join("logs");
    fs::create_dir_all(&logs).unwrap();
    fs::write(logs.join("eve.json"), "").unwrap();
    fs::write(
        data.join("watch.toml"),
        format!("[[logs]]\npath = \"logs/eve.json\"\n\n[web]\nlisten = \"127.0.0.1:0\"\n{extra}"),
    )
    .unwrap();
    data
}

/// A week of real findings in `data`: a scan with a hit from 10.0.0.5, a ranking of the
/// clinic's devices, and the plans of 2026-11-20 and of today.
pub fn week(dir: &Path, data: &Path) {
    let scanned = dir.join("fw-eve.json");
    fs::write(&scanned, eve("10.0.0.5")).unwrap();
    let _ = ward(data, &["scan", scanned.to_str().unwrap()]);
    let _ = ward(
        data,
        &[
            "exposure",
            "--inventory",
            &fixture("clinic-inventory.csv"),
            "--kev",
            &fixture("kev.json"),
            "--epss",
            &fixture("epss-sample.csv"),
            "--nvd",
            &fixture("nvd-sample.json"),
            "--advisories",
            &fixture("icsma-csaf"),
            "--as-of",
            "2025-09-01",
        ],
    );
    assert!(data.join("exposure/latest.json").is_file());
    let _ = ward(data, &["report", "--format", "md", "--date", "2026-11-20"]);
    let _ = ward(data, &["report", "--format", "md"]);
}

/// Queues two shares for the hub at `hub_base` (ids 1 and 2): an incident note naming a
/// patient, and a phishing note.
pub fn queue_shares(dir: &Path, data: &Path, hub_base: &str, collection: &str) {
    let url = format!("{hub_base}/taxii2/api/");
    let note = dir.join("incident.txt");
    fs::write(
        &note,
        "Patient John Smith called; workstation 10.20.1.15 beaconed to 185.220.101.5.\n",
    )
    .unwrap();
    let other = dir.join("other.txt");
    fs::write(&other, "Phishing kit hosted at updates-cdn-check.com.\n").unwrap();
    for file in [&note, &other] {
        ok(ward(
            data,
            &[
                "share",
                file.to_str().unwrap(),
                "--to",
                &url,
                "--collection",
                collection,
                "--queue",
            ],
        ));
    }
}

/// `ward watch` on `data`, once its pages answer; and their address.
pub fn start(data: &Path) -> (Watch, String) {
    let w = Watch::spawn(data, &data.join("watch.err"), &[]);
    wait_secs("the web pages to start", 60, || {
        w.said("watch: web pages on http://")
    });
    let addr = w
        .after("watch: web pages on http://")
        .trim_end_matches('/')
        .to_string();
    (w, addr)
}

/// `ward watch web-password` with `password` on standard input.
pub fn set_password(data: &Path, password: &str) -> Output {
    let mut child = Command::new(WARD)
        .arg("--data")
        .arg(data)
        .args(["watch", "web-password"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The ids of the shares waiting for approval.
pub fn queue_ids(data: &Path) -> Vec<u64> {
    let out = ok(ward(data, &["--json", "share", "queue"]));
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    list.iter().filter_map(|i| i["id"].as_u64()).collect()
}

/// Every version the hub's store holds in `collection`.
pub fn hub_objects(hub_data: &Path, collection: &str) -> Vec<serde_json::Value> {
    use ward_store::{ObjectQuery, SqliteStore, Store, VersionSelect};
    let store = SqliteStore::open(hub_data).unwrap();
    let page = store
        .query_objects(
            collection,
            &ObjectQuery {
                versions: VersionSelect::all(),
                limit: 1000,
                ..ObjectQuery::default()
            },
        )
        .unwrap();
    page.items
        .into_iter()
        .map(|v| serde_json::from_str(&v.json).unwrap())
        .collect()
}
