//! `ward watch`'s sharing back (`[share]` in watch.toml): each alert is counted for its
//! indicator ([`Sightings::record`], called by the loop), and every period a thread of its
//! own turns the counts into one STIX bundle of sightings, scrubs it exactly as `ward share`
//! scrubs a file (the organization profile is required), and puts it in the approval queue.
//! In `auto` mode it then sends every automatic item the queue holds, so a payload the hub
//! did not take is tried again the next period, and is still there after a restart.
//!
//! The sending runs off the following thread: a slow or unreachable hub never delays an
//! alert.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ward_member::share_queue::{self, Origin};
use ward_member::watch::share::{
    record_sighting, sightings_bundle, take_sightings, ShareConfig, ShareMode,
};
use ward_member::watch::WatchConfig;
use ward_member::DataDir;
use ward_scrub::Scrubber;
use ward_store::Store;

use crate::cmd::share::{check_destination, post, prepare_stix, Destination};
use crate::cmd::share_queue::queued_share;

/// The loop's handle for counting alerts; does nothing when sharing is off.
#[derive(Default)]
pub struct Sightings {
    inner: Option<Arc<Counts>>,
}

/// The store the counts are kept in, and the lock that keeps a count from falling between
/// the reading and the clearing of a period's counts.
struct Counts {
    store: Arc<dyn Store>,
    lock: Mutex<()>,
}

impl Sightings {
    /// Counts one alert on `indicator_id` for this period's sightings.
    pub fn record(&self, indicator_id: &str) {
        let Some(counts) = &self.inner else { return };
        let _held = counts.lock.lock();
        let now = ward_member::journal::now();
        if let Err(e) = record_sighting(&*counts.store, indicator_id, now) {
            say!("watch: share: the sighting of {indicator_id} could not be counted: {e}");
        }
    }
}

/// Checks what sharing needs (the organization profile; the token file in auto mode) and
/// starts the sharing thread. A `[share]` that cannot work stops watch at its start, rather
/// than failing silently every period.
pub fn start(
    data: &DataDir,
    config: &WatchConfig,
    store: Arc<dyn Store>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Sightings> {
    let Some(share) = config.share.clone() else {
        return Ok(Sightings { inner: None });
    };
    scrubber(data).map_err(|e| anyhow::anyhow!("[share] in watch.toml: {e:#}"))?;
    if share.mode == ShareMode::Auto {
        share.read_token().map_err(anyhow::Error::msg)?;
    }
    let counts = Arc::new(Counts {
        store,
        lock: Mutex::new(()),
    });
    say!(
        "watch: sightings are {} every {} for {} collection {}",
        if share.mode == ShareMode::Auto {
            "shared"
        } else {
            "queued for approval"
        },
        period_text(share.every),
        share.to,
        share.collection
    );
    let data = data.clone();
    let worker = counts.clone();
    std::thread::spawn(move || share_loop(&data, &share, &worker, &stop));
    Ok(Sightings {
        inner: Some(counts),
    })
}

/// What `--check-config` says about `[share]`.
pub fn print_config(data: &DataDir, config: &WatchConfig) {
    let Some(s) = &config.share else {
        println!("  share: off (nothing is shared back; see [share] in the README)");
        return;
    };
    let mode = if s.mode == ShareMode::Auto {
        "auto"
    } else {
        "queue"
    };
    println!(
        "  share: {mode}, sightings every {} to {} collection {}",
        period_text(s.every),
        s.to,
        s.collection
    );
    if let Some(t) = &s.token_file {
        println!("  share: token from {}", t.display());
    }
    if let Some(ca) = &s.ca_cert {
        println!("  share: trusting the CA in {}", ca.display());
    }
    if let Err(e) = data.require_org_profile() {
        println!("  share: watch will not start: {e}");
    }
    if s.mode == ShareMode::Auto {
        if let Err(e) = s.read_token() {
            println!("  share: watch will not start: {e}");
        }
    }
}

/// A period as `every` is written.
fn period_text(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        _ if s.is_multiple_of(86_400) => format!("{}d", s / 86_400),
        _ if s.is_multiple_of(3600) => format!("{}h", s / 3600),
        _ if s.is_multiple_of(60) => format!("{}m", s / 60),
        _ => format!("{s}s"),
    }
}

