//! England's adoption stages (docs/domain.md#england-stages): stages of the same table as the
//! PACE stages (`StageId::EnteredCareToAdoptionDecision` and the four after it), classified here
//! from the milestones and England's extra dates (`Dataset::england`), and shown only when the
//! data holds England's dates.
//!
//! - `entered_care_to_adoption_decision`: start of the latest period of care (M2) to the decision
//!   that the child should be placed for adoption (M5). Only a decision made counts: no one waits
//!   for a decision that may never be made.
//! - `adoption_decision_to_match`: that decision to the match.
//! - `placement_order_to_match` (the scorecard's A2): a match before the order counts as 0 days.
//! - `entered_care_to_placed_for_adoption`: M2 to placed for adoption (former threshold 426 days).
//! - `entered_care_to_moved_in` (the scorecard's A10): M2 to moving in with the adoptive family.
//!
//! A child waits once the stage has started, and for the stages ending with a placement once the
//! decision stands; a reversed decision or ceasing care ends the wait. Dates after the as-at date
//! have not happened yet. Days are calendar days, end - start. Besides the median, each stage
//! gives the scorecard's statistic: the mean over the three years to the as-at date.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::stages::{StageDef, StageId};
use super::table::{OutOfScopeReason, StageCell, Status};
use crate::model::{Child, EnglandDates, Milestone};

/// One child's status in an England stage at `as_at`. `e` is the child's England dates (`None`
/// when the data holds none for them).
pub(crate) fn classify(def: &StageDef, c: &Child, e: Option<&EnglandDates>, as_at: NaiveDate) -> StageCell {
    let cell = |start, status| StageCell { start, status, recommended_before_accommodation: false };
    let happened = |d: Option<NaiveDate>| d.filter(|d| *d <= as_at);
    let Some(start) = happened(def.start.date(c, e)) else { return cell(None, Status::NotApplicable) };
    let days = |to: NaiveDate| (to - start).num_days() as i32;
    if let Some(end) = happened(def.end.date(c, e)) {
        let status = match days(end) {
            // The scorecard's A2 counts a match before the placement order as 0 days.
            d if d < 0 && def.id == StageId::PlacementOrderToMatch => Status::Complete { end, days: 0 },
            d if d < 0 => Status::Invalid { end, days: d, warning_only: false },
            d => Status::Complete { end, days: d },
        };
        return cell(Some(start), status);
    }
    // Not ended: waiting only while the child is looked after and the adoption plan stands.
    let out = |reason, left| cell(Some(start), Status::OutOfScope { reason, left });
    if let Some(ceased) = happened(c.date(Milestone::CeasedLookedAfter)).filter(|d| *d >= start) {
        return out(OutOfScopeReason::Ceased, Some(ceased));
    }
    if let Some(reversed) = happened(e.and_then(|e| e.decision_reversed)) {
        return out(OutOfScopeReason::DecisionReversed, Some(reversed));
    }
    let ends_with_match = matches!(def.id, StageId::PlacementOrderToMatch | StageId::AdoptionDecisionToMatch);
    if ends_with_match && e.is_some_and(|e| e.match_only_when_adopted) {
        return out(OutOfScopeReason::EndNotCollected, None);
    }
    let decided = happened(c.date(Milestone::AdmDecision)).is_some();
    let waits = match def.id {
        // No one waits for a decision that may never be made: only a decision made is counted.
        StageId::EnteredCareToAdoptionDecision => false,
        // Placed for adoption, or moving in, is waited for once the decision stands.
        StageId::EnteredCareToPlacedForAdoption | StageId::EnteredCareToMovedIn => decided,
        _ => true,
    };
    match waits {
        true => cell(Some(start), Status::Waiting { days: days(as_at) }),
        false => cell(None, Status::NotApplicable),
    }
}

