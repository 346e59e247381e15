//! `timescales runchart`: run chart rules for any series, from a list of values or a CSV file.

use chrono::NaiveDate;
use timescales_core::chart::svg::run_chart_svg;
use timescales_core::dates::{ParsedDate, parse_uk_date};
use timescales_core::runchart::{
    Baseline, BreakAt, Direction, PhaseAnalysis, PhaseBreak, Point, PointNote, RuleSet, RunChartAnalysis,
    RunChartConfig, Series, Wording, analyse, chart_spec,
};

use timescales_core::runchart::phase_summary::phase_summary;

use super::args::Args;

const HELP: &str = "\
Usage: timescales runchart (--values 1,2,3,... | FILE.csv --value COL [--date COL] [--label COL] [--id COL])
                           [--rules ihi|anhoej|both] [--freeze N | --baseline-until DATE] [--phase DATE|N]...
                           [--centre X] [--direction lower|higher|neutral] [--shift 6|7|8] [--trend 5|6|7]
                           [--exclude N[:reason]]... [--astronomical N[:note]]... [--unit UNIT]
                           [--format text|json|svg]

Applies the run chart rules to a series, one point per row (rows are never averaged).

  --values        comma-separated values in chart order
  FILE.csv        a CSV with a header row; --value names the value column. With --date the points
                  are put in date order (same-day rows stay separate; ties keep file order)
  --rules         ihi (shift, trend, runs table), anhoej (longest run, crossings) or both (default)
  --freeze N      each phase's median comes from its first N points and is extended over the rest
  --baseline-until DATE
                  the median of the phase containing DATE comes from its points up to DATE;
                  other phases use all their points
  --phase         start a new phase at a date (dd/mm/yyyy or yyyy-mm-dd) or a point number
  --centre X      use X (for example a target) as the centre line instead of the median
  --direction     which way is better (default lower, as for days taken)
  --exclude N     leave point N (1-based) out of the median and the rules, optionally with a reason
  --astronomical N
                  mark point N as an astronomical point (IHI), optionally with a note
  --unit UNIT     unit for the sentences, e.g. days
  --format        text (default), json, or svg (a standalone run chart)";

/// Runs the subcommand.
pub fn run(raw: &[String]) -> Result<(), String> {
    let args = Args::parse(
        raw,
        &[
            "values",
            "value",
            "date",
            "label",
            "id",
            "rules",
            "freeze",
            "baseline-until",
            "phase",
            "centre",
            "center",
            "direction",
            "shift",
            "trend",
            "exclude",
            "astronomical",
            "unit",
            "format",
        ],
        &["help"],
    )?;
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    let format = args.value("format").unwrap_or("text");
    if !matches!(format, "text" | "json" | "svg") {
        return Err(format!("--format: '{format}' is not one of text, json or svg"));
    }
    let series = read_series(&args)?;
    let cfg = build_config(&args, &series)?;
    let analysis = analyse(&series, &cfg).map_err(|e| e.to_string())?;
    match format {
        "json" => {
            let json = serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string())?;
            println!("{json}");
        }
        "svg" => {
            let title = match args.value("value") {
                Some(col) => format!("Run chart of {col}"),
                None => "Run chart".to_string(),
            };
            let milestone = args.value("date").unwrap_or("the end milestone");
            let mut spec = chart_spec(&analysis, "rc", &title, milestone);
            spec.y_title = match (args.value("value"), &cfg.wording.unit) {
                (_, Some(u)) if u.eq_ignore_ascii_case("days") => "Days taken".into(),
                (Some(col), _) => col.to_string(),
                (None, _) => "Value".into(),
            };
            println!("{}", run_chart_svg(&spec.build()));
        }
        _ => print!("{}", text_report(&analysis)),
    }
    Ok(())
}

