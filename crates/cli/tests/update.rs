//! `ward update` against a local HTTP server on 127.0.0.1 serving fixtures (never the
//! internet): the first run, a second run that fetches only changed advisories and the NVD
//! records after the cursor, an interrupted NVD paging resumed, bad responses that exit 2
//! naming the URL while what was kept stays, `--offline DIR`, and `ward exposure` matching an
//! internet-facing FortiOS 6.0.2 through the KEV and NVD data kept.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use common::Server;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/update")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn gzip(text: &str) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

const EPSS: &str = "#model_version:v2025.03.14,score_date:2026-12-02T00:00:00+0000\ncve,epss,percentile\nCVE-2018-13379,0.94,0.999\nCVE-2017-0144,0.94,0.998\n";

fn advisory(id: &str) -> String {
    format!(
        r#"{{"document":{{"csaf_version":"2.0","category":"csaf_security_advisory","title":"{id} test advisory","tracking":{{"id":"{id}"}}}},"product_tree":{{"branches":[]}},"vulnerabilities":[]}}"#
    )
}

fn nvd_page(ids: &[&str], start: u64, total: u64) -> Vec<u8> {
    let items: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"cve":{{"id":"{id}","lastModified":"2026-11-30T10:00:00.000","descriptions":[{{"lang":"en","value":"test"}}],"configurations":[]}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"resultsPerPage":{},"startIndex":{start},"totalResults":{total},"format":"NVD_CVE","version":"2.0","vulnerabilities":[{}]}}"#,
        ids.len(),
        items.join(",")
    )
    .into_bytes()
}

/// A data folder whose feeds.toml points every source at the server, without pauses.
fn data_for(server: &Server, extra: &str) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let b = &server.base;
    std::fs::write(
        data.path().join("feeds.toml"),
        format!(
            "[update]\nkev_url = \"{b}/kev.json\"\nepss_url = \"{b}/epss.csv.gz\"\ncsaf_url = \"{b}/csaf/\"\nnvd_url = \"{b}/nvd\"\nnvd_delay_seconds = 0\nretry_seconds = 0\n{extra}"
        ),
    )
    .unwrap();
    data
}

fn serve_all(server: &Server) {
    server.file("/kev.json", read("kev.json"));
    server.file("/epss.csv.gz", gzip(EPSS));
    server.file(
        "/csaf/changes.csv",
        "\"2024/icsma-24-001-01.json\",\"2024-01-02T00:00:00Z\"\n\"2023/icsa-23-001-01.json\",\"2023-01-03T00:00:00Z\"\n",
    );
    server.file(
        "/csaf/2024/icsma-24-001-01.json",
        advisory("ICSMA-24-001-01"),
    );
    server.file("/csaf/2023/icsa-23-001-01.json", advisory("ICSA-23-001-01"));
    let kev_page = read("nvd-kev.json");
    server.route("/nvd", move |q, _| {
        if q.contains("hasKev") {
            (200, kev_page.clone())
        } else {
            (200, nvd_page(&[], 0, 0))
        }
    });
}

