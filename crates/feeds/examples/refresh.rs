//! Feed refresh benchmark: what `ward import` does (read the local store's index of known
//! indicators, read a text list, merge with the local store, write) for a generated feed of
//! N entries, first into an empty store, then again with every entry already stored.
//!
//! ```sh
//! cargo run --release -p ward-feeds --example refresh -- 10000 100000 1000000
//! ```
//!
//! For each N it prints the wall seconds (and the CPU seconds and peak resident memory of
//! the phase beside them; each phase runs in a process of its own) of: the first import; a re-import of the same file
//! (every entry known, nothing new to store); and the next day's refresh, 25 hours later
//! (every entry known, each indicator gets one new version so its age restarts). The feed
//! is half IPv4 addresses, half domain names; the store is SQLite in a temporary folder.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use ward_feeds::import::import_path_known;
use ward_feeds::{Format, LocalIntel};
use ward_stix::Timestamp;

// The tests' way of opening the local intel as a member's data folder does.
#[path = "../tests/common/mod.rs"]
mod common;

fn write_feed(path: &Path, n: usize) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for i in 0..n {
        if i % 2 == 1 {
            writeln!(out, "10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255)?;
        } else {
            writeln!(out, "host{i}.bad-{}.example", i % 997)?;
        }
    }
    out.flush()
}

/// CPU seconds this thread has run (Linux `/proc/thread-self/schedstat`); the machine is
/// shared, so wall time moves with everyone else's load. `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}

/// The process's peak resident size in MB (`VmHWM`); `None` elsewhere.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn import(local: &LocalIntel, feed: &Path, now: Timestamp) -> Result<(f64, String), String> {
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    // As `ward import` does with a large list: the store's compact index first.
    let known = local
        .known_index_for(std::fs::metadata(feed).map_or(0, |m| m.len()) / 32)
        .map_err(|e| e.to_string())?
        .map(Arc::new);
    let indexed = start.elapsed().as_secs_f64();
    let result =
        import_path_known(feed, Some(Format::Text), now, known).map_err(|e| e.to_string())?;
    let read = start.elapsed().as_secs_f64();
    let summary = local
        .add_imported_at(&result, now)
        .map_err(|e| e.to_string())?;
    let secs = start.elapsed().as_secs_f64();
    let cpu = match (cpu_start, cpu_seconds()) {
        (Some(a), Some(b)) => format!("{:.2} CPU-s", b - a),
        _ => "CPU time unknown".into(),
    };
    let cpu = match peak_mb() {
        Some(mb) => format!("{cpu}, peak {mb:.0} MB"),
        None => cpu,
    };
    Ok((
        secs,
        format!(
            "{cpu}; index {indexed:.2} s, read {:.2} s, store {:.2} s; {} objects ({} built), {} new or updated, {} already stored",
            read - indexed,
            secs - read,
            result.objects.len() + result.already_stored,
            result.objects.len(),
            summary.added,
            summary.duplicates
        ),
    ))
}

/// Runs one import in a child process (as `ward import` is one process per import), so
/// that its peak memory is its own: prints what [`import`] reports.
fn phase(data: &Path, feed: &Path, now: Timestamp) -> Result<(f64, String), String> {
    let out = std::process::Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .arg("--phase")
        .arg(data)
        .arg(feed)
        .arg(now.as_micros().to_string())
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    match text.trim_end().split_once('\t') {
        Some((secs, what)) if out.status.success() => Ok((
            secs.parse()
                .map_err(|_| format!("child printed {text:?}"))?,
            what.to_string(),
        )),
        _ => Err(format!(
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr).trim_end()
        )),
    }
}

/// The child: `--phase DATA FEED MICROS`.
fn child(args: &[String]) -> Result<(), String> {
    let [data, feed, micros] = args else {
        return Err("expected --phase DATA FEED MICROS".into());
    };
    let now = Timestamp::from_micros(micros.parse().map_err(|_| "bad MICROS".to_string())?);
    let local = common::open_local(Path::new(data)).map_err(|e| e.to_string())?;
    let (secs, what) = import(&local, Path::new(feed), now)?;
    println!("{secs}\t{what}");
    Ok(())
}

fn run(n: usize) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let feed = dir.path().join("feed.txt");
    write_feed(&feed, n).map_err(|e| e.to_string())?;
    let data = dir.path().join("data");
    let now = Timestamp::now();
    let (first, what) = phase(&data, &feed, now)?;
    println!("{n:>9} entries  first import      {first:>8.2} s  ({what})");
    let (again, what) = phase(&data, &feed, now)?;
    println!("{n:>9} entries  re-import, known  {again:>8.2} s  ({what})");
    let tomorrow = Timestamp::from_micros(now.as_micros() + 25 * 3600 * 1_000_000);
    let (daily, what) = phase(&data, &feed, tomorrow)?;
    println!("{n:>9} entries  refresh, +25 h    {daily:>8.2} s  ({what})");
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--phase") {
        if let Err(e) = child(&args[1..]) {
            eprintln!("{e}");
            std::process::exit(2);
        }
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    for n in sizes {
        if let Err(e) = run(n) {
            eprintln!("refresh benchmark, {n} entries: {e}");
            std::process::exit(2);
        }
    }
}