fn read_series(args: &Args) -> Result<Series, String> {
    match (args.value("values"), args.positional.as_slice()) {
        (Some(_), [_, ..]) => Err("give either --values or a FILE, not both".into()),
        (Some(list), []) => {
            let values = list
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<f64>().map_err(|_| format!("--values: '{s}' is not a number")))
                .collect::<Result<Vec<f64>, String>>()?;
            if values.is_empty() {
                return Err("--values: no values given".into());
            }
            for flag in ["value", "date", "label", "id"] {
                if args.value(flag).is_some() {
                    return Err(format!("--{flag} needs a FILE; it does not apply to --values"));
                }
            }
            Ok(Series::from_values(&values))
        }
        (None, [file]) => read_csv(args, file),
        (None, []) => Err(format!("give --values 1,2,3,... or a FILE with --value COL\n\n{HELP}")),
        (None, _) => Err("give one FILE only".into()),
    }
}

// TODO: switch to the core ingest CSV reader (encoding detection, XLSX) once it lands; this
// reads UTF-8 CSV with the csv crate and the core UK date parser.
fn read_csv(args: &Args, file: &str) -> Result<Series, String> {
    let value_col = args.value("value").ok_or("--value COL is required with a FILE")?;
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).into_owned();
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| format!("{file}: {e}"))?.clone();
    let find = |name: &str| -> Result<usize, String> {
        headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            let have: Vec<&str> = headers.iter().collect();
            format!("{file}: no column '{name}' (columns: {})", have.join(", "))
        })
    };
    let vi = find(value_col)?;
    let di = args.value("date").map(find).transpose()?;
    let li = args.value("label").map(find).transpose()?;
    let ii = args.value("id").map(find).transpose()?;
    let mut points = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| format!("{file}: {e}"))?;
        let row = k + 2; // the row number a spreadsheet shows (header is row 1)
        let cell = |i: usize| rec.get(i).unwrap_or("").trim();
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let raw = cell(vi);
        let value = if raw.is_empty() {
            f64::NAN
        } else {
            raw.parse::<f64>()
                .map_err(|_| format!("{file} row {row}: '{raw}' in column {value_col} is not a number"))?
        };
        let date = match di {
            Some(i) => match parse_uk_date(cell(i)) {
                Ok(ParsedDate::Date(d)) => Some(d),
                Ok(_) => None,
                Err(e) => return Err(format!("{file} row {row}: {e}")),
            },
            None => None,
        };
        let text_of = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty()).map(String::from);
        points.push(Point { value, date, label: text_of(li), id: text_of(ii) });
    }
    if points.is_empty() {
        return Err(format!("{file}: no rows"));
    }
    let mut series = Series::new(points);
    if di.is_some() {
        series.sort_by_date();
    }
    Ok(series)
}

fn parse_date(flag: &str, s: &str) -> Result<NaiveDate, String> {
    match parse_uk_date(s) {
        Ok(ParsedDate::Date(d)) => Ok(d),
        Ok(_) => Err(format!("--{flag}: '{s}' is not a date")),
        Err(e) => Err(format!("--{flag}: {e}")),
    }
}

/// A 1-based point number with an optional ":text" after it.
fn point_note(flag: &str, s: &str, n: usize) -> Result<PointNote, String> {
    let (num, note) = s.split_once(':').unwrap_or((s, ""));
    let k: usize = num.trim().parse().map_err(|_| format!("--{flag}: '{num}' is not a point number"))?;
    if k == 0 || k > n {
        return Err(format!("--{flag}: there is no point {k} (points are numbered 1 to {n})"));
    }
    Ok(PointNote { index: k - 1, note: note.trim().to_string() })
}

