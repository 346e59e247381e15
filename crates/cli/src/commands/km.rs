//! `timescales km`: Kaplan-Meier estimates and the log-rank test for any durations, from lists
//! or from a file's columns (the method is in docs/survival.md).

use serde_json::{Value, json};
use timescales_core::ingest::load::read_sheets;
use timescales_core::ingest::table::{Cell, Sheet};
use timescales_core::runchart::sentences::number;
use timescales_core::survival::sentences::{log_rank_sentence, median_phrase, percent};
use timescales_core::survival::{KaplanMeier, LogRank, Observation, SurvivalError, kaplan_meier, log_rank};

use super::args::Args;

const HELP: &str = "\
Usage: timescales km --durations 9,13,13 --events 1,1,0 [--groups a,a,b] [options]
       timescales km FILE --duration COL --event COL [--group COL] [--sheet NAME] [options]

Time to event counting everyone: the Kaplan-Meier survival table with 95% confidence intervals
(Greenwood, log scale, as R's survival package), the median with its interval, and with two or
more groups the log-rank test. A censored duration (event 0) is someone still waiting, or who
left another way, seen for that long without reaching the end.

  --durations LIST   comma-separated durations (days or any unit), zero or more each
  --events LIST      one flag per duration: 1 = reached the end, 0 = censored
                     (also yes/no, true/false)
  --groups LIST      one group name per duration; groups keep the order they first appear in
  FILE               a CSV, XLSX, XLS or ODS file whose first row names the columns; --duration,
                     --event and --group name them. Rows with a blank duration are skipped
  --sheet NAME       the sheet to read from a workbook (default: the first)
  --within D         also give the share reaching the end within D, 1 - S(D)
  --format FORMAT    text (default) or json";

/// The durations, split into named groups in the order they first appear.
struct Groups {
    names: Vec<String>,
    obs: Vec<Vec<Observation>>,
}

impl Groups {
    fn new() -> Groups {
        Groups { names: Vec::new(), obs: Vec::new() }
    }

    fn push(&mut self, name: &str, o: Observation) {
        let k = match self.names.iter().position(|n| n == name) {
            Some(k) => k,
            None => {
                self.names.push(name.to_string());
                self.obs.push(Vec::new());
                self.names.len() - 1
            }
        };
        self.obs[k].push(o);
    }
}

/// Runs the subcommand.
pub fn run(raw: &[String]) -> Result<(), String> {
    let args = Args::parse(
        raw,
        &["durations", "events", "groups", "duration", "event", "group", "sheet", "within", "format"],
        &["help"],
    )?;
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    let format = args.value("format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("--format: '{format}' is not text or json"));
    }
    let within = args.parsed::<f64>("within")?;
    if within.is_some_and(|w| !w.is_finite() || w < 0.0) {
        return Err("--within: give a number of at least zero".into());
    }
    let groups = match (args.value("durations"), args.positional.as_slice()) {
        (Some(_), [_, ..]) => return Err("give either --durations or a FILE, not both".into()),
        (Some(list), []) => from_lists(&args, list)?,
        (None, [file]) => from_file(&args, file)?,
        (None, []) => {
            return Err(format!("give --durations and --events, or a FILE with --duration and --event\n\n{HELP}"));
        }
        (None, _) => return Err("give one FILE only".into()),
    };
    let fits = groups.obs.iter().map(|o| kaplan_meier(o)).collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())?;
    let logrank = (groups.names.len() > 1).then(|| log_rank(&groups.obs));
    match format {
        "json" => {
            let v = to_json(&groups.names, &fits, logrank.as_ref(), within);
            println!("{}", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?);
        }
        _ => print!("{}", to_text(&groups.names, &fits, logrank.as_ref(), within)),
    }
    Ok(())
}

