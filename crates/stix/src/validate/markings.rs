//! Granular markings and the selectors that say what they mark.

use serde_json::{Map, Value};

use super::ObjectCheck;
use crate::jsonpath;
use crate::types;

impl ObjectCheck<'_> {
    pub(super) fn check_granular_marking(
        &mut self,
        object: &Map<String, Value>,
        marking: &Value,
        path: &str,
    ) {
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
