//! The member's web pages of `ward watch` (`[web]`), end to end over HTTP: a real watch on a
//! temporary data folder with real intel, scans, plans, exposure and a real hub on loopback.
//! Every page renders what the folder holds; marking done or not applicable reaches
//! `ward report`; approving a queued share sends it to the hub and discarding drops it; a
//! POST without the form's token is refused and changes nothing; an upload shows what was
//! read with its bad rows' lines; alerts filter and page; sign-in guards the pages once a
//! password is set. Every wait polls with a deadline and every process dies with its test.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::member_web::{
    eve, fixture, hub_objects, member, ok, queue_ids, queue_shares, set_password, start, ward,
    week, INDICATOR,
};
use common::watch::{wait_secs, Watch};
use ward_testkit::Hub;

const WARD: &str = env!("CARGO_BIN_EXE_ward");

/// A visitor: the session cookie the pages gave it, and the cookie of a form's outcome,
/// sent back on every request; from `source` when given (an address of 127.0.0.0/8).
struct Browser {
    addr: String,
    cookie: Option<String>,
    flash: Option<String>,
    source: Option<std::net::IpAddr>,
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The CSRF token of the page's forms.
    fn csrf(&self) -> String {
        let (_, rest) = self
            .body
            .split_once("name=\"csrf\" value=\"")
            .unwrap_or_else(|| panic!("no form token in {}", self.body));
        rest.split('"').next().unwrap().to_string()
    }

    /// How many times `needle` occurs in the body.
    fn count(&self, needle: &str) -> usize {
        self.body.matches(needle).count()
    }
}

impl Browser {
    fn new(addr: &str) -> Browser {
        Browser {
            addr: addr.to_string(),
            cookie: None,
            flash: None,
            source: None,
        }
    }

    fn from(addr: &str, source: [u8; 4]) -> Browser {
        Browser {
            source: Some(std::net::IpAddr::from(source)),
            ..Browser::new(addr)
        }
    }

    fn send(&mut self, method: &str, path: &str, content_type: &str, body: &[u8]) -> Reply {
        let cookie = [("ward_session", &self.cookie), ("ward_flash", &self.flash)]
            .iter()
            .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name}={v}")))
            .collect::<Vec<_>>()
            .join("; ");
        let mut headers = vec![("Content-Type", content_type)];
        if !cookie.is_empty() {
            headers.push(("Cookie", cookie.as_str()));
        }
        let (status, headers, body) = match self.source {
            Some(source) => {
                ward_testkit::http_from(source, &self.addr, method, path, &headers, body)
            }
            None => ward_testkit::http(&self.addr, method, path, &headers, body),
        }
        .unwrap();
        for (k, v) in &headers {
            if k != "set-cookie" {
                continue;
            }
            let (name, rest) = v.split_once('=').unwrap_or((v, ""));
            let value = rest.split(';').next().unwrap_or("");
            let value = (!value.is_empty()).then(|| value.to_string());
            match name {
                "ward_session" => self.cookie = value,
                "ward_flash" => self.flash = value,
                _ => {}
            }
        }
        Reply {
            status,
            headers,
            body: String::from_utf8(body).unwrap(),
        }
    }

    fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, "text/plain", b"")
    }

    fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(
            "POST",
            path,
            "application/x-www-form-urlencoded",
            body.as_bytes(),
        )
    }
}

