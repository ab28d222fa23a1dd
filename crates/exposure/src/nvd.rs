//! NVD CVE JSON 2.0: CVE records with their CVSS scores and CPE applicability
//! configurations, indexed by vendor and product so that a large feed is matched in one pass.

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

use foldhash::HashMap as FastMap;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::cpe::{CompiledMatch, Cpe, CpeMatch};
use crate::error::ExposureError;

#[derive(Deserialize)]
struct FeedFile<'a> {
    #[serde(borrow)]
    vulnerabilities: Vec<FeedItem<'a>>,
}

// The outline pass finds each record's text in the same scan that checks the document (an
// item that is not an object fails the document); a missing `cve` is the record's problem.
#[derive(Deserialize)]
struct FeedItem<'a> {
    #[serde(default, borrow)]
    cve: Option<&'a RawValue>,
}

// The record types borrow from the feed: the index pass checks every record's types without
// copying its text, and only records an asset names are turned into owned values.
#[derive(Deserialize)]
struct RawCve<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    descriptions: Vec<RawDescription<'a>>,
    #[serde(default, borrow)]
    metrics: RawMetrics<'a>,
    #[serde(default, borrow)]
    configurations: Vec<RawConfig<'a>>,
}

#[derive(Deserialize)]
struct RawDescription<'a> {
    #[serde(borrow)]
    lang: Cow<'a, str>,
    #[serde(borrow)]
    value: Cow<'a, str>,
}

#[derive(Deserialize, Default)]
struct RawMetrics<'a> {
    #[serde(rename = "cvssMetricV40", default, borrow)]
    v40: Vec<RawMetric<'a>>,
    #[serde(rename = "cvssMetricV31", default, borrow)]
    v31: Vec<RawMetric<'a>>,
    #[serde(rename = "cvssMetricV30", default, borrow)]
    v30: Vec<RawMetric<'a>>,
    #[serde(rename = "cvssMetricV2", default, borrow)]
    v2: Vec<RawMetric<'a>>,
}

#[derive(Deserialize)]
struct RawMetric<'a> {
    #[serde(rename = "cvssData", borrow)]
    data: RawCvssData<'a>,
    #[serde(rename = "type", default, borrow)]
    kind: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawCvssData<'a> {
    #[serde(rename = "baseScore")]
    base_score: f64,
    #[serde(rename = "vectorString", default, borrow)]
    vector: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawConfig<'a> {
    #[serde(default, borrow)]
    operator: Option<Cow<'a, str>>,
    #[serde(default)]
    negate: bool,
    #[serde(default, borrow)]
    nodes: Vec<RawNode<'a>>,
}

#[derive(Deserialize)]
struct RawNode<'a> {
    #[serde(default, borrow)]
    operator: Option<Cow<'a, str>>,
    #[serde(default)]
    negate: bool,
    #[serde(rename = "cpeMatch", default, borrow)]
    cpe_match: Vec<RawMatch<'a>>,
}

#[derive(Deserialize)]
struct RawMatch<'a> {
    #[serde(default)]
    vulnerable: bool,
    #[serde(borrow)]
    criteria: Cow<'a, str>,
    #[serde(rename = "versionStartIncluding", default, borrow)]
    start_including: Option<Cow<'a, str>>,
    #[serde(rename = "versionStartExcluding", default, borrow)]
    start_excluding: Option<Cow<'a, str>>,
    #[serde(rename = "versionEndIncluding", default, borrow)]
    end_including: Option<Cow<'a, str>>,
    #[serde(rename = "versionEndExcluding", default, borrow)]
    end_excluding: Option<Cow<'a, str>>,
}

impl RawMatch<'_> {
    fn to_owned_match(&self) -> CpeMatch {
        let own = |c: &Option<Cow<'_, str>>| c.as_deref().map(str::to_string);
        CpeMatch {
            vulnerable: self.vulnerable,
            criteria: self.criteria.to_string(),
            version_start_including: own(&self.start_including),
            version_start_excluding: own(&self.start_excluding),
            version_end_including: own(&self.end_including),
            version_end_excluding: own(&self.end_excluding),
        }
    }
}

