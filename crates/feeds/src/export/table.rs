//! `stix` (a bundle of the selected indicators, unchanged) and `csv` (one row per value, with
//! its score, TLP, sources and allow-list verdict).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::json;

use super::{header, Export, ExportFormat, ExportOptions, Item};
use crate::local::ScoredIndicator;

pub(super) fn stix<'a>(indicators: impl Iterator<Item = &'a ScoredIndicator>) -> Export {
    let mut seen = BTreeSet::new();
    let objects: Vec<&ward_stix::StixObject> = indicators
        .filter(|i| seen.insert(i.object.id().to_string()))
        .map(|i| &i.object)
        .collect();
    let bundle = json!({
        "type": "bundle",
        "id": format!("bundle--{}", uuid::Uuid::new_v4()),
        "objects": objects,
    });
    let text = serde_json::to_string_pretty(&bundle).unwrap_or_default() + "\n";
    Export {
        text,
        entries: objects.len(),
        ..Export::default()
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(['=', '+', '-', '@']) {
        // Quote, and keep spreadsheets from reading a value as a formula.
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn csv(items: &[Item<'_>], options: &ExportOptions) -> Export {
    let mut text = header("#", ExportFormat::Csv, "nothing by itself: a table of indicators for review or a SIEM (allow-listed ones flagged, not removed)", items.len(), 0, options);
    text.push_str("type,value,score,tlp,sources,allow_listed,indicator_id,valid_until\n");
    for i in items {
        let tlp = i.tlp.map(|t| t.to_string()).unwrap_or_default();
        let until = i
            .indicator
            .object
            .get("valid_until")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        let _ = writeln!(
            text,
            "{},{},{},{},{},{},{},{}",
            i.kind().name(),
            csv_field(&i.value()),
            i.score,
            tlp,
            csv_field(&i.sources.join(" ")),
            csv_field(i.allow_listed.as_deref().unwrap_or("")),
            i.indicator.object.id(),
            until
        );
    }
    Export {
        text,
        entries: items.len(),
        ..Export::default()
    }
}
