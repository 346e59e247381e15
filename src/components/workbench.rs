//! The general run chart workbench, for workshop participants and other QI teams: paste or type
//! values (or pick a sheet and columns of the loaded file), choose the rules, direction, a frozen
//! baseline, phases and a fixed centre line, and get the same chart, sentences and tables as the
//! stage run charts. Reading the input is the core's (`runchart::paste`); so are the rules and
//! the chart. Nothing typed here is stored.

use leptos::prelude::*;
use timescales_core::chart::RunChartModel;
use timescales_core::dates::{ParsedDate, parse_uk_date};
use timescales_core::ingest::table::Sheet;
use timescales_core::runchart::paste::{
    SeriesInput, SheetColumns, column_names, first_nonblank_row, from_sheet, parse_pasted,
};
use timescales_core::runchart::phase_summary::phase_summary;
use timescales_core::runchart::sentences::number;
use timescales_core::runchart::{
    Baseline, BreakAt, Direction, PhaseAnalysis, PhaseBreak, RuleSet, RunChartAnalysis, RunChartConfig, analyse,
    chart_spec,
};

use super::charts::runchart::{ChartHit, RunChartView};
use super::format::date;
use crate::browser::download::download;
use crate::browser::workbook_worker::read_any;
use crate::state::{Ptr, use_app};

/// Where the values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Paste,
    File,
}

/// The analysis and chart of the current input, or why there is none.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    analysis: RunChartAnalysis,
    model: Ptr<RunChartModel>,
}

const EXAMPLE: &str = "Paste one value per line, or a date (dd/mm/yyyy) or label and a value separated by a comma or a tab, for example:\n01/04/2024,12\n08/04/2024,15";

fn parse_opt_f64(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some).ok_or_else(|| format!("'{t}' is not a number"))
}

/// The workbench's input and options. Created once with the app, so pasted values and choices
/// survive a visit to another screen (memory only, never stored).
#[derive(Clone, Copy)]
pub struct WorkbenchState {
    source: RwSignal<Source>,
    text: RwSignal<String>,
    sheet_index: RwSignal<usize>,
    header_override: RwSignal<Option<usize>>,
    value_col: RwSignal<Option<usize>>,
    date_col: RwSignal<Option<usize>>,
    label_col: RwSignal<Option<usize>>,
    rules: RwSignal<RuleSet>,
    direction: RwSignal<Direction>,
    freeze: RwSignal<String>,
    centre: RwSignal<String>,
    phases: RwSignal<Vec<PhaseBreak>>,
    y_title: RwSignal<String>,
    title: RwSignal<String>,
}

impl WorkbenchState {
    /// Creates the state and provides it as context. Call once, from the app root.
    pub fn provide() {
        provide_context(WorkbenchState {
            source: RwSignal::new(Source::Paste),
            text: RwSignal::new(String::new()),
            sheet_index: RwSignal::new(0),
            header_override: RwSignal::new(None),
            value_col: RwSignal::new(None),
            date_col: RwSignal::new(None),
            label_col: RwSignal::new(None),
            rules: RwSignal::new(RuleSet::Both),
            direction: RwSignal::new(Direction::LowerIsBetter),
            freeze: RwSignal::new(String::new()),
            centre: RwSignal::new(String::new()),
            phases: RwSignal::new(Vec::new()),
            y_title: RwSignal::new(String::from("Value")),
            title: RwSignal::new(String::from("Run chart")),
        });
    }

    /// Forgets pasted values and chosen columns ("Clear everything").
    pub fn clear() {
        if let Some(w) = use_context::<WorkbenchState>() {
            w.text.set(String::new());
            w.source.set(Source::Paste);
            w.value_col.set(None);
            w.date_col.set(None);
            w.label_col.set(None);
            w.phases.set(Vec::new());
        }
    }
}

/// The loaded file's sheets, or why they could not be read.
type SheetsResult = Option<Result<Ptr<Vec<Sheet>>, String>>;

