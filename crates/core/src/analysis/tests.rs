//! Hand-worked tests: every expected figure below was counted on a calendar, with the arithmetic
//! in the comment beside it. Plus the partition property test over the synthetic cohort.

use chrono::{Days, NaiveDate};

use super::*;
use crate::demo::{self, DemoOptions};
use crate::model::{Child, Dataset, Milestone as M, Placement, PlacementType, SourceRow};
use table::OutOfScopeReason;

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

fn data(children: Vec<Child>) -> Dataset {
    Dataset { children, ..Default::default() }
}

fn ids(v: &[ChildId]) -> Vec<&str> {
    v.iter().map(ChildId::as_str).collect()
}

fn placement(id: &str, start: NaiveDate, end: Option<NaiveDate>, t: PlacementType) -> Placement {
    Placement {
        child_id: id.into(),
        start,
        end,
        placement_type: t,
        placement_type_raw: t.key().into(),
        carer_ref: None,
        end_reason: None,
        source: SourceRow::default(),
    }
}

/// Aim 2 cohort used by several tests; as at 31/12/2021.
fn aim2_children() -> Vec<Child> {
    vec![
        // 01/03/2021 -> 31/08/2021: Mar 30 (rest) + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 = 183.
        kid("A", &[(M::LastAccommodated, d(2021, 3, 1)), (M::PermanenceRecommendation, d(2021, 8, 31))]),
        // 01/03/2021 -> 30/08/2021: one day less = 182, exactly on target.
        kid("B", &[(M::LastAccommodated, d(2021, 3, 1)), (M::PermanenceRecommendation, d(2021, 8, 30))]),
        // 10/01/2021 -> 20/02/2021: Jan 21 (rest) + Feb 20 = 41.
        kid("C", &[(M::LastAccommodated, d(2021, 1, 10)), (M::PermanenceRecommendation, d(2021, 2, 20))]),
        // Waiting from 01/07/2021 to 31/12/2021: Jul 30 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 183.
        kid("D", &[(M::LastAccommodated, d(2021, 7, 1))]),
        // Waiting from 15/07/2021: Jul 16 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 169.
        kid("E", &[(M::LastAccommodated, d(2021, 7, 15))]),
        // Waiting from 01/11/2021: Nov 29 + Dec 31 = 60.
        kid("F", &[(M::LastAccommodated, d(2021, 11, 1))]),
    ]
}

