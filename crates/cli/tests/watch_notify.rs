//! `ward watch` tells people: the real binary e-mails alerts to a real SMTP server (Python's
//! `aiosmtpd`, `tests/py/smtp_sink.py`, with STARTTLS under a private CA and AUTH) and posts
//! them to a loopback HTTP sink in the three webhook shapes (json, teams, slack).
//!
//! The daily digest is made testable by the hidden `--digest-every SECS` flag: the digest
//! goes out every SECS seconds instead of at `digest_at`. The weekly plan is set to today's
//! weekday at 00:00, so it is due as soon as watch starts.
//!
//! Without the venv's Python and aiosmtpd (`WARD_PYTHON`, see `scripts/test`) the e-mail
//! tests are skipped, saying so, or fail when `WARD_REQUIRE_PEERS=1`. Every wait polls with a
//! deadline and every process is killed when its test ends.

mod common;

use common::watch::Watch;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Datelike;
use serde_json::Value;

const WARD: &str = env!("CARGO_BIN_EXE_ward");
/// Two indicators, recorded an hour ago (scores decay with age): a sure one (confidence 90,
/// urgent) and a weak one (10, below the default urgent score of 20: digest only). Not
/// documentation addresses (198.51.100.0/24...), which the intel scores 0 as never to block.
fn intel_bundle() -> String {
    let recent = (chrono::Utc::now() - chrono::Duration::hours(1))
        .format("%Y-%m-%dT%H:%M:%S.000Z")
        .to_string();
    r#"{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
 "created":"T","modified":"T","confidence":90,
 "pattern":"[ipv4-addr:value = '45.137.21.9']","pattern_type":"stix","valid_from":"T"},
{"type":"indicator","spec_version":"2.1","id":"indicator--0b7e2f3c-5a0e-4c55-9c1e-6f7a1d2b3c4d",
 "created":"T","modified":"T","confidence":10,
 "pattern":"[ipv4-addr:value = '91.92.109.14']","pattern_type":"stix","valid_from":"T"}]}"#
        .replace("\"T\"", &format!("\"{recent}\""))
}
const SURE: &str = "45.137.21.9";
const WEAK: &str = "91.92.109.14";

/// A Suricata EVE flow from `device` to `dest`.
fn eve(device: &str, dest: &str) -> String {
    format!(
        "{{\"timestamp\":\"2026-12-03T10:00:00.000000+0000\",\"event_type\":\"flow\",\"src_ip\":\"{device}\",\"src_port\":5555,\"dest_ip\":\"{dest}\",\"dest_port\":443,\"proto\":\"TCP\"}}\n"
    )
}

