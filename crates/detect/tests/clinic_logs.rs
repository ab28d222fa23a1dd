//! The logs a clinic has (Windows event logs as EVTX, XML and JSON; Windows Firewall and DNS
//! server logs; firewall syslog of six vendors; Microsoft Entra ID sign-ins), read from
//! real-format fixtures (`fixtures/clinic/SOURCES.md`) with known-bad values planted in them,
//! or, in the real EVTX samples, taken from them: every hit is found in the right field and
//! names the organization's end (its address, or the computer or account), nothing else is.

mod common;

use std::path::{Path, PathBuf};

use common::{id, index};
use ward_detect::{open_log, CollectSink, LogFormat, ScanError, ScanOptions, Scanner};

fn intel() -> ward_detect::IndicatorIndex {
    index(
        &[
            (1, "[ipv4-addr:value = '203.0.113.7']"),
            (2, "[ipv4-addr:value = '198.51.100.23']"),
            (3, "[domain-name:value = 'update.evil.example']"),
            (4, "[ipv4-addr:value = '198.51.100.77']"),
            (5, "[url:value = 'http://files.example/payload.exe']"),
            // Values of the real EVTX samples.
            (6, "[ipv4-addr:value = '185.26.182.117']"),
            (7, "[ipv4-addr:value = '23.94.153.202']"),
            (8, "[ipv6-addr:value = '2001:db8::bad']"),
            (9, "[url:value = 'https://update.evil.example/payload.bin']"),
        ],
        false,
    )
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clinic")
        .join(name)
}

struct Scanned {
    format: LogFormat,
    /// (line, indicator number, field, the organization's end).
    alerts: Vec<(u64, u32, String, Option<String>)>,
    lines: u64,
    broken: u64,
    span: (Option<String>, Option<String>),
}

fn scan_file(path: &Path, threads: usize) -> Result<Scanned, ScanError> {
    let idx = intel();
    let scanner = Scanner::new(
        &idx,
        ScanOptions {
            threads,
            chunk_size: 1024,
            now: ward_stix::Timestamp::parse("2024-06-01T00:00:00Z").unwrap(),
            ..ScanOptions::default()
        },
    );
    let mut sink = CollectSink::default();
    let name = path.display().to_string();
    let report = scanner.scan(&name, open_log(path)?, &mut sink, &mut |_| {})?;
    let mut alerts: Vec<_> = sink
        .alerts
        .into_iter()
        .map(|(a, _)| {
            let n = (1..=9).find(|n| id(*n) == a.indicator_id).unwrap();
            (a.line, n, a.field, a.device)
        })
        .collect();
    alerts.sort();
    Ok(Scanned {
        format: report.format,
        alerts,
        lines: report.lines,
        broken: report.broken_lines,
        span: (report.first_event, report.last_event),
    })
}

/// The alerts of a fixture, the same with one thread and several.
fn check(name: &str, format: LogFormat, want: &[(u64, u32, &str, Option<&str>)]) -> Scanned {
    let mut first = None;
    for threads in [1, 3] {
        let got = scan_file(&fixture(name), threads).unwrap();
        assert_eq!(got.format, format, "{name}");
        let want: Vec<(u64, u32, String, Option<String>)> = want
            .iter()
            .map(|(l, n, f, d)| (*l, *n, f.to_string(), d.map(str::to_string)))
            .collect();
        assert_eq!(got.alerts, want, "{name}, {threads} thread(s)");
        assert_eq!(got.broken, 0, "{name}");
        first.get_or_insert(got);
    }
    first.unwrap()
}

#[test]
fn evtx_sysmon_network_connections() {
    let s = check(
        "sysmon-network.evtx",
        LogFormat::WindowsEvent,
        &[(35, 6, "DestinationIp", Some("192.168.2.128"))],
    );
    assert_eq!(s.lines, 51);
    assert_eq!(
        s.span,
        (
            Some("2018-03-06T08:13:42.0087618Z".into()),
            Some("2018-03-06T08:14:08.4653066Z".into())
        )
    );
}

#[test]
fn evtx_security_failed_logon_and_filtering_platform() {
    check(
        "security-logon-firewall.evtx",
        LogFormat::WindowsEvent,
        &[
            // 5152: the dropped packet's other end is the server; 4625: the computer.
            (1, 7, "SourceAddress", Some("169.46.6.101")),
            (4, 7, "IpAddress", Some("temporal")),
        ],
    );
}

#[test]
fn winlogbeat_nxlog_and_xml_exports() {
    check(
        "winlogbeat.ndjson",
        LogFormat::WindowsEvent,
        &[
            (1, 1, "DestinationIp", Some("10.1.4.22")),
            (3, 3, "QueryName", Some("NURSE-PC01")),
            (3, 4, "QueryResults", Some("NURSE-PC01")),
        ],
    );
    check(
        "nxlog.json",
        LogFormat::WindowsEvent,
        &[(1, 2, "IpAddress", Some("DC01.clinic.local"))],
    );
    let s = check(
        "wevtutil-export.xml",
        LogFormat::WindowsEvent,
        &[
            (1, 1, "QueryResults", Some("NURSE-PC01.clinic.local")),
            (2, 2, "IpAddress", Some("FRONTDESK-02.clinic.local")),
        ],
    );
    assert_eq!(
        s.span,
        (
            Some("2024-01-05T10:03:00.5580000Z".into()),
            Some("2024-01-05T10:03:30.1230000Z".into())
        )
    );
    let s = check(
        "event-viewer-export.xml",
        LogFormat::WindowsEvent,
        &[(1, 1, "RemoteAddresses", Some("NURSE-PC01.clinic.local"))],
    );
    assert_eq!(s.lines, 2);
}