/// AND or OR, as NVD writes it; OR when absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operator {
    And,
    Or,
}

impl Operator {
    fn parse(s: Option<&str>) -> Operator {
        match s {
            Some(op) if op.eq_ignore_ascii_case("and") => Operator::And,
            _ => Operator::Or,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    pub operator: Operator,
    pub negate: bool,
    pub matches: Vec<CompiledMatch>,
}

#[derive(Debug, Clone)]
pub struct Configuration {
    pub operator: Operator,
    pub negate: bool,
    pub nodes: Vec<Node>,
}

/// One CVE from NVD.
#[derive(Debug, Clone)]
pub struct NvdCve {
    pub id: String,
    pub description: Option<String>,
    /// The primary (NVD) score when there is one, else the highest.
    pub cvss: Option<(f64, String)>,
    pub configurations: Vec<Configuration>,
}

/// Three answers, because an asset usually lists only its own CPE, not the platform it runs
/// on: "running on Windows" cannot be settled and must not hide the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    Yes,
    No,
    Unknown,
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        }
    }

    fn combine(op: Operator, items: impl Iterator<Item = Truth>) -> Truth {
        let mut any_unknown = false;
        let mut any_yes = false;
        let mut any_no = false;
        for t in items {
            match t {
                Truth::Yes => any_yes = true,
                Truth::No => any_no = true,
                Truth::Unknown => any_unknown = true,
            }
        }
        match op {
            Operator::Or if any_yes => Truth::Yes,
            Operator::Or if any_unknown => Truth::Unknown,
            Operator::Or => Truth::No,
            Operator::And if any_no => Truth::No,
            Operator::And if any_unknown => Truth::Unknown,
            Operator::And if any_yes => Truth::Yes,
            Operator::And => Truth::No,
        }
    }
}

/// How an asset's CPEs meet a CVE's configurations.
#[derive(Debug, Clone)]
pub struct CpeHit<'a> {
    /// False when part of the configuration (the platform) could not be checked.
    pub certain: bool,
    /// The vulnerable criteria the asset matched.
    pub matched: Vec<&'a CompiledMatch>,
}

impl NvdCve {
    /// Evaluates the configurations against an asset's CPE names.
    pub fn applies_to<'a>(&'a self, asset: &[Cpe]) -> Option<CpeHit<'a>> {
        let mut best: Option<CpeHit<'a>> = None;
        for config in &self.configurations {
            let mut matched = Vec::new();
            let truth = Truth::combine(
                config.operator,
                config.nodes.iter().map(|node| {
                    let t = Truth::combine(
                        node.operator,
                        node.matches.iter().map(|m| {
                            let t = eval_match(m, asset);
                            if t == Truth::Yes && m.raw.vulnerable && !node.negate {
                                matched.push(m);
                            }
                            t
                        }),
                    );
                    if node.negate {
                        t.not()
                    } else {
                        t
                    }
                }),
            );
            let truth = if config.negate { truth.not() } else { truth };
            if matched.is_empty() || truth == Truth::No {
                continue;
            }
            let hit = CpeHit {
                certain: truth == Truth::Yes,
                matched,
            };
            if best.as_ref().into_iter().all(|b| !b.certain && hit.certain) {
                best = Some(hit);
            }
        }
        best
    }
}

fn eval_match(m: &CompiledMatch, asset: &[Cpe]) -> Truth {
    let mut unknown = false;
    let mut same_product = false;
    for c in asset {
        match m.matches(c) {
            Some(true) => return Truth::Yes,
            None => unknown = true,
            Some(false) => {}
        }
        if c.vendor() == m.cpe.vendor() && c.product() == m.cpe.product() {
            same_product = true;
        }
    }
    // A platform entry about something the asset does not list is unknown, not false.
    if unknown || (!m.raw.vulnerable && !same_product) {
        Truth::Unknown
    } else {
        Truth::No
    }
}

