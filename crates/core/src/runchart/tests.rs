//! Hand-checked tests of the whole analysis. Every expected value is derived in the comments
//! from the definitions in docs/runchart-rules.md, not copied from output.

use chrono::{Days, NaiveDate};

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn vals(v: &[f64]) -> Series {
    Series::from_values(v)
}

fn run(series: &Series, cfg: &RunChartConfig) -> RunChartAnalysis {
    analyse(series, cfg).expect("valid configuration")
}

fn fixed(c: f64) -> RunChartConfig {
    RunChartConfig { fixed_centre: Some(c), ..RunChartConfig::default() }
}

/// ±1 values (centre 0) whose sides form runs of the given lengths, starting above.
fn from_run_lengths(lengths: &[usize]) -> Vec<f64> {
    let mut out = Vec::new();
    for (k, &len) in lengths.iter().enumerate() {
        let v = if k % 2 == 0 { 1.0 } else { -1.0 };
        out.extend(std::iter::repeat_n(v, len));
    }
    out
}

/// ±1 values (centre 0) with exactly `r` runs in `n` points: r - 1 alternating points, then the
/// rest on the side that continues the alternation.
fn with_runs(n: usize, r: usize) -> Vec<f64> {
    (0..n).map(|i| if i.min(r - 1) % 2 == 0 { 1.0 } else { -1.0 }).collect()
}

fn ihi(p: &PhaseAnalysis) -> &IhiResult {
    p.ihi.as_ref().expect("IHI selected")
}

fn anh(p: &PhaseAnalysis) -> &AnhoejResult {
    p.anhoej.as_ref().expect("Anhøj selected")
}

#[test]
fn shift_with_on_median_points_inside_and_at_both_ends() {
    // Point:  1   2  3  4   5  6  7  8  9   10  11  12  13  14
    // Value: 10   3  4 10   2  3  4  1 10   20  21  22  23  24
    // Sorted: 1 2 3 3 4 4 10 10 10 20 21 22 23 24 -> 7th and 8th are 10 and 10: median 10.
    // On the median: points 1, 4 and 9, so n_useful = 14 - 3 = 11.
    // Useful sides: 2,3,5,6,7,8 below (6 in a row; point 4 skipped), 10..14 above (5).
    // Shift: [2, 8]; point 1 (before) and point 9 (after) are on the median and outside the range.
    // Runs 2, crossings 1, longest 6.
    let s = vals(&[10., 3., 4., 10., 2., 3., 4., 1., 10., 20., 21., 22., 23., 24.]);
    let a = run(&s, &RunChartConfig::default());
    let p = &a.phases[0];
    assert_eq!(p.median, Some(10.0));
    assert_eq!((p.n, p.n_on_centre, p.n_useful), (14, 3, 11));
    assert_eq!((p.longest_run, p.crossings), (Some(6), Some(1)));
    assert_eq!(ihi(p).shifts, vec![[2, 8]]);
    // Trend: 1 (pt 8) < 10 < 20 < 21 < 22 < 23 < 24 -> 7 rising points, [8, 14]. 2 3 4 (pts 5-7) is
    // only 3 points. The median does not matter for trends.
    assert_eq!(ihi(p).trends, vec![[8, 14]]);
    // IHI runs table n = 11: 3-10. 2 runs < 3 -> too few.
    assert_eq!(ihi(p).runs, IhiRuns { count: Some(2), lower: Some(3), upper: Some(10), covered: true, signal: true });
    // Anhøj n = 11: longest max round(log2 11 = 3.46) + 3 = 6; longest 6 is not > 6: no signal.
    // crossings min qbinom(0.05, 10, 0.5) = 2 (table 10-11: 2); 1 < 2: signal.
    assert_eq!(
        anh(p),
        &AnhoejResult {
            longest_run_max: Some(6),
            crossings_min: Some(2),
            long_run_signal: false,
            crossings_signal: true,
            signal: true
        }
    );
    let in_shift: Vec<usize> = a.points.iter().filter(|q| q.in_shift).map(|q| q.number).collect();
    assert_eq!(in_shift, vec![2, 3, 5, 6, 7, 8]);
    assert!(a.points[3].on_centre && a.points[3].side.is_none());
    // The run below the median opens the series and the later points sit above it: the values
    // went up (from 1-4 to 20-24). Lower is better, so the shift is a deterioration, as is the
    // rising trend. Nothing is useful before point 2 (point 1 is on the median); the first
    // useful point after the run is point 10 (point 9 is on the median).
    assert_eq!(a.points[1].signal, Some(Assessment::Deterioration));
    assert_eq!(a.points[12].signal, Some(Assessment::Deterioration));
    let shift = p.findings.iter().find(|f| f.kind == SignalKind::Shift).unwrap();
    assert_eq!((shift.first, shift.last, shift.rule_set), (Some(2), Some(8), RuleFamily::Ihi));
    assert_eq!(
        shift.sentence,
        "From point 10 on, values were higher: points 2 to 8 sit below the median of 10, apart from 1 point on the median, the later points mostly above it. This is a shift (IHI rule: 6 or more points in a row on one side), and a deterioration."
    );
}

#[test]
fn configurable_shift_length() {
    // Seven below then seven above a fixed centre of 0: a shift of 7 each side.
    let s = vals(&from_run_lengths(&[7, 7]));
    for (len, expect) in [(6, 2), (7, 2), (8, 0)] {
        let a = run(&s, &RunChartConfig { shift_length: len, ..fixed(0.0) });
        assert_eq!(ihi(&a.phases[0]).shifts.len(), expect, "shift length {len}");
    }
    assert_eq!(
        analyse(&s, &RunChartConfig { shift_length: 5, ..fixed(0.0) }).unwrap_err(),
        RunChartError::ShiftLength(5)
    );
    assert_eq!(
        analyse(&s, &RunChartConfig { trend_length: 8, ..fixed(0.0) }).unwrap_err(),
        RunChartError::TrendLength(8)
    );
}

