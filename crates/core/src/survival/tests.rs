//! Survival tests. Expected figures are worked by hand in the comments; the aml data and its
//! published results are R's (`survfit(Surv(time, status) ~ x, data = aml)` and `survdiff`).

use super::*;

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} is not within {tol} of {b}");
}

fn some_close(a: Option<f64>, b: f64, tol: f64) {
    match a {
        Some(a) => close(a, b, tol),
        None => panic!("expected {b}, got None"),
    }
}

/// Durations with "+" for censored, as in the survival literature: "9,13,13+".
fn obs(s: &str) -> Vec<Observation> {
    s.split(',')
        .map(|t| match t.trim().strip_suffix('+') {
            Some(c) => Observation::censored(c.parse().unwrap()),
            None => Observation::event(t.trim().parse().unwrap()),
        })
        .collect()
}

const MAINTAINED: &str = "9,13,13+,18,23,28+,31,34,45+,48,161+";
const NOT_MAINTAINED: &str = "5,5,8,8,12,16+,23,27,30,33,43,45";

#[test]
fn aml_maintained_table_by_hand() {
    let fit = kaplan_meier(&obs(MAINTAINED)).unwrap();
    assert_eq!((fit.n, fit.events, fit.censored), (11, 7, 4));
    let times: Vec<f64> = fit.table.iter().map(|r| r.time).collect();
    assert_eq!(times, [9.0, 13.0, 18.0, 23.0, 28.0, 31.0, 34.0, 45.0, 48.0, 161.0]);
    let risk: Vec<usize> = fit.table.iter().map(|r| r.at_risk).collect();
    assert_eq!(risk, [11, 10, 8, 7, 6, 5, 4, 3, 2, 1]);
    // At 13 one event and one censoring: the censored child is still at risk at 13 (10 at risk).
    assert_eq!((fit.table[1].events, fit.table[1].censored), (1, 1));
    // S(9) = 10/11 = 0.9091; S(13) = 10/11 x 9/10 = 9/11 = 0.8182; S(18) = 9/11 x 7/8 = 63/88
    // = 0.7159; S(23) = 63/88 x 6/7 = 27/44 = 0.6136; S(28) unchanged (censored only);
    // S(31) = 27/44 x 4/5 = 27/55 = 0.4909; S(34) = 27/55 x 3/4 = 81/220 = 0.3682;
    // S(48) = 81/220 x 1/2 = 81/440 = 0.1841; S(161) unchanged.
    let s: Vec<f64> = fit.table.iter().map(|r| r.survival).collect();
    let want = [10. / 11., 9. / 11., 63. / 88., 27. / 44., 27. / 44., 27. / 55., 81. / 220., 81. / 220., 81. / 440.];
    for (got, want) in s.iter().zip(want) {
        close(*got, want, 1e-12);
    }
    close(s[9], 81. / 440., 1e-12);
    // Greenwood at 9: Σ d/(n(n-d)) = 1/(11 x 10) = 0.0090909, sqrt 0.0953463, x 1.959964 =
    // 0.186875; lower = 0.909091 x exp(-0.186875) = 0.909091 x 0.829547 = 0.754134 (R: 0.754);
    // upper = 0.909091 x 1.205474 = 1.0959, capped at 1.
    some_close(fit.table[0].lower, 0.754_134, 5e-6);
    assert_eq!(fit.table[0].upper, Some(1.0));
    // At 23: 1/110 + 1/90 + 1/56 + 1/42 = 0.0090909 + 0.0111111 + 0.0178571 + 0.0238095 =
    // 0.0618687, sqrt 0.2487342, x 1.959964 = 0.487510; lower = 0.613636 x exp(-0.487510) =
    // 0.613636 x 0.614154 = 0.376867 (R: 0.377); upper = 0.613636 x 1.628257 = 0.999158
    // (R: 0.999).
    some_close(fit.table[3].lower, 0.376_867, 5e-6);
    some_close(fit.table[3].upper, 0.999_158, 5e-6);
    // The censored-only row at 28 keeps the interval of 23.
    assert_eq!((fit.table[4].lower, fit.table[4].upper), (fit.table[3].lower, fit.table[3].upper));
}

