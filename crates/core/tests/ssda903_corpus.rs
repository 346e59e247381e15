//! The SSDA903 corpus (`corpus/ssda903/`): a hand-made set of tables for four children, with every
//! expected date worked out by hand from the rows (docs/domain.md#ssda903).
//!
//! - 0012: one period from 01/06/2021 (U6, then a placement order on 10/01/2022 with the same
//!   placement, RNE L), decision 15/11/2021, match 01/02/2022, placed for adoption (A6) 01/03/2022,
//!   adopted (E11) 20/12/2022.
//! - 0034: two periods (05/02/2019 to 01/05/2019, home; 01/09/2022 on), U3 then U4 with a private
//!   provider (PR4: purchased), decision 01/03/2023 reversed 01/10/2023 (RD1).
//! - 0056: its first episode is not a care start (RNE P): no start date is invented; placement
//!   order 15/06/2023 (RNE L, same U4 placement); decision 01/05/2023.
//! - 0078: a children's home from 10/10/2023 with a temporary hospital stay (T1) in the middle.

use std::path::PathBuf;

use chrono::NaiveDate;
use timescales_core::ingest::load::{LoadOptions, LoadOutcome, load_files};
use timescales_core::ingest::quality::{ProblemKind, Severity};
use timescales_core::model::{Destination, Milestone as M, PlacementType as P};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn load_set(names: &[&str]) -> LoadOutcome {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/ssda903");
    let bytes: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| (n.to_string(), std::fs::read(dir.join(n)).unwrap_or_else(|e| panic!("{n}: {e}"))))
        .collect();
    let files: Vec<(&str, &[u8])> = bytes.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let opts = LoadOptions { today: Some(d(2024, 3, 31)), ..Default::default() };
    let out = load_files(&files, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(out.report.rows.adds_up(), "{:?}", out.report.rows);
    out
}

const ALL: [&str; 7] =
    ["missing.csv", "placed_for_adoption.csv", "episodes.csv", "header.csv", "ad1.csv", "reviews.csv", "prev_perm.csv"];

#[test]
fn tables_are_recognised_by_their_columns_in_any_order() {
    let out = load_set(&ALL);
    let notes: Vec<(&str, &str)> =
        out.sheets.iter().map(|s| (s.name.as_str(), s.note.as_deref().unwrap_or(""))).collect();
    assert!(notes[0].1.starts_with("not one of the SSDA903 tables"), "{notes:?}");
    assert!(notes[1].1.starts_with("SSDA903 PlacedAdoption table"), "{notes:?}");
    assert!(notes[2].1.starts_with("SSDA903 Episodes table"), "{notes:?}");
    assert!(notes[3].1.starts_with("SSDA903 Header table"), "{notes:?}");
    assert!(notes[4].1.starts_with("SSDA903 AD1 table"), "{notes:?}");
    assert!(notes[5].1.starts_with("SSDA903 Reviews table"), "{notes:?}");
    assert!(notes[6].1.starts_with("SSDA903 PrevPerm table"), "{notes:?}");
    let errors: Vec<_> = out.report.problems.iter().filter(|p| p.severity != Severity::Info).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Rows: the six tables' header rows and 4 + 11 + 1 + 3 + 2 + 1 data rows; missing.csv is not read.
    assert_eq!(out.report.rows.rows_read, 6 + 4 + 11 + 1 + 3 + 2 + 1);
    assert_eq!(out.report.rows.rows_used, 4 + 11 + 1 + 3 + 2 + 1);
}

