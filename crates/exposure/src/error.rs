//! What can be wrong with the inputs, said so that a person can fix the file.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExposureError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// `line` is 1-based; 0 when the problem is the file as a whole.
    #[error("{path}{}: expected {expected}", line_suffix(*.line))]
    Malformed {
        path: String,
        line: usize,
        expected: String,
    },
    #[error("{path}: inventory header lacks the required column `{column}` (required: name, vendor, product, version)")]
    MissingColumn { path: String, column: String },
    #[error("version range `{text}`: expected {expected}")]
    Range { text: String, expected: String },
}

fn line_suffix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(":{line}")
    }
}

impl ExposureError {
    pub(crate) fn malformed(path: &str, line: usize, expected: impl Into<String>) -> Self {
        ExposureError::Malformed {
            path: path.to_string(),
            line,
            expected: expected.into(),
        }
    }

    /// A JSON error with the line serde_json found it on.
    pub(crate) fn json(path: &str, what: &str, err: &serde_json::Error) -> Self {
        ExposureError::Malformed {
            path: path.to_string(),
            line: err.line(),
            expected: format!("{what} ({err})"),
        }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        ExposureError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
