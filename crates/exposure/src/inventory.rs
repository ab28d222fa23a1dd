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
            "network"
            | "network-device"
            | "networking"
            | "switch"
            | "router"
            | "firewall"
            | "access-point"
            | "network-switch"
            | "wireless-controller" => AssetKind::Network,
            "medical-device" | "medical" | "device" | "biomed" => AssetKind::MedicalDevice,
            "iot" | "internet-of-things" | "printer" | "building-system" => AssetKind::Iot,
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

/// How to read an inventory file.
#[derive(Debug, Clone, Default)]
pub struct InventoryOptions {
    /// The worksheet of an .xlsx/.ods workbook to read; the first one when `None`.
    pub sheet: Option<String>,
}

/// The file extensions a folder inventory picks up.
const INVENTORY_EXTENSIONS: &[&str] = &["csv", "tsv", "txt", "json", "xlsx", "xlsm", "ods"];

impl Inventory {
    /// Reads a CSV file, a spreadsheet, a CycloneDX JSON file, or every such file of a folder.
    pub fn load(path: &Path) -> Result<Inventory, ExposureError> {
        Inventory::load_with(path, &InventoryOptions::default())
    }

    /// [`Inventory::load`] with options (the worksheet to read).
    pub fn load_with(path: &Path, options: &InventoryOptions) -> Result<Inventory, ExposureError> {
        let mut inv = Inventory::default();
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| ExposureError::io(path, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        INVENTORY_EXTENSIONS
                            .iter()
                            .any(|x| e.eq_ignore_ascii_case(x))
                    })
                })
                .collect();
            files.sort();
            for f in files {
                inv.add_file_with(&f, options)?;
            }
        } else {
            inv.add_file_with(path, options)?;
        }
        Ok(inv)
    }

    /// Adds one file; what it is (CSV, spreadsheet, CycloneDX JSON) is told by its content.
    pub fn add_file(&mut self, path: &Path) -> Result<(), ExposureError> {
        self.add_file_with(path, &InventoryOptions::default())
    }

    /// [`Inventory::add_file`] with options.
    pub fn add_file_with(
        &mut self,
        path: &Path,
        options: &InventoryOptions,
    ) -> Result<(), ExposureError> {
        let bytes = std::fs::read(path).map_err(|e| ExposureError::io(path, e))?;
        self.add_bytes(&path.display().to_string(), bytes, options)
    }

    /// Adds one file's bytes (an upload, say), named `label` in problems; what it is (CSV,
    /// spreadsheet, CycloneDX JSON) is told by its content, as [`Inventory::add_file`] does.
    pub fn add_bytes(
        &mut self,
        label: &str,
        bytes: Vec<u8>,
        options: &InventoryOptions,
    ) -> Result<(), ExposureError> {
        let label = label.to_string();
        if bytes.starts_with(b"PK\x03\x04") {
            return self.add_spreadsheet(&label, bytes, options.sheet.as_deref());
        }
        if let Some(looks_like) = binary_kind(&bytes) {
            return Err(ExposureError::NotAnInventory {
                path: label,
                looks_like: looks_like.to_string(),
            });
        }
        let first = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
        if first == Some(&b'{') {
            self.add_cyclonedx(&label, &bytes)
        } else {
            self.add_csv(&label, &bytes)
        }
    }

    /// Reads an inventory CSV: comma, semicolon or tab separated (told from the header row).
    /// Columns in any order, header names as people write them ("Manufacturer", "Firmware
    /// Version"), unknown columns kept in `extra`.
    pub fn add_csv(&mut self, label: &str, bytes: &[u8]) -> Result<(), ExposureError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if let Some(looks_like) = binary_kind(bytes) {
            return Err(ExposureError::NotAnInventory {
                path: label.to_string(),
                looks_like: looks_like.to_string(),
            });
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .delimiter(sniff_delimiter(bytes))
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
        let header: Vec<String> = header
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        let columns = map_columns(label, &header)?;
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
            let mut cells = Vec::with_capacity(record.len());
            let mut bad = None;
            for (i, raw) in record.iter().enumerate() {
                match std::str::from_utf8(raw) {
                    Ok(t) => cells.push(t.to_string()),
                    Err(_) => {
                        let column = columns.get(i).map_or("?", String::as_str);
                        bad = Some(format!("column `{column}` is not valid UTF-8 text"));
                        break;
                    }
                }
            }
            let result = match bad {
                Some(message) => Err(message),
                None => row_to_asset(&columns, &cells, label, line),
            };
            self.push_row(label, line, result);
        }
        Ok(())
    }

    fn push_row(&mut self, label: &str, line: usize, result: Result<Asset, String>) {
        match result {
            Ok(asset) => self.assets.push(asset),
            Err(message) => self.problems.push(InputProblem {
                file: label.to_string(),
                line,
                message,
            }),
        }
    }

    /// Reads the first worksheet (or `sheet`) of an .xlsx or .ods workbook; the first
    /// non-empty row is the header. Problems name the sheet's row number.
    pub fn add_spreadsheet(
        &mut self,
        label: &str,
        bytes: Vec<u8>,
        sheet: Option<&str>,
    ) -> Result<(), ExposureError> {
        use calamine::Reader;
        let mut book =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| {
                ExposureError::NotAnInventory {
                    path: label.to_string(),
                    looks_like: "a zip archive that is not an .xlsx or .ods workbook".into(),
                }
            })?;
        let names = book.sheet_names();
        let name = match sheet {
            Some(want) => names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(want.trim()))
                .cloned()
                .ok_or_else(|| {
                    ExposureError::malformed(
                        label,
                        0,
                        format!(
                            "a worksheet named `{want}`; the workbook has: {}",
                            names.join(", ")
                        ),
                    )
                })?,
            None => names.first().cloned().ok_or_else(|| {
                ExposureError::malformed(label, 0, "a workbook with at least one worksheet")
            })?,
        };
        let range = book.worksheet_range(&name).map_err(|e| {
            ExposureError::malformed(label, 0, format!("a readable worksheet `{name}` ({e})"))
        })?;
        let label = format!("{label} [sheet {name}]");
        // Row numbers as the spreadsheet shows them.
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let mut rows = range
            .rows()
            .enumerate()
            .map(|(i, r)| {
                (
                    first_row + i + 1,
                    r.iter().map(cell_text).collect::<Vec<_>>(),
                )
            })
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
        let Some((_, header)) = rows.next() else {
            return Err(ExposureError::malformed(
                &label,
                1,
                "a header row, found an empty worksheet",
            ));
        };
        let columns = map_columns(&label, &header)?;
        for (line, cells) in rows {
            let result = row_to_asset(&columns, &cells, &label, line);
            self.push_row(&label, line, result);
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
    cells: &[String],
    label: &str,
    line: usize,
) -> Result<Asset, String> {
    let mut asset = Asset::new("", "", "", None);
    asset.source = SourceRef {
        file: label.to_string(),
        line,
    };
    let extra_cells = cells
        .iter()
        .skip(columns.len())
        .any(|c| !c.trim().is_empty());
    if extra_cells {
        return Err(format!(
            "{} fields, but the header has {} columns",
            cells.len(),
            columns.len()
        ));
    }
    for (i, column) in columns.iter().enumerate() {
        let value = cells.get(i).map_or("", |c| c.trim());
        apply_field(&mut asset, column, value)?;
    }
    // A sheet with a model column and no product column: the model is the product.
    if asset.product.is_empty() {
        if let Some(m) = &asset.model {
            asset.product = m.clone();
        }
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

/// Header names as people write them, to ward's column. The first column matching a field
/// takes it; a second one ("Department" next to "Location") is kept under its own name.
const COLUMN_ALIASES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "name",
            "asset_name",
            "asset",
            "device_name",
            "hostname",
            "host_name",
            "computer_name",
            "host",
            "device",
        ],
    ),
    (
        "vendor",
        &[
            "vendor",
            "manufacturer",
            "make",
            "mfr",
            "mfg",
            "brand",
            "supplier",
        ],
    ),
    (
        "product",
        &["product", "product_name", "model_name", "system"],
    ),
    ("model", &["model", "model_number", "model_no", "model_num"]),
    (
        "version",
        &[
            "version",
            "firmware_version",
            "firmware",
            "fw_version",
            "sw_version",
            "software_version",
            "software_release",
            "os_version",
            "release",
        ],
    ),
    ("kind", &["kind"]),
    (
        "location",
        &[
            "location",
            "department",
            "dept",
            "site",
            "room",
            "ward",
            "unit",
            "area",
            "building",
        ],
    ),
    ("criticality", &["criticality", "clinical_criticality"]),
    (
        "internet_exposed",
        &["internet_exposed", "internet_facing", "exposed_to_internet"],
    ),
    ("segmented", &["segmented", "isolated", "own_vlan"]),
    (
        "end_of_support",
        &[
            "end_of_support",
            "eol",
            "eos",
            "end_of_life",
            "eol_date",
            "eos_date",
            "end_of_support_date",
            "end_of_life_date",
            "support_end",
            "support_ends",
        ],
    ),
    (
        "owner",
        &[
            "owner",
            "responsible",
            "custodian",
            "managed_by",
            "support_group",
        ],
    ),
    ("cpe", &["cpe", "cpe_name"]),
];