/// The adoption scorecard's own statistic for a stage that reproduces one of its measures
/// ([`StageId::scorecard_measure`]): the mean days of the children adopted in the three years to
/// the as-at date who completed the stage (the scorecard publishes three-year means over adopted
/// children).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorecardMean {
    /// The scorecard's name for the measure: "A1", "A2" or "A10".
    pub measure: &'static str,
    /// The first day of the three years (the day after the as-at date three years earlier).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Children adopted in those three years who completed the stage.
    pub n: usize,
    pub mean_days: Option<f64>,
    /// False when the data starts after `from`, so it holds less than three years.
    pub full_three_years: bool,
}

/// The three-year mean of `(adoption date, days)` for the children who completed the stage,
/// counting those adopted in the three years up to `as_at`; `data_from` is the earliest date in
/// the data.
pub fn scorecard_mean(
    measure: &'static str,
    completed: impl Iterator<Item = (NaiveDate, i64)>,
    as_at: NaiveDate,
    data_from: Option<NaiveDate>,
) -> ScorecardMean {
    let from = as_at.checked_sub_months(Months::new(36)).and_then(|d| d.succ_opt()).unwrap_or(as_at);
    let days: Vec<i64> = completed.filter(|(end, _)| *end >= from && *end <= as_at).map(|(_, d)| d).collect();
    let n = days.len();
    ScorecardMean {
        measure,
        from,
        to: as_at,
        n,
        mean_days: (n > 0).then(|| days.iter().sum::<i64>() as f64 / n as f64),
        full_three_years: data_from.is_some_and(|d| d <= from),
    }
}

