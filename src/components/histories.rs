//! Grouped placement histories: one row per child, by calendar date or lined up at first
//! accommodation, sorted by start, moves or wait, for the children the filters select. The chart
//! shows the first rows (more on request) and a table lists the same rows in words, each with a
//! button to open the child's timeline.

use std::collections::HashMap;

use leptos::prelude::*;
use timescales_core::chart::svg::placement_history_svg;
use timescales_core::chart::{
    HistoryAlign, HistoryRow, HistorySort, OrderedHistoryRows, PlacementHistoryModel, PlacementHistorySpec,
    history_rows, order_history_rows,
};
use timescales_core::model::PlacementType;

use super::charts::histories::HistoriesView;
use super::filters::{CohortSentence, FilterPanel};
use super::format::{date, days};
use crate::browser::download::download;
use crate::state::{AppState, Ptr, use_app};

/// Rows drawn at first, and added by each "Show more".
const PAGE: usize = 200;

const TITLE: &str = "Placement histories";

/// The history rows of the selected children, one per child id, labels following "Show names".
fn selected_rows(state: AppState) -> Vec<HistoryRow> {
    let a = state.analysis.get();
    let t = state.table.get();
    state.data.with(|d| history_rows(&d.dataset, &t, &a.placement_histories, |c| state.child_label(c)))
}

fn spec(
    rows: Vec<HistoryRow>,
    align: HistoryAlign,
    sort: HistorySort,
    as_at: chrono::NaiveDate,
) -> PlacementHistorySpec {
    let mut s = PlacementHistorySpec::new("histories", TITLE, rows, as_at);
    s.align = align;
    s.sort = sort;
    s
}

#[component]
pub fn HistoriesPage() -> impl IntoView {
    let state = use_app();
    let align = RwSignal::new(HistoryAlign::Calendar);
    let sort = RwSignal::new(HistorySort::Start);
    let limit = RwSignal::new(PAGE);
    let rows = Memo::new(move |_| Ptr::new(selected_rows(state)));
    let ordered = Memo::new(move |_| Ptr::new(order_history_rows(rows.get().to_vec(), align.get(), sort.get())));
    let model = Memo::new(move |_| {
        let o = ordered.get();
        let n = o.drawable.min(limit.get());
        Ptr::new(spec(o.rows[..n].to_vec(), align.get(), sort.get(), state.as_at.get()).build())
    });
    let model_signal = Signal::derive(move || model.get());
    let on_row = Callback::new(move |id: String| state.open_child(&id));
    let on_sort = move |ev: leptos::ev::Event| {
        let s = match event_target_value(&ev).as_str() {
            "moves" => HistorySort::Moves,
            "wait" => HistorySort::Wait,
            _ => HistorySort::Start,
        };
        sort.set(s);
    };
    let align_radio = move |a: HistoryAlign, key: &'static str, text: &'static str| {
        let id = format!("align-{key}");
        view! {
            <div class="radio">
                <input type="radio" name="histories-align" id=id.clone() data-testid=id.clone()
                    prop:checked=move || align.get() == a on:change=move |_| align.set(a) />
                <label for=id>{text}</label>
            </div>
        }
    };
    let sort_option = move |s: HistorySort, key: &'static str, text: &'static str| {
        view! { <option value=key selected=move || sort.get() == s>{text}</option> }
    };
    let export_svg = move |_| {
        let m = model.get_untracked();
        let _ = download("placement-histories.svg", "image/svg+xml", placement_history_svg(&m).as_bytes());
    };
    let export_png = move |_| {
        let m = model.get_untracked();
        let svg = placement_history_svg(&m);
        let _ = crate::browser::download::download_png("placement-histories.png", &svg, m.meta.width, m.meta.height);
    };

    view! {
        <h1>"Placement histories"</h1>
        <CohortSentence testid="histories-cohort" same_as_dashboard=true />
        <div class="controls">
            <FilterPanel />
        </div>
        <div class="controls histories-controls">
            <fieldset>
                <legend>"Time axis"</legend>
                {align_radio(HistoryAlign::Calendar, "calendar", "Calendar dates")}
                {align_radio(HistoryAlign::SinceAccommodation, "aligned", "Days since first accommodated (every child lined up at accommodation)")}
            </fieldset>
            <div class="field">
                <label for="histories-sort">"Order the rows by"</label>
                <select id="histories-sort" data-testid="histories-sort" on:change=on_sort>
                    {sort_option(HistorySort::Start, "start", "Start: earliest first accommodated first")}
                    {sort_option(HistorySort::Moves, "moves", "Moves: most moves first")}
                    {sort_option(HistorySort::Wait, "wait", "Wait: longest time from accommodation to legal permanence (or so far) first")}
                </select>
            </div>
        </div>
        {move || {
            let o = ordered.get();
            let shown = model.with(|m| m.rows.len());
            let more = (shown < o.drawable).then(|| {
                let next = (o.drawable - shown).min(PAGE);
                view! {
                    " "
                    <button class="secondary" data-testid="histories-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {format!("Show {next} more")}
                    </button>
                }
            });
            view! {
                <p class="histories-note" data-testid="histories-count">
                    {o.count_note(shown)}
                    {more}
                </p>
            }
        }}
        <div class="chart-frame">
            <HistoriesView model=model_signal on_row=on_row />
        </div>
        <p class="hint">
            "Each row is one child; each colour is a placement type (named in the legend and in the table), "
            "with a white line at each move when rows are tall enough. Select a row to open that child's timeline, "
            "or use the Timeline buttons in the table below."
        </p>
        <p class="actions">
            <button class="secondary" data-testid="histories-download" on:click=export_svg>"Download the chart (SVG)"</button>
            <button class="secondary" data-testid="histories-download-png" on:click=export_png>"Download the chart (PNG)"</button>
        </p>
        <details class="data-table" open>
            <summary>"Data table: the rows in the chart"</summary>
            {move || {
                let o = ordered.get();
                model.with(|m| rows_table(state, m, &o))
            }}
        </details>
    }
}

