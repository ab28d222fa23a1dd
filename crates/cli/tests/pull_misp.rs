//! `ward pull-misp` against a stub MISP on loopback that answers `/events/restSearch` with
//! recorded pages: the key in `Authorization`, paging, the cursor kept for the next run, the
//! events read by the MISP feed importer, and a refused key or a non-JSON answer said in one
//! line with exit 2.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};
use ward_testkit::misp::stub;

const PAGE1: &str = include_str!("fixtures/misp-rest/page1.json");
const PAGE2: &str = include_str!("fixtures/misp-rest/page2.json");
const FORBIDDEN: &str = include_str!("fixtures/misp-rest/forbidden.json");
const KEY: &str = "Hx4Q9b2cRkz0aP7m3YtWnE5sLd8vUf1GiJoK6qBr";

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

#[test]
fn events_are_paged_imported_and_the_cursor_asks_only_for_newer_ones() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("member");
    let key_file = dir.path().join("misp.key");
    std::fs::write(&key_file, format!("{KEY}\n")).unwrap();
    let (base, seen) = stub(|auth, body| {
        if auth != KEY {
            return (403, "application/json", FORBIDDEN.to_string());
        }
        let newer = body["timestamp"].as_i64().unwrap_or(0) > 1796017600;
        match (body["page"].as_u64(), newer) {
            (_, true) => (200, "application/json", r#"{"response":[]}"#.to_string()),
            (Some(1), _) => (200, "application/json", PAGE1.to_string()),
            (Some(2), _) => (200, "application/json", PAGE2.to_string()),
            _ => (200, "application/json", r#"{"response":[]}"#.to_string()),
        }
    });
    let key = key_file.to_str().unwrap();
    let out = ward(
        &data,
        &[
            "--json",
            "pull-misp",
            &base,
            "--api-key-file",
            key,
            "--since",
            "30d",
            "--page-size",
            "2",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["events"], 3, "{summary}");
    assert_eq!(summary["pages"], 2, "{summary}");
    assert_eq!(summary["indicators"], 5, "{summary}");
    assert_eq!(summary["cursor"], 1796017600);
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 2);
        for (i, (path, auth, body)) in seen.iter().enumerate() {
            assert_eq!(path, "/events/restSearch");
            assert_eq!(auth, KEY);
            assert_eq!(body["returnFormat"], "json");
            assert_eq!(body["page"], json!(i + 1));
            assert_eq!(body["limit"], 2);
        }
    }
    // The events' TLP: the tag on the first, distribution 3 (CLEAR) on the second, the
    // sharing group (AMBER) on the third; to_ids values only.
    let stix = String::from_utf8(ward(&data, &["export", "--format", "stix"]).stdout).unwrap();
    for v in [
        "billing-portal-update.example",
        "203.0.113.45",
        "198.51.100.23",
        "login-mercy-health.example",
    ] {
        assert!(stix.contains(v), "{v} not imported");
    }

    let at_most = |tlp: &str| {
        String::from_utf8(ward(&data, &["export", "--format", "stix", "--max-tlp", tlp]).stdout)
            .unwrap()
    };
    // Distribution 3 is CLEAR; the tlp:green tag GREEN; the sharing group AMBER.
    let clear = at_most("clear");
    assert!(
        clear.contains("198.51.100.23") && !clear.contains("billing-portal-update"),
        "{clear}"
    );
    let green = at_most("green");
    assert!(green.contains("billing-portal-update") && !green.contains("login-mercy-health"));
    assert!(at_most("amber").contains("login-mercy-health"));

    // The next run asks only from the cursor on.
    let out = ward(
        &data,
        &["--json", "pull-misp", &base, "--api-key-file", key],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last.2["timestamp"], 1796017600);
}

#[test]
fn a_refused_key_and_a_non_json_answer_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("member");
    let key_file = dir.path().join("misp.key");
    std::fs::write(&key_file, "wrong-key\n").unwrap();
    let key = key_file.to_str().unwrap();
    let (base, _) = stub(|_, _| (403, "application/json", FORBIDDEN.to_string()));
    let out = ward(&data, &["pull-misp", &base, "--api-key-file", key]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("403") && err.contains("refused the API key"),
        "{err}"
    );

    let (base, _) = stub(|_, _| (200, "text/html", "<html><body>Login</body></html>".into()));
    let out = ward(&data, &["pull-misp", &base, "--api-key-file", key]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not JSON") && err.contains("restSearch"),
        "{err}"
    );

    std::fs::write(&key_file, "\n").unwrap();
    let out = ward(&data, &["pull-misp", &base, "--api-key-file", key]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
    let out = ward(
        &data,
        &["pull-misp", &base, "--api-key-file", key, "--since", "soon"],
    );
    assert_eq!(out.status.code(), Some(2));
}
