//! Hostile files end in the right limit error, quickly and before the work is done
//! (docs/architecture.md#limits-and-hostile-files): a zip bomb disguised as `.xlsx`, a file over
//! the size limit, a sheet with 10,000 columns, a single 50 MB cell, too many rows, a stray cell at
//! the far corner of a sheet. Every file is built here at test time; none is committed.
//!
//! The tests assert on the error, not on the clock: each limit is checked before the costly work,
//! so the error itself shows the work was not done.

use std::io::Write;

use flate2::Compression;
use flate2::write::DeflateEncoder;
use timescales_core::ingest::limits::{LimitError, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, column_letters};
use timescales_core::ingest::load::{LoadError, LoadOptions, load, read_sheets};
use timescales_core::ingest::workbook::{WorkbookError, read_workbook};

mod common;

use common::{Entry, stored, zip};

const MB: usize = 1024 * 1024;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A one-sheet XLSX workbook (sheet "Children") whose sheet part is `sheet`.
fn xlsx(sheet: Entry) -> Vec<u8> {
    let workbook = format!(
        "<workbook xmlns=\"{MAIN}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <sheets><sheet name=\"Children\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
        Target=\"worksheets/sheet1.xml\"/></Relationships>";
    let root = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
        Target=\"xl/workbook.xml\"/></Relationships>";
    zip(&[
        stored("_rels/.rels", root.as_bytes()),
        stored("xl/workbook.xml", workbook.as_bytes()),
        stored("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        sheet,
    ])
}

/// A sheet part holding `cells` (already written as `<row>` elements).
fn sheet_xml(rows: &str) -> String {
    format!("<worksheet xmlns=\"{MAIN}\"><sheetData>{rows}</sheetData></worksheet>")
}

/// An inline-text cell at a 0-based position.
fn cell(row: usize, col: usize, text: &str) -> String {
    format!("<c r=\"{}{}\" t=\"inlineStr\"><is><t>{text}</t></is></c>", column_letters(col), row + 1)
}

fn limit(e: WorkbookError) -> LimitError {
    match e {
        WorkbookError::Limit(l) => l,
        other => panic!("expected a limit error, got {other:?}"),
    }
}

fn load_limit(bytes: &[u8], name: &str) -> LimitError {
    match load(bytes, name, &LoadOptions::default()) {
        Err(LoadError::Limit(l)) => l,
        other => panic!("expected a limit error, got {other:?}"),
    }
}

/// A raw deflate stream that inflates to `megabytes` MB of spaces after `prefix`: one megabyte of
/// spaces is compressed once (ending on a byte boundary) and that block repeated, so a few MB of
/// stream inflate to gigabytes without the test inflating or deflating them.
fn bomb_stream(prefix: &[u8], megabytes: usize) -> Vec<u8> {
    let mut head = DeflateEncoder::new(Vec::new(), Compression::best());
    head.write_all(prefix).unwrap();
    head.flush().unwrap();
    let mut out = head.get_ref().clone();
    let mut block = DeflateEncoder::new(Vec::new(), Compression::best());
    block.write_all(&vec![b' '; MB]).unwrap();
    block.flush().unwrap();
    let block = block.get_ref().clone();
    for _ in 0..megabytes {
        out.extend(&block);
    }
    out.extend([0x03, 0x00]); // a final, empty fixed-Huffman block
    out
}

fn bomb(declared_unpacked: u32) -> Vec<u8> {
    let data = bomb_stream(sheet_xml("").trim_end_matches("</sheetData></worksheet>").as_bytes(), 3 * 1024);
    xlsx(Entry { name: "xl/worksheets/sheet1.xml".into(), data, method: 8, crc: 0, unpacked: declared_unpacked })
}

#[test]
fn the_hand_written_workbook_reads() {
    // The builder itself is right: a tiny valid workbook reads as written.
    let rows = format!("<row r=\"2\">{}{}</row>", cell(1, 1, "Child ID"), cell(1, 2, "Date accommodated"));
    let sheets = read_workbook(&xlsx(stored("xl/worksheets/sheet1.xml", sheet_xml(&rows).as_bytes()))).unwrap();
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].first_row, 2);
    assert_eq!(sheets[0].rows[0].len(), 3);
}

