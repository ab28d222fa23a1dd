//! `ward watch` serving block lists to firewalls, end to end: the real binary with
//! `[firewall_lists]` in its watch.toml, and curl as the firewall (HTTPS trusting the
//! certificate ward made, HTTP Basic, bearer and `?token=`, `--etag-save`/`--etag-compare`).
//! Every wait polls with a deadline of 20 s and the process is killed when a test ends.
//!
//! Without curl the tests are skipped, unless `WARD_REQUIRE_PEERS=1` (CI), where they fail.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::watch::{wait_secs, Watch};

use ward_stix::Timestamp;

const WARD: &str = env!("CARGO_BIN_EXE_ward");

/// True when curl runs; false (the test is skipped) when it is missing, unless CI requires it.
fn have_curl() -> bool {
    let ok = Command::new("curl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("WARD_REQUIRE_PEERS").as_deref() != Ok("1"),
            "curl is needed for the firewall list tests (WARD_REQUIRE_PEERS=1)"
        );
        eprintln!("skipped: curl is not installed");
    }
    ok
}

/// A STIX bundle with one indicator per pattern, fresh and confident enough to be blocked.
fn bundle(patterns: &[&str]) -> String {
    let now = Timestamp::now().with_precision(3).to_string();
    let objects: Vec<serde_json::Value> = patterns
        .iter()
        .map(|p| {
            serde_json::json!({
                "type": "indicator", "spec_version": "2.1",
                "id": format!("indicator--{}", uuid::Uuid::new_v4()),
                "created": now, "modified": now, "valid_from": now,
                "confidence": 90, "pattern": p, "pattern_type": "stix",
                "name": "C2 seen by a sister hospital"
            })
        })
        .collect();
    serde_json::json!({"type": "bundle", "id": format!("bundle--{}", uuid::Uuid::new_v4()), "objects": objects})
        .to_string()
}

fn ward(data: &Path, args: &[&str]) -> std::process::Output {
    ward_testkit::run(Path::new(WARD), data, args)
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn import(data: &Path, name: &str, patterns: &[&str]) {
    let file = data.join(name);
    fs::write(&file, bundle(patterns)).unwrap();
    ok(&ward(data, &["import", file.to_str().unwrap()]));
}

/// `ward watch firewall add NAME`: the token, the one line of 64 hex digits.
fn add_firewall(data: &Path, name: &str) -> String {
    let text = ok(&ward(data, &["watch", "firewall", "add", name]));
    text.lines()
        .find(|l| l.len() == 64 && l.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| panic!("no token in:\n{text}"))
        .to_string()
}

fn wait_for(what: &str, check: impl FnMut() -> bool) {
    wait_secs(what, 20, check);
}

/// `ward watch` on `data`, returned once it serves the lists.
fn start(data: &Path) -> Watch {
    let w = Watch::spawn(data, &data.join("watch.stderr"), &[]);
    wait_for("watch to serve the lists", || {
        w.said("watch: firewall lists on ")
    });
    w
}

/// `https://ADDR` from the line watch prints when it listens.
fn base(w: &Watch) -> String {
    w.after("watch: firewall lists on ")
        .trim_end_matches('/')
        .to_string()
}

/// What curl got: status, headers (lower-cased names) and body.
struct Got {
    status: u16,
    headers: String,
    body: String,
}

impl Got {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

/// curl as a firewall: trusts only `cert`, saves headers and body, and adds `args`.
fn curl(dir: &Path, cert: &Path, url: &str, args: &[&str]) -> Got {
    let headers = dir.join("curl.headers");
    let body = dir.join("curl.body");
    let _ = fs::remove_file(&body);
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "10", "--cacert"])
        .arg(cert)
        .arg("-D")
        .arg(&headers)
        .arg("-o")
        .arg(&body)
        .args(["-w", "%{http_code}"])
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "curl {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Got {
        status: String::from_utf8_lossy(&out.stdout).trim().parse().unwrap(),
        headers: fs::read_to_string(&headers).unwrap_or_default(),
        body: fs::read_to_string(&body).unwrap_or_default(),
    }
}

fn setup(data: &Path) {
    fs::write(data.join("fw.log"), "").unwrap();
    fs::write(
        data.join("watch.toml"),
        "[[logs]]\npath = \"fw.log\"\n\n[firewall_lists]\nlisten = \"127.0.0.1:0\"\n",
    )
    .unwrap();
    import(
        data,
        "intel-1.json",
        &[
            "[ipv4-addr:value = '91.92.240.10']",
            "[ipv4-addr:value = '8.8.8.8']", // a public resolver: allow-listed
            "[ipv4-addr:value = '10.1.2.3']", // private
            "[ipv4-addr:value = '192.0.2.55']", // documentation
            "[ipv6-addr:value = '2a0b:4d07::66']",
            "[domain-name:value = 'update-check.malware-drop.xyz']",
            "[url:value = 'http://malware-drop.xyz/payload.exe']",
        ],
    );
}

