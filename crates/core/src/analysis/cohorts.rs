//! Aim cohorts (docs/domain.md#from-date-cohorts). PACE's lesson: give an aim a "from" date so
//! it covers new entrants only, and set a separate backlog aim for children who started before
//! it. Both are reported: new entrants (start on or after the from date) get a full stage
//! summary; the backlog (start before it) reports who is still waiting and how many have been
//! cleared since.
//!
//! Children whose start date is blank ("missing but implied" starts) cannot be placed in either
//! cohort and appear only in the stage's overall summary.

use chrono::NaiveDate;
use serde::Serialize;

use super::settings::Settings;
use super::stage_summary::{StageSummary, WaitingBar, WaitingSummary, summarise_rows, waiting_part};
use super::stages::StageId;
use super::table::{StageTable, Status};

/// Children who started before the from date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backlog {
    /// In-scope children with a start before the from date (any status).
    pub started_before: usize,
    /// Of those, still waiting at the as-at date.
    pub waiting: WaitingSummary,
    pub waiting_bars: Vec<WaitingBar>,
    /// Of those, completed on or after the from date (backlog cleared under the aim).
    pub cleared_since_from: usize,
}

/// New entrants and backlog for one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohorts {
    pub from_date: NaiveDate,
    /// Children whose start is on or after the from date.
    pub new_entrants: StageSummary,
    pub backlog: Backlog,
}

/// The selected rows of a stage split at `from`: new entrants (start on or after it) and the
/// backlog (start before it, the stage applying). Rows without a start date are in neither.
pub fn split_rows(table: &StageTable, stage: StageId, rows: &[u32], from: NaiveDate) -> (Vec<u32>, Vec<u32>) {
    let k = stage.index();
    let start = |r: u32| table.cell(r as usize, k).start;
    let new_rows: Vec<u32> = rows.iter().copied().filter(|&r| start(r).is_some_and(|s| s >= from)).collect();
    let old_rows: Vec<u32> = rows
        .iter()
        .copied()
        .filter(|&r| start(r).is_some_and(|s| s < from) && table.cell(r as usize, k).status != Status::NotApplicable)
        .collect();
    (new_rows, old_rows)
}

/// Splits the selected rows of a stage at `from`.
pub fn cohorts(table: &StageTable, settings: &Settings, stage: StageId, rows: &[u32], from: NaiveDate) -> Cohorts {
    let (new_rows, old_rows) = split_rows(table, stage, rows, from);
    let k = stage.index();
    let cleared = old_rows
        .iter()
        .filter(|&&r| matches!(table.cell(r as usize, k).status, Status::Complete { end, .. } if end >= from))
        .count();
    let (waiting, waiting_bars) = waiting_part(table, settings, stage, old_rows.iter().copied());
    Cohorts {
        from_date: from,
        new_entrants: summarise_rows(table, settings, stage, &new_rows),
        backlog: Backlog { started_before: old_rows.len(), waiting, waiting_bars, cleared_since_from: cleared },
    }
}
