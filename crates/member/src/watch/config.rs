//! `ward-data/watch.toml`: which logs `ward watch` follows, where its alerts go and where
//! its health endpoint listens. Relative paths are relative to the data folder, so the
//! service reads the same files whatever folder it was started from.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::schedule::{RawFeed, RawPlan, RawPull, RawSchedule, RawUpdate, Schedule};
use crate::DataDir;

/// The file name of the configuration in the data folder.
pub const WATCH_CONFIG_FILE: &str = "watch.toml";
/// The default alerts file name in the data folder.
pub const ALERTS_FILE: &str = "alerts.jsonl";

/// Files followed at once at most unless `max_files` says otherwise: each holds an open file
/// and at most 68 KiB (its last 4 KiB read, header lines up to 64 KiB), so this bounds both
/// memory and descriptors whatever a glob matches.
pub const MAX_FILES: usize = 512;

/// The ceiling on the embedded store's memory in `ward watch` (MiB) unless `store_memory_mb`
/// says otherwise: SQLite reuses its cached pages past it instead of growing each reader
/// connection's cache to its own limit, so a process left running for months stays flat.
pub const STORE_MEMORY_MB: u64 = 24;

/// Machine and indicator pairs the de-duplication memory holds at most unless
/// `dedup_max_entries` says otherwise (about 150 bytes each, so about 15 MB at the bound): an
/// hour of alerts from a scan of many addresses cannot grow it past this; the oldest goes first.
pub const DEDUP_MAX_ENTRIES: usize = 100_000;

/// What a user writes when there is no configuration yet.
pub const EXAMPLE: &str = "\
# ward watch: the logs to follow (a file, or a glob in its last part)
alerts_file = \"alerts.jsonl\"        # optional; relative to the data folder
health_listen = \"127.0.0.1:9180\"    # optional; GET /healthz

[[logs]]
path = \"/var/log/firewall.log\"

[[logs]]
path = \"/var/log/zeek/current/*.log\"";

/// Why the configuration cannot be used. Each names the file and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum WatchConfigError {
    #[error("{}: not found; write it, for example:\n{EXAMPLE}", path.display())]
    Missing { path: PathBuf },
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The TOML parser's message names the key, the line and what it expected.
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    logs: Vec<RawLog>,
    alerts_file: Option<PathBuf>,
    health_listen: Option<String>,
    max_files: Option<usize>,
    store_memory_mb: Option<u64>,
    dedup_max_entries: Option<usize>,
    // The schedule's sections (`deny_unknown_fields` rules out flattening them).
    #[serde(default)]
    pull: Vec<RawPull>,
    update: Option<RawUpdate>,
    #[serde(default)]
    feed: Vec<RawFeed>,
    plan: Option<RawPlan>,
    firewall_lists: Option<super::edl::RawFirewallLists>,
    #[serde(default)]
    syslog: Vec<super::syslog::RawSyslog>,
    share: Option<super::share::RawShare>,
    email: Option<super::notify::RawEmail>,
    #[serde(default)]
    webhook: Vec<super::notify::RawWebhook>,
    notify: Option<super::notify::RawNotify>,
    web: Option<super::web::RawWeb>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLog {
    path: String,
}

/// A checked configuration, with paths resolved against the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchConfig {
    /// Each `[[logs]] path`: a file, or a glob whose wildcards (`*`, `?`) are in the file
    /// name only.
    pub logs: Vec<PathBuf>,
    pub alerts_file: PathBuf,
    pub health_listen: Option<SocketAddr>,
    /// Files followed at once at most ([`MAX_FILES`] unless `max_files` is set); more
    /// matches are named and counted as not followed, never silently skipped.
    pub max_files: usize,
    /// The ceiling on the store's SQLite memory in MiB ([`STORE_MEMORY_MB`] unless
    /// `store_memory_mb` is set).
    pub store_memory_mb: u64,
    /// Entries the de-duplication memory holds at most ([`DEDUP_MAX_ENTRIES`] unless
    /// `dedup_max_entries` is set).
    pub dedup_max_entries: usize,
    /// Intel pulled, updated and imported on a schedule; the plan written again.
    pub schedule: Schedule,
    /// `[firewall_lists]`: block lists served to firewalls ([`super::edl`]).
    pub firewall_lists: Option<super::edl::FirewallListsConfig>,
    /// Each `[[syslog]]` table: where syslog messages are received.
    pub syslog: Vec<super::syslog::SyslogListen>,
    /// `[share]`: sightings shared back (`None` when off, the default).
    pub share: Option<super::share::ShareConfig>,
    /// `[email]`, `[[webhook]]` and `[notify]`: who is told about alerts, and how.
    pub notify: super::notify::NotifyConfig,
    /// `[web]`: the member's web pages (`None` when the section is absent).
    pub web: Option<super::web::WebConfig>,
}

