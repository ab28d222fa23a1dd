//! The errors of this crate: each names the input and what was expected.

use std::path::PathBuf;

/// Why a feed operation failed as a whole (a bad line inside a feed is a
/// [`crate::Problem`], not an error).
#[derive(Debug, thiserror::Error)]
pub enum FeedsError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: format not recognised; expected one of: {expected}")]
    UnknownFormat { path: PathBuf, expected: String },
    #[error("--format {0:?}: expected one of: {1}")]
    BadFormatName(String, String),
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("configuration {path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("local store: {0}")]
    Store(#[from] ward_store::StoreError),
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: HTTP {status}: {message}")]
    HttpStatus {
        url: String,
        status: u16,
        message: String,
    },
    #[error("{url}: expected a TAXII {what}: {message}")]
    BadResponse {
        url: String,
        what: &'static str,
        message: String,
    },
}

impl FeedsError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> FeedsError {
        FeedsError::Io {
            path: path.into(),
            source,
        }
    }
}
