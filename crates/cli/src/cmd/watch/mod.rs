//! `ward watch`: follows the logs `watch.toml` names (`ward-member`'s watch module keeps the
//! configuration and the checkpoints), matches every new line against the local intel with
//! the same readers and index as `ward scan`, and writes each match as an alert. The index is
//! rebuilt on a thread of its own when `ward import` or `ward pull` records new intel, and
//! swapped between batches, so following never waits for a rebuild.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use ward_detect::{CollectSink, IndicatorIndex, ScanOptions, Scanner};
use ward_member::watch::config::expand;
use ward_member::watch::{Checkpoint, Followed, WatchConfig};
use ward_member::DataDir;
use ward_store::Store;

use crate::Global;

mod notify;
use notify::{Notifier, NotifyStats};

const LONG_ABOUT: &str = "\
Follow logs and alert on known-bad indicators as lines arrive.

The logs to follow, the alerts file and the health address are read from watch.toml in the \
data folder (`ward watch --check-config` checks it). Each file is followed like `tail -F`: a \
file already there is read from its end, a file that appears later from its start; a rotation \
by rename or by truncation is followed. Where each file stands is kept in the local store, so \
a restart neither repeats alerts nor loses lines.

Every new line is matched as `ward scan` matches it (the format is told per file from its \
first lines). A match is appended as one JSON line to the alerts file and said on standard \
error; the same machine and indicator alert once an hour at most. When `ward import` or \
`ward pull` brings new intel, the index is rebuilt and swapped within seconds.

With [email] or [[webhook]] in watch.toml, alerts are also e-mailed or posted (Teams, Slack, \
JSON): at once when the indicator scores at least [notify] urgent_score, at most \
max_per_hour per channel, and the rest in a daily digest at digest_at. A server that is down \
is retried; /healthz counts notify_sent and notify_failed per channel. [email] weekly_plan \
sends this week's plan once a week.

Stops on Ctrl-C or SIGTERM, keeping where each file stands.";

#[derive(Args, Debug)]
#[command(long_about = LONG_ABOUT, after_long_help = "Examples:\n  ward watch --check-config\n  ward watch")]
pub struct WatchArgs {
    /// Check watch.toml, print what it says, and exit
    #[arg(long)]
    pub check_config: bool,
    /// Run in the foreground with messages on standard error (the only mode for now)
    #[arg(long)]
    pub foreground: bool,
    /// How often each file is checked for new lines, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 500, value_parser = clap::value_parser!(u64).range(50..=10_000))]
    pub poll_ms: u64,
    /// Tests only: send the notification digest every SECS seconds instead of daily at
    /// `digest_at`, so a test need not wait for the clock.
    #[arg(long, value_name = "SECS", hide = true)]
    pub digest_every: Option<u64>,
}

/// Bytes read from a file per batch: bounds memory whatever a file's backlog.
const BATCH_BYTES: usize = 4 << 20;
/// How often the configured globs are listed again for new files.
const RESCAN_EVERY: Duration = Duration::from_secs(2);
/// How often the intel is checked for changes.
const INTEL_EVERY: Duration = Duration::from_secs(2);
/// The same (machine, indicator) alerts once per this long.
const DEDUP_WINDOW: Duration = Duration::from_secs(3600);

/// What `/healthz` reports.
#[derive(Default)]
struct Health {
    files: AtomicU64,
    lines: AtomicU64,
    alerts: AtomicU64,
    indicators: AtomicU64,
    last_intel_load: Mutex<String>,
    notify: std::sync::OnceLock<Arc<NotifyStats>>,
}

