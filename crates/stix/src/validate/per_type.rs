//! The rules of each object type (an indicator's pattern, a location's coordinates, a
//! marking definition's body, observables' values).

use serde_json::{Map, Value};

use super::{check_pattern_brackets, ObjectCheck, PATTERN_CHECKER};
use crate::jsonpath;
use crate::tlp;

impl ObjectCheck<'_> {
    pub(super) fn check_type_rules(&mut self, map: &Map<String, Value>, object_type: &str) {
        // Each type is named by exactly one of the two: domain objects and relationships,
        // then cyber observables.
        self.check_domain_rules(map, object_type);
        self.check_observable_rules(map, object_type);
    }

    /// The rules of domain objects, relationships, sightings and meta objects.
    fn check_domain_rules(&mut self, map: &Map<String, Value>, object_type: &str) {
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
            _ => {}
        }
    }

    /// The rules of cyber observables.
    fn check_observable_rules(&mut self, map: &Map<String, Value>, object_type: &str) {
        let has = |k: &str| map.contains_key(k);
        match object_type {
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