#[component]
pub fn Workbench() -> impl IntoView {
    let wb: WorkbenchState = expect_context();
    let selected = RwSignal::new(None::<String>);
    let sheets = loaded_sheets(wb.source);
    let current_sheet = move || -> Option<(Ptr<Vec<Sheet>>, usize)> {
        let s = sheets.get()?.ok()?;
        let i = wb.sheet_index.get().min(s.len().saturating_sub(1));
        (!s.is_empty()).then_some((s, i))
    };
    let header_row = Signal::derive(move || -> Option<usize> {
        let (s, i) = current_sheet()?;
        wb.header_override.get().or_else(|| first_nonblank_row(&s[i]))
    });

    let input = Memo::new(move |_| -> Option<Ptr<SeriesInput>> {
        match wb.source.get() {
            Source::Paste => {
                let t = wb.text.get();
                (!t.trim().is_empty()).then(|| Ptr::new(parse_pasted(&t)))
            }
            Source::File => {
                let (s, i) = current_sheet()?;
                let cols = SheetColumns {
                    header_row: header_row.get()?,
                    value: wb.value_col.get()?,
                    date: wb.date_col.get(),
                    label: wb.label_col.get(),
                };
                Some(Ptr::new(from_sheet(&s[i], &cols)))
            }
        }
    });
    let config = Memo::new(move |_| {
        chart_config(wb.rules.get(), wb.direction.get(), &wb.freeze.get(), &wb.centre.get(), wb.phases.get())
    });
    let drawn = Memo::new(move |_| -> Option<Result<Drawn, String>> {
        let input = input.get()?;
        Some(draw(&input, config.get(), &wb.title.get(), wb.y_title.get()))
    });

    view! {
        <h1>"Run chart workbench"</h1>
        <p class="lead">
            "Make a run chart of any measure: paste or type the values, or pick columns of the loaded file. "
            "The same rules and chart as the stage run charts. Nothing you type here is stored or sent."
        </p>
        {source_choice(wb.source)}
        {move || match wb.source.get() {
            Source::Paste => pasted_values(wb.text).into_any(),
            Source::File => view! {
                <FileColumns sheets=sheets sheet_index=wb.sheet_index header_override=wb.header_override header_row=header_row
                    value_col=wb.value_col date_col=wb.date_col label_col=wb.label_col />
            }.into_any(),
        }}
        <div data-testid="workbench-errors" class="workbench-errors">
            {move || input.get().map(|inp| input_report(&inp))}
        </div>
        <h2>"Chart options"</h2>
        {chart_options(wb)}
        {chart_and_findings(drawn, input, selected)}
    }
}

/// The loaded file's sheets, read only when the file is the source. Workbooks are read by the
/// workbook worker, so this is asynchronous.
fn loaded_sheets(source: RwSignal<Source>) -> Signal<SheetsResult> {
    let state = use_app();
    let sheets_resource = LocalResource::new(move || {
        let wanted = source.get() == Source::File;
        let data = state.data.get();
        async move {
            if !wanted {
                return None;
            }
            let bytes = data.bytes.as_ref()?;
            Some(
                read_any(bytes, &data.name)
                    .await
                    .map(|(s, _)| Ptr::new(s))
                    .map_err(|e| format!("{} could not be read: {e}", data.name)),
            )
        }
    });
    Signal::derive(move || sheets_resource.get().flatten())
}

/// The rules' configuration from the options, or what is wrong with a typed option.
fn chart_config(
    rules: RuleSet,
    direction: Direction,
    freeze: &str,
    centre: &str,
    phases: Vec<PhaseBreak>,
) -> Result<RunChartConfig, String> {
    let freeze_n = match freeze.trim() {
        "" => None,
        t => Some(
            t.parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| format!("Freeze: '{t}' is not a number of points (1 or more)"))?,
        ),
    };
    let fixed = parse_opt_f64(centre).map_err(|e| format!("Fixed centre line: {e}"))?;
    Ok(RunChartConfig {
        rules,
        direction,
        baseline: freeze_n.map(Baseline::FirstN).unwrap_or(Baseline::All),
        phases,
        fixed_centre: fixed,
        ..RunChartConfig::default()
    })
}

/// The analysis and chart of the input, or why there is none.
fn draw(
    input: &SeriesInput,
    config: Result<RunChartConfig, String>,
    title: &str,
    y_title: String,
) -> Result<Drawn, String> {
    if input.series.is_empty() {
        return Err("There are no values to chart yet.".into());
    }
    let cfg = config?;
    let analysis =
        analyse(&input.series, &cfg).map_err(|e| format!("The chart cannot be drawn with these options: {e}."))?;
    let mut spec = chart_spec(&analysis, "workbench", title, "the last point");
    spec.y_title = y_title;
    spec.x_title = Some(if input.dated { "Points in date order".into() } else { "Points in the order given".into() });
    spec.description = Some(describe(&analysis));
    Ok(Drawn { model: Ptr::new(spec.build()), analysis })
}

