//! The TAXII client's paging, retries and resumption against a scripted TAXII server on a
//! loopback port: pages follow `next` through objects that share one `date_added`, 429 and
//! 5xx answers are retried, an interrupted pull resumes where it stopped, a forgotten `next`
//! restarts from the last page received, and objects added later at an instant already seen
//! are still pulled, every object exactly once.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use ward_feeds::taxii::{pull, Auth, Client};
use ward_stix::Timestamp;

mod common;

#[derive(Default)]
struct Script {
    /// (date_added in microseconds, object)
    objects: Vec<(i64, Value)>,
    /// Answer every `next` request for this offset with 503.
    fail_offset: Option<usize>,
    /// Answer this many next requests with 429 first.
    throttle: usize,
    /// Refuse the next `next` (as a server that has forgotten its cursors after a restart).
    forget_next: bool,
    requests: Vec<String>,
}

fn object(i: usize) -> Value {
    json!({"type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{i:012}"),
        "created": "2025-01-01T00:00:00.000Z", "modified": "2025-01-01T00:00:00.000Z",
        "valid_from": "2025-01-01T00:00:00Z",
        "pattern": format!("[ipv4-addr:value = '203.0.113.{i}']"), "pattern_type": "stix"})
}

fn micros(s: &str) -> i64 {
    Timestamp::parse(s).unwrap().as_micros()
}

fn query(path: &str, key: &str) -> Option<String> {
    let q = path.split_once('?')?.1;
    q.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| v.replace("%3A", ":"))
    })
}

fn answer(script: &Mutex<Script>, path: &str) -> (u16, Vec<(String, String)>, String) {
    let mut s = script.lock().unwrap();
    s.requests.push(path.to_string());
    if !path.contains("/objects/") {
        return (
            200,
            vec![],
            json!({"title": "scripted", "versions": ["application/taxii+json;version=2.1"]})
                .to_string(),
        );
    }
    let limit: usize = query(path, "limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10);
    let offset: usize = match query(path, "next") {
        Some(n) => {
            if s.forget_next {
                s.forget_next = false;
                return (400, vec![], json!({"title": "next not valid"}).to_string());
            }
            if s.throttle > 0 {
                s.throttle -= 1;
                return (429, vec![("Retry-After".into(), "0".into())], String::new());
            }
            let off: usize = n.parse().unwrap_or(0);
            if s.fail_offset == Some(off) {
                return (503, vec![], String::new());
            }
            off
        }
        None => 0,
    };
    let after = query(path, "added_after").map(|a| micros(&a));
    let mut matching: Vec<&(i64, Value)> = s
        .objects
        .iter()
        .filter(|(d, _)| after.is_none_or(|a| *d > a))
        .collect();
    matching.sort_by(|a, b| (a.0, a.1["id"].as_str()).cmp(&(b.0, b.1["id"].as_str())));
    let page: Vec<&(i64, Value)> = matching.iter().skip(offset).take(limit).copied().collect();
    let more = offset + page.len() < matching.len();
    let mut headers = Vec::new();
    if let (Some(first), Some(last)) = (page.first(), page.last()) {
        headers.push((
            "X-TAXII-Date-Added-First".into(),
            Timestamp::from_micros(first.0).to_string(),
        ));
        headers.push((
            "X-TAXII-Date-Added-Last".into(),
            Timestamp::from_micros(last.0).to_string(),
        ));
    }
    let mut env =
        json!({"more": more, "objects": page.iter().map(|p| p.1.clone()).collect::<Vec<_>>()});
    if more {
        env["next"] = json!((offset + page.len()).to_string());
    }
    (200, headers, env.to_string())
}

/// Serves the script until the test ends (the thread dies with the test process).
fn serve(script: Arc<Mutex<Script>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h == "\r\n" || h.is_empty() {
                    break;
                }
            }
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_string();
            let (status, headers, body) = answer(&script, &path);
            let mut reply = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/taxii+json;version=2.1\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                reply.push_str(&format!("{k}: {v}\r\n"));
            }
            reply.push_str("\r\n");
            reply.push_str(&body);
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    format!("http://{addr}/api/")
}

