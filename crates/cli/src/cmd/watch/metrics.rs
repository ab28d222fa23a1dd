//! `/metrics`: what the follower and the scheduler are doing, in the Prometheus text format
//! (version 0.0.4), beside `/healthz` on `health_listen`.

use std::fmt::Write;
use std::sync::atomic::Ordering;

use super::Health;

/// The process's resident memory, where the system says it (`/proc/self/status` on Linux).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kb * 1024)
}

/// The metrics page.
pub fn render(health: &Health) -> String {
    let mut out = String::new();
    let gauge = |out: &mut String, name: &str, help: &str, kind: &str, value: u64| {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
        );
    };
    gauge(
        &mut out,
        "ward_watch_files_followed",
        "Log files followed now.",
        "gauge",
        health.files.load(Ordering::Relaxed),
    );
    gauge(
        &mut out,
        "ward_watch_files_not_followed",
        "Files the [[logs]] paths match beyond max_files: not read.",
        "gauge",
        health.files_not_followed.load(Ordering::Relaxed),
    );
    gauge(
        &mut out,
        "ward_watch_alerts_total",
        "Alerts written (after de-duplication).",
        "counter",
        health.alerts.load(Ordering::Relaxed),
    );
    gauge(
        &mut out,
        "ward_watch_dedup_entries",
        "Machine and indicator pairs alerted within the de-duplication window (kept to suppress a repeat).",
        "gauge",
        health.dedup_entries.load(Ordering::Relaxed),
    );
    gauge(
        &mut out,
        "ward_watch_dedup_evicted_total",
        "De-duplication entries dropped before their window ended (dedup_max_entries reached): such a pair can alert again within the window.",
        "counter",
        health.dedup_evicted.load(Ordering::Relaxed),
    );
    let ((sources, indicators), dropped) = health
        .findings
        .lock()
        .map(|f| (f.sizes(), f.dropped()))
        .unwrap_or_default();
    gauge(
        &mut out,
        "ward_watch_record_totals",
        "Running totals (a source and a day) kept for the record.",
        "gauge",
        sources as u64,
    );
    gauge(
        &mut out,
        "ward_watch_record_indicators",
        "Indicators matched today, summed over the running totals kept for the record.",
        "gauge",
        indicators as u64,
    );
    gauge(
        &mut out,
        "ward_watch_record_matches_dropped_total",
        "Matches left out of the record's per-indicator lists (a running total lists 10,000 indicators at most); still in the alerts file.",
        "counter",
        dropped,
    );
    gauge(
        &mut out,
        "ward_watch_indicators",
        "Indicators in the index matched against new lines.",
        "gauge",
        health.indicators.load(Ordering::Relaxed),
    );
    let (store_bytes, _) = ward_store::sqlite_memory();
    gauge(
        &mut out,
        "ward_watch_store_memory_bytes",
        "Memory the embedded store's SQLite holds (page caches, statements); kept under store_memory_mb.",
        "gauge",
        store_bytes,
    );
    if let Some(bytes) = resident_bytes() {
        gauge(
            &mut out,
            "process_resident_memory_bytes",
            "Resident memory of the watch process (VmRSS).",
            "gauge",
            bytes,
        );
    }
    if let Some(secs) = health
        .last_intel_load
        .lock()
        .ok()
        .and_then(|t| ward_stix::Timestamp::parse(&t).ok())
        .map(|t| t.secs)
    {
        let _ = writeln!(
            out,
            "# HELP ward_watch_intel_loaded_timestamp_seconds When the index was last built.\n# TYPE ward_watch_intel_loaded_timestamp_seconds gauge\nward_watch_intel_loaded_timestamp_seconds {secs}"
        );
    }
    labelled(
        &mut out,
        "ward_watch_lines_read_total",
        "Lines read per source.",
        "counter",
        &health.lines_by_source,
    );
    labelled(
        &mut out,
        "ward_watch_lag_bytes",
        "Bytes written to a followed file and not read yet.",
        "gauge",
        &health.lag_by_source,
    );
    if let Some(sources) = &health.sources {
        if let Ok(all) = sources.lock() {
            let _ = writeln!(out, "# HELP ward_watch_source_last_success_timestamp_seconds When a scheduled source (pull, update, feed, plan) last succeeded.\n# TYPE ward_watch_source_last_success_timestamp_seconds gauge");
            for (key, st) in all.iter() {
                if let Some(t) = st
                    .last_success
                    .as_deref()
                    .and_then(|t| ward_stix::Timestamp::parse(t).ok())
                {
                    let _ = writeln!(
                        out,
                        "ward_watch_source_last_success_timestamp_seconds{{source=\"{}\"}} {}",
                        label_value(key),
                        t.secs
                    );
                }
            }
            let _ = writeln!(out, "# HELP ward_watch_source_failures Failures in a row of a scheduled source.\n# TYPE ward_watch_source_failures gauge");
            for (key, st) in all.iter() {
                let _ = writeln!(
                    out,
                    "ward_watch_source_failures{{source=\"{}\"}} {}",
                    label_value(key),
                    st.failures
                );
            }
        }
    }
    syslog(&mut out, &health.syslog);
    out
}

