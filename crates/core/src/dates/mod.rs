//! Dates: UK day-first text dates and Excel serial numbers. Never month-first.
//!
//! - [`uk`]: text such as `12/03/2021`, `12-Mar-21`, `12 March 2021`, `2021-03-12T10:00:00`,
//!   and the placeholder words ("TBC", "n/a", "-") that mean "not recorded".
//! - [`excel`]: spreadsheet serial numbers in the 1900 and 1904 date systems.
//!
//! Both return a [`DateError`] whose message says, in plain English, why a value is not a date,
//! so the data-quality report can show it beside the original text.

pub mod excel;
pub mod uk;

use std::fmt;

pub use excel::serial_to_date;
pub use uk::{ParsedDate, parse_uk_date};

/// Why a value could not be read as a date. The message is shown to users as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
}

impl DateError {
    pub(crate) fn new(message: impl Into<String>) -> DateError {
        DateError { message: message.into() }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

/// A date as the UK writes it, `dd/mm/yyyy`, for every message and table. Written out rather than
/// through chrono's format strings, which are parsed again on every call (a national file's
/// quality report words tens of thousands of dates; docs/architecture.md#speed) and whose code
/// would weigh on the page's module.
pub fn uk_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match d.year() {
        y @ 0..=9999 => format!("{:02}/{:02}/{y:04}", d.day(), d.month()),
        // Outside 0 to 9999 the year keeps its sign, as ISO 8601 writes it.
        y if y > 9999 => format!("{:02}/{:02}/+{y}", d.day(), d.month()),
        y => format!("{:02}/{:02}/-{:04}", d.day(), d.month(), y.unsigned_abs()),
    }
}

/// A date as `yyyy-mm-dd` (ISO 8601): an HTML date input's value, file names, exports.
pub fn iso_date(d: chrono::NaiveDate) -> String {
    d.to_string()
}

/// Reads `yyyy-mm-dd` (an HTML date input's value, a typed setting); `None` for anything else.
/// UK text dates are read by [`parse_uk_date`].
pub fn parse_iso_date(text: &str) -> Option<chrono::NaiveDate> {
    text.trim().parse().ok()
}

/// English month names, for messages (`MONTH_NAMES[0]` is January).
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// True in a Gregorian leap year.
pub const fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month (1-12) of a year.
pub const fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uk_dates_are_day_month_four_digit_year() {
        use chrono::NaiveDate;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Worked by hand: day and month padded to two digits, the year to four.
        assert_eq!(super::uk_date(d(2024, 2, 29)), "29/02/2024");
        assert_eq!(super::uk_date(d(2007, 12, 8)), "08/12/2007");
        assert_eq!(super::uk_date(d(999, 1, 1)), "01/01/0999");
        // Outside 0 to 9999 the year keeps its sign, as ISO 8601 writes it.
        assert_eq!(super::uk_date(d(10000, 1, 1)), "01/01/+10000");
        assert_eq!(super::uk_date(d(-1, 3, 4)), "04/03/-0001");
    }

    #[test]
    fn iso_dates_written_and_read() {
        use chrono::NaiveDate;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(super::iso_date(d(2024, 2, 29)), "2024-02-29");
        assert_eq!(super::iso_date(d(999, 1, 1)), "0999-01-01");
        assert_eq!(super::parse_iso_date("2024-02-29"), Some(d(2024, 2, 29)));
        assert_eq!(super::parse_iso_date(" 2007-12-08 "), Some(d(2007, 12, 8)));
        // 29 February only in a leap year; UK order and empty text are not ISO dates.
        assert_eq!(super::parse_iso_date("2023-02-29"), None);
        assert_eq!(super::parse_iso_date("08/12/2007"), None);
        assert_eq!(super::parse_iso_date(""), None);
    }
}
