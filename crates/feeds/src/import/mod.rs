//! Importers: outside formats into STIX 2.1 objects. One file per family of formats; the
//! [`Format`] table names them all, and [`sniff`] tells them apart by content.
//!
//! A bad line or entry is a [`Problem`] (file and line, or file and JSON path) and is skipped;
//! the rest of the file imports. Every indicator made here goes through
//! [`crate::indicator`], so it has a pattern, `valid_from`, a source identity with an external
//! reference, a confidence, and a deterministic id that merges duplicates across sources.
//!
//! Importers read foreign bytes: they split and look up with checked calls (`get`,
//! `split_once`...), never by slicing a `str` at a computed offset; the lints below keep it
//! so.

#![deny(
    clippy::string_slice,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

mod abusech;
mod dshield;
mod lists;
mod misp;
mod records;
mod spamhaus;
mod stix;
mod vulns;
mod warninglist;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use ward_stix::Timestamp;

use crate::indicator::{Collector, Entry, ImportedAllowList, Survey};
use crate::known::KnownIndex;
use crate::FeedsError;

/// Every format `ward import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A STIX 2.1 bundle, object or list of objects.
    Stix,
    /// A MISP feed folder (`manifest.json` + `<uuid>.json`) or one MISP event file.
    Misp,
    /// CSV with a header naming the value column (`indicator`, `value`, `ioc`, `ip`...).
    Csv,
    /// One value a line, `#` comments; hosts-file lines (`0.0.0.0 evil.example`) too.
    Text,
    /// abuse.ch Feodo Tracker IP blocklist CSV.
    Feodo,
    /// abuse.ch URLhaus CSV.
    Urlhaus,
    /// abuse.ch ThreatFox CSV export.
    ThreatfoxCsv,
    /// abuse.ch ThreatFox JSON export or API answer.
    ThreatfoxJson,
    /// abuse.ch MalwareBazaar CSV export.
    Malwarebazaar,
    /// Spamhaus DROP/EDROP text (`cidr ; SBL...`).
    SpamhausDrop,
    /// Spamhaus DROP NDJSON (`{"cidr": ..., "sblid": ...}` a line).
    SpamhausDropJson,
    /// DShield's recommended block list (`block.txt`: tab-separated netblocks).
    Dshield,
    /// A MISP warninglist (`list.json`): known-good values, imported as an allow-list.
    MispWarninglist,
    /// CISA Known Exploited Vulnerabilities, the JSON catalog or its CSV.
    Kev,
    /// FIRST EPSS scores CSV.
    Epss,
    /// CSAF 2.0 advisory JSON.
    Csaf,
    /// NVD CVE JSON 2.0.
    Nvd,
}

impl Format {
    pub const ALL: [Format; 17] = [
        Format::Stix,
        Format::Misp,
        Format::Csv,
        Format::Text,
        Format::Feodo,
        Format::Urlhaus,
        Format::ThreatfoxCsv,
        Format::ThreatfoxJson,
        Format::Malwarebazaar,
        Format::SpamhausDrop,
        Format::SpamhausDropJson,
        Format::Dshield,
        Format::MispWarninglist,
        Format::Kev,
        Format::Epss,
        Format::Csaf,
        Format::Nvd,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Stix => "stix",
            Format::Misp => "misp",
            Format::Csv => "csv",
            Format::Text => "text",
            Format::Feodo => "feodo",
            Format::Urlhaus => "urlhaus",
            Format::ThreatfoxCsv => "threatfox-csv",
            Format::ThreatfoxJson => "threatfox-json",
            Format::Malwarebazaar => "malwarebazaar",
            Format::SpamhausDrop => "spamhaus-drop",
            Format::SpamhausDropJson => "spamhaus-drop-json",
            Format::Dshield => "dshield",
            Format::MispWarninglist => "misp-warninglist",
            Format::Kev => "kev",
            Format::Epss => "epss",
            Format::Csaf => "csaf",
            Format::Nvd => "nvd",
        }
    }

    /// All names, comma-separated, for messages.
    pub fn names() -> String {
        Format::ALL.map(Format::name).join(", ")
    }

    pub fn parse(name: &str) -> Result<Format, FeedsError> {
        let n = name.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == n)
            .ok_or_else(|| FeedsError::BadFormatName(name.to_string(), Format::names()))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One entry that could not be imported, and why. `location` is a line number or a JSON
