//! The cache file format: the built tables written as one byte string under a magic number,
//! a format version and the intel's fingerprint, and read back with every length checked.

use super::full::FullPattern;
use super::IndicatorIndex;
use crate::cache::{CacheReader, CacheWriter};
use crate::error::CacheError;
use crate::table::{IntMap, StrMap, StringTable};

const MAGIC: &[u8; 8] = b"WARDIDX\0";
const FORMAT_VERSION: u32 = 1;

impl IndicatorIndex {
    /// The cache file's bytes. `fingerprint` identifies the intel the index was built from;
    /// [`IndicatorIndex::from_cache`] refuses a cache whose fingerprint differs.
    pub fn to_cache(&self, fingerprint: u64) -> Vec<u8> {
        let mut w = CacheWriter::default();
        for &b in MAGIC {
            w.u8(b);
        }
        w.u32(FORMAT_VERSION);
        w.u64(fingerprint);
        self.ipv4.write(&mut w);
        w.u32(self.ipv4_nets.len() as u32);
        for (p, m) in &self.ipv4_nets {
            w.u8(*p);
            m.write(&mut w);
        }
        self.ipv6.write(&mut w);
        w.u32(self.ipv6_nets.len() as u32);
        for (p, m) in &self.ipv6_nets {
            w.u8(*p);
            m.write(&mut w);
        }
        for m in self.str_maps() {
            m.write(&mut w);
        }
        w.u32s(&self.multi);
        w.u128s(&self.meta.uuids);
        w.u32s(&self.meta.names);
        w.u32s(&self.meta.sources);
        w.u32s(&self.meta.threats);
        w.bytes(&self.meta.scores);
        w.bytes(&self.meta.tlps);
        self.strings.write(&mut w);
        w.u32s(&self.lists);
        w.u32(self.full.len() as u32);
        for f in &self.full {
            w.u32(f.indicator);
            w.str(&f.text);
        }
        w.into_inner()
    }

    fn str_maps(&self) -> [&StrMap; 8] {
        [
            &self.domains,
            &self.domain_zones,
            &self.urls,
            &self.hashes,
            &self.emails,
            &self.ja3,
            &self.ja4,
            &self.user_agents,
        ]
    }

    /// Reads a cache file written by [`IndicatorIndex::to_cache`] with the same fingerprint.
    pub fn from_cache(bytes: &[u8], fingerprint: u64) -> Result<IndicatorIndex, CacheError> {
        let mut r = CacheReader::new(bytes);
        for &b in MAGIC {
            if r.u8().map_err(|_| CacheError::NotAnIndex)? != b {
                return Err(CacheError::NotAnIndex);
            }
        }
        if r.u32()? != FORMAT_VERSION {
            return Err(CacheError::NotAnIndex);
        }
        if r.u64()? != fingerprint {
            return Err(CacheError::Stale);
        }
        let mut index = IndicatorIndex {
            ipv4: IntMap::<u32>::read(&mut r)?,
            ..Default::default()
        };
        for _ in 0..r.u32()?.min(33) {
            let p = r.u8()?;
            index
                .ipv4_nets
                .push((p.min(32), IntMap::<u32>::read(&mut r)?));
        }
        index.ipv6 = IntMap::<u128>::read(&mut r)?;
        for _ in 0..r.u32()?.min(129) {
            let p = r.u8()?;
            index
                .ipv6_nets
                .push((p.min(128), IntMap::<u128>::read(&mut r)?));
        }
        index.domains = StrMap::read(&mut r)?;
        index.domain_zones = StrMap::read(&mut r)?;
        index.urls = StrMap::read(&mut r)?;
        index.hashes = StrMap::read(&mut r)?;
        index.emails = StrMap::read(&mut r)?;
        index.ja3 = StrMap::read(&mut r)?;
        index.ja4 = StrMap::read(&mut r)?;
        index.user_agents = StrMap::read(&mut r)?;
        index.multi = r.u32s()?;
        index.meta.uuids = r.u128s()?;
        index.meta.names = r.u32s()?;
        index.meta.sources = r.u32s()?;
        index.meta.threats = r.u32s()?;
        index.meta.scores = r.bytes()?.to_vec();
        index.meta.tlps = r.bytes()?.to_vec();
        index.strings = StringTable::read(&mut r)?;
        index.lists = r.u32s()?;
        let n = index.meta.uuids.len();
        let columns_ok = [
            index.meta.names.len(),
            index.meta.sources.len(),
            index.meta.threats.len(),
            index.meta.scores.len(),
            index.meta.tlps.len(),
        ]
        .iter()
        .all(|&l| l == n);
        if !columns_ok {
            return Err(CacheError::Corrupt("indicator columns"));
        }
        for _ in 0..r.u32()? {
            let indicator = r.u32()?;
            let text = r.str()?;
            if indicator as usize >= n {
                return Err(CacheError::Corrupt("full-evaluation indicator"));
            }
            if let Some(f) = FullPattern::prepare(indicator, text) {
                index.full.push(f);
            }
        }
        if !r.is_at_end() {
            return Err(CacheError::Corrupt("trailing bytes"));
        }
        // Every ref must name an indicator: a corrupt ref would show another's name.
        if !multi_ok(&index.multi, n) {
            return Err(CacheError::Corrupt("indicator lists"));
        }
        index.filter_ipv4();
        Ok(index)
    }
}

