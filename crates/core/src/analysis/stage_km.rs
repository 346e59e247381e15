//! Each stage's time to event, counting everyone who started it (docs/survival.md, "Stages").
//!
//! The run chart and the "median days" count only the children who completed a stage. Here the
//! children still waiting count too, as censored durations, so a stuck stage cannot look quick:
//! - complete: an event at its days;
//! - waiting: censored at the days waited so far (to the as-at date);
//! - out of scope after starting (ceased to be looked after, returned home, or for aim 1
//!   accommodated away from home): censored on the day they left, when the data gives it. A
//!   recorded home route has no date, so those children are not counted, nor is anyone whose
//!   leaving date is before their start. Leaving this way is not independent of the stage, so
//!   these censorings can bias the estimate (docs/survival.md);
//! - missing but implied, invalid and not applicable: not counted (no usable duration).

use serde::Serialize;

use super::settings::Settings;
use super::stages::{EnglandDate, StageId, StagePoint};
use super::table::{StageTable, Status};
use crate::model::Milestone;
use crate::runchart::sentences::number;
use crate::survival::sentences::{median_phrase, percent};
use crate::survival::{KaplanMeier, KmRow, Observation, kaplan_meier};

/// One stage's durations, ready for [`kaplan_meier`] or [`crate::survival::log_rank`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageDurations {
    pub observations: Vec<Observation>,
    /// Of the censored, children still waiting at the as-at date.
    pub still_waiting: usize,
    /// Of the censored, children who left the stage another way on a known day.
    pub left_another_way: usize,
    /// Children who left the stage another way with no usable day (a recorded home route, or a
    /// leaving date before the start): not counted.
    pub not_counted: usize,
}

/// The Kaplan-Meier summary of one stage: the `km` block of the analysis JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageKm {
    /// Children counted: events plus censored.
    pub n: usize,
    /// Children who completed the stage.
    pub events: usize,
    /// Children counted without completing it: still waiting plus left another way.
    pub censored: usize,
    pub still_waiting: usize,
    pub left_another_way: usize,
    /// Left another way with no usable day, so not counted (see [`StageDurations::not_counted`]).
    pub not_counted: usize,
    /// Days by which half have completed, counting everyone; `None` when not reached.
    pub median: Option<f64>,
    pub median_lower: Option<f64>,
    pub median_upper: Option<f64>,
    pub target_days: Option<i64>,
    /// Estimated proportion completing within the target, 1 - S(target); `None` without a target,
    /// or when nobody has been followed as long as the target and the curve has not reached 0.
    pub within_target: Option<f64>,
    pub table: Vec<KmRow>,
}

/// The durations of one stage over the selected rows (indices into `Dataset::children`).
pub fn stage_durations(table: &StageTable, stage: StageId, rows: &[u32]) -> StageDurations {
    let k = stage.index();
    let mut out = StageDurations::default();
    let cells = table.stage_cells(k);
    for &r in rows {
        let cell = &cells[r as usize];
        match cell.status {
            Status::Complete { days, .. } => out.observations.push(Observation::event(f64::from(days))),
            Status::Waiting { days } => {
                out.still_waiting += 1;
                out.observations.push(Observation::censored(f64::from(days)));
            }
            Status::OutOfScope { left, .. } => {
                match left.zip(cell.start).map(|(l, s)| (l - s).num_days()).filter(|d| *d >= 0) {
                    Some(d) => {
                        out.left_another_way += 1;
                        out.observations.push(Observation::censored(d as f64));
                    }
                    None => out.not_counted += 1,
                }
            }
            Status::NotApplicable | Status::MissingImplied { .. } | Status::Invalid { .. } => {}
        }
    }
    out
}

