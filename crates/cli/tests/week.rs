//! A member's week, end to end, with the clock set by `WARD_NOW`: a scan that finds an
//! infected PC on Monday, a clean scan on Wednesday, an inventory that changes, an action marked
//! done, and a plan two weeks later. The plan must stay true: findings stay for their window,
//! a rescanned file counts once, and nothing unchecked is ever called clean.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

struct Week {
    _dir: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
}

impl Week {
    fn new() -> Week {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        Week {
            data: root.join("ward-data"),
            root,
            _dir: dir,
        }
    }

    fn ward(&self, now: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ward"))
            .arg("--data")
            .arg(&self.data)
            .args(args)
            .env("WARD_NOW", now)
            .env_remove("WARD_DATA")
            .current_dir(&self.root)
            .output()
            .unwrap()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.root.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn plan(&self, now: &str, extra: &[&str]) -> (Value, i32) {
        let mut args = vec!["report", "--format", "json"];
        args.extend_from_slice(extra);
        let out = self.ward(now, &args);
        let code = out.status.code().unwrap();
        let plan: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        (plan, code)
    }
}

fn actions(plan: &Value) -> Vec<Value> {
    let mut all = plan["top"].as_array().unwrap().clone();
    all.extend(plan["rest"].as_array().unwrap().iter().cloned());
    all
}

fn action_about<'a>(all: &'a [Value], words: &str) -> Option<&'a Value> {
    all.iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains(words))
}

fn intel(dir: &Path) -> PathBuf {
    let b = json!({"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": [
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000001",
         "created": "2026-11-20T00:00:00.000Z", "modified": "2026-11-20T00:00:00.000Z",
         "name": "ExampleLocker command server", "pattern": "[ipv4-addr:value = '203.0.113.7']",
         "pattern_type": "stix", "valid_from": "2026-11-20T00:00:00Z", "confidence": 85}
    ]});
    let path = dir.join("intel.json");
    std::fs::write(&path, b.to_string()).unwrap();
    path
}

/// A Zeek conn log: `infected` connections from 10.1.4.22 to the attacker on Monday morning,
/// plus ordinary traffic.
fn conn_log(infected: usize, day_secs: u64) -> String {
    let mut text = String::from(
        "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n",
    );
    for i in 0..infected {
        text.push_str(&format!(
            "{}.000000\tC{i}\t10.1.4.22\t{}\t203.0.113.7\t443\n",
            day_secs + i as u64 * 60,
            50_000 + i
        ));
    }
    for i in 0..20u64 {
        text.push_str(&format!(
            "{}.000000\tD{i}\t10.1.4.30\t{}\t198.51.100.{}\t443\n",
            day_secs + i * 90,
            40_000 + i,
            i + 1
        ));
    }
    text
}

const MONDAY: &str = "2026-11-23T09:30:00Z";
const MONDAY_SECS: u64 = 1_795_424_400; // 2026-11-23T09:00:00Z
const WEDNESDAY: &str = "2026-11-25T09:30:00Z";
const THURSDAY: &str = "2026-11-26T09:30:00Z";
const FRIDAY: &str = "2026-11-27T16:00:00Z";
const TWO_WEEKS_ON: &str = "2026-12-08T09:00:00Z";

#[test]
fn an_empty_store_gives_no_all_clear_and_exits_1() {
    let w = Week::new();
    let out = w.ward(MONDAY, &["report", "--format", "md"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("Get ward the inputs it needs"), "{md}");
    assert!(
        md.contains("No logs were scanned from 2026-11-16 to 2026-11-23"),
        "{md}"
    );
    for all_clear in [
        "nothing urgent to do",
        "No device in our list has a known flaw",
        "no sign that",
    ] {
        assert!(!md.contains(all_clear), "{all_clear:?} in\n{md}");
    }
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("nothing was checked"), "{err}");
}

