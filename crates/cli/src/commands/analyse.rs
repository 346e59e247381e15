//! `timescales analyse`: stage timescales against the PACE aims, children still waiting, where
//! the delay is, the aim 1 list and placement histories, as JSON, a per-child CSV or a text table.
//! The figures come from `timescales_core::analysis`, the same functions the app calls.

use chrono::NaiveDate;
use serde_json::Value;
use timescales_core::analysis::{self, Analysis, Settings, StageId, StageTable, export};
use timescales_core::chart::svg::{run_chart_svg, survival_chart_svg};
use timescales_core::dates::uk_date;
use timescales_core::demo::{self, DEMO_LABEL, DemoOptions};
use timescales_core::ingest::load::LoadOptions;
use timescales_core::model::Dataset;
use timescales_core::report::{ReportSource, html_report};
use timescales_core::stage_chart::{StageChartOptions, stage_chart};
use timescales_core::stage_km_chart::stage_km_spec;

use super::args::Args;
use super::clock::today;
use super::inputs::load_inputs;

const HELP: &str = "\
Usage: timescales analyse FILE... [--mapping M.json] [--settings S.json] [--as-at YYYY-MM-DD]
                               [--extract-date YYYY-MM-DD] [--format json|csv|text]
                               [--charts DIR] [--report FILE.html]
       timescales analyse --demo N [--seed S] [options]

Works out every permanence stage (PACE aims 1 to 4 and the stages between them) at an as-at date:
children complete (median, quartiles, within target), children still waiting (days so far, past
target, passing it in the next 4 weeks), dates missing but implied by a later milestone, the
run chart and waiting-bar series, and each stage's time to event counting the children still
waiting (the `km` block: Kaplan-Meier median with its 95% CI, the share within the target and
the survival table).

Several FILEs are read together as one set (the SSDA903 tables, one CSV each, recognised by
their columns); a folder stands for every file in it.

  --mapping M.json    a mapping document that overrides the automatic column mapping
  --settings S.json   the settings file the app exports (targets, from dates, filters, aim 2
                      start); unknown keys are ignored and anything missing takes its default
  --as-at DATE        the as-at date: a view of the data as it stood that day; later dates have
                      not happened yet (default: the settings file's, else the extract date, else
                      the latest date in the data that is not after today)
  --extract-date DATE the date the data was extracted: the as-at date unless one is given, and
                      dates after it are data problems (as are dates after today)
  --format FORMAT     json (default), csv (one row per child with every milestone and stage) or text
  --charts DIR        also write each stage's run chart, with the children still waiting as bars
                      on the same scale, as DIR/<stage id>.svg, and its Kaplan-Meier curve
                      counting everyone as DIR/<stage id>-km.svg (the same charts the app draws)
  --report FILE.html  also write the printable report: summary, every stage's run chart and
                      verdict, its Kaplan-Meier curve with the result in words and the table
                      behind it, and where the delay is (self-contained, no names)
  --report-title T    the report cover's title (default: Permanence timescales)
  --authority NAME    the authority or team named on the report's cover
  --demo N            analyse N synthetic children instead of a file (not real children)
  --seed S            seed for --demo";

