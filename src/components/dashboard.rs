//! The dashboard: the as-at date, the cohort, the filters, and one card per stage and aim with
//! its figures and the run chart verdict in words.

use leptos::prelude::*;
use timescales_core::analysis::StageSummary;
use timescales_core::report::{ReportSource, html_report};
use timescales_core::runchart::RunChartAnalysis;
use timescales_core::stage_chart::card_analysis;

use super::filters::{CohortSentence, FilterPanel};
use super::format::{date, days, opt_days};
use crate::state::{AppState, use_app};

/// The run chart analysis of a stage with the user's options for it, as the card needs it: one
/// analysis gives both the verdict and the small chart, and no chart spec is built
/// (docs/architecture.md#speed-on-national-files).
pub fn stage_analysis(state: AppState, s: &StageSummary) -> Option<RunChartAnalysis> {
    let st = state.settings.with(|x| x.stage(s.id));
    state.chart_options.with(|o| match o.get(&s.id) {
        Some(opts) => card_analysis(s, &st, opts).ok(),
        None => card_analysis(s, &st, &Default::default()).ok(),
    })
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = use_app();
    let on_as_at = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let parsed = timescales_core::dates::parse_iso_date(&v);
        state.settings.update(|s| s.as_at = parsed);
    };
    view! {
        <h1>"Dashboard"</h1>
        <div class="controls dashboard-controls">
            <div class="field">
                <label for="as-at">"As at"</label>
                <input id="as-at" type="date" data-testid="as-at"
                    prop:value=move || timescales_core::dates::iso_date(state.as_at.get())
                    on:change=on_as_at />
                <p class="hint" data-testid="as-at-source">{move || {
                    let source = state.as_at_info.get().source.label();
                    format!("In use: {source}. Dates after it count as not yet happened.")
                }}</p>
            </div>
            <FilterPanel />
        </div>
        <div class="controls report-cover">
            <div class="field">
                <label for="report-title">"Report title (on its cover)"</label>
                <input id="report-title" type="text" data-testid="report-title" placeholder="Permanence timescales"
                    prop:value=move || state.report_title.get()
                    on:input=move |ev| state.report_title.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="report-authority">"Authority or team (on its cover; not remembered)"</label>
                <input id="report-authority" type="text" data-testid="report-authority"
                    prop:value=move || state.report_authority.get()
                    on:input=move |ev| state.report_authority.set(event_target_value(&ev)) />
            </div>
        </div>
        <p class="actions">
            <button class="secondary" data-testid="download-report" on:click=move |_| download_report(state)>
                "Download the report (HTML)"
            </button>
            <button class="secondary" on:click=move |_| crate::browser::download::print()>"Print this page"</button>
            <button class="secondary" data-testid="download-children-csv" on:click=move |_| download_children(state, false)>
                "Download the per-child table (CSV)"
            </button>
            <button class="secondary" data-testid="download-children-xlsx" on:click=move |_| download_children(state, true)>
                "Download the per-child table (Excel)"
            </button>
        </p>
        <CohortSentence testid="cohort-summary" />
        <div class="cards" data-testid="stage-cards">
            {move || {
                let a = state.analysis.get();
                a.stages.iter().map(|s| stage_card(state, s)).collect_view()
            }}
        </div>
        <Aim1List />
        <super::share::ShareFigures />
    }
}

/// Saves the printable report (summary, every stage's run chart and verdict, where the delay is)
/// as a self-contained HTML file, built on this device.
fn download_report(state: AppState) {
    let analysis = state.analysis.get_untracked();
    let (name, synthetic) = state.data.with_untracked(|d| (d.name.clone(), d.is_demo));
    let mut source = ReportSource::new(name, synthetic, state.today);
    source.title = state.report_title.get_untracked();
    source.authority = state.report_authority.get_untracked();
    let options = state.chart_options.get_untracked();
    let html = state.settings.with_untracked(|settings| {
        html_report(&source, &analysis, settings, &|id| options.get(&id).cloned().unwrap_or_default())
    });
    let file = format!("timescales-report-{}.html", timescales_core::dates::iso_date(analysis.as_at));
    let _ = crate::browser::download::download(&file, "text/html", html.as_bytes());
}

