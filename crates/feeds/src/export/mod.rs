//! Exports: the local indicators in the forms firewalls, DNS servers and IDSs take. One file
//! per format family; [`ExportFormat`] is the table of them.
//!
//! Every export applies the same selection: indicators scoring at least `min_score` (after
//! decay), with a TLP at or below `max_tlp` (an unmarked indicator counts as TLP:GREEN), and,
//! for the blocking formats, not allow-listed. Every file starts with a comment that says
//! what it blocks, how many entries it holds and when it was made (`stix` excepted: JSON has
//! no comments).
//!
//! [`render`] takes every indicator at once; [`Batched`] takes them a batch at a time (a
//! hub reading a collection a page at a time) and keeps only what the selection keeps.

mod ids;
mod plain;
mod rpz;
mod table;
mod zeek;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use ward_stix::{Timestamp, Tlp};

use crate::config::FeedsConfig;
use crate::local::{Reach, Rescorable, ScoredIndicator};
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

/// What is known of a value, taking in another indicator that names it: the higher score,
/// every source (copied only when one is new), the stricter TLP.
fn absorb(
    (score, sources, tlp): (&mut f64, &mut Cow<'_, [String]>, &mut Option<Tlp>),
    (other_score, other_sources, other_tlp): (f64, &[String], Option<Tlp>),
) {
    *score = score.max(other_score);
    for s in other_sources {
        if !sources.contains(s) {
            sources.to_mut().push(s.clone());
        }
    }
    *tlp = (*tlp).max(other_tlp);
}

/// One value to write, with what is known about it (several indicators may name it).
#[derive(Clone, Debug)]
pub(crate) struct Item<'a> {
    pub observable: Observable,
    pub score: f64,
    pub sources: Cow<'a, [String]>,
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
        if !passes_score_and_tlp(ind, options) {
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
                Some(item) => absorb(
                    (&mut item.score, &mut item.sources, &mut item.tlp),
                    (ind.score, &ind.sources, ind.tlp),
                ),
                None => {
                    by_value.insert(
                        o.clone(),
                        Item {
                            observable: o.clone(),
                            score: ind.score,
                            sources: Cow::Borrowed(&ind.sources),
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

/// The first test of every export: a score of at least `min_score` and a TLP at or below
/// `max_tlp` (unmarked counts as TLP:GREEN). An indicator that fails it is neither listed
/// nor counted among those left out.
fn passes_score_and_tlp(ind: &ScoredIndicator, options: &ExportOptions) -> bool {
    passes(ind.score, ind.tlp, options)
}

/// [`passes_score_and_tlp`] for an indicator scored `score`, marked `tlp`.
fn passes(score: f64, tlp: Option<Tlp>, options: &ExportOptions) -> bool {
    score >= options.min_score && tlp.unwrap_or(Tlp::Green) <= options.max_tlp
}

/// Whether an export made at `options.now` or at any later time could list `ind` (or count
/// it as left out): `false` only when it fails [`passes_score_and_tlp`] now and can never
/// pass it later. A score only falls with time once the indicator is valid (decay; past
/// `valid_until` it is 0 for good), and the TLP is the object's own, so only an indicator
/// whose `valid_from` is still ahead may rise. A pre-pass (the hub's block lists) leaves
/// out the indicators this rules out, for any copy of them whose scored properties (pattern,
/// markings, confidence, dates, validity, revocation, number of sources) are the same.
pub fn may_be_selected(ind: &ScoredIndicator, options: &ExportOptions) -> bool {
    let not_yet_valid = ind
        .object
        .get("valid_from")
        .and_then(serde_json::Value::as_str)
        .and_then(|t| Timestamp::parse(t).ok())
        .is_some_and(|from| from > options.now);
    not_yet_valid || passes_score_and_tlp(ind, options)
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
    let mut export = match format {
        // Every selected indicator, including those whose pattern names no single value.
        ExportFormat::Stix => table::stix(indicators.iter().filter(|i| {
            i.score >= options.min_score && i.tlp.unwrap_or(Tlp::Green) <= options.max_tlp
        })),
        // The header counts everything a blocking format left out.
        _ => render_items(format, &items, options, allow_listed + never_blocked),
    };
    export.allow_listed = allow_listed;
    export.never_blocked = never_blocked;
    Ok(export)
}

/// Writes selected items in `format`; `left_out` is what the selection kept out, for the
/// header.
fn render_items(
    format: ExportFormat,
    items: &[Item<'_>],
    options: &ExportOptions,
    left_out: usize,
) -> Export {
    match format {
        ExportFormat::Stix => table::stix(items.iter().map(|i| i.indicator)),
        ExportFormat::Csv => table::csv(items, options),
        ExportFormat::PlainIp | ExportFormat::PlainDomain | ExportFormat::PlainUrl => {
            plain::render(format, items, options, left_out)
        }
        ExportFormat::Rpz => rpz::render(items, options, left_out),
        ExportFormat::Suricata => ids::suricata(items, options, left_out),
        ExportFormat::ZeekIntel => zeek::render(items, options, left_out),
        ExportFormat::Snort => ids::snort(items, options, left_out),
    }
}

/// The properties of an indicator an export writes besides its values (its description,
/// validity and references); a kept indicator holds only these.
const KEPT_PROPERTIES: [&str; 6] = [
    "type",
    "id",
    "name",
    "description",
    "valid_until",
    "external_references",
];

/// `object` with only [`KEPT_PROPERTIES`] (`None` if that is no longer a STIX object).
pub fn trimmed(object: &ward_stix::StixObject) -> Option<ward_stix::StixObject> {
    let members = object.members();
    let kept: serde_json::Map<String, serde_json::Value> = KEPT_PROPERTIES
        .iter()
        .filter_map(|k| Some((k.to_string(), members.get(*k)?.clone())))
        .collect();
    ward_stix::StixObject::from_value(serde_json::Value::Object(kept)).ok()
}

/// An export of a value-per-line format (every format but `stix`) built from indicators
/// handed over a batch at a time, as a hub reads a collection a page at a time. Each batch
/// goes through the same selection as [`render`] (score, TLP, allow-list, never-blocked
/// addresses); what is kept between batches is one small indicator per distinct value
/// selected, never the batches themselves. The result is what [`render`] makes of all the
/// batches at once.
pub struct Batched {
    format: ExportFormat,
    options: ExportOptions,
    kept: BTreeMap<Observable, Kept>,
    allow_listed: usize,
    never_blocked: usize,
}

/// What a [`Batched`] export keeps of a value selected: what [`select`] keeps in an
/// [`Item`], with the first indicator that named it (its object trimmed, or the kept
/// indicator itself, shared).
struct Kept {
    first: First,
    score: f64,
    /// The sources the other indicators added, after the first one's.
    more_sources: Vec<String>,
    tlp: Option<Tlp>,
    allow_listed: Option<String>,
}

/// The first indicator that named a kept value: only its object is written.
enum First {
    /// A copy, its object trimmed ([`trimmed`]).
    Copied(Box<ScoredIndicator>),
    /// A kept indicator whose object is trimmed already.
    Shared(Arc<Rescorable>),
}

impl First {
    fn indicator(&self) -> &ScoredIndicator {
        match self {
            First::Copied(ind) => ind,
            First::Shared(r) => r.scored(),
        }
    }
}

impl Kept {
    /// Every source of the value, the first indicator's first.
    fn sources(&self) -> Cow<'_, [String]> {
        let first = &self.first.indicator().sources;
        if self.more_sources.is_empty() {
            Cow::Borrowed(first)
        } else {
            Cow::Owned(first.iter().chain(&self.more_sources).cloned().collect())
        }
    }
}

impl Batched {
    pub fn new(format: ExportFormat, options: ExportOptions) -> Result<Batched, FeedsError> {
        if format == ExportFormat::Stix {
            return Err(FeedsError::BadFormatName(
                "stix".into(),
                "a value-per-line format (plain-ip, plain-domain, plain-url, rpz, ...)".into(),
            ));
        }
        Ok(Batched {
            format,
            options,
            kept: BTreeMap::new(),
            allow_listed: 0,
            never_blocked: 0,
        })
    }

    /// The kind of value this export writes, when it writes one kind only.
    fn written(&self) -> Option<ObservableKind> {
        match self.format {
            ExportFormat::PlainIp => Some(ObservableKind::Ip),
            ExportFormat::PlainDomain => Some(ObservableKind::Domain),
            ExportFormat::PlainUrl => Some(ObservableKind::Url),
            _ => None,
        }
    }

    /// Whether adding `ind`, scored at any time, can change this export: it is allow-listed
    /// or one of its values is never blocked (both counted in the header of a blocking
    /// format), or one of its values is of a kind the format writes. An indicator for which
    /// this is false may be left out of every batch without changing the export.
    pub fn may_change(&self, ind: &ScoredIndicator) -> bool {
        let (blocks, written) = (self.format.blocks(), self.written());
        (blocks && ind.is_allow_listed())
            || ind.observables.iter().any(|o| {
                (blocks && crate::never_block::observable(o))
                    || written.is_none_or(|k| observable::kind(o) == k)
            })
    }

    /// [`Batched::may_change`] for a kept indicator, from what it keeps of its values
    /// ([`Rescorable::reach`]).
    pub fn may_change_reach(&self, reach: Reach) -> bool {
        (self.format.blocks() && reach.left_out_of_blocking())
            || match self.written() {
                Some(kind) => reach.names(kind),
                None => reach.names_any(),
            }
    }

    /// Selects from one batch.
    pub fn add(&mut self, indicators: &[ScoredIndicator]) {
        for ind in indicators {
            let never_blocked = |n: usize| crate::never_block::observable(&ind.observables[n]);
            self.add_one(ind, ind.score, &never_blocked, || {
                let object = trimmed(&ind.object)?;
                Some(First::Copied(Box::new(ScoredIndicator {
                    object,
                    observables: Vec::new(),
                    kind: ind.kind,
                    score: ind.score,
                    sources: ind.sources.clone(),
                    sightings: 0,
                    tlp: ind.tlp,
                    allow_listed: None,
                })))
            });
        }
    }

    /// Selects a kept indicator scored at `now`: nothing of it is copied but the values new
    /// to the export (its object is shared, and must be trimmed: [`Rescorable::trim`]).
    pub fn add_rescored(&mut self, r: &Arc<Rescorable>, config: &FeedsConfig, now: Timestamp) {
        let score = r.score_at(config, now);
        let never_blocked = |n: usize| r.never_blocked(n);
        self.add_one(r.scored(), score, &never_blocked, || {
            if r.is_trimmed() {
                Some(First::Shared(r.clone()))
            } else {
                let object = trimmed(&r.scored().object)?;
                Some(First::Copied(Box::new(ScoredIndicator {
                    object,
                    ..r.scored().clone()
                })))
            }
        });
    }

    /// Selects `ind` scored `score`: the selection of [`select`], one indicator at a time
    /// (what it keeps of a value is the same in any grouping: the highest score, every
    /// source in the order met, the strictest TLP, the first indicator's object).
    /// `never_blocked(n)` says whether its `n`th value is never blocked; `first` makes what
    /// is kept of it for a value new to the export (`None`: the value is left out, as
    /// [`select`]'s callers leave out an object that no longer trims to a STIX object).
    fn add_one(
        &mut self,
        ind: &ScoredIndicator,
        score: f64,
        never_blocked: &dyn Fn(usize) -> bool,
        first: impl Fn() -> Option<First>,
    ) {
        if !passes(score, ind.tlp, &self.options) {
            return;
        }
        let blocking = self.format.blocks();
        if blocking && ind.is_allow_listed() {
            self.allow_listed += 1;
            return;
        }
        for (n, o) in ind.observables.iter().enumerate() {
            if blocking && never_blocked(n) {
                self.never_blocked += 1;
                continue;
            }
            if let Some(k) = self.kept.get_mut(o) {
                k.score = k.score.max(score);
                k.tlp = k.tlp.max(ind.tlp);
                for source in &ind.sources {
                    if !k.first.indicator().sources.contains(source)
                        && !k.more_sources.contains(source)
                    {
                        k.more_sources.push(source.clone());
                    }
                }
                continue;
            }
            let Some(first) = first() else {
                continue;
            };
            self.kept.insert(
                o.clone(),
                Kept {
                    first,
                    score,
                    more_sources: Vec::new(),
                    tlp: ind.tlp,
                    allow_listed: ind.allow_listed.clone(),
                },
            );
        }
    }

    /// The export of every batch added.
    pub fn finish(self) -> Export {
        // What was kept passed the selection when added, one value each, in value order.
        let items: Vec<Item<'_>> = self
            .kept
            .iter()
            .filter(|(_, k)| passes(k.score, k.tlp, &self.options))
            .map(|(o, k)| Item {
                observable: o.clone(),
                score: k.score,
                sources: k.sources(),
                tlp: k.tlp,
                allow_listed: k.allow_listed.clone(),
                indicator: k.first.indicator(),
            })
            .collect();
        let mut export = render_items(
            self.format,
            &items,
            &self.options,
            self.allow_listed + self.never_blocked,
        );
        export.allow_listed = self.allow_listed;
        export.never_blocked = self.never_blocked;
        export
    }
}

/// An export of any format built from indicators handed over a batch at a time (`ward
/// export` reading the local intel a page at a time): [`Batched`] for the value-per-line
/// formats, and for `stix` the bundle's text written as the indicators come. The result is
/// what [`render`] makes of all the batches at once (for `stix`, but for the bundle's
/// random id).
pub struct ExportStream(Stream);

enum Stream {
    Stix(table::StixBundle, ExportOptions),
    Values(Batched),
}

impl ExportStream {
    pub fn new(format: ExportFormat, options: ExportOptions) -> ExportStream {
        match Batched::new(format, options.clone()) {
            Ok(batched) => ExportStream(Stream::Values(batched)),
            // Only stix is refused.
            Err(_) => ExportStream(Stream::Stix(table::StixBundle::default(), options)),
        }
    }

    /// Selects from one batch.
    pub fn add(&mut self, indicators: &[ScoredIndicator]) {
        match &mut self.0 {
            Stream::Stix(bundle, options) => indicators
                .iter()
                .filter(|i| passes_score_and_tlp(i, options))
                .for_each(|i| bundle.add(i)),
            Stream::Values(batched) => batched.add(indicators),
        }
    }

    /// The export of every batch added.
    pub fn finish(self) -> Export {
        match self.0 {
            Stream::Stix(bundle, _) => bundle.finish(),
            Stream::Values(batched) => batched.finish(),
        }
    }
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

    fn indicator(n: usize, pattern: &str, tlp: &str, source: &str) -> ward_stix::StixObject {
        let now = Timestamp::now().with_precision(3).to_string();
        let marking = match tlp {
            "amber" => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            "red" => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
            _ => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        };
        ward_stix::StixObject::from_value(serde_json::json!({
            "type": "indicator", "spec_version": "2.1",
            "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
            "created": now, "modified": now, "valid_from": now,
            "name": format!("indicator {n}"), "pattern": pattern, "pattern_type": "stix",
            "object_marking_refs": [marking], "x_ward_sources": [source],
        }))
        .unwrap()
    }

    /// Addresses (one private, one listed twice), an allow-listed domain, a TLP:RED one, a URL.
    fn mixed() -> Vec<ward_stix::StixObject> {
        vec![
            indicator(1, "[ipv4-addr:value = '45.33.32.156']", "green", "feed a"),
            indicator(2, "[ipv4-addr:value = '10.1.2.3']", "green", "feed a"),
            indicator(3, "[domain-name:value = 'google.com']", "green", "feed a"),
            indicator(
                4,
                "[domain-name:value = 'evil-login.example.net']",
                "amber",
                "feed b",
            ),
            indicator(5, "[ipv4-addr:value = '45.33.32.156']", "amber", "feed b"),
            indicator(6, "[ipv4-addr:value = '185.220.101.5']", "red", "feed c"),
            indicator(
                7,
                "[url:value = 'http://evil-login.example.net/x']",
                "green",
                "feed c",
            ),
        ]
    }

    #[test]
    fn batches_make_the_same_export_as_everything_at_once() {
        let objects = mixed();
        let config = crate::config::FeedsConfig::default();
        let allow = crate::allowlist::AllowList::shipped();
        let options = ExportOptions::default();
        let all = crate::local::score_objects(&objects, &config, &allow, options.now);
        for format in [
            ExportFormat::PlainIp,
            ExportFormat::PlainDomain,
            ExportFormat::PlainUrl,
            ExportFormat::Csv,
            ExportFormat::Rpz,
            ExportFormat::ZeekIntel,
        ] {
            let whole = render(format, &all, &options).unwrap();
            let mut batched = Batched::new(format, options.clone()).unwrap();
            for chunk in objects.chunks(2) {
                batched.add(&crate::local::score_objects(
                    chunk,
                    &config,
                    &allow,
                    options.now,
                ));
            }
            let parts = batched.finish();
            assert_eq!(parts.text, whole.text, "{}", format.name());
            assert_eq!(
                (parts.entries, parts.allow_listed, parts.never_blocked),
                (whole.entries, whole.allow_listed, whole.never_blocked)
            );
            // Leaving out what `may_change` rules out, and the indicators scored once and
            // rescored (trimmed) as the hub's block lists keep them, added as copies or
            // shared: the same export.
            let mut copied = Batched::new(format, options.clone()).unwrap();
            let mut shared = Batched::new(format, options.clone()).unwrap();
            let kept: Vec<Arc<crate::local::Rescorable>> = objects
                .iter()
                .map(|o| {
                    let mut r = crate::local::Rescorable::new(o, &config, &allow, options.now);
                    r.trim();
                    Arc::new(r)
                })
                .filter(|r| {
                    let may = copied.may_change(&r.at(&config, options.now));
                    assert_eq!(may, copied.may_change_reach(r.reach()), "{}", format.name());
                    may
                })
                .collect();
            if format == ExportFormat::PlainIp {
                // The domain and the URL are left out; the allow-listed domain is counted.
                assert_eq!(kept.len(), objects.len() - 2);
            }
            let rescored: Vec<ScoredIndicator> =
                kept.iter().map(|r| r.at(&config, options.now)).collect();
            copied.add(&rescored);
            assert_eq!(copied.finish().text, whole.text, "{}", format.name());
            for r in &kept {
                shared.add_rescored(r, &config, options.now);
            }
            let shared = shared.finish();
            assert_eq!(shared.text, whole.text, "{}", format.name());
            assert_eq!(
                (shared.entries, shared.allow_listed, shared.never_blocked),
                (whole.entries, whole.allow_listed, whole.never_blocked)
            );
        }
        let ips = render(ExportFormat::PlainIp, &all, &options).unwrap().text;
        assert!(ips.contains("45.33.32.156\n"), "{ips}");
        assert!(
            !ips.contains("10.1.2.3") && !ips.contains("185.220.101.5"),
            "{ips}"
        );
        assert!(Batched::new(ExportFormat::Stix, options).is_err());
    }

    #[test]
    fn a_stream_makes_every_format_as_everything_at_once() {
        let past = "2020-01-01T00:00:00.000Z";
        let with = |mut o: ward_stix::StixObject, key: &str, value: serde_json::Value| {
            let mut v = serde_json::to_value(&o).unwrap();
            v[key] = value;
            o = ward_stix::StixObject::from_value(v).unwrap();
            o
        };
        let mut objects = mixed();
        objects.extend([
            // Expired.
            with(
                indicator(8, "[ipv4-addr:value = '198.51.100.77']", "green", "feed a"),
                "valid_until",
                serde_json::json!(past),
            ),
            with(
                indicator(9, "[ipv4-addr:value = '203.0.114.9']", "green", "feed a"),
                "revoked",
                serde_json::json!(true),
            ),
            indicator(
                10,
                "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
                "green",
                "feed d",
            ),
            // A pattern naming no single value: only the bundle holds it.
            indicator(
                11,
                "[ipv4-addr:value = '45.33.32.1'] AND [domain-name:value = 'a.example.org']",
                "green",
                "feed d",
            ),
            indicator(12, "[domain-name:value = 'c2.example.org']", "clear", "feed e"),
            // Another version of 1's id is passed over by the bundle.
            indicator(1, "[ipv4-addr:value = '45.33.32.157']", "green", "feed a"),
        ]);
        let config = crate::config::FeedsConfig::default();
        let allow = crate::allowlist::AllowList::shipped();
        let options = ExportOptions {
            dataset_threshold: 1,
            ..ExportOptions::default()
        };
        let all = crate::local::score_objects(&objects, &config, &allow, options.now);
        let bundle_id = |t: &str| {
            let v: serde_json::Value = serde_json::from_str(t).unwrap();
            v["id"].as_str().unwrap().to_string()
        };
        for format in ExportFormat::ALL {
            let whole = render(format, &all, &options).unwrap();
            for size in [1, 3, objects.len()] {
                let mut stream = ExportStream::new(format, options.clone());
                for chunk in objects.chunks(size) {
                    stream.add(&crate::local::score_objects(
                        chunk,
                        &config,
                        &allow,
                        options.now,
                    ));
                }
                let parts = stream.finish();
                let text = if format == ExportFormat::Stix {
                    parts
                        .text
                        .replace(&bundle_id(&parts.text), &bundle_id(&whole.text))
                } else {
                    parts.text.clone()
                };
                assert_eq!(text, whole.text, "{} in batches of {size}", format.name());
                assert_eq!(parts.companions, whole.companions, "{}", format.name());
                assert_eq!(
                    (parts.entries, parts.allow_listed, parts.never_blocked),
                    (whole.entries, whole.allow_listed, whole.never_blocked),
                    "{}",
                    format.name()
                );
            }
        }
        let bundle = render(ExportFormat::Stix, &all, &options).unwrap();
        assert!(bundle.entries >= 8, "{}", bundle.text);
        let ips = render(ExportFormat::PlainIp, &all, &options).unwrap().text;
        assert!(ips.contains("45.33.32.156\n"), "{ips}");
        for left_out in ["10.1.2.3", "185.220.101.5", "198.51.100.77", "203.0.114.9"] {
            assert!(!ips.contains(left_out), "{left_out}: {ips}");
        }
        let empty = ExportStream::new(ExportFormat::Stix, options.clone()).finish();
        let none = render(ExportFormat::Stix, &[], &options).unwrap();
        assert_eq!(
            empty
                .text
                .replace(&bundle_id(&empty.text), &bundle_id(&none.text)),
            none.text
        );
    }
}