pub fn run(args: WatchArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let data = DataDir::new(&global.data);
    let config = data.watch_config()?;
    if args.check_config {
        print_config(&data, &config);
        notify::check_files(&config.notify)?;
        return Ok(ExitCode::SUCCESS);
    }
    if global.database.is_some() {
        anyhow::bail!("--database: ward watch keeps its place in the data folder's own store; run it without --database");
    }
    let store = data.open_store()?;
    let loaded = data.load_local_index(false)?;
    for note in &loaded.notes {
        eprintln!("note: {note}");
    }
    let health = Arc::new(Health::default());
    let mut index = Arc::new(loaded.index);
    intel_loaded(&health, &index);
    eprintln!(
        "watch: {} indicator(s) loaded; alerts go to {}",
        index.stats().indicators,
        config.alerts_file.display()
    );
    if let Some(addr) = config.health_listen {
        let listener = TcpListener::bind(addr)
            .with_context(|| format!("health_listen: cannot listen on {addr}"))?;
        let bound = listener.local_addr().context("health_listen")?;
        eprintln!("watch: health on http://{bound}/healthz");
        let health = health.clone();
        std::thread::spawn(move || serve_health(&listener, &health));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let digest_every = args.digest_every.map(Duration::from_secs);
    let notifier = Notifier::start(
        &data,
        store.clone(),
        &config.notify,
        digest_every,
        stop.clone(),
    )?;
    let _ = health.notify.set(notifier.stats.clone());
    watch_signals(stop.clone())?;
    let intel = spawn_intel_watcher(data.clone(), store.clone(), stop.clone());

    let mut alerts = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&config.alerts_file)
        .with_context(|| {
            format!(
                "{}: cannot open the alerts file",
                config.alerts_file.display()
            )
        })?;
    let mut followed: Vec<Followed> = Vec::new();
    let mut dedup: HashMap<(String, String), Instant> = HashMap::new();
    let mut last_rescan: Option<Instant> = None;
    let poll = Duration::from_millis(args.poll_ms);
    while !stop.load(Ordering::SeqCst) {
        if last_rescan.is_none_or(|t| t.elapsed() >= RESCAN_EVERY) {
            // Files there at the first listing are read from their end; later ones from
            // their start (their lines are new).
            add_new_files(&config, &mut followed, last_rescan.is_none());
            drop_gone_files(&mut followed, &*store);
            // The de-duplication memory holds only what can still suppress an alert.
            dedup.retain(|_, t| t.elapsed() < DEDUP_WINDOW);
            health.files.store(followed.len() as u64, Ordering::Relaxed);
            last_rescan = Some(Instant::now());
        }
        if let Ok(new) = intel.try_recv() {
            index = new;
            intel_loaded(&health, &index);
            eprintln!(
                "watch: intel changed, {} indicator(s) loaded",
                index.stats().indicators
            );
        }
        for f in &mut followed {
            if let Err(e) = follow_one(
                f,
                &index,
                &*store,
                &mut alerts,
                &mut dedup,
                &health,
                &stop,
                &notifier,
            ) {
                eprintln!("watch: {}: {e:#}", f.path.display());
            }
        }
        sleep_unless_stopped(poll, &stop);
    }
    // Checkpoints are saved after every batch; saved once more here so a stop between a
    // batch and its save loses nothing.
    for f in &followed {
        if f.is_open() {
            f.at.save(&*store, &f.path)?;
        }
    }
    alerts.flush().context("alerts file")?;
    notifier.finish(Duration::from_secs(5));
    eprintln!("watch: stopped; where each file stands is saved");
    Ok(ExitCode::SUCCESS)
}

fn print_config(data: &DataDir, config: &WatchConfig) {
    println!("{}: ok", data.watch_config_file().display());
    for pattern in &config.logs {
        // A named file not there yet is followed from its start once it appears.
        let files: Vec<_> = expand(pattern).into_iter().filter(|p| p.exists()).collect();
        println!("  log {}: {} file(s) now", pattern.display(), files.len());
    }
    println!("  alerts to {}", config.alerts_file.display());
    match config.health_listen {
        Some(a) => println!("  health on http://{a}/healthz"),
        None => println!("  no health address (health_listen not set)"),
    }
    for line in notify::describe(&config.notify) {
        println!("  {line}");
    }
}

fn intel_loaded(health: &Health, index: &IndicatorIndex) {
    health
        .indicators
        .store(index.stats().indicators as u64, Ordering::Relaxed);
    if let Ok(mut t) = health.last_intel_load.lock() {
        *t = ward_member::journal::now().to_string();
    }
}

