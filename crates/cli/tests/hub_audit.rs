//! The operator's record of a running hub: `ward serve --audit-log FILE` writes one JSON line
//! per request (who, what, status, size, time; never a credential), `ward admin audit`
//! queries it, and Prometheus metrics are served on `--metrics-listen` only, while members
//! asking the TAXII address for `/metrics` are refused with TAXII error bodies.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use ward_testkit::{http, Hub};

const TAXII: &str = "application/taxii+json;version=2.1";

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

fn envelope(n: usize) -> (String, Vec<u8>) {
    let id = format!("indicator--00000000-0000-4000-8000-{n:012}");
    let body = format!(
        r#"{{"objects":[{{"type":"indicator","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.{n}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}]}}"#
    );
    (id, body.into_bytes())
}

#[test]
fn every_request_is_audited_and_metrics_are_the_operators() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    ok(ward(&data, &["admin", "init"]));
    ok(ward(&data, &["admin", "org", "add", "Mercy General"]));
    ok(ward(&data, &["admin", "org", "add", "Lab B"]));
    ok(ward(
        &data,
        &["admin", "user", "add", "--org", "Mercy General", "alice"],
    ));
    ok(ward(
        &data,
        &["admin", "user", "add", "--org", "Lab B", "bob"],
    ));
    let alice = ok(ward(
        &data,
        &["admin", "token", "create", "--user", "alice"],
    ));
    let bob = ok(ward(&data, &["admin", "token", "create", "--user", "bob"]));
    let c = ok(ward(
        &data,
        &[
            "admin",
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy General,Lab B",
            "--write",
            "Mercy General",
        ],
    ));
    let log = dir.path().join("audit.log");
    let metrics_addr = format!("127.0.0.1:{}", free_port());
    let hub = Hub::start(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        &data,
        &[],
        &[
            "--audit-log",
            log.to_str().expect("utf8"),
            "--metrics-listen",
            &metrics_addr,
        ],
    );
    let alice_auth = format!("Bearer {alice}");
    let bob_auth = format!("Bearer {bob}");
    let objects = format!("/taxii2/api/collections/{c}/objects/");
    let mut ids = Vec::new();
    for n in 0..3 {
        let (id, body) = envelope(n);
        let (status, headers, _) = http(
            &hub.addr,
            "POST",
            &objects,
            &[
                ("Authorization", &alice_auth),
                ("Content-Type", TAXII),
                ("Accept", TAXII),
            ],
            &body,
        )
        .expect("post");
        assert_eq!(status, 202);
        let request_id = headers
            .iter()
            .find(|(k, _)| k == "x-request-id")
            .map(|(_, v)| v.clone())
            .expect("x-request-id");
        ids.push((id, request_id));
    }
    let (status, _, read) = http(
        &hub.addr,
        "GET",
        &format!("{objects}{}/", ids[0].0),
        &[("Authorization", &bob_auth), ("Accept", TAXII)],
        b"",
    )
    .expect("get");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&read));
    let (status, _, _) = http(
        &hub.addr,
        "GET",
        &objects,
        &[("Authorization", "Bearer not-a-token"), ("Accept", TAXII)],
        b"",
    )
    .expect("get");
    assert_eq!(status, 401);

    // /metrics on the TAXII address: 401 without credentials, 403 for a member, both with a
    // TAXII error body; the counters are not there.
    for (auth, want) in [(None, 401), (Some(bob_auth.as_str()), 403)] {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let (status, headers, body) =
            http(&hub.addr, "GET", "/metrics", &headers, b"").expect("metrics");
        assert_eq!(status, want);
        let kind = headers
            .iter()
            .find(|(k, _)| k == "content-type")
            .map(|(_, v)| v.as_str());
        assert!(
            kind.is_some_and(|k| k.starts_with("application/taxii+json")),
            "{kind:?}"
        );
        let body: Value = serde_json::from_slice(&body).expect("TAXII error body");
        assert!(body["title"].is_string(), "{body}");
        assert!(!body.to_string().contains("ward_http_requests_total"));
    }

    // The operator's address serves the exposition.
    let (status, headers, body) =
        http(&metrics_addr, "GET", "/metrics", &[], b"").expect("metrics");
    assert_eq!(status, 200);
    assert!(headers
        .iter()
        .any(|(k, v)| k == "content-type" && v.starts_with("text/plain; version=0.0.4")));
    let text = String::from_utf8(body).expect("utf8");
    let objects_route = "/taxii2/api/collections/{cid}/objects/";
    assert!(
        text.contains(&format!(
            "ward_http_requests_total{{route=\"{objects_route}\",method=\"POST\",status=\"202\"}} 3\n"
        )),
        "{text}"
    );
    assert!(text.contains("ward_objects_ingested_total 3\n"), "{text}");
    // The refused token and the /metrics call without credentials.
    assert!(text.contains("ward_auth_failures_total 2\n"), "{text}");
    assert!(
        text.contains(&format!(
            "ward_http_request_duration_seconds_count{{route=\"{objects_route}\"}} 4\n"
        )),
        "{text}"
    );
    let size: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("ward_store_size_bytes "))
        .and_then(|v| v.parse().ok())
        .expect("store size");
    assert!(size > 0);
    drop(hub);

    // The audit log: one JSON line per request, none with a credential or a body.
    let raw = std::fs::read_to_string(&log).expect("audit log");
    // Who asked for what is the operator's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&log)
            .expect("audit log")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "audit log mode {mode:o}");
    }
    assert!(!raw.contains(&alice) && !raw.contains(&bob) && !raw.contains("not-a-token"));
    assert!(!raw.contains("198.51.100"), "no request body in the log");
    let lines: Vec<Value> = raw
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 7, "{raw}");
    for (_, request_id) in &ids {
        let line = lines
            .iter()
            .find(|l| l["request_id"] == request_id.as_str())
            .expect("the POST's line");
        assert_eq!(line["method"], "POST");
        assert_eq!(line["status"], 202);
        assert_eq!(line["org"], "Mercy General");
        assert_eq!(line["user"], "alice");
        assert_eq!(line["client"], "127.0.0.1");
        assert!(line["bytes"].as_u64().is_some_and(|b| b > 0), "{line}");
        assert!(line["latency_ms"].as_f64().is_some(), "{line}");
        assert!(
            line["time"].as_str().is_some_and(|t| t.ends_with('Z')),
            "{line}"
        );
    }
    let refused = lines
        .iter()
        .find(|l| l["status"] == 401 && l["path"] == objects.trim_end_matches('/'))
        .expect("the refused request");
    assert!(refused["org"].is_null() && refused["user"].is_null());

    // ward admin audit: by organization (name in any case), by object, by time.
    let query = |args: &[&str]| -> Vec<Value> {
        let mut all = vec![
            "--json",
            "admin",
            "audit",
            "--file",
            log.to_str().expect("utf8"),
        ];
        all.extend_from_slice(args);
        serde_json::from_str(&ok(ward(&data, &all))).expect("json array")
    };
    let mercy = query(&["--org", "mercy general"]);
    assert_eq!(mercy.len(), 3);
    assert!(mercy.iter().all(|l| l["user"] == "alice"));
    let lab = query(&["--org", "Lab B"]);
    assert_eq!(lab.len(), 2, "the read and the /metrics refusal");
    let about = query(&["--object", &ids[0].0]);
    assert_eq!(about.len(), 1);
    assert_eq!(about[0]["user"], "bob");
    assert!(query(&["--since", "2999-01-01"]).is_empty());
    assert_eq!(query(&["--until", "2999-01-01"]).len(), 7);

    // A damaged line is named by its number; the rest is still read; exit 2.
    let mut damaged = raw.clone();
    damaged.push_str("{\"time\": \"yesterday\"\n");
    std::fs::write(&log, damaged).expect("write");
    let out = ward(
        &data,
        &["admin", "audit", "--file", log.to_str().expect("utf8")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("audit.log:8:"), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 7);
    let out = ward(
        &data,
        &[
            "admin",
            "audit",
            "--file",
            log.to_str().expect("utf8"),
            "--since",
            "last week",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since last week"));
}

/// On PostgreSQL the store's size is the database's, and the audit line names the caller
/// the same way.
#[test]
fn metrics_and_audit_on_postgres() {
    let Some(db) = ward_store_pg::scratch::for_test() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let pg = |args: &[&str]| {
        ok(Command::new(env!("CARGO_BIN_EXE_ward"))
            .args(["--database", db.url()])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("ward"))
    };
    pg(&["admin", "init"]);
    pg(&["admin", "org", "add", "Mercy General"]);
    pg(&["admin", "user", "add", "--org", "Mercy General", "alice"]);
    let token = pg(&["admin", "token", "create", "--user", "alice"]);
    let log = dir.path().join("audit.log");
    let metrics_addr = format!("127.0.0.1:{}", free_port());
    let hub = Hub::start(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        &dir.path().join("unused"),
        &["--database", db.url()],
        &[
            "--audit-log",
            log.to_str().expect("utf8"),
            "--metrics-listen",
            &metrics_addr,
        ],
    );
    let auth = format!("Bearer {token}");
    let (status, _, _) = http(
        &hub.addr,
        "GET",
        "/taxii2/api/collections/",
        &[("Authorization", &auth), ("Accept", TAXII)],
        b"",
    )
    .expect("get");
    assert_eq!(status, 200);
    let (_, _, body) = http(&metrics_addr, "GET", "/metrics", &[], b"").expect("metrics");
    let text = String::from_utf8(body).expect("utf8");
    let size: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("ward_store_size_bytes "))
        .and_then(|v| v.parse().ok())
        .expect("store size");
    assert!(
        size > 1_000_000,
        "a PostgreSQL database takes megabytes: {size}"
    );
    drop(hub);
    let raw = std::fs::read_to_string(&log).expect("audit log");
    let line: Value = serde_json::from_str(raw.lines().next().expect("a line")).expect("json");
    assert_eq!(line["org"], "Mercy General");
    assert_eq!(line["user"], "alice");
    assert_eq!(line["status"], 200);
}
