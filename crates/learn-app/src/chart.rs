//! A run chart drawn from the core's model, with the highlight boxes the core placed (each with
//! a text label and a dash pattern by rule family, so colour is never the only cue) and, in the
//! sandbox, the selected point and pointer input. The building blocks are the main app's
//! (`timescales_app::chart_parts`), so both pages draw a chart the same way.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use timescales_app::chart_parts::{classed, label, legend, line, lines_d, path, pointer_in_chart, rect};
use timescales_core::chart::RunChartModel;
use timescales_core::chart::geom::num;
use timescales_core::learn::page::HighlightMark;

/// A pointer event on the chart, in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pointer {
    Down(f64, f64),
    Move(f64, f64),
    Up,
}

#[component]
pub fn LearnChart(
    model: Signal<Option<Arc<RunChartModel>>>,
    marks: Signal<Vec<HighlightMark>>,
    /// The selected point (0-based), ringed and labelled.
    #[prop(optional, into)]
    selected: Option<Signal<Option<usize>>>,
    #[prop(optional)] on_pointer: Option<Callback<Pointer>>,
    testid: &'static str,
) -> impl IntoView {
    let at = move |ev: &ev::PointerEvent| {
        let m = model.get_untracked()?;
        pointer_in_chart(ev, m.meta.width, m.meta.height)
    };
    let down = move |ev: ev::PointerEvent| {
        let (Some(cb), Some((x, y))) = (on_pointer, at(&ev)) else { return };
        ev.prevent_default();
        // Preventing the default also keeps focus where it was (often the values box), so let
        // it go: Delete then acts on the selected point, not on the text.
        if let Some(active) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element())
            && let Ok(active) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(active)
        {
            let _ = active.blur();
        }
        if let Some(el) = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        cb.run(Pointer::Down(x, y));
    };
    let moved = move |ev: ev::PointerEvent| {
        if let (Some(cb), Some((x, y))) = (on_pointer, at(&ev)) {
            cb.run(Pointer::Move(x, y));
        }
    };
    let up = move |_: ev::PointerEvent| {
        if let Some(cb) = on_pointer {
            cb.run(Pointer::Up);
        }
    };
    move || {
        let m = model.get()?;
        let title_id = m.meta.title_id();
        let desc_id = m.meta.desc_id();
        let labelled = format!("{title_id} {desc_id}");
        let ring = selected.and_then(|s| s.get()).and_then(|i| m.marker(i + 1)).map(|p| {
            view! {
                <circle class="learn-selected" cx=num(p.x) cy=num(p.y) r="9" />
                <text class="learn-hl-label" x=num(p.x + 11.0) y=num(p.y - 8.0)>{format!("Point {} selected", p.index)}</text>
            }
        });
        let boxes =
            marks.get().into_iter().map(|k| view! { {rect(&k.rect, k.class)} {label(&k.label)} }).collect_view();
        Some(view! {
            <svg
                class="ts-chart chart learn-chart"
                class:learn-chart--editable=on_pointer.is_some()
                viewBox=format!("0 0 {} {}", m.meta.width, m.meta.height)
                role="img"
                aria-labelledby=labelled
                data-testid=testid
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
            >
                <title id=title_id>{m.meta.title.clone()}</title>
                <desc id=desc_id>{m.meta.description.clone()}</desc>
                <rect class="ts-bg" x="0" y="0" width=m.meta.width.to_string() height=m.meta.height.to_string() />
                {path(lines_d(m.y_ticks.iter().map(|t| &t.line)), "ts-grid")}
                {rect(&m.run_panel.frame, "ts-panel")}
                {m.bar_panel.as_ref().map(|b| rect(&b.frame, "ts-panel"))}
                {m.centre_lines.iter().map(|c| view! {
                    {line(&c.solid, "ts-centre")}
                    {c.extended.as_ref().map(|e| line(e, "ts-centre-extended"))}
                }).collect_view()}
                {m.separators.iter().map(|s| line(&s.line, "ts-phase")).collect_view()}
                <path class="ts-data-line" d=m.data_line.clone() />
                {m.bar_paths.iter().map(|p| classed(p, true)).collect_view()}
                {m.marker_paths.iter().map(|p| classed(p, false)).collect_view()}
                {path(lines_d(m.axis_lines.iter().chain(m.x_ticks.iter().map(|t| &t.line))), "ts-axis")}
                {m.y_ticks.iter().chain(&m.x_ticks).map(|t| label(&t.label)).collect_view()}
                {m.centre_lines.iter().map(|c| label(&c.label)).collect_view()}
                {m.separators.iter().map(|s| label(&s.label)).collect_view()}
                {m.axis_titles.iter().map(label).collect_view()}
                {[m.run_panel.message.clone(), m.bar_panel.as_ref().and_then(|p| p.message.clone())]
                    .into_iter().flatten().map(|l| label(&l)).collect_view()}
                {legend(&m.legend)}
                {boxes}
                {ring}
            </svg>
        })
    }
}

/// The table behind every chart: each point's value, phase, side of the median and the
/// highlights it is in. In the sandbox each row can remove its point (the keyboard way to do
/// what clicking on the chart does).
#[component]
pub fn PointsTable(
    rows: Signal<Vec<timescales_core::learn::page::PointRow>>,
    caption: &'static str,
    #[prop(optional)] on_remove: Option<Callback<usize>>,
) -> impl IntoView {
    view! {
        <details class="points-table">
            <summary>"The points as a table"</summary>
            <table class="table" data-testid="points-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Point"</th>
                        <th scope="col" class="num">"Value"</th>
                        <th scope="col">"Phase"</th>
                        <th scope="col">"Position"</th>
                        <th scope="col">"Highlighted as"</th>
                        {on_remove.map(|_| view! { <th scope="col">"Change"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| {
                        let number = r.number;
                        view! {
                            <tr>
                                <th scope="row">{number}</th>
                                <td class="num">{r.value}</td>
                                <td>{r.phase}</td>
                                <td>{r.position}</td>
                                <td>{r.marks}</td>
                                {on_remove.map(|cb| view! {
                                    <td>
                                        <button class="link-button" on:click=move |_| cb.run(number - 1)>
                                            {format!("Remove point {number}")}
                                        </button>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
