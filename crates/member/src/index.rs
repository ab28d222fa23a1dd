//! The indicator index `ward scan` looks logs up in, built from an intel file or from the
//! local store and cached under the data folder's `cache/` until its intel changes.
//!
//! Cache keys: an intel file's index is cached per file (its canonical path) and is valid
//! while the file keeps its path, size and modification time; the local store's index is
//! valid while the store's change count of the local collection, the feeds configuration and
//! the allow-lists stay the same, and until the first instant an indexed indicator's score
//! (to a whole number) or validity changes with time.

use std::fs;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use ward_detect::index::fingerprint;
use ward_detect::{BuildOptions, IndexBuilder, IndicatorIndex};
use ward_stix::document::{self, Item};
use ward_stix::{StixObject, Timestamp};

use crate::files::write_atomic;
use crate::{DataDir, MemberError};

/// An index, and what the caller should tell the user about how it was built (left-out
/// indicators, skipped entries, a cache that could not be written), in order.
pub struct LoadedIndex {
    pub index: IndicatorIndex,
    pub notes: Vec<String>,
    /// Read from the cache, not built.
    pub from_cache: bool,
}

impl DataDir {
    /// The cache file of the index built from the intel file at `canonical` (its canonical
    /// path, as text).
    pub fn index_cache_file(&self, canonical: &str) -> PathBuf {
        self.cache_dir().join(format!(
            "detect-{:016x}.idx",
            fingerprint(&[canonical.as_bytes()])
        ))
    }

    /// The cache file of the index built from the local store.
    pub fn local_index_cache_file(&self) -> PathBuf {
        self.cache_dir().join("detect-local.idx")
    }

    /// Loads the index of an intel file (a STIX bundle, or a feed file `ward import` reads)
    /// from the cache when it was built from the same file (same path, size and modification
    /// time), else builds it and refreshes the cache. `no_cache` always builds.
    pub fn load_index(&self, source: &Path, no_cache: bool) -> Result<LoadedIndex, MemberError> {
        let meta = fs::metadata(source).map_err(|e| MemberError::IndicatorsUnreadable {
            path: source.to_path_buf(),
            source: e,
        })?;
        let canonical = fs::canonicalize(source).unwrap_or_else(|_| source.to_path_buf());
        let path_text = canonical.display().to_string();
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let fp = fingerprint(&[
            path_text.as_bytes(),
            &meta.len().to_le_bytes(),
            &mtime.to_le_bytes(),
        ]);
        let cache = self.index_cache_file(&path_text);
        let mut notes = Vec::new();
        if let Some(index) = cached(&cache, fp, no_cache) {
            return Ok(LoadedIndex {
                index,
                notes,
                from_cache: true,
            });
        }
        let mut builder = IndexBuilder::new(BuildOptions::default());
        let mut not_objects = 0usize;
        let input = fs::File::open(source).map_err(|e| MemberError::Open {
            path: source.to_path_buf(),
            source: e,
        })?;
        let mut stix_objects = 0usize;
        let as_stix = document::read(BufReader::with_capacity(1 << 16, input), &mut |item| {
            if let Item::Object(value, _) = item {
                match StixObject::from_value(value) {
                    Ok(o) => {
                        stix_objects += 1;
                        builder.add_object(o)
                    }
                    Err(_) => not_objects += 1,
                }
            }
        });
        let not_stix = as_stix.is_err();
        if looks_like_json(source) {
            // Broken JSON is a broken STIX file, reported with its line and column.
            as_stix.map_err(|e| MemberError::NotStix {
                path: source.to_path_buf(),
                source: e,
            })?;
        }
        // Not STIX (a text or CSV list), or JSON with no STIX object in it (a MISP event, a
        // ThreatFox export): a feed file (CSV or text list, abuse.ch, MISP, Spamhaus...) read
        // by the same importers as `ward import`, storing nothing.
        if not_stix || stix_objects == 0 {
            builder = IndexBuilder::new(BuildOptions::default());
            not_objects = 0;
            let imported = ward_feeds::import::import_path(source, None).map_err(|e| {
                MemberError::NotIntel {
                    path: source.to_path_buf(),
                    source: e,
                }
            })?;
            for problem in imported.problems.iter().take(3) {
                notes.push(problem.to_string());
            }
            for value in imported.objects {
                match StixObject::from_value(value) {
                    Ok(o) => builder.add_object(o),
                    Err(_) => not_objects += 1,
                }
            }
        }
        let (index, report) = builder.finish();
        if let Some(first) = report.skipped.first() {
            notes.push(format!(
                "{} indicator(s) left out of the scan (first: {first})",
                report.skipped.len()
            ));
        }
        if not_objects > 0 {
            notes.push(format!(
                "{not_objects} item(s) of the intel file are not STIX objects and were ignored"
            ));
        }
        notes.extend(save_cache(&index, fp, &cache));
        Ok(LoadedIndex {
            index,
            notes,
            from_cache: false,
        })
    }

