//! Real STIX 2.0 content (a sample of MITRE ATT&CK's 2.0 release, and a 2.0 feed with
//! indicators and observed-data) read through the document reader: every object comes out as
//! STIX 2.1 that ward's validator (and, when installed, the OASIS `stix2-validator`) accepts.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use ward_stix::document::{self, Item};
use ward_stix::validate::{self, DocumentChecks, Severity};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stix20")
        .join(name)
}

/// What the reader hands over for one file: the upgraded objects, the bundle's members and
/// how many 2.0 objects it announced.
struct Read {
    objects: Vec<Value>,
    bundle: serde_json::Map<String, Value>,
    announced: usize,
}

fn read(name: &str) -> Read {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let mut out = Read {
        objects: Vec::new(),
        bundle: Default::default(),
        announced: 0,
    };
    document::read_str(&text, &mut |item| match item {
        Item::Object(v, _) => out.objects.push(v),
        Item::Bundle(m, _) => out.bundle = m,
        Item::Stix20(_) => out.announced += 1,
    })
    .unwrap();
    out
}

fn errors(objects: &[Value]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut doc = DocumentChecks::default();
    for (i, o) in objects.iter().enumerate() {
        let at = format!("$.objects[{i}]");
        problems.extend(validate::validate_object(o, &at));
        doc.observe(o, &at, &mut problems);
    }
    doc.finish(&mut problems);
    problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect()
}

fn by_type<'a>(objects: &'a [Value], t: &str) -> Vec<&'a Value> {
    objects.iter().filter(|o| o["type"] == t).collect()
}

#[test]
fn the_attack_sample_upgrades_to_valid_stix21() {
    let read = read("attack-sample.json");
    assert_eq!(read.announced, 8);
    assert_eq!(read.objects.len(), 8);
    assert!(!read.bundle.contains_key("spec_version"));
    assert!(read.objects.iter().all(|o| o["spec_version"] == "2.1"));
    assert_eq!(errors(&read.objects), Vec::<String>::new());
    let malware = by_type(&read.objects, "malware")[0];
    assert_eq!(malware["malware_types"], json!(["malware"]));
    assert_eq!(malware["is_family"], true);
    assert_eq!(
        by_type(&read.objects, "tool")[0]["tool_types"],
        json!(["tool"])
    );
    // What did not change in meaning is left as it was.
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("attack-sample.json")).unwrap())
            .unwrap();
    let pattern_before = &original["objects"][2];
    let mut pattern_after = by_type(&read.objects, "attack-pattern")[0].clone();
    pattern_after
        .as_object_mut()
        .unwrap()
        .shift_remove("spec_version");
    assert_eq!(&pattern_after, pattern_before);
}

#[test]
fn the_feed_keeps_its_indicators_markings_and_observations() {
    let read = read("feed.json");
    assert_eq!(read.announced, 8);
    // The observed-data's three embedded observables became SCOs of their own.
    assert_eq!(read.objects.len(), 11);
    assert_eq!(errors(&read.objects), Vec::<String>::new());
    let indicators = by_type(&read.objects, "indicator");
    assert_eq!(indicators.len(), 2);
    for i in &indicators {
        assert_eq!(i["pattern_type"], "stix");
        assert_eq!(i["indicator_types"], i["labels"]);
    }
    let green = by_type(&read.objects, "marking-definition")[0];
    assert_eq!(
        green["id"],
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
    );
    assert_eq!(
        ward_stix::tlp::effective_tlp(indicators[0]),
        ward_stix::tlp::effective_tlp(&json!({
            "object_marking_refs": ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]
        }))
    );
    let observed = by_type(&read.objects, "observed-data")[0];
    let refs = observed["object_refs"].as_array().unwrap();
    assert_eq!(refs.len(), 3);
    let ips = by_type(&read.objects, "ipv4-addr");
    assert_eq!(refs[0], ips[0]["id"]);
    let traffic = by_type(&read.objects, "network-traffic")[0];
    assert_eq!(traffic["src_ref"], ips[1]["id"]);
    assert_eq!(traffic["dst_ref"], ips[0]["id"]);
    assert_eq!(
        observed["x_ward_stix20_original"]["objects"]["2"]["src_ref"],
        "1"
    );
}

/// The OASIS validator agrees the upgraded content is STIX 2.1 (skipped, with a note, when
/// the project's Python has no `stix2validator`).
#[test]
fn stix2_validator_accepts_the_upgraded_bundles() {
    let Some(python) = ward_testkit::python_with("stix2validator") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for name in ["attack-sample.json", "feed.json"] {
        let read = read(name);
        let mut bundle = read.bundle.clone();
        bundle.insert("objects".into(), Value::Array(read.objects));
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_vec_pretty(&bundle).unwrap()).unwrap();
        files.push(path);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/validate_files.py");
    let out = Command::new(python)
        .arg(script)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verdicts: serde_json::Map<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
    for f in &files {
        assert_eq!(verdicts[&f.display().to_string()], true, "{}", f.display());
    }
}