/// One record: where it sits in the feed, and its compiled form once something needed it.
#[derive(Debug, Clone)]
struct Record {
    span: (usize, usize),
    compiled: OnceLock<NvdCve>,
}

/// NVD records indexed by the (vendor, product) of their vulnerable criteria. The feed text is
/// kept, and a record is compiled the first time an asset's product leads to it: a clinic
/// meets a tiny share of NVD.
#[derive(Debug, Clone, Default)]
pub struct NvdCatalog {
    feed: String,
    records: Vec<Record>,
    by_product: FastMap<String, Vec<u32>>,
    by_id: FastMap<String, u32>,
}

impl NvdCatalog {
    pub fn load(path: &Path) -> Result<NvdCatalog, ExposureError> {
        let bytes = std::fs::read(path).map_err(|e| ExposureError::io(path, e))?;
        NvdCatalog::from_vec(&path.display().to_string(), bytes)
    }

    /// Reads an NVD CVE JSON 2.0 document (the API response or a feed file: an object with
    /// `vulnerabilities: [{cve: ...}]`). Every record's types are checked here, so a bad
    /// feed fails at load; criteria that are not CPE 2.3 names are skipped.
    pub fn from_json(label: &str, bytes: &[u8]) -> Result<NvdCatalog, ExposureError> {
        NvdCatalog::from_vec(label, bytes.to_vec())
    }

    fn from_vec(label: &str, bytes: Vec<u8>) -> Result<NvdCatalog, ExposureError> {
        let feed = String::from_utf8(bytes)
            .map_err(|e| ExposureError::malformed(label, 0, format!("UTF-8 JSON ({e})")))?;
        let mut catalog = NvdCatalog::default();
        {
            let records =
                records(&feed).map_err(|e| ExposureError::json(label, NVD_EXPECTED, &e))?;
            for record in records {
                let record = record.map_err(|e| {
                    ExposureError::malformed(label, e.line, format!("{NVD_EXPECTED}: {}", e.error))
                })?;
                let keys = record
                    .raw
                    .configurations
                    .iter()
                    .flat_map(|c| &c.nodes)
                    .flat_map(|n| &n.cpe_match)
                    .filter(|m| m.vulnerable)
                    .filter_map(|m| criteria_key(&m.criteria));
                catalog.add(
                    record.id(),
                    keys,
                    Record {
                        span: record.span,
                        compiled: OnceLock::new(),
                    },
                );
            }
        }
        catalog.feed = feed;
        Ok(catalog)
    }

    /// Adds a record built in code.
    pub fn push(&mut self, cve: NvdCve) {
        let keys: Vec<String> = cve
            .configurations
            .iter()
            .flat_map(|c| &c.nodes)
            .flat_map(|n| &n.matches)
            .filter(|m| m.raw.vulnerable)
            .map(|m| product_key(m.cpe.vendor(), m.cpe.product()))
            .collect();
        let id = cve.id.clone();
        let compiled = OnceLock::new();
        let _ = compiled.set(cve);
        self.add(
            id,
            keys.into_iter(),
            Record {
                span: (0, 0),
                compiled,
            },
        );
    }

