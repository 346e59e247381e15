//! Today's date: the CLI is the edge where the clock is read; the core only takes dates.
//! Like the app, the CLI uses the local calendar date (docs/domain.md#as-at-date).

use chrono::{DateTime, Local, NaiveDate, TimeZone};

/// Today's date in the local time zone, as the app reads it in the browser.
pub fn today() -> NaiveDate {
    date_in(&Local::now())
}

/// The calendar date of an instant in its own time zone.
fn date_in<Tz: TimeZone>(now: &DateTime<Tz>) -> NaiveDate {
    now.date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn late_evening_in_a_zone_ahead_of_utc_is_already_the_next_day() {
        // 23:30 UTC on 31 March is 00:30 on 1 April in British Summer Time.
        let bst = FixedOffset::east_opt(3600).unwrap();
        let now = bst.with_ymd_and_hms(2025, 4, 1, 0, 30, 0).unwrap();
        assert_eq!(date_in(&now), NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
    }

    #[test]
    fn today_is_the_local_date() {
        let before = Local::now().date_naive();
        let got = today();
        let after = Local::now().date_naive();
        assert!(got == before || got == after, "{got} is not the local date");
    }
}
