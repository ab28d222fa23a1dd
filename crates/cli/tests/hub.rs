//! End-to-end tests of the hub: `ward admin` and a real `ward serve` process, driven by
//! taxii2-client 2.3.0 and by plain HTTP, including `kill -9` in the middle of posting.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use ward_store::{ObjectQuery, SqliteStore, StatusState, Store, VersionSelect};

fn ward() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ward"));
    // Commands that keep results under --data must not write into the source tree.
    command.env(
        "WARD_DATA",
        std::env::temp_dir().join(format!("ward-test-{}", std::process::id())),
    );
    command
}

/// Runs `ward --data DIR [--json] admin ARGS...`, returning stdout; panics with stderr on failure.
fn admin(data: &Path, json: bool, args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = ward();
    cmd.arg("--data").arg(data);
    if json {
        cmd.arg("--json");
    }
    cmd.arg("admin").args(args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn ward admin");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().expect("ward admin");
    assert!(
        out.status.success(),
        "ward admin {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf8")
        .trim()
        .to_string()
}

use ward_testkit::http;

use ward_testkit::Hub;

/// A running `ward serve` on a free loopback port (see ward_testkit::Hub).
fn start_hub(data: &Path) -> Hub {
    Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), data, &[], &[])
}

const TAXII: &str = "application/taxii+json;version=2.1";

struct Members {
    alerts: String,
    private: String,
    alice_token: String,
    bob_token: String,
}

fn setup(data: &Path) -> Members {
    admin(data, false, &["init"], None);
    admin(data, false, &["org", "add", "Mercy"], None);
    admin(data, false, &["org", "add", "LabB"], None);
    admin(
        data,
        false,
        &["user", "add", "--org", "Mercy", "alice", "--password-stdin"],
        Some("s3cret pass\n"),
    );
    admin(data, false, &["user", "add", "--org", "LabB", "bob"], None);
    let alice_token = admin(data, false, &["token", "create", "--user", "alice"], None);
    let bob_token = admin(data, false, &["token", "create", "--user", "bob"], None);
    let alerts = admin(
        data,
        false,
        &[
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy,LabB",
            "--write",
            "Mercy",
        ],
        None,
    );
    let private = admin(
        data,
        false,
        &[
            "collection",
            "add",
            "Private",
            "--read",
            "Mercy",
            "--write",
            "Mercy",
        ],
        None,
    );
    Members {
        alerts,
        private,
        alice_token,
        bob_token,
    }
}

#[test]
fn taxii2_client_end_to_end() {
    let Some(py) = ward_testkit::python_with("taxii2client") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let hub = start_hub(dir.path());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/hub_taxii2client.py");
    let out = Command::new(&py)
        .arg(script)
        .args([
            &hub.base(),
            &m.alerts,
            &m.private,
            "s3cret pass",
            &m.alice_token,
            &m.bob_token,
        ])
        .output()
        .expect("run python");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("ModuleNotFoundError") {
        assert!(
            !ward_testkit::peers_required(),
            "taxii2-client missing: {stderr}"
        );
        eprintln!("skipped: taxii2-client is not installed: {stderr}");
        return;
    }
    assert!(
        out.status.success(),
        "taxii2-client driver failed:\n{stderr}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn admin_is_scriptable_and_refuses_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    admin(dir.path(), false, &["init"], None);
    let org: Value = serde_json::from_str(&admin(dir.path(), true, &["org", "add", "Mercy"], None))
        .expect("json");
    assert_eq!(org["name"], "Mercy");
    let col: Value = serde_json::from_str(&admin(
        dir.path(),
        true,
        &["collection", "add", "Alerts", "--read", "Mercy"],
        None,
    ))
    .expect("json");
    let id = col["id"].as_str().unwrap_or("");
    assert!(
        id.len() == 36 && id.matches('-').count() == 4,
        "not a UUID: {id}"
    );
    assert_eq!(col["readers"][0], org["id"]);
    let list: Value = serde_json::from_str(&admin(dir.path(), true, &["collection", "list"], None))
        .expect("json");
    assert_eq!(list[0]["id"], col["id"]);

    // An unknown organization: exit 2 and one line naming it.
    let out = ward()
        .arg("--data")
        .arg(dir.path())
        .args(["admin", "user", "add", "--org", "Nowhere", "zed"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Nowhere") && err.lines().count() == 1, "{err}");

    // Tokens are never stored in clear.
    admin(
        dir.path(),
        false,
        &["user", "add", "--org", "Mercy", "alice"],
        None,
    );
    let token = admin(
        dir.path(),
        false,
        &["token", "create", "--user", "alice"],
        None,
    );
    assert!(token.starts_with("ward_"));
    let db = std::fs::read(dir.path().join("ward.db")).expect("db");
    let wal = std::fs::read(dir.path().join("ward.db-wal")).unwrap_or_default();
    let needle = token.as_bytes();
    for bytes in [&db, &wal] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "token stored in clear"
        );
    }
}

#[test]
fn serve_reports_address_and_health() {
    let dir = tempfile::tempdir().expect("tempdir");
    admin(dir.path(), false, &["init"], None);
    let hub = start_hub(dir.path());
    let (status, headers, body) = http(&hub.addr, "GET", "/healthz", &[], b"").expect("healthz");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("ok"));
    let (status, headers2, _) = http(&hub.addr, "GET", "/taxii2/", &[], b"").expect("discovery");
    assert_eq!(status, 401);
    assert!(headers2.iter().any(|(k, _)| k == "www-authenticate"));
    assert!(headers2
        .iter()
        .any(|(k, v)| k == "content-type" && v == TAXII));
    drop(headers);
}

