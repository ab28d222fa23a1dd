//! `ward watch`'s schedule end to end, with the real binary: a hub collection pulled on a
//! schedule (a ward hub on loopback), a feed downloaded again only when it changed (a
//! loopback server that honours `If-None-Match`), a failing source that backs off and says
//! why (in `--status`, `/healthz` and `/metrics`), and the plan written again soon after an
//! urgent alert, counting what watch found. Waits poll with a deadline; processes are killed
//! when a test ends.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::watch::{alert_lines, append, wait_secs, Watch};
use ward_testkit::Hub;

const WARD: &str = env!("CARGO_BIN_EXE_ward");
/// An attacker's address (public, so it is never kept out of anything) and the clinic's PC.
const BAD: &str = "91.92.240.13";
const PC: &str = "10.20.30.40";

fn intel(address: &str, id: &str) -> String {
    format!(
        r#"{{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{{"type":"indicator","spec_version":"2.1","id":"{id}",
 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"QakBot C2",
 "pattern":"[ipv4-addr:value = '{address}']","pattern_type":"stix",
 "valid_from":"2026-01-01T00:00:00Z"}}]}}"#
    )
}

/// A Suricata EVE flow from the clinic's PC to `dest`.
fn eve(dest: &str) -> String {
    format!(
        "{{\"timestamp\":\"2026-12-03T10:00:00.000000+0000\",\"event_type\":\"flow\",\"src_ip\":\"{PC}\",\"src_port\":5555,\"dest_ip\":\"{dest}\",\"dest_port\":443,\"proto\":\"TCP\"}}\n"
    )
}

fn ward(data: &Path, args: &[&str]) -> std::process::Output {
    ward_testkit::run(Path::new(WARD), data, args)
}

fn wait_for(what: &str, secs: u64, check: impl FnMut() -> bool) {
    wait_secs(what, secs, check);
}

/// `ward watch` on `data`, its messages in `data/watch.stderr`.
fn start(data: &Path) -> Watch {
    Watch::spawn(data, &data.join("watch.stderr"), &[])
}

fn alerts(data: &Path) -> Vec<serde_json::Value> {
    alert_lines(data)
}

#[test]
fn a_scheduled_pull_brings_intel_that_alerts_and_the_plan_counts_it() {
    let tmp = tempfile::tempdir().unwrap();
    let hub_dir = tmp.path().join("hub");
    let (token, collection) = common::hub_store(&hub_dir);
    let hub = Hub::start(Path::new(WARD), &hub_dir, &[], &[]);
    let api = format!("{}/taxii2/api/", hub.base());
    let pusher = tmp.path().join("pusher");
    fs::create_dir_all(&pusher).unwrap();
    let file = pusher.join("intel.json");
    fs::write(
        &file,
        intel(BAD, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"),
    )
    .unwrap();
    let out = ward(
        &pusher,
        &[
            "push",
            "--to",
            &api,
            "--collection",
            &collection,
            "--token",
            &token,
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");

    let data = tmp.path().join("member");
    fs::create_dir_all(&data).unwrap();
    fs::write(data.join("hub.token"), format!("{token}\n")).unwrap();
    let log = data.join("eve.json");
    append(&log, &eve("192.0.2.1"));
    fs::write(
        data.join("watch.toml"),
        format!(
            "health_listen = \"127.0.0.1:0\"\n[[logs]]\npath = \"eve.json\"\n\
             [[pull]]\nfrom = \"{api}\"\ncollection = \"{collection}\"\ntoken_file = \"hub.token\"\nevery = \"1h\"\n\
             [plan]\nurgent_score = 0\nurgent_delay = \"1s\"\n"
        ),
    )
    .unwrap();
    let check = ward(&data, &["watch", "--check-config"]);
    assert!(check.status.success(), "{check:?}");
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        text.contains(&format!("pull {api} {collection} every 3600 s")),
        "{text}"
    );

    let mut watch = start(&data);
    wait_for("the scheduled pull", 30, || watch.said("pulled collection"));
    wait_for("the new intel to be loaded", 30, || {
        watch.said("intel changed, 1 indicator(s) loaded")
    });
    let plan = data.join("plan.html");
    // The plan is written at start (never made before); it is written again after the alert.
    wait_for("the first plan", 30, || plan.exists());
    let first_plan = fs::read_to_string(&plan).unwrap();
    assert!(
        !first_plan.contains(PC),
        "no alert yet, the PC is not on the plan"
    );

    append(&log, &eve(BAD));
    wait_for("the alert", 20, || !alerts(&data).is_empty());
    assert_eq!(alerts(&data)[0]["machine"], PC);
    wait_for(
        "the plan written again with the machine to check",
        30,
        || fs::read_to_string(&plan).is_ok_and(|p| p.contains(PC)),
    );

    // The pull's status, while watch runs.
    let status = ward(&data, &["watch", "--status"]);
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success(), "{text}");
    assert!(text.contains(&format!("pull {api} {collection}")), "{text}");
    assert!(text.contains("ok: pulled collection"), "{text}");
    let health: serde_json::Value = serde_json::from_str(&watch.get("/healthz")).unwrap();
    let sources = health["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2, "{health}");
    assert!(sources.iter().all(|s| s["failures"] == 0), "{health}");
    watch.terminate();

    // The alert is kept in the store too.
    let kept = ward(&data, &["--json", "watch", "alerts", "--days", "1"]);
    assert!(kept.status.success(), "{kept:?}");
    let kept: Vec<serde_json::Value> = serde_json::from_slice(&kept.stdout).unwrap();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0]["machine"], PC);
    assert_eq!(kept[0]["value"], BAD);
    let listed = ward(&data, &["watch", "alerts"]);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        text.contains(PC) && text.contains("1 alert(s) in the last 7 day(s)"),
        "{text}"
    );

    // What watch found is in the record: the plan made afterwards by hand counts it too.
    let report = ward(&data, &["report", "--format", "md"]);
    let md = String::from_utf8_lossy(&report.stdout);
    assert!(md.contains(PC), "{md}");
    assert!(
        md.contains("eve.json (ward watch"),
        "the coverage names the followed log: {md}"
    );

    // A restart does not pull again what was pulled a moment ago.
    let watch = start(&data);
    wait_for("watch to follow the log", 20, || {
        watch.said("watch: following")
    });
    std::thread::sleep(Duration::from_secs(6));
    assert!(!watch.said("pulled collection"), "{}", watch.text());
}