#[test]
fn aim2_complete_and_waiting_by_hand() {
    let ds = data(aim2_children());
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let s = a.stage(StageId::AccommodatedToRecommendation);
    assert_eq!(s.target_days, Some(182));
    assert_eq!(s.in_scope, 6);
    // Complete days sorted [41, 182, 183]: median 182; type 7 q1 at h = 0.5 -> 41 + 0.5 x 141 = 111.5;
    // q3 at h = 1.5 -> 182 + 0.5 x 1 = 182.5. Within target (<= 182): C and B.
    assert_eq!(s.complete.n, 3);
    assert_eq!(s.complete.median_days, Some(182.0));
    let q = s.complete.quartiles.unwrap();
    assert_eq!((q.q1, q.q3), (111.5, 182.5));
    assert_eq!(s.complete.within_target, Some(2));
    assert!((s.complete.within_target_share.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    // Points by end date: C 20/02, B 30/08, A 31/08.
    let pts: Vec<_> = s.points.iter().map(|p| (p.child_id.as_str(), p.end_date, p.days)).collect();
    assert_eq!(pts, vec![("C", d(2021, 2, 20), 41), ("B", d(2021, 8, 30), 182), ("A", d(2021, 8, 31), 183)]);
    // Waiting: D 183 (over 182), E 169, F 60. Longest first.
    assert_eq!(s.waiting.n, 3);
    assert_eq!(s.waiting.longest_days, Some(183));
    assert_eq!(s.waiting.over_target, Some(1));
    let bars: Vec<_> = s.waiting_bars.iter().map(|b| (b.child_id.as_str(), b.days_waiting, b.over_target)).collect();
    assert_eq!(bars, vec![("D", 183, true), ("E", 169, false), ("F", 60, false)]);
    // Due within 28 days: E (169 + 28 = 197 > 182); F (60 + 28 = 88) is not.
    // E's target date: 15/07/2021 + 182 days: Jul 16 -> 31/07, +31 -> 31/08 (47), +30 -> 30/09 (77),
    // +31 -> 31/10 (108), +30 -> 30/11 (138), +31 -> 31/12 (169), +13 -> 13/01/2022 (182).
    assert_eq!(s.waiting.due_soon, Some(1));
    assert_eq!(s.waiting.due_soon_children[0].child_id, "E");
    assert_eq!(s.waiting.due_soon_children[0].target_date, d(2022, 1, 13));
    assert_eq!(s.missing_implied.n + s.out_of_scope.n + s.invalid.n, 0);
}

#[test]
fn as_at_moving_turns_waiting_into_complete() {
    // 01/03/2021 -> 31/08/2021 recommendation (183 days when complete).
    let ds =
        data(vec![kid("W", &[(M::LastAccommodated, d(2021, 3, 1)), (M::PermanenceRecommendation, d(2021, 8, 31))])]);
    let stage = |as_at| analyse(&ds, &Settings::default(), as_at).stage(StageId::AccommodatedToRecommendation).clone();
    // At 30/06/2021 the recommendation has not happened yet: Mar 30 + Apr 30 + May 31 + Jun 30 = 121 waiting.
    let s = stage(d(2021, 6, 30));
    assert_eq!((s.complete.n, s.waiting.n), (0, 1));
    assert_eq!(s.waiting_bars[0].days_waiting, 121);
    // At 30/08/2021: 182 days waiting, on target, and due to pass it within 28 days.
    let s = stage(d(2021, 8, 30));
    assert_eq!(s.waiting_bars[0].days_waiting, 182);
    assert_eq!((s.waiting.over_target, s.waiting.due_soon), (Some(0), Some(1)));
    // At 31/08/2021 it is complete in 183 days.
    let s = stage(d(2021, 8, 31));
    assert_eq!((s.complete.n, s.waiting.n), (1, 0));
    assert_eq!(s.points[0].days, 183);
    // Before the child was accommodated the stage does not concern them at all.
    let s = stage(d(2021, 2, 28));
    assert_eq!(s.in_scope, 0);
}

#[test]
fn leap_years() {
    let ds = data(vec![
        // 29/02/2020 -> 28/02/2021: 01/03/2020 -> 01/03/2021 is 365 (no 29 Feb inside), plus the
        // day from 29/02 to 01/03 = 366, less the day from 28/02/2021 to 01/03/2021 = 365.
        kid("L1", &[(M::LastAccommodated, d(2020, 2, 29)), (M::PermanenceRecommendation, d(2021, 2, 28))]),
        // 01/02/2020 -> 01/03/2020: February 2020 has 29 days = 29.
        kid("L2", &[(M::LastAccommodated, d(2020, 2, 1)), (M::PermanenceRecommendation, d(2020, 3, 1))]),
        // Aim 1: 01/03/2018 -> 01/03/2020 is two calendar years but 365 + 366 = 731 days > 730.
        kid("L3", &[(M::CsoAtHomeStart, d(2018, 3, 1)), (M::CsoReview, d(2020, 3, 1))]),
        // 01/03/2019 -> 28/02/2021: 01/03/2019 -> 01/03/2020 spans 29/02/2020 = 366, then 365 to
        // 01/03/2021, less one day = 730, exactly on target.
        kid("L4", &[(M::CsoAtHomeStart, d(2019, 3, 1)), (M::CsoReview, d(2021, 2, 28))]),
    ]);
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let s = a.stage(StageId::AccommodatedToRecommendation);
    let days: Vec<_> = s.points.iter().map(|p| (p.child_id.as_str(), p.days)).collect();
    assert_eq!(days, vec![("L2", 29), ("L1", 365)]);
    let s = a.stage(StageId::CsoAtHomeToReview);
    let days: Vec<_> = s.points.iter().map(|p| (p.child_id.as_str(), p.days)).collect();
    assert_eq!(days, vec![("L3", 731), ("L4", 730)]);
    assert_eq!(s.complete.within_target, Some(1));
}

#[test]
fn each_later_stage_by_hand() {
    // One child through the whole pathway, as at 31/12/2021.
    let c = kid(
        "P",
        &[
            (M::FirstAccommodated, d(2020, 1, 1)),
            (M::LastAccommodated, d(2021, 1, 1)),
            (M::PermanenceRecommendation, d(2021, 3, 1)),
            (M::PermanencePanel, d(2021, 5, 24)),
            (M::AdmDecision, d(2021, 6, 7)),
            (M::CourtApplication, d(2021, 9, 1)),
            (M::OrderGranted, d(2021, 12, 1)),
        ],
    );
    let ds = data(vec![c]);
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let days = |id: StageId| a.stage(id).points.first().map(|p| p.days);
    // 01/01/2021 -> 01/03/2021: Jan 31 + Feb 28 = 59.
    assert_eq!(days(StageId::AccommodatedToRecommendation), Some(59));
    // 01/03/2021 -> 24/05/2021: Mar 31 + Apr 30 + May 23 = 84: exactly 12 weeks, within target.
    assert_eq!(days(StageId::RecommendationToPanel), Some(84));
    assert_eq!(a.stage(StageId::RecommendationToPanel).complete.within_target, Some(1));
    // 24/05/2021 -> 07/06/2021: May 7 + Jun 7 = 14: the statutory 14 days, within.
    assert_eq!(days(StageId::PanelToAdm), Some(14));
    // 01/03/2021 -> 07/06/2021: 84 + 14 = 98, within aim 3's 98.
    assert_eq!(days(StageId::RecommendationToAdm), Some(98));
    // 07/06/2021 -> 01/09/2021: Jun 23 + Jul 31 + Aug 31 + 1 = 86 > 84.
    assert_eq!(days(StageId::AdmToCourt), Some(86));
    assert_eq!(a.stage(StageId::AdmToCourt).complete.within_target, Some(0));
    // 01/09/2021 -> 01/12/2021: Sep 30 + Oct 31 + Nov 30 = 91; no target.
    assert_eq!(days(StageId::CourtToOrder), Some(91));
    assert_eq!(a.stage(StageId::CourtToOrder).complete.within_target, None);
    // 01/01/2021 -> 01/12/2021: 365 - 31 (December) = 334.
    assert_eq!(days(StageId::AccommodatedToOrder), Some(334));
    assert_eq!(a.stage(StageId::CsoAtHomeToReview).in_scope, 0);

    // Switching the start to first accommodated (01/01/2020, 2020 a leap year): 366 + 59 = 425 to
    // the recommendation, 366 + 334 = 700 to the order.
    let settings = Settings { accommodated_start: StartChoice::FirstAccommodated, ..Settings::default() };
    let a = analyse(&ds, &settings, d(2021, 12, 31));
    assert_eq!(a.stage(StageId::AccommodatedToRecommendation).points[0].days, 425);
    assert_eq!(a.stage(StageId::AccommodatedToOrder).points[0].days, 700);
    assert_eq!(a.stage(StageId::AccommodatedToOrder).start_milestone, M::FirstAccommodated);
}

#[test]
fn returns_home_and_ceasing() {
    let as_at = d(2021, 12, 31);
    let mut h = kid("H", &[(M::LastAccommodated, d(2021, 1, 1)), (M::CeasedLookedAfter, d(2021, 4, 1))]);
    h.destination = Some("Home".into());
    let mut g = kid("G", &[(M::LastAccommodated, d(2021, 1, 1)), (M::CeasedLookedAfter, d(2021, 4, 1))]);
    g.destination = Some("continuing care".into());
    // Route home, recommendation made, still looked after.
    let mut k = kid("K", &[(M::LastAccommodated, d(2021, 1, 1)), (M::PermanenceRecommendation, d(2021, 3, 1))]);
    k.permanence_route = Some("home".into());
    // Route home, recommendation made, returned home (destination blank: the route says home).
    let mut j = kid(
        "J",
        &[
            (M::LastAccommodated, d(2021, 1, 1)),
            (M::PermanenceRecommendation, d(2021, 3, 1)),
            (M::CeasedLookedAfter, d(2021, 6, 1)),
        ],
    );
    j.permanence_route = Some("home".into());
    let ds = data(vec![h, g, k, j]);
    let a = analyse(&ds, &Settings::default(), as_at);

    // Aim 2: H returned home without a recorded recommendation: missing but implied by ceasing.
    // G ceased elsewhere: out of scope. K and J: complete in 59 days (Jan 31 + Feb 28).
    let s = a.stage(StageId::AccommodatedToRecommendation);
    assert_eq!((s.in_scope, s.complete.n, s.waiting.n, s.missing_implied.n, s.out_of_scope.n), (4, 2, 0, 1, 1));
    assert_eq!(s.missing_implied.items[0].child_id, "H");
    assert_eq!(s.missing_implied.items[0].missing, M::PermanenceRecommendation);
    assert_eq!(s.missing_implied.items[0].implied_by, M::CeasedLookedAfter);
    assert_eq!(
        (s.out_of_scope.items[0].child_id.as_str(), s.out_of_scope.items[0].reason),
        ("G", OutOfScopeReason::Ceased)
    );

    // Recommendation to panel: K's route is home (out of scope), J returned home (out of scope).
    let s = a.stage(StageId::RecommendationToPanel);
    let reasons: Vec<_> = s.out_of_scope.items.iter().map(|o| (o.child_id.as_str(), o.reason)).collect();
    assert_eq!(reasons, vec![("K", OutOfScopeReason::HomeRoute), ("J", OutOfScopeReason::ReturnedHome)]);
    assert_eq!(s.waiting.n, 0);

    // Whole journey: a return home is the home route's permanence. H: 01/01/2021 -> 01/04/2021 =
    // Jan 31 + Feb 28 + Mar 31 = 90; J: -> 01/06/2021 = 90 + Apr 30 + May 31 = 151. K still
    // waiting: 01/01/2021 -> 31/12/2021 = 364. G out of scope.
    let s = a.stage(StageId::AccommodatedToOrder);
    let pts: Vec<_> = s.points.iter().map(|p| (p.child_id.as_str(), p.end_date, p.days)).collect();
    assert_eq!(pts, vec![("H", d(2021, 4, 1), 90), ("J", d(2021, 6, 1), 151)]);
    assert_eq!(s.waiting_bars[0].days_waiting, 364);
    assert_eq!(s.out_of_scope.n, 1);

    // With the return-home rule switched off, H and J are out of scope for the whole journey.
    let settings = Settings { return_home_is_permanence: false, ..Settings::default() };
    let s = analyse(&ds, &settings, as_at).stage(StageId::AccommodatedToOrder).clone();
    assert_eq!((s.complete.n, s.out_of_scope.n), (0, 3));

    // Before H ceased (as at 31/03/2021) H is still waiting: Jan 31 + Feb 28 + Mar 30 = 89.
    let a = analyse(&ds, &Settings::default(), d(2021, 3, 31));
    let s = a.stage(StageId::AccommodatedToRecommendation);
    let h_bar = s.waiting_bars.iter().find(|b| b.child_id == "H").unwrap();
    assert_eq!(h_bar.days_waiting, 89);
}

#[test]
fn out_of_order_dates() {
    let as_at = d(2021, 12, 31);
    let ds = data(vec![
        // M6 before M5 (allowed): the final placement started before the ADM decision.
        // 01/06/2021 -> 01/08/2021 ADM to court: Jun 30 + Jul 31 = 61. Nothing invalid.
        kid(
            "O1",
            &[
                (M::AdmDecision, d(2021, 6, 1)),
                (M::FinalPlacement, d(2021, 3, 1)),
                (M::CourtApplication, d(2021, 8, 1)),
            ],
        ),
        // M8 before M6 (allowed, POA): 15/01/2021 -> 01/05/2021: Jan 16 + Feb 28 + Mar 31 + Apr 30 + 1 = 106.
        kid(
            "O2",
            &[
                (M::CourtApplication, d(2021, 1, 15)),
                (M::OrderGranted, d(2021, 5, 1)),
                (M::FinalPlacement, d(2021, 7, 1)),
            ],
        ),
        // M3 before M2 (pre-birth or concurrent planning): meets aim 2 in 0 days, flagged.
        kid("O3", &[(M::LastAccommodated, d(2021, 6, 1)), (M::PermanenceRecommendation, d(2021, 5, 1))]),
        // M5 before M4 (error): 10/03/2021 -> 01/03/2021 = -9.
        kid("O4", &[(M::PermanencePanel, d(2021, 3, 10)), (M::AdmDecision, d(2021, 3, 1))]),
        // Panel recorded after the as-at date but ADM before it: as at 31/12/2021 the panel has
        // not happened, so panel to ADM does not concern O5 yet (no negative duration); the
        // order problem is the quality report's. ADM to court: waiting 20/12 -> 31/12 = 11.
        Child {
            permanence_route: Some("PO".into()),
            ..kid("O5", &[(M::PermanencePanel, d(2022, 1, 10)), (M::AdmDecision, d(2021, 12, 20))])
        },
    ]);
    let a = analyse(&ds, &Settings::default(), as_at);
    assert_eq!(a.stage(StageId::AdmToCourt).points[0].days, 61);
    assert_eq!(a.stage(StageId::CourtToOrder).points[0].days, 106);
    for s in &a.stages {
        for i in &s.invalid.items {
            assert!(matches!(i.child_id.as_str(), "O4"), "{} invalid in {:?}", i.child_id, s.id);
        }
    }
    let s = a.stage(StageId::AccommodatedToRecommendation);
    assert_eq!((s.complete.n, s.invalid.n), (1, 0));
    assert_eq!((s.points[0].child_id.as_str(), s.points[0].days), ("O3", 0));
    assert!(s.points[0].recommended_before_accommodation);
    assert_eq!(ids(&s.recommended_before_accommodation), vec!["O3"]);
    assert!(s.notes()[0].starts_with("1 child was recommended for permanence before being accommodated"));
    let s = a.stage(StageId::PanelToAdm);
    let inv: Vec<_> = s.invalid.items.iter().map(|i| (i.child_id.as_str(), i.days, i.warning_only)).collect();
    assert_eq!(inv, vec![("O4", -9, false)]);
    assert_eq!(s.complete.n, 0);
    // O1 and O2 (panel blank, a later milestone recorded) are missing but implied; O5 is not there.
    assert_eq!(ids(&s.missing_implied.child_ids), vec!["O1", "O2"]);
    assert_eq!(s.in_scope, 3);
    let bars = &a.stage(StageId::AdmToCourt).waiting_bars;
    assert!(bars.iter().any(|b| b.child_id == "O5" && b.days_waiting == 11));
}

#[test]
fn missing_but_implied_is_listed_not_imputed() {
    let ds = data(vec![
        // Recommendation blank, panel recorded.
        kid("M1", &[(M::LastAccommodated, d(2021, 1, 1)), (M::PermanencePanel, d(2021, 6, 1))]),
        // Accommodated date blank, recommendation recorded.
        kid("M2", &[(M::PermanenceRecommendation, d(2021, 6, 1))]),
        // Neither a start nor anything after it: not in any stage.
        kid("M3", &[(M::FirstReferral, d(2021, 6, 1))]),
    ]);
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let s = a.stage(StageId::AccommodatedToRecommendation);
    assert_eq!(ids(&s.missing_implied.child_ids), vec!["M1", "M2"]);
    assert_eq!((s.missing_implied.start_missing, s.missing_implied.end_missing), (1, 1));
    assert_eq!(s.missing_implied.items[0].implied_by, M::PermanencePanel);
    assert_eq!(s.missing_implied.items[1].missing, M::LastAccommodated);
    assert_eq!((s.complete.n, s.waiting.n, s.in_scope), (0, 0, 2));
    // Recommendation to panel: M1's recommendation is missing but implied by the panel; M2 waits
    // for a panel: 01/06/2021 -> 31/12/2021 = Jun 29 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 213.
    let s = a.stage(StageId::RecommendationToPanel);
    assert_eq!(ids(&s.missing_implied.child_ids), vec!["M1"]);
    assert_eq!(s.waiting_bars[0].child_id, "M2");
    assert_eq!(s.waiting_bars[0].days_waiting, 213);
    // Panel to ADM: M1 is waiting for the ADM decision (from 01/06/2021, 213 days, over 14).
    let s = a.stage(StageId::PanelToAdm);
    assert_eq!((s.waiting.n, s.waiting.over_target), (1, Some(1)));
}

#[test]
fn from_date_cohorts() {
    let mut children = aim2_children();
    // Backlog child waiting from 01/02/2021: Feb 27 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31
    // + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 333.
    children.push(kid("G", &[(M::LastAccommodated, d(2021, 2, 1))]));
    let ds = data(children);
    let mut settings = Settings::default();
    settings.stages.get_mut(&StageId::AccommodatedToRecommendation).unwrap().from_date = Some(d(2021, 4, 1));
    let a = analyse(&ds, &settings, d(2021, 12, 31));
    let s = a.stage(StageId::AccommodatedToRecommendation);
    let c = s.cohorts.as_ref().expect("from date set");
    // New entrants (start on or after 01/04/2021): D, E, F, all waiting.
    assert_eq!((c.new_entrants.in_scope, c.new_entrants.complete.n, c.new_entrants.waiting.n), (3, 0, 3));
    // Backlog: A, B, C, G started before; G still waiting 333 days; A (31/08) and B (30/08)
    // completed after the from date, C (20/02) before it.
    assert_eq!(c.backlog.started_before, 4);
    assert_eq!(c.backlog.waiting.n, 1);
    assert_eq!(c.backlog.waiting_bars[0].child_id, "G");
    assert_eq!(c.backlog.waiting_bars[0].days_waiting, 333);
    assert_eq!(c.backlog.cleared_since_from, 2);
    // The overall figures still cover everyone; other stages have no cohorts.
    assert_eq!(s.in_scope, 7);
    assert!(a.stage(StageId::PanelToAdm).cohorts.is_none());
}

#[test]
fn every_filter() {
    let mut p1 = kid("P1", &[(M::LastAccommodated, d(2021, 2, 28))]);
    p1.team = Some("North".into());
    p1.placement_type_at_start = Some(PlacementType::Kinship);
    p1.placement_type = Some(PlacementType::FosterLa);
    p1.permanence_route = Some("PO".into());
    p1.date_of_birth = Some(d(2020, 2, 29)); // 28/02/2021: not yet 1 -> under 1
    p1.sibling_group = Some("SG1".into());
    let mut p2 = kid("P2", &[(M::LastAccommodated, d(2021, 3, 1))]);
    p2.team = Some("south".into());
    p2.placement_type_at_start = Some(PlacementType::FosterLa);
    p2.placement_type = Some(PlacementType::FosterLa);
    p2.permanence_route = Some("POA".into());
    p2.date_of_birth = Some(d(2020, 2, 29)); // 01/03/2021: 1 -> 1 to 4
    let mut p3 = kid("P3", &[(M::LastAccommodated, d(2021, 6, 1))]);
    p3.team = Some("NORTH".into());
    p3.placement_type_at_start = Some(PlacementType::Residential);
    p3.placement_type = Some(PlacementType::Residential);
    p3.permanence_route = Some("home".into());
    p3.date_of_birth = Some(d(2009, 6, 1)); // 12th birthday on 01/06/2021 -> 12 plus
    p3.sibling_group = Some("SG2".into());
    // P4's placement types come from the placements sheet: kinship covers 01/01/2021, foster
    // (purchased) is open at the as-at date.
    let mut p4 = kid("P4", &[(M::LastAccommodated, d(2021, 1, 1))]);
    p4.team = Some("West".into());
    p4.date_of_birth = Some(d(2009, 6, 2)); // 11 on 01/01/2021 -> 5 to 11
    let p5 = kid("P5", &[(M::LastAccommodated, d(2021, 9, 1))]);
    let mut ds = data(vec![p1, p2, p3, p4, p5]);
    ds.placements = vec![
        placement("P4", d(2021, 1, 1), Some(d(2021, 5, 1)), PlacementType::Kinship),
        placement("P4", d(2021, 5, 1), None, PlacementType::FosterPurchased),
    ];
    let as_at = d(2021, 12, 31);
    let who = |f: Filters| -> Vec<String> {
        let settings = Settings { filters: f, ..Settings::default() };
        let a = analyse(&ds, &settings, as_at);
        let mut v: Vec<String> = a
            .stage(StageId::AccommodatedToRecommendation)
            .waiting_bars
            .iter()
            .map(|b| b.child_id.to_string())
            .collect();
        v.sort();
        v
    };
    let f = Filters::default;
    assert_eq!(who(f()), ["P1", "P2", "P3", "P4", "P5"]);
    assert_eq!(who(Filters { teams: vec!["north".into()], ..f() }), ["P1", "P3"]);
    assert_eq!(who(Filters { placement_at_start: vec![PlacementType::Kinship], ..f() }), ["P1", "P4"]);
    assert_eq!(who(Filters { placement_now: vec![PlacementType::FosterLa], ..f() }), ["P1", "P2"]);
    assert_eq!(who(Filters { placement_now: vec![PlacementType::FosterPurchased], ..f() }), ["P4"]);
    assert_eq!(who(Filters { routes: vec!["po".into()], ..f() }), ["P1"]);
    assert_eq!(who(Filters { routes: vec!["po".into(), "Home".into()], ..f() }), ["P1", "P3"]);
    assert_eq!(who(Filters { age_bands: vec![AgeBand::Under1], ..f() }), ["P1"]);
    assert_eq!(who(Filters { age_bands: vec![AgeBand::From1To4], ..f() }), ["P2"]);
    assert_eq!(who(Filters { age_bands: vec![AgeBand::From5To11], ..f() }), ["P4"]);
    assert_eq!(who(Filters { age_bands: vec![AgeBand::From12], ..f() }), ["P3"]);
    assert_eq!(who(Filters { sibling: SiblingFilter::InGroup, ..f() }), ["P1", "P3"]);
    assert_eq!(who(Filters { sibling: SiblingFilter::NotInGroup, ..f() }), ["P2", "P4", "P5"]);
    assert_eq!(who(Filters { sibling_groups: vec!["SG2".into()], ..f() }), ["P3"]);
    assert_eq!(who(Filters { start_from: Some(d(2021, 3, 1)), start_to: Some(d(2021, 6, 1)), ..f() }), ["P2", "P3"]);
    // Filters combine with AND.
    assert_eq!(who(Filters { teams: vec!["north".into()], age_bands: vec![AgeBand::Under1], ..f() }), ["P1"]);
    assert_eq!(
        who(Filters {
            teams: vec!["north".into()],
            sibling_groups: vec!["SG1".into()],
            routes: vec!["home".into()],
            ..f()
        }),
        Vec::<String>::new()
    );
    let settings = Settings { filters: Filters { teams: vec!["north".into()], ..f() }, ..Settings::default() };
    let a = analyse(&ds, &settings, as_at);
    assert_eq!((a.children, a.children_after_filters), (5, 2));
}

#[test]
fn ties_and_even_quartiles() {
    let panel = d(2021, 1, 1);
    let ds = data(vec![
        // Panel 01/01/2021 to ADM: 11/01 = 10 days, 21/01 = 20, 31/01 = 30, 10/02 = Jan 30 + Feb 10 = 40.
        kid("C10", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 1, 21))]),
        kid("C2", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 1, 21))]),
        kid("Z1", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 1, 11))]),
        kid("B5", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 1, 21))]),
        kid("A9", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 2, 10))]),
    ]);
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let s = a.stage(StageId::PanelToAdm);
    // End date order, ties (21/01) by child id as text: "B5" < "C10" < "C2".
    let order: Vec<_> = s.points.iter().map(|p| p.child_id.as_str()).collect();
    assert_eq!(order, ["Z1", "B5", "C10", "C2", "A9"]);
    // Odd n = 5, days [10, 20, 20, 20, 40]: q1 = x[1] = 20, median = x[2] = 20, q3 = x[3] = 20.
    assert_eq!(s.complete.quartiles.unwrap(), stage_summary::Quartiles { q1: 20.0, median: 20.0, q3: 20.0 });
    // Within 14 days: only Z1 (10).
    assert_eq!(s.complete.within_target, Some(1));

    // Even n = 4 with distinct values 10, 20, 30, 40 (ADM 31/01/2021 = 30 days).
    let ds = data(vec![
        kid("Q1", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 1, 11))]),
        kid("Q2", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 1, 21))]),
        kid("Q3", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 1, 31))]),
        kid("Q4", &[(M::PermanencePanel, panel), (M::AdmDecision, d(2021, 2, 10))]),
    ]);
    let s = analyse(&ds, &Settings::default(), d(2021, 12, 31)).stage(StageId::PanelToAdm).clone();
    // h = 3p: q1 at 0.75 -> 17.5, median at 1.5 -> 25, q3 at 2.25 -> 32.5.
    assert_eq!(s.complete.quartiles.unwrap(), stage_summary::Quartiles { q1: 17.5, median: 25.0, q3: 32.5 });
    assert_eq!(s.complete.median_days, Some(25.0));
    assert_eq!(s.complete.within_target_share, Some(0.25));
}

