//! Tick choice: "nice" numeric ticks (1, 2 or 5 times a power of ten) and calendar ticks that
//! step by days, weeks, months, quarters, half-years or years depending on the span, labelled
//! the UK way ("Mar 2021", "2021").

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

/// Ticks over a numeric domain widened to whole steps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NiceTicks {
    /// The widened domain: `lo <= min` and `hi >= max`, both multiples of `step`.
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    /// Tick values from `lo` to `hi` inclusive.
    pub values: Vec<f64>,
}

impl NiceTicks {
    /// Tick labels: thousands separated by commas, as many decimals as the step needs.
    pub fn labels(&self) -> Vec<String> {
        self.values.iter().map(|&v| format_number(v, self.step)).collect()
    }
}

/// The nice step (1, 2 or 5 × 10^k) closest to `raw`, using the √2, √10, √50 cut-offs.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let f = if r >= 50f64.sqrt() {
        10.0
    } else if r >= 10f64.sqrt() {
        5.0
    } else if r >= 2f64.sqrt() {
        2.0
    } else {
        1.0
    };
    f * mag
}

/// Nice ticks covering `[min, max]` with roughly `target` intervals.
///
/// A degenerate domain is widened first: `[0, 0]` becomes `[0, 1]`, `[v, v]` becomes
/// `[v − |v|/2, v + |v|/2]`.
pub fn nice_ticks(min: f64, max: f64, target: usize) -> NiceTicks {
    nice_ticks_with_min_step(min, max, target, 0.0)
}

/// As [`nice_ticks`], with the step never below `min_step` (1 for whole days).
pub fn nice_ticks_with_min_step(min: f64, max: f64, target: usize, min_step: f64) -> NiceTicks {
    let (mut lo, mut hi) = match (min.is_finite(), max.is_finite()) {
        (true, true) => (min.min(max), min.max(max)),
        (true, false) => (min, min),
        (false, true) => (max, max),
        (false, false) => (0.0, 0.0),
    };
    if lo == hi {
        if lo == 0.0 {
            hi = 1.0;
        } else {
            let h = lo.abs() / 2.0;
            lo -= h;
            hi += h;
        }
    }
    let mut step = nice_step((hi - lo) / target.max(1) as f64);
    if step < min_step {
        step = min_step;
    }
    let nlo = (lo / step).floor();
    let nhi = (hi / step).ceil();
    let count = (nhi - nlo).round() as i64;
    let decimals = decimals_for(step) as i32;
    let tidy = |v: f64| {
        let p = 10f64.powi(decimals);
        (v * p).round() / p
    };
    let values: Vec<f64> = (0..=count).map(|k| tidy((nlo + k as f64) * step)).collect();
    NiceTicks { lo: tidy(nlo * step), hi: tidy(nhi * step), step, values }
}

fn decimals_for(step: f64) -> usize {
    if step >= 1.0 || step <= 0.0 { 0 } else { (-step.log10().floor()) as usize }
}

/// Formats a tick value: comma thousands separators, decimals as the step needs ("1,000", "0.2").
pub fn format_number(v: f64, step: f64) -> String {
    let dec = decimals_for(step);
    let s = format!("{:.*}", dec, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let neg = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// The spacing between calendar ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateInterval {
    Days(u32),
    /// Weekly ticks, on Mondays.
    Weeks,
    /// Every `n` months, aligned so that 3 gives calendar quarters and 6 half-years.
    Months(u32),
    /// Every `n` years, on 1 January of years divisible by `n`.
    Years(u32),
}

/// One calendar tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateTick {
    pub date: NaiveDate,
    pub label: String,
}

const CANDIDATES: [DateInterval; 12] = [
    DateInterval::Days(1),
    DateInterval::Weeks,
    DateInterval::Months(1),
    DateInterval::Months(3),
    DateInterval::Months(6),
    DateInterval::Years(1),
    DateInterval::Years(2),
    DateInterval::Years(5),
    DateInterval::Years(10),
    DateInterval::Years(20),
    DateInterval::Years(50),
    DateInterval::Years(100),
];