fn envelope(start: usize, n: usize) -> (Vec<String>, Vec<u8>) {
    let mut ids = Vec::new();
    let mut objects = Vec::new();
    for i in start..start + n {
        let id = format!("indicator--00000000-0000-4000-8000-{i:012}");
        objects.push(format!(
            r#"{{"type":"indicator","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[domain-name:value = 'h{i}.example']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}"#
        ));
        ids.push(id);
    }
    (
        ids,
        format!(r#"{{"objects":[{}]}}"#, objects.join(",")).into_bytes(),
    )
}

#[test]
fn acknowledged_objects_survive_kill_9() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let mut hub = start_hub(dir.path());
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let path = format!("/taxii2/api/collections/{}/objects/", m.alerts);
    let auth = format!("Bearer {}", m.alice_token);
    let poster = {
        let (addr, acked, path, auth) =
            (hub.addr.clone(), acked.clone(), path.clone(), auth.clone());
        std::thread::spawn(move || {
            // Bounded: stops at the first failed request (the kill) or after 400 envelopes.
            for batch in 0..400 {
                let (_, body) = envelope(batch * 250, 250);
                let headers = [("Authorization", auth.as_str()), ("Content-Type", TAXII)];
                let Ok((status, _, body)) = http(&addr, "POST", &path, &headers, &body) else {
                    return;
                };
                if status != 202 {
                    return;
                }
                let Ok(status): Result<Value, _> = serde_json::from_slice(&body) else {
                    return;
                };
                let ids = status["successes"].as_array().cloned().unwrap_or_default();
                let mut acked = acked.lock().unwrap_or_else(|p| p.into_inner());
                acked.extend(
                    ids.iter()
                        .filter_map(|d| d["id"].as_str().map(String::from)),
                );
            }
        })
    };
    // Kill while posts are in flight: after a few acknowledged envelopes.
    while acked.lock().map(|a| a.len()).unwrap_or(0) < 1000 && !poster.is_finished() {
        std::thread::sleep(Duration::from_millis(5));
    }
    hub.kill();
    poster.join().expect("poster thread");
    let acked = acked.lock().expect("acked").clone();
    assert!(
        acked.len() >= 1000,
        "too few acknowledgements before the kill: {}",
        acked.len()
    );

    // The store opens cleanly and holds every acknowledged object.
    {
        let store = SqliteStore::open(dir.path()).expect("store opens after kill -9");
        let mut found = std::collections::HashSet::new();
        let mut after = None;
        loop {
            let page = store
                .query_objects(
                    &m.alerts,
                    &ObjectQuery {
                        after: after.clone(),
                        limit: 5000,
                        versions: VersionSelect::all(),
                        ..Default::default()
                    },
                )
                .expect("query");
            found.extend(page.items.iter().map(|v| v.id.clone()));
            after = page.items.last().map(|v| v.position());
            if !page.more {
                break;
            }
        }
        let missing: Vec<&String> = acked.iter().filter(|id| !found.contains(*id)).collect();
        assert!(
            missing.is_empty(),
            "{} acknowledged objects lost",
            missing.len()
        );
    }

    // And a restarted hub serves them.
    let hub = start_hub(dir.path());
    let first = &acked[0];
    let (status, _, body) = http(
        &hub.addr,
        "GET",
        &format!("{path}{first}/"),
        &[("Authorization", &auth), ("Accept", TAXII)],
        b"",
    )
    .expect("get");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
}

