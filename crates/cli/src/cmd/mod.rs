//! One module per command; each declares its arguments and a `run` that wires the crates.

pub mod admin;
pub mod admin_ops;
pub mod demo;
pub mod export;
pub mod exposure;
pub mod import;
pub mod init;
pub mod pattern;
pub mod pull;
pub mod pull_misp;
pub mod report;
pub mod scan;
pub mod scrub;
pub mod serve;
pub mod share;
pub mod share_queue;
pub mod update;
pub mod validate;
pub mod vendors;
pub mod watch;