impl ScorecardMean {
    /// "Scorecard figure A2 (the mean for children adopted 01/04/2021 to 31/03/2024): 22 days, 1 child."
    pub fn sentence(&self) -> String {
        let period = format!("{} to {}", crate::dates::uk_date(self.from), crate::dates::uk_date(self.to));
        let partial = if self.full_three_years { "" } else { "; the data covers less than three years" };
        let measure = self.measure;
        match self.mean_days {
            Some(mean) => format!(
                "Scorecard figure {measure} (the mean for children adopted {period}): {}, {} {}{partial}.",
                crate::card::days_text(Some(mean)),
                self.n,
                if self.n == 1 { "child" } else { "children" }
            ),
            None => format!(
                "Scorecard figure {measure} (the mean for children adopted {period}): no child adopted in those years \
                 has completed this stage{partial}."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::StartChoice;
    use crate::model::Dataset;

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
    ///   Nov 15 + Dec 31 + Jan 31 + 1 = 78), placed 01/03/2022 (273), moved in with its foster
    ///   carers (who adopt) 01/09/2021 (Jun 29 + Jul 31 + Aug 31 + 1 = 92).
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
            moved_in: placed,
            decision_reversed: rev,
            match_only_when_adopted: only,
            ..Default::default()
        };
        let mut a = e(Some(d(2022, 1, 10)), Some(d(2022, 2, 1)), Some(d(2022, 3, 1)), None, false);
        a.moved_in = Some(d(2021, 9, 1));
        ds.england.insert("A".into(), a);
        ds.england.insert("B".into(), e(Some(d(2023, 3, 1)), Some(d(2023, 2, 20)), None, None, false));
        ds.england.insert("C".into(), e(None, None, None, Some(d(2024, 2, 1)), false));
        ds.england.insert("D".into(), e(Some(d(2023, 6, 1)), None, None, None, true));
        ds
    }

    /// Each child's status in a stage, by id, as at `as_at`.
    fn statuses(id: StageId, as_at: NaiveDate) -> Vec<(String, Status)> {
        let ds = data();
        let def = StageDef::new(id, StartChoice::FirstAccommodated, true);
        ds.children
            .iter()
            .map(|c| (c.child_id.clone(), classify(&def, c, ds.england.get(&c.child_id), as_at).status))
            .filter(|(_, s)| *s != Status::NotApplicable)
            .collect()
    }

    fn days(id: StageId) -> Vec<(String, Option<i32>)> {
        statuses(id, d(2024, 3, 31))
            .into_iter()
            .map(|(c, s)| match s {
                Status::Complete { days, .. } | Status::Waiting { days } => (c, Some(days)),
                _ => (c, None),
            })
            .collect()
    }

    fn s(id: &str, days: Option<i32>) -> (String, Option<i32>) {
        (id.to_string(), days)
    }

    #[test]
    fn entered_care_to_placed_for_adoption() {
        // A placed in 273 days; B waiting 455; C's reversed decision ends its wait.
        let got = statuses(StageId::EnteredCareToPlacedForAdoption, d(2024, 3, 31));
        assert!(matches!(got[0].1, Status::Complete { days: 273, .. }));
        assert_eq!(got[1].1, Status::Waiting { days: 455 });
        assert_eq!(
            got[2].1,
            Status::OutOfScope { reason: OutOfScopeReason::DecisionReversed, left: Some(d(2024, 2, 1)) }
        );
        assert_eq!(got.len(), 3, "D has no start");
    }

    #[test]
    fn moved_in_counts_the_day_the_child_moved_in_with_carers_who_adopt() {
        // A moved in with its foster carers 92 days after entering care; B waits 455.
        assert_eq!(days(StageId::EnteredCareToMovedIn), [s("A", Some(92)), s("B", Some(455)), s("C", None)]);
    }

    #[test]
    fn placement_order_to_match_counts_an_early_match_as_zero() {
        // A 22; B matched before its order: 0; D's match is not collected (not yet adopted).
        assert_eq!(days(StageId::PlacementOrderToMatch), [s("A", Some(22)), s("B", Some(0)), s("D", None)]);
        let got = statuses(StageId::PlacementOrderToMatch, d(2024, 3, 31));
        assert_eq!(got[2].1, Status::OutOfScope { reason: OutOfScopeReason::EndNotCollected, left: None });
    }

    #[test]
    fn decisions() {
        // A 167, B 31, C 01/09/2023 -> 01/12/2023 = Sep 30 + Oct 31 + Nov 30 = 91; D has no start.
        assert_eq!(
            days(StageId::EnteredCareToAdoptionDecision),
            [s("A", Some(167)), s("B", Some(31)), s("C", Some(91))]
        );
        // A 78; B 01/02/2023 -> 20/02/2023 = 19; C reversed (not waiting); D not collected.
        assert_eq!(
            days(StageId::AdoptionDecisionToMatch),
            [s("A", Some(78)), s("B", Some(19)), s("C", None), s("D", None)]
        );
    }

    #[test]
    fn nothing_after_the_as_at_date() {
        // As at 28/02/2022 A was not yet placed: it waits (Jun 29 + ... + Feb 28 = 273 - 1 = 272),
        // and nobody else had entered care.
        let got = statuses(StageId::EnteredCareToPlacedForAdoption, d(2022, 2, 28));
        assert_eq!(got, [("A".to_string(), Status::Waiting { days: 272 })]);
        // Before A's decision (15/11/2021) it is not yet waiting to be placed.
        assert!(statuses(StageId::EnteredCareToPlacedForAdoption, d(2021, 11, 14)).is_empty());
    }

    #[test]
    fn the_scorecard_mean_covers_children_adopted_in_the_three_years_to_the_as_at_date() {
        // As at 31/03/2024 the three years run from 01/04/2021. Adopted 31/03/2021 (outside),
        // 01/04/2021 (10 days), 31/03/2024 (20 days) and 01/04/2024 (after): mean (10 + 20) / 2 = 15.
        let adopted = [(d(2021, 3, 31), 1000), (d(2021, 4, 1), 10), (d(2024, 3, 31), 20), (d(2024, 4, 1), 500)];
        let m = scorecard_mean("A10", adopted.into_iter(), d(2024, 3, 31), Some(d(2021, 4, 1)));
        assert_eq!((m.from, m.n, m.mean_days, m.full_three_years), (d(2021, 4, 1), 2, Some(15.0), true));
        assert_eq!(
            m.sentence(),
            "Scorecard figure A10 (the mean for children adopted 01/04/2021 to 31/03/2024): 15 days, 2 children."
        );
        let m = scorecard_mean("A2", std::iter::empty(), d(2024, 3, 31), Some(d(2022, 1, 1)));
        assert!(!m.full_three_years && m.mean_days.is_none());
        assert!(m.sentence().ends_with("has completed this stage; the data covers less than three years."));
    }

    #[test]
    fn the_scorecard_figure_counts_only_adopted_children() {
        // A2 as at 31/03/2024: A matched 22 days after its order and was adopted 20/12/2022 (in
        // the three years); B matched before its order (0 days) but is not adopted. The median of
        // those who completed is (0 + 22) / 2 = 11; the scorecard's mean counts A alone: 22.
        let mut ds = data();
        if let Some(a) = ds.england.get_mut("A") {
            a.adoption_order = Some(d(2022, 12, 20));
        }
        let a = crate::analysis::analyse(&ds, &crate::analysis::Settings::default(), d(2024, 3, 31));
        let s = a.stages.iter().find(|s| s.id == StageId::PlacementOrderToMatch).unwrap();
        assert_eq!(s.complete.median_days, Some(11.0));
        let sc = s.scorecard.as_ref().unwrap();
        assert_eq!((sc.measure, sc.n, sc.mean_days), ("A2", 1, Some(22.0)));
        // The decision stages are not scorecard measures: no figure.
        let dec = a.stages.iter().find(|s| s.id == StageId::EnteredCareToAdoptionDecision).unwrap();
        assert!(dec.scorecard.is_none());
    }

    #[test]
    fn the_426_days_are_called_the_former_scorecard_threshold() {
        // As at 31/03/2024: A was placed in 273 days (within 426); B has waited 455 days (past it).
        let a = crate::analysis::analyse(&data(), &crate::analysis::Settings::default(), d(2024, 3, 31));
        let s = a.stages.iter().find(|s| s.id == StageId::EnteredCareToPlacedForAdoption).unwrap();
        assert_eq!(s.target_label().as_deref(), Some("Former scorecard threshold 426 days"));
        assert_eq!(s.target_heading().as_deref(), Some("Former scorecard threshold: 426 days"));
        let card = crate::card::stage_card(s, None, (100.0, 30.0));
        assert_eq!(card.latest.as_deref(), Some("The latest child: 1 within the 426-day former scorecard threshold."));
        let fig = |k: &str| card.figures.iter().find(|f| f.key == k).map(|f| (f.label, f.value.clone()));
        assert_eq!(fig("waiting-n"), Some(("Still waiting", "1, 1 past the former scorecard threshold".to_string())));
        assert_eq!(fig("within").map(|f| f.0), Some("Within the former threshold"));
        // A PACE stage keeps the word target.
        let aim2 = a.stages.iter().find(|s| s.id == StageId::AccommodatedToRecommendation).unwrap();
        assert!(aim2.target_label().unwrap().starts_with("Target "));
    }

    #[test]
    fn only_the_scorecards_own_measures_have_a_scorecard_figure() {
        assert_eq!(StageId::EnteredCareToMovedIn.scorecard_measure(), Some("A10"));
        assert_eq!(StageId::PlacementOrderToMatch.scorecard_measure(), Some("A2"));
        assert_eq!(StageId::EnteredCareToPlacedForAdoption.scorecard_measure(), Some("A1"));
        assert_eq!(StageId::EnteredCareToAdoptionDecision.scorecard_measure(), None);
        assert_eq!(StageId::AdoptionDecisionToMatch.scorecard_measure(), None);
        assert_eq!(StageId::AccommodatedToOrder.scorecard_measure(), None);
    }
}
