//! Rules every object follows: its id, spec_version, property names, the common properties
//! and their timestamps.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{is_list_property, timestamp_properties, ObjectCheck, Problem, Severity};
use crate::id;
use crate::jsonpath;
use crate::timestamp::Timestamp;
use crate::types::{self, Kind};

impl ObjectCheck<'_> {
    pub(super) fn check_id(&mut self, map: &Map<String, Value>, object_type: &str) {
        let Some(value) = map.get("id") else {
            self.error(self.at("id"), "is required");
            return;
        };
        let Some(text) = value.as_str() else {
            self.error(self.at("id"), "must be a string like `type--UUID`");
            return;
        };
        match id::parse(text) {
            Ok((prefix, _)) if prefix != object_type => self.error(
                self.at("id"),
                format!("must start with the object's type `{object_type}--`, got `{prefix}--`"),
            ),
            Ok(_) => {
                if types::kind_of(object_type) == Some(Kind::Sco) {
                    if let Some(expected) = id::deterministic_sco_id(map) {
                        if expected != text {
                            self.warn(
                                self.at("id"),
                                format!("should be the deterministic id {expected} (UUIDv5 of its id-contributing properties)"),
                            );
                        }
                    }
                }
            }
            Err(e) => self.error(self.at("id"), e.to_string()),
        }
    }

    pub(super) fn check_spec_version(&mut self, map: &Map<String, Value>, kind: Option<Kind>) {
        match map.get("spec_version") {
            Some(Value::String(v)) if v == "2.1" => {}
            Some(Value::String(v)) => self.error(
                self.at("spec_version"),
                format!("must be \"2.1\" for STIX 2.1 content, got {v:?}"),
            ),
            Some(_) => self.error(self.at("spec_version"), "must be the string \"2.1\""),
            None if kind != Some(Kind::Sco) && kind.is_some() => {
                self.error(self.at("spec_version"), "is required")
            }
            None => {}
        }
    }

    pub(super) fn check_property_names(&mut self, map: &Map<String, Value>) {
        for (name, value) in map {
            let ok = name == "id"
                || ((3..=250).contains(&name.len())
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            if !ok {
                self.error(
                    self.at(name),
                    "property names must be 3-250 characters of a-z, 0-9 and '_'",
                );
            }
            if value.is_null() {
                self.error(
                    self.at(name),
                    "must not be null (leave the property out instead)",
                );
            }
            if is_list_property(name) {
                match value {
                    Value::Array(items) if items.is_empty() => {
                        self.error(self.at(name), "must not be an empty list")
                    }
                    Value::Array(_) | Value::Null => {}
                    _ => self.error(self.at(name), "must be a list"),
                }
            }
        }
    }

    pub(super) fn check_common(&mut self, map: &Map<String, Value>, kind: Option<Kind>) {
        let needs_created = matches!(kind, Some(Kind::Sdo | Kind::Sro | Kind::Meta));
        let needs_modified = needs_created && self.object_type != "marking-definition";
        let created = self.timestamp(map, "created", needs_created, true);
        let modified = self.timestamp(map, "modified", needs_modified, true);
        if let (Some(c), Some(m)) = (created, modified) {
            if m < c {
                self.error(self.at("modified"), "must not be earlier than created");
            }
        }
        if let Some(v) = map.get("revoked") {
            if !v.is_boolean() {
                self.error(self.at("revoked"), "must be true or false");
            }
        }
        if let Some(v) = map.get("confidence") {
            match v.as_i64() {
                Some(n) if (0..=100).contains(&n) && v.is_i64() => {}
                _ => self.error(self.at("confidence"), "must be an integer from 0 to 100"),
            }
        }
        for key in ["lang", "description", "name"] {
            if let Some(v) = map.get(key) {
                if !v.is_string() && !v.is_null() {
                    self.error(self.at(key), "must be a string");
                }
            }
        }
        if let Some(Value::Array(labels)) = map.get("labels") {
            for (i, label) in labels.iter().enumerate() {
                if !label.is_string() {
                    self.error(jsonpath::index(&self.at("labels"), i), "must be a string");
                }
            }
        }
        if let Some(Value::Array(refs)) = map.get("external_references") {
            for (i, reference) in refs.iter().enumerate() {
                let path = jsonpath::index(&self.at("external_references"), i);
                self.check_external_reference(reference, &path);
            }
        }
        if let Some(Value::Array(markings)) = map.get("granular_markings") {
            for (i, marking) in markings.iter().enumerate() {
                let path = jsonpath::index(&self.at("granular_markings"), i);
                self.check_granular_marking(map, marking, &path);
            }
        }
        if let Some(ext) = map.get("extensions") {
            self.check_extensions(ext);
        }
    }

    fn timestamp(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        required: bool,
        millis: bool,
    ) -> Option<Timestamp> {
        let Some(value) = map.get(key) else {
            if required {
                self.error(self.at(key), "is required");
            }
            return None;
        };
        let Some(text) = value.as_str() else {
            self.error(
                self.at(key),
                "must be a timestamp string like 2016-05-12T08:17:27.000Z",
            );
            return None;
        };
        match Timestamp::parse(text) {
            Ok(ts) => {
                if millis && ts.frac_digits < 3 {
                    self.error(
                        self.at(key),
                        "must be precise to at least the millisecond (e.g. 2016-05-12T08:17:27.000Z)",
                    );
                }
                Some(ts)
            }
            Err(e) => {
                self.error(self.at(key), e.to_string());
                None
            }
        }
    }

    pub(super) fn check_timestamps(&mut self, map: &Map<String, Value>, object_type: &str) {
        let mut seen = HashMap::new();
        for &key in timestamp_properties(object_type) {
            if let Some(ts) = self.timestamp(map, key, false, false) {
                seen.insert(key, ts);
            }
        }
        let mut order = |earlier: &str, later: &str, strict: bool, msg: &str| {
            if let (Some(a), Some(b)) = (seen.get(earlier), seen.get(later)) {
                if b < a || (strict && b == a) {
                    let path = jsonpath::member(self.path, later);
                    self.out.push(Problem {
                        path,
                        severity: Severity::Error,
                        message: msg.to_string(),
                    });
                }
            }
        };
        order(
            "valid_from",
            "valid_until",
            true,
            "must be later than valid_from",
        );
        order(
            "first_seen",
            "last_seen",
            false,
            "must not be earlier than first_seen",
        );
        order(
            "first_observed",
            "last_observed",
            false,
            "must not be earlier than first_observed",
        );
        order("start", "end", false, "must not be earlier than start");
        order(
            "analysis_started",
            "analysis_ended",
            false,
            "must not be earlier than analysis_started",
        );
        order(
            "validity_not_before",
            "validity_not_after",
            false,
            "must not be earlier than validity_not_before",
        );
    }
}