/// The ids of the plan page's "mark done" buttons, in order.
fn action_ids(page: &Reply) -> Vec<String> {
    page.body
        .split("id=\"done-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_page_renders_and_the_plan_forms_reach_ward_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    week(dir.path(), &data);
    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);

    let plan = b.get("/plan");
    assert_eq!(plan.status, 200, "{}", plan.body);
    let csp = plan.header("content-security-policy").unwrap();
    for part in [
        "default-src 'none'",
        "style-src 'sha256-",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    let cookie = plan.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        plan.body.contains("Check the computer at 10.0.0.5"),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("2026-11-20"), "past weeks listed");
    let ids = action_ids(&plan);
    assert!(ids.len() >= 2, "{}", plan.body);
    let token = plan.csrf();

    // Without the form's token (or with another's, or without the session): 403, no mark.
    let refused = b.post("/plan/done", &[("id", &ids[0])]);
    assert_eq!(refused.status, 403);
    let refused = b.post("/plan/done", &[("id", &ids[0]), ("csrf", "0000")]);
    assert_eq!(refused.status, 403);
    let mut stranger = Browser::new(&addr);
    let refused = stranger.post("/plan/done", &[("id", &ids[0]), ("csrf", &token)]);
    assert_eq!(refused.status, 403);
    assert!(!data.join("plan/done.json").exists(), "nothing marked");

    let done = b.post("/plan/done", &[("id", &ids[0]), ("csrf", &token)]);
    assert_eq!(done.status, 303, "{}", done.body);
    let report = ok(ward(&data, &["report", "--format", "md"]));
    let done_line = format!("- {} ", ids[0]);
    assert!(
        report
            .lines()
            .any(|l| l.starts_with(&done_line) && l.contains("(done ")),
        "{report}"
    );

    // Not applicable needs a reason; the reason is kept, shown (escaped) and honoured.
    let no_reason = b.post(
        "/plan/not-applicable",
        &[("id", &ids[1]), ("reason", " "), ("csrf", &token)],
    );
    assert_eq!(no_reason.status, 400);
    let na = b.post(
        "/plan/not-applicable",
        &[
            ("id", &ids[1]),
            ("reason", "no such device <b>here</b>"),
            ("csrf", &token),
        ],
    );
    assert_eq!(na.status, 303, "{}", na.body);
    let plan = b.get("/plan");
    assert!(
        plan.body.contains("Marked not applicable"),
        "flash shown once"
    );
    assert!(
        plan.body.contains("Not applicable (")
            && plan.body.contains("no such device &lt;b&gt;here&lt;/b&gt;"),
        "{}",
        plan.body
    );
    assert!(!plan.body.contains("<b>here"), "escaped");
    assert!(!b.get("/plan").body.contains("Marked not applicable"));
    let report = ok(ward(&data, &["report", "--format", "md"]));
    assert!(
        report.contains(&format!("- {} ", ids[1]))
            && report.contains("not applicable")
            && report.contains("no such device <b>here</b>"),
        "{report}"
    );
    let unknown = b.post("/plan/done", &[("id", "W-nope"), ("csrf", &token)]);
    assert_eq!(unknown.status, 400);

    let history = b.get("/plan/history?day=2026-11-20");
    assert_eq!(history.status, 200);
    assert!(history.body.contains("The plan of 2026-11-20"));
    assert_eq!(b.get("/plan/history?day=1999-01-01").status, 404);

    let devices = b.get("/devices");
    assert_eq!(devices.status, 200);
    // Each device with its tier, why, and the advisories behind it; the skipped row by line.
    assert!(
        devices.body.contains("Radiology portal"),
        "{}",
        devices.body
    );
    assert!(devices.body.contains("ICSMA-"), "{}", devices.body);
    assert!(
        devices.count("data-test=\"device\"") >= 2,
        "{}",
        devices.body
    );
    assert!(devices
        .body
        .contains("clinic-inventory.csv:7: column `criticality`"));

    // An alert from the followed log reaches the alerts page.
    common::watch::append(&data.join("logs/eve.json"), &eve("10.0.0.9"));
    wait_secs("the alert", 30, || watch.said("ALERT "));
    wait_secs("the alert on the page", 30, || {
        b.get("/alerts").body.contains("10.0.0.9")
    });
    let alerts = b.get("/alerts");
    assert!(alerts.body.contains("198.51.100.77") && alerts.body.contains("Known C2 host"));
    assert!(alerts.body.contains(INDICATOR));

    let coverage = b.get("/coverage");
    assert_eq!(coverage.status, 200);
    assert!(
        coverage.body.contains("1 file(s) followed"),
        "{}",
        coverage.body
    );
    assert!(coverage.body.contains("What was not checked"));

    let sharing = b.get("/sharing");
    assert!(sharing.body.contains("Nothing waits for approval"));
    assert_eq!(b.get("/nowhere").status, 404);
    // A form body past the limit is refused before anything is read.
    let huge = "x".repeat(200 * 1024);
    let big = b.post("/plan/done", &[("id", &huge), ("csrf", &token)]);
    assert_eq!(big.status, 413);
    assert!(watch.terminate().success());
}

