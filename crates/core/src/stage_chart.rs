//! The run chart of one permanence stage: the stage's completed children become the series
//! (ordered by the date each reached the end milestone), the stage settings give the baseline and
//! phases, and the children still waiting become the supplementary bars on the same scale.
//!
//! The app and the CLI both call [`stage_chart`], so what a user sees on screen is exactly what a
//! script reports.

use serde::{Deserialize, Serialize};

use crate::analysis::{StageSettings, StageSummary};
use crate::chart::{RunChartSpec, TargetSpec, WaitingSpec};
use crate::runchart::{
    self, Baseline, BreakAt, Direction, PhaseBreak, PointNote, RuleSet, RunChartAnalysis, RunChartConfig,
    RunChartError, Series, Wording, Words,
};

/// A point the user has left out of the median and the rules, with their reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedChild {
    pub child_id: String,
    pub reason: String,
}

/// Run chart choices that are not part of the stage settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageChartOptions {
    /// Which rule family to apply (both by default, each labelled).
    pub rules: RuleSet,
    /// IHI shift length (6 to 8; 6 published).
    pub shift_length: usize,
    /// IHI trend length (5 to 7; 5 published).
    pub trend_length: usize,
    /// A fixed centre line (for example the target) instead of the median.
    pub fixed_centre: Option<f64>,
    /// Children left out of the median and the rules.
    pub excluded: Vec<ExcludedChild>,
    /// Children the user marked as astronomical points, with a note.
    pub astronomical: Vec<ExcludedChild>,
}

impl Default for StageChartOptions {
    fn default() -> Self {
        StageChartOptions {
            rules: RuleSet::Both,
            shift_length: 6,
            trend_length: 5,
            fixed_centre: None,
            excluded: Vec::new(),
            astronomical: Vec::new(),
        }
    }
}

/// The analysis and the drawable spec of one stage's run chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StageChart {
    pub analysis: RunChartAnalysis,
    pub spec: RunChartSpec,
}

/// The run chart verdict for a stage in one plain sentence (see [`crate::runchart::verdict`]).
pub fn verdict(a: &RunChartAnalysis) -> String {
    a.verdict.sentence.clone()
}

/// The series of a stage: one point per completed child, value = days taken.
pub fn stage_series(summary: &StageSummary) -> Series {
    Series::new(
        summary
            .points
            .iter()
            .map(|p| runchart::Point {
                value: p.days as f64,
                date: Some(p.end_date),
                label: None,
                id: Some(p.child_id.to_string()),
            })
            .collect(),
    )
}

/// The series of a stage without the children's ids, for the dashboard card: the rules, the
/// verdict and the small chart read only the values and dates, so the card need not copy every
/// completed child's id twice (docs/architecture.md#speed).
pub fn stage_series_unlabelled(summary: &StageSummary) -> Series {
    Series::new(summary.points.iter().map(|p| runchart::Point::dated(p.days as f64, p.end_date)).collect())
}

/// The run chart analysis of a stage for its dashboard card: the same rules, centre lines and
/// verdict as [`stage_chart`], but without the chart spec (the card draws its small chart from
/// the analysis), without the children's ids on the points, and with only the sentences the
/// verdict may quote ([`Words::VerdictOnly`]): a long series can have thousands of findings.
pub fn card_analysis(
    summary: &StageSummary,
    settings: &StageSettings,
    opts: &StageChartOptions,
) -> Result<RunChartAnalysis, RunChartError> {
    let config = RunChartConfig { words: Words::VerdictOnly, ..stage_config(summary, settings, opts) };
    runchart::analyse(&stage_series_unlabelled(summary), &config)
}

