//! The aggregate file on hand-made cohorts (every expected row written out, with the arithmetic
//! beside it), a property test over random cohorts, and reading files back.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::disclosure::{COMPLETED_RELATIONS, PAIRS, THRESHOLD, WAITING_RELATIONS, check};
use super::*;
use crate::analysis::{Settings, StageId, analyse};
use crate::demo::{self, DemoOptions};
use crate::model::{Child, Dataset, Milestone as M};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A child with a panel date and, if given, an ADM decision `days` later.
fn panel_child(id: &str, panel: NaiveDate, adm_days: Option<u64>) -> Child {
    let mut c = Child { child_id: id.into(), episode_no: 1, ..Default::default() };
    c.set_date(M::PermanencePanel, Some(panel));
    c.set_date(M::AdmDecision, adm_days.map(|n| panel + Days::new(n)));
    c
}

/// The panel to ADM cohort (target 14 days), as at 31/03/2024. Each completer's ADM decision
/// falls on the 20th of its month (panel = ADM - days).
/// - 2023-11: 5 done in [3, 5, 7, 10, 14] days: all within 14; median 7.
/// - 2023-12: nobody.
/// - 2024-01: 10 done in [1, 2, 3, 4, 5, 6, 7, 20, 30, 40]: 7 within, 3 over; median
///   (5 + 6) / 2 = 5.5.
/// - 2024-02: 3 done in [10, 20, 30].
/// - 2024-03: 6 done in [15, 16, 17, 18, 19, 100]: none within; median (17 + 18) / 2 = 17.5.
/// - Waiting: 5 from 01/01/2024 (Jan 31 + Feb 29 + Mar 30 = 90 days, over 14) and 4 from
///   25/03/2024 (6 days, within).
fn panel_cohort() -> Dataset {
    let months: [(i32, u32, &[u64]); 4] = [
        (2023, 11, &[3, 5, 7, 10, 14]),
        (2024, 1, &[1, 2, 3, 4, 5, 6, 7, 20, 30, 40]),
        (2024, 2, &[10, 20, 30]),
        (2024, 3, &[15, 16, 17, 18, 19, 100]),
    ];
    let mut children = Vec::new();
    for (y, m, days) in months {
        for &n in days {
            let panel = d(y, m, 20) - Days::new(n);
            children.push(panel_child(&format!("K{:03}", children.len()), panel, Some(n)));
        }
    }
    for k in 0..9 {
        let panel = if k < 5 { d(2024, 1, 1) } else { d(2024, 3, 25) };
        children.push(panel_child(&format!("K{:03}", children.len()), panel, None));
    }
    Dataset { children, ..Default::default() }
}

fn build(ds: &Dataset, settings: &Settings, as_at: NaiveDate) -> Aggregate {
    aggregate("Anyshire", &analyse(ds, settings, as_at), settings).expect("builds")
}

/// The CSV lines of one stage.
fn stage_lines(csv: &str, stage: StageId) -> Vec<String> {
    csv.lines().filter(|l| l.split(',').nth(1) == Some(stage.key())).map(str::to_string).collect()
}

fn panel_value(a: &Aggregate, y: i32, m: u32, measure: Measure) -> Option<Value> {
    a.value(RowStage::Stage(StageId::PanelToAdm), Month::new(y, m).unwrap(), measure)
}

