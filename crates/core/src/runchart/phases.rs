//! Phases: the series split at dates (a test of change, a programme start) or at point
//! positions. Each phase has its own baseline, its own centre line extended across the whole
//! phase, and its own rule analysis; phases never share runs. Freezing and phases work together:
//! every phase carries its own [`Baseline`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::analysis::RunChartError;
use super::centre::Baseline;
use super::series::Series;

/// Where a new phase starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum BreakAt {
    /// The new phase starts at the first point dated on or after this date. Needs every point
    /// dated and the points in date order.
    Date(NaiveDate),
    /// The new phase starts at this 0-based point index (point number `index + 1`).
    Index(usize),
}

/// A phase boundary with the baseline of the phase it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseBreak {
    pub at: BreakAt,
    #[serde(default)]
    pub baseline: Baseline,
    /// A label such as "Programme started", for the chart and sentences.
    #[serde(default)]
    pub label: Option<String>,
}

impl PhaseBreak {
    /// A break at a date whose phase uses all of its points for the median.
    pub fn at_date(date: NaiveDate) -> PhaseBreak {
        PhaseBreak { at: BreakAt::Date(date), baseline: Baseline::All, label: None }
    }

    /// A break at a 0-based point index whose phase uses all of its points for the median.
    pub fn at_index(index: usize) -> PhaseBreak {
        PhaseBreak { at: BreakAt::Index(index), baseline: Baseline::All, label: None }
    }
}

/// One phase as positions in the series: `start..end` (0-based, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseRange {
    pub start: usize,
    pub end: usize,
    pub baseline: Baseline,
    pub label: Option<String>,
}

/// Splits the series into non-empty phases. The first phase starts at point 0 with
/// `first_baseline`; each break starts a new one. When two breaks fall on the same point the
/// later one in the list wins; breaks past the last point start no phase and are reported in
/// the returned notes.
pub fn split(
    series: &Series,
    first_baseline: Baseline,
    breaks: &[PhaseBreak],
) -> Result<(Vec<PhaseRange>, Vec<String>), RunChartError> {
    let n = series.len();
    let mut notes = Vec::new();
    let mut starts: Vec<(usize, &PhaseBreak)> = Vec::with_capacity(breaks.len());
    for b in breaks {
        let start = match b.at {
            BreakAt::Index(i) => i,
            BreakAt::Date(d) => {
                require_dated_in_order(series, "a phase that starts at a date")?;
                series.points.partition_point(|p| p.date.is_some_and(|pd| pd < d))
            }
        };
        if start >= n {
            notes.push(match b.at {
                BreakAt::Date(d) => {
                    format!("No point is dated on or after {}, so no new phase starts there.", crate::dates::uk_date(d))
                }
                BreakAt::Index(i) => format!("There is no point {}, so no new phase starts there.", i + 1),
            });
            continue;
        }
        starts.push((start, b));
    }
    crate::order::sort_by_key(&mut starts, |&(s, _)| s); // stable: equal starts keep list order
    let mut phases = vec![PhaseRange { start: 0, end: n, baseline: first_baseline, label: None }];
    for (start, b) in starts {
        // Never empty: it starts with one phase and only grows.
        let Some(last) = phases.last_mut() else { break };
        if last.start == start {
            last.baseline = b.baseline;
            last.label = b.label.clone();
        } else {
            last.end = start;
            phases.push(PhaseRange { start, end: n, baseline: b.baseline, label: b.label.clone() });
        }
    }
    if n == 0 {
        phases.clear();
    }
    Ok((phases, notes))
}

/// Errors unless every point has a date and the dates never go backwards.
pub(crate) fn require_dated_in_order(series: &Series, what: &str) -> Result<(), RunChartError> {
    let mut prev: Option<NaiveDate> = None;
    for (i, p) in series.points.iter().enumerate() {
        let Some(d) = p.date else {
            return Err(RunChartError::NeedsDates { what: what.to_string(), point: i + 1 });
        };
        if prev.is_some_and(|q| d < q) {
            return Err(RunChartError::DatesOutOfOrder { point: i + 1 });
        }
        prev = Some(d);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runchart::series::Point;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dated(days: &[u32]) -> Series {
        Series::new(days.iter().map(|&x| Point::dated(1.0, d(2021, 1, x))).collect())
    }

    fn ranges(p: &[PhaseRange]) -> Vec<(usize, usize)> {
        p.iter().map(|r| (r.start, r.end)).collect()
    }

    #[test]
    fn no_breaks_is_one_phase() {
        let (p, notes) = split(&Series::from_values(&[1.0, 2.0, 3.0]), Baseline::FirstN(2), &[]).unwrap();
        assert_eq!(ranges(&p), vec![(0, 3)]);
        assert_eq!(p[0].baseline, Baseline::FirstN(2));
        assert!(notes.is_empty());
    }

    #[test]
    fn date_break_starts_at_first_point_on_or_after_the_date() {
        // Dates 1, 5, 5, 9, 12 January; a break on 5 January starts at index 1 (the first 5th),
        // a break on 6 January at index 3.
        let s = dated(&[1, 5, 5, 9, 12]);
        let (p, _) = split(&s, Baseline::All, &[PhaseBreak::at_date(d(2021, 1, 5))]).unwrap();
        assert_eq!(ranges(&p), vec![(0, 1), (1, 5)]);
        let (p, _) = split(&s, Baseline::All, &[PhaseBreak::at_date(d(2021, 1, 6)), PhaseBreak::at_index(4)]).unwrap();
        assert_eq!(ranges(&p), vec![(0, 3), (3, 4), (4, 5)]);
    }

    #[test]
    fn breaks_at_the_start_or_past_the_end() {
        let s = Series::from_values(&[1.0, 2.0, 3.0]);
        let b0 = PhaseBreak { baseline: Baseline::FirstN(1), ..PhaseBreak::at_index(0) };
        let (p, notes) = split(&s, Baseline::All, &[b0, PhaseBreak::at_index(3)]).unwrap();
        assert_eq!(ranges(&p), vec![(0, 3)]);
        assert_eq!(p[0].baseline, Baseline::FirstN(1));
        assert_eq!(notes, vec!["There is no point 4, so no new phase starts there.".to_string()]);
    }

    #[test]
    fn date_breaks_need_dated_ordered_points() {
        let s = Series::from_values(&[1.0, 2.0]);
        assert!(matches!(
            split(&s, Baseline::All, &[PhaseBreak::at_date(d(2021, 1, 1))]),
            Err(RunChartError::NeedsDates { point: 1, .. })
        ));
        let s = dated(&[3, 2]);
        assert!(matches!(
            split(&s, Baseline::All, &[PhaseBreak::at_date(d(2021, 1, 1))]),
            Err(RunChartError::DatesOutOfOrder { point: 2 })
        ));
    }
}
