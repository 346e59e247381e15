//! `timescales check`: loads a spreadsheet and prints the mapping it used, the completeness table
//! and every problem, as text or JSON. Data problems are the report, not a failure: the exit code
//! is 0 whenever the file could be read, and non-zero (with a plain message) when it could not.

use serde_json::{Value, json};
use timescales_core::dates::uk_date;
use timescales_core::ingest::fields::placement_reason;
use timescales_core::ingest::load::{LoadOptions, LoadOutcome};
use timescales_core::ingest::problem_groups::{DEFAULT_ROWS_SHOWN, group_problems};
use timescales_core::ingest::quality::Severity;
use timescales_core::ingest::sheets::ColumnSource;
use timescales_core::model::Milestone;

use super::args::Args;
use super::clock::today;
use super::inputs::load_inputs;

const HELP: &str = "\
Usage: timescales check FILE... [--mapping M.json] [--sheet NAME] [--today YYYY-MM-DD]
                             [--extract-date YYYY-MM-DD] [--format text|json]

Loads a CSV, XLSX, XLS or ODS file (or several read together, such as the SSDA903 tables, one
CSV each; a folder stands for every file in it) and prints the column mapping used, the completeness of each
milestone and every data problem with its sheet, row and column.

  --mapping M.json   a mapping document (header -> field, placement-type value -> category)
                     that overrides the automatic mapping
  --sheet NAME       the sheet to use as the children sheet (workbooks)
  --today DATE       the date to take as today: later dates are reported as data problems
                     (default: the clock; --as-at is the old name of this option)
  --extract-date DATE  the date the data was extracted: later dates are reported too
  --format FORMAT    text (default) or json

The exit code is 0 even when the data has problems; it is non-zero only when the file cannot be
read.";

pub fn run(raw: &[String]) -> Result<(), String> {
    let args = Args::parse(raw, &["mapping", "sheet", "today", "as-at", "extract-date", "format"], &["help"])?;
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    if args.positional.is_empty() {
        return Err(format!("check needs a FILE\n\n{HELP}"));
    }
    let file = args.positional.join(", ");
    let format = args.value("format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("--format: '{format}' is not text or json"));
    }
    let today = match args.date("today")? {
        Some(d) => d,
        None => args.date("as-at")?.unwrap_or_else(today),
    };
    let extract_date = args.date("extract-date")?;
    let mapping = args.mapping()?;
    let sheet = args.value("sheet").map(str::to_string);
    let opts = LoadOptions { mapping, sheet, today: Some(today), extract_date };
    let out = load_inputs(&args.positional, &opts)?;
    if format == "json" {
        let text = serde_json::to_string_pretty(&to_json(&out)).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!("{}", to_text(&file, &out));
    }
    // The process ends here: freeing a national file's records one by one only costs time
    // (docs/architecture.md#speed), and the operating system takes the memory back at exit.
    std::mem::forget(out);
    Ok(())
}

/// The JSON report. Top-level keys: `rows_read`, `children`, `mapping`, `problems`,
/// `problem_groups` (identical problems counted once, with their first rows), `completeness` (which also holds the row accounting and the rows set aside).
pub fn to_json(out: &LoadOutcome) -> Value {
    let problems: Vec<Value> = out
        .report
        .problems
        .iter()
        .map(|p| {
            json!({
                "sheet": p.sheet,
                "row": p.row,
                "column": p.column,
                "value": p.value,
                "message": p.message,
                "severity": p.severity.key(),
            })
        })
        .collect();
    let groups: Vec<Value> = group_problems(&out.report.problems, DEFAULT_ROWS_SHOWN)
        .iter()
        .map(|g| {
            json!({
                "sheet": g.sheet,
                "column": g.column,
                "value": g.value,
                "message": g.message,
                "severity": g.severity.key(),
                "count": g.count,
                "first_rows": g.rows,
                "summary": g.summary(),
            })
        })
        .collect();
    let rows = &out.report.rows;
    let c = &out.report.completeness;
    json!({
        "problem_groups": groups,
        "rows_read": rows.rows_read,
        "children": out.dataset.children.len(),
        "mapping": out.mapping(),
        "problems": problems,
        "completeness": {
            "children": c.children,
            "milestones": c.milestones,
            "by_placement_type": c.by_placement_type,
            "rows": {
                "read": rows.rows_read,
                "used": rows.rows_used,
                "set_aside": rows.rows_set_aside,
                "set_aside_rows": rows.set_aside,
            },
        },
    })
}

fn source_label(s: ColumnSource) -> &'static str {
    match s {
        ColumnSource::Automatic => "automatic",
        ColumnSource::User => "from your mapping",
        ColumnSource::IgnoredByUser => "ignored by your mapping",
        ColumnSource::NotRecognised => "not recognised",
        ColumnSource::Duplicate => "duplicate of another column",
        ColumnSource::LooksLikeChi => "CHI number: never used",
    }
}

