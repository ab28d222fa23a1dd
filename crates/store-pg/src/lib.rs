//! ward's hub store on PostgreSQL, for communities that outgrow one machine: several stateless
//! `ward serve` processes share one database through [`PgStore`], which implements
//! [`ward_store::Store`] with the same semantics as the embedded SQLite store. It owns the
//! PostgreSQL schema and its migrations, a connection pool, the per-collection lock that keeps
//! `date_added` strictly increasing across processes, and [`migrate()`], which copies an
//! embedded store into PostgreSQL and proves the copy with counts and a checksum.
//!
//! It must never know about HTTP, TAXII requests or media types, and nothing outside this
//! crate may know that its SQL exists: the hub talks to the `Store` trait only.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod migrate;
mod pool;
mod schema;
pub mod scratch;
mod store;

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::RwLock;
use std::time::Duration;

pub use migrate::{migrate, summarize, CollectionSummary, Count, MigrationReport, StoreSummary};
pub use schema::SCHEMA_VERSION;
use ward_store::StoreError;

/// Why opening, preparing or migrating into a PostgreSQL store failed. URLs in messages never
/// carry a password.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error("database URL {url}: {reason}; expected postgres://USER@HOST:PORT/DATABASE")]
    Url { url: String, reason: String },
    #[error("database {url}: {detail}")]
    Connect { url: String, detail: String },
    #[error(
        "database {url}: sslrootcert {path}: {detail}; expected a PEM file of CA certificates"
    )]
    RootCert {
        url: String,
        path: String,
        detail: String,
    },
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

/// `url` without the query parameter `key` (which the driver would refuse), and its value.
fn take_param(url: &str, key: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut value = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.split_once('=') {
            Some((k, v)) if k == key => {
                value = Some(percent_decode(v));
                false
            }
            _ => true,
        })
        .collect();
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (rest, value)
}

/// `%XX` escapes of a URL parameter value (paths with spaces or `&`); a `%` not followed by
/// two hex digits is kept as it is.
fn percent_decode(v: &str) -> String {
    percent_encoding::percent_decode_str(v)
        .decode_utf8_lossy()
        .into_owned()
}

/// rustls (ring) trusting the web PKI roots, or only the CAs in `root_cert`.
fn tls_connector(
    url: &str,
    root_cert: Option<&str>,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect, PgError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    match root_cert {
        Some(path) => {
            let bad = |detail: String| PgError::RootCert {
                url: url.to_string(),
                path: path.to_string(),
                detail,
            };
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| bad(e.to_string()))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| bad(e.to_string()))?;
            if certs.is_empty() {
                return Err(bad("no certificate in it".into()));
            }
            for cert in certs {
                roots.add(cert).map_err(|e| bad(e.to_string()))?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| PgError::Connect {
            url: url.to_string(),
            detail: format!("TLS setup: {e}"),
        })?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// Tuning of a [`PgStore`].
#[derive(Clone, Debug)]
pub struct PgOptions {
    /// Connections this process may hold open at once.
    pub max_connections: usize,
    /// Create ward's schema in a database that has none (else opening it is
    /// [`StoreError::Missing`]).
    pub create: bool,
}

impl Default for PgOptions {
    fn default() -> Self {
        PgOptions {
            max_connections: 16,
            create: true,
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
    pub(crate) upgrade: Option<ward_store::SchemaUpgrade>,
}

impl PgStore {
    /// Connects to `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?options]`) and
    /// brings the schema up to date. Several processes may do this at once.
    pub fn open(url: &str) -> Result<PgStore, PgError> {
        Self::open_with(url, &PgOptions::default())
    }

    /// TLS: `sslmode=require` encrypts and verifies the server certificate against the web
    /// PKI roots, or against the CA certificates of `sslrootcert=FILE` (PEM), which implies
    /// `sslmode=require`. Unlike libpq's `require`, an unverified certificate is never
    /// accepted (libpq's `verify-full`). Without either, connections are plain.
    pub fn open_with(url: &str, options: &PgOptions) -> Result<PgStore, PgError> {
        let shown = redact_url(url);
        let (rest, root_cert) = take_param(url, "sslrootcert");
        let mut config = postgres::Config::from_str(&rest).map_err(|e| PgError::Url {
            url: shown.clone(),
            reason: e.to_string(),
        })?;
        if root_cert.is_some() {
            config.ssl_mode(postgres::config::SslMode::Require);
        }
        let tls = if config.get_ssl_mode() == postgres::config::SslMode::Require {
            pool::Tls::Verified(tls_connector(&shown, root_cert.as_deref())?)
        } else {
            // Prefer (the default) without a TLS connector means plain; verifying nothing
            // would only look safe.
            config.ssl_mode(postgres::config::SslMode::Disable);
            pool::Tls::Off
        };
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("ward");
        }
        let pool = pool::Pool::new(config, tls, options.max_connections);
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
        let upgrade = schema::migrate(&mut client, options.create, &shown)?;
        Ok(PgStore {
            url: shown,
            pool,
            keys: RwLock::new(HashMap::new()),
            upgrade,
        })
    }

    /// Opens a database that already holds a hub store (never creating the schema).
    pub fn open_existing(url: &str) -> Result<PgStore, PgError> {
        Self::open_with(
            url,
            &PgOptions {
                create: false,
                ..PgOptions::default()
            },
        )
    }

    /// What opening did to an older schema, if anything.
    pub fn upgrade(&self) -> Option<&ward_store::SchemaUpgrade> {
        self.upgrade.as_ref()
    }

    /// The URL this store was opened with, without its password.
    pub fn url(&self) -> &str {
        &self.url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ward_only_parameters_are_taken_out_of_the_url() {
        assert_eq!(
            take_param(
                "postgres://h/db?sslmode=require&sslrootcert=/a%20b/ca.pem",
                "sslrootcert"
            ),
            (
                "postgres://h/db?sslmode=require".to_string(),
                Some("/a b/ca.pem".to_string())
            )
        );
        assert_eq!(
            take_param("postgres://h/db?sslrootcert=x", "sslrootcert"),
            ("postgres://h/db".to_string(), Some("x".to_string()))
        );
        assert_eq!(
            take_param("postgres://h/db", "sslrootcert"),
            ("postgres://h/db".to_string(), None)
        );
        // Hostile escapes never panic.
        for v in ["%", "%4", "%zz", "%e9%", "caf\u{e9}%"] {
            let _ = percent_decode(v);
        }
        assert_eq!(percent_decode("%41%e2%82%ac"), "A\u{20ac}");
    }

    #[test]
    fn a_missing_root_certificate_is_named() {
        match PgStore::open("postgres://u@127.0.0.1:1/x?sslrootcert=/no/such/ca.pem") {
            Err(PgError::RootCert { path, .. }) => assert_eq!(path, "/no/such/ca.pem"),
            Err(other) => panic!("unexpected error {other}"),
            Ok(_) => panic!("opened without a certificate"),
        }
    }
}
