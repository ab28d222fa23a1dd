//! The hub's policy settings, kept in the store's settings table so that every hub process
//! sharing a store applies the same rules: the default TLP, the hub's own identity, each
//! organization's attribution choice and its own domains and names (what the scrubber
//! removes from its posts), and each collection's AMBER audience and public switch.
//! `ward admin` writes them through these functions; the hub reads them.

use serde::Serialize;
use ward_stix::tlp::Tlp;
use ward_store::Store;

use crate::PolicyError;

const DEFAULT_TLP: &str = "hub.default_tlp";
const HUB_IDENTITY: &str = "hub.identity";
const HUB_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x8d2c_41f6_0b7e_4a53_b1c9_52e0_7f3a_9d14);

fn org_key(org_id: &str, what: &str) -> String {
    format!("org.{org_id}.{what}")
}

fn collection_key(collection_id: &str, what: &str) -> String {
    format!("collection.{collection_id}.{what}")
}

/// Whether an organization's name goes out with what it shares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// The hub's identity replaces the submitter's in everything served (the default).
    #[default]
    Anonymous,
    /// The submitter's identity is served as posted.
    Named,
}

impl Attribution {
    pub fn parse(text: &str) -> Result<Attribution, PolicyError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "anonymous" => Ok(Attribution::Anonymous),
            "named" => Ok(Attribution::Named),
            _ => Err(PolicyError::Setting {
                what: "attribution".into(),
                value: text.into(),
                expected: "named or anonymous",
            }),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Attribution::Anonymous => "anonymous",
            Attribution::Named => "named",
        }
    }
}

/// An organization's policy settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OrgSettings {
    pub attribution: Attribution,
    /// Its own DNS domains: removed from what it posts.
    pub domains: Vec<String>,
    /// Its own names: removed from what it posts.
    pub names: Vec<String>,
}

/// A collection's policy settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CollectionSettings {
    /// Readers without credentials get its TLP:CLEAR objects.
    pub public: bool,
    /// Organization ids that read its AMBER objects (besides each object's submitter).
    pub amber: Vec<String>,
}

fn list(store: &dyn Store, key: &str) -> Result<Vec<String>, PolicyError> {
    match store.setting(key)? {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(&text).map_err(|_| PolicyError::Corrupt {
            key: key.to_string(),
            expected: "a JSON list of strings",
        }),
    }
}

fn set_list(store: &dyn Store, key: &str, values: &[String]) -> Result<(), PolicyError> {
    if values.is_empty() {
        return Ok(store.set_setting(key, None)?);
    }
    let text = serde_json::to_string(values).map_err(|_| PolicyError::Corrupt {
        key: key.to_string(),
        expected: "a list of strings",
    })?;
    Ok(store.set_setting(key, Some(&text))?)
}

pub fn org_settings(store: &dyn Store, org_id: &str) -> Result<OrgSettings, PolicyError> {
    let attribution = match store.setting(&org_key(org_id, "attribution"))? {
        Some(text) => Attribution::parse(&text)?,
        None => Attribution::Anonymous,
    };
    Ok(OrgSettings {
        attribution,
        domains: list(store, &org_key(org_id, "domains"))?,
        names: list(store, &org_key(org_id, "names"))?,
    })
}

pub fn collection_settings(
    store: &dyn Store,
    collection_id: &str,
) -> Result<CollectionSettings, PolicyError> {
    Ok(CollectionSettings {
        public: store
            .setting(&collection_key(collection_id, "public"))?
            .as_deref()
            == Some("true"),
        amber: list(store, &collection_key(collection_id, "amber"))?,
    })
}

/// The level of objects without a TLP marking (GREEN unless the operator set another).
pub fn default_tlp(store: &dyn Store) -> Result<Tlp, PolicyError> {
    match store.setting(DEFAULT_TLP)? {
        None => Ok(Tlp::Green),
        Some(text) => Tlp::parse(&text).ok_or(PolicyError::Corrupt {
            key: DEFAULT_TLP.into(),
            expected: "a TLP level",
        }),
    }
}

