//! The summary of one stage at an as-at date: children complete (n, median, quartiles, within
//! target), waiting (days so far, longest, past target, passing it soon), missing but implied,
//! out of scope and invalid, plus the run chart series (`points`) and the supplementary bar chart
//! series (`waiting_bars`).
//!
//! Conventions:
//! - "Within target" means days <= target; "over target" means days > target.
//! - A waiting child "will pass the target within the next N days" (N = `due_soon_days`, 28 by
//!   default) when not over it now but over it N days after the as-at date, i.e. when its
//!   `target_date` (start + target, the last day within target) is before as-at + N.
//! - Quartiles use linear interpolation between order statistics, the same as R's default
//!   `quantile(type = 7)` and Excel's `QUARTILE.INC`: for sorted x[0..n], position h = (n-1)p,
//!   value x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]). The median is the usual median.
//! - Points are ordered by end date, ties by child id, then by row order (stable).
//!   Waiting bars are ordered longest first, ties by child id.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::cohorts::{Cohorts, cohorts};
use super::england::ScorecardMean;
use super::settings::Settings;
use super::stage_km::{StageKm, stage_km};
use super::stages::{StageId, StagePoint};
use super::table::{ChildId, OutOfScopeReason, StageTable, Status};
use crate::model::Milestone;

/// Lower quartile, median and upper quartile (R type 7).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quartiles {
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

/// The p-quantile (0 <= p <= 1) of sorted values by R type 7; `None` when empty.
pub fn quantile_type7(sorted: &[i64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] as f64 + (h - lo as f64) * (sorted[hi] - sorted[lo]) as f64)
}

/// Quartiles of sorted values; `None` when empty.
pub fn quartiles(sorted: &[i64]) -> Option<Quartiles> {
    Some(Quartiles {
        q1: quantile_type7(sorted, 0.25)?,
        median: quantile_type7(sorted, 0.5)?,
        q3: quantile_type7(sorted, 0.75)?,
    })
}

/// Children who have completed the stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompleteSummary {
    pub n: usize,
    pub median_days: Option<f64>,
    pub quartiles: Option<Quartiles>,
    pub min_days: Option<i64>,
    pub max_days: Option<i64>,
    /// Number with days <= target (`None` when the stage has no target).
    pub within_target: Option<usize>,
    /// `within_target / n` (`None` without a target or with no children).
    pub within_target_share: Option<f64>,
}

/// A waiting child who will pass the target soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueSoon {
    pub child_id: ChildId,
    /// The last day within target (start + target days).
    pub target_date: NaiveDate,
}

/// Children who have started the stage and are still waiting at the as-at date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitingSummary {
    pub n: usize,
    pub longest_days: Option<i64>,
    /// Number waiting longer than the target (`None` without a target).
    pub over_target: Option<usize>,
    /// Number waiting at least the alert point (aim 1: 548 days), `None` without one.
    pub at_or_over_alert: Option<usize>,
    /// Number not yet over target who will be within the next `due_soon_days`.
    pub due_soon: Option<usize>,
    pub due_soon_days: i64,
    pub due_soon_children: Vec<DueSoon>,
}

/// One child whose start or end is blank although a later milestone shows it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingItem {
    pub child_id: ChildId,
    /// The blank milestone.
    pub missing: Milestone,
    /// The recorded milestone that implies it (`ceased_looked_after` for a return home).
    pub implied_by: Milestone,
}

/// Children "missing but implied": not counted in the figures, listed, never imputed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingImpliedSummary {
    pub n: usize,
    /// Of which the start milestone is blank.
    pub start_missing: usize,
    /// Of which the end milestone is blank.
    pub end_missing: usize,
    pub child_ids: Vec<ChildId>,
    pub items: Vec<MissingItem>,
}

/// One child out of scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutOfScopeItem {
    pub child_id: ChildId,
    pub start_date: Option<NaiveDate>,
    pub reason: OutOfScopeReason,
    /// The day the child left the stage, when the data gives it (see [`Status::OutOfScope`]).
    pub left_date: Option<NaiveDate>,
}

/// Children who started the stage but left it without reaching the end milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutOfScopeSummary {
    pub n: usize,
    pub items: Vec<OutOfScopeItem>,
}

/// One child whose end milestone is before the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidItem {
    pub child_id: ChildId,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub days: i64,
    /// True for M3 before M2/M1 (pre-birth or concurrent planning): a warning, not an error.
    pub warning_only: bool,
}

