//! References (`*_ref`, `*_refs`) and their allowed target types, and binary properties.

use serde_json::{Map, Value};

use super::ObjectCheck;
use crate::id;
use crate::jsonpath;
use crate::types;

impl ObjectCheck<'_> {
    pub(super) fn check_reference(
        &mut self,
        path: String,
        value: &Value,
        target: Option<types::RefTarget>,
    ) {
        let Some(text) = value.as_str() else {
            self.error(path, "must be an identifier string like `type--UUID`");
            return;
        };
        match id::parse(text) {
            Ok((target_type, _)) => {
                if let Some(target) = target {
                    if !target.allows(target_type) {
                        self.error(
                            path,
                            format!(
                                "must refer to {}; {text} is of type {target_type}",
                                target.describe()
                            ),
                        );
                    }
                }
            }
            Err(e) => self.error(path, e.to_string()),
        }
    }

    /// Properties of the binary type (`payload_bin` of an artifact, any `*_bin`) hold base64
    /// (§2.5 binary: RFC 4648 §4, with padding).
    pub(super) fn check_binary(&mut self, map: &Map<String, Value>) {
        use base64::Engine as _;
        for (name, value) in map.iter().filter(|(n, _)| n.ends_with("_bin")) {
            let ok = value
                .as_str()
                .is_some_and(|t| base64::engine::general_purpose::STANDARD.decode(t).is_ok());
            if !ok {
                self.error(
                    self.at(name),
                    "must be base64 (RFC 4648 section 4, padded with =), as the binary type is",
                );
            }
        }
    }

    pub(super) fn check_references(&mut self, map: &Map<String, Value>, object_type: &str) {
        for (name, value) in map {
            let target = types::reference_target(object_type, name);
            // A custom reference property left empty refers to nothing; neither the
            // specification (which only defines the standard references) nor the
            // reference validator treats it as an error.
            if target.is_none() && value.as_str() == Some("") {
                continue;
            }
            if name.ends_with("_ref") {
                self.check_reference(self.at(name), value, target);
            } else if name.ends_with("_refs") {
                if let Value::Array(items) = value {
                    for (i, item) in items.iter().enumerate() {
                        if target.is_none() && item.as_str() == Some("") {
                            continue;
                        }
                        self.check_reference(jsonpath::index(&self.at(name), i), item, target);
                    }
                }
            }
        }
        if object_type == "marking-definition" {
            if let (Some(own), Some(Value::Array(refs))) = (
                map.get("id").and_then(Value::as_str),
                map.get("object_marking_refs"),
            ) {
                if refs.iter().any(|r| r.as_str() == Some(own)) {
                    self.error(
                        self.at("object_marking_refs"),
                        "a marking-definition must not mark itself (circular reference)",
                    );
                }
            }
        }
    }
}
