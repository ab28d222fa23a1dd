//! Exports: the local indicators in the forms firewalls, DNS servers and IDSs take. One file
//! per format family; [`ExportFormat`] is the table of them.
//!
//! Every export applies the same selection: indicators scoring at least `min_score` (after
//! decay), with a TLP at or below `max_tlp` (an unmarked indicator counts as TLP:GREEN), and,
//! for the blocking formats, not allow-listed. Every file starts with a comment that says
//! what it blocks, how many entries it holds and when it was made (`stix` excepted: JSON has
//! no comments).

mod ids;
mod plain;
mod rpz;
mod table;
mod zeek;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ward_stix::{Timestamp, Tlp};

use crate::local::ScoredIndicator;
use crate::observable::{self, Observable, ObservableKind};
use crate::FeedsError;

/// Every export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Stix,
    Csv,
    PlainIp,
    PlainDomain,
    PlainUrl,
    Rpz,
    Suricata,
    ZeekIntel,
    Snort,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::Stix,
        ExportFormat::Csv,
        ExportFormat::PlainIp,
        ExportFormat::PlainDomain,
        ExportFormat::PlainUrl,
        ExportFormat::Rpz,
        ExportFormat::Suricata,
        ExportFormat::ZeekIntel,
        ExportFormat::Snort,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Stix => "stix",
            ExportFormat::Csv => "csv",
            ExportFormat::PlainIp => "plain-ip",
            ExportFormat::PlainDomain => "plain-domain",
            ExportFormat::PlainUrl => "plain-url",
            ExportFormat::Rpz => "rpz",
            ExportFormat::Suricata => "suricata",
            ExportFormat::ZeekIntel => "zeek-intel",
            ExportFormat::Snort => "snort",
        }
    }

    pub fn parse(name: &str) -> Result<ExportFormat, FeedsError> {
        let n = name.trim().to_ascii_lowercase();
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name() == n)
            .ok_or_else(|| {
                FeedsError::BadFormatName(
                    name.to_string(),
                    ExportFormat::ALL.map(ExportFormat::name).join(", "),
                )
            })
    }

    /// Formats that feed a blocking device: allow-listed indicators are left out.
    pub fn blocks(self) -> bool {
        !matches!(self, ExportFormat::Stix | ExportFormat::Csv)
    }
}

/// What to select and how to write it.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub min_score: f64,
    pub max_tlp: Tlp,
    pub now: Timestamp,
    /// Suricata: above this many domains, rules use a dataset file instead of one rule per
    /// domain.
    pub dataset_threshold: usize,
    /// Suricata: the folder where companion files (datasets, hash lists) will be written,
    /// as the rules must name them; `None` names them relative.
    pub companion_dir: Option<String>,
    /// RPZ: the zone's name (for the header comment only; owner names are relative).
    pub zone: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            min_score: DEFAULT_MIN_SCORE,
            max_tlp: Tlp::Amber,
            now: Timestamp::now(),
            dataset_threshold: 1000,
            companion_dir: None,
            zone: "rpz.ward".into(),
        }
    }
}

/// The default `--min-score`.
pub const DEFAULT_MIN_SCORE: f64 = 20.0;

/// An export: the main file and any companion files (name, content) it refers to.
#[derive(Clone, Debug, Default)]
pub struct Export {
    pub text: String,
    pub companions: Vec<(String, String)>,
    /// How many entries the main file holds.
    pub entries: usize,
    /// Indicators left out because an allow-list names them.
    pub allow_listed: usize,
    /// Private, loopback, documentation and other special addresses left out of a blocking
    /// format ([`crate::never_block`]).
    pub never_blocked: usize,
}

/// One value to write, with what is known about it (several indicators may name it).
#[derive(Clone, Debug)]
pub(crate) struct Item<'a> {
    pub observable: Observable,
    pub score: f64,
    pub sources: Vec<String>,
    pub tlp: Option<Tlp>,
    pub allow_listed: Option<String>,
    pub indicator: &'a ScoredIndicator,
}

impl Item<'_> {
    pub fn kind(&self) -> ObservableKind {
        observable::kind(&self.observable)
    }

    pub fn value(&self) -> String {
        observable::value_text(&self.observable)
    }

    pub fn description(&self) -> String {
        self.indicator
            .object
            .get("description")
            .and_then(serde_json::Value::as_str)
            .or_else(|| {
                self.indicator
                    .object
                    .get("name")
                    .and_then(serde_json::Value::as_str)
            })
            .unwrap_or("")
            .to_string()
    }
}

