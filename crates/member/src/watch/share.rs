//! `watch.toml`'s `[share]` section and what `ward watch` shares back: every period, one STIX
//! bundle of sightings counts of the indicators that alerted in it.
//!
//! A sighting says only which indicator was seen, how often and between when: never the
//! machine, the local address or the file. Those are the member's own and are not needed for
//! "seen by N members this week". The counts are kept in the member store (settings under
//! [`SIGHTINGS_PREFIX`]) as alerts happen, so a restart between two periods loses none.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ward_stix::Timestamp;
use ward_store::Store;

/// Key prefix of the running counts in the store's settings; the indicator id follows.
pub const SIGHTINGS_PREFIX: &str = "watch/sightings/";
/// The period when `every` is not given.
pub const DEFAULT_EVERY: Duration = Duration::from_secs(3600);
/// STIX caps a sighting's count at this.
const MAX_COUNT: u64 = 999_999_999;
/// The namespace of sighting and bundle ids derived from their content, so a payload built
/// again from the same counts is the same object on the hub.
const SIGHTING_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x3c9e_51d2_7a40_4b8e_a1f6_5d02_c7e4_9b18);

/// `mode` in `[share]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShareMode {
    /// Nothing is shared (the default: sharing is opt-in).
    #[default]
    Off,
    /// Each period's sightings wait in `ward share queue` for a person to approve.
    Queue,
    /// Each period's sightings are sent; a failure is retried the next period.
    Auto,
}

/// `[share]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShare {
    #[serde(default)]
    mode: ShareMode,
    to: Option<String>,
    collection: Option<String>,
    token_file: Option<PathBuf>,
    ca_cert: Option<PathBuf>,
    every: Option<String>,
}

/// A checked `[share]` whose mode is `queue` or `auto`, paths resolved against the data
/// folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareConfig {
    pub mode: ShareMode,
    /// The hub's TAXII API root.
    pub to: String,
    pub collection: String,
    /// The file holding the hub token (auto mode; read each period, so it can be replaced
    /// without a restart).
    pub token_file: Option<PathBuf>,
    pub ca_cert: Option<PathBuf>,
    pub every: Duration,
}

/// Checks `[share]`; `None` when sharing is off. Errors name the key (`share.to: ...`).
pub fn resolve(raw: Option<RawShare>, root: &Path) -> Result<Option<ShareConfig>, String> {
    let Some(raw) = raw else { return Ok(None) };
    let every = match &raw.every {
        Some(text) => parse_every(text).map_err(|e| format!("share.every: {e}"))?,
        None => DEFAULT_EVERY,
    };
    if raw.mode == ShareMode::Off {
        return Ok(None);
    }
    let mode = if raw.mode == ShareMode::Auto {
        "auto"
    } else {
        "queue"
    };
    let to = raw
        .to
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| format!("share.to: mode = \"{mode}\" needs the hub's TAXII API root, such as \"https://hub.example.org/taxii2/api/\""))?;
    if !(to.starts_with("https://") || to.starts_with("http://")) {
        return Err(format!(
            "share.to: expected an http:// or https:// URL, found \"{to}\""
        ));
    }
    let collection = raw
        .collection
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| format!("share.collection: mode = \"{mode}\" needs the collection id (`ward pull --from URL --list` lists them)"))?;
    if raw.mode == ShareMode::Auto && raw.token_file.is_none() {
        return Err("share.token_file: mode = \"auto\" needs a file holding the hub token (relative to the data folder); it is never written in watch.toml".into());
    }
    Ok(Some(ShareConfig {
        mode: raw.mode,
        to,
        collection,
        token_file: raw.token_file.map(|p| root.join(p)),
        ca_cert: raw.ca_cert.map(|p| root.join(p)),
        every,
    }))
}

impl ShareConfig {
    /// The hub token from `token_file` (surrounding white space dropped).
    pub fn read_token(&self) -> Result<Option<String>, String> {
        let Some(path) = &self.token_file else {
            return Ok(None);
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "share.token_file: {}: cannot read the hub token: {e}",
                path.display()
            )
        })?;
        let token = text.trim();
        if token.is_empty() {
            return Err(format!(
                "share.token_file: {}: empty; expected the token `ward admin token create` printed",
                path.display()
            ));
        }
        Ok(Some(token.to_string()))
    }
}

/// A period such as `30s`, `15m`, `1h` or `1d` (a bare number is seconds), at least 1 s.
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: u64 = number.parse().map_err(|_| {
        format!("expected a period such as \"1h\", \"15m\" or \"30s\", found \"{text}\"")
    })?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        "d" => n.saturating_mul(86_400),
        _ => {
            return Err(format!(
                "expected a period such as \"1h\", \"15m\" or \"30s\" (units s, m, h, d), found \"{text}\""
            ))
        }
    };
    if secs == 0 {
        return Err(format!(
            "expected a period of at least 1s, found \"{text}\""
        ));
    }
    Ok(Duration::from_secs(secs))
}

/// How often one indicator alerted in the current period, and between when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub count: u64,
    pub first_seen: String,
    pub last_seen: String,
}

fn key(indicator_id: &str) -> String {
    format!("{SIGHTINGS_PREFIX}{indicator_id}")
}

/// Counts one alert on `indicator_id` at `at`.
pub fn record_sighting(store: &dyn Store, indicator_id: &str, at: Timestamp) -> Result<(), String> {
    let at = at.with_precision(3).to_string();
    let key = key(indicator_id);
    let old = store.setting(&key).map_err(|e| e.to_string())?;
    let tally = match old.and_then(|v| serde_json::from_str::<Tally>(&v).ok()) {
        Some(mut t) => {
            t.count = t.count.saturating_add(1);
            t.last_seen = at;
            t
        }
        None => Tally {
            count: 1,
            first_seen: at.clone(),
            last_seen: at,
        },
    };
    let text = serde_json::to_string(&tally).map_err(|e| e.to_string())?;
    store
        .set_setting(&key, Some(&text))
        .map_err(|e| e.to_string())
}