#[test]
fn aim1_list() {
    let as_at = d(2021, 12, 31);
    let ds = data(vec![
        // 01/06/2020 -> 31/12/2021: 2020 Jun 29 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31
        // = 213, + 365 = 578. Two years (730 days, no 29 Feb between) on 01/06/2022.
        kid("H1", &[(M::CsoAtHomeStart, d(2020, 6, 1))]),
        // 01/07/2020: 213 - 30 + 365 = 548, exactly 18 months' alert point: listed.
        kid("H2", &[(M::CsoAtHomeStart, d(2020, 7, 1))]),
        // 02/07/2020: 547, not yet listed.
        kid("H3", &[(M::CsoAtHomeStart, d(2020, 7, 2))]),
        // 01/01/2019: 364 (rest of 2019) + 366 + 365 = 1095, over. 730 days on: 01/01/2019 + 365 =
        // 01/01/2020, + 365 = 31/12/2020 (2020 has 366 days).
        kid("H4", &[(M::CsoAtHomeStart, d(2019, 1, 1))]),
        // Reviewed, and ceased: not listed.
        kid("H5", &[(M::CsoAtHomeStart, d(2019, 1, 1)), (M::CsoReview, d(2020, 6, 1))]),
        kid("H6", &[(M::CsoAtHomeStart, d(2019, 1, 1)), (M::CeasedLookedAfter, d(2020, 2, 1))]),
        // Accommodated away from home after the CSO start, never reviewed: no longer at home.
        kid("H7", &[(M::CsoAtHomeStart, d(2019, 1, 1)), (M::LastAccommodated, d(2020, 3, 1))]),
        // Accommodated before the CSO at home started (returned home on a CSO): still counts.
        kid("H8", &[(M::LastAccommodated, d(2018, 1, 1)), (M::CsoAtHomeStart, d(2019, 1, 2))]),
    ]);
    let a = analyse(&ds, &Settings::default(), as_at);
    assert!(a.aim1.has_cso_data);
    let list: Vec<_> =
        a.aim1.children.iter().map(|c| (c.child_id.as_str(), c.days_on_cso, c.target_date, c.over_target)).collect();
    assert_eq!(
        list,
        vec![
            ("H4", 1095, Some(d(2020, 12, 31)), true),
            // 02/01/2019: one day less than H4 = 1094; 730 days on = 01/01/2021.
            ("H8", 1094, Some(d(2021, 1, 1)), true),
            ("H1", 578, Some(d(2022, 6, 1)), false),
            ("H2", 548, Some(d(2022, 7, 1)), false),
        ]
    );
    let s = a.stage(StageId::CsoAtHomeToReview);
    assert_eq!(s.waiting.at_or_over_alert, Some(4));
    let out: Vec<_> = s.out_of_scope.items.iter().map(|o| (o.child_id.as_str(), o.reason)).collect();
    assert_eq!(out, vec![("H6", OutOfScopeReason::Ceased), ("H7", OutOfScopeReason::Accommodated)]);
    // No CSO data at all: say so rather than an empty list.
    let a = analyse(&data(aim2_children()), &Settings::default(), as_at);
    assert!(!a.aim1.has_cso_data);
}

