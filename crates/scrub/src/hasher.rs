//! A small multiplicative hasher for the word sets. The keys are short words from the
//! scrubber's own lists, never chosen by an attacker as a whole set, and SipHash costs more
//! than the rest of the per-token work put together.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
}

pub type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;
pub type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<WordHasher>>;
