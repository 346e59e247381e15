//! Sorting with one compiled copy of the standard library's sort (docs/architecture.md#size).
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call with its own
//! closure compiles the whole sort again: about 4 KB of wasm each, and the page had 38 of them.
//! [`sort_by`] sorts positions (`usize`) with a comparison passed as `&dyn Fn`, so the standard
//! sort is compiled once, then moves the elements into that order. It is stable, like
//! `slice::sort_by`: equal elements keep their order. The price is an indirect call per
//! comparison, which does not matter for the lists the screens sort; the stage table's hot sorts
//! (`analysis/table.rs`) keep the standard sort.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp` (as `slice::sort_by` does).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut positions: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut positions, &|a, b| cmp(&v[a], &v[b]));
    permute(v, positions);
}

/// Sorts `v` stably by a key (as `slice::sort_by_key` does).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` into its natural order (as `slice::sort` does).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one place the standard sort is compiled for the page's lists.
#[inline(never)]
fn sort_positions(positions: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    positions.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that `v[k]` becomes the element that was at `from[k]`, by following each
/// cycle of the permutation with swaps (no element is copied or cloned).
fn permute<T>(v: &mut [T], mut from: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        // Position `at` wants the element first at `from[at]`; along a cycle that element has
        // not moved yet, except the cycle's first one, which the swaps carry forward.
        while from[at] != start {
            let next = from[at];
            v.swap(at, next);
            from[at] = at;
            at = next;
        }
        from[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort_and_keeps_equal_elements_in_order() {
        // Pairs sorted by their first number only: equal keys keep their input order (stable).
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        sort_by(&mut v, |a, b| b.1.cmp(&a.1));
        assert_eq!(v.iter().map(|p| p.1).collect::<String>(), "fedcba");
    }

    #[test]
    fn every_permutation_of_five_sorts() {
        // All 120 orders of five distinct values, and a list with ties, against the standard sort.
        let mut perm = [0usize, 1, 2, 3, 4];
        let mut count = 0;
        loop {
            let mut v: Vec<String> = perm.iter().map(|i| format!("v{i}")).collect();
            sort(&mut v);
            assert_eq!(v, ["v0", "v1", "v2", "v3", "v4"], "from {perm:?}");
            count += 1;
            // Next permutation in lexicographic order.
            let Some(i) = (0..4).rev().find(|&i| perm[i] < perm[i + 1]) else { break };
            let j = (i + 1..5).rev().find(|&j| perm[j] > perm[i]).unwrap();
            perm.swap(i, j);
            perm[i + 1..].reverse();
        }
        assert_eq!(count, 120);
        let mut ties = vec![2, 2, 1, 1, 3, 0, 2];
        sort(&mut ties);
        assert_eq!(ties, [0, 1, 1, 2, 2, 2, 3]);
    }

    #[test]
    fn empty_and_single_lists_are_left_alone() {
        let mut none: Vec<u8> = vec![];
        sort(&mut none);
        assert!(none.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
    }
}
