//! The Kaplan-Meier chart ("proportion still waiting, by days since the start"), drawn from a
//! [`SurvivalChartModel`], with the table behind each curve for screen readers.

use leptos::prelude::*;
use timescales_core::chart::survival_model::{SURVIVAL_TABLE_HEADERS, SurvivalChartModel};

use super::parts::{label, legend, line, lines_d, path, rect};
use crate::state::Ptr;

/// The chart.
#[component]
pub fn SurvivalChartView(model: Signal<Ptr<SurvivalChartModel>>) -> impl IntoView {
    move || {
        let m = model.get();
        let title_id = m.title_id();
        let desc_id = m.desc_id();
        let labelled = format!("{title_id} {desc_id}");
        let curves = m
            .curves
            .iter()
            .map(|c| {
                view! {
                    {path(c.band.clone(), c.style.band)}
                    {c.median.as_ref().map(|md| line(&md.line, "ts-km-median"))}
                    {path(c.path.clone(), c.style.curve)}
                    {path(c.censor_path.clone(), c.style.censor)}
                }
            })
            .collect_view();
        let medians = m.curves.iter().filter_map(|c| c.median.as_ref().map(|md| label(&md.label))).collect_view();
        view! {
            <svg class="ts-chart chart" viewBox=format!("0 0 {} {}", m.width, m.height) role="img"
                aria-labelledby=labelled data-testid="km-svg">
                <title id=title_id>{m.title.clone()}</title>
                <desc id=desc_id>{m.description.clone()}</desc>
                <rect class="ts-bg" x="0" y="0" width=m.width.to_string() height=m.height.to_string() />
                {path(lines_d(m.y_ticks.iter().map(|t| &t.line)), "ts-grid")}
                {rect(&m.panel.frame, "ts-panel")}
                {m.half.as_ref().map(|h| line(&h.line, "ts-km-half"))}
                {m.target.as_ref().map(|t| line(&t.line, "ts-km-target"))}
                {curves}
                {path(lines_d(m.axis_lines.iter().chain(m.x_ticks.iter().map(|t| &t.line))), "ts-axis")}
                {m.y_ticks.iter().chain(&m.x_ticks).map(|t| label(&t.label)).collect_view()}
                {m.half.as_ref().map(|h| label(&h.label))}
                {m.target.as_ref().map(|t| label(&t.label))}
                {medians}
                {m.axis_titles.iter().map(label).collect_view()}
                {m.panel.message.as_ref().map(label)}
                {legend(&m.legend)}
            </svg>
        }
    }
}

/// The tables behind the curves, one per curve.
pub fn survival_tables(m: &SurvivalChartModel) -> impl IntoView + use<> {
    m.tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let rows = t
                .rows
                .iter()
                .map(|r| view! { <tr>{r.cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> })
                .collect_view();
            view! {
                <table class="table" id=m.table_id(i) data-testid="km-table">
                    <caption>{t.caption.clone()}</caption>
                    <thead><tr>{SURVIVAL_TABLE_HEADERS.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view()
}
