//! The process's allocator: mimalloc (the hub hands objects between threads, where glibc's
//! malloc spends much of its time on cross-thread frees), or the C library's with
//! `--features system-alloc`, so a heap profiler that intercepts malloc (heaptrack, valgrind)
//! sees every allocation.

#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hands the calling thread's free heap pages, and the free memory mimalloc set aside to give
/// back later, to the system now, rather than as later allocations pass by (`ward watch`
/// calls it every minute; benches/watch/RESULTS.md says what it did and did not show). Costs
/// a walk of the thread's heap: call it every minute or so, not per request. Does nothing
/// with `system-alloc`.
pub fn release_free_memory() {
    #[cfg(not(feature = "system-alloc"))]
    collect();
}

#[cfg(not(feature = "system-alloc"))]
#[allow(unsafe_code)] // one mimalloc call; SAFETY comment at the block
fn collect() {
    // SAFETY: mi_collect takes no pointer and is safe to call from any thread at any time;
    // it only frees memory mimalloc itself holds unused, under its own locks.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
