//! Where the delay is: for children waiting now, the furthest milestone each has reached and how
//! long ago; for children with legal permanence, the median of each stage, so a user sees whether
//! delay sits before or after the court application. Everything comes from the filtered analysis.

use std::collections::HashMap;

use leptos::prelude::*;
use timescales_core::analysis::delay::DelayReport;
use timescales_core::analysis::delay_view::{JourneyPart, WaitingOrder, waiting_in_order, where_time_goes};

use super::filters::{CohortSentence, FilterPanel};
use super::format::{date, days, opt_days};
use crate::state::{AppState, use_app};

/// Rows shown at first, and added by each "Show more".
const PAGE: usize = 200;

#[component]
pub fn DelayPage() -> impl IntoView {
    let state = use_app();
    let sort = RwSignal::new(WaitingOrder::Longest);
    let limit = RwSignal::new(PAGE);
    let on_sort = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(s) = WaitingOrder::from_key(&v) {
            sort.set(s);
        }
    };
    let sort_options = WaitingOrder::ALL
        .into_iter()
        .map(|s| view! { <option value=s.key() selected=move || sort.get() == s>{s.label()}</option> })
        .collect_view();
    view! {
        <h1>"Where the delay is"</h1>
        <CohortSentence testid="delay-cohort" same_as_dashboard=true />
        <div class="controls">
            <FilterPanel />
        </div>

        <h2>"Children waiting now"</h2>
        <p class="hint">
            "Looked-after children without legal permanence who are still looked after at the as-at date: the "
            "furthest milestone each has reached on the journey and the days since it."
        </p>
        {move || summary_table(&state.analysis.get().delay)}
        <div class="field">
            <label for="delay-sort">"Order the children by"</label>
            <select id="delay-sort" data-testid="delay-sort" on:change=on_sort>{sort_options}</select>
        </div>
        {move || {
            let a = state.analysis.get();
            // Names only when the user has deliberately chosen to show them.
            let names = state.show_names.get().then(|| state.data.with(|d| {
                d.dataset.children.iter()
                    .filter_map(|c| c.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(|n| (c.child_id.clone(), n.to_string())))
                    .collect::<HashMap<String, String>>()
            }));
            waiting_table(state, &a.delay, sort.get(), limit.get(), limit, names.as_ref())
        }}

        <h2>"Children with legal permanence"</h2>
        {move || medians(&state.analysis.get().delay)}
    }
}

/// Children waiting, counted by the furthest milestone reached.
fn summary_table(r: &DelayReport) -> impl IntoView + use<> {
    if r.waiting_now.is_empty() {
        return view! { <p data-testid="delay-none-waiting">"No child in the selection is waiting."</p> }.into_any();
    }
    let rows = r
        .by_latest_milestone
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{format!("{} ({})", m.milestone.label(), m.milestone.code())}</th>
                    <td class="num">{m.n}</td>
                    <td class="num">{opt_days(m.median_days_since)}</td>
                    <td class="num">{m.longest_days_since.map(|d| days(d as f64)).unwrap_or_else(|| "–".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table" data-testid="delay-by-milestone-table">
            <caption>{format!("{} children waiting, by the furthest milestone reached", r.waiting_now.len())}</caption>
            <thead><tr>
                <th scope="col">"Furthest milestone reached"</th>
                <th scope="col">"Children"</th>
                <th scope="col">"Median days since"</th>
                <th scope="col">"Longest"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// One row per waiting child, in the chosen order, the first `limit` only.
fn waiting_table(
    state: AppState,
    r: &DelayReport,
    sort: WaitingOrder,
    limit: usize,
    limit_signal: RwSignal<usize>,
    names: Option<&HashMap<String, String>>,
) -> impl IntoView + use<> {
    let total = r.waiting_now.len();
    if total == 0 {
        return ().into_any();
    }
    let order = waiting_in_order(r, sort);
    let shown = total.min(limit);
    let rows = order
        .into_iter()
        .take(shown)
        .map(|w| {
            let id = w.child_id.to_string();
            let label = match names.and_then(|n| n.get(&id)) {
                Some(name) => format!("{id} ({name})"),
                None => id.clone(),
            };
            view! {
                <tr>
                    <td>
                        <button class="link-button" on:click=move |_| state.open_child(&id)>
                            {label}<span class="visually-hidden">": open the timeline"</span>
                        </button>
                    </td>
                    <td>{format!("{} ({})", w.latest_milestone.label(), w.latest_milestone.code())}</td>
                    <td>{date(w.latest_date)}</td>
                    <td class="num">{days(w.days_since as f64)}</td>
                </tr>
            }
        })
        .collect_view();
    let more = (shown < total).then(|| {
        let next = (total - shown).min(PAGE);
        view! {
            <p class="table-more" data-testid="delay-more">
                {format!("Showing {shown} of {total} children. ")}
                <button class="secondary" on:click=move |_| limit_signal.update(|l| *l += PAGE)>{format!("Show {next} more")}</button>
                " "
                <button class="secondary" on:click=move |_| limit_signal.set(usize::MAX)>"Show all"</button>
            </p>
        }
    });
    view! {
        <table class="table" data-testid="delay-waiting-table">
            <caption>"Children waiting now. Select a child id to open the timeline."</caption>
            <thead><tr>
                <th scope="col">"Child"</th>
                <th scope="col">"Furthest milestone reached"</th>
                <th scope="col">"Reached on"</th>
                <th scope="col" aria-sort=sort.days_aria_sort()>
                    "Days since"
                </th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {more}
    }
    .into_any()
}

/// Stage medians among children with legal permanence, and a sentence on where the time goes.
fn medians(r: &DelayReport) -> impl IntoView + use<> {
    let p = &r.permanence_reached;
    if p.n == 0 {
        return view! {
            <p data-testid="delay-medians-none">
                "No child in the selection has legal permanence by the as-at date, so there are no stage medians yet."
            </p>
        }
        .into_any();
    }
    let sentence = where_time_goes(r).unwrap_or_default();
    let rows = p
        .stages
        .iter()
        .map(|s| {
            let name = s.id.title();
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td>{JourneyPart::of(s.id).label()}</td>
                    <td class="num">{s.n}</td>
                    <td class="num">{opt_days(s.median_days)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p data-testid="delay-medians-summary">{sentence}</p>
        <table class="table" data-testid="delay-medians-table">
            <caption>"Median days in each stage, among children with legal permanence"</caption>
            <thead><tr>
                <th scope="col">"Stage"</th>
                <th scope="col">"Part of the journey"</th>
                <th scope="col">"Children with both dates"</th>
                <th scope="col">"Median"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="hint">
            "Recommendation to ADM decision overlaps the panel stages, and the whole journey spans them all, "
            "so the medians do not add up."
        </p>
    }
    .into_any()
}
