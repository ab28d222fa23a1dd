//! Compact, flat hash tables for exact keys. Each table is a few plain vectors (open
//! addressing, linear probing, power-of-two capacity, load at most 0.7), so it costs a few
//! bytes per key beyond the key itself and is written to and read from the index cache as
//! raw arrays, without rebuilding.
//!
//! Values are `u32` "refs" into the index's indicator lists; `EMPTY` marks a free slot.

use xxhash_rust::xxh3::xxh3_64;

use crate::cache::{CacheReader, CacheWriter};
use crate::error::CacheError;

pub const EMPTY: u32 = u32::MAX;

fn capacity_for(n: usize) -> usize {
    (n * 10 / 7 + 1).next_power_of_two().max(8)
}

#[inline]
fn mix64(x: u64) -> u64 {
    // Fibonacci hashing: one multiply spreads sequential addresses over the table.
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Integer keys (IPv4 as u32, IPv6 as u128, network addresses of CIDR blocks).
#[derive(Debug, Clone, Default)]
pub struct IntMap<K> {
    /// Key and ref side by side: a probe touches one cache line.
    slots: Vec<(K, u32)>,
    len: usize,
}

pub trait IntKey: Copy + Eq + Default {
    fn hash(self) -> u64;
}

impl IntKey for u32 {
    #[inline]
    fn hash(self) -> u64 {
        mix64(u64::from(self))
    }
}

impl IntKey for u128 {
    #[inline]
    fn hash(self) -> u64 {
        mix64((self as u64) ^ mix64((self >> 64) as u64))
    }
}

impl<K: IntKey> IntMap<K> {
    /// Builds from distinct keys.
    pub fn build(entries: &[(K, u32)]) -> IntMap<K> {
        let cap = capacity_for(entries.len());
        let mut map = IntMap {
            slots: vec![(K::default(), EMPTY); cap],
            len: entries.len(),
        };
        let mask = cap - 1;
        for &(k, v) in entries {
            let mut i = (k.hash() >> 32) as usize & mask;
            while map.slots[i].1 != EMPTY {
                i = (i + 1) & mask;
            }
            map.slots[i] = (k, v);
        }
        map
    }

    #[inline]
    pub fn get(&self, key: K) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (key.hash() >> 32) as usize & mask;
        loop {
            let (k, v) = self.slots[i];
            if v == EMPTY {
                return None;
            }
            if k == key {
                return Some(v);
            }
            i = (i + 1) & mask;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn keys(&self) -> impl Iterator<Item = K> + '_ {
        self.slots.iter().filter(|s| s.1 != EMPTY).map(|s| s.0)
    }

    pub fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<(K, u32)>()
    }
}

/// One bit per IPv4 block of a fixed size (/16 for a small index, down to /23 for a large
/// one, about 16 bits per address key): set when some address or block of the index lies
/// in it. Checked before the address tables, it answers "no" for most addresses that cannot
/// be indicators (the organization's own private ranges, which every connection has at one
/// end, and most public addresses too) from a bitmap that stays in the cache, instead of a
/// cache miss in each table.
#[derive(Debug, Clone)]
pub struct Ipv4Filter {
    /// `32 - granularity`: an address's bit is `addr >> shift`.
    shift: u32,
    bits: Vec<u64>,
}

impl Default for Ipv4Filter {
    /// Lets everything through (an index not yet filtered).
    fn default() -> Ipv4Filter {
        Ipv4Filter {
            shift: 16,
            bits: vec![u64::MAX; 1 << 10],
        }
    }
}

impl Ipv4Filter {
    /// From the exact addresses and the blocks (prefix length, network address).
    pub fn build<'m>(
        exact: &IntMap<u32>,
        blocks: impl IntoIterator<Item = (u8, &'m IntMap<u32>)> + Clone,
    ) -> Ipv4Filter {
        let keys = exact.len()
            + blocks
                .clone()
                .into_iter()
                .map(|(_, m)| m.len())
                .sum::<usize>();
        let granularity = (keys
            .saturating_mul(16)
            .max(1)
            .next_power_of_two()
            .trailing_zeros())
        .clamp(16, 23);
        let mut f = Ipv4Filter {
            shift: 32 - granularity,
            bits: vec![0; 1 << (granularity - 6)],
        };
        for addr in exact.keys() {
            f.set_range(addr >> f.shift, 1);
        }
        for (prefix, map) in blocks {
            // A block wider than the filter's granularity covers 2^(granularity - prefix)
            // bits.
            let count = 1u64 << granularity.saturating_sub(u32::from(prefix.min(32)));
            for net in map.keys() {
                f.set_range(net >> f.shift, count);
            }
        }
        f
    }