fn append(path: &Path, text: &str) {
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// Polls `check` every 50 ms for at most 30 s.
fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A data folder with the intel imported and an empty log under `../logs`.
struct Setup {
    dir: tempfile::TempDir,
    data: PathBuf,
    log: PathBuf,
}

fn setup(notify_toml: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let logs = dir.path().join("logs");
    fs::create_dir_all(&logs).unwrap();
    let intel = dir.path().join("intel.json");
    fs::write(&intel, intel_bundle()).unwrap();
    let out = ward_testkit::run(Path::new(WARD), &data, &["import", intel.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    fs::write(
        data.join("watch.toml"),
        format!("health_listen = \"127.0.0.1:0\"\n\n[[logs]]\npath = \"../logs/eve.json\"\n\n{notify_toml}"),
    )
    .unwrap();
    let log = logs.join("eve.json");
    append(&log, "");
    Setup { dir, data, log }
}

/// `ward watch` on the setup's folder with `extra` arguments, its messages in `name`;
/// returned once it follows the log.
fn start(s: &Setup, name: &str, extra: &[&str]) -> Watch {
    let w = Watch::spawn(&s.data, &s.dir.path().join(name), extra);
    wait_for("watch to follow the log", || w.said("watch: following"));
    w
}

fn lines_read(w: &Watch) -> u64 {
    w.healthz()["lines_read"].as_u64().unwrap()
}

/// `smtp_sink.py` on a port, killed when dropped.
struct Smtp {
    child: Child,
    folder: PathBuf,
}

impl Smtp {
    fn start(python: &Path, port: u16, folder: &Path, extra: &[&str]) -> Smtp {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/smtp_sink.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(port.to_string())
            .arg(folder)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "smtp_sink.py did not start");
        Smtp {
            child,
            folder: folder.to_path_buf(),
        }
    }

    /// The messages received so far, in order.
    fn messages(&self) -> Vec<String> {
        let mut names: Vec<PathBuf> = fs::read_dir(&self.folder)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        names.sort();
        names
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect()
    }

    fn with_subject(&self, part: &str) -> Vec<String> {
        self.messages()
            .into_iter()
            .filter(|m| m.lines().next().is_some_and(|l| l.contains(part)))
            .collect()
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A private CA and a certificate for 127.0.0.1 it signed: (ca.pem, cert.pem, key.pem).
fn private_ca(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &ca, &ca_key)
        .unwrap();
    let paths = (
        dir.join("ca.pem"),
        dir.join("smtp.pem"),
        dir.join("smtp.key"),
    );
    fs::write(&paths.0, ca.pem()).unwrap();
    fs::write(&paths.1, cert.pem()).unwrap();
    fs::write(&paths.2, key.serialize_pem()).unwrap();
    (paths.0, paths.1, paths.2)
}

fn today_short() -> String {
    chrono::Local::now().weekday().to_string().to_lowercase()
}

#[test]
fn alerts_and_the_weekly_plan_are_emailed_over_starttls_with_a_login() {
    let Some(python) = ward_testkit::python_with("aiosmtpd") else {
        return;
    };
    let port = free_port();
    let s = setup(&format!(
        "[email]\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {port}\nsecurity = \"starttls\"\n\
         username = \"ward\"\npassword_file = \"smtp-password\"\nca_cert = \"ca.pem\"\n\
         from = \"ward@clinic.example\"\nto = [\"it@clinic.example\"]\n\
         weekly_plan = \"{} 00:00\"\n",
        today_short()
    ));
    fs::write(s.data.join("smtp-password"), "s3cret\n").unwrap();
    let (ca, cert, key) = private_ca(s.dir.path());
    fs::copy(&ca, s.data.join("ca.pem")).unwrap();
    let smtp = Smtp::start(
        &python,
        port,
        &s.dir.path().join("mail"),
        &[
            "--tls",
            cert.to_str().unwrap(),
            key.to_str().unwrap(),
            "--user",
            "ward",
            "--password",
            "s3cret",
        ],
    );
    let watch = start(&s, "watch-1.err", &[]);

    // The plan is due (today at 00:00) and goes out once.
    wait_for("the weekly plan", || {
        !smtp.with_subject("this week's plan").is_empty()
    });
    let plan = &smtp.with_subject("this week's plan")[0];
    assert!(plan.contains("To: it@clinic.example"), "{plan}");
    // The same Markdown `ward report --format md` prints.
    assert!(plan.contains("# Weekly security plan for"), "{plan}");
    assert!(plan.contains("## What ward checked"), "{plan}");

    let sent_at = Instant::now();
    append(&s.log, &eve("10.0.0.2", SURE));
    wait_for("the alert e-mail", || {
        !smtp.with_subject("ward alert").is_empty()
    });
    assert!(
        sent_at.elapsed() < Duration::from_secs(15),
        "an urgent alert goes out at once"
    );
    let mail = &smtp.with_subject("ward alert")[0];
    for part in [
        "Subject: ward alert: 10.0.0.2 and 45.137.21.9",
        "HTML: yes",
        "What happened",
        "What to do now",
        "Take 10.0.0.2 off the network",
        "Block 45.137.21.9",
        "TLP",
    ] {
        assert!(mail.contains(part), "{part:?} in:\n{mail}");
    }

    // The same machine and indicator again within the hour: not sent again.
    append(&s.log, &eve("10.0.0.2", SURE));
    wait_for("the repeated line", || lines_read(&watch) >= 2);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(smtp.with_subject("ward alert").len(), 1);
    wait_for("both sends to be counted", || {
        watch.healthz()["notify_sent"]["email"] == 2
    });
    let health = watch.healthz();
    assert_eq!(health["notify_failed"]["email"], 0, "{health}");

    // A restart does not send the week's plan again.
    drop(watch);
    let again = start(&s, "watch-2.err", &[]);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(smtp.with_subject("this week's plan").len(), 1);
    drop(again);
}

#[test]
fn a_mail_server_down_at_first_gets_the_alert_once_it_is_up() {
    let Some(python) = ward_testkit::python_with("aiosmtpd") else {
        return;
    };
    let port = free_port();
    let s = setup(&format!(
        "[email]\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {port}\nsecurity = \"none\"\n\
         from = \"ward@clinic.example\"\nto = [\"it@clinic.example\"]\n"
    ));
    let watch = start(&s, "watch.err", &[]);
    append(&s.log, &eve("10.0.0.5", SURE));
    wait_for("a failed send", || watch.said("email: could not send"));
    assert!(watch.healthz()["notify_failed"]["email"].as_u64().unwrap() >= 1);

    let smtp = Smtp::start(&python, port, &s.dir.path().join("mail"), &[]);
    wait_for("the alert after a retry", || {
        !smtp.with_subject("ward alert: 10.0.0.5").is_empty()
    });
    // The sink saves the message before it answers: the count follows a moment later.
    wait_for("the send to be counted", || {
        watch.healthz()["notify_sent"]["email"] == 1
    });
    assert!(
        watch.said("email: could not send"),
        "the failure was said on stderr"
    );
}

/// What the HTTP sink received: (path, authorization header, JSON body).
type Posts = Arc<Mutex<Vec<(String, Option<String>, Value)>>>;

/// A loopback HTTP server answering 200 to every POST and keeping what it received.
fn http_sink() -> (String, Posts) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let posts: Posts = Arc::default();
    let kept = posts.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if let Some(post) = read_post(stream) {
                kept.lock().unwrap().push(post);
            }
        }
    });
    (addr, posts)
}

