//! Writes a span of `ward watch` alerts into a member's store, for the web pages' benchmark
//! (`benches/web/`): each alert is the JSON line watch writes (a `ward_detect::Alert` with
//! `time` and `machine` added) kept through `ward_member::watch::alerts::keep`, the call
//! watch itself makes, so the alert keys and the first/last-seen records are the real ones.
//!
//!     cargo run --release -p ward-member --example seed_alerts -- DATA DAYS PER_DAY MACHINES INDICATORS END_SECS
//!
//! DATA is a member folder whose local intel already holds indicators (`ward import`);
//! alerts are spread over DAYS days ending at END_SECS (seconds since the epoch), about
//! PER_DAY a day (between half and one and a half times that), on MACHINES machines, naming
//! INDICATORS of the stored indicators. Machines and indicators are drawn with a skew (a few
//! machines and indicators alert often, most rarely), and a pair that alerted within the
//! hour is skipped, as watch's de-duplication does. Deterministic for the same arguments.

use std::path::PathBuf;
use std::process::ExitCode;

use ward_detect::Alert;
use ward_member::DataDir;
use ward_store::{ObjectQuery, VersionSelect};

/// Deterministic draws for spreading test data: the SHA-256 of a counter (no hand-written
/// generator to keep).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        use sha2::Digest;
        self.0 += 1;
        let digest = sha2::Sha256::digest(self.0.to_le_bytes());
        let mut word = [0u8; 8];
        word.copy_from_slice(&digest[..8]);
        u64::from_le_bytes(word) % n.max(1)
    }
    /// Skewed towards 0: the least of three draws.
    fn skewed(&mut self, n: u64) -> u64 {
        let a = self.below(n);
        let b = self.below(n);
        let c = self.below(n);
        a.min(b).min(c)
    }
}

struct Intel {
    id: String,
    name: String,
    value: String,
}

fn main() -> ExitCode {
    match run() {
        Ok(n) => {
            println!("{n} alerts kept");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seed_alerts: {e}");
            ExitCode::from(2)
        }
    }
}

fn arg<T: std::str::FromStr>(args: &[String], i: usize, name: &str) -> Result<T, String> {
    args.get(i).and_then(|a| a.parse().ok()).ok_or_else(|| {
        format!("{name}: expected a number (usage: DATA DAYS PER_DAY MACHINES INDICATORS END_SECS)")
    })
}

fn run() -> Result<u64, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = DataDir::new(PathBuf::from(
        args.first().ok_or("DATA: expected a member folder")?,
    ));
    let days: i64 = arg(&args, 1, "DAYS")?;
    let per_day: u64 = arg(&args, 2, "PER_DAY")?;
    let machines: u64 = arg(&args, 3, "MACHINES")?;
    let wanted: usize = arg(&args, 4, "INDICATORS")?;
    let end: i64 = arg(&args, 5, "END_SECS")?;
    let store = data.open_store().map_err(|e| e.to_string())?;
    let local = store
        .collections()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|c| c.title == ward_feeds::local::COLLECTION_TITLE)
        .ok_or("no local intel in DATA: run `ward import` first")?;
    // The first indicators stored, every few taken, until enough.
    let mut intel = Vec::new();
    let mut query = ObjectQuery {
        types: vec!["indicator".into()],
        versions: VersionSelect::last(),
        limit: 1000,
        ..ObjectQuery::default()
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    while intel.len() < wanted {
        let page = store
            .query_objects(&local.id, &query)
            .map_err(|e| e.to_string())?;
        for v in &page.items {
            if intel.len() < wanted && rng.below(4) == 0 {
                let json: serde_json::Value =
                    serde_json::from_str(&v.json).map_err(|e| e.to_string())?;
                let pattern = json["pattern"].as_str().unwrap_or("");
                intel.push(Intel {
                    id: v.id.clone(),
                    name: json["name"].as_str().unwrap_or("").to_string(),
                    value: pattern.split('\'').nth(1).unwrap_or(pattern).to_string(),
                });
            }
        }
        match page.items.last() {
            Some(last) if page.more => query.after = Some(last.position()),
            _ => break,
        }
    }
    if intel.is_empty() {
        return Err("no indicator in the local intel".into());
    }
    let machine_name = |m: u64| match m % 10 {
        0 => format!("SRV-{m:03}"),
        1 => format!("PACS-{m:02}"),
        _ => format!("WS-{m:04}"),
    };
    let mut last_alert: std::collections::HashMap<(u64, usize), i64> = Default::default();
    let mut seq = 0u64;
    let start = end - days * 86_400;
    for day in 0..days {
        let n = per_day / 2 + rng.below(per_day + 1);
        let mut times: Vec<i64> = (0..n)
            .map(|_| start + day * 86_400 + rng.below(86_400) as i64)
            .collect();
        times.sort_unstable();
        for secs in times {
            let m = rng.skewed(machines);
            let i = rng.skewed(intel.len() as u64) as usize;
            if last_alert.get(&(m, i)).is_some_and(|&t| secs - t < 3600) {
                continue;
            }
            last_alert.insert((m, i), secs);
            let machine = machine_name(m);
            let ind = &intel[i];
            let device = format!("10.{}.{}.{}", 20 + m / 250, m % 250, 10 + m % 7);
            let event = ward_stix::Timestamp::from_micros(secs * 1_000_000).to_string();
            let alert = Alert {
                file: "logs/firewall.log".into(),
                line: seq + 1,
                timestamp: Some(event.clone()),
                field: "dest_ip".into(),
                value: ind.value.clone(),
                indicator_id: ind.id.clone(),
                indicator_name: Some(ind.name.clone()),
                score: Some(40 + (i % 60) as u8),
                tlp: None,
                sources: vec!["list:feed.txt".into()],
                sentence: format!(
                    "{device} connected to {}, which your intel lists as {}.",
                    ind.value, ind.name
                ),
                device: Some(machine.clone()),
                threats: Vec::new(),
            };
            // As watch writes it: the alert, the time it was written and the machine.
            let mut value = serde_json::to_value(&alert).map_err(|e| e.to_string())?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("time".into(), event.into());
                obj.insert("machine".into(), machine.into());
            }
            ward_member::watch::alerts::keep(&*store, secs, seq, &value)
                .map_err(|e| e.to_string())?;
            seq += 1;
        }
    }
    Ok(seq)
}
