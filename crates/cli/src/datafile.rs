//! Files the toolkit keeps under `--data` between commands (the latest scan, the latest
//! exposure ranking, the plan's history): written atomically, read with a clear error.

use std::fs;
use std::path::Path;

use anyhow::Context;

/// Reads a JSON file ward wrote; `None` when it does not exist yet.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<Option<T>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "{}: not the JSON ward wrote there (remove it to start over)",
                path.display()
            )
        })?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::Error::new(e).context(format!("{}: cannot read", path.display()))),
    }
}

/// Writes a file atomically: a crash leaves the old file or the new one, never half of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
        }
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    fs::write(&tmp, bytes).with_context(|| format!("{}: cannot write", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

/// Writes a value as pretty JSON, atomically.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> anyhow::Result<()> {
    let bytes = serde_json::to_vec_pretty(value).context("serializing")?;
    write_atomic(path, &bytes)
}

fn latest_scan_path(data: &Path) -> std::path::PathBuf {
    data.join("scan").join("latest.json")
}

/// The latest scan as `ward scan` saved it: the plan and `ward pull` read it.
#[derive(serde::Serialize, serde::Deserialize)]
struct LatestScan {
    scanned_at: String,
    files: Vec<String>,
    summary: ward_detect::Summary,
}

/// Keeps a scan's grouped hits under `--data` for `ward report` and `ward pull`.
pub fn save_latest_scan(
    data: &Path,
    logs: &[std::path::PathBuf],
    summary: &ward_detect::Summary,
) -> anyhow::Result<()> {
    write_json(
        &latest_scan_path(data),
        &LatestScan {
            scanned_at: ward_stix::Timestamp::now().to_string(),
            files: logs.iter().map(|p| p.display().to_string()).collect(),
            summary: summary.clone(),
        },
    )
}

/// The grouped hits of the latest scan, if one was saved.
pub fn latest_scan(data: &Path) -> anyhow::Result<Option<ward_detect::Summary>> {
    Ok(read_json::<LatestScan>(&latest_scan_path(data))?.map(|s| s.summary))
}