fn read_post(stream: TcpStream) -> Option<(String, Option<String>, Value)> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let (mut length, mut auth) = (0usize, None);
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (name, value) = h.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "authorization" => auth = Some(value.trim().to_string()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let mut out = stream;
    out.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
        .ok()?;
    Some((path, auth, serde_json::from_slice(&body).ok()?))
}

fn posted(posts: &Posts, path: &str) -> Vec<(Option<String>, Value)> {
    posts
        .lock()
        .unwrap()
        .iter()
        .filter(|p| p.0 == path)
        .map(|p| (p.1.clone(), p.2.clone()))
        .collect()
}

#[test]
fn webhooks_in_three_shapes_with_the_hourly_limit_and_the_digest() {
    let (addr, posts) = http_sink();
    let s = setup(&format!(
        "[notify]\nmax_per_hour = 1\n\n\
         [[webhook]]\nurl = \"http://{addr}/json\"\nkind = \"json\"\ntoken_file = \"hook-token\"\n\n\
         [[webhook]]\nurl = \"http://{addr}/teams\"\nkind = \"teams\"\n\n\
         [[webhook]]\nurl = \"http://{addr}/slack\"\nkind = \"slack\"\n"
    ));
    fs::write(s.data.join("hook-token"), "t0ken\n").unwrap();
    let watch = start(&s, "watch.err", &["--digest-every", "4"]);

    let sent_at = Instant::now();
    append(&s.log, &eve("10.0.0.2", SURE));
    wait_for("the alert on all three hooks", || {
        posts.lock().unwrap().len() >= 3
    });
    assert!(
        sent_at.elapsed() < Duration::from_secs(15),
        "an urgent alert goes out at once"
    );
    let json = posted(&posts, "/json");
    assert_eq!(json[0].0.as_deref(), Some("Bearer t0ken"));
    let alert = &json[0].1;
    assert_eq!(alert["machine"], "10.0.0.2");
    assert_eq!(alert["value"], SURE);
    assert_eq!(
        alert["indicator_id"],
        "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
    );
    assert!(alert["time"].is_string());
    assert!(alert["what_to_do"][2]
        .as_str()
        .unwrap()
        .contains("Block 45.137.21.9"));
    let teams = &posted(&posts, "/teams")[0];
    assert_eq!(teams.0, None, "no token configured, none sent");
    assert_eq!(teams.1["@type"], "MessageCard");
    assert!(teams.1["title"].as_str().unwrap().contains("10.0.0.2"));
    let slack = &posted(&posts, "/slack")[0].1;
    assert!(slack["text"].as_str().unwrap().contains("10.0.0.2"));
    assert_eq!(slack["blocks"][0]["type"], "header");

    // A second, different urgent alert within the hour: over the limit of 1, held for the
    // digest (not lost); a weak indicator's alert waits for the digest too.
    append(&s.log, &eve("10.0.0.3", SURE));
    append(&s.log, &eve("10.0.0.4", WEAK));
    wait_for("the digest", || {
        posted(&posts, "/json")
            .iter()
            .any(|p| p.1["digest"] == true)
    });
    let digest = posted(&posts, "/json")
        .into_iter()
        .find(|p| p.1["digest"] == true)
        .unwrap()
        .1;
    assert_eq!(digest["held_back"][0]["machine"], "10.0.0.3", "{digest}");
    assert_eq!(
        digest["below_urgent_score"][0]["machine"], "10.0.0.4",
        "{digest}"
    );
    wait_for("the slack digest", || posted(&posts, "/slack").len() >= 2);
    let slack_digest = posted(&posts, "/slack")[1].1.to_string();
    assert!(
        slack_digest.contains("1 more alert held back"),
        "{slack_digest}"
    );
    // No alert message for the held or weak alert went out on its own.
    let alerts: Vec<_> = posted(&posts, "/json")
        .into_iter()
        .filter(|p| p.1["digest"] != true)
        .collect();
    assert_eq!(alerts.len(), 1);
    wait_for("both posts to be counted", || {
        watch.healthz()["notify_sent"]["webhook[0]"] == 2
    });

    // Stopped before the next digest: what waits for it is sent on the way out, not lost.
    let mut watch = watch;
    let before = lines_read(&watch);
    append(&s.log, &eve("10.0.0.6", WEAK));
    wait_for("the weak line", || lines_read(&watch) > before);
    let sent = Command::new("kill")
        .args(["-TERM", &watch.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    wait_for("watch to stop", || {
        watch.child.try_wait().unwrap().is_some()
    });
    let last = posted(&posts, "/json").pop().unwrap().1;
    assert_eq!(last["digest"], true, "{last}");
    assert_eq!(
        last["below_urgent_score"][0]["machine"], "10.0.0.6",
        "{last}"
    );
}

#[test]
fn check_config_refuses_a_password_and_names_the_channels() {
    let s = setup(
        "[email]\nsmtp_host = \"smtp.clinic.example\"\nusername = \"ward\"\npassword = \"x\"\n\
         from = \"ward@clinic.example\"\nto = [\"it@clinic.example\"]\n",
    );
    let out = ward_testkit::run(Path::new(WARD), &s.data, &["watch", "--check-config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("email.password") && err.contains("password_file"),
        "{err}"
    );

    let toml = fs::read_to_string(s.data.join("watch.toml"))
        .unwrap()
        .replace("password = \"x\"", "password_file = \"pw\"")
        .replace(
            "[email]",
            "[[webhook]]\nurl = \"https://hooks.example/secret/path\"\nkind = \"slack\"\n\n[email]",
        );
    fs::write(s.data.join("watch.toml"), toml).unwrap();
    let out = ward_testkit::run(Path::new(WARD), &s.data, &["watch", "--check-config"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the password file is missing: {out:?}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("email.password_file") && err.contains("pw"),
        "{err}"
    );
    assert!(
        text.contains("e-mail to it@clinic.example through smtp.clinic.example:587 with STARTTLS"),
        "{text}"
    );
    assert!(
        text.contains("MISSING"),
        "the missing password file is said: {text}"
    );
    assert!(
        text.contains("webhook[0] (slack) to https://hooks.example/…"),
        "{text}"
    );
    assert!(
        !text.contains("secret/path"),
        "a webhook's secret path is not printed: {text}"
    );

    fs::write(s.data.join("pw"), "secret\n").unwrap();
    let out = ward_testkit::run(Path::new(WARD), &s.data, &["watch", "--check-config"]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn alerts_waiting_for_the_digest_survive_a_kill_9() {
    let (addr, posts) = http_sink();
    let s = setup(&format!(
        "[[webhook]]\nurl = \"http://{addr}/json\"\nkind = \"json\"\n"
    ));
    // The digest is an hour away when watch is killed.
    let mut watch = start(&s, "first.err", &["--digest-every", "3600"]);
    append(&s.log, &eve("10.0.0.7", WEAK));
    wait_for("the weak alert", || {
        common::watch::alert_lines(&s.data).len() == 1
    });
    // The delivery thread keeps it in the store as it takes it; give it a moment.
    std::thread::sleep(Duration::from_millis(500));
    watch.child.kill().unwrap();
    watch.child.wait().unwrap();
    assert!(
        posted(&posts, "/json").is_empty(),
        "nothing sent before the kill"
    );

    // Started again with a digest every 2 s: the alert from before the kill goes with it.
    let watch = start(&s, "second.err", &["--digest-every", "2"]);
    wait_for("the digest", || !posted(&posts, "/json").is_empty());
    let digest = posted(&posts, "/json").remove(0).1;
    assert_eq!(digest["digest"], true, "{digest}");
    assert_eq!(
        digest["below_urgent_score"][0]["machine"], "10.0.0.7",
        "{digest}"
    );
    assert!(
        watch.said("1 alert kept for the digest"),
        "{}",
        watch.text()
    );
    // Sent once: the next digest does not carry it again.
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(
        posted(&posts, "/json").len(),
        1,
        "{:?}",
        posted(&posts, "/json")
    );
}
