//! The per-child stage table: every child's status in every stage at one as-at date, worked out
//! once, so re-filtering is a scan over a compact array rather than a fresh analysis.
//!
//! Build a [`StageTable`] when the data, the as-at date or the aim 2 start choice changes; call
//! [`StageTable::select`] whenever the filters change (a few microseconds per thousand children);
//! then summarise the selected rows (see `stage_summary`).
//!
//! Dates after the as-at date are treated as not yet happened: a child whose end milestone falls
//! after the as-at date is still waiting at it, and one whose start falls after it has not started.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::filters::Filters;
use super::settings::Settings;
use super::stages::{HomeRule, StageDef, StageId, returned_home, route_is_home};
use crate::model::{Child, Dataset, Milestone, PlacementType};

/// Why a child with a start date is not counted as waiting although the end is blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutOfScopeReason {
    /// Ceased to be looked after (not to home) before reaching the end milestone.
    Ceased,
    /// Ceased to be looked after and returned home, in a stage a return home does not pass
    /// through (for example the panel or court).
    ReturnedHome,
    /// The recorded permanence route is home, so an away-from-home stage does not apply.
    HomeRoute,
}

impl OutOfScopeReason {
    /// Plain-English description.
    pub const fn label(self) -> &'static str {
        match self {
            OutOfScopeReason::Ceased => "ceased to be looked after before the end milestone",
            OutOfScopeReason::ReturnedHome => "returned home before the end milestone",
            OutOfScopeReason::HomeRoute => "permanence route is home",
        }
    }
}

/// A child's status in one stage at the as-at date. Exactly one applies, which gives the
/// partition complete + waiting + missing implied + out of scope + invalid = in scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Neither the start nor anything implying it is recorded: the stage does not concern the child.
    NotApplicable,
    /// Both dates recorded (or, for the whole journey, a return home); `days` = end - start.
    Complete { end: NaiveDate, days: i32 },
    /// Start recorded, end not yet; `days` waited so far = as-at - start.
    Waiting { days: i32 },
    /// The start (or the end) is blank but a later milestone shows it happened. Never imputed.
    MissingImplied { missing: Milestone, implied_by: Milestone },
    /// Start recorded, end blank, but the child left the stage another way.
    OutOfScope(OutOfScopeReason),
    /// End before start: a data error (or, for M3 before M2, a warning), left out and listed.
    Invalid { end: NaiveDate, days: i32, warning_only: bool },
}

impl Status {
    /// Short key for CSV and tables.
    pub const fn key(&self) -> &'static str {
        match self {
            Status::NotApplicable => "",
            Status::Complete { .. } => "complete",
            Status::Waiting { .. } => "waiting",
            Status::MissingImplied { .. } => "missing_implied",
            Status::OutOfScope(_) => "out_of_scope",
            Status::Invalid { .. } => "invalid",
        }
    }
}

/// One child in one stage: the start date (if recorded by the as-at date) and the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub start: Option<NaiveDate>,
    pub status: Status,
}

/// Works out one child's status in one stage at `as_at`.
pub fn classify(c: &Child, def: &StageDef, as_at: NaiveDate) -> Cell {
    let at = |m: Milestone| c.date(m).filter(|d| *d <= as_at);
    let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days() as i32;
    let start = at(def.start);
    let ceased = at(Milestone::CeasedLookedAfter);
    let home = ceased.is_some() && returned_home(c);
    let recorded_end = at(def.end);
    let end = match recorded_end {
        None if home && def.home_rule == HomeRule::CompletesStage => ceased,
        e => e,
    };

    let Some(s) = start else {
        // A start recorded after the as-at date with the end already reached: end before start.
        if let (Some(raw_start), Some(e)) = (c.date(def.start), recorded_end)
            && e < raw_start
        {
            let status = Status::Invalid { end: e, days: days(raw_start, e), warning_only: def.negative_is_warning };
            return Cell { start: Some(raw_start), status };
        }
        let implied = recorded_end.map(|_| def.end).or_else(|| def.start_implied_by.iter().copied().find(|m| at(*m).is_some()));
        let status = match implied {
            Some(by) => Status::MissingImplied { missing: def.start, implied_by: by },
            None => Status::NotApplicable,
        };
        return Cell { start: None, status };
    };

    let status = if let Some(e) = end {
        let d = days(s, e);
        if d < 0 {
            Status::Invalid { end: e, days: d, warning_only: def.negative_is_warning }
        } else {
            Status::Complete { end: e, days: d }
        }
    } else if let Some(by) = def.end_implied_by.iter().copied().find(|m| at(*m).is_some()) {
        Status::MissingImplied { missing: def.end, implied_by: by }
    } else if ceased.is_some() {
        match (home, def.home_rule) {
            (true, HomeRule::ImpliesEnd) => Status::MissingImplied { missing: def.end, implied_by: Milestone::CeasedLookedAfter },
            (true, _) => Status::OutOfScope(OutOfScopeReason::ReturnedHome),
            (false, _) => Status::OutOfScope(OutOfScopeReason::Ceased),
        }
    } else if def.excludes_home_route && route_is_home(c) {
        Status::OutOfScope(OutOfScopeReason::HomeRoute)
    } else {
        Status::Waiting { days: days(s, as_at) }
    };
    Cell { start: Some(s), status }
}

