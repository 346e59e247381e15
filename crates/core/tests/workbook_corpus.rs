//! The workbook corpus (`tests/corpus/wb_*`, made by `scripts/make_workbook_corpus.py`) read
//! through `read_workbook`: sheet names, row numbers as the user sees them in their spreadsheet
//! program, and raw cells. Every expected value was worked out by hand from the script:
//!
//! - 2021-01-01 is serial 44197 in the 1900 system and 42735 in the 1904 system (44197 - 1462);
//! - 2021-03-15 is 44270 (1900) and 42808 (1904); 2019-07-04 is 43650; 2015-06-20 is 42175.

use chrono::{NaiveDate, NaiveDateTime};
use timescales_core::ingest::table::{Cell, Sheet};
use timescales_core::ingest::workbook::{FileKind, WorkbookError, read_workbook, read_workbook_reporting, sniff};

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> Vec<Sheet> {
    read_workbook(&bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn names(sheets: &[Sheet]) -> Vec<&str> {
    sheets.iter().map(|s| s.name.as_str()).collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dt(y: i32, m: u32, day: u32, h: u32, min: u32) -> Cell {
    Cell::DateTime(d(y, m, day).and_hms_opt(h, min, 0).unwrap())
}

fn midnight(y: i32, m: u32, day: u32) -> Cell {
    dt(y, m, day, 0, 0)
}

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

fn n(v: f64) -> Cell {
    Cell::Number(v)
}

/// The calendar date a raw cell stands for, done independently of the library: a date cell as it
/// is, a number as a serial in the sheet's date system. Text is not interpreted here (the UK
/// date parser does that).
fn date_of(cell: &Cell, date1904: bool) -> Option<NaiveDate> {
    match cell {
        Cell::DateTime(x) => Some(x.date()),
        Cell::Date(x) => Some(*x),
        Cell::Number(v) => {
            let days = v.floor() as i64;
            let epoch: NaiveDateTime = if date1904 { d(1904, 1, 1) } else { d(1899, 12, 30) }.into();
            assert!(date1904 || days >= 61, "serials before March 1900 are outside this helper");
            Some((epoch + chrono::Duration::days(days)).date())
        }
        _ => None,
    }
}

/// Index of the sheet row the user sees as `row` (panics if that row is not in the grid).
fn at(sheet: &Sheet, row: u32) -> &[Cell] {
    let i = row.checked_sub(sheet.first_row).expect("row above the grid") as usize;
    &sheet.rows[i]
}

#[test]
fn date_formatted_cells_become_date_times() {
    let sheets = read("wb_date_cells.xlsx");
    assert_eq!(names(&sheets), ["children"]);
    let s = &sheets[0];
    assert_eq!((s.first_row, s.rows.len(), s.date1904), (1, 3, false));
    assert_eq!(
        s.rows[0],
        [
            t("child_id"),
            t("date_of_birth"),
            t("last_accommodated_date"),
            t("permanence_panel_date"),
            t("looked_after"),
            t("note")
        ]
    );
    assert_eq!(s.row_number(1), 2);
    assert_eq!(
        *at(s, 2),
        [
            t("C001"),
            midnight(2015, 6, 20),
            midnight(2021, 1, 1),
            dt(2021, 3, 15, 14, 30),
            Cell::Bool(true),
            t("  spaced  ")
        ]
    );
    assert_eq!(
        *at(s, 3),
        [
            t("C002"),
            midnight(2015, 6, 20),
            midnight(2019, 7, 4),
            Cell::Error("#N/A".into()),
            Cell::Bool(false),
            Cell::Empty
        ]
    );
}

#[test]
fn bare_serials_stay_numbers() {
    let sheets = read("wb_serials.xlsx");
    assert_eq!(names(&sheets), ["children"]);
    let s = &sheets[0];
    assert_eq!((s.first_row, s.rows.len(), s.date1904), (1, 3, false));
    assert_eq!(s.rows[0], [t("child_id"), t("last_accommodated_date"), t("permanence_panel_date"), t("episode_no")]);
    assert_eq!(*at(s, 2), [t("C001"), n(44197.0), n(44270.5), n(1.0)]);
    assert_eq!(*at(s, 3), [t("C002"), n(43650.0), Cell::Empty, n(2.0)]);
    assert_eq!(date_of(&at(s, 2)[1], s.date1904), Some(d(2021, 1, 1)));
    assert_eq!(date_of(&at(s, 2)[2], s.date1904), Some(d(2021, 3, 15)));
    assert_eq!(date_of(&at(s, 3)[1], s.date1904), Some(d(2019, 7, 4)));
}

#[test]
fn workbook_in_the_1904_system() {
    let sheets = read("wb_1904.xlsx");
    assert_eq!(names(&sheets), ["children"]);
    let s = &sheets[0];
    assert!(s.date1904, "workbookPr date1904 must be reported");
    assert_eq!((s.first_row, s.rows.len()), (1, 3));
    // Date cells are converted by the reader; bare serials keep the 1904 count.
    assert_eq!(*at(s, 2), [t("C001"), midnight(2021, 1, 1), n(42735.0)]);
    assert_eq!(*at(s, 3), [t("C002"), midnight(2021, 3, 15), n(42808.0)]);
    assert_eq!(date_of(&at(s, 2)[2], true), Some(d(2021, 1, 1)));
    assert_eq!(date_of(&at(s, 3)[2], true), Some(d(2021, 3, 15)));
}

#[test]
fn dates_typed_as_text_stay_text() {
    let sheets = read("wb_text_dates.xlsx");
    let s = &sheets[0];
    assert_eq!((s.name.as_str(), s.first_row, s.rows.len()), ("children", 1, 6));
    let col: Vec<&Cell> = s.rows.iter().skip(1).map(|r| &r[1]).collect();
    assert_eq!(col, [&t("01/01/2021"), &t("1/1/21"), &t("1 Jan 2021"), &t("2021-01-01"), &t("TBC")]);
    assert_eq!(at(s, 6)[0], t("C005"));
}

#[test]
fn multi_sheet_workbook_keeps_worksheets_in_order_and_skips_the_chart_sheet() {
    let sheets = read("wb_multi_sheet.xlsx");
    assert_eq!(names(&sheets), ["Children", "Placement history", "Events"]);
    let [children, placements, events] = &sheets[..] else { unreachable!() };
    assert_eq!(children.rows[0], [t("Child ID"), t("Date Accommodated"), t("Placement type")]);
    assert_eq!(*at(children, 2), [t("C001"), midnight(2021, 1, 1), t("Kinship")]);
    assert_eq!((placements.first_row, placements.rows.len()), (1, 3));
    assert_eq!(*at(placements, 2), [t("C001"), midnight(2021, 1, 1), midnight(2021, 3, 15), t("Foster carers (LA)")]);
    assert_eq!(*at(placements, 3), [t("C001"), midnight(2021, 3, 15), Cell::Empty, t("Kinship")]);
    assert_eq!(*at(events, 2), [t("C001"), midnight(2021, 2, 12), t("LAC_review"), t("6-week review")]);
}

#[test]
fn a_workbook_read_in_two_shares_is_the_workbook_read_whole() {
    use timescales_core::ingest::workbook::{merge_shares, read_workbook_share};
    for name in ["wb_multi_sheet.xlsx", "wb_date_cells.xlsx", "wb_1904.xlsx", "wb_empty.xlsx"] {
        let bytes = bytes(name);
        let mut counts = Vec::new();
        let shares: Vec<_> = (0..2)
            .map(|i| read_workbook_share(&bytes, i, 2, &mut |read, total| counts.push((i, read, total))).unwrap())
            .collect();
        // Every worksheet is read by exactly one of the two.
        let places: Vec<usize> = shares.iter().flat_map(|s| s.sheets.iter().map(|(p, _)| *p)).collect();
        let whole = read(name);
        assert_eq!(places.len(), whole.len(), "{name}");
        assert!(shares.iter().all(|s| !s.annex_a), "{name}");
        // Each share counts its own sheets to its own total.
        for (i, share) in shares.iter().enumerate() {
            let mine: Vec<_> = counts.iter().filter(|c| c.0 == i).map(|c| (c.1, c.2)).collect();
            let n = share.sheets.len();
            assert_eq!(mine, (1..=n).map(|k| (k, n)).collect::<Vec<_>>(), "{name} share {i}");
        }
        assert_eq!(merge_shares(shares), whole, "{name}");
    }
    // The three worksheets of wb_multi_sheet.xlsx are split two and one.
    let shares: Vec<usize> = (0..2)
        .map(|i| read_workbook_share(&bytes("wb_multi_sheet.xlsx"), i, 2, &mut |_, _| {}).unwrap().sheets.len())
        .collect();
    assert_eq!(shares.iter().sum::<usize>(), 3);
    assert!(shares.contains(&1) && shares.contains(&2), "{shares:?}");
}

#[test]
fn a_share_holding_an_annex_a_list_says_so() {
    use timescales_core::ingest::workbook::read_workbook_share;
    let path = format!("{}/tests/corpus/annex_a/annex_a.xlsx", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    let flagged = (0..2).any(|i| read_workbook_share(&bytes, i, 2, &mut |_, _| {}).unwrap().annex_a);
    assert!(flagged, "List 10 or List 8 is in one of the two shares");
}

#[test]
fn only_xlsx_is_read_in_shares() {
    use timescales_core::ingest::workbook::{WorkbookError, read_workbook_share};
    let e = read_workbook_share(&bytes("wb_legacy.xls"), 0, 2, &mut |_, _| {}).unwrap_err();
    assert!(matches!(e, WorkbookError::Damaged { .. }), "{e:?}");
}

#[test]
fn table_at_c3_keeps_spreadsheet_rows_and_columns() {
    let sheets = read("wb_offset_table.xlsx");
    assert_eq!(names(&sheets), ["tracker", "no title"]);
    // A merged title in A1:E1: the value sits in A1 only.
    let tracker = &sheets[0];
    assert_eq!(tracker.first_row, 1);
    assert_eq!(tracker.rows[0][0], t("Permanence tracker - North team (synthetic)"));
    assert!(tracker.rows[0][1..].iter().all(|c| *c == Cell::Empty));
    assert!(at(tracker, 2).iter().all(Cell::is_blank));
    // Header in row 3, columns C and D; first data row 4.
    assert_eq!(at(tracker, 3)[..4], [Cell::Empty, Cell::Empty, t("child_id"), t("last_accommodated_date")]);
    assert_eq!(at(tracker, 4)[..4], [Cell::Empty, Cell::Empty, t("C001"), midnight(2021, 1, 1)]);
    assert_eq!(at(tracker, 5)[..4], [Cell::Empty, Cell::Empty, t("C002"), midnight(2021, 3, 15)]);
    assert_eq!(tracker.row_number(tracker.rows.len() - 1), 5);

    // Nothing above the table: the grid starts at row 3, still padded from column A.
    let bare = &sheets[1];
    assert_eq!((bare.first_row, bare.rows.len()), (3, 2));
    assert_eq!(bare.rows[0], [Cell::Empty, Cell::Empty, t("child_id"), t("last_accommodated_date")]);
    assert_eq!(bare.rows[1], [Cell::Empty, Cell::Empty, t("C001"), n(44197.0)]);
    assert_eq!(bare.row_number(1), 4);
}

#[test]
fn empty_workbook_has_one_empty_sheet() {
    let sheets = read("wb_empty.xlsx");
    assert_eq!(sheets, [Sheet { name: "Sheet1".into(), rows: Default::default(), first_row: 1, date1904: false }]);
}

#[test]
fn truncated_workbook_is_reported_as_damaged() {
    let b = bytes("wb_truncated.xlsx");
    assert_eq!(sniff(&b), FileKind::Xlsx);
    let err = read_workbook(&b).unwrap_err();
    assert!(matches!(err, WorkbookError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("may be damaged or only partly downloaded"), "{err}");
}

#[test]
fn a_load_error_from_a_workbook_keeps_the_workbook_error_as_its_source() {
    use std::error::Error;
    let b = bytes("wb_truncated.xlsx");
    let err = timescales_core::ingest::load(&b, "wb_truncated.xlsx", &Default::default()).unwrap_err();
    let timescales_core::ingest::LoadError::Workbook(inner) = &err else { panic!("{err:?}") };
    assert!(matches!(inner, WorkbookError::Damaged { .. }), "{inner:?}");
    let source = err.source().and_then(|s| s.downcast_ref::<WorkbookError>());
    assert_eq!(source, Some(inner));
    assert_eq!(err.to_string(), inner.to_string());
}

#[test]
fn password_protected_workbook_says_so() {
    let b = bytes("wb_password.xlsx");
    assert_eq!(sniff(&b), FileKind::Xls, "an encrypted XLSX is an OLE compound file");
    let err = read_workbook(&b).unwrap_err();
    assert_eq!(err, WorkbookError::PasswordProtected);
    assert!(err.to_string().starts_with("This workbook is protected with a password"));
}

#[test]
fn legacy_xls_dates_serials_text_and_offset_table() {
    let b = bytes("wb_legacy.xls");
    assert_eq!(sniff(&b), FileKind::Xls);
    let sheets = read("wb_legacy.xls");
    assert_eq!(names(&sheets), ["children", "events"]);
    let s = &sheets[0];
    assert_eq!((s.first_row, s.rows.len(), s.date1904), (1, 2, false));
    assert_eq!(s.rows[0], [t("child_id"), t("date_cell"), t("serial"), t("text"), t("episode_no")]);
    assert_eq!(*at(s, 2), [t("C001"), midnight(2021, 1, 1), n(44197.0), t("01/01/2021"), n(1.0)]);
    // Table at B5.
    let ev = &sheets[1];
    assert_eq!((ev.first_row, ev.rows.len()), (5, 2));
    assert_eq!(ev.rows, vec![vec![Cell::Empty, t("child_id")], vec![Cell::Empty, t("C001")]].into());
}

#[test]
fn legacy_xls_in_the_1904_system() {
    let sheets = read("wb_1904.xls");
    let s = &sheets[0];
    assert!(s.date1904);
    assert_eq!(*at(s, 2), [t("C001"), midnight(2021, 1, 1), n(42735.0)]);
}

#[test]
fn ods_dates_and_row_offset() {
    let b = bytes("wb_dates.ods");
    assert_eq!(sniff(&b), FileKind::Ods);
    let sheets = read("wb_dates.ods");
    assert_eq!(names(&sheets), ["children", "Placement history"]);
    let s = &sheets[0];
    // Two empty rows above the header: header is row 3, the first data row is row 4.
    assert_eq!((s.first_row, s.rows.len(), s.date1904), (3, 2, false));
    assert_eq!(s.rows[0][0], t("child_id"));
    assert_eq!(*at(s, 4), [t("C001"), Cell::Date(d(2021, 1, 1)), dt(2021, 3, 15, 14, 30), n(44197.0), t("01/01/2021")]);
    assert_eq!(sheets[1].rows, vec![vec![t("child_id")]].into());
    assert_eq!(sheets[1].first_row, 1);
}

#[test]
fn the_same_date_comes_out_the_same_from_every_kind_of_cell() {
    // 2021-01-01 as a date cell and as a serial in each format and date system.
    let jan1 = Some(d(2021, 1, 1));
    let xlsx = read("wb_date_cells.xlsx");
    let serial = read("wb_serials.xlsx");
    let mac = read("wb_1904.xlsx");
    let xls = read("wb_legacy.xls");
    let xls1904 = read("wb_1904.xls");
    let ods = read("wb_dates.ods");
    let cases: [(&Sheet, u32, usize); 9] = [
        (&xlsx[0], 2, 2),
        (&serial[0], 2, 1),
        (&mac[0], 2, 1),
        (&mac[0], 2, 2),
        (&xls[0], 2, 1),
        (&xls[0], 2, 2),
        (&xls1904[0], 2, 1),
        (&xls1904[0], 2, 2),
        (&ods[0], 4, 1),
    ];
    for (sheet, row, col) in cases {
        let cell = &at(sheet, row)[col];
        assert_eq!(date_of(cell, sheet.date1904), jan1, "{} row {row} col {col}: {cell:?}", sheet.name);
    }
    // The ODS float 44197 is a 1900-system serial too (ODS has no 1904 flag).
    assert_eq!(date_of(&at(&ods[0], 4)[3], ods[0].date1904), jan1);
}

#[test]
fn fuzz_found_xls_whose_sector_table_loops_is_refused() {
    // Found by the load_workbook fuzz target: calamine followed the looping directory chain until
    // memory ran out. It is refused as damaged before calamine reads it.
    // The second file's table ends in a sector cut short by the end of the file.
    for name in ["fuzz_xls_fat_loop.xls", "fuzz_xls_fat_loop_short.xls"] {
        let err = read_workbook(&bytes(name)).unwrap_err();
        assert!(matches!(err, WorkbookError::Damaged { .. }), "{name}: {err:?}");
        assert!(err.to_string().contains("loops back on itself"), "{name}: {err}");
    }
}

#[test]
fn fuzz_found_compound_file_that_panics_calamine_is_reported_as_damaged() {
    // Found by the load_workbook fuzz target: calamine asserts on a sector whose length is not a
    // whole number of table entries. Natively the panic is caught and reported as damage; in the
    // browser the worker stops and the page says the workbook could not be read.
    let err = read_workbook(&bytes("fuzz_cfb_short_sector.xls")).unwrap_err();
    assert!(matches!(err, WorkbookError::Damaged { .. }), "{err:?}");
}

#[test]
fn reading_reports_each_worksheet_as_it_is_read() {
    // By hand: wb_multi_sheet.xlsx has three worksheets (and a chart sheet, which is not one), so
    // the reader reports 1, 2 and 3 of 3; wb_dates.ods has two (children, Placement history).
    let mut seen = Vec::new();
    let sheets = read_workbook_reporting(&bytes("wb_multi_sheet.xlsx"), &mut |done, total| seen.push((done, total)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sheets.len(), 3);
    assert_eq!(seen, [(1, 3), (2, 3), (3, 3)]);
    let mut seen = Vec::new();
    read_workbook_reporting(&bytes("wb_dates.ods"), &mut |done, total| seen.push((done, total)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(seen, [(1, 2), (2, 2)]);
}
