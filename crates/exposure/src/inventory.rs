//! The clinic's assets and medical devices: a CSV inventory or CycloneDX SBOMs.
//!
//! Inventories come from spreadsheets, so a bad row is reported with its line and skipped
//! rather than sinking the whole file; only a file that cannot be an inventory at all (no
//! `name`/`vendor`/`product`/`version` columns, not JSON) is an error.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ExposureError;

/// What sort of asset it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssetKind {
    Workstation,
    Server,
    Network,
    MedicalDevice,
    Iot,
}

impl AssetKind {
    fn parse(text: &str) -> Option<AssetKind> {
        Some(match token(text).as_str() {
            "workstation" | "laptop" | "desktop" | "pc" => AssetKind::Workstation,
            "server" => AssetKind::Server,
            "network" | "network-device" | "networking" => AssetKind::Network,
            "medical-device" | "medical" | "device" | "biomed" => AssetKind::MedicalDevice,
            "iot" | "internet-of-things" => AssetKind::Iot,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            AssetKind::Workstation => "workstation",
            AssetKind::Server => "server",
            AssetKind::Network => "network",
            AssetKind::MedicalDevice => "medical-device",
            AssetKind::Iot => "iot",
        }
    }
}

/// What the asset means for patients, most critical first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Criticality {
    LifeSustaining,
    PatientCare,
    ClinicalSupport,
    Business,
}

impl Criticality {
    fn parse(text: &str) -> Option<Criticality> {
        Some(match token(text).as_str() {
            "life-sustaining" | "life-support" | "life-critical" => Criticality::LifeSustaining,
            "patient-care" => Criticality::PatientCare,
            "clinical-support" | "clinical" => Criticality::ClinicalSupport,
            "business" | "administrative" | "admin" => Criticality::Business,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Criticality::LifeSustaining => "life-sustaining",
            Criticality::PatientCare => "patient-care",
            Criticality::ClinicalSupport => "clinical-support",
            Criticality::Business => "business",
        }
    }
}

fn token(text: &str) -> String {
    text.trim().to_ascii_lowercase().replace([' ', '_'], "-")
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Where an asset was read from, so a finding can point back at the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub file: String,
    /// 1-based line of the CSV row; 0 for an SBOM.
    pub line: usize,
}

/// A software or firmware part of a device, from its SBOM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpe: Option<String>,
}

/// One asset or medical device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    pub name: String,
    pub vendor: String,
    pub product: String,
    /// The model number as the inventory gives it (`MMT-1780`, `3005 S3`), when it has a
    /// model column: matched against the models an advisory lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Blank when the inventory does not know; matching then says "possibly affected".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<AssetKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criticality: Option<Criticality>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internet_exposed: Option<bool>,
    /// Optional `segmented` column: the device sits on its own network segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segmented: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_support: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// CPE 2.3 names the asset is known by (from its SBOM, or an optional `cpe` column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// Columns ward does not use, kept so the action plan can show them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
    pub source: SourceRef,
}

impl Asset {
    /// A bare asset, for callers building inventories in code.
    pub fn new(name: &str, vendor: &str, product: &str, version: Option<&str>) -> Asset {
        Asset {
            name: name.to_string(),
            vendor: vendor.to_string(),
            product: product.to_string(),
            model: None,
            version: version.map(str::to_string),
            kind: None,
            location: None,
            criticality: None,
            internet_exposed: None,
            segmented: None,
            end_of_support: None,
            owner: None,
            cpes: Vec::new(),
            components: Vec::new(),
            extra: BTreeMap::new(),
            source: SourceRef {
                file: String::new(),
                line: 0,
            },
        }
    }
}

/// A row or file that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputProblem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The assets read so far and the rows that were skipped.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Inventory {
    pub assets: Vec<Asset>,
    pub problems: Vec<InputProblem>,
}

/// The CSV columns ward understands; the first four are required.
pub const CSV_COLUMNS: &[&str] = &[
    "name",
    "vendor",
    "product",
    "version",
    "model",
    "kind",
    "location",
    "criticality",
    "internet_exposed",
    "end_of_support",
    "owner",
    "segmented",
    "cpe",
];

const REQUIRED: &[&str] = &["name", "vendor", "product", "version"];

