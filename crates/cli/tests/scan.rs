//! End-to-end: `ward scan` on generated logs (plain, gzip, zstd, stdin) against a STIX
//! bundle; JSON alerts, the summary, exit codes, the index cache and sightings.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

fn ward() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ward"));
    // Commands that keep results under --data must not write into the source tree.
    command.env(
        "WARD_DATA",
        std::env::temp_dir().join(format!("ward-test-{}", std::process::id())),
    );
    command
}

fn bundle(dir: &std::path::Path) -> std::path::PathBuf {
    let tlp_amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    let b = json!({"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": [
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000001",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "name": "LockBit staging server", "pattern": "[ipv4-addr:value = '203.0.113.7']",
         "pattern_type": "stix", "valid_from": "2024-01-01T00:00:00Z", "confidence": 85,
         "created_by_ref": "identity--00000000-0000-4000-8000-0000000000aa",
         "object_marking_refs": [tlp_amber]},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000002",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "pattern": "[domain-name:value = 'evil.example']", "pattern_type": "stix",
         "valid_from": "2024-01-01T00:00:00Z", "confidence": 40},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000003",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "pattern": "alert tcp any any", "pattern_type": "snort", "valid_from": "2024-01-01T00:00:00Z"},
        {"type": "malware", "spec_version": "2.1", "id": "malware--00000000-0000-4000-8000-0000000000bb",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "name": "LockBit", "is_family": true},
        {"type": "identity", "spec_version": "2.1", "id": "identity--00000000-0000-4000-8000-0000000000aa",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "name": "Health-ISAC hub"},
        {"type": "relationship", "spec_version": "2.1", "id": "relationship--00000000-0000-4000-8000-0000000000cc",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "relationship_type": "indicates",
         "source_ref": "indicator--00000000-0000-4000-8000-000000000001",
         "target_ref": "malware--00000000-0000-4000-8000-0000000000bb"}
    ]});
    let path = dir.join("intel.json");
    std::fs::write(&path, serde_json::to_string(&b).unwrap()).unwrap();
    path
}

const CONN: &str =
    "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n\
1704448800.000000\tC1\t10.1.4.22\t51000\t203.0.113.7\t443\n\
1704448801.000000\tC2\t10.1.4.22\t51001\t203.0.113.70\t443\n\
1704448802.000000\tC3\t10.1.4.23\t51002\t203.0.113.7\t443\n";

const EVE: &str = "{\"timestamp\":\"2024-01-05T10:00:00.000000+0000\",\"event_type\":\"dns\",\"src_ip\":\"10.1.4.22\",\"dest_ip\":\"10.1.0.1\",\"dns\":{\"rrname\":\"evil.example\"}}\n\
{\"timestamp\":\"2024-01-05T10:00:01.000000+0000\",\"event_type\":\"dns\",\"src_ip\":\"10.1.4.22\",\"dest_ip\":\"10.1.0.1\",\"dns\":{\"rrname\":\"notevil.example\"}}\n\
{ broken\n";

#[test]
fn json_alerts_have_exactly_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let intel = bundle(dir.path());
    let conn = dir.path().join("conn.log");
    std::fs::write(&conn, CONN).unwrap();
    let out = ward()
        .args(["--data"])
        .arg(dir.path().join("data"))
        .args(["scan", "--json", "--indicators"])
        .arg(&intel)
        .arg(&conn)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    let a = lines[0].as_object().unwrap();
    let keys: Vec<&str> = a.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "file",
            "line",
            "timestamp",
            "field",
            "value",
            "indicator_id",
            "indicator_name",
            "score",
            "tlp",
            "sources",
            "sentence",
            "device",
            "threats"
        ]
    );
    assert_eq!(a["device"], "10.1.4.22");
    assert_eq!(a["threats"], json!(["LockBit"]));
    assert_eq!(a["line"], 4);
    assert_eq!(lines[1]["line"], 6);
    assert_eq!(a["field"], "id.resp_h");
    assert_eq!(a["value"], "203.0.113.7");
    assert_eq!(a["timestamp"], "2024-01-05T10:00:00.000000Z");
    assert_eq!(a["tlp"], "amber");
    assert_eq!(a["score"], 85);
    assert_eq!(a["sources"], json!(["Health-ISAC hub"]));
    assert_eq!(
        a["sentence"],
        "A device at 10.1.4.22 contacted 203.0.113.7, an address the shared intelligence links to LockBit."
    );
    // The second run reads the cached index and answers the same.
    let again = ward()
        .args(["--data"])
        .arg(dir.path().join("data"))
        .args(["scan", "--json", "--indicators"])
        .arg(&intel)
        .arg(&conn)
        .output()
        .unwrap();
    assert!(
        std::fs::read_dir(dir.path().join("data/cache"))
            .unwrap()
            .count()
            == 1
    );
    assert_eq!(String::from_utf8_lossy(&again.stdout).lines().count(), 2);
}