fn add_new_files(config: &WatchConfig, followed: &mut Vec<Followed>, first: bool) {
    for pattern in &config.logs {
        for path in expand(pattern) {
            if !followed.iter().any(|f| f.path == path) {
                // A named file that does not exist yet is followed from its start once it
                // appears.
                let start_at_end = first && path.exists();
                followed.push(Followed::new(path, start_at_end));
            }
        }
    }
}

/// Stops following files whose path is gone (a glob's file rotated away and not
/// recreated): they were read to their last complete line on the previous round, and keeping
/// them open would hold their space on disk and grow the list without end.
fn drop_gone_files(followed: &mut Vec<Followed>, store: &dyn Store) {
    followed.retain(|f| {
        if f.path.exists() {
            return true;
        }
        // A named file not there yet was never opened: nothing to forget.
        if f.is_open() {
            eprintln!("watch: {} is gone; no longer followed", f.path.display());
            if let Err(e) = Checkpoint::forget(store, &f.path) {
                eprintln!("watch: {}: {e}", f.path.display());
            }
        }
        false
    });
}

/// Reads what is new in one file, alerts on it and saves where the file stands after each
/// batch (after its alerts are written, so a crash repeats at most one batch's alerts
/// rather than losing them).
#[allow(clippy::too_many_arguments)] // the loop's state, passed rather than bundled
fn follow_one(
    f: &mut Followed,
    index: &IndicatorIndex,
    store: &dyn Store,
    alerts: &mut File,
    dedup: &mut HashMap<(String, String), Instant>,
    health: &Health,
    stop: &AtomicBool,
    notifier: &Notifier,
) -> anyhow::Result<()> {
    if !f.is_open() {
        let saved = Checkpoint::load(store, &f.path)?;
        if !f.open(saved)? {
            return Ok(());
        }
        eprintln!(
            "watch: following {} from line {}",
            f.path.display(),
            f.at.line + 1
        );
    }
    while !stop.load(Ordering::SeqCst) {
        let Some(batch) = f.poll(BATCH_BYTES)? else {
            break;
        };
        if batch.rotated {
            eprintln!(
                "watch: {} was rotated; reading the new file from its start",
                f.path.display()
            );
        }
        let lines = batch.bytes.iter().filter(|b| **b == b'\n').count() as u64;
        health.lines.fetch_add(lines, Ordering::Relaxed);
        let Some(format) = f.format else {
            f.at.save(store, &f.path)?;
            continue;
        };
        let options = ScanOptions {
            threads: 1,
            format: Some(format),
            ..ScanOptions::default()
        };
        let scanner = Scanner::new(index, options);
        // The file's header lines go first, so a Zeek or CSV line reads by its columns.
        let mut input = f.headers.clone();
        input.extend_from_slice(&batch.bytes);
        let name = f.path.display().to_string();
        let mut sink = CollectSink::default();
        scanner
            .scan(&name, input.as_slice(), &mut sink, &mut |_| {})
            .with_context(|| format!("{name}: reading new lines"))?;
        for (mut alert, _) in sink.alerts {
            let Some(line) = alert.line.checked_sub(f.header_lines).filter(|l| *l > 0) else {
                continue; // a header line repeated from the prefix
            };
            alert.line = batch.lines_before + line;
            let machine = alert
                .device
                .clone()
                .unwrap_or_else(|| "an unknown machine".to_string());
            let key = (machine.clone(), alert.indicator_id.clone());
            if dedup.get(&key).is_some_and(|t| t.elapsed() < DEDUP_WINDOW) {
                continue;
            }
            dedup.insert(key, Instant::now());
            write_alert(alerts, &alert, &machine)?;
            notifier.alert(&alert, &machine);
            health.alerts.fetch_add(1, Ordering::Relaxed);
        }
        f.at.save(store, &f.path)?;
    }
    Ok(())
}

