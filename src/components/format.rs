//! Formatting for screens: UK dates, days, percentages.

use chrono::NaiveDate;

/// dd/mm/yyyy.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Days as a whole number ("182 days"), halves kept for medians ("64.5 days").
pub fn days(v: f64) -> String {
    if v.fract() == 0.0 { format!("{v:.0} days") } else { format!("{v:.1} days") }
}

/// An optional number of days, or a dash.
pub fn opt_days(v: Option<f64>) -> String {
    v.map(days).unwrap_or_else(|| "–".into())
}

/// A share as a whole percentage ("67%").
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "–".into() } else { format!("{:.0}%", 100.0 * part as f64 / whole as f64) }
}
