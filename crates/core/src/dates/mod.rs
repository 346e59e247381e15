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
