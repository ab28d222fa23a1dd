//! End-to-end tests of `ward scrub` and `ward share` against the real binary; the hub is
//! played by a one-request HTTP listener on loopback that records what it received.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};
use std::thread;

use serde_json::{json, Value};

fn ward(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(args)
        .env_remove("WARD_TOKEN")
        .env("WARD_DATA", data_dir())
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run ward: {e}"),
    }
}

/// The data folder of the running test: one per test (its thread is named after it), so a
/// test's `ward init` gives no other test running beside it an organization profile.
fn data_dir() -> std::path::PathBuf {
    let test = std::thread::current()
        .name()
        .unwrap_or("main")
        .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
    std::env::temp_dir().join(format!("ward-test-{}-{test}", std::process::id()))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The standard output of a run that must have succeeded.
fn succeeded(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(out)
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("temp file");
    path.display().to_string()
}

const NARRATIVE: &str = "Patient John Smith (MRN 4821937, SSN 123-45-6789) called from (555) 123-4567.\n\
Nurse Delphine Oyelaran forwarded the lure from billing@secure-invoices.ru to jsmith@stmarys.org.\n\
Workstation WS-0425 (10.20.1.15) beaconed to 185.220.101.5 and evil-cdn.top; sample \
9f86d081884c7d659a2feaa0c55ad015a3bf4f1b4d0a15d3d3e7d7b6d4c1b2a3 was LockBit (CVE-2023-4966, T1190).\n";

#[test]
fn scrub_text_replaces_identifiers_and_keeps_indicators() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(&dir, "n.txt", NARRATIVE);
    let report = dir.path().join("report.json");
    let out = ward(&[
        "scrub",
        "--org-domain",
        "stmarys.org",
        "--report",
        &report.display().to_string(),
        &file,
    ]);
    let text = succeeded(&out);
    for gone in [
        "John Smith",
        "4821937",
        "123-45-6789",
        "123-4567",
        "Oyelaran",
        "jsmith@stmarys.org",
        "WS-0425",
        "10.20.1.15",
    ] {
        assert!(!text.contains(gone), "{gone} leaked: {text}");
    }
    for kept in [
        "billing@secure-invoices.ru",
        "185.220.101.5",
        "evil-cdn.top",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b4d0a15d3d3e7d7b6d4c1b2a3",
        "LockBit",
        "CVE-2023-4966",
        "T1190",
    ] {
        assert!(text.contains(kept), "{kept} was not kept: {text}");
    }
    for placeholder in [
        "[NAME]",
        "[MRN]",
        "[SSN]",
        "[PHONE]",
        "[EMAIL]",
        "[INTERNAL-HOST]",
        "[INTERNAL-IP]",
    ] {
        assert!(text.contains(placeholder), "{placeholder} missing: {text}");
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report written"))
            .expect("report is JSON");
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings
        .iter()
        .any(|f| f["kind"] == "ssn" && f["original"] == "123-45-6789" && f["reason"].is_string()));
    assert_eq!(report["removed"]["mrn"], 1);
}

/// A text of several windows (`--window 1`, 1 MB) scrubs paragraph by paragraph as the
/// whole text would; the report's offsets point into the whole input, `--json` gives the
/// same text and findings, and a name found in the first window is removed from the last.
#[test]
fn a_text_longer_than_a_window_is_scrubbed_window_by_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut input = String::from("Dr. Mark Hill paged the on-call nurse.\n\n");
    let mut copies = 0;
    while input.len() < 2_600_000 {
        input.push_str(NARRATIVE);
        input.push('\n');
        copies += 1;
    }
    input.push_str("Later Hill called back.\n");
    let file = write(&dir, "big.txt", &input);
    let report = dir.path().join("report.json");
    let report_arg = report.display().to_string();
    let args = ["scrub", "--org-domain", "stmarys.org", "--window", "1"];
    let out = ward(&[&args[..], &["--report", &report_arg, &file]].concat());
    let text = succeeded(&out);
    let one = ward(&[
        "scrub",
        "--org-domain",
        "stmarys.org",
        &write(&dir, "one.txt", NARRATIVE),
    ]);
    let want = format!("{}\n", stdout(&one));
    assert!(text.starts_with("Dr. [NAME] paged the on-call nurse.\n\n"));
    assert!(
        text.ends_with("Later [NAME] called back.\n"),
        "the carried name"
    );
    let body = &text["Dr. [NAME] paged the on-call nurse.\n\n".len()..];
    assert_eq!(
        body,
        format!("{}Later [NAME] called back.\n", want.repeat(copies))
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings.len() > 1000);
    for f in findings {
        let (a, b) = (
            f["start"].as_u64().expect("start"),
            f["end"].as_u64().expect("end"),
        );
        assert_eq!(input.get(a as usize..b as usize), f["original"].as_str());
    }
    let json_out = ward(&[&["--json"][..], &args[..], &[&file[..]]].concat());
    let v: Value = serde_json::from_slice(&json_out.stdout).expect("one JSON object");
    assert_eq!(v["text"].as_str(), Some(text.as_str()));
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(findings.len()));
}

