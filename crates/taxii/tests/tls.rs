//! Built-in TLS: the hub serves HTTPS from PEM files, and a rustls client that trusts the
//! certificate talks to it; a plain-HTTP request on the TLS port gets no answer.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;

use ward_store::{SqliteStore, Store};
use ward_taxii::{AppState, HubConfig, Tls};

#[test]
fn serves_https_with_pem_files() {
    let dir = tempfile::tempdir().unwrap();
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();

    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&dir.path().join("data")).unwrap());
    let state = AppState::new(store, HubConfig::default()).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let tls = Tls {
        cert: Some(cert_path),
        key: Some(key_path),
    };
    runtime.spawn(async move {
        let result = ward_taxii::serve(state, listener, tls, |_, secure| {
            let _ = tx.send(secure);
        })
        .await;
        if let Err(e) = result {
            eprintln!("serve failed: {e}");
        }
    });
    assert!(rx.recv().unwrap(), "serve should report TLS");

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert.cert.der().clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let config = Arc::new(config);
    let get = |path: &str| {
        let conn = rustls::ClientConnection::new(config.clone(), name.clone()).unwrap();
        let sock = TcpStream::connect(addr).unwrap();
        let mut tls = rustls::StreamOwned::new(conn, sock);
        tls.write_all(
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
        let mut reply = Vec::new();
        // A close_notify-less shutdown is reported as an error after the data; keep what came.
        let _ = tls.read_to_end(&mut reply);
        String::from_utf8_lossy(&reply).into_owned()
    };
    let text = get("/healthz");
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("\"ok\""), "{text}");
    // Over TLS the web interface's cookies are Secure.
    let signin = get("/ui/signin");
    let cookie = signin
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie: ward_signin=")
        })
        .unwrap_or_else(|| panic!("{signin}"));
    assert!(
        cookie.contains("; Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );

    // Plain HTTP on the TLS port is not served.
    let mut plain = TcpStream::connect(addr).unwrap();
    plain
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    plain
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut back = Vec::new();
    let _ = plain.read_to_end(&mut back);
    assert!(!String::from_utf8_lossy(&back).contains("200 OK"));
    runtime.shutdown_background();
}