/// Children left out because of negative intervals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidSummary {
    pub n: usize,
    pub items: Vec<InvalidItem>,
}

/// A run chart point: one child who completed the stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletedPoint {
    pub child_id: ChildId,
    pub end_date: NaiveDate,
    pub days: i64,
    /// Aim 2: recommended before being accommodated, counted as 0 days.
    pub recommended_before_accommodation: bool,
}

/// A supplementary bar: one child still waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingBar {
    pub child_id: ChildId,
    pub start_date: NaiveDate,
    pub days_waiting: i64,
    pub over_target: bool,
}

/// Everything about one stage at one as-at date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageSummary {
    pub id: StageId,
    pub label: &'static str,
    pub aim: Option<u8>,
    /// Who the stage counts, in plain English.
    pub population: &'static str,
    /// Where the stage starts and ends: a milestone, or one of England's dates.
    pub start_milestone: StagePoint,
    pub end_milestone: StagePoint,
    pub target_days: Option<i64>,
    pub target_verified: bool,
    pub target_source: String,
    pub alert_days: Option<i64>,
    pub reference_days: Option<i64>,
    /// Children (after filters) the stage concerns: the sum of the five groups below.
    pub in_scope: usize,
    pub complete: CompleteSummary,
    pub waiting: WaitingSummary,
    pub missing_implied: MissingImpliedSummary,
    pub out_of_scope: OutOfScopeSummary,
    pub invalid: InvalidSummary,
    pub points: Vec<CompletedPoint>,
    /// Aim 2: children recommended before being accommodated (pre-birth or concurrent planning),
    /// counted as complete in 0 days (docs/domain.md#recommended-before-accommodation).
    pub recommended_before_accommodation: Vec<ChildId>,
    pub waiting_bars: Vec<WaitingBar>,
    /// Time to event counting everyone who started: Kaplan-Meier with the children still waiting
    /// censored (docs/survival.md).
    pub km: StageKm,
    /// New entrants and backlog, when the stage has a "from" date.
    pub cohorts: Option<Box<Cohorts>>,
    /// The stage's start or end milestone when the data's format does not collect it
    /// (docs/domain.md#not-collected): the stage cannot be measured, and says so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_collected: Vec<Milestone>,
    /// England's stages: the adoption scorecard's own figure, the mean over the three years to
    /// the as-at date, shown beside the median (docs/domain.md#england-stages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scorecard: Option<ScorecardMean>,
}

/// The waiting part of a summary from the rows selected.
pub(crate) fn waiting_part(
    table: &StageTable,
    settings: &Settings,
    stage: StageId,
    rows: impl Iterator<Item = u32>,
) -> (WaitingSummary, Vec<WaitingBar>) {
    let st = settings.stage(stage);
    let k = stage.index();
    let due_soon_days = settings.due_soon_days;
    let mut bars: Vec<(u32, WaitingBar)> = Vec::new();
    let mut due: Vec<(u32, DueSoon)> = Vec::new();
    let mut over_alert = 0;
    let cells = table.stage_cells(k);
    for r in rows {
        let cell = &cells[r as usize];
        let (Status::Waiting { days }, Some(start)) = (cell.status, cell.start) else { continue };
        let days = i64::from(days);
        let child_id = &table.ids[r as usize];
        let rank = table.id_rank[r as usize];
        let over = st.target_days.is_some_and(|t| days > t);
        if let Some(t) = st.target_days
            && !over
            && days + due_soon_days > t
        {
            let target_date = start.checked_add_days(Days::new(t.max(0) as u64)).unwrap_or(start);
            due.push((rank, DueSoon { child_id: child_id.clone(), target_date }));
        }
        if st.alert_days.is_some_and(|a| days >= a) {
            over_alert += 1;
        }
        bars.push((
            rank,
            WaitingBar { child_id: child_id.clone(), start_date: start, days_waiting: days, over_target: over },
        ));
    }
    bars.sort_unstable_by(|a, b| b.1.days_waiting.cmp(&a.1.days_waiting).then(a.0.cmp(&b.0)));
    due.sort_unstable_by(|a, b| a.1.target_date.cmp(&b.1.target_date).then(a.0.cmp(&b.0)));
    let bars: Vec<WaitingBar> = bars.into_iter().map(|b| b.1).collect();
    let due: Vec<DueSoon> = due.into_iter().map(|d| d.1).collect();
    let summary = WaitingSummary {
        n: bars.len(),
        longest_days: bars.first().map(|b| b.days_waiting),
        over_target: st.target_days.map(|_| bars.iter().filter(|b| b.over_target).count()),
        at_or_over_alert: st.alert_days.map(|_| over_alert),
        due_soon: st.target_days.map(|_| due.len()),
        due_soon_days,
        due_soon_children: due,
    };
    (summary, bars)
}

