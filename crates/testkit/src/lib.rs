//! Test support shared by every crate's tests, so that each rule exists once: how an outside
//! peer (Python tools, Chromium, Suricata, PostgreSQL) is found, what happens when it is
//! missing (skip with a message, or fail when CI sets `WARD_REQUIRE_PEERS=1`), and how a real
//! `ward serve` is started on a free loopback port and stopped.
//!
//! Only tests use this crate; it must never become a dependency of product code.

pub mod medallion;
pub mod misp;
pub mod webdriver;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// Whether CI asked for every peer to be present.
pub fn peers_required() -> bool {
    std::env::var("WARD_REQUIRE_PEERS").as_deref() == Ok("1")
}

/// A peer is missing: fails the test when peers are required, else says the test is skipped.
pub fn missing_peer(why: &str) {
    if peers_required() {
        panic!("WARD_REQUIRE_PEERS=1 but {why} (run scripts/test, or .ci/run for system tools)");
    }
    eprintln!("skipped: {why}");
}

/// The workspace root (where `.venv` lives).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Python of the project venv: `$WARD_PYTHON`, else `<workspace>/.venv/bin/python`.
pub fn python() -> Option<PathBuf> {
    let path = std::env::var_os("WARD_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(".venv/bin/python"));
    if path.exists() {
        return Some(path);
    }
    missing_peer(&format!(
        "no Python venv with the peers at {}",
        path.display()
    ));
    None
}

/// The venv Python, when it can import `module`.
pub fn python_with(module: &str) -> Option<PathBuf> {
    let path = python()?;
    let ok = Command::new(&path)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(path);
    }
    missing_peer(&format!("{} cannot import {module}", path.display()));
    None
}

/// A program on PATH (or at one of `extra` paths).
pub fn tool(name: &str, extra: &[&str]) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    let found = on_path.or_else(|| extra.iter().map(PathBuf::from).find(|p| p.is_file()));
    if found.is_none() {
        missing_peer(&format!("{name} is not installed"));
    }
    found
}

/// Runs `WARD --data DATA ARGS` with nothing on standard input.
pub fn run(ward: &Path, data: &Path, args: &[&str]) -> Output {
    run_on(
        ward,
        &[std::ffi::OsStr::new("--data"), data.as_os_str()],
        args,
    )
}

/// Runs `WARD STORE ARGS` with nothing on standard input, `STORE` naming the store
/// (`--data DIR` or `--database URL`).
pub fn run_on<S: AsRef<std::ffi::OsStr>>(ward: &Path, store: &[S], args: &[&str]) -> Output {
    Command::new(ward)
        .args(store)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run ward")
}

/// The trimmed standard output of a command that must have succeeded.
pub fn stdout_of(out: Output) -> String {
    assert!(
        out.status.success(),
        "ward failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf8")
        .trim()
        .to_string()
}

/// A running `ward serve` on a free loopback port, killed when dropped.
pub struct Hub {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// What the hub writes on standard error, when [`Hub::start_captured`] started it.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Hub {
    /// Starts `WARD --data DATA [global args] serve --listen 127.0.0.1:0 [serve args]` and
    /// waits for its `listening on http://ADDR` line.
    pub fn start(ward: &Path, data: &Path, global: &[&str], serve: &[&str]) -> Hub {
        Self::spawn(ward, data, global, serve, false)
    }

    /// [`Hub::start`], keeping what the hub writes on standard error for
    /// [`Hub::terminate`] to return.
    pub fn start_captured(ward: &Path, data: &Path, global: &[&str], serve: &[&str]) -> Hub {
        Self::spawn(ward, data, global, serve, true)
    }

    fn spawn(ward: &Path, data: &Path, global: &[&str], serve: &[&str], capture: bool) -> Hub {
        let mut child = Command::new(ward)
            .arg("--data")
            .arg(data)
            .args(global)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(serve)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(if capture {
                Stdio::piped()
            } else {
                Stdio::inherit()
            })
            .spawn()
            .expect("spawn ward serve");
        let stderr = child.stderr.take().map(|mut pipe| {
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = pipe.read_to_string(&mut text);
                text
            })
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the hub's listening line");
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .or_else(|| line.trim().strip_prefix("listening on https://"))
            .unwrap_or_else(|| panic!("unexpected first line from ward serve: {line:?}"))
            .to_string();
        Hub {
            child,
            addr,
            stderr,
        }
    }

    /// Sends SIGTERM (an operator's stop) and waits, at most 60 s, for the hub to end;
    /// returns its exit status and, when started with [`Hub::start_captured`], its standard
    /// error. A hub still running after that is killed and the test fails.
    pub fn terminate(&mut self) -> (std::process::ExitStatus, String) {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -TERM failed");
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for the hub") {
                break status;
            }
            if std::time::Instant::now() > deadline {
                self.kill();
                panic!("the hub did not stop within 60 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let stderr = self
            .stderr
            .take()
            .map(|t| t.join().unwrap_or_default())
            .unwrap_or_default();
        (status, stderr)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The process id (for kill -9 tests).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the hub at once (SIGKILL) and waits for it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The `action` of every `method="post"` form of an HTML page, sorted, each once (for tests
/// that post every form a page shows).
pub fn post_form_actions(html: &str) -> Vec<String> {
    let mut actions: Vec<String> = html
        .split("<form ")
        .skip(1)
        .filter(|f| f.starts_with("method=\"post\""))
        .filter_map(|f| f.split("action=\"").nth(1)?.split('"').next())
        .map(str::to_string)
        .collect();
    actions.sort();
    actions.dedup();
    actions
}

/// Status, headers (names lower-cased) and body.
pub type HttpReply = (u16, Vec<(String, String)>, Vec<u8>);

/// One HTTP/1.1 exchange over a fresh connection: (status, headers lower-cased, body). The
/// `Host` header names `addr` unless `headers` gives one.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<HttpReply> {
    exchange(TcpStream::connect(addr)?, addr, method, path, headers, body)
}

/// [`http`] from the local address `source` (such as 127.0.0.2, any of 127.0.0.0/8 on
/// Linux): the connection is bound to it before it connects, so the server sees that
/// client address.
pub fn http_from(
    source: std::net::IpAddr,
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<HttpReply> {
    use std::net::{SocketAddr, ToSocketAddrs};
    let to = addr
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| std::io::Error::other(format!("{addr}: no address")))?;
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(to),
        socket2::Type::STREAM,
        Some(socket2::Protocol::TCP),
    )?;
    socket.bind(&SocketAddr::new(source, 0).into())?;
    socket.connect(&to.into())?;
    exchange(socket.into(), addr, method, path, headers, body)
}

fn exchange(
    mut stream: TcpStream,
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<HttpReply> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    // The caller's own Host header, when it gives one, instead of the address.
    let host = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("host"))
        .map_or(addr, |(_, v)| *v);
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("host"))
    {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end"))?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok((status, headers, raw[split + 4..].to_vec()))
}
