//! The run chart page of one stage: the chart with the waiting bars on the same scale, the
//! controls (rule set, baseline, phases, centre line, excluded points), the signals in
//! sentences, and data tables behind the chart.

use leptos::prelude::*;
use timescales_core::analysis::settings::{FrozenBaseline, Phase};
use timescales_core::analysis::{StageId, StageSummary};
use timescales_core::chart::RunChartModel;
use timescales_core::chart::svg::run_chart_svg;
use timescales_core::runchart::phase_summary::phase_summary;
use timescales_core::runchart::{PhaseAnalysis, RuleSet, RunChartAnalysis, digest};
use timescales_core::stage_chart::{ExcludedChild, StageChartOptions, stage_chart};

use super::charts::runchart::{ChartHit, RunChartView};
use super::format::{date, days};
use crate::browser::download::download;
use crate::state::{AppState, Ptr, use_app};

/// The chart and its analysis for the open stage, recomputed once per change.
#[derive(Debug, Clone, PartialEq)]
struct PageData {
    summary: StageSummary,
    analysis: RunChartAnalysis,
    model: Ptr<RunChartModel>,
}

fn options(state: AppState, id: StageId) -> StageChartOptions {
    state.chart_options.with(|o| o.get(&id).cloned().unwrap_or_default())
}

fn update_options(state: AppState, id: StageId, f: impl FnOnce(&mut StageChartOptions)) {
    state.chart_options.update(|o| f(o.entry(id).or_default()));
}

#[component]
pub fn RunChartPage() -> impl IntoView {
    let state = use_app();
    let selected = RwSignal::new(None::<ChartHit>);
    // How many rows each data table shows: a national cohort has tens of thousands of points.
    let points_shown = RwSignal::new(ROWS_AT_A_TIME);
    let waiting_shown = RwSignal::new(ROWS_AT_A_TIME);
    let data =
        Memo::new(move |_| {
            let id = state.shown_stage();
            let a = state.analysis.get();
            let summary = a.stage(id).clone();
            let st = state.settings.with(|s| s.stage(id));
            let opts = options(state, id);
            // A chart that cannot be built says why, instead of looking like an empty stage.
            let chart = stage_chart(&summary, &st, &opts, "runchart")
                .map_err(|e| format!("The run chart cannot be drawn with these settings: {e}."));
            Some(chart.map(|chart| {
                Ptr::new(PageData { model: Ptr::new(chart.spec.build()), analysis: chart.analysis, summary })
            }))
        });
    let build_error = move || data.with(|d| d.as_ref().and_then(|r| r.as_ref().err().cloned()));
    let data = Memo::new(move |_| data.with(|d| d.as_ref().and_then(|r| r.as_ref().ok().cloned())));
    let model = Signal::derive(move || {
        data.with(|d| d.as_ref().map(|d| d.model.clone())).unwrap_or_else(|| Ptr::new(empty_model()))
    });
    let on_hit = Callback::new(move |hit: ChartHit| selected.set(Some(hit)));
    let on_stage = move |ev: leptos::ev::Event| {
        if let Some(id) = StageId::from_key(&event_target_value(&ev)) {
            selected.set(None);
            state.stage.set(id);
        }
    };
    // England's stages are offered only when the analysis shows them.
    let stage_options = move || {
        state.analysis.with(|a| {
            a.stages
                .iter()
                .map(|s| {
                    let s = s.id;
                    let label = s.title();
                    view! { <option value=s.key() selected=move || state.shown_stage() == s>{label}</option> }
                })
                .collect_view()
        })
    };
    let export_svg = move |_| {
        let m = model.get_untracked();
        let _ = download(
            &format!("{}-run-chart.svg", untrack(|| state.shown_stage()).key()),
            "image/svg+xml",
            run_chart_svg(&m).as_bytes(),
        );
    };
    let export_png = move |_| {
        let m = model.get_untracked();
        let name = format!("{}-run-chart.png", untrack(|| state.shown_stage()).key());
        let _ = crate::browser::download::download_png(&name, &run_chart_svg(&m), m.meta.width, m.meta.height);
    };

    view! {
        <h1>"Run chart"</h1>
        <div class="field">
            <label for="stage-select">"Stage"</label>
            <select id="stage-select" data-testid="stage-select" on:change=on_stage>{stage_options}</select>
        </div>
        {move || build_error().map(|e| view! { <p class="error-message" role="alert" data-testid="runchart-error">{e}</p> })}
        <div class="chart-frame">
            <RunChartView model=model on_hit=on_hit />
        </div>
        <p class="hint">"Select a point or a bar to see that child. Every point and bar is also in the tables below, which work with a keyboard."</p>
        {move || selected.get().map(|hit| view! { <SelectedChild hit=hit selected=selected /> })}
        <p class="actions">
            <button class="secondary" on:click=export_svg data-testid="export-svg">"Download the chart (SVG)"</button>
            <button class="secondary" on:click=export_png data-testid="export-png">"Download the chart (PNG)"</button>
            " "
            <button class="secondary" on:click=move |_| crate::browser::download::print()>"Print"</button>
        </p>
        <h2>"What the chart says"</h2>
        <div data-testid="signals">
            {move || data.with(|d| d.as_ref().map(|d| signal_list(&d.analysis)))}
        </div>
        {move || data.with(|d| d.as_ref().map(|d| d.summary.notes().into_iter().map(|n| view! {
            <p class="note" data-testid="chart-note">{n}</p>
        }).collect_view()))}
        <p class="hint" data-testid="population">{move || state.analysis.with(|a| a.stage(state.shown_stage()).population)}</p>
        <Controls />
        <h2>"Phases"</h2>
        {move || data.with(|d| d.as_ref().map(|d| phase_table(&d.analysis)))}
        <details class="data-table">
            <summary>"Data table: every child who completed the stage"</summary>
            {move || data.get().map(|d| points_table(state, d, points_shown))}
        </details>
        <details class="data-table">
            <summary>"Data table: children still waiting"</summary>
            {move || data.get().map(|d| waiting_table(state, d, waiting_shown))}
        </details>
        <TimeToEvent />
    }
}

