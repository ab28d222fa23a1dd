//! TLS to PostgreSQL: `sslmode=require` encrypts and verifies the server certificate.
//!
//! Uses the local server's certificate as its own CA: Debian's PostgreSQL serves the
//! "snakeoil" certificate (CN and SAN `localhost`) from /etc/ssl/certs. Where the server has
//! TLS off or that file is missing, the test says "skipped: ..." (TLS is not a peer CI
//! promises).

use std::path::Path;

use ward_store::Store;
use ward_store_pg::{scratch, PgStore};

const SNAKEOIL: &str = "/etc/ssl/certs/ssl-cert-snakeoil.pem";

#[test]
fn require_verifies_the_server_certificate() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let Some((_, rest)) = db.url().split_once("@127.0.0.1:") else {
        eprintln!("skipped: the test server is not on 127.0.0.1");
        return;
    };
    if !Path::new(SNAKEOIL).is_file() {
        eprintln!("skipped: no {SNAKEOIL} to trust");
        return;
    }
    let user = db.url()["postgres://".len()..]
        .split('@')
        .next()
        .unwrap_or("postgres");
    let base = format!("postgres://{user}@localhost:{rest}");

    // Trusting the server's own certificate: connects, encrypted.
    let trusted = format!("{base}?sslrootcert={SNAKEOIL}");
    let store = match PgStore::open(&trusted) {
        Ok(s) => s,
        Err(e) if e.to_string().contains("server does not support TLS") => {
            eprintln!("skipped: the server has TLS off");
            return;
        }
        Err(e) => panic!("TLS with the server's certificate as CA failed: {e}"),
    };
    store.ping().expect("ping over TLS");
    store.add_org("over tls").expect("write over TLS");
    drop(store);

    // Web PKI roots do not vouch for a self-signed certificate: refused, not silently plain.
    let err = PgStore::open(&format!("{base}?sslmode=require"))
        .err()
        .expect("an unverifiable certificate must be refused");
    let text = err.to_string();
    assert!(text.to_lowercase().contains("certificate"), "{text}");
}
