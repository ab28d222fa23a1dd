//! `ward scan`: wires the intel (a STIX bundle or the local store, through the index cache the
//! data folder keeps: `ward-member`) and the logs into `ward-detect`, and prints alerts as JSON
//! lines or a grouped summary.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use ward_detect::{Alert, AlertSink, Kind, LogFormat, ScanError, ScanOptions, Scanner, Summary};
use ward_member::{DataDir, LogFile, Run};
use ward_stix::Timestamp;

use crate::Global;

const LONG_ABOUT: &str = "\
Scan logs for known-bad indicators.

Every active indicator (addresses, address blocks, domains and their subdomains, URLs, file \
hashes, e-mail addresses, JA3/JA4 fingerprints, user agents) is looked up in the fields of each \
log line that can hold it. Other patterns are evaluated in full against each line.

Log formats, told apart per file: Zeek TSV and JSON, Suricata EVE, CEF, syslog (RFC 3164 and \
5424), firewall syslog (FortiGate, pfSense/OPNsense filterlog, Sophos, SonicWall, Palo Alto CSV, \
Cisco ASA), Windows event logs (.evtx files, XML exports, Winlogbeat and NXLog JSON: Sysmon \
network and DNS events, logons, firewall events), the Windows Firewall log (pfirewall.log), the \
Windows DNS Server debug log, CSV with a header row (Microsoft 365 / Entra ID sign-ins), Squid \
access log, other JSON lines or a JSON array, and plain text. .gz and .zst files are read \
directly; `-` reads standard input. A line that cannot be read is counted and skipped.

A folder is scanned file by file, recursively. A file that is binary or in no format ward reads \
(a PDF, a spreadsheet, a damaged .evtx) is never reported as clean: it is skipped with a line \
saying why. Exit status: 1 when --fail-on matched, otherwise 2 when any file was skipped, \
otherwise 0.

The index built from the intel is cached under --data/cache and rebuilt when the intel file \
changes.";

#[derive(Args, Debug)]
#[command(long_about = LONG_ABOUT, after_long_help = "Examples:\n  ward scan --indicators intel.json conn.log dns.log eve.json.gz\n  zcat proxy.log.gz | ward scan --indicators intel.json --json -")]
pub struct ScanArgs {
    /// Where the indicators come from: a STIX bundle or a feed file that `ward import` reads
    /// (default: the local store, filled by `ward pull` and `ward import`)
    #[arg(long, value_name = "SRC")]
    pub indicators: Option<PathBuf>,
    /// Record STIX sightings of what was found
    #[arg(long)]
    pub sightings: bool,
    /// Write the sightings (a STIX bundle) to this file instead of the local store
    #[arg(long, value_name = "F")]
    pub sightings_out: Option<PathBuf>,
    /// Exit 1 when something matched: `any`, or a minimum score (0-100)
    #[arg(long, value_name = "any|SCORE", value_parser = parse_fail_on)]
    pub fail_on: Option<u8>,
    /// Read every log in this format instead of telling it per file: zeek-tsv, zeek-json,
    /// suricata-eve, cef, syslog, squid, firewall, windows-event, windows-firewall,
    /// windows-dns, csv, json-lines, text
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<LogFormat>,
    /// Worker threads (default: all cores)
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Build the index from the intel even when a cached one is valid
    #[arg(long)]
    pub no_index_cache: bool,
    /// Log files or folders (read recursively; `-` reads standard input; .gz and .zst read
    /// directly)
    #[arg(required = true)]
    pub logs: Vec<PathBuf>,
}

fn parse_fail_on(s: &str) -> Result<u8, String> {
    if s.eq_ignore_ascii_case("any") {
        return Ok(0);
    }
    s.parse::<u8>()
        .ok()
        .filter(|n| *n <= 100)
        .ok_or_else(|| format!("`{s}` is not `any` or a score from 0 to 100"))
}

fn parse_format(s: &str) -> Result<LogFormat, String> {
    serde_json::from_value(serde_json::Value::from(s)).map_err(|_| {
        format!("`{s}` is not a log format; expected zeek-tsv, zeek-json, suricata-eve, cef, syslog, squid, firewall, windows-event, windows-firewall, windows-dns, csv, json-lines or text")
    })
}

