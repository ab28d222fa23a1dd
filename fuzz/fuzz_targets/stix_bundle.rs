//! Arbitrary bytes through the streaming STIX reader and the validator: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ward_stix::document::{self, Item};
use ward_stix::validate::{self, DocumentChecks};

fuzz_target!(|data: &[u8]| {
    let mut problems = Vec::new();
    let mut doc = DocumentChecks::default();
    let _ = document::read(data, &mut |item| match item {
        Item::Object(v, at) => {
            problems.extend(validate::validate_object(&v, at));
            doc.observe(&v, at, &mut problems);
            if let Ok(obj) = ward_stix::StixObject::from_value(v) {
                let _ = serde_json::to_string(&obj);
            }
        }
        Item::Bundle(m, at) => problems.extend(validate::validate_bundle_envelope(&m, at)),
        Item::Stix20(_) => {}
    });
    doc.finish(&mut problems);
});
