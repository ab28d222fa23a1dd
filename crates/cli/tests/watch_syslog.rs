//! `ward watch` receiving syslog, end to end with the real binary: util-linux `logger` sends
//! firewall messages over UDP and TCP (RFC 3164 and 5424, newline and octet-counted
//! framing), a rustls client sends over TLS, and hostile senders (invalid UTF-8, an oversize
//! message, garbage framing, a connection that never sends) neither stop the service nor
//! the alerts of later messages. Every wait polls with a deadline of 20 s; the process is
//! killed when a test ends.
//!
//! Without `logger` the logger test is skipped, saying so; under `WARD_REQUIRE_PEERS=1` it
//! fails instead.

mod common;

use std::fs;
use std::io::Write;
use std::net::{TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use common::watch::{alert_lines, wait_secs, Watch};

const WARD: &str = env!("CARGO_BIN_EXE_ward");
const INDICATOR: &str = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
const INTEL: &str = r#"{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",
 "pattern":"[ipv4-addr:value = '198.51.100.77']","pattern_type":"stix",
 "valid_from":"2026-01-01T00:00:00Z"}]}"#;

/// A FortiGate traffic message (as in detect's clinic fixture) from `machine` to the
/// indicator's address: the firewall reader takes `srcip` as the clinic's machine.
fn fortigate(machine: &str) -> String {
    format!(
        "date=2024-01-05 time=10:05:00 devname=\"FGT60F-CLINIC\" logid=\"0316013056\" \
         type=\"utm\" subtype=\"webfilter\" srcip={machine} srcport=51544 srcintf=\"internal\" \
         dstip=198.51.100.77 dstport=443 dstintf=\"wan1\" proto=6 action=\"blocked\""
    )
}

/// A pfSense filterlog message: `machine` blocked going out to the indicator's address.
fn filterlog(machine: &str) -> String {
    format!(
        "5,,,1000000103,igb0,match,block,out,4,0x0,,64,0,0,DF,6,tcp,60,{machine},198.51.100.77,\
         51000,443,0,S,1234567,,64240,,mss"
    )
}

fn ward(data: &Path, args: &[&str]) -> std::process::Output {
    ward_testkit::run(Path::new(WARD), data, args)
}

/// Polls `check` every 50 ms for at most 20 s.
fn wait_for(what: &str, check: impl FnMut() -> bool) {
    wait_secs(what, 20, check);
}

/// `ward watch` on `data`, returned once it listens.
fn start(data: &Path, stderr: PathBuf) -> Watch {
    let mut w = Watch::spawn(data, &stderr, &[]);
    wait_for("watch to listen", || {
        w.said("watch: health on") || w.exited()
    });
    assert!(!w.exited(), "{}", w.text());
    w
}

/// The address bound for `scheme`, from `watch: syslog on SCHEME://ADDR`.
fn syslog_addr(w: &Watch, scheme: &str) -> String {
    w.after(&format!("watch: syslog on {scheme}://"))
}

/// One listener's counts in `/healthz`.
fn counts(w: &Watch, scheme: &str) -> serde_json::Value {
    let listen = format!("{scheme}://{}", syslog_addr(w, scheme));
    w.healthz()["syslog"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["listen"] == listen.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("{listen} not in /healthz"))
}

/// The alerts written so far, as JSON.
fn alerts(data: &Path) -> Vec<serde_json::Value> {
    alert_lines(data)
}

fn alert_for<'a>(all: &'a [serde_json::Value], machine: &str) -> Option<&'a serde_json::Value> {
    all.iter().find(|a| a["machine"] == machine)
}

