//! England's adoption stages (docs/domain.md#england-stages), beside the PACE stages: each with a
//! stable id, worked out from the milestones and England's extra dates (`Dataset::england`), and
//! shown only when the data holds England's dates.
//!
//! - `entered_care_to_placed_for_adoption`: start of the latest period of care to placed for
//!   adoption; 426 days is the former adoption scorecard threshold (14 months, 2013 to 2016).
//! - `placement_order_to_match`: placement order to the match; a match before the order counts as
//!   0 days (as the scorecard's A2); 121 days (4 months), the scorecard's threshold.
//! - `adoption_decision_to_match`: the decision that the child should be placed for adoption to the
//!   match. No threshold.
//! - `entered_care_to_adoption_decision`: start of the latest period of care to that decision. No
//!   threshold.
//!
//! Dates after the as-at date have not happened yet. Days are calendar days, end - start. Besides
//! the median, each stage gives the mean of the completed children, the statistic the scorecard
//! publishes (as a three-year average).

use chrono::NaiveDate;
use serde::Serialize;

use super::stage_summary::quartiles;
use crate::model::{Child, Dataset, EnglandDates, Milestone};

/// An England stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnglandStageId {
    EnteredCareToPlacedForAdoption,
    PlacementOrderToMatch,
    AdoptionDecisionToMatch,
    EnteredCareToAdoptionDecision,
}

impl EnglandStageId {
    /// Every England stage, in journey order.
    pub const ALL: [EnglandStageId; 4] = [
        EnglandStageId::EnteredCareToAdoptionDecision,
        EnglandStageId::AdoptionDecisionToMatch,
        EnglandStageId::PlacementOrderToMatch,
        EnglandStageId::EnteredCareToPlacedForAdoption,
    ];

    /// Stable key, as in JSON; never renamed.
    pub const fn key(self) -> &'static str {
        match self {
            EnglandStageId::EnteredCareToPlacedForAdoption => "entered_care_to_placed_for_adoption",
            EnglandStageId::PlacementOrderToMatch => "placement_order_to_match",
            EnglandStageId::AdoptionDecisionToMatch => "adoption_decision_to_match",
            EnglandStageId::EnteredCareToAdoptionDecision => "entered_care_to_adoption_decision",
        }
    }

    /// Plain-English label.
    pub const fn label(self) -> &'static str {
        match self {
            EnglandStageId::EnteredCareToPlacedForAdoption => "Entered care to placed for adoption",
            EnglandStageId::PlacementOrderToMatch => "Placement order to match",
            EnglandStageId::AdoptionDecisionToMatch => "Adoption decision to match",
            EnglandStageId::EnteredCareToAdoptionDecision => "Entered care to adoption decision",
        }
    }

    /// The threshold in days and what it is.
    pub const fn threshold(self) -> Option<(i64, &'static str)> {
        match self {
            EnglandStageId::EnteredCareToPlacedForAdoption => {
                Some((426, "the former adoption scorecard threshold (14 months, 2013 to 2016)"))
            }
            EnglandStageId::PlacementOrderToMatch => Some((121, "the adoption scorecard threshold (4 months)")),
            _ => None,
        }
    }

    /// The stage's start and end dates for one child, each as at `as_at` (later dates have not
    /// happened yet).
    fn dates(self, c: &Child, e: &EnglandDates) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let entered = c.date(Milestone::LastAccommodated);
        let decision = c.date(Milestone::AdmDecision);
        match self {
            EnglandStageId::EnteredCareToPlacedForAdoption => (entered, e.placed_for_adoption),
            EnglandStageId::PlacementOrderToMatch => (e.placement_order, e.matched),
            EnglandStageId::AdoptionDecisionToMatch => (decision, e.matched),
            EnglandStageId::EnteredCareToAdoptionDecision => (entered, decision),
        }
    }
}

/// Where one child is in an England stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnglandStatus {
    Complete,
    /// Started and not ended, with the adoption plan standing and the child still looked after.
    Waiting,
    /// The end date is not collected for this child by the format (the SSDA903 match for a child
    /// not yet adopted): not counted as waiting.
    EndNotCollected,
    /// Ended before it started: left out of the figures.
    Invalid,
}

/// One child in an England stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnglandChild {
    pub child_id: String,
    pub status: EnglandStatus,
    pub start: NaiveDate,
    /// Days to the end (complete), or so far (waiting, as at the as-at date).
    pub days: Option<i64>,
}