/// The counts of the period now ending, by indicator id, and a fresh start for the next.
/// The caller keeps recording and taking apart (one lock), so no alert falls between.
pub fn take_sightings(store: &dyn Store) -> Result<BTreeMap<String, Tally>, String> {
    let mut out = BTreeMap::new();
    for (k, v) in store
        .settings(SIGHTINGS_PREFIX)
        .map_err(|e| e.to_string())?
    {
        store.set_setting(&k, None).map_err(|e| e.to_string())?;
        let Some(id) = k.strip_prefix(SIGHTINGS_PREFIX) else {
            continue;
        };
        // An unreadable count (written by another version) is dropped, not shared wrong.
        if let Ok(t) = serde_json::from_str::<Tally>(&v) {
            out.insert(id.to_string(), t);
        }
    }
    Ok(out)
}

/// One STIX bundle with a sighting per indicator: its id, count and first and last time
/// seen; nothing of where. `None` when nothing alerted.
pub fn sightings_bundle(tallies: &BTreeMap<String, Tally>, now: Timestamp) -> Option<Value> {
    if tallies.is_empty() {
        return None;
    }
    let created = now.with_precision(3).to_string();
    let mut objects = Vec::new();
    for (indicator, t) in tallies {
        let count = t.count.min(MAX_COUNT);
        let seed = format!("{indicator}|{count}|{}|{}", t.first_seen, t.last_seen);
        let id = uuid::Uuid::new_v5(&SIGHTING_NAMESPACE, seed.as_bytes());
        objects.push(json!({
            "type": "sighting",
            "spec_version": "2.1",
            "id": format!("sighting--{id}"),
            "created": created,
            "modified": created,
            "sighting_of_ref": indicator,
            "count": count,
            "first_seen": t.first_seen,
            "last_seen": t.last_seen,
        }));
    }
    let seed: String = objects
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect::<Vec<_>>()
        .join("|");
    let id = uuid::Uuid::new_v5(&SIGHTING_NAMESPACE, seed.as_bytes());
    Some(json!({"type": "bundle", "id": format!("bundle--{id}"), "objects": objects}))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Option<RawShare> {
        #[derive(Deserialize)]
        struct Doc {
            share: Option<RawShare>,
        }
        toml::from_str::<Doc>(text).unwrap().share
    }

    #[test]
    fn periods_read_as_people_write_them() {
        assert_eq!(parse_every("1h").unwrap(), Duration::from_secs(3600));
        assert_eq!(parse_every("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_every("2d").unwrap(), Duration::from_secs(172_800));
        assert_eq!(parse_every("1s").unwrap(), Duration::from_secs(1));
        assert!(parse_every("0s").is_err());
        assert!(parse_every("1w").unwrap_err().contains("1w"));
        assert!(parse_every("soon").is_err());
    }

    #[test]
    fn off_is_the_default_and_each_mode_asks_for_what_it_needs() {
        let root = Path::new("data");
        assert_eq!(resolve(None, root), Ok(None));
        assert_eq!(resolve(raw("[share]\n"), root), Ok(None));
        let e = resolve(raw("[share]\nmode = \"queue\"\n"), root).unwrap_err();
        assert!(e.starts_with("share.to:"), "{e}");
        let e = resolve(
            raw("[share]\nmode = \"auto\"\nto = \"https://h/taxii2/api/\"\ncollection = \"c\"\n"),
            root,
        )
        .unwrap_err();
        assert!(e.starts_with("share.token_file:"), "{e}");
        let e = resolve(
            raw("[share]\nmode = \"queue\"\nto = \"hub\"\ncollection = \"c\"\n"),
            root,
        )
        .unwrap_err();
        assert!(e.contains("http"), "{e}");
        let c = resolve(
            raw("[share]\nmode = \"auto\"\nto = \"https://h/taxii2/api/\"\ncollection = \"c\"\ntoken_file = \"hub.token\"\nevery = \"5m\"\n"),
            root,
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.token_file, Some(root.join("hub.token")));
        assert_eq!(c.every, Duration::from_secs(300));
    }

    #[test]
    fn counts_are_kept_and_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = ward_store::SqliteStore::open(dir.path()).unwrap();
        let t = |s: &str| Timestamp::parse(s).unwrap();
        let ind = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
        record_sighting(&store, ind, t("2026-12-03T10:00:00Z")).unwrap();
        record_sighting(&store, ind, t("2026-12-03T10:05:00Z")).unwrap();
        let taken = take_sightings(&store).unwrap();
        assert_eq!(
            taken[ind],
            Tally {
                count: 2,
                first_seen: "2026-12-03T10:00:00.000Z".into(),
                last_seen: "2026-12-03T10:05:00.000Z".into()
            }
        );
        assert!(take_sightings(&store).unwrap().is_empty(), "taken once");
        let bundle = sightings_bundle(&taken, t("2026-12-03T11:00:00Z")).unwrap();
        let s = &bundle["objects"][0];
        assert_eq!(s["sighting_of_ref"], ind);
        assert_eq!(s["count"], 2);
        assert_eq!(s["created"], "2026-12-03T11:00:00.000Z");
        assert_eq!(
            sightings_bundle(&taken, t("2026-12-03T11:00:00Z")),
            Some(bundle),
            "the same counts make the same objects"
        );
        assert!(sightings_bundle(&BTreeMap::new(), t("2026-12-03T11:00:00Z")).is_none());
    }
}