#[test]
fn aml_medians_match_r() {
    // R: Maintained median 31, 0.95LCL 18, UCL NA; Nonmaintained median 23, LCL 8, UCL NA.
    let m = kaplan_meier(&obs(MAINTAINED)).unwrap().median();
    assert_eq!(m, MedianCi { median: Some(31.0), lower: Some(18.0), upper: None });
    // Why 18: the lower curve at 13 is 0.8182 x exp(-1.96 x sqrt(0.0202020)) = 0.619 > 0.5, at
    // 18 it is 0.7159 x exp(-1.96 x sqrt(0.0380592)) = 0.488 <= 0.5. The upper curve at 48 is
    // 0.1841 x exp(1.96 x sqrt(0.695202)) = 0.944 and the curve ends censored: never 0.5.
    let n = kaplan_meier(&obs(NOT_MAINTAINED)).unwrap().median();
    assert_eq!(n, MedianCi { median: Some(23.0), lower: Some(8.0), upper: None });
    // S(12) = 10/12 x 8/10 x 7/8 = 7/12 = 0.583 > 0.5; S(23) = 7/12 x 5/6 = 35/72 = 0.486.
    // Lower curve at 5: 0.8333 x exp(-1.96 x sqrt(2/120)) = 0.647; at 8: 0.6667 x
    // exp(-1.96 x sqrt(2/120 + 2/80)) = 0.447. The upper curve is 0.620 at 43 and has no value
    // at 45, where the survival reaches 0.
}

#[test]
fn aml_log_rank_matches_survdiff() {
    // R: survdiff(Surv(time, status) ~ x, data = aml): observed 7 and 11, expected 10.69 and
    // 7.31, Chisq = 3.4 on 1 degrees of freedom, p = 0.07 (3.396, p = 0.0653).
    let lr = log_rank(&[obs(MAINTAINED), obs(NOT_MAINTAINED)]).unwrap();
    assert_eq!(lr.df, 1);
    close(lr.chisq, 3.396, 5e-4);
    close(lr.p, 0.0653, 5e-5);
    assert_eq!((lr.groups[0].observed, lr.groups[1].observed), (7, 11));
    close(lr.groups[0].expected, 10.69, 5e-3);
    close(lr.groups[1].expected, 7.31, 5e-3);
    close(lr.groups[0].expected + lr.groups[1].expected, 18.0, 1e-12);
    // The same either way round.
    let back = log_rank(&[obs(NOT_MAINTAINED), obs(MAINTAINED)]).unwrap();
    close(back.chisq, lr.chisq, 1e-12);
}

#[test]
fn proportion_within_a_time() {
    let fit = kaplan_meier(&obs(MAINTAINED)).unwrap();
    // Within 30 days: 1 - S(30) = 1 - 27/44 = 17/44 = 0.386; within 31 the event at 31 counts.
    some_close(fit.proportion_within(30.0), 17. / 44., 1e-12);
    some_close(fit.proportion_within(31.0), 1. - 27. / 55., 1e-12);
    some_close(fit.proportion_within(8.0), 0.0, 0.0);
    some_close(fit.proportion_within(161.0), 1. - 81. / 440., 1e-12);
    // Beyond the longest duration, which is censored: not known.
    assert_eq!(fit.survival_at(200.0), None);
    // The non-maintained curve reaches 0 at 45, so beyond it everyone has had the event.
    let fit = kaplan_meier(&obs(NOT_MAINTAINED)).unwrap();
    assert_eq!(fit.survival_at(1000.0), Some(0.0));
    assert_eq!(fit.table.last().map(|r| (r.survival, r.lower, r.upper)), Some((0.0, None, None)));
}

#[test]
fn events_come_before_censorings_at_the_same_time() {
    // 2, 2+, 3: at 2 all three are at risk, one event: S = 2/3. The censored child leaves after
    // 2, so at 3 one is at risk and S = 0.
    let fit = kaplan_meier(&obs("3,2+,2")).unwrap();
    let rows: Vec<(f64, usize, usize, usize)> =
        fit.table.iter().map(|r| (r.time, r.at_risk, r.events, r.censored)).collect();
    assert_eq!(rows, [(2.0, 3, 1, 1), (3.0, 1, 1, 0)]);
    close(fit.table[0].survival, 2. / 3., 1e-15);
    assert_eq!(fit.table[1].survival, 0.0);
}