/// path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub location: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.location, self.message)
    }
}

/// What an import produced: STIX objects (indicators merged by value, their source
/// identities, vulnerabilities, reports...) and the entries skipped.
#[derive(Debug, Default)]
pub struct ImportResult {
    pub objects: Vec<Value>,
    pub problems: Vec<Problem>,
    /// Each file read and the format it was read as.
    pub files: Vec<(PathBuf, Format)>,
    /// Entries dated after the import (a feed's clock or time zone ahead): their indicators
    /// are valid from the import, the feed's date kept in `x_ward_original_valid_from`.
    pub clamped: usize,
    /// Allow-lists read (MISP warninglists), for the caller to save beside the store.
    pub allow_lists: Vec<ImportedAllowList>,
    /// Indicators left out of `objects` because the local store already holds them
    /// unchanged (see [`import_path_known`]); 0 otherwise.
    pub already_stored: usize,
}

/// Where readers put what they find.
pub(crate) struct Sink<'a> {
    pub file: &'a str,
    pub out: &'a mut Collector,
    pub problems: &'a mut Vec<Problem>,
}

impl Sink<'_> {
    pub fn problem(&mut self, location: impl fmt::Display, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            location: location.to_string(),
            message: message.into(),
        });
    }

    pub fn entry(&mut self, entry: &Entry) {
        self.out.add_entry(entry);
    }

    pub fn object(&mut self, object: Value) {
        self.out.add_object(object);
    }

    pub fn now(&self) -> Timestamp {
        self.out.now()
    }
}

/// Tells a format from the first bytes of a file (its name is not trusted: feeds are saved
/// under any name).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    let head = bytes.get(..64 * 1024).unwrap_or(bytes);
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    let has = |s: &str| text.contains(s);
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if warninglist::looks_like(text) {
            return Some(Format::MispWarninglist);
        }
        if has("\"sblid\"") && has("\"cidr\"") {
            return Some(Format::SpamhausDropJson);
        }
        if has("\"csaf_version\"") {
            return Some(Format::Csaf);
        }
        if has("\"catalogVersion\"") || (has("\"cveID\"") && has("\"vulnerabilities\"")) {
            return Some(Format::Kev);
        }
        if has("\"NVD_CVE\"")
            || (has("\"vulnerabilities\"") && has("\"cve\"") && has("\"descriptions\""))
        {
            return Some(Format::Nvd);
        }
        if has("\"ioc_value\"") || (has("\"query_status\"") && has("\"ioc\"")) {
            return Some(Format::ThreatfoxJson);
        }
        if has("\"Event\"") || has("\"Attribute\"") || (has("\"Orgc\"") && has("\"info\"")) {
            return Some(Format::Misp);
        }
        if has("\"type\"") && (has("\"spec_version\"") || has("\"objects\"") || has("--")) {
            return Some(Format::Stix);
        }
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if dshield::looks_like(&lower) {
        return Some(Format::Dshield);
    }
    if vulns::looks_like_kev_csv(&lower) {
        return Some(Format::Kev);
    }
    if lower.contains("dst_ip") && lower.contains("c2_status") {
        return Some(Format::Feodo);
    }
    if lower.contains("urlhaus_link") || lower.contains("# urlhaus") {
        return Some(Format::Urlhaus);
    }
    if lower.contains("ioc_value") && lower.contains("ioc_type") {
        return Some(Format::ThreatfoxCsv);
    }
    if lower.contains("sha256_hash") && lower.contains("first_seen_utc") {
        return Some(Format::Malwarebazaar);
    }
    if lower.contains("spamhaus") || spamhaus::looks_like_drop(text) {
        return Some(Format::SpamhausDrop);
    }
    if lower.contains("cve,epss,percentile") || lower.starts_with("#model_version") {
        return Some(Format::Epss);
    }
    if lists::looks_like_csv(text) {
        return Some(Format::Csv);
    }
    if !trimmed.is_empty() {
        return Some(Format::Text);
    }
    None
}

/// Imports a file or folder: a folder with `manifest.json` is a MISP feed, any other folder
/// is each of its files (in name order, each sniffed on its own). `format` overrides
/// sniffing.
pub fn import_path(path: &Path, format: Option<Format>) -> Result<ImportResult, FeedsError> {
    import_path_at(path, format, Timestamp::now())
}