impl DataDir {
    /// `watch.toml` in the data folder.
    pub fn watch_config_file(&self) -> PathBuf {
        self.root().join(WATCH_CONFIG_FILE)
    }

    /// Reads and checks `watch.toml`.
    pub fn watch_config(&self) -> Result<WatchConfig, WatchConfigError> {
        let path = self.watch_config_file();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(WatchConfigError::Missing { path })
            }
            Err(source) => return Err(WatchConfigError::Read { path, source }),
        };
        parse(&text, self.root(), &path)
    }
}

fn parse(text: &str, root: &Path, path: &Path) -> Result<WatchConfig, WatchConfigError> {
    let invalid = |message: String| WatchConfigError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        // The parser's message spans lines (a snippet of the file); one line is kept.
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                invalid(format!("line {line}: {message}"))
            }
            None => invalid(message),
        }
    })?;
    if raw.logs.is_empty()
        && raw.syslog.is_empty()
        && raw.pull.is_empty()
        && raw.feed.is_empty()
        && raw.update.is_none()
        && raw.firewall_lists.is_none()
    {
        return Err(invalid(
            "expected something to do: a [[logs]] table with a `path`, a [[syslog]] table with a `listen` address, intel to fetch ([[pull]], [[feed]], [update]), or [firewall_lists] to serve".into(),
        ));
    }
    let syslog = super::syslog::check(&raw.syslog, root).map_err(invalid)?;
    let mut logs = Vec::new();
    for (n, log) in raw.logs.iter().enumerate() {
        let key = format!("logs[{n}].path");
        if log.path.trim().is_empty() {
            return Err(invalid(format!(
                "{key}: expected a file or a glob, found \"\""
            )));
        }
        let p = root.join(&log.path);
        if let Some(parent) = p.parent() {
            if has_wildcard(&parent.to_string_lossy()) {
                return Err(invalid(format!(
                    "{key}: `{}`: wildcards are read in the file name only, not in folders",
                    log.path
                )));
            }
        }
        logs.push(p);
    }
    let alerts_file = root.join(
        raw.alerts_file
            .unwrap_or_else(|| PathBuf::from(ALERTS_FILE)),
    );
    let health_listen = match raw.health_listen {
        None => None,
        Some(addr) => Some(addr.parse::<SocketAddr>().map_err(|_| {
            invalid(format!(
                "health_listen: expected an address and port such as 127.0.0.1:9180, found \"{addr}\""
            ))
        })?),
    };
    let max_files = match raw.max_files {
        None => MAX_FILES,
        Some(n @ 1..=65_536) => n,
        Some(n) => {
            return Err(invalid(format!(
                "max_files: expected a number of files from 1 to 65536, found {n}"
            )))
        }
    };
    let store_memory_mb = match raw.store_memory_mb {
        None => STORE_MEMORY_MB,
        Some(n @ 4..=65_536) => n,
        Some(n) => {
            return Err(invalid(format!(
                "store_memory_mb: expected a number of MiB from 4 to 65536, found {n}"
            )))
        }
    };
    let dedup_max_entries = match raw.dedup_max_entries {
        None => DEDUP_MAX_ENTRIES,
        Some(n @ 100..=100_000_000) => n,
        Some(n) => {
            return Err(invalid(format!(
                "dedup_max_entries: expected a number of entries from 100 to 100000000, found {n}"
            )))
        }
    };
    let schedule = RawSchedule {
        pull: raw.pull,
        update: raw.update,
        feed: raw.feed,
        plan: raw.plan,
    };
    let schedule = super::schedule::check(&schedule, root).map_err(invalid)?;
    let firewall_lists = raw
        .firewall_lists
        .map(|section| section.check(root))
        .transpose()
        .map_err(invalid)?;
    let share = super::share::resolve(raw.share, root).map_err(invalid)?;
    let notify = super::notify::check(
        super::notify::RawSections {
            email: raw.email,
            webhooks: raw.webhook,
            notify: raw.notify,
            text,
        },
        root,
    )
    .map_err(invalid)?;
    let web = raw
        .web
        .map(|w| super::web::check(w, root))
        .transpose()
        .map_err(invalid)?;
    Ok(WatchConfig {
        web,
        logs,
        alerts_file,
        health_listen,
        max_files,
        store_memory_mb,
        dedup_max_entries,
        schedule,
        firewall_lists,
        syslog,
        share,
        notify,
    })
}

