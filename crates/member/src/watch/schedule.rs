//! Intel in on a schedule: the `[[pull]]`, `[update]`, `[[feed]]` and `[plan]` sections of
//! `watch.toml`, when each source is due (its period, a random delay so a hub's members do not
//! all arrive in the same second, a growing delay after failures) and the status of each
//! source, kept in the member's store so `ward watch --status` and `/healthz` can say when it
//! last succeeded, and a restart does not pull again what was pulled a minute ago.
//!
//! The work itself (a pull, an update, an import, a plan) is done by the CLI running the same
//! `ward` commands a person runs, so a scheduled pull is exactly a manual one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ward_store::Store;

use crate::MemberError;

/// Key prefix of each source's status in the store's settings.
pub const STATUS_PREFIX: &str = "watch/source/";

/// The longest wait after failures, whatever the period.
const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);
/// The first wait after a failure; doubled on each further failure.
const FIRST_BACKOFF: Duration = Duration::from_secs(30);

/// `[[pull]]`: a hub collection pulled on a schedule (`ward pull`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPull {
    pub from: String,
    pub collection: String,
    pub token_file: Option<PathBuf>,
    pub ca_cert: Option<PathBuf>,
    pub every: Option<String>,
}

/// `[update]`: `ward update` of the sources named in the feeds configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdate {
    pub every: Option<String>,
}

/// `[[feed]]`: a feed file re-imported when it changes, or a URL downloaded and imported.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeed {
    pub path: Option<PathBuf>,
    pub url: Option<String>,
    /// `ward import --format` (told from the content when absent).
    pub format: Option<String>,
    pub ca_cert: Option<PathBuf>,
    pub every: Option<String>,
}

/// `[plan]`: the weekly plan (`ward report`) written again on a schedule and soon after an
/// urgent alert.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub every: Option<String>,
    /// Where the plan's HTML is written (relative to the data folder).
    pub html: Option<PathBuf>,
    /// Alerts with at least this score bring the plan forward.
    pub urgent_score: Option<u8>,
    /// How long after an urgent alert the plan is written (alerts in that time make one plan).
    pub urgent_delay: Option<String>,
}

/// The schedule sections as written in `watch.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RawSchedule {
    #[serde(default)]
    pub pull: Vec<RawPull>,
    pub update: Option<RawUpdate>,
    #[serde(default)]
    pub feed: Vec<RawFeed>,
    pub plan: Option<RawPlan>,
}

/// What a scheduled source does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Pull {
        from: String,
        collection: String,
        token_file: Option<PathBuf>,
        ca_cert: Option<PathBuf>,
    },
    Update,
    FeedFile {
        path: PathBuf,
        format: Option<String>,
    },
    FeedUrl {
        url: String,
        /// Where the download is kept (in the data folder) and imported from.
        file: PathBuf,
        format: Option<String>,
        ca_cert: Option<PathBuf>,
    },
    Plan {
        html: PathBuf,
    },
}

/// One scheduled source: its key (stable across restarts: the status is kept under it),
/// what it does and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub key: String,
    pub job: Job,
    pub every: Duration,
}

/// The checked schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pub sources: Vec<Source>,
    /// Alerts with at least this score bring the plan forward (when `[plan]` is set).
    pub plan_urgent_score: Option<u8>,
    /// How long after an urgent alert the plan is written.
    pub plan_urgent_delay: Duration,
}

