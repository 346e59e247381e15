//! The aim 1 list: children looked after at home on a CSO for at least the alert point (18 months,
//! 548 days, by default) with no review recorded by the as-at date, and the date each reaches the
//! 2-year target. Many PACE areas reviewed at 18 months to be ready for the 24-month point.
//!
//! When no child has a CSO-at-home start date the report says so (`has_cso_data` false), so the
//! app can show "no at-home CSO data" rather than a reassuring zero (docs/domain.md#cso-at-home).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::settings::Settings;
use super::stages::StageId;
use super::table::{ChildId, StageTable, Status};

/// One child on the aim 1 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aim1Child {
    pub child_id: ChildId,
    pub cso_start: NaiveDate,
    pub days_on_cso: i64,
    /// The last day within the target: CSO start + target days (730 by default). From the day
    /// after, the child is over 2 years without a review.
    pub target_date: Option<NaiveDate>,
    pub over_target: bool,
    #[serde(skip)]
    rank: u32,
}

/// The aim 1 report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aim1Report {
    /// True when any selected child has a CSO-at-home start by the as-at date.
    pub has_cso_data: bool,
    pub alert_days: Option<i64>,
    pub target_days: Option<i64>,
    /// Longest on a CSO first, ties by child id.
    pub children: Vec<Aim1Child>,
}

/// Builds the aim 1 list over the rows selected for the aim 1 stage.
pub fn aim1_report(table: &StageTable, settings: &Settings, rows: &[u32]) -> Aim1Report {
    let st = settings.stage(StageId::CsoAtHomeToReview);
    let k = StageId::CsoAtHomeToReview.index();
    let threshold = st.alert_days.or(st.target_days).unwrap_or(0);
    let mut has_cso_data = false;
    let mut children = Vec::new();
    for &r in rows {
        let cell = &table.cells[r as usize][k];
        let Some(start) = cell.start else { continue };
        has_cso_data = true;
        let Status::Waiting { days } = cell.status else { continue };
        let days = i64::from(days);
        if days < threshold {
            continue;
        }
        children.push(Aim1Child {
            child_id: table.ids[r as usize].clone(),
            rank: table.id_rank[r as usize],
            cso_start: start,
            days_on_cso: days,
            target_date: st.target_days.and_then(|t| start.checked_add_days(Days::new(t.max(0) as u64))),
            over_target: st.target_days.is_some_and(|t| days > t),
        });
    }
    children.sort_by(|a, b| b.days_on_cso.cmp(&a.days_on_cso).then(a.rank.cmp(&b.rank)));
    Aim1Report { has_cso_data, alert_days: st.alert_days, target_days: st.target_days, children }
}
