//! The third parties a member depends on (`ward vendors`): its EHR host, billing
//! clearinghouse, managed service provider, device makers, cloud services, and the vendor
//! column of its latest inventory. Kept in the local store's settings (as the journal and
//! the share queue are): listed vendors under [`LISTED_PREFIX`], the inventory's under
//! [`INVENTORY_PREFIX`], each keyed by its normalised name, so "Change Healthcare Inc." and
//! "change healthcare" are one entry.
//!
//! [`mentions`] reads STIX objects for intel that names one of them. False positives cost a
//! clinic a morning, so the rules are strict:
//! - an `identity` counts when its normalised name is the vendor's; it alone says nothing
//!   happened, so it becomes a mention only when a threat object refers to it (a
//!   relationship such as `targets`, a report's `object_refs`) or it is the vendor of a
//!   member's vendor incident notice (`x_ward_vendor_notice`);
//! - a `report`, `campaign`, `incident`, `intrusion-set` or `vulnerability` counts when its
//!   name or description contains the vendor's whole name, word for word (corporate words
//!   such as "Inc." aside), and that name has at least two words: a vendor called "Epic" is
//!   never found in free text (the word "epic" is too common), only through an identity
//!   named "Epic" that the intel ties to the event.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ward_exposure::names::{folded_words, vendor_key, vendor_phrase};
use ward_stix::StixObject;
use ward_store::Store;

/// Settings prefix of the vendors listed with `ward vendors add`.
pub const LISTED_PREFIX: &str = "vendors/listed/";
/// Settings prefix of the vendors named by the latest inventory's `vendor` column.
pub const INVENTORY_PREFIX: &str = "vendors/inventory/";
/// Settings prefix of the (vendor, object) pairs `ward watch` already alerted on.
pub const ALERTED_PREFIX: &str = "vendors/alerted/";

/// The STIX types whose name or description can report something about a vendor.
const THREAT_TYPES: &[&str] = &[
    "report",
    "campaign",
    "incident",
    "intrusion-set",
    "vulnerability",
    "malware",
    "threat-actor",
];

/// Every type [`mentions`] reads: what to ask the local intel for.
pub const READ_TYPES: &[&str] = &[
    "report",
    "campaign",
    "incident",
    "intrusion-set",
    "vulnerability",
    "malware",
    "threat-actor",
    "identity",
    "relationship",
];

/// The objects [`mentions`] reads from the local intel on `store` (indicators and
/// observables, most of the store, are never parsed).
pub fn intel_objects(
    data: &crate::DataDir,
    store: std::sync::Arc<dyn Store>,
) -> Result<Vec<StixObject>, crate::MemberError> {
    data.local_intel_on(store)?
        .objects_of_types(READ_TYPES)
        .map_err(crate::MemberError::ReadLocal)
}

/// Why the vendor list cannot be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum VendorError {
    #[error("the vendor list in the local store: {0}")]
    Store(String),
    #[error("the vendor list's entry {key:?} is not what ward wrote there (remove it with `ward vendors remove`)")]
    Corrupt {
        key: String,
        source: serde_json::Error,
    },
    #[error("vendor name {0:?}: expected a company name such as \"Change Healthcare\" (it has no letters or digits besides corporate words)")]
    EmptyName(String),
    #[error("serializing a vendor")]
    Serialize(#[source] serde_json::Error),
}

/// What a vendor does for the organization, which decides what an incident there breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VendorKind {
    Clearinghouse,
    Ehr,
    Msp,
    Device,
    Cloud,
    Other,
}

impl VendorKind {
    /// Every kind, as `--kind` takes it.
    pub const NAMES: &'static [&'static str] =
        &["clearinghouse", "ehr", "msp", "device", "cloud", "other"];

    /// `clearinghouse`, `ehr`... (the `--kind` value).
    pub fn name(self) -> &'static str {
        match self {
            VendorKind::Clearinghouse => "clearinghouse",
            VendorKind::Ehr => "ehr",
            VendorKind::Msp => "msp",
            VendorKind::Device => "device",
            VendorKind::Cloud => "cloud",
            VendorKind::Other => "other",
        }
    }

    /// The `--kind` value back; `None` when it is none of [`VendorKind::NAMES`].
    pub fn parse(text: &str) -> Option<VendorKind> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "clearinghouse" => VendorKind::Clearinghouse,
            "ehr" => VendorKind::Ehr,
            "msp" => VendorKind::Msp,
            "device" => VendorKind::Device,
            "cloud" => VendorKind::Cloud,
            "other" => VendorKind::Other,
            _ => return None,
        })
    }
}

