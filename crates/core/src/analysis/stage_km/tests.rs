//! Stage Kaplan-Meier on small hand-made cohorts. Days are counted on a calendar in the
//! comments; survival and intervals are worked by hand (z = 1.959964).

use chrono::NaiveDate;

use super::*;
use crate::analysis::{Settings, analyse};
use crate::model::{Child, Dataset, Milestone as M};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn kid(id: &str, dates: &[(M, NaiveDate)]) -> Child {
    let mut c = Child { child_id: id.into(), episode_no: 1, ..Default::default() };
    for (m, x) in dates {
        c.set_date(*m, Some(*x));
    }
    c
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Recommendation (M3) to panel (M4), target 84 days, as at 31/12/2021.
fn panel_children() -> Vec<Child> {
    let m3 = |id: &str, start: NaiveDate| kid(id, &[(M::PermanenceRecommendation, start)]);
    let mut u = kid("U", &[(M::PermanenceRecommendation, d(2021, 1, 1)), (M::CeasedLookedAfter, d(2021, 3, 1))]);
    u.destination = Some("adoption".into());
    let mut v = m3("V", d(2021, 1, 1));
    v.permanence_route = Some("home".into());
    // A kinship care order never goes to a panel (docs/domain.md#route-milestones).
    let mut y = m3("Y", d(2021, 3, 1));
    y.permanence_route = Some("kinship".into());
    vec![
        // 01/01 -> 01/02: 31 days. Event.
        kid("P", &[(M::PermanenceRecommendation, d(2021, 1, 1)), (M::PermanencePanel, d(2021, 2, 1))]),
        // 01/01 -> 02/03: Jan 31 + Feb 28 + 1 = 60. Event.
        kid("Q", &[(M::PermanenceRecommendation, d(2021, 1, 1)), (M::PermanencePanel, d(2021, 3, 2))]),
        // 01/01 -> 01/06: 31 + 28 + 31 + 30 + 31 = 151. Event.
        kid("R", &[(M::PermanenceRecommendation, d(2021, 1, 1)), (M::PermanencePanel, d(2021, 6, 1))]),
        // Waiting from 01/10: Oct 30 + Nov 30 + Dec 31 = 91. Censored.
        m3("S", d(2021, 10, 1)),
        // Waiting from 01/12: 30. Censored.
        m3("T", d(2021, 12, 1)),
        // Ceased (to adoption, not home) on 01/03 without a panel: left after Jan 31 + Feb 28 = 59.
        u,
        // Route home: out of scope with no leaving date, not counted.
        v,
        // Route never passes a panel: out of scope with no leaving day, not counted.
        y,
        // Recommendation blank, panel recorded: missing but implied, not counted.
        kid("W", &[(M::PermanencePanel, d(2021, 5, 1))]),
        // Panel before recommendation: invalid, not counted.
        kid("X", &[(M::PermanenceRecommendation, d(2021, 5, 1)), (M::PermanencePanel, d(2021, 4, 1))]),
    ]
}

fn panel_km(children: Vec<Child>) -> StageKm {
    let ds = Dataset { children, ..Default::default() };
    analyse(&ds, &Settings::default(), d(2021, 12, 31)).stage(StageId::RecommendationToPanel).km.clone()
}

#[test]
fn completed_waiting_and_left_children_by_hand() {
    let km = panel_km(panel_children());
    // Sorted: 30+ (T), 31 (P), 59+ (U), 60 (Q), 91+ (S), 151 (R).
    assert_eq!((km.n, km.events, km.censored), (6, 3, 3));
    assert_eq!((km.still_waiting, km.left_another_way, km.not_counted), (2, 1, 2));
    let rows: Vec<(f64, usize, usize, usize)> =
        km.table.iter().map(|r| (r.time, r.at_risk, r.events, r.censored)).collect();
    assert_eq!(rows, [(30., 6, 0, 1), (31., 5, 1, 0), (59., 4, 0, 1), (60., 3, 1, 0), (91., 2, 0, 1), (151., 1, 1, 0)]);
    // S(31) = 4/5; S(60) = 4/5 x 2/3 = 8/15 = 0.533; S(151) = 0.
    close(km.table[1].survival, 0.8);
    close(km.table[3].survival, 8.0 / 15.0);
    assert_eq!(km.table[5].survival, 0.0);
    // Median: the first S <= 0.5 is at 151. Lower curve at 31: 0.8 x exp(-1.96 x sqrt(1/20)) =
    // 0.8 x 0.6452 = 0.516 > 0.5; at 60: 0.5333 x exp(-1.96 x sqrt(1/20 + 1/6)) = 0.5333 x
    // 0.4016 = 0.214 -> 60. The upper curve is capped at 1 until S reaches 0: not reached.
    assert_eq!((km.median, km.median_lower, km.median_upper), (Some(151.0), Some(60.0), None));
    // Within 84 days: 1 - S(84) = 1 - 8/15 = 7/15 = 0.467. (Of the completed only, 2 of 3.)
    assert_eq!(km.target_days, Some(84));
    close(km.within_target.unwrap_or(f64::NAN), 7.0 / 15.0);
    assert_eq!(
        km.sentence(M::PermanencePanel),
        "Counting the 2 children still waiting and the 1 who left the stage another way, half of the children \
         reach the panel within 151 days (95% CI 60 to not reached); 47% within the 84-day target."
    );
}

#[test]
fn fewer_than_half_or_none_reached() {
    // P (31), S (91+), T (30+), U (59+): S(31) = 3/4 x ... at 31 three at risk (T left at 30):
    // S = 2/3 and no later event, so the median is not reached; 1 - S(84) = 1/3.
    let keep = |ids: &[&str]| panel_children().into_iter().filter(|c| ids.contains(&c.child_id.as_str())).collect();
    let km = panel_km(keep(&["P", "S", "T", "U"]));
    assert_eq!((km.n, km.events), (4, 1));
    assert_eq!(km.median, None);
    assert_eq!(
        km.sentence(M::PermanencePanel),
        "Counting the 2 children still waiting and the 1 who left the stage another way, fewer than half of the \
         children have reached the panel so far; 33% within the 84-day target."
    );
    // Only S and T, both waiting: nobody has reached it; S has waited 91 days, past the target.
    let km = panel_km(keep(&["S", "T"]));
    assert_eq!(
        km.sentence(M::PermanencePanel),
        "Counting the 2 children still waiting, none of the children has reached the panel yet; 0% within the \
         84-day target."
    );
    // Only T (30 days): nobody has been followed for 84 days, so the share is not known.
    let km = panel_km(keep(&["T"]));
    assert_eq!(km.within_target, None);
    assert_eq!(
        km.sentence(M::PermanencePanel),
        "Counting the 1 child still waiting, none of the children has reached the panel yet; no child has been \
         followed for 84 days yet, so the share within the target is not known."
    );
    // Nobody counted at all (V has no leaving date, W no start).
    let km = panel_km(keep(&["V", "W"]));
    assert_eq!((km.n, km.not_counted, km.table.len()), (0, 1, 0));
    assert_eq!(km.sentence(M::PermanencePanel), "No children in this stage can be counted yet.");
}

#[test]
fn everyone_completed_is_the_plain_median() {
    // P 31, Q 60, R 151: no censoring, S = 2/3, 1/3, 0: median 60 as the ordinary median.
    // Lower curve at 31: 2/3 x exp(-1.96 x sqrt(1/6)) = 0.667 x 0.449 = 0.300 -> 31.
    let keep = |c: &Child| ["P", "Q", "R"].contains(&c.child_id.as_str());
    let km = panel_km(panel_children().into_iter().filter(keep).collect());
    assert_eq!((km.median, km.median_lower), (Some(60.0), Some(31.0)));
    assert_eq!(
        km.sentence(M::PermanencePanel),
        "Half of the children reach the panel within 60 days (95% CI 31 to not reached); 67% within the 84-day \
         target."
    );
}

#[test]
fn aim1_accommodated_children_are_censored_on_the_day_they_left_home() {
    // CSO at home from 01/01/2019, accommodated away from home 01/03/2020: left after
    // 365 + Jan 31 + Feb 29 (2020 is a leap year) = 425 days. A second child reviewed after
    // 01/01/2019 -> 01/07/2019 = 181 days. As at 31/12/2021. The share within the 730-day target
    // is not known: the longest duration is 425 and the curve is still at 1/2 there.
    let ds = Dataset {
        children: vec![
            kid("H7", &[(M::CsoAtHomeStart, d(2019, 1, 1)), (M::LastAccommodated, d(2020, 3, 1))]),
            kid("H9", &[(M::CsoAtHomeStart, d(2019, 1, 1)), (M::CsoReview, d(2019, 7, 1))]),
        ],
        ..Default::default()
    };
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let km = &a.stage(StageId::CsoAtHomeToReview).km;
    assert_eq!((km.n, km.events, km.left_another_way), (2, 1, 1));
    let rows: Vec<(f64, usize, usize)> = km.table.iter().map(|r| (r.time, r.events, r.censored)).collect();
    assert_eq!(rows, [(181.0, 1, 0), (425.0, 0, 1)]);
    // S = 1/2 from 181 to the end of the curve: R's midpoint rule gives (181 + 425) / 2 = 303.
    assert_eq!(km.median, Some(303.0));
    assert_eq!(km.within_target, None);
    let out = &a.stage(StageId::CsoAtHomeToReview).out_of_scope.items[0];
    assert_eq!(out.left_date, Some(d(2020, 3, 1)));
}

#[test]
fn durations_feed_the_log_rank_test() {
    let ds = Dataset { children: panel_children(), ..Default::default() };
    let table = crate::analysis::StageTable::build(&ds, &Settings::default(), d(2021, 12, 31));
    let rows: Vec<u32> = (0..ds.children.len() as u32).collect();
    let all = stage_durations(&table, StageId::RecommendationToPanel, &rows);
    assert_eq!(all.observations.len(), 6);
    // P, Q, R (started 01/01) against S, T (started later): a valid two-group comparison.
    let early = stage_durations(&table, StageId::RecommendationToPanel, &[0, 1, 2]);
    let late = stage_durations(&table, StageId::RecommendationToPanel, &[3, 4]);
    assert!(crate::survival::log_rank(&[early.observations, late.observations]).is_ok());
}

#[test]
fn sentence_for_a_stuck_stage_as_on_the_dashboard() {
    // The figures of issue 17's example, set directly.
    let km = StageKm {
        n: 50,
        events: 32,
        censored: 18,
        still_waiting: 18,
        left_another_way: 0,
        not_counted: 0,
        median: Some(115.0),
        median_lower: Some(90.0),
        median_upper: Some(140.0),
        target_days: Some(84),
        within_target: Some(0.36),
        table: Vec::new(),
    };
    assert_eq!(
        km.sentence(M::PermanencePanel),
        "Counting the 18 children still waiting, half of the children reach the panel within 115 days (95% CI 90 \
         to 140); 36% within the 84-day target."
    );
    // No target (court to order): the sentence ends after the median.
    let km = StageKm { target_days: None, within_target: None, ..km };
    assert_eq!(
        km.sentence(M::OrderGranted),
        "Counting the 18 children still waiting, half of the children reach legal permanence within 115 days (95% \
         CI 90 to 140)."
    );
}
