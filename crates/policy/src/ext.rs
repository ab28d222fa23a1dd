//! ward's STIX extension: how a submitter names the recipients of an AMBER or RED object and
//! how a member marks a sighting as a false positive. It is a property extension, so any
//! STIX 2.1 consumer can carry it; the hub reads it and does not serve the recipient lists
//! to anyone but the submitter.

use serde_json::{Map, Value};

/// The extension-definition id (a fixed UUID, so every hub and member agree on it).
pub const WARD_EXTENSION_ID: &str = "extension-definition--3c9f7a0e-5b1d-4d6e-9a2f-7d4c1b8e6f10";

/// Organizations (as `identity--<organization id>`) that may read the object when it is
/// TLP:AMBER or TLP:AMBER+STRICT. When present it replaces the collection's AMBER audience.
pub const AMBER_RECIPIENTS: &str = "amber_recipient_refs";

/// Users (as `identity--<user id>`) that may read the object when it is TLP:RED.
pub const RED_RECIPIENTS: &str = "red_recipient_refs";

/// `true` on a sighting that reports its indicator as a false positive.
pub const FALSE_POSITIVE: &str = "false_positive";

/// The STIX identity id under which the hub knows an organization or a user.
pub fn identity_of(id: &str) -> String {
    format!("identity--{id}")
}

/// The ward extension's properties in `object`, if any.
pub fn ward_extension(object: &Map<String, Value>) -> Option<&Map<String, Value>> {
    object
        .get("extensions")?
        .as_object()?
        .get(WARD_EXTENSION_ID)?
        .as_object()
}

/// The ids listed under `key` in the ward extension, with their `identity--` prefix removed:
/// `None` when the list is absent, `Some` (possibly empty) when present.
pub fn recipients(object: &Map<String, Value>, key: &str) -> Option<Vec<String>> {
    let list = ward_extension(object)?.get(key)?;
    Some(
        list.as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter_map(|r| r.strip_prefix("identity--"))
            .map(str::to_string)
            .collect(),
    )
}

/// Is this sighting reported as a false positive?
pub fn is_false_positive(object: &Map<String, Value>) -> bool {
    ward_extension(object)
        .and_then(|e| e.get(FALSE_POSITIVE))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Removes the recipient lists from a copy of the object; `true` when something was removed.
/// An extension left with nothing but its type goes, and so does an emptied `extensions`.
pub fn strip_recipients(object: &mut Map<String, Value>) -> bool {
    let Some(Value::Object(exts)) = object.get_mut("extensions") else {
        return false;
    };
    let Some(Value::Object(ward)) = exts.get_mut(WARD_EXTENSION_ID) else {
        return false;
    };
    let removed =
        ward.shift_remove(AMBER_RECIPIENTS).is_some() | ward.shift_remove(RED_RECIPIENTS).is_some();
    if removed && ward.keys().all(|k| k == "extension_type") {
        exts.shift_remove(WARD_EXTENSION_ID);
        if exts.is_empty() {
            object.shift_remove("extensions");
        }
    }
    removed
}
