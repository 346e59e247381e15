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
        let cell = table.cell(r as usize, k);
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
    crate::order::sort_by(&mut children, |a, b| b.days_on_cso.cmp(&a.days_on_cso).then(a.rank.cmp(&b.rank)));
    Aim1Report { has_cso_data, alert_days: st.alert_days, target_days: st.target_days, children }
}

impl Aim1Report {
    /// The list's heading, naming the alert point in force (docs/domain.md#cso-at-home), e.g.
    /// "Aim 1: at home on a CSO for 18 months or more with no review".
    pub fn heading(&self) -> String {
        let alert = self.alert_days.or(self.target_days).map_or_else(|| "the alert point".to_string(), days_in_words);
        format!("Aim 1: at home on a CSO for {alert} or more with no review")
    }

    /// Header of the column giving each child's target date: "Passes 2 years on" with the default
    /// 730-day target, "Passes 500 days on" with a target of 500 days.
    pub fn target_column(&self) -> String {
        match self.target_days {
            Some(t) => format!("Passes {} on", days_in_words(t)),
            None => "Passes the target on".to_string(),
        }
    }
}

/// A number of days as a reader says it: whole years ("2 years" for 730), whole months of
/// 30.4375 days ("18 months" for 548), or else days ("500 days").
pub fn days_in_words(days: i64) -> String {
    let plural = |n: i64, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    if days > 0 && days % 365 == 0 {
        return plural(days / 365, "year", "years");
    }
    let months = (days as f64 / 30.4375).round() as i64;
    if days > 0 && months > 0 && (months as f64 * 30.4375 - days as f64).abs() < 1.0 {
        return plural(months, "month", "months");
    }
    plural(days, "day", "days")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(alert: Option<i64>, target: Option<i64>) -> Aim1Report {
        Aim1Report { has_cso_data: true, alert_days: alert, target_days: target, children: Vec::new() }
    }

    #[test]
    fn the_target_column_names_the_target_in_force() {
        assert_eq!(report(Some(548), Some(730)).target_column(), "Passes 2 years on");
        assert_eq!(report(Some(300), Some(500)).target_column(), "Passes 500 days on");
        assert_eq!(report(Some(300), Some(365)).target_column(), "Passes 1 year on");
        assert_eq!(report(None, None).target_column(), "Passes the target on");
    }

    #[test]
    fn the_heading_names_the_alert_point_in_force() {
        assert_eq!(
            report(Some(548), Some(730)).heading(),
            "Aim 1: at home on a CSO for 18 months or more with no review"
        );
        assert_eq!(
            report(Some(400), Some(730)).heading(),
            "Aim 1: at home on a CSO for 400 days or more with no review"
        );
        assert_eq!(report(None, Some(730)).heading(), "Aim 1: at home on a CSO for 2 years or more with no review");
    }

    #[test]
    fn days_read_as_years_months_or_days() {
        assert_eq!(days_in_words(730), "2 years");
        assert_eq!(days_in_words(548), "18 months");
        assert_eq!(days_in_words(183), "6 months");
        assert_eq!(days_in_words(1), "1 day");
        assert_eq!(days_in_words(0), "0 days");
    }
}