#[test]
fn firewalls_fetch_the_block_lists_with_their_tokens() {
    if !have_curl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    setup(data);
    let pa = add_firewall(data, "pa-1");
    let pf = add_firewall(data, "pf-1");
    let watch = start(data);
    let base = base(&watch);
    let cert = data.join("firewall-lists-cert.pem");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(data.join("firewall-lists-key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the key is its owner's only");
    }
    assert!(watch.text().contains("SHA-256 fingerprint "));
    let basic = format!("pa-1:{pa}");

    // Palo Alto: HTTP Basic. The list holds what may be blocked and nothing else.
    let ip = curl(
        data,
        &cert,
        &format!("{base}/paloalto/ip.txt"),
        &["-u", &basic],
    );
    assert_eq!(ip.status, 200, "{}", ip.body);
    assert_eq!(
        ip.header("content-type").as_deref(),
        Some("text/plain; charset=utf-8")
    );
    assert!(ip.header("last-modified").is_some());
    let entries: Vec<&str> = ip.body.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(entries.contains(&"91.92.240.10"), "{}", ip.body);
    assert!(entries.contains(&"2a0b:4d07::66"), "{}", ip.body);
    for never in ["8.8.8.8", "10.1.2.3", "192.0.2.55"] {
        assert!(!ip.body.contains(never), "{never} is listed:\n{}", ip.body);
    }
    let domains = curl(
        data,
        &cert,
        &format!("{base}/fortigate/domain.txt"),
        &["-u", &basic],
    );
    assert!(
        domains
            .body
            .lines()
            .any(|l| l == "update-check.malware-drop.xyz"),
        "{}",
        domains.body
    );
    let urls = curl(
        data,
        &cert,
        &format!("{base}/paloalto/url.txt"),
        &["-u", &basic],
    );
    assert!(
        urls.body
            .lines()
            .any(|l| l == "malware-drop.xyz/payload.exe"),
        "{}",
        urls.body
    );
    assert!(!urls.body.contains("http://"), "{}", urls.body);

    // A firewall that fetched the list already is told it has not changed.
    let etag_file = data.join("etag");
    let etag = etag_file.to_str().unwrap();
    let url = format!("{base}/paloalto/ip.txt");
    let first = curl(data, &cert, &url, &["-u", &basic, "--etag-save", etag]);
    assert_eq!(first.status, 200);
    let again = curl(data, &cert, &url, &["-u", &basic, "--etag-compare", etag]);
    assert_eq!(again.status, 304);
    assert_eq!(again.body, "");

    // Wrong, missing, another firewall's name: refused with a reason and a Basic challenge.
    for args in [
        vec!["-u", "pa-1:0000"],
        vec![],
        vec!["-H", "Authorization: Bearer nope"],
    ] {
        let refused = curl(data, &cert, &url, &args);
        assert_eq!(refused.status, 401, "{args:?}");
        assert!(refused
            .header("www-authenticate")
            .is_some_and(|v| v.starts_with("Basic")));
        let body: serde_json::Value = serde_json::from_str(&refused.body).unwrap();
        assert!(body["error"].as_str().unwrap().contains("token"));
    }
    let other = format!("pf-1:{pa}");
    assert_eq!(curl(data, &cert, &url, &["-u", &other]).status, 401);

    // pfSense: the token in the URL; a bearer token works too.
    let pfsense = curl(
        data,
        &cert,
        &format!("{base}/pfsense/ip.txt?token={pf}"),
        &[],
    );
    assert_eq!(pfsense.status, 200);
    assert!(pfsense.body.contains("\n91.92.240.10\n"));
    let bearer = format!("Authorization: Bearer {pf}");
    assert_eq!(curl(data, &cert, &url, &["-H", &bearer]).status, 200);

    // Unknown paths and other methods.
    let missing = curl(
        data,
        &cert,
        &format!("{base}/paloalto/nothing.txt"),
        &["-u", &basic],
    );
    assert_eq!(missing.status, 404);
    let post = curl(data, &cert, &url, &["-u", &basic, "-X", "POST"]);
    assert_eq!(post.status, 405);

    // New intel changes the list and its ETag within seconds; the old ETag gets the new list.
    import(
        data,
        "intel-2.json",
        &["[ipv4-addr:value = '45.155.205.99']"],
    );
    let mut fresh = None;
    wait_for("the new indicator in the list", || {
        let got = curl(data, &cert, &url, &["-u", &basic]);
        let has = got.body.lines().any(|l| l == "45.155.205.99");
        fresh = Some(got);
        has
    });
    let fresh = fresh.unwrap();
    assert_ne!(fresh.header("etag"), first.header("etag"));
    let changed = curl(data, &cert, &url, &["-u", &basic, "--etag-compare", etag]);
    assert_eq!(changed.status, 200);
    assert!(changed.body.contains("45.155.205.99"));

    // A revoked indicator leaves the list as fast.
    let revoked_id = "indicator--3f0c9a53-4a4e-4d43-9a51-0d6c7a1f2e11";
    let revoke = |revoked: bool| {
        let now = Timestamp::now().with_precision(3).to_string();
        serde_json::json!({"type": "bundle", "id": format!("bundle--{}", uuid::Uuid::new_v4()),
            "objects": [{"type": "indicator", "spec_version": "2.1", "id": revoked_id,
                "created": "2026-01-01T00:00:00.000Z", "modified": now, "valid_from": now,
                "confidence": 90, "revoked": revoked, "pattern_type": "stix",
                "pattern": "[ipv4-addr:value = '185.220.101.47']"}]})
        .to_string()
    };
    for (n, revoked) in [(3, false), (4, true)] {
        let file = data.join(format!("intel-{n}.json"));
        fs::write(&file, revoke(revoked)).unwrap();
        ok(&ward(data, &["import", file.to_str().unwrap()]));
        wait_for("the list to follow the revocation", || {
            let got = curl(data, &cert, &url, &["-u", &basic]);
            got.body.lines().any(|l| l == "185.220.101.47") != revoked
        });
        // Modified times are kept to the millisecond: the revocation must be later.
        std::thread::sleep(Duration::from_millis(20));
    }

    // A removed token stops working at once, without restarting watch; the others still do.
    ok(&ward(data, &["watch", "firewall", "remove", "pa-1"]));
    assert_eq!(curl(data, &cert, &url, &["-u", &basic]).status, 401);
    assert_eq!(curl(data, &cert, &url, &["-H", &bearer]).status, 200);
    let listed = ok(&ward(data, &["--json", "watch", "firewall", "list"]));
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["pf-1"]);
    assert!(watch.text().contains("refused GET /paloalto/ip.txt"));
}