#[test]
fn alerts_filter_and_come_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    {
        let store = ward_member::DataDir::new(&data).open_store().unwrap();
        let now = ward_member::journal::now().secs;
        for i in 0..120u64 {
            let alert = serde_json::json!({
                "time": format!("t{i:03}"),
                "machine": format!("ws-{}", i % 3),
                "field": "dest_ip",
                "value": format!("198.51.100.{i}"),
                "indicator_id": INDICATOR,
                "indicator_name": "Known C2 host",
                "file": "fw.log",
                "line": i,
            });
            ward_member::watch::alerts::keep(&*store, now - 1000 + i as i64, 0, &alert).unwrap();
        }
        // A rare machine, older than every other alert.
        for i in 0..2u64 {
            let alert = serde_json::json!({
                "time": format!("rare{i}"), "machine": "PACS-91", "field": "dest_ip",
                "value": "203.0.113.9", "indicator_id": INDICATOR, "file": "fw.log", "line": i,
            });
            ward_member::watch::alerts::keep(&*store, now - 2000 + i as i64, 0, &alert).unwrap();
        }
    }
    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);
    let rows = |r: &Reply| r.count("data-test=\"alert\"");
    let older = |r: &Reply| -> Option<String> {
        let (_, rest) = r.body.split_once("href=\"/alerts?")?;
        let q = rest.split('"').next()?.replace("&amp;", "&");
        Some(format!("/alerts?{q}"))
    };
    let first = b.get("/alerts");
    assert_eq!(rows(&first), 50);
    // Each machine's first and last alert on the indicator, and how many.
    assert!(first.body.contains("40 alert(s)"), "{}", first.body);
    assert!(first.body.contains("t119"), "newest first");
    let second = b.get(&older(&first).unwrap());
    assert_eq!(rows(&second), 50);
    assert!(second.body.contains("t069") && !second.body.contains("t070"));
    let third = b.get(&older(&second).unwrap());
    assert_eq!(rows(&third), 22);
    assert!(third.body.contains("t000") && third.body.contains("rare0"));
    assert!(!third.body.contains("rel=\"next\""), "the last page");

    // The rare machine's alerts, found through the index by machine.
    let rare = b.get("/alerts?machine=pacs-9");
    assert_eq!(rows(&rare), 2, "{}", rare.body);
    assert!(rare.body.contains("rare1") && !rare.body.contains("ws-1"));
    let machine = b.get("/alerts?machine=WS-1");
    assert_eq!(rows(&machine), 40);
    assert!(!machine.body.contains("ws-0") && !machine.body.contains("ws-2"));
    let text = b.get("/alerts?q=198.51.100.7");
    // 7 and 70 to 79.
    assert_eq!(rows(&text), 11, "{}", text.body);
    let both = b.get("/alerts?machine=ws-1&q=198.51.100.7");
    // 7, 70, 73, 76 and 79 are ws-1.
    assert_eq!(rows(&both), 5);
    let none = b.get("/alerts?q=%3Cscript%3E");
    assert!(none.body.contains("No alert"));
    assert!(
        none.body.contains("value=\"&lt;script&gt;\""),
        "the filter is escaped"
    );
    assert!(watch.terminate().success());
}

