//! The registry of STIX 2.1 object types: what kind each is, which properties it requires,
//! which types its reference properties may point at, and which properties make up a
//! deterministic SCO identifier. One table, read by validation, ids and the object model.

/// The four families of STIX objects (specification section 2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// STIX Domain Object.
    Sdo,
    /// STIX Cyber-observable Object.
    Sco,
    /// STIX Relationship Object (relationship, sighting).
    Sro,
    /// Meta objects: marking-definition, language-content, extension-definition.
    Meta,
}

/// The 19 SDO types of STIX 2.1.
pub const SDO_TYPES: [&str; 19] = [
    "attack-pattern",
    "campaign",
    "course-of-action",
    "grouping",
    "identity",
    "incident",
    "indicator",
    "infrastructure",
    "intrusion-set",
    "location",
    "malware",
    "malware-analysis",
    "note",
    "observed-data",
    "opinion",
    "report",
    "threat-actor",
    "tool",
    "vulnerability",
];

/// The 18 SCO types of STIX 2.1.
pub const SCO_TYPES: [&str; 18] = [
    "artifact",
    "autonomous-system",
    "directory",
    "domain-name",
    "email-addr",
    "email-message",
    "file",
    "ipv4-addr",
    "ipv6-addr",
    "mac-addr",
    "mutex",
    "network-traffic",
    "process",
    "software",
    "url",
    "user-account",
    "windows-registry-key",
    "x509-certificate",
];

/// The two SRO types.
pub const SRO_TYPES: [&str; 2] = ["relationship", "sighting"];

/// The three meta object types.
pub const META_TYPES: [&str; 3] = [
    "marking-definition",
    "language-content",
    "extension-definition",
];

/// The kind of a built-in type, `None` for custom or unknown types.
pub fn kind_of(object_type: &str) -> Option<Kind> {
    if SDO_TYPES.contains(&object_type) {
        Some(Kind::Sdo)
    } else if SCO_TYPES.contains(&object_type) {
        Some(Kind::Sco)
    } else if SRO_TYPES.contains(&object_type) {
        Some(Kind::Sro)
    } else if META_TYPES.contains(&object_type) {
        Some(Kind::Meta)
    } else {
        None
    }
}

/// Properties every object of a type must carry, beyond the common ones its kind requires.
pub fn required_properties(object_type: &str) -> &'static [&'static str] {
    match object_type {
        "attack-pattern" | "campaign" | "course-of-action" | "identity" | "incident"
        | "infrastructure" | "intrusion-set" | "threat-actor" | "tool" | "vulnerability" => {
            &["name"]
        }
        "grouping" => &["context", "object_refs"],
        "indicator" => &["pattern", "pattern_type", "valid_from"],
        "malware" => &["is_family"],
        "malware-analysis" => &["product"],
        "note" => &["content", "object_refs"],
        "observed-data" => &["first_observed", "last_observed", "number_observed"],
        "opinion" => &["opinion", "object_refs"],
        "report" => &["name", "published", "object_refs"],
        "relationship" => &["relationship_type", "source_ref", "target_ref"],
        "sighting" => &["sighting_of_ref"],
        "language-content" => &["object_ref", "contents"],
        "extension-definition" => &[
            "name",
            "schema",
            "version",
            "extension_types",
            "created_by_ref",
        ],
        "autonomous-system" => &["number"],
        "directory" => &["path"],
        "domain-name" | "email-addr" | "ipv4-addr" | "ipv6-addr" | "mac-addr" | "url" => &["value"],
        "email-message" => &["is_multipart"],
        "mutex" => &["name"],
        "network-traffic" => &["protocols"],
        "software" => &["name"],
        _ => &[],
    }
}

/// What a reference may point at.
#[derive(Clone, Copy, Debug)]
pub enum RefTarget {
    /// Exactly these types.
    Types(&'static [&'static str]),
    /// Any SDO or SCO (relationship ends).
    SdoOrSco,
    /// Any SCO.
    AnySco,
    /// Any SCO or SRO (observed-data contents).
    ScoOrSro,
    /// Any SDO (sighting_of_ref).
    AnySdo,
    /// Any STIX object.
    Any,
}

