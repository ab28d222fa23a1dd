//! Reading and writing the files ward keeps: JSON read with an error naming the file, and
//! every write atomic (a temporary file renamed over the old one).

use std::fs;
use std::path::Path;

use crate::MemberError;

/// Reads a JSON file ward wrote; `None` when it does not exist yet.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, MemberError> {
    match fs::read(path) {
        Ok(bytes) => {
            serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|source| MemberError::Corrupt {
                    path: path.to_path_buf(),
                    source,
                })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(MemberError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Writes a file atomically: a crash leaves the old file or the new one, never half of it.
/// The folder is created when missing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), MemberError> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            fs::create_dir_all(dir).map_err(|source| MemberError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    fs::write(&tmp, bytes).map_err(|source| MemberError::Write {
        path: tmp.clone(),
        source,
    })?;
    fs::rename(&tmp, path).map_err(|source| MemberError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a value as pretty JSON, atomically.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), MemberError> {
    let bytes = serde_json::to_vec_pretty(value).map_err(MemberError::Serialize)?;
    write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_none_and_a_written_one_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/c.json");
        assert_eq!(read_json::<Vec<u32>>(&path).unwrap(), None);
        write_json(&path, &vec![1u32, 2, 3]).unwrap();
        assert_eq!(read_json::<Vec<u32>>(&path).unwrap(), Some(vec![1, 2, 3]));
        // Nothing is left behind but the file itself.
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("c.json")]);
    }

    #[test]
    fn a_write_replaces_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"a much longer first version").unwrap();
        write_atomic(&path, b"[1]").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"[1]");
    }

    #[test]
    fn a_corrupt_file_is_a_typed_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latest.json");
        fs::write(&path, "{ not json").unwrap();
        let err = read_json::<serde_json::Value>(&path).unwrap_err();
        assert!(matches!(err, MemberError::Corrupt { .. }), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("not the JSON ward wrote there"), "{text}");
    }

    #[test]
    fn an_unreadable_path_is_a_typed_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where a file is expected: it exists but cannot be read as a file.
        let path = dir.path().join("folder.json");
        fs::create_dir(&path).unwrap();
        let err = read_json::<serde_json::Value>(&path).unwrap_err();
        assert!(matches!(err, MemberError::Read { .. }), "{err:?}");
        assert!(err.to_string().contains("folder.json"), "{err}");
        // A file where a folder is expected cannot be written under.
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        let err = write_atomic(&blocker.join("inner.json"), b"x").unwrap_err();
        assert!(matches!(err, MemberError::CreateDir { .. }), "{err:?}");
        assert!(err.to_string().contains("file"), "{err}");
    }
}
