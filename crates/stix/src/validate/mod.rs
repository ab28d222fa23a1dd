//! Validation of STIX 2.1 objects against the specification's MUST rules (errors) and its
//! SHOULD rules and open vocabularies (warnings). Every problem carries the JSON path it is
//! about. Rules that span objects (circular marking references, duplicate versions) are
//! checked by [`DocumentChecks`], which keeps only ids, never whole objects.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use crate::id;
use crate::jsonpath;
use crate::types;

mod common;
mod document;
mod markings;
mod pattern;
mod per_type;
mod properties;
mod refs;

pub use document::{validate_bundle_envelope, DocumentChecks};
pub use markings::resolve_selector;
pub use pattern::check_pattern_brackets;

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
}