#[test]
fn pulls_resume_and_deliver_every_object_exactly_once() {
    let script = Arc::new(Mutex::new(Script::default()));
    {
        let mut s = script.lock().unwrap();
        // 25 objects over 5 instants: five share each date_added.
        for i in 0..25 {
            s.objects.push((
                micros("2025-01-01T00:00:00Z") + (i / 5) as i64 * 1000,
                object(i),
            ));
        }
        s.throttle = 1;
        s.fail_offset = Some(20);
    }
    let url = serve(script.clone());
    let dir = tempfile::tempdir().unwrap();
    let local = common::open_local(dir.path()).unwrap();
    let mut client = Client::new(Auth::Bearer("t".into()));
    client.page_size = 10;
    client.retry_base = Duration::from_millis(1);

    // Page 3 keeps failing: the pull gives up after its bounded retries, having stored two
    // pages and saved its position.
    let err = pull(&client, &local, &url, "c1", &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("503"), "{err}");
    assert_eq!(local.objects().unwrap().len(), 20);
    let requests = script.lock().unwrap().requests.clone();
    assert_eq!(
        requests.iter().filter(|r| r.contains("next=20")).count(),
        5,
        "{requests:?}"
    );

    // The server recovers: the pull resumes with its `next`.
    script.lock().unwrap().fail_offset = None;
    let report = pull(&client, &local, &url, "c1", &mut |_| {}).unwrap();
    assert!(report.resumed);
    assert_eq!(report.new, 5);
    assert_eq!(local.objects().unwrap().len(), 25);

    // Nothing new: nothing stored twice.
    let again = pull(&client, &local, &url, "c1", &mut |_| {}).unwrap();
    assert_eq!(again.new, 0);

    // More objects at the instant already seen last, and later ones.
    {
        let mut s = script.lock().unwrap();
        let last = s.objects.iter().map(|(d, _)| *d).max().unwrap();
        for i in 25..30 {
            s.objects.push((last, object(i)));
        }
        for i in 30..35 {
            s.objects.push((last + 5000, object(i)));
        }
    }
    let later = pull(&client, &local, &url, "c1", &mut |_| {}).unwrap();
    assert_eq!(later.new, 10, "{later:?}");
    assert_eq!(local.objects().unwrap().len(), 35);
}

#[test]
fn a_forgotten_next_restarts_from_the_last_page_received() {
    let script = Arc::new(Mutex::new(Script::default()));
    {
        let mut s = script.lock().unwrap();
        for i in 0..30 {
            s.objects
                .push((micros("2025-01-01T00:00:00Z") + i as i64 * 1000, object(i)));
        }
        s.fail_offset = Some(10);
    }
    let url = serve(script.clone());
    let dir = tempfile::tempdir().unwrap();
    let local = common::open_local(dir.path()).unwrap();
    let mut client = Client::new(Auth::None);
    client.page_size = 10;
    client.retry_base = Duration::from_millis(1);
    assert!(pull(&client, &local, &url, "c1", &mut |_| {}).is_err());
    {
        let mut s = script.lock().unwrap();
        s.fail_offset = None;
        s.forget_next = true;
    }
    // The saved `next` is refused: the pull starts over after the last page it received.
    let report = pull(&client, &local, &url, "c1", &mut |_| {}).unwrap();
    assert_eq!(report.new, 20, "{report:?}");
    assert_eq!(local.objects().unwrap().len(), 30);
    let requests = script.lock().unwrap().requests.clone();
    assert!(
        requests.iter().any(
            |r| r.contains("added_after=2025-01-01T00%3A00%3A00.008999Z") && !r.contains("next=")
        ),
        "{requests:?}"
    );
}