pub fn set_default_tlp(store: &dyn Store, level: Tlp) -> Result<(), PolicyError> {
    Ok(store.set_setting(DEFAULT_TLP, Some(tlp_name(level)))?)
}

/// A level as the setting holds it and `ward admin policy default-tlp` takes it.
pub fn tlp_name(level: Tlp) -> &'static str {
    match level {
        Tlp::Clear => "clear",
        Tlp::Green => "green",
        Tlp::Amber => "amber",
        Tlp::AmberStrict => "amber+strict",
        Tlp::Red => "red",
    }
}

/// The STIX identity the hub serves in place of anonymous submitters, created on first use.
pub fn hub_identity(store: &dyn Store) -> Result<String, PolicyError> {
    if let Some(id) = store.setting(HUB_IDENTITY)? {
        return Ok(id);
    }
    let id = format!("identity--{}", uuid::Uuid::new_v4());
    if let Err(e) = store.set_setting(HUB_IDENTITY, Some(&id)) {
        // A store without settings still needs one identity shared by all its processes:
        // derive it from the store's cursor key (a one-way hash of a secret).
        let key = store.signing_key().map_err(|_| e)?;
        return Ok(format!(
            "identity--{}",
            uuid::Uuid::new_v5(&HUB_NAMESPACE, &key)
        ));
    }
    // Two processes may race on first start: whichever write landed last is the answer for
    // both, and neither has served anything yet.
    Ok(store.setting(HUB_IDENTITY)?.unwrap_or(id))
}

fn org_id(store: &dyn Store, name: &str) -> Result<String, PolicyError> {
    store
        .orgs()?
        .into_iter()
        .find(|o| o.name == name)
        .map(|o| o.id)
        .ok_or_else(|| PolicyError::UnknownOrg(name.to_string()))
}

/// What `ward admin org add|set` may change; `None` leaves a setting as it is.
#[derive(Clone, Debug, Default)]
pub struct OrgChange {
    pub attribution: Option<Attribution>,
    pub domains: Option<Vec<String>>,
    pub names: Option<Vec<String>>,
}

/// Applies `change` to the organization named `org_name`; returns the result. Domains and
/// names are checked the way the scrubber will use them.
pub fn change_org(
    store: &dyn Store,
    org_name: &str,
    change: &OrgChange,
) -> Result<OrgSettings, PolicyError> {
    let id = org_id(store, org_name)?;
    if change.domains.is_some() || change.names.is_some() {
        let current = org_settings(store, &id)?;
        ward_scrub::Scrubber::new(ward_scrub::ScrubConfig {
            org_domains: change.domains.clone().unwrap_or(current.domains),
            org_names: change.names.clone().unwrap_or(current.names),
            ..Default::default()
        })?;
    }
    if let Some(a) = change.attribution {
        store.set_setting(&org_key(&id, "attribution"), Some(a.as_str()))?;
    }
    if let Some(d) = &change.domains {
        set_list(store, &org_key(&id, "domains"), d)?;
    }
    if let Some(n) = &change.names {
        set_list(store, &org_key(&id, "names"), n)?;
    }
    org_settings(store, &id)
}

/// The settings a new organization starts with, checked as [`change_org`] checks them, keyed
/// with `{org}` where its id goes (the store writes them with the organization, in the same
/// transaction, so a bad setting leaves no organization behind).
pub fn new_org_settings(change: &OrgChange) -> Result<Vec<(String, String)>, PolicyError> {
    let mut out = Vec::new();
    if change.domains.is_some() || change.names.is_some() {
        ward_scrub::Scrubber::new(ward_scrub::ScrubConfig {
            org_domains: change.domains.clone().unwrap_or_default(),
            org_names: change.names.clone().unwrap_or_default(),
            ..Default::default()
        })?;
    }
    if let Some(a) = change.attribution {
        out.push((org_key("{org}", "attribution"), a.as_str().to_string()));
    }
    for (what, values) in [("domains", &change.domains), ("names", &change.names)] {
        if let Some(values) = values.as_ref().filter(|v| !v.is_empty()) {
            let text = serde_json::to_string(values).map_err(|_| PolicyError::Corrupt {
                key: org_key("{org}", what),
                expected: "a list of strings",
            })?;
            out.push((org_key("{org}", what), text));
        }
    }
    Ok(out)
}

