//! Compare: several aggregate files (from different authorities, or one authority's teams)
//! side by side, with no child data loaded. For each stage, a small run chart of each
//! authority's monthly medians with the target line and the rules applied, its verdict, a table
//! of the latest quarter, and the combined view of published counts only (docs/disclosure.md).

use leptos::prelude::*;
use timescales_core::aggregate::compare::compare;
use timescales_core::aggregate::compare_view::{PanelOrder, StageCompareView, compare_report_html, compare_view};
use timescales_core::aggregate::read::read_aggregate;
use timescales_core::analysis::StageId;
use timescales_core::chart::svg::run_chart_svg;

use super::charts::runchart::{ChartHit, RunChartView};
use crate::browser::download::{download, download_png};
use crate::browser::file::read_text_file;
use crate::state::Ptr;

/// The loaded comparison, or the reasons the files cannot be compared.
type Loaded = Result<Ptr<Vec<StageCompareView>>, Vec<String>>;

#[component]
pub fn ComparePage() -> impl IntoView {
    let loaded: RwSignal<Option<Loaded>> = RwSignal::new(None);
    let names: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let files_read: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let only_stage: RwSignal<Option<StageId>> = RwSignal::new(None);
    let order = RwSignal::new(PanelOrder::Files);
    let today = crate::browser::clock::today();
    let save_report = move |_| {
        if let Some(Ok(views)) = loaded.get_untracked() {
            let html = compare_report_html(&views, &files_read.get_untracked(), today);
            let _ = download("timescales-comparison.html", "text/html", html.as_bytes());
        }
    };
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        leptos::task::spawn_local(async move {
            let mut read = Vec::new();
            let mut errors = Vec::new();
            for f in files {
                match read_text_file(f, "aggregate file").await {
                    Ok((name, text)) => match read_aggregate(&text) {
                        Ok(a) => read.push((name, a)),
                        Err(e) => errors.push(format!("{name}: {e}")),
                    },
                    Err(e) => errors.push(e),
                }
            }
            names.set(read.iter().map(|(n, a)| format!("{n} ({})", a.meta.authority)).collect());
            files_read.set(read.iter().map(|(n, _)| n.clone()).collect());
            if !errors.is_empty() {
                loaded.set(Some(Err(errors)));
                return;
            }
            let result = compare(&read)
                .map(|c| Ptr::new(compare_view(&c, (360.0, 220.0))))
                .map_err(|errs| errs.iter().map(|e| e.to_string()).collect());
            loaded.set(Some(result));
        });
    };
    view! {
        <h1>"Compare authorities"</h1>
        <p class="lead">
            "Choose two or more aggregate files made with \"Share figures (no child data)\" or "
            <code>"timescales aggregate"</code>
            ". They hold monthly counts and medians only, with small numbers suppressed; nothing is uploaded and no child data is needed."
        </p>
        <div class="field">
            <label for="compare-files">"Aggregate files (CSV)"</label>
            <input id="compare-files" type="file" multiple accept=".csv,text/csv" data-testid="compare-files" on:change=on_files />
        </div>
        {move || (!names.get().is_empty()).then(|| view! {
            <p data-testid="compare-loaded">{format!("Files: {}.", names.get().join("; "))}</p>
        })}
        {move || matches!(loaded.get(), Some(Ok(_))).then(|| view! {
            <div class="controls">
                <div class="field">
                    <label for="compare-stage">"Stage"</label>
                    <select id="compare-stage" data-testid="compare-stage" on:change=move |ev| only_stage.set(StageId::from_key(&event_target_value(&ev)))>
                        <option value="">"Every stage"</option>
                        {StageId::PACE.into_iter().map(|s| view! { <option value=s.key()>{s.title()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="compare-order">"Order the authorities by"</label>
                    <select id="compare-order" data-testid="compare-order" on:change=move |ev| order.set(PanelOrder::from_key(&event_target_value(&ev)))>
                        <option value="files">"The order of the files"</option>
                        <option value="name">"Name"</option>
                        <option value="median">"Latest month's median, shortest first"</option>
                    </select>
                </div>
            </div>
            <p class="actions"><button class="secondary" data-testid="compare-report" on:click=save_report>
                "Download the comparison report (HTML, printable)"
            </button></p>
        })}
        {move || loaded.get().map(|l| match l {
            Err(errors) => view! {
                <div class="error-summary" role="alert" data-testid="compare-error">
                    <h2>"These files cannot be compared"</h2>
                    <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                </div>
            }.into_any(),
            Ok(stages) => stages
                .iter()
                .filter(|s| only_stage.get().is_none_or(|id| id == s.stage))
                .map(|s| stage_section(s, order.get()))
                .collect_view()
                .into_any(),
        })}
    }
}

fn stage_section(s: &StageCompareView, order: PanelOrder) -> impl IntoView + use<> {
    let ordered = s.ordered(order);
    let panels = ordered
        .iter()
        .map(|&i| &s.panels[i])
        .map(|p| {
            let chart = p.chart.clone().map(|m| {
                let model = Signal::derive({
                    let m = Ptr::new(m.clone());
                    move || m.clone()
                });
                let svg_name = format!("{}.svg", m.meta.id);
                let png_name = format!("{}.png", m.meta.id);
                let (svg, w, h) = (run_chart_svg(&m), m.meta.width, m.meta.height);
                let svg2 = svg.clone();
                view! {
                    <div class="chart-frame compare-chart">
                        <RunChartView model=model on_hit=Callback::new(|_: ChartHit| {}) />
                    </div>
                    <p class="actions">
                        <button class="secondary" on:click=move |_| { let _ = download(&svg_name, "image/svg+xml", svg.as_bytes()); }>"SVG"</button>
                        <button class="secondary" on:click=move |_| { let _ = download_png(&png_name, &svg2, w, h); }>"PNG"</button>
                    </p>
                }
            });
            view! {
                <div class="compare-panel" data-testid="compare-panel">
                    <h3>{p.authority.clone()}</h3>
                    <p class="card__status"><strong>{p.verdict.status.label()}</strong>": "{p.verdict.sentence.clone()}</p>
                    {chart}
                </div>
            }
        })
        .collect_view();
    let rows = ordered
        .iter()
        .map(|&i| {
            let q = &s.panels[i].quarter;
            view! {
                <tr>
                    <th scope="row">{q.authority.clone()}</th><td>{q.months.clone()}</td><td class="num">{q.completed.clone()}</td>
                    <td class="num">{q.within_target.clone()}</td><td class="num">{q.latest_median.clone()}</td>
                    <td class="num">{q.waiting.clone()}</td><td class="num">{q.waiting_over_target.clone()}</td><td>{q.status}</td>
                </tr>
            }
        })
        .collect_view();
    let target = s.target_days.map(|t| format!(" (target {t} days)")).unwrap_or_default();
    view! {
        <section class="compare-stage" data-testid=format!("compare-{}", s.stage.key())>
            <h2>{format!("{}{target}", s.title)}</h2>
            <div class="compare-grid">{panels}</div>
            <table class="table" data-testid="compare-quarter">
                <caption>"The latest quarter per authority (three months to each file's as-at month)"</caption>
                <thead><tr>
                    <th scope="col">"Authority"</th><th scope="col">"Months"</th><th scope="col">"Completed"</th>
                    <th scope="col">"Within target"</th><th scope="col">"Latest month's median"</th>
                    <th scope="col">"Waiting"</th><th scope="col">"Waiting past target"</th><th scope="col">"Run chart"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <details class="data-table">
                <summary>"Combined view"</summary>
                <p class="hint">{s.combined_label}</p>
                <ul>{s.combined.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
            </details>
        </section>
    }
}