#[test]
fn panel_cohort_gives_exactly_these_rows() {
    let a = build(&panel_cohort(), &Settings::default(), d(2024, 3, 31));
    let csv = a.to_csv().unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "authority,stage,period,measure,value",
            "Anyshire,_meta,2024-03,format_version,1",
            "Anyshire,_meta,2024-03,aim2_start_milestone,2",
            "Anyshire,_meta,2024-03,return_home_is_permanence,1",
            "Anyshire,_meta,2024-03,filtered,0",
        ]
    );
    let expected = "\
Anyshire,panel_to_adm,2024-03,target_days,14
Anyshire,panel_to_adm,2023-11,completed,5
Anyshire,panel_to_adm,2023-11,median_days,7
Anyshire,panel_to_adm,2023-11,within_target,5
Anyshire,panel_to_adm,2023-12,completed,0
Anyshire,panel_to_adm,2023-12,within_target,0
Anyshire,panel_to_adm,2024-01,completed,10
Anyshire,panel_to_adm,2024-01,median_days,5.5
Anyshire,panel_to_adm,2024-01,within_target,suppressed
Anyshire,panel_to_adm,2024-02,completed,suppressed
Anyshire,panel_to_adm,2024-02,median_days,suppressed
Anyshire,panel_to_adm,2024-02,within_target,suppressed
Anyshire,panel_to_adm,2024-03,completed,6
Anyshire,panel_to_adm,2024-03,median_days,17.5
Anyshire,panel_to_adm,2024-03,within_target,0
Anyshire,panel_to_adm,2024-03,waiting,9
Anyshire,panel_to_adm,2024-03,waiting_over_target,suppressed";
    assert_eq!(stage_lines(&csv, StageId::PanelToAdm), expected.lines().collect::<Vec<_>>());
    // A stage nobody has started still says nobody waits; no completed rows at all.
    assert_eq!(
        stage_lines(&csv, StageId::CsoAtHomeToReview),
        [
            "Anyshire,cso_at_home_to_review,2024-03,target_days,730",
            "Anyshire,cso_at_home_to_review,2024-03,waiting,0",
            "Anyshire,cso_at_home_to_review,2024-03,waiting_over_target,0",
        ]
    );
    assert!(check(&a.rows).is_empty());
}

#[test]
fn rule_1_counts_from_1_to_4_are_suppressed() {
    let a = build(&panel_cohort(), &Settings::default(), d(2024, 3, 31));
    // February: 3 completed.
    assert_eq!(panel_value(&a, 2024, 2, Measure::Completed), Some(Value::Suppressed));
    // The whole journey stage has no target and nobody reached it: waiting 0 is published.
    assert_eq!(
        a.value(RowStage::Stage(StageId::CourtToOrder), Month::new(2024, 3).unwrap(), Measure::Waiting),
        Some(Value::count(0))
    );
    // December: nobody completed, and 0 is published.
    assert_eq!(panel_value(&a, 2023, 12, Measure::Completed), Some(Value::count(0)));
}

#[test]
fn rule_2_the_part_of_a_suppressed_total_is_suppressed() {
    // Two children, both over the 14-day target: a published within_target of 0 beside the
    // suppressed completed count would say that every one of them was over.
    let ds = Dataset {
        children: vec![panel_child("A", d(2024, 2, 1), Some(30)), panel_child("B", d(2024, 2, 1), Some(20))],
        ..Default::default()
    };
    let a = build(&ds, &Settings::default(), d(2024, 3, 31));
    // 01/02 + 20 = 21/02 and + 30 = 02/03: one in February, one in March, neither within 14.
    assert_eq!(panel_value(&a, 2024, 2, Measure::Completed), Some(Value::Suppressed));
    assert_eq!(panel_value(&a, 2024, 2, Measure::WithinTarget), Some(Value::Suppressed));
    assert_eq!(panel_value(&a, 2024, 3, Measure::WithinTarget), Some(Value::Suppressed));
}