/// The text report.
pub fn to_text(file: &str, out: &LoadOutcome) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let rows = &out.report.rows;
    let ds = &out.dataset;
    let _ = writeln!(s, "File: {file} ({})", out.format.describe());
    if let Some(a) = out.today {
        let _ = writeln!(s, "Today: {} (later dates are listed as problems)", uk_date(a));
    }
    if let Some(a) = out.extract_date {
        let _ = writeln!(s, "Extract date: {} (later dates are listed as problems)", uk_date(a));
    }
    let _ = writeln!(s, "Rows: {} read = {} used + {} set aside", rows.rows_read, rows.rows_used, rows.rows_set_aside);
    let _ = writeln!(
        s,
        "Children: {}  Placements: {}  Events: {}",
        ds.children.len(),
        ds.placements.len(),
        ds.events.len()
    );

    let _ = writeln!(s, "\nMapping used");
    for sheet in &out.sheets {
        match (sheet.role, sheet.header_row) {
            (Some(role), Some(h)) => {
                let _ = writeln!(s, "  Sheet '{}' ({}), header on row {h}", sheet.name, role.label());
                for c in &sheet.columns {
                    let target = c.field.map_or("(not used)", |f| f.key());
                    let _ = writeln!(
                        s,
                        "    {:<36} -> {target} ({}: {})",
                        c.header,
                        source_label(c.source),
                        c.reason(role)
                    );
                }
            }
            _ => {
                let _ = writeln!(s, "  Sheet '{}': {}", sheet.name, sheet.note.as_deref().unwrap_or("not used"));
            }
        }
    }
    if !out.placement_values.is_empty() {
        let _ = writeln!(s, "  Placement types");
        for v in &out.placement_values {
            let target = v.category.map_or("(unknown)", |p| p.key());
            let why = match (v.source, placement_reason(&v.value)) {
                (ColumnSource::Automatic, Some(why)) => format!(": {why}"),
                _ => String::new(),
            };
            let _ = writeln!(s, "    {:<36} -> {target} ({}{why}, {} rows)", v.value, source_label(v.source), v.rows);
        }
    }

    if !out.destination_values.is_empty() {
        let _ = writeln!(s, "  Destinations");
        for v in &out.destination_values {
            let target = v.category.map_or("(not recognised: not a return home)", |d| d.key());
            let _ = writeln!(s, "    {:<36} -> {target} ({}, {} rows)", v.value, source_label(v.source), v.rows);
        }
    }

    let c = &out.report.completeness;
    let _ = writeln!(s, "\nCompleteness ({} children)", c.children);
    let _ = writeln!(
        s,
        "  {:<3} {:<27} {:>8} {:>12} {:>8} {:>6} {:>16}  Column",
        "", "Milestone", "Recorded", "Not recorded", "Invalid", "Blank", "Missing, implied"
    );
    for m in &c.milestones {
        let _ = writeln!(
            s,
            "  {:<3} {:<27} {:>8} {:>12} {:>8} {:>6} {:>16}  {}",
            m.code,
            m.label,
            m.recorded,
            m.not_recorded,
            m.invalid,
            m.blank,
            m.implied_missing,
            if ds.collects(m.milestone) {
                m.column.as_deref().unwrap_or("(no column)")
            } else {
                "not collected in this format"
            }
        );
    }
    if !c.by_placement_type.is_empty() {
        let _ = writeln!(s, "\n  Dates recorded by placement type");
        let mut head = format!("  {:<32} {:>8}", "Placement type", "Children");
        for m in Milestone::ALL {
            let _ = write!(head, " {:>5}", m.code());
        }
        let _ = writeln!(s, "{head}");
        for p in &c.by_placement_type {
            let mut line = format!("  {:<32} {:>8}", p.label, p.children);
            for m in Milestone::ALL {
                let _ = write!(line, " {:>5}", p.recorded.get(m.key()).copied().unwrap_or(0));
            }
            let _ = writeln!(s, "{line}");
        }
    }

    let _ = writeln!(s, "\nRows set aside ({})", rows.rows_set_aside);
    for r in &rows.set_aside {
        let _ = writeln!(s, "  {} row {}: {}", r.sheet, r.row, r.reason.label());
    }

    let r = &out.report;
    let _ = writeln!(
        s,
        "\nProblems: {} errors, {} warnings, {} for information",
        r.count(Severity::Error),
        r.count(Severity::Warning),
        r.count(Severity::Info)
    );
    // Identical problems on many rows are one line with the count and the first rows.
    for g in group_problems(&r.problems, DEFAULT_ROWS_SHOWN) {
        let value = if g.value.is_empty() { String::new() } else { format!(" '{}'", g.value.replace('\n', "\\n")) };
        let _ = writeln!(s, "  {:<8} {}:{value}: {}", g.severity.key().to_uppercase(), g.place(), g.message);
    }
    s
}