/// The Kaplan-Meier summary of one stage over the selected rows.
pub fn stage_km(table: &StageTable, settings: &Settings, stage: StageId, rows: &[u32]) -> StageKm {
    let d = stage_durations(table, stage, rows);
    // Stage durations are whole days of at least zero, so the fit cannot fail; an empty fit
    // keeps that promise without a panic.
    let fit = kaplan_meier(&d.observations).unwrap_or_default();
    let target_days = settings.stage(stage).target_days;
    summarise_fit(fit, &d, target_days)
}

fn summarise_fit(fit: KaplanMeier, d: &StageDurations, target_days: Option<i64>) -> StageKm {
    let m = fit.median();
    StageKm {
        n: fit.n,
        events: fit.events,
        censored: fit.censored,
        still_waiting: d.still_waiting,
        left_another_way: d.left_another_way,
        not_counted: d.not_counted,
        median: m.median,
        median_lower: m.lower,
        median_upper: m.upper,
        target_days,
        within_target: target_days.and_then(|t| fit.proportion_within(t as f64)),
        table: fit.table,
    }
}

/// How a sentence names reaching a stage's end milestone: "reach the panel".
pub fn end_phrase(end: StagePoint) -> &'static str {
    use StagePoint::{England as E, Milestone as M};
    match end {
        M(Milestone::CsoReview) => "a review",
        M(Milestone::PermanenceRecommendation) => "a permanence recommendation",
        M(Milestone::PermanencePanel) => "the panel",
        M(Milestone::AdmDecision) => "an ADM decision",
        M(Milestone::CourtApplication) => "a court application",
        M(Milestone::OrderGranted) => "legal permanence",
        M(Milestone::FinalPlacement) => "the final placement",
        M(Milestone::CeasedLookedAfter) => "the end of being looked after",
        M(Milestone::FirstReferral | Milestone::FirstAccommodated | Milestone::LastAccommodated) => "the end",
        M(Milestone::CsoAtHomeStart) => "a CSO at home",
        E(EnglandDate::PlacementOrder) => "a placement order",
        E(EnglandDate::Matched) => "a match",
        E(EnglandDate::PlacedForAdoption) => "being placed for adoption",
        E(EnglandDate::MovedIn) => "moving in with the adoptive family",
    }
}

fn children(n: usize) -> String {
    if n == 1 { "1 child".into() } else { format!("{n} children") }
}

impl StageKm {
    /// The result in a plain sentence, for example "Counting the 18 children still waiting, half
    /// of the children reach the panel within 115 days (95% CI 90 to 140); 36% within the 84-day
    /// target."
    pub fn sentence(&self, end: impl Into<StagePoint>) -> String {
        if self.n == 0 {
            return "No children in this stage can be counted yet.".into();
        }
        let counting = match (self.still_waiting, self.left_another_way) {
            (0, 0) => String::new(),
            (w, 0) => format!("Counting the {} still waiting, ", children(w)),
            (0, l) => format!("Counting the {} who left the stage another way, ", children(l)),
            (w, l) => {
                format!("Counting the {} still waiting and the {l} who left the stage another way, ", children(w))
            }
        };
        let reach = end_phrase(end.into());
        let m = crate::survival::MedianCi { median: self.median, lower: self.median_lower, upper: self.median_upper };
        let main = match median_phrase(&m, "days") {
            Some(median) => format!("half of the children reach {reach} within {median}"),
            None if self.events == 0 => format!("none of the children has reached {reach} yet"),
            None => format!("fewer than half of the children have reached {reach} so far"),
        };
        let target = match (self.target_days, self.within_target) {
            (Some(t), Some(w)) => format!("; {} within the {t}-day target.", percent(w)),
            (Some(t), None) => format!(
                "; no child has been followed for {} days yet, so the share within the target is not known.",
                number(t as f64)
            ),
            (None, _) => ".".into(),
        };
        let mut text = format!("{counting}{main}{target}");
        if counting.is_empty()
            && let Some(first) = text.get(..1)
        {
            text = first.to_uppercase() + &text[1..];
        }
        text
    }
}

#[cfg(test)]
mod tests;