/// One vendor the organization depends on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vendor {
    /// As the member wrote it.
    pub name: String,
    /// The normalised name (the exposure crate's vendor key): what entries are keyed by.
    pub key: String,
    pub kind: VendorKind,
    /// Whom to call there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The day it was listed (YYYY-MM-DD).
    pub added: String,
    /// Listed by the latest inventory's `vendor` column rather than `ward vendors add`.
    #[serde(default)]
    pub from_inventory: bool,
}

impl Vendor {
    /// A vendor named `name`; an error when the name normalises to nothing.
    pub fn new(
        name: &str,
        kind: VendorKind,
        contact: Option<&str>,
        added: &str,
    ) -> Result<Vendor, VendorError> {
        let key = normalise(name)?;
        Ok(Vendor {
            name: name.trim().to_string(),
            key,
            kind,
            contact: contact
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            added: added.to_string(),
            from_inventory: false,
        })
    }

    /// The words free text must hold to name this vendor, when it may be found in free text
    /// at all (two words or more).
    fn phrases(&self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::new();
        for text in [vendor_phrase(&self.name), self.key.clone()] {
            let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            if words.len() >= 2 && !out.contains(&words) {
                out.push(words);
            }
        }
        out
    }
}

/// The normalised name of a vendor: the key the lists, the hub and the matching use.
pub fn normalise(name: &str) -> Result<String, VendorError> {
    let key = vendor_key(name);
    if key.trim().is_empty() {
        return Err(VendorError::EmptyName(name.to_string()));
    }
    Ok(key)
}

fn store_error(e: impl std::fmt::Display) -> VendorError {
    VendorError::Store(e.to_string())
}

fn read(store: &dyn Store, prefix: &str) -> Result<Vec<Vendor>, VendorError> {
    store
        .settings(prefix)
        .map_err(store_error)?
        .into_iter()
        .map(|(key, value)| {
            serde_json::from_str(&value).map_err(|source| VendorError::Corrupt { key, source })
        })
        .collect()
}

/// Lists `vendor` (replacing an entry with the same normalised name); returns the entry it
/// replaced.
pub fn add(store: &dyn Store, vendor: &Vendor) -> Result<Option<Vendor>, VendorError> {
    let key = format!("{LISTED_PREFIX}{}", vendor.key);
    let before = match store.setting(&key).map_err(store_error)? {
        Some(text) => serde_json::from_str(&text).ok(),
        None => None,
    };
    let text = serde_json::to_string(vendor).map_err(VendorError::Serialize)?;
    store.set_setting(&key, Some(&text)).map_err(store_error)?;
    Ok(before)
}

/// Removes the listed vendor whose normalised name is `name`'s; the entry removed, if any.
pub fn remove(store: &dyn Store, name: &str) -> Result<Option<Vendor>, VendorError> {
    let key = format!("{LISTED_PREFIX}{}", normalise(name)?);
    let Some(text) = store.setting(&key).map_err(store_error)? else {
        return Ok(None);
    };
    store.set_setting(&key, None).map_err(store_error)?;
    Ok(serde_json::from_str(&text).ok())
}

/// Every vendor depended on: those listed, then the inventory's not listed, each by name.
pub fn list(store: &dyn Store) -> Result<Vec<Vendor>, VendorError> {
    let mut all = read(store, LISTED_PREFIX)?;
    let listed: BTreeSet<String> = all.iter().map(|v| v.key.clone()).collect();
    all.extend(
        read(store, INVENTORY_PREFIX)?
            .into_iter()
            .filter(|v| !listed.contains(&v.key)),
    );
    Ok(all)
}

