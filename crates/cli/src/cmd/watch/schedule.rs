//! The scheduled sources of `ward watch` (`[[pull]]`, `[update]`, `[[feed]]`, `[plan]`), run
//! one at a time on a thread of their own. Each runs the very `ward` command a person would
//! run (`ward pull`, `ward update`, `ward import`, `ward report`) as a child process on the
//! same data folder: a scheduled pull is exactly a manual one, a failing source cannot take
//! the follower down, and the follower picks up new intel the way it does after a manual
//! `ward import` (the journal changes, the index is rebuilt).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use ward_member::watch::schedule::{first_wait, next_wait, Job, Schedule, Source, SourceStatus};
use ward_member::DataDir;
use ward_store::Store;

/// The longest a scheduled command may run before it is stopped (an NVD update from scratch
/// takes tens of minutes).
const UPDATE_TIMEOUT: Duration = Duration::from_secs(3 * 3600);
const OTHER_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// At start, sources due are spread over this much time.
const STARTUP_SPREAD: Duration = Duration::from_secs(5);
/// A downloaded feed larger than this is refused (the largest public lists are tens of MB).
const MAX_FEED_BYTES: u64 = 512 << 20;

/// Each scheduled source's key and status, shared with `/healthz` and `/metrics`.
pub type Statuses = Arc<Mutex<Vec<(String, SourceStatus)>>>;

/// What the follower shares with the scheduler.
pub struct Scheduler {
    /// Set by the follower on an urgent alert: the plan is written again soon.
    pub plan_now: Arc<AtomicBool>,
    /// Each source's key and status, for `/healthz` and `/metrics`.
    pub status: Statuses,
}

/// Starts the scheduler thread. `before_plan` runs just before each plan is made (the
/// follower's findings are written to the journal, so the plan counts them).
pub fn spawn(
    data: DataDir,
    store: Arc<dyn Store>,
    schedule: Schedule,
    stop: Arc<AtomicBool>,
    before_plan: Box<dyn Fn() + Send>,
) -> Scheduler {
    let plan_now = Arc::new(AtomicBool::new(false));
    let status = Arc::new(Mutex::new(
        schedule
            .sources
            .iter()
            .map(|s| {
                let st = SourceStatus::load(&*store, &s.key).unwrap_or_default();
                (s.key.clone(), st)
            })
            .collect(),
    ));
    let scheduler = Scheduler {
        plan_now: plan_now.clone(),
        status: status.clone(),
    };
    if schedule.is_empty() {
        return scheduler;
    }
    std::thread::spawn(move || {
        let runner = Runner {
            data,
            store,
            stop,
            status,
            before_plan,
        };
        runner.run(&schedule, &plan_now);
    });
    scheduler
}

struct Runner {
    data: DataDir,
    store: Arc<dyn Store>,
    stop: Arc<AtomicBool>,
    status: Statuses,
    before_plan: Box<dyn Fn() + Send>,
}