/// A multipart body with the form's token and one file.
fn upload_body(token: &str, name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----wardtestboundary7e1";
    let mut body = Vec::new();
    write!(
        body,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"inventory\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .unwrap();
    body.extend_from_slice(file);
    write!(body, "\r\n--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn an_uploaded_inventory_is_previewed_with_its_bad_rows_then_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);
    let token = b.get("/devices").csrf();
    let csv = b"name,vendor,product,version,criticality,asset_tag\n\
Front desk PC,Dell,OptiPlex 7010,A12,business,T-1\n\
,,,,,T-2\n\
Pump 3,BD,Alaris 8015,12.1.2,life-sustaining,T-3\n";
    let (ct, body) = upload_body("wrong", "assets.csv", csv);
    let refused = b.send("POST", "/devices/upload", &ct, &body);
    assert_eq!(refused.status, 403);

    let (ct, body) = upload_body(&token, "assets.csv", csv);
    let preview = b.send("POST", "/devices/upload", &ct, &body);
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(
        preview.body.contains("2 device(s) read"),
        "{}",
        preview.body
    );
    assert!(preview.body.contains("line 3: "), "{}", preview.body);
    assert!(preview.body.contains("criticality"), "columns recognised");
    assert!(preview.body.contains("asset_tag"), "other columns named");
    assert!(
        !data.join("inventory").exists(),
        "nothing saved before confirming"
    );
    let upload = upload_id(&preview);
    let saved = b.post("/devices/confirm", &[("upload", &upload), ("csrf", &token)]);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(fs::read(data.join("inventory/inventory.csv")).unwrap(), csv);
    assert!(b.get("/devices").body.contains("Saved the inventory"));
    let again = b.post("/devices/confirm", &[("upload", &upload), ("csrf", &token)]);
    assert_eq!(again.status, 400, "an upload is saved once");

    // A workbook is read by the same reader, and saved under its own extension.
    let xlsx = fs::read(fixture("hospital/hospital-inventory.xlsx")).unwrap();
    let (ct, body) = upload_body(&token, "hospital-inventory.xlsx", &xlsx);
    let preview = b.send("POST", "/devices/upload", &ct, &body);
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(
        preview.body.contains("0 row(s) with problems"),
        "{}",
        preview.body
    );
    let upload = upload_id(&preview);
    let saved = b.post("/devices/confirm", &[("upload", &upload), ("csrf", &token)]);
    assert_eq!(saved.status, 303);
    assert_eq!(
        fs::read(data.join("inventory/inventory.xlsx")).unwrap(),
        xlsx
    );
    assert!(
        !data.join("inventory/inventory.csv").exists(),
        "one inventory kept"
    );

    let (ct, body) = upload_body(&token, "notes.pdf", b"%PDF-1.7\n...");
    let pdf = b.send("POST", "/devices/upload", &ct, &body);
    assert_eq!(pdf.status, 422, "{}", pdf.body);
    let garbled = b.send("POST", "/devices/upload", &ct, b"--x\r\n\r\n");
    assert_eq!(garbled.status, 400);
    assert!(watch.terminate().success());
}

/// Every form of every page, posted without its token, with an empty one or with another
/// visitor's: 403, and the plan, the share queue and the devices are as they were.
#[test]
fn every_form_of_the_pages_is_refused_without_its_csrf_token() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    week(dir.path(), &data);
    queue_shares(dir.path(), &data, "http://127.0.0.1:9", "some-collection");
    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);
    let other = Browser::new(&addr).get("/plan").csrf();
    let state = |b: &mut Browser| {
        (
            action_ids(&b.get("/plan")),
            queue_ids(&data),
            b.get("/devices").count("<tr"),
            fs::read_dir(&data)
                .unwrap()
                .flatten()
                .map(|e| e.file_name())
                .collect::<std::collections::BTreeSet<_>>(),
        )
    };
    let mut actions = Vec::new();
    for path in [
        "/plan",
        "/plan/history?day=2026-11-20",
        "/alerts",
        "/devices",
        "/sharing",
        "/coverage",
    ] {
        let page = b.get(path);
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        actions.extend(ward_testkit::post_form_actions(&page.body));
    }
    actions.sort();
    actions.dedup();
    for expected in [
        "/plan/done",
        "/plan/not-applicable",
        "/sharing/approve",
        "/sharing/discard",
        "/devices/upload",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} not among {actions:?}"
        );
    }
    let before = state(&mut b);
    let id = before.0[0].clone();
    for action in &actions {
        for token in [None, Some(""), Some("0000"), Some(other.as_str())] {
            let mut fields = vec![
                ("id", id.as_str()),
                ("reason", "refused"),
                ("token", "refused"),
            ];
            if let Some(t) = token {
                fields.push(("csrf", t));
            }
            let reply = if action == "/devices/upload" {
                // The upload form is multipart (a body of another kind is refused as such).
                let csv = b"name,ip\nrefused-pc,10.9.9.9\n";
                let (kind, body) = upload_body(token.unwrap_or(""), "refused.csv", csv);
                b.send("POST", action, &kind, &body)
            } else {
                b.post(action, &fields)
            };
            assert_eq!(
                reply.status, 403,
                "{action} with token {token:?}: {}",
                reply.body
            );
        }
    }
    // The shares' ids, the first of them too.
    let reply = b.post("/sharing/discard", &[("id", "1")]);
    assert_eq!(reply.status, 403);
    assert_eq!(state(&mut b), before, "a refused form changed nothing");
    assert!(watch.terminate().success());
}

/// A web page that made its own name point at 127.0.0.1 (DNS rebinding) reaches the
/// pages with that name in `Host`: without a password on loopback, it is refused before
/// any page or form sees it; a loopback name is served.
#[test]
fn a_request_naming_another_host_is_refused_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    let (mut watch, addr) = start(&data);
    let port = addr.rsplit(':').next().unwrap().to_string();
    let as_host = |host: &str, method: &str, path: &str, body: &[u8]| {
        let headers = [
            ("Host", host),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        ward_testkit::http(&addr, method, path, &headers, body).unwrap()
    };
    let rebound = format!("rebind.example:{port}");
    let (status, headers, body) = as_host(&rebound, "GET", "/plan", b"");
    assert_eq!(status, 421, "{}", String::from_utf8_lossy(&body));
    assert!(!headers.iter().any(|(k, _)| k == "set-cookie"));
    assert!(String::from_utf8_lossy(&body).contains("loopback name"));
    assert!(headers.iter().any(|(k, _)| k == "content-security-policy"));
    let (status, _, _) = as_host(&rebound, "POST", "/plan/done", b"id=x&csrf=y");
    assert_eq!(status, 421, "a form is refused before its token is read");
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        addr.clone(),
    ] {
        let (status, _, body) = as_host(&host, "GET", "/plan", b"");
        assert_eq!(status, 200, "{host}: {}", String::from_utf8_lossy(&body));
    }
    assert!(watch.terminate().success());
}

