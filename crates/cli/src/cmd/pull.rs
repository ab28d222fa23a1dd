use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct PullArgs {
    /// TAXII API root or discovery URL
    #[arg(long, value_name = "URL")]
    pub from: String,
    /// Collection id
    #[arg(long, value_name = "ID")]
    pub collection: String,
    /// Bearer token
    #[arg(long, conflicts_with = "user")]
    pub token: Option<String>,
    /// User name for HTTP Basic (password from WARD_PASSWORD)
    #[arg(long)]
    pub user: Option<String>,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// TAXII API root URL
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Collection id
    #[arg(long, value_name = "ID")]
    pub collection: String,
    /// Bearer token
    #[arg(long)]
    pub token: Option<String>,
    /// STIX bundle to publish
    pub file: PathBuf,
}

pub fn run_pull(_args: PullArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("pull", 6)
}

pub fn run_push(_args: PushArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("push", 6)
}