/// One England stage's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnglandStage {
    pub id: EnglandStageId,
    pub label: &'static str,
    pub threshold_days: Option<i64>,
    pub threshold_label: Option<&'static str>,
    pub complete: usize,
    pub median_days: Option<f64>,
    /// The mean of the completed children's days (the scorecard's statistic).
    pub mean_days: Option<f64>,
    pub within_threshold: Option<usize>,
    pub waiting: usize,
    pub waiting_over_threshold: Option<usize>,
    pub end_not_collected: usize,
    pub invalid: usize,
    pub children: Vec<EnglandChild>,
}

/// One child's status in a stage, or `None` when the stage does not concern them.
fn classify(id: EnglandStageId, c: &Child, e: &EnglandDates, as_at: NaiveDate) -> Option<EnglandChild> {
    let happened = |d: Option<NaiveDate>| d.filter(|d| *d <= as_at);
    let (start, end) = id.dates(c, e);
    let (start, end) = (happened(start)?, happened(end));
    let child = |status, days| Some(EnglandChild { child_id: c.child_id.clone(), status, start, days });
    if let Some(end) = end {
        let days = (end - start).num_days();
        return match (id, days < 0) {
            (EnglandStageId::PlacementOrderToMatch, true) => child(EnglandStatus::Complete, Some(0)),
            (_, true) => child(EnglandStatus::Invalid, Some(days)),
            (_, false) => child(EnglandStatus::Complete, Some(days)),
        };
    }
    // Not ended: waiting only while the child is looked after and the adoption plan stands.
    let ceased = happened(c.date(Milestone::CeasedLookedAfter)).is_some_and(|d| d >= start);
    let reversed = happened(e.decision_reversed).is_some();
    if ceased || reversed {
        return None;
    }
    let ends_with_match = matches!(id, EnglandStageId::PlacementOrderToMatch | EnglandStageId::AdoptionDecisionToMatch);
    if ends_with_match && e.match_only_when_adopted {
        return child(EnglandStatus::EndNotCollected, None);
    }
    // No one waits for a decision that may never be made: only a decision made is counted.
    if id == EnglandStageId::EnteredCareToAdoptionDecision {
        return None;
    }
    // Placed for adoption is waited for once the decision stands.
    if id == EnglandStageId::EnteredCareToPlacedForAdoption && happened(c.date(Milestone::AdmDecision)).is_none() {
        return None;
    }
    child(EnglandStatus::Waiting, Some((as_at - start).num_days()))
}

/// England's stages at `as_at`; empty when the data holds none of England's dates.
pub fn england_stages(ds: &Dataset, as_at: NaiveDate) -> Vec<EnglandStage> {
    if ds.england.is_empty() {
        return Vec::new();
    }
    let none = EnglandDates::default();
    EnglandStageId::ALL
        .into_iter()
        .map(|id| {
            let children: Vec<EnglandChild> = ds
                .children
                .iter()
                .filter_map(|c| classify(id, c, ds.england.get(&c.child_id).unwrap_or(&none), as_at))
                .collect();
            summarise(id, children)
        })
        .collect()
}

