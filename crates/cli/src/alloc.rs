//! The process's allocator: mimalloc (the hub hands objects between threads, where glibc's
//! malloc spends much of its time on cross-thread frees), or the C library's with
//! `--features system-alloc`, so a heap profiler that intercepts malloc (heaptrack, valgrind)
//! sees every allocation.

#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
