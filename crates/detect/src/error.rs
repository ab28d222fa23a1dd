//! Errors of the detect crate: each names the input and what was expected.

use std::path::PathBuf;

/// Why an index cache file cannot be used (the caller then rebuilds from the intel).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CacheError {
    #[error("index cache is not a ward index (bad magic or version)")]
    NotAnIndex,
    #[error("index cache was built from other intel (fingerprint differs)")]
    Stale,
    #[error("index cache is corrupt: {0}")]
    Corrupt(&'static str),
}

/// Why an indicator was left out of the index. Not fatal: the scan reports how many.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error("{id}: pattern_type {pattern_type:?} is not stix")]
    NotStixPattern { id: String, pattern_type: String },
    #[error("{id}: invalid pattern at position {position}: {message}")]
    BadPattern {
        id: String,
        position: usize,
        message: String,
    },
    #[error("{id}: expected an indicator with an id of the form indicator--<uuid>")]
    BadId { id: String },
    #[error("{id}: property `pattern` is missing or not a string")]
    NoPattern { id: String },
    #[error("{id}: revoked, expired or allow-listed")]
    Inactive { id: String },
}

/// Why a scan could not go on (a broken line is never one of these: it is counted).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{}: read failed: {source}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot decompress ({format}): {source}", file.display())]
    Decompress {
        file: PathBuf,
        format: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// Binary data, or a file that is no log format ward reads: refused, never reported as
    /// plain text with nothing found.
    #[error("{}: not a log ward can read: {reason}; ward reads {}", file.display(), crate::readers::FORMATS_READ)]
    Unreadable { file: PathBuf, reason: String },
    #[error("alert output failed: {0}")]
    Sink(#[source] std::io::Error),
}