/// Reads "1"/"0", "yes"/"no", "true"/"false" (any case) as an event flag.
fn parse_event(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" => Some(true),
        "0" | "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

fn split(list: &str) -> Vec<&str> {
    list.split(',').map(str::trim).collect()
}

fn from_lists(args: &Args, list: &str) -> Result<Groups, String> {
    for flag in ["duration", "event", "group", "sheet"] {
        if args.value(flag).is_some() {
            return Err(format!("--{flag} needs a FILE; with --durations use --events and --groups"));
        }
    }
    if list.trim().is_empty() {
        return Err("--durations: no durations given".into());
    }
    let durations = split(list)
        .into_iter()
        .map(|s| s.parse::<f64>().map_err(|_| format!("--durations: '{s}' is not a number")))
        .collect::<Result<Vec<f64>, String>>()?;
    let events_list = args
        .value("events")
        .ok_or("--events is required: one 1 (reached the end) or 0 (censored) for each duration")?;
    let events = split(events_list)
        .into_iter()
        .map(|s| parse_event(s).ok_or_else(|| format!("--events: '{s}' is not 1 or 0")))
        .collect::<Result<Vec<bool>, String>>()?;
    let obs = timescales_core::survival::observations(&durations, &events).map_err(|e| e.to_string())?;
    let names: Vec<&str> = match args.value("groups") {
        Some(g) => split(g),
        None => vec!["all"; obs.len()],
    };
    if names.len() != obs.len() {
        return Err(format!(
            "there are {} duration(s) but {} group name(s); give one group for each duration",
            obs.len(),
            names.len()
        ));
    }
    let mut groups = Groups::new();
    for (name, o) in names.into_iter().zip(obs) {
        groups.push(name, o);
    }
    Ok(groups)
}

/// Reads the columns of a CSV or workbook through the core readers (encodings, delimiters and
/// workbooks as for `analyse`). The first non-blank row names the columns.
fn from_file(args: &Args, file: &str) -> Result<Groups, String> {
    for flag in ["events", "groups"] {
        if args.value(flag).is_some() {
            return Err(format!("--{flag} goes with --durations; with a FILE use --event COL and --group COL"));
        }
    }
    let duration_col = args.value("duration").ok_or("--duration COL is required with a FILE")?;
    let event_col =
        args.value("event").ok_or("--event COL is required with a FILE (1 = reached the end, 0 = censored)")?;
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let (sheets, _) = read_sheets(&bytes, file).map_err(|e| format!("{file}: {e}"))?;
    let sheet = match args.value("sheet") {
        Some(name) => sheets.iter().find(|s| s.name.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            let have: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
            format!("{file}: there is no sheet called '{name}'; the sheets are: {}", have.join(", "))
        })?,
        None => sheets.first().ok_or_else(|| format!("{file}: no sheets"))?,
    };
    let Some(header_at) = sheet.rows.iter().position(|r| !r.iter().all(Cell::is_blank)) else {
        return Err(format!("{file}: no rows"));
    };
    let headers: Vec<String> = sheet.rows[header_at].iter().map(|c| c.display().trim().to_string()).collect();
    let find = |name: &str| -> Result<usize, String> {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| format!("{file}: no column '{name}' (columns: {})", headers.join(", ")))
    };
    let (di, ei) = (find(duration_col)?, find(event_col)?);
    let gi = args.value("group").map(find).transpose()?;
    read_rows(file, sheet, header_at, (di, ei, gi), duration_col)
}

