//! Placement history per child, from the placements sheet (the purpose of the PACE report's
//! Figure 11): the number of placements and moves before permanence, and days in each placement
//! type.
//!
//! Rules:
//! - Placements starting after the as-at date are ignored; an open placement, or one ending after
//!   the as-at date, is clipped to the as-at date.
//! - Days in a placement = end - start (the end date is the day of the move), so a placement that
//!   starts and ends on the same day counts 0 days.
//! - "Before permanence" means up to the permanence point: the earlier of the final placement start
//!   (M6) and the order granted (M8), else the as-at date. Placements starting on or before it are
//!   counted (so the final placement itself counts); moves = placements - 1.
//! - Days by type cover the whole history up to the as-at date, not just up to permanence.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::table::{ChildId, StageTable};
use crate::model::{Dataset, Milestone, PlacementType};

/// What ended the "before permanence" count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PermanencePoint {
    FinalPlacement,
    OrderGranted,
    AsAt,
}

/// One child's placement history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementHistory {
    pub child_id: ChildId,
    pub placements_before_permanence: usize,
    pub moves_before_permanence: usize,
    pub permanence_point: PermanencePoint,
    pub permanence_date: NaiveDate,
    /// Placements started by the as-at date.
    pub placements_total: usize,
    /// Days in each placement type up to the as-at date (types with no days omitted).
    pub days_by_type: BTreeMap<PlacementType, i64>,
}

/// Placement histories of the selected children that have at least one placement by the as-at date.
pub fn placement_histories(ds: &Dataset, table: &StageTable, rows: &[u32]) -> Vec<PlacementHistory> {
    let as_at = table.as_at;
    let mut out = Vec::new();
    for &r in rows {
        let c = &ds.children[r as usize];
        let placements =
            || table.placements_of(r as usize).iter().map(|&i| &ds.placements[i as usize]).filter(|p| p.start <= as_at);
        let total = placements().count();
        if total == 0 {
            continue;
        }
        let at = |m: Milestone| c.date(m).filter(|d| *d <= as_at);
        let (point, date) = match (at(Milestone::FinalPlacement), at(Milestone::OrderGranted)) {
            (Some(f), Some(o)) if o < f => (PermanencePoint::OrderGranted, o),
            (Some(f), _) => (PermanencePoint::FinalPlacement, f),
            (None, Some(o)) => (PermanencePoint::OrderGranted, o),
            (None, None) => (PermanencePoint::AsAt, as_at),
        };
        let before = placements().filter(|p| p.start <= date).count();
        let mut days_by_type = BTreeMap::new();
        for p in placements() {
            let end = p.end.map_or(as_at, |e| e.min(as_at));
            let days = (end - p.start).num_days().max(0);
            if days > 0 {
                *days_by_type.entry(p.placement_type).or_insert(0) += days;
            }
        }
        out.push(PlacementHistory {
            child_id: table.ids[r as usize].clone(),
            placements_before_permanence: before,
            moves_before_permanence: before.saturating_sub(1),
            permanence_point: point,
            permanence_date: date,
            placements_total: total,
            days_by_type,
        });
    }
    out
}