    /// The index of every active indicator in the local store (what `ward pull` and
    /// `ward import` brought in), scored and allow-listed by the feeds rules; cached until
    /// the intel, the rules or a score change.
    ///
    /// Whether the cache is current is known without reading the intel: its key is the
    /// store's change count of the local collection (it moves with every write), the feeds
    /// configuration and the allow-lists, and the cache holds the instant its first score
    /// (rounded to a whole number, as the index keeps it) or validity changes. A build reads
    /// the store a page at a time and scores each indicator as it goes
    /// ([`ward_feeds::local::LocalIntel::each_scored`]), so memory holds the index being
    /// built, never every stored object.
    pub fn load_local_index(&self, no_cache: bool) -> Result<LoadedIndex, MemberError> {
        self.load_local_index_at(no_cache, Timestamp::now())
    }

    /// [`DataDir::load_local_index`] with the clock given (tests).
    pub fn load_local_index_at(
        &self,
        no_cache: bool,
        now: Timestamp,
    ) -> Result<LoadedIndex, MemberError> {
        let local = self.local_intel()?;
        // Read before the build: a write during it moves the count, so what this build
        // saves is never taken for the newer intel.
        let key = local_key(&local)?;
        let cache = self.local_index_cache_file();
        let mut notes = Vec::new();
        if let Some(fp) = key {
            if let Some(index) = cached_local(&cache, fp, now, no_cache) {
                return Ok(LoadedIndex {
                    index,
                    notes,
                    from_cache: true,
                });
            }
        }
        let built = build_local(&local, now)?;
        if built.indicators == 0 {
            return Err(MemberError::NoIndicators {
                path: self.root().to_path_buf(),
            });
        }
        if built.left_out > 0 {
            notes.push(format!(
                "{} indicator(s) left out of the scan (expired, revoked or allow-listed)",
                built.left_out
            ));
        }
        if let Some(fp) = key {
            notes.extend(save_local_cache(
                &built.index,
                fp,
                built.stable_until,
                &cache,
            ));
        }
        Ok(LoadedIndex {
            index: built.index,
            notes,
            from_cache: false,
        })
    }
}

/// Bumped when what goes into the local index changes (how a score is computed, which
/// objects count): a cache made by another version of the rules is then rebuilt.
const LOCAL_KEY_VERSION: &[u8] = b"local index 2";

/// The key of the local index's cache, from what the index is built of, read without
/// reading the intel; `None` when the store keeps no change count (then there is no cache).
fn local_key(local: &ward_feeds::local::LocalIntel) -> Result<Option<u64>, MemberError> {
    let Some(count) = local.change_count().map_err(MemberError::ReadLocal)? else {
        return Ok(None);
    };
    let config = serde_json::to_string(local.config()).unwrap_or_default();
    Ok(Some(fingerprint(&[
        LOCAL_KEY_VERSION,
        env!("CARGO_PKG_VERSION").as_bytes(),
        local.collection_id().as_bytes(),
        &count.added.to_le_bytes(),
        &count.removed.to_le_bytes(),
        config.as_bytes(),
        local.allow_list().content_key().as_bytes(),
    ])))
}

/// A local index just built.
struct BuiltLocal {
    index: IndicatorIndex,
    /// Indicators stored, and those the index left out.
    indicators: usize,
    left_out: usize,
    /// When the first score (to a whole number) or validity of an indexed indicator
    /// changes; `None`: never.
    stable_until: Option<Timestamp>,
}