/// Applies the selection rules and gives one item per distinct value, in value order.
pub(crate) fn select<'a>(
    indicators: &'a [ScoredIndicator],
    options: &ExportOptions,
    blocking: bool,
) -> (Vec<Item<'a>>, usize, usize) {
    let mut by_value: BTreeMap<Observable, Item<'a>> = BTreeMap::new();
    let mut allow_listed = 0;
    let mut special = 0;
    for ind in indicators {
        if ind.score < options.min_score || ind.tlp.unwrap_or(Tlp::Green) > options.max_tlp {
            continue;
        }
        if blocking && ind.is_allow_listed() {
            allow_listed += 1;
            continue;
        }
        for o in &ind.observables {
            // Private, loopback, documentation and other special addresses stay out of every
            // blocking format (counted with the allow-listed ones).
            if blocking && crate::never_block::observable(o) {
                special += 1;
                continue;
            }
            match by_value.get_mut(o) {
                Some(item) => {
                    item.score = item.score.max(ind.score);
                    for s in &ind.sources {
                        if !item.sources.contains(s) {
                            item.sources.push(s.clone());
                        }
                    }
                    item.tlp = item.tlp.max(ind.tlp);
                }
                None => {
                    by_value.insert(
                        o.clone(),
                        Item {
                            observable: o.clone(),
                            score: ind.score,
                            sources: ind.sources.clone(),
                            tlp: ind.tlp,
                            allow_listed: ind.allow_listed.clone(),
                            indicator: ind,
                        },
                    );
                }
            }
        }
    }
    (by_value.into_values().collect(), allow_listed, special)
}

/// The header comment, each line prefixed with `mark`.
pub(crate) fn header(
    mark: &str,
    format: ExportFormat,
    blocks: &str,
    entries: usize,
    allow_listed: usize,
    options: &ExportOptions,
) -> String {
    let mut h = String::new();
    let _ = writeln!(h, "{mark} ward export, format {}", format.name());
    let _ = writeln!(h, "{mark} Blocks: {blocks}");
    let _ = writeln!(h, "{mark} Entries: {entries}");
    let _ = writeln!(h, "{mark} Made: {}", options.now.with_precision(0));
    let _ = writeln!(
        h,
        "{mark} Selection: score >= {}, TLP up to {}; {allow_listed} allow-listed indicator(s) and never-blocked address(es) left out",
        options.min_score, options.max_tlp
    );
    h
}

/// Reads back what [`header`] wrote at the top of an export file: its format and number of
/// entries. `None` when the text does not start with a ward export header.
pub fn read_header(text: &str) -> Option<(ExportFormat, usize)> {
    let mut lines = text.lines().take(6);
    let first = lines.next()?;
    let name = first
        .trim_start_matches(['#', ';', '/', ' '])
        .strip_prefix("ward export, format ")?;
    let format = ExportFormat::parse(name.trim()).ok()?;
    let entries = lines.find_map(|l| {
        l.trim_start_matches(['#', ';', '/', ' '])
            .strip_prefix("Entries: ")
            .and_then(|n| n.trim().parse().ok())
    })?;
    Some((format, entries))
}

/// Renders the indicators in `format`.
pub fn render(
    format: ExportFormat,
    indicators: &[ScoredIndicator],
    options: &ExportOptions,
) -> Result<Export, FeedsError> {
    let (items, allow_listed, never_blocked) = select(indicators, options, format.blocks());
    // The header counts everything a blocking format left out.
    let left_out = allow_listed + never_blocked;
    let mut export = match format {
        // Every selected indicator, including those whose pattern names no single value.
        ExportFormat::Stix => table::stix(indicators.iter().filter(|i| {
            i.score >= options.min_score && i.tlp.unwrap_or(Tlp::Green) <= options.max_tlp
        })),
        ExportFormat::Csv => table::csv(&items, options),
        ExportFormat::PlainIp => plain::render(format, &items, options, left_out),
        ExportFormat::PlainDomain => plain::render(format, &items, options, left_out),
        ExportFormat::PlainUrl => plain::render(format, &items, options, left_out),
        ExportFormat::Rpz => rpz::render(&items, options, left_out),
        ExportFormat::Suricata => ids::suricata(&items, options, left_out),
        ExportFormat::ZeekIntel => zeek::render(&items, options, left_out),
        ExportFormat::Snort => ids::snort(&items, options, left_out),
    };
    export.allow_listed = allow_listed;
    export.never_blocked = never_blocked;
    Ok(export)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_reads_back() {
        let options = ExportOptions::default();
        for (mark, format) in [("#", ExportFormat::PlainIp), (";", ExportFormat::Rpz)] {
            let text = header(mark, format, "things", 12, 1, &options) + "203.0.113.1\n";
            assert_eq!(read_header(&text), Some((format, 12)));
        }
        assert_eq!(read_header("203.0.113.1\n"), None);
    }
}