/// A hub that takes a connection and never answers: the approve button gives up after its
/// own bound and leaves the share queued; while it waits, a second click on approve or
/// discard is told the share is being sent, and nothing is sent twice.
#[test]
fn a_share_being_sent_is_not_sent_again_and_a_silent_hub_is_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_base = format!("http://{}", silent.local_addr().unwrap());
    // Holds every connection open without a byte of answer, until the test ends.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in silent.incoming().flatten() {
            held.push(stream);
        }
    });
    let data = member(dir.path(), "");
    queue_shares(dir.path(), &data, &silent_base, "some-collection");
    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);
    let token = b.get("/sharing").csrf();
    let cookie = b.cookie.clone();
    let first = std::thread::spawn({
        let addr = addr.clone();
        let token = token.clone();
        move || {
            let mut b = Browser::new(&addr);
            b.cookie = cookie;
            let started = std::time::Instant::now();
            let reply = b.post("/sharing/approve", &[("id", "1"), ("csrf", &token)]);
            (reply, started.elapsed())
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let again = b.post("/sharing/approve", &[("id", "1"), ("csrf", &token)]);
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("being sent"), "{}", again.body);
    let discard = b.post("/sharing/discard", &[("id", "1"), ("csrf", &token)]);
    assert_eq!(discard.status, 409, "{}", discard.body);
    let (first, waited) = first.join().unwrap();
    assert_eq!(first.status, 502, "{}", first.body);
    assert!(first.body.contains("stays queued"), "{}", first.body);
    assert!(first.body.contains("href=\"/sharing\""), "{}", first.body);
    assert!(waited < std::time::Duration::from_secs(40), "{waited:?}");
    assert_eq!(queue_ids(&data), [1, 2], "nothing sent, nothing lost");
    // Once given up, the share may be discarded.
    let discard = b.post("/sharing/discard", &[("id", "1"), ("csrf", &token)]);
    assert_eq!(discard.status, 303, "{}", discard.body);
    assert_eq!(queue_ids(&data), [2]);
    assert!(watch.terminate().success());
}

#[test]
fn a_queued_share_is_approved_to_the_hub_or_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let hub_data = dir.path().join("hub");
    let (hub_token, collection) = common::hub_store(&hub_data);
    let hub = Hub::start(Path::new(WARD), &hub_data, &[], &[]);
    let data = member(dir.path(), "");
    queue_shares(dir.path(), &data, &hub.base(), &collection);
    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);
    let page = b.get("/sharing");
    assert_eq!(page.count("data-test=\"queued-share\""), 2);
    let shown = ok(ward(&data, &["share", "queue", "show", "1"]));
    // The exact dry-run preview, line for line (maud escapes only <, >, & and quotes).
    for line in shown.lines().filter(|l| l.starts_with(['+', '-'])).take(5) {
        assert!(
            page.body.contains(line),
            "{line} missing from {}",
            page.body
        );
    }
    let token = page.csrf();

    let refused = b.post("/sharing/approve", &[("id", "1"), ("token", &hub_token)]);
    assert_eq!(refused.status, 403);
    assert_eq!(queue_ids(&data), [1, 2]);

    let sent = b.post(
        "/sharing/approve",
        &[("id", "1"), ("token", &hub_token), ("csrf", &token)],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(queue_ids(&data), [2]);
    let stored = hub_objects(&hub_data, &collection);
    assert!(!stored.is_empty(), "the share reached the hub");
    assert!(!stored.iter().any(|o| o.to_string().contains("John Smith")));
    assert!(b.get("/sharing").body.contains("Sent 1"));

    let wrong = b.post(
        "/sharing/approve",
        &[("id", "2"), ("token", "not-the-token"), ("csrf", &token)],
    );
    assert_eq!(wrong.status, 502, "{}", wrong.body);
    assert_eq!(queue_ids(&data), [2], "a refused send stays queued");

    let discarded = b.post("/sharing/discard", &[("id", "2"), ("csrf", &token)]);
    assert_eq!(discarded.status, 303);
    assert!(queue_ids(&data).is_empty());
    assert_eq!(hub_objects(&hub_data, &collection).len(), stored.len());
    assert!(b.get("/sharing").body.contains("Nothing waits"));
    assert_eq!(
        b.post("/sharing/discard", &[("id", "2"), ("csrf", &token)])
            .status,
        400
    );
    assert!(watch.terminate().success());
}

