//! Ofsted Annex A: a hand-made workbook with several lists (written here with rust_xlsxwriter),
//! read as the app and the CLI read it. List 10 is the children sheet, List 8 is joined on the
//! child id, the other lists are noted and not used (docs/domain.md#annex-a). The committed copy,
//! `corpus/annex_a/annex_a.xlsx` (used by the CLI and browser tests), is this workbook: run with
//! `TIMESCALES_WRITE_CORPUS=1` to write it again.

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet};
use timescales_core::analysis::{Settings, StageId, analyse};
use timescales_core::ingest::load::{LoadOptions, load};
use timescales_core::model::{Milestone, PlacementType};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn date_cell(ws: &mut Worksheet, row: u32, col: u16, text: &str, fmt: &Format) {
    if text.is_empty() {
        return;
    }
    let (dd, mm, yy) = (&text[0..2], &text[3..5], &text[6..10]);
    let dt = ExcelDateTime::from_ymd(yy.parse().unwrap(), mm.parse().unwrap(), dd.parse().unwrap()).unwrap();
    ws.write_datetime_with_format(row, col, &dt, fmt).unwrap();
}

/// The workbook: List 1 (contacts, not used), List 8 and List 10 with a title row, trailing
/// spaces in headings, lettered codes, and one date stored as a formula with its cached value.
fn workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 4, 1).unwrap();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let fmt = Format::new().set_num_format("dd/mm/yyyy");

    let ws = wb.add_worksheet().set_name("List 1").unwrap();
    ws.write_row(0, 0, ["Child Unique ID", "Date of Contact", "Contact Source"]).unwrap();
    ws.write_string(1, 0, "C9").unwrap();
    date_cell(ws, 1, 1, "01/01/2024", &fmt);

    let ws = wb.add_worksheet().set_name("List 8").unwrap();
    ws.write_row(
        0,
        0,
        [
            "Child Unique ID ",
            "Gender",
            "Date Started to be Looked After",
            "Placement Type",
            "Date Ceased to be Looked After",
        ],
    )
    .unwrap();
    let list8 = [
        ("C1", "a) Male", "01/06/2021", "A6", "20/12/2022"),
        ("C2", "b) Female", "01/01/2023", "a) Foster Care (LA)", ""),
        ("C3", "a) Male", "01/09/2023", "U4", ""),
    ];
    for (i, (id, sex, start, place, ceased)) in list8.into_iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_row(r, 0, [id, sex]).unwrap();
        date_cell(ws, r, 2, start, &fmt);
        ws.write_string(r, 3, place).unwrap();
        date_cell(ws, r, 4, ceased, &fmt);
    }

    let ws = wb.add_worksheet().set_name("List 10").unwrap();
    ws.write_string(0, 0, "List 10: Adoption").unwrap();
    let headings = [
        "Child Unique ID",
        "Gender ",
        "Date the Child Entered Care ",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order ",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ];
    ws.write_row(1, 0, headings).unwrap();
    let list10 = [
        ["C1", "a) Male", "", "15/11/2021", "10/01/2022", "01/02/2022", "01/03/2022", "20/12/2022", "", "", ""],
        ["C2", "b) Female", "01/01/2023", "01/02/2023", "01/03/2023", "20/02/2023", "", "", "", "", "15/02/2023"],
        ["C3", "a) Male", "01/09/2023", "01/12/2023", "", "", "", "", "01/02/2024", "a) RD1", ""],
    ];
    for (i, row) in list10.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_row(r, 0, [row[0], row[1]]).unwrap();
        for (k, text) in row.iter().enumerate().skip(2) {
            if k == 9 {
                ws.write_string(r, k as u16, *text).unwrap();
            } else {
                date_cell(ws, r, k as u16, text, &fmt);
            }
        }
    }
    // C1 entered care 01/06/2021, stored as a formula with its cached value (serial 44348: 2021
    // starts at 44197, plus Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 = 151).
    ws.write_formula_with_format(2, 2, Formula::new("=DATE(2021,6,1)").set_result("44348"), &fmt).unwrap();
    wb.save_to_buffer().unwrap()
}

fn corpus() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/annex_a/annex_a.xlsx")
}

#[test]
fn list_10_is_the_children_sheet_with_list_8_joined() {
    let bytes = workbook();
    if std::env::var_os("TIMESCALES_WRITE_CORPUS").is_some() {
        std::fs::create_dir_all(corpus().parent().unwrap()).unwrap();
        std::fs::write(corpus(), &bytes).unwrap();
    }
    for bytes in [bytes, std::fs::read(corpus()).expect("the committed corpus workbook")] {
        let opts = LoadOptions { today: Some(d(2024, 3, 31)), ..Default::default() };
        let out = load(&bytes, "annex_a.xlsx", &opts).unwrap();
        assert!(!out.needs_mapping(), "{:?}", out.sheets);
        let ds = &out.dataset;
        let ids: Vec<&str> = ds.children.iter().map(|c| c.child_id.as_str()).collect();
        assert_eq!(ids, ["C1", "C2", "C3"], "List 1's child is not a child of List 10");
        // The formula's cached value; List 8's ceased date and lettered placement type joined.
        let c1 = &ds.children[0];
        assert_eq!(c1.date(Milestone::LastAccommodated), Some(d(2021, 6, 1)));
        assert_eq!(c1.date(Milestone::CeasedLookedAfter), Some(d(2022, 12, 20)));
        assert_eq!(ds.children[1].placement_type, Some(PlacementType::FosterLa));
        let e3 = &ds.england["C3"];
        assert_eq!((e3.decision_reversed, e3.reversal_reason.as_deref()), (Some(d(2024, 2, 1)), Some("RD1")));
        // C2 moved in with its fostering-for-adoption carers on 15/02/2023.
        assert_eq!(ds.england["C2"].moved_in, Some(d(2023, 2, 15)));
        let notes: Vec<&str> = out.report.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(notes.iter().any(|n| n.contains("List 8 (children looked after): joined")), "{notes:?}");
        assert!(notes.contains(&"sheet not used: not Annex A List 10 or List 8"), "{notes:?}");

        let a = analyse(ds, &Settings::default(), d(2024, 3, 31));
        let stage = |id| a.find_stage(id).unwrap();
        let median = |id| stage(id).complete.median_days;
        // C1 01/06/2021 -> 15/11/2021 = 167; C2 31; C3 01/09/2023 -> 01/12/2023 = 91: median 91.
        assert_eq!(median(StageId::EnteredCareToAdoptionDecision), Some(91.0));
        // C1 order 10/01/2022 -> match 01/02/2022 = 22; C2 matched before its order: 0.
        assert_eq!(median(StageId::PlacementOrderToMatch), Some(11.0));
        // C1 273 days to placed; C2 waits from 01/01/2023: 365 + 31 + 29 + 31 - 1 = 455 days.
        let placed = stage(StageId::EnteredCareToPlacedForAdoption);
        assert_eq!((placed.complete.n, placed.waiting.n, placed.waiting.longest_days), (1, 1, Some(455)));
        // Moving in: C1 273, C2 01/01/2023 -> 15/02/2023 = 30 + 15 = 45; median 159.
        assert_eq!(median(StageId::EnteredCareToMovedIn), Some(159.0));
        // Annex A records no recommendation: aim 2 says so instead of showing zeros.
        let a2 = a.stage(StageId::AccommodatedToRecommendation);
        assert_eq!(a2.not_collected, [Milestone::PermanenceRecommendation]);
    }
}