fn write_alert(out: &mut File, alert: &ward_detect::Alert, machine: &str) -> anyhow::Result<()> {
    let now = ward_member::journal::now().to_string();
    let mut value = serde_json::to_value(alert).context("alert")?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("time".into(), now.into());
        obj.insert("machine".into(), machine.into());
    }
    let mut text = serde_json::to_string(&value).context("alert")?;
    text.push('\n');
    // One write per alert, so a reader never sees half a line.
    out.write_all(text.as_bytes()).context("alerts file")?;
    let score = alert
        .score
        .map(|s| format!(", score {s}"))
        .unwrap_or_default();
    eprintln!(
        "ALERT {}:{}{score}: {} Now: find {machine} and check it; block {} at the firewall.",
        alert.file, alert.line, alert.sentence, alert.value
    );
    Ok(())
}

fn sleep_unless_stopped(total: Duration, stop: &AtomicBool) {
    let until = Instant::now() + total;
    while !stop.load(Ordering::SeqCst) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50).min(total));
    }
}

/// Sets `stop` on Ctrl-C or SIGTERM.
fn watch_signals(stop: Arc<AtomicBool>) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .context("starting the signal handler")?;
    std::thread::spawn(move || {
        rt.block_on(async {
            #[cfg(unix)]
            {
                let term = async {
                    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                    {
                        Ok(mut s) => {
                            s.recv().await;
                        }
                        Err(_) => std::future::pending::<()>().await,
                    }
                };
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {},
                    _ = term => {},
                }
            }
            #[cfg(not(unix))]
            {
                let _ = tokio::signal::ctrl_c().await;
            }
        });
        stop.store(true, Ordering::SeqCst);
    });
    Ok(())
}

/// What `ward import` and `ward pull` last recorded: changes when the local intel does.
pub(crate) fn intel_marker(store: &dyn Store) -> String {
    let mut marker = String::new();
    for kind in ["import/", "pull/"] {
        let prefix = format!("{}{kind}", ward_member::journal::JOURNAL_PREFIX);
        if let Ok(entries) = store.settings(&prefix) {
            marker.push_str(&format!("{}|", entries.len()));
            if let Some((key, _)) = entries.last() {
                marker.push_str(key);
            }
        }
    }
    marker
}

/// Rebuilds the index off the following thread when the intel changes and hands it over.
fn spawn_intel_watcher(
    data: DataDir,
    store: Arc<dyn Store>,
    stop: Arc<AtomicBool>,
) -> mpsc::Receiver<Arc<IndicatorIndex>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = intel_marker(&*store);
        while !stop.load(Ordering::SeqCst) {
            sleep_unless_stopped(INTEL_EVERY, &stop);
            let now = intel_marker(&*store);
            if now == seen {
                continue;
            }
            match data.load_local_index(false) {
                Ok(loaded) => {
                    seen = now;
                    if tx.send(Arc::new(loaded.index)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    eprintln!("watch: the new intel could not be loaded, keeping the old: {e}")
                }
            }
        }
    });
    rx
}

fn serve_health(listener: &TcpListener, health: &Health) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let _ = answer_health(stream, health);
    }
}

fn answer_health(stream: TcpStream, health: &Health) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    // The request line only, and at most 8 KiB of it: a client that never ends its line
    // costs nothing but its 5 s.
    let mut reader = BufReader::new(std::io::Read::take(stream.try_clone()?, 8192));
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (status, body) = if method == "GET" && target == "/healthz" {
        let last = health
            .last_intel_load
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default();
        let (notify_sent, notify_failed) =
            health.notify.get().map(|n| n.json()).unwrap_or_default();
        let body = serde_json::json!({
            "status": "ok",
            "files_followed": health.files.load(Ordering::Relaxed),
            "lines_read": health.lines.load(Ordering::Relaxed),
            "alerts": health.alerts.load(Ordering::Relaxed),
            "indicators": health.indicators.load(Ordering::Relaxed),
            "last_intel_load": last,
            "notify_sent": notify_sent,
            "notify_failed": notify_failed,
        });
        ("200 OK", body.to_string())
    } else {
        ("404 Not Found", "{\"status\":\"not found\"}".to_string())
    };
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )?;
    out.flush()
}