fn multi_ok(multi: &[u32], n: usize) -> bool {
    let mut i = 0;
    while i < multi.len() {
        let len = multi[i] as usize;
        match multi.get(i + 1..i + 1 + len) {
            Some(s) if s.iter().all(|&x| (x as usize) < n) => i += 1 + len,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{BuildOptions, IndexStats};
    use serde_json::json;
    use ward_stix::StixObject;

    fn ind(n: u32, pattern: &str) -> StixObject {
        StixObject::from_value(json!({"type": "indicator", "spec_version": "2.1",
            "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
            "created": "2024-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
            "pattern": pattern, "pattern_type": "stix", "valid_from": "2024-01-01T00:00:00Z"}))
        .unwrap()
    }

    #[test]
    fn cache_round_trip_and_refusals() {
        let (index, report) = IndicatorIndex::from_objects(
            vec![
                ind(1, "[ipv4-addr:value = '203.0.113.7']"),
                ind(
                    2,
                    "[ipv4-addr:value = '203.0.113.7'] OR [domain-name:value = 'a.test']",
                ),
                ind(
                    3,
                    "[ipv4-addr:value = '203.0.113.7' AND ipv4-addr:value != '1.1.1.1']",
                ),
                ind(4, "[file:name = 'x'"),
            ],
            BuildOptions::default(),
        );
        assert_eq!(report.indexed, 2);
        assert_eq!(report.full_evaluation, 1);
        assert_eq!(report.skipped.len(), 1);
        let bytes = index.to_cache(7);
        let back = IndicatorIndex::from_cache(&bytes, 7).unwrap();
        let no_bytes = |s: IndexStats| IndexStats { bytes: 0, ..s };
        assert_eq!(no_bytes(back.stats()), no_bytes(index.stats()));
        let mut found = Vec::new();
        back.lookup_ipv4(0xCB00_7107, &mut |n| found.push(n));
        found.sort();
        assert_eq!(found, vec![0, 1]);
        assert_eq!(
            back.info(1).unwrap().id,
            "indicator--00000000-0000-4000-8000-000000000002"
        );
        assert_eq!(
            IndicatorIndex::from_cache(&bytes, 8).unwrap_err(),
            CacheError::Stale
        );
        // Every truncation and a flipped byte anywhere: an error or an index, never a panic.
        for cut in 0..bytes.len() {
            assert!(IndicatorIndex::from_cache(&bytes[..cut], 7).is_err());
        }
        for at in (0..bytes.len()).step_by(7) {
            let mut b = bytes.clone();
            b[at] ^= 0xA5;
            let _ = IndicatorIndex::from_cache(&b, 7);
        }
        let empty = IndicatorIndex::from_objects(Vec::new(), BuildOptions::default()).0;
        assert!(IndicatorIndex::from_cache(&empty.to_cache(1), 1).is_ok());
    }
}