/// Saves the per-child table (every milestone, every stage's status and days) for the children
/// passing the filters, as CSV or as an Excel workbook written in the workbook worker.
fn download_children(state: AppState, excel: bool) {
    use timescales_core::analysis::export::{children_csv, children_rows, csv_headers};
    let table = state.table.get_untracked();
    let at = timescales_core::dates::iso_date(state.as_at.get_untracked());
    let rows =
        state.data.with_untracked(|d| state.settings.with_untracked(|s| table.select(&d.dataset, &s.filters).base));
    if !excel {
        let csv = state.data.with_untracked(|d| children_csv(&d.dataset, &table, &rows));
        let _ =
            crate::browser::download::download(&format!("timescales-children-{at}.csv"), "text/csv", csv.as_bytes());
        return;
    }
    let mut all = state.data.with_untracked(|d| vec![csv_headers(&d.dataset)]);
    all.extend(state.data.with_untracked(|d| children_rows(&d.dataset, &table, &rows)));
    leptos::task::spawn_local(async move {
        match crate::browser::workbook_worker::write_xlsx("Timescales per-child table", &all).await {
            Ok(bytes) => {
                let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                let _ = crate::browser::download::download(&format!("timescales-children-{at}.xlsx"), mime, &bytes);
            }
            Err(e) => state.load_error.set(Some(e)),
        }
    });
}

/// The aim's "from" date splits new entrants from the backlog (PACE's lesson on aims).
fn cohort_lines(s: &StageSummary) -> impl IntoView + use<> {
    s.cohorts.as_ref().map(|c| {
        let new = &c.new_entrants;
        let backlog = &c.backlog;
        view! {
            <p class="card__cohorts" data-testid="card-cohorts">
                {format!(
                    "Since {}: {} new entrants completed (median {}), {} waiting. Backlog (started before): {} still waiting, {} cleared since.",
                    date(c.from_date),
                    new.complete.n,
                    opt_days(new.complete.median_days),
                    new.waiting.n,
                    backlog.waiting.n,
                    backlog.cleared_since_from,
                )}
            </p>
        }
    })
}

