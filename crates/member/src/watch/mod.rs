//! What `ward watch` keeps in the data folder and the member's store: its configuration
//! (`watch.toml`, [`config`]) and the followed log files with their checkpoints
//! ([`follow`]). The loop that reads, matches and alerts lives in the CLI; this module owns
//! only where things are and how a file is followed.

pub mod config;
pub mod follow;
pub mod notify;

pub use config::{WatchConfig, WatchConfigError, WATCH_CONFIG_FILE};
pub use follow::{Checkpoint, Followed, NewLines, CHECKPOINT_PREFIX};