/// Per syslog listener: messages received, dropped by ward (full queue) and dropped by the
/// kernel before ward read them (UDP on Linux).
fn syslog(out: &mut String, listeners: &[std::sync::Arc<super::syslog::Counts>]) {
    if listeners.is_empty() {
        return;
    }
    type Read = fn(&super::syslog::Counts) -> Option<u64>;
    let series: [(&str, &str, Read); 3] = [
        (
            "ward_watch_syslog_received_total",
            "Syslog messages received per listener.",
            |c| Some(c.received.load(Ordering::Relaxed)),
        ),
        (
            "ward_watch_syslog_dropped_total",
            "Syslog messages dropped by ward (a full queue, or bytes that were no frame).",
            |c| Some(c.dropped.load(Ordering::Relaxed)),
        ),
        (
            "ward_watch_syslog_kernel_dropped_total",
            "UDP syslog datagrams the kernel dropped before ward read them.",
            super::syslog::Counts::kernel_dropped,
        ),
    ];
    for (name, help, read) in series {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
        for c in listeners {
            if let Some(n) = read(c) {
                let _ = writeln!(out, "{name}{{listen=\"{}\"}} {n}", label_value(&c.listen));
            }
        }
    }
}

fn labelled(
    out: &mut String,
    name: &str,
    help: &str,
    kind: &str,
    values: &std::sync::Mutex<std::collections::HashMap<String, u64>>,
) {
    let Ok(values) = values.lock() else { return };
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    let mut sorted: Vec<_> = values.iter().collect();
    sorted.sort();
    for (source, n) in sorted {
        let _ = writeln!(out, "{name}{{source=\"{}\"}} {n}", label_value(source));
    }
}

/// A label value as the text format wants it: `\`, `"` and newlines escaped.
fn label_value(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(
            label_value("C:\\logs\\\"a\"\n"),
            "C:\\\\logs\\\\\\\"a\\\"\\n"
        );
    }

    #[test]
    fn the_page_names_each_source() {
        let health = Health::default();
        health
            .lines_by_source
            .lock()
            .unwrap()
            .insert("/var/log/fw.log".into(), 12);
        health.alerts.store(3, Ordering::Relaxed);
        let page = render(&health);
        assert!(page.contains("ward_watch_alerts_total 3\n"), "{page}");
        assert!(
            page.contains("ward_watch_lines_read_total{source=\"/var/log/fw.log\"} 12\n"),
            "{page}"
        );
        // The memory a long-running watch holds: the process's and the store's part.
        assert!(page.contains("\nward_watch_store_memory_bytes "), "{page}");
        if cfg!(target_os = "linux") {
            let rss = page
                .lines()
                .find_map(|l| l.strip_prefix("process_resident_memory_bytes "))
                .and_then(|v| v.parse::<u64>().ok());
            assert!(rss.is_some_and(|b| b > 1 << 20), "{page}");
        }
        // Every sample line is `name{labels} value` or `name value`.
        for line in page.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap();
            assert!(value.parse::<f64>().is_ok(), "{line}");
        }
    }
}
