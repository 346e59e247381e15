//! Anhøj's run chart rules (qicharts2 `runs.analysis()`; Anhøj and Olesen 2014):
//!
//! - unusually long run: longest run > `round(log2(n)) + 3` (Schilling 2012);
//! - unusually few crossings: crossings < `qbinom(0.05, n - 1, 0.5)` (Chen 2010);
//!
//! where `n` is the number of useful observations (points neither excluded nor on the centre
//! line). Equality is never a signal. Both limits are computed exactly for any `n`:
//!
//! - `round(log2(n))` uses integer arithmetic only (no floating-point logarithm);
//! - the binomial quantile is found by walking down from the centre of Binomial(n - 1, 1/2),
//!   where the cumulative probability is known exactly by symmetry, with an accurate central
//!   probability. The accumulated rounding error is far below 1e-10 relative; whenever the
//!   cumulative probability lands within that margin of 0.05 the answer is settled with exact
//!   integer arithmetic instead (see [`exact`]), so the result is exact, not approximate.
//!   `qbinom` is the smallest `x` with P(X ≤ x) ≥ 0.05.

/// Longest-run limit `round(log2(n)) + 3`: a run longer than this is a signal. `n` must be ≥ 1.
///
/// `round(log2 n) = floor(log2(n) + 1/2) = floor(log2(2 n²) / 2)`, and for an integer `m`,
/// `floor(log2 m)` is its bit length minus one, so no floating point is involved. `log2 n` is
/// never exactly half-way between integers for integer `n`, so R's round-half-even is moot.
pub fn longest_run_max(n: usize) -> usize {
    assert!(n >= 1, "longest_run_max needs n >= 1");
    let two_n_sq = 2u128 * (n as u128) * (n as u128);
    let floor_log2 = 127 - two_n_sq.leading_zeros() as usize;
    floor_log2 / 2 + 3
}

/// Crossings limit `qbinom(0.05, n - 1, 0.5)`: fewer crossings than this is a signal. `n` must
/// be ≥ 1 (with one useful point there can be no crossing and the limit is 0).
pub fn crossings_min(n: usize) -> usize {
    assert!(n >= 1, "crossings_min needs n >= 1");
    qbinom_05_half(n as u64 - 1) as usize
}

/// Relative margin around 0.05 inside which the floating-point walk defers to exact arithmetic.
const AMBIGUOUS: f64 = 1e-10;

/// The smallest `x` with P(X ≤ x) ≥ 0.05 for X ~ Binomial(m, 1/2).
pub fn qbinom_05_half(m: u64) -> u64 {
    let (x, cdf_x, cdf_below) = walk(m);
    let near = |p: f64| ((p - 0.05) / 0.05).abs() <= AMBIGUOUS;
    if near(cdf_x) || near(cdf_below) {
        return exact::qbinom_05_half(m);
    }
    x
}

/// Floating-point search. Returns `(x, P(X ≤ x), P(X ≤ x - 1))`.
///
/// Start at `c = floor(m/2)`: P(X ≤ c) is exactly 1/2 for odd `m` and 1/2 + pmf(c)/2 for even
/// `m` (symmetry). Then step down with pmf(k - 1) = pmf(k)·k/(m - k + 1) until the cumulative
/// probability drops below 0.05. That takes about 0.82·√m steps, so each step adds only a few
/// ulps of error.
fn walk(m: u64) -> (u64, f64, f64) {
    let c = m / 2;
    let mut pmf = central_pmf(m);
    let mut cdf = if m.is_multiple_of(2) { 0.5 + pmf / 2.0 } else { 0.5 };
    let mut k = c;
    loop {
        let below = if k == 0 { 0.0 } else { cdf - pmf };
        if below < 0.05 {
            return (k, cdf, below);
        }
        cdf = below;
        pmf *= k as f64 / (m - k + 1) as f64;
        k -= 1;
    }
}

/// pmf(floor(m/2)) of Binomial(m, 1/2).
fn central_pmf(m: u64) -> f64 {
    let j = m / 2;
    let even = central_even(j);
    if m.is_multiple_of(2) {
        even
    } else {
        // C(2j+1, j) / 2^(2j+1) = [C(2j, j) / 4^j] · (2j + 1) / (2 (j + 1)).
        even * (2 * j + 1) as f64 / (2 * (j + 1)) as f64
    }
}

/// C(2j, j) / 4^j: a direct product for small `j`, otherwise the asymptotic expansion
/// ln = -½ ln(πj) - 1/(8j) + 1/(192j³) - 1/(640j⁵) + 17/(14336j⁷) (from Stirling's series),
/// whose next term is below 1e-16 for j ≥ 64.
fn central_even(j: u64) -> f64 {
    if j < 64 {
        (1..=j).fold(1.0, |acc, i| acc * (2 * i - 1) as f64 / (2 * i) as f64)
    } else {
        let x = j as f64;
        let x2 = x * x;
        let series = -1.0 / (8.0 * x) + 1.0 / (192.0 * x * x2) - 1.0 / (640.0 * x * x2 * x2)
            + 17.0 / (14336.0 * x * x2 * x2 * x2);
        (-0.5 * (std::f64::consts::PI * x).ln() + series).exp()
    }
}