#[test]
fn with_a_password_every_page_needs_a_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    // Off loopback without a password, watch does not start.
    let wide = data.join("watch.toml");
    let text = fs::read_to_string(&wide).unwrap();
    fs::write(&wide, text.replace("127.0.0.1:0", "0.0.0.0:0")).unwrap();
    let out = Command::new(WARD)
        .arg("--data")
        .arg(&data)
        .args(["watch", "--foreground"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("web-password"));

    // With a password it starts there; the password removed while it runs, nothing is served.
    assert!(set_password(&data, "correct horse battery")
        .status
        .success());
    let (mut open, bound) = start(&data);
    let port = bound.rsplit(':').next().unwrap();
    let mut b = Browser::new(&format!("127.0.0.1:{port}"));
    assert_eq!(b.get("/plan").status, 303);
    ok(ward(&data, &["watch", "web-password", "--remove"]));
    let r = b.get("/plan");
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("no password is set"));
    assert_eq!(b.get("/signin").status, 403);
    assert!(open.terminate().success());
    fs::write(&wide, text).unwrap();

    let short = set_password(&data, "short");
    assert_eq!(short.status.code(), Some(2));
    let set = set_password(&data, "correct horse battery");
    assert!(set.status.success(), "{set:?}");
    let kept = fs::read(data.join("ward.db")).unwrap();
    assert!(
        !kept.windows(7).any(|w| w == b"correct"),
        "only the hash is kept"
    );

    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);
    for page in ["/plan", "/alerts", "/devices", "/sharing", "/coverage"] {
        let r = b.get(page);
        assert_eq!(r.status, 303, "{page}");
        assert_eq!(r.header("location"), Some("/signin"));
    }
    let form = b.get("/signin");
    assert_eq!(form.status, 200);
    let token = form.csrf();
    // A form POST of a session not signed in is refused even with its token.
    let refused = b.post("/plan/done", &[("id", "W-x"), ("csrf", &token)]);
    assert_eq!(refused.status, 403);
    let wrong = b.post("/signin", &[("password", "wrong horse"), ("csrf", &token)]);
    assert_eq!(wrong.status, 401);
    let before = b.cookie.clone();
    let right = b.post(
        "/signin",
        &[("password", "correct horse battery"), ("csrf", &token)],
    );
    assert_eq!(right.status, 303, "{}", right.body);
    assert_ne!(b.cookie, before, "a new session on sign-in");
    let plan = b.get("/plan");
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains("Sign out"));
    let token = plan.csrf();
    let out = b.post("/signout", &[("csrf", &token)]);
    assert_eq!(out.status, 303);
    assert_eq!(b.get("/plan").status, 303);

    // Wrong passwords are throttled.
    let mut other = Browser::new(&addr);
    let token = other.get("/signin").csrf();
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            other
                .post("/signin", &[("password", "guess guess"), ("csrf", &token)])
                .status,
        );
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    let blocked = other.post(
        "/signin",
        &[("password", "correct horse battery"), ("csrf", &token)],
    );
    assert_eq!(blocked.status, 429);
    assert!(watch.terminate().success());
}

#[test]
fn over_tls_the_session_cookie_is_secure() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = common::private_ca(dir.path());
    let data = member(
        dir.path(),
        &format!(
            "tls_cert = \"{}\"\ntls_key = \"{}\"\n",
            cert.display(),
            key.display()
        ),
    );
    let w = Watch::spawn(&data, &data.join("watch.err"), &[]);
    wait_secs("the web pages to start", 60, || {
        w.said("watch: web pages on https://")
    });
    assert!(w.said("watch: web pages certificate"), "{}", w.text());
    let addr = w
        .after("watch: web pages on https://")
        .trim_end_matches('/')
        .to_string();
    let agent = ward_feeds::net::agent_builder(Some(&ca))
        .unwrap()
        .redirects(0)
        .build();
    let page = agent.get(&format!("https://{addr}/plan")).call().unwrap();
    assert_eq!(page.status(), 200);
    let cookie = page.header("set-cookie").unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("; Secure"),
        "{cookie}"
    );
    assert!(page.into_string().unwrap().contains("This week's plan"));
    // Plain HTTP on the TLS port gets no page.
    let plain = ward_testkit::http(&addr, "GET", "/plan", &[], b"");
    assert!(plain.map_or(true, |(status, _, _)| status != 200));
}

