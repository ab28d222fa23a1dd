//! Interop: ward's validator and the OASIS `stix2-validator` agree. Both accept a corpus made
//! by the OASIS `stix2` library, and both reject every hand-written invalid case in
//! `corpus/invalid.json` (one case per MUST rule). Also checks that ward computes the same
//! deterministic SCO ids as the `stix2` library.

use std::path::Path;
use std::process::Command;

use serde_json::{Map, Value};
use ward_stix::document::{self, Item};
use ward_stix::validate::{self, DocumentChecks, Problem, Severity};

fn errors_in_file(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut problems = Vec::new();
    let mut doc = DocumentChecks::default();
    document::read_str(&text, &mut |item| match item {
        Item::Object(v, at) => {
            problems.extend(validate::validate_object(&v, at));
            doc.observe(&v, at, &mut problems);
        }
        Item::Bundle(m, at) => problems.extend(validate::validate_bundle_envelope(&m, at)),
        // Content ward reads as STIX 2.0 (and would upgrade) is not valid STIX 2.1 as written,
        // which is what this comparison with the 2.1 reference validator is about.
        Item::Stix20(at) => problems.push(Problem {
            path: at.to_string(),
            severity: Severity::Error,
            message: "not STIX 2.1 as written: read as STIX 2.0".into(),
        }),
    })
    .unwrap();
    doc.finish(&mut problems);
    problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect()
}

fn build_case(bases: &Map<String, Value>, case: &Value) -> Value {
    let base = case["base"].as_str().unwrap();
    let mut object = bases[base].as_object().unwrap().clone();
    if let Some(set) = case.get("set").and_then(Value::as_object) {
        for (k, v) in set {
            object.insert(k.clone(), v.clone());
        }
    }
    for key in case
        .get("remove")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        object.shift_remove(key.as_str().unwrap());
    }
    Value::Object(object)
}

#[test]
fn ward_and_stix2_validator_agree() {
    let Some(python) = ward_testkit::python_with("stix2validator") else {
        return;
    };
    let py_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py");
    let dir = tempfile::tempdir().unwrap();
    let valid_dir = dir.path().join("valid");
    let invalid_dir = dir.path().join("invalid");
    std::fs::create_dir_all(&valid_dir).unwrap();
    std::fs::create_dir_all(&invalid_dir).unwrap();

    let status = Command::new(&python)
        .arg(py_dir.join("gen_valid_corpus.py"))
        .arg(&valid_dir)
        .arg("40")
        .status()
        .unwrap();
    assert!(status.success(), "corpus generator failed");

    // The valid corpus: ward finds no error in any bundle.
    let mut valid_files = Vec::new();
    for entry in std::fs::read_dir(&valid_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "sco_ids.json" {
            continue;
        }
        let errors = errors_in_file(&path);
        assert!(
            errors.is_empty(),
            "{}: ward rejects valid STIX: {errors:?}",
            path.display()
        );
        valid_files.push(path);
    }
    assert_eq!(valid_files.len(), 40);

    // Deterministic SCO ids equal the stix2 library's.
    let ids: Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(valid_dir.join("sco_ids.json")).unwrap())
            .unwrap();
    let mut compared = 0;
    for (id, object) in &ids {
        if let Some(ours) = ward_stix::id::deterministic_sco_id(object.as_object().unwrap()) {
            assert_eq!(&ours, id, "deterministic id differs for {object}");
            compared += 1;
        }
    }
    assert!(compared > 500, "only {compared} SCO ids compared");

    // The invalid cases: ward reports an error for each.
    let corpus: Value = serde_json::from_str(include_str!("corpus/invalid.json")).unwrap();
    let bases = corpus["bases"].as_object().unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 40);
    let mut invalid_files = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let object = build_case(bases, case);
        // Every base on its own must be valid, or the case proves nothing.
        let base = Value::Object(
            bases[case["base"].as_str().unwrap()]
                .as_object()
                .unwrap()
                .clone(),
        );
        let base_errors: Vec<_> = validate::validate_object(&base, "$")
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(
            base_errors.is_empty(),
            "base {} is not valid: {base_errors:?}",
            case["base"]
        );
        let path = invalid_dir.join(format!("{i:03}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&object).unwrap()).unwrap();
        let errors = errors_in_file(&path);
        assert!(
            !errors.is_empty(),
            "ward accepts the invalid case {:?}: {object}",
            case["rule"]
        );
        invalid_files.push((path, case["rule"].as_str().unwrap().to_string()));
    }

    // The OASIS validator on the same files.
    let output = Command::new(&python)
        .arg(py_dir.join("validate_files.py"))
        .args(&valid_files)
        .args(invalid_files.iter().map(|(p, _)| p))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "stix2-validator run failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: Map<String, Value> = serde_json::from_slice(&output.stdout).unwrap();
    let verdict = |p: &Path| verdicts[&p.display().to_string()].as_bool().unwrap();
    for path in &valid_files {
        assert!(verdict(path), "stix2-validator rejects {}", path.display());
    }
    // MUST rules the reference does not check: ward alone must reject them.
    for case in corpus["reference_gaps"].as_array().unwrap() {
        let object = build_case(bases, case);
        let errors: Vec<_> = validate::validate_object(&object, "$")
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(
            !errors.is_empty(),
            "ward accepts {:?} ({})",
            case["rule"],
            case["spec"]
        );
    }
    let accepted_by_reference: Vec<&String> = invalid_files
        .iter()
        .filter(|(p, _)| verdict(p))
        .map(|(_, rule)| rule)
        .collect();
    assert!(
        accepted_by_reference.is_empty(),
        "stix2-validator accepts cases ward rejects: {accepted_by_reference:?}"
    );
}