#[test]
fn compressed_stdin_summary_fail_on_and_sightings() {
    let dir = tempfile::tempdir().unwrap();
    let intel = bundle(dir.path());
    let gz = dir.path().join("eve.json.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    enc.write_all(EVE.as_bytes()).unwrap();
    enc.finish().unwrap();
    let zst = dir.path().join("conn.log.zst");
    std::fs::write(&zst, zstd::encode_all(CONN.as_bytes(), 3).unwrap()).unwrap();
    let sightings = dir.path().join("sightings.json");

    let mut child = ward()
        .arg("--data")
        .arg(dir.path().join("data"))
        .args(["scan", "--fail-on", "80", "--sightings", "--sightings-out"])
        .arg(&sightings)
        .arg("--indicators")
        .arg(&intel)
        .arg(&gz)
        .arg(&zst)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Jan  5 10:00:00 fw01 kernel: DROP SRC=10.1.4.99 DST=203.0.113.7\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("2 indicator(s) matched, 4 time(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("LockBit staging server [score 85, TLP:AMBER]"),
        "{stdout}"
    );
    assert!(
        stderr.contains("1 line(s) could not be read as Suricata EVE") && stderr.contains("line 3"),
        "{stderr}"
    );
    assert!(stderr.contains("1 indicator(s) left out"), "{stderr}");
    let b: Value = serde_json::from_slice(&std::fs::read(&sightings).unwrap()).unwrap();
    let s: Vec<&Value> = b["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["type"] == "sighting")
        .collect();
    assert_eq!(s.len(), 2);
    let lockbit = s
        .iter()
        .find(|o| o["sighting_of_ref"] == "indicator--00000000-0000-4000-8000-000000000001")
        .unwrap();
    assert_eq!(lockbit["count"], 3);
    assert_eq!(lockbit["first_seen"], "2024-01-05T10:00:00.000000Z");

    // Below the threshold: exit 0.
    let out = ward()
        .arg("--data")
        .arg(dir.path().join("data"))
        .args(["scan", "--fail-on", "90", "--indicators"])
        .arg(&intel)
        .arg(&gz)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn bad_usage_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("x.log");
    std::fs::write(&log, "hello\n").unwrap();
    let out = ward().args(["scan"]).arg(&log).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--indicators"));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"type\": \"bundle\", \"objects\": [").unwrap();
    let out = ward()
        .arg("--data")
        .arg(dir.path().join("data"))
        .args(["scan", "--indicators"])
        .arg(&bad)
        .arg(&log)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.json"), "{err}");
}

#[test]
fn a_plain_feed_file_works_as_the_indicator_source() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("blocklist.txt");
    // A defanged address in a text list, as feeds publish them.
    std::fs::write(&feed, "# attacker infrastructure\n203.0.113[.]7\n").unwrap();
    let conn = dir.path().join("conn.log");
    std::fs::write(&conn, CONN).unwrap();
    let out = ward()
        .args(["--data"])
        .arg(dir.path().join("data"))
        .args(["scan", "--json", "--indicators"])
        .arg(&feed)
        .arg(&conn)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits = json_lines(&out.stdout);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["value"] == "203.0.113.7"));
}

/// The alert lines of a `--json` scan.
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON alert per line"))
        .collect()
}

