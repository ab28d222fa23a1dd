//! Throwaway databases for tests and benchmarks, so that runs never see each other's data: a
//! [`ScratchDatabase`] is a fresh `ward_t_<random>` database on a server, dropped (with every
//! connection still open to it) when the value is dropped.

use std::str::FromStr;

use postgres::NoTls;

use crate::{backend, redact_url, PgError};

/// Server the tests use unless `WARD_TEST_DATABASE_URL` names another.
pub const DEFAULT_TEST_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct ScratchDatabase {
    admin_url: String,
    name: String,
    url: String,
}

/// `url` with its database name replaced by `name` (options after `?` kept).
fn with_database(url: &str, name: &str) -> Result<String, PgError> {
    let bad = |reason: &str| PgError::Url {
        url: redact_url(url),
        reason: reason.to_string(),
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("no scheme"))?;
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let authority = rest.split('/').next().unwrap_or(rest);
    if authority.is_empty() {
        return Err(bad("no host"));
    }
    let mut out = format!("{scheme}://{authority}/{name}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    Ok(out)
}

fn admin_client(admin_url: &str) -> Result<postgres::Client, PgError> {
    let mut config = postgres::Config::from_str(admin_url).map_err(|e| PgError::Url {
        url: redact_url(admin_url),
        reason: e.to_string(),
    })?;
    config.connect_timeout(std::time::Duration::from_secs(5));
    config.connect(NoTls).map_err(|e| PgError::Connect {
        url: redact_url(admin_url),
        detail: backend(e).to_string(),
    })
}

impl ScratchDatabase {
    /// Creates a fresh UTF8 database on the server that `admin_url` reaches (any database
    /// there that the user may connect to).
    pub fn create(admin_url: &str) -> Result<ScratchDatabase, PgError> {
        let name = format!("ward_t_{}", uuid::Uuid::new_v4().simple());
        let url = with_database(admin_url, &name)?;
        let mut client = admin_client(admin_url)?;
        client
            .batch_execute(&format!(
                "CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
            ))
            .map_err(|e| PgError::Store(backend(e)))?;
        Ok(ScratchDatabase {
            admin_url: admin_url.to_string(),
            name,
            url,
        })
    }

    /// The URL of the scratch database.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        // Best effort: a database left behind is named ward_t_* and harmless.
        if let Ok(mut client) = admin_client(&self.admin_url) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// A scratch database on `WARD_TEST_DATABASE_URL` (default [`DEFAULT_TEST_URL`]) for one
/// test. When the server cannot be reached: panics if `WARD_REQUIRE_PEERS=1` (CI), otherwise
/// prints `skipped: ...` to stderr and returns `None`.
pub fn for_test() -> Option<ScratchDatabase> {
    let admin =
        std::env::var("WARD_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_TEST_URL.to_string());
    match ScratchDatabase::create(&admin) {
        Ok(db) => Some(db),
        Err(e) => {
            let required = std::env::var("WARD_REQUIRE_PEERS").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "WARD_REQUIRE_PEERS=1 but PostgreSQL is unusable: {e}"
            );
            eprintln!("skipped: PostgreSQL is unusable ({e}); set WARD_TEST_DATABASE_URL");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced_and_options_kept() {
        assert_eq!(
            with_database("postgres://u@h:5432/test", "x").unwrap(),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            with_database("postgresql://u:p@h/test?sslmode=disable", "x").unwrap(),
            "postgresql://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h", "x").unwrap(),
            "postgres://h/x"
        );
        assert!(with_database("nonsense", "x").is_err());
    }

    #[test]
    fn urls_are_shown_without_password() {
        assert_eq!(
            redact_url("postgres://ward:hunter2@db:5432/hub"),
            "postgres://ward@db:5432/hub"
        );
        assert_eq!(redact_url("postgres://db/hub"), "postgres://db/hub");
    }
}