/// Builds the local index from the store a page at a time, each indicator scored at `now`
/// as it is read.
fn build_local(
    local: &ward_feeds::local::LocalIntel,
    now: Timestamp,
) -> Result<BuiltLocal, MemberError> {
    use ward_feeds::local::LocalObject;
    let mut builder = IndexBuilder::new(BuildOptions::default());
    let (mut indicators, mut left_out) = (0usize, 0usize);
    let mut stable_until: Option<Timestamp> = None;
    local
        .each_scored(now, |item| match item {
            LocalObject::Other(object) => builder.add_object(object),
            LocalObject::Indicator(s, until) => {
                indicators += 1;
                let s = *s;
                let input = ward_detect::IndicatorInput {
                    score: Some(s.score.round().clamp(0.0, 100.0) as u8),
                    sources: s.sources,
                    tlp: s.tlp,
                    allow_listed: s.allow_listed.is_some(),
                    object: s.object,
                };
                if builder.add_indicator(input).is_err() {
                    // Left out for good: revoked, expired, allow-listed, or a pattern the
                    // index cannot take.
                    left_out += 1;
                } else if let Some(until) = until {
                    stable_until = Some(stable_until.map_or(until, |s| s.min(until)));
                }
            }
        })
        .map_err(MemberError::ReadLocal)?;
    let (index, _) = builder.finish();
    Ok(BuiltLocal {
        index,
        indicators,
        left_out,
        stable_until,
    })
}

/// The local index's cache file: this header (a magic number, then until when the index's
/// scores hold, in microseconds since the epoch, little-endian), then the index's own cache
/// bytes.
const LOCAL_MAGIC: &[u8; 8] = b"WARDLOC\x01";
const LOCAL_HEADER: usize = 16;

/// The cached local index when it is there, was built for `fp` and its scores still hold at
/// `now`.
fn cached_local(cache: &Path, fp: u64, now: Timestamp, no_cache: bool) -> Option<IndicatorIndex> {
    if no_cache {
        return None;
    }
    let bytes = fs::read(cache).ok()?;
    let header = bytes.get(..LOCAL_HEADER)?;
    if &header[..8] != LOCAL_MAGIC {
        return None;
    }
    let until = i64::from_le_bytes(header[8..].try_into().ok()?);
    if now.as_micros() >= until {
        return None;
    }
    IndicatorIndex::from_cache(&bytes[LOCAL_HEADER..], fp).ok()
}

fn save_local_cache(
    index: &IndicatorIndex,
    fp: u64,
    stable_until: Option<Timestamp>,
    cache: &Path,
) -> Option<String> {
    let until = stable_until.map_or(i64::MAX, |t| t.as_micros());
    let mut bytes = Vec::with_capacity(LOCAL_HEADER);
    bytes.extend_from_slice(LOCAL_MAGIC);
    bytes.extend_from_slice(&until.to_le_bytes());
    bytes.extend_from_slice(&index.to_cache(fp));
    write_atomic(cache, &bytes)
        .err()
        .map(|e| format!("the index cache was not written: {}", chain(&e)))
}

/// The cached index when it is there and was built for `fp`.
fn cached(cache: &Path, fp: u64, no_cache: bool) -> Option<IndicatorIndex> {
    if no_cache {
        return None;
    }
    let bytes = fs::read(cache).ok()?;
    IndicatorIndex::from_cache(&bytes, fp).ok()
}

/// True when the first bytes of the file say JSON (the first 512 are enough to tell JSON
/// from a list).
fn looks_like_json(source: &Path) -> bool {
    let mut head = [0u8; 512];
    let n = fs::File::open(source)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    head[..n]
        .iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|c| *c == b'{' || *c == b'[')
}

/// Keeps the index for the next scan; a failure only costs a rebuild next time, so it is a
/// note, not an error.
fn save_cache(index: &IndicatorIndex, fp: u64, cache: &Path) -> Option<String> {
    write_atomic(cache, &index.to_cache(fp))
        .err()
        .map(|e| format!("the index cache was not written: {}", chain(&e)))
}

