//! Permanence analysis: stages between milestones, the PACE aims, cohorts and children waiting.
//!
//! Everything here is a pure function of the data, the [`Settings`] and an as-at date; nothing
//! reads the clock. Dates after the as-at date are treated as not yet happened.
//!
//! Two ways in:
//! - [`analyse`] does everything at once (the CLI, the first render in the app).
//! - For fast re-filtering in the app: build a [`StageTable`] once per (data, as-at date, aim 2
//!   start choice), then on each filter change call [`StageTable::select`] and [`summarise`] for
//!   the stages on screen (or [`analyse_table`] for everything).
//!
//! Modules: [`stages`] (ids and definitions), [`settings`], [`filters`], [`table`] (per-child
//! statuses), [`stage_summary`], [`stage_km`] (time to event counting the children still
//! waiting), [`cohorts`], [`delay`], [`aim1`], [`placement_history`] and
//! [`export`] (per-child CSV).
//!
//! The rules in one place (details beside the code that applies them):
//! - Days are calendar days, end - start. "Within target" is days <= target, "over" is > target.
//!   Aim 2's "6 months" defaults to 182 days (a setting). Quartiles are R type 7.
//! - Each child is in exactly one group per stage: complete, waiting, missing but implied, out of
//!   scope or invalid (or the stage does not concern them at all).
//! - Missing but implied: the start (or end) is blank but a later milestone on the pathway
//!   M1, M2, M3, M4, M5, M7, M8 (or MH, MR for aim 1) is recorded, and the child's route passes
//!   through the blank one (one route table, shared with the quality report:
//!   docs/domain.md#route-milestones). M6 implies nothing because it may come before M5. Listed,
//!   never imputed.
//! - A return home (ceased to be looked after, destination a return home by the closed list, or
//!   route home with no destination; docs/domain.md#destinations): completes the whole journey on
//!   the date ceased (setting `return_home_is_permanence`); for aim 2 the recommendation is missing
//!   but implied; in other stages, out of scope. Ceasing to any other destination before the end
//!   milestone is out of scope. A ceased date before the current accommodation or the stage's
//!   start ends nothing (docs/domain.md#ceasing). A route that never passes through a stage's end
//!   puts a child out of scope; aim 4 lists a blank or "other" route as undecided
//!   (docs/domain.md#aim-4-population); for aim 1, being accommodated away from home after the
//!   CSO-at-home start does the same.
//! - End before start is invalid: left out of the figures and listed. M3 before M2/M1 meets aim 2
//!   in 0 days, marked (docs/domain.md#recommended-before-accommodation). The allowed orders
//!   M6 < M5 and M8 < M6 touch no stage.
//! - Dates after the as-at date have not happened yet; a start dated after it means the stage
//!   does not concern the child yet (docs/domain.md#not-yet-happened). The default as-at date
//!   is never after today (docs/domain.md#as-at-date).
//! - Children are counted by child id: only each child's latest episode is selected
//!   (docs/domain.md#episodes).
//! - Time to event (each stage's `km`): complete is an event at its days, waiting is censored at
//!   the days so far, out of scope after starting is censored on the day the child left when the
//!   data gives it (docs/survival.md).

pub mod aim1;
pub mod as_at;
pub mod cohorts;
pub mod delay;
pub mod delay_view;
pub mod england;
pub mod export;
pub mod filters;
pub mod placement_history;
pub mod settings;
pub mod stage_km;
pub mod stage_summary;
pub mod stage_title;
pub mod stages;
pub mod table;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

pub use aim1::{Aim1Child, Aim1Report};
pub use as_at::{AsAt, AsAtSource, resolve_as_at};
pub use delay::DelayReport;
pub use filters::{AgeBand, Filters, SiblingFilter};
pub use placement_history::PlacementHistory;
pub use settings::{Settings, StageSettings};
pub use stage_km::{StageDurations, StageKm, stage_durations, stage_km};
pub use stage_summary::{StageSummary, summarise};
pub use stages::{StageDef, StageId, StagePoint, StartChoice};
pub use table::{ChildId, Selection, StageTable, Status};