pub fn run(raw: &[String]) -> Result<(), String> {
    let args = Args::parse(
        raw,
        &[
            "mapping",
            "settings",
            "as-at",
            "extract-date",
            "format",
            "demo",
            "seed",
            "sheet",
            "charts",
            "report",
            "report-title",
            "authority",
        ],
        &["help"],
    )?;
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    let format = args.value("format").unwrap_or("json");
    if !matches!(format, "json" | "csv" | "text") {
        return Err(format!("--format: '{format}' is not json, csv or text"));
    }
    let settings = load_settings(&args)?;
    let today = today();

    let (ds, source, synthetic) = match (args.positional.as_slice(), args.parsed::<usize>("demo")?) {
        ([], Some(n)) => {
            let mut opts = DemoOptions { children: n, ..DemoOptions::default() };
            if let Some(s) = args.parsed::<u64>("seed")? {
                opts.seed = s;
            }
            if let Some(at) = settings.as_at.or(settings.extract_date) {
                opts.as_at = at;
            }
            (demo::generate(opts), format!("demo ({n} children, seed {})", opts.seed), true)
        }
        ([], None) => return Err(format!("analyse needs a FILE (or --demo N)\n\n{HELP}")),
        (files, None) => (load_file(files, &args, today, settings.extract_date)?, files.join(", "), false),
        (_, Some(_)) => return Err("give either a FILE or --demo N, not both".into()),
    };
    let as_at = analysis::resolve_as_at(&ds, &settings, today);

    let table = StageTable::build(&ds, &settings, as_at);
    let result = analysis::analyse_table(&ds, &table, &settings);
    if let Some(dir) = args.value("charts") {
        write_charts(dir, &result, &settings)?;
    }
    if let Some(path) = args.value("report") {
        let mut source = ReportSource::new(source.clone(), synthetic, today);
        source.title = args.value("report-title").unwrap_or_default().to_string();
        source.authority = args.value("authority").unwrap_or_default().to_string();
        let html = html_report(&source, &result, &settings, &|_| StageChartOptions::default());
        std::fs::write(path, html).map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("wrote the report to {path}");
    }
    match format {
        "json" => {
            let mut v = serde_json::to_value(&result).map_err(|e| e.to_string())?;
            if let Value::Object(map) = &mut v {
                map.insert("source".into(), Value::String(source));
                map.insert("synthetic".into(), Value::Bool(synthetic));
            }
            println!("{}", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?);
        }
        "csv" => {
            let sel = table.select(&ds, &settings.filters);
            print!("{}", export::children_csv(&ds, &table, &sel.base));
        }
        _ => {
            if synthetic {
                println!("{DEMO_LABEL}");
            }
            print!("{}", to_text(&source, &result));
        }
    }
    // The process ends here: freeing a national file's records one by one only costs time
    // (docs/architecture.md#speed), and the operating system takes the memory back at exit.
    std::mem::forget((ds, table, result));
    Ok(())
}

