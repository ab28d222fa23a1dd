//! `ward watch` end to end: the real binary follows a log file through new lines, rotation by
//! rename and by truncation, a stop by SIGTERM and a restart. Every wait polls with a deadline
//! of 20 s and the process is killed when a test ends, so a failure never hangs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::watch::{append, wait_secs, Watch};

const WARD: &str = env!("CARGO_BIN_EXE_ward");
const INDICATOR: &str = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
const INTEL: &str = r#"{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",
 "pattern":"[ipv4-addr:value = '198.51.100.77']","pattern_type":"stix",
 "valid_from":"2026-01-01T00:00:00Z"}]}"#;

/// A Suricata EVE flow from `device` to the indicator's address (or to a harmless one).
fn eve(device: &str, bad: bool) -> String {
    let dest = if bad { "198.51.100.77" } else { "192.0.2.1" };
    format!(
        "{{\"timestamp\":\"2026-12-03T10:00:00.000000+0000\",\"event_type\":\"flow\",\"src_ip\":\"{device}\",\"src_port\":5555,\"dest_ip\":\"{dest}\",\"dest_port\":443,\"proto\":\"TCP\"}}\n"
    )
}

fn ward(data: &Path, args: &[&str]) -> std::process::Output {
    ward_testkit::run(Path::new(WARD), data, args)
}

/// Polls `check` every 50 ms for at most 20 s.
fn wait_for(what: &str, check: impl FnMut() -> bool) {
    wait_secs(what, 20, check);
}

/// `ward watch` on `data`, returned once it follows the log.
fn start(data: &Path, stderr: PathBuf) -> Watch {
    let w = Watch::spawn(data, &stderr, &[]);
    wait_for("watch to follow the log", || w.said("watch: following"));
    w
}

fn lines_read(w: &Watch) -> u64 {
    w.healthz()["lines_read"].as_u64().unwrap()
}