#[test]
fn trend_ties_and_shared_turning_point() {
    // c(1:5, -1:-5): rising over points 1-5, falling over 5-10, sharing point 5.
    let v: Vec<f64> = (1..=5).chain((1..=5).map(|x| -x)).map(f64::from).collect();
    let a = run(&vals(&v), &RunChartConfig { rules: RuleSet::Ihi, ..RunChartConfig::default() });
    assert_eq!(ihi(&a.phases[0]).trends, vec![[1, 5], [5, 10]]);
    assert!(a.phases[0].anhoej.is_none());
    // 1 2 3 3 4 5: the repeated 3 is counted once -> 5 points, a trend over points 1-6 whose
    // sentence says repeats were counted once. 1 2 2 3 4: only 4 distinct -> no trend.
    let a = run(&vals(&[1., 2., 3., 3., 4., 5.]), &RunChartConfig::default());
    assert_eq!(ihi(&a.phases[0]).trends, vec![[1, 6]]);
    let t = a.phases[0].findings.iter().find(|f| f.kind == SignalKind::Trend).unwrap();
    assert!(
        t.sentence.contains("values grew steadily higher over 5 points, counting repeated values once"),
        "{}",
        t.sentence
    );
    assert!(a.points.iter().all(|p| p.in_trend));
    let a = run(&vals(&[1., 2., 2., 3., 4.]), &RunChartConfig::default());
    assert!(ihi(&a.phases[0]).trends.is_empty());
}

#[test]
fn all_equal_series_has_no_useful_points() {
    // Twelve 5s: median 5, every point on it, n_useful 0: no statistics, no signal.
    let a = run(&vals(&[5.0; 12]), &RunChartConfig::default());
    let p = &a.phases[0];
    assert_eq!((p.n, p.n_on_centre, p.n_useful), (12, 12, 0));
    assert_eq!((p.longest_run, p.crossings), (None, None));
    assert_eq!(
        anh(p),
        &AnhoejResult {
            longest_run_max: None,
            crossings_min: None,
            long_run_signal: false,
            crossings_signal: false,
            signal: false
        }
    );
    assert_eq!(ihi(p).runs, IhiRuns { count: None, lower: None, upper: None, covered: false, signal: false });
    assert!(ihi(p).shifts.is_empty() && ihi(p).trends.is_empty());
    assert!(!p.rules_meaningful);
    assert!(p.findings.is_empty());
    assert!(p.signals[0].starts_with("Only 0 points are off the median so far; the runs rules are not meaningful"));
}

#[test]
fn fewer_than_ten_useful_points_reports_figures_but_flags_them() {
    // 1..7: median 4 (point 4 on it), 6 useful: 3 below then 3 above.
    let a = run(&vals(&[1., 2., 3., 4., 5., 6., 7.]), &RunChartConfig::default());
    let p = &a.phases[0];
    assert_eq!((p.median, p.n_useful, p.longest_run, p.crossings), (Some(4.0), 6, Some(3), Some(1)));
    assert!(!p.rules_meaningful);
    // The table does not start until 10: not covered, no runs signal.
    assert!(!ihi(p).runs.covered && !ihi(p).runs.signal);
    // Trend figures still reported: 7 rising points.
    assert_eq!(ihi(p).trends, vec![[1, 7]]);
    // Anhøj n = 6: max round(2.58) + 3 = 6; min qbinom(0.05, 5, 0.5) = 1 (P(X <= 0) = 1/32).
    assert_eq!((anh(p).longest_run_max, anh(p).crossings_min), (Some(6), Some(1)));
    assert_eq!(
        p.signals[0],
        "Only 6 points are off the median so far; the runs rules are not meaningful until there are at least 10, so treat these figures as provisional."
    );
}

#[test]
fn runs_table_at_its_ends() {
    let ihi_only = |c| RunChartConfig { rules: RuleSet::Ihi, ..fixed(c) };
    // n = 10: limits 3-9. 3 runs (lower limit) no signal; 2 runs signal; 9 none; 10 signal.
    for (r, signal) in [(2, true), (3, false), (9, false), (10, true)] {
        let a = run(&vals(&with_runs(10, r)), &ihi_only(0.0));
        let runs = &ihi(&a.phases[0]).runs;
        assert_eq!(
            (runs.count, runs.lower, runs.upper, runs.signal),
            (Some(r), Some(3), Some(9), signal),
            "n 10, runs {r}"
        );
    }
    // n = 60: limits 24-38.
    for (r, signal) in [(23, true), (24, false), (38, false), (39, true)] {
        let a = run(&vals(&with_runs(60, r)), &ihi_only(0.0));
        let runs = &ihi(&a.phases[0]).runs;
        assert_eq!(
            (runs.count, runs.lower, runs.upper, runs.signal),
            (Some(r), Some(24), Some(38), signal),
            "n 60, runs {r}"
        );
        let kind = a.phases[0]
            .findings
            .iter()
            .find(|f| matches!(f.kind, SignalKind::TooFewRuns | SignalKind::TooManyRuns))
            .map(|f| f.kind);
        let expect = signal.then_some(if r < 24 { SignalKind::TooFewRuns } else { SignalKind::TooManyRuns });
        assert_eq!(kind, expect);
    }
    // n = 61 alternating: 61 runs, but the table stops at 60: not covered, no signal, and a
    // sentence says so.
    let a = run(&vals(&with_runs(61, 61)), &ihi_only(0.0));
    let p = &a.phases[0];
    assert_eq!(ihi(p).runs, IhiRuns { count: Some(61), lower: None, upper: None, covered: false, signal: false });
    assert!(
        p.signals
            .iter()
            .any(|s| s.starts_with("With 61 useful points the IHI runs table (10 to 60 points) does not apply"))
    );
}

