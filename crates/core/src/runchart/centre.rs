//! Centre lines: the median of a phase's baseline points, or a fixed value the user supplies.
//!
//! - The baseline is all of the phase's points, its first N points (a frozen median, extended
//!   across the rest of the phase), or its points dated on or before a date.
//! - Excluded points and missing values never enter a median.
//! - The median of an even number of values is the mean of the two middle values, so with
//!   whole-day data it can fall half-way between integers (and then no point sits on it).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which points of a phase form its centre line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Baseline {
    /// Every point of the phase.
    #[default]
    All,
    /// The first N points of the phase by position (excluded points among them still do not
    /// count), as qicharts2's `freeze`. When the phase is shorter, all of it.
    FirstN(usize),
    /// The phase's points dated on or before this date.
    UpTo(NaiveDate),
}

/// Whether the line the rules use is a median or a value the user fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CentreKind {
    Median,
    Fixed,
}

/// The median of `values` (any order), or `None` when empty. O(n) expected: it selects rather
/// than sorts. `values` is reordered.
pub fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    let (lower, m, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *m;
    if n % 2 == 1 {
        Some(upper)
    } else {
        // The other middle value is the largest of the lower half.
        let below = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some(below + (upper - below) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_and_even_medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7.0]), Some(7.0));
        // Sorted 1 3 9: middle is 3.
        assert_eq!(median(&mut [9.0, 1.0, 3.0]), Some(3.0));
        // Sorted 100 181 183 200: (181 + 183) / 2 = 182.
        assert_eq!(median(&mut [200.0, 181.0, 100.0, 183.0]), Some(182.0));
        // Sorted 10 11 12 13: (11 + 12) / 2 = 11.5, between integers.
        assert_eq!(median(&mut [13.0, 10.0, 12.0, 11.0]), Some(11.5));
        // Ties: sorted 4 4 4 5 -> (4 + 4) / 2 = 4.
        assert_eq!(median(&mut [4.0, 5.0, 4.0, 4.0]), Some(4.0));
    }

    #[test]
    fn large_values_do_not_overflow() {
        assert_eq!(median(&mut [f64::MAX, f64::MAX]), Some(f64::MAX));
    }
}