/// The alerts written so far: (machine, indicator, line).
fn alerts(data: &Path) -> Vec<(String, String, u64)> {
    let Ok(text) = fs::read_to_string(data.join("alerts.jsonl")) else {
        return Vec::new();
    };
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["machine"].as_str().unwrap().to_string(),
                v["indicator_id"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let logs = dir.path().join("logs");
    fs::create_dir_all(&logs).unwrap();
    let intel = dir.path().join("intel.json");
    fs::write(&intel, INTEL).unwrap();
    let out = ward(&data, &["import", intel.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    fs::write(
        data.join("watch.toml"),
        "health_listen = \"127.0.0.1:0\"\n\n[[logs]]\npath = \"../logs/*.json\"\n",
    )
    .unwrap();
    (dir, data, logs)
}

#[test]
fn new_lines_alert_through_rotation_and_a_restart() {
    let (dir, data, logs) = setup();
    let log = logs.join("eve.json");
    // A line that was there before watch started is old news: never alerted.
    append(&log, &eve("10.0.0.1", true));
    let mut watch = start(&data, dir.path().join("watch-1.err"));

    append(&log, &eve("10.0.0.2", false));
    append(&log, &eve("10.0.0.2", true));
    wait_for("the first alert", || alerts(&data).len() == 1);
    assert_eq!(
        alerts(&data)[0],
        ("10.0.0.2".to_string(), INDICATOR.to_string(), 3),
        "the machine, the indicator and the line of the file"
    );
    assert!(watch.said("ALERT "), "the alert is said on stderr too");

    // The same machine and indicator again within the hour: no second alert.
    append(&log, &eve("10.0.0.2", true));
    wait_for("the repeated line to be read", || lines_read(&watch) >= 3);

    // Rotation by rename, as logrotate does it: the old file's late line, then the new file.
    let rotated = logs.join("eve.json.1");
    fs::rename(&log, &rotated).unwrap();
    append(&rotated, &eve("10.0.0.3", true));
    append(&log, &eve("10.0.0.4", true));
    wait_for("alerts from both sides of the rename", || {
        alerts(&data).len() == 3
    });
    let machines: Vec<String> = alerts(&data).into_iter().map(|a| a.0).collect();
    assert!(machines.contains(&"10.0.0.3".to_string()), "{machines:?}");
    assert!(machines.contains(&"10.0.0.4".to_string()), "{machines:?}");
    assert_eq!(
        alerts(&data)[2].2,
        1,
        "the new file is read from its first line"
    );

    // Rotation by truncation (copytruncate): the file starts again from 0.
    for _ in 0..5 {
        append(&log, &eve("10.0.0.9", false));
    }
    let before = lines_read(&watch);
    wait_for("the filler lines", || lines_read(&watch) >= before + 5);
    fs::write(&log, eve("10.0.0.5", true)).unwrap();
    wait_for("an alert after truncation", || alerts(&data).len() == 4);
    assert_eq!(
        alerts(&data)[3],
        ("10.0.0.5".to_string(), INDICATOR.to_string(), 1)
    );

    // Stop, a line written while stopped, and start again: the checkpoint has the line
    // read (not skipped as a file first seen would be), nothing read before alerts twice,
    // and a new line alerts.
    let status = watch.terminate();
    assert!(status.success(), "{status:?}");
    assert!(watch.said("where each file stands is saved"));
    append(&log, &eve("10.0.0.6", true));
    let mut again = start(&data, dir.path().join("watch-2.err"));
    append(&log, &eve("10.0.0.8", true));
    wait_for("the alerts after the restart", || alerts(&data).len() >= 6);
    std::thread::sleep(Duration::from_millis(500));
    let all = alerts(&data);
    assert_eq!(all.len(), 6, "no old line alerted again: {all:?}");
    assert_eq!(all[4], ("10.0.0.6".to_string(), INDICATOR.to_string(), 2));
    assert_eq!(all[5], ("10.0.0.8".to_string(), INDICATOR.to_string(), 3));
    assert!(again.terminate().success());
}

#[test]
fn new_intel_is_picked_up_while_watching() {
    let (dir, data, logs) = setup();
    let log = logs.join("eve.json");
    append(&log, "");
    let watch = start(&data, dir.path().join("watch.err"));
    let second = dir.path().join("more.json");
    fs::write(
        &second,
        INTEL.replace("198.51.100.77", "192.0.2.1").replace(
            "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "0b7e2f3c-5a0e-4c55-9c1e-6f7a1d2b3c4d",
        ),
    )
    .unwrap();
    let out = ward(&data, &["import", second.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    wait_for("the index to be swapped", || watch.said("intel changed"));
    append(&log, &eve("10.0.0.7", false));
    wait_for("an alert on the new indicator", || alerts(&data).len() == 1);
    assert_eq!(
        alerts(&data)[0].1,
        "indicator--0b7e2f3c-5a0e-4c55-9c1e-6f7a1d2b3c4d"
    );
}

#[test]
fn check_config_names_the_file_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let out = ward(&data, &["watch", "--check-config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("watch.toml: not found") && err.contains("[[logs]]"),
        "{err}"
    );

    fs::write(data.join("watch.toml"), "[[logs]]\npaht = \"fw.log\"\n").unwrap();
    let out = ward(&data, &["watch", "--check-config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("watch.toml") && err.contains("paht") && err.contains("line 2"),
        "{err}"
    );

    fs::write(
        data.join("watch.toml"),
        "health_listen = \"somewhere\"\n[[logs]]\npath = \"fw.log\"\n",
    )
    .unwrap();
    let out = ward(&data, &["watch", "--check-config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("health_listen: expected"));

    fs::write(data.join("watch.toml"), "[[logs]]\npath = \"fw.log\"\n").unwrap();
    let out = ward(&data, &["watch", "--check-config"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("fw.log: 0 file(s) now"));
}

#[test]
fn a_file_that_appears_under_the_glob_is_read_from_its_start() {
    let (dir, data, logs) = setup();
    append(&logs.join("first.json"), "");
    let _watch = start(&data, dir.path().join("watch.err"));
    // Written whole before watch lists the folder again: every line of it is new.
    let later = logs.join("later.json");
    let mut text = eve("10.0.0.20", false);
    text.push_str(&eve("10.0.0.21", true));
    fs::write(&later, text).unwrap();
    // Not matched by the glob: never read.
    append(&logs.join("later.txt"), &eve("10.0.0.22", true));
    wait_for("the alert from the new file", || !alerts(&data).is_empty());
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        alerts(&data),
        [("10.0.0.21".to_string(), INDICATOR.to_string(), 2)]
    );
}

#[test]
fn files_past_max_files_are_said_counted_and_followed_once_a_slot_frees() {
    let (dir, data, logs) = setup();
    fs::write(
        data.join("watch.toml"),
        "health_listen = \"127.0.0.1:0\"\nmax_files = 2\n\n[[logs]]\npath = \"../logs/*.json\"\n",
    )
    .unwrap();
    for name in ["a.json", "b.json", "c.json"] {
        append(&logs.join(name), "");
    }
    let watch = start(&data, dir.path().join("watch.err"));
    wait_for("the refusal to be counted", || {
        watch.healthz()["files_not_followed"] == 1
    });
    assert_eq!(watch.healthz()["files_followed"], 2);
    assert!(
        watch.said("is not followed: 2 files are already"),
        "{}",
        watch.text()
    );
    assert!(watch
        .get("/metrics")
        .contains("ward_watch_files_not_followed 1\n"));
    // Which one waits is the listing's order; it alerts once a followed file goes away.
    let refused = ["a.json", "b.json", "c.json"]
        .into_iter()
        .find(|n| watch.said(&format!("{n} is not followed")))
        .unwrap();
    let gone = ["a.json", "b.json", "c.json"]
        .into_iter()
        .find(|n| *n != refused)
        .unwrap();
    append(&logs.join(refused), &eve("10.0.0.30", true));
    std::thread::sleep(Duration::from_millis(2500));
    assert!(alerts(&data).is_empty(), "a file not followed is not read");
    fs::remove_file(logs.join(gone)).unwrap();
    wait_for("the waiting file's alert", || !alerts(&data).is_empty());
    assert_eq!(alerts(&data)[0].0, "10.0.0.30");
    assert_eq!(watch.healthz()["files_not_followed"], 0);
}