#[test]
fn firewall_syslog_of_each_vendor() {
    check(
        "firewall-syslog.log",
        LogFormat::Firewall,
        &[
            // FortiGate web filter: the host (also the URL's), the address and the URL; the
            // device is srcip.
            (1, 3, "hostname", Some("10.1.4.31")),
            (1, 4, "dstip", Some("10.1.4.31")),
            (1, 9, "url", Some("10.1.4.31")),
            // Sophos, SonicWall.
            (3, 1, "dst_ip", Some("10.1.4.32")),
            (4, 1, "dst", Some("10.1.4.33")),
            // pfSense inbound block (IPv4) and outbound pass (IPv6).
            (5, 2, "src", Some("10.1.4.34")),
            (6, 8, "dst", Some("2001:db8:c11::22")),
            // Palo Alto traffic and URL filtering.
            (7, 1, "dst", Some("10.1.4.35")),
            (8, 4, "dst", Some("10.1.4.36")),
            (8, 5, "url", Some("10.1.4.36")),
            // Cisco ASA outbound connection and inbound deny.
            (9, 1, "outside", Some("10.1.4.37")),
            (10, 2, "outside", Some("10.1.4.37")),
        ],
    );
}

#[test]
fn windows_firewall_and_dns_server_logs() {
    let s = check(
        "pfirewall.log",
        LogFormat::WindowsFirewall,
        &[
            (6, 1, "dst-ip", Some("10.1.4.41")),
            (8, 2, "src-ip", Some("10.1.4.41")),
        ],
    );
    assert_eq!(
        s.span,
        (
            Some("2024-01-05T10:06:00.000000Z".into()),
            Some("2024-01-05T10:06:05.000000Z".into())
        )
    );
    check(
        "dns.log",
        LogFormat::WindowsDns,
        &[
            (26, 3, "question", Some("10.1.4.42")),
            (27, 3, "question", Some("10.1.4.42")),
        ],
    );
}

#[test]
fn entra_sign_ins_as_csv_and_json() {
    check(
        "entra-signins.csv",
        LogFormat::Csv,
        &[(2, 2, "IP address", Some("jo@clinic.example"))],
    );
    check(
        "entra-signins.json",
        LogFormat::JsonLines,
        &[(1, 2, "ipAddress", Some("jo@clinic.example"))],
    );
}

#[test]
fn microsoft_365_unified_audit_log_export() {
    let s = check(
        "m365-unified-audit.csv",
        LogFormat::Csv,
        &[
            // The same address twice in one record is one alert.
            (2, 2, "ClientIP", Some("jo@clinic.example")),
            (3, 8, "ClientIP", Some("sam@clinic.example")),
        ],
    );
    assert_eq!(s.lines, 4);
}

/// Event Viewer's "Save as XML" and PowerShell 5's redirections write UTF-16: the same
/// events are found as in the UTF-8 file, with and without a byte-order mark, little- and
/// big-endian.
#[test]
fn utf16_files_read_like_their_utf8_originals() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "event-viewer-export.xml",
        "wevtutil-export.xml",
        "dns.log",
        "pfirewall.log",
        "m365-unified-audit.csv",
    ] {
        let original = scan_file(&fixture(name), 1).unwrap();
        assert!(!original.alerts.is_empty(), "{name}");
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        for (big, mark) in [(false, true), (true, true), (false, false)] {
            let mut bytes = Vec::new();
            for unit in mark
                .then_some(0xfeff_u16)
                .into_iter()
                .chain(text.encode_utf16())
            {
                bytes.extend(if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let path = dir.path().join(format!("{big}-{mark}-{name}"));
            std::fs::write(&path, bytes).unwrap();
            for threads in [1, 3] {
                let got = scan_file(&path, threads).unwrap();
                assert_eq!(got.format, original.format, "{name} big={big} mark={mark}");
                assert_eq!(got.alerts, original.alerts, "{name} big={big} mark={mark}");
                assert_eq!(got.lines, original.lines, "{name} big={big} mark={mark}");
            }
        }
    }
}

#[test]
fn files_ward_cannot_read_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut fake_evtx: Vec<u8> = b"ElfFile\0".to_vec();
    fake_evtx.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let garbage: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_246_822_519) >> 11) as u8)
        .collect();
    for (name, bytes, says) in [
        (
            "report.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec(),
            "PDF",
        ),
        (
            "assets.xlsx",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec(),
            ".xlsx",
        ),
        ("Security.evtx", fake_evtx, "damaged Windows Event Log"),
        ("Sysmon.evtx", garbage.clone(), "not a Windows Event Log"),
        ("capture.log", garbage, "binary"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let Err(err) = scan_file(&path, 1) else {
            panic!("{name} was read");
        };
        let message = err.to_string();
        assert!(matches!(err, ScanError::Unreadable { .. }), "{message}");
        assert!(
            message.contains(name) && message.contains(says) && message.contains("ward reads"),
            "{message}"
        );
    }
}
