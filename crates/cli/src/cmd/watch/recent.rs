//! The alerts written in the last de-duplication window, read back from the alerts file at
//! start. A restart (after a stop, a crash or `kill -9`) therefore does not alert again on a
//! machine and indicator it alerted on within the hour: a batch read again because its
//! checkpoint was not saved repeats no alert, and loses no line.

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::{Duration, Instant};

/// How much of the alerts file's end is read back (an hour of alerts on a busy clinic is a
/// few hundred lines; this bounds start-up on a file that was never rotated).
const TAIL_BYTES: u64 = 16 << 20;

/// (machine, indicator id) → when it was alerted, as an `Instant`, for alerts within `window`.
pub fn recent_alerts(path: &Path, window: Duration) -> HashMap<(String, String), Instant> {
    let mut out = HashMap::new();
    let Ok(mut file) = std::fs::File::open(path) else {
        return out;
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let start = len.saturating_sub(TAIL_BYTES);
    if file.seek(SeekFrom::Start(start)).is_err() {
        return out;
    }
    let mut bytes = Vec::new();
    if file.read_to_end(&mut bytes).is_err() {
        return out;
    }
    let now_secs = ward_member::journal::now().secs;
    let now = Instant::now();
    // A tail that starts mid-line: its first, partial line is skipped.
    let skip_first = start > 0;
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if (skip_first && n == 0) || line.is_empty() {
            continue;
        }
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        let field = |k: &str| v.get(k).and_then(serde_json::Value::as_str);
        let (Some(time), Some(machine), Some(indicator)) =
            (field("time"), field("machine"), field("indicator_id"))
        else {
            continue;
        };
        let Ok(at) = ward_stix::Timestamp::parse(time) else {
            continue;
        };
        // A time ahead of this clock counts as now; one beyond the window is forgotten.
        let ago = Duration::from_secs(now_secs.saturating_sub(at.secs).max(0) as u64);
        if ago >= window {
            continue;
        }
        let when = now.checked_sub(ago).unwrap_or(now);
        out.insert((machine.to_string(), indicator.to_string()), when);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_within_the_window_are_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alerts.jsonl");
        let now = ward_member::journal::now();
        let old = ward_stix::Timestamp {
            secs: now.secs - 7200,
            ..now
        };
        std::fs::write(
            &path,
            format!(
                "{{\"time\":\"{now}\",\"machine\":\"10.0.0.5\",\"indicator_id\":\"indicator--a\"}}\n\
                 {{\"time\":\"{old}\",\"machine\":\"10.0.0.6\",\"indicator_id\":\"indicator--a\"}}\n\
                 not json\n{{\"time\":\"{now}\",\"machine\":\"10.0.0.7\"}}\n"
            ),
        )
        .unwrap();
        let recent = recent_alerts(&path, Duration::from_secs(3600));
        assert_eq!(recent.len(), 1, "{recent:?}");
        assert!(recent.contains_key(&("10.0.0.5".to_string(), "indicator--a".to_string())));
        assert!(recent_alerts(&dir.path().join("none"), Duration::from_secs(3600)).is_empty());
    }
}