/// A data folder with the intel imported and `watch.toml` listening on free loopback ports
/// (`extra` is appended to it).
fn setup(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let intel = dir.path().join("intel.json");
    fs::write(&intel, INTEL).unwrap();
    let out = ward(&data, &["import", intel.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    fs::write(
        data.join("watch.toml"),
        format!(
            "health_listen = \"127.0.0.1:0\"\n\n[[syslog]]\nlisten = \"udp://127.0.0.1:0\"\n\n\
             [[syslog]]\nlisten = \"tcp://127.0.0.1:0\"\n{extra}"
        ),
    )
    .unwrap();
    (dir, data)
}

/// `logger` from util-linux, or None (the test is then skipped, or fails when
/// `WARD_REQUIRE_PEERS=1`).
fn logger() -> Option<&'static str> {
    let found = Command::new("logger")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some("logger");
    }
    assert!(
        std::env::var("WARD_REQUIRE_PEERS").as_deref() != Ok("1"),
        "`logger` (util-linux) is not installed and WARD_REQUIRE_PEERS=1"
    );
    eprintln!("skipped: `logger` (util-linux) is not installed");
    None
}

fn send_with_logger(logger: &str, addr: &str, options: &[&str], tag: &str, message: &str) {
    let (host, port) = addr.rsplit_once(':').unwrap();
    let out = Command::new(logger)
        .args(["--server", host, "--port", port])
        .args(options)
        .args(["-t", tag, message])
        .output()
        .unwrap();
    assert!(out.status.success(), "logger {options:?}: {out:?}");
}

