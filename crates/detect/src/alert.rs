//! Alerts and what is made of them: one [`Alert`] per indicator matched on a line, a plain
//! sentence a non-specialist understands, and the [`Summary`] that groups alerts by
//! indicator for people, for the weekly plan and for sightings.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ward_stix::Tlp;

use crate::event::Kind;
use crate::fields::Role;
use crate::index::IndicatorInfo;

/// One indicator matched on one log line. These are exactly the members of a `--json`
/// line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub file: String,
    pub line: u64,
    /// When the event happened (STIX timestamp, UTC), when the log says.
    pub timestamp: Option<String>,
    /// The log field that held the value (`id.resp_h`, `dns.rrname`, `text`...).
    pub field: String,
    /// The value as observed (normalized: host names lower-cased, URLs canonical).
    pub value: String,
    pub indicator_id: String,
    pub indicator_name: Option<String>,
    pub score: Option<u8>,
    pub tlp: Option<Tlp>,
    pub sources: Vec<String>,
    /// What happened, in plain words.
    pub sentence: String,
    /// The organization's own device involved (the other end of the connection), when the
    /// log names it.
    #[serde(default)]
    pub device: Option<String>,
    /// Malware or groups the intel ties the indicator to.
    #[serde(default)]
    pub threats: Vec<String>,
}

/// Where an alert goes.
pub trait AlertSink {
    /// Called once per alert, in file and line order. `kind` tells what the value is.
    fn alert(&mut self, alert: &Alert, kind: Kind) -> std::io::Result<()>;
}

/// Keeps alerts in memory (tests, small scans).
#[derive(Debug, Default)]
pub struct CollectSink {
    pub alerts: Vec<(Alert, Kind)>,
}

impl AlertSink for CollectSink {
    fn alert(&mut self, alert: &Alert, kind: Kind) -> std::io::Result<()> {
        self.alerts.push((alert.clone(), kind));
        Ok(())
    }
}

/// The facts about a matching event that the sentence uses.
pub struct SentenceContext<'a> {
    pub kind: Kind,
    pub role: Role,
    pub value: &'a str,
    pub source_ip: Option<&'a str>,
    pub destination_ip: Option<&'a str>,
    /// The organization's machine that wrote the event (a Windows log's computer), named
    /// when the event has no address of the organization's end.
    pub host: Option<&'a str>,
}

/// "A device at 10.1.4.22 contacted 185.220.101.4, an address the shared intelligence
/// links to LockBit."
pub fn sentence(ctx: &SentenceContext<'_>, info: &IndicatorInfo) -> String {
    let who = match ctx.source_ip {
        Some(ip) if ip != ctx.value => format!("A device at {ip}"),
        _ => match ctx.host {
            Some(h) => h.to_string(),
            None => "A device on your network".to_string(),
        },
    };
    let what = match ctx.kind {
        Kind::Ipv4 | Kind::Ipv6 => "an address",
        Kind::Domain => "a web or mail domain",
        Kind::Url => "a web address",
        Kind::FileHash => "a file",
        Kind::Email => "an e-mail address",
        Kind::Ja3 | Kind::Ja4 => "a program fingerprint",
        Kind::UserAgent => "a program name",
    };
    let why = if !info.threats.is_empty() {
        format!(
            "{what} the shared intelligence links to {}",
            join_names(&info.threats)
        )
    } else if let Some(name) = &info.name {
        format!("{what} the shared intelligence lists as \"{name}\"")
    } else {
        format!("{what} the shared intelligence lists as malicious")
    };
    let v = ctx.value;
    match (ctx.kind, ctx.role) {
        (Kind::Ipv4 | Kind::Ipv6, Role::Source) => match ctx.destination_ip {
            Some(dst) => format!("{v}, {why}, connected to your device at {dst}."),
            None => match ctx.host {
                Some(h) => format!("{v}, {why}, connected to {h}."),
                None => format!("{v}, {why}, connected to your network."),
            },
        },
        (Kind::Ipv4 | Kind::Ipv6, _) => format!("{who} contacted {v}, {why}."),
        (Kind::Domain, _) => format!("{who} looked up or visited {v}, {why}."),
        (Kind::Url, _) => format!("{who} opened {v}, {why}."),
        (Kind::FileHash, _) => {
            format!("A file with fingerprint {v} was seen on your network: {why}.")
        }
        (Kind::Email, _) => format!("An e-mail to or from {v} was seen: {why}."),
        (Kind::Ja3 | Kind::Ja4, _) => {
            format!(
                "{who} ran a program whose encrypted connections carry the fingerprint {v}, {why}."
            )
        }
        (Kind::UserAgent, _) => {
            format!("{who} ran a program that calls itself \"{v}\", {why}.")
        }
    }
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How many different values an indicator group keeps for display and sightings.
const MAX_VALUES: usize = 20;

/// Alerts of one indicator, grouped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorHits {
    pub indicator: IndicatorInfo,
    pub count: u64,
    /// Up to 20 distinct observed values, with their kind.
    pub values: Vec<(Kind, String)>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub files: Vec<String>,
    /// The sentence of the first alert.
    pub example: String,
    /// Up to 20 of the organization's devices involved.
    #[serde(default)]
    pub devices: Vec<String>,
}

