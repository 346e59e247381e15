//! Where the delay is. For children still on their journey at the as-at date: the furthest
//! milestone each has reached and how long ago. For children with legal permanence (M8 by the
//! as-at date): the median of each stage, so a user sees whether delay sits before or after the
//! court application.

use chrono::NaiveDate;
use serde::Serialize;

use super::stage_summary::quantile_type7;
use super::stages::StageId;
use super::table::{ChildId, StageTable, Status};
use crate::model::{Dataset, Milestone};

/// Decision milestones, in journey order: the furthest recorded one is where a child has got to.
/// M6 (final placement) is left out because it can come before the ADM decision; M8 and ceasing
/// end the journey.
const DECISIONS: [Milestone; 4] = [
    Milestone::PermanenceRecommendation,
    Milestone::PermanencePanel,
    Milestone::AdmDecision,
    Milestone::CourtApplication,
];

/// Starting milestones: with no decision recorded, the most recent of these is where a child is.
const STARTS: [Milestone; 4] =
    [Milestone::FirstAccommodated, Milestone::LastAccommodated, Milestone::CsoAtHomeStart, Milestone::CsoReview];

/// Every milestone the report can name, in journey order (for grouping).
const PROGRESS: [Milestone; 8] = [
    Milestone::FirstAccommodated,
    Milestone::LastAccommodated,
    Milestone::CsoAtHomeStart,
    Milestone::CsoReview,
    Milestone::PermanenceRecommendation,
    Milestone::PermanencePanel,
    Milestone::AdmDecision,
    Milestone::CourtApplication,
];

/// One child still on the journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingNow {
    pub child_id: ChildId,
    /// The furthest decision milestone reached, else the most recent starting milestone.
    pub latest_milestone: Milestone,
    pub latest_date: NaiveDate,
    pub days_since: i64,
    #[serde(skip)]
    rank: u32,
}

/// How many children are sitting at each milestone, and for how long.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneReached {
    pub milestone: Milestone,
    pub n: usize,
    pub median_days_since: Option<f64>,
    pub longest_days_since: Option<i64>,
}

/// The median of one stage among children with legal permanence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageMedian {
    pub id: StageId,
    pub n: usize,
    pub median_days: Option<f64>,
}

/// Children with legal permanence and their stage medians.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PermanenceReached {
    pub n: usize,
    pub stages: Vec<StageMedian>,
}

/// The delay report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelayReport {
    /// Looked-after children who have neither legal permanence nor ceased to be looked after by
    /// the as-at date, with where each has got to: the furthest decision milestone recorded
    /// (recommendation, panel, ADM, court application), else the most recent of first or last
    /// accommodated and CSO-at-home start. Children whose latest milestone is a CSO review are
    /// left out (aim 1 done, nothing further measured). Longest wait first.
    pub waiting_now: Vec<WaitingNow>,
    /// `waiting_now` grouped by latest milestone, in journey order (milestones with none omitted).
    pub by_latest_milestone: Vec<MilestoneReached>,
    pub permanence_reached: PermanenceReached,
}

/// Builds the delay report over the selected rows.
pub fn delay_report(ds: &Dataset, table: &StageTable, rows: &[u32]) -> DelayReport {
    let as_at = table.as_at;
    let at = |r: u32, m: Milestone| ds.children[r as usize].date(m).filter(|d| *d <= as_at);
    let mut waiting_now = Vec::new();
    let mut permanent = Vec::new();
    for &r in rows {
        if at(r, Milestone::OrderGranted).is_some() {
            permanent.push(r);
            continue;
        }
        if at(r, Milestone::CeasedLookedAfter).is_some() {
            continue;
        }
        let latest = DECISIONS
            .iter()
            .rev()
            .find_map(|&m| at(r, m).map(|d| (m, d)))
            .or_else(|| STARTS.iter().filter_map(|&m| at(r, m).map(|d| (m, d))).max_by_key(|&(_, d)| d));
        // A child at home whose CSO has been reviewed, with nothing after, is not waiting on any
        // stage the tool measures.
        if let Some((m, d)) = latest.filter(|(m, _)| *m != Milestone::CsoReview) {
            waiting_now.push(WaitingNow {
                child_id: table.ids[r as usize].clone(),
                rank: table.id_rank[r as usize],
                latest_milestone: m,
                latest_date: d,
                days_since: (as_at - d).num_days(),
            });
        }
    }
    // Longest wait first, then by child id: the wait descending in the key's high half (a wait
    // fits 32 bits), the id rank in the low half.
    crate::order::sort_by_u64_key(&mut waiting_now, |w| {
        let wait = (w.days_since.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32) as u32 ^ (1 << 31);
        (u64::from(u32::MAX - wait) << 32) | u64::from(w.rank)
    });
    let by_latest_milestone = PROGRESS
        .iter()
        .filter_map(|&m| {
            let mut days: Vec<i64> =
                waiting_now.iter().filter(|w| w.latest_milestone == m).map(|w| w.days_since).collect();
            crate::order::sort_i64(&mut days);
            (!days.is_empty()).then(|| MilestoneReached {
                milestone: m,
                n: days.len(),
                median_days_since: quantile_type7(&days, 0.5),
                longest_days_since: days.last().copied(),
            })
        })
        .collect();
    let stages = StageId::PACE
        .into_iter()
        .filter(|s| *s != StageId::CsoAtHomeToReview)
        .map(|s| {
            let mut days: Vec<i64> = permanent
                .iter()
                .filter_map(|&r| match table.cell(r as usize, s.index()).status {
                    Status::Complete { days, .. } => Some(i64::from(days)),
                    _ => None,
                })
                .collect();
            crate::order::sort_i64(&mut days);
            StageMedian { id: s, n: days.len(), median_days: quantile_type7(&days, 0.5) }
        })
        .collect();
    DelayReport {
        waiting_now,
        by_latest_milestone,
        permanence_reached: PermanenceReached { n: permanent.len(), stages },
    }
}
