//! Rates over a recent window for the operator's page: requests, refusals, failures and
//! object versions ingested per minute over the last 5 and 60 minutes, from a ring of one
//! bucket per minute (an hour of them, a fixed few kilobytes whatever the traffic). The time
//! is handed in by the caller, so a test can move it.

use std::sync::Mutex;

/// Minutes the ring holds: the longest window it can answer.
pub(crate) const RING_MINUTES: u64 = 60;

/// What is counted, per minute.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Counts {
    pub requests: u64,
    pub client_errors: u64,
    pub server_errors: u64,
    pub objects_ingested: u64,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.requests += other.requests;
        self.client_errors += other.client_errors;
        self.server_errors += other.server_errors;
        self.objects_ingested += other.objects_ingested;
    }
}

/// Counts per minute over a window, averaged over the minutes of it the process has lived.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct PerMinute {
    pub minutes: u64,
    pub requests: f64,
    pub client_errors: f64,
    pub server_errors: f64,
    pub objects_ingested: f64,
}

#[derive(Clone, Copy, Default)]
struct Bucket {
    /// The minute (seconds since the epoch / 60) these counts are of.
    minute: u64,
    counts: Counts,
}

struct Ring {
    buckets: [Bucket; RING_MINUTES as usize],
    /// The minute counting began.
    start: u64,
}

/// One hub process's counts of the last hour, a minute each.
pub(crate) struct Rates {
    ring: Mutex<Ring>,
}

impl Rates {
    /// Counting from `now` (seconds since the epoch).
    pub fn new(now: u64) -> Rates {
        Rates {
            ring: Mutex::new(Ring {
                buckets: [Bucket::default(); RING_MINUTES as usize],
                start: now / 60,
            }),
        }
    }

    /// Adds `counts` to the minute of `now`.
    pub fn record(&self, now: u64, counts: &Counts) {
        let minute = now / 60;
        let mut ring = self.ring.lock().unwrap_or_else(|p| p.into_inner());
        let slot = &mut ring.buckets[(minute % RING_MINUTES) as usize];
        if slot.minute != minute {
            // An hour old (or never used): the minute starts again from nothing.
            *slot = Bucket {
                minute,
                counts: Counts::default(),
            };
        }
        slot.counts.add(counts);
    }

    /// The counts per minute over the last `minutes` minutes up to `now` (the current minute
    /// among them), at most [`RING_MINUTES`]; a process younger than that averages over the
    /// minutes it has counted.
    pub fn per_minute(&self, now: u64, minutes: u64) -> PerMinute {
        let minute = now / 60;
        let ring = self.ring.lock().unwrap_or_else(|p| p.into_inner());
        let lived = minute.saturating_sub(ring.start) + 1;
        let span = minutes.clamp(1, RING_MINUTES).min(lived);
        let first = minute + 1 - span;
        let mut sum = Counts::default();
        for b in &ring.buckets {
            if (first..=minute).contains(&b.minute) {
                sum.add(&b.counts);
            }
        }
        let per = |n: u64| n as f64 / span as f64;
        PerMinute {
            minutes: span,
            requests: per(sum.requests),
            client_errors: per(sum.client_errors),
            server_errors: per(sum.server_errors),
            objects_ingested: per(sum.objects_ingested),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requests(n: u64) -> Counts {
        Counts {
            requests: n,
            ..Counts::default()
        }
    }

    #[test]
    fn rates_cover_their_window_and_forget_what_is_older() {
        let start = 1_700_000_000 / 60 * 60;
        let rates = Rates::new(start);
        // Minute 0: 60 requests, 6 of them refused, one failed; 500 versions ingested.
        rates.record(
            start + 5,
            &Counts {
                requests: 60,
                client_errors: 6,
                server_errors: 1,
                objects_ingested: 500,
            },
        );
        // A process a minute old averages over that one minute, whatever the window.
        let young = rates.per_minute(start + 30, 5);
        assert_eq!(young.minutes, 1);
        assert_eq!(young.requests, 60.0);
        assert_eq!(young.client_errors, 6.0);
        assert_eq!(young.server_errors, 1.0);
        assert_eq!(young.objects_ingested, 500.0);
        // Minutes 1-9: 10 requests a minute.
        for m in 1..10 {
            rates.record(start + m * 60 + 1, &requests(10));
        }
        // At minute 9, the last 5 minutes (5-9) hold 50 requests; the last 60 (0-9, ten
        // minutes lived) 150.
        let now = start + 9 * 60 + 30;
        let five = rates.per_minute(now, 5);
        assert_eq!(
            (five.minutes, five.requests, five.client_errors),
            (5, 10.0, 0.0)
        );
        let hour = rates.per_minute(now, 60);
        assert_eq!((hour.minutes, hour.requests), (10, 15.0));
        // Quiet for 20 minutes: the last 5 are empty, the hour still holds everything.
        let later = start + 29 * 60;
        assert_eq!(rates.per_minute(later, 5).requests, 0.0);
        assert_eq!(rates.per_minute(later, 60).requests, 150.0 / 30.0);
        // At minute 65 the hour is minutes 6-65: minutes 0-5 are gone (minute 5's slot now
        // holds minute 65's 3 requests), minutes 6-9 are still in it.
        let after = start + 65 * 60;
        rates.record(after, &requests(3));
        let hour = rates.per_minute(after, 60);
        assert_eq!(hour.minutes, 60);
        assert_eq!(hour.requests, (4.0 * 10.0 + 3.0) / 60.0);
        assert_eq!(hour.objects_ingested, 0.0);
        // A window longer than the ring is the ring.
        assert_eq!(rates.per_minute(after, 600).minutes, 60);
    }
}