#[test]
fn delay_report() {
    let full = |id: &str, m3: NaiveDate, m4, m5, m7, m8| {
        kid(
            id,
            &[
                (M::LastAccommodated, d(2020, 1, 1)),
                (M::PermanenceRecommendation, m3),
                (M::PermanencePanel, m4),
                (M::AdmDecision, m5),
                (M::CourtApplication, m7),
                (M::OrderGranted, m8),
            ],
        )
    };
    let ds = data(vec![
        // Waiting since the panel on 01/05/2021: May 30 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31
        // + Nov 30 + Dec 31 = 244. Its recommendation took 01/01 -> 01/03/2021 = 59 days.
        kid(
            "X1",
            &[
                (M::LastAccommodated, d(2021, 1, 1)),
                (M::PermanenceRecommendation, d(2021, 3, 1)),
                (M::PermanencePanel, d(2021, 5, 1)),
            ],
        ),
        // Accommodated 01/12/2021: 30 days (at home on a CSO before that: the later date wins).
        kid("X2", &[(M::CsoAtHomeStart, d(2021, 6, 1)), (M::LastAccommodated, d(2021, 12, 1))]),
        // At home, CSO reviewed: not waiting on a measured stage.
        kid("X5", &[(M::CsoAtHomeStart, d(2019, 6, 1)), (M::CsoReview, d(2021, 5, 1))]),
        // At home, not yet reviewed: 01/12/2020 -> 31/12/2020 = 30, + 365 (2021) = 395.
        kid("X6", &[(M::CsoAtHomeStart, d(2020, 12, 1))]),
        // Legal permanence. Recommendation: 01/01/2020 -> 01/04/2020 = 31 + 29 + 31 = 91; court to
        // order 01/06/2020 -> 01/12/2020 = 30 + 31 + 31 + 30 + 31 + 30 = 183.
        full("X3", d(2020, 4, 1), d(2020, 5, 1), d(2020, 5, 11), d(2020, 6, 1), d(2020, 12, 1)),
        // Recommendation 01/01/2020 -> 01/02/2020 = 31; court 01/04/2020 -> 01/05/2020 = 30.
        full("X4", d(2020, 2, 1), d(2020, 3, 1), d(2020, 3, 5), d(2020, 4, 1), d(2020, 5, 1)),
    ]);
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let w: Vec<_> =
        a.delay.waiting_now.iter().map(|w| (w.child_id.as_str(), w.latest_milestone, w.days_since)).collect();
    assert_eq!(
        w,
        vec![("X6", M::CsoAtHomeStart, 395), ("X1", M::PermanencePanel, 244), ("X2", M::LastAccommodated, 30)]
    );
    let by: Vec<_> = a.delay.by_latest_milestone.iter().map(|b| (b.milestone, b.n)).collect();
    assert_eq!(by, vec![(M::LastAccommodated, 1), (M::CsoAtHomeStart, 1), (M::PermanencePanel, 1)]);
    let p = &a.delay.permanence_reached;
    assert_eq!(p.n, 2);
    let med = |id: StageId| p.stages.iter().find(|s| s.id == id).unwrap().median_days;
    // Only the two children with an order: (91 + 31) / 2 = 61 (X1's 59 would make it 59).
    assert_eq!(med(StageId::AccommodatedToRecommendation), Some(61.0));
    assert_eq!(med(StageId::CourtToOrder), Some(106.5));
}