impl Runner {
    fn run(&self, schedule: &Schedule, plan_now: &AtomicBool) {
        let sources = &schedule.sources;
        let start = Instant::now();
        let now_secs = ward_member::journal::now().secs;
        let mut due: Vec<Instant> = sources
            .iter()
            .map(|s| {
                let st = SourceStatus::load(&*self.store, &s.key).unwrap_or_default();
                let since = st
                    .last_success
                    .as_deref()
                    .and_then(|t| ward_stix::Timestamp::parse(t).ok())
                    .map(|t| Duration::from_secs(now_secs.saturating_sub(t.secs).max(0) as u64));
                start + first_wait(s.every, since, STARTUP_SPREAD, random_unit())
            })
            .collect();
        while !self.stop.load(Ordering::SeqCst) {
            if plan_now.swap(false, Ordering::SeqCst) {
                if let Some(i) = sources
                    .iter()
                    .position(|s| matches!(s.job, Job::Plan { .. }))
                {
                    // Alerts within the delay are gathered into one plan.
                    due[i] = due[i].min(Instant::now() + schedule.plan_urgent_delay);
                }
            }
            let now = Instant::now();
            if let Some(i) = (0..sources.len())
                .filter(|&i| due[i] <= now)
                .min_by_key(|&i| due[i])
            {
                let source = &sources[i];
                if matches!(source.job, Job::Plan { .. }) {
                    (self.before_plan)();
                }
                let failures = self.run_one(source);
                due[i] = Instant::now() + next_wait(source.every, failures, random_unit());
                continue;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Runs one source and records how it went; returns its failures in a row.
    fn run_one(&self, source: &Source) -> u32 {
        let mut st = SourceStatus::load(&*self.store, &source.key).unwrap_or_default();
        let at = ward_member::journal::now().to_string();
        match self.job(&source.job, &mut st) {
            Ok(summary) => {
                say!("watch: {}: {summary}", source.key);
                st.succeeded(&at, summary);
            }
            // Cut short by a stop: not a failure of the source, and not recorded as one.
            Err(_) if self.stop.load(Ordering::SeqCst) => return st.failures,
            Err(e) => {
                let wait = next_wait(source.every, st.failures + 1, 0.0);
                say!(
                    "watch: {}: failed: {e}; trying again in about {}",
                    source.key,
                    human(wait)
                );
                st.failed(&at, e);
            }
        }
        if let Err(e) = st.save(&*self.store, &source.key) {
            say!("watch: {}: the status could not be saved: {e}", source.key);
        }
        if let Ok(mut all) = self.status.lock() {
            if let Some(slot) = all.iter_mut().find(|(k, _)| *k == source.key) {
                slot.1 = st.clone();
            }
        }
        st.failures
    }

    fn job(&self, job: &Job, st: &mut SourceStatus) -> Result<String, String> {
        match job {
            Job::Pull {
                from,
                collection,
                token_file,
                ca_cert,
            } => {
                let mut cmd = self.ward();
                cmd.args(["pull", "--from", from, "--collection", collection]);
                if let Some(ca) = ca_cert {
                    cmd.arg("--ca-cert").arg(ca);
                }
                if let Some(file) = token_file {
                    cmd.env("WARD_TOKEN", read_secret(file)?);
                }
                self.child(cmd, OTHER_TIMEOUT)
            }
            Job::Update => {
                let cmd = {
                    let mut c = self.ward();
                    c.arg("update");
                    c
                };
                self.child(cmd, UPDATE_TIMEOUT)
            }
            Job::FeedFile { path, format } => {
                let stamp = file_stamp(path)?;
                if st.file_stamp.as_deref() == Some(stamp.as_str()) {
                    return Ok("unchanged since the last import".into());
                }
                let summary = self.import(path, format.as_deref())?;
                st.file_stamp = Some(stamp);
                Ok(summary)
            }
            Job::FeedUrl {
                url,
                file,
                format,
                ca_cert,
            } => match download(url, file, ca_cert.as_deref(), st)? {
                Downloaded::Unchanged => Ok("unchanged on the server".into()),
                Downloaded::New {
                    etag,
                    last_modified,
                } => {
                    let summary = self.import(file, format.as_deref())?;
                    // Kept only once imported: a failed import is downloaded again.
                    st.etag = etag;
                    st.last_modified = last_modified;
                    Ok(summary)
                }
            },
            Job::Plan { html } => {
                let mut cmd = self.ward();
                cmd.args(["report", "--format", "html", "--out"]).arg(html);
                // `ward report` exits 1 when nothing was checked: the plan is still made
                // and says so; that is not a failure of the schedule.
                self.child_allowing(cmd, OTHER_TIMEOUT, &[0, 1])
                    .map(|s| format!("plan written to {} ({s})", html.display()))
            }
        }
    }

    fn import(&self, path: &Path, format: Option<&str>) -> Result<String, String> {
        let mut cmd = self.ward();
        cmd.arg("import").arg(path);
        if let Some(f) = format {
            cmd.args(["--format", f]);
        }
        self.child(cmd, OTHER_TIMEOUT)
    }

    /// `ward --data DIR` as a child process.
    fn ward(&self) -> Command {
        let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("ward"));
        let mut cmd = Command::new(exe);
        cmd.arg("--data").arg(self.data.root());
        cmd
    }

    fn child(&self, cmd: Command, timeout: Duration) -> Result<String, String> {
        self.child_allowing(cmd, timeout, &[0])
    }

    /// Runs a child to its end (or the timeout, or a stop); `Ok` is the last line it printed
    /// on standard output, `Err` the last line on standard error.
    fn child_allowing(
        &self,
        mut cmd: Command,
        timeout: Duration,
        ok_codes: &[i32],
    ) -> Result<String, String> {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start ward: {e}"))?;
        // Both pipes drained on threads, so a chatty child never blocks on a full pipe.
        let out = drain(child.stdout.take());
        let err = drain(child.stderr.take());
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(s)) => break s,
                Ok(None) => {}
                Err(e) => return Err(format!("waiting for ward: {e}")),
            }
            if self.stop.load(Ordering::SeqCst) || started.elapsed() > timeout {
                let _ = child.kill();
                let _ = child.wait();
                return Err(if self.stop.load(Ordering::SeqCst) {
                    "stopped with ward watch".into()
                } else {
                    format!("stopped after {}", human(timeout))
                });
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let out = out.join().unwrap_or_default();
        let err = err.join().unwrap_or_default();
        match status.code() {
            Some(c) if ok_codes.contains(&c) => Ok(last_line(&out).unwrap_or("done").to_string()),
            _ => Err(last_line(&err)
                .or_else(|| last_line(&out))
                .map_or_else(|| format!("ward exited with {status}"), str::to_string)),
        }
    }
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(mut p) = pipe {
            // Only the end is kept for the status line; a bound keeps a runaway child cheap.
            let mut buf = [0u8; 8192];
            while let Ok(n) = p.read(&mut buf) {
                if n == 0 {
                    break;
                }
                text.extend_from_slice(&buf[..n]);
                if text.len() > 64 << 10 {
                    text.drain(..text.len() - (32 << 10));
                }
            }
        }
        String::from_utf8_lossy(&text).into_owned()
    })
}