/// A feed server that answers `If-None-Match` with 304 while the body is unchanged, and
/// logs for each request whether it carried one.
struct FeedServer {
    base: String,
    body: Arc<Mutex<String>>,
    log: Arc<Mutex<Vec<(bool, u16)>>>,
}

impl FeedServer {
    fn start(body: String) -> FeedServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let body = Arc::new(Mutex::new(body));
        let log: Arc<Mutex<Vec<(bool, u16)>>> = Arc::default();
        let (b, l) = (body.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut etag_sent = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("if-none-match:") {
                        etag_sent = Some(v.trim().to_string());
                    }
                }
                let body = b.lock().unwrap().clone();
                let etag = format!(
                    "\"{:x}\"",
                    body.len() * 7919 + body.bytes().map(usize::from).sum::<usize>()
                );
                let unchanged = etag_sent.as_deref() == Some(etag.as_str());
                let status = if unchanged { 304 } else { 200 };
                l.lock().unwrap().push((etag_sent.is_some(), status));
                let payload = if unchanged { String::new() } else { body };
                let head = format!(
                    "HTTP/1.1 {status} X\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    payload.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(payload.as_bytes());
            }
        });
        FeedServer { base, body, log }
    }
}

fn feodo(addresses: &[&str]) -> String {
    let mut text = String::from(
        "# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)\n#\n# \"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n",
    );
    for a in addresses {
        text.push_str(&format!(
            "\"2026-11-20 10:11:12\",\"{a}\",\"443\",\"online\",\"2026-12-01\",\"QakBot\"\n"
        ));
    }
    text.push_str(&format!("# END {} entries\n", addresses.len()));
    text
}

