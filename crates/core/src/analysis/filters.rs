//! Filters that narrow the children an analysis covers: placement type at the start and now,
//! permanence route, team or locality, age band at the stage's start milestone, sibling group and
//! start date range. Different filters combine with AND; the values listed within one filter
//! combine with OR; an empty list means "any".
//!
//! Age band and start date range depend on the stage (each stage has its own start milestone), so
//! they are applied per stage; a child whose start date (or date of birth, for the age band) is
//! blank cannot be placed in a band or range and is left out while such a filter is active.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{Child, PlacementType};

/// The routes and the teams the filters offer: each distinct non-blank value (trimmed) in the
/// children, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterChoices {
    pub routes: Vec<String>,
    pub teams: Vec<String>,
}

impl FilterChoices {
    /// Collects the choices in one pass over the children, copying each distinct value once
    /// (a national file has 100,000 children and a handful of routes and teams).
    pub fn of(children: &[Child]) -> FilterChoices {
        let mut routes = std::collections::BTreeSet::new();
        let mut teams = std::collections::BTreeSet::new();
        for c in children {
            for (set, value) in [(&mut routes, &c.permanence_route), (&mut teams, &c.team)] {
                if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                    set.insert(v);
                }
            }
        }
        let list = |set: std::collections::BTreeSet<&str>| set.into_iter().map(str::to_string).collect();
        FilterChoices { routes: list(routes), teams: list(teams) }
    }
}

/// Age bands at the start milestone (docs/domain.md#filters: under 5s are a PACE grouping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBand {
    #[serde(rename = "under_1")]
    Under1,
    #[serde(rename = "1_to_4")]
    From1To4,
    #[serde(rename = "5_to_11")]
    From5To11,
    #[serde(rename = "12_plus")]
    From12,
}

impl AgeBand {
    /// Every band, youngest first.
    pub const ALL: [AgeBand; 4] = [AgeBand::Under1, AgeBand::From1To4, AgeBand::From5To11, AgeBand::From12];

    /// The band for an age in whole years.
    pub const fn from_years(years: u32) -> AgeBand {
        match years {
            0 => AgeBand::Under1,
            1..=4 => AgeBand::From1To4,
            5..=11 => AgeBand::From5To11,
            _ => AgeBand::From12,
        }
    }

    /// Plain-English label.
    pub const fn label(self) -> &'static str {
        match self {
            AgeBand::Under1 => "Under 1",
            AgeBand::From1To4 => "1 to 4",
            AgeBand::From5To11 => "5 to 11",
            AgeBand::From12 => "12 and over",
        }
    }
}

/// Age in completed years on `on`, by exact birthday arithmetic: the years between the two dates,
/// less one if `on` falls before the birthday in that year (comparing month then day).
///
/// A 29 February birthday is reached on 1 March in years that are not leap years (28 February is
/// still "before" 29 February), the usual UK reading. `None` when `on` is before the birth date.
pub fn age_years(dob: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < dob {
        return None;
    }
    let mut years = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Sibling group filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiblingFilter {
    /// Everyone.
    #[default]
    Any,
    /// Only children in a sibling group.
    InGroup,
    /// Only children not in a sibling group.
    NotInGroup,
}

/// The filter set. Serialised inside the settings file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Placement type at the start of the current episode (any of these).
    pub placement_at_start: Vec<PlacementType>,
    /// Placement type now (any of these).
    pub placement_now: Vec<PlacementType>,
    /// Permanence route as recorded, compared case-insensitively (any of these).
    pub routes: Vec<String>,
    /// Team or locality, compared case-insensitively (any of these).
    pub teams: Vec<String>,
    /// Age band at the stage's start milestone (any of these).
    pub age_bands: Vec<AgeBand>,
    /// In a sibling group or not.
    pub sibling: SiblingFilter,
    /// Specific sibling groups (any of these).
    pub sibling_groups: Vec<String>,
    /// Stage start on or after this date.
    #[serde(with = "crate::dates::iso_serde::option", default)]
    pub start_from: Option<NaiveDate>,
    /// Stage start on or before this date.
    #[serde(with = "crate::dates::iso_serde::option", default)]
    pub start_to: Option<NaiveDate>,
}

fn matches_text(list: &[String], value: Option<&str>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.iter().any(|x| x.trim().eq_ignore_ascii_case(v.trim())))
}

