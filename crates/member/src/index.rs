//! The indicator index `ward scan` looks logs up in, built from an intel file or from the
//! local store and cached under the data folder's `cache/` until its intel changes.
//!
//! Cache keys: an intel file's index is cached per file (its canonical path) and is valid
//! while the file keeps its path, size and modification time; the local store's index is
//! valid while every indicator keeps its id, version, rounded score and allow-list verdict.

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
            return Ok(LoadedIndex { index, notes });
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
        Ok(LoadedIndex { index, notes })
    }

    /// The index of every active indicator in the local store (what `ward pull` and
    /// `ward import` brought in), scored and allow-listed by the feeds rules; cached until
    /// the intel or the scores change.
    pub fn load_local_index(&self, no_cache: bool) -> Result<LoadedIndex, MemberError> {
        let local = self.local_intel()?;
        let objects = local.objects().map_err(MemberError::ReadLocal)?;
        let scored = ward_feeds::local::score_objects(
            &objects,
            local.config(),
            local.allow_list(),
            Timestamp::now(),
        );
        if scored.is_empty() {
            return Err(MemberError::NoIndicators {
                path: self.root().to_path_buf(),
            });
        }
        let mut parts: Vec<Vec<u8>> = Vec::with_capacity(scored.len());
        for s in &scored {
            let version = s
                .object
                .version()
                .map(|t| t.to_string())
                .unwrap_or_default();
            parts.push(
                format!(
                    "{}|{version}|{}|{}",
                    s.object.id(),
                    s.score.round() as u8,
                    s.allow_listed.is_some()
                )
                .into_bytes(),
            );
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let fp = fingerprint(&refs);
        let cache = self.local_index_cache_file();
        let mut notes = Vec::new();
        if let Some(index) = cached(&cache, fp, no_cache) {
            return Ok(LoadedIndex { index, notes });
        }
        let mut builder = IndexBuilder::new(BuildOptions::default());
        for object in objects {
            if object.object_type() != "indicator" {
                builder.add_object(object);
            }
        }
        let mut left_out = 0usize;
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
        let (index, _) = builder.finish();
        if left_out > 0 {
            notes.push(format!(
                "{left_out} indicator(s) left out of the scan (expired, revoked or allow-listed)"
            ));
        }
        notes.extend(save_cache(&index, fp, &cache));
        Ok(LoadedIndex { index, notes })
    }
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
