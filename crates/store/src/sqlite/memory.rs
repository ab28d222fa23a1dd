//! How much memory the embedded store's SQLite library holds in this process (page caches of
//! every connection, prepared statements, schema), and a ceiling on it.
//!
//! Each connection may cache up to `cache_size` pages; a long-running process with several
//! reader connections fills those caches slowly as it touches more of a large database, which
//! looks like a leak in a soak even though it is bounded. A process that runs for months
//! (`ward watch`) sets a lower process-wide ceiling instead: SQLite then reuses cache pages
//! rather than allocating more once the ceiling is reached.

/// Bytes SQLite holds now in this process, and the most it held since the process started.
#[allow(unsafe_code)] // two reads of SQLite's statistics; SAFETY comment at the block
pub fn sqlite_memory() -> (u64, u64) {
    // SAFETY: both calls only read SQLite's global memory statistics (thread-safe in the
    // bundled, serialized build) and take no pointers.
    let (now, most) = unsafe {
        (
            rusqlite::ffi::sqlite3_memory_used(),
            rusqlite::ffi::sqlite3_memory_highwater(0),
        )
    };
    (now.max(0) as u64, most.max(0) as u64)
}

/// Asks SQLite to keep its memory in this process under `bytes`: past it, SQLite frees
/// cached pages before it allocates more (a soft limit; a single statement that needs more
/// still gets it). Returns the ceiling in force before.
#[allow(unsafe_code)] // one SQLite call; SAFETY comment at the block
pub fn limit_sqlite_memory(bytes: u64) -> u64 {
    let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
    // SAFETY: sets SQLite's global soft heap limit; thread-safe and takes no pointers.
    let before = unsafe { rusqlite::ffi::sqlite3_soft_heap_limit64(bytes) };
    before.max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ceiling_is_set_and_memory_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let _store = crate::SqliteStore::open(dir.path()).unwrap();
        let (now, most) = sqlite_memory();
        assert!(now > 0, "an open store holds some memory");
        assert!(most >= now);
        let before = limit_sqlite_memory(8 << 20);
        assert_eq!(limit_sqlite_memory(before), 8 << 20);
    }
}