/// [`import_path`] with the clock given (for tests and reproducible imports).
pub fn import_path_at(
    path: &Path,
    format: Option<Format>,
    now: Timestamp,
) -> Result<ImportResult, FeedsError> {
    import_path_known(path, format, now, None)
}

/// [`import_path_at`] that leaves out the entries the local store already holds unchanged
/// (`known`, from [`crate::LocalIntel::known_index`]): their indicators are not built, only
/// counted in [`ImportResult::already_stored`]. The daily re-import of a large list.
pub fn import_path_known(
    path: &Path,
    format: Option<Format>,
    now: Timestamp,
    known: Option<Arc<KnownIndex>>,
) -> Result<ImportResult, FeedsError> {
    install_pattern_checker();
    let mut collector = match known {
        Some(k) => Collector::with_known(now, k),
        None => Collector::new(now),
    };
    let mut result = ImportResult::default();
    read_path(path, format, &mut collector, &mut result)?;
    finish(collector, result)
}

/// What the first pass of [`import_path_streamed`] found: which indicators arrive more than
/// once, and the allow-lists read (for the caller to save before the objects are stored).
#[derive(Debug)]
pub struct Surveyed {
    pub survey: Survey,
    pub allow_lists: Vec<ImportedAllowList>,
}

/// The first pass of a streamed import: reads `path` as [`import_path_known`] would, building
/// nothing, and fails as it would (an unreadable file or an unknown format).
pub fn survey_path(
    path: &Path,
    format: Option<Format>,
    now: Timestamp,
) -> Result<Surveyed, FeedsError> {
    install_pattern_checker();
    let mut collector = Collector::survey(now);
    read_path(path, format, &mut collector, &mut ImportResult::default())?;
    let allow_lists = collector.take_allow_lists();
    Ok(Surveyed {
        survey: collector.into_survey(),
        allow_lists,
    })
}

/// [`import_path_known`] that hands its objects to `out` in batches of about `batch` as it
/// reads, instead of keeping them all: the same objects (an indicator listed several times
/// is handed over once, every listing merged in, after its last listing), the same problems
/// and counts. `surveyed` is [`survey_path`] of the same input. The result's `objects` is
/// empty. Reading stops building once `out`'s receiver hangs up.
pub fn import_path_streamed(
    path: &Path,
    format: Option<Format>,
    now: Timestamp,
    known: Option<Arc<KnownIndex>>,
    surveyed: Surveyed,
    batch: usize,
    out: SyncSender<Vec<Value>>,
) -> Result<ImportResult, FeedsError> {
    install_pattern_checker();
    let collector = match known {
        Some(k) => Collector::with_known(now, k),
        None => Collector::new(now),
    };
    let mut collector = collector.streaming(surveyed.survey, batch, out);
    let mut result = ImportResult::default();
    read_path(path, format, &mut collector, &mut result)?;
    result.clamped = collector.clamped();
    result.already_stored = collector.already_stored();
    result.allow_lists = collector.take_allow_lists();
    collector.finish_stream();
    Ok(result)
}