#[test]
fn plain_http_is_refused_off_loopback_and_names_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    fs::write(
        data.join("watch.toml"),
        "[[logs]]\npath = \"fw.log\"\n\n[firewall_lists]\nlisten = \"0.0.0.0:9443\"\ntls = false\n",
    )
    .unwrap();
    let out = ward(data, &["watch", "--check-config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("watch.toml") && err.contains("firewall_lists.tls"),
        "{err}"
    );
    assert!(err.contains("loopback"), "{err}");

    fs::write(
        data.join("watch.toml"),
        "[[logs]]\npath = \"fw.log\"\n\n[firewall_lists]\nlisten = \"127.0.0.1:9443\"\n",
    )
    .unwrap();
    let said = ok(&ward(data, &["watch", "--check-config"]));
    assert!(
        said.contains("firewall lists on https://127.0.0.1:9443/"),
        "{said}"
    );

    let out = ward(data, &["watch", "firewall", "add", "pa:1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("firewall name"));
    add_firewall(data, "pa-1");
    let out = ward(data, &["watch", "firewall", "add", "pa-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has a token"));
    let out = ward(data, &["watch", "firewall", "remove", "nobody"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn plain_http_on_loopback_serves_and_a_silent_client_blocks_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    setup(data);
    fs::write(
        data.join("watch.toml"),
        "[[logs]]\npath = \"fw.log\"\n\n[firewall_lists]\nlisten = \"127.0.0.1:0\"\ntls = false\n",
    )
    .unwrap();
    let token = add_firewall(data, "opn-1");
    let watch = start(data);
    let base = base(&watch);
    let addr = base
        .strip_prefix("http://")
        .expect("plain HTTP when tls = false")
        .to_string();
    assert!(!data.join("firewall-lists-cert.pem").exists());

    // A client that connects and sends nothing holds its own connection only.
    let silent = std::net::TcpStream::connect(&addr).unwrap();
    let bearer = format!("Bearer {token}");
    let (status, _, body) = ward_testkit::http(
        &addr,
        "GET",
        "/opnsense/ip.txt",
        &[("Authorization", bearer.as_str())],
        b"",
    )
    .unwrap();
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("\n91.92.240.10\n"));
    let (status, _, body) = ward_testkit::http(
        &addr,
        "HEAD",
        &format!("/opnsense/ip.txt?token={token}"),
        &[],
        b"",
    )
    .unwrap();
    assert_eq!(status, 200);
    assert!(body.is_empty(), "HEAD has no body");
    drop(silent);

    // Not HTTP at all: 400 with a JSON reason, and the server goes on.
    let mut raw = std::net::TcpStream::connect(&addr).unwrap();
    std::io::Write::write_all(&mut raw, b"hello there\r\n\r\n").unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut raw, &mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("{\"error\":"), "{answer}");
    let (status, _, _) = ward_testkit::http(&addr, "GET", "/opnsense/ip.txt", &[], b"").unwrap();
    assert_eq!(status, 401);
}
