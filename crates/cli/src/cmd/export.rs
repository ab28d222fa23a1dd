//! `ward export`: blocklists and indicator files from the local intel, decayed and
//! allow-listed indicators left out of the blocking formats.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use serde_json::json;
use ward_feeds::export::{ExportFormat, ExportOptions, ExportStream, DEFAULT_MIN_SCORE};
use ward_member::write_atomic;
use ward_stix::Tlp;

use crate::Global;

const EXPORT_HELP: &str = "\
Writes the active indicators in a form a firewall, DNS server or IDS loads. Aged-out and \
allow-listed indicators are left out of the blocking formats, and so are private, loopback, \
link-local, multicast and other special-purpose addresses (counted on standard error).

Examples:
  ward export --format plain-ip --out ward-data/exports/block-ip.txt      firewall address list
  ward export --format plain-domain --out ward-data/exports/block-domain.txt
  ward export --format rpz --out ward.rpz                  DNS response policy zone (BIND, Unbound)
  ward export --format suricata --out ward.rules           Suricata rules and their list files
  ward export --format stix --max-tlp green > share.json   only what may be shared widely

Files written under ward-data/exports/ are counted by the weekly plan (`ward report`).";

/// Indicators selected at a time.
const BATCH: usize = 1000;

#[derive(Args, Debug)]
#[command(after_long_help = EXPORT_HELP)]
pub struct ExportArgs {
    /// stix, csv, plain-ip, plain-domain, plain-url, rpz, suricata, zeek-intel, snort
    #[arg(long)]
    pub format: String,
    /// Leave out indicators scoring below N (0-100; default 20)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: Option<u8>,
    /// Leave out indicators marked above this TLP (clear, green, amber, amber+strict, red;
    /// unmarked counts as green)
    #[arg(long, value_name = "TLP", default_value = "amber")]
    pub max_tlp: String,
    /// Write to this file instead of standard output (needed when Suricata rules use
    /// dataset or hash-list files, which are written beside it)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Suricata: above this many domains, use a dataset file instead of a rule per domain
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub dataset_threshold: usize,
}

pub fn run(args: ExportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let format = ExportFormat::parse(&args.format)?;
    let Some(max_tlp) = Tlp::parse(&args.max_tlp) else {
        bail!(
            "--max-tlp {:?}: expected clear, green, amber, amber+strict or red",
            args.max_tlp
        );
    };
    let companion_dir = match &args.out {
        Some(out) => {
            let parent = out
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // The folder is created when missing (`--out ward-data/exports/block-ip.txt` on a
            // fresh store).
            std::fs::create_dir_all(parent).with_context(|| {
                format!(
                    "--out {}: cannot create its folder {}",
                    out.display(),
                    parent.display()
                )
            })?;
            let dir = parent
                .canonicalize()
                .with_context(|| format!("--out {}: its folder cannot be read", out.display()))?;
            Some(dir.display().to_string())
        }
        None => None,
    };
    let options = ExportOptions {
        min_score: args.min_score.map_or(DEFAULT_MIN_SCORE, f64::from),
        max_tlp,
        dataset_threshold: args.dataset_threshold,
        companion_dir,
        ..ExportOptions::default()
    };
    let local = super::import::open_local(global)?;
    // A page of the intel at a time, each batch selected as it comes: memory holds what the
    // export keeps (one small entry per value listed; the bundle's text for stix), never
    // every indicator.
    let mut stream = ExportStream::new(format, options.clone());
    local
        .each_scored_batch(options.now, BATCH, |batch| stream.add(batch))
        .context("reading the local intel")?;
    let export = stream.finish();
    match &args.out {
        Some(out) => {
            let dir = out
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // Through a temporary file, so a reader (a firewall fetching the list) never
            // sees half.
            for (name, text) in &export.companions {
                write_atomic(&dir.join(name), text.as_bytes())?;
            }
            write_atomic(out, export.text.as_bytes())?;
        }
        None => {
            if !export.companions.is_empty() {
                bail!(
                    "--format {}: these rules need companion files ({}); give --out FILE so they can be written beside it",
                    format.name(),
                    export.companions.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")
                );
            }
            print!("{}", export.text);
        }
    }
    if global.json && args.out.is_some() {
        println!(
            "{}",
            json!({"format": format.name(), "entries": export.entries, "allow_listed_left_out": export.allow_listed,
                   "never_blocked_left_out": export.never_blocked,
                   "companions": export.companions.iter().map(|(n, _)| n).collect::<Vec<_>>()})
        );
    } else {
        let mut note = format!("{} allow-listed indicators left out", export.allow_listed);
        if export.never_blocked > 0 {
            note.push_str(&format!(
                "; {} private, loopback or other special addresses kept out of block lists",
                export.never_blocked
            ));
        }
        eprintln!("{} entries in {} ({note})", export.entries, format.name());
    }
    Ok(ExitCode::SUCCESS)
}