/// "Firmware Version" → `firmware_version`; "IP-Address" → `ip_address`.
fn normalise_header(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut out = String::new();
    for c in lower.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// Maps a header row to ward's columns, or says which required ones are missing and what the
/// header has.
fn map_columns(label: &str, header: &[String]) -> Result<Vec<String>, ExposureError> {
    let normal: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let mut columns = normal.clone();
    let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
    for (field, aliases) in COLUMN_ALIASES {
        // Aliases in order of preference: "name" beats "device" when a sheet has both.
        let hit = aliases
            .iter()
            .find_map(|a| normal.iter().position(|n| n == a));
        if let Some(i) = hit {
            if !taken.values().any(|&t| t == i) {
                taken.insert(field, i);
            }
        }
    }
    // Columns that are aliases but lost to an earlier one keep their own name in `extra`.
    for (i, c) in columns.iter_mut().enumerate() {
        match taken.iter().find(|(_, &t)| t == i) {
            Some((field, _)) => *c = (*field).to_string(),
            None => {
                if COLUMN_ALIASES.iter().any(|(f, _)| f == c) {
                    c.push_str("_column");
                }
            }
        }
    }
    let has = |f: &str| taken.contains_key(f);
    let mut missing = Vec::new();
    if !has("name") {
        missing.push("name (asset name, hostname)");
    }
    if !has("vendor") {
        missing.push("vendor (manufacturer, make)");
    }
    if !has("product") && !has("model") {
        missing.push("product (model)");
    }
    if !has("version") {
        missing.push("version (firmware version, software version)");
    }
    if missing.is_empty() {
        return Ok(columns);
    }
    let shown: Vec<String> = header
        .iter()
        .map(|h| printable(h.trim()))
        .filter(|h| !h.is_empty())
        .take(30)
        .map(|h| format!("`{h}`"))
        .collect();
    Err(ExposureError::Columns {
        path: label.to_string(),
        found: if shown.is_empty() {
            "no column names".to_string()
        } else {
            shown.join(", ")
        },
        missing: format!(
            "{} {}",
            if missing.len() == 1 {
                "column"
            } else {
                "columns"
            },
            missing.join(", ")
        ),
    })
}

/// Text safe to show in an error: control characters dropped, at most 40 characters.
fn printable(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() && *c != '\u{FFFD}')
        .take(40)
        .collect();
    clean
}