/// Exact integer arithmetic for the binomial quantile: the reference the floating-point walk
/// defers to when it is too close to call, and the oracle the tests compare it with.
pub mod exact {
    /// A non-negative integer as little-endian 32-bit limbs.
    #[derive(Clone, Debug, PartialEq, Eq)]
    struct Big(Vec<u32>);

    impl Big {
        fn from_u64(v: u64) -> Big {
            let mut b = Big(vec![v as u32, (v >> 32) as u32]);
            b.trim();
            b
        }
        fn pow2(e: u64) -> Big {
            let mut v = vec![0u32; (e / 32) as usize + 1];
            v[(e / 32) as usize] = 1 << (e % 32);
            Big(v)
        }
        fn trim(&mut self) {
            while self.0.len() > 1 && self.0.last() == Some(&0) {
                self.0.pop();
            }
        }
        fn mul_small(&mut self, f: u32) {
            let mut carry = 0u64;
            for limb in &mut self.0 {
                let t = u64::from(*limb) * u64::from(f) + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
            if carry > 0 {
                self.0.push(carry as u32);
            }
            self.trim();
        }
        /// Divides by `d`, which must divide exactly.
        fn div_exact(&mut self, d: u32) {
            let mut rem = 0u64;
            for limb in self.0.iter_mut().rev() {
                let t = (rem << 32) | u64::from(*limb);
                *limb = (t / u64::from(d)) as u32;
                rem = t % u64::from(d);
            }
            debug_assert_eq!(rem, 0, "inexact division");
            self.trim();
        }
        fn add(&mut self, o: &Big) {
            if self.0.len() < o.0.len() {
                self.0.resize(o.0.len(), 0);
            }
            let mut carry = 0u64;
            for (i, limb) in self.0.iter_mut().enumerate() {
                let t = u64::from(*limb) + u64::from(o.0.get(i).copied().unwrap_or(0)) + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
            if carry > 0 {
                self.0.push(carry as u32);
            }
        }
        fn ge(&self, o: &Big) -> bool {
            if self.0.len() != o.0.len() {
                return self.0.len() > o.0.len();
            }
            for (a, b) in self.0.iter().rev().zip(o.0.iter().rev()) {
                if a != b {
                    return a > b;
                }
            }
            true
        }
    }

    /// The smallest `x` with P(X ≤ x) ≥ 1/20 for X ~ Binomial(m, 1/2), exactly:
    /// the smallest `x` with 20 · Σ_{k ≤ x} C(m, k) ≥ 2^m. Cost grows as m², so this is for
    /// tie-breaking and tests, not the main path.
    pub fn qbinom_05_half(m: u64) -> u64 {
        assert!(m < u64::from(u32::MAX), "m too large for exact arithmetic");
        let total = Big::pow2(m);
        let mut sum = Big::from_u64(0);
        let mut coef = Big::from_u64(1); // C(m, 0)
        for k in 0..=m {
            sum.add(&coef);
            let mut twenty = sum.clone();
            twenty.mul_small(20);
            if twenty.ge(&total) {
                return k;
            }
            // C(m, k + 1) = C(m, k) · (m - k) / (k + 1), exact at every step.
            coef.mul_small((m - k) as u32);
            coef.div_exact((k + 1) as u32);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of limits in Appendix 2 of the qicharts2 vignette
    /// (docs/runchart-rules.md#limits-table): (first n, last n, limit).
    const LONGEST: [(usize, usize, usize); 5] = [(10, 11, 6), (12, 22, 7), (23, 45, 8), (46, 90, 9), (91, 100, 10)];
    const CROSSINGS: [(usize, usize, usize); 40] = [
        (10, 11, 2),
        (12, 13, 3),
        (14, 16, 4),
        (17, 18, 5),
        (19, 21, 6),
        (22, 23, 7),
        (24, 26, 8),
        (27, 28, 9),
        (29, 30, 10),
        (31, 33, 11),
        (34, 35, 12),
        (36, 37, 13),
        (38, 40, 14),
        (41, 42, 15),
        (43, 44, 16),
        (45, 47, 17),
        (48, 49, 18),
        (50, 51, 19),
        (52, 53, 20),
        (54, 56, 21),
        (57, 58, 22),
        (59, 60, 23),
        (61, 62, 24),
        (63, 65, 25),
        (66, 67, 26),
        (68, 69, 27),
        (70, 71, 28),
        (72, 74, 29),
        (75, 76, 30),
        (77, 78, 31),
        (79, 80, 32),
        (81, 82, 33),
        (83, 85, 34),
        (86, 87, 35),
        (88, 89, 36),
        (90, 91, 37),
        (92, 93, 38),
        (94, 96, 39),
        (97, 98, 40),
        (99, 100, 41),
    ];

    fn expand(table: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for &(a, b, v) in table {
            for n in a..=b {
                if out.last().is_none_or(|&(m, _)| m < n) {
                    out.push((n, v));
                }
            }
        }
        out
    }

    #[test]
    fn vignette_table_covers_10_to_100_without_gaps() {
        for t in [expand(&LONGEST), expand(&CROSSINGS)] {
            let ns: Vec<usize> = t.iter().map(|&(n, _)| n).collect();
            assert_eq!(ns, (10..=100).collect::<Vec<_>>());
        }
    }

    #[test]
    fn longest_run_max_matches_vignette_for_10_to_100() {
        for (n, v) in expand(&LONGEST) {
            assert_eq!(longest_run_max(n), v, "n = {n}");
        }
    }

    #[test]
    fn crossings_min_matches_vignette_for_10_to_100() {
        for (n, v) in expand(&CROSSINGS) {
            assert_eq!(crossings_min(n), v, "n = {n}");
            assert_eq!(exact::qbinom_05_half(n as u64 - 1) as usize, v, "exact, n = {n}");
        }
    }

    #[test]
    fn longest_run_max_small_and_large_n_by_hand() {
        // round(log2 1) = 0; log2 2 = 1; log2 3 = 1.58 -> 2; log2 5 = 2.32 -> 2; log2 6 = 2.58 -> 3.
        assert_eq!(longest_run_max(1), 3);
        assert_eq!(longest_run_max(2), 4);
        assert_eq!(longest_run_max(3), 5);
        assert_eq!(longest_run_max(5), 5);
        assert_eq!(longest_run_max(6), 6);
        // 2^16.5 = 92681.9: 92681 rounds to 16, 92682 to 17.
        assert_eq!(longest_run_max(92_681), 19);
        assert_eq!(longest_run_max(92_682), 20);
        assert_eq!(longest_run_max(100_000), 20);
    }

    #[test]
    fn crossings_min_small_n_by_hand() {
        // n = 1: Bin(0): P(X <= 0) = 1 -> 0. n = 2: Bin(1): P(X <= 0) = 0.5 -> 0.
        assert_eq!(crossings_min(1), 0);
        assert_eq!(crossings_min(2), 0);
        // n = 6: Bin(5): P(X <= 0) = 1/32 = 0.031 < 0.05; P(X <= 1) = 6/32 -> 1.
        assert_eq!(crossings_min(6), 1);
        // n = 10: Bin(9): P(X <= 1) = 10/512 = 0.0195; P(X <= 2) = 46/512 = 0.0898 -> 2.
        assert_eq!(crossings_min(10), 2);
    }

    #[test]
    fn float_walk_agrees_with_exact_arithmetic_up_to_1200() {
        for m in 0..=1200u64 {
            assert_eq!(walk(m).0, exact::qbinom_05_half(m), "m = {m}");
        }
    }

    #[test]
    fn large_n_agree_with_exact_arithmetic() {
        for m in [4_999u64, 5_000, 12_345] {
            assert_eq!(qbinom_05_half(m), exact::qbinom_05_half(m), "m = {m}");
        }
    }

    #[test]
    fn large_n_values_are_close_to_the_normal_approximation() {
        // Independent sanity check: qbinom(0.05, m, 1/2) ≈ m/2 - 1.6449·√m/2 (+0.5 continuity);
        // exact quantiles differ from it by at most about one.
        for m in [10_000u64, 99_999, 1_000_000] {
            let approx = m as f64 / 2.0 - 1.644_853_6 * (m as f64).sqrt() / 2.0;
            let got = qbinom_05_half(m) as f64;
            assert!((got - approx).abs() <= 1.5, "m = {m}: {got} vs {approx}");
        }
    }

    #[test]
    fn float_walk_is_never_ambiguous_up_to_100_000() {
        // If P(X <= x) were within 1e-10 (relative) of 0.05 the walk would defer to exact
        // arithmetic; this shows it never needs to for any n up to 100,000, so the fast path's
        // answer is exact there. Every 7th m keeps the debug build quick while still sweeping.
        for m in (9..100_000u64).step_by(7).chain([99_999]) {
            let (_, hi, lo) = walk(m);
            assert!(((hi - 0.05) / 0.05).abs() > AMBIGUOUS && ((lo - 0.05) / 0.05).abs() > AMBIGUOUS, "m = {m}");
            assert!(hi >= 0.05 && lo < 0.05);
        }
    }

    #[test]
    fn central_expansion_matches_product_where_they_overlap() {
        for j in 64..400u64 {
            let prod = (1..=j).fold(1.0, |acc, i| acc * (2 * i - 1) as f64 / (2 * i) as f64);
            assert!(((central_even(j) - prod) / prod).abs() < 1e-13, "j = {j}");
        }
    }
}
