//! The STIX object model: typed access to the common properties over the object's own JSON
//! members, which are kept as they came (order included), so that parse then serialize gives
//! back the same members and values, unknown and `x_` properties and extensions included.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::timestamp::Timestamp;
use crate::tlp::{self, EffectiveTlp};
use crate::types::{self, Kind};

/// Why a JSON value is not usable as a STIX object at all (validation reports the rest).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ObjectError {
    #[error("expected a JSON object, got {0}")]
    NotAnObject(&'static str),
    #[error("property `{0}` is required and must be a string")]
    MissingString(&'static str),
    #[error("expected a bundle (\"type\": \"bundle\"), got type {0:?}")]
    NotABundle(String),
    #[error("bundle property `objects` must be a list")]
    ObjectsNotAList,
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// One STIX object of any type. Holds its JSON members; the accessors read them typed.
#[derive(Clone, Debug, PartialEq)]
pub struct StixObject {
    members: Map<String, Value>,
}

impl StixObject {
    /// Wraps a JSON value that has a string `type` and `id`.
    pub fn from_value(value: Value) -> Result<StixObject, ObjectError> {
        let Value::Object(members) = value else {
            return Err(ObjectError::NotAnObject(kind_name(&value)));
        };
        for key in ["type", "id"] {
            if !members.get(key).is_some_and(Value::is_string) {
                return Err(ObjectError::MissingString(key));
            }
        }
        Ok(StixObject { members })
    }

    fn str_member(&self, key: &str) -> Option<&str> {
        self.members.get(key).and_then(Value::as_str)
    }

    fn timestamp_member(&self, key: &str) -> Option<Timestamp> {
        self.str_member(key).and_then(|t| Timestamp::parse(t).ok())
    }

    fn id_list(&self, key: &str) -> Vec<&str> {
        self.members
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// The object's type, such as `indicator`.
    pub fn object_type(&self) -> &str {
        self.str_member("type").unwrap_or_default()
    }

    /// The object's identifier, `type--UUID`.
    pub fn id(&self) -> &str {
        self.str_member("id").unwrap_or_default()
    }

    /// SDO, SCO, SRO or meta; `None` for custom types.
    pub fn kind(&self) -> Option<Kind> {
        types::kind_of(self.object_type())
    }

    /// `spec_version`; SCOs may leave it out, which means 2.1.
    pub fn spec_version(&self) -> Option<&str> {
        self.str_member("spec_version")
    }

    pub fn created(&self) -> Option<Timestamp> {
        self.timestamp_member("created")
    }

    pub fn modified(&self) -> Option<Timestamp> {
        self.timestamp_member("modified")
    }

    /// The version of this object: `modified`, else `created` (marking definitions), else
    /// none (SCOs are unversioned).
    pub fn version(&self) -> Option<Timestamp> {
        self.modified().or_else(|| self.created())
    }

    pub fn created_by_ref(&self) -> Option<&str> {
        self.str_member("created_by_ref")
    }

    pub fn revoked(&self) -> bool {
        self.members
            .get("revoked")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn labels(&self) -> Vec<&str> {
        self.id_list("labels")
    }

    /// `confidence` when it is an integer 0-100.
    pub fn confidence(&self) -> Option<u8> {
        self.members
            .get("confidence")
            .and_then(Value::as_u64)
            .filter(|c| *c <= 100)
            .map(|c| c as u8)
    }

    pub fn lang(&self) -> Option<&str> {
        self.str_member("lang")
    }

    pub fn object_marking_refs(&self) -> Vec<&str> {
        self.id_list("object_marking_refs")
    }

    pub fn granular_markings(&self) -> &[Value] {
        self.members
            .get("granular_markings")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub fn external_references(&self) -> &[Value] {
        self.members
            .get("external_references")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub fn extensions(&self) -> Option<&Map<String, Value>> {
        self.members.get("extensions").and_then(Value::as_object)
    }

    /// The effective TLP from the object-level markings.
    pub fn tlp(&self) -> EffectiveTlp {
        let level = self
            .object_marking_refs()
            .into_iter()
            .filter_map(tlp::Tlp::from_marking_id)
            .max();
        match level {
            Some(l) => EffectiveTlp::Level(l),
            None => EffectiveTlp::Unmarked,
        }
    }

    /// Any member by name, typed or not.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.members.get(key)
    }

    /// All members, in their original order.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// Sets a member (adding it at the end when new).
    pub fn set(&mut self, key: &str, value: Value) {
        self.members.insert(key.to_string(), value);
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.members)
    }
}

impl Serialize for StixObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.members.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StixObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        StixObject::from_value(value).map_err(serde::de::Error::custom)
    }
}

/// A STIX bundle: an id and a list of objects. Members other than `type`, `id` and
/// `objects` are kept too.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub id: String,
    pub objects: Vec<StixObject>,
    other: Map<String, Value>,
}

impl Bundle {
    /// A new bundle with a random id.
    pub fn new(objects: Vec<StixObject>) -> Bundle {
        Bundle {
            id: format!("bundle--{}", uuid::Uuid::new_v4()),
            objects,
            other: Map::new(),
        }
    }

    pub fn from_value(value: Value) -> Result<Bundle, ObjectError> {
        let Value::Object(mut members) = value else {
            return Err(ObjectError::NotAnObject(kind_name(&value)));
        };
        match members.get("type").and_then(Value::as_str) {
            Some("bundle") => {}
            Some(other) => return Err(ObjectError::NotABundle(other.to_string())),
            None => return Err(ObjectError::MissingString("type")),
        }
        let id = match members.get("id").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => return Err(ObjectError::MissingString("id")),
        };
        let objects = match members.shift_remove("objects") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(StixObject::from_value)
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(ObjectError::ObjectsNotAList),
        };
        members.shift_remove("type");
        members.shift_remove("id");
        Ok(Bundle {
            id,
            objects,
            other: members,
        })
    }

    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("type".into(), Value::String("bundle".into()));
        m.insert("id".into(), Value::String(self.id.clone()));
        for (k, v) in &self.other {
            m.insert(k.clone(), v.clone());
        }
        m.insert(
            "objects".into(),
            Value::Array(
                self.objects
                    .iter()
                    .map(|o| Value::Object(o.members.clone()))
                    .collect(),
            ),
        );
        Value::Object(m)
    }
}

impl Serialize for Bundle {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Bundle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Bundle::from_value(value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_access_and_verbatim_round_trip() {
        let text = r#"{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","confidence":85,"x_acme_score":1.5,"zz_unknown":{"nested":[1,2,{"a":null}]},"extensions":{"extension-definition--11111111-1111-4111-8111-111111111111":{"extension_type":"property-extension","rank":5}},"pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}"#;
        let obj: StixObject = serde_json::from_str(text).unwrap();
        assert_eq!(obj.object_type(), "indicator");
        assert_eq!(obj.confidence(), Some(85));
        assert_eq!(
            obj.created().unwrap().to_string(),
            "2016-04-06T20:03:48.000Z"
        );
        assert_eq!(serde_json::to_string(&obj).unwrap(), text);
    }

    #[test]
    fn bundles_keep_unknown_members() {
        let v = json!({"type": "bundle", "id": "bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "x_note": "kept", "objects": [{"type": "x-thing", "id": "x-thing--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}]});
        let b = Bundle::from_value(v.clone()).unwrap();
        assert_eq!(b.objects.len(), 1);
        assert_eq!(b.to_value(), v);
        assert!(Bundle::from_value(json!({"type": "indicator", "id": "x"})).is_err());
    }
}