#[test]
fn scrub_stix_drops_internal_observables_and_redacts_accounts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ts = "2024-03-04T10:00:00.000Z";
    let bundle = json!({"type": "bundle", "id": "bundle--6f2a6c1e-1d1b-4f7e-9a55-1b8f0e3d2c11", "objects": [
        {"type": "ipv4-addr", "spec_version": "2.1", "id": "ipv4-addr--11111111-1111-4111-8111-111111111111", "value": "10.1.2.3"},
        {"type": "ipv4-addr", "spec_version": "2.1", "id": "ipv4-addr--22222222-2222-4222-8222-222222222222", "value": "185.220.101.5"},
        {"type": "user-account", "spec_version": "2.1", "id": "user-account--33333333-3333-4333-8333-333333333333", "account_login": "jsmith"},
        {"type": "observed-data", "spec_version": "2.1", "id": "observed-data--44444444-4444-4444-8444-444444444444",
         "created": ts, "modified": ts, "first_observed": ts, "last_observed": ts, "number_observed": 1,
         "object_refs": ["ipv4-addr--11111111-1111-4111-8111-111111111111", "ipv4-addr--22222222-2222-4222-8222-222222222222",
                         "user-account--33333333-3333-4333-8333-333333333333"]},
        {"type": "report", "spec_version": "2.1", "id": "report--55555555-5555-4555-8555-555555555555", "created": ts, "modified": ts,
         "published": ts, "name": "Beacon from Dr. Maria Gonzalez's laptop", "description": "Patient MRN 4821937 was open on 10.1.2.3.",
         "object_refs": ["observed-data--44444444-4444-4444-8444-444444444444"]}
    ]});
    let file = write(&dir, "b.json", &bundle.to_string());
    let report = dir.path().join("r.json");
    let out = ward(&[
        "scrub",
        "--format",
        "stix",
        "--report",
        &report.display().to_string(),
        &file,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("stix out");
    let objects = doc["objects"].as_array().expect("objects");
    let ids: Vec<&str> = objects.iter().filter_map(|o| o["id"].as_str()).collect();
    // The private address goes; the user account stays with its login replaced, so the
    // observation that points at it keeps its meaning.
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(!ids.iter().any(|id| id.contains("11111111")));
    assert_eq!(objects[1]["account_login"], "[USER]");
    assert_eq!(
        objects[2]["object_refs"],
        json!([
            "ipv4-addr--22222222-2222-4222-8222-222222222222",
            "user-account--33333333-3333-4333-8333-333333333333"
        ])
    );
    assert_eq!(objects[3]["name"], "Beacon from Dr. [NAME]'s laptop");
    assert_eq!(
        objects[3]["description"],
        "Patient MRN [MRN] was open on [INTERNAL-IP]."
    );
    let r: Value =
        serde_json::from_str(&std::fs::read_to_string(report).expect("report")).expect("json");
    assert_eq!(r["dropped_objects"].as_array().map(Vec::len), Some(1));
    assert!(r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["pointer"] == "/objects/2/account_login" && f["kind"] == "user"));
    assert!(r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["pointer"] == "/objects/4/description"));
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(&dir, "bad.json", "{\"type\": \"bundle\",\n \"objects\": [");
    let out = ward(&["scrub", "--format", "stix", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("bad.json: line 2"), "{err}");
    let out = ward(&["scrub", "--org-domain", "localhost", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("single label"));
}

/// Accepts one HTTP request on loopback, answers 202 with a TAXII status, and returns the
/// request head and body.
/// A hub that answers `share`'s checks (the API root, the collection) and then its POST,
/// returning the POST's head and body.
fn fake_hub() -> (String, thread::JoinHandle<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    let handle = thread::spawn(move || loop {
        let (mut conn, _) = listener.accept().expect("accept");
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            let n = conn.read(&mut chunk).expect("read");
            assert!(n > 0, "client closed early");
            buf.extend_from_slice(&chunk[..n]);
            if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break p + 4;
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let reply = |conn: &mut std::net::TcpStream, code: &str, json: &str| {
            let resp = format!(
                "HTTP/1.1 {code}\r\nContent-Type: application/taxii+json;version=2.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                json.len()
            );
            conn.write_all(resp.as_bytes()).expect("respond");
        };
        if head.starts_with("GET /taxii2/api1/collections/c1/") {
            reply(
                &mut conn,
                "200 OK",
                r#"{"id":"c1","title":"Shared","can_read":true,"can_write":true}"#,
            );
            continue;
        }
        if head.starts_with("GET /taxii2/api1/") {
            reply(
                &mut conn,
                "200 OK",
                r#"{"title":"Fake hub","versions":["application/taxii+json;version=2.1"],"max_content_length":10485760}"#,
            );
            continue;
        }
        let length: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap_or(0))
            })
            .unwrap_or(0);
        while buf.len() < head_end + length {
            let n = conn.read(&mut chunk).expect("read body");
            assert!(n > 0, "body cut short");
            buf.extend_from_slice(&chunk[..n]);
        }
        let body = buf[head_end..head_end + length].to_vec();
        let status = r#"{"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"complete","total_count":1,"success_count":1,"failure_count":0,"pending_count":0}"#;
        reply(&mut conn, "202 Accepted", status);
        break (head, body);
    });
    (format!("http://{addr}/taxii2/api1/"), handle)
}

