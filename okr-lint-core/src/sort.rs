//! One stable sort for the whole crate.
//!
//! `slice::sort_by` is instantiated afresh for every element type and
//! comparator, about 5 KB of code each in the WASM build. Here only the
//! permutation step is generic: the merge sort itself runs once, on indices,
//! through a `dyn` comparator. None of the crate's sorts is hot enough for the
//! indirect call to matter (they order diagnostics, suggestions and group
//! keys). The one hot sort, of interned word ids in `overlapping-krs`, is
//! [`sort_ids`]: a heapsort on `u32`, a few hundred bytes instead of the
//! 3.5 KB of `sort_unstable`.

use std::cmp::Ordering;

/// Sort `v` stably by `cmp`, like `slice::sort_by`.
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = stable_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sort `v` stably by its natural order, like `slice::sort`.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sort integers ascending (not stable; equal integers are
/// indistinguishable): heapsort, O(n log n) on any input, no allocation;
/// insertion sort for up to 16 (a KR's words: about 8), where heapsort
/// made three times the comparisons (not in the WASM build, for its size
/// budget).
pub(crate) fn sort_ids(v: &mut [u32]) {
    if v.len() <= 16 && !cfg!(target_arch = "wasm32") {
        for i in 1..v.len() {
            let x = v[i];
            let mut j = i;
            while j > 0 && v[j - 1] > x {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
        return;
    }
    fn sift_down(v: &mut [u32], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift_down(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// The indices `0..n` in the order `cmp` puts them, equal ones in their
/// original order: a bottom-up merge sort over runs of insertion-sorted
/// blocks.
fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    const BLOCK: usize = 8;
    let mut a: Vec<usize> = (0..n).collect();
    for block in a.chunks_mut(BLOCK) {
        for i in 1..block.len() {
            let mut j = i;
            while j > 0 && cmp(block[j - 1], block[j]) == Ordering::Greater {
                block.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    let mut b = vec![0; n];
    let mut width = BLOCK;
    while width < n {
        for (start, out) in (0..n).step_by(2 * width).zip(b.chunks_mut(2 * width)) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in out.iter_mut() {
                // Take from the right run only when strictly smaller: stable.
                let right = j < end && (i >= mid || cmp(a[j], a[i]) == Ordering::Less);
                if right {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Rearrange `v` so that position `k` holds what was at `order[k]`, by
/// following the permutation's cycles with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut j = start;
        while order[j] != DONE {
            let k = order[j];
            order[j] = DONE;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same result as the standard library's stable sort, including the
        /// order of equal elements (the second field tells them apart).
        #[test]
        fn agrees_with_std(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sort_ids_agrees_with_std(mut v in proptest::collection::vec(0u32..50, 0..300)) {
            let mut want = v.clone();
            want.sort_unstable();
            sort_ids(&mut v);
            prop_assert_eq!(v, want);
        }

        #[test]
        fn sorts_strings(v in proptest::collection::vec("[a-c]{0,3}", 0..60)) {
            let mut ours = v.clone();
            let mut std = v;
            sort(&mut ours);
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn edge_lengths() {
        for n in [0usize, 1, 2, 7, 8, 9, 15, 16, 17, 64, 65, 1000] {
            let mut v: Vec<usize> = (0..n).rev().collect();
            sort(&mut v);
            assert_eq!(v, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
    }
}
