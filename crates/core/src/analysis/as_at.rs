//! The as-at date and where it came from (docs/domain.md#as-at-date).
//!
//! An "as at" view is the report that could have been run on that day: dates after it have not
//! happened yet. The user may choose the date (a retrospective view), give the date the data was
//! extracted, or leave it to the data: then it is the latest date in the data that is not after
//! today. A date after today (or after the extract date) cannot be true yet; it is a data problem
//! for the quality report and never becomes the as-at date, so one mistyped year cannot make every
//! waiting child look decades late. "Today" is always passed in: the core never reads the clock.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::settings::Settings;
use crate::model::Dataset;

/// Where the as-at date in force came from, so every screen and report can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsAtSource {
    /// The user chose the date (settings, the app's date box or `--as-at`).
    GivenByUser,
    /// The user gave the date the data was extracted.
    ExtractDate,
    /// Nothing was given: the latest date in the data that is not after today.
    LatestDateInData,
    /// Nothing was given and the data has no date on or before today: today itself.
    Today,
}

impl AsAtSource {
    /// Plain-English description, to follow the date ("As at 31/03/2025, the date you chose").
    pub const fn label(self) -> &'static str {
        match self {
            AsAtSource::GivenByUser => "the date you chose",
            AsAtSource::ExtractDate => "the extract date you gave",
            AsAtSource::LatestDateInData => "the latest date in the data that is not after today",
            AsAtSource::Today => "today (the data has no date on or before today)",
        }
    }
}

/// The as-at date in force and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsAt {
    pub date: NaiveDate,
    pub source: AsAtSource,
}

impl From<NaiveDate> for AsAt {
    /// A bare date is one somebody chose: the tests, the CLI's `--as-at`, the app's date box.
    fn from(date: NaiveDate) -> AsAt {
        AsAt { date, source: AsAtSource::GivenByUser }
    }
}

/// The as-at date to use: the user's date, else the extract date, else the latest date in the data
/// on or before `today` (never a date after it), else `today`.
pub fn resolve_as_at(ds: &Dataset, settings: &Settings, today: NaiveDate) -> AsAt {
    if let Some(date) = settings.as_at {
        return AsAt { date, source: AsAtSource::GivenByUser };
    }
    if let Some(date) = settings.extract_date {
        return AsAt { date, source: AsAtSource::ExtractDate };
    }
    match ds.latest_date_until(today) {
        Some(date) => AsAt { date, source: AsAtSource::LatestDateInData },
        None => AsAt { date: today, source: AsAtSource::Today },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Child, Milestone};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_mistyped_future_year_never_becomes_the_as_at_date() {
        let mut a = Child { child_id: "A".into(), ..Default::default() };
        a.set_date(Milestone::LastAccommodated, Some(d(2022, 5, 1)));
        a.set_date(Milestone::PermanenceRecommendation, Some(d(2052, 5, 1)));
        let ds = Dataset { children: vec![a], ..Default::default() };
        let today = d(2025, 6, 30);
        let s = Settings::default();
        assert_eq!(resolve_as_at(&ds, &s, today), AsAt { date: d(2022, 5, 1), source: AsAtSource::LatestDateInData });
        let s = Settings { extract_date: Some(d(2025, 3, 31)), ..Settings::default() };
        assert_eq!(resolve_as_at(&ds, &s, today).source, AsAtSource::ExtractDate);
        let s = Settings { as_at: Some(d(2021, 6, 30)), extract_date: Some(d(2025, 3, 31)), ..Settings::default() };
        assert_eq!(resolve_as_at(&ds, &s, today), AsAt { date: d(2021, 6, 30), source: AsAtSource::GivenByUser });
        // Nothing on or before today: today itself, and it says so.
        let early = d(2020, 1, 1);
        assert_eq!(resolve_as_at(&ds, &Settings::default(), early), AsAt { date: early, source: AsAtSource::Today });
    }
}