#[test]
fn no_events_means_no_median() {
    let fit = kaplan_meier(&obs("4+,7+,7+")).unwrap();
    assert_eq!((fit.n, fit.events, fit.censored), (3, 0, 3));
    assert!(fit.table.iter().all(|r| r.survival == 1.0 && r.lower == Some(1.0) && r.upper == Some(1.0)));
    assert_eq!(fit.median(), MedianCi { median: None, lower: None, upper: None });
    assert_eq!(fit.proportion_within(7.0), Some(0.0));
    assert_eq!(fit.proportion_within(8.0), None);
}

#[test]
fn zero_durations_are_allowed() {
    // 0, 0+, 1: at 0 three at risk, one event: S = 2/3; at 1 one at risk, one event: S = 0.
    let fit = kaplan_meier(&obs("0,0+,1")).unwrap();
    assert_eq!(fit.table[0].time, 0.0);
    assert_eq!((fit.table[0].at_risk, fit.table[0].events, fit.table[0].censored), (3, 1, 1));
    close(fit.table[0].survival, 2. / 3., 1e-15);
    assert_eq!(fit.median().median, Some(1.0));
    // All at 0: the median is 0.
    assert_eq!(kaplan_meier(&obs("0,0")).unwrap().median().median, Some(0.0));
}

#[test]
fn empty_input_is_an_empty_fit() {
    let fit = kaplan_meier(&[]).unwrap();
    assert_eq!((fit.n, fit.events, fit.censored, fit.table.len()), (0, 0, 0, 0));
    assert_eq!(fit.median(), MedianCi { median: None, lower: None, upper: None });
    assert_eq!(fit.survival_at(1.0), None);
    assert_eq!(fit.proportion_within(1.0), None);
}

#[test]
fn median_on_a_flat_at_one_half_is_a_midpoint() {
    // No censoring, 1 2 3 4: S(2) = 0.5 exactly until 3, so the median is (2 + 3) / 2 = 2.5, the
    // ordinary median.
    assert_eq!(kaplan_meier(&obs("1,2,3,4")).unwrap().median().median, Some(2.5));
    // 1, 2, 3+, 4: S = 0.75, 0.5, 0.5, 0: the flat at 0.5 ends at 4 -> (2 + 4) / 2 = 3.
    assert_eq!(kaplan_meier(&obs("1,2,3+,4")).unwrap().median().median, Some(3.0));
    // 1, 2, 3+, 4+: the curve ends on the flat; R takes the midpoint with the last time, 4 -> 3.
    assert_eq!(kaplan_meier(&obs("1,2,3+,4+")).unwrap().median().median, Some(3.0));
    // One event: S drops from 1 to 0 at 5.
    assert_eq!(kaplan_meier(&obs("5")).unwrap().median().median, Some(5.0));
}

#[test]
fn bad_durations_are_typed_errors() {
    let e = observations(&[1.0, -2.0], &[true, false]).unwrap_err();
    assert_eq!(e, SurvivalError::NegativeDuration { position: 2, value: -2.0 });
    assert_eq!(e.to_string(), "duration 2 is -2, below zero; a duration cannot be negative");
    let e = observations(&[f64::NAN], &[true]).unwrap_err();
    assert_eq!(e, SurvivalError::NonFiniteDuration { position: 1 });
    assert_eq!(e.to_string(), "duration 1 is not a number");
    assert_eq!(
        kaplan_meier(&[Observation::event(f64::INFINITY)]).unwrap_err(),
        SurvivalError::NonFiniteDuration { position: 1 }
    );
    let e = observations(&[1.0, 2.0], &[true]).unwrap_err();
    assert_eq!(e.to_string(), "there are 2 duration(s) but 1 event flag(s); give one flag for each duration");
    assert!(log_rank(&[obs("1,2"), vec![Observation::event(-1.0)]]).is_err());
}