/// Calendar ticks within `[start, end]`: the finest interval giving at most `max_ticks` ticks.
pub fn date_ticks(start: NaiveDate, end: NaiveDate, max_ticks: usize) -> (DateInterval, Vec<DateTick>) {
    let (start, end) = if start <= end { (start, end) } else { (end, start) };
    let max_ticks = max_ticks.max(2);
    let span = (end - start).num_days();
    for iv in CANDIDATES {
        // Cheap estimate first, so a 10-year span never enumerates days.
        let approx_days = match iv {
            DateInterval::Days(n) => n as i64,
            DateInterval::Weeks => 7,
            DateInterval::Months(n) => 28 * n as i64,
            DateInterval::Years(n) => 365 * n as i64,
        };
        if span / approx_days > max_ticks as i64 + 2 {
            continue;
        }
        let ticks = ticks_for(iv, start, end);
        if ticks.len() <= max_ticks {
            return (iv, ticks);
        }
    }
    let iv = DateInterval::Years(100);
    (iv, ticks_for(iv, start, end))
}

/// Every tick of interval `iv` within `[start, end]`, labelled.
pub fn ticks_for(iv: DateInterval, start: NaiveDate, end: NaiveDate) -> Vec<DateTick> {
    let mut out = Vec::new();
    let label = |d: NaiveDate| match iv {
        DateInterval::Days(_) | DateInterval::Weeks => format_day(d),
        DateInterval::Months(_) => format_month(d),
        DateInterval::Years(_) => d.year().to_string(),
    };
    let mut d = match iv {
        DateInterval::Days(_) => Some(start),
        DateInterval::Weeks => {
            let back = start.weekday().num_days_from_monday();
            let monday = start - Days::new(back as u64);
            if monday < start { monday.checked_add_days(Days::new(7)) } else { Some(monday) }
        }
        DateInterval::Months(n) => {
            let n = n.max(1) as i32;
            let first = NaiveDate::from_ymd_opt(start.year(), start.month(), 1);
            let mut cand = first.and_then(|f| if f < start { f.checked_add_months(Months::new(1)) } else { Some(f) });
            while let Some(c) = cand {
                let idx = c.year() * 12 + c.month0() as i32;
                if idx.rem_euclid(n) == 0 {
                    break;
                }
                cand = c.checked_add_months(Months::new(1));
            }
            cand
        }
        DateInterval::Years(n) => {
            let n = n.max(1) as i32;
            let mut y = start.year();
            if NaiveDate::from_ymd_opt(y, 1, 1).is_none_or(|j| j < start) {
                y += 1;
            }
            while y.rem_euclid(n) != 0 {
                y += 1;
            }
            NaiveDate::from_ymd_opt(y, 1, 1)
        }
    };
    while let Some(cur) = d {
        if cur > end {
            break;
        }
        out.push(DateTick { date: cur, label: label(cur) });
        d = match iv {
            DateInterval::Days(n) => cur.checked_add_days(Days::new(n.max(1) as u64)),
            DateInterval::Weeks => cur.checked_add_days(Days::new(7)),
            DateInterval::Months(n) => cur.checked_add_months(Months::new(n.max(1))),
            DateInterval::Years(n) => cur.checked_add_months(Months::new(12 * n.max(1))),
        };
    }
    debug_assert!(out.iter().all(|t| iv != DateInterval::Weeks || t.date.weekday() == Weekday::Mon));
    out
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "Mar 2021".
pub fn format_month(d: NaiveDate) -> String {
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

/// "3 Mar 2021": the UK day-first short form used on chart labels.
pub fn format_day(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn nice_step_rounds_to_1_2_5() {
        assert_eq!(nice_step(194.6), 200.0); // 1.946 ≥ √2 → 2
        assert_eq!(nice_step(1.4), 1.0); // 1.4 < √2 → 1
        assert_eq!(nice_step(3.3), 5.0); // ≥ √10 → 5
        assert_eq!(nice_step(7.2), 10.0); // ≥ √50 → 10
        assert_eq!(nice_step(0.03), 0.02);
    }

    #[test]
    fn ticks_for_0_to_973_are_hundreds_in_twos() {
        // 973 / 5 = 194.6 → step 200; the domain widens to 1000.
        let t = nice_ticks(0.0, 973.0, 5);
        assert_eq!(t.step, 200.0);
        assert_eq!((t.lo, t.hi), (0.0, 1000.0));
        assert_eq!(t.values, vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]);
        assert_eq!(t.labels(), vec!["0", "200", "400", "600", "800", "1,000"]);
    }

    #[test]
    fn ticks_for_0_to_7_step_by_one() {
        // 7 / 5 = 1.4 is just under √2, so the step is 1 and all eight whole numbers are ticks.
        let t = nice_ticks(0.0, 7.0, 5);
        assert_eq!(t.step, 1.0);
        assert_eq!(t.values, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        // With 3 intervals wanted: 7/3 = 2.33 → 2, domain widens to 8.
        let t = nice_ticks(0.0, 7.0, 3);
        assert_eq!(t.values, vec![0.0, 2.0, 4.0, 6.0, 8.0]);
    }

    #[test]
    fn degenerate_domain_is_widened() {
        let t = nice_ticks(0.0, 0.0, 5);
        assert_eq!((t.lo, t.hi, t.step), (0.0, 1.0, 0.2));
        assert_eq!(t.values, vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(t.labels()[1], "0.2");
        // Whole days: the step never goes below 1.
        let t = nice_ticks_with_min_step(0.0, 0.0, 5, 1.0);
        assert_eq!(t.values, vec![0.0, 1.0]);
        // [40, 40] → [20, 60], 40/5 = 8 → 10.
        let t = nice_ticks(40.0, 40.0, 5);
        assert_eq!((t.lo, t.hi, t.step), (20.0, 60.0, 10.0));
        // NaN does not panic.
        let t = nice_ticks(f64::NAN, f64::NAN, 5);
        assert_eq!((t.lo, t.hi), (0.0, 1.0));
    }

    #[test]
    fn number_format_groups_thousands() {
        assert_eq!(format_number(1234567.0, 1.0), "1,234,567");
        assert_eq!(format_number(-1500.0, 500.0), "-1,500");
        assert_eq!(format_number(0.25, 0.05), "0.25");
        assert_eq!(format_number(-0.0, 1.0), "0");
    }

    #[test]
    fn date_ticks_over_three_months_are_monthly() {
        let (iv, t) = date_ticks(d(2021, 1, 15), d(2021, 4, 15), 8);
        assert_eq!(iv, DateInterval::Months(1));
        let labels: Vec<_> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Feb 2021", "Mar 2021", "Apr 2021"]);
        assert_eq!(t[0].date, d(2021, 2, 1));
    }

    #[test]
    fn date_ticks_over_two_years_are_quarterly() {
        // Monthly would give 24 ticks (Feb 2020..Jan 2022); quarters give exactly 8.
        let (iv, t) = date_ticks(d(2020, 1, 15), d(2022, 1, 10), 8);
        assert_eq!(iv, DateInterval::Months(3));
        let labels: Vec<_> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Apr 2020", "Jul 2020", "Oct 2020", "Jan 2021", "Apr 2021", "Jul 2021", "Oct 2021", "Jan 2022"]
        );
    }

    #[test]
    fn date_ticks_over_ten_years_are_every_other_year() {
        // Yearly gives 2012..2021 = 10 ticks > 8, so every 2 years on even years.
        let (iv, t) = date_ticks(d(2011, 6, 1), d(2021, 5, 31), 8);
        assert_eq!(iv, DateInterval::Years(2));
        let labels: Vec<_> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["2012", "2014", "2016", "2018", "2020"]);
        assert_eq!(t[0].date, d(2012, 1, 1));
    }

    #[test]
    fn short_spans_use_days_or_mondays() {
        let (iv, t) = date_ticks(d(2021, 3, 1), d(2021, 3, 4), 8);
        assert_eq!(iv, DateInterval::Days(1));
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].label, "1 Mar 2021");
        // 1 Mar 2021 was a Monday; 5 weeks later is 5 Apr.
        let (iv, t) = date_ticks(d(2021, 2, 27), d(2021, 4, 5), 8);
        assert_eq!(iv, DateInterval::Weeks);
        assert_eq!(t.first().unwrap().date, d(2021, 3, 1));
        assert_eq!(t.last().unwrap().date, d(2021, 4, 5));
        assert_eq!(t.len(), 6);
    }
}
