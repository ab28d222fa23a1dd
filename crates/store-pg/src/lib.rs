//! ward's hub store on PostgreSQL, for communities that outgrow one machine: several stateless
//! `ward serve` processes share one database through [`PgStore`], which implements
//! [`ward_store::Store`] with the same semantics as the embedded SQLite store. It owns the
//! PostgreSQL schema and its migrations, a connection pool, the per-collection lock that keeps
//! `date_added` strictly increasing across processes, and [`migrate()`], which copies an
//! embedded store into PostgreSQL and proves the copy with counts and a checksum.
//!
//! It must never know about HTTP, TAXII requests or media types, and nothing outside this
//! crate may know that its SQL exists: the hub talks to the `Store` trait only.

mod migrate;
mod pool;
mod schema;
pub mod scratch;
mod store;

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::RwLock;
use std::time::Duration;

pub use migrate::{migrate, Count, MigrationReport};
use ward_store::StoreError;

/// Why opening, preparing or migrating into a PostgreSQL store failed. URLs in messages never
/// carry a password.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error("database URL {url}: {reason}; expected postgres://USER@HOST:PORT/DATABASE")]
    Url { url: String, reason: String },
    #[error("database {url}: {detail}")]
    Connect { url: String, detail: String },
    #[error("database {url} is encoded {found}; ward needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8')")]
    Encoding { url: String, found: String },
    #[error("migration target {url} already holds {what}; migrate into an empty database")]
    TargetNotEmpty { url: String, what: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(crate) fn backend(e: postgres::Error) -> StoreError {
    // `Display` of a server error is only "db error"; the detail is in the source.
    let mut text = e.to_string();
    if let Some(db) = e.as_db_error() {
        text = format!("{text}: {} ({})", db.message(), db.code().code());
    } else if let Some(cause) = std::error::Error::source(&e) {
        text = format!("{text}: {cause}");
    }
    StoreError::Backend(text)
}

/// Whether `url` names a PostgreSQL database (the CLI's switch between the two stores).
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// `url` without its password, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "<database URL>".to_string();
    };
    match rest.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

/// Tuning of a [`PgStore`].
#[derive(Clone, Debug)]
pub struct PgOptions {
    /// Connections this process may hold open at once.
    pub max_connections: usize,
}

impl Default for PgOptions {
    fn default() -> Self {
        PgOptions {
            max_connections: 16,
        }
    }
}

/// The PostgreSQL implementation of [`ward_store::Store`]. Holds nothing another process
/// would need: the only in-memory state is a cache of collection id → row key, which never
/// changes once a collection exists.
pub struct PgStore {
    pub(crate) url: String,
    pub(crate) pool: pool::Pool,
    pub(crate) keys: RwLock<HashMap<String, i64>>,
}

impl PgStore {
    /// Connects to `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?options]`) and
    /// brings the schema up to date. Several processes may do this at once.
    pub fn open(url: &str) -> Result<PgStore, PgError> {
        Self::open_with(url, &PgOptions::default())
    }

    pub fn open_with(url: &str, options: &PgOptions) -> Result<PgStore, PgError> {
        let shown = redact_url(url);
        let mut config = postgres::Config::from_str(url).map_err(|e| PgError::Url {
            url: shown.clone(),
            reason: e.to_string(),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("ward");
        }
        let pool = pool::Pool::new(config, options.max_connections);
        let mut client = pool.connect().map_err(|e| PgError::Connect {
            url: shown.clone(),
            detail: e.to_string(),
        })?;
        let encoding: String = client
            .query_one("SHOW server_encoding", &[])
            .and_then(|r| r.try_get(0))
            .map_err(|e| PgError::Store(backend(e)))?;
        if encoding != "UTF8" {
            return Err(PgError::Encoding {
                url: shown,
                found: encoding,
            });
        }
        schema::migrate(&mut client)?;
        Ok(PgStore {
            url: shown,
            pool,
            keys: RwLock::new(HashMap::new()),
        })
    }

    /// The URL this store was opened with, without its password.
    pub fn url(&self) -> &str {
        &self.url
    }
}