fn read_rows(
    file: &str,
    sheet: &Sheet,
    header_at: usize,
    (di, ei, gi): (usize, usize, Option<usize>),
    duration_col: &str,
) -> Result<Groups, String> {
    let mut groups = Groups::new();
    let mut skipped = 0;
    for (k, row) in sheet.rows.iter().enumerate().skip(header_at + 1) {
        let at = sheet.row_number(k);
        let cell = |i: usize| row.get(i).cloned().unwrap_or(Cell::Empty);
        let dur = cell(di);
        if dur.is_blank() {
            if !row.iter().all(Cell::is_blank) {
                skipped += 1;
            }
            continue;
        }
        let time = match &dur {
            Cell::Number(x) => Some(*x),
            Cell::Text(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("{file} row {at}: '{}' in column {duration_col} is not a number", dur.display()))?;
        if time < 0.0 {
            return Err(format!("{file} row {at}: the duration {} is below zero", number(time)));
        }
        let ev = cell(ei);
        let event = match &ev {
            Cell::Number(x) if *x == 1.0 => Some(true),
            Cell::Number(x) if *x == 0.0 => Some(false),
            Cell::Bool(b) => Some(*b),
            Cell::Text(s) => parse_event(s),
            _ => None,
        }
        .ok_or_else(|| format!("{file} row {at}: the event '{}' is not 1 or 0", ev.display()))?;
        let name = gi.map(|i| cell(i).display().trim().to_string()).unwrap_or_else(|| "all".into());
        groups.push(if name.is_empty() { "(blank)" } else { &name }, Observation { time, event });
    }
    if skipped > 0 {
        eprintln!("{file}: skipped {skipped} row(s) with a blank duration");
    }
    if groups.names.is_empty() {
        return Err(format!("{file}: no durations"));
    }
    Ok(groups)
}

fn to_json(
    names: &[String],
    fits: &[KaplanMeier],
    logrank: Option<&Result<LogRank, SurvivalError>>,
    within: Option<f64>,
) -> Value {
    let groups: Vec<Value> = names
        .iter()
        .zip(fits)
        .map(|(name, fit)| {
            let m = fit.median();
            let mut g = json!({
                "name": name,
                "n": fit.n,
                "events": fit.events,
                "censored": fit.censored,
                "median": m.median,
                "median_lower": m.lower,
                "median_upper": m.upper,
                "table": fit.table,
            });
            if let (Some(d), Value::Object(map)) = (within, &mut g) {
                map.insert("within".into(), json!(fit.proportion_within(d)));
            }
            g
        })
        .collect();
    let mut v = json!({ "groups": groups });
    if let Value::Object(map) = &mut v {
        if let Some(d) = within {
            map.insert("within_days".into(), json!(d));
        }
        let (lr, note) = match logrank {
            Some(Ok(lr)) => (json!({ "chisq": lr.chisq, "df": lr.df, "p": lr.p, "groups": lr.groups }), None),
            Some(Err(e)) => (Value::Null, Some(e.to_string())),
            None => (Value::Null, None),
        };
        map.insert("logrank".into(), lr);
        if let Some(n) = note {
            map.insert("logrank_note".into(), Value::String(n));
        }
    }
    v
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// A number for the table: three decimals.
fn f3(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |x| format!("{x:.3}"))
}

fn to_text(
    names: &[String],
    fits: &[KaplanMeier],
    logrank: Option<&Result<LogRank, SurvivalError>>,
    within: Option<f64>,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (name, fit) in names.iter().zip(fits) {
        let _ = writeln!(
            out,
            "Group {name}: {}, {}, {} censored",
            plural(fit.n, "duration"),
            plural(fit.events, "event"),
            fit.censored
        );
        let m = fit.median();
        match median_phrase(&m, "") {
            Some(p) => {
                let _ = writeln!(out, "  median {p}");
            }
            None => {
                let _ = writeln!(out, "  median not reached: fewer than half had the event");
            }
        }
        if let Some(d) = within {
            let share =
                fit.proportion_within(d).map_or_else(|| "not known (nobody followed that long)".into(), percent);
            let _ = writeln!(out, "  within {}: {share}", number(d));
        }
        let _ = writeln!(
            out,
            "  {:>8}  {:>7}  {:>6}  {:>8}  {:>8}  {:>15}",
            "Time", "At risk", "Events", "Censored", "Survival", "95% CI"
        );
        for r in &fit.table {
            let ci = format!("{} to {}", f3(r.lower), f3(r.upper));
            let _ = writeln!(
                out,
                "  {:>8}  {:>7}  {:>6}  {:>8}  {:>8.3}  {:>15}",
                number(r.time),
                r.at_risk,
                r.events,
                r.censored,
                r.survival,
                ci
            );
        }
        out.push('\n');
    }
    match logrank {
        Some(Ok(lr)) => {
            let _ = writeln!(
                out,
                "Log-rank test: chi-square {:.3} on {} degree{} of freedom, p = {:.4}.",
                lr.chisq,
                lr.df,
                if lr.df == 1 { "" } else { "s" },
                lr.p
            );
            let _ = writeln!(out, "{}", log_rank_sentence(lr));
        }
        Some(Err(e)) => {
            let _ = writeln!(out, "Log-rank test not possible: {e}.");
        }
        None => {}
    }
    out
}