// Long because: one simulated week, each day's command and what the plan must say after it.
#[test]
fn a_week_keeps_monday_s_infected_pc_until_done_or_aged_out() {
    let w = Week::new();
    let bundle = intel(&w.root);
    let out = w.ward(MONDAY, &["import", bundle.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Monday: 57 connections from the infected PC.
    let monday_log = w.write("conn-monday.log", &conn_log(57, MONDAY_SECS));
    let out = w.ward(MONDAY, &["scan", monday_log.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Wednesday: an unrelated, clean file.
    let clean = w.write("conn-wednesday.log", &conn_log(0, MONDAY_SECS + 2 * 86_400));
    let out = w.ward(WEDNESDAY, &["scan", clean.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Thursday: the inventory is checked, then changed and checked again.
    let inv1 = w.write(
        "assets.csv",
        "name,vendor,product,version\nFront desk PC,Microsoft,Windows 10,22H2\nVPN,Fortinet,FortiOS,6.0.2\n",
    );
    let out = w.ward(
        THURSDAY,
        &["exposure", "--inventory", inv1.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    w.write(
        "assets.csv",
        "name,vendor,product,version\nFront desk PC,Microsoft,Windows 10,22H2\nVPN,Fortinet,FortiOS,6.0.2\nLab PC,Microsoft,Windows 11,\n",
    );
    let out = w.ward(
        THURSDAY,
        &["exposure", "--inventory", inv1.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Friday's plan: the PC found on Monday is still there, with Monday's count.
    let (plan, code) = w.plan(FRIDAY, &[]);
    assert_eq!(code, 0);
    let all = actions(&plan);
    let check = action_about(&all, "10.1.4.22").expect("Monday's infected PC is on Friday's plan");
    assert!(
        check["why"].as_str().unwrap().contains("57 times"),
        "{check}"
    );
    assert!(
        check["why"].as_str().unwrap().contains("on 2026-11-23"),
        "{check}"
    );
    let summary = plan["summary"].as_str().unwrap();
    assert!(
        summary.contains("one of our computers talked to addresses"),
        "{summary}"
    );
    // Coverage: both logs, the changed inventory, the intel file; the gaps say what is missing.
    let c = &plan["coverage"];
    assert_eq!(c["since"], "2026-11-20");
    assert_eq!(c["until"], "2026-11-27");
    let files: Vec<&str> = c["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{c}");
    assert!(files.iter().any(|f| f.ends_with("conn-monday.log")));
    let monday = c["logs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["file"].as_str().unwrap().ends_with("conn-monday.log"))
        .unwrap();
    assert_eq!(monday["lines"], 80, "three header lines and 77 connections");
    assert_eq!(monday["format"], "Zeek TSV");
    assert_eq!(c["inventory"]["assets"], 3);
    assert_eq!(c["inventory"]["without_version"], 1);
    assert_eq!(c["intel"]["indicators"], 1);
    assert!(c["intel"]["sources"][0]["name"]
        .as_str()
        .unwrap()
        .ends_with("intel.json"));
    let gaps: Vec<&str> = c["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert!(
        gaps.iter().any(|g| g.contains("No vulnerability data")),
        "{gaps:?}"
    );

    // Scanning Monday's file again on Friday does not double its count.
    let out = w.ward(FRIDAY, &["scan", monday_log.to_str().unwrap()]);
    assert!(out.status.success());
    let (plan, _) = w.plan(FRIDAY, &[]);
    let all = actions(&plan);
    let check = action_about(&all, "10.1.4.22").unwrap();
    assert!(
        check["why"].as_str().unwrap().contains("57 times"),
        "{check}"
    );

    // Marked done (typed in lower case), it leaves the plan.
    let id = check["id"].as_str().unwrap().to_ascii_lowercase();
    let out = w.ward(FRIDAY, &["report", "done", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (plan, _) = w.plan(FRIDAY, &[]);
    assert!(action_about(&actions(&plan), "10.1.4.22").is_none());
    assert!(plan["done"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"].as_str().unwrap().eq_ignore_ascii_case(&id)));

    // Without the mark, two weeks on, the evidence has left the window: the PC is gone, and
    // with no log scanned since, the plan says so instead of calling the network clean.
    let w2 = Week::new();
    std::fs::create_dir_all(&w2.data).unwrap();
    let out = w2.ward(MONDAY, &["import", bundle.to_str().unwrap()]);
    assert!(out.status.success());
    let out = w2.ward(MONDAY, &["scan", monday_log.to_str().unwrap()]);
    assert!(out.status.success());
    let (plan, code) = w2.plan(TWO_WEEKS_ON, &[]);
    assert!(action_about(&actions(&plan), "10.1.4.22").is_none());
    assert_eq!(code, 1, "nothing was checked in the window");
    assert!(!plan["summary"].as_str().unwrap().contains("no sign"));
    // A wider window brings it back.
    let (plan, code) = w2.plan(TWO_WEEKS_ON, &["--since", "2026-11-20"]);
    assert_eq!(code, 0);
    assert!(action_about(&actions(&plan), "10.1.4.22").is_some());
}

#[test]
fn bad_window_days_are_refused() {
    let w = Week::new();
    let out = w.ward(MONDAY, &["report", "--since", "last week"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since last week"));
    let out = w.ward(
        MONDAY,
        &["report", "--date", "2026-11-01", "--since", "2026-11-02"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_scan_names_who_reported_the_indicator_not_its_identity_id() {
    let w = Week::new();
    let bundle = w.write(
        "intel.json",
        &json!({"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000009", "objects": [
            {"type": "identity", "spec_version": "2.1", "id": "identity--00000000-0000-4000-8000-0000000000aa",
             "created": "2026-11-20T00:00:00.000Z", "modified": "2026-11-20T00:00:00.000Z",
             "name": "Lakeshore Regional ISAO", "identity_class": "organization"},
            {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000001",
             "created": "2026-11-20T00:00:00.000Z", "modified": "2026-11-20T00:00:00.000Z",
             "created_by_ref": "identity--00000000-0000-4000-8000-0000000000aa",
             "name": "ExampleLocker command server", "pattern": "[ipv4-addr:value = '203.0.113.7']",
             "pattern_type": "stix", "valid_from": "2026-11-20T00:00:00Z", "confidence": 85}
        ]})
        .to_string(),
    );
    assert!(w
        .ward(MONDAY, &["import", bundle.to_str().unwrap()])
        .status
        .success());
    let log = w.write("conn.log", &conn_log(2, MONDAY_SECS));
    let out = w.ward(MONDAY, &["scan", log.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Reported by: Lakeshore Regional ISAO"),
        "{text}"
    );
    assert!(!text.contains("Reported by: identity--"), "{text}");
}
