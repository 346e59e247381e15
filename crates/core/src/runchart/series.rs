//! The input series: one point per child (or per observation), in chart order.
//!
//! Points are never averaged or merged: two children who reached the milestone on the same day
//! are two points (docs/runchart-rules.md#the-series).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One point on the run chart.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    /// The plotted value (for example days taken). A non-finite value (NaN) is a missing value:
    /// the point is kept in the output but left out of the centre line and the rules.
    pub value: f64,
    /// The date that orders the point (for permanence series, the date the child reached the
    /// end milestone). Needed only for date-based phases and baselines and for sentences.
    pub date: Option<NaiveDate>,
    /// A short label for tooltips.
    pub label: Option<String>,
    /// The child's id, so the app can link a point to the child's timeline.
    pub id: Option<String>,
}

impl Point {
    /// A point with just a value.
    pub fn new(value: f64) -> Point {
        Point { value, ..Point::default() }
    }

    /// A point with a value and a date.
    pub fn dated(value: f64, date: NaiveDate) -> Point {
        Point { value, date: Some(date), ..Point::default() }
    }
}

/// The points of one run chart, in chart order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Series {
    pub points: Vec<Point>,
}

impl Series {
    /// A series from points already in chart order.
    pub fn new(points: Vec<Point>) -> Series {
        Series { points }
    }

    /// An undated series from plain values.
    pub fn from_values(values: &[f64]) -> Series {
        Series { points: values.iter().copied().map(Point::new).collect() }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when there are no points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Puts the points in date order: by date, then by id, then by their current order (the sort
    /// is stable). Undated points go last. Same-day points stay separate points.
    pub fn sort_by_date(&mut self) {
        let order = |a: &Point, b: &Point| {
            let key = |p: &Point| (p.date.is_none(), p.date);
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        };
        // A stage's series comes in date order already: one pass finds that, where a sort of
        // 100,000 points would compare each many times (docs/architecture.md#speed).
        if self.points.is_sorted_by(|a, b| order(a, b).is_le()) {
            return;
        }
        crate::order::sort_by(&mut self.points, order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn sort_by_date_keeps_same_day_children_apart_and_undated_last() {
        let mut s = Series::new(vec![
            Point { id: Some("B".into()), ..Point::dated(5.0, d(2021, 2, 1)) },
            Point::new(9.0),
            Point { id: Some("A".into()), ..Point::dated(7.0, d(2021, 2, 1)) },
            Point::dated(1.0, d(2020, 1, 1)),
        ]);
        s.sort_by_date();
        let v: Vec<f64> = s.points.iter().map(|p| p.value).collect();
        assert_eq!(v, vec![1.0, 7.0, 5.0, 9.0]);
        assert_eq!(s.len(), 4);
    }
}