#[test]
fn logger_over_udp_and_tcp_alerts_on_the_firewall_s_machine() {
    let Some(logger) = logger() else { return };
    let (dir, data) = setup("");
    let watch = start(&data, dir.path().join("watch.err"));
    let (udp, tcp) = (syslog_addr(&watch, "udp"), syslog_addr(&watch, "tcp"));

    // RFC 3164 over UDP, a FortiGate message.
    send_with_logger(
        logger,
        &udp,
        &["--udp", "--rfc3164"],
        "fgt",
        &fortigate("10.1.4.31"),
    );
    // RFC 5424 over TCP, octet-counted, with logger's own structured data: pfSense.
    send_with_logger(
        logger,
        &tcp,
        &["--tcp", "--rfc5424", "--octet-count"],
        "filterlog",
        &filterlog("10.1.4.34"),
    );
    // RFC 5424 without structured data over TCP, newline-delimited.
    send_with_logger(
        logger,
        &tcp,
        &["--tcp", "--rfc5424=notq"],
        "filterlog",
        &filterlog("10.1.4.35"),
    );
    // RFC 3164 over TCP, newline-delimited.
    send_with_logger(
        logger,
        &tcp,
        &["--tcp", "--rfc3164"],
        "fgt",
        &fortigate("10.1.4.36"),
    );
    // A harmless message alerts nothing.
    send_with_logger(
        logger,
        &udp,
        &["--udp"],
        "fgt",
        &fortigate("10.1.4.37").replace("198.51.100.77", "192.0.2.1"),
    );

    wait_for("four alerts", || alerts(&data).len() >= 4);
    let all = alerts(&data);
    for machine in ["10.1.4.31", "10.1.4.34", "10.1.4.35", "10.1.4.36"] {
        let a = alert_for(&all, machine).unwrap_or_else(|| panic!("{machine}: {all:#?}"));
        assert_eq!(a["indicator_id"], INDICATOR);
        assert_eq!(a["syslog_from"], "127.0.0.1", "{a}");
        assert_eq!(a["value"], "198.51.100.77");
    }
    assert!(alert_for(&all, "10.1.4.31").unwrap()["file"]
        .as_str()
        .unwrap()
        .starts_with("udp://127.0.0.1:"));
    assert!(alert_for(&all, "10.1.4.34").unwrap()["file"]
        .as_str()
        .unwrap()
        .starts_with("tcp://127.0.0.1:"));
    assert!(watch.said("ALERT "), "said on stderr too");

    // The same machine and indicator again within the hour: no second alert.
    send_with_logger(
        logger,
        &udp,
        &["--udp", "--rfc3164"],
        "fgt",
        &fortigate("10.1.4.31"),
    );
    wait_for("the repeat to be received", || {
        counts(&watch, "udp")["received"].as_u64() == Some(3)
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(alerts(&data).len(), 4, "{:#?}", alerts(&data));
    assert_eq!(counts(&watch, "tcp")["received"], 3);
    if cfg!(target_os = "linux") {
        // The UDP socket's buffer was enlarged past the kernel's default (208 KiB, reported
        // doubled), and the kernel's own drop count for it is read and shown.
        let udp = counts(&watch, "udp");
        assert_eq!(udp["kernel_dropped"], 0, "{udp}");
        assert!(
            udp["receive_buffer_bytes"].as_u64().unwrap() >= 425_984,
            "{udp}"
        );
        let metrics = watch.get("/metrics");
        assert!(
            metrics.contains("ward_watch_syslog_kernel_dropped_total{listen=\"udp://"),
            "{metrics}"
        );
        assert!(
            metrics.contains("ward_watch_syslog_received_total{listen=\"tcp://"),
            "{metrics}"
        );
    }
}

/// A certificate for 127.0.0.1: (certificate DER, certificate PEM, key PEM).
fn certificate() -> (Vec<u8>, String, String) {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.subject_alt_names = vec![rcgen::SanType::IpAddress("127.0.0.1".parse().unwrap())];
    let cert = params.self_signed(&key).unwrap();
    (cert.der().to_vec(), cert.pem(), key.serialize_pem())
}

#[test]
fn tls_messages_alert() {
    let (dir, data) = setup(
        "\n[[syslog]]\nlisten = \"tls://127.0.0.1:0\"\ntls_cert = \"tls/cert.pem\"\ntls_key = \"tls/key.pem\"\n",
    );
    let (der, cert_pem, key_pem) = certificate();
    fs::create_dir_all(data.join("tls")).unwrap();
    fs::write(data.join("tls/cert.pem"), cert_pem).unwrap();
    fs::write(data.join("tls/key.pem"), key_pem).unwrap();
    let out = ward(&data, &["watch", "--check-config"]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("syslog on tls://127.0.0.1:0 (certificate"),
        "{said}"
    );
    let watch = start(&data, dir.path().join("watch.err"));

    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(der))
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let tcp = TcpStream::connect(syslog_addr(&watch, "tls")).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    // RFC 5425: octet-counted RFC 5424 messages.
    let msg = format!(
        "<134>1 2026-12-03T10:05:04.123+00:00 fgt.clinic.example - - - - {}",
        fortigate("10.1.4.50")
    );
    write!(tls, "{} {msg}", msg.len()).unwrap();
    tls.flush().unwrap();
    wait_for("the TLS alert", || {
        alert_for(&alerts(&data), "10.1.4.50").is_some()
    });
    let all = alerts(&data);
    let a = alert_for(&all, "10.1.4.50").unwrap();
    assert_eq!(a["indicator_id"], INDICATOR);
    assert!(a["file"].as_str().unwrap().starts_with("tls://"), "{a}");
    assert_eq!(counts(&watch, "tls")["received"], 1);
}

#[test]
fn hostile_senders_neither_crash_nor_stop_later_alerts() {
    let (dir, data) = setup("");
    let mut watch = start(&data, dir.path().join("watch.err"));
    let (udp, tcp) = (syslog_addr(&watch, "udp"), syslog_addr(&watch, "tcp"));

    // A connection that opens and never sends, held open through the test.
    let _silent = TcpStream::connect(&tcp).unwrap();

    // Newline framing: invalid UTF-8, an oversize message, then a good message on the same
    // connection.
    let mut stream = TcpStream::connect(&tcp).unwrap();
    stream
        .write_all(b"<13>Dec  3 10:00:00 h\xff\xfe app: caf\xc3 \xe2\x82 \x80 198.51.100.\xff\n")
        .unwrap();
    let mut huge = b"<13>Dec  3 10:00:00 h app: ".to_vec();
    huge.extend(std::iter::repeat_n(b'A', 200_000));
    huge.push(b'\n');
    stream.write_all(&huge).unwrap();
    stream
        .write_all(format!("<13>Dec  3 10:00:01 h fgt: {}\n", fortigate("10.1.4.60")).as_bytes())
        .unwrap();

    // Octet counting: garbage lengths, a length far beyond the limit, then a good message.
    let mut counted = TcpStream::connect(&tcp).unwrap();
    counted
        .write_all(b"12x not a length\n99999999999999 y\n")
        .unwrap();
    let big = vec![b'B'; 70_000];
    counted
        .write_all(format!("{} ", big.len()).as_bytes())
        .unwrap();
    counted.write_all(&big).unwrap();
    let good = format!("<13>Dec  3 10:00:02 h fgt: {}", fortigate("10.1.4.61"));
    counted
        .write_all(format!("{} {good}", good.len()).as_bytes())
        .unwrap();

    // UDP: bytes that are no syslog at all, then a good message.
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.send_to(b"\xff\xfe\x00\x01<<<>>>\n\n", &udp).unwrap();
    socket.send_to(b"", &udp).unwrap();
    socket
        .send_to(fortigate("10.1.4.62").as_bytes(), &udp)
        .unwrap();

    wait_for("the alerts after the hostile input", || {
        let all = alerts(&data);
        ["10.1.4.60", "10.1.4.61", "10.1.4.62"]
            .iter()
            .all(|m| alert_for(&all, m).is_some())
    });
    assert!(!watch.exited(), "{}", watch.text());
    let tcp_counts = counts(&watch, "tcp");
    assert_eq!(tcp_counts["too_long"], 2, "{tcp_counts}");
    assert_eq!(
        tcp_counts["dropped"], 2,
        "two garbage lengths: {tcp_counts}"
    );
    assert_eq!(tcp_counts["received"], 5, "{tcp_counts}");
    assert_eq!(counts(&watch, "udp")["received"], 2);
    let all = alerts(&data);
    assert_eq!(all.len(), 3, "nothing else matched: {all:#?}");
}

#[test]
fn check_config_reads_syslog_tables() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let check = |toml: &str| {
        fs::write(data.join("watch.toml"), toml).unwrap();
        ward(&data, &["watch", "--check-config"])
    };
    // Syslog alone is enough.
    let out = check("[[syslog]]\nlisten = \"udp://0.0.0.0:5514\"\n");
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("syslog on udp://0.0.0.0:5514"));
    // Neither: the error names both.
    let out = check("alerts_file = \"a.jsonl\"\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[[logs]]") && err.contains("[[syslog]]"),
        "{err}"
    );
    // TLS without its files, TLS files on plain TCP, a bad address.
    for (toml, want) in [
        (
            "[[syslog]]\nlisten = \"tls://127.0.0.1:6514\"\n",
            "syslog[0].tls_cert: a tls:// listener needs tls_cert and tls_key",
        ),
        (
            "[[syslog]]\nlisten = \"tcp://127.0.0.1:514\"\ntls_key = \"k.pem\"\n",
            "syslog[0].tls_key: only read for a tls:// listener",
        ),
        (
            "[[syslog]]\nlisten = \"udp:127.0.0.1\"\n",
            "syslog[0].listen: expected udp://, tcp:// or tls://",
        ),
        ("[[syslog]]\nlisen = \"udp://127.0.0.1:5514\"\n", "lisen"),
    ] {
        let out = check(toml);
        assert_eq!(out.status.code(), Some(2), "{toml}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("watch.toml") && err.contains(want), "{err}");
    }
    // Unreadable TLS files are named by --check-config and when the service starts.
    fs::write(
        data.join("watch.toml"),
        "[[syslog]]\nlisten = \"tls://127.0.0.1:0\"\ntls_cert = \"none.pem\"\ntls_key = \"none.pem\"\n",
    )
    .unwrap();
    for args in [&["watch", "--check-config"][..], &["watch"]] {
        let out = ward(&data, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("syslog[0].tls_cert") && err.contains("none.pem"),
            "{err}"
        );
    }
}