#[test]
fn zip_bomb_declaring_gigabytes_is_refused_from_the_directory() {
    let bytes = bomb(u32::MAX - 1);
    assert!(bytes.len() < 8 * MB, "the bomb is {} bytes", bytes.len());
    let err = limit(read_workbook(&bytes).unwrap_err());
    let LimitError::CompressionRatio { entry, ratio } = &err else { panic!("{err:?}") };
    assert_eq!(entry, "xl/worksheets/sheet1.xml");
    assert!(*ratio > 500, "{ratio}");
    assert!(err.to_string().starts_with("This workbook is not safe to open"), "{err}");
    // Through the loader too, as the same typed error.
    assert_eq!(load_limit(&bytes, "tracker.xlsx"), err);
}

#[test]
fn zip_bomb_that_lies_about_its_size_stops_at_the_declared_size() {
    // The directory says the sheet unpacks to 1 MB; it would inflate to 3 GB. The zip reader
    // stops it just past the declared size, so the bytes actually inflated stay bounded.
    let err = read_workbook(&bomb(MB as u32)).unwrap_err();
    let WorkbookError::SheetUnreadable { sheet, detail } = &err else { panic!("{err:?}") };
    assert_eq!(sheet, "Children");
    assert!(detail.contains("larger than its declared"), "{detail}");
}

#[test]
fn a_workbook_unpacking_past_the_limit_is_refused() {
    // 30 entries each declaring 15 MB, packed 100 times: 450 MB in all, each ratio fine.
    let mut entries = Vec::new();
    for i in 0..30 {
        let data = vec![0u8; 150 * 1024];
        entries.push(Entry {
            name: format!("xl/media/image{i}.bin"),
            data,
            method: 0,
            crc: 0,
            unpacked: 15 * MB as u32,
        });
    }
    entries.push(stored("xl/workbook.xml", b"<workbook/>"));
    let err = limit(read_workbook(&zip(&entries)).unwrap_err());
    // 450 MB and the 11 bytes of the workbook part.
    assert_eq!(err, LimitError::UnpacksTooLarge { bytes: 450 * MB as u64 + 11 });
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    // The size is checked from the length alone (limits.rs tests a fake 200 MB length); here a
    // real buffer one byte over the limit, which is never decoded.
    let bytes = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    let err = load_limit(&bytes, "big.csv");
    assert_eq!(err, LimitError::FileTooLarge { bytes: MAX_FILE_BYTES + 1 });
    let mut zip_head = vec![0u8; MAX_FILE_BYTES as usize + 1];
    zip_head[..4].copy_from_slice(b"PK\x03\x04");
    assert_eq!(limit(read_workbook(&zip_head).unwrap_err()), err);
}

#[test]
fn a_large_real_file_is_inside_every_limit() {
    // A 20 MB tracker of 15 columns (larger than a 100,000-child extract) meets no limit.
    let header =
        "Child ID,Date of birth,Date accommodated,Team,Placement type,Notes,c7,c8,c9,c10,c11,c12,c13,c14,c15\n";
    let mut csv = String::from(header);
    let mut i = 0;
    while csv.len() < 20 * MB {
        i += 1;
        csv.push_str(&format!("C{i:07},01/02/2015,03/04/2021,North,Foster care,reviewed,a,b,c,d,e,f,g,h,i\n"));
    }
    let (sheets, _) = read_sheets(csv.as_bytes(), "national.csv").unwrap();
    assert_eq!(sheets[0].rows.len(), i + 1);
    assert!(sheets[0].rows.iter().all(|r| r.len() == 15));
}

