//! The weekly plan's HTML in a real browser (headless Chromium): the top actions are in the
//! rendered page, and the page makes no request of its own to anywhere. Every request is
//! pointed at a dead loopback proxy, so nothing can leave the machine even if the page tried.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("WARD_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ward_testkit::tool("chromium", &["/usr/bin/chromium-browser"])
}

/// URLs the page itself asked for (the browser's own background requests have no page
/// origin as initiator; a `file://` page's origin is the opaque "null").
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log).unwrap_or_default();
    // Chromium may leave the log without its closing brackets when it exits.
    let events = text
        .split("\"params\":")
        .filter(|chunk| chunk.contains("\"initiator\":\"null\""))
        .filter_map(|chunk| {
            let start = chunk.find("\"url\":\"")? + 7;
            let end = chunk[start..].find('"')? + start;
            Some(chunk[start..end].to_string())
        })
        .filter(|url| !url.starts_with("file:") && !url.starts_with("data:"))
        .collect();
    events
}

#[test]
fn the_plan_renders_with_its_top_actions_and_requests_nothing_outside() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let demo = Command::new(env!("CARGO_BIN_EXE_ward"))
        .current_dir(dir.path())
        .args(["demo", "--out", "out"])
        .output()
        .unwrap();
    assert_eq!(
        demo.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let html = dir.path().join("out/plan.html");
    let member = dir.path().join("out/member-store");
    let plan_json = Command::new(env!("CARGO_BIN_EXE_ward"))
        .arg("--data")
        .arg(&member)
        .args([
            "report",
            "--format",
            "json",
            "--organization",
            "Riverside Family Clinic",
        ])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&plan_json.stdout).unwrap();
    let titles: Vec<String> = plan["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    assert!(!titles.is_empty());

    let net_log = dir.path().join("net.json");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    for title in &titles {
        let escaped = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(dom.contains(&escaped), "top action not rendered: {title}");
    }
    assert!(
        dom.contains("<svg"),
        "charts missing from the rendered page"
    );
    let requests = page_requests(&net_log);
    assert!(requests.is_empty(), "the plan page requested {requests:?}");
}
