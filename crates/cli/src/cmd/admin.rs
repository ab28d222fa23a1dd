use std::process::ExitCode;

use clap::Subcommand;

use crate::Global;

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Organizations (members of the sharing community)
    #[command(subcommand)]
    Org(OrgCommand),
    /// Users belong to one organization
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens: shown once, stored hashed
    #[command(subcommand)]
    Token(TokenCommand),
    /// Collections and who may read or write them
    #[command(subcommand)]
    Collection(CollectionCommand),
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Admit an organization
    Add { name: String },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user to an organization
    Add {
        #[arg(long)]
        org: String,
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a user (printed once)
    Create {
        #[arg(long)]
        user: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum CollectionCommand {
    /// Create a collection
    Add {
        title: String,
        /// Organizations allowed to read (comma-separated)
        #[arg(long, value_delimiter = ',')]
        read: Vec<String>,
        /// Organizations allowed to write (comma-separated)
        #[arg(long, value_delimiter = ',')]
        write: Vec<String>,
    },
}

pub fn run(_cmd: AdminCommand, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("admin", 3)
}