fn ward(data: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("WARD_NOW", now)
        .env_remove("NVD_API_KEY")
        .output()
        .unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn ok(out: Output) -> (String, String) {
    let (o, e) = text(&out);
    assert!(
        out.status.success(),
        "exit {:?}\n{o}\n{e}",
        out.status.code()
    );
    (o, e)
}

fn exposure(data: &Path) -> (String, String) {
    let inv = fixture("inventory.csv");
    ok(ward(
        data,
        "2026-12-03T08:00:00Z",
        &[
            "exposure",
            "--inventory",
            inv.to_str().unwrap(),
            "--as-of",
            "2026-12-03",
        ],
    ))
}

#[test]
fn first_run_keeps_every_source_and_exposure_matches_fortios_through_kev_and_nvd() {
    let server = Server::start();
    serve_all(&server);
    let data = data_for(&server, "");
    let (out, _) = ok(ward(data.path(), "2026-12-03T00:00:00Z", &["update"]));
    assert!(
        out.contains("KEV: catalog 2026.12.01, released 2026-12-01, 1 entry (new 1)"),
        "{out}"
    );
    assert!(
        out.contains("EPSS: scores of 2026-12-02 (model v2025.03.14), 2 CVEs"),
        "{out}"
    );
    assert!(out.contains("CSAF advisories: 2 kept"), "{out}");
    assert!(out.contains("NVD: 1 CVE record"), "{out}");
    let log = server.take_log();
    // The KEV-listed records, then the last 120 days by last-modified date.
    assert!(log.iter().any(|l| l.starts_with("/nvd?hasKev&")), "{log:?}");
    assert!(
        log.iter().any(|l| l.contains(
            "lastModStartDate=2026-08-05T00:00:00.000%2B00:00&lastModEndDate=2026-12-03T00:00:00.000%2B00:00"
        )),
        "{log:?}"
    );
    let v = data.path().join("vulndata");
    for f in [
        "manifest.json",
        "kev.json",
        "epss.csv",
        "csaf/icsma-24-001-01.json",
        "nvd/CVE-2018.json",
    ] {
        assert!(v.join(f).is_file(), "{f} missing");
    }
    let (out, err) = exposure(data.path());
    assert!(
        err.contains("using KEV 2026.12.01 (2 days old), EPSS 2026-12-02 (1 day old), 2 advisories (fetched today), 1 NVD record (fetched today); `ward update` refreshes them"),
        "{err}"
    );
    assert!(
        err.contains("1 NVD record (") && err.contains("`ward update` refreshes them"),
        "{err}"
    );
    assert!(out.contains("VPN gateway"), "{out}");
    assert!(out.contains("CVE-2018-13379"), "{out}");
    assert!(!out.contains("Front desk PC"), "{out}");
}

#[test]
fn second_run_fetches_only_changed_advisories_and_nvd_changes_after_the_cursor() {
    let server = Server::start();
    serve_all(&server);
    let data = data_for(&server, "sources = [\"csaf\", \"nvd\"]\n");
    ok(ward(data.path(), "2026-12-03T00:00:00Z", &["update"]));
    server.take_log();
    server.file(
        "/csaf/changes.csv",
        "\"2024/icsma-24-002-01.json\",\"2024-02-01T00:00:00Z\"\n\"2024/icsma-24-001-01.json\",\"2024-01-20T00:00:00Z\"\n\"2023/icsa-23-001-01.json\",\"2023-01-03T00:00:00Z\"\n",
    );
    server.file(
        "/csaf/2024/icsma-24-002-01.json",
        advisory("ICSMA-24-002-01"),
    );
    server.route("/nvd", |q, _| {
        assert!(!q.contains("hasKev"), "KEV-listed records fetched twice");
        (200, nvd_page(&["CVE-2026-0001"], 0, 1))
    });
    let (out, _) = ok(ward(data.path(), "2026-12-05T00:00:00Z", &["update"]));
    let log = server.take_log();
    let advisories: Vec<&String> = log.iter().filter(|l| l.ends_with(".json")).collect();
    assert_eq!(
        advisories,
        [
            "/csaf/2024/icsma-24-001-01.json",
            "/csaf/2024/icsma-24-002-01.json"
        ],
        "{log:?}"
    );
    let nvd: Vec<&String> = log.iter().filter(|l| l.starts_with("/nvd")).collect();
    assert_eq!(nvd.len(), 1, "{log:?}");
    assert!(
        nvd[0].contains("lastModStartDate=2026-12-03T00:00:00.000%2B00:00&lastModEndDate=2026-12-05T00:00:00.000%2B00:00"),
        "{log:?}"
    );
    assert!(
        out.contains("CSAF advisories: 3 kept, newest changed 2024-02-01 (new 1, changed 1)"),
        "{out}"
    );
    assert!(
        out.contains("NVD: 2 CVE records, newest modified 2026-11-30 (new 1)"),
        "{out}"
    );
    // Up to date: a third run at the same time asks NVD nothing.
    ok(ward(
        data.path(),
        "2026-12-05T00:00:00Z",
        &["update", "--only", "nvd"],
    ));
    assert!(server.take_log().is_empty());
}

#[test]
fn an_interrupted_nvd_paging_continues_at_the_page_it_stopped_on() {
    let server = Server::start();
    let fail = Arc::new(Mutex::new(true));
    let f = fail.clone();
    server.route("/nvd", move |q, _| {
        if q.contains("hasKev") {
            if q.ends_with("startIndex=0") {
                (200, nvd_page(&["CVE-2024-0001"], 0, 2))
            } else if *f.lock().unwrap() {
                (500, b"Internal Server Error".to_vec())
            } else {
                (200, nvd_page(&["CVE-2024-0002"], 1, 2))
            }
        } else {
            (200, nvd_page(&[], 0, 0))
        }
    });
    let data = data_for(&server, "nvd_page_size = 1\n");
    let out = ward(
        data.path(),
        "2026-12-03T00:00:00Z",
        &["update", "--only", "nvd"],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("HTTP 500") && err.contains("/nvd?hasKev&resultsPerPage=1&startIndex=1"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    *fail.lock().unwrap() = false;
    server.take_log();
    let (out, _) = ok(ward(
        data.path(),
        "2026-12-03T00:10:00Z",
        &["update", "--only", "nvd"],
    ));
    let log = server.take_log();
    assert_eq!(
        log[0], "/nvd?hasKev&resultsPerPage=1&startIndex=1",
        "{log:?}"
    );
    assert!(out.contains("NVD: 2 CVE records"), "{out}");
}

#[test]
fn bad_responses_exit_2_naming_the_url_and_keep_what_was_kept() {
    let server = Server::start();
    serve_all(&server);
    let data = data_for(&server, "sources = [\"kev\", \"epss\"]\n");
    ok(ward(data.path(), "2026-12-03T00:00:00Z", &["update"]));
    let kept_kev = std::fs::read(data.path().join("vulndata/kev.json")).unwrap();
    server.file("/kev.json", "<html>Service busy</html>");
    server.route("/epss.csv.gz", |_, _| (500, b"oops".to_vec()));
    let out = ward(data.path(), "2026-12-04T00:00:00Z", &["update"]);
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let lines: Vec<&str> = err.trim().lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].contains(&format!("{}/kev.json", server.base))
            && lines[0].contains("expected the CISA KEV catalog JSON")
            && lines[0].contains("unchanged"),
        "{err}"
    );
    assert!(
        lines[1].contains(&format!("{}/epss.csv.gz: HTTP 500", server.base)),
        "{err}"
    );
    assert_eq!(
        std::fs::read(data.path().join("vulndata/kev.json")).unwrap(),
        kept_kev
    );
    let (_, err) = exposure(data.path());
    assert!(err.contains("using KEV 2026.12.01"), "{err}");
}

#[test]
fn offline_folder_is_kept_like_a_download() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("csaf/2024")).unwrap();
    std::fs::write(
        d.join("known_exploited_vulnerabilities.json"),
        read("kev.json"),
    )
    .unwrap();
    std::fs::write(d.join("epss_scores-2026-12-02.csv.gz"), gzip(EPSS)).unwrap();
    std::fs::write(
        d.join("csaf/2024/icsma-24-001-01.json"),
        advisory("ICSMA-24-001-01"),
    )
    .unwrap();
    std::fs::write(d.join("nvd-fortios.json"), read("nvd-kev.json")).unwrap();
    let data = tempfile::tempdir().unwrap();
    let (out, _) = ok(ward(
        data.path(),
        "2026-12-03T00:00:00Z",
        &["update", "--offline", d.to_str().unwrap()],
    ));
    assert!(out.contains("KEV: catalog 2026.12.01"), "{out}");
    assert!(out.contains("EPSS: scores of 2026-12-02"), "{out}");
    assert!(out.contains("CSAF advisories: 1 kept"), "{out}");
    assert!(out.contains("NVD: 1 CVE record"), "{out}");
    let (out, _) = exposure(data.path());
    assert!(out.contains("CVE-2018-13379"), "{out}");
    // A folder with a file ward cannot place is refused, naming the file.
    std::fs::write(d.join("notes.json"), "{\"hello\": 1}").unwrap();
    let out = ward(
        data.path(),
        "2026-12-03T00:00:00Z",
        &["update", "--offline", d.to_str().unwrap()],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("notes.json") && err.contains("expected"),
        "{err}"
    );
}