impl RefTarget {
    /// Whether an id of `target_type` may stand in this reference.
    pub fn allows(&self, target_type: &str) -> bool {
        let kind = kind_of(target_type);
        match self {
            RefTarget::Types(types) => types.contains(&target_type),
            // Custom types are allowed where a whole kind is: they may be new SDOs/SCOs
            // defined by an extension-definition.
            RefTarget::SdoOrSco => matches!(kind, Some(Kind::Sdo | Kind::Sco) | None),
            RefTarget::AnySco => matches!(kind, Some(Kind::Sco) | None),
            RefTarget::ScoOrSro => matches!(kind, Some(Kind::Sco | Kind::Sro) | None),
            RefTarget::AnySdo => matches!(kind, Some(Kind::Sdo) | None),
            RefTarget::Any => target_type != "bundle",
        }
    }

    /// Words for an error message, with their articles: "an identity", "a file or an
    /// artifact", "an SCO or SRO (relationship or sighting)".
    pub fn describe(&self) -> String {
        match self {
            RefTarget::Types(types) => match types {
                [] => "nothing".into(),
                [one] => with_article(one),
                [rest @ .., last] => format!(
                    "{} or {}",
                    rest.iter()
                        .map(|t| with_article(t))
                        .collect::<Vec<_>>()
                        .join(", "),
                    with_article(last)
                ),
            },
            RefTarget::SdoOrSco => "an SDO or SCO".into(),
            RefTarget::AnySco => "an SCO".into(),
            // Kind::Sro: both relationship and sighting.
            RefTarget::ScoOrSro => "an SCO or SRO (relationship or sighting)".into(),
            RefTarget::AnySdo => "an SDO".into(),
            RefTarget::Any => "a STIX object".into(),
        }
    }
}

/// A type name with its indefinite article, as it is read aloud ("an identity",
/// "a user-account").
fn with_article(type_name: &str) -> String {
    let vowel_sound = type_name.starts_with(['a', 'e', 'i', 'o'])
        || (type_name.starts_with('u') && !type_name.starts_with("us"));
    format!("{} {type_name}", if vowel_sound { "an" } else { "a" })
}

const IDENTITY: &[&str] = &["identity"];
const MARKING: &[&str] = &["marking-definition"];
const SOFTWARE: &[&str] = &["software"];
const EMAIL_ADDR: &[&str] = &["email-addr"];
const ARTIFACT: &[&str] = &["artifact"];
const USER_ACCOUNT: &[&str] = &["user-account"];
const NETWORK_TRAFFIC: &[&str] = &["network-traffic"];
const PROCESS: &[&str] = &["process"];
const ADDR_ENDPOINT: &[&str] = &["ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"];

/// The allowed targets of a reference property (`*_ref` or `*_refs`) of a type, for the
/// top-level properties of that type. `None` when the property is not a known reference.
pub fn reference_target(object_type: &str, property: &str) -> Option<RefTarget> {
    use RefTarget::*;
    let target = match (object_type, property) {
        (_, "created_by_ref") => Types(IDENTITY),
        (_, "object_marking_refs") => Types(MARKING),
        ("relationship", "source_ref" | "target_ref") => SdoOrSco,
        ("sighting", "sighting_of_ref") => AnySdo,
        ("sighting", "observed_data_refs") => Types(&["observed-data"]),
        ("sighting", "where_sighted_refs") => Types(&["identity", "location"]),
        ("observed-data", "object_refs") => ScoOrSro,
        ("report" | "note" | "opinion" | "grouping", "object_refs") => Any,
        ("language-content", "object_ref") => Any,
        ("malware", "sample_refs") => Types(&["file", "artifact"]),
        ("malware", "operating_system_refs") => Types(SOFTWARE),
        ("malware-analysis", "host_vm_ref" | "operating_system_ref") => Types(SOFTWARE),
        ("malware-analysis", "installed_software_refs") => Types(SOFTWARE),
        ("malware-analysis", "sample_ref") => Types(&["file", "artifact", "network-traffic"]),
        ("malware-analysis", "analysis_sco_refs") => AnySco,
        ("email-addr", "belongs_to_ref") => Types(USER_ACCOUNT),
        ("email-message", "from_ref" | "sender_ref" | "to_refs" | "cc_refs" | "bcc_refs") => {
            Types(EMAIL_ADDR)
        }
        ("email-message", "raw_email_ref") => Types(ARTIFACT),
        ("domain-name", "resolves_to_refs") => Types(&["ipv4-addr", "ipv6-addr", "domain-name"]),
        ("ipv4-addr" | "ipv6-addr", "resolves_to_refs") => Types(&["mac-addr"]),
        ("ipv4-addr" | "ipv6-addr", "belongs_to_refs") => Types(&["autonomous-system"]),
        ("file", "contains_refs") => AnySco,
        ("file", "content_ref") => Types(ARTIFACT),
        ("file", "parent_directory_ref") => Types(&["directory"]),
        ("directory", "contains_refs") => Types(&["file", "directory"]),
        ("network-traffic", "src_ref" | "dst_ref") => Types(ADDR_ENDPOINT),
        ("network-traffic", "src_payload_ref" | "dst_payload_ref") => Types(ARTIFACT),
        ("network-traffic", "encapsulates_refs" | "encapsulated_by_ref") => Types(NETWORK_TRAFFIC),
        ("process", "opened_connection_refs") => Types(NETWORK_TRAFFIC),
        ("process", "creator_user_ref") => Types(USER_ACCOUNT),
        ("process", "image_ref") => Types(&["file"]),
        ("process", "parent_ref" | "child_refs") => Types(PROCESS),
        ("windows-registry-key", "creator_user_ref") => Types(USER_ACCOUNT),
        _ => return None,
    };
    Some(target)
}

