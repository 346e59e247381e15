//! `timescales demo`: writes the synthetic demo cohort so tests and benchmarks can use any size.

use timescales_core::demo::{self, DEMO_LABEL, DemoOptions};

use super::args::Args;
use timescales_core::xlsx_out::{self, OutSheet};

const HELP: &str = "\
Usage: timescales demo [--children N] [--seed S] [--as-at YYYY-MM-DD] --out FILE.csv|FILE.xlsx

Writes the synthetic demo cohort (not real children): a CSV of the children sheet, or a workbook
with children, placements and events sheets (dates as real date cells) and an about sheet.";

pub fn run(raw: &[String]) -> Result<(), String> {
    let args = Args::parse(raw, &["children", "seed", "out", "as-at"], &["help"])?;
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    let mut opts = DemoOptions::default();
    if let Some(n) = args.parsed::<usize>("children")? {
        opts.children = n;
    }
    if let Some(s) = args.parsed::<u64>("seed")? {
        opts.seed = s;
    }
    if let Some(d) = args.date("as-at")? {
        opts.as_at = d;
    }
    let out = args.value("out").ok_or("--out FILE is required")?;
    let ds = demo::generate(opts);
    let lower = out.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        std::fs::write(out, demo::children_csv(&ds)).map_err(|e| format!("cannot write {out}: {e}"))?;
    } else if lower.ends_with(".xlsx") {
        let sheets = demo::workbook_sheets(&ds);
        let out_sheets: Vec<OutSheet<'_>> = sheets
            .iter()
            .map(|(name, rows)| OutSheet { name, rows, widths: if *name == "about" { &[60.0] } else { &[] } })
            .collect();
        xlsx_out::write(out, &out_sheets, DEMO_LABEL)?;
    } else {
        return Err(format!("{out}: the demo is written as .csv or .xlsx"));
    }
    eprintln!("wrote {} synthetic children to {out}", ds.children.len());
    Ok(())
}
