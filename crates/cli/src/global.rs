//! Options every command takes (DESIGN.md, "Global options").

use std::path::PathBuf;

use clap::Args;

#[derive(Args, Debug, Clone)]
pub struct Global {
    /// Folder of the embedded store (a member command creates its own on first use; the hub's
    /// is created by `ward admin init` or `ward serve --init`)
    #[arg(
        long,
        global = true,
        env = "WARD_DATA",
        default_value = "ward-data",
        value_name = "DIR"
    )]
    pub data: PathBuf,
    /// A postgres:// URL switches the store to PostgreSQL
    #[arg(long, global = true, env = "WARD_DATABASE_URL", value_name = "URL")]
    pub database: Option<String>,
    /// Machine-readable output (JSON)
    #[arg(long, global = true)]
    pub json: bool,
}
