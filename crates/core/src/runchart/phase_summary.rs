//! One phase of a run chart in words, as the run chart screen, the workbench and the CLI show it
//! (docs/runchart-rules.md): its points, centre line, counts and each rule set's result.

use super::analysis::PhaseAnalysis;
use super::centre::CentreKind;
use super::sentences::number;

/// A phase's figures as short texts, one per table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseSummary {
    /// The phase's label, else "Phase N".
    pub name: String,
    /// "1 to 12".
    pub points: String,
    /// "35 (median)", "35 (median of points 1 to 6, extended)", "35 (fixed)" or "–".
    pub centre: String,
    /// "12 (10 useful)".
    pub counts: String,
    /// "12 points, 1 excluded, 1 on the centre line, 10 useful", noting when that is fewer than
    /// the 10 the rules need.
    pub counts_in_full: String,
    /// Shift ranges ("3–10, 14–20"), "none", or "not applied".
    pub ihi_shifts: String,
    /// Trend ranges, "none", or "not applied".
    pub ihi_trends: String,
    /// "8 runs (expected 6 to 15)", with ": signal" when outside; or "not applied".
    pub ihi_runs: String,
    /// "longest run 5 (limit 7), crossings 4 (at least 3)", with ": signal"; or "not applied".
    pub anhoej: String,
}

impl PhaseSummary {
    /// The three IHI results in one line: "shifts 3–10; trends none; 8 runs (expected 6 to 15)".
    pub fn ihi(&self) -> String {
        if self.ihi_runs == NOT_APPLIED {
            return NOT_APPLIED.to_string();
        }
        format!("shifts {}; trends {}; {}", self.ihi_shifts, self.ihi_trends, self.ihi_runs)
    }
}

const NOT_APPLIED: &str = "not applied";

/// Shifts or trends listed by their points; with more, the count and the latest this many.
pub const RANGES_LISTED: usize = 10;

