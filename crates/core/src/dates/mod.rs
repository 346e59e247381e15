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

/// Reads `yyyy-mm-dd` (an HTML date input's value, a typed setting, a saved settings file);
/// `None` for anything else. The year has four digits or more, with a sign outside 0 to 9999 as
/// [`iso_date`] writes it; month and day one or two. UK text dates are read by
/// [`parse_uk_date`]. Read by hand rather than by chrono's parser, whose code would weigh on the
/// page's module (docs/architecture.md#speed).
pub fn parse_iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    let (sign, unsigned) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let mut parts = unsigned.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits =
        |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(year, 4, 6) || !digits(month, 1, 2) || !digits(day, 1, 2) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(sign * year, month.parse().ok()?, day.parse().ok()?)
}

/// Dates in saved settings as `yyyy-mm-dd` text, written by [`iso_date`] and read by
/// [`parse_iso_date`]: the same text chrono's own serde support writes, without its parser in the
/// page's module. Use with `#[serde(with = "crate::dates::iso_serde")]`, or `iso_serde::option`
/// for an `Option<NaiveDate>`.
pub mod iso_serde {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso_date(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_iso_date(&text).ok_or_else(|| D::Error::custom(format!("{text:?} is not a yyyy-mm-dd date")))
    }

    /// The same for an optional date (`null` when there is none).
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            #[derive(Deserialize)]
            struct Date(#[serde(with = "super")] NaiveDate);
            Ok(Option::<Date>::deserialize(d)?.map(|Date(d)| d))
        }
    }
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
        // One-digit month and day; signed years outside 0 to 9999, as `iso_date` writes them.
        assert_eq!(super::parse_iso_date("2024-2-9"), Some(d(2024, 2, 9)));
        assert_eq!(super::iso_date(d(10000, 1, 1)), "+10000-01-01");
        assert_eq!(super::parse_iso_date("+10000-01-01"), Some(d(10000, 1, 1)));
        assert_eq!(super::parse_iso_date("-0001-03-04"), Some(d(-1, 3, 4)));
        // A short year, a third part, letters, a 13th month: not dates.
        assert_eq!(super::parse_iso_date("24-02-09"), None);
        assert_eq!(super::parse_iso_date("2024-02-09-01"), None);
        assert_eq!(super::parse_iso_date("2024-0x-09"), None);
        assert_eq!(super::parse_iso_date("2024-13-01"), None);
        assert_eq!(super::parse_iso_date("2024-02-"), None);
    }

    #[test]
    fn settings_dates_are_iso_text_both_ways() {
        use chrono::NaiveDate;
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct S {
            #[serde(with = "super::iso_serde")]
            on: NaiveDate,
            #[serde(with = "super::iso_serde::option", default)]
            maybe: Option<NaiveDate>,
        }
        let s = S { on: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(), maybe: None };
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"on":"2024-02-29","maybe":null}"#);
        assert_eq!(serde_json::from_str::<S>(r#"{"on":"2024-02-29"}"#).unwrap(), s);
        let with = serde_json::from_str::<S>(r#"{"on":"2024-02-29","maybe":"2023-12-08"}"#).unwrap();
        assert_eq!(with.maybe, NaiveDate::from_ymd_opt(2023, 12, 8));
        let bad = serde_json::from_str::<S>(r#"{"on":"29/02/2024"}"#).unwrap_err().to_string();
        assert!(bad.contains("\"29/02/2024\" is not a yyyy-mm-dd date"), "{bad}");
    }
}
