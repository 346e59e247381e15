//! Formatting for screens: short names for the core's formatters, so every screen, the report
//! and the CLI write dates, days and shares the same way.

use chrono::NaiveDate;
use timescales_core::card::{days_text, percent_text};
use timescales_core::dates::uk_date;

/// dd/mm/yyyy.
pub fn date(d: NaiveDate) -> String {
    uk_date(d)
}

/// Days ("182 days", "1 day", halves kept for medians: "64.5 days").
pub fn days(v: f64) -> String {
    days_text(Some(v))
}

/// An optional number of days, or a dash.
pub fn opt_days(v: Option<f64>) -> String {
    days_text(v)
}

/// A share as a whole percentage ("67%").
pub fn percent(part: usize, whole: usize) -> String {
    percent_text(part, whole)
}