    fn add(&mut self, id: String, keys: impl Iterator<Item = String>, record: Record) {
        let idx = self.records.len() as u32;
        let mut keys: Vec<String> = keys.collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            match self.by_product.get_mut(&k) {
                Some(list) => list.push(idx),
                None => {
                    self.by_product.insert(k, vec![idx]);
                }
            }
        }
        self.by_id.insert(id, idx);
        self.records.push(record);
    }

    fn record(&self, idx: u32) -> &NvdCve {
        let r = &self.records[idx as usize];
        r.compiled.get_or_init(|| {
            let text = self.feed.get(r.span.0..r.span.1).unwrap_or("");
            match serde_json::from_str::<RawCve<'_>>(text) {
                Ok(raw) => convert(raw),
                // Checked at load; an empty record is the safe answer should that change.
                Err(_) => NvdCve {
                    id: String::new(),
                    description: None,
                    cvss: None,
                    configurations: Vec::new(),
                },
            }
        })
    }

    pub fn get(&self, id: &str) -> Option<&NvdCve> {
        self.by_id.get(id).map(|&i| self.record(i))
    }

    /// CVEs whose vulnerable criteria name this vendor and product.
    pub fn candidates(&self, vendor: &str, product: &str) -> impl Iterator<Item = &NvdCve> {
        self.by_product
            .get(&product_key(vendor, product))
            .into_iter()
            .flatten()
            .map(|&i| self.record(i))
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// What an NVD document is, for messages.
const NVD_EXPECTED: &str = "NVD CVE JSON 2.0 (an object with `vulnerabilities: [{cve: ...}]`)";

/// One record of an NVD CVE JSON 2.0 document: its `cve` object, checked against the types
/// ward reads and borrowed from the document's text.
pub struct FeedRecord<'a> {
    /// Where the `cve` object sits in the document (byte offsets).
    span: (usize, usize),
    raw: RawCve<'a>,
}

impl FeedRecord<'_> {
    /// The CVE id as NVD wrote it, trimmed and upper-cased (not checked further).
    pub fn id(&self) -> String {
        self.raw.id.trim().to_ascii_uppercase()
    }

    /// The record as an owned value: description, score and compiled configurations.
    pub fn to_cve(self) -> NvdCve {
        convert(self.raw)
    }
}

/// Why one record of an NVD document could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct RecordError {
    /// The document's line the problem is on (1-based); for an item without `cve`, the
    /// line where the record before it ends.
    pub line: usize,
    /// The item has no `cve` object (as opposed to one of the wrong shape).
    pub missing_cve: bool,
    pub error: serde_json::Error,
}

/// The one reader of NVD CVE JSON 2.0: the document's outline (`vulnerabilities: [...]`) is
/// checked at once, each record on its own as the iterator reaches it, so a caller may stop
/// at a broken record ([`NvdCatalog`]) or skip it (the feed importer).
pub fn records(
    feed: &str,
) -> Result<impl Iterator<Item = Result<FeedRecord<'_>, RecordError>> + '_, serde_json::Error> {
    let file: FeedFile<'_> = serde_json::from_str(feed)?;
    let base = feed.as_ptr() as usize;
    let lines_before = move |at: usize| feed.get(..at).unwrap_or("").matches('\n').count();
    // Where the record before ends: the nearest place known for an item without `cve`.
    let mut previous_end = 0;
    Ok(file.vulnerabilities.into_iter().map(move |item| {
        let Some(cve) = item.cve else {
            return Err(RecordError {
                line: lines_before(previous_end) + 1,
                missing_cve: true,
                error: <serde_json::Error as serde::de::Error>::missing_field("cve"),
            });
        };
        let text = cve.get();
        let start = (text.as_ptr() as usize).saturating_sub(base);
        previous_end = start + text.len();
        let raw: RawCve<'_> = serde_json::from_str(text).map_err(|error| RecordError {
            line: lines_before(start) + error.line(),
            missing_cve: false,
            error,
        })?;
        Ok(FeedRecord {
            span: (start, previous_end),
            raw,
        })
    }))
}