/// Beside the run chart: how long the stage takes counting everyone, with the children still
/// waiting censored (Kaplan-Meier; docs/survival.md), overall or new entrants against the backlog.
#[component]
fn TimeToEvent() -> impl IntoView {
    let state = use_app();
    let split = RwSignal::new(false);
    let spec = Memo::new(move |_| {
        let id = state.shown_stage();
        let a = state.analysis.get();
        let summary = a.stage(id);
        if split.get() {
            let table = state.table.get();
            let rows = state.data.with(|d| state.settings.with(|s| table.select(&d.dataset, &s.filters)));
            if let Some(spec) =
                timescales_core::stage_km_chart::cohort_km_spec(summary, &table, &rows.stages[id.index()], "km")
            {
                return Ptr::new(spec);
            }
        }
        Ptr::new(timescales_core::stage_km_chart::stage_km_spec(summary, "km"))
    });
    let model = Signal::derive(move || Ptr::new(spec.get().build()));
    let has_cohorts = move || state.analysis.with(|a| a.stage(state.shown_stage()).cohorts.is_some());
    view! {
        <h2>"How long it takes, counting the children still waiting"</h2>
        <p class="hint">"The run chart shows the children who completed, in the order they did: is the process changing? This curve counts everyone who started, with the children still waiting counted for as long as they have waited so far: how long does it take?"</p>
        <ul class="signals" data-testid="km-sentences">
            {move || spec.get().sentences.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
        </ul>
        {move || has_cohorts().then(|| view! {
            <p><label><input type="checkbox" data-testid="km-split" prop:checked=move || split.get()
                on:change=move |ev| split.set(event_target_checked(&ev)) />
            " Compare new entrants with the backlog (log-rank test)"</label></p>
        })}
        <div class="chart-frame">
            <super::charts::survival::SurvivalChartView model=model />
        </div>
        <details class="data-table">
            <summary>"Data table: the curve"</summary>
            {move || super::charts::survival::survival_tables(&model.get())}
        </details>
    }
}

/// A model with nothing in it, shown while a chart cannot be built.
fn empty_model() -> RunChartModel {
    timescales_core::chart::RunChartSpec::new("runchart", "Run chart", "end milestone").build()
}

#[component]
fn SelectedChild(hit: ChartHit, selected: RwSignal<Option<ChartHit>>) -> impl IntoView {
    let state = use_app();
    let (id, what) = match &hit {
        ChartHit::Point(id) => (id.clone(), "completed the stage"),
        ChartHit::Bar(id) => (id.clone(), "is still waiting"),
    };
    let reason = RwSignal::new(String::new());
    let stage = untrack(|| state.shown_stage());
    let excluded = {
        let id = id.clone();
        move || options(state, stage).excluded.iter().any(|e| e.child_id == id)
    };
    let id_for_timeline = id.clone();
    let id_for_exclude = id.clone();
    let is_point = matches!(hit, ChartHit::Point(_));
    view! {
        <div class="panel selected-child" role="region" aria-label="Selected child" data-testid="selected-child">
            <p><strong>{id.clone()}</strong>{format!(" {what}.")}</p>
            <button on:click=move |_| state.open_child(&id_for_timeline) data-testid="open-timeline">"Open this child's timeline"</button>
            {is_point.then(|| view! {
                <div class="exclude">
                    {move || if excluded() {
                        let id = id_for_exclude.clone();
                        view! {
                            <button class="secondary" on:click=move |_| update_options(state, stage, |o| o.excluded.retain(|e| e.child_id != id))>
                                "Put this point back into the median and rules"
                            </button>
                        }.into_any()
                    } else {
                        let id = id_for_exclude.clone();
                        view! {
                            <label for="exclude-reason">"Reason for leaving this point out"</label>
                            <input id="exclude-reason" type="text" prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev)) />
                            <button class="secondary" data-testid="exclude-point" on:click=move |_| {
                                let r = reason.get_untracked();
                                let r = if r.trim().is_empty() { "left out by the user".to_string() } else { r };
                                update_options(state, stage, |o| o.excluded.push(ExcludedChild { child_id: id.clone(), reason: r }));
                            }>"Leave this point out of the median and rules"</button>
                        }.into_any()
                    }}
                </div>
            })}
            <button class="link-button" on:click=move |_| selected.set(None)>"Close"</button>
        </div>
    }
}

