//! `ward validate` end to end: output lines, exit codes, standard input, JSON output.

use std::io::Write;
use std::process::{Command, Stdio};

fn ward() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ward"));
    // Commands that keep results under --data must not write into the source tree.
    command.env(
        "WARD_DATA",
        std::env::temp_dir().join(format!("ward-test-{}", std::process::id())),
    );
    command
}

fn example() -> String {
    format!("{}/../../examples/bundle.json", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_bundled_example_is_valid() {
    let out = ward().args(["validate", &example()]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("valid STIX 2.1 (5 objects"));
}

#[test]
fn problems_name_file_and_json_path_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let mut bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example()).unwrap()).unwrap();
    bundle["objects"][2]["modified"] = "2020-01-01T00:00:00.000Z".into();
    std::fs::write(&path, serde_json::to_vec(&bundle).unwrap()).unwrap();
    let out = ward().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!(
        "{}: $.objects[2].modified: must not be earlier than created",
        path.display()
    );
    assert!(stdout.contains(&expected), "{stdout}");
}

#[test]
fn reads_standard_input_and_prints_json() {
    let mut child = ward()
        .args(["--json", "validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"type":"ipv4-addr","id":"ipv4-addr--not-a-uuid","value":"1.2.3.4"}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["files"][0]["problems"][0]["path"], "$.id");
}

#[test]
fn broken_json_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("truncated.json");
    std::fs::write(&path, "{\"type\": \"bundle\",\n \"objects\": [{\"type\": ").unwrap();
    let out = ward().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("line 2, column"));
}

#[test]
fn a_missing_file_is_one_line_on_stderr_and_exit_2() {
    let out = ward()
        .args(["validate", "/nonexistent/x.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/nonexistent/x.json"));
}

#[test]
fn help_lists_the_whole_command_contract() {
    let out = ward().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for command in [
        "serve", "admin", "validate", "pattern", "init", "pull", "push", "import", "export",
        "scan", "scrub", "share", "exposure", "report", "demo",
    ] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(command)),
            "--help does not list {command}"
        );
    }
}
