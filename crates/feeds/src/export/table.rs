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

/// The `stix` export built an indicator at a time: the text [`stix`] makes of the same
/// indicators, kept as text (and the ids seen), never as indicators.
#[derive(Default)]
pub(super) struct StixBundle {
    objects: String,
    seen: BTreeSet<String>,
    entries: usize,
}

impl StixBundle {
    /// Takes in one selected indicator (a second one with an id already taken in is passed
    /// over, as [`stix`] does).
    pub(super) fn add(&mut self, indicator: &ScoredIndicator) {
        if !self.seen.insert(indicator.object.id().to_string()) {
            return;
        }
        // As `json!` turns it into a value inside the bundle, then indented two levels.
        let value = serde_json::to_value(&indicator.object).unwrap_or_default();
        let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
        if self.entries > 0 {
            self.objects.push_str(",\n");
        }
        for (n, line) in pretty.lines().enumerate() {
            if n > 0 {
                self.objects.push('\n');
            }
            self.objects.push_str("    ");
            self.objects.push_str(line);
        }
        self.entries += 1;
    }

    pub(super) fn finish(self) -> Export {
        let id = format!("bundle--{}", uuid::Uuid::new_v4());
        let mut text = format!(
            "{{\n  \"type\": \"bundle\",\n  \"id\": {},\n  \"objects\": ",
            serde_json::Value::String(id)
        );
        if self.entries == 0 {
            text.push_str("[]");
        } else {
            text.push_str("[\n");
            text.push_str(&self.objects);
            text.push_str("\n  ]");
        }
        text.push_str("\n}\n");
        Export {
            text,
            entries: self.entries,
            ..Export::default()
        }
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
