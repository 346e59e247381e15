//! The .xlsx reader of our own (`ingest/xlsx_sheet.rs`, docs/architecture.md#speed)
//! gives exactly the sheets calamine gave: for every workbook of the test corpus, for the demo
//! cohort written as a workbook, and for small workbooks built here by hand, one for each case the
//! reader handles. The hand-built ones also carry expected values worked out by hand.

mod common;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use timescales_core::demo::{self, DemoOptions};
use timescales_core::ingest::limits::LimitError;
use timescales_core::ingest::table::{Cell, Sheet};
use timescales_core::ingest::workbook::{
    WorkbookError, read_workbook, read_workbook_reporting, read_workbook_with_calamine,
};

/// Reads `bytes` with both readers and checks they agree; gives our reader's answer.
fn both(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    let own = read_workbook(bytes);
    let oracle = read_workbook_with_calamine(bytes);
    match (&own, &oracle) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the sheets differ from calamine's"),
        // Limit errors name the same cell or sheet; other errors agree on their kind (the
        // technical detail is each reader's own wording).
        (Err(WorkbookError::Limit(a)), Err(WorkbookError::Limit(b))) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(std::mem::discriminant(a), std::mem::discriminant(b), "{a:?} / {b:?}"),
        _ => panic!("one reader failed: ours {own:?}, calamine {oracle:?}"),
    }
    own
}

fn corpus_workbooks(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            corpus_workbooks(&p, out);
        } else if p.extension().is_some_and(|x| x == "xlsx") {
            out.push(p);
        }
    }
}

#[test]
fn every_corpus_workbook_reads_as_calamine_read_it() {
    let mut files = Vec::new();
    corpus_workbooks(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"), &mut files);
    assert!(files.len() >= 10, "{files:?}");
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let _ = std::panic::catch_unwind(|| both(&bytes)).unwrap_or_else(|_| panic!("{}", f.display()));
    }
}