#[test]
fn table_ends_with_a_real_median() {
    // 1 3 1 3 ... (10 points): five 1s and five 3s, median (1 + 3) / 2 = 2, nobody on it.
    // 10 runs > 9: too many.
    let v: Vec<f64> = (0..10).map(|i| if i % 2 == 0 { 1.0 } else { 3.0 }).collect();
    let a = run(&vals(&v), &RunChartConfig::default());
    let p = &a.phases[0];
    assert_eq!((p.median, p.n_useful), (Some(2.0), 10));
    assert!(ihi(p).runs.signal);
    assert!(p.rules_meaningful);
    assert_eq!(p.findings.iter().filter(|f| f.kind == SignalKind::TooManyRuns).count(), 1);
}

#[test]
fn anhoej_crossings_at_and_below_the_limit() {
    // n = 20: crossings min qbinom(0.05, 19, 0.5) = 6 (vignette 19-21: 6); longest max
    // round(log2 20 = 4.32) + 3 = 7.
    // Runs 3,3,3,3,3,3,2: 7 runs -> 6 crossings = limit: no signal.
    let a = run(&vals(&from_run_lengths(&[3, 3, 3, 3, 3, 3, 2])), &fixed(0.0));
    let p = &a.phases[0];
    assert_eq!((p.n_useful, p.crossings, p.longest_run), (20, Some(6), Some(3)));
    assert_eq!((anh(p).crossings_min, anh(p).longest_run_max), (Some(6), Some(7)));
    assert!(!anh(p).signal);
    // Runs 4,4,3,3,3,3: 5 crossings < 6: signal (longest 4 is fine).
    let a = run(&vals(&from_run_lengths(&[4, 4, 3, 3, 3, 3])), &fixed(0.0));
    let p = &a.phases[0];
    assert_eq!((p.crossings, p.longest_run), (Some(5), Some(4)));
    assert!(anh(p).crossings_signal && !anh(p).long_run_signal && anh(p).signal);
    let f = p.findings.iter().find(|f| f.rule_set == RuleFamily::Anhoej).unwrap();
    assert_eq!(f.kind, SignalKind::FewCrossings);
    assert!(f.sentence.contains("only 5 times; with 20 useful points fewer than 6 crossings"), "{}", f.sentence);
}

#[test]
fn anhoej_longest_run_at_and_above_the_limit() {
    // n = 20, max 7. A run of 7 then 13 single points: 14 runs, 13 crossings (>= 6).
    let a = run(&vals(&from_run_lengths(&[7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])), &fixed(0.0));
    let p = &a.phases[0];
    assert_eq!((p.n_useful, p.longest_run, p.crossings), (20, Some(7), Some(13)));
    assert!(!anh(p).signal);
    assert!(a.points.iter().all(|q| !q.in_long_run));
    // A run of 8 then 12 single points: 8 > 7, signal; the run is points 1-8 above a centre of
    // 0, a deterioration when lower is better.
    let a = run(&vals(&from_run_lengths(&[8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])), &fixed(0.0));
    let p = &a.phases[0];
    assert_eq!((p.n_useful, p.longest_run), (20, Some(8)));
    assert!(anh(p).long_run_signal && anh(p).signal);
    let f = p.findings.iter().find(|f| f.kind == SignalKind::LongRun).unwrap();
    assert_eq!((f.first, f.last, f.assessment), (Some(1), Some(8), Assessment::Deterioration));
    assert_eq!(a.points.iter().filter(|q| q.in_long_run).count(), 8);
}

#[test]
fn freeze_and_phases_together() {
    // 20 points dated 1..20 March 2021. Phase 1: points 1-12, median frozen on the first 6.
    // Phase 2 from 13 March (point 13), median frozen on its first 4.
    let v = [10., 20., 30., 40., 50., 60., 5., 6., 7., 8., 9., 1., 100., 200., 300., 400., 1., 2., 3., 4.];
    let s = Series::new(v.iter().enumerate().map(|(i, &x)| Point::dated(x, d(2021, 3, 1 + i as u32))).collect());
    let cfg = RunChartConfig {
        baseline: Baseline::FirstN(6),
        phases: vec![PhaseBreak { baseline: Baseline::FirstN(4), ..PhaseBreak::at_date(d(2021, 3, 13)) }],
        ..RunChartConfig::default()
    };
    let a = run(&s, &cfg);
    assert_eq!(a.phases.len(), 2);
    let (p1, p2) = (&a.phases[0], &a.phases[1]);
    // Phase 1 median of 10..60 = (30 + 40) / 2 = 35 (all 12 points would give (9 + 10) / 2).
    assert_eq!((p1.first, p1.last, p1.median), (1, 12, Some(35.0)));
    assert_eq!((p1.baseline.first, p1.baseline.last, p1.baseline.n, p1.baseline.extended), (1, 6, 6, true));
    // Sides: 10 20 30 below, 40 50 60 above, then 5 6 7 8 9 1 below: runs 3, 3, 6 -> shift [7, 12].
    assert_eq!((p1.n_useful, p1.longest_run, p1.crossings), (12, Some(6), Some(2)));
    assert_eq!(ihi(p1).shifts, vec![[7, 12]]);
    // Trends: 10..60 rising (points 1-6), 5..9 rising (points 7-11).
    assert_eq!(ihi(p1).trends, vec![[1, 6], [7, 11]]);
    // Phase 2 median of 100 200 300 400 = 250. Sides B B A A B B B B: runs 2, 2, 4.
    assert_eq!((p2.first, p2.last, p2.median), (13, 20, Some(250.0)));
    assert_eq!((p2.n_useful, p2.longest_run, p2.crossings), (8, Some(4), Some(2)));
    assert!(!p2.rules_meaningful);
    // No trend crosses the phase boundary: 1 (point 12) -> 100 .. 400 would be 5 rising points
    // if the phases were joined; inside phase 2 only 4 points rise.
    assert!(ihi(p2).trends.is_empty());
    let base: Vec<usize> = a.points.iter().filter(|q| q.is_baseline).map(|q| q.number).collect();
    assert_eq!(base, vec![1, 2, 3, 4, 5, 6, 13, 14, 15, 16]);
    assert!(a.points[12..].iter().all(|q| q.phase == 1 && q.centre == Some(250.0)));
    // Several phases: sentences name the phase. The shift lies after the frozen baseline, so it
    // is judged against the extended median: 5 to 9 and 1 are below 35, lower is better.
    let shift = p1.findings.iter().find(|f| f.kind == SignalKind::Shift).unwrap();
    assert_eq!(
        shift.sentence,
        "In phase 1, against the median of the baseline (points 1 to 6), 35, extended, values were lower: points 7 to 12 (dated 07/03/2021 to 12/03/2021) sit below it. This is a shift (IHI rule: 6 or more points in a row on one side), and an improvement."
    );
    assert_eq!(shift.assessment, Assessment::Improvement);
}

