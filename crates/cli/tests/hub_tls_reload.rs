//! Certificate renewal without a restart: `ward serve` with certificate A, the files
//! replaced by certificate B, SIGHUP; a new connection is shown B while a keep-alive
//! connection opened under A goes on working. A renewal that left broken files keeps the
//! certificate in service.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ward_testkit::Hub;

/// A CA and a certificate for 127.0.0.1 it signed: (CA in DER, certificate PEM, key PEM).
fn issue(name: &str) -> (Vec<u8>, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
    let ca_key = KeyPair::generate().expect("key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    let ca = ca_params.self_signed(&ca_key).expect("CA");
    let leaf_key = KeyPair::generate().expect("key");
    let mut leaf_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    leaf_params.subject_alt_names = vec![SanType::IpAddress("127.0.0.1".parse().expect("ip"))];
    let leaf = leaf_params
        .signed_by(&leaf_key, &ca, &ca_key)
        .expect("certificate");
    (ca.der().to_vec(), leaf.pem(), leaf_key.serialize_pem())
}

/// An HTTP agent that trusts only the CA `ca` and keeps connections alive between calls.
fn agent_trusting(ca: &[u8]) -> ureq::Agent {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(ca.to_vec()))
        .expect("CA");
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocols")
    .with_root_certificates(roots)
    .with_no_client_auth();
    ureq::AgentBuilder::new()
        .tls_config(Arc::new(config))
        .timeout(Duration::from_secs(20))
        .build()
}

fn healthz(agent: &ureq::Agent, hub: &Hub) -> Result<u16, String> {
    agent
        .get(&format!("https://{}/healthz", hub.addr))
        .call()
        .map(|r| r.status())
        .map_err(|e| e.to_string())
}

fn hangup(hub: &Hub) {
    let sent = Command::new("kill")
        .args(["-HUP", &hub.pid().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
}

#[test]
fn sighup_reloads_the_certificate_and_keeps_open_connections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ca_a, cert_a, key_a) = issue("CA A");
    let (ca_b, cert_b, key_b) = issue("CA B");
    let cert = dir.path().join("hub.pem");
    let key = dir.path().join("hub.key");
    std::fs::write(&cert, &cert_a).expect("write");
    std::fs::write(&key, &key_a).expect("write");
    let hub = Hub::start(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        &dir.path().join("data"),
        &[],
        &[
            "--init",
            "--tls-cert",
            cert.to_str().expect("utf8"),
            "--tls-key",
            key.to_str().expect("utf8"),
        ],
    );
    // A keep-alive connection under certificate A.
    let kept = agent_trusting(&ca_a);
    assert_eq!(healthz(&kept, &hub), Ok(200));
    assert!(
        healthz(&agent_trusting(&ca_b), &hub).is_err(),
        "B is not served yet"
    );

    // A broken renewal (a key that is not a key): the hub keeps serving A.
    std::fs::write(&key, "not a key").expect("write");
    hangup(&hub);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(healthz(&agent_trusting(&ca_a), &hub), Ok(200));

    // The renewal done right: B for every new connection.
    std::fs::write(&cert, &cert_b).expect("write");
    std::fs::write(&key, &key_b).expect("write");
    hangup(&hub);
    let deadline = Instant::now() + Duration::from_secs(10);
    while healthz(&agent_trusting(&ca_b), &hub).is_err() {
        assert!(Instant::now() < deadline, "certificate B never served");
        std::thread::sleep(Duration::from_millis(100));
    }
    let err = healthz(&agent_trusting(&ca_a), &hub).expect_err("A is gone for new connections");
    assert!(
        err.to_lowercase().contains("certificate") || err.contains("UnknownIssuer"),
        "{err}"
    );
    // The connection opened under A was not dropped: the same agent reuses it (a new
    // handshake would fail, as just seen, since it trusts only A).
    assert_eq!(healthz(&kept, &hub), Ok(200));
    assert_eq!(healthz(&kept, &hub), Ok(200));
}