#[test]
fn a_client_that_never_ends_its_request_is_dropped() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    let (mut watch, addr) = start(&data);
    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    slow.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    slow.write_all(b"GET /plan HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    // Closed by the server (after an error answer or none), well before our 30 s.
    let _ = slow.read_to_end(&mut rest);
    assert!(started.elapsed().as_secs() < 25, "{:?}", started.elapsed());
    // Others are served meanwhile and after.
    assert_eq!(Browser::new(&addr).get("/plan").status, 200);
    assert!(watch.terminate().success());
}

/// Signs `b` in with `password`; the plan page after.
fn sign_in(b: &mut Browser, password: &str) -> Reply {
    let token = b.get("/signin").csrf();
    let done = b.post("/signin", &[("password", password), ("csrf", &token)]);
    assert_eq!(done.status, 303, "{}", done.body);
    let plan = b.get("/plan");
    assert_eq!(plan.status, 200, "{}", plan.body);
    plan
}

#[test]
fn a_session_outlives_a_restart_and_ends_with_its_sign_out_or_a_new_password() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    assert!(set_password(&data, "correct horse battery")
        .status
        .success());
    let (mut watch, addr) = start(&data);
    let mut first = Browser::new(&addr);
    sign_in(&mut first, "correct horse battery");
    let mut second = Browser::new(&addr);
    sign_in(&mut second, "correct horse battery");
    assert!(watch.terminate().success());

    // Restarted (on another port): both sessions still hold, their forms too.
    let (mut watch, addr) = start(&data);
    first.addr = addr.clone();
    second.addr = addr.clone();
    let plan = first.get("/plan");
    assert_eq!(plan.status, 200, "{}", plan.body);
    assert!(plan.header("set-cookie").is_none(), "the same session");
    let copied = first.cookie.clone();
    let out = first.post("/signout", &[("csrf", &plan.csrf())]);
    assert_eq!(out.status, 303);
    assert_eq!(first.get("/plan").status, 303);
    // A copy of the signed-out cookie is refused too; the other session is not affected.
    let mut thief = Browser::new(&addr);
    thief.cookie = copied;
    assert_eq!(thief.get("/plan").status, 303);
    assert_eq!(second.get("/plan").status, 200);

    // Sign out everywhere ends every session, this one's and the others'.
    let mut third = Browser::new(&addr);
    sign_in(&mut third, "correct horse battery");
    let token = second.get("/plan").csrf();
    let everywhere = second.post("/signout/everywhere", &[("csrf", &token)]);
    assert_eq!(everywhere.status, 303);
    assert_eq!(second.get("/plan").status, 303);
    assert_eq!(third.get("/plan").status, 303);
    assert!(watch.terminate().success());

    // A session begun after that holds, until the password changes.
    let (mut watch, addr) = start(&data);
    let mut fourth = Browser::new(&addr);
    sign_in(&mut fourth, "correct horse battery");
    assert!(set_password(&data, "another horse battery")
        .status
        .success());
    let r = fourth.get("/plan");
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/signin"));
    sign_in(&mut fourth, "another horse battery");
    assert!(watch.terminate().success());
}

#[test]
fn a_client_over_the_connection_cap_is_refused_at_once() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "max_connections = 2\n");
    let (mut watch, addr) = start(&data);
    let held: Vec<std::net::TcpStream> = (0..2)
        .map(|_| std::net::TcpStream::connect(&addr).unwrap())
        .collect();
    // The two are accepted before the third comes.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mut third = std::net::TcpStream::connect(&addr).unwrap();
    third
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let started = std::time::Instant::now();
    let _ = third.write_all(b"GET /plan HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut answer = Vec::new();
    let _ = third.read_to_end(&mut answer);
    assert!(
        started.elapsed().as_secs() < 3,
        "refused at once, not after {:?}",
        started.elapsed()
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("too many open connections"), "{answer}");
    // Their slots are given back when they close.
    drop(held);
    wait_secs("a slot to be free", 10, || {
        ward_testkit::http(&addr, "GET", "/plan", &[], b"").is_ok_and(|(s, _, _)| s == 200)
    });
    assert!(watch.terminate().success());
}

/// The upload id of an inventory preview.
fn upload_id(preview: &Reply) -> String {
    preview
        .body
        .split_once("name=\"upload\" value=\"")
        .and_then(|(_, r)| r.split('"').next())
        .unwrap_or_else(|| panic!("no upload id in {}", preview.body))
        .to_string()
}