#[test]
fn baseline_up_to_a_date() {
    // Points dated 1..8 January; baseline up to 4 January -> values 1 2 3 4, median 2.5.
    let s = Series::new((1..=8).map(|i| Point::dated(f64::from(i), d(2022, 1, i))).collect());
    let a = run(&s, &RunChartConfig { baseline: Baseline::UpTo(d(2022, 1, 4)), ..RunChartConfig::default() });
    assert_eq!(a.phases[0].median, Some(2.5));
    assert_eq!((a.phases[0].baseline.last, a.phases[0].baseline.n), (4, 4));
    // Undated points cannot use a date baseline.
    let err = analyse(
        &vals(&[1., 2.]),
        &RunChartConfig { baseline: Baseline::UpTo(d(2022, 1, 4)), ..RunChartConfig::default() },
    )
    .unwrap_err();
    assert!(matches!(err, RunChartError::NeedsDates { point: 1, .. }));
}

#[test]
fn excluded_points_leave_the_median_and_the_rules() {
    // Point 4 (1000) excluded; the other twelve: six 1s then six 9s -> median (1 + 9) / 2 = 5.
    // Useful 12. The excluded point neither breaks the run of 1s nor counts: shift [1, 7] of 6.
    let mut v = vec![1., 1., 1., 1000., 1., 1., 1.];
    v.extend([9.0; 6]);
    let cfg = RunChartConfig {
        excluded: vec![PointNote { index: 3, note: "data entry error".into() }],
        ..RunChartConfig::default()
    };
    let a = run(&vals(&v), &cfg);
    let p = &a.phases[0];
    assert_eq!((p.median, p.n, p.n_excluded, p.n_useful), (Some(5.0), 13, 1, 12));
    assert_eq!(ihi(p).shifts, vec![[1, 7], [8, 13]]);
    let x = &a.points[3];
    assert_eq!(x.excluded.as_deref(), Some("data entry error"));
    assert!(!x.in_shift && !x.is_baseline && x.side.is_none() && x.signal.is_none());
    // A missing value is excluded automatically.
    let a = run(&vals(&[1., f64::NAN, 3.]), &RunChartConfig::default());
    assert_eq!(a.points[1].excluded.as_deref(), Some("no value"));
    assert_eq!(a.phases[0].median, Some(2.0));
    // Out of range.
    let cfg =
        RunChartConfig { excluded: vec![PointNote { index: 3, note: String::new() }], ..RunChartConfig::default() };
    assert_eq!(analyse(&vals(&[1., 2.]), &cfg).unwrap_err(), RunChartError::NoSuchPoint { what: "excluded", point: 4 });
}

#[test]
fn fixed_centre_replaces_the_median() {
    // 1..12 against a target of 100: all 12 below. Median still reported: (6 + 7) / 2 = 6.5.
    let v: Vec<f64> = (1..=12).map(f64::from).collect();
    let a = run(&vals(&v), &fixed(100.0));
    let p = &a.phases[0];
    assert_eq!((p.centre, p.median, p.centre_kind), (Some(100.0), Some(6.5), CentreKind::Fixed));
    assert_eq!(ihi(p).shifts, vec![[1, 12]]);
    // Anhøj n = 12: max round(3.58) + 3 = 7 < 12; min qbinom(0.05, 11, 0.5) = 3 > 0 crossings.
    assert!(anh(p).long_run_signal && anh(p).crossings_signal);
    assert!(a.points.iter().all(|q| !q.is_baseline));
    // A fixed centre line is a reference: all 12 below it is an improvement whenever it happens.
    assert!(
        p.findings[0]
            .sentence
            .starts_with("Against the fixed centre line of 100, values were lower: points 1 to 12 sit below it."),
        "{}",
        p.findings[0].sentence
    );
    assert_eq!(p.findings[0].assessment, Assessment::Improvement);
}

#[test]
fn even_count_median_between_integers() {
    // 1..10: median (5 + 6) / 2 = 5.5, so no point is on it: all 10 useful, 5 below, 5 above.
    let v: Vec<f64> = (1..=10).map(f64::from).collect();
    let a = run(&vals(&v), &RunChartConfig::default());
    let p = &a.phases[0];
    assert_eq!((p.median, p.n_on_centre, p.n_useful, p.crossings), (Some(5.5), 0, 10, Some(1)));
    // IHI: 2 runs < 3 (n 10); Anhøj: 1 crossing < 2.
    assert!(ihi(p).runs.signal && anh(p).crossings_signal);
}

#[test]
fn direction_decides_improvement() {
    let v = from_run_lengths(&[6, 6]); // 6 above then 6 below a centre of 0
    let cfg = RunChartConfig { direction: Direction::HigherIsBetter, rules: RuleSet::Ihi, ..fixed(0.0) };
    let a = run(&vals(&v), &cfg);
    let shifts: Vec<Assessment> =
        a.phases[0].findings.iter().filter(|f| f.kind == SignalKind::Shift).map(|f| f.assessment).collect();
    assert_eq!(shifts, vec![Assessment::Improvement, Assessment::Deterioration]);
    let cfg = RunChartConfig { direction: Direction::Neutral, ..cfg };
    let a = run(&vals(&v), &cfg);
    assert!(a.phases[0].findings.iter().all(|f| f.assessment == Assessment::Change));
    assert!(a.phases[0].findings.iter().all(|f| f.rule_set == RuleFamily::Ihi));
}

