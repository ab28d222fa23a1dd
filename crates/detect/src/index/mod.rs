//! The indicator index: every active indicator's pattern turned into typed keys in compact
//! hash tables (addresses, CIDR blocks per prefix length, host names and their parent
//! zones, URLs, digests, e-mail addresses, JA3/JA4 fingerprints, user agents), plus the
//! few patterns that no key can express, kept for full evaluation. Built once from STIX
//! objects, saved to and loaded from a cache file.

use serde::{Deserialize, Serialize};
use ward_stix::{StixObject, Tlp};

use crate::table::{IntMap, Ipv4Filter, StrMap, StringTable};

mod builder;
mod cache_file;
mod full;
mod lookup;
mod pattern_keys;

pub use builder::{BuildOptions, BuildReport, IndexBuilder};
use full::FullPattern;
pub use lookup::{Hit, MatchScratch};

/// One indicator to index, with what the local store knows about it.
#[derive(Debug, Clone)]
pub struct IndicatorInput {
    pub object: StixObject,
    /// 0-100; when absent, the object's `x_ward_score` or `confidence` is used.
    pub score: Option<u8>,
    /// Who published it; when empty, the name of its `created_by_ref` identity.
    pub sources: Vec<String>,
    /// When absent, the object's own TLP marking.
    pub tlp: Option<Tlp>,
    /// Allow-listed indicators are left out.
    pub allow_listed: bool,
}

impl IndicatorInput {
    pub fn new(object: StixObject) -> IndicatorInput {
        IndicatorInput {
            object,
            score: None,
            sources: Vec::new(),
            tlp: None,
            allow_listed: false,
        }
    }
}

/// What the index tells about an indicator that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorInfo {
    pub id: String,
    pub name: Option<String>,
    pub score: Option<u8>,
    pub tlp: Option<Tlp>,
    pub sources: Vec<String>,
    /// Names of the malware, intrusion sets, threat actors and campaigns it indicates.
    pub threats: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Ipv4(u32),
    Ipv4Net(u32, u8),
    Ipv6(u128),
    Ipv6Net(u128, u8),
    Domain(String),
    DomainSuffix(String),
    Url(String),
    Hash(Vec<u8>),
    Email(String),
    Ja3(String),
    Ja4(String),
    UserAgent(String),
}

const NONE: u32 = u32::MAX;
const NO_BYTE: u8 = u8::MAX;

fn tlp_byte(t: Tlp) -> u8 {
    t as u8
}

fn byte_tlp(b: u8) -> Option<Tlp> {
    [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ]
    .get(usize::from(b))
    .copied()
}

#[derive(Debug, Default)]
struct MetaColumns {
    uuids: Vec<u128>,
    names: Vec<u32>,
    sources: Vec<u32>,
    threats: Vec<u32>,
    scores: Vec<u8>,
    tlps: Vec<u8>,
}

/// Counts of what an index holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexStats {
    pub indicators: usize,
    pub ipv4: usize,
    pub ipv4_blocks: usize,
    pub ipv6: usize,
    pub ipv6_blocks: usize,
    pub domains: usize,
    pub domain_zones: usize,
    pub urls: usize,
    pub hashes: usize,
    pub emails: usize,
    pub fingerprints: usize,
    pub user_agents: usize,
    pub full_evaluation: usize,
    /// Heap bytes held by the index.
    pub bytes: usize,
}

/// All active indicators, ready for lookups.
#[derive(Debug, Default)]
pub struct IndicatorIndex {
    ipv4: IntMap<u32>,
    /// One table per prefix length, longest first.
    ipv4_nets: Vec<(u8, IntMap<u32>)>,
    /// Built from `ipv4` and `ipv4_nets` (not cached: a few milliseconds at load).
    ipv4_filter: Ipv4Filter,
    ipv6: IntMap<u128>,
    ipv6_nets: Vec<(u8, IntMap<u128>)>,
    domains: StrMap,
    domain_zones: StrMap,
    urls: StrMap,
    hashes: StrMap,
    emails: StrMap,
    ja3: StrMap,
    ja4: StrMap,
    user_agents: StrMap,
    /// Refs with the top bit set point here: `[count, indicator...]`.
    multi: Vec<u32>,
    meta: MetaColumns,
    strings: StringTable,
    lists: Vec<u32>,
    full: Vec<FullPattern>,
}