#[test]
fn rule_3_a_part_within_1_to_4_of_its_total_is_suppressed() {
    let a = build(&panel_cohort(), &Settings::default(), d(2024, 3, 31));
    // January: 10 completed, 7 within: 10 - 7 = 3 over target would be revealed; the total stays.
    assert_eq!(panel_value(&a, 2024, 1, Measure::Completed), Some(Value::count(10)));
    assert_eq!(panel_value(&a, 2024, 1, Measure::WithinTarget), Some(Value::Suppressed));
    // Waiting: 9, of whom 5 over target: 9 - 5 = 4 within so far would be revealed.
    assert_eq!(panel_value(&a, 2024, 3, Measure::Waiting), Some(Value::count(9)));
    assert_eq!(panel_value(&a, 2024, 3, Measure::WaitingOverTarget), Some(Value::Suppressed));
    // November: 5 of 5 within, a difference of 0: both published. March: 0 of 6, a difference of 6.
    assert_eq!(panel_value(&a, 2023, 11, Measure::WithinTarget), Some(Value::count(5)));
    assert_eq!(panel_value(&a, 2024, 3, Measure::WithinTarget), Some(Value::count(0)));
    // With a target of 30 days January has 9 within ([1..7, 20, 30]) and 1 over: still suppressed.
    let mut s = Settings::default();
    s.stages.get_mut(&StageId::PanelToAdm).unwrap().target_days = Some(30);
    let a = build(&panel_cohort(), &s, d(2024, 3, 31));
    assert_eq!(panel_value(&a, 2024, 1, Measure::WithinTarget), Some(Value::Suppressed));
    assert_eq!(panel_value(&a, 2024, 3, Measure::TargetDays), Some(Value::count(30)));
}

#[test]
fn rule_4_medians_need_five_completed() {
    let a = build(&panel_cohort(), &Settings::default(), d(2024, 3, 31));
    assert_eq!(panel_value(&a, 2023, 11, Measure::MedianDays), Some(Value::Number(7.0)));
    assert_eq!(panel_value(&a, 2024, 2, Measure::MedianDays), Some(Value::Suppressed));
    // No median row for a month nobody completed.
    assert_eq!(panel_value(&a, 2023, 12, Measure::MedianDays), None);
}

/// A child with the given recommendation, panel and ADM dates.
fn decision_child(id: usize, m3: NaiveDate, m4: Option<NaiveDate>, m5: Option<NaiveDate>) -> Child {
    let mut c = Child { child_id: format!("R{id:03}"), episode_no: 1, ..Default::default() };
    c.set_date(M::PermanenceRecommendation, Some(m3));
    c.set_date(M::PermanencePanel, m4);
    c.set_date(M::AdmDecision, m5);
    c
}

/// As at 31/03/2024:
/// - 10 recommended 05/01, panel 01/03 (56 days), ADM 10/03 (panel to ADM 9 days; aim 3: Jan 26
///   + Feb 29 + Mar 10 = 65 days).
/// - 2 recommended 05/01, ADM 10/03 (65 days) with no panel recorded.
/// - 3 recommended 02/01, panel 15/02 (Jan 29 + Feb 15 = 44 days), waiting for the ADM decision
///   (aim 3: 29 + 29 + 31 = 89 days; panel to ADM: 14 + 31 = 45 days).
/// - 10 recommended 01/02, waiting for the panel (aim 3: 29 + 30 = 59 days).
fn decision_cohort() -> Dataset {
    let mut children = Vec::new();
    let mut add = |m3, m4, m5| children.push(decision_child(children.len(), m3, m4, m5));
    for _ in 0..10 {
        add(d(2024, 1, 5), Some(d(2024, 3, 1)), Some(d(2024, 3, 10)));
    }
    for _ in 0..2 {
        add(d(2024, 1, 5), None, Some(d(2024, 3, 10)));
    }
    for _ in 0..3 {
        add(d(2024, 1, 2), Some(d(2024, 2, 15)), None);
    }
    for _ in 0..10 {
        add(d(2024, 2, 1), None, None);
    }
    Dataset { children, ..Default::default() }
}

