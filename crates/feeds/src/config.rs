//! The member's feed configuration: `feeds.toml` in the data folder (optional; every key has
//! a default). Example with the defaults:
//!
//! ```toml
//! # score(age) = base × (1 − (age / lifetime)^(1 / speed)), and 0 from `lifetime` on
//! # (the polynomial decay of MISP's decaying model). Age counts from the latest of valid_from,
//! # the last modification and the last sighting.
//! [decay.ip]
//! lifetime_days = 30
//! speed = 2.0
//! [decay.domain]
//! lifetime_days = 180
//! speed = 1.5
//! [decay.url]
//! lifetime_days = 90
//! speed = 1.5
//! [decay.hash]
//! lifetime_days = 730
//! speed = 1.0
//! [decay.email]
//! lifetime_days = 180
//! speed = 1.5
//!
//! # base = confidence (or default_confidence) + per_extra_source × (sources − 1)
//! #        + per_sighting × sightings, capped at 100
//! [score]
//! default_confidence = 50
//! per_extra_source = 10
//! per_sighting = 10
//!
//! # Local additions to the shipped allow-lists (same syntax as the data files).
//! [allow]
//! entries = ["portal.clinic.example", "203.0.113.0/24"]
//!
//! # `ward update`: the sources it fetches by default and their addresses. A CSAF address is
//! # a distribution folder holding `changes.csv` (CSAF 2.0 section 7.1.16).
//! [update]
//! sources = ["kev", "epss", "csaf", "nvd"]
//! kev_url = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
//! epss_url = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"
//! csaf_url = "https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/"
//! nvd_url = "https://services.nvd.nist.gov/rest/json/cves/2.0"
//! # Seconds between NVD requests; when left out, 6 without an API key and 0.6 with one.
//! # nvd_delay_seconds = 6.0
//! nvd_page_size = 2000
//! # Days of NVD changes the first run fetches, besides the records CISA lists as exploited.
//! nvd_first_days = 120
//! retry_seconds = 5.0
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::observable::ObservableKind;
use crate::FeedsError;

/// File name of the configuration inside the data folder.
pub const FILE_NAME: &str = "feeds.toml";

/// How one family of indicators ages.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecayParams {
    /// Days after which the score is 0.
    pub lifetime_days: f64,
    /// Above 1 the score drops fast at first, then slowly; 1 is linear.
    pub speed: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecayConfig {
    pub ip: DecayParams,
    pub domain: DecayParams,
    pub url: DecayParams,
    pub hash: DecayParams,
    pub email: DecayParams,
}

impl Default for DecayConfig {
    fn default() -> Self {
        // IP addresses change hands within weeks; domains are registered for months; a
        // file hash names the same bad file forever, but samples stop circulating.
        DecayConfig {
            ip: DecayParams {
                lifetime_days: 30.0,
                speed: 2.0,
            },
            domain: DecayParams {
                lifetime_days: 180.0,
                speed: 1.5,
            },
            url: DecayParams {
                lifetime_days: 90.0,
                speed: 1.5,
            },
            hash: DecayParams {
                lifetime_days: 730.0,
                speed: 1.0,
            },
            email: DecayParams {
                lifetime_days: 180.0,
                speed: 1.5,
            },
        }
    }
}

impl DecayConfig {
    pub fn for_kind(&self, kind: ObservableKind) -> DecayParams {
        match kind {
            ObservableKind::Ip => self.ip,
            ObservableKind::Domain => self.domain,
            ObservableKind::Url => self.url,
            ObservableKind::Hash => self.hash,
            ObservableKind::Email => self.email,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreConfig {
    pub default_confidence: u8,
    pub per_extra_source: f64,
    pub per_sighting: f64,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            default_confidence: 50,
            per_extra_source: 10.0,
            per_sighting: 10.0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AllowConfig {
    pub entries: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedsConfig {
    pub decay: DecayConfig,
    pub score: ScoreConfig,
    pub allow: AllowConfig,
    /// Where `ward update` downloads vulnerability data from, and how fast.
    pub update: crate::update::UpdateConfig,
}

impl FeedsConfig {
    /// Reads `feeds.toml` from the data folder; defaults when there is none.
    pub fn load(data_dir: &Path) -> Result<FeedsConfig, FeedsError> {
        let path = data_dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => FeedsConfig::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FeedsConfig::default()),
            Err(e) => Err(FeedsError::io(path, e)),
        }
    }

    pub fn parse(path: &Path, text: &str) -> Result<FeedsConfig, FeedsError> {
        let config: FeedsConfig = toml::from_str(text).map_err(|e| FeedsError::Config {
            path: PathBuf::from(path),
            message: e.message().to_string(),
        })?;
        for kind in ObservableKind::ALL {
            let p = config.decay.for_kind(kind);
            if !(p.lifetime_days.is_finite()
                && p.lifetime_days > 0.0
                && p.speed.is_finite()
                && p.speed > 0.0)
            {
                return Err(FeedsError::Config {
                    path: PathBuf::from(path),
                    message: format!(
                        "decay.{}: expected lifetime_days > 0 and speed > 0",
                        kind.name()
                    ),
                });
            }
        }
        config
            .update
            .check()
            .map_err(|message| FeedsError::Config {
                path: PathBuf::from(path),
                message,
            })?;
        Ok(config)
    }

    /// The shipped allow-lists, the imported ones (`allow-lists/` in the data folder `path`)
    /// and the local entries.
    pub fn allow_list(&self, path: &Path) -> Result<crate::allowlist::AllowList, FeedsError> {
        let mut list = crate::allowlist::AllowList::shipped();
        list.add_imported(path)?;
        for entry in &self.allow.entries {
            list.add("local", entry)
                .map_err(|message| FeedsError::Config {
                    path: path.join(FILE_NAME),
                    message: format!("allow.entries: {message}"),
                })?;
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example_is_the_default() {
        let doc = include_str!("config.rs");
        let example: String = doc
            .lines()
            .skip_while(|l| !l.contains("```toml"))
            .skip(1)
            .take_while(|l| !l.contains("```"))
            .map(|l| l.trim_start_matches("//!").trim_start())
            .collect::<Vec<_>>()
            .join("\n");
        let parsed = FeedsConfig::parse(Path::new("x"), &example).unwrap();
        assert_eq!(parsed.decay, DecayConfig::default());
        assert_eq!(parsed.score, ScoreConfig::default());
        assert_eq!(parsed.allow.entries.len(), 2);
        assert_eq!(parsed.update, crate::update::UpdateConfig::default());
    }

    #[test]
    fn bad_configs_name_the_key() {
        let e = FeedsConfig::parse(
            Path::new("f.toml"),
            "[decay.ip]\nlifetime_days = 0\nspeed = 1\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("decay.ip"), "{e}");
        assert!(FeedsConfig::parse(Path::new("f.toml"), "[nope]\n").is_err());
        let e = FeedsConfig::parse(Path::new("f.toml"), "[update]\nsources = [\"osv\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("update.sources") && e.contains("`osv`"), "{e}");
    }
}