/// The run chart controls for the open stage.
#[component]
fn Controls() -> impl IntoView {
    let state = use_app();
    let stage = move || state.shown_stage();
    let rules = move || options(state, stage()).rules;
    let set_rules = move |r: RuleSet| update_options(state, stage(), |o| o.rules = r);
    let rule_radio = move |r: RuleSet, key: &'static str, label: &'static str| {
        let id = format!("rules-{key}");
        view! {
            <div class="radio">
                <input type="radio" name="rules" id=id.clone() data-testid=id.clone()
                    prop:checked=move || rules() == r on:change=move |_| set_rules(r) />
                <label for=id>{label}</label>
            </div>
        }
    };
    let baseline_kind = move || {
        state.settings.with(|s| match s.stage(stage()).baseline {
            Some(FrozenBaseline { points: Some(_), .. }) => "first",
            Some(FrozenBaseline { end: Some(_), .. }) => "until",
            _ => "all",
        })
    };
    let set_baseline = move |b: Option<FrozenBaseline>| {
        let id = stage();
        state.settings.update(|s| {
            s.stages.entry(id).or_insert_with(|| timescales_core::analysis::StageSettings::default_for(id)).baseline = b
        });
    };
    // What the boxes offer when that kind of baseline is not in force; otherwise they show it.
    let freeze_n = RwSignal::new(12usize);
    let baseline_in_force = move || state.settings.with(|s| s.stage(stage()).baseline.clone());
    let until = RwSignal::new(String::new());
    let new_phase_date = RwSignal::new(String::new());
    let new_phase_label = RwSignal::new(String::new());
    let phases = move || state.settings.with(|s| s.stage(stage()).phases);
    let add_phase = move |_| {
        let Some(d) = timescales_core::dates::parse_iso_date(&new_phase_date.get_untracked()) else { return };
        let label = new_phase_label.get_untracked();
        let id = stage();
        state.settings.update(|s| {
            let st = s.stages.entry(id).or_insert_with(|| timescales_core::analysis::StageSettings::default_for(id));
            st.phases.push(Phase { start: d, label });
            timescales_core::order::sort_by_key(&mut st.phases, |p| p.start);
        });
        new_phase_label.set(String::new());
    };
    let target_centre = move || options(state, stage()).fixed_centre.is_some();
    let toggle_centre = move |_| {
        let id = stage();
        let target = state.settings.with(|s| s.stage(id).target_days);
        update_options(state, id, |o| {
            o.fixed_centre = if o.fixed_centre.is_some() { None } else { target.map(|t| t as f64) }
        });
    };
    view! {
        <h2>"Chart settings"</h2>
        <div class="controls runchart-controls" data-testid="runchart-controls">
            <fieldset>
                <legend>"Rules"</legend>
                {rule_radio(RuleSet::Both, "both", "Both rule sets, reported separately")}
                {rule_radio(RuleSet::Ihi, "ihi", "IHI: shift, trend, runs")}
                {rule_radio(RuleSet::Anhoej, "anhoej", "Anhøj: longest run, crossings")}
            </fieldset>
            <fieldset>
                <legend>"Baseline median"</legend>
                <div class="radio">
                    <input type="radio" name="baseline" id="baseline-all" data-testid="baseline-all"
                        prop:checked=move || baseline_kind() == "all" on:change=move |_| set_baseline(None) />
                    <label for="baseline-all">"All points of each phase"</label>
                </div>
                <div class="radio">
                    <input type="radio" name="baseline" id="baseline-first" data-testid="baseline-first"
                        prop:checked=move || baseline_kind() == "first"
                        on:change=move |_| set_baseline(Some(FrozenBaseline { points: Some(freeze_n.get_untracked()), end: None })) />
                    <label for="baseline-first">"Freeze on the first points:"</label>
                    <label for="freeze-n" class="visually-hidden">"Number of points in the baseline"</label>
                    <input id="freeze-n" class="input--short" type="number" min="1" data-testid="freeze-n"
                        prop:value=move || baseline_in_force().and_then(|b| b.points).unwrap_or_else(|| freeze_n.get()).to_string()
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                                freeze_n.set(n.max(1));
                                if baseline_kind() == "first" { set_baseline(Some(FrozenBaseline { points: Some(n.max(1)), end: None })); }
                            }
                        } />
                </div>
                <div class="radio">
                    <input type="radio" name="baseline" id="baseline-until"
                        prop:checked=move || baseline_kind() == "until"
                        on:change=move |_| {
                            if let Some(d) = timescales_core::dates::parse_iso_date(&until.get_untracked()) {
                                set_baseline(Some(FrozenBaseline { points: None, end: Some(d) }));
                            }
                        } />
                    <label for="baseline-until">"Points up to a date:"</label>
                    <label for="until-date" class="visually-hidden">"Last date in the baseline"</label>
                    <input id="until-date" type="date"
                        prop:value=move || baseline_in_force().and_then(|b| b.end).map(timescales_core::dates::iso_date).unwrap_or_else(|| until.get())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            until.set(v.clone());
                            if let Some(d) = timescales_core::dates::parse_iso_date(&v) {
                                set_baseline(Some(FrozenBaseline { points: None, end: Some(d) }));
                            }
                        } />
                </div>
                <div class="checkbox">
                    <input type="checkbox" id="centre-target" prop:checked=target_centre on:change=toggle_centre />
                    <label for="centre-target">"Use the target as the centre line instead of the median"</label>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Phases (tests of change)"</legend>
                <ul class="plain-list" data-testid="phase-list">
                    {move || phases().into_iter().enumerate().map(|(k, p)| view! {
                        <li>
                            {format!("From {}: {}", date(p.start), if p.label.is_empty() { "new phase".to_string() } else { p.label.clone() })}
                            " "
                            <button class="link-button" on:click=move |_| {
                                let id = stage();
                                state.settings.update(|s| { if let Some(st) = s.stages.get_mut(&id) && k < st.phases.len() { st.phases.remove(k); } });
                            }>"Remove"</button>
                        </li>
                    }).collect_view()}
                </ul>
                <label for="phase-date">"New phase starts on"</label>
                <input id="phase-date" type="date" data-testid="phase-date" prop:value=move || new_phase_date.get()
                    on:input=move |ev| new_phase_date.set(event_target_value(&ev)) />
                <label for="phase-label">"Label (for example, the change you tested)"</label>
                <input id="phase-label" type="text" data-testid="phase-label" prop:value=move || new_phase_label.get()
                    on:input=move |ev| new_phase_label.set(event_target_value(&ev)) />
                <button class="secondary" data-testid="add-phase" on:click=add_phase>"Add phase"</button>
            </fieldset>
            <fieldset>
                <legend>"Points left out"</legend>
                {move || {
                    let ex = options(state, stage()).excluded;
                    if ex.is_empty() {
                        view! { <p class="hint">"None. Select a point on the chart to leave it out, with a reason."</p> }.into_any()
                    } else {
                        view! { <ul class="plain-list">{ex.into_iter().map(|e| {
                            let id = e.child_id.clone();
                            view! { <li>{format!("{}: {}", e.child_id, e.reason)} " "
                                <button class="link-button" on:click=move |_| update_options(state, stage(), |o| o.excluded.retain(|x| x.child_id != id))>"Put back"</button></li> }
                        }).collect_view()}</ul> }.into_any()
                    }
                }}
            </fieldset>
        </div>
    }
}

