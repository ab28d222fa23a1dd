//! The indicator index: every active indicator's pattern turned into typed keys in compact
//! hash tables (addresses, CIDR blocks per prefix length, host names and their parent
//! zones, URLs, digests, e-mail addresses, JA3/JA4 fingerprints, user agents), plus the
//! few patterns that no key can express, kept for full evaluation. Built once from STIX
//! objects, saved to and loaded from a cache file.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ward_pattern::ast::{ComparisonExpr, Literal, ObservationExpr, Operator, PathStep, Pattern};
use ward_pattern::{Compiled, IndexKey, Matcher, Observations};
use ward_stix::tlp::EffectiveTlp;
use ward_stix::{StixObject, Timestamp, Tlp};

use crate::cache::{CacheReader, CacheWriter};
use crate::error::{CacheError, SkipReason};
use crate::event::{kind_bit, type_bit, Event, Kind};
use crate::keys::{self, HashAlgo};
use crate::table::{IntMap, Ipv4Filter, StrMap, StringTable};

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

#[derive(Debug, Default)]
struct MetaColumns {
    uuids: Vec<u128>,
    names: Vec<u32>,
    sources: Vec<u32>,
    threats: Vec<u32>,
    scores: Vec<u8>,
    tlps: Vec<u8>,
}