/// A complete row's sort key: its end date, then its rank in child id order. Every date chrono
/// holds is within ±2^31 days of 1 January of year 1, so the shifted day number fits the high half.
fn end_rank_key(end: NaiveDate, rank: u32) -> u64 {
    use chrono::Datelike;
    let day = (i64::from(end.num_days_from_ce()) + (1 << 31)) as u64;
    (day << 32) | u64::from(rank)
}

/// Summarises one stage over the selected rows (indices into `Dataset::children`), without the
/// cohort split. One pass over the rows plus a sort of the complete children.
pub fn summarise_rows(table: &StageTable, settings: &Settings, stage: StageId, rows: &[u32]) -> StageSummary {
    let st = settings.stage(stage);
    let k = stage.index();
    let def = &table.defs[k];
    // (end date, id rank, row, days, recommended before accommodation): what the points need,
    // taken in this pass in row order so the sorted pass below does not go back to the table.
    let mut points: Vec<(NaiveDate, u32, u32, i32, bool)> = Vec::with_capacity(rows.len());
    let mut missing = Vec::new();
    let mut out = Vec::new();
    let mut invalid = Vec::new();
    let mut in_scope = 0;
    let mut start_missing = 0;
    let cells = table.stage_cells(k);
    for &r in rows {
        let cell = &cells[r as usize];
        let id = || table.ids[r as usize].clone();
        match cell.status {
            Status::NotApplicable => continue,
            Status::Complete { end, days } => {
                points.push((end, table.id_rank[r as usize], r, days, cell.recommended_before_accommodation))
            }
            Status::Waiting { .. } => {}
            Status::MissingImplied { missing: m, implied_by } => {
                if def.start == m {
                    start_missing += 1;
                }
                missing.push(MissingItem { child_id: id(), missing: m, implied_by });
            }
            Status::OutOfScope { reason, left } => {
                out.push(OutOfScopeItem { child_id: id(), start_date: cell.start, reason, left_date: left })
            }
            Status::Invalid { end, days, warning_only } => invalid.push(InvalidItem {
                child_id: id(),
                start_date: cell.start.unwrap_or(end),
                end_date: end,
                days: i64::from(days),
                warning_only,
            }),
        }
        in_scope += 1;
    }
    // (end date, id rank) is unique per row, so this gives a total order.
    crate::order::sort_by_u64(&mut points, |p| end_rank_key(p.0, p.1));
    let mut day_keys: Vec<u64> = points.iter().map(|p| crate::order::signed_key(i64::from(p.3))).collect();
    crate::order::sort_keys(&mut day_keys);
    let sorted: Vec<i64> = day_keys.into_iter().map(crate::order::from_signed_key).collect();
    let n = sorted.len();
    let within = st.target_days.map(|t| sorted.partition_point(|&d| d <= t));
    let q = quartiles(&sorted);
    let complete = CompleteSummary {
        n,
        median_days: q.map(|q| q.median),
        quartiles: q,
        min_days: sorted.first().copied(),
        max_days: sorted.last().copied(),
        within_target: within,
        within_target_share: within.filter(|_| n > 0).map(|w| w as f64 / n as f64),
    };
    let (waiting, waiting_bars) = waiting_part(table, settings, stage, rows.iter().copied());
    let missing_implied = MissingImpliedSummary {
        n: missing.len(),
        start_missing,
        end_missing: missing.len() - start_missing,
        child_ids: missing.iter().map(|m| m.child_id.clone()).collect(),
        items: missing,
    };
    StageSummary {
        id: stage,
        label: stage.label(),
        aim: stage.aim(),
        population: stage.population(),
        start_milestone: def.start,
        end_milestone: def.end,
        target_days: st.target_days,
        target_verified: st.verified,
        target_source: st.source.clone(),
        alert_days: st.alert_days,
        reference_days: st.reference_days,
        in_scope,
        complete,
        waiting,
        missing_implied,
        out_of_scope: OutOfScopeSummary { n: out.len(), items: out },
        invalid: InvalidSummary { n: invalid.len(), items: invalid },
        recommended_before_accommodation: points
            .iter()
            .filter(|p| p.4)
            .map(|p| table.ids[p.2 as usize].clone())
            .collect(),
        points: points
            .into_iter()
            .map(|(end_date, _, r, days, before)| CompletedPoint {
                child_id: table.ids[r as usize].clone(),
                end_date,
                days: i64::from(days),
                recommended_before_accommodation: before,
            })
            .collect(),
        waiting_bars,
        km: stage_km(table, settings, stage, rows),
        cohorts: None,
        not_collected: Vec::new(),
        scorecard: None,
    }
}

