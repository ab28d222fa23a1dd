//! The de-duplication memory: which machine alerted on which indicator within the window
//! (an hour), so the same pair alerts once. Bounded twice: by age (an entry older than the
//! window is dropped) and by size (`dedup_max_entries`; past it the oldest entry goes first,
//! and each such early eviction is counted, since that pair could alert again within the hour).

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// (machine, indicator id).
pub type Key = (String, String);

pub struct Dedup {
    window: Duration,
    max: usize,
    /// Each key and when it last alerted.
    seen: HashMap<Key, Instant>,
    /// The same keys in the order they alerted (oldest first). A key alerted again after
    /// the window has a second, newer place here; the older one is skipped when it comes up.
    order: VecDeque<(Instant, Key)>,
    /// Entries dropped before their window ended, the size bound reached.
    evicted: u64,
}

impl Dedup {
    /// An empty memory of `window`, holding `max` entries at most (at least one).
    pub fn new(window: Duration, max: usize) -> Dedup {
        Dedup {
            window,
            max: max.max(1),
            seen: HashMap::new(),
            order: VecDeque::new(),
            evicted: 0,
        }
    }

    /// Whether `key` alerted within the window.
    pub fn is_recent(&self, key: &Key) -> bool {
        self.seen
            .get(key)
            .is_some_and(|t| t.elapsed() < self.window)
    }

    /// Remembers that `key` alerted now.
    pub fn insert(&mut self, key: Key) {
        self.insert_at(key, Instant::now());
    }

    /// Remembers that `key` alerted at `at` (read back from the alerts file at start; the
    /// caller gives them oldest first).
    pub fn insert_at(&mut self, key: Key, at: Instant) {
        self.seen.insert(key.clone(), at);
        self.order.push_back((at, key));
        while self.seen.len() > self.max {
            if !self.pop_oldest() {
                break;
            }
            self.evicted += 1;
        }
        // Places left behind by keys alerted again are dropped once they are as many as the
        // keys, so `order` stays within twice the bound.
        if self.order.len() > 2 * self.max {
            let seen = &self.seen;
            self.order
                .retain(|(at, key)| seen.get(key).is_some_and(|t| t == at));
        }
    }

    /// Drops what can no longer suppress an alert (older than the window).
    pub fn prune(&mut self) {
        while let Some((at, _)) = self.order.front() {
            if at.elapsed() < self.window {
                break;
            }
            self.pop_front();
        }
    }

    /// Removes the oldest key (skipping the stale places of keys alerted again); false when
    /// there is none.
    fn pop_oldest(&mut self) -> bool {
        while !self.order.is_empty() {
            if self.pop_front() {
                return true;
            }
        }
        false
    }

    /// Removes the oldest place in `order`, and its key if that place is the key's latest;
    /// whether a key was removed.
    fn pop_front(&mut self) -> bool {
        let Some((at, key)) = self.order.pop_front() else {
            return false;
        };
        if self.seen.get(&key) != Some(&at) {
            return false;
        }
        self.seen.remove(&key);
        true
    }

    /// Entries held.
    pub fn entries(&self) -> usize {
        self.seen.len()
    }

    /// Entries dropped early since the start, the size bound reached.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(machine: &str, indicator: &str) -> Key {
        (machine.to_string(), indicator.to_string())
    }

    #[test]
    fn never_holds_more_than_its_bound_and_evicts_the_oldest() {
        let mut d = Dedup::new(Duration::from_secs(3600), 3);
        for i in 0..10 {
            d.insert(key(&format!("10.0.0.{i}"), "indicator--a"));
            assert!(
                d.entries() <= 3,
                "{} entries after {} inserts",
                d.entries(),
                i + 1
            );
        }
        assert_eq!(d.entries(), 3);
        assert_eq!(d.evicted(), 7);
        // The three newest are remembered, the older ones forgotten.
        for i in 7..10 {
            assert!(d.is_recent(&key(&format!("10.0.0.{i}"), "indicator--a")));
        }
        for i in 0..7 {
            assert!(!d.is_recent(&key(&format!("10.0.0.{i}"), "indicator--a")));
        }
        assert!(d.order.len() <= 6);
    }

    #[test]
    fn a_key_alerted_again_keeps_its_newest_time_and_its_place() {
        let mut d = Dedup::new(Duration::from_secs(3600), 2);
        let start = Instant::now();
        d.insert_at(key("a", "i"), start);
        d.insert_at(key("b", "i"), start + Duration::from_millis(1));
        // "a" again (after its window, say): now newer than "b".
        d.insert_at(key("a", "i"), start + Duration::from_millis(2));
        assert_eq!(d.entries(), 2);
        d.insert_at(key("c", "i"), start + Duration::from_millis(3));
        // "b" was the oldest; "a"'s stale first place did not count as an eviction of "a".
        assert_eq!(d.entries(), 2);
        assert!(d.seen.contains_key(&key("a", "i")));
        assert!(d.seen.contains_key(&key("c", "i")));
        assert!(!d.seen.contains_key(&key("b", "i")));
        assert_eq!(d.evicted(), 1);
    }

    #[test]
    fn entries_older_than_the_window_are_pruned() {
        let mut d = Dedup::new(Duration::from_secs(60), 100);
        let old = Instant::now()
            .checked_sub(Duration::from_secs(120))
            .expect("a clock two minutes past its start");
        d.insert_at(key("old", "i"), old);
        d.insert(key("new", "i"));
        assert!(!d.is_recent(&key("old", "i")));
        d.prune();
        assert_eq!(d.entries(), 1);
        assert!(d.is_recent(&key("new", "i")));
        assert_eq!(d.evicted(), 0);
    }
}
