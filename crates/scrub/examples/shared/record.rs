//! Shared by the examples that read the evaluation corpora (JSON lines with "text" and
//! optionally "org": {"name", "domains"}).

use serde_json::Value;
use ward_scrub::{ScrubConfig, ScrubError, Scrubber};

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// A scrubber for the organization a corpus record names (none: the default one).
pub fn record_scrubber(rec: &Value) -> Result<Scrubber, ScrubError> {
    let org = rec.get("org");
    Scrubber::new(ScrubConfig {
        org_domains: strings(org.and_then(|o| o.get("domains"))),
        org_names: strings(org.and_then(|o| o.get("name"))),
        ..Default::default()
    })
}