/// What a file that is not text looks like, or `None` for text.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let kinds: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (
            b"\xD0\xCF\x11\xE0",
            "an old Excel .xls (or other Office 97) file; save it as .xlsx or CSV",
        ),
        (b"PK\x03\x04", "a zip archive"),
        (b"\x1F\x8B", "a gzip-compressed file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"ElfFile", "a Windows event log (.evtx)"),
        (b"\x7FELF", "a program (ELF executable)"),
        (b"MZ", "a Windows program"),
        (b"SQLite format 3", "an SQLite database"),
    ];
    for (magic, what) in kinds {
        if bytes.starts_with(magic) {
            return Some(what);
        }
    }
    let head = &bytes[..bytes.len().min(4096)];
    let nul = head.contains(&0);
    // Cut at a character boundary: the head may end inside a multi-byte character.
    let text_ok = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 >= head.len(),
    };
    if nul || !text_ok {
        return Some("binary data");
    }
    None
}

/// The separator of a delimited text file, told from its header row: comma, semicolon or
/// tab, whichever occurs most outside quotes.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let line = bytes
        .split(|b| *b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace));
    let Some(line) = line else {
        return b',';
    };
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        seps[best]
    }
}

/// A spreadsheet cell as text; dates as YYYY-MM-DD, whole numbers without ".0".
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()).unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// An Excel serial date (days since 1899-12-30) as YYYY-MM-DD.
fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.trunc() as u64))
        .map(|d| d.to_string())
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
        // Columns people use for the sort of asset: read when they say a sort ward knows
        // ("Server", "Medical Device", "Switch"), kept as written otherwise.
        "asset_type" | "asset_kind" | "device_type" | "type" | "category" | "asset_class"
            if !value.is_empty() =>
        {
            if asset.kind.is_none() {
                asset.kind = AssetKind::parse(value);
            }
            asset.extra.insert(column.to_string(), value.to_string());
        }
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
        let csv = "Vendor,NAME,Version,Product,Criticality,internet_exposed,Asset Tag\n\
                   BD,ICU pump 3,9.19,Alaris PC Unit 8015,life-sustaining,no,ICU-2\n";
        let mut inv = Inventory::default();
        inv.add_csv("inv.csv", csv.as_bytes()).unwrap();
        let a = &inv.assets[0];
        assert_eq!(a.name, "ICU pump 3");
        assert_eq!(a.criticality, Some(Criticality::LifeSustaining));
        assert_eq!(a.internet_exposed, Some(false));
        assert_eq!(a.extra.get("asset_tag").map(String::as_str), Some("ICU-2"));
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
        assert!(
            err.to_string().contains("version (firmware version"),
            "{err}"
        );
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