#[test]
fn children_keep_their_leading_zeros_and_get_hand_worked_dates() {
    let out = load_set(&ALL);
    let ds = &out.dataset;
    let ids: Vec<&str> = ds.children.iter().map(|c| c.child_id.as_str()).collect();
    assert_eq!(ids, ["0012", "0034", "0056", "0078"]);
    let c = &ds.children[0];
    assert_eq!(c.date_of_birth, Some(d(2020, 3, 15)));
    assert_eq!(c.date(M::FirstAccommodated), Some(d(2021, 6, 1)));
    assert_eq!(c.date(M::LastAccommodated), Some(d(2021, 6, 1)));
    assert_eq!(c.date(M::AdmDecision), Some(d(2021, 11, 15)));
    assert_eq!(c.date(M::FinalPlacement), Some(d(2022, 3, 1)));
    assert_eq!(c.date(M::OrderGranted), Some(d(2022, 12, 20)));
    assert_eq!(c.date(M::CeasedLookedAfter), Some(d(2022, 12, 20)));
    assert_eq!(c.destination_category, Some(Destination::Adoption));
    assert_eq!(c.permanence_route.as_deref(), Some("adoption"));
    let e = &ds.england["0012"];
    assert_eq!(e.placement_order, Some(d(2022, 1, 10)));
    assert_eq!(e.matched, Some(d(2022, 2, 1)));
    assert_eq!(e.placed_for_adoption, Some(d(2022, 3, 1)));
    assert_eq!(e.adoption_order, Some(d(2022, 12, 20)));
    assert_eq!((e.decision_reversed, e.periods_of_care), (None, 1));

    let c = &ds.children[1];
    assert_eq!(c.date(M::FirstAccommodated), Some(d(2019, 2, 5)));
    assert_eq!(c.date(M::LastAccommodated), Some(d(2022, 9, 1)));
    assert_eq!(c.date(M::AdmDecision), Some(d(2023, 3, 1)));
    assert_eq!(c.date(M::CeasedLookedAfter), None, "the latest period carries on");
    assert_eq!(c.permanence_route, None, "the decision was reversed");
    assert_eq!((c.placement_type_at_start, c.placement_type), (Some(P::Kinship), Some(P::FosterPurchased)));
    let e = &ds.england["0034"];
    assert_eq!((e.decision_reversed, e.reversal_reason.as_deref()), (Some(d(2023, 10, 1)), Some("RD1")));
    assert_eq!((e.periods_of_care, e.placement_order), (2, None));

    let c = &ds.children[2];
    assert_eq!((c.date(M::FirstAccommodated), c.date(M::LastAccommodated)), (None, None));
    assert_eq!(c.date(M::AdmDecision), Some(d(2023, 5, 1)));
    assert_eq!(ds.england["0056"].placement_order, Some(d(2023, 6, 15)));
    assert_eq!(ds.england["0056"].periods_of_care, 0);

    assert_eq!(ds.children[3].date(M::LastAccommodated), Some(d(2023, 10, 10)));
    assert_eq!(ds.events.len(), 2);
    assert_eq!(ds.events[0].date, d(2021, 12, 1));
}

#[test]
fn placement_histories_follow_the_episodes() {
    let out = load_set(&ALL);
    let of = |id: &str| -> Vec<(NaiveDate, Option<NaiveDate>, P, String)> {
        out.dataset
            .placements
            .iter()
            .filter(|p| &*p.child_id == id)
            .map(|p| (p.start, p.end, p.placement_type, p.placement_type_raw.to_string()))
            .collect()
    };
    // The change of legal status on 10/01/2022 keeps the U6 placement.
    assert_eq!(
        of("0012"),
        [
            (d(2021, 6, 1), Some(d(2022, 3, 1)), P::FosterLa, "U6".into()),
            (d(2022, 3, 1), Some(d(2022, 12, 20)), P::ProspectiveAdopters, "A6".into()),
        ]
    );
    // The first period ends on 01/05/2019 (returned home), not when the next period starts.
    assert_eq!(
        of("0034"),
        [
            (d(2019, 2, 5), Some(d(2019, 5, 1)), P::Residential, "R1".into()),
            (d(2022, 9, 1), Some(d(2022, 12, 1)), P::Kinship, "U3".into()),
            (d(2022, 12, 1), None, P::FosterPurchased, "U4".into()),
        ]
    );
    assert_eq!(of("0056"), [(d(2023, 4, 1), None, P::FosterLa, "U4".into())]);
    // The hospital stay (T1) is a temporary move: the children's home placement carries on.
    assert_eq!(of("0078"), [(d(2023, 10, 10), None, P::Residential, "K2".into())]);
}

#[test]
fn milestones_the_return_does_not_collect_are_marked() {
    let out = load_set(&["episodes.csv"]);
    let ds = &out.dataset;
    for m in [M::PermanenceRecommendation, M::PermanencePanel, M::CourtApplication, M::FirstReferral] {
        assert!(!ds.collects(m), "{m:?}");
    }
    for m in [M::LastAccommodated, M::AdmDecision, M::FinalPlacement, M::OrderGranted] {
        assert!(ds.collects(m), "{m:?}");
    }
    assert_eq!(ds.children.len(), 4);
    assert_eq!(ds.children[0].date_of_birth, None, "no Header table");
}

#[test]
fn a_set_without_episodes_says_so() {
    let out = load_set(&["header.csv", "ad1.csv"]);
    assert!(out.dataset.children.is_empty());
    assert!(out.report.problems.iter().any(|p| p.severity == Severity::Error
        && p.kind == ProblemKind::Mapping
        && p.message.contains("no SSDA903 Episodes")));
}
