//! The network side of the member toolkit, as a clinic meets it: a wrong scheme, nothing
//! listening, a hub with a private-CA certificate, a wrong token, a collection that does not
//! exist. Every failure is one plain line and exit 2, never a silent exit 141 (SIGPIPE).

mod common;

use std::path::Path;
use std::process::Output;

use common::{hub_store, private_ca_hub, PrivateCaHub};
use ward_testkit::Hub;

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

#[test]
fn an_https_url_on_a_plain_hub_and_a_closed_port_are_one_plain_line() {
    let dir = tempfile::tempdir().unwrap();
    let hub_data = dir.path().join("hub");
    let (token, collection) = hub_store(&hub_data);
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &hub_data, &[], &[]);
    let member = dir.path().join("member");
    let url = format!("https://{}/taxii2/api/", hub.addr);
    let out = ward(
        &member,
        &[
            "pull",
            "--from",
            &url,
            "--collection",
            &collection,
            "--token",
            &token,
        ],
    );
    assert_eq!(out.status.code(), Some(2), "not a silent SIGPIPE: {out:?}");
    let err = stderr(&out);
    assert!(err.contains("answered in plain HTTP, not TLS"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // Nothing listening: said plainly (after the retries).
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{closed}/taxii2/api/");
    let out = ward(
        &member,
        &["pull", "--from", &url, "--list", "--token", &token],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nothing is listening there"),
        "{}",
        stderr(&out)
    );

    // A URL without /taxii2/.
    let url = format!("http://{}/api/", hub.addr);
    let out = ward(
        &member,
        &["pull", "--from", &url, "--list", "--token", &token],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/taxii2/"), "{}", stderr(&out));
}

#[test]
fn a_private_ca_hub_is_trusted_with_ca_cert_and_refused_without() {
    let dir = tempfile::tempdir().unwrap();
    let PrivateCaHub {
        hub,
        ca,
        token,
        collection,
    } = private_ca_hub(dir.path());
    let key = dir.path().join("hub.key");
    let member = dir.path().join("member");
    let url = format!("https://{}/taxii2/", hub.addr);

    // Without the CA: refused, with the way out named. Verification is never switched off.
    let out = ward(
        &member,
        &["pull", "--from", &url, "--list", "--token", &token],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("certificate is not trusted"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--ca-cert"), "{}", stderr(&out));

    // With it: the collections are listed, and the pull works.
    let ca = ca.to_str().unwrap();
    let listed = ok(ward(
        &member,
        &[
            "pull",
            "--from",
            &url,
            "--list",
            "--token",
            &token,
            "--ca-cert",
            ca,
        ],
    ));
    assert!(listed.contains(&collection), "{listed}");
    assert!(
        listed.contains("Shared") && listed.contains("read, write"),
        "{listed}"
    );
    let pulled = ok(ward(
        &member,
        &[
            "pull",
            "--from",
            &url,
            "--collection",
            &collection,
            "--token",
            &token,
            "--ca-cert",
            ca,
        ],
    ));
    assert!(pulled.contains("pulled collection"), "{pulled}");

    // A file that is not a certificate is named.
    let out = ward(
        &member,
        &[
            "pull",
            "--from",
            &url,
            "--list",
            "--token",
            &token,
            "--ca-cert",
            key.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hub.key"), "{}", stderr(&out));
}

#[test]
fn share_dry_run_checks_the_hub_the_token_and_the_collection() {
    let dir = tempfile::tempdir().unwrap();
    let hub_data = dir.path().join("hub");
    let (token, collection) = hub_store(&hub_data);
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &hub_data, &[], &[]);
    let member = dir.path().join("member");
    ok(ward(
        &member,
        &["init", "--org", "Clinic", "--domain", "clinic.example"],
    ));
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "Our PC beaconed to 203.0.113.9 on Monday.\n").unwrap();
    let note = note.to_str().unwrap();
    let api = format!("{}/taxii2/api/", hub.base());

    let out = ward(
        &member,
        &[
            "share",
            note,
            "--to",
            &api,
            "--collection",
            &collection,
            "--token",
            &token,
            "--dry-run",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Checked: the hub answers"));

    let out = ward(
        &member,
        &[
            "share",
            note,
            "--to",
            &api,
            "--collection",
            "not-a-collection",
            "--token",
            &token,
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--collection not-a-collection"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--list"), "{}", stderr(&out));

    let out = ward(
        &member,
        &[
            "share",
            note,
            "--to",
            &api,
            "--collection",
            &collection,
            "--token",
            "wrong",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did not accept the token"),
        "{}",
        stderr(&out)
    );

    // No token at all: said as such.
    let out = ward(
        &member,
        &[
            "share",
            note,
            "--to",
            &api,
            "--collection",
            &collection,
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the hub asks for a token"),
        "{}",
        stderr(&out)
    );
}