/// The start of every setting key of one organization (removed with it).
pub fn org_settings_prefix(org_id: &str) -> String {
    org_key(org_id, "")
}

/// The start of every setting key of one collection (removed with it).
pub fn collection_settings_prefix(collection_id: &str) -> String {
    collection_key(collection_id, "")
}

/// What `ward admin collection add|set` may change; `None` leaves a setting as it is.
#[derive(Clone, Debug, Default)]
pub struct CollectionChange {
    pub public: Option<bool>,
    /// Organization names.
    pub amber: Option<Vec<String>>,
}

pub fn change_collection(
    store: &dyn Store,
    collection_id: &str,
    change: &CollectionChange,
) -> Result<CollectionSettings, PolicyError> {
    if store.collection(collection_id)?.is_none() {
        return Err(PolicyError::UnknownCollection(collection_id.to_string()));
    }
    for (key, value) in collection_change_settings(store, collection_id, change)? {
        store.set_setting(&key, value.as_deref())?;
    }
    collection_settings(store, collection_id)
}

/// The settings a [`CollectionChange`] writes (`None` removes one), checked (every AMBER
/// organization named must exist) before anything is written, for a caller that writes them
/// in the same commit as other changes ([`ward_store::MemberChange::SetCollectionAccess`]).
pub fn collection_change_settings(
    store: &dyn Store,
    collection_id: &str,
    change: &CollectionChange,
) -> Result<Vec<(String, Option<String>)>, PolicyError> {
    let mut out = Vec::new();
    if let Some(names) = &change.amber {
        let ids = names
            .iter()
            .map(|n| org_id(store, n))
            .collect::<Result<Vec<_>, _>>()?;
        let key = collection_key(collection_id, "amber");
        let value = if ids.is_empty() {
            None
        } else {
            Some(
                serde_json::to_string(&ids).map_err(|_| PolicyError::Corrupt {
                    key: key.clone(),
                    expected: "a list of strings",
                })?,
            )
        };
        out.push((key, value));
    }
    if let Some(public) = change.public {
        out.push((
            collection_key(collection_id, "public"),
            public.then(|| "true".to_string()),
        ));
    }
    Ok(out)
}

/// Every policy setting, by name, for `ward admin policy show`.
pub fn describe(store: &dyn Store) -> Result<serde_json::Value, PolicyError> {
    let orgs = store.orgs()?;
    let name_of = |id: &String| {
        orgs.iter()
            .find(|o| &o.id == id)
            .map_or_else(|| id.clone(), |o| o.name.clone())
    };
    let mut org_rows = Vec::new();
    for o in &orgs {
        let s = org_settings(store, &o.id)?;
        org_rows.push(serde_json::json!({
            "name": o.name, "id": o.id, "attribution": s.attribution,
            "domains": s.domains, "names": s.names,
        }));
    }
    let mut collection_rows = Vec::new();
    for c in store.collections()? {
        let s = collection_settings(store, &c.id)?;
        let amber: Vec<String> = s.amber.iter().map(name_of).collect();
        collection_rows.push(serde_json::json!({
            "id": c.id, "title": c.title, "public": s.public, "amber": amber,
        }));
    }
    Ok(serde_json::json!({
        "default_tlp": default_tlp(store)?.to_string(),
        "hub_identity": store.setting(HUB_IDENTITY)?,
        "organizations": org_rows,
        "collections": collection_rows,
    }))
}