#[test]
fn a_feed_is_downloaded_again_only_when_it_changed_and_failures_back_off() {
    let tmp = tempfile::tempdir().unwrap();
    let server = FeedServer::start(feodo(&["91.92.240.10"]));
    // Nothing listens on this port: the pull fails every time.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let data = tmp.path().to_path_buf();
    let log = data.join("eve.json");
    append(&log, &eve("192.0.2.1"));
    fs::write(
        data.join("watch.toml"),
        format!(
            "health_listen = \"127.0.0.1:0\"\n[[logs]]\npath = \"eve.json\"\n\
             [[feed]]\nurl = \"{}/downloads/ipblocklist.csv\"\nevery = \"1s\"\n\
             [[pull]]\nfrom = \"http://{closed}/taxii2/api/\"\ncollection = \"c1\"\nevery = \"1h\"\n",
            server.base
        ),
    )
    .unwrap();
    let watch = start(&data);
    wait_for("the feed's first import", 30, || {
        watch.said("intel changed, 1 indicator(s) loaded")
    });
    // Asked again every second or so: the server says 304 and nothing is imported again.
    wait_for("conditional requests", 30, || {
        server
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|(c, s)| *c && *s == 304)
            .count()
            >= 2
    });
    wait_for("the failing pull to be said", 60, || watch.said("failed:"));
    let first = server.log.lock().unwrap()[0];
    assert_eq!(first, (false, 200), "the first request is unconditional");
    let imports = |data: &Path| {
        let out = ward(data, &["watch", "--status", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["sources"].as_array().unwrap().clone()
    };
    let sources = imports(&data);
    let feed = sources
        .iter()
        .find(|s| s["source"].as_str().unwrap().starts_with("feed "))
        .unwrap();
    assert_eq!(feed["summary"], "unchanged on the server", "{feed}");

    // The failing pull: said, counted, and retried later rather than in a tight loop.
    let pull = sources
        .iter()
        .find(|s| s["source"].as_str().unwrap().starts_with("pull "))
        .unwrap();
    assert!(pull["failures"].as_u64().unwrap() >= 1, "{pull}");
    assert!(
        pull["last_error"]
            .as_str()
            .unwrap()
            .contains(&closed.to_string()),
        "{pull}"
    );
    assert!(pull["failures"].as_u64().unwrap() <= 2, "backs off: {pull}");
    assert!(watch.said("trying again in about"), "{}", watch.text());
    let metrics = watch.get("/metrics");
    assert!(
        metrics.contains(&format!(
            "ward_watch_source_failures{{source=\"pull http://{closed}/taxii2/api/ c1\"}} "
        )),
        "{metrics}"
    );
    assert!(
        metrics.contains("ward_watch_lines_read_total{source=\""),
        "{metrics}"
    );
    let status = ward(&data, &["watch", "--status"]);
    assert_eq!(status.status.code(), Some(1), "a failing source exits 1");
    assert!(String::from_utf8_lossy(&status.stdout).contains("FAILING"));

    // The feed changes: downloaded and imported again, and its new address alerts.
    *server.body.lock().unwrap() = feodo(&["91.92.240.10", "94.156.66.23"]);
    wait_for("the changed feed", 30, || {
        watch.said("intel changed, 2 indicator(s) loaded")
    });
    append(&log, &eve("94.156.66.23"));
    wait_for("the alert on the new address", 20, || {
        alerts(&data).iter().any(|a| a["value"] == "94.156.66.23")
    });
}

#[test]
fn messages_are_json_lines_unless_in_the_foreground() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().to_path_buf();
    let intel_file = data.join("intel.json");
    fs::write(
        &intel_file,
        intel(BAD, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"),
    )
    .unwrap();
    let out = ward(&data, &["import", intel_file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let log = data.join("eve.json");
    append(&log, &eve("192.0.2.1"));
    fs::write(data.join("watch.toml"), "[[logs]]\npath = \"eve.json\"\n").unwrap();
    let stderr = data.join("json.stderr");
    let mut child = Command::new(WARD)
        .arg("--data")
        .arg(&data)
        .args(["watch", "--poll-ms", "100"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(fs::File::create(&stderr).unwrap()))
        .spawn()
        .unwrap();
    let said = |t: &str| fs::read_to_string(&stderr).is_ok_and(|s| s.contains(t));
    wait_for("watch to follow the log", 20, || said("watch: following"));
    append(&log, &eve(BAD));
    wait_for("the alert", 20, || said("\"level\":\"alert\""));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    wait_for("watch to stop", 20, || child.try_wait().unwrap().is_some());
    let text = fs::read_to_string(&stderr).unwrap();
    let mut levels = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            v["time"].as_str().is_some_and(|t| t.ends_with('Z')),
            "{line}"
        );
        assert!(v["msg"].as_str().is_some(), "{line}");
        levels.push(v["level"].as_str().unwrap().to_string());
    }
    assert!(levels.contains(&"info".to_string()), "{text}");
    assert!(levels.contains(&"alert".to_string()), "{text}");
    assert!(text.contains("where each file stands is saved"), "{text}");
}