#[test]
fn rule_5_overlapping_stages_give_up_the_supporting_stage() {
    let a = build(&decision_cohort(), &Settings::default(), d(2024, 3, 31));
    let csv = a.to_csv().unwrap();
    // Aim 3: 12 reached the ADM decision in March, 13 are waiting (10 for the panel, 3 after it).
    // Panel to ADM: 10 reached the decision in March, but 12 - 10 = 2 (the two with no panel)
    // would be revealed, so its March count goes (with its median and within target); its 3
    // waiting are small. Recommendation to panel: its 10 waiting would give away the 3 (13 - 10),
    // so they go too. Its February (3 panels) is small.
    let expected = "\
Anyshire,recommendation_to_panel,2024-03,target_days,84
Anyshire,recommendation_to_panel,2024-02,completed,suppressed
Anyshire,recommendation_to_panel,2024-02,median_days,suppressed
Anyshire,recommendation_to_panel,2024-02,within_target,suppressed
Anyshire,recommendation_to_panel,2024-03,completed,10
Anyshire,recommendation_to_panel,2024-03,median_days,56
Anyshire,recommendation_to_panel,2024-03,within_target,10
Anyshire,recommendation_to_panel,2024-03,waiting,suppressed
Anyshire,recommendation_to_panel,2024-03,waiting_over_target,suppressed
Anyshire,panel_to_adm,2024-03,target_days,14
Anyshire,panel_to_adm,2024-03,completed,suppressed
Anyshire,panel_to_adm,2024-03,median_days,suppressed
Anyshire,panel_to_adm,2024-03,within_target,suppressed
Anyshire,panel_to_adm,2024-03,waiting,suppressed
Anyshire,panel_to_adm,2024-03,waiting_over_target,suppressed
Anyshire,recommendation_to_adm,2024-03,target_days,98
Anyshire,recommendation_to_adm,2024-03,completed,12
Anyshire,recommendation_to_adm,2024-03,median_days,65
Anyshire,recommendation_to_adm,2024-03,within_target,12
Anyshire,recommendation_to_adm,2024-03,waiting,13
Anyshire,recommendation_to_adm,2024-03,waiting_over_target,0";
    let got: Vec<String> = [StageId::RecommendationToPanel, StageId::PanelToAdm, StageId::RecommendationToAdm]
        .into_iter()
        .flat_map(|s| stage_lines(&csv, s))
        .collect();
    assert_eq!(got, expected.lines().collect::<Vec<_>>());
}

#[test]
fn filters_and_settings_are_recorded_in_the_meta_rows() {
    let mut s = Settings { accommodated_start: crate::analysis::StartChoice::FirstAccommodated, ..Settings::default() };
    s.return_home_is_permanence = false;
    s.filters.teams = vec!["North".into()];
    let a = build(&panel_cohort(), &s, d(2024, 3, 31));
    let meta = |m| a.value(RowStage::Meta, Month::new(2024, 3).unwrap(), m);
    assert_eq!(meta(Measure::Aim2StartMilestone), Some(Value::count(1)));
    assert_eq!(meta(Measure::ReturnHomeIsPermanence), Some(Value::count(0)));
    assert_eq!(meta(Measure::Filtered), Some(Value::count(1)));
}

#[test]
fn authority_names_are_checked_and_formula_starts_neutralised() {
    let ds = panel_cohort();
    let s = Settings::default();
    let an = analyse(&ds, &s, d(2024, 3, 31));
    assert_eq!(aggregate("  ", &an, &s), Err(BuildError::EmptyAuthority));
    assert_eq!(aggregate("Any\nshire", &an, &s), Err(BuildError::AuthorityControlCharacter));
    let a = aggregate(" =HYPERLINK(\"x\") ", &an, &s).unwrap();
    let csv = a.to_csv().unwrap();
    assert!(csv.lines().nth(1).unwrap().starts_with("\"'=HYPERLINK(\"\"x\"\")\",_meta,"), "{csv}");
    // Read back, the name is as given (trimmed).
    assert_eq!(read_aggregate(&csv).unwrap().meta.authority, "=HYPERLINK(\"x\")");
}