    fn set_range(&mut self, first: u32, count: u64) {
        let total = self.bits.len() as u64 * 64;
        let (mut b, end) = (u64::from(first), (u64::from(first) + count).min(total));
        while b < end {
            if b % 64 == 0 && end - b >= 64 {
                self.bits[(b / 64) as usize] = u64::MAX;
                b += 64;
            } else {
                self.bits[(b / 64) as usize] |= 1 << (b % 64);
                b += 1;
            }
        }
    }

    #[inline]
    pub fn may_contain(&self, addr: u32) -> bool {
        let b = (addr >> self.shift) as usize;
        self.bits
            .get(b >> 6)
            .is_some_and(|w| w & (1 << (b & 63)) != 0)
    }

    pub fn heap_bytes(&self) -> usize {
        self.bits.capacity() * 8
    }
}

impl IntMap<u32> {
    pub fn write(&self, w: &mut CacheWriter) {
        w.u64(self.len as u64);
        w.u32s(&self.slots.iter().map(|s| s.0).collect::<Vec<_>>());
        w.u32s(&self.slots.iter().map(|s| s.1).collect::<Vec<_>>());
    }
    pub fn read(r: &mut CacheReader<'_>) -> Result<IntMap<u32>, CacheError> {
        let len = r.u64()? as usize;
        let keys = r.u32s()?;
        let vals = r.u32s()?;
        check_shape(keys.len(), vals.len(), len)?;
        Ok(IntMap {
            slots: keys.into_iter().zip(vals).collect(),
            len,
        })
    }
}

impl IntMap<u128> {
    pub fn write(&self, w: &mut CacheWriter) {
        w.u64(self.len as u64);
        w.u128s(&self.slots.iter().map(|s| s.0).collect::<Vec<_>>());
        w.u32s(&self.slots.iter().map(|s| s.1).collect::<Vec<_>>());
    }
    pub fn read(r: &mut CacheReader<'_>) -> Result<IntMap<u128>, CacheError> {
        let len = r.u64()? as usize;
        let keys = r.u128s()?;
        let vals = r.u32s()?;
        check_shape(keys.len(), vals.len(), len)?;
        Ok(IntMap {
            slots: keys.into_iter().zip(vals).collect(),
            len,
        })
    }
}

fn check_shape(keys: usize, vals: usize, len: usize) -> Result<(), CacheError> {
    // A corrupt cache must not make `get` loop forever or index out of bounds: the
    // capacity is a power of two with at least one free slot.
    if keys != vals || !keys.is_power_of_two() || len >= keys {
        return Err(CacheError::Corrupt("hash table shape"));
    }
    Ok(())
}

/// Byte-string keys (host names, URLs, hash digests, fingerprints, user agents). Each slot
/// holds 32 bits of the key's hash and the entry number, so a probe touches the key bytes
/// only when the hashes agree.
#[derive(Debug, Clone, Default)]
pub struct StrMap {
    slots: Vec<u64>,
    /// One bit per 2^k hash values (about 16 bits per key, from the tags in `slots`), so
    /// that most absent keys are answered from a bitmap an eighth of the table's size,
    /// likelier to be cached, instead of a cache miss in `slots`. Not in the cache file:
    /// rebuilt at load from the tags.
    filter: Vec<u64>,
    /// Per entry: start in `bytes`, and its ref. Entry `i` ends where `i + 1` starts.
    starts: Vec<u32>,
    refs: Vec<u32>,
    bytes: Vec<u8>,
}

#[inline]
fn str_hash(key: &[u8]) -> u64 {
    xxh3_64(key)
}

