//! The allocator of the `okr-lint` binary: mimalloc instead of the system's.
//!
//! A lint run makes a few small allocations per word (tokens, fields,
//! findings); glibc's `malloc` and `free` were about 12% of all instructions
//! on the 1 MB corpus (see docs/performance.md). mimalloc keeps freed pages
//! for a while (its "purge delay") before returning them to the system; how
//! long is set per phase of a run, see [`Phase`]. Transparent huge
//! pages are off by default (`.cargo/config.toml` compiles mimalloc so): with
//! them, the first arena is committed as huge pages before `main`, too early
//! for an option set at run time, and one small file took 13 MB instead of
//! 7 MB and about 1.5 ms longer.

use libmimalloc_sys::{mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned};
use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_int, c_long, c_void};

#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

/// mimalloc as the global allocator. Unlike the `mimalloc` crate's, which
/// calls the `_aligned` functions for every layout (about 60 instructions
/// each), word-aligned layouts take the plain functions: every mimalloc
/// block is at least word-aligned.
struct MiMalloc;

/// The alignment every mimalloc block has.
const WORD: usize = std::mem::align_of::<usize>();

// SAFETY: each function forwards to the mimalloc function for the layout's
// alignment: the plain ones (word-aligned blocks) when `align <= WORD`, the
// `_aligned` ones otherwise; `mi_free` frees blocks from either.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi_malloc(layout.size()) as *mut u8
        } else {
            mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi_zalloc(layout.size()) as *mut u8
        } else {
            mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi_free(ptr as *mut c_void);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

/// `mi_option_purge_delay` in the `mi_option_e` of mimalloc 3 (the Rust
/// bindings only name the options of mimalloc 2). A test checks it by name.
const PURGE_DELAY: c_int = 15;

extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_options_print_out(
        out: extern "C" fn(msg: *const std::ffi::c_char, arg: *mut c_void),
        arg: *mut c_void,
    );
}

/// The two halves of a lint run, which free memory differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Files parsed, analysed and checked one after another: each frees its
    /// tree, and the next allocates one of about the same shape. Freed
    /// pages are kept for 10 ms, so the next file reuses them instead of
    /// faulting fresh zeroed pages in; returned at once, the 100 MB corpus
    /// took 261,000 page faults instead of 220,000 (and 1.2-1.4 s of system
    /// time instead of 1.1-1.3 s) for the same peak memory, and more so on
    /// two threads, where each return also interrupts the other core.
    PerFile,
    /// The workspace rules and the report: large, short-lived indexes that
    /// are freed once. Freed pages are returned at once; kept even for
    /// 10 ms, their pages add to the peak (100 MB corpus: 473-484 MB
    /// instead of 465 MB; kept for a second, 530-550 MB).
    Workspace,
}

/// Set how long freed memory is kept for `phase`. Any thread, any time.
pub fn enter(phase: Phase) {
    let delay_ms = match phase {
        Phase::PerFile => 10,
        Phase::Workspace => 0,
    };
    // SAFETY: a plain setter of mimalloc's (`mi_option_set(mi_option_t,
    // long)`), callable at any time from any thread.
    unsafe { mi_option_set(PURGE_DELAY, delay_ms) }
}

/// Before a run starts: as for the workspace half until files are checked
/// (configuration and the directory walk allocate little).
pub fn configure() {
    enter(Phase::Workspace);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::c_char;

    extern "C" fn collect(msg: *const c_char, arg: *mut c_void) {
        // SAFETY: mimalloc passes a NUL-terminated message and the `arg`
        // given below, a `&mut String`.
        let (msg, out) = unsafe { (std::ffi::CStr::from_ptr(msg), &mut *(arg as *mut String)) };
        out.push_str(&msg.to_string_lossy());
    }

    fn options() -> String {
        let mut out = String::new();
        // SAFETY: `collect` matches `mi_output_fun`; `out` outlives the call.
        unsafe { mi_options_print_out(collect, &mut out as *mut String as *mut c_void) };
        out
    }

    #[test]
    fn purge_delay_is_the_option_set() {
        // One test: the options are global to the process.
        configure();
        let out = options();
        assert!(out.contains("option 'purge_delay': 0 "), "{out}");
        enter(Phase::PerFile);
        let out = options();
        assert!(out.contains("option 'purge_delay': 10 "), "{out}");
        enter(Phase::Workspace);
        let out = options();
        assert!(out.contains("option 'purge_delay': 0 "), "{out}");
    }
}