#[test]
fn astronomical_points_are_annotations() {
    let cfg = RunChartConfig {
        astronomical: vec![PointNote { index: 2, note: "court backlog".into() }],
        wording: Wording::permanence_days(),
        ..RunChartConfig::default()
    };
    let s = Series::new(vec![
        Point::dated(100., d(2021, 1, 4)),
        Point::dated(120., d(2021, 1, 5)),
        Point::dated(900., d(2021, 2, 3)),
    ]);
    let a = run(&s, &cfg);
    assert_eq!(ihi(&a.phases[0]).astronomical, vec![3]);
    assert_eq!(a.points[2].astronomical.as_deref(), Some("court backlog"));
    let f = a.phases[0].findings.iter().find(|f| f.kind == SignalKind::Astronomical).unwrap();
    assert_eq!(
        f.sentence,
        "Point 3 (the child who reached the milestone on 03/02/2021) was marked as an astronomical point (court backlog), which suggests things have got worse."
    );
}

#[test]
fn permanence_sentence_names_points_and_dates() {
    // 20 children, one every 10 days from 1 Jan 2021; days 200 for the first 13 and 100 for the
    // last 7. Median: sorted thirteen 200s above seven 100s -> 10th and 11th are both 200.
    // The 13 points at 200 are on the median; points 14-20 are 7 useful points below it.
    let s = Series::new(
        (0..20)
            .map(|i| Point::dated(if i < 13 { 200.0 } else { 100.0 }, d(2021, 1, 1) + Days::new(10 * i as u64)))
            .collect(),
    );
    let cfg = RunChartConfig { wording: Wording::permanence_days(), rules: RuleSet::Ihi, ..RunChartConfig::default() };
    let a = run(&s, &cfg);
    // Point 14 is 1 Jan + 130 days = 11/05/2021; point 20 is + 190 days = 10/07/2021.
    assert_eq!(
        a.phases[0].findings[0].sentence,
        "From point 14 on, waits were shorter: points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) sit below the median of 200 days. This is a shift (IHI rule: 6 or more points in a row on one side), and an improvement."
    );
}

#[test]
fn json_has_the_documented_keys() {
    let a = run(&vals(&[1., 2., 3., 4., 5., 6., 7., 8., 9., 10., 11.]), &RunChartConfig::default());
    let j = serde_json::to_value(&a).unwrap();
    let p = &j["phases"][0];
    for k in ["first", "last", "median", "n", "n_useful", "longest_run", "crossings", "anhoej", "ihi", "signals"] {
        assert!(p.get(k).is_some(), "missing {k}");
    }
    for k in ["longest_run_max", "crossings_min", "signal"] {
        assert!(p["anhoej"].get(k).is_some(), "missing anhoej.{k}");
    }
    assert!(p["ihi"]["shifts"].is_array() && p["ihi"]["trends"][0].is_array());
    for k in ["count", "lower", "upper", "signal"] {
        assert!(p["ihi"]["runs"].get(k).is_some(), "missing ihi.runs.{k}");
    }
    assert!(j["signals"][0].is_string());
}

/// A small deterministic generator (64-bit LCG, Knuth's constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn property_runs_equal_crossings_plus_one_and_counts_add_up() {
    let mut g = Lcg(2024);
    for case in 0..300 {
        let n = (g.next() % 120) as usize;
        let spread = 1 + g.next() % 12; // small spreads give many ties and on-median points
        let v: Vec<f64> = (0..n).map(|_| (g.next() % spread) as f64).collect();
        let excluded: Vec<PointNote> =
            (0..n).filter(|_| g.next().is_multiple_of(10)).map(|index| PointNote { index, note: "x".into() }).collect();
        let breaks: Vec<PhaseBreak> = if n > 10 && case % 3 == 0 { vec![PhaseBreak::at_index(n / 2)] } else { vec![] };
        let cfg = RunChartConfig { excluded, phases: breaks, ..RunChartConfig::default() };
        let a = run(&vals(&v), &cfg);
        for p in &a.phases {
            assert_eq!(p.n_useful + p.n_on_centre + p.n_excluded, p.n, "case {case}");
            // Independent recount of sides and crossings from the per-point flags.
            let sides: Vec<Side> = a.points[p.first - 1..p.last].iter().filter_map(|q| q.side).collect();
            assert_eq!(sides.len(), p.n_useful);
            let crossings = sides.windows(2).filter(|w| w[0] != w[1]).count();
            if p.n_useful == 0 {
                assert_eq!((p.crossings, p.longest_run, ihi(p).runs.count), (None, None, None));
                continue;
            }
            assert_eq!(p.crossings, Some(crossings), "case {case}");
            assert_eq!(ihi(p).runs.count, Some(crossings + 1), "case {case}");
            let longest = p.longest_run.unwrap();
            assert!(longest >= 1 && longest <= p.n_useful, "case {case}");
            // Every shift range starts and ends on a useful point of the phase.
            for [f, l] in &ihi(p).shifts {
                assert!(a.points[f - 1].side.is_some() && a.points[l - 1].side.is_some());
                assert!(*f >= p.first && *l <= p.last);
            }
        }
    }
}

/// 100,000 alternating values around a fixed centre: 100,000 runs, no long run. The counts are
/// exact at this size (the timing is in `hundred_thousand_points_timing`).
#[test]
fn hundred_thousand_alternating_points_give_exact_counts() {
    let v: Vec<f64> = (0..100_000).map(|i| if i % 2 == 0 { 1.0 } else { 3.0 }).collect();
    let a = run(&vals(&v), &RunChartConfig::default());
    let p = &a.phases[0];
    assert_eq!((p.median, p.n_useful, p.crossings, p.longest_run), (Some(2.0), 100_000, Some(99_999), Some(1)));
    assert_eq!(anh(p).longest_run_max, Some(20));
}