impl StrMap {
    /// Builds from distinct keys.
    pub fn build(entries: &[(Vec<u8>, u32)]) -> StrMap {
        let cap = capacity_for(entries.len());
        let mut map = StrMap {
            slots: vec![0; cap],
            filter: Vec::new(),
            starts: Vec::with_capacity(entries.len() + 1),
            refs: Vec::with_capacity(entries.len()),
            bytes: Vec::with_capacity(entries.iter().map(|(k, _)| k.len()).sum()),
        };
        let mask = cap - 1;
        for (n, (key, r)) in entries.iter().enumerate() {
            map.starts.push(map.bytes.len() as u32);
            map.bytes.extend_from_slice(key);
            map.refs.push(*r);
            let h = str_hash(key);
            let mut i = h as usize & mask;
            while map.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            map.slots[i] = (h & 0xFFFF_FFFF_0000_0000) | (n as u64 + 1);
        }
        map.starts.push(map.bytes.len() as u32);
        map.filter = tag_filter(&map.slots, map.refs.len());
        map
    }

    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        if self.refs.is_empty() {
            return None;
        }
        let h = str_hash(key);
        let tag = h & 0xFFFF_FFFF_0000_0000;
        let bit = filter_bit(tag, self.filter.len());
        if self.filter[bit >> 6] & (1 << (bit & 63)) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let n = (s & 0xFFFF_FFFF) as usize - 1;
                let (a, b) = (self.starts[n] as usize, self.starts[n + 1] as usize);
                if &self.bytes[a..b] == key {
                    return Some(self.refs[n]);
                }
            }
            i = (i + 1) & mask;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 8
            + self.filter.capacity() * 8
            + self.starts.capacity() * 4
            + self.refs.capacity() * 4
            + self.bytes.capacity()
    }

    pub fn write(&self, w: &mut CacheWriter) {
        w.u64s(&self.slots);
        w.u32s(&self.starts);
        w.u32s(&self.refs);
        w.bytes(&self.bytes);
    }

    pub fn read(r: &mut CacheReader<'_>) -> Result<StrMap, CacheError> {
        let slots = r.u64s()?;
        let starts = r.u32s()?;
        let refs = r.u32s()?;
        let bytes = r.bytes()?.to_vec();
        let n = refs.len();
        let shape_ok = slots.len().is_power_of_two()
            && n < slots.len()
            && starts.len() == n + 1
            && starts.windows(2).all(|w| w[0] <= w[1])
            && starts
                .last()
                .is_some_and(|&end| end as usize == bytes.len())
            && slots
                .iter()
                .all(|&s| s == 0 || ((s & 0xFFFF_FFFF) as usize).wrapping_sub(1) < n);
        if !shape_ok {
            return Err(CacheError::Corrupt("string table shape"));
        }
        Ok(StrMap {
            filter: tag_filter(&slots, n),
            slots,
            starts,
            refs,
            bytes,
        })
    }
}

/// The filter of a table of `n` keys: one bit per key tag's bucket, a power of two of
/// words with about 16 bits per key.
fn tag_filter(slots: &[u64], n: usize) -> Vec<u64> {
    let words = (n.saturating_mul(16) / 64).max(1).next_power_of_two();
    let mut filter = vec![0u64; words];
    for &s in slots {
        if s != 0 {
            let bit = filter_bit(s & 0xFFFF_FFFF_0000_0000, words);
            filter[bit >> 6] |= 1 << (bit & 63);
        }
    }
    filter
}

/// The filter bit of a tag (the high 32 bits of a key's hash; the slot comes from the low
/// bits, so the two are independent). `words` is a power of two.
#[inline]
fn filter_bit(tag: u64, words: usize) -> usize {
    (tag >> 32) as usize & (words * 64 - 1)
}

/// Interned strings (names, sources, threat names) stored back to back.
#[derive(Debug, Clone)]
pub struct StringTable {
    starts: Vec<u32>,
    bytes: Vec<u8>,
}

impl Default for StringTable {
    fn default() -> StringTable {
        StringTable::new()
    }
}

impl StringTable {
    pub fn new() -> StringTable {
        StringTable {
            starts: vec![0],
            bytes: Vec::new(),
        }
    }

    pub fn push(&mut self, s: &str) -> u32 {
        self.bytes.extend_from_slice(s.as_bytes());
        self.starts.push(self.bytes.len() as u32);
        (self.starts.len() - 2) as u32
    }

    pub fn get(&self, i: u32) -> &str {
        let i = i as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => {
                std::str::from_utf8(&self.bytes[a as usize..b as usize]).unwrap_or_default()
            }
            _ => "",
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 4 + self.bytes.capacity()
    }

