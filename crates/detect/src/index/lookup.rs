//! Lookups: each key family's tables (addresses, networks, domains and their zones, strings)
//! and matching one event against the index.

use serde_json::Value;
use ward_pattern::Observations;

use super::full::attribute;
use super::{IndicatorIndex, MULTI};
use crate::event::{Event, Kind};
use crate::keys;
use crate::table::StrMap;

impl IndicatorIndex {
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

/// Reusable buffers of one matching thread.
#[derive(Debug, Default)]
pub struct MatchScratch {
    key: Vec<u8>,
    /// The event's time in STIX form, when full evaluation needs it.
    pub time: Option<String>,
}

/// A match of one indicator on one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Which observable of the event matched.
    pub item: usize,
    /// The indicator's number in the index.
    pub indicator: u32,
}