/// 100,000 points in two phases with a frozen baseline: every point is placed in its phase.
#[test]
fn hundred_thousand_points_in_two_phases_are_all_placed() {
    let (v, cfg) = large_random_series();
    let a = run(&vals(&v), &cfg);
    assert_eq!(a.phases.len(), 2);
    assert_eq!((a.phases[0].first, a.phases[0].last), (1, 50_000));
    assert_eq!((a.phases[1].first, a.phases[1].last), (50_001, 100_000));
    for p in &a.phases {
        assert_eq!((p.n, p.n_excluded), (50_000, 0));
        assert_eq!(p.n_useful + p.n_on_centre, p.n);
    }
}

/// A pseudo-random series with many ties and a drop half-way, split into two phases.
fn large_random_series() -> (Vec<f64>, RunChartConfig) {
    let mut g = Lcg(7);
    let random: Vec<f64> =
        (0..100_000).map(|i| (g.next() % 400) as f64 + if i > 50_000 { 0.0 } else { 60.0 }).collect();
    let cfg = RunChartConfig {
        phases: vec![PhaseBreak::at_index(50_000)],
        baseline: Baseline::FirstN(500),
        ..RunChartConfig::default()
    };
    (random, cfg)
}

/// Timing at 100,000 points: the fastest of a few runs (the machine is shared). Not a test of
/// correctness, and meaningless in a debug build:
/// `cargo test -p timescales-core --release --lib hundred_thousand_points_timing -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run by hand in release"]
fn hundred_thousand_points_timing() {
    let alternating: Vec<f64> = (0..100_000).map(|i| if i % 2 == 0 { 1.0 } else { 3.0 }).collect();
    let (random, cfg) = large_random_series();
    for (name, v, cfg) in [("alternating", &alternating, RunChartConfig::default()), ("random, 2 phases", &random, cfg)]
    {
        let s = vals(v);
        let best = (0..5)
            .map(|_| {
                let t = std::time::Instant::now();
                std::hint::black_box(run(&s, &cfg));
                t.elapsed()
            })
            .min()
            .unwrap();
        eprintln!("100,000 points ({name}) analysed in {best:?}");
    }
}

/// Monthly points from June 2018: point k (1-based) is dated the first of the (k-1)th month
/// after June 2018.
fn monthly(values: &[f64]) -> Series {
    Series::new(
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| Point::dated(v, d(2018, 6, 1).checked_add_months(chrono::Months::new(i as u32)).unwrap()))
            .collect(),
    )
}

fn permanence() -> RunChartConfig {
    RunChartConfig { wording: Wording::permanence_days(), ..RunChartConfig::default() }
}

#[test]
fn waits_that_tripled_after_point_7_are_a_deterioration() {
    // Waits of about 10 days for points 1-7, then about 30. Sorted: 8 9 10 10 10 11 12 | 28 29
    // 30 30 31 32 33: the 7th and 8th values are 12 and 28, so the median is 20. Points 1-7 sit
    // below it and 8-14 above: two IHI shifts. The first opens the series and the later points
    // are all above it, so from point 8 on waits were longer; the second ends the series above
    // the median: waits longer from point 8 on. Lower is better: both are deteriorations.
    let v = [10., 11., 9., 10., 12., 8., 10., 30., 31., 29., 32., 28., 30., 33.];
    let a = run(&monthly(&v), &permanence());
    let p = &a.phases[0];
    assert_eq!(p.median, Some(20.0));
    assert_eq!(ihi(p).shifts, vec![[1, 7], [8, 14]]);
    let shifts: Vec<&Signal> = p.findings.iter().filter(|f| f.kind == SignalKind::Shift).collect();
    assert!(shifts.iter().all(|f| f.assessment == Assessment::Deterioration));
    assert!(p.findings.iter().all(|f| f.assessment != Assessment::Improvement));
    // Point 1 is 01/06/2018 and point 7 is six months later, 01/12/2018.
    assert_eq!(
        shifts[0].sentence,
        "From point 8 on, waits were longer: points 1 to 7 (children who reached the milestone between 01/06/2018 and 01/12/2018) sit below the median of 20 days, the later points mostly above it. This is a shift (IHI rule: 6 or more points in a row on one side), and a deterioration."
    );
    assert_eq!(
        shifts[1].sentence,
        "From point 8 on, waits were longer: points 8 to 14 (children who reached the milestone between 01/01/2019 and 01/07/2019) sit above the median of 20 days. This is a shift (IHI rule: 6 or more points in a row on one side), and a deterioration."
    );
    // The rising stretch 8 10 30 31 (points 6 to 9) is 4 points: no trend. Anhøj (n = 14): the
    // longest run 7 is not over round(log2 14 = 3.81) + 3 = 7, but 1 crossing is under
    // qbinom(0.05, 13, 0.5) = 4 (P(X <= 3) = 378/8192 = 0.046, P(X <= 4) = 0.133): too few
    // crossings, which has no direction. The verdict follows Anhøj and takes the direction from
    // the IHI shifts, which agree: a deterioration.
    assert!(ihi(p).trends.is_empty());
    assert_eq!((anh(p).long_run_signal, anh(p).crossings_signal, anh(p).crossings_min), (false, true, Some(4)));
    assert_eq!(a.verdict.status, VerdictStatus::Deterioration);
    assert_eq!(a.verdict.follows, Some(RuleFamily::Anhoej));
}

#[test]
fn waits_that_fell_to_a_third_after_point_7_are_an_improvement() {
    // The mirror of the series above: about 30 days, then about 10. Median 20 again.
    let v = [30., 31., 29., 32., 28., 30., 33., 10., 11., 9., 10., 12., 8., 10.];
    let a = run(&monthly(&v), &permanence());
    let p = &a.phases[0];
    let shifts: Vec<&Signal> = p.findings.iter().filter(|f| f.kind == SignalKind::Shift).collect();
    assert_eq!(shifts.len(), 2);
    assert!(shifts.iter().all(|f| f.assessment == Assessment::Improvement));
    assert_eq!(
        shifts[0].sentence,
        "From point 8 on, waits were shorter: points 1 to 7 (children who reached the milestone between 01/06/2018 and 01/12/2018) sit above the median of 20 days, the later points mostly below it. This is a shift (IHI rule: 6 or more points in a row on one side), and an improvement."
    );
    assert_eq!(a.verdict.status, VerdictStatus::Improvement);
}

