//! Building the index: indicators with their context (names of what they indicate, score,
//! sources, TLP), their keys sorted into compact tables, the rest kept for full evaluation.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;
use ward_pattern::Matcher;
use ward_stix::tlp::EffectiveTlp;
use ward_stix::{StixObject, Timestamp, Tlp};

use super::full::FullPattern;
use super::pattern_keys::pattern_keys;
use super::{tlp_byte, IndicatorIndex, IndicatorInput, Key, MetaColumns, MULTI, NONE, NO_BYTE};
use crate::error::SkipReason;
use crate::table::{IntMap, StrMap, StringTable};

#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Evaluate every pattern in full instead of through keys (differential testing and
    /// troubleshooting; much slower).
    pub force_full_evaluation: bool,
}

/// How an index build went.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildReport {
    pub indexed: usize,
    pub full_evaluation: usize,
    pub skipped: Vec<String>,
}

struct Pending {
    id: String,
    uuid: u128,
    name: Option<String>,
    score: Option<u8>,
    tlp: Option<Tlp>,
    sources: Vec<String>,
    created_by: Option<String>,
    pattern: String,
    keys: Option<Vec<Key>>,
}

/// Collects indicators (and the objects that give them context) and builds the index.
pub struct IndexBuilder {
    options: BuildOptions,
    pending: Vec<Pending>,
    names: HashMap<String, String>,
    indicates: Vec<(String, String)>,
    report: BuildReport,
    now: Timestamp,
}

const THREAT_TYPES: [&str; 5] = [
    "malware",
    "intrusion-set",
    "threat-actor",
    "campaign",
    "tool",
];

impl IndexBuilder {
    pub fn new(options: BuildOptions) -> IndexBuilder {
        IndexBuilder {
            options,
            pending: Vec::new(),
            names: HashMap::new(),
            indicates: Vec::new(),
            report: BuildReport::default(),
            now: Timestamp::now(),
        }
    }

    /// Takes any STIX object from the intel: indicators are indexed; relationships
    /// `indicates`, threats and identities give alerts their context; the rest is ignored.
    pub fn add_object(&mut self, object: StixObject) {
        match object.object_type() {
            "indicator" => {
                if let Err(reason) = self.add_indicator(IndicatorInput::new(object)) {
                    self.report.skipped.push(reason.to_string());
                }
            }
            "relationship" => {
                let get = |k: &str| object.get(k).and_then(Value::as_str);
                if let (Some("indicates"), Some(s), Some(t)) = (
                    get("relationship_type"),
                    get("source_ref"),
                    get("target_ref"),
                ) {
                    self.indicates.push((s.to_string(), t.to_string()));
                }
            }
            t if THREAT_TYPES.contains(&t) || t == "identity" => {
                if let Some(name) = object.get("name").and_then(Value::as_str) {
                    self.names.insert(object.id().to_string(), name.to_string());
                }
            }
            _ => {}
        }
    }