    pub fn write(&self, w: &mut CacheWriter) {
        w.u32s(&self.starts);
        w.bytes(&self.bytes);
    }

    pub fn read(r: &mut CacheReader<'_>) -> Result<StringTable, CacheError> {
        let starts = r.u32s()?;
        let bytes = r.bytes()?.to_vec();
        let ok = starts.first() == Some(&0)
            && starts.windows(2).all(|w| w[0] <= w[1])
            && starts.last().is_some_and(|&e| e as usize == bytes.len())
            && std::str::from_utf8(&bytes).is_ok();
        if !ok {
            return Err(CacheError::Corrupt("string table"));
        }
        Ok(StringTable { starts, bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_map_finds_every_key_and_only_them() {
        let entries: Vec<(u32, u32)> = (0..1000u32).map(|i| (i * 7919, i)).collect();
        let m = IntMap::build(&entries);
        for &(k, v) in &entries {
            assert_eq!(m.get(k), Some(v));
        }
        assert_eq!(m.get(1), None);
        assert_eq!(IntMap::<u32>::build(&[]).get(0), None);
        let m0 = IntMap::build(&[(0u32, 5)]);
        assert_eq!(m0.get(0), Some(5));
    }

    #[test]
    fn ipv4_filter_passes_every_indexed_address_and_block() {
        let exact = IntMap::build(&[(0x0B01_0203u32, 0), (0xC0A8_0101, 1)]);
        // 172.16.0.0/12 spans sixteen /16s; 45.0.0.0/8 spans 256.
        let wide = IntMap::build(&[(0xAC10_0000u32, 2)]);
        let slash8 = IntMap::build(&[(0x2D00_0000u32, 3)]);
        let f = Ipv4Filter::build(&exact, [(12, &wide), (8, &slash8)]);
        for addr in [
            0x0B01_FFFFu32,
            0xC0A8_0101,
            0xAC1F_0001,
            0xAC10_0000,
            0x2DFF_FFFF,
        ] {
            assert!(f.may_contain(addr), "{addr:x}");
        }
        // 10.1.2.3, 172.32.0.1, 11.2.0.0, 46.0.0.1: no indicator can match.
        for addr in [0x0A01_0203u32, 0xAC20_0001, 0x0B02_0000, 0x2E00_0001] {
            assert!(!f.may_contain(addr), "{addr:x}");
        }
        let all = Ipv4Filter::build(&IntMap::build(&[]), [(0, &IntMap::build(&[(0u32, 0)]))]);
        assert!(all.may_contain(0x0A00_0001) && all.may_contain(u32::MAX));
    }

    #[test]
    fn large_ipv4_filter_is_finer_and_still_passes_every_key() {
        let exact: Vec<(u32, u32)> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761), i))
            .collect();
        let blocks = IntMap::build(&[(0x0B01_0200u32, 0)]);
        let f = Ipv4Filter::build(&IntMap::build(&exact), [(24, &blocks)]);
        assert_eq!(f.shift, 32 - 22);
        for &(a, _) in &exact {
            assert!(f.may_contain(a));
        }
        assert!(f.may_contain(0x0B01_02FF));
        // 10.0.0.0/8 holds a few keys, but most of its /22s hold none.
        let passed = (0..1u32 << 14)
            .filter(|i| f.may_contain(0x0A00_0000 | (i << 10)))
            .count();
        assert!(passed < 1 << 12, "{passed}");
    }

    #[test]
    fn str_map_finds_every_key_and_only_them() {
        let entries: Vec<(Vec<u8>, u32)> = (0..500u32)
            .map(|i| (format!("host{i}.example").into_bytes(), i))
            .collect();
        let m = StrMap::build(&entries);
        for (k, v) in &entries {
            assert_eq!(m.get(k), Some(*v));
        }
        assert_eq!(m.get(b"host1.exampl"), None);
        assert_eq!(m.get(b""), None);
        let mut w = CacheWriter::default();
        m.write(&mut w);
        let buf = w.into_inner();
        let back = StrMap::read(&mut CacheReader::new(&buf)).unwrap();
        // The filter is rebuilt from the tags at load: every key must still pass it.
        for (k, v) in &entries {
            assert_eq!(back.get(k), Some(*v));
        }
        assert_eq!(back.get(b"host1.exampl"), None);
    }
}