/// SplitMix64, for the property test's own choices (sizes, dates, targets).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Checks the guarantees directly (not through [`check`]): counts published are 0 or at least
/// 5, a published part has a published total and differs from it by 0 or at least 5, a median is
/// published only beside at least 5 completed, overlapping stages' published counts never differ
/// from their published sum by 1 to 4; and a published figure is the true figure.
fn assert_safe(a: &Aggregate, truth: &BTreeMap<(StageId, Month), (u64, u64)>, label: &str) {
    let mut groups: BTreeMap<(RowStage, Month), BTreeMap<Measure, Value>> = BTreeMap::new();
    for r in &a.rows {
        assert!(groups.entry((r.stage, r.period)).or_default().insert(r.measure, r.value).is_none(), "{label}: twice");
    }
    for ((stage, period), g) in &groups {
        let at = format!("{label} {} {period}", stage.key());
        for (m, v) in g {
            if m.kind() == MeasureKind::Count
                && let Some(n) = v.as_count()
            {
                assert!(n == 0 || n >= THRESHOLD, "{at}: {} = {n}", m.key());
            }
        }
        for (total, part) in PAIRS {
            if let Some(p) = g.get(&part).and_then(|v| v.as_count()) {
                let t = g.get(&total).and_then(|v| v.as_count()).unwrap_or_else(|| panic!("{at}: part alone"));
                assert!(t - p == 0 || t - p >= THRESHOLD, "{at}: {t} - {p}");
            }
        }
        if g.get(&Measure::MedianDays).is_some_and(|v| !v.is_suppressed()) {
            let n = g.get(&Measure::Completed).and_then(|v| v.as_count()).unwrap_or(0);
            assert!(n >= THRESHOLD, "{at}: median beside {n} completed");
        }
        if let RowStage::Stage(s) = stage
            && let Some(&(n, within)) = truth.get(&(*s, *period))
        {
            let c = g.get(&Measure::Completed).copied();
            let linked = COMPLETED_RELATIONS.iter().any(|r| r.total == *s || r.parts.contains(s));
            if disclosure::is_small(n) {
                assert!(c.is_some_and(|v| v.is_suppressed()), "{at}: a small total goes");
            } else if !linked {
                assert!(c.is_some_and(|v| !v.is_suppressed()), "{at}: only small totals go");
            }
            assert!(c.and_then(|v| v.as_count()).is_none_or(|x| x == n), "{at}: true completed");
            let w = g.get(&Measure::WithinTarget).and_then(|v| v.as_count());
            assert!(w.is_none_or(|x| x == within), "{at}: true within");
        }
    }
}

/// Rule 5 checked directly: for each relation between overlapping stages, in each period, the
/// published total less the published parts (a missing row read as 0) is 0 or at least 5.
fn assert_relations_safe(a: &Aggregate, label: &str) {
    let mut by_period: BTreeMap<(Month, Measure), BTreeMap<StageId, Value>> = BTreeMap::new();
    for r in &a.rows {
        if let (RowStage::Stage(s), Measure::Waiting | Measure::Completed) = (r.stage, r.measure) {
            by_period.entry((r.period, r.measure)).or_default().insert(s, r.value);
        }
    }
    for ((period, measure), v) in by_period {
        let relations: &[disclosure::Relation] =
            if measure == Measure::Waiting { &WAITING_RELATIONS } else { &COMPLETED_RELATIONS };
        let published = |s: &StageId| match v.get(s) {
            None => Some(0),
            Some(x) => x.as_count(),
        };
        for r in relations {
            let Some(t) = published(&r.total) else { continue };
            let parts: u64 = r.parts.iter().filter_map(published).sum();
            let d = t.abs_diff(parts);
            assert!(d == 0 || d >= THRESHOLD, "{label} {period} {}: {} reveals {d}", measure.key(), r.total.key());
        }
    }
}

