//! Any bytes through the workbook reader (XLSX, XLSB, ODS, XLS via calamine, after the limit
//! checks of docs/architecture.md#limits-and-hostile-files) and, when sheets come out, through the
//! rest of the load path. Must never panic, hang or exhaust memory; every sheet that comes out is
//! inside the limits, and the row accounting adds up. Seed it with the workbook corpus:
//! `cargo +nightly fuzz run load_workbook fuzz/corpus/load_workbook ../crates/core/tests/corpus`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timescales_core::ingest::limits::{MAX_COLUMNS, MAX_ROWS};
use timescales_core::ingest::load::{LoadOptions, SourceFormat, load_sheets};
use timescales_core::ingest::workbook::read_workbook;

fuzz_target!(|data: &[u8]| {
    let Ok(sheets) = read_workbook(data) else { return };
    for s in &sheets {
        assert!(s.rows.len() <= MAX_ROWS, "{} rows", s.rows.len());
        assert!(s.rows.iter().all(|r| r.len() <= MAX_COLUMNS));
    }
    let format = SourceFormat::Workbook { format: "fuzz".into() };
    let opts = LoadOptions { today: chrono::NaiveDate::from_ymd_opt(2025, 3, 31), ..Default::default() };
    if let Ok(out) = load_sheets(sheets, format, &opts) {
        assert!(out.report.rows.adds_up());
    }
});
