//! The allocator of the `okr-lint` binary: mimalloc instead of the system's.
//!
//! A lint run makes a few small allocations per word (tokens, fields,
//! findings); glibc's `malloc` and `free` were about 12% of all instructions
//! on the 1 MB corpus (see docs/performance.md). mimalloc keeps freed pages
//! for a second before returning them to the system, which raised the peak
//! memory of a 100 MB run by about a fifth; [`configure`] makes it return
//! them at once, for the same peak as glibc on large runs. Transparent huge
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

/// Return freed memory to the system at once. Call before the work starts.
pub fn configure() {
    // SAFETY: a plain setter of mimalloc's (`mi_option_set(mi_option_t,
    // long)`), callable at any time from any thread.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
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

    #[test]
    fn purge_delay_is_the_option_set() {
        configure();
        let mut out = String::new();
        // SAFETY: `collect` matches `mi_output_fun`; `out` outlives the call.
        unsafe { mi_options_print_out(collect, &mut out as *mut String as *mut c_void) };
        assert!(out.contains("option 'purge_delay': 0 "), "{out}");
    }
}
