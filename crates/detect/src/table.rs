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

/// One bit per IPv4 /16: set when some address or block of the index lies in it. Checked
/// before the address tables, it answers "no" for most addresses that cannot be indicators
/// (the organization's own private ranges, which every connection has at one end) from
/// 8 KB that stay in the L1 cache, instead of a cache miss per table.
#[derive(Debug, Clone)]
pub struct Ipv4Filter {
    bits: Vec<u64>,
}

impl Default for Ipv4Filter {
    /// Lets everything through (an index not yet filtered).
    fn default() -> Ipv4Filter {
        Ipv4Filter {
            bits: vec![u64::MAX; 1024],
        }
    }
}

impl Ipv4Filter {
    /// From the exact addresses and the blocks (prefix length, network address).
    pub fn build<'m>(
        exact: &IntMap<u32>,
        blocks: impl IntoIterator<Item = (u8, &'m IntMap<u32>)>,
    ) -> Ipv4Filter {
        let mut f = Ipv4Filter {
            bits: vec![0; 1024],
        };
        for addr in exact.keys() {
            f.set(addr >> 16);
        }
        for (prefix, map) in blocks {
            for net in map.keys() {
                let first = net >> 16;
                // A block wider than a /16 covers 2^(16 - prefix) of them.
                let count = 1u32 << 16u32.saturating_sub(u32::from(prefix.min(32)));
                for b in first..(first + count).min(1 << 16) {
                    f.set(b);
                }
            }
        }
        f
    }

    fn set(&mut self, slash16: u32) {
        self.bits[(slash16 >> 6) as usize] |= 1 << (slash16 & 63);
    }

    #[inline]
    pub fn may_contain(&self, addr: u32) -> bool {
        let b = addr >> 16;
        self.bits[(b >> 6) as usize] & (1 << (b & 63)) != 0
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
        map
    }

    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        if self.refs.is_empty() {
            return None;
        }
        let h = str_hash(key);
        let tag = h & 0xFFFF_FFFF_0000_0000;
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
            slots,
            starts,
            refs,
            bytes,
        })
    }
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
        assert_eq!(back.get(b"host42.example"), Some(42));
    }
}
