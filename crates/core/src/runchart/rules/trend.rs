//! The IHI trend rule: at least `min_len` points all rising or all falling.
//!
//! Choices (docs/runchart-rules.md#ihi-trend; as in the jsphdms/runchart R package):
//!
//! - Trends ignore the centre line: points on the median count like any other.
//! - Excluded points are skipped, as if absent.
//! - Equal neighbours are counted once ("if two or more points have the same value, only the
//!   first is counted"): a repeat neither adds to nor breaks a trend. So `1 2 3 4 4 5` is a
//!   five-point trend and `1 2 3 4` is not.
//! - Length counts points, not steps: five points means four steps in one direction.
//! - A trend may share its turning point with the next: `1 2 3 4 5 4 3 2 1` gives a rising trend
//!   over points 1 to 5 and a falling one over points 5 to 9.
//! - A trend's `first` and `last` are the first occurrences of its end values, so a repeat of
//!   the final value after the end is outside the range, and a repeat of the first value before
//!   the rise starts is inside it only if the first occurrence is.

/// One trend. Indices are 0-based series positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    pub first: usize,
    pub last: usize,
    pub rising: bool,
    /// Points counted (repeats once).
    pub len: usize,
}

/// Finds trends among `(index, value)` points given in series order (excluded points already
/// left out). O(n).
pub fn trends(points: impl IntoIterator<Item = (usize, f64)>, min_len: usize) -> Vec<Trend> {
    let mut out = Vec::new();
    // The current monotone stretch: its first counted point, last counted point, direction and
    // number of counted points.
    let mut prev: Option<(usize, f64)> = None; // last counted (distinct) point
    let mut cur: Option<Trend> = None;
    for (i, v) in points {
        let Some((pi, pv)) = prev else {
            prev = Some((i, v));
            continue;
        };
        if v == pv {
            continue; // a repeat: counted once, so skipped
        }
        let rising = v > pv;
        match cur.as_mut() {
            Some(t) if t.rising == rising => {
                t.last = i;
                t.len += 1;
            }
            _ => {
                if let Some(t) = cur.take().filter(|t| t.len >= min_len) {
                    out.push(t);
                }
                // The new stretch starts at the turning point (shared with the previous one).
                cur = Some(Trend { first: pi, last: i, rising, len: 2 });
            }
        }
        prev = Some((i, v));
    }
    if let Some(t) = cur.filter(|t| t.len >= min_len) {
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(values: &[f64], min_len: usize) -> Vec<(usize, usize, bool)> {
        trends(values.iter().copied().enumerate(), min_len)
            .into_iter()
            .map(|t| (t.first + 1, t.last + 1, t.rising))
            .collect()
    }

    #[test]
    fn five_rising_points_are_a_trend_four_are_not() {
        assert_eq!(run(&[1.0, 2.0, 3.0, 4.0, 5.0], 5), vec![(1, 5, true)]);
        assert!(run(&[1.0, 2.0, 3.0, 4.0], 5).is_empty());
    }

    #[test]
    fn a_repeat_neither_adds_nor_breaks() {
        // 1 2 3 4 4 5: distinct steps 1<2<3<4<5 -> five counted points, points 1..6.
        assert_eq!(run(&[1.0, 2.0, 3.0, 4.0, 4.0, 5.0], 5), vec![(1, 6, true)]);
        // 1 2 2 2 3 4: only four distinct values -> no five-point trend.
        assert!(run(&[1.0, 2.0, 2.0, 2.0, 3.0, 4.0], 5).is_empty());
        // Repeated first value: 1 1 2 3 4 5 -> counted from the first 1 (point 1) to point 6.
        assert_eq!(run(&[1.0, 1.0, 2.0, 3.0, 4.0, 5.0], 5), vec![(1, 6, true)]);
        // Repeated last value: 5 4 3 2 1 1 -> ends at the first 1 (point 5).
        assert_eq!(run(&[5.0, 4.0, 3.0, 2.0, 1.0, 1.0], 5), vec![(1, 5, false)]);
    }

    #[test]
    fn trends_share_a_turning_point() {
        // c(1:5, -1:-5): rising 1..5 (points 1-5), then 5 > -1 > ... > -5 (points 5-10).
        let v: Vec<f64> = (1..=5).chain((1..=5).map(|x| -x)).map(f64::from).collect();
        assert_eq!(run(&v, 5), vec![(1, 5, true), (5, 10, false)]);
    }

    #[test]
    fn configurable_length() {
        let v: Vec<f64> = (1..=6).map(f64::from).collect();
        assert_eq!(run(&v, 6), vec![(1, 6, true)]);
        assert!(run(&v, 7).is_empty());
    }

    #[test]
    fn all_equal_and_zig_zag_have_no_trend() {
        assert!(run(&[3.0; 8], 5).is_empty());
        assert!(run(&[1.0, 3.0, 2.0, 4.0, 3.0, 5.0], 5).is_empty());
        assert!(run(&[], 5).is_empty());
    }

    #[test]
    fn skipped_indices_are_respected() {
        // Points at positions 0,1,3,4,5 (position 2 excluded by the caller).
        let pts = vec![(0, 10.0), (1, 9.0), (3, 8.0), (4, 7.0), (5, 6.0)];
        let t = trends(pts, 5);
        assert_eq!(t, vec![Trend { first: 0, last: 5, rising: false, len: 5 }]);
    }
}
