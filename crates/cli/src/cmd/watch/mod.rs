//! `ward watch`: follows the logs `watch.toml` names (`ward-member`'s watch module keeps the
//! configuration and the checkpoints), matches every new line against the local intel with
//! the same readers and index as `ward scan`, and writes each match as an alert. The index is
//! rebuilt on a thread of its own when `ward import` or `ward pull` records new intel, and
//! swapped between batches, so following never waits for a rebuild.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use ward_detect::{CollectSink, IndicatorIndex, ScanOptions, Scanner};
use ward_member::watch::config::expand;
use ward_member::watch::schedule::Job;
use ward_member::watch::{Checkpoint, Followed, WatchConfig};
use ward_member::DataDir;
use ward_store::Store;

use crate::Global;

/// Writes one message of the running service on standard error: a plain line with
/// `--foreground` or on a terminal, otherwise one JSON line (`time`, `level`, `msg`) for a
/// journal or a log shipper. Every message of watch goes through it.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cmd::watch::say_line(format_args!($($arg)*))
    };
}

mod alerts;
mod dedup;
mod edl;
mod firewall;
mod metrics;
mod notify;
mod recent;
mod record;
mod schedule;
mod share;
mod syslog;
mod udp_buffer;
mod vendors;
mod web;

use notify::{Notifier, NotifyStats};
use record::Findings;

pub(crate) const LONG_ABOUT: &str = "\
Follow logs and alert on known-bad indicators as lines arrive; keep the intel, the plan and the \
firewalls' block lists current.

Everything is set in watch.toml in the data folder (`ward watch --check-config` checks it and \
prints an example when it is missing).

Logs ([[logs]] path): each file is followed like `tail -F`: a file already there is read from \
its end, a file that appears later from its start; a rotation by rename or by truncation is \
followed; compressed rotated files are skipped. Where each file stands is kept in the local \
store, so a restart (even after a crash) neither repeats alerts nor loses lines.