#[test]
fn placement_histories() {
    let mut c = kid("R1", &[(M::FirstAccommodated, d(2021, 1, 1)), (M::FinalPlacement, d(2021, 6, 1))]);
    c.placement_type_at_start = Some(PlacementType::FosterLa);
    let c2 = kid("R2", &[(M::FirstAccommodated, d(2021, 12, 1))]);
    let mut ds = data(vec![c, c2]);
    ds.placements = vec![
        // Deliberately out of order: sorted by start inside.
        placement("R1", d(2021, 6, 1), None, PlacementType::ProspectiveAdopters),
        placement("R1", d(2021, 1, 1), Some(d(2021, 3, 1)), PlacementType::FosterLa),
        placement("R1", d(2021, 3, 1), Some(d(2021, 6, 1)), PlacementType::Kinship),
        placement("R1", d(2022, 2, 1), None, PlacementType::Residential), // after the as-at date
        // Ends after the as-at date: clipped.
        placement("R2", d(2021, 12, 1), Some(d(2022, 2, 1)), PlacementType::Kinship),
    ];
    let a = analyse(&ds, &Settings::default(), d(2021, 12, 31));
    let h = &a.placement_histories;
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].child_id, "R1");
    assert_eq!((h[0].placements_before_permanence, h[0].moves_before_permanence, h[0].placements_total), (3, 2, 3));
    assert_eq!(h[0].permanence_point, placement_history::PermanencePoint::FinalPlacement);
    // Foster 01/01 -> 01/03 = 31 + 28 = 59; kinship 01/03 -> 01/06 = 31 + 30 + 31 = 92;
    // adopters 01/06 -> 31/12 (clipped): Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 = 183
    // to 01/12, + 30 to 31/12 = 213.
    let days: Vec<_> = h[0].days_by_type.iter().map(|(t, n)| (*t, *n)).collect();
    assert_eq!(
        days,
        vec![(PlacementType::Kinship, 92), (PlacementType::FosterLa, 59), (PlacementType::ProspectiveAdopters, 213)]
    );
    // R2: one placement, clipped to 31/12/2021: 30 days; no permanence yet.
    assert_eq!((h[1].placements_before_permanence, h[1].moves_before_permanence), (1, 0));
    assert_eq!(h[1].permanence_point, placement_history::PermanencePoint::AsAt);
    assert_eq!(h[1].days_by_type.get(&PlacementType::Kinship), Some(&30));
}

