//! One-child cases: each a tiny CSV file read through the real load path (bytes, default mapping)
//! and analysed at a given as-at date. The expected status and days per stage are worked out by
//! hand on a calendar, with the arithmetic beside each case. A stage not listed in a case must
//! not concern the child at all.
//!
//! The rules these cases pin down are written in docs/domain.md#messy-data-rules.

use chrono::NaiveDate;
use timescales_core::analysis::{self, Analysis, AsAtSource, Settings, StageId, StartChoice, table::OutOfScopeReason};
use timescales_core::ingest::{LoadOptions, LoadOutcome, ProblemKind, load};
use timescales_core::model::{Destination, Milestone};

/// What one stage should say about the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Complete(i64),
    Waiting(i64),
    /// Missing but implied: the blank milestone.
    Implied(Milestone),
    Out(OutOfScopeReason),
    Invalid(i64),
}

/// How the as-at date is chosen. "Today" is 30/06/2025 in every case.
#[derive(Debug, Clone, Copy)]
enum AsAt {
    /// The user chose this date.
    Given(&'static str),
    /// Nothing given: the analysis must choose this date, for this reason.
    Default(&'static str, AsAtSource),
    /// The user gave the extract date.
    Extract(&'static str),
}

const TODAY: &str = "2025-06-30";

struct Case {
    name: &'static str,
    csv: &'static str,
    as_at: AsAt,
    /// Distinct children the analysis should count.
    children: usize,
    expect: &'static [(StageId, Expect)],
    /// Problem kinds the quality report must hold.
    problems: &'static [ProblemKind],
    /// Problem kinds the quality report must not hold.
    no_problems: &'static [ProblemKind],
}

use Expect::*;
use StageId as S;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

fn run(case: &Case) -> (LoadOutcome, Analysis) {
    let mut settings = Settings::default();
    match case.as_at {
        AsAt::Given(at) => settings.as_at = Some(date(at)),
        AsAt::Extract(at) => settings.extract_date = Some(date(at)),
        AsAt::Default(..) => {}
    }
    let opts = LoadOptions { today: Some(date(TODAY)), extract_date: settings.extract_date, ..LoadOptions::default() };
    let out = load(case.csv.as_bytes(), "case.csv", &opts).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let as_at = analysis::resolve_as_at(&out.dataset, &settings, date(TODAY));
    let a = analysis::analyse(&out.dataset, &settings, as_at);
    let want = match case.as_at {
        AsAt::Given(at) => (date(at), AsAtSource::GivenByUser),
        AsAt::Extract(at) => (date(at), AsAtSource::ExtractDate),
        AsAt::Default(at, source) => (date(at), source),
    };
    assert_eq!((a.as_at, a.as_at_source), want, "{}: as-at date and where it came from", case.name);
    (out, a)
}

/// The child's group and days in one stage, from the stage summary (so the counting is checked
/// too: a child in two groups fails).
fn found(a: &Analysis, stage: StageId) -> Vec<Expect> {
    let s = a.stage(stage);
    let mut v = Vec::new();
    v.extend(s.points.iter().map(|p| Complete(p.days)));
    v.extend(s.waiting_bars.iter().map(|b| Waiting(b.days_waiting)));
    v.extend(s.missing_implied.items.iter().map(|m| Implied(m.missing)));
    v.extend(s.out_of_scope.items.iter().map(|o| Out(o.reason)));
    v.extend(s.invalid.items.iter().map(|i| Invalid(i.days)));
    assert_eq!(v.len(), s.in_scope, "{stage:?}: groups do not add up to the children in scope");
    v
}

fn check(case: &Case) {
    let (out, a) = run(case);
    assert_eq!(a.children, case.children, "{}: children counted", case.name);
    for stage in StageId::PACE {
        let want: Vec<Expect> = case.expect.iter().filter(|(s, _)| *s == stage).map(|(_, e)| *e).collect();
        assert_eq!(found(&a, stage), want, "{}: {stage:?}", case.name);
    }
    for kind in case.problems {
        assert!(
            out.report.problems.iter().any(|p| p.kind == *kind),
            "{}: no {kind:?} problem in {:#?}",
            case.name,
            out.report.problems
        );
    }
    for kind in case.no_problems {
        let p: Vec<_> = out.report.problems.iter().filter(|p| p.kind == *kind).collect();
        assert!(p.is_empty(), "{}: unexpected {kind:?} problems {p:#?}", case.name);
    }
}

/// A one-row file with the columns most cases need, read by the default mapping.
macro_rules! csv {
    ($row:literal) => {
        concat!(
            "Child ID,Date accommodated,Permanence recommendation date,Permanence panel date,ADM decision date,Court application date,Order granted date,Ceased looked after date,Destination,Permanence route\n",
            $row,
            "\n"
        )
    };
}

const CASES: &[Case] = &[
    Case {
        // 29/02/2024 -> 29/08/2024: Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 29 = 182 (on
        // target). Whole journey waiting to 31/12/2024: 182 + 2 (Aug 30, 31) + Sep 30 + Oct 31 +
        // Nov 30 + Dec 31 = 306. Panel waiting from 29/08/2024: 2 + 30 + 31 + 30 + 31 = 124.
        name: "29 February start",
        csv: csv!("A,29/02/2024,29/08/2024,,,,,,,PO"),
        as_at: AsAt::Given("2024-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(182)),
            (S::RecommendationToPanel, Waiting(124)),
            (S::RecommendationToAdm, Waiting(124)),
            (S::AccommodatedToOrder, Waiting(306)),
        ],
        problems: &[],
        no_problems: &[],
    },
    Case {
        // Recommended on the day of accommodation: 0 days. Panel and ADM on one day: 0 days.
        // 01/03/2023 -> 01/03/2023 recommendation; panel 01/06/2023 = Mar 31 + Apr 30 + May 31 = 92;
        // ADM the same day (0); court 01/06/2023 -> 01/07/2023 = 30. As at 31/07/2023: journey
        // waiting 01/03 -> 31/07 = 31 + 30 + 31 + 30 + 30 = 152.
        name: "same-day start and end",
        csv: csv!("B,01/03/2023,01/03/2023,01/06/2023,01/06/2023,01/07/2023,,,,adoption"),
        as_at: AsAt::Given("2023-07-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(0)),
            (S::RecommendationToPanel, Complete(92)),
            (S::PanelToAdm, Complete(0)),
            (S::RecommendationToAdm, Complete(92)),
            (S::AdmToCourt, Complete(30)),
            (S::CourtToOrder, Waiting(30)),
            (S::AccommodatedToOrder, Waiting(152)),
        ],
        problems: &[],
        no_problems: &[],
    },
    Case {
        // As at the recommendation date itself: the recommendation has happened (dates on the
        // as-at date count). 10/01/2022 -> 10/03/2022: Jan 21 + Feb 28 + 10 = 59. Waiting for a
        // panel since that day: 0. Journey waiting 59.
        name: "as-at equal to a milestone date",
        csv: csv!("C,10/01/2022,10/03/2022,,,,,,,PO"),
        as_at: AsAt::Given("2022-03-10"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(59)),
            (S::RecommendationToPanel, Waiting(0)),
            (S::RecommendationToAdm, Waiting(0)),
            (S::AccommodatedToOrder, Waiting(59)),
        ],
        problems: &[],
        no_problems: &[],
    },
    Case {
        // The day before the recommendation: still waiting 58 days; nothing after has started.
        name: "as-at the day before a milestone",
        csv: csv!("C,10/01/2022,10/03/2022,,,,,,,PO"),
        as_at: AsAt::Given("2022-03-09"),
        children: 1,
        expect: &[(S::AccommodatedToRecommendation, Waiting(58)), (S::AccommodatedToOrder, Waiting(58))],
        problems: &[],
        no_problems: &[],
    },
    Case {
        // Issue 16: accommodated 15/07/2024, recommended 01/05/2024, as at 30/06/2024. As at that
        // day the accommodation has not happened: aim 2 and the whole journey do not concern the
        // child yet (never "invalid, -75 days"). The recommendation has: waiting for a panel
        // 01/05 -> 30/06 = May 30 + Jun 30 = 60. The order is noted in the quality report.
        name: "start after the as-at date, end before it",
        csv: csv!("D,15/07/2024,01/05/2024,,,,,,,PO"),
        as_at: AsAt::Given("2024-06-30"),
        children: 1,
        expect: &[(S::RecommendationToPanel, Waiting(60)), (S::RecommendationToAdm, Waiting(60))],
        problems: &[ProblemKind::OutOfOrder],
        no_problems: &[],
    },
    Case {
        // Issue 16: a panel date typed as 2052. The default as-at is the latest date that is not
        // after today (30/06/2025): the recommendation, 01/05/2024, never the 2052 date. Aim 2:
        // 01/03/2024 -> 01/05/2024 = Mar 31 + Apr 30 = 61; waiting for the panel 0 days as at
        // that day; the journey 61. The 2052 date is a data problem with its row.
        name: "a mistyped future year",
        csv: csv!("E,01/03/2024,01/05/2024,01/06/2052,,,,,,PO"),
        as_at: AsAt::Default("2024-05-01", AsAtSource::LatestDateInData),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(61)),
            (S::RecommendationToPanel, Waiting(0)),
            (S::RecommendationToAdm, Waiting(0)),
            (S::AccommodatedToOrder, Waiting(61)),
        ],
        problems: &[ProblemKind::FutureDate],
        no_problems: &[],
    },
    Case {
        // With an extract date of 31/03/2025 the as-at is that date: waiting for the panel from
        // 01/05/2024 = May 30 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 +
        // Jan 31 + Feb 28 + Mar 31 = 334; the journey 61 + 334 = 395.
        name: "an extract date",
        csv: csv!("E,01/03/2024,01/05/2024,01/06/2052,,,,,,PO"),
        as_at: AsAt::Extract("2025-03-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(61)),
            (S::RecommendationToPanel, Waiting(334)),
            (S::RecommendationToAdm, Waiting(334)),
            (S::AccommodatedToOrder, Waiting(395)),
        ],
        problems: &[ProblemKind::FutureDate],
        no_problems: &[],
    },
    Case {
        // Issue 16: looking back to 30/06/2021. The recommendation (01/09/2021) and panel
        // (01/12/2021) have not happened yet as at that day, and they are not data problems.
        // Waiting since 01/03/2021: Mar 30 + Apr 30 + May 31 + Jun 30 = 121.
        name: "a retrospective as-at date",
        csv: csv!("F,01/03/2021,01/09/2021,01/12/2021,,,,,,PO"),
        as_at: AsAt::Given("2021-06-30"),
        children: 1,
        expect: &[(S::AccommodatedToRecommendation, Waiting(121)), (S::AccommodatedToOrder, Waiting(121))],
        problems: &[],
        no_problems: &[ProblemKind::FutureDate, ProblemKind::DateOutOfRange],
    },
    Case {
        // Issue 16: "Homeless" contains "home" but is not a return home. Ceased 01/06/2023 with
        // no recommendation: out of scope of aim 2 and of the whole journey (not legal permanence).
        name: "homeless is not a return home",
        csv: csv!("G,01/02/2023,,,,,,01/06/2023,Homeless,"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Out(OutOfScopeReason::Ceased)),
            (S::AccommodatedToOrder, Out(OutOfScopeReason::Ceased)),
        ],
        problems: &[],
        no_problems: &[ProblemKind::UnknownDestination],
    },
    Case {
        name: "a residential children's home is not a return home",
        csv: csv!("G,01/02/2023,,,,,,01/06/2023,Residential children's home,"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Out(OutOfScopeReason::Ceased)),
            (S::AccommodatedToOrder, Out(OutOfScopeReason::Ceased)),
        ],
        problems: &[],
        no_problems: &[ProblemKind::UnknownDestination],
    },
    Case {
        // A return home: aim 2's recommendation is missing but implied (a return home counts,
        // its date is not recorded); the journey is complete on the day ceased:
        // 01/02/2023 -> 01/06/2023 = Feb 28 + Mar 31 + Apr 30 + May 31 = 120.
        name: "returned home",
        csv: csv!("H,01/02/2023,,,,,,01/06/2023,Returned home,"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Implied(Milestone::PermanenceRecommendation)),
            (S::AccommodatedToOrder, Complete(120)),
        ],
        problems: &[],
        no_problems: &[ProblemKind::UnknownDestination],
    },
    Case {
        // A wording not in the list is reported and not taken as a return home.
        name: "an unknown destination",
        csv: csv!("H,01/02/2023,,,,,,01/06/2023,Back with gran,"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Out(OutOfScopeReason::Ceased)),
            (S::AccommodatedToOrder, Out(OutOfScopeReason::Ceased)),
        ],
        problems: &[ProblemKind::UnknownDestination],
        no_problems: &[],
    },
    Case {
        // Issue 16: ceased 01/03/2020 (a stale date, or a previous episode's), accommodated
        // 01/02/2021, recommended 01/03/2023, as at 31/12/2023. The 2020 date decides nothing now.
        // Aim 2: 01/02/2021 -> 01/03/2023 = 730 + 28 = 758. Waiting for a panel 01/03 -> 31/12/2023
        // = 305; the journey 01/02/2021 -> 31/12/2023 = 1063. The quality report has the order error.
        name: "ceased before the current accommodation",
        csv: csv!("J,01/02/2021,01/03/2023,,,,,01/03/2020,Continuing care,PO"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(758)),
            (S::RecommendationToPanel, Waiting(305)),
            (S::RecommendationToAdm, Waiting(305)),
            (S::AccommodatedToOrder, Waiting(1063)),
        ],
        problems: &[ProblemKind::OutOfOrder],
        no_problems: &[],
    },
    Case {
        // Ceased 01/06/2021 after accommodation (01/02/2021) but before the recommendation
        // (01/09/2021): it ends the whole journey (out of scope, not legal permanence) but not
        // the stages that start later. Aim 2: 01/02 -> 01/09/2021 = 212; panel waiting 01/09 ->
        // 31/12/2021 = 121.
        name: "ceased before a stage's start",
        csv: csv!("K,01/02/2021,01/09/2021,,,,,01/06/2021,Continuing care,PO"),
        as_at: AsAt::Given("2021-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(212)),
            (S::RecommendationToPanel, Waiting(121)),
            (S::RecommendationToAdm, Waiting(121)),
            (S::AccommodatedToOrder, Out(OutOfScopeReason::Ceased)),
        ],
        problems: &[],
        no_problems: &[],
    },
    Case {
        // Issue 16: one child, two episode rows. Episode 1 (accommodated 01/02/2020, returned home
        // 01/08/2020) broke down; episode 2 started 01/03/2021 and is the current journey. One
        // child, waiting in aim 2 and the journey since 01/03/2021: to 31/12/2021 = 305. The
        // earlier return home is history, not legal permanence.
        name: "two episodes of one child",
        csv: "Child ID,Episode,Date accommodated,Permanence recommendation date,Ceased looked after date,Destination\n\
              L,1,01/02/2020,,01/08/2020,Returned home\n\
              L,2,01/03/2021,,,\n",
        as_at: AsAt::Given("2021-12-31"),
        children: 1,
        expect: &[(S::AccommodatedToRecommendation, Waiting(305)), (S::AccommodatedToOrder, Waiting(305))],
        problems: &[ProblemKind::MultipleEpisodes],
        no_problems: &[],
    },
    Case {
        // Issue 16: a system with one "accommodated" column, the first accommodated date. With
        // one episode it is also the last: waiting in aim 2 and the journey from 01/03/2022 to
        // 31/12/2022 = 305, and the quality report says so.
        name: "only a first accommodated date",
        csv: "Child ID,First accommodated date,Permanence recommendation date\nM,01/03/2022,\n",
        as_at: AsAt::Given("2022-12-31"),
        children: 1,
        expect: &[(S::AccommodatedToRecommendation, Waiting(305)), (S::AccommodatedToOrder, Waiting(305))],
        problems: &[ProblemKind::FirstAccommodatedUsedAsLast],
        no_problems: &[],
    },
    Case {
        // Issue 16: the same child as at 31/12/2024, after both dates. Recommended (01/05/2024)
        // before being accommodated (15/07/2024): aim 2 met in 0 days, marked. Waiting for a
        // panel 01/05 -> 31/12/2024 = 244; the journey 15/07 -> 31/12/2024 = 169.
        name: "recommended before accommodation",
        csv: csv!("D,15/07/2024,01/05/2024,,,,,,,PO"),
        as_at: AsAt::Given("2024-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(0)),
            (S::RecommendationToPanel, Waiting(244)),
            (S::RecommendationToAdm, Waiting(244)),
            (S::AccommodatedToOrder, Waiting(169)),
        ],
        problems: &[ProblemKind::OutOfOrder],
        no_problems: &[],
    },
    Case {
        // Issue 16: a home-route child whose return home is recorded as an order date
        // (01/09/2023). A home route never goes to a panel, an ADM or court, so nothing is
        // "missing": the panel stages are out of scope (route home), the others do not concern
        // the child. Aim 2: 01/02 -> 01/04/2023 = 28 + 31 = 59; the journey 01/02 -> 01/09/2023 = 212.
        name: "home route with the return recorded as an order date",
        csv: csv!("N,01/02/2023,01/04/2023,,,,01/09/2023,,,home"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(59)),
            (S::RecommendationToPanel, Out(OutOfScopeReason::HomeRoute)),
            (S::RecommendationToAdm, Out(OutOfScopeReason::HomeRoute)),
            (S::AccommodatedToOrder, Complete(212)),
        ],
        problems: &[],
        no_problems: &[ProblemKind::MissingButImplied],
    },
    Case {
        // Issue 16: a kinship care order (section 11) never goes to a panel: no panel is missing.
        // Recommendation to ADM 01/04 -> 01/06/2023 = 61; waiting for the court application
        // 01/06 -> 31/12/2023 = 213; the journey 01/02 -> 31/12/2023 = 333.
        name: "kinship care order route skips the panel",
        csv: csv!("P,01/02/2023,01/04/2023,,01/06/2023,,,,,kinship_KCO"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(59)),
            (S::RecommendationToPanel, Out(OutOfScopeReason::RouteSkipsStage)),
            (S::RecommendationToAdm, Complete(61)),
            (S::AdmToCourt, Waiting(213)),
            (S::AccommodatedToOrder, Waiting(333)),
        ],
        problems: &[],
        no_problems: &[ProblemKind::MissingButImplied],
    },
    Case {
        // Issue 16: aim 4 with the route blank: no court route has been decided, so the child is
        // listed as undecided instead of waiting forever. Panel 01/04 -> 01/05 = 30; panel to ADM
        // 01/05 -> 10/05 = 9; recommendation to ADM 39.
        name: "aim 4 with the route blank",
        csv: csv!("Q,01/02/2023,01/04/2023,01/05/2023,10/05/2023,,,,,"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(59)),
            (S::RecommendationToPanel, Complete(30)),
            (S::PanelToAdm, Complete(9)),
            (S::RecommendationToAdm, Complete(39)),
            (S::AdmToCourt, Out(OutOfScopeReason::RouteUndecided)),
            (S::AccommodatedToOrder, Waiting(333)),
        ],
        problems: &[],
        no_problems: &[],
    },
    Case {
        name: "aim 4 with the route 'other'",
        csv: csv!("Q,01/02/2023,01/04/2023,01/05/2023,10/05/2023,,,,,other"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(59)),
            (S::RecommendationToPanel, Complete(30)),
            (S::PanelToAdm, Complete(9)),
            (S::RecommendationToAdm, Complete(39)),
            (S::AdmToCourt, Out(OutOfScopeReason::RouteUndecided)),
            (S::AccommodatedToOrder, Waiting(333)),
        ],
        problems: &[],
        no_problems: &[],
    },
    Case {
        // A court route decided: aim 4 waits, from 10/05 to 31/12/2023 = 235.
        name: "aim 4 with a court route",
        csv: csv!("Q,01/02/2023,01/04/2023,01/05/2023,10/05/2023,,,,,adoption"),
        as_at: AsAt::Given("2023-12-31"),
        children: 1,
        expect: &[
            (S::AccommodatedToRecommendation, Complete(59)),
            (S::RecommendationToPanel, Complete(30)),
            (S::PanelToAdm, Complete(9)),
            (S::RecommendationToAdm, Complete(39)),
            (S::AdmToCourt, Waiting(235)),
            (S::AccommodatedToOrder, Waiting(333)),
        ],
        problems: &[],
        no_problems: &[],
    },
];