/// `ward init` in the test's data folder: `share` refuses to run without a profile.
fn init_profile() {
    let out = ward(&[
        "init",
        "--org",
        "Example Test Clinic",
        "--domain",
        "clinic.example",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn preview_equals_what_is_sent(file: &str) {
    init_profile();
    let dry = ward(&[
        "--json",
        "share",
        file,
        "--to",
        "http://127.0.0.1:9/taxii2/api1",
        "--collection",
        "c1",
        "--org-domain",
        "stmarys.org",
        "--dry-run",
        "--offline",
    ]);
    assert_eq!(
        dry.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&dry.stderr)
    );
    let preview: Value =
        serde_json::from_str(&stdout(&dry)).expect("dry run prints the request body");

    let (url, hub) = fake_hub();
    let sent = match Command::new(env!("CARGO_BIN_EXE_ward"))
        .args([
            "share",
            file,
            "--to",
            &url,
            "--collection",
            "c1",
            "--org-domain",
            "stmarys.org",
        ])
        .env("WARD_TOKEN", "s3cret")
        .env("WARD_DATA", data_dir())
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run ward: {e}"),
    };
    assert_eq!(
        sent.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&sent.stderr)
    );
    assert!(
        stdout(&sent).contains("status complete"),
        "{}",
        stdout(&sent)
    );
    let (head, body) = hub.join().expect("hub thread");
    assert!(
        head.starts_with("POST /taxii2/api1/collections/c1/objects/ HTTP/1.1"),
        "{head}"
    );
    let lower = head.to_ascii_lowercase();
    assert!(
        lower.contains("content-type: application/taxii+json;version=2.1"),
        "{head}"
    );
    assert!(head.contains("Bearer s3cret"), "{head}");
    let received: Value = serde_json::from_slice(&body).expect("body is JSON");
    assert_eq!(
        received, preview,
        "what the hub received differs from the preview"
    );
    let text = received.to_string();
    for gone in [
        "John Smith",
        "4821937",
        "123-45-6789",
        "jsmith@stmarys.org",
        "10.20.1.15",
    ] {
        assert!(!text.contains(gone), "{gone} left the machine");
    }
}