/// The rules configuration for a stage: baseline and phases from the stage settings, the rest
/// from `opts`. Days taken: lower is better.
pub fn stage_config(summary: &StageSummary, settings: &StageSettings, opts: &StageChartOptions) -> RunChartConfig {
    let index_of = |child_id: &str| summary.points.iter().position(|p| p.child_id == child_id);
    let notes = |list: &[ExcludedChild]| {
        list.iter()
            .filter_map(|e| index_of(&e.child_id).map(|index| PointNote { index, note: e.reason.clone() }))
            .collect::<Vec<_>>()
    };
    let baseline = match &settings.baseline {
        Some(b) => match (b.points, b.end) {
            (Some(n), _) if n > 0 => Baseline::FirstN(n),
            (_, Some(end)) => Baseline::UpTo(end),
            _ => Baseline::All,
        },
        None => Baseline::All,
    };
    RunChartConfig {
        rules: opts.rules,
        direction: Direction::LowerIsBetter,
        baseline,
        phases: settings
            .phases
            .iter()
            .map(|p| PhaseBreak {
                at: BreakAt::Date(p.start),
                baseline: Baseline::All,
                label: (!p.label.trim().is_empty()).then(|| p.label.clone()),
            })
            .collect(),
        fixed_centre: opts.fixed_centre,
        shift_length: opts.shift_length,
        trend_length: opts.trend_length,
        excluded: notes(&opts.excluded),
        astronomical: notes(&opts.astronomical),
        // Days taken, dated by when each child reached the end milestone.
        wording: Wording::permanence_days(),
        words: Words::Every,
    }
}