/// 108 points: alternating above and below for the most part (no trend in a zigzag), with a
/// stretch below (points 40-46, falling) and then above (points 47-53) in the middle.
fn long_zigzag_with_a_bump() -> Vec<f64> {
    (0..108)
        .map(|i: usize| match i {
            39..=45 => 45.0 - (i - 39) as f64,
            46..=51 => 60.0 + (i - 46) as f64,
            _ if i.is_multiple_of(2) => 60.0 + (i % 3) as f64,
            _ => 40.0 - (i % 3) as f64,
        })
        .collect()
}

#[test]
fn long_series_where_ihi_fires_and_anhoej_does_not() {
    // 54 values of 45 or less and 54 of 60 or more: the median is (45 + 60) / 2 = 52.5 and every
    // point is useful (n = 108).
    // Sides: points 1-39 alternate (20 above, 19 below), 40-46 below (7), 47-53 above (7: the
    // zigzag resumes above at point 53, value 61), 54-108 alternate (28 below, 27 above).
    // IHI: shifts [40, 46] and [47, 53]. Trends: point 39 (value 62) falls to 45 44 .. 39 over
    // points 39-46 (8 points), then rises 39 60 .. 65 over points 46-52 (7 points); 61 at point
    // 53 ends the rise.
    // The shift below: before it 20 above and 19 below, after it 34 above and 28 below: a period
    // that did not last. The shift above: after it 28 below and 27 above, before it 20 above
    // and 26 below: a period too. The falling trend is an improvement, the rising one a
    // deterioration: the picture is mixed. The runs table stops at 60 points.
    // Anhøj: longest run 7 is not over round(log2 108 = 6.75) + 3 = 10; 39 + 1 + 1 + 55 = 96
    // runs make 95 crossings, far above qbinom(0.05, 107, 0.5) (about 45): no signal.
    let a = run(&vals(&long_zigzag_with_a_bump()), &permanence());
    let p = &a.phases[0];
    assert_eq!((p.median, p.n_useful), (Some(52.5), 108));
    assert_eq!(ihi(p).shifts, vec![[40, 46], [47, 53]]);
    assert_eq!(ihi(p).trends, vec![[39, 46], [46, 52]]);
    assert_eq!((p.longest_run, p.crossings), (Some(7), Some(95)));
    assert!(!anh(p).signal && ihi(p).signal);
    let assessments: Vec<(SignalKind, Assessment)> = p.findings.iter().map(|f| (f.kind, f.assessment)).collect();
    assert_eq!(
        assessments,
        vec![
            (SignalKind::Trend, Assessment::Improvement),
            (SignalKind::Shift, Assessment::Change),
            (SignalKind::Trend, Assessment::Deterioration),
            (SignalKind::Shift, Assessment::Change),
        ]
    );
    assert_eq!(
        p.signals[0],
        "The picture is mixed: 1 signal below point to an improvement and 1 signal to a deterioration, so no single direction holds; read them in order of time."
    );
    assert_eq!(
        p.findings[1].sentence,
        "For a time, waits were shorter: points 40 to 46 sit below the median of 52.5 days; the later points do not stay below it. This is a shift (IHI rule: 6 or more points in a row on one side), a change that did not last."
    );
    assert!(p.signals.iter().any(|s| s.starts_with(
        "The rule sets disagree: the IHI rules find a signal and the Anhøj rules do not. This is common: on a series this long (108 useful points)"
    )));
    assert_eq!(a.verdict.status, VerdictStatus::NoSignal);
    assert_eq!(
        a.verdict.sentence,
        "No clear signal: the Anhøj rules find none, though the IHI rules find 4 (the two rule sets disagree, and on long series the IHI rules often fire by chance)."
    );
    // With the IHI rules alone the verdict follows them: mixed.
    let ihi_only = run(&vals(&long_zigzag_with_a_bump()), &RunChartConfig { rules: RuleSet::Ihi, ..permanence() });
    assert_eq!(ihi_only.verdict.status, VerdictStatus::Mixed);
    assert_eq!(ihi_only.verdict.follows, Some(RuleFamily::Ihi));
    assert!(!ihi_only.phases[0].signals.iter().any(|s| s.starts_with("The rule sets disagree")));
}

#[test]
fn after_a_frozen_baseline_points_below_the_extended_median_are_an_improvement() {
    // Baseline: the first 12 points alternate 28, 32 (median 30). Then eight points of 15 after
    // a change, all below the extended median: IHI shift [13, 20] and an Anhøj long run (8 >
    // round(log2 20 = 4.32) + 3 = 7), both judged against the baseline: an improvement.
    let mut v: Vec<f64> = (0..12).map(|i| if i % 2 == 0 { 28.0 } else { 32.0 }).collect();
    v.extend([15.0; 8]);
    let a = run(&vals(&v), &RunChartConfig { baseline: Baseline::FirstN(12), ..permanence() });
    let p = &a.phases[0];
    assert_eq!((p.median, p.baseline.extended), (Some(30.0), true));
    assert_eq!(ihi(p).shifts, vec![[13, 20]]);
    assert!(p.findings.iter().filter(|f| f.first.is_some()).all(|f| f.assessment == Assessment::Improvement));
    let shift = p.findings.iter().find(|f| f.kind == SignalKind::Shift).unwrap();
    assert_eq!(
        shift.sentence,
        "Against the median of the baseline (points 1 to 12), 30 days, extended, waits were shorter: points 13 to 20 sit below it. This is a shift (IHI rule: 6 or more points in a row on one side), and an improvement."
    );
    assert_eq!(a.verdict.status, VerdictStatus::Improvement);
    assert_eq!(
        a.verdict.sentence,
        "Against the median of the baseline (points 1 to 12), 30 days, extended, waits were shorter: points 13 to 20 sit below it. This is an unusually long run (Anhøj rules: 8 useful points in a row, where with 20 useful points a run longer than 7 is unlikely by chance), and an improvement."
    );
    // Without the freeze the same points end the series below the median of all 20 points
    // (sorted: eight 15s, six 28s, six 32s: the 10th and 11th are 28 and 28), from point 13 on:
    // still an improvement, now read in time.
    let plain = run(&vals(&v), &permanence());
    let shift = plain.phases[0].findings.iter().find(|f| f.kind == SignalKind::Shift).unwrap();
    assert_eq!(plain.phases[0].median, Some(28.0));
    assert!(shift.sentence.starts_with("From point 13 on, waits were shorter"), "{}", shift.sentence);
    assert_eq!(shift.assessment, Assessment::Improvement);
}