/// The properties whose values make up a deterministic SCO id (specification section 2.9 and
/// each SCO's "ID Contributing Properties"). `None` for non-SCOs; an empty list (process)
/// means ids are random UUIDv4.
pub fn id_contributing_properties(object_type: &str) -> Option<&'static [&'static str]> {
    Some(match object_type {
        "artifact" => &["hashes", "payload_bin"],
        "autonomous-system" => &["number"],
        "directory" => &["path"],
        "domain-name" | "email-addr" | "ipv4-addr" | "ipv6-addr" | "mac-addr" | "url" => &["value"],
        "email-message" => &["from_ref", "subject", "body"],
        "file" => &["hashes", "name", "extensions", "parent_directory_ref"],
        "mutex" => &["name"],
        "network-traffic" => &[
            "start",
            "end",
            "src_ref",
            "dst_ref",
            "src_port",
            "dst_port",
            "protocols",
            "extensions",
        ],
        "process" => &[],
        "software" => &["name", "cpe", "swid", "vendor", "version"],
        "user-account" => &["account_type", "user_id", "account_login"],
        "windows-registry-key" => &["key", "values"],
        "x509-certificate" => &["hashes", "serial_number"],
        _ => return None,
    })
}

/// Open vocabularies (values outside them are warnings, never errors): the property and the
/// suggested values, per type. Property `*` applies to every type.
// Long because: it is a data table (the specification's open vocabularies), one arm a property.
pub fn open_vocabulary(object_type: &str, property: &str) -> Option<&'static [&'static str]> {
    Some(match (object_type, property) {
        ("indicator", "indicator_types") => &[
            "anomalous-activity",
            "anonymization",
            "benign",
            "compromised",
            "malicious-activity",
            "attribution",
            "unknown",
        ],
        ("indicator", "pattern_type") => &["stix", "pcre", "sigma", "snort", "suricata", "yara"],
        ("malware", "malware_types") => &[
            "adware",
            "backdoor",
            "bot",
            "bootkit",
            "ddos",
            "downloader",
            "dropper",
            "exploit-kit",
            "keylogger",
            "ransomware",
            "remote-access-trojan",
            "resource-exploitation",
            "rogue-security-software",
            "rootkit",
            "screen-capture",
            "spyware",
            "trojan",
            "unknown",
            "virus",
            "webshell",
            "wiper",
            "worm",
        ],
        ("report", "report_types") => &[
            "attack-pattern",
            "campaign",
            "identity",
            "indicator",
            "intrusion-set",
            "malware",
            "observed-data",
            "threat-actor",
            "threat-report",
            "tool",
            "vulnerability",
        ],
        ("threat-actor", "threat_actor_types") => &[
            "activist",
            "competitor",
            "crime-syndicate",
            "criminal",
            "hacker",
            "insider-accidental",
            "insider-disgruntled",
            "nation-state",
            "sensationalist",
            "spy",
            "terrorist",
            "unknown",
        ],
        ("tool", "tool_types") => &[
            "denial-of-service",
            "exploitation",
            "information-gathering",
            "network-capture",
            "credential-exploitation",
            "remote-access",
            "vulnerability-scanning",
            "unknown",
        ],
        ("identity", "identity_class") => &[
            "individual",
            "group",
            "system",
            "organization",
            "class",
            "unknown",
        ],
        ("identity", "sectors") => &[
            "agriculture",
            "aerospace",
            "automotive",
            "chemical",
            "commercial",
            "communications",
            "construction",
            "defense",
            "education",
            "energy",
            "entertainment",
            "financial-services",
            "government",
            "emergency-services",
            "government-local",
            "government-national",
            "government-public-services",
            "government-regional",
            "healthcare",
            "hospitality-leisure",
            "infrastructure",
            "dams",
            "nuclear",
            "water",
            "insurance",
            "manufacturing",
            "mining",
            "non-profit",
            "pharmaceuticals",
            "retail",
            "technology",
            "telecommunications",
            "transportation",
            "utilities",
        ],
        ("infrastructure", "infrastructure_types") => &[
            "amplification",
            "anonymization",
            "botnet",
            "command-and-control",
            "control-system",
            "exfiltration",
            "firewall",
            "hosting-malware",
            "hosting-target-lists",
            "phishing",
            "reconnaissance",
            "routers-switches",
            "staging",
            "workstation",
            "unknown",
        ],
        ("grouping", "context") => &["suspicious-activity", "malware-analysis", "unspecified"],
        ("intrusion-set" | "threat-actor", "primary_motivation" | "secondary_motivations") => &[
            "accidental",
            "coercion",
            "dominance",
            "ideology",
            "notoriety",
            "organizational-gain",
            "personal-gain",
            "personal-satisfaction",
            "revenge",
            "unpredictable",
        ],
        ("intrusion-set" | "threat-actor", "resource_level") => &[
            "individual",
            "club",
            "contest",
            "team",
            "organization",
            "government",
        ],
        ("location", "region") => &[
            "africa",
            "eastern-africa",
            "middle-africa",
            "northern-africa",
            "southern-africa",
            "western-africa",
            "americas",
            "caribbean",
            "central-america",
            "latin-america-caribbean",
            "northern-america",
            "south-america",
            "asia",
            "central-asia",
            "eastern-asia",
            "southern-asia",
            "south-eastern-asia",
            "western-asia",
            "europe",
            "eastern-europe",
            "northern-europe",
            "southern-europe",
            "western-europe",
            "oceania",
            "antarctica",
            "australia-new-zealand",
            "melanesia",
            "micronesia",
            "polynesia",
        ],
        ("malware-analysis", "result") => &["malicious", "suspicious", "benign", "unknown"],
        _ => return None,
    })
}