fn last_line(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .map(|l| l.strip_prefix("ward: ").unwrap_or(l))
}

/// A secret kept in a file (a token): its first line, trimmed.
fn read_secret(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("token_file {}: cannot read: {e}", path.display()))?;
    let token = text.lines().next().unwrap_or("").trim().to_string();
    if token.is_empty() {
        return Err(format!("token_file {}: empty", path.display()));
    }
    Ok(token)
}

/// Size and modification time, to tell a feed file that changed.
fn file_stamp(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|m| m.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(format!("{} {modified}", meta.len()))
}

enum Downloaded {
    Unchanged,
    New {
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Downloads a feed into `file` (through a temporary file, so a failed download leaves the
/// last good copy), asking the server to skip an unchanged one (`If-None-Match`,
/// `If-Modified-Since`).
fn download(
    url: &str,
    file: &Path,
    ca_cert: Option<&Path>,
    st: &SourceStatus,
) -> Result<Downloaded, String> {
    let agent = ward_feeds::net::agent_builder(ca_cert)
        .map_err(|e| e.to_string())?
        .timeout_connect(Duration::from_secs(30))
        .timeout_read(Duration::from_secs(120))
        .build();
    let mut request = agent.get(url);
    // A kept ETag is only trusted while the file it describes is still there.
    if file.exists() {
        if let Some(tag) = &st.etag {
            request = request.set("If-None-Match", tag);
        }
        if let Some(lm) = &st.last_modified {
            request = request.set("If-Modified-Since", lm);
        }
    }
    let response = match request.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(code, _)) => {
            return Err(format!("{url}: the server answered HTTP {code}"))
        }
        Err(ureq::Error::Transport(t)) => {
            return Err(format!(
                "{url}: {}",
                ward_feeds::net::explain_transport(url, &t).0
            ))
        }
    };
    if response.status() == 304 {
        return Ok(Downloaded::Unchanged);
    }
    let etag = response.header("ETag").map(str::to_string);
    let last_modified = response.header("Last-Modified").map(str::to_string);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let tmp = file.with_extension("part");
    let mut out = std::fs::File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let copied = std::io::copy(
        &mut response.into_reader().take(MAX_FEED_BYTES + 1),
        &mut out,
    )
    .map_err(|e| format!("{url}: the download stopped: {e}"))?;
    if copied > MAX_FEED_BYTES {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!(
            "{url}: larger than {} MB; not imported",
            MAX_FEED_BYTES >> 20
        ));
    }
    drop(out);
    std::fs::rename(&tmp, file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Downloaded::New {
        etag,
        last_modified,
    })
}

/// A uniform number in [0, 1) from the system's randomness (through a v4 UUID).
fn random_unit() -> f64 {
    (uuid::Uuid::new_v4().as_u128() >> 75) as f64 / (1u64 << 53) as f64
}

/// A wait in words: `45 s`, `12 min`, `3 h`.
fn human(d: Duration) -> String {
    let s = d.as_secs();
    if s < 120 {
        format!("{s} s")
    } else if s < 7200 {
        format!("{} min", s / 60)
    } else {
        format!("{} h", s / 3600)
    }
}
