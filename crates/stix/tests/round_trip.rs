//! Round trip: parse → serialize → parse is the identity, with the same members in the same
//! order, for objects carrying arbitrary unknown properties, `x_` properties and extensions.

use proptest::prelude::*;
use serde_json::{Map, Value};
use ward_stix::{Bundle, StixObject};

fn bases() -> Vec<Map<String, Value>> {
    let corpus: Value = serde_json::from_str(include_str!("corpus/invalid.json")).unwrap();
    corpus["bases"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_object().unwrap().clone())
        .collect()
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn parse_serialize_parse_is_identity(
        base in 0usize..19,
        extras in prop::collection::vec(("[a-z][a-z0-9_]{2,12}", json_value()), 0..6),
        ext in prop::option::of(json_value()),
    ) {
        let bases = bases();
        let mut members = bases[base % bases.len()].clone();
        for (name, value) in extras {
            members.insert(format!("x_{name}"), value.clone());
            members.insert(name, value);
        }
        if let Some(ext) = ext {
            let mut e = Map::new();
            e.insert("extension_type".into(), Value::from("property-extension"));
            e.insert("payload".into(), ext);
            let mut exts = Map::new();
            exts.insert("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e".into(), Value::Object(e));
            members.insert("extensions".into(), Value::Object(exts));
        }
        let original = Value::Object(members);
        let text = serde_json::to_string(&original).unwrap();
        let parsed: StixObject = serde_json::from_str(&text).unwrap();
        let again = serde_json::to_string(&parsed).unwrap();
        prop_assert_eq!(&again, &text);
        let reparsed: StixObject = serde_json::from_str(&again).unwrap();
        prop_assert_eq!(reparsed, parsed);

        let bundle = serde_json::json!({"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [original]});
        let b: Bundle = serde_json::from_value(bundle.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&b).unwrap(), bundle);
    }
}