/// Paste or the loaded file's columns.
fn source_choice(source: RwSignal<Source>) -> impl IntoView {
    let state = use_app();
    let has_bytes = move || state.data.with(|d| d.bytes.is_some());
    view! {
        <fieldset class="workbench-source">
            <legend>"Where the values come from"</legend>
            <div class="radio">
                <input type="radio" name="wb-source" id="wb-source-paste" data-testid="workbench-source-paste"
                    prop:checked=move || source.get() == Source::Paste on:change=move |_| source.set(Source::Paste) />
                <label for="wb-source-paste">"Paste or type values"</label>
            </div>
            <div class="radio">
                <input type="radio" name="wb-source" id="wb-source-file" data-testid="workbench-source-file"
                    prop:disabled=move || !has_bytes()
                    prop:checked=move || source.get() == Source::File on:change=move |_| source.set(Source::File) />
                <label for="wb-source-file">
                    {move || if has_bytes() {
                        format!("Columns of the loaded file ({})", state.data.with(|d| d.name.clone()))
                    } else {
                        "Columns of a loaded file (load a spreadsheet on the start screen first)".to_string()
                    }}
                </label>
            </div>
        </fieldset>
    }
}

/// The text box for pasted or typed values.
fn pasted_values(text: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="workbench-input">"Values, one per line"</label>
            <p class="hint" id="workbench-input-hint">
                "One value per line; or a date and a value (" <code>"01/04/2024,12"</code> "), or a label and a value ("
                <code>"Week 1,12"</code> "), separated by a comma or a tab. Dates are day first (dd/mm/yyyy) or yyyy-mm-dd. "
                "Blank lines are ignored. Lines that cannot be read are listed with their line number."
            </p>
            <textarea id="workbench-input" class="workbench-input" rows="12" data-testid="workbench-input"
                aria-describedby="workbench-input-hint" placeholder=EXAMPLE spellcheck="false"
                prop:value=move || text.get()
                on:input:target=move |ev| text.set(ev.target().value())></textarea>
        </div>
    }
}

