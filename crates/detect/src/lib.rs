//! Detection: shared intel becomes "you were hit". This crate owns the indicator index
//! (typed keys in compact hash tables, a few patterns kept for full evaluation, a cache
//! file format), the log readers (one file per format, sniffed per file), the scanner
//! (chunks cut at line ends, worker threads, alerts in line order), alerts with a plain
//! sentence, the grouped summary, and STIX sightings of what was found.
//!
//! It must never know where intel is stored or how it arrived (it takes STIX indicator
//! objects and optional score/source/TLP facts), nor how alerts are printed or where
//! sightings go: the CLI wires stores, files and terminals to it. A broken log line is
//! counted, never fatal; no input makes it panic.
//!
//! The hot path is split by concern: [`readers`] say how a line becomes an [`Event`],
//! [`IndicatorIndex`] says what matches, [`AlertSink`] says where alerts go.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod alert;
mod cache;
pub mod error;
pub mod event;
pub mod fields;
pub mod index;
pub mod keys;
pub mod readers;
pub mod scan;
pub mod sighting;
mod table;
pub mod time;
mod utf16;

pub use alert::{Alert, AlertSink, CollectSink, IndicatorHits, Summary};
pub use error::{CacheError, ScanError, SkipReason};
pub use event::{Event, Kind};
pub use index::{
    BuildOptions, BuildReport, IndexBuilder, IndexStats, IndicatorIndex, IndicatorInfo,
    IndicatorInput,
};
pub use readers::LogFormat;
pub use scan::{open_log, open_log_counting, FileReport, ScanOptions, Scanner};
pub use sighting::sightings;