impl Schedule {
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

/// Default periods.
const PULL_EVERY: Duration = Duration::from_secs(3600);
const UPDATE_EVERY: Duration = Duration::from_secs(24 * 3600);
const FEED_EVERY: Duration = Duration::from_secs(6 * 3600);
const PLAN_EVERY: Duration = Duration::from_secs(24 * 3600);
/// The default score at which an alert brings the plan forward (scores run 0–100 and decay
/// with age; 20 is where `ward export` puts an indicator on block lists, as for notifications).
const PLAN_URGENT_SCORE: u8 = 20;
const PLAN_URGENT_DELAY: Duration = Duration::from_secs(60);

/// Checks the schedule sections; `Err` is one line naming the key and what was expected.
pub fn check(raw: &RawSchedule, root: &Path) -> Result<Schedule, String> {
    let mut sources = Vec::new();
    for (n, p) in raw.pull.iter().enumerate() {
        let at = |k: &str| format!("pull[{n}].{k}");
        if !(p.from.starts_with("https://") || p.from.starts_with("http://")) {
            return Err(format!(
                "{}: expected the hub's TAXII URL (https://...), found \"{}\"",
                at("from"),
                p.from
            ));
        }
        if p.collection.trim().is_empty() {
            return Err(format!(
                "{}: expected a collection id (see `ward pull --from URL --list`)",
                at("collection")
            ));
        }
        sources.push(Source {
            key: format!("pull {} {}", p.from, p.collection),
            job: Job::Pull {
                from: p.from.clone(),
                collection: p.collection.clone(),
                token_file: p.token_file.as_ref().map(|f| root.join(f)),
                ca_cert: p.ca_cert.as_ref().map(|f| root.join(f)),
            },
            every: period(p.every.as_deref(), PULL_EVERY, &at("every"))?,
        });
    }
    if let Some(u) = &raw.update {
        sources.push(Source {
            key: "update".into(),
            job: Job::Update,
            every: period(u.every.as_deref(), UPDATE_EVERY, "update.every")?,
        });
    }
    for (n, f) in raw.feed.iter().enumerate() {
        let at = |k: &str| format!("feed[{n}].{k}");
        let every = period(f.every.as_deref(), FEED_EVERY, &at("every"))?;
        let (key, job) = match (&f.path, &f.url) {
            (Some(path), None) => {
                if f.ca_cert.is_some() {
                    return Err(format!("{}: only for a `url` feed", at("ca_cert")));
                }
                let path = root.join(path);
                (
                    format!("feed {}", path.display()),
                    Job::FeedFile {
                        path,
                        format: f.format.clone(),
                    },
                )
            }
            (None, Some(url)) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(format!(
                        "{}: expected an https:// or http:// address, found \"{url}\"",
                        at("url")
                    ));
                }
                (
                    format!("feed {url}"),
                    Job::FeedUrl {
                        url: url.clone(),
                        file: root.join("watch-feeds").join(download_name(url)),
                        format: f.format.clone(),
                        ca_cert: f.ca_cert.as_ref().map(|c| root.join(c)),
                    },
                )
            }
            _ => {
                return Err(format!(
                    "feed[{n}]: expected exactly one of `path` (a file re-imported when it changes) or `url` (downloaded, then imported)"
                ))
            }
        };
        sources.push(Source { key, job, every });
    }
    let mut plan_urgent_score = None;
    let mut plan_urgent_delay = PLAN_URGENT_DELAY;
    if let Some(p) = &raw.plan {
        let html = root.join(p.html.clone().unwrap_or_else(|| "plan.html".into()));
        sources.push(Source {
            key: "plan".into(),
            job: Job::Plan { html },
            every: period(p.every.as_deref(), PLAN_EVERY, "plan.every")?,
        });
        let score = p.urgent_score.unwrap_or(PLAN_URGENT_SCORE);
        if score > 100 {
            return Err(format!(
                "plan.urgent_score: expected a score from 0 to 100, found {score}"
            ));
        }
        plan_urgent_score = Some(score);
        plan_urgent_delay = period(
            p.urgent_delay.as_deref(),
            PLAN_URGENT_DELAY,
            "plan.urgent_delay",
        )?;
    }
    let mut keys: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("{}: named twice", w[0]));
    }
    Ok(Schedule {
        sources,
        plan_urgent_score,
        plan_urgent_delay,
    })
}

/// A file name for a downloaded feed: the URL's last part, made safe, with a short hash of
/// the whole URL so two feeds named `ipblocklist.csv` on different hosts do not collide.
fn download_name(url: &str) -> String {
    let last = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("feed");
    let safe: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    // FNV-1a: stable across runs and versions, unlike the standard library's hasher.
    let mut h: u32 = 0x811c_9dc5;
    for b in url.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}-{safe}")
}

/// Parses a period such as `30s`, `15m`, `1h`, `7d` (at least 1 s, at most 366 days).
pub fn parse_period(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (digits, unit) = text.split_at(split);
    let n: u64 = digits.parse().ok()?;
    let secs = match unit.trim() {
        "s" => n,
        "m" => n.checked_mul(60)?,
        "h" => n.checked_mul(3600)?,
        "d" => n.checked_mul(86_400)?,
        _ => return None,
    };
    (1..=366 * 86_400)
        .contains(&secs)
        .then(|| Duration::from_secs(secs))
}

