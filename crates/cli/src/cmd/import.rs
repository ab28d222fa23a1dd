//! `ward import`: outside formats into STIX in the local store. Bad lines are reported with
//! file:line on stderr and skipped; the rest imports.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use serde_json::{json, Value};
use std::sync::Arc;

use ward_feeds::import::{import_path_streamed, survey_path};
use ward_feeds::{FeedsError, Format, LocalIntel};
use ward_member::DataDir;
use ward_stix::Timestamp;

use crate::Global;

/// Inputs from this size on are checked against an index of the local store first.
const KNOWN_INDEX_BYTES: u64 = 64 * 1024;
/// A rough size of one entry of a list, to tell how much of the store an import names.
const BYTES_PER_ENTRY: u64 = 32;

/// The size of a file, or of the files directly in a folder (0 when unreadable: the import
/// reports why).
fn input_bytes(path: &std::path::Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

/// Objects built before a batch of them is handed to the store.
const IMPORT_BATCH: usize = 5_000;

/// How many skipped entries are listed on stderr before the rest are only counted.
const PROBLEMS_SHOWN: usize = 20;

const IMPORT_HELP: &str = "\
The format is told from the content; --format forces one. A bad row is skipped with its line \
named; the rest is imported. Importing the same file again adds only what changed.

Examples:
  ward import feodo-ipblocklist.csv              abuse.ch Feodo Tracker (CSV)
  ward import threatfox.json                     abuse.ch ThreatFox (JSON)
  ward import drop.txt                           Spamhaus DROP (address blocks)
  ward import partner-bundle.json                a STIX 2.1 bundle from a partner
  ward import known_exploited_vulnerabilities.json   CISA KEV (also kept for `ward exposure`)
  ward import misp-warninglists/lists/           MISP warninglists, kept as allow-lists

Shared intel from your ISAO comes in with `ward pull` instead (`ward pull --list` shows the \
collection ids).";

#[derive(Args, Debug)]
#[command(after_long_help = IMPORT_HELP)]
pub struct ImportArgs {
    /// Input format; sniffed from the content when not given. One of: stix, misp, csv,
    /// text, feodo, urlhaus, threatfox-csv, threatfox-json, malwarebazaar, spamhaus-drop,
    /// spamhaus-drop-json, dshield, misp-warninglist (an allow-list), kev (JSON or CSV),
    /// epss, csaf, nvd
    #[arg(long)]
    pub format: Option<String>,
    /// File or folder to import (a folder with manifest.json is a MISP feed)
    pub path: PathBuf,
}

/// Opens the member's local intel on the store that `--data`/`--database` name.
pub fn open_local(global: &Global) -> anyhow::Result<LocalIntel> {
    let store = super::admin::open_store(global, true)?;
    DataDir::new(&global.data)
        .local_intel_on(store)
        .with_context(|| format!("opening the local intel in {}", global.data.display()))
}

// Long because: prints each stage's outcome (known index, per-file results, summary, exit code).
pub fn run(args: ImportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let format = args.format.as_deref().map(Format::parse).transpose()?;
    // A large import (a feed's daily refresh) first reads a compact index of what the local
    // store holds, so the entries it already holds unchanged are not built again.
    let bytes = input_bytes(&args.path);
    let known = if bytes >= KNOWN_INDEX_BYTES {
        open_local(global)?
            .known_index_for(bytes / BYTES_PER_ENTRY)
            .context("reading the local store")?
            .map(Arc::new)
    } else {
        None
    };
    let now = Timestamp::now();
    // Two passes: the first builds nothing (it finds the allow-lists, saved before the
    // local intel opens, and the values listed more than once); the second stores the
    // objects in batches as they are built, in one transaction, so memory holds a batch or
    // two rather than the whole import.
    let surveyed = survey_path(&args.path, format, now)?;
    // Allow-lists first: they are read when the local intel opens.
    let mut allow_saved: Vec<(String, usize, PathBuf)> = Vec::new();
    for list in &surveyed.allow_lists {
        let path = DataDir::new(&global.data)
            .save_allow_list(list)
            .with_context(|| format!("saving the allow-list {:?}", list.name))?;
        allow_saved.push((list.name.clone(), list.entries.len(), path));
    }
    let local = open_local(global)?;
    let path = &args.path;
    let streamed = local
        .add_streamed(now, move |out| {
            import_path_streamed(path, format, now, known, surveyed, IMPORT_BATCH, out)
        })
        .map_err(|e| match e {
            FeedsError::Store(_) => anyhow::Error::new(e).context("writing to the local store"),
            e => e.into(),
        })?;
    let result = &streamed.result;
    let (objects, indicators, summary) = (streamed.objects, streamed.indicators, streamed.summary);
    if objects == 0 && allow_saved.is_empty() {
        if let Some(first) = result.problems.first() {
            bail!(
                "{first} (nothing imported; {} entries skipped)",
                result.problems.len()
            );
        }
        bail!("{}: no intel found", args.path.display());
    }
    let kept_out = &streamed.kept_out;
    let vuln_copies = keep_vuln_copies(&result.files, &DataDir::new(&global.data));
    // What was brought in, for the plan's coverage.
    let formats: Vec<String> = result.files.iter().map(|(_, f)| f.to_string()).collect();
    DataDir::new(&global.data)
        .journal()?
        .record(ward_member::Run::Import {
            source: args.path.display().to_string(),
            format: formats.join(", "),
            objects: objects as u64,
        })?;
    if global.json {
        let files: Vec<Value> = result
            .files
            .iter()
            .map(|(p, f)| json!({"path": p.display().to_string(), "format": f}))
            .collect();
        println!(
            "{}",
            json!({
                "files": files,
                "objects": objects,
                "indicators": indicators,
                "added": summary.added,
                "already_stored": summary.duplicates,
                "dated_in_future": result.clamped,
                "allow_lists": allow_saved
                    .iter()
                    .map(|(name, n, path)| json!({"name": name, "entries": n, "path": path.display().to_string()}))
                    .collect::<Vec<Value>>(),
                "skipped": result.problems,
                "kept_for_exposure": vuln_copies,
                "kept_out_of_block_lists": kept_out,
            })
        );
    } else {
        for p in result.problems.iter().take(PROBLEMS_SHOWN) {
            eprintln!("skipped {p}");
        }
        if result.problems.len() > PROBLEMS_SHOWN {
            eprintln!(
                "... and {} more skipped",
                result.problems.len() - PROBLEMS_SHOWN
            );
        }
        let formats: Vec<String> = result
            .files
            .iter()
            .map(|(p, f)| format!("{} ({f})", p.display()))
            .collect();
        println!(
            "imported {objects} objects ({indicators} indicators) from {}: {} new or updated, {} already stored, {} entries skipped",
            formats.join(", "),
            summary.added,
            summary.duplicates,
            result.problems.len()
        );
        if result.clamped > 0 {
            println!(
                "{} entries were dated in the future (the feed's clock or time zone is ahead): they are valid from now, the feed's date kept in x_ward_original_valid_from",
                result.clamped
            );
        }
        for note in &vuln_copies {
            println!("{note}");
        }
        for line in kept_out.lines() {
            println!("{line}");
        }
        for (name, n, path) in &allow_saved {
            println!(
                "allow-list {name:?}: {n} entries saved to {}; they are left out of every blocking export",
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Keeps copies of imported KEV catalogs (JSON) and CSAF advisories in the data folder's
/// vulnerability data, so that `ward exposure` uses them; returns one line per copy kept
/// (or why not).
fn keep_vuln_copies(files: &[(PathBuf, Format)], data: &DataDir) -> Vec<String> {
    let fetched_at = ward_stix::Timestamp {
        frac_digits: 0,
        ..ward_member::journal::now()
    }
    .to_string();
    let mut notes = Vec::new();
    for (path, _) in files.iter().filter(|(_, f)| *f == Format::Kev) {
        notes.push(match data.keep_kev_copy(path, &fetched_at) {
            Ok(s) => format!(
                "KEV catalog {} ({} {}) kept in {} for `ward exposure`",
                s.version.as_deref().unwrap_or("(no version)"),
                s.records,
                if s.records == 1 { "entry" } else { "entries" },
                data.vulndata_dir().display()
            ),
            Err(e) => format!(
                "{}: not kept for `ward exposure` ({e}); it reads the KEV JSON catalog",
                path.display()
            ),
        });
    }
    let advisories: Vec<PathBuf> = files
        .iter()
        .filter(|(_, f)| *f == Format::Csaf)
        .map(|(p, _)| p.clone())
        .collect();
    if !advisories.is_empty() {
        notes.push(match data.keep_advisory_copies(&advisories, &fetched_at) {
            Ok(s) => format!(
                "{} CSAF {} kept in {} for `ward exposure` ({} in all)",
                advisories.len(),
                if advisories.len() == 1 {
                    "advisory"
                } else {
                    "advisories"
                },
                data.vulndata_dir().display(),
                s.records
            ),
            Err(e) => format!("advisories not kept for `ward exposure`: {e}"),
        });
    }
    notes
}