#[test]
fn property_random_cohorts_never_publish_a_small_group() {
    let mut mix = Mix(20_240_331);
    let mut suppressed = 0;
    let mut published_pairs = 0;
    for round in 0..40 {
        let children = [1, 3, 8, 20, 60, 150, 400, 1200][mix.below(8) as usize] + mix.below(10) as usize;
        let as_at = d(2019 + mix.below(7) as i32, 1 + mix.below(12) as u32, 1 + mix.below(28) as u32);
        let ds = demo::generate(DemoOptions { children, seed: mix.next(), as_at });
        let mut s = Settings::default();
        for st in s.stages.values_mut() {
            st.target_days = if mix.below(5) == 0 { None } else { Some(1 + mix.below(400) as i64) };
        }
        let an = analyse(&ds, &s, as_at);
        let a = aggregate("Anyshire", &an, &s).unwrap_or_else(|e| panic!("round {round}: {e}"));
        // The true counts, from the child-level points.
        let mut truth: BTreeMap<(StageId, Month), (u64, u64)> = BTreeMap::new();
        for st in &an.stages {
            for p in &st.points {
                let e = truth.entry((st.id, Month::of(p.end_date))).or_default();
                e.0 += 1;
                e.1 += u64::from(st.target_days.is_some_and(|t| p.days <= t));
            }
        }
        let label = format!("round {round} ({children} children, as at {as_at})");
        assert_safe(&a, &truth, &label);
        assert_relations_safe(&a, &label);
        assert!(check(&a.rows).is_empty(), "{label}");
        suppressed += a.suppressed();
        published_pairs +=
            a.rows.iter().filter(|r| r.measure == Measure::WithinTarget && !r.value.is_suppressed()).count();
        // Nothing about a child can be in the file: every cell comes from a closed vocabulary
        // (the authority, a stage id, a month, a measure, a number or "suppressed").
        let csv = a.to_csv().unwrap();
        for line in csv.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), 5, "{line}");
            assert_eq!(cells[0], "Anyshire");
            assert!(RowStage::from_key(cells[1]).is_some(), "{line}");
            assert_eq!(cells[2].len(), 7, "{line}");
            assert!(Month::parse(cells[2]).is_some_and(|m| m <= Month::of(as_at)), "{line}");
            assert!(Measure::from_key(cells[3]).is_some(), "{line}");
            assert!(cells[4] == SUPPRESSED || cells[4].parse::<f64>().is_ok(), "{line}");
        }
        // What is written reads back as the same file.
        assert_eq!(read_aggregate(&csv).as_ref(), Ok(&a), "{label}");
    }
    // The rounds exercise both sides: plenty suppressed and plenty of parts published.
    assert!(suppressed > 100 && published_pairs > 100, "{suppressed} {published_pairs}");
}

#[test]
fn months_read_and_print_as_yyyy_mm_and_step_over_the_year() {
    let m = Month::parse("2024-03").unwrap();
    assert_eq!((m.year(), m.month(), m.to_string()), (2024, 3, "2024-03".to_string()));
    for bad in ["2024-3", "2024-00", "2024-13", "24-03", "2024/03", "2024-03-01", "+024-03", "", "2024-"] {
        assert_eq!(Month::parse(bad), None, "{bad}");
    }
    assert_eq!(Month::new(2023, 12).unwrap().next(), Month::new(2024, 1).unwrap());
    let run: Vec<String> =
        Month::new(2023, 11).unwrap().through(Month::new(2024, 2).unwrap()).map(|m| m.to_string()).collect();
    assert_eq!(run, ["2023-11", "2023-12", "2024-01", "2024-02"]);
    assert_eq!(m.through(Month::new(2024, 2).unwrap()).count(), 0);
    assert_eq!(Month::of(d(2024, 2, 29)), Month::new(2024, 2).unwrap());
    // A mistyped year in the data still prints as four digits and reads back.
    let early = Month::of(d(202, 5, 1));
    assert_eq!(early.to_string(), "0202-05");
    assert_eq!(Month::parse("0202-05"), Some(early));
}