/// The demo cohort written as the CLI's `demo` command writes it (`xlsx_out`): dd/mm/yyyy dates
/// as date cells, whole numbers as numbers, everything else as (shared) text.
fn demo_workbook(children: usize) -> Vec<u8> {
    let ds = demo::generate(DemoOptions { children, seed: 1, ..DemoOptions::default() });
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheets = [("children", demo::children_rows(&ds)), ("placements", demo::placements_rows(&ds))];
    for (name, rows) in sheets.iter() {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                if v.is_empty() {
                    continue;
                }
                let d = NaiveDate::parse_from_str(v, "%d/%m/%Y").or_else(|_| NaiveDate::parse_from_str(v, "%Y-%m-%d"));
                if let Ok(d) = d {
                    let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8);
                    ws.write_datetime_with_format(r, c, x.unwrap(), &date).unwrap();
                } else if let Ok(n) = v.parse::<i32>() {
                    ws.write_number(r, c, f64::from(n)).unwrap();
                } else {
                    ws.write_string(r, c, v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn the_demo_workbook_at_a_thousand_children_reads_as_calamine_read_it() {
    let sheets = both(&demo_workbook(1000)).unwrap();
    assert_eq!(sheets.len(), 2);
    // Row 1 is left empty by the writer above (rows start at 1), so the grid starts at row 2.
    assert_eq!(sheets[0].first_row, 2);
    assert!(sheets[0].rows.len() >= 1000, "{}", sheets[0].rows.len());
    assert!(sheets[0].rows.iter().flatten().any(|c| matches!(c, Cell::DateTime(_))));
}

// ---------------------------------------------------------------------------------------------
// Hand-built workbooks.

/// A zip of stored (uncompressed) entries, written by the tests' shared zip writer (tests/common).
fn zip(entries: &[(&str, String)]) -> Vec<u8> {
    let entries: Vec<common::Entry> =
        entries.iter().map(|(name, data)| common::stored(name, data.as_bytes())).collect();
    common::zip(&entries)
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Styles: 0 general, 1 built-in 14 (a date), 2 custom 164 `dd/mm/yyyy` (a date), 3 built-in 46
/// `[h]:mm:ss` (a duration), 4 custom 165 `0.00` (a number).
const STYLES: &str = "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
    <numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"0.00\"/></numFmts>\
    <cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>\
    <cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\"/>\
    <xf numFmtId=\"46\"></xf><xf numFmtId=\"165\"/></cellXfs></styleSheet>";

/// Shared strings: 0 "Child ID"; 1 rich text "Date accommodated" in two runs with a phonetic run
/// left out; 2 "007"; 3 "a & b" written with an entity; 4 an empty item.
const STRINGS: &str = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"5\" uniqueCount=\"5\">\
    <si><t>Child ID</t></si>\
    <si><r><rPr><b/></rPr><t>Date </t></r><r><t xml:space=\"preserve\"> accommodated</t></r><rPh sb=\"0\" eb=\"1\"><t>ruby</t></rPh></si>\
    <si><t>007</t></si><si><t>a &amp; b</t></si><si/></sst>";

/// A workbook whose sheets are `(name, part, relationship type, xml)`, listed in that order.
fn workbook(sheets: &[(&str, &str, &str, String)], date1904: bool, strings: Option<&str>) -> Vec<u8> {
    let mut listed = String::new();
    let mut rels = String::new();
    let mut parts = Vec::new();
    for (i, (name, part, typ, xml)) in sheets.iter().enumerate() {
        listed.push_str(&format!("<sheet name=\"{name}\" sheetId=\"{}\" r:id=\"rId{}\"/>", i + 1, i + 1));
        rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"{REL}/{typ}\" Target=\"{part}\"/>", i + 1));
        parts.push((format!("xl/{part}"), xml.clone()));
    }
    let pr = if date1904 { "<workbookPr date1904=\"1\"/>" } else { "<workbookPr/>" };
    let mut entries = vec![
        (
            "_rels/.rels".to_string(),
            format!(
                "<Relationships><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\">{pr}<sheets>{listed}</sheets></workbook>"),
        ),
        ("xl/_rels/workbook.xml.rels".to_string(), format!("<Relationships>{rels}</Relationships>")),
        ("xl/styles.xml".to_string(), STYLES.to_string()),
    ];
    if let Some(s) = strings {
        entries.push(("xl/sharedStrings.xml".to_string(), s.to_string()));
    }
    entries.extend(parts);
    let refs: Vec<(&str, String)> = entries.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
    zip(&refs)
}

fn sheet(rows: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\r\n<worksheet xmlns=\"{MAIN}\"><dimension ref=\"A1\"/><sheetData>{rows}</sheetData></worksheet>"
    )
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn midnight(y: i32, m: u32, day: u32) -> Cell {
    Cell::DateTime(d(y, m, day).and_hms_opt(0, 0, 0).unwrap())
}

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

#[test]
fn every_kind_of_cell_reads_as_worked_out_by_hand() {
    let rows = "<row r=\"2\" spans=\"1:3\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>\
        <c r=\"C2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  spaced  </t></is></c></row>\
        <row><c t=\"s\"><v>2</v></c><c><v>1234567</v></c><c s=\"1\"><v>44197</v></c><c s=\"2\"><v>61</v></c>\
        <c s=\"2\"><v>60</v></c><c s=\"4\"><v>44197</v></c></row>\
        <row r=\"5\"><c r=\"A5\" t=\"b\"><v>1</v></c><c r=\"B5\" t=\"e\"><v>#N/A</v></c><c r=\"C5\" t=\"d\"><v>2021-03-15</v></c>\
        <c r=\"D5\" s=\"3\"><v>1.5</v></c><c r=\"E5\" t=\"n\"><v>2.5</v></c><c r=\"F5\"><f>SUM(1,2)</f><v>3</v></c>\
        <c r=\"G5\" t=\"str\"><f>\"x\"</f><v>Line1&#10;Line2 &amp; _x0041_&#x42;</v></c><c r=\"H5\" s=\"1\"/>\
        <c r=\"I5\" t=\"s\"><v>3</v></c><c r=\"J5\" t=\"inlineStr\"><is><r><t>rich </t></r><r><t>inline</t></r></is></c>\
        <c r=\"K5\"><v>  12 </v></c><!-- a comment --><c r=\"L5\" t=\"s\"><v>4</v></c></row>";
    let sheets =
        both(&workbook(&[("Children", "worksheets/sheet1.xml", "worksheet", sheet(rows))], false, Some(STRINGS)))
            .unwrap();
    let s = &sheets[0];
    assert_eq!((s.name.as_str(), s.first_row, s.date1904, s.rows.len()), ("Children", 2, false, 4));
    assert_eq!(s.rows[0][..3], [t("Child ID"), t("Date accommodated"), t("  spaced  ")]);
    // Row 3 has no r attributes: its cells take positions A3, B3, ... in turn.
    // - "007" stays text with its leading zeros; an id stored as a number is that number.
    // - 44197 with the built-in date format 14 is 1 January 2021 (1900 system).
    // - Serial 61 is 1 March 1900: Excel counts a 29 February 1900 that never was (serial 60),
    //   which reads as 28 February 1900.
    // - 44197 in the custom format 0.00 stays a number.
    assert_eq!(
        s.rows[1][..6],
        [
            t("007"),
            Cell::Number(1_234_567.0),
            midnight(2021, 1, 1),
            midnight(1900, 3, 1),
            midnight(1900, 2, 28),
            Cell::Number(44197.0)
        ]
    );
    assert!(s.rows[2].iter().all(|c| *c == Cell::Empty), "row 4 is empty");
    let r5 = &s.rows[3];
    assert_eq!(r5[0], Cell::Bool(true));
    assert_eq!(r5[1], Cell::Error("#N/A".into()));
    assert_eq!(r5[2], Cell::Date(d(2021, 3, 15)));
    // A duration ([h]:mm:ss) keeps its number of days; a formula gives its cached value.
    assert_eq!(r5[3..6], [Cell::Number(1.5), Cell::Number(2.5), Cell::Number(3.0)]);
    // &#10; is a line feed, &amp; an ampersand, _x0041_ Excel's escape for 'A', &#x42; is 'B'.
    assert_eq!(r5[6], t("Line1\nLine2 & AB"));
    assert_eq!(r5[7], Cell::Empty);
    // The run "rich " has no xml:space="preserve", so its trailing space is trimmed (as calamine
    // does; Excel writes the attribute whenever a run has outer spaces).
    assert_eq!(r5[8..10], [t("a & b"), t("richinline")]);
    // A general cell whose value is not a number is kept as its text, spaces and all.
    assert_eq!(r5[10], t("  12 "));
    // An empty shared string is an empty text cell, not an empty cell.
    assert_eq!(r5[11], t(""));
}

#[test]
fn cells_out_of_reading_order_land_where_their_references_say() {
    // Row 3 first, then row 2 (B2 before A2), then C3 again and a cell at D2: by hand, the grid
    // is rows 2 and 3 by columns A to D, and the second C3 replaces the first.
    let rows = "<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>c3</t></is></c></row>\
        <row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>b2</t></is></c><c r=\"A2\" t=\"inlineStr\"><is><t>a2</t></is></c></row>\
        <row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>again</t></is></c></row>\
        <row r=\"2\"><c r=\"D2\"><v>4</v></c></row>";
    let sheets = both(&workbook(&[("Odd", "worksheets/sheet1.xml", "worksheet", sheet(rows))], false, None)).unwrap();
    let s = &sheets[0];
    assert_eq!((s.first_row, s.rows.len()), (2, 2));
    assert_eq!(s.rows[0], [t("a2"), t("b2"), Cell::Empty, Cell::Number(4.0)]);
    assert_eq!(s.rows[1], [Cell::Empty, Cell::Empty, t("again"), Cell::Empty]);
}

#[test]
fn sheet_data_as_an_empty_element_is_an_empty_sheet() {
    let xml = format!(
        "<worksheet xmlns=\"{MAIN}\"><dimension ref=\"A1\"/><sheetData/><pageMargins left=\"0.7\"/></worksheet>"
    );
    let sheets = both(&workbook(&[("Empty", "worksheets/sheet1.xml", "worksheet", xml)], false, None)).unwrap();
    assert_eq!((sheets[0].name.as_str(), sheets[0].rows.len()), ("Empty", 0));
}

#[test]
fn a_1904_workbook_and_namespaced_elements() {
    let rows = "<x:row r=\"1\"><x:c r=\"A1\" s=\"1\"><x:v>42735</x:v></x:c><x:c r=\"B1\"><x:v>42735</x:v></x:c>\
        <x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>ns</x:t></x:is></x:c></x:row>";
    let xml = format!("<x:worksheet xmlns:x=\"{MAIN}\"><x:sheetData>{rows}</x:sheetData></x:worksheet>");
    let sheets = both(&workbook(&[("Dates", "worksheets/sheet1.xml", "worksheet", xml)], true, None)).unwrap();
    let s = &sheets[0];
    assert!(s.date1904);
    // In the 1904 system serial 42735 is 1 January 2021 (44197 - 1462, the days from 1900 to
    // 1904 in Excel's count). An unformatted serial stays a number for the date parser.
    assert_eq!(s.rows[0], [midnight(2021, 1, 1), Cell::Number(42735.0), t("ns")]);
}

#[test]
fn sheets_come_in_workbook_order_and_chart_sheets_are_skipped() {
    let one = |v: &str| sheet(&format!("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{v}</t></is></c></row>"));
    let chart = "<chartsheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>".to_string();
    let bytes = workbook(
        &[
            ("Second part", "worksheets/sheet2.xml", "worksheet", one("b")),
            ("Chart", "chartsheets/sheet1.xml", "chartsheet", chart),
            ("First part", "worksheets/sheet1.xml", "worksheet", one("a")),
            ("Not a worksheet", "worksheets/sheet3.xml", "worksheet", "<worksheet><cols/></worksheet>".into()),
        ],
        false,
        None,
    );
    let mut progress = Vec::new();
    let sheets = read_workbook_reporting(&bytes, &mut |done, total| progress.push((done, total))).unwrap();
    assert_eq!(both(&bytes).unwrap(), sheets);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Second part", "First part", "Not a worksheet"]);
    assert_eq!(sheets[0].rows, vec![vec![t("b")]].into());
    // A part without sheet data reads as an empty sheet.
    assert!(sheets[2].rows.is_empty());
    assert_eq!(progress, [(1, 3), (2, 3), (3, 3)]);
}

#[test]
fn a_long_shared_string_is_refused_at_each_cell_that_uses_it() {
    let strings = format!("<sst><si><t>short</t></si><si><t>{}</t></si></sst>", "x".repeat(32_768));
    let rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"3\"><c r=\"C3\" t=\"s\"><v>1</v></c></row>";
    let bytes = workbook(&[("Children", "worksheets/sheet1.xml", "worksheet", sheet(rows))], false, Some(&strings));
    let Err(WorkbookError::Limit(err)) = both(&bytes) else { panic!("expected a limit error") };
    assert_eq!(err, LimitError::CellTooLong { sheet: "Children".into(), row: 3, column: "C".into(), chars: 32_768 });
}

#[test]
fn damaged_parts_are_reported_not_panicked_on() {
    let good = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
    for bad in [
        format!("{good}<row><c r=\"A1\" t=\"s\"><v>9</v></c></row>"), // past the strings table
        "<row r=\"1\"><c r=\"A1\" t=\"q\"><v>1</v></c></row>".to_string(), // unknown type
        "<row r=\"1\"><c r=\"A1\" t=\"b\"><v>2</v></c></row>".to_string(), // not a boolean
        "<row r=\"1\"><c r=\"A1\" t=\"e\"><v>#OOPS</v></c></row>".to_string(), // not an error value
        "<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>".to_string(),    // not a reference
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c>".to_string(),          // cut short
    ] {
        let xml = sheet(&bad)
            .replace("</sheetData></worksheet>", if bad.ends_with("</c>") { "" } else { "</sheetData></worksheet>" });
        let bytes = workbook(&[("S", "worksheets/sheet1.xml", "worksheet", xml)], false, Some(STRINGS));
        let err = both(&bytes).unwrap_err();
        assert!(matches!(err, WorkbookError::SheetUnreadable { .. }), "{bad}: {err:?}");
    }
}