#[test]
fn log_rank_three_groups_by_hand() {
    // A: 1, B: 2, C: 3, all events.
    // At 1: n = 3 (1 each), d = 1: E = 1/3 each; V += d(n-d)/(n²(n-1)) n_g (n δ_gh - n_h) =
    //   1/9 x (2 on the diagonal, -1 off it).
    // At 2: n = 2 (B, C), d = 1: E_B, E_C += 1/2; V_BB, V_CC += 1/4, V_BC -= 1/4.
    // At 3: n = 1: E_C += 1, no variance.
    // O - E = (1 - 1/3, 1 - 5/6, 1 - 11/6) = (2/3, 1/6, -5/6).
    // Dropping A: V = [[17/36, -13/36], [-13/36, 17/36]], det = 120/1296 = 5/54,
    //   V⁻¹ = (3/10) [[17, 13], [13, 17]];
    //   chi = 0.3 x (17/36 - 2 x 13 x 5/36 + 17 x 25/36) = 0.3 x 312/36 = 2.6 on 2 df;
    //   p = exp(-2.6/2) = 0.272532.
    let groups = [obs("1"), obs("2"), obs("3")];
    let lr = log_rank(&groups).unwrap();
    assert_eq!(lr.df, 2);
    close(lr.chisq, 2.6, 1e-12);
    close(lr.p, (-1.3f64).exp(), 1e-12);
    close(lr.groups[2].expected, 11. / 6., 1e-12);
    // Dropping another group gives the same (with C first: dropping C works to 78/324 x 54/5).
    let lr2 = log_rank(&[obs("3"), obs("1"), obs("2")]).unwrap();
    close(lr2.chisq, 2.6, 1e-12);
}

#[test]
fn log_rank_group_with_nobody_at_risk_costs_a_degree_of_freedom() {
    // Group A is censored before any event, so it contributes nothing: the test is B against C
    // on 1 df, the same as without A (the generalised inverse of a singular V).
    let (a, b, c) = (obs("0.5+"), obs("1,2,4+"), obs("3,5,6"));
    let three = log_rank(&[a.clone(), b.clone(), c.clone()]).unwrap();
    let two = log_rank(&[b.clone(), c.clone()]).unwrap();
    assert_eq!((three.df, two.df), (1, 1));
    close(three.chisq, two.chisq, 1e-12);
    let first_last = log_rank(&[b, c, a]).unwrap();
    close(first_last.chisq, two.chisq, 1e-12);
}

#[test]
fn log_rank_needs_two_groups_and_events() {
    assert_eq!(log_rank(&[obs("1,2")]).unwrap_err(), SurvivalError::TooFewGroups { groups: 1 });
    assert_eq!(log_rank(&[obs("1,2"), vec![]]).unwrap_err(), SurvivalError::TooFewGroups { groups: 1 });
    assert_eq!(log_rank::<Vec<Observation>>(&[]).unwrap_err(), SurvivalError::TooFewGroups { groups: 0 });
    assert_eq!(log_rank(&[obs("1+,2+"), obs("3+")]).unwrap_err(), SurvivalError::NothingToCompare);
    assert_eq!(
        SurvivalError::TooFewGroups { groups: 1 }.to_string(),
        "the log-rank test needs at least two groups with durations in them, and there is 1"
    );
}

#[test]
fn durations_in_any_order_give_one_row_per_time() {
    // Worked by hand. Events 5, 2, 0.5, 5, 2 and censorings 2+, 5+, given out of order: n = 7.
    // At 0.5: 7 at risk, 1 event, S = 6/7. At 2: 6 at risk, 2 events and 1 censoring,
    // S = 6/7 x 4/6 = 4/7. At 5: 3 at risk, 2 events and 1 censoring, S = 4/7 x 1/3 = 4/21.
    let fit = kaplan_meier(&obs("5,2+,2,0.5,5+,5,2")).unwrap();
    assert_eq!((fit.n, fit.events, fit.censored), (7, 5, 2));
    let rows: Vec<(f64, usize, usize, usize)> =
        fit.table.iter().map(|r| (r.time, r.at_risk, r.events, r.censored)).collect();
    assert_eq!(rows, vec![(0.5, 7, 1, 0), (2.0, 6, 2, 1), (5.0, 3, 2, 1)]);
    close(fit.table[0].survival, 6.0 / 7.0, 1e-12);
    close(fit.table[1].survival, 4.0 / 7.0, 1e-12);
    close(fit.table[2].survival, 4.0 / 21.0, 1e-12);
}

#[test]
fn minus_zero_is_the_same_time_as_zero() {
    // An event at -0.0 and a censoring at 0: one time, 0, with 2 at risk and S = 1/2.
    let fit = kaplan_meier(&[Observation::event(-0.0), Observation::censored(0.0)]).unwrap();
    assert_eq!(fit.table.len(), 1);
    let r = &fit.table[0];
    assert_eq!((r.at_risk, r.events, r.censored, r.survival), (2, 1, 1, 0.5));
    assert!(r.time == 0.0 && r.time.is_sign_positive());
}