impl Inventory {
    /// Reads a CSV file, a CycloneDX JSON file, or every `.csv`/`.json` file of a folder.
    pub fn load(path: &Path) -> Result<Inventory, ExposureError> {
        let mut inv = Inventory::default();
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| ExposureError::io(path, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("json")
                    })
                })
                .collect();
            files.sort();
            for f in files {
                inv.add_file(&f)?;
            }
        } else {
            inv.add_file(path)?;
        }
        Ok(inv)
    }

    /// Adds one file; CSV or CycloneDX JSON is told by its first character.
    pub fn add_file(&mut self, path: &Path) -> Result<(), ExposureError> {
        let bytes = std::fs::read(path).map_err(|e| ExposureError::io(path, e))?;
        let label = path.display().to_string();
        let first = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
        if first == Some(&b'{') {
            self.add_cyclonedx(&label, &bytes)
        } else {
            self.add_csv(&label, &bytes)
        }
    }

    /// Reads an inventory CSV. Columns in any order, header matched case-insensitively,
    /// unknown columns kept in `extra`.
    pub fn add_csv(&mut self, label: &str, bytes: &[u8]) -> Result<(), ExposureError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(bytes);
        let mut records = reader.byte_records();
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                return Err(ExposureError::malformed(
                    label,
                    1,
                    format!("a CSV header row ({e})"),
                ))
            }
            None => {
                return Err(ExposureError::malformed(
                    label,
                    1,
                    "a CSV header row, found an empty file",
                ))
            }
        };
        let columns: Vec<String> = header
            .iter()
            .map(|c| {
                String::from_utf8_lossy(c)
                    .trim()
                    .to_ascii_lowercase()
                    .replace([' ', '-'], "_")
            })
            .collect();
        for req in REQUIRED {
            if !columns.iter().any(|c| c == req) {
                return Err(ExposureError::MissingColumn {
                    path: label.to_string(),
                    column: (*req).to_string(),
                });
            }
        }
        for record in records {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    self.problems.push(InputProblem {
                        file: label.to_string(),
                        line,
                        message: format!("unreadable CSV row ({e})"),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            match row_to_asset(&columns, &record, label, line) {
                Ok(asset) => self.assets.push(asset),
                Err(message) => self.problems.push(InputProblem {
                    file: label.to_string(),
                    line,
                    message,
                }),
            }
        }
        Ok(())
    }

    /// Reads one CycloneDX 1.4-1.6 SBOM describing one device: the device is
    /// `metadata.component`, its parts are `components` (nested ones included).
    pub fn add_cyclonedx(&mut self, label: &str, bytes: &[u8]) -> Result<(), ExposureError> {
        let doc: Value = serde_json::from_slice(bytes)
            .map_err(|e| ExposureError::json(label, "a CycloneDX JSON document", &e))?;
        if doc.get("bomFormat").and_then(Value::as_str) != Some("CycloneDX") {
            return Err(ExposureError::malformed(
                label,
                1,
                "`\"bomFormat\": \"CycloneDX\"`",
            ));
        }
        let spec = doc.get("specVersion").and_then(Value::as_str).unwrap_or("");
        if !["1.4", "1.5", "1.6"].contains(&spec) {
            return Err(ExposureError::malformed(
                label,
                1,
                format!("CycloneDX specVersion 1.4, 1.5 or 1.6, found `{spec}`"),
            ));
        }
        let mut components = Vec::new();
        if let Some(list) = doc.get("components").and_then(Value::as_array) {
            collect_components(list, &mut components, 0);
        }
        let device = doc.pointer("/metadata/component");
        let Some(device) = device.filter(|d| d.is_object()) else {
            // Without a described device, each component stands on its own.
            for c in components {
                let mut a = Asset::new(
                    &c.name,
                    c.vendor.as_deref().unwrap_or(""),
                    &c.name,
                    c.version.as_deref(),
                );
                a.cpes.extend(c.cpe.clone());
                a.source = SourceRef {
                    file: label.to_string(),
                    line: 0,
                };
                a.components.push(c);
                self.assets.push(a);
            }
            return Ok(());
        };
        let text = |k: &str| device.get(k).and_then(Value::as_str).map(str::to_string);
        let product = text("name").unwrap_or_default();
        if product.is_empty() {
            return Err(ExposureError::malformed(
                label,
                1,
                "`metadata.component.name`",
            ));
        }
        let vendor = entity_name(device).unwrap_or_default();
        let mut asset = Asset::new(&product, &vendor, &product, text("version").as_deref());
        asset.source = SourceRef {
            file: label.to_string(),
            line: 0,
        };
        if let Some(cpe) = text("cpe") {
            asset.cpes.push(cpe);
        }
        if let Some(props) = device
            .get("properties")
            .and_then(Value::as_array)
            .or_else(|| {
                doc.pointer("/metadata/properties")
                    .and_then(Value::as_array)
            })
        {
            for p in props {
                let (Some(n), Some(v)) = (
                    p.get("name").and_then(Value::as_str),
                    p.get("value").and_then(Value::as_str),
                ) else {
                    continue;
                };
                let key = n.trim_start_matches("ward:").to_ascii_lowercase();
                if let Err(message) = apply_field(&mut asset, &key, v.trim()) {
                    self.problems.push(InputProblem {
                        file: label.to_string(),
                        line: 0,
                        message,
                    });
                }
            }
        }
        if device.get("type").and_then(Value::as_str) == Some("device") && asset.kind.is_none() {
            asset.kind = Some(AssetKind::MedicalDevice);
        }
        asset
            .cpes
            .extend(components.iter().filter_map(|c| c.cpe.clone()));
        asset.components = components;
        self.assets.push(asset);
        Ok(())
    }
}