/// Replaces the vendors the inventory names (the `vendor` column of the latest `ward
/// exposure` run) with `names`, as device makers. Returns how many distinct vendors.
pub fn set_inventory(store: &dyn Store, names: &[&str], day: &str) -> Result<usize, VendorError> {
    let mut wanted: BTreeMap<String, Vendor> = BTreeMap::new();
    for name in names {
        if let Ok(mut v) = Vendor::new(name, VendorKind::Device, None, day) {
            v.from_inventory = true;
            wanted.entry(v.key.clone()).or_insert(v);
        }
    }
    for (key, _) in store.settings(INVENTORY_PREFIX).map_err(store_error)? {
        let still = key
            .strip_prefix(INVENTORY_PREFIX)
            .is_some_and(|k| wanted.contains_key(k));
        if !still {
            store.set_setting(&key, None).map_err(store_error)?;
        }
    }
    for (key, vendor) in &wanted {
        let text = serde_json::to_string(vendor).map_err(VendorError::Serialize)?;
        store
            .set_setting(&format!("{INVENTORY_PREFIX}{key}"), Some(&text))
            .map_err(store_error)?;
    }
    Ok(wanted.len())
}

/// One object of intel naming one vendor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The vendor's normalised name.
    pub vendor_key: String,
    pub object_id: String,
    pub object_type: String,
    pub name: String,
    /// How it names the vendor, in plain words.
    pub how: String,
    /// The object's version (`modified`, else `created`), in seconds, when it has one.
    pub secs: Option<i64>,
    /// An incident, or a member's vendor incident notice.
    pub incident: bool,
}

fn text_of<'a>(o: &'a StixObject, key: &str) -> &'a str {
    o.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `needle` appears in `words` as consecutive whole words.
fn contains_words(words: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && words.windows(needle.len()).any(|w| w == needle)
}

/// The vendor a notice (`x_ward_vendor_notice`) is about: its `vendor` member, or the
/// object itself as a string.
pub fn notice_vendor(o: &serde_json::Map<String, Value>) -> Option<&str> {
    match o.get("x_ward_vendor_notice")? {
        Value::String(s) => Some(s.as_str()),
        Value::Object(m) => m.get("vendor").and_then(Value::as_str),
        _ => None,
    }
}

/// Every (vendor, object) pair in `objects` that names one of `vendors` by the rules of this
/// module's documentation. Revoked objects are left out.
// Long because: one pass per rule (identities, references, notices, free text), each short.
pub fn mentions(vendors: &[Vendor], objects: &[StixObject]) -> Vec<Mention> {
    let by_key: BTreeMap<&str, &Vendor> = vendors.iter().map(|v| (v.key.as_str(), v)).collect();
    let live: Vec<&StixObject> = objects.iter().filter(|o| !o.revoked()).collect();
    // Identities named like a vendor: id → vendor key.
    let mut identities: BTreeMap<&str, &str> = BTreeMap::new();
    for o in &live {
        if o.object_type() == "identity" {
            let key = vendor_key(text_of(o, "name"));
            if let Some((k, _)) = by_key.get_key_value(key.as_str()) {
                identities.insert(o.id(), k);
            }
        }
    }
    let by_id: BTreeMap<&str, &StixObject> = live.iter().map(|o| (o.id(), *o)).collect();
    let mut found: BTreeMap<(String, String), Mention> = BTreeMap::new();
    let mut note = |vendor: &str, o: &StixObject, how: String| {
        let incident = o.object_type() == "incident" || o.get("x_ward_vendor_notice").is_some();
        found
            .entry((vendor.to_string(), o.id().to_string()))
            .or_insert_with(|| Mention {
                vendor_key: vendor.to_string(),
                object_id: o.id().to_string(),
                object_type: o.object_type().to_string(),
                name: text_of(o, "name").to_string(),
                how,
                secs: o.version().map(|t| t.secs),
                incident,
            });
    };
    for o in &live {
        let kind = o.object_type();
        // A relationship from a threat object to a vendor's identity.
        if kind == "relationship" {
            let (source, target) = (text_of(o, "source_ref"), text_of(o, "target_ref"));
            if let (Some(vendor), Some(from)) = (identities.get(target), by_id.get(source)) {
                if THREAT_TYPES.contains(&from.object_type()) {
                    let how = format!("{} it", text_of(o, "relationship_type").replace('-', " "));
                    note(vendor, from, how);
                }
            }
            continue;
        }
        if !THREAT_TYPES.contains(&kind) {
            continue;
        }
        // A notice names its vendor outright.
        if let Some(name) = notice_vendor(o.members()) {
            let key = vendor_key(name);
            if let Some((k, _)) = by_key.get_key_value(key.as_str()) {
                note(k, o, "is a member's incident notice about it".to_string());
            }
        }
        // A report that refers to the vendor's identity.
        if let Some(refs) = o.get("object_refs").and_then(Value::as_array) {
            for r in refs.iter().filter_map(Value::as_str) {
                if let Some(vendor) = identities.get(r) {
                    note(vendor, o, "refers to it".to_string());
                }
            }
        }
        // The vendor's whole name in the name or description.
        let words = folded_words(&format!(
            "{} . {}",
            text_of(o, "name"),
            text_of(o, "description")
        ));
        for vendor in vendors {
            if vendor.phrases().iter().any(|p| contains_words(&words, p)) {
                note(&vendor.key, o, "names it".to_string());
            }
        }
    }
    found.into_values().collect()
}