/// A phase's figures in words.
pub fn phase_summary(p: &PhaseAnalysis) -> PhaseSummary {
    let opt = |v: Option<usize>| v.map_or_else(|| "–".to_string(), |v| v.to_string());
    let ranges = |v: &[[usize; 2]]| {
        let list = |v: &[[usize; 2]]| v.iter().map(|[a, b]| format!("{a}–{b}")).collect::<Vec<_>>().join(", ");
        match v.len() {
            0 => "none".to_string(),
            n if n <= RANGES_LISTED => list(v),
            // A long series can have thousands: the count and the latest.
            n => format!("{n} (the latest {RANGES_LISTED}: {})", list(&v[n - RANGES_LISTED..])),
        }
    };
    let centre = match (p.centre, p.centre_kind) {
        (None, _) => "–".to_string(),
        (Some(c), CentreKind::Fixed) => format!("{} (fixed)", number(c)),
        (Some(c), CentreKind::Median) if p.baseline.extended => {
            format!("{} (median of points {} to {}, extended)", number(c), p.baseline.first, p.baseline.last)
        }
        (Some(c), CentreKind::Median) => format!("{} (median)", number(c)),
    };
    let ihi_runs = p.ihi.as_ref().map(|i| match (i.runs.count, i.runs.lower, i.runs.upper) {
        (Some(c), Some(l), Some(u)) => {
            format!("{c} runs (expected {l} to {u}){}", if i.runs.signal { ": signal" } else { "" })
        }
        (Some(c), _, _) => format!("{c} runs (the table covers 10 to 60 useful points)"),
        _ => "–".into(),
    });
    let anhoej = p.anhoej.as_ref().map(|x| {
        format!(
            "longest run {} (limit {}), crossings {} (at least {}){}",
            opt(p.longest_run),
            opt(x.longest_run_max),
            opt(p.crossings),
            opt(x.crossings_min),
            if x.signal { ": signal" } else { "" }
        )
    });
    PhaseSummary {
        name: p.label.clone().unwrap_or_else(|| format!("Phase {}", p.index + 1)),
        points: format!("{} to {}", p.first, p.last),
        centre,
        counts: format!("{} ({} useful)", p.n, p.n_useful),
        counts_in_full: format!(
            "{} points, {} excluded, {} on the centre line, {} useful{}",
            p.n,
            p.n_excluded,
            p.n_on_centre,
            p.n_useful,
            if p.rules_meaningful { "" } else { " (fewer than 10: not yet meaningful)" }
        ),
        ihi_shifts: p.ihi.as_ref().map_or_else(|| NOT_APPLIED.to_string(), |i| ranges(&i.shifts)),
        ihi_trends: p.ihi.as_ref().map_or_else(|| NOT_APPLIED.to_string(), |i| ranges(&i.trends)),
        ihi_runs: ihi_runs.unwrap_or_else(|| NOT_APPLIED.to_string()),
        anhoej: anhoej.unwrap_or_else(|| NOT_APPLIED.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runchart::{Baseline, RuleSet, RunChartConfig, Series, analyse};

    #[test]
    fn many_shifts_are_counted_and_the_latest_ten_listed() {
        // Fourteen blocks of seven points, alternately 5 and 50: each block (7k + 1 to 7k + 7)
        // is a shift, 14 in all; the latest ten are blocks 4 to 13, points 29 to 98.
        let v: Vec<f64> = (0..98u32).map(|i| if (i / 7).is_multiple_of(2) { 5.0 } else { 50.0 }).collect();
        let a = analyse(&Series::from_values(&v), &RunChartConfig::default()).unwrap();
        assert_eq!(
            phase_summary(&a.phases[0]).ihi_shifts,
            "14 (the latest 10: 29–35, 36–42, 43–49, 50–56, 57–63, 64–70, 71–77, 78–84, 85–91, 92–98)"
        );
    }

    #[test]
    fn a_rising_series_reads_as_a_trend_and_too_few_crossings() {
        let v: Vec<f64> = (1..=12).map(f64::from).collect();
        let a = analyse(&Series::from_values(&v), &RunChartConfig::default()).unwrap();
        let s = phase_summary(&a.phases[0]);
        assert_eq!(s.name, "Phase 1");
        assert_eq!(s.points, "1 to 12");
        assert_eq!(s.centre, "6.5 (median)");
        assert_eq!(s.counts, "12 (12 useful)");
        assert_eq!(s.counts_in_full, "12 points, 0 excluded, 0 on the centre line, 12 useful");
        assert_eq!(s.ihi_shifts, "1–6, 7–12");
        assert_eq!(s.ihi_trends, "1–12");
        assert!(s.ihi_runs.starts_with("2 runs (expected "), "{}", s.ihi_runs);
        assert!(s.ihi_runs.ends_with(": signal"), "{}", s.ihi_runs);
        assert!(s.anhoej.starts_with("longest run 6 (limit "), "{}", s.anhoej);
        assert!(s.anhoej.ends_with(": signal"), "{}", s.anhoej);
        assert_eq!(s.ihi(), format!("shifts 1–6, 7–12; trends 1–12; {}", s.ihi_runs));
    }

    #[test]
    fn a_frozen_baseline_and_unapplied_rules_are_said() {
        let v = [5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        let cfg = RunChartConfig { rules: RuleSet::Anhoej, baseline: Baseline::FirstN(3), ..RunChartConfig::default() };
        let a = analyse(&Series::from_values(&v), &cfg).unwrap();
        let s = phase_summary(&a.phases[0]);
        assert_eq!(s.centre, "6 (median of points 1 to 3, extended)");
        assert_eq!(
            (s.ihi_shifts.as_str(), s.ihi_runs.as_str(), s.ihi().as_str()),
            ("not applied", "not applied", "not applied")
        );
        assert!(s.counts_in_full.ends_with("(fewer than 10: not yet meaningful)"), "{}", s.counts_in_full);
        let fixed = RunChartConfig { fixed_centre: Some(7.5), ..RunChartConfig::default() };
        let a = analyse(&Series::from_values(&v), &fixed).unwrap();
        assert_eq!(phase_summary(&a.phases[0]).centre, "7.5 (fixed)");
    }
}