fn entity_name(v: &Value) -> Option<String> {
    for key in ["manufacturer", "supplier"] {
        if let Some(n) = v.pointer(&format!("/{key}/name")).and_then(Value::as_str) {
            return Some(n.to_string());
        }
    }
    for key in ["publisher", "author", "group"] {
        if let Some(n) = v.get(key).and_then(Value::as_str) {
            return Some(n.to_string());
        }
    }
    None
}

/// Nested components flatten into the device; depth is bounded so a hostile SBOM cannot
/// recurse without end.
fn collect_components(list: &[Value], out: &mut Vec<Component>, depth: usize) {
    if depth > 16 {
        return;
    }
    for c in list {
        let text = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
        if let Some(name) = text("name") {
            out.push(Component {
                name,
                vendor: entity_name(c),
                version: text("version"),
                purl: text("purl"),
                cpe: text("cpe"),
            });
        }
        if let Some(children) = c.get("components").and_then(Value::as_array) {
            collect_components(children, out, depth + 1);
        }
    }
}

fn row_to_asset(
    columns: &[String],
    record: &csv::ByteRecord,
    label: &str,
    line: usize,
) -> Result<Asset, String> {
    let mut asset = Asset::new("", "", "", None);
    asset.source = SourceRef {
        file: label.to_string(),
        line,
    };
    if record.len() > columns.len() {
        return Err(format!(
            "{} fields, but the header has {} columns",
            record.len(),
            columns.len()
        ));
    }
    for (i, column) in columns.iter().enumerate() {
        let raw = record.get(i).unwrap_or_default();
        let value = std::str::from_utf8(raw)
            .map_err(|_| format!("column `{column}` is not valid UTF-8"))?
            .trim();
        apply_field(&mut asset, column, value)?;
    }
    for req in ["name", "vendor", "product"] {
        let empty = match req {
            "name" => asset.name.is_empty(),
            "vendor" => asset.vendor.is_empty(),
            _ => asset.product.is_empty(),
        };
        if empty {
            return Err(format!("column `{req}` is empty; expected a value"));
        }
    }
    Ok(asset)
}