Syslog ([[syslog]] listen = \"udp://0.0.0.0:514\", or tcp://, or tls:// with tls_cert and \
tls_key): RFC 3164 and RFC 5424 messages, octet-counted or newline-delimited on TCP, matched as \
`ward scan` matches the line rsyslog would have written; the alert adds `syslog_from`.

Alerts: every new line is matched as `ward scan` matches it. A match is one JSON line in the \
alerts file and a message on standard error; the same machine and indicator alert once an hour \
at most. What was read and found is written to the record, so `ward report` counts it.

Intel on a schedule ([[pull]], [update], [[feed]]): hub collections pulled, vulnerability data \
updated, feed files and URLs imported again when they change, each by the same command a person \
runs, spread at random, retried with a growing delay after failures; `ward watch --status` says \
when each last succeeded. New intel reaches the index within seconds ([plan]: the plan is \
written again on its schedule and soon after an urgent alert).

Firewalls ([firewall_lists]): the block lists served over HTTPS, each firewall with its own \
token from `ward watch firewall add NAME`; ETag and If-None-Match spare unchanged downloads.

E-mail and chat ([email], [[webhook]], [notify]): alerts e-mailed or posted (Teams, Slack, \
JSON) at once when the indicator scores at least urgent_score, at most max_per_hour per \
channel, the rest in a daily digest at digest_at; a server that is down is retried; [email] \
weekly_plan sends this week's plan once a week.

Sharing back ([share], off by default): the indicators that alerted, as sightings counts (no \
machine, address or path), scrubbed with your organization profile, queued for `ward share \
queue approve` or sent.

Web pages ([web] listen = \"127.0.0.1:8765\"): this week's plan with mark done and not \
applicable, alerts (filtered, a page at a time), devices and an inventory upload with a preview, \
the share approval queue and coverage, in a browser. Off loopback a password is required \
(`ward watch web-password`); tls_cert and tls_key serve HTTPS.

Health: GET /healthz and /metrics (Prometheus) on health_listen. Messages are plain lines with \
--foreground or on a terminal, JSON lines otherwise. Stops on Ctrl-C or SIGTERM, keeping where \
each file stands.";

#[derive(Args, Debug)]
#[command(long_about = LONG_ABOUT, after_long_help = "Examples:\n  ward watch --check-config\n  ward watch\n  ward watch firewall add pa-hq")]
pub struct WatchArgs {
    #[command(subcommand)]
    pub command: Option<WatchCommand>,
    /// Check watch.toml, print what it says, and exit
    #[arg(long)]
    pub check_config: bool,
    /// Say when each scheduled source (pull, update, feed, plan) last succeeded, and exit
    #[arg(long, conflicts_with = "check_config")]
    pub status: bool,
    /// Messages as plain lines on standard error (the default on a terminal); without it,
    /// and not on a terminal, each message is one JSON line (time, level, msg)
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

/// `ward watch` alone runs the service; these manage what it serves.
#[derive(clap::Subcommand, Debug)]
pub enum WatchCommand {
    /// Tokens for the firewalls that fetch the block lists (`[firewall_lists]`)
    #[command(subcommand)]
    Firewall(firewall::FirewallCommand),
    /// The alerts watch raised, as kept in the local store (90 days)
    Alerts(alerts::AlertsArgs),
    /// Set the password of the web pages ([web]): read from standard input, kept as an
    /// argon2id hash in the local store; required when [web] listens beyond loopback
    WebPassword(WebPasswordArgs),
}

#[derive(Args, Debug)]
#[command(
    after_long_help = "Examples:\n  ward watch web-password            (type the password, then Enter)\n  ward watch web-password --remove"
)]
pub struct WebPasswordArgs {
    /// Remove the password: the pages then answer on loopback only, without sign-in
    #[arg(long)]
    pub remove: bool,
}

/// The shortest password the web pages accept.
const MIN_PASSWORD: usize = 12;

fn web_password(args: &WebPasswordArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let data = DataDir::new(&global.data);
    let store = data.open_store()?;
    if args.remove {
        ward_member::watch::web::set_password(&*store, None)?;
        println!(
            "The web pages' password is removed; they answer on loopback only, without sign-in."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.chars().count() < MIN_PASSWORD {
        anyhow::bail!(
            "web-password: expected a password of at least {MIN_PASSWORD} characters on standard input"
        );
    }
    ward_member::watch::web::set_password(&*store, Some(password))?;
    println!(
        "The web pages' password is set (only its hash is kept); sign-in is now required, and sessions signed in before are ended."
    );
    Ok(ExitCode::SUCCESS)
}

/// Bytes read from a file per batch: bounds memory whatever a file's backlog.
const BATCH_BYTES: usize = 4 << 20;
/// How often the configured globs are listed again for new files.
const RESCAN_EVERY: Duration = Duration::from_secs(2);
/// How often the intel is checked for changes.
const INTEL_EVERY: Duration = Duration::from_secs(2);
/// The same (machine, indicator) alerts once per this long.
const DEDUP_WINDOW: Duration = Duration::from_secs(3600);

/// True when messages are JSON lines (see `say!`).
static JSON_LOGS: AtomicBool = AtomicBool::new(false);

/// One message, as `say!` writes it.
pub(crate) fn say_line(args: std::fmt::Arguments<'_>) {
    let text = args.to_string();
    if JSON_LOGS.load(Ordering::Relaxed) {
        let line = serde_json::json!({
            "time": ward_member::journal::now().to_string(),
            "level": level_of(&text),
            "msg": text,
        });
        eprintln!("{line}");
    } else {
        eprintln!("{text}");
    }
}

/// The level of a message, from what it says: an alert, a failure, or news.
fn level_of(text: &str) -> &'static str {
    let lower = text.to_ascii_lowercase();
    if text.starts_with("ALERT ") {
        "alert"
    } else if ["failed", "could not", "cannot", "refused", "error"]
        .iter()
        .any(|w| lower.contains(w))
    {
        "warn"
    } else {
        "info"
    }
}

/// What `/healthz` and `/metrics` report, and what the follower shares with the scheduler.
#[derive(Default)]
struct Health {
    files: AtomicU64,
    /// Files a `[[logs]]` path matches beyond `max_files`: not read, and said so.
    files_not_followed: AtomicU64,
    lines: AtomicU64,
    alerts: AtomicU64,
    /// Entries in the de-duplication memory (machine and indicator alerted within the window).
    dedup_entries: AtomicU64,
    /// Entries dropped from it before their window ended, its size bound reached.
    dedup_evicted: AtomicU64,
    indicators: AtomicU64,
    last_intel_load: Mutex<String>,
    /// Lines read per source (a file's path), for `/metrics`.
    lines_by_source: Mutex<HashMap<String, u64>>,
    /// Bytes not yet read per followed file.
    lag_by_source: Mutex<HashMap<String, u64>>,
    /// The scheduled sources and how each last went.
    sources: Option<schedule::Statuses>,
    /// What was read and found, written to the record for the plan.
    findings: Arc<Mutex<Findings>>,
    /// Set on an alert of at least `urgent_score`: the plan is written again soon.
    plan_now: Option<(u8, Arc<AtomicBool>)>,
    /// Each `[[syslog]]` listener's counts.
    syslog: Vec<Arc<syslog::Counts>>,
    /// Alerts counted for sharing back (`[share]`; counts nothing when it is off).
    sightings: share::Sightings,
    notify: std::sync::OnceLock<Arc<NotifyStats>>,
    /// Where each alert is kept besides the alerts file, and the alerts written so far by
    /// this run (to order alerts of the same second).
    store: Option<Arc<dyn Store>>,
    alert_seq: AtomicU64,
    /// Hands alerts to the e-mail and webhook delivery thread (`None` once stopped).
    notifier: Mutex<Option<Notifier>>,
}

pub fn run(args: WatchArgs, global: &Global) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(WatchCommand::Firewall(command)) => return firewall::run(command, global),
        Some(WatchCommand::Alerts(a)) => return alerts::run(&a, global),
        Some(WatchCommand::WebPassword(a)) => return web_password(&a, global),
        None => {}
    }
    use std::io::IsTerminal;
    JSON_LOGS.store(
        !args.foreground && !std::io::stderr().is_terminal(),
        Ordering::Relaxed,
    );
    let data = DataDir::new(&global.data);
    let config = data.watch_config()?;
    if args.check_config {
        syslog::check_files(&config.syslog)?;
        print_config(&data, &config);
        notify::check_files(&config.notify)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.status {
        return print_status(&data, &config, global);
    }
    if global.database.is_some() {
        anyhow::bail!("--database: ward watch keeps its place in the data folder's own store; run it without --database");
    }
    // A ceiling on SQLite's memory for the whole process, before the store's connections
    // open: their page caches otherwise fill slowly over days as more of a large store is
    // read, which is bounded but never flat.
    ward_store::limit_sqlite_memory(config.store_memory_mb << 20);
    let store = data.open_store()?;
    if let Err(e) = ward_member::watch::alerts::prune(&*store, ward_member::journal::now().secs) {
        say!("watch: old alerts could not be dropped from the store: {e}");
    }
    // Before the index loads: a listener that cannot start is said at once.
    let mut syslog = syslog::start(&config.syslog)?;
    let fetches_intel = config.schedule.sources.iter().any(|s| {
        matches!(
            s.job,
            Job::Pull { .. } | Job::FeedFile { .. } | Job::FeedUrl { .. }
        )
    });
    let loaded = match data.load_local_index(false) {
        Ok(loaded) => loaded,
        // With intel on its way from the schedule, watch starts empty and loads it as it
        // arrives; without, there is nothing to match and that is said.
        Err(ward_member::MemberError::NoIndicators { .. }) if fetches_intel => {
            say!("watch: no intel yet; the scheduled pulls and feeds will bring it");
            ward_member::LoadedIndex {
                index: ward_detect::IndexBuilder::new(ward_detect::BuildOptions::default())
                    .finish()
                    .0,
                notes: Vec::new(),
                from_cache: false,
            }
        }
        Err(e) => return Err(e.into()),
    };
    for note in &loaded.notes {
        say!("note: {note}");
    }
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(stop.clone())?;
    let digest_every = args.digest_every.map(Duration::from_secs);
    let notifier = Notifier::start(
        &data,
        store.clone(),
        &config.notify,
        digest_every,
        stop.clone(),
    )?;
    let notify_stats = notifier.stats.clone();
    let sightings = share::start(&data, &config, store.clone(), stop.clone())?;
    let findings = Arc::new(Mutex::new(Findings::new()));
    let journal = ward_member::journal::Journal::new(store.clone());
    // Before each plan, what watch found so far goes to the record the plan reads.
    let before_plan = {
        let findings = findings.clone();
        let journal = ward_member::journal::Journal::new(store.clone());
        Box::new(move || write_findings(&findings, &journal, true))
    };
    let scheduler = schedule::spawn(
        data.clone(),
        store.clone(),
        config.schedule.clone(),
        stop.clone(),
        before_plan,
    );
    let health = Arc::new(Health {
        sources: Some(scheduler.status),
        findings: findings.clone(),
        plan_now: config
            .schedule
            .plan_urgent_score
            .map(|score| (score, scheduler.plan_now)),
        syslog: syslog.counts.clone(),
        sightings,
        store: Some(store.clone()),
        notify: std::sync::OnceLock::from(notify_stats),
        notifier: Mutex::new(Some(notifier)),
        ..Health::default()
    });
    let from_cache = loaded.from_cache;
    let mut index = Arc::new(loaded.index);
    intel_loaded(&health, &index);
    say!(
        "watch: {} indicator(s) loaded{}; alerts go to {}",
        index.stats().indicators,
        if from_cache { " (from the cache)" } else { "" },
        config.alerts_file.display()
    );
    if let Some(addr) = config.health_listen {
        let listener = TcpListener::bind(addr)
            .with_context(|| format!("health_listen: cannot listen on {addr}"))?;
        let bound = listener.local_addr().context("health_listen")?;
        say!("watch: health on http://{bound}/healthz");
        let health = health.clone();
        std::thread::spawn(move || serve_health(&listener, &health));
    }
    if let Some(lists) = &config.firewall_lists {
        edl::start(lists, &data, store.clone(), stop.clone())?;
    }
    if let Some(pages) = &config.web {
        let (bound, scheme) = web::start(pages, &data, store.clone(), &config, health.clone())?;
        say!("watch: web pages on {scheme}://{bound}/");
    }
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
    // What was alerted within the window before a restart is not alerted again.
    let mut dedup = dedup::Dedup::new(DEDUP_WINDOW, config.dedup_max_entries);
    let mut recent: Vec<_> = recent::recent_alerts(&config.alerts_file, DEDUP_WINDOW)
        .into_iter()
        .collect();
    recent.sort_by_key(|(_, at)| *at);
    for (key, at) in recent {
        dedup.insert_at(key, at);
    }
    let mut last_rescan: Option<Instant> = None;
    let mut not_followed: HashSet<PathBuf> = HashSet::new();
    let poll = Duration::from_millis(args.poll_ms);
    while !stop.load(Ordering::SeqCst) {
        if last_rescan.is_none_or(|t| t.elapsed() >= RESCAN_EVERY) {
            // Files there at the first listing are read from their end; later ones from
            // their start (their lines are new).
            drop_gone_files(&mut followed, &*store, &health);
            add_new_files(
                &config,
                &mut followed,
                last_rescan.is_none(),
                &mut not_followed,
            );
            health
                .files_not_followed
                .store(not_followed.len() as u64, Ordering::Relaxed);
            // The de-duplication memory holds only what can still suppress an alert.
            dedup.prune();
            health.files.store(followed.len() as u64, Ordering::Relaxed);
            last_rescan = Some(Instant::now());
        }
        if let Ok(new) = intel.try_recv() {
            index = new;
            intel_loaded(&health, &index);
            say!(
                "watch: intel changed, {} indicator(s) loaded",
                index.stats().indicators
            );
            if let Err(e) = vendors::check(&data, &store, &mut alerts, &mut dedup, &health) {
                say!("watch: the vendors you depend on could not be checked: {e:#}");
            }
        }
        for f in &mut followed {
            if let Err(e) = follow_one(f, &index, &*store, &mut alerts, &mut dedup, &health, &stop)
            {
                say!("watch: {}: {e:#}", f.path.display());
            }
        }
        write_findings(&findings, &journal, false);
        if let Err(e) = syslog.process(&index, &mut alerts, &mut dedup, &health) {
            say!("watch: {e:#}");
        }
        health
            .dedup_entries
            .store(dedup.entries() as u64, Ordering::Relaxed);
        health
            .dedup_evicted
            .store(dedup.evicted(), Ordering::Relaxed);
        syslog.wait(poll, &stop);
    }
    // Checkpoints are saved after every batch; saved once more here so a stop between a
    // batch and its save loses nothing.
    for f in &followed {
        if f.is_open() {
            f.at.save(&*store, &f.path)?;
        }
    }
    alerts.flush().context("alerts file")?;
    write_findings(&findings, &journal, true);
    // What waits for the digest is sent now, within a few seconds.
    let notifier = health.notifier.lock().ok().and_then(|mut n| n.take());
    if let Some(notifier) = notifier {
        notifier.finish(Duration::from_secs(5));
    }
    say!("watch: stopped; where each file stands is saved");
    Ok(ExitCode::SUCCESS)
}

fn print_config(data: &DataDir, config: &WatchConfig) {
    println!("{}: ok", data.watch_config_file().display());
    for pattern in &config.logs {
        // A named file not there yet is followed from its start once it appears.
        let files: Vec<_> = expand(pattern).into_iter().filter(|p| p.exists()).collect();
        println!("  log {}: {} file(s) now", pattern.display(), files.len());
    }
    syslog::print_config(&config.syslog);
    println!("  alerts to {}", config.alerts_file.display());
    match config.health_listen {
        Some(a) => println!("  health on http://{a}/healthz and /metrics"),
        None => println!("  no health address (health_listen not set)"),
    }
    for s in &config.schedule.sources {
        println!("  {} every {} s", s.key, s.every.as_secs());
    }
    match &config.web {
        Some(w) => println!(
            "  web pages on {}://{}/ (at most {} connections at once)",
            if w.tls.is_some() { "https" } else { "http" },
            w.listen,
            w.max_connections
        ),
        None => println!("  no web pages ([web] not set)"),
    }
    match &config.firewall_lists {
        Some(lists) => println!("  {}", edl::describe(lists)),
        None => println!("  no firewall block lists ([firewall_lists] not set)"),
    }
    for line in notify::describe(&config.notify) {
        println!("  {line}");
    }
    share::print_config(data, config);
}

/// `ward watch --status`: each scheduled source, when it last ran and succeeded, and why it
/// last failed. Exit 1 when a source is failing or has never succeeded.
fn print_status(data: &DataDir, config: &WatchConfig, global: &Global) -> anyhow::Result<ExitCode> {
    let store = data.open_store()?;
    let mut rows = Vec::new();
    let mut healthy = true;
    for source in &config.schedule.sources {
        let st = ward_member::watch::schedule::SourceStatus::load(&*store, &source.key)?;
        healthy &= st.failures == 0 && st.last_success.is_some();
        rows.push((source, st));
    }
    if global.json {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|(s, st)| {
                serde_json::json!({
                    "source": s.key,
                    "every_seconds": s.every.as_secs(),
                    "last_attempt": st.last_attempt,
                    "last_success": st.last_success,
                    "last_error": st.last_error,
                    "failures": st.failures,
                    "summary": st.summary,
                })
            })
            .collect();
        println!("{}", serde_json::json!({ "sources": list }));
    } else if rows.is_empty() {
        println!(
            "no scheduled source in {} ([[pull]], [update], [[feed]], [plan])",
            data.watch_config_file().display()
        );
    } else {
        for (s, st) in &rows {
            let state = match (&st.last_error, &st.last_success) {
                (Some(e), _) => format!("FAILING ({} in a row): {e}", st.failures),
                (None, Some(_)) => format!("ok: {}", st.summary.as_deref().unwrap_or("done")),
                (None, None) => "not run yet".to_string(),
            };
            println!("{}", s.key);
            println!("  {state}");
            println!(
                "  last success {}; last attempt {}",
                st.last_success.as_deref().unwrap_or("never"),
                st.last_attempt.as_deref().unwrap_or("never")
            );
        }
    }
    Ok(if healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn intel_loaded(health: &Health, index: &IndicatorIndex) {
    health
        .indicators
        .store(index.stats().indicators as u64, Ordering::Relaxed);
    if let Ok(mut t) = health.last_intel_load.lock() {
        *t = ward_member::journal::now().to_string();
    }
}

/// Follows the files the `[[logs]]` paths match that are not followed yet, up to
/// `max_files` at once. Files past the limit are said once each on standard error and
/// counted in `/healthz` (`files_not_followed`) while they exist: never read, never
/// counted as checked. A slot freed by a file that is gone goes to the next one.
fn add_new_files(
    config: &WatchConfig,
    followed: &mut Vec<Followed>,
    first: bool,
    not_followed: &mut HashSet<PathBuf>,
) {
    let mut still_refused = HashSet::new();
    for pattern in &config.logs {
        for path in expand(pattern) {
            if followed.iter().any(|f| f.path == path) {
                continue;
            }
            if followed.len() >= config.max_files {
                if !not_followed.contains(&path) {
                    say!(
                        "watch: {} is not followed: {} files are already (max_files in watch.toml); its lines are not checked",
                        path.display(),
                        config.max_files
                    );
                }
                still_refused.insert(path);
                continue;
            }
            // A named file that does not exist yet is followed from its start once it
            // appears; one refused before for the limit, from its start too (its lines
            // were never read).
            let start_at_end = first && path.exists();
            let start_at_end = start_at_end && !not_followed.contains(&path);
            followed.push(Followed::new(path, start_at_end));
        }
    }
    *not_followed = still_refused;
}

/// Stops following files whose path is gone (a glob's file rotated away and not
/// recreated): they were read to their last complete line on the previous round, and keeping
/// them open would hold their space on disk and grow the list without end. Their `/metrics`
/// series go too ([`forget_source`]).
fn drop_gone_files(followed: &mut Vec<Followed>, store: &dyn Store, health: &Health) {
    followed.retain(|f| {
        if f.path.exists() {
            return true;
        }
        forget_source(health, &f.path.display().to_string());
        // A named file not there yet was never opened: nothing to forget.
        if f.is_open() {
            say!("watch: {} is gone; no longer followed", f.path.display());
            if let Err(e) = Checkpoint::forget(store, &f.path) {
                say!("watch: {}: {e}", f.path.display());
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
    dedup: &mut dedup::Dedup,
    health: &Health,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    if !f.is_open() {
        let saved = Checkpoint::load(store, &f.path)?;
        let first_time = saved.is_none();
        if !f.open(saved)? {
            return Ok(());
        }
        // Where a file first seen starts is saved at once: a crash before its first batch
        // is saved must not make the restart skip to the (then later) end of the file.
        if first_time {
            f.at.save(store, &f.path)?;
        }
        say!(
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
            say!(
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
        let report = scanner
            .scan(&name, input.as_slice(), &mut sink, &mut |_| {})
            .with_context(|| format!("{name}: reading new lines"))?;
        let mut found = Vec::new();
        for (mut alert, kind) in sink.alerts {
            let Some(line) = alert.line.checked_sub(f.header_lines).filter(|l| *l > 0) else {
                continue; // a header line repeated from the prefix
            };
            alert.line = batch.lines_before + line;
            found.push((alert, kind));
        }
        found_in_batch(health, &name, &report, lines, &found);
        for (alert, _) in found {
            alert_once(alerts, dedup, health, &alert, None)?;
        }
        f.at.save(store, &f.path)?;
    }
    // What is left to read, for `/metrics` (a rotated-away file counts from its new one).
    if let Ok(meta) = std::fs::metadata(&f.path) {
        let name = f.path.display().to_string();
        if let Ok(mut lines) = health.lines_by_source.lock() {
            lines.entry(name.clone()).or_insert(0);
        }
        if let Ok(mut lag) = health.lag_by_source.lock() {
            lag.insert(name, meta.len().saturating_sub(f.at.offset));
        }
    }
    Ok(())
}

/// The `/metrics` source that counts the lines of followed files that are gone.
const GONE_FILES: &str = "(files no longer followed)";

/// Forgets a followed file that is gone: its lag (a gauge) is dropped, and its lines read
/// move to the one series [`GONE_FILES`], so the per-source maps hold the files followed now
/// (plus that one) however many files a glob matched over time, while the sum of
/// `ward_watch_lines_read_total` over its sources never goes down (a counter's rule that
/// `rate(sum(...))` relies on; the gone file's own series simply ends).
fn forget_source(health: &Health, source: &str) {
    if let Ok(mut lag) = health.lag_by_source.lock() {
        lag.remove(source);
    }
    if let Ok(mut lines) = health.lines_by_source.lock() {
        if let Some(n) = lines.remove(source) {
            *lines.entry(GONE_FILES.to_string()).or_insert(0) += n;
        }
    }
}

/// Counts a batch's lines and keeps what matched for the record; an urgent match brings the
/// plan forward.
fn found_in_batch(
    health: &Health,
    source: &str,
    report: &ward_detect::FileReport,
    lines: u64,
    found: &[(ward_detect::Alert, ward_detect::Kind)],
) {
    if let Ok(mut by) = health.lines_by_source.lock() {
        *by.entry(source.to_string()).or_insert(0) += lines;
    }
    if let Ok(mut f) = health.findings.lock() {
        f.add(source, report, lines, found);
    }
    if let Some((urgent, plan_now)) = &health.plan_now {
        // An indicator without a score counts as the plan counts it (50).
        if found.iter().any(|(a, _)| a.score.unwrap_or(50) >= *urgent) {
            plan_now.store(true, Ordering::SeqCst);
        }
    }
}

/// Writes what watch read and found to the record (see `record`); a failure is said, and
/// the totals are written again next time.
fn write_findings(findings: &Mutex<Findings>, journal: &ward_member::journal::Journal, now: bool) {
    if let Ok(mut f) = findings.lock() {
        if let Err(e) = f.write(journal, now) {
            say!("watch: the record of what was read could not be written: {e}");
        }
    }
}

/// Writes an alert unless the same machine and indicator alerted within the hour (a
/// followed file's or a syslog message's alike). `syslog_from` is the address a syslog
/// message came from.
fn alert_once(
    alerts: &mut File,
    dedup: &mut dedup::Dedup,
    health: &Health,
    alert: &ward_detect::Alert,
    syslog_from: Option<&str>,
) -> anyhow::Result<()> {
    let machine = alert
        .device
        .clone()
        .unwrap_or_else(|| "an unknown machine".to_string());
    let key = (machine.clone(), alert.indicator_id.clone());
    if dedup.is_recent(&key) {
        return Ok(());
    }
    dedup.insert(key);
    let (secs, value) = write_alert(alerts, alert, &machine, syslog_from)?;
    if let Some(store) = &health.store {
        let seq = health.alert_seq.fetch_add(1, Ordering::Relaxed);
        if let Err(e) = ward_member::watch::alerts::keep(&**store, secs, seq, &value) {
            say!("watch: the alert could not be kept in the store (it is in the alerts file): {e}");
        }
    }
    // Counted for sharing back (`[share]`), after de-duplication, and handed to the e-mail
    // and webhook delivery (never waits).
    if alert.field != vendors::VENDOR_FIELD {
        health.sightings.record(&alert.indicator_id);
    }
    if let Ok(notifier) = health.notifier.lock() {
        if let Some(n) = notifier.as_ref() {
            n.alert(alert, &machine);
        }
    }
    health.alerts.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

fn write_alert(
    out: &mut File,
    alert: &ward_detect::Alert,
    machine: &str,
    syslog_from: Option<&str>,
) -> anyhow::Result<(i64, serde_json::Value)> {
    let at = ward_member::journal::now();
    let now = at.to_string();
    let mut value = serde_json::to_value(alert).context("alert")?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("time".into(), now.into());
        obj.insert("machine".into(), machine.into());
        if let Some(from) = syslog_from {
            obj.insert("syslog_from".into(), from.into());
        }
    }
    let mut text = serde_json::to_string(&value).context("alert")?;
    text.push('\n');
    // One write per alert, so a reader never sees half a line.
    out.write_all(text.as_bytes()).context("alerts file")?;
    let score = alert
        .score
        .map(|s| format!(", score {s}"))
        .unwrap_or_default();
    if alert.field == vendors::VENDOR_FIELD {
        say!("ALERT {}{score}: {}", alert.value, alert.sentence);
        return Ok((at.secs, value));
    }
    say!(
        "ALERT {}:{}{score}: {} Now: find {machine} and check it; block {} at the firewall.",
        alert.file,
        alert.line,
        alert.sentence,
        alert.value
    );
    Ok((at.secs, value))
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
        rt.block_on(ward_taxii::shutdown_signal());
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
            // Tried once per change: a failure is said once, not every few seconds.
            seen = now;
            match data.load_local_index(false) {
                Ok(loaded) => {
                    if tx.send(Arc::new(loaded.index)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    say!("watch: the new intel could not be loaded, keeping the old: {e}")
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
    let (status, content_type, body) = if method == "GET" && target == "/healthz" {
        let last = health
            .last_intel_load
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default();
        let sources: Vec<serde_json::Value> = health
            .sources
            .as_ref()
            .and_then(|s| s.lock().ok().map(|all| all.clone()))
            .unwrap_or_default()
            .into_iter()
            .map(|(key, st)| {
                serde_json::json!({
                    "source": key,
                    "last_success": st.last_success,
                    "last_attempt": st.last_attempt,
                    "last_error": st.last_error,
                    "failures": st.failures,
                    "summary": st.summary,
                })
            })
            .collect();
        let (notify_sent, notify_failed) =
            health.notify.get().map(|n| n.json()).unwrap_or_default();
        let body = serde_json::json!({
            "status": "ok",
            "files_followed": health.files.load(Ordering::Relaxed),
            "files_not_followed": health.files_not_followed.load(Ordering::Relaxed),
            "lines_read": health.lines.load(Ordering::Relaxed),
            "alerts": health.alerts.load(Ordering::Relaxed),
            "indicators": health.indicators.load(Ordering::Relaxed),
            "last_intel_load": last,
            "sources": sources,
            "syslog": syslog::health_json(&health.syslog),
            "notify_sent": notify_sent,
            "notify_failed": notify_failed,
        });
        ("200 OK", "application/json", body.to_string())
    } else if method == "GET" && target == "/metrics" {
        (
            "200 OK",
            "text/plain; version=0.0.4; charset=utf-8",
            metrics::render(health),
        )
    } else {
        (
            "404 Not Found",
            "application/json",
            "{\"status\":\"not found\"}".to_string(),
        )
    };
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gone_file_leaves_the_metrics_maps_and_its_lines_stay_in_the_sum() {
        let dir = tempfile::tempdir().unwrap();
        let store = ward_store::SqliteStore::open(dir.path()).unwrap();
        let health = Health::default();
        let here = dir.path().join("fw.log");
        std::fs::write(&here, "a line\n").unwrap();
        let mut followed = vec![Followed::new(here.clone(), false)];
        let counted = |path: &std::path::Path, lines: u64, lag: u64| {
            let name = path.display().to_string();
            health
                .lines_by_source
                .lock()
                .unwrap()
                .insert(name.clone(), lines);
            health.lag_by_source.lock().unwrap().insert(name, lag);
        };
        // Files a glob matched over a day, each rotated away in turn.
        for n in 0..50 {
            let gone = dir.path().join(format!("fw.log.{n}"));
            counted(&gone, 10, 0);
            followed.push(Followed::new(gone, false));
        }
        counted(&here, 7, 3);
        let name = here.display().to_string();
        let sum = |h: &Health| h.lines_by_source.lock().unwrap().values().sum::<u64>();
        let before = sum(&health);
        drop_gone_files(&mut followed, &store, &health);
        assert_eq!(followed.len(), 1);
        let lines = health.lines_by_source.lock().unwrap().clone();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[&name], 7);
        assert_eq!(lines[GONE_FILES], 500);
        assert_eq!(sum(&health), before);
        let lag = health.lag_by_source.lock().unwrap().clone();
        assert_eq!(lag.len(), 1);
        assert_eq!(lag[&name], 3);
        let page = metrics::render(&health);
        assert!(
            page.contains(
                "ward_watch_lines_read_total{source=\"(files no longer followed)\"} 500\n"
            ),
            "{page}"
        );
    }
}