    /// Adds one indicator. Inactive ones (revoked, past `valid_until`, allow-listed) and
    /// ones whose pattern is not a valid STIX pattern are refused with the reason.
    pub fn add_indicator(&mut self, input: IndicatorInput) -> Result<(), SkipReason> {
        let obj = &input.object;
        let id = obj.id().to_string();
        let uuid = match ward_stix::id::parse(&id) {
            Ok(("indicator", u)) => u.as_u128(),
            _ => return Err(SkipReason::BadId { id }),
        };
        let expired = obj
            .get("valid_until")
            .and_then(Value::as_str)
            .and_then(|t| Timestamp::parse(t).ok())
            .is_some_and(|t| t < self.now);
        if obj.revoked() || expired || input.allow_listed {
            return Err(SkipReason::Inactive { id });
        }
        let pattern_type = obj
            .get("pattern_type")
            .and_then(Value::as_str)
            .unwrap_or("stix");
        if pattern_type != "stix" {
            return Err(SkipReason::NotStixPattern {
                id,
                pattern_type: pattern_type.to_string(),
            });
        }
        let Some(text) = obj.get("pattern").and_then(Value::as_str) else {
            return Err(SkipReason::NoPattern { id });
        };
        let pattern = ward_pattern::check(text).map_err(|e| SkipReason::BadPattern {
            id: id.clone(),
            position: e.position(),
            message: e.message().to_string(),
        })?;
        let keys = if self.options.force_full_evaluation {
            None
        } else {
            pattern_keys(&pattern)
        };
        if keys.is_none() {
            // Refuse up front what the evaluator cannot prepare (bad regex...).
            Matcher::new(&pattern).map_err(|e| SkipReason::BadPattern {
                id: id.clone(),
                position: e.position(),
                message: e.message().to_string(),
            })?;
            self.report.full_evaluation += 1;
        } else {
            self.report.indexed += 1;
        }
        let score = input.score.or_else(|| {
            ["x_ward_score", "confidence"]
                .iter()
                .find_map(|k| obj.get(k).and_then(Value::as_u64))
                .map(|s| s.min(100) as u8)
        });
        let tlp = input.tlp.or(match obj.tlp() {
            EffectiveTlp::Level(t) => Some(t),
            EffectiveTlp::Unmarked => None,
        });
        self.pending.push(Pending {
            uuid,
            name: obj.get("name").and_then(Value::as_str).map(str::to_string),
            score,
            tlp,
            sources: input.sources,
            created_by: obj.created_by_ref().map(str::to_string),
            pattern: text.to_string(),
            keys,
            id,
        });
        Ok(())
    }

    pub fn finish(self) -> (IndicatorIndex, BuildReport) {
        let mut threats: HashMap<&str, Vec<&str>> = HashMap::new();
        for (s, t) in &self.indicates {
            if let Some(name) = self.names.get(t) {
                if t.split("--")
                    .next()
                    .is_some_and(|ty| THREAT_TYPES.contains(&ty))
                {
                    let list = threats.entry(s.as_str()).or_default();
                    if !list.contains(&name.as_str()) {
                        list.push(name);
                    }
                }
            }
        }
        let mut strings = Interner::default();
        let mut meta = MetaColumns::default();
        let mut all_keys: Vec<(Key, u32)> = Vec::new();
        let mut full = Vec::new();
        for (n, p) in self.pending.iter().enumerate() {
            let n = n as u32;
            let mut sources: Vec<&str> = p.sources.iter().map(String::as_str).collect();
            if sources.is_empty() {
                if let Some(name) = p.created_by.as_deref().and_then(|c| self.names.get(c)) {
                    sources.push(name);
                }
            }
            let th = threats.get(p.id.as_str()).cloned().unwrap_or_default();
            meta.uuids.push(p.uuid);
            meta.names
                .push(p.name.as_deref().map_or(NONE, |s| strings.intern(s)));
            meta.sources.push(strings.list(&sources));
            meta.threats.push(strings.list(&th));
            meta.scores.push(p.score.unwrap_or(NO_BYTE));
            meta.tlps.push(p.tlp.map_or(NO_BYTE, tlp_byte));
            match &p.keys {
                Some(keys) => all_keys.extend(keys.iter().cloned().map(|k| (k, n))),
                None => full.push((n, p.pattern.clone())),
            }
        }
        let mut index = IndicatorIndex::assemble(all_keys);
        index.meta = meta;
        index.strings = strings.table;
        index.lists = strings.lists;
        for (n, text) in full {
            if let Some(f) = FullPattern::prepare(n, &text) {
                index.full.push(f);
            }
        }
        (index, self.report)
    }
}

#[derive(Default)]
struct Interner {
    table: StringTable,
    seen: HashMap<String, u32>,
    lists: Vec<u32>,
    seen_lists: HashMap<Vec<u32>, u32>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.seen.get(s) {
            return i;
        }
        let i = self.table.push(s);
        self.seen.insert(s.to_string(), i);
        i
    }

    /// A list of strings as an offset into `lists` (`[len, s1, s2, ...]`).
    fn list(&mut self, items: &[&str]) -> u32 {
        if items.is_empty() {
            return NONE;
        }
        let ids: Vec<u32> = items.iter().map(|s| self.intern(s)).collect();
        if let Some(&off) = self.seen_lists.get(&ids) {
            return off;
        }
        let off = self.lists.len() as u32;
        self.lists.push(ids.len() as u32);
        self.lists.extend_from_slice(&ids);
        self.seen_lists.insert(ids, off);
        off
    }
}