/// True when a path part holds a glob wildcard.
pub fn has_wildcard(text: &str) -> bool {
    text.contains('*') || text.contains('?')
}

/// The files a configured path names now: itself, or for a glob the matching files of its
/// folder in name order (none when the folder is missing).
pub fn expand(pattern: &Path) -> Vec<PathBuf> {
    let name = pattern
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !has_wildcard(&name) {
        return vec![pattern.to_path_buf()];
    }
    let dir = pattern.parent().unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| wildcard_match(name.as_bytes(), e.file_name().to_string_lossy().as_bytes()))
        // Rotated, compressed copies (`fw.log.2.gz`) were read before they were compressed.
        .filter(|e| !is_compressed_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// A name logrotate gives a compressed rotated file.
fn is_compressed_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".gz", ".bz2", ".xz", ".zst", ".zip"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// `*` matches any run of characters, `?` one; everything else itself.
fn wildcard_match(pattern: &[u8], name: &[u8]) -> bool {
    match (pattern.first(), name.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            wildcard_match(&pattern[1..], name)
                || (!name.is_empty() && wildcard_match(pattern, &name[1..]))
        }
        (Some(b'?'), Some(_)) => wildcard_match(&pattern[1..], &name[1..]),
        (Some(p), Some(n)) if p == n => wildcard_match(&pattern[1..], &name[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_resolves_paths_against_the_data_folder() {
        let root = Path::new("data");
        let c = parse(
            "health_listen = \"127.0.0.1:0\"\n[[logs]]\npath = \"logs/*.log\"\n",
            root,
            Path::new("data/watch.toml"),
        )
        .unwrap();
        assert_eq!(c.logs, [root.join("logs/*.log")]);
        assert_eq!(c.alerts_file, root.join("alerts.jsonl"));
        assert_eq!(c.health_listen, Some("127.0.0.1:0".parse().unwrap()));
    }

    #[test]
    fn a_bad_key_or_value_is_named() {
        let err = |text: &str| {
            parse(text, Path::new("d"), Path::new("d/watch.toml"))
                .unwrap_err()
                .to_string()
        };
        let e = err("[[logs]]\npaht = \"x\"\n");
        assert!(e.contains("paht") && e.contains("line 2"), "{e}");
        let e = err("store_memory_mb = 1\n[[logs]]\npath = \"x\"\n");
        assert!(
            e.contains("store_memory_mb: expected a number of MiB from 4 to 65536, found 1"),
            "{e}"
        );
        let e = err("dedup_max_entries = 5\n[[logs]]\npath = \"x\"\n");
        assert!(
            e.contains("dedup_max_entries: expected a number of entries from 100"),
            "{e}"
        );
        let e = err("max_files = 0\n[[logs]]\npath = \"x\"\n");
        assert!(
            e.contains("max_files: expected a number of files from 1"),
            "{e}"
        );
        let e = err("health_listen = \"nowhere\"\n[[logs]]\npath = \"x\"\n");
        assert!(e.contains("health_listen"), "{e}");
        let e = err("alerts_file = \"a.jsonl\"\n");
        assert!(e.contains("expected something to do"), "{e}");
        let e = err("[[logs]]\npath = \"*/x.log\"\n");
        assert!(e.contains("logs[0].path"), "{e}");
    }

    #[test]
    fn compressed_rotated_files_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["fw.log", "fw.log.1", "fw.log.2.gz", "fw.log.3.zst"] {
            std::fs::write(dir.path().join(name), "x\n").unwrap();
        }
        let found: Vec<String> = expand(&dir.path().join("fw.log*"))
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["fw.log", "fw.log.1"]);
    }

    #[test]
    fn wildcards_match_names() {
        assert!(wildcard_match(b"*.log", b"fw.log"));
        assert!(wildcard_match(b"fw-??.log", b"fw-01.log"));
        assert!(!wildcard_match(b"*.log", b"fw.log.1"));
    }
}
