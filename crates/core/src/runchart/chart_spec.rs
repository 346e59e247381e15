//! From an analysis to the chart's plain-data input ([`RunChartSpec`]), so the app and the CLI
//! draw exactly what the rules found.
//!
//! - Each point carries its phase and flags; a signal is an improvement, deterioration or change
//!   marker, each with its own shape ([`Assessment::Change`]: a neutral direction, or a period
//!   that did not last).
//! - Points with a missing value cannot be drawn: they are left out and the remaining points
//!   renumbered for the chart (only the chart; the analysis keeps its numbers).
//! - One centre line per phase, solid over the baseline and dashed where it is extended.
//! - A separator before each later phase; astronomical and excluded points become annotations.
//! - The waiting bars and a target line are the caller's to add.

use crate::chart::runchart_model::{AnnotationSpec, SeparatorSpec};
use crate::chart::{CentreSpec, PointFlags, RunChartSpec, RunPoint, SignalDirection, XAxisMode};

use super::analysis::{Assessment, RunChartAnalysis};
use super::centre::CentreKind;
use super::sentences::number;

/// Builds the chart input for `analysis`. `id` must be unique on the page; `end_milestone`
/// titles the x axis.
pub fn chart_spec(analysis: &RunChartAnalysis, id: &str, title: &str, end_milestone: &str) -> RunChartSpec {
    let mut spec = RunChartSpec::new(id, title, end_milestone);
    // Chart number (1-based) of each analysis point, `None` for points that cannot be drawn.
    let mut chart_no: Vec<Option<usize>> = Vec::with_capacity(analysis.points.len());
    for p in &analysis.points {
        if !p.value.is_finite() {
            chart_no.push(None);
            continue;
        }
        let signal = match p.signal {
            Some(Assessment::Improvement) => Some(SignalDirection::Improvement),
            Some(Assessment::Deterioration) => Some(SignalDirection::Deterioration),
            Some(Assessment::Change) => Some(SignalDirection::Change),
            None => None,
        };
        spec.points.push(RunPoint {
            child_id: p.id.clone().or_else(|| p.label.clone()).unwrap_or_else(|| p.number.to_string()),
            days: p.value,
            end_date: p.date,
            flags: PointFlags {
                phase: p.phase,
                on_centre: p.on_centre,
                excluded: p.excluded.is_some(),
                in_shift: p.in_shift || p.in_long_run,
                in_trend: p.in_trend,
                signal,
            },
        });
        chart_no.push(Some(spec.points.len()));
    }
    // Maps an analysis point range to the chart's numbering (nearest drawable points inside).
    let first_drawn = |from: usize, to: usize| (from..=to).find_map(|n| chart_no[n - 1]);
    let last_drawn = |from: usize, to: usize| (from..=to).rev().find_map(|n| chart_no[n - 1]);

    for ph in &analysis.phases {
        let (Some(first), Some(last)) = (first_drawn(ph.first, ph.last), last_drawn(ph.first, ph.last)) else {
            continue;
        };
        if ph.index > 0 {
            spec.separators.push(SeparatorSpec {
                before: first,
                label: ph.label.clone().unwrap_or_else(|| format!("Phase {}", ph.index + 1)),
            });
        }
        let Some(value) = ph.centre else { continue };
        let (baseline_last, label) = match ph.centre_kind {
            CentreKind::Fixed => (last, Some(format!("Fixed centre {}", number(value)))),
            CentreKind::Median => (last_drawn(ph.first, ph.baseline.last).unwrap_or(last), None),
        };
        spec.centre_lines.push(CentreSpec { phase: ph.index, value, first, last, baseline_last, label });
    }
    for p in &analysis.points {
        let Some(point) = chart_no[p.number - 1] else { continue };
        if let Some(note) = &p.astronomical {
            let text = if note.is_empty() { "Astronomical point".to_string() } else { format!("Astronomical: {note}") };
            spec.annotations.push(AnnotationSpec { point, text });
        }
        if let Some(reason) = &p.excluded {
            spec.annotations.push(AnnotationSpec { point, text: format!("Excluded: {reason}") });
        }
    }
    if !spec.points.is_empty() && spec.points.iter().all(|p| p.end_date.is_some()) {
        spec.x_axis = XAxisMode::EndDate;
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runchart::{Baseline, PhaseBreak, PointNote, RunChartConfig, Series, analyse};

    #[test]
    fn spec_carries_flags_centre_lines_and_separators() {
        // 1..8 then 100, 1..3 with a phase from point 9 (value 100) and point 2 missing.
        // Phase 1 (points 1-8): median of 1 3 4 5 6 7 8 (point 2 missing) = 5, frozen on the
        // first 4 points -> 1 3 4 -> median 3, baseline ends at analysis point 4 = chart point 3.
        let mut v: Vec<f64> = (1..=8).map(f64::from).collect();
        v[1] = f64::NAN;
        v.extend([100.0, 1.0, 2.0, 3.0]);
        let cfg = RunChartConfig {
            baseline: Baseline::FirstN(4),
            phases: vec![PhaseBreak { label: Some("New process".into()), ..PhaseBreak::at_index(8) }],
            astronomical: vec![PointNote { index: 8, note: "one-off".into() }],
            ..RunChartConfig::default()
        };
        let a = analyse(&Series::from_values(&v), &cfg).unwrap();
        let s = chart_spec(&a, "rc", "Test", "end");
        assert_eq!(s.points.len(), 11);
        assert_eq!(s.centre_lines.len(), 2);
        let c = &s.centre_lines[0];
        assert_eq!((c.value, c.first, c.last, c.baseline_last), (3.0, 1, 7, 3));
        // Phase 2 is analysis points 9-12 = chart points 8-11; median of 100 1 2 3 = 2.5.
        let c = &s.centre_lines[1];
        assert_eq!((c.value, c.first, c.last, c.baseline_last), (2.5, 8, 11, 11));
        assert_eq!(s.separators.len(), 1);
        assert_eq!((s.separators[0].before, s.separators[0].label.as_str()), (8, "New process"));
        assert_eq!(s.annotations.len(), 1);
        assert_eq!((s.annotations[0].point, s.annotations[0].text.as_str()), (8, "Astronomical: one-off"));
        // Lower is better: the astronomical 100 above the median is a deterioration.
        assert_eq!(s.points[7].flags.signal, Some(SignalDirection::Deterioration));
        assert!(s.points.iter().skip(7).all(|p| p.flags.phase == 1));
        // It renders.
        let svg = crate::chart::svg::run_chart_svg(&s.build());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && !svg.contains("NaN"));
    }

    #[test]
    fn neutral_direction_still_marks_signal_points() {
        // Six 1s then six -1s against a fixed centre of 0: two IHI shifts. With neither
        // direction better they are changes, and their points carry the change marker.
        let mut v = vec![1.0; 6];
        v.extend([-1.0; 6]);
        let cfg = RunChartConfig {
            direction: crate::runchart::Direction::Neutral,
            fixed_centre: Some(0.0),
            ..RunChartConfig::default()
        };
        let a = analyse(&Series::from_values(&v), &cfg).unwrap();
        let s = chart_spec(&a, "rc", "Test", "end");
        assert!(s.points.iter().all(|p| p.flags.signal == Some(SignalDirection::Change)));
        let svg = crate::chart::svg::run_chart_svg(&s.build());
        assert!(svg.contains("ts-point-change"));
    }
}