/// The mentions `ward watch` has not alerted on yet; each is marked alerted as it is
/// returned, so a restart repeats none.
pub fn unalerted(store: &dyn Store, found: Vec<Mention>) -> Result<Vec<Mention>, VendorError> {
    let mut out = Vec::new();
    for m in found {
        let key = format!("{ALERTED_PREFIX}{}|{}", m.vendor_key, m.object_id);
        if store.setting(&key).map_err(store_error)?.is_some() {
            continue;
        }
        store
            .set_setting(&key, Some(&crate::journal::now().to_string()))
            .map_err(store_error)?;
        out.push(m);
    }
    Ok(out)
}

/// The sentence an alert says for a mention.
pub fn alert_sentence(vendor: &Vendor, m: &Mention) -> String {
    let what = if m.name.is_empty() {
        m.object_id.clone()
    } else {
        format!("\"{}\"", m.name)
    };
    let call = vendor
        .contact
        .as_ref()
        .map(|c| format!(" Call {c}."))
        .unwrap_or_default();
    format!(
        "New intel names your {} {}: {} {what} {}. Check the access it has into your network \
         and be ready to cut it off; `ward report` lists what to do.{call}",
        kind_words(vendor.kind),
        vendor.name,
        m.object_type,
        m.how
    )
}

/// "clearinghouse", "EHR host"... for sentences.
pub fn kind_words(kind: VendorKind) -> &'static str {
    match kind {
        VendorKind::Clearinghouse => "clearinghouse",
        VendorKind::Ehr => "EHR host",
        VendorKind::Msp => "managed service provider",
        VendorKind::Device => "device maker",
        VendorKind::Cloud => "cloud service",
        VendorKind::Other => "vendor",
    }
}

impl crate::DataDir {
    /// Counts the vendors of an inventory's `vendor` column as dependencies (device makers),
    /// replacing those of the previous `ward exposure` run. Returns how many distinct vendors.
    pub fn save_inventory_vendors(
        &self,
        inventory: &ward_exposure::Inventory,
        day: &str,
    ) -> Result<usize, crate::MemberError> {
        let names: Vec<&str> = inventory
            .assets
            .iter()
            .map(|a| a.vendor.as_str())
            .filter(|v| !v.trim().is_empty())
            .collect();
        Ok(set_inventory(self.open_store()?.as_ref(), &names, day)?)
    }
}

/// How many days intel naming a vendor (a member's incident notice included) keeps making
/// plan actions and alerts, unless `ward vendors max-age` set another number.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 30;
/// Settings key of the number `ward vendors max-age` set.
pub const MAX_AGE_KEY: &str = "vendors/max_age_days";
/// The longest max age accepted (ten years).
pub const MAX_AGE_LIMIT: u32 = 3650;