/// Placement types in order, in words.
fn types_in_words(types: impl Iterator<Item = PlacementType>) -> String {
    let words: Vec<&str> = types.map(PlacementType::label).collect();
    words.join(", then ")
}

/// The drawn rows as a table, in chart order.
fn rows_table(state: AppState, m: &PlacementHistoryModel, o: &OrderedHistoryRows) -> impl IntoView + use<> {
    let by_id: HashMap<&str, &HistoryRow> = o.rows.iter().map(|r| (r.child_id.as_str(), r)).collect();
    let rows = m
        .rows
        .iter()
        .filter_map(|r| by_id.get(r.child_id.as_str()).map(|h| (r, *h)))
        .map(|(r, h)| {
            let id = r.child_id.clone();
            let start = h.accommodated.or_else(|| h.placements.first().map(|p| p.start));
            view! {
                <tr>
                    <th scope="row">{h.label.clone()}</th>
                    <td>{start.map(date).unwrap_or_else(|| "–".into())}</td>
                    <td class="num">{h.placements.len()}</td>
                    <td class="num">{r.moves}</td>
                    <td class="num">{h.wait_days.map(days).unwrap_or_else(|| "–".into())}</td>
                    <td>{types_in_words(h.placements.iter().map(|p| p.placement_type))}</td>
                    <td>
                        <button class="link-button" on:click=move |_| state.open_child(&id)>
                            "Timeline"<span class="visually-hidden">{format!(" of child {}", r.child_id)}</span>
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table" data-testid="histories-table">
            <thead><tr>
                <th scope="col">"Child"</th>
                <th scope="col">"First accommodated (or first placement)"</th>
                <th scope="col">"Placements"</th>
                <th scope="col">"Moves"</th>
                <th scope="col">"Accommodation to legal permanence (or so far)"</th>
                <th scope="col">"Placement types, in order"</th>
                <th scope="col">"Open"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
