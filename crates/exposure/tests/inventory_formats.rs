//! Inventories as clinics keep them: .xlsx and .ods workbooks, semicolon- and tab-separated
//! exports, header names as people write them, and files that are no inventory at all.
//! The spreadsheets in tests/fixtures/hospital hold the same 50 assets as the frozen CSV
//! (made by tests/fixtures/hospital/make_spreadsheets.py).

use std::path::{Path, PathBuf};

use ward_exposure::{Asset, ExposureError, Inventory, InventoryOptions};

fn hospital(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hospital")
        .join(file)
}

/// The facts ward uses from an asset, for comparing two readings of one inventory.
fn facts(a: &Asset) -> String {
    format!(
        "{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        a.name,
        a.vendor,
        a.product,
        a.model,
        a.version,
        a.kind,
        a.location,
        a.criticality,
        a.internet_exposed,
        a.segmented,
        a.end_of_support,
        a.owner
    )
}

#[test]
fn every_format_reads_the_same_fifty_assets() {
    let csv = Inventory::load(&hospital("hospital-inventory.csv")).expect("csv");
    let want: Vec<String> = csv.assets.iter().map(facts).collect();
    assert_eq!(want.len(), 50);
    for file in [
        "hospital-inventory.xlsx",
        "hospital-inventory.ods",
        "hospital-inventory-semicolon.csv",
        "hospital-inventory-tab.tsv",
    ] {
        let inv = Inventory::load(&hospital(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(inv.problems.is_empty(), "{file}: {:?}", inv.problems);
        let got: Vec<String> = inv.assets.iter().map(facts).collect();
        assert_eq!(got, want, "{file}");
        // Columns ward does not use are kept, under names a person recognises.
        assert!(
            inv.assets[0].extra.values().any(|v| v == "8015-1102233"),
            "{file}: serial number lost: {:?}",
            inv.assets[0].extra
        );
    }
}

#[test]
fn spreadsheet_rows_are_named_by_their_sheet_row() {
    let inv = Inventory::load(&hospital("hospital-inventory.xlsx")).expect("xlsx");
    let a = &inv.assets[0];
    assert!(
        a.source
            .file
            .ends_with("hospital-inventory.xlsx [sheet Devices]"),
        "{}",
        a.source.file
    );
    assert_eq!(a.source.line, 2);
    // A real Excel date cell becomes a date.
    let dc = inv
        .assets
        .iter()
        .find(|a| a.name == "Domain controller DC01")
        .expect("dc");
    assert_eq!(
        dc.end_of_support.map(|d| d.to_string()).as_deref(),
        Some("2023-10-10")
    );
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_is_named() {
    for file in ["hospital-inventory.xlsx", "hospital-inventory.ods"] {
        let opts = InventoryOptions {
            sheet: Some("retired".into()),
        };
        let inv = Inventory::load_with(&hospital(file), &opts).expect("sheet");
        assert_eq!(inv.assets.len(), 1, "{file}");
        assert_eq!(inv.assets[0].name, "Old fax server");
        let opts = InventoryOptions {
            sheet: Some("Pumps".into()),
        };
        let err = Inventory::load_with(&hospital(file), &opts)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`Pumps`") && err.contains("Devices, Retired"),
            "{err}"
        );
    }
}

#[test]
fn unmappable_columns_list_what_was_found_and_what_is_needed() {
    let mut inv = Inventory::default();
    let err = inv
        .add_csv(
            "assets.csv",
            b"Tag;Room;Description;Cost centre\nT-1;ICU;Pump;4410\n",
        )
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ExposureError::Columns { .. }));
    for part in [
        "assets.csv",
        "`Tag`, `Room`, `Description`, `Cost centre`",
        "name (asset name, hostname)",
        "vendor (manufacturer, make)",
        "product (model)",
        "version (firmware version",
    ] {
        assert!(text.contains(part), "missing {part:?} in: {text}");
    }
    // One column short: only it is named.
    let err = inv
        .add_csv("a.csv", b"Asset Name,Make,Model\nx,y,z\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("cannot find the inventory column version"),
        "{err}"
    );
    assert!(!err.contains("vendor (manufacturer"), "{err}");
}

#[test]
fn header_names_as_people_write_them() {
    let mut inv = Inventory::default();
    inv.add_csv(
        "x.csv",
        "Device\tMake\tModel\tFirmware Version\tDepartment\tLocation\tEOL\tOwner\n\
         Pump 9\tB. Braun\tInfusomat Space\tL82\tICU\tBed 3\t2030/06\tBiomed\n"
            .as_bytes(),
    )
    .expect("tab separated");
    let a = &inv.assets[0];
    assert_eq!(a.name, "Pump 9");
    assert_eq!(a.vendor, "B. Braun");
    assert_eq!(
        a.product, "Infusomat Space",
        "a model column alone is the product"
    );
    assert_eq!(a.version.as_deref(), Some("L82"));
    // "Location" is the better name for where it is; "Department" is kept beside it.
    assert_eq!(a.location.as_deref(), Some("Bed 3"));
    assert_eq!(a.extra.get("department").map(String::as_str), Some("ICU"));
    assert_eq!(a.owner.as_deref(), Some("Biomed"));
    assert_eq!(
        a.end_of_support.map(|d| d.to_string()).as_deref(),
        Some("2030-06-01")
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn binary_garbage_never_appears_in_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Deterministic noise: every byte value, scrambled.
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n".to_vec();
    pdf.extend_from_slice(&noise);
    let mut zip = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    zip.extend_from_slice(&noise);
    let mut evtx = b"ElfFile\x00".to_vec();
    evtx.extend_from_slice(&noise);
    let cases = [
        ("assets.pdf", pdf, "a PDF document"),
        ("assets.csv", noise.clone(), "binary data"),
        ("assets.xlsx", zip, "not an .xlsx or .ods workbook"),
        ("security.evtx", evtx, "Windows event log"),
    ];
    for (name, bytes, says) in cases {
        let path = write(dir.path(), name, &bytes);
        let err = Inventory::load(&path).unwrap_err().to_string();
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
        assert!(err.contains("ward reads inventories as CSV"), "{err}");
        assert!(
            err.chars().all(|c| !c.is_control() && c != '\u{FFFD}'),
            "{name}: garbage in the error: {err:?}"
        );
        assert!(err.len() < 400, "{name}: {err}");
    }
    // Text with a header of garbage names shows printable column names only.
    let path = write(dir.path(), "odd.csv", b"a\x01b,c\xC3\x28d\nx,y\n");
    let err = Inventory::load(&path).unwrap_err().to_string();
    assert!(
        err.chars().all(|c| !c.is_control() && c != '\u{FFFD}'),
        "{err:?}"
    );
}

#[test]
fn a_folder_inventory_reads_spreadsheets_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        hospital("hospital-inventory.xlsx"),
        dir.path().join("a.xlsx"),
    )
    .expect("copy");
    std::fs::copy(hospital("hospital-inventory.ods"), dir.path().join("b.ods")).expect("copy");
    let inv = Inventory::load(dir.path()).expect("folder");
    assert_eq!(inv.assets.len(), 100);
}