#[test]
fn placements_found_whatever_the_row_order_and_shared_by_episodes() {
    // Ids out of order (hash lookup path) and a second episode row of R1 sharing its placements.
    let mut second = kid("R1", &[(M::LastAccommodated, d(2021, 10, 1))]);
    second.episode_no = 2;
    let mut ds = data(vec![kid("R2", &[]), kid("R1", &[]), second]);
    ds.placements = vec![
        placement("R1", d(2021, 1, 1), Some(d(2021, 3, 1)), PlacementType::FosterLa),
        placement("R2", d(2021, 12, 1), None, PlacementType::Kinship),
        placement("R1", d(2021, 3, 1), None, PlacementType::Residential),
    ];
    let table = StageTable::build(&ds, &Settings::default(), d(2021, 12, 31));
    assert_eq!(table.placements_of(0), &[1]);
    assert_eq!(table.placements_of(1), &[0, 2]);
    assert_eq!(table.placements_of(2), &[0, 2]);
    assert_eq!(table.placement_now[1], Some(PlacementType::Residential));
    // Placement at start for the second episode: the one covering 01/10/2021.
    assert_eq!(table.placement_at_start[2], Some(PlacementType::Residential));
    assert_eq!(table.placement_at_start[1], Some(PlacementType::FosterLa));
    // Ranks follow id order: R1 (row 1), R1 (row 2), R2 (row 0).
    assert_eq!(table.id_rank, vec![2, 0, 1]);
}

