//! `timescales template`: writes the template workbook (canonical headers, fake sample rows and
//! a notes sheet explaining each field). The content lives in the core
//! (`timescales_core::ingest::template`); this command only writes it as XLSX.

use timescales_core::ingest::template::{NOTES_SHEET, template_sheets};

use super::args::Args;
use timescales_core::xlsx_out::{self, OutSheet};

const HELP: &str = "\
Usage: timescales template --out FILE.xlsx

Writes the template workbook: sheets children, placements and events with the canonical headers
and two clearly fake example children (delete them before adding your own), and a notes sheet
explaining every field and the formats it accepts. Dates are UK day-first (dd/mm/yyyy).";

/// Column widths of the notes sheet: sheet, field, required, meaning, accepted.
const NOTES_WIDTHS: [f64; 5] = [12.0, 32.0, 24.0, 60.0, 70.0];

pub fn run(raw: &[String]) -> Result<(), String> {
    let args = Args::parse(raw, &["out"], &["help"])?;
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    if let Some(extra) = args.positional.first() {
        return Err(format!("unexpected argument '{extra}'\n\n{HELP}"));
    }
    let out = args.value("out").ok_or("--out FILE.xlsx is required")?;
    if !out.to_ascii_lowercase().ends_with(".xlsx") {
        return Err(format!("{out}: the template is written as .xlsx"));
    }
    xlsx_out::write(out, &sheets_to_write(&template_sheets()), "Timescales template")?;
    eprintln!("wrote the template workbook to {out}");
    Ok(())
}

/// The template sheets with their column widths.
pub fn sheets_to_write<'a>(sheets: &'a [(&'static str, Vec<Vec<String>>)]) -> Vec<OutSheet<'a>> {
    sheets
        .iter()
        .map(|(name, rows)| OutSheet { name, rows, widths: if *name == NOTES_SHEET { &NOTES_WIDTHS } else { &[] } })
        .collect()
}
