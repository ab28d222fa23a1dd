//! `ward demo` end to end: the newcomer's first command tells the whole story and exits 0,
//! and the plan it writes names the planted compromise and the exposed devices.

use std::process::Command;

#[test]
fn the_demo_runs_and_writes_a_plan_with_the_planted_findings() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ward"))
        .current_dir(dir.path())
        .arg("demo")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every step ran, in order.
    for n in 1..=8 {
        assert!(
            stdout.contains(&format!("[{n}/8]")),
            "step {n} missing:\n{stdout}"
        );
    }
    // The planted hit from the sample logs is this week's first action.
    assert!(
        stdout.contains("1. Check the computer at 10.1.4.22 for malware"),
        "{stdout}"
    );
    let plan = std::fs::read_to_string(dir.path().join("ward-demo/plan.md")).unwrap();
    assert!(plan.contains("Insulin pump loaner IP-1"));
    assert!(plan.contains("CVE-2018-13379"));
    // The hub's count of members who saw the same server reaches the plan (Lakeside and
    // Hillcrest both sighted it; Hillcrest anonymously).
    assert!(
        plan.contains("2 other members in your sharing group saw it too"),
        "{plan}"
    );
    assert!(
        !plan.contains("Hillcrest"),
        "an anonymous member is named in the plan"
    );
    let html = std::fs::read_to_string(dir.path().join("ward-demo/plan.html")).unwrap();
    assert!(html.contains("<svg"));
    // Nothing of the hub is left running: the hub's port is closed once the demo ends.
    let port = stdout
        .split("hub running at http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|p| p.parse::<u16>().ok())
        .expect("the demo prints the hub address");
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}