#[test]
fn two_hub_processes_share_one_store_and_its_cursors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let a = start_hub(dir.path());
    let b = start_hub(dir.path());
    let path = format!("/taxii2/api/collections/{}/objects/", m.alerts);
    let auth = format!("Bearer {}", m.alice_token);
    let headers = [("Authorization", auth.as_str()), ("Content-Type", TAXII)];
    // Posts through both processes land in one collection with one date_added order.
    for (hub, start) in [(&a, 0), (&b, 50)] {
        let (_, body) = envelope(start, 50);
        let (status, _, _) = http(&hub.addr, "POST", &path, &headers, &body).expect("post");
        assert_eq!(status, 202);
    }
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    let mut turn = 0;
    loop {
        // Alternate processes page by page: a cursor from one must work on the other.
        let hub = if turn % 2 == 0 { &a } else { &b };
        let mut url = format!("{path}?limit=13");
        if let Some(n) = &next {
            url.push_str("&next=");
            url.push_str(n);
        }
        let (status, _, body) =
            http(&hub.addr, "GET", &url, &[("Authorization", &auth)], b"").expect("get");
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        let page: Value = serde_json::from_slice(&body).expect("json");
        for o in page["objects"].as_array().cloned().unwrap_or_default() {
            seen.push(o["id"].as_str().unwrap_or("").to_string());
        }
        next = page["next"].as_str().map(String::from);
        turn += 1;
        if next.is_none() {
            break;
        }
    }
    let unique: std::collections::HashSet<&String> = seen.iter().collect();
    assert_eq!(seen.len(), 100);
    assert_eq!(unique.len(), 100);
    assert!(turn >= 8);
}

