//! A running `ward watch` for the end-to-end tests: started on a data folder with its
//! messages in a file, asked what it said and where it listens, stopped by SIGTERM, killed
//! when dropped. Every wait polls with a deadline, so a failure never hangs.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const WARD: &str = env!("CARGO_BIN_EXE_ward");

/// Polls `check` every 50 ms for at most `secs` seconds.
pub fn wait_secs(what: &str, secs: u64, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Appends `text` to the file at `path` (made when missing).
pub fn append(path: &Path, text: &str) {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
}

/// The alerts file's lines, as JSON.
pub fn alert_lines(data: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(data.join("alerts.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A running `ward watch`, killed when dropped.
pub struct Watch {
    pub child: Child,
    pub stderr: PathBuf,
}

impl Watch {
    /// `ward --data DATA watch --foreground --poll-ms 100 EXTRA...`, its messages into
    /// `stderr`; returns at once.
    pub fn spawn(data: &Path, stderr: &Path, extra: &[&str]) -> Watch {
        let child = Command::new(WARD)
            .arg("--data")
            .arg(data)
            .args(["watch", "--foreground", "--poll-ms", "100"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(fs::File::create(stderr).unwrap()))
            .spawn()
            .unwrap();
        Watch {
            child,
            stderr: stderr.to_path_buf(),
        }
    }

    /// What it has said so far.
    pub fn text(&self) -> String {
        fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    pub fn said(&self, text: &str) -> bool {
        self.text().contains(text)
    }

    /// What follows `prefix` on the first line that starts with it (the address in
    /// `watch: health on http://ADDR/healthz`, say), up to the next space.
    pub fn after(&self, prefix: &str) -> String {
        let text = self.text();
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no line starting {prefix:?} in:\n{text}"));
        line.split_whitespace().next().unwrap_or("").to_string()
    }

    /// The health endpoint's address.
    pub fn health(&self) -> String {
        self.after("watch: health on http://")
            .trim_end_matches("/healthz")
            .to_string()
    }

    /// `GET path` on the health address: the body, after checking the status is 200.
    pub fn get(&self, path: &str) -> String {
        let (status, _, body) = ward_testkit::http(&self.health(), "GET", path, &[], b"").unwrap();
        assert_eq!(status, 200, "{path}");
        String::from_utf8(body).unwrap()
    }

    pub fn healthz(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/healthz")).unwrap()
    }

    /// True once the process has ended.
    pub fn exited(&mut self) -> bool {
        self.child.try_wait().unwrap().is_some()
    }

    /// SIGTERM, and its exit status once it has stopped.
    pub fn terminate(&mut self) -> ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let mut status = None;
        wait_secs("watch to stop on SIGTERM", 20, || {
            status = self.child.try_wait().unwrap();
            status.is_some()
        });
        status.unwrap()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