/// Issue 16: one line with a multi-byte character where an ASCII one was expected killed
/// the whole scan (exit 101, "a scoped thread panicked"). Each such line is now counted as
/// broken or read as text; the scan finishes and answers.
#[test]
fn foreign_bytes_in_a_log_never_kill_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ind = dir.path().join("ind.txt");
    std::fs::write(&ind, "1.2.3.4\n").unwrap();
    let out = ward()
        .arg("--data")
        .arg(&data)
        .arg("import")
        .arg(&ind)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scan = |name: &str, bytes: &[u8]| {
        let log = dir.path().join(name);
        std::fs::write(&log, bytes).unwrap();
        ward()
            .arg("--data")
            .arg(&data)
            .arg("scan")
            .arg(&log)
            .output()
            .unwrap()
    };
    // The two lines of the report: exit 0 (nothing matched), no panic.
    for (name, bytes) in [
        ("a.log", &b"Jan  5 10:00:0\xc3\xa9 host msg\n"[..]),
        ("b.log", &b"caf\xc3\xa9://x\n"[..]),
        ("c.log", &b"\xff\xfe caf\xc3\xa9://x \xe2\x82\n"[..]),
    ] {
        let out = scan(name, bytes);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
    // A syslog file whose second line is broken that way: the line is counted, and the
    // address on the third line is still found.
    let out = scan(
        "syslog.log",
        b"Jan  5 10:00:00 fw01 kernel: hello\n\
          Jan  5 10:00:0\xc3\xa9 host msg\n\
          Jan  5 10:00:02 fw01 kernel: DROP SRC=1.2.3.4 caf\xc3\xa9://x \xff\n",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("1 indicator(s) matched"), "{stdout}");
    assert!(
        stderr.contains("1 line(s) could not be read as syslog") && stderr.contains("line 2"),
        "{stderr}"
    );
}

/// Issue 20: a folder of what a clinic has, with a PDF, a spreadsheet and a fake `.evtx` among
/// the logs: the logs are read (a real EVTX sample among them), each other file is skipped with
/// a line naming it, and the exit status says so (2), unless matches decide (1).
#[test]
fn a_folder_is_scanned_file_by_file_and_what_is_not_a_log_is_never_clean() {
    let dir = tempfile::tempdir().unwrap();
    let intel = bundle(dir.path());
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(logs.join("windows")).unwrap();
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../detect/tests/fixtures/clinic");
    std::fs::copy(
        fixtures.join("security-logon-firewall.evtx"),
        logs.join("windows/Security.evtx"),
    )
    .unwrap();
    std::fs::write(
        logs.join("windows/pfirewall.log"),
        "#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\n\
         2024-01-05 10:06:00 ALLOW TCP 10.1.4.41 203.0.113.7 51000 443 0 - 0 0 0 - - - SEND 4312\n",
    )
    .unwrap();
    std::fs::write(
        logs.join("fortigate.log"),
        "<189>date=2024-01-05 time=10:05:00 devname=\"FGT\" srcip=10.1.4.31 srcport=51544 dstip=203.0.113.70 dstport=443 hostname=\"evil.example\" action=\"blocked\"\n",
    )
    .unwrap();
    std::fs::write(logs.join("policy.pdf"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").unwrap();
    std::fs::write(logs.join("assets.xlsx"), b"PK\x03\x04\x14\x00\x06\x00").unwrap();
    let mut fake = b"ElfFile\0".to_vec();
    fake.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(logs.join("windows/System.evtx"), fake).unwrap();

    let run = |extra: &[&str]| {
        ward()
            .args(["--data"])
            .arg(dir.path().join("data"))
            .args(["scan", "--indicators"])
            .arg(&intel)
            .args(extra)
            .arg(&logs)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");
    for (file, why) in [
        ("assets.xlsx", ".xlsx"),
        ("policy.pdf", "PDF"),
        ("System.evtx", "damaged Windows Event Log"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.starts_with("skipped:") && l.contains(file))
            .unwrap_or_else(|| panic!("no skip line for {file}:\n{stderr}"));
        assert!(line.contains(why) && line.contains("ward reads"), "{line}");
    }
    assert!(stderr.contains("3 file(s) not read"), "{stderr}");
    // The logs were read, each in its format, and the hits found.
    for read in [
        "fortigate.log: firewall syslog",
        "Security.evtx: Windows events",
        "pfirewall.log: Windows Firewall log",
    ] {
        assert!(stdout.contains(read), "{read}:\n{stdout}");
    }
    assert!(
        stdout.contains("A device at 10.1.4.41 contacted 203.0.113.7"),
        "{stdout}"
    );
    assert!(
        stdout.contains("A device at 10.1.4.31 looked up or visited evil.example"),
        "{stdout}"
    );
    // Matches decide the status when --fail-on asks.
    assert_eq!(run(&["--fail-on", "any"]).status.code(), Some(1));

    // One file that is not a log: exit 2, its name and what ward reads.
    let out = ward()
        .args(["--data"])
        .arg(dir.path().join("data"))
        .args(["scan", "--indicators"])
        .arg(&intel)
        .arg(logs.join("policy.pdf"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("policy.pdf") && stderr.contains("Windows event logs"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("No log was read"));
}
