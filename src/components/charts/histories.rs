//! Grouped placement histories drawn from a [`PlacementHistoryModel`]: one merged path per
//! placement type however many rows there are, and one click handler on the whole chart that
//! asks the model which row lies under the pointer.

use leptos::ev;
use leptos::prelude::*;
use timescales_core::chart::PlacementHistoryModel;
use timescales_core::chart::geom::num;

use super::parts::{classed, label, legend, line, lines_d, path, pointer_in_chart};
use crate::state::Ptr;

/// The chart. `on_row` is called with the child id of the row under a click (its label included).
#[component]
pub fn HistoriesView(model: Signal<Ptr<PlacementHistoryModel>>, on_row: Callback<String>) -> impl IntoView {
    let on_click = move |ev: ev::MouseEvent| {
        let m = model.get_untracked();
        let Some((_, y)) = pointer_in_chart(&ev, m.meta.width, m.meta.height) else { return };
        if let Some(r) = m.row_at(y) {
            on_row.run(r.child_id.clone());
        }
    };
    move || {
        let m = model.get();
        let title_id = m.meta.title_id();
        let desc_id = m.meta.desc_id();
        let labelled = format!("{title_id} {desc_id}");
        let message = m.message.clone().map(|msg| {
            view! {
                <text class="ts-message" x=num(m.plot.x + m.plot.w / 2.0) y=num(m.plot.y + 12.0) text-anchor="middle">{msg}</text>
            }
        });
        view! {
            <svg
                class="ts-chart chart histories-chart"
                viewBox=format!("0 0 {} {}", num(m.meta.width), num(m.meta.height))
                role="img"
                aria-labelledby=labelled
                data-testid="histories-svg"
                on:click=on_click
            >
                <title id=title_id>{m.meta.title.clone()}</title>
                <desc id=desc_id>{m.meta.description.clone()}</desc>
                <rect class="ts-bg" x="0" y="0" width=num(m.meta.width) height=num(m.meta.height) />
                {path(lines_d(m.x_ticks.iter().map(|t| &t.line)), "ts-grid")}
                {m.type_paths.iter().map(|p| classed(p, true)).collect_view()}
                {path(m.moves_path.clone(), "ts-move")}
                {m.zero_line.as_ref().map(|z| line(z, "ts-zero-line"))}
                {line(&m.axis_line, "ts-axis")}
                {m.x_ticks.iter().map(|t| label(&t.label)).collect_view()}
                {m.rows.iter().filter_map(|r| r.label.as_ref().map(label)).collect_view()}
                {label(&m.axis_title)}
                {message}
                {legend(&m.legend)}
            </svg>
        }
    }
}
