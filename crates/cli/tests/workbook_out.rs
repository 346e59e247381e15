//! `timescales template` and `timescales demo --out FILE.xlsx` end to end: the written workbook
//! is read back with the core's own workbook reader (XLSX bytes hold timestamps, so the test
//! compares content, not bytes). Also checks that the committed `public/timescales-template.xlsx`
//! is up to date with the template content in the core.

use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;
use timescales_core::demo::{self, CHILDREN_HEADERS, DEMO_LABEL, DemoOptions};
use timescales_core::ingest::table::{Cell, Sheet};
use timescales_core::ingest::template::{FIELD_NOTES, NOTES_HEADERS, template_sheets};
use timescales_core::ingest::workbook::read_workbook;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_timescales"))
}

/// A fresh path in the temp directory, unique to this test process and `tag`.
fn temp(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("timescales-cli-{}-{tag}", std::process::id()))
}

fn run_ok(args: &[&str]) {
    let out = bin().args(args).output().expect("run timescales");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn read_back(path: &PathBuf) -> Vec<Sheet> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_workbook(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A sheet's cells as the user would read them, trailing empties dropped.
fn as_text(sheet: &Sheet) -> Vec<Vec<String>> {
    sheet
        .rows
        .iter()
        .map(|r| {
            let mut v: Vec<String> = r.iter().map(Cell::display).collect();
            while v.last().is_some_and(String::is_empty) {
                v.pop();
            }
            v
        })
        .collect()
}

fn trimmed(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut v = r.clone();
            while v.last().is_some_and(String::is_empty) {
                v.pop();
            }
            v
        })
        .collect()
}

fn assert_is_template(sheets: &[Sheet]) {
    let expected = template_sheets();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["children", "placements", "events", "notes"]);
    for (sheet, (name, rows)) in sheets.iter().zip(&expected) {
        assert_eq!(sheet.first_row, 1, "{name}");
        assert!(!sheet.date1904);
        assert_eq!(as_text(sheet), trimmed(rows), "{name}");
    }
    // Headers in canonical order, and dates written as real date cells, not text.
    assert_eq!(as_text(&sheets[0])[0], CHILDREN_HEADERS);
    let dob = CHILDREN_HEADERS.iter().position(|h| *h == "date_of_birth").unwrap();
    let midnight = |y, m, d| Cell::DateTime(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap());
    assert_eq!(sheets[0].rows[1][0], Cell::Text("EXAMPLE-001".into()));
    assert_eq!(sheets[0].rows[1][1], Cell::Number(1.0));
    assert_eq!(sheets[0].rows[1][dob], midnight(2016, 2, 14));
    assert_eq!(sheets[1].rows[1][1], midnight(2020, 11, 10));
    assert_eq!(sheets[2].rows[1][1], midnight(2020, 12, 22));
    // Notes: the header, then one row per field.
    let notes = as_text(&sheets[3]);
    assert_eq!(notes[0], NOTES_HEADERS);
    assert_eq!(notes.len(), FIELD_NOTES.len() + 1);
    assert_eq!(notes[1][..3], ["children", "child_id", "yes"]);
    assert!(notes.iter().any(|r| r[1] == "placement_type" && r[4].contains("prospective_adopters")));
    assert!(notes.iter().any(|r| r[1] == "last_accommodated_date" && r[4].contains("dd/mm/yyyy")));
}

#[test]
fn template_written_by_the_cli_reads_back_as_the_template() {
    let path = temp("template.xlsx");
    run_ok(&["template", "--out", path.to_str().unwrap()]);
    let sheets = read_back(&path);
    let _ = std::fs::remove_file(&path);
    assert_is_template(&sheets);
}

#[test]
fn committed_public_template_is_up_to_date() {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/timescales-template.xlsx"));
    assert_is_template(&read_back(&path));
}

#[test]
fn demo_workbook_has_children_placements_events_and_the_synthetic_label() {
    let path = temp("demo.xlsx");
    run_ok(&["demo", "--children", "25", "--seed", "7", "--out", path.to_str().unwrap()]);
    let sheets = read_back(&path);
    let _ = std::fs::remove_file(&path);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["children", "placements", "events", "about"]);
    let ds = demo::generate(DemoOptions { children: 25, seed: 7, ..DemoOptions::default() });
    let children = as_text(&sheets[0]);
    assert_eq!(children[0], CHILDREN_HEADERS);
    assert_eq!(children[1..], trimmed(&demo::children_rows(&ds)));
    assert_eq!(as_text(&sheets[1])[1..], trimmed(&demo::placements_rows(&ds)));
    assert_eq!(as_text(&sheets[2])[1..], trimmed(&demo::events_rows(&ds)));
    assert!(matches!(sheets[1].rows[1][1], Cell::DateTime(_)), "placement start is a date cell");
    assert_eq!(as_text(&sheets[3])[1], [DEMO_LABEL]);
}

#[test]
fn template_refuses_other_extensions_and_missing_out() {
    let out = bin().args(["template", "--out", "x.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("written as .xlsx"));
    let out = bin().args(["template"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}