use crate::model::Dataset;

/// The full analysis at one as-at date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub as_at: NaiveDate,
    /// Where the as-at date came from; every screen and report shows it beside the date.
    pub as_at_source: AsAtSource,
    /// Children in the dataset, counted by child id (a child with several episode rows is one
    /// child; docs/domain.md#episodes).
    pub children: usize,
    /// Children passing the filters that do not depend on the stage.
    pub children_after_filters: usize,
    pub accommodated_start: StartChoice,
    /// One summary per stage shown, in [`StageId::ALL`] order: the PACE stages, then England's
    /// when the data holds England's dates (docs/domain.md#england-stages).
    pub stages: Vec<StageSummary>,
    pub delay: DelayReport,
    pub aim1: Aim1Report,
    pub placement_histories: Vec<PlacementHistory>,
}

impl Analysis {
    /// The summary of one PACE stage (always present; for England's, see [`Self::find_stage`]).
    pub fn stage(&self, id: StageId) -> &StageSummary {
        &self.stages[id.index()]
    }

    /// The summary of a stage when it is shown.
    pub fn find_stage(&self, id: StageId) -> Option<&StageSummary> {
        self.stages.get(id.index()).filter(|s| s.id == id)
    }
}

/// The stages an analysis of `ds` shows: the PACE stages, and England's when the data holds
/// England's dates.
pub fn shown_stages(ds: &Dataset) -> impl Iterator<Item = StageId> + use<> {
    let england = !ds.england.is_empty();
    StageId::ALL.into_iter().filter(move |s| england || !s.is_england())
}

/// Runs the whole analysis at `as_at` (see [`resolve_as_at`] for the default; a bare date counts
/// as one the user chose).
pub fn analyse(ds: &Dataset, settings: &Settings, as_at: impl Into<AsAt>) -> Analysis {
    let table = StageTable::build(ds, settings, as_at);
    analyse_table(ds, &table, settings)
}

/// Runs the whole analysis from a prebuilt table, applying `settings.filters`. The table must have
/// been built from the same dataset with the same aim 2 start choice.
pub fn analyse_table(ds: &Dataset, table: &StageTable, settings: &Settings) -> Analysis {
    let sel = table.select(ds, &settings.filters);
    // The scorecard's three years are complete in the data when it starts on or before their first day.
    let data_from = ds.children.iter().flat_map(|c| c.dates.iter().flatten()).min().copied();
    let stages = shown_stages(ds)
        .map(|s| {
            let mut summary = summarise(table, settings, s, &sel.stages[s.index()]);
            summary.not_collected = [summary.start_milestone, summary.end_milestone]
                .into_iter()
                .filter_map(stages::StagePoint::milestone)
                .filter(|m| !ds.collects(*m))
                .collect();
            if let Some(measure) = s.scorecard_measure() {
                // The scorecard counts the children adopted in its three years, by adoption date.
                let adopted = |p: &stage_summary::CompletedPoint| {
                    ds.england.get(p.child_id.as_str()).and_then(|e| e.adoption_order).map(|a| (a, p.days))
                };
                let done = summary.points.iter().filter_map(adopted);
                summary.scorecard = Some(england::scorecard_mean(measure, done, table.as_at, data_from));
            }
            summary
        })
        .collect();
    // The journey-wide reports use the whole-journey stage's selection, so an age band or start
    // range filter applies at the accommodated date.
    let journey = &sel.stages[StageId::AccommodatedToOrder.index()];
    Analysis {
        as_at: table.as_at,
        as_at_source: table.as_at_source,
        children: table.current.iter().filter(|c| **c).count(),
        children_after_filters: sel.base.len(),
        accommodated_start: settings.accommodated_start,
        stages,
        delay: delay::delay_report(ds, table, journey),
        aim1: aim1::aim1_report(table, settings, &sel.stages[StageId::CsoAtHomeToReview.index()]),
        placement_histories: placement_history::placement_histories(ds, table, journey),
    }
}