#[test]
fn ten_thousand_columns_are_refused() {
    let header: Vec<String> = (0..10_000).map(|i| format!("col{i}")).collect();
    let csv = format!("Child ID,{}\nA1\n", header.join(","));
    let err = load_limit(csv.as_bytes(), "wide.csv");
    assert_eq!(err, LimitError::TooManyColumns { sheet: "wide".into(), columns: 10_001 });
    assert!(err.to_string().starts_with("The sheet \"wide\" reaches column NTQ, past the 1,000 columns"), "{err}");

    let cells: String = (0..10_000).map(|c| cell(0, c, "h")).collect();
    let sheet = sheet_xml(&format!("<row r=\"1\">{cells}</row>"));
    let err = limit(read_workbook(&xlsx(stored("xl/worksheets/sheet1.xml", sheet.as_bytes()))).unwrap_err());
    // Refused at the first cell past the limit, before the rest of the row is kept.
    assert_eq!(err, LimitError::TooManyColumns { sheet: "Children".into(), columns: MAX_COLUMNS + 1 });
}

#[test]
fn a_fifty_megabyte_cell_is_refused() {
    let big = "x".repeat(50 * MB);
    let csv = format!("Child ID,Notes\nA1,\"{big}\"\n");
    let err = load_limit(csv.as_bytes(), "notes.csv");
    assert_eq!(err, LimitError::CellTooLong { sheet: "notes".into(), row: 2, column: "B".into(), chars: 50 * MB });
    assert!(err.to_string().starts_with("The cell B2 on the sheet \"notes\" holds 52,428,800 characters"), "{err}");

    let sheet = sheet_xml(&format!("<row r=\"3\">{}</row>", cell(2, 3, &big)));
    let err = limit(read_workbook(&xlsx(stored("xl/worksheets/sheet1.xml", sheet.as_bytes()))).unwrap_err());
    assert_eq!(err, LimitError::CellTooLong { sheet: "Children".into(), row: 3, column: "D".into(), chars: 50 * MB });
}

#[test]
fn too_many_rows_are_refused() {
    let csv = "a\n".repeat(MAX_ROWS + 1);
    let err = load_limit(csv.as_bytes(), "long.csv");
    assert_eq!(err, LimitError::TooManyRows { sheet: "long".into(), rows: MAX_ROWS + 1 });
    assert!(err.to_string().starts_with("The sheet \"long\" has more than 1,000,000 rows"), "{err}");

    // Two cells a million rows apart: refused before calamine or this reader builds the grid.
    let rows = format!("<row r=\"1\">{}</row><row r=\"1048576\">{}</row>", cell(0, 0, "a"), cell(1_048_575, 0, "b"));
    let err = limit(read_workbook(&xlsx(stored("xl/worksheets/sheet1.xml", sheet_xml(&rows).as_bytes()))).unwrap_err());
    assert_eq!(err, LimitError::TooManyRows { sheet: "Children".into(), rows: 1_048_576 });
}

#[test]
fn a_stray_cell_in_the_far_corner_is_refused_without_building_the_grid() {
    // A1 and XFD1048576: calamine's own range would be 17 billion cells.
    let rows =
        format!("<row r=\"1\">{}</row><row r=\"1048576\">{}</row>", cell(0, 0, "a"), cell(1_048_575, 16_383, "b"));
    let err = limit(read_workbook(&xlsx(stored("xl/worksheets/sheet1.xml", sheet_xml(&rows).as_bytes()))).unwrap_err());
    assert_eq!(err, LimitError::TooManyColumns { sheet: "Children".into(), columns: 16_384 });
}

#[test]
fn after_a_refusal_the_next_file_loads_normally() {
    let _ = load_limit(&vec![b'a'; MAX_FILE_BYTES as usize + 1], "big.csv");
    let out = load(b"Child ID,Date accommodated\nA1,01/02/2021\n", "t.csv", &LoadOptions::default()).unwrap();
    assert_eq!(out.dataset.children.len(), 1);
}