impl Filters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// True when a stage-dependent filter (age band or start range) is set.
    pub fn depends_on_stage(&self) -> bool {
        !self.age_bands.is_empty() || self.start_from.is_some() || self.start_to.is_some()
    }

    /// The filters that do not depend on the stage. `at_start` and `now` are the child's
    /// placement types as resolved by the caller (the child's own fields, or its placements).
    pub fn matches_child(&self, c: &Child, at_start: Option<PlacementType>, now: Option<PlacementType>) -> bool {
        let in_types =
            |list: &[PlacementType], t: Option<PlacementType>| list.is_empty() || t.is_some_and(|t| list.contains(&t));
        in_types(&self.placement_at_start, at_start)
            && in_types(&self.placement_now, now)
            && matches_text(&self.routes, c.permanence_route.as_deref())
            && matches_text(&self.teams, c.team.as_deref())
            && match self.sibling {
                SiblingFilter::Any => true,
                SiblingFilter::InGroup => c.sibling_group.is_some(),
                SiblingFilter::NotInGroup => c.sibling_group.is_none(),
            }
            && matches_text(&self.sibling_groups, c.sibling_group.as_deref())
    }

    /// The filters that depend on the stage: age band at, and range of, its start date.
    pub fn matches_start(&self, dob: Option<NaiveDate>, start: Option<NaiveDate>) -> bool {
        if !self.age_bands.is_empty() {
            let band = match (dob, start) {
                (Some(b), Some(s)) => age_years(b, s).map(AgeBand::from_years),
                _ => None,
            };
            if !band.is_some_and(|b| self.age_bands.contains(&b)) {
                return false;
            }
        }
        if self.start_from.is_some() || self.start_to.is_some() {
            let Some(s) = start else { return false };
            if self.start_from.is_some_and(|f| s < f) || self.start_to.is_some_and(|t| s > t) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_the_distinct_trimmed_values_in_text_order() {
        let child = |route: Option<&str>, team: Option<&str>| Child {
            permanence_route: route.map(Into::into),
            team: team.map(Into::into),
            ..Child::default()
        };
        let children = [
            child(Some("POA"), Some("North ")),
            child(Some(" adoption"), None),
            child(Some("POA"), Some("")),
            child(None, Some("East")),
            child(Some("  "), Some("North")),
        ];
        // By hand: routes "POA", "adoption" (trimmed; upper case sorts first in text order);
        // teams "East", "North" (trimmed, once); blanks and missing values are not offered.
        let c = FilterChoices::of(&children);
        assert_eq!(c.routes, ["POA", "adoption"]);
        assert_eq!(c.teams, ["East", "North"]);
        assert_eq!(FilterChoices::of(&[]), FilterChoices::default());
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn exact_birthdays() {
        assert_eq!(age_years(d(2020, 5, 10), d(2021, 5, 9)), Some(0));
        assert_eq!(age_years(d(2020, 5, 10), d(2021, 5, 10)), Some(1));
        assert_eq!(age_years(d(2020, 5, 10), d(2020, 5, 10)), Some(0));
        assert_eq!(age_years(d(2020, 5, 10), d(2020, 5, 9)), None);
        // 29 February birthday: not yet 1 on 28/02/2021, 1 on 01/03/2021, 4 on 29/02/2024.
        assert_eq!(age_years(d(2020, 2, 29), d(2021, 2, 28)), Some(0));
        assert_eq!(age_years(d(2020, 2, 29), d(2021, 3, 1)), Some(1));
        assert_eq!(age_years(d(2020, 2, 29), d(2024, 2, 28)), Some(3));
        assert_eq!(age_years(d(2020, 2, 29), d(2024, 2, 29)), Some(4));
        // Born 31 December, on 1 January the next day: still 0.
        assert_eq!(age_years(d(2019, 12, 31), d(2020, 1, 1)), Some(0));
    }

    #[test]
    fn band_edges() {
        assert_eq!(AgeBand::from_years(0), AgeBand::Under1);
        assert_eq!(AgeBand::from_years(1), AgeBand::From1To4);
        assert_eq!(AgeBand::from_years(4), AgeBand::From1To4);
        assert_eq!(AgeBand::from_years(5), AgeBand::From5To11);
        assert_eq!(AgeBand::from_years(11), AgeBand::From5To11);
        assert_eq!(AgeBand::from_years(12), AgeBand::From12);
        assert_eq!(serde_json::to_string(&AgeBand::From1To4).unwrap(), "\"1_to_4\"");
    }

    #[test]
    fn start_filters_need_dates() {
        let f = Filters { age_bands: vec![AgeBand::Under1], ..Filters::default() };
        assert!(f.matches_start(Some(d(2020, 2, 29)), Some(d(2021, 2, 28))));
        assert!(!f.matches_start(Some(d(2020, 2, 29)), Some(d(2021, 3, 1))));
        assert!(!f.matches_start(None, Some(d(2021, 3, 1))));
        assert!(!f.matches_start(Some(d(2020, 2, 29)), None));
        let f = Filters { start_from: Some(d(2021, 1, 1)), start_to: Some(d(2021, 12, 31)), ..Filters::default() };
        assert!(f.matches_start(None, Some(d(2021, 1, 1))));
        assert!(f.matches_start(None, Some(d(2021, 12, 31))));
        assert!(!f.matches_start(None, Some(d(2020, 12, 31))));
        assert!(!f.matches_start(None, Some(d(2022, 1, 1))));
        assert!(!f.matches_start(None, None));
        assert!(Filters::default().matches_start(None, None));
    }
}
