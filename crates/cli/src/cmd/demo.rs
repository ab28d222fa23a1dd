use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct DemoArgs {}

pub fn run(_args: DemoArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("demo", 10)
}