fn summarise(id: EnglandStageId, children: Vec<EnglandChild>) -> EnglandStage {
    let days_of = |s: EnglandStatus| -> Vec<i64> {
        let mut v: Vec<i64> = children.iter().filter(|c| c.status == s).filter_map(|c| c.days).collect();
        v.sort_unstable();
        v
    };
    let count = |s: EnglandStatus| children.iter().filter(|c| c.status == s).count();
    let done = days_of(EnglandStatus::Complete);
    let waiting = days_of(EnglandStatus::Waiting);
    let threshold = id.threshold();
    let limit = threshold.map(|(t, _)| t);
    EnglandStage {
        id,
        label: id.label(),
        threshold_days: limit,
        threshold_label: threshold.map(|(_, l)| l),
        complete: done.len(),
        median_days: quartiles(&done).map(|q| q.median),
        mean_days: (!done.is_empty()).then(|| done.iter().sum::<i64>() as f64 / done.len() as f64),
        within_threshold: limit.map(|t| done.iter().filter(|d| **d <= t).count()),
        waiting: waiting.len(),
        waiting_over_threshold: limit.map(|t| waiting.iter().filter(|d| **d > t).count()),
        end_not_collected: count(EnglandStatus::EndNotCollected),
        invalid: count(EnglandStatus::Invalid),
        children,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn child(id: &str, entered: Option<NaiveDate>, decision: Option<NaiveDate>) -> Child {
        let mut c = Child { child_id: id.into(), episode_no: 1, ..Default::default() };
        c.set_date(Milestone::LastAccommodated, entered);
        c.set_date(Milestone::AdmDecision, decision);
        c
    }

    /// As at 31/03/2024:
    /// - A: entered 01/06/2021, decision 15/11/2021 (Jun 29 + Jul 31 + Aug 31 + Sep 30 + Oct 31 +
    ///   Nov 15 = 167), order 10/01/2022, match 01/02/2022 (order to match 22; decision to match
    ///   Nov 15 + Dec 31 + Jan 31 + 1 = 78), placed 01/03/2022 (273).
    /// - B: entered 01/01/2023, decision 01/02/2023 (31), order 01/03/2023, matched 20/02/2023
    ///   before the order (0 days), not yet placed: waiting 455 days (2023: 365 - 0 + Jan 31 +
    ///   Feb 29 + Mar 31 - 1 = 455), over 426.
    /// - C: entered 01/09/2023, decision 01/12/2023 reversed 01/02/2024: not waiting to be placed.
    /// - D: 903 child, order 01/06/2023, not adopted: its match is not collected.
    fn data() -> Dataset {
        let mut ds = Dataset::default();
        ds.children.push(child("A", Some(d(2021, 6, 1)), Some(d(2021, 11, 15))));
        ds.children.push(child("B", Some(d(2023, 1, 1)), Some(d(2023, 2, 1))));
        ds.children.push(child("C", Some(d(2023, 9, 1)), Some(d(2023, 12, 1))));
        ds.children.push(child("D", None, Some(d(2023, 5, 1))));
        let e = |po, m, placed, rev, only| EnglandDates {
            placement_order: po,
            matched: m,
            placed_for_adoption: placed,
            decision_reversed: rev,
            match_only_when_adopted: only,
            ..Default::default()
        };
        ds.england.insert("A".into(), e(Some(d(2022, 1, 10)), Some(d(2022, 2, 1)), Some(d(2022, 3, 1)), None, false));
        ds.england.insert("B".into(), e(Some(d(2023, 3, 1)), Some(d(2023, 2, 20)), None, None, false));
        ds.england.insert("C".into(), e(None, None, None, Some(d(2024, 2, 1)), false));
        ds.england.insert("D".into(), e(Some(d(2023, 6, 1)), None, None, None, true));
        ds
    }

    fn stage(id: EnglandStageId) -> EnglandStage {
        england_stages(&data(), d(2024, 3, 31)).into_iter().find(|s| s.id == id).unwrap()
    }

    #[test]
    fn entered_care_to_placed_for_adoption() {
        let s = stage(EnglandStageId::EnteredCareToPlacedForAdoption);
        assert_eq!((s.complete, s.median_days, s.within_threshold), (1, Some(273.0), Some(1)));
        assert_eq!((s.waiting, s.waiting_over_threshold), (1, Some(1)));
        assert_eq!(s.children[1].days, Some(455));
        assert_eq!(s.threshold_days, Some(426));
        assert!(s.threshold_label.unwrap().contains("former"));
    }

    #[test]
    fn placement_order_to_match_counts_an_early_match_as_zero() {
        let s = stage(EnglandStageId::PlacementOrderToMatch);
        let days: Vec<Option<i64>> = s.children.iter().map(|c| c.days).collect();
        assert_eq!(days, [Some(22), Some(0), None]);
        assert_eq!((s.complete, s.mean_days, s.median_days), (2, Some(11.0), Some(11.0)));
        assert_eq!((s.waiting, s.end_not_collected, s.within_threshold), (0, 1, Some(2)));
    }

    #[test]
    fn decisions() {
        let s = stage(EnglandStageId::EnteredCareToAdoptionDecision);
        // A 167, B 31, C 01/09/2023 -> 01/12/2023 = Sep 30 + Oct 31 + Nov 30 = 91; D has no start.
        let days: Vec<Option<i64>> = s.children.iter().map(|c| c.days).collect();
        assert_eq!(days, [Some(167), Some(31), Some(91)]);
        assert_eq!((s.median_days, s.threshold_days), (Some(91.0), None));
        let s = stage(EnglandStageId::AdoptionDecisionToMatch);
        // A 78; B 01/02/2023 -> 20/02/2023 = 19; C reversed (not waiting); D not collected.
        assert_eq!((s.complete, s.median_days, s.end_not_collected), (2, Some(48.5), 1));
    }

    #[test]
    fn nothing_without_englands_dates_and_nothing_after_the_as_at_date() {
        let mut ds = data();
        assert!(england_stages(&Dataset::default(), d(2024, 3, 31)).is_empty());
        // As at 01/03/2022 A was not yet placed: it waits (Jun 29 + ... + Feb 28 = 273 - 1 = 272).
        let s = &england_stages(&ds, d(2022, 2, 28))[3];
        assert_eq!((s.complete, s.waiting, s.children[0].days), (0, 1, Some(272)));
        ds.england.clear();
        assert!(england_stages(&ds, d(2024, 3, 31)).is_empty());
    }
}
