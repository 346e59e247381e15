//! Scales: map data values (days, point numbers, calendar dates) to viewBox coordinates and back.
//!
//! The inverse mappings let the app turn a pointer position into a point number or a date
//! without a hit-testing element per mark.

use chrono::{Days, NaiveDate};
use serde::Serialize;

/// A linear map from a domain `[d0, d1]` to a range `[r0, r1]`. The range may be reversed
/// (y axes run downwards in SVG). A degenerate domain maps everything to the middle of the range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LinearScale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl LinearScale {
    /// A scale from `domain` to `range`.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> LinearScale {
        LinearScale { d0: domain.0, d1: domain.1, r0: range.0, r1: range.1 }
    }

    /// Maps a domain value to the range (values outside the domain extrapolate).
    pub fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 || !span.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }

    /// Maps a range position back to the domain.
    pub fn invert(&self, px: f64) -> f64 {
        let span = self.r1 - self.r0;
        if span == 0.0 {
            return self.d0;
        }
        self.d0 + (px - self.r0) / span * (self.d1 - self.d0)
    }

    /// Range units per domain unit (negative for a reversed range).
    pub fn slope(&self) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 { 0.0 } else { (self.r1 - self.r0) / span }
    }
}

/// A linear map from calendar dates to x, one day being a constant width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DateScale {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The underlying scale over days since `start`.
    pub days: LinearScale,
}

impl DateScale {
    /// A scale putting `start` at `range.0` and `end` at `range.1`.
    pub fn new(start: NaiveDate, end: NaiveDate, range: (f64, f64)) -> DateScale {
        let span = (end - start).num_days() as f64;
        DateScale { start, end, days: LinearScale::new((0.0, span), range) }
    }

    /// Days from the scale's start to `d` (negative before the start).
    pub fn offset(&self, d: NaiveDate) -> f64 {
        (d - self.start).num_days() as f64
    }

    /// Maps a date to x.
    pub fn map(&self, d: NaiveDate) -> f64 {
        self.days.map(self.offset(d))
    }

    /// The date at x, rounded to the nearest day.
    pub fn invert(&self, px: f64) -> NaiveDate {
        let off = self.days.invert(px).round() as i64;
        if off >= 0 {
            self.start.checked_add_days(Days::new(off as u64)).unwrap_or(NaiveDate::MAX)
        } else {
            self.start.checked_sub_days(Days::new(off.unsigned_abs())).unwrap_or(NaiveDate::MIN)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn linear_maps_and_inverts_a_reversed_y_range() {
        // Days 0..1000 onto y 356 (bottom) .. 56 (top): 0.3 units per day, upwards.
        let s = LinearScale::new((0.0, 1000.0), (356.0, 56.0));
        assert_eq!(s.map(0.0), 356.0);
        assert_eq!(s.map(1000.0), 56.0);
        assert!((s.map(250.0) - 281.0).abs() < 1e-9); // 356 - 250*0.3
        assert!((s.invert(281.0) - 250.0).abs() < 1e-9);
        assert!((s.slope() + 0.3).abs() < 1e-12);
        // Extrapolation is linear too.
        assert!((s.map(-100.0) - 386.0).abs() < 1e-9);
    }

    #[test]
    fn linear_degenerate_domain_goes_to_the_middle() {
        let s = LinearScale::new((5.0, 5.0), (0.0, 100.0));
        assert_eq!(s.map(5.0), 50.0);
        assert_eq!(s.map(99.0), 50.0);
        assert_eq!(s.invert(10.0), 5.0);
    }

    #[test]
    fn date_scale_is_one_unit_per_day_over_a_leap_year() {
        // 2020 is a leap year: 1 Jan 2020 to 1 Jan 2021 is 366 days.
        let s = DateScale::new(d(2020, 1, 1), d(2021, 1, 1), (100.0, 466.0));
        assert_eq!(s.map(d(2020, 1, 1)), 100.0);
        assert_eq!(s.map(d(2020, 3, 1)), 160.0); // 31 + 29 days
        assert_eq!(s.map(d(2021, 1, 1)), 466.0);
        assert_eq!(s.invert(160.4), d(2020, 3, 1));
        assert_eq!(s.invert(90.0), d(2019, 12, 22));
    }
}