/// The scrubber `ward share` uses: the organization profile, required.
fn scrubber(data: &DataDir) -> anyhow::Result<Scrubber> {
    let profile = data.require_org_profile()?;
    Ok(Scrubber::new(profile.scrub_config(&[], &[]))?)
}

fn share_loop(data: &DataDir, share: &ShareConfig, counts: &Counts, stop: &AtomicBool) {
    // What an earlier run could not send goes first.
    if share.mode == ShareMode::Auto {
        send_waiting(&*counts.store, share);
    }
    let mut next = Instant::now() + share.every;
    loop {
        while Instant::now() < next {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        next += share.every;
        queue_period(data, share, counts);
        if share.mode == ShareMode::Auto {
            send_waiting(&*counts.store, share);
        }
    }
}

/// Turns the period's counts into one scrubbed sightings payload in the queue.
fn queue_period(data: &DataDir, share: &ShareConfig, counts: &Counts) {
    // Checked before the counts are taken: without a profile nothing is shared and the
    // counts wait.
    let scrubber = match scrubber(data) {
        Ok(s) => s,
        Err(e) => {
            say!("watch: share: nothing shared this period, the counts are kept: {e:#}");
            return;
        }
    };
    let tallies = {
        let _held = counts.lock.lock();
        match take_sightings(&*counts.store) {
            Ok(t) => t,
            Err(e) => {
                say!("watch: share: the sightings counts could not be read: {e}");
                return;
            }
        }
    };
    let Some(bundle) = sightings_bundle(&tallies, ward_member::journal::now()) else {
        return;
    };
    let alerts: u64 = tallies.values().map(|t| t.count).sum();
    let what = format!(
        "sightings of {} indicator(s), {alerts} alert(s), from ward watch",
        tallies.len()
    );
    let dest = Destination {
        to: share.to.clone(),
        collection: share.collection.clone(),
        token: None,
        ca_cert: share.ca_cert.clone(),
    };
    let origin = if share.mode == ShareMode::Auto {
        Origin::Auto
    } else {
        Origin::Manual
    };
    let queued = prepare_stix(&what, &bundle, &scrubber)
        .and_then(|p| queued_share(&p, &dest, origin))
        .and_then(|item| Ok(share_queue::enqueue(&*counts.store, item)?));
    match queued {
        Ok(id) if origin == Origin::Manual => say!(
            "watch: share: {what} queued as {id}; `ward share queue show {id}` shows it, `ward share queue approve {id}` sends it"
        ),
        Ok(_) => {}
        Err(e) => say!("watch: share: {what} could not be queued: {e:#}"),
    }
}

/// Sends every automatic item in the queue; what the hub does not take stays for the next
/// period.
fn send_waiting(store: &dyn Store, share: &ShareConfig) {
    let items = match share_queue::list(store) {
        Ok(items) => items,
        Err(e) => {
            say!("watch: share: {e}");
            return;
        }
    };
    let waiting: Vec<_> = items
        .into_iter()
        .filter(|i| i.origin == Origin::Auto)
        .collect();
    if waiting.is_empty() {
        return;
    }
    let token = match share.read_token() {
        Ok(t) => t,
        Err(e) => {
            say!(
                "watch: share: {} item(s) not sent, tried again next period: {e}",
                waiting.len()
            );
            return;
        }
    };
    for item in waiting {
        let dest = Destination {
            to: item.to.clone(),
            collection: item.collection.clone(),
            token: token.clone(),
            ca_cert: item.ca_cert.clone(),
        };
        let sent = check_destination(&dest).and_then(|()| post(&dest, &item.body));
        match sent {
            Ok(sent) => {
                if let Err(e) = share_queue::remove(store, item.id) {
                    say!(
                        "watch: share: item {} was sent but is still queued: {e}",
                        item.id
                    );
                }
                say!(
                    "watch: share: sent {} to {}: {}",
                    item.what,
                    dest.objects_url(),
                    sent.summary()
                );
            }
            Err(e) => say!(
                "watch: share: {} (queue item {}) not sent, tried again next period: {e:#}",
                item.what,
                item.id
            ),
        }
    }
}
