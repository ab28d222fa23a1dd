//! medallion (PyPI), the OASIS TAXII 2.1 reference server, as a peer of ward's tests: one API
//! root (`api1`) with one collection, seeded from JSON, on a free loopback port, with its
//! memory backend and HTTP Basic users. Skipped (or failed under `WARD_REQUIRE_PEERS=1`)
//! when the venv has no medallion.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The TAXII 2.1 media type.
pub const TAXII: &str = "application/taxii+json;version=2.1";

/// A running medallion, killed when dropped.
pub struct Medallion {
    child: Child,
    pub port: u16,
    pub collection: String,
}

/// What medallion serves at start.
pub struct Seed<'a> {
    /// The collection's id.
    pub collection: &'a str,
    /// Its objects, and one manifest entry per object (`date_added`, `version`).
    pub objects: Vec<Value>,
    pub manifest: Vec<Value>,
    /// The one user (name, password).
    pub user: (&'a str, &'a str),
    /// Objects a page at most.
    pub page_size: usize,
}

impl Medallion {
    /// Starts medallion on `seed`, its files in `dir`; `None` when it is not installed.
    pub fn start(dir: &Path, seed: Seed<'_>) -> Option<Medallion> {
        let python = crate::python_with("medallion")?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let root = format!("http://127.0.0.1:{port}/api1/");
        let data = json!({
            "/discovery": {"title": "medallion", "default": root, "api_roots": [root]},
            "api1": {
                "information": {"title": "api1", "versions": [TAXII], "max_content_length": 10_000_000},
                "status": [],
                "collections": [{
                    "id": seed.collection, "title": "peer", "can_read": true, "can_write": true,
                    "media_types": ["application/stix+json;version=2.1"],
                    "objects": seed.objects, "manifest": seed.manifest
                }]
            }
        });
        let data_file = dir.join("medallion-data.json");
        std::fs::write(&data_file, data.to_string()).expect("write medallion's data");
        let config = json!({
            "backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                        "filename": data_file, "session_timeout": 900, "check_interval": 30},
            "users": {seed.user.0: seed.user.1},
            "taxii": {"max_page_size": seed.page_size}
        });
        let config_file = dir.join("medallion-config.json");
        std::fs::write(&config_file, config.to_string()).expect("write medallion's config");
        let child = Command::new(&python)
            .args([
                "-c",
                "import sys; from medallion.scripts.run import main; sys.exit(main())",
                "--port",
            ])
            .arg(port.to_string())
            .arg(&config_file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start medallion");
        let server = Medallion {
            child,
            port,
            collection: seed.collection.to_string(),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "medallion did not start"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        Some(server)
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The discovery URL.
    pub fn discovery(&self) -> String {
        format!("http://127.0.0.1:{}/taxii2/", self.port)
    }
}

impl Drop for Medallion {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
