//! A small synthetic load, run once by the page as soon as it has opened, so that the browser has
//! compiled the load and analysis code for speed before the user's file arrives
//! (docs/architecture.md#warm-up).
//!
//! A browser runs WebAssembly first through a quick baseline compiler and recompiles a function
//! for speed only once it has run for a while; a call that is already under way keeps the slow
//! code to its end. A national file's load is one long call, so without this its whole loop ran
//! in the slow code: in the benchmark a second load of the same 10,000-child file took 0.32 s
//! against 0.82 s for the first. The work here is the page's own path on the demo generator's
//! children (never a user's data): read the CSV, load the sheets, group the problems, build the
//! stage table, summarise every stage and analyse its card.

use chrono::NaiveDate;

use crate::analysis::{Settings, StageTable, analyse_table, resolve_as_at};
use crate::demo::{DemoOptions, children_csv, generate};
use crate::ingest::load::{LoadOptions, load_sheets, read_sheets};
use crate::ingest::problem_groups::{DEFAULT_ROWS_SHOWN, group_problems};

/// Children in the warm-up cohort: enough for the browser to recompile the hot code (in the
/// benchmark 1,000 brought a cold 10,000-child load from 0.82 s to 0.36 s), few enough to take a
/// fraction of a second while the user is still choosing a file.
pub const WARM_UP_CHILDREN: usize = 1_000;

/// Runs the warm-up load with `today` as today. Returns the number of children it read and the
/// number of stages it analysed, which the caller can check (and which keeps the work from being
/// optimised away).
pub fn warm_up(today: NaiveDate) -> (usize, usize) {
    let cohort = generate(DemoOptions { children: WARM_UP_CHILDREN, seed: 1, as_at: today });
    let csv = children_csv(&cohort);
    let Ok((sheets, format)) = read_sheets(csv.as_bytes(), "warm-up.csv") else { return (0, 0) };
    let opts = LoadOptions { today: Some(today), ..LoadOptions::default() };
    let Ok(out) = load_sheets(sheets, format, &opts) else { return (0, 0) };
    let groups = group_problems(&out.report.problems, DEFAULT_ROWS_SHOWN);
    std::hint::black_box(groups);
    let settings = Settings::default();
    let ds = &out.dataset;
    let table = StageTable::build(ds, &settings, resolve_as_at(ds, &settings, today));
    let analysis = analyse_table(ds, &table, &settings);
    let mut analysed = 0;
    for s in &analysis.stages {
        let card = crate::stage_chart::card_analysis(s, &settings.stage(s.id), &Default::default());
        std::hint::black_box(crate::card::stage_card(s, card.as_ref().ok(), (240.0, 48.0)));
        analysed += 1;
    }
    std::hint::black_box(crate::analysis::filters::FilterChoices::of(&ds.children));
    (ds.children.len(), analysed)
}

/// Children in the workbook worker's warm-up workbook (children, placements and events sheets).
#[cfg(all(feature = "workbook", feature = "xlsx"))]
pub const WARM_UP_WORKBOOK_CHILDREN: usize = 1_000;

/// The workbook worker's warm-up: writes the demo generator's workbook in memory and reads it
/// back as the worker reads a user's workbook, then encodes the sheets for the page. Returns the
/// size of the encoding (0 if any step failed, which only leaves the worker cold).
#[cfg(all(feature = "workbook", feature = "xlsx"))]
pub fn warm_up_workbook() -> usize {
    let cohort = generate(DemoOptions { children: WARM_UP_WORKBOOK_CHILDREN, seed: 1, ..DemoOptions::default() });
    let sheets = crate::demo::workbook_sheets(&cohort);
    let out: Vec<crate::xlsx_out::OutSheet<'_>> =
        sheets.iter().map(|(name, rows)| crate::xlsx_out::OutSheet { name, rows, widths: &[] }).collect();
    let Ok(bytes) = crate::xlsx_out::workbook_bytes(&out, crate::demo::DEMO_LABEL) else { return 0 };
    let Ok(read) = crate::ingest::workbook::read_workbook(&bytes) else { return 0 };
    crate::ingest::sheet_codec::encode_sheets(&read).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warm_up_reads_its_cohort_and_analyses_every_stage_shown() {
        // The demo writes one row per child, each read back (no row is set aside for lack of an
        // id); the eight PACE stages are shown (the demo holds no England dates).
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!(warm_up(today), (WARM_UP_CHILDREN, 8));
    }

    #[cfg(all(feature = "workbook", feature = "xlsx"))]
    #[test]
    fn the_workbook_warm_up_reads_back_the_sheets_it_wrote() {
        // Four sheets written (children, placements, events, about), so the encoding is far
        // more than its 4-byte sheet count.
        assert!(warm_up_workbook() > 1_000);
        let sheets = crate::demo::workbook_sheets(&generate(DemoOptions::default()));
        assert_eq!(sheets.iter().map(|s| s.0).collect::<Vec<_>>(), ["children", "placements", "events", "about"]);
        // The children sheet: a header row and one row per child (300 by default).
        assert_eq!(sheets[0].1.len(), 301);
    }
}
