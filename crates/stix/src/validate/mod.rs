//! Validation of STIX 2.1 objects against the specification's MUST rules (errors) and its
//! SHOULD rules and open vocabularies (warnings). Every problem carries the JSON path it is
//! about. Rules that span objects (circular marking references, duplicate versions) are
//! checked by [`DocumentChecks`], which keeps only ids, never whole objects.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::jsonpath;
use crate::timestamp::Timestamp;
use crate::types::{self, Kind};
use crate::{hashes, id, tlp};

/// How serious a problem is: errors break a MUST rule, warnings a SHOULD or a vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSONPath of the offending value, such as `$.objects[3].modified`.
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

/// Checks a STIX pattern; `Err` is a one-line reason with its position.
pub type PatternChecker = fn(&str) -> Result<(), String>;

static PATTERN_CHECKER: OnceLock<PatternChecker> = OnceLock::new();

/// Installs the full STIX pattern checker (from the pattern crate). Until one is installed,
/// validation checks only the bracket structure of patterns. The first installation wins.
pub fn install_pattern_checker(checker: PatternChecker) {
    let _ = PATTERN_CHECKER.set(checker);
}

/// Whether a full pattern checker is installed.
pub fn has_pattern_checker() -> bool {
    PATTERN_CHECKER.get().is_some()
}

/// Validates one STIX object; `path` is the JSON path of the object in its document
/// (`$` for a lone object).
pub fn validate_object(object: &Value, path: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    ObjectCheck {
        path,
        object_type: String::new(),
        out: &mut problems,
    }
    .run(object);
    problems
}

/// True when no problem is an error.
pub fn is_valid(problems: &[Problem]) -> bool {
    problems.iter().all(|p| p.severity != Severity::Error)
}

struct ObjectCheck<'a> {
    path: &'a str,
    object_type: String,
    out: &'a mut Vec<Problem>,
}

fn timestamp_properties(object_type: &str) -> &'static [&'static str] {
    match object_type {
        "campaign" | "intrusion-set" | "threat-actor" | "infrastructure" | "malware" => {
            &["first_seen", "last_seen"]
        }
        "indicator" => &["valid_from", "valid_until"],
        "observed-data" => &["first_observed", "last_observed"],
        "report" => &["published"],
        "sighting" => &["first_seen", "last_seen"],
        "malware-analysis" => &["analysis_started", "analysis_ended", "submitted"],
        "file" => &["ctime", "mtime", "atime"],
        "directory" => &["ctime", "mtime", "atime"],
        "email-message" => &["date"],
        "network-traffic" => &["start", "end"],
        "process" => &["created_time"],
        "user-account" => &[
            "account_created",
            "account_expires",
            "credential_last_changed",
            "account_first_login",
            "account_last_login",
        ],
        "windows-registry-key" => &["modified_time"],
        "x509-certificate" => &["validity_not_before", "validity_not_after"],
        _ => &[],
    }
}

/// Properties whose values are lists that the specification forbids to be empty.
fn is_list_property(name: &str) -> bool {
    name.ends_with("_refs")
        || matches!(
            name,
            "labels"
                | "external_references"
                | "granular_markings"
                | "kill_chain_phases"
                | "aliases"
                | "goals"
                | "roles"
                | "sectors"
                | "indicator_types"
                | "malware_types"
                | "report_types"
                | "threat_actor_types"
                | "tool_types"
                | "infrastructure_types"
                | "protocols"
                | "extension_types"
                | "secondary_motivations"
                | "personal_motivations"
                | "architecture_execution_envs"
                | "implementation_languages"
                | "capabilities"
        )
}