/// Analyses a stage's run chart and builds its chart spec with the target line and the waiting
/// bars. `id` must be unique on the page.
pub fn stage_chart(
    summary: &StageSummary,
    settings: &StageSettings,
    opts: &StageChartOptions,
    id: &str,
) -> Result<StageChart, RunChartError> {
    let series = stage_series(summary);
    let config = stage_config(summary, settings, opts);
    let analysis = runchart::analyse(&series, &config)?;
    let mut spec = runchart::chart_spec(&analysis, id, summary.label, summary.end_milestone.label());
    spec.target =
        summary.target_days.zip(summary.target_label()).map(|(t, label)| TargetSpec { value: t as f64, label });
    spec.waiting = Some(
        summary
            .waiting_bars
            .iter()
            .map(|b| WaitingSpec {
                child_id: b.child_id.to_string(),
                days: b.days_waiting as f64,
                start: Some(b.start_date),
            })
            .collect(),
    );
    Ok(StageChart { analysis, spec })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Settings, StageId, analyse};
    use crate::model::{Child, Dataset, Milestone};
    use crate::runchart::SignalKind;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Twelve children accommodated on 1 January 2021, each reaching a recommendation on
    /// consecutive days from 1 March 2021 (59 days: Jan 31 + Feb 28) onwards, plus one still
    /// waiting. Values are 59, 60, ..., 70 days: a steady rise.
    fn rising() -> Dataset {
        let mut ds = Dataset::default();
        for k in 0..12u32 {
            let mut c = Child { child_id: format!("R{k:02}"), episode_no: 1, ..Default::default() };
            c.set_date(Milestone::LastAccommodated, Some(d(2021, 1, 1)));
            c.set_date(Milestone::PermanenceRecommendation, Some(d(2021, 3, 1 + k)));
            ds.children.push(c);
        }
        let mut w = Child { child_id: "W1".into(), episode_no: 1, ..Default::default() };
        w.set_date(Milestone::LastAccommodated, Some(d(2021, 1, 10)));
        ds.children.push(w);
        ds
    }

    #[test]
    fn series_follows_end_dates_and_bars_come_from_waiting_children() {
        let ds = rising();
        let settings = Settings::default();
        let a = analyse(&ds, &settings, d(2021, 3, 31));
        let s = a.stage(StageId::AccommodatedToRecommendation);
        let chart =
            stage_chart(s, &settings.stage(StageId::AccommodatedToRecommendation), &StageChartOptions::default(), "c")
                .unwrap();
        let values: Vec<f64> = chart.analysis.points.iter().map(|p| p.value).collect();
        assert_eq!(values, (59..=70).map(f64::from).collect::<Vec<_>>());
        // W1 accommodated 10/01/2021, as at 31/03/2021: 21 + 28 + 31 = 80 days waiting.
        let bars = chart.spec.waiting.as_ref().unwrap();
        assert_eq!(bars.len(), 1);
        assert_eq!(bars[0].child_id, "W1");
        assert_eq!(bars[0].days, 80.0);
        assert_eq!(chart.spec.target.as_ref().unwrap().value, 182.0);
        // Twelve strictly rising points: one IHI trend covering points 1 to 12.
        let ihi = chart.analysis.phases[0].ihi.as_ref().unwrap();
        assert_eq!(ihi.trends, vec![[1, 12]]);
    }

    #[test]
    fn verdict_says_why_when_there_are_too_few_points() {
        // Twelve rising points make a signal; the first three alone are too few for the rules.
        let ds = rising();
        let settings = Settings::default();
        let a = analyse(&ds, &settings, d(2021, 3, 31));
        let s = a.stage(StageId::AccommodatedToRecommendation);
        let st = settings.stage(StageId::AccommodatedToRecommendation);
        let chart = stage_chart(s, &st, &StageChartOptions::default(), "c").unwrap();
        // 59..=70 days, median 64.5: one crossing, where Anhøj (n = 12) wants at least 3, so the
        // verdict (which follows Anhøj) is a change; the IHI signals all say waits got longer
        // (shift at the start below, shift at the end above, a rising trend), and the latest of
        // them (the trend over points 1 to 12 and the shift of points 7 to 12 both end at point 12;
        // the shift starts later), says which way.
        let v = &chart.analysis.verdict;
        assert_eq!(v.status, crate::runchart::VerdictStatus::Deterioration);
        assert!(
            v.sentence
                == ("The points cross the median of 64.5 days only once; with 12 useful points fewer than 3 crossings is unlikely by chance: too few crossings (Anhøj rules), which suggests a real change. From point 7 on, waits were longer: points 7 to 12 (children who reached the milestone between 07/03/2021 and 12/03/2021) sit above the median of 64.5 days. This is a shift (IHI rule: 6 or more points in a row on one side), and a deterioration."),
            "{}",
            v.sentence
        );
        let early = analyse(&ds, &settings, d(2021, 3, 3));
        let few =
            stage_chart(early.stage(StageId::AccommodatedToRecommendation), &st, &StageChartOptions::default(), "c")
                .unwrap();
        // By 03/03/2021 three children had their recommendation (01, 02 and 03 March): 59, 60 and
        // 61 days. The median is 60 and the middle point sits on it, so 2 points are useful.
        assert_eq!(
            verdict(&few.analysis),
            "Only 2 useful points: too few for the run chart rules to mean anything yet."
        );
    }

    #[test]
    fn the_card_analysis_is_the_full_analysis_without_ids() {
        let ds = rising();
        let settings = Settings::default();
        let a = analyse(&ds, &settings, d(2021, 3, 31));
        let s = a.stage(StageId::AccommodatedToRecommendation);
        let st = settings.stage(StageId::AccommodatedToRecommendation);
        // Leave R11 (70 days) out, so the shared configuration (exclusions by child id) is used.
        let opts = StageChartOptions {
            excluded: vec![ExcludedChild { child_id: "R11".into(), reason: "data entry error".into() }],
            ..StageChartOptions::default()
        };
        let full = stage_chart(s, &st, &opts, "c").unwrap().analysis;
        let card = card_analysis(s, &st, &opts).unwrap();
        // Worked by hand: 59..=69 without R11 gives a median of 64, and the eleven rising points
        // make one IHI trend over points 1 to 11 (point 12 is excluded, so it is not in it).
        assert_eq!(card.phases[0].centre, Some(64.0));
        assert_eq!(card.phases[0].ihi.as_ref().unwrap().trends, vec![[1, 11]]);
        assert_eq!(card.points[11].excluded.as_deref(), Some("data entry error"));
        // Everything else is the full chart's analysis: phases, verdict, and every point but its
        // id. The card words only what its verdict may quote, the latest finding of each rule
        // set and direction. Here each finding is the only one of its kind: the trend, too few
        // runs (2 runs about 64 among 10 useful points, below the IHI table's 3) and too few
        // crossings (1, below qbinom(0.05, 9, 0.5) = 2). So all three are worded, as in full.
        let kinds: Vec<_> = card.phases[0].findings.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [SignalKind::Trend, SignalKind::TooFewRuns, SignalKind::FewCrossings]);
        assert!(card.phases[0].findings.iter().all(|f| !f.sentence.is_empty()));
        assert_eq!((&card.phases, &card.signals, &card.notes), (&full.phases, &full.signals, &full.notes));
        assert_eq!(card.verdict, full.verdict);
        assert_eq!(card.points.len(), full.points.len());
        for (c, f) in card.points.iter().zip(&full.points) {
            assert_eq!(c.id, None);
            assert_eq!(f.id.as_deref(), Some(format!("R{:02}", f.number - 1).as_str()));
            assert_eq!(PointResultNoId(c), PointResultNoId(f));
        }
    }

    /// A point's result without its id, for comparing the card's analysis with the full one.
    #[derive(Debug)]
    struct PointResultNoId<'a>(&'a crate::runchart::PointResult);

    impl PartialEq for PointResultNoId<'_> {
        fn eq(&self, other: &Self) -> bool {
            let mut a = self.0.clone();
            a.id = other.0.id.clone();
            a == *other.0
        }
    }

    #[test]
    fn excluded_child_is_left_out_of_the_median() {
        let ds = rising();
        let settings = Settings::default();
        let a = analyse(&ds, &settings, d(2021, 3, 31));
        let s = a.stage(StageId::AccommodatedToRecommendation);
        let st = settings.stage(StageId::AccommodatedToRecommendation);
        // Median of 59..=70 is (64 + 65) / 2 = 64.5. Excluding R11 (70 days) leaves 59..=69: 64.
        let all = stage_chart(s, &st, &StageChartOptions::default(), "c").unwrap();
        assert_eq!(all.analysis.phases[0].centre, Some(64.5));
        let opts = StageChartOptions {
            excluded: vec![ExcludedChild { child_id: "R11".into(), reason: "data entry error".into() }],
            ..StageChartOptions::default()
        };
        let some = stage_chart(s, &st, &opts, "c").unwrap();
        assert_eq!(some.analysis.phases[0].centre, Some(64.0));
    }

    #[test]
    fn frozen_baseline_and_phase_dates_come_from_stage_settings() {
        let ds = rising();
        let mut settings = Settings::default();
        let st = settings.stages.get_mut(&StageId::AccommodatedToRecommendation).unwrap();
        st.baseline = Some(crate::analysis::settings::FrozenBaseline { end: None, points: Some(4) });
        st.phases = vec![crate::analysis::settings::Phase { start: d(2021, 3, 9), label: "New panel".into() }];
        let a = analyse(&ds, &settings, d(2021, 3, 31));
        let s = a.stage(StageId::AccommodatedToRecommendation);
        let chart =
            stage_chart(s, &settings.stage(StageId::AccommodatedToRecommendation), &StageChartOptions::default(), "c")
                .unwrap();
        // Points 1-8 end 01/03-08/03 (phase 1), points 9-12 end 09/03-12/03 (phase 2).
        assert_eq!(chart.analysis.phases.len(), 2);
        assert_eq!((chart.analysis.phases[0].first, chart.analysis.phases[0].last), (1, 8));
        // Phase 1 frozen on its first 4 points: 59, 60, 61, 62 -> median 60.5.
        assert_eq!(chart.analysis.phases[0].centre, Some(60.5));
        assert_eq!(chart.analysis.phases[1].label.as_deref(), Some("New panel"));
    }
}