/// The index keys of a pattern, or `None` when it must be evaluated in full. Adds to the
/// pattern crate's compiler the shapes it leaves out and logs carry: user agents
/// (`network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'`) and TLS
/// client fingerprints (`x-ja3:value`, `x-ja4:value`).
fn pattern_keys(pattern: &Pattern) -> Option<Vec<Key>> {
    let mut out = Vec::new();
    match ward_pattern::compile(pattern) {
        Compiled::Keys(keys) => {
            for k in keys {
                out.push(convert(k)?);
            }
        }
        Compiled::NeedsFullEvaluation { .. } => observation_keys(&pattern.root, &mut out)?,
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn observation_keys(expr: &ObservationExpr, out: &mut Vec<Key>) -> Option<()> {
    match expr {
        ObservationExpr::Observation { comparison, .. } => comparison_keys(comparison, out),
        ObservationExpr::Or(a, b) => {
            observation_keys(a, out)?;
            observation_keys(b, out)
        }
        ObservationExpr::Group(inner) => observation_keys(inner, out),
        _ => None,
    }
}

fn comparison_keys(expr: &ComparisonExpr, out: &mut Vec<Key>) -> Option<()> {
    match expr {
        ComparisonExpr::Or(a, b) => {
            comparison_keys(a, out)?;
            comparison_keys(b, out)
        }
        ComparisonExpr::Group(inner) => comparison_keys(inner, out),
        ComparisonExpr::And(..) => None,
        ComparisonExpr::Test(c) => {
            if c.negated {
                return None;
            }
            let steps: Vec<&str> = c
                .path
                .steps
                .iter()
                .map(|s| match s {
                    PathStep::Key(k) => Some(k.as_str()),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            let make: fn(String) -> Key = match (c.path.object_type.as_str(), steps.as_slice()) {
                ("x-ja3", ["value"]) => Key::Ja3,
                ("x-ja4", ["value"]) => Key::Ja4,
                ("network-traffic", ["extensions", "http-request-ext", "request_header", h])
                    if *h == "User-Agent" =>
                {
                    Key::UserAgent
                }
                _ => {
                    // One of the shapes the pattern crate compiles, alone.
                    let single = Pattern {
                        root: ObservationExpr::Observation {
                            comparison: ComparisonExpr::Test(c.clone()),
                            position: 0,
                        },
                    };
                    match ward_pattern::compile(&single) {
                        Compiled::Keys(keys) => {
                            for k in keys {
                                out.push(convert(k)?);
                            }
                            return Some(());
                        }
                        Compiled::NeedsFullEvaluation { .. } => return None,
                    }
                }
            };
            let fingerprint = !matches!(make(String::new()), Key::UserAgent(_));
            let values: Vec<&String> = match &c.op {
                Operator::Eq(Literal::Str(s)) => vec![s],
                Operator::In(set) => set
                    .iter()
                    .map(|l| match l {
                        Literal::Str(s) => Some(s),
                        _ => None,
                    })
                    .collect::<Option<_>>()?,
                _ => return None,
            };
            for v in values {
                // Logs write fingerprints in lower case; a pattern's upper-case hex would
                // never match the evaluator either, so only lower-case ones become keys.
                if fingerprint && v.bytes().any(|b| b.is_ascii_uppercase()) {
                    return None;
                }
                out.push(make(v.clone()));
            }
            Some(())
        }
    }
}

fn convert(key: IndexKey) -> Option<Key> {
    Some(match key {
        IndexKey::Ipv4(a) => Key::Ipv4(u32::from(a)),
        IndexKey::Ipv4Net { network, prefix } => Key::Ipv4Net(u32::from(network), prefix),
        IndexKey::Ipv6(a) => Key::Ipv6(u128::from(a)),
        IndexKey::Ipv6Net { network, prefix } => Key::Ipv6Net(u128::from(network), prefix),
        IndexKey::Domain(d) => Key::Domain(d),
        IndexKey::DomainSuffix(d) => Key::DomainSuffix(d),
        IndexKey::Url(u) => {
            let mut s = String::new();
            // A URL the normalizer cannot read is kept verbatim: it then matches only the
            // same unusual text in a log, as the evaluator would.
            if keys::normalize_url(&u, &mut s) {
                Key::Url(s)
            } else {
                Key::Url(u)
            }
        }
        IndexKey::FileHash { algorithm, value } => {
            let mut k = Vec::new();
            if !keys::hash_key(HashAlgo::from_name(&algorithm), &value, &mut k) {
                return None;
            }
            Key::Hash(k)
        }
        IndexKey::EmailAddress(e) => Key::Email(e),
    })
}

/// A pattern kept for full evaluation.
#[derive(Debug)]
struct FullPattern {
    indicator: u32,
    text: String,
    matcher: Matcher,
    /// SCO types the pattern names: an event holding none of them cannot match.
    mask: u16,
    /// The pattern's string literals, to tell which field of a matching event it was about.
    literals: Vec<String>,
}

impl FullPattern {
    fn prepare(indicator: u32, text: &str) -> Option<FullPattern> {
        let pattern = ward_pattern::check(text).ok()?;
        let matcher = Matcher::new(&pattern).ok()?;
        let mut mask = 0u16;
        let mut literals = Vec::new();
        collect_tests(&pattern.root, &mut |c| {
            mask |= type_bit(&c.path.object_type).unwrap_or(0);
            if c.path.object_type == "network-traffic" {
                // Its references reach the address objects.
                mask |= kind_bit(Kind::Ipv4) | kind_bit(Kind::Ipv6);
            }
            match &c.op {
                Operator::Eq(Literal::Str(s)) => literals.push(s.to_ascii_lowercase()),
                Operator::In(set) => literals.extend(set.iter().filter_map(|l| match l {
                    Literal::Str(s) => Some(s.to_ascii_lowercase()),
                    _ => None,
                })),
                _ => {}
            }
        });
        Some(FullPattern {
            indicator,
            text: text.to_string(),
            matcher,
            mask,
            literals,
        })
    }
}

fn collect_tests(expr: &ObservationExpr, f: &mut dyn FnMut(&ward_pattern::ast::Comparison)) {
    fn cmp(e: &ComparisonExpr, f: &mut dyn FnMut(&ward_pattern::ast::Comparison)) {
        match e {
            ComparisonExpr::And(a, b) | ComparisonExpr::Or(a, b) => {
                cmp(a, f);
                cmp(b, f)
            }
            ComparisonExpr::Group(i) => cmp(i, f),
            ComparisonExpr::Test(c) => f(c),
        }
    }
    match expr {
        ObservationExpr::Observation { comparison, .. } => cmp(comparison, f),
        ObservationExpr::And(a, b)
        | ObservationExpr::Or(a, b)
        | ObservationExpr::FollowedBy(a, b) => {
            collect_tests(a, f);
            collect_tests(b, f)
        }
        ObservationExpr::Qualified { expr, .. } | ObservationExpr::Group(expr) => {
            collect_tests(expr, f)
        }
    }
}

/// A match of one indicator on one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Which observable of the event matched.
    pub item: usize,
    /// The indicator's number in the index.
    pub indicator: u32,
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

    fn filter_ipv4(&mut self) {
        self.ipv4_filter =
            Ipv4Filter::build(&self.ipv4, self.ipv4_nets.iter().map(|(p, m)| (*p, m)));
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

    fn each_ref(&self, r: u32, f: &mut impl FnMut(u32)) {
        if r & MULTI == 0 {
            f(r);
            return;
        }
        let off = (r & !MULTI) as usize;
        let len = self.multi.get(off).copied().unwrap_or(0) as usize;
        for &n in self.multi.get(off + 1..off + 1 + len).unwrap_or(&[]) {
            f(n);
        }
    }

    pub fn lookup_ipv4(&self, addr: u32, f: &mut impl FnMut(u32)) {
        if !self.ipv4_filter.may_contain(addr) {
            return;
        }
        if let Some(r) = self.ipv4.get(addr) {
            self.each_ref(r, f);
        }
        for (prefix, table) in &self.ipv4_nets {
            if let Some(r) = table.get(addr & ipv4_mask(*prefix)) {
                self.each_ref(r, f);
            }
        }
    }

    pub fn lookup_ipv6(&self, addr: u128, f: &mut impl FnMut(u32)) {
        if let Some(r) = self.ipv6.get(addr) {
            self.each_ref(r, f);
        }
        for (prefix, table) in &self.ipv6_nets {
            let mask = if *prefix == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(*prefix))
            };
            if let Some(r) = table.get(addr & mask) {
                self.each_ref(r, f);
            }
        }
    }

    /// A host name and, when zone indicators exist, each of its parent zones
    /// (`a.b.evil.example` looks up `b.evil.example`, `evil.example`, `example`).
    pub fn lookup_domain(&self, name: &str, f: &mut impl FnMut(u32)) {
        if let Some(r) = self.domains.get(name.as_bytes()) {
            self.each_ref(r, f);
        }
        if !self.domain_zones.is_empty() {
            let mut rest = name;
            while let Some((_, parent)) = rest.split_once('.') {
                if let Some(r) = self.domain_zones.get(parent.as_bytes()) {
                    self.each_ref(r, f);
                }
                rest = parent;
            }
        }
    }

    /// Calls `f` with every indicator whose keys match one observable.
    pub fn lookup(
        &self,
        event: &Event,
        item: usize,
        scratch: &mut Vec<u8>,
        f: &mut impl FnMut(u32),
    ) {
        let Some(o) = event.items().get(item) else {
            return;
        };
        let value = event.value(o);
        let mut str_lookup = |map: &StrMap, key: &[u8]| {
            if let Some(r) = map.get(key) {
                self.each_ref(r, f);
            }
        };
        match o.kind {
            Kind::Ipv4 => self.lookup_ipv4(o.ip as u32, f),
            Kind::Ipv6 => self.lookup_ipv6(o.ip, f),
            Kind::Domain => self.lookup_domain(value, f),
            Kind::Url => str_lookup(&self.urls, value.as_bytes()),
            Kind::Email => str_lookup(&self.emails, value.as_bytes()),
            Kind::Ja3 => str_lookup(&self.ja3, value.as_bytes()),
            Kind::Ja4 => str_lookup(&self.ja4, value.as_bytes()),
            Kind::UserAgent => str_lookup(&self.user_agents, value.as_bytes()),
            Kind::FileHash => {
                scratch.clear();
                if keys::hash_key(o.algo, value, scratch) {
                    str_lookup(&self.hashes, scratch);
                }
            }
        }
    }

    /// Every indicator matching the event, once each, with the first observable that
    /// matched it (in the order the reader found them).
    pub fn match_event(&self, event: &Event, scratch: &mut MatchScratch, out: &mut Vec<Hit>) {
        out.clear();
        for item in 0..event.items().len() {
            self.lookup(event, item, &mut scratch.key, &mut |indicator| {
                if !out.iter().any(|h| h.indicator == indicator) {
                    out.push(Hit { item, indicator });
                }
            });
        }
        if self.full.is_empty() || event.items().is_empty() {
            return;
        }
        let mask = event.type_mask();
        let mut observation: Option<Value> = None;
        for fp in &self.full {
            if fp.mask & mask == 0 || out.iter().any(|h| h.indicator == fp.indicator) {
                continue;
            }
            let obs = observation.get_or_insert_with(|| {
                event.to_observation(scratch.time.as_deref().unwrap_or("1970-01-01T00:00:00Z"))
            });
            let Ok(observations) = Observations::from_json(obs) else {
                continue;
            };
            if fp.matcher.evaluate(&observations).is_ok_and(|m| m.matched) {
                out.push(Hit {
                    item: attribute(event, fp),
                    indicator: fp.indicator,
                });
            }
        }
    }

    /// True when some pattern needs the event's time (full evaluation with qualifiers).
    pub fn needs_event_time(&self) -> bool {
        !self.full.is_empty()
    }
}

fn ipv4_mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix.min(32)))
    }
}

/// Which observable a fully evaluated pattern was about: one equal to a literal of the
/// pattern, else the first of a type the pattern names.
fn attribute(event: &Event, fp: &FullPattern) -> usize {
    let items = event.items();
    items
        .iter()
        .position(|o| {
            let v = event.value(o);
            fp.literals.iter().any(|l| l.eq_ignore_ascii_case(v))
        })
        .or_else(|| items.iter().position(|o| kind_bit(o.kind) & fp.mask != 0))
        .unwrap_or(0)
}

/// Reusable buffers of one matching thread.
#[derive(Debug, Default)]
pub struct MatchScratch {
    key: Vec<u8>,
    /// The event's time in STIX form, when full evaluation needs it.
    pub time: Option<String>,
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

// ---- cache file ---------------------------------------------------------------------------

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
    use serde_json::json;

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
