//! The process's allocator: mimalloc (the hub hands objects between threads, where glibc's
//! malloc spends much of its time on cross-thread frees), or the C library's with
//! `--features system-alloc`, so a heap profiler that intercepts malloc (heaptrack, valgrind)
//! sees every allocation.
//!
//! Transparent huge pages are off for the whole process (mimalloc built with `no_thp`, and
//! [`no_transparent_huge_pages`] first thing in `main`). With them on, mimalloc marks its arena
//! `MADV_HUGEPAGE` and the kernel's khugepaged keeps turning any 2 MiB stretch with one page in
//! use into a whole resident huge page: a long-running `ward watch` then grew a few MB an hour
//! with no live memory growing (benches/watch/RESULTS.md, session 12), and started 19 MB
//! larger.

#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks the kernel for no transparent huge pages in this process (Linux; elsewhere nothing).
/// Also covers hosts whose THP mode is `always`, where the allocator's build option alone
/// would not. A refusal (an old kernel) changes nothing else, so it is ignored.
#[allow(unsafe_code)] // one libc call; the SAFETY comment is at the block
pub fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and the rest zero; it only sets a
    // flag on this process's memory map and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    fn the_process_asks_for_no_transparent_huge_pages() {
        super::no_transparent_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE takes no argument and returns the flag.
        let flag = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(flag, 1, "PR_GET_THP_DISABLE after the call");
    }
}