impl IndicatorIndex {
    fn assemble(mut keys: Vec<(Key, u32)>) -> IndicatorIndex {
        keys.sort();
        keys.dedup();
        let mut index = IndicatorIndex::default();
        let mut ipv4 = Vec::new();
        let mut ipv4_nets: HashMap<u8, Vec<(u32, u32)>> = HashMap::new();
        let mut ipv6 = Vec::new();
        let mut ipv6_nets: HashMap<u8, Vec<(u128, u32)>> = HashMap::new();
        let mut strs: [Vec<(Vec<u8>, u32)>; 8] = Default::default();
        let mut i = 0;
        while i < keys.len() {
            let mut j = i + 1;
            while j < keys.len() && keys[j].0 == keys[i].0 {
                j += 1;
            }
            let r = if j - i == 1 {
                keys[i].1
            } else {
                let off = index.multi.len() as u32 | MULTI;
                index.multi.push((j - i) as u32);
                index.multi.extend(keys[i..j].iter().map(|(_, n)| *n));
                off
            };
            match &keys[i].0 {
                Key::Ipv4(a) => ipv4.push((*a, r)),
                Key::Ipv4Net(a, p) => ipv4_nets.entry(*p).or_default().push((*a, r)),
                Key::Ipv6(a) => ipv6.push((*a, r)),
                Key::Ipv6Net(a, p) => ipv6_nets.entry(*p).or_default().push((*a, r)),
                Key::Domain(s) => strs[0].push((s.clone().into_bytes(), r)),
                Key::DomainSuffix(s) => strs[1].push((s.clone().into_bytes(), r)),
                Key::Url(s) => strs[2].push((s.clone().into_bytes(), r)),
                Key::Hash(b) => strs[3].push((b.clone(), r)),
                Key::Email(s) => strs[4].push((s.clone().into_bytes(), r)),
                Key::Ja3(s) => strs[5].push((s.clone().into_bytes(), r)),
                Key::Ja4(s) => strs[6].push((s.clone().into_bytes(), r)),
                Key::UserAgent(s) => strs[7].push((s.clone().into_bytes(), r)),
            }
            i = j;
        }
        index.ipv4 = IntMap::build(&ipv4);
        index.ipv6 = IntMap::build(&ipv6);
        let mut v4: Vec<_> = ipv4_nets
            .into_iter()
            .map(|(p, e)| (p, IntMap::build(&e)))
            .collect();
        v4.sort_by_key(|e| std::cmp::Reverse(e.0));
        index.ipv4_nets = v4;
        let mut v6: Vec<_> = ipv6_nets
            .into_iter()
            .map(|(p, e)| (p, IntMap::build(&e)))
            .collect();
        v6.sort_by_key(|e| std::cmp::Reverse(e.0));
        index.ipv6_nets = v6;
        let [d, z, u, h, e, j3, j4, ua] = strs;
        index.domains = StrMap::build(&d);
        index.domain_zones = StrMap::build(&z);
        index.urls = StrMap::build(&u);
        index.hashes = StrMap::build(&h);
        index.emails = StrMap::build(&e);
        index.ja3 = StrMap::build(&j3);
        index.ja4 = StrMap::build(&j4);
        index.user_agents = StrMap::build(&ua);
        index.filter_ipv4();
        index
    }

    /// Builds an index from a list of STIX objects (tests and small inputs).
    pub fn from_objects(
        objects: impl IntoIterator<Item = StixObject>,
        options: BuildOptions,
    ) -> (IndicatorIndex, BuildReport) {
        let mut b = IndexBuilder::new(options);
        for o in objects {
            b.add_object(o);
        }
        b.finish()
    }
}
