//! CSAF 2.0 security advisories (CISA's medical-device advisories in particular): the
//! products they name, the version ranges those products are affected in, and what the
//! vendor says to do.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ExposureError;
use crate::version::{parse_product_version, parse_range, AffectedVersions, VersionSpec};

/// A vendor's remediation or workaround, carried verbatim to the action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remediation {
    /// CSAF category: `vendor_fix`, `mitigation`, `workaround`, `none_available`,
    /// `no_fix_planned`.
    pub category: String,
    pub details: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One product leaf of the advisory's product tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvisoryProduct {
    pub product_id: String,
    pub vendor: String,
    /// The `product_name` branch: the name clinics are most likely to use.
    pub product_name: String,
    /// The leaf's full name, often with the version wording ("versions prior to 8.2.2").
    pub full_name: String,
    /// The range as the advisory wrote it.
    pub version_text: String,
    pub versions: AffectedVersions,
}

/// One vulnerability of an advisory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdvisoryVulnerability {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cve: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cwe: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub known_affected: Vec<String>,
    /// Remediations by product id they apply to; those without product ids apply to all.
    pub remediations: Vec<(Vec<String>, Remediation)>,
    /// CVSS v3 base scores by product id; `None` key for scores without products.
    pub cvss: Vec<(Vec<String>, f64, String)>,
}

impl AdvisoryVulnerability {
    pub fn remediations_for(&self, product_id: &str) -> Vec<Remediation> {
        self.remediations
            .iter()
            .filter(|(ids, _)| ids.is_empty() || ids.iter().any(|i| i == product_id))
            .map(|(_, r)| r.clone())
            .collect()
    }

    pub fn cvss_for(&self, product_id: &str) -> Option<(f64, String)> {
        self.cvss
            .iter()
            .filter(|(ids, _, _)| ids.is_empty() || ids.iter().any(|i| i == product_id))
            .map(|(_, s, v)| (*s, v.clone()))
            .fold(None, |best: Option<(f64, String)>, cur| match best {
                Some(b) if b.0 >= cur.0 => Some(b),
                _ => Some(cur),
            })
    }
}

/// One CSAF advisory, reduced to what matching and the action plan need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub file: String,
    pub products: Vec<AdvisoryProduct>,
    pub vulnerabilities: Vec<AdvisoryVulnerability>,
}

impl Advisory {
    pub fn load(path: &Path) -> Result<Advisory, ExposureError> {
        let bytes = std::fs::read(path).map_err(|e| ExposureError::io(path, e))?;
        Advisory::from_json(&path.display().to_string(), &bytes)
    }

    /// Every `.json` file of a folder, in name order.
    pub fn load_dir(dir: &Path) -> Result<Vec<Advisory>, ExposureError> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| ExposureError::io(dir, e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
            .collect();
        files.sort();
        files.iter().map(|f| Advisory::load(f)).collect()
    }

    pub fn from_json(label: &str, bytes: &[u8]) -> Result<Advisory, ExposureError> {
        let doc: Value = serde_json::from_slice(bytes)
            .map_err(|e| ExposureError::json(label, "a CSAF 2.0 JSON document", &e))?;
        let Some(document) = doc.get("document").filter(|d| d.is_object()) else {
            return Err(ExposureError::malformed(
                label,
                1,
                "a CSAF document with a `document` object",
            ));
        };
        let str_at = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_str).map(str::to_string);
        let id = str_at(document, "/tracking/id")
            .ok_or_else(|| ExposureError::malformed(label, 1, "`document.tracking.id`"))?;
        let title = str_at(document, "/title").unwrap_or_else(|| id.clone());
        let url = document
            .get("references")
            .and_then(Value::as_array)
            .and_then(|refs| {
                refs.iter()
                    .filter_map(|r| r.get("url").and_then(Value::as_str))
                    .find(|u| !u.ends_with(".json"))
            })
            .map(str::to_string);
        let mut products = Vec::new();
        if let Some(branches) = doc
            .pointer("/product_tree/branches")
            .and_then(Value::as_array)
        {
            walk_branches(branches, &mut Context::default(), &mut products, 0);
        }
        // Some extracted advisories name the product "Version"; the title still names it.
        for p in &mut products {
            let placeholder = ["version", "versions", "all", "product", "products", "*", ""];
            if placeholder.contains(&p.product_name.trim().to_ascii_lowercase().as_str()) {
                if let Some(name) = product_from_title(&title, &p.vendor) {
                    p.product_name = name;
                }
            }
        }
        let mut vulnerabilities = Vec::new();
        if let Some(vulns) = doc.get("vulnerabilities").and_then(Value::as_array) {
            for v in vulns {
                vulnerabilities.push(read_vulnerability(v));
            }
        }
        Ok(Advisory {
            id,
            title,
            url,
            file: label.to_string(),
            products,
            vulnerabilities,
        })
    }

    /// Every version text in the advisory with what it parses to, for auditing the parser.
    pub fn version_texts(&self) -> impl Iterator<Item = (&str, &AffectedVersions)> {
        self.products
            .iter()
            .map(|p| (p.version_text.as_str(), &p.versions))
    }
}