// Long because: prints each stage's outcome (index notes, per-file results, summary, exit code).
pub fn run(args: ScanArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let data = DataDir::new(&global.data);
    let loaded = match args.indicators.as_deref() {
        Some(source) => data.load_index(source, args.no_index_cache)?,
        None => data.load_local_index(args.no_index_cache)?,
    };
    for note in &loaded.notes {
        eprintln!("note: {note}");
    }
    let index = loaded.index;
    let stats = index.stats();

    let mut options = ScanOptions::default();
    if let Some(t) = args.threads {
        options.threads = t.max(1);
    }
    options.format = args.format;
    let scanner = Scanner::new(&index, options);

    let stdout = io::stdout();
    let mut sink = Output {
        json: global.json.then(|| BufWriter::new(stdout.lock())),
        summary: Summary::default(),
    };
    let mut reports = Vec::new();
    // What each file found, kept apart for the member's record.
    let mut found: Vec<(PathBuf, Summary)> = Vec::new();
    let mut skipped = Vec::new();
    let show_progress = io::stderr().is_terminal();
    for path in &expand_folders(&args.logs)? {
        let name = path.display().to_string();
        // A file that is not a log is skipped with its reason, never counted as clean.
        // The bar follows the bytes read from the file as stored (compressed or UTF-16).
        let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let input = match ward_detect::open_log_counting(path, read.clone()) {
            Err(e @ ScanError::Unreadable { .. }) => {
                eprintln!("skipped: {e}");
                skipped.push(name);
                continue;
            }
            other => other?,
        };
        let bar = show_progress.then(|| progress_bar(path));
        let evtx = is_evtx(path);
        let mut progress = |bytes: u64| {
            if let Some(b) = &bar {
                // An EVTX file is read by its parser: the text made from it is what counts.
                b.set_position(if evtx {
                    bytes
                } else {
                    read.load(std::sync::atomic::Ordering::Relaxed)
                });
            }
        };
        let report = match scanner.scan(&name, input, &mut sink, &mut progress) {
            Err(e @ ScanError::Unreadable { .. }) => {
                if let Some(b) = bar {
                    b.finish_and_clear();
                }
                // What the refused file matched before it was refused does not count.
                drop(std::mem::take(&mut sink.summary));
                eprintln!("skipped: {e}");
                skipped.push(name);
                continue;
            }
            other => other.with_context(|| format!("{name}: scan failed"))?,
        };
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        found.push((path.clone(), std::mem::take(&mut sink.summary)));
        if report.broken_lines > 0 {
            eprintln!(
                "note: {name}: {} line(s) could not be read as {} and were skipped (first at line {})",
                report.broken_lines,
                report.format.name(),
                report.first_broken_line.unwrap_or(0)
            );
        }
        reports.push(report);
    }
    if let Some(w) = sink.json.as_mut() {
        w.flush().context("standard output")?;
    }
    let names: Vec<String> = found.iter().map(|(p, _)| p.display().to_string()).collect();
    let summary = ward_member::journal::merge_summaries(
        names
            .iter()
            .map(String::as_str)
            .zip(found.iter().map(|(_, s)| s)),
    );
    // The weekly plan (`ward report`) reads the scans of its window from the member's record,
    // one entry per file with what that file held and found.
    data.save_latest_scan(&args.logs, &summary)?;
    data.journal()?.record_all(
        found
            .iter()
            .zip(&reports)
            .map(|((path, found), report)| Run::Scan {
                file: LogFile::from_report(path, report),
                found: found.clone(),
            })
            .collect(),
    )?;

    if args.sightings && args.sightings_out.is_none() {
        let objects = ward_detect::sightings(&summary, Timestamp::now());
        let local = data.local_intel()?;
        let added = local
            .add_sightings(&objects)
            .context("recording sightings in the local store")?;
        eprintln!(
            "recorded {} sighting(s) in the local store; `ward share` sends them to the hub",
            added.added
        );
    }
    if let Some(out) = &args.sightings_out {
        let objects = ward_detect::sightings(&summary, Timestamp::now());
        let bundle = serde_json::json!({
            "type": "bundle",
            "id": format!("bundle--{}", uuid::Uuid::new_v4()),
            "objects": objects,
        });
        let text = serde_json::to_string_pretty(&bundle).context("sightings")?;
        fs::write(out, text)
            .with_context(|| format!("{}: cannot write sightings", out.display()))?;
    }

    if !global.json {
        print_summary(
            &summary,
            &reports,
            stats.indicators,
            started.elapsed().as_secs_f64(),
        );
    }
    if !skipped.is_empty() {
        eprintln!(
            "ward: {} file(s) not read (not logs ward can read): {}",
            skipped.len(),
            skipped.join(", ")
        );
    }
    let failed = args.fail_on.is_some_and(|min| {
        summary
            .indicators
            .iter()
            .any(|g| min == 0 || g.indicator.score.is_some_and(|s| s >= min))
    });
    Ok(if failed {
        ExitCode::from(1)
    } else if !skipped.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The files to scan: folders replaced by the files under them (recursively, in name order;
/// links to folders are not followed, so a loop cannot recur).
fn expand_folders(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            walk(path, &mut out)?;
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list the folder", dir.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("{}: cannot list the folder", dir.display()))?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

struct Output<W: Write> {
    json: Option<W>,
    summary: Summary,
}

impl<W: Write> AlertSink for Output<W> {
    fn alert(&mut self, alert: &Alert, kind: Kind) -> io::Result<()> {
        if let Some(w) = self.json.as_mut() {
            serde_json::to_writer(&mut *w, alert)?;
            w.write_all(b"\n")?;
        }
        self.summary.add(alert, kind);
        Ok(())
    }
}

fn is_evtx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("evtx"))
}

fn progress_bar(path: &Path) -> indicatif::ProgressBar {
    // An .evtx file becomes text inside its parser, whose size the file's is no total for:
    // its bar counts the text read without one. Every other file (compressed and UTF-16
    // ones too) is followed by the bytes read from it, against its size.
    if is_evtx(path) {
        let bar = indicatif::ProgressBar::new_spinner();
        let style = indicatif::ProgressStyle::with_template(
            "{msg} {spinner} {bytes} read {binary_bytes_per_sec}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(path.display().to_string());
        return bar;
    }
    let len = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = indicatif::ProgressBar::new(len);
    let style = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} {eta}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(path.display().to_string());
    bar
}

fn human_bytes(n: u64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u + 1 < units.len() {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", units[u])
    }
}

fn print_summary(
    summary: &Summary,
    reports: &[ward_detect::FileReport],
    indicators: usize,
    secs: f64,
) {
    let bytes: u64 = reports.iter().map(|r| r.bytes).sum();
    let lines: u64 = reports.iter().map(|r| r.lines).sum();
    println!(
        "Scanned {} file(s) ({}, {lines} lines) against {indicators} indicator(s) in {secs:.1} s.",
        reports.len(),
        human_bytes(bytes)
    );
    for r in reports {
        println!(
            "  {}: {}, {} lines, {} alert(s)",
            r.file,
            r.format.name(),
            r.lines,
            r.alerts
        );
    }
    if summary.indicators.is_empty() {
        if reports.is_empty() {
            println!("\nNo log was read.");
        } else {
            println!("\nNothing in these logs matched the intelligence.");
        }
        return;
    }
    println!(
        "\n{} indicator(s) matched, {} time(s) in all. Most important first:\n",
        summary.indicators.len(),
        summary.alerts
    );
    for g in &summary.indicators {
        let i = &g.indicator;
        let mut head = Vec::new();
        if let Some(s) = i.score {
            head.push(format!("score {s}"));
        }
        if let Some(t) = i.tlp {
            head.push(t.to_string());
        }
        let title = i.name.clone().unwrap_or_else(|| i.id.clone());
        println!(
            "* {title}{}",
            if head.is_empty() {
                String::new()
            } else {
                format!(" [{}]", head.join(", "))
            }
        );
        println!("  {}", g.example);
        let when = match (&g.first_seen, &g.last_seen) {
            (Some(a), Some(b)) if a != b => format!(", from {a} to {b}"),
            (Some(a), _) => format!(", at {a}"),
            _ => String::new(),
        };
        println!(
            "  Seen {} time(s){when} in {}.",
            g.count,
            g.files.join(", ")
        );
        let values: Vec<&str> = g.values.iter().map(|(_, v)| v.as_str()).collect();
        println!("  Values: {}", values.join(", "));
        if !i.sources.is_empty() {
            println!("  Reported by: {}", i.sources.join(", "));
        }
        println!("  Indicator: {}", i.id);
    }
}
