//! `ward exposure` end to end: the table, JSON, `--fail-on`, bad rows and bad files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn ward() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ward"));
    // Commands that keep results under --data must not write into the source tree.
    command.env(
        "WARD_DATA",
        std::env::temp_dir().join(format!("ward-test-{}", std::process::id())),
    );
    command
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../exposure/tests/fixtures")
        .join(name)
}

fn exposure(extra: &[&str]) -> Output {
    let mut cmd = ward();
    cmd.arg("exposure")
        .arg("--inventory")
        .arg(fixture("clinic-inventory.csv"))
        .arg("--kev")
        .arg(fixture("kev.json"))
        .arg("--epss")
        .arg(fixture("epss-sample.csv"))
        .arg("--nvd")
        .arg(fixture("nvd-sample.json"))
        .arg("--advisories")
        .arg(fixture("icsma-csaf"))
        .args(["--as-of", "2025-09-01"])
        .args(extra);
    cmd.output().unwrap()
}

#[test]
fn table_ranks_the_ventilator_first_and_warns_about_the_bad_row() {
    let out = exposure(&[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("#  TIER"), "{stdout}");
    assert!(
        lines[1].contains("ICU ventilator console") && lines[1].contains("immediate"),
        "{stdout}"
    );
    assert!(stdout.contains("Why, and what to do"));
    assert!(
        !stdout.contains("Infusion pump 8"),
        "an unaffected version is not listed"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("clinic-inventory.csv:7: column `criticality`"),
        "{stderr}"
    );
}

#[test]
fn json_carries_the_whole_report() {
    let out = exposure(&["--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["findings"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["tier"], "immediate");
    assert_eq!(first["asset"]["name"], "ICU ventilator console");
    assert_eq!(first["vulnerabilities"][0]["id"], "CVE-2017-0144");
    assert!(first["vulnerabilities"][0]["signals"]["kev"].is_object());
    assert!(first["why"].as_str().unwrap().contains("internet"));
    assert_eq!(v["problems"][0]["line"], 7);
    assert_eq!(v["sources"]["advisories"], 124);
}

#[test]
fn fail_on_exits_1_only_when_a_finding_reaches_the_tier() {
    assert_eq!(exposure(&["--fail-on", "immediate"]).status.code(), Some(1));
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("laptops.csv");
    std::fs::write(
        &inv,
        "name,vendor,product,version,criticality\nlaptop,Acme,Office Suite,4.2,business\n",
    )
    .unwrap();
    let run = |tier: &str| {
        ward()
            .arg("exposure")
            .arg("--inventory")
            .arg(&inv)
            .arg("--nvd")
            .arg(fixture("nvd-sample.json"))
            .args(["--fail-on", tier])
            .output()
            .unwrap()
    };
    assert_eq!(run("scheduled").status.code(), Some(0));
    assert_eq!(run("defer").status.code(), Some(1));
    let bad = run("urgent");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("expected immediate, out-of-cycle, scheduled or defer"));
}

#[test]
fn bad_files_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inv.csv");
    std::fs::write(&inv, "name,vendor,serial\na,b,c\n").unwrap();
    let out = ward()
        .arg("exposure")
        .arg("--inventory")
        .arg(&inv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("inv.csv") && stderr.contains("product") && stderr.contains("`serial`"),
        "{stderr}"
    );

    let kev = dir.path().join("kev.json");
    std::fs::write(&kev, "{\n\"vulnerabilities\": [\n{\"cveID\": 12}\n]}").unwrap();
    let out = ward()
        .arg("exposure")
        .arg("--inventory")
        .arg(fixture("clinic-inventory.csv"))
        .arg("--kev")
        .arg(&kev)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:3:", kev.display())),
        "{stderr}"
    );

    let missing = ward()
        .args(["exposure", "--inventory", "/nonexistent/inventory.csv"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/inventory.csv"));
}

#[test]
fn help_documents_the_inventory_columns() {
    let out = ward().args(["exposure", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for col in [
        "Required: name",
        "vendor (manufacturer, make)",
        "criticality",
        "internet_exposed",
        "end_of_support",
        "medical-device",
    ] {
        assert!(help.contains(col), "--help lacks {col}");
    }
}
