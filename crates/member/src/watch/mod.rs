//! What `ward watch` keeps in the data folder and the member's store: its configuration
//! (`watch.toml`, [`config`]) and the followed log files with their checkpoints
//! ([`follow`]), and the syslog receiver's pure half: its listeners, framing and message
//! reading ([`syslog`]). The loop that reads, matches and alerts, and the sockets, live in
//! the CLI; this module owns where things are, how a file is followed and how a message reads.

pub mod alerts;
pub mod config;
pub mod edl;
pub mod follow;
pub mod notify;
pub mod schedule;
pub mod share;
pub mod syslog;
pub mod web;

pub use config::{WatchConfig, WatchConfigError, WATCH_CONFIG_FILE};
pub use follow::{Checkpoint, Followed, NewLines, CHECKPOINT_PREFIX};
