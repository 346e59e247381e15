//! The Kaplan-Meier chart of one permanence stage (docs/survival.md, "Stages"): the curve counting
//! everyone who started the stage, or one curve per group (new entrants against the backlog, or
//! any split of the children) with the log-rank result in words.
//!
//! The app and the CLI both call these, so the chart on screen is the chart in the report.

use crate::analysis::cohorts::split_rows;
use crate::analysis::{StagePoint, StageSummary, StageTable, stage_durations};
use crate::chart::{SurvivalChartSpec, SurvivalCurveSpec, TargetSpec};
use crate::dates::uk_date;
use crate::survival::sentences::log_rank_sentence;
use crate::survival::{Observation, kaplan_meier, log_rank};

/// One group's durations for a chart with several curves.
#[derive(Debug, Clone, PartialEq)]
pub struct KmGroup {
    pub name: String,
    pub observations: Vec<Observation>,
}

/// A stage's start as it reads inside a sentence: "permanence recommendation (M3)", "ADM decision
/// (M5)", "placement order".
fn milestone_in_sentence(m: impl Into<StagePoint>) -> String {
    m.into().in_sentence_with_code()
}

/// A spec with the stage's titles and target and no curves yet.
fn stage_base(summary: &StageSummary, id: &str) -> SurvivalChartSpec {
    let mut spec = SurvivalChartSpec::new(
        id,
        format!("{}: proportion still waiting, counting everyone", summary.label),
        milestone_in_sentence(summary.start_milestone),
    );
    spec.target =
        summary.target_days.zip(summary.target_label()).map(|(t, label)| TargetSpec { value: t as f64, label });
    spec
}

/// The warning docs/survival.md asks for when children who left another way are counted.
fn left_another_way_note(left: usize) -> Option<String> {
    (left > 0).then(|| {
        "Children who left the stage another way are counted only until the day they left; such exits can \
         bias the curve."
            .to_string()
    })
}

/// The stage's curve counting everyone who started it, from its `km` block, with the result in a
/// sentence ([`crate::analysis::StageKm::sentence`]). `id` must be unique on the page.
pub fn stage_km_spec(summary: &StageSummary, id: &str) -> SurvivalChartSpec {
    let km = &summary.km;
    let mut spec = stage_base(summary, id);
    spec.curves = vec![SurvivalCurveSpec { name: "All children".into(), n: km.n, table: km.table.clone() }];
    spec.sentences.push(km.sentence(summary.end_milestone));
    spec.sentences.extend(left_another_way_note(km.left_another_way));
    spec
}

/// Adds one curve per group and, with two or more groups, the log-rank result in words (or why
/// the groups cannot be compared). Durations that cannot be fitted give an empty curve.
pub fn add_groups(spec: &mut SurvivalChartSpec, groups: &[KmGroup]) {
    for g in groups {
        let fit = kaplan_meier(&g.observations).unwrap_or_default();
        spec.curves.push(SurvivalCurveSpec::from_fit(g.name.clone(), &fit));
    }
    if groups.len() > 1 {
        let obs: Vec<&[Observation]> = groups.iter().map(|g| g.observations.as_slice()).collect();
        spec.sentences.push(match log_rank(&obs) {
            Ok(lr) => log_rank_sentence(&lr),
            Err(e) => format!("The log-rank test could not be run: {e}."),
        });
    }
}

/// The stage with one curve per group of rows (any split of the children, such as a filter), with
/// the log-rank result. `rows` index `table`'s children, as [`crate::analysis::Selection`] does.
pub fn groups_km_spec(
    summary: &StageSummary,
    table: &StageTable,
    groups: &[(String, Vec<u32>)],
    id: &str,
) -> SurvivalChartSpec {
    let mut spec = stage_base(summary, id);
    let mut left = 0;
    let groups: Vec<KmGroup> = groups
        .iter()
        .map(|(name, rows)| {
            let d = stage_durations(table, summary.id, rows);
            left += d.left_another_way;
            KmGroup { name: name.clone(), observations: d.observations }
        })
        .collect();
    add_groups(&mut spec, &groups);
    spec.sentences.extend(left_another_way_note(left));
    spec
}