#[test]
fn csv_has_one_row_per_child_with_stage_columns() {
    let ds = data(aim2_children());
    let settings = Settings::default();
    let table = StageTable::build(&ds, &settings, d(2021, 12, 31));
    let sel = table.select(&ds, &settings.filters);
    let csv = export::children_csv(&ds, &table, &sel.base);
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines.len(), 7);
    let header: Vec<_> = lines[0].split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let a: Vec<_> = lines[1].split(',').collect();
    assert_eq!(a[0], "A");
    assert_eq!(a[col("last_accommodated_date")], "2021-03-01");
    assert_eq!(a[col("accommodated_to_recommendation_status")], "complete");
    assert_eq!(a[col("accommodated_to_recommendation_days")], "183");
    let dd: Vec<_> = lines[4].split(',').collect();
    assert_eq!(dd[col("accommodated_to_recommendation_status")], "waiting");
    assert_eq!(dd[col("accommodated_to_recommendation_days")], "183");
    assert_eq!(dd[col("panel_to_adm_status")], "");
}

#[test]
fn json_keys_match_the_cli_contract() {
    let a = analyse(&data(aim2_children()), &Settings::default(), d(2021, 12, 31));
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["as_at"], "2021-12-31");
    assert_eq!(v["children"], 6);
    let s = &v["stages"][1];
    assert_eq!(s["id"], "accommodated_to_recommendation");
    assert_eq!(s["target_days"], 182);
    assert_eq!(s["target_verified"], true);
    assert_eq!(s["complete"]["n"], 3);
    assert_eq!(s["complete"]["median_days"], 182.0);
    assert_eq!(s["complete"]["within_target"], 2);
    assert_eq!(s["waiting"]["n"], 3);
    assert_eq!(s["waiting"]["longest_days"], 183);
    assert_eq!(s["waiting"]["over_target"], 1);
    assert_eq!(s["missing_implied"]["n"], 0);
    assert_eq!(s["points"][0]["child_id"], "C");
    assert_eq!(s["points"][0]["end_date"], "2021-02-20");
    assert_eq!(s["points"][0]["days"], 41);
    assert_eq!(s["waiting_bars"][0]["child_id"], "D");
    assert_eq!(s["waiting_bars"][0]["start_date"], "2021-07-01");
    assert_eq!(s["waiting_bars"][0]["days_waiting"], 183);
    assert_eq!(v["stages"][5]["target_verified"], false);
}

/// The settings variants the property test runs under.
fn variants() -> Vec<Settings> {
    let mut first = Settings {
        accommodated_start: StartChoice::FirstAccommodated,
        return_home_is_permanence: false,
        ..Settings::default()
    };
    first.stages.get_mut(&StageId::AccommodatedToRecommendation).unwrap().from_date =
        NaiveDate::from_ymd_opt(2021, 1, 1);
    let filtered = Settings {
        filters: Filters {
            teams: vec!["north".into(), "East".into()],
            age_bands: vec![AgeBand::Under1, AgeBand::From1To4],
            start_from: NaiveDate::from_ymd_opt(2019, 1, 1),
            ..Filters::default()
        },
        ..Settings::default()
    };
    vec![Settings::default(), first, filtered]
}

#[test]
fn partition_property_over_the_synthetic_cohort() {
    for (seed, size) in [(1u64, 40usize), (2, 400), (3, 1500), (2014, 3000), (99, 7)] {
        let opts = DemoOptions { children: size, seed, ..DemoOptions::default() };
        let ds = demo::generate(opts);
        for as_at in [opts.as_at, opts.as_at.checked_sub_days(Days::new(700)).unwrap()] {
            for settings in variants() {
                let table = StageTable::build(&ds, &settings, as_at);
                let sel = table.select(&ds, &settings.filters);
                // The demo data holds no England dates: England's stages concern no child.
                for stage in StageId::ALL.into_iter().filter(|s| s.is_england()) {
                    let s = summarise(&table, &settings, stage, &sel.stages[stage.index()]);
                    assert_eq!(s.in_scope, 0, "{stage:?}");
                }
                for stage in StageId::PACE {
                    let rows = &sel.stages[stage.index()];
                    let s = summarise(&table, &settings, stage, rows);
                    let def = &table.defs[stage.index()];
                    let (Some(start), Some(end)) = (def.start.milestone(), def.end.milestone()) else {
                        panic!("a PACE stage runs between milestones")
                    };
                    // In scope, worked out independently of the classifier: the start is recorded
                    // by the as-at date, or it is blank and the end or a milestone implying the
                    // start is recorded by then (a start dated later has not happened yet).
                    let by = |c: &Child, m: M| c.date(m).is_some_and(|x| x <= as_at);
                    let expected = rows
                        .iter()
                        .filter(|&&r| {
                            let c = &ds.children[r as usize];
                            by(c, start)
                                || (c.date(start).is_none()
                                    && (by(c, end) || def.start_implied_by.iter().any(|&m| by(c, m))))
                        })
                        .count();
                    let parts = s.complete.n + s.waiting.n + s.missing_implied.n + s.out_of_scope.n + s.invalid.n;
                    assert_eq!(parts, s.in_scope, "seed {seed} size {size} {as_at} {:?}", stage);
                    assert_eq!(s.in_scope, expected, "seed {seed} size {size} {as_at} {:?}", stage);
                    assert_eq!(s.complete.n, s.points.len());
                    assert_eq!(s.waiting.n, s.waiting_bars.len());
                    // Every child in exactly one group (demo ids are unique).
                    let mut all: Vec<&str> = s.points.iter().map(|p| p.child_id.as_str()).collect();
                    all.extend(s.waiting_bars.iter().map(|b| b.child_id.as_str()));
                    all.extend(s.missing_implied.child_ids.iter().map(ChildId::as_str));
                    all.extend(s.out_of_scope.items.iter().map(|o| o.child_id.as_str()));
                    all.extend(s.invalid.items.iter().map(|o| o.child_id.as_str()));
                    all.sort_unstable();
                    let before = all.len();
                    all.dedup();
                    assert_eq!(before, all.len(), "a child counted twice in {:?}", stage);
                    // Points ordered by end date then id; no negative days; bars longest first.
                    assert!(s.points.windows(2).all(|w| (w[0].end_date, w[0].child_id.as_str()) <= (w[1].end_date, w[1].child_id.as_str())));
                    assert!(s.points.iter().all(|p| p.days >= 0 && p.end_date <= as_at));
                    assert!(s.waiting_bars.windows(2).all(|w| w[0].days_waiting >= w[1].days_waiting));
                    assert!(s.waiting_bars.iter().all(|b| b.days_waiting >= 0 && b.start_date <= as_at));
                    if let Some(c) = &s.cohorts {
                        assert!(c.new_entrants.in_scope + c.backlog.started_before <= s.in_scope);
                        assert_eq!(c.new_entrants.waiting.n + c.backlog.waiting.n, s.waiting.n);
                    }
                }
            }
        }
    }
}

/// CPU time of this thread in nanoseconds (Linux), so timings are not inflated by other
/// processes sharing the machine; falls back to wall time elsewhere.
fn cpu_ns() -> u128 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos())
}