/// Every child's status in every stage at one as-at date, plus what filtering needs.
#[derive(Debug, Clone)]
pub struct StageTable {
    /// The as-at date the table was built for.
    pub as_at: NaiveDate,
    /// The stage definitions used (they depend on the aim 2 start choice).
    pub defs: [StageDef; StageId::COUNT],
    /// One row per child, in `Dataset::children` order; columns by [`StageId::index`].
    pub cells: Vec<[Cell; StageId::COUNT]>,
    /// Placement type at the start of the current episode: the child's own field, else the
    /// placements sheet (the placement covering the accommodated date, else the earliest).
    pub placement_at_start: Vec<Option<PlacementType>>,
    /// Placement type now: the child's own field, else the placement covering the as-at date,
    /// else the latest placement started by then.
    pub placement_now: Vec<Option<PlacementType>>,
    /// Indices into `Dataset::placements`, grouped by child row and sorted by start.
    placement_index: Vec<u32>,
    /// Per child row, the range of `placement_index` holding its placements.
    placement_range: Vec<(u32, u32)>,
}

/// The rows (indices into `Dataset::children`) that pass the filters, overall and per stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Rows passing the filters that do not depend on the stage.
    pub base: Vec<u32>,
    /// Per stage, rows of `base` that also pass the age band and start range filters for that
    /// stage's start milestone. Includes rows where the stage does not apply.
    pub stages: [Vec<u32>; StageId::COUNT],
}

impl StageTable {
    /// Builds the table: one pass over the children and one over the placements.
    pub fn build(ds: &Dataset, settings: &Settings, as_at: NaiveDate) -> StageTable {
        let defs = StageDef::all(settings.accommodated_start, settings.return_home_is_permanence);
        let cells = ds.children.iter().map(|c| std::array::from_fn(|k| classify(c, &defs[k], as_at))).collect();

        // Group placements by child id (every episode row of a child shares them).
        let mut by_id: HashMap<&str, Vec<u32>> = HashMap::with_capacity(ds.children.len());
        for (i, p) in ds.placements.iter().enumerate() {
            by_id.entry(p.child_id.as_str()).or_default().push(i as u32);
        }
        for list in by_id.values_mut() {
            list.sort_by_key(|&i| ds.placements[i as usize].start);
        }
        let mut placement_index = Vec::with_capacity(ds.placements.len());
        let mut placement_range = Vec::with_capacity(ds.children.len());
        let mut placement_at_start = Vec::with_capacity(ds.children.len());
        let mut placement_now = Vec::with_capacity(ds.children.len());
        for c in &ds.children {
            let list = by_id.get(c.child_id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let from = placement_index.len() as u32;
            placement_index.extend_from_slice(list);
            placement_range.push((from, placement_index.len() as u32));
            let ps = || list.iter().map(|&i| &ds.placements[i as usize]).filter(|p| p.start <= as_at);
            let covers = |d: NaiveDate| ps().find(|p| p.start <= d && p.end.is_none_or(|e| e > d)).map(|p| p.placement_type);
            let acc = c.date(settings.accommodated_start.milestone()).or(c.date(Milestone::LastAccommodated));
            placement_at_start.push(
                c.placement_type_at_start
                    .or_else(|| acc.and_then(covers))
                    .or_else(|| ps().next().map(|p| p.placement_type)),
            );
            placement_now.push(c.placement_type.or_else(|| covers(as_at)).or_else(|| ps().next_back().map(|p| p.placement_type)));
        }
        StageTable { as_at, defs, cells, placement_at_start, placement_now, placement_index, placement_range }
    }

    /// Number of child rows.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when there are no children.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The placements of child row `row`, sorted by start date (indices into `Dataset::placements`).
    pub fn placements_of(&self, row: usize) -> &[u32] {
        let (a, b) = self.placement_range[row];
        &self.placement_index[a as usize..b as usize]
    }

    /// Applies the filters: one pass over the rows for the stage-independent filters, and one per
    /// stage only when an age band or start range is set.
    pub fn select(&self, ds: &Dataset, filters: &Filters) -> Selection {
        let base: Vec<u32> = if filters.is_empty() {
            (0..self.len() as u32).collect()
        } else {
            (0..self.len())
                .filter(|&i| filters.matches_child(&ds.children[i], self.placement_at_start[i], self.placement_now[i]))
                .map(|i| i as u32)
                .collect()
        };
        let stages = std::array::from_fn(|k| {
            if filters.depends_on_stage() {
                base.iter()
                    .copied()
                    .filter(|&i| filters.matches_start(ds.children[i as usize].date_of_birth, self.cells[i as usize][k].start))
                    .collect()
            } else {
                base.clone()
            }
        });
        Selection { base, stages }
    }
}