#[test]
fn an_imported_kev_catalog_is_used_by_exposure() {
    let data = tempfile::tempdir().unwrap();
    let (_, err) = exposure(data.path());
    assert!(
        err.contains("no vulnerability data is kept") && err.contains("ward update"),
        "{err}"
    );
    let (out, _) = ok(ward(
        data.path(),
        "2026-12-03T00:00:00Z",
        &["import", fixture("kev.json").to_str().unwrap()],
    ));
    assert!(
        out.contains("KEV catalog 2026.12.01 (1 entry) kept in"),
        "{out}"
    );
    let (_, err) = exposure(data.path());
    assert!(err.contains("using KEV 2026.12.01 (2 days old)"), "{err}");
}

#[test]
fn a_download_left_half_done_is_continued_with_a_range_request() {
    let server = Server::start();
    let kev = read("kev.json");
    let asked: Arc<Mutex<Option<usize>>> = Arc::default();
    let (k, a) = (kev.clone(), asked.clone());
    server.route("/kev.json", move |_, range| match range {
        Some(from) => {
            *a.lock().unwrap() = Some(from);
            (206, k[from..].to_vec())
        }
        None => (200, k.clone()),
    });
    let data = data_for(&server, "sources = [\"kev\"]\n");
    let vulndata = data.path().join("vulndata");
    std::fs::create_dir_all(&vulndata).unwrap();
    let part = vulndata.join("kev.json.download.part");
    std::fs::write(&part, &kev[..100]).unwrap();
    let (out, _) = ok(ward(data.path(), "2026-12-03T00:00:00Z", &["update"]));
    assert!(out.contains("KEV: catalog 2026.12.01"), "{out}");
    assert_eq!(*asked.lock().unwrap(), Some(100));
    assert_eq!(std::fs::read(vulndata.join("kev.json")).unwrap(), kev);
    assert!(!part.exists());
}

#[test]
fn nvd_rate_limit_answers_are_waited_out_and_the_api_key_is_sent() {
    let server = Server::start();
    let calls = Arc::new(Mutex::new(0));
    let c = calls.clone();
    server.route("/nvd", move |_, _| {
        let mut n = c.lock().unwrap();
        *n += 1;
        if *n == 1 {
            (403, b"Forbidden".to_vec())
        } else {
            (200, nvd_page(&[], 0, 0))
        }
    });
    let data = data_for(&server, "");
    let out = Command::new(env!("CARGO_BIN_EXE_ward"))
        .arg("--data")
        .arg(data.path())
        .args(["update", "--only", "nvd"])
        .env("WARD_NOW", "2026-12-03T00:00:00Z")
        .env("NVD_API_KEY", "test-key")
        .output()
        .unwrap();
    let (o, e) = ok(out);
    assert!(o.contains("NVD: 0 CVE records"), "{o}{e}");
    // The 403, its retry, then the 120-day window, each with the key.
    assert_eq!(*calls.lock().unwrap(), 3);
    let keys = server
        .take_log()
        .iter()
        .filter(|l| l.eq_ignore_ascii_case("header apikey: test-key"))
        .count();
    assert_eq!(keys, 3);
}
