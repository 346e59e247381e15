//! Which way a run of points moved the process, over time.
//!
//! A shift (IHI) or an unusually long run (Anhøj) is a run of useful points on one side of the
//! centre line. Which side it is on does not by itself say whether things got better or worse:
//! with one median over the whole phase, a run below the median at the start means the later
//! points are higher, so the process moved up; the same run at the end means it moved down.
//! The rules here are written out in docs/runchart-rules.md#assessing-a-signals-direction:
//!
//! - Against a reference line (a frozen baseline's extended median when the run reaches past
//!   the baseline, or a fixed centre line): the side decides, as PACE read its charts.
//! - Otherwise, by what comes after the run and what came before it, counted in useful points:
//!   - nothing after it, or more of the later points on its side than on the other: the process
//!     moved to the run's side from its first point on ([`RunPlace::FromHereOn`]);
//!   - more of the later points on the other side, and nothing before it or more of the earlier
//!     points on its side: the process moved away from the run's side after it
//!     ([`RunPlace::UntilHere`]);
//!   - otherwise (including later points split evenly) the run is a period that differed and
//!     did not last ([`RunPlace::Period`]).

use super::analysis::{Assessment, Direction};
use super::rules::shift::Side;

/// Where a run of points stands in time within its phase, which decides what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunPlace {
    /// Judged by its side against a reference line: the extended median of a frozen baseline
    /// (the run reaches past the baseline) or a fixed centre line.
    AgainstReference,
    /// From the run's first point on, values sit on its side: the process moved there.
    FromHereOn,
    /// The later points mostly sit on the other side: the process moved away from the run's
    /// side from `next` on (0-based index of the first useful point after the run).
    UntilHere { next: usize },
    /// A period in the middle of the phase that differed from the points on both sides of it.
    Period,
}

impl RunPlace {
    /// Improvement, deterioration or change for a run on `side`, given which way is better.
    pub fn assess(self, side: Side, direction: Direction) -> Assessment {
        let up = side == Side::Above;
        match self {
            RunPlace::AgainstReference | RunPlace::FromHereOn => direction.assess(up),
            // The values left the run's side: below it, they went up afterwards.
            RunPlace::UntilHere { .. } => direction.assess(!up),
            RunPlace::Period => Assessment::Change,
        }
    }
}

/// Useful points above and below the centre line, counted cumulatively over one phase so that
/// any stretch's counts take O(1). Indices are 0-based and relative to the phase's first point.
#[derive(Debug, Clone, Default)]
pub struct SideCounts {
    /// `above[j]` and `below[j]`: useful points above and below among the phase's first `j`.
    above: Vec<u32>,
    below: Vec<u32>,
    /// Phase-relative index of the next useful point at or after each position (`len` if none).
    next_useful: Vec<usize>,
}

impl SideCounts {
    /// Counts from each point's side (`None` for on the centre line, excluded or no centre).
    pub fn new(sides: impl ExactSizeIterator<Item = Option<Side>>) -> SideCounts {
        let n = sides.len();
        let mut above = Vec::with_capacity(n + 1);
        let mut below = Vec::with_capacity(n + 1);
        let (mut a, mut b) = (0u32, 0u32);
        above.push(0);
        below.push(0);
        let mut useful = Vec::with_capacity(n);
        for s in sides {
            match s {
                Some(Side::Above) => a += 1,
                Some(Side::Below) => b += 1,
                None => {}
            }
            useful.push(s.is_some());
            above.push(a);
            below.push(b);
        }
        let mut next_useful = vec![n; n + 1];
        for j in (0..n).rev() {
            next_useful[j] = if useful[j] { j } else { next_useful[j + 1] };
        }
        SideCounts { above, below, next_useful }
    }

    /// Useful points on `side` and on the other side among phase-relative positions `from..to`.
    fn split(&self, from: usize, to: usize, side: Side) -> (u32, u32) {
        let a = self.above[to] - self.above[from];
        let b = self.below[to] - self.below[from];
        match side {
            Side::Above => (a, b),
            Side::Below => (b, a),
        }
    }