/// An error and its causes on one line, as `{:#}` of anyhow printed them.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUNDLE: &str = r#"{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
        {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",
         "pattern":"[ipv4-addr:value = '203.0.113.9']","pattern_type":"stix",
         "valid_from":"2026-01-01T00:00:00Z"}]}"#;

    #[test]
    fn an_intel_file_is_indexed_then_read_from_its_cache() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("data"));
        let intel = dir.path().join("intel.json");
        fs::write(&intel, BUNDLE).unwrap();
        let first = data.load_index(&intel, false).unwrap();
        assert_eq!(first.index.stats().indicators, 1);
        assert!(first.notes.is_empty(), "{:?}", first.notes);
        let canonical = fs::canonicalize(&intel).unwrap().display().to_string();
        let cache = data.index_cache_file(&canonical);
        assert!(cache.is_file());
        assert!(cache.starts_with(data.cache_dir()));
        // The cache answers the next load: an index it holds is what comes back.
        let again = data.load_index(&intel, false).unwrap();
        assert_eq!(again.index.stats().indicators, 1);
        // A corrupt cache is rebuilt, not an error.
        fs::write(&cache, b"garbage").unwrap();
        let rebuilt = data.load_index(&intel, false).unwrap();
        assert_eq!(rebuilt.index.stats().indicators, 1);
        assert_ne!(fs::read(&cache).unwrap(), b"garbage");
    }

    #[test]
    fn a_missing_or_broken_intel_file_is_a_typed_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("data"));
        let missing = dir.path().join("missing.json");
        let err = data.load_index(&missing, false).err().unwrap();
        assert!(
            matches!(err, MemberError::IndicatorsUnreadable { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("missing.json"), "{err}");
        let broken = dir.path().join("broken.json");
        fs::write(&broken, "{\"type\": \"bundle\", \"objects\": [").unwrap();
        let err = data.load_index(&broken, false).err().unwrap();
        assert!(matches!(err, MemberError::NotStix { .. }), "{err:?}");
        assert!(err.to_string().contains("broken.json"), "{err}");
    }

    fn at(now: Timestamp, hours: i64) -> String {
        Timestamp::from_micros(now.as_micros() + hours * 3_600_000_000).to_string()
    }

    fn uuid(n: u64) -> String {
        format!("00000000-0000-4000-8000-{n:012x}")
    }

    /// An indicator `n` on `pattern`, modified `age` hours before `now`.
    fn indicator(n: u64, pattern: &str, age: i64, now: Timestamp) -> serde_json::Value {
        let t = at(now, -age);
        serde_json::json!({
            "type": "indicator", "spec_version": "2.1", "id": format!("indicator--{}", uuid(n)),
            "created": at(now, -age - 24), "modified": t, "valid_from": at(now, -age - 24),
            "pattern": pattern, "pattern_type": "stix",
        })
    }

    /// A store with what scoring and the index take from other objects (sightings, an
    /// identity reporting indicators, a malware they indicate), indicators of every family,
    /// revoked, expired, not yet valid, allow-listed and broken ones, an indicator stored in
    /// two versions, and more objects than a page of the store.
    fn fixture(data: &DataDir, now: Timestamp) {
        let mut objects = vec![
            serde_json::json!({"type": "identity", "spec_version": "2.1",
                "id": "identity--11111111-1111-4111-8111-111111111111",
                "created": at(now, -1000), "modified": at(now, -1000), "name": "Feed Org"}),
            serde_json::json!({"type": "malware", "spec_version": "2.1",
                "id": "malware--22222222-2222-4222-8222-222222222222",
                "created": at(now, -1000), "modified": at(now, -1000), "name": "QakBot",
                "is_family": true}),
        ];
        for n in 0..2600u64 {
            let ip = format!(
                "[ipv4-addr:value = '45.{}.{}.{}']",
                n / 65536,
                (n / 256) % 256,
                n % 256
            );
            let pattern = match n % 7 {
                0 => format!("[domain-name:value = 'bad{n}.example.net']"),
                1 => format!("[url:value = 'http://bad{n}.example.net/x']"),
                2 => format!("[file:hashes.'SHA-256' = '{:064x}']", n + 1),
                3 => format!("{ip} AND [domain-name:value = 'both{n}.example.org']"),
                _ => ip,
            };
            let mut o = indicator(n, &pattern, (n % 900) as i64, now);
            match n % 5 {
                0 => o["created_by_ref"] = "identity--11111111-1111-4111-8111-111111111111".into(),
                1 => o["x_ward_sources"] = serde_json::json!(["feed a", "feed b"]),
                2 => o["confidence"] = (n % 101).into(),
                _ => {}
            }
            objects.push(o);
        }
        let mut special = vec![
            indicator(9001, "[ipv4-addr:value = '8.8.8.8']", 1, now),
            indicator(9002, "[ipv4-addr:value = '198.51.100.7'", 1, now),
            indicator(9003, "[ipv4-addr:value = '198.51.100.8']", 1, now),
            indicator(9004, "[ipv4-addr:value = '198.51.100.9']", 1, now),
            indicator(9005, "[ipv4-addr:value = '198.51.100.10']", 1, now),
            indicator(9006, "[ipv4-addr:value = '198.51.100.11']", 1, now),
        ];
        special[2]["revoked"] = true.into();
        special[3]["valid_until"] = at(now, -1).into();
        special[4]["valid_from"] = at(now, 5).into();
        special[5]["pattern_type"] = "sigma".into();
        objects.extend(special);
        // A newer version of indicator 10.
        let mut newer = indicator(10, "[ipv4-addr:value = '45.0.0.10']", 0, now);
        newer["confidence"] = 95.into();
        objects.push(newer);
        for n in 0..40u64 {
            objects.push(
                serde_json::json!({"type": "sighting", "spec_version": "2.1",
                "id": format!("sighting--{}", uuid(50_000 + n)),
                "created": at(now, -2), "modified": at(now, -2), "last_seen": at(now, -(n as i64)),
                "count": n % 4, "sighting_of_ref": format!("indicator--{}", uuid(n % 13 * 7 + 4))}),
            );
            objects.push(
                serde_json::json!({"type": "relationship", "spec_version": "2.1",
                "id": format!("relationship--{}", uuid(60_000 + n)),
                "created": at(now, -2), "modified": at(now, -2), "relationship_type": "indicates",
                "source_ref": format!("indicator--{}", uuid(n * 3)),
                "target_ref": "malware--22222222-2222-4222-8222-222222222222"}),
            );
        }
        let local = data.local_intel().unwrap();
        local.add_verbatim(&objects).unwrap();
    }

    /// The local index built as it was before it was streamed: every object read at once,
    /// every indicator scored among them, then indexed.
    fn whole_set_index(data: &DataDir, now: Timestamp) -> (IndicatorIndex, usize) {
        let local = data.local_intel().unwrap();
        let objects = local.objects().unwrap();
        let scored =
            ward_feeds::local::score_objects(&objects, local.config(), local.allow_list(), now);
        let mut builder = IndexBuilder::new(BuildOptions::default());
        for object in objects {
            if object.object_type() != "indicator" {
                builder.add_object(object);
            }
        }
        let mut left_out = 0;
        for s in scored {
            let input = ward_detect::IndicatorInput {
                score: Some(s.score.round().clamp(0.0, 100.0) as u8),
                sources: s.sources.clone(),
                tlp: s.tlp,
                allow_listed: s.allow_listed.is_some(),
                object: s.object,
            };
            if builder.add_indicator(input).is_err() {
                left_out += 1;
            }
        }
        (builder.finish().0, left_out)
    }

    #[test]
    fn the_streamed_local_index_is_the_whole_set_index() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let now = Timestamp::now();
        fixture(&data, now);
        let (whole, whole_left_out) = whole_set_index(&data, now);
        let streamed = data.load_local_index_at(true, now).unwrap();
        assert!(!streamed.from_cache);
        assert!(whole.stats().indicators > 2500, "{:?}", whole.stats());
        // Allow-listed (8.8.8.8 and any other the shipped lists hold), revoked, expired, and
        // the patterns the index cannot take.
        assert!(whole_left_out >= 5, "{whole_left_out}");
        assert_eq!(
            streamed.notes,
            vec![format!(
                "{whole_left_out} indicator(s) left out of the scan (expired, revoked or allow-listed)"
            )]
        );
        assert_eq!(streamed.index.to_cache(0), whole.to_cache(0));
    }

    /// Until when the local cache file says its scores hold.
    fn cache_until(data: &DataDir) -> i64 {
        let bytes = fs::read(data.local_index_cache_file()).unwrap();
        i64::from_le_bytes(bytes[8..16].try_into().unwrap())
    }

    #[test]
    fn the_local_cache_holds_until_the_intel_the_rules_or_a_score_change() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let now = Timestamp::now();
        // File hashes age slowly: 80 a day old stays 80 for days.
        let hash = |n: u64| indicator(n, &format!("[file:hashes.MD5 = '{n:032x}']"), 24, now);
        let mut first = hash(1);
        first["confidence"] = 80.into();
        data.local_intel().unwrap().add_verbatim(&[first]).unwrap();
        let built = data.load_local_index_at(false, now).unwrap();
        assert!(!built.from_cache);
        let until = cache_until(&data);
        assert!(until > now.as_micros() + 86_400_000_000, "{until}");
        // Current: read from the cache, the intel not read.
        let later = Timestamp::from_micros(until - 1);
        assert!(data.load_local_index_at(false, later).unwrap().from_cache);
        // A score changes from `until` on: rebuilt, with the lower score (two days on, 79).
        let then = Timestamp::from_micros(until + 2 * 86_400_000_000);
        let rebuilt = data.load_local_index_at(false, then).unwrap();
        assert!(!rebuilt.from_cache);
        assert_eq!(
            rebuilt.index.to_cache(0),
            whole_set_index(&data, then).0.to_cache(0)
        );
        let cached = data.load_local_index_at(false, then).unwrap();
        assert!(cached.from_cache);
        assert_eq!(cached.index.to_cache(0), rebuilt.index.to_cache(0));
        // New intel: rebuilt, and it is in.
        data.local_intel()
            .unwrap()
            .add_verbatim(&[hash(2)])
            .unwrap();
        let more = data.load_local_index_at(false, now).unwrap();
        assert!(!more.from_cache);
        assert_eq!(more.index.stats().indicators, 2);
        assert!(data.load_local_index_at(false, now).unwrap().from_cache);
        // A sighting (a score input, not an indicator): rebuilt.
        let sighting = serde_json::json!({"type": "sighting", "spec_version": "2.1",
            "id": format!("sighting--{}", uuid(77)), "created": at(now, -1),
            "modified": at(now, -1), "sighting_of_ref": format!("indicator--{}", uuid(1))});
        data.local_intel()
            .unwrap()
            .add_verbatim(&[sighting])
            .unwrap();
        assert!(!data.load_local_index_at(false, now).unwrap().from_cache);
        // Other scoring rules: rebuilt.
        fs::write(dir.path().join("feeds.toml"), "[score]\nper_sighting = 5\n").unwrap();
        assert!(!data.load_local_index_at(false, now).unwrap().from_cache);
        assert!(data.load_local_index_at(false, now).unwrap().from_cache);
        // Another allow-list: rebuilt.
        fs::write(
            dir.path().join("feeds.toml"),
            "[score]\nper_sighting = 5\n[allow]\nentries = [\"portal.clinic.example\"]\n",
        )
        .unwrap();
        assert!(!data.load_local_index_at(false, now).unwrap().from_cache);
        // A broken cache is rebuilt, not an error; `no_cache` always builds.
        fs::write(data.local_index_cache_file(), b"WARDLOC").unwrap();
        assert!(!data.load_local_index_at(false, now).unwrap().from_cache);
        assert!(!data.load_local_index_at(true, now).unwrap().from_cache);
    }

    #[test]
    fn an_empty_local_store_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let err = data.load_local_index(false).err().unwrap();
        assert!(matches!(err, MemberError::NoIndicators { .. }), "{err:?}");
        assert!(err.to_string().contains("ward pull"), "{err}");
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_a_note() {
        let dir = tempfile::tempdir().unwrap();
        // The cache folder's place is taken by a file.
        fs::write(dir.path().join("cache"), "x").unwrap();
        let data = DataDir::new(dir.path());
        let intel = dir.path().join("intel.json");
        fs::write(&intel, BUNDLE).unwrap();
        let loaded = data.load_index(&intel, false).unwrap();
        assert_eq!(loaded.notes.len(), 1, "{:?}", loaded.notes);
        assert!(
            loaded.notes[0].starts_with("the index cache was not written: "),
            "{:?}",
            loaded.notes
        );
    }
}
