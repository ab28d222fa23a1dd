//! The systemd units in `examples/systemd` are checked by `systemd-analyze verify`, with
//! their `ward` command pointed at the binary under test, so a unit that systemd would refuse
//! (a misspelt directive, a bad section, a command that is not there) fails here first; and
//! each unit's `ward` command line is one the binary accepts.

use std::path::Path;
use std::process::Command;

const WARD: &str = env!("CARGO_BIN_EXE_ward");

#[test]
fn every_example_unit_is_accepted_by_systemd() {
    // Debian's package `systemd`; missing, this fails under WARD_REQUIRE_PEERS=1.
    let Some(analyze) = ward_testkit::tool("systemd-analyze", &[]) else {
        return;
    };
    let dir = ward_testkit::workspace_root().join("examples/systemd");
    let tmp = tempfile::tempdir().unwrap();
    let mut units = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "service" | "timer") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !ext.eq("service") || text.contains("/usr/local/bin/ward"),
            "{}: runs ward from /usr/local/bin, as the README installs it",
            path.display()
        );
        let copy = tmp.path().join(path.file_name().unwrap());
        std::fs::write(&copy, text.replace("/usr/local/bin/ward", WARD)).unwrap();
        units.push(copy);
    }
    assert!(
        units.len() >= 4,
        "the hub, backup and watch units: {units:?}"
    );
    let out = Command::new(&analyze)
        .arg("verify")
        .args(&units)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.trim().is_empty(), "{stderr}");
}

#[test]
fn the_watch_unit_runs_a_command_ward_accepts() {
    let unit = std::fs::read_to_string(
        ward_testkit::workspace_root().join("examples/systemd/ward-watch.service"),
    )
    .unwrap();
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=/usr/local/bin/ward "))
        .expect("ExecStart");
    let data = tempfile::tempdir().unwrap();
    // The same arguments, with --check-config: accepted, and the missing watch.toml named.
    let out = Command::new(WARD)
        .arg("--data")
        .arg(data.path())
        .args(exec.split_whitespace())
        .arg("--check-config")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("watch.toml: not found"), "{stderr}");
    assert!(Path::new(WARD).exists());
}