    /// Where a run on `side` over phase-relative positions `first..=last` stands in time.
    /// `reference` is true when the run is judged against a reference line (see the module
    /// docs); `offset` turns phase-relative positions into series indices for `UntilHere`.
    pub fn place(&self, first: usize, last: usize, side: Side, reference: bool, offset: usize) -> RunPlace {
        if reference {
            return RunPlace::AgainstReference;
        }
        let len = self.above.len() - 1;
        let (after_same, after_other) = self.split(last + 1, len, side);
        if after_same + after_other == 0 || after_same > after_other {
            return RunPlace::FromHereOn;
        }
        let (before_same, before_other) = self.split(0, first, side);
        if after_other > after_same && (before_same + before_other == 0 || before_same > before_other) {
            RunPlace::UntilHere { next: offset + self.next_useful[last + 1] }
        } else {
            RunPlace::Period
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Side::{Above as A, Below as B};

    fn counts(sides: &[Option<Side>]) -> SideCounts {
        SideCounts::new(sides.iter().copied())
    }

    #[test]
    fn a_run_at_the_end_moved_the_process_to_its_side() {
        // A B A B | B B B B B B: the run of 6 below ends the phase (positions 4 to 9).
        let c = counts(&[Some(A), Some(B), Some(A), Some(B), Some(B), Some(B), Some(B), Some(B), Some(B), Some(B)]);
        // Points 4-9 are the run; position 3 is also below, so the run really starts at 3.
        assert_eq!(c.place(3, 9, B, false, 0), RunPlace::FromHereOn);
        // Lower is better: below from here on is an improvement.
        assert_eq!(RunPlace::FromHereOn.assess(B, Direction::LowerIsBetter), Assessment::Improvement);
        assert_eq!(RunPlace::FromHereOn.assess(B, Direction::HigherIsBetter), Assessment::Deterioration);
    }

    #[test]
    fn a_run_at_the_start_means_the_process_moved_away_from_its_side() {
        // B x6, then on the centre (None), then A A A B A A: after the run, 5 above and 1 below.
        let sides =
            [Some(B), Some(B), Some(B), Some(B), Some(B), Some(B), None, Some(A), Some(A), Some(A), Some(B), Some(A)];
        let c = counts(&sides);
        // The first useful point after the run is position 7 (position 6 is on the centre line);
        // with an offset of 20 (a later phase) it is series index 27.
        assert_eq!(c.place(0, 5, B, false, 20), RunPlace::UntilHere { next: 27 });
        // Below, then mostly above: the values went up. Lower is better: a deterioration.
        assert_eq!(RunPlace::UntilHere { next: 7 }.assess(B, Direction::LowerIsBetter), Assessment::Deterioration);
        assert_eq!(RunPlace::UntilHere { next: 7 }.assess(A, Direction::LowerIsBetter), Assessment::Improvement);
    }

    #[test]
    fn a_run_in_the_middle_is_a_period_that_did_not_last() {
        // A A B A | B B B B B B | A A A: before the run 3 above and 1 below, after it 3 above.
        let sides = [
            Some(A),
            Some(A),
            Some(B),
            Some(A),
            Some(B),
            Some(B),
            Some(B),
            Some(B),
            Some(B),
            Some(B),
            Some(A),
            Some(A),
            Some(A),
        ];
        let c = counts(&sides);
        assert_eq!(c.place(4, 9, B, false, 0), RunPlace::Period);
        assert_eq!(RunPlace::Period.assess(B, Direction::LowerIsBetter), Assessment::Change);
        // Before the run mostly below too (B B A | run | A A A): the process moved away after it.
        let sides2 = [
            Some(B),
            Some(B),
            Some(A),
            Some(B),
            Some(B),
            Some(B),
            Some(B),
            Some(B),
            Some(B),
            Some(A),
            Some(A),
            Some(A),
        ];
        assert_eq!(counts(&sides2).place(3, 8, B, false, 0), RunPlace::UntilHere { next: 9 });
    }

    #[test]
    fn later_points_split_evenly_make_a_period() {
        // Run of 6 below, then one above and one below: after it 1 each side, so neither did the
        // move hold nor did the values go the other way: a period.
        let sides = [Some(A), Some(A), Some(B), Some(B), Some(B), Some(B), Some(B), Some(B), Some(A), Some(B)];
        assert_eq!(counts(&sides).place(2, 7, B, false, 0), RunPlace::Period);
        // Even with nothing before the run.
        assert_eq!(counts(&sides[2..]).place(0, 5, B, false, 0), RunPlace::Period);
        // Two below and one above after it: the move held.
        let held = [Some(A), Some(B), Some(B), Some(B), Some(B), Some(B), Some(B), Some(A), Some(B), Some(B)];
        assert_eq!(counts(&held).place(1, 6, B, false, 0), RunPlace::FromHereOn);
    }

    #[test]
    fn a_reference_line_decides_by_side() {
        let c = counts(&[Some(B); 6]);
        assert_eq!(c.place(0, 5, B, true, 0), RunPlace::AgainstReference);
        assert_eq!(RunPlace::AgainstReference.assess(B, Direction::LowerIsBetter), Assessment::Improvement);
        assert_eq!(RunPlace::AgainstReference.assess(A, Direction::Neutral), Assessment::Change);
    }
}
