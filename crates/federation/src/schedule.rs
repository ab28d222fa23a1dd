//! The schedule `ward serve` runs peers on: one background thread that reads the peers from
//! the store (so `ward admin peer add/remove` takes effect without a restart), starts each
//! when it is due, on a thread of its own (at most [`CONCURRENT_PEERS`] at a time, a peer
//! never twice at once), and sleeps in between. A run is due `every` after the last one, give or take a
//! tenth (jitter, so hubs that start together do not sync in lockstep); after a failure it is
//! retried sooner, 30 s, 1 min, 2 min... doubling, but never more often than that nor later
//! than `every` (back-off). The first run of each peer comes within a minute of start.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ward_policy::Policy;
use ward_store::Store;

use crate::peers;
use crate::sync::sync_peer;

/// How often the list of peers is read again.
const RELOAD: Duration = Duration::from_secs(10);
/// The first retry after a failure.
const FIRST_RETRY: Duration = Duration::from_secs(30);

/// A pseudo-random fraction in [0, 1), different on every call.
fn random_fraction() -> f64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// `every` give or take a tenth.
pub fn jittered(every: Duration) -> Duration {
    every.mul_f64(0.9 + 0.2 * random_fraction())
}

/// How long to wait after `failures` failed runs in a row (at least one).
pub fn backoff(failures: u32, every: Duration) -> Duration {
    let doubling = FIRST_RETRY.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    doubling.min(every.max(FIRST_RETRY))
}

/// The running schedule; [`Schedule::stop`] ends it between pages.
pub struct Schedule {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Schedule {
    /// Starts the thread. `log` receives one line per run.
    pub fn start(
        store: Arc<dyn Store>,
        policy: Arc<Policy>,
        log: impl Fn(&str) + Send + Sync + 'static,
    ) -> std::io::Result<Schedule> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = std::thread::Builder::new()
            .name("ward-federation".into())
            .spawn(move || run(store.as_ref(), &policy, &flag, &log))?;
        Ok(Schedule {
            stop,
            handle: Some(handle),
        })
    }

    /// Asks the thread to stop and waits up to `grace` for it (a run in the middle of a
    /// request finishes that request first).
    pub fn stop(mut self, grace: Duration) {
        self.stop.store(true, Ordering::Relaxed);
        let started = Instant::now();
        if let Some(handle) = self.handle.take() {
            while !handle.is_finished() && started.elapsed() < grace {
                std::thread::sleep(Duration::from_millis(50));
            }
            if handle.is_finished() {
                let _ = handle.join();
            }
        }
    }
}

/// Peers synced at the same time at most: each run mostly waits on its peer's answers, so a
/// slow or unreachable peer does not hold the others back, and four runs cannot take more
/// than a share of the hub's cores and store.
pub const CONCURRENT_PEERS: usize = 4;

/// One run of `config`'s peer, logged; how long until its next run.
fn run_one(
    store: &dyn Store,
    policy: &Policy,
    config: &peers::PeerConfig,
    stop: &AtomicBool,
    log: &(dyn Fn(&str) + Sync),
) -> Duration {
    match sync_peer(store, policy, config, stop) {
        Ok(report) => match &report.error {
            None => {
                log(&format!(
                    "federation: peer {}: {}",
                    report.peer, report.stats
                ));
                jittered(config.every())
            }
            Some(e) => {
                let failures = peers::state(store, &config.name)
                    .map(|s| s.failures)
                    .unwrap_or(1);
                let wait = backoff(failures, config.every());
                log(&format!(
                    "federation: peer {}: {e}; retrying in {}s",
                    report.peer,
                    wait.as_secs()
                ));
                jittered(wait)
            }
        },
        Err(e) => {
            log(&format!("federation: peer {}: {e}", config.name));
            jittered(backoff(1, config.every()))
        }
    }
}

fn run(store: &dyn Store, policy: &Policy, stop: &AtomicBool, log: &(dyn Fn(&str) + Sync)) {
    let mut due: HashMap<String, Instant> = HashMap::new();
    let mut configs = Vec::new();
    let mut loaded: Option<Instant> = None;
    // The peers being synced now; each run's thread says when it ends and when it is due.
    let mut running: HashSet<String> = HashSet::new();
    let (done, ended) = mpsc::channel::<(String, Duration)>();
    std::thread::scope(|scope| {
        while !stop.load(Ordering::Relaxed) {
            while let Ok((name, next)) = ended.try_recv() {
                running.remove(&name);
                due.insert(name, Instant::now() + next);
            }
            if loaded.is_none_or(|l| l.elapsed() >= RELOAD) {
                match peers::list(store) {
                    Ok(list) => configs = list,
                    Err(e) => log(&format!("federation: reading the peers: {e}")),
                }
                loaded = Some(Instant::now());
                due.retain(|name, _| configs.iter().any(|c| &c.name == name));
            }
            let now = Instant::now();
            for config in &configs {
                if running.len() >= CONCURRENT_PEERS {
                    break;
                }
                if running.contains(&config.name) {
                    continue;
                }
                let first = config.every().min(Duration::from_secs(60));
                let at = *due
                    .entry(config.name.clone())
                    .or_insert_with(|| now + first.mul_f64(random_fraction()));
                if now < at {
                    continue;
                }
                let name = config.name.clone();
                running.insert(name.clone());
                let config = config.clone();
                let done = done.clone();
                let spawned = std::thread::Builder::new()
                    .name("ward-federation-peer".into())
                    .spawn_scoped(scope, move || {
                        let next = run_one(store, policy, &config, stop, log);
                        let _ = done.send((config.name, next));
                    });
                if let Err(e) = spawned {
                    // No thread to be had now: tried again at the next turn.
                    log(&format!("federation: starting a sync: {e}"));
                    running.remove(&name);
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        // Leaving the scope waits for the runs under way; each stops at its next page.
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_every() {
        let hour = Duration::from_secs(3600);
        assert_eq!(backoff(1, hour), Duration::from_secs(30));
        assert_eq!(backoff(2, hour), Duration::from_secs(60));
        assert_eq!(backoff(4, hour), Duration::from_secs(240));
        assert_eq!(backoff(30, hour), hour);
        assert_eq!(backoff(3, Duration::from_secs(10)), Duration::from_secs(30));
        for _ in 0..100 {
            let j = jittered(Duration::from_secs(100));
            assert!(j >= Duration::from_secs(90) && j <= Duration::from_secs(110));
        }
    }
}