impl StageSummary {
    /// The card's line naming the target: "Target: 182 days", or for England's placed-for-adoption
    /// stage "Former scorecard threshold: 426 days" (whether it is verified is shown apart).
    pub fn target_heading(&self) -> Option<String> {
        let t = self.target_days?;
        Some(format!("{}: {t} days", crate::text::upper_first(self.id.target_name())))
    }

    /// The target line's label on the charts: "Target 182 days", "Target 84 days (unverified)",
    /// or for England's placed-for-adoption stage "Former scorecard threshold 426 days".
    pub fn target_label(&self) -> Option<String> {
        let t = self.target_days?;
        let unverified = if self.target_verified { "" } else { " (unverified)" };
        Some(format!("{} {t} days{unverified}", crate::text::upper_first(self.id.target_name())))
    }

    /// "Not collected in this format: ..." when the data's format does not record the stage's
    /// start or end, so the stage shows that instead of zeros or "missing".
    pub fn not_collected_note(&self) -> Option<String> {
        if self.not_collected.is_empty() {
            return None;
        }
        let names: Vec<&str> = self.not_collected.iter().map(|m| m.label()).collect();
        Some(format!(
            "Not collected in this format: {}. This stage cannot be measured from this data.",
            names.join(" and ")
        ))
    }

    /// Notes to show under the stage's chart and in the report, in plain English.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(note) = self.not_collected_note() {
            notes.push(note);
        }
        if let Some(sc) = &self.scorecard {
            notes.push(sc.sentence());
        }
        match self.recommended_before_accommodation.len() {
            0 => {}
            1 => notes.push(
                "1 child was recommended for permanence before being accommodated (pre-birth or concurrent planning): counted as meeting the aim in 0 days.".to_string(),
            ),
            n => notes.push(format!(
                "{n} children were recommended for permanence before being accommodated (pre-birth or concurrent planning): counted as meeting the aim in 0 days."
            )),
        }
        notes
    }
}

/// Summarises one stage over the selected rows, with the new entrant / backlog split when the
/// stage has a "from" date in the settings.
pub fn summarise(table: &StageTable, settings: &Settings, stage: StageId, rows: &[u32]) -> StageSummary {
    let mut s = summarise_rows(table, settings, stage, rows);
    if let Some(from) = settings.stage(stage).from_date {
        s.cohorts = Some(Box::new(cohorts(table, settings, stage, rows, from)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type7_quartiles_by_hand() {
        // n = 4, [10, 20, 30, 40]: q1 at h = 3 x 0.25 = 0.75 -> 10 + 0.75 x 10 = 17.5;
        // median at h = 1.5 -> 25; q3 at h = 2.25 -> 30 + 0.25 x 10 = 32.5.
        assert_eq!(quartiles(&[10, 20, 30, 40]), Some(Quartiles { q1: 17.5, median: 25.0, q3: 32.5 }));
        // n = 5, [1, 2, 3, 4, 100]: h = 1, 2, 3 exactly -> 2, 3, 4.
        assert_eq!(quartiles(&[1, 2, 3, 4, 100]), Some(Quartiles { q1: 2.0, median: 3.0, q3: 4.0 }));
        // n = 1: every quantile is the value.
        assert_eq!(quartiles(&[7]), Some(Quartiles { q1: 7.0, median: 7.0, q3: 7.0 }));
        // n = 2, [0, 3]: q1 at h = 0.25 -> 0.75; median 1.5; q3 at h = 0.75 -> 2.25.
        assert_eq!(quartiles(&[0, 3]), Some(Quartiles { q1: 0.75, median: 1.5, q3: 2.25 }));
        assert_eq!(quartiles(&[]), None);
    }
}
