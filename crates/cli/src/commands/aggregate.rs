//! `timescales aggregate`: the figures an authority can share without sharing children, as the
//! aggregate file that the Compare screen reads. Built by `timescales_core::aggregate`, the same
//! code the app uses; the disclosure rules are in docs/disclosure.md.

use timescales_core::aggregate::aggregate;
use timescales_core::analysis;

use super::analyse::{load_file, load_settings};
use super::args::Args;

const HELP: &str = "\
Usage: timescales aggregate FILE --authority NAME --out F.csv
                                 [--mapping M.json] [--settings S.json] [--as-at YYYY-MM-DD]

Writes the aggregate file: for every stage, the children completing it each month (count, median
days, how many within target) and the children waiting at the as-at date (count, how many over
target), with the settings used. No child id, name, date of birth or date finer than a month is
written. Counts from 1 to 4, and any figure that would reveal one, are written 'suppressed'
(docs/disclosure.md has the rules). Columns: authority, stage, period, measure, value.

  --authority NAME    the name to put on every row (for example the authority or team)
  --out F.csv         where to write the file ('-' for standard output)
  --mapping M.json    a mapping document that overrides the automatic column mapping
  --settings S.json   the settings file the app exports (targets, filters, aim 2 start); with
                      filters the file covers only the children passing them and says so
  --as-at DATE        the as-at date (default: the settings file's, else the extract date, else
                      the latest date in the data that is not after today)
  --extract-date DATE the date the file was extracted: later dates are data problems
  --sheet NAME        the sheet to read from a workbook

Do not share a file for the whole authority and files for its teams with the same people: one
can be subtracted from the other.";

pub fn run(raw: &[String]) -> Result<(), String> {
    let args =
        Args::parse(raw, &["mapping", "settings", "as-at", "extract-date", "sheet", "authority", "out"], &["help"])?;
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    let file = match args.positional.as_slice() {
        [file] => file,
        [] => return Err(format!("aggregate needs a FILE\n\n{HELP}")),
        _ => return Err("aggregate takes one FILE".into()),
    };
    let authority = args.value("authority").ok_or("aggregate needs --authority NAME (the name to put in the file)")?;
    let out = args.value("out").ok_or("aggregate needs --out F.csv (where to write the file)")?;
    let settings = load_settings(&args)?;
    let today = super::clock::today();
    let ds = load_file(std::slice::from_ref(file), &args, today, settings.extract_date)?;
    let as_at = analysis::resolve_as_at(&ds, &settings, today);
    let result = analysis::analyse(&ds, &settings, as_at);
    let agg = aggregate(authority, &result, &settings).map_err(|e| e.to_string())?;
    let csv = agg.to_csv().map_err(|e| e.to_string())?;
    if out == "-" {
        print!("{csv}");
    } else {
        std::fs::write(out, csv).map_err(|e| format!("cannot write {out}: {e}"))?;
    }
    eprintln!(
        "wrote {} rows for {} as at {} ({} suppressed){}",
        agg.rows.len(),
        agg.meta.authority,
        agg.meta.as_at,
        agg.suppressed(),
        if out == "-" { String::new() } else { format!(" to {out}") }
    );
    if agg.meta.filtered {
        eprintln!("the settings file's filters are in force: the figures cover only the children passing them");
    }
    Ok(())
}