/// The chart's sentences as the core orders them: all of a short chart's; for a long one the
/// verdict and the latest of each kind first, every sentence folded beneath
/// (docs/runchart-rules.md#digest).
fn signal_list(a: &RunChartAnalysis) -> impl IntoView + use<> {
    let d = digest(a);
    let list = |v: Vec<String>| v.into_iter().map(|s| view! { <li>{s}</li> }).collect_view();
    let n = d.all.len();
    view! {
        <ul class="signals" data-testid="signals-first">{list(d.first)}</ul>
        {(n > 0).then(|| view! {
            <details class="data-table" data-testid="signals-all">
                <summary>{format!("All {n} sentences, in order")}</summary>
                <ul class="signals">{list(d.all)}</ul>
            </details>
        })}
    }
}

/// Rows a data table shows at first, and how many more each "Show more" adds.
const ROWS_AT_A_TIME: usize = 500;

/// "Showing 500 of 81234 rows" and a button for the next 500, hidden once every row is shown.
/// The button stays the same element as rows are added, so it keeps the keyboard focus.
fn more_rows(total: usize, shown: RwSignal<usize>, testid: &'static str) -> impl IntoView + use<> {
    view! {
        <p class="table-more" hidden=move || shown.get() >= total>
            {move || format!("Showing {} of {total} rows. ", shown.get().min(total))}
            <button class="secondary" data-testid=testid on:click=move |_| shown.update(|n| *n += ROWS_AT_A_TIME)>
                "Show more rows"
            </button>
        </p>
    }
}