#[test]
fn share_text_preview_equals_sent_envelope() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(&dir, "n.txt", NARRATIVE);
    preview_equals_what_is_sent(&file);
}

#[test]
fn share_stix_preview_equals_sent_envelope() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ts = "2024-03-04T10:00:00.000Z";
    let bundle = json!({"type": "bundle", "id": "bundle--6f2a6c1e-1d1b-4f7e-9a55-1b8f0e3d2c11", "objects": [
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--55555555-5555-4555-8555-555555555555", "created": ts, "modified": ts,
         "pattern": "[ipv4-addr:value = '185.220.101.5']", "pattern_type": "stix", "valid_from": ts,
         "description": NARRATIVE}
    ]});
    let file = write(&dir, "b.json", &bundle.to_string());
    preview_equals_what_is_sent(&file);
}

#[test]
fn dry_run_shows_the_diff_and_sends_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(&dir, "n.txt", NARRATIVE);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let url = format!("http://{}/api", listener.local_addr().expect("addr"));
    init_profile();
    let out = ward(&[
        "share",
        &file,
        "--to",
        &url,
        "--collection",
        "c1",
        "--dry-run",
        "--offline",
    ]);
    let text = succeeded(&out);
    assert!(text.contains("-Patient John Smith (MRN 4821937"), "{text}");
    assert!(text.contains("+Patient [NAME] (MRN [MRN]"), "{text}");
    assert!(text.contains("Dry run: nothing was sent"), "{text}");
    assert!(
        listener.accept().is_err(),
        "an offline dry run connected to the hub"
    );
}

#[test]
fn share_refuses_without_an_organization_profile_and_sends_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(&dir, "n.txt", NARRATIVE);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let url = format!("http://{}/api", listener.local_addr().expect("addr"));
    let out = ward(&["share", &file, "--to", &url, "--collection", "c1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no organization profile"), "{err}");
    assert!(err.contains("ward init --org"), "{err}");
    assert!(!err.contains("  "), "one line, no wrapped spaces: {err}");
    assert!(listener.accept().is_err(), "share connected to the hub");
}

#[test]
fn the_profile_scrubs_staff_and_hosts_in_every_scrub() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A quoted "Last, First" cell, as directory exports write it.
    let staff = write(
        &dir,
        "staff.csv",
        "Display Name,SamAccountName,Department\n\"Whitfield, Dana\",dwhitfield,Radiology\n",
    );
    let out = ward(&[
        "--json",
        "init",
        "--org",
        "Lakeside Clinic",
        "--domain",
        "lakeside.example",
        "--staff",
        &staff,
        "--hosts",
        "ws-*",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_str(&stdout(&out)).expect("init prints JSON");
    assert_eq!(summary["staff_names"], 1);
    assert_eq!(summary["staff_logins"], 1);
    let note = write(
        &dir,
        "note.txt",
        "Dana Whitfield (CORP\\dwhitfield) at Lakeside Clinic saw ws-radiology-17 beacon to \
         203.0.113.9.\n",
    );
    let out = ward(&["scrub", &note]);
    let text = succeeded(&out);
    for gone in [
        "Dana",
        "Whitfield",
        "dwhitfield",
        "Lakeside",
        "ws-radiology-17",
    ] {
        assert!(!text.contains(gone), "{gone} left in {text}");
    }
    assert!(text.contains("203.0.113.9"), "{text}");

    // A staff list ward cannot use names the columns it found; nothing is saved.
    let bad = write(&dir, "bad.csv", "Department,Phone\nICU,555-0100\n");
    let out = ward(&[
        "init",
        "--org",
        "Other",
        "--domain",
        "other.example",
        "--staff",
        &bad,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"Department\", \"Phone\""), "{err}");
    let out = ward(&["init", "--org", "Other", "--domain", "nodot"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("single label"));
    // The earlier profile is still the one in use.
    let out = ward(&["scrub", &note]);
    assert!(!stdout(&out).contains("Lakeside"), "{}", stdout(&out));
}
