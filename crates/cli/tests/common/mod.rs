//! Helpers shared by the end-to-end tests: a tiny HTTP server on loopback serving fixtures
//! (the internet is never reached), a hub store with one member, and a private CA.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Output;

use std::sync::{Arc, Mutex};
use ward_testkit::Hub;

pub mod member_web;
pub mod watch;

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(env!("CARGO_BIN_EXE_ward")), data, args)
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

/// Answers a request: given the query string and the start of a `Range: bytes=N-` header.
pub type Handler = Box<dyn Fn(&str, Option<usize>) -> (u16, Vec<u8>) + Send>;

/// A tiny HTTP server: each path answers through its handler (given the query string);
/// every request line is logged.
pub struct Server {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Handler>>>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Handler>>> = Arc::default();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, l) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    continue;
                }
                let mut range = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                    if let Some(v) = header.to_ascii_lowercase().strip_prefix("range: bytes=") {
                        range = v.trim().trim_end_matches('-').parse::<usize>().ok();
                    }
                    if header.to_ascii_lowercase().starts_with("apikey:") {
                        l.lock().unwrap().push(format!("header {}", header.trim()));
                    }
                }
                let target = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                l.lock().unwrap().push(target.clone());
                let (path, query) = target.split_once('?').unwrap_or((&target, ""));
                let (status, body) = match r.lock().unwrap().get(path) {
                    Some(h) => h(query, range),
                    None => (404, b"not found".to_vec()),
                };
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        Server { base, routes, log }
    }

    pub fn route(
        &self,
        path: &str,
        h: impl Fn(&str, Option<usize>) -> (u16, Vec<u8>) + Send + 'static,
    ) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_string(), Box::new(h));
    }

    pub fn file(&self, path: &str, body: impl Into<Vec<u8>>) {
        let body = body.into();
        self.route(path, move |_, _| (200, body.clone()));
    }

    pub fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

/// A hub with one organization, one user with a token, and one collection it may write.
pub fn hub_store(data: &Path) -> (String, String) {
    ok(ward(data, &["admin", "init"]));
    ok(ward(data, &["admin", "org", "add", "Clinic"]));
    ok(ward(
        data,
        &["admin", "user", "add", "--org", "Clinic", "alice"],
    ));
    let token = ok(ward(data, &["admin", "token", "create", "--user", "alice"]));
    let collection = ok(ward(
        data,
        &[
            "admin",
            "collection",
            "add",
            "Shared",
            "--read",
            "Clinic",
            "--write",
            "Clinic",
        ],
    ));
    (token.trim().to_string(), collection.trim().to_string())
}

/// A private CA, and a certificate for 127.0.0.1 it signed, written as PEM files.
pub fn private_ca(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Clinic ISAO test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let mut leaf_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    leaf_params.subject_alt_names = vec![SanType::IpAddress("127.0.0.1".parse().unwrap())];
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    let (ca_pem, cert, key) = (dir.join("ca.pem"), dir.join("hub.pem"), dir.join("hub.key"));
    std::fs::write(&ca_pem, ca.pem()).unwrap();
    std::fs::write(&cert, leaf.pem()).unwrap();
    std::fs::write(&key, leaf_key.serialize_pem()).unwrap();
    (ca_pem, cert, key)
}

/// A hub serving TLS with a certificate a private CA signed, its store made by [`hub_store`].
pub struct PrivateCaHub {
    pub hub: Hub,
    /// The CA's certificate (PEM), what `--ca-cert` takes.
    pub ca: PathBuf,
    pub token: String,
    pub collection: String,
}

/// Starts a [`PrivateCaHub`] with its files and store under `dir`.
pub fn private_ca_hub(dir: &Path) -> PrivateCaHub {
    let (ca, cert, key) = private_ca(dir);
    let hub_data = dir.join("hub");
    let (token, collection) = hub_store(&hub_data);
    let hub = Hub::start(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        &hub_data,
        &[],
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    PrivateCaHub {
        hub,
        ca,
        token,
        collection,
    }
}