/// What a scan found, grouped by indicator (highest score first once sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub alerts: u64,
    pub indicators: Vec<IndicatorHits>,
    /// Alerts per day (YYYY-MM-DD), for charts.
    #[serde(default)]
    pub by_day: std::collections::BTreeMap<String, u64>,
    #[serde(skip)]
    positions: HashMap<String, usize>,
}

impl Summary {
    pub fn add(&mut self, alert: &Alert, kind: Kind) {
        self.alerts += 1;
        let pos = match self.positions.get(&alert.indicator_id) {
            Some(&p) => p,
            None => {
                self.indicators.push(IndicatorHits {
                    indicator: IndicatorInfo {
                        id: alert.indicator_id.clone(),
                        name: alert.indicator_name.clone(),
                        score: alert.score,
                        tlp: alert.tlp,
                        sources: alert.sources.clone(),
                        threats: alert.threats.clone(),
                    },
                    count: 0,
                    values: Vec::new(),
                    first_seen: None,
                    last_seen: None,
                    files: Vec::new(),
                    example: alert.sentence.clone(),
                    devices: Vec::new(),
                });
                let p = self.indicators.len() - 1;
                self.positions.insert(alert.indicator_id.clone(), p);
                p
            }
        };
        let g = &mut self.indicators[pos];
        g.count += 1;
        if g.values.len() < MAX_VALUES && !g.values.iter().any(|(_, v)| *v == alert.value) {
            g.values.push((kind, alert.value.clone()));
        }
        if !g.files.contains(&alert.file) {
            g.files.push(alert.file.clone());
        }
        if let Some(d) = &alert.device {
            if g.devices.len() < MAX_VALUES && !g.devices.contains(d) {
                g.devices.push(d.clone());
            }
        }
        if let Some(day) = alert.timestamp.as_deref().and_then(|t| t.get(..10)) {
            *self.by_day.entry(day.to_string()).or_insert(0) += 1;
        }
        if let Some(t) = &alert.timestamp {
            // STIX timestamps in UTC with the same precision order as text.
            if g.first_seen.as_ref().is_none_or(|f| t < f) {
                g.first_seen = Some(t.clone());
            }
            if g.last_seen.as_ref().is_none_or(|l| t > l) {
                g.last_seen = Some(t.clone());
            }
        }
    }

    /// Orders groups by score (highest first), then by count.
    pub fn sort(&mut self) {
        self.indicators.sort_by(|a, b| {
            b.indicator
                .score
                .cmp(&a.indicator.score)
                .then(b.count.cmp(&a.count))
        });
        self.positions.clear();
        for (i, g) in self.indicators.iter().enumerate() {
            self.positions.insert(g.indicator.id.clone(), i);
        }
    }
}

impl AlertSink for Summary {
    fn alert(&mut self, alert: &Alert, kind: Kind) -> std::io::Result<()> {
        self.add(alert, kind);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(threats: &[&str], name: Option<&str>) -> IndicatorInfo {
        IndicatorInfo {
            id: "indicator--x".into(),
            name: name.map(str::to_string),
            score: Some(80),
            tlp: None,
            sources: vec![],
            threats: threats.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn sentences_read_plainly() {
        let ctx = SentenceContext {
            kind: Kind::Ipv4,
            role: Role::Destination,
            value: "185.220.101.4",
            source_ip: Some("10.1.4.22"),
            destination_ip: Some("185.220.101.4"),
            host: None,
        };
        assert_eq!(
            sentence(&ctx, &info(&["LockBit"], None)),
            "A device at 10.1.4.22 contacted 185.220.101.4, an address the shared intelligence links to LockBit."
        );
        let ctx = SentenceContext {
            kind: Kind::Domain,
            role: Role::Destination,
            value: "evil.example",
            source_ip: None,
            destination_ip: None,
            host: None,
        };
        assert_eq!(
            sentence(&ctx, &info(&[], Some("Phishing kit"))),
            "A device on your network looked up or visited evil.example, a web or mail domain the shared intelligence lists as \"Phishing kit\"."
        );
    }
}
