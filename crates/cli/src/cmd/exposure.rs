//! `ward exposure`: wires the inventory and the advisory sources into `ward-exposure` and
//! prints the ranked findings as a table or JSON.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use ward_exposure::{
    assess, Advisory, EpssScores, ExposureReport, Finding, Inventory, InventoryOptions, KevCatalog,
    NaiveDate, NvdCatalog, Sources, Tier,
};

use crate::cmd::update::thousands;
use crate::Global;

// The subcommand's one-line doc in main.rs resets `long_about`, so the full description and
// the CSV columns go in `after_long_help`, which `--help` prints.
const LONG_HELP: &str = "\
ward matches the inventory against CISA medical-device advisories (CSAF 2.0), NVD CVE records, \
CISA's Known Exploited Vulnerabilities catalog and FIRST EPSS scores, then ranks each exposed \
asset by what it means for patients: is the flaw being exploited, can an attacker reach the \
device, does it keep patients alive, can it still be patched. Each finding says why, and what \
to do: update to a version, apply the vendor's workaround, or isolate the device and call the \
manufacturer.

Tiers, most urgent first: immediate (act today), out-of-cycle (this week), scheduled (next \
maintenance window), defer (normal care).

INVENTORY: one row per asset under a header row, as CSV (comma, semicolon or tab separated, \
told apart automatically), an Excel .xlsx or an OpenDocument .ods workbook (the first sheet, \
or --sheet NAME). Columns in any order, under the names people use; other names accepted are \
in brackets. Required: name (asset name, hostname, device), vendor (manufacturer, make), \
product (product name, system) or model (model number), and version (firmware version, SW \
version, software version; may be left blank: the match is then reported as possible). \
Optional:
  model             the model number (MMT-1780, 3005 S3): an advisory's exact model confirms a match
  kind              workstation, server, network, medical-device or iot (asset type, device type)
  location          free text (department, site, room)
  criticality       life-sustaining, patient-care, clinical-support or business
  internet_exposed  yes or no: reachable from the internet (internet facing)
  segmented         yes or no: on its own network segment (VLAN)
  end_of_support    a date such as 2025-06-30 (EOL, EOS, end of life): past it, the asset is \
listed even when no advisory names it
  owner             who carries out the actions, e.g. Biomed (responsible)
  cpe               a CPE 2.3 name, when you know it
Other columns (serial, IP address) are kept and shown in the JSON. A bad row is reported on \
stderr with its line and skipped. A header ward cannot map is an error listing the columns it \
found and the ones it needs; a file that is no inventory (a PDF, an old .xls) is named for what \
it looks like. --inventory may also be a CycloneDX 1.4-1.6 SBOM (JSON, one device) or a folder \
of .csv, .tsv, .xlsx, .ods and .json files.

Exit codes: 0 done; 1 findings at or above --fail-on; 2 bad input (file and line named).

Example:
  ward exposure --inventory assets.csv --kev kev.json --advisories csaf/ --fail-on immediate";

#[derive(Args, Debug)]
#[command(after_long_help = LONG_HELP)]
pub struct ExposureArgs {
    /// Asset inventory: CSV, .xlsx, .ods, CycloneDX SBOM JSON, or a folder of them
    #[arg(long, value_name = "F")]
    pub inventory: PathBuf,
    /// Worksheet of an .xlsx/.ods inventory to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// CISA Known Exploited Vulnerabilities catalog (JSON) (default: the one `ward update` kept)
    #[arg(long, value_name = "F")]
    pub kev: Option<PathBuf>,
    /// FIRST EPSS scores (CSV) (default: the ones `ward update` kept)
    #[arg(long, value_name = "F")]
    pub epss: Option<PathBuf>,
    /// Folder of CSAF 2.0 advisories (default: the ones `ward update` kept)
    #[arg(long, value_name = "DIR")]
    pub advisories: Option<PathBuf>,
    /// NVD CVE JSON 2.0 file (default: the records `ward update` kept)
    #[arg(long, value_name = "F")]
    pub nvd: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this tier (immediate, out-of-cycle, scheduled, defer)
    #[arg(long, value_name = "TIER", value_parser = parse_tier)]
    pub fail_on: Option<Tier>,
    /// Assess as of this date (YYYY-MM-DD) instead of today: decides which support dates have passed
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

fn parse_tier(s: &str) -> Result<Tier, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::input::day(s).ok_or_else(|| format!("`{s}` is not a date; expected YYYY-MM-DD"))
}

