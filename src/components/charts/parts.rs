//! SVG building blocks shared by the chart views: labels, lines and merged paths from the core's
//! geometry primitives. Presentation comes from classes (style/charts.css), never `style=`.

use leptos::prelude::*;
use timescales_core::chart::geom::{Anchor, num};
use timescales_core::chart::{ClassedPath, Label, LegendEntry, Line, Rect};

/// Where a pointer event fell in a chart's viewBox units (`width` x `height`). Events are
/// delegated to the document, so the chart is found from the element clicked.
pub fn pointer_in_chart(ev: &leptos::ev::MouseEvent, width: f64, height: f64) -> Option<(f64, f64)> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let svg = target.closest("svg.ts-chart").ok()??;
    let r = svg.get_bounding_client_rect();
    (r.width() > 0.0 && r.height() > 0.0).then(|| {
        (
            (f64::from(ev.client_x()) - r.left()) * width / r.width(),
            (f64::from(ev.client_y()) - r.top()) * height / r.height(),
        )
    })
}

/// A text label.
pub fn label(l: &Label) -> impl IntoView + use<> {
    let anchor = (l.anchor != Anchor::Start).then(|| l.anchor.as_str());
    let transform = l.rotate.map(|deg| format!("rotate({} {} {})", num(deg), num(l.x), num(l.y)));
    view! {
        <text class=l.class x=num(l.x) y=num(l.y) text-anchor=anchor transform=transform>
            {l.text.clone()}
        </text>
    }
}

/// One line.
pub fn line(l: &Line, class: &'static str) -> impl IntoView + use<> {
    view! { <line class=class x1=num(l.x1) y1=num(l.y1) x2=num(l.x2) y2=num(l.y2) /> }
}

/// The path data of many lines (the core's, shared with the SVG export).
pub use timescales_core::chart::geom::lines_path as lines_d;

/// A path with a class, or nothing when the path is empty.
pub fn path(d: String, class: &'static str) -> impl IntoView + use<> {
    (!d.is_empty()).then(|| view! { <path class=class d=d /> })
}

/// A rectangle.
pub fn rect(r: &Rect, class: &'static str) -> impl IntoView + use<> {
    view! { <rect class=class x=num(r.x) y=num(r.y) width=num(r.w) height=num(r.h) /> }
}

/// A merged path with its class.
pub fn classed(p: &ClassedPath, crisp: bool) -> impl IntoView + use<> {
    (!p.d.is_empty()).then(|| {
        view! { <path class=p.class d=p.d.clone() shape-rendering=crisp.then_some("crispEdges") /> }
    })
}

/// The legend entries.
pub fn legend(entries: &[LegendEntry]) -> impl IntoView + use<> {
    let items = entries.iter().map(|e| view! { {classed(&e.symbol, false)} {label(&e.label)} }).collect_view();
    view! { <g class="ts-legend">{items}</g> }
}
