//! Today's date: the CLI is the edge where the clock is read; the core only takes dates.

use chrono::NaiveDate;

/// Today's date from the system clock (UTC).
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|e| e.checked_add_days(chrono::Days::new(secs / 86_400)))
        .unwrap_or(NaiveDate::MIN)
}