fn period(text: Option<&str>, default: Duration, key: &str) -> Result<Duration, String> {
    match text {
        None => Ok(default),
        Some(t) => parse_period(t).ok_or_else(|| {
            format!("{key}: expected a period such as \"30m\", \"6h\" or \"1d\" (s, m, h, d; at least 1s), found \"{t}\"")
        }),
    }
}

/// What is kept about a source between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStatus {
    /// When it last ran (STIX timestamp, UTC).
    pub last_attempt: Option<String>,
    /// When it last succeeded.
    pub last_success: Option<String>,
    /// Why the last run failed (cleared on success).
    pub last_error: Option<String>,
    /// Failures in a row.
    #[serde(default)]
    pub failures: u32,
    /// What the last success said, in one line (`pulled 12 objects, 3 new`).
    pub summary: Option<String>,
    /// For a downloaded feed: the server's `ETag` and `Last-Modified`, sent back so an
    /// unchanged feed costs one small request.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// For a feed file: its size and modification time when last imported.
    pub file_stamp: Option<String>,
}

impl SourceStatus {
    pub fn load(store: &dyn Store, key: &str) -> Result<SourceStatus, MemberError> {
        let k = format!("{STATUS_PREFIX}{key}");
        let found = store
            .setting(&k)
            .map_err(|e| MemberError::Journal(e.to_string()))?;
        Ok(found
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    pub fn save(&self, store: &dyn Store, key: &str) -> Result<(), MemberError> {
        let text = serde_json::to_string(self).map_err(MemberError::Serialize)?;
        store
            .set_setting(&format!("{STATUS_PREFIX}{key}"), Some(&text))
            .map_err(|e| MemberError::Journal(e.to_string()))
    }

    /// Every kept status, by source key (sources no longer configured included).
    pub fn all(store: &dyn Store) -> Result<Vec<(String, SourceStatus)>, MemberError> {
        let found = store
            .settings(STATUS_PREFIX)
            .map_err(|e| MemberError::Journal(e.to_string()))?;
        Ok(found
            .into_iter()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix(STATUS_PREFIX)?.to_string();
                Some((key, serde_json::from_str(&v).ok()?))
            })
            .collect())
    }

    /// Records a success.
    pub fn succeeded(&mut self, at: &str, summary: String) {
        self.last_attempt = Some(at.to_string());
        self.last_success = Some(at.to_string());
        self.last_error = None;
        self.failures = 0;
        self.summary = Some(summary);
    }

    /// Records a failure.
    pub fn failed(&mut self, at: &str, error: String) {
        self.last_attempt = Some(at.to_string());
        self.last_error = Some(error);
        self.failures = self.failures.saturating_add(1);
    }
}

/// How long to wait before a source runs again, given its status: its period after a
/// success, a doubling delay after failures (30 s, 1 min, 2 min... never more than the
/// period or six hours), each stretched by up to a tenth at random (`spread` in 0..1) so the
/// members of a hub spread out.
pub fn next_wait(every: Duration, failures: u32, spread: f64) -> Duration {
    let base = if failures == 0 {
        every
    } else {
        let doubled = FIRST_BACKOFF.saturating_mul(1u32 << failures.saturating_sub(1).min(20));
        doubled.min(every).min(MAX_BACKOFF)
    };
    base + base.mul_f64(spread.clamp(0.0, 1.0) / 10.0)
}