/// How many days intel naming a vendor keeps making plan actions and alerts.
pub fn max_age_days(store: &dyn Store) -> Result<u32, VendorError> {
    ward_store::days_setting(
        store,
        MAX_AGE_KEY,
        DEFAULT_MAX_AGE_DAYS,
        MAX_AGE_LIMIT,
        "ward vendors max-age DAYS",
    )
    .map_err(store_error)
}

/// Sets [`max_age_days`]: 1 to [`MAX_AGE_LIMIT`] days.
pub fn set_max_age_days(store: &dyn Store, days: u32) -> Result<(), VendorError> {
    if !(1..=MAX_AGE_LIMIT).contains(&days) {
        return Err(VendorError::Store(format!(
            "max age {days}: expected 1 to {MAX_AGE_LIMIT} days"
        )));
    }
    store
        .set_setting(MAX_AGE_KEY, Some(&days.to_string()))
        .map_err(store_error)
}

/// The first second (since the epoch) of intel still current at `end` under `days` of max
/// age: older intel, a notice included, makes no plan action and no alert.
pub fn current_since(end: i64, days: u32) -> i64 {
    end - i64::from(days) * 86_400
}

/// The vendors recent intel on `store` names, for the plan made at `end` (seconds): intel
/// dated within [`max_age_days`] before it (or undated), grouped by vendor, newest first.
pub(crate) fn plan_mentions(
    store: std::sync::Arc<dyn Store>,
    data: &crate::DataDir,
    end: i64,
) -> Result<Vec<ward_plan::input::VendorMention>, crate::MemberError> {
    let vendors = list(store.as_ref())?;
    if vendors.is_empty() {
        return Ok(Vec::new());
    }
    let since = current_since(end, max_age_days(store.as_ref())?);
    let objects = intel_objects(data, store)?;
    let mut by_vendor: BTreeMap<String, Vec<Mention>> = BTreeMap::new();
    for m in mentions(&vendors, &objects) {
        if m.secs.is_none_or(|s| s >= since && s <= end) {
            by_vendor.entry(m.vendor_key.clone()).or_default().push(m);
        }
    }
    let mut out = Vec::new();
    for vendor in &vendors {
        let Some(mut found) = by_vendor.remove(&vendor.key) else {
            continue;
        };
        found.sort_by(|a, b| {
            b.secs
                .cmp(&a.secs)
                .then_with(|| a.object_id.cmp(&b.object_id))
        });
        out.push(ward_plan::input::VendorMention {
            vendor: vendor.name.clone(),
            kind: vendor.kind.name().to_string(),
            contact: vendor.contact.clone(),
            intel: found
                .into_iter()
                .map(|m| ward_plan::input::VendorIntel {
                    id: m.object_id,
                    object_type: m.object_type,
                    name: m.name,
                    how: m.how,
                    date: m
                        .secs
                        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                        .map(|t| t.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    incident: m.incident,
                })
                .collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> StixObject {
        StixObject::from_value(v).unwrap()
    }

    fn vendor(name: &str, kind: VendorKind) -> Vendor {
        Vendor::new(name, kind, Some("Account manager 555-0100"), "2026-12-01").unwrap()
    }

    const T: &str = "2026-12-01T10:00:00.000Z";

    #[test]
    fn every_type_the_rules_look_at_is_read() {
        for t in THREAT_TYPES.iter().chain(&["identity", "relationship"]) {
            assert!(READ_TYPES.contains(t), "{t}");
        }
    }

    #[test]
    fn names_normalise_to_one_key() {
        assert_eq!(
            normalise("Change Healthcare Inc.").unwrap(),
            "change healthcare"
        );
        assert_eq!(
            normalise("  change   healthcare ").unwrap(),
            "change healthcare"
        );
        assert!(matches!(normalise("Inc."), Err(VendorError::EmptyName(_))));
        assert_eq!(VendorKind::parse("EHR"), Some(VendorKind::Ehr));
        assert_eq!(VendorKind::parse("bank"), None);
    }

    #[test]
    fn the_list_keeps_one_entry_per_name_and_the_inventory_apart() {
        let dir = tempfile::tempdir().unwrap();
        let store = ward_store::SqliteStore::open(dir.path()).unwrap();
        add(
            &store,
            &vendor("Change Healthcare Inc.", VendorKind::Clearinghouse),
        )
        .unwrap();
        let again = add(
            &store,
            &vendor("change healthcare", VendorKind::Clearinghouse),
        )
        .unwrap();
        assert!(again.is_some(), "the same vendor replaced");
        set_inventory(
            &store,
            &["Philips Healthcare", "Change Healthcare", "Philips"],
            "2026-12-02",
        )
        .unwrap();
        let all = list(&store).unwrap();
        let keys: Vec<&str> = all.iter().map(|v| v.key.as_str()).collect();
        assert_eq!(keys, ["change healthcare", "philips"]);
        assert!(all[1].from_inventory);
        set_inventory(&store, &[], "2026-12-03").unwrap();
        assert_eq!(list(&store).unwrap().len(), 1);
        assert!(remove(&store, "CHANGE HEALTHCARE, Inc").unwrap().is_some());
        assert!(remove(&store, "Change Healthcare").unwrap().is_none());
        store
            .set_setting(&format!("{LISTED_PREFIX}x"), Some("{"))
            .unwrap();
        assert!(matches!(list(&store), Err(VendorError::Corrupt { .. })));
    }

    #[test]
    fn a_report_naming_the_whole_name_matches() {
        let v = vec![vendor("Change Healthcare", VendorKind::Clearinghouse)];
        let r = obj(json!({"type": "report", "spec_version": "2.1",
            "id": "report--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b001", "created": T, "modified": T,
            "name": "Ransomware at a clearinghouse", "published": T,
            "description": "Change Healthcare, Inc. systems were encrypted.",
            "object_refs": ["identity--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b002"]}));
        let m = mentions(&v, &[r]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].how, "names it");
        assert_eq!(m[0].vendor_key, "change healthcare");
    }

    #[test]
    fn a_one_word_vendor_is_not_found_in_free_text() {
        let v = vec![
            vendor("Epic", VendorKind::Ehr),
            vendor("Epic Systems Corporation", VendorKind::Ehr),
        ];
        let r = obj(json!({"type": "report", "spec_version": "2.1",
            "id": "report--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b003", "created": T, "modified": T,
            "name": "An epic phishing wave", "published": T,
            "description": "An epic campaign against billing systems of small clinics.",
            "object_refs": ["identity--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b002"]}));
        assert!(mentions(&v, &[r]).is_empty());
    }

    #[test]
    fn an_identity_counts_only_when_the_intel_ties_it_to_an_event() {
        let v = vec![vendor("Epic", VendorKind::Ehr)];
        let identity = obj(json!({"type": "identity", "spec_version": "2.1",
            "id": "identity--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b010", "created": T, "modified": T,
            "name": "Epic", "identity_class": "organization"}));
        let campaign = obj(json!({"type": "campaign", "spec_version": "2.1",
            "id": "campaign--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b011", "created": T, "modified": T,
            "name": "Winter credential theft"}));
        let rel = obj(json!({"type": "relationship", "spec_version": "2.1",
            "id": "relationship--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b012", "created": T, "modified": T,
            "relationship_type": "targets",
            "source_ref": "campaign--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b011",
            "target_ref": "identity--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b010"}));
        assert!(mentions(&v, &[identity.clone(), campaign.clone()]).is_empty());
        let m = mentions(&v, &[identity, campaign, rel]);
        assert_eq!(m.len(), 1);
        assert_eq!(
            (m[0].object_type.as_str(), m[0].how.as_str()),
            ("campaign", "targets it")
        );
    }

    #[test]
    fn a_notice_names_its_vendor() {
        let v = vec![vendor("Change Healthcare", VendorKind::Clearinghouse)];
        let r = obj(json!({"type": "report", "spec_version": "2.1",
            "id": "report--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b020", "created": T, "modified": T,
            "name": "Vendor incident", "published": T,
            "x_ward_vendor_notice": {"vendor": "Change Healthcare Inc"},
            "object_refs": ["identity--0b8f4b0e-7a4c-4c55-9d5e-2a9a4bb6b002"]}));
        let m = mentions(&v, &[r]);
        assert_eq!(m.len(), 1);
        assert!(m[0].incident);
    }
}
