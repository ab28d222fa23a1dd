//! Validation of STIX 2.1 objects against the specification's MUST rules (errors) and SHOULD
//! rules and open vocabularies (warnings). Every problem carries the JSON path it is about.

use serde::Serialize;
use serde_json::Value;

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

/// Validates one STIX object; `path` is the JSON path of the object in its document
/// (`$` for a lone object).
pub fn validate_object(object: &Value, path: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(map) = object.as_object() else {
        problems.push(Problem {
            path: path.to_string(),
            severity: Severity::Error,
            message: "must be a JSON object".into(),
        });
        return problems;
    };
    for key in ["type", "id"] {
        if !map.contains_key(key) {
            problems.push(Problem {
                path: format!("{path}.{key}"),
                severity: Severity::Error,
                message: "is required".into(),
            });
        }
    }
    problems
}