/// How long after start a source first runs: at once (after a small random delay, at most
/// `startup_spread`) when it never succeeded or its period has passed since; otherwise when
/// its period since the last success is up. `since_success` is how long ago that was.
pub fn first_wait(
    every: Duration,
    since_success: Option<Duration>,
    startup_spread: Duration,
    spread: f64,
) -> Duration {
    let jitter = startup_spread.mul_f64(spread.clamp(0.0, 1.0));
    match since_success {
        Some(ago) if ago < every => (every - ago) + jitter,
        _ => jitter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawSchedule {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn periods_read_as_written() {
        assert_eq!(parse_period("30s"), Some(Duration::from_secs(30)));
        assert_eq!(parse_period("15m"), Some(Duration::from_secs(900)));
        assert_eq!(parse_period("6h"), Some(Duration::from_secs(21_600)));
        assert_eq!(parse_period("1d"), Some(Duration::from_secs(86_400)));
        for bad in [
            "",
            "h",
            "0s",
            "10",
            "5 weeks",
            "-1h",
            "99999999999999999999d",
            "400d",
        ] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
    }

    #[test]
    fn sections_become_sources_with_paths_in_the_data_folder() {
        let s = check(
            &raw(
                "[[pull]]\nfrom = \"https://hub.example.org/taxii2/api/\"\ncollection = \"c1\"\ntoken_file = \"hub.token\"\nevery = \"30m\"\n\
                 [update]\n[[feed]]\npath = \"feeds/feodo.csv\"\n[[feed]]\nurl = \"https://feeds.example.org/x/ipblocklist.csv?v=1\"\n\
                 [plan]\nurgent_score = 80\n",
            ),
            Path::new("data"),
        )
        .unwrap();
        assert_eq!(s.sources.len(), 5);
        assert_eq!(s.sources[0].every, Duration::from_secs(1800));
        assert_eq!(
            s.sources[0].job,
            Job::Pull {
                from: "https://hub.example.org/taxii2/api/".into(),
                collection: "c1".into(),
                token_file: Some(Path::new("data").join("hub.token")),
                ca_cert: None,
            }
        );
        assert_eq!(s.sources[1].every, UPDATE_EVERY);
        let Job::FeedUrl { file, .. } = &s.sources[3].job else {
            panic!("{:?}", s.sources[3]);
        };
        assert!(file.starts_with("data/watch-feeds"), "{}", file.display());
        assert!(
            file.to_string_lossy().ends_with("-ipblocklist.csv"),
            "{}",
            file.display()
        );
        assert_eq!(s.plan_urgent_score, Some(80));
    }

    #[test]
    fn mistakes_are_named() {
        let err = |t: &str| check(&raw(t), Path::new("d")).unwrap_err();
        assert!(err("[[pull]]\nfrom = \"hub\"\ncollection = \"c\"\n").contains("pull[0].from"));
        assert!(err("[[pull]]\nfrom = \"https://h/\"\ncollection = \" \"\n")
            .contains("pull[0].collection"));
        assert!(err("[update]\nevery = \"daily\"\n").contains("update.every"));
        assert!(err("[[feed]]\nformat = \"csv\"\n").contains("exactly one of"));
        assert!(err("[[feed]]\npath = \"a\"\nurl = \"https://x/\"\n").contains("exactly one of"));
        assert!(err("[[feed]]\nurl = \"ftp://x/\"\n").contains("feed[0].url"));
        assert!(err("[[feed]]\npath = \"a\"\n[[feed]]\npath = \"a\"\n").contains("named twice"));
        assert!(err("[plan]\nurgent_score = 101\n").contains("plan.urgent_score"));
    }

    #[test]
    fn failures_back_off_and_never_wait_beyond_the_period() {
        let hour = Duration::from_secs(3600);
        assert_eq!(next_wait(hour, 0, 0.0), hour);
        assert_eq!(next_wait(hour, 1, 0.0), Duration::from_secs(30));
        assert_eq!(next_wait(hour, 2, 0.0), Duration::from_secs(60));
        assert_eq!(next_wait(hour, 4, 0.0), Duration::from_secs(240));
        assert_eq!(next_wait(hour, 30, 0.0), hour);
        let day = Duration::from_secs(86_400);
        assert_eq!(next_wait(day, 60, 0.0), MAX_BACKOFF);
        // The random stretch is at most a tenth.
        assert_eq!(next_wait(hour, 0, 1.0), hour + Duration::from_secs(360));
    }

    #[test]
    fn a_restart_waits_for_what_succeeded_recently() {
        let hour = Duration::from_secs(3600);
        let spread = Duration::from_secs(10);
        assert_eq!(
            first_wait(hour, Some(Duration::from_secs(600)), spread, 0.0),
            Duration::from_secs(3000)
        );
        assert_eq!(first_wait(hour, None, spread, 0.5), Duration::from_secs(5));
        assert_eq!(
            first_wait(hour, Some(Duration::from_secs(7200)), spread, 0.0),
            Duration::ZERO
        );
    }

    #[test]
    fn download_names_are_safe_and_distinct() {
        let a = download_name("https://a.example/ipblocklist.csv");
        let b = download_name("https://b.example/ipblocklist.csv");
        assert_ne!(a, b);
        assert!(download_name("https://x/../../etc/passwd?x=/y").ends_with("-passwd"));
        assert!(!download_name("https://x/a b\\c").contains(['/', '\\', ' ']));
    }
}
