//! Excel serial day numbers, in the 1900 and 1904 date systems.
//!
//! 1900 system (Windows Excel, LibreOffice's default export): serial 1 is 1 January 1900. Excel
//! copies a Lotus 1-2-3 bug and counts a fictitious 29 February 1900 as serial 60, so serials from
//! 61 on are one day "ahead": 61 is 1 March 1900 and 44197 is 1 January 2021. Serial 60 is
//! rejected with an explanation rather than guessed as 28 February or 1 March. Serial 0 ("0 January
//! 1900" in Excel) is rejected too.
//!
//! 1904 system (old Mac Excel workbooks): serial 0 is 1 January 1904, no leap-year bug.
//!
//! A fractional part is a time of day and is ignored.

use chrono::{Days, NaiveDate};

use super::DateError;

/// The largest serial Excel accepts: 31 December 9999 in the 1900 system.
pub const MAX_SERIAL: f64 = 2_958_465.0;

/// Converts an Excel serial to a date. `date1904` selects the 1904 date system.
pub fn serial_to_date(serial: f64, date1904: bool) -> Result<NaiveDate, DateError> {
    if !serial.is_finite() {
        return Err(DateError::new("the number is not a date serial"));
    }
    let day = serial.floor();
    if !(0.0..=MAX_SERIAL).contains(&day) {
        return Err(DateError::new(format!(
            "{} is not a spreadsheet date: date serial numbers run from 1 (1 January 1900) to {MAX_SERIAL}",
            display_number(serial)
        )));
    }
    let day = day as u64;
    let (base, offset) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1), day)
    } else {
        match day {
            0 => return Err(DateError::new("0 is not a spreadsheet date (Excel shows it as 0 January 1900)")),
            1..=59 => (NaiveDate::from_ymd_opt(1899, 12, 31), day),
            60 => {
                return Err(DateError::new(
                    "serial 60 is 29 February 1900, a day that never happened (Excel's 1900 leap-year bug)",
                ));
            }
            _ => (NaiveDate::from_ymd_opt(1899, 12, 30), day),
        }
    };
    base.and_then(|b| b.checked_add_days(Days::new(offset))).ok_or_else(|| {
        DateError::new(format!("{} is outside the range of dates this tool handles", display_number(serial)))
    })
}

fn display_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    // Worked by hand: 1900-01-01 is serial 1; Excel's fictitious 1900-02-29 is 60, so 61 is
    // 1900-03-01. 44197: `date -d "1899-12-30 + 44197 days"` gives 2021-01-01 (and Excel shows
    // =DATE(2021,1,1) as 44197). 1904 system: 0 is 1904-01-01; 42735 is 2021-01-01 because the
    // two systems differ by 1462 days (44197 - 1462 = 42735).
    #[test]
    fn system_1900_with_leap_year_bug() {
        assert_eq!(serial_to_date(1.0, false), Ok(d(1900, 1, 1)));
        assert_eq!(serial_to_date(59.0, false), Ok(d(1900, 2, 28)));
        assert!(serial_to_date(60.0, false).unwrap_err().message.contains("leap-year bug"));
        assert_eq!(serial_to_date(61.0, false), Ok(d(1900, 3, 1)));
        assert_eq!(serial_to_date(44197.0, false), Ok(d(2021, 1, 1)));
        assert_eq!(serial_to_date(44197.75, false), Ok(d(2021, 1, 1)));
        assert_eq!(serial_to_date(2_958_465.0, false), Ok(d(9999, 12, 31)));
    }

    #[test]
    fn system_1904() {
        assert_eq!(serial_to_date(0.0, true), Ok(d(1904, 1, 1)));
        assert_eq!(serial_to_date(42735.0, true), Ok(d(2021, 1, 1)));
    }

    #[test]
    fn out_of_range_serials_are_errors() {
        assert!(serial_to_date(0.0, false).is_err());
        assert!(serial_to_date(-1.0, false).is_err());
        assert!(serial_to_date(f64::NAN, false).is_err());
        assert!(serial_to_date(f64::INFINITY, true).is_err());
        assert!(serial_to_date(3e6, false).is_err());
    }
}
