//! Property values: open vocabularies, hash dictionaries, external references and
//! extensions.

use serde_json::{Map, Value};

use super::ObjectCheck;
use crate::jsonpath;
use crate::types;
use crate::{hashes, id};

impl ObjectCheck<'_> {
    pub(super) fn check_vocabularies(&mut self, map: &Map<String, Value>, object_type: &str) {
        for (name, value) in map {
            let values: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            if let Some(vocab) = types::open_vocabulary(object_type, name) {
                for v in &values {
                    match v.as_str() {
                        Some(s) if vocab.contains(&s) => {}
                        Some(s) => self.warn(
                            self.at(name),
                            format!("{s:?} is not in the suggested vocabulary"),
                        ),
                        None => self.error(self.at(name), "must be a string"),
                    }
                }
            }
            if let Some(allowed) = types::enumeration(object_type, name) {
                for v in &values {
                    match v.as_str() {
                        Some(s) if allowed.contains(&s) => {}
                        _ => self.error(
                            self.at(name),
                            format!("must be one of: {}", allowed.join(", ")),
                        ),
                    }
                }
            }
        }
    }

    /// Every `hashes` dictionary anywhere in the object: keys and hex lengths per algorithm.
    pub(super) fn check_hash_dictionaries(&mut self, value: &Value, path: String, depth: usize) {
        if depth > 16 {
            return;
        }
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    // Scalars hold no dictionaries: only build paths that can be reported.
                    if key != "hashes" && !(child.is_object() || child.is_array()) {
                        continue;
                    }
                    let child_path = jsonpath::member(&path, key);
                    if key == "hashes" {
                        match child {
                            Value::Object(h) if h.is_empty() => {
                                self.error(child_path.clone(), "must not be an empty dictionary")
                            }
                            Value::Object(h) => {
                                for (algo, hv) in h {
                                    let p = jsonpath::member(&child_path, algo);
                                    match hv.as_str() {
                                        Some(s) => {
                                            if let Err(msg) = hashes::check(algo, s) {
                                                self.error(p, msg);
                                            }
                                        }
                                        None => self.error(p, "must be a string"),
                                    }
                                    if algo.len() > 250 {
                                        self.error(
                                            jsonpath::member(&child_path, algo),
                                            "dictionary keys must be at most 250 characters",
                                        );
                                    }
                                }
                            }
                            _ => self.error(child_path.clone(), "must be a dictionary"),
                        }
                    } else {
                        self.check_hash_dictionaries(child, child_path, depth + 1);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !(item.is_object() || item.is_array()) {
                        continue;
                    }
                    self.check_hash_dictionaries(item, jsonpath::index(&path, i), depth + 1);
                }
            }
            _ => {}
        }
    }

    pub(super) fn check_external_reference(&mut self, reference: &Value, path: &str) {
        let Some(r) = reference.as_object() else {
            self.error(path.to_string(), "must be an external-reference object");
            return;
        };
        match r.get("source_name") {
            Some(Value::String(_)) => {}
            Some(_) => self.error(jsonpath::member(path, "source_name"), "must be a string"),
            None => self.error(jsonpath::member(path, "source_name"), "is required"),
        }
        if !r.contains_key("description")
            && !r.contains_key("url")
            && !r.contains_key("external_id")
        {
            self.error(
                path.to_string(),
                "must have at least one of description, url or external_id",
            );
        }
        if r.contains_key("hashes") && !r.contains_key("url") {
            self.warn(
                jsonpath::member(path, "hashes"),
                "hashes should come with a url",
            );
        }
        for key in ["url", "external_id", "description"] {
            if let Some(v) = r.get(key) {
                if !v.is_string() {
                    self.error(jsonpath::member(path, key), "must be a string");
                }
            }
        }
    }

    pub(super) fn check_extensions(&mut self, ext: &Value) {
        let path = self.at("extensions");
        let Some(map) = ext.as_object() else {
            self.error(path, "must be a dictionary of extensions");
            return;
        };
        if map.is_empty() {
            self.error(path.clone(), "must not be an empty dictionary");
        }
        for (name, value) in map {
            let p = jsonpath::member(&path, name);
            if !value.is_object() {
                self.error(p.clone(), "each extension must be an object");
                continue;
            }
            if name.starts_with("extension-definition--") {
                if let Err(e) = id::parse(name) {
                    self.error(p.clone(), e.to_string());
                }
                match value.get("extension_type").and_then(Value::as_str) {
                    None => {}
                    Some(
                        "new-sdo"
                        | "new-sco"
                        | "new-sro"
                        | "property-extension"
                        | "toplevel-property-extension",
                    ) => {}
                    Some(other) => self.error(
                        jsonpath::member(&p, "extension_type"),
                        format!("{other:?} is not an extension type"),
                    ),
                }
            }
        }
    }
}
