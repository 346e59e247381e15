//! Sorting with one compiled copy of the standard library's sort (docs/architecture.md#size).
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call with its own
//! closure compiles the whole sort again: about 4 KB of wasm each, and the page had 38 of them.
//! [`sort_by`] sorts positions (`usize`) with a comparison passed as `&dyn Fn`, so the standard
//! sort is compiled once, then moves the elements into that order. It is stable, like
//! `slice::sort_by`: equal elements keep their order. The price is an indirect call per
//! comparison, which does not matter for the lists the screens sort; the stage table's hot sorts
//! (`analysis/table.rs`) keep the standard sort.
//!
//! [`sort_keys`] sorts plain integer keys by their bytes (a radix sort): the stage summaries and
//! Kaplan-Meier fits sort up to 100,000 keys per stage on every filter change, and a radix sort is
//! a few simple passes over the keys whatever the compiler's settings (the page is built for size,
//! which makes the comparison sorts several times slower there; docs/architecture.md#speed).

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

/// Below this many keys the standard sort is used: a radix sort's fixed cost (its counts) is not
/// worth paying.
const RADIX_FROM: usize = 256;

/// Sorts unsigned integer keys into ascending order (the same result as `sort_unstable`; equal
/// keys are indistinguishable).
pub fn sort_keys(keys: &mut Vec<u64>) {
    sort_by_u64(keys, |&k| k);
}

/// Sorts records by an unsigned integer key, stably: records with equal keys keep their order.
/// Pack what orders them into the key (for example a date in the high half, a rank in the low).
pub fn sort_by_u64<T: Copy>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if v.len() < RADIX_FROM {
        v.sort_by_key(|x| key(x));
        return;
    }
    // Least significant byte first; each pass is stable, so the order of earlier bytes holds
    // among records whose later bytes tie. A byte every key shares needs no pass.
    let mut spare: Vec<T> = v.clone();
    for shift in (0..64).step_by(8) {
        let digit = |x: &T| ((key(x) >> shift) & 0xFF) as usize;
        let mut counts = [0usize; 256];
        for x in v.iter() {
            counts[digit(x)] += 1;
        }
        if counts.contains(&v.len()) {
            continue;
        }
        let mut next = 0;
        for c in counts.iter_mut() {
            (*c, next) = (next, next + *c);
        }
        for x in v.iter() {
            let d = digit(x);
            spare[counts[d]] = *x;
            counts[d] += 1;
        }
        std::mem::swap(v, &mut spare);
    }
}

/// Sorts `v` stably by an unsigned integer key worked out once per element (for elements that are
/// not `Copy`, such as records holding ids): the keys are sorted with their positions, then the
/// elements are moved into that order.
pub fn sort_by_u64_key<T>(v: &mut [T], key: impl Fn(&T) -> u64) {
    if v.len() < 2 {
        return;
    }
    let mut tagged: Vec<(u64, usize)> = v.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    sort_by_u64(&mut tagged, |t| t.0);
    permute(v, tagged.into_iter().map(|t| t.1).collect());
}

/// The positions of `v` in the order of its strings (then by position), as `u32`. The strings'
/// first eight bytes are sorted as integer keys; only strings whose keys tie and that are longer
/// than eight bytes (or hold a zero byte) are compared in full.
pub fn str_order<S: AsRef<str>>(v: &[S]) -> Vec<u32> {
    let prefix = |s: &str| {
        let mut k = [0u8; 8];
        let n = s.len().min(8);
        k[..n].copy_from_slice(&s.as_bytes()[..n]);
        u64::from_be_bytes(k)
    };
    let mut tagged: Vec<(u64, u32)> = v.iter().enumerate().map(|(i, s)| (prefix(s.as_ref()), i as u32)).collect();
    sort_by_u64(&mut tagged, |t| t.0);
    let text = |t: &(u64, u32)| v[t.1 as usize].as_ref();
    let mut i = 0;
    while i < tagged.len() {
        let mut j = i + 1;
        while j < tagged.len() && tagged[j].0 == tagged[i].0 {
            j += 1;
        }
        let run = &mut tagged[i..j];
        if run.len() > 1 && run.iter().any(|t| text(t).len() > 8 || text(t).contains('\0')) {
            run.sort_by(|a, b| text(a).cmp(text(b)).then(a.1.cmp(&b.1)));
        }
        i = j;
    }
    tagged.into_iter().map(|t| t.1).collect()
}

/// Sorts signed integers into ascending order with [`sort_keys`].
pub fn sort_i64(v: &mut [i64]) {
    let mut keys: Vec<u64> = v.iter().map(|&x| signed_key(x)).collect();
    sort_keys(&mut keys);
    for (x, k) in v.iter_mut().zip(keys) {
        *x = from_signed_key(k);
    }
}