/// Starts a hub with `flags`, has it store a small envelope, then stops it with SIGTERM and
/// checks the stop was clean: exit 0, no panic on standard error.
fn serve_then_terminate(flags: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let mut hub = Hub::start_captured(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        dir.path(),
        &[],
        flags,
    );
    let auth = format!("Bearer {}", m.alice_token);
    let path = format!("/taxii2/api/collections/{}/objects/", m.alerts);
    let (_, body) = envelope(0, 3);
    let headers = [("Authorization", auth.as_str()), ("Content-Type", TAXII)];
    let (status, _, _) = http(&hub.addr, "POST", &path, &headers, &body).expect("post");
    assert_eq!(status, 202);
    let (status, stderr) = hub.terminate();
    assert_eq!(
        status.code(),
        Some(0),
        "exit status {status}; stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}

/// SIGTERM stops the hub cleanly: exit 0, no panic on standard error, after it has served.
#[test]
fn sigterm_stops_the_hub_cleanly() {
    serve_then_terminate(&[]);
}

/// Timeouts too large for the clock's arithmetic are capped, not a panic on every connection.
#[test]
fn huge_timeouts_are_capped() {
    let huge = u64::MAX.to_string();
    let huge = huge.as_str();
    serve_then_terminate(&[
        "--timeout",
        huge,
        "--idle-timeout",
        huge,
        "--body-timeout",
        huge,
        "--header-timeout",
        huge,
    ]);
}

/// `ward admin token list/revoke` and `--expires`: the list names tokens without their
/// secret; a revoked token (by label or id) and an expired one are refused by the running
/// hub at once; `user password` changes and removes a password.
#[test]
fn tokens_are_listed_revoked_and_expire() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let data = dir.path();
    let sync = admin(
        data,
        false,
        &[
            "token",
            "create",
            "--user",
            "alice",
            "--label",
            "firewall sync",
            "--expires",
            "90d",
        ],
        None,
    );
    let hub = start_hub(data);
    let get = |auth: &str| {
        http(
            &hub.addr,
            "GET",
            "/taxii2/api/collections/",
            &[("Authorization", auth), ("Accept", TAXII)],
            b"",
        )
        .expect("get")
        .0
    };
    assert_eq!(get(&format!("Bearer {sync}")), 200);
    let listed: Value = serde_json::from_str(&admin(data, true, &["token", "list"], None))
        .expect("token list json");
    let rows = listed.as_array().expect("array");
    assert_eq!(rows.len(), 3);
    let row = rows
        .iter()
        .find(|r| r["label"] == "firewall sync")
        .expect("labelled token");
    assert_eq!(row["user"], "alice");
    assert!(row["created"].is_string() && row["expires"].is_string());
    let text = admin(data, false, &["token", "list"], None);
    for secret in [&sync, &m.alice_token, &m.bob_token] {
        assert!(!listed.to_string().contains(secret.as_str()));
        assert!(!text.contains(secret.as_str()));
    }
    assert!(text.contains("firewall sync"));

    admin(data, false, &["token", "revoke", "firewall sync"], None);
    assert_eq!(get(&format!("Bearer {sync}")), 401);
    // By id: bob's token (the one without a label that is not alice's).
    let bob_id = rows
        .iter()
        .find(|r| r["user"] == "bob")
        .and_then(|r| r["id"].as_str())
        .expect("bob's token id")
        .to_string();
    assert_eq!(get(&format!("Bearer {}", m.bob_token)), 200);
    admin(data, false, &["token", "revoke", &bob_id], None);
    assert_eq!(get(&format!("Bearer {}", m.bob_token)), 401);
    assert_eq!(get(&format!("Bearer {}", m.alice_token)), 200);

    // Unknown names and past dates are bad input (exit 2, one line naming the field).
    let out = ward()
        .arg("--data")
        .arg(data)
        .args(["admin", "token", "revoke", "no-such-token"])
        .output()
        .expect("ward");
    assert_eq!(out.status.code(), Some(2));
    let out = ward()
        .arg("--data")
        .arg(data)
        .args([
            "admin",
            "token",
            "create",
            "--user",
            "alice",
            "--expires",
            "2001-01-01",
        ])
        .output()
        .expect("ward");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--expires"));

    // Basic: a changed password replaces the old one at once, a removed one signs in no more.
    let basic = |pw: &str| format!("Basic {}", base64(&format!("alice:{pw}")));
    assert_eq!(get(&basic("s3cret pass")), 200);
    admin(
        data,
        false,
        &["user", "password", "alice", "--password-stdin"],
        Some("new pass\n"),
    );
    assert_eq!(get(&basic("s3cret pass")), 401);
    assert_eq!(get(&basic("new pass")), 200);
    admin(
        data,
        false,
        &["user", "password", "alice", "--remove"],
        None,
    );
    assert_eq!(get(&basic("new pass")), 401);
}

fn base64(text: &str) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A hub killed (-9) between two transactions of a multi-chunk envelope leaves its status
/// pending; the next hub finishes it from what the store holds: stored objects are
/// successes, the rest failures saying the hub stopped.
#[test]
fn a_status_left_pending_by_kill_9_is_finished_after_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let ward = Path::new(env!("CARGO_BIN_EXE_ward"));
    let path = format!("/taxii2/api/collections/{}/objects/", m.alerts);
    let auth = format!("Bearer {}", m.alice_token);
    let reader = SqliteStore::open(dir.path()).expect("store");
    // Bounded: a few tries, in case an envelope is stored whole before the kill lands.
    let mut cut = None;
    for attempt in 0..5 {
        let mut hub = Hub::start(ward, dir.path(), &[], &["--timeout", "1"]);
        let (_, body) = envelope(attempt * 20_000, 15_000);
        let poster = {
            let (addr, path, auth) = (hub.addr.clone(), path.clone(), auth.clone());
            std::thread::spawn(move || {
                let headers = [("Authorization", auth.as_str()), ("Content-Type", TAXII)];
                let _ = http(&addr, "POST", &path, &headers, &body);
            })
        };
        // The answer may come first (503 at the 1 s request limit) while the envelope is
        // still being stored: watch the store, not the answer.
        let started = ward_stix::Timestamp::now().as_micros() - 1_000_000;
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        while std::time::Instant::now() < deadline {
            let statuses = reader.statuses().expect("statuses");
            let ours = |s: &&ward_store::StatusRecord| {
                s.total_count == 15_000 && s.request_timestamp >= started
            };
            cut = statuses
                .iter()
                .filter(ours)
                .find(|s| s.status == StatusState::Pending && !s.successes.is_empty())
                .cloned();
            let stored_whole = statuses
                .iter()
                .filter(ours)
                .any(|s| s.status == StatusState::Complete);
            if cut.is_some() || stored_whole {
                break;
            }
        }
        hub.kill();
        let _ = poster.join();
        if cut.is_some() {
            break;
        }
    }
    let cut = cut.expect("no envelope was caught between two transactions");
    let status = reader.status(&cut.id).expect("status").expect("kept");
    assert_eq!(
        status.status,
        StatusState::Pending,
        "still pending after the kill"
    );
    // The restarted hub finishes statuses pending for twice its request limit (1 s here).
    let old_enough = cut.request_timestamp + 2_500_000;
    while ward_stix::Timestamp::now().as_micros() < old_enough {
        std::thread::sleep(Duration::from_millis(100));
    }
    let hub = Hub::start(ward, dir.path(), &[], &["--timeout", "1"]);
    let mut finished = None;
    for _ in 0..600 {
        let (code, _, body) = http(
            &hub.addr,
            "GET",
            &format!("/taxii2/api/status/{}/", cut.id),
            &[("Authorization", &auth), ("Accept", TAXII)],
            b"",
        )
        .expect("status");
        assert_eq!(code, 200);
        let v: Value = serde_json::from_slice(&body).expect("status json");
        if v["status"] == "complete" {
            finished = Some(v);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let v = finished.expect("the restarted hub did not finish the status");
    // A large envelope's status lists at most 1,000 of each kind; the counts are exact.
    let count = |k: &str| v[k].as_u64().expect("count");
    assert_eq!(count("pending_count"), 0);
    assert_eq!(count("success_count") + count("failure_count"), 15_000);
    assert!(count("success_count") >= cut.success_count());
    assert!(count("failure_count") > 0);
    // Listed failures (pendings the status named) say why; pendings it only counted were in
    // no committed transaction and are counted as failures.
    for failure in v["failures"].as_array().expect("failures") {
        assert!(failure["message"]
            .as_str()
            .is_some_and(|m| m.contains("stopped")));
    }
    drop(hub);
}

/// Whether the hub closes `socket` (end of stream or reset) within 30 s; `false` when it
/// is still open then.
fn closed_by_hub(socket: &mut std::net::TcpStream) -> bool {
    use std::io::Read;
    socket
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("read timeout");
    let mut buf = [0u8; 512];
    loop {
        match socket.read(&mut buf) {
            Ok(0) => return true,
            // A 503 answer to a connection over the limit, then the close.
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

/// Idle sockets that send nothing are closed after --idle-timeout, and more of them than
/// the process has file descriptors for leave the hub reachable: the connection limit fits
/// under `ulimit -n` and the slots come back as the idle ones are closed.
#[test]
fn idle_connections_are_closed_and_cannot_exhaust_the_hub() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    // The hub runs with 64 open files at most, as on a small host.
    let wrapper = dir.path().join("ward-64-files");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nulimit -n 64\nexec '{}' \"$@\"\n",
            env!("CARGO_BIN_EXE_ward")
        ),
    )
    .expect("wrapper");
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let data = dir.path().join("data");
    let hub = Hub::start(
        &wrapper,
        &data,
        &[],
        &["--init", "--timeout", "1", "--idle-timeout", "1"],
    );
    let (status, _, _) = http(&hub.addr, "GET", "/healthz", &[], b"").expect("healthz");
    assert_eq!(status, 200);
    // One idle socket: closed by the hub, not left open.
    let mut idle = std::net::TcpStream::connect(&hub.addr).expect("connect");
    assert!(closed_by_hub(&mut idle), "an idle connection stayed open");
    // More idle sockets than the hub has descriptors.
    let mut crowd: Vec<std::net::TcpStream> = (0..100)
        .map(|_| std::net::TcpStream::connect(&hub.addr).expect("connect"))
        .collect();
    for socket in &mut crowd {
        assert!(closed_by_hub(socket), "an idle connection stayed open");
    }
    // Still held open on this side; the hub answers again (bounded wait).
    let mut answered = false;
    for _ in 0..100 {
        if matches!(
            http(&hub.addr, "GET", "/healthz", &[], b""),
            Ok((200, _, _))
        ) {
            answered = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(answered, "the hub stayed unreachable");
    drop(crowd);
}

/// Sends `head` (and `body`) on a fresh connection and returns the answer's first line and
/// the rest, read until the hub closes (bounded: 30 s).
fn raw_exchange(addr: &str, head: &str, body: &[u8]) -> (String, String) {
    use std::io::Read;
    let mut socket = std::net::TcpStream::connect(addr).expect("connect");
    socket
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    socket.write_all(head.as_bytes()).expect("head");
    let _ = socket.write_all(body);
    let mut raw = Vec::new();
    let _ = socket.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (first, rest) = text.split_once("\r\n").unwrap_or((&text, ""));
    (first.to_string(), rest.to_string())
}

/// A body shorter than its Content-Length is answered 408 with a TAXII error body once it
/// stops arriving (it used to be a 503 at the request limit); a URI or header block too
/// long gets 414/431 with a TAXII error body.
#[test]
fn stalled_bodies_and_oversized_heads_get_taxii_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let hub = Hub::start(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        dir.path(),
        &[],
        &["--body-timeout", "1"],
    );
    let head = format!(
        "POST /taxii2/api/collections/{}/objects/ HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer {}\r\nContent-Type: {TAXII}\r\nAccept: {TAXII}\r\nContent-Length: 1000\r\n\r\n",
        m.alerts, m.alice_token
    );
    let (first, rest) = raw_exchange(&hub.addr, &head, br#"{"objects":["#);
    assert!(first.starts_with("HTTP/1.1 408"), "{first}");
    assert!(
        rest.to_ascii_lowercase()
            .contains(&format!("content-type: {TAXII}")),
        "{rest}"
    );
    assert!(rest.contains(r#""http_status":"408""#), "{rest}");

    let long = "a".repeat(10_000);
    let head = format!(
        "GET /taxii2/api/collections/{long}/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
    );
    let (first, rest) = raw_exchange(&hub.addr, &head, b"");
    assert!(first.starts_with("HTTP/1.1 414"), "{first}");
    assert!(rest.contains(r#""http_status":"414""#), "{rest}");
    let big = "b".repeat(8_000);
    let many: String = (0..10)
        .map(|i| format!("X-Filler-{i}: {big}\r\n"))
        .collect();
    let head = format!("GET /taxii2/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n{many}\r\n");
    let (first, rest) = raw_exchange(&hub.addr, &head, b"");
    assert!(first.starts_with("HTTP/1.1 431"), "{first}");
    assert!(rest.contains(r#""http_status":"431""#), "{rest}");
}

/// A POST refused before its body is read (bad credentials, wrong media type) still gets
/// its answer: the client that goes on sending a large body reads the whole status line
/// and error body, never a reset connection.
#[test]
fn a_refused_post_with_a_large_body_gets_its_answer() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tempdir");
    let m = setup(dir.path());
    let hub = start_hub(dir.path());
    let body = vec![b' '; 8 * 1024 * 1024];
    let cases = [
        ("Bearer ward_not_a_token", TAXII, "401"),
        (&*format!("Bearer {}", m.alice_token), "text/plain", "415"),
    ];
    for (auth, media, expected) in cases {
        for _ in 0..3 {
            let mut socket = std::net::TcpStream::connect(&hub.addr).expect("connect");
            socket
                .set_read_timeout(Some(Duration::from_secs(60)))
                .expect("timeout");
            let head = format!(
                "POST /taxii2/api/collections/{}/objects/ HTTP/1.1\r\nHost: h\r\nAuthorization: {auth}\r\nContent-Type: {media}\r\nAccept: {TAXII}\r\nContent-Length: {}\r\n\r\n",
                m.alerts,
                body.len()
            );
            socket.write_all(head.as_bytes()).expect("head");
            let mut writer = socket.try_clone().expect("clone");
            let payload = body.clone();
            let sender = std::thread::spawn(move || writer.write_all(&payload).is_ok());
            let mut raw = Vec::new();
            let mut buf = [0u8; 4096];
            // Read until the answer's JSON body is complete (or the connection ends).
            let outcome = loop {
                match socket.read(&mut buf) {
                    Ok(0) => break Ok(()),
                    Ok(n) => {
                        raw.extend_from_slice(&buf[..n]);
                        if raw.ends_with(b"}") {
                            break Ok(());
                        }
                    }
                    Err(e) => break Err(e),
                }
            };
            let sent = sender.join().expect("sender");
            let text = String::from_utf8_lossy(&raw);
            assert!(outcome.is_ok(), "read failed: {outcome:?} after {text:?}");
            assert!(
                text.starts_with(&format!("HTTP/1.1 {expected}")),
                "{text:?}"
            );
            assert!(
                text.contains(&format!("\"http_status\":\"{expected}\"")),
                "{text}"
            );
            assert!(sent, "the hub stopped reading the body");
        }
    }
}