#[test]
fn verdict_only_words_the_latest_finding_of_each_rule_set_and_direction() {
    // Eight points at 5 then eight at 50: the median is (5 + 50) / 2 = 27.5, points 1-8 below
    // and 9-16 above, every point useful (n_useful 16).
    // IHI: two shifts (runs of 8 >= 6), 1-8 and 9-16, and too few runs (2, where the runs table
    // expects at least 5 with 16 useful points). Anhøj: a run longer than
    // round(log2 16) + 3 = 7 is a signal, so both runs are long runs; 1 crossing against a
    // minimum of qbinom(0.05, 15, 0.5) = 4 is too few crossings.
    let mut v = vec![5.0; 8];
    v.extend([50.0; 8]);
    let s = vals(&v);
    let every = run(&s, &RunChartConfig::default());
    let only = run(&s, &RunChartConfig { words: Words::VerdictOnly, ..RunChartConfig::default() });
    let kinds =
        |a: &RunChartAnalysis| a.phases[0].findings.iter().map(|f| (f.kind, f.first, f.last)).collect::<Vec<_>>();
    let expected = vec![
        (SignalKind::Shift, Some(1), Some(8)),
        (SignalKind::Shift, Some(9), Some(16)),
        (SignalKind::TooFewRuns, None, None),
        (SignalKind::LongRun, Some(1), Some(8)),
        (SignalKind::LongRun, Some(9), Some(16)),
        (SignalKind::FewCrossings, None, None),
    ];
    assert_eq!(kinds(&every), expected);
    assert_eq!(kinds(&only), expected);
    // Both runs tell one story, higher from point 9 on, so each pair shares its direction and
    // only the later run of each pair is worded; too few runs and too few crossings are each
    // their rule set's only finding of no direction, so they are worded too.
    let f = &every.phases[0].findings;
    assert_eq!((f[0].assessment, f[3].assessment), (f[1].assessment, f[4].assessment));
    assert_ne!(f[1].assessment, Assessment::Change);
    let worded: Vec<bool> = only.phases[0].findings.iter().map(|f| !f.sentence.is_empty()).collect();
    assert_eq!(worded, vec![false, true, true, false, true, true]);
    for (o, e) in only.phases[0].findings.iter().zip(&every.phases[0].findings) {
        assert!(o.sentence.is_empty() || o.sentence == e.sentence);
    }
    assert_eq!(only.verdict, every.verdict);
    // The unworded findings are not in the phase's sentences.
    assert_eq!(only.phases[0].signals.len(), every.phases[0].signals.len() - 2);
}

#[test]
fn verdict_only_gives_the_same_verdict_on_many_series() {
    // A fixed pseudo-random walk (a linear congruential generator) with steps of several sizes,
    // cut into phases, under each rule set, direction and centre: whatever the findings, the
    // verdict must not depend on which sentences were worded, and earlier phases word nothing.
    let mut seed: u64 = 12345;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let (mut compared, mut thinned) = (0, 0);
    for n in [12usize, 25, 60, 200, 1000] {
        for wobble in [1.0, 5.0, 40.0] {
            let mut x = 100.0;
            let values: Vec<f64> = (0..n)
                .map(|i| {
                    x += (next() - 0.5) * wobble + if i > n / 2 { 0.8 } else { 0.0 };
                    x.round()
                })
                .collect();
            let s = vals(&values);
            for rules in [RuleSet::Both, RuleSet::Ihi, RuleSet::Anhoej] {
                for direction in [Direction::LowerIsBetter, Direction::HigherIsBetter, Direction::Neutral] {
                    for phases in [vec![], vec![n / 3], vec![n / 4, n / 2]] {
                        for fixed_centre in [None, Some(100.0)] {
                            let cfg = RunChartConfig {
                                rules,
                                direction,
                                fixed_centre,
                                phases: phases
                                    .iter()
                                    .map(|&at| PhaseBreak {
                                        at: BreakAt::Index(at),
                                        baseline: Baseline::All,
                                        label: None,
                                    })
                                    .collect(),
                                ..RunChartConfig::default()
                            };
                            let every = run(&s, &cfg);
                            let only = run(&s, &RunChartConfig { words: Words::VerdictOnly, ..cfg });
                            assert_eq!(only.verdict, every.verdict, "n {n}, wobble {wobble}, {rules:?}, {direction:?}");
                            let last = only.phases.len() - 1;
                            for (k, (po, pe)) in only.phases.iter().zip(&every.phases).enumerate() {
                                assert_eq!(po.findings.len(), pe.findings.len());
                                for (o, e) in po.findings.iter().zip(&pe.findings) {
                                    assert!(o.sentence.is_empty() || (k == last && o.sentence == e.sentence));
                                }
                                assert!(po.findings.iter().filter(|f| !f.sentence.is_empty()).count() <= 6);
                            }
                            let latest = &only.phases[last].findings;
                            thinned += usize::from(latest.iter().any(|f| f.sentence.is_empty()));
                            compared += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(compared, 5 * 3 * 3 * 3 * 3 * 2);
    // The comparison means something only if many latest phases had findings left unworded.
    assert!(thinned > compared / 4, "{thinned} of {compared}");
}