/// A signed key as an unsigned one in the same order (for [`sort_keys`]).
pub const fn signed_key(x: i64) -> u64 {
    (x as u64) ^ (1 << 63)
}

/// The signed key back from [`signed_key`].
pub const fn from_signed_key(k: u64) -> i64 {
    (k ^ (1 << 63)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_agrees_with_the_standard_sort() {
        // Hand-checked small case (under RADIX_FROM, the standard sort).
        let mut small = vec![3, 1, 2, 1];
        sort_keys(&mut small);
        assert_eq!(small, [1, 1, 2, 3]);
        // Larger lists go through the radix passes: keys that differ only in high bytes, only in
        // low bytes, all equal, and a packed (date, index) key as the summaries use it.
        let mut seed = 12345u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let lists: Vec<Vec<u64>> = vec![
            (0..1000).map(|_| next()).collect(),
            (0..1000).map(|_| next() & 0xFF00_0000_0000_0000).collect(),
            (0..1000).map(|_| next() & 0x3).collect(),
            vec![42; 300],
            (0..5000u64).rev().map(|i| ((738_000 + i % 97) << 32) | i).collect(),
            (0..300u64).collect(),
        ];
        for list in lists {
            let mut expected = list.clone();
            expected.sort_unstable();
            let mut got = list;
            sort_keys(&mut got);
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn records_sort_stably_by_their_key() {
        // 600 records keyed 0..3 in turn, each carrying its input position: after the sort, the
        // keys ascend and, within a key, the positions ascend (stable), by hand: key 0 holds
        // positions 0, 3, 6, ... 597.
        let mut v: Vec<(u64, usize)> = (0..600).map(|i| ((i % 3) as u64, i)).collect();
        sort_by_u64(&mut v, |p| p.0);
        assert_eq!(v[0], (0, 0));
        assert_eq!(v[199], (0, 597));
        assert_eq!(v[200], (1, 1));
        assert_eq!(v[599], (2, 599));
        assert!(v.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
    }

    #[test]
    fn records_that_are_not_copy_sort_by_a_key() {
        // 300 names keyed by their number's remainder by 3, descending (key 2 - remainder): by
        // hand, the first is "n2" (remainder 2, earliest), the last "n297" (remainder 0, latest).
        let mut v: Vec<String> = (0..300).map(|i| format!("n{i}")).collect();
        sort_by_u64_key(&mut v, |s| 2 - s[1..].parse::<u64>().unwrap() % 3);
        assert_eq!(v[0], "n2");
        assert_eq!(v[1], "n5");
        assert_eq!(v[100], "n1");
        assert_eq!(v[299], "n297");
        let mut days = [5, -3, 0, 12, -3, 7].repeat(50);
        sort_i64(&mut days);
        assert_eq!(&days[..100], [-3; 100]);
        assert_eq!(days[299], 12);
        assert!(days.is_sorted());
    }

    #[test]
    fn strings_order_as_the_standard_sort_orders_them() {
        // By hand: "C100000" < "C99999" as text (the digit 1 before 9), equal ids keep their
        // positions, a long shared prefix is compared in full, and a zero byte sorts first.
        let v = ["C99999", "C100000", "B", "C99999", "LA-000000002", "LA-000000001", "C9\0", "C9", ""];
        let order = str_order(&v);
        let got: Vec<&str> = order.iter().map(|&i| v[i as usize]).collect();
        assert_eq!(got, ["", "B", "C100000", "C9", "C9\0", "C99999", "C99999", "LA-000000001", "LA-000000002"]);
        assert_eq!(order[5..7], [0, 3]);
        // 2,000 ids against the standard sort (through the radix passes).
        let ids: Vec<String> = (0..2000u32).map(|i| format!("ID{}", (i * 7919) % 2003)).collect();
        let mut expected: Vec<u32> = (0..2000).collect();
        expected.sort_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]).then(a.cmp(&b)));
        assert_eq!(str_order(&ids), expected);
    }

    #[test]
    fn signed_keys_keep_their_order() {
        let xs = [i64::MIN, -5, -1, 0, 1, 7, i64::MAX];
        for w in xs.windows(2) {
            assert!(signed_key(w[0]) < signed_key(w[1]));
        }
        for x in xs {
            assert_eq!(from_signed_key(signed_key(x)), x);
        }
        let mut keys: Vec<u64> = [3i64, -2, 0, -7].iter().map(|&x| signed_key(x)).collect::<Vec<_>>().repeat(100);
        sort_keys(&mut keys);
        let back: Vec<i64> = keys.iter().map(|&k| from_signed_key(k)).collect();
        assert_eq!(&back[..3], [-7, -7, -7]);
        assert_eq!(back[399], 3);
        assert!(back.is_sorted());
    }

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