/// Sets one inventory field; the error says what was expected.
fn apply_field(asset: &mut Asset, column: &str, value: &str) -> Result<(), String> {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    match column {
        "name" => asset.name = value.to_string(),
        "vendor" => asset.vendor = value.to_string(),
        "product" => asset.product = value.to_string(),
        "model" => asset.model = opt(value),
        "version" => asset.version = opt(value),
        "location" => asset.location = opt(value),
        "owner" => asset.owner = opt(value),
        "cpe" => asset.cpes.extend(opt(value)),
        "kind" if !value.is_empty() => {
            asset.kind = Some(AssetKind::parse(value).ok_or_else(|| {
                format!("column `kind` is `{value}`; expected workstation, server, network, medical-device or iot")
            })?)
        }
        "criticality" if !value.is_empty() => {
            asset.criticality = Some(Criticality::parse(value).ok_or_else(|| {
                format!(
                    "column `criticality` is `{value}`; expected life-sustaining, patient-care, clinical-support or business"
                )
            })?)
        }
        "internet_exposed" | "segmented" if !value.is_empty() => {
            let b = parse_yes_no(value).ok_or_else(|| format!("column `{column}` is `{value}`; expected yes or no"))?;
            if column == "segmented" {
                asset.segmented = Some(b);
            } else {
                asset.internet_exposed = Some(b);
            }
        }
        "end_of_support" if !value.is_empty() => {
            asset.end_of_support = Some(parse_date(value).ok_or_else(|| {
                format!("column `end_of_support` is `{value}`; expected a date such as 2025-06-30")
            })?)
        }
        "kind" | "criticality" | "internet_exposed" | "segmented" | "end_of_support" => {}
        other => {
            if !value.is_empty() && !other.is_empty() {
                asset.extra.insert(other.to_string(), value.to_string());
            }
        }
    }
    Ok(())
}

/// `2025-06-30`, `2025/06/30`, or a bare `2025-06` / `2025` meaning the end of that period's
/// first day: support dates in inventories are rarely more precise than a month.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim().replace('/', "-");
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d") {
        return Some(d);
    }
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::parse_from_str(&format!("{t}-01-01"), "%Y-%m-%d").ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_any_order_and_case_with_extras_kept() {
        let csv = "Vendor,NAME,Version,Product,Criticality,internet_exposed,room\n\
                   BD,ICU pump 3,9.19,Alaris PC Unit 8015,life-sustaining,no,ICU-2\n";
        let mut inv = Inventory::default();
        inv.add_csv("inv.csv", csv.as_bytes()).unwrap();
        let a = &inv.assets[0];
        assert_eq!(a.name, "ICU pump 3");
        assert_eq!(a.criticality, Some(Criticality::LifeSustaining));
        assert_eq!(a.internet_exposed, Some(false));
        assert_eq!(a.extra.get("room").map(String::as_str), Some("ICU-2"));
        assert_eq!(a.source.line, 2);
    }

    #[test]
    fn bad_rows_are_reported_with_their_line_and_skipped() {
        let csv = "name,vendor,product,version,kind,end_of_support\n\
                   a,BD,Alaris,1,toaster,\n\
                   b,BD,Alaris,1,server,someday\n\
                   c,BD,Alaris,1,server,2020-01-31\n\
                   ,BD,Alaris,1,,\n";
        let mut inv = Inventory::default();
        inv.add_csv("inv.csv", csv.as_bytes()).unwrap();
        assert_eq!(inv.assets.len(), 1);
        let lines: Vec<usize> = inv.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 5]);
        assert!(inv.problems[0].message.contains("kind"));
    }

    #[test]
    fn missing_required_column_is_an_error() {
        let mut inv = Inventory::default();
        let err = inv
            .add_csv("x.csv", b"name,vendor,product\na,b,c\n")
            .unwrap_err();
        assert!(err.to_string().contains("`version`"));
    }

    #[test]
    fn cyclonedx_device_with_components() {
        let sbom = br#"{"bomFormat":"CycloneDX","specVersion":"1.5",
          "metadata":{"component":{"type":"device","name":"IntelliVue MX450","version":"J.10",
             "manufacturer":{"name":"Philips"},
             "properties":[{"name":"ward:criticality","value":"patient-care"}]}},
          "components":[{"type":"operating-system","name":"windows_xp","version":"-",
             "cpe":"cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*",
             "components":[{"name":"openssl","version":"1.0.1f","purl":"pkg:generic/openssl@1.0.1f"}]}]}"#;
        let mut inv = Inventory::default();
        inv.add_cyclonedx("pump.cdx.json", sbom).unwrap();
        let a = &inv.assets[0];
        assert_eq!(a.vendor, "Philips");
        assert_eq!(a.kind, Some(AssetKind::MedicalDevice));
        assert_eq!(a.criticality, Some(Criticality::PatientCare));
        assert_eq!(a.components.len(), 2);
        assert_eq!(a.cpes.len(), 1);
    }
}