/// "ICSMA-18-086-01_Philips Alice 6 Vulnerabilities (Update B)" → "Alice 6".
fn product_from_title(title: &str, vendor: &str) -> Option<String> {
    let mut t = title;
    if t.to_ascii_uppercase().starts_with("ICSMA-") {
        t = t.split_once('_').map_or(t, |(_, rest)| rest);
    }
    let t = t.split('(').next().unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    let end = lower.find(" vulnerabilit").unwrap_or(t.len());
    let mut name = t[..end].trim();
    // `get` rather than indexing: the vendor's length need not fall on a character boundary
    // of the title.
    if let (Some(head), Some(rest)) = (name.get(..vendor.len()), name.get(vendor.len()..)) {
        if head.eq_ignore_ascii_case(vendor) && !rest.starts_with(char::is_alphanumeric) {
            name = rest.trim();
        }
    }
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_name_from_title() {
        let t = "ICSMA-18-086-01_Philips Alice 6 Vulnerabilities (Update B)";
        assert_eq!(product_from_title(t, "Philips").as_deref(), Some("Alice 6"));
        assert_eq!(
            product_from_title("Äöü Pump Vulnerability", "A").as_deref(),
            Some("Äöü Pump")
        );
        assert_eq!(
            product_from_title("Äöü Pump", "Äö").as_deref(),
            Some("Äöü Pump")
        );
        assert_eq!(
            product_from_title("Äöü Pump", "Äöü").as_deref(),
            Some("Pump")
        );
    }

    #[test]
    fn placeholder_product_named_from_title() {
        let doc = br#"{"document":{"title":"Philips Alice 6 Vulnerabilities","tracking":{"id":"ICSMA-18-086-01"}},
          "product_tree":{"branches":[{"category":"vendor","name":"Philips","branches":[{"category":"product_name",
            "name":"Version","branches":[{"category":"product_version_range","name":"<= R8.0.3",
            "product":{"name":"Version: R8.0.3 or prior","product_id":"CSAFPID-0001"}}]}]}]},
          "vulnerabilities":[{"cve":"CVE-2018-0001","product_status":{"known_affected":["CSAFPID-0001"]},
            "remediations":[{"category":"vendor_fix","details":"Update to R8.0.4.","product_ids":["CSAFPID-0001"]}]}]}"#;
        let a = Advisory::from_json("a.json", doc).unwrap();
        assert_eq!(a.products[0].product_name, "Alice 6");
        assert_eq!(
            a.vulnerabilities[0].remediations_for("CSAFPID-0001")[0].details,
            "Update to R8.0.4."
        );
    }
}

#[derive(Default, Clone)]
struct Context {
    vendor: String,
    product_name: String,
}

fn walk_branches(
    branches: &[Value],
    ctx: &mut Context,
    out: &mut Vec<AdvisoryProduct>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    for b in branches {
        let category = b.get("category").and_then(Value::as_str).unwrap_or("");
        let name = b
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut here = ctx.clone();
        match category {
            "vendor" => here.vendor = name.clone(),
            "product_name" | "product_family" => here.product_name = name.clone(),
            _ => {}
        }
        if let Some(product) = b.get("product") {
            let product_id = product
                .get("product_id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let full_name = product
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let (version_text, versions) = match category {
                "product_version_range" => (name.clone(), parse_range(&name)),
                "product_version" => (name.clone(), parse_product_version(&name, &full_name)),
                // A product leaf without a version branch: the advisory names every version.
                _ => (
                    "vers:all/*".to_string(),
                    Ok(AffectedVersions {
                        spec: VersionSpec::All,
                        qualifier: None,
                    }),
                ),
            };
            let versions = versions.unwrap_or_else(|_| AffectedVersions {
                spec: VersionSpec::ByDate { text: name.clone() },
                qualifier: Some(
                    "the advisory's version wording could not be read; check with the manufacturer"
                        .into(),
                ),
            });
            let product_name = if here.product_name.is_empty() {
                full_name.clone()
            } else {
                here.product_name.clone()
            };
            out.push(AdvisoryProduct {
                product_id,
                vendor: here.vendor.clone(),
                product_name,
                full_name,
                version_text,
                versions,
            });
        }
        if let Some(children) = b.get("branches").and_then(Value::as_array) {
            walk_branches(children, &mut here, out, depth + 1);
        }
    }
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn read_vulnerability(v: &Value) -> AdvisoryVulnerability {
    let text = |p: &str| v.pointer(p).and_then(Value::as_str).map(str::to_string);
    let summary = v.get("notes").and_then(Value::as_array).and_then(|notes| {
        notes
            .iter()
            .find(|n| n.get("category").and_then(Value::as_str) == Some("summary"))
            .or_else(|| notes.first())
            .and_then(|n| n.get("text").and_then(Value::as_str))
            .map(str::to_string)
    });
    let cwe = match (text("/cwe/id"), text("/cwe/name")) {
        (Some(id), Some(name)) => Some(format!("{id}: {name}")),
        (id, _) => id,
    };
    let mut remediations = Vec::new();
    for r in v
        .get("remediations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let category = r
            .get("category")
            .and_then(Value::as_str)
            .unwrap_or("mitigation")
            .to_string();
        let details = r
            .get("details")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_string();
        if details.is_empty() {
            continue;
        }
        remediations.push((
            string_list(r.get("product_ids")),
            Remediation {
                category,
                details,
                url: r.get("url").and_then(Value::as_str).map(str::to_string),
            },
        ));
    }
    let mut cvss = Vec::new();
    for s in v
        .get("scores")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for key in ["cvss_v3", "cvss_v2"] {
            if let Some(score) = s
                .pointer(&format!("/{key}/baseScore"))
                .and_then(Value::as_f64)
            {
                let vector = s
                    .pointer(&format!("/{key}/vectorString"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                cvss.push((string_list(s.get("products")), score, vector));
                break;
            }
        }
    }
    let mut known_affected = string_list(v.pointer("/product_status/known_affected"));
    known_affected.extend(string_list(v.pointer("/product_status/first_affected")));
    known_affected.extend(string_list(v.pointer("/product_status/last_affected")));
    AdvisoryVulnerability {
        cve: text("/cve"),
        title: text("/title"),
        cwe,
        summary,
        known_affected,
        remediations,
        cvss,
    }
}