impl ObjectCheck<'_> {
    fn error(&mut self, path: String, message: impl Into<String>) {
        self.out.push(Problem {
            path,
            severity: Severity::Error,
            message: message.into(),
        });
    }

    fn warn(&mut self, path: String, message: impl Into<String>) {
        self.out.push(Problem {
            path,
            severity: Severity::Warning,
            message: message.into(),
        });
    }

    fn at(&self, key: &str) -> String {
        jsonpath::member(self.path, key)
    }

    fn run(mut self, object: &Value) {
        let Some(map) = object.as_object() else {
            self.error(
                self.path.to_string(),
                "must be a JSON object (a STIX object)",
            );
            return;
        };
        let object_type = match map.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(_) => {
                self.error(self.at("type"), "must be a string");
                return;
            }
            None => {
                self.error(self.at("type"), "is required");
                return;
            }
        };
        self.object_type = object_type.to_string();
        if object_type == "bundle" {
            self.error(
                self.at("type"),
                "a bundle cannot be nested inside another bundle or object list",
            );
            return;
        }
        if !id::is_valid_type_name(object_type) {
            self.error(
                self.at("type"),
                format!(
                    "{object_type:?} is not a valid type name (3-250 characters of a-z, 0-9, '-')"
                ),
            );
        }
        let kind = types::kind_of(object_type);
        self.check_id(map, object_type);
        self.check_spec_version(map, kind);
        self.check_property_names(map);
        self.check_common(map, kind);
        for &name in types::required_properties(object_type) {
            if !map.contains_key(name) {
                self.error(self.at(name), format!("is required on {object_type}"));
            }
        }
        self.check_timestamps(map, object_type);
        self.check_references(map, object_type);
        self.check_binary(map);
        self.check_vocabularies(map, object_type);
        self.check_hash_dictionaries(object, self.path.to_string(), 0);
        self.check_type_rules(map, object_type);
        if kind.is_none() && !map.contains_key("extensions") {
            self.warn(
                self.at("type"),
                format!("{object_type:?} is not a STIX 2.1 type; custom objects should be defined by an extension-definition"),
            );
        }
    }

    fn check_id(&mut self, map: &Map<String, Value>, object_type: &str) {
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

    fn check_spec_version(&mut self, map: &Map<String, Value>, kind: Option<Kind>) {
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

    fn check_property_names(&mut self, map: &Map<String, Value>) {
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

    fn check_common(&mut self, map: &Map<String, Value>, kind: Option<Kind>) {
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

    fn check_timestamps(&mut self, map: &Map<String, Value>, object_type: &str) {
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

    fn check_reference(&mut self, path: String, value: &Value, target: Option<types::RefTarget>) {
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
    fn check_binary(&mut self, map: &Map<String, Value>) {
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

    fn check_references(&mut self, map: &Map<String, Value>, object_type: &str) {
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

    fn check_vocabularies(&mut self, map: &Map<String, Value>, object_type: &str) {
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
    fn check_hash_dictionaries(&mut self, value: &Value, path: String, depth: usize) {
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

    fn check_external_reference(&mut self, reference: &Value, path: &str) {
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

    fn check_granular_marking(&mut self, object: &Map<String, Value>, marking: &Value, path: &str) {
        let Some(m) = marking.as_object() else {
            self.error(path.to_string(), "must be a granular-marking object");
            return;
        };
        match (m.get("marking_ref"), m.get("lang")) {
            (Some(_), Some(_)) => self.error(
                path.to_string(),
                "must have either marking_ref or lang, not both",
            ),
            (None, None) => self.error(path.to_string(), "must have marking_ref or lang"),
            (Some(r), None) => self.check_reference(
                jsonpath::member(path, "marking_ref"),
                r,
                Some(types::RefTarget::Types(&["marking-definition"])),
            ),
            (None, Some(_)) => {}
        }
        let selectors_path = jsonpath::member(path, "selectors");
        match m.get("selectors") {
            Some(Value::Array(selectors)) if !selectors.is_empty() => {
                for (i, s) in selectors.iter().enumerate() {
                    let sp = jsonpath::index(&selectors_path, i);
                    match s.as_str() {
                        Some(sel) if resolve_selector(object, sel) => {}
                        Some(sel) => self.error(
                            sp,
                            format!(
                                "selector {sel:?} does not resolve to a property of this object"
                            ),
                        ),
                        None => self.error(sp, "must be a string"),
                    }
                }
            }
            Some(_) => self.error(selectors_path, "must be a non-empty list of selectors"),
            None => self.error(selectors_path, "is required"),
        }
    }

    fn check_extensions(&mut self, ext: &Value) {
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

    fn check_type_rules(&mut self, map: &Map<String, Value>, object_type: &str) {
        let has = |k: &str| map.contains_key(k);
        match object_type {
            "indicator" => {
                if let Some(p) = map.get("pattern") {
                    match p.as_str() {
                        Some(text) => {
                            if map.get("pattern_type").and_then(Value::as_str) == Some("stix") {
                                let result = match PATTERN_CHECKER.get() {
                                    Some(check) => check(text),
                                    None => check_pattern_brackets(text),
                                };
                                if let Err(reason) = result {
                                    self.error(
                                        self.at("pattern"),
                                        format!("not a valid STIX pattern: {reason}"),
                                    );
                                }
                            }
                        }
                        None => self.error(self.at("pattern"), "must be a string"),
                    }
                }
            }
            "malware" => match map.get("is_family") {
                Some(Value::Bool(true)) if !has("name") => {
                    self.error(self.at("name"), "is required when is_family is true")
                }
                Some(Value::Bool(_)) | None => {}
                Some(_) => self.error(self.at("is_family"), "must be true or false"),
            },
            "malware-analysis" if !has("result") && !has("analysis_sco_refs") => {
                self.error(
                    self.path.to_string(),
                    "malware-analysis must have result or analysis_sco_refs",
                );
            }
            "location" => self.check_location(map),
            "observed-data" => {
                match (has("object_refs"), has("objects")) {
                    (true, true) => self.error(
                        self.at("objects"),
                        "must not be present together with object_refs (objects is deprecated in 2.1)",
                    ),
                    (false, false) => self.error(self.at("object_refs"), "is required"),
                    (false, true) => self.warn(
                        self.at("objects"),
                        "is deprecated in STIX 2.1; use object_refs",
                    ),
                    (true, false) => {}
                }
                self.check_integer(map, "number_observed", 1, 999_999_999);
            }
            "sighting" => {
                self.check_integer(map, "count", 0, 999_999_999);
                if let Some(v) = map.get("summary") {
                    if !v.is_boolean() {
                        self.error(self.at("summary"), "must be true or false");
                    }
                }
            }
            "relationship" => {
                if let Some(rt) = map.get("relationship_type") {
                    match rt.as_str() {
                        Some(s)
                            if (3..=250).contains(&s.len())
                                && s.bytes().all(|b| {
                                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
                                }) => {}
                        _ => self.error(
                            self.at("relationship_type"),
                            "must be 3-250 characters of a-z, 0-9 and '-'",
                        ),
                    }
                }
            }
            "marking-definition" => self.check_marking_definition(map),
            "language-content" => match map.get("contents") {
                Some(Value::Object(c)) if !c.is_empty() => {
                    for (lang, v) in c {
                        if !v.is_object() {
                            self.error(
                                jsonpath::member(&self.at("contents"), lang),
                                "must be a dictionary of translated properties",
                            );
                        }
                    }
                }
                Some(_) => self.error(self.at("contents"), "must be a non-empty dictionary"),
                None => {}
            },
            "artifact" => match (has("payload_bin"), has("url")) {
                (true, true) => self.error(
                    self.at("url"),
                    "must not be present together with payload_bin",
                ),
                (false, true) if !has("hashes") => {
                    self.error(self.at("hashes"), "is required when url is present")
                }
                _ => {}
            },
            "file" if !has("hashes") && !has("name") => {
                self.error(self.path.to_string(), "file must have hashes or name");
            }
            "email-message" => match map.get("is_multipart") {
                Some(Value::Bool(true)) if has("body") => self.error(
                    self.at("body"),
                    "must not be present when is_multipart is true (use body_multipart)",
                ),
                Some(Value::Bool(false)) if has("body_multipart") => self.error(
                    self.at("body_multipart"),
                    "must not be present when is_multipart is false",
                ),
                Some(Value::Bool(_)) | None => {}
                Some(_) => self.error(self.at("is_multipart"), "must be true or false"),
            },
            "network-traffic" => {
                if !has("src_ref") && !has("dst_ref") {
                    self.error(
                        self.path.to_string(),
                        "network-traffic must have src_ref or dst_ref",
                    );
                }
                self.check_integer(map, "src_port", 0, 65_535);
                self.check_integer(map, "dst_port", 0, 65_535);
            }
            "autonomous-system" => self.check_integer(map, "number", 0, u32::MAX as i64),
            "ipv4-addr" => self.check_value(map, is_ipv4_or_cidr, "an IPv4 address or CIDR block"),
            "ipv6-addr" => self.check_value(map, is_ipv6_or_cidr, "an IPv6 address or CIDR block"),
            "mac-addr" => self.check_value(
                map,
                is_mac,
                "a MAC address in lower case, colon-separated (e.g. d2:fb:49:24:37:18)",
            ),
            "process" | "user-account" | "windows-registry-key" | "x509-certificate" => {
                let meaningful = map.keys().any(|k| {
                    !matches!(
                        k.as_str(),
                        "type"
                            | "id"
                            | "spec_version"
                            | "object_marking_refs"
                            | "granular_markings"
                            | "defanged"
                    )
                });
                if !meaningful {
                    self.error(
                        self.path.to_string(),
                        format!(
                            "{object_type} must have at least one property besides type and id"
                        ),
                    );
                }
            }
            _ => {}
        }
    }

    fn check_integer(&mut self, map: &Map<String, Value>, key: &str, min: i64, max: i64) {
        if let Some(v) = map.get(key) {
            match v.as_i64() {
                Some(n) if v.is_i64() && (min..=max).contains(&n) => {}
                _ => self.error(
                    self.at(key),
                    format!("must be an integer from {min} to {max}"),
                ),
            }
        }
    }

    fn check_value(&mut self, map: &Map<String, Value>, ok: fn(&str) -> bool, what: &str) {
        if let Some(v) = map.get("value") {
            match v.as_str() {
                Some(s) if ok(s) => {}
                _ => self.error(self.at("value"), format!("must be {what}")),
            }
        }
    }

    fn check_location(&mut self, map: &Map<String, Value>) {
        let lat = map.get("latitude");
        let lon = map.get("longitude");
        if lat.is_some() != lon.is_some() {
            self.error(
                self.path.to_string(),
                "latitude and longitude must be present together",
            );
        }
        let placed = map.contains_key("region")
            || map.contains_key("country")
            || (lat.is_some() && lon.is_some());
        if !placed {
            self.error(
                self.path.to_string(),
                "location must have region, country, or latitude and longitude",
            );
        }
        for (key, v, limit) in [("latitude", lat, 90.0), ("longitude", lon, 180.0)] {
            if let Some(v) = v {
                match v.as_f64() {
                    Some(x) if (-limit..=limit).contains(&x) => {}
                    _ => self.error(
                        self.at(key),
                        format!("must be a number from -{limit} to {limit}"),
                    ),
                }
            }
        }
        if map.contains_key("precision") && lat.is_none() {
            self.error(self.at("precision"), "requires latitude and longitude");
        }
    }

    fn check_marking_definition(&mut self, map: &Map<String, Value>) {
        let object = Value::Object(map.clone());
        if let Err(msg) = tlp::check_standard_definition(&object) {
            self.error(self.path.to_string(), msg);
        }
        if map.contains_key("extensions") {
            return;
        }
        match map.get("definition_type").and_then(Value::as_str) {
            None => self.error(
                self.at("definition_type"),
                "is required when the marking has no extensions",
            ),
            Some("statement") => {
                if map
                    .get("definition")
                    .and_then(|d| d.get("statement"))
                    .and_then(Value::as_str)
                    .is_none()
                {
                    self.error(
                        self.at("definition"),
                        "a statement marking needs {\"statement\": \"...\"}",
                    );
                }
            }
            Some("tlp") => {
                let level = map
                    .get("definition")
                    .and_then(|d| d.get("tlp"))
                    .and_then(Value::as_str);
                if !matches!(level, Some("white" | "green" | "amber" | "red")) {
                    self.error(
                        self.at("definition"),
                        "a TLP 1.0 marking needs {\"tlp\": \"white|green|amber|red\"}",
                    );
                }
            }
            Some(_) => {}
        }
        if !map.contains_key("definition") {
            self.error(
                self.at("definition"),
                "is required when the marking has no extensions",
            );
        }
    }
}

/// Whether a granular-marking selector (`description`, `labels.[1]`,
/// `external_references.[0].source_name`) names something present in the object.
pub fn resolve_selector(object: &Map<String, Value>, selector: &str) -> bool {
    if selector.is_empty() {
        return false;
    }
    let mut parts = selector.split('.');
    let Some(first) = parts.next() else {
        return false;
    };
    let Some(mut current) = object.get(first) else {
        return false;
    };
    for part in parts {
        let next = if let Some(index) = part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            index
                .parse::<usize>()
                .ok()
                .and_then(|i| current.as_array().and_then(|a| a.get(i)))
        } else {
            current.as_object().and_then(|m| m.get(part))
        };
        match next {
            Some(v) => current = v,
            None => return false,
        }
    }
    true
}

/// The structural check used until the pattern crate's checker is installed: balanced
/// square brackets and parentheses outside string literals, at least one observation.
pub fn check_pattern_brackets(pattern: &str) -> Result<(), String> {
    let mut stack = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut observations = 0;
    for (pos, c) in pattern.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '\'' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '\'' => in_string = true,
            '[' | '(' => stack.push((c, pos)),
            ']' | ')' => {
                let open = if c == ']' { '[' } else { '(' };
                match stack.pop() {
                    Some((o, _)) if o == open => {
                        if c == ']' {
                            observations += 1;
                        }
                    }
                    _ => return Err(format!("at position {pos}: unbalanced '{c}'")),
                }
            }
            _ => {}
        }
    }
    if in_string {
        return Err("unterminated string literal".into());
    }
    if let Some((c, pos)) = stack.pop() {
        return Err(format!("at position {pos}: '{c}' is never closed"));
    }
    if observations == 0 {
        return Err("expected at least one observation expression in [ ]".into());
    }
    Ok(())
}

fn is_ipv4_or_cidr(s: &str) -> bool {
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    };
    addr.parse::<std::net::Ipv4Addr>().is_ok()
        && prefix.is_none_or(|p| p.parse::<u8>().is_ok_and(|n| n <= 32) && !p.starts_with('+'))
}

fn is_ipv6_or_cidr(s: &str) -> bool {
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    };
    addr.parse::<std::net::Ipv6Addr>().is_ok()
        && prefix.is_none_or(|p| p.parse::<u8>().is_ok_and(|n| n <= 128) && !p.starts_with('+'))
}

fn is_mac(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() == 6
        && parts.iter().all(|p| {
            p.len() == 2
                && p.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

/// Rules that span the objects of one document. Holds ids and marking edges only, so a
/// streamed 500 MB bundle is checked in bounded memory.
#[derive(Default)]
pub struct DocumentChecks {
    /// marking-definition id -> the markings that mark it, with the path for the message.
    marking_edges: HashMap<String, (Vec<String>, String)>,
    /// Hashes of (id, version) seen: 8 bytes an object, to spot repeated versions.
    versions: HashSet<u64>,
}

impl DocumentChecks {
    /// Records what cross-object rules need from one object.
    pub fn observe(&mut self, object: &Value, path: &str, out: &mut Vec<Problem>) {
        let Some(map) = object.as_object() else {
            return;
        };
        let id = map.get("id").and_then(Value::as_str).unwrap_or_default();
        if id.is_empty() {
            return;
        }
        let version = map
            .get("modified")
            .or_else(|| map.get("created"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (id, version.as_str()).hash(&mut h);
            h.finish()
        };
        if !self.versions.insert(key) && !version.is_empty() {
            out.push(Problem {
                path: jsonpath::member(path, "id"),
                severity: Severity::Warning,
                message: format!("{id} appears twice with the same modified time {version}"),
            });
        }
        if map.get("type").and_then(Value::as_str) == Some("marking-definition") {
            let mut targets: Vec<String> = map
                .get("object_marking_refs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            targets.extend(
                map.get("granular_markings")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|g| g.get("marking_ref").and_then(Value::as_str))
                    .map(str::to_string),
            );
            if !targets.is_empty() {
                self.marking_edges
                    .insert(id.to_string(), (targets, path.to_string()));
            }
        }
    }

    /// Reports what can only be known once every object was seen: cycles among markings.
    pub fn finish(self, out: &mut Vec<Problem>) {
        let mut reported = HashSet::new();
        let mut ids: Vec<&String> = self.marking_edges.keys().collect();
        ids.sort();
        for start in ids {
            // Walk the marking graph from `start`; a path back to `start` is a cycle.
            let mut stack: Vec<&str> = vec![start.as_str()];
            let mut seen = HashSet::new();
            let mut cyclic = false;
            while let Some(node) = stack.pop() {
                if let Some((targets, _)) = self.marking_edges.get(node) {
                    for t in targets {
                        if t == start && node != start.as_str() {
                            cyclic = true;
                        }
                        if seen.insert(t.as_str()) {
                            stack.push(t.as_str());
                        }
                    }
                }
            }
            if cyclic && reported.insert(start.clone()) {
                let path = &self.marking_edges[start].1;
                out.push(Problem {
                    path: jsonpath::member(path, "object_marking_refs"),
                    severity: Severity::Error,
                    message: format!(
                        "circular marking reference: {start} is marked, through other markings, by itself"
                    ),
                });
            }
        }
    }
}

/// Validates the members of a bundle other than its objects.
pub fn validate_bundle_envelope(members: &Map<String, Value>, path: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut error = |p: String, m: &str| {
        out.push(Problem {
            path: p,
            severity: Severity::Error,
            message: m.to_string(),
        })
    };
    match members.get("id").and_then(Value::as_str) {
        None => error(jsonpath::member(path, "id"), "is required (bundle--UUID)"),
        Some(text) => match id::parse(text) {
            Ok(("bundle", _)) => {}
            Ok(_) => error(jsonpath::member(path, "id"), "must start with `bundle--`"),
            Err(e) => error(jsonpath::member(path, "id"), &e.to_string()),
        },
    }
    if members.contains_key("objects") {
        error(
            jsonpath::member(path, "objects"),
            "must be a list of STIX objects",
        );
    }
    if let Some(v) = members.get("spec_version") {
        if v.as_str() == Some("2.0") {
            error(
                jsonpath::member(path, "spec_version"),
                "this is a STIX 2.0 bundle; ward validates STIX 2.1",
            );
        } else {
            out.push(Problem {
                path: jsonpath::member(path, "spec_version"),
                severity: Severity::Warning,
                message: "STIX 2.1 bundles do not carry spec_version".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(v: Value) -> Vec<String> {
        validate_object(&v, "$")
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    }

    fn indicator() -> Value {
        json!({
            "type": "indicator", "spec_version": "2.1",
            "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z",
            "pattern": "[ipv4-addr:value = '198.51.100.1']", "pattern_type": "stix",
            "valid_from": "2016-01-01T00:00:00Z",
            "x_custom": {"kept": true}
        })
    }

    #[test]
    fn a_good_indicator_has_no_errors() {
        assert!(errors(indicator()).is_empty(), "{:?}", errors(indicator()));
    }

    #[test]
    fn modified_before_created() {
        let mut v = indicator();
        v["modified"] = json!("2016-04-06T20:03:47.000Z");
        assert_eq!(
            errors(v),
            vec!["$.modified: must not be earlier than created"]
        );
    }

    #[test]
    fn precision_of_created() {
        let mut v = indicator();
        v["created"] = json!("2016-04-06T20:03:48Z");
        v["modified"] = json!("2016-04-06T20:03:48Z");
        assert_eq!(errors(v).len(), 2);
    }

    #[test]
    fn valid_until_must_follow_valid_from() {
        let mut v = indicator();
        v["valid_until"] = json!("2016-01-01T00:00:00Z");
        assert_eq!(
            errors(v),
            vec!["$.valid_until: must be later than valid_from"]
        );
    }

    #[test]
    fn reference_types_are_checked() {
        let mut v = indicator();
        v["created_by_ref"] = json!("malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        assert_eq!(
            errors(v),
            ["$.created_by_ref: must refer to an identity; \
              malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f is of type malware"]
        );
    }

    fn observed(refs: Value) -> Value {
        json!({"type": "observed-data", "spec_version": "2.1",
            "id": "observed-data--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z",
            "first_observed": "2016-04-06T20:03:48Z", "last_observed": "2016-04-06T20:03:48Z",
            "number_observed": 1, "object_refs": refs})
    }

    /// The message names what the reference may point at, as the check applies it:
    /// observed-data may hold any SRO (a sighting as well as a relationship).
    #[test]
    fn wrong_reference_messages_name_the_allowed_types() {
        let e = errors(observed(json!([
            "file--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "sighting--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
        ])));
        assert_eq!(
            e,
            [
                "$.object_refs[2]: must refer to an SCO or SRO (relationship or sighting); \
              indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f is of type indicator"
            ]
        );
        let traffic = json!({"type": "network-traffic", "spec_version": "2.1",
            "id": "network-traffic--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "protocols": ["tcp"],
            "src_ref": "file--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "dst_ref": "ipv4-addr--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"});
        assert_eq!(
            errors(traffic),
            ["$.src_ref: must refer to an ipv4-addr, an ipv6-addr, a mac-addr or a domain-name; \
              file--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f is of type file"]
        );
        let mut v = indicator();
        v["created_by_ref"] = json!("user-account--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        v["object_marking_refs"] = json!(["identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"]);
        assert_eq!(
            errors(v),
            [
                "$.created_by_ref: must refer to an identity; \
                 user-account--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f is of type user-account",
                "$.object_marking_refs[0]: must refer to a marking-definition; \
                 identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f is of type identity"
            ]
        );
    }

    /// An empty custom reference refers to nothing: not an error (the reference validator
    /// accepts it too). An empty standard reference, or a custom one that is not an
    /// identifier, still is.
    #[test]
    fn an_empty_custom_reference_is_not_an_error() {
        let mut v = indicator();
        v["x_foo_ref"] = json!("");
        v["x_foo_refs"] = json!([""]);
        assert!(errors(v).is_empty());
        let mut v = indicator();
        v["x_foo_ref"] = json!("not an id");
        assert_eq!(errors(v).len(), 1);
        let mut v = indicator();
        v["created_by_ref"] = json!("");
        assert_eq!(
            errors(v).len(),
            1,
            "a standard reference must name an object"
        );
    }

    fn artifact(payload: Value) -> Value {
        json!({"type": "artifact", "spec_version": "2.1",
            "id": "artifact--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "payload_bin": payload})
    }

    #[test]
    fn payload_bin_must_be_base64() {
        assert!(errors(artifact(json!("aGVsbG8="))).is_empty());
        assert!(errors(artifact(json!(""))).is_empty());
        for bad in [
            json!("not base64!"),
            json!("aGVsbG8"),
            json!("aGVs bG8="),
            json!(42),
        ] {
            let e = errors(artifact(bad.clone()));
            assert_eq!(e.len(), 1, "{bad}: {e:?}");
            assert!(
                e[0].starts_with("$.payload_bin: must be base64"),
                "{bad}: {e:?}"
            );
        }
        // Inside a document the path names the object.
        let problems: Vec<String> = validate_object(&artifact(json!("%%%")), "$.objects[1]")
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("$.objects[1].payload_bin: must be base64"),
            "{problems:?}"
        );
    }

    #[test]
    fn selectors_must_resolve() {
        let mut v = indicator();
        v["granular_markings"] = json!([{"marking_ref": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "selectors": ["pattern", "nope.[0]"]}]);
        let e = errors(v);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("selectors[1]"));
    }

    #[test]
    fn circular_markings_across_objects() {
        let a = json!({"type": "marking-definition", "spec_version": "2.1",
            "id": "marking-definition--11111111-1111-4111-8111-111111111111",
            "created": "2020-01-01T00:00:00.000Z", "definition_type": "statement",
            "definition": {"statement": "a"},
            "object_marking_refs": ["marking-definition--22222222-2222-4222-8222-222222222222"]});
        let b = json!({"type": "marking-definition", "spec_version": "2.1",
            "id": "marking-definition--22222222-2222-4222-8222-222222222222",
            "created": "2020-01-01T00:00:00.000Z", "definition_type": "statement",
            "definition": {"statement": "b"},
            "object_marking_refs": ["marking-definition--11111111-1111-4111-8111-111111111111"]});
        let mut doc = DocumentChecks::default();
        let mut out = Vec::new();
        doc.observe(&a, "$.objects[0]", &mut out);
        doc.observe(&b, "$.objects[1]", &mut out);
        doc.finish(&mut out);
        assert_eq!(
            out.iter().filter(|p| p.severity == Severity::Error).count(),
            2
        );
    }

    #[test]
    fn bracket_check() {
        assert!(check_pattern_brackets("[a:b = 'x]']").is_ok());
        assert!(check_pattern_brackets("[a:b = 'x'").is_err());
        assert!(check_pattern_brackets("a:b = 'x'").is_err());
    }
}