#[test]
fn an_upload_previewed_and_a_forms_outcome_outlive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    let (mut watch, addr) = start(&data);
    let mut b = Browser::new(&addr);
    let token = b.get("/devices").csrf();
    let csv =
        b"name,vendor,product,version,criticality\nFront desk PC,Dell,OptiPlex 7010,A12,business\n";
    let (ct, body) = upload_body(&token, "assets.csv", csv);
    let preview = b.send("POST", "/devices/upload", &ct, &body);
    assert_eq!(preview.status, 200, "{}", preview.body);
    let upload = upload_id(&preview);
    assert!(watch.terminate().success());

    // Restarted between the preview and the confirm button: the upload still waits, for
    // this session only.
    let (mut watch, addr) = start(&data);
    b.addr = addr.clone();
    let mut other = Browser::new(&addr);
    let other_token = other.get("/devices").csrf();
    let stolen = other.post(
        "/devices/confirm",
        &[("upload", &upload), ("csrf", &other_token)],
    );
    assert_eq!(stolen.status, 400, "another session's upload");
    let saved = b.post("/devices/confirm", &[("upload", &upload), ("csrf", &token)]);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(fs::read(data.join("inventory/inventory.csv")).unwrap(), csv);
    let flash = b.flash.clone().expect("the outcome in a cookie");
    assert!(watch.terminate().success());

    // Restarted between the confirm and the page it leads to: the page still says what was
    // done, once; a copy of the cookie in another session shows nothing.
    let (mut watch, addr) = start(&data);
    b.addr = addr.clone();
    other.addr = addr.clone();
    other.flash = Some(flash);
    assert!(!other.get("/devices").body.contains("Saved the inventory"));
    let page = b.get("/devices");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-test=\"flash\""), "{}", page.body);
    assert!(
        page.body.contains("Saved the inventory as "),
        "{}",
        page.body
    );
    assert_eq!(b.flash, None, "cleared once shown");
    assert!(!b.get("/devices").body.contains("Saved the inventory"));
    // A flash cookie changed by hand shows nothing either.
    let forged = format!("{}.{}", "U2F2ZWQgdGhlIGludmVudG9yeQ", "0".repeat(64));
    b.flash = Some(forged);
    assert!(!b.get("/devices").body.contains("Saved the inventory"));
    assert!(watch.terminate().success());
}

/// Posts a sign-in with `password` from `b` (its form fetched first); the answer.
fn try_password(b: &mut Browser, password: &str) -> Reply {
    let token = b.get("/signin").csrf();
    b.post("/signin", &[("password", password), ("csrf", &token)])
}

#[test]
fn wrong_passwords_are_throttled_per_client_address_and_over_all_of_them() {
    const RIGHT: &str = "correct horse battery";
    let dir = tempfile::tempdir().unwrap();
    let data = member(dir.path(), "");
    assert!(set_password(&data, RIGHT).status.success());
    let (mut watch, addr) = start(&data);

    // Five wrong passwords from 127.0.0.1: the sixth attempt waits, the right password too.
    let mut first = Browser::from(&addr, [127, 0, 0, 1]);
    for _ in 0..5 {
        assert_eq!(try_password(&mut first, "guess guess").status, 401);
    }
    let blocked = try_password(&mut first, RIGHT);
    assert_eq!(blocked.status, 429, "{}", blocked.body);
    assert!(blocked
        .header("retry-after")
        .is_some_and(|s| s.parse::<u64>().is_ok_and(|n| (1..=60).contains(&n))));
    assert!(blocked.body.contains("too many wrong passwords"));

    // 127.0.0.2 is not held back by 127.0.0.1's failures: it signs in.
    let mut second = Browser::from(&addr, [127, 0, 0, 2]);
    assert_eq!(try_password(&mut second, "guess guess").status, 401);
    let signed_in = try_password(&mut second, RIGHT);
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    assert_eq!(second.get("/plan").status, 200);
    assert_eq!(
        try_password(&mut first, RIGHT).status,
        429,
        "still held back"
    );

    // Thirty failures over all addresses together (five at most from each, so none is held
    // back by its own count): then every address waits, one never seen before too.
    let mut failures = 6;
    let mut host = 3u8;
    while failures < 30 {
        let mut b = Browser::from(&addr, [127, 0, 0, host]);
        for _ in 0..5.min(30 - failures) {
            let r = try_password(&mut b, "guess guess");
            assert_eq!(r.status, 401, "failure {failures} from 127.0.0.{host}");
            failures += 1;
        }
        host += 1;
    }
    let mut fresh = Browser::from(&addr, [127, 0, 0, 200]);
    let r = try_password(&mut fresh, RIGHT);
    assert_eq!(r.status, 429, "the ceiling over all addresses: {}", r.body);
    assert!(r.header("retry-after").is_some());
    // A session signed in before is not signed out by it.
    assert_eq!(second.get("/plan").status, 200);
    assert!(watch.terminate().success());
}