/// The index key of a criteria string. Most NVD criteria are plain lowercase names that can
/// be split in place; anything else goes through the full CPE parser so both agree.
fn criteria_key(criteria: &str) -> Option<String> {
    let plain = !criteria
        .bytes()
        .any(|b| b == b'\\' || b.is_ascii_uppercase() || !b.is_ascii());
    if plain {
        let mut fields = criteria.strip_prefix("cpe:2.3:")?.split(':');
        let (part, vendor, product) = (fields.next()?, fields.next()?, fields.next()?);
        if part.is_empty() || vendor.is_empty() || fields.count() > 8 {
            return None;
        }
        let product = if product.is_empty() { "*" } else { product };
        return Some(product_key(vendor, product));
    }
    Cpe::parse(criteria).map(|c| product_key(c.vendor(), c.product()))
}

/// One string per (vendor, product); NUL cannot occur in a CPE attribute.
fn product_key(vendor: &str, product: &str) -> String {
    let mut k = String::with_capacity(vendor.len() + product.len() + 1);
    k.push_str(vendor);
    k.push('\0');
    k.push_str(product);
    k
}

fn convert(raw: RawCve) -> NvdCve {
    let description = raw
        .descriptions
        .iter()
        .find(|d| d.lang == "en")
        .or_else(|| raw.descriptions.first())
        .map(|d| d.value.to_string());
    let metrics = [
        &raw.metrics.v40,
        &raw.metrics.v31,
        &raw.metrics.v30,
        &raw.metrics.v2,
    ];
    let cvss = metrics.iter().find(|m| !m.is_empty()).and_then(|list| {
        list.iter()
            .find(|m| m.kind == "Primary")
            .or_else(|| list.first())
            .map(|m| (m.data.base_score, m.data.vector.to_string()))
    });
    let configurations = raw
        .configurations
        .into_iter()
        .map(|c| Configuration {
            operator: Operator::parse(c.operator.as_deref()),
            negate: c.negate,
            nodes: c
                .nodes
                .into_iter()
                .map(|n| Node {
                    operator: Operator::parse(n.operator.as_deref()),
                    negate: n.negate,
                    matches: n
                        .cpe_match
                        .iter()
                        .filter_map(|m| CompiledMatch::compile(m.to_owned_match()))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    NvdCve {
        id: raw.id.trim().to_ascii_uppercase(),
        description,
        cvss,
        configurations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"{"vulnerabilities":[
      {"cve":{"id":"CVE-2099-0001","descriptions":[{"lang":"en","value":"firmware flaw"}],
        "metrics":{"cvssMetricV31":[{"type":"Primary","cvssData":{"baseScore":9.8,"vectorString":"CVSS:3.1/AV:N"}}]},
        "configurations":[{"operator":"AND","nodes":[
          {"operator":"OR","negate":false,"cpeMatch":[{"vulnerable":true,
            "criteria":"cpe:2.3:o:acme:pump_firmware:*:*:*:*:*:*:*:*","versionEndExcluding":"4.2"}]},
          {"operator":"OR","negate":false,"cpeMatch":[{"vulnerable":false,
            "criteria":"cpe:2.3:h:acme:pump_x1:-:*:*:*:*:*:*:*"}]}]}]}},
      {"cve":{"id":"CVE-2099-0002","configurations":[{"nodes":[{"operator":"OR","cpeMatch":[
          {"vulnerable":true,"criteria":"cpe:2.3:a:acme:viewer:2.0:*:*:*:*:*:*:*"},
          {"vulnerable":true,"criteria":"cpe:2.3:a:acme:viewer:2.1:*:*:*:*:*:*:*"}]}]}]}}
    ]}"#;

    fn cpes(list: &[&str]) -> Vec<Cpe> {
        list.iter().map(|c| Cpe::parse(c).unwrap()).collect()
    }

    #[test]
    fn and_configuration_needs_the_platform_or_stays_uncertain() {
        let cat = NvdCatalog::from_json("nvd.json", FEED.as_bytes()).unwrap();
        let cve = cat.get("CVE-2099-0001").unwrap();
        assert_eq!(cve.cvss.as_ref().unwrap().0, 9.8);
        let both = cpes(&[
            "cpe:2.3:o:acme:pump_firmware:4.1:*:*:*:*:*:*:*",
            "cpe:2.3:h:acme:pump_x1:-:*:*:*:*:*:*:*",
        ]);
        assert!(cve.applies_to(&both).unwrap().certain);
        let other_hw = cpes(&[
            "cpe:2.3:o:acme:pump_firmware:4.1:*:*:*:*:*:*:*",
            "cpe:2.3:h:acme:pump_x2:-:*:*:*:*:*:*:*",
        ]);
        assert!(!cve.applies_to(&other_hw).unwrap().certain);
        let other_hw_same_product = cpes(&[
            "cpe:2.3:o:acme:pump_firmware:4.1:*:*:*:*:*:*:*",
            "cpe:2.3:h:acme:pump_x1:2:*:*:*:*:*:*:*",
        ]);
        assert!(cve.applies_to(&other_hw_same_product).is_none());
        let fixed = cpes(&[
            "cpe:2.3:o:acme:pump_firmware:4.2:*:*:*:*:*:*:*",
            "cpe:2.3:h:acme:pump_x1:-:*:*:*:*:*:*:*",
        ]);
        assert!(cve.applies_to(&fixed).is_none());
    }

    #[test]
    fn or_node_any_entry() {
        let cat = NvdCatalog::from_json("nvd.json", FEED.as_bytes()).unwrap();
        let cve = cat.get("CVE-2099-0002").unwrap();
        assert!(cve
            .applies_to(&cpes(&["cpe:2.3:a:acme:viewer:2.1"]))
            .is_some());
        assert!(cve
            .applies_to(&cpes(&["cpe:2.3:a:acme:viewer:2.2"]))
            .is_none());
        assert_eq!(cat.candidates("acme", "viewer").count(), 1);
        assert_eq!(cat.candidates("acme", "pump_x1").count(), 0);
    }

    #[test]
    fn fast_index_key_agrees_with_the_parser() {
        for c in [
            "cpe:2.3:a:acme:viewer:2.0:*:*:*:*:*:*:*",
            "cpe:2.3:a:Acme:Viewer",
            r"cpe:2.3:a:foo\:bar:baz:1",
            "cpe:2.3:a:acme::1",
            "cpe:2.3::acme:x",
            "cpe:2.3:a:b:c:d:e:f:g:h:i:j:k:l",
        ] {
            let slow = Cpe::parse(c).map(|p| product_key(p.vendor(), p.product()));
            assert_eq!(criteria_key(c), slow, "{c}");
        }
    }

    #[test]
    fn bad_feed_names_its_line() {
        let err = NvdCatalog::from_json("nvd.json", b"{\"vulnerabilities\":\n[{\"cve\": 3}]}")
            .unwrap_err();
        assert!(err.to_string().starts_with("nvd.json:2:"), "{err}");
    }

    #[test]
    fn records_read_one_by_one_past_a_broken_one() {
        let feed = "{\"vulnerabilities\":[\n{\"cve\":{\"id\":\" cve-2099-0001 \"}},\n{\"nocve\":1},\n{\"cve\":{\"id\":5}},\n{\"cve\":{\"id\":\"CVE-2099-0002\"}}]}";
        let read: Vec<_> = records(feed).unwrap().collect();
        assert_eq!(read.len(), 4);
        assert_eq!(read[0].as_ref().unwrap().id(), "CVE-2099-0001");
        let missing = read[1].as_ref().err().unwrap();
        assert!(missing.missing_cve);
        assert_eq!(missing.line, 2);
        let wrong = read[2].as_ref().err().unwrap();
        assert!(!wrong.missing_cve);
        assert_eq!(wrong.line, 4);
        assert!(read[3].is_ok());
        assert!(records("{\"vulnerabilities\": 3}").is_err_and(|e| e.is_data()));
        assert!(records("{\"vulnerabilities\": [3]}").is_err_and(|e| e.is_data()));
        assert!(records("{").is_err_and(|e| e.is_eof()));
    }
}
