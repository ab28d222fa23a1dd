//! `ward update`: downloads the vulnerability data `ward exposure` and the weekly plan use,
//! and keeps it in the data folder (`ward-feeds` downloads and checks; `ward-member` owns
//! the folder).

use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde_json::json;
use ward_feeds::config::FeedsConfig;
use ward_feeds::update::{
    keep_offline, OfflineFiles, Outcome, Progress, Quiet, SourceName, Updater,
};
use ward_member::journal::{self, Run};
use ward_member::{DataDir, VulnSource};

use crate::Global;

const LONG_HELP: &str = "\
Downloads the vulnerability data that `ward exposure` matches your inventory against, and \
keeps it in the data folder (vulndata/). `ward exposure` then uses it whenever no --kev, \
--epss, --advisories or --nvd flag names a file, and the weekly plan says how old it is.

Sources:
  kev   CISA's Known Exploited Vulnerabilities catalog (JSON): flaws attackers are using now.
        From cisa.gov; CISA adds entries most weekdays.
  epss  FIRST's EPSS scores (daily CSV, gzip): the chance each CVE is exploited in the next
        30 days. From FIRST's EPSS site; new scores every day.
  csaf  CISA's CSAF 2.0 advisories for industrial and medical devices (ICS and ICSMA), from
        the provider's published folder (cisagov/CSAF on GitHub, csaf_files/OT/white/). Only
        advisories that are new or changed since the last run (per its changes.csv) are
        downloaded.
  nvd   NVD CVE records (NVD API 2.0): which product versions each CVE affects (CPE). The
        first run fetches the records of every KEV-listed CVE and those changed in the last
        120 days; later runs fetch only what changed since. Without an API key NVD allows 5
        requests per 30 seconds, so ward waits 6 s between requests (0.6 s with a key; ask
        NVD for a free key at nvd.nist.gov/developers/request-an-api-key).

How often: once a day, or at least once a week (the plan calls vulnerability data older than \
7 days stale). A scheduled task is fine: a run with nothing new is quick.

Interrupted? Run it again: downloads continue from their .part files and NVD from the page \
it stopped at. A source that fails (network error, bad file) leaves what was kept before \
unchanged; the others still update. Exit codes: 0 done; 2 a source failed (the URL or file \
and what was expected are printed).

Offline (a machine without internet): copy the files onto it and give the folder with \
--offline DIR: the KEV JSON (known_exploited_vulnerabilities.json), the EPSS CSV (.csv or \
.csv.gz), CSAF advisory .json files and NVD CVE JSON 2.0 files, in any sub-folders. Each JSON \
file is recognised by its content.

Addresses, the default sources and the NVD pause are set in feeds.toml in the data folder \
([update] section: kev_url, epss_url, csaf_url, nvd_url, sources, nvd_delay_seconds, \
nvd_page_size, nvd_first_days, retry_seconds).

Examples:
  ward update
  ward update --only kev,epss
  NVD_API_KEY=... ward update --only nvd
  ward update --offline /media/usb/vulndata";

#[derive(Args, Debug)]
#[command(after_long_help = LONG_HELP)]
pub struct UpdateArgs {
    /// Only these sources, comma-separated: kev, epss, csaf, nvd
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = SourceName::parse)]
    pub only: Vec<SourceName>,
    /// Read the files from this folder instead of downloading
    #[arg(long, value_name = "DIR")]
    pub offline: Option<PathBuf>,
    /// NVD API key (faster NVD downloads); also read from NVD_API_KEY
    #[arg(long, value_name = "KEY", env = "NVD_API_KEY", hide_env_values = true)]
    pub nvd_api_key: Option<String>,
}

/// Progress bars on a terminal, one per step.
struct Bars {
    bar: RefCell<Option<indicatif::ProgressBar>>,
}

