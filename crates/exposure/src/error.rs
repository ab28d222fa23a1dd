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
    #[error("{path}: cannot find the inventory {missing}. The header has: {found}. ward needs a name (or asset name, hostname), a vendor (or manufacturer, make), a product (or model) and a version (or firmware version, software version) column; the version may be left blank in a row")]
    Columns {
        path: String,
        found: String,
        missing: String,
    },
    #[error("{path}: this looks like {looks_like}, not an inventory. ward reads inventories as CSV (comma, semicolon or tab separated), Excel .xlsx, OpenDocument .ods or CycloneDX JSON")]
    NotAnInventory { path: String, looks_like: String },
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
