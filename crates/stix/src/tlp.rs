//! Traffic Light Protocol markings. TLP 1.0 markings are the four marking-definition objects
//! of STIX 2.1 section 7.2.1.3; TLP 2.0 markings are the five OASIS marking-definitions that
//! carry the `tlp_2_0` property extension. Both are recognised by id: a document cannot
//! redefine them. 1.0 levels map onto 2.0 (WHITE becomes CLEAR).

use std::fmt;

use serde_json::Value;

/// A TLP 2.0 level, ordered from least to most restrictive.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Tlp {
    #[serde(rename = "clear")]
    Clear,
    #[serde(rename = "green")]
    Green,
    #[serde(rename = "amber")]
    Amber,
    #[serde(rename = "amber+strict")]
    AmberStrict,
    #[serde(rename = "red")]
    Red,
}

/// Which TLP version a marking id belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlpVersion {
    V1,
    V2,
}

/// The OASIS extension-definition that carries `tlp_2_0`.
pub const TLP2_EXTENSION_ID: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// Every standard TLP marking-definition id with its version and level.
pub const MARKINGS: [(&str, TlpVersion, Tlp); 9] = [
    (
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        TlpVersion::V1,
        Tlp::Clear,
    ),
    (
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        TlpVersion::V1,
        Tlp::Green,
    ),
    (
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        TlpVersion::V1,
        Tlp::Amber,
    ),
    (
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
        TlpVersion::V1,
        Tlp::Red,
    ),
    (
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        TlpVersion::V2,
        Tlp::Clear,
    ),
    (
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        TlpVersion::V2,
        Tlp::Green,
    ),
    (
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        TlpVersion::V2,
        Tlp::Amber,
    ),
    (
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        TlpVersion::V2,
        Tlp::AmberStrict,
    ),
    (
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        TlpVersion::V2,
        Tlp::Red,
    ),
];

impl Tlp {
    /// The TLP level of a standard marking-definition id.
    pub fn from_marking_id(id: &str) -> Option<Tlp> {
        MARKINGS
            .iter()
            .find(|(m, _, _)| *m == id)
            .map(|(_, _, tlp)| *tlp)
    }

    /// The TLP 2.0 marking-definition id for this level.
    pub fn marking_id(self) -> &'static str {
        MARKINGS
            .iter()
            .find(|(_, v, t)| *v == TlpVersion::V2 && *t == self)
            .map(|(id, _, _)| *id)
            .unwrap_or(MARKINGS[4].0)
    }

    /// Parses `clear`, `TLP:AMBER+STRICT`, `white` (1.0) and the like.
    pub fn parse(text: &str) -> Option<Tlp> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.strip_prefix("tlp:").unwrap_or(&t);
        Some(match t {
            "clear" | "white" => Tlp::Clear,
            "green" => Tlp::Green,
            "amber" => Tlp::Amber,
            "amber+strict" | "amber-strict" => Tlp::AmberStrict,
            "red" => Tlp::Red,
            _ => return None,
        })
    }

    /// The TLP 1.0 definition (`{"tlp": "white"}`) a standard 1.0 marking must carry.
    fn v1_name(self) -> &'static str {
        match self {
            Tlp::Clear => "white",
            Tlp::Green => "green",
            Tlp::Amber | Tlp::AmberStrict => "amber",
            Tlp::Red => "red",
        }
    }
}

impl fmt::Display for Tlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tlp::Clear => "TLP:CLEAR",
            Tlp::Green => "TLP:GREEN",
            Tlp::Amber => "TLP:AMBER",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Red => "TLP:RED",
        })
    }
}

/// What an object's object-level markings say about TLP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EffectiveTlp {
    /// No TLP marking at all: the reader's configured default applies.
    Unmarked,
    /// The most restrictive TLP among the markings.
    Level(Tlp),
}

/// The effective TLP of an object from its `object_marking_refs`: the most restrictive
/// standard TLP marking wins; 1.0 levels count as their 2.0 equivalents. Markings that are not
/// TLP (statements, copyright) do not change the answer.
pub fn effective_tlp(object: &Value) -> EffectiveTlp {
    let level = object
        .get("object_marking_refs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(Tlp::from_marking_id)
        .max();
    match level {
        Some(l) => EffectiveTlp::Level(l),
        None => EffectiveTlp::Unmarked,
    }
}

/// Checks a marking-definition that uses a standard TLP id: its content must be the standard
/// one (a document may repeat the definition but not change it). `Err` says what is wrong.
pub fn check_standard_definition(object: &Value) -> Result<(), String> {
    let Some(id) = object.get("id").and_then(Value::as_str) else {
        return Ok(());
    };
    let Some((_, version, tlp)) = MARKINGS.iter().find(|(m, _, _)| *m == id) else {
        // A non-standard id claiming to be TLP 1.0 is a forgery.
        if object.get("definition_type").and_then(Value::as_str) == Some("tlp") {
            return Err(format!(
                "a TLP marking-definition must use the standard id for its level, not {id}"
            ));
        }
        return Ok(());
    };
    match version {
        TlpVersion::V1 => {
            let declared = object
                .get("definition")
                .and_then(|d| d.get("tlp"))
                .and_then(Value::as_str);
            if object.get("definition_type").and_then(Value::as_str) != Some("tlp")
                || declared != Some(tlp.v1_name())
            {
                return Err(format!(
                    "{id} is the standard TLP:{} marking; its definition must be {{\"tlp\": \"{}\"}}",
                    tlp.v1_name().to_uppercase(),
                    tlp.v1_name()
                ));
            }
        }
        TlpVersion::V2 => {
            let declared = object
                .get("extensions")
                .and_then(|e| e.get(TLP2_EXTENSION_ID))
                .and_then(|e| e.get("tlp_2_0"))
                .and_then(Value::as_str)
                .and_then(Tlp::parse);
            if declared != Some(*tlp) {
                return Err(format!(
                    "{id} is the standard {tlp} marking; its tlp_2_0 extension must say so"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn most_restrictive_wins_and_v1_maps_to_v2() {
        let obj = json!({"object_marking_refs": [
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
            "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
        ]});
        assert_eq!(effective_tlp(&obj), EffectiveTlp::Level(Tlp::Amber));
        let white = json!({"object_marking_refs": ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"]});
        assert_eq!(effective_tlp(&white), EffectiveTlp::Level(Tlp::Clear));
        assert_eq!(effective_tlp(&json!({})), EffectiveTlp::Unmarked);
        assert!(Tlp::AmberStrict > Tlp::Amber && Tlp::Red > Tlp::AmberStrict);
    }

    #[test]
    fn standard_definitions_cannot_be_changed() {
        let good = json!({"id": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
            "definition_type": "tlp", "definition": {"tlp": "red"}});
        assert!(check_standard_definition(&good).is_ok());
        let forged = json!({"id": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
            "definition_type": "tlp", "definition": {"tlp": "white"}});
        assert!(check_standard_definition(&forged).is_err());
        let odd_id = json!({"id": "marking-definition--11111111-1111-4111-8111-111111111111",
            "definition_type": "tlp", "definition": {"tlp": "white"}});
        assert!(check_standard_definition(&odd_id).is_err());
        assert_eq!(Tlp::parse("TLP:AMBER+STRICT"), Some(Tlp::AmberStrict));
        assert_eq!(
            Tlp::Red.marking_id(),
            "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
        );
    }
}
