//! Runs of useful points on one side of the centre line: crossings, the longest run, and the
//! IHI shift rule.
//!
//! Only useful points take part: points exactly on the centre line and excluded points are
//! skipped, so they neither break a run nor add to it (IHI and Anhøj agree on this). A run's
//! `first` and `last` are always useful points; skipped points lying between them are inside its
//! range but do not count towards its length, and skipped points after `last` are not part of it.

use serde::{Deserialize, Serialize};

/// Which side of the centre line a useful point lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Above,
    Below,
}

/// A maximal run of consecutive useful points on one side. Indices are 0-based series positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideRun {
    pub side: Side,
    /// Index of the first useful point of the run.
    pub first: usize,
    /// Index of the last useful point of the run.
    pub last: usize,
    /// Number of useful points in the run (skipped points inside are not counted).
    pub len: usize,
}

/// Runs about the centre line over one phase.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SideRuns {
    pub n_useful: usize,
    /// Adjacent useful points on opposite sides; always `runs.len() - 1` when there are points.
    pub crossings: usize,
    /// Length of the longest run (0 when there are no useful points).
    pub longest: usize,
    pub runs: Vec<SideRun>,
}

/// Splits the useful points, given in series order as `(index, side)`, into runs. O(n).
pub fn side_runs(useful: impl IntoIterator<Item = (usize, Side)>) -> SideRuns {
    let mut out = SideRuns::default();
    for (i, side) in useful {
        out.n_useful += 1;
        match out.runs.last_mut() {
            Some(r) if r.side == side => {
                r.last = i;
                r.len += 1;
            }
            prev => {
                if prev.is_some() {
                    out.crossings += 1;
                }
                out.runs.push(SideRun { side, first: i, last: i, len: 1 });
            }
        }
    }
    out.longest = out.runs.iter().map(|r| r.len).max().unwrap_or(0);
    out
}

/// IHI shifts: runs of at least `min_len` useful points on one side.
pub fn shifts(runs: &SideRuns, min_len: usize) -> impl Iterator<Item = &SideRun> {
    runs.runs.iter().filter(move |r| r.len >= min_len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Side::{Above as A, Below as B};

    fn indexed(sides: &[Option<Side>]) -> Vec<(usize, Side)> {
        sides.iter().enumerate().filter_map(|(i, s)| s.map(|s| (i, s))).collect()
    }

    #[test]
    fn counts_runs_crossings_and_longest() {
        // A A B A A A: runs AA | B | AAA -> 3 runs, 2 crossings, longest 3.
        let r = side_runs(indexed(&[Some(A), Some(A), Some(B), Some(A), Some(A), Some(A)]));
        assert_eq!((r.n_useful, r.crossings, r.longest, r.runs.len()), (6, 2, 3, 3));
        assert_eq!(r.runs[2], SideRun { side: A, first: 3, last: 5, len: 3 });
    }

    #[test]
    fn skipped_points_neither_break_nor_count() {
        // Index: 0 1 2    3 4    5 6 7
        //        B B (on) B (on) B B B  -> a single run of 6 useful below points, indices 0..7.
        let r = side_runs(indexed(&[Some(B), Some(B), None, Some(B), None, Some(B), Some(B), Some(B)]));
        assert_eq!(r.runs, vec![SideRun { side: B, first: 0, last: 7, len: 6 }]);
        assert_eq!(r.crossings, 0);
        assert_eq!(shifts(&r, 6).count(), 1);
        assert_eq!(shifts(&r, 7).count(), 0);
    }

    #[test]
    fn a_skipped_point_between_sides_is_one_crossing() {
        // A (on) B: the on-centre point is ignored, so A -> B is still one crossing.
        let r = side_runs(indexed(&[Some(A), None, Some(B)]));
        assert_eq!((r.crossings, r.runs.len()), (1, 2));
    }

    #[test]
    fn empty_input() {
        let r = side_runs(Vec::new());
        assert_eq!((r.n_useful, r.crossings, r.longest), (0, 0, 0));
        assert!(r.runs.is_empty());
    }
}