/// New entrants against the backlog, split at the stage's "from" date
/// (docs/domain.md#from-date-cohorts), over the same `rows` the summary was made from. `None`
/// when the stage has no from date.
pub fn cohort_km_spec(summary: &StageSummary, table: &StageTable, rows: &[u32], id: &str) -> Option<SurvivalChartSpec> {
    let from = summary.cohorts.as_ref()?.from_date;
    let (new_rows, old_rows) = split_rows(table, summary.id, rows, from);
    let groups = [
        (format!("New entrants (from {})", uk_date(from)), new_rows),
        (format!("Backlog (started before {})", uk_date(from)), old_rows),
    ];
    let mut spec = groups_km_spec(summary, table, &groups, id);
    spec.title = format!("{}: new entrants and backlog, counting everyone", summary.label);
    Some(spec)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::analysis::{Settings, StageId, analyse, analyse_table};
    use crate::chart::svg::survival_chart_svg;
    use crate::model::{Child, Dataset, Milestone as M};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn kid(id: &str, start: NaiveDate, end: Option<NaiveDate>) -> Child {
        let mut c = Child { child_id: id.into(), episode_no: 1, ..Default::default() };
        c.set_date(M::PermanenceRecommendation, Some(start));
        c.set_date(M::PermanencePanel, end);
        c
    }

    /// Recommendation (M3) to panel (M4), as at 31/12/2021: P 31 days, Q 60, R 151 (events, started
    /// 01/01/2021); S waiting 91 days (from 01/10), T waiting 30 (from 01/12).
    fn dataset() -> Dataset {
        let jan = d(2021, 1, 1);
        let children = vec![
            kid("P", jan, Some(d(2021, 2, 1))),
            kid("Q", jan, Some(d(2021, 3, 2))),
            kid("R", jan, Some(d(2021, 6, 1))),
            kid("S", d(2021, 10, 1), None),
            kid("T", d(2021, 12, 1), None),
        ];
        Dataset { children, ..Default::default() }
    }

    #[test]
    fn one_stage_gives_one_curve_with_its_sentence() {
        let a = analyse(&dataset(), &Settings::default(), d(2021, 12, 31));
        let s = a.stage(StageId::RecommendationToPanel);
        let spec = stage_km_spec(s, "km-panel");
        assert_eq!(spec.curves.len(), 1);
        assert_eq!(spec.curves[0].n, 5);
        assert_eq!(spec.start_milestone, "permanence recommendation (M3)");
        assert_eq!(spec.target.as_ref().map(|t| t.value), s.target_days.map(|t| t as f64));
        assert_eq!(spec.sentences, [s.km.sentence(M::PermanencePanel)]);
        assert!(spec.sentences[0].starts_with("Counting the 2 children still waiting"));
        let m = spec.build();
        // Times 30, 31, 60, 91, 151: censoring ticks at 30 and 91.
        let times: Vec<f64> = m.curves[0].censor_marks.iter().map(|k| k.time).collect();
        assert_eq!(times, [30.0, 91.0]);
        let svg = survival_chart_svg(&m);
        assert!(svg.contains("class=\"ts-km-curve\"") && svg.contains("Counting the 2 children still waiting"));
    }

    #[test]
    fn new_entrants_against_the_backlog_with_the_log_rank_sentence() {
        let ds = dataset();
        let mut settings = Settings::default();
        settings.stages.get_mut(&StageId::RecommendationToPanel).unwrap().from_date = Some(d(2021, 6, 1));
        let table = StageTable::build(&ds, &settings, d(2021, 12, 31));
        let a = analyse_table(&ds, &table, &settings);
        let s = a.stage(StageId::RecommendationToPanel);
        let rows: Vec<u32> = (0..ds.children.len() as u32).collect();
        let spec = cohort_km_spec(s, &table, &rows, "km-cohorts").expect("a from date");
        let names: Vec<_> = spec.curves.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["New entrants (from 01/06/2021)", "Backlog (started before 01/06/2021)"]);
        // S and T (censored only) against P, Q, R (events only).
        assert_eq!(spec.curves.iter().map(|c| c.n).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(spec.sentences.len(), 1);
        assert!(spec.sentences[0].starts_with("The difference between the groups"), "{}", spec.sentences[0]);
        let m = spec.build();
        assert_eq!(m.curves[1].style.curve, "ts-km-curve-2");
        assert!(m.curves[0].median.is_none(), "no new entrant has reached the panel");
        assert!(survival_chart_svg(&m).contains("class=\"ts-km-curve-2\""));
        // Without a from date there is no cohort chart.
        let plain = analyse(&ds, &Settings::default(), d(2021, 12, 31));
        assert!(cohort_km_spec(plain.stage(StageId::RecommendationToPanel), &table, &rows, "x").is_none());
    }

    #[test]
    fn groups_that_cannot_be_compared_say_why() {
        let mut spec = SurvivalChartSpec::new("g", "Groups", "the start");
        let only_censored = |name: &str| KmGroup { name: name.into(), observations: vec![Observation::censored(5.0)] };
        add_groups(&mut spec, &[only_censored("A"), only_censored("B")]);
        assert_eq!(spec.curves.len(), 2);
        assert!(spec.sentences[0].starts_with("The log-rank test could not be run: "), "{}", spec.sentences[0]);
    }

    #[test]
    fn initialisms_keep_their_capitals() {
        assert_eq!(milestone_in_sentence(M::AdmDecision), "ADM decision (M5)");
        assert_eq!(milestone_in_sentence(M::LastAccommodated), "last accommodated (M2)");
    }
}