/// Reads a file or folder into `collector` (see [`import_path`]).
fn read_path(
    path: &Path,
    format: Option<Format>,
    collector: &mut Collector,
    result: &mut ImportResult,
) -> Result<(), FeedsError> {
    let meta = std::fs::metadata(path).map_err(|e| FeedsError::io(path, e))?;
    if meta.is_dir() {
        if path.join("manifest.json").is_file() && matches!(format, None | Some(Format::Misp)) {
            let label = path.display().to_string();
            let mut sink = Sink {
                file: &label,
                out: collector,
                problems: &mut result.problems,
            };
            misp::read_feed_dir(path, &mut sink)?;
            result.files.push((path.to_path_buf(), Format::Misp));
        } else {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| FeedsError::io(path, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            for file in files {
                let bytes = std::fs::read(&file).map_err(|e| FeedsError::io(&file, e))?;
                let Some(f) = format.or_else(|| sniff(&bytes)) else {
                    result.problems.push(Problem {
                        file: file.display().to_string(),
                        location: "1".into(),
                        message: format!(
                            "format not recognised; expected one of: {}",
                            Format::names()
                        ),
                    });
                    continue;
                };
                import_file(&file, &bytes, f, collector, &mut result.problems)?;
                result.files.push((file, f));
            }
        }
    } else {
        let bytes = std::fs::read(path).map_err(|e| FeedsError::io(path, e))?;
        let f = format
            .or_else(|| sniff(&bytes))
            .ok_or_else(|| FeedsError::UnknownFormat {
                path: path.to_path_buf(),
                expected: Format::names(),
            })?;
        import_file(path, &bytes, f, collector, &mut result.problems)?;
        result.files.push((path.to_path_buf(), f));
    }
    Ok(())
}

fn finish(mut collector: Collector, mut result: ImportResult) -> Result<ImportResult, FeedsError> {
    result.clamped = collector.clamped();
    result.already_stored = collector.already_stored();
    result.allow_lists = collector.take_allow_lists();
    result.objects = collector.finish();
    Ok(result)
}

/// Imports bytes already in memory as `format`; `label` names them in problems.
pub fn import_bytes(
    label: &str,
    bytes: &[u8],
    format: Format,
    now: Timestamp,
) -> Result<ImportResult, FeedsError> {
    install_pattern_checker();
    let mut collector = Collector::new(now);
    let mut result = ImportResult::default();
    import_file(
        Path::new(label),
        bytes,
        format,
        &mut collector,
        &mut result.problems,
    )?;
    result.files.push((PathBuf::from(label), format));
    finish(collector, result)
}

/// Imports MISP events already parsed (a MISP instance's `/events/restSearch` answer), each
/// read exactly as an event file of a MISP feed; `label` names them in problems, with the
/// event's index.
pub fn import_misp_events(label: &str, events: &[Value], now: Timestamp) -> ImportResult {
    install_pattern_checker();
    let mut collector = Collector::new(now);
    let mut result = ImportResult::default();
    for (i, event) in events.iter().enumerate() {
        let file = format!("{label}[{i}]");
        let mut sink = Sink {
            file: &file,
            out: &mut collector,
            problems: &mut result.problems,
        };
        misp::read_event(event, &mut sink);
    }
    result.files.push((PathBuf::from(label), Format::Misp));
    result.clamped = collector.clamped();
    result.already_stored = collector.already_stored();
    result.allow_lists = collector.take_allow_lists();
    result.objects = collector.finish();
    result
}

fn import_file(
    path: &Path,
    bytes: &[u8],
    format: Format,
    collector: &mut Collector,
    problems: &mut Vec<Problem>,
) -> Result<(), FeedsError> {
    let label = path.display().to_string();
    let first_problem = problems.len();
    let mut sink = Sink {
        file: &label,
        out: collector,
        problems,
    };
    let text = || String::from_utf8_lossy(bytes);
    match format {
        Format::Stix => stix::read(bytes, &mut sink),
        Format::Misp => misp::read_event_file(bytes, &mut sink),
        Format::Csv => lists::read_csv(&text(), &mut sink),
        Format::Text => lists::read_text(&text(), &mut sink),
        Format::Feodo => abusech::read_feodo(&text(), &mut sink),
        Format::Urlhaus => abusech::read_urlhaus(&text(), &mut sink),
        Format::ThreatfoxCsv => abusech::read_threatfox_csv(&text(), &mut sink),
        Format::ThreatfoxJson => abusech::read_threatfox_json(bytes, &mut sink),
        Format::Malwarebazaar => abusech::read_malwarebazaar(&text(), &mut sink),
        Format::SpamhausDrop => spamhaus::read_text(&text(), &mut sink),
        Format::SpamhausDropJson => spamhaus::read_ndjson(&text(), &mut sink),
        Format::Dshield => dshield::read(&text(), &mut sink),
        Format::MispWarninglist => warninglist::read(bytes, &mut sink),
        Format::Kev => vulns::read_kev(bytes, &mut sink),
        Format::Epss => vulns::read_epss(&text(), &mut sink),
        Format::Csaf => vulns::read_csaf(bytes, &mut sink),
        Format::Nvd => vulns::read_nvd(bytes, &mut sink),
    }
    // Readers may find problems out of order (a short line before a bad value); report
    // them in line order. Stable, so JSON paths keep their order.
    if let Some(new) = problems.get_mut(first_problem..) {
        new.sort_by_key(|p| p.location.parse::<usize>().unwrap_or(usize::MAX));
    }
    Ok(())
}

/// Lets STIX validation of imported objects check patterns fully.
pub fn install_pattern_checker() {
    ward_stix::validate::install_pattern_checker(|p| {
        ward_pattern::check(p)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
}

/// Sets `key` of a JSON object (nothing when `o` is not an object, which the objects built
/// here always are).
pub(crate) fn set(o: &mut Value, key: &str, value: Value) {
    if let Some(m) = o.as_object_mut() {
        m.insert(key.to_string(), value);
    }
}

/// Reads a 0-100 confidence, tolerating `75`, `75.0` and `0.75`.
pub(crate) fn confidence_of(text: &str) -> Option<u8> {
    let v: f64 = text.trim().parse().ok()?;
    if !(0.0..=100.0).contains(&v) {
        return None;
    }
    let v = if v <= 1.0 && text.contains('.') {
        v * 100.0
    } else {
        v
    };
    // In 0..=100 by the check above, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some(v.round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()).unwrap(), f);
        }
        assert!(Format::parse("xml").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_text_in_any_format_never_panics(text in "\\PC{0,200}") {
            let now = Timestamp::parse("2025-01-01T00:00:00Z").unwrap();
            for f in Format::ALL {
                let _ = import_bytes("prop", text.as_bytes(), f, now);
            }
            let _ = sniff(text.as_bytes());
        }
    }

    #[test]
    fn hostile_inputs_never_panic() {
        let long = "a".repeat(1 << 20);
        let inputs: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"{".to_vec(),
            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_vec(),
            vec![0xff, 0xfe, 0x00, 0x41],
            b"\"\"\"\",,,,\n,,,".to_vec(),
            long.clone().into_bytes(),
            format!("# dst_ip c2_status\n{long}").into_bytes(),
            b"{\"Event\": 5}".to_vec(),
            b"{\"vulnerabilities\": [{\"cve\": 1}], \"descriptions\": 1}".to_vec(),
            b"{\"type\": \"bundle\", \"objects\": [1, null, {}]}".to_vec(),
            b"{\"query_status\": \"ok\", \"data\": \"ioc\"}".to_vec(),
            b"{\"cidr\": 5, \"sblid\": []}\n{".to_vec(),
            b"cve,epss,percentile\nCVE-1,2,3\n,,\n".to_vec(),
        ];
        let now = Timestamp::parse("2025-01-01T00:00:00Z").unwrap();
        for input in &inputs {
            for f in Format::ALL {
                if f == Format::Misp && input.len() > 1000 {
                    continue;
                }
                let _ = import_bytes("hostile", input, f, now);
            }
            let _ = sniff(input);
        }
    }

    /// One small sample of every format, each with a multi-byte character.
    const SAMPLES: [(Format, &str); 18] = [
        (
            Format::Stix,
            r#"{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"caf\u00e9 é","pattern":"[ipv4-addr:value = '203.0.113.7']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}]}"#,
        ),
        (
            Format::Misp,
            r#"{"Event":{"uuid":"5e1d","info":"caf\u00e9 é","Orgc":{"name":"Ö"},"Attribute":[{"type":"ip-dst","value":"203.0.113.7","to_ids":true,"comment":"ü"},{"type":"text","value":"ß"}]}}"#,
        ),
        (Format::Csv, "indicator,description\n203.0.113.7,café €\n"),
        (Format::Text, "# liste évidente\n203.0.113.7 # café\nevil.example\t# ü\n"),
        (
            Format::Feodo,
            "# first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n\"2024-01-01 00:00:00\",203.0.113.7,443,online,2024-01-02,Émotet\n",
        ),
        (
            Format::Urlhaus,
            "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n\"1\",\"2024-01-01 00:00:00\",\"http://evil.example/é\",\"online\",\"\",\"malware_download\",\"é,ü\",\"https://urlhaus.abuse.ch/url/1/\",\"ö\"\n",
        ),
        (
            Format::ThreatfoxCsv,
            "# first_seen_utc,ioc_id,ioc_value,ioc_type,threat_type,fk_malware,malware_alias,malware_printable,last_seen_utc,confidence_level,reference,tags,anonymous,reporter\n\"2024-01-01 00:00:00\", \"1\", \"evil.example\", \"domain\", \"botnet_cc\", \"x\", \"é\", \"Ünknown\", \"\", \"75\", \"\", \"é\", \"0\", \"ö\"\n",
        ),
        (
            Format::ThreatfoxJson,
            r#"{"1":[{"ioc_value":"evil.example","ioc_type":"domain","malware_printable":"É","confidence_level":75,"tags":"ü"}]}"#,
        ),
        (
            Format::Malwarebazaar,
            "# first_seen_utc,sha256_hash,md5_hash,sha1_hash,reporter,file_name,file_type_guess,mime_type,signature\n\"2024-01-01 00:00:00\", \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\", \"d41d8cd98f00b204e9800998ecf8427e\", \"da39a3ee5e6b4b0d3255bfef95601890afd80709\", \"ö\", \"café.exe\", \"exe\", \"x\", \"É\"\n",
        ),
        (Format::SpamhausDrop, "; Spamhaus DROP é\n192.0.2.0/24 ; SBL1 é\n"),
        (
            Format::SpamhausDropJson,
            "{\"cidr\":\"192.0.2.0/24\",\"sblid\":\"SBLé\",\"rir\":\"ö\"}\n",
        ),
        (
            Format::Dshield,
            "# DShield é\nStart\tEnd\tNetblock\tAttacks\tName\tCountry\temail\n192.0.2.0\t192.0.2.255\t24\t12\tRéseau\tFR\ta@b.example\n",
        ),
        (
            Format::MispWarninglist,
            r#"{"name":"Liste é","version":1,"description":"ü","type":"hostname","list":["evil.example","203.0.113.0/24"]}"#,
        ),
        (
            Format::Kev,
            "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes\n\"CVE-2024-0001\",\"É\",\"ü\",\"ß \"\"q\"\", x\",\"2024-01-01\",\"é\nline\",\"é\",\"2024-01-21\",\"Unknown\",\"\",\"CWE-79\"\n",
        ),
        (
            Format::Kev,
            r#"{"catalogVersion":"1","vulnerabilities":[{"cveID":"CVE-2024-0001","vendorProject":"É","product":"ü","vulnerabilityName":"ß","dateAdded":"2024-01-01","shortDescription":"é","requiredAction":"é","dueDate":"2024-01-21","knownRansomwareCampaignUse":"Unknown","notes":"é"}]}"#,
        ),
        (Format::Epss, "#model_version:é,score_date:2024-01-01\ncve,epss,percentile\nCVE-2024-0001,0.5,0.9\n"),
        (
            Format::Csaf,
            r#"{"document":{"csaf_version":"2.0","title":"é","tracking":{"id":"ICSMA-é"}},"vulnerabilities":[{"cve":"CVE-2024-0001","title":"ü"}]}"#,
        ),
        (
            Format::Nvd,
            r#"{"vulnerabilities":[{"cve":{"id":"CVE-2024-0001","descriptions":[{"lang":"en","value":"café"}]}}]}"#,
        ),
    ];

    /// Every importer on its sample with a character of every UTF-8 width, an invalid byte
    /// or a truncated character put at every byte position: entries are imported or
    /// reported, never a panic.
    #[test]
    fn every_importer_takes_foreign_bytes_anywhere() {
        let now = Timestamp::parse("2025-01-01T00:00:00Z").unwrap();
        let inserts: [&[u8]; 5] = [
            "\u{e9}".as_bytes(),
            "\u{1f600}".as_bytes(),
            b"\xff",
            b"\xc3",
            b"\xe2\x82",
        ];
        let mut failures = Vec::new();
        for (format, sample) in SAMPLES {
            let r = import_bytes("sample", sample.as_bytes(), format, now).unwrap();
            failures.extend(
                ((r.objects.is_empty() && r.allow_lists.is_empty()) || !r.problems.is_empty())
                    .then(|| format!("{format}: {:?}", r.problems)),
            );
            let bytes = sample.as_bytes();
            for at in 0..=bytes.len() {
                let (head, tail) = bytes.split_at(at);
                for insert in inserts {
                    let input = [head, insert, tail].concat();
                    let _ = import_bytes("sample", &input, format, now);
                    let _ = sniff(&input);
                }
                let _ = import_bytes("sample", head, format, now);
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