#[test]
fn recommended_before_accommodation_is_marked_for_the_chart_notes() {
    let csv = csv!("D,15/07/2024,01/05/2024,,,,,,,PO");
    let out = load(csv.as_bytes(), "case.csv", &LoadOptions::default()).expect("loads");
    let a = analysis::analyse(&out.dataset, &Settings::default(), date("2024-12-31"));
    let s = a.stage(S::AccommodatedToRecommendation);
    assert!(s.points[0].recommended_before_accommodation);
    assert_eq!(s.recommended_before_accommodation.len(), 1);
    assert_eq!(s.notes().len(), 1);
    assert!(a.stage(S::RecommendationToPanel).notes().is_empty());
}

#[test]
fn the_current_episode_takes_its_first_accommodation_from_the_earliest() {
    let csv = "Child ID,Episode,Date accommodated\nL,2,01/03/2021\nL,1,01/02/2020\n";
    let out = load(csv.as_bytes(), "case.csv", &LoadOptions::default()).expect("loads");
    let current = out.dataset.children.iter().find(|c| c.episode_no == 2).expect("episode 2");
    assert_eq!(current.date(Milestone::FirstAccommodated), Some(date("2020-02-01")));
    // With aim 2 starting at first accommodated: 01/02/2020 -> 31/12/2021 = 334 (rest of 2020,
    // a leap year: 366 - 31 - 1) + 365 = 699 days waiting, counted once.
    let settings = Settings { accommodated_start: StartChoice::FirstAccommodated, ..Settings::default() };
    let a = analysis::analyse(&out.dataset, &settings, date("2021-12-31"));
    let s = a.stage(S::AccommodatedToRecommendation);
    assert_eq!(a.children, 1);
    assert_eq!(s.waiting_bars.iter().map(|b| b.days_waiting).collect::<Vec<_>>(), vec![699]);
}

#[test]
fn destinations_are_listed_for_the_columns_screen() {
    let csv = csv!("H,01/02/2023,,,,,,01/06/2023,Back with gran,");
    let out = load(csv.as_bytes(), "case.csv", &LoadOptions::default()).expect("loads");
    let v = &out.destination_values;
    assert_eq!((v.len(), v[0].value.as_str(), v[0].category), (1, "Back with gran", None));
    assert!(out.mapping().destinations.contains_key("Back with gran"));
    // Mapped by the user, it counts as its category.
    let mut mapping = out.mapping();
    mapping.destinations.insert("Back with gran".into(), Some(Destination::ReturnedHome));
    let opts = LoadOptions { mapping: Some(mapping), ..LoadOptions::default() };
    let out = load(csv.as_bytes(), "case.csv", &opts).expect("loads");
    assert_eq!(out.dataset.children[0].destination_kind(), Some(Destination::ReturnedHome));
    assert!(out.report.problems.iter().all(|p| p.kind != ProblemKind::UnknownDestination));
}

#[test]
fn one_child_cases() {
    for case in CASES {
        check(case);
    }
}
