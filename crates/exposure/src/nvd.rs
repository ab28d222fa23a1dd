//! NVD CVE JSON 2.0: CVE records with their CVSS scores and CPE applicability
//! configurations, indexed by vendor and product so that a large feed is matched in one pass.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cpe::{CompiledMatch, Cpe, CpeMatch};
use crate::error::ExposureError;
use crate::fxhash::FxHashMap;

#[derive(Deserialize)]
struct FeedFile {
    vulnerabilities: Vec<FeedItem>,
}

#[derive(Deserialize)]
struct FeedItem {
    cve: RawCve,
}

#[derive(Deserialize)]
struct RawCve {
    id: String,
    #[serde(default)]
    descriptions: Vec<RawDescription>,
    #[serde(default)]
    metrics: RawMetrics,
    #[serde(default)]
    configurations: Vec<RawConfig>,
}

#[derive(Deserialize)]
struct RawDescription {
    lang: String,
    value: String,
}

#[derive(Deserialize, Default)]
struct RawMetrics {
    #[serde(rename = "cvssMetricV40", default)]
    v40: Vec<RawMetric>,
    #[serde(rename = "cvssMetricV31", default)]
    v31: Vec<RawMetric>,
    #[serde(rename = "cvssMetricV30", default)]
    v30: Vec<RawMetric>,
    #[serde(rename = "cvssMetricV2", default)]
    v2: Vec<RawMetric>,
}

#[derive(Deserialize)]
struct RawMetric {
    #[serde(rename = "cvssData")]
    data: RawCvssData,
    #[serde(rename = "type", default)]
    kind: String,
}

#[derive(Deserialize)]
struct RawCvssData {
    #[serde(rename = "baseScore")]
    base_score: f64,
    #[serde(rename = "vectorString", default)]
    vector: String,
}

#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    operator: Option<String>,
    #[serde(default)]
    negate: bool,
    #[serde(default)]
    nodes: Vec<RawNode>,
}

#[derive(Deserialize)]
struct RawNode {
    #[serde(default)]
    operator: Option<String>,
    #[serde(default)]
    negate: bool,
    #[serde(rename = "cpeMatch", default)]
    cpe_match: Vec<CpeMatch>,
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

/// NVD records indexed by the (vendor, product) of their vulnerable criteria.
#[derive(Debug, Clone, Default)]
pub struct NvdCatalog {
    pub cves: Vec<NvdCve>,
    by_product: FxHashMap<String, Vec<u32>>,
    by_id: FxHashMap<String, u32>,
}

impl NvdCatalog {
    pub fn load(path: &Path) -> Result<NvdCatalog, ExposureError> {
        let bytes = std::fs::read(path).map_err(|e| ExposureError::io(path, e))?;
        NvdCatalog::from_json(&path.display().to_string(), &bytes)
    }

    /// Reads an NVD CVE JSON 2.0 document (the API response or a feed file: an object with
    /// `vulnerabilities: [{cve: ...}]`). Criteria that are not CPE 2.3 names are skipped.
    pub fn from_json(label: &str, bytes: &[u8]) -> Result<NvdCatalog, ExposureError> {
        let feed: FeedFile = serde_json::from_slice(bytes).map_err(|e| {
            ExposureError::json(
                label,
                "NVD CVE JSON 2.0 (an object with `vulnerabilities: [{cve: ...}]`)",
                &e,
            )
        })?;
        let mut catalog = NvdCatalog::default();
        for item in feed.vulnerabilities {
            catalog.push(convert(item.cve));
        }
        Ok(catalog)
    }

    pub fn push(&mut self, cve: NvdCve) {
        let idx = self.cves.len() as u32;
        let mut keys: Vec<String> = cve
            .configurations
            .iter()
            .flat_map(|c| &c.nodes)
            .flat_map(|n| &n.matches)
            .filter(|m| m.raw.vulnerable)
            .map(|m| product_key(m.cpe.vendor(), m.cpe.product()))
            .collect();
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
        self.by_id.insert(cve.id.clone(), idx);
        self.cves.push(cve);
    }

    pub fn get(&self, id: &str) -> Option<&NvdCve> {
        self.by_id.get(id).map(|&i| &self.cves[i as usize])
    }

    /// CVEs whose vulnerable criteria name this vendor and product.
    pub fn candidates(&self, vendor: &str, product: &str) -> impl Iterator<Item = &NvdCve> {
        self.by_product
            .get(&product_key(vendor, product))
            .into_iter()
            .flatten()
            .map(|&i| &self.cves[i as usize])
    }

    pub fn len(&self) -> usize {
        self.cves.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cves.is_empty()
    }
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
        .map(|d| d.value.clone());
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
            .map(|m| (m.data.base_score, m.data.vector.clone()))
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
                        .into_iter()
                        .filter_map(CompiledMatch::compile)
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
    fn bad_feed_names_its_line() {
        let err = NvdCatalog::from_json("nvd.json", b"{\"vulnerabilities\":\n[{\"cve\": 3}]}")
            .unwrap_err();
        assert!(err.to_string().starts_with("nvd.json:2:"), "{err}");
    }
}
