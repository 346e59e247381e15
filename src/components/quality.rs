//! The data-quality screen: rows in, used and set aside; completeness per milestone and per
//! placement type; every problem with its sheet, rows and column, identical ones on one line.

use leptos::prelude::*;
use timescales_core::ingest::problem_groups::{DEFAULT_ROWS_SHOWN, group_problems};
use timescales_core::ingest::problems_export::{problems_csv, problems_file_name};
use timescales_core::ingest::quality::{QualityReport, Severity};

use crate::browser::download::download;
use crate::state::{Screen, use_app};

/// Lines of problems shown before "Show all"; the rest are a click away, and every problem is in
/// the download.
const FIRST_PROBLEMS: usize = 200;

#[component]
pub fn Quality() -> impl IntoView {
    let state = use_app();
    let show_all = RwSignal::new(false);
    move || {
        let data = state.data.get();
        let Some(outcome) = data.outcome.as_ref() else {
            return view! {
                <h1>"Data quality"</h1>
                <p>"The synthetic demo is generated, not read from a file, so there is no file to check. Load your own spreadsheet to see its data-quality report."</p>
            }
            .into_any();
        };
        let report = &outcome.report;
        let rows = &report.rows;
        let set_aside = rows
            .set_aside
            .iter()
            .take(FIRST_PROBLEMS)
            .map(|r| {
                view! {
                    <tr><td>{r.sheet.clone()}</td><td class="num">{r.row}</td><td>{r.reason.label()}</td></tr>
                }
            })
            .collect_view();
        let n_problems = report.problems.len();
        // Identical problems grouped in the core (docs/domain.md#grouped-problems).
        let groups = std::sync::Arc::new(group_problems(&report.problems, DEFAULT_ROWS_SHOWN));
        let n_groups = groups.len();
        let download_name = problems_file_name(&data.name);
        view! {
            <h1>"Data quality"</h1>
            <p data-testid="quality-format">{format!("{}: {}. Read and checked in {:.0} ms.", data.name, outcome.format.describe(), data.load_ms)}</p>
            <div class="summary-list" data-testid="row-account">
                <div><span class="big-number">{rows.rows_read}</span>" rows read"</div>
                <div><span class="big-number">{rows.rows_used}</span>" used"</div>
                <div><span class="big-number">{rows.rows_set_aside}</span>" set aside"</div>
                <div><span class="big-number">{report.count(Severity::Error)}</span>" errors"</div>
                <div><span class="big-number">{report.count(Severity::Warning)}</span>" warnings"</div>
            </div>
            <p class="actions">
                <button on:click=move |_| state.go(Screen::Dashboard) data-testid="continue-dashboard">"Continue to the dashboard"</button>
                " "
                <button class="secondary" on:click=move |_| state.go(Screen::Mapping)>"Check the columns"</button>
                " "
                <button class="secondary" on:click=move |_| {
                    // Written on demand: the report can hold thousands of problems.
                    let csv = state.data.with_untracked(|d| d.outcome.as_ref().map(|o| problems_csv(&o.report)));
                    if let Some(csv) = csv {
                        let _ = download(&download_name, "text/csv", csv.as_bytes());
                    }
                }>"Download every problem (CSV)"</button>
            </p>
            <h2>"Completeness by milestone"</h2>
            {completeness_table(report)}
            <h2>"Completeness by placement type"</h2>
            {placement_table(report)}
            <h2 id="problems-heading">{format!("Problems ({n_problems})")}</h2>
            {if n_problems == 0 {
                view! { <p>"No problems found."</p> }.into_any()
            } else {
                view! {
                    <p>"Identical problems are one line, with how many rows have them. Row numbers are the rows you see in your spreadsheet. Fix the file and load it again, or carry on: rows with problems are counted as the table shows. A wording the columns screen can count is fixed there for every row at once."</p>
                    <div class="laid-out-when-seen">
                    <table class="table" data-testid="problems-table" aria-labelledby="problems-heading">
                        <thead><tr><th scope="col">"Severity"</th><th scope="col">"Sheet"</th><th scope="col">"Rows"</th><th scope="col">"Column"</th><th scope="col">"Value"</th><th scope="col">"Problem"</th><th scope="col">"Fix"</th></tr></thead>
                        <tbody>
                            {move || {
                                let limit = if show_all.get() { usize::MAX } else { FIRST_PROBLEMS };
                                groups.iter().take(limit).map(|g| view! {
                                    <tr class=format!("severity-{}", g.severity.key())>
                                        <td>{g.severity.key()}</td>
                                        <td>{g.sheet.clone()}</td>
                                        <td>{g.rows_text()}</td>
                                        <td>{g.column.clone().unwrap_or_default()}</td>
                                        <td>{g.value.clone()}</td>
                                        <td>{g.message.clone()}</td>
                                        <td>{g.fixed_in_columns().then(|| view! {
                                            <button class="secondary" data-testid="fix-in-columns" on:click=move |_| state.go(Screen::Mapping)>
                                                {format!("Fix all {} in the columns screen", g.count)}
                                            </button>
                                        })}</td>
                                    </tr>
                                }).collect_view()
                            }}
                        </tbody>
                    </table>
                    </div>
                    {(n_groups > FIRST_PROBLEMS).then(|| view! {
                        <button class="secondary" on:click=move |_| show_all.set(true)>{format!("Show all {n_groups} lines")}</button>
                    })}
                }.into_any()
            }}
            <h2>{format!("Rows set aside ({})", rows.rows_set_aside)}</h2>
            <div class="laid-out-when-seen">
                <table class="table" data-testid="set-aside-table">
                    <thead><tr><th scope="col">"Sheet"</th><th scope="col">"Row"</th><th scope="col">"Why"</th></tr></thead>
                    <tbody>{set_aside}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

fn completeness_table(report: &QualityReport) -> impl IntoView + use<> {
    let rows = report
        .completeness
        .milestones
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{format!("{} {}", m.code, m.label)}</th>
                    <td>{m.column.clone().unwrap_or_else(|| "no column".into())}</td>
                    <td class="num">{m.recorded}</td>
                    <td class="num">{m.not_recorded}</td>
                    <td class="num">{m.invalid}</td>
                    <td class="num">{m.blank}</td>
                    <td class="num">{m.implied_missing}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table" data-testid="completeness-table">
            <thead><tr>
                <th scope="col">"Milestone"</th><th scope="col">"Column"</th><th scope="col">"Recorded"</th>
                <th scope="col">"Not recorded"</th><th scope="col">"Not a valid date"</th><th scope="col">"Blank"</th>
                <th scope="col">"Missing but implied"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn placement_table(report: &QualityReport) -> impl IntoView + use<> {
    use timescales_core::model::Milestone;
    let shown = [
        Milestone::LastAccommodated,
        Milestone::PermanenceRecommendation,
        Milestone::PermanencePanel,
        Milestone::AdmDecision,
        Milestone::CourtApplication,
        Milestone::OrderGranted,
    ];
    let head = shown.iter().map(|m| view! { <th scope="col">{m.label()}</th> }).collect_view();
    let rows = report
        .completeness
        .by_placement_type
        .iter()
        .map(|p| {
            let cells = shown
                .iter()
                .map(|m| {
                    let n = p.recorded.get(m.key()).copied().unwrap_or(0);
                    view! { <td class="num">{format!("{n} ({})", super::format::percent(n, p.children))}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{p.label}</th><td class="num">{p.children}</td>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="table" data-testid="placement-completeness-table">
            <thead><tr><th scope="col">"Placement type"</th><th scope="col">"Children"</th>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
