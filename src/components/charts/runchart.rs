//! The run chart with its supplementary waiting bars, drawn from a [`RunChartModel`].

use leptos::ev;
use leptos::prelude::*;
use timescales_core::chart::RunChartModel;

use super::parts::{classed, label, legend, line, lines_d, path, pointer_in_chart, rect};
use crate::state::Ptr;

/// What was clicked: a completed child's point or a waiting child's bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartHit {
    Point(String),
    Bar(String),
}

/// The chart. `on_hit` is called with the child under a click.
#[component]
pub fn RunChartView(model: Signal<Ptr<RunChartModel>>, on_hit: Callback<ChartHit>) -> impl IntoView {
    let on_click = move |ev: ev::MouseEvent| {
        let m = model.get_untracked();
        let Some((x, _)) = pointer_in_chart(&ev, m.meta.width, m.meta.height) else { return };
        if let Some(p) = m.point_at(x) {
            on_hit.run(ChartHit::Point(p.child_id.clone()));
        } else if let Some(b) = m.bar_at(x) {
            on_hit.run(ChartHit::Bar(b.child_id.clone()));
        }
    };
    move || {
        let m = model.get();
        let title_id = m.meta.title_id();
        let desc_id = m.meta.desc_id();
        let labelled = format!("{title_id} {desc_id}");
        let bar_frame = m.bar_panel.as_ref().map(|b| rect(&b.frame, "ts-panel"));
        let messages = [m.run_panel.message.clone(), m.bar_panel.as_ref().and_then(|p| p.message.clone())]
            .into_iter()
            .flatten()
            .map(|l| label(&l))
            .collect_view();
        view! {
            <svg
                class="ts-chart chart"
                viewBox=format!("0 0 {} {}", m.meta.width, m.meta.height)
                role="img"
                aria-labelledby=labelled
                data-testid="runchart-svg"
                on:click=on_click
            >
                <title id=title_id>{m.meta.title.clone()}</title>
                <desc id=desc_id>{m.meta.description.clone()}</desc>
                <rect class="ts-bg" x="0" y="0" width=m.meta.width.to_string() height=m.meta.height.to_string() />
                {path(lines_d(m.y_ticks.iter().map(|t| &t.line)), "ts-grid")}
                {rect(&m.run_panel.frame, "ts-panel")}
                {bar_frame}
                {m.centre_lines.iter().map(|c| view! {
                    {line(&c.solid, "ts-centre")}
                    {c.extended.as_ref().map(|e| line(e, "ts-centre-extended"))}
                }).collect_view()}
                {m.separators.iter().map(|s| line(&s.line, "ts-phase")).collect_view()}
                <path class="ts-data-line" d=m.data_line.clone() />
                {m.bar_paths.iter().map(|p| classed(p, true)).collect_view()}
                {m.target.as_ref().map(|t| line(&t.line, "ts-target"))}
                {m.marker_paths.iter().map(|p| classed(p, false)).collect_view()}
                {path(lines_d(m.annotations.iter().map(|a| &a.leader)), "ts-annotation-line")}
                {path(lines_d(m.axis_lines.iter().chain(m.x_ticks.iter().map(|t| &t.line))), "ts-axis")}
                {m.y_ticks.iter().chain(&m.x_ticks).map(|t| label(&t.label)).collect_view()}
                {m.centre_lines.iter().map(|c| label(&c.label)).collect_view()}
                {m.target.as_ref().map(|t| label(&t.label))}
                {m.separators.iter().map(|s| label(&s.label)).collect_view()}
                {m.annotations.iter().map(|a| label(&a.label)).collect_view()}
                {m.axis_titles.iter().map(label).collect_view()}
                {messages}
                {legend(&m.legend)}
            </svg>
        }
    }
}