fn phase_row(p: &PhaseAnalysis) -> impl IntoView + use<> {
    let s = phase_summary(p);
    view! {
        <tr>
            <th scope="row">{s.name}</th>
            <td>{s.points}</td>
            <td class="num">{s.centre}</td>
            <td class="num">{s.counts}</td>
            <td>{s.ihi_shifts}</td>
            <td>{s.ihi_trends}</td>
            <td>{s.ihi_runs}</td>
            <td>{s.anhoej}</td>
        </tr>
    }
}

fn phase_table(a: &RunChartAnalysis) -> impl IntoView + use<> {
    view! {
        <table class="table" data-testid="phase-table">
            <thead><tr>
                <th scope="col">"Phase"</th><th scope="col">"Points"</th><th scope="col">"Centre line"</th><th scope="col">"Points used"</th>
                <th scope="col">"IHI shifts"</th><th scope="col">"IHI trends"</th><th scope="col">"IHI runs"</th><th scope="col">"Anhøj"</th>
            </tr></thead>
            <tbody>{a.phases.iter().map(phase_row).collect_view()}</tbody>
        </table>
    }
}

/// The completed children, `shown` rows of them; only the rows are drawn again as more are shown.
fn points_table(state: AppState, d: Ptr<PageData>, shown: RwSignal<usize>) -> impl IntoView + use<> {
    let total = d.analysis.points.len();
    let rows = move || {
        d.analysis
        .points
        .iter()
        .take(shown.get())
        .map(|p| {
            let id = p.id.clone().unwrap_or_default();
            let id2 = id.clone();
            let notes = timescales_core::runchart::sentences::point_notes(p);
            view! {
                <tr>
                    <td class="num">{p.number}</td>
                    <td>{id}</td>
                    <td>{p.date.map(date).unwrap_or_default()}</td>
                    <td class="num">{days(p.value)}</td>
                    <td>{notes.join("; ")}</td>
                    <td><button class="link-button" on:click=move |_| state.open_child(&id2)>"Timeline"</button></td>
                </tr>
            }
        })
        .collect_view()
    };
    view! {
        <table class="table" data-testid="points-table">
            <thead><tr><th scope="col">"Point"</th><th scope="col">"Child"</th><th scope="col">"Reached on"</th><th scope="col">"Days taken"</th><th scope="col">"Notes"</th><th scope="col">"Open"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {more_rows(total, shown, "points-more")}
    }
}

/// The children still waiting, `shown` rows of them.
fn waiting_table(state: AppState, d: Ptr<PageData>, shown: RwSignal<usize>) -> impl IntoView + use<> {
    let total = d.summary.waiting_bars.len();
    let rows = move || {
        d.summary
        .waiting_bars
        .iter()
        .take(shown.get())
        .map(|b| {
            let id = b.child_id.to_string();
            let id2 = id.clone();
            view! {
                <tr>
                    <td>{id}</td>
                    <td>{date(b.start_date)}</td>
                    <td class="num">{days(b.days_waiting as f64)}</td>
                    <td>{if b.over_target { "past the target" } else { "" }}</td>
                    <td><button class="link-button" on:click=move |_| state.open_child(&id2)>"Timeline"</button></td>
                </tr>
            }
        })
        .collect_view()
    };
    view! {
        <table class="table" data-testid="waiting-table">
            <thead><tr><th scope="col">"Child"</th><th scope="col">"Started on"</th><th scope="col">"Days waiting"</th><th scope="col">"Target"</th><th scope="col">"Open"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {more_rows(total, shown, "waiting-more")}
    }
}