/// Aim 1: children at home on a CSO for the alert period or more with no review recorded.
#[component]
fn Aim1List() -> impl IntoView {
    /// Rows shown before "Show all": a national file can list thousands of children.
    const FIRST_ROWS: usize = 100;
    let state = use_app();
    let show_all = RwSignal::new(false);
    move || {
        let a = state.analysis.get();
        let r = &a.aim1;
        if !r.has_cso_data {
            return view! {
                <h2>"Aim 1: children at home on a CSO"</h2>
                <p data-testid="aim1-none">"The file has no CSO-at-home start dates, so aim 1 cannot be shown (this is not the same as no children)."</p>
            }
            .into_any();
        }
        let limit = if show_all.get() { usize::MAX } else { FIRST_ROWS };
        let hidden = r.children.len().saturating_sub(limit);
        let rows = r
            .children
            .iter()
            .take(limit)
            .map(|c| {
                let id = c.child_id.to_string();
                let id2 = id.clone();
                view! {
                    <tr>
                        <td><button class="link-button" on:click=move |_| state.open_child(&id2)>{id}</button></td>
                        <td>{date(c.cso_start)}</td>
                        <td class="num">{days(c.days_on_cso as f64)}</td>
                        <td>{c.target_date.map(date).unwrap_or_default()}{if c.over_target { " (passed)" } else { "" }}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2 id="aim1-heading">{format!("{} ({})", r.heading(), r.children.len())}</h2>
            <table class="table" data-testid="aim1-table" aria-labelledby="aim1-heading">
                <thead><tr><th scope="col">"Child"</th><th scope="col">"CSO started"</th><th scope="col">"Days on the CSO"</th><th scope="col">{r.target_column()}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {(hidden > 0).then(|| view! {
                <button class="secondary" on:click=move |_| show_all.set(true)>{format!("Show all {} children ({hidden} more)", r.children.len())}</button>
            })}
        }
        .into_any()
    }
}

fn stage_card(state: AppState, s: &StageSummary) -> impl IntoView + use<> {
    let id = s.id;
    let title = id.title();
    let target = s.target_heading().map(|heading| {
        view! {
            <p class="card__target">
                {heading}
                {(!s.target_verified).then(|| view! { " " <span class="tag tag--unverified">"unverified"</span> })}
            </p>
        }
    });
    let analysis = stage_analysis(state, s);
    let card = timescales_core::card::stage_card(s, analysis.as_ref(), (240.0, 48.0));
    // A stage nobody has started is "no data", which is not the same as "no delay".
    let no_data = (s.in_scope == 0).then(|| {
        view! {
            <p class="card__no-data" data-testid="card-no-data">
                {format!(
                    "No child in this selection has a {} date, so this stage cannot be measured. This is not the same as no children.",
                    s.start_milestone.label_in_sentence()
                )}
            </p>
        }
    });
    let figures = card
        .figures
        .iter()
        .map(
            |f| view! { <div><dt>{f.label}</dt><dd data-testid=format!("card-{}", f.key)>{f.value.clone()}</dd></div> },
        )
        .collect_view();
    let status_class = format!("card__status status--{}", card.status_label.to_lowercase().replace(' ', "-"));
    view! {
        <section class="card" data-testid=format!("card-{}", id.key()) aria-label=title.clone()>
            <h2 class="card__title">{title.clone()}</h2>
            {target}
            <p class=status_class data-testid="card-status">
                <span aria-hidden="true" class="status__symbol">{card.status_symbol}</span>" "{card.status_label}
            </p>
            {card.sparkline.map(sparkline)}
            <dl class="card__figures">{figures}</dl>
            {no_data}
            {cohort_lines(s)}
            <p class="card__verdict" data-testid="card-verdict">{card.verdict}</p>
            <p class="hint">{card.verdict_basis}</p>
            {card.latest.map(|l| view! { <p class="card__latest" data-testid="card-latest">{l}</p> })}
            <p class="card__km" data-testid="card-km">{card.km_sentence}</p>
            {card.notes.into_iter().map(|n| view! { <p class="card__note" data-testid="card-note">{n}</p> }).collect_view()}
            <details class="card__population"><summary>"Who is counted"</summary><p>{card.population}</p></details>
            {card.long_waits.map(|w| view! {
                <p class="card__long-waits" data-testid="card-long-waits">
                    <span aria-hidden="true">"⚠ "</span>{w}" "
                    <button class="link-button" on:click=move |_| state.open_stage(id)>"See the children waiting"</button>
                </p>
            })}
            <button on:click=move |_| state.open_stage(id) data-testid=format!("open-{}", id.key())>
                "Open the run chart"<span class="visually-hidden">{format!(": {title}")}</span>
            </button>
        </section>
    }
}

/// The card's small run chart, laid out from the core's geometry.
fn sparkline(sp: timescales_core::card::Sparkline) -> impl IntoView {
    view! {
        <svg class="card__spark" data-testid="card-spark" role="img" aria-label=sp.description.clone()
            viewBox=format!("0 0 {} {}", sp.width, sp.height) width=sp.width height=sp.height>
            {sp.target_path.map(|d| view! { <path class="ts-spark-target" d=d /> })}
            <path class="ts-spark-median" d=sp.median_path />
            <path class="ts-spark-points" d=sp.points_path />
        </svg>
    }
}