/// Writes two standalone SVG charts per stage into `dir` (created if needed): the run chart as
/// `<stage id>.svg` and the Kaplan-Meier curve counting everyone as `<stage id>-km.svg`.
fn write_charts(dir: &str, result: &Analysis, settings: &Settings) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir}: {e}"))?;
    let write = |name: String, svg: String| {
        let path = std::path::Path::new(dir).join(name);
        std::fs::write(&path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    for s in &result.stages {
        let key = s.id.key();
        let chart = stage_chart(s, &settings.stage(s.id), &StageChartOptions::default(), key)
            .map_err(|e| format!("{key}: {e}"))?;
        write(format!("{key}.svg"), run_chart_svg(&chart.spec.build()))?;
        write(format!("{key}-km.svg"), survival_chart_svg(&stage_km_spec(s, &format!("{key}-km")).build()))?;
    }
    eprintln!("wrote {} run charts and {} Kaplan-Meier charts to {dir}", result.stages.len(), result.stages.len());
    Ok(())
}

/// The settings named by `--settings` (the defaults without it), with `--as-at` and
/// `--extract-date` laid over them.
pub fn load_settings(args: &Args) -> Result<Settings, String> {
    let mut settings = match args.value("settings") {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read the settings file {path}: {e}"))?;
            Settings::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => Settings::default(),
    };
    if let Some(d) = args.date("as-at")? {
        settings.as_at = Some(d);
    }
    if let Some(d) = args.date("extract-date")? {
        settings.extract_date = Some(d);
    }
    Ok(settings)
}

/// Loads FILE through the ingest pipeline. Data problems go to the `check` command's report; here
/// only a count is mentioned on stderr so scripted output stays clean.
pub fn load_file(
    files: &[String],
    args: &Args,
    today: NaiveDate,
    extract_date: Option<NaiveDate>,
) -> Result<Dataset, String> {
    let mapping = args.mapping()?;
    let sheet = args.value("sheet").map(str::to_string);
    let opts = LoadOptions { mapping, sheet, today: Some(today), extract_date };
    let mut out = load_inputs(files, &opts)?;
    let problems = out.report.problems.len();
    if problems > 0 {
        let file = files.join(" ");
        eprintln!("{file}: {problems} data problem(s); run `timescales check {file}` for the list");
    }
    let dataset = std::mem::take(&mut out.dataset);
    // The report is not used again: freeing it now (a few milliseconds for tens of thousands of
    // problems) leaves its memory to the analysis, which lowers the command's peak.
    drop(out);
    Ok(dataset)
}

/// Who aim 4 counts, and the children listed as having no court route decided.
fn aim4_population(a: &Analysis) -> String {
    let mut out = String::new();
    let a4 = a.stage(StageId::AdmToCourt);
    let undecided: Vec<&str> = a4
        .out_of_scope
        .items
        .iter()
        .filter(|o| o.reason == analysis::table::OutOfScopeReason::RouteUndecided)
        .map(|o| o.child_id.as_str())
        .collect();
    out.push_str(&format!("\nAim 4 counts: {}\n", a4.population));
    if !undecided.is_empty() {
        out.push_str(&format!("  No court route decided ({}): {}\n", undecided.len(), undecided.join(", ")));
    }
    out
}

fn opt_days(d: Option<i64>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

fn opt_f(d: Option<f64>) -> String {
    match d {
        Some(x) if x.fract() == 0.0 => format!("{x:.0}"),
        Some(x) => format!("{x:.1}"),
        None => "-".into(),
    }
}

/// One sentence per stage that anyone has started: the median counting the children still
/// waiting (Kaplan-Meier), beside the median of those who completed in the table above.
fn km_text(a: &Analysis) -> String {
    let mut out = String::from("\nCounting the children still waiting (Kaplan-Meier)\n");
    let counted: Vec<_> = a.stages.iter().filter(|s| s.km.n > 0).collect();
    if counted.is_empty() {
        out.push_str("  no child has started a stage\n");
    }
    for s in &counted {
        out.push_str(&format!("  {}: {}\n", s.id.key(), s.km.sentence(s.end_milestone)));
    }
    if counted.iter().any(|s| s.km.left_another_way > 0) {
        out.push_str(
            "  Children who left a stage another way are counted up to the day they left; such exits can bias\n  these figures.\n",
        );
    }
    out
}

/// A plain-text report: one table row per stage, then the aim 1 list and where children wait.
pub fn to_text(source: &str, a: &Analysis) -> String {
    let mut out = String::new();
    out.push_str(&format!("Permanence timescales: {source}\n"));
    out.push_str(&format!(
        "As at {} ({})\nChildren {}   after filters {}   aim 2 starts at {}\n\n",
        uk_date(a.as_at),
        a.as_at_source.label(),
        a.children,
        a.children_after_filters,
        match a.accommodated_start {
            analysis::StartChoice::LastAccommodated => "last accommodated (M2)",
            analysis::StartChoice::FirstAccommodated => "first accommodated (M1)",
        }
    ));
    out.push_str(&stage_table_text(a));
    out.push_str(&km_text(a));
    out.push_str(&aim4_population(a));

    out.push_str(&aim1_text(a));
    out.push_str(&waiting_text(a));
    out
}

/// The table of stages (one row each), its notes, the scorecard figures and the cohorts.
fn stage_table_text(a: &Analysis) -> String {
    let mut out = String::new();
    let header = [
        "Stage",
        "Aim",
        "Target",
        "Done",
        "Median",
        "Q1-Q3",
        "In target",
        "Waiting",
        "Longest",
        "Over",
        "Due 28d",
        "Implied",
        "Out",
        "Invalid",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    let mut unverified = false;
    for s in &a.stages {
        let target = match s.target_days {
            Some(t) if !s.target_verified => {
                unverified = true;
                format!("{t}*")
            }
            Some(t) => t.to_string(),
            None => "-".into(),
        };
        let c = &s.complete;
        let w = &s.waiting;
        rows.push(vec![
            s.id.key().to_string(),
            s.aim.map(|n| n.to_string()).unwrap_or_default(),
            target,
            c.n.to_string(),
            opt_f(c.median_days),
            c.quartiles.map(|q| format!("{}-{}", opt_f(Some(q.q1)), opt_f(Some(q.q3)))).unwrap_or_else(|| "-".into()),
            match (c.within_target, c.within_target_share) {
                (Some(n), Some(sh)) => format!("{n} ({:.0}%)", sh * 100.0),
                (Some(n), None) => n.to_string(),
                _ => "-".into(),
            },
            w.n.to_string(),
            opt_days(w.longest_days),
            w.over_target.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            w.due_soon.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            s.missing_implied.n.to_string(),
            s.out_of_scope.n.to_string(),
            s.invalid.n.to_string(),
        ]);
    }
    let widths: Vec<usize> =
        (0..header.len()).map(|k| rows.iter().map(|r| r[k].chars().count()).max().unwrap_or(0)).collect();
    for (i, r) in rows.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(
                |(k, cell)| {
                    if k == 0 { format!("{cell:<w$}", w = widths[k]) } else { format!("{cell:>w$}", w = widths[k]) }
                },
            )
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
            out.push('\n');
        }
    }
    out.push_str("\nDays are calendar days. Done = completed the stage; Implied = a date is blank but a later\nmilestone shows it happened (not counted, never imputed); Out = left the stage another way.\n");
    if unverified {
        out.push_str("* target not verified (an inferred default in domain.md): confirm it locally.\n");
    }
    // England's stages: the adoption scorecard's own figure beside the median.
    for s in a.stages.iter().filter(|s| s.scorecard.is_some()) {
        if let Some(sc) = &s.scorecard {
            out.push_str(&format!("\n{}: {}", s.id.key(), sc.sentence()));
        }
    }
    if a.stages.iter().any(|s| s.scorecard.is_some()) {
        out.push('\n');
    }
    for s in &a.stages {
        if let Some(c) = &s.cohorts {
            out.push_str(&format!(
                "\n{} from {}: new entrants {} done (median {}), {} waiting; backlog {} still waiting, {} cleared since\n",
                s.id.key(),
                uk_date(c.from_date),
                c.new_entrants.complete.n,
                opt_f(c.new_entrants.complete.median_days),
                c.new_entrants.waiting.n,
                c.backlog.waiting.n,
                c.backlog.cleared_since_from
            ));
        }
    }

    out
}

/// Aim 1: the children at home on a CSO, with their target dates.
fn aim1_text(a: &Analysis) -> String {
    let mut out = String::new();
    out.push_str(&format!("\n{}\n", a.aim1.heading()));
    if !a.aim1.has_cso_data {
        out.push_str("  no at-home CSO data in this file\n");
    } else if a.aim1.children.is_empty() {
        out.push_str("  none\n");
    } else {
        for c in &a.aim1.children {
            out.push_str(&format!(
                "  {:<12} CSO from {}  {} days  {} {}{}\n",
                c.child_id,
                uk_date(c.cso_start),
                c.days_on_cso,
                a.aim1.target_column(),
                c.target_date.map(uk_date).unwrap_or_else(|| "-".into()),
                if c.over_target { "  OVER" } else { "" }
            ));
        }
    }

    out
}

/// Where children are waiting now, and the stage medians among children with legal permanence.
fn waiting_text(a: &Analysis) -> String {
    let mut out = String::new();
    out.push_str("\nWhere children are waiting now (furthest milestone reached)\n");
    if a.delay.by_latest_milestone.is_empty() {
        out.push_str("  none\n");
    }
    for m in &a.delay.by_latest_milestone {
        out.push_str(&format!(
            "  {:<28} {:>5} children  median {} days since, longest {}\n",
            m.milestone.label(),
            m.n,
            opt_f(m.median_days_since),
            opt_days(m.longest_days_since)
        ));
    }
    let p = &a.delay.permanence_reached;
    out.push_str(&format!("\nChildren with legal permanence: {}; median days per stage\n", p.n));
    for s in &p.stages {
        if s.id != StageId::CsoAtHomeToReview {
            out.push_str(&format!("  {:<32} n {:>5}  median {}\n", s.id.key(), s.n, opt_f(s.median_days)));
        }
    }
    out
}