/// Rules, direction, centre line, phases and titles.
fn chart_options(wb: WorkbenchState) -> impl IntoView {
    let WorkbenchState { rules, direction, freeze, centre, phases, y_title, title, .. } = wb;
    view! {
        <div class="controls workbench-controls">
            <fieldset>
                <legend>"Rules"</legend>
                {[(RuleSet::Both, "both", "Both rule sets, reported separately"), (RuleSet::Ihi, "ihi", "IHI: shift, trend, runs"), (RuleSet::Anhoej, "anhoej", "Anhøj: longest run, crossings")]
                    .into_iter().map(|(r, key, label)| {
                        let id = format!("wb-rules-{key}");
                        view! {
                            <div class="radio">
                                <input type="radio" name="wb-rules" id=id.clone() data-testid=id.clone()
                                    prop:checked=move || rules.get() == r on:change=move |_| rules.set(r) />
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>"Which way is better"</legend>
                {[(Direction::LowerIsBetter, "lower", "Lower is better"), (Direction::HigherIsBetter, "higher", "Higher is better"), (Direction::Neutral, "neutral", "Neither: describe changes only")]
                    .into_iter().map(|(d, key, label)| {
                        let id = format!("wb-direction-{key}");
                        view! {
                            <div class="radio">
                                <input type="radio" name="wb-direction" id=id.clone() data-testid=id.clone()
                                    prop:checked=move || direction.get() == d on:change=move |_| direction.set(d) />
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>"Centre line"</legend>
                <div class="field">
                    <label for="wb-freeze">"Freeze the median on the first N points (blank: use every point)"</label>
                    <input id="wb-freeze" class="input--short" type="number" min="1" step="1" inputmode="numeric" data-testid="workbench-freeze"
                        prop:value=move || freeze.get() on:input:target=move |ev| freeze.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for="wb-centre">"Fixed centre line, such as a target (blank: the median)"</label>
                    <input id="wb-centre" class="input--short" type="text" inputmode="decimal" data-testid="workbench-centre"
                        prop:value=move || centre.get() on:input:target=move |ev| centre.set(ev.target().value()) />
                </div>
            </fieldset>
            <PhaseControls phases=phases />
            <fieldset>
                <legend>"Titles"</legend>
                <div class="field">
                    <label for="wb-title">"Chart title"</label>
                    <input id="wb-title" type="text" prop:value=move || title.get() on:input:target=move |ev| title.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for="wb-ytitle">"What the values are (the vertical axis)"</label>
                    <input id="wb-ytitle" type="text" prop:value=move || y_title.get() on:input:target=move |ev| y_title.set(ev.target().value()) />
                </div>
            </fieldset>
        </div>
    }
}

/// The chart, its SVG download, what it says, the phases and the data table.
fn chart_and_findings(
    drawn: Memo<Option<Result<Drawn, String>>>,
    input: Memo<Option<Ptr<SeriesInput>>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let model = Signal::derive(move || {
        drawn
            .with(|d| match d {
                Some(Ok(d)) => Some(d.model.clone()),
                _ => None,
            })
            .unwrap_or_else(|| {
                Ptr::new(timescales_core::chart::RunChartSpec::new("workbench", "Run chart", "").build())
            })
    });
    let has_chart = move || drawn.with(|d| matches!(d, Some(Ok(_))));
    let on_hit = Callback::new(move |hit: ChartHit| {
        let ChartHit::Point(id) = hit else { return };
        selected.set(Some(id));
    });
    let export_svg = move |_| {
        let m = model.get_untracked();
        let _ = download(
            "workbench-run-chart.svg",
            "image/svg+xml",
            timescales_core::chart::svg::run_chart_svg(&m).as_bytes(),
        );
    };
    let export_png = move |_| {
        let m = model.get_untracked();
        let svg = timescales_core::chart::svg::run_chart_svg(&m);
        let _ = crate::browser::download::download_png("workbench-run-chart.png", &svg, m.meta.width, m.meta.height);
    };
    view! {
        <h2>"The chart"</h2>
        {move || drawn.with(|d| match d {
            Some(Err(e)) => Some(view! { <p class="error-message" role="alert" data-testid="workbench-problem">{e.clone()}</p> }.into_any()),
            None => Some(view! { <p class="hint">"The chart appears here as soon as there are values."</p> }.into_any()),
            Some(Ok(_)) => None,
        })}
        <div class="chart-frame" class:workbench-hidden=move || !has_chart()>
            <RunChartView model=model on_hit=on_hit />
        </div>
        {move || selected.get().map(|id| view! {
            <p class="panel" role="status">{format!("Selected point: {id}. It is also in the data table below.")}
                " " <button class="link-button" on:click=move |_| selected.set(None)>"Close"</button></p>
        })}
        <p class="actions">
            <button class="secondary" data-testid="workbench-export-svg" prop:disabled=move || !has_chart() on:click=export_svg>"Download the chart (SVG)"</button>
            <button class="secondary" data-testid="workbench-export-png" prop:disabled=move || !has_chart() on:click=export_png>"Download the chart (PNG)"</button>
        </p>
        <h2>"What the chart says"</h2>
        <div data-testid="workbench-signals">
            {move || drawn.with(|d| match d {
                Some(Ok(d)) => view! {
                    <ul class="signals">
                        {d.analysis.signals.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
                    </ul>
                }.into_any(),
                _ => view! { <p>"Nothing yet."</p> }.into_any(),
            })}
        </div>
        {move || drawn.with(|d| match d {
            Some(Ok(d)) => Some(view! {
                <h2>"Phases"</h2>
                {phase_table(&d.analysis)}
                <details class="data-table">
                    <summary>"Data table: every point"</summary>
                    {points_table(&d.analysis, input.get_untracked())}
                </details>
            }),
            _ => None,
        })}
    }
}

/// The sheet and columns of the loaded file.
#[component]
fn FileColumns(
    sheets: Signal<Option<Result<Ptr<Vec<Sheet>>, String>>>,
    sheet_index: RwSignal<usize>,
    header_override: RwSignal<Option<usize>>,
    header_row: Signal<Option<usize>>,
    value_col: RwSignal<Option<usize>>,
    date_col: RwSignal<Option<usize>>,
    label_col: RwSignal<Option<usize>>,
) -> impl IntoView {
    move || match sheets.get() {
        None => view! { <p>"No file is loaded."</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error-message" role="alert">{e}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p>"The file has no sheets."</p> }.into_any(),
        Some(Ok(list)) => {
            let i = sheet_index.get().min(list.len() - 1);
            let sheet = &list[i];
            let names = header_row.get().map(|r| column_names(sheet, r)).unwrap_or_default();
            let sheet_options = list
                .iter()
                .enumerate()
                .map(|(k, s)| {
                    view! {
                        <option value=k.to_string() selected=k == i>{s.name.clone()}</option>
                    }
                })
                .collect_view();
            let first_row = sheet.first_row as usize;
            let header_shown = header_row.get().map(|r| (r + first_row).to_string()).unwrap_or_default();
            let col_select = move |id: &'static str,
                                   label: &'static str,
                                   sig: RwSignal<Option<usize>>,
                                   none: &'static str| {
                let opts = names.iter().enumerate().map(|(k, n)| {
                    let letter = timescales_core::runchart::paste::column_letter(k);
                    view! { <option value=k.to_string() selected=move || sig.get() == Some(k)>{format!("{letter}: {n}")}</option> }
                }).collect_view();
                view! {
                    <div class="field">
                        <label for=id>{label}</label>
                        <select id=id data-testid=id on:change:target=move |ev| sig.set(ev.target().value().parse::<usize>().ok())>
                            <option value="" selected=move || sig.get().is_none()>{none}</option>
                            {opts}
                        </select>
                    </div>
                }
            };
            view! {
                <fieldset class="workbench-file">
                    <legend>"Sheet and columns"</legend>
                    <div class="field">
                        <label for="wb-sheet">"Sheet"</label>
                        <select id="wb-sheet" data-testid="workbench-sheet" on:change:target=move |ev| {
                            sheet_index.set(ev.target().value().parse().unwrap_or(0));
                            header_override.set(None);
                            value_col.set(None);
                            date_col.set(None);
                            label_col.set(None);
                        }>{sheet_options}</select>
                    </div>
                    <div class="field">
                        <label for="wb-header-row">"Row with the column names"</label>
                        <input id="wb-header-row" class="input--short" type="number" min=first_row.to_string() step="1"
                            prop:value=header_shown
                            on:change:target=move |ev| {
                                if let Ok(n) = ev.target().value().trim().parse::<usize>() {
                                    header_override.set(Some(n.saturating_sub(first_row)));
                                }
                            } />
                    </div>
                    {col_select("wb-value-col", "Value column", value_col, "Choose a column")}
                    {col_select("wb-date-col", "Date column (optional)", date_col, "No dates")}
                    {col_select("wb-label-col", "Label column (optional)", label_col, "No labels")}
                </fieldset>
            }
            .into_any()
        }
    }
}

/// Adding and removing phases, at a point number or a date.
#[component]
fn PhaseControls(phases: RwSignal<Vec<PhaseBreak>>) -> impl IntoView {
    let at = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |_| {
        let t = at.get_untracked();
        let t = t.trim();
        let place = if let Ok(n) = t.parse::<usize>() {
            if n < 2 { Err("A new phase starts at point 2 or later.".to_string()) } else { Ok(BreakAt::Index(n - 1)) }
        } else {
            match parse_uk_date(t) {
                Ok(ParsedDate::Date(d)) => Ok(BreakAt::Date(d)),
                Ok(_) => Err("Give a point number (such as 13) or a date (dd/mm/yyyy).".to_string()),
                Err(e) => Err(format!("'{t}' is not a point number or a date: {e}.")),
            }
        };
        match place {
            Ok(place) => {
                let l = label.get_untracked().trim().to_string();
                phases.update(|p| {
                    p.push(PhaseBreak { at: place, baseline: Baseline::All, label: (!l.is_empty()).then_some(l) })
                });
                at.set(String::new());
                label.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <fieldset>
            <legend>"Phases (tests of change)"</legend>
            <ul class="plain-list" data-testid="workbench-phase-list">
                {move || phases.get().into_iter().enumerate().map(|(k, p)| {
                    let place = match p.at {
                        BreakAt::Index(i) => format!("From point {}", i + 1),
                        BreakAt::Date(d) => format!("From {}", date(d)),
                    };
                    view! {
                        <li>
                            {format!("{place}: {}", p.label.clone().unwrap_or_else(|| "new phase".into()))}
                            " "
                            <button class="link-button" on:click=move |_| phases.update(|v| { if k < v.len() { v.remove(k); } })>"Remove"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="field">
                <label for="wb-phase-at">"New phase starts at (a point number, or a date dd/mm/yyyy)"</label>
                <input id="wb-phase-at" type="text" data-testid="workbench-phase-at" prop:value=move || at.get()
                    on:input:target=move |ev| at.set(ev.target().value()) />
            </div>
            <div class="field">
                <label for="wb-phase-label">"Label (for example, the change you tested)"</label>
                <input id="wb-phase-label" type="text" data-testid="workbench-phase-label" prop:value=move || label.get()
                    on:input:target=move |ev| label.set(ev.target().value()) />
            </div>
            <div role="alert">{move || error.get().map(|e| view! { <p class="error-message">{e}</p> })}</div>
            <button class="secondary" data-testid="workbench-add-phase" on:click=add>"Add phase"</button>
        </fieldset>
    }
}

/// Lines that could not be read, and notes on how the input was read.
fn input_report(inp: &SeriesInput) -> impl IntoView + use<> {
    let n = inp.series.len();
    let summary = format!(
        "{n} point{} read{}.",
        if n == 1 { "" } else { "s" },
        if inp.errors.is_empty() {
            String::new()
        } else {
            format!("; {} line{} could not be read", inp.errors.len(), if inp.errors.len() == 1 { "" } else { "s" })
        }
    );
    let notes = inp.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view();
    let errors = (!inp.errors.is_empty()).then(|| {
        let rows = inp.errors.iter().map(|e| view! {
            <tr><td class="num">{e.line}</td><td><code>{e.text.clone()}</code></td><td>{e.message.clone()}</td></tr>
        }).collect_view();
        view! {
            <div class="error-summary" role="alert">
                <h3>"Lines that could not be read"</h3>
                <p>"These lines are not on the chart. Correct them above and the chart updates."</p>
                <table class="table">
                    <thead><tr><th scope="col">"Line"</th><th scope="col">"Text"</th><th scope="col">"Problem"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <p role="status" data-testid="workbench-count">{summary}</p>
        <ul class="plain-list">{notes}</ul>
        {errors}
    }
}

/// The chart's text alternative.
fn describe(a: &RunChartAnalysis) -> String {
    let n = a.points.len();
    let mut s = format!("Run chart of {n} point{}.", if n == 1 { "" } else { "s" });
    for p in &a.phases {
        if let Some(c) = p.centre {
            s.push_str(&format!(" Points {} to {}: centre line {}.", p.first, p.last, number(c)));
        }
    }
    if let Some(first) = a.signals.first() {
        s.push(' ');
        s.push_str(first);
    }
    s
}

fn phase_row(p: &PhaseAnalysis) -> impl IntoView + use<> {
    let s = phase_summary(p);
    let ihi = s.ihi();
    view! {
        <tr>
            <th scope="row">{s.name}</th>
            <td>{s.points}</td>
            <td class="num">{s.centre}</td>
            <td class="num">{s.counts}</td>
            <td>{ihi}</td>
            <td>{s.anhoej}</td>
        </tr>
    }
}

fn phase_table(a: &RunChartAnalysis) -> impl IntoView + use<> {
    view! {
        <table class="table" data-testid="workbench-phase-table">
            <thead><tr>
                <th scope="col">"Phase"</th><th scope="col">"Points"</th><th scope="col">"Centre line"</th><th scope="col">"Points used"</th>
                <th scope="col">"IHI"</th><th scope="col">"Anhøj"</th>
            </tr></thead>
            <tbody>{a.phases.iter().map(phase_row).collect_view()}</tbody>
        </table>
    }
}

fn points_table(a: &RunChartAnalysis, input: Option<Ptr<SeriesInput>>) -> impl IntoView + use<> {
    let lines = input.map(|i| i.lines.clone()).unwrap_or_default();
    let rows = a
        .points
        .iter()
        .map(|p| {
            let notes = timescales_core::runchart::sentences::point_notes(p);
            let line = lines.get(p.number - 1).map(|l| l.to_string()).unwrap_or_default();
            view! {
                <tr>
                    <td class="num">{p.number}</td>
                    <td class="num">{line}</td>
                    <td>{p.date.map(date).unwrap_or_default()}</td>
                    <td>{p.label.clone().unwrap_or_default()}</td>
                    <td class="num">{if p.value.is_finite() { number(p.value) } else { "no value".into() }}</td>
                    <td class="num">{p.centre.map(number).unwrap_or_default()}</td>
                    <td>{notes.join("; ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table" data-testid="workbench-points-table">
            <thead><tr>
                <th scope="col">"Point"</th><th scope="col">"Line or row"</th><th scope="col">"Date"</th><th scope="col">"Label"</th>
                <th scope="col">"Value"</th><th scope="col">"Centre line"</th><th scope="col">"Notes"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
