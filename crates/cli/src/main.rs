//! The `ward` binary. It parses arguments, wires the library crates together and prints
//! results; it holds no business rules of its own (those live in the crates it calls).
//!
//! Exit codes are part of the contract (DESIGN.md): 0 success, 1 a negative answer that is
//! not an error, 2 bad usage or bad input with a one-line reason on stderr.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod alloc;
mod cmd;
mod global;
mod input;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use global::Global;

/// ward: threat-intelligence sharing and action for healthcare.
///
/// One binary, two jobs: `ward serve` runs the hub (a TAXII 2.1 server where members share
/// STIX 2.1 intelligence); every other command is the member toolkit that pulls intel, scans
/// your logs, checks your devices and tells you what to do this week.
#[derive(Parser)]
#[command(name = "ward", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success; 1 a negative answer (no match, findings with \
--fail-on); 2 bad usage or bad input (the reason is printed on stderr).\n\n\
Start here: `ward demo` runs the whole story on bundled sample data."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the hub: TAXII 2.1 under /taxii2/, health at /healthz
    Serve(cmd::serve::ServeArgs),
    /// Hub administration: organizations, users, tokens, collections
    #[command(subcommand)]
    Admin(cmd::admin::AdminCommand),
    /// Check STIX 2.1 files against every MUST rule of the specification
    Validate(cmd::validate::ValidateArgs),
    /// STIX patterns: check one, or test it against observed data
    #[command(subcommand)]
    Pattern(cmd::pattern::PatternCommand),
    /// Record your organization's profile (name, domains, staff, host names) for scrub and share
    Init(cmd::init::InitArgs),
    /// Pull intel from a TAXII 2.1 server into the local store
    Pull(cmd::pull::PullArgs),
    /// Pull events from a MISP instance's REST API into the local store
    PullMisp(cmd::pull_misp::PullMispArgs),
    /// Push a STIX file to a TAXII 2.1 collection
    Push(cmd::pull::PushArgs),
    /// Import outside formats (MISP, CSV, abuse.ch, KEV, CSAF, NVD...) as STIX
    Import(cmd::import::ImportArgs),
    /// Export blocklists for firewalls and DNS (RPZ, Suricata, Zeek...)
    Export(cmd::export::ExportArgs),
    /// Scan logs for known-bad indicators
    Scan(cmd::scan::ScanArgs),
    /// Remove patient and staff identifiers from a document before it is shared
    Scrub(cmd::scrub::ScrubArgs),
    /// Scrub (with the profile of `ward init`), preview and publish a sighting or report
    Share(cmd::share::ShareArgs),
    /// Rank your assets and medical devices by known, exploited vulnerabilities
    Exposure(cmd::exposure::ExposureArgs),
    /// Download vulnerability data (CISA KEV, FIRST EPSS, CISA CSAF advisories, NVD) for exposure
    Update(cmd::update::UpdateArgs),
    /// The weekly action plan: what to do this week, and why
    Report(cmd::report::ReportArgs),
    /// The whole story on bundled sample data, in one command
    Demo(cmd::demo::DemoArgs),
    /// Follow logs and alert on known-bad indicators as lines arrive (watch.toml)
    #[command(long_about = cmd::watch::LONG_ABOUT)]
    Watch(cmd::watch::WatchArgs),
    /// The vendors you depend on (EHR host, clearinghouse, MSP...): intel naming one becomes an action
    Vendors(cmd::vendors::VendorsArgs),
}

/// Rust ignores SIGPIPE, which turns `ward scan ... | head` into a panic on the next print;
/// a command-line tool should end quietly like any other Unix filter.
#[allow(unsafe_code)] // one libc call or CPU hint; the SAFETY comment is at the block
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `ward --version`: the release and the hub store schema versions it reads and writes, so
/// an operator can tell before an upgrade whether opening the store will change it.
fn version() -> &'static str {
    // Built once per process, before parsing; clap keeps a `&'static str`.
    Box::leak(
        format!(
            "{} (hub store schema: SQLite {}, PostgreSQL {})",
            env!("CARGO_PKG_VERSION"),
            ward_store::SCHEMA_VERSION,
            ward_store_pg::SCHEMA_VERSION
        )
        .into_boxed_str(),
    )
}

fn main() -> ExitCode {
    alloc::no_transparent_huge_pages();
    // Full pattern checking for every STIX indicator that `validate`, the hub and the
    // importers look at; the stix crate alone only checks bracket structure.
    ward_stix::validate::install_pattern_checker(|text| {
        ward_pattern::check(text)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    let cli = match Cli::command()
        .version(version())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help/version on stdout with exit 0 and usage errors on stderr.
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Commands that talk to a server keep SIGPIPE ignored: a server that closes the socket
    // (an https URL on a plain-HTTP hub) is then an error with a message, not a silent exit
    // 141. The others end quietly in a pipe, like any Unix filter.
    if !matches!(
        cli.command,
        Command::Serve(_)
            | Command::Pull(_)
            | Command::PullMisp(_)
            | Command::Push(_)
            | Command::Share(_)
            | Command::Demo(_)
            | Command::Watch(_)
            | Command::Vendors(_)
    ) {
        restore_sigpipe();
    }
    let global = cli.global;
    let result = match cli.command {
        Command::Serve(a) => cmd::serve::run(a, &global),
        Command::Admin(a) => cmd::admin::run(a, &global),
        Command::Validate(a) => cmd::validate::run(a, &global),
        Command::Pattern(a) => cmd::pattern::run(a, &global),
        Command::Init(a) => cmd::init::run(a, &global),
        Command::Pull(a) => cmd::pull::run_pull(a, &global),
        Command::PullMisp(a) => cmd::pull_misp::run(a, &global),
        Command::Push(a) => cmd::pull::run_push(a, &global),
        Command::Import(a) => cmd::import::run(a, &global),
        Command::Export(a) => cmd::export::run(a, &global),
        Command::Scan(a) => cmd::scan::run(a, &global),
        Command::Scrub(a) => cmd::scrub::run(a, &global),
        Command::Share(a) => cmd::share::run(a, &global),
        Command::Exposure(a) => cmd::exposure::run(a, &global),
        Command::Update(a) => cmd::update::run(a, &global),
        Command::Report(a) => cmd::report::run(a, &global),
        Command::Demo(a) => cmd::demo::run(a, &global),
        Command::Watch(a) => cmd::watch::run(a, &global),
        Command::Vendors(a) => cmd::vendors::run(a, &global),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // One line: the outermost context first, then its causes.
            // A cause that an outer message already quotes (an error that prints its source
            // and also returns it) is not said twice.
            let mut line = format!("ward: {err}");
            for cause in err.chain().skip(1) {
                let text = cause.to_string();
                if !line.contains(&text) {
                    line.push_str(": ");
                    line.push_str(&text);
                }
            }
            eprintln!("{line}");
            ExitCode::from(2)
        }
    }
}
