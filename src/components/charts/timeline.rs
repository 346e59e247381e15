//! One or more children's timelines on a shared date axis, drawn from a [`TimelineModel`]:
//! placement segments coloured by type (with a white gap at every move), milestone diamonds with
//! their codes, review and hearing ticks, shaded gaps with no decision progress and an optional
//! age scale. Each mark carries a `<title>` so a pointer shows its words; the data tables under
//! the chart give the same facts to everyone.

use leptos::prelude::*;
use timescales_core::chart::geom::num;
use timescales_core::chart::timeline_model::{TimelineModel, TimelineRow};

use super::parts::{label, legend, line, lines_d, path};
use crate::state::Ptr;

/// One child's row: gaps behind, the band, segments, moves, events, milestones, labels.
fn row(r: &TimelineRow) -> impl IntoView + use<> {
    let gaps = r
        .gaps
        .iter()
        .map(|g| {
            view! {
                <rect class="ts-gap" x=num(g.rect.x) y=num(g.rect.y) width=num(g.rect.w) height=num(g.rect.h)>
                    <title>{g.text.clone()}</title>
                </rect>
            }
        })
        .collect_view();
    let segments = r
        .segments
        .iter()
        .map(|s| {
            view! {
                <rect class=s.class x=num(s.rect.x) y=num(s.rect.y) width=num(s.rect.w) height=num(s.rect.h)
                    shape-rendering="crispEdges">
                    <title>{s.text.clone()}</title>
                </rect>
            }
        })
        .collect_view();
    let milestones = r
        .milestones
        .iter()
        .map(|m| {
            view! {
                <path class="ts-milestone" d=m.shape.path_d(m.x, m.y, 4.0)>
                    <title>{m.text.clone()}</title>
                </path>
                {label(&m.code)}
            }
        })
        .collect_view();
    let gap_labels = r.gaps.iter().filter_map(|g| g.label.as_ref().map(label)).collect_view();
    let ages = r.age_ticks.iter().map(|t| label(&t.label)).collect_view();
    view! {
        <g class="ts-row" data-child=r.child_id.clone()>
            {gaps}
            <rect class="ts-band" x=num(r.band.x) y=num(r.band.y) width=num(r.band.w) height=num(r.band.h) />
            {segments}
            {path(r.moves_path.clone(), "ts-move")}
            {path(r.events_path.clone(), "ts-event")}
            {milestones}
            {gap_labels}
            {path(lines_d(r.age_ticks.iter().map(|t| &t.line)), "ts-age-tick")}
            {ages}
            {label(&r.label)}
        </g>
    }
}

/// The timeline chart. Redrawn as a whole when the model changes (one memo, a handful of rows).
#[component]
pub fn TimelineView(model: Signal<Ptr<TimelineModel>>) -> impl IntoView {
    move || {
        let m = model.get();
        let title_id = m.meta.title_id();
        let desc_id = m.meta.desc_id();
        let labelled = format!("{title_id} {desc_id}");
        let message = m.message.clone().map(|msg| {
            view! {
                <text class="ts-message" x=num(m.plot.x + m.plot.w / 2.0) y=num(m.plot.y + 30.0) text-anchor="middle">{msg}</text>
            }
        });
        view! {
            <svg
                class="ts-chart chart timeline-chart"
                viewBox=format!("0 0 {} {}", num(m.meta.width), num(m.meta.height))
                role="img"
                aria-labelledby=labelled
                data-testid="timeline-svg"
            >
                <title id=title_id>{m.meta.title.clone()}</title>
                <desc id=desc_id>{m.meta.description.clone()}</desc>
                <rect class="ts-bg" x="0" y="0" width=num(m.meta.width) height=num(m.meta.height) />
                {path(lines_d(m.x_ticks.iter().map(|t| &t.line)), "ts-grid")}
                {m.rows.iter().map(row).collect_view()}
                {m.as_at_line.as_ref().map(|l| line(l, "ts-as-at"))}
                {line(&m.axis_line, "ts-axis")}
                {m.x_ticks.iter().map(|t| label(&t.label)).collect_view()}
                {message}
                {legend(&m.legend)}
            </svg>
        }
    }
}