impl Progress for Bars {
    fn begin(&self, label: &str, total: Option<u64>) {
        let bar = indicatif::ProgressBar::new(total.unwrap_or(0));
        let style = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(label.to_string());
        if let Some(old) = self.bar.replace(Some(bar)) {
            old.finish_and_clear();
        }
    }
    fn set_total(&self, total: u64) {
        if let Some(b) = self.bar.borrow().as_ref() {
            b.set_length(total);
        }
    }
    fn advance(&self, n: u64) {
        if let Some(b) = self.bar.borrow().as_ref() {
            b.inc(n);
        }
    }
    fn end(&self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

/// 1402 → "1,402" (the plan's own formatter, so numbers read the same everywhere).
pub(crate) use ward_plan::thousands;

/// "1 entry", "2 entries".
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

fn new_changed(o: &Outcome) -> String {
    match (o.new, o.changed) {
        (n, 0) => format!("new {}", thousands(n)),
        (n, c) => format!("new {}, changed {}", thousands(n), thousands(c)),
    }
}

/// The one line said for a source that updated.
fn line(source: SourceName, o: &Outcome) -> String {
    let dated = |what: &str| {
        o.published
            .as_deref()
            .map_or(String::new(), |d| format!(", {what} {d}"))
    };
    match source {
        SourceName::Kev => format!(
            "KEV: catalog {}{}, {} ({})",
            o.version.as_deref().unwrap_or("(no version)"),
            dated("released"),
            count(o.records, "entry", "entries"),
            new_changed(o)
        ),
        SourceName::Epss => format!(
            "EPSS: scores of {}{}, {}",
            o.published.as_deref().unwrap_or("an unknown date"),
            o.version
                .as_deref()
                .map_or(String::new(), |v| format!(" (model {v})")),
            count(o.records, "CVE", "CVEs")
        ),
        SourceName::Csaf => format!(
            "CSAF advisories: {} kept{} ({})",
            thousands(o.records),
            dated("newest changed"),
            new_changed(o)
        ),
        SourceName::Nvd => format!(
            "NVD: {}{} ({})",
            count(o.records, "CVE record", "CVE records"),
            dated("newest modified"),
            new_changed(o)
        ),
    }
}

// Long because: each source in turn, online or offline, with its line, its manifest entry,
// its journal entry and the JSON summary.
pub fn run(args: UpdateArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let data = DataDir::new(&global.data);
    let config = FeedsConfig::load(data.root())
        .with_context(|| format!("reading the configuration in {}", data.root().display()))?
        .update;
    let mut sources: Vec<SourceName> = if args.only.is_empty() {
        config
            .sources
            .iter()
            .filter_map(|s| SourceName::parse(s).ok())
            .collect()
    } else {
        args.only.clone()
    };
    sources.sort();
    sources.dedup();
    if sources.is_empty() {
        anyhow::bail!(
            "{}: [update] sources is empty: name sources there or give --only kev,epss,csaf,nvd",
            data.feeds_config_file().display()
        );
    }
    let offline = match &args.offline {
        Some(dir) => {
            let files = OfflineFiles::find(dir)?;
            if files.is_empty() {
                anyhow::bail!(
                    "{}: no vulnerability data found; expected the KEV JSON, an EPSS CSV, CSAF advisories or NVD JSON files",
                    dir.display()
                );
            }
            Some((dir.clone(), files))
        }
        None => None,
    };
    let bars = Bars {
        bar: RefCell::new(None),
    };
    let progress: &dyn Progress = if std::io::stderr().is_terminal() && !global.json {
        &bars
    } else {
        &Quiet
    };
    let now = journal::now();
    let fetched_at = ward_stix::Timestamp {
        frac_digits: 0,
        ..now
    }
    .to_string();
    let updater = Updater::new(&config, args.nvd_api_key.clone(), now, progress);
    let places = data.vuln_places();
    let before = data.vuln_status().ok();
    let mut done = Vec::new();
    let mut failed = Vec::new();
    for source in sources {
        let result = match &offline {
            Some((dir, files)) => keep_offline(files, source, &places, &fetched_at, dir),
            None => updater.update(source, &places).map(Some),
        };
        match result {
            Ok(Some(outcome)) => {
                data.record_vuln_source(VulnSource::from_outcome(source, &outcome, &fetched_at))?;
                if let Ok(j) = data.journal() {
                    if let Err(e) = j.record(Run::Update {
                        source: source.name().to_string(),
                        version: outcome.version.clone(),
                        records: outcome.records,
                    }) {
                        eprintln!("ward: warning: the record of runs: {e}");
                    }
                }
                if !global.json {
                    println!("{}", line(source, &outcome));
                }
                done.push(json!({"source": source.name(), "outcome": outcome}));
            }
            Ok(None) => {
                if !global.json {
                    println!(
                        "{}: no file in the offline folder; what was kept is unchanged",
                        source.label()
                    );
                }
            }
            Err(e) => {
                let mut kept =
                    before
                        .as_ref()
                        .and_then(|b| b.get(source.name()))
                        .map_or(String::new(), |s| {
                            format!(
                                " (the {} kept{} is unchanged)",
                                source.label(),
                                s.fetched_at
                                    .as_deref()
                                    .and_then(|t| t.get(..10))
                                    .map_or(String::new(), |d| format!(" on {d}"))
                            )
                        });
                if source == SourceName::Nvd {
                    kept = " (the records fetched so far are kept; run `ward update` again to continue)".to_string();
                }
                eprintln!("ward: {}: {e}{kept}", source.label());
                failed.push(json!({"source": source.name(), "error": e.to_string()}));
            }
        }
    }
    if global.json {
        println!("{}", json!({"updated": done, "failed": failed}));
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_as_a_person_writes_them() {
        assert_eq!(thousands(1402), "1,402");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        let o = Outcome {
            version: Some("2026.12.01".into()),
            published: Some("2026-12-01".into()),
            records: 1402,
            new: 3,
            changed: 0,
            origin: "u".into(),
        };
        assert_eq!(
            line(SourceName::Kev, &o),
            "KEV: catalog 2026.12.01, released 2026-12-01, 1,402 entries (new 3)"
        );
        let one = Outcome {
            records: 1,
            ..o.clone()
        };
        assert_eq!(
            line(SourceName::Nvd, &one),
            "NVD: 1 CVE record, newest modified 2026-12-01 (new 3)"
        );
    }
}