/// Best of five runs of `f`, in milliseconds of CPU time.
fn best_ms<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..5)
        .map(|_| {
            let t = cpu_ns();
            std::hint::black_box(f());
            (cpu_ns() - t) as f64 / 1e6
        })
        .fold(f64::INFINITY, f64::min)
}

/// Release-mode timing: `cargo test -p timescales-core --profile native --lib analysis::tests::speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let ds = demo::generate(DemoOptions { children: 100_000, ..DemoOptions::default() });
    let settings = Settings::default();
    let as_at = ds.latest_date().unwrap();
    let full = best_ms(|| analyse(&ds, &settings, as_at));
    let table = StageTable::build(&ds, &settings, as_at);
    let sel = table.select(&ds, &settings.filters);
    let journey = &sel.stages[StageId::AccommodatedToOrder.index()];
    let build = best_ms(|| StageTable::build(&ds, &settings, as_at));
    let sums = best_ms(|| StageId::ALL.map(|s| summarise(&table, &settings, s, &sel.stages[s.index()])));
    let delay = best_ms(|| delay::delay_report(&ds, &table, journey));
    let hist = best_ms(|| placement_history::placement_histories(&ds, &table, journey));
    println!(
        "100k children: full analysis {full:.1} ms = table {build:.1} + 8 stage summaries {sums:.1} + delay {delay:.1} + placement histories {hist:.1} (+ aim 1)"
    );

    let small = demo::generate(DemoOptions { children: 5_000, ..DemoOptions::default() });
    let table = StageTable::build(&small, &settings, as_at);
    let filtered = Filters {
        teams: vec!["North".into()],
        age_bands: vec![AgeBand::Under1, AgeBand::From1To4],
        ..Filters::default()
    };
    // Wall time here: a few hundred microseconds is below the CPU clock's tick.
    let t = std::time::Instant::now();
    for _ in 0..20 {
        let sel = table.select(&small, &filtered);
        std::hint::black_box(StageId::ALL.map(|s| summarise(&table, &settings, s, &sel.stages[s.index()])));
    }
    let refilter = t.elapsed().as_secs_f64() * 1000.0 / 20.0;
    let small_full = best_ms(|| analyse(&small, &settings, as_at));
    println!("5k children: re-filter + 8 stage summaries {refilter:.2} ms; full analysis {small_full:.2} ms");
}

/// SplitMix64 for the randomised property test below (deterministic, no dependency).
struct Rng(u64);

impl Rng {
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

/// Random settings: start choice, return-home rule, filters, a from date.
fn random_settings(rng: &mut Rng, as_at: NaiveDate) -> Settings {
    let mut s = Settings {
        accommodated_start: if rng.below(2) == 0 {
            StartChoice::LastAccommodated
        } else {
            StartChoice::FirstAccommodated
        },
        return_home_is_permanence: rng.below(2) == 0,
        due_soon_days: rng.below(90) as i64,
        ..Settings::default()
    };
    let teams = ["North", "South", "East", "West"];
    if rng.below(3) == 0 {
        s.filters.teams = vec![teams[rng.below(4) as usize].to_lowercase()];
    }
    if rng.below(3) == 0 {
        s.filters.age_bands =
            vec![[AgeBand::Under1, AgeBand::From1To4, AgeBand::From5To11, AgeBand::From12][rng.below(4) as usize]];
    }
    if rng.below(3) == 0 {
        let stage = StageId::ALL[rng.below(StageId::COUNT as u64) as usize];
        s.stages.get_mut(&stage).unwrap().from_date = as_at.checked_sub_days(Days::new(rng.below(2000)));
    }
    s
}

/// Messes up a demo cohort the ways real files are messy: some children get a later second
/// episode row, some a mistyped future date, some a route of "other", some a destination that
/// merely contains "home".
fn messy(ds: &mut Dataset, rng: &mut Rng) {
    let n = ds.children.len();
    for i in 0..n {
        match rng.below(12) {
            0 => {
                let mut second = ds.children[i].clone();
                second.episode_no = 2;
                let start = second.date(M::LastAccommodated).and_then(|d| d.checked_add_days(Days::new(400)));
                second.dates = Default::default();
                second.set_date(M::LastAccommodated, start);
                ds.children.push(second);
            }
            1 => ds.children[i].set_date(M::PermanencePanel, NaiveDate::from_ymd_opt(2052, 5, 1)),
            2 => ds.children[i].permanence_route = Some("other".into()),
            3 => ds.children[i].destination = Some("Homeless".into()),
            4 => ds.children[i].set_date(M::CeasedLookedAfter, NaiveDate::from_ymd_opt(2010, 1, 1)),
            _ => {}
        }
    }
}

#[test]
fn every_child_counted_once_per_stage_and_no_negative_duration_with_random_settings() {
    let mut rng = Rng(16);
    for round in 0..24 {
        let opts = DemoOptions { children: 50 + rng.below(400) as usize, seed: rng.next(), ..DemoOptions::default() };
        let mut ds = demo::generate(opts);
        messy(&mut ds, &mut rng);
        let as_at = opts.as_at.checked_sub_days(Days::new(rng.below(2500))).unwrap();
        let settings = random_settings(&mut rng, as_at);
        let a = analyse(&ds, &settings, as_at);
        let distinct: std::collections::BTreeSet<&str> = ds.children.iter().map(|c| c.child_id.as_str()).collect();
        assert_eq!(a.children, distinct.len(), "round {round}: children counted by id");
        for s in &a.stages {
            let mut all: Vec<&str> = s.points.iter().map(|p| p.child_id.as_str()).collect();
            all.extend(s.waiting_bars.iter().map(|b| b.child_id.as_str()));
            all.extend(s.missing_implied.child_ids.iter().map(ChildId::as_str));
            all.extend(s.out_of_scope.items.iter().map(|o| o.child_id.as_str()));
            all.extend(s.invalid.items.iter().map(|o| o.child_id.as_str()));
            assert_eq!(all.len(), s.in_scope, "round {round} {:?}: groups add up", s.id);
            all.sort_unstable();
            let before = all.len();
            all.dedup();
            assert_eq!(before, all.len(), "round {round} {:?}: a child counted twice", s.id);
            assert!(s.in_scope <= a.children_after_filters);
            assert!(s.points.iter().all(|p| p.days >= 0 && p.end_date <= as_at), "round {round} {:?}", s.id);
            assert!(s.waiting_bars.iter().all(|b| b.days_waiting >= 0 && b.start_date <= as_at));
            assert!(s.complete.min_days.is_none_or(|d| d >= 0));
            // Only real data errors are invalid: never a start the as-at date has not reached.
            assert!(s.invalid.items.iter().all(|i| i.start_date <= as_at && i.days < 0));
        }
    }
}