pub fn run(args: ExposureArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let inventory = Inventory::load_with(
        &args.inventory,
        &InventoryOptions {
            sheet: args.sheet.clone(),
        },
    )?;
    let today = args.as_of.unwrap_or_else(ward_exposure::today_utc);
    let data = ward_member::DataDir::new(&global.data);
    // What `ward update` kept is used for every source no flag names.
    let flags = [
        args.kev.is_some(),
        args.epss.is_some(),
        args.advisories.is_some(),
        args.nvd.is_some(),
    ];
    let (mut sources, mut kept) = if flags.iter().all(|f| *f) {
        (Sources::default(), ward_member::VulnStatus::default())
    } else {
        data.load_vulndata()
            .context("reading the vulnerability data kept by `ward update`")?
    };
    let overridden = |name: &str| match name {
        "kev" => flags[0],
        "epss" => flags[1],
        "csaf" => flags[2],
        "nvd" => flags[3],
        _ => false,
    };
    kept.sources.retain(|s| !overridden(&s.name));
    if let Some(dir) = &args.advisories {
        sources.advisories = Advisory::load_dir(dir)?;
    }
    if let Some(p) = &args.nvd {
        sources.nvd = NvdCatalog::load(p)?;
    }
    if let Some(p) = &args.kev {
        sources.kev = KevCatalog::load(p)?;
    }
    if let Some(p) = &args.epss {
        sources.epss = EpssScores::load(p)?;
    }
    if let Some(note) = kept_note(&kept, &flags, today) {
        eprintln!("{note}");
    }
    let report = assess(&inventory, &sources, today);

    for p in &report.problems {
        eprintln!("ward: warning: {p} (row skipped)");
    }
    // The weekly plan (`ward report`) reads the latest ranking from the data folder.
    data.save_latest_exposure(&report)?;
    // What was checked, for the plan's coverage.
    data.journal()?.record(ward_member::Run::Exposure(
        ward_member::journal::ExposureRun {
            inventory: args.inventory.display().to_string(),
            assets: inventory.assets.len() as u64,
            without_version: inventory
                .assets
                .iter()
                .filter(|a| a.version.as_deref().is_none_or(|v| v.trim().is_empty()))
                .count() as u64,
            sources: report.sources.clone(),
            findings: report.findings.len() as u64,
            kept: kept.sources.clone(),
        },
    ))?;
    // The inventory's vendors are third parties it depends on (`ward vendors list`).
    data.save_inventory_vendors(&inventory, &today.format("%Y-%m-%d").to_string())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if global.json {
        serde_json::to_writer_pretty(&mut out, &report).context("writing JSON")?;
        writeln!(out).context("writing JSON")?;
    } else {
        print_table(&mut out, &report, std::io::stdout().is_terminal())
            .context("writing the table")?;
    }
    let failing = args.fail_on.map_or(0, |t| report.at_or_above(t).count());
    Ok(if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// How old data dated `day` (YYYY-MM-DD) is on `today`.
fn age(day: Option<&str>, today: NaiveDate) -> String {
    let Some(d) = day.and_then(|d| d.get(..10)).and_then(crate::input::day) else {
        return String::new();
    };
    match (today - d).num_days() {
        i64::MIN..=0 => " (today)".to_string(),
        1 => " (1 day old)".to_string(),
        n => format!(" ({n} days old)"),
    }
}

/// How long ago data was fetched on `fetched_at` (RFC 3339).
fn fetched(fetched_at: Option<&str>, today: NaiveDate) -> String {
    let Some(d) = fetched_at
        .and_then(|d| d.get(..10))
        .and_then(crate::input::day)
    else {
        return String::new();
    };
    match (today - d).num_days() {
        i64::MIN..=0 => " (fetched today)".to_string(),
        1 => " (fetched yesterday)".to_string(),
        n => format!(" (fetched {n} days ago)"),
    }
}

/// The stderr line saying which kept sources this run used and how old each is, or that
/// none is kept (`None` when flags named every source).
fn kept_note(
    kept: &ward_member::VulnStatus,
    flags: &[bool; 4],
    today: NaiveDate,
) -> Option<String> {
    if flags.iter().all(|f| *f) {
        return None;
    }
    if kept.sources.is_empty() {
        return Some(if flags.iter().any(|f| *f) {
            "ward: no other vulnerability data is kept in the data folder; `ward update` downloads KEV, EPSS, advisories and NVD records".to_string()
        } else {
            "ward: no vulnerability data is kept in the data folder, so no known flaw can be matched (only what the inventory says, such as end of support, is checked); run `ward update` to download KEV, EPSS, advisories and NVD records, or name files with --kev, --epss, --advisories, --nvd".to_string()
        });
    }
    let parts: Vec<String> = kept
        .sources
        .iter()
        .map(|s| {
            let when = s.published.as_deref().or(s.fetched_at.as_deref());
            match s.name.as_str() {
                "kev" => format!(
                    "KEV {}{}",
                    s.version.as_deref().unwrap_or("catalog"),
                    age(when, today)
                ),
                "epss" => format!(
                    "EPSS {}{}",
                    s.published.as_deref().unwrap_or("scores"),
                    age(when, today)
                ),
                "csaf" => format!(
                    "{} {}{}",
                    thousands(s.records),
                    if s.records == 1 {
                        "advisory"
                    } else {
                        "advisories"
                    },
                    fetched(s.fetched_at.as_deref(), today)
                ),
                _ => format!(
                    "{} NVD {}{}",
                    thousands(s.records),
                    if s.records == 1 { "record" } else { "records" },
                    fetched(s.fetched_at.as_deref(), today)
                ),
            }
        })
        .collect();
    Some(format!(
        "using {}; `ward update` refreshes them",
        parts.join(", ")
    ))
}

fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn action_label(f: &Finding) -> String {
    use ward_exposure::ActionKind;
    if f.vulnerabilities.is_empty() {
        // Listed for its end of support alone.
        return if f.asset.kind == Some(ward_exposure::AssetKind::MedicalDevice) {
            "unsupported: ask maker".to_string()
        } else {
            "unsupported: replace".to_string()
        };
    }
    match (f.action.kind, &f.action.target_version) {
        (ActionKind::PatchTo, Some(v)) => format!("update to {v}"),
        (ActionKind::PatchTo, None) => "install vendor update".to_string(),
        (ActionKind::ApplyWorkaround, _) => "vendor workaround".to_string(),
        (ActionKind::IsolateAndCallManufacturer, _) => "isolate, call vendor".to_string(),
    }
}

// Long because: a terminal table, one column block after another.
fn print_table(
    out: &mut impl Write,
    report: &ExposureReport,
    terminal: bool,
) -> std::io::Result<()> {
    if report.findings.is_empty() {
        writeln!(
            out,
            "No known vulnerabilities found in {} assets ({} advisories, {} NVD records checked).",
            report.assets_checked, report.sources.advisories, report.sources.nvd_records
        )?;
        return Ok(());
    }
    let header = [
        "#",
        "TIER",
        "SCORE",
        "ASSET",
        "PRODUCT",
        "CRITICALITY",
        "FLAWS",
        "KEV",
        "DO",
    ];
    let rows: Vec<[String; 9]> = report
        .findings
        .iter()
        .map(|f| {
            let kev = f
                .vulnerabilities
                .iter()
                .filter(|v| v.signals.kev.is_some())
                .count();
            [
                f.rank.to_string(),
                f.tier.label().to_string(),
                format!("{:.1}", f.score),
                cut(&f.asset.name, 26),
                cut(
                    &format!(
                        "{} {}",
                        f.asset.product,
                        f.asset.version.as_deref().unwrap_or("?")
                    ),
                    30,
                ),
                f.asset.criticality.map_or("-", |c| c.label()).to_string(),
                f.vulnerabilities.len().to_string(),
                if kev > 0 {
                    kev.to_string()
                } else {
                    "-".to_string()
                },
                action_label(f),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(widths.iter())
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let head = line(header.to_vec());
    if terminal {
        writeln!(out, "\x1b[1m{head}\x1b[0m")?;
    } else {
        writeln!(out, "{head}")?;
    }
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} of {} assets exposed. Why, and what to do:",
        report.findings.len(),
        report.assets_checked
    )?;
    for f in &report.findings {
        writeln!(out)?;
        writeln!(out, "{}. {} [{}]", f.rank, f.asset.name, f.tier.label())?;
        writeln!(out, "   {}", f.why)?;
        writeln!(out, "   Do: {}", f.action.summary)?;
        for step in &f.action.steps {
            writeln!(out, "     - {step}")?;
        }
        let ids: Vec<&str> = f
            .vulnerabilities
            .iter()
            .take(8)
            .map(|v| v.id.as_str())
            .collect();
        let more = f.vulnerabilities.len().saturating_sub(8);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        if ids.is_empty() {
            writeln!(out, "   Flaws: none known; listed for its end of support")?;
        } else {
            writeln!(out, "   Flaws: {}{more}", ids.join(", "))?;
        }
    }
    Ok(())
}
