//! A small blocking connection pool: at most `max` connections, opened on demand, handed out
//! one per store call and returned when the call ends. Each connection keeps its prepared
//! statements, so a hot query costs one round trip.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use postgres::{Client, GenericClient, NoTls, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;
use ward_store::StoreError;

use crate::backend;

/// Prepared statements kept per connection before the cache is cleared; the store builds
/// only a few dozen distinct statements, so this bounds memory without ever thrashing.
const STATEMENT_CACHE: usize = 256;

/// How long a call waits for a free connection before it reports the pool exhausted.
const WAIT: Duration = Duration::from_secs(30);

/// One pooled connection and its statement cache.
pub(crate) struct Conn {
    pub client: Client,
    statements: HashMap<String, Statement>,
}

/// Prepares `sql` on `client` once per connection.
pub(crate) fn prepared(
    statements: &mut HashMap<String, Statement>,
    client: &mut impl GenericClient,
    sql: &str,
) -> Result<Statement, StoreError> {
    if let Some(s) = statements.get(sql) {
        return Ok(s.clone());
    }
    let statement = client.prepare(sql).map_err(backend)?;
    if statements.len() >= STATEMENT_CACHE {
        statements.clear();
    }
    statements.insert(sql.to_string(), statement.clone());
    Ok(statement)
}

impl Conn {
    /// The client and the statement cache, borrowed separately so that a transaction on the
    /// client can still prepare through the cache.
    pub fn split(&mut self) -> (&mut Client, &mut HashMap<String, Statement>) {
        (&mut self.client, &mut self.statements)
    }
}

/// How connections are secured: plain (loopback, private networks) or TLS with a verified
/// server certificate.
pub(crate) enum Tls {
    Off,
    Verified(MakeRustlsConnect),
}

struct State {
    idle: Vec<Conn>,
    open: usize,
}

pub(crate) struct Pool {
    config: postgres::Config,
    tls: Tls,
    max: usize,
    state: Mutex<State>,
    freed: Condvar,
}

impl Pool {
    pub fn new(config: postgres::Config, tls: Tls, max: usize) -> Pool {
        Pool {
            config,
            tls,
            max: max.max(1),
            state: Mutex::new(State {
                idle: Vec::new(),
                open: 0,
            }),
            freed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is two plain fields that every path leaves consistent; a panic elsewhere
        // while holding the lock cannot have broken them.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn connect(&self) -> Result<Client, StoreError> {
        match &self.tls {
            Tls::Off => self.config.connect(NoTls),
            Tls::Verified(tls) => self.config.connect(tls.clone()),
        }
        .map_err(backend)
    }

    /// A connection for one call: an idle one, a new one while under `max`, else the first
    /// one returned within [`WAIT`].
    pub fn get(&self) -> Result<Pooled<'_>, StoreError> {
        let deadline = Instant::now() + WAIT;
        let mut state = self.lock();
        loop {
            while let Some(conn) = state.idle.pop() {
                if conn.client.is_closed() {
                    state.open -= 1;
                    continue;
                }
                return Ok(Pooled {
                    pool: self,
                    conn: Some(conn),
                });
            }
            if state.open < self.max {
                state.open += 1;
                drop(state);
                return match self.connect() {
                    Ok(client) => Ok(Pooled {
                        pool: self,
                        conn: Some(Conn {
                            client,
                            statements: HashMap::new(),
                        }),
                    }),
                    Err(e) => {
                        self.lock().open -= 1;
                        self.freed.notify_one();
                        Err(e)
                    }
                };
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(StoreError::Backend(format!(
                    "all {} database connections stayed busy for {} s",
                    self.max,
                    WAIT.as_secs()
                )));
            }
            state = self
                .freed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }
}

/// A connection on loan; goes back to the pool when dropped (or is closed for good when the
/// server dropped it).
pub(crate) struct Pooled<'a> {
    pool: &'a Pool,
    conn: Option<Conn>,
}

impl Deref for Pooled<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        // Only `drop` takes the connection out.
        self.conn.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Conn {
        self.conn.as_mut().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        let mut state = self.pool.lock();
        if conn.client.is_closed() {
            state.open -= 1;
        } else {
            state.idle.push(conn);
        }
        drop(state);
        self.pool.freed.notify_one();
    }
}