const MULTI: u32 = 0x8000_0000;

impl IndicatorIndex {
    fn filter_ipv4(&mut self) {
        self.ipv4_filter =
            Ipv4Filter::build(&self.ipv4, self.ipv4_nets.iter().map(|(p, m)| (*p, m)));
    }

    pub fn len(&self) -> usize {
        self.meta.uuids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.meta.uuids.is_empty()
    }

    pub fn stats(&self) -> IndexStats {
        let strmaps = [
            &self.domains,
            &self.domain_zones,
            &self.urls,
            &self.hashes,
            &self.emails,
            &self.ja3,
            &self.ja4,
            &self.user_agents,
        ];
        let bytes = self.ipv4.heap_bytes()
            + self.ipv4_filter.heap_bytes()
            + self.ipv6.heap_bytes()
            + self
                .ipv4_nets
                .iter()
                .map(|(_, m)| m.heap_bytes())
                .sum::<usize>()
            + self
                .ipv6_nets
                .iter()
                .map(|(_, m)| m.heap_bytes())
                .sum::<usize>()
            + strmaps.iter().map(|m| m.heap_bytes()).sum::<usize>()
            + self.multi.capacity() * 4
            + self.meta.uuids.capacity() * 16
            + self.meta.names.capacity() * 12
            + self.meta.scores.capacity() * 2
            + self.strings.heap_bytes()
            + self.lists.capacity() * 4
            + self.full.iter().map(|f| f.text.len() + 256).sum::<usize>();
        IndexStats {
            indicators: self.len(),
            ipv4: self.ipv4.len(),
            ipv4_blocks: self.ipv4_nets.iter().map(|(_, m)| m.len()).sum(),
            ipv6: self.ipv6.len(),
            ipv6_blocks: self.ipv6_nets.iter().map(|(_, m)| m.len()).sum(),
            domains: self.domains.len(),
            domain_zones: self.domain_zones.len(),
            urls: self.urls.len(),
            hashes: self.hashes.len(),
            emails: self.emails.len(),
            fingerprints: self.ja3.len() + self.ja4.len(),
            user_agents: self.user_agents.len(),
            full_evaluation: self.full.len(),
            bytes,
        }
    }

    /// The indicator behind a hit.
    pub fn info(&self, indicator: u32) -> Option<IndicatorInfo> {
        let n = indicator as usize;
        let uuid = *self.meta.uuids.get(n)?;
        let list = |off: u32| -> Vec<String> {
            if off == NONE {
                return Vec::new();
            }
            let off = off as usize;
            let len = self.lists.get(off).copied().unwrap_or(0) as usize;
            self.lists
                .get(off + 1..off + 1 + len)
                .unwrap_or(&[])
                .iter()
                .map(|&s| self.strings.get(s).to_string())
                .collect()
        };
        let name = self.meta.names[n];
        Some(IndicatorInfo {
            id: format!("indicator--{}", uuid::Uuid::from_u128(uuid)),
            name: (name != NONE).then(|| self.strings.get(name).to_string()),
            score: Some(self.meta.scores[n]).filter(|&s| s != NO_BYTE),
            tlp: byte_tlp(self.meta.tlps[n]),
            sources: list(self.meta.sources[n]),
            threats: list(self.meta.threats[n]),
        })
    }
}

/// A fingerprint of the intel an index is built from (e.g. a file's path, size and
/// modification time), for [`IndicatorIndex::to_cache`]. XXH3: stable across builds.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut all = Vec::new();
    for p in parts {
        all.extend_from_slice(&(p.len() as u64).to_le_bytes());
        all.extend_from_slice(p);
    }
    xxhash_rust::xxh3::xxh3_64(&all)
}
