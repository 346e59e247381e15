//! `timescales demo`: writes the synthetic demo cohort so tests and benchmarks can use any size.

use timescales_core::demo::{self, DemoOptions};

use super::args::Args;

const HELP: &str = "\
Usage: timescales demo [--children N] [--seed S] [--as-at YYYY-MM-DD] --out FILE.csv

Writes the synthetic demo cohort (not real children) as a CSV of the children sheet.";

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
    if let Some(d) = args.value("as-at") {
        opts.as_at = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| format!("--as-at: '{d}' is not a date in the form YYYY-MM-DD"))?;
    }
    let out = args.value("out").ok_or("--out FILE is required")?;
    let ds = demo::generate(opts);
    let lower = out.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        std::fs::write(out, demo::children_csv(&ds)).map_err(|e| format!("cannot write {out}: {e}"))?;
    } else {
        return Err(format!("{out}: the demo is written as .csv"));
    }
    eprintln!("wrote {} synthetic children to {out}", ds.children.len());
    Ok(())
}
