//! `ward pull-misp`: events from a MISP instance's REST API into the local store, read by the
//! same importer as a MISP feed folder, with a cursor so the next run asks only for what
//! changed since.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use serde_json::json;

use ward_feeds::import::import_misp_events;
use ward_feeds::misp_rest::{since_seconds, MispClient};
use ward_member::DataDir;
use ward_stix::Timestamp;

use crate::Global;

const PULL_MISP_HELP: &str = "\
Asks the MISP instance's /events/restSearch for the events changed since the last run \
(the first run: --since, 7 days by default), page by page, and imports each one as \
`ward import` imports an event of a MISP feed: attributes with to_ids become indicators, the \
rest context; tlp:* tags, else the distribution, set the TLP (README, section MISP).

Examples:
  ward pull-misp https://misp.example.org --api-key-file misp.key
  ward pull-misp https://misp.example.org --api-key-file misp.key --since 30d --tags tlp:clear,healthcare
  ward pull-misp https://misp.internal --api-key-file misp.key --ca-cert internal-ca.pem

A MISP instance that subscribes to the hub instead uses the hub's MISP feed \
(/misp/api/COLLECTION/, README section MISP).";

#[derive(Args, Debug)]
#[command(after_long_help = PULL_MISP_HELP)]
pub struct PullMispArgs {
    /// The MISP instance's address (https://misp.example.org)
    pub url: String,
    /// A file holding the API key (Administration > Auth keys) alone on its first line
    #[arg(long)]
    pub api_key_file: PathBuf,
    /// How far back to ask when there is no cursor yet, or to ask again from: 7d, 12h, 30m,
    /// or a date (2026-11-01)
    #[arg(long)]
    pub since: Option<String>,
    /// Only events with one of these tags (comma-separated, as MISP writes them)
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// PEM file of the CA that signed the instance's certificate (a private CA)
    #[arg(long)]
    pub ca_cert: Option<PathBuf>,
    /// Events asked for per request
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub page_size: u32,
}

fn cursor_key(url: &str) -> String {
    format!("misp/cursor/{}", url.trim_end_matches('/'))
}

// Long because: key, cursor, the page loop, the import and the summary are one short story.
pub fn run(args: PullMispArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let key = std::fs::read_to_string(&args.api_key_file)
        .with_context(|| format!("--api-key-file {}", args.api_key_file.display()))?;
    let key = key.lines().next().unwrap_or("").trim().to_string();
    if key.is_empty() {
        bail!(
            "--api-key-file {}: empty; expected the MISP API key on its first line",
            args.api_key_file.display()
        );
    }
    let url = args.url.trim_end_matches('/').to_string();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        bail!("{url}: expected the MISP instance's https:// address");
    }
    let client = MispClient::new(&url, &key, args.ca_cert.as_deref())?;
    let store = super::admin::open_store(global, true)?;
    let now = Timestamp::now();
    let now_secs = now.as_micros() / 1_000_000;
    let saved = store
        .setting(&cursor_key(&url))
        .context("reading the MISP cursor")?
        .and_then(|s| s.trim().parse::<i64>().ok());
    let since = match (&args.since, saved) {
        (Some(s), _) => since_seconds(s, now_secs).map_err(anyhow::Error::msg)?,
        (None, Some(cursor)) => cursor,
        (None, None) => since_seconds("7d", now_secs).map_err(anyhow::Error::msg)?,
    };
    let local = DataDir::new(&global.data)
        .local_intel_on(store.clone())
        .with_context(|| format!("opening the local intel in {}", global.data.display()))?;
    let (mut events, mut indicators, mut added, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    let mut newest = saved;
    let mut pages = 0;
    for got in client.pages(since, &args.tags, args.page_size) {
        let (page, got) = got?;
        pages = page;
        let n = got.events.len();
        if n > 0 {
            let result = import_misp_events(&format!("{url} page {page}"), &got.events, now);
            for p in result.problems.iter().take(5) {
                eprintln!("ward pull-misp: skipped {p}");
            }
            skipped += result.problems.len();
            indicators += result
                .objects
                .iter()
                .filter(|o| o.get("type").and_then(|t| t.as_str()) == Some("indicator"))
                .count();
            let summary = local
                .add_imported_at(&result, now)
                .context("writing to the local store")?;
            added += summary.added;
            events += n;
        }
        if let Some(t) = got.newest {
            newest = Some(newest.map_or(t, |c| c.max(t)));
        }
        // Saved after each page: an interrupted run goes on from what it stored.
        if let Some(c) = newest {
            store
                .set_setting(&cursor_key(&url), Some(&c.to_string()))
                .context("saving the MISP cursor")?;
        }
    }
    DataDir::new(&global.data)
        .journal()?
        .record(ward_member::Run::Import {
            source: url.clone(),
            format: "misp-rest".into(),
            objects: added as u64,
        })?;
    if global.json {
        println!(
            "{}",
            json!({"url": url, "since": since, "pages": pages, "events": events,
                "indicators": indicators, "added": added, "skipped": skipped, "cursor": newest})
        );
    } else {
        println!(
            "{url}: {events} events in {pages} page(s), {indicators} indicators, {added} objects new or changed{}",
            if skipped > 0 { format!(", {skipped} attributes skipped") } else { String::new() }
        );
    }
    Ok(ExitCode::SUCCESS)
}