fn build_config(args: &Args, series: &Series) -> Result<RunChartConfig, String> {
    let mut cfg = RunChartConfig::default();
    if let Some(r) = args.value("rules") {
        cfg.rules = r.parse::<RuleSet>().map_err(|e| format!("--rules: {e}"))?;
    }
    if let Some(d) = args.value("direction") {
        cfg.direction = d.parse::<Direction>().map_err(|e| format!("--direction: {e}"))?;
    }
    if let Some(k) = args.parsed::<usize>("shift")? {
        cfg.shift_length = k;
    }
    if let Some(k) = args.parsed::<usize>("trend")? {
        cfg.trend_length = k;
    }
    cfg.fixed_centre = match args.parsed::<f64>("centre")? {
        Some(c) => Some(c),
        None => args.parsed::<f64>("center")?,
    };
    if let Some(u) = args.value("unit") {
        cfg.wording = Wording { unit: Some(u.to_string()), ..Wording::default() };
    }
    let n = series.len();
    cfg.excluded = args.values("exclude").iter().map(|s| point_note("exclude", s, n)).collect::<Result<_, _>>()?;
    cfg.astronomical =
        args.values("astronomical").iter().map(|s| point_note("astronomical", s, n)).collect::<Result<_, _>>()?;

    for p in args.values("phase") {
        let at = match p.trim().parse::<usize>() {
            Ok(0) => return Err("--phase: point numbers start at 1".into()),
            Ok(k) => BreakAt::Index(k - 1),
            Err(_) => BreakAt::Date(parse_date("phase", p)?),
        };
        cfg.phases.push(PhaseBreak { at, baseline: Baseline::All, label: None });
    }

    let freeze = args.parsed::<usize>("freeze")?;
    let until = args.value("baseline-until").map(|s| parse_date("baseline-until", s)).transpose()?;
    match (freeze, until) {
        (Some(_), Some(_)) => return Err("give --freeze or --baseline-until, not both".into()),
        (Some(0), None) => return Err("--freeze: the baseline needs at least 1 point".into()),
        (Some(k), None) => {
            cfg.baseline = Baseline::FirstN(k);
            for b in &mut cfg.phases {
                b.baseline = Baseline::FirstN(k);
            }
        }
        (None, Some(d)) => {
            // The phase containing the date: the last break that starts on or before the last
            // point dated up to `d` (the first phase when none does).
            let pos = series.points.partition_point(|p| p.date.is_some_and(|pd| pd <= d));
            let start_of = |b: &PhaseBreak| match b.at {
                BreakAt::Index(i) => i,
                BreakAt::Date(bd) => series.points.partition_point(|p| p.date.is_some_and(|pd| pd < bd)),
            };
            let containing = cfg
                .phases
                .iter()
                .enumerate()
                .filter(|(_, b)| pos > 0 && start_of(b) < pos)
                .max_by_key(|(_, b)| start_of(b))
                .map(|(k, _)| k);
            match containing {
                Some(k) => cfg.phases[k].baseline = Baseline::UpTo(d),
                None => cfg.baseline = Baseline::UpTo(d),
            }
        }
        (None, None) => {}
    }
    Ok(cfg)
}

fn phase_text(p: &PhaseAnalysis, out: &mut String) {
    use std::fmt::Write;
    let s = phase_summary(p);
    let _ = writeln!(out, "{}: points {}", s.name, s.points);
    let _ = writeln!(out, "  centre line {}; {}", s.centre, s.counts_in_full);
    let _ = writeln!(out, "  IHI: {}", s.ihi());
    let _ = writeln!(out, "  Anhøj: {}", s.anhoej);
    for signal in &p.signals {
        let _ = writeln!(out, "  - {signal}");
    }
}

fn text_report(a: &RunChartAnalysis) -> String {
    let mut out = String::new();
    let rules = match a.rules {
        RuleSet::Ihi => "IHI",
        RuleSet::Anhoej => "Anhøj",
        RuleSet::Both => "IHI and Anhøj (reported separately)",
    };
    out.push_str(&format!("Run chart of {} points; rules: {rules}\n", a.points.len()));
    for p in &a.phases {
        phase_text(p, &mut out);
    }
    for n in &a.notes {
        out.push_str(&format!("Note: {n}\n"));
    }
    out.push_str(&format!("Verdict ({}): {}\n", a.verdict.status.label(), a.verdict.sentence));
    out
}