/// Closed enumerations: a value outside them breaks a MUST rule.
pub fn enumeration(object_type: &str, property: &str) -> Option<&'static [&'static str]> {
    Some(match (object_type, property) {
        ("opinion", "opinion") => &[
            "strongly-disagree",
            "disagree",
            "neutral",
            "agree",
            "strongly-agree",
        ],
        ("extension-definition", "extension_types") => &[
            "new-sdo",
            "new-sco",
            "new-sro",
            "property-extension",
            "toplevel-property-extension",
        ],
        ("artifact", "encryption_algorithm") => {
            &["AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated"]
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forty_two_built_in_types() {
        let all: Vec<&str> = SDO_TYPES
            .iter()
            .chain(SCO_TYPES.iter())
            .chain(SRO_TYPES.iter())
            .chain(META_TYPES.iter())
            .copied()
            .collect();
        assert_eq!(all.len(), 42);
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 42);
        assert!(all.iter().all(|t| kind_of(t).is_some()));
    }

    #[test]
    fn reference_targets() {
        let target = reference_target("relationship", "source_ref").unwrap();
        assert!(target.allows("malware"));
        assert!(target.allows("ipv4-addr"));
        assert!(!target.allows("relationship"));
        assert!(!target.allows("marking-definition"));
        let created_by = reference_target("malware", "created_by_ref").unwrap();
        assert!(!created_by.allows("malware"));
    }
}
