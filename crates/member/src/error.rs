//! The member crate's errors: each names the file or folder involved, so the one line the
//! CLI prints says what to look at.

use std::path::PathBuf;

use ward_feeds::FeedsError;

/// Why something under the data folder (or an input it reads) could not be used.
#[derive(Debug, thiserror::Error)]
pub enum MemberError {
    /// A file exists but cannot be read.
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file ward wrote no longer holds the JSON it wrote there.
    #[error("{}: not the JSON ward wrote there (remove it to start over)", path.display())]
    Corrupt {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// A folder cannot be created.
    #[error("{}: cannot create", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file (or its temporary twin) cannot be written.
    #[error("{}: cannot write", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A value cannot be turned into JSON.
    #[error("serializing")]
    Serialize(#[source] serde_json::Error),
    /// The local store in the data folder cannot be opened.
    #[error("{}: cannot open the local store", path.display())]
    OpenLocal { path: PathBuf, source: FeedsError },
    /// The record of runs in the local store cannot be read or written.
    #[error("the local store's record of runs: {0}")]
    Journal(String),
    /// The local store cannot be read.
    #[error("reading the local store")]
    ReadLocal(#[source] FeedsError),
    /// The local store holds no indicator to scan for.
    #[error(
        "{}: the local store holds no indicators yet: run `ward pull` or `ward import` first, \
         or give --indicators FILE",
        path.display()
    )]
    NoIndicators { path: PathBuf },
    /// An intel file cannot be read at all.
    #[error("{}: cannot read the indicators", path.display())]
    IndicatorsUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An intel file cannot be opened.
    #[error("{}: cannot open", path.display())]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An intel file that looks like JSON is not a STIX document.
    #[error("{}: expected a STIX bundle", path.display())]
    NotStix {
        path: PathBuf,
        source: ward_stix::document::DocumentError,
    },
    /// An intel file is neither STIX nor a feed format the importers read.
    #[error("{}: expected a STIX bundle or a feed file `ward import` reads", path.display())]
    NotIntel { path: PathBuf, source: FeedsError },
    /// A staff list `ward init --staff` cannot use.
    #[error("{}: {detail}", path.display())]
    StaffList { path: PathBuf, detail: String },
    /// A command that needs the organization profile ran before `ward init`.
    #[error(
        "{}: no organization profile: run `ward init --org NAME --domain DOMAIN` first (add \
         --staff FILE and --hosts PATTERN to have staff and host names always removed)",
        path.display()
    )]
    NoProfile { path: PathBuf },
    /// A network given to `ward init --network` is not an address or CIDR block.
    #[error("--network {text:?}: expected an address or a CIDR block such as 10.20.0.0/16 or 203.0.113.16/28")]
    BadNetwork { text: String },
    /// A document to share cannot be scrubbed.
    #[error("{name}")]
    Scrub {
        name: String,
        source: ward_scrub::ScrubError,
    },
    /// A narrative names nothing a STIX report could refer to.
    #[error(
        "{name}: no attack indicator (public address, domain, URL, hash, sender) found; a STIX report must refer to at least one"
    )]
    NoIndicatorToShare { name: String },
    /// `ward report done ID` for an action no plan listed.
    #[error("{id}: no plan lists this action (run `ward report` first, then use an id it shows)")]
    UnknownAction { id: String },
    /// An action marked not applicable without saying why.
    #[error("{id}: say why the action does not apply (the plan shows the reason)")]
    NoReason { id: String },
    /// Vulnerability data could not be fetched, kept or read (the message names the URL or
    /// file).
    #[error(transparent)]
    VulnData(#[from] ward_feeds::update::UpdateError),
    /// The vendor list (`ward vendors`) cannot be read or changed.
    #[error(transparent)]
    Vendors(#[from] crate::vendors::VendorError),
    /// The local intel or the TAXII client failed.
    #[error(transparent)]
    Feeds(#[from] FeedsError),
}
