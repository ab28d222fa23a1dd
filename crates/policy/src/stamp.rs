//! The hub's default TLP is stamped on an object when it is stored, never applied when it is
//! read: an object posted without a TLP marking gets the default then in force in its
//! `object_marking_refs` (the TLP 2.0 marking-definition id), so readers see the level it
//! was shared at and a later change of the default touches only later posts.
//!
//! Objects stored before stamping existed are stamped once, in place, with the default in
//! force at that moment (GREEN if it was never set): by `ward admin policy
//! stamp-default-tlp`, or by the first `ward serve` that finds it not done. The stored
//! version keeps its `modified` (it is the same version, now saying its TLP as the hub
//! always treated it), and stays valid STIX.

use serde_json::{Map, Value};
use ward_stix::tlp::{effective_tlp, EffectiveTlp, Tlp};
use ward_store::{ObjectQuery, Store, VersionSelect};

use crate::{settings, PolicyError};

/// The setting that says the objects already stored were stamped.
pub const STAMPED: &str = "hub.default_tlp_stamped";

/// Versions read and rewritten per transaction.
const PAGE: usize = 1000;

/// Adds `level`'s marking to an object that has no TLP marking; returns whether it did.
/// Marking-definitions are left as they are: they are what markings point at, and a TLP
/// definition must keep its standard content.
pub fn stamp(object: &mut Map<String, Value>, level: Tlp) -> bool {
    if object.get("type").and_then(Value::as_str) == Some("marking-definition") {
        return false;
    }
    // Only objects without any TLP: effective_tlp reads the same field.
    let probe = Value::Object(Map::from_iter(
        object
            .get("object_marking_refs")
            .map(|r| ("object_marking_refs".to_string(), r.clone())),
    ));
    if effective_tlp(&probe) != EffectiveTlp::Unmarked {
        return false;
    }
    let id = Value::String(level.marking_id().to_string());
    match object.get_mut("object_marking_refs") {
        Some(Value::Array(refs)) => refs.push(id),
        // Not a list: the object is not valid STIX and was refused before reaching here.
        Some(_) => return false,
        None => {
            object.insert("object_marking_refs".into(), Value::Array(vec![id]));
        }
    }
    true
}

/// What [`stamp_stored`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct StampReport {
    /// The level stamped (`TLP:GREEN`...).
    pub level: String,
    pub versions_read: u64,
    pub versions_stamped: u64,
}

/// Stamps every stored version without a TLP marking with the current default, in every
/// collection, then records that it was done. Running it again stamps nothing (every
/// version then has a TLP) and costs one read of the store.
pub fn stamp_stored(store: &dyn Store) -> Result<StampReport, PolicyError> {
    let level = settings::default_tlp(store)?;
    let mut report = StampReport {
        level: level.to_string(),
        ..StampReport::default()
    };
    for collection in store.collections()? {
        let mut query = ObjectQuery {
            versions: VersionSelect::all(),
            limit: PAGE,
            ..ObjectQuery::default()
        };
        loop {
            let page = store.query_objects(&collection.id, &query)?;
            let mut rewrites = Vec::new();
            for v in &page.items {
                report.versions_read += 1;
                let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(&v.json) else {
                    continue;
                };
                if stamp(&mut object, level) {
                    rewrites.push((
                        v.id.clone(),
                        v.version_key.clone(),
                        Value::Object(object).to_string(),
                    ));
                }
            }
            if !rewrites.is_empty() {
                report.versions_stamped +=
                    store.rewrite_versions(&collection.id, &rewrites)? as u64;
            }
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => break,
            }
        }
    }
    store.set_setting(STAMPED, Some(&level.to_string()))?;
    Ok(report)
}

/// Has the store's backlog been stamped?
pub fn stamped(store: &dyn Store) -> Result<bool, PolicyError> {
    Ok(store.setting(STAMPED)?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn only_objects_without_a_tlp_are_stamped() {
        let mut plain = obj(json!({"type": "indicator"}));
        assert!(stamp(&mut plain, Tlp::Amber));
        assert_eq!(
            plain["object_marking_refs"],
            json!([Tlp::Amber.marking_id()])
        );
        // A statement marking stays, the TLP joins it.
        let statement = "marking-definition--00000000-0000-4000-8000-000000000001";
        let mut with_statement =
            obj(json!({"type": "indicator", "object_marking_refs": [statement]}));
        assert!(stamp(&mut with_statement, Tlp::Green));
        assert_eq!(
            with_statement["object_marking_refs"],
            json!([statement, Tlp::Green.marking_id()])
        );
        let mut marked =
            obj(json!({"type": "indicator", "object_marking_refs": [Tlp::Red.marking_id()]}));
        assert!(!stamp(&mut marked, Tlp::Green));
        let mut definition = obj(json!({"type": "marking-definition"}));
        assert!(!stamp(&mut definition, Tlp::Green));
        assert!(!definition.contains_key("object_marking_refs"));
    }
}
